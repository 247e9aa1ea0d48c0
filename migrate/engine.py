"""The scan pipeline: discovery -> prefilter -> detect (process pool, cache) -> cross-file
facts -> findings. Output order is deterministic."""

import hashlib
import os
import re
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from zenml_migrate import __version__
from zenml_migrate.cache import ResultCache
from zenml_migrate.discovery import discover, project_modules
from zenml_migrate.findings import Diagnostic, FileResult, Finding
from zenml_migrate.resolver import RuleIndex
from zenml_migrate.rules import Rule
from zenml_migrate.scanner import FileJob, ScanContext, scan_bytes

# a file without this word can only matter through the project's own modules (phase B)
ZENML = b"zenml"
YAML_WORDS = (b"steps", b"active_profile_name", b"active_stack_name", b"stacks")
POOL_MIN_FILES = 48
CHUNK = 32


@dataclass
class ScanReport:
    findings: List[Finding] = field(default_factory=list)
    diagnostics: List[Diagnostic] = field(default_factory=list)
    files_seen: int = 0
    files_parsed: int = 0
    cached: int = 0
    project: Dict[str, str] = field(default_factory=dict)  # cross-file facts (for `migrate code`)
    modules: Set[str] = field(default_factory=set)


@dataclass
class ScanSettings:
    rules: List[Rule]
    exclude: Sequence[str] = ()
    per_file_ignores: Dict[str, List[str]] = field(default_factory=dict)
    workers: Optional[int] = None
    cache_dir: Optional[str] = None  # None: no cache
    stdin_data: Optional[bytes] = None
    stdin_filename: str = "<stdin>"


# ------------------------------------------------------------------ worker side
_CTX: Optional[ScanContext] = None


def _init_worker(codes: Tuple[str, ...], project: Dict[str, str], modules: Set[str]) -> None:
    global _CTX
    from zenml_migrate.rules import all_rules

    rules = [r for r in all_rules() if r.code in codes]
    _CTX = ScanContext(RuleIndex(rules), project, modules)


def _scan_chunk(items: List[Tuple[FileJob, bytes]]) -> List[FileResult]:
    return [scan_bytes(job, data, _CTX) for job, data in items]


def _run_jobs(items: List[Tuple[FileJob, bytes]], ctx: ScanContext, codes, workers: int) -> List[FileResult]:
    if workers <= 1 or len(items) < POOL_MIN_FILES:
        return [scan_bytes(job, data, ctx) for job, data in items]
    chunks = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
    results: List[Optional[List[FileResult]]] = [None] * len(chunks)
    init = (tuple(codes), ctx.project, ctx.project_modules)
    try:
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=init) as pool:
            futures = [pool.submit(_scan_chunk, c) for c in chunks]
            for i, fut in enumerate(futures):
                try:
                    results[i] = fut.result()
                except BrokenProcessPool:
                    break
    except BrokenProcessPool:
        pass
    out: List[FileResult] = []
    for chunk, res in zip(chunks, results):
        out.extend(res if res is not None else _isolate(chunk, init))
    return out


def _isolate(chunk: List[Tuple[FileJob, bytes]], init) -> List[FileResult]:
    """A worker died (native crash in a parser): scan the chunk file by file, alone."""
    out = []
    for job, data in chunk:
        try:
            with ProcessPoolExecutor(1, initializer=_init_worker, initargs=init) as pool:
                out.extend(pool.submit(_scan_chunk, [(job, data)]).result())
        except BrokenProcessPool:
            out.append(FileResult(job.path, diagnostics=[Diagnostic(job.path, "the analyser crashed on this file; file skipped")]))
    return out


# ------------------------------------------------------------------ main side
def _read(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def _wanted(job: FileJob, data: bytes) -> bool:
    if job.kind in ("py", "ipynb"):
        return ZENML in data
    if job.kind == "zen_config":
        return True
    return any(w in data for w in YAML_WORDS)


def _project_index(jobs_by_path: Dict[str, FileJob], results: Iterable[FileResult]) -> Dict[str, str]:
    """``"<module suffix>.<name>" -> path`` from every file's exports; ambiguous keys dropped."""
    index: Dict[str, str] = {}
    clash: Set[str] = set()
    for res in results:
        job = jobs_by_path.get(res.path)
        if job is None or not job.module_name or not res.exports:
            continue
        parts = job.module_name.split(".")
        for i in range(len(parts)):
            mod = ".".join(parts[i:])
            for name, value in res.exports.items():
                key = f"{mod}.{name}"
                if key in index and index[key] != value:
                    clash.add(key)
                index[key] = value
    for key in clash:
        index.pop(key, None)
    return index


def _names_pattern(project: Dict[str, str]) -> Optional["re.Pattern"]:
    names = sorted({k.rsplit(".", 1)[-1] for k in project})
    if not names:
        return None
    return re.compile(rb"\b(?:" + b"|".join(re.escape(n.encode()) for n in names) + rb")\b")


def run_scan(paths: Sequence[str], settings: ScanSettings) -> ScanReport:
    report = ScanReport()
    codes = tuple(r.code for r in settings.rules)
    index = RuleIndex(settings.rules)
    workers = settings.workers or os.cpu_count() or 1

    if settings.stdin_data is not None:
        job = FileJob(settings.stdin_filename, _stdin_kind(settings.stdin_filename))
        res = scan_bytes(job, settings.stdin_data, ScanContext(index))
        report.files_seen = report.files_parsed = 1
        report.findings, report.diagnostics = res.findings, res.diagnostics
        return report

    found = discover(paths, settings.exclude)
    report.diagnostics.extend(Diagnostic(p, m) for p, m in found.errors)
    jobs = found.jobs
    report.files_seen = len(jobs)
    modules = project_modules(jobs)
    ctx = ScanContext(index, {}, modules)
    cache = ResultCache(settings.cache_dir, _cache_salt(codes)) if settings.cache_dir else None

    candidates: List[Tuple[FileJob, bytes]] = []
    others: List[FileJob] = []
    results: Dict[str, FileResult] = {}
    for job in jobs:
        try:
            data = _read(job.path)
        except OSError as exc:
            report.diagnostics.append(Diagnostic(job.path, f"cannot read: {exc.strerror or exc}"))
            continue
        if not _wanted(job, data):
            if job.kind == "py":
                others.append(job)
            continue
        hit = cache.get(data, job) if cache else None
        if hit is not None:
            results[job.path] = hit
            report.cached += 1
        else:
            candidates.append((job, data))

    # phase A: files that mention zenml, without cross-file facts
    report.files_parsed += len(candidates)
    for res in _run_jobs(candidates, ctx, codes, workers):
        results[res.path] = res
        if cache:
            cache.put(res)

    # cross-file facts: re-scan files that import the project's zenml-bearing names
    jobs_by_path = {j.path: j for j in jobs}
    project = _project_index(jobs_by_path, results.values())
    extra = _phase_b(others, project)
    rescans = [p for p, r in results.items() if r.pending]
    for _ in range(5):
        if not project or not (rescans or extra):
            break
        ctx = ScanContext(index, project, modules)
        items = [(jobs_by_path[p], _read(p)) for p in rescans] + extra
        extra = []
        report.files_parsed += len(items)
        for res in _run_jobs(items, ctx, codes, workers):
            results[res.path] = res
        new_project = _project_index(jobs_by_path, results.values())
        if new_project == project:
            break
        project = new_project
        rescans = [p for p, r in results.items() if r.pending]
        # names that became known this round (re-exports) can reach files not read yet
        extra = _phase_b([j for j in others if j.path not in results], project)

    if cache:
        cache.save()
    for res in results.values():
        report.findings.extend(_apply_per_file_ignores(res.findings, settings.per_file_ignores))
        report.diagnostics.extend(res.diagnostics)
    report.project, report.modules = project, modules
    report.findings.sort(key=Finding.sort_key)
    report.diagnostics.sort(key=lambda d: (d.path, d.line))
    return report


def _phase_b(others: List[FileJob], project: Dict[str, str]) -> List[Tuple[FileJob, bytes]]:
    pattern = _names_pattern(project)
    if pattern is None:
        return []
    out = []
    for job in others:
        try:
            data = _read(job.path)
        except OSError:
            continue
        if pattern.search(data):
            out.append((job, data))
    return out


def _stdin_kind(name: str) -> str:
    from zenml_migrate.discovery import kind_of

    return kind_of(name) or "py"


def _cache_salt(codes: Sequence[str]) -> str:
    """Tool version, selected rules and the mtimes of the tool's own sources and data."""
    import zenml_migrate
    from zenml_migrate import rules

    h = hashlib.blake2b(digest_size=8)
    h.update(__version__.encode())
    h.update(",".join(codes).encode())
    for folder in list(zenml_migrate.__path__) + list(rules.__path__) + [os.path.join(p, "data") for p in rules.__path__]:
        for name in sorted(os.listdir(folder)):
            if name.endswith((".py", ".json")):
                h.update(name.encode())
                h.update(str(os.path.getmtime(os.path.join(folder, name))).encode())
    return h.hexdigest()


def _apply_per_file_ignores(findings: List[Finding], per_file: Dict[str, List[str]]) -> List[Finding]:
    if not per_file or not findings:
        return findings
    import fnmatch

    path = findings[0].path.replace(os.sep, "/")
    codes: List[str] = []
    for pattern, ignored in per_file.items():
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(os.path.basename(path), pattern):
            codes.extend(c.upper() for c in ignored)
    if not codes:
        return findings
    return [f for f in findings if not any(c == "ALL" or f.code.startswith(c) for c in codes)]
