"""Chunks of work over a process pool, in order, surviving a worker that dies (a native crash
in a parser): the chunk it held is redone item by item, each alone, and an item that kills
its worker again gets ``on_crash(item)`` as its result. Used by the scan engine; the fix
engine can use it too."""

from typing import Callable, List, Optional, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def run_chunks(
    items: Sequence[T],
    work: Callable[[List[T]], List[R]],
    init: Callable,
    init_args: tuple,
    workers: int,
    chunk: int,
    on_crash: Callable[[T], R],
) -> List[R]:
    """``work`` (a module-level function) over ``items`` in chunks; results in item order."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    chunks = [list(items[i : i + chunk]) for i in range(0, len(items), chunk)]
    results: List[Optional[List[R]]] = [None] * len(chunks)
    try:
        with ProcessPoolExecutor(max(1, min(workers, len(chunks))), initializer=init, initargs=init_args) as pool:
            futures = [pool.submit(work, c) for c in chunks]
            for i, fut in enumerate(futures):
                try:
                    results[i] = fut.result()
                except BrokenProcessPool:
                    break
    except BrokenProcessPool:
        pass
    out: List[R] = []
    for items_, res in zip(chunks, results):
        if res is not None:
            out.extend(res)
            continue
        for item in items_:  # isolate: one process per item
            try:
                with ProcessPoolExecutor(1, initializer=init, initargs=init_args) as pool:
                    out.extend(pool.submit(work, [item]).result())
            except BrokenProcessPool:
                out.append(on_crash(item))
    return out
