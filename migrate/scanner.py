"""Scan one file (bytes in, FileResult out). Runs in worker processes; never raises for
bad input: every problem becomes a diagnostic for that file."""

import ast
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set

from zenml_migrate.findings import Diagnostic, FileResult, Finding, Span
from zenml_migrate.resolver import Detector, RuleIndex
from zenml_migrate.sources import SourceError, decode_python, read_notebook
from zenml_migrate.suppress import Suppressions

_LINES = re.compile(r"\r\n|\r|\n")


@dataclass
class FileJob:
    path: str  # as shown to the user
    kind: str  # "py" | "ipynb" | "yaml" | "zen_config"
    module_name: str = ""
    is_package: bool = False


@dataclass
class ScanContext:
    """What every worker needs: the selected rules and the cross-file facts."""

    index: RuleIndex
    project: Dict[str, str] = field(default_factory=dict)
    project_modules: Set[str] = field(default_factory=set)


def split_lines(text: str) -> List[str]:
    return _LINES.split(text)


def scan_bytes(job: FileJob, data: bytes, ctx: ScanContext) -> FileResult:
    try:
        if job.kind == "py":
            return _scan_python(job, data, ctx)
        if job.kind == "ipynb":
            return _scan_notebook(job, data, ctx)
        if job.kind in ("yaml", "zen_config"):
            from zenml_migrate.yaml_scan import scan_yaml

            return scan_yaml(job, data, ctx)
    except SourceError as exc:
        return FileResult(job.path, diagnostics=[Diagnostic(job.path, exc.message, exc.line, exc.column)])
    except RecursionError:
        return FileResult(job.path, diagnostics=[Diagnostic(job.path, "too deeply nested to analyse; file skipped")])
    return FileResult(job.path)


def detect(job: FileJob, text: str, ctx: ScanContext, path: Optional[str] = None) -> Detector:
    """Parse ``text`` and run every rule on it; raises SourceError on a syntax error."""
    try:
        tree = ast.parse(text, filename=job.path)
    except SyntaxError as exc:
        hint = " (Python 2 code?)" if _looks_like_python2(exc) else ""
        raise SourceError(f"cannot parse: {exc.msg}{hint}; file skipped", exc.lineno or 1, exc.offset or 1) from None
    except (ValueError, MemoryError) as exc:
        raise SourceError(f"cannot parse: {exc}; file skipped") from None
    detector = Detector(
        ctx.index,
        path or job.path,
        split_lines(text),
        project=ctx.project,
        project_modules=set(ctx.project_modules),
        module_name=job.module_name,
        is_package=job.is_package,
    )
    detector.run(tree)
    return detector


def _looks_like_python2(exc: SyntaxError) -> bool:
    text = (exc.text or "").strip()
    return "print " in text or text.startswith("exec ") or "Missing parentheses" in (exc.msg or "")


def _finish(path: str, text: str, findings: List[Finding]) -> List[Finding]:
    findings = Suppressions(text).filter(findings)
    return dedupe(findings)


def dedupe(findings: List[Finding]) -> List[Finding]:
    """One finding per rule and start position: the widest span wins (``a.b.c`` over ``a``)."""
    best: Dict[tuple, Finding] = {}
    for f in findings:
        key = (f.code, f.cell, f.span.line, f.span.column)
        old = best.get(key)
        if old is None or (f.span.end_line, f.span.end_column) > (old.span.end_line, old.span.end_column):
            best[key] = f
    # drop a finding nested inside a wider one of the same rule
    out = []
    by_code: Dict[tuple, List[Finding]] = {}
    for f in sorted(best.values(), key=lambda f: (f.span.line, f.span.column, -f.span.end_line, -f.span.end_column)):
        siblings = by_code.setdefault((f.code, f.cell), [])
        if any(_contains(o.span, f.span) for o in siblings):
            continue
        siblings.append(f)
        out.append(f)
    return sorted(out, key=Finding.sort_key)


def _contains(outer: Span, inner: Span) -> bool:
    return (outer.line, outer.column) <= (inner.line, inner.column) and (inner.end_line, inner.end_column) <= (
        outer.end_line,
        outer.end_column,
    )


def _scan_python(job: FileJob, data: bytes, ctx: ScanContext) -> FileResult:
    source = decode_python(data)
    detector = detect(job, source.text, ctx)
    findings = _finish(job.path, source.text, detector.findings)
    return FileResult(job.path, findings=findings, exports=detector.exports(), pending=detector.pending)


def _scan_notebook(job: FileJob, data: bytes, ctx: ScanContext) -> FileResult:
    nb = read_notebook(data)
    try:
        detector = detect(job, nb.text, ctx)
    except SourceError as exc:
        where = nb.line_map[exc.line - 1] if 0 < exc.line <= len(nb.line_map) else None
        if where:
            exc.message = f"cell {where[0]}: {exc.message}"
            exc.line = where[1]
        raise exc
    mapped = []
    for f in detector.findings:
        start = nb.line_map[f.span.line - 1] if f.span.line - 1 < len(nb.line_map) else None
        end = nb.line_map[f.span.end_line - 1] if f.span.end_line - 1 < len(nb.line_map) else None
        if start is None:
            continue
        end_line = end[1] if end and end[0] == start[0] else start[1]
        span = Span(start[1], f.span.column, end_line, f.span.end_column)
        mapped.append(Finding(f.path, span, f.code, f.message, f.fix, cell=start[0]))
    # suppression comments are per cell line: check them on the joined text
    sup = Suppressions(nb.text)
    kept = []
    for f, orig in zip(mapped, [f for f in detector.findings if f.span.line - 1 < len(nb.line_map) and nb.line_map[f.span.line - 1]]):
        if not sup.hides(orig.code, orig.span.line, orig.span.end_line):
            kept.append(f)
    return FileResult(job.path, findings=dedupe(kept), exports={}, pending=detector.pending)
