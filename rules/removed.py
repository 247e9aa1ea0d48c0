"""ZM9xx: 0.13.2 APIs removed in ZenML 0.20 without a replacement."""

from zenml_migrate.rules.base import Bad, Fails, Fix, Good, Kwarg, Ref, Rule, StrLit

ZM901 = Rule(
    code="ZM901",
    fails=Fails(),
    name="step-entrypoint-helpers",
    message="The `enable_*` entrypoint helpers were removed in ZenML 0.20",
    why=(
        "`mlflow_step_entrypoint`, `wandb_step_entrypoint` and `whylabs_entrypoint` were the function-level "
        "halves of `@enable_mlflow`, `@enable_wandb` and `@enable_whylabs`; 0.20 deleted their modules "
        "(ModuleNotFoundError)."
    ),
    instead=(
        "Configure the step instead: `@step(experiment_tracker=\"<tracker name>\")` for MLflow / W&B, "
        "`settings={\"data_validator.whylogs\": {\"enable_whylabs\": True}}` for WhyLabs."
    ),
    fix=Fix.NONE,
    fix_note="No automatic fix: the wrapped function has to become a configured step.",
    todo="the enable_* entrypoint helpers are gone in ZenML 0.20; configure the step's experiment_tracker/settings",
    match=(
        Ref(
            "zenml.integrations.mlflow.mlflow_step_decorator.mlflow_step_entrypoint",
            "zenml.integrations.wandb.wandb_step_decorator.wandb_step_entrypoint",
            "zenml.integrations.whylogs.whylabs_step_decorator.whylabs_entrypoint",
        ),
    ),
    bad=(
        Bad(
            "from zenml.integrations.mlflow.mlflow_step_decorator import mlflow_step_entrypoint\n\n"
            "train = mlflow_step_entrypoint()(train_fn)\n",
            count=2,
        ),
        Bad("import zenml.integrations.wandb.wandb_step_decorator as w\n\nf = w.wandb_step_entrypoint\n", count=1),
    ),
    good=(
        Good("from zenml.steps import step\n\n@step(experiment_tracker=\"mlflow_tracker\")\ndef train() -> None:\n    pass\n"),
        Good("def mlflow_step_entrypoint():\n    return lambda f: f\n\nmlflow_step_entrypoint()\n"),
    ),
)

_GLOBAL_CONFIG = "zenml.config.global_config.GlobalConfiguration()"
_GONE_GLOBAL_CONFIG_MEMBERS = (
    "activate_profile",
    "activate_stack",
    "activated_profile",
    "active_profile",
    "active_profile_name",
    "active_stack_name",
    "add_or_update_profile",
    "copy_active_configuration",
    "delete_profile",
    "get_profile",
    "has_profile",
    "profiles",
    "user_metadata",
)
_PROFILE_MODULES = ("zenml.config.profile_config", "zenml.config.base_config")
_PROFILE_ENV = ("ZENML_PROFILE_NAME", "ZENML_DEFAULT_STORE_TYPE", "ZENML_ACTIVATED_STACK")

ZM902 = Rule(
    code="ZM902",
    fails=Fails(),
    name="profiles",
    message="Profiles were removed in ZenML 0.20",
    why=(
        "0.20 deleted `zenml.config.profile_config` (`ProfileConfiguration`, `DEFAULT_PROFILE_NAME`) and "
        "`zenml.config.base_config.BaseConfiguration`, the profile members of `GlobalConfiguration` "
        "(`profiles`, `activate_profile`, `active_profile`, ...) and the variables `ZENML_PROFILE_NAME`, "
        "`ZENML_DEFAULT_STORE_TYPE`, `ZENML_ACTIVATED_STACK` (ignored). The store is chosen by "
        "`config.yaml:store` or the `ZENML_STORE_*` variables."
    ),
    instead=(
        "Use projects and `zenml connect` (or `ZENML_STORE_URL`/`ZENML_STORE_TYPE`); move existing stacks with "
        "`migrate profiles`."
    ),
    fix=Fix.NONE,
    fix_note="No automatic fix: there is no profile concept in 0.20.",
    todo="profiles are gone in ZenML 0.20: use projects, `zenml connect` or ZENML_STORE_* variables",
    match=(
        Ref(*_PROFILE_MODULES, prefix=True),
        Ref(*_PROFILE_MODULES, prefix=True, spelled=True),
        Ref(*(f"{_GLOBAL_CONFIG}.{m}" for m in _GONE_GLOBAL_CONFIG_MEMBERS)),
        Ref(*(f"zenml.constants.ENV_{v}" for v in _PROFILE_ENV)),
        StrLit(*_PROFILE_ENV),
    ),
    bad=(
        Bad("from zenml.config.profile_config import ProfileConfiguration\n\nProfileConfiguration(name=\"p\")\n", count=2),
        Bad(
            "from zenml.config.global_config import GlobalConfiguration\n\n"
            "gc = GlobalConfiguration()\nfor name in gc.profiles:\n    gc.activate_profile(name)\n",
            count=2,
        ),
        Bad("import os\nimport zenml\n\nos.environ[\"ZENML_PROFILE_NAME\"] = \"dev\"\n", count=1),
        Bad("from zenml.repository import ProfileConfiguration as PC\n\ndef use(p: PC) -> None:\n    pass\n", count=2),
        Bad("from zenml.constants import ENV_ZENML_ACTIVATED_STACK\n", count=1),
        Bad(
            "from zenml.config.global_config import GlobalConfiguration as GC\n\nprint(GC.get_instance().active_profile_name)\n",
            count=1,
        ),
    ),
    good=(
        Good(
            "from zenml.config.global_config import GlobalConfiguration\n\n"
            "gc = GlobalConfiguration()\nprint(gc.user_id, gc.analytics_opt_in)\n"
        ),
        Good("import os\n\nos.environ[\"ZENML_PROFILE_NAME\"] = \"dev\"\n"),
        Good("from zenml.client import Client\n\nprint(Client().active_project)\n"),
    ),
)

_ZEN_SERVER = "zenml.zen_server.zen_server"

ZM903 = Rule(
    code="ZM903",
    fails=Fails(),
    name="legacy-zen-server",
    message="The 0.13.2 ZenServer classes were removed in ZenML 0.20",
    why=(
        "0.20 replaced the 0.13.2 REST server: `ZenServer`, `ZenServerConfig`, `ZenServerEndpoint`, "
        "`ZenServerEndpointConfig` and the module `zenml.zen_server.zen_server` are gone (ImportError)."
    ),
    instead="Run the 0.20 server with `zenml up` (local) or `zenml deploy`, and `zenml connect` to it.",
    fix=Fix.NONE,
    fix_note="No automatic fix: the server is started by the CLI in 0.20.",
    todo="the 0.13.2 ZenServer is gone in ZenML 0.20; use `zenml up` / `zenml deploy` and `zenml connect`",
    match=(Ref(_ZEN_SERVER, prefix=True), Ref(_ZEN_SERVER, prefix=True, spelled=True)),
    bad=(
        Bad("from zenml.zen_server import ZenServer, ZenServerConfig\n\nZenServer(ZenServerConfig(port=8000)).provision()\n", count=4),
        Bad("from zenml import ZenServer as ZS\n", count=1),
    ),
    good=(
        Good("from zenml.zen_server.zen_server_api import app\n"),
        Good("class ZenServer:\n    pass\n\nZenServer()\n"),
    ),
)

_MLFLOW_DEPLOYER_CONFIG = "zenml.integrations.mlflow.steps.mlflow_deployer.MLFlowDeployerConfig"

ZM904 = Rule(
    code="ZM904",
    fails=Fails(),
    name="mlflow-deployer-model-uri",
    message="`MLFlowDeployerParameters` has no `model_uri` in ZenML 0.20",
    why=(
        "0.20's `MLFlowDeployerParameters` (the renamed `MLFlowDeployerConfig`) dropped `model_uri` (unknown "
        "fields are rejected) and added `experiment_name` and `run_name`; the model is found from the "
        "MLflow run of the training step."
    ),
    instead="Remove `model_uri=`; set `experiment_name=` / `run_name=` if the model comes from another run.",
    fix=Fix.NONE,
    fix_note="No automatic fix: where the model comes from has to be decided by a human.",
    todo="MLFlowDeployerParameters has no model_uri in ZenML 0.20; use experiment_name/run_name",
    match=(Kwarg(_MLFLOW_DEPLOYER_CONFIG, "model_uri"), Ref(f"{_MLFLOW_DEPLOYER_CONFIG}().model_uri")),
    bad=(
        Bad(
            "from zenml.integrations.mlflow.steps import MLFlowDeployerConfig\n\n"
            "cfg = MLFlowDeployerConfig(model_uri=\"runs:/1/model\", workers=2)\n",
            count=1,
        ),
        Bad(
            "from zenml.integrations.mlflow.steps.mlflow_deployer import MLFlowDeployerConfig as C\n\n"
            "def uri(config: C) -> str:\n    return config.model_uri\n",
            count=1,
        ),
    ),
    good=(
        Good(
            "from zenml.integrations.mlflow.steps import MLFlowDeployerParameters\n\n"
            "p = MLFlowDeployerParameters(workers=2, experiment_name=\"e\")\n"
        ),
        Good("class MLFlowDeployerConfig:\n    def __init__(self, **kw): ...\n\nMLFlowDeployerConfig(model_uri='x')\n"),
    ),
)

_INTERNAL_HELPERS = (
    "zenml.utils.source_utils.get_absolute_path_from_module_source",
    "zenml.utils.source_utils.get_class_source_from_source",
    "zenml.utils.source_utils.get_module_source_from_class",
    "zenml.utils.source_utils.get_module_source_from_source",
    "zenml.utils.source_utils.get_relative_path_from_module_source",
    "zenml.orchestrators.utils.create_tfx_pipeline",
    "zenml.orchestrators.utils.add_context_to_node",
    "zenml.orchestrators.utils.get_step_for_node",
    "zenml.steps.utils.generate_component_class",
    "zenml.steps.utils.generate_component_spec_class",
    "zenml.steps.utils.collect_docker_configuration",
    "zenml.steps.utils.collect_runtime_config",
    "zenml.steps.utils.collect_step_resources",
)

ZM905 = Rule(
    code="ZM905",
    fails=Fails(),
    name="removed-internal-helpers",
    message="This internal ZenML helper was removed in ZenML 0.20",
    why=(
        "0.20 rewrote the source and orchestration internals: these `source_utils`, `orchestrators.utils` "
        "and `steps.utils` helpers no longer exist (ImportError)."
    ),
    instead=(
        "Use the public API; for sources, `zenml.utils.source_utils.resolve_class`, `load_source_path_class` "
        "and `import_class_by_path` still exist."
    ),
    fix=Fix.NONE,
    fix_note="No automatic fix: the caller depended on internals that changed shape.",
    todo="this ZenML internal helper was removed in ZenML 0.20",
    match=(Ref(*_INTERNAL_HELPERS),),
    bad=(
        Bad(
            "from zenml.utils.source_utils import get_module_source_from_class\n\n"
            "src = get_module_source_from_class(MyStep)\n",
            count=2,
        ),
        Bad("import zenml.orchestrators.utils as ou\n\nou.create_tfx_pipeline(p, stack=s)\n", count=1),
    ),
    good=(
        Good("from zenml.utils.source_utils import resolve_class, import_class_by_path\n\nresolve_class(int)\n"),
        Good("def create_tfx_pipeline(p):\n    return p\n\ncreate_tfx_pipeline(1)\n"),
    ),
)
