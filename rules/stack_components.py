"""ZM420-ZM422: what 0.13.2 code read on a stack component (``Repository().active_stack.orchestrator``,
``Client().active_stack.experiment_tracker``, ``context.stack.artifact_store``, a variable holding
one, an argument typed with a component class) that a 0.20 component no longer has.

In 0.13.2 a stack component was a pydantic model: its configuration were its own fields and its
flavor a ``FLAVOR`` class attribute. In 0.20 a component holds its configuration in
``component.config`` and its flavor name in ``component.flavor``: the old reads raise
AttributeError. The members and fields come from the real wheels
(``scripts/build_component_members.py`` -> ``rules/data/component_members.json``).
"""

import ast

from zenml_migrate.rules.base import Bad, Fails, Fix, Good, Ref, Rule, snippet as _c
from zenml_migrate.scan import component_members as cm
from zenml_migrate.scan.zenml_index import canonical

_CODEMOD = "component_members:ComponentMembers"

ZM420 = Rule(
    code="ZM420",
    name="component-flavor-attribute",
    message="A stack component's `FLAVOR` / `TYPE` / `uuid` are `flavor` / `type` / `id` in ZenML 0.20",
    why=(
        "0.20 stack components have no `FLAVOR` / `TYPE` class attributes (both moved to the separate `Flavor` "
        "class; the component's flavor name and component type are the instance attributes `flavor` and `type`) "
        "and no `uuid` (the component's id is `id`): AttributeError. On 0.20.5 the model deployers' and data "
        "validators' `FLAVOR` is the Flavor class, not its name."
    ),
    instead="`component.flavor` (the flavor name, e.g. `\"kubeflow\"`), `component.type` (a `StackComponentType`), "
    "`component.id`.",
    fix=Fix.SAFE,
    fix_note="Safe: the same value (the flavor name string, the `StackComponentType`, the component's UUID) "
    "under its 0.20 name, on the same object.",
    codemod=_CODEMOD,
    fix_args=(("members", tuple(sorted(cm.renamed().items()))),),
    match=(Ref(*cm.member_paths("renamed"), ctx="load"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.repository import Repository


                def where():
                    orchestrator = Repository().active_stack.orchestrator
                    if orchestrator.FLAVOR == "kubeflow":
                        return orchestrator.uuid
                    return None
                """
            ),
            fixed=_c(
                """
                from zenml.client import Client


                def where():
                    orchestrator = Client().active_stack.orchestrator
                    if orchestrator.flavor == "kubeflow":
                        return orchestrator.id
                    return None
                """
            ),
            count=2,
        ),
        Bad(
            _c(
                """
                from zenml.client import Client

                print(Client().active_stack.artifact_store.FLAVOR)
                """
            ),
            fixed=_c(
                """
                from zenml.client import Client

                print(Client().active_stack.artifact_store.flavor)
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.repository import Repository

                for component in Repository().active_stack.components.values():
                    print(component.name, component.FLAVOR)
                """
            ),
            fixed=_c(
                """
                from zenml.client import Client

                for component in Client().active_stack.components.values():
                    print(component.name, component.flavor)
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.enums import StackComponentType
                from zenml.repository import Repository


                def step_operators():
                    stack = Repository().active_stack
                    return [c.name for c in stack.components.values() if c.TYPE == StackComponentType.STEP_OPERATOR]
                """
            ),
            fixed=_c(
                """
                from zenml.enums import StackComponentType
                from zenml.client import Client


                def step_operators():
                    stack = Client().active_stack
                    return [c.name for c in stack.components.values() if c.type == StackComponentType.STEP_OPERATOR]
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.enums import StackComponentType
                from zenml.repository import Repository


                def flavors():
                    components = Repository().active_stack.components
                    manager = components.get(StackComponentType.SECRETS_MANAGER)
                    orchestrator = components[StackComponentType.ORCHESTRATOR]
                    return manager.FLAVOR, orchestrator.uuid
                """
            ),
            fixed=_c(
                """
                from zenml.enums import StackComponentType
                from zenml.client import Client


                def flavors():
                    components = Client().active_stack.components
                    manager = components.get(StackComponentType.SECRETS_MANAGER)
                    orchestrator = components[StackComponentType.ORCHESTRATOR]
                    return manager.flavor, orchestrator.id
                """
            ),
            count=2,
        ),
    ),
    good=(
        Good("from zenml.client import Client\n\nprint(Client().active_stack.orchestrator.flavor)\n"),
        Good(
            "from zenml.client import Client\n\n"
            "for kind in Client().active_stack.components:\n    print(kind.value)\n"
        ),
        Good("class Orchestrator:\n    FLAVOR = 'x'\n\nprint(Orchestrator().FLAVOR)\n"),
    ),
)

ZM421 = Rule(
    code="ZM421",
    name="component-config-field",
    message="A stack component's configuration is under `.config` in ZenML 0.20: read `component.config.<field>`",
    why=(
        "In 0.13.2 the configuration of a component (`kubeflow_hostname`, `tracking_uri`, `uri`, ...) were "
        "fields of the component itself. 0.20 moved them into the component's config object "
        "(`KubeflowOrchestratorConfig`, ...): `component.<field>` raises AttributeError, "
        "`component.config.<field>` gives the value. Flagged only where the 0.20 config class of every "
        "0.13.2 flavor that had the field has it too, and no 0.20 component of the type has it as a member."
    ),
    instead="`component.config.<field>` (e.g. `Client().active_stack.orchestrator.config.kubeflow_hostname`).",
    fix=Fix.SAFE,
    fix_note="Safe: the same value, read from the component's 0.20 config, which has that field for every "
    "flavor that had it in 0.13.2.",
    codemod=_CODEMOD,
    fix_args=(("under", "config"),),
    match=(Ref(*cm.member_paths("config"), ctx="load"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.repository import Repository

                repo = Repository()
                orchestrator = repo.active_stack.orchestrator
                print("Kubeflow UI at", orchestrator.kubeflow_hostname)
                """
            ),
            fixed=_c(
                """
                from zenml.client import Client

                repo = Client()
                orchestrator = repo.active_stack.orchestrator
                print("Kubeflow UI at", orchestrator.config.kubeflow_hostname)
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.steps import StepContext, step


                @step
                def report(context: StepContext) -> str:
                    return context.stack.experiment_tracker.tracking_uri
                """
            ),
            fixed=_c(
                """
                from zenml.steps import StepContext, step


                @step
                def report(context: StepContext) -> str:
                    return context.stack.experiment_tracker.config.tracking_uri
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.container_registries import BaseContainerRegistry


                def image_name(registry: BaseContainerRegistry, name: str) -> str:
                    return f"{registry.uri}/{name}"
                """
            ),
            fixed=_c(
                """
                from zenml.container_registries import BaseContainerRegistry


                def image_name(registry: BaseContainerRegistry, name: str) -> str:
                    return f"{registry.config.uri}/{name}"
                """
            ),
            count=1,
        ),
    ),
    good=(
        # 0.20 artifact stores still have `path` (a property reading the config)
        Good("from zenml.client import Client\n\nprint(Client().active_stack.artifact_store.path)\n"),
        Good("from zenml.client import Client\n\nprint(Client().active_stack.orchestrator.config.kubeflow_hostname)\n"),
        Good("from zenml.client import Client\n\nprint(Client().active_stack.orchestrator.name)\n"),
    ),
)

ZM422 = Rule(
    code="ZM422",
    fails=Fails(),
    name="component-field-removed",
    message="This stack component field is gone in ZenML 0.20 (neither on the component nor in its config)",
    why=(
        "The 0.13.2 component had this field; the 0.20 component and its config class do not (AttributeError). "
        "The Docker image fields (`docker_parent_image`, `custom_docker_base_image_name`, `base_image`, "
        "`docker_base_image`) became the `parent_image` of the pipeline's or step's `DockerSettings`; "
        "`automatic_token_authentication` is gone."
    ),
    instead='Read the value where 0.20 keeps it: `DockerSettings(parent_image=...)` in `settings={"docker": ...}` '
    "of the pipeline or step, or drop the read.",
    fix=Fix.NONE,
    fix_note="No automatic fix: the value is no longer a property of the component.",
    todo="this stack component field is gone in ZenML 0.20 (Docker images: DockerSettings(parent_image=...))",
    match=(Ref(*cm.member_paths("gone"), ctx="load"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.repository import Repository

                base = Repository().active_stack.orchestrator.custom_docker_base_image_name
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good('from zenml.config import DockerSettings\n\ndocker = DockerSettings(parent_image="python:3.9")\n'),
    ),
)


def _class_named_as_written(node, site):
    """``Class.FLAVOR`` is rewritten when the class is named by its own name (not an alias); else
    the reason says which Flavor class to read, and where to import it from."""
    value = getattr(node, "value", None)
    name = value.id if isinstance(value, ast.Name) else getattr(value, "attr", None)
    if name in dict(site.arg("flavor_classes", ())):
        return None
    cls_path = canonical((site.path or "").rpartition(".")[0])
    flavor = cm.class_flavors().get(cls_path)
    if flavor is None:
        return "the class is used under another name: write `<Class>Flavor().name` by hand"
    module, _, flavor_cls = flavor.rpartition(".")
    cls = cls_path.rpartition(".")[2]
    how = f"`{flavor_cls}().name` (`from {module} import {flavor_cls}`)"
    if isinstance(value, ast.Name) and canonical(site.resolve(value) or "") == cls_path:
        return f"`{value.id}` is `{cls}`: write {how}"
    return f"the class is read from a table or a loop here: for `{cls}` write {how}, likewise for any other class it can be"


def _no_flavor_on_020(cls_path: str) -> bool:
    """Does reading ``FLAVOR`` of the 0.13.2 component class ``cls_path`` fail on every 0.20 release:
    its 0.20.0 and 0.20.5 implementations have none (``flavor_attr`` of rules/data/component_flavors.json,
    from the wheels)? Not for a class the data does not know."""
    from zenml_migrate.rules.client import component_data

    return not component_data().get(canonical(cls_path), {"flavor_attr": True}).get("flavor_attr")


ZM423 = Rule(
    code="ZM423",
    fails=Fails(some_classes="which on ZenML 0.20.5 exists for model deployer and data validator classes (their Flavor class)",
                fails_for=_no_flavor_on_020),
    name="component-class-flavor",
    message="A stack component class has no `FLAVOR` in ZenML 0.20: the flavor name is its Flavor's `name`",
    why=(
        "0.13.2 component classes named their flavor in a `FLAVOR` class attribute "
        "(`SagemakerStepOperator.FLAVOR == \"sagemaker\"`). In 0.20 the flavor is a separate `Flavor` class "
        "(`SagemakerStepOperatorFlavor`) whose `name` gives the same string; the component class has no `FLAVOR` "
        "(AttributeError; on 0.20.5 some component classes have a `FLAVOR` that is the Flavor class, not a string). "
        "The pairs, and that the strings are equal, come from the real 0.13.2, 0.20.0 and 0.20.5 wheels."
    ),
    instead="`SagemakerStepOperatorFlavor().name` (the Flavor class from its 0.20 module).",
    todo="read the flavor name from the component's ZenML 0.20 Flavor class: `<Class>Flavor().name`",
    fix=Fix.SAFE,
    fix_note="Safe: the same string, from the Flavor class 0.20 pairs with the component (its module imports "
    "without the integration's libraries).",
    codemod=_CODEMOD,
    fix_args=(("flavor_classes", tuple(sorted((c.rpartition(".")[2], f) for c, f in cm.class_flavors().items()))),),
    fix_check=_class_named_as_written,
    match=(Ref(*(f"{c}.FLAVOR" for c in sorted(cm.class_flavors())), ctx="load"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.integrations.aws.step_operators import SagemakerStepOperator
                from zenml.integrations.gcp.step_operators import VertexStepOperator

                STEP_OPERATORS = {
                    "sagemaker": SagemakerStepOperator.FLAVOR,
                    "vertex": VertexStepOperator.FLAVOR,
                }
                """
            ),
            fixed=_c(
                """
                from zenml.integrations.aws.flavors.sagemaker_step_operator_flavor import SagemakerStepOperatorFlavor
                from zenml.integrations.gcp.flavors.vertex_step_operator_flavor import VertexStepOperatorFlavor

                STEP_OPERATORS = {
                    "sagemaker": SagemakerStepOperatorFlavor().name,
                    "vertex": VertexStepOperatorFlavor().name,
                }
                """
            ),
            count=2,
        ),
        Bad(
            _c(
                """
                from zenml.integrations.kubeflow.orchestrators import KubeflowOrchestrator as KO

                print(KO.FLAVOR)
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good(
            "from zenml.integrations.aws.flavors.sagemaker_step_operator_flavor import SagemakerStepOperatorFlavor\n\n"
            "print(SagemakerStepOperatorFlavor().name)\n"
        ),
    ),
)

ZM424 = Rule(
    code="ZM424",
    name="component-attribute-write",
    message="Assigning a 0.13.2 field of a stack component does not change it in ZenML 0.20 (0.13.2 raised TypeError here)",
    why=(
        "From 0.6 to 0.13.2 a stack component was an immutable pydantic model (`allow_mutation = False`): "
        "`orchestrator.synchronous = True` raised TypeError, so code that reaches such a line was written to "
        "expect the error (a test, a `try`) or never ran. In 0.20 the component is a plain object and the same "
        "line silently adds an attribute 0.20 never reads (`uuid`/`FLAVOR` do not set the component's "
        "`id`/`flavor` either), while `component.config.<field> = ...` still raises TypeError (the 0.20 config "
        "is immutable; checked on the real 0.20.0 and 0.20.5). Either way the value does not reach the component."
    ),
    instead="Change the registered component (`zenml orchestrator update NAME --synchronous=True`), or pass a "
    'setting of the flavor where 0.20 reads it (`settings={"orchestrator.<flavor>": {...}}` of the step or '
    "pipeline, `DockerSettings(parent_image=...)` for the Docker image fields).",
    fix=Fix.NONE,
    fix_note="No automatic fix: 0.20 has no in-memory equivalent (the config is immutable); the value must go "
    "to the stored component or to a setting, which the scan cannot decide.",
    todo="ZenML 0.20 ignores this assignment: update the registered component or use a setting",
    match=(Ref(*sorted(set(cm.member_paths("renamed") + cm.member_paths("config") + cm.member_paths("gone"))), ctx="store"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.repository import Repository

                orchestrator = Repository().active_stack.orchestrator
                orchestrator.custom_docker_base_image_name = "my-registry/base:1.0"
                orchestrator.kubeflow_hostname = "https://kubeflow.example.com"
                """
            ),
            count=2,
        ),
        Bad(
            _c(
                """
                from zenml.container_registries import BaseContainerRegistry


                def point_to(registry: BaseContainerRegistry, uri: str) -> None:
                    registry.uri = uri
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good("from zenml.client import Client\n\nprint(Client().active_stack.orchestrator.config.kubeflow_hostname)\n"),
        Good("class Orchestrator:\n    pass\n\no = Orchestrator()\no.kubeflow_hostname = 'x'\n"),
    ),
)

ZM425 = Rule(
    code="ZM425",
    name="component-member-meaning-changed",
    message="`project` of a Vertex orchestrator / step operator is the ZenML project's id in ZenML 0.20, "
    "not the GCP project: read `.config.project`",
    why=(
        "In 0.13.2 `project` was a field of `VertexOrchestrator` and `VertexStepOperator` only: the GCP project "
        "the jobs run in. In 0.20 every stack component has a `project` attribute, the UUID of the ZenML project "
        "it is registered in, and the GCP project moved to the component's config (`component.config.project`). "
        "The old read raises nothing: it silently gives a UUID where the code expects a GCP project id. These "
        "are the only such collisions in the real 0.13.2 and 0.20 wheels (scripts/build_component_members.py)."
    ),
    instead="`component.config.project` for the GCP project (`None` when the component takes it from the "
    "environment); `component.project` only where the ZenML project is meant.",
    fix=Fix.NONE,
    fix_note="No automatic fix: code written for 0.20 reads `.project` meaning the ZenML project; which one a "
    "line means is for a human to say.",
    todo="in ZenML 0.20 `.project` is the ZenML project id; the GCP project is `.config.project`",
    match=(Ref(*cm.collision_paths(), ctx="load"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.integrations.gcp.orchestrators import VertexOrchestrator


                def console_url(orchestrator: VertexOrchestrator) -> str:
                    return f"https://console.cloud.google.com/vertex-ai/pipelines?project={orchestrator.project}"
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.repository import Repository

                print("GCP project:", Repository().active_stack.step_operator.project)
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good(
            "from zenml.client import Client\n\nprint(Client().active_stack.orchestrator.config.project)\n"
        ),
        Good("from zenml.client import Client\n\nprint(Client().active_stack.artifact_store.project)\n"),
    ),
)
