"""ZM1xx: imports and renames."""

from zenml_migrate.rules.base import Bad, Fix, Good, Ref, Rule

ZM101 = Rule(
    code="ZM101",
    name="base-step-config",
    message="`BaseStepConfig` is `BaseParameters` in ZenML 0.20",
    why=(
        "ZenML 0.20 renamed the step parameter base class to `zenml.steps.BaseParameters`; "
        "`BaseStepConfig` no longer exists under any of its 0.13.2 import paths (ImportError)."
    ),
    instead="`from zenml.steps import BaseParameters` and subclass it; the class body stays the same.",
    fix=Fix.SAFE,
    fix_note="Safe: the class body is an identical pydantic model; only the name and import change.",
    match=(Ref("zenml.steps.base_step_config.BaseStepConfig"),),
    bad=(
        Bad(
            "from zenml.steps import BaseStepConfig\n\nclass TrainerConfig(BaseStepConfig):\n    lr: float = 0.1\n",
            fixed="from zenml.steps import BaseParameters\n\nclass TrainerConfig(BaseParameters):\n    lr: float = 0.1\n",
            count=2,
        ),
        Bad("import zenml.steps as zs\n\nclass C(zs.BaseStepConfig):\n    pass\n", count=1),
        Bad("from zenml.steps.base_step_config import BaseStepConfig as Cfg\n\nclass C(Cfg):\n    pass\n", count=2),
        Bad("from zenml.integrations.mlflow.steps.mlflow_deployer import BaseStepConfig\n", count=1),
    ),
    good=(
        Good("from zenml.steps import BaseParameters\n\nclass TrainerConfig(BaseParameters):\n    lr: float = 0.1\n"),
        Good("class BaseStepConfig:\n    pass\n\nclass C(BaseStepConfig):\n    pass\n"),
        Good("from zenml.steps import BaseStepConfig\n# migrate: ignore-file[ZM101]\n"),
    ),
)

ZM108 = Rule(
    code="ZM108",
    name="repository-to-client",
    message="`Repository` is `Client` (zenml.client) in ZenML 0.20",
    why=(
        "0.20 replaced `zenml.repository.Repository` with `zenml.client.Client`. The old name is only a "
        "deprecated alias: class-level calls (`Repository.initialize()`), `isinstance` checks and ~15 "
        "methods fail."
    ),
    instead="`from zenml.client import Client` and use `Client()`.",
    fix=Fix.SAFE,
    fix_note="Safe: `Client` is at least as good as the 0.20 alias; method changes are separate rules.",
    match=(Ref("zenml.repository.Repository"),),
    bad=(
        Bad("from zenml.repository import Repository\n\nstack = Repository().active_stack\n", count=2),
        Bad("from zenml.pipelines.base_pipeline import Repository\n", count=1),
        Bad("import zenml.repository as r\nr.Repository.initialize()\n", count=1),
    ),
    good=(
        Good("from zenml.client import Client\n\nstack = Client().active_stack\n"),
        Good("class Repository:\n    pass\n\nRepository()\n"),
        Good("from git import Repository\nRepository('.')\n"),
        Good(
            "try:\n    from zenml.client import Client\nexcept ImportError:\n"
            "    from zenml.repository import Repository as Client\n\nClient()\n"
        ),
    ),
)
