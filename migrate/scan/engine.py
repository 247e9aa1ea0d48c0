"""The scan pipeline. Output order is deterministic whatever the discovery order.

    discovery -> stat -> results cache by (path, mtime, size)       (warm: no read at all)
              -> read (os.read) -> prefilter ``b"zenml" in data``   (the big win: most files stop here)
              -> cache by content hash
              -> phase A: detect in files that mention zenml        (process pool when it pays)
              -> cross-file facts: the project's zenml-bearing names
              -> phase B: files without "zenml" whose import lines (kept from the first read)
                 name a module holding those facts (one trie regex over the module names)
              -> rescans until the facts stop changing -> findings
              (warm, with every file as the cache knows it: the outcome of the last run over the
              same files, kept by the cache, without phase B: ``ResultCache.last_run``)

``ZENML_MIGRATE_TIMINGS=1`` prints the time of every phase on stderr (the benchmark uses it).
"""

import gc
import os
import sys
import time
from stat import S_ISREG
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Sequence, Set, Tuple

from zenml_migrate.findings import Diagnostic, FileResult, Finding
from zenml_migrate.progress import NULL_PROGRESS, Progress
from zenml_migrate.rules import Rule
from zenml_migrate.scan.cross_file import (
    asked_modules, facts_digest, fixture_users, importers, mixins_of_changed, project_index, revisits,
)
from zenml_migrate.scan.discovery import discover, kind_of, project_modules
from zenml_migrate.scan.jobs import FileJob, Selection
from zenml_migrate.start import fewer_gc_passes
from zenml_migrate.scan.per_file_ignores import apply_per_file_ignores
from zenml_migrate.scan.read import read_error, read_file
from zenml_migrate.scan.triage import PLAIN, PROBLEM, ZENML, crashed, crashed_triage, init_triage_worker, read_job, stat_job, triage_chunk

POOL_MIN_FILES = 48  # below this a process pool costs more than it saves
CHUNK = 32
TRIAGE_MIN_FILES = 2000  # a cold tree this big is read by the workers (_triage_in_workers)
TRIAGE_CHUNK = 256  # files per piece of work then (about 2% mention zenml and get parsed)
MAX_ROUNDS = 6  # cross-file rescans (re-export chains deeper than this are not followed)


@dataclass
class ScanReport:
    """The result of a scan: findings, diagnostics, counts, and what ``migrate code`` reuses."""

    findings: List[Finding] = field(default_factory=list)
    diagnostics: List[Diagnostic] = field(default_factory=list)
    files_seen: int = 0
    files_parsed: int = 0
    cached: int = 0
    project: Dict[str, str] = field(default_factory=dict)  # cross-file facts, for `migrate code`
    timings: Dict[str, float] = field(default_factory=dict)
    jobs: List[FileJob] = field(default_factory=list, repr=False)
    # every file of the project when the paths given were widened to it (project_root.narrow),
    # else ``jobs``: where the legacy readers of a run config are looked for
    project_jobs: List[FileJob] = field(default_factory=list, repr=False)
    _modules: Optional[Set[str]] = field(default=None, repr=False)
    # ``ScanSettings.keep_sources``: the bytes the scan read, for the files with findings
    sources: Dict[str, bytes] = field(default_factory=dict, repr=False)
    # job path -> the run configs the file names (``FileResult.config_refs``), for every file
    # the scan read as one that mentions zenml (fix/run_config_users.py)
    config_refs: Dict[str, tuple] = field(default_factory=dict, repr=False)
    # Python files and notebooks a .gitignore hid (discovery.Discovered.ignored): not scanned
    ignored: List[str] = field(default_factory=list, repr=False)
    ignored_more: bool = False
    excluded: List[str] = field(default_factory=list, repr=False)  # files named that the exclude patterns skip
    links: List[Tuple[str, str]] = field(default_factory=list, repr=False)  # symlinks not scanned (discovery.Discovered.links)
    # path -> the kind the scan read the file as, when not its job's (``FileResult.read_as``)
    read_as: Dict[str, str] = field(default_factory=dict, repr=False)
    hidden: int = 0  # findings a ``# migrate: ignore`` mark hid (``FileResult.hidden``)
    hidden_per_file: int = 0  # findings per-file-ignores switched off

    def add_findings(self, res: FileResult, per_file_ignores: Dict[str, List[str]]) -> None:
        """A file's findings, but those the per-file-ignores switch off there (counted, as the marks' are)."""
        kept = apply_per_file_ignores(res.findings, per_file_ignores)
        self.findings.extend(kept)
        self.hidden += res.hidden
        self.hidden_per_file += len(res.findings) - len(kept)

    @property
    def modules(self) -> Set[str]:
        """The project's module names (see discovery.project_modules), computed when first
        needed: a warm run that scans nothing never needs them (nor does a ``scan`` of files
        that ``project_root.narrow`` cut from the project: they come from ``project_jobs``)."""
        if self._modules is None:
            self._modules = project_modules(self.project_jobs or self.jobs)
        return self._modules

    def flagged_files(self) -> List[Tuple[FileJob, Optional[bytes], List[Finding]]]:
        """``(job, bytes as scanned or None when the scan did not read them (cache hit), its
        findings)`` of every file with findings, in path order: what ``migrate code`` fixes."""
        by_path: Dict[str, List[Finding]] = {}
        for f in self.findings:
            by_path.setdefault(f.path, []).append(f)
        jobs = {j.path: j for j in self.jobs}
        return [(self.as_scanned(jobs[p]), self.sources.get(p), fs) for p, fs in sorted(by_path.items()) if p in jobs]

    def as_scanned(self, job: FileJob) -> FileJob:
        """``job`` with the kind the scan read it as (``FileJob.read_as``): the fixer rewrites the
        file as the scan read it, without deciding again."""
        kind = self.read_as.get(job.path, "")
        return replace(job, read_as=kind) if kind else job


@dataclass
class ScanSettings:
    """What ``run_scan`` is asked to do."""

    rules: List[Rule]
    exclude: Sequence[str] = ()
    per_file_ignores: Dict[str, List[str]] = field(default_factory=dict)
    workers: Optional[int] = None
    cache_dir: Optional[str] = None  # None: no cache
    cache_inside: Optional[str] = None  # links may not lead the cache out of this folder (cache.usable_folder)
    stdin_data: Optional[bytes] = None
    stdin_filename: str = "<stdin>"
    progress: Progress = NULL_PROGRESS  # told the phase and every file done (migrate/progress.py)
    project_root: Optional[str] = None  # scan this whole folder, report only the paths given (project_root.py)
    # the paths cover this project, one package of a monorepo: its sibling packages too (project_root.package_root)
    package_root: Optional[str] = None
    # the ``rules.catalog_index`` of the catalog this run imported: kept in the cache for the next
    # run, which then selects its rules without importing the catalog (``cache.known_catalog``)
    catalog: Optional[tuple] = None
    keep_sources: bool = False  # keep the bytes of the files with findings (``migrate code`` fixes them)
    target: Optional[str] = None  # the release a fix writes for (``ScanContext.target``: ``[tool.zenml-migrate] target``)


class _Clock:
    def __init__(self, report: ScanReport):
        self.report, self.t = report, time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.report.timings[name] = self.report.timings.get(name, 0.0) + now - self.t
        self.t = now


def __getattr__(name: str):
    """``engine.scan_bytes``: the scanner of one file (``file_scan.scan_bytes``), imported when
    first asked for (a warm run asks never; tests replace it here to count or crash parses)."""
    if name == "scan_bytes":
        return _scanner()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _scanner():
    scan = globals().get("scan_bytes")
    if scan is None:
        from zenml_migrate.scan.file_scan import scan_bytes as scan

        globals()["scan_bytes"] = scan
    return scan


class _Index:
    """The rule index of the selected rules (``detect.rule_index``), built when this process first
    scans a file: a warm run, every answer from the cache, imports no detection at all."""

    def __init__(self, rules: Sequence[Rule]):
        self.rules, self._index = rules, None

    def get(self):
        if self._index is None:
            from zenml_migrate.scan.detect import rule_index

            self._index = rule_index(self.rules)
        return self._index


# ------------------------------------------------------------------ workers
def _scan_chunk(items: List[Tuple[FileJob, bytes]]) -> List[FileResult]:
    from zenml_migrate.scan.pool import worker

    ctx, scan_bytes = worker().ctx, _scanner()
    return [scan_bytes(job, data, ctx) for job, data in items]


def _scan_chunk_with(project: Dict[str, str], items: List[Tuple[FileJob, bytes]]) -> List[FileResult]:
    """``_scan_chunk`` with the cross-file facts of a later round (phase A's workers, reused)."""
    from zenml_migrate.scan.file_scan import ScanContext
    from zenml_migrate.scan.pool import worker

    ctx, scan_bytes = worker().ctx, _scanner()
    ctx = ScanContext(ctx.index, project, ctx.project_modules, ctx.target)
    return [scan_bytes(job, data, ctx) for job, data in items]


def _run_jobs(
    items: List[Tuple[FileJob, bytes]], index: _Index, project: Dict[str, str], report: "ScanReport", selection: Selection,
    workers: int, progress: Progress, stream=None,
) -> List[FileResult]:
    if not items:
        return []
    if stream is not None and len(items) > 1:  # phase A's workers are still up: no new pool
        from functools import partial

        stream.use(partial(_scan_chunk_with, project), _crashed)
        stream.extend(items, last=True)
        return stream.results(close=False)
    if workers <= 1 or len(items) < POOL_MIN_FILES:
        from zenml_migrate.scan.file_scan import ScanContext

        ctx, scan_bytes = ScanContext(index.get(), project, report.modules, selection.target), _scanner()
        old = gc.get_threshold()
        fewer_gc_passes()
        try:
            out = []
            for job, data in items:
                out.append(scan_bytes(job, data, ctx))
                progress.advance()
            return out
        finally:
            gc.set_threshold(*old)
    from zenml_migrate.scan.pool import init_worker, run_chunks

    init = (selection, project, report.modules)
    return run_chunks(items, _scan_chunk, init_worker, init, workers, CHUNK, _crashed, progress.advance)


class _PhaseA:
    """Files that mention zenml, scanned without cross-file facts. Once there are enough of
    them for a pool to pay, they go to worker processes as they are found, so that parsing
    on the other core overlaps reading the rest of the tree."""

    def __init__(self, index: _Index, selection: Selection, workers: int, report: "ScanReport", progress: Progress):
        self.index, self.selection, self.workers, self.report, self.progress = index, selection, workers, report, progress
        self.items: List[Tuple[FileJob, bytes]] = []
        self.scanned: List[FileResult] = []  # scanned by ``triage``
        self.stream = None

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()

    def add(self, item: Tuple[FileJob, bytes]) -> None:
        self.progress.advance(-1)  # not done yet: the parse counts it
        if self.stream is not None:
            self.stream.add(item)
            return
        self.items.append(item)
        if self.workers > 1 and len(self.items) >= POOL_MIN_FILES:
            from zenml_migrate.scan.pool import ChunkStream, init_worker

            init = (self.selection, {}, self.report.modules)
            self.stream = ChunkStream(_scan_chunk, init_worker, init, self.workers, CHUNK, _crashed, self.progress.advance)
            for queued in self.items:
                self.stream.add(queued)
            self.items = []

    def triage(self, jobs: List[FileJob], stamps: Dict[str, Tuple[int, int]], cache, keep: bool, results: Dict[str, FileResult],
               from_cache: Set[str], parsed: Set[str], plain: list) -> None:
        """The main loop of ``run_scan`` for a cold scan of a big tree, with the stat, read and
        prefilter of each file (``triage.triage_chunk``) done by the workers, which scan the
        files that mention zenml right away: both cores read, the main process waits."""
        from functools import partial

        from zenml_migrate.scan.pool import ChunkStream

        work, on_crash = partial(triage_chunk, cache is not None, keep), partial(crashed_triage, jobs)
        init = (self.selection, jobs, self.report.modules, stamps)  # ``report.jobs`` is ``jobs``
        self.stream = ChunkStream(work, init_triage_worker, init, self.workers, TRIAGE_CHUNK, on_crash, self.progress.advance)
        try:
            self.stream.extend(range(len(jobs)))  # indexes into ``jobs`` (the workers have it)
            answers = self.stream.results(close=False)
        except BaseException:  # Ctrl-C: no worker left behind
            self.close()
            raise
        for job, answer in zip(jobs, answers):
            what = answer[0]
            if what == PROBLEM:
                self.report.diagnostics.append(answer[1])
            elif what == PLAIN:
                if cache is not None:
                    cache.put_plain(job, answer[1])
                if answer[2] is not None:
                    plain.append((job, answer[1], answer[2]))
            elif what == ZENML:
                _, stamp, result, digest, data = answer
                if keep and data is not None:
                    self.report.sources[job.path] = data
                hit = cache.by_digest(job, stamp, digest) if cache is not None and stamp is not None else None
                if hit is not None:
                    results[job.path] = hit
                    from_cache.add(job.path)
                else:
                    parsed.add(job.path)
                    self.scanned.append(result)

    def results(self) -> List[FileResult]:
        """Phase A's results; its workers stay up for the later rounds (``close`` them)."""
        if self.stream is not None:
            return self.scanned + self.stream.results(close=False)
        return _run_jobs(self.items, self.index, {}, self.report, self.selection, 1, self.progress)


def _crashed(item: Tuple[FileJob, bytes]) -> FileResult:
    return crashed(item[0].path)


def _triage_in_workers(files: int, workers: int, cache) -> bool:
    """Do the workers read the files (``_PhaseA.triage``)? For a tree big enough that reading
    it on two cores pays for starting the pool, when no cached result can spare a read."""
    return workers > 1 and files >= TRIAGE_MIN_FILES and (cache is None or cache.empty())


# ------------------------------------------------------------------ the scan
def run_scan(paths: Sequence[str], settings: ScanSettings) -> ScanReport:
    report = ScanReport()
    clock = _Clock(report)
    codes = getattr(settings.rules, "codes", None)  # a ``rules.Selected`` knows them without the catalog
    selection = Selection(tuple(r.code for r in settings.rules) if codes is None else codes, settings.target)  # to the workers and the cache's key
    index = _Index(settings.rules)
    workers = settings.workers or os.cpu_count() or 1
    progress = settings.progress

    if settings.stdin_data is not None:
        from zenml_migrate.scan.file_scan import ScanContext

        job = FileJob(settings.stdin_filename, kind_of(settings.stdin_filename) or "py")
        res = _scanner()(job, settings.stdin_data, ScanContext(index.get(), target=settings.target))
        report.files_seen = report.files_parsed = 1
        report.add_findings(res, settings.per_file_ignores)
        report.diagnostics = res.diagnostics
        if res.read_as:
            report.read_as[job.path] = res.read_as
        return report

    progress.phase("finding files")
    found = discover(paths, settings.exclude)
    report.ignored, report.ignored_more = found.ignored, found.ignored_more  # before widen(): the paths given
    report.excluded, report.links = found.excluded, found.links
    clock.lap("discover")
    cache = None
    if settings.cache_dir:
        from zenml_migrate.scan.cache import ResultCache, cache_salt, selection_key, usable_folder

        folder = usable_folder(settings.cache_dir, settings.cache_inside)
        cache = ResultCache(folder, cache_salt(), selection_key(selection)) if folder else None
        if cache is not None and settings.catalog is not None:
            cache.keep_catalog(settings.catalog)
    clock.lap("cache load")
    shown = None
    if settings.project_root:  # explicit files: the whole project decides the cross-file facts
        from zenml_migrate.scan.project_root import widen

        found, shown = widen(found, settings.project_root, settings.exclude, cache)
    elif settings.package_root:  # one package of a monorepo: with the sibling packages it imports
        from zenml_migrate.scan.project_root import with_siblings

        found, shown = with_siblings(found, settings.package_root, settings.exclude, cache)
    report.diagnostics.extend(Diagnostic(p, m) for p, m in found.errors)
    settled = len(report.diagnostics)  # more later: a file the scan could not stat or read
    jobs = sorted(found.jobs, key=lambda j: j.path)
    report.files_seen = len(jobs)
    progress.phase("scanning", len(jobs))
    report.jobs = jobs
    clock.lap("discover")

    results: Dict[str, FileResult] = {}
    parsed: Set[str] = set()  # files parsed this run (phase B may parse a file phase A parsed)
    from_cache: Set[str] = set()
    phase_a = _PhaseA(index, selection, workers, report, progress)
    plain: List[Tuple[FileJob, Tuple[int, int], Optional[bytes]]] = []  # .py/.ipynb without "zenml": phase B
    triaged = _triage_in_workers(len(jobs), workers, cache)
    if triaged:  # cold scan of a big tree: the workers read too
        phase_a.triage(jobs, found.stamps, cache, settings.keep_sources, results, from_cache, parsed, plain)
    unchanged = cache.plain if cache is not None else {}  # path -> stamp of the files the last run found plain
    known: List[str] = []  # those unchanged now (``ResultCache.known_plain``)
    stamps = found.stamps  # the stamps discovery's lstat found, of regular files
    for job in () if triaged else jobs:
        progress.advance()  # settled here, or handed to phase A (which counts it again when parsed)
        old = unchanged.get(job.path)
        seen = stamps.get(job.path)
        if old is not None:  # most of a warm run: ``stat_job`` and the stamp test in one step
            if seen is None:
                try:
                    st = os.stat(job.path)
                except OSError:
                    st = None
                if st is not None and S_ISREG(st.st_mode):
                    seen = (st.st_mtime_ns, st.st_size)
            if seen == old:
                known.append(job.path)
                plain.append((job, old, None))
                continue
        stamp, problem = stat_job(job, seen)
        if stamp is None:
            if problem is not None:
                report.diagnostics.append(problem)
            continue
        if cache is not None:
            hit = cache.by_stamp(job, stamp)
            if hit is not None:
                results[job.path] = hit
                from_cache.add(job.path)
                continue
        what, value = read_job(job, stamp[1])
        if what == PROBLEM:
            report.diagnostics.append(value)
            continue
        if what == PLAIN:
            if cache is not None:
                cache.put_plain(job, stamp)
            if value is not None:
                plain.append((job, stamp, value))
            continue
        data = value
        if settings.keep_sources:
            report.sources[job.path] = data
        hit = cache.by_content(job, stamp, data) if cache is not None else None
        if hit is not None:
            results[job.path] = hit
            from_cache.add(job.path)
        else:
            parsed.add(job.path)
            phase_a.add((job, data))  # counted done by the phase A workers
    if known:
        cache.known_plain(known)
    clock.lap("read+prefilter")

    jobs_by_path = {j.path: j for j in jobs}
    key = None
    if cache is not None:
        from zenml_migrate.scan.cache import run_key

        key = run_key(cache.selection, jobs, shown)
    reused = None
    if key is not None and len(known) + len(from_cache) == len(jobs) and not settings.keep_sources:
        # every file as the cache knows it: the rounds would end as they did for the same files
        # (not for ``migrate code``: it fixes the bytes the rounds read)
        reused = cache.last_run(key, jobs_by_path)
    if reused is not None:
        results.update(reused)
        from_cache.update(reused)
        project = project_index(jobs_by_path, results.values(), shown)
        clock.lap("phase B reused")
    else:
        project, with_facts = _phases(plain, results, jobs_by_path, shown, parsed, from_cache, phase_a, report, settings, cache, clock)
        if key is not None and len(report.diagnostics) == settled:  # every file stat and read: the outcome is the files'
            cache.remember_run(key, jobs, with_facts)
    report.project = project
    report.files_parsed, report.cached = len(parsed), len(from_cache - parsed)  # files, not parse runs

    if cache is not None:
        cache.save()
    for res in results.values():
        report.add_findings(res, settings.per_file_ignores)
        report.diagnostics.extend(res.diagnostics)
        report.config_refs[res.path] = res.config_refs
        if res.read_as:
            report.read_as[res.path] = res.read_as
    report.findings.sort(key=Finding.sort_key)
    if report.sources:
        flagged = {f.path for f in report.findings}
        report.sources = {p: d for p, d in report.sources.items() if p in flagged}
    report.diagnostics.sort(key=lambda d: (d.path, d.line, d.column, d.message))
    if shown is not None:
        from zenml_migrate.scan.project_root import narrow

        narrow(report, shown, [p for p, _ in found.errors])
    clock.lap("finish")
    if os.environ.get("ZENML_MIGRATE_TIMINGS"):
        parts = ", ".join(f"{k} {v:.3f}s" for k, v in report.timings.items())
        sys.stderr.write(f"timings: {parts}; parsed {report.files_parsed}, cached {report.cached}{_cpu_split()}\n")
    return report


def _phases(plain, results, jobs_by_path, shown, parsed, from_cache, phase_a, report, settings, cache, clock) -> Tuple[Dict[str, str], Dict[str, str]]:
    """Phase A's results, then the cross-file rounds: the facts, the files they change, until
    nothing changes. Returns the last facts (``ScanReport.project``) and, for each file whose
    last result has facts, their digest (``ResultCache.remember_run``)."""
    index, selection, workers, progress = phase_a.index, phase_a.selection, phase_a.workers, phase_a.progress
    with_facts: Dict[str, str] = {}  # path -> facts digest of its last result, when that one has facts
    try:  # phase A's workers serve the later rounds too
        # phase A: files that mention zenml, without cross-file facts (cacheable by content)
        for res in phase_a.results():
            results[res.path] = res
            if cache is not None:
                cache.put(res)
        clock.lap("phase A")

        # cross-file facts, then the files they change, until nothing changes
        project = project_index(jobs_by_path, results.values(), shown)
        searched: Set[str] = set()
        asked: Set[str] = set()  # modules asked for by a ``__splat__`` fact (``asked_modules``)
        fixtures: Set[str] = set()  # conftest fixture facts searched for (``fixture_users``)
        # importees another module's new fact concerns (``revisits``); first, the mixins phase A scanned
        # before the facts of the classes mixing them in were known
        again: Set[str] = mixins_of_changed(jobs_by_path, results, {}, project)
        for _ in range(MAX_ROUNDS):
            if not project:
                break
            extra = importers(plain, results, project, searched, cache, report)
            seen = {job.path for job, _ in extra}
            extra += [item for item in asked_modules(plain, results, project, asked, report) if item[0].path not in seen]
            seen.update(job.path for job, _ in extra)
            extra += [item for item in fixture_users(jobs_by_path, plain, results, project, fixtures, report) if item[0].path not in seen]
            clock.lap("phase B search")
            rescans = [(jobs_by_path[p], report.sources.get(p)) for p, r in sorted(results.items()) if r.pending or p in again]
            items = _with_data(rescans, report) + extra
            if settings.keep_sources:
                report.sources.update((job.path, data) for job, data in items)
            if not items:
                break
            digest = facts_digest(project) if cache is not None else None  # the results cache's key
            with_facts.update((job.path, digest) for job, _ in items)
            todo = []
            for job, data in items:
                hit = cache.by_facts(job, digest) if cache is not None else None
                if hit is not None:
                    results[job.path] = hit
                    from_cache.add(job.path)
                else:
                    todo.append((job, data))
            parsed.update(job.path for job, _ in todo)
            progress.phase("cross-file", len(todo))
            for res in _run_jobs(todo, index, project, report, selection, workers, progress, phase_a.stream):
                results[res.path] = res
                if cache is not None:
                    cache.put_facts(res, digest, jobs_by_path[res.path])
            clock.lap("phase B scan")
            new_project = project_index(jobs_by_path, results.values(), shown)
            if new_project == project:
                break
            again = revisits(jobs_by_path, results, project, new_project)
            project = new_project
    finally:
        phase_a.close()
    return project, with_facts


def _cpu_split() -> str:
    """``; CPU main X s, workers Y s``: this process (start-up included) and its ended children
    (the pool's workers, ``git ls-files``), for the benchmark's account of where the time goes."""
    try:
        import resource
    except ImportError:  # not on Unix
        return ""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return f"; CPU main {me.ru_utime + me.ru_stime:.3f}s, workers {children.ru_utime + children.ru_stime:.3f}s"


def _with_data(items: List[Tuple[FileJob, Optional[bytes]]], report: ScanReport) -> List[Tuple[FileJob, bytes]]:
    out = []
    for job, data in items:
        if data is None:
            try:
                data = read_file(job.path)
            except OSError as exc:
                report.diagnostics.append(read_error(job.path, exc))
                continue
        out.append((job, data))
    return out
