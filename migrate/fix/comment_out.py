"""Comment out a statement under a TODO: the one way a codemod leaves a statement to a human.

``comment_lines`` turns a statement (as this run rewrote it) into the lines::

    # TODO(zenml-migrate): ZMnnn <what to do>
    # <the statement, line by line>

after the comment lines that were above it. A codemod that puts a statement of its own where
the statement was (``x = _RemovedInZenML020(...)``) gives these lines to that statement;
``Markers.marker`` gives them to a ``pass`` line (a marker) that stands where the statement was
until the whole transform is done; ``Markers.fold`` then moves each marker's lines above the
next statement of its block (a notebook cell's lines stay before the next cell's marker line),
or into the block's footer after its last statement. A marker that is the only statement left
in an indented block stays: the ``pass`` keeps the block valid.

``FixContext.comment_out`` and ``FixContext.todo_line`` (``migrate/fix/rewrite.py``) are how a
codemod reaches these; the fixer folds the markers of a file once, after the combined transform.
"""

from typing import List, Optional, Sequence, Set

import libcst as cst

from zenml_migrate.fix.todo import PREFIX


def todo_line(code: str, text: str) -> cst.EmptyLine:
    """The ``# TODO(zenml-migrate): <code> <text>`` line, at the indentation of the statement it is above."""
    return cst.EmptyLine(indent=True, comment=cst.Comment(f"{PREFIX}{code} {text}"))


def comment_lines(
    module: cst.Module, statement: cst.BaseStatement, todo: cst.EmptyLine, drop: Set[str] = frozenset(),
    text: Optional[str] = None,
) -> List[cst.EmptyLine]:
    """The lines above ``statement`` (``module``: the tree it was parsed in, for its indentation and
    line ends), ``todo``, then ``statement`` commented out line by line (``text``: its code without
    its leading lines, when the caller has it). ``drop``: lines (stripped) to leave out, above it and
    inside it (TODO lines an earlier run wrote for what the new TODO line now says)."""
    if text is None:
        text = module.code_for_node(statement.with_changes(leading_lines=()))
    above = [line for line in statement.leading_lines if line.comment is None or line.comment.value.strip() not in drop]
    code = [
        cst.EmptyLine(indent=True, comment=cst.Comment(f"# {line}".rstrip() if line.strip() else "#"))
        for line in text.rstrip("\n").split("\n") if line.strip() not in drop
    ]
    return [*above, todo, *code]


class Markers:
    """The ``pass`` markers of the statements commented out in one file (one per fixer round)."""

    def __init__(self):
        self._todos: Set[str] = set()  # the TODO comment of each marker (found by its shape: other
        # fixes of the run may rebuild the nodes around a marker, and the marker with them)

    def __bool__(self) -> bool:
        return bool(self._todos)

    def marker(self, lines: Sequence[cst.EmptyLine], todo: cst.EmptyLine) -> cst.FlattenSentinel:
        """A ``pass`` line under ``lines`` (which hold ``todo``), as a codemod's ``leave_`` returns it
        (a ``FlattenSentinel``: the codemods after it leave it alone, the statement is gone)."""
        self._todos.add(todo.comment.value)
        return cst.FlattenSentinel([cst.SimpleStatementLine([cst.Pass()], leading_lines=list(lines))])

    def is_marker(self, statement: cst.CSTNode) -> bool:
        if not (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 and isinstance(statement.body[0], cst.Pass)):
            return False
        return any(line.comment is not None and line.comment.value in self._todos for line in statement.leading_lines)

    def fold(self, module: cst.Module) -> cst.Module:
        """``module`` with every marker's lines moved on (see the module doc); statements that hold
        no marker are the same objects as before."""
        return module.visit(_Fold(self)) if self else module

    def _fold(self, body: Sequence[cst.BaseStatement], footer: Sequence[cst.EmptyLine], block: bool):
        out: List[cst.BaseStatement] = []
        carry: List[cst.EmptyLine] = []
        for index, statement in enumerate(body):
            if self.is_marker(statement):
                if index + 1 < len(body):
                    carry += list(statement.leading_lines)
                    continue
                if out or not block:
                    return out, [*carry, *statement.leading_lines, *footer]
            if carry:
                statement = statement.with_changes(leading_lines=[*carry, *statement.leading_lines])
                carry = []
            out.append(statement)
        return out, list(footer)


# the nodes a statement of a block can be under (no expression holds a statement)
_CONTAINERS = (cst.Module, cst.BaseCompoundStatement, cst.IndentedBlock, cst.Else, cst.ExceptHandler, cst.Finally,
               cst.MatchCase, *((cst.ExceptStarHandler,) if hasattr(cst, "ExceptStarHandler") else ()))


class _Fold(cst.CSTTransformer):
    def __init__(self, markers: Markers):
        super().__init__()
        self.markers = markers
        self._changes = 0
        self._at: List[int] = []  # ``_changes`` when each open container was entered

    def on_visit(self, node: cst.CSTNode) -> bool:
        if not isinstance(node, _CONTAINERS):
            return False
        self._at.append(self._changes)
        return True

    def on_leave(self, original: cst.CSTNode, updated: cst.CSTNode):
        if not isinstance(original, _CONTAINERS):
            return updated  # not entered: ``updated`` is ``original``
        if isinstance(original, (cst.Module, cst.IndentedBlock)) and any(self.markers.is_marker(s) for s in updated.body):
            body, footer = self.markers._fold(updated.body, updated.footer, isinstance(original, cst.IndentedBlock))
            updated = updated.with_changes(body=body, footer=footer)
            self._changes += 1
        return original if self._at.pop() == self._changes else updated



def string(text: str) -> cst.SimpleString:
    """``text`` as a double-quoted Python string literal."""
    return cst.SimpleString('"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"')


def is_todo(line: cst.EmptyLine) -> bool:
    """Is ``line`` one of our TODO lines?"""
    return line.comment is not None and line.comment.value.startswith(PREFIX.rstrip())


def raise_above(statement: cst.BaseStatement, todo: cst.EmptyLine, message: str) -> List[cst.BaseStatement]:
    """``raise NotImplementedError(message)`` under ``todo``, then ``statement``: the comment lines
    above the statement go above the raise; our TODO lines already there (its other findings)
    stay right above it."""
    kept = [line for line in statement.leading_lines if not is_todo(line)]
    raised = cst.SimpleStatementLine(
        [cst.Raise(exc=cst.Call(cst.Name("NotImplementedError"), [cst.Arg(string(message))]))], leading_lines=[*kept, todo]
    )
    return [raised, statement.with_changes(leading_lines=[line for line in statement.leading_lines if is_todo(line)])]
