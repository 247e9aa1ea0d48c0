"""ZM2xx: decorators, step and pipeline configuration."""

from zenml_migrate.rules import api013
from zenml_migrate.rules.base import Bad, Fix, Good, Kwarg, Rule

STEP_CALLEES = ("zenml.steps.step_decorator.step", api013.STEP_CLASS)

ZM201 = Rule(
    code="ZM201",
    name="custom-step-operator",
    message="`custom_step_operator=` is `step_operator=` in ZenML 0.20",
    why="0.20's `@step` and step classes no longer accept `custom_step_operator` (TypeError at import).",
    instead="`@step(step_operator=\"name\")`; the value is still the component name.",
    fix=Fix.SAFE,
    fix_note="Safe: a keyword rename with the same value.",
    match=(Kwarg(STEP_CALLEES, "custom_step_operator"),),
    bad=(
        Bad(
            "from zenml.steps import step\n\n@step(custom_step_operator=\"sagemaker\")\ndef trainer() -> int:\n    return 1\n",
            fixed="from zenml.steps import step\n\n@step(step_operator=\"sagemaker\")\ndef trainer() -> int:\n    return 1\n",
            count=1,
        ),
        Bad(
            "from zenml.steps import BaseStep\n\nclass MyStep(BaseStep):\n    def entrypoint(self) -> int:\n        return 1\n\n"
            "MyStep(custom_step_operator=\"so\")\n",
            count=1,
        ),
    ),
    good=(
        Good("from zenml.steps import step\n\n@step(step_operator=\"sagemaker\")\ndef trainer() -> int:\n    return 1\n"),
        Good("def step(**kw):\n    return lambda f: f\n\n@step(custom_step_operator=\"x\")\ndef f():\n    pass\n"),
    ),
)
