"""``--repo PATH``: rewrite a legacy ``<repo>/.zen/config.yaml`` to the ZenML 0.20 form.

0.13.2 wrote ``active_profile_name``, ``active_stack_name``, ``project_name``, ``project_id``
(reference 3.8); 0.20 reads ``active_project_name`` and ``active_stack_id`` and keeps unknown
keys (the legacy keys too, as 0.20 does). The rewrite keeps every byte it does not replace (other keys, comments, order:
span edits, ``zenml_migrate.yaml_edit``), adds the 0.20 keys, keeps a backup next to the file and replaces it atomically.
"""

import os
import shutil
from pathlib import Path
from typing import Optional

from zenml_migrate.profiles.global_config import atomic_write_text
from zenml_migrate.profiles.model import LegacyProfile, Plan, RepoConfig
from zenml_migrate.profiles.yaml_io import InputError, fail, load_yaml, parse_yaml
from zenml_migrate.safe_read import read_regular
from zenml_migrate.yaml_edit import Declined, YamlText

def config_path(repo: str) -> str:
    repo = os.path.abspath(os.path.expanduser(repo))
    if os.path.basename(repo) == "config.yaml":
        return repo
    if os.path.basename(repo) == ".zen":
        return os.path.join(repo, "config.yaml")
    return os.path.join(repo, ".zen", "config.yaml")


def read_repo_config(repo: str) -> RepoConfig:
    path = config_path(repo)
    if not os.path.lexists(path):
        raise fail(path, "no ZenML repository config here", "pass the root of a repo where `zenml init` was run with 0.13.2")
    data = load_yaml(path, "repository config (.zen/config.yaml)")
    return RepoConfig(path, data.get("active_profile_name"), data.get("active_stack_name"), dict(data))


LEGACY_PROFILE = "legacy-repository"


def is_legacy_layout(data) -> bool:
    """A pre-0.7 repository config (0.13.2 ``LegacyRepositoryConfig``): the repo keeps its own
    stacks (``stacks``, ``stack_components``; component files in ``.zen/<type>s/``)."""
    return (hasattr(data, "get") and data.get("version") is not None
            and isinstance(data.get("stacks"), dict) and isinstance(data.get("stack_components"), dict))


def legacy_profile(cfg: RepoConfig, taken, count_history: bool = True) -> Optional[LegacyProfile]:
    """The stacks of a pre-0.7 repository config as one more profile (None for a 0.7+ repo config).

    ZenML 0.13.2 converts such a config on its first command in the repo into a profile
    ``legacy-repository-XXXXXXXX`` whose store has only a new default stack, and rewrites the
    config without ``stacks``: the repo's stacks are lost. They are read here as they are."""
    if not is_legacy_layout(cfg.raw):
        return None
    from zenml_migrate.profiles import history, yaml_store
    from zenml_migrate.profiles.readers import PathMap

    name, n = LEGACY_PROFILE, 2
    while name in taken:
        name, n = f"{LEGACY_PROFILE}-{n}", n + 1
    zen = os.path.dirname(cfg.path)
    paths = PathMap(None, zen)
    profile = LegacyProfile(name=name, store_type="local", store_url="", active_user=None, active_stack=None, path=zen, paths=paths)
    try:
        yaml_store.read_stacks(profile, zen, cfg.raw, cfg.path)
    except InputError as e:
        e.problem.item = e.problem.item or f"profile {name}"
        profile.problems.append(e.problem)
        profile.stacks, profile.components = [], []
    if cfg.active_stack_name in {s.name for s in profile.stacks}:
        profile.active_stack = str(cfg.active_stack_name)
    profile.notes.append(
        f"the stacks of the pre-0.7 repository {os.path.dirname(zen)} (kept in {cfg.path}, not in a profile: "
        "ZenML 0.13.2 would replace them by a new default stack on its first command in that repo)"
    )
    if count_history and not profile.store_unusable:
        profile.history = history.count(profile, paths)
    cfg.active_profile_name = name  # the repo's active stack is this profile's
    return profile


def profile_gone(cfg: RepoConfig, legacy) -> Optional[str]:
    """Why the repo does not use its own profile: it names one the config dir no longer has, and
    ZenML 0.13.2 then says "Profile X not found. Switching repository to the global active
    profile Y" and takes Y's active stack (it rewrites .zen/config.yaml so)."""
    name = cfg.active_profile_name
    if not name or is_legacy_layout(cfg.raw) or name in {p.name for p in legacy.profiles}:
        return None
    active = legacy.activated_profile
    stack = next((p.active_stack for p in legacy.profiles if p.name == active), None)
    return (f"{cfg.path} names profile {name!r}, which {legacy.path} no longer has: ZenML 0.13.2 switches such a "
            f"repository to the global active profile {active!r}" + (f" and its active stack {stack!r}, whose migration "
            "becomes the repository's 0.20 active stack" if stack else "; the repository gets no 0.20 active stack"))


def _stack_for(cfg: RepoConfig, plan: Plan):
    """The planned stack the repo pointed at (its profile, else any profile of the plan)."""
    if profile_gone(cfg, plan.source):  # 0.13.2 uses the global active profile and its active stack
        active = plan.source.activated_profile
        name = next((p.active_stack for p in plan.source.profiles if p.name == active), None)
        named = [s for s in plan.stacks if name and s.legacy.name == name]
        mine = [s for s in named if s.profile == active]  # none: merged into another profile's identical stack
        return (mine or named or [None])[0]
    if not cfg.active_stack_name:
        return None
    candidates = [s for s in plan.stacks if s.legacy.name == cfg.active_stack_name]
    if cfg.active_profile_name:
        same = [s for s in candidates if s.profile == cfg.active_profile_name]
        # a pre-0.7 repo's stacks are its own profile's: never a same-name stack of another profile
        candidates = same if same or is_legacy_layout(cfg.raw) else candidates
    return candidates[0] if candidates else None


def new_config(cfg: RepoConfig, plan: Plan, stack_ids=None) -> dict:
    """The 0.20 keys to set: ``active_project_name`` and, when known, ``active_stack_id``."""
    out = {"active_project_name": plan.project}
    ps = _stack_for(cfg, plan)
    if ps is not None:
        stack_id = (stack_ids or {}).get(ps.target_name)
        if stack_id:
            out["active_stack_id"] = stack_id
    return out


def _can_write(path: str) -> bool:
    return os.access(path, os.W_OK)  # False on a read-only file system, for root too


def check_writable(cfg: RepoConfig) -> None:
    """Before the target is written: the rewrite after it must not fail on a read-only repo."""
    directory = os.path.dirname(cfg.path)
    if not (_can_write(directory) and _can_write(cfg.path)):
        raise fail(cfg.path, "the repository config cannot be rewritten (its .zen dir or the file is not writable)",
                   "make them writable, or leave --repo out and set active_project_name / active_stack_id by hand")


def rewrite(cfg: RepoConfig, plan: Plan, stack_ids=None) -> Optional[str]:
    """Rewrite the repo config; return the backup path (None when nothing changed)."""
    try:
        text = read_regular(cfg.path).decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise fail(cfg.path, f"cannot read the repository config again ({getattr(e, 'strerror', None) or type(e).__name__})", "check the file")
    data = parse_yaml(text, cfg.path, "repository config (.zen/config.yaml)")
    changes = new_config(cfg, plan, stack_ids)
    if all(data.get(k) == v for k, v in changes.items()):
        return None
    try:
        doc = YamlText(text)
        for key, value in changes.items():  # the legacy keys stay, as ZenML 0.20 itself keeps them
            doc.set_top(key, value)
    except Declined as e:
        raise fail(cfg.path, f"cannot rewrite the repository config in place ({e})", "set active_project_name / active_stack_id by hand")
    backup = cfg.path + ".zenml-0.13.2.bak"
    n = 1
    while os.path.exists(backup):
        backup = f"{cfg.path}.zenml-0.13.2.{n}.bak"
        n += 1
    try:
        shutil.copy2(cfg.path, backup)
        atomic_write_text(Path(cfg.path), doc.text)  # a symlinked config stays a symlink; no temp file left
    except OSError as e:
        raise fail(cfg.path, f"cannot rewrite the repository config ({e.strerror})", "check the permissions of the .zen dir")
    return backup
