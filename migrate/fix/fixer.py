"""The fix engine: findings in, rewritten source out (contract: ``migrate/fix/codemod.py``).

Per file: detect (the scan detector, so scan and fix never disagree) -> keep the findings
whose rule has a codemod and whose fix is allowed -> one LibCST parse, positions resolved
once, one combined transform that dispatches to every needed codemod -> import edits ->
re-parse check (``ast`` and LibCST) -> detect again, at most 3 rounds -> TODO comments for
what is left. A file with nothing to fix and no TODO to add is returned unchanged.
"""

import ast
import difflib
import importlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Sequence, Tuple, Set

import libcst as cst

from zenml_migrate.fix.positions import positions_and_code
from zenml_migrate.fix.imports import ImportEdits, OriginalImports, used_names
from zenml_migrate.fix.todo import insert_todos, split_keepends
from zenml_migrate.findings import Finding
from zenml_migrate.scan.detect import Detector, rule_index
from zenml_migrate.rules import Fix, Rule, all_rules
from zenml_migrate.scan.file_scan import FileJob, ScanContext, dedupe, detect
from zenml_migrate.scan.sources import SourceError
from zenml_migrate.scan.suppress import Suppressions

MAX_ROUNDS = 3
TARGETS = ("0.20.0", "0.20.5")


@dataclass
class FixOptions:
    unsafe: bool = False
    # tracker component names for the @enable_mlflow/@enable_wandb rewrite: ``{flavor: name}``
    # (``"*"``: any flavor); a string is ``NAME`` or ``FLAVOR=NAME`` (migrate/fix/tracker_names.py)
    experiment_tracker: Optional[object] = None
    target: Optional[str] = None  # None: code that works on every 0.20.x
    # YAML run configs a legacy reader uses (``zenml pipeline run -c``, ``with_config``): path ->
    # where (migrate/fix/run_config_users.py); their 0.13.2 keys stay, with a TODO saying why
    run_config_readers: Dict[str, List[str]] = field(default_factory=dict)

    def __post_init__(self):
        if isinstance(self.experiment_tracker, str):
            from zenml_migrate.fix.tracker_names import parse_option

            self.experiment_tracker = parse_option([self.experiment_tracker], "experiment tracker")


@dataclass
class FixResult:
    text: str
    applied: Counter = field(default_factory=Counter)  # rule code -> findings fixed
    todos: List[str] = field(default_factory=list)  # rule codes of the findings left for a human (one per finding)
    error: Optional[str] = None  # why the file was left alone (parse error, rewrite would not parse)
    remaining: List[Finding] = field(default_factory=list)
    text_changed: bool = False



class FixError(Exception):
    pass


# ----------------------------------------------------------------- codemods
class CodemodNotFound(RuntimeError):
    """A rule names a codemod that does not exist: a bug in the rule catalog, never ignored."""


@lru_cache(maxsize=None)
def load_codemod(spec: str):
    """The class ``"module:Class"`` in ``zenml_migrate.codemods``; raises CodemodNotFound."""
    module_name, _, class_name = spec.partition(":")
    if not module_name or not class_name:
        raise CodemodNotFound(f"codemod {spec!r} is not of the form 'module:Class'")
    try:
        module = importlib.import_module(f"zenml_migrate.codemods.{module_name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"zenml_migrate.codemods.{module_name}":
            raise  # the codemod module exists but imports something missing: show the real error
        raise CodemodNotFound(f"codemod {spec!r}: no module zenml_migrate.codemods.{module_name}") from None
    cls = getattr(module, class_name, None)
    if cls is None:
        raise CodemodNotFound(f"codemod {spec!r}: zenml_migrate.codemods.{module_name} has no {class_name}")
    return cls


def fixable(rule: Optional[Rule], options: FixOptions) -> bool:
    """Does ``--fix`` (``options``) rewrite findings of ``rule``? Exactly what the rule says:
    a safe fix always, an unsafe one with ``--unsafe-fixes``."""
    if rule is None or not rule.codemod or rule.fix is Fix.NONE:
        return False
    return rule.fix is Fix.SAFE or options.unsafe


# ------------------------------------------------------------------ context
class _FileState:
    """Shared by the codemods of one file during one round."""

    def __init__(self, findings: List[Finding], rules: Dict[str, Rule], options: FixOptions, detector: Detector, tree: ast.Module):
        self.rules = rules
        self.options = options
        self.detector = detector
        self.by_start: Dict[Tuple[int, int], List[Finding]] = {}
        for f in findings:
            self.by_start.setdefault((f.span.line, f.span.column), []).append(f)
        self.tree = tree
        self.original = OriginalImports(tree)
        self.imports = ImportEdits(self.original)
        self.positions = None
        self.module: Optional[cst.Module] = None  # this round's LibCST tree, before the transform


class FixContext:
    """What a codemod sees (one per codemod and file); see ``migrate/fix/codemod.py``."""

    def __init__(self, state: _FileState, codes: Sequence[str]):
        self._state = state
        self.codes = frozenset(codes)
        self.unsafe = state.options.unsafe
        self.experiment_tracker = state.options.experiment_tracker
        self.target = state.options.target
        self.declined: List[Tuple[str, object]] = []

    # findings
    def position(self, node: cst.CSTNode):
        return self._state.positions.get(node) if self._state.positions is not None else None

    def at(self, node: cst.CSTNode, exact: bool = False) -> List[Finding]:
        pos = self.position(node)
        if pos is None:
            return []
        hits = self._state.by_start.get((pos.start.line, pos.start.column + 1), ())
        out = [f for f in hits if f.code in self.codes]
        if exact:
            out = [f for f in out if (f.span.end_line, f.span.end_column) == (pos.end.line, pos.end.column + 1)]
        return out

    def rule(self, code: str) -> Rule:
        return self._state.rules[code]

    def arg(self, code: str, key: str, default=None):
        return self._state.rules[code].arg(key, default)

    # names
    def binding(self, local: str) -> Optional[str]:
        return self._state.detector.lookup(local, self._state.detector.module_scope)

    def imported(self, local: str) -> Optional[Tuple[str, str]]:
        return self._state.original.from_zenml.get(local)

    def names_in(self, updated: cst.Module) -> Tuple[Set[str], Set[str]]:
        """``(names used, plain names called)`` by ``updated`` (a rewrite of this round's
        module): untouched statements are read from the original ``ast``, only the rewritten
        ones are generated again (a whole-module codegen per codemod cost a fifth of a fix)."""
        used: Set[str] = set()
        called: Set[str] = set()
        state = self._state
        for node in _statements_after(state.module, updated, state.positions, state.tree):
            for sub in ast.walk(node):
                if isinstance(sub, ast.Name):
                    used.add(sub.id)
                elif isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name):
                    called.add(sub.func.id)
        return used, called

    # imports
    def add_import(self, module: str, name: str, asname: Optional[str] = None) -> str:
        return self._state.imports.add(module, name, asname)

    def drop_import(self, module: str, name: str, asname: Optional[str] = None) -> None:
        self._state.imports.drop(module, name, asname)

    def drop_import_if_unused(self, local: str) -> None:
        self._state.imports.drop_if_unused(local)

    def clashes(self, name: str) -> bool:
        """Is ``name`` bound in the original file by something other than a zenml import?"""
        return self._state.imports.clashes(name)

    def todo(self, node: cst.CSTNode, code: str) -> None:
        """Optional: say that the codemod declined a finding. Nothing to do: the finding
        stays, and every finding left after the rewrite gets its TODO line."""
        self.declined.append((code, self.position(node)))


class _Combined(cst.CSTTransformer):
    """One traversal, every codemod: ``visit_X``/``leave_X`` dispatched by node type name."""

    def __init__(self, codemods: List[object], positions=None, findings: Sequence[Finding] = ()):
        super().__init__()
        self.codemods = codemods
        self._visit: Dict[str, list] = {}
        self._leave: Dict[str, list] = {}
        # statements without a finding are skipped unless a codemod needs the whole tree
        prune = positions is not None and not any(getattr(c, "whole_tree", True) for c in codemods)
        self._positions = positions if prune else None
        self._spans = sorted({(f.span.line, f.span.end_line) for f in findings})

    def _flagged(self, node: cst.CSTNode) -> bool:
        lines = self._positions.lines(node)
        if lines is None:
            return True
        first, last = lines
        decorators = getattr(node, "decorators", ())
        if decorators:  # a def's range starts at ``def``; its decorators come before
            first = min(first, self._positions.lines(decorators[0])[0])
        return any(line <= last and end >= first for line, end in self._spans)

    def _hooks(self, table: Dict[str, list], prefix: str, name: str) -> list:
        hooks = table.get(name)
        if hooks is None:
            hooks = [h for h in (getattr(c, prefix + name, None) for c in self.codemods) if h is not None]
            table[name] = hooks
        return hooks

    def on_visit(self, node: cst.CSTNode) -> bool:
        for hook in self._hooks(self._visit, "visit_", type(node).__name__):
            hook(node)
        if self._positions is not None and isinstance(node, cst.BaseStatement):
            return self._flagged(node)
        return True

    def on_leave(self, original: cst.CSTNode, updated: cst.CSTNode):
        kind = type(original)
        result = updated
        for hook in self._hooks(self._leave, "leave_", kind.__name__):
            result = hook(original, result)
            if type(result) is not kind:
                break
        return result


# ------------------------------------------------------------------ detection
def _detect(text: str, job: FileJob, ctx: ScanContext) -> Tuple[List[Finding], Detector, ast.Module]:
    detector = detect(job, text, ctx)
    findings = dedupe(Suppressions(text).filter(detector.findings))
    return findings, detector, detector.tree


# ------------------------------------------------------------------ one round
def _transform(text: str, module: Optional[cst.Module], findings: List[Finding], state: _FileState) -> str:
    if module is None:
        try:
            module = cst.parse_module(text)
        except (cst.ParserSyntaxError, RecursionError) as exc:
            raise FixError(f"LibCST cannot parse this file ({_short(exc)}); left unchanged") from None
    state.positions, identity = positions_and_code(module)
    state.module = module
    by_codemod: Dict[str, List[str]] = {}
    for f in findings:
        codes = by_codemod.setdefault(state.rules[f.code].codemod, [])
        if f.code not in codes:
            codes.append(f.code)
    codemods = [
        load_codemod(spec)(FixContext(state, by_codemod[spec])) for spec in sorted(by_codemod, key=lambda s: min(by_codemod[s]))
    ]
    try:
        new = module.visit(_Combined(codemods, state.positions, findings))
        if state.imports:
            used = _used_after(module, new, state.positions, state.tree) if state.imports.unused else set()
            new = state.imports.apply(new, used)
        return keep_untouched_lines(text, identity, new.code)
    except SyntaxError as exc:
        raise FixError(f"a rewrite produced invalid code ({exc.msg}, line {exc.lineno}); file left unchanged") from None
    except RecursionError:
        raise FixError("too deeply nested to rewrite; file left unchanged") from None


def _used_after(original: cst.Module, new: cst.Module, positions, tree: ast.Module) -> set:
    """Names the rewritten module uses (see ``_statements_after``)."""
    out: set = set()
    for node in _statements_after(original, new, positions, tree):
        out |= used_names(node)
    return out


def _statements_after(original: cst.Module, new: cst.Module, positions, tree: ast.Module):
    """``ast`` nodes covering ``new``: statements the transform did not touch (the same
    objects) come from the original ``ast``, only the others are generated again."""
    same = {id(stmt) for stmt in original.body}
    for stmt in new.body:
        lines = positions.lines(stmt) if id(stmt) in same else None
        if lines is not None:
            for node in tree.body:
                if lines[0] <= node.lineno <= lines[1]:
                    yield node
            continue
        try:
            yield ast.parse(new.code_for_node(stmt))
        except SyntaxError:
            yield ast.parse(new.code)
            return


def keep_untouched_lines(original: str, identity: str, new: str) -> str:
    """LibCST does not round-trip every byte (``except X :`` loses its space): lines the
    transform did not change are taken from the original text."""
    if identity == original:
        return new
    old_lines = split_keepends(original)
    id_lines = split_keepends(identity)
    if len(old_lines) != len(id_lines):
        return new
    new_lines = split_keepends(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, id_lines, new_lines, autojunk=False).get_opcodes():
        out.extend(old_lines[i1:i2] if op == "equal" else new_lines[j1:j2])
    return "".join(out)


def _short(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__


def _reparse(text: str) -> cst.Module:
    """LibCST parse of a rewrite (for the next round); a failure leaves the file alone."""
    try:
        return cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        raise FixError(f"a rewrite would not parse with LibCST ({_short(exc)}); file left unchanged") from None


# ------------------------------------------------------------------ public API
def fix_text(
    text: str,
    job: FileJob,
    rules: Sequence[Rule],
    options: FixOptions,
    scan_ctx: Optional[ScanContext] = None,
    cell_marker=None,
) -> FixResult:
    """Fix Python source ``text``. Never raises for bad input: ``FixResult.error`` says why."""
    rules = list(rules)
    by_code = {r.code: r for r in rules}
    ctx = scan_ctx or ScanContext(rule_index(rules))
    try:
        findings, detector, tree = _detect(text, job, ctx)
    except SourceError as exc:
        return FixResult(text, error=f"line {exc.line}: {exc.message}")
    except RecursionError:
        return FixResult(text, error="too deeply nested to analyse; file left unchanged")
    is_fixable = lambda f: fixable(by_code.get(f.code), options)  # noqa: E731
    before = Counter(f.code for f in findings if is_fixable(f))
    current = text
    module = None  # the LibCST tree of ``current`` when already parsed (the re-parse check)
    marked: List[Finding] = []
    try:
        marked = _hidden_by_fixes(findings, is_fixable)
        if marked:
            # a rename can hide what is left for a human (``Client().active_profile`` is not
            # recognised as the 0.13.2 ``Repository().active_profile`` any more): mark it first
            current = insert_todos(current, tree, marked, by_code, stop=cell_marker)
            findings, detector, tree = _detect(current, job, ctx)
        for _ in range(MAX_ROUNDS):
            todo = [f for f in findings if fixable(by_code.get(f.code), options)]
            if not todo:
                break
            state = _FileState(todo, by_code, options, detector, tree)
            new = _transform(current, module, todo, state)
            if new == current:
                break
            current = new
            findings, detector, tree = _detect(current, job, ctx)  # also the re-parse check (SourceError)
            if not any(fixable(by_code.get(f.code), options) for f in findings):
                break
            module = _reparse(current)
        final = insert_todos(current, tree, findings, by_code, stop=cell_marker)
        if final != current:
            current = final
            findings, detector, tree = _detect(current, job, ctx)  # lines moved: report where they are now
    except FixError as exc:
        return FixResult(text, error=str(exc))
    except SourceError as exc:
        return FixResult(text, error=f"a rewrite would not parse (line {exc.line}: {exc.message}); file left unchanged")
    except (cst.CSTValidationError, ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        # a codemod bug must never cost the user's file: report it and leave the file alone
        return FixResult(text, error=f"internal error while rewriting ({exc.__class__.__name__}: {exc}); file left unchanged, please report it")
    after = Counter(f.code for f in findings)
    applied = Counter({c: n for c, n in (before - after).items() if n > 0})
    remaining = list(findings) + _vanished(marked, findings)
    return FixResult(
        current,
        applied=applied,
        todos=[f.code for f in remaining],
        remaining=remaining,
        text_changed=current != text,
    )


def _inside(inner, outer) -> bool:
    return inner != outer and (outer.line, outer.column) <= (inner.line, inner.column) and (
        inner.end_line,
        inner.end_column,
    ) <= (outer.end_line, outer.end_column)


def _hidden_by_fixes(findings: List[Finding], is_fixable) -> List[Finding]:
    """Findings no codemod fixes, when some fix could hide them: those not inside a fixed
    span (one inside goes away with the rewritten expression, e.g. ``context.metadata_store``
    in ``context.metadata_store.get_pipeline(...)``)."""
    fixed_spans = [f.span for f in findings if is_fixable(f)]
    if not fixed_spans:
        return []
    return [f for f in findings if not is_fixable(f) and not any(_inside(f.span, s) for s in fixed_spans)]


def _vanished(marked: List[Finding], findings: List[Finding]) -> List[Finding]:
    """Marked findings the detector no longer sees after the rewrite (still left for a human;
    reported at their original lines)."""
    left = Counter(f.code for f in findings)
    out = []
    for f in marked:
        if left[f.code] > 0:
            left[f.code] -= 1
        else:
            out.append(f)
    return out


def fix_source(
    text: str,
    filename: str = "example.py",
    *,
    rules: Optional[Iterable[Rule]] = None,
    unsafe: bool = False,
    experiment_tracker: Optional[str] = None,
    target: Optional[str] = None,
) -> FixResult:
    """Library API (tests, editors): fix ``text`` as if it were the file ``filename``."""
    from zenml_migrate.scan.discovery import kind_of
    from zenml_migrate.scan.file_kinds import fixer

    options = FixOptions(unsafe=unsafe, experiment_tracker=experiment_tracker, target=target)
    rules = list(rules) if rules is not None else all_rules()
    kind = kind_of(filename) or "py"
    job = FileJob(filename, kind, module_name=filename.rsplit(".", 1)[0].replace("/", "."))
    return fixer(kind)(text, job, rules, options, None)


def fix_file(path: str, **kwargs):
    """Fix the file at ``path`` (``write=True`` writes it atomically); see ``fix_files.fix_file``."""
    from zenml_migrate.fix.files import fix_file as _fix_file

    return _fix_file(path, **kwargs)
