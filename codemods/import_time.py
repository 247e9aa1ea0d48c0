"""``import_time:CommentOutAtImport``: module-level statements that fail at import on ZenML 0.20
become comments under a TODO; the names they bound, and removed zenml import names, are bound
to a stub that raises ``NotImplementedError`` when used.

Where (``migrate/scan/import_time.inert_plan``, the same decision as the scan's)::

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

from typing import Dict, List, Optional

import libcst as cst

from zenml_migrate.fix.codemod import Codemod
from zenml_migrate.fix.positions import positions_and_code
from zenml_migrate.fix.todo import PREFIX as TODO_PREFIX
from zenml_migrate.rules.import_time import STUB, STUB_CLASS

_STATEMENTS = (
    "SimpleStatementLine", "If", "For", "While", "With", "Try", "FunctionDef", "ClassDef", "Match", "TryStar",
)


def _string(text: str) -> cst.SimpleString:
    return cst.SimpleString('"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"')


def _comment(text: str) -> cst.EmptyLine:
    return cst.EmptyLine(indent=False, comment=cst.Comment(text))


class CommentOutAtImport(Codemod):
    whole_tree = True  # the dependent statements have no finding of their own

    def __init__(self, ctx):
        super().__init__(ctx)
        self._positions = None
        self._module: Optional[cst.Module] = None
        self._plan = None
        self._inert: Dict[int, object] = {}  # statement line -> Inert
        self._imports: Dict[tuple, object] = {}  # alias start -> StubbedImport
        self._stub_after: Optional[int] = None  # line of the import statement the stubs follow
        self._stub_before: Optional[int] = None  # else: line of the first inert statement
        self._carry: List[cst.EmptyLine] = []  # comment lines of a statement that bound nothing
        self._pad_next = False
        self._stubbed: List[object] = []  # the removed import names still used

    # ------------------------------------------------------------ the plan
    def visit_Module(self, node: cst.Module) -> None:
        from zenml_migrate.scan.import_time import needs_stub, planned

        detector = self.ctx.detector
        plan = planned(detector, [f for f in self.ctx.findings() if f.code in self.ctx.codes])
        if not plan:
            return
        self._plan = plan
        self._module = node
        self._positions, _ = positions_and_code(node)
        self._inert = {s.statement.lineno: s for s in plan.statements}
        self._imports = {(i.span.line, i.span.column): i for i in plan.imports}
        # an import in an ``if`` block becomes its stub where it is (``_in_block``)
        self._in_block = {i.statement.lineno: i for i in plan.imports if i.within is not None}
        self._stubbed = [i for i in plan.imports if i.within is None and needs_stub(detector, i, plan)]
        self._needs_stub = bool(self._stubbed or self._in_block) or any(s.binds for s in plan.statements)
        self._has_stub = any(getattr(s, "name", None) == STUB for s in detector.tree.body)
        first = min([*(s.statement.lineno for s in plan.statements), *(i.within.lineno for i in self._in_block.values())],
                    default=None)
        before = [
            s for s in detector.tree.body
            if s.__class__.__name__ in ("Import", "ImportFrom") and (first is None or s.lineno < first)
        ]
        if before:
            self._stub_after = before[-1].lineno
        else:
            self._stub_before = first

    # ------------------------------------------------------------ removed import names
    def leave_ImportFrom(self, original: cst.ImportFrom, updated: cst.ImportFrom):
        for alias in original.names if self._plan and not isinstance(original.names, cst.ImportStar) else ():
            item = self._import_at(alias)
            if item is not None and item.within is None:
                self.ctx.drop_import(item.module, item.name, item.local if item.local != item.name else None)
        return updated

    def leave_Import(self, original: cst.Import, updated: cst.Import):
        for alias in original.names if self._plan else ():
            item = self._import_at(alias)
            if item is not None and item.within is None:
                self.ctx.drop_import(item.module, "", item.local)
        return updated

    def _import_at(self, alias: cst.ImportAlias):
        position = self._positions.get(alias) if self._positions is not None else None
        return None if position is None else self._imports.get((position.start.line, position.start.column + 1))

    # ------------------------------------------------------------ module-level statements
    def _statement(self, original, updated):
        if self._plan is None or self._positions is None:
            return updated
        position = self._positions.get(original)
        line = position.start.line if position is not None else None
        if line in self._in_block and isinstance(original, cst.SimpleStatementLine):
            return self._block_stubs(self._in_block[line], updated)
        if line is None or not any(original is s for s in self._module.body):
            return updated
        if self._carry:  # in a notebook's module: before the next cell's marker (it stays in its cell)
            from zenml_migrate.scan.notebook import CELL_PREFIX

            leading = list(updated.leading_lines)
            at = next((i for i, e in enumerate(leading) if e.comment is not None and e.comment.value.startswith(CELL_PREFIX)), None)
            if at is None:  # where the statement was: before the next statement's blank and comment lines
                at = 0
            else:  # and before the blank line that ends the cell
                while at and leading[at - 1].comment is None:
                    at -= 1
            updated = updated.with_changes(leading_lines=[*leading[:at], *self._carry, *leading[at:]])
            self._carry = []
        if self._pad_next:  # two blank lines after the stub class
            if sum(1 for line in updated.leading_lines if line.comment is None) < 2:
                updated = updated.with_changes(leading_lines=[cst.EmptyLine(), *updated.leading_lines])
            self._pad_next = False
        out: List[cst.BaseStatement] = []
        inert = self._inert.get(line)
        if self._stub_before is not None and line == self._stub_before:
            out += self._stubs(updated.leading_lines)
            updated = updated.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()])
        if inert is None:
            out.append(updated)
        else:
            out += self._commented(inert, updated)
        if self._stub_after is not None and line == self._stub_after:
            out += self._stubs([cst.EmptyLine(), cst.EmptyLine()])
            self._pad_next = bool(out[-1] is not updated)
        if len(out) == 1:
            return out[0]
        return cst.FlattenSentinel(out) if out else cst.RemovalSentinel.REMOVE

    def _stubs(self, leading) -> List[cst.BaseStatement]:
        """The stub class (once) and the stubs of the removed import names."""
        from zenml_migrate.scan.import_time import why

        out: List[cst.BaseStatement] = []
        if self._needs_stub and not self._has_stub:
            out.append(cst.parse_statement(STUB_CLASS.format(name=STUB)).with_changes(leading_lines=list(leading)))
            leading = [cst.EmptyLine(), cst.EmptyLine()]
            self._has_stub = True
        for item in self._stubbed:
            shown = f"`{item.name or item.module}` is gone in ZenML 0.20 ({why(item.reasons[0])})"
            todo = f"{shown}: port the code that uses it (it raises NotImplementedError until then)"
            out.append(self._assign([item.local], f"zenml-migrate: {shown}; see the TODO(zenml-migrate) above "
                                    f"`{item.local} = {STUB}(...)`", [*leading, self._todo(todo)]))
            leading = []
        return out

    def _block_stubs(self, first, updated: cst.SimpleStatementLine) -> cst.SimpleStatementLine:
        """The import statement in an ``if`` block (every name gone) as the stub of its names."""
        from zenml_migrate.scan.import_time import why

        items = [i for i in self._plan.imports if i.statement is first.statement]
        shown = ", ".join(f"`{i.name or i.module}`" for i in items)
        reason = why(first.reasons[0])
        verb = "is" if len(items) == 1 else "are"
        bound = ", ".join(f"`{i.local}`" for i in items)
        todo = f"{shown} {verb} gone in ZenML 0.20 ({reason}): port the code that uses {bound} (bound below to a stub " \
               "that raises NotImplementedError until then)"
        message = f"zenml-migrate: {shown} {verb} gone in ZenML 0.20 ({reason}); see the TODO(zenml-migrate) above " \
                  f"`{items[0].local} = {STUB}(...)`"
        line = self._todo(todo).with_changes(indent=True)  # at the block's indentation
        return self._assign([i.local for i in items], message, [*updated.leading_lines, line])

    def _todo(self, text: str) -> cst.EmptyLine:
        code = min(self.ctx.codes)
        self.ctx.wrote_todo(code, text)
        return _comment(f"{TODO_PREFIX}{code} {text}")

    @staticmethod
    def _assign(names: List[str], message: str, leading) -> cst.SimpleStatementLine:
        call = cst.Call(cst.Name(STUB), [cst.Arg(_string(message))])
        return cst.SimpleStatementLine(
            [cst.Assign([cst.AssignTarget(cst.Name(n)) for n in names], call)], leading_lines=list(leading)
        )

    def _commented(self, inert, updated) -> List[cst.BaseStatement]:
        from zenml_migrate.scan.import_time import why

        reason = why(inert.reasons[0])
        bound = ", ".join(f"`{n}`" for n in inert.binds)
        todo = f"this statement {reason}: port it (commented out below)" + (
            f"; {bound} {'raises' if len(inert.binds) == 1 else 'raise'} NotImplementedError until then" if bound else ""
        )
        text = self._module.code_for_node(updated.with_changes(leading_lines=()))
        lines = [_comment(f"# {line}".rstrip() if line.strip() else "#") for line in text.rstrip("\n").split("\n")]
        head = [*self._without_earlier_todos(inert, updated.leading_lines), self._todo(todo), *lines]
        if not inert.binds:
            self._carry = head
            return []
        message = (f"zenml-migrate: {bound} cannot be built on ZenML 0.20: its statement {reason}; see the TODO(zenml-migrate) above "
                   f"`{inert.binds[0]} = {STUB}(...)`")
        return [self._assign(inert.binds, message, head)]

    def _without_earlier_todos(self, inert, leading) -> List[cst.EmptyLine]:
        """``leading`` without the TODO lines an earlier run (``--fix``) wrote above this statement
        for what this fix resolves: its own finding and the findings inside the statement it
        resolves (their advice is in the new TODO line)."""
        from zenml_migrate.fix.todo import todo_text

        code = min(self.ctx.codes)
        start, end = inert.span.line, inert.span.end_line
        mine = [
            f for f in self.ctx.findings()
            if f.span == inert.span and f.code == code or f.resolved_by == code and start <= f.span.line <= end
        ]
        texts = {f"{TODO_PREFIX}{f.code} {todo_text(f, self.ctx.rule(f.code))}" for f in mine}  # never "resolved by"
        return [line for line in leading if line.comment is None or line.comment.value.strip() not in texts]

    def leave_Module(self, original: cst.Module, updated: cst.Module):
        if not self._carry:
            return updated
        footer, self._carry = [*updated.footer, *self._carry], []
        return updated.with_changes(footer=footer)


for _name in _STATEMENTS:
    setattr(CommentOutAtImport, f"leave_{_name}", CommentOutAtImport._statement)
