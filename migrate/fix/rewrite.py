"""The LibCST half of the fixer (imported only when a file has something to rewrite): one
parse, positions resolved once, one combined transform that calls every needed codemod, the
import edits, and the text of the result (lines no codemod touched kept byte for byte)."""

import ast
import re
from typing import Dict, List, Optional, Sequence, Set, Tuple

import libcst as cst

from zenml_migrate.findings import Finding
from zenml_migrate.fix.codemod import load_codemod
from zenml_migrate.fix.comment_out import Markers, comment_lines, todo_line
from zenml_migrate.fix.imports import ImportEdits, OriginalImports
from zenml_migrate.fix.layout import Layout, keep_untouched_lines
from zenml_migrate.fix.positions import positions_and_code
from zenml_migrate.fix.result import FixOptions
from zenml_migrate.rules import Rule
from zenml_migrate.scan.detect import Detector
from zenml_migrate.scan.resolved_with import NodeNames, exported_name, import_local, keeps_local_name

# a codemod bug must never cost the user's file: the fixer reports these and leaves it alone
CODEMOD_ERRORS = (cst.CSTValidationError, ValueError, TypeError, AttributeError, KeyError, IndexError)


class RewriteError(Exception):
    """The rewrite cannot be done or would not parse: the file is left alone (the message says why)."""


_UNSET = object()  # ``fix_arg``: no such key in the finding's ``fix_args``


# ------------------------------------------------------------------ context
class FileState:
    """Shared by the codemods of one file during one round."""

    def __init__(
        self, findings: List[Finding], rules: Dict[str, Rule], options: FixOptions, detector: Detector, tree: ast.Module, text: Optional[str] = None
    ):
        self.rules = rules
        self.options = options
        self.detector = detector
        self.by_start: Dict[Tuple[int, int], List[Finding]] = {}
        for f in findings:
            self.by_start.setdefault((f.span.line, f.span.column), []).append(f)
        self.tree = tree
        self.original = OriginalImports(tree, text)
        self.imports = ImportEdits(self.original)
        self.positions = None  # of the statements with findings (``locate_everything``: of every statement)
        self.texts: Dict[int, str] = {}  # index of a top-level statement -> its generated text, when its positions are
        self.everywhere = False  # ``positions`` covers every statement
        self.module: Optional[cst.Module] = None  # this round's LibCST tree, before the transform
        self.written_todos: List[Tuple[str, str]] = []  # (code, text) TODO lines codemods wrote themselves
        self.markers = Markers()  # statements codemods commented out (``FixContext.comment_out``)
        self.written_trackers: List[str] = []  # flavor of each ``experiment_tracker=`` name a codemod wrote
        self.layout: Optional[Layout] = None  # where its statements are in the text (None: unknown)
        # id(statement) -> (statement, its code, its ast): each rewritten statement generated once
        self.generated: Dict[int, Tuple[cst.CSTNode, str, ast.Module]] = {}
        # id(ast node) -> (node, its names): each statement walked once for every question
        self.names: Dict[int, Tuple[ast.AST, NodeNames]] = {}

    def locate_everything(self) -> None:
        """Positions of every node of this round's module in ``positions``, not only of those in the
        statements with findings: once per round, whichever codemod asks first."""
        if self.everywhere:
            return
        self.everywhere = True
        if self.layout is not None:  # else ``positions_and_code(module)`` gave them all
            rest = [i for i in range(len(self.module.body)) if i not in self.texts]
            self.texts.update(self.layout.positions(rest, self.positions)[1])

    def names_of(self, node: ast.AST) -> NodeNames:
        hit = self.names.get(id(node))
        if hit is None:
            hit = self.names[id(node)] = (node, NodeNames(node))
        return hit[1]

    def statement_code(self, module: cst.Module, stmt: cst.BaseStatement) -> Tuple[str, ast.Module]:
        """The code and ``ast`` of a statement of a rewrite of this round's module."""
        hit = self.generated.get(id(stmt))
        if hit is None:
            code = module.code_for_node(stmt)
            hit = self.generated[id(stmt)] = (stmt, code, ast.parse(code))
        return hit[1], hit[2]


class FixContext:
    """What a codemod sees (one per codemod and file); see ``migrate/fix/codemod.py``."""

    def __init__(self, state: FileState, codes: Sequence[str]):
        self._state = state
        self.codes = frozenset(codes)
        self.unsafe = state.options.unsafe
        self.experiment_tracker = state.options.experiment_tracker
        self.tracker_todos = state.options.tracker_todos
        self.target = state.options.target
        self.declined: List[Tuple[str, object]] = []

    # findings
    def position(self, node: cst.CSTNode):
        return self._state.positions.get(node) if self._state.positions is not None else None

    def locate_everything(self) -> None:
        """Make ``position`` answer for every node of the module, not only for those of the
        statements with findings (a codemod whose edits reach statements with no finding of their
        own; the fixer locates only the flagged ones, a whole-module pass costs as much as the parse)."""
        self._state.locate_everything()

    def drop_imports_at(self, original, gone: Dict[Tuple[int, int], Tuple[str, str, str]]) -> None:
        """Remove the aliases of the import statement ``original`` (an original ``Import`` or
        ``ImportFrom``) that ``gone`` holds at their start (a finding's 1-based line and column),
        each with the ``(module, name, local)`` it imports (``drop_import``)."""
        if not gone or isinstance(original.names, cst.ImportStar):
            return
        plain = isinstance(original, cst.Import)
        for alias in original.names:
            position = self.position(alias)
            item = None if position is None else gone.get((position.start.line, position.start.column + 1))
            if item is not None:
                module, name, local = item
                self.drop_import(module, "" if plain else name, local)

    def at(self, node: cst.CSTNode, exact: bool = False) -> List[Finding]:
        pos = self.position(node)
        if pos is None:
            return []
        hits = self._state.by_start.get((pos.start.line, pos.start.column + 1), ())
        out = [f for f in hits if f.code in self.codes]
        if exact:
            out = [f for f in out if (f.span.end_line, f.span.end_column) == (pos.end.line, pos.end.column + 1)]
        return out

    def inside(self, node: cst.CSTNode) -> List[Finding]:
        """Findings of THIS codemod's rules within the one line ``node`` (an original node) spans,
        after its start: a name inside a string annotation (``scan/detect.quoted_expression``)."""
        pos = self.position(node)
        if pos is None or pos.start.line != pos.end.line:
            return []
        line, first, last = pos.start.line, pos.start.column + 1, pos.end.column + 1
        return [
            f for (at_line, column), found in self._state.by_start.items() if at_line == line and first < column < last
            for f in found if f.code in self.codes and f.span.end_line == line and f.span.end_column < last
        ]

    def findings(self) -> List[Finding]:
        """Every finding handed to this round, of every rule (those resolved by a fix included)."""
        return [f for found in self._state.by_start.values() for f in found]

    def rule(self, code: str) -> Rule:
        return self._state.rules[code]

    def arg(self, code: str, key: str, default=None):
        return self._state.rules[code].arg(key, default)

    def fix_arg(self, finding: Finding, key: str, default=None):
        """What the scan decided for the fix of this occurrence (``finding.fix_args``, a check's
        ``Via`` answer), else the rule's ``fix_args`` value."""
        value = finding.arg(key, _UNSET)
        return self.arg(finding.code, key, default) if value is _UNSET else value

    # names
    @property
    def detector(self):
        """The scan's detector of this round's text (read only: its name tables; what ``migrate/scan``
        decided for a finding comes with the finding, ``Finding.fix_args``)."""
        return self._state.detector

    def binding(self, local: str) -> Optional[str]:
        return self._state.detector.lookup(local, self._state.detector.module_scope)

    def imported(self, local: str) -> Optional[Tuple[str, str]]:
        return self._state.original.from_zenml.get(local)

    def keeps_name(self, local: str) -> bool:
        """Must a renamed import keep binding ``local``? (see ``imports.keeps_local_name``)"""
        return keeps_local_name(local, self._state.detector, self._state.tree)

    def exported(self, local: str) -> bool:
        """Is ``local`` used outside this module (``resolved_with.exported_name``)?"""
        return exported_name(local, self._state.detector, self._state.tree)

    def names_in(self, updated: cst.Module, wanted: Optional[Set[str]] = None) -> Tuple[Set[str], Set[str]]:
        """``(names used, plain names called)`` by ``updated`` (a rewrite of this round's
        module): untouched statements are read from the original ``ast``, only the rewritten
        ones are generated again (a whole-module codegen per codemod cost a fifth of a fix).
        ``wanted``: the names asked about; the sets are exact for them (an untouched statement
        whose text cannot use any of them is not walked: ``_may_use``)."""
        used: Set[str] = set()
        called: Set[str] = set()
        state = self._state
        for node in _statements_after(state, updated, wanted):
            names = state.names_of(node)
            used |= names.names
            called |= names.called
        return used, called

    # imports
    def add_import(self, module: str, name: str, asname: Optional[str] = None) -> str:
        return self._state.imports.add(module, name, asname)

    def added_import(self, local: str) -> Optional[Tuple[str, str]]:
        """``(module, name)`` this run imports under ``local``, when a fix added that import."""
        return self._state.imports.added(local)

    def drop_import(self, module: str, name: str, asname: Optional[str] = None) -> None:
        self._state.imports.drop(module, name, asname)

    def renamed_import_line(self, module: str, aliases) -> None:
        """An import line renamed in place now reads ``from module import <aliases>`` ((name, asname))."""
        self._state.imports.renamed_line(module, aliases)

    def drop_import_if_unused(self, local: str) -> None:
        self._state.imports.drop_if_unused(local)

    def clashes(self, name: str) -> bool:
        """Is ``name`` bound in the original file by something other than a zenml import?"""
        return self._state.imports.clashes(name)

    def wrote_todo(self, code: str, text: str) -> None:
        """Say that the codemod wrote a ``# TODO(zenml-migrate): <code> <text>`` line itself
        (a part of its rewrite left for a human): the summary lists it with the findings left."""
        self._state.written_todos.append((code, text))

    def todo_line(self, code: str, text: str) -> cst.EmptyLine:
        """A ``# TODO(zenml-migrate): <code> <text>`` line the codemod writes (``wrote_todo`` said)."""
        self.wrote_todo(code, text)
        return todo_line(code, text)

    def commented_lines(self, updated: cst.BaseStatement, todo: cst.EmptyLine, drop: Set[str] = frozenset(),
                        text: Optional[str] = None) -> List[cst.EmptyLine]:
        """``updated`` (a statement) commented out under ``todo`` (``fix/comment_out.comment_lines``)."""
        return comment_lines(self._state.module, updated, todo, drop, text)

    def comment_out(self, updated: cst.BaseStatement, todo: cst.EmptyLine, drop: Set[str] = frozenset(),
                    text: Optional[str] = None) -> cst.FlattenSentinel:
        """What a ``leave_`` returns to comment the statement ``updated`` out under ``todo``: its lines
        stay where it was (above the next statement of its block, else in the block's footer; the
        only statement of a block leaves a ``pass``) once the transform is done (``fix/comment_out``)."""
        return self._state.markers.marker(self.commented_lines(updated, todo, drop, text), todo)

    def wrote_tracker(self, flavor: str) -> None:
        """Say that the codemod wrote an experiment tracker name of ``flavor`` for one step (what
        the ``code`` summary's tracker lines count: a tracker finding another fix resolves writes none)."""
        self._state.written_trackers.append(flavor)

    def todo(self, node: cst.CSTNode, code: str) -> None:
        """Optional: say that the codemod declined a finding. Nothing to do: the finding
        stays, and every finding left after the rewrite gets its TODO line."""
        self.declined.append((code, self.position(node)))


class _Combined(cst.CSTTransformer):
    """One traversal, every codemod: ``visit_X``/``leave_X`` dispatched by node type name."""

    def __init__(self, codemods: List[object], positions=None, findings: Sequence[Finding] = (), top=None):
        super().__init__()
        self.codemods = codemods
        self._visit: Dict[str, list] = {}
        self._leave: Dict[str, list] = {}
        # statements without a finding are skipped unless a codemod needs the whole tree
        prune = positions is not None and not any(getattr(c, "whole_tree", True) for c in codemods)
        self._positions = positions if prune else None
        self._spans = sorted({(f.span.line, f.span.end_line) for f in findings})
        self._top = top  # (ids of the top-level statements, ids of those with findings), when known

    def _flagged(self, node: cst.CSTNode) -> bool:
        if self._top is not None and id(node) in self._top[0]:
            return id(node) in self._top[1]
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


# ------------------------------------------------------------------ one round
def transform(text: str, module: Optional[cst.Module], findings: List[Finding], state: FileState) -> str:
    if module is None:
        try:
            module = cst.parse_module(text)
        except (cst.ParserSyntaxError, RecursionError) as exc:
            raise RewriteError(f"LibCST cannot parse this file ({_short(exc)}); left unchanged") from None
    state.module = module
    layout = Layout(module, state.tree, text)
    top = None
    generated: Dict[int, str] = {}
    if layout.ok:  # positions only for the statements with findings
        state.layout = layout
        flagged = layout.flagged([(f.span.line, f.span.end_line) for f in findings])
        state.positions, generated = layout.positions(flagged)
        state.texts = generated
        top = ({id(stmt) for stmt in module.body}, {id(module.body[i]) for i in flagged})
    else:
        state.positions, _ = positions_and_code(module)
        state.everywhere = True
    by_codemod: Dict[str, List[str]] = {}
    for f in findings:
        if f.resolved_by:  # resolved by the other fixes (scan/resolved_with.py): an import goes with its last use
            local = import_local(state.detector, f.span)
            if local is not None:
                state.imports.drop_if_unused(local)
            continue
        codes = by_codemod.setdefault(state.rules[f.code].codemod, [])
        if f.code not in codes:
            codes.append(f.code)
    codemods = [
        load_codemod(spec)(FixContext(state, by_codemod[spec])) for spec in sorted(by_codemod, key=lambda s: min(by_codemod[s]))
    ]
    try:
        new = state.markers.fold(module.visit(_Combined(codemods, state.positions, findings, top)))
        if state.imports:
            used = _used_after(state, new, state.imports.unused) if state.imports.unused else set()
            new = state.imports.apply(new, used)
        code = layout.code(new, generated, lambda stmt: state.statement_code(new, stmt)[0]) if layout.ok else None
        if code is None:
            code = keep_untouched_lines(text, module.code, new.code)
        return code
    except SyntaxError as exc:
        raise RewriteError(f"a rewrite produced invalid code ({exc.msg}, line {exc.lineno}); file left unchanged") from None
    except RecursionError:
        raise RewriteError("too deeply nested to rewrite; file left unchanged") from None


def _used_after(state: FileState, new: cst.Module, unused: Set[str]) -> set:
    """Names the rewritten module uses (see ``_statements_after``), exact for the import
    locals ``unused`` (and their first dotted part: ``zenml`` for ``import zenml.x``), the only
    ones the import edits ask about."""
    out: set = set()
    wanted = set(unused) | {local.split(".")[0] for local in unused}
    for node in _statements_after(state, new, wanted):
        names = state.names_of(node)
        out |= names.names
        out |= names.words
    return out


def _statements_after(state: FileState, new: cst.Module, wanted: Optional[Set[str]] = None):
    """``ast`` nodes covering ``new``: statements the transform did not touch (the same
    objects) come from the original ``ast``, only the others are generated (once).
    ``wanted``: untouched statements whose text cannot use these names are left out."""
    layout = state.layout
    original = state.module
    same = {id(stmt) for stmt in original.body}
    for stmt in new.body:
        if id(stmt) in same:
            if layout is not None:
                i = layout.index[id(stmt)]
                if wanted is None or _may_use(layout.original_text(*layout.spans[i]), wanted):
                    yield from layout.nodes[i]
                continue
            lines = state.positions.lines(stmt)
            if lines is not None:
                yield from (node for node in state.tree.body if lines[0] <= node.lineno <= lines[1])
                continue
        try:
            yield state.statement_code(new, stmt)[1]
        except SyntaxError:
            yield ast.parse(new.code)
            return


# a word char, a string's closing quote(s), blanks/comments, an opening quote (and prefix), a
# word char: two literals implicitly joined into one value whose word spans the junction
_JOINED = re.compile(r"""\w(?:\"\"\"|\'\'\'|["'])(?:\s|#[^\n]*)*[rRbBuUfF]{0,2}(?:\"\"\"|\'\'\'|["'])\w""")


def _may_use(text: str, wanted: Set[str]) -> bool:
    """False when the statement(s) of ``text`` provably use none of ``wanted`` as a name, a
    called name or a word of a string literal (``NodeNames``): no wanted name in the text,
    which is ASCII (an identifier is its own text: no NFKC form), has no backslash (no escape
    in a string, no line continuation) and no two string literals joined across word
    characters (their value holds a word the text does not)."""
    if any(name in text for name in wanted):
        return True
    return not text.isascii() or "\\" in text or _JOINED.search(text) is not None


def _short(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__


def reparse(text: str) -> cst.Module:
    """LibCST parse of a rewrite (for the next round); a failure leaves the file alone."""
    try:
        return cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        raise RewriteError(f"a rewrite would not parse with LibCST ({_short(exc)}); file left unchanged") from None
