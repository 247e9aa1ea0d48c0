"""ZM448: ZenML 0.6-0.11's step guard of the repository (``@restrict_step_access`` and its
``ForbiddenRepositoryAccessError``), inlined where it was imported."""

import ast
from typing import Dict, Optional, Tuple

from zenml_migrate.rules.base import Bad, Fix, Good, Ref, Rule, snippet as _c
from zenml_migrate.rules.inlined_helpers import inline_reason, yields_to_removal

DECORATOR_MODULE = "zenml.steps.restrict_step_access_decorator"
ERROR = "ForbiddenRepositoryAccessError"
# where 0.6.1-0.11.0 code imported the two names from (the exception is re-exported by the other two)
MODULES = ("zenml.exceptions", DECORATOR_MODULE, "zenml.repository")
_MESSAGE = (
    "Unable to access repository during step execution. If you require access to the artifact or metadata store, "
    "please use a `StepContext` inside your step instead."
)

# the code of the zenml 0.11.0 wheel (zenml/exceptions.py, zenml/steps/restrict_step_access_decorator.py)
HELPERS = (
    (
        ERROR,
        ("from zenml.exceptions import ZenMLBaseException",),
        f"class {ERROR}(ZenMLBaseException, RuntimeError):\n"
        '    """Raised when trying to access a ZenML repository instance while a step is executed.\n\n'
        "    Inlined by zenml-migrate: ZenML 0.6-0.11 shipped it as\n"
        f"    zenml.exceptions.{ERROR}; ZenML 0.20 does not.\n"
        '    """\n',
    ),
)


def _guard(raises: str, note: str) -> tuple:
    """The decorator's helper entry: its code raising ``raises``."""
    return (
        "restrict_step_access",
        ("from zenml.environment import Environment",),
        "def restrict_step_access(_func):\n"
        '    """Return the function unchanged; raise when it is decorated inside a running step.\n\n'
        "    Inlined by zenml-migrate: ZenML 0.7-0.11 shipped it as\n"
        f"    {DECORATOR_MODULE}.restrict_step_access; ZenML 0.20 does not\n"
        f"    (it raised zenml's {ERROR}{note}).\n"
        '    """\n'
        "    if Environment().step_is_running:\n"
        f'        raise {raises}("{_MESSAGE}")\n'
        "    return _func\n",
    )


HELPERS = (*HELPERS, _guard("RuntimeError", ", a RuntimeError"))
# where the module inlines both names: the decorator raises the inlined class, as 0.11's raised zenml's
GUARDED_HELPERS = (HELPERS[0], _guard(ERROR, "; here: the class inlined in this module"))


USERS = f"{ERROR}.__zm448__"  # the cross-file fact of a module that uses zenml's exception (value: its module)
_NOT_BOTH = (f"this module does not import both `restrict_step_access` and `{ERROR}` (by that name) from zenml: "
             f"the inlined decorator raises `RuntimeError` (the class {ERROR} derived from), and an inlined `{ERROR}` "
             "is a class of this module's own")


def _zenml_error_bound(detector) -> Dict[str, Tuple[str, ast.ImportFrom]]:
    """``{local name: import line}`` of the module-level ``from <guard module> import ...`` names."""
    out = {}
    for stmt in detector.top_level().body:
        if isinstance(stmt, ast.ImportFrom) and stmt.level == 0 and stmt.module in MODULES:
            for alias in stmt.names:
                out[alias.name] = (alias.asname or alias.name, stmt)
    return out


def guard_users(detector) -> Dict[str, str]:
    """``USERS``: this module uses zenml's exception (an import of it, a read through its module)."""
    if ERROR not in detector.text:
        return {}
    if ERROR in _zenml_error_bound(detector):
        return {USERS: detector.module_name}
    for node in ast.walk(detector.tree):
        if isinstance(node, ast.Attribute) and node.attr == ERROR and (detector.resolve(node) or "").startswith("zenml."):
            return {USERS: detector.module_name}
    return {}


def guard_check(node: ast.AST, site) -> Optional[str]:
    """Fixable as ZM440's inlines are (``inline_check``); safe where the module's module-level
    ``from`` lines bind both names (the exception as itself) and no other module of the project uses
    zenml's exception (``USERS``, known in the scan's later rounds): the inlined decorator then raises
    the inlined class (``GUARDED_HELPERS``), as 0.11's raised zenml's. Else unsafe, as before."""
    from zenml_migrate.scan.fix_checks import Unsafe, Via

    reason = inline_reason(node, site)
    if reason is not None:
        return reason
    detector = site.detector
    bound = _zenml_error_bound(detector)
    why = _NOT_BOTH
    if bound.get(ERROR, ("",))[0] == ERROR and "restrict_step_access" in bound:
        others = sorted({v for k, v in detector.project.items() if k.endswith("." + USERS) and v != detector.module_name})
        if not detector.project:
            detector.pending = True  # the other modules' uses are facts of a later round
            why = f"the other modules' uses of `{ERROR}` are not known yet"
        elif not others:
            return Via("helpers", GUARDED_HELPERS)
        else:
            why = f"`{others[0]}` uses zenml's `{ERROR}` too: each module would hold a class of its own"
    return yields_to_removal(node, site) or Unsafe(why)


def _decorated(name: str) -> str:
    """An example: a function decorated with the guard imported as ``name``."""
    imported = "restrict_step_access" + ("" if name == "restrict_step_access" else f" as {name}")
    return f'from {DECORATOR_MODULE} import {imported}\n\n\n@{name}\ndef active_stack_name():\n    return "default"\n'


def _decorated_fixed(name: str) -> str:
    """``_decorated(name)`` fixed: the decorator's code inlined as ``name``."""
    return _c(
        f'''
        from zenml.environment import Environment


        def {name}(_func):
            """Return the function unchanged; raise when it is decorated inside a running step.

            Inlined by zenml-migrate: ZenML 0.7-0.11 shipped it as
            {DECORATOR_MODULE}.restrict_step_access; ZenML 0.20 does not
            (it raised zenml's {ERROR}, a RuntimeError).
            """
            if Environment().step_is_running:
                raise RuntimeError("{_MESSAGE}")
            return _func


        @{name}
        def active_stack_name():
            return "default"
        '''
    )


ZM448 = Rule(
    code="ZM448",
    name="restrict-step-access",
    message="ZenML 0.6-0.11's `@restrict_step_access` / `ForbiddenRepositoryAccessError` are gone in ZenML 0.20; "
    "their code can take the import's place",
    why=(
        f"`{DECORATOR_MODULE}.restrict_step_access` (ZenML 0.7-0.11) returned the decorated function unchanged and "
        f"raised `zenml.exceptions.{ERROR}` (0.6-0.11) when the decoration ran inside a step, so that helpers "
        "reading the repository were not used from step code. 0.12 removed both (ImportError on 0.13.2 and 0.20): "
        "a 0.20 step may use `Client()`."
    ),
    instead=f"Drop the decorator (ZenML 0.20 allows `Client()` in a step) and the `except {ERROR}` clauses, or "
    "keep the guard as your own code.",
    fix=Fix.SAFE,
    fix_note="The import line becomes the code of the 0.11.0 wheel (the exception class, the decorator), so "
    "every use behaves as before. Safe where the module imports both names (the exception by its own name) and no "
    f"other module of the project uses zenml's `{ERROR}`: the inlined decorator raises the inlined class, as 0.11's "
    f"raised zenml's. Unsafe elsewhere: the inlined decorator raises `RuntimeError` (the class {ERROR} derived "
    "from), which an `except` of the inlined class does not catch, and two modules that import the exception "
    "would hold two different classes.",
    codemod="inline_helpers:InlineHelpers",
    fix_args=(("helpers", HELPERS), ("module", MODULES)),
    fix_check=guard_check,
    exports=guard_users,
    todo="ZenML 0.20 has no step guard of the repository: drop it or define it in your project "
    "(see `migrate explain ZM448`)",
    match=(
        Ref(f"{DECORATOR_MODULE}.restrict_step_access", *(f"{m}.{ERROR}" for m in MODULES)),
    ),
    bad=(
        Bad(_decorated("restrict_step_access"), fixed=_decorated_fixed("restrict_step_access"), count=2, unsafe=True),
        Bad(
            _c(
                """
                from zenml.exceptions import ForbiddenRepositoryAccessError, StackExistsError


                def guarded(read):
                    try:
                        return read()
                    except (ForbiddenRepositoryAccessError, StackExistsError):
                        return None
                """
            ),
            fixed=_c(
                f'''
                from zenml.exceptions import StackExistsError
                from zenml.exceptions import ZenMLBaseException


                class {ERROR}(ZenMLBaseException, RuntimeError):
                    """Raised when trying to access a ZenML repository instance while a step is executed.

                    Inlined by zenml-migrate: ZenML 0.6-0.11 shipped it as
                    zenml.exceptions.{ERROR}; ZenML 0.20 does not.
                    """


                def guarded(read):
                    try:
                        return read()
                    except (ForbiddenRepositoryAccessError, StackExistsError):
                        return None
                '''
            ),
            count=2,
            unsafe=True,
        ),
        Bad(_decorated("guarded"), fixed=_decorated_fixed("guarded"), count=2, unsafe=True),  # an alias: the inlined def takes it
        Bad(  # a subclass and an instance made at import (both run when the module is imported)
            _c(
                """
                from zenml.repository import ForbiddenRepositoryAccessError


                class StepReadError(ForbiddenRepositoryAccessError):
                    pass


                DENIED = ForbiddenRepositoryAccessError("no repository in a step")
                """
            ),
            fixed=_c(
                f'''
                from zenml.exceptions import ZenMLBaseException


                class {ERROR}(ZenMLBaseException, RuntimeError):
                    """Raised when trying to access a ZenML repository instance while a step is executed.

                    Inlined by zenml-migrate: ZenML 0.6-0.11 shipped it as
                    zenml.exceptions.{ERROR}; ZenML 0.20 does not.
                    """


                class StepReadError(ForbiddenRepositoryAccessError):
                    pass


                DENIED = ForbiddenRepositoryAccessError("no repository in a step")
                '''
            ),
            count=3,
            unsafe=True,
        ),
        Bad(  # read through its module: reported, no automatic fix (a TODO)
            _c(
                """
                from zenml import exceptions


                def guarded(read):
                    try:
                        return read()
                    except exceptions.ForbiddenRepositoryAccessError:
                        return None
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good("def restrict_step_access(f):\n    return f\n\n\n@restrict_step_access\ndef g():\n    pass\n"),
        Good(  # the project's own class of that name (what the fix writes), and a subclass of it
            _c(
                """
                from zenml.exceptions import ZenMLBaseException


                class ForbiddenRepositoryAccessError(ZenMLBaseException, RuntimeError):
                    pass


                class StepReadError(ForbiddenRepositoryAccessError):
                    pass
                """
            )
        ),
        Good("from zenml.exceptions import StackExistsError\n\ntry:\n    pass\nexcept StackExistsError:\n    pass\n"),
    ),
)
