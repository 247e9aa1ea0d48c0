"""Client-side checks of a plan against a target, before anything is written.

The 0.20 server validates nothing (reference 4c) and a raw store write validates nothing
either, so both targets run these checks first: component types and flavors known, config
keys allowed by the flavor, required keys present, every stack slot holding a component
of that type, orchestrator and artifact store present, names unique in the plan and
against the target (unless the plan replaces the existing item, ``--overwrite``), custom
flavors with a 0.20 Flavor class to point at.
"""

import json
from typing import Dict, List, Optional, Set, Tuple

from zenml_migrate.profiles import config_types
from zenml_migrate.profiles.model import Action, Plan, PlannedComponent, PlannedFlavor
from zenml_migrate.profiles.targets import Existing, TargetError, WriteResult
from zenml_migrate.profiles.flavors_020 import builtin, component_types

REQUIRED_SLOTS = ("orchestrator", "artifact_store")
KEEP = (Action.MIGRATE, Action.CHANGE)


def flavor_writable(f: PlannedFlavor) -> bool:
    """A custom flavor row needs the path of a 0.20 Flavor class; without one (the plan marks it
    ``needs_flavor_class``) no row is written: its components keep their configuration, the
    stacks are listed by ``zenml stack list``, and registering the Flavor class later under
    the same name makes them usable."""
    return bool(f.flavor_source)


def register_later(f: PlannedFlavor) -> str:
    """How to register a custom flavor whose 0.20 Flavor class is written after the migration."""
    return (f"migrate again with `--flavor-source {f.legacy.source}=<module.Class>`, or register it with ZenML 0.20.5's"
            f" `zenml {f.legacy.type.replace('_', '-')} flavor register <module.Class>` (0.20.0's cannot register a custom flavor)")


def skipped_flavor_message(f: PlannedFlavor) -> str:
    return (f"flavor {f.target_name} not registered: no ZenML 0.20 Flavor class for {f.legacy.source}; write one and "
            f"{register_later(f)}; its components are migrated")


def _custom_flavors(plan: Plan, existing: Existing) -> Set[Tuple[str, str]]:
    found = {(f.legacy.type, f.target_name) for f in plan.flavors if f.action in (*KEEP, Action.NO_CLASS)}
    found.update(existing.flavors)
    return found


def component_problems(c: PlannedComponent, custom: Set[Tuple[str, str]], types: Set[str]) -> List[str]:
    """What makes one planned component unusable in 0.20 (empty: fine)."""
    if c.legacy.type not in types:
        what = f"{c.legacy.type} `{c.target_name}` ({c.legacy.origin})"
        return [f"{what}: component type `{c.legacy.type}` does not exist in ZenML 0.20"]
    spec = builtin(c.legacy.type, c.target_flavor)
    if spec is None:
        if (c.legacy.type, c.target_flavor) in custom:
            return []  # custom flavor: its config class is user code we cannot see
        what = f"{c.legacy.type} `{c.target_name}` ({c.legacy.origin})"
        return [f"{what}: flavor `{c.target_flavor}` is not a ZenML 0.20 {c.legacy.type} flavor and no custom flavor of that name is migrated"]
    problems = []
    what = f"{c.legacy.type} `{c.target_name}` ({c.legacy.origin})"
    try:
        json.dumps(c.target_config)
    except (TypeError, ValueError) as exc:
        problems.append(f"{what}: config cannot be stored as JSON ({exc}); fix the value in the legacy file")
    unknown = sorted(set(c.target_config) - set(spec["keys"]))
    if unknown:
        problems.append(f"{what}: config key(s) {', '.join(unknown)} not accepted by the 0.20 `{c.target_flavor}` flavor")
    wrong = config_types.wrong_types(spec.get("types", {}), c.target_config)
    if wrong:
        problems.append(f"{what}: config value(s) of the wrong type for the 0.20 `{c.target_flavor}` flavor: {', '.join(wrong)}")
    missing = sorted(k for k in spec["required"] if c.target_config.get(k) is None)
    if missing:
        problems.append(f"{what}: required config key(s) {', '.join(missing)} missing for the 0.20 `{c.target_flavor}` flavor")
    return problems


def flavor_problems(f: PlannedFlavor, existing: Existing) -> List[str]:
    what = f"flavor `{f.target_name}` ({f.legacy.origin})"
    if f.legacy.type not in component_types():
        return [f"{what}: component type `{f.legacy.type}` does not exist in ZenML 0.20"]
    if builtin(f.legacy.type, f.target_name) is not None:
        return [f"{what}: a built-in 0.20 {f.legacy.type} flavor has this name; migrate it with --prefix"]
    if (f.legacy.type, f.target_name) in existing.flavors and not f.replaces_existing:
        return [f"{what}: already exists in the target (use --overwrite to replace it)"]
    return []


def plan_problems(plan: Plan, existing: Existing, writable=None) -> List[str]:
    """Every reason the writable part of ``plan`` cannot be written to a target holding ``existing``."""
    flavors, components, stacks = writable or plan.writable()
    types = set(component_types())
    custom = _custom_flavors(plan, existing)
    problems: List[str] = []
    seen: Dict[Tuple[str, str], str] = {}
    for f in flavors:
        if not flavor_writable(f):
            continue
        problems += flavor_problems(f, existing)
        key = ("flavor " + f.legacy.type, f.target_name)
        if key in seen:
            problems.append(f"flavor `{f.target_name}` ({f.legacy.origin}): also planned from {seen[key]}")
        seen[key] = str(f.legacy.origin)
    for c in components:
        problems += component_problems(c, custom, types)
        key = (c.legacy.type, c.target_name)
        if key in seen:
            problems.append(f"{c.legacy.type} `{c.target_name}` ({c.legacy.origin}): name also planned from {seen[key]}")
        seen[key] = str(c.legacy.origin)
        if key in existing.components and not c.replaces_existing:
            problems.append(f"{c.legacy.type} `{c.target_name}` ({c.legacy.origin}): already exists in the target (use --overwrite or --prefix)")
    writable_ids = {id(c) for c in components}
    for s in stacks:
        what = f"stack `{s.target_name}` ({s.legacy.origin})"
        if ("stack", s.target_name) in seen:
            problems.append(f"{what}: name also planned from {seen[('stack', s.target_name)]}")
        seen[("stack", s.target_name)] = str(s.legacy.origin)
        if s.target_name in existing.stacks and not s.replaces_existing:
            problems.append(f"{what}: already exists in the target (use --overwrite or --prefix)")
        for slot in REQUIRED_SLOTS:
            if slot not in s.components:
                problems.append(f"{what}: has no {slot}; ZenML 0.20 cannot use a stack without one")
        for slot, c in s.components.items():
            if slot not in types:
                problems.append(f"{what}: slot `{slot}` is not a ZenML 0.20 component type")
            elif c.legacy.type != slot:
                problems.append(f"{what}: slot `{slot}` holds {c.legacy.type} `{c.target_name}`")
            elif id(c) not in writable_ids and (slot, c.target_name) not in existing.components:
                problems.append(f"{what}: {slot} `{c.target_name}` is neither migrated in this run nor present in the target")
    return problems


def component_key(c: PlannedComponent) -> Tuple[str, str]:
    return (c.legacy.type, c.target_name)


def resolve_id(c: PlannedComponent, created: Dict[Tuple[str, str], str], existing_ids: Dict[Tuple[str, str], str]) -> Optional[str]:
    """The id a stack slot points at: written in this run, else already in the target."""
    key = component_key(c)
    return created.get(key) or existing_ids.get(key)


def checked_writable(plan: Plan, existing: Existing, where: str, result: WriteResult):
    """The plan's writable (flavors, components, stacks) after every check; ``None`` when
    there is nothing to write (``result`` then says "already migrated"). Raises
    ``TargetError`` naming ``where`` and every problem; nothing has been written then."""
    writable = plan.writable()
    problems = plan_problems(plan, existing, writable)
    if problems:
        raise TargetError(f"{where}: nothing written, the plan does not fit this target:\n  " + "\n  ".join(problems))
    flavors, components, stacks = writable
    skipped = [f for f in flavors if not flavor_writable(f)]
    if len(skipped) == len(flavors) and not (components or stacks):
        result.done.append("already migrated: nothing to write")
        result.messages.extend(skipped_flavor_message(f) for f in skipped)
        return None
    return writable
