"""Read everything a ZenML 0.13.2 user has on disk into the neutral model (reference section 3).

``read_legacy(path)`` accepts the global config dir (default: ``$ZENML_CONFIG_PATH``, else the
platform config dir 0.13.2 used), its ``profiles/`` dir, or one profile dir. Profiles with a
local YAML store (``yaml_store``), a SQLite store (``sql_store``) and REST profiles (listed,
not migrated offline) are read; run history is counted (``history``).

Fatal input errors (the global ``config.yaml`` itself is broken, the path is not a config dir)
raise ``InputError``; problems with one profile or item are collected on the profile so that
``--skip-invalid`` can migrate the valid rest.
"""

import os
import re
from typing import Dict, List, Optional, Tuple
from urllib.parse import unquote, urlparse

from zenml_migrate.profiles import history, sql_store, yaml_store
from zenml_migrate.profiles.config_dir import default_config_dir
from zenml_migrate.profiles.model import LegacyConfig, LegacyProfile, Origin, Problem
from zenml_migrate.profiles.repo import is_legacy_layout
from zenml_migrate.profiles.yaml_io import InputError, fail, line_of, load_yaml, mapping

CONFIG_FILE = "config.yaml"
STORE_TYPES = ("local", "sql", "rest")


def _is_profile_dir(path: str) -> bool:
    return any(os.path.exists(os.path.join(path, f)) for f in ("stacks.yaml", "zenml.db"))


def url_path(url: str) -> str:
    """Local path of a ``file://`` or ``sqlite:///`` URL (as 0.13.2 wrote them)."""
    if url.startswith("sqlite:///"):  # sqlite:////abs/path and sqlite:///C:/path alike
        return unquote(url[len("sqlite:///"):])
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return url
    path = unquote(parsed.path)
    return path[1:] if re.match(r"^/[A-Za-z]:[/\\]", path) else path  # file:///C:/... on Windows


def original_config_dir(profiles: List[dict]) -> Optional[str]:
    """The config dir as 0.13.2 knew it, from ``<cfg>/profiles/<name>`` store URLs."""
    for entry in profiles:
        url = str(entry.get("store_url") or "")
        path = url_path(url)
        parts = path.replace("\\", "/").rstrip("/").split("/")
        if parts and parts[-1] == "zenml.db":
            parts = parts[:-1]
        if len(parts) >= 3 and parts[-2] == "profiles":
            return "/".join(parts[:-2]) or "/"
    return None


_LOCAL_STORE = re.compile(r"/local_stores/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(/.*)?$")


class PathMap:
    """Paths recorded by 0.13.2 under the original config dir, mapped to where the dir is now."""

    def __init__(self, original: Optional[str], actual: str):
        self.original = original.rstrip("/") if original else None
        self.actual = os.path.abspath(actual)

    def local(self, path: str) -> str:
        """Where ``path`` is on this machine (itself when it exists or is not under the config dir).

        Also when config.yaml was corrected after a move but the component files still name the
        old place: a path into ``local_stores/<component uuid>`` (where 0.13.2 keeps a component's
        local data) that is gone is the same path under this config dir, when that exists."""
        if os.path.exists(path):
            return path
        norm = path.replace("\\", "/")
        given = self._in_given_dir(norm)
        if given is not None:
            return given
        found = _LOCAL_STORE.search(norm)
        if found:
            here = f"{self.actual}/local_stores/{found.group(1)}{found.group(2) or ''}"
            if os.path.exists(here):
                return here
        return self.along(path) or path

    def inside(self, path: str) -> str:
        """Where to READ a file 0.13.2 recorded under the original config dir (a SQL store, a
        metadata.db): in the config dir given, when it is there, even if the original still exists
        (a copy on the same machine: the copy is what is migrated, as its YAML stores are), else
        ``local``. Paths written into the 0.20 target keep ``local``: they name where the data is."""
        here = self._in_given_dir(path.replace("\\", "/"))
        if here is not None and os.path.lexists(here):
            return here
        return self.local(path)

    def _in_given_dir(self, norm: str) -> Optional[str]:
        """``norm`` (a /-path) recorded under the original config dir: the same path under the dir given."""
        if self.original and self.original != self.actual and (norm == self.original or norm.startswith(self.original + "/")):
            return self.actual + norm[len(self.original):]
        return None

    def bases(self) -> Optional[Tuple[str, str]]:
        """(old, new): the folder the config dir moved with, before and after (``/old/proj`` and
        ``/new/proj`` for ``/old/proj/zenml_config`` now at ``/new/proj/zenml_config``)."""
        if not self.original or self.original == self.actual:
            return None
        old, new = self.original.replace("\\", "/").rstrip("/").split("/"), self.actual.rstrip("/").split("/")
        while len(old) > 1 and len(new) > 1 and old[-1] == new[-1]:
            old, new = old[:-1], new[:-1]
        base_old, base_new = "/".join(old), "/".join(new)
        return (base_old, base_new) if base_old and base_new and base_old != base_new else None

    def along(self, path: str) -> Optional[str]:
        """``path`` moved along with the config dir (a project folder copied whole: its artifact
        store, metadata.db or scripts beside the config dir), when it exists there."""
        bases = self.bases()
        norm = path.replace("\\", "/")
        if bases and norm.startswith(bases[0] + "/"):
            candidate = bases[1] + norm[len(bases[0]):]
            if os.path.exists(candidate):
                return candidate
        return None


def _profile_entries(cfg_path: str, data: dict) -> Dict[str, dict]:
    profiles = mapping(data, "profiles", cfg_path, "`profiles`")
    out = {}
    for name, entry in profiles.items():
        if not isinstance(entry, dict):
            raise fail(cfg_path, f"profile {name!r} must be a mapping", "fix config.yaml", line_of(profiles, name))
        entry = dict(entry)
        entry.setdefault("name", name)
        entry["_line"] = line_of(profiles, name)
        out[str(name)] = entry
    return out


def _check_complete(cfg_path: str, data: dict, entries: Dict[str, dict]) -> None:
    """A global config that lists profiles always has ``user_id`` and ``version`` (written last,
    keys sorted): without them, or naming an active profile it does not list, it lost its end."""
    missing = [k for k in ("user_id", "version") if k not in data]
    hint = "restore config.yaml from a backup: profiles listed in the lost part would not be migrated"
    if missing:
        raise fail(cfg_path, f"lacks {', '.join(missing)}, which ZenML always writes: the file looks truncated", hint)
    if not re.match(r"^\d+\.\d+\.\d+", str(data.get("version"))):
        raise fail(cfg_path, "its version is not a full ZenML version (X.Y.Z): the file looks truncated", hint, line_of(data, "version"))
    active = data.get("activated_profile")
    if active is not None and str(active) not in entries:  # (user_id and version, written after the profiles, are there)
        raise fail(cfg_path, f"the activated profile {active!r} is not among its profiles (ZenML 0.13.2 itself stops on this "
                   f"file: KeyError {str(active)!r})",
                   f"set activated_profile in it to one of {', '.join(sorted(entries))} (all of them are migrated), then "
                   "migrate again", line_of(data, "activated_profile"))


def read_legacy(path: Optional[str] = None, count_history: bool = True) -> LegacyConfig:
    """The neutral model of a 0.13.2 config dir, ``profiles/`` dir or profile dir."""
    path = os.path.abspath(os.path.expanduser(path or default_config_dir()))
    if not os.path.exists(path):
        raise fail(path, "does not exist", "pass the ZenML 0.13.2 config dir (see `zenml status` of 0.13.2), or set ZENML_CONFIG_PATH")
    if not os.path.isdir(path):
        raise fail(path, "is not a directory", "pass the ZenML 0.13.2 config dir, its profiles/ dir or one profile dir")

    only: Optional[str] = None
    if os.path.exists(os.path.join(path, CONFIG_FILE)) or os.path.isdir(os.path.join(path, "profiles")):
        config_dir = path
    elif os.path.basename(path) == "profiles" and not _is_profile_dir(path):
        config_dir = os.path.dirname(path)
    elif _is_profile_dir(path):
        config_dir = os.path.dirname(os.path.dirname(path)) if os.path.basename(os.path.dirname(path)) == "profiles" else None
        only = os.path.basename(path)
    else:
        raise fail(
            path,
            "is not a ZenML 0.13.2 config dir: no config.yaml, no profiles/ and no stacks.yaml or zenml.db",
            "pass the dir ZenML 0.13.2 used ($ZENML_CONFIG_PATH or ~/.config/zenml), its profiles/ dir or one profile dir",
        )

    data: dict = {}
    cfg_path = os.path.join(config_dir, CONFIG_FILE) if config_dir else None
    if cfg_path and os.path.lexists(cfg_path):
        data = load_yaml(cfg_path, "global config (config.yaml)")
    entries = _profile_entries(cfg_path, data) if cfg_path and data else {}
    if entries:
        _check_complete(cfg_path, data, entries)
    original = original_config_dir(list(entries.values()))
    config = LegacyConfig(
        path=config_dir or os.path.dirname(path),
        version=str(data.get("version")) if data.get("version") is not None else None,
        user_id=str(data.get("user_id")) if data.get("user_id") is not None else None,
        activated_profile=data.get("activated_profile"),
    )
    paths = PathMap(original, config.path)
    unknown = unknown_global_keys(data) if entries else None
    if unknown:
        config.notes.append(unknown)
    profiles_dir = os.path.join(config_dir, "profiles") if config_dir else os.path.dirname(path)

    names = list(entries)
    if os.path.isdir(profiles_dir):  # profile dirs that config.yaml does not list are read too
        for name in sorted(os.listdir(profiles_dir)):
            full = os.path.join(profiles_dir, name)
            if name not in entries and os.path.isdir(full) and _is_profile_dir(full):
                names.append(name)
    if only is not None:
        names = [only]
        if only not in entries:
            entries[only] = {}
    for name in names:
        entry = entries.get(name, {})
        profile = _read_profile(name, entry, profiles_dir if only is None else os.path.dirname(path), cfg_path, paths, original)
        profile.is_active = name == config.activated_profile
        if count_history and profile.store_type != "rest" and not profile.store_unusable:
            profile.history = history.count(profile, paths)
        config.profiles.append(profile)
    if not config.profiles:
        if "store" in data and "profiles" not in data:  # config.yaml of ZenML 0.20+: a store, no profiles
            store = data["store"] if isinstance(data["store"], dict) else {}
            db = store.get("database") if store.get("driver") == "sqlite" else None
            target = f"--store {db}" if db else "--store PATH or --server URL"
            raise fail(
                cfg_path or path,
                f"is the config of ZenML {data.get('version') or '0.20 or later'} (a store, no profiles): there is nothing "
                "of 0.13.2 here to migrate",
                "pass the config dir ZenML 0.13.2 used (a backup of ~/.config/zenml from before the upgrade); this one is "
                f"the target: {target}",
            )
        if cfg_path and os.path.basename(config_dir) == ".zen" and is_legacy_layout(data):
            raise fail(
                cfg_path,
                "is the config of a pre-0.7 repository (its own stacks, no profiles), not a ZenML 0.13.2 config dir",
                f"pass the config dir ZenML 0.13.2 used and this repo with --repo {os.path.dirname(config_dir)}: "
                "its stacks are migrated as profile legacy-repository",
            )
        raise fail(path, "holds no ZenML 0.13.2 profile", "pass the config dir that ZenML 0.13.2 used")
    return config


# config.yaml keys ZenML 0.13.2 reads (GlobalConfiguration, ProfileConfiguration), and those ZenML 0.20
# adds when it migrates the dir in place: any other key is the user's own and is not migrated (said, by name only)
GLOBAL_KEYS = {"user_id", "user_metadata", "analytics_opt_in", "version", "activated_profile", "profiles",
               "user_email", "user_email_opt_in", "store", "active_stack_id", "active_project_name", "jwt_secret_key"}
PROFILE_KEYS = {"name", "store_url", "store_type", "active_stack", "active_user", "_line"}


def _unknown_keys(data: dict, known: set) -> List[str]:
    return sorted(str(k) for k in data if str(k) not in known)


def unknown_global_keys(data: dict) -> Optional[str]:
    """The note for config.yaml keys that are not ZenML settings (names only: a value may be a secret)."""
    keys = _unknown_keys(data, GLOBAL_KEYS)
    if not keys:
        return None
    return (f"config.yaml: {', '.join(keys)}: not {'a setting' if len(keys) == 1 else 'settings'} of ZenML 0.13.2, not migrated "
            "(ZenML 0.20 keeps its own config.yaml; set what you still need there by hand)")


def _read_profile(name: str, entry: dict, profiles_dir: str, cfg_path: Optional[str], paths: PathMap, original) -> LegacyProfile:
    local_dir = os.path.join(profiles_dir, name)
    store_type = str(entry.get("store_type") or ("sql" if os.path.exists(os.path.join(local_dir, "zenml.db")) else "local"))
    origin = Origin(cfg_path or local_dir, entry.get("_line"))
    profile = LegacyProfile(
        name=name,
        store_type=store_type,
        store_url=str(entry.get("store_url") or ""),
        active_user=entry.get("active_user"),
        active_stack=entry.get("active_stack"),
        path=None,
        config_dir=paths.actual if (original or cfg_path) else None,
        paths=paths,
    )
    extra = _unknown_keys(entry, PROFILE_KEYS)
    if extra:
        profile.notes.append(f"config.yaml: {', '.join(extra)}: not {'a setting' if len(extra) == 1 else 'settings'} of a ZenML 0.13.2 "
                             "profile, not migrated (ZenML 0.20 has no profiles)")
    if store_type not in STORE_TYPES:
        profile.problems.append(Problem(origin, f"profile {name!r} has unknown store_type {store_type!r}", "use local, sql or rest", f"profile {name}"))
        return profile
    if store_type == "rest":
        return profile
    try:
        if store_type == "local":
            profile.path = local_dir if os.path.isdir(local_dir) else paths.local(url_path(profile.store_url))
            yaml_store.read_profile(profile, profile.path)
            yaml_store.check_neighbours(profile, os.path.join(profile.path, "stacks.yaml"))
        else:
            db = _sql_path(profile, local_dir, paths, origin)
            profile.path = os.path.dirname(db)
            sql_store.read_profile(profile, db)
            yaml_store.check_neighbours(profile, db)
    except InputError as e:
        problem = e.problem
        problem.item = problem.item or f"profile {name}"
        profile.problems.append(problem)
        if problem.item == f"profile {name}":  # the store as a whole is unusable: none of it is migrated
            profile.stacks, profile.components, profile.flavors = [], [], []
    return profile


def _sql_path(profile: LegacyProfile, local_dir: str, paths: PathMap, origin: Origin) -> str:
    scheme = urlparse(profile.store_url).scheme.split("+")[0].lower()
    if len(scheme) > 1 and scheme not in ("sqlite", "file"):  # mysql://user:password@host/db: a database server
        raise fail(
            origin.path,
            f"profile {profile.name!r} keeps its stacks in a {scheme} database server, not in a file "
            f"(migrate profiles reads SQLite stores only): {profile.store_url}",
            f"export the stacks with ZenML 0.13.2 (`zenml profile set {profile.name}`, then `zenml stack export`), "
            "or migrate without this profile (--profile)",
            line=origin.line,
            item=f"profile {profile.name}",
        )
    candidates = []
    if profile.store_url:
        candidates.append(paths.inside(url_path(profile.store_url)))
    candidates.append(os.path.join(local_dir, "zenml.db"))
    for c in candidates:
        if os.path.lexists(c):
            return c
    raise fail(
        candidates[0],
        f"the SQLite store of profile {profile.name!r} does not exist",
        "restore the zenml.db file (store_url in config.yaml names it), or migrate without this profile (--profile)",
        item=f"profile {profile.name}",
    )
