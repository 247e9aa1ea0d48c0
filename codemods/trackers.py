"""``trackers:EnableDecorators``: ``@enable_mlflow`` / ``@enable_wandb`` / ``@enable_whylabs`` -> step configuration.

The decorator (bare or called, above or below the ``@step``, under any alias) is removed and
the ``@step`` under it gets the 0.20 configuration (a bare ``@step`` becomes ``@step(...)``):

* mlflow / wandb: ``experiment_tracker=<name>`` (0.20 activates a tracker only for steps that
  name it) and, when the decorator had arguments, ``settings={"experiment_tracker.mlflow":
  {"nested": True}}`` / ``{"experiment_tracker.wandb": {"settings": ...}}``;
* whylabs: ``settings={"data_validator.whylogs": {"enable_whylabs": True, ...}}`` (data
  validators are always active, no name needed).

Settings are plain dicts (no Settings class import). The tracker name is a literal the
fix options give for the decorator's flavor (``fix_args`` ``tracker_flavor``): from
``--experiment-tracker``, ``[tool.zenml-migrate]`` or the user's ZenML configuration
(``migrate/fix/tracker_names.py``). Nothing in the rewritten module reads the store or the
stack when it is imported; with no name the decorator stays, with its TODO.

Half-migrated steps are left correct: an ``experiment_tracker=`` or a settings key that is
already there is kept (the decorator just goes). A ``settings=`` that is not a dict literal,
positional decorator arguments, a class-based step, or a function without a ZenML ``@step``
get a TODO instead.
"""

from typing import List, Set, Tuple

import libcst as cst

from zenml_migrate.fix import call_args as ca
from zenml_migrate.fix.codemod import Codemod
from zenml_migrate.fix.local_names import Declined, STEP_DECORATOR, codes_at, decorator_target, drop_unused_imports, qualified, root_name


class EnableDecorators(Codemod):
    """Reads the rules' ``fix_args``: ``settings_key``, ``tracker_flavor`` (the step needs
    ``experiment_tracker=`` the name of a tracker of that flavor) and ``extra`` (settings
    entries always written, e.g. ``enable_whylabs: True``)."""

    whole_tree = False  # only edits nodes inside statements that hold its findings (migrate/fix/codemod.py)

    def visit_Module(self, node: cst.Module) -> None:
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
        tracker = None
        for i, code in hits:
            extra = [(k, _literal(v)) for k, v in self.ctx.arg(code, "extra", ()) or ()]
            values = extra + self.decorator_kwargs(decorators[i].decorator)
            if values:
                pairs.append((self.ctx.arg(code, "settings_key"), ca.make_dict(values)))
            flavor = self.ctx.arg(code, "tracker_flavor")
            if flavor and ca.keyword_index(call.args, "experiment_tracker") is None:
                if tracker is not None:
                    raise Declined()  # two tracker decorators on one step: a human decides
                tracker = self.tracker_name(flavor)
        keys = ca.settings_keys(call)
        if keys is None and pairs:
            raise Declined()
        pairs = [(k, v) for k, v in pairs if k not in (keys or set())]
        if tracker is not None:
            call = ca.add_kwargs(call, [("experiment_tracker", tracker)])
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

    def tracker_name(self, flavor: str) -> cst.BaseExpression:
        """The tracker's component name, a literal; no name known: the decorator stays."""
        names = self.ctx.experiment_tracker or {}
        name = names.get(flavor) or names.get("*")
        if not name:
            raise Declined()
        return ca.string(name)

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        drop_unused_imports(self.ctx, updated, self.dropped)
        return updated


def _literal(value) -> cst.BaseExpression:
    return cst.parse_expression(repr(value))


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


