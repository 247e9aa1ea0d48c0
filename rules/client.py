"""ZM4xx: the client (``Repository`` -> ``Client``), stacks and stack components.

``zenml.repository.Repository()`` members below are the ones that exist in 0.13.2 and are
gone from ``zenml.client.Client`` in both 0.20.0 and 0.20.5 (checked against the wheels).
"""

from zenml_migrate.scan import api013
import ast
from functools import lru_cache

from zenml_migrate.rules.base import Bad, CallCheck, Fails, Fix, Good, Kwarg, Ref, Rule, renaming, snippet
from zenml_migrate.rules.imports import SHIM

REPO = api013.REPOSITORY  # zenml.repository.Repository()
REPO_CLASS = "zenml.repository.Repository"
_IMPORT = "from zenml.repository import Repository\n\n"


def _members(*names: str):
    return tuple(f"{REPO}.{n}" for n in names)


ZM401 = Rule(
    code="ZM401",
    fails=Fails(),
    name="repository-profiles",
    message="Profiles and store helpers are gone from the client in ZenML 0.20",
    why=(
        "0.20 has no profiles: `Client` has no `active_profile`, `active_profile_name`, `activate_profile`, "
        "`create_store` or `get_store_class` (AttributeError; `stack_configurations` is ZM430). The store is chosen "
        "by `config.yaml:store` or the `ZENML_STORE_*` variables."
    ),
    instead=(
        "Use projects (`Client().active_project`, `Client().set_active_project(name)`) and "
        "`zenml connect` for the store; read stacks from `Client().stacks`."
    ),
    fix=Fix.NONE,
    fix_note="No automatic fix: there is no profile concept to map to.",
    todo="profiles are gone in ZenML 0.20: use projects (Client().active_project) and `zenml connect`",
    match=(
        Ref(
            *_members(
                "active_profile",
                "active_profile_name",
                "activate_profile",
                "create_store",
                "get_store_class",
            ),
            f"{REPO_CLASS}.create_store",
            f"{REPO_CLASS}.get_store_class",
        ),
    ),
    bad=(
        Bad(_IMPORT + "name = Repository().active_profile_name\n", count=1),
        Bad(_IMPORT + "repo = Repository()\nrepo.activate_profile(\"dev\")\nprint(repo.stack_configurations)\n", count=1),
        Bad("import zenml.repository as zr\n\nstore = zr.Repository.create_store(profile)\n", count=1),
    ),
    good=(
        Good("from zenml.client import Client\n\nproject = Client().active_project\n"),
        Good("class Repository:\n    active_profile = None\n\nRepository().active_profile\n"),
        Good(SHIM + "print(Client().active_stack_model.name)\n"),
    ),
)

ZM402 = Rule(
    code="ZM402",
    name="active-stack-name",
    message="`active_stack_name` is `active_stack_model.name` in ZenML 0.20",
    why="0.20's `Client` has no `active_stack_name` (AttributeError); the active stack is a model with a `name`.",
    instead="`Client().active_stack_model.name` (or `Client().active_stack.name`).",
    fix=Fix.SAFE,
    fix_note="Safe: the same value, read from the stack model instead of instantiating the stack.",
    match=(Ref(*_members("active_stack_name")),),
    codemod="renames:RenameSymbols",
    fix_args=(("attr", "active_stack_model.name"),),
    bad=(
        Bad(
            _IMPORT + "name = Repository().active_stack_name  # current\n",
            fixed="from zenml.client import Client\n\nname = Client().active_stack_model.name  # current\n",
            count=1,
        ),
        Bad(
            _IMPORT + "repo = Repository()\nprint(repo.active_stack_name)\n",
            fixed="from zenml.client import Client\n\nrepo = Client()\nprint(repo.active_stack_model.name)\n",
            count=1,
        ),
        Bad(
            "from zenml.steps.step_context import Repository as Repo\n\nname = Repo().active_stack_name\n",
            fixed="from zenml.client import Client as Repo\n\nname = Repo().active_stack_model.name\n",
            count=1,
        ),
        Bad(  # a two-argument getattr with a literal name is that attribute (a default: no fix, it does not fail)
            _IMPORT + "repo = None\nname = getattr(repo or Repository(), \"active_stack_name\")\n",
            fixed="from zenml.client import Client\n\nrepo = None\nname = (repo or Client()).active_stack_model.name\n",
            count=1,
        ),
    ),
    good=(
        Good("from zenml.client import Client\n\nname = Client().active_stack_model.name\n"),
        Good("class Repo:\n    active_stack_name = 'x'\n\nRepo().active_stack_name\n"),
        Good(SHIM + "name = Client().active_stack.name\n"),
    ),
)

ZM403 = Rule(
    code="ZM403",
    name="active-user-name",
    message="`active_user_name` is `active_user.name` in ZenML 0.20",
    why="0.20's `Client` has no `active_user_name` (AttributeError); `active_user` is a `UserModel` with a `name`.",
    instead="`Client().active_user.name`.",
    fix=Fix.SAFE,
    fix_note="Safe: the same value.",
    match=(Ref(*_members("active_user_name")),),
    codemod="renames:RenameSymbols",
    fix_args=(("attr", "active_user.name"),),
    bad=(
        Bad(
            _IMPORT + "user = Repository().active_user_name\n",
            fixed="from zenml.client import Client\n\nuser = Client().active_user.name\n",
            count=1,
        ),
        Bad(
            _IMPORT + "def who(repo: Repository) -> str:\n    return repo.active_user_name\n",
            fixed="from zenml.client import Client\n\ndef who(repo: Client) -> str:\n    return repo.active_user.name\n",
            count=1,
        ),
        Bad(
            "from zenml.pipelines.base_pipeline import Repository as R\n\nprint(R().active_user_name)\n",
            fixed="from zenml.client import Client as R\n\nprint(R().active_user.name)\n",
            count=1,
        ),
        Bad(
            _IMPORT + "def who(repo: Repository) -> str:\n    return getattr(repo, \"active_user_name\").title()\n",
            fixed="from zenml.client import Client\n\ndef who(repo: Client) -> str:\n    return repo.active_user.name.title()\n",
            count=1,
        ),
    ),
    good=(
        Good("from zenml.client import Client\n\nuser = Client().active_user.name\n"),
        Good(SHIM + "user = Client().active_user.name\n"),
        Good("class Repository:\n    active_user_name = 'me'\n\nRepository().active_user_name\n"),
    ),
)

ZM404 = Rule(
    code="ZM404",
    fails=Fails(),
    name="repository-get-stack",
    message="`get_stack(name)` is gone from the client in ZenML 0.20",
    why=(
        "0.20's `Client` has no `get_stack` (AttributeError), and `Client().stacks` returns "
        "`HydratedStackModel`s, not `Stack` objects."
    ),
    instead="`next(s for s in Client().stacks if s.name == name)` (a stack model), or `Client().active_stack`.",
    fix=Fix.NONE,
    fix_note="No automatic fix: the result is a model, not a `Stack`; the code using it must change.",
    todo="Client has no get_stack in ZenML 0.20; look the stack model up in Client().stacks by name",
    match=(Ref(*_members("get_stack")),),
    bad=(
        Bad(_IMPORT + "stack = Repository().get_stack(\"local\")\n", count=1),
        Bad(_IMPORT + "repo = Repository()\nfor name in names:\n    print(repo.get_stack(name).orchestrator)\n", count=1),
        Bad("from zenml.repository import Repository as R\n\nR.get_instance().get_stack(\"s\")\n", count=1),
        # written for 0.20 by hand, or left by the Repository -> Client rename: fails all the same
        Bad("from zenml.client import Client\n\nclient = Client()\nclient.get_stack(\"default\")\n", count=1),
    ),
    good=(
        Good("from zenml.client import Client\n\nstack = [s for s in Client().stacks if s.name == \"local\"]\n"),
        Good("class Repository:\n    def get_stack(self, n): ...\n\nRepository().get_stack('x')\n"),
        Good(SHIM + "stacks = Client().stacks\n"),
    ),
)

ZM405 = Rule(
    code="ZM405",
    fails=Fails(),
    name="repository-get-stack-components",
    message="`get_stack_component(s)` is gone from the client in ZenML 0.20",
    why=(
        "0.20's `Client` has no `get_stack_component` / `get_stack_components(type)` (AttributeError). "
        "0.20.0's arg-less `get_stack_components()` / `stack_components` were removed again in 0.20.5."
    ),
    instead=(
        "`Client().list_stack_components_by_type(type_)` or `Client().get_stack_component_by_id(uuid)` "
        "(they return `ComponentModel`s, not component instances)."
    ),
    fix=Fix.NONE,
    fix_note="No automatic fix: the result is a model, not a component instance.",
    todo="use Client().list_stack_components_by_type(type_) (returns ComponentModels) in ZenML 0.20",
    match=(Ref(*_members("get_stack_component", "get_stack_components")),),
    bad=(
        Bad(
            "from zenml.enums import StackComponentType\nfrom zenml.repository import Repository\n\n"
            "orch = Repository().get_stack_component(StackComponentType.ORCHESTRATOR, \"kf\")\n",
            count=1,
        ),
        Bad(_IMPORT + "repo = Repository()\nall_ = repo.get_stack_components(t)\n", count=1),
        Bad("import zenml.repository as zr\n\nzr.Repository().get_stack_components(t)\n", count=1),
    ),
    good=(
        Good(
            "from zenml.client import Client\nfrom zenml.enums import StackComponentType\n\n"
            "c = Client().list_stack_components_by_type(StackComponentType.ORCHESTRATOR)\n"
        ),
        Good("def get_stack_component(t, n): ...\n\nget_stack_component(1, 2)\n"),
        Good(SHIM + "c = Client().list_stack_components_by_type(t)\n"),
    ),
)

ZM406 = Rule(
    code="ZM406",
    fails=Fails(),
    name="repository-get-flavor",
    message="`get_flavor(name, type)` is gone from the client in ZenML 0.20",
    why=(
        "0.20's `Client` has no `get_flavor` (AttributeError); `get_flavor_by_name_and_type(name, type)` "
        "returns a `FlavorModel`, not the component class."
    ),
    instead="`Client().get_flavor_by_name_and_type(name, component_type)`.",
    fix=Fix.NONE,
    fix_note="No automatic fix: the result is a model, not the component class.",
    todo="use Client().get_flavor_by_name_and_type(name, component_type) (returns a FlavorModel) in ZenML 0.20",
    match=(Ref(*_members("get_flavor")),),
    bad=(
        Bad(_IMPORT + "cls = Repository().get_flavor(\"kubeflow\", StackComponentType.ORCHESTRATOR)\n", count=1),
        Bad("import zenml.repository\n\nzenml.repository.Repository().get_flavor(n, t)\n", count=1),
        Bad("from zenml.repository import Repository as R\n\nrepo = R()\nflavor = repo.get_flavor(n, t)\n", count=1),
        Bad("from zenml.client import Client\n\nflavor = Client().get_flavor(\"kubeflow\", t)\n", count=1),
    ),
    good=(
        Good("from zenml.client import Client\n\nf = Client().get_flavor_by_name_and_type(\"kubeflow\", t)\n"),
        Good(SHIM + "f = Client().get_flavor_by_name_and_type(n, t)\n"),
        Good("class Repository:\n    def get_flavor(self, n, t): ...\n\nRepository().get_flavor(1, 2)\n"),
    ),
)

_MODEL_METHODS = (
    "register_stack", "update_stack", "deregister_stack", "activate_stack",
    "register_stack_component", "update_stack_component", "deregister_stack_component",
)


def _not_a_model(call: ast.Call, resolve=None):
    """The 0.20 spelling (``Client().register_stack(stack)``, after ``--fix`` renamed the client)
    given what can be no model: a name (a string) or a 0.13.2 ``Stack`` / component object; or a
    value of unknown type under the TODO line ``--fix`` wrote for this rule (it was the 0.13.2
    ``Repository()`` spelling then, which took names: ``def use(name): repo.activate_stack(name)``)."""
    if not any(isinstance(a, ast.Starred) for a in call.args) and all(k.arg for k in call.keywords):
        # 0.20 takes exactly the one model: two arguments, or a keyword other than the model's,
        # are the 0.13.2 spelling (``deregister_stack_component(type_, name=name)``)
        if len(call.args) + len(call.keywords) > 1 or any(k.arg not in ("stack", "component") for k in call.keywords):
            return [call.func]
    value = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg in ("stack", "component")), None)
    if isinstance(value, ast.JoinedStr) or (isinstance(value, ast.Constant) and isinstance(value.value, str)):
        return [call.func]
    path = resolve(value) if resolve is not None and value is not None else None
    # unknown, a member read (``stack.name``: no object of a known class) or no such argument
    # (``deregister_stack_component(component_type=kind, name=name)``, the 0.13.2 keywords)
    if not path or not path.endswith("()"):
        detector = getattr(resolve, "__self__", None)  # the scan's Detector (resolve is its method)
        marked = detector is not None and hasattr(detector, "marked_for") and detector.marked_for(call, "ZM407")
        return [call.func] if marked else []
    cls = path[:-2].rstrip("+")
    # an enum member (``StackComponentType(kind)``) is no model either
    legacy = cls in _NOT_MODELS or cls in COMPONENT_CLASSES or ".metadata_stores." in cls or cls.startswith("zenml.enums.")
    return [call.func] if legacy else []


# a stack or a stack component object (0.13.2's, or 0.20's base class): never the model 0.20 takes
_NOT_MODELS = frozenset({"zenml.stack.stack.Stack", "zenml.stack.stack_component.StackComponent"})


ZM407 = Rule(
    code="ZM407",
    fails=Fails(),
    name="repository-stack-management",
    message="Stack and component management on the client takes models in ZenML 0.20",
    why=(
        "0.20's `Client` methods `register_stack`, `update_stack`, `deregister_stack`, `activate_stack`, "
        "`register_stack_component`, `update_stack_component`, `deregister_stack_component` take "
        "`StackModel` / `ComponentModel` objects, not names or `Stack` / component instances, and "
        "`set_active_project` takes a name or id instead of a `Project`."
    ),
    instead=(
        "Build the models (`StackModel`, `ComponentModel`) or use the CLI (`zenml stack set NAME`, "
        "`zenml stack register ...`); `Client().set_active_project(\"name\")`."
    ),
    fix=Fix.NONE,
    fix_note="No automatic fix: the arguments become models with other fields.",
    todo="in ZenML 0.20 this Client method takes a StackModel/ComponentModel (or a project name)",
    match=(
        Ref(
            *_members(
                "register_stack",
                "update_stack",
                "deregister_stack",
                "activate_stack",
                "register_stack_component",
                "update_stack_component",
                "deregister_stack_component",
                "set_active_project",
            )
        ),
        # the Client spelling (half-migrated code, or the re-scan after --fix): only where the
        # argument is a name or a 0.13.2 object, as 0.20 code passes models
        CallCheck(tuple(f"zenml.client.Client().{m}" for m in _MODEL_METHODS), _not_a_model),
    ),
    bad=(
        Bad(_IMPORT + "Repository().activate_stack(\"local_kubeflow_stack\")\n", count=1),
        Bad(
            "from zenml.client import Client\nfrom zenml.stack import Stack\n\n"
            "client = Client()\nclient.activate_stack(\"local_kubeflow_stack\")\n"
            "client.register_stack(Stack(name=\"s\", orchestrator=o, artifact_store=a))\n",
            count=2,
        ),
        Bad(
            _IMPORT + "repo = Repository()\nrepo.register_stack_component(store)\nrepo.register_stack(stack)\n",
            count=2,
        ),
        Bad(
            "from zenml.steps import step, StepContext\nfrom zenml.repository import Repository as Repo\n\n"
            "@step\ndef s(context: StepContext) -> None:\n    Repo().deregister_stack(\"old\")\n",
            count=1,
        ),
        # the re-scan after --fix: a value of unknown type under the TODO line the fix wrote for
        # this rule (the call was `Repository().activate_stack(name)`, which took a name)
        Bad(
            "from zenml.client import Client\n\n\ndef use(name):\n    client = Client()\n"
            "    # TODO(zenml-migrate): ZM407 in ZenML 0.20 this Client method takes a StackModel/ComponentModel (or a project name)\n"
            "    client.activate_stack(name)\n",
            count=1,
        ),
        Bad(  # two arguments (0.20 takes exactly the model): the 0.13.2 (component_type, name)
            "from zenml.client import Client\nfrom zenml.enums import StackComponentType\n\n"
            "Client().deregister_stack_component(StackComponentType(\"alerter\"), name=\"slack\")\n",
            count=1,
        ),
        Bad(  # ... and a member read of a 0.13.2 object there (``stack.name``: a str)
            "from zenml.client import Client\nfrom zenml.stack import Stack\n\n\ndef switch(o, a):\n"
            "    nightly = Stack(name=\"nightly\", orchestrator=o, artifact_store=a)\n"
            "    # TODO(zenml-migrate): ZM407 in ZenML 0.20 this Client method takes a StackModel/ComponentModel (or a project name)\n"
            "    Client().activate_stack(nightly.name)\n",
            count=1,
        ),
    ),
    good=(
        Good("from zenml.client import Client\n\nclient = Client()\nclient.activate_stack(client.active_stack_model)\n"),
        Good("from zenml.client import Client\n\ndef swap(model):\n    Client().register_stack(model)\n"),
        Good("class Repository:\n    def activate_stack(self, n): ...\n\nRepository().activate_stack('x')\n"),
        Good(SHIM + "Client().set_active_project(\"p\")\n"),
    ),
)

_STACK = "zenml.stack.stack.Stack"

ZM408 = Rule(
    code="ZM408",
    fails=Fails(),
    name="stack-constructor",
    message="`Stack(...)`, `Stack.default_local_stack()` and `runtime_options` changed in ZenML 0.20",
    why=(
        "0.20's `Stack(id, name, *, orchestrator, artifact_store, ...)` needs an `id` and has no "
        "`metadata_store`; `Stack.default_local_stack()` and `Stack.runtime_options` were removed."
    ),
    instead="Register stacks with the CLI or `Client().register_stack(StackModel(...))`; read `Client().active_stack`.",
    fix=Fix.NONE,
    fix_note="No automatic fix: stacks are built from models in 0.20.",
    todo="Stack construction changed in ZenML 0.20 (id required, no metadata_store); register a StackModel instead",
    match=(
        Kwarg(_STACK, "orchestrator"),
        Ref(f"{_STACK}.default_local_stack", f"{_STACK}().runtime_options"),
    ),
    bad=(
        Bad(
            "from zenml.stack import Stack\n\n"
            "stack = Stack(name=\"s\", orchestrator=orch, metadata_store=ms, artifact_store=store)\n",
            count=1,
        ),
        Bad("from zenml.stack.stack import Stack as S\n\nlocal = S.default_local_stack()\n", count=1),
        Bad(
            "from zenml.repository import Repository\n\nopts = Repository().active_stack.runtime_options\n",
            count=1,
        ),
    ),
    good=(
        Good("from zenml.stack import Stack\n\ndef run(stack: Stack) -> None:\n    print(stack.orchestrator)\n"),
        Good("class Stack:\n    def __init__(self, **kw): ...\n\nStack(name='s', orchestrator=1)\n"),
        Good("from zenml.client import Client\n\nprint(Client().active_stack.orchestrator)\n"),
    ),
)

# Stack component classes of 0.13.2 (bases and built-in implementations), canonical paths.
COMPONENT_CLASSES = tuple(
    f"zenml.{p}"
    for p in (
        "alerter.base_alerter.BaseAlerter",
        "annotators.base_annotator.BaseAnnotator",
        "artifact_stores.base_artifact_store.BaseArtifactStore",
        "artifact_stores.local_artifact_store.LocalArtifactStore",
        "container_registries.base_container_registry.BaseContainerRegistry",
        "container_registries.azure_container_registry.AzureContainerRegistry",
        "container_registries.default_container_registry.DefaultContainerRegistry",
        "container_registries.dockerhub_container_registry.DockerHubContainerRegistry",
        "container_registries.gcp_container_registry.GCPContainerRegistry",
        "container_registries.github_container_registry.GitHubContainerRegistry",
        "data_validators.base_data_validator.BaseDataValidator",
        "experiment_trackers.base_experiment_tracker.BaseExperimentTracker",
        "feature_stores.base_feature_store.BaseFeatureStore",
        "model_deployers.base_model_deployer.BaseModelDeployer",
        "orchestrators.base_orchestrator.BaseOrchestrator",
        "orchestrators.local.local_orchestrator.LocalOrchestrator",
        "orchestrators.local_docker.local_docker_orchestrator.LocalDockerOrchestrator",
        "secrets_managers.base_secrets_manager.BaseSecretsManager",
        "secrets_managers.local.local_secrets_manager.LocalSecretsManager",
        "step_operators.base_step_operator.BaseStepOperator",
        "integrations.airflow.orchestrators.airflow_orchestrator.AirflowOrchestrator",
        "integrations.aws.container_registries.aws_container_registry.AWSContainerRegistry",
        "integrations.aws.secrets_managers.aws_secrets_manager.AWSSecretsManager",
        "integrations.aws.step_operators.sagemaker_step_operator.SagemakerStepOperator",
        "integrations.azure.artifact_stores.azure_artifact_store.AzureArtifactStore",
        "integrations.azure.secrets_managers.azure_secrets_manager.AzureSecretsManager",
        "integrations.azure.step_operators.azureml_step_operator.AzureMLStepOperator",
        "integrations.deepchecks.data_validators.deepchecks_data_validator.DeepchecksDataValidator",
        "integrations.evidently.data_validators.evidently_data_validator.EvidentlyDataValidator",
        "integrations.feast.feature_stores.feast_feature_store.FeastFeatureStore",
        "integrations.gcp.artifact_stores.gcp_artifact_store.GCPArtifactStore",
        "integrations.gcp.orchestrators.vertex_orchestrator.VertexOrchestrator",
        "integrations.gcp.secrets_manager.gcp_secrets_manager.GCPSecretsManager",
        "integrations.gcp.step_operators.vertex_step_operator.VertexStepOperator",
        "integrations.github.orchestrators.github_actions_orchestrator.GitHubActionsOrchestrator",
        "integrations.github.secrets_managers.github_secrets_manager.GitHubSecretsManager",
        "integrations.great_expectations.data_validators.ge_data_validator.GreatExpectationsDataValidator",
        "integrations.kserve.model_deployers.kserve_model_deployer.KServeModelDeployer",
        "integrations.kubeflow.orchestrators.kubeflow_orchestrator.KubeflowOrchestrator",
        "integrations.kubernetes.orchestrators.kubernetes_orchestrator.KubernetesOrchestrator",
        "integrations.label_studio.annotators.label_studio_annotator.LabelStudioAnnotator",
        "integrations.mlflow.experiment_trackers.mlflow_experiment_tracker.MLFlowExperimentTracker",
        "integrations.mlflow.model_deployers.mlflow_model_deployer.MLFlowModelDeployer",
        "integrations.s3.artifact_stores.s3_artifact_store.S3ArtifactStore",
        "integrations.seldon.model_deployers.seldon_model_deployer.SeldonModelDeployer",
        "integrations.slack.alerters.slack_alerter.SlackAlerter",
        "integrations.spark.step_operators.kubernetes_step_operator.KubernetesSparkStepOperator",
        "integrations.spark.step_operators.spark_step_operator.SparkStepOperator",
        "integrations.tekton.orchestrators.tekton_orchestrator.TektonOrchestrator",
        "integrations.vault.secrets_manager.vault_secrets_manager.VaultSecretsManager",
        "integrations.wandb.experiment_trackers.wandb_experiment_tracker.WandbExperimentTracker",
        "integrations.whylogs.data_validators.whylogs_data_validator.WhylogsDataValidator",
    )
)
_SUBCLASSES = tuple(f"{c}+" for c in COMPONENT_CLASSES)
# a 0.13.2 component class declares its flavor as a class attribute; 0.20 implementation
# classes do not (the Flavor class names them), so this marks the 0.13.2 shape exactly
# (``StackComponent`` itself too: a component of any type, the type in a ``TYPE`` class attribute)
_FLAVOR_DECLARATIONS = tuple(f"{c}.FLAVOR" for c in (*_SUBCLASSES, "zenml.stack.stack_component.StackComponent+"))

class _Table(dict):
    """Fix data kept in ``fix_args`` (rules are hashed: this one by identity, it never changes)."""

    __hash__ = object.__hash__


@lru_cache(maxsize=None)
def component_data() -> dict:
    """rules/data/component_flavors.json (``scripts/build_component_flavors.py``), read once (ZM423's
    check asks at each class it judges)."""
    from zenml_migrate.scan.data_files import rules_data

    return _Table(rules_data("component_flavors.json")["classes"])


_SETTINGS = "settings: declare `settings_class` on the Flavor and read them with `self.get_settings(info)`"
# 0.13.2 hook methods whose signature changed in 0.20 (0.13.2 and 0.20.x signatures read from the
# wheels with inspect.signature): per component type ("*": every type), the 0.20 parameters,
# the imports they need, and what each old argument became: ``expr`` when a 0.20 expression
# gives exactly the same value (it replaces the argument in the body), ``members`` when exact
# 0.20 expressions give the members the body reads of it (every read is one of them), else ``note``
# for a human.
COMPONENT_HOOKS = _Table({
    "orchestrator": {
        "prepare_or_run_pipeline": {
            "signature": "deployment: PipelineDeployment, stack: Stack",
            "imports": (("zenml.config.pipeline_deployment", "PipelineDeployment"), ("zenml.stack", "Stack")),
            "args": {
                "sorted_steps": {"note": "`deployment.steps` (step name -> `Step`, with `.config` and `.spec`); run one with `self.run_step(step)`"},
                "pipeline": {"note": "`deployment.pipeline` (a `PipelineConfiguration`: `.name`, `.enable_cache`, `.settings`)"},
                "pb2_pipeline": {"note": "gone: ZenML 0.20 builds the TFX pipeline itself; everything is in `deployment`"},
                "stack": {"expr": "stack"},
                # 0.13.2 set the run name (the one given, else generated) before `orchestrator.run`; 0.20's
                # deployment always holds it; the schedule is the one given to `run()` in both
                "runtime_configuration": {
                    "note": "`deployment.run_name`, `deployment.schedule`; " + _SETTINGS.replace("(info)", "(deployment)"),
                    "members": {"run_name": "deployment.run_name", "schedule": "deployment.schedule"},
                },
            },
        },
        "run_step": {
            "signature": "step: Step, run_name: Optional[str] = None",
            "imports": (("zenml.config.step_configurations", "Step"),),
            "typing": ("Optional",),
            "args": {
                "step": {"note": "now a `Step` (`step.config.name`, `step.spec.source`), not a `BaseStep` instance"},
                "run_name": {"expr": "run_name"},
                "pb2_pipeline": {"note": "gone: the step's configuration is `step.config`"},
            },
        },
    },
    "step_operator": {
        "launch": {
            "signature": "info: StepRunInfo, entrypoint_command: List[str]",
            "imports": (("zenml.config.step_run_info", "StepRunInfo"),),
            "typing": ("List",),
            "args": {
                "pipeline_name": {"expr": "info.pipeline.name"},
                "run_name": {"expr": "info.run_name"},
                "docker_configuration": {"note": "`info.pipeline.docker_settings` (a `DockerSettings`: `parent_image`, `requirements`, ...)"},
                "entrypoint_command": {"expr": "entrypoint_command"},
                "resource_configuration": {"expr": "info.config.resource_settings"},
            },
            # the same entrypoint command, but ZenML 0.20's entrypoint also reads the deployment
            # from a file (zenml/entrypoints/base_entrypoint_configuration.py, both versions)
            "todo": (
                "the 0.20 entrypoint command reads the pipeline deployment from `.zenml_deployment_config.yaml` "
                "(zenml.constants.DOCKER_IMAGE_DEPLOYMENT_CONFIG_FILE) in the directory it runs in: ZenML's step "
                "operators put `deployment.yaml()` into the image they build in `prepare_pipeline_deployment(deployment, "
                "stack)`; keep it there and write it where this command runs"
            ),
        },
    },
    "alerter": {
        hook: {
            "signature": f"{first}: str, params: Optional[BaseAlerterStepParameters]",
            "imports": (("zenml.steps.step_interfaces.base_alerter_step", "BaseAlerterStepParameters"),),
            "typing": ("Optional",),
            "args": {"config": {"expr": "params"}},  # the same object: BaseAlerterStepConfig was renamed
        }
        for hook, first in (("post", "message"), ("ask", "question"))
    },
    "*": {
        "prepare_step_run": {
            "signature": "info: StepRunInfo",
            "imports": (("zenml.config.step_run_info", "StepRunInfo"),),
            "args": {},
        },
        "cleanup_step_run": {
            "signature": "info: StepRunInfo",
            "imports": (("zenml.config.step_run_info", "StepRunInfo"),),
            "args": {},
        },
        "prepare_pipeline_deployment": {
            "signature": "deployment: PipelineDeployment, stack: Stack",
            "imports": (("zenml.config.pipeline_deployment", "PipelineDeployment"), ("zenml.stack", "Stack")),
            "args": {
                "pipeline": {"note": "`deployment.pipeline` (a `PipelineConfiguration`), `deployment.steps`"},
                "stack": {"expr": "stack"},
                "runtime_configuration": {"note": "`deployment.run_name`, `deployment.schedule`; " + _SETTINGS.replace("(info)", "(deployment)")},
            },
        },
        "prepare_pipeline_run": {"removed": "do the work in `prepare_pipeline_deployment(deployment, stack)` or `prepare_step_run(info)`"},
        "cleanup_pipeline_run": {"removed": "do the work in `cleanup_step_run(info)`"},
        "runtime_options": {"removed": _SETTINGS},
    },
})

ZM409 = Rule(
    code="ZM409",
    name="custom-stack-component",
    message="Custom stack components need a Config, an implementation and a Flavor class in ZenML 0.20",
    why=(
        "In 0.20 a stack component is three classes: `<X>Config(Base<Type>Config)` with the fields, "
        "`<X>(Base<Type>)` reading `self.config.<field>`, and `<X>Flavor(Base<Type>Flavor)` naming both; "
        "`flavor register` takes the Flavor class. A 0.13.2 subclass with `FLAVOR` and pydantic fields "
        "no longer works (nor does a shared base class with fields and no `FLAVOR`, nor one without fields that "
        "overrides a hook with its 0.13.2 parameters, which 0.20 calls with the 0.20 ones, e.g. "
        "`prepare_pipeline_deployment(deployment=..., stack=...)`: a TypeError; it is ported, with no Flavor, "
        "where a ported class of its module derives from it, else the ports of its subclasses say so); what the 0.20 Config "
        "owns (`SUPPORTED_SCHEMES`, `SUPPORTS_SCOPING`, `is_local`, ...) is read there; "
        "`prepare_pipeline_run`/`cleanup_pipeline_run`/`runtime_options` are gone and "
        "`prepare_step_run`/`cleanup_step_run` take a `StepRunInfo`."
    ),
    instead=(
        "Split the class into Config / implementation / Flavor (the Flavor class's `name` is the flavor "
        "name ZenML reads; the port keeps a `FLAVOR` string on the implementation, which nothing in 0.20 "
        "reads, so code elsewhere that reads `X.FLAVOR` keeps working) and register the Flavor class path."
    ),
    fix=Fix.SAFE,
    fix_note=(
        "Safe when the port is exact (fields, validators, `self.<field>` reads, also in mixins of the "
        "module, `__init__`, private attributes, Config-owned members, hooks whose old arguments all have "
        "a 0.20 equivalent; a field a mixin of another module reads as `self.<field>` is forwarded by a "
        "property of the implementation, `return self.config.<field>`). A base class in another module is built on through the scan's project "
        "index: its port (`<Base>Config`) is written in the same run, and a subclass is ported at the "
        "level its base is. When something is left for a human (a hook argument with no 0.20 equivalent, "
        "a field assigned at run time, a validator that imports a library, a mixin of another module "
        "reading a field the 0.20 class has a member of that name for, a base class whose fields are not known, `self.X` of a member the 0.13.2 base had and the "
        "0.20 class lacks such as `get_upstream_step_names`, `self.X(...)` of an inherited method with arguments its 0.20 "
        "signature rejects, `self` handed on or returned, also through an alias, or bound again by "
        "a nested function) the port is written only with "
        "`--unsafe-fixes`, with a TODO line at each such place; the summary lists them. A port never "
        "imports a class that does not exist after the run."
    ),
    todo=(
        "custom stack components need <X>Config, <X> and <X>Flavor classes in ZenML 0.20: split the class "
        "(`migrate code --fix --unsafe-fixes` does it where it can and marks what is left with TODO lines)"
    ),
    codemod="flavors:PortComponent",
    fix_args=(("components", component_data()), ("hooks", COMPONENT_HOOKS)),
    match=(Ref(*_FLAVOR_DECLARATIONS, ctx="store"),),
    bad=(
        Bad(
            "from typing import ClassVar\n\nfrom zenml.orchestrators import BaseOrchestrator\n\n\n"
            "class MyOrchestrator(BaseOrchestrator):\n    FLAVOR: ClassVar[str] = \"mine\"\n    host: str\n",
            count=1,
            fixed=snippet(
            '''\
            from typing import ClassVar, Type, cast

            from zenml.orchestrators import BaseOrchestrator
            from zenml.orchestrators.base_orchestrator import BaseOrchestratorConfig, BaseOrchestratorFlavor


            class MyOrchestratorConfig(BaseOrchestratorConfig):
                """Configuration of the `MyOrchestrator` orchestrator."""

                host: str


            class MyOrchestratorFlavor(BaseOrchestratorFlavor):
                """Flavor of the `MyOrchestrator` orchestrator."""

                @property
                def name(self) -> str:
                    """Name of the flavor."""
                    return "mine"

                @property
                def config_class(self) -> Type[MyOrchestratorConfig]:
                    """The config class of the flavor."""
                    return MyOrchestratorConfig

                @property
                def implementation_class(self) -> Type["MyOrchestrator"]:
                    """Implementation class for this flavor."""
                    return MyOrchestrator


            class MyOrchestrator(BaseOrchestrator):
                FLAVOR: ClassVar[str] = "mine"

                @property
                def config(self) -> MyOrchestratorConfig:
                    """Returns the `MyOrchestratorConfig` config.

                    Returns:
                        The configuration.
                    """
                    return cast(MyOrchestratorConfig, self._config)
            '''
        ),
        ),
        # fields, a validator, a private attribute, `self.uuid`, and the step operator hook whose old
        # arguments all have a 0.20 expression; the deployment file its entrypoint reads needs a human
        Bad(
            snippet(
            '''\
            import subprocess
            from typing import Any, List

            from pydantic import PrivateAttr, validator
            from zenml.step_operators import BaseStepOperator


            class ShellStepOperator(BaseStepOperator):
                """Runs each step in a shell."""

                FLAVOR = "shell"
                shell: str = "/bin/sh"
                _runs: int = PrivateAttr(default=0)

                @validator("shell")
                def _absolute(cls, value: str) -> str:
                    if not value.startswith("/"):
                        raise ValueError("an absolute path")
                    return value

                def launch(self, pipeline_name: str, run_name: str, docker_configuration: Any, entrypoint_command: List[str], resource_configuration: Any) -> None:
                    self._runs += 1
                    print(f"{pipeline_name}/{run_name} on {self.uuid}")
                    subprocess.check_call([self.shell, "-c", " ".join(entrypoint_command)])
            '''
        ),
            unsafe=True,
            fixed=snippet(
            '''\
            import subprocess
            from typing import Any, List, Type, cast

            from pydantic import PrivateAttr, validator
            from zenml.config.step_run_info import StepRunInfo
            from zenml.step_operators import BaseStepOperator
            from zenml.step_operators.base_step_operator import BaseStepOperatorConfig, BaseStepOperatorFlavor


            class ShellStepOperatorConfig(BaseStepOperatorConfig):
                """Configuration of the `ShellStepOperator` step operator."""

                shell: str = "/bin/sh"

                @validator("shell")
                def _absolute(cls, value: str) -> str:
                    if not value.startswith("/"):
                        raise ValueError("an absolute path")
                    return value


            class ShellStepOperatorFlavor(BaseStepOperatorFlavor):
                """Flavor of the `ShellStepOperator` step operator."""

                @property
                def name(self) -> str:
                    """Name of the flavor."""
                    return "shell"

                @property
                def config_class(self) -> Type[ShellStepOperatorConfig]:
                    """The config class of the flavor."""
                    return ShellStepOperatorConfig

                @property
                def implementation_class(self) -> Type["ShellStepOperator"]:
                    """Implementation class for this flavor."""
                    return ShellStepOperator


            class ShellStepOperator(BaseStepOperator):
                """Runs each step in a shell."""

                FLAVOR = "shell"
                _runs: int = 0

                @property
                def config(self) -> ShellStepOperatorConfig:
                    """Returns the `ShellStepOperatorConfig` config.

                    Returns:
                        The configuration.
                    """
                    return cast(ShellStepOperatorConfig, self._config)

                # TODO(zenml-migrate): ZM409 the 0.20 entrypoint command reads the pipeline deployment from `.zenml_deployment_config.yaml` (zenml.constants.DOCKER_IMAGE_DEPLOYMENT_CONFIG_FILE) in the directory it runs in: ZenML's step operators put `deployment.yaml()` into the image they build in `prepare_pipeline_deployment(deployment, stack)`; keep it there and write it where this command runs
                def launch(self, info: StepRunInfo, entrypoint_command: List[str]) -> None:
                    self._runs += 1
                    print(f"{info.pipeline.name}/{info.run_name} on {self.id}")
                    subprocess.check_call([self.config.shell, "-c", " ".join(entrypoint_command)])
            '''
        ),
        ),
        # a subclass of a built-in component with a hook whose old arguments need a human: ported
        # only with --unsafe-fixes, with a TODO that says what each old argument became
        Bad(
            snippet(
            '''\
            from zenml.orchestrators import LocalOrchestrator


            class LoudOrchestrator(LocalOrchestrator):
                FLAVOR = "loud"
                volume: int = 11

                def prepare_or_run_pipeline(self, sorted_steps, pipeline, pb2_pipeline, stack, runtime_configuration):
                    print("!" * self.volume, runtime_configuration.run_name)
                    return super().prepare_or_run_pipeline(sorted_steps, pipeline, pb2_pipeline, stack, runtime_configuration)
            '''
        ),
            unsafe=True,
            fixed=snippet(
            '''\
            from typing import Type, cast
            from zenml.config.pipeline_deployment import PipelineDeployment
            from zenml.orchestrators import LocalOrchestrator
            from zenml.orchestrators.local.local_orchestrator import LocalOrchestratorConfig, LocalOrchestratorFlavor
            from zenml.stack import Stack


            class LoudOrchestratorConfig(LocalOrchestratorConfig):
                """Configuration of the `LoudOrchestrator` orchestrator."""

                volume: int = 11


            class LoudOrchestratorFlavor(LocalOrchestratorFlavor):
                """Flavor of the `LoudOrchestrator` orchestrator."""

                @property
                def name(self) -> str:
                    """Name of the flavor."""
                    return "loud"

                @property
                def config_class(self) -> Type[LoudOrchestratorConfig]:
                    """The config class of the flavor."""
                    return LoudOrchestratorConfig

                @property
                def implementation_class(self) -> Type["LoudOrchestrator"]:
                    """Implementation class for this flavor."""
                    return LoudOrchestrator


            class LoudOrchestrator(LocalOrchestrator):
                FLAVOR = "loud"

                @property
                def config(self) -> LoudOrchestratorConfig:
                    """Returns the `LoudOrchestratorConfig` config.

                    Returns:
                        The configuration.
                    """
                    return cast(LoudOrchestratorConfig, self._config)

                # TODO(zenml-migrate): ZM409 ZenML 0.20 calls `prepare_or_run_pipeline(self, deployment: PipelineDeployment, stack: Stack)`; what the old arguments became:
                #   `sorted_steps`: `deployment.steps` (step name -> `Step`, with `.config` and `.spec`); run one with `self.run_step(step)`
                #   `pipeline`: `deployment.pipeline` (a `PipelineConfiguration`: `.name`, `.enable_cache`, `.settings`)
                #   `pb2_pipeline`: gone: ZenML 0.20 builds the TFX pipeline itself; everything is in `deployment`
                #   `runtime_configuration`: `deployment.run_name`, `deployment.schedule`; settings: declare `settings_class` on the Flavor and read them with `self.get_settings(deployment)`
                def prepare_or_run_pipeline(self, deployment: PipelineDeployment, stack: Stack):
                    print("!" * self.config.volume, runtime_configuration.run_name)
                    return super().prepare_or_run_pipeline(sorted_steps, pipeline, pb2_pipeline, stack, runtime_configuration)
            '''
        ),
        ),
        # `StackComponent` itself: the `TYPE` becomes the Flavor's `type`; `__init__` takes *args
        Bad(
            snippet(
            '''\
            from typing import ClassVar

            from zenml.enums import StackComponentType
            from zenml.stack import StackComponent


            class Notifier(StackComponent):
                TYPE: ClassVar[StackComponentType] = StackComponentType.ALERTER
                FLAVOR: ClassVar[str] = "notifier"
                channel: str = "#ml"

                def __init__(self, **kwargs):
                    super().__init__(**kwargs)
                    self.sent = []
            '''
        ),
            fixed=snippet(
            '''\
            from typing import Any, ClassVar, Type, cast

            from zenml.enums import StackComponentType
            from zenml.stack import StackComponent
            from zenml.stack.flavor import Flavor
            from zenml.stack.stack_component import StackComponentConfig


            class NotifierConfig(StackComponentConfig):
                """Configuration of the `Notifier` stack component."""

                channel: str = "#ml"


            class NotifierFlavor(Flavor):
                """Flavor of the `Notifier` stack component."""

                @property
                def name(self) -> str:
                    """Name of the flavor."""
                    return "notifier"

                @property
                def type(self) -> StackComponentType:
                    """The stack component type."""
                    return StackComponentType.ALERTER

                @property
                def config_class(self) -> Type[NotifierConfig]:
                    """The config class of the flavor."""
                    return NotifierConfig

                @property
                def implementation_class(self) -> Type["Notifier"]:
                    """Implementation class for this flavor."""
                    return Notifier


            class Notifier(StackComponent):
                FLAVOR: ClassVar[str] = "notifier"

                def __init__(self, *args: Any, **kwargs: Any) -> None:
                    super().__init__(*args, **kwargs)
                    self.sent = []

                @property
                def config(self) -> NotifierConfig:
                    """Returns the `NotifierConfig` config.

                    Returns:
                        The configuration.
                    """
                    return cast(NotifierConfig, self._config)
            '''
        ),
        ),
        # a team's base class with fields and no FLAVOR (its Config, no Flavor), a subclass with a
        # flavor building on it, and a mixin reading the fields (read from the config too)
        Bad(
            snippet(
            '''\
            from typing import Dict, Optional

            from zenml.orchestrators import BaseOrchestrator


            class LabelsMixin:
                @property
                def labels(self) -> Dict[str, str]:
                    return {"team": self.team}


            class TeamOrchestrator(LabelsMixin, BaseOrchestrator):
                """Shared base of the team's orchestrators: fields, no flavor.

                Attributes:
                    team: Owner of the runs.
                    queue: Queue to submit to (default: the team's).
                """

                team: str = "ml"
                queue: Optional[str] = None

                def queue_name(self) -> str:
                    return self.queue or self.team


            class NightlyOrchestrator(TeamOrchestrator):
                FLAVOR = "nightly"
                hour: int = 2

                def cron(self) -> str:
                    return f"0 {self.hour} * * * {self.queue_name()}"
            '''
        ),
            count=2,
            fixed=snippet(
            '''\
            from typing import Dict, Optional, Type, cast

            from zenml.orchestrators import BaseOrchestrator
            from zenml.orchestrators.base_orchestrator import BaseOrchestratorConfig, BaseOrchestratorFlavor


            class LabelsMixin:
                @property
                def labels(self) -> Dict[str, str]:
                    return {"team": self.config.team}


            class TeamOrchestratorConfig(BaseOrchestratorConfig):
                """Configuration of the `TeamOrchestrator` orchestrator.

                Attributes:
                    team: Owner of the runs.
                    queue: Queue to submit to (default: the team's).
                """

                team: str = "ml"
                queue: Optional[str] = None


            class TeamOrchestrator(LabelsMixin, BaseOrchestrator):
                """Shared base of the team's orchestrators: fields, no flavor."""

                @property
                def config(self) -> TeamOrchestratorConfig:
                    """Returns the `TeamOrchestratorConfig` config.

                    Returns:
                        The configuration.
                    """
                    return cast(TeamOrchestratorConfig, self._config)

                def queue_name(self) -> str:
                    return self.config.queue or self.config.team


            class NightlyOrchestratorConfig(TeamOrchestratorConfig):
                """Configuration of the `NightlyOrchestrator` orchestrator."""

                hour: int = 2


            class NightlyOrchestratorFlavor(BaseOrchestratorFlavor):
                """Flavor of the `NightlyOrchestrator` orchestrator."""

                @property
                def name(self) -> str:
                    """Name of the flavor."""
                    return "nightly"

                @property
                def config_class(self) -> Type[NightlyOrchestratorConfig]:
                    """The config class of the flavor."""
                    return NightlyOrchestratorConfig

                @property
                def implementation_class(self) -> Type["NightlyOrchestrator"]:
                    """Implementation class for this flavor."""
                    return NightlyOrchestrator


            class NightlyOrchestrator(TeamOrchestrator):
                FLAVOR = "nightly"

                @property
                def config(self) -> NightlyOrchestratorConfig:
                    """Returns the `NightlyOrchestratorConfig` config.

                    Returns:
                        The configuration.
                    """
                    return cast(NightlyOrchestratorConfig, self._config)

                def cron(self) -> str:
                    return f"0 {self.config.hour} * * * {self.queue_name()}"
            '''
        ),
        ),
        # FLAVOR from a constant; what the 0.20 Config owns moves there (SUPPORTS_SCOPING); a model
        # deployer keeps `FLAVOR` as the Flavor class 0.20.5 reads; `self.FLAVOR` / `X.FLAVOR` reads
        Bad(
            snippet(
            '''\
            from typing import ClassVar

            from zenml.model_deployers import BaseModelDeployer
            from zenml.secrets_managers import BaseSecretsManager

            FOLDER_FLAVOR = "folder"


            class FolderDeployer(BaseModelDeployer):
                NAME: ClassVar[str] = "Folder"
                FLAVOR: ClassVar[str] = FOLDER_FLAVOR

                root: str

                def describe(self) -> str:
                    return f"{self.NAME} ({self.FLAVOR}) in {self.root}"


            class EnvSecretsManager(BaseSecretsManager):
                FLAVOR: ClassVar[str] = "env"
                SUPPORTS_SCOPING: ClassVar[bool] = True

                prefix: str = "APP_"


            print(FolderDeployer.FLAVOR)
            '''
        ),
            count=2,
            fixed=snippet(
            '''\
            from typing import ClassVar, Type, cast

            from zenml.model_deployers import BaseModelDeployer
            from zenml.model_deployers.base_model_deployer import BaseModelDeployerConfig, BaseModelDeployerFlavor
            from zenml.secrets_managers import BaseSecretsManager
            from zenml.secrets_managers.base_secrets_manager import BaseSecretsManagerConfig, BaseSecretsManagerFlavor

            FOLDER_FLAVOR = "folder"


            class FolderDeployerConfig(BaseModelDeployerConfig):
                """Configuration of the `FolderDeployer` model deployer."""

                root: str


            class FolderDeployerFlavor(BaseModelDeployerFlavor):
                """Flavor of the `FolderDeployer` model deployer."""

                @property
                def name(self) -> str:
                    """Name of the flavor."""
                    return FOLDER_FLAVOR

                @property
                def config_class(self) -> Type[FolderDeployerConfig]:
                    """The config class of the flavor."""
                    return FolderDeployerConfig

                @property
                def implementation_class(self) -> Type["FolderDeployer"]:
                    """Implementation class for this flavor."""
                    return FolderDeployer


            class FolderDeployer(BaseModelDeployer):
                NAME: ClassVar[str] = "Folder"
                FLAVOR: ClassVar[Type[BaseModelDeployerFlavor]] = FolderDeployerFlavor

                @property
                def config(self) -> FolderDeployerConfig:
                    """Returns the `FolderDeployerConfig` config.

                    Returns:
                        The configuration.
                    """
                    return cast(FolderDeployerConfig, self._config)

                def describe(self) -> str:
                    return f"{self.NAME} ({self.flavor}) in {self.config.root}"


            class EnvSecretsManagerConfig(BaseSecretsManagerConfig):
                """Configuration of the `EnvSecretsManager` secrets manager."""

                SUPPORTS_SCOPING: ClassVar[bool] = True

                prefix: str = "APP_"


            class EnvSecretsManagerFlavor(BaseSecretsManagerFlavor):
                """Flavor of the `EnvSecretsManager` secrets manager."""

                @property
                def name(self) -> str:
                    """Name of the flavor."""
                    return "env"

                @property
                def config_class(self) -> Type[EnvSecretsManagerConfig]:
                    """The config class of the flavor."""
                    return EnvSecretsManagerConfig

                @property
                def implementation_class(self) -> Type["EnvSecretsManager"]:
                    """Implementation class for this flavor."""
                    return EnvSecretsManager


            class EnvSecretsManager(BaseSecretsManager):
                FLAVOR: ClassVar[str] = "env"

                @property
                def config(self) -> EnvSecretsManagerConfig:
                    """Returns the `EnvSecretsManagerConfig` config.

                    Returns:
                        The configuration.
                    """
                    return cast(EnvSecretsManagerConfig, self._config)


            print(FolderDeployerFlavor().name)
            '''
        ),
        ),
        Bad(
            "import zenml.integrations.s3.artifact_stores as s3\n\n"
            "class MyStore(s3.S3ArtifactStore):\n    FLAVOR = \"my_s3\"\n\n"
            "class MyOtherStore(MyStore):\n    FLAVOR = \"my_other_s3\"\n    region: str = \"eu\"\n\nprint(MyStore.FLAVOR)\n",
            count=2,
        ),
    ),
    good=(
        Good("from zenml.orchestrators import BaseOrchestrator\n\ndef kind(o: BaseOrchestrator) -> str:\n    return o.FLAVOR\n"),
        Good(
            "from zenml.materializers.base_materializer import BaseMaterializer\n\n"
            "class MyMaterializer(BaseMaterializer):\n    ASSOCIATED_TYPES = (dict,)\n"
        ),
        Good("class BaseOrchestrator:\n    pass\n\nclass Mine(BaseOrchestrator):\n    FLAVOR = 'x'\n"),
        Good(
            "from typing import Any\n\nfrom zenml.orchestrators import BaseOrchestrator\n\n\n"
            "class MyOrchestrator(BaseOrchestrator):\n    \"\"\"0.20 implementation, named by MyOrchestratorFlavor.\"\"\"\n\n"
            "    def prepare_or_run_pipeline(self, deployment: Any, stack: Any) -> Any:\n        raise NotImplementedError\n"
        ),
        # the 0.20 shape: FLAVOR is the Flavor class; a Config class next to the implementation
        Good(
            "from typing import ClassVar, Type\n\nfrom zenml.model_deployers import BaseModelDeployer\n"
            "from zenml.model_deployers.base_model_deployer import BaseModelDeployerConfig, BaseModelDeployerFlavor\n\n\n"
            "class FolderDeployerConfig(BaseModelDeployerConfig):\n    root: str\n\n\n"
            "class FolderDeployerFlavor(BaseModelDeployerFlavor):\n    pass\n\n\n"
            "class FolderDeployer(BaseModelDeployer):\n    NAME: ClassVar[str] = \"Folder\"\n"
            "    FLAVOR: ClassVar[Type[BaseModelDeployerFlavor]] = FolderDeployerFlavor\n    calls: int = 0\n"
        ),
        # a base class without fields of its own: nothing to port
        Good("from zenml.orchestrators import BaseOrchestrator\n\n\nclass TeamBase(BaseOrchestrator):\n    RETRIES = 3\n\n    def retries(self) -> int:\n        return self.RETRIES\n"),
    ),
)

ZM410 = Rule(
    code="ZM410",
    fails=Fails(registration=True),
    name="component-instantiation",
    message="Stack components cannot be instantiated with field keywords in ZenML 0.20",
    why=(
        "0.20 component classes are not pydantic models any more: `__init__` needs `name`, `id`, "
        "`config`, `flavor`, `type`, `user`, `project`, `created`, `updated`, so "
        "`S3ArtifactStore(name=..., path=...)` raises TypeError."
    ),
    instead="Register the component (`zenml artifact-store register ...`) and use it through `Client().active_stack`.",
    fix=Fix.NONE,
    fix_note="No automatic fix: components are created from stored models in 0.20.",
    todo="stack components are not created directly in ZenML 0.20; register them and use Client().active_stack",
    match=(Kwarg(COMPONENT_CLASSES + _SUBCLASSES, "name"),),
    bad=(
        Bad(
            "from zenml.integrations.s3.artifact_stores import S3ArtifactStore\n\n"
            "store = S3ArtifactStore(name=\"s3\", path=\"s3://bucket\")\n",
            count=1,
        ),
        Bad(
            "from zenml.orchestrators import LocalOrchestrator as LO\n\nclass Mine(LO):\n    pass\n\norch = Mine(name=\"o\")\n",
            count=1,
        ),
    ),
    good=(
        Good("from zenml.client import Client\n\nstore = Client().active_stack.artifact_store\n"),
        Good(
            "from zenml.integrations.mlflow.model_deployers import MLFlowModelDeployer\n\n"
            "deployer = MLFlowModelDeployer.get_active_model_deployer()\n"
        ),
        Good("class S3ArtifactStore:\n    def __init__(self, name): ...\n\nS3ArtifactStore(name='x')\n"),
    ),
)

_ALERTER_CALLS = tuple(
    f"{cls}().{method}"
    for cls in ("zenml.alerter.base_alerter.BaseAlerter", "zenml.integrations.slack.alerters.slack_alerter.SlackAlerter")
    for method in ("post", "ask")
)

ZM411 = Rule(
    code="ZM411",
    name="alerter-config-keyword",
    message="`alerter.post/ask(..., config=...)` takes `params=` in ZenML 0.20",
    why="0.20 renamed the keyword of `BaseAlerter.post` / `.ask` (and the Slack alerter's) from `config` to `params` (TypeError).",
    instead="`alerter.post(message, params=...)` (positional use is unaffected).",
    fix=Fix.SAFE,
    fix_note="Safe: a keyword rename with the same value.",
    match=(Kwarg(_ALERTER_CALLS, "config"),),
    codemod="keywords:RenameKeywords",
    fix_args=(("keywords", (("config", "params"),)),),
    bad=(
        Bad(
            "from zenml.steps import step, StepContext\n\n@step\ndef notify(context: StepContext) -> None:\n"
            "    context.stack.alerter.post(\"done\", config=cfg)\n",
            fixed="from zenml.steps import step, StepContext\n\n@step\ndef notify(context: StepContext) -> None:\n"
            "    context.stack.alerter.post(\"done\", params=cfg)\n",
            count=1,
        ),
        Bad(
            "from zenml.alerter.alerter_utils import get_active_alerter\n\n"
            "def ask(context):\n    alerter = get_active_alerter(context)\n    return alerter.ask(\"deploy?\", config=cfg)\n",
            fixed="from zenml.alerter.alerter_utils import get_active_alerter\n\n"
            "def ask(context):\n    alerter = get_active_alerter(context)\n    return alerter.ask(\"deploy?\", params=cfg)\n",
            count=1,
        ),
        Bad(
            "from zenml.integrations.slack.alerters.slack_alerter import SlackAlerter as SA\n\n"
            "def notify(alerter: SA) -> bool:\n    return alerter.post(\"done\", config=None)\n",
            fixed="from zenml.integrations.slack.alerters.slack_alerter import SlackAlerter as SA\n\n"
            "def notify(alerter: SA) -> bool:\n    return alerter.post(\"done\", params=None)\n",
            count=1,
        ),
    ),
    good=(
        Good(
            "from zenml.steps import step, StepContext\n\n@step\ndef notify(context: StepContext) -> None:\n"
            "    context.stack.alerter.post(\"done\", cfg)\n"
        ),
        Good("import requests\n\nrequests.post(\"http://x\", config=1)\n"),
        Good(
            "from zenml.client import Client\n\nClient().active_stack.alerter.post(\"done\", params=cfg)\n"
        ),
    ),
)

_MLFLOW_TRACKER = "zenml.integrations.mlflow.experiment_trackers.mlflow_experiment_tracker.MLFlowExperimentTracker"
_TRACKER_MEMBERS = ("active_experiment", "active_run", "active_nested_run")
_URI_HELPERS = ("is_remote_tracking_uri", "is_databricks_tracking_uri")

ZM412 = Rule(
    code="ZM412",
    fails=Fails(),
    name="mlflow-tracker-members",
    message="This `MLFlowExperimentTracker` member is gone in ZenML 0.20",
    why=(
        "0.20's `MLFlowExperimentTracker` has no `active_experiment`, `active_run`, `active_nested_run`, "
        "and the static `is_remote_tracking_uri` / `is_databricks_tracking_uri` became module functions "
        "of `zenml.integrations.mlflow.flavors.mlflow_experiment_tracker_flavor` (AttributeError)."
    ),
    instead=(
        "Inside a step that names the tracker (`@step(experiment_tracker=...)`) use `mlflow.active_run()`; "
        "`zenml.integrations.mlflow.mlflow_utils.get_tracking_uri()` still exists."
    ),
    fix=Fix.NONE,
    fix_note="No automatic fix: the run is reached through mlflow itself in 0.20.",
    todo="use mlflow.active_run() inside a step with experiment_tracker=... in ZenML 0.20",
    match=(
        Ref(
            *(f"{_MLFLOW_TRACKER}().{m}" for m in _TRACKER_MEMBERS + _URI_HELPERS),
            *(f"{_MLFLOW_TRACKER}.{m}" for m in _URI_HELPERS),
            # a stack's tracker is typed as the base class (api013.STACK_COMPONENTS): these were the mlflow one's
            *(f"{api013.STACK_COMPONENTS[api013.STACK + '.experiment_tracker']}.{m}" for m in _TRACKER_MEMBERS),
        ),
    ),
    bad=(
        Bad(
            "from zenml.repository import Repository\n\nrun = Repository().active_stack.experiment_tracker.active_run\n",
            count=1,
        ),
        Bad(
            "from zenml.integrations.mlflow.experiment_trackers import MLFlowExperimentTracker\n\n"
            "remote = MLFlowExperimentTracker.is_remote_tracking_uri(uri)\n"
            "def f(t: MLFlowExperimentTracker):\n    return t.active_experiment\n",
            count=2,
        ),
        Bad(
            "import zenml.integrations.mlflow.experiment_trackers.mlflow_experiment_tracker as mt\n"
            "from zenml.steps import StepContext\n\n"
            "def f(context: StepContext):\n    tracker = context.stack.experiment_tracker\n"
            "    return tracker.active_nested_run, mt.MLFlowExperimentTracker.is_databricks_tracking_uri(u)\n",
            count=2,
        ),
    ),
    good=(
        Good("import mlflow\n\nrun = mlflow.active_run()\n"),
        Good("from zenml.integrations.mlflow.mlflow_utils import get_tracking_uri\n\nuri = get_tracking_uri()\n"),
        Good("class T:\n    active_run = None\n\nT().active_run\n"),
    ),
)

_CLASS_LEVEL = ("initialize", "find_repository", "get_instance", "is_repository_directory")
_CLASS_LEVEL_RENAMES = tuple((f"{REPO_CLASS}.{m}", f"zenml.client.Client.{m}") for m in _CLASS_LEVEL)

ZM413 = Rule(
    code="ZM413",
    name="repository-class-methods",
    message="Class-level `Repository.<method>()` fails in ZenML 0.20; call it on `Client`",
    why=(
        "In 0.20 `Repository` is only a deprecated alias whose instantiation returns a `Client`: "
        "`Repository.initialize()`, `.find_repository()`, `.get_instance()` and "
        "`.is_repository_directory()` raise AttributeError. `Client` has all four."
    ),
    instead="`from zenml.client import Client` and `Client.initialize()` (etc.).",
    fix=Fix.SAFE,
    fix_note="Safe: `Client` has the same static/class methods with the same arguments.",
    **renaming(_CLASS_LEVEL_RENAMES),
    bad=(
        Bad(
            _IMPORT + "Repository.initialize()\n",
            fixed="from zenml.client import Client\n\nClient.initialize()\n",
            count=1,
        ),
        Bad(
            "import zenml.repository as r\n\nif not r.Repository.is_repository_directory(path):\n"
            "    root = r.Repository.find_repository()\n",
            fixed="import zenml.repository as r\nfrom zenml.client import Client\n\n"
            "if not Client.is_repository_directory(path):\n    root = Client.find_repository()\n",
            count=2,
        ),
    ),
    good=(
        Good("from zenml.client import Client\n\nClient.initialize()\n"),
        Good(_IMPORT + "Repository().active_stack\n# migrate: ignore[ZM108]\n"),
        Good(SHIM + "Client.initialize()\n"),
        Good("class Repository:\n    @staticmethod\n    def initialize(): ...\n\nRepository.initialize()\n"),
    ),
)
