"""ZM1xx: imports and renames.

Fix arguments read by ``codemods/renames.py:RenameSymbols``:

* ``("to", "<0.20 module>.<Name>")``: the flagged expression becomes that 0.20 name
  (single-name rules);
* ``("renames", ((<0.13.2 canonical path>, <0.20 path>), ...))``: the same, per old name
  (rules that cover several names; the codemod picks the entry whose last segment is
  the flagged identifier);
* ``("keywords", (("old", "new"),))``: keyword renames on calls of the renamed class.

Imports: the old name is replaced in the same import line when that module is the target
module or a 0.20 *package* exporting the new name in every 0.20 release; otherwise the
name is imported from the module of the 0.20 path (``from zenml.repository import
Repository`` -> ``from zenml.client import Client``). The same holds for ``module.Old``
attribute uses: a module that merely imports the new name (``zenml.repository.Client``,
``zenml.steps.base_step.BaseParameters``) is not a place to import it from.
"""

import ast
from typing import Optional

from zenml_migrate.rules.base import Bad, CallCheck, Fails, Fix, Good, Kwarg, Ref, Rule, StrLit, renaming, snippet as _c
from zenml_migrate.scan.zenml_index import canonical

_SI = "zenml.steps.step_interfaces"
_INT = "zenml.integrations"
SHIM = (
    "try:\n    from zenml.client import Client\nexcept ImportError:\n"
    "    from zenml.repository import Repository as Client\n\n"
)

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
    codemod="renames:RenameSymbols",
    fix_args=(("to", "zenml.steps.BaseParameters"),),
    bad=(
        Bad(
            "from zenml.steps import BaseStepConfig\n\nclass TrainerConfig(BaseStepConfig):\n    lr: float = 0.1\n",
            fixed="from zenml.steps import BaseParameters\n\nclass TrainerConfig(BaseParameters):\n    lr: float = 0.1\n",
            count=2,
        ),
        Bad(
            "from zenml.steps import step, BaseStepConfig  # params\n\n\nclass C(BaseStepConfig):\n    pass\n",
            fixed="from zenml.steps import step, BaseParameters  # params\n\n\nclass C(BaseParameters):\n    pass\n",
            count=2,
        ),
        Bad(
            "import zenml.steps as zs\n\nclass C(zs.BaseStepConfig):\n    pass\n",
            fixed="import zenml.steps as zs\n\nclass C(zs.BaseParameters):\n    pass\n",
            count=1,
        ),
        Bad(
            "from zenml.steps.base_step_config import BaseStepConfig as Cfg\n\nclass C(Cfg):\n    pass\n",
            fixed="from zenml.steps import BaseParameters as Cfg\n\nclass C(Cfg):\n    pass\n",
            count=2,
        ),
        Bad(
            "from zenml.integrations.mlflow.steps.mlflow_deployer import BaseStepConfig\n",
            fixed="from zenml.steps import BaseParameters\n",
            count=1,
        ),
        Bad(  # a name spelled as a string, in a module that has the new name
            'import importlib\n\nzsteps = importlib.import_module("zenml.steps")\nConfig = getattr(zsteps, "BaseStepConfig")\n',
            fixed='import importlib\n\nzsteps = importlib.import_module("zenml.steps")\nConfig = getattr(zsteps, "BaseParameters")\n',
            count=1,
        ),
        Bad(  # the builtin spelling: ``__import__`` with a ``fromlist`` gives the module itself
            'zsteps = __import__("zenml.steps", fromlist=["step"])\nConfig = getattr(zsteps, "BaseStepConfig")\n',
            fixed='zsteps = __import__("zenml.steps", fromlist=["step"])\nConfig = getattr(zsteps, "BaseParameters")\n',
            count=1,
        ),
        Bad(
            "import zenml.steps.base_step\n\nclass C(zenml.steps.base_step.BaseStepConfig):\n    pass\n",
            fixed="import zenml.steps.base_step\nfrom zenml.steps import BaseParameters\n\nclass C(BaseParameters):\n    pass\n",
            count=1,
        ),
        Bad(  # ``__import__`` of a module 0.20 lacks, every name of its fromlist renamed into one 0.20 module
            _c(
                '''
                config_module = __import__("zenml.steps.base_step_config", fromlist=["BaseStepConfig"])


                class TrainerConfig(config_module.BaseStepConfig):
                    lr: float = 0.1
                '''
            ),
            fixed=_c(
                '''
                from zenml.steps import BaseParameters

                config_module = __import__("zenml.steps", fromlist=["BaseParameters"])


                class TrainerConfig(BaseParameters):
                    lr: float = 0.1
                '''
            ),
            count=2,
        ),
        Bad(  # a project's facade re-exporting zenml by a star import: 0.20's star binds no BaseStepConfig
            'from zenml.steps import *  # noqa: F403\n\n__all__ = ["BaseStepConfig", "step"]\n',
            fixed='from zenml.steps import *  # noqa: F403\nfrom zenml.steps import BaseParameters as BaseStepConfig\n\n'
            '__all__ = ["BaseStepConfig", "step"]\n',
            count=1,
        ),
        Bad(  # a forward reference in a pydantic field: pydantic evaluates it (a NameError left in it fails on use)
            _c(
                '''
                from typing import Literal, Optional

                from zenml.steps import BaseStepConfig


                class ChainConfig(BaseStepConfig):
                    """Chains BaseStepConfig objects (the docstring stays)."""

                    base: Optional["BaseStepConfig"] = None  # any config
                    kind: Literal["BaseStepConfig"] = "BaseStepConfig"
                '''
            ),
            fixed=_c(
                '''
                from typing import Literal, Optional

                from zenml.steps import BaseParameters


                class ChainConfig(BaseParameters):
                    """Chains BaseStepConfig objects (the docstring stays)."""

                    base: Optional["BaseParameters"] = None  # any config
                    kind: Literal["BaseStepConfig"] = "BaseStepConfig"
                '''
            ),
            count=3,
        ),
        Bad(  # a string annotation in dotted form, and a type alias of ``typing`` generics
            _c(
                '''
                from typing import Type, Union

                import zenml.steps

                ConfigLike = Union["zenml.steps.BaseStepConfig", dict]


                def config_class(cls: 'Type[zenml.steps.BaseStepConfig]') -> bool:
                    return issubclass(cls, zenml.steps.BaseStepConfig)
                '''
            ),
            fixed=_c(
                '''
                from typing import Type, Union

                import zenml.steps

                ConfigLike = Union["zenml.steps.BaseParameters", dict]


                def config_class(cls: 'Type[zenml.steps.BaseParameters]') -> bool:
                    return issubclass(cls, zenml.steps.BaseParameters)
                '''
            ),
            count=3,
        ),
    ),
    good=(
        Good("from zenml.steps import BaseParameters\n\nclass TrainerConfig(BaseParameters):\n    lr: float = 0.1\n"),
        Good("class BaseStepConfig:\n    pass\n\nclass C(BaseStepConfig):\n    pass\n"),
        Good("from zenml.steps import BaseStepConfig\n# migrate: ignore-file[ZM101]\n"),
        Good('from zenml.steps import *  # noqa: F403\n\n__all__ = ["BaseParameters", "step"]\n'),
        # a fromlist name without a 0.20 successor: the module stays as written (ZM000 reports it)
        Good('modules = __import__("zenml.steps.base_step_config", fromlist=["BaseStepConfig", "Helper"])\n'),
        Good(
            "try:\n    from zenml.steps import BaseParameters\nexcept ImportError:\n"
            "    from zenml.steps import BaseStepConfig as BaseParameters\n\nclass C(BaseParameters):\n    pass\n"
        ),
    ),
)

_ZM102_RENAMES = (
    (f"{_SI}.base_analyzer_step.BaseAnalyzerConfig", f"{_SI}.base_analyzer_step.BaseAnalyzerParameters"),
    (f"{_SI}.base_datasource_step.BaseDatasourceConfig", f"{_SI}.base_datasource_step.BaseDatasourceParameters"),
    (
        f"{_SI}.base_drift_detection_step.BaseDriftDetectionConfig",
        f"{_SI}.base_drift_detection_step.BaseDriftDetectionParameters",
    ),
    (f"{_SI}.base_alerter_step.BaseAlerterStepConfig", f"{_SI}.base_alerter_step.BaseAlerterStepParameters"),
)

ZM102 = Rule(
    code="ZM102",
    name="step-interface-config",
    message="Step-interface `...Config` classes are `...Parameters` in ZenML 0.20",
    why=(
        "0.20 renamed `BaseAnalyzerConfig`, `BaseDatasourceConfig`, `BaseDriftDetectionConfig` and "
        "`BaseAlerterStepConfig` to `BaseAnalyzerParameters`, `BaseDatasourceParameters`, "
        "`BaseDriftDetectionParameters` and `BaseAlerterStepParameters` (same modules, same fields); "
        "the old names raise ImportError."
    ),
    instead=(
        "Import the `...Parameters` name from the same module. `BaseAlerterStepConfig` becomes "
        "`BaseAlerterStepParameters`, not `zenml.alerter.BaseAlerterConfig` (that is the alerter "
        "component's config)."
    ),
    fix=Fix.SAFE,
    fix_note="Safe: a pure rename with identical fields.",
    **renaming(_ZM102_RENAMES),
    bad=(
        Bad(
            "from zenml.steps.step_interfaces.base_analyzer_step import BaseAnalyzerConfig\n\n"
            "class MyConfig(BaseAnalyzerConfig):\n    size: int = 1\n",
            fixed="from zenml.steps.step_interfaces.base_analyzer_step import BaseAnalyzerParameters\n\n"
            "class MyConfig(BaseAnalyzerParameters):\n    size: int = 1\n",
            count=2,
        ),
        Bad(
            "from zenml.steps.step_interfaces import BaseDatasourceConfig, BaseDriftDetectionConfig\n",
            fixed="from zenml.steps.step_interfaces import BaseDatasourceParameters, BaseDriftDetectionParameters\n",
            count=2,
        ),
        Bad(
            "from zenml.alerter.base_alerter import BaseAlerterStepConfig as AlertCfg\n\ncfg = AlertCfg()\n",
            fixed="from zenml.steps.step_interfaces.base_alerter_step import BaseAlerterStepParameters as AlertCfg\n\n"
            "cfg = AlertCfg()\n",
            count=2,
        ),
        Bad(
            "import zenml.steps.step_interfaces as si\n\nx = si.BaseAnalyzerConfig\n",
            fixed="import zenml.steps.step_interfaces as si\n\nx = si.BaseAnalyzerParameters\n",
            count=1,
        ),
    ),
    good=(
        Good("from zenml.steps.step_interfaces.base_alerter_step import BaseAlerterStepParameters\n"),
        Good("class BaseAnalyzerConfig:\n    pass\n\nBaseAnalyzerConfig()\n"),
        Good("from zenml.steps.step_interfaces.base_analyzer_step import BaseAnalyzerStep\n"),
    ),
)

_ZM103_RENAMES = tuple(
    (f"{_INT}.{module}.{old}", f"{_INT}.{module}.{new}")
    for module, old, new in (
        ("deepchecks.steps.deepchecks_data_drift", "DeepchecksDataDriftCheckStepConfig", "DeepchecksDataDriftCheckStepParameters"),
        ("deepchecks.steps.deepchecks_data_integrity", "DeepchecksDataIntegrityCheckStepConfig", "DeepchecksDataIntegrityCheckStepParameters"),
        ("deepchecks.steps.deepchecks_model_drift", "DeepchecksModelDriftCheckStepConfig", "DeepchecksModelDriftCheckStepParameters"),
        ("deepchecks.steps.deepchecks_model_validation", "DeepchecksModelValidationCheckStepConfig", "DeepchecksModelValidationCheckStepParameters"),
        ("evidently.steps.evidently_profile", "EvidentlyProfileConfig", "EvidentlyProfileParameters"),
        ("great_expectations.steps.ge_profiler", "GreatExpectationsProfilerConfig", "GreatExpectationsProfilerParameters"),
        ("great_expectations.steps.ge_validator", "GreatExpectationsValidatorConfig", "GreatExpectationsValidatorParameters"),
        ("kserve.steps.kserve_deployer", "KServeDeployerStepConfig", "KServeDeployerStepParameters"),
        ("label_studio.steps.label_studio_standard_steps", "LabelStudioDatasetRegistrationConfig", "LabelStudioDatasetRegistrationParameters"),
        ("label_studio.steps.label_studio_standard_steps", "LabelStudioDatasetSyncConfig", "LabelStudioDatasetSyncParameters"),
        ("mlflow.steps.mlflow_deployer", "MLFlowDeployerConfig", "MLFlowDeployerParameters"),
        ("seldon.steps.seldon_deployer", "SeldonDeployerStepConfig", "SeldonDeployerStepParameters"),
        ("whylogs.steps.whylogs_profiler", "WhylogsProfilerConfig", "WhylogsProfilerParameters"),
        ("slack.alerters.slack_alerter", "SlackAlerterConfig", "SlackAlerterParameters"),
    )
)

ZM103 = Rule(
    code="ZM103",
    name="integration-step-config",
    message="Integration step `...Config` classes are `...Parameters` in ZenML 0.20",
    why=(
        "0.20 renamed the parameter classes of the built-in integration steps (Deepchecks, Evidently, "
        "Great Expectations, KServe, Label Studio, MLflow, Seldon, whylogs, Slack) from `...Config` to "
        "`...Parameters` in the same modules; the old names raise ImportError. 0.20 still has a "
        "`SlackAlerterConfig`, but it is the Slack alerter *component* config (`slack_token`, ...), so "
        "only the 0.13.2 step config `...slack.alerters.slack_alerter.SlackAlerterConfig` is renamed."
    ),
    instead=(
        "Import the `...Parameters` class from the same module (e.g. `SeldonDeployerStepParameters`, "
        "`SlackAlerterParameters`). `MLFlowDeployerParameters` has no `model_uri` field (ZM904)."
    ),
    fix=Fix.SAFE,
    fix_note=(
        "Safe: field sets are identical, except `MLFlowDeployerConfig.model_uri`, which ZM904 reports "
        "separately; the Slack name is only rewritten when it resolves to the 0.13.2 step config."
    ),
    **renaming(_ZM103_RENAMES),
    bad=(
        Bad(
            "from zenml.integrations.seldon.steps import SeldonDeployerStepConfig, seldon_model_deployer_step\n\n"
            "deployer = seldon_model_deployer_step(SeldonDeployerStepConfig(service_config=cfg, timeout=120))\n",
            fixed="from zenml.integrations.seldon.steps import SeldonDeployerStepParameters, seldon_model_deployer_step\n\n"
            "deployer = seldon_model_deployer_step(SeldonDeployerStepParameters(service_config=cfg, timeout=120))\n",
            count=2,
        ),
        Bad(
            "from zenml.integrations.slack.steps.slack_alerter_post_step import SlackAlerterConfig as SAC\n\n"
            "params = SAC()\n",
            fixed="from zenml.integrations.slack.alerters.slack_alerter import SlackAlerterParameters as SAC\n\n"
            "params = SAC()\n",
            count=2,
        ),
        Bad(
            "import zenml.integrations.evidently.steps as ev\n\n"
            "cfg = ev.EvidentlyProfileConfig(column_mapping=None, profile_sections=['datadrift'])\n",
            fixed="import zenml.integrations.evidently.steps as ev\n\n"
            "cfg = ev.EvidentlyProfileParameters(column_mapping=None, profile_sections=['datadrift'])\n",
            count=1,
        ),
    ),
    good=(
        Good("from zenml.integrations.slack.flavors.slack_alerter_flavor import SlackAlerterConfig\n"),
        Good("from zenml.integrations.seldon.steps import SeldonDeployerStepParameters\n"),
        Good("class EvidentlyProfileConfig:\n    pass\n\nEvidentlyProfileConfig()\n"),
    ),
)

_CONFIG_STEP_FUNCTIONS = tuple(
    f"{_INT}.{p}"
    for p in (
        "deepchecks.steps.deepchecks_data_drift.deepchecks_data_drift_check_step",
        "deepchecks.steps.deepchecks_data_integrity.deepchecks_data_integrity_check_step",
        "deepchecks.steps.deepchecks_model_drift.deepchecks_model_drift_check_step",
        "deepchecks.steps.deepchecks_model_validation.deepchecks_model_validation_check_step",
        "deepchecks.steps.deepchecks_data_drift.DeepchecksDataDriftCheckStep",
        "deepchecks.steps.deepchecks_data_integrity.DeepchecksDataIntegrityCheckStep",
        "deepchecks.steps.deepchecks_model_drift.DeepchecksModelDriftCheckStep",
        "deepchecks.steps.deepchecks_model_validation.DeepchecksModelValidationCheckStep",
        "evidently.steps.evidently_profile.evidently_profile_step",
        "evidently.steps.evidently_profile.EvidentlyProfileStep",
        "great_expectations.steps.ge_profiler.great_expectations_profiler_step",
        "great_expectations.steps.ge_profiler.GreatExpectationsProfilerStep",
        "great_expectations.steps.ge_validator.great_expectations_validator_step",
        "great_expectations.steps.ge_validator.GreatExpectationsValidatorStep",
        "whylogs.steps.whylogs_profiler.whylogs_profiler_step",
        "whylogs.steps.whylogs_profiler.WhylogsProfilerStep",
        "seldon.steps.seldon_deployer.seldon_model_deployer_step",
        "seldon.steps.seldon_deployer.seldon_custom_model_deployer_step",
        "kserve.steps.kserve_deployer.kserve_model_deployer_step",
        "kserve.steps.kserve_deployer.kserve_custom_model_deployer_step",
        "kserve.steps.kserve_step_utils.prepare_service_config",
        "kserve.steps.kserve_step_utils.prepare_torch_service_config",
        "mlflow.steps.mlflow_deployer.mlflow_model_deployer_step",
        "label_studio.steps.label_studio_standard_steps.get_or_create_dataset",
        "label_studio.steps.label_studio_standard_steps.sync_new_data_to_label_studio",
        "slack.steps.slack_alerter_post_step.slack_alerter_post_step",
        "slack.steps.slack_alerter_ask_step.slack_alerter_ask_step",
    )
)

ZM104 = Rule(
    code="ZM104",
    name="integration-step-config-keyword",
    message="Built-in integration steps take `params=`, not `config=`, in ZenML 0.20",
    why=(
        "0.20 renamed the parameter argument of every built-in integration step (and of KServe's "
        "`prepare_service_config` helpers) from `config` to `params`; passing `config=` fails with "
        "`StepInterfaceError: Unknown keyword argument 'config' ... only expected ... 'params'`."
    ),
    instead="Pass the parameters object as `params=...` (positional use is unaffected).",
    fix=Fix.SAFE,
    fix_note="Safe: a keyword rename with the same value.",
    match=(Kwarg(_CONFIG_STEP_FUNCTIONS, "config"),),
    codemod="keywords:RenameKeywords",
    fix_args=(("keywords", (("config", "params"),)),),
    bad=(
        Bad(
            "from zenml.integrations.deepchecks.steps import deepchecks_data_drift_check_step\n\n"
            "drift = deepchecks_data_drift_check_step(step_name='drift', config=cfg)\n",
            fixed="from zenml.integrations.deepchecks.steps import deepchecks_data_drift_check_step\n\n"
            "drift = deepchecks_data_drift_check_step(step_name='drift', params=cfg)\n",
            count=1,
        ),
        Bad(
            "import zenml.integrations.seldon.steps as ss\n\n"
            "deployer = ss.seldon_model_deployer_step(\n    config=cfg,  # deployment\n)\n",
            fixed="import zenml.integrations.seldon.steps as ss\n\n"
            "deployer = ss.seldon_model_deployer_step(\n    params=cfg,  # deployment\n)\n",
            count=1,
        ),
        Bad(
            # the factory's class is the built-in MLflow deployer step (ZenML 0.6-0.20)
            "from zenml.integrations.mlflow.steps import mlflow_deployer_step\n\n"
            "Deployer = mlflow_deployer_step(name='deploy_digits', enable_cache=False)\n"
            "deploy = Deployer(config=cfg)\n",
            fixed="from zenml.integrations.mlflow.steps import mlflow_deployer_step\n\n"
            "Deployer = mlflow_deployer_step(name='deploy_digits', enable_cache=False)\n"
            "deploy = Deployer(params=cfg)\n",
            count=1,
        ),
        Bad(
            "from zenml.integrations.slack.steps.slack_alerter_post_step import slack_alerter_post_step as post\n\n"
            "alert = post(config=cfg)\n",
            fixed="from zenml.integrations.slack.steps.slack_alerter_post_step import slack_alerter_post_step as post\n\n"
            "alert = post(params=cfg)\n",
            count=1,
        ),
        Bad(
            # a subclass of a built-in step is built by its constructor (checked on 0.20.0/0.20.5:
            # "Unknown keyword argument 'config' ... only expected a single argument with key 'params'")
            _c(
                """
                import zenml.integrations.whylogs.steps as wl

                class HoldoutProfiler(wl.WhylogsProfilerStep):
                    \"\"\"The same profiler under a second name.\"\"\"

                class NightlyProfiler(HoldoutProfiler):
                    pass

                holdout = HoldoutProfiler(config=holdout_cfg)
                nightly = NightlyProfiler(config=nightly_cfg)
                """
            ),
            fixed=_c(
                """
                import zenml.integrations.whylogs.steps as wl

                class HoldoutProfiler(wl.WhylogsProfilerStep):
                    \"\"\"The same profiler under a second name.\"\"\"

                class NightlyProfiler(HoldoutProfiler):
                    pass

                holdout = HoldoutProfiler(params=holdout_cfg)
                nightly = NightlyProfiler(params=nightly_cfg)
                """
            ),
            count=2,
        ),
    ),
    good=(
        Good(
            "from zenml.integrations.seldon.steps import seldon_model_deployer_step\n\n"
            "deployer = seldon_model_deployer_step(cfg)\n"
        ),
        Good(
            "from zenml.integrations.seldon.steps import seldon_model_deployer_step\n\n"
            "deployer = seldon_model_deployer_step(params=cfg)\n"
        ),
        Good(
            "from zenml.steps import step, BaseStepConfig\n\n@step\ndef trainer(config: BaseStepConfig) -> int:\n"
            "    return 1\n\nt = trainer(config=BaseStepConfig())\n"
        ),
        Good("def seldon_model_deployer_step(config=None):\n    pass\n\nseldon_model_deployer_step(config=1)\n"),
        Good(
            # the user's own constructor takes ``config=``
            _c(
                """
                from zenml.integrations.whylogs.steps import WhylogsProfilerStep

                class Profiler(WhylogsProfilerStep):
                    def __init__(self, config=None, **kwargs):
                        super().__init__(params=config, **kwargs)

                class Nightly(Profiler):
                    pass

                Nightly(config=cfg)
                """
            )
        ),
    ),
)

_DOCKER_RENAMES = (
    ("zenml.config.docker_configuration.DockerConfiguration", "zenml.config.DockerSettings"),
    (
        "zenml.config.docker_configuration.PythonEnvironmentExportMethod",
        "zenml.config.docker_settings.PythonEnvironmentExportMethod",
    ),
)

_TYPED_DOCKER_SPEC = _c(
    """
    from typing import TypedDict

    from zenml.config.docker_configuration import DockerConfiguration


    class DockerSpec(TypedDict, total=False):
        parent_image: str
        copy_profile: bool


    BASE: DockerSpec = {"parent_image": "python:3.9", "copy_profile": True}


    def docker(spec: DockerSpec):
        return DockerConfiguration(**spec)
    """
)

ZM105 = Rule(
    code="ZM105",
    name="docker-configuration",
    message="`DockerConfiguration` is `DockerSettings` (zenml.config) in ZenML 0.20; `copy_profile=` is `copy_global_config=`",
    why=(
        "0.20 replaced `DockerConfiguration` with `zenml.config.DockerSettings` (module "
        "`zenml.config.docker_configuration` is gone, ImportError) and renamed the field `copy_profile` "
        "to `copy_global_config` (unknown fields are rejected: `extra=forbid`). "
        "`PythonEnvironmentExportMethod` moved to `zenml.config.docker_settings`."
    ),
    instead=(
        "`from zenml.config import DockerSettings`; `DockerSettings(..., copy_global_config=...)`. "
        "It is passed as `@pipeline(settings={\"docker\": DockerSettings(...)})` (ZM204)."
    ),
    fix=Fix.SAFE,
    fix_note="Safe: the other fields are identical; the keyword rename is part of the fix (also of a string key of a "
    "dict display given to it as `**` in the same module, and of the field of a TypedDict of this module that "
    "annotates a parameter given to it as `**`, with the keys of the displays annotated with that TypedDict). "
    "The keys of data given as `**` (`**CFG[\"docker\"]` from YAML) are not visible: the call is renamed and a "
    "TODO above it says that a `copy_profile` key there must become `copy_global_config`.",
    **renaming(
        _DOCKER_RENAMES,
        Kwarg("zenml.config.docker_configuration.DockerConfiguration", "copy_profile"),
        keywords=(("copy_profile", "copy_global_config"),),
    ),
    bad=(
        Bad(
            "from zenml.config import DockerConfiguration\n\n"
            "docker = DockerConfiguration(requirements=[\"pandas\"], copy_profile=False)\n",
            fixed="from zenml.config import DockerSettings\n\n"
            "docker = DockerSettings(requirements=[\"pandas\"], copy_global_config=False)\n",
            count=3,
        ),
        Bad(
            "from zenml.pipelines import pipeline, DockerConfiguration\n\n"
            "docker = DockerConfiguration(parent_image=\"python:3.9\")\n",
            fixed="from zenml.pipelines import pipeline, DockerSettings\n\n"
            "docker = DockerSettings(parent_image=\"python:3.9\")\n",
            count=2,
        ),
        Bad(
            "from zenml.config.docker_configuration import DockerConfiguration as DC\n\nd = DC(dockerignore=\".di\")\n",
            fixed="from zenml.config import DockerSettings as DC\n\nd = DC(dockerignore=\".di\")\n",
            count=2,
        ),
        Bad(  # a key of a dict display given as `**` (here or in another module) is renamed where it is written
            _c(
                """
                from zenml.config.docker_configuration import DockerConfiguration

                DOCKER_DEFAULTS = {"requirements": ["pandas"], "copy_profile": False}


                def docker(**extra):
                    return DockerConfiguration(**DOCKER_DEFAULTS, **extra)
                """
            ),
            fixed=_c(
                """
                from zenml.config import DockerSettings

                DOCKER_DEFAULTS = {"requirements": ["pandas"], "copy_global_config": False}


                def docker(**extra):
                    return DockerSettings(**DOCKER_DEFAULTS, **extra)
                """
            ),
            count=4,
        ),
        Bad(  # the field of a TypedDict whose dicts reach it as `**` through a parameter, and a dict of that type
            _TYPED_DOCKER_SPEC,
            fixed=_TYPED_DOCKER_SPEC.replace("copy_profile", "copy_global_config").replace(
                "zenml.config.docker_configuration import DockerConfiguration", "zenml.config import DockerSettings"
            ).replace("DockerConfiguration(", "DockerSettings("),
            count=4,
        ),
        Bad(  # the keys of data given as `**` are not visible: the call is renamed, a TODO names the key to change
            _c(
                """
                import yaml
                from zenml.config.docker_configuration import DockerConfiguration

                SPEC = yaml.safe_load(SPEC_TEXT)
                docker = DockerConfiguration(**SPEC["image"])
                """
            ),
            fixed=_c(
                """
                import yaml
                from zenml.config import DockerSettings

                SPEC = yaml.safe_load(SPEC_TEXT)
                # TODO(zenml-migrate): ZM105 the keys of `**SPEC["image"]` are not checked: a `copy_profile` key there must become `copy_global_config` where its data is written
                docker = DockerSettings(**SPEC["image"])
                """
            ),
            count=3,
        ),
        Bad(
            "from zenml.config.docker_configuration import PythonEnvironmentExportMethod\n",
            fixed="from zenml.config.docker_settings import PythonEnvironmentExportMethod\n",
            count=1,
        ),
        Bad(
            "import zenml.config as zc\n\nd = zc.DockerConfiguration()\n",
            fixed="import zenml.config as zc\n\nd = zc.DockerSettings()\n",
            count=1,
        ),
        Bad(  # a plugin loader: module and class spelled as strings, both renamed (0.20 has neither)
            _c(
                '''
                import importlib

                DockerConfig = getattr(importlib.import_module("zenml.config.docker_configuration"), "DockerConfiguration")
                Docker = importlib.import_module("zenml.config.docker_configuration").DockerConfiguration
                '''
            ),
            fixed=_c(
                '''
                import importlib
                from zenml.config import DockerSettings

                DockerConfig = getattr(importlib.import_module("zenml.config"), "DockerSettings")
                Docker = DockerSettings
                '''
            ),
            count=2,
        ),
    ),
    good=(
        Good("from zenml.config import DockerSettings\n\nd = DockerSettings(copy_global_config=False)\n"),
        Good("class DockerConfiguration:\n    def __init__(self, **kw):\n        pass\n\nDockerConfiguration(copy_profile=True)\n"),
        Good(
            "try:\n    from zenml.config import DockerSettings\nexcept ImportError:\n"
            "    from zenml.config import DockerConfiguration as DockerSettings\n\nd = DockerSettings()\n"
        ),
    ),
)

_RESOURCE_RENAMES = (
    ("zenml.config.resource_configuration.ResourceConfiguration", "zenml.config.ResourceSettings"),
    ("zenml.config.resource_configuration.ByteUnit", "zenml.config.resource_settings.ByteUnit"),
    ("zenml.config.resource_configuration.MEMORY_REGEX", "zenml.config.resource_settings.MEMORY_REGEX"),
)

ZM106 = Rule(
    code="ZM106",
    name="resource-configuration",
    message="`ResourceConfiguration` is `ResourceSettings` (zenml.config) in ZenML 0.20",
    why=(
        "0.20 renamed `ResourceConfiguration` to `ResourceSettings` (`zenml.config`, `zenml.steps`, "
        "`zenml.config.resource_settings`); module `zenml.config.resource_configuration` is gone "
        "(ImportError). `ByteUnit` and `MEMORY_REGEX` moved to `zenml.config.resource_settings`."
    ),
    instead=(
        "`from zenml.config import ResourceSettings`; pass it as "
        "`@step(settings={\"resources\": ResourceSettings(...)})` (ZM203)."
    ),
    fix=Fix.SAFE,
    fix_note="Safe: the fields (`cpu_count`, `gpu_count`, `memory`) are identical.",
    **renaming(_RESOURCE_RENAMES),
    bad=(
        Bad(
            "from zenml.config import ResourceConfiguration\n\nres = ResourceConfiguration(cpu_count=2, memory=\"2GB\")\n",
            fixed="from zenml.config import ResourceSettings\n\nres = ResourceSettings(cpu_count=2, memory=\"2GB\")\n",
            count=2,
        ),
        Bad(
            "from zenml.steps import step, ResourceConfiguration\n\nres = ResourceConfiguration(gpu_count=1)\n",
            fixed="from zenml.steps import step, ResourceSettings\n\nres = ResourceSettings(gpu_count=1)\n",
            count=2,
        ),
        Bad(
            "from zenml.config.resource_configuration import ResourceConfiguration as RC, ByteUnit\n",
            fixed="from zenml.config.resource_settings import ResourceSettings as RC, ByteUnit\n",
            count=2,
        ),
    ),
    good=(
        Good("from zenml.config import ResourceSettings\n\nres = ResourceSettings(cpu_count=2)\n"),
        Good("class ResourceConfiguration:\n    pass\n\nResourceConfiguration()\n"),
    ),
)

ZM107 = Rule(
    code="ZM107",
    name="schedule-module",
    message="Module `zenml.pipelines.schedule` is gone in ZenML 0.20; import `Schedule` from `zenml.pipelines`",
    why=(
        "`Schedule` moved to `zenml.config.schedule` in 0.20; the module path `zenml.pipelines.schedule` "
        "no longer exists (ModuleNotFoundError). `from zenml.pipelines import Schedule` works in both "
        "0.13.2 and 0.20, with identical fields."
    ),
    instead="`from zenml.pipelines import Schedule`.",
    fix=Fix.SAFE,
    fix_note="Safe: the same class, imported through a path that exists in 0.13.2 and 0.20.",
    match=(Ref("zenml.pipelines.schedule", "zenml.pipelines.schedule.Schedule", spelled=True),),
    codemod="renames:RenameSymbols",
    fix_args=(("to", "zenml.pipelines.Schedule"),),
    bad=(
        Bad(
            "from zenml.pipelines.schedule import Schedule\n\nschedule = Schedule(cron_expression=\"*/5 * * * *\")\n",
            fixed="from zenml.pipelines import Schedule\n\nschedule = Schedule(cron_expression=\"*/5 * * * *\")\n",
            count=2,
        ),
        Bad(
            "from zenml.pipelines.schedule import Schedule as S\n",
            fixed="from zenml.pipelines import Schedule as S\n",
            count=1,
        ),
        Bad("import zenml.pipelines.schedule\n", count=1),
    ),
    good=(
        Good("from zenml.pipelines import Schedule\n\nschedule = Schedule(cron_expression=\"*/5 * * * *\")\n"),
        Good("from zenml.pipelines.base_pipeline import Schedule\n"),
        Good("from mylib.schedule import Schedule\n"),
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
    codemod="renames:RenameSymbols",
    fix_args=(("to", "zenml.client.Client"),),
    bad=(
        Bad(
            "from zenml.repository import Repository\n\nstack = Repository().active_stack\n",
            fixed="from zenml.client import Client\n\nstack = Client().active_stack\n",
            count=2,
        ),
        Bad(
            "from zenml.pipelines.base_pipeline import Repository\n",
            fixed="from zenml.client import Client\n",
            count=1,
        ),
        Bad(
            "import zenml.repository as r\nr.Repository().active_stack\n",
            fixed="import zenml.repository as r\nfrom zenml.client import Client\nClient().active_stack\n",
            count=1,
        ),
        Bad(
            "from zenml.repository import Repository as Repo\n\nrepo = Repo()  # the repo\n",
            fixed="from zenml.client import Client as Repo\n\nrepo = Repo()  # the repo\n",
            count=2,
        ),
        Bad(  # imported for the type checker only, named in string annotations
            _c(
                '''
                from typing import TYPE_CHECKING, List

                if TYPE_CHECKING:
                    from zenml.repository import Repository


                def names(repos: List["Repository"], default: "Repository" = None) -> str:
                    return ", ".join(str(r) for r in repos)
                '''
            ),
            fixed=_c(
                '''
                from typing import TYPE_CHECKING, List

                if TYPE_CHECKING:
                    from zenml.client import Client


                def names(repos: List["Client"], default: "Client" = None) -> str:
                    return ", ".join(str(r) for r in repos)
                '''
            ),
            count=3,
        ),
    ),
    good=(
        Good("from zenml.client import Client\n\nstack = Client().active_stack\n"),
        Good("class Repository:\n    pass\n\nRepository()\n"),
        Good("from git import Repository\nRepository('.')\n"),
        Good(SHIM + "Client()\n"),
    ),
)

_REMOVED_REGISTRIES = tuple(
    f"zenml.container_registries.{module}.{name}"
    for module, name in (
        ("default_container_registry", "DefaultContainerRegistry"),
        ("azure_container_registry", "AzureContainerRegistry"),
        ("dockerhub_container_registry", "DockerHubContainerRegistry"),
        ("gcp_container_registry", "GCPContainerRegistry"),
        ("github_container_registry", "GitHubContainerRegistry"),
    )
)

ZM109 = Rule(
    code="ZM109",
    fails=Fails(),
    name="container-registry-classes",
    message="Built-in container registry classes were removed in ZenML 0.20",
    why=(
        "0.20 deleted `DefaultContainerRegistry`, `AzureContainerRegistry`, `DockerHubContainerRegistry`, "
        "`GCPContainerRegistry` and `GitHubContainerRegistry`: only their `...Flavor` classes (and "
        "`GitHubContainerRegistryConfig`) remain; the implementation is `BaseContainerRegistry` (ImportError)."
    ),
    instead="Use the active stack's registry (`Client().active_stack.container_registry`) or `BaseContainerRegistry`.",
    fix=Fix.NONE,
    fix_note="No automatic fix: what replaces the class depends on what the code does with it.",
    todo="container registry classes were removed in ZenML 0.20; use Client().active_stack.container_registry",
    match=(Ref(*_REMOVED_REGISTRIES),),
    bad=(
        Bad("from zenml.container_registries import GCPContainerRegistry\n\nGCPContainerRegistry(name='r', uri='gcr.io/p')\n", count=2),
        Bad("import zenml.container_registries.default_container_registry as d\n\nd.DefaultContainerRegistry\n", count=1),
    ),
    good=(
        Good("from zenml.container_registries import BaseContainerRegistry, GCPContainerRegistryFlavor\n"),
        Good("class DefaultContainerRegistry:\n    pass\n\nDefaultContainerRegistry()\n"),
    ),
)

ZM110 = Rule(
    code="ZM110",
    name="clone-step",
    message="`clone_step` is removed in ZenML 0.20.5; create two instances with distinct names",
    why=(
        "`zenml.steps.utils.clone_step` still exists in 0.20.0 but was removed in 0.20.5 (ImportError), "
        "which enforces distinct step names per pipeline (`PipelineInterfaceError` otherwise)."
    ),
    instead="A subclass per copy (`class SecondTrainer(Trainer): ...`; a step's default name is its class "
    "name), or instantiate the step twice with distinct names: `my_step(name=\"a\")`, `my_step(name=\"b\")`.",
    fix=Fix.SAFE,
    fix_note="A module-level `X = clone_step(S, \"X\")` becomes `class X(S)` with the class body clone_step "
    "gave its copy (S's docstring, S's INSTANCE_CONFIGURATION marked `created_by_functional_api` so that the "
    "cache key still comes from the step's entrypoint): the same class, name, configuration and caching in "
    "every 0.20.x (compared with clone_step on the real 0.13.2 and 0.20.0, imported on 0.20.5). Any other "
    "`clone_step(S, NAME)` (in a function, a loop, a computed name) becomes the expression clone_step ran: "
    "`type(NAME, (S,), {...})` registered in the module's globals under NAME (`globals().setdefault`, where "
    "clone_step raised ImportError for a name the module already had).",
    codemod="clones:CloneToSubclass",
    fix_args=(
        (
            "body",
            "__doc__ = {step}.__doc__\n"
            "INSTANCE_CONFIGURATION = {{**{step}.INSTANCE_CONFIGURATION, \"created_by_functional_api\": True}}",
        ),
        (
            "expression",
            "globals().setdefault({name}, type({name}, ({step},), {{\"INSTANCE_CONFIGURATION\": "
            "{{**{step}.INSTANCE_CONFIGURATION, \"created_by_functional_api\": True}}, "
            "\"__module__\": __name__, \"__doc__\": {step}.__doc__}}))",
        ),
    ),
    todo="clone_step is removed in ZenML 0.20.5; instantiate the step twice with distinct name= values",
    match=(Ref("zenml.steps.utils.clone_step"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.steps.utils import clone_step
                from steps import Counter

                TrainCounter = clone_step(Counter, "TrainCounter")
                test_counter = clone_step(Counter, "TestCounter")
                """
            ),
            fixed=_c(
                """
                from steps import Counter

                class TrainCounter(Counter):
                    __doc__ = Counter.__doc__
                    INSTANCE_CONFIGURATION = {**Counter.INSTANCE_CONFIGURATION, "created_by_functional_api": True}
                class TestCounter(Counter):
                    __doc__ = Counter.__doc__
                    INSTANCE_CONFIGURATION = {**Counter.INSTANCE_CONFIGURATION, "created_by_functional_api": True}
                test_counter = TestCounter
                """
            ),
            count=3,
        ),
        Bad(
            _c(
                """
                from zenml.steps.utils import clone_step
                from steps import trainer

                def trainers(algorithms):
                    return [clone_step(trainer, f"trainer_{a}")() for a in algorithms]
                """
            ),
            fixed=_c(
                """
                from steps import trainer

                def trainers(algorithms):
                    return [globals().setdefault(f"trainer_{a}", type(f"trainer_{a}", (trainer,), {"INSTANCE_CONFIGURATION": {**trainer.INSTANCE_CONFIGURATION, "created_by_functional_api": True}, "__module__": __name__, "__doc__": trainer.__doc__}))() for a in algorithms]
                """
            ),
            count=2,
        ),
        Bad("import zenml.steps.utils as su\n\nsecond = su.clone_step(trainer, make_name())\n", count=1),
        Bad("import zenml.pipelines.base_pipeline as bp\n\nbp.clone_step(trainer, \"t2\")\n", count=1),
    ),
    good=(
        Good("def clone_step(s, name):\n    return s\n\nclone_step(1, 'x')\n"),
        Good("from zenml.steps import step\n\n@step\ndef trainer() -> int:\n    return 1\n\na = trainer(name='a')\n"),
    ),
)

ZM111 = Rule(
    code="ZM111",
    fails=Fails(),
    name="runtime-configuration",
    message="`zenml.runtime_configuration` is removed in ZenML 0.20",
    why=(
        "0.20 deleted the module `zenml.runtime_configuration` (`RuntimeConfiguration`, "
        "`RUN_NAME_OPTION_KEY`, `SCHEDULE_OPTION_KEY`) and every re-export of it (ModuleNotFoundError / "
        "ImportError); run options are no longer passed as a free-form dict."
    ),
    instead=(
        "Read run information from `StepEnvironment.step_run_info` (`run_name`, `pipeline`, `config`) or "
        "from the post-execution API."
    ),
    fix=Fix.NONE,
    fix_note="No automatic fix: the replacement depends on what was read from the runtime configuration.",
    todo="zenml.runtime_configuration was removed in ZenML 0.20; read run info from StepEnvironment.step_run_info",
    match=(Ref("zenml.runtime_configuration", prefix=True), Ref("zenml.runtime_configuration", prefix=True, spelled=True)),
    bad=(
        Bad(
            "from zenml.runtime_configuration import RuntimeConfiguration\n\n"
            "def prepare(config: RuntimeConfiguration) -> None:\n    pass\n",
            count=2,
        ),
        Bad("from zenml.orchestrators.base_orchestrator import RuntimeConfiguration as RC\n", count=1),
        Bad("import zenml.runtime_configuration as rc\n\nkey = rc.RUN_NAME_OPTION_KEY\n", count=2),
        Bad("from zenml.runtime_configuration import Schedule\n", count=1),
    ),
    good=(
        Good("from zenml.environment import Environment\n\nrun_name = Environment().step_environment.pipeline_run_id\n"),
        Good("from zenml.pipelines import Schedule\n"),
    ),
)

ZM112 = Rule(
    code="ZM112",
    fails=Fails(),
    name="zen-store-models",
    message="`zenml.zen_stores.models` and `LocalZenStore` are removed in ZenML 0.20; the models live in `zenml.models`",
    why=(
        "0.20 deleted `zenml.zen_stores.models` (`StackWrapper`, `ComponentWrapper`, `FlavorWrapper`, "
        "`User`, `Team`, `Project`, `Role`, `ZenStoreModel`, ...) and `zenml.zen_stores.local_zen_store`; "
        "the new models in `zenml.models` (`StackModel`, `ComponentModel`, `FlavorModel`, `UserModel`, "
        "...) have other shapes (UUID ids, `user`/`project` references)."
    ),
    instead="Use the models in `zenml.models` through `Client()` (e.g. `Client().stacks`, `Client().active_user`).",
    fix=Fix.NONE,
    fix_note="No automatic fix: the 0.20 models have different fields and ids.",
    todo="zenml.zen_stores.models was removed in ZenML 0.20; use the models in zenml.models through Client()",
    match=(
        Ref("zenml.zen_stores.models", "zenml.zen_stores.local_zen_store", prefix=True),
        Ref("zenml.zen_stores.models", "zenml.zen_stores.local_zen_store", prefix=True, spelled=True),
    ),
    bad=(
        Bad("from zenml.zen_stores.models import StackWrapper\n\nwrapper = StackWrapper.from_stack(stack)\n", count=2),
        Bad("from zenml.zen_stores import LocalZenStore\n", count=1),
        Bad("from zenml.repository import User as U\n", count=1),
        Bad("import zenml.zen_stores.models.component_wrapper as cw\n", count=1),
    ),
    good=(
        Good("from zenml.models import StackModel, UserModel\n"),
        Good("from zenml.zen_stores.base_zen_store import BaseZenStore\n"),
    ),
)

# what an item of a literal may read of a removed member and still leave with it (``literal_items:DropItems``)
MEMBER_READS = ("value", "name")
# the values of the members ZM113 names (0.13.2's enums; 0.20 has no member with these values)
_REMOVED_ENUM_VALUES = {"zenml.enums.StackComponentType": "metadata_store", "zenml.enums.StoreType": "local"}


def _one_string_argument(call: ast.Call) -> bool:
    """One argument, a string or a name (a loop variable over strings)."""
    if len(call.args) != 1 or call.keywords:
        return False
    arg = call.args[0]
    return isinstance(arg, ast.Name) or isinstance(arg, ast.Constant) and isinstance(arg.value, str)


def _removed_enum_value(call: ast.Call, resolve) -> list:
    """``StackComponentType("metadata_store")``: the removed member, looked up by its value; or
    looked up by a loop variable over a display of strings that holds that value
    (``[StackComponentType(k) for k in ("orchestrator", "metadata_store")]``): the string item is
    flagged (ValueError on 0.20 when the loop reaches it), and the fix drops it like a member."""
    callee = resolve(call.func)
    removed = _REMOVED_ENUM_VALUES.get(canonical(callee)) if callee is not None else None
    if removed is None:
        return []
    arg = call.args[0]
    if isinstance(arg, ast.Constant):
        return [call] if arg.value == removed else []
    detector = getattr(resolve, "__self__", None)  # the scan's Detector (resolve is its method)
    items = detector.loop_items(arg) if detector is not None and hasattr(detector, "loop_items") else None
    return [i for i in items or () if isinstance(i, ast.Constant) and i.value == removed]


def _an_item_of_a_literal(node, site):
    """ZM113's fix check: the member is an item of a list, tuple or set literal (read, not starred,
    not the only item of a set), or the key of a dict literal's entry whose value runs no code: the
    collection without it is what the code means on 0.20, where no value of that kind exists (no
    0.20 lookup ever uses that key). Not when the literal is unpacked (``a, b = A, METADATA_STORE``)
    or bound to a name the module indexes (``TYPES[1]`` would shift). The item may read the
    member's ``.value`` or ``.name`` (``click.Choice([StoreType.LOCAL.value, StoreType.SQL.value])``).
    Anywhere else the code path that handles the value has to go."""
    literal = site.parent(node)
    if isinstance(literal, ast.Attribute) and literal.value is node and literal.attr in MEMBER_READS:
        node, literal = literal, site.parent(literal)
    if isinstance(literal, ast.Dict):
        value = next((v for k, v in zip(literal.keys, literal.values) if k is node), None)
        if value is None:
            return "the code path that handles this value has to go"
        if any(isinstance(n, (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr)) for n in ast.walk(value)):
            return "the entry's value runs code (it would be dropped with the entry): the code path that handles this value has to go"
        return None
    if not (isinstance(literal, (ast.List, ast.Tuple)) and isinstance(literal.ctx, ast.Load)
            or isinstance(literal, ast.Set) and len(literal.elts) > 1):
        return "the code path that handles this value has to go"
    owner = site.parent(literal)
    if isinstance(owner, (ast.Assign, ast.AnnAssign)) and owner.value is literal:
        targets = owner.targets if isinstance(owner, ast.Assign) else [owner.target]
        if any(not isinstance(t, ast.Name) for t in targets):
            return "the collection is unpacked: the code path that handles this value has to go"
        names = {t.id for t in targets}
        if any(isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id in names for n in ast.walk(site.module)):
            return "the collection is indexed, and its items would shift: the code path that handles this value has to go"
    return None


ZM113 = Rule(
    code="ZM113",
    fails=Fails(),
    name="removed-enum-members",
    message="`StackComponentType.METADATA_STORE` and `StoreType.LOCAL` are removed in ZenML 0.20",
    why=(
        "0.20 removed metadata stores as a component type (`StackComponentType.METADATA_STORE`) and the "
        "local YAML store (`StoreType.LOCAL`; store types are now `sql` and `rest`): AttributeError (KeyError for "
        "`StackComponentType[\"METADATA_STORE\"]`, ValueError for `StackComponentType(\"metadata_store\")`)."
    ),
    instead="Drop metadata-store handling (ZenML owns run metadata in 0.20); use `StoreType.SQL` or `StoreType.REST`.",
    fix=Fix.SAFE,
    fix_note="Only for an item of a list, tuple or set literal (not unpacked, not bound to a name the module "
    "indexes), the key of a dict literal's entry (whose value runs no code: the entry leaves), the member itself or its `.value` / `.name`, or the member's value a loop variable takes from a display of "
    "strings (`StackComponentType(k) for k in (..., \"metadata_store\")`): the item leaves the collection. Safe: on 0.20 reading the member failed, so the module (or that "
    "code) never ran there, and no 0.20 value of that kind exists, so the collection without it holds every value a "
    "0.20 code path can meet (a loop, an `in` test, a pytest parametrization lose only the case 0.20 cannot have). "
    "Anywhere else no automatic fix: the code path that handles these values has to go.",
    codemod="literal_items:DropItems",
    fix_args=(("literals", ("list", "tuple", "set", "dict")),),
    fix_check=_an_item_of_a_literal,
    todo="this enum member was removed in ZenML 0.20 (no metadata stores, store types are sql and rest)",
    match=(
        Ref("zenml.enums.StackComponentType.METADATA_STORE", "zenml.enums.StoreType.LOCAL"),
        CallCheck(tuple(_REMOVED_ENUM_VALUES), _removed_enum_value, pre=_one_string_argument),
    ),
    bad=(
        Bad("from zenml.enums import StackComponentType\n\nkind = StackComponentType.METADATA_STORE\n", count=1),
        Bad(  # the member looked up by its value: ValueError on 0.20
            "from zenml.enums import StackComponentType, StoreType\n\n"
            "kind = StackComponentType(\"metadata_store\")\nstore = StoreType('local')\n",
            count=2,
        ),
        Bad("import zenml.enums as e\n\nif store == e.StoreType.LOCAL:\n    pass\n", count=1),
        Bad(  # the member looked up by its name: KeyError on 0.20 (no automatic fix: a string)
            "from zenml.enums import StackComponentType\n\n\ndef kind():\n"
            "    return StackComponentType[\"METADATA_STORE\"]\n",
            count=1,
        ),
        Bad(  # a pytest parametrization over component types (held-out 9 style): the module fails at import on 0.20
            _c(
                """
                from zenml.enums import StackComponentType

                TYPES = [
                    StackComponentType.ORCHESTRATOR,
                    StackComponentType.METADATA_STORE,  # the 0.13 store
                    StackComponentType.ARTIFACT_STORE,
                ]
                LOCAL = (StackComponentType.METADATA_STORE, StackComponentType.ARTIFACT_STORE)
                """
            ),
            fixed=_c(
                """
                from zenml.enums import StackComponentType

                TYPES = [
                    StackComponentType.ORCHESTRATOR,
                    StackComponentType.ARTIFACT_STORE,
                ]
                LOCAL = (StackComponentType.ARTIFACT_STORE,)
                """
            ),
            count=2,
        ),
        Bad(  # a table keyed by component types: the entry of the removed type leaves (no 0.20 lookup uses it)
            _c(
                """
                from zenml.enums import StackComponentType

                LABELS = {
                    StackComponentType.ORCHESTRATOR: "runs the steps",
                    StackComponentType.METADATA_STORE: "tracks the runs",
                }
                """
            ),
            fixed=_c(
                """
                from zenml.enums import StackComponentType

                LABELS = {
                    StackComponentType.ORCHESTRATOR: "runs the steps",
                }
                """
            ),
            count=1,
        ),
        Bad(  # an item that reads the member's value or name (a CLI's choices) leaves with it
            _c(
                """
                import click
                from zenml.enums import StackComponentType, StoreType

                KINDS = {StackComponentType.METADATA_STORE.name, StackComponentType.ORCHESTRATOR.name}


                @click.option("--store", type=click.Choice([StoreType.LOCAL.value, StoreType.SQL.value]))
                def connect(store):
                    pass
                """
            ),
            fixed=_c(
                """
                import click
                from zenml.enums import StackComponentType, StoreType

                KINDS = {StackComponentType.ORCHESTRATOR.name}


                @click.option("--store", type=click.Choice([StoreType.SQL.value]))
                def connect(store):
                    pass
                """
            ),
            count=2,
        ),
        Bad(  # looked up by a loop variable over strings: the removed value leaves the display
            _c(
                """
                from zenml.enums import StackComponentType

                OPTIONAL = [StackComponentType(k) for k in ("step_operator", "metadata_store")]
                """
            ),
            fixed=_c(
                """
                from zenml.enums import StackComponentType

                OPTIONAL = [StackComponentType(k) for k in ("step_operator",)]
                """
            ),
            count=1,
        ),
        Bad(  # indexed or unpacked: the items would shift, so no automatic fix
            "from zenml.enums import StackComponentType as T\n\nTYPES = [T.ORCHESTRATOR, T.METADATA_STORE]\n"
            "SECOND = TYPES[1]\nA, B = T.ARTIFACT_STORE, T.METADATA_STORE\n",
            count=2,
        ),
    ),
    good=(
        Good("from zenml.enums import StackComponentType, StoreType\n\nk = StackComponentType.ORCHESTRATOR\ns = StoreType.SQL\n"),
        Good("class StoreType:\n    LOCAL = 'local'\n\nStoreType.LOCAL\n"),
        Good("from zenml.enums import StackComponentType, StoreType\n\nk = StackComponentType('orchestrator')\ns = StoreType('sql')\n"),
        Good("from zenml.enums import StackComponentType\n\nk = StackComponentType['ORCHESTRATOR']\nd = {}\nv = d['METADATA_STORE']\n"),
        Good("from zenml.enums import StackComponentType\n\nKINDS = [StackComponentType(k) for k in ('orchestrator', 'artifact_store')]\n"),
    ),
)

_GONE_CONSTANTS = (
    "zenml.integrations.kubeflow.KUBEFLOW_METADATA_STORE_FLAVOR",
    "zenml.integrations.kubernetes.KUBERNETES_METADATA_STORE_FLAVOR",
    "zenml.integrations.constants.GCP_SECRETS_MANAGER",
)


def _removed_constants():
    """``{path: value}`` of the 0.13.2 string constants no 0.20 release has (``rules/data/
    removed_constants.json``, generated from the real wheels by ``scripts/build_removed_constants.py``)."""
    from zenml_migrate.scan.data_files import rules_data

    return rules_data("removed_constants.json")["constants"]


_CONSTANTS = _removed_constants()
_RENAMED_FLAVORS = ("azure_key_vault", "gcp_secrets_manager")
# the 0.13.2 values, as the ``inline_helpers`` codemod writes them in place of the import (not a value
# this rule reports in a string: the metadata store flavors)
_INLINED = tuple(p for p in _GONE_CONSTANTS if _CONSTANTS[p] not in _RENAMED_FLAVORS)
_CONSTANT_HELPERS = tuple((p.rpartition(".")[2], (), f"{p.rpartition('.')[2]} = {_CONSTANTS[p]!r}\n") for p in _INLINED)


def _constant_check(node: ast.AST, site) -> Optional[str]:
    """Fixable: a removed constant imported by name (``from <module> import NAME``, the module
    that had it in 0.13.2) and the uses of the name that import binds; not a flavor name in a
    string, nor ``module.NAME``."""
    if isinstance(node, ast.Constant):
        return "a flavor name in a string can also be a component name or a message: change it by hand"
    statement = site.parent(node) if isinstance(node, ast.alias) else None
    if isinstance(node, ast.Name):
        statement = next(
            (s for s in ast.walk(site.module) if isinstance(s, ast.ImportFrom) and any((a.asname or a.name) == node.id for a in s.names)),
            None,
        )
    name = site.path.rpartition(".")[2] if site.path else ""
    if site.path not in _INLINED:
        return f"its 0.13.2 value `{_CONSTANTS.get(site.path)}` is a flavor ZenML 0.20 renamed: write `gcp` by hand"
    if isinstance(statement, ast.ImportFrom) and not statement.level and f"{statement.module}.{name}" in _CONSTANTS:
        return None
    return "not imported by name from its module: write `from <module> import <NAME>` or the string itself"


ZM114 = Rule(
    code="ZM114",
    stub_first=True,
    name="removed-flavor-constants",
    message="This flavor constant or flavor name is gone or renamed in ZenML 0.20",
    why=(
        "0.20 removed `KUBEFLOW_METADATA_STORE_FLAVOR`, `KUBERNETES_METADATA_STORE_FLAVOR` and the "
        "`GCP_SECRETS_MANAGER` integration constant (ImportError), and renamed the secrets manager flavors "
        "`azure_key_vault` -> `azure` and `gcp_secrets_manager` -> `gcp` (unknown flavor errors)."
    ),
    instead="Drop metadata-store flavors; write flavor `azure` / `gcp`; the GCP secrets manager is part of the `gcp` integration.",
    fix=Fix.UNSAFE,
    fix_note=(
        "Unsafe: a metadata store flavor constant imported by name becomes a variable holding the string ZenML 0.13.2 "
        "gave it (read from the real 0.13.2 wheel), so code that only handles the string (a `str` Enum, a dict, a "
        "message) keeps working; but ZenML 0.20 has no metadata stores, so where the value reaches ZenML it still "
        "fails: the TODO above it says so. `GCP_SECRETS_MANAGER`, `module.NAME` and a flavor name in a string have "
        "no automatic fix (a flavor name in a string can also be a component name or a message)."
    ),
    codemod="inline_helpers:InlineHelpers",
    fix_args=(
        ("helpers", _CONSTANT_HELPERS),
        (
            "inlined_todo",
            "`{name}` is gone in ZenML 0.20: it is bound below to the string ZenML 0.13.2 gave it, but ZenML 0.20 has "
            "no metadata stores (no flavor of one): drop its uses",
        ),
    ),
    fix_check=_constant_check,
    todo="flavor constant/name removed or renamed in ZenML 0.20 (azure_key_vault -> azure, gcp_secrets_manager -> gcp)",
    match=(
        Ref(*_GONE_CONSTANTS),
        StrLit(*_RENAMED_FLAVORS),
    ),
    bad=(
        Bad(
            _c(
                """
                from enum import Enum

                from zenml.integrations.constants import SKLEARN
                from zenml.integrations.kubernetes import KUBERNETES_METADATA_STORE_FLAVOR as K8S_STORE


                class Stores(str, Enum):
                    SQL = "sqlite"
                    K8S = K8S_STORE
                """
            ),
            fixed=_c(
                """
                from enum import Enum

                from zenml.integrations.constants import SKLEARN
                # TODO(zenml-migrate): ZM114 `K8S_STORE` is gone in ZenML 0.20: it is bound below to the string ZenML 0.13.2 gave it, but ZenML 0.20 has no metadata stores (no flavor of one): drop its uses
                K8S_STORE = 'kubernetes'


                class Stores(str, Enum):
                    SQL = "sqlite"
                    K8S = K8S_STORE
                """
            ),
            count=2,
            unsafe=True,
        ),
        Bad("from zenml.integrations.constants import GCP_SECRETS_MANAGER, SKLEARN\n\nreqs = [GCP_SECRETS_MANAGER]\n", count=2),
        Bad("from zenml.integrations.kubeflow import KUBEFLOW_METADATA_STORE_FLAVOR\n", count=1),
        Bad("import zenml.integrations.kubernetes as k8s\n\nflavor = k8s.KUBERNETES_METADATA_STORE_FLAVOR\n", count=1),
        Bad("from zenml.enums import StackComponentType\n\nflavor = \"azure_key_vault\"\n", count=1),
    ),
    good=(
        Good("from zenml.integrations.constants import GCP, SKLEARN\n\nreqs = [GCP, SKLEARN]\n"),
        Good("flavor = \"azure_key_vault\"\n"),
        Good("from zenml.integrations.azure import AZURE_SECRETS_MANAGER_FLAVOR\n"),
    ),
)

_SETTINGS_MODULES = (
    ("kubeflow", "kubeflow_orchestrator_flavor", "KubeflowOrchestratorSettings"),
    ("mlflow", "mlflow_experiment_tracker_flavor", "MLFlowExperimentTrackerSettings"),
    ("wandb", "wandb_experiment_tracker_flavor", "WandbExperimentTrackerSettings"),
    ("whylogs", "whylogs_data_validator_flavor", "WhylogsDataValidatorSettings"),
)
_SETTINGS_RENAMES = tuple(
    (f"{_INT}.{i}.flavors.{name}", f"{_INT}.{i}.flavors.{module}.{name}") for i, module, name in _SETTINGS_MODULES
)

ZM115 = Rule(
    code="ZM115",
    name="settings-from-flavors-package",
    message="`<X>Settings` must be imported from the `..._flavor` module, not the `flavors` package",
    why=(
        "In 0.20 an integration's `flavors` package re-exports only `<X>Flavor` and `<X>Config`; the "
        "`<X>Settings` classes live only in `zenml.integrations.<i>.flavors.<x>_flavor` (ImportError "
        "otherwise). Seen in half-migrated code."
    ),
    instead=(
        "`from zenml.integrations.mlflow.flavors.mlflow_experiment_tracker_flavor import "
        "MLFlowExperimentTrackerSettings`, or pass a plain dict in `settings=`."
    ),
    fix=Fix.SAFE,
    fix_note="Safe: the same class, imported from the module that defines it.",
    **renaming(_SETTINGS_RENAMES, spelled=True),
    bad=(
        Bad(
            "from zenml.integrations.mlflow.flavors import MLFlowExperimentTrackerSettings\n",
            fixed="from zenml.integrations.mlflow.flavors.mlflow_experiment_tracker_flavor import MLFlowExperimentTrackerSettings\n",
            count=1,
        ),
        Bad(
            "from zenml.integrations.wandb.flavors import WandbExperimentTrackerSettings as WS\n\ns = WS(tags=[\"a\"])\n",
            fixed="from zenml.integrations.wandb.flavors.wandb_experiment_tracker_flavor import "
            "WandbExperimentTrackerSettings as WS\n\ns = WS(tags=[\"a\"])\n",
            count=2,
        ),
    ),
    good=(
        Good("from zenml.integrations.mlflow.flavors.mlflow_experiment_tracker_flavor import MLFlowExperimentTrackerSettings\n"),
        Good("from zenml.integrations.mlflow.flavors import MLFlowExperimentTrackerFlavor\n"),
        Good("from zenml.integrations.mlflow.experiment_trackers import MLFlowExperimentTracker\n"),
    ),
)
