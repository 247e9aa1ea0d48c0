"""Scan one file (bytes in, FileResult out). Runs in worker processes; never raises for
bad input: every problem becomes a diagnostic for that file."""

import ast
import builtins
import os
import re
from dataclasses import dataclass, field, replace
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from zenml_migrate.findings import Diagnostic, FileResult, Finding, Span
from zenml_migrate.scan import ipython_startup, marimo_app, notebook_root, python_commands, run_targets
from zenml_migrate.rules.base import notebook_checks
from zenml_migrate.scan.detect import Detector, RuleIndex, mixin_facts_of
from zenml_migrate.scan.facts import ASKED_MARK, USED_MARK
from zenml_migrate.scan.read import MAX_REWRITE_BYTES, not_rewritten
from zenml_migrate.scan.sources import SourceError, decode_python
from zenml_migrate.scan.suppress import Suppressions
from zenml_migrate.scan.zenml_index import in_zenml
from zenml_migrate.scan.jobs import FileJob

_LINES = re.compile(r"\r\n|\r|\n")


@dataclass
class ScanContext:
    """What every worker needs: the selected rules and the cross-file facts."""

    index: RuleIndex
    project: Dict[str, str] = field(default_factory=dict)
    project_modules: Set[str] = field(default_factory=set)
    target: Optional[str] = None  # the release a fix writes for (``FixOptions.target``; None: a scan, the default)


class _ModuleSet:
    """The project's module names plus what one file adds (its relative imports), without
    copying the (large) project set for every file."""

    __slots__ = ("base", "extra")

    def __init__(self, base: Set[str]):
        self.base, self.extra = base, set()

    def __contains__(self, module: str) -> bool:
        return module in self.extra or module in self.base

    def add(self, module: str) -> None:
        self.extra.add(module)


def split_lines(text: str) -> List[str]:
    """Lines as Python counts them (\\n, \\r\\n, \\r; not str.splitlines' form feeds etc.)."""
    if "\r" not in text:
        return text.split("\n")  # the common case, several times faster than the regex
    return _LINES.split(text)


def scan_bytes(job: FileJob, data: bytes, ctx: ScanContext) -> FileResult:
    """Scan one file of any kind (``file_kinds.py`` says which function), with the run configs
    it names (``FileResult.config_refs``; a notebook's from the notebook ``scan_notebook`` read, a
    Python module's from the statements ``scan_python`` parsed; read here when its scan failed)."""
    from zenml_migrate.scan.run_config_refs import config_refs

    result = _scan_kind(job, data, ctx)
    if job.kind != "ipynb" and len(data) > MAX_REWRITE_BYTES:  # what ``migrate code --fix`` does not rewrite
        result.findings = not_rewritten(result.findings, len(data))
    if job.kind != "ipynb" and (job.kind != "py" or result.diagnostics):
        result.config_refs = config_refs(job.kind, data)
    return result


def _scan_kind(job: FileJob, data: bytes, ctx: ScanContext) -> FileResult:
    from zenml_migrate.scan.file_kinds import holds, scanner

    scan = scanner(job.kind)
    if scan is None or not holds(job.kind, job.path, data):
        return FileResult(job.path)
    try:
        return scan(job, data, ctx)
    except SourceError as exc:
        return FileResult(job.path, diagnostics=[Diagnostic(job.path, exc.message, exc.line, exc.column)])
    except RecursionError:
        return FileResult(job.path, diagnostics=[Diagnostic(job.path, "too deeply nested to analyse; file skipped")])


def detect(
    job: FileJob,
    text: str,
    ctx: ScanContext,
    path: Optional[str] = None,
    prune: bool = False,
    tree: Optional[ast.Module] = None,
    walk: bool = True,
) -> Detector:
    """Parse ``text`` (unless its ``tree`` is given) and run every rule on it; raises
    SourceError on a syntax error. ``prune``: walk only the module-level statements that can
    matter (see prune_module). ``walk=False``: only the import/alias table is built (the fixer
    needs the names, not the findings: those come from the scan). ``detector.tree`` is the
    whole module (the fixer's TODO placement and import bookkeeping)."""
    app = marimo_app.view(text) if tree is None and job.kind == "py" and marimo_app.wanted(text) else None
    if app is not None:  # a marimo app: its cells' bodies read as one module, as marimo runs them
        text = app.text
    lines = split_lines(text)
    commands = walk and python_commands.wanted(text)  # ``os.system("zenml ...")``, ``subprocess.run(["zenml", ...])``
    modules = python_commands.only_modules(text) if commands else ()  # ``docker`` alone: searched where imported
    startup = walk and job.kind in ("py", "ipynb") and ipython_startup.wanted(text)  # ``exec_lines``, ``run_line_magic("time", ...)``
    piecemeal = None
    if tree is None and prune and walk and (not commands or modules) and not startup and job.kind == "py":
        piecemeal = parse_pruned(job, text, lines, ctx)  # the command search walks the whole tree
    if piecemeal is None:
        if tree is None:
            tree = parse_python(job, text)
        walked = prune_module(tree, lines, ctx, job) if prune else tree
    detector = Detector(
        ctx.index,
        path or job.path,
        lines,
        project=ctx.project,
        project_modules=_ModuleSet(ctx.project_modules),
        module_name=job.module_name,
        is_package=job.is_package,
        target=ctx.target,
    )
    detector.walrus = ":=" in text  # the tree is parsed from ``text`` (also a notebook's, ``scan_notebook``)
    detector.text = text  # ``lines`` come from it
    if piecemeal is None:
        detector.tree = tree
    else:
        walked, parsed = piecemeal
        detector.parse_rest_later(walked, parsed.whole)
        detector.parsed = parsed
    if modules:  # (a piecemeal parse parses every statement that spells ``import``)
        commands = python_commands.imports_one(detector.parsed.statements.values() if piecemeal else tree.body, modules)
    if walk:
        detector.run(walked)
        for rule, check in ctx.index.module_checks:  # rules/base.py ModuleCheck
            detector.findings += check.find(detector, rule)
        if commands:
            found, waits = python_commands.findings(detector.tree, text, path or job.path, ctx.index.rules, ctx.project, ctx.target)
            detector.findings += found
            detector.pending = detector.pending or waits
        if startup:
            detector.findings += ipython_startup.findings(tree, text, path or job.path, ctx.index.rules)
        if job.kind == "ipynb":  # (the notebook module is imported by notebooks only: a scan of .py files never needs it)
            from zenml_migrate.scan.notebook import HELP_MARK, on_help_lines

            if HELP_MARK in text:  # ``obj?`` lines: only a fix writing a name there
                detector.findings = on_help_lines(detector.findings, lines, {r.code: r for r in ctx.index.rules})
        from zenml_migrate.scan.resolved_with import resolve

        from zenml_migrate.scan.no_successor import mark

        from zenml_migrate.scan import import_time

        detector.findings = mark(detector, resolve(detector, detector.findings))
        if app is None:
            detector.findings = import_time.mark(detector, detector.findings)
        else:  # (a marimo app's cells run when the app runs, not when the module is imported)
            detector.findings = marimo_app.findings(detector.findings, app)
    else:
        detector.bind(walked)
    return detector


def parse_python(job: FileJob, text: str) -> ast.Module:
    """``ast.parse`` with every failure as a SourceError that says what to do. Notebook cells
    may ``await`` at the top level (IPython's autoawait)."""
    try:
        if job.kind == "ipynb":
            return parse_cells(text, job.path)
        return ast.parse(text, filename=job.path)
    except SyntaxError as exc:
        if "\0" in text:  # Python >= 3.12 (and 3.11.4+) say so with a SyntaxError
            raise SourceError(f"cannot parse: {_parse_problem(exc, text)}; file skipped", *nul_place(text)) from None
        hint = " (Python 2 code?)" if _looks_like_python2(exc) else ""
        todo = "port it to Python 3" if hint else "fix the syntax error"
        raise SourceError(
            f"cannot parse: {exc.msg}{hint}; {todo} (or exclude the file); file skipped", exc.lineno or 1, exc.offset or 1
        ) from None
    except (ValueError, MemoryError) as exc:
        raise SourceError(f"cannot parse: {_parse_problem(exc, text)}; file skipped", *nul_place(text)) from None


def parse_cells(text: str, filename: str = "<notebook>") -> ast.Module:
    """``ast.parse`` as a notebook cell is compiled: top-level ``await`` allowed."""
    return compile(text, filename, "exec", ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)


def _parse_problem(exc: Exception, text: str) -> str:
    if "\0" in text:
        return "the file contains a NUL byte (binary data?); remove it or exclude the file"
    return f"{exc}; exclude the file"


def nul_place(text: str) -> Tuple[int, int]:
    """(line, column) of the first NUL byte of ``text`` ((1, 1) when there is none)."""
    i = text.find("\0")
    return (text.count("\n", 0, i) + 1, i - text.rfind("\n", 0, i)) if i >= 0 else (1, 1)


def _looks_like_python2(exc: SyntaxError) -> bool:
    text = (exc.text or "").strip()
    return "print " in text or text.startswith("exec ") or "Missing parentheses" in (exc.msg or "")


def _finish(path: str, text: str, findings: List[Finding]) -> Tuple[List[Finding], int]:
    """The file's findings (``dedupe``) but those a ``# migrate: ignore`` mark hides, and how many it hid."""
    kept = dedupe(Suppressions(text).filter(findings))
    return kept, hidden_count(findings, kept)


def hidden_count(found: List[Finding], kept: List[Finding]) -> int:
    """How many of the ``found`` findings (before ``dedupe``) a suppression left out of ``kept``."""
    return len(dedupe(found)) - len(kept) if len(found) != len(kept) else 0


def dedupe(findings: List[Finding]) -> List[Finding]:
    """One finding per rule and start position: the widest span wins (``a.b.c`` over ``a``)."""
    best: Dict[tuple, Finding] = {}
    for f in findings:
        key = (f.code, f.cell, f.span.line, f.span.column)
        old = best.get(key)
        if old is None or (f.span.end_line, f.span.end_column) > (old.span.end_line, old.span.end_column):
            best[key] = f
    # drop a finding nested inside a wider one of the same rule: in start order, every finding kept
    # before starts at or before this one, so one covers it when the furthest end kept reaches its end
    # (``Span.inside``; linear: it compared with every finding kept, 16M times on 16,000 findings)
    out = []
    furthest: Dict[tuple, Tuple[int, int]] = {}
    for f in sorted(best.values(), key=lambda f: (f.span.line, f.span.column, -f.span.end_line, -f.span.end_column)):
        end, key = (f.span.end_line, f.span.end_column), (f.code, f.cell)
        reach = furthest.get(key)
        if reach is not None and end <= reach:
            continue
        furthest[key] = end
        out.append(f)
    return sorted(out, key=Finding.sort_key)


def scan_python(job: FileJob, data: bytes, ctx: ScanContext) -> FileResult:
    from zenml_migrate.scan.run_config_refs import config_refs

    source = decode_python(data)
    try:
        text, runs = run_targets.databricks_runs(job.path, source.text, ctx.project_modules)
        detector = detect(job, text, _with_runs(job, runs, ctx), prune=True)
    except SourceError:
        from zenml_migrate.scan.text_notebook import cells_job, scan_text_notebook

        cells = cells_job(job, source.text)  # a script of IPython cells (``# %%``, ``!cmd``)
        if cells is None:
            raise
        result = scan_text_notebook(cells, data, ctx)
        result.read_as = cells.kind  # the fixer rewrites it as the scan read it
        result.config_refs = config_refs(job.kind, data)
        return result
    findings, hidden = _finish(job.path, source.text, detector.findings)
    from zenml_migrate.scan.import_time import fails_exports, stub_exports  # ZM461's cross-file facts

    from zenml_migrate.scan.star_all import listed_exports, table_exports  # names a facade will not give on 0.20

    from zenml_migrate.scan.resolved_with import unused_exports  # names kept only for other modules

    exports = {
        **table_exports(detector, findings),  # first: a name the module binds itself is what it says
        **detector.exports(), **stub_exports(detector, findings, source.text), **fails_exports(detector, findings),
        **listed_exports(detector, findings),
        **unused_exports(detector, findings),
    }
    exports.update((f"{name}.{ASKED_MARK}", ASKED_MARK) for name in detector.asked_used)  # engine.revisits
    if runs:  # (a Databricks notebook's ``# MAGIC %run``: what it uses of the file it runs)
        exports.update(run_targets.used_facts(runs, {k: v for k, v in exports.items() if k.endswith(USED_MARK)}))
    return FileResult(job.path, findings=findings, exports=exports, pending=detector.pending, hidden=hidden,
                      config_refs=python_config_refs(detector, data))


def python_config_refs(detector: Detector, data: bytes) -> tuple:
    """``run_config_refs.config_refs`` of the Python module ``detector`` scanned: its ``with_config``
    and ``run(config_path=)`` calls, found in the statements the scan parsed (a piecemeal parse
    parses only the other statements that spell them), unless the scan read another text (a
    marimo app's cells, a file with a BOM or a coding cookie): then the bytes are parsed as
    ``config_refs`` reads them."""
    from zenml_migrate.scan.run_config_refs import PYTHON_WORDS, as_text, config_refs, python_refs

    words = [w for w in PYTHON_WORDS if w.encode() in data]
    if not words:
        return ()
    text = as_text(data)
    bodies = [detector.statements_holding(w) for w in words] if text == detector.text else [None]
    if any(body is None for body in bodies):
        return config_refs("py", data)
    body = list({id(s): s for b in bodies for s in b}.values())  # one walk of a statement that spells both
    return tuple(python_refs(text, ast.Module(body=body, type_ignores=[])))


def scan_notebook(job: FileJob, data: bytes, ctx: ScanContext) -> FileResult:
    from zenml_migrate.scan.notebook import read_notebook

    nb = read_notebook(data)
    findings, diagnostics, pending, used = [], [], False, {}
    runs = run_files(job, nb, ctx)
    for part in nb.namespaces():  # a Zeppelin note's interpreter groups are modules of their own
        found, problems, waits, uses = notebook_python(job, part, ctx, runs)
        used.update(uses)
        findings += found
        diagnostics += problems
        pending = pending or waits
    commands_pending = False
    if nb.markdown or any(c.shell for c in nb.cells):
        from zenml_migrate.scan.command_scan import notebook_commands

        found, commands_pending = notebook_commands(job.path, nb, ctx.index.rules, commands_context(job, nb, ctx))
        findings.extend(found)
    findings += written_documents(job.path, nb, ctx)
    kept = dedupe(notebook_suppressions(nb, findings))
    hidden, findings = hidden_count(findings, kept), kept
    if len(data) > MAX_REWRITE_BYTES:  # its JSON is mostly outputs: the code cells decide
        findings = not_rewritten(findings, nb.code_size(), " of code")
    from zenml_migrate.scan.run_config_refs import config_refs

    # its exports: only the project names it imports (``%run helpers.py``), a notebook being no one's module
    used = run_targets.used_facts(runs, used) if runs else used
    return FileResult(job.path, findings=findings, diagnostics=diagnostics, exports=used, pending=pending or commands_pending,
                      config_refs=config_refs(job.kind, data, nb), hidden=hidden)


def run_files(job: FileJob, nb, ctx: ScanContext) -> list:
    """The files the notebook's ``%run`` lines run, each line read as an import of its file
    (``run_targets.resolve``)."""
    if any(cell.runs for cell in nb.cells):
        nb.runs = run_targets.resolve(nb, job.path, ctx.project_modules)
    return nb.runs


def _with_runs(job: FileJob, runs: list, ctx: ScanContext, seen: frozenset = frozenset()) -> ScanContext:
    """The context of a notebook whose ``%run`` lines run files read as ``migrate_run_file_N``
    (a file name that is no module name, a notebook): their facts are project facts of it.
    ``seen``: the notebooks up the ``%run`` chain (a cycle reads nothing more)."""
    if not any(t.module.startswith(run_targets.RUN_MODULE) for t in runs):
        return ctx
    seen = seen | {os.path.realpath(job.path)}
    facts, modules = run_targets.facts(runs, ctx.project, lambda path: _notebook_facts(path, ctx, seen))
    return replace(ctx, project={**ctx.project, **facts}, project_modules=set(ctx.project_modules) | modules)


def _notebook_facts(path: str, ctx: ScanContext, seen: frozenset = frozenset()) -> Optional[Dict[str, str]]:
    """What the module-level names of the notebook at ``path`` are, its cells run in the
    caller's namespace, its own ``%run`` lines too (``02`` runs ``01``, which runs ``00``: the
    names of all three; a notebook already up the chain in ``seen`` gives nothing)."""
    from zenml_migrate.safe_read import read_regular
    from zenml_migrate.scan.notebook import read_notebook

    if os.path.realpath(path) in seen:
        return None
    try:
        nb = read_notebook(read_regular(path))
        job = FileJob(path, "ipynb")
        inner = _with_runs(job, run_files(job, nb, ctx), ctx, seen)
        tree, text, _ = nb.parse(path)
        return detect(job, text, inner, tree=tree, walk=False).exports()
    except (OSError, SourceError, SyntaxError, ValueError, RecursionError):
        return None


def notebook_python(job: FileJob, nb, ctx: ScanContext, runs: Optional[list] = None) -> Tuple[List[Finding], List[Diagnostic], bool, Dict[str, str]]:
    """The Python rules on a notebook's code cells (``%%writefile x.py`` bodies as modules of
    their own): findings and diagnostics at (cell, line in the cell), whether the notebook
    is judged again with the project's cross-file facts, and the ``USED_MARK`` facts of the
    project names it imports (``Detector.used_facts``). Shell text and markdown cells are
    the command rules' (``notebook_commands``)."""
    tree, text, where = nb.parse(job.path)
    scripts = _scripts(job, nb, ctx)
    detector = detect(job, text, _with_scripts(nb, scripts, _with_runs(job, runs or [], ctx)), prune=True, tree=tree)
    extra = [f for rule, check in notebook_checks(ctx.index.rules) for f in check.find(job.path, nb, detector, rule)]
    findings = []
    cells = {c.number: c for c in nb.cells}
    for f in detector.findings + extra:
        start = where[f.span.line - 1] if 0 < f.span.line <= len(where) else None
        if start is None:
            continue
        end = where[f.span.end_line - 1] if 0 < f.span.end_line <= len(where) else None
        end_line = end[1] if end and end[0] == start[0] else start[1]
        cell = cells[start[0]]
        span = Span(start[1], f.span.column + cell.column_shift(start[1]), end_line, f.span.end_column + cell.column_shift(end_line))
        findings.append(replace(f, span=span, cell=start[0]))  # every field kept (``needs``, ``resolved_by``)
    diagnostics = [Diagnostic(job.path, c.error.message, c.error.line, c.error.column, cell=c.number) for c in nb.errors()]
    for cell in nb.cells:
        if cell.script is not None:
            script = scripts[cell.number]
            if isinstance(script, SourceError):
                diagnostics.append(Diagnostic(job.path, script_error(cell, script), script.line + cell.script, script.column, cell=cell.number))
            else:
                findings.extend(_script_cell_findings(job, cell, script))
    return findings, diagnostics, detector.pending, detector.used_facts()


# what a finding in the part a ``%%writefile -a`` cell appends says instead of a fix
APPENDED_NO_FIX = "several `%%writefile` cells write this file, the later ones appending: fix the parts together"


def _scripts(job: FileJob, nb, ctx: ScanContext) -> Dict[int, object]:
    """The detector of each ``%%writefile x.py`` (or ``%%python``) cell's body, by cell number. A
    ``%%writefile -a x.py`` cell appends to the file earlier cells wrote: its body is detected
    after theirs (the names they import are its names too); when that finds more, no part of
    the file gets a fix (each gets its TODO lines: the parts are fixed together, by hand)."""
    from zenml_migrate.scan.read import without_fix

    out: Dict[int, object] = {}
    written: Dict[str, List[int]] = {}  # target -> the cells that wrote it so far
    for cell in nb.cells:
        if cell.script is None:
            continue
        words = cell.lines[cell.script - 1].split()
        target = words[-1].strip("'\"") if cell.magic in ("writefile", "file") else None
        appends = target and ("-a" in words[1:-1] or "--append" in words[1:-1])
        before = [nb_cell.script_text() for nb_cell in nb.cells if nb_cell.number in written.get(target, [])] if appends else []
        out[cell.number] = detector = _script_detector(job, cell, ctx, before)
        if target:
            parts = written.get(target, []) if before else []
            if before and not isinstance(detector, SourceError) and any(APPENDED_NO_FIX in f.message for f in detector.findings):
                for number in parts:  # a rename there alone would leave this part failing: no fix in any part
                    if not isinstance(out[number], SourceError):
                        out[number].findings = without_fix(out[number].findings, APPENDED_NO_FIX)
            written[target] = parts + [cell.number]
    return out


def script_findings(job: FileJob, nb, ctx: ScanContext) -> Dict[int, Optional[List[Finding]]]:
    """The scan's findings of each ``%%writefile x.py`` (or ``%%python``) cell's body, on the
    body's lines, by cell number (None: the body does not parse); for the fixer when no scan
    gave them (the library API)."""
    return {number: None if isinstance(d, SourceError) else d.findings for number, d in _scripts(job, nb, ctx).items()}


def _script_detector(job: FileJob, cell, ctx: ScanContext, before: Sequence[str] = ()):
    """A ``%%writefile x.py`` cell: its body is a Python module of its own, detected apart (a
    SourceError, returned, when it does not parse: the file the notebook writes cannot be
    imported or run either). ``before``: what earlier cells wrote to the file this one appends
    to: the body is also read after it, and what only that reading finds (a name imported
    there, used here) is added without a fix (a rename in the earlier part alone would leave
    this part failing)."""
    try:
        detector = detect(FileJob(job.path, "py"), cell.script_text(), ctx, prune=True)
    except SourceError as exc:
        return exc
    prefix = "".join(part if part.endswith("\n") else part + "\n" for part in before)
    if not prefix:
        return detector
    try:
        combined = detect(FileJob(job.path, "py"), prefix + cell.script_text(), ctx, prune=True)
    except SourceError:  # an earlier part does not parse (its own ZM001)
        return detector
    from zenml_migrate.scan.read import without_fix

    shift = prefix.count("\n")
    seen = {(f.code, f.span) for f in detector.findings}
    more = [
        replace(f, span=Span(f.span.line - shift, f.span.column, f.span.end_line - shift, f.span.end_column))
        for f in combined.findings if f.span.line > shift
    ]
    detector.findings = detector.findings + without_fix([f for f in more if (f.code, f.span) not in seen], APPENDED_NO_FIX)
    return detector


def notebook_context(job: FileJob, nb, ctx: ScanContext) -> ScanContext:
    """The context the notebook's module is detected in (see ``_with_scripts``)."""
    return _with_scripts(nb, _scripts(job, nb, ctx), ctx)


def commands_context(job: FileJob, nb, ctx: ScanContext) -> ScanContext:
    """The context the notebook's command lines are judged in: the classes of the modules its
    ``%%writefile x.py`` cells write are the project's (``flavor register my_store.X``)."""
    return notebook_context(job, nb, ctx) if any(cell.script is not None for cell in nb.cells) else ctx


def _with_scripts(nb, scripts: Dict[int, object], ctx: ScanContext) -> ScanContext:
    """The context of the notebook's own module: the modules its ``%%writefile x.py`` cells
    write are project modules of it (the kernel imports them from its working directory)."""
    if not scripts:
        return ctx
    facts, modules = notebook_root.writefile_facts(nb, lambda cell: _exports(scripts[cell.number]))
    if not modules:
        return ctx
    return replace(ctx, project={**ctx.project, **facts}, project_modules=set(ctx.project_modules) | modules)


def _exports(script) -> Optional[Dict[str, str]]:
    return None if isinstance(script, SourceError) else script.exports()


def _script_cell_findings(job: FileJob, cell, detector: Detector) -> List[Finding]:
    return [
        replace(f, span=Span(f.span.line + cell.script, f.span.column, f.span.end_line + cell.script, f.span.end_column), cell=cell.number)
        for f in detector.findings
    ]


# what a finding in the YAML a ``%%writefile`` cell writes says instead of a fix: the cell is the
# file's source, and the notebook (``zenml pipeline run -c``, ``with_config``) may read the file
# with the 0.13.2 keys
WRITTEN_DOCUMENT_NO_FIX = "a `%%writefile` cell writes this YAML file: edit it in the cell, together with the code that reads it"


def written_documents(path: str, nb, ctx: ScanContext) -> List[Finding]:
    """The YAML rules' findings in the files the notebook's ``%%writefile x.yaml`` cells write
    (``CodeCell.document``: a 0.13.2 run config, a manifest's zenml commands), at the cell's
    lines; none has a fix (``WRITTEN_DOCUMENT_NO_FIX``: ``migrate code --fix`` marks them with
    TODO lines in the cell). A body that is no YAML is the notebook's business, not a finding."""
    from zenml_migrate.scan.read import without_fix
    from zenml_migrate.scan.yaml_scan import scan_yaml

    out: List[Finding] = []
    for cell in nb.cells:
        if cell.document is None:
            continue
        result = scan_yaml(FileJob(path, "yaml"), cell.document_text().encode("utf-8", "surrogatepass"), ctx)
        for f in without_fix(result.findings, WRITTEN_DOCUMENT_NO_FIX):
            span = Span(f.span.line + cell.document, f.span.column, f.span.end_line + cell.document, f.span.end_column)
            todo = None if f.todo_line is None else f.todo_line + cell.document
            out.append(replace(f, span=span, cell=cell.number, todo_line=todo))
    return out


def script_error(cell, exc: SourceError) -> str:
    """ZM001 text for a ``%%writefile x.py`` (or ``%%python``) cell whose body does not parse."""
    from zenml_migrate.scan.notebook import WRITEFILE_MAGICS

    target = cell.lines[cell.script - 1].split()[-1]
    problem = exc.message.split("; ")[0]
    what = f"the file `{target}` it writes" if cell.magic in WRITEFILE_MAGICS else f"the Python program `%%{cell.magic}` runs"
    return f"{what}: {problem}; fix the syntax error (the other cells are read)"


def notebook_suppressions(nb, findings: List[Finding]) -> List[Finding]:
    """``# migrate: ignore[...]`` on a cell line holds for that line; ``ignore-file`` in any
    cell holds for the whole notebook."""
    by_cell = nb.suppressions()
    whole = nb.ignored_codes()
    out = []
    for f in findings:
        sup = by_cell.get(f.cell)
        if sup is not None and (sup.hides(f.code, f.span.line, f.span.end_line) or file_wide(whole, f.code)):
            continue
        out.append(f)
    return out


def file_wide(codes, code: str) -> bool:
    from zenml_migrate.scan.suppress import ALL

    return any(c == ALL or code.startswith(c) for c in codes)


# ------------------------------------------------------------------ pruning
# A module-level statement can only produce a finding when its text mentions a name that
# (transitively) reaches ZenML or the project's own modules, or a string a rule looks for.
# Everything else is dropped before the walk: the parse still sees the whole file (syntax
# errors are reported exactly), the detector walks only what can matter. Names are tracked to
# a fixpoint, so ``repo = Repository()`` makes every later statement mentioning ``repo`` count.
_PRUNE_MIN_STATEMENTS = 12
_COMPOUND = (ast.If, ast.Try, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith)


def prune_module(tree: ast.Module, lines: List[str], ctx: ScanContext, job: FileJob) -> ast.Module:
    body = tree.body
    if len(body) < _PRUNE_MIN_STATEMENTS:
        return tree
    segments = [_segment(lines, stmt) for stmt in body]
    kept = _prune(len(body), body.__getitem__, segments.__getitem__, ctx, job)
    if kept is None or len(kept) == len(body):
        return tree
    return ast.Module(body=[body[i] for i in kept], type_ignores=tree.type_ignores)


def _segment(lines: List[str], stmt: ast.stmt) -> str:
    """The lines of a module-level statement (its decorators included)."""
    start = stmt.lineno
    for dec in getattr(stmt, "decorator_list", ()):
        start = min(start, dec.lineno)
    return "\n".join(lines[start - 1 : stmt.end_lineno])


def _prune(
    count: int,
    statement: Callable[[int], ast.stmt],
    segment: Callable[[int], str],
    ctx: ScanContext,
    job: FileJob,
    may_hold: Optional[Callable[[Sequence[str]], List[int]]] = None,
    parse: Optional[Callable[[List[int]], bool]] = None,
) -> Optional[List[int]]:
    """The indices of the module-level statements to walk (None: all of them). ``statement(i)``
    and ``segment(i)`` are the i-th statement and its lines; with a file parsed piecemeal
    (``partial_parse``), ``may_hold(words)`` gives the statements whose text may hold one of
    ``words`` (the others cannot) and ``parse(indices)`` parses them first (False: give up)."""
    strings = tuple(ctx.index.strings)
    everything = list(range(count))
    maybe = may_hold(("import",) + strings) if may_hold else everything
    if parse is not None and not parse(maybe):
        return None
    interesting: Set[str] = {"zenml"}
    if ctx.project:  # the conftest fixtures pytest may pass a test of this file (``pytest_fixtures``)
        from zenml_migrate.scan.pytest_fixtures import fixture_names

        interesting.update(fixture_names(ctx.project, job.path))
        # a class another module mixes into a zenml class: its port facts (what it reads of ``self``) are exported
        interesting.update(name for name, _, _ in mixin_facts_of(ctx.project, job.module_name or ""))
    selected: Set[int] = set()
    for i in maybe:
        stmt, text = statement(i), segment(i)
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            selected.add(i)
            names = _reaching_import_names(stmt, ctx, job)
            if "*" in names:
                return None  # a star import binds names we cannot list here: walk everything
            interesting.update(names)
        elif "import" in text:
            names = [n for node in _nested_imports(stmt) for n in _reaching_import_names(node, ctx, job)]
            if "*" in names:
                return None
            if names:
                selected.add(i)
                interesting.update(names)
                interesting.update(stmt_bound_names(stmt))
        if strings and i not in selected and any(s in text for s in strings):
            selected.add(i)
            interesting.update(stmt_bound_names(stmt))
    # substring tests over-approximate word tests (``step`` is in ``steps``): never drops too much
    new = set(interesting)
    while new:
        names = tuple(new)
        new = set()
        maybe = [i for i in (may_hold(names) if may_hold else everything) if i not in selected]
        if parse is not None and not parse(maybe):
            return None
        for i in maybe:
            if not any(n in segment(i) for n in names):
                continue
            selected.add(i)
            # and the functions it calls by name: ``SUMMARY = summary(STACK)`` may type ``summary``'s
            # parameter (detect._call_site_arg), whose body then has to be walked
            new.update((stmt_bound_names(statement(i)) | _called_names(statement(i))) - interesting)
        interesting.update(new)
    return sorted(selected)


_BUILTINS = frozenset(dir(builtins))


def _called_names(stmt: ast.stmt) -> Set[str]:
    """The names a module-level statement calls (not builtins), in a definition's body too (a call
    in a function or method types the parameter of what it calls: detect._call_site_arg), but not
    the names a definition binds itself (its own name, parameters, locals: ``def train(a): a()``)."""
    own: Set[str] = set()
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        own = {stmt.name} | {n.arg for n in ast.walk(stmt) if isinstance(n, ast.arg)}
        own |= {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    return {n.func.id for n in ast.walk(stmt) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)} - _BUILTINS - own


def parse_pruned(job: FileJob, text: str, lines: List[str], ctx: ScanContext):
    """``(walked module, the piecemeal parse: ``Parsed.whole`` gives every statement)`` when the
    file can be parsed piecemeal (``partial_parse``: only the statements ``prune_module`` keeps,
    the rest syntax-checked), else None (then parse the whole file)."""
    from zenml_migrate.scan import partial_parse

    def decide(parsed: "partial_parse.Parsed", chunks) -> Optional[List[int]]:
        if len(chunks) < _PRUNE_MIN_STATEMENTS:
            return None
        texts: Dict[int, str] = {}

        def may_hold(words: Sequence[str]) -> List[int]:
            out = []
            for i in range(len(chunks)):
                if i not in parsed.statements:
                    text = texts.get(i)
                    if text is None:
                        text = texts[i] = parsed.chunk_text(i)
                    if not any(w in text for w in words):
                        continue
                out.append(i)
            return out

        def parse(indices: List[int]) -> bool:
            todo = [i for i in indices if i not in parsed.statements]
            return not todo or parsed.parse(todo)

        return _prune(len(chunks), parsed.statements.__getitem__, parsed.segment, ctx, job, may_hold, parse)

    found = partial_parse.parse_pruned(text, lines, job.path, decide)
    if found is None:
        return None
    parsed, kept = found
    return ast.Module(body=[parsed.statements[i] for i in kept], type_ignores=[]), parsed


def _reaching_import_names(node: ast.stmt, ctx: ScanContext, job: FileJob) -> List[str]:
    """Local names an import binds to ZenML or to the project's own modules."""
    if isinstance(node, ast.Import):
        out = []
        for alias in node.names:
            if _reaches(alias.name, ctx):
                out.append(alias.asname or alias.name.split(".")[0])
        return out
    module = node.module or ""
    if node.level or _reaches(module, ctx):
        return [alias.asname or alias.name for alias in node.names]
    return []


def _reaches(module: str, ctx: ScanContext) -> bool:
    return in_zenml(module) or module in ctx.project_modules


def _nested_imports(stmt: ast.stmt) -> Iterable[ast.stmt]:
    for node in ast.walk(stmt):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node


def stmt_bound_names(stmt: ast.stmt) -> Set[str]:
    """Module-level names a statement binds (over-approximated for compound statements)."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):  # and what its functions declare ``global``
        return {stmt.name} | {n for node in ast.walk(stmt) if isinstance(node, ast.Global) for n in node.names}
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return {a.asname or a.name.split(".")[0] for a in stmt.names}
    out: Set[str] = set()
    if isinstance(stmt, _COMPOUND) or type(stmt).__name__ == "TryStar":
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                out.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                out.add(node.name)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                out.update(a.asname or a.name.split(".")[0] for a in node.names)
        return out
    for node in ast.walk(stmt):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            out.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and isinstance(node.value, ast.Name):
            out.add(node.value.id)  # ``e.view = ...``: what ``e.view`` is (``Detector._assigned_member``)
    return out
