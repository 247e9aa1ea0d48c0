"""When to colour, for every command and stream: ``--color auto|always|never``, then the
``NO_COLOR`` / ``FORCE_COLOR`` conventions (https://no-color.org, https://force-color.org),
then whether the stream is a terminal. ANSI codes are written by hand (no rich import) so that
printing 18,000 findings costs a string join per line.
"""

import os
import sys
from typing import Optional, TextIO

CHOICES = ("auto", "always", "never")
_choice = "auto"  # set by each command from --color (in-process test runs reuse the module)


def set_choice(choice: Optional[str]) -> str:
    """Validate and remember ``--color``; returns the normalised choice (ValueError if unknown)."""
    global _choice
    value = (choice or "auto").strip().lower()
    if value not in CHOICES:
        raise ValueError(f"--color must be one of {', '.join(CHOICES)}, not {choice!r}")
    _choice = value
    return value


def enabled(stream: Optional[TextIO] = None) -> bool:
    """Should ANSI colours go to ``stream`` (default stdout)?"""
    if _choice == "always":
        return True
    if _choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = sys.stdout if stream is None else stream
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def rich_console_options(stream: TextIO) -> dict:
    """Keyword arguments for ``rich.console.Console`` that follow the same decision (rich
    honours NO_COLOR/FORCE_COLOR itself, but not ``--color``)."""
    on = enabled(stream)
    return {"file": stream, "force_terminal": True if on else None, "no_color": not on, "color_system": "auto" if on else None}


_CODES = {
    "bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35", "cyan": "36",
    "bold red": "1;31", "bold green": "1;32", "bold yellow": "1;33", "bold cyan": "1;36",
}


class Paint:
    """``paint("bold red", text)``: the text wrapped in ANSI codes, or unchanged when off."""

    def __init__(self, on: bool):
        self.on = on

    def __call__(self, style: str, text: str) -> str:
        if not self.on or not text:
            return text
        return f"\x1b[{_CODES[style]}m{text}\x1b[0m"


def paint_for(stream: Optional[TextIO] = None, force: Optional[bool] = None) -> Paint:
    return Paint(enabled(stream) if force is None else force)


def echo(message: str, style: Optional[str] = None, err: bool = True) -> None:
    """One line on stderr (stdout with ``err=False``), styled only when colour is on there."""
    stream = sys.stderr if err else sys.stdout
    stream.write((Paint(enabled(stream))(style, message) if style else message) + "\n")
