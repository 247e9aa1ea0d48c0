"""ZM414: a 0.10-0.13 ``Integration.flavors()`` returning ``FlavorWrapper(source=...)`` (or ``FlavorWrapper.from_flavor(Class)``) objects.

ZenML 0.10-0.13 integrations declared their flavors as ``FlavorWrapper(name=..., source=
"pkg.module.Class", type=..., integration=...)`` (``zenml.zen_stores.models``, gone in 0.20: the
package's ``__init__`` fails to import, and with it every module of the package). 0.20's
``Integration.flavors()`` returns the ``Flavor`` classes themselves, imported inside the
method. The ZM409 port writes ``<Class>Flavor`` next to each 0.13 component class, so a wrapper
whose ``source`` names a class this run ports (or that already has its Flavor) becomes that
Flavor class. ZM112 keeps reporting the ``FlavorWrapper`` name, annotation and import: they are
resolved by this fix (``migrate/scan/resolved_with.py``), or keep their TODO when it declines.
"""

import ast
from typing import List, Optional, Tuple

from zenml_migrate.rules.base import Bad, CallCheck, Fix, Good, Kwarg, Rule, snippet as _c
from zenml_migrate.scan.fix_checks import Unsafe, Via

WRAPPER = "zenml.zen_stores.models.flavor_wrapper.FlavorWrapper"
#: ``FlavorWrapper.from_flavor(ComponentClass)``: the wrapper of that class (0.10-0.13: name, type
#: and ``source=f"{cls.__module__}.{cls.__name__}"`` read from the class)
FROM_FLAVOR = "from_flavor"
#: ``FlavorWrapper``'s fields in declaration order (zenml/zen_stores/models/flavor_wrapper.py, 0.10-0.13)
FIELDS = ("name", "type", "source", "integration")
SOURCE_AT = FIELDS.index("source")
#: what a finding carries (``Finding.fix_args``): the ``"pkg.module.Class"`` its wrapper names
SOURCE = "source"


def _enclosing_function(node: ast.AST, parent) -> Tuple[Optional[ast.FunctionDef], Optional[ast.AST]]:
    """The innermost function around ``node`` and what holds that function."""
    current = parent(node)
    while current is not None and not isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef)):
        current = parent(current)
    return current, (parent(current) if current is not None else None)


def positional_source(call: ast.Call) -> Optional[ast.expr]:
    """The ``source`` given by position: ``FlavorWrapper`` is a pydantic model of the fields
    ``FIELDS`` (0.10-0.13), which takes keywords only (TypeError on 0.13.2 too), but a positional
    call says which class it means in field order."""
    if any(k.arg == "source" for k in call.keywords) or len(call.args) <= SOURCE_AT:
        return None
    if any(isinstance(a, ast.Starred) for a in call.args[: SOURCE_AT + 1]):
        return None
    return call.args[SOURCE_AT]


def _positional(call: ast.Call, resolve) -> List[ast.AST]:
    node = positional_source(call)
    return [node] if node is not None else []


def from_flavor_class(call: ast.Call) -> Optional[ast.expr]:
    """The class given to ``FlavorWrapper.from_flavor(cls)`` (by position or ``flavor=``)."""
    if len(call.args) == 1 and not call.keywords and not isinstance(call.args[0], ast.Starred):
        return call.args[0]
    if not call.args and len(call.keywords) == 1 and call.keywords[0].arg == "flavor":
        return call.keywords[0].value
    return None


def _from_flavor(call: ast.Call, resolve) -> List[ast.AST]:
    node = from_flavor_class(call)
    return [node] if node is not None else []


def class_source(name: str, detector) -> Optional[str]:
    """``"pkg.module.Class"`` for the module-level name ``name`` of the scanned module: a class it
    defines or imports with ``from ... import`` (relative imports too); None otherwise."""
    module = detector.module_name
    tree = detector.tree or detector._walked
    for stmt in tree.body:
        if isinstance(stmt, ast.ClassDef) and stmt.name == name and module:
            return f"{module}.{name}"
        if isinstance(stmt, ast.ImportFrom):
            for alias in stmt.names:
                if (alias.asname or alias.name) != name:
                    continue
                if stmt.level == 0:
                    return f"{stmt.module}.{alias.name}" if stmt.module else None
                parts = module.split(".") if module else []
                keep = len(parts) - stmt.level + (1 if detector.is_package else 0)
                if keep <= 0 or not module:
                    return None
                base = ".".join(parts[:keep] + ([stmt.module] if stmt.module else []))
                return f"{base}.{alias.name}"
    return None


def _source(call: ast.Call, detector=None) -> Optional[str]:
    if isinstance(call.func, ast.Attribute):  # ``FlavorWrapper.from_flavor(Class)``
        cls = from_flavor_class(call)
        return class_source(cls.id, detector) if isinstance(cls, ast.Name) and detector is not None else None
    value = next((k.value for k in call.keywords if k.arg == "source"), None) or positional_source(call)
    return value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None


def _wrapper_names(function: ast.AST, resolve) -> List[ast.Name]:
    return [n for n in ast.walk(function) if isinstance(n, ast.Name) and resolve(n) == WRAPPER]


def waits_for_the_project(finding) -> bool:
    """A ZM414 finding left only because the module of its source is not among the files this
    run rewrites (``migrate code --fix FILE``): a run on the project fixes it."""
    from zenml_migrate.scan.component_port import LEFT_OUTSIDE_RUN

    return finding.code == "ZM414" and finding.fix is None and LEFT_OUTSIDE_RUN in finding.message


def wrapper_check(node: ast.AST, site) -> Optional[str]:
    """Fixable: every ``FlavorWrapper`` of the ``flavors()`` method holding ``node`` (a
    ``source=`` keyword or the third positional argument) is a call whose literal ``source``
    (implicitly concatenated strings too) names a class with a 0.20 Flavor
    class after this run, or is in the method's return annotation (the method is rewritten
    whole or not at all). Unsafe when one of those Flavor classes is written by an unsafe port.
    The finding carries the source of its own wrapper (``SOURCE``: ``"pkg.module.Class"``, the
    class a ``from_flavor`` names resolved in this module), which the codemod turns into its Flavor class."""
    from zenml_migrate.scan.component_port import FACTS, flavor_source

    function, holder = _enclosing_function(node, site.parent)
    if function is None or function.name != "flavors" or not isinstance(holder, ast.ClassDef):
        return "not in the `flavors()` method of an Integration class"
    calls = {id(c.func): c for c in ast.walk(function) if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)}
    calls.update({  # ``FlavorWrapper.from_flavor(Class)``: by the ``FlavorWrapper`` name in it
        id(c.func.value): c for c in ast.walk(function)
        if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and c.func.attr == FROM_FLAVOR
    })
    returns = {id(n) for n in ast.walk(function.returns)} if function.returns is not None else set()
    detector = site.detector
    unsafe = None
    own = getattr(site.parent(node), "func", None)
    own = getattr(own, "value", own)  # ``FlavorWrapper.from_flavor``: its name
    for name in sorted(_wrapper_names(function, site.resolve), key=lambda n: n is not own):  # its own wrapper first
        if id(name) in returns:
            continue
        call = calls.get(id(name))
        source = _source(call, detector) if call is not None else None
        if source is None:
            return ("a `FlavorWrapper` here is not a call with a literal `source=\"module.Class\"` nor "
                    "`FlavorWrapper.from_flavor(Class)` of a class this module defines or imports")
        module = source.rpartition(".")[0]
        if source + FACTS not in detector.project and module in detector.project_modules:
            detector.pending = True  # the class's module is read in phase B: decide then
        if source + FACTS not in detector.project and module not in detector.project_modules:
            return f"`{source}`: this project has no module `{module}`; return the 0.20 Flavor class of that component"
        check = flavor_source(source, detector.project)
        if check is None or check.replacement is None:
            return f"`{source}`: " + (check.why if check else "not a component class with a 0.20 Flavor class")
        if check.fix == "unsafe":
            unsafe = check.why
    mine = site.parent(node)
    return Via(SOURCE, _source(mine, detector), unsafe=unsafe) if isinstance(mine, ast.Call) else Unsafe(unsafe) if unsafe else None


ZM414 = Rule(
    code="ZM414",
    name="flavor-wrapper-flavors",
    message="`Integration.flavors()` returns `FlavorWrapper`s: ZenML 0.20 expects the `Flavor` classes",
    why=(
        "ZenML 0.10-0.13 integrations listed their flavors as `FlavorWrapper(name=..., source=\"pkg.m.Class\", "
        "type=..., integration=...)` from `zenml.zen_stores.models`, which 0.20 deleted (the package's `__init__` "
        "fails to import, and every module below it). In 0.20 `Integration.flavors()` returns the `Flavor` "
        "subclasses (`List[Type[Flavor]]`), imported inside the method."
    ),
    instead="Return the 0.20 Flavor classes: `from pkg.m import ClassFlavor` inside `flavors()`, "
    "`return [ClassFlavor]`, annotated `-> List[Type[Flavor]]`.",
    fix=Fix.SAFE,
    fix_note="Safe when every `FlavorWrapper` of the method names, with a literal `source=` (or a literal third "
    "positional argument: the field order is name, type, source, integration; or `FlavorWrapper.from_flavor(C)` "
    "of a class `C` the module defines or imports), a component class "
    "whose `<Class>Flavor` exists after this run (written by the ZM409 port, unsafe when that port is); the "
    "method gets a lazy import of those classes and each wrapper becomes its class. Anything else (a computed "
    "source, a class this run does not port) keeps ZM112's TODO.",
    codemod="flavor_wrappers:FlavorClasses",
    fix_check=wrapper_check,
    todo="return the 0.20 Flavor classes from flavors() (see `migrate explain ZM414`)",
    match=(Kwarg(WRAPPER, "source"), CallCheck(WRAPPER, _positional), CallCheck(f"{WRAPPER}.{FROM_FLAVOR}", _from_flavor)),
    bad=(
        Bad(
            _c(
                """
                from typing import List

                from zenml.enums import StackComponentType
                from zenml.integrations.integration import Integration
                from zenml.zen_stores.models import FlavorWrapper


                class TeamIntegration(Integration):
                    NAME = "team"

                    @classmethod
                    def flavors(cls) -> List[FlavorWrapper]:
                        \"\"\"The team's stack component flavors.\"\"\"
                        return [
                            FlavorWrapper(
                                name="team_tracker",
                                source="team.trackers.TeamTracker",
                                type=StackComponentType.EXPERIMENT_TRACKER,
                                integration=cls.NAME,
                            )
                        ]
                """
            ),
            count=1,  # no fix here: this run reads no class `team.trackers.TeamTracker` (ZM112's TODOs stay)
        ),
        Bad(
            _c(
                """
                from zenml.enums import StackComponentType
                from zenml.integrations.integration import Integration
                from zenml.zen_stores.models import FlavorWrapper


                class TeamIntegration(Integration):
                    NAME = "team"

                    @classmethod
                    def flavors(cls):
                        return [FlavorWrapper("team_tracker", StackComponentType.EXPERIMENT_TRACKER, "team.trackers" ".TeamTracker", cls.NAME)]
                """
            ),
            count=1,  # the source by position (field order name, type, source, integration), split over two literals
        ),
        Bad(
            _c(
                """
                from zenml.integrations.integration import Integration
                from zenml.zen_stores.models import FlavorWrapper

                from team.trackers import TeamTracker


                class TeamIntegration(Integration):
                    NAME = "team"

                    @classmethod
                    def flavors(cls):
                        return [FlavorWrapper.from_flavor(TeamTracker)]
                """
            ),
            count=1,  # the wrapper built from the class (rewritten when this run ports `team.trackers`)
        ),
    ),
    good=(
        Good(
            _c(
                """
                from typing import List, Type

                from zenml.integrations.integration import Integration
                from zenml.stack import Flavor


                class TeamIntegration(Integration):
                    NAME = "team"

                    @classmethod
                    def flavors(cls) -> List[Type[Flavor]]:
                        from team.trackers import TeamTrackerFlavor

                        return [TeamTrackerFlavor]
                """
            )
        ),
        Good("def wrap(source):\n    return dict(source=source)\n\nwrap(source='a.B')\n"),
    ),
)
