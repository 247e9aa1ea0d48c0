"""``inline_helpers:InlineHelpers``: the import of a removed helper -> the helper's own code.

Some 0.6-0.12 modules held small helpers that user code imported by name (the quickstart's
``from zenml.integrations.sklearn.helpers.digits import get_digits``). ZenML 0.20 has no
successor, but the helper's body is plain third-party code: the import statement becomes
the imports the helper needs and its ``def`` (renamed to the local name of an ``as``
import), at the same place, so every use keeps working unchanged. A helper that is a
constant (``NAME = "value"``) becomes that assignment, bound to the import's local name; with
the rule's ``inlined_todo`` (a text with ``{name}``), a TODO line above it says what the value
no longer means (a 0.13.2 metadata-store flavor string: 0.20 has no metadata stores).

``fix_args``: ``("helpers", ((name, (import line, ...), "def name(...):\\n    ..."), ...))``.
The scan's check (``rules/inlined_helpers.inline_check``, ``rules/imports._constant_check``) marks fixable only an
``ImportFrom`` of the helper module whose every name is a known helper; anything else keeps
its finding and gets a TODO.
"""

from typing import Dict, List, Optional, Set, Tuple

import libcst as cst

from zenml_migrate.fix.codemod import Codemod


def helper_table(entries) -> Dict[str, Tuple[Tuple[str, ...], str]]:
    """``{name: (import lines, def source)}`` from the rule's ``helpers`` argument."""
    return {name: (tuple(imports), source) for name, imports, source in entries or ()}


def inlined_source(
    table: Dict[str, Tuple[Tuple[str, ...], str]], names: List[Tuple[str, str]], present: Set[str] = frozenset()
) -> str:
    """The code that replaces ``from <module> import name as local, ...`` (``present``: import
    lines the module already has above it, not written twice)."""
    imports: List[str] = []
    defs: List[str] = []
    values: List[str] = []
    for name, local in names:
        needed, source = table[name]
        imports.extend(line for line in needed if line not in imports and line not in present)
        if source.startswith(f"{name} = "):  # a constant: ``NAME = "value"``, bound to the import's name
            values.append(local + source[len(name):])
            continue
        for keyword in ("def", "class"):  # a helper function or class, named as the import named it
            source = source.replace(f"{keyword} {name}(", f"{keyword} {local}(", 1)
        defs.append(source)
    head = ("\n".join(imports) + "\n" if imports else "") + "".join(values)
    return head + "\n\n" + "\n\n\n".join(defs) + "\n" if defs else head


def _assigns_name(node: cst.CSTNode) -> bool:
    """Is ``node`` a line ``name = value``?"""
    return (
        isinstance(node, cst.SimpleStatementLine) and isinstance(node.body[0], cst.Assign)
        and len(node.body[0].targets) == 1 and isinstance(node.body[0].targets[0].target, cst.Name)
    )


def _other_names(line: cst.SimpleStatementLine, table) -> Optional[cst.SimpleStatementLine]:
    """``line`` (an import) without the names of ``table``; None when no other name is left."""
    statement = line.body[0]
    others = [a for a in statement.names if not (isinstance(a.name, cst.Name) and a.name.value in table)]
    if not others:
        return None
    others[-1] = others[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return line.with_changes(body=[statement.with_changes(names=others)])


class InlineHelpers(Codemod):
    whole_tree = False  # only edits nodes inside statements that hold its findings (migrate/fix/codemod.py)

    def __init__(self, ctx):
        super().__init__(ctx)
        self._defs_inserted: Set[int] = set()  # ids of the last ``def`` of each inlined import
        self._imports: List[Tuple[int, str]] = []  # (id, code) of each module-level import line, in order

    def visit_Module(self, node: cst.Module) -> None:
        for statement in node.body:
            if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
                if isinstance(statement.body[0], (cst.Import, cst.ImportFrom)):
                    self._imports.append((id(statement), node.code_for_node(statement.body[0]).strip()))

    def _imports_above(self, statement: cst.SimpleStatementLine) -> Set[str]:
        above: Set[str] = set()
        for key, code in self._imports:
            if key == id(statement):
                return above
            above.add(code)
        return set()  # not a module-level line: write every import it needs

    def leave_SimpleStatementLine(self, original: cst.SimpleStatementLine, updated: cst.SimpleStatementLine):
        if len(original.body) != 1 or not isinstance(original.body[0], cst.ImportFrom):
            return updated
        statement = original.body[0]
        if isinstance(statement.names, cst.ImportStar):
            return updated
        found = [f for alias in statement.names for f in self.ctx.at(alias)]
        if not found:
            return updated
        codes = [f.code for f in found]
        table = helper_table(self.ctx.fix_arg(found[0], "helpers", ()))  # the scan may have chosen a variant here
        names = []
        for alias in statement.names:
            name = alias.name.value if isinstance(alias.name, cst.Name) else None
            if name in table:
                local = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else name
                names.append((name, local))
        if not names:
            return updated
        body = list(cst.parse_module(inlined_source(table, names, self._imports_above(original))).body)
        kept = _other_names(updated, table)
        if kept is not None:  # the line's other names stay on it (each with its own finding and fix)
            body.insert(0, kept)
        for i, node in enumerate(body[1:], 1):  # a def right after an import line: two blank lines (PEP 8)
            if not isinstance(node, cst.SimpleStatementLine) and isinstance(body[i - 1], cst.SimpleStatementLine):
                blank = sum(1 for line in node.leading_lines if line.comment is None)
                body[i] = node.with_changes(leading_lines=[cst.EmptyLine()] * max(0, 2 - blank) + list(node.leading_lines))
        blank_above = []
        if not isinstance(body[0], cst.SimpleStatementLine):
            blank_above = [cst.EmptyLine()] * max(0, 2 - sum(1 for line in updated.leading_lines if line.comment is None))
        body[0] = body[0].with_changes(leading_lines=[*updated.leading_lines, *blank_above])
        todo = self.ctx.arg(codes[0], "inlined_todo")
        if todo:  # a constant whose value means nothing to ZenML 0.20: a TODO above each one
            for i, node in enumerate(body):
                bound = node.body[0].targets[0].target.value if _assigns_name(node) else None
                if bound in {local for _, local in names}:
                    text = todo.format(name=bound)
                    line = self.ctx.todo_line(codes[0], text)
                    body[i] = node.with_changes(leading_lines=[*node.leading_lines, line])
        if not _assigns_name(body[-1]):
            self._defs_inserted.add(id(body[-1]))
        return cst.FlattenSentinel(body)

    def leave_Module(self, original: cst.Module, updated: cst.Module):
        """A module-level statement right after an inserted ``def`` gets the two blank lines
        PEP 8 asks for (the import line the def replaced had none below it)."""
        inserted = self._defs_inserted
        if not inserted:
            return updated
        body = list(updated.body)
        for i in range(1, len(body)):
            if id(body[i - 1]) in inserted:
                lines = list(body[i].leading_lines)
                blank = next((n for n, line in enumerate(lines) if line.comment is not None), len(lines))
                if blank < 2:
                    body[i] = body[i].with_changes(leading_lines=[cst.EmptyLine()] * (2 - blank) + lines)
        return updated.with_changes(body=body)
