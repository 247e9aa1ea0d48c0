"""ZM9xx: 0.13.2 APIs removed in ZenML 0.20 without a replacement."""

from zenml_migrate.rules.base import Bad, EnvVar, Fails, Fix, Good, Kwarg, ModuleCheck, Ref, Rule, StrLit, snippet as _c

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


def _removed_variables():
    """The environment variables ZenML 0.13.2 reads that neither 0.20 release reads, and the
    ``zenml.constants`` names 0.13.2 gave them (``rules/data/removed_constants.json``, generated
    from the real wheels by ``scripts/build_removed_constants.py``: the values of the ``ENV_*``
    constants and ``ZENML_<FIELD>`` of ``GlobalConfiguration``'s fields, 0.13.2's minus 0.20's)."""
    from zenml_migrate.scan.data_files import rules_data

    data = rules_data("removed_constants.json")
    names = tuple(data["environment"])
    constants = tuple(p for p, v in sorted(data["constants"].items()) if p.startswith("zenml.constants.ENV_") and v in names)
    return names, constants


_PROFILE_ENV, _PROFILE_ENV_CONSTANTS = _removed_variables()

ZM902 = Rule(
    code="ZM902",
    fails=Fails(),
    name="profiles",
    message="Profiles were removed in ZenML 0.20",
    why=(
        "0.20 deleted `zenml.config.profile_config` (`ProfileConfiguration`, `DEFAULT_PROFILE_NAME`) and "
        "`zenml.config.base_config.BaseConfiguration`, the profile members of `GlobalConfiguration` "
        "(`profiles`, `activate_profile`, `active_profile`, ...) and the variables "
        f"{', '.join(f'`{v}`' for v in _PROFILE_ENV)} (ignored). The store is chosen by "
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
        Ref(*_PROFILE_ENV_CONSTANTS),
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

def _python_settings(detector, rule):
    """A Python module that does not use ZenML sets one for a program it starts (a launcher)."""
    from zenml_migrate.scan.python_env import findings

    return findings(detector, rule, _PROFILE_ENV)


ZM906 = Rule(
    code="ZM906",
    name="profile-variables",
    message="ZenML 0.20 ignores this ZenML 0.13.2 environment variable",
    why=(
        "ZenML 0.13.2 chose the profile and the stack of a run from the environment: `ZENML_ACTIVATED_STACK` "
        "(the active stack, `config/profile_config.py` `get_active_stack`), `ZENML_ACTIVATED_PROFILE` (the active "
        "profile: `GlobalConfiguration` reads `ZENML_<FIELD>` for its fields), `ZENML_DEFAULT_STORE_TYPE` (the store of "
        "a new profile), `ZENML_PROFILE_NAME` (the ZenServer's profile). 0.20.0 and 0.20.5 read none of them: "
        "profiles are gone and a run goes to the active stack of the client's store, so a CI job, a container or a "
        "`.env` meant for another stack runs silently on the default one. Checked on the real releases: with "
        "`ZENML_ACTIVATED_STACK=mlflow_stack`, 0.13.2's `Repository().active_stack_name` is `mlflow_stack`; with it "
        "and the others set, 0.20.0's and 0.20.5's `Client().active_stack_model.name` stays `default`. The names are "
        f"the variables 0.13.2 reads and 0.20 does not ({', '.join(f'`{v}`' for v in _PROFILE_ENV)}, generated from "
        "the real releases' `zenml/constants.py` and `GlobalConfiguration`). Read where a file sets one: `.env` files, "
        "shell `export NAME=...`/`NAME=... cmd`, CI `env:`/`variables:`, compose `environment:` (map or list), a "
        "Kubernetes or ECS container's `env` (`name: NAME`), a Dockerfile `ENV`, and the like (a read such as "
        "`$NAME`, `unset NAME` or a comment is not reported). In Python code ZM902 reports the names."
    ),
    instead=(
        "Select the stack where the job runs with `zenml stack set NAME` (after `zenml connect` or with the "
        "`ZENML_STORE_URL`/`ZENML_STORE_*` variables for the store), and drop the 0.13.2 variable; move the "
        "profiles' stacks into the 0.20 store with `migrate profiles`."
    ),
    fix=Fix.NONE,
    fix_note="No automatic fix: which stack and store the job should use is the project's choice.",
    todo="ZenML 0.20 ignores this 0.13.2 variable: select the stack with `zenml stack set NAME` (the store with "
    "`zenml connect` or ZENML_STORE_* variables) where this runs",
    match=(EnvVar(*_PROFILE_ENV), ModuleCheck(_python_settings)),
    bad=(
        Bad("ZENML_ACTIVATED_STACK=mlflow_stack\nMLFLOW_TRACKING_URI=http://localhost:5000\n", filename=".env", count=1),
        Bad("#!/bin/bash\nexport ZENML_ACTIVATED_STACK=prod\nZENML_ACTIVATED_PROFILE=ci python run.py\n", filename="run.sh", count=2),
        Bad(
            _c("""
                services:
                  trainer:
                    image: python:3.9
                    environment:
                      - ZENML_ACTIVATED_STACK=local_mlflow
                  worker:
                    image: python:3.9
                    environment:
                      ZENML_PROFILE_NAME: prod
                """),
            filename="docker-compose.yml",
            count=2,
        ),
        Bad(
            _c("""
                on: push
                jobs:
                  train:
                    runs-on: ubuntu-latest
                    env:
                      ZENML_ACTIVATED_STACK: k8s_stack
                    steps:
                      - run: python run.py
                """),
            filename=".github/workflows/train.yml",
        ),
        Bad(
            _c("""
                apiVersion: batch/v1
                kind: Job
                spec:
                  template:
                    spec:
                      containers:
                        - name: train
                          image: registry.example.com/train:1.0
                          env:
                            - name: ZENML_ACTIVATED_STACK
                              value: k8s_stack
                """),
            filename="k8s/train-job.yaml",
        ),
        Bad("FROM python:3.9\nENV ZENML_ACTIVATED_STACK=prod\nCMD [\"python\", \"run.py\"]\n", filename="Dockerfile"),
        Bad(  # a launcher: no zenml here (where the module uses zenml, ZM902 reports the name)
            _c("""
                import os
                import subprocess

                os.environ["ZENML_ACTIVATED_STACK"] = "mlflow_stack"
                subprocess.run(["python", "run.py"], env={**os.environ, "ZENML_PROFILE_NAME": "prod"}, check=True)
                """),
            filename="boot.py",
            count=2,
        ),
    ),
    good=(
        Good("ZENML_STORE_URL=https://zenml.example.com\n# ZENML_ACTIVATED_STACK=prod\n", filename=".env"),
        Good("unset ZENML_ACTIVATED_STACK\necho \"stack: ${ZENML_ACTIVATED_STACK:-none}\"\nzenml stack set prod\n", filename="run.sh"),
        Good("ZENML_ACTIVATED_STACK ?= prod\n\nrun:\n\tzenml stack set $(ZENML_ACTIVATED_STACK)\n", filename="Makefile"),
        Good("## Stacks\n\nZenML 0.13 read `ZENML_ACTIVATED_STACK=prod`; 0.20 does not.\n", filename="README.md"),
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
