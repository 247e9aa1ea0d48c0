"""``whylogs_decorator:DropEnableWhylogs``: the 0.6-0.10 ``@enable_whylogs`` step decorator goes.

``@enable_whylogs`` (``zenml.integrations.whylogs.whylogs_step_decorator``, deleted in 0.11) gave
the step's ``StepContext`` a ``whylogs`` attribute (a whylogs v0 session). ZenML 0.20 has no such
attribute and no decorator; the module fails at import on every 0.20 (ModuleNotFoundError). The
decorator line and its import go; each statement of the step that reads ``<param>.whylogs``
(the ``entrypoint`` of a class-based step) gets, right above it::

    # TODO(zenml-migrate): <code> ...: port this code (it raises until then)
    raise NotImplementedError("zenml-migrate: ...")

The scan's check (``rules/whylogs_decorator.drop_check``) marks fixable only decorator uses
(``@enable_whylogs``, ``@enable_whylogs(...)``) and an import whose every use is one.
"""

from typing import List, Set

import libcst as cst

from zenml_migrate.fix.codemod import Codemod
from zenml_migrate.fix.local_names import codes_at, decorator_target, drop_unused_imports, root_name
from zenml_migrate.fix.comment_out import raise_above
from zenml_migrate.fix.todo import TAG as TODO_TAG

STEP_FUNCTION = "entrypoint"  # the method a class-based step runs (0.6-0.20 STEP_INNER_FUNC_NAME)


class _ReadsWhylogs(cst.CSTVisitor):
    def __init__(self, params: Set[str]):
        super().__init__()
        self.params, self.found = params, False

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value == "whylogs" and isinstance(node.value, cst.Name) and node.value.value in self.params:
            self.found = True


def _params(function: cst.FunctionDef) -> Set[str]:
    p = function.params
    every = [*p.posonly_params, *p.params, *p.kwonly_params]
    every += [a for a in (p.star_arg, p.star_kwarg) if isinstance(a, cst.Param)]
    return {a.name.value for a in every}


class DropEnableWhylogs(Codemod):
    whole_tree = False  # edits only the decorated def/class and the import line

    def __init__(self, ctx):
        super().__init__(ctx)
        self._locals: Set[str] = set()

    def _without_decorator(self, original, updated):
        kept: List[cst.Decorator] = []
        carried: List[cst.EmptyLine] = []  # comment lines above a removed decorator
        dropped = False
        for old, new in zip(original.decorators, updated.decorators):
            if codes_at(self.ctx, decorator_target(old)):
                dropped = True
                self._locals.add(root_name(decorator_target(old)) or "")
                carried.extend(new.leading_lines)
                continue
            if carried:
                new = new.with_changes(leading_lines=[*carried, *new.leading_lines])
                carried = []
            kept.append(new)
        if not dropped:
            return None
        changes = {"decorators": kept}
        if carried:  # the removed decorator was the last one: its comments go above the def
            changes["lines_after_decorators"] = [*carried, *updated.lines_after_decorators]
        return updated.with_changes(**changes)

    def _raise_above_reads(self, function: cst.FunctionDef) -> cst.FunctionDef:
        if not isinstance(function.body, cst.IndentedBlock):
            return function
        params = _params(function)
        code = min(self.ctx.codes)
        todo = (
            "`@enable_whylogs` is gone in ZenML 0.20 and the step context has no `whylogs`: profile the data with "
            "whylogs itself (`whylogs.log(df).profile()`) or use ZenML's `whylogs_profiler_step`: port this code "
            "(it raises until then)"
        )
        message = (
            "zenml-migrate: `@enable_whylogs` is gone in ZenML 0.20 and the step context has no `whylogs`; "
            f"see the {TODO_TAG} above this line"
        )
        body = []
        for statement in function.body.body:
            finder = _ReadsWhylogs(params)
            statement.visit(finder)
            body += raise_above(statement, self.ctx.todo_line(code, todo), message) if finder.found else [statement]
        return function.with_changes(body=function.body.with_changes(body=body))

    def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef):
        stripped = self._without_decorator(original, updated)
        return updated if stripped is None else self._raise_above_reads(stripped)

    def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef):
        stripped = self._without_decorator(original, updated)
        if stripped is None:
            return updated
        if not isinstance(stripped.body, cst.IndentedBlock):
            return stripped
        body = [
            self._raise_above_reads(s) if isinstance(s, cst.FunctionDef) and s.name.value == STEP_FUNCTION else s
            for s in stripped.body.body
        ]
        return stripped.with_changes(body=stripped.body.with_changes(body=body))

    def leave_ImportFrom(self, original: cst.ImportFrom, updated: cst.ImportFrom):
        """A flagged import name goes when nothing uses it any more (also an unused import)."""
        for alias in original.names if not isinstance(original.names, cst.ImportStar) else ():
            if codes_at(self.ctx, alias):
                self._locals.add(root_name((alias.asname.name if alias.asname else alias.name)) or "")
        return updated

    def leave_Module(self, original: cst.Module, updated: cst.Module):
        drop_unused_imports(self.ctx, updated, self._locals - {""})
        return updated
