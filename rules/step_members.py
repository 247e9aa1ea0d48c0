"""ZM217-ZM218: members of a pre-0.20 step or pipeline (an instance of a ``@step``/``@pipeline``
function or of a ``BaseStep``/``BasePipeline`` subclass, or the step class) that ZenML 0.20 renamed
or dropped, beyond what ZM213/ZM214/ZM216 say. The members come from the real 0.5.0-0.13.2 and 0.20
wheels (``scripts/build_step_pipeline_members.py`` -> ``rules/data/step_pipeline_members.json``)."""

from zenml_migrate.rules.base import Bad, Fix, Good, Ref, Rule, snippet as _c
from zenml_migrate.scan import step_pipeline_members as spm

_STEP = "zenml.steps.base_step.BaseStep"
_RENAMED = spm.renamed(_STEP)
# writes another rule explains: the options 0.20 moved into settings (ZM216, a safe fix)
_WRITES_ELSEWHERE = {"docker_configuration", "resource_configuration", "custom_step_operator"}

ZM217 = Rule(
    code="ZM217",
    name="step-parameters-class-attribute",
    message="`CONFIG_CLASS` / `CONFIG_PARAMETER_NAME` of a step are `PARAMETERS_CLASS` / "
    "`PARAMETERS_FUNCTION_PARAMETER_NAME` in ZenML 0.20",
    why=(
        "Up to 0.13.2 the step metaclass stored the class of the step's config argument (a `BaseStepConfig` "
        "subclass) in `CONFIG_CLASS` and the argument's name in `CONFIG_PARAMETER_NAME`. 0.20 stores the same "
        "two things, for the step's `BaseParameters` argument, in `PARAMETERS_CLASS` and "
        "`PARAMETERS_FUNCTION_PARAMETER_NAME`; the old names raise AttributeError (0.20.0 and 0.20.5)."
    ),
    instead="`step.PARAMETERS_CLASS`, `step.PARAMETERS_FUNCTION_PARAMETER_NAME`.",
    fix=Fix.SAFE,
    fix_note="Safe: the same value (set by the same metaclass from the entrypoint's signature; `None` when the "
    "step takes no parameters), on the same class or instance, under its 0.20 name.",
    codemod="component_members:ComponentMembers",
    fix_args=(("members", tuple(sorted(_RENAMED.items()))),),
    match=(Ref(*spm.paths(lambda cls: spm.renamed(cls)), ctx="load"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.steps import BaseStepConfig, step


                class TrainerConfig(BaseStepConfig):
                    lr: float = 0.1


                @step
                def trainer(config: TrainerConfig) -> float:
                    return config.lr


                defaults = trainer.CONFIG_CLASS()
                print(trainer().CONFIG_PARAMETER_NAME, defaults.lr)
                """
            ),
            fixed=_c(
                """
                from zenml.steps import BaseParameters, step


                class TrainerConfig(BaseParameters):
                    lr: float = 0.1


                @step
                def trainer(config: TrainerConfig) -> float:
                    return config.lr


                defaults = trainer.PARAMETERS_CLASS()
                print(trainer().PARAMETERS_FUNCTION_PARAMETER_NAME, defaults.lr)
                """
            ),
            count=2,
        ),
    ),
    good=(
        Good("from zenml.steps import step\n\n@step\ndef trainer() -> int:\n    return 1\n\nprint(trainer.PARAMETERS_CLASS)\n"),
        Good("class Job:\n    CONFIG_CLASS = dict\n\nprint(Job.CONFIG_CLASS)\n"),
    ),
)

ZM218 = Rule(
    code="ZM218",
    name="removed-attribute-write",
    message="ZenML 0.20 never reads this step/pipeline attribute: the value assigned here is lost",
    why=(
        "The attribute was a member of the pre-0.20 `BaseStep`/`BasePipeline` (the 0.6-0.12 pipeline Docker "
        "options `requirements`, `required_integrations`, `requirements_file`, `dockerignore_file`, the "
        "`secrets` of 0.7-0.13.2, the step's `CONFIG_CLASS`, ...). 0.20 has no such member: the assignment "
        "still runs (Python creates the attribute) and nothing reads it, so the option silently does nothing."
    ),
    instead='Pass the value where 0.20 reads it: `pipe.configure(settings={"docker": DockerSettings(requirements=...)})` '
    "for the Docker options, the step's `BaseParameters` annotation for its parameters class.",
    fix=Fix.NONE,
    fix_note="No automatic fix: where the value belongs in 0.20 depends on the attribute (see the message).",
    todo="ZenML 0.20 never reads this attribute; pass the value to .configure(settings=...) instead",
    match=(Ref(*spm.paths(spm.gone, skip=_WRITES_ELSEWHERE), ctx="store"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline


                @pipeline
                def train_pipeline(trainer):
                    trainer()


                def build(trainer):
                    pipe = train_pipeline(trainer=trainer)
                    pipe.requirements = ["scikit-learn"]
                    pipe.required_integrations = ["mlflow"]
                    return pipe
                """
            ),
            count=2,
        ),
    ),
    good=(
        Good(
            "from zenml.config import DockerSettings\nfrom zenml.pipelines import pipeline\n\n"
            "@pipeline\ndef train_pipeline(trainer):\n    trainer()\n\n"
            "def build(trainer):\n    pipe = train_pipeline(trainer=trainer)\n"
            "    pipe.configure(settings={\"docker\": DockerSettings(requirements=[\"scikit-learn\"])})\n    return pipe\n"
        ),
        Good("class Pipe:\n    pass\n\np = Pipe()\np.requirements = []\n"),
    ),
)
