"""Output formats for scan results: text (rich), json, sarif, github."""

from typing import Callable, Dict

FORMATS = ("text", "json", "sarif", "github")


_MODULES: Dict[str, str] = {"text": "text", "json": "json_format", "sarif": "sarif", "github": "github"}


def renderer(name: str) -> Callable:
    """The ``render(report, rules, out, **options)`` of one format; only that module is
    imported (``text`` needs rich, the others nothing)."""
    import importlib

    return importlib.import_module(f"zenml_migrate.output.{_MODULES[name]}").render
