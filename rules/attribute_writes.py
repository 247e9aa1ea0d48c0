"""ZM216: a step/pipeline option that 0.13.2 code set by assigning an attribute
(``pipe.docker_configuration = DOCKER``). 0.20 has no such attribute: the assignment runs
without error and 0.20 never reads it, so the Docker/resource settings are silently lost.
Reading those attributes is ZM214."""

from zenml_migrate.scan import api013
from zenml_migrate.rules.base import Bad, Fix, Good, Ref, Rule, snippet as _c

ZM216 = Rule(
    code="ZM216",
    name="settings-attribute-write",
    message="ZenML 0.20 ignores this attribute: the option is lost (use `.configure(...)`)",
    why=(
        "0.13.2 read `pipeline.docker_configuration`, `step.resource_configuration` and "
        "`step.custom_step_operator` when it ran; 0.20 moved them into the configuration (settings "
        "`docker`/`resources`, `step_operator`). Assigning the old attribute still works in Python and "
        "is never read: the pipeline runs without its Docker or resource settings, without an error."
    ),
    instead='`pipe.configure(settings={"docker": DockerSettings(...)})`, '
    '`step.configure(settings={"resources": ResourceSettings(...)})`, `step.configure(step_operator="name")`.',
    fix=Fix.SAFE,
    fix_note="Safe: the same value, given to `.configure(...)` (it exists on steps and pipelines in every 0.20.x); "
    "the `DockerConfiguration`/`ResourceConfiguration` value itself is renamed by ZM105/ZM106.",
    codemod="configure:AttributeWrites",
    fix_args=(
        ("attributes", ("docker_configuration", "resource_configuration", "custom_step_operator")),
        ("settings", (("docker_configuration", "docker"), ("resource_configuration", "resources"))),
        ("keyword_for", (("custom_step_operator", "step_operator"),)),
    ),
    todo="ZenML 0.20 ignores this attribute; pass the value to .configure(settings=...)",
    match=(
        Ref(
            f"{api013.PIPELINE}.docker_configuration",
            f"{api013.STEP}.resource_configuration",
            f"{api013.STEP}.custom_step_operator",
            ctx="store",
        ),
    ),
    bad=(
        Bad(
            _c(
                """
                from zenml.pipelines import BasePipeline

                class P(BasePipeline):
                    def connect(self, trainer):
                        trainer()

                def build(trainer, docker):
                    pipe = P(trainer=trainer)
                    pipe.docker_configuration = docker
                    return pipe
                """
            ),
            fixed=_c(
                """
                from zenml.pipelines import BasePipeline

                class P(BasePipeline):
                    def connect(self, trainer):
                        trainer()

                def build(trainer, docker):
                    pipe = P(trainer=trainer)
                    pipe.configure(settings={"docker": docker})
                    return pipe
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.steps import step

                @step
                def trainer() -> int:
                    return 1

                t = trainer()
                t.resource_configuration = resources
                t.custom_step_operator = "sagemaker"
                """
            ),
            fixed=_c(
                """
                from zenml.steps import step

                @step
                def trainer() -> int:
                    return 1

                t = trainer()
                t.configure(settings={"resources": resources})
                t.configure(step_operator="sagemaker")
                """
            ),
            count=2,
        ),
    ),
    good=(
        Good(
            "from zenml.config import DockerSettings\nfrom zenml.steps import step\n\n@step\ndef trainer() -> int:\n    return 1\n\n"
            "t = trainer()\nt.configure(settings={\"docker\": DockerSettings()})\n"
        ),
        Good("class Job:\n    docker_configuration = None\n\nj = Job()\nj.docker_configuration = 1\n"),
    ),
)
