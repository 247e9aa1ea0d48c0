"""Chunks of work over a process pool, in order, surviving a worker that dies (a native crash
in a parser): the chunk it held is redone item by item, each alone, and an item that kills
its worker again gets ``on_crash(item)`` as its result. Used by the scan and fix engines.

``ChunkStream`` takes items while the caller is still producing them (the scan engine feeds
it while it reads files, so parsing on the other core overlaps reading); ``run_chunks`` is
the same for a list known up front.

A ``Guard`` bounds each item's time and each worker's memory (the fixer uses one: LibCST can
take minutes and gigabytes on one file); an item over its time is stopped with its worker.

Every worker is set up the same way, by ``init_worker``: the selected rules (by code), the
cross-file facts and, for the fixer, its options; the work function reads them back with
``worker()``.

Workers never import from the user's folder (``_outside_the_cwd``): a worker started by spawn
(the default on macOS and Windows) or by a forkserver (Linux from Python 3.14) is a new
``python -c ...`` in the current folder, which ``-c`` puts first on ``sys.path``; a project with a
``multiprocessing.py`` or a ``signal/`` package there would be imported in place of the standard
library before the worker gets the run's own ``sys.path``. So such workers start in an empty
folder of the run's own, and go back to the run's folder once they have the run's ``sys.path``.
"""

import atexit
import os
import shutil
import signal
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Dict, Generic, List, Optional, Sequence, Set, Tuple, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass
class Worker:
    """What a pool worker knows: the rules, the scan context and the work's own data."""

    rules: list  # the selected rules
    ctx: Any  # zenml_migrate.scan.file_scan.ScanContext
    extra: Any = None  # what the work function needs besides (the fixer's options)


_WORKER: Optional[Worker] = None


def init_worker(selection, project: Dict[str, str], modules: Set[str], extra: Any = None) -> None:
    """Pool initializer (also usable in-process): the rules and target of ``selection`` (a
    ``file_scan.Selection``) and the facts."""
    global _WORKER
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan.detect import rule_index
    from zenml_migrate.scan.file_scan import ScanContext
    from zenml_migrate.start import fewer_gc_passes

    fewer_gc_passes()
    codes = set(selection.codes)
    rules = [r for r in all_rules() if r.code in codes]
    _WORKER = Worker(rules, ScanContext(rule_index(rules), project, modules, selection.target), extra)


def worker() -> Worker:
    return _WORKER


@dataclass
class Guard:
    """Limits of one item's work (the fixer's: LibCST can take minutes and gigabytes on one file):
    an item that runs longer than ``seconds`` is stopped (its worker killed) and gets
    ``on_timeout(item)``; ``memory`` bytes of address space each worker may add (MemoryError)."""

    seconds: float
    on_timeout: Callable[[Any], Any]
    memory: Optional[int] = None


def limit_memory(extra: Optional[int]) -> None:
    """In a worker: at most ``extra`` more bytes of address space than it has now (Linux/BSD)."""
    if not extra:
        return
    try:
        import resource

        with open("/proc/self/statm") as fh:
            now = int(fh.read().split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        want = now + extra
        if hard != resource.RLIM_INFINITY:
            want = min(want, hard)
        resource.setrlimit(resource.RLIMIT_AS, (want, hard))
    except (ImportError, OSError, ValueError):
        pass  # no /proc or no RLIMIT_AS: the time limit still holds


class TookTooLong(Exception):
    """Raised inside a worker when one item ran out of its time (``item_deadline``)."""


@contextmanager
def item_deadline(seconds: Optional[float]):
    """Inside a worker: raise ``TookTooLong`` when the block runs longer than ``seconds`` (a timer
    signal; native code that never returns to Python is caught by the pool's watchdog instead)."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise TookTooLong()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _start_context():
    """The multiprocessing context the pools start their workers with (the platform's default)."""
    import multiprocessing

    return multiprocessing.get_context()


def _starts_a_new_interpreter(context) -> bool:
    """Do workers of ``context`` start as a new ``python -c`` in the current folder (spawn, or a
    forkserver started now)? Forked workers never import anything again at start."""
    return context.get_start_method() != "fork"


_EMPTY_FOLDER: Optional[str] = None


def _empty_folder() -> Optional[str]:
    """A folder of this run with nothing in it to import (made once, removed at exit; None when
    no temporary folder can be made)."""
    global _EMPTY_FOLDER
    if _EMPTY_FOLDER is None or not os.path.isdir(_EMPTY_FOLDER):
        try:
            _EMPTY_FOLDER = tempfile.mkdtemp(prefix="zenml-migrate-workers-")
        except OSError:
            return None
        atexit.register(shutil.rmtree, _EMPTY_FOLDER, True)
    return _EMPTY_FOLDER


@contextmanager
def _outside_the_cwd(needed: bool):
    """While the pool may start a worker process (creating it, submitting to it: spawn starts its
    workers on demand, a forkserver and multiprocessing's resource tracker on first use), the run
    stands in an empty folder: a new interpreter's ``-c`` puts that folder, not the user's, first
    on its ``sys.path`` (``_worker_init`` takes the worker back to the run's folder). Every
    version of Python (``PYTHONSAFEPATH`` would be 3.11+ only). A no-op for forked workers."""
    empty = _empty_folder() if needed else None
    try:
        here = os.getcwd() if empty else None
        if here:
            os.chdir(empty)
    except OSError:
        here = None
    try:
        yield
    finally:
        if here:
            os.chdir(here)


def _worker_init(parent: int, memory: Optional[int], folder: Optional[str], init: Callable, *args) -> None:
    """Every pool worker: ``init(*args)``, the memory limit, and an end when the run is gone.
    ``folder``: the run's own folder (None: the worker was forked in it), where a worker started in
    ``_outside_the_cwd``'s empty folder goes back to, for the run's relative paths."""
    if folder:
        os.chdir(folder)
    init(*args)
    limit_memory(memory)
    exit_with_parent(parent)


def exit_with_parent(run: int, every: float = 0.5) -> None:
    """In a worker: exit as soon as the run (process ``run``) is gone. A run killed with
    ``kill -9`` cannot stop its workers, and they would wait on the task pipe forever (each
    worker holds that pipe's write end too, so no end-of-file ever comes). The worker's own
    parent is watched (the run itself, or a forkserver that ends with it), and the run too."""
    parent = os.getppid()

    def run_alive() -> bool:
        if os.name == "nt":  # os.kill(pid, 0) would terminate a process there
            return True
        try:
            os.kill(run, 0)
        except ProcessLookupError:
            return False
        except OSError:
            return True
        return True

    def watch() -> None:
        while os.getppid() == parent and run_alive():
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="zenml-migrate-run-watch", daemon=True).start()


class ChunkStream(Generic[T, R]):
    def __init__(
        self,
        work: Callable[[List[T]], List[R]],
        init: Callable,
        init_args: tuple,
        workers: int,
        chunk: int,
        on_crash: Callable[[T], R],
        on_done: Optional[Callable[[int], None]] = None,
        guard: Optional[Guard] = None,
    ):
        from concurrent.futures import ProcessPoolExecutor

        self._context = _start_context()
        self._new_interpreters = _starts_a_new_interpreter(self._context)
        folder = os.getcwd() if self._new_interpreters else None
        init, init_args = _worker_init, (os.getpid(), guard.memory if guard else None, folder, init, *init_args)
        self.work, self.init, self.init_args, self.chunk, self.on_crash = work, init, init_args, chunk, on_crash
        self.guard = guard
        self.on_done = on_done  # called with the size of each chunk when it is done (progress)
        self.workers = max(1, workers)
        with _outside_the_cwd(self._new_interpreters):
            self._pool = ProcessPoolExecutor(self.workers, mp_context=self._context, initializer=init, initargs=init_args)
        self._buffer: List[T] = []
        self._chunks: List[Tuple[Callable[[List[T]], List[R]], List[T]]] = []  # (work, items)
        self._crash: List[Callable[[T], R]] = []  # each chunk's on_crash
        self._futures: list = []
        self._open = True

    def add(self, item: T) -> None:
        self._buffer.append(item)
        if len(self._buffer) >= self.chunk:
            self._submit()

    def extend(self, items: Sequence[T], last: bool = False) -> None:
        """``add`` of every item of ``items``, in whole chunks at once. ``last``: no more items
        come before ``results``: all of them go now, in ``balanced`` pieces (whole chunks and
        a remainder would leave one worker a chunk more than the other: 100 items in chunks of
        32 on 2 workers were 64 items on one, 36 on the other)."""
        buffer = self._buffer + list(items)
        if last:
            self._buffer = []
            for start, end in balanced(len(buffer), self.chunk, self.workers):
                self._submit(buffer[start:end])
            return
        whole = len(buffer) - len(buffer) % self.chunk
        self._buffer = buffer[whole:]
        for i in range(0, whole, self.chunk):
            self._submit(buffer[i : i + self.chunk])

    def use(self, work: Callable[[List[T]], List[R]], on_crash: Optional[Callable[[T], R]] = None) -> None:
        """Items added from now on go to ``work`` (a module-level function or a ``partial`` of
        one: it is pickled with each chunk), and to ``on_crash`` when given; the items already
        added keep theirs."""
        if self._buffer:
            self._submit()
        self.work = work
        self.on_crash = on_crash or self.on_crash

    def _submit(self, chunk: Optional[List[T]] = None) -> None:
        from concurrent.futures.process import BrokenProcessPool

        if chunk is None:
            chunk, self._buffer = self._buffer, []
        self._chunks.append((self.work, chunk))
        self._crash.append(self.on_crash)
        future = None  # redone item by item in results()
        if self._open:
            try:
                with _outside_the_cwd(self._new_interpreters):
                    future = self._pool.submit(self.work, chunk)
            except (BrokenProcessPool, RuntimeError):
                pass
        self._futures.append(future)
        if self.on_done is not None:
            if future is None:
                self.on_done(len(chunk))
            else:
                future.add_done_callback(lambda _, n=len(chunk): self.on_done(n))

    def _flush(self) -> None:
        """The items not sent yet, in pieces small enough that the workers end together (a
        whole last chunk on one worker would leave the other core idle meanwhile)."""
        rest, self._buffer = self._buffer, []
        piece = max(1, -(-len(rest) // (2 * self.workers)))
        for i in range(0, len(rest), piece):
            self._submit(rest[i : i + piece])

    def _result(self, fut, timeout: Optional[float]):
        """``fut.result(timeout)``, and BrokenProcessPool when the pool broke but left ``fut``
        pending: a worker killed (os._exit, a native crash) as the pool handed out work can
        leave a future no thread will ever complete (seen on Python 3.11: the scan waited forever)."""
        from concurrent.futures import TimeoutError as Timeout
        from concurrent.futures.process import BrokenProcessPool

        end = None if timeout is None else time.monotonic() + timeout
        while True:
            step = 1.0 if end is None else min(1.0, max(end - time.monotonic(), 0.0))
            try:
                return fut.result(timeout=step)
            except Timeout:
                if end is not None and time.monotonic() >= end:
                    raise
                if getattr(self._pool, "_broken", False) and not fut.done():
                    raise BrokenProcessPool("a worker died; its work was lost") from None

    def results(self, close: bool = True) -> List[R]:
        """The result of every item added since the last call, in the order the items were
        added. ``close=False``: the workers stay up for more items (``use`` and ``add`` them,
        then call ``results`` again); the last call closes the pool."""
        from concurrent.futures import TimeoutError as Timeout
        from concurrent.futures.process import BrokenProcessPool

        self._flush()
        done: List[Optional[List[R]]] = []
        killed = False
        for fut, (_, items) in zip(self._futures, self._chunks):
            if killed or fut is None:
                done.append(None)
                continue
            try:
                # a chunk may wait behind another one: twice its items' time
                done.append(self._result(fut, 2 * self.guard.seconds * len(items) + 5 if self.guard else None))
            except BrokenProcessPool:
                done.append(None)
            except Timeout:  # some item is stuck: stop everything, redo item by item below
                killed = True
                done.append(None)
        broken = killed or None in done
        if close or broken:
            self.close(broken)
        out: List[R] = []
        for (work, items), on_crash, res in zip(self._chunks, self._crash, done):
            if res is not None:
                out.extend(res)
                continue
            for item in items:  # isolate: one process per item
                out.append(self._alone(work, on_crash, item))
        self._chunks, self._crash, self._futures = [], [], []
        return out

    def close(self, broken: bool = False) -> None:
        """Shut the workers down (once; items added later are run one process each)."""
        if self._open:
            self._open = False
            _shutdown(self._pool, broken=broken)

    def _alone(self, work: Callable[[List[T]], List[R]], on_crash: Callable[[T], R], item: T) -> R:
        """``item`` in a process of its own: a crash or a timeout costs this item only."""
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures import TimeoutError as Timeout
        from concurrent.futures.process import BrokenProcessPool

        with _outside_the_cwd(self._new_interpreters):
            pool = ProcessPoolExecutor(1, mp_context=self._context, initializer=self.init, initargs=self.init_args)
        try:
            with _outside_the_cwd(self._new_interpreters):
                future = pool.submit(work, [item])
            result = future.result(timeout=self.guard.seconds if self.guard else None)[0]
        except BrokenProcessPool:
            _shutdown(pool, broken=True)
            return on_crash(item)
        except Timeout:
            _shutdown(pool, broken=True)
            return self.guard.on_timeout(item)
        _shutdown(pool, broken=False)
        return result


def _shutdown(pool, broken: bool) -> None:
    """Shut ``pool`` down. A broken pool's surviving workers are killed first: one that was
    blocked on the result queue's lock when its sibling died would otherwise be joined forever
    (CPython < 3.12 joins them without terminating them)."""
    if broken:
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            try:
                process.kill()
            except (OSError, AttributeError, ValueError):
                pass
    pool.shutdown(wait=True)


def balanced(count: int, chunk: int, workers: int) -> List[Tuple[int, int]]:
    """``(start, end)`` of pieces of ``range(count)``: at most ``chunk`` items each, as equal as
    can be, and as many as a multiple of ``workers`` (each worker gets as many)."""
    workers = max(1, workers)
    pieces = workers * max(1, -(-count // (workers * max(1, chunk))))
    pieces = max(1, min(pieces, count))
    size, extra = divmod(count, pieces)
    out, start = [], 0
    for i in range(pieces):
        end = start + size + (1 if i < extra else 0)
        if end > start:
            out.append((start, end))
        start = end
    return out


def run_chunks(
    items: Sequence[T],
    work: Callable[[List[T]], List[R]],
    init: Callable,
    init_args: tuple,
    workers: int,
    chunk: int,
    on_crash: Callable[[T], R],
    on_done: Optional[Callable[[int], None]] = None,
    guard: Optional[Guard] = None,
) -> List[R]:
    """``work`` (a module-level function) over ``items`` in chunks; results in item order."""
    chunks = max(1, (len(items) + chunk - 1) // chunk)
    stream: ChunkStream = ChunkStream(work, init, init_args, min(workers, chunks), chunk, on_crash, on_done, guard)
    stream.extend(items, last=True)
    return stream.results()
