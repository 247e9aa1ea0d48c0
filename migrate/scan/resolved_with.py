"""Findings that other fixes of the file resolve: ``scan`` and ``code --fix`` agree by construction.

A finding whose rule has no fix of its own can still go away with ``--fix``, because the rewrite
of other findings removes what it flags:

* an import of a name 0.20 lacks (``import zenml.integrations.mlflow.mlflow_step_decorator as
  mlflow_dec``, ``from zenml.steps import base_step_config as bsc``) whose every use is rewritten
  away (``@mlflow_dec.enable_mlflow`` by ZM207, ``bsc.BaseStepConfig`` by ZM101) leaves with its
  last use: the fixer drops a flagged import that no use is left of (``fix/rewrite.py``);
* a read of a client under ``if not isinstance(x, Repository):`` (0.20's ``Repository()`` returns a
  ``Client``, so the test lets a client through) is no client's once the rename of that
  ``Repository`` to ``Client`` makes the test rule it out;
* a finding in the parameters of a hook the ZM409 port gives its 0.20 signature
  (``runtime_configuration: RuntimeConfiguration``, ZM111) goes with the old signature, and so
  does the import only that signature used.

Such a finding gets the fix level of the fixes it goes with (``unsafe`` when one of them is) and
says so in its message, so ``scan`` counts it where ``--fix`` resolves it and ``--fix`` writes no
TODO line for it. The scan computes it once per detection (``file_scan.detect``), the fixer asks
the same module which import a resolved finding is (``import_local``).
"""

import ast
import bisect
import re
from typing import Dict, List, Optional, Set, Tuple

from zenml_migrate.findings import Finding, Span, mark_resolved
from zenml_migrate.scan.component_port import dotted_name
from zenml_migrate.scan.nodes import walk
from zenml_migrate.scan.zenml_index import in_zenml

# codemods whose rewrite replaces the whole span of their finding (a renamed reference, a removed
# decorator): ``scan/fix_checks.REPLACES_SPAN``, where a new codemod says so (``codemod_check``)
PORT = "flavors:PortComponent"
# codemods that rewrite the call holding their finding and the annotation of the function around
# it (``FlavorWrapper(source=...)`` in ``flavors()`` -> the Flavor class): a use there is gone
WRAPPED_CALLS = frozenset({"flavor_wrappers:FlavorClasses"})
# codemods that replace a method read with a function (``to``): the receiver is gone after the
# rewrite (``context.metadata_store.get_pipeline(p)`` -> ``get_pipeline(p)``: ZM310 on
# ``context.metadata_store`` goes with ZM301's fix)
RECEIVER_DROPPED = "post_execution:PostExecution"
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

Region = Tuple[Span, str, str]  # (span, fix level, code of the fix)


def resolve(detector, findings: List[Finding]) -> List[Finding]:
    """``findings`` with those that other fixes resolve marked with their fix level."""
    from zenml_migrate.rules import get_rule

    candidates = [f for f in findings if f.fix is None and f.needs is None and f.resolved_by is None]
    if not candidates:
        return findings
    replaced, ports = _regions(detector, findings)
    if not replaced and not ports:
        return findings
    resolved: Dict[int, Tuple[str, Set[str]]] = {}
    imports = None
    guards = getattr(detector, "repository_guards", {})
    for f in candidates:
        # inside a port, or inside a reference a fix replaces whole (``zenml.x.gone`` of ``zenml.x.gone.Old``)
        hit = [r for r in ports if f.span.inside(r[0])] or [r for r in replaced if f.span.inside(r[0]) and r[0] != f.span]
        guard = next((g for read, g in guards.items() if (read.line, read.column) == (f.span.line, f.span.column)), None)
        if not hit and guard is not None:
            # a read under ``not isinstance(x, Repository)``: once the class is renamed ``Client`` the test
            # rules the client out there (``Detector._ruled_out``), the read is no client's
            hit = [r for r in replaced if guard.inside(r[0])]
        if not hit:
            if imports is None:
                imports = _import_aliases(detector, [c.span for c in candidates])
            local = imports.get(f.span)
            if local is None:
                continue
            hit = _uses_resolved(detector, local, replaced, ports)
        if hit:
            resolved[id(f)] = (_level(r[1] for r in hit), {r[2] for r in hit})
    if not resolved:
        return findings
    out = []
    for f in findings:
        if id(f) in resolved:
            level, codes = resolved[id(f)]
            by = ", ".join(sorted(codes))
            f = mark_resolved(f, by, level)
        out.append(f)
    return out




def _level(levels) -> str:
    return "unsafe" if "unsafe" in set(levels) else "safe"


def _regions(detector, findings: List[Finding]) -> Tuple[List[Region], List[Region]]:
    """``(spans a fix replaces whole, parameters of hooks a port rewrites)`` with their levels."""
    from zenml_migrate.rules import get_rule
    from zenml_migrate.scan.fix_checks import DECORATOR_GONE, REPLACES_SPAN

    from zenml_migrate.scan.suppress import Suppressions

    replaced: List[Region] = []
    ports: List[Region] = []
    port_levels: Dict[Span, str] = {}
    receivers: Dict[Span, Finding] = {}
    suppressed = Suppressions("\n".join(detector.lines))  # `# migrate: ignore[...]`: that fix is not made
    for f in findings:
        rule = get_rule(f.code)
        if f.fix is None or rule is None or suppressed.hides(f.code, f.span.line, f.span.end_line):
            continue
        if f.needs is not None and not rule.arg("documented_name"):
            continue  # no fix without an option: `migrate code` may not have it
        if rule.codemod in REPLACES_SPAN:
            replaced.append((f.span, f.fix, f.code))
        elif rule.codemod == PORT:
            port_levels[f.span] = f.fix
            port_code = f.code
        elif rule.codemod in WRAPPED_CALLS:
            ports.extend((span, f.fix, f.code) for span in _call_and_returns(detector, f.span))
        elif rule.codemod in DECORATOR_GONE:
            ports.extend((span, f.fix, f.code) for span in _whole_decorators(detector, f.span))
        elif rule.codemod == RECEIVER_DROPPED and rule.arg("to") is not None:
            receivers[f.span] = f
    if receivers:
        ports += [(span, receivers[at].fix, receivers[at].code) for at, span in _receivers(detector, receivers)]
    if port_levels:
        ports += [(span, port_levels[site], port_code) for site, span in _hook_parameters(detector) if site in port_levels]
    return replaced, ports


def _receivers(detector, methods: Dict[Span, Finding]):
    """``(span of a method read, span of what its rewrite drops)`` for the method reads at
    ``methods``: the receiver (``a.b.get_pipeline`` -> ``a.b``) and, where the method is called,
    the arguments the function does not take (``drop_args``: ``stack_key=repo.get_active_stack_key()``);
    only the module-level statements holding them are walked."""
    from zenml_migrate.fix.call_slots import dropped_slots
    from zenml_migrate.rules import get_rule

    lines = {s.line for s in methods}
    for stmt in _statements_at(detector.top_level(), sorted(lines)):
        for node in walk(stmt):
            if isinstance(node, ast.Attribute) and node.lineno in lines:  # a span starts on its node's line
                span = detector._span(node)
                if span in methods:
                    yield span, detector._span(node.value)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.lineno in lines:
                span = detector._span(node.func)
                rule = get_rule(methods[span].code) if span in methods else None
                if rule is None or (rule.arg("lookup") is not None and methods[span].fix == "safe"):
                    continue  # the rule's lookup takes the call's one argument
                if rule.arg("template") is not None and not (node.args or node.keywords):
                    continue
                given = sorted(
                    [(a.lineno, a.col_offset, None, isinstance(a, ast.Starred), a) for a in node.args]
                    + [(k.value.lineno, k.value.col_offset, k.arg, k.arg is None, k.value) for k in node.keywords],
                    key=lambda item: item[:2],
                )
                arguments = [(name, star) for _, _, name, star, _ in given]
                for keyword, slot in rule.arg("drop_args", ()) or ():
                    for i in sorted(dropped_slots(arguments, keyword, slot)):
                        yield span, detector._span(given[i][4])


def dropped_receivers(detector, findings: List[Finding]) -> Set[Span]:
    """Spans of the receivers that the safe fixes of ``findings`` drop (``metadata_store`` of
    ``metadata_store.get_pipelines()``, ZM302): what reads them there is gone after ``--fix``
    (``scan/import_time.py``: not a use of a name bound to what 0.20 cannot build)."""
    from zenml_migrate.rules import get_rule
    from zenml_migrate.scan.fix_checks import DECORATOR_DROPPED

    methods = {}
    decorators: Set[Span] = set()
    for f in findings:
        rule = get_rule(f.code) if f.fix == "safe" else None
        if rule is not None and rule.codemod == RECEIVER_DROPPED and rule.arg("to") is not None:
            methods[f.span] = f
        elif rule is not None and rule.codemod in DECORATOR_DROPPED:
            decorators.add(f.span)
    out = {receiver for _, receiver in _receivers(detector, methods)} if methods else set()
    return out | _dropped_decorators(detector, decorators) if decorators else out


# the codemods that remove the decorator they are reported on: ``scan/fix_checks.DECORATOR_DROPPED``
# and ``DECORATOR_GONE`` (with its arguments: a finding for a human inside them, ZM113 on
# ``METADATA_STORE`` in ``@register_stack_component_class(StackComponentType.METADATA_STORE, ...)``,
# goes with them), said by the rules module of the rule that brings the codemod (``drops_decorator``)


def _whole_decorators(detector, span: Span) -> List[Span]:
    """The span of the whole decorator (its call and arguments) of a module-level def/class
    whose name is at ``span``; none when ``span`` is no such decorator."""
    for stmt in detector.top_level().body:  # ``lineno`` of a decorated def is its ``def`` line
        for dec in getattr(stmt, "decorator_list", ()):
            target = dec.func if isinstance(dec, ast.Call) else dec
            if detector._span(target) == span:
                return [detector._span(dec)]
    return []


def _dropped_decorators(detector, spans: Set[Span]) -> Set[Span]:
    """The spans among ``spans`` that are a whole decorator of a module-level ``def``/``class``
    (the name, or the call of it: ``@track`` / ``@track(nested=True)``), and the name it reads."""
    out: Set[Span] = set()
    lines = {s.line for s in spans}
    for stmt in detector.top_level().body:
        decorators = getattr(stmt, "decorator_list", ())
        if not decorators or not any(d.lineno <= line <= (d.end_lineno or d.lineno) for d in decorators for line in lines):
            continue
        for dec in decorators:
            if detector._span(dec) not in spans and not (isinstance(dec, ast.Call) and detector._span(dec.func) in spans):
                continue
            out.update(detector._span(n) for n in ast.walk(dec) if isinstance(n, ast.Name))
    return out


def _call_and_returns(detector, span: Span) -> List[Span]:
    """The call whose keyword (or positional argument) is at ``span`` and the return annotation
    of the function around it."""
    functions = []
    for node in ast.walk(detector.tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and span.inside(detector._span(node)):
            functions.append(node)
    if not functions:
        return []
    function = max(functions, key=lambda n: (n.lineno, n.col_offset))  # the innermost
    out = [detector._span(function.returns)] if function.returns is not None else []
    for call in ast.walk(function):
        if isinstance(call, ast.Call) and any(detector._span(k) == span for k in [*call.keywords, *call.args]):
            out.append(detector._span(call))
    return out


def _hook_parameters(detector):
    """``(span of the port's ZM409 site, span of an annotation or default)`` of every parameter of
    the hooks the ZM409 ports of this module rewrite to their 0.20 signature, and of each read in
    such a hook's body of an old parameter the 0.20 signature drops (``runtime_configuration.run_name``,
    ZM111): the port's TODO says what that argument became (``_dropped_reads``)."""
    from zenml_migrate.scan.component_port import method_keys, planner_for

    planner = planner_for(detector)
    if planner is None:
        return
    for name, plan in planner.plans.items():
        if plan.blocked or not plan.hooks or name not in planner.sites:
            continue
        site = detector._span(planner.sites[name])
        keys = method_keys(planner.classes[name])
        for stmt in planner.classes[name].body:
            if keys.get(id(stmt)) not in plan.hooks:
                continue
            args = stmt.args
            params = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
            for part in [p.annotation for p in params if p is not None] + list(args.defaults) + list(args.kw_defaults):
                if part is not None:
                    yield site, detector._span(part)
            for read in _dropped_reads(stmt, plan.hooks[keys.get(id(stmt))]):
                yield site, detector._span(read)


def _dropped_reads(func: ast.FunctionDef, hook) -> List[ast.expr]:
    """The reads in ``func``'s body of the old parameters its 0.20 signature (``hook``) neither
    keeps nor replaces with an exact expression, each with the member reads and subscripts on it."""
    new = {a.strip().split(":")[0].split("=")[0].strip() for a in hook.signature.split(",")}
    dropped = {a.arg for a in func.args.args[1:]} - new - set(hook.exact)
    out: List[ast.expr] = []
    for stmt in func.body:
        for node in ast.walk(stmt):
            root = node
            while isinstance(root, (ast.Attribute, ast.Subscript)):
                root = root.value
            if isinstance(root, ast.Name) and root.id in dropped and isinstance(root.ctx, ast.Load):
                out.append(node)
    return out


def _import_aliases(detector, spans: List[Span]) -> Dict[Span, str]:
    """Span of each name of a zenml import -> the local name it binds (``import zenml.x`` binds
    ``zenml``: never dropped, left out), for the imports that may be at one of ``spans``: only
    the module-level statements holding one of them are walked (an import lies inside its
    statement's lines; a whole-module walk cost more than the rest of the detection)."""
    from zenml_migrate.scan.detect import alias_spans

    lines = sorted({s.line for s in spans})
    out: Dict[Span, str] = {}
    for node in (n for stmt in _statements_at(detector.top_level(), lines) for n in ast.walk(stmt)):
        if isinstance(node, ast.Import):
            for alias, span in zip(node.names, alias_spans(node, detector.lines)):
                if alias.name.startswith("zenml."):  # ``import zenml.x.y``: the module path (``_chain_uses``)
                    out[span] = alias.asname or alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and in_zenml(node.module or ""):
            for alias, span in zip(node.names, alias_spans(node, detector.lines)):
                if alias.name != "*":
                    out[span] = alias.asname or alias.name
    return out


def import_local(detector, span: Span) -> Optional[str]:
    """The local name the zenml import at ``span`` binds (the fixer: which import a resolved
    finding is), or None."""
    return _import_aliases(detector, [span]).get(span)


def _statements_at(tree: ast.Module, lines: List[int]) -> List[ast.stmt]:
    """The module-level statements of ``tree`` whose lines hold one of ``lines`` (sorted)."""
    out = []
    for stmt in tree.body:
        i = bisect.bisect_left(lines, stmt.lineno)
        if i < len(lines) and lines[i] <= stmt.end_lineno:
            out.append(stmt)
    return out


def _uses_resolved(detector, local: str, replaced: List[Region], ports: List[Region]) -> List[Region]:
    """The fixes that remove every use of ``local`` (empty: a use stays, or the name must stay
    bound for another module, ``__all__``, a second binding or a string that names it)."""
    # every statement that holds ``local`` (a name of a module-level zenml import) was parsed and
    # walked by the scan (file_scan.prune_module follows it): those are all this looks at
    module = detector.top_level()
    if "." in local:
        return _chain_uses(detector, local, replaced)
    if keeps_local_name(local, detector, module):
        return []
    hits: List[Region] = []
    seen = False
    pending = [module]
    while pending:
        for node in ast.walk(pending.pop()):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and local in _WORD.findall(node.value[:2000]):
                quoted = detector.quoted(node)  # a string annotation the scan read: its names are uses like any
                if quoted is None:
                    return []  # a name given to getattr, a string the scan did not read: kept
                pending.append(quoted)
                continue
            if not isinstance(node, ast.Name) or node.id != local:
                continue
            seen = True
            span = detector._span(node)
            start = (span.line, span.column)
            hit = next((r for r in replaced if (r[0].line, r[0].column) == start), None)
            hit = hit or next((r for r in ports if span.inside(r[0])), None)
            if hit is None:
                return []
            hits.append(hit)
    return hits if seen else []


def _chain_uses(detector, path: str, replaced: List[Region]) -> List[Region]:
    """``import zenml.config.docker_configuration`` (it binds ``zenml``) of a module 0.20 lacks:
    the fixes that replace every ``zenml.config.docker_configuration.X`` of the file (a rename
    writes ``DockerSettings``); ``zenml`` stays bound for its other uses (fix/imports writes
    ``import zenml`` where no other plain zenml import binds it). Empty: the import stays."""
    module = detector.top_level()
    hits: List[Region] = []
    pending: List[ast.AST] = [module]
    while pending:
        for node in ast.walk(pending.pop()):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and path in node.value[:2000]:
                quoted = detector.quoted(node)
                if quoted is None:
                    return []  # a dotted string the scan did not read: kept
                pending.append(quoted)
            elif isinstance(node, ast.Attribute) and dotted_name(node.value) == path:
                span = detector._span(node)
                hit = next((r for r in replaced if (r[0].line, r[0].column) == (span.line, span.column)), None)
                if hit is None:
                    return []
                hits.append(hit)
    return hits  # other uses of ``zenml``: the fixer keeps the name bound (``import zenml``)


# ------------------------------------------------------------------ names a module keeps
class NodeNames:
    """What one walk of an ``ast`` node finds (the fixer asks it several questions per
    statement): the names it uses, the plain names it calls, and the words of its string
    literals (annotations, ``__all__``)."""

    __slots__ = ("names", "called", "words")

    def __init__(self, node: ast.AST):
        self.names: Set[str] = set()
        self.called: Set[str] = set()
        self.words: Set[str] = set()
        stack = [node]  # every node once, in any order (a set is filled): ast.walk costs twice as much
        while stack:
            sub = stack.pop()
            if isinstance(sub, ast.Name):
                self.names.add(sub.id)
                continue  # its ``ctx`` holds nothing
            if isinstance(sub, ast.Constant):
                if isinstance(sub.value, str) and len(sub.value) < 2000:
                    self.words.update(_WORD.findall(sub.value))
                continue
            if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name):
                self.called.add(sub.func.id)
            for field in sub._fields:
                value = getattr(sub, field, None)
                if isinstance(value, list):
                    stack.extend(item for item in value if isinstance(item, ast.AST))
                elif isinstance(value, ast.AST):
                    stack.append(value)


def keeps_local_name(local: str, detector, tree: ast.Module) -> bool:
    """Must a renamed zenml import keep binding ``local`` (``from zenml.config import
    ResourceSettings as ResourceConfiguration``)? Yes when the name is used outside this
    module's own expressions: another project module imports it (the scan's cross-file facts),
    the module binds it again (the ``except ImportError:`` branch of a compat shim), or
    ``__all__`` lists it."""
    return exported_name(local, detector, tree) or len(detector.module_scope.bindings.get(local, ())) > 1


def exported_name(local: str, detector, tree: ast.Module) -> bool:
    """Is this module's name ``local`` used outside it: another project module imports or patches
    it (the scan's cross-file facts), or ``__all__`` lists it? Its import then stays, also when a
    fix took away every use of it here (``Repository().get_pipeline(p)`` -> ``get_pipeline(p)``)."""
    return detector.used_elsewhere(local) or local in dunder_all(tree)


def dunder_all(tree: ast.Module) -> Set[str]:
    """The string names a module-level ``__all__ = [...]`` (``+=``, tuple) lists."""
    out: Set[str] = set()
    for stmt in tree.body:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [getattr(stmt, "target", None)]
        if not any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            continue
        value = getattr(stmt, "value", None)
        if isinstance(value, (ast.List, ast.Tuple)):
            out.update(e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str))
    return out


#: cross-file fact ``"<module>.<name>.__unused__"``: a zenml import of the module that another module
#: imports or patches, and that the module's own code does not use once --fix ran (rules/patch_targets.py)
UNUSED_MARK = "__unused__"


def unused_exports(detector, findings: List[Finding]) -> Dict[str, str]:
    """``NAME.__unused__`` facts of ``unused_names``."""
    return {f"{local}.{UNUSED_MARK}": "unused" for local in unused_names(detector, findings)}


def unused_names(detector, findings: List[Finding]) -> Set[str]:
    """The module-level zenml from-imports ``NAME`` that this module's code does not use after
    --fix: every use lies in code a fix rewrites away (``Repository().get_pipeline(p)`` ->
    ``get_pipeline(p)``, ZM301), or there is none, where its import has a finding or binds a
    renamed object (``Client as Repository``: what --fix leaves when another module imports or
    patches the name, ``exported_name``). Only files with such a fix, or such an alias, are walked."""
    from zenml_migrate.rules import get_rule

    if not detector.module_name:
        return set()
    movers = {RECEIVER_DROPPED, PORT} | WRAPPED_CALLS
    moved = any(f.fix is not None and getattr(get_rule(f.code), "codemod", None) in movers for f in findings)
    imported: Dict[str, Tuple[ast.alias, Optional[Span]]] = {}
    for stmt in detector.top_level().body:
        if isinstance(stmt, ast.ImportFrom) and stmt.level == 0 and in_zenml(stmt.module or ""):
            for alias, span in zip(stmt.names, _alias_spans_of(detector, stmt)):
                local = alias.asname or alias.name
                if alias.name != "*" and (moved or local != alias.name):
                    imported[alias.asname or alias.name] = (alias, span)
    if not imported:
        return set()
    module = detector.top_level()  # every statement that holds a zenml import's name was walked (``_uses_resolved``)
    flagged = {f.span for f in findings}
    targets = {id(node) for node, _, _ in detector.patch_targets}
    # a name is reported when each use of it lies in a port region, or, with no use, when its import has
    # a finding or binds a renamed object. ``alive``: the names still in question; a use elsewhere or a
    # string naming it (getattr, an annotation: kept as used) settles a name, and the walk stops once
    # every name is settled
    alive = set(imported)
    used: Set[str] = set()
    ports: Optional[List[Region]] = None
    for node in walk(module):
        if isinstance(node, ast.Name):
            if node.id in alive and isinstance(node.ctx, ast.Load):
                used.add(node.id)
                if ports is None:
                    ports = _regions(detector, findings)[1]
                span = detector._span(node)
                if not any(span.inside(r[0]) for r in ports):
                    alive.discard(node.id)
                    if not alive:
                        return set()
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in targets:
            head = node.value[:2000]
            if any(w in head for w in alive):  # a substring first: the words only when it may be one
                alive.difference_update(_WORD.findall(head))
                if not alive:
                    return set()
    out: Set[str] = set()
    for local in alive:
        alias, span = imported[local]
        if local in used or span in flagged or (alias.asname is not None and alias.asname != alias.name):
            out.add(local)
    return out


def _alias_spans_of(detector, stmt: ast.ImportFrom) -> List[Span]:
    from zenml_migrate.scan.detect import alias_spans

    return alias_spans(stmt, detector.lines)
