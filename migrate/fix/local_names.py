"""Small lookups shared by the structural codemods: which findings start at a node, and
what a decorator or a dotted name refers to (through the detector's import table, so
aliases such as ``from zenml.steps import step as s`` and ``import zenml.steps as zs`` work).

The codemods find their targets through the scan findings; the name lookups are only for
the neighbours of a target that no rule flags, e.g. the ``@step`` under an ``@enable_mlflow``.
"""

from typing import List, Optional, Set, Tuple

import libcst as cst

from zenml_migrate.fix.imports import dotted
from zenml_migrate.scan.zenml_index import canonical

__all__ = ["Declined", "codes_at", "decorator_target", "drop_unused_imports", "module_names", "qualified", "root_name"]


class Declined(Exception):
    """A codemod leaves a flagged node as it is (the finding stays; the fixer adds the TODO)."""


def codes_at(ctx, node: cst.CSTNode, exact: bool = False) -> List[str]:
    """Codes of this codemod's findings that start at ``node`` (an ORIGINAL node), no repeats."""
    out: List[str] = []
    for finding in ctx.at(node, exact=exact):
        if finding.code not in out:
            out.append(finding.code)
    return out


def qualified(ctx, expr: cst.BaseExpression) -> Optional[str]:
    """Canonical 0.13.2 path of a module-level Name or dotted Attribute (None if not zenml)."""
    path = dotted(expr) if isinstance(expr, (cst.Name, cst.Attribute)) else ""
    if not path:
        return None
    head, _, rest = path.partition(".")
    value = ctx.binding(head)
    if not value:
        return None
    return canonical(value + ("." + rest if rest else ""))


def decorator_target(dec: cst.Decorator) -> cst.BaseExpression:
    """The decorator expression without its call: ``step`` for ``@step(...)``."""
    node = dec.decorator
    return node.func if isinstance(node, cst.Call) else node


def root_name(expr: cst.BaseExpression) -> Optional[str]:
    """``a`` for ``a``, ``a.b.c``, ``a().b``, ``a[0].b`` (the name an expression starts from)."""
    while True:
        if isinstance(expr, cst.Name):
            return expr.value
        if isinstance(expr, cst.Attribute):
            expr = expr.value
        elif isinstance(expr, cst.Call):
            expr = expr.func
        elif isinstance(expr, cst.Subscript):
            expr = expr.value
        else:
            return None


_NAMES_CACHE: list = [None, None, None]  # [module, wanted, (used, called)]: codemods often pass on the same module


def module_names(ctx, module: cst.Module, wanted: Set[str]) -> Tuple[Set[str], Set[str]]:
    """The names ``module`` uses outside import statements, and the plain names it calls
    (incrementally, through the fixer: ``FixContext.names_in``), exact for the names
    ``wanted`` (the only ones asked about: a caller tests its own names' membership, so the
    answer for more names, kept from the last question on the same module, answers too)."""
    wanted = frozenset(wanted)
    if _NAMES_CACHE[0] is module and wanted <= _NAMES_CACHE[1]:
        return _NAMES_CACHE[2]
    names = ctx.names_in(module, wanted)
    _NAMES_CACHE[:] = [module, wanted, names]
    return names


def drop_unused_imports(ctx, module: cst.Module, locals_: set) -> None:
    """Ask the fixer to remove the zenml imports binding ``locals_`` that ``module`` no longer uses
    (and no other module uses: ``ctx.exported``)."""
    if not locals_:
        return
    used, _ = module_names(ctx, module, locals_)
    for local in sorted(locals_ - used):
        if ctx.exported(local):
            continue
        imported = ctx.imported(local)
        if imported:  # explicit: the engine's own check also counts words in strings
            module_name, name = imported
            ctx.drop_import(module_name, name, None if local == name else local)
        ctx.drop_import_if_unused(local)  # also an import another codemod added for it


def is_docstring(stmt: cst.BaseStatement) -> bool:
    """Is ``stmt`` a bare string statement (a docstring where it opens a body)?"""
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and len(stmt.body) == 1
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )
