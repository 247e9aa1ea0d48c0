"""``migrate code``: rewrite ZenML 0.13.2 code, notebooks and run configs for ZenML 0.20.

Without ``--fix`` it prints a unified diff and exits 1 when anything would change; ``--check``
only says which files would change. ``migrate code -`` reads stdin and writes the rewritten text
to stdout (``--stdin-filename`` names it). Line numbers in what is listed for a human are those
of the file on disk (``--fix``: the file as written).
The file list and the findings come from the scan engine (discovery, prefilter, cross-file
facts), so ``scan`` and ``code`` never disagree; only files with findings are rewritten.
Exit codes: 0 nothing to do, 1 changed (``--fix``) or would change / work left for a human
(check mode), 2 usage or input error. ``--fix`` exits 0 when it only left TODOs it had already
written, so the pre-commit fix hook passes on a second run; the scan hook keeps failing on them.
"""

import difflib
import os
import re
import sys
from collections import Counter
from typing import List, Optional

from zenml_migrate.output.common import display_path
from zenml_migrate.fix.todo import MARK as TODO_MARK, TAG as TODO_TAG
from zenml_migrate.safe_read import read_regular

MAX_LISTED = 50  # findings left for a human listed in the summary
# checked on the real releases with a fresh ZENML_CONFIG_PATH (review25 R9): 0.20.5's
# ``Client().active_stack_model`` / ``pipeline.run()`` raise "No active stack is configured" until a
# ``zenml`` command ran there once; 0.20.0 (and 0.13.2) set it up themselves
FIRST_RUN_NOTE = (
    "note: before the first pipeline run on ZenML 0.20.5, run one `zenml` command (e.g. `zenml stack list`) "
    "in each new or upgraded config dir: 0.20.5 sets the active stack up only then "
    "(else 'No active stack is configured'; 0.20.0 does it itself)\n"
)

def run(
    paths: Optional[List[str]], fix: bool, diff: bool, check: bool, unsafe_fixes: bool, select: Optional[List[str]],
    ignore: Optional[List[str]], extend_select: Optional[List[str]], target: Optional[str],
    experiment_tracker: Optional[List[str]], workers: Optional[int], no_cache: bool, quiet: bool, config_file: Optional[str],
    exclude: Optional[List[str]], extend_exclude: Optional[List[str]], stdin_filename: str, color: Optional[str],
    verbose: bool = False,
) -> None:
    """``migrate code`` with the values its command line gives (``cli.code``, or ``scan_fast``
    without Typer); ends with ``SystemExit`` and the exit code, as Typer's ``Exit`` did."""
    import time

    from zenml_migrate import process
    from zenml_migrate.commands import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, fail, paths_or_fail, set_color
    from zenml_migrate.progress import for_stderr

    started = time.perf_counter()
    _MASKED_NOTE[0] = 0
    set_color(color)
    paths = paths_or_fail(paths, stdin_filename)
    if config_file == "":
        raise fail("--config '' names no file or folder")
    stdin = paths == ["-"]
    if "-" in paths and not stdin:
        raise fail("- (stdin) cannot be combined with other paths")
    chosen = [name for name, on in (("--fix", fix and not stdin), ("--diff", diff), ("--check", check)) if on]
    if len(chosen) > 1:
        raise fail(f"{' and '.join(chosen)} exclude each other (without --fix or --check a diff is printed)")
    progress = for_stderr(quiet or stdin)
    if fix and not stdin:
        process.INTERRUPT_NOTE[0] = ": no file was written"
    with progress:
        report, fixes, trackers, flavors, target = _scan_and_fix(
            paths, stdin, progress, config_file, select, ignore, extend_select, target, experiment_tracker, unsafe_fixes,
            workers, no_cache, exclude, extend_exclude, stdin_filename, write=fix,
        )
    if stdin:
        raise SystemExit(_stdin_result(report, fixes[0], diff, check, quiet, unsafe_fixes))

    out = sys.stdout
    err = sys.stderr
    paint = _diff_paint(out)
    if fix:
        from zenml_migrate.fix.write import interrupts_deferred, real_roots, write_fixes

        with interrupts_deferred() as held:  # Ctrl-C: after the last write and the list of files written
            written = write_fixes(fixes, real_roots(paths))  # refused ones get an error and count as not fixed
            for f in written:
                if not quiet:
                    shown = display_path(f.path)
                    err.write(f"fixed {shown}\n" if f.rewritten else f"marked {shown} (TODO lines only)\n" if f.todo_lines
                              else f"updated {shown} (stale TODO lines removed)\n")
            process.INTERRUPT_NOTE[0] = ""  # the lines above say what was written
            if held:
                n = len(written)
                err.write(f"Ctrl-C: stopped once the {n} file{'s' if n != 1 else ''} being written {'were' if n != 1 else 'was'} "
                          "written in full; run it again for the summary (it rewrites nothing twice)\n")
            err.flush()
    elif not quiet:
        for f in fixes:
            if not f.changed:
                continue
            if check:
                err.write(f"would rewrite {display_path(f.path)}\n")
            else:
                out.write(paint(_shown_diff(f)))
    if _MASKED_NOTE[0] and not quiet:
        err.write(_masked_note())
    summary = _summary(report, fixes, fix, unsafe_fixes, quiet)
    err.write(summary + _tracker_summary(trackers, flavors, fixes))
    if fix and not quiet and target != "0.20.0" and any(f.changed and f.rewritten and not f.error for f in fixes):
        err.write(FIRST_RUN_NOTE)  # (not for a project moved to 0.20.0, which sets the active stack up itself)
    if not fix and not quiet and any(f.changed and not f.error for f in fixes):
        err.write(f"to write {'these changes' if not check else 'them'}: migrate code --fix{' --unsafe-fixes' if unsafe_fixes else ''} "
                  "with the same paths and options\n")
    if verbose:  # the files written (--fix) or that would be, of the files scanned
        n = sum(1 for f in fixes if f.changed and not f.error)
        err.write(f"{'rewrote' if fix else 'would rewrite'} {n} of {report.files_seen} file{'s' if report.files_seen != 1 else ''} "
                  f"in {time.perf_counter() - started:.2f} s\n")
    errors = [d for d in report.diagnostics] + [f for f in fixes if f.error]
    if errors:
        raise SystemExit(EXIT_ERROR)
    left = any(f.remaining for f in fixes) and not fix and not check
    if any(f.changed for f in fixes) or left:
        raise SystemExit(EXIT_FINDINGS)
    raise SystemExit(EXIT_CLEAN)


def _scan_and_fix(paths, stdin, progress, config_file, select, ignore, extend_select, target, experiment_tracker, unsafe_fixes,
                  workers, no_cache, exclude, extend_exclude, stdin_filename, write=False):
    """The scan, then the fix of every file it flagged (in memory): (report, fixes, trackers, flavors,
    the release the fix writes for: ``--target`` or the config's, None for the default)."""
    from zenml_migrate.commands import cache_folder, fail, load_config_or_fail, read_stdin_or_fail, resolve_selection, scan_settings
    from zenml_migrate.config import ConfigError, check_target
    from zenml_migrate.fix.result import FixOptions
    from zenml_migrate.scan.engine import run_scan

    config = load_config_or_fail(paths, config_file)  # (its ``target`` is checked there)
    rules = resolve_selection(config, select, ignore, extend_select)
    try:
        target = check_target(target, "--target") or config.target
    except ConfigError as exc:
        raise fail(str(exc))
    from zenml_migrate.fix import tracker_names

    config_where = f"{config.path}: [tool.zenml-migrate] experiment-tracker" if config.path else "pyproject"
    try:  # a malformed option is a usage error before anything is scanned
        tracker_names.parse_option(experiment_tracker or [], "--experiment-tracker")
        tracker_names.from_config(config.experiment_tracker, config_where)
    except tracker_names.TrackerOptionError as exc:
        raise fail(str(exc))

    stdin_data = read_stdin_or_fail(stdin_filename) if stdin else None
    cache_dir, cache_inside = cache_folder(no_cache, None, config)
    settings = scan_settings(paths, config, rules, exclude, extend_exclude, workers, cache_dir, progress, keep_sources=True, target=target,
                             stdin_data=stdin_data, stdin_filename=stdin_filename, cache_inside=cache_inside)
    report = run_scan(paths, settings)
    flavors = _tracker_flavors(report.findings)
    registered = tracker_names.project_trackers(report.project_jobs or report.jobs) if flavors and not stdin else {}
    trackers = tracker_names.resolve(
        experiment_tracker or [], config.experiment_tracker, config_where, flavors, project_dir=paths[0] if not stdin else ".",
        registered=registered,
    )
    readers = {} if stdin else _run_config_readers(report)  # marks the findings as `migrate scan` does
    options = FixOptions(unsafe=unsafe_fixes, experiment_tracker=trackers.names, target=target, run_config_readers=readers,
                         tracker_todos=trackers.todos)
    if stdin:
        return report, [_fix_stdin(report, stdin_filename, stdin_data, rules, options)], trackers, flavors, target
    progress.phase("fixing", len({f.path for f in report.findings}))
    return report, _fix(report, rules, options, settings, workers, progress, write), trackers, flavors, target


def _fix_stdin(report, name: str, data: bytes, rules, options):
    """The rewriter runs in a worker process here too: a native crash costs the text, not the run.
    A text the scan could not read at all (its diagnostic says why) is given back unchanged: the
    rewriter would only say the same again."""
    from zenml_migrate.fix.files import FileFix, fix_many
    from zenml_migrate.scan.discovery import kind_of
    from zenml_migrate.scan.file_scan import FileJob

    job = report.as_scanned(FileJob(name, kind_of(name) or "py"))
    if any(d.path == name and not d.partial for d in report.diagnostics):
        return FileFix(job.path, job.kind, data)
    return fix_many([(job, data, (), report.findings)], rules, options, report.project, set(), 1)[0]


def _stdin_result(report, f, diff: bool, check: bool, quiet: bool, unsafe_on: bool) -> int:
    """``migrate code -``: the rewritten text (or the diff, or nothing with --check) on stdout,
    the summary on stderr; exit 1 when the text changed, 2 when it could not be read."""
    if diff:
        sys.stdout.write(_diff_paint(sys.stdout)(_shown_diff(f)) if f.changed else "")
        if _MASKED_NOTE[0] and not quiet:
            sys.stderr.write(_masked_note())
    elif not check:
        sys.stdout.buffer.write(f.new if f.changed else f.old)
        sys.stdout.flush()
    if not quiet:  # --diff/--check print no text: what they say is what the rewrite would do, at the input's lines
        sys.stderr.write(_summary(report, [f], not (diff or check), unsafe_on, quiet))
    if report.diagnostics or f.error:
        return 2
    return 1 if f.changed else 0


def _run_config_readers(report) -> dict:
    """The YAML run configs with findings that ``zenml pipeline run -c`` or ``with_config``
    reads (their 0.13.2 keys must stay), with where; searched in the files the scan discovered.
    The report's findings are marked with them, as ``migrate scan`` marks them."""
    from zenml_migrate.fix.run_config_users import mark_readers

    return mark_readers(report)


def _tracker_flavors(findings) -> dict:
    """flavor -> decorator name, for the experiment tracker decorators the scan found (from
    the rules' ``fix_args``)."""
    from zenml_migrate.fix.tracker_names import tracker_flavor
    from zenml_migrate.rules import get_rule

    out = {}
    for f in findings:
        flavor = tracker_flavor(f.code)
        if flavor:
            out[flavor] = get_rule(f.code).name.replace("-", "_")
    return out


def _tracker_summary(trackers, flavors: dict, fixes) -> str:
    from zenml_migrate.fix.tracker_names import summary_lines, tracker_flavor

    def per_flavor(codes) -> Counter:
        out: Counter = Counter()
        for code, n in codes:
            flavor = tracker_flavor(code)
            if flavor:
                out[flavor] += n
        return out

    # the names the tracker codemod wrote (a tracker finding another fix resolves, e.g. a ZM461
    # stub of the decorator's import, gives no step a name: nothing to say about it)
    used: Counter = sum((f.trackers for f in fixes if f.changed and not f.error), Counter())
    left = per_flavor((x.code, 1) for f in fixes for x in f.remaining)
    lines = summary_lines(trackers, used, left, flavors)
    return "".join(line + "\n" for line in lines)


def _ignored_codes(path: str, rules, per_file) -> tuple:
    """Codes ``per-file-ignores`` switches off for ``path`` (the scan's own matching)."""
    from zenml_migrate.scan.per_file_ignores import ignored_codes, is_ignored

    prefixes = ignored_codes(path, per_file)
    return tuple(sorted(r.code for r in rules if is_ignored(r.code, prefixes))) if prefixes else ()


def _fix(report, rules, options, settings, workers, progress, write=False):
    """Fix every file the scan found something in, from the bytes and findings the scan
    handed over (a file the scan answered from its cache is read here, once). ``write``: the
    rewrites are written (--fix); else the findings listed keep the lines on disk."""
    from zenml_migrate.fix.files import FileFix, fix_many

    items = []
    read_errors = []
    for job, data, findings in report.flagged_files():
        if data is None:
            try:
                data = read_regular(job.path)  # never a FIFO swapped in since the scan
            except OSError as exc:
                read_errors.append(FileFix(job.path, job.kind, b"", error=f"cannot read: {exc.strerror or exc}"))
                continue
        items.append((job, data, _ignored_codes(job.path, rules, settings.per_file_ignores), findings))
    n = workers or os.cpu_count() or 1
    configs = {os.path.realpath(p) for p in options.run_config_readers}
    later = [item for item in items if os.path.realpath(item[0].path) in configs]
    if not later or len(later) == len(items):
        return read_errors + fix_many(items, rules, options, report.project, report.modules, n, progress.advance)
    # the run configs a legacy reader keeps last: their TODO names the reader's line after its own fix
    from dataclasses import replace

    from zenml_migrate.fix.run_config_users import after_fixes, moved_messages

    first = fix_many([i for i in items if os.path.realpath(i[0].path) not in configs], rules, options, report.project, report.modules, n, progress.advance)
    readers = options.run_config_readers
    moved = after_fixes(readers, first)
    if write:
        report.findings = moved_messages(report.findings, readers, moved)
    options = replace(options, run_config_readers=moved)
    later = [(job, data, ignored, moved_messages(found, readers, moved)) for job, data, ignored, found in later]
    done = fix_many(later, rules, options, report.project, report.modules, n, progress.advance)
    if not write:  # the TODO text of the diff names the reader's line after the rewrite, the listing the line on disk
        for f in done:
            f.remaining = moved_messages(f.remaining, moved, readers)
    fixes = first + done
    order = {item[0].path: i for i, item in enumerate(items)}
    return read_errors + sorted(fixes, key=lambda f: order.get(f.path, len(order)))


def _decode(data: bytes, kind: str, bom: bool = False) -> str:
    """The text as printed (``bom``: with the file's UTF-8 byte order mark, as a diff needs it:
    without it the first line of a BOM file did not match and `patch` refused the diff)."""
    from zenml_migrate.scan.file_kinds import decode
    from zenml_migrate.scan.sources import shown_text

    source = decode(kind, data)
    return ("\ufeff" if bom and source.bom else "") + shown_text(source.text)


_MASKED_NOTE = [0]  # diff lines shown with a credential masked, this run


def _shown_diff(f) -> str:
    """The diff as printed: the values of secret-looking keys and options masked (a diff goes
    to terminals and CI logs; ``--fix`` writes the real text)."""
    from zenml_migrate.fix.todo import split_keepends
    from zenml_migrate.output.source import python_code_line
    from zenml_migrate.redact import mask_assignments

    out = []
    python = f.kind in ("py", "ipynb")
    text_cells, cell = set(), None  # a notebook's %%bash/%%html/... cells: text, not Python
    if f.kind == "ipynb":
        from zenml_migrate.fix.notebook import text_cells as notebook_text_cells

        text_cells = notebook_text_cells(_decode(f.old, f.kind)) | notebook_text_cells(_decode(f.new, f.kind))
    for line in split_keepends(_unified_diff(f)):
        if line.startswith("--- "):
            header = re.search(r"\(cell (\d+)\)\s*$", line)
            cell = int(header.group(1)) if header else None
        if line[:1] in (" ", "+", "-") and not line.startswith(("--- ", "+++ ")):
            body = line[1:].rstrip("\r\n")
            shown = mask_assignments(body, python and cell not in text_cells and python_code_line(body))
            if shown != body:
                _MASKED_NOTE[0] += 1
                line = line[0] + shown + line[1 + len(body):]
        out.append(line)
    return "".join(out)


def _masked_note() -> str:
    n = _MASKED_NOTE[0]
    return (f"note: the diff shows secret-looking values as ******** ({n} line{'s' if n != 1 else ''}); "
            "the files keep them (--fix writes the real text)\n")


def _unified_diff(f) -> str:
    if f.kind == "ipynb":
        from zenml_migrate.fix.notebook import cell_diffs

        cells = cell_diffs(f.path, _decode(f.old, f.kind), _decode(f.new, f.kind))
        if cells is not None:
            return cells
    from zenml_migrate.fix.todo import split_keepends

    old = split_keepends(_decode(f.old, f.kind, bom=True))
    new = split_keepends(_decode(f.new, f.kind, bom=True))
    name = display_path(f.path.replace(os.sep, "/"))
    a, b = (name, name) if os.path.isabs(f.path) else (f"a/{name}", f"b/{name}")
    if any(c.isspace() for c in name):  # a tab ends the name (as git writes it): ``patch`` reads "Untitled 1.ipynb" whole
        a, b = a + "\t", b + "\t"
    return diff_text(difflib.unified_diff(old, new, fromfile=a, tofile=b), "file")


def diff_text(lines, unit: str) -> str:
    """Unified diff lines as printed: each on its own line (a line that ends with a lone CR
    gets a newline, or the next one would print over it) and git's mark on a last line with
    no line end (``unit``: file or cell)."""
    out = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        elif line.endswith("\r"):
            out.append(line + "\n")
        else:
            out.append(f"{line}\n\\ No newline at end of {unit}\n")
    return "".join(out)


def _counts(counter: Counter) -> str:
    return ", ".join(f"{code} x{n}" for code, n in sorted(counter.items()))


def _summary(report, fixes, wrote: bool, unsafe_on: bool, quiet: bool = False) -> str:
    """What was done and what is left, every number counted from what was (or would be) written."""
    import dataclasses

    from zenml_migrate.fix.result import FixOptions
    from zenml_migrate.output.common import location, skipped_sentences

    options = FixOptions(unsafe=unsafe_on)
    changed = [f for f in fixes if f.changed and not f.error]
    applied: Counter = Counter()
    for f in fixes:  # an unchanged file's findings that another file's fix resolves count there (fixer.resolved_elsewhere)
        if not f.error and (f.changed or f.applied):
            applied.update(f.applied)
    left: Counter = Counter()
    for f in fixes:
        left.update(x.code for x in f.remaining)
    lines = []
    verb = "fixed" if wrote else "would fix"
    rewritten = [f for f in changed if f.rewritten]
    marked = sum(1 for f in changed if not f.rewritten and f.todo_lines)  # files that only got TODO lines: nothing in them is fixed
    if rewritten:
        lines.append(f"{verb} {len(rewritten)} file{'s' if len(rewritten) != 1 else ''}: {_counts(applied)}")
    if marked:
        lines.append(f"{'marked' if wrote else 'would mark'} {marked} file{'s' if marked != 1 else ''} with TODO lines only")
    lines.extend(_stale_todo_lines(changed, fixes, wrote, quiet))
    if not changed and any(getattr(f, "refused", None) is not None for f in fixes):
        lines.append("nothing rewritten (see the errors below)")
    elif not changed:
        lines.append("nothing to rewrite")
    written = [(f, t) for f in fixes if not f.error for t in f.fix_todos]  # parts of a rewrite left for a human
    at_scan = _ScanPlaces(report.findings)
    if left or written:
        total = sum(left.values())
        parts = [f"{total} finding{'s' if total != 1 else ''} ({_counts(left)})"] if left else []
        if written:
            n = len(written)
            parts.append(f"{n} TODO{'s' if n != 1 else ''} in rewritten code ({_counts(Counter(t[1] for _, t in written))})")
        lines.append(f"left for a human: {' and '.join(parts)}")
        lines.append("  " + _marks(fixes, wrote))
        unsafe = sum(1 for f in fixes for x in f.remaining if x.fix == "unsafe")
        if unsafe and not unsafe_on:
            lines.append(f"  {unsafe} of them can be rewritten with --unsafe-fixes (review the diff: see `migrate explain <code>`)")
        listed = [(f, x) for f in fixes for x in f.remaining] + written
        for i, (f, x) in enumerate(listed):
            printed = i < MAX_LISTED and not quiet
            if isinstance(x, tuple):  # a TODO line a rewrite wrote: (line, code, text)
                if printed:
                    lines.append(f"  {display_path(f.path)}:{_todo_place(f, x)}: {x[1]} TODO {x[2]}")
                continue
            if not (printed or f.error):  # a file left unchanged: its places are taken (_unfixed_lines)
                continue
            shown = x
            if not (wrote and not f.error):  # the file on disk is the one the scan read
                line = _line_on_disk(f, x)
                shown = at_scan.take(f.path, x, line) or dataclasses.replace(x, span=dataclasses.replace(x.span, line=line))
            if printed:
                lines.append(f"  {location(shown)}: {x.code} {x.message}{_why_left(f, x, options)}")
        if len(listed) > MAX_LISTED and not quiet:
            lines.append(f"  ... and {len(listed) - MAX_LISTED} more (`migrate scan` lists them all)")
    lines.extend(_unfixed_lines(at_scan, fixes, wrote, quiet))
    for d in report.diagnostics:
        lines.append(f"error: {location(d.as_finding())}: {d.code} {d.message}")  # where `migrate scan` puts it
    for f in fixes:
        if f.error:
            lines.append(f"error: {display_path(f.path)}: {f.error}")
    for extra in skipped_sentences(report):
        lines.append(f"note: {extra}")
    return "\n".join(lines) + "\n"


def _stale_todo_lines(changed, fixes, wrote: bool, quiet: bool) -> List[str]:
    """The TODO lines of earlier runs whose findings are gone: removed (``fix/todo.py``), or kept
    because the user edited them (listed: they delete them)."""
    lines = []
    removed = sum(f.todos_removed for f in changed)
    if removed:
        files = sum(1 for f in changed if f.todos_removed)
        lines.append(f"{'removed' if wrote else 'would remove'} {removed} # {TODO_TAG} line{'s' if removed != 1 else ''} "
                     f"of an earlier run in {files} file{'s' if files != 1 else ''}: {'their findings are' if removed != 1 else 'its finding is'} gone")
    edited = [(f, t) for f in fixes if not f.error for t in f.todos_edited]
    if edited:
        n = len(edited)
        lines.append(f"kept {n} edited # {TODO_TAG} line{'s' if n != 1 else ''} whose finding is fixed "
                     "(the text is not what zenml-migrate writes): delete them by hand")
        if not quiet:
            lines.extend(f"  {display_path(f.path)}:{line}: {code} TODO {text}" for f, (line, code, text) in edited[:MAX_LISTED])
    return lines


def _unfixed_lines(at_scan, fixes, wrote: bool, quiet: bool) -> List[str]:
    """The findings of the files left unchanged (refused by ``write_fixes``: read-only, changed
    during the run, outside the paths given...; or not rewritable) that no line above lists:
    their fixes were not written. At the scan's places; the errors below say why."""
    from zenml_migrate.output.common import location

    unfixed = at_scan.rest({f.path for f in fixes if f.error})
    if not unfixed:
        return []
    n = len(unfixed)
    lines = [f"{'not fixed' if wrote else 'would not be fixed'}: {n} finding{'s' if n != 1 else ''} "
             f"({_counts(Counter(x.code for x in unfixed))}) in files left unchanged (see the errors below)"]
    if not quiet:
        lines.extend(f"  {location(x)}: {x.code} {x.message}" for x in unfixed[:MAX_LISTED])
        if n > MAX_LISTED:
            lines.append(f"  ... and {n - MAX_LISTED} more (`migrate scan` lists them all)")
    return lines


class _ScanPlaces:
    """The scan's finding a finding of the rewritten text stands for, once each: same line
    (of the file on disk), code and message; several on one line (the names of one import
    line) each keep their own column, in order."""

    def __init__(self, findings):
        self.groups = {}
        for x in sorted(findings, key=lambda x: x.span.column):
            self.groups.setdefault((x.path, x.cell, x.span.line, x.code, x.message), []).append(x)
            self.groups.setdefault((x.path, x.cell, x.span.line, x.code), []).append(x)

    def take(self, path, finding, line):
        for key in ((path, finding.cell, line, finding.code, finding.message), (path, finding.cell, line, finding.code)):
            group = self.groups.get(key)
            if group:
                same = [x for x in group if x.span.column == finding.span.column]
                chosen = same[0] if same else group[0]
                for own in ((chosen.path, chosen.cell, chosen.span.line, chosen.code, chosen.message), (chosen.path, chosen.cell, chosen.span.line, chosen.code)):
                    self.groups[own].remove(chosen)
                return chosen
        return None

    def rest(self, paths) -> list:
        """The findings of ``paths`` no ``take`` has taken, in output order."""
        from zenml_migrate.findings import Finding

        out = [x for key, group in self.groups.items() if len(key) == 5 and key[0] in paths for x in group]
        return sorted(out, key=Finding.sort_key)


def _todo_place(f, todo) -> str:
    """Where a TODO line a rewrite wrote is: its line (of the text written), in a notebook
    ``cell N:L`` (the fixer's line is one of the notebook's joined module: no line a user
    finds). Without ``--fix``, its line in the text the diff shows (as for other files)."""
    line = todo[0]
    if f.kind != "ipynb" or f.new is None:
        return str(line)
    from zenml_migrate.scan.notebook import read_notebook

    mark = f"{TODO_MARK} {todo[1]} {todo[2]}".rstrip()
    try:
        cells = read_notebook(f.new).cells
    except Exception:  # noqa: BLE001 - a notebook the fixer wrote is readable; if not, the joined line
        return str(line)
    seen = sum(1 for t in f.fix_todos if t[1:3] == todo[1:3] and t[0] < line)  # the same TODO written above it
    for cell in cells:
        for n, text in enumerate(cell.source.split("\n"), 1):
            if mark in text:
                if seen == 0:
                    return f"cell {cell.number}:{n}"
                seen -= 1
    return str(line)


def _line_on_disk(f, finding) -> int:
    """The line of the file on disk that ``finding`` (found in the text that would be written)
    stands for: what `migrate scan` and every other output number."""
    from zenml_migrate.fix.line_map import LineMap

    written = f.new if f.new is not None else getattr(f, "refused", None)  # a refused file: lines of its rewrite
    if written is None or written == f.old:
        return finding.span.line
    try:
        old, new = _decode(f.old, f.kind), _decode(written, f.kind)
    except (ValueError, UnicodeDecodeError):
        return finding.span.line
    if finding.cell:
        from zenml_migrate.scan.notebook import read_notebook

        try:
            before = {c.number: c.source for c in read_notebook(f.old).cells}
            after = {c.number: c.source for c in read_notebook(written).cells}
        except Exception:  # noqa: BLE001 - a notebook the fixer wrote is readable; if not, keep the number
            return finding.span.line
        old, new = before.get(finding.cell, ""), after.get(finding.cell, "")
    return LineMap(old, new).old_line(finding.span.line)


def _diff_paint(stream):
    """Colours a unified diff when colour is on for ``stream`` (a terminal, --color always)."""
    from zenml_migrate.output.color import Paint, enabled
    from zenml_migrate.fix.todo import split_keepends

    paint = Paint(enabled(stream))
    if not paint.on:
        return lambda text: text

    def colour(text: str) -> str:
        out = []
        for line in split_keepends(text):
            body, nl = (line[:-1], "\n") if line.endswith("\n") else (line, "")
            if line.startswith(("---", "+++")):
                out.append(paint("bold", body) + nl)
            elif line.startswith("@@"):
                out.append(paint("cyan", body) + nl)
            elif line.startswith("+"):
                out.append(paint("green", body) + nl)
            elif line.startswith("-"):
                out.append(paint("red", body) + nl)
            else:
                out.append(line)
        return "".join(out)

    return colour


def _marks(fixes, wrote: bool) -> str:
    """Where the findings left for a human are marked: the TODO lines counted as written."""
    todo = sum(f.todo_lines for f in fixes if not f.error)
    # lines of findings still there whose text changed (a reason an earlier run wrote, or a line
    # edited by hand): "2 lines written" while the file had as many TODO lines as before
    replaced = min(sum(f.todos_replaced for f in fixes if not f.error), todo)
    unmarked = sum(f.unmarked if not f.error else len(f.remaining) for f in fixes)
    s = "s" if todo != 1 else ""
    parts = []
    if todo:
        instead = (f" ({replaced} of them {'replace' if replaced != 1 else 'replaces'} {'a line' if replaced == 1 else 'lines'} "
                   "with another text for the same finding: an earlier run's, or edited by hand)") if replaced else ""
        parts.append(f"marked with # {TODO_TAG} comments: {todo} line{s} written{instead}" if wrote else
                     f"`--fix` marks them with # {TODO_TAG} comments: {todo} line{s}{instead}")
    if unmarked:
        parts.append(f"{unmarked} not marked in their files (a file left unchanged, or no statement to mark): see the list below")
    if not parts:
        parts.append(f"each is already marked with a # {TODO_TAG} line")
    return "; ".join(parts)


def _why_left(f, finding, options) -> str:
    """Why the fixer left a finding, when its message does not say it already."""
    from zenml_migrate.fix.result import will_fix

    if finding in f.introduced:
        return " [caused by a rewrite of this run: fix it by hand, and please report it]"
    if finding.fix == "unsafe" and not options.unsafe:
        return " [an unsafe fix: --unsafe-fixes]"
    if will_fix(finding, options):
        return " [the automatic fix could not be applied here: please report it]"
    return ""
