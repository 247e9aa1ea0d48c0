"""Fixing files on disk: bytes in, bytes out (encoding cookie, BOM and newline style kept),
atomic writes, and the scan engine's process pool for many files (``migrate/scan/pool.py``: a
worker that crashes becomes a per-file error)."""

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

from zenml_migrate.findings import Finding
from zenml_migrate.fix.result import FixOptions
from zenml_migrate.rules import Rule, all_rules
from zenml_migrate.safe_read import read_regular
from zenml_migrate.scan.detect import rule_index
from zenml_migrate.scan.file_scan import FileJob, ScanContext
from zenml_migrate.scan.jobs import Selection
from zenml_migrate.scan.pool import TookTooLong, init_worker, item_deadline, worker
from zenml_migrate.scan.read import MAX_REWRITE_BYTES, not_rewritten
from zenml_migrate.scan.file_kinds import decode, fixer, holds
from zenml_migrate.scan.sources import SourceError, encode_python

from zenml_migrate.fix.todo import MARK as TODO_MARK
CHUNK = 8


@dataclass
class FileFix:
    """A file's rewrite: its bytes before and after, and what was applied or left."""

    path: str
    kind: str
    old: bytes
    new: Optional[bytes] = None  # None: the file stays as it is
    applied: Counter = field(default_factory=Counter)
    elsewhere: Counter = field(default_factory=Counter)  # of ``applied``: resolved by another file's fix
    remaining: List[Finding] = field(default_factory=list)
    error: Optional[str] = None
    todo_lines: int = 0  # TODO comment lines ``new`` adds
    unmarked: int = 0  # findings of ``remaining`` with no TODO line in the file
    introduced: List[Finding] = field(default_factory=list)  # findings the rewrite caused
    fix_todos: List[Tuple[int, str, str]] = field(default_factory=list)  # (line, code, text) TODO lines a codemod wrote
    trackers: Counter = field(default_factory=Counter)  # flavor -> steps ``new`` gives an experiment_tracker= name
    todos_removed: int = 0  # stale TODO lines of earlier runs ``new`` removes (fix/todo.py)
    todos_replaced: int = 0  # TODO lines of findings still there whose text ``new`` replaces (an earlier run's, or edited)
    todos_edited: List[Tuple[int, str, str]] = field(default_factory=list)  # (line, code, text): edited TODO lines kept, finding gone
    refused: Optional[bytes] = None  # the rewrite ``write_fixes`` did not write (``remaining`` lines are counted on it)

    @property
    def changed(self) -> bool:
        return self.new is not None and self.new != self.old

    @property
    def rewritten(self) -> bool:
        """Did a fix of its own rewrite this file (not only another file's fix resolve its findings)?"""
        return bool(self.applied - self.elsewhere)


def _todo_line_changes(old: str, new: str) -> Tuple[int, int]:
    """(TODO lines ``new`` has that ``old`` has not, TODO lines ``old`` has that ``new`` has not),
    lines compared stripped (a notebook's JSON: its ``\\n``-separated source lines too; a file
    of lone CRs: its lines, it counted "1 line written" for three)."""
    import re

    def todo_lines(text: str) -> Counter:
        return Counter(line.strip() for line in re.split(r"\r\n?|\n|\\n", text) if TODO_MARK in line)

    before, after = todo_lines(old), todo_lines(new)
    return sum((after - before).values()), sum((before - after).values())


def fix_bytes(
    job: FileJob,
    data: bytes,
    rules: Sequence[Rule],
    options: FixOptions,
    scan_ctx: Optional[ScanContext] = None,
    findings: Optional[Sequence[Finding]] = None,
) -> FileFix:
    """Fix one file's bytes, whose ``findings`` the scan gave (None: detect them). Never raises
    for bad input."""
    out = FileFix(job.path, job.kind, data)
    fix = fixer(job.kind)
    if fix is None or not holds(job.kind, job.path, data):
        return out
    if options.target is not None:  # the rewritten text is judged for that release (its CLI: ``flavor register``)
        scan_ctx = replace(scan_ctx or ScanContext(rule_index(list(rules))), target=options.target)
    try:
        source = decode(job.kind, data)
        text = source.text
    except SourceError as exc:
        out.error = f"line {exc.line}: {exc.message}"
        return out
    except UnicodeDecodeError as exc:
        out.error = f"cannot decode as UTF-8 (byte {exc.start}); file left unchanged"
        return out
    if job.read_as or (findings is None and job.kind == "py"):  # a ``.py`` script of IPython cells is fixed as the scan reads it
        from zenml_migrate.scan.text_notebook import as_read

        job = as_read(job, text, scanned=findings is not None)
        fix = fixer(job.kind)
    if len(data) > MAX_REWRITE_BYTES:  # more code than the rewriter takes: the scan's findings have no fix
        if findings is None:
            from zenml_migrate.scan.file_scan import scan_bytes

            scanned = scan_bytes(job, data, scan_ctx or ScanContext(rule_index(list(rules))))
            if scanned.diagnostics and not scanned.findings:
                out.error = scanned.diagnostics[0].message
                return out
            findings = scanned.findings
        if job.kind != "ipynb":  # a notebook: its code cells (fix/notebook.py)
            findings = not_rewritten(list(findings), len(data))
    try:
        result = fix(text, job, rules, options, scan_ctx, findings=findings)
    except RecursionError:
        out.error = "too deeply nested to rewrite; file left unchanged"
        return out
    except MemoryError:
        out.error = ("the rewrite needs more memory than the rewriter may use (ZENML_MIGRATE_FIX_MEMORY_MB=MB allows more); "
                     "file left unchanged")
        return out
    out.applied, out.remaining, out.error = result.applied, result.remaining, result.error
    out.elsewhere = getattr(result, "elsewhere", Counter())
    out.introduced = result.introduced
    if result.error is None:  # counted on the text itself: what the summary says is what is written
        out.todos_edited = list(getattr(result, "todos_edited", ()))
        # lines written (a replaced line too) and lines gone, from the texts: a TODO line above a
        # statement a codemod replaced goes with it, uncounted by fix/todo.py (the net count
        # printed "-1 lines written" for an --unsafe-fixes run after --fix)
        written, gone = _todo_line_changes(text, result.text)
        out.todo_lines = written
        out.todos_removed = max(gone - getattr(result, "todos_replaced", 0), 0)
        out.todos_replaced = gone - out.todos_removed
        out.fix_todos = list(getattr(result, "fix_todos", ()))
        out.trackers = Counter(getattr(result, "trackers", ()))
        out.unmarked = result.unmarked
        if out.unmarked is None:
            out.unmarked = sum(1 for f in result.remaining if f"{TODO_MARK} {f.code}" not in result.text)
    if result.error is None and result.text != text:
        try:
            out.new = encode_python(source, result.text)
        except UnicodeEncodeError as exc:
            out.error = f"the rewrite cannot be encoded as {exc.encoding}; file left unchanged"
    return out


def fix_file(path: str, *, rules: Optional[Sequence[Rule]] = None, unsafe: bool = False,
             experiment_tracker: Optional[str] = None, target: Optional[str] = None, write: bool = False) -> FileFix:
    """Fix the file at ``path`` (written safely when ``write``: ``zenml_migrate.fix.write``;
    a refused write leaves the file as it is and sets ``error``)."""
    from zenml_migrate.fix.write import real_roots, write_fixes
    from zenml_migrate.scan.discovery import kind_of

    job = FileJob(path, kind_of(path) or "py")
    data = read_regular(path)
    rules = list(rules) if rules is not None else all_rules()
    result = fix_bytes(job, data, rules, FixOptions(unsafe, experiment_tracker, target))
    if write and result.changed:
        write_fixes([result], real_roots([path]))
    return result


# ------------------------------------------------------------------ many files
# an item: (job, the file's bytes, the codes per-file-ignores switch off there, the scan's findings)
Item = Tuple[FileJob, bytes, Tuple[str, ...], Optional[List[Finding]]]


def _fix_chunk(items: List[Item]) -> List[FileFix]:
    state = worker()
    guard = rewriter_guard()
    out = []
    for item in items:
        try:
            with item_deadline(guard.seconds):
                out.append(_fix_one(item, state.rules, state.extra, state.ctx))
        except TookTooLong:
            out.append(guard.on_timeout(item))
    return out


def _fix_one(item: Item, rules, options, ctx) -> FileFix:
    job, data, ignored, findings = item
    if ignored:
        rules = [r for r in rules if r.code not in ignored]
        ctx = replace(ctx, index=rule_index(rules))
    return fix_bytes(job, data, rules, options, ctx, findings)


def fix_many(
    items: List[Item], rules: Sequence[Rule], options: FixOptions, project: Dict[str, str], modules: Set[str], workers: int,
    on_done: Optional[Callable[[int], None]] = None,
) -> List[FileFix]:
    """Fix every item; results in the order of ``items``. ``on_done(n)``: n more files done
    (the progress display). The rewriter always runs in worker processes, also for one file
    (``rewriter_guard``): a native crash, a file that takes too long or too much memory costs
    that file, never the run."""
    from zenml_migrate.scan.pool import run_chunks

    if not items:
        return []
    if min(max(1, workers), -(-len(items) // CHUNK)) > 1 and _forked():
        load_rewriter(items, options)
    init = (Selection(tuple(r.code for r in rules)), project, modules, options)  # the target: ``options``
    return run_chunks(
        items,
        _fix_chunk,
        init_worker,
        init,
        max(1, workers),
        CHUNK,
        lambda item: _left(item, "the rewriter crashed on this file"),
        on_done,
        guard=rewriter_guard(),
    )


def load_rewriter(items: List[Item], options: FixOptions) -> None:
    """Import the rewriter here, before the pool forks its workers (``_forked``): each would import it
    on its first file otherwise (LibCST, the codemods: about 0.1 CPU-s per worker, paid once
    here instead, the forked workers share the modules). Only when a Python module or notebook
    has a finding this run rewrites: LibCST is imported only when a file needs rewriting. Nothing
    is parsed here (a native crash in the rewriter must cost a worker, never the run)."""
    from zenml_migrate.fix.result import will_fix

    catalog = {r.code: r for r in all_rules()}
    kinds, codemods = set(), set()
    for job, _, _, findings in items:
        if job.kind not in ("py", "ipynb"):
            continue
        for f in findings or ():
            if will_fix(f, options):
                kinds.add(job.kind)
                rule = catalog.get(f.code)
                if rule is not None and rule.codemod:
                    codemods.add(rule.codemod)
    if not kinds:
        return
    try:
        from zenml_migrate.fix import dangling, rewrite  # noqa: F401 (imported for the workers)
        from zenml_migrate.fix.codemod import load_codemod

        for kind in kinds:
            fixer(kind)  # the fix function's module
        for spec in sorted(codemods):
            load_codemod(spec)
    except Exception:  # noqa: BLE001 - each worker meets the same error on its first file and reports it there
        return


def _forked() -> bool:
    """Do the pool's workers start as forks of this process (Linux up to Python 3.13), sharing what
    it imported? A spawned or forkserver worker imports everything again itself."""
    import multiprocessing

    return multiprocessing.get_start_method() == "fork"


def _left(item, why: str) -> FileFix:
    return FileFix(item[0].path, item[0].kind, item[1], error=f"{why}; file left unchanged")


def rewriter_guard():
    """Time and memory of the rewriter per file (``ZENML_MIGRATE_FIX_TIMEOUT`` seconds, default
    120; ``ZENML_MIGRATE_FIX_MEMORY_MB``, default 3072, of address space per worker)."""
    from zenml_migrate.scan.pool import Guard

    seconds = _env_number("ZENML_MIGRATE_FIX_TIMEOUT", 120.0)
    memory = int(_env_number("ZENML_MIGRATE_FIX_MEMORY_MB", 3072.0)) << 20
    return Guard(seconds, lambda item: _left(item, f"the rewriter took longer than {seconds:g} s on this file "
                                                   "(ZENML_MIGRATE_FIX_TIMEOUT=SECONDS allows more)"), memory)


def _env_number(name: str, default: float) -> float:
    import os

    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default
