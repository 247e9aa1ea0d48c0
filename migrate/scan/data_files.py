"""The generated data of ``rules/data`` (the indexes of the real ZenML wheels), read through a
cache in the folder's ``__pycache__``, the way Python caches the byte code of a module.

The rule catalog loads most of these files whenever a command starts: about 1.5 MB of JSON,
which ``json.loads`` parses more slowly than ``marshal.loads`` reads the same values back. The
cache file of a JSON file holds the size and modification time (ns) of the JSON it was made
from, as a ``.pyc`` does of its source, then the values in ``marshal`` form; it is used only
while the JSON file still has that size and time, so a regenerated index is read anew. As for
byte code, it is not written when Python is told not to (``PYTHONDONTWRITEBYTECODE``, ``-B``)
or cannot write there (a read-only install): the JSON is read then, with the same values.
"""

import json
import marshal
import os
import sys
from pathlib import Path

from importlib.util import find_spec

# found without importing the rule catalog (``migrate profiles`` reads an index, never the rules)
DATA = Path(find_spec("zenml_migrate.rules").submodule_search_locations[0]).resolve() / "data"
_MAGIC = b"zenml-migrate data 1 "


def rules_data(name: str):
    """The values of the JSON file ``rules/data/<name>``."""
    return load(DATA / name)


def load(path: Path):
    """The values of the JSON file ``path``, from its cache when the cache is of the file as it is."""
    st = os.stat(path)
    head = b"%s%d %d\n" % (_MAGIC, st.st_size, st.st_mtime_ns)
    cache = cache_path(path)
    try:
        with open(cache, "rb") as fh:
            kept = fh.read()
        if kept.startswith(head):
            return marshal.loads(kept[len(head) :])
    except (OSError, ValueError, EOFError, TypeError):  # none yet, unreadable, or not marshal data
        pass
    with open(path, "rb") as fh:
        raw = fh.read()
    value = json.loads(raw)
    if not sys.dont_write_bytecode and len(raw) == st.st_size:  # (not changed while read: same size)
        _write(cache, head + marshal.dumps(value), st.st_mode)
    return value


def cache_path(path: Path) -> Path:
    """Where the values of ``path`` are cached (one file per Python version, as ``marshal``'s
    format is the interpreter's)."""
    return path.parent / "__pycache__" / f"{path.name}.{sys.implementation.cache_tag}.marshal"


def _write(cache: Path, data: bytes, mode: int) -> None:
    """Write ``cache`` whole or not at all (another process may read it meanwhile), readable by
    whoever may read the JSON file (its ``mode``)."""
    from zenml_migrate.tempfiles import mkstemp_near, sweep

    tmp = None
    try:
        cache.parent.mkdir(exist_ok=True)
        sweep(str(cache.parent), cache.name)  # what a run killed while writing it left
        fd, tmp = mkstemp_near(str(cache))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode & 0o666)
        os.replace(tmp, cache)
        tmp = None
    except OSError:  # a read-only install: the JSON is read every time
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
