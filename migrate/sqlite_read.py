"""Opening a SQLite file of the user's read-only: the one opener for every file this tool reads and
never writes (a 0.13.2 ``metadata.db`` or SQL store ``zenml.db``, the 0.20 store a plan or the tracker
lookup of ``migrate code`` reads, the database a local 0.20 server names).

A write killed half-way (a ZenML command or pipeline stopped, a power loss) leaves ``path-journal``, a
hot journal only a writer may roll back: a read-only connection then fails with "attempt to write a
readonly database", though nothing is damaged. ``connect_readonly`` copies the file and its journal into
a private folder and opens the copy there, where SQLite rolls the write back: what ZenML reads on its
next open. The user's files are never written.
"""

import atexit
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Tuple

LOCK_TIMEOUT = 2.0

#: what a plan says of a SQLite file read through ``connect_readonly``'s rolled-back copy (``release``:
#: the ZenML that wrote it, "ZenML 0.13.2" or "ZenML 0.20")
ROLLED_BACK_NOTE = ("{path}: {release} stopped in the middle of a write to it ({path}-journal is the unfinished write): "
                    "read as {release} reads it next, without that write (rolled back in a private copy; the file and "
                    "its journal are left as they are)")


def connect_readonly(path: str, timeout: float = LOCK_TIMEOUT) -> Tuple[sqlite3.Connection, bool]:
    """A read-only connection to the SQLite file ``path``, and whether an interrupted write was rolled
    back (in a private copy). Raises ``sqlite3.Error`` as ``sqlite3.connect`` does."""
    uri = Path(os.path.abspath(path)).as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=timeout)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn, False
    except sqlite3.OperationalError as e:
        conn.close()
        if "readonly" not in str(e) or not os.path.isfile(f"{path}-journal"):
            raise
    folder = tempfile.mkdtemp(prefix="zenml-migrate-")  # mode 0700: the copy holds what the store holds
    atexit.register(shutil.rmtree, folder, True)
    copy = os.path.join(folder, os.path.basename(path))
    try:
        shutil.copyfile(path, copy)
        shutil.copyfile(f"{path}-journal", f"{copy}-journal")
    except OSError as e:
        raise sqlite3.OperationalError(f"an unfinished write ({path}-journal) could not be rolled back in a copy: {e}") from e
    conn = sqlite3.connect(copy, timeout=timeout)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # SQLite rolls the unfinished write back here
    return conn, True
