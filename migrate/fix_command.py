"""`migrate code`: placeholder until the codemod engine lands (issue 3)."""

from typing import List

import typer


def code(paths: List[str] = typer.Argument(None)) -> None:
    """Rewrite ZenML 0.13.2 code for 0.20 (not implemented yet)."""
    typer.secho("error: `migrate code` is not implemented yet", err=True)
    raise typer.Exit(2)
