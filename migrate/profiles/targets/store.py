"""``--store PATH``: write a plan straight into a local ZenML 0.20 SQLite store.

The store is the ``zenml.db`` the 0.20 global config names (``store.url``), by default
``<config dir>/local_stores/default_zen_store/zenml.db``, or any path given. Rows are
written the way 0.20 itself writes them (reference 4b): ids ``uuid.hex``, configuration
``base64(json.dumps(config))``, booleans 0/1, naive local datetimes with 6-digit fractions,
name uniqueness per (type, project, user) checked here because the database does not.

All or nothing: the schema must be one 0.20.0/0.20.5 create (``sqlite_schema``), the plan
is validated against what the store holds (``validate``), the file is copied to
``zenml.db.bak-<timestamp>``, then everything is written in one transaction, together with
the active stack in the global config; any failure rolls both back.
"""

import base64
import datetime
import json
import os
import shutil
import sqlite3
import uuid
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from zenml_migrate.output.words import plural
from zenml_migrate.profiles.global_config import DEFAULT_STORE, GlobalConfig, GlobalConfigError, default_config_dir
from zenml_migrate.profiles.model import Plan, PlannedComponent, PlannedFlavor, PlannedStack
from zenml_migrate.profiles.targets import Existing, Target, TargetError, WriteResult
from zenml_migrate.profiles.targets import history_writer
from zenml_migrate.profiles.targets.catalog import inferred_config_schema
from zenml_migrate.profiles.targets.sqlite_schema import check_schema
from zenml_migrate.profiles.targets import store_journal
from zenml_migrate.profiles.targets.validate import checked_writable, component_key, flavor_writable, skipped_flavor_message
from zenml_migrate.safe_read import file_sha256
from zenml_migrate.sqlite_read import ROLLED_BACK_NOTE, connect_readonly
from zenml_migrate.tempfiles import pid_alive

SQLITE_MAGIC = b"SQLite format 3\x00"
#: SQLite's own messages that hold no data (others may quote a value: only their type is shown)
_SAFE_SQLITE_ERRORS = {
    "database or disk is full": "free some space on the store's file system and migrate again",
    "disk I/O error": "check the disk and the file system of the store",
    "attempt to write a readonly database": "make the store and its folder writable",
}

#: a row this run wrote: committed when one is there (``store_journal``)
_WRITTEN_AT = (
    "SELECT 1 FROM stackschema WHERE updated = ? UNION ALL SELECT 1 FROM stackcomponentschema WHERE updated = ?"
    " UNION ALL SELECT 1 FROM flavorschema WHERE updated = ? UNION ALL SELECT 1 FROM projectschema WHERE updated = ? LIMIT 1"
)
DEFAULT_USER = "default"
#: said by a write into a store ZenML 0.20 was killed in the middle of writing (``connect_readonly`` found a hot journal)
ROLLED_BACK_BY_WRITE = ("{path}: ZenML 0.20 stopped in the middle of a write to it ({path}-journal was the unfinished write): "
                        "SQLite rolled that write back when this migration opened the store, as ZenML 0.20 does on its next open")
CREATE_HINT = "run `zenml stack list` once with ZenML 0.20 (same ZENML_CONFIG_PATH) to create it, then migrate again"


def now() -> str:
    """A 0.20 DATETIME: naive local time, space separator, 6-digit fraction."""
    return datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S.%f")


def encode_config(config: Dict[str, object]) -> bytes:
    return base64.b64encode(json.dumps(config).encode("utf-8"))


def decode_config(blob) -> Dict[str, object]:
    if isinstance(blob, str):
        blob = blob.encode("ascii")
    return json.loads(base64.b64decode(blob).decode("utf-8"))


def hex_id(dashed: Optional[str]) -> str:
    """The plan's dashed uuid as 0.20 stores it (32 lower-case hex digits), or a new one."""
    if not dashed:
        return uuid.uuid4().hex
    out = dashed.replace("-", "").lower()
    if len(out) != 32 or out.strip("0123456789abcdef"):
        return uuid.UUID(dashed).hex  # raises ValueError for a malformed id
    return out


def dashed(hex_: str) -> str:
    return str(uuid.UUID(hex_))


class StoreSnapshot:
    """The rows of one project that a migration reads: ids by name, configs, the user."""

    def __init__(self, conn: sqlite3.Connection, project: str, user_name: str, db: Path):
        row = conn.execute("SELECT id FROM userschema WHERE name = ?", (user_name,)).fetchone()
        if row is None:
            raise TargetError(f"{db}: no user `{user_name}` in this ZenML store; set ZENML_DEFAULT_USER_NAME to the store's user or {CREATE_HINT}")
        self.user_id: str = row[0]
        row = conn.execute("SELECT id FROM projectschema WHERE name = ?", (project,)).fetchone()
        self.project_id: Optional[str] = row[0] if row else None
        self.component_ids: Dict[Tuple[str, str], str] = {}
        self.stack_ids: Dict[str, str] = {}
        self.flavor_ids: Dict[Tuple[str, str], str] = {}
        self.existing = Existing(project_exists=self.project_id is not None, store_id=self.user_id)
        if self.project_id is None:
            return
        visible = "project_id = ? AND (user_id = ? OR is_shared = 1)"
        args = (self.project_id, self.user_id)
        names_by_id: Dict[str, Tuple[str, str]] = {}
        for id_, name, type_, flavor, blob in conn.execute(
            f"SELECT id, name, type, flavor, configuration FROM stackcomponentschema WHERE {visible}", args
        ):
            try:
                config = decode_config(blob)
            except (ValueError, UnicodeDecodeError):
                config = None  # unreadable config: same name is a conflict, never "already migrated"
            self.existing.components[(type_, name)] = (flavor, config) if config is not None else None
            self.component_ids[(type_, name)] = id_
            names_by_id[id_] = (type_, name)
        for id_, name in conn.execute(f"SELECT id, name FROM stackschema WHERE {visible}", args):
            self.stack_ids[name] = id_
            self.existing.stacks[name] = {}
            self.existing.stack_ids.add(dashed(id_))
        stack_names = {v: k for k, v in self.stack_ids.items()}
        for stack_id, component_id in conn.execute("SELECT stack_id, component_id FROM stackcompositionschema"):
            if stack_id in stack_names and component_id in names_by_id:
                type_, name = names_by_id[component_id]
                self.existing.stacks[stack_names[stack_id]][type_] = name
        for id_, type_, name, source in conn.execute(
            "SELECT id, type, name, source FROM flavorschema WHERE project_id = ? OR project_id IS NULL", (self.project_id,)
        ):
            self.existing.flavors[(type_, name)] = source
            self.flavor_ids[(type_, name)] = id_


class StoreTarget(Target):
    """A local ZenML 0.20 SQLite store (``--store PATH``; default: the one the global config names)."""

    lock_timeout = 5.0  # seconds to wait for a store another process (``zenml up``) is writing

    def __init__(self, path: Optional[str] = None, config_dir: Optional[str] = None, user_name: Optional[str] = None):
        self.notes: List[str] = []  # what recovering an interrupted earlier run (ours, or a write of ZenML 0.20) did
        self.read_notes: List[str] = []  # what the plan says of how the store was read
        self.config_dir = Path(config_dir) if config_dir else default_config_dir()
        self.db = self._locate(path)
        self.user_name = user_name or os.environ.get("ZENML_DEFAULT_USER_NAME") or DEFAULT_USER

    def _locate(self, path: Optional[str]) -> Path:
        if path is None:
            try:
                return GlobalConfig(self.config_dir).default_store_path()
            except GlobalConfigError as exc:
                raise TargetError(str(exc)) from exc
        p = Path(path).expanduser()
        if p.is_dir():
            if (p / "zenml.db").is_file():
                return p / "zenml.db"
            return p / DEFAULT_STORE  # a 0.20 config dir
        return p

    def describe(self) -> str:
        return f"store {self.db}"

    # -- reading

    def _open(self, readonly: bool) -> sqlite3.Connection:
        if not self.db.exists():
            raise TargetError(f"{self.db}: no ZenML 0.20 store here; {CREATE_HINT}")
        if not self.db.is_file():
            raise TargetError(f"{self.db}: is a directory, not a ZenML store file; pass the zenml.db file or its config dir")
        try:
            with open(self.db, "rb") as fh:
                magic = fh.read(len(SQLITE_MAGIC))
        except OSError as exc:
            raise TargetError(f"{self.db}: cannot read ({exc.strerror}); check the file permissions") from exc
        if magic != SQLITE_MAGIC:
            raise TargetError(f"{self.db}: not a SQLite database; pass the zenml.db of a ZenML 0.20 store")
        try:
            conn, rolled_back = connect_readonly(str(self.db.resolve()), timeout=self.lock_timeout)
            if rolled_back:  # a hot journal: read-only, the plan reads a copy with the unfinished write rolled back;
                # read-write, SQLite rolls it back in the store itself, as ZenML 0.20 does on its next open
                said = ROLLED_BACK_NOTE.format(path=self.db, release="ZenML 0.20") if readonly else ROLLED_BACK_BY_WRITE.format(path=self.db)
                notes = self.read_notes if readonly else self.notes
                if said not in notes:
                    notes.append(said)
            if not readonly:
                conn.close()
                conn = sqlite3.connect(f"{self.db.resolve().as_uri()}?mode=rw", uri=True, timeout=self.lock_timeout)
            conn.isolation_level = None
            problem = check_schema(conn)
        except sqlite3.DatabaseError as exc:
            raise TargetError(f"{self.db}: cannot open the store ({exc}); is it a ZenML 0.20 store?") from exc
        if problem:
            conn.close()
            raise TargetError(
                f"{self.db}: not a ZenML 0.20.x store schema ({problem}); migrate into a store made by"
                " ZenML 0.20.0-0.20.5 (run `zenml stack list` once with 0.20 to create one) or use --bundle"
            )
        return conn

    def _check_integrity(self, conn: sqlite3.Connection) -> None:
        """``PRAGMA integrity_check`` before anything is read for the plan or written."""
        try:
            found = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        except sqlite3.DatabaseError as exc:
            found = [str(exc)]
        if found != ["ok"]:
            conn.close()
            raise TargetError(
                f"{self.db}: the store fails SQLite's integrity check ({'; '.join(found[:3])}); nothing written:"
                " restore it from a backup (zenml.db.bak-*) or let ZenML 0.20 re-create it"
            )

    def existing(self, project: str) -> Existing:
        self.recover()
        conn = self._open(readonly=True)
        self._check_integrity(conn)
        try:
            existing = StoreSnapshot(conn, project, self.user_name, self.db).existing
            existing.notes.extend(self.read_notes)
            add_history_state(existing, conn, project)
            existing.zenml_version = self._zenml_version()
            return existing
        finally:
            conn.close()

    # -- finishing what a killed run left

    def recover(self) -> None:
        """Finish or undo what a killed earlier run left (``store_journal``); say what was done."""
        pending = store_journal.load(self.db)
        if pending is None:
            return
        if pid_alive(pending.pid) and pending.pid != os.getpid():
            raise TargetError(f"{self.db}: another zenml-migrate (process {pending.pid}) is writing this store; wait for it to finish")
        committed = stack_there = False
        if pending.when and self.db.is_file():
            conn = self._open(readonly=False)  # read-write: SQLite rolls a hot journal back on open
            try:
                committed = conn.execute(_WRITTEN_AT, (pending.when,) * 4).fetchone() is not None
                stack_there = bool(pending.stack_id) and conn.execute(
                    "SELECT 1 FROM stackschema WHERE id = ?", (hex_id(pending.stack_id),)).fetchone() is not None
            finally:
                conn.close()
            committed = committed or store_journal.change_counter(self.db) != pending.change_counter
        if committed and stack_there and pending.config:
            config = Path(pending.config)
            if store_journal.digest(config) == pending.config_digest:
                try:
                    GlobalConfig(config.parent).set_active(pending.stack_id, pending.project or "default")
                    self.notes.append(f"finished an interrupted migration: active stack of {config} set")
                except GlobalConfigError as exc:
                    self.notes.append(f"an interrupted migration left the active stack unset ({exc})")
        elif not committed and pending.backup and os.path.exists(pending.backup):
            os.unlink(pending.backup)  # the store is as it was: the backup of a write that never happened
        store_journal.clear(self.db)

    # -- writing

    def write(self, plan: Plan) -> WriteResult:
        """Check and write under one write lock: nothing can change between the check and the write.
        The store is committed before any other file (config.yaml) is touched."""
        result = WriteResult(target=self.describe())
        self.recover()
        conn = self._open(readonly=False)
        try:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise TargetError(f"{self.db}: the store is locked by another process (a running `zenml up`? stop it with `zenml down`); nothing written") from exc
            self._check_integrity(conn)
            snap = StoreSnapshot(conn, plan.project, self.user_name, self.db)
            writable = checked_writable(plan, snap.existing, str(self.db), result)
            if writable is None and plan.history_writes():
                writable = ([], [], [])
                result.done.remove("already migrated: nothing to write")
            if writable is None:
                conn.execute("ROLLBACK")
                return result
            pending = store_journal.Pending(pid=os.getpid(), when=now(), change_counter=store_journal.change_counter(self.db))
            try:
                store_journal.save(self.db, pending)  # before the backup: a kill from here on is recovered
            except OSError as exc:  # a read-only file system, a full disk: the store was not touched
                raise TargetError(f"{self.db}: cannot write next to the store ({exc.strerror or exc}); "
                                  "the store and its folder must be writable") from None
            try:
                pending.backup = str(self._backup())
                result.files.append(pending.backup)
                store_journal.save(self.db, pending)
                active = self._transaction(conn, snap, plan, writable, result, pending)
            except BaseException:
                store_journal.clear(self.db)
                raise
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            conn.close()
        result.messages.extend(self.notes)
        self._finish(plan, active, pending, result)
        return result

    def _backup(self) -> Path:
        """A copy of the store before writing (mode 0600: it holds the credentials the store holds)."""
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.db.with_name(f"{self.db.name}.bak-{stamp}")
        n = 1
        while target.exists():
            target = self.db.with_name(f"{self.db.name}.bak-{stamp}-{n}")
            n += 1
        try:
            fd = os.open(str(target), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out, open(self.db, "rb") as src:
                shutil.copyfileobj(src, out, 1 << 20)
                out.flush()
                os.fsync(out.fileno())
        except OSError as exc:
            if target.exists():
                target.unlink()
            raise TargetError(f"{self.db}: cannot write the backup {target} ({exc.strerror}); nothing written") from exc
        return target

    def _transaction(self, conn: sqlite3.Connection, snap: StoreSnapshot, plan: Plan, writable, result: WriteResult, pending) -> Optional[str]:
        """The writes, inside the transaction ``write`` began: COMMIT, or roll back everything.
        Returns the id of the active stack to set in config.yaml (after the COMMIT)."""
        before = file_sha256(self.db)
        backup = Path(pending.backup)
        try:
            writer = _RowWriter(conn, snap, pending.when)
            flavors, components, stacks = writable
            writer.ensure_project(plan.project, result)
            writer.flavors(flavors, components, result)
            writer.components(components, result)
            active_id = writer.stacks(plan, stacks, result)
            write_runs(conn, plan, self.user_name, result)
            gc = self._active_config(plan, active_id, result) if active_id else None
            if gc is not None:
                pending.config, pending.config_digest = str(gc.file), store_journal.digest(gc.file)
                pending.stack_id, pending.project = dashed(active_id), plan.project
                store_journal.save(self.db, pending)  # the config change is owed from the COMMIT on
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            self._ensure_unchanged(before, backup)
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise TargetError(f"{self.db}: the store is locked by another process (a running `zenml up`? stop it with `zenml down`); nothing written") from exc
            if isinstance(exc, sqlite3.OperationalError) and str(exc) in _SAFE_SQLITE_ERRORS:
                raise TargetError(f"{self.db}: write failed ({exc}: {_SAFE_SQLITE_ERRORS[str(exc)]}); rolled back, nothing written") from exc
            if isinstance(exc, Exception):
                raise TargetError(f"{self.db}: write failed ({type(exc).__name__}); rolled back, nothing written") from exc
            raise  # KeyboardInterrupt and the like, after the rollback
        result.done.append(f"backup of the store before writing: {backup}")
        return pending.stack_id

    def _finish(self, plan: Plan, stack_id: Optional[str], pending, result: WriteResult) -> None:
        """After the COMMIT: the active stack in config.yaml, then the journal goes."""
        if stack_id:
            gc = GlobalConfig(Path(pending.config).parent) if pending.config else None
            try:
                if gc is None or store_journal.digest(gc.file) != pending.config_digest:
                    raise GlobalConfigError(f"{pending.config}: changed while the store was written; not touched")
                gc.set_active(stack_id, plan.project)
            except GlobalConfigError as exc:
                store_journal.clear(self.db)
                written = len(result.created) + len(result.updated)
                raise TargetError(
                    f"{self.db}: the store was written ({written} item(s); backup {pending.backup}), but the active stack"
                    f" was not set: {exc}; run `{plan.stack_set_command()}`",
                    partial=True,
                ) from None
            result.files.append(str(gc.file))
            result.done.append(f"active stack of {gc.file}: {plan.active_stack} (project {plan.project})")
        store_journal.clear(self.db)

    def _ensure_unchanged(self, digest: str, backup: Path) -> None:
        """After a rollback the file must be the one before; if not, put the backup back."""
        if file_sha256(self.db) != digest:
            shutil.copy2(str(backup), str(self.db))
        elif backup.exists():
            backup.unlink()  # nothing happened: no backup to keep

    def _active_config(self, plan: Plan, stack_id: str, result: WriteResult) -> Optional[GlobalConfig]:
        """The global config whose active stack becomes ``stack_id`` (None: it uses another store)."""
        gc = GlobalConfig(self._config_dir_of_store())
        if not gc.points_at(self.db):
            result.messages.append(
                f"the global config {gc.file} does not use this store; activate with `{plan.stack_set_command()}`"
            )
            return None
        return gc

    def _zenml_version(self) -> Optional[str]:
        """The ZenML that last ran with this store (its config.yaml ``version``), when that is a 0.20.x."""
        try:
            version = GlobalConfig(self._config_dir_of_store()).version
        except GlobalConfigError:
            return None
        return version if version and version.startswith("0.20.") else None

    def _config_dir_of_store(self) -> Path:
        """The config dir whose config.yaml uses this store: the given one, else the dir above local_stores/."""
        if GlobalConfig(self.config_dir).points_at(self.db):
            return self.config_dir
        parents = self.db.resolve().parents
        return parents[2] if len(parents) > 2 and parents[1].name == "local_stores" else self.config_dir


def add_history_state(existing: Existing, conn: sqlite3.Connection, project: str) -> None:
    """Run names, markers and pipelines of the store (for the history part of the plan)."""
    state = history_writer.read_state(conn, project)
    existing.history_error = state["error"]
    existing.run_names = state["run_names"]
    existing.run_markers = state["markers"]
    existing.unlisted_runs = state["unlisted"]
    existing.pipelines = state["pipelines"]


def write_runs(conn: sqlite3.Connection, plan: Plan, user_name: str, result: WriteResult) -> None:
    """The plan's run history, inside the open transaction (after the stacks the runs need)."""
    if not plan.history_writes():
        return
    from zenml_migrate.profiles.history_plan import payload

    counts = history_writer.write_history(conn, payload(plan), user_name)
    if counts["runs"]:
        result.runs = f"{plural(counts['runs'], 'pipeline run')} ({plural(counts['steps'], 'step')}, {plural(counts['artifacts'], 'artifact')})"
        result.created.append(result.runs)
    if counts["linked"]:
        n = counts["linked"]
        result.done.append(f"{n} {'run' if n == 1 else 'runs'} imported unlisted before now {'joins its pipeline' if n == 1 else 'join their pipelines'} "
                           f"({', '.join(counts['linked_to'])})")
    if counts["attached"]:
        result.done.append(f"{counts['attached']} {'run joins its pipeline' if counts['attached'] == 1 else 'runs join their pipelines'}, "
                           "registered in the store since the plan was made")
    if counts["unlisted"]:
        result.done.append(f"{counts['unlisted']} {'run' if counts['unlisted'] == 1 else 'runs'} imported unlisted (see the run history notes)")
    if counts["renamed"]:
        result.done.append(f"run names taken since the plan was made, renamed: {', '.join(counts['renamed'])}")
    if counts["skipped"]:
        n = counts["skipped"]
        result.done.append(f"{n} {'run was' if n == 1 else 'runs were'} migrated before: left as {'it is' if n == 1 else 'they are'}")


class _RowWriter:
    """Inserts/updates inside the open transaction; keeps the ids it assigned."""

    def __init__(self, conn: sqlite3.Connection, snap: StoreSnapshot, when: str):
        self.conn = conn
        self.snap = snap
        self.when = when
        self.component_ids: Dict[Tuple[str, str], str] = dict(snap.component_ids)

    def _insert(self, table: str, rows: List[tuple]) -> None:
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            self.conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)

    def _component_row(self, id_: str, name: str, type_: str, flavor: str, config: Dict[str, object]) -> tuple:
        s = self.snap
        return (s.project_id, s.user_id, id_, name, 0, type_, flavor, encode_config(config), self.when, self.when)

    def ensure_project(self, project: str, result: WriteResult) -> None:
        """Create the project if missing, and the user's default stack in it, as 0.20 does."""
        s = self.snap
        if s.project_id is None:
            s.project_id = uuid.uuid4().hex
            self._insert("projectschema", [(s.project_id, project, "", self.when, self.when)])
            result.created.append(f"project {project}")
        has_default = self.conn.execute(
            "SELECT 1 FROM stackschema WHERE project_id = ? AND user_id = ? AND name = 'default'", (s.project_id, s.user_id)
        ).fetchone()
        if has_default:
            return
        orch, store, stack = uuid.uuid4().hex, uuid.uuid4().hex, uuid.uuid4().hex
        self._insert(
            "stackcomponentschema",
            [self._component_row(orch, "default", "orchestrator", "local", {}), self._component_row(store, "default", "artifact_store", "local", {})],
        )
        self._insert("stackschema", [(s.project_id, s.user_id, stack, self.when, self.when, "default", 0)])
        self._insert("stackcompositionschema", [(stack, orch), (stack, store)])
        self.component_ids[("orchestrator", "default")] = orch
        self.component_ids[("artifact_store", "default")] = store
        result.created.append(f"default stack of project {project}")

    def flavors(self, flavors: List[PlannedFlavor], components: List[PlannedComponent], result: WriteResult) -> None:
        s = self.snap
        rows = []
        for f in flavors:
            if not flavor_writable(f):
                result.messages.append(skipped_flavor_message(f))
                continue
            configs = [c.target_config for c in components if c.legacy.type == f.legacy.type and c.target_flavor == f.target_name]
            schema = inferred_config_schema(f"{f.target_name} config", configs)
            integration = f.legacy.integration
            key = (f.legacy.type, f.target_name)
            if f.replaces_existing and key in s.flavor_ids:
                self.conn.execute(
                    "UPDATE flavorschema SET source = ?, integration = ?, config_schema = ?, updated = ? WHERE id = ?",
                    (f.flavor_source, integration, schema, self.when, s.flavor_ids[key]),
                )
                result.updated.append(f"flavor {f.target_name}")
                continue
            rows.append((s.project_id, s.user_id, uuid.uuid4().hex, f.legacy.type, f.flavor_source, f.target_name, integration, schema, self.when, self.when))
            result.created.append(f"flavor {f.target_name}")
        self._insert("flavorschema", rows)

    def components(self, components: List[PlannedComponent], result: WriteResult) -> None:
        rows = []
        for c in components:
            key = component_key(c)
            if c.replaces_existing and key in self.snap.component_ids:
                self.conn.execute(
                    "UPDATE stackcomponentschema SET flavor = ?, configuration = ?, updated = ? WHERE id = ?",
                    (c.target_flavor, encode_config(c.target_config), self.when, self.snap.component_ids[key]),
                )
                result.updated.append(f"{c.legacy.type} {c.target_name}")
                continue
            id_ = hex_id(c.new_id)
            self.component_ids[key] = id_
            rows.append(self._component_row(id_, c.target_name, c.legacy.type, c.target_flavor, c.target_config))
            result.created.append(f"{c.legacy.type} {c.target_name}")
        self._insert("stackcomponentschema", rows)

    def _slot_ids(self, components: Dict[str, PlannedComponent]) -> List[str]:
        return [self.component_ids[component_key(c)] for c in components.values()]

    def stacks(self, plan: Plan, stacks: List[PlannedStack], result: WriteResult) -> Optional[str]:
        """Write the stacks; return the id of the plan's active stack when it is written here."""
        s = self.snap
        rows, composition, active = [], [], None
        for st in stacks:
            if st.replaces_existing and st.target_name in s.stack_ids:
                id_ = s.stack_ids[st.target_name]
                self.conn.execute("UPDATE stackschema SET updated = ? WHERE id = ?", (self.when, id_))
                self.conn.execute("DELETE FROM stackcompositionschema WHERE stack_id = ?", (id_,))
                result.updated.append(f"stack {st.target_name}")
            else:
                id_ = hex_id(st.new_id)
                rows.append((s.project_id, s.user_id, id_, self.when, self.when, st.target_name, 0))
                result.created.append(f"stack {st.target_name}")
            result.stack_ids[st.target_name] = dashed(id_)
            composition.extend((id_, cid) for cid in self._slot_ids(st.components))
            if plan.active_stack == st.target_name and not plan.active_stack_is_suggestion:
                active = id_
        self._insert("stackschema", rows)
        self._insert("stackcompositionschema", composition)
        return active
