"""``trackers:EnableDecorators``: ``@enable_mlflow`` / ``@enable_wandb`` / ``@enable_whylabs`` -> step configuration.

The decorator (bare or called, above or below the ``@step``, under any alias) is removed and
the ``@step`` under it gets the 0.20 configuration (a bare ``@step`` becomes ``@step(...)``):

* mlflow / wandb: ``experiment_tracker=<name>`` (0.20 activates a tracker only for steps that
  name it) and, when the decorator had arguments, ``settings={"experiment_tracker.mlflow":
  {"nested": True}}`` / ``{"experiment_tracker.wandb": {"settings": ...}}``;
* whylabs: ``settings={"data_validator.whylogs": {"enable_whylabs": True, ...}}`` (data
  validators are always active, no name needed).

Settings are plain dicts (no Settings class import). The tracker name is the
``--experiment-tracker NAME`` option; without it, the 0.20 idiom that mirrors 0.13.2's "use
the stack's tracker": ``_tracker = Client().active_stack.experiment_tracker`` once, after the
imports above the first step that uses it (inside ``try``/``except RuntimeError: _tracker =
None``: the real 0.20.5 raises there on a store that was never used, whose default stack has
no tracker anyway), and ``experiment_tracker=_tracker.name if _tracker else None``. An
existing lookup (either form) is reused.

Half-migrated steps are left correct: an ``experiment_tracker=`` or a settings key that is
already there is kept (the decorator just goes). A ``settings=`` that is not a dict literal,
positional decorator arguments, a class-based step, or a function without a ZenML ``@step``
get a TODO instead.
"""

from typing import List, Set, Tuple

import libcst as cst

from zenml_migrate.fix import call_args as ca
from zenml_migrate.fix.codemod import Codemod
from zenml_migrate.fix.imports import dotted
from zenml_migrate.fix.local_names import Declined, STEP_DECORATOR, codes_at, decorator_target, drop_unused_imports, qualified, root_name

CLIENT = ("zenml.client", "Client")
# the 0.20 idiom (reference 1.8); a store that has never been used has no active stack yet
# (`Client().active_stack` raises RuntimeError until something sets up the default stack, which
# has no tracker), hence the fallback instead of a crash when the module is imported
LOOKUP = """\
try:
    {name} = {client}().active_stack.experiment_tracker
except RuntimeError:  # no active stack yet (a ZenML 0.20 store never used): no tracker
    {name} = None
"""
LOOKUP_NAMES = ("_tracker", "_zenml_tracker", "_zenml_experiment_tracker")


class EnableDecorators(Codemod):
    """Reads the rules' ``fix_args``: ``settings_key``, ``needs_tracker`` and ``extra``
    (settings entries always written, e.g. ``enable_whylabs: True``)."""

    whole_tree = False  # only edits nodes inside statements that hold its findings (migrate/fix/codemod.py)

    def visit_Module(self, node: cst.Module) -> None:
        self.lookup_name, self.lookup_exists = _lookup_name(node)
        self.need_lookup = False
        self.dropped: Set[str] = set()  # local names of the removed decorators

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
        hits = []
        for i, dec in enumerate(original.decorators):
            codes = codes_at(self.ctx, decorator_target(dec), exact=True)
            if codes:
                hits.append((i, codes[0]))
        if not hits:
            return updated
        try:
            return self.rewrite(updated, hits)
        except Declined:
            return updated  # the findings stay: the fixer adds the rules' TODO lines

    # ------------------------------------------------------------------ rewrite
    def rewrite(self, func: cst.FunctionDef, hits: List[Tuple[int, str]]) -> cst.FunctionDef:
        decorators = list(func.decorators)
        steps = [i for i, d in enumerate(decorators) if qualified(self.ctx, decorator_target(d)) == STEP_DECORATOR]
        if len(steps) != 1:
            raise Declined()
        step_index = steps[0]
        node = decorators[step_index].decorator
        call = node if isinstance(node, cst.Call) else cst.Call(func=node)
        pairs = []
        needs_tracker = False
        for i, code in hits:
            extra = [(k, _literal(v)) for k, v in self.ctx.arg(code, "extra", ()) or ()]
            values = extra + self.decorator_kwargs(decorators[i].decorator)
            if values:
                pairs.append((self.ctx.arg(code, "settings_key"), ca.make_dict(values)))
            needs_tracker = needs_tracker or bool(self.ctx.arg(code, "needs_tracker"))
        keys = ca.settings_keys(call)
        if keys is None and pairs:
            raise Declined()
        pairs = [(k, v) for k, v in pairs if k not in (keys or set())]
        if needs_tracker and ca.keyword_index(call.args, "experiment_tracker") is None:
            call = ca.add_kwargs(call, [("experiment_tracker", self.tracker_name())])
        call = ca.merge_settings(call, pairs)
        decorators[step_index] = decorators[step_index].with_changes(decorator=call)
        for i, _ in hits:
            local = root_name(decorator_target(decorators[i]))
            if local:
                self.dropped.add(local)
        return remove_decorators(func.with_changes(decorators=decorators), {i for i, _ in hits})

    @staticmethod
    def decorator_kwargs(node: cst.BaseExpression) -> List[Tuple[str, cst.BaseExpression]]:
        if not isinstance(node, cst.Call):
            return []
        if any(a.keyword is None for a in node.args):
            raise Declined()  # positional or **kwargs: not a shape 0.13.2 documented
        return [(a.keyword.value, a.value) for a in node.args]

    def tracker_name(self) -> cst.BaseExpression:
        if self.ctx.experiment_tracker:
            return ca.string(self.ctx.experiment_tracker)
        self.need_lookup = True
        name = self.lookup_name
        return cst.parse_expression(f"{name}.name if {name} else None")

    # -------------------------------------------------------- module-level lookup
    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        drop_unused_imports(self.ctx, updated, self.dropped)
        if not self.need_lookup or self.lookup_exists:
            return updated
        body = list(updated.body)
        first_use = next((i for i, stmt in enumerate(body) if self.lookup_name in updated.code_for_node(stmt)), len(body))
        at = _after_imports(body[:first_use])
        lines = []
        if any(_is_zenml_import(stmt) for stmt in body[at:]):
            # the fixer adds imports after the last zenml import, which comes later here:
            # import Client right above the lookup so it exists when the module runs
            client = "_ZenMLClient"
            lines.append(cst.parse_statement(f"from {CLIENT[0]} import {CLIENT[1]} as {client}\n"))
        else:
            client = self.ctx.add_import(*CLIENT)
        lines.append(cst.parse_statement(LOOKUP.format(name=self.lookup_name, client=client)))
        lines[0] = lines[0].with_changes(leading_lines=[cst.EmptyLine()] if at else [])
        if at < len(body) and at and not body[at].leading_lines:
            body[at] = body[at].with_changes(leading_lines=[cst.EmptyLine()])
        body[at:at] = lines
        return updated.with_changes(body=body)


def _literal(value) -> cst.BaseExpression:
    return cst.parse_expression(repr(value))


def _lookup_name(module: cst.Module) -> Tuple[str, bool]:
    """The module-level name for the tracker lookup, and whether it is already assigned."""
    assigned = {}
    lines = [s for s in module.body if isinstance(s, cst.SimpleStatementLine)]
    lines += [s for t in module.body if isinstance(t, cst.Try) for s in t.body.body if isinstance(s, cst.SimpleStatementLine)]
    for stmt in lines:
        for small in stmt.body:
            if isinstance(small, cst.Assign):
                for t in small.targets:
                    if isinstance(t.target, cst.Name):
                        assigned.setdefault(t.target.value, module.code_for_node(small.value))
    for name in LOOKUP_NAMES:
        if name not in assigned:
            return name, False
        if assigned[name].endswith("active_stack.experiment_tracker"):
            return name, True
    return LOOKUP_NAMES[-1], True


def remove_decorators(func: cst.FunctionDef, drop) -> cst.FunctionDef:
    """``func`` without the decorators at ``drop``; their comments move to the next line."""
    kept: List[cst.Decorator] = []
    carried: List[cst.EmptyLine] = []
    for i, dec in enumerate(func.decorators):
        if i in drop:
            comments = ca.comments_in(dec.decorator) + ([dec.trailing_whitespace.comment] if dec.trailing_whitespace.comment else [])
            carried += list(dec.leading_lines) + [cst.EmptyLine(indent=True, comment=c) for c in comments]
            continue
        if carried:
            dec = dec.with_changes(leading_lines=carried + list(dec.leading_lines))
            carried = []
        kept.append(dec)
    changes = {"decorators": kept}
    if carried:
        changes["lines_after_decorators"] = carried + list(func.lines_after_decorators)
    return func.with_changes(**changes)


def _is_import(stmt: cst.CSTNode) -> bool:
    if isinstance(stmt, cst.SimpleStatementLine):
        return all(isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body)
    if isinstance(stmt, cst.Try):  # try: import x / except ImportError: ...
        return all(_is_import(s) for s in stmt.body.body)
    return False


def _is_docstring(stmt: cst.CSTNode) -> bool:
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and len(stmt.body) == 1
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _after_imports(body: List[cst.CSTNode]) -> int:
    """Index just after the last import statement of ``body`` (or its docstring)."""
    at = 1 if body and _is_docstring(body[0]) else 0
    for i, stmt in enumerate(body):
        if _is_import(stmt):
            at = i + 1
    return at


def _is_zenml_import(stmt: cst.CSTNode) -> bool:
    if not isinstance(stmt, cst.SimpleStatementLine):
        return False
    for small in stmt.body:
        if isinstance(small, cst.ImportFrom) and not small.relative and dotted(small.module).split(".")[0] == "zenml":
            return True
        if isinstance(small, cst.Import) and any(dotted(a.name).split(".")[0] == "zenml" for a in small.names):
            return True
    return False
