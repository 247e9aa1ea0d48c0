"""``materializers:ReturnMaterializers``: ``.with_return_materializers(M)`` -> forms that behave the same on every 0.20.x.

In every 0.20.x, ``with_return_materializers(M)`` is ``self.configure(output_materializers=M);
return self``. ``configure()`` itself returns None on 0.20.0 (``self`` on 0.20.5), so the
tempting ``x = s().configure(output_materializers=M)`` binds None on 0.20.0; and an
``output_materializers=`` keyword on the step *instance* is ignored on 0.20.0. So:

1. Chained out, where the call is a statement of its own (exactly the same behaviour):

   * ``s.with_return_materializers(M)``      -> ``s.configure(output_materializers=M)``
   * ``x = s().with_return_materializers(M)`` -> ``x = s()`` and, on the next line,
     ``x.configure(output_materializers=M)`` (``; `` inside a one-line suite)

2. Inside an expression (the 0.13.2 docs' ``p(trainer=trainer().with_return_materializers(M))``)
   no statement form keeps the evaluation order, so ``output_materializers=M`` moves into the
   ``@step`` decorator of ``trainer`` and the call becomes ``trainer()`` -- only when
   ``trainer`` is a ``@step`` function defined once at module level in this file, this is the
   only place the file creates it, its decorator has no ``output_materializers=`` yet, and
   every name in ``M`` is bound at module level before the ``def`` (so the decorator can
   evaluate it). Otherwise the code stays (it still works on 0.20.x, with a deprecation log)
   and gets a TODO.

The rule is an unsafe fix because of 2.: the decorator also applies to instances of the step
created in other files.
"""

from typing import Dict, List, Optional, Set, Tuple

import libcst as cst

from zenml_migrate.fix import call_args as ca
from zenml_migrate.fix.codemod import Codemod
from zenml_migrate.fix.local_names import codes_at, decorator_target, qualified
from zenml_migrate.scan.api013 import STEP_DECORATOR



class ReturnMaterializers(Codemod):

    def visit_Module(self, node: cst.Module) -> None:
        self.statement_level: Set[int] = set()  # ids of the calls chained out (1.)
        self.nested: List[Tuple[str, cst.Call]] = []  # (step function, the call as left in the tree) (2.)
        self.calls_of: Dict[str, int] = {}  # how often each module-level name is called
        self.shadowed: List[Set[str]] = []  # parameter names of the enclosing functions

    def flagged(self, node: cst.CSTNode) -> bool:
        return (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and len(node.args) == 1
            and not node.args[0].star
            and _keyword(node.args[0]) in ("", "materializers")
            and bool(codes_at(self.ctx, node.func, exact=True))
        )

    def _statements(self, body) -> None:
        for small in body:
            value = statement_value(small)
            if value is not None and self.flagged(value):
                self.statement_level.add(id(value))

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self._statements(node.body)

    def visit_SimpleStatementSuite(self, node: cst.SimpleStatementSuite) -> None:
        self._statements(node.body)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.shadowed.append(_parameters(node.params))

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        self.shadowed.pop()
        return updated

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.shadowed.append(_parameters(node.params))

    def leave_Lambda(self, original: cst.Lambda, updated: cst.Lambda) -> cst.Lambda:
        self.shadowed.pop()
        return updated

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Name) and not any(node.func.value in names for names in self.shadowed):
            self.calls_of[node.func.value] = self.calls_of.get(node.func.value, 0) + 1

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if id(original) not in self.statement_level and self.flagged(original):
            receiver = updated.func.value
            if isinstance(receiver, cst.Call) and isinstance(receiver.func, cst.Name):
                self.nested.append((receiver.func.value, updated))
        return updated

    # ------------------------------------------------------------ 2. moves
    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        moves = self._plan_moves(original)
        return updated.visit(_MoveIntoDecorator(self.ctx, moves, updated)) if moves else updated

    def _plan_moves(self, module: cst.Module) -> Dict[str, cst.Call]:
        """Step function -> the one call whose materializers move into its decorator."""
        bound_at = _module_bindings(module)
        defs = _module_functions(module)
        by_step: Dict[str, List[cst.Call]] = {}
        for name, call in self.nested:
            by_step.setdefault(name, []).append(call)
        moves = {}
        for name, calls in by_step.items():
            if len(calls) != 1 or self.calls_of.get(name, 0) != 1 or name not in defs:
                continue
            index, func = defs[name]
            step = _step_decorator(self.ctx, func)
            if step is None or not _defined_before(calls[0].args[0].value, bound_at, index):
                continue
            if isinstance(step.decorator, cst.Call) and ca.keyword_index(step.decorator.args, "output_materializers") is not None:
                continue
            moves[name] = calls[0]
        return moves

    # ------------------------------------------------------- 1. chained out
    def _rewrite(self, original_body, body) -> Optional[List[List[cst.BaseSmallStatement]]]:
        """Per small statement: the statements replacing it (None when nothing changed)."""
        out, changed = [], False
        for before, after in zip(original_body, body):
            value = statement_value(before)
            if value is None or id(value) not in self.statement_level:
                out.append([after])
                continue
            changed = True
            call = statement_value(after)
            receiver, materializers = call.func.value, call.args[0].value
            if isinstance(after, cst.Expr):
                out.append([after.with_changes(value=_configure(receiver, materializers))])
            else:
                name = after.targets[0].target if isinstance(after, cst.Assign) else after.target
                bound = after.with_changes(value=receiver, semicolon=cst.MaybeSentinel.DEFAULT)
                out.append([bound, cst.Expr(_configure(name, materializers), semicolon=after.semicolon)])
        return out if changed else None

    def leave_SimpleStatementLine(self, original, updated):
        groups = self._rewrite(original.body, updated.body)
        if groups is None:
            return updated
        if len(groups) == 1 and len(groups[0]) == 2:  # `x = s().with_...(M)` alone: two lines
            first, second = groups[0]
            return cst.FlattenSentinel([updated.with_changes(body=[first]), cst.SimpleStatementLine(body=[second])])
        return updated.with_changes(body=_joined(groups))

    def leave_SimpleStatementSuite(self, original, updated):
        groups = self._rewrite(original.body, updated.body)
        return updated if groups is None else updated.with_changes(body=_joined(groups))


class _MoveIntoDecorator(cst.CSTTransformer):
    """The second, rare pass: ``output_materializers=`` into the module-level ``@step`` of each
    planned function, and the planned calls (found by identity) reduced to their receiver."""

    def __init__(self, ctx, moves: Dict[str, cst.Call], module: cst.Module):
        super().__init__()
        self.ctx = ctx
        self.moves = moves
        self.calls = {id(call) for call in moves.values()}
        self.top_level = {id(stmt) for stmt in module.body}

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        call = self.moves.get(original.name.value) if id(original) in self.top_level else None
        if call is None:
            return updated
        decorators = list(updated.decorators)
        for i, dec in enumerate(decorators):
            if qualified(self.ctx, decorator_target(dec)) == STEP_DECORATOR:
                step = dec.decorator if isinstance(dec.decorator, cst.Call) else cst.Call(func=dec.decorator)
                step = ca.add_kwargs(step, [("output_materializers", call.args[0].value)])
                decorators[i] = dec.with_changes(decorator=step)
        return updated.with_changes(decorators=decorators)

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        return updated.func.value if id(original) in self.calls else updated


def _parameters(params: cst.Parameters) -> Set[str]:
    every = list(params.posonly_params) + list(params.params) + list(params.kwonly_params)
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param):
            every.append(star)
    return {p.name.value for p in every}


def _keyword(arg: cst.Arg) -> str:
    return arg.keyword.value if arg.keyword is not None else ""


def statement_value(small: cst.CSTNode) -> Optional[cst.BaseExpression]:
    """The value of ``E`` / ``name = E`` / ``name: T = E``; None for any other statement."""
    if isinstance(small, cst.Expr):
        return small.value
    if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
        return small.value
    if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name) and small.value is not None:
        return small.value
    return None


def _configure(receiver: cst.BaseExpression, materializers: cst.BaseExpression) -> cst.Call:
    func = cst.Attribute(value=receiver, attr=cst.Name("configure"))
    return cst.Call(func=func, args=[ca.kwarg("output_materializers", materializers)])


def _joined(groups) -> List[cst.BaseSmallStatement]:
    flat = [s for group in groups for s in group]
    semi = cst.Semicolon(whitespace_after=cst.SimpleWhitespace(" "))
    return [
        s if i == len(flat) - 1 or isinstance(s.semicolon, cst.Semicolon) else s.with_changes(semicolon=semi)
        for i, s in enumerate(flat)
    ]


def _module_functions(module: cst.Module) -> Dict[str, Tuple[int, cst.FunctionDef]]:
    """Functions defined exactly once at module level (and bound by nothing else there)."""
    seen: Dict[str, list] = {}
    for i, stmt in enumerate(module.body):
        if isinstance(stmt, cst.FunctionDef):
            seen.setdefault(stmt.name.value, []).append((i, stmt))
    bound = _module_bindings(module, first=False)
    return {n: v[0] for n, v in seen.items() if len(v) == 1 and bound.get(n, 1) == 1}


def _module_bindings(module: cst.Module, first: bool = True) -> Dict[str, int]:
    """Module-level name -> index of the first statement binding it (``first=False``: how many bind it)."""
    out: Dict[str, int] = {}

    def bind(name: str, i: int) -> None:
        if first:
            out.setdefault(name, i)
        else:
            out[name] = out.get(name, 0) + 1

    for i, stmt in enumerate(module.body):
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            bind(stmt.name.value, i)
        elif isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.Import):
                    for a in small.names:
                        bind(a.asname.name.value if a.asname else _head(a.name), i)
                elif isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
                    for a in small.names:
                        bind(a.asname.name.value if a.asname else a.name.value, i)
                elif isinstance(small, (cst.Assign, cst.AnnAssign)):
                    targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
                    for t in targets:
                        if isinstance(t, cst.Name):
                            bind(t.value, i)
    return out


def _head(node: cst.BaseExpression) -> str:
    while isinstance(node, cst.Attribute):
        node = node.value
    return node.value if isinstance(node, cst.Name) else ""


def _defined_before(expr: cst.BaseExpression, bound_at: Dict[str, int], index: int) -> bool:
    """Whether ``expr`` (names, attributes, strings, dict/list/tuple of them) can be evaluated
    by a decorator at statement ``index``: every name is bound at module level before it."""
    if isinstance(expr, cst.Name):
        return bound_at.get(expr.value, index) < index
    if isinstance(expr, cst.Attribute):
        return _defined_before(expr.value, bound_at, index)
    if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
        return True
    if isinstance(expr, cst.Dict):
        return all(
            isinstance(el, cst.DictElement)
            and _defined_before(el.key, bound_at, index)
            and _defined_before(el.value, bound_at, index)
            for el in expr.elements
        )
    return False


def _step_decorator(ctx, func: cst.FunctionDef) -> Optional[cst.Decorator]:
    steps = [d for d in func.decorators if qualified(ctx, decorator_target(d)) == STEP_DECORATOR]
    return steps[0] if len(steps) == 1 else None
