"""Names a rewrite would leave undefined: the fixer's last self-check.

Each codemod keeps the names it touches defined, but two fixes of one file can disagree: one
removes the import of a name whose last use is in a statement that only runs later (ZM460),
while another moves that use to a decorator that runs at import (ZM210). The rewritten module
then fails with a NameError, which no rule reports. ``introduced(before, after)`` lists the
global names ``after`` reads and never binds, which ``before`` bound or never read; the fixer
then rewrites the file again without the fixes reported where those names are read
(``reading_lines``: they moved the reads), or also where they were bound (``binding_lines``).

Built on ``symtable`` (the compiler's own scope analysis): a global read that no module-level
statement binds, that no function declares ``global`` and assigns, and that is not a builtin,
raises NameError when it runs: on import for module level, class bodies and comprehensions
there, when called for a function body (counted when the function did not have the name as
its own local before: a port that re-signs a hook leaves the old parameter names in its body
under a TODO on purpose, ZM409). A module with ``from m import *`` binds names nobody can
list: it is not checked.
"""

import ast
import builtins
import re
import symtable
from typing import Callable, Dict, FrozenSet, Iterable, Optional, Set, Tuple

__all__ = ["binding_lines", "dangling", "introduced", "reading_lines", "same_code"]

_MODULE_NAMES = frozenset(
    {"__name__", "__file__", "__doc__", "__builtins__", "__spec__", "__loader__", "__package__",
     "__path__", "__annotations__", "__cached__", "__dict__", "__module__", "__qualname__"}
)
_BUILTINS = frozenset(dir(builtins)) | _MODULE_NAMES
_RUN_INLINE = frozenset({"listcomp", "setcomp", "dictcomp"})
# text that may hold ``from m import *`` (the tree is walked for it only then: a walk of every
# node costs more than the symtable); no ``raise`` in the text: no dead statement to cut
_STAR = re.compile(r"import[\s\\]*\*")
_RAISE = re.compile(r"\braise\b")
_ONE_LINE_STRING = re.compile(r"""[rRbBfFuU]{0,2}(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")""")


def dangling(text: str) -> Optional[FrozenSet[str]]:
    """The global names ``text`` reads at import (module level, class bodies, decorators,
    defaults, comprehensions there) and never binds: the NameErrors of importing it (None:
    unknown, e.g. a star import or text the compiler rejects)."""
    reads = _reads(text)
    return None if reads is None else reads[0]


def _reads(
    text: str, locals_too: bool = True, tables: Optional[Callable[[], Optional[list]]] = None
) -> Optional[Tuple[FrozenSet[str], Dict[str, FrozenSet[str]], Dict[str, FrozenSet[str]]]]:
    """``(names read at import and never bound, {function: names it reads as globals and
    nothing binds}, {function: its own local names})`` of ``text``; functions by their path
    (``Class.method``). ``locals_too=False``: the last one left empty (a Symbol per local
    name costs more than the symtable). ``tables()``: the ``_symtable`` tables of the
    statements of a text with the same code as ``text`` (``same_code``), one per run of
    statements, in order (``partial_parse.Parsed.symbol_tables``: the fixer's self-check made
    most of them); they stand for ``text``'s own table when no statement is cut as dead code,
    no name is declared ``global`` (at module level it reaches across statements) and nothing
    comes from ``__future__`` (it changes how the other statements are read)."""
    try:
        star, dead = _STAR.search(text), "raise" in text and not _ends_its_block(text)
        tops = None
        if tables is not None and not star and not dead and "global" not in text and "__future__" not in text:
            raw = tables()
            tops = None if raw is None else [symtable.SymbolTable(table, "<rewritten>") for table in raw]
        if tops is None:
            tree = ast.parse(text) if star or dead else None  # else symtable alone rejects what ast.parse would
            if star and any(isinstance(node, ast.ImportFrom) and node.names[0].name == "*" for node in ast.walk(tree)):
                return None
            tops = [symtable.symtable(_reachable(tree, text) if dead else text, "<rewritten>", "exec")]
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    bound: Set[str] = set()
    read: Set[str] = set()
    for symbol in (symbol for top in tops for symbol in _symbols(top)):
        if symbol.is_assigned() or symbol.is_imported() or symbol.is_namespace() or symbol.is_parameter():
            bound.add(symbol.get_name())
        if symbol.is_referenced():
            read.add(symbol.get_name())
    in_functions: Dict[str, Set[str]] = {}
    local: Dict[str, FrozenSet[str]] = {}
    stack = [(scope, True, scope.get_name()) for top in tops for scope in top.get_children()]
    while stack:
        scope, at_import, path = stack.pop()
        # a class body and a comprehension run where they are defined; a function body (and
        # a generator expression) only when called
        at_import = at_import and (scope.get_type() == "class" or scope.get_name() in _RUN_INLINE)
        stack.extend((child, at_import, f"{path}.{child.get_name()}") for child in scope.get_children())
        if locals_too and scope.get_type() == "function":
            local[path] = frozenset(s.get_name() for s in _symbols(scope) if s.is_local())
        for symbol in _globals(scope):
            if symbol.is_declared_global() and (symbol.is_assigned() or symbol.is_imported()):
                bound.add(symbol.get_name())
            if symbol.is_referenced():
                (read if at_import else in_functions.setdefault(path, set())).add(symbol.get_name())
    unbound = lambda names: frozenset(names - bound - _BUILTINS)  # noqa: E731
    return unbound(read), {path: unbound(names) for path, names in in_functions.items()}, local


def _globals(scope: symtable.SymbolTable) -> list:
    """The symbols of ``scope`` that are global. A function's table lists their names from its
    flags (no Symbol object per local name), with the test of ``Symbol.is_global`` there (not
    for a function named ``top``: its symbols count as module-level ones)."""
    if isinstance(scope, symtable.Function) and scope.get_name() != "top":
        return _symbols(scope, scope.get_globals())
    return [symbol for symbol in _symbols(scope) if symbol.is_global()]


def _symbols(scope: symtable.SymbolTable, names: Optional[Iterable[str]] = None) -> list:
    """``[scope.lookup(name) for name in names]`` (default: every name of ``scope``, as
    ``get_symbols()``), built as ``lookup`` builds each Symbol, with the scope's child tables
    grouped by name once: ``lookup`` scans every child table for each name, so a module of N
    functions cost N * N (20,000 defs: 19 s after any rewrite). The namespaces passed are the
    raw child tables (a Symbol only tests them for ``is_namespace``)."""
    table = getattr(scope, "_table", None)  # symtable.SymbolTable keeps its flags and children there (3.9-3.13)
    if table is None:
        return scope.get_symbols() if names is None else [scope.lookup(name) for name in names]
    children: Dict[str, list] = {}
    for child in table.children:
        children.setdefault(child.name, []).append(child)
    flags, module_scope = table.symbols, table.name == "top"
    return [
        symtable.Symbol(name, flags[name], children.get(name), module_scope=module_scope)
        for name in (flags if names is None else names)
    ]


def _reachable(tree: ast.Module, text: str) -> str:
    """``text`` without the statements that follow a ``raise`` in their block (never run: ZM460
    keeps the user's statement under the ``raise NotImplementedError`` it adds); ``tree`` is
    ``text``'s own (changed in place)."""
    dead = False
    stack = [tree]  # statement lists only sit in statements, except handlers and match cases
    while stack:
        node = stack.pop()
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if not isinstance(body, list):
                continue
            for i, stmt in enumerate(body):
                if isinstance(stmt, ast.Raise) and i + 1 < len(body):
                    del body[i + 1:]
                    dead = True
                    break
            stack.extend(body)
        stack.extend(getattr(node, "handlers", None) or ())
        stack.extend(getattr(node, "cases", None) or ())
    return ast.unparse(tree) if dead else text


def _ends_its_block(text: str) -> bool:
    """True when every ``raise`` of ``text`` is provably the last statement of its block, from
    the text alone (no dead statement to cut: no tree to build for it). Each one starts its
    line and ends on it (no ``;``, no continuation, balanced brackets once its one-line
    strings and its comment are taken out), and the next line of code is indented less (a
    prefix of its indentation), or there is none. False: not proven (the tree decides)."""
    if "\r" in text:
        return False  # a line may end at a lone ``\r``
    for match in _RAISE.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        indent = text[start : match.start()]
        if indent.strip(" \t"):
            return False  # not the first word of its line (``if x: raise E``, a string, a name)
        end = text.find("\n", match.end())
        end = len(text) if end == -1 else end
        line = text[match.end() : end]
        if '"""' in line or "'''" in line:
            return False
        rest = _ONE_LINE_STRING.sub("_", line)
        if "'" in rest or '"' in rest:
            return False  # a string left open on this line (a continuation)
        rest = rest.split("#", 1)[0].rstrip(" \t\f")
        if ";" in rest or rest.endswith("\\") or not _balanced(rest):
            return False
        following = _next_code_line(text, end + 1)
        if following is not None:
            lead = following[: len(following) - len(following.lstrip(" \t"))]  # not blank: a code line
            if following[len(lead)].isspace() or len(lead) >= len(indent) or not indent.startswith(lead):
                return False
    return True


def _balanced(code: str) -> bool:
    depth = 0
    for char in code:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _next_code_line(text: str, at: int) -> Optional[str]:
    """The first line from offset ``at`` holding more than blanks and a comment (None: none)."""
    while at < len(text):
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        line = text[at:end]
        stripped = line.strip(" \t\f\r")
        if stripped and not stripped.startswith("#"):
            return line
        at = end + 1
    return None


def introduced(before: str, after: str, tables: Optional[Callable[[], Optional[list]]] = None) -> FrozenSet[str]:
    """Names ``after`` leaves undefined that ``before`` did not (empty when either is unknown):
    read at import, or read by a function that did not have them as its own locals (a port
    that re-signs a hook leaves the old parameter names in its body under a TODO on purpose:
    ZM409). ``tables``: ``after``'s symbol tables when already made (see ``_reads``)."""
    new = _reads(after, locals_too=False, tables=tables)
    # ``before`` is read only when ``after`` has names it leaves undefined (a function that
    # reads globals maps to an empty set when they are all bound: not one)
    if new is None or not (new[0] or any(new[1].values())):
        return frozenset()
    old = _reads(before)
    if old is None:
        return frozenset()
    out = set(new[0] - old[0])
    for path, names in new[1].items():
        out |= names - old[1].get(path, frozenset()) - old[2].get(path, frozenset())
    return frozenset(out)


def same_code(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` differ at most in their blank and comment-only lines (the TODO lines
    the fixer places above statements and removes)?"""
    return _code_lines(a) == _code_lines(b)


def _code_lines(text: str) -> list:
    out = []
    for line in text.splitlines():
        stripped = line.lstrip()
        if stripped and stripped[0] != "#":
            out.append(line)
    return out


def binding_lines(tree: ast.Module, names: Iterable[str]) -> Set[int]:
    """The lines of the statements of ``tree`` that bind any of ``names`` at module level
    (imports, assignments, definitions, with/for targets): where the fix that removed a
    binding was reported."""
    names = set(names)
    lines: Set[int] = set()
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            binds = node.name in names  # its body binds names of its own scope
        else:
            binds = _binds(node, names)
            for field in ("body", "orelse", "finalbody", "handlers"):
                stack.extend(getattr(node, field, None) or [])
        if binds:
            lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return lines


def _binds(node: ast.AST, names: Set[str]) -> bool:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return any((alias.asname or alias.name.split(".")[0]) in names for alias in node.names)
    targets = []
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor)):
        targets = [node.target]
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        targets = [item.optional_vars for item in node.items if item.optional_vars is not None]
    return any(
        isinstance(sub, ast.Name) and sub.id in names
        for target in targets
        for sub in ast.walk(target)
    )


def reading_lines(tree: ast.Module, names: Iterable[str]) -> Set[int]:
    """The lines where ``tree`` reads any of ``names``: where a fix that moved a read was reported."""
    names = set(names)
    return {
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in names
    }
