"""Counted words, the same in every command's output (``migrate profiles`` too, which loads no
scan output)."""

from typing import Optional


def plural(n: int, word: str, many: Optional[str] = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"
