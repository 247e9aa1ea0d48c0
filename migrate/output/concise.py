"""``path:line:col: CODE [*] message``, one line per finding (``path:cell N:line:col:`` in a
notebook), then the summary: what editors, terminals and ``grep`` can click and filter. The
default when stdout is not a terminal. ``[*]``: ``migrate code --fix`` rewrites it."""

from zenml_migrate.output.color import Paint
from zenml_migrate.output.common import UNREADABLE, items, location, summary_lines


def line(f, paint: Paint) -> str:
    mark = " [*]" if f.fix == "safe" else ""
    code = paint("bold yellow" if f.code == UNREADABLE else "bold red", f.code)
    return f"{paint('bold', location(f))}: {code}{paint('cyan', mark)} {f.message}"


def render(report, rules, out, options):
    paint = Paint(options.color)
    out.write("".join(line(f, paint) + "\n" for f in items(report)))
    if not options.quiet:
        out.write("\n".join(summary_lines(report, options)) + "\n")
