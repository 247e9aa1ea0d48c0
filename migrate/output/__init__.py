"""Output formats for scan results: text (rich), json, sarif, github."""

from typing import Callable, Dict

FORMATS = ("text", "json", "sarif", "github")


def renderer(name: str) -> Callable:
    from zenml_migrate.output import github, json_format, sarif, text

    table: Dict[str, Callable] = {
        "text": text.render,
        "json": json_format.render,
        "sarif": sarif.render,
        "github": github.render,
    }
    return table[name]
