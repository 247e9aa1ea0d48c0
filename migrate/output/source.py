"""The source lines findings point at, for snippets (``full``, ``html``): the file on disk as
it was scanned (Python decoded by its coding cookie, a notebook cell by its number, YAML and
command-line files as UTF-8), or the text read from stdin. Lines are split the way Python's tokenizer counts them.

A finding's column counts characters of the line on disk; a snippet shows the line with its
secret-looking values masked (another length), so ``Sources.column`` maps a column of the
line on disk to the column of the line shown, ``clip`` cuts a very long line around the flagged
code, and ``Display`` lays a shown line out for a terminal (tabs to tab stops, control
characters escaped, wide characters two cells)."""

import difflib
import os.path
import re
import unicodedata
from typing import Dict, List, Optional, Tuple

from zenml_migrate.findings import Span
from zenml_migrate.redact import mask_assignments
from zenml_migrate.safe_read import CONFIG_CAP, read_regular

TAB = 4
#: a masked line longer than this is mapped by its common prefix only (the alignment is quadratic)
MAX_ALIGNED = 4096
MAX_SHOWN = 200  # characters of a line a snippet shows (``clip``)
CLIP_BEFORE = 60  # of them, before the flagged code of a cut line
ELLIPSIS = "..."


def shown_column(raw: str, shown: str, col: int, end: bool = False) -> int:
    """Column ``col`` (0-based) of ``raw`` in ``shown``, the same line with some parts replaced
    (masked values). A column inside a replaced part goes to its start (``end``: its end)."""
    if raw == shown:
        return col
    if len(raw) > MAX_ALIGNED or len(shown) > MAX_ALIGNED:
        prefix = len(os.path.commonprefix([raw, shown]))
        suffix = min(len(os.path.commonprefix([raw[::-1], shown[::-1]])), min(len(raw), len(shown)) - prefix)
        if col <= prefix:
            return col
        if col >= len(raw) - suffix:
            return col + len(shown) - len(raw)
        return len(shown) - suffix if end else prefix
    if col <= 0:
        return 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, raw, shown, autojunk=False).get_opcodes():
        if tag == "equal":
            if col < i2 or (end and col == i2):
                return j1 + col - i1
        elif (i1 < col <= i2) if end else (i1 <= col < i2):
            return j2 if end else j1
    return len(shown) + max(0, col - len(raw))


def clip(text: str, lo: int = 0, hi: int = 0) -> Tuple[str, int]:
    """``text`` cut to about ``MAX_SHOWN`` characters around columns ``lo``..``hi`` (a line of
    600,000 characters is shown as ``...`` + the part around the flagged code + ``...``), and
    what to add to a column of ``text`` to find it in the cut text."""
    if len(text) <= MAX_SHOWN:
        return text, 0
    start = 0 if hi <= MAX_SHOWN - len(ELLIPSIS) else max(0, min(lo - CLIP_BEFORE, len(text) - MAX_SHOWN))
    end = min(len(text), start + MAX_SHOWN)
    head = ELLIPSIS if start else ""
    return head + text[start:end] + (ELLIPSIS if end < len(text) else ""), len(head) - start


class Display:
    """One shown line as a terminal shows it: ``text`` (tabs expanded to tab stops, control
    characters escaped like ``\\x0c``) and ``cell(col)``, the screen column of a character
    column of the line (wide East Asian characters take two cells, combining marks none)."""

    def __init__(self, line: str):
        parts, cells, at = [], [0], 0
        for ch in line:
            if ch == "\t":
                shown = " " * (TAB - at % TAB)
            else:
                shown = _escaped(ch)
            parts.append(shown)
            at += _width(shown)
            cells.append(at)
        self.text = "".join(parts)
        self._cells = cells

    def cell(self, col: int) -> int:
        if col < len(self._cells):
            return self._cells[max(col, 0)]
        return self._cells[-1] + col - (len(self._cells) - 1)


def _escaped(ch: str) -> str:
    """A control, format or line-separator character as its escape (``\\x1b``): a snippet never
    sends one to a terminal (colours, cursor moves, hidden text) or a page."""
    return ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch


def escape_controls(text: str) -> str:
    """``text`` with every control character escaped, tabs and newlines too."""
    return "".join(_escaped(ch) for ch in text)


def printable(text: str) -> str:
    """``text`` with control characters escaped, tabs kept (an HTML ``<pre>`` lays them out)."""
    return "".join(ch if ch == "\t" else _escaped(ch) for ch in text) if not text.isprintable() else text


def _width(text: str) -> int:
    n = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n


#: a line of a notebook cell or Python file that is not Python code (IPython shell escapes and
#: magics, comments: jupytext keeps ``# !cmd`` there) or a cell whose cell magic is not Python
#: (``%%bash``): its text is masked like a command line's (``--password=x``)
_NOT_PYTHON_LINE = re.compile(r"^[ \t]*(?:[!%#]|[A-Za-z_]\w*[ \t]*=[ \t]*[!%])")
_PYTHON_CELL_MAGIC = re.compile(r"^[ \t]*%%(?:time|timeit|capture|prun|debug)\b")


def _python_line(lines: List[str], line: str) -> bool:
    first = next((x for x in lines if x.strip()), "")
    if first.lstrip().startswith("%%") and not _PYTHON_CELL_MAGIC.match(first):
        return False
    return python_code_line(line)


def python_code_line(line: str) -> bool:
    """Is this line of a Python file or cell code (not a shell escape, a magic or a comment)?"""
    return not _NOT_PYTHON_LINE.match(line)


class Sources:
    def __init__(self, stdin: Optional[Tuple[str, bytes]] = None):
        self._stdin = stdin
        self._cache: Dict[Tuple[str, Optional[int]], Optional[Tuple[List[str], List[str]]]] = {}
        self._notebooks: Dict[str, object] = {}  # path: its ``CellPlaces`` (None: not readable)

    def lines(self, path: str, cell: Optional[int] = None) -> Optional[List[str]]:
        """The lines of ``path`` (of its cell ``cell``), or None when they cannot be read. The
        values of secret-looking keys are masked: a report never shows a credential."""
        both = self._both(path, cell)
        return both[1] if both is not None else None

    def column(self, path: str, cell: Optional[int], line: int, col: int, end: bool = False) -> int:
        """The 0-based column ``col`` of line ``line`` on disk, in that line as ``lines`` shows it."""
        both = self._both(path, cell)
        if both is None or not 1 <= line <= len(both[0]):
            return col
        return shown_column(both[0][line - 1], both[1][line - 1], col, end)

    def columns_of(self, finding):
        """``column`` for the lines of ``finding``'s file (or cell): ``(line, col, end=False)``."""
        return lambda line, col, end=False: self.column(finding.path, finding.cell, line, col, end)

    def _both(self, path: str, cell: Optional[int]):
        key = (path, cell)
        if key not in self._cache:
            raw = self._read(path, cell)
            python = cell is not None or path.endswith((".py", ".pyw", ".ipynb", ".zpln"))
            self._cache[key] = (raw, [mask_assignments(line, python and _python_line(raw, line)) for line in raw]) if raw is not None else None
        return self._cache[key]

    def on_disk(self, finding) -> Span:
        """``finding``'s span in its file on disk: in a notebook, the cell's line and column taken
        to the line and column of the .ipynb JSON text that holds that character (``CellPlaces``),
        for the formats that point a tool at the file (a GitHub annotation on line 2 of a cell
        belongs on the JSON line of that string, not on line 2, ``"cells": [``). The span in the
        cell when the notebook cannot be read again."""
        span = finding.span
        if not finding.cell:
            return span
        places = self._places(finding.path)
        start = places.place(finding.cell, span.line, span.column) if places is not None else None
        if start is None:
            return span
        end = places.place(finding.cell, span.end_line, span.end_column) or start
        return Span(start[0], start[1], *max(end, start))

    def _places(self, path: str):
        if path not in self._notebooks:
            self._notebooks[path] = None
            data = self._data(path)
            if data is not None:
                from zenml_migrate.output.cell_places import CellPlaces
                from zenml_migrate.scan.sources import SourceError

                try:
                    self._notebooks[path] = CellPlaces(data.decode("utf-8-sig"))
                except (ValueError, IndexError, RecursionError, SourceError):  # (it was read as a notebook: not likely)
                    pass
        return self._notebooks[path]

    def _data(self, path: str) -> Optional[bytes]:
        if self._stdin is not None and path == self._stdin[0]:
            return self._stdin[1]
        try:
            return read_regular(path, CONFIG_CAP)  # never a FIFO or a device: a report must not hang
        except OSError:
            return None

    def _read(self, path: str, cell: Optional[int]) -> Optional[List[str]]:
        data = self._data(path)
        if data is None:
            return None
        try:
            from zenml_migrate.scan.file_scan import split_lines

            from zenml_migrate.scan.discovery import is_notebook

            if is_notebook(path):
                from zenml_migrate.scan.notebook import read_notebook

                found = [c for c in read_notebook(data).cells if c.number == cell]
                return [line.rstrip("\r") for line in found[0].lines] if found else None
            if path.endswith((".py", ".pyw")) or (self._stdin is not None and path == self._stdin[0] and "." not in path.rsplit("/", 1)[-1]):
                from zenml_migrate.scan.sources import decode_python

                return split_lines(decode_python(data).text)
            from zenml_migrate.scan.sources import decode_bytes_text, shown_text

            return split_lines(shown_text(decode_bytes_text(data).text))  # YAML, shell scripts (UTF-16 too), Makefiles, Markdown
        except Exception:  # a file that cannot be read as text has a ZM001 already: no snippet
            return None
