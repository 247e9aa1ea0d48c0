"""``[tool.zenml-migrate]`` in the nearest pyproject.toml (select, ignore, extend-select,
per-file-ignores, exclude, experiment-tracker, target)."""

import os
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional

from zenml_migrate.safe_read import CONFIG_CAP, read_regular

try:
    import tomllib  # type: ignore[import-not-found]
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]


class ConfigError(Exception):
    pass


@dataclass
class Config:
    """The settings read from ``[tool.zenml-migrate]``."""

    path: Optional[str] = None
    select: List[str] = field(default_factory=list)
    ignore: List[str] = field(default_factory=list)
    extend_select: List[str] = field(default_factory=list)
    exclude: List[str] = field(default_factory=list)
    extend_exclude: List[str] = field(default_factory=list)  # added to ``exclude``, also when ``--exclude`` replaces it
    per_file_ignores: Dict[str, List[str]] = field(default_factory=dict)
    experiment_tracker: object = None  # a name, or a table {flavor: name} (migrate/fix/tracker_names.py)
    target: Optional[str] = None
    cache_dir: Optional[str] = None


_KEYS = {"select", "ignore", "extend-select", "exclude", "extend-exclude", "per-file-ignores", "experiment-tracker", "target", "cache-dir"}


def ancestors(start: str) -> Iterator[str]:
    """``start`` (made absolute) and every folder above it, up to the file-system root."""
    here = os.path.abspath(start)
    while True:
        yield here
        parent = os.path.dirname(here)
        if parent == here:
            return
        here = parent


def find_pyproject(start: str) -> Optional[str]:
    for here in ancestors(start if os.path.isdir(start) else os.path.dirname(start) or "."):
        candidate = os.path.join(here, "pyproject.toml")
        if os.path.isfile(candidate):
            return candidate
    return None


# the releases a fix writes for (``--target``, ``[tool.zenml-migrate] target``)
TARGETS = ("0.20.0", "0.20.5")


def check_target(target: Optional[str], where: str) -> Optional[str]:
    """``target`` when it is a release this tool targets; else ConfigError naming ``where``."""
    if target is not None and target not in TARGETS:
        raise ConfigError(f"{where} {target!r} is not a ZenML version this tool targets; use one of {', '.join(TARGETS)}")
    return target


def _target(path: str, value: Optional[str]) -> Optional[str]:
    return check_target(value, f"{path}: [tool.zenml-migrate] target")


def anchored(pattern: str, base: str) -> str:
    """The absolute form of a pattern with a ``/`` (``src/pkg/vendored/``, ``scripts/legacy_*.py``):
    relative to the folder of the pyproject.toml that declares it, whatever the working folder and
    however the paths are named (as ruff reads them). A pattern without ``/`` matches a path
    component or a file name anywhere: "" (no other form). The pattern as written stays too."""
    bare = pattern[2:] if pattern.startswith("./") else pattern
    bare = bare.strip("/")
    if "/" not in bare or os.path.isabs(pattern):
        return ""
    return os.path.join(os.path.abspath(base or "."), bare).replace(os.sep, "/")


def with_anchored(patterns: List[str], base: str) -> List[str]:
    """``patterns`` and the ``anchored`` form of each that has one."""
    return [*patterns, *(a for a in (anchored(p, base) for p in patterns) if a)]


def load_config(start: str = ".", explicit: Optional[str] = None) -> Config:
    path = explicit or find_pyproject(start)
    if not path:
        return Config()
    try:
        raw = read_regular(path, CONFIG_CAP)
        data = tomllib.loads(raw.decode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:  # the place as the TOML errors give it (it said "byte 0" alone)
        line, start = raw.count(b"\n", 0, exc.start) + 1, raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[start : exc.start].decode("utf-8", "replace")) + 1
        raise ConfigError(f"{path}: not UTF-8 (byte 0x{raw[exc.start]:02x} at line {line}, column {column}); re-save it as UTF-8") from None
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}; fix the file or pass --config") from None
    tool = data.get("tool", {})
    section = tool.get("zenml-migrate", {}) if isinstance(tool, dict) else {}
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.zenml-migrate] must be a table")
    unknown = set(section) - _KEYS
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) in [tool.zenml-migrate]: {', '.join(sorted(unknown))} (known: {', '.join(sorted(_KEYS))})")

    def strings(key: str) -> List[str]:
        value = section.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: [tool.zenml-migrate] {key} must be a list of strings")
        return value

    def string(key: str) -> Optional[str]:
        value = section.get(key)
        if value is not None and not isinstance(value, str):
            raise ConfigError(f"{path}: [tool.zenml-migrate] {key} must be a string")
        return value

    def tracker() -> object:
        """A name, or a table ``{flavor = name}`` (see migrate/fix/tracker_names.py)."""
        value = section.get("experiment-tracker")
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            return dict(value)
        raise ConfigError(f"{path}: [tool.zenml-migrate] experiment-tracker must be a name or a table flavor = name")

    pfi = section.get("per-file-ignores", {})
    bad_table = f"{path}: [tool.zenml-migrate] per-file-ignores must be a table of pattern = [codes]"
    if not isinstance(pfi, dict):
        raise ConfigError(bad_table)
    for codes in pfi.values():
        if not isinstance(codes, (str, list)) or (isinstance(codes, list) and not all(isinstance(c, str) for c in codes)):
            raise ConfigError(bad_table)
    base = os.path.dirname(path)
    cache_dir = string("cache-dir")
    per_file = {k: ([v] if isinstance(v, str) else list(v)) for k, v in pfi.items()}
    return Config(
        path=path,
        select=strings("select"),
        ignore=strings("ignore"),
        extend_select=strings("extend-select"),
        exclude=with_anchored(strings("exclude"), base),
        extend_exclude=with_anchored(strings("extend-exclude"), base),
        per_file_ignores={**per_file, **{anchored(k, base): v for k, v in per_file.items() if anchored(k, base)}},
        experiment_tracker=tracker(),
        target=_target(path, string("target")),
        cache_dir=os.path.join(base, cache_dir) if cache_dir else os.path.join(base, ".zenml-migrate-cache"),
    )
