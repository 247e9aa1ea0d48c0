"""ZM460: a module-level import of a zenml name that no 0.20 release has, used only by code that
runs later (``rules/no_successor.py`` says why and what the fix does).

Profiles, metadata stores, ``DefaultContainerRegistry``, the 0.5-0.12 helpers... have no ZenML
0.20 successor: their rules report them for a human, and the module keeps failing at import on
0.20 (ModuleNotFoundError / ImportError), with every module that imports it. When every use of
the imported name is in code that does not run at import (a function body, the
``if __name__ == "__main__":`` block, a def's annotation that can be quoted), the import can go:
the module imports, and each statement that uses the name raises ``NotImplementedError`` under
a TODO when it runs. This module decides where (ast only), and marks the findings:

* a ZM460 finding on the import's name (``safe``: on 0.20 the module failed at import, so nothing
  that ran there changes), which carries that decision to the codemod ``codemods/no_successor.py``
  in its ``fix_args`` (``_fix_args``: the codemod decides nothing again);
* the other rules' findings on that name and on its uses are resolved by it
  (``Finding.resolved_by``), so ``code --fix`` writes no second TODO for them.
"""

import ast
import builtins
import re
from dataclasses import dataclass, field, replace
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

from zenml_migrate.findings import NO_FIX_HERE, Finding, Span, mark_resolved, unresolved_message
from zenml_migrate.fix.todo import PREFIX
from zenml_migrate.rules.no_successor import ADVICE, ANCHORS, ANNOTATIONS, IMPORT, ZM460

_SIMPLE_DECORATORS = frozenset({"classmethod", "staticmethod", "property", "abstractmethod"})
# bases of a class whose definition does not read its annotations (``_Uses._stored_only``)
_PLAIN_BASES = ("typing.Protocol", "typing.Generic", "typing.NamedTuple", "typing.TypedDict", "abc.ABC")
_PLAIN_DECORATORS = ("dataclasses.dataclass", "typing.runtime_checkable")  # ``runtime_checkable`` marks, reads nothing
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass
class Removal:
    """One import name to remove, and what its uses become."""

    span: Span  # of the name in the import statement
    statement: ast.stmt  # the import
    module: str  # as written: ``from <module> import name`` / ``import <module> as name``
    name: Optional[str]  # None for ``import <module> as local``
    local: str
    anchors: List[ast.stmt] = field(default_factory=list)  # statements that get the raise
    annotations: List[ast.expr] = field(default_factory=list)  # def annotations that get quoted
    uses: List[ast.Name] = field(default_factory=list)

    @property
    def shown(self) -> str:
        return f"`{self.name or self.module}`"


def gone_zenml_imports(detector) -> List[Tuple[Span, ast.stmt, str, Optional[str], str]]:
    """``(span, statement, module, name, local)`` of each module-level zenml import name that
    neither ZenML 0.20.0 nor 0.20.5 has."""
    out = []
    for stmt in detector.top_level().body:  # every module-level import is parsed
        out += gone_names_of(stmt, detector)
    return out


def gone_names_of(stmt: ast.stmt, detector) -> List[Tuple[Span, ast.stmt, str, Optional[str], str]]:
    """``gone_zenml_imports`` of one import statement (none for another statement)."""
    from zenml_migrate.scan.detect import alias_spans
    from zenml_migrate.scan.zenml_index import exists_020

    out = []
    if isinstance(stmt, ast.ImportFrom):
        module = stmt.module or ""
        if stmt.level or module.split(".")[0] != "zenml":
            return out
        for alias, span in zip(stmt.names, alias_spans(stmt, detector.lines)):
            if alias.name != "*" and not exists_020(module, alias.name):
                out.append((span, stmt, module, alias.name, alias.asname or alias.name))
    elif isinstance(stmt, ast.Import):
        for alias, span in zip(stmt.names, alias_spans(stmt, detector.lines)):
            if alias.asname and alias.name.startswith("zenml.") and not exists_020(alias.name):
                out.append((span, stmt, alias.name, None, alias.asname))
    return out


def _rebound(tree: ast.Module, local: str, statement: ast.stmt) -> bool:
    """Is ``local`` bound anywhere but by ``statement`` (a parameter, an assignment, a def, another
    import, ``global``)? Then a use may not be the import's: left alone."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == local and not isinstance(node.ctx, ast.Load):
            return True
        if isinstance(node, ast.arg) and node.arg == local:
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == local:
            return True
        if isinstance(node, (ast.Global, ast.Nonlocal)) and local in node.names:
            return True
        if isinstance(node, (ast.Import, ast.ImportFrom)) and node is not statement:
            if any((a.asname or a.name.split(".")[0]) == local for a in node.names):
                return True
    return False


def _future_annotations(tree: ast.Module) -> bool:
    return any(
        isinstance(s, ast.ImportFrom) and s.module == "__future__" and any(a.name == "annotations" for a in s.names)
        for s in tree.body
    )


def is_main_guard(node: ast.AST) -> bool:
    """``if __name__ == "__main__":`` (either side)."""
    test = getattr(node, "test", None)
    if not isinstance(node, ast.If) or not isinstance(test, ast.Compare) or len(test.ops) != 1:
        return False
    sides = [test.left, test.comparators[0]]
    return isinstance(test.ops[0], ast.Eq) and any(isinstance(s, ast.Name) and s.id == "__name__" for s in sides) and any(
        isinstance(s, ast.Constant) and s.value == "__main__" for s in sides
    )


def _quotable(annotation: ast.expr, lines: List[str]) -> bool:
    """An annotation written on one line without quotes or backslashes (it can become a string)."""
    if annotation.lineno != annotation.end_lineno:
        return False
    text = lines[annotation.lineno - 1][annotation.col_offset : annotation.end_col_offset]
    return bool(text) and not any(c in text for c in "'\"\\#")


def _simple_decorators(function: ast.AST) -> bool:
    return all(isinstance(d, ast.Name) and d.id in _SIMPLE_DECORATORS for d in function.decorator_list)


class _Uses:
    """Where each use of an imported name runs, seen from the module's ``ast``."""

    def __init__(self, detector):
        self.detector = detector
        self.tree = detector.tree
        self.lines = detector.lines
        self.future = _future_annotations(self.tree)

    def place(self, use: ast.Name):
        """``("anchor", statement)``: the statement to raise before, which runs only after import;
        ``("annotation", expr)``: a def annotation to quote; ``("ignore", None)``: never evaluated;
        ``("no", reason)``: runs at import (or cannot be placed)."""
        parent = self.detector.parent
        child: ast.AST = use
        below: ast.AST = use  # the node ``child`` holds ``use`` through (an ``arg`` under ``arguments``)
        anchor: Optional[ast.stmt] = None
        node = parent(use)
        while node is not None:
            if isinstance(child, ast.stmt) and anchor is None:
                anchor = child
            if isinstance(node, ast.ExceptHandler) and child is node.type:
                return "no", f"line {use.lineno}: used as an `except` type"
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if child in node.body:
                    return self._anchored(anchor, use)
                annotation = self._annotation_of(node, below if child is node.args else child)
                if annotation is not None:
                    if self.future:
                        return "ignore", None
                    if _simple_decorators(node) and _quotable(annotation, self.lines):
                        return "annotation", annotation
                anchor = None  # a default, decorator or annotation runs when the def runs
            elif isinstance(node, ast.AnnAssign) and child is node.annotation and self._stored_only(node):
                # a variable annotation of the module or of a plain class body: evaluated at import,
                # but only stored in ``__annotations__`` (read by ``typing.get_type_hints`` alone)
                if self.future:
                    return "ignore", None
                if _quotable(node.annotation, self.lines):
                    return "annotation", node.annotation
                return "no", f"line {use.lineno}: an annotation that runs at import and cannot become a string"
            elif isinstance(node, ast.Module):
                return "no", f"line {use.lineno} runs at import"
            elif isinstance(node, ast.If) and is_main_guard(node) and child in node.body and parent(node) is self.tree:
                return self._anchored(anchor, use)
            below, child, node = child, node, parent(node)
        return "no", f"line {use.lineno}: not placed"

    def _stored_only(self, statement: ast.AnnAssign) -> bool:
        """Is ``statement`` an annotated assignment of the module, or of the body of a class that
        does nothing with its annotations when it is defined (no base but ``object``, ``typing``'s
        ``Protocol``/``Generic``/``NamedTuple``/``TypedDict`` or ``abc.ABC``, no decorator but
        ``dataclasses.dataclass`` and ``typing.runtime_checkable``, no keyword: a pydantic model, a ``BaseStepConfig`` or a
        metaclass may read them)?"""
        holder = self.detector.parent(statement)
        if isinstance(holder, ast.Module):
            return True
        if not isinstance(holder, ast.ClassDef) or statement not in holder.body or holder.keywords:
            return False
        plain = self.detector.is_stdlib
        for base in holder.bases:
            base = base.value if isinstance(base, ast.Subscript) else base
            if not (isinstance(base, ast.Name) and base.id == "object" and self.detector.lookup("object") is None) and not any(
                plain(base, name) for name in _PLAIN_BASES
            ):
                return False
        for decorator in holder.decorator_list:
            decorator = decorator.func if isinstance(decorator, ast.Call) else decorator
            if not any(plain(decorator, name) for name in _PLAIN_DECORATORS):
                return False
        return True

    @staticmethod
    def _annotation_of(function: ast.AST, child: ast.AST) -> Optional[ast.expr]:
        """The annotation ``child`` is (the return's) or is the ``arg`` of (a parameter's)."""
        if child is function.returns:
            return child
        args = function.args
        for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
            if arg is not None and child is arg:
                return arg.annotation
        return None

    def _anchored(self, anchor: Optional[ast.stmt], use: ast.Name):
        anchor = self._block_statement(anchor)
        if anchor is None:
            return "no", f"line {use.lineno}: on the line of its `def`/`if` (one-line body)"
        return "anchor", anchor

    def _block_statement(self, anchor: Optional[ast.stmt]) -> Optional[ast.stmt]:
        """The statement of a block to put the raise before: an ``elif`` is part of its ``if``;
        a body on its header's line cannot take a statement above it (None)."""
        parent = self.detector.parent
        while anchor is not None:
            holder = parent(anchor)
            line = self.lines[anchor.lineno - 1] if anchor.lineno <= len(self.lines) else ""
            if isinstance(holder, ast.If) and holder.orelse == [anchor] and line[anchor.col_offset :].startswith("elif"):
                anchor = holder
                continue
            if not isinstance(holder, ast.Module) and getattr(holder, "lineno", None) == anchor.lineno:
                return None
            return anchor
        return None


def _plan_one(uses: _Uses, span, statement, module, name, local) -> Tuple[Optional[Removal], Optional[str]]:
    from zenml_migrate.scan.resolved_with import keeps_local_name

    detector = uses.detector
    if keeps_local_name(local, detector, detector.tree):
        return None, "another module, `__all__` or a second binding uses the name"
    if _rebound(detector.tree, local, statement):
        return None, "the name is bound again in this module"
    removal = Removal(span, statement, module, name, local)
    for node in ast.walk(detector.tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and local in _WORD.findall(node.value[:2000]):
            return None, "a string names it (an annotation, getattr, __all__)"
        if not (isinstance(node, ast.Name) and node.id == local):
            continue
        kind, where = uses.place(node)
        if kind == "no":
            return None, where
        removal.uses.append(node)
        if kind == "anchor":
            removal.anchors.append(where)
        elif kind == "annotation":
            removal.annotations.append(where)
    return removal, None


def removal_plan(detector, spans: Optional[Set[Span]] = None) -> Dict[Span, Removal]:
    """Import names (by span) whose import can go (see the module docstring); only ``spans`` when
    given."""
    out: Dict[Span, Removal] = {}
    uses = None
    for span, statement, module, name, local in gone_zenml_imports(detector):
        if spans is not None and span not in spans:
            continue
        uses = uses or _Uses(detector)
        removal, _ = _plan_one(uses, span, statement, module, name, local)
        if removal is not None:
            out[span] = removal
    return out


def removed_locals(detector) -> FrozenSet[str]:
    """The local names of the imports ZM460's plan takes, of every gone import whatever rule
    reports it (``removal_plan``: ast only; computed once per detector). A rule whose fix of such
    an import is only unsafe declines it where ZM460's safe fix takes it
    (``rules/inlined_helpers.inline_check``)."""
    cached = getattr(detector, "_zm460_removed_locals", None)
    if cached is None:
        cached = detector._zm460_removed_locals = frozenset(r.local for r in removal_plan(detector).values())
    return cached


def use_regions(detector, removal: Removal) -> List[Tuple[Span, List[Span]]]:
    """``(span, spans of its argument values)`` of each use with what hangs on it (``X(...)``,
    ``X.attr``, ``X[...]``, chained): a finding there outside the argument values (a keyword of
    the call, a member of the result) is made through the name, so it goes with the import."""
    out = []
    for use in removal.uses:
        top: ast.AST = use
        values: List[Span] = []
        parent = detector.parent(top)
        while (isinstance(parent, ast.Call) and parent.func is top) or (
            isinstance(parent, (ast.Attribute, ast.Subscript)) and parent.value is top
        ):
            if isinstance(parent, ast.Call):
                values += [detector._span(a) for a in parent.args] + [detector._span(k.value) for k in parent.keywords]
            elif isinstance(parent, ast.Subscript):
                values.append(detector._span(parent.slice))
            top, parent = parent, detector.parent(parent)
        out.append((detector._span(top), values))
    return out


def resolved_here(detector, removal: Removal, findings: List[Finding]) -> List[Finding]:
    """The findings of ``findings`` that go with ``removal``: on the import name, and made through
    one of its uses (see ``use_regions``)."""
    regions = use_regions(detector, removal)
    return [
        f for f in findings
        if f.span == removal.span
        or any(f.span.inside(r) and not any(f.span.inside(v) for v in values) for r, values in regions)
    ]


def advice(finding: Finding) -> str:
    """What a human does instead, ``"ZMnnn: text"`` from the TODO text of the finding's rule ("" for
    a rule without one: the safety net's message names the one missing name only)."""
    from zenml_migrate.rules import get_rule

    rule = get_rule(finding.code)
    return f"{finding.code}: {rule.todo}" if rule is not None and rule.todo else ""


def _left_to_a_project_run(removal: Removal, findings: List[Finding]) -> bool:
    """A use the fix of another rule rewrites once the whole project is given (ZM414's
    ``FlavorWrapper`` of a module this run does not rewrite): the import stays with its TODO, so
    a later run on the project converges to the run on the project."""
    from zenml_migrate.rules.flavor_wrappers import waits_for_the_project

    waiting = [f.span.line for f in findings if waits_for_the_project(f)]
    return any(a.lineno <= line <= (a.end_lineno or a.lineno) for a in removal.anchors for line in waiting)


def _port_codes() -> Set[str]:
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan.resolved_with import PORT

    return {r.code for r in all_rules() if r.codemod == PORT}


def _left_to_an_unsafe_port(finding: Finding, ported: Set[str]) -> bool:
    """A finding only an unsafe ZM409 port of the file resolves (an annotation of a hook it
    re-signs, the import only those use): ZM460 may take it, so that ``--fix`` makes the module
    import (``mark``)."""
    return finding.fix == "unsafe" and finding.resolved_by in ported


def mark(detector, findings: List[Finding]) -> List[Finding]:
    """``findings`` with a ZM460 finding on each import name that can go, and the findings that
    fix resolves marked (``resolved_by``); unchanged when ZM460 is not selected."""
    if not any(r.code == ZM460.code for r in detector.index.rules) or detector.top_level() is None:
        return findings
    findings = _past_written_raises(detector, findings)
    open_at: Dict[Span, List[Finding]] = {}
    ported = _port_codes()
    for f in findings:
        if f.needs is None and (f.fix is None and f.resolved_by is None or _left_to_an_unsafe_port(f, ported)):
            open_at.setdefault(f.span, []).append(f)
    fixed_at = {f.span for f in findings if f.fix is not None and not _left_to_an_unsafe_port(f, ported)}
    candidates = {span for span in open_at if span not in fixed_at}
    if not candidates:
        return findings
    plan = removal_plan(detector, candidates)
    if not plan:
        return findings
    from zenml_migrate.scan.suppress import Suppressions

    suppressed = Suppressions("\n".join(detector.lines))
    plan = {s: r for s, r in plan.items() if not suppressed.hides(ZM460.code, s.line, s.end_line)}
    plan = {s: r for s, r in plan.items() if not _left_to_a_project_run(r, findings)}
    # an import only the hooks an unsafe ZM409 port re-signs use: at `--fix` (no port) the import
    # goes and their annotations become strings; `--unsafe-fixes` makes both edits in one run,
    # and the port then replaces those parameters, so the two paths write the same code
    plan = {
        s: r for s, r in plan.items()
        if not r.anchors or not any(_left_to_an_unsafe_port(f, ported) for f in open_at[s])
    }
    resolved: Set[int] = set()
    aside: Set[int] = set()  # resolved at ``--fix`` only: their own unsafe fixes make them at ``--unsafe-fixes``
    added: List[Finding] = []
    rule = ZM460
    open_findings = [f for fs in open_at.values() for f in fs]
    for span, removal in plan.items():
        unreachable = [_unreachable_from(detector, anchor) for anchor in removal.anchors]
        mine = resolved_here(detector, removal, open_findings) + _on_local_values(detector, open_findings, unreachable)
        resolved.update(id(f) for f in mine)
        first = open_at[span][0]
        why = advice(first) or f"{first.code}: {first.message.split(NO_FIX_HERE, 1)[0]}"
        places = len({id(a) for a in removal.anchors})
        finding = Finding(
            detector.path,
            span,
            ZM460.code,
            f"{removal.shown} has no ZenML 0.20 successor ({why}) and only code that runs "
            f"after import uses it: the import can go"
            + (f", {places} statement(s) using it raise NotImplementedError under a TODO" if places else "")
            + (f", {len(removal.annotations)} annotation(s) become strings" if removal.annotations else ""),
            rule.fix_value,
        )
        own = _own_unsafe_fixes(mine, span)
        if own:  # ``--unsafe-fixes``: those fixes rewrite the import and its uses, and this one stands aside
            aside.update(id(f) for f in mine)
            at_unsafe = mark_resolved(finding, own, "unsafe")
            finding = replace(finding, unsafe_view=(at_unsafe.fix, at_unsafe.resolved_by, at_unsafe.message))
        added.append(finding)
    out = []
    for f in findings:
        if id(f) in resolved:
            view = f.unsafe_view if id(f) in aside else None
            f = mark_resolved(replace(f, message=unresolved_message(f.message), unsafe_view=view), ZM460.code, rule.fix_value)
        out.append(f)
    ours = [f for f in out if f.resolved_by == ZM460.code]
    return out + [replace(f, fix_args=_fix_args(detector, removal, ours)) for f, removal in zip(added, plan.values())]


def _fix_args(detector, removal: Removal, resolved: List[Finding]) -> Tuple[Tuple[str, object], ...]:
    """What the fix of ``removal``'s finding does (``rules/no_successor.py`` names the keys);
    ``resolved``: the findings ZM460's fix resolves in this file (the TODO says what the rules of
    those made through this import say to do)."""
    mine = sorted(resolved_here(detector, removal, resolved), key=lambda f: (f.span != removal.span, f.span, f.code))
    def at(node: ast.AST) -> Tuple[int, int, int, int]:
        span = detector._span(node)
        return span.line, span.column, span.end_line, span.end_column

    return (
        (IMPORT, (removal.module, removal.name, removal.local)),
        (ANCHORS, tuple({id(a): at(a) for a in removal.anchors}.values())),
        (ANNOTATIONS, tuple(at(a) for a in removal.annotations)),
        (ADVICE, "; ".join(dict.fromkeys(filter(None, (advice(f) for f in mine))))),
    )


def _own_unsafe_fixes(findings: List[Finding], span: Span) -> Optional[str]:
    """The codes (``"ZM445"``) whose own unsafe fixes, at ``--unsafe-fixes``, rewrite the import at
    ``span`` and every use ``findings`` (the ones ZM460 resolves) are on (``scan/fix_checks.Yields``:
    each finding's ``unsafe_view`` is its own fix), or None: then ZM460's fix is made at both levels."""
    if not findings or not all(f.unsafe_view is not None and f.unsafe_view[0] and not f.unsafe_view[1] for f in findings):
        return None
    codes = sorted({f.code for f in findings if f.span == span})
    return ", ".join(codes) or None


def _block_of(detector, statement: ast.stmt) -> List[ast.stmt]:
    """The statement list ``statement`` is in (``[statement]`` when it is not found)."""
    holder = detector.parent(statement)
    blocks = [getattr(holder, name, None) for name in ("body", "orelse", "finalbody")]
    return next((b for b in blocks if isinstance(b, list) and any(s is statement for s in b)), [statement])


def _unreachable_from(detector, statement: ast.stmt, after: bool = False) -> Span:
    """The code a ``raise`` right above ``statement`` makes unreachable: ``statement`` and the
    statements after it in its block (``after``: only those after it, the statement being the
    raise itself; an empty span when there are none)."""
    block = _block_of(detector, statement)
    index = next(i for i, s in enumerate(block) if s is statement)
    rest = block[index + 1 :] if after else block[index:]
    if not rest:
        return Span(statement.lineno, 0, statement.lineno, 0)
    first, last = detector._span(rest[0]), detector._span(rest[-1])
    return Span(first.line, first.column, last.end_line, last.end_column)


def _past_written_raises(detector, findings: List[Finding]) -> List[Finding]:
    """``findings`` without those for a human in code that a raise this fix wrote makes
    unreachable (the statements after it in its block, below its ``# TODO(zenml-migrate): ZM460``
    line): before the fix they were resolved by it (``mark``), and the code is what the TODO says
    to port; a re-scan reporting some of them (those it still types without the removed import)
    would contradict the fix's count. A finding with a fix of its own stays."""
    marker = f"{PREFIX}{ZM460.code} "
    if marker not in detector.text or not any(f.fix is None for f in findings):
        return findings
    regions = []
    for node in ast.walk(detector.tree):
        if not isinstance(node, ast.Raise) or not 1 < node.lineno <= len(detector.lines):
            continue
        call = node.exc
        text = call.args[0] if isinstance(call, ast.Call) and len(call.args) == 1 else None
        if (
            isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "NotImplementedError"
            and isinstance(text, ast.Constant) and isinstance(text.value, str) and text.value.startswith("zenml-migrate: ")
            and detector.lines[node.lineno - 2].strip().startswith(marker.strip())
        ):
            regions.append(_unreachable_from(detector, node, after=True))
    if not regions:
        return findings
    gone = {id(f) for f in _on_local_values(detector, [f for f in findings if f.fix is None and f.needs is None], regions)}
    return [f for f in findings if id(f) not in gone]


def _on_local_values(detector, findings: List[Finding], regions: List[Span]) -> List[Finding]:
    """The findings of ``findings`` inside ``regions`` (unreachable past a raise of this fix) that
    are on a value of a local name (``store.uri``, ``comp`` of ``for comp in wrapper.components``):
    its type may come through the removed name (a parameter annotation, an ``isinstance``
    narrowing, a return annotation), which no scan can follow once the import is gone, so they
    go with the raise. One on an expression of a module-level name (``StoreType.LOCAL``) stays for
    a human: the re-scan sees it as before."""
    if not regions:
        return []
    module_names = None
    out = []
    for f in findings:
        if not any(f.span.inside(r) for r in regions) or not 0 < f.span.line <= len(detector.lines):
            continue
        word = _WORD.match(detector.lines[f.span.line - 1], f.span.column - 1)
        if word is None:
            continue
        if module_names is None:
            module_names = _module_bindings(detector.tree)
        if word.group() not in module_names and not hasattr(builtins, word.group()):
            out.append(f)
    return out


def _module_bindings(tree: ast.Module) -> Set[str]:
    """Names the module's own statements bind at its top level (imports, assignments, defs,
    classes, loop and ``with`` targets), at any depth of its blocks but not inside a def or class."""
    out: Set[str] = set()
    stack: List[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(node.name)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out.update((a.asname or a.name.split(".")[0]) for a in node.names)
            continue
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            out.add(node.id)
        if isinstance(node, ast.Lambda):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return out


def gone_import_names(detector) -> Set[str]:
    """The local names bound by a module-level zenml import that neither 0.20 release has (the
    imports ZM460 may remove): another fix must not carry one of them into code that runs at
    import (ZM210's move into a ``@step`` decorator, migrate/scan/fix_checks.py). A name whose import has a
    fix of its own (ZM444 renames ``PyTorchMaterializer`` to its 0.20 class) is not gone."""
    fixed = {f.span for f in detector.findings if f.fix is not None}
    return {local for span, *_, local in gone_zenml_imports(detector) if span not in fixed}
