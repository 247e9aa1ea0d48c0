"""The 0.13.2 local YAML store of one profile: ``stacks.yaml`` + ``<type>s/<name>.yaml``."""

import os
import uuid

from zenml_migrate.profiles.flavors_020 import component_dir
from zenml_migrate.profiles.model import LegacyComponent, LegacyFlavor, LegacyProfile, LegacyStack, Origin, Problem
from zenml_migrate.profiles.yaml_io import InputError, fail, line_of, load_yaml, mapping

EXTRAS = ("teams", "projects", "roles", "role_assignments", "store_associations")


#: every key each ZenML from 0.7 to 0.13.2 writes into stacks.yaml (``ZenStoreModel``, dumped whole, keys
#: sorted). ``stack_component_flavors`` (0.8+) and ``store_associations`` (0.11+) are not among them: a
#: store an older release wrote lacks them, and 0.13.2 adds them only when it next saves the store.
#: Because keys are sorted and every release writes ``users`` last, a file that lost its end lacks
#: ``users`` (or some user) whatever release wrote it: a truncated file can still parse.
STORE_KEYS = ("projects", "role_assignments", "roles", "stack_components", "stacks", "team_assignments", "teams", "users")


def check_complete(data: dict, stacks_file: str) -> None:
    """Raise when ``stacks.yaml`` parses but lost structure: a key every release writes, or a user's id/name, missing."""
    missing = [k for k in STORE_KEYS if k not in data]
    hint = "restore stacks.yaml from a backup: what was cut off (stacks, components, users) would be lost"
    if missing:
        raise fail(stacks_file, f"lacks {', '.join(missing)}, which every ZenML from 0.7 to 0.13.2 writes: the file looks truncated", hint)
    users = data.get("users")
    if not isinstance(users, list) or not users or not all(isinstance(u, dict) and u.get("id") and u.get("name") for u in users):
        raise fail(stacks_file, "the users list is empty or a user lacks its id or name: the file looks truncated", hint, line_of(data, "users"))


def check_neighbours(profile: LegacyProfile, store_file: str) -> None:
    """What the global config says about this profile must be in its store (the store lost it otherwise)."""
    hint = f"restore {os.path.basename(store_file)} from a backup, or correct the profile entry in config.yaml"
    stacks_file = store_file
    if profile.active_stack and profile.active_stack not in {s.name for s in profile.stacks}:
        # the store is otherwise complete (check_complete, quick_check): 0.13.2 deleted the stack while it
        # was active (its zen_store API allows it); a dangling pointer is no reason to refuse the profile
        profile.notes.append(
            f"config.yaml names {profile.active_stack!r} as the active stack of this profile, but {store_file} has no "
            f"such stack (deleted while active; the store is otherwise complete): its {len(profile.stacks)} "
            f"{'stack is' if len(profile.stacks) == 1 else 'stacks are'} migrated, none becomes active from this profile"
        )
        profile.active_stack = None
    if profile.active_user and profile.users and profile.active_user not in {str(u.get("name")) for u in profile.users}:
        raise fail(stacks_file, f"has no user {profile.active_user!r}, the active user config.yaml names for profile {profile.name!r}", hint)


def read_profile(profile: LegacyProfile, path: str) -> None:
    """Fill ``profile`` from the YAML store in ``path``; item problems go to ``profile.problems``."""
    stacks_file = os.path.join(path, "stacks.yaml")
    data = load_yaml(stacks_file, "stack store (stacks.yaml)")
    check_complete(data, stacks_file)
    read_stacks(profile, path, data, stacks_file)
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


def read_stacks(profile: LegacyProfile, path: str, data: dict, stacks_file: str) -> None:
    """The ``stack_components`` (type -> name -> flavor, configs in ``<path>/<type>s/<name>.yaml``)
    and ``stacks`` (name -> type -> component) of ``data``: a YAML store's stacks.yaml or a
    pre-0.7 repository's ``.zen/config.yaml`` (the same layout)."""
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
            # a pre-0.7 repository config writes an unset type as null (0.13.2 leaves such types out)
            LegacyStack(str(name), {str(t): str(c) for t, c in members.items() if c is not None}, Origin(stacks_file, line_of(stacks, name)))
        )


def _is_uuid(value) -> bool:
    try:
        return len(str(value)) == 36 and bool(uuid.UUID(str(value)))
    except ValueError:
        return False


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
            f"restore the file, or remove the component from {os.path.basename(stacks_file)} and from every stack that uses it",
        ) from e
    if str(data.get("name")) != name or not _is_uuid(data.get("uuid")):
        lost = "a complete uuid" if str(data.get("name")) == name else f"the name {name!r}"
        raise fail(file, f"lacks {lost}, which ZenML 0.13.2 always writes: the file looks truncated or belongs to another component",
                   "restore it from a backup")
    config = {k: v for k, v in data.items() if k not in ("name", "uuid")}
    key_lines = {k: data.lines[k] for k in config}
    return LegacyComponent(type_, name, flavor, config, str(data.get("uuid") or ""), Origin(file), key_lines)
