"""Where a line and column of a notebook cell are in the notebook's file on disk.

A finding in a notebook carries its cell number and the line and column inside the cell's
text (``nb.ipynb:cell 3:2:7``: what a person reads). The formats that point a tool at the
file itself (GitHub annotations, GitLab code quality, SARIF regions, JUnit ``line``) need the
line of the ``.ipynb`` JSON text that holds that character: ``CellPlaces.place`` walks the
JSON text (``fix/json_splice.parse_spans``) to the cell's ``source`` value (a list of strings,
one per line as Jupyter writes it, or one string), and through that string's escapes
(``\\n``, ``\\"``, ``\\u00e9``) to the character's offset in the file.
"""

import bisect
import json
import re
from typing import Dict, List, Optional, Tuple

from zenml_migrate.fix.json_splice import parse_spans
from zenml_migrate.scan.notebook import cell_source_key, raw_cells


def _pair(node, value, nodes: Dict[int, object]) -> None:
    """``nodes[id(x)] = node of x`` for every object and list of ``value`` (``json.loads`` of the
    text ``node`` was read from: the same tree)."""
    if node.kind == "obj" and isinstance(value, dict):
        nodes[id(value)] = node
        last = {key: child for key, child in node.items}  # (a repeated key: json.loads keeps the last)
        for key, child in last.items():
            if key in value:
                _pair(child, value[key], nodes)
    elif node.kind == "arr" and isinstance(value, list) and len(node.items) == len(value):
        nodes[id(value)] = node
        for child, item in zip(node.items, value):
            _pair(child, item, nodes)


def _raw_offset(text: str, start: int, end: int, chars: int) -> int:
    """The offset in ``text`` of character ``chars`` of the JSON string token ``text[start:end]``
    (its quotes included) once decoded: an escape is one character (a ``\\ud83d\\ude00`` pair one)."""
    i, seen, stop = start + 1, 0, end - 1
    while seen < chars and i < stop:
        if text[i] == "\\":
            if text[i + 1] == "u":
                pair = 0xD800 <= int(text[i + 2:i + 6], 16) < 0xDC00 and text[i + 6:i + 8] == "\\u" and 0xDC00 <= int(text[i + 8:i + 12] or "0", 16) < 0xE000
                i += 12 if pair else 6
            else:
                i += 2
        else:
            i += 1
        seen += 1
    return min(i, stop)


class CellPlaces:
    """The notebook JSON ``text``'s cells: ``place(cell, line, column)`` is where that character
    of cell ``cell`` (1-based number, markdown cells counted) is in ``text``, ``(line, column)``
    1-based, or None (no such cell or line)."""

    def __init__(self, text: str):
        self._text = text
        nb = json.loads(text)
        nodes: Dict[int, object] = {}
        _pair(parse_spans(text), nb, nodes)
        self._sources: Dict[int, Tuple[List[Tuple[str, object]], str]] = {}
        joiner = "\n" if isinstance(nb, dict) and nb.get("nbformat") == 2 else ""  # (``notebook.cell_text``)
        for position, cell in enumerate(raw_cells(nb)):
            node = nodes.get(id(cell))
            if node is None or not isinstance(cell, dict):
                continue
            key = cell_source_key(cell)
            child = [n for k, n in node.items if k == key][-1:]
            source = cell.get(key)
            if not child:
                continue
            if isinstance(source, str) and child[0].kind == "str":
                self._sources[position + 1] = ([(source, child[0])], "")
            elif isinstance(source, list) and all(isinstance(s, str) for s in source) and child[0].kind == "arr":
                self._sources[position + 1] = (list(zip(source, child[0].items)), joiner)
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._lines: Dict[int, List[str]] = {}

    def place(self, cell: int, line: int, column: int) -> Optional[Tuple[int, int]]:
        found = self._sources.get(cell)
        if found is None or line < 1:
            return None
        pieces, joiner = found
        if cell not in self._lines:
            self._lines[cell] = joiner.join(p for p, _ in pieces).split("\n")
        lines = self._lines[cell]
        if line > len(lines):
            return None
        offset = sum(len(x) + 1 for x in lines[: line - 1]) + max(min(column - 1, len(lines[line - 1])), 0)
        for k, (piece, node) in enumerate(pieces):
            last = k == len(pieces) - 1
            if offset <= len(piece) and (offset < len(piece) or last or joiner):
                return self._line_column(_raw_offset(self._text, node.start, node.end, offset))
            offset -= len(piece) + len(joiner)
        return None

    def _line_column(self, at: int) -> Tuple[int, int]:
        row = bisect.bisect_right(self._starts, at) - 1
        return row + 1, at - self._starts[row] + 1
