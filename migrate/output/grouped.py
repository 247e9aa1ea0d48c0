"""Findings grouped under their file (``--format grouped``; ``text`` is its old name):
``  line:col CODE message (fixable)``, then the summary."""

from itertools import groupby

from zenml_migrate.output.color import Paint
from zenml_migrate.output.common import UNREADABLE, display_path, items, summary_lines

_FIX = {"safe": " (fixable)", "unsafe": " (unsafe fix)"}


def render(report, rules, out, options):
    paint = Paint(options.color)
    chunks = []
    for path, group in groupby(items(report), key=lambda f: f.path):
        chunks.append(paint("bold", display_path(path)) + "\n")
        for f in group:
            where = f"cell {f.cell}:" if f.cell else ""
            code = paint("yellow" if f.code == UNREADABLE else "red", f.code)
            fix = _FIX.get(f.fix or "", "")
            chunks.append(f"  {where}{f.span.line}:{f.span.column} {code} {f.message}{paint('green' if f.fix == 'safe' else 'yellow', fix)}\n")
    out.write("".join(chunks))
    if not options.quiet:
        out.write("\n".join(summary_lines(report, options)) + "\n")
