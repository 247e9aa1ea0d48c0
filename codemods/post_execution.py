"""ZM301-ZM304: post-execution reads that moved to ``zenml.post_execution``.

* ZM301 ``<repo>.get_pipeline(p, stack_name=...)`` -> ``get_pipeline(p)``, whatever the
  receiver is (``Repository()``, a ``repo = Repository()`` variable -- whose own rename is
  ZM108's job --, ``context.metadata_store``); ``stack_name`` (also its positional slot) is
  dropped: 0.20 pipelines are project-scoped and ignore it.
* ZM302 ``<repo>.get_pipelines(stack_name=...)`` -> ``get_pipelines()`` (0.20 takes no args).
* ZM303 ``pipeline_view.get_run(name)`` / ``MyPipeline.get_run(run_name=...)`` -> ``get_run(name)``.
* ZM304 ``pv.get_run_names()`` -> ``[r.name for r in pv.runs]``.

The functions are imported from ``zenml.post_execution`` (they exist in 0.20.0 and 0.20.5);
an import is added only for the names the rewritten file still calls (a chain such as
``get_pipeline("p").get_run("r")`` ends up needing ``get_run`` alone).
"""

from typing import Set

import libcst as cst

from zenml_migrate.fix import call_args as ca
from zenml_migrate.fix.codemod import Codemod
from zenml_migrate.fix.local_names import codes_at, drop_unused_imports, module_names, root_name

MODULE = "zenml.post_execution"
# rule -> method name it rewrites
METHODS = {"ZM301": "get_pipeline", "ZM302": "get_pipelines", "ZM303": "get_run", "ZM304": "get_run_names"}


class PostExecution(Codemod):
    whole_tree = False  # only edits nodes inside statements that hold its findings (migrate/fix/codemod.py)
    rules = tuple(METHODS)

    def visit_Module(self, node: cst.Module) -> None:
        self.used: Set[str] = set()  # the functions this file now calls
        self.referenced: Set[str] = set()  # the functions this file now refers to without a call
        self.receivers: Set[str] = set()  # names the rewritten calls started from (imports to drop if unused)
        self.callees: Set[int] = set()  # ids of the (original) ``func`` of every call

    def visit_Call(self, node: cst.Call) -> None:
        self.callees.add(id(node.func))

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
        """``fn = Repository().get_pipeline`` (a reference, not a call) -> ``fn = get_pipeline``."""
        method = original.attr.value
        if id(original) in self.callees or method not in METHODS.values() or method == "get_run_names":
            return updated
        if not any(METHODS.get(c) == method for c in codes_at(self.ctx, original, exact=True)):
            return updated
        self.receivers.update({root_name(original.value), root_name(updated.value)} - {None})
        self.referenced.add(method)
        return cst.Name(method)

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        func = updated.func
        if not isinstance(func, cst.Attribute):
            return updated
        method = func.attr.value
        codes = [c for c in codes_at(self.ctx, original.func, exact=True) if METHODS.get(c) == method]
        if not codes:
            return updated
        self.receivers.update({root_name(original.func.value), root_name(func.value)} - {None})
        if method == "get_run_names":
            return _run_names(func.value) if not updated.args else updated
        args = list(updated.args)
        if method == "get_pipeline":
            args = _drop_stack_name(args, positional_slot=1)
        elif method == "get_pipelines":
            args = _drop_stack_name(args, positional_slot=0)
        elif method == "get_run":
            args = [a.with_changes(keyword=cst.Name("name")) if _keyword(a) == "run_name" else a for a in args]
        self.used.add(method)
        return updated.with_changes(func=cst.Name(method), args=args)

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        drop_unused_imports(self.ctx, updated, self.receivers)
        if self.used or self.referenced:
            used, called = module_names(self.ctx, updated)
            for name in sorted(self.used | self.referenced):
                if name in called or (name in self.referenced and name in used):
                    self.ctx.add_import(MODULE, name)
        return updated


def _keyword(arg: cst.Arg) -> str:
    return arg.keyword.value if arg.keyword is not None else ""


def _drop_stack_name(args, positional_slot: int):
    drop = {i for i, a in enumerate(args) if _keyword(a) == "stack_name"}
    positional = [i for i, a in enumerate(args) if a.keyword is None and not a.star]
    if len(positional) > positional_slot:
        drop.add(positional[positional_slot])
    return ca.remove_items(args, drop)


def _run_names(receiver: cst.BaseExpression) -> cst.ListComp:
    template = cst.parse_expression("[r.name for r in RECEIVER.runs]")
    runs = template.for_in.iter
    return template.with_changes(for_in=template.for_in.with_changes(iter=runs.with_changes(value=receiver)))
