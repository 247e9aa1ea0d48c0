"""``run_extra:RunExtra``: keywords a pipeline's ``run()`` no longer takes move into its ``extra=``.

0.13.2's ``run(**additional_parameters)`` put every other keyword into the run's runtime
configuration, a dict the stack components read by key (the Airflow orchestrator's
``dag_filepath``); 0.20's ``run()`` takes them as ``extra={...}``, the dict of the run's
configuration the components read by key (``deployment.pipeline.extra``). So
``p.run(run_name="r", dag_filepath=path)`` becomes ``p.run(run_name="r", extra={"dag_filepath": path})``:
the flagged keywords leave the call (its layout kept) and join ``extra=`` (added at the end, or
merged into an ``extra=`` dict literal). Where that cannot be done (``extra=`` that is not a
dict literal, a key it has already, a ``**`` argument) the call is left; ``migrate/scan/fix_checks.py``
``run_extra`` says so before, on both sides.
"""

from typing import List, Tuple

import libcst as cst

from zenml_migrate.fix import call_args as ca
from zenml_migrate.fix.codemod import Codemod


class RunExtra(Codemod):
    whole_tree = False

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        flagged = {a.keyword.value for a in original.args if a.keyword is not None and self.ctx.at(a)}
        if not flagged or any(a.star == "**" for a in updated.args):
            return updated
        pairs: List[Tuple[str, cst.BaseExpression]] = [
            (a.keyword.value, a.value) for a in updated.args if a.keyword is not None and a.keyword.value in flagged
        ]
        call = ca.remove_kwargs(updated, flagged)
        i = ca.keyword_index(call.args, "extra")
        if i is None:
            return ca.add_kwargs(call, [("extra", ca.make_dict(pairs))])
        value = call.args[i].value
        keys = ca.literal_keys(value) if isinstance(value, cst.Dict) else None
        if keys is None or keys & flagged:
            return updated
        args = list(call.args)
        args[i] = args[i].with_changes(value=ca.merge_dict(value, pairs))
        return call.with_changes(args=args)
