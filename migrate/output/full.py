"""Each finding with its source lines and a caret under the flagged code (ruff's ``full``),
the default on a terminal. The first line of each block is the ``concise`` line.

    run.py:15:12: ZM108 [*] `Repository` is `Client` (zenml.client) in ZenML 0.20
       |
    15 |     return Repository().get_pipeline("training")
       |            ^^^^^^^^^^ ZM108
       |
       = help: from zenml.client import Client
"""

from typing import Callable, List, Optional, Tuple

from zenml_migrate.output.color import Paint
from zenml_migrate.output.common import UNREADABLE, items, summary_lines
from zenml_migrate.output.concise import line as concise_line
from zenml_migrate.output.source import Display, Sources, clip

CONTEXT = 1  # lines shown before and after the flagged ones
MAX_FLAGGED = 4  # a longer span shows its first lines and "..."


def render(report, rules, out, options):
    from zenml_migrate.rules import describe

    paint = Paint(options.color)
    sources = Sources(options.stdin)
    helps = {}
    chunks = []
    for f in items(report):
        chunks.append(concise_line(f, paint) + "\n")
        shown, width = snippet(f, sources.lines(f.path, f.cell), paint, sources.columns_of(f))
        chunks.extend(shown)
        if f.code not in helps:
            rule = describe(f.code)
            helps[f.code] = _first_line(rule.instead) if rule else ""
        if helps[f.code]:
            chunks.append(f"{' ' * (width + 1)}= {paint('bold', 'help')}: {helps[f.code]}\n")
        if f.fix == "unsafe":  # the concise line marks only safe fixes ([*]): say which are the "--unsafe-fixes" ones
            chunks.append(f"{' ' * (width + 1)}= {paint('bold', 'fix')}: unsafe: `migrate code --fix --unsafe-fixes` "
                          "rewrites it (review the diff first)\n")
        chunks.append("\n")
    out.write("".join(chunks))
    if not options.quiet:
        out.write("\n".join(summary_lines(report, options)) + "\n")


def _first_line(text: str) -> str:
    return " ".join(text.strip().split("\n", 1)[0].split())


def snippet(f, lines: Optional[List[str]], paint: Paint, column: Optional[Callable] = None) -> Tuple[List[str], int]:
    """The lines around ``f`` with carets (nothing when the source cannot be shown), and the
    width of the line-number gutter. ``column(n, col, end)`` maps a column of line ``n`` on
    disk to the line shown (``Sources.column``: masked values have another length); the
    carets stand under the screen cells of the flagged characters (``Display``)."""
    column = column or (lambda n, col, end=False: col)  # noqa: E731
    if not lines or f.span.line > len(lines):
        return [], 1
    first, last = f.span.line, min(max(f.span.end_line, f.span.line), len(lines))
    shown_last = min(last, first + MAX_FLAGGED - 1)
    start, stop = max(1, first - CONTEXT), min(len(lines), shown_last + CONTEXT)
    width = len(str(stop))
    bar = paint("cyan", "|")
    pad = " " * width
    out = [f"{pad} {bar}\n"]
    style = "bold yellow" if f.code == UNREADABLE else "bold red"
    for n in range(start, stop + 1):
        text = lines[n - 1]
        flagged = first <= n <= shown_last
        if flagged:
            lo = column(n, f.span.column - 1) if n == first else len(text) - len(text.lstrip())
            hi = column(n, f.span.end_column - 1, True) if n == last else len(text)
            hi = max(hi, lo + 1)
        text, moved = clip(text, *((lo, hi) if flagged else (0, 0)))
        shown = Display(text)
        out.append(f"{paint('cyan', str(n).rjust(width))} {bar} {shown.text}\n".rstrip(" \n") + "\n")
        if flagged:
            lo, hi = shown.cell(lo + moved), shown.cell(max(min(hi + moved, len(text)), lo + moved + 1))
            carets = "^" * (hi - lo)
            label = f" {f.code}" if n == shown_last else ""
            out.append(f"{pad} {bar} {' ' * lo}{paint(style, carets + label)}\n")
        if n == shown_last and shown_last < last:
            out.append(f"{pad} {bar} ...\n")
    out.append(f"{pad} {bar}\n")
    return out, width
