"""Chunks of work over a process pool, in order, surviving a worker that dies (a native crash
in a parser): the chunk it held is redone item by item, each alone, and an item that kills
its worker again gets ``on_crash(item)`` as its result. Used by the scan and fix engines.

``ChunkStream`` takes items while the caller is still producing them (the scan engine feeds
it while it reads files, so parsing on the other core overlaps reading); ``run_chunks`` is
the same for a list known up front.

Every worker is set up the same way, by ``init_worker``: the selected rules (by code), the
cross-file facts and, for the fixer, its options; the work function reads them back with
``worker()``.
"""

import gc
from dataclasses import dataclass
from typing import Any, Callable, Dict, Generic, List, Optional, Sequence, Set, Tuple, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass
class Worker:
    rules: list  # the selected rules
    ctx: Any  # zenml_migrate.scan.file_scan.ScanContext
    extra: Any = None  # what the work function needs besides (the fixer's options)


_WORKER: Optional[Worker] = None


def init_worker(codes: Tuple[str, ...], project: Dict[str, str], modules: Set[str], extra: Any = None) -> None:
    """Pool initializer (also usable in-process): the rules ``codes`` and the facts."""
    global _WORKER
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan.detect import rule_index
    from zenml_migrate.scan.file_scan import ScanContext

    fewer_gc_passes()
    rules = [r for r in all_rules() if r.code in codes]
    _WORKER = Worker(rules, ScanContext(rule_index(rules), project, modules), extra)


def worker() -> Worker:
    return _WORKER


def fewer_gc_passes() -> None:
    """An AST is tens of thousands of objects; the default gen-0 threshold (700) makes the
    collector run hundreds of times per file for nothing. Cycles are still collected."""
    gc.set_threshold(200_000, 20, 20)


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
    ):
        from concurrent.futures import ProcessPoolExecutor

        self.work, self.init, self.init_args, self.chunk, self.on_crash = work, init, init_args, chunk, on_crash
        self.on_done = on_done  # called with the size of each chunk when it is done (progress)
        self._pool = ProcessPoolExecutor(max(1, workers), initializer=init, initargs=init_args)
        self._buffer: List[T] = []
        self._chunks: List[List[T]] = []
        self._futures: list = []

    def add(self, item: T) -> None:
        self._buffer.append(item)
        if len(self._buffer) >= self.chunk:
            self._submit()

    def _submit(self) -> None:
        from concurrent.futures.process import BrokenProcessPool

        chunk, self._buffer = self._buffer, []
        self._chunks.append(chunk)
        try:
            future = self._pool.submit(self.work, chunk)
        except (BrokenProcessPool, RuntimeError):
            future = None  # redone item by item in results()
        self._futures.append(future)
        if self.on_done is not None:
            if future is None:
                self.on_done(len(chunk))
            else:
                future.add_done_callback(lambda _, n=len(chunk): self.on_done(n))

    def results(self) -> List[R]:
        """Every item's result, in the order the items were added."""
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        if self._buffer:
            self._submit()
        done: List[Optional[List[R]]] = []
        for fut in self._futures:
            try:
                done.append(fut.result() if fut is not None else None)
            except BrokenProcessPool:
                done.append(None)
        _shutdown(self._pool, broken=None in done)
        out: List[R] = []
        for items, res in zip(self._chunks, done):
            if res is not None:
                out.extend(res)
                continue
            for item in items:  # isolate: one process per item
                pool = ProcessPoolExecutor(1, initializer=self.init, initargs=self.init_args)
                try:
                    out.extend(pool.submit(self.work, [item]).result())
                    _shutdown(pool, broken=False)
                except BrokenProcessPool:
                    _shutdown(pool, broken=True)
                    out.append(self.on_crash(item))
        return out


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


def run_chunks(
    items: Sequence[T],
    work: Callable[[List[T]], List[R]],
    init: Callable,
    init_args: tuple,
    workers: int,
    chunk: int,
    on_crash: Callable[[T], R],
    on_done: Optional[Callable[[int], None]] = None,
) -> List[R]:
    """``work`` (a module-level function) over ``items`` in chunks; results in item order."""
    chunks = max(1, (len(items) + chunk - 1) // chunk)
    stream: ChunkStream = ChunkStream(work, init, init_args, min(workers, chunks), chunk, on_crash, on_done)
    for item in items:
        stream.add(item)
    return stream.results()
