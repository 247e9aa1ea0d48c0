"""The fix engine: the scan's findings in, rewritten source out (contract: ``migrate/fix/codemod.py``).

Per file, from the bytes and findings the scan handed over (no second read or detection):
keep the findings the options let it rewrite (``result.will_fix``: the finding's own ``fix``,
as ``scan`` printed it) -> one LibCST parse, positions resolved once, one combined transform
that dispatches to every needed codemod -> import edits -> the self-check: the rewritten text
is detected again with every rule of the catalog (both safety nets included), which is also
the re-parse check; at most 3 rounds while fixable findings remain -> TODO comments for what
is left (and for anything the rewrite itself caused), reported with the reason. A file with
nothing to fix and no TODO to add is returned unchanged.
"""

import ast
from collections import Counter
from dataclasses import replace
from typing import Iterable, List, Optional, Sequence, Tuple

from zenml_migrate.fix.dangling import binding_lines, introduced, reading_lines, same_code
from zenml_migrate.fix.result import MAX_ROUNDS, FixOptions, FixResult, will_fix
from zenml_migrate.fix.todo import PREFIX, KnownTodos, place_todos, shifted, todo_text, written_todo_lines
from zenml_migrate.findings import Finding, unresolved_message
from zenml_migrate.scan.detect import Detector, rule_index
from zenml_migrate.rules import Fix, Rule, all_rules
from zenml_migrate.scan.file_scan import FileJob, ScanContext, dedupe, detect
from zenml_migrate.scan.sources import SourceError
from zenml_migrate.scan.suppress import Suppressions

__all__ = ["FixOptions", "FixResult", "MAX_ROUNDS", "fix_file", "fix_source", "fix_text", "fixable", "will_fix"]


def fixable(rule: Optional[Rule], options: FixOptions) -> bool:
    """Can ``--fix`` (``options``) rewrite findings of ``rule`` at all? (An occurrence may still
    have no fix: its finding says so; see ``will_fix``.)"""
    if rule is None or not rule.codemod or rule.fix is Fix.NONE:
        return False
    return rule.fix is Fix.SAFE or options.unsafe


# ------------------------------------------------------------------ detection
class SelfCheck:
    """Detection of rewritten text. Every rule of the catalog runs (the safety nets too,
    whatever module defines them), so a rewrite cannot hide what would still fail on 0.20.
    Findings of rules this file was not checked for (``--select``/``--ignore``,
    per-file-ignores) count only where the rewrite caused them: more of them than in the
    original text (``baseline``, detected only when a rewritten text has one)."""

    def __init__(self, text: str, job: FileJob, rules: Sequence[Rule], ctx: ScanContext):
        self.job, self.ctx, self.original = job, ctx, text
        self.codes = {r.code for r in rules}
        catalog = all_rules()
        extra = [r for r in catalog if r.code not in self.codes]
        self.index = ctx.index if not extra else rule_index(catalog)
        self._baseline: Optional[Counter] = None if extra else Counter()

    @property
    def baseline(self) -> Counter:
        """Per code the run leaves out, its findings in the original text (with the whole
        catalog: a rule may decide from others' findings, ZM460, ZM461). The scan detected only
        the selected rules; this detection runs only when a rewrite shows such a finding."""
        if self._baseline is None:
            ctx = replace(self.ctx, index=self.index)
            before = detect(self.job, self.original, ctx, prune=True)
            self._baseline = Counter(f.code for f in _kept(self.original, before.findings) if f.code not in self.codes)
        return self._baseline

    def detect(self, text: str) -> Tuple[List[Finding], List[Finding], Detector]:
        """``(findings, the ones the rewrite caused, detector)`` of ``text``."""
        ctx = replace(self.ctx, index=self.index)
        # piecemeal: the statements the rules walk are parsed, the rest only checked; the fixer
        # reads ``detector.tree`` (the whole module) only for a next round or TODO lines to place
        detector = detect(self.job, text, ctx, prune=True)
        findings = [_unresolved(f, self.codes) for f in _kept(text, detector.findings)]
        out, introduced = [], []
        seen: Counter = Counter()
        for f in findings:
            if f.code in self.codes:
                out.append(f)
                continue
            seen[f.code] += 1
            if seen[f.code] > self.baseline[f.code]:
                f = _not_rewritten(f)  # reported, never rewritten by a rule the run leaves out (--ignore ZM461)
                out.append(f)
                introduced.append(f)
        return out, introduced, detector


def resolved_elsewhere(findings: List[Finding], wanted) -> Tuple[List[Finding], Counter]:
    """``(findings, counts of the wanted ones the fix of another file resolves)``: a keyword that
    reaches a zenml call from a ``functools.partial`` / dict of another module is rewritten where
    it is written (``scan/splat_keywords.py``); nothing changes here."""
    from zenml_migrate.scan.splat_keywords import is_resolved_elsewhere

    done = [f for f in findings if is_resolved_elsewhere(f) and wanted(f)]
    if not done:
        return findings, Counter()
    return [f for f in findings if not (is_resolved_elsewhere(f) and wanted(f))], Counter(f.code for f in done)


def _unresolved(finding: Finding, codes) -> Finding:
    """``finding`` as this run sees it: open again when the rule whose fix resolves it is not
    among the ``codes`` checked (the self-check detects with every rule: ``--ignore ZM461``)."""
    if finding.resolved_by is None or finding.resolved_by in codes:
        return finding
    return replace(finding, fix=None, resolved_by=None, message=unresolved_message(finding.message))


def _not_rewritten(finding: Finding) -> Finding:
    if finding.fix is None:
        return finding
    return replace(finding, fix=None)


def _kept(text: str, findings: List[Finding]) -> List[Finding]:
    return dedupe(Suppressions(text).filter(findings))


def _names(text: str, job: FileJob, ctx: ScanContext) -> Detector:
    """The import/alias table of ``text`` (no rule walk: the findings are known)."""
    return detect(job, text, ctx, walk=False)


# ------------------------------------------------------------------ public API
def fix_text(
    text: str,
    job: FileJob,
    rules: Sequence[Rule],
    options: FixOptions,
    scan_ctx: Optional[ScanContext] = None,
    cell_marker=None,
    findings: Optional[Sequence[Finding]] = None,
) -> FixResult:
    """Fix Python source ``text`` whose ``findings`` the scan gave (None: detect them here,
    for the library API). Never raises for bad input: ``FixResult.error`` says why. TODO lines
    an earlier run wrote for findings this run fixes are removed (``fix/todo.py``).

    Last self-check (``fix/dangling.py``): a rewrite that leaves a name undefined (two fixes
    that disagree: one removes an import, another moves its use to where it runs at import)
    is redone without the fixes reported where those names are read (they moved the reads),
    then also without those reported where they were bound (they removed the bindings); those
    findings stay, with the reason, for a human. If that does not help, the file is left
    unchanged with an error."""
    checked: list = []
    result = _fix_text(text, job, rules, options, scan_ctx, cell_marker, findings, checked)
    if findings is not None and not any(will_fix(f, options) for f in findings):
        return result  # TODO lines only: comments leave no name undefined (and the check costs seconds on a big file)
    lost = _lost_names(text, result, checked)
    if not lost:
        return result
    if findings is None:
        try:
            findings = _kept(text, detect(job, text, scan_ctx or ScanContext(rule_index(list(rules))), prune=True).findings)
        except (SourceError, RecursionError):
            return result
    tree = ast.parse(text)
    # first without the fixes at the uses of those names (they moved them), then also without
    # the fixes at the statements that bound them (they removed them)
    for lines in (reading_lines(tree, lost), reading_lines(tree, lost) | binding_lines(tree, lost)):
        kept = _declined(findings, lines, lost, options)
        if kept is None:
            continue
        checked = []
        retry = _fix_text(text, job, rules, options, scan_ctx, cell_marker, kept, checked)
        if not _lost_names(text, retry, checked):
            return retry
    names = ", ".join(f"`{n}`" for n in sorted(lost))
    return FixResult(text, error=f"the rewrite would leave {names} undefined (NameError on 0.20); file left unchanged, please report it")


def _lost_names(text: str, result: FixResult, checked: list) -> frozenset:
    """``checked``: ``[text, its piecemeal parse]`` of the self-check's last detection (see
    ``_fix_text``): when the result has the same code (its TODO lines aside), the symbol tables
    of the unparsed runs that parse made are reused, not made again over the whole text."""
    if result.error or result.text == text:
        return frozenset()
    tables = None
    if checked and checked[1] is not None and same_code(checked[0], result.text):
        tables = checked[1].symbol_tables
    return introduced(text, result.text, tables)


def _declined(findings: Sequence[Finding], lines: set, lost: frozenset, options: FixOptions) -> Optional[List[Finding]]:
    """``findings`` with those at ``lines`` (the statements that bound ``lost``) marked as
    having no fix, with the reason; None when no finding is there to decline."""
    names = ", ".join(f"`{n}`" for n in sorted(lost))
    out, declined = [], False
    for f in findings:
        if lines.intersection(range(f.span.line, f.span.end_line + 1)) and will_fix(f, options):
            f = replace(f, fix=None, resolved_by=None, message=f"{f.message} (not rewritten: another fix of this file still needs {names} here)")
            declined = True
        out.append(f)
    return out if declined else None


def _fix_text(
    text: str,
    job: FileJob,
    rules: Sequence[Rule],
    options: FixOptions,
    scan_ctx: Optional[ScanContext] = None,
    cell_marker=None,
    findings: Optional[Sequence[Finding]] = None,
    checked: Optional[list] = None,
) -> FixResult:
    """``checked`` (when given) ends as ``[text, detector.parsed]`` of the self-check's last
    detection of a rewritten text, or empty when none ran."""
    rules = list(rules)
    by_code = {**{r.code: r for r in all_rules()}, **{r.code: r for r in rules}}  # the self-check may find any rule
    ctx = scan_ctx or ScanContext(rule_index(rules))
    wanted = lambda f: will_fix(f, options)  # noqa: E731
    try:
        if findings is None:
            detector = detect(job, text, ctx, prune=True)
            findings = _kept(text, detector.findings)
        elif not any(wanted(f) for f in findings):
            detector = None  # only TODO lines to add: no name table needed
        else:
            detector = _names(text, job, ctx)
        findings = _with_options(list(findings), options)
        findings, elsewhere = resolved_elsewhere(findings, wanted)  # by the fix of the file that writes them
        if not findings:  # (``applied`` a copy: a notebook's caller adds its command fixes to it)
            return FixResult(text, applied=Counter(elsewhere), elsewhere=elsewhere)
        tree = detector.tree if detector is not None else _parse(text, job)
    except SourceError as exc:
        return FixResult(text, error=f"line {exc.line}: {exc.message}")
    except RecursionError:
        return FixResult(text, error="too deeply nested to analyse; file left unchanged")
    started = list(findings)  # for the TODO lines of earlier runs (KnownTodos)
    before = Counter(f.code for f in findings if wanted(f))
    counted = Counter(f.code for f in findings)
    resolved = {f.code for f in findings if wanted(f) and f.resolved_by}
    if before:
        from zenml_migrate.fix import rewrite  # LibCST: only for a file with something to rewrite
    current = text
    module = None  # the LibCST tree of ``current`` when already parsed
    marked: List[Finding] = []
    marked_in = text
    introduced: List[Finding] = []
    todo_lines = 0
    seen: List[Finding] = []  # every finding of a rewrite round (their TODO texts are ours)
    written: List[Tuple[str, str]] = []  # TODO lines the codemods wrote themselves
    trackers: Counter = Counter()  # flavor -> tracker names the codemods wrote
    try:
        if before and any(f.code in _cli_codes() for f in findings if wanted(f)):
            # ``zenml`` command lines in strings (os.system, subprocess): text edits inside the
            # literals, then the findings of the edited text (LibCST is not needed for them)
            current, findings, detector, tree = _fix_command_strings(
                current, tree, findings, wanted, job, rules, ctx, detector, options.target)
            findings = _with_options(findings, options)
        if before:
            marked = _hidden_by_fixes(findings, wanted, _import_lines(tree), lambda f: by_code[f.code].arg("keeps_findings_inside"))
            if marked:
                # a rename can hide what is left for a human (``Client().active_profile`` is not
                # recognised as the 0.13.2 ``Repository().active_profile`` any more): mark it first
                current, placed, _ = place_todos(current, tree, marked, by_code, stop=cell_marker)
                todo_lines += sum(len(codes) for _, codes in placed)
                findings = shifted(findings, placed)
                marked = shifted(marked, placed)
                marked_in = current  # the text ``marked`` is placed in
                if placed:
                    detector = _names(current, job, ctx)
                    tree = detector.tree
            check = SelfCheck(text, job, rules, ctx)
            for _ in range(MAX_ROUNDS):
                todo = [f for f in findings if wanted(f)]
                if not todo:
                    break
                state = rewrite.FileState(todo, by_code, options, detector, tree if tree is not None else detector.tree, current)
                new = rewrite.transform(current, module, todo, state)
                if new == current:
                    break
                current = new
                written += state.written_todos
                trackers.update(state.written_trackers)
                findings, introduced, detector = check.detect(current)  # also the re-parse check (SourceError)
                if checked is not None:
                    checked[:] = [current, detector.parsed]  # its symbol tables, for ``_lost_names``
                findings = resolved_elsewhere(findings, wanted)[0]
                findings = _with_options(findings, options)
                seen += findings
                tree = None  # of ``current``: ``detector.tree``, parsed when read
                if not any(wanted(f) for f in findings):
                    break
                module = rewrite.reparse(current)
        gone = _vanished(marked, findings, marked_in, current, lambda: _import_lines(detector.tree))  # marked before a rewrite hid them
        early = [(f.code, todo_text(f, by_code.get(f.code))) for f in marked]  # placed above before a rewrite hid them
        known = KnownTodos(by_code, started + marked + seen, written + early)
        # ``about`` is read only when the text holds a TODO line (a line map costs a diff)
        about = _moved(started, text, current) if PREFIX.strip() in current else ()
        if tree is None and (findings or gone or PREFIX.strip() in current):
            tree = detector.tree  # else place_todos has nothing to place and nothing to check
        marks = place_todos(current, tree, findings + gone, by_code, stop=cell_marker, known=known, about=about)
        current, placed, unmarked = marks
        todo_lines += sum(len(codes) for _, codes in placed)
        findings = shifted(findings, placed, marks.removed)  # where they are now
        introduced = shifted(introduced, placed, marks.removed)
        gone = shifted(gone, placed, marks.removed)
    except SourceError as exc:
        return FixResult(text, error=f"a rewrite would not parse (line {exc.line}: {exc.message}); file left unchanged")
    except Exception as exc:
        if before and isinstance(exc, rewrite.RewriteError):
            return FixResult(text, error=str(exc))
        if before and isinstance(exc, rewrite.CODEMOD_ERRORS):
            # a codemod bug must never cost the user's file: report it and leave the file alone
            return FixResult(text, error=f"internal error while rewriting ({exc.__class__.__name__}: {exc}); file left unchanged, please report it")
        raise
    after = Counter(f.code for f in findings if wanted(f))  # promised and still there: not applied
    applied = Counter({c: n for c, n in (before - after).items() if n > 0})
    remaining = list(findings) + gone
    if resolved:  # resolved by other fixes: applied only as far as findings of that rule are gone
        left = Counter(f.code for f in remaining)
        for code in resolved:
            applied[code] = min(applied[code], max(counted[code] - left[code], 0))
        applied = Counter({c: n for c, n in applied.items() if n > 0})
    applied += elsewhere
    return FixResult(
        current,
        applied=applied,
        elsewhere=elsewhere,
        todos=[f.code for f in remaining],
        remaining=remaining,
        text_changed=current != text,
        todo_lines=todo_lines,
        unmarked=unmarked,
        introduced=introduced,
        fix_todos=written_todo_lines(current, written),
        trackers=trackers,
        todos_removed=len(marks.removed) - marks.replaced,
        todos_replaced=marks.replaced,
        todos_edited=marks.edited,
    )


def _cli_codes() -> frozenset:
    from zenml_migrate.scan.python_commands import cli_codes

    return frozenset(cli_codes(all_rules()))


def _fix_command_strings(text, tree, findings, wanted, job, rules, ctx, detector, target=None):
    """``(text, findings, detector, tree)`` after the CLI fixes inside string literals (for the
    release ``target``: ``at_target``)."""
    from zenml_migrate.scan import python_commands

    at = {(f.code, f.span.line, f.span.column) for f in findings if wanted(f) and f.code in _cli_codes()}
    new = python_commands.fix_commands(tree, text, rules, at, ctx.project, target)
    if new == text:
        return text, findings, detector, tree
    detector = detect(job, new, ctx, prune=True)
    return new, _kept(new, detector.findings), detector, detector.tree


def _with_options(findings: List[Finding], options: FixOptions) -> List[Finding]:
    """Findings as the options' level fixes them (``Finding.at_level``: at ``--unsafe-fixes`` a
    rule's own unsafe fix instead of ZM460's), those whose fix needs what the options do not give
    (a tracker decorator rewrite and no tracker name) marked not fixable, as ``migrate scan`` marks them."""
    from zenml_migrate.fix.tracker_names import ANY, mark_unnamed

    names = options.experiment_tracker or {}
    findings = [f.at_level(options.unsafe) for f in findings]
    return mark_unnamed(findings, lambda flavor: names.get(flavor) or names.get(ANY))


def _parse(text: str, job: FileJob) -> ast.Module:
    from zenml_migrate.scan.file_scan import parse_python

    return parse_python(job, text)


def _hidden_by_fixes(findings: List[Finding], is_fixable, import_lines=frozenset(), keeps=lambda f: False) -> List[Finding]:
    """Findings no codemod fixes, when some fix could hide them: those not inside a fixed
    span (one inside goes away with the rewritten expression, e.g. ``context.metadata_store``
    in ``context.metadata_store.get_pipeline(...)``; not so inside the span of a fix that
    ``keeps`` what it holds for a human: ZM461 comments a statement out) and not on an import
    statement (a fix never hides an import: it keeps the name, found again after the rewrite,
    or deletes it, and a finding on a deleted statement is resolved, not left with a TODO
    above the next one)."""
    fixable = [f for f in findings if is_fixable(f)]
    if not fixable:
        return []
    fixed_spans = [f.span for f in fixable if not keeps(f)]
    return [
        f for f in findings
        if not is_fixable(f) and f.span.line not in import_lines and not any(f.span != s and f.span.inside(s) for s in fixed_spans)
    ]


def _import_lines(tree: ast.Module) -> frozenset:
    """The lines of the import statements of ``tree``, at any depth (an import is a statement:
    only statement lists are walked, never expressions)."""
    from zenml_migrate.fix.imports import child_bodies

    lines = set()
    stack = [tree.body]
    while stack:
        for node in stack.pop():
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
            else:
                stack.extend(child_bodies(node))
    return frozenset(lines)


def _vanished(marked: List[Finding], findings: List[Finding], before: str, after: str, import_lines) -> List[Finding]:
    """Marked findings (of ``before``) the detector no longer sees in ``after`` (still left for a
    human), at the lines they are in ``after`` (``_moved``). One is seen when a finding of its rule lies
    on its line in ``after``; then, for the rest, when one of its rule is left over anywhere but
    on an import statement (never marked: ``_hidden_by_fixes``), in order. Counting by rule alone
    took the wrong one: a finding on an import line stood for a marked one that was gone, and of
    three marked findings the last one was said gone when the middle one was."""
    if not marked:
        return []
    at = _moved(marked, before, after)
    on_line = Counter((f.code, f.span.line) for f in findings)
    seen = [False] * len(marked)
    for i, f in enumerate(at):
        if on_line[(f.code, f.span.line)] > 0:
            on_line[(f.code, f.span.line)] -= 1
            seen[i] = True
    imports = import_lines() if not all(seen) else frozenset()  # ``import_lines()``: those of ``after``
    left = Counter(code for (code, line), n in on_line.items() for _ in range(n) if line not in imports)
    out = []
    for f, done in zip(at, seen):
        if done:
            continue
        if left[f.code] > 0:
            left[f.code] -= 1
        else:
            out.append(f)
    return out


def _moved(findings: List[Finding], before: str, after: str) -> List[Finding]:
    """``findings`` of ``before`` at the lines they are in ``after`` (a rewrite added import
    lines above them): the lines the user finds them at."""
    if not findings or before == after:
        return findings
    from zenml_migrate.findings import Span
    from zenml_migrate.fix.line_map import LineMap

    to_after = LineMap(after, before).old_line  # the map read backwards: a line of ``before`` -> ``after``
    return [replace(f, span=Span(to_after(f.span.line), f.span.column, to_after(f.span.end_line), f.span.end_column)) for f in findings]


def fix_source(
    text: str,
    filename: str = "example.py",
    *,
    rules: Optional[Iterable[Rule]] = None,
    unsafe: bool = False,
    experiment_tracker: Optional[str] = None,
    target: Optional[str] = None,
) -> FixResult:
    """Library API (tests, editors): fix ``text`` as if it were the file ``filename`` (a ``.py``
    script of IPython cells that Python rejects is fixed cell by cell, as ``migrate code`` does)."""
    from zenml_migrate.scan.discovery import kind_of
    from zenml_migrate.scan.file_kinds import fixer
    from zenml_migrate.scan.text_notebook import as_read

    options = FixOptions(unsafe=unsafe, experiment_tracker=experiment_tracker, target=target)
    rules = list(rules) if rules is not None else all_rules()
    kind = kind_of(filename) or "py"
    job = as_read(FileJob(filename, kind, module_name=filename.rsplit(".", 1)[0].replace("/", ".")), text, scanned=False)
    return fixer(job.kind)(text, job, rules, options, None)


def fix_file(path: str, **kwargs):
    """Fix the file at ``path`` (``write=True`` writes it atomically); see ``fix_files.fix_file``."""
    from zenml_migrate.fix.files import fix_file as _fix_file

    return _fix_file(path, **kwargs)
