"""``import_time:CommentOutAtImport``: module-level statements that fail at import on ZenML 0.20
become comments under a TODO; the names they bound, and removed zenml import names, are bound
to a stub that raises ``NotImplementedError`` when used.

Where: what the scan decided (``migrate/scan/import_time.mark``), carried by each finding of its rules
in its ``fix_args`` (why, the names a statement binds, the removed import and whether its name is
still used); this codemod decides nothing again::

    # TODO(zenml-migrate): ZMnnn this statement fails on ZenML 0.20 (...): port it (commented out below); `kubeflow` raises NotImplementedError until then
    # kubeflow = KubeflowOrchestrator(
    #     name="kubeflow_prod",
    # )
    kubeflow = _RemovedInZenML020("zenml-migrate: `kubeflow` cannot be built on ZenML 0.20: ...")

The stub class is written once, after the module's last import that comes before the first
statement it is needed by. A statement that binds nothing leaves only its comment lines (above
the next statement). The code commented out is the statement as the other fixes of this run
rewrote it (``Repository`` already ``Client``...).
"""

from typing import Dict, List, Optional, Sequence, Set

import libcst as cst

from zenml_migrate.findings import Finding
from zenml_migrate.fix.codemod import STATEMENTS, Codemod
from zenml_migrate.fix.comment_out import string as _string
from zenml_migrate.fix.todo import PREFIX as TODO_PREFIX, TAG as TODO_TAG
from zenml_migrate.rules.import_time import BINDS, IMPORT, IN_BLOCK, REASON, STUB, STUB_CLASS, STUB_NEEDED

def _imports(statement: cst.BaseStatement) -> bool:
    """Is ``statement`` a line with an import on it?"""
    return isinstance(statement, cst.SimpleStatementLine) and any(isinstance(s, (cst.Import, cst.ImportFrom)) for s in statement.body)


class CommentOutAtImport(Codemod):
    whole_tree = True  # the dependent statements have no finding of their own

    def __init__(self, ctx):
        super().__init__(ctx)
        self._module: Optional[cst.Module] = None
        self._inert: Dict[int, Finding] = {}  # statement line -> its finding
        self._drops: Dict[tuple, tuple] = {}  # alias start -> the (module, name, local) of a removed import name
        self._in_block: List[Finding] = []  # those of imports in the block of a module-level ``if``
        self._stub_after: Optional[int] = None  # line of the import statement the stubs follow
        self._stub_before: Optional[int] = None  # else: line of the first inert statement
        self._pad_next = False
        self._stubbed: List[Finding] = []  # the removed import names still used

    # ------------------------------------------------------------ the plan (the scan's)
    def visit_Module(self, node: cst.Module) -> None:
        mine = sorted((f for f in self.ctx.findings() if f.code in self.ctx.codes and f.arg(REASON) is not None),
                      key=lambda f: f.span)
        if not mine:
            return
        self._module = node
        self.ctx.locate_everything()
        imports = [f for f in mine if f.arg(IMPORT) is not None]
        statements = [f for f in mine if f.arg(IMPORT) is None]
        self._inert = {f.span.line: f for f in statements}
        # an import in an ``if`` block becomes its stub where it is (``_block_stubs``)
        self._in_block = [f for f in imports if f.arg(IN_BLOCK) is not None]
        self._drops = {(f.span.line, f.span.column): f.arg(IMPORT) for f in imports if f.arg(IN_BLOCK) is None}
        self._stubbed = [f for f in imports if f.arg(IN_BLOCK) is None and f.arg(STUB_NEEDED)]
        self._needs_stub = bool(self._stubbed or self._in_block) or any(f.arg(BINDS) for f in statements)
        self._has_stub = any(isinstance(s, (cst.ClassDef, cst.FunctionDef)) and s.name.value == STUB for s in node.body)
        starts = [self.ctx.position(s).start.line for s in node.body]
        ends = [self.ctx.position(s).end.line for s in node.body]
        blocks = [next(start for start, end in zip(starts, ends) if start <= f.span.line <= end) for f in self._in_block]
        first = min([*(f.span.line for f in statements), *blocks], default=None)
        before = [start for s, start in zip(node.body, starts) if (first is None or start < first) and _imports(s)]
        if before:
            self._stub_after = before[-1]
        else:
            self._stub_before = first

    # ------------------------------------------------------------ removed import names
    def leave_ImportFrom(self, original, updated):
        self.ctx.drop_imports_at(original, self._drops)
        return updated

    leave_Import = leave_ImportFrom

    # ------------------------------------------------------------ module-level statements
    def _statement(self, original, updated):
        if self._module is None:
            return updated
        position = self.ctx.position(original)
        line = position.start.line if position is not None else None
        if self._in_block and isinstance(original, cst.SimpleStatementLine):
            items = [f for f in self._in_block if f.span.line - f.arg(IN_BLOCK) == line]
            if items:
                return self._block_stubs(items, updated)
        if line is None or not any(original is s for s in self._module.body):
            return updated
        if self._pad_next:  # two blank lines after the stub class
            if sum(1 for line in updated.leading_lines if line.comment is None) < 2:
                updated = updated.with_changes(leading_lines=[cst.EmptyLine(), *updated.leading_lines])
            self._pad_next = False
        out: List[cst.BaseStatement] = []
        inert = self._inert.get(line)
        if self._stub_before is not None and line == self._stub_before:
            out += self._stubs(updated.leading_lines)
            updated = updated.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()])
        commented = None if inert is None else self._commented(inert, updated)
        if commented is None:
            out.append(updated)
        else:
            out += commented
        if self._stub_after is not None and line == self._stub_after:
            out += self._stubs([cst.EmptyLine(), cst.EmptyLine()])
            self._pad_next = bool(out[-1] is not updated)
        if len(out) == 1 and not isinstance(commented, cst.FlattenSentinel):  # a marker's stays one: the statement is gone
            return out[0]
        return cst.FlattenSentinel(out)

    def _stubs(self, leading) -> List[cst.BaseStatement]:
        """The stub class (once) and the stubs of the removed import names."""
        out: List[cst.BaseStatement] = []
        if self._needs_stub and not self._has_stub:
            out.append(cst.parse_statement(STUB_CLASS.format(name=STUB)).with_changes(leading_lines=list(leading)))
            leading = [cst.EmptyLine(), cst.EmptyLine()]
            self._has_stub = True
        for item in self._stubbed:
            module, name, local = item.arg(IMPORT)
            shown = f"`{name or module}` is gone in ZenML 0.20 ({item.arg(REASON)})"
            todo = f"{shown}: port the code that uses it (it raises NotImplementedError until then)"
            out.append(self._assign([local], f"zenml-migrate: {shown}; see the {TODO_TAG} above "
                                    f"`{local} = {STUB}(...)`", [*leading, self._todo(todo)]))
            leading = []
        return out

    def _block_stubs(self, items: List[Finding], updated: cst.SimpleStatementLine) -> cst.SimpleStatementLine:
        """The import statement in an ``if`` block (every name gone) as the stub of its names."""
        gone = [item.arg(IMPORT) for item in items]
        shown = ", ".join(f"`{name or module}`" for module, name, _ in gone)
        reason = items[-1].arg(REASON)
        verb = "is" if len(items) == 1 else "are"
        bound = ", ".join(f"`{local}`" for _, _, local in gone)
        todo = f"{shown} {verb} gone in ZenML 0.20 ({reason}): port the code that uses {bound} (bound below to a stub " \
               "that raises NotImplementedError until then)"
        message = f"zenml-migrate: {shown} {verb} gone in ZenML 0.20 ({reason}); see the {TODO_TAG} above " \
                  f"`{gone[0][2]} = {STUB}(...)`"
        line = self._todo(todo)  # at the block's indentation
        return self._assign([local for _, _, local in gone], message, [*updated.leading_lines, line])

    def _todo(self, text: str) -> cst.EmptyLine:
        return self.ctx.todo_line(min(self.ctx.codes), text)

    @staticmethod
    def _assign(names: List[str], message: str, leading) -> cst.SimpleStatementLine:
        call = cst.Call(cst.Name(STUB), [cst.Arg(_string(message))])
        return cst.SimpleStatementLine(
            [cst.Assign([cst.AssignTarget(cst.Name(n)) for n in names], call)], leading_lines=list(leading)
        )

    def _commented(self, inert: Finding, updated) -> Sequence[cst.BaseStatement]:
        """The statement commented out under its TODO: where it was (a marker, ``ctx.comment_out``),
        or above the stub its names are bound to."""
        reason, binds = inert.arg(REASON), list(inert.arg(BINDS, ()))
        bound = ", ".join(f"`{n}`" for n in binds)
        todo = f"this statement {reason}: port it (commented out below)" + (
            f"; {bound} {'raises' if len(binds) == 1 else 'raise'} NotImplementedError until then" if bound else ""
        )
        text = self._module.code_for_node(updated.with_changes(leading_lines=()))
        # a def's or class's line (the finding's) comes after its decorators, which go with it
        above = next((i for i, line in enumerate(text.split("\n")) if line.startswith(("def ", "async ", "class "))), 0) \
            if isinstance(updated, (cst.FunctionDef, cst.ClassDef)) else 0
        # less the TODO lines an earlier run wrote above it or inside it (a class body's): the new one takes them
        earlier = self._earlier_todos(inert, inert.span.line - above)
        line = self._todo(todo)
        if not binds:
            return self.ctx.comment_out(updated, line, earlier, text)
        message = (f"zenml-migrate: {bound} cannot be built on ZenML 0.20: its statement {reason}; see the {TODO_TAG} above "
                   f"`{binds[0]} = {STUB}(...)`")
        return [self._assign(binds, message, self.ctx.commented_lines(updated, line, earlier, text))]

    def _earlier_todos(self, inert: Finding, start: int) -> Set[str]:
        """The TODO lines an earlier run (``--fix``) wrote, above this statement or inside it (from
        line ``start``: its first decorator's), for what this fix resolves: its own finding and the
        findings inside the statement it resolves (their advice is in the new TODO line)."""
        from zenml_migrate.fix.todo import todo_text

        code = min(self.ctx.codes)
        end = inert.span.end_line
        mine = [
            f for f in self.ctx.findings()
            if f.span == inert.span and f.code == code or f.resolved_by == code and start <= f.span.line <= end
        ]
        return {f"{TODO_PREFIX}{f.code} {todo_text(f, self.ctx.rule(f.code))}" for f in mine}  # never "resolved by"


for _name in STATEMENTS:
    setattr(CommentOutAtImport, f"leave_{_name}", CommentOutAtImport._statement)
