"""Plain-text tables that fit the width they are given, for people reading a terminal (or a
pipe into ``less``): columns wrap between words (a path also after a ``/``), never inside one;
when the columns cannot all fit, the long ones (``Column(below=True)``) go under their row,
and when even that does not fit, every row becomes a stacked block of ``header: value`` lines.

    print(render_table(columns, rows, width=terminal_width(), paint=paint_for(sys.stdout)))

Rows are lists of strings (one per column; "\\n" separates lines inside a cell); ``styles``
gives an optional style per row and column (``{"action": "green"}``) for ``Paint``.
"""

import os
import re
import shutil
import sys
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

from zenml_migrate.output.color import Paint

GAP = "  "
MIN_BELOW = 36  # a wide column narrower than this goes under its row instead
INDENT = "    "


@dataclass
class Column:
    """A column of a text table."""

    header: str
    below: bool = False  # long free text: may move under its row on a narrow terminal
    right: bool = False  # numbers


def terminal_width(default: int = 80) -> int:
    """``COLUMNS`` when set, else the width of the terminal stdout or stderr is on, else 80."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream.isatty():
                return os.get_terminal_size(stream.fileno()).columns
        except (AttributeError, ValueError, OSError):
            continue
    return shutil.get_terminal_size((default, 24)).columns if default else default


_SPACE = re.compile(r"\s+")


def _tokens(word: str, width: int) -> List[str]:
    """A word longer than ``width`` split after ``/`` (paths, URLs); other words stay whole."""
    if len(word) <= width or "/" not in word:
        return [word]
    parts = re.findall(r"[^/]*/|[^/]+$", word)
    out, cur = [], ""
    for p in parts:
        if cur and len(cur) + len(p) > width:
            out.append(cur)
            cur = ""
        cur += p
    if cur:
        out.append(cur)
    return out


def wrap(text: str, width: int) -> List[str]:
    """Lines of at most ``width`` characters broken between words (a line holding one word
    longer than the width is that word)."""
    lines: List[str] = []
    for para in text.split("\n"):
        cur = ""
        for word in _SPACE.split(para.strip()):
            for i, piece in enumerate(_tokens(word, width) if word else []):
                sep = "" if i else " "  # the pieces of one split path join without a space
                if cur and len(cur) + len(sep) + len(piece) <= width:
                    cur += sep + piece
                else:
                    if cur:
                        lines.append(cur)
                    cur = piece
        lines.append(cur)
    return lines


def _longest_word(text: str) -> int:
    return max((len(t) for w in _SPACE.split(text) if w for t in _tokens(w, 20)), default=0)


def _natural(text: str) -> int:
    return max((len(line) for line in text.split("\n")), default=0)


def _fit(texts: List[List[str]], widths: List[int], minimum: List[int], room: int) -> Optional[List[int]]:
    """Narrow the columns until the total fits ``room`` (None if it cannot), one character at
    a time from the column where that adds the fewest wrapped lines (then the widest)."""
    if sum(minimum) > room:
        return None
    widths = list(widths)
    lines = [sum(len(wrap(t, w)) for t in col) for col, w in zip(texts, widths)]
    while sum(widths) > room:
        best = None
        for k, (col, w) in enumerate(zip(texts, widths)):
            if w <= minimum[k]:
                continue
            more = sum(len(wrap(t, w - 1)) for t in col)
            key = (more - lines[k], -w)
            if best is None or key < best[0]:
                best = (key, k, more)
        _, k, more = best
        widths[k] -= 1
        lines[k] = more
    return widths


def render_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    width: int = 80,
    paint: Optional[Paint] = None,
    styles: Optional[Sequence[Dict[int, str]]] = None,
    title: Optional[str] = None,
    heading: Sequence[int] = (0,),
) -> str:
    paint = paint or Paint(False)
    styles = styles or [{} for _ in rows]
    out: List[str] = []
    if title:
        out.extend(paint("bold", line) for line in wrap(title, width))
    if not rows:
        return "\n".join(out) + ("\n" if out else "")
    cols = list(range(len(columns)))
    minimum = [max(len(columns[c].header), max(_longest_word(r[c]) for r in rows)) for c in cols]
    natural = [max(len(columns[c].header), max(_natural(r[c]) for r in rows)) for c in cols]
    inline = [c for c in cols if any(r[c] for r in rows)]  # empty columns are left out
    texts = [[r[c] for r in rows] for c in cols]
    widths = _fit([texts[c] for c in inline], [natural[c] for c in inline], [minimum[c] for c in inline], width - len(GAP) * (len(inline) - 1))
    below: List[int] = []
    if widths is not None and any(columns[c].below and w < min(MIN_BELOW, natural[c]) for c, w in zip(inline, widths)):
        widths = None
    if widths is None:  # move the long free-text columns under their row
        below = [c for c in inline if columns[c].below]
        inline = [c for c in inline if not columns[c].below]
        widths = _fit([texts[c] for c in inline], [natural[c] for c in inline], [minimum[c] for c in inline], width - len(GAP) * (len(inline) - 1))
    if widths is None:
        return "\n".join(out + _stacked(columns, rows, width, paint, styles, heading)) + "\n"
    w = dict(zip(inline, widths))
    header = GAP.join(_pad(columns[c].header, w[c], columns[c].right) for c in inline).rstrip()
    out.append(paint("bold", header))
    out.append(paint("dim", GAP.join("─" * w[c] for c in inline)))
    for row, style in zip(rows, styles):
        cells = {c: wrap(row[c], w[c]) if row[c] else [""] for c in inline}
        for i in range(max(len(v) for v in cells.values())):
            parts = []
            for c in inline:
                text = cells[c][i] if i < len(cells[c]) else ""
                parts.append(paint(style[c], _pad(text, w[c], columns[c].right)) if c in style and text else _pad(text, w[c], columns[c].right))
            out.append(GAP.join(parts).rstrip())
        for c in below:
            if row[c]:
                out.extend(paint("dim", INDENT + line) for line in wrap(row[c], max(20, width - len(INDENT))))
    return "\n".join(out) + "\n"


def _pad(text: str, width: int, right: bool) -> str:
    return text.rjust(width) if right else text.ljust(width)


def _stacked(columns, rows, width, paint, styles, heading) -> List[str]:
    """One block per row: the ``heading`` columns on the first line, then ``header: value``
    lines (a value that does not fit continues on the lines below, indented)."""
    out: List[str] = []
    for row, style in zip(rows, styles):
        out.extend(paint("bold", line) for line in wrap(" · ".join(row[c] for c in heading if row[c]), width))
        for c in range(len(columns)):
            if c in heading or not row[c]:
                continue
            label = f"{columns[c].header}: "
            first, *paras = row[c].split("\n")
            lines = wrap(label + first, max(20, width - len(INDENT) - 2))
            if c in style:
                lines[0] = label + paint(style[c], lines[0][len(label):])
            out.append(INDENT + lines[0])
            out.extend(INDENT + "  " + line for line in lines[1:] + [x for p in paras for x in wrap(p, max(20, width - len(INDENT) - 2))])
        out.append("")
    return out
