"""Keywords that reach a zenml callable from somewhere else than the call itself.

A team keeps its decorator defaults in one place and the keywords travel to the call::

    platform_step = functools.partial(step, enable_cache=False, output_types={"data": DataArtifact})
    PIPELINE_DEFAULTS = dict(enable_cache=False, required_integrations=[SKLEARN])

    @platform_step                      # step(fit, enable_cache=False, output_types=...)
    def fit(...): ...

    @pipeline(**PIPELINE_DEFAULTS)      # pipeline(enable_cache=False, required_integrations=...)
    def train(...): ...

0.20 rejects ``output_types=`` / ``required_integrations=`` there (TypeError at import, at the
decorator). The keywords are judged as keywords of the callable that receives them:

* where they are written (the ``partial(...)`` call, the ``dict(...)`` keyword, the key of a
  dict display): the rule of that keyword reports it there, and its fix rewrites it there
  (``keywords:RenameKeywords`` and ``settings:FoldSettings`` edit any call's keywords, a
  ``partial(...)`` or ``dict(...)`` call like the decorator call, and the string keys of a dict
  display); where the fold declines (a ``settings`` that is not a dict literal, a display key
  that is not a plain name string: ``NO_FOLD``) there is no automatic fix, and the finding says so;
* where Python fails (``@platform_step``, ``**PIPELINE_DEFAULTS``): a finding that names where the
  keyword comes from; it is resolved by the fix where the keyword is written (same level), or
  has no fix of its own when that one has none.

The value of a name bound to such a ``partial``/dict is a string the resolver carries like any
other path (``KW``, see ``encode``), so it travels through imports and re-exports in the
cross-file facts. A dict learns which callable receives it (its keys are judged against that
one only) from the facts of the modules that splat it (``SPLAT_MARK``).
"""

import ast
from dataclasses import replace
from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Set, Tuple

from zenml_migrate.findings import NO_FIX_HERE, Finding, mark_resolved

KW = "@kw:"
# cross-file fact ``"<importer>.<origin>.__splat__": "<origin>><callee>"``: a module passes the
# dict ``origin`` (``pkg.mod:NAME``) as ``**`` to the zenml callable ``callee``
SPLAT_MARK = "__splat__"
PARTIAL, DICT_CALL, DISPLAY = "partial", "dict", "display"
RENAME_KEYWORDS = "keywords:RenameKeywords"  # its fix edits dict display keys as well (codemods/keywords.py)
FOLD_SETTINGS = "settings:FoldSettings"  # folds dict display keys too, unless ``NO_FOLD``
NO_FOLD = "!"  # suffix of a form whose keywords ``settings:FoldSettings`` does not fold (``_no_fold``)
ON_DISK = "kept"  # written in a module this run does not rewrite (``on_disk``)

ELSEWHERE = " fix where it is written)"  # the end of a use's message resolved by another module's fix
USE_MARK = "`, written in "  # in the message of a use (``judge_use``)

Entry = Tuple[str, str, str]  # (keyword, origin "module:name", form)


def encode(callee: str, entries: Iterable[Entry]) -> str:
    """``@kw:<callee>|<keyword>=<origin>=<form>,...`` (``callee`` empty for a dict)."""
    return KW + callee + "|" + ",".join(f"{k}={o}={f}" for k, o, f in entries)


def decode(value: str) -> Tuple[str, List[Entry]]:
    callee, _, rest = value[len(KW) :].partition("|")
    entries = []
    for part in rest.split(",") if rest else ():
        key, origin, form = part.split("=")
        entries.append((key, origin, form))
    return callee, entries


def callee_of(value: Optional[str]) -> Optional[str]:
    """The zenml callable a ``partial`` value stands for (None for a dict)."""
    if value is None or not value.startswith(KW):
        return value
    return value[len(KW) :].partition("|")[0] or None


def interesting_keywords(index) -> frozenset:
    """Keywords worth carrying across files: those a catalog rule or a 0.20 rename names."""
    return _interesting(index.catalog())


@lru_cache(maxsize=8)
def _interesting(catalog) -> frozenset:
    from zenml_migrate.scan import zenml_signatures as sigs

    return frozenset({kw for _, kw in catalog.kwargs} | set(sigs.successors()))


def is_resolved_elsewhere(finding: Finding) -> bool:
    """Is ``finding`` a use whose keywords the fix of another module rewrites (``judge_use``)?"""
    return finding.resolved_by is not None and finding.message.endswith(f"(resolved by the {finding.resolved_by}{ELSEWHERE}")


def on_disk(value: str) -> str:
    """The fact of a module this run does not rewrite: its keywords stay as they are."""
    if not value.startswith(KW):
        return value
    callee, entries = decode(value)
    return encode(callee, [(k, o, ON_DISK) for k, o, _ in entries])


# ------------------------------------------------------------------- reading values
def is_partial(detector, func: ast.expr) -> bool:
    """Is ``func`` ``functools.partial`` (``import functools`` / ``from functools import partial``,
    under any alias, not rebound by the module)?"""
    names = detector.stdlib_names
    if isinstance(func, ast.Name):
        return names.get(func.id) == "functools.partial" and detector.lookup(func.id) is None
    if isinstance(func, ast.Attribute) and func.attr == "partial" and isinstance(func.value, ast.Name):
        return names.get(func.value.id) == "functools" and detector.lookup(func.value.id) is None
    return False


def partial_value(detector, node: ast.Call, scope) -> Optional[str]:
    """The value of ``functools.partial(<zenml callable>, kw=...)``: the callable, with the
    keywords it adds (None when the first argument is not a zenml callable)."""
    if not node.args or isinstance(node.args[0], ast.Starred):
        return None
    callee = callee_of(detector.resolve(node.args[0], scope))
    if callee is None or not callee.startswith("zenml"):
        return None
    origin = f"{detector.module_name}:"
    form = PARTIAL + _no_fold(node)
    entries = [(kw.arg, origin, form) for kw in node.keywords if kw.arg is not None]
    return encode(callee, entries) if entries else callee


def _no_fold(node: ast.expr) -> str:
    """``NO_FOLD`` when ``settings:FoldSettings`` declines the keywords of this call / display:
    its ``settings`` is not a dict literal, it also passes a ``**`` (which may hold ``settings``:
    a new one would replace it), or (a display) a key is not a plain name string."""
    if isinstance(node, ast.Dict):
        if not all(isinstance(k, ast.Constant) and isinstance(k.value, str) and k.value.isidentifier() for k in node.keys):
            return NO_FOLD  # a ``**`` item too: it may hold ``settings`` (after the fix of its own keys)
        settings = [v for k, v in zip(node.keys, node.values) if k.value == "settings"]
    else:
        if any(kw.arg is None for kw in node.keywords):
            return NO_FOLD
        settings = [kw.value for kw in node.keywords if kw.arg == "settings"]
    return NO_FOLD if any(not isinstance(v, ast.Dict) for v in settings) else ""


def fixed_where_written(rule, form: str) -> bool:
    """Does the rule's fix rewrite a keyword written in this form (``partial``/``dict``/``display``)?"""
    if rule.fix_value is None or form == ON_DISK:
        return False
    if rule.codemod == RENAME_KEYWORDS:
        return True
    return rule.codemod == FOLD_SETTINGS and not form.endswith(NO_FOLD)


def _is_dict_call(detector, node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict"
        and not detector.is_bound("dict")
    )


def dict_entries(detector, node: ast.expr, origin: str, scope, depth: int = 0) -> Optional[List[Entry]]:
    """The keys a dict display / ``dict(...)`` gives, each with where it is written; None when
    they cannot all be known (a computed key, a ``**`` of something unknown)."""
    if depth > 10:
        return None
    out: List[Entry] = []
    if isinstance(node, ast.Dict):
        form = DISPLAY + _no_fold(node)
        for key, value in zip(node.keys, node.values):
            if key is None:
                inner = splat_entries(detector, value, scope, depth + 1)
                if inner is None:
                    return None
                out += inner
            elif isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value.isidentifier():
                out.append((key.value, origin, form))
            else:
                return None
        return out
    if _is_dict_call(detector, node):
        for arg in node.args:
            inner = splat_entries(detector, arg, scope, depth + 1)
            if inner is None:
                return None
            out += inner
        for kw in node.keywords:
            if kw.arg is None:
                inner = splat_entries(detector, kw.value, scope, depth + 1)
                if inner is None:
                    return None
                out += inner
            else:
                out.append((kw.arg, origin, DICT_CALL + _no_fold(node)))
        return out
    return None


def splat_entries(detector, expr: ast.expr, scope=None, depth: int = 0) -> Optional[List[Entry]]:
    """The keywords ``**expr`` passes, when known: a name bound to a dict display / ``dict(...)``
    of this module, or one imported from a project module (its value in the facts)."""
    if isinstance(expr, ast.Name):
        value = detector.lookup(expr.id, scope)
        if value is not None:
            return decode(value)[1] if value.startswith(KW) and not callee_of(value) else None
        node, bound_scope = detector.assigned_node(expr.id, scope)
        if node is None:
            return None
        origin = f"{detector.module_name}:{expr.id}" if bound_scope is detector.module_scope else f"{detector.module_name}:"
        return dict_entries(detector, node, origin, bound_scope, depth)
    if isinstance(expr, ast.Dict) or _is_dict_call(detector, expr):
        return None  # written in the call itself: ``f(**{"a": 1})`` (rare; left to the call's own rules)
    return None


def dict_export(detector, name: str, node: ast.expr) -> Optional[str]:
    """The cross-file fact value of a module-level dict ``name`` (None when it holds no keyword
    worth carrying)."""
    entries = dict_entries(detector, node, f"{detector.module_name}:{name}", detector.module_scope)
    if not entries:
        return None
    wanted = interesting_keywords(detector.index)
    if not any(k in wanted for k, _, _ in entries):
        return None
    return encode("", entries)


# ------------------------------------------------------------------- judging
def problems(detector, callee: str, keyword: str) -> List[Tuple[object, str, bool]]:
    """``(rule, message, has_catalog_rule)`` for ``keyword=`` given to the zenml callable ``callee``."""
    from zenml_migrate.rules import signatures
    from zenml_migrate.scan.detect import plain
    from zenml_migrate.scan.zenml_index import canonical

    canon = plain(canonical(callee))
    out = []
    for rule, matcher in detector.index.kwargs.get((canon, keyword), ()):
        if matcher.when is None:
            out.append((rule, rule.message, True))
    if out or detector.index.catalog().kwargs.get((canon, keyword)):
        return out
    if not detector.index.call_net:
        return out
    probe = ast.Call(func=ast.Name(id="_", ctx=ast.Load()), args=[], keywords=[ast.keyword(arg=keyword, value=ast.Constant(None))])
    for code, target, message in signatures.call_problems(callee, probe, set()):
        rule = detector.index.call_net.get(code)
        if rule is not None and target is probe.keywords[0]:
            out.append((rule, message, False))
    return out


def judge_use(detector, callee: str, entries: List[Entry], target: ast.AST, spelled: str) -> None:
    """Findings at the place Python fails (``@platform_step``, ``**DEFAULTS``): one per rule,
    naming the keywords and where they are written."""
    by_rule: Dict[str, list] = {}
    for key, origin, form in entries:
        for rule, message, catalog in problems(detector, callee, key):
            slot = by_rule.setdefault(rule.code, [rule, message, [], []])
            slot[2].append(key)
            slot[3].append((origin, form, catalog))
    for code, (rule, message, keys, wheres) in sorted(by_rule.items()):
        modules = sorted({o.partition(":")[0] for o, _, _ in wheres})
        here = modules == [detector.module_name]
        where = "this module" if here else ", ".join(f"`{m}`" for m in modules)
        names = ", ".join(f"`{k}=`" for k in dict.fromkeys(keys))
        text = f"{message} ({names} from `{spelled}{USE_MARK}{where})"
        fixable = all(fixed_where_written(rule, f) for _, f, _ in wheres)
        span = detector.span_of(target)
        finding = Finding(detector.path, span, code, text, None)
        if fixable:
            finding = mark_resolved(finding, code, rule.fix_value)
            if not here:
                finding = replace(finding, message=f"{text} (resolved by the {code}{ELSEWHERE}")
        else:
            finding = Finding(detector.path, span, code, f"{text}{NO_FIX_HERE}change it where it is written)", None)
        detector.findings.append(finding)
        for origin, _, _ in wheres:
            detector.splats.add((origin, callee))


def judge_partial(detector, callee: str, node: ast.Call) -> None:
    """The keywords of ``functools.partial(<zenml callable>, kw=...)``, where they are written."""
    for kw in node.keywords:
        if kw.arg is None:
            continue
        for rule, message, catalog in problems(detector, callee, kw.arg):
            detector.add_finding(rule, kw, message if not catalog else rule.message)


def judge_definitions(detector) -> None:
    """The keys of this module's dicts, judged against the callables that receive them (splatted
    here or, per the facts, in another module). A use says no fix where the fix declines one
    where the keyword is written: the form it reads says so (``NO_FOLD``)."""
    _judge_dicts(detector)


def _judge_dicts(detector) -> None:
    prefix = f"{detector.module_name}:"
    if not detector.dict_facts() and not any(o.startswith(prefix) for o, _ in detector.splats):
        return  # no dict of this module is given as ``**`` (the facts are read only when one may be)
    callees = splat_callees(detector)
    if not callees:
        return
    for name, node in module_dicts(detector):
        origin = f"{detector.module_name}:{name}"
        for callee in sorted(callees.get(origin, ())):
            _judge_dict(detector, callee, node, origin)


def _judge_dict(detector, callee: str, node: ast.expr, origin: str) -> None:
    if isinstance(node, ast.Dict):
        items = [(k.value, k) for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
    else:
        items = [(kw.arg, kw) for kw in node.keywords if kw.arg is not None]
    for key, target in items:
        for rule, message, catalog in problems(detector, callee, key):
            if isinstance(node, ast.Dict) and not fixed_where_written(rule, DISPLAY + _no_fold(node)):
                detector.findings.append(Finding(
                    detector.path, detector.span_of(target), rule.code,
                    f"{message if not catalog else rule.message} (a key of a dict given as `**` to `{_shown(callee)}`)"
                    f"{NO_FIX_HERE}the dict also holds a `**` item, a key that is not a plain name or a `settings` "
                    "that is not a dict literal: change it where it is written)",
                    None,
                ))
            else:
                detector.add_finding(rule, target, message if not catalog else rule.message)


def _shown(callee: str) -> str:
    return callee.rsplit(".", 1)[-1]


def module_dicts(detector) -> List[Tuple[str, ast.expr]]:
    """Module-level ``NAME = {...}`` / ``NAME = dict(...)`` (annotated too) of the whole module."""
    out = []
    for stmt in (detector.tree or ast.Module(body=[], type_ignores=[])).body:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
        value = getattr(stmt, "value", None)
        if value is None or not (isinstance(value, ast.Dict) or _is_dict_call(detector, value)):
            continue
        for t in targets:
            if isinstance(t, ast.Name):
                out.append((t.id, value))
    return out


def splat_callees(detector) -> Dict[str, Set[str]]:
    """origin -> the callables this module's dicts are given to (this module's uses and the facts)."""
    out: Dict[str, Set[str]] = {}
    for origin, callee in detector.splats:
        out.setdefault(origin, set()).add(callee)
    prefix = f"{detector.module_name}:"
    for origin, callee in _splat_facts(tuple(sorted(v for k, v in detector.project.items() if k.endswith("." + SPLAT_MARK)))):
        if origin.startswith(prefix):
            out.setdefault(origin, set()).add(callee)
    return out


@lru_cache(maxsize=8)
def _splat_facts(values: Tuple[str, ...]) -> Tuple[Tuple[str, str], ...]:
    return tuple(tuple(v.split(">", 1)) for v in values)  # type: ignore[misc]


def splat_exports(detector) -> Dict[str, str]:
    """The facts of the dicts of other modules this module splats into a zenml callable."""
    return {
        f"{origin.replace(':', '.')}.{SPLAT_MARK}": f"{origin}>{callee}"
        for origin, callee in sorted(detector.splats)
        if not origin.startswith(f"{detector.module_name}:") and not origin.endswith(":")
    }
