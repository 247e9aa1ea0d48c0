"""Output formats for scan results. Each lives in its own module with
``render(report, rules, out, options)``; only the chosen one is imported (``full`` and ``html``
read source files, ``html`` needs jinja2, none needs rich)."""

from typing import Callable, Dict, Optional

# name -> module; the first two are the defaults (full on a terminal, concise in a pipe)
_MODULES: Dict[str, str] = {
    "concise": "concise",
    "full": "full",
    "grouped": "grouped",
    "json": "json_format",
    "json-lines": "json_lines",
    "sarif": "sarif",
    "github": "github",
    "gitlab": "gitlab",
    "junit": "junit",
    "html": "html",
}
FORMATS = tuple(_MODULES)
ALIASES = {"text": "grouped", "jsonl": "json-lines", "json_lines": "json-lines", "ndjson": "json-lines"}
TEXT_FORMATS = ("concise", "full", "grouped")
# --output FILE without --format: the format its suffix names
SUFFIXES = {".json": "json", ".jsonl": "json-lines", ".ndjson": "json-lines", ".sarif": "sarif", ".html": "html", ".htm": "html",
            ".xml": "junit"}
# names that say more than their last suffix: GitHub code scanning takes `*.sarif.json`, GitLab's
# code quality report is `gl-code-quality-report.json` (its docs' name; it was written as plain JSON)
NAMES = {".sarif.json": "sarif", "gl-code-quality-report.json": "gitlab", ".codeclimate.json": "gitlab"}


def normalize(name: str) -> Optional[str]:
    """The canonical format name for ``name`` (any case, aliases), or None when unknown."""
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    return key if key in _MODULES else None


def default_format(stdout_is_terminal: bool, output: Optional[str] = None) -> str:
    if output:
        import os

        name = os.path.basename(output).lower()
        named = next((fmt for end, fmt in NAMES.items() if name == end or (end.startswith(".") and name.endswith(end))), None)
        return named or SUFFIXES.get(os.path.splitext(name)[1], "concise")
    return "full" if stdout_is_terminal else "concise"


def renderer(name: str) -> Callable:
    import importlib

    return importlib.import_module(f"zenml_migrate.output.{_MODULES[name]}").render
