"""Temp files and dirs made next to the files this tool replaces.

Every one is named ``.<name>.zenml-migrate-<tag>-<pid>-<random>``: it is removed on every exit
path of the run that made it, and when that run was killed (its process is gone) the next run
that writes in the same folder sweeps it (``sweep``). A temp file of a run still alive is never
touched, so two runs side by side cannot remove each other's work.
"""

import os
import re
import shutil
import tempfile
from typing import List, Optional, Tuple

TAG = "zenml-migrate"
_PATTERN = re.compile(r"^\.(?P<name>.+)\." + TAG + r"-(?P<tag>[a-z]+)-(?P<pid>\d+)-[^/]*$")


def pid_alive(pid: int) -> bool:
    """Is process ``pid`` running (this process counts as running)?"""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def prefix(name: str, tag: str) -> str:
    return f".{name}.{TAG}-{tag}-{os.getpid()}-"


def mkstemp_near(path: str, tag: str = "tmp") -> Tuple[int, str]:
    """A new temp file in the folder of ``path`` (same file system: ``os.replace`` is atomic)."""
    folder, name = os.path.split(os.path.abspath(path))
    return tempfile.mkstemp(prefix=prefix(name, tag), dir=folder)


def mkdtemp_near(path: str, tag: str) -> str:
    folder, name = os.path.split(os.path.abspath(path))
    return tempfile.mkdtemp(prefix=prefix(name, tag), dir=folder)


def stale(folder: str, name: Optional[str] = None) -> List[Tuple[str, str, str]]:
    """``(path, tag, name)`` of the temp entries in ``folder`` left by runs that are gone."""
    try:
        entries = sorted(os.listdir(folder))
    except OSError:
        return []
    out = []
    for entry in entries:
        m = _PATTERN.match(entry)
        if m and (name is None or m["name"] == name) and not pid_alive(int(m["pid"])):
            out.append((os.path.join(folder, entry), m["tag"], m["name"]))
    return out


def sweep(folder: str, name: Optional[str] = None, tags=("tmp",)) -> List[str]:
    """Remove the temp files (and dirs) with one of ``tags`` that dead runs left in ``folder``."""
    removed = []
    for path, tag, _name in stale(folder, name):
        if tag not in tags:
            continue
        try:
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            else:
                os.unlink(path)
            removed.append(path)
        except OSError:
            pass
    return removed
