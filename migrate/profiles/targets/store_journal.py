"""What a store write still owes after its COMMIT, kept on disk so that a kill cannot lose it.

A ``--store`` write changes two files: the SQLite store (one transaction) and, after the
COMMIT, the active stack in the 0.20 global ``config.yaml``. Before the first row is written a
journal ``zenml.db.zenml-migrate-pending.json`` says what the run is doing: the ``updated``
stamp of every row it writes and SQLite's file change counter before it (how the next run tells
a committed write from a rolled-back one),
the backup it made, and the config change due after the COMMIT with the config's digest before.
The journal is removed when the run ends, whatever the outcome. A run that finds a journal of a
dead process (``StoreTarget.recover``) finishes the config change when the rows are there and
the config was not touched since, and otherwise removes the backup the dead run made.
"""

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Optional

from zenml_migrate.safe_read import file_sha256, read_regular
from zenml_migrate.tempfiles import mkstemp_near

SUFFIX = ".zenml-migrate-pending.json"


@dataclass
class Pending:
    """What a store write still owes after its COMMIT: the journal's content."""

    pid: int
    when: str  # ``updated`` of every row the run writes
    backup: Optional[str] = None  # the copy of the store made before writing
    config: Optional[str] = None  # config.yaml whose active stack is set after the COMMIT
    config_digest: Optional[str] = None  # its sha256 before (None: the file did not exist)
    stack_id: Optional[str] = None  # the active stack to set (dashed)
    project: Optional[str] = None
    change_counter: Optional[int] = None  # SQLite's file change counter before the write


def digest(path: Path) -> Optional[str]:
    """sha256 of a file, None when it does not exist."""
    try:
        return file_sha256(path)
    except FileNotFoundError:
        return None


def change_counter(db: Path) -> Optional[int]:
    """SQLite's file change counter (header offset 24): every COMMIT in rollback-journal mode bumps it."""
    try:
        with open(db, "rb") as fh:
            fh.seek(24)
            raw = fh.read(4)
    except OSError:
        return None
    return int.from_bytes(raw, "big") if len(raw) == 4 else None


def journal_path(db: Path) -> Path:
    return db.with_name(db.name + SUFFIX)


def save(db: Path, pending: Pending) -> None:
    """Write the journal atomically (a kill leaves the old one or the new one, never half)."""
    path = journal_path(db)
    fd, tmp = mkstemp_near(str(path))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(pending), fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, str(path))
    except BaseException:
        os.unlink(tmp)
        raise


def load(db: Path) -> Optional[Pending]:
    path = journal_path(db)
    try:
        data = json.loads(read_regular(str(path), 1 << 20))
        return Pending(**{k: data.get(k) for k in Pending.__dataclass_fields__})
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError):
        return Pending(pid=0, when="")  # unreadable: treated as a dead run that wrote nothing


def clear(db: Path) -> None:
    try:
        os.unlink(journal_path(db))
    except FileNotFoundError:
        pass
