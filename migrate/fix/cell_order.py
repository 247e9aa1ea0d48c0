"""Names a rewrite adds to a notebook go into the first cell that uses them.

The fixer works on the notebook's cells as one module, so a new import lands where it would
in a file: merged into the first ``from zenml.x import`` line or after the last zenml import,
which may be a later cell than the first one that needs it ("Run all" then fails with a
NameError). After the rewrite, every module-level name that the original notebook did not
bind is checked: when the first cell using it comes before the cell binding it (or the binding
is below a statement of its own cell that uses it), the binding moves there (an import alias on its own ``from module import name`` line, any other statement
whole), below that cell's leading imports and magics. A rewrite thus never makes a cell
depend on a later one.
"""

import ast
import difflib
import re
from typing import Dict, List, Optional, Set, Tuple

import libcst as cst
import libcst.helpers

from zenml_migrate.fix.call_args import remove_items
from zenml_migrate.scan.file_scan import stmt_bound_names as bound_names, parse_cells
from zenml_migrate.scan.notebook import MASK_PREFIX

_MASK = re.compile(r"^[ \t]*" + re.escape(MASK_PREFIX) + r"\d+\r?$")
Cells = Dict[int, List[str]]  # index of a cell -> its Python lines (-1: lines before the first cell)


def _parse(lines: List[str]) -> Optional[ast.Module]:
    try:
        return parse_cells("\n".join(lines))
    except (SyntaxError, ValueError):
        return None


def _alias_name(alias: ast.alias) -> str:
    return alias.asname or alias.name.split(".")[0]


_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _binds(stmt: ast.stmt) -> Set[str]:
    """Module-level names ``stmt`` binds: ``bound_names`` without the variables of its
    comprehensions (their own scope: ``[r.name for r in runs]`` binds no ``r`` in the notebook)."""
    names = bound_names(stmt)
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)):
        return names
    local = {
        id(n) for node in ast.walk(stmt) if isinstance(node, _COMPREHENSIONS)
        for generator in node.generators for n in ast.walk(generator.target)
    }
    stored = [n for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)]
    outside = {n.id for n in stored if id(n) not in local}
    return names - ({n.id for n in stored if id(n) in local} - outside)


def _used(tree: ast.Module, skip: Optional[ast.stmt] = None) -> Set[str]:
    out: Set[str] = set()
    for stmt in tree.body:
        if stmt is skip:
            continue
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name):
                out.add(node.id)
    return out


def _used_above(tree: ast.Module, stmt: ast.stmt, name: str) -> bool:
    """Is ``name`` used in a statement of the cell above ``stmt`` (which binds it)? (an import
    a rewrite added below the cell's own code: the cell would fail with a NameError)"""
    for other in tree.body:
        if other is stmt or other.lineno >= stmt.lineno:
            break
        if any(isinstance(node, ast.Name) and node.id == name for node in ast.walk(other)):
            return True
    return False


def order_cells(cells: Cells, original: List[List[str]]) -> Cells:
    """``cells`` (the rewritten notebook) with every new binding in the first cell using it;
    ``original``: the cells' Python before the rewrite. Unchanged when a cell does not parse."""
    before: Set[str] = set()
    for lines in original:
        tree = _parse(lines)
        if tree is None:
            return cells
        for stmt in tree.body:
            before |= _binds(stmt)
    trees = {i: _parse(lines) for i, lines in cells.items()}
    if any(t is None for t in trees.values()):
        return cells
    order = sorted(i for i in cells if i >= 0)
    uses = {i: _used(trees[i]) for i in order}
    moves: List[Tuple[int, ast.stmt, Dict[int, List[str]]]] = []  # (cell, statement, target cell -> names)
    for j in sorted(cells):
        for stmt in trees[j].body:
            new = _binds(stmt) - before
            if not new:
                continue
            targets: Dict[int, List[str]] = {}
            for name in sorted(new):
                users = [i for i in order if name in (uses[i] if i != j else _used(trees[j], stmt))]
                target = users[0] if users else (order[0] if j == -1 and order else j)
                if target < j or j == -1 or (target == j and _used_above(trees[j], stmt, name)):
                    targets.setdefault(target, []).append(name)
            if targets:
                moves.append((j, stmt, targets))
    if not moves:
        return cells
    return _apply(cells, moves)


def _apply(cells: Cells, moves) -> Cells:
    out = {i: list(lines) for i, lines in cells.items()}
    inserts: Dict[int, List[str]] = {}
    # cut from the bottom of each cell up, so earlier line numbers stay valid
    for j, stmt, targets in sorted(moves, key=lambda m: (m[0], -m[1].lineno)):
        lines = out[j]
        first, last = stmt.lineno - 1, stmt.end_lineno
        if not _alone(lines, stmt):
            continue
        moving = {n for names in targets.values() for n in names}
        if isinstance(stmt, ast.ImportFrom) and moving != {_alias_name(a) for a in stmt.names}:
            rest = _without_aliases("\n".join(lines[first:last]), moving)
            if rest is None:
                continue
            lines[first:last] = rest.split("\n")
            for target, names in targets.items():
                aliases = [a for a in stmt.names if _alias_name(a) in names]
                inserts.setdefault(target, []).append(_import_line(stmt, aliases))
            continue
        if len(targets) != 1:
            continue  # one statement binding names first used in different cells: leave it
        (target,) = targets
        inserts.setdefault(target, []).extend(lines[first:last])
        del lines[first:last]
    for target, new in inserts.items():
        lines = out.setdefault(target, [])
        cr = "\r" if any(line.endswith("\r") for line in lines) else ""
        new = [line if line.endswith("\r") or not cr else line + cr for line in new]
        at = _insertion_line(lines)
        lines[at:at] = new
    if -1 in out and not any(line.strip() for line in out[-1]):
        del out[-1]
    return out


def _alone(lines: List[str], stmt: ast.stmt) -> bool:
    """Does the statement have its lines to itself (no ``a; b`` on them)?"""
    if stmt.col_offset != 0:
        return False
    tail = lines[stmt.end_lineno - 1][stmt.end_col_offset :].strip()
    return not tail or tail.startswith("#")


def _import_line(stmt: ast.ImportFrom, aliases: List[ast.alias]) -> str:
    names = ", ".join(f"{a.name} as {a.asname}" if a.asname else a.name for a in aliases)
    return f"from {'.' * stmt.level}{stmt.module or ''} import {names}"


def _without_aliases(code: str, names: Set[str]) -> Optional[str]:
    try:
        module = cst.parse_module(code)
    except cst.ParserSyntaxError:
        return None

    class Drop(cst.CSTTransformer):
        def leave_ImportFrom(self, original, updated):
            if isinstance(updated.names, cst.ImportStar):
                return updated
            drop = set()
            for k, alias in enumerate(updated.names):
                local = alias.asname.name.value if alias.asname is not None else cst.helpers.get_full_name_for_node(alias.name)
                if local.split(".")[0] in names:
                    drop.add(k)
            kept = remove_items(list(updated.names), drop)
            if kept and updated.lpar is None:
                kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            return updated.with_changes(names=kept)

    return module.visit(Drop()).code


def _insertion_line(lines: List[str]) -> int:
    """Below the cell's leading imports and magic/shell lines (``!pip install`` runs first),
    else above its first statement; at the end of a cell without statements."""
    tree = _parse(lines)
    if tree is None or not tree.body:
        return len(lines)
    at = None
    for stmt in tree.body:
        leading = isinstance(stmt, (ast.Import, ast.ImportFrom)) or (
            isinstance(stmt, ast.Pass) and _MASK.match(lines[stmt.lineno - 1])
        )
        if not leading:
            break
        at = stmt.end_lineno
    if at is not None:
        return at
    return tree.body[0].lineno - 1 if not getattr(tree.body[0], "decorator_list", None) else tree.body[0].decorator_list[0].lineno - 1


def line_map(old: List[str], new: List[str]) -> Dict[int, int]:
    """1-based line numbers of ``old`` -> where the same line is in ``new`` (unchanged lines)."""
    out: Dict[int, int] = {}
    for a, b, size in difflib.SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks():
        for k in range(size):
            out[a + k + 1] = b + k + 1
    return out
