"""marimo apps (``app = marimo.App()``, each cell a function under ``@app.cell``): marimo runs the
body of each cell function in ONE namespace shared by the cells, a name one cell defines being
read by the cells that use it (the function's parameters and its ``return`` tuple only name them;
marimo takes a cell's code without them). So ``from zenml.repository import Repository`` in one
cell and ``Repository()`` in another are one name, as in a notebook.

The rules read such a file through a view with the same lines and columns: each cell's
decorators are blank lines, its ``def NAME(a, b):`` line is ``if     (a, b):`` (the body stays
an indented block at module level: the names it binds are module names), its final ``return
a, b`` is ``pass;  a, b``. Findings on a cell's signature or final ``return`` line are left out
(those lines only name what flows), and no finding in a cell has a fix: a fix of one cell would
have to rename in the parameters and returns of the others and add imports inside a cell
(``WHY``); each gets its TODO line."""

import ast
import re
from dataclasses import dataclass
from typing import List, Optional, Set, Tuple

WHY = "a cell of a marimo app, whose names other cells take as parameters: fix the cells together, in marimo"
_DEF = re.compile(r"^(?:async[ \t]+)?def[ \t]+\w+[ \t]*(?=\()")


@dataclass
class View:
    """What the rules read of a marimo app, and which of its lines are cells or only name what flows."""

    text: str
    cells: List[Tuple[int, int]]  # (first, last) 1-based lines of each cell function, decorators included
    names_only: Set[int]  # 1-based lines that only name what flows: signatures, final returns


def wanted(text: str) -> bool:
    return "marimo" in text and ".cell" in text


def view(text: str) -> Optional[View]:
    """The view of a marimo app's text (None for any other file, or when the view does not parse)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    modules = {a.asname or a.name for s in tree.body if isinstance(s, ast.Import) for a in s.names if a.name == "marimo"}
    apps = {
        t.id for s in tree.body if isinstance(s, ast.Assign) and _is_app(s.value, modules) for t in s.targets if isinstance(t, ast.Name)
    }
    cells = [s for s in tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(_is_cell(d, apps) for d in s.decorator_list)]
    if not cells:
        return None
    lines = text.splitlines(keepends=True)
    ranges, names_only = [], set()
    for f in cells:
        if f.args.posonlyargs or f.args.vararg or f.args.kwonlyargs or f.args.kwarg or f.args.defaults or f.returns is not None:
            return None
        if any(a.annotation is not None for a in f.args.args):
            return None
        first = min(d.lineno for d in f.decorator_list)
        for n in range(first, f.lineno):
            lines[n - 1] = _blank(lines[n - 1])
        m = _DEF.match(lines[f.lineno - 1])
        if m is None:
            return None
        lines[f.lineno - 1] = "if" + " " * (m.end() - 2) + lines[f.lineno - 1][m.end() :]
        body_start = f.body[0].lineno
        names_only.update(range(f.lineno, body_start))
        last = f.body[-1]
        if isinstance(last, ast.Return):
            line = lines[last.lineno - 1]
            col = len(line.encode("utf-8")[: last.col_offset].decode("utf-8", "replace"))
            if not line.startswith("return", col):
                return None
            lines[last.lineno - 1] = line[:col] + ("pass; " if last.value is not None else "pass  ") + line[col + 6 :]
            names_only.update(range(last.lineno, last.end_lineno + 1))
        ranges.append((first, f.end_lineno))
    shown = "".join(lines)
    try:
        ast.parse(shown)
    except (SyntaxError, ValueError):
        return None
    return View(shown, ranges, names_only)


def findings(found: list, app: View) -> list:
    """The findings of the view: none on a line that only names what flows, none with a fix in a cell."""
    from zenml_migrate.scan.read import without_fix

    kept = [f for f in found if f.span.line not in app.names_only]
    inside = [f for f in kept if any(a <= f.span.line <= b for a, b in app.cells)]
    return [f for f in kept if f not in inside] + without_fix(inside, WHY)


def _blank(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :]


def _is_app(node: ast.expr, modules: Set[str]) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "App"
            and isinstance(node.func.value, ast.Name) and node.func.value.id in modules)


def _is_cell(node: ast.expr, apps: Set[str]) -> bool:
    node = node.func if isinstance(node, ast.Call) else node
    return isinstance(node, ast.Attribute) and node.attr == "cell" and isinstance(node.value, ast.Name) and node.value.id in apps
