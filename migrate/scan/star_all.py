"""A zenml name a project facade lists in ``__all__``, failing where the facade is star-imported.

    # sdk/zen.py (the facade)                     # sdk/__init__.py
    from zenml.steps import *                      from sdk.zen import *   # AttributeError on 0.20
    __all__ = ["BaseStepConfig", "step"]

0.20's ``from zenml.steps import *`` binds no ``BaseStepConfig``: ``sdk/zen.py`` itself imports,
but ``from sdk.zen import *`` reads every name of its ``__all__`` and fails there. The facade's
star import is reported (``Detector.star_reexports``) and its fix binds the old name again
(``from zenml.steps import BaseParameters as BaseStepConfig``); the line where Python fails
gets a finding too, resolved by the facade's fix (``splat_keywords.ELSEWHERE``: ``migrate code``
counts it applied and writes nothing there), or with no fix when the facade's has none or this
run does not rewrite the facade (``on_disk``).

Without ``__all__`` the star import of the facade binds nothing missing; Python fails where a
module imports the name (``from sdk import BaseStepConfig``: ImportError), through the project's
own star re-exports too (``sdk/__init__.py: from sdk.zen import *``). That import gets the same
finding.

The facade tells its importers through a cross-file fact per such name (listed in its
``__all__`` or imported by another module: ``Detector.star_reexports``), which a project star
re-export passes on: ``"<module>.<name>.__listed__": "<code>:<fix level>:<zenml path>:<how>"``,
``how`` = ``all`` (in the facade's ``__all__``), ``""`` (not listed), ``via`` (passed on).

A PEP 562 facade gives its names from a table read by its module ``__getattr__``
(``_LAZY = {"BaseStepConfig": ("zenml.steps", "BaseStepConfig")}``): the pair is reported where it
is written (ZM005) and fixed there, the key kept; ``from pkg import BaseStepConfig`` fails in the
importer (ImportError), which gets a finding resolved by that fix (``how`` = ``getattr``,
``table_exports``).
"""

import ast
from dataclasses import replace
from typing import Dict, List, Optional

from zenml_migrate.findings import NO_FIX_HERE, Finding, mark_resolved
from zenml_migrate.scan.zenml_index import in_zenml

LISTED_MARK = "__listed__"
_KEPT = "kept"  # the fix level of a facade this run does not rewrite
LISTED, VIA = "all", "via"
TABLE = "getattr"  # ``how``: the facade's module ``__getattr__`` gives the name from a ``(module, name)`` table


def listed_exports(detector, findings: List[Finding]) -> Dict[str, str]:
    """The facts of a facade: each name a module-level ``from <zenml module> import *`` bound on
    0.13.2 only that leaves the module, with the finding reported there; and the facts of the
    facades this module re-exports by a star import."""
    out = _passed_on(detector)
    top = detector.top_level() or detector._walked  # every module-level import: the rest is not parsed for this
    if top is None or not _has_zenml_star(top.body):
        return out
    tree = detector.tree or detector._walked
    from zenml_migrate.scan.detect import dunder_all

    listed = dunder_all(tree.body)
    for stmt in tree.body:
        if not (isinstance(stmt, ast.ImportFrom) and _is_zenml_star(stmt)):
            continue
        module = stmt.module or ""
        for name in detector.star_reexports(module):
            path = f"{module}.{name}"
            codes = {r.code for r in detector.index.refs(path, "load")}
            here = [f for f in findings if f.code in codes and stmt.lineno <= f.span.line <= (stmt.end_lineno or stmt.lineno)]
            for f in here[:1]:
                out[f"{name}.{LISTED_MARK}"] = f"{f.code}:{f.fix or ''}:{path}:{LISTED if name in listed else ''}"
    return out


def table_exports(detector, findings: List[Finding]) -> Dict[str, str]:
    """The facts of a PEP 562 facade: ``_LAZY = {"BaseStepConfig": ("zenml.steps", "BaseStepConfig")}``
    read by the module-level ``def __getattr__(name)``. Each key whose pair names a zenml object
    a 0.20 release lacks (its ZM005 finding is reported where the pair is written) and that no
    statement binds at run time: ``from pkg import BaseStepConfig`` fails in the importer
    (ImportError), fixed by the pair's fix. And each key whose pair is a zenml path: the name of
    the module (``pkg.Client``), as an import would bind it (the importers' uses are judged)."""
    if "__getattr__" not in detector.text:
        return {}  # no hook: the module is not parsed whole for this (``Detector.tree``)
    tree = detector.tree or detector._walked
    hook = next((s for s in tree.body if isinstance(s, ast.FunctionDef) and s.name == "__getattr__"), None) if tree else None
    if hook is None:
        return {}
    read = {n.id for n in ast.walk(hook) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    bound = _bound_at_run_time(tree.body)
    from zenml_migrate.scan.detect import TABLE_MARK, canonical
    from zenml_migrate.rules.string_targets import ZM005
    from zenml_migrate.scan.import_time import span_inside

    out: Dict[str, str] = {}
    for stmt in tree.body:
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else getattr(stmt, "target", None)
        value = getattr(stmt, "value", None)
        if not (isinstance(stmt, (ast.Assign, ast.AnnAssign)) and isinstance(target, ast.Name) and target.id in read and isinstance(value, ast.Dict)):
            continue
        for key, item in zip(value.keys, value.values):
            path = _pair_path(item)
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value.isidentifier()) or key.value in bound:
                continue
            if path and path.startswith("zenml."):
                out[key.value] = canonical(path)
                out[f"{key.value}.{TABLE_MARK}"] = "table"
            if not gone_zenml_name(path):
                continue
            start, end = (item.lineno, item.col_offset), (item.end_lineno, item.end_col_offset)
            here = [f for f in findings if f.code == ZM005.code and span_inside(f.span, start, end, detector.lines)]
            if here:
                out[f"{key.value}.{LISTED_MARK}"] = f"{ZM005.code}:{here[0].fix or ''}:{path}:{TABLE}"
    return out


def _pair_path(node: ast.expr) -> Optional[str]:
    """``zenml.steps.BaseStepConfig`` of ``("zenml.steps", "BaseStepConfig")``."""
    if isinstance(node, (ast.Tuple, ast.List)) and len(node.elts) == 2:
        parts = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        return ".".join(parts) if len(parts) == 2 else None
    return None


def _bound_at_run_time(body) -> set:
    """Names the module-level statements bind when the module runs (not under ``if TYPE_CHECKING:``):
    Python reads those without calling the module's ``__getattr__``."""
    from zenml_migrate.scan.import_time import is_type_checking

    out = set()
    for stmt in body:
        if is_type_checking(stmt):
            body_else = stmt.orelse
            out |= _bound_at_run_time(body_else)
            continue
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                out.add(node.id)
            elif isinstance(node, ast.alias):
                out.add((node.asname or node.name).split(".")[0])
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                out.add(node.name)
    return out


def _passed_on(detector) -> Dict[str, str]:
    """``from sdk.zen import *`` in ``sdk/__init__.py``: ``sdk``'s name is ``sdk.zen``'s."""
    out: Dict[str, str] = {}
    suffix = f".{LISTED_MARK}"
    for star in detector.project_stars:
        prefix = f"{star}."
        for key, value in detector.project.items():
            if key.startswith(prefix) and key.endswith(suffix):
                name = key[len(prefix) : -len(suffix)]
                if "." not in name and (name not in detector.module_scope.bindings or name in detector.star_bound):
                    out[key[len(prefix) :]] = f"{value.rpartition(':')[0]}:{VIA}"
    return out


def on_disk(value: str, key: str) -> str:
    """The fact of a facade this run does not rewrite: its star import stays as it is."""
    if not key.endswith("." + LISTED_MARK) or value.endswith(":" + VIA):
        return value
    code, _, rest = value.partition(":")
    return f"{code}:{_KEPT}:{rest.partition(':')[2]}"


def _fact(detector, module: str, name: str):
    """``(rule, level, zenml path, how)`` of ``module.name``'s fact, or None."""
    value = detector.project.get(f"{module}.{name}.{LISTED_MARK}")
    if value is None:
        return None
    code, level, path, how = (value.split(":") + ["", "", ""])[:4]
    rules = detector.index.rules if how == TABLE else detector.index.refs(path, "load")
    rule = next((r for r in rules if r.code == code), None)
    return None if rule is None else (rule, level, path, how)


def report_imports(detector, node: ast.ImportFrom, module: str) -> None:
    """``from sdk import BaseStepConfig``: ImportError on 0.20 when ``sdk`` has it from a zenml
    star import only (the facade's fix binds it again)."""
    from zenml_migrate.scan.detect import alias_spans

    spans = None
    for i, alias in enumerate(node.names):
        fact = _fact(detector, module, alias.name)
        if fact is None:
            if gone_zenml_name(detector.project.get(f"{module}.{alias.name}")):
                detector.pending = True  # its facade's fact may reach ``module`` in a later round
            continue
        rule, level, path, how = fact
        spans = spans or alias_spans(node, detector.lines)
        star, _, name = path.rpartition(".")
        if how == TABLE:
            text = (f"`{module}` gives `{alias.name}` by its module `__getattr__` from the pair ('{star}', '{name}'), "
                    "which ZenML 0.20 lacks: ImportError here")
        else:
            text = f"{rule.message} (`{module}` has `{alias.name}` from `from {star} import *`, which binds it no more on 0.20: ImportError here)"
        detector.findings.append(_use(detector, spans[i], rule.code, text, level, f"change it where `{module}` gets it"))


def _use(detector, span, code: str, text: str, level: str, what: str) -> Finding:
    """A finding where Python fails, resolved by the facade's fix when this run makes one."""
    finding = Finding(detector.path, span, code, text, None)
    if level and level != _KEPT:
        from zenml_migrate.scan.splat_keywords import ELSEWHERE

        return replace(mark_resolved(finding, code, level), message=f"{text} (resolved by the {code}{ELSEWHERE}")
    return replace(finding, message=f"{text}{NO_FIX_HERE}{what})")


def report_uses(detector, node: ast.ImportFrom, module: str) -> None:
    """``from <facade> import *``: a finding per rule for the names the facade lists but will not bind."""
    prefix, suffix = f"{module}.", f".{LISTED_MARK}"
    by_code: Dict[str, list] = {}
    for key in sorted(detector.project):
        name = key[len(prefix) : -len(suffix)] if key.startswith(prefix) and key.endswith(suffix) else ""
        fact = _fact(detector, module, name) if name and "." not in name else None
        if fact is not None and fact[3] == LISTED:
            rule, level, path, _ = fact
            slot = by_code.setdefault(rule.code, [rule, [], set(), set()])
            slot[1].append(name)
            slot[2].add(level)
            slot[3].add(path.rpartition(".")[0])
    for code, (rule, names, levels, stars) in sorted(by_code.items()):
        listed = ", ".join(f"`{n}`" for n in names)
        star = ", ".join(f"`from {s} import *`" for s in sorted(stars))
        text = f"{rule.message} ({listed} in `__all__` of `{module}`, which {star} binds no more on 0.20: `from {module} import *` fails here)"
        level = levels.pop() if len(levels) == 1 else ""
        detector.findings.append(_use(detector, detector.span_of(node), code, text, level, f"change it in `{module}`"))


def report_star_use(detector, node: ast.Name, bindings) -> None:
    """A use of ``BaseStepConfig`` bound by ``from common import *`` here, where ``common`` has it
    from a zenml star import that binds it no more on 0.20 (``from zenml.steps import *``, in
    ``common`` or further down its own star re-exports): Python fails at the use (NameError,
    or before it where a star import lists the name in ``__all__``). Resolved by the fix where
    the zenml star import is written, which binds the old name again."""
    key = next((b.extra for b in bindings or () if getattr(b, "kind", None) == "project" and b.extra), None)
    module, _, name = (key or "").rpartition(".")
    fact = _fact(detector, module, name) if module in detector.project_stars and name == node.id else None
    if fact is None:
        return
    rule, level, path, _ = fact
    star = path.rpartition(".")[0]
    text = f"{rule.message} (`{name}` comes from `from {module} import *`, and `from {star} import *` binds it no more on 0.20)"
    detector.findings.append(_use(detector, detector.span_of(node), rule.code, text, level, f"change it where `{module}` gets it"))


def gone_zenml_name(value: Optional[str]) -> bool:
    """Is ``value`` a public name of a 0.13.2 zenml module that a 0.20 release lacks?"""
    if not value or not value.startswith("zenml.") or not all(p.isidentifier() for p in value.split(".")):
        return False
    from zenml_migrate.scan.zenml_index import exists_020, zenml013

    module, _, name = value.rpartition(".")
    if name not in zenml013().get(module, {}):
        return False
    full = exists_020(module)
    return not full or exists_020(module, name) & full != full


def computed_all(body) -> bool:
    """Does a module-level statement make ``__all__`` from something other than string literals
    (``__all__ = list(_steps_all)``, ``__all__ += zen.__all__``, ``__all__.extend(names)``)? Its
    0.20 value is then not known here: a name the fix binds again must be added to it, or a star
    import of the module would not pass the name on."""
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for node in ast.walk(stmt):
            if isinstance(node, ast.Assign) and any(_is_all(t) for t in node.targets) or isinstance(node, (ast.AugAssign, ast.AnnAssign)) and _is_all(node.target):
                if node.value is not None and not _string_literals(node.value):
                    return True
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and _is_all(node.func.value):
                if not all(_string_literals(a) or isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args):
                    return True
    return False


def _is_all(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and node.id == "__all__"


def _string_literals(node: ast.AST) -> bool:
    return isinstance(node, (ast.List, ast.Tuple, ast.Set)) and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts)


def _has_zenml_star(body) -> bool:
    return any(isinstance(s, ast.ImportFrom) and _is_zenml_star(s) for s in body)


def _is_zenml_star(stmt: ast.ImportFrom) -> bool:
    module = stmt.module or ""
    return not stmt.level and in_zenml(module) and any(a.name == "*" for a in stmt.names)
