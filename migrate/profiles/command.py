"""`migrate profiles`: placeholder until the profile migrator lands (issue 4)."""

from typing import Optional

import typer


def profiles(config_dir: Optional[str] = typer.Argument(None)) -> None:
    """Move stacks out of 0.13.2 profiles (not implemented yet)."""
    typer.secho("error: `migrate profiles` is not implemented yet", err=True)
    raise typer.Exit(2)
