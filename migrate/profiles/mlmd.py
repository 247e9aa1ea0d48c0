"""Read a 0.13.2 sqlite metadata store (``metadata.db``, ml-metadata 1.8.0, MLMD schema 8)
with the standard library only (reference run-history 1.1).

``read_mlmd(path)`` returns every row the history migration needs, keyed by MLMD id, or raises
``MlmdError`` with a sentence for the user (truncated file, a lock held by a running pipeline,
another MLMD schema version, tables missing). The file is opened read-only and never changed.
An empty file, or a SQLite file without any table, is a store no pipeline ran on (ml-metadata
creates its tables at the first connection): it has no runs.
"""

import sqlite3
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from zenml_migrate.safe_read import check_regular
from zenml_migrate.sqlite_read import connect_readonly

SCHEMA_VERSION = 8  # ml-metadata 1.8.0: what 0.13.2 writes and what 0.20.0-0.20.5 read
TABLES = ("Type", "TypeProperty", "Context", "ContextProperty", "Execution", "ExecutionProperty",
          "Artifact", "ArtifactProperty", "Event", "EventPath", "Association", "MLMDEnv")

# Execution.last_known_state / Event.type values (metadata_store.proto)
RUNNING, COMPLETE, FAILED, CACHED = 2, 3, 4, 5
INPUT, OUTPUT = 3, 4
STATES = {RUNNING: "running", COMPLETE: "completed", FAILED: "failed", CACHED: "cached"}

PropertyRow = Tuple[str, int, Optional[int], Optional[float], Optional[str], Optional[bytes]]


class MlmdError(Exception):
    """The metadata store cannot be read; the message says why and what to do."""


@dataclass
class Mlmd:
    """The rows of a 0.13.2 MLMD ``metadata.db`` that the run history needs."""

    path: str
    types: Dict[int, Tuple[str, int]] = field(default_factory=dict)  # id -> (name, type_kind)
    type_properties: Dict[int, List[Tuple[str, int]]] = field(default_factory=dict)  # type id -> [(name, data_type)]
    contexts: Dict[int, Tuple[int, str, int, int]] = field(default_factory=dict)  # id -> (type_id, name, created, updated)
    context_properties: Dict[int, Dict[str, str]] = field(default_factory=dict)  # id -> {name: string value}
    executions: Dict[int, Tuple[int, Optional[int], Optional[str], int, int]] = field(default_factory=dict)  # id -> (type_id, state, name, created, updated)
    execution_properties: Dict[int, List[PropertyRow]] = field(default_factory=dict)
    artifacts: Dict[int, Tuple[int, Optional[str], Optional[int], Optional[str], int, int]] = field(default_factory=dict)  # id -> (type_id, uri, state, name, created, updated)
    artifact_properties: Dict[int, List[PropertyRow]] = field(default_factory=dict)
    events: List[Tuple[int, int, int, int, Optional[int]]] = field(default_factory=list)  # (id, artifact, execution, type, ms), by id
    event_paths: Dict[int, List[Tuple[int, Optional[int], Optional[str]]]] = field(default_factory=dict)
    associations: Dict[int, List[int]] = field(default_factory=dict)  # execution id -> context ids
    rolled_back: bool = False  # an interrupted write (a hot journal) was rolled back in a private copy (``connect_readonly``)

    def type_name(self, type_id: int) -> str:
        return self.types.get(type_id, ("?", 0))[0]

    def contexts_of_type(self, name: str) -> List[int]:
        return [cid for cid, (tid, *_r) in self.contexts.items() if self.type_name(tid) == name]

    def execution_property(self, execution_id: int, name: str) -> Optional[str]:
        for row in self.execution_properties.get(execution_id, ()):
            if row[0] == name:
                return row[4]
        return None


def _connect(path: str) -> Optional[Tuple[sqlite3.Connection, bool]]:
    """A read-only connection, or None for an empty file (no runs)."""
    try:
        check_regular(path, None)  # a FIFO or a device where metadata.db belongs is refused, never opened
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as e:
        raise MlmdError(f"cannot read it ({e.strerror})")
    if not head:
        return None
    if head != b"SQLite format 3\x00":
        raise MlmdError("not a SQLite database (truncated or overwritten?); restore metadata.db from a backup")
    return connect_readonly(path)


def read_mlmd(path: str) -> Mlmd:
    """Every MLMD row of ``path`` (read-only)."""
    try:
        opened = _connect(path)
        if opened is None:
            return Mlmd(path)
        conn, rolled_back = opened
        try:
            m = _read(conn, path)
        finally:
            conn.close()
        m.rolled_back = rolled_back
        return m
    except sqlite3.OperationalError as e:
        if "locked" in str(e):
            raise MlmdError("locked by another process (a pipeline of ZenML 0.13.2 still running?); wait for it and migrate again")
        raise MlmdError(f"not a readable MLMD database ({e}); restore metadata.db from a backup")
    except sqlite3.DatabaseError as e:
        raise MlmdError(f"not a readable MLMD database ({e}); restore metadata.db from a backup")


def _read(conn: sqlite3.Connection, path: str) -> Mlmd:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return Mlmd(path)
    missing = [t for t in TABLES if t not in tables]
    if missing:
        raise MlmdError(f"not an MLMD database: table(s) {', '.join(missing)} missing")
    versions = [r[0] for r in conn.execute("SELECT schema_version FROM MLMDEnv")]
    if versions != [SCHEMA_VERSION]:
        raise MlmdError(
            f"MLMD schema version {', '.join(map(str, versions)) or 'none'}, not {SCHEMA_VERSION} (ml-metadata 1.8.0, what "
            "ZenML 0.13.2 writes and 0.20 reads); it was written by another ml-metadata: open it once with ZenML 0.13.2"
        )
    m = Mlmd(path)
    m.types = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, name, type_kind FROM Type")}
    for tid, name, data_type in conn.execute("SELECT type_id, name, data_type FROM TypeProperty ORDER BY type_id, name"):
        m.type_properties.setdefault(tid, []).append((name, data_type))
    m.contexts = {r[0]: tuple(r[1:]) for r in conn.execute(
        "SELECT id, type_id, name, create_time_since_epoch, last_update_time_since_epoch FROM Context ORDER BY id")}
    for cid, name, value in conn.execute("SELECT context_id, name, string_value FROM ContextProperty"):
        m.context_properties.setdefault(cid, {})[name] = value
    m.executions = {r[0]: tuple(r[1:]) for r in conn.execute(
        "SELECT id, type_id, last_known_state, name, create_time_since_epoch, last_update_time_since_epoch FROM Execution ORDER BY id")}
    for row in conn.execute("SELECT execution_id, name, is_custom_property, int_value, double_value, string_value, byte_value "
                            "FROM ExecutionProperty ORDER BY execution_id, name, is_custom_property"):
        m.execution_properties.setdefault(row[0], []).append(tuple(row[1:]))
    m.artifacts = {r[0]: tuple(r[1:]) for r in conn.execute(
        "SELECT id, type_id, uri, state, name, create_time_since_epoch, last_update_time_since_epoch FROM Artifact ORDER BY id")}
    for row in conn.execute("SELECT artifact_id, name, is_custom_property, int_value, double_value, string_value, byte_value "
                            "FROM ArtifactProperty ORDER BY artifact_id, name, is_custom_property"):
        m.artifact_properties.setdefault(row[0], []).append(tuple(row[1:]))
    m.events = [tuple(r) for r in conn.execute(
        "SELECT id, artifact_id, execution_id, type, milliseconds_since_epoch FROM Event ORDER BY id")]
    for row in conn.execute("SELECT event_id, is_index_step, step_index, step_key FROM EventPath ORDER BY rowid"):
        m.event_paths.setdefault(row[0], []).append(tuple(row[1:]))
    for cid, eid in conn.execute("SELECT context_id, execution_id FROM Association ORDER BY id"):
        m.associations.setdefault(eid, []).append(cid)
    return m
