"""ZM461: module-level statements that fail on ZenML 0.20 AT IMPORT, and what depends on them
(``rules/import_time.py`` says why and what the fix does).

A component object built at module level (``KubeflowOrchestrator(name=...)``), a metadata store,
``Stack(..., metadata_store=...)``, ``repo.active_profile_name`` read by a script, the import of a
name no 0.20 release has whose value is used at module level: the module fails on 0.20 at import,
with every module that imports it, and ZM460 cannot help (its uses run at import). This module
decides, on the ``ast`` (the scan and ``codemods/import_time.py`` call the same ``inert_plan``),
which module-level statements become inert:

* a *seed*: a module-level statement (not a ``def``/``class``, a ``try``, the main guard or an
  ``if TYPE_CHECKING:``) whose code that runs at import holds a finding left for a human of a
  rule whose code fails when it runs (``Rule.fails``, in each rule's own file), or that calls at
  import a function of this module whose body holds one (and whose call runs its body:
  ``_runs_when_called``), or such a function of another project module (``FAILS_MARK``);
* the import of a zenml name that neither 0.20.0 nor 0.20.5 has, left for a human (ZM460 did not
  take it): the name is bound to a stub instead (an import statement in the block of a
  module-level ``if`` becomes that stub where it is: ``_branch_imports``);
* a *dependent*: a later module-level statement that reads at import a name a seed, a dependent
  or such an import bound (until a statement that is kept binds it again).

Each one is commented out under a TODO, and the names it bound are bound to a stub that raises
``NotImplementedError`` (with the reason) when it is used, so the module and the modules that
import those names import again. Nothing is done for a module where a ``def``/``class`` or a
``try`` statement would have to change (the module would still fail): the findings keep their
TODOs. The findings for a human inside these statements are resolved by ZM461.
"""

import ast
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

from zenml_migrate.findings import Finding, Span, mark_resolved
from zenml_migrate.scan.per_project import per_project
from zenml_migrate.scan.zenml_index import canonical, in_zenml, legacy_steps
from zenml_migrate.rules.base import Fails
from zenml_migrate.rules.import_time import BINDS, IMPORT, IN_BLOCK, REASON, STUB, STUB_NEEDED, ZM461
from zenml_migrate.rules.import_time import IMPORT_TEXT as _IMPORT, IN_BLOCK_TEXT as _IN_BLOCK, STATEMENT_TEXT as _STATEMENT

# the cross-file fact of a module-level name this module binds to a stub (written by the fix, or
# that its fix writes): another module that uses it at import fails like a use here
STUBBED = "~stubbed-by-zenml-migrate"
# the cross-file fact ``"<function>.__fails__": FAILS`` of a module: a module-level function of it whose
# body fails on 0.20 when it runs (``fails_exports``); a call of it at import in another module fails
# there like a call of such a function of that module (``_failing_functions``)
FAILS_MARK = "__fails__"
FAILS = "~fails-on-zenml-020"

_DEFERRED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


@dataclass
class Inert:
    """A module-level statement that becomes a comment, and the names its stub binds."""

    statement: ast.stmt
    span: Span
    binds: List[str]
    reasons: List[Finding] = field(default_factory=list)  # its own findings for a human
    uses: List[str] = field(default_factory=list)  # names of inert statements it reads at import
    gone: Dict[str, str] = field(default_factory=dict)  # removed import names it reads at import -> advice
    calls: List[str] = field(default_factory=list)  # functions of this module it calls that fail
    steps_run: List[str] = field(default_factory=list)  # @step functions whose body fails, run by a pipeline run it makes
    registrations: List[str] = field(default_factory=list)  # the 0.20 spelling of the components it builds
    # the other findings for a human in it (of rules that do not make it fail, or in a function body in it):
    # commented out with it, so resolved by it too (their advice is in its TODO)
    inner: List[Finding] = field(default_factory=list)


@dataclass
class StubbedImport:
    """An import name of a zenml name no 0.20 release has, bound to a stub instead."""

    span: Span
    statement: ast.stmt
    module: str
    name: Optional[str]  # None for ``import <module> as local``
    local: str
    reasons: List[Finding] = field(default_factory=list)
    # the module-level ``if`` whose block holds the import (``if TRACKER == "mlflow": from ...
    # import enable_mlflow as track``): the import becomes the stub where it is, the ``if`` stays
    within: Optional[ast.stmt] = None


@dataclass
class Plan:
    """The import stubs and inert statements of a ZM461 fix, and why it is unsafe when it is."""

    imports: List[StubbedImport]
    statements: List[Inert]
    unsafe: Optional[Tuple[ast.stmt, str]] = None  # the statement that makes the fix unsafe, and why (None: safe)

    def __bool__(self) -> bool:
        return bool(self.imports or self.statements)


# ------------------------------------------------------------------ what runs at import
def _deferred_ranges(statement: ast.stmt) -> List[Tuple[Tuple[int, int], Tuple[int, int]]]:
    """``(start, end)`` (line, col) of each function/lambda body inside ``statement``: code that
    does not run when the statement runs."""
    out = []
    # the literal parts of an f-string: before Python 3.12 they carry the position of the whole
    # f-string, whose ``{...}`` values run (``print(f"profile: {repo.active_profile_name}")``)
    parts = {id(v) for n in ast.walk(statement) if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in ast.walk(statement):
        if isinstance(node, _DEFERRED):
            body = node.body if isinstance(node.body, list) else [node.body]
            first, last = body[0], body[-1]
            out.append(((first.lineno, first.col_offset), (last.end_lineno, last.end_col_offset)))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.lineno == node.end_lineno and id(node) not in parts:
            # inside a string: a name of a string annotation (``def f(s: "SQLiteMetadataStore")``,
            # ``Union["Repository", str]``) is read only by ``typing.get_type_hints``, never when
            # the statement runs (a rule matching the whole literal is not inside it)
            out.append(((node.lineno, node.col_offset + 1), (node.end_lineno, node.end_col_offset - 1)))
    return out


def _import_time_nodes(statement: ast.stmt):
    """The nodes of ``statement`` that are evaluated when it runs (function and lambda bodies
    left out; a class body runs)."""
    stack = [statement]
    while stack:
        node = stack.pop()
        yield node
        for name, value in ast.iter_fields(node):
            if isinstance(node, _DEFERRED) and name == "body":
                continue
            if isinstance(value, list):
                stack.extend(v for v in value if isinstance(v, ast.AST))
            elif isinstance(value, ast.AST):
                stack.append(value)


def _reads(statement: ast.stmt, dropped=None) -> Set[str]:
    """Names ``statement`` reads at import (``dropped(node)``: a read a safe fix removes), not
    counting the reads of a loop's or a comprehension's own variable inside it."""
    own = _own_variable_reads(statement) | _stored_reads(statement)
    out: Set[str] = set()
    for n in _import_time_nodes(statement):
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and id(n) not in own and not (dropped and dropped(n)):
            out.add(n.id)
        elif isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Load):
            dotted = _dotted(n)  # ``tz.Old``: a name read through a project module (``_stubbed_elsewhere``)
            if dotted is not None:
                out.add(dotted)
    return out


def _dotted(node: ast.expr) -> Optional[str]:
    """``a.b.c`` for a chain of attributes on a name, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return ".".join([node.id] + parts[::-1]) if isinstance(node, ast.Name) else None


def _stored_reads(statement: ast.stmt) -> Set[int]:
    """ids of the reads in the default values and annotations of a def without decorators inside
    ``statement``: evaluated when the def runs, but only stored (``def name(kind=METADATA)`` after
    ``METADATA`` became a stub defines the function; a call that uses the default raises, with the
    reason). Only a bare name is stored: ``kind=METADATA.value``, ``kind=str(METADATA)`` or
    ``x: Optional[METADATA]`` use the stub when the def runs. A decorator may read them (``@step``
    reads the signature): not so under one."""
    out: Set[int] = set()
    for node in _import_time_nodes(statement):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or node.decorator_list:
            continue
        args = node.args
        parts = [*args.defaults, *(d for d in args.kw_defaults if d is not None), node.returns]
        parts += [a.annotation for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg) if a is not None]
        out.update(id(part) for part in parts if isinstance(part, ast.Name))
    return out


def _stored_only(detector, statement: ast.stmt, findings: List[Finding], names: Set[str]) -> List[Finding]:
    """``findings`` less those on a stored-only read (``_stored_reads``: a bare-name annotation or
    default of a def without decorators) of one of ``names`` (bound to stubs): the def runs on 0.20
    once the name is a stub (``def uri(store: SQLiteMetadataStore)`` stores the stub as the annotation)."""
    if not names or not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return findings
    stored = {
        detector._span(n) for n in _import_time_nodes(statement)
        if isinstance(n, ast.Name) and n.id in names and id(n) in _stored_reads(statement)
    }
    return [f for f in findings if f.span not in stored] if stored else findings


def _own_variable_reads(statement: ast.stmt) -> Set[int]:
    """ids of the reads of a name that a ``for`` loop (in its body) or a comprehension (in its
    element, conditions and later ``for`` clauses) inside ``statement`` binds: they read the
    value the loop gives, not the module's name (``for kind, c in cfg.items(): print(kind)``
    after a module-level ``kind`` became a stub)."""
    out: Set[int] = set()
    for node in _import_time_nodes(statement):
        if isinstance(node, (ast.For, ast.AsyncFor)):
            names = {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}
            parts: List[ast.AST] = list(node.body)
        elif isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            names = {n.id for g in node.generators for n in ast.walk(g.target) if isinstance(n, ast.Name)}
            parts = [getattr(node, f) for f in ("elt", "key", "value") if hasattr(node, f)]
            parts += [c for g in node.generators for c in g.ifs] + [g.iter for g in node.generators[1:]]
        else:
            continue
        out.update(
            id(n) for part in parts for n in ast.walk(part)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id in names
        )
    return out


def _called(statement: ast.stmt, owners: Optional[Dict[str, str]] = None) -> Set[str]:
    """The functions of this module ``statement`` calls at import, and its methods as
    ``Class.method`` (``owners``: ``_owners``)."""
    found = (_call_name(n, owners) for n in _import_time_nodes(statement) if isinstance(n, ast.Call))
    return {name for name in found if name is not None}


def _call_name(call: ast.Call, owners: Optional[Dict[str, str]], cls: Optional[str] = None) -> Optional[str]:
    """``f`` for ``f(...)``; ``C.m`` for ``C.m(...)``, ``C(...).m(...)`` and ``X.m(...)`` where
    ``owners`` says ``X`` is an instance of this module's class ``C`` (``self.m(...)`` in a method
    of ``cls``)."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if not owners or not isinstance(func, ast.Attribute):
        return None
    base = func.value
    if isinstance(base, ast.Call) and isinstance(base.func, ast.Name) and owners.get(base.func.id) == base.func.id:
        return f"{base.func.id}.{func.attr}"  # ``C(...).m()``
    if isinstance(base, ast.Name):
        owner = cls if base.id == "self" and cls is not None else owners.get(base.id)
        return f"{owner}.{func.attr}" if owner is not None else None
    return None


def _owners(tree: ast.Module) -> Dict[str, str]:
    """``{name: class}`` for this module's classes (each its own) and the module-level names bound
    once, by ``NAME = C(...)``, to an instance of one of them (``REPO = ProjectRepository()``)."""
    bound = Counter(n for stmt in tree.body for n in _binds(stmt))
    out = {s.name: s.name for s in tree.body if isinstance(s, ast.ClassDef) and bound[s.name] == 1}
    for stmt in tree.body:
        if (
            isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
            and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Name)
            and out.get(stmt.value.func.id) == stmt.value.func.id and bound[stmt.targets[0].id] == 1
        ):
            out[stmt.targets[0].id] = stmt.value.func.id
    return out


def _binds(statement: ast.stmt) -> List[str]:
    """Names a module-level statement binds in the module (assignment targets, loop and ``with``
    targets, walrus, definitions and imports in its blocks), in order."""
    out: List[str] = []
    stack: List[ast.AST] = [statement]
    while stack:
        node = stack.pop(0)
        if isinstance(node, _DEFINITIONS):
            out.append(node.name)
            continue  # its body binds in its own scope
        if isinstance(node, ast.Lambda):
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out += [(a.asname or a.name.split(".")[0]) for a in node.names if a.name != "*"]
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            out.append(node.id)
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            stack.extend(n.target for n in ast.walk(node) if isinstance(n, ast.NamedExpr))
            continue
        stack.extend(ast.iter_child_nodes(node))
    return list(dict.fromkeys(out))


def is_main_guard(node: ast.stmt) -> bool:
    from zenml_migrate.scan.no_successor import is_main_guard as main_guard

    return main_guard(node)


def is_type_checking(node: ast.stmt) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def span_inside(span: Span, start: Tuple[int, int], end: Tuple[int, int], lines) -> bool:
    from zenml_migrate.scan.detect import char_col

    return span.inside(Span(start[0], char_col(lines, start[0], start[1]) + 1, end[0], char_col(lines, end[0], end[1]) + 1))


# ------------------------------------------------------------------ the plan
def _open(findings: List[Finding], unsafe: FrozenSet[int] = frozenset()) -> List[Finding]:
    """Findings left for a human (the fixer sees them resolved by ZM461: the same ones), and the
    findings of ``unsafe`` (ids: their own fix is unsafe, ``--fix`` leaves them)."""
    return [
        f for f in findings
        if f.code != ZM461.code and (
            (f.fix is None and f.needs is None and f.resolved_by is None) or f.resolved_by == ZM461.code or id(f) in unsafe
        )
    ]


def _fixes_of_others(findings: List[Finding]) -> List[Finding]:
    return [f for f in findings if f.code != ZM461.code and f.fix == "unsafe" and f.resolved_by is None and f.needs is None]


def _superseded(detector, inert: "Inert", findings: List[Finding]) -> List[Finding]:
    """The findings of other rules with an unsafe fix of their own whose rewritten code would carry
    a name that ``inert`` reads and that becomes a stub (ZM210 splits ``X = s().with_return_
    materializers(Gone)`` into ``X = s()`` + ``X.configure(output_materializers=Gone)``: the
    second statement would read the gone name outside the comment). The comment takes them
    (their advice is in its TODO). Rewrites of other parts stay (ZM430's dict inside a commented
    loop: the comment shows the 0.20 spelling)."""
    names = set(inert.gone) | set(inert.uses)
    candidates = [f for f in _fixes_of_others(findings) if inert.span.line <= f.span.line <= inert.span.end_line]
    if not names or not candidates:
        return []
    start = lambda s: (s.line, s.column)  # noqa: E731
    end = lambda s: (s.end_line, s.end_column)  # noqa: E731
    within = lambda inner, outer: start(outer) <= start(inner) and end(inner) <= end(outer)  # noqa: E731
    nodes = list(ast.walk(inert.statement))
    reads = [detector._span(n) for n in nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id in names]
    calls = [detector._span(n) for n in nodes if isinstance(n, ast.Call)]

    def rewritten(f: Finding) -> Span:
        """The call a finding's rewrite takes (its span on ``s().with_return_materializers`` is
        the callee: the rewrite moves the arguments too), else its own span."""
        around = [c for c in calls if within(f.span, c)]
        return max(around, key=lambda c: (start(c), (-end(c)[0], -end(c)[1]))) if around else f.span  # the innermost

    return [f for f in candidates if any(within(r, rewritten(f)) for r in reads)]


def _unsafe_at_import(detector, findings: List[Finding], fails: FrozenSet[str], first: FrozenSet[str] = frozenset()) -> FrozenSet[int]:
    """The ids of the findings of ``fails`` whose own fix is unsafe, in a module-level statement
    outside a function body (ZM430's ``for name, cfg in repo.stack_configurations.items():``):
    ``--fix`` leaves them and the module fails at import there. And those of the rules ``first``
    (``Rule.stub_first``) on the module-level import of a zenml name no 0.20 release has, or on
    a read of the name it binds (ZM114's value of a removed constant): ``--fix`` leaves the import,
    which fails."""
    unsafe = [f for f in findings if f.fix == "unsafe" and f.resolved_by is None and f.needs is None]
    candidates = [f for f in unsafe if _fails_here(detector, f, fails)]
    top = detector.top_level() if unsafe else None
    if top is None:
        return frozenset()
    out = set()
    others = [f for f in unsafe if f.code in first]
    if others:  # on the import of a zenml name no 0.20 release has (ZM114's value), or a read of its name
        gone = _gone_imports_of(detector)
        spans = {g[0] for g in gone} | _stub_reads(detector, {g[4] for g in gone}) if gone else set()
        out.update(id(f) for f in others if f.span in spans)
    for f in candidates:
        stmt = next((s for s in top.body if s.lineno <= f.span.line <= (s.end_lineno or s.lineno)), None)
        if stmt is None or isinstance(stmt, (*_DEFINITIONS, ast.Try)) or is_main_guard(stmt) or is_type_checking(stmt):
            continue
        if not any(span_inside(f.span, a, b, detector.lines) for a, b in _deferred_ranges(stmt)):
            out.add(id(f))
    return frozenset(out)


def _is_help(stmt: ast.stmt, lines: List[str]) -> bool:
    """A notebook's ``obj?`` line (shown to the rules as ``obj``): IPython looks the name up for
    help and never fails on it."""
    from zenml_migrate.scan.notebook import HELP_MARK

    return isinstance(stmt, ast.Expr) and HELP_MARK in lines[stmt.lineno - 1]


def inert_plan(detector, findings: List[Finding], fails: FrozenSet[str], unsafe: FrozenSet[int] = frozenset()) -> Plan:
    """What becomes inert in this module (see the module docstring); an empty plan when nothing
    does or when the module would still fail. ``unsafe``: ids of findings with an unsafe fix of
    their own that count as left for a human (``mark`` decides)."""
    open_findings = _open(findings, unsafe)
    elsewhere = _stubbed_elsewhere(detector)  # names of other modules bound to a stub: their uses fail too
    fails_there = _fails_elsewhere(detector)  # is a call a call of another module's function that fails?
    if not open_findings and not elsewhere and fails_there is None:
        return Plan([], [])  # before reading ``detector.tree``: the whole module is parsed on first read
    open_spans: Dict[Span, List[Finding]] = {}
    for f in open_findings:
        open_spans.setdefault(f.span, []).append(f)
    gone_imports = [g for g in _gone_imports_of(detector, open_spans) if g[0] in open_spans]
    in_blocks = {g[0] for g in gone_imports if g[5] is not None}
    if in_blocks:  # the findings on them go with their stubs: they make no statement inert
        open_findings = [f for f in open_findings if f.span not in in_blocks]
    if not gone_imports and not elsewhere and fails_there is None and not any(_fails_here(detector, f, fails) for f in open_findings):
        return Plan([], [])
    failing = [f for f in open_findings if _fails_here(detector, f, fails)]
    if not elsewhere and fails_there is None and _nothing_inert(detector, failing, {g[4] for g in gone_imports}):
        return Plan([], [])  # decided before reading ``detector.tree`` (the rest of the module unparsed)
    tree, lines = detector.tree, detector.lines
    imports = [
        StubbedImport(span, stmt, module, name, local, open_spans[span], within)
        for span, stmt, module, name, local, within in gone_imports
    ]
    kept_in: Dict[int, Set[str]] = {}  # id of a module-level ``if`` -> the names its blocks bind to stubs
    for i in imports:
        if i.within is not None:
            kept_in.setdefault(id(i.within), set()).add(i.local)
    by_statement = _by_statement(tree, failing)
    owners = _owners(tree)

    def _functions_failing(names: Set[str]) -> Set[str]:
        return _failing_functions(
            tree, by_statement, lines, names, fails_there, lambda func: _runs_when_called(detector, func), owners
        )

    function_reads = {i.local for i in imports} | set(elsewhere)  # the names ``failing_functions`` was found with
    failing_functions = _functions_failing(function_reads)
    failing_steps = _failing_functions(
        tree, by_statement, lines, {i.local for i in imports} | set(elsewhere), fails_there, lambda func: _is_step(detector, func)
    )
    tainted: Dict[str, int] = {**elsewhere, **{i.local: i.span.line for i in imports}}
    gone_advice = {i.local: advice(i.reasons) for i in imports}
    statements: List[Inert] = []
    # ``store.get_pipelines()`` becomes ``get_pipelines()`` (ZM302): not a use of ``store`` then
    from zenml_migrate.scan.resolved_with import dropped_receivers

    receivers = dropped_receivers(detector, findings)
    dropped = (lambda node: detector._span(node) in receivers) if receivers else None
    fixed_spans = [f.span for f in findings if f.fix == "safe" and f.code != ZM461.code]  # rewritten by a fix of their own
    read_spans: Dict[FrozenSet[str], Set[Span]] = {}

    def stub_reads(names: Dict[str, int]) -> Set[Span]:
        key = frozenset(names)
        if key not in read_spans:
            read_spans[key] = _stub_reads(detector, set(key))
        return read_spans[key]

    lines_used: Dict[int, int] = {}
    for stmt in tree.body:
        for line in {stmt.lineno, stmt.end_lineno or stmt.lineno}:
            lines_used[line] = lines_used.get(line, 0) + 1
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)) or is_main_guard(stmt) or is_type_checking(stmt) or _is_help(stmt, lines):
            continue
        own = [
            f for f in by_statement.get(id(stmt), [])
            if not any(span_inside(f.span, a, b, lines) for a, b in _deferred_ranges(stmt))
        ]
        own = _stored_only(detector, stmt, own, {i.local for i in imports})
        used = sorted(_reads(stmt, dropped) & set(tainted), key=lambda n: (tainted[n], n)) if tainted else []  # a name, not a set, breaks ties: the same text every run
        gone = {n: gone_advice[n] for n in used if n in gone_advice}
        if not set(tainted) <= function_reads:
            # a function reading a name an inert statement above binds to a stub fails when called now
            # (``ALL = store.flavors`` ... ``def summary(): return len(ALL)`` ... ``print(summary())``)
            function_reads = function_reads | set(tainted)
            failing_functions = _functions_failing(function_reads)
        calls = sorted(_called(stmt, owners) & failing_functions) if failing_functions else []
        steps_run = sorted(_called(stmt) & failing_steps) if failing_steps and _runs_a_pipeline(detector, stmt) else []
        calls += steps_run  # ``DAG = p(trainer=trainer()).run()``: the steps' bodies run
        if fails_there is not None:
            calls += [c for c in _called_elsewhere(stmt, fails_there) if c not in calls]
        binds = _binds(stmt)
        if not (own or used or calls):
            for name in binds:
                if name in kept_in.get(id(stmt), ()):
                    continue  # the stub its block binds (the other blocks may bind something else)
                tainted.pop(name, None)  # bound again by a statement that is kept
                gone_advice.pop(name, None)
            continue
        shares_a_line = any(lines_used[line] > 1 for line in {stmt.lineno, stmt.end_lineno or stmt.lineno})
        if _fails_in_bases(stmt, own, set(used), lines, fixed_spans):
            pass  # a class 0.20 cannot define at all (its base is gone): commented out whole (unsafe)
        elif (
            isinstance(stmt, _DEFINITIONS) and STUB not in binds and not shares_a_line
            and _fails_when_defined(stmt, [f for f in own if f.span not in stub_reads(tainted)], calls)
        ):
            pass  # a class or def whose body or head fails when it is defined: commented out whole (unsafe)
        elif isinstance(stmt, (*_DEFINITIONS, ast.Try)) or STUB in binds or shares_a_line:
            return Plan([], [])  # a definition or the user's own guard: the module would still fail
        inert = Inert(stmt, detector._span(stmt), binds, own, uses=[n for n in used if n not in gone], gone=gone, calls=[c for c in calls if c not in steps_run], steps_run=steps_run)
        inert.registrations = [r for r in (_registration(detector, stmt, f) for f in own if _fails_of(f).registration) if r]
        statements.append(inert)
        for name in binds:
            tainted[name] = stmt.lineno
            gone_advice.pop(name, None)
    if not statements and not imports:
        return Plan([], [])
    import_spans = {i.span for i in imports}
    for inert in statements:
        taken = {id(f) for f in inert.reasons}
        inert.inner = [
            f for f in [*open_findings, *_superseded(detector, inert, findings)]
            if inert.span.line <= f.span.line <= inert.span.end_line and id(f) not in taken and f.span not in import_spans
        ]
    return Plan(imports, statements, _unsafe(detector, tree, statements))


# ------------------------------------------------------------------ safe or unsafe
# calls that only build a value: builtins (when the module does not bind the name) and a few
# reads of the environment
_PURE_BUILTINS = frozenset({
    "dict", "list", "set", "tuple", "frozenset", "str", "int", "float", "bool", "bytes", "len", "sorted", "min",
    "max", "sum", "range", "enumerate", "zip", "reversed", "isinstance", "issubclass", "repr", "abs", "round", "any",
    "all", "getattr", "hasattr",
})
# imports of zenml modules by name (``importlib.import_module("zenml.steps")``): like ``from zenml.x import y``
_IMPORT_CALLS = frozenset({"importlib.import_module", "importlib.__import__"})

_PURE_CALLS = frozenset({
    "os.getenv", "os.environ.get", "os.getcwd", "os.path.join", "os.path.expanduser", "os.path.expandvars",
    "os.path.abspath", "os.path.realpath", "os.path.normpath", "os.path.dirname", "os.path.basename",
    "os.path.splitext", "os.path.split", "pathlib.Path", "pathlib.PurePath", "pathlib.Path.cwd", "pathlib.Path.home",
    "getpass.getuser", "socket.gethostname",
    # date and time values (a DAG's ``start_date``, a schedule's ``start_time``)
    "datetime.datetime", "datetime.date", "datetime.time", "datetime.timedelta", "datetime.timezone",
    "datetime.datetime.now", "datetime.datetime.utcnow", "datetime.date.today", "datetime.datetime.fromisoformat",
    # containers of the standard library: they only hold what they are given (``DEFAULTS =
    # types.SimpleNamespace(store=SQLiteMetadataStore)``: held-out 33 r04); a partial calls nothing yet
    "types.SimpleNamespace", "types.MappingProxyType", "collections.OrderedDict", "collections.ChainMap",
    "functools.partial",
})
# calls that only show their arguments (a statement made of one, with pure arguments, only outputs)
_SHOW_BUILTINS = frozenset({"print", "display"})  # ``display``: IPython's, a notebook builtin
_SHOW_CALLS = frozenset({
    "pprint.pprint", "pprint.pp", "rich.print", "IPython.display.display", "sys.stdout.write", "sys.stderr.write",
    *(f"logging.{level}" for level in ("debug", "info", "warning", "warn", "error", "critical", "exception", "log")),
})
_LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "critical", "exception", "log"})
_STREAMLIT_SHOWS = frozenset({
    "write", "caption", "markdown", "text", "title", "header", "subheader", "code", "json", "info", "success",
    "warning", "error", "metric", "table", "dataframe", "latex",
})
# a safety-net message that names one release: the other one may import the module
_ONE_RELEASE = re.compile(r"ZenML 0\.20\.\d")
_NOT_FAILING = Fails()


@lru_cache(maxsize=None)
def _failing() -> Dict[str, Fails]:
    """Rule code -> its ``Rule.fails``, for the catalog's rules whose finding left for a human
    fails when its code runs (each rule says so in its own file)."""
    from zenml_migrate.rules import all_rules

    return {r.code: r.fails for r in all_rules() if r.fails is not None}


def _fails_here(detector, finding: Finding, fails: FrozenSet[str]) -> bool:
    """Does ``finding`` (left for a human) fail when its code runs: a rule of ``fails``, and not a
    string value one of its ``StrLit`` matched (``os.environ.get("ZENML_PROFILE_NAME")`` reads a
    variable 0.20 ignores: nothing raises)?"""
    return finding.code in fails and (finding.code, finding.span) not in getattr(detector, "literal_findings", ())


def _fails_of(finding: Finding) -> Fails:
    return _failing().get(finding.code, _NOT_FAILING)


@lru_cache(maxsize=None)
def _stub_first() -> FrozenSet[str]:
    """The codes of the catalog's rules whose own unsafe fix of a removed import yields to the
    stub (``Rule.stub_first``)."""
    from zenml_migrate.rules import all_rules

    return frozenset(r.code for r in all_rules() if r.stub_first)


class _Purity:
    """Which calls of a module only build a value (the safe fix may drop them): zenml classes
    (component, stack, metadata store constructors, ``Repository()``), ``get*`` reads of zenml
    objects, a call a rule reported as a zenml construct (``AcmeOrchestrator(name=...)``: ZM410),
    pure builtins, a mapping's ``items()``/``keys()``/``values()``, and functions (and methods of
    its classes, without decorators) of the module made only of such code (``def build(kind):
    return Stack(...)``)."""

    def __init__(self, detector, tree: ast.Module, reported: Set[Span]):
        self.detector, self.reported = detector, reported
        self.bound = {name for stmt in tree.body for name in _binds(stmt)}
        self.imported: Dict[str, str] = {}  # local name -> what it names (``os``, ``pathlib.Path``)
        for stmt in tree.body:
            if isinstance(stmt, ast.Import):
                self.imported.update({a.asname or a.name.split(".")[0]: a.name if a.asname else a.name.split(".")[0] for a in stmt.names})
            elif isinstance(stmt, ast.ImportFrom) and stmt.module and not stmt.level:
                self.imported.update({a.asname or a.name: f"{stmt.module}.{a.name}" for a in stmt.names})
        self.loggers = {  # module-level names bound to a logger (``logger = logging.getLogger(__name__)``)
            stmt.targets[0].id
            for stmt in tree.body
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
            and isinstance(stmt.value, ast.Call)
            and (self._qualified(stmt.value.func) == "logging.getLogger" or detector.resolve(stmt.value.func) == "zenml.logger.get_logger")
        }
        self.functions: Set[str] = set()  # and methods of the module's classes, as ``Class.method`` (``_call_name``)
        self.owners = _owners(tree)
        self._cls: Optional[str] = None  # the class of the method whose body is read (``self.m()``)
        candidates = {
            s.name: (s, None) for s in tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and not s.decorator_list
        }
        for cls in tree.body:
            if isinstance(cls, ast.ClassDef) and self.owners.get(cls.name) == cls.name:
                candidates.update(
                    (f"{cls.name}.{m.name}", (m, cls.name)) for m in cls.body
                    if isinstance(m, ast.FunctionDef) and all(_is_builtin(d, ("staticmethod", "classmethod"), self.bound) for d in m.decorator_list)
                )
        changed = True
        while changed:  # a function calling a pure function is pure
            changed = False
            for name, (fn, self._cls) in candidates.items():
                if name not in self.functions and self._pure_body(fn.body):
                    self.functions.add(name)
                    changed = True
        self._cls = None

    def _pure_body(self, body: List[ast.stmt]) -> bool:
        for stmt in body:
            if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
                continue  # a docstring
            if isinstance(stmt, ast.If):
                if self.impure(stmt.test) or not self._pure_body(stmt.body) or not self._pure_body(stmt.orelse):
                    return False
                continue
            if isinstance(stmt, (ast.Return, ast.Pass)):
                if stmt.__class__ is ast.Return and stmt.value is not None and self.impure(stmt.value):
                    return False
                continue
            if _assigns_names(stmt):
                if stmt.value is not None and self.impure(stmt.value):
                    return False
                continue
            return False
        return True

    def impure(self, node: ast.AST) -> Optional[str]:
        """The first call in ``node`` (run now: lambda bodies left out) that may do more than
        build a value, as written (None: none)."""
        for n in _import_time_nodes(node):
            if isinstance(n, (ast.Yield, ast.YieldFrom, ast.Await, ast.NamedExpr)):
                return ast.unparse(n)[:60]
            if isinstance(n, ast.Call) and not self._pure_call(n):
                return f"`{ast.unparse(n.func)[:60]}(...)`"
        return None

    def _pure_call(self, call: ast.Call) -> bool:
        func = call.func
        if isinstance(func, ast.Name) and (func.id in self.functions or (func.id in _PURE_BUILTINS and func.id not in self.bound)):
            return True
        if isinstance(func, ast.Attribute) and _call_name(call, self.owners, self._cls) in self.functions:
            return True  # ``REPO.summary()``: a method of the module's class made only of such code
        if isinstance(func, ast.Attribute) and func.attr in _VIEWS and not call.args and not call.keywords:
            return True  # ``cfg.items()``: a mapping's view, read
        if any(self.detector._span(n) in self.reported for n in (func, *call.keywords)):
            return True  # a rule reported it as a zenml construct (a component subclass built with field keywords)
        if self._imports_zenml(call):
            return True
        resolved = self.detector.resolve(func) or ""
        if self._qualified(func) in _PURE_CALLS:
            return True
        if not call.args and self.detector.index.ported_where_used(resolved):
            return True  # ``enable_wandb(settings=...)`` with no step: builds the decorator, applied later
        if resolved in legacy_steps():
            return True  # ``alerter_step(config=...)`` (ZenML 0.8): a ``@step`` function, the call builds the step
        last = resolved.rsplit(".", 1)[-1]
        return resolved.startswith("zenml.") and (last[:1].isupper() or last.startswith("get"))


    def _imports_zenml(self, call: ast.Call) -> bool:
        """``__import__("zenml.x", ...)`` / ``importlib.import_module("zenml.x")``: loads a zenml
        module, as an import statement does (a user's module would run its code: not pure)."""
        func = call.func
        importer = (isinstance(func, ast.Name) and func.id == "__import__" and "__import__" not in self.bound) or (
            self._qualified(func) in _IMPORT_CALLS
        )
        name = call.args[0] if call.args else None
        return bool(importer) and isinstance(name, ast.Constant) and isinstance(name.value, str) and (
            in_zenml(name.value)
        )

    def only_shows(self, value: ast.expr) -> bool:
        """Does an expression statement only show values: a call of ``print``, ``logging``, a
        logger, ``pprint``, IPython's ``display`` or a streamlit display function (``st.write``, in the
        sidebar too: ``st.sidebar.write``) whose arguments only build values, or a bare expression
        without such calls (a notebook displays it)?"""
        if not isinstance(value, ast.Call):
            return self.impure(value) is None
        func = value.func
        shows = isinstance(func, ast.Name) and func.id in _SHOW_BUILTINS and func.id not in self.bound | set(self.imported)
        qualified = self._qualified(func) or ""
        shows = shows or qualified in _SHOW_CALLS
        shown_by = qualified[len("streamlit."):] if qualified.startswith("streamlit.") else ""
        if shown_by.startswith("sidebar."):  # ``st.sidebar.write(...)``: the same display function, in the sidebar
            shown_by = shown_by[len("sidebar."):]
        shows = shows or ("." not in shown_by and shown_by in _STREAMLIT_SHOWS)
        shows = shows or (
            isinstance(func, ast.Attribute) and func.attr in _LOG_METHODS and isinstance(func.value, ast.Name)
            and func.value.id in self.loggers
        )
        return shows and all(self.impure(a) is None for a in (*value.args, *(k.value for k in value.keywords)))

    def loop_only_shows(self, stmt: ast.stmt) -> bool:
        """Is ``stmt`` a ``for`` loop over a value that only builds values (a mapping's
        ``items()``, ``keys()``, ``values()`` are reads) whose body only shows values (``for name, cfg in
        repo.stack_configurations.items(): print(name, cfg)``), ``if`` tests and nested loops of
        the same kind included, at least one value shown? What it binds is its loop variables
        (names only)."""
        if not (isinstance(stmt, ast.For) and _names_only(stmt.target)) or stmt.orelse:
            return False
        shows = any(isinstance(n, ast.Expr) for n in ast.walk(stmt))  # a loop that shows nothing is no output
        return shows and self.impure(stmt.iter) is None and self._shows_only(stmt.body)

    def _shows_only(self, body: List[ast.stmt]) -> bool:
        for stmt in body:
            if isinstance(stmt, (ast.Pass, ast.Break, ast.Continue)):
                continue
            if isinstance(stmt, ast.Expr) and self.only_shows(stmt.value):
                continue
            if isinstance(stmt, ast.If) and self.impure(stmt.test) is None and self._shows_only(stmt.body) \
                    and self._shows_only(stmt.orelse):
                continue
            if self.loop_only_shows(stmt):
                continue
            return False
        return True

    def _qualified(self, func: ast.expr) -> Optional[str]:
        """``os.environ.get`` for ``os.environ.get`` when the module imports ``os`` (the scan's
        resolver knows zenml names only)."""
        parts = []
        while isinstance(func, ast.Attribute):
            parts.append(func.attr)
            func = func.value
        if not isinstance(func, ast.Name) or func.id not in self.imported:
            return None
        return ".".join([self.imported[func.id], *reversed(parts)])


_VIEWS = frozenset({"items", "keys", "values"})  # a dict's views: reading them builds nothing


def _is_builtin(node: ast.expr, names: Tuple[str, ...], bound: Set[str]) -> bool:
    """``node`` names one of the builtins ``names`` (the module does not bind it)."""
    return isinstance(node, ast.Name) and node.id in names and node.id not in bound


def _names_only(target: ast.expr) -> bool:
    """Is ``target`` made of names only (no attribute or item: those change an object)?"""
    if isinstance(target, ast.Starred):
        return _names_only(target.value)
    if isinstance(target, (ast.Tuple, ast.List)):
        return all(_names_only(t) for t in target.elts)
    return isinstance(target, ast.Name)


def _assigns_names(stmt: ast.stmt) -> bool:
    """Is ``stmt`` an assignment to names only (no attribute or item: those change an object)?"""
    if isinstance(stmt, ast.Assign):
        return all(_names_only(t) for t in stmt.targets)
    return isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)


def _unsafe(detector, tree: ast.Module, statements: List[Inert]) -> Optional[Tuple[ast.stmt, str]]:
    """Why commenting ``statements`` out is an unsafe fix (None: safe). Safe when each one only
    binds names from a value that fails at import on every 0.20 release (nothing else is
    dropped, and what used the names raises, with the reason, where it is used), or only shows
    values (``print(repo.active_profile_name)``: only that output is dropped, and the TODO keeps
    the line), or only checks values (an ``assert`` of reads: Python drops it under ``-O``). The statements of a module go together (the module imports only when all of them
    do)."""
    purity = _Purity(detector, tree, {f.span for s in statements for f in s.reasons})
    for item in statements:
        stmt = item.statement
        if isinstance(stmt, ast.Expr) and purity.only_shows(stmt.value) or purity.loop_only_shows(stmt):
            pass  # output only
        elif isinstance(stmt, ast.Assert) and purity.impure(stmt) is None:
            pass  # a check of values, which ``python -O`` drops too: only its AssertionError goes
        elif not _assigns_names(stmt):
            if isinstance(stmt, ast.Expr):
                kind = "calls " + (purity.impure(stmt) or "nothing")
            elif isinstance(stmt, ast.AugAssign):
                kind = "changes a value in place"
            elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
                kind = "assigns to an attribute or item"
            else:
                word = {ast.ClassDef: "class", ast.FunctionDef: "def", ast.AsyncFunctionDef: "async def"}.get(
                    type(stmt), stmt.__class__.__name__.lower()
                )
                kind = f"is {'an' if word[0] in 'aeiou' else 'a'} `{word}` statement"
            return stmt, f"{kind}: commented out, what it does at import would be silently dropped"
        else:
            call = purity.impure(stmt.value) if stmt.value is not None else None
            if call:
                return stmt, f"calls {call}: commented out, what that call does would be silently dropped"
        one = next((f for f in item.reasons if _fails_of(f).one_release and _ONE_RELEASE.search(f.message)), None)
        if one:
            return stmt, f"fails on one ZenML 0.20 release only ({one.code}): the other one may run it"
        some = [f for f in item.reasons if _fails_of(f).some_classes]
        if some and not _fails_for_every_class(detector, stmt, some):
            return stmt, f"reads what {some[0].code} reports, {_fails_of(some[0]).some_classes}: it may run there"
    return None


def _fails_for_every_class(detector, stmt: ast.stmt, findings: List[Finding]) -> bool:
    """Does each of ``findings`` (a rule whose ``Fails.some_classes``) in ``stmt`` fail for every
    class it can read (``Fails.fails_for``, the rule's own judgement)? The classes of a read are
    the class it names, or every value of the table or loop it goes through (``Detector.read_on``);
    False when one is not known, or the rule does not say."""
    by_span = {f.span: _fails_of(f).fails_for for f in findings}
    seen = set()
    for node in ast.walk(stmt):
        span = detector._span(node) if isinstance(node, ast.Attribute) else None
        if span not in by_span:
            continue
        fails_for = by_span[span]
        values = detector.read_on.get(span)
        if values is None:
            value = detector.resolve(node.value, detector.module_scope)
            values = [value] if value else []
        runs = [fails_for is None or not fails_for(v) for v in values]
        if not values or (all(runs) if _reads_every_item(stmt, node) else any(runs)):
            return False
        seen.add(span)
    return seen == set(by_span)


def _reads_every_item(stmt: ast.stmt, read: ast.Attribute) -> bool:
    """Is ``read`` (``cls.FLAVOR``) made on every item of what it goes through: ``cls`` the variable
    of the only generator, with no ``if``, of a list, set or dict comprehension of ``stmt`` (it runs
    at once, on each item in turn: one item that fails is enough)? A generator expression may stop
    early (``any(...)``), a lookup picks one item: no."""
    if not isinstance(read.value, ast.Name):
        return False
    comps = [c for c in ast.walk(stmt) if isinstance(c, (ast.ListComp, ast.SetComp, ast.DictComp))
             and any(isinstance(t, ast.Name) and t.id == read.value.id for g in c.generators for t in ast.walk(g.target))]
    return (len(comps) == 1 and len(comps[0].generators) == 1 and not comps[0].generators[0].ifs
            and isinstance(comps[0].generators[0].target, ast.Name) and any(n is read for n in ast.walk(comps[0])))


def unsafe_reason(plan: Plan, item) -> str:
    """Why the fix of ``item`` (of ``plan``) is unsafe, as its message says it (no line numbers:
    the same words after a ``--fix`` run moved the lines)."""
    stmt, why = plan.unsafe
    if getattr(item, "statement", None) is stmt:
        return f"this statement {why}"
    return f"it goes with a statement that {why} (every statement of this module that fails at import, or none)"


def _fails_in_bases(stmt: ast.stmt, findings: List[Finding], names: Set[str], lines, fixed: List[Span] = ()) -> bool:
    """Is ``stmt`` a class whose base (or a keyword of its ``class`` line: a metaclass) fails on
    0.20: a failing finding in it, or a read there of a name bound to what 0.20 cannot build
    (``class PgStore(BaseMetadataStore)``)? No 0.20 release can define that class: it cannot be
    ported by a change inside it, so the whole statement is commented out (unsafe: ``_unsafe``).
    A base a safe fix rewrites (``fixed``: ``bsc.BaseStepConfig`` -> ``BaseParameters``) is none."""
    if not isinstance(stmt, ast.ClassDef) or getattr(stmt, "type_params", None):
        return False
    for expr in [*stmt.bases, *(k.value for k in stmt.keywords)]:
        start, end = (expr.lineno, expr.col_offset), (expr.end_lineno, expr.end_col_offset)
        if any(span_inside(span, start, end, lines) for span in fixed):
            continue
        if names and any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(expr)):
            return True
        if any(span_inside(f.span, start, end, lines) for f in findings):
            return True
    return False


def _fails_when_defined(stmt: ast.stmt, findings: List[Finding], calls=()) -> bool:
    """Is ``stmt`` a class or def whose code that runs when it is defined (its decorators, default
    values, annotations, a class body outside its functions) fails on 0.20: a failing finding there
    (``findings``: the statement's own, none in a function body, none on a read of a name bound to a
    stub: the stub may only be stored or typed there, ``List[Stub]`` works) or a call there of a
    function that fails (``calls``)? ``@dataclass class Settings: profile: str =
    GlobalConfiguration().active_profile_name`` raises on 0.20 when the module runs it: no 0.20
    release defines it as written. Like a class whose base is gone (``_fails_in_bases``) it is
    commented out whole and its name bound to the stub (unsafe: ``_unsafe``), so the module imports
    again and a use of the name raises with the reason."""
    return isinstance(stmt, _DEFINITIONS) and not getattr(stmt, "type_params", None) and bool(findings or calls)


def _nothing_inert(detector, failing: List[Finding], gone: Set[str]) -> bool:
    """Is ``inert_plan``'s answer empty, as told by the statements the scan parsed
    (``top_level``), without parsing the rest of the module? It is when a module-level def,
    class or try holds a failing finding outside its function bodies, or reads a removed
    import's name (``gone``) that no statement before it binds again (the module would still
    fail: ``inert_plan`` gives up there); or when nothing was removed and every failing finding
    lies in a function body of a statement that is no function or class (nothing runs it at import).
    Each finding's statement is among the parsed ones, and so is every statement whose text
    holds the name of a module-level zenml import (the scan's prune follows those names); no
    other statement shares their lines (a piecemeal parse takes one statement per chunk of
    lines): the statements found are those ``inert_plan`` finds in the whole tree."""
    top = detector.top_level()
    if top is None:
        return False
    deferred_only = True
    for f in failing:
        stmt = next((s for s in top.body if _holds(s, f.span.line)), None)
        if stmt is None:
            deferred_only = False
            continue
        deferred = any(span_inside(f.span, a, b, detector.lines) for a, b in _deferred_ranges(stmt))
        deferred = deferred or not _stored_only(detector, stmt, [f], gone)  # the stub is only stored there
        if not deferred and isinstance(stmt, (*_DEFINITIONS, ast.Try)) and not _fails_when_defined(stmt, [f]):
            return True
        if not deferred or isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) or _methods_called(stmt, top):
            deferred_only = False  # a statement that may become inert, or a function or method that fails when called
    if not gone:
        return deferred_only
    for stmt in top.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)) or is_main_guard(stmt) or is_type_checking(stmt):
            continue  # as inert_plan's loop does
        if isinstance(stmt, (*_DEFINITIONS, ast.Try)) and _reads(stmt) & gone and not _fails_in_bases(stmt, [], gone, detector.lines):
            return True
        gone = gone.difference(_binds(stmt))
        if not gone:
            return False
    return False


def _methods_called(stmt: ast.stmt, top: ast.Module) -> bool:
    """Is ``stmt`` a class one of whose methods a parsed module-level statement may call at import
    (``X.m(...)`` with ``m`` a method name of it, whatever ``X``: the prune keeps every statement
    that reads a name bound from the class)?"""
    if not isinstance(stmt, ast.ClassDef):
        return False
    names = {m.name for m in stmt.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))}
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in names
        for s in top.body if not isinstance(s, _DEFINITIONS) for n in _import_time_nodes(s)
    )


def _component_types() -> Dict[str, Tuple[str, Optional[str]]]:
    """0.13.2/0.20 component class name -> (its component type, its 0.20 flavor name; None for a
    base class) (rules/data/component_flavors.json)."""
    global _TYPES
    if _TYPES is None:
        from zenml_migrate.rules.client import component_data

        _TYPES = {
            path.rsplit(".", 1)[-1]: (info["type"], info.get("flavor_name"))
            for path, info in component_data().items() if info.get("type")
        }
    return _TYPES


_TYPES: Optional[Dict[str, Tuple[str, Optional[str]]]] = None


def _option(keyword: ast.keyword) -> str:
    value = keyword.value
    if isinstance(value, ast.Constant) and isinstance(value.value, (str, int, float, bool)):
        text = str(value.value)
        return f"--{keyword.arg}={text}" if text and not any(c.isspace() or c in "'\"$`" for c in text) else f"--{keyword.arg}=..."
    return f"--{keyword.arg}=..."


def _registration(detector, statement: ast.stmt, finding: Finding) -> Optional[str]:
    """``zenml <type> register NAME --flavor=... --key=value``, then ``Client().active_stack.<type>``:
    the 0.20 spelling of the component a ``name=`` keyword (ZM410's finding) builds."""
    for node in ast.walk(statement):
        if not (isinstance(node, ast.keyword) and node.arg == "name" and detector._span(node) == finding.span):
            continue
        call = detector.parent(node)
        resolved = detector.resolve(call.func) if isinstance(call, ast.Call) else None
        kind, flavor = _component_types().get((resolved or "").rsplit(".", 1)[-1], (None, None))
        if kind is None or not (isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            return None
        options = " ".join(_option(k) for k in call.keywords if k.arg not in (None, "name"))
        command = f"zenml {kind.replace('_', '-')} register {node.value.value} --flavor={flavor or '<its flavor>'}" + (f" {options}" if options else "")
        return f"`{command}`, add it to a stack (`zenml stack register`/`update`), read it as `Client().active_stack.{kind}`"
    return None


def _failing_functions(
    tree: ast.Module, by_statement, lines, gone: Set[str], fails_there=None, runs=None, owners: Optional[Dict[str, str]] = None
) -> Set[str]:
    """Module-level functions whose body holds a failing finding or uses a removed import name,
    or calls such a function (by name), or a function of another project module that fails
    (``fails_there(call)``: its ``FAILS_MARK`` fact); only those whose call runs their body
    (``runs(def)``: ``_runs_when_called``). With ``owners`` (``_owners``), the methods of the
    module's classes too, as ``Class.method`` (``REPO.summary()`` at import runs its body)."""
    functions = {
        s.name: (s, s, None) for s in tree.body
        if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and (runs is None or runs(s))
    }
    for cls in tree.body if owners else ():
        if isinstance(cls, ast.ClassDef) and owners.get(cls.name) == cls.name:
            functions.update(
                (f"{cls.name}.{m.name}", (m, cls, cls.name)) for m in cls.body
                if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and not _is_property(m) and (runs is None or runs(m))
            )
    out = {
        name for name, (f, top, _) in functions.items()
        if by_statement.get(id(top)) and any(
            span_inside(x.span, a, b, lines) for x in by_statement[id(top)] for a, b in _deferred_ranges(f)[:1]
        )
        or bool(gone) and any(isinstance(n, ast.Name) and n.id in gone for n in ast.walk(f))
        or fails_there is not None and any(isinstance(n, ast.Call) and fails_there(n) for n in ast.walk(f))
    }
    changed = bool(out)  # no function fails: none calls one that does
    while changed:
        changed = False
        for name, (f, _, cls) in functions.items():
            if name not in out and any(
                isinstance(n, ast.Call) and _call_name(n, owners, cls) in out for n in ast.walk(f)
            ):
                out.add(name)
                changed = True
    return out


def _is_property(func: ast.stmt) -> bool:
    """A method read as an attribute, not called (``@property``, ``@cached_property``)."""
    from zenml_migrate.scan.detect import last_name

    return any(last_name(d) in ("property", "cached_property", "setter") for d in func.decorator_list)


def _runs_when_called(detector, func: ast.stmt) -> bool:
    """Does a call of module-level function ``func`` run its body? Not for an ``async`` function
    (the call makes a coroutine), a ``@contextmanager`` (it makes a context manager), nor one
    decorated by zenml (a ``@step``/``@pipeline`` call builds the step or pipeline)."""
    from zenml_migrate.scan.detect import CONTEXT_MANAGER_PATHS

    if not isinstance(func, ast.FunctionDef):
        return False
    for dec in func.decorator_list:
        target = dec.func if isinstance(dec, ast.Call) else dec
        if detector._stdlib_decorator(dec) in CONTEXT_MANAGER_PATHS or (detector.resolve(target) or "").startswith("zenml."):
            return False
    return True


def _is_step(detector, func: ast.stmt) -> bool:
    """Is module-level ``func`` a ``@step`` function (its body runs when a pipeline holding it runs)?"""
    if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    for dec in func.decorator_list:
        target = dec.func if isinstance(dec, ast.Call) else dec
        if (detector.resolve(target) or "").startswith("zenml.steps"):
            return True
    return False


def _runs_a_pipeline(detector, statement: ast.stmt) -> bool:
    """Does ``statement`` run a pipeline at import (``pipeline(...).run()``, ZenML 0.6-0.8's
    Airflow ``DAG = ...run()``)? The bodies of the steps it is built from run then."""
    from zenml_migrate.scan import api013
    from zenml_migrate.scan.detect import plain

    run = api013.PIPELINE + ".run"
    for n in _import_time_nodes(statement):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "run":
            path = detector.resolve(n.func)
            if path and canonical(plain(path)) == run:
                return True
    return False


def _holds(stmt: ast.stmt, line: int) -> bool:
    """Is ``line`` one of ``stmt``'s, its decorators' lines included (a def's ``lineno`` is the line
    of its ``def``, below them)?"""
    first = min([stmt.lineno, *(d.lineno for d in getattr(stmt, "decorator_list", ()))])
    return first <= line <= (stmt.end_lineno or stmt.lineno)


def _by_statement(tree: ast.Module, failing: List[Finding]) -> Dict[int, List[Finding]]:
    """``{id(module-level statement): the findings of failing in it}``."""
    out: Dict[int, List[Finding]] = {}
    for f in failing:
        for stmt in tree.body:
            if _holds(stmt, f.span.line):
                out.setdefault(id(stmt), []).append(f)
                break
    return out


def _fails_elsewhere(detector):
    """``call -> bool``: is ``call`` one of a function of another project module whose call fails
    on 0.20 (its ``FAILS_MARK`` fact: ``from deps import store_uri`` / ``import deps``, then
    ``store_uri(...)`` / ``deps.store_uri(...)``)? None when the project has no such function."""
    if not _has_failing(detector.project):
        return None
    scope = detector.module_scope
    return lambda call: detector._imported_fact(call.func, scope, FAILS_MARK) == FAILS or _inherited_fails(detector, call.func) is not None


def _inherited_fails(detector, callee: ast.expr) -> Optional[str]:
    """``C.m`` (``C(...).m``), ``C`` a class of this module that does not define ``m`` and
    derives from a class of another project module whose ``m`` fails on 0.20 (its
    ``Base.m.__fails__`` fact: a classmethod of a mixin reading ``cls.__fields__``, which a 0.20
    component class lacks): the project path of that base's method, else None."""
    if not isinstance(callee, ast.Attribute):
        return None
    owner = callee.value.func if isinstance(callee.value, ast.Call) else callee.value
    if not isinstance(owner, ast.Name):
        return None
    from zenml_migrate.scan.detect import LazyNode

    bound = detector.module_scope.bindings.get(owner.id, ())
    if len(bound) == 1 and isinstance(bound[0], LazyNode) and bound[0].kind == "project" and bound[0].extra:
        key = f"{bound[0].extra}.{callee.attr}"  # ``from components.nfs_store import NfsArtifactStore``
        return key if detector.project.get(f"{key}.{FAILS_MARK}") == FAILS else None
    return _class_fails(detector, owner.id, callee.attr)


def _class_fails(detector, name: str, member: str) -> Optional[str]:
    """The ``Base.member`` (project path) whose ``FAILS_MARK`` fact says it fails, ``Base`` a
    base class of the module-level class ``name`` (bound once) of another project module, when
    ``name`` itself does not define ``member`` (None otherwise)."""
    from zenml_migrate.scan.detect import PROJECT_MODULE, LazyNode

    bound = detector.module_scope.bindings.get(name, ())
    if len(bound) != 1 or not isinstance(bound[0], LazyNode) or bound[0].kind != "class":
        return None
    cls = bound[0].node
    if member in {n for stmt in cls.body for n in _binds(stmt)}:
        return None
    for base in cls.bases:
        key = None
        if isinstance(base, ast.Name):  # ``from utils.mixins import SchemaMixin``
            b = detector.module_scope.bindings.get(base.id, ())
            if len(b) == 1 and isinstance(b[0], LazyNode) and b[0].kind == "project":
                key = b[0].extra
        elif isinstance(base, ast.Attribute):  # ``mixins.SchemaMixin``
            path = detector.resolve(base.value, detector.module_scope)
            if path is not None and path.startswith(PROJECT_MODULE):
                key = f"{path[len(PROJECT_MODULE):]}.{base.attr}"
        if key and detector.project.get(f"{key}.{member}.{FAILS_MARK}") == FAILS:
            return f"{key}.{member}"
    return None


def _called_elsewhere(statement: ast.stmt, fails_there) -> List[str]:
    """The functions of other project modules that fail (``_fails_elsewhere``) which
    ``statement`` calls at import, as written (``deps.store_uri``)."""
    return list(dict.fromkeys(
        ast.unparse(n.func) for n in _import_time_nodes(statement) if isinstance(n, ast.Call) and fails_there(n)
    ))


@per_project
def _has_failing(project: Dict[str, str]) -> bool:
    return bool(project) and FAILS in project.values()


def fails_exports(detector, findings: List[Finding]) -> Dict[str, str]:
    """The ``FAILS_MARK`` cross-file facts of this module: its module-level functions (bound
    once, whose call runs their body: ``_runs_when_called``) whose body holds a finding left for a human of a rule whose code fails when it runs
    (ZM461's ``fails``), or reads a removed import name, or calls such a function (of this
    module or another one); and those it imports from another project module (a re-export)."""
    from zenml_migrate.scan.detect import LazyNode

    rule = next((r for r in detector.index.rules if r.code == ZM461.code), None)
    top = detector.top_level() if rule is not None else None
    if top is None:
        return {}
    fails = frozenset(_failing())
    failing = [f for f in _open(findings) if _fails_here(detector, f, fails)]
    fails_there = _fails_elsewhere(detector)
    out: Dict[str, str] = {}
    if fails_there is not None:  # re-exports
        for name, bindings in detector.module_scope.bindings.items():
            if len(bindings) == 1 and isinstance(bindings[0], LazyNode) and bindings[0].kind == "project" \
                    and detector.project.get(f"{bindings[0].extra}.{FAILS_MARK}") == FAILS:
                out[f"{name}.{FAILS_MARK}"] = FAILS
    open_spans = {f.span for f in _open(findings)}
    gone = {g[4] for g in _gone_imports_of(detector, open_spans) if g[0] in open_spans} if open_spans else set()
    if fails_there is None and not gone and not any(
        isinstance(s, (ast.FunctionDef, ast.ClassDef)) and s.lineno <= f.span.line <= (s.end_lineno or s.lineno) for s in top.body for f in failing
    ):
        return out  # decided on the parsed statements: no function or method of the module fails
    tree, lines = detector.tree, detector.lines
    by_statement = _by_statement(tree, failing)
    names = _failing_functions(
        tree, by_statement, lines, gone | set(_stubbed_elsewhere(detector)), fails_there,
        lambda func: _runs_when_called(detector, func), _owners(tree),
    )
    for name in names:
        if len(detector.module_scope.bindings.get(name.partition(".")[0], ())) == 1:
            out[f"{name}.{FAILS_MARK}"] = FAILS
    if fails_there is not None:  # a class of this module inherits a method that fails from another module's class
        for stmt in tree.body:
            if isinstance(stmt, ast.ClassDef):
                for key in _project_fails(detector.project):
                    member = key.rpartition(".")[2]
                    if f"{stmt.name}.{member}.{FAILS_MARK}" not in out and _class_fails(detector, stmt.name, member):
                        out[f"{stmt.name}.{member}.{FAILS_MARK}"] = FAILS
    return out


@per_project
def _project_fails(project: Dict[str, str]) -> Tuple[str, ...]:
    """The project paths (``mod.Class.method``, ``mod.func``) whose ``FAILS_MARK`` fact says they fail."""
    mark = "." + FAILS_MARK
    return tuple(k[: -len(mark)] for k, v in project.items() if k.endswith(mark) and v == FAILS)


# ------------------------------------------------------------------ what the findings say
def advice(findings: List[Finding]) -> str:
    """``"ZM410: ...; ZM109: ..."``: what the rules of ``findings`` say to do instead."""
    from zenml_migrate.scan.no_successor import advice as one

    return "; ".join(dict.fromkeys(filter(None, (one(f) for f in findings))))


def reason(item) -> str:
    """Why ``item`` (an Inert or a StubbedImport) fails at import on ZenML 0.20."""
    if isinstance(item, StubbedImport):
        return advice(item.reasons) or item.reasons[0].message
    parts = []
    own = advice(item.reasons) or (item.reasons[0].message if item.reasons else "")
    if item.reasons:
        parts.append(f"fails on ZenML 0.20 ({own})")
    if item.registrations:
        parts[-1] += "; in 0.20: " + "; ".join(item.registrations)
    by_advice: Dict[str, List[str]] = {}
    for name, why in item.gone.items():
        by_advice.setdefault(why if why and why not in own else "", []).append(f"`{name}`")
    for why, names in by_advice.items():
        parts.append(f"uses {', '.join(names)}, which ZenML 0.20 does not have" + (f" ({why})" if why else ""))
    if item.uses:
        parts.append("uses " + ", ".join(f"`{u}`" for u in item.uses) + ", which ZenML 0.20 cannot provide")
    if item.calls:
        parts.append("calls " + ", ".join(f"`{c}()`" for c in item.calls) + ", which fails on ZenML 0.20")
    if item.steps_run:
        many = len(item.steps_run) > 1
        parts.append("runs a pipeline with the step" + ("s " if many else " ") + ", ".join(f"`{c}`" for c in item.steps_run)
                     + (", whose bodies fail" if many else ", whose body fails") + " on ZenML 0.20")
    text = " and ".join(parts)
    extra = [a for a in dict.fromkeys(advice([f]) for f in item.inner) if a and a not in text]
    return text + (f" and also needs a port ({'; '.join(extra)})" if extra else "")




def message(item, why: str, use: str = "") -> str:
    """``why``: ``reason(item)``; ``use``: for a StubbedImport, who needs its name (``_import_use``)."""
    if isinstance(item, StubbedImport):
        if item.within is not None:
            return _IN_BLOCK.format(name=item.name or item.module, why=why)
        return _IMPORT.format(name=item.name or item.module, why=why, use=use)
    bound = ", ".join(f"`{n}`" for n in item.binds)
    return _STATEMENT.format(why=why) + (
        f" ({bound} then {'raises' if len(item.binds) == 1 else 'raise'} NotImplementedError when used)" if bound else "")


def _fix_args(detector, item, plan: Plan, why: str) -> Tuple[Tuple[str, object], ...]:
    """What the fix of ``item``'s finding does (``rules/import_time.py`` names the keys)."""
    if not isinstance(item, StubbedImport):
        return ((REASON, why), (BINDS, tuple(item.binds)))
    within = None if item.within is None else item.span.line - item.statement.lineno
    return ((REASON, why), (IMPORT, (item.module, item.name, item.local)), (IN_BLOCK, within),
            (STUB_NEEDED, needs_stub(detector, item, plan)))


def needs_stub(detector, item: StubbedImport, plan: Plan) -> bool:
    """Is the name of a removed import still used once the inert statements are comments (a
    function, the main guard, another module, ``__all__``)?"""
    from zenml_migrate.scan.resolved_with import keeps_local_name

    if keeps_local_name(item.local, detector, detector.tree):
        return True
    inert = {id(s.statement) for s in plan.statements}
    for stmt in detector.tree.body:
        if id(stmt) in inert or stmt is item.statement:
            continue
        if any(isinstance(n, ast.Name) and n.id == item.local for n in ast.walk(stmt)):
            return True
    return False


def _stubbed_elsewhere(detector) -> Dict[str, int]:
    """``{local name: import line}`` of the module-level imports of project names that their
    module binds to a stub (the ``STUBBED`` cross-file fact), and ``{"tz.Old": import line}`` for
    such a name read through its module (``import tools.zen as tz``, ``from tools import zen``:
    the same fact, review16 F4)."""
    if not _has_stubs(detector.project):
        return {}
    out: Dict[str, int] = {}
    stubbed = [k for k, v in detector.project.items() if v == STUBBED]
    for stmt in detector.top_level().body:  # module-level imports are always parsed
        if isinstance(stmt, ast.ImportFrom):
            module = detector._absolute_module(stmt) if stmt.level else stmt.module or ""
            for alias in stmt.names:
                local = alias.asname or alias.name
                if alias.name != "*" and detector.lookup(local, detector.module_scope) == STUBBED:
                    out[local] = stmt.lineno
                elif alias.name != "*":
                    out.update(_through_module(f"{module}.{alias.name}", local, stubbed, stmt.lineno))
        elif isinstance(stmt, ast.Import):
            for alias in stmt.names:
                out.update(_through_module(alias.name, alias.asname or alias.name, stubbed, stmt.lineno,
                                           alias.asname is None))
    return out


def _through_module(module: str, local: str, stubbed: List[str], line: int, dotted: bool = False) -> Dict[str, int]:
    """``{"<local>.<name>": line}`` for each stubbed project name of ``module`` (the fact key
    ``module.name``) read through ``local``; ``dotted``: ``import a.b``
    binds ``a``, the read is ``a.b.name``."""
    out: Dict[str, int] = {}
    for key in stubbed:
        head, _, name = key.rpartition(".")
        if head and module == head:
            out[f"{module if dotted else local}.{name}"] = line
    return out


@per_project
def _has_stubs(project: Dict[str, str]) -> bool:
    return bool(project) and STUBBED in project.values()


def stub_exports(detector, findings: List[Finding], text: str) -> Dict[str, str]:
    """The ``STUBBED`` cross-file facts of this module: the names its ZM461 fix binds to a stub
    (``findings``: this file's), and those an earlier run bound (``NAME = _RemovedInZenML020(...)``)."""
    out: Dict[str, str] = {}
    for f in findings:  # what ``mark`` decided (``_fix_args``)
        if f.code != ZM461.code:
            continue
        gone = f.arg(IMPORT)
        names = f.arg(BINDS, ()) if gone is None else [gone[2]] if f.arg(STUB_NEEDED) else []
        out.update(dict.fromkeys((n for n in names if not _ported_where_used(detector, n)), STUBBED))
    if STUB in text:  # a stub an earlier run wrote (the whole module is parsed then)
        for stmt in detector.tree.body:
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call) and getattr(stmt.value.func, "id", None) == STUB:
                out.update({t.id: STUBBED for t in stmt.targets if isinstance(t, ast.Name)})
    return out


def _ported_where_used(detector, name: str) -> bool:
    """Is module-level ``name`` an alias of a zenml name whose rule rewrites its uses, wherever
    they are (``tracked = mlf.enable_mlflow``: ``@tracked`` on a step in another module is ported
    as ``@enable_mlflow`` is, ``Ref(..., each_use=True)``)? Its cross-file fact stays that name,
    not the stub: the importer's uses get the rule's rewrite (the stub is only imported there)."""
    value = detector.lookup(name, detector.module_scope)
    return bool(value) and detector.index.ported_where_used(value)


def _gone_imports_of(detector, spans=None):
    """``(span, statement, module, name, local, within)``: the module-level imports of zenml names
    no 0.20 release has (``within`` None), and those in the blocks of a module-level ``if``
    (``_branch_imports``)."""
    from zenml_migrate.scan.no_successor import gone_zenml_imports

    return [(*g, None) for g in gone_zenml_imports(detector)] + _branch_imports(detector, spans)


def _branch_imports(detector, spans=None):
    """The imports of zenml names no 0.20 release has that are statements of their own in the
    blocks of a module-level ``if``/``elif``/``else`` (nested ``if`` too; not the main guard, not
    ``if TYPE_CHECKING:``), every name of the statement gone: a module that picks its imports by a
    condition. Only read when an indented line starts a zenml import (the whole module is parsed);
    ``spans``: only when one of these findings is in a module-level statement holding such a line
    (a parenthesised import puts its names on the lines below its ``from``)."""
    from zenml_migrate.scan.no_successor import gone_names_of

    lines = detector.lines if spans is None else _statement_lines(detector, spans)
    if not any(line[:1] in (" ", "\t") and line.lstrip().startswith(("from zenml", "import zenml")) for line in lines):
        return []
    out = []

    def blocks(top: ast.stmt, node: ast.If) -> None:
        for stmt in [*node.body, *node.orelse]:
            if isinstance(stmt, ast.If):
                blocks(top, stmt)
                continue
            gone = gone_names_of(stmt, detector)
            if gone and len(gone) == len(stmt.names):
                out.extend((*g, top) for g in gone)

    for top in detector.tree.body:
        if isinstance(top, ast.If) and not is_main_guard(top) and not is_type_checking(top):
            blocks(top, top)
    return out


def _statement_lines(detector, spans) -> List[str]:
    """The lines of the module-level statements (of those the scan parsed: ``top_level``) that
    hold one of ``spans``, up to the span's line; the span's own line when none does."""
    top = detector.top_level()
    out: List[str] = []
    for span in spans:
        stmt = next((s for s in top.body if s.lineno <= span.line <= (s.end_lineno or s.lineno)), None) if top else None
        first = stmt.lineno if stmt is not None else span.line
        out += detector.lines[max(first, 1) - 1 : span.line]
    return out


def mark(detector, findings: List[Finding]) -> List[Finding]:
    """``findings`` with a ZM461 finding on each stubbed import name and inert statement, and the
    open findings there resolved by it; unchanged when ZM461 is not selected."""
    rule = next((r for r in detector.index.rules if r.code == ZM461.code), None)
    if rule is None or detector.top_level() is None:
        return findings
    fails = frozenset(_failing())
    # a finding with an unsafe fix of its own (ZM430) in a statement that fails at import: `--fix`
    # leaves it, so the module would fail at import after `--fix`. When the statements of the
    # module can be made inert at the safe level, they are, at every level (the finding is
    # resolved by ZM461, its own unsafe rewrite is not made): `--fix` then `--unsafe-fixes`
    # writes what `--unsafe-fixes` alone writes. Else its own fix stays (as ZM460 does).
    unsafe = _unsafe_at_import(detector, findings, fails, _stub_first())
    plan = inert_plan(detector, findings, fails, unsafe) if unsafe else Plan([], [])
    if not plan or plan.unsafe or not _takes(plan, unsafe):
        plan, unsafe = inert_plan(detector, findings, fails), frozenset()
    if not plan:
        return findings
    from zenml_migrate.scan.suppress import Suppressions

    suppressed = Suppressions("\n".join(detector.lines))
    if any(suppressed.hides(ZM461.code, s.span.line, s.span.end_line) for s in [*plan.imports, *plan.statements]):
        return findings
    # a finding on a removed import name goes with it, and so do the findings for a human in a statement
    # it comments out (the reasons and the others: the ZM461 TODO above it carries their advice; a
    # re-scan cannot see them in the comment)
    gone = {i.span for i in plan.imports} | _stub_reads(detector, {i.local for i in plan.imports} | {n for s in plan.statements for n in s.binds})
    reasons = {id(f) for s in plan.statements for f in [*s.reasons, *s.inner]}
    still_open = {id(f) for f in _open(findings, unsafe)} | {id(f) for s in plan.statements for f in s.inner}
    level = "unsafe" if plan.unsafe else rule.fix_value
    out = [
        mark_resolved(f, ZM461.code, level, keep_reason=True)
        if (f.span in gone or id(f) in reasons) and id(f) in still_open and f.resolved_by is None else f
        for f in findings
    ]
    added = []
    for item in [*plan.imports, *plan.statements]:
        why = reason(item)
        added.append(Finding(detector.path, item.span, ZM461.code, message(item, why, _import_use(detector, item, plan)) + (
            f" (an unsafe fix here: {unsafe_reason(plan, item)})" if plan.unsafe else ""), level,
            fix_args=_fix_args(detector, item, plan, why)))
    return out + added


def _stub_reads(detector, names: Set[str]) -> Set[Span]:
    """Spans of the reads of the module-level ``names`` (each stubbed import's local name and each
    name an inert statement binds) anywhere in the module, outside the functions and lambdas that
    bind such a name themselves, and of what is read through them: a member, an item, a call and
    its keywords (``SQLiteMetadataStore.FLAVOR``, ``RUNS["train"].run(run_name=...)``), also
    through a local name bound from such a value (``orch = ORCHESTRATORS[name]``, a loop or
    comprehension over ``ORCHESTRATORS.values()``). A finding there goes with the stub (the ZM461
    TODO above it says to port the code that uses it, with the finding's reason; using the stub
    raises before that code runs, and a re-scan no longer sees the value as zenml's)."""
    if not names:
        return set()
    out: Set[Span] = set()

    def root_of(node: ast.AST) -> ast.AST:
        while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
            node = node.func if isinstance(node, ast.Call) else node.value
        return node

    def scope_nodes(body) -> List[ast.AST]:
        """The nodes of a scope's code, not those of the functions and lambdas in it."""
        found, stack = [], list(body)
        while stack:
            node = stack.pop()
            found.append(node)
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                stack.extend(ast.iter_child_nodes(node))
        return found

    def derived(nodes: List[ast.AST], stubbed: FrozenSet[str]) -> Set[str]:
        """Local names of a scope (at any depth of its blocks and comprehensions) whose every
        binding is a value read through a stubbed name or another such local name (its root:
        ``RUNS[name]``, ``RUNS.get(k)``, a loop over ``ORCHESTRATORS.values()``). A name bound
        any other way too (``pipe = train(...)`` before ``pipe = RUNS.get(k)``, an import, a
        ``def``, ``+=``), or from a value that only looks at the stub (``len(RUNS)``,
        ``"x" if RUNS else "y"``), holds a value of its own."""
        pairs = []  # (target names, value)
        for node in nodes:
            if isinstance(node, ast.Assign):
                pairs.append((node.targets, node.value))
            elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)) and node.value is not None:
                pairs.append(([node.target], node.value))
            elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
                pairs.append(([node.target], node.iter))
            elif isinstance(node, ast.withitem) and node.optional_vars is not None:
                pairs.append(([node.optional_vars], node.context_expr))
        stores = Counter(n.id for n in nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store))
        bound_otherwise = {(a.asname or a.name).split(".")[0] for n in nodes if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
        bound_otherwise |= {n.name for n in nodes if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.ExceptHandler)) and n.name}
        bound_otherwise |= {name for n in nodes if isinstance(n, (ast.Global, ast.Nonlocal)) for name in n.names}
        bindings: Dict[str, List[ast.AST]] = {}  # name -> the values its pairs bind it from
        for targets, value in pairs:
            for target in targets:
                for n in ast.walk(target):
                    if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
                        bindings.setdefault(n.id, []).append(value)
        candidates = {name for name, values in bindings.items()
                      if name not in stubbed and name not in bound_otherwise and len(values) == stores[name]}
        out_names: Set[str] = set()
        changed = True
        while changed:
            changed = False
            for name in candidates - out_names:
                roots = [root_of(value) for value in bindings[name]]
                if all(isinstance(r, ast.Name) and r.id in (stubbed | out_names) for r in roots):
                    out_names.add(name)
                    changed = True
        return out_names

    def visit(body, hidden: FrozenSet[str], typed: FrozenSet[str] = frozenset()) -> None:
        nodes = scope_nodes(body)
        stubbed = frozenset(names - hidden) | typed
        through = stubbed | derived(nodes, stubbed)
        for node in nodes:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                args = node.args
                params = [a for a in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg] if a is not None]
                bound = {a.arg for a in params}
                inner = node.body if isinstance(node.body, list) else [node.body]
                bound |= {n.id for stmt in inner for n in ast.walk(stmt) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
                # the header runs here: a bare-name annotation of a stubbed name stores the stub
                # (``def uri(store: SQLiteMetadataStore)``), and what the body reads through that
                # parameter was typed by it only (``store.uri``)
                header = [a.annotation for a in params] + ([] if isinstance(node, ast.Lambda) else [node.returns])
                annotated = set()
                for a, annotation in zip(params, header):
                    if isinstance(annotation, ast.Name) and annotation.id in through:
                        out.add(detector._span(annotation))
                        annotated.add(a.arg)
                returns = header[len(params)] if len(header) > len(params) else None
                if isinstance(returns, ast.Name) and returns.id in through:
                    out.add(detector._span(returns))
                inner_typed = frozenset(n for n in annotated if n not in names and sum(
                    1 for stmt in inner for w in ast.walk(stmt) if isinstance(w, ast.Name) and w.id == n and not isinstance(w.ctx, ast.Load)) == 0)
                visit(inner, hidden | frozenset(bound & names), inner_typed)
                continue
            if isinstance(node, ast.ClassDef):
                visit(node.body, hidden)
                continue
            if not isinstance(node, (ast.Attribute, ast.Name, ast.Subscript, ast.Call)):
                continue
            root = root_of(node)
            if isinstance(root, ast.Name) and isinstance(root.ctx, ast.Load) and root.id in through:
                out.add(detector._span(node))
                if isinstance(node, ast.Call):
                    out.update(detector._span(k) for k in node.keywords)

    visit(detector.top_level().body, frozenset())
    return out


def _import_use(detector, item, plan: Plan) -> str:
    """Why a stubbed import name matters, as the ZM461 message says it: a statement of this
    module reads it at import, another project module imports (or patches) it, ``__all__``
    lists it; else only the import line itself fails when the module is imported."""
    if not isinstance(item, StubbedImport):
        return ""
    from zenml_migrate.scan.resolved_with import dunder_all

    if any(item.local in s.gone for s in plan.statements):
        return "this module uses it at import"
    if detector.used_elsewhere(item.local):
        return "another project module uses it from this one"
    if item.local in dunder_all(detector.tree):
        return "`__all__` lists it"
    return "importing it makes this module fail at import"


def _takes(plan: Plan, unsafe: FrozenSet[int]) -> bool:
    """Does ``plan`` resolve a finding with an unsafe fix of its own (ids ``unsafe``)?"""
    return any(id(f) in unsafe for s in plan.statements for f in [*s.reasons, *s.inner]) or any(
        id(f) in unsafe for i in plan.imports for f in i.reasons
    )
