"""``per-file-ignores = { "notebooks/*" = ["ZM000"] }``: which codes are switched off where."""

import fnmatch
import os
from typing import Dict, Iterable, List, Tuple

from zenml_migrate.findings import Finding


def ignored_codes(path: str, per_file: Dict[str, List[str]]) -> Tuple[str, ...]:
    """The code prefixes (or ``ALL``) ignored for ``path``."""
    if not per_file:
        return ()
    full = os.path.abspath(path).replace(os.sep, "/")  # an absolute pattern: one of pyproject.toml (``config.anchored``)
    path = path.replace(os.sep, "/")
    if path.startswith("./"):
        path = path[2:]
    codes: List[str] = []
    for pattern, ignored in per_file.items():
        if fnmatch.fnmatch(full if os.path.isabs(pattern) else path, pattern) or fnmatch.fnmatch(os.path.basename(path), pattern):
            codes.extend(c.upper() for c in ignored)
    return tuple(codes)


def is_ignored(code: str, prefixes: Iterable[str]) -> bool:
    return any(p == "ALL" or code.startswith(p) for p in prefixes)


def apply_per_file_ignores(findings: List[Finding], per_file: Dict[str, List[str]]) -> List[Finding]:
    """``findings`` of one file without those ``per_file`` switches off there."""
    if not per_file or not findings:
        return findings
    prefixes = ignored_codes(findings[0].path, per_file)
    if not prefixes:
        return findings
    return [f for f in findings if not is_ignored(f.code, prefixes)]
