"""ZM3xx: post-execution and metadata."""

from zenml_migrate.rules import api013
from zenml_migrate.rules.base import Bad, Fix, Good, Ref, Rule

ZM301 = Rule(
    code="ZM301",
    name="repository-get-pipeline",
    message="`Repository().get_pipeline(...)` is `zenml.post_execution.get_pipeline(...)` in ZenML 0.20",
    why="`Client` has no `get_pipeline`; post-execution reads moved to `zenml.post_execution`. `stack_name=` is ignored in 0.20 (pipelines are project-scoped).",
    instead="`from zenml.post_execution import get_pipeline` and call `get_pipeline(p)` (drop `stack_name=`).",
    fix=Fix.SAFE,
    fix_note="Safe: same lookup; `stack_name=` had no effect left in 0.20.",
    match=(Ref(f"{api013.REPOSITORY}.get_pipeline", "zenml.steps.step_context.StepContext().metadata_store.get_pipeline"),),
    bad=(
        Bad("from zenml.repository import Repository\n\npv = Repository().get_pipeline('p', stack_name='s')\n", count=1),
        Bad("from zenml.repository import Repository\n\nrepo = Repository()\npv = repo.get_pipeline('p')\n", count=1),
        Bad(
            "from zenml.steps import step, StepContext\n\n@step\ndef s(context: StepContext) -> None:\n"
            "    context.metadata_store.get_pipeline('p')\n",
            count=1,
        ),
    ),
    good=(
        Good("from zenml.post_execution import get_pipeline\n\npv = get_pipeline('p')\n"),
        Good("class Repository:\n    def get_pipeline(self, x): ...\n\nRepository().get_pipeline('p')\n"),
    ),
)
