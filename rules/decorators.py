"""ZM2xx: decorators, step and pipeline configuration (reference section 1.2).

Keyword rules fire only on calls that resolve to ZenML's own callables: the ``@step`` /
``@pipeline`` decorators, step and pipeline classes (``@step`` functions are step classes),
their instances' ``configure`` and a pipeline instance's ``run``. A user's own ``step()``
function never matches.

Not a rule: ``trainer(config=TrainerConfig())`` on a user's step. The keyword is the name of
the step function's parameters argument in 0.13.2 *and* 0.20 (checked on 0.20.0 and 0.20.5:
``config=`` works when the function says ``config: TrainerConfig``, ``params=`` is rejected
with "only expected a single argument with key 'config'"). Only ZenML's own integration
steps renamed that argument to ``params`` (ZM104).
"""

import ast

from zenml_migrate.scan import api013
from zenml_migrate.scan import step_pipeline_members as spm
from zenml_migrate.rules.base import Bad, CallCheck, Fails, Fix, Good, Kwarg, Ref, Rule, snippet as _c
from zenml_migrate.scan.fix_checks import drops_decorator

drops_decorator("trackers:EnableDecorators")  # ``@enable_mlflow`` becomes keywords of the ``@step`` below it


STEP_DECORATOR = api013.STEP_DECORATOR
PIPELINE_DECORATOR = api013.PIPELINE_DECORATOR
STEP_CONFIGURE = f"{api013.STEP}.configure"
PIPELINE_CONFIGURE = f"{api013.PIPELINE}.configure"
PIPELINE_RUN = f"{api013.PIPELINE}.run"
_STEP_BASE = "zenml.steps.base_step.BaseStep"
_PIPELINE_BASE = "zenml.pipelines.base_pipeline.BasePipeline"

STEP_CALLEES = (STEP_DECORATOR, api013.STEP_CLASS, STEP_CONFIGURE)
PIPELINE_CALLEES = (PIPELINE_DECORATOR, api013.PIPELINE_CLASS, PIPELINE_CONFIGURE)

# ---------------------------------------------------------------- ZM201-ZM206: keywords

ZM201 = Rule(
    code="ZM201",
    name="custom-step-operator",
    message="`custom_step_operator=` is `step_operator=` in ZenML 0.20",
    why="0.20's `@step` and step classes no longer accept `custom_step_operator` (TypeError at import).",
    instead="`@step(step_operator=\"name\")`; the value is still the component name.",
    fix=Fix.SAFE,
    fix_note="Safe: a keyword rename with the same value.",
    codemod="keywords:RenameKeywords",
    fix_args=(("keywords", (("custom_step_operator", "step_operator"),)),),
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
            fixed="from zenml.steps import BaseStep\n\nclass MyStep(BaseStep):\n    def entrypoint(self) -> int:\n        return 1\n\n"
            "MyStep(step_operator=\"so\")\n",
            count=1,
        ),
        Bad(
            _c(
                """
                import zenml.steps.step_decorator as sd
                from zenml.steps import step as zstep

                @zstep(enable_cache=False, custom_step_operator="a")
                def one() -> int:
                    return 1

                @sd.step(custom_step_operator="b")
                def two() -> int:
                    return 2
                """
            ),
            fixed=_c(
                """
                import zenml.steps.step_decorator as sd
                from zenml.steps import step as zstep

                @zstep(enable_cache=False, step_operator="a")
                def one() -> int:
                    return 1

                @sd.step(step_operator="b")
                def two() -> int:
                    return 2
                """
            ),
            count=2,
        ),
        Bad(
            # a built-in integration step is a step class, and so is a user's subclass of it
            # (checked on the real 0.13.2, 0.20.0 and 0.20.5)
            _c(
                """
                import zenml.integrations.great_expectations.steps as ge

                class NightlyValidation(ge.GreatExpectationsValidatorStep):
                    pass

                check = ge.GreatExpectationsValidatorStep(custom_step_operator="spark")
                nightly = NightlyValidation(custom_step_operator="spark")
                """
            ),
            fixed=_c(
                """
                import zenml.integrations.great_expectations.steps as ge

                class NightlyValidation(ge.GreatExpectationsValidatorStep):
                    pass

                check = ge.GreatExpectationsValidatorStep(step_operator="spark")
                nightly = NightlyValidation(step_operator="spark")
                """
            ),
            count=2,
        ),
    ),
    good=(
        Good("from zenml.steps import step\n\n@step(step_operator=\"sagemaker\")\ndef trainer() -> int:\n    return 1\n"),
        Good("def step(**kw):\n    return lambda f: f\n\n@step(custom_step_operator=\"x\")\ndef f():\n    pass\n"),
        Good("from mylib import step\n\n@step(custom_step_operator=\"x\")\ndef f():\n    pass\n"),
    ),
)

ZM202 = Rule(
    code="ZM202",
    name="output-types",
    message="`output_types=` is `output_artifacts=` in ZenML 0.20",
    why="0.20's `@step` no longer accepts `output_types` (TypeError at import).",
    instead="`@step(output_artifacts={\"out\": ArtifactClass})`.",
    fix=Fix.SAFE,
    fix_note="Safe: a keyword rename with the same value (0.20 also accepts a single class or source strings).",
    codemod="keywords:RenameKeywords",
    fix_args=(("keywords", (("output_types", "output_artifacts"),)),),
    match=(Kwarg(STEP_CALLEES, "output_types"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.artifacts import ModelArtifact
                from zenml.steps import step

                @step(output_types={"model": ModelArtifact})
                def trainer() -> int:
                    return 1
                """
            ),
            fixed=_c(
                """
                from zenml.artifacts import ModelArtifact
                from zenml.steps import step

                @step(output_types={"model": ModelArtifact})
                def trainer() -> int:
                    return 1
                """
            ).replace("output_types", "output_artifacts"),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.artifacts import ModelArtifact
                from zenml.steps.step_decorator import step as s

                @s(enable_cache=True, output_types={"model": ModelArtifact})
                def trainer() -> int:
                    return 1
                """
            ),
            fixed=_c(
                """
                from zenml.artifacts import ModelArtifact
                from zenml.steps.step_decorator import step as s

                @s(enable_cache=True, output_artifacts={"model": ModelArtifact})
                def trainer() -> int:
                    return 1
                """
            ),
            count=1,
        ),
        # team defaults in a `functools.partial` of `step`: 0.20 fails where the partial is applied
        # (`@data_step`), the keyword is renamed where it is written (scan/splat_keywords.py)
        Bad(
            _c(
                """
                import functools

                from zenml.artifacts import DataArtifact
                from zenml.steps import Output, step

                data_step = functools.partial(step, enable_cache=False, output_types={"rows": DataArtifact})


                @data_step
                def trainer() -> Output(rows=int):
                    return 1
                """
            ),
            fixed=_c(
                """
                import functools

                from zenml.artifacts import DataArtifact
                from zenml.steps import Output, step

                data_step = functools.partial(step, enable_cache=False, output_artifacts={"rows": DataArtifact})


                @data_step
                def trainer() -> Output(rows=int):
                    return 1
                """
            ),
            count=2,
        ),
        # a key a wrapper adds to its `**kw` before giving them to `step`: renamed where it is added
        Bad(
            _c(
                """
                from zenml.artifacts import SchemaArtifact
                from zenml.steps import step

                def schema_step(func=None, **kw):
                    kw.setdefault('output_types', {"schema": SchemaArtifact})
                    return step(func, **kw) if func else step(**kw)
                """
            ),
            fixed=_c(
                """
                from zenml.artifacts import SchemaArtifact
                from zenml.steps import step

                def schema_step(func=None, **kw):
                    kw.setdefault('output_artifacts', {"schema": SchemaArtifact})
                    return step(func, **kw) if func else step(**kw)
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good(
            "from zenml.artifacts import ModelArtifact\nfrom zenml.steps import step\n\n"
            "@step(output_artifacts={\"model\": ModelArtifact})\ndef trainer() -> int:\n    return 1\n"
        ),
        Good("import click\n\n@click.command(output_types=1)\ndef f():\n    pass\n"),
        # a partial of the user's own function; a partial of `step` with keywords 0.20 takes
        Good(
            _c(
                """
                import functools

                from zenml.steps import step


                def collect(**options):
                    return options


                report = functools.partial(collect, output_types={})
                cached_step = functools.partial(step, enable_cache=True)


                @cached_step
                def trainer() -> int:
                    return 1
                """
            )
        ),
    ),
)

ZM203 = Rule(
    code="ZM203",
    name="resource-configuration-kwarg",
    message="`resource_configuration=` is `settings={\"resources\": ResourceSettings(...)}` in ZenML 0.20",
    why="0.20's `@step` and step classes no longer accept `resource_configuration` (TypeError at import); "
    "resources are a setting now.",
    instead="`@step(settings={\"resources\": ResourceSettings(cpu_count=2)})` "
    "(`from zenml.config import ResourceSettings`).",
    fix=Fix.SAFE,
    fix_note="Safe when the call has no `settings=` or a dict literal to merge into; a non-literal "
    "`settings=` is left with a TODO. Added to a dict given as `**` by a `setdefault` statement or an item "
    "assignment, the entry moves into that dict's `settings` (entries already there are kept).",
    codemod="settings:FoldSettings",
    # a name bound to None somewhere is `R or ResourceSettings()` (0.20 rejects a None settings value)
    fix_args=(("key", "resources"), ("keywords", ("resource_configuration",)), ("settings_class", "zenml.config.ResourceSettings")),
    todo="move `resource_configuration` into `settings={\"resources\": ...}`",
    match=(Kwarg(STEP_CALLEES, "resource_configuration"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.config import ResourceConfiguration
                from zenml.steps import step

                @step(resource_configuration=ResourceConfiguration(cpu_count=2))
                def trainer() -> int:
                    return 1
                """
            ),
            fixed=_c(
                """
                from zenml.config import ResourceSettings
                from zenml.steps import step

                @step(settings={"resources": ResourceSettings(cpu_count=2)})
                def trainer() -> int:
                    return 1
                """
            ),
            count=1,
        ),
        Bad(  # a configuration that may be None (0.13.2: the default one); 0.20 rejects a None settings value
            _c(
                """
                import os

                from zenml.config import ResourceConfiguration
                from zenml.steps import step

                GPU = ResourceConfiguration(gpu_count=1) if os.environ.get("USE_GPU") else None


                @step(resource_configuration=GPU)
                def fit_model() -> int:
                    return 1
                """
            ),
            fixed=_c(
                """
                import os

                from zenml.config import ResourceSettings
                from zenml.steps import step

                GPU = ResourceSettings(gpu_count=1) if os.environ.get("USE_GPU") else None


                @step(settings={"resources": GPU or ResourceSettings()})
                def fit_model() -> int:
                    return 1
                """
            ),
            count=1,
        ),
        Bad(  # beside a `**` of dicts written in the call whose keys hold no `settings` (a conditional keyword)
            _c(
                """
                import os

                from zenml.config import ResourceConfiguration
                from zenml.steps import step

                NIGHTLY = os.environ.get("NIGHTLY") == "1"


                @step(resource_configuration=ResourceConfiguration(memory="8GB"), **({"enable_cache": False} if NIGHTLY else {}))
                def trainer() -> int:
                    return 1
                """
            ),
            fixed=_c(
                """
                import os

                from zenml.config import ResourceSettings
                from zenml.steps import step

                NIGHTLY = os.environ.get("NIGHTLY") == "1"


                @step(settings={"resources": ResourceSettings(memory="8GB")}, **({"enable_cache": False} if NIGHTLY else {}))
                def trainer() -> int:
                    return 1
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.config import ResourceConfiguration as RC
                from zenml.steps import BaseStep

                class Trainer(BaseStep):
                    def entrypoint(self) -> int:
                        return 1

                t = Trainer(resource_configuration=RC(gpu_count=1))
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good(
            "from zenml.config import ResourceSettings\nfrom zenml.steps import step\n\n"
            "@step(settings={\"resources\": ResourceSettings(cpu_count=2)})\ndef trainer() -> int:\n    return 1\n"
        ),
        Good("def configure(resource_configuration=None):\n    pass\n\nconfigure(resource_configuration=1)\n"),
    ),
)

ZM204 = Rule(
    code="ZM204",
    name="docker-configuration-kwarg",
    message="`docker_configuration=` is `settings={\"docker\": DockerSettings(...)}` in ZenML 0.20",
    why="0.20's `@pipeline` and pipeline classes no longer accept `docker_configuration` (TypeError at import). "
    "Docker settings are pipeline-level only.",
    instead="`@pipeline(settings={\"docker\": DockerSettings(...)})` (`from zenml.config import DockerSettings`; "
    "field `copy_profile` is `copy_global_config`).",
    fix=Fix.SAFE,
    fix_note="Safe when the call has no `settings=` or a dict literal to merge into; a non-literal "
    "`settings=` is left with a TODO. Added to a dict given as `**` by a `setdefault` statement or an item "
    "assignment, the entry moves into that dict's `settings` (entries already there are kept).",
    codemod="settings:FoldSettings",
    # a name bound to None somewhere is `D or DockerSettings()` (0.20 rejects a None settings value)
    fix_args=(("key", "docker"), ("keywords", ("docker_configuration",)), ("settings_class", "zenml.config.DockerSettings")),
    todo="move `docker_configuration` into `settings={\"docker\": ...}`",
    match=(Kwarg(PIPELINE_CALLEES, "docker_configuration"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.config import DockerConfiguration
                from zenml.pipelines import pipeline

                @pipeline(docker_configuration=DockerConfiguration(requirements=["pandas"]))
                def p(trainer):
                    trainer()
                """
            ),
            fixed=_c(
                """
                from zenml.config import DockerSettings
                from zenml.pipelines import pipeline

                @pipeline(settings={"docker": DockerSettings(requirements=["pandas"])})
                def p(trainer):
                    trainer()
                """
            ),
            count=1,
        ),
        Bad(  # a parameter that defaults to None (0.13.2: the default configuration); 0.20 rejects a None value
            _c(
                """
                from zenml.pipelines import pipeline


                def make_pipeline(func, image=None):
                    return pipeline(docker_configuration=image)(func)


                def training(trainer):
                    trainer()


                nightly = make_pipeline(training)
                """
            ),
            fixed=_c(
                """
                from zenml.config import DockerSettings
                from zenml.pipelines import pipeline


                def make_pipeline(func, image=None):
                    return pipeline(settings={"docker": image or DockerSettings()})(func)


                def training(trainer):
                    trainer()


                nightly = make_pipeline(training)
                """
            ),
            count=1,
        ),
        Bad(  # `D if c else None` (0.13.2: None is the default configuration): the fold goes into each branch
            _c(
                """
                import os

                from zenml.config import DockerConfiguration
                from zenml.pipelines import pipeline

                GPU_IMAGE = DockerConfiguration(parent_image="nvcr.io/nvidia/pytorch:22.04-py3")


                @pipeline(docker_configuration=GPU_IMAGE if os.environ.get("GPU") else None, requirements=["torch"])
                def nightly(trainer):
                    trainer()
                """
            ),
            fixed=_c(
                """
                import os

                from zenml.config import DockerSettings
                from zenml.pipelines import pipeline

                GPU_IMAGE = DockerSettings(parent_image="nvcr.io/nvidia/pytorch:22.04-py3")


                @pipeline(settings={"docker": GPU_IMAGE.copy(update={"requirements": GPU_IMAGE.requirements or ["torch"]}) if os.environ.get("GPU") else DockerSettings(requirements=["torch"])})
                def nightly(trainer):
                    trainer()
                """
            ),
            count=1,
        ),
        Bad(  # a DockerSettings of the file's own: the renamed DockerConfiguration is zenml's under an alias
            _c(
                """
                from pydantic import BaseSettings
                from zenml.config import DockerConfiguration
                from zenml.pipelines import pipeline

                class DockerSettings(BaseSettings):
                    registry: str = "gcr.io/acme"

                @pipeline(docker_configuration=DockerConfiguration(parent_image="acme/base"), requirements=["pandas"])
                def p(trainer):
                    trainer()
                """
            ),
            fixed=_c(
                """
                from pydantic import BaseSettings
                from zenml.config import DockerSettings as ZenMLDockerSettings
                from zenml.pipelines import pipeline

                class DockerSettings(BaseSettings):
                    registry: str = "gcr.io/acme"

                @pipeline(settings={"docker": ZenMLDockerSettings(parent_image="acme/base", requirements=["pandas"])})
                def p(trainer):
                    trainer()
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.pipelines import BasePipeline, DockerConfiguration

                class P(BasePipeline):
                    def connect(self, trainer):
                        trainer()

                P(trainer=None, docker_configuration=DockerConfiguration(parent_image="x"))
                """
            ),
            count=1,
        ),
        Bad(  # a key a wrapper adds to its `**options` before giving them to `pipeline`: reported on the key
            _c(
                """
                from zenml.config import DockerConfiguration
                from zenml.pipelines import pipeline

                def gpu_pipeline(**options):
                    options["docker_configuration"] = DockerConfiguration(parent_image="nvidia/cuda")
                    return pipeline(**options)
                """
            ),
            fixed=_c(
                """
                from zenml.config import DockerSettings
                from zenml.pipelines import pipeline

                def gpu_pipeline(**options):
                    options["settings"] = {**options.get("settings", {}), "docker": DockerSettings(parent_image="nvidia/cuda")}
                    return pipeline(**options)
                """
            ),
            count=1,
        ),
        Bad(  # a keyword given to a wrapper that passes its `**opts` to `pipeline`
            _c(
                """
                from zenml.config import DockerConfiguration
                from zenml.pipelines import pipeline

                def team_pipeline(func=None, **opts):
                    return pipeline(**opts) if func is None else pipeline(func, **opts)

                @team_pipeline(docker_configuration=DockerConfiguration(parent_image="team/gpu"))
                def p(trainer):
                    trainer()
                """
            ),
            fixed=_c(
                """
                from zenml.config import DockerSettings
                from zenml.pipelines import pipeline

                def team_pipeline(func=None, **opts):
                    return pipeline(**opts) if func is None else pipeline(func, **opts)

                @team_pipeline(settings={"docker": DockerSettings(parent_image="team/gpu")})
                def p(trainer):
                    trainer()
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good(
            "from zenml.config import DockerSettings\nfrom zenml.pipelines import pipeline\n\n"
            "@pipeline(settings={\"docker\": DockerSettings(requirements=[\"pandas\"])})\ndef p(trainer):\n    trainer()\n"
        ),
        Good("from zenml.steps import step\n\n@step(enable_cache=False)\ndef s() -> int:\n    return 1\n"),
        Good(  # the key is added after the call that splats the dict, and to a dict given to a function of the user
            "from zenml.pipelines import pipeline\n\ndef build(func, **options):\n    made = pipeline(**options)(func)\n"
            "    options.setdefault(\"docker_configuration\", None)\n    record(**options)\n    return made\n"
        ),
        Good(  # a wrapper's own parameter of that name: it does not reach `pipeline`
            "from zenml.pipelines import pipeline\n\ndef team_pipeline(docker_configuration=None, **opts):\n"
            "    return pipeline(**opts)\n\n@team_pipeline(docker_configuration=None)\ndef p(trainer):\n    trainer()\n"
        ),
    ),
)

# the pipelines of ZM205's `**` example (the same before and after the fix)
_TEAM_PIPELINES = _c(
    """
    NIGHTLY_OPTIONS = {**TEAM_OPTIONS, "enable_cache": True}


    @pipeline(**TEAM_OPTIONS)
    def training(loader, trainer):
        trainer(loader())


    @pipeline(name="nightly", **NIGHTLY_OPTIONS)
    def nightly(loader, trainer):
        trainer(loader())
    """
)

ZM205 = Rule(
    code="ZM205",
    name="legacy-docker-kwargs",
    message="`required_integrations=` / `requirements=` / `dockerignore_file=` / `requirements_file=` go into "
    "`settings={\"docker\": DockerSettings(...)}` in ZenML 0.20",
    why="0.20's `@pipeline` no longer accepts these (already deprecated in 0.13.2; `requirements_file=` is the "
    "0.5-0.12 spelling of `requirements=`; TypeError at import).",
    instead="`@pipeline(settings={\"docker\": DockerSettings(required_integrations=[...], requirements=[...], "
    "dockerignore=\"...\")})`; note `dockerignore_file` is `dockerignore`.",
    fix=Fix.SAFE,
    fix_note="Safe: folded into the docker settings object; a value also set in `docker_configuration` keeps "
    "winning, as in 0.13.2. A non-literal `settings=` is left with a TODO.",
    codemod="settings:FoldSettings",
    fix_args=(
        ("key", "docker"),
        ("keywords", ("required_integrations", "requirements", "dockerignore_file", "requirements_file")),
        ("fields", (("dockerignore_file", "dockerignore"), ("requirements_file", "requirements"))),
        # a single integration (`required_integrations=MLFLOW`) is a one-element list in 0.20
        ("list_fields", ("required_integrations",)),
        ("settings_class", "zenml.config.DockerSettings"),
        # a value of `settings={"docker": ...}` / `docker_configuration=` the fields can merge into
        # (before or after ZM105's rename)
        ("fold_into", ("DockerSettings", "DockerConfiguration")),
    ),
    todo="move the legacy docker keywords into `settings={\"docker\": DockerSettings(...)}`",
    match=(Kwarg(PIPELINE_CALLEES, "required_integrations", "requirements", "dockerignore_file", "requirements_file"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline

                @pipeline(required_integrations=["sklearn"], requirements=["pandas"])
                def p(trainer):
                    trainer()
                """
            ),
            fixed=_c(
                """
                from zenml.config import DockerSettings
                from zenml.pipelines import pipeline

                @pipeline(settings={"docker": DockerSettings(required_integrations=["sklearn"], requirements=["pandas"])})
                def p(trainer):
                    trainer()
                """
            ),
            count=2,
        ),
        Bad(  # a legacy key in a conditional `**` written in the call: a keyword valued by branch (absent:
            # 0.13.2 ignored it), folded with the call's own into one `settings`
            _c(
                """
                from zenml.pipelines import pipeline

                ON_AWS = False


                @pipeline(required_integrations=["sklearn"], **({"requirements": ["boto3"], "enable_cache": False} if ON_AWS else {}))
                def nightly(trainer):
                    trainer()
                """
            ),
            fixed=_c(
                """
                from zenml.config import DockerSettings
                from zenml.pipelines import pipeline

                ON_AWS = False


                @pipeline(settings={"docker": DockerSettings(required_integrations=["sklearn"], requirements=["boto3"] if ON_AWS else None)}, **({"enable_cache": False} if ON_AWS else {}))
                def nightly(trainer):
                    trainer()
                """
            ),
            count=2,
        ),
        Bad(  # `dict(BASE, k=v)` with BASE a dict of this module whose keys are known: the fields update the
            # docker settings BASE's own fold writes, and BASE's other settings entries are kept
            _c(
                """
                from zenml.pipelines import pipeline

                BASE_KW = dict(required_integrations=["sklearn"], enable_cache=False)
                NIGHTLY_KW = dict(BASE_KW, requirements=["pandas"], dockerignore_file=".nightlyignore")


                @pipeline(**NIGHTLY_KW)
                def nightly(trainer):
                    trainer()
                """
            ),
            fixed=_c(
                """
                from zenml.config import DockerSettings
                from zenml.pipelines import pipeline

                BASE_KW = dict(settings={"docker": DockerSettings(required_integrations=["sklearn"])}, enable_cache=False)
                NIGHTLY_KW = dict(BASE_KW, settings={**BASE_KW["settings"], "docker": BASE_KW["settings"]["docker"].copy(update={"requirements": BASE_KW["settings"]["docker"].requirements or ["pandas"], "dockerignore": BASE_KW["settings"]["docker"].dockerignore or ".nightlyignore"})})


                @pipeline(**NIGHTLY_KW)
                def nightly(trainer):
                    trainer()
                """
            ),
            count=4,
        ),
        Bad(  # the file has a DockerSettings of its own: zenml's comes under an alias
            _c(
                """
                from pydantic import BaseSettings
                from zenml.pipelines import pipeline

                class DockerSettings(BaseSettings):
                    registry: str = "gcr.io/acme"

                @pipeline(required_integrations=["sklearn"])
                def p(trainer):
                    trainer()
                """
            ),
            fixed=_c(
                """
                from pydantic import BaseSettings
                from zenml.config import DockerSettings as ZenMLDockerSettings
                from zenml.pipelines import pipeline

                class DockerSettings(BaseSettings):
                    registry: str = "gcr.io/acme"

                @pipeline(settings={"docker": ZenMLDockerSettings(required_integrations=["sklearn"])})
                def p(trainer):
                    trainer()
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.pipelines.pipeline_decorator import pipeline as pl

                @pl(dockerignore_file=".dockerignore")
                def p(trainer):
                    trainer()
                """
            ),
            fixed=_c(
                """
                from zenml.config import DockerSettings
                from zenml.pipelines.pipeline_decorator import pipeline as pl

                @pl(settings={"docker": DockerSettings(dockerignore=".dockerignore")})
                def p(trainer):
                    trainer()
                """
            ),
            count=1,
        ),
        Bad(  # one integration, not a list: 0.20's DockerSettings needs a list
            _c(
                """
                from zenml.integrations.constants import MLFLOW
                from zenml.pipelines import pipeline

                INTEGRATION = MLFLOW

                @pipeline(required_integrations=INTEGRATION, requirements_file="requirements.txt")
                def p(trainer):
                    trainer()
                """
            ),
            fixed=_c(
                """
                from zenml.config import DockerSettings
                from zenml.integrations.constants import MLFLOW
                from zenml.pipelines import pipeline

                INTEGRATION = MLFLOW

                @pipeline(settings={"docker": DockerSettings(required_integrations=[INTEGRATION], requirements="requirements.txt")})
                def p(trainer):
                    trainer()
                """
            ),
            count=2,
        ),
        Bad(  # the docker configuration is built elsewhere: folded the way 0.13.2 did it
            _c(
                """
                from zenml.config import DockerConfiguration
                from zenml.integrations.constants import KUBEFLOW
                from zenml.pipelines import pipeline

                DOCKER = DockerConfiguration(parent_image="my/image")

                @pipeline(required_integrations=[KUBEFLOW], docker_configuration=DOCKER)
                def p(trainer):
                    trainer()
                """
            ),
            fixed=_c(
                """
                from zenml.config import DockerSettings
                from zenml.integrations.constants import KUBEFLOW
                from zenml.pipelines import pipeline

                DOCKER = DockerSettings(parent_image="my/image")

                @pipeline(settings={"docker": DOCKER.copy(update={"required_integrations": DOCKER.required_integrations or [KUBEFLOW]})})
                def p(trainer):
                    trainer()
                """
            ),
            count=1,
        ),
        Bad(  # ... a configuration that may be None (0.13.2 took None as the default): guarded
            _c(
                """
                from zenml.pipelines import pipeline

                def make(docker=None):
                    @pipeline(requirements=["pandas"], docker_configuration=docker)
                    def p(trainer):
                        trainer()

                    return p
                """
            ),
            fixed=_c(
                """
                from zenml.config import DockerSettings
                from zenml.pipelines import pipeline

                def make(docker=None):
                    @pipeline(settings={"docker": (docker or DockerSettings()).copy(update={"requirements": (docker or DockerSettings()).requirements or ["pandas"]})})
                    def p(trainer):
                        trainer()

                    return p
                """
            ),
            count=1,
        ),
        # decorator defaults in a `dict(...)` given as `**` (also through another dict): folded
        # where they are written; the two decorators, where 0.20 fails, say where they come from
        Bad(
            _c(
                """
                from zenml.integrations.constants import SKLEARN
                from zenml.pipelines import pipeline

                TEAM_OPTIONS = dict(enable_cache=False, required_integrations=[SKLEARN], requirements=["pandas"])
                """
            )
            + _TEAM_PIPELINES,
            fixed=_c(
                """
                from zenml.config import DockerSettings
                from zenml.integrations.constants import SKLEARN
                from zenml.pipelines import pipeline

                TEAM_OPTIONS = dict(enable_cache=False, settings={"docker": DockerSettings(required_integrations=[SKLEARN], requirements=["pandas"])})
                """
            )
            + _TEAM_PIPELINES,
            count=4,
        ),
        # the keys of a dict display fold the same way
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline

                OPTIONS = {"enable_cache": False, 'requirements': ["pandas"]}


                @pipeline(**OPTIONS)
                def training(loader, trainer):
                    trainer(loader())
                """
            ),
            fixed=_c(
                """
                from zenml.config import DockerSettings
                from zenml.pipelines import pipeline

                OPTIONS = {"enable_cache": False, "settings": {"docker": DockerSettings(requirements=["pandas"])}}


                @pipeline(**OPTIONS)
                def training(loader, trainer):
                    trainer(loader())
                """
            ),
            count=2,
        ),
        # a conditional `**` of dicts written in the call: each branch's keys fold in their display (a
        # rename is made there), and the call's keywords fold beside it when no branch can hold `settings`
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline

                QUICK_RUN = True


                @pipeline(requirements=["pandas"], **({"enable_cache": False} if QUICK_RUN else {}))
                def training(loader, trainer):
                    trainer(loader())
                """
            ),
            fixed=_c(
                """
                from zenml.config import DockerSettings
                from zenml.pipelines import pipeline

                QUICK_RUN = True


                @pipeline(settings={"docker": DockerSettings(requirements=["pandas"])}, **({"enable_cache": False} if QUICK_RUN else {}))
                def training(loader, trainer):
                    trainer(loader())
                """
            ),
            count=1,
        ),
        # a call that also passes `**` keywords: they may hold a `settings` (the fix of a dict
        # of the project's own may have written it) that a new `settings=` would collide with
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline

                from platform_defaults import load_options


                @pipeline(**load_options("training"), requirements=["pandas"])
                def training(loader, trainer):
                    trainer(loader())
                """
            ),
            count=1,
        ),
        # ... unless the `**` is a dict of this module whose keys are known: with no `settings` (nor a
        # legacy key its own fix turns into one) the new `settings=` goes next to it
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline

                QUICK = dict(enable_cache=False)


                @pipeline(requirements=["scikit-learn"], dockerignore_file=".dockerignore", **QUICK)
                def training(loader, trainer):
                    trainer(loader())
                """
            ),
            fixed=_c(
                """
                from zenml.config import DockerSettings
                from zenml.pipelines import pipeline

                QUICK = dict(enable_cache=False)


                @pipeline(settings={"docker": DockerSettings(requirements=["scikit-learn"], dockerignore=".dockerignore")}, **QUICK)
                def training(loader, trainer):
                    trainer(loader())
                """
            ),
            count=2,
        ),
        # ... and where its keys become `settings`, the call's keywords move into the dict when this
        # call is its only use (values known before the dict: literals, imported constants)
        Bad(
            _c(
                """
                from zenml.integrations.constants import SKLEARN
                from zenml.pipelines import pipeline

                TRAINING_IMAGE = {"requirements": ["pandas"], "enable_cache": True}


                @pipeline(required_integrations=SKLEARN, **TRAINING_IMAGE)
                def training(loader, trainer):
                    trainer(loader())
                """
            ),
            fixed=_c(
                """
                from zenml.config import DockerSettings
                from zenml.integrations.constants import SKLEARN
                from zenml.pipelines import pipeline

                TRAINING_IMAGE = {"settings": {"docker": DockerSettings(requirements=["pandas"], required_integrations=[SKLEARN])}, "enable_cache": True}


                @pipeline(**TRAINING_IMAGE)
                def training(loader, trainer):
                    trainer(loader())
                """
            ),
            count=3,
        ),
        # ... not when another call splats the same dict (it would get the keywords too)
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline

                SHARED_IMAGE = dict(requirements=["pandas"])


                @pipeline(required_integrations=["sklearn"], **SHARED_IMAGE)
                def training(loader, trainer):
                    trainer(loader())


                @pipeline(**SHARED_IMAGE)
                def scoring(loader, trainer):
                    trainer(loader())
                """
            ),
            count=4,
        ),
        # ... not where the dict's `settings` is built elsewhere: no automatic fix, here and at the use
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline

                SHARED = {"requirements": ["pandas"], "settings": make_settings()}


                @pipeline(**SHARED)
                def evaluation(loader, trainer):
                    trainer(loader())
                """
            ),
            count=2,
        ),
    ),
    good=(
        Good(
            "from zenml.config import DockerSettings\nfrom zenml.pipelines import pipeline\n\n"
            "@pipeline(settings={\"docker\": DockerSettings(requirements=[\"pandas\"])})\ndef p(trainer):\n    trainer()\n"
        ),
        Good("import setuptools\n\nsetuptools.setup(name=\"x\", requirements=[\"pandas\"])\n"),
        # the same keys given to DockerSettings, which takes them
        Good(
            "from zenml.config import DockerSettings\nfrom zenml.integrations.constants import SKLEARN\n\n"
            "DOCKER = dict(required_integrations=[SKLEARN], requirements=[\"pandas\"])\nsettings = DockerSettings(**DOCKER)\n"
        ),
    ),
)

ZM206 = Rule(
    code="ZM206",
    name="pipeline-secrets",
    message="`secrets=` on a pipeline is gone in ZenML 0.20 (it was never read)",
    why="0.20's `@pipeline` no longer accepts `secrets` (TypeError at import). In 0.13.2 the value was stored "
    "and never used, so removing it changes nothing.",
    instead="Delete the argument; read secrets through the stack's secrets manager.",
    fix=Fix.SAFE,
    fix_note="Safe: the argument had no effect in 0.13.2.",
    codemod="keywords:RenameKeywords",
    fix_args=(("keywords", (("secrets", None),)),),
    match=(Kwarg(PIPELINE_CALLEES, "secrets"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline

                @pipeline(enable_cache=False, secrets=["aws"])
                def p(trainer):
                    trainer()
                """
            ),
            fixed=_c(
                """
                from zenml.pipelines import pipeline

                @pipeline(enable_cache=False)
                def p(trainer):
                    trainer()
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline
                from zenml.steps import step

                @step
                def trainer() -> int:
                    return 1

                @pipeline
                def p(trainer):
                    trainer()

                p(trainer=trainer(), secrets=["aws"]).run()
                """
            ),
            fixed=_c(
                """
                from zenml.pipelines import pipeline
                from zenml.steps import step

                @step
                def trainer() -> int:
                    return 1

                @pipeline
                def p(trainer):
                    trainer()

                p(trainer=trainer()).run()
                """
            ),
            count=1,
        ),
        # the key of a dict display given as `**`: removed there (the decorator says where it comes from)
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline

                PIPELINE_OPTIONS = {"enable_cache": False, "secrets": ["aws"]}


                @pipeline(**PIPELINE_OPTIONS)
                def training(trainer):
                    trainer()
                """
            ),
            fixed=_c(
                """
                from zenml.pipelines import pipeline

                PIPELINE_OPTIONS = {"enable_cache": False}


                @pipeline(**PIPELINE_OPTIONS)
                def training(trainer):
                    trainer()
                """
            ),
            count=2,
        ),
    ),
    good=(
        Good("from zenml.pipelines import pipeline\n\n@pipeline(enable_cache=False)\ndef p(trainer):\n    trainer()\n"),
        Good("from zenml.steps import step\n\n@step\ndef s(secrets: list) -> int:\n    return 1\n\nsecrets = s\n"),
    ),
)

# ---------------------------------------------------------------- ZM207-ZM209: enable_* decorators

_TRACKER_FIX_NOTE = (
    "Safe: the decorator is removed and `experiment_tracker=\"<name>\"` is written, a literal (nothing reads the "
    "store or the stack when the module is imported), in the `@step` under it (or the `step(f, ...)` call it is "
    "called on: `enable_x(step(f))`), or in a class-based step's "
    "`INSTANCE_CONFIGURATION = {{...}}` (`@{name} class X(BaseStep)`; ZenML 0.20.0 and 0.20.5 configure every "
    "instance with it). The name comes from `--experiment-tracker NAME` (or `{flavor}=NAME`), `[tool.zenml-migrate] "
    "experiment-tracker`, or the user's ZenML 0.13.2 config dir / 0.20 store (the active stack's {flavor} "
    "tracker, the one `@{name}` used). With no name known, `{guess}` is written (the name ZenML 0.13's docs and "
    "its own error message register), with a TODO above the step saying it is a guess, counted as left for a "
    "human: the module imports, and on a stack without that tracker the run fails loudly (\"Step ... requires "
    "experiment tracker '{guess}' which is not configured in the stack\"), as 0.13.2's decorator did."
)


def _enable_decorator_rule(
    code: str,
    decorator: str,
    module: str,
    settings_key: str,
    instead: str,
    bad: tuple,
    good: tuple,
    tracker: str = "",
    documented_name: str = "",
    extra: tuple = (),
    fix_note: str = "",
    on_pipelines: str = "",
) -> Rule:
    """One ``@enable_<x>`` decorator of ``module`` (deleted in 0.20): the decorator goes and the
    ``@step`` under it (or a class-based step's ``INSTANCE_CONFIGURATION``) gets
    ``experiment_tracker=`` the name of a ``tracker`` flavored tracker (when ``tracker``;
    ``documented_name``, with a TODO, when no name is known) and its settings under
    ``settings_key`` (the decorator's keywords, plus ``extra``); codemod ``trackers:EnableDecorators``.
    ``on_pipelines``: the setting an older release's form of the decorator on a ``@pipeline`` took as
    its keyword (ZenML 0.5.7-0.6.0's ``enable_mlflow(_pipeline, experiment_name=None)``): such a use
    is served by a function the module defines (``scan/fix_checks._on_pipeline``)."""
    settings = "{" + ", ".join(f'"{k}": {v!r}' for k, v in extra) + "}" if extra else "{...}"
    use = "`@step(experiment_tracker=...)`" if tracker else f'`settings={{"{settings_key}": ...}}`'
    return Rule(
        code=code,
        name=decorator.replace("_", "-"),
        message=f"`@{decorator}` is gone in ZenML 0.20: use {use}",
        why=f"The module `{module}` was deleted in 0.20 (ImportError)."
        + (" 0.20 only activates an experiment tracker for steps that name it." if tracker else ""),
        instead=instead,
        fix=Fix.SAFE,
        fix_note=fix_note or _TRACKER_FIX_NOTE.format(name=decorator, flavor=tracker, guess=documented_name),
        codemod="trackers:EnableDecorators",
        fix_args=(("settings_key", settings_key),)
        + ((("tracker_flavor", tracker), ("documented_name", documented_name)) if tracker else ())
        + ((("extra", extra),) if extra else ())
        + ((("on_pipelines", on_pipelines),) if on_pipelines else ()),
        todo=f"replace @{decorator} by hand: "
        + ('experiment_tracker="NAME" and ' if tracker else "")
        + f'settings={{"{settings_key}": {settings}}} on the @step, or the same keys in '
        f"`INSTANCE_CONFIGURATION = {{...}}` in a class-based step",
        match=(Ref(f"{module}.{decorator}", each_use=True),),
        bad=bad,
        good=good,
    )


def _guessed(code: str, flavor: str, guess: str) -> str:
    """The TODO line the rewrite writes above a step whose tracker name is the documented guess."""
    from zenml_migrate.fix.todo import PREFIX
    from zenml_migrate.fix.tracker_names import guessed_name_todo

    return f"{PREFIX}{code} {guessed_name_todo(flavor, guess, 'enable_' + flavor)}"


_GUESSED_MLFLOW = _guessed("ZM207", "mlflow", "mlflow_tracker")
# the steps and pipeline of ZM207's example of ZenML 0.5's pipeline decorator (the fix keeps them)
_FIT_PIPELINE = _c(
    """
    @step
    def fit() -> int:
        return 3

    @enable_mlflow
    @pipeline(enable_cache=False)
    def fit_pipeline(fitter):
        fitter()
    """
)

ZM207 = _enable_decorator_rule(
    "ZM207",
    "enable_mlflow",
    "zenml.integrations.mlflow.mlflow_step_decorator",
    "experiment_tracker.mlflow",
    tracker="mlflow",
    # documented_name: the tracker names ZenML 0.13's docs register, and 0.13.2's own error messages
    # print when the stack has none ("zenml experiment-tracker register mlflow_tracker ...":
    # zenml/integrations/mlflow/mlflow_utils.py, wandb/wandb_step_decorator.py; checked against the
    # wheel by tests/test_tracker_rewrite_real_zenml.py)
    documented_name="mlflow_tracker",
    on_pipelines="experiment_name",  # zenml 0.5.7 wheel: zenml/integrations/mlflow/mlflow_utils.py
    instead="`@step(experiment_tracker=\"<tracker name>\", settings={\"experiment_tracker.mlflow\": {\"nested\": True}})`.",
    bad=(
        Bad(
            _c(
                """
                from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow
                from zenml.steps import step

                @enable_mlflow
                @step
                def trainer() -> float:
                    return 0.1
                """
            ),
            fixed=_c(
                """
                from zenml.steps import step

                @step(experiment_tracker="mlflow_tracker")
                def trainer() -> float:
                    return 0.1
                """
            ),
            count=2,
            experiment_tracker="mlflow_tracker",
        ),
        Bad(
            _c(
                """
                from zenml.integrations.mlflow.steps.mlflow_deployer import enable_mlflow as em
                from zenml.steps import step

                @em(nested=True)
                @step(enable_cache=False)
                def trainer() -> float:
                    return 0.1
                """
            ),
            fixed=_c(
                """
                from zenml.steps import step

                @step(enable_cache=False, experiment_tracker="mlflow_tracker", settings={"experiment_tracker.mlflow": {"nested": True}})
                def trainer() -> float:
                    return 0.1
                """
            ),
            count=2,
            experiment_tracker="mlflow=mlflow_tracker",
        ),
        Bad(  # no tracker name known: the name ZenML's docs register, with a TODO that says it is a guess
            _c(
                """
                from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow
                from zenml.steps import step

                @enable_mlflow
                @step
                def trainer() -> float:
                    return 0.1
                """
            ),
            fixed=_c(
                """
                from zenml.steps import step

                TODO_LINE
                @step(experiment_tracker="mlflow_tracker")
                def trainer() -> float:
                    return 0.1
                """
            ).replace("TODO_LINE", _GUESSED_MLFLOW),
            count=2,
        ),
        Bad(  # a class-based step: INSTANCE_CONFIGURATION (0.20's BaseStep.__init__ configures each instance with it)
            _c(
                """
                import zenml.integrations.mlflow.mlflow_step_decorator as deco
                from zenml.steps import BaseStep

                @deco.enable_mlflow(nested=True)
                class Trainer(BaseStep):
                    \"\"\"Trains.\"\"\"
                    def entrypoint(self) -> float:
                        return 0.1
                """
            ),
            fixed=_c(
                """
                from zenml.steps import BaseStep

                class Trainer(BaseStep):
                    \"\"\"Trains.\"\"\"
                    INSTANCE_CONFIGURATION = {"experiment_tracker": "mlflow_tracker", "settings": {"experiment_tracker.mlflow": {"nested": True}}}

                    def entrypoint(self) -> float:
                        return 0.1
                """
            ),
            count=1,
            experiment_tracker="mlflow=mlflow_tracker",
        ),
        Bad(  # called as a function on a step class: 0.13.2 changed the class in place and returned it
            _c(
                """
                from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow
                from zenml.steps import step

                @step
                def trainer() -> float:
                    return 0.1

                mlflow_trainer = enable_mlflow(nested=True)(trainer)
                """
            ),
            fixed=_c(
                """
                from zenml.steps import step

                @step
                def trainer() -> float:
                    return 0.1

                trainer.INSTANCE_CONFIGURATION = {**trainer.INSTANCE_CONFIGURATION, "experiment_tracker": "mlflow_tracker", "settings": {**(trainer.INSTANCE_CONFIGURATION.get("settings") or {}), "experiment_tracker.mlflow": {"nested": True}}}
                mlflow_trainer = trainer
                """
            ),
            count=2,
            experiment_tracker="mlflow=mlflow_tracker",
        ),
        Bad(  # ... but not where the statement may not evaluate it, nor a decorator kept as a value (a dict
            # of decorators, a loop over them): the call stays, and the module defines `enable_mlflow`
            # as a 0.20 function that configures the class it is given, when the call runs
            _c(
                """
                from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow
                from zenml.steps import step

                @step
                def trainer() -> float:
                    return 0.1

                TRACK = True
                chosen = enable_mlflow(trainer) if TRACK else trainer
                """
            ),
            fixed=_c(
                """
                from zenml.steps import step


                def enable_mlflow(_step=None, **options):
                    \"\"\"ZenML 0.20 has no `enable_mlflow`: this does what it did to a step class (configures it in place
                    and returns it), in 0.20 terms (written by zenml-migrate).\"\"\"

                    def configure(step_class):
                        config = dict(getattr(step_class, "INSTANCE_CONFIGURATION", None) or {})
                        if not config.get("experiment_tracker"):  # a step keeps the one tracker it names
                            config.update({"experiment_tracker": "mlflow_tracker"})
                        if options:
                            config["settings"] = {**(config.get("settings") or {}), "experiment_tracker.mlflow": options}
                        step_class.INSTANCE_CONFIGURATION = config
                        return step_class

                    return configure if _step is None else configure(_step)


                @step
                def trainer() -> float:
                    return 0.1

                TRACK = True
                chosen = enable_mlflow(trainer) if TRACK else trainer
                """
            ),
            count=2,
            experiment_tracker="mlflow=mlflow_tracker",
        ),
        Bad(  # ZenML 0.5.7-0.6.0: `mlflow_utils.enable_mlflow` decorated the PIPELINE (every step ran in one
            # mlflow run of the pipeline's experiment): the module defines it, configuring each step the
            # pipeline is built with
            _c(
                """
                from zenml.integrations.mlflow.mlflow_utils import enable_mlflow
                from zenml.pipelines import pipeline
                from zenml.steps import step

                """
            )
            + _FIT_PIPELINE,
            fixed=_c(
                """
                from zenml.pipelines import pipeline
                from zenml.steps import step


                def enable_mlflow(pipeline_class, experiment_name=None):
                    \"\"\"ZenML 0.20 has no `enable_mlflow` for pipelines: this does what it did to a pipeline class (its
                    steps log to the stack's experiment tracker, in the experiment named after the pipeline or
                    `experiment_name`), in 0.20 terms (written by zenml-migrate).\"\"\"
                    build = pipeline_class.__init__

                    def __init__(self, *steps, **named_steps):
                        for step_ in (*steps, *named_steps.values()):
                            if not step_.configuration.experiment_tracker:  # a step keeps the one tracker it names
                                step_.configure(experiment_tracker="tracker_a")
                            if experiment_name:
                                step_.configure(settings={"experiment_tracker.mlflow": {"experiment_name": experiment_name}})
                        build(self, *steps, **named_steps)

                    pipeline_class.__init__ = __init__
                    return pipeline_class


                """
            )
            + _FIT_PIPELINE,
            count=2,
            experiment_tracker="mlflow=tracker_a",
        ),
        Bad(  # a class that configures itself already: a human merges the two
            _c(
                """
                from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow
                from zenml.steps import BaseStep

                @enable_mlflow
                class Trainer(BaseStep):
                    INSTANCE_CONFIGURATION = {"enable_cache": False}

                    def entrypoint(self) -> float:
                        return 0.1
                """
            ),
            count=2,
            experiment_tracker="mlflow=mlflow_tracker",
        ),
    ),
    good=(
        Good(
            "from zenml.steps import step\n\n@step(experiment_tracker=\"mlflow_tracker\")\n"
            "def trainer() -> float:\n    return 0.1\n"
        ),
        Good(
            "from zenml.steps import step\n\ndef enable_mlflow(f):\n    return f\n\n@enable_mlflow\n@step\n"
            "def trainer() -> float:\n    return 0.1\n"
        ),
    ),
)

ZM208 = _enable_decorator_rule(
    "ZM208",
    "enable_wandb",
    "zenml.integrations.wandb.wandb_step_decorator",
    "experiment_tracker.wandb",
    tracker="wandb",
    documented_name="wandb_tracker",
    instead="`@step(experiment_tracker=\"<tracker name>\", settings={\"experiment_tracker.wandb\": {\"settings\": ...}})`.",
    bad=(
        Bad(
            _c(
                """
                import wandb
                from zenml.integrations.wandb.wandb_step_decorator import enable_wandb
                from zenml.steps import step

                @enable_wandb(settings=wandb.Settings(magic=True))
                @step
                def trainer() -> float:
                    return 0.1
                """
            ),
            fixed=_c(
                """
                import wandb
                from zenml.steps import step

                @step(experiment_tracker="wandb_tracker", settings={"experiment_tracker.wandb": {"settings": wandb.Settings(magic=True)}})
                def trainer() -> float:
                    return 0.1
                """
            ),
            count=2,
            experiment_tracker="wandb=wandb_tracker",
        ),
        Bad(
            _c(
                """
                from zenml.integrations.wandb import wandb_step_decorator
                from zenml.steps import BaseStep

                @wandb_step_decorator.enable_wandb
                class Trainer(BaseStep):
                    def entrypoint(self) -> float:
                        return 0.1
                """
            ),
            fixed=_c(
                """
                from zenml.steps import BaseStep

                TODO_LINE
                class Trainer(BaseStep):
                    INSTANCE_CONFIGURATION = {"experiment_tracker": "wandb_tracker"}

                    def entrypoint(self) -> float:
                        return 0.1
                """
            ).replace("TODO_LINE", _guessed("ZM208", "wandb", "wandb_tracker")),
            count=1,
        ),
        Bad(  # called as a function on a step(...) call
            _c(
                """
                from zenml.integrations.wandb.wandb_step_decorator import enable_wandb
                from zenml.steps import step

                def _evaluate(score: float) -> float:
                    return score

                evaluator = enable_wandb(settings={"tags": ["eval"]})(step(_evaluate, name="evaluator"))
                """
            ),
            fixed=_c(
                """
                from zenml.steps import step

                def _evaluate(score: float) -> float:
                    return score

                evaluator = step(_evaluate, name="evaluator", experiment_tracker="wandb_tracker", settings={"experiment_tracker.wandb": {"settings": {"tags": ["eval"]}}})
                """
            ),
            count=2,
            experiment_tracker="wandb=wandb_tracker",
        ),
        Bad(  # called on a `step(...)` call applied to the function: the options go to that `step(...)`
            _c(
                """
                from zenml.integrations.wandb.wandb_step_decorator import enable_wandb
                from zenml.steps import step

                def _rank(score: float) -> float:
                    return score

                ranker = enable_wandb(step(name="ranker", enable_cache=False)(_rank))
                """
            ),
            fixed=_c(
                """
                from zenml.steps import step

                def _rank(score: float) -> float:
                    return score

                ranker = step(name="ranker", enable_cache=False, experiment_tracker="wandb_tracker")(_rank)
                """
            ),
            count=2,
            experiment_tracker="wandb=wandb_tracker",
        ),
        Bad(  # called as a function on a class-based step (no tracker name known: a guess, with a TODO)
            _c(
                """
                from zenml.integrations.wandb.wandb_step_decorator import enable_wandb
                from zenml.steps import BaseStep

                class Evaluator(BaseStep):
                    def entrypoint(self, score: float) -> float:
                        return score

                Evaluator = enable_wandb(Evaluator)
                """
            ),
            fixed=_c(
                """
                from zenml.steps import BaseStep

                class Evaluator(BaseStep):
                    def entrypoint(self, score: float) -> float:
                        return score

                TODO_LINE
                Evaluator.INSTANCE_CONFIGURATION = {**Evaluator.INSTANCE_CONFIGURATION, "experiment_tracker": "wandb_tracker"}
                """
            ).replace("TODO_LINE", _guessed("ZM208", "wandb", "wandb_tracker")),
            count=2,
        ),
        Bad(  # called on a parameter of a decorator function: 0.13.2 raised unless it was a step class
            _c(
                """
                from zenml.integrations.wandb.wandb_step_decorator import enable_wandb
                from zenml.steps import step

                def tracked(step_class):
                    return enable_wandb(settings={"tags": ["team"]})(step_class)

                @tracked
                @step
                def scorer() -> float:
                    return 0.5
                """
            ),
            fixed=_c(
                """
                from zenml.steps import step

                def tracked(step_class):
                    step_class.INSTANCE_CONFIGURATION = {**step_class.INSTANCE_CONFIGURATION, "experiment_tracker": "wandb_tracker", "settings": {**(step_class.INSTANCE_CONFIGURATION.get("settings") or {}), "experiment_tracker.wandb": {"settings": {"tags": ["team"]}}}}
                    return step_class

                @tracked
                @step
                def scorer() -> float:
                    return 0.5
                """
            ),
            count=2,
            experiment_tracker="wandb=wandb_tracker",
        ),
        Bad(  # ... but not on a parameter that may be None (``enable_wandb(None)`` returned the decorator)
            _c(
                """
                from zenml.integrations.wandb.wandb_step_decorator import enable_wandb

                def tracked(step_class=None):
                    return enable_wandb(step_class)
                """
            ),
            count=2,
            experiment_tracker="wandb=wandb_tracker",
        ),
    ),
    good=(
        Good(
            "from zenml.steps import step\n\n@step(experiment_tracker=\"wandb_tracker\", "
            "settings={\"experiment_tracker.wandb\": {\"tags\": [\"a\"]}})\ndef trainer() -> float:\n    return 0.1\n"
        ),
        Good("import wandb\n\nwandb.init(settings=wandb.Settings(magic=True))\n"),
    ),
)

ZM209 = _enable_decorator_rule(
    "ZM209",
    "enable_whylabs",
    "zenml.integrations.whylogs.whylabs_step_decorator",
    "data_validator.whylogs",
    extra=(("enable_whylabs", True),),
    instead="`@step(settings={\"data_validator.whylogs\": {\"enable_whylabs\": True, \"dataset_id\": \"x\"}})`; "
    "data validators are always active, no component name is needed.",
    fix_note="Safe on `@step` functions (it is what 0.20's own `whylogs_profiler_step` does) and on class-based "
    "steps (the settings go into `INSTANCE_CONFIGURATION = {...}` in the class body; ZenML 0.20.0 and 0.20.5 "
    "configure every instance with it).",
    bad=(
        Bad(
            _c(
                """
                from zenml.integrations.whylogs.whylabs_step_decorator import enable_whylabs
                from zenml.steps import step

                @enable_whylabs(dataset_id="model-1")
                @step
                def profiler() -> int:
                    return 1
                """
            ),
            fixed=_c(
                """
                from zenml.steps import step

                @step(settings={"data_validator.whylogs": {"enable_whylabs": True, "dataset_id": "model-1"}})
                def profiler() -> int:
                    return 1
                """
            ),
            count=2,
        ),
        Bad(
            _c(
                """
                from zenml.integrations.whylogs.steps.whylogs_profiler import enable_whylabs
                from zenml.steps import step

                @enable_whylabs
                @step(enable_cache=False)
                def profiler() -> int:
                    return 1
                """
            ),
            fixed=_c(
                """
                from zenml.steps import step

                @step(enable_cache=False, settings={"data_validator.whylogs": {"enable_whylabs": True}})
                def profiler() -> int:
                    return 1
                """
            ),
            count=2,
        ),
    ),
    good=(
        Good(
            "from zenml.steps import step\n\n@step(settings={\"data_validator.whylogs\": {\"enable_whylabs\": True}})\n"
            "def profiler() -> int:\n    return 1\n"
        ),
        Good("from whylogs import enable_whylabs\n\n@enable_whylabs\ndef f():\n    pass\n"),
    ),
)

# ---------------------------------------------------------------- ZM210-ZM214: step/pipeline objects

ZM210 = Rule(
    code="ZM210",
    name="with-return-materializers",
    message="`with_return_materializers(...)` is deprecated in ZenML 0.20: use `output_materializers=`",
    why="It still works in 0.20 with a deprecation log. Its replacement `configure(output_materializers=...)` "
    "returns None on 0.20.0 (so `x = s().configure(...)` breaks there), and an `output_materializers=` instance "
    "keyword is ignored on 0.20.0.",
    instead="`@step(output_materializers=MyMaterializer)` on the step, or `s.configure(output_materializers=...)` "
    "as a statement (not chained).",
    fix=Fix.UNSAFE,
    fix_note="Unsafe: moving the materializer into the `@step` decorator changes every other use of that step.",
    codemod="materializers:ReturnMaterializers",
    todo="move the materializers into @step(output_materializers=...) or a separate .configure(...) statement",
    match=(Ref(f"{api013.STEP}.with_return_materializers"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.materializers.base_materializer import BaseMaterializer
                from zenml.pipelines import pipeline
                from zenml.steps import step

                class MyMaterializer(BaseMaterializer):
                    ASSOCIATED_TYPES = (int,)

                @step
                def trainer() -> int:
                    return 1

                @pipeline
                def p(trainer):
                    trainer()

                p(trainer=trainer().with_return_materializers(MyMaterializer)).run()
                """
            ),
            fixed=_c(
                """
                from zenml.materializers.base_materializer import BaseMaterializer
                from zenml.pipelines import pipeline
                from zenml.steps import step

                class MyMaterializer(BaseMaterializer):
                    ASSOCIATED_TYPES = (int,)

                @step(output_materializers=MyMaterializer)
                def trainer() -> int:
                    return 1

                @pipeline
                def p(trainer):
                    trainer()

                p(trainer=trainer()).run()
                """
            ),
            unsafe=True,
            count=1,
        ),
        Bad(
            _c(
                """
                from my_steps import MyMaterializer
                from zenml.steps import BaseStep

                class Trainer(BaseStep):
                    def entrypoint(self) -> int:
                        return 1

                t = Trainer()
                t2 = t.with_return_materializers({"output": MyMaterializer})
                """
            ),
            count=1,
        ),
        Bad(  # a materializer 0.20 lacks stays where it is read late: in `@step(...)` it would fail at import
            _c(
                """
                from zenml.materializers.beam_materializer import BeamMaterializer
                from zenml.steps import step

                @step
                def trainer() -> int:
                    return 1

                if __name__ == "__main__":
                    trainer().with_return_materializers(BeamMaterializer).entrypoint()
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good(
            "from zenml.steps import step\nfrom my_steps import M\n\n@step(output_materializers=M)\n"
            "def trainer() -> int:\n    return 1\n"
        ),
        Good("class S:\n    def with_return_materializers(self, m):\n        return self\n\nS().with_return_materializers(1)\n"),
    ),
)

ZM211 = Rule(
    code="ZM211",
    name="pipeline-with-config",
    message="`pipeline.with_config(path)` reads the legacy YAML format; in ZenML 0.20 use `run(config_path=...)`",
    why="`with_config` still works in 0.20 but is deprecated and only applies `steps.*.parameters`. "
    "`run(config_path=...)` reads the new schema (extra keys forbidden), so the file must be converted first.",
    instead="Convert the YAML (see ZM501-ZM503, `migrate code` does it) and call `p(...).run(config_path=\"cfg.yaml\")`.",
    fix=Fix.NONE,
    fix_note="No automatic fix: the YAML file must be converted to the 0.20 schema at the same time.",
    todo="convert the YAML run config to the 0.20 schema and use .run(config_path=...)",
    match=(Ref(f"{api013.PIPELINE}.with_config"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline

                @pipeline
                def p(trainer):
                    trainer()

                p(trainer=None).with_config("config.yaml").run()
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.pipelines import BasePipeline

                class P(BasePipeline):
                    def connect(self, trainer):
                        trainer()

                inst = P(trainer=None)
                inst = inst.with_config("config.yaml", overwrite_step_parameters=True)
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good(
            "from zenml.pipelines import pipeline\n\n@pipeline\ndef p(trainer):\n    trainer()\n\n"
            "p(trainer=None).run(config_path=\"config.yaml\")\n"
        ),
        Good("import attrs\n\nattrs.evolve(1).with_config(\"x\")\n"),
    ),
)

def _run_keywords_020() -> frozenset:
    """What ``BasePipeline.run`` accepts on every 0.20 release (the signature index of the real
    wheels: ``run_name``, ``enable_cache``, ``schedule``, ``settings``, ``step_configurations``,
    ``extra``, ``config_path``, ``unlisted``)."""
    from zenml_migrate.scan.zenml_signatures import callable_signatures

    signatures = callable_signatures("zenml.pipelines.base_pipeline.BasePipeline().run") or ()
    return frozenset.intersection(*(s.keywords for s in signatures if s is not None))


RUN_KEYWORDS_020 = _run_keywords_020()


def _unknown_run_keywords(call: ast.Call, resolve=None):
    return [kw for kw in call.keywords if kw.arg is not None and kw.arg not in RUN_KEYWORDS_020]


ZM212 = Rule(
    code="ZM212",
    name="run-extra-kwargs",
    message="`pipeline.run()` takes no arbitrary keyword arguments in ZenML 0.20: move it into `extra={...}`",
    why="0.13.2's `run(**additional_parameters)` put every other keyword into the run's runtime configuration, "
    "a dict the stack components read by key (the Airflow orchestrator's `dag_filepath`). 0.20's `run()` only "
    "accepts " + ", ".join(f"`{k}`" for k in sorted(RUN_KEYWORDS_020)) + " (TypeError otherwise, on 0.20.0 and "
    "0.20.5); the dict of free keys is `extra=`, which components read as `deployment.pipeline.extra`.",
    instead="`p.run(extra={\"key\": value})`, or the matching orchestrator setting "
    "(`settings={\"orchestrator.<flavor>\": {...}}`).",
    fix=Fix.SAFE,
    fix_note="Safe: the same key and value, in `extra=` (0.20.0 and 0.20.5 accept it), the dict 0.20 hands to "
    "the stack components as 0.13.2 handed its runtime configuration; the keys of a `**{...}` written in the call "
    "move there too, each key as written (a zenml string constant 0.13.2 and 0.20 bind to the same string, such as "
    "`DAG_FILEPATH_OPTION_KEY`, is that key). Not rewritten when the call passes other `**` arguments (or that "
    "dict holds a `**` item) or an `extra=` that is not a dict literal (or has the key already). A pipeline class that "
    "defines `run` itself, or whose base class in the project does, is not flagged (its own signature decides); "
    "one with a base class the scan cannot see (imported from outside the project) gets the fix with "
    "`--unsafe-fixes` only.",
    codemod="run_extra:RunExtra",
    todo="run() no longer accepts this keyword; move it into extra={...} or an orchestrator setting",
    match=(CallCheck(PIPELINE_RUN, _unknown_run_keywords, pre=_unknown_run_keywords, per_keyword=True),),
    bad=(
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline

                @pipeline
                def p(trainer):
                    trainer()

                p(trainer=None).run(run_name="r1", dag_filepath="dag.py", user_namespace="team")
                """
            ),
            count=2,
        ),
        Bad(
            _c(
                """
                from zenml.pipelines import BasePipeline

                class P(BasePipeline):
                    def connect(self, trainer):
                        trainer()

                inst = P(trainer=None)
                inst.run(debug=True)
                """
            ),
            fixed=_c(
                """
                from zenml.pipelines import BasePipeline

                class P(BasePipeline):
                    def connect(self, trainer):
                        trainer()

                inst = P(trainer=None)
                inst.run(extra={"debug": True})
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline

                @pipeline
                def p(trainer):
                    trainer()

                p(trainer=None).run(
                    schedule=None,
                    extra={"owner": "team"},
                    airflow_dag_id="zenml_etl",  # the DAG's name
                    dag_filepath=__file__,
                )
                """
            ),
            fixed=_c(
                """
                from zenml.pipelines import pipeline

                @pipeline
                def p(trainer):
                    trainer()

                p(trainer=None).run(
                    schedule=None,
                    extra={"owner": "team", "airflow_dag_id": "zenml_etl", "dag_filepath": __file__},  # the DAG's name
                )
                """
            ),
            count=2,
        ),
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline

                @pipeline
                def p(trainer):
                    trainer()

                options = {"enable_cache": False}
                p(trainer=None).run(**options, airflow_dag_id="etl")
                """
            ),
            count=1,
        ),
        Bad(  # a dict written in the call: its keys are keywords (a zenml string constant is its string)
            _c(
                """
                from zenml.integrations.airflow.orchestrators.airflow_orchestrator import DAG_FILEPATH_OPTION_KEY
                from zenml.pipelines import pipeline

                @pipeline
                def p(trainer):
                    trainer()

                p(trainer=None).run(**{DAG_FILEPATH_OPTION_KEY: __file__, "enable_cache": False})
                """
            ),
            fixed=_c(
                """
                from zenml.integrations.airflow.orchestrators.airflow_orchestrator import DAG_FILEPATH_OPTION_KEY
                from zenml.pipelines import pipeline

                @pipeline
                def p(trainer):
                    trainer()

                p(trainer=None).run(**{"enable_cache": False}, extra={DAG_FILEPATH_OPTION_KEY: __file__})
                """
            ),
            count=1,
        ),
        Bad(  # a base class we cannot see may define its own run(): only with --unsafe-fixes
            _c(
                """
                from zenml.pipelines import BasePipeline
                from team_lib import AirflowRunMixin

                class P(AirflowRunMixin, BasePipeline):
                    def connect(self, trainer):
                        trainer()

                P(trainer=None).run(dag_filepath="dag.py")
                """
            ),
            fixed=_c(
                """
                from zenml.pipelines import BasePipeline
                from team_lib import AirflowRunMixin

                class P(AirflowRunMixin, BasePipeline):
                    def connect(self, trainer):
                        trainer()

                P(trainer=None).run(extra={"dag_filepath": "dag.py"})
                """
            ),
            count=1,
            unsafe=True,
        ),
    ),
    good=(
        Good(  # the class's own run() (or its base's) decides which keywords it takes
            _c(
                """
                from zenml.pipelines import BasePipeline

                class AirflowPipeline(BasePipeline):
                    def run(self, dag_filepath=None, **kwargs):
                        return super().run(extra={"dag_filepath": dag_filepath}, **kwargs)

                class P(AirflowPipeline):
                    def connect(self, trainer):
                        trainer()

                class DryRun:
                    def run(self, dry=False):
                        pass

                class Q(DryRun, BasePipeline):
                    def connect(self, trainer):
                        trainer()

                P(trainer=None).run(dag_filepath="dag.py")
                inst = Q(trainer=None)
                inst.run(dry=True)
                """
            )
        ),
        Good(
            "from zenml.pipelines import pipeline\n\n@pipeline\ndef p(trainer):\n    trainer()\n\n"
            "opts = {}\np(trainer=None).run(enable_cache=False, extra={\"debug\": True}, **opts)\n"
        ),
        Good("import subprocess\n\nsubprocess.run([\"ls\"], check=True)\n"),
    ),
)

ZM213 = Rule(
    code="ZM213",
    name="attribute-write",
    message="`enable_cache` / `name` of a step or pipeline are read-only in ZenML 0.20: use `.configure(...)`",
    why="0.20 made them read-only properties (`AttributeError: can't set attribute`).",
    instead="`step_instance.configure(enable_cache=False)`; a pipeline's name cannot be changed after creation "
    "(step `name=` only via `configure` in 0.20.5).",
    fix=Fix.SAFE,
    fix_note="Safe for `enable_cache`: `obj.configure(enable_cache=value)` as a statement. A `name` write gets a TODO.",
    codemod="configure:AttributeWrites",
    fix_args=(("attributes", ("enable_cache",)),),
    todo="name is read-only in ZenML 0.20; pass name= when creating the step (0.20.5) or rename the pipeline",
    match=(
        Ref(
            f"{api013.STEP}.enable_cache",
            f"{api013.STEP}.name",
            f"{api013.PIPELINE}.enable_cache",
            f"{api013.PIPELINE}.name",
            ctx="store",
        ),
    ),
    bad=(
        Bad(
            _c(
                """
                from zenml.steps import step

                @step
                def trainer() -> int:
                    return 1

                t = trainer()
                t.enable_cache = False
                """
            ),
            fixed=_c(
                """
                from zenml.steps import step

                @step
                def trainer() -> int:
                    return 1

                t = trainer()
                t.configure(enable_cache=False)
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.pipelines import BasePipeline

                class P(BasePipeline):
                    def connect(self, trainer):
                        trainer()

                inst = P(trainer=None)
                inst.enable_cache = False
                inst.name = "other"
                """
            ),
            count=2,
        ),
    ),
    good=(
        Good(
            "from zenml.steps import step\n\n@step\ndef trainer() -> int:\n    return 1\n\n"
            "t = trainer()\nt.configure(enable_cache=False)\nprint(t.name, t.enable_cache)\n"
        ),
        Good("class Job:\n    pass\n\nj = Job()\nj.enable_cache = False\nj.name = \"x\"\n"),
    ),
)

# members that another rule explains: `get_run` (ZM303), the parameters class (ZM217)
_REPORTED_ELSEWHERE = {"get_run"} | set(spm.renamed(_STEP_BASE))

ZM214 = Rule(
    code="ZM214",
    fails=Fails(),
    name="removed-attribute",
    message="this step/pipeline attribute is gone in ZenML 0.20: read `.configuration` instead",
    why="0.20 moved step and pipeline options into a configuration object; these members of the 0.5-0.13.2 "
    "`BaseStep`/`BasePipeline` no longer exist (AttributeError): "
    + ", ".join(
        f"`{m}` ({span})"
        for cls in (_STEP_BASE, _PIPELINE_BASE)
        for m, span in sorted(spm.gone(cls).items())
        if m not in _REPORTED_ELSEWHERE
    )
    + ". The list comes from the real wheels (scripts/build_step_pipeline_members.py).",
    instead="`pipeline.configuration.settings` (Docker: `settings[\"docker\"]`), `step.configuration.step_operator` / "
    "`.settings` / `.outputs` / `.parameters`. Closest 0.20 spellings: `step_name` / `pipeline_name` / `NAME` -> "
    "`.name`; `INPUT_SPEC` / `OUTPUT_SPEC` -> `INPUT_SIGNATURE` / `OUTPUT_SIGNATURE`; `PARAM_SPEC` -> "
    "`.configuration.parameters`; `requires_context` -> `bool(step.CONTEXT_PARAMETER_NAME)`; `custom_step_operator` "
    "/ `executor_operator` -> `.configuration.step_operator`; `resource_configuration` -> "
    "`.configuration.settings[\"resources\"]`; `get_materializers()` -> `.configuration.outputs[name]"
    ".materializer_source`; `requirements` / `required_integrations` / `requirements_file` / `dockerignore_file` / "
    "`docker_configuration` -> the pipeline's `settings[\"docker\"]` (`DockerSettings`).",
    fix=Fix.NONE,
    fix_note="No automatic fix: the replacement has a different shape.",
    todo="this attribute is gone in ZenML 0.20; read it from .configuration",
    # a write is ZM216 (the options 0.20 moved into settings) or ZM218 (rules/attribute_writes.py)
    match=(Ref(*spm.paths(spm.gone, skip=_REPORTED_ELSEWHERE), ctx="load"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.steps import step

                @step
                def trainer() -> int:
                    return 1

                t = trainer()
                print(t.custom_step_operator, t.get_materializers())
                print(trainer.OUTPUT_SPEC)
                """
            ),
            count=3,
        ),
        Bad(
            _c(
                """
                from zenml.pipelines.base_pipeline import BasePipeline

                class P(BasePipeline):
                    def connect(self, trainer):
                        trainer()

                def requirements_of(p: P):
                    return p.docker_configuration.requirements, p.secrets
                """
            ),
            count=2,
        ),
        # 0.6-0.12 pipeline attributes (the Docker options of the decorator) and 0.5 step members
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline
                from zenml.steps import step

                @step
                def trainer() -> int:
                    return 1

                @pipeline(requirements=["sklearn"], required_integrations=["mlflow"])
                def train_pipeline(trainer):
                    trainer()

                p = train_pipeline(trainer=trainer())
                print(p.requirements, p.required_integrations, p.dockerignore_file)
                p.validate_stack(None)
                print(trainer().step_name)
                """
            ),
            count=5,
        ),
    ),
    good=(
        Good(
            "from zenml.steps import step\n\n@step\ndef trainer() -> int:\n    return 1\n\n"
            "t = trainer()\nprint(t.configuration.step_operator, t.name)\n"
        ),
        Good("class P:\n    secrets = []\n    docker_configuration = None\n\nprint(P().secrets, P().docker_configuration)\n"),
    ),
)

# ---------------------------------------------------------------- ZM215: settings keys

COMPONENT_TYPES_020 = (
    "alerter",
    "annotator",
    "artifact_store",
    "container_registry",
    "data_validator",
    "experiment_tracker",
    "feature_store",
    "model_deployer",
    "orchestrator",
    "secrets_manager",
    "step_operator",
)
GENERAL_SETTINGS = ("docker", "resources")


def is_valid_settings_key(key: str) -> bool:
    """0.20's own test (`zenml.utils.settings_utils.is_valid_setting_key`)."""
    if key in GENERAL_SETTINGS:
        return True
    kind, dot, _ = key.partition(".")
    return bool(dot) and kind in COMPONENT_TYPES_020


def _literal_keys(value: ast.expr):
    if not isinstance(value, ast.Dict):
        return []
    return [k.value for k in value.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]


def _has_invalid_key(value: ast.expr) -> bool:
    return any(not is_valid_settings_key(k) for k in _literal_keys(value))


def _has_docker_key(value: ast.expr) -> bool:
    return "docker" in _literal_keys(value)


ZM215 = Rule(
    code="ZM215",
    name="settings-key",
    message="invalid `settings` key: ZenML 0.20 accepts `docker` (pipeline only), `resources` or "
    "`<component_type>.<flavor>`",
    why="An invalid key raises `ValueError` when the step/pipeline is instantiated; `\"docker\"` in a step's "
    "settings raises `TypeError: ... can not be specified on a STEP level` at run time.",
    instead="Use `resources`, `<component_type>.<flavor>` (e.g. `experiment_tracker.mlflow`) on steps; "
    "put `docker` on the pipeline.",
    fix=Fix.NONE,
    fix_note="No automatic fix: the intended key cannot be guessed.",
    todo="invalid settings key for ZenML 0.20",
    match=(
        Kwarg(STEP_CALLEES + PIPELINE_CALLEES + (PIPELINE_RUN,), "settings", when=_has_invalid_key),
        Kwarg(STEP_CALLEES, "settings", when=_has_docker_key),
    ),
    bad=(
        Bad(
            _c(
                """
                from zenml.config import DockerSettings
                from zenml.steps import step

                @step(settings={"docker": DockerSettings(requirements=["x"])})
                def trainer() -> int:
                    return 1
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline as pl

                @pl(settings={"mlflow": {"nested": True}})
                def p(trainer):
                    trainer()
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.steps import BaseStep

                class Trainer(BaseStep):
                    def entrypoint(self) -> int:
                        return 1

                Trainer().configure(settings={"resource": {"cpu_count": 2}})
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good(
            "from zenml.config import ResourceSettings\nfrom zenml.steps import step\n\n"
            "@step(settings={\"resources\": ResourceSettings(cpu_count=2), \"experiment_tracker.mlflow\": {}})\n"
            "def trainer() -> int:\n    return 1\n"
        ),
        Good(
            "from zenml.config import DockerSettings\nfrom zenml.pipelines import pipeline\n\n"
            "@pipeline(settings={\"docker\": DockerSettings(), \"orchestrator.kubeflow\": {}})\n"
            "def p(trainer):\n    trainer()\n"
        ),
        Good("import django.conf\n\ndjango.conf.settings.configure(settings={\"DEBUG\": True})\n"),
    ),
)
