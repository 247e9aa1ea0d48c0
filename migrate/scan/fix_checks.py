"""Where a codemod cannot rewrite one occurrence, said on the ``ast`` the scan already has (engine
code: the rules name their checks, ``rules/`` holds the rules only).

``BY_CODEMOD`` gives, for a codemod, the check every rule naming it gets (``Rule.fix_check``
adds a rule's own); a new codemod's check can be registered from its rule's module instead
(``codemod_check``). A check returns the reason the fix does not apply, or None. The scan then
marks that finding without a fix and says why, and ``code --fix`` leaves it with a TODO: the
same decision on both sides, so that a finding marked fixable is always rewritten. A check may
answer ``Unsafe(reason)`` instead: a safe fix that needs ``--unsafe-fixes`` for this occurrence.
Each check reads the rule's data through ``site.arg`` (``migrate/scan/detect.FixSite``)."""

import ast
import keyword
import operator
from typing import Callable, Dict, List, Optional, Set, Tuple

from zenml_migrate.scan.api013 import PIPELINE_CLASS, PIPELINE_DECORATOR, STEP_CLASS, STEP_DECORATOR
from zenml_migrate.scan.zenml_index import ALL_020, exists_020, is_package_020
from zenml_migrate.scan.detect import UNSEEN_BASE, dunder_all
from zenml_migrate.scan.splat_keywords import (FOLD_SETTINGS, branches, derived_base, key_text, literal_dict_keys, reads_forwarded, settings_keys_of, stands_for, unchecked,
                                               unchecked_keys)

INSTANCE_CONFIGURATION = "INSTANCE_CONFIGURATION"  # 0.20's class-based step configuration (codemods/trackers.py)
# a tracker decorator's use that stays as written, served by a function of its name the module
# defines (``defined_in_place``; a ``Via`` answer: the finding's ``fix_args``, read by codemods/trackers.py)
DEFINED_IN_PLACE = "defined_in_place"
# its value when the decorator is used on a ``@pipeline`` (ZenML 0.5.7-0.6.0's ``enable_mlflow`` of
# ``zenml.integrations.mlflow.mlflow_utils`` decorated the pipeline class): the module's function
# configures the steps each instance of that pipeline is built with
ON_PIPELINES = "pipelines"
# the dict a keyword of ``dict(BASE, k=v)`` folds beside (a ``Via`` answer of ``settings_keyword``:
# the finding's ``fix_args``, read by codemods/settings.py)
FOLDS_BESIDE = "folds_beside"
# the index, in a step function's decorator list, of the ``functools.partial`` of ``step`` that takes
# a tracker decorator's options (``@quick_step(...)``; a ``Via`` answer of ``enable_decorator``: the
# finding's ``fix_args``, read by codemods/trackers.py)
STEP_PARTIAL_AT = "step_partial_at"

Check = Callable[[ast.AST, object], Optional[str]]


class Unsafe(str):
    """A check's answer that the fix applies here only with ``--unsafe-fixes`` (the text says why)."""


class Via(str):
    """A check's answer that the fix applies here in a way of its own, which the scan decides
    once: the finding carries ``(answer, value)`` in its ``fix_args`` (``Finding.fix_args``), and
    the codemod reads it there instead of deciding again; ``needs``: what this fix needs of
    ``migrate code``'s options as well (as a ``Needs`` answer); ``unsafe``: why this fix needs
    ``--unsafe-fixes`` here (as an ``Unsafe`` answer)."""

    def __new__(cls, key: str, value=True, needs: Optional[str] = None, unsafe: Optional[str] = None):
        answer = super().__new__(cls, key)
        answer.value, answer.needs, answer.unsafe = value, needs, unsafe
        return answer


class Yields(str):
    """A check's answer that the rule's own fix (unsafe) stands aside at ``--fix`` for another
    rule's safe fix of the same code (ZM460 removes the import): no fix of its own here at
    ``--fix`` (the text says why), and its unsafe fix at ``--unsafe-fixes``
    (``Finding.unsafe_view``)."""


class Needs(str):
    """A check's answer that the fix needs an option of ``migrate code`` here (the finding's
    ``needs``, e.g. ``experiment_tracker:mlflow``); ``fix/tracker_names.mark_unnamed`` marks it
    not fixable, in ``scan`` and in ``code``, when the option is not there."""


# ------------------------------------------------------------------ keywords
def keyword_rename_clash(node: ast.AST, site) -> Optional[str]:
    """The call already has the keyword a flagged keyword would be renamed to."""
    if not isinstance(node, ast.keyword) or node.arg is None:
        return None
    table = dict(site.arg("keywords", ()) or ())
    new = table.get(node.arg, site.arg("any_to"))
    call = site.parent(node)
    if new and isinstance(call, ast.Call) and any(k.arg == new for k in call.keywords):
        return f"the call already has `{new}=`: keep one of the two by hand"
    return None


# ------------------------------------------------------------------ renames
# what ``renames:RenameSymbols`` reads of one finding (``Via`` answers of ``renamed_symbol``)
STAR_NAME = "star_name"  # the name a ``from M import *`` re-exports that 0.20's ``M`` lacks: bound again under it
# the same, in a module whose ``__all__`` is computed (``__all__ = list(zenml.steps.__all__)``): 0.20's
# list lacks the name, so it is added to ``__all__`` too (``star_all.computed_all``)
STAR_EXPORT = "star_export"
UNCHECKED_KEYS = "unchecked_keys"  # what the keys of a ``**data`` the scan cannot read must become (a TODO)
# ``from M import Old`` / ``M.Old`` / ``"M.Old"``: the new name can be read from ``M`` where it is
# written (``M`` is the target module, or a 0.20 package that exports the new name)
KEEPS = "keeps"
# ``from M import Old, Other``: the modules the line's other names are renamed into that have this
# new name too (a line whose every name is renamed moves whole to one module that has them all)
HOMES = "homes"
# ``Repository.initialize`` -> ``Client.initialize``: ``(module, Class)`` of the 0.20 class the
# target is a member of (imported, in place of the reference's base)
OWNER = "owner"
# ``bsc.BaseStepConfig`` read through an alias of a module 0.20 lacks: the alias's import goes
# with its last use
BASE_GONE = "base_gone"
# ``getattr(importlib.import_module("zenml.x.y"), "Old")``: the module string becomes this one
PAIR_MODULE = "pair_module"
# ``config_class("Old")`` of ``def config_class(name): return getattr(zenml.steps, name)``: the
# argument (its position or keyword) whose literal is renamed
HELPER_ARG = "helper_arg"


def renamed_symbol(node: ast.AST, site) -> Optional[str]:
    if isinstance(node, ast.Call):  # a name spelled as a string: ``getattr(zsteps, "BaseStepConfig")``
        return spelled_rename(node, site) or _pair_module(node, site)
    if isinstance(node, ast.alias) and node.name == "*":
        # ``from zenml.steps import *`` re-exporting ``BaseStepConfig`` (``Detector.star_reexports``): the
        # finding of that name carries it; the star import's own finding carries nothing
        module, _, name = (site.path or "").rpartition(".")
        star = site.parent(node)
        if not (isinstance(star, ast.ImportFrom) and module and module == star.module):
            return None
        from zenml_migrate.scan.star_all import computed_all

        return Via(STAR_EXPORT if computed_all(site.module.body) else STAR_NAME, name)
    if isinstance(node, ast.keyword) and node.arg is None:
        # ``DockerConfiguration(**CFG["docker"])`` (``splat_keywords.judge_unchecked``): the keys the TODO names
        keys = unchecked_keys(site.rule) if unchecked(node.value) else ""
        return Via(UNCHECKED_KEYS, keys) if keys else None
    attr = getattr(node, "attr", None)
    wanted = site.arg("from_attr")
    if wanted and attr is not None and attr != wanted:
        return f"`{attr}` has no 0.20 replacement"
    if isinstance(node, ast.alias) and isinstance(site.parent(node), ast.Import):
        return "a plain `import` of the module: import the names from their 0.20 module instead"
    return keyword_rename_clash(node, site) or _where_renamed(node, site)


def _where_renamed(node: ast.AST, site):
    """What ``codemods/renames.py`` writes for this reference, decided on the 0.20 name index
    here (``KEEPS``, ``HOMES``, ``OWNER``, ``BASE_GONE``): ``Via`` answers, or None."""
    if isinstance(node, ast.alias):
        line = site.parent(node)
        target = site.rule.rename_targets().get(node.name)
        if not isinstance(line, ast.ImportFrom) or line.level or not line.module or target is None:
            return None
        homes = _homes(line, node, target)
        return (Via(KEEPS, keeps_module(line.module, *target)),) + ((Via(HOMES, homes),) if homes else ())
    if not isinstance(node, ast.Attribute) or site.arg("attr"):
        return None
    from zenml_migrate.scan.component_port import dotted_name

    target = site.rule.rename_targets().get(node.attr)
    if target is None:
        return None
    head = dotted_name(node.value).partition(".")[0]
    bound = site.detector.lookup(head, site.detector.module_scope) if head else None
    module = bound if bound and "(" not in bound and "+" not in bound else None
    gone = (Via(BASE_GONE),) if module and exists_020(module) != ALL_020 else ()
    owner = class_path(target[0])
    if owner is not None:
        return (Via(OWNER, owner),) + gone
    rest = dotted_name(node.value).partition(".")[2]
    base = f"{module}.{rest}" if module and rest else module
    keeps = base is not None and keeps_module(base, *target)
    return (Via(KEEPS, keeps),) + (() if keeps else gone)


def keeps_module(module: str, to_module: str, to_name: str) -> bool:
    """Can ``from module import to_name`` stay on its line? Only from the target module or
    a 0.20 package that exports the name (not from a module that merely imported it)."""
    if module == to_module:
        return True
    return exists_020(module, to_name) == ALL_020 and is_package_020(module)


def class_path(path: str) -> Optional[Tuple[str, str]]:
    """``(module, Class)`` when ``path`` names a class in 0.20 rather than a module."""
    if exists_020(path):
        return None
    module, _, name = path.rpartition(".")
    if module and name[:1].isupper() and exists_020(module, name) == ALL_020:
        return module, name
    return None


def _homes(line: ast.ImportFrom, alias: ast.alias, target: Tuple[str, str]) -> Tuple[str, ...]:
    """The 0.20 modules the other names of ``line`` may be renamed into (by any rename rule)
    that have ``target``'s name in every 0.20 release (its own module aside)."""
    from zenml_migrate.rules import all_rules

    others = {a.name for a in line.names if a is not alias}
    modules = {m for r in all_rules() if r.codemod == "renames:RenameSymbols" for old, (m, _) in r.rename_targets().items() if old in others}
    return tuple(sorted(m for m in modules if m != target[0] and exists_020(m, target[1]) == ALL_020))


def _pair_module(call: ast.Call, site):
    """``getattr(importlib.import_module("zenml.x.y"), "Old")`` whose module 0.20 does not give
    the new name: the module string becomes the target's (``Detector.pair_renamed``)."""
    if site.arg("attr"):
        return None
    module, name = call.args[0], call.args[1]
    target = site.rule.rename_targets().get(name.value) if isinstance(name, ast.Constant) and isinstance(name.value, str) else None
    if target is None or not isinstance(module, ast.Call) or not module.args or not isinstance(module.args[0], ast.Constant):
        return None
    spelled = module.args[0].value
    return Via(PAIR_MODULE, target[0]) if isinstance(spelled, str) and exists_020(spelled, target[1]) != ALL_020 else None


def spelled_rename(call: ast.Call, site) -> Optional[str]:
    """``getattr(M, "Old")`` becomes ``getattr(M, "New")`` when the 0.20 module ``M`` has ``New``
    (``codemods/renames.py``), and ``getattr(importlib.import_module("zenml.x.y"), "Old")`` becomes
    ``getattr(importlib.import_module("zenml.x"), "New")`` when the pair is renamed exactly
    (``Detector.pair_renamed``); another spelling (``importlib.import_module("zenml.x")``, a
    target in another module) is the user's to rewrite."""
    reason = "the name is a string given to getattr/import_module/attrgetter/methodcaller"
    func, args = call.func, call.args
    helper = site.detector.getattr_helper(call)
    if helper is not None:  # ``config_class("Old")``, a function of this file returning ``getattr(M, name)``
        module, name, slot = helper
        target = site.rule.rename_targets().get(name)
        if site.arg("attr") or target is None or exists_020(module, target[1]) != ALL_020:
            return reason
        return Via(HELPER_ARG, slot)
    if not (isinstance(func, ast.Name) and func.id == "getattr" and len(args) in (2, 3)):
        return reason
    if site.arg("attr"):
        # ``getattr(repo, "active_stack_name")`` reads ``repo.active_stack_name``: renamed as that
        # attribute (codemods/renames.py); with a default, or another name, the user's to rewrite
        spelled = read_as_attribute(call)
        return None if spelled is not None and spelled == (site.arg("from_attr") or spelled) else reason
    name, base = args[1], site.resolve(args[0])
    target = site.rule.rename_targets().get(name.value) if isinstance(name, ast.Constant) else None
    if site.detector.pair_renamed(args[0]):  # ``getattr(importlib.import_module("zenml.x"), "Old")``: both strings
        return None
    if base is None or target is None or exists_020(base, target[1]) != ALL_020:
        return reason
    return None


def read_as_attribute(call: ast.Call) -> Optional[str]:
    """``name`` when ``call`` is ``getattr(x, "name")``: two positional arguments, the second a
    literal identifier that no class body would mangle, so the call is exactly ``x.name``."""
    args = call.args
    if call.keywords or len(args) != 2 or any(isinstance(a, ast.Starred) for a in args):
        return None
    name = args[1]
    if not (isinstance(name, ast.Constant) and isinstance(name.value, str) and name.value.isidentifier()):
        return None
    return None if keyword.iskeyword(name.value) or name.value.startswith("__") else name.value


# ------------------------------------------------------------------ attribute writes
def attribute_write(node: ast.AST, site) -> Optional[str]:
    attr = getattr(node, "attr", None)
    if attr not in (site.arg("attributes", ()) or ()):
        return f"`{attr}` cannot be set in ZenML 0.20" if attr else None
    parent = site.parent(node)
    if not (isinstance(parent, ast.Assign) and len(parent.targets) == 1 and parent.targets[0] is node):
        return "a chained, augmented, annotated or unpacking assignment: write `.configure(...)` by hand"
    return None


# ------------------------------------------------------------------ post-execution
#: methods whose call on the receiver also changes a container (``cache.setdefault("repo", Repository())``)
_STORING = frozenset({"setdefault", "pop"})


def post_execution_call(node: ast.AST, site) -> Optional[str]:
    call = site.parent(node)
    if site.arg("template") is not None and isinstance(call, ast.Call) and call.func is node and (call.args or call.keywords):
        return "the call has arguments"
    receiver = node.value if isinstance(node, ast.Attribute) else None
    storing = receiver is not None and next((n.func.attr for n in ast.walk(receiver) if isinstance(n, ast.Call)
                                             and isinstance(n.func, ast.Attribute) and n.func.attr in _STORING), None)
    if site.arg("to") and storing:
        # the function takes the receiver's place: the value it stores would be stored no more (the
        # reason names no text --fix rewrites, so the TODO it writes stays the same on a 2nd run)
        return f"the receiver's `.{storing}(...)` changes a container: call the function beside it"
    return None


# ------------------------------------------------------------------ decorators
def _decorated(node: ast.AST, site):
    """``(the def or class whose decorator list holds node, that decorator)``; Nones otherwise."""
    parent, dec = site.parent(node), node
    if isinstance(parent, ast.Call) and parent.func is node:
        dec, parent = parent, site.parent(parent)
    if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and dec in parent.decorator_list:
        return parent, dec
    return None, None


def _step_decorators(func, site, partials: bool = False) -> List[ast.expr]:
    """The ``@step`` decorators of ``func``; with ``partials``, a ``functools.partial`` of ``step``
    too (``@quick_step(...)``: it takes the same keywords)."""
    return [
        d for d in func.decorator_list
        if (stands_for if partials else operator.eq)(site.resolve(d.func if isinstance(d, ast.Call) else d), STEP_DECORATOR)
    ]


def _settings_value(call: ast.AST) -> Optional[ast.expr]:
    return next((k.value for k in call.keywords if k.arg == "settings"), None) if isinstance(call, ast.Call) else None


def enable_decorator(node: ast.AST, site) -> Optional[str]:
    """``trackers:EnableDecorators``: the options move into the one ``@step`` under it (or the
    ``INSTANCE_CONFIGURATION`` of a class-based step); its import goes with the last use (so it
    stays when a use does)."""
    if isinstance(node, ast.alias):
        local = node.asname or node.name
        needs, used = None, False
        for use in ast.walk(site.module):
            if isinstance(use, ast.Name) and use.id == local and isinstance(use.ctx, ast.Load):
                used = True
                answer = _enable_use(use, site)
                if isinstance(answer, Needs):
                    needs = answer
                elif answer:
                    owner, _ = _decorated(use, site)
                    where = f"`@{local}` on `{owner.name}`" if owner is not None else f"a use of `{local}`"
                    return f"{where} has none: {answer}"  # no line number: TODO lines above it move it
        if not used:  # the import only goes with its last use here: a re-export may be imported elsewhere
            return f"`{local}` is not used in this module (an unused import, or one another module imports from here)"
        return needs
    return _enable_use(node, site)


def _applied_to_one(node: ast.AST, site):
    """``(the decorator expression, the call applying it to one argument)`` when ``node`` is
    called on one value, as a function, directly or after its options: ``enable_x(v)``,
    ``enable_x(k=v)(v)``; Nones otherwise."""
    dec, call = node, site.parent(node)
    if isinstance(call, ast.Call) and call.func is node and call.keywords and not call.args:
        dec, call = call, site.parent(call)
    if not (isinstance(call, ast.Call) and call.func is dec and len(call.args) == 1 and not call.keywords):
        return None, None
    return dec, call


def enable_call(node: ast.AST, site):
    """``(the decorator expression, the zenml ``step(...)`` call it wraps)`` when ``node`` is
    called on one, as a function: ``enable_x(step(f, ...))`` or ``enable_x(k=v)(step(f, ...))``,
    or on a ``step(...)`` call applied to the function, ``enable_x(step(k=v)(f))`` (then the
    call given is ``step(k=v)``, the one that takes the options), in a simple statement; Nones
    otherwise."""
    dec, call = _applied_to_one(node, site)
    if call is None:
        return None, None
    inner = call.args[0]
    if (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Call) and len(inner.args) == 1 and not inner.keywords
            and not isinstance(inner.args[0], ast.Starred) and not inner.func.args
            and all(k.arg is not None for k in inner.func.keywords)  # ``step(**KW)(f)``: no keyword list to extend
            and site.resolve(inner.func.func) == STEP_DECORATOR):
        inner = inner.func  # ``step(name="x")(f)``: the options go to ``step(name="x", ...)``
    elif not (isinstance(inner, ast.Call) and site.resolve(inner.func) == STEP_DECORATOR and inner.args):
        return None, None
    statement = site.parent(call)
    while statement is not None and not isinstance(statement, ast.stmt):
        statement = site.parent(statement)
    if not isinstance(statement, (ast.Assign, ast.AnnAssign, ast.Expr, ast.Return)):
        return None, None
    return dec, inner


_STEP_CLASS_HEAD = STEP_CLASS[:-1]  # ``zenml.steps.base_step.BaseStep``, then ``+`` or a mark
# expressions that evaluate their parts lazily or not at all: a statement put before the one
# holding them would run where the original code did not
_LAZY = (ast.Lambda, ast.IfExp, ast.BoolOp, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def enable_on_class(node: ast.AST, site):
    """``(the decorator expression, the step class reference)`` when ``node`` is called, as a
    function, on a step class (a ``@step`` function or a ``BaseStep`` subclass) spelled as a name
    or a dotted name: ``X = enable_x(trainer)``, ``enable_x(k=v)(Trainer)``. 0.13.2 changed that
    class in place and returned it; the rewrite (``codemods/trackers.py``) configures the class
    in a statement put before the one holding the call, which becomes the reference: so only a
    call the statement always evaluates, in a statement alone on its line. Nones otherwise."""
    dec, call = _applied_to_one(node, site)
    if call is None:
        return None, None
    ref = call.args[0]
    if not _dotted(ref):
        return None, None
    path = site.resolve(ref) or ""
    if not (path.startswith(_STEP_CLASS_HEAD) and path.endswith("+") and "(" not in path) and not _plain_parameter(ref, site):
        return None, None
    statement = site.parent(call)
    while statement is not None and not isinstance(statement, ast.stmt):
        if isinstance(statement, _LAZY):
            return None, None
        statement = site.parent(statement)
    if not isinstance(statement, (ast.Assign, ast.AnnAssign, ast.Expr, ast.Return)) or not _alone_on_its_line(statement, site):
        return None, None
    return dec, ref


def _plain_parameter(ref: ast.AST, site) -> bool:
    """Is ``ref`` a parameter of the function it is read in, never rebound there, without a
    ``None`` default: ``def tracked(step_cls): return enable_mlflow(step_cls)``? 0.13.2's
    ``enable_x`` raised RuntimeError on anything but a step class (``issubclass(_step,
    BaseStep)``, ``None`` aside: it returned the decorator then), so wherever such a call ran,
    the parameter held a step class."""
    if not isinstance(ref, ast.Name) or site.resolve(ref):
        return False
    func = site.parent(ref)
    while func is not None and not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.Module)):
        func = site.parent(func)
    if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    args = func.args
    positional = args.posonlyargs + args.args
    defaults = dict(zip([a.arg for a in positional][len(positional) - len(args.defaults):], args.defaults))
    defaults.update((a.arg, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None)
    if ref.id not in {a.arg for a in positional + args.kwonlyargs}:
        return False
    default = defaults.get(ref.id)
    if isinstance(default, ast.Constant) and default.value is None:
        return False
    for inner in ast.walk(func):
        if isinstance(inner, (ast.Global, ast.Nonlocal)) and ref.id in inner.names:
            return False
        if isinstance(inner, ast.Name) and inner.id == ref.id and not isinstance(inner.ctx, ast.Load):
            return False
    return True


def _dotted(node: ast.AST) -> bool:
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


def _alone_on_its_line(statement: ast.stmt, site) -> bool:
    """Is ``statement`` the only statement of its line(s), in an indented block (a statement can
    be put before it)?"""
    owner = site.parent(statement)
    if owner is not None and not isinstance(owner, ast.Module) and getattr(owner, "lineno", 0) == statement.lineno:
        return False  # ``if x: y = enable_x(t)``
    for field in ("body", "orelse", "finalbody"):
        block = getattr(owner, field, None) or []
        if statement in block:
            i = block.index(statement)
            before = block[i - 1] if i else None
            after = block[i + 1] if i + 1 < len(block) else None
            return (before is None or before.end_lineno < statement.lineno) and (after is None or after.lineno > statement.end_lineno)
    return False


def _enable_use(node: ast.AST, site) -> Optional[str]:
    owner, dec = _decorated(node, site)
    called, step_call = enable_call(node, site) if owner is None else (None, None)
    if owner is None and step_call is None:
        called, step_class = enable_on_class(node, site)
        if step_class is None:
            flavor = site.arg("tracker_flavor")
            if site.arg("on_pipelines") and _called_on_pipeline_class(node, site):
                return _on_pipeline(node, node, site, flavor)  # ``enable_mlflow(training_pipeline, ...)``: ZenML 0.5
            if not defined_in_place(node, site):
                return "it is used neither as a decorator nor called on a `step(...)` call or a step class"
            # a value: the module defines a 0.20 function of that name
            return Via(DEFINED_IN_PLACE, needs=f"experiment_tracker:{flavor}" if flavor else None)
        if isinstance(called, ast.Call) and (called.args or any(k.arg is None for k in called.keywords)):
            return "the decorator has positional or `**` arguments"
        flavor = site.arg("tracker_flavor")
        return Needs(f"experiment_tracker:{flavor}") if flavor else None
    dec = dec if owner is not None else called
    if isinstance(dec, ast.Call) and (dec.args or any(k.arg is None for k in dec.keywords)):
        return "the decorator has positional or `**` arguments"
    flavor = site.arg("tracker_flavor")
    if flavor and owner is not None and sum(_is_tracker_decorator(d, site) for d in owner.decorator_list) > 1:
        return "two experiment tracker decorators on one step: 0.20 gives a step one tracker, keep one by hand"
    if isinstance(owner, ast.ClassDef):  # the options go into a class attribute (codemods/trackers.py)
        if owner.body[0].lineno == owner.lineno:
            return "the class body is on the `class` line"
        if any(_binds(stmt, INSTANCE_CONFIGURATION) for stmt in owner.body):
            return "the class sets `INSTANCE_CONFIGURATION` itself: add the options to it by hand"
        return Needs(f"experiment_tracker:{flavor}") if flavor else None
    steps = [step_call] if step_call is not None else _step_decorators(owner, site)
    if not steps and site.arg("on_pipelines") and _decorated_pipeline(owner, site):
        return _on_pipeline(node, dec, site, flavor)
    partial = None
    if not steps and step_call is None:
        steps = _step_decorators(owner, site, partials=True)
        partial = owner.decorator_list.index(steps[0]) if len(steps) == 1 else None
    if len(steps) != 1:
        return "the function has no single `@step` decorator to take the options"
    settings = _settings_value(steps[0])
    adds_settings = bool(site.arg("extra")) or (isinstance(dec, ast.Call) and bool(dec.keywords))
    if adds_settings and settings is not None and not isinstance(settings, ast.Dict):
        return "the `@step`'s `settings=` is not a dict literal"
    needs = None
    if flavor and not (isinstance(steps[0], ast.Call) and any(k.arg == "experiment_tracker" for k in steps[0].keywords)):
        needs = f"experiment_tracker:{flavor}"  # the @step must name a tracker of that flavor
    if partial is not None:
        return Via(STEP_PARTIAL_AT, partial, needs=needs)
    return Needs(needs) if needs else None


def _decorated_pipeline(owner, site) -> bool:
    """Is ``owner`` a function under one zenml ``@pipeline`` decorator?"""
    if not isinstance(owner, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    return sum(site.resolve(d.func if isinstance(d, ast.Call) else d) == PIPELINE_DECORATOR for d in owner.decorator_list) == 1


def _called_on_pipeline_class(node: ast.AST, site) -> bool:
    """Is ``node`` called on a pipeline class (a ``@pipeline`` function or a ``BasePipeline``
    subclass) as its first argument: ``enable_mlflow(training_pipeline, experiment_name="x")``,
    ZenML 0.5.7-0.6.0's pipeline decorator called as a function?"""
    call = site.parent(node)
    if not (isinstance(call, ast.Call) and call.func is node and call.args and _dotted(call.args[0])):
        return False
    path = site.resolve(call.args[0]) or ""
    return path.startswith(PIPELINE_CLASS[:-1]) and path.endswith("+") and "(" not in path


def _on_pipeline(node: ast.AST, dec: ast.AST, site, flavor: str):
    """``@enable_mlflow`` above a ``@pipeline`` (ZenML 0.5.7-0.6.0: ``enable_mlflow(_pipeline,
    experiment_name=None)`` of ``mlflow_utils`` ran every step of each run inside one mlflow run of
    the experiment named after the pipeline). 0.20 activates a tracker per step: the module
    defines a function of that name that configures the steps each instance of the pipeline
    class is built with (``codemods/trackers.py``), and the decorator stays."""
    if isinstance(dec, ast.Call):
        return "the decorator is called: ZenML 0.5's pipeline decorator took the pipeline only"
    if not defined_in_place(node, site):
        return "the name is bound more than once in this module: the module cannot define it"
    return Via(DEFINED_IN_PLACE, ON_PIPELINES, needs=f"experiment_tracker:{flavor}")


def defined_in_place(node: ast.AST, site) -> bool:
    """Can the rewrite define the decorator in this module, in place of its import, as a 0.20
    function that does what it did (``codemods/trackers.py``: ``enable_x(step_class)`` /
    ``enable_x(**options)(step_class)`` configures the class and returns it)? For a use the
    decorator rewrites cannot place (a value kept in a dict, a loop over decorators, a call under
    a condition): the name is bound once in the module, by a top-level ``from ... import``."""
    if not isinstance(node, ast.Name):
        return False
    local, binders = node.id, 0
    for stmt in site.module.body:
        if isinstance(stmt, ast.ImportFrom) and any((a.asname or a.name) == local for a in stmt.names):
            binders += 1
    for inner in ast.walk(site.module):
        if isinstance(inner, ast.Name) and inner.id == local and not isinstance(inner.ctx, ast.Load):
            return False
        if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and inner.name == local:
            return False
        if isinstance(inner, ast.arg) and inner.arg == local:
            return False
        if isinstance(inner, (ast.Global, ast.Nonlocal)) and local in inner.names:
            return False
        if isinstance(inner, (ast.Import, ast.ImportFrom)) and any((a.asname or a.name).split(".")[0] == local for a in inner.names):
            binders += 0 if inner in site.module.body and isinstance(inner, ast.ImportFrom) else 2
    return binders == 1


def _is_tracker_decorator(dec: ast.expr, site) -> bool:
    """Is ``dec`` (``@x`` or ``@x(...)``) a zenml experiment tracker decorator (a rule with a ``tracker_flavor``)?"""
    from zenml_migrate.rules import all_rules

    name = site.resolve(dec.func if isinstance(dec, ast.Call) else dec) or ""
    return name.startswith("zenml.") and any(
        r.arg("tracker_flavor") and name.rsplit(".", 1)[-1] == r.name.replace("-", "_") for r in all_rules()
    )


def _binds(stmt: ast.stmt, name: str) -> bool:
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, (ast.AnnAssign, ast.AugAssign)) else []
    return any(isinstance(t, ast.Name) and t.id == name for t in targets)


def settings_keyword(node: ast.AST, site):
    """``settings:FoldSettings``: the keyword folds into a ``settings=`` dict literal. Where the call
    also passes ``**``, the finding carries how (``SPLAT``: ``splat_fold``'s answer), and for
    ``dict(BASE, k=v)`` the ``BASE`` it folds beside (``FOLDS_BESIDE``): ``codemods/settings.py``
    reads them and decides neither again."""
    call = site.parent(node)
    if not (isinstance(node, ast.keyword) and isinstance(call, ast.Call)):
        return None
    settings = _settings_value(call)
    if settings is not None and not isinstance(settings, ast.Dict):
        return "the call's `settings=` is not a dict literal"
    ways = ()
    if any(k.arg is None for k in call.keywords):
        way = splat_fold(call, site)
        if way is None:
            return "the call also passes `**` keywords, which may hold a `settings` the new one would replace"
        ways = (Via(SPLAT, way),)
    if isinstance(call.func, ast.Name) and call.func.id == "dict" and call.args:
        # ``dict(BASE, k=v)``: folds beside BASE (``derived_base``; a call it declines is
        # reported without a fix where the dict is judged, ``splat_keywords.judge_dict``)
        base = derived_base(site.detector, call)
        ways += (Via(FOLDS_BESIDE, base),) if base is not None else ()
    return ways or None


SPLAT = "splat"  # the finding's key (``Finding.fix_args``) of how its call's keywords fold next to its ``**``:
SPLAT_BESIDE, SPLAT_INTO = "beside", "into"  # how a call's legacy keywords fold next to ``**NAME``
SPLAT_LIFT = "lift"  # the legacy keys of a ``**(A if c else B)`` written in the call become its keywords


def fold_keywords() -> frozenset:
    """The keywords ``settings:FoldSettings`` folds (of every rule naming it)."""
    return frozenset(settings_keys_of())


def splat_fold(call: ast.Call, site) -> Optional[str]:
    """A call that also passes ``**NAME``, where ``NAME`` is this module's dict (bound once at
    module level to a display / ``dict(...)`` of literal keys, read nowhere else than in ``**NAME``
    splats, imported by no other module): ``SPLAT_BESIDE`` when its keys cannot hold ``settings``
    (no ``settings`` and no legacy keyword, which the dict's own fold turns into ``settings``): the
    new ``settings=`` goes next to it; ``SPLAT_INTO`` when they do and this call is the dict's only
    use: the call's legacy keywords move into the dict, whose fold makes one ``settings`` of them
    (their values are literals or names bound before the dict, so they are the same there).
    ``SPLAT_LIFT`` for ``**({"requirements": [...]} if c else {})`` written in the call, with legacy
    keys and no ``settings`` nor a keyword the call also gives: those keys become keywords of the
    call valued by branch (``requirements=[...] if c else None``; 0.13.2 ignored an absent or falsy
    one) and fold with the call's own (``codemods/settings.py`` ``_lifts``).
    None otherwise (the fold declines)."""
    stars = [k for k in call.keywords if k.arg is None]
    if len(stars) != 1:
        return None
    written = written_keys(stars[0].value)
    if written is not None:  # ``**{...}`` / ``**({...} if c else {})`` written in the call: its keys are known
        if not written & (fold_keywords() | {"settings"}):
            return SPLAT_BESIDE
        liftable = isinstance(stars[0].value, ast.IfExp) and all(isinstance(leaf, ast.Dict) for leaf in branches(stars[0].value))
        if not liftable or "settings" in written or any(k.arg in written for k in call.keywords):
            return None
        return SPLAT_LIFT
    if not isinstance(stars[0].value, ast.Name):
        return None
    if _forwarded_kwargs(call, stars[0].value.id, site):
        return SPLAT_BESIDE
    name, module, detector = stars[0].value.id, site.module, site.detector
    bound = _module_bindings(module)
    if len(bound.get(name, ())) != 1:
        return None
    index = bound[name][0]
    stmt = module.body[index]
    if not isinstance(stmt, (ast.Assign, ast.AnnAssign)) or stmt.value is None:
        return None
    keys = _literal_keys(stmt.value)
    if keys is None or name in dunder_all(module.body) or detector.used_elsewhere(name):
        return None
    splats = {id(k.value) for k in ast.walk(module)
              if isinstance(k, ast.keyword) and k.arg is None and isinstance(k.value, ast.Name) and k.value.id == name}
    targets = {id(t) for t in _targets(stmt)}
    for node in ast.walk(module):
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return None
        if isinstance(node, ast.Name) and node.id == name and id(node) not in splats and id(node) not in targets:
            return None  # read or bound some other way: its keys are not known at the call
    uses = len(splats)
    legacy = fold_keywords()
    if not keys & (legacy | {"settings"}):
        return SPLAT_BESIDE if uses >= 1 else None
    moved = [k for k in call.keywords if k.arg in legacy]
    if (uses != 1 or call.lineno <= stmt.end_lineno or detector.is_bound("dict") or "settings" in keys or any(k.arg == "settings" for k in call.keywords)
            or any(k.arg in keys for k in moved) or not all(_hoistable(k.value, bound, index) for k in moved)):
        return None
    return SPLAT_INTO


def _forwarded_kwargs(call: ast.Call, name: str, site) -> bool:
    """``def build(loader, **kwargs): return Pipeline(..., docker_configuration=..., **kwargs)``:
    ``name`` is the ``**`` parameter of the function the call is in, never rebound there. The new
    ``settings=`` goes beside it: a valid 0.13.2 caller cannot pass ``settings`` through it (0.13.2
    steps and pipelines reject that keyword), and one that did would get Python's TypeError for a
    repeated keyword, never a silently replaced value (redteam24 drift_classbased: a TODO only, the
    module failed at import on 0.20). Not for a zenml decorator's call (``def my_step(**kw): return
    step(output_types=..., **kw)``, a forwarding wrapper: its callers' legacy keywords become a
    ``settings`` in ``kw``, ``scan/splat_keywords.forwarding_value``)."""
    from zenml_migrate.scan import api013

    if (site.resolve(call.func) or "") in api013.DECORATORS:
        return False
    node = site.parent(call)
    while node is not None and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        if isinstance(node, (ast.ClassDef, ast.Module)):
            return False
        node = site.parent(node)
    if node is None or node.args.kwarg is None or node.args.kwarg.arg != name:
        return False
    for inner in ast.walk(node):
        if isinstance(inner, (ast.Global, ast.Nonlocal)) and name in inner.names:
            return False
        if isinstance(inner, ast.Name) and inner.id == name and not isinstance(inner.ctx, ast.Load):
            return False
    return True


def written_keys(value: ast.expr) -> Optional[Set[str]]:
    """The keys of a dict display / ``dict(...)`` of literal keys written in a call as ``**``, or of
    each branch of a conditional of such dicts (``**({"k": v} if c else {})``); None otherwise."""
    keys: Set[str] = set()
    for leaf in branches(value):
        found = _literal_keys(leaf)
        if found is None:
            return None
        keys |= found
    return keys


_literal_keys = literal_dict_keys  # the keys of a dict display / ``dict(...)`` whose keys are all literal names


def _targets(stmt) -> List[ast.expr]:
    return list(stmt.targets) if isinstance(stmt, ast.Assign) else [stmt.target]


def _hoistable(expr: ast.expr, bound: Dict[str, List[int]], index: int) -> bool:
    """Does ``expr`` evaluate to the same value at module statement ``index`` (literals, and
    names bound once before it, in displays and calls)?"""
    if isinstance(expr, ast.Constant):
        return True
    if isinstance(expr, ast.Name):
        return len(bound.get(expr.id, ())) == 1 and bound[expr.id][0] < index
    if isinstance(expr, ast.Attribute):
        return _hoistable(expr.value, bound, index)
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
        return all(_hoistable(e, bound, index) for e in expr.elts)
    if isinstance(expr, ast.Dict):
        return all(k is not None and _hoistable(k, bound, index) and _hoistable(v, bound, index) for k, v in zip(expr.keys, expr.values))
    if isinstance(expr, ast.Call):
        return _hoistable(expr.func, bound, index) and all(
            _hoistable(a, bound, index) for a in list(expr.args) + [k.value for k in expr.keywords])
    return False


# ------------------------------------------------------------------ materializers
def return_materializers(node: ast.AST, site) -> Optional[str]:
    """``materializers:ReturnMaterializers``: a statement of its own is chained out; inside an
    expression the materializers move into the ``@step`` of a function defined once here."""
    call = site.parent(node)
    if not (isinstance(call, ast.Call) and call.func is node and len(call.args) + len(call.keywords) == 1):
        return "the call's arguments are not one materializer (or `materializers=`)"
    arg = call.args[0] if call.args else call.keywords[0]
    if isinstance(arg, ast.Starred) or (isinstance(arg, ast.keyword) and arg.arg != "materializers"):
        return "the call's arguments are not one materializer (or `materializers=`)"
    value = arg.value if isinstance(arg, ast.keyword) else arg
    holder = site.parent(call)
    if isinstance(holder, ast.Expr) or (
        isinstance(holder, (ast.Assign, ast.AnnAssign)) and holder.value is call and _one_name_target(holder)
    ):
        return None  # a statement of its own: chained out
    receiver = node.value
    if not (isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Name)):
        return "used inside an expression on something other than `step_function()`: use `output_materializers=` by hand"
    return _movable_into_step(receiver.func.id, value, site)


def _one_name_target(stmt) -> bool:
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
    return len(targets) == 1 and isinstance(targets[0], ast.Name)


def _movable_into_step(name: str, value: ast.expr, site) -> Optional[str]:
    module = site.module
    defs = [(i, s) for i, s in enumerate(module.body) if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == name]
    bound = _module_bindings(module)
    if len(defs) != 1 or len(bound.get(name, ())) != 1:
        return f"`{name}` is not a `@step` function defined once in this file: add `output_materializers=` to its `@step` by hand"
    index, func = defs[0]
    steps = _step_decorators(func, site)
    if len(steps) != 1:
        return f"`{name}` has no single `@step` decorator"
    if isinstance(steps[0], ast.Call) and any(k.arg == "output_materializers" for k in steps[0].keywords):
        return f"the `@step` of `{name}` already sets `output_materializers=`"
    if _calls(module, name) != 1:
        return f"`{name}` is called more than once in this file: the `@step` would change every call"
    if not _bound_before(value, bound, index) or _reads_gone_import(value, site):
        # one text whether the import of a name 0.20 lacks is still there or ZM460 removed it (a
        # second run writes the same TODO)
        return f"the materializer is not defined before `{name}` in ZenML 0.20"
    return None


def _reads_gone_import(value: ast.expr, site) -> bool:
    """Does ``value`` read a name bound by a zenml import 0.20 lacks? Where it is, it fails only
    when that code runs; in a ``@step`` decorator it would fail at import (and ZM460 may remove
    the import: a NameError at import)."""
    from zenml_migrate.scan.no_successor import gone_import_names

    gone = gone_import_names(site.detector)
    return any(isinstance(n, ast.Name) and n.id in gone for n in ast.walk(value))


def _module_bindings(module: ast.Module) -> Dict[str, List[int]]:
    """Module-level name -> indexes of the statements binding it."""
    out: Dict[str, List[int]] = {}
    for i, stmt in enumerate(module.body):
        names: List[str] = []
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names = [stmt.name]
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            names = [a.asname or a.name.split(".")[0] for a in stmt.names if a.name != "*"]
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
        for n in names:
            out.setdefault(n, []).append(i)
    return out


def _calls(module: ast.Module, name: str) -> int:
    """Calls of ``name`` in the file, outside functions whose parameters shadow it."""
    count = 0

    def walk(node: ast.AST) -> None:
        nonlocal count
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            a = node.args
            params = [p.arg for p in a.posonlyargs + a.args + a.kwonlyargs] + [p.arg for p in (a.vararg, a.kwarg) if p]
            if name in params:
                return
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
            count += 1
        for child in ast.iter_child_nodes(node):
            walk(child)

    walk(module)
    return count


def _bound_before(expr: ast.expr, bound: Dict[str, List[int]], index: int) -> bool:
    """Can a decorator at statement ``index`` evaluate ``expr`` (names, attributes, strings,
    dicts of them)? Every name is bound at module level before it."""
    if isinstance(expr, ast.Name):
        return bool(bound.get(expr.id)) and bound[expr.id][0] < index
    if isinstance(expr, ast.Attribute):
        return _bound_before(expr.value, bound, index)
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return True
    if isinstance(expr, ast.Dict):
        return all(k is not None and _bound_before(k, bound, index) and _bound_before(v, bound, index) for k, v in zip(expr.keys, expr.values))
    return False


# ------------------------------------------------------------------ clone_step
def clone_step_call(node: ast.AST, site) -> Optional[str]:
    """``clones:CloneToSubclass``: a module-level ``NAME = clone_step(STEP, "NAME2")`` becomes a
    class; the import goes with the last use (so it stays when a use does)."""
    if isinstance(node, ast.alias):
        local = node.asname or node.name
        for use in ast.walk(site.module):
            if isinstance(use, ast.Name) and use.id == local and isinstance(use.ctx, ast.Load) and _clone_call(use, site):
                return f"its use on line {use.lineno} has no automatic fix"
        return None
    return _clone_call(node, site)


def _clone_call(node: ast.AST, site) -> Optional[str]:
    """A call ``clone_step(STEP, NAME)``: a module-level ``X = clone_step(S, "X")`` becomes a
    class, any other the expression that makes the same class (the rule's ``expression``), so
    its arguments are evaluated twice: a step and a name with no side effects."""
    call = site.parent(node)
    if not (isinstance(call, ast.Call) and call.func is node):
        return "`clone_step` is not called here: instantiate the step twice with distinct names"
    if call.keywords or len(call.args) != 2 or not isinstance(call.args[0], (ast.Name, ast.Attribute)):
        return "the call's arguments are not a step and a name"
    if not _plain_name_value(call.args[1]):
        return "the clone's name is not a literal, a variable or an f-string of them"
    return None


def _plain_name_value(expr: ast.expr) -> bool:
    if isinstance(expr, ast.Constant):
        return isinstance(expr.value, str)
    if isinstance(expr, (ast.Name, ast.Attribute)):
        return all(isinstance(n, (ast.Name, ast.Attribute, ast.Load)) for n in ast.walk(expr))
    if isinstance(expr, ast.JoinedStr):
        return all(
            isinstance(v, ast.Constant) or (isinstance(v, ast.FormattedValue) and v.format_spec is None and _plain_name_value(v.value))
            for v in expr.values
        )
    return False


# ------------------------------------------------------------------ custom stack components
def component_port(node: ast.AST, site) -> Optional[str]:
    """ZM409: the port's plan (``migrate/scan/component_port.py``) is exact, or leaves TODO lines
    for a human (then only with --unsafe-fixes); the finding carries the plan (``PORT``), which
    is what the codemod writes."""
    from zenml_migrate.scan.component_port import PORT, port_check

    plan, reason = port_check(site.detector, node)
    if plan is None:
        return reason
    return Via(PORT, plan.encode(), unsafe=reason)


# ------------------------------------------------------------------ run() keywords into extra=
def run_extra(node: ast.AST, site) -> Optional[str]:
    """A keyword ``run()`` no longer takes cannot join ``extra=`` (codemods/run_extra.py), or only
    with --unsafe-fixes when the pipeline class may define its own ``run`` (detect.UNSEEN_BASE).
    ``node`` is a keyword of the call, or a key of a dict display the call passes as ``**``
    (``run(**{"dag_filepath": path})``, ``splat_keywords.judge_dict``)."""
    call = site.parent(node)
    display = splat = None
    if isinstance(call, ast.Dict):
        display, splat = call, site.parent(call)
        call = site.parent(splat) if isinstance(splat, ast.keyword) and splat.arg is None else None
        key = key_text(site, node)
    else:
        key = node.arg if isinstance(node, ast.keyword) else None
    if key is None or not isinstance(call, ast.Call):
        return None
    reason = _run_extra_blocked(key, call, splat)
    kwargs = reads_forwarded(site.detector.resolve(call.func)) if reason is None else None
    if kwargs is not None:  # ``def launch(**kw): if kw.get(...): ...; p.run(**kw)``
        return Unsafe(f"the function called reads its `**{kwargs}` too, which would no longer hold this key")
    if reason is None and display is not None and None in display.keys:
        reason = "the dict also holds a `**` item, which may hold `extra` or the same key"
    if reason is None and UNSEEN_BASE + "+" in (site.resolve(call.func) or ""):
        return Unsafe("the pipeline class has a base class this scan cannot see, which may define its own `run()`")
    return reason


def _run_extra_blocked(key: str, call: ast.Call, splat: Optional[ast.keyword] = None) -> Optional[str]:
    if any(k.arg is None and k is not splat for k in call.keywords):
        return "the call passes `**` arguments, which may hold `extra` or the same key"
    extra = next((k.value for k in call.keywords if k.arg == "extra"), None)
    if extra is None:
        return None
    if not isinstance(extra, ast.Dict) or not all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in extra.keys):
        return "`extra=` is not a dict literal to add the key to"
    if any(k.value == key for k in extra.keys):
        return f"`extra=` has a `{key}` key already"
    return None


BY_CODEMOD: Dict[str, Check] = {
    "run_extra:RunExtra": run_extra,
    "clones:CloneToSubclass": clone_step_call,
    "flavors:PortComponent": component_port,
    "keywords:RenameKeywords": keyword_rename_clash,
    "renames:RenameSymbols": renamed_symbol,
    "configure:AttributeWrites": attribute_write,
    "post_execution:PostExecution": post_execution_call,
    "trackers:EnableDecorators": enable_decorator,
    FOLD_SETTINGS: settings_keyword,
    "materializers:ReturnMaterializers": return_materializers,
}


# codemods whose rewrite replaces the whole span of each finding it fixes (a renamed reference,
# a removed decorator): an import whose every use starts such a span goes with them, and
# ``scan/resolved_with.py`` marks its finding resolved by their fixes (``fix/rewrite.py`` drops it)
REPLACES_SPAN = {"renames:RenameSymbols", "trackers:EnableDecorators"}

# codemods whose safe fix removes the decorator it is reported on (``@enable_mlflow`` becomes
# keywords of the ``@step`` below it, ``@enable_whylogs`` goes): the name it reads is not read
# there (``scan/resolved_with.py``); ``DECORATOR_GONE``: of those, the codemods that remove the
# decorator with its arguments (``@enable_whylogs(project=...)``): a finding for a human inside
# the arguments goes with them. Each is said by the rules module of the rule that names the
# codemod (``drops_decorator``), as a new codemod's check is (``codemod_check``).
DECORATOR_DROPPED: Set[str] = set()
DECORATOR_GONE: Set[str] = set()


def drops_decorator(codemod: str, with_arguments: bool = False) -> None:
    """``codemod`` (``"module:Class"``) removes the decorator its finding is on, with its
    arguments when ``with_arguments``: see ``DECORATOR_DROPPED``."""
    DECORATOR_DROPPED.add(codemod)
    if with_arguments:
        DECORATOR_GONE.add(codemod)


def codemod_check(codemod: str, replaces_span: bool = False) -> Callable[[Check], Check]:
    """Decorator: ``check`` is the check of ``codemod`` (``"module:Class"``), which every rule
    naming it gets. A new codemod's check sits in the module of the rule that brings it (rules
    are discovered: importing the catalog registers it), not in ``BY_CODEMOD`` here.
    ``replaces_span``: the codemod replaces the whole span of each finding it fixes (see
    ``REPLACES_SPAN``); an occurrence its check declines keeps its span."""

    def register(check: Check) -> Check:
        BY_CODEMOD[codemod] = check
        if replaces_span:
            REPLACES_SPAN.add(codemod)
        return check

    return register


def checks_of(rule) -> tuple:
    """The checks a rule's findings go through: its codemod's, then its own."""
    out = []
    if rule.codemod in BY_CODEMOD:
        out.append(BY_CODEMOD[rule.codemod])
    if rule.fix_check is not None:
        out.append(rule.fix_check)
    return tuple(out)
