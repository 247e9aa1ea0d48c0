"""The scan pipeline. Output order is deterministic whatever the discovery order.

    discovery -> stat -> results cache by (path, mtime, size)       (warm: no read at all)
              -> read (os.read) -> prefilter ``b"zenml" in data``   (the big win: most files stop here)
              -> cache by content hash
              -> phase A: detect in files that mention zenml        (process pool when it pays)
              -> cross-file facts: the project's zenml-bearing names
              -> phase B: files without "zenml" whose import lines (kept from the first read)
                 name a module holding those facts (one trie regex over the module names)
              -> rescans until the facts stop changing -> findings

``ZENML_MIGRATE_TIMINGS=1`` prints the time of every phase on stderr (the benchmark uses it).
"""

import errno
import gc
import hashlib
import os
import re
import sys
import time
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from zenml_migrate import __version__
from zenml_migrate.scan.cache import ResultCache
from zenml_migrate.scan.discovery import discover, kind_of, project_modules
from zenml_migrate.findings import Diagnostic, FileResult, Finding
from zenml_migrate.scan.detect import RuleIndex
from zenml_migrate.rules import Rule
from zenml_migrate.scan.file_scan import FileJob, ScanContext, scan_bytes

ZENML = b"zenml"
# a YAML file without one of these words is neither a 0.13.2 run config nor a .zen/config.yaml
YAML_WORDS = (b"steps", b"active_profile_name", b"active_stack_name", b"stacks")
POOL_MIN_FILES = 48  # below this a process pool costs more than it saves
CHUNK = 32
MAX_ROUNDS = 6  # cross-file rescans (re-export chains deeper than this are not followed)
READ_ERROR_HINT = "check the file's permissions, or exclude it in [tool.zenml-migrate] exclude"


@dataclass
class ScanReport:
    findings: List[Finding] = field(default_factory=list)
    diagnostics: List[Diagnostic] = field(default_factory=list)
    files_seen: int = 0
    files_parsed: int = 0
    cached: int = 0
    project: Dict[str, str] = field(default_factory=dict)  # cross-file facts, for `migrate code`
    timings: Dict[str, float] = field(default_factory=dict)
    jobs: List[FileJob] = field(default_factory=list, repr=False)
    _modules: Optional[Set[str]] = field(default=None, repr=False)

    @property
    def modules(self) -> Set[str]:
        """The project's module names (see discovery.project_modules), computed when first
        needed: a warm run that scans nothing never needs them."""
        if self._modules is None:
            self._modules = project_modules(self.jobs)
        return self._modules


@dataclass
class ScanSettings:
    rules: List[Rule]
    exclude: Sequence[str] = ()
    per_file_ignores: Dict[str, List[str]] = field(default_factory=dict)
    workers: Optional[int] = None
    cache_dir: Optional[str] = None  # None: no cache
    stdin_data: Optional[bytes] = None
    stdin_filename: str = "<stdin>"


class _Clock:
    def __init__(self, report: ScanReport):
        self.report, self.t = report, time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.report.timings[name] = self.report.timings.get(name, 0.0) + now - self.t
        self.t = now


# ------------------------------------------------------------------ worker side
_CTX: Optional[ScanContext] = None


def _init_worker(codes: Tuple[str, ...], project: Dict[str, str], modules: Set[str]) -> None:
    global _CTX
    from zenml_migrate.rules import all_rules

    _fewer_gc_passes()
    rules = [r for r in all_rules() if r.code in codes]
    _CTX = ScanContext(RuleIndex(rules), project, modules)


def _fewer_gc_passes() -> None:
    """An AST is tens of thousands of objects; the default gen-0 threshold (700) makes the
    collector run hundreds of times per file for nothing. Cycles are still collected."""
    gc.set_threshold(200_000, 20, 20)


def _scan_chunk(items: List[Tuple[FileJob, bytes]]) -> List[FileResult]:
    return [scan_bytes(job, data, _CTX) for job, data in items]


def _run_jobs(items: List[Tuple[FileJob, bytes]], ctx: Optional[ScanContext], codes, workers: int) -> List[FileResult]:
    if not items:
        return []
    if workers <= 1 or len(items) < POOL_MIN_FILES:
        old = gc.get_threshold()
        _fewer_gc_passes()
        try:
            return [scan_bytes(job, data, ctx) for job, data in items]
        finally:
            gc.set_threshold(*old)
    from zenml_migrate.scan.pool import run_chunks

    init = (tuple(codes), ctx.project, ctx.project_modules)
    return run_chunks(items, _scan_chunk, _init_worker, init, workers, CHUNK, _crashed)


class _PhaseA:
    """Files that mention zenml, scanned without cross-file facts. Once there are enough of
    them for a pool to pay, they go to worker processes as they are found, so that parsing
    on the other core overlaps reading the rest of the tree."""

    def __init__(self, index: RuleIndex, codes: Tuple[str, ...], workers: int, report: "ScanReport"):
        self.index, self.codes, self.workers, self.report = index, codes, workers, report
        self.items: List[Tuple[FileJob, bytes]] = []
        self.stream = None
        self.count = 0

    def add(self, item: Tuple[FileJob, bytes]) -> None:
        self.count += 1
        if self.stream is not None:
            self.stream.add(item)
            return
        self.items.append(item)
        if self.workers > 1 and len(self.items) >= POOL_MIN_FILES:
            from zenml_migrate.scan.pool import ChunkStream

            init = (self.codes, {}, self.report.modules)
            self.stream = ChunkStream(_scan_chunk, _init_worker, init, self.workers, CHUNK, _crashed)
            for queued in self.items:
                self.stream.add(queued)
            self.items = []

    def results(self) -> List[FileResult]:
        if self.stream is not None:
            return self.stream.results()
        ctx = ScanContext(self.index, {}, self.report.modules) if self.items else None
        return _run_jobs(self.items, ctx, self.codes, 1)


def _crashed(item: Tuple[FileJob, bytes]) -> FileResult:
    path = item[0].path
    message = "the analyser crashed on this file; file skipped (please report it with the file attached)"
    return FileResult(path, diagnostics=[Diagnostic(path, message)])


# ------------------------------------------------------------------ reading
_O_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def read_file(path: str, size: int = -1) -> bytes:
    """Whole file with one os.read when the size is known (no buffered-IO object per file)."""
    fd = os.open(path, _O_FLAGS)
    try:
        if size < 0:
            size = os.fstat(fd).st_size
        chunks = [os.read(fd, size + 1)]
        if len(chunks[0]) > size:  # grew since stat: read the rest
            while True:
                more = os.read(fd, 1 << 20)
                if not more:
                    break
                chunks.append(more)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def _read_error(path: str, exc: OSError) -> Diagnostic:
    if exc.errno == errno.ELOOP:
        what = "symbolic link loop"
        todo = "fix or remove the link"
    elif exc.errno == errno.EISDIR:
        what = "a directory where a file is expected"
        todo = "rename it or exclude it in [tool.zenml-migrate] exclude"
    elif exc.errno == errno.ENOENT:
        what = "dangling symbolic link" if os.path.islink(path) else "file vanished during the scan"
        todo = "fix or remove the link" if os.path.islink(path) else "re-run the scan"
    else:
        what = exc.strerror or str(exc)
        todo = READ_ERROR_HINT
    return Diagnostic(path, f"cannot read: {what}; {todo}")


def _not_regular(st: os.stat_result) -> bool:
    import stat

    return not (stat.S_ISREG(st.st_mode))


def _wanted(job: FileJob, data: bytes) -> bool:
    """Can any rule possibly match? (py/ipynb: the text must mention zenml; a notebook that
    is not one is read anyway, to say so)."""
    if job.kind == "py":
        return ZENML in data
    if job.kind == "ipynb":
        return ZENML in data or not _is_notebook(data)
    if job.kind == "zen_config":
        return True
    return any(w in data for w in YAML_WORDS)


def _is_notebook(data: bytes) -> bool:
    from zenml_migrate.scan.notebook import read_notebook
    from zenml_migrate.scan.sources import SourceError

    try:
        read_notebook(data)
    except SourceError:
        return False
    return True


# ------------------------------------------------------------------ cross-file facts
def _project_index(jobs_by_path: Dict[str, FileJob], results: Iterable[FileResult]) -> Dict[str, str]:
    """``"<module suffix>.<name>" -> path`` from every file's exports; ambiguous keys dropped."""
    index: Dict[str, str] = {}
    clash: Set[str] = set()
    for res in sorted(results, key=lambda r: r.path):
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


def import_text(data: bytes) -> bytes:
    """The lines of ``data`` that hold the word ``import`` (with their parenthesised or
    backslash continuations): everything through which a file can reach another module.
    Over-approximate on purpose (an ``import`` in a docstring is kept too)."""
    out = []
    find, rfind = data.find, data.rfind
    i = find(b"import")
    while i != -1:
        start = rfind(b"\n", 0, i) + 1
        end = find(b"\n", i)
        if end == -1:
            end = len(data)
        line = data[start:end]
        if b"(" in line and b")" not in line:
            close = find(b")", end)
            end = len(data) if close == -1 else close
        while end < len(data) and data[end - 1 : end] == b"\\":
            nxt = find(b"\n", end + 1)
            end = len(data) if nxt == -1 else nxt
        out.append(data[start:end])
        i = find(b"import", end)
    return b"\n".join(out)


class ModuleFinder:
    """Does a file import one of the modules that hold cross-file facts? Checked on its
    ``import_text`` only: the last component of each module (``mod`` of ``pkg.mod``; a package
    for its ``__init__``) as a word, through one trie-shaped regex."""

    def __init__(self, modules: Iterable[str]):
        tails = sorted({m.rsplit(".", 1)[-1] for m in modules if m})
        self.pattern = _trie_regex(tails) if tails else None

    def __bool__(self) -> bool:
        return self.pattern is not None

    def matches(self, text: bytes) -> bool:
        for m in self.pattern.finditer(text):
            start, end = m.span()
            if (start and _is_word_byte(text[start - 1])) or (end < len(text) and _is_word_byte(text[end])):
                continue
            return True
        return False


def _is_word_byte(b: int) -> bool:
    return b == 95 or 48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122 or b >= 128


def _trie_regex(words: List[str]) -> "re.Pattern":
    """One regex for many literal words, shaped as a trie: the regex engine then tries one
    branch per character instead of every word at every position."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w.encode():
            node = node.setdefault(ch, {})
        node[None] = True

    def build(node: dict) -> bytes:
        ends = None in node
        alts = [re.escape(bytes([ch])) + build(sub) for ch, sub in sorted((k, v) for k, v in node.items() if k is not None)]
        if not alts:
            return b""
        body = alts[0] if len(alts) == 1 else b"(?:" + b"|".join(alts) + b")"
        return b"(?:" + body + b")?" if ends else body

    return re.compile(build(trie))


# ------------------------------------------------------------------ the scan
def run_scan(paths: Sequence[str], settings: ScanSettings) -> ScanReport:
    report = ScanReport()
    clock = _Clock(report)
    codes = tuple(r.code for r in settings.rules)
    index = RuleIndex(settings.rules)
    workers = settings.workers or os.cpu_count() or 1

    if settings.stdin_data is not None:
        job = FileJob(settings.stdin_filename, kind_of(settings.stdin_filename) or "py")
        res = scan_bytes(job, settings.stdin_data, ScanContext(index))
        report.files_seen = report.files_parsed = 1
        report.findings = _apply_per_file_ignores(res.findings, settings.per_file_ignores)
        report.diagnostics = res.diagnostics
        return report

    found = discover(paths, settings.exclude)
    report.diagnostics.extend(Diagnostic(p, m) for p, m in found.errors)
    jobs = sorted(found.jobs, key=lambda j: j.path)
    report.files_seen = len(jobs)
    report.jobs = jobs
    clock.lap("discover")
    cache = ResultCache(settings.cache_dir, _cache_salt(codes)) if settings.cache_dir else None
    clock.lap("cache load")

    results: Dict[str, FileResult] = {}
    phase_a = _PhaseA(index, codes, workers, report)
    plain: List[Tuple[FileJob, Tuple[int, int], Optional[bytes]]] = []  # .py without "zenml": phase B
    for job in jobs:
        try:
            st = os.stat(job.path)
        except OSError as exc:
            if exc.errno == errno.ENOENT and not os.path.lexists(job.path):
                continue  # deleted from the work tree but still in git's index: nothing to scan
            report.diagnostics.append(_read_error(job.path, exc))
            continue
        if _not_regular(st):
            if os.path.isdir(job.path):
                report.diagnostics.append(_read_error(job.path, IsADirectoryError(21, "Is a directory")))
            else:
                report.diagnostics.append(Diagnostic(job.path, "not a regular file (FIFO, socket or device); exclude it"))
            continue
        stamp = (st.st_mtime_ns, st.st_size)
        if cache is not None:
            hit = cache.by_stamp(job, stamp)
            if hit is not None:
                if hit is ResultCache.PLAIN:
                    plain.append((job, stamp, None))
                else:
                    results[job.path] = hit
                    report.cached += 1
                continue
        try:
            data = read_file(job.path, st.st_size)
        except OSError as exc:
            report.diagnostics.append(_read_error(job.path, exc))
            continue
        if not _wanted(job, data):
            if cache is not None:
                cache.put_plain(job, stamp)
            if job.kind == "py":
                plain.append((job, stamp, import_text(data)))
            continue
        hit = cache.by_content(job, stamp, data) if cache is not None else None
        if hit is not None:
            results[job.path] = hit
            report.cached += 1
        else:
            phase_a.add((job, data))
    clock.lap("read+prefilter")

    # phase A: files that mention zenml, without cross-file facts (cacheable by content)
    report.files_parsed += phase_a.count
    for res in phase_a.results():
        results[res.path] = res
        if cache is not None:
            cache.put(res)
    clock.lap("phase A")

    # cross-file facts, then the files they change, until nothing changes
    jobs_by_path = {j.path: j for j in jobs}
    project = _project_index(jobs_by_path, results.values())
    searched: Set[str] = set()
    for _ in range(MAX_ROUNDS):
        if not project:
            break
        extra = _phase_b(plain, results, project, searched, cache, report)
        clock.lap("phase B search")
        rescans = [(jobs_by_path[p], None) for p, r in sorted(results.items()) if r.pending]
        items = _with_data(rescans, report) + extra
        if not items:
            break
        digest = _facts_digest(project)
        todo = []
        for job, data in items:
            hit = cache.by_facts(job, digest) if cache is not None else None
            if hit is not None:
                results[job.path] = hit
                report.cached += 1
            else:
                todo.append((job, data))
        report.files_parsed += len(todo)
        for res in _run_jobs(todo, ScanContext(index, project, report.modules) if todo else None, codes, workers):
            results[res.path] = res
            if cache is not None:
                cache.put_facts(res, digest, jobs_by_path[res.path])
        clock.lap("phase B scan")
        new_project = _project_index(jobs_by_path, results.values())
        if new_project == project:
            break
        project = new_project
    report.project = project

    if cache is not None:
        cache.save()
    for res in results.values():
        report.findings.extend(_apply_per_file_ignores(res.findings, settings.per_file_ignores))
        report.diagnostics.extend(res.diagnostics)
    report.findings.sort(key=Finding.sort_key)
    report.diagnostics.sort(key=lambda d: (d.path, d.line, d.column, d.message))
    clock.lap("finish")
    if os.environ.get("ZENML_MIGRATE_TIMINGS"):
        parts = ", ".join(f"{k} {v:.3f}s" for k, v in report.timings.items())
        sys.stderr.write(f"timings: {parts}; parsed {report.files_parsed}, cached {report.cached}\n")
    return report


def _with_data(items: List[Tuple[FileJob, Optional[bytes]]], report: ScanReport) -> List[Tuple[FileJob, bytes]]:
    out = []
    for job, data in items:
        if data is None:
            try:
                data = read_file(job.path)
            except OSError as exc:
                report.diagnostics.append(_read_error(job.path, exc))
                continue
        out.append((job, data))
    return out


def _phase_b(plain, results, project, searched, cache, report) -> List[Tuple[FileJob, bytes]]:
    """Plain files (no "zenml") not scanned yet that import a module holding cross-file facts.
    Each module is searched for once; later rounds look only for modules that are new."""
    modules = {k.rsplit(".", 1)[0] for k in project} - searched
    searched.update(modules)
    finder = ModuleFinder(modules)
    if not finder:
        return []
    key = hashlib.blake2b("\0".join(sorted(modules)).encode(), digest_size=8).hexdigest()
    out: List[Tuple[FileJob, bytes]] = []
    for job, stamp, text in plain:
        if job.path in results:
            continue
        hit = cache.phase_b(job, key) if cache is not None else None
        if hit is None:
            if text is None:
                try:
                    text = import_text(read_file(job.path))
                except OSError as exc:
                    report.diagnostics.append(_read_error(job.path, exc))
                    continue
            hit = finder.matches(text)
            if cache is not None:
                cache.put_phase_b(job, key, hit)
        if hit:
            try:
                out.append((job, read_file(job.path)))
            except OSError as exc:
                report.diagnostics.append(_read_error(job.path, exc))
    return out


def _facts_digest(project: Dict[str, str]) -> str:
    h = hashlib.blake2b(digest_size=8)
    for k in sorted(project):
        h.update(f"{k}={project[k]}\0".encode())
    return h.hexdigest()


def _cache_salt(codes: Sequence[str]) -> str:
    """Tool version, Python version, selected rules and the mtimes of everything that decides
    a scan result: the scan package, the findings model, the rules and their data."""
    import zenml_migrate
    from zenml_migrate import rules, scan

    h = hashlib.blake2b(digest_size=8)
    h.update(__version__.encode())
    h.update(sys.version.encode())
    h.update(",".join(codes).encode())
    files = [os.path.join(p, "findings.py") for p in zenml_migrate.__path__]
    folders = list(scan.__path__) + list(rules.__path__) + [os.path.join(p, "data") for p in rules.__path__]
    for folder in folders:
        try:
            files += [os.path.join(folder, n) for n in sorted(os.listdir(folder)) if n.endswith((".py", ".json"))]
        except OSError:
            continue
    for path in files:
        h.update(path.encode())
        try:
            h.update(str(os.stat(path).st_mtime_ns).encode())
        except OSError:
            pass
    return h.hexdigest()


def _apply_per_file_ignores(findings: List[Finding], per_file: Dict[str, List[str]]) -> List[Finding]:
    if not per_file or not findings:
        return findings
    import fnmatch

    path = findings[0].path.replace(os.sep, "/")
    if path.startswith("./"):
        path = path[2:]
    codes: List[str] = []
    for pattern, ignored in per_file.items():
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(os.path.basename(path), pattern):
            codes.extend(c.upper() for c in ignored)
    if not codes:
        return findings
    return [f for f in findings if not any(c == "ALL" or f.code.startswith(c) for c in codes)]
