"""Plans built by hand for the target tests (no reader, no planner involved)."""

import uuid
from typing import Dict, List, Optional, Sequence, Tuple

from zenml_migrate.profiles.model import (
    Action,
    LegacyComponent,
    LegacyConfig,
    LegacyFlavor,
    LegacyStack,
    Origin,
    Plan,
    PlannedComponent,
    PlannedFlavor,
    PlannedStack,
)

ORIGIN = Origin("/legacy/profiles/default/stacks.yaml", 3)


def component(type_: str, name: str, flavor: str, config: Optional[dict] = None, action: Action = Action.MIGRATE, **kw) -> PlannedComponent:
    config = dict(config or {})
    legacy = LegacyComponent(type_, name, flavor, dict(config), str(uuid.uuid4()), Origin(f"/legacy/profiles/default/{type_}s/{name}.yaml"))
    return PlannedComponent(legacy, "default", action, kw.pop("target_name", name), kw.pop("target_flavor", flavor), config, new_id=str(uuid.uuid4()), **kw)


def stack(name: str, components: Sequence[PlannedComponent], action: Action = Action.MIGRATE, **kw) -> PlannedStack:
    legacy = LegacyStack(name, {c.legacy.type: c.legacy.name for c in components}, ORIGIN)
    return PlannedStack(legacy, "default", action, name, {c.legacy.type: c for c in components}, new_id=str(uuid.uuid4()), **kw)


def flavor(type_: str, name: str, source: Optional[str], action: Action = Action.MIGRATE, **kw) -> PlannedFlavor:
    legacy = LegacyFlavor(name, type_, "custom_pkg.legacy.MyComponent", None, ORIGIN)
    return PlannedFlavor(legacy, "default", action, name, flavor_source=source, **kw)


def plan(stacks: Sequence[PlannedStack], flavors: Sequence[PlannedFlavor] = (), project: str = "default", active: Optional[str] = None, extra_components: Sequence[PlannedComponent] = ()) -> Plan:
    comps: List[PlannedComponent] = []
    seen = set()
    for s in stacks:
        for c in s.components.values():
            if id(c) not in seen:
                seen.add(id(c))
                comps.append(c)
    comps.extend(extra_components)
    return Plan(LegacyConfig("/legacy", "0.13.2", None, "default"), "store", project, list(flavors), comps, list(stacks), active_stack=active)


def rich_plan(project: str = "default", active: Optional[str] = "docker_stack") -> Plan:
    """Two stacks sharing components, integration flavors, a custom flavor."""
    orch = component("orchestrator", "ld_orch", "local_docker")
    art = component("artifact_store", "my_as", "local", {"path": "/data/artifacts"})
    cr = component("container_registry", "gh_cr", "github", {"uri": "ghcr.io/me", "authentication_secret": None})
    sm = component("secrets_manager", "local_sm", "local", {"secrets_file": "/x/secrets.yaml", "scope": "none", "namespace": None})
    kf = component("orchestrator", "kf", "kubeflow", {"kubernetes_context": "kind", "synchronous": True})
    tracker = component("experiment_tracker", "mlflow_tracker", "mlflow", {"tracking_uri": "http://mlflow:5000", "tracking_token": "s3cr3t"})
    custom = component("orchestrator", "custom_orch", "my_custom", {"my_setting": "xyz", "retries": 5}, custom_flavor=True)
    return plan(
        [
            stack("docker_stack", [orch, art, cr, sm]),
            stack("kf_stack", [kf, art, cr, tracker]),
            stack("custom_stack", [custom, art]),
        ],
        [flavor("orchestrator", "my_custom", "custom_pkg.flavors.MyCustomFlavor")],
        project=project,
        active=active,
    )


def synthetic_plan(stacks: int, per_stack: int = 5) -> Plan:
    """``stacks`` stacks of ``per_stack`` components each (orchestrator, artifact store, ...)."""
    kinds: List[Tuple[str, str, Dict[str, object]]] = [
        ("orchestrator", "kubernetes", {"kubernetes_context": "ctx", "kubernetes_namespace": "ns"}),
        ("artifact_store", "s3", {"path": "s3://bucket/x"}),
        ("container_registry", "default", {"uri": "localhost:5000"}),
        ("secrets_manager", "aws", {"region_name": "eu-west-1"}),
        ("experiment_tracker", "mlflow", {"tracking_uri": "http://mlflow:5000"}),
    ]
    out = []
    for i in range(stacks):
        comps = [component(t, f"{t}_{i}", f, c) for t, f, c in kinds[:per_stack]]
        out.append(stack(f"stack_{i}", comps))
    return plan(out, active=None)
