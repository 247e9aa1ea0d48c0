"""The lines IPython runs when a shell or kernel of a profile starts: the strings of
``c.InteractiveShellApp.exec_lines`` (also ``TerminalIPythonApp``/``IPKernelApp``, set with
``=`` or ``+=``) in a profile's config file, where ``c`` is the config object IPython's loader
hands the file (``c = get_config()``, ``get_config`` not imported nor bound by the file; or ``c``
itself, never bound). Each string is a line of IPython code (magics too), run in order in the
user's namespace, so ``"from zenml.steps import BaseStepConfig"`` fails at every kernel start on
ZenML 0.20 and the notebooks that use the name fail after it. The lines are read as one ``.ipy``
script; a finding points into its string when the string is written plainly (else at the string)
and has no fix: the code is text of the config file (a TODO goes above the statement).

Likewise the IPython line of ``get_ipython().run_line_magic(NAME, LINE)`` (a script nbconvert
exported from a notebook) when the magic runs Python: ``%time``/``%timeit``/``%prun``/``%debug``/
``%memit``/``%lprun`` STMT and ``%aimport`` MODULES, read as the line ``%NAME LINE``; the Python
BODY of ``get_ipython().run_cell_magic(NAME, LINE, BODY)`` (``%%time``/``%%capture``: in the script's
namespace; the file of ``%%writefile x.py``, the program of ``%%python3``/``%%cython``: on its own); and such a
magic line a jupytext ``.py`` notebook keeps as a comment (``# %time STMT``: jupytext takes the
``# `` off when it opens the file as a notebook, and the kernel runs the line)."""

import ast
import re
from dataclasses import dataclass, replace
from typing import Dict, List, Optional, Set, Tuple

from zenml_migrate.findings import Finding, Span

TRIGGERS = ("exec_lines", "run_line_magic", "run_cell_magic", "# %")  # (also on a name bound to ``get_ipython()``: ``ip.run_line_magic``)
_FIELD_TRIGGERS = ("get_ipython().system(", "get_ipython().getoutput(")  # with a ``{``: ``_expanded_commands``
_APPS = frozenset({"InteractiveShellApp", "TerminalIPythonApp", "IPKernelApp"})
WHY = "a line of IPython's `exec_lines`, run when a shell or kernel of this profile starts: edit the string"
WHY_MAGIC = "the code is a string `get_ipython().run_line_magic` runs: edit the string"
WHY_FIELD = "the code is a `{...}` field of the command string `get_ipython().system` expands: edit the string"
WHY_CELL = "the code is the cell body `get_ipython().run_cell_magic` gets as a string: edit the string"
WHY_COMMENT = "a magic line jupytext keeps as a comment, run when the file is opened as a notebook: edit the comment"
_PYTHON_MAGICS = frozenset({"time", "timeit", "prun", "debug", "memit", "aimport", "lprun"})
_COMMENTED_MAGIC = re.compile(r"^[ \t]*# (%(?:" + "|".join(sorted(_PYTHON_MAGICS)) + r")[ \t]+\S.*?)\r?$", re.M)
# a shell escape jupytext keeps as a comment whose ``{EXPR}`` fields IPython expands (``# !echo {x}``)
_COMMENTED_FIELD = re.compile(r"^[ \t]*# ((?:[A-Za-z_]\w*[ \t]*=[ \t]*)?!!?[^\n]*?\{[^\n]*?\}[^\n]*?)\r?$", re.M)
WHY_COMMENT_FIELD = ("the code is a `{...}` field of a shell line jupytext keeps as a comment, expanded when the file is opened "
                     "as a notebook: edit the comment")


def wanted(text: str) -> bool:
    return (any(t in text for t in TRIGGERS[:3]) or (TRIGGERS[3] in text and _COMMENTED_MAGIC.search(text) is not None)
            or ("{" in text and (any(t in text for t in _FIELD_TRIGGERS) or ("# !" in text and _COMMENTED_FIELD.search(text) is not None))))


@dataclass
class _Comment:
    """A magic line kept as a comment, placed like a string node: ``value`` starts one column
    after ``col_offset``."""

    lineno: int
    col_offset: int
    value: str

    @property
    def end_lineno(self) -> int:
        return self.lineno

    @property
    def end_col_offset(self) -> int:
        return self.col_offset + 1 + len(self.value)


def findings(tree: ast.Module, text: str, path: str, rules) -> List[Finding]:
    out = _found(_exec_line_strings(tree), text, path, rules, WHY)
    # (read on their own, and again after the script's statements when they read a name the
    # script binds or imports from zenml, or a 0.13 name whose import a fix renamed: the scan
    # sees the string again after the fix renamed the script's import)
    for strings, why in ((_magic_strings(tree), WHY_MAGIC), (_expanded_commands(tree), WHY_FIELD)):
        alone = _found(strings, text, path, rules, why)
        seen = {(f.code, f.span) for f in alone}
        out += alone + [f for f in _in_context(tree, text, path, rules, strings, why) if (f.code, f.span) not in seen]
    inline, apart = _cell_bodies(tree)
    out += _found(inline, text, path, rules, WHY_CELL)
    for body in apart:  # (each a module of its own: a file the script writes, a program it runs)
        out += _found([(body, "")], text, path, rules, WHY_CELL)
    out += _found(_commented_magics(text), text, path, rules, WHY_COMMENT)
    return out + _commented_field_findings(tree, text, path, rules)


def _commented_field_findings(tree: ast.Module, text: str, path: str, rules) -> List[Finding]:
    """The ``{EXPR}`` fields of the ``# !cmd`` lines of a jupytext notebook, read as the ``!`` line
    after the file's text before it, as the notebook runs it (``_jupytext_head``), and after the
    import a fix of the file renamed (``_renamed_imports``: the re-scan after ``--fix`` finds them
    again)."""
    fields = _commented_magics(text, _COMMENTED_FIELD)
    if not fields:
        return []
    imported, bound = _script_names(tree)
    out: List[Finding] = []
    for node, prefix in fields:
        old = _renamed_imports(_names(node.value) - bound - set(imported), set(imported.values()), rules)
        out += _found([(node, prefix)], text, path, rules, WHY_COMMENT_FIELD, _jupytext_head(text, node.lineno) + "".join(old))
    return out


def _jupytext_head(text: str, number: int) -> str:
    """The lines of a jupytext notebook before line ``number``, its commented Python magics
    (``# %time from zenml.repository import Repository``) without their ``# ``, as the kernel runs them."""
    head = "".join(text.splitlines(keepends=True)[: number - 1])
    return _COMMENTED_MAGIC.sub(lambda m: m.group(0)[: m.start(1) - m.start() - 2] + m.group(1), head)


def _in_context(tree: ast.Module, text: str, path: str, rules, strings: List[Tuple[ast.Constant, str]], why: str) -> List[Finding]:
    """A ``run_line_magic`` string at module level that reads a name the script binds (``runs =
    repo.get_pipeline(...)`` after ``repo = Repository()``) or imports from zenml (``Repository``)
    is read again after the script's statements before it, where that name is known (its
    findings have no fix: a TODO). A fix of the script renames such an import (``Repository`` ->
    ``Client``) and not the string: a string that reads the old name, which the script no longer
    binds while it imports the new one from the module the rename writes, is read after the old
    import (``_renamed_imports``), so the re-scan after ``--fix`` finds (and keeps the TODO of)
    what the first one found. On ZenML 0.20.5 such a string fails both ways: the old API's
    AttributeError before the fix, NameError after it."""
    imported, bound = _script_names(tree)
    top = {id(n): stmt for stmt in tree.body for n in ast.walk(stmt)}
    lines = text.splitlines(keepends=True)
    out: List[Finding] = []
    for node, prefix in strings:
        words = _names(node.value)
        stmt = top.get(id(node))
        if stmt is None:
            continue
        old = _renamed_imports(words - bound - set(imported), set(imported.values()), rules)
        if not (words & bound or words & set(imported) or old):
            continue
        out += _found([(node, prefix)], text, path, rules, why, "".join(lines[: stmt.lineno - 1]) + "".join(old))
    return out


def _script_names(tree: ast.Module) -> Tuple[Dict[str, Tuple[str, str]], Set[str]]:
    """``(local name -> (module, name) of each zenml import, the other names the script binds)``."""
    imported: Dict[str, Tuple[str, str]] = {}
    bound: Set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "zenml":
            imported.update((a.asname or a.name, (node.module, a.name)) for a in node.names)
        elif isinstance(node, ast.Import):
            imported.update(((a.asname or a.name).split(".")[0], (a.name, "")) for a in node.names if a.name.split(".")[0] == "zenml")
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound.add(node.id)
    return imported, bound


def _renamed_imports(unbound: Set[str], imports: Set[Tuple[str, str]], rules) -> List[str]:
    """``from OLD import NAME`` lines for the names of ``unbound`` that a rule's fix renames into
    a name the script imports (``Repository``, while the script imports ``Client`` from zenml.client)."""
    out = []
    for rule in rules:
        if rule.codemod != "renames:RenameSymbols":
            continue
        targets = rule.rename_targets()
        for name in sorted(unbound & set(targets)):
            module, new = targets[name]
            if (module, new) not in imports:
                continue
            old = next((r for m in rule.match for r in getattr(m, "names", ()) if r.rpartition(".")[2] == name), None)
            if old is not None:
                out.append(f"from {old.rpartition('.')[0]} import {name}\n")
    return out


def _commented_magics(text: str, lines: "re.Pattern" = _COMMENTED_MAGIC) -> List[Tuple[_Comment, str]]:
    """The ``# %time STMT`` lines of a jupytext notebook (its front matter names jupytext: a
    ``# %%`` script of VS Code or Spyder keeps such a line as a comment; not in its shell cells),
    read on their own like the strings of ``run_line_magic`` (``lines``: or the ``# !cmd {EXPR}`` lines)."""
    from zenml_migrate.scan.python_commands import JUPYTEXT_HEADER, jupytext_shell_lines

    if not JUPYTEXT_HEADER.search(text[:2000]):
        return []
    shell = jupytext_shell_lines(text)
    out = []
    for m in lines.finditer(text):  # (``^`` with re.M: the match starts its line)
        number = text.count("\n", 0, m.start()) + 1
        if number not in shell:
            before = text[m.start() : m.start(1)]  # the indent and ``# ``: the "quote" is the blank before ``%``
            out.append((_Comment(number, len(before.encode("utf-8")) - 1, m.group(1)), ""))
    return out


def _names(code: str) -> Set[str]:
    """The names ``code`` reads (every word when it is not Python alone: options in front)."""
    try:
        return {n.id for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Name)}
    except SyntaxError:
        return set(re.findall(r"[A-Za-z_]\w*", code))


def _found(strings: List[Tuple[ast.Constant, str]], text: str, path: str, rules, why: str, head: str = "") -> List[Finding]:
    """The findings of the IPython lines ``prefix + string`` (read in order as one ``.ipy``
    script, after the text ``head``, whose own findings are not taken), placed in their strings;
    none has a fix (``why``)."""
    if not strings or not any("zenml" in node.value for node, _ in strings) and "zenml" not in head:
        return []
    from zenml_migrate.scan.detect import rule_index
    from zenml_migrate.scan.file_scan import FileJob, ScanContext, scan_bytes
    from zenml_migrate.scan.read import without_fix

    places: List[Tuple[ast.Constant, int, int]] = []  # script line -> (its string, the line in it, the prefix's length)
    for node, prefix in strings:
        places += [(node, j, len(prefix) if j == 0 else 0) for j in range(node.value.count("\n") + 1)]
    if head and not head.endswith("\n"):
        head += "\n"
    skip = head.count("\n")
    script = head + "\n".join(prefix + node.value for node, prefix in strings) + "\n"
    result = scan_bytes(FileJob("ipython_lines.ipy", "ipython"), script.encode("utf-8"), ScanContext(rule_index(tuple(rules))))
    lines = text.splitlines()
    out = []
    for f in result.findings:
        if not 0 < f.span.line - skip <= len(places):
            continue
        node, j, shift = places[f.span.line - skip - 1]
        span = _span_in(node, j, f.span, shift, lines, text)
        out.append(replace(f, path=path, span=span))
    if why in (WHY_FIELD, WHY_COMMENT_FIELD):  # (the command's own findings are ``python_commands``', with their fixes)
        from zenml_migrate.scan.python_commands import cli_codes

        commands = cli_codes(rules)
        out = [f for f in out if f.code not in commands]
    return without_fix(out, why)


def _ipython_calls(tree: ast.Module, method: str, count: int) -> List[List[ast.Constant]]:
    """The string arguments of the ``get_ipython().METHOD(...)`` calls with ``count`` positional
    string constants, in the order of the file. ``get_ipython`` is IPython's builtin there (not
    bound by the file)."""
    if any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == "get_ipython" for n in ast.walk(tree)) or any(
        isinstance(n, ast.Name) and n.id == "get_ipython" and not isinstance(n.ctx, ast.Load) for n in ast.walk(tree)
    ):
        return []
    out = []
    shells = _shell_names(tree)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == method
                and len(node.args) == count and not node.keywords):
            continue
        owner = node.func.value
        if not (_shell_call(owner) or isinstance(owner, ast.Name) and owner.id in shells):
            continue
        if all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args):
            out.append(node.args)
    return sorted(out, key=lambda args: (args[-1].lineno, args[-1].col_offset))


def _shell_call(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "get_ipython" and not node.args and not node.keywords


def _shell_names(tree: ast.Module) -> Set[str]:
    """The names bound once, at module level, to ``get_ipython()`` (``ip = get_ipython()``) and
    never bound again: the shell, as ``get_ipython()`` itself."""
    count: Dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            count[node.id] = count.get(node.id, 0) + 1
    return {stmt.targets[0].id for stmt in tree.body
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
            and _shell_call(stmt.value) and count.get(stmt.targets[0].id) == 1}


def _expanded_commands(tree: ast.Module) -> List[Tuple[ast.Constant, str]]:
    """``get_ipython().system("echo {EXPR}")`` / ``.getoutput(...)`` (nbconvert's ``!cmd``): IPython
    expands the ``{EXPR}`` fields of the string as Python in the script's namespace first
    (``var_expand``; a field that fails is kept as text, its error swallowed): ``(the string, "!")``,
    read as the ``!`` line (the command itself is ``python_commands``')."""
    calls = sorted(_ipython_calls(tree, "system", 1) + _ipython_calls(tree, "getoutput", 1), key=lambda a: (a[0].lineno, a[0].col_offset))
    return [(line, "!") for (line,) in calls if "{" in line.value and "}" in line.value]


def _magic_strings(tree: ast.Module) -> List[Tuple[ast.Constant, str]]:
    """``get_ipython().run_line_magic("time", "STMT")`` calls of magics that run Python:
    ``(the LINE string, "%time ")``."""
    return [(line, f"%{name.value} ") for name, line in _ipython_calls(tree, "run_line_magic", 2) if name.value in _PYTHON_MAGICS]


def _cell_bodies(tree: ast.Module) -> Tuple[List[Tuple[ast.Constant, str]], List[ast.Constant]]:
    """The Python bodies of ``get_ipython().run_cell_magic(NAME, LINE, BODY)`` calls (a script
    nbconvert exported from a notebook), read as the notebook's cells are: ``(run in the
    script's namespace: %%time/%%capture..., as run_line_magic strings are; apart: the file of
    ``%%writefile x.py`` (not ``-a``), the program of ``%%python3``/``%%script python``/``%%px``, a
    ``%%cython`` module: its Python, when it is)``."""
    from zenml_migrate.scan.notebook import APART_CELL_MAGICS, CYTHON_CELL_MAGICS, PYTHON_CELL_MAGICS, PYTHON_PROGRAMS, WRITEFILE_MAGICS, script_program

    inline, apart = [], []
    for name, line, body in _ipython_calls(tree, "run_cell_magic", 3):
        words = line.value.split()
        if name.value in PYTHON_CELL_MAGICS:
            inline.append((body, ""))
        elif (
            (name.value in WRITEFILE_MAGICS and words and words[-1].strip("'\"").endswith(".py") and not {"-a", "--append"} & set(words))
            or PYTHON_PROGRAMS.match(name.value if name.value != "script" else script_program(line.value))
            or name.value in APART_CELL_MAGICS or name.value in CYTHON_CELL_MAGICS
        ):
            apart.append(body)
    return inline, apart


def _span_in(node: ast.Constant, j: int, span: Span, shift: int, lines: List[str], text: str) -> Span:
    """Where ``span`` (line ``j`` of the string ``node``, after ``shift`` characters put before
    it) is in the file: inside the string when it is one plainly written line (no prefix, no
    escape), else the whole string."""
    line = lines[node.lineno - 1] if node.lineno <= len(lines) else ""
    start = len(line.encode("utf-8")[: node.col_offset].decode("utf-8", "replace")) + 1
    if isinstance(node, _Comment):
        plain = True
    else:
        raw = ast.get_source_segment(text, node) or ""
        plain = len(raw) >= 2 and raw[0] in "'\"" and raw[-1] == raw[0] and raw[1:-1] == node.value
    if j == 0 and plain and span.end_line == span.line and span.column > shift:
        return Span(node.lineno, start + span.column - shift, node.lineno, start + span.end_column - shift)
    end = lines[node.end_lineno - 1] if node.end_lineno <= len(lines) else ""
    return Span(node.lineno, start, node.end_lineno, len(end.encode("utf-8")[: node.end_col_offset].decode("utf-8", "replace")) + 1)


def _exec_line_strings(tree: ast.Module) -> List[Tuple[ast.Constant, str]]:
    config = _config_names(tree)
    out: List[ast.Constant] = []
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign):
            targets, value = stmt.targets, stmt.value
        elif isinstance(stmt, ast.AugAssign) and isinstance(stmt.op, ast.Add):
            targets, value = [stmt.target], stmt.value
        else:
            continue
        if isinstance(value, (ast.List, ast.Tuple)) and any(_exec_lines(t, config) for t in targets):
            out += [e for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return [(node, "") for node in out]


def _exec_lines(target: ast.expr, config: Set[str]) -> bool:
    """``<config>.<App>.exec_lines``."""
    return (isinstance(target, ast.Attribute) and target.attr == "exec_lines" and isinstance(target.value, ast.Attribute)
            and target.value.attr in _APPS and isinstance(target.value.value, ast.Name) and target.value.value.id in config)


def _config_names(tree: ast.Module) -> Set[str]:
    """The module-level names of the loader's config object: bound once to ``get_config()``
    (the loader's builtin: the file neither imports nor binds ``get_config``), or ``c`` when the
    file never binds it (the loader puts ``c`` in the file's namespace)."""
    bound: dict = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound.setdefault(node.id, []).append(node)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.setdefault(node.name, []).append(node)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                bound.setdefault((alias.asname or alias.name).split(".")[0], []).append(node)
    names = set() if "c" in bound else {"c"}
    if "get_config" in bound:
        return names
    for stmt in tree.body:
        if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                and _loader_call(stmt.value) and len(bound.get(stmt.targets[0].id, ())) == 1):
            names.add(stmt.targets[0].id)
    return names


def _loader_call(node: Optional[ast.expr]) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "get_config" and not node.args
