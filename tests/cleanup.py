"""Everything the test suite starts outside its own process is stopped, also when the run is
interrupted: Ctrl-C, SIGTERM (a CI timeout, ``kill``), SIGHUP (a closed terminal).

Whoever starts a server or daemon registers how to stop it (``register``) and unregisters it
once stopped normally. ``stop_all`` stops what is left, newest first; it runs at the end of the
pytest session (``tests/conftest.py``), at interpreter exit (``atexit``) and when a
SIGTERM/SIGHUP arrives (the handler turns the signal into ``KeyboardInterrupt`` so that
fixture finalizers run as they do on Ctrl-C, then the exit path calls ``stop_all``).
"""

import atexit
import os
import signal
import threading
from typing import Callable, Dict, Iterable

_STOPS: Dict[int, tuple] = {}
_LOCK = threading.Lock()
_NEXT = [0]


def register(what: str, stop: Callable[[], None]) -> int:
    """Remember how to stop ``what``; returns a handle for ``unregister``."""
    with _LOCK:
        _NEXT[0] += 1
        _STOPS[_NEXT[0]] = (what, stop)
        return _NEXT[0]


def unregister(handle: int) -> None:
    with _LOCK:
        _STOPS.pop(handle, None)


def stop_all() -> None:
    """Stop everything still registered (newest first); one failing stop does not keep the
    others from running."""
    while True:
        with _LOCK:
            if not _STOPS:
                return
            handle = max(_STOPS)
            what, stop = _STOPS.pop(handle)
        try:
            stop()
        except BaseException as exc:  # noqa: BLE001 - report and go on with the others
            os.write(2, f"tests/cleanup: could not stop {what}: {exc!r}\n".encode())


def kill_pids(pids: Iterable[int]) -> None:
    """SIGTERM, then SIGKILL after a moment, for processes this suite started (by pid)."""
    import time

    alive = []
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM)
            alive.append(pid)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 5
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [p for p in alive if _running(p)]
    for pid in alive:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _running(pid: int) -> bool:
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)  # our own child: reap it
        if done == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def install_signal_handlers() -> None:
    """SIGTERM and SIGHUP interrupt the run the way Ctrl-C does (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None and signal.getsignal(sig) in (signal.SIG_DFL, None):
            signal.signal(sig, _interrupt)


atexit.register(stop_all)
