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

The facade tells its importers through a cross-file fact per such name:
``"<facade>.<name>.__listed__": "<code>:<fix level>:<zenml path>"``.
"""

import ast
from dataclasses import replace
from typing import Dict, List

from zenml_migrate.findings import NO_FIX_HERE, Finding, mark_resolved

LISTED_MARK = "__listed__"
_KEPT = "kept"  # the fix level of a facade this run does not rewrite


def listed_exports(detector, findings: List[Finding]) -> Dict[str, str]:
    """The facts of a facade: each name of its ``__all__`` that a module-level
    ``from <zenml module> import *`` bound on 0.13.2 only, with the finding reported there."""
    tree = detector.tree or detector._walked
    if tree is None or not _has_zenml_star(tree.body):
        return {}
    from zenml_migrate.scan.detect import _dunder_all

    listed = _dunder_all(tree.body)
    out: Dict[str, str] = {}
    for stmt in tree.body:
        if not (isinstance(stmt, ast.ImportFrom) and _is_zenml_star(stmt)):
            continue
        module = stmt.module or ""
        for name in detector.star_reexports(module):
            if name not in listed:
                continue
            path = f"{module}.{name}"
            codes = {r.code for r in detector.index.refs(path, "load")}
            here = [f for f in findings if f.code in codes and stmt.lineno <= f.span.line <= (stmt.end_lineno or stmt.lineno)]
            for f in here[:1]:
                out[f"{name}.{LISTED_MARK}"] = f"{f.code}:{f.fix or ''}:{path}"
    return out


def on_disk(value: str, key: str) -> str:
    """The fact of a facade this run does not rewrite: its star import stays as it is."""
    if not key.endswith("." + LISTED_MARK):
        return value
    code, _, rest = value.partition(":")
    return f"{code}:{_KEPT}:{rest.partition(':')[2]}"


def report_uses(detector, node: ast.ImportFrom, module: str) -> None:
    """``from <facade> import *``: a finding per name the facade lists but will not bind."""
    prefix, suffix = f"{module}.", f".{LISTED_MARK}"
    by_code: Dict[str, list] = {}
    for key, value in sorted(detector.project.items()):
        if not (key.startswith(prefix) and key.endswith(suffix)):
            continue
        name = key[len(prefix) : -len(suffix)]
        if "." in name:
            continue
        code, _, rest = value.partition(":")
        level, _, path = rest.partition(":")
        rule = next((r for r in detector.index.refs(path, "load") if r.code == code), None)
        if rule is not None:
            slot = by_code.setdefault(code, [rule, [], set(), set()])
            slot[1].append(name)
            slot[2].add(level)
            slot[3].add(path.rpartition(".")[0])
    span = detector.span_of(node)
    for code, (rule, names, levels, stars) in sorted(by_code.items()):
        listed = ", ".join(f"`{n}`" for n in names)
        star = ", ".join(f"`from {s} import *`" for s in sorted(stars))
        text = (
            f"{rule.message} ({listed} in `__all__` of `{module}`, which {star} binds no more on 0.20: "
            f"`from {module} import *` fails here)"
        )
        finding = Finding(detector.path, span, code, text, None)
        level = levels.pop() if len(levels) == 1 else ""
        if level and level != _KEPT:
            from zenml_migrate.scan.splat_keywords import ELSEWHERE

            finding = replace(mark_resolved(finding, code, level), message=f"{text} (resolved by the {code}{ELSEWHERE}")
        else:
            finding = replace(finding, message=f"{text}{NO_FIX_HERE}change it in `{module}`)")
        detector.findings.append(finding)


def _has_zenml_star(body) -> bool:
    return any(isinstance(s, ast.ImportFrom) and _is_zenml_star(s) for s in body)


def _is_zenml_star(stmt: ast.ImportFrom) -> bool:
    module = stmt.module or ""
    return not stmt.level and (module == "zenml" or module.startswith("zenml.")) and any(a.name == "*" for a in stmt.names)
