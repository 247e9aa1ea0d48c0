"""``run_extra:RunExtra``: keywords a pipeline's ``run()`` no longer takes move into its ``extra=``.

0.13.2's ``run(**additional_parameters)`` put every other keyword into the run's runtime
configuration, a dict the stack components read by key (the Airflow orchestrator's
``dag_filepath``); 0.20's ``run()`` takes them as ``extra={...}``, the dict of the run's
configuration the components read by key (``deployment.pipeline.extra``). So
``p.run(run_name="r", dag_filepath=path)`` becomes ``p.run(run_name="r", extra={"dag_filepath": path})``:
the flagged keywords leave the call (its layout kept) and join ``extra=`` (added at the end, or
merged into an ``extra=`` dict literal); the flagged keys of a ``**{...}`` written in the call
(``run(**{DAG_FILEPATH_OPTION_KEY: path})``) move there too, each key as written. Where that cannot be done (``extra=`` that is not a
dict literal, a key it has already, a ``**`` argument) the call is left; ``migrate/scan/fix_checks.py``
``run_extra`` says so before, on both sides.
"""

from typing import List, Optional, Tuple

import libcst as cst

from zenml_migrate.fix import call_args as ca
from zenml_migrate.fix.codemod import Codemod


class RunExtra(Codemod):
    whole_tree = False

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        flagged = {a.keyword.value for a in original.args if a.keyword is not None and self.ctx.at(a)}
        display = self._display(original)  # ``run(**{"dag_filepath": path})``: (arg index, flagged element indices)
        if not flagged and display is None:
            return updated
        if any(a.star == "**" for i, a in enumerate(updated.args) if display is None or i != display[0]):
            return updated
        pairs: List[Tuple[str, cst.BaseExpression]] = [
            (a.keyword.value, a.value) for a in updated.args if a.keyword is not None and a.keyword.value in flagged
        ]
        moved: List[cst.DictElement] = []  # the flagged items of the display, their keys as written
        if display is not None:
            at, items = display
            value = updated.args[at].value
            moved = [value.elements[j] for j in items]
            kept = ca.remove_items(value.elements, set(items))
            args = list(updated.args)
            if kept:
                args[at] = args[at].with_changes(value=value.with_changes(elements=kept))
                updated = updated.with_changes(args=args)
            else:
                updated = updated.with_changes(args=ca.remove_items(args, {at}))
        call = ca.remove_kwargs(updated, flagged)
        i = ca.keyword_index(call.args, "extra")
        if i is None:
            extra = ca.make_dict(pairs)
            return ca.add_kwargs(call, [("extra", extra.with_changes(elements=ca.append_items(extra.elements, moved)))])
        value = call.args[i].value
        keys = ca.literal_keys(value) if isinstance(value, cst.Dict) else None
        if keys is None or keys & flagged:
            return updated
        merged = ca.merge_dict(value, pairs)
        args = list(call.args)
        args[i] = args[i].with_changes(value=merged.with_changes(
            elements=ca.append_items(merged.elements, moved, merged.lbrace.whitespace_after)))
        return call.with_changes(args=args)

    def _display(self, call: cst.Call) -> Optional[Tuple[int, List[int]]]:
        """The ``**{...}`` argument of ``call`` whose keys the scan flagged (``fix_checks.run_extra``
        cleared them), with the indices of those items."""
        for at, arg in enumerate(call.args):
            if arg.star == "**" and isinstance(arg.value, cst.Dict):
                items = [j for j, el in enumerate(arg.value.elements)
                         if isinstance(el, cst.DictElement) and self.ctx.at(el.key, exact=True)]
                if items:
                    return at, items
        return None
