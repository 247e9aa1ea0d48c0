"""GitLab code quality report (``artifacts: reports: codequality``): a JSON list of issues with
``description``, ``check_name``, ``fingerprint``, ``severity`` and ``location.path``/``lines``.
The fingerprint stays the same while the finding stays (path, code, message, cell and the
text of the flagged line, not its number), so GitLab tracks it across commits."""

import hashlib
import json
from collections import Counter

from zenml_migrate.output.common import UNREADABLE, items
from zenml_migrate.output.source import Sources


def render(report, rules, out, options):
    sources = Sources(options.stdin)
    seen: Counter = Counter()
    issues = []
    for f in items(report):
        lines = sources.lines(f.path, f.cell)
        text = lines[f.span.line - 1].strip() if lines and f.span.line <= len(lines) else ""
        key = "\0".join([f.path, str(f.cell or ""), f.code, f.message, text])
        seen[key] += 1
        fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode("utf-8", "surrogateescape")).hexdigest()
        cell = f" (cell {f.cell})" if f.cell else ""
        span = sources.on_disk(f)  # (a notebook's: the lines of the .ipynb file)
        issues.append({
            "type": "issue",
            "description": f"{f.code} {f.message}{cell}",
            "check_name": f.code,
            "fingerprint": fingerprint,
            "severity": "minor" if f.code == UNREADABLE else "major",
            "categories": ["Compatibility"],
            "location": {"path": _path(f.path), "lines": {"begin": span.line, "end": max(span.end_line, span.line)}},
        })
    out.write(json.dumps(issues, indent=2) + "\n")


def _path(path: str) -> str:
    path = path.replace("\\", "/")
    return path[2:] if path.startswith("./") else path
