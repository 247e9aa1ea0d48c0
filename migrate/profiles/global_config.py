"""The ZenML 0.20 global ``config.yaml``: where the local store is, and the active stack.

0.20 keeps its global config in the same directory as 0.13.2 did (``$ZENML_CONFIG_PATH``,
else the platform config dir, ``~/.config/zenml`` on Linux). Its first start over a 0.13.2
dir keeps the legacy keys (``profiles``, ``activated_profile``) and adds ``store``,
``active_stack_id`` and ``active_project_name`` (reference 4e). We only ever change
``active_stack_id`` / ``active_project_name``, as span edits (``zenml_migrate.yaml_edit``:
every other byte kept), with an atomic replace.
"""

import os
from pathlib import Path
from typing import Optional
from urllib.parse import unquote, urlparse

import yaml

from zenml_migrate.profiles.yaml_io import structure_problem
from zenml_migrate.safe_read import CONFIG_CAP, read_regular
from zenml_migrate.tempfiles import mkstemp_near, sweep
from zenml_migrate.yaml_edit import Declined, YamlText
from zenml_migrate.yaml_load import DuplicateKey, load, refused_character

CONFIG_FILE = "config.yaml"
DEFAULT_STORE = Path("local_stores") / "default_zen_store" / "zenml.db"


class GlobalConfigError(Exception):
    """A 0.20 global config that cannot be read or written (message says what to do)."""


def default_config_dir() -> Path:
    """``$ZENML_CONFIG_PATH``, else the platform config dir: 0.20 uses the same dir as 0.13.2."""
    from zenml_migrate.profiles.readers import default_config_dir as legacy_config_dir

    return Path(legacy_config_dir()).expanduser()


def atomic_write_text(path: Path, text: str, mode: Optional[int] = None) -> None:
    """Write ``text`` to ``path`` through a temp file in the same dir and ``os.replace``. A
    symlinked config (dotfiles) stays a symlink: the file it points to is replaced. Temp files
    a killed run left are swept first (``zenml_migrate.tempfiles``)."""
    real = os.path.realpath(str(path))
    sweep(os.path.dirname(real), os.path.basename(real))
    fd, tmp = mkstemp_near(real)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is None and os.path.exists(real):
            mode = os.stat(real).st_mode & 0o777
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, real)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _alias_problem(text: str) -> Optional[str]:
    """ZenML never writes YAML aliases; a round trip would not keep a recursive one: leave the file alone."""
    try:
        if any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))):
            return "it holds YAML aliases, which ZenML never writes"
    except yaml.YAMLError:
        return "invalid YAML"
    return None


def sqlite_path(url: str) -> Optional[Path]:
    """``sqlite:////abs/zenml.db`` -> ``/abs/zenml.db`` (None for any other URL)."""
    parsed = urlparse(url)
    if parsed.scheme != "sqlite":
        return None
    path = unquote(parsed.path)
    # sqlite:////abs -> path '//abs'; sqlite:///rel -> '/rel' (relative to the cwd, as sqlalchemy)
    if path.startswith("//"):
        return Path(path[1:])
    return Path(path[1:]) if path.startswith("/") else Path(path)


class GlobalConfig:
    """The 0.20 ``config.yaml`` of one config dir (missing file: empty config)."""

    def __init__(self, config_dir: Path):
        self.dir = Path(config_dir)
        self.file = self.dir / CONFIG_FILE
        self.text: Optional[str] = None
        self.data = {}
        if os.path.lexists(self.file):
            try:
                self.text = read_regular(str(self.file), CONFIG_CAP).decode("utf-8")
                self.data = load(self.text) or {}
            except OSError as exc:
                raise GlobalConfigError(f"{self.file}: cannot read the ZenML global config ({exc.strerror}); fix or move the file") from None
            except UnicodeDecodeError as exc:
                raise GlobalConfigError(f"{self.file}: the ZenML global config is not UTF-8 (byte {exc.start}); fix or move the file") from None
            except (yaml.YAMLError, DuplicateKey, RecursionError) as exc:  # never the message: it quotes the file (a REST password)
                mark = getattr(exc, "problem_mark", None)
                line = mark.line + 1 if mark is not None else getattr(exc, "line", None)
                where = f" on line {line}" if line else ""
                refused = refused_character(self.text, exc)
                if refused is not None:  # a NUL byte, a control character: its place and code
                    where = f" on line {refused[0]}, column {refused[1]} (the character U+{refused[2]:04X} is not allowed in YAML)"
                raise GlobalConfigError(f"{self.file}: the ZenML global config is not valid YAML{where}; fix or move the file") from None
            if not hasattr(self.data, "get"):
                raise GlobalConfigError(f"{self.file}: not a mapping; fix or move the file")
            problem = structure_problem(self.data) or _alias_problem(self.text)
            if problem:
                raise GlobalConfigError(f"{self.file}: the ZenML global config is unusable ({problem}); fix or move the file")

    @property
    def version(self) -> Optional[str]:
        value = self.data.get("version")
        return str(value) if value is not None else None

    @property
    def store(self) -> dict:
        store = self.data.get("store")
        return store if hasattr(store, "get") else {}

    @property
    def active_stack_id(self) -> Optional[str]:
        return self.data.get("active_stack_id")

    @property
    def active_project_name(self) -> Optional[str]:
        return self.data.get("active_project_name")

    def store_path(self) -> Optional[Path]:
        """The SQLite file of the configured store; None when 0.20 never ran here or the store is not SQLite."""
        url = self.store.get("url")
        if self.store.get("type") != "sql" or not url:
            return None
        return sqlite_path(str(url))

    def default_store_path(self) -> Path:
        """The store 0.20 uses here: ``store.url``, else the embedded default location."""
        return self.store_path() or (self.dir / DEFAULT_STORE)

    def points_at(self, db: Path) -> bool:
        """True when this config's store is the SQLite file ``db``."""
        if self.text is None:
            return False  # 0.20 never ran with this config dir
        mine = self.store_path()
        if mine is None:
            return self.store.get("type") is None and (self.dir / DEFAULT_STORE).resolve() == Path(db).resolve()
        return mine.resolve() == Path(db).resolve()

    def set_active(self, stack_id: str, project_name: str) -> Optional[str]:
        """Set ``active_stack_id`` (dashed uuid) and ``active_project_name``; return the previous text."""
        previous = self.text
        try:
            doc = YamlText(self.text or "")
            doc.set_top("active_stack_id", stack_id)
            doc.set_top("active_project_name", project_name)
        except Declined as exc:
            raise GlobalConfigError(f"{self.file}: cannot set the active stack in the ZenML global config ({exc}); "
                                    f"set active_stack_id: {stack_id} by hand") from None
        try:
            atomic_write_text(self.file, doc.text)
        except OSError as exc:
            raise GlobalConfigError(f"{self.file}: cannot write the ZenML global config ({exc.strerror or exc})") from exc
        self.data["active_stack_id"] = stack_id
        self.data["active_project_name"] = project_name
        self.text = doc.text
        return previous

    def restore(self, previous: Optional[str]) -> None:
        """Put back the text ``set_active`` replaced (a missing file is removed again)."""
        if previous is None:
            if self.file.exists():
                self.file.unlink()
        else:
            atomic_write_text(self.file, previous)
        self.text = previous
