"""Inline suppressions: ``# migrate: ignore[ZM101, ZM2]`` on a line (bare ``ignore`` = all
rules), ``# migrate: ignore-file[...]`` anywhere for the whole file. ``zenml-migrate:``
works as the prefix too."""

import re
from typing import Dict, List, Optional, Set, Tuple

_MARK = re.compile(r"#\s*(?:zenml-)?migrate:\s*(ignore-file|ignore)\b(?:\[([^\]]*)\])?")
ALL = "*"


class Suppressions:
    def __init__(self, text: str):
        self.by_line: Dict[int, Set[str]] = {}
        self.file: Set[str] = set()
        if "migrate:" not in text:
            return
        for lineno, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
            if "migrate:" not in line:
                continue
            for m in _MARK.finditer(line):
                codes = {c.strip().upper() for c in (m.group(2) or "").split(",") if c.strip()} or {ALL}
                target = self.file if m.group(1) == "ignore-file" else self.by_line.setdefault(lineno, set())
                target.update(codes)

    def __bool__(self) -> bool:
        return bool(self.by_line or self.file)

    def hides(self, code: str, line: int, end_line: Optional[int] = None) -> bool:
        if _covers(self.file, code):
            return True
        for ln in {line, end_line or line}:
            if _covers(self.by_line.get(ln, ()), code):
                return True
        return False

    def filter(self, findings: List) -> List:
        if not self:
            return findings
        return [f for f in findings if not self.hides(f.code, f.span.line, f.span.end_line)]

    def split(self, findings: List) -> Tuple[List, int]:
        """``(the findings no mark hides, how many it hid)``."""
        kept = self.filter(findings)
        return kept, len(findings) - len(kept)


def _covers(codes, code: str) -> bool:
    return any(c == ALL or code.startswith(c) for c in codes)
