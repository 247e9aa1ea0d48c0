"""What the scan does with every discovered file before any parse: stat, read, prefilter.

The main process runs it file by file (small trees, and runs with a filled results cache:
the cache answers by stat before any read). A cold scan of a big tree runs it in the pool's
workers instead (``triage_chunk``): each worker stats, reads and prefilters its share of the
tree and parses the files that mention zenml right away, so both cores read and the main
process only hands out the file list and gathers small answers (per file: a diagnostic, the
import lines of a plain module for phase B, or the scan's result).
"""

import os
from typing import Dict, List, Optional, Set, Tuple

from zenml_migrate.findings import Diagnostic, FileResult
from zenml_migrate.scan.cache import content_digest
from zenml_migrate.scan.cross_file import import_text
from zenml_migrate.scan.file_kinds import wanted
from zenml_migrate.scan.jobs import FileJob, Selection
from zenml_migrate.scan.own_output import written_by_us
from zenml_migrate.scan.read import MAX_READ_BYTES, not_regular_error, parse_limit, read_error, read_file, too_large_error

Stamp = Tuple[int, int]

# what ``read_job`` found
PROBLEM = "problem"  # value: the diagnostic
PLAIN = "plain"  # no rule can match; value: its import lines (phase B) or None (not a module, too large)
ZENML = "zenml"  # value: the bytes, to be parsed
GONE = "gone"  # deleted from the work tree but still in git's index: nothing to scan


def stat_job(job: FileJob, seen: Optional[Stamp] = None) -> Tuple[Optional[Stamp], Optional[Diagnostic]]:
    """``((mtime_ns, size), None)`` for a regular file the scan may read, else ``(None, the
    diagnostic)``, or ``(None, None)`` for a file that is gone. ``seen``: the stamp discovery
    found the file with, a regular file (``Discovered.stamps``): not asked again."""
    if seen is not None and seen[1] <= MAX_READ_BYTES:
        return seen, None
    try:
        st = os.stat(job.path)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError) and not os.path.lexists(job.path):
            return None, None
        return None, read_error(job.path, exc)
    problem = not_regular_error(job.path, st)
    if problem is None and st.st_size > MAX_READ_BYTES:  # never read: memory and time
        problem = too_large_error(job.path, st.st_size, MAX_READ_BYTES)
    if problem is not None:
        return None, problem
    return (st.st_mtime_ns, st.st_size), None


def read_job(job: FileJob, size: int) -> tuple:
    """``(PROBLEM, diagnostic)``, ``(PLAIN, import lines or None)`` or ``(ZENML, data)``."""
    try:
        data = read_file(job.path, size)
    except OSError as exc:
        return PROBLEM, read_error(job.path, exc)
    too_large = len(data) > parse_limit(job.kind)
    if not wanted(job.kind, data) or written_by_us(data):
        # a module without zenml may use the project's own legacy code (phase B)
        return PLAIN, (import_text(data, job.kind == "ipynb") if job.kind in ("py", "ipynb") and not too_large else None)
    if too_large:  # it mentions zenml but parsing it could take gigabytes
        return PROBLEM, too_large_error(job.path, len(data), parse_limit(job.kind))
    return ZENML, data


def init_triage_worker(selection: Selection, jobs: List[FileJob], modules: Set[str], stamps: Dict[str, Stamp]) -> None:
    """The pool initializer of a triage: the rules and target (``file_scan.Selection``), the file list (the work items are indexes
    into it), the project's module names (``ScanReport.modules``) and the stamps discovery found
    (``Discovered.stamps``: those files are not stat-ed again). They reach a forked worker
    unpickled (Linux); the main process computes the names once, before the pool starts, rather
    than every worker computing them before its first file (the same wait, paid once)."""
    from zenml_migrate.scan.pool import init_worker

    init_worker(selection, {}, modules, (jobs, stamps))


def triage_chunk(digests: bool, keep: bool, indexes: List[int]) -> List[tuple]:
    """In a pool worker: each file ``jobs[i]`` of ``indexes`` stat-ed, read, prefiltered, and
    scanned when it mentions zenml. Per file ``(GONE,)``, ``(PROBLEM, diagnostic)``, ``(PLAIN,
    stamp, import lines or None)`` or ``(ZENML, stamp, result, digest or None, data or None)``:
    the content digest for the results cache (``digests``), the bytes for ``migrate code``
    (``keep``)."""
    from zenml_migrate.scan.file_scan import scan_bytes
    from zenml_migrate.scan.pool import worker

    ctx, (jobs, stamps) = worker().ctx, worker().extra
    out: List[tuple] = []
    for i in indexes:
        job = jobs[i]
        stamp, problem = stat_job(job, stamps.get(job.path))
        if stamp is None:
            out.append((GONE,) if problem is None else (PROBLEM, problem))
            continue
        what, value = read_job(job, stamp[1])
        if what != ZENML:
            out.append((what, value) if what == PROBLEM else (what, stamp, value))
            continue
        result = scan_bytes(job, value, ctx)
        out.append((ZENML, stamp, result, content_digest(value) if digests else None, value if keep else None))
    return out


def crashed(path: str) -> FileResult:
    """The result of a file whose worker died on it twice (once in a chunk, once alone)."""
    message = "the analyser crashed on this file; file skipped (please report it with the file attached)"
    return FileResult(path, diagnostics=[Diagnostic(path, message)])


def crashed_triage(jobs: List[FileJob], i: int) -> tuple:
    """``triage_chunk``'s answer for such a file ``jobs[i]`` (``pool.ChunkStream``'s ``on_crash``)."""
    return ZENML, None, crashed(jobs[i].path), None, None
