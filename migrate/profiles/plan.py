"""The migration plan: what happens to every profile, flavor, component and stack.

``build_plan(config, existing, options)`` is pure: it reads the neutral model and what the
target already holds, and decides per item: migrate as is, migrate with changes (each
change listed), drop (with the reason), conflict (the name exists in the target) or already
migrated. It also picks the target names (``--prefix``, one suffix per profile when several
profiles clash, names ``zenml stack import`` can never prompt about) and the active stack.
"""

import os
import re
import sys
import uuid
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from zenml_migrate.profiles import custom_flavors, flavor_secrets, flavors_020
from zenml_migrate.profiles.history_plan import plan_history
from zenml_migrate.profiles.model import (
    NAME_MAX_LENGTH,
    Action,
    LegacyComponent,
    LegacyConfig,
    LegacyProfile,
    LegacyStack,
    Origin,
    Plan,
    PlannedComponent,
    PlannedFlavor,
    PlannedStack,
    Problem,
    fit_name,
)
from zenml_migrate.profiles.targets import Existing

LEGACY_DEFAULT = "legacy_default"
_HEX_ONLY = re.compile(r"^[0-9a-f-]+$")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")  # a tab is only odd
_WRITE = (Action.MIGRATE, Action.CHANGE)


class PlanError(Exception):
    """The options do not fit the input (e.g. an unknown ``--profile``)."""


@dataclass
class PlanOptions:
    """The options of ``migrate profiles`` that shape the plan."""

    profiles: Sequence[str] = ()  # default: every profile
    prefix: str = ""
    project: str = "default"
    overwrite: bool = False
    import_safe_names: bool = False  # bundle target: names `zenml stack import` never prompts on
    zenml_version: str = "0.20.5"
    target: str = "plan only"
    history: bool = True  # plan the run history too (--no-history: False)
    last_runs: Optional[int] = None  # --last-runs N: only the newest N runs (and the runs they use)
    keep_runs_without_artifacts: bool = False  # --keep-runs-without-artifacts: runs whose artifact store folder is gone too
    code: Sequence[str] = ()  # folders of the pipeline code (--code): the 0.20 specs are read from it
    new_id: Callable[[], str] = field(default=lambda: str(uuid.uuid4()))
    flavor_sources: Dict[str, str] = field(default_factory=dict)  # legacy source or flavor name -> 0.20 Flavor class (--flavor-source)


def select_profiles(config: LegacyConfig, names: Sequence[str]) -> List[LegacyProfile]:
    if not names:
        return list(config.profiles)
    known = {p.name: p for p in config.profiles}
    missing = [n for n in names if n not in known]
    if missing:
        raise PlanError(
            f"no profile named {', '.join(missing)} in {config.path} "
            f"(profiles: {', '.join(sorted(known)) or 'none'})"
        )
    return [known[n] for n in dict.fromkeys(names)]


def _same_config(a: Dict[str, object], b: Dict[str, object]) -> bool:
    strip = lambda d: {k: v for k, v in (d or {}).items() if v is not None}  # noqa: E731
    return strip(a) == strip(b)


def _count_of(n: int, label: str) -> str:
    """``1 project``, ``2 projects``, ``1 store association``, ``1 user besides default``: the
    labels are plural phrases whose noun is their last word ending in s."""
    if n != 1:
        return f"{n} {label}"
    words = label.split(" ")
    for i in range(len(words) - 1, -1, -1):
        if words[i].endswith("s"):
            words[i] = words[i][:-1]
            break
    return f"{n} {' '.join(words)}"


# ---------------------------------------------------------------- per item, before naming


def _plan_component(profile: LegacyProfile, comp: LegacyComponent, custom: Dict[str, set], custom_secrets=None,
                    store_id: Optional[str] = None) -> PlannedComponent:
    if comp.type in flavors_020.DROPPED_TYPES:
        hist = [h for h in profile.history if h.component == comp.name and not h.never_used]
        counts = "; ".join(
            f"{_count_of(h.runs, 'runs')} of {_count_of(h.pipelines, 'pipelines')}, {_count_of(h.steps, 'steps')}, "
            f"{_count_of(h.artifacts, 'artifacts')} in {h.location}"
            for h in hist if not h.error
        )
        unread = "; ".join(f"{h.location}: {h.error}" for h in hist if h.error)
        reason = "ZenML 0.20 has no metadata stores (the 0.20 store tracks runs)"
        unused = next((h for h in profile.history if h.component == comp.name and h.never_used), None)
        if unused is not None and unused.remote:
            reason += (f"; {unused.location} is remote (not read offline), and {unused.never_used_why}: no run history of "
                       "this profile to keep (runs that other machines wrote to that database stay there)")
        elif unused is not None:
            reason += f"; no pipeline ever ran with it (no metadata.db, and {unused.never_used_why}): no run history to keep"
        elif counts or not hist:
            reason += (
                "; the old run history stays where it is, readable with ZenML 0.13.2, and its runs are listed under "
                "Run history" + (f": {counts}" if counts else "")
            )
        if unread:
            reason += f"; {unread}"
        return PlannedComponent(comp, profile.name, Action.DROP, comp.name, comp.flavor, {}, [reason])
    marked = (custom_secrets or {}).get((comp.type, comp.flavor), ())
    tr = flavors_020.translate(comp.type, comp.flavor, comp.config, custom.get(comp.type, ()), marked)
    planned = PlannedComponent(
        legacy=comp,
        profile=profile.name,
        action=Action.CHANGE if tr.changed else Action.MIGRATE,
        target_name=comp.name,
        target_flavor=tr.flavor,
        target_config=tr.config,
        notes=list(tr.notes),
        secret_keys=tr.secret_keys,
        name_keys=tr.name_keys,
        removed=tr.removed,
        custom_flavor=tr.custom,
    )
    if _CONTROL.search(comp.name):
        planned.problem = Problem(
            comp.origin, f"{comp.type} name {comp.name!r} holds control characters (a line break, an escape...)",
            "rename the component with ZenML 0.13.2", f"{comp.type} {profile.name}/{comp.name}",
        )
    elif not tr.custom and flavors_020.builtin(comp.type, tr.flavor) is None:
        planned.problem = Problem(
            comp.origin,
            f"{comp.type} {comp.name!r} has flavor {comp.flavor!r}, which is neither a ZenML 0.20 "
            f"flavor nor a custom flavor registered in profile {profile.name!r}",
            "register the custom flavor in the profile, or remove the component",
            f"{comp.type} {profile.name}/{comp.name}",
        )
    elif tr.unknown_keys:
        planned.problem = Problem(
            Origin(comp.origin.path, comp.key_lines.get(tr.unknown_keys[0], comp.origin.line)),
            f"{comp.type} {comp.name!r} (flavor {comp.flavor}) has unknown config key(s) "
            f"{', '.join(tr.unknown_keys)}",
            f"remove or correct them; the {tr.flavor} flavor knows: "
            f"{', '.join(flavors_020.builtin(comp.type, tr.flavor)['keys']) or 'no keys'}",
            f"{comp.type} {profile.name}/{comp.name}",
        )
    elif tr.wrong_types:
        first = sorted(tr.wrong_types)[0]
        planned.problem = Problem(
            Origin(comp.origin.path, comp.key_lines.get(first, comp.origin.line)),
            f"{comp.type} {comp.name!r} (flavor {tr.flavor}): "
            + "; ".join(f"{k} must be {want}" for k, want in sorted(tr.wrong_types.items()))
            + " for ZenML 0.20",
            "correct the value(s); ZenML 0.20 would fail to load the component",
            f"{comp.type} {profile.name}/{comp.name}",
        )
    elif tr.missing_required:
        planned.problem = Problem(
            comp.origin,
            f"{comp.type} {comp.name!r} (flavor {tr.flavor}) lacks {', '.join(tr.missing_required)}, "
            f"required by ZenML 0.20",
            "add the value(s) to the component, or remove the component",
            f"{comp.type} {profile.name}/{comp.name}",
        )
    _keep_local_store_path(profile, planned)
    _follow_moved_config_dir(profile, planned)
    _say_missing_local_path(planned)
    _new_outputs_folder(planned, store_id)
    return planned


NEW_OUTPUTS = "zenml-0.20"  # the sub-folder of a used artifact store that 0.20's runs write to (+ "-<store>")


def new_outputs_folder_name(store_id: Optional[str]) -> str:
    """``zenml-0.20-<first 8 hex digits of the target store's id>``; ``zenml-0.20`` when the
    store is not known yet (a bundle, a plan without a target)."""
    digits = "".join(ch for ch in (store_id or "") if ch in "0123456789abcdefABCDEF")[:8].lower()
    return f"{NEW_OUTPUTS}-{digits}" if digits else NEW_OUTPUTS


def _new_outputs_folder(planned: PlannedComponent, store_id: Optional[str] = None) -> None:
    """0.13.2 and 0.20 write a step output to ``<path>/<step>/<output>/<MLMD execution id>``, and a
    0.20 store numbers its executions from 1 again (after the runs migrated into it, when they
    are): a 0.20 run of the same pipeline on a store holding 0.13.2 outputs overwrites them (the
    old runs then read the new values, in 0.13.2 and in the migrated history). The migrated store
    writes under ``<path>/zenml-0.20-<store>``, a folder of its own per target store (two stores
    migrated from one config dir, a local try and the team server, number their runs alike: one
    folder would have them overwrite each other's outputs); a second migration into the same
    store finds the same folder. The old runs keep their absolute URIs. A local folder that is
    missing or empty keeps its path; a remote one cannot be looked into (no network access)."""
    if planned.legacy.type != "artifact_store":
        return
    path = planned.target_config.get("path")
    if not isinstance(path, str) or not path:
        return
    leaf = path.rstrip("/").rsplit("/", 1)[-1]
    if leaf == NEW_OUTPUTS or leaf.startswith(NEW_OUTPUTS + "-"):
        return
    remote = "://" in path
    if not remote and not (os.path.isabs(path) and os.path.isdir(path) and _has_entries(path)):
        return
    new = f"{path.rstrip('/')}/{new_outputs_folder_name(store_id)}"
    planned.target_config["path"] = new
    held = ("may hold the outputs of 0.13.2 runs (a remote store is not looked into)" if remote
            else "is not empty (a local artifact store's folder holds the outputs of its runs)")
    whose = ("a folder of this target store's own: another 0.20 store migrated from the same folder gets "
             "another, as their runs would overwrite each other's outputs too" if store_id else
             "the target store is not known here (a bundle, or a plan alone): --store, --server and a bundle's "
             "import.sh name the folder after the store it goes into (zenml-0.20-<8 hex digits of its id>), as two "
             "0.20 stores' runs would overwrite each other's outputs too")
    planned.notes.append(
        f"path {path} -> {new}: the folder {held}, and a ZenML 0.20 run writes its outputs to <path>/<step>/<output>/<n>, "
        f"numbering n from 1 again, which would overwrite them; the old runs stay where they are (their artifacts keep "
        f"their paths); {whose}")
    if planned.action == Action.MIGRATE:
        planned.action = Action.CHANGE


def _has_entries(folder: str) -> bool:
    try:
        with os.scandir(folder) as entries:
            return any(True for _ in entries)
    except OSError:
        return False


def _keep_local_store_path(profile: LegacyProfile, planned: PlannedComponent) -> None:
    """0.13.2 derived some paths from ``<config>/local_stores/<uuid>``: make them explicit."""
    spec = flavors_020.LOCAL_STORE_PATHS.get((planned.legacy.type, planned.legacy.flavor))
    if not spec or planned.target_config.get(spec[0]) or not profile.config_dir:
        return
    key, leaf = spec
    path = "/".join(p for p in (profile.config_dir.rstrip("/"), "local_stores", planned.legacy.uuid, leaf) if p)
    planned.target_config[key] = path
    planned.notes.append(f"{key} set to {path} (0.13.2 derived it from the component id; kept so old data stays reachable)")
    if planned.action == Action.MIGRATE:
        planned.action = Action.CHANGE


def _follow_moved_config_dir(profile: LegacyProfile, planned: PlannedComponent) -> None:
    """A local artifact store (or local secrets file) under a config dir that moved (copied to
    another machine or home): its recorded path is gone, the copy is where the dir is now;
    point the component there, like the run history's artifact URIs. When the folder is gone
    from both places, there too: it is where the run history's notes say to copy it back, and a
    second migration after that finds this component unchanged."""
    spec = flavors_020.LOCAL_STORE_PATHS.get((planned.legacy.type, planned.legacy.flavor))
    path = planned.target_config.get(spec[0]) if spec else None
    if not isinstance(path, str):
        return
    paths = profile.paths
    mapped = paths.local(path) if paths is not None else path
    if mapped != path:
        planned.target_config[spec[0]] = mapped
        what = flavors_020.LOCAL_STORE_DATA[planned.legacy.type][0]
        where = f"{what} there now" if os.path.exists(mapped) else "the same path under it"
        planned.notes.append(f"{spec[0]} {path} -> {mapped} (the config dir moved; {where})")
        if planned.action == Action.MIGRATE:
            planned.action = Action.CHANGE


def _say_missing_local_path(planned: PlannedComponent) -> None:
    """A local path that exists nowhere on this machine: said, with what it means (a warning
    on the item, not a change of it)."""
    spec = flavors_020.LOCAL_STORE_PATHS.get((planned.legacy.type, planned.legacy.flavor))
    path = planned.target_config.get(spec[0]) if spec else None
    if not isinstance(path, str) or not path:
        return
    key = spec[0]
    what = flavors_020.LOCAL_STORE_DATA[planned.legacy.type][1]
    if not os.path.isabs(path):
        _say_relative_path(planned, key, path, what)
        return
    if os.path.exists(path):
        return
    planned.notes.append(
        f"{key} {path} does not exist on this machine: {what} not there (copy the old folder there, or change "
        f"the {key} after the migration); ZenML 0.20 creates it empty when it first writes"
    )


def _say_relative_path(planned: PlannedComponent, key: str, path: str, what: str) -> None:
    """A relative local path: ZenML (0.13.2 and 0.20) resolves it against the folder each pipeline
    runs from, taking ``$HOME`` and ``~`` literally. Found under the current folder: made absolute,
    so the migrated component and the run history point at the same place whatever folder 0.20 runs
    from; not found: said where to run the migration from."""
    literal = ""
    if path.startswith("~") or "$" in path:
        literal = f" (ZenML does not expand {'~' if path.startswith('~') else 'environment variables'}: a folder named {path.split('/')[0]!r} there)"
    here = os.path.abspath(path)
    if os.path.exists(here):
        planned.target_config[key] = here
        planned.notes.append(f"{key} {path} -> {here}: a relative {key} is resolved against the folder each pipeline runs "
                             f"from{literal}; found under the current folder, made absolute")
        if planned.action == Action.MIGRATE:
            planned.action = Action.CHANGE
        return
    planned.notes.append(
        f"{key} {path} is relative: ZenML resolves it against the folder each pipeline runs from{literal}, and it is not "
        f"under the current folder {os.getcwd()}: run `migrate profiles` from the folder your pipelines ran from ({what} "
        f"there, if any; the {key} is then made absolute), or set an absolute {key} after the migration"
    )


def flavor_paths(options: "PlanOptions", repo_config: Optional[str]) -> List[Tuple[str, str]]:
    """Where a custom flavor's module is looked for, with how each folder was given: the
    ``--code`` folders, the ``--repo`` root, then ``sys.path`` and the current folder."""
    out = [(c, "--code") for c in options.code]
    if repo_config:
        out.append((os.path.dirname(os.path.dirname(os.path.abspath(repo_config))), "--repo"))
    out += [(p, "") for p in sys.path] + [(os.getcwd(), "")]
    return out


def _plan_flavors(profile: LegacyProfile, sources: Dict[str, str], paths: Sequence[Tuple[str, str]] = ()) -> List[PlannedFlavor]:
    out = []
    paths = list(paths) or [(p, "") for p in (*sys.path, os.getcwd())]
    for fl in profile.flavors:
        if fl.integration and flavors_020.builtin(fl.type, fl.name):
            continue  # an integration's own flavor: built into 0.20 too
        override = sources.get(fl.source) or sources.get(fl.name)
        found = custom_flavors.find_020_flavor(fl.source, fl.type, [p for p, _ in paths], override=override)
        action = Action.CHANGE if found.source is not None else Action.NO_CLASS
        planned = PlannedFlavor(fl, profile.name, action, fl.name, flavor_source=found.source)
        given = _given_root(found.module_file, paths)
        if given is not None and found.source is not None:
            # ZenML 0.20.0-0.20.5 load a flavor's source with the root of the ZenML repository (`.zen`) they run in put
            # in front of the path (source_utils.load_source_path_class), else with the Python path as it is
            when = (f"when you run it inside that ZenML repository (it puts the repository root on the path), or with "
                    f"{given[0]} on PYTHONPATH" if os.path.isdir(os.path.join(given[0], ".zen")) else
                    f"only when {given[0]} is on PYTHONPATH, is the root of the ZenML repository (`zenml init`) you run "
                    f"in, or holds the script you run (`python run.py`)")
            planned.notes.append(
                f"found under {given[0]} ({given[1]}), which is not on this Python's path: ZenML 0.20 imports "
                f"{found.source} {when}"
            )
        planned.notes.extend(found.notes)
        planned.needs_flavor_class = found.source is None
        planned.schema = found.schema
        planned.module_file = found.module_file
        planned.defined_as = found.defined_as
        out.append(planned)
    return out


def _given_root(module_file: Optional[str], paths: Sequence[Tuple[str, str]]) -> Optional[Tuple[str, str]]:
    """(folder, option) when ``module_file`` was found only under a folder an option gave."""
    if not module_file:
        return None
    on_path = {os.path.realpath(p or os.getcwd()) for p, how in paths if not how}
    for folder, how in paths:
        if how and os.path.realpath(module_file).startswith(os.path.realpath(folder) + os.sep):
            return None if os.path.realpath(folder) in on_path else (folder, how)
    return None


def _custom_flavor_names(plan: Plan) -> None:
    """A custom flavor named like a built-in 0.20 flavor of its type would replace the built-in
    for every component (ZenML 0.20 prefers a stored flavor of that name): rename it."""
    taken = {(f.legacy.type, f.target_name) for f in plan.flavors}
    for pf in plan.flavors:
        if flavors_020.builtin(pf.legacy.type, pf.target_name) is None:
            continue
        old = pf.target_name
        new = fit_name(f"{old}_custom", {n for t, n in taken if t == pf.legacy.type})
        taken.add((pf.legacy.type, new))
        pf.target_name = new
        pf.notes.append(
            f"renamed {old} -> {new}: ZenML 0.20 has a built-in {pf.legacy.type} flavor {old!r}, which a custom "
            f"flavor of that name would replace for every component (the default stack's too); its components follow"
            + (f"; `zenml {pf.legacy.type.replace('_', '-')} flavor register` takes the name from the class: make "
               f"`{pf.flavor_source.rpartition('.')[2]}.name` return {new!r} before registering it by hand" if pf.flavor_source else "")
        )
        _changed(pf)


def _components_follow_flavors(plan: Plan) -> None:
    """Components of a custom flavor use its target name and must fit its config class."""
    flavors = {(f.profile, f.legacy.type, f.legacy.name): f for f in plan.flavors}
    for pc in plan.components:
        pf = flavors.get((pc.profile, pc.legacy.type, pc.legacy.flavor)) if pc.custom_flavor else None
        if pf is None or pc.action not in _WRITE:
            continue
        if pc.target_flavor != pf.target_name:
            pc.notes.append(f"flavor {pc.target_flavor} -> {pf.target_name} (its custom flavor was renamed)")
            pc.target_flavor = pf.target_name
            _changed(pc)
        schema = pf.schema
        _say_unchecked(pc, pf)
        if schema is None:
            continue
        pc.secret_keys = sorted(set(pc.secret_keys) | (set(schema.secret) & set(pc.target_config)))
        problems = schema.problems(pc.target_config)
        if problems:
            pc.action = Action.DROP
            why = "; ".join(problems)
            pc.notes.append(f"not migrated: its configuration does not fit {pf.flavor_source} ({why}); fix the ported config class or the component, then migrate again")
            plan.warnings.append(f"{pc.legacy.type} {pc.profile}/{pc.legacy.name} left out: {why}")


def _say_unchecked(pc: PlannedComponent, pf: PlannedFlavor) -> None:
    """Keys of a custom component no readable 0.20 config class vouches for are carried as they
    are: said (key names only), since a 0.20 config class forbids keys it does not declare."""
    schema = pf.schema
    if schema is not None and not schema.open:
        return  # checked: a misfit is left out with its reasons
    keys = sorted(pc.target_config) if schema is None else sorted(k for k in pc.target_config if k not in schema.fields)
    if not keys:
        return
    if pf.flavor_source is None:
        why = f"no 0.20 Flavor class of flavor {pf.target_name} was found here"
    elif schema is None:
        why = f"the config class of {pf.flavor_source} could not be read"
    else:
        why = f"{schema.config_class} has a base class whose fields could not be read"
    pc.notes.append(f"configuration not checked ({why}): ZenML 0.20 rejects the component if that config class "
                    f"does not declare {', '.join(keys)}")


# ---------------------------------------------------------------- naming


def _base_name(prefix: str, name: str) -> str:
    return prefix + (LEGACY_DEFAULT if name == "default" else name)


def _assign_names(items, kind_of, content_of, plan: Plan, prefix: str, what: str, merged: Dict[int, object]) -> None:
    """Prefix, ``default`` -> ``legacy_default``, and one suffix per profile where profiles clash."""
    groups: Dict[Tuple, list] = {}
    for it in items:
        it.target_name = _base_name(prefix, it.legacy.name)
        if it.legacy.name == "default":
            kind = what if what != "component" else it.legacy.type.replace("_", " ")
            it.notes.append(f"renamed default -> {it.target_name} (ZenML 0.20 has its own default {kind})")
            _changed(it)
        groups.setdefault((kind_of(it), it.target_name), []).append(it)
    for (_kind, name), same in groups.items():
        profiles = {it.profile for it in same}
        if len(profiles) < 2:
            continue
        alike: Dict[str, list] = {}  # content -> the items that have it, in profile order
        for it in same:
            alike.setdefault(repr(content_of(it)), []).append(it)
        if len(alike) == 1:  # identical in every profile: migrated once
            first, *rest = same
            first.notes.append(f"identical in profiles {', '.join(sorted(profiles))}: migrated once")
            for it in rest:
                merged[id(it)] = first
            continue
        for items in alike.values():  # one item per content, named after the first profile that has it
            first, *rest = items
            for it in items:
                it.target_name = f"{name}_{first.profile}"
                it.notes.append(f"renamed {name} -> {it.target_name} (profiles {', '.join(sorted(profiles))} all have a {what} {name!r})")
                _changed(it)
            if rest:
                first.notes.append(f"identical in profiles {', '.join(sorted({it.profile for it in items}))}: migrated once")
                for it in rest:
                    merged[id(it)] = first


def _changed(item) -> None:
    if item.action == Action.MIGRATE:
        item.action = Action.CHANGE


def _fit_names(plan: Plan) -> None:
    """ZenML 0.20 rejects a component or stack name longer than NAME_MAX_LENGTH (0.13.2 took any
    length, and --prefix or a suffix can make one longer): shorten it, unique in its kind."""
    for items, kind_of, what in (
        (plan.components, lambda c: c.legacy.type, "component"),
        (plan.stacks, lambda s: "stack", "stack"),
    ):
        taken: Dict[str, set] = {}
        for it in items:
            taken.setdefault(kind_of(it), set()).add(it.target_name)
        for it in items:
            old = it.target_name
            if len(old) <= NAME_MAX_LENGTH:
                continue
            it.target_name = fit_name(old, taken[kind_of(it)])
            taken[kind_of(it)].add(it.target_name)
            it.notes.append(f"renamed {old} -> {it.target_name}: ZenML 0.20 takes at most {NAME_MAX_LENGTH} "
                            f"characters in a {what} name")
            _changed(it)


def _import_safe(components: List[PlannedComponent], stack_names: set, existing: Existing) -> None:
    """`zenml stack import` prompts when a component name is a stack name or prefixes a stack id."""
    for pc in components:
        name = pc.target_name
        reason = None
        if name in stack_names:
            reason = f"a stack is also named {name!r}"
        elif _HEX_ONLY.match(name):
            reason = "a name made only of hex digits can match the id of a stack"
        if reason:
            new = fit_name(f"{name}_{pc.legacy.type}", stack_names)
            pc.target_name = new
            pc.notes.append(f"renamed {name} -> {new}: {reason}, and `zenml stack import` would then prompt")
            _changed(pc)


# ---------------------------------------------------------------- target state


def _decide(item, same: bool, label: str, where: str, overwrite: bool) -> None:
    """Same name in the target: already migrated (same content), replaced, or a conflict."""
    if same:
        item.action = Action.DONE
        item.notes.append(f"already in {where} with the same content")
    elif overwrite:
        item.replaces_existing = True
        item.notes.append(f"replaces the {label} {item.target_name!r} in {where} (--overwrite)")
    else:
        item.action = Action.CONFLICT
        item.notes.append(f"a {label} named {item.target_name!r} already exists in {where} (use --overwrite or --prefix)")


def _against_target(plan: Plan, existing: Existing, overwrite: bool) -> None:
    where = f"project {plan.project!r} of the target"
    for pf in plan.flavors:
        key = (pf.legacy.type, pf.target_name)
        if key in existing.flavors and pf.action == Action.NO_CLASS:
            # registered since by hand (nothing here could write it): its components use that one
            src = existing.flavors[key]
            pf.action = Action.DONE
            pf.notes.append(f"a {pf.legacy.type} flavor {pf.target_name!r} is registered in {where} already"
                            + (f" (from {src})" if src else "") + ": its components use it")
        elif key in existing.flavors:
            src = existing.flavors[key]
            _decide(pf, src is not None and src == pf.flavor_source, f"{pf.legacy.type} flavor", where, overwrite)
    for pc in plan.components:
        key = (pc.legacy.type, pc.target_name)
        if pc.action in _WRITE and key in existing.components:
            known = existing.components[key]
            same = known is not None and known[0] == pc.target_flavor and _same_config(known[1], pc.target_config)
            _decide(pc, same, pc.legacy.type, where, overwrite)
    for ps in plan.stacks:
        if ps.action in _WRITE and ps.target_name in existing.stacks:
            known = existing.stacks[ps.target_name]
            mine = {t: c.target_name for t, c in ps.components.items()}
            same = known == mine and all(c.action == Action.DONE for c in ps.components.values())
            _decide(ps, same, "stack", where, overwrite)


def _stack_follows_components(plan: Plan) -> None:
    """A stack is written only if all its components are (or already are) in the target."""
    for ps in plan.stacks:
        if ps.action not in _WRITE and ps.action != Action.DONE:
            continue
        for type_, pc in ps.components.items():
            if pc.action == Action.CONFLICT:
                ps.action = Action.CONFLICT
                ps.notes.append(f"its {type_} {pc.target_name!r} conflicts with the target")
            elif pc.action == Action.DROP and pc.problem is not None:
                ps.action = Action.DROP
                ps.problem = Problem(
                    ps.legacy.origin,
                    f"stack {ps.legacy.name!r} uses the invalid {type_} {pc.legacy.name!r}",
                    "fix the component (see its error) or migrate without this stack",
                    f"stack {ps.profile}/{ps.legacy.name}",
                )
                ps.notes.append(f"not migrated: its {type_} {pc.legacy.name!r} is invalid")
            elif pc.action == Action.DROP and ps.action != Action.DROP:
                ps.action = Action.DROP
                ps.notes.append(f"not migrated: its {type_} {pc.legacy.name!r} is left out (see it)")
            elif pc.action in _WRITE and ps.action == Action.DONE:
                ps.action = Action.MIGRATE


# ---------------------------------------------------------------- the plan


def build_plan(config: LegacyConfig, existing: Optional[Existing] = None, options: Optional[PlanOptions] = None) -> Plan:
    options = options or PlanOptions()
    existing = existing or Existing()
    selected = select_profiles(config, options.profiles)
    plan = Plan(
        source=config,
        target=options.target,
        project=options.project,
        zenml_version=options.zenml_version,
        overwrite=options.overwrite,
        project_exists=existing.project_exists,
        profiles=[p.name for p in selected],
    )
    plan.problems.extend(config.problems)
    plan.warnings.extend(config.notes)
    plan.warnings.extend(existing.notes)
    if not existing.project_exists:
        plan.warnings.append(f"project {options.project!r} does not exist in the target: it will be created")

    by_profile: Dict[str, Dict[Tuple[str, str], PlannedComponent]] = {}
    paths = flavor_paths(options, config.repo.path if config.repo else None)
    for profile in selected:
        notes = plan.profile_notes.setdefault(profile.name, [])
        notes.extend(profile.notes)
        plan.problems.extend(profile.problems)
        if profile.store_type == "rest":
            notes.append(
                f"REST profile: its stacks live on the ZenML 0.13.2 server {profile.store_url}, not on this "
                "machine; nothing is migrated offline (export the stacks on that server with 0.13.2 "
                "`zenml stack export`, or migrate the server's own config dir)"
            )
            continue
        extras = dict(profile.extras)
        extras["other users"] = len([u for u in profile.users if u.get("name") not in (None, "default", profile.active_user)])
        left = ", ".join(_count_of(n, what) for what, n in sorted(extras.items()) if n)
        if left:
            notes.append(f"not migrated: {left} (0.13.2 users, teams, roles, projects and artifact/metadata store "
                         "associations; ZenML 0.20 manages its own)")
        plan.flavors.extend(_plan_flavors(profile, options.flavor_sources, paths))
        custom: Dict[str, set] = {}
        custom_secrets: Dict[Tuple[str, str], set] = {}
        for pf in plan.flavors:
            if pf.profile == profile.name:
                custom.setdefault(pf.legacy.type, set()).add(pf.legacy.name)
                custom_secrets[(pf.legacy.type, pf.legacy.name)] = flavor_secrets.secret_fields(pf.module_file)
        comps = by_profile.setdefault(profile.name, {})
        for comp in profile.components:
            pc = _plan_component(profile, comp, custom, custom_secrets, existing.store_id)
            comps[(comp.type, comp.name)] = pc
            plan.components.append(pc)
        unreadable = {p.item: p for p in profile.problems}
        for st in profile.stacks:
            ps = _plan_stack(profile, st, comps)
            known = unreadable.get(f"stack {profile.name}/{st.name}")
            if known is not None:  # the reader already reported it
                ps.action = Action.DROP
                ps.notes.append(f"not migrated: {known.message}")
            plan.stacks.append(ps)

    merged: Dict[int, object] = {}
    root = lambda item: _root(item, merged)  # noqa: E731
    _assign_names(plan.flavors, lambda f: f.legacy.type, lambda f: f.legacy.source, plan, options.prefix, "flavor", merged)
    _custom_flavor_names(plan)
    _components_follow_flavors(plan)
    _assign_names(
        [c for c in plan.components if c.action != Action.DROP or c.problem is not None],
        lambda c: c.legacy.type,
        lambda c: (c.target_flavor, sorted(c.target_config.items()), sorted(c.removed.items())),
        plan,
        options.prefix,
        "component",
        merged,
    )
    for c in plan.components:
        if c.action == Action.DROP and c.problem is None:
            c.target_name = c.legacy.name
    _assign_names(
        plan.stacks,
        lambda s: "stack",
        lambda s: sorted((t, id(root(c))) for t, c in s.components.items()),
        plan,
        options.prefix,
        "stack",
        merged,
    )
    _merge_duplicates(plan, merged)
    if options.import_safe_names:
        taken = set(existing.stacks) | {s.target_name for s in plan.stacks}
        _import_safe(plan.components, taken, existing)
    _fit_names(plan)

    for pc in plan.components:
        if pc.problem is not None:
            pc.action = Action.DROP
            pc.notes.append("not migrated: invalid (see the error)")
            plan.problems.append(pc.problem)
    _stack_follows_components(plan)
    for ps in plan.stacks:
        if ps.problem is not None and ps.problem not in plan.problems:
            plan.problems.append(ps.problem)
    _against_target(plan, existing, options.overwrite)
    _stack_follows_components(plan)
    _flavors_follow_components(plan)
    _stacks_wait_for_flavors(plan)
    _active_stack(plan, config, selected)
    for item in [*plan.components, *plan.stacks]:
        if item.action in _WRITE:
            item.new_id = options.new_id()
    if options.history and existing.history_error:
        plan.history_notes.append(f"run history not migrated: {existing.history_error}")
    elif options.history:
        plan_history(plan, selected, existing, options.code, config.repo.path if config.repo else None, options.last_runs,
                     options.keep_runs_without_artifacts)
    return plan


def _root(item, merged: Dict[int, object]):
    while id(item) in merged:
        item = merged[id(item)]
    return item


def _merge_duplicates(plan: Plan, merged: Dict[int, object]) -> None:
    """Items identical in several profiles are migrated once: stacks point at the kept one."""
    for ps in plan.stacks:
        ps.components = {t: _root(c, merged) for t, c in ps.components.items()}
        if id(ps) in merged:  # its profile's runs and active stack go to the one kept
            kept = _root(ps, merged)
            plan.merged_stacks[(ps.profile, ps.legacy.name)] = kept
            if ps.profile_active:
                kept.active_in.append(ps.profile)
    plan.components = [c for c in plan.components if id(c) not in merged]
    plan.flavors = [f for f in plan.flavors if id(f) not in merged]
    plan.stacks = [s for s in plan.stacks if id(s) not in merged]


def _plan_stack(profile: LegacyProfile, st: LegacyStack, comps) -> PlannedStack:
    ps = PlannedStack(st, profile.name, Action.MIGRATE, st.name)
    ps.profile_active = profile.active_stack == st.name
    if _CONTROL.search(st.name):
        ps.action = Action.DROP
        ps.problem = Problem(st.origin, f"stack name {st.name!r} holds control characters (a line break, an escape...)",
                             "rename the stack with ZenML 0.13.2", f"stack {profile.name}/{st.name}")
    for type_, name in sorted(st.components.items()):
        pc = comps.get((type_, name))
        if pc is None:
            ps.action = Action.DROP
            if any(p.item == f"{type_} {profile.name}/{name}" for p in profile.problems):  # there, but unreadable
                ps.problem = Problem(
                    st.origin,
                    f"stack {st.name!r} uses the {type_} {name!r}, whose configuration cannot be read (see its error)",
                    f"fix that configuration; with --skip-invalid the stack is left out, not migrated without its {type_}",
                    f"stack {profile.name}/{st.name}",
                )
                continue
            ps.problem = Problem(
                st.origin,
                f"stack {st.name!r} names the {type_} {name!r}, which profile {profile.name!r} does not have",
                f"register the {type_} again with ZenML 0.13.2 or remove it from the stack",
                f"stack {profile.name}/{st.name}",
            )
            continue
        if type_ in flavors_020.DROPPED_TYPES:
            ps.notes.append(f"{type_} {name!r} left out: {type_}s do not exist in 0.20")
            ps.action = Action.CHANGE if ps.action == Action.MIGRATE else ps.action
            continue
        ps.components[type_] = pc
    return ps


def _flavors_follow_components(plan: Plan) -> None:
    used = {(c.legacy.type, c.target_flavor, c.profile) for c in plan.components if c.action in _WRITE and c.custom_flavor}
    for pf in plan.flavors:
        pf.components = sorted(
            c.target_name for c in plan.components if c.custom_flavor and c.profile == pf.profile
            and c.legacy.type == pf.legacy.type and c.target_flavor == pf.legacy.name
        )
        if pf.action in (*_WRITE, Action.NO_CLASS) and (pf.legacy.type, pf.legacy.name, pf.profile) not in used and not pf.components:
            pf.notes.append("no component uses it")
        if pf.action == Action.NO_CLASS:
            if pf.module_file:
                how = (f"port it with `migrate code --fix --unsafe-fixes {pf.module_file}` (it writes "
                       f"{pf.defined_as or pf.legacy.source}Flavor next to the class"
                       f"{f', which {pf.legacy.source} re-exports' if pf.defined_as else ''}), then run `migrate profiles` again; or give "
                       f"--flavor-source {pf.legacy.source}=<module.FlavorClass> for a Flavor class elsewhere")
            else:
                how = ("port it with `migrate code --fix --unsafe-fixes`, then run `migrate profiles` again with "
                       "--code DIR (DIR: the folder its package is in) or from that folder, or give "
                       f"--flavor-source {pf.legacy.source}=<module.FlavorClass>")
            pf.notes.append(
                f"needs a 0.20 Flavor class: {pf.legacy.source} is a 0.13.2 StackComponent, not registered; {how}"
            )


def _stacks_wait_for_flavors(plan: Plan) -> None:
    """A stack holding a component of a flavor no 0.20 Flavor class backs is written, and listed by
    `zenml stack list`, but ZenML 0.20 cannot load it (``Client().active_stack``, a pipeline run:
    "No flavor with name ... exists", seen on the real 0.20.5) until that flavor is registered."""
    waiting = {(f.profile, f.legacy.type, f.target_name): f for f in plan.flavors if f.action == Action.NO_CLASS}
    for ps in plan.stacks:
        if ps.action not in _WRITE:
            continue
        for type_, pc in sorted(ps.components.items()):
            pf = waiting.get((pc.profile, type_, pc.target_flavor)) if pc.custom_flavor else None
            if pf is not None:
                ps.notes.append(f"its {type_} {pc.target_name!r} has the flavor {pf.target_name!r}, not registered (no 0.20 "
                                f"Flavor class): ZenML 0.20 cannot load this stack (to run a pipeline on it) until that "
                                "flavor is registered")


def _active_stack(plan: Plan, config: LegacyConfig, selected: List[LegacyProfile]) -> None:
    candidates = []
    for profile in selected:
        for ps in plan.stacks:
            mine = (ps.profile == profile.name and ps.profile_active) or profile.name in ps.active_in
            if mine and ps.action in (*_WRITE, Action.DONE):
                candidates.append((profile, ps))
    if not candidates:
        return
    if len(candidates) == 1:
        candidates[0][1].active = True
        plan.active_stack = candidates[0][1].target_name
        return
    # the repository (--repo) names the stack its pipelines ran on: `zenml stack set` run inside it sets
    # the repository's active stack on 0.20, so the suggestion is that one (review27 R3)
    repo = config.repo
    in_repo = [(p, ps) for p in selected for ps in plan.stacks if repo is not None and repo.active_stack_name
               and p.name == repo.active_profile_name and ps.profile == p.name and ps.legacy.name == repo.active_stack_name
               and ps.action in (*_WRITE, Action.DONE)]
    preferred = in_repo or [c for c in candidates if c[0].name == config.activated_profile] or candidates[:1]
    plan.active_stack = preferred[0][1].target_name
    plan.active_stack_is_suggestion = True
    plan.warnings.append(
        "several profiles are migrated together: their active stacks were "
        + ", ".join(f"{ps.target_name} ({p.name})" for p, ps in candidates)
        + f"; suggested 0.20 active stack: {plan.active_stack} (`{plan.stack_set_command()}`)"
    )
