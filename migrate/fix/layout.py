"""Where each top-level statement of a LibCST module is in the original text, read from the
``ast`` of the same text (no code generation), and the rewritten text put together from it.

A file with a few findings has most of its statements untouched by the transform: their text
is taken from the original as it is, their positions and their names from the ``ast``. Only
the statements that hold findings are generated (for the positions the codemods look up),
and only the statements a codemod changed are generated again for the result. This replaces
three whole-module code generations per round (positions, names used, result), each about
as costly as the LibCST parse itself.

When the two trees do not line up (an unusual layout), ``Layout.ok`` is False and the fixer
generates the whole module as before.
"""

import ast
import difflib
from typing import Dict, List, Optional, Sequence, Tuple

import libcst as cst

from zenml_migrate.fix.positions import Positions, positions_and_code
from zenml_migrate.fix.todo import split_keepends


class Layout:
    """``module`` (parsed from ``text``) and ``tree`` (its ``ast``), statement by statement."""

    def __init__(self, module: cst.Module, tree: ast.Module, text: str):
        self.module, self.text = module, text
        self.lines = split_keepends(text)
        self.index = {id(stmt): i for i, stmt in enumerate(module.body)}
        self.nodes: List[List[ast.stmt]] = []  # the ast statements of each top-level statement
        self.spans: List[Tuple[int, int]] = []  # (first, last) line of each, its leading lines included
        self.ok = self._line_up(tree)

    def _line_up(self, tree: ast.Module) -> bool:
        body, j = tree.body, 0
        starts = []
        for stmt in self.module.body:
            k = len(stmt.body) if isinstance(stmt, cst.SimpleStatementLine) else 1
            nodes = body[j : j + k]
            j += k
            if len(nodes) != k:
                return False
            first = min([nodes[0].lineno] + [d.lineno for d in getattr(nodes[0], "decorator_list", ())])
            starts.append(first - len(stmt.leading_lines))
            self.nodes.append(nodes)
        if j != len(body) or not starts:
            return False
        end = len(self.lines) - len(self.module.footer)
        if starts[0] != len(self.module.header) + 1 or any(a >= b for a, b in zip(starts, starts[1:] + [end + 1])):
            return False
        self.spans = [(s, e - 1) for s, e in zip(starts, starts[1:] + [end + 1])]
        return all((nodes[-1].end_lineno or 0) <= last for nodes, (_, last) in zip(self.nodes, self.spans))

    def original_text(self, first: int, last: int) -> str:
        return "".join(self.lines[first - 1 : last])

    def flagged(self, lines: Sequence[Tuple[int, int]]) -> List[int]:
        """Indexes of the statements whose lines meet one of ``(first, last)``."""
        return [i for i, (a, b) in enumerate(self.spans) if any(line <= b and end >= a for line, end in lines)]

    def positions(self, indexes: Sequence[int], positions: Optional[Positions] = None) -> Tuple[Positions, Dict[int, str]]:
        """Positions of every node of the statements ``indexes`` (as ``PositionProvider`` gives
        them in the whole module; added to ``positions`` when given), and each statement's generated text."""
        positions = Positions() if positions is None else positions
        texts = {}
        for i in indexes:
            _, texts[i] = positions_and_code(self.module, self.module.body[i], self.spans[i][0], positions)
        return positions, texts

    def code(self, new: cst.Module, generated: Dict[int, str], statement_code) -> Optional[str]:
        """The text of ``new`` (this module after a transform): untouched statements as they
        were written, the others generated (lines they did not change kept as written); None
        when the header or footer changed."""
        if new.header is not self.module.header and list(new.header) != list(self.module.header):
            return None
        if new.footer is not self.module.footer and list(new.footer) != list(self.module.footer):
            return None
        out = [self.original_text(1, len(self.module.header))]
        changed: List[cst.BaseStatement] = []
        previous = -1  # index of the last untouched statement written

        def flush(upto: int) -> None:
            """The changed statements between untouched ``previous`` and ``upto``."""
            originals = range(previous + 1, upto)
            if not changed and not originals:
                return
            old = self.original_text(self.spans[previous + 1][0], self.spans[upto - 1][1]) if originals else ""
            identity = "".join(generated.get(i) or self.module.code_for_node(self.module.body[i]) for i in originals)
            new_text = "".join(statement_code(s) for s in changed)
            out.append(keep_untouched_lines(old, identity, new_text))
            changed.clear()

        for stmt in new.body:
            i = self.index.get(id(stmt))
            if i is None or i <= previous:
                changed.append(stmt)
                continue
            flush(i)
            out.append(self.original_text(*self.spans[i]))
            previous = i
        flush(len(self.module.body))
        last = self.spans[-1][1] if self.spans else len(self.module.header)
        out.append("".join(self.lines[last:]))
        text = "".join(out)
        if not new.has_trailing_newline and text.endswith(new.default_newline):
            text = text[: -len(new.default_newline)]  # as Module.code: a generated last statement
        return text


def keep_untouched_lines(original: str, identity: str, new: str) -> str:
    """LibCST does not round-trip every byte (``except X :`` loses its space): lines the
    transform did not change are taken from the original text."""
    if identity == original:
        return new
    old_lines = split_keepends(original)
    id_lines = split_keepends(identity)
    if len(old_lines) != len(id_lines):
        return new
    new_lines = split_keepends(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, id_lines, new_lines, autojunk=False).get_opcodes():
        out.extend(old_lines[i1:i2] if op == "equal" else new_lines[j1:j2])
    return "".join(out)
