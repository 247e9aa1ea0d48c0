"""GitHub Actions workflow commands: ``::error file=...,line=...::message``."""

from zenml_migrate.output.common import display_path


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(report, rules, out, options):
    from zenml_migrate.output.common import UNREADABLE, items
    from zenml_migrate.output.source import Sources

    sources = Sources(options.stdin)
    for f in items(report):
        level = "error" if f.code != UNREADABLE else "warning"
        span = sources.on_disk(f)  # (a notebook's: the line of the .ipynb file, not of the cell)
        props = f"file={_escape_prop(display_path(f.path))},line={span.line},col={span.column},endLine={span.end_line},endColumn={span.end_column},title={_escape_prop(f.code)}"
        cell = f" (cell {f.cell})" if f.cell else ""
        out.write(f"::{level} {props}::{_escape_data(f'{f.message}{cell}')}\n")
