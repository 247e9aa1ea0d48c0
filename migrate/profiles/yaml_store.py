"""The 0.13.2 local YAML store of one profile: ``stacks.yaml`` + ``<type>s/<name>.yaml``."""

import os

from zenml_migrate.profiles.flavors_020 import component_dir
from zenml_migrate.profiles.model import LegacyComponent, LegacyFlavor, LegacyProfile, LegacyStack, Origin, Problem
from zenml_migrate.profiles.yaml_io import InputError, fail, line_of, load_yaml, mapping

EXTRAS = ("teams", "projects", "roles", "role_assignments", "store_associations")


def read_profile(profile: LegacyProfile, path: str) -> None:
    """Fill ``profile`` from the YAML store in ``path``; item problems go to ``profile.problems``."""
    stacks_file = os.path.join(path, "stacks.yaml")
    data = load_yaml(stacks_file, "stack store (stacks.yaml)")
    components = mapping(data, "stack_components", stacks_file, "`stack_components`")
    for type_, by_name in components.items():
        by_name = mapping(components, type_, stacks_file, f"`stack_components.{type_}`")
        for name, flavor in by_name.items():
            item = f"{type_} {profile.name}/{name}"
            try:
                profile.components.append(_component(path, str(type_), str(name), str(flavor), stacks_file, line_of(by_name, name)))
            except InputError as e:
                e.problem.item = item
                profile.problems.append(e.problem)
    stacks = mapping(data, "stacks", stacks_file, "`stacks`")
    for name in stacks:
        members = mapping(stacks, name, stacks_file, f"stack {name!r}")
        profile.stacks.append(
            LegacyStack(str(name), {str(t): str(c) for t, c in members.items()}, Origin(stacks_file, line_of(stacks, name)))
        )
    flavors = data.get("stack_component_flavors") or []
    if not isinstance(flavors, list):
        raise fail(stacks_file, "`stack_component_flavors` must be a list", "fix stacks.yaml", line_of(data, "stack_component_flavors"))
    for entry in flavors:
        line = getattr(entry, "line", None)
        if not isinstance(entry, dict) or not all(entry.get(k) for k in ("name", "type", "source")):
            profile.problems.append(
                Problem(Origin(stacks_file, line), "a custom flavor entry needs name, type and source", "fix stacks.yaml", f"flavor {profile.name}")
            )
            continue
        profile.flavors.append(
            LegacyFlavor(str(entry["name"]), str(entry["type"]), str(entry["source"]), entry.get("integration"), Origin(stacks_file, line))
        )
    users = data.get("users") or []
    profile.users = [dict(u) for u in users if isinstance(u, dict)]
    for key in EXTRAS:
        value = data.get(key) or []
        profile.extras[key.replace("_", " ")] = len(value) if isinstance(value, (list, dict)) else 0


def _component(path: str, type_: str, name: str, flavor: str, stacks_file: str, line) -> LegacyComponent:
    file = os.path.join(path, component_dir(type_), f"{name}.yaml")
    try:
        data = load_yaml(file, f"{type_} configuration")
    except InputError as e:
        if os.path.lexists(file):
            raise
        raise fail(
            file,
            f"the {type_} {name!r} listed in {stacks_file} (line {line}) has no configuration file",
            "restore the file, or remove the component from stacks.yaml and from every stack that uses it",
        ) from e
    config = {k: v for k, v in data.items() if k not in ("name", "uuid")}
    key_lines = {k: data.lines[k] for k in config}
    return LegacyComponent(type_, name, flavor, config, str(data.get("uuid") or ""), Origin(file), key_lines)
