"""Replacing a file with its rewrite only when nothing can be lost.

``code --fix`` rewrites the bytes the scan read. ``replace_file`` puts the new bytes in place
through a temp file in the same folder and ``os.replace`` (a kill leaves the old file or the new
one, never half of one), and refuses, leaving the file as it is, when:

* the file no longer has the size and bytes it was read with: someone changed it during the run,
  so a fix of its old bytes would undo that. The bytes are read again and compared right before
  the swap; an mtime check would add only false alarms (a ``touch``, a checkout writing the
  same bytes) and miss nothing the bytes catch;
* its real path (symlinks resolved) is outside the paths the user gave;
* it is not a regular file, is read-only (no owner write bit, e.g. 0444), has other hard links
  (``os.replace`` would split them), or its owner / group cannot be given to the new file;
* the temp file cannot be written (a full disk): the temp file is removed again.

Owner, group and mode are kept. Temp files are named ``.<name>.zenml-migrate-tmp-<pid>-*``
(``zenml_migrate.tempfiles``): removed on every exit path, and those of a killed run are swept
from each folder before it is written again (``write_fixes``). Ctrl-C while the files are
written takes effect once all are (``interrupts_deferred``): a few milliseconds per file, and the
list of files written is then complete.
"""

import contextlib
import os
import signal
import stat
import threading
from typing import Iterable, Iterator, List, Sequence, Set

from zenml_migrate.tempfiles import mkstemp_near, sweep


class Refused(Exception):
    """The file was left as it is; the message says why and what to do."""


def _inside(real: str, roots: Iterable[str]) -> bool:
    return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def real_roots(paths: Sequence[str]) -> List[str]:
    """The paths the user gave, symlinks resolved (a file named directly is its own root)."""
    return [os.path.realpath(p) for p in paths]


def _read_now(path: str, size: int) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        return os.read(fd, size + 1)
    finally:
        os.close(fd)


def check_replaceable(path: str, old: bytes, roots: Sequence[str]) -> os.stat_result:
    """``stat`` of the file behind ``path`` when it may be replaced; else ``Refused``."""
    real = os.path.realpath(path)
    if not _inside(real, roots):
        raise Refused(f"is a link to {real}, outside the paths given; left unchanged (pass that path to fix it)")
    try:
        st = os.lstat(real)
    except OSError as exc:
        raise Refused(f"vanished during the run ({exc.strerror}); left as it is") from None
    if not stat.S_ISREG(st.st_mode):
        raise Refused("is no longer a regular file; left as it is")
    if not st.st_mode & stat.S_IWUSR:
        raise Refused(f"is read-only (mode {stat.S_IMODE(st.st_mode):04o}); left unchanged: make it writable to fix it")
    if st.st_nlink > 1:
        raise Refused(f"has {st.st_nlink} hard links, which a rewrite would split; left unchanged: fix one copy by hand")
    changed = st.st_size != len(old)
    if not changed:
        try:
            changed = _read_now(real, len(old)) != old
        except OSError as exc:
            raise Refused(f"cannot be read again ({exc.strerror}); left as it is") from None
    if changed:
        raise Refused("changed during the run; left as it is (run again to fix the new version)")
    return st


def replace_file(path: str, new: bytes, old: bytes, roots: Sequence[str]) -> str:
    """Replace the file behind ``path`` (which was ``old``) by ``new``; return the real path written.
    Raises ``Refused`` (nothing changed) when that is not safe."""
    st = check_replaceable(path, old, roots)
    real = os.path.realpath(path)
    try:
        fd, tmp = mkstemp_near(real)
    except OSError as exc:
        # the new text goes to a file in the same folder, renamed over the old one (atomic)
        raise Refused(f"cannot create a file in its folder ({exc.strerror}); left unchanged: the rewrite writes the new "
                      "version next to it and renames it over the old one, so the folder must be writable") from None
    try:
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(new)
                fh.flush()
                os.fsync(fh.fileno())
            if (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()) and hasattr(os, "chown"):
                os.chown(tmp, st.st_uid, st.st_gid)
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
        except PermissionError:
            raise Refused("belongs to another user or group, which the rewrite could not keep; left unchanged") from None
        except OSError as exc:
            raise Refused(f"cannot be written ({exc.strerror}); left unchanged") from None
        check_replaceable(path, old, roots)  # once more, right before the swap
        os.replace(tmp, real)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return real


def write_fixes(fixes, roots: Sequence[str]) -> List:
    """Write every changed ``FileFix`` (``path``, ``old``, ``new``, ``error``)
    safely. A refused one gets its ``error`` and loses its ``new`` (a summary then counts only
    what was written); so does a second path to a file already written. Returns the fixes
    written. Temp files a killed run left in the folders written to are swept first."""
    written, done_real = [], set()  # type: List, Set[str]
    swept: Set[str] = set()
    for f in fixes:
        if not f.changed or f.error:
            continue
        real = os.path.realpath(f.path)
        if real in done_real:
            f.new = None  # the same file under another name: already written
            continue
        folder = os.path.dirname(real)
        if folder not in swept:
            swept.add(folder)
            sweep(folder)
        try:
            replace_file(f.path, f.new, f.old, roots)
        except Refused as exc:
            f.error, f.refused, f.new = str(exc), f.new, None
            continue
        done_real.add(real)
        written.append(f)
    return written


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[List[int]]:
    """SIGINT (Ctrl-C) inside the block is held until its end, then raised as KeyboardInterrupt:
    the run stops after the last file is written, and what it printed about the files written is
    complete. The list it yields is not empty when an interrupt is held."""
    held: List[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield held
        return
    previous = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, lambda signum, frame: held.append(signum))
    try:
        yield held
    finally:
        signal.signal(signal.SIGINT, previous)
    if held:
        raise KeyboardInterrupt
