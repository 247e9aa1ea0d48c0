"""One process pool for every round of a scan (``ChunkStream.use`` / ``results(close=False)``):
phase B's cross-file rounds reuse phase A's workers instead of starting a pool each."""

import multiprocessing
import os
from functools import partial

import pytest

from zenml_migrate.scan.pool import ChunkStream


def _init() -> None:
    pass


def _double(items):
    return [2 * x for x in items]


def _add(n, items):
    if 13 in items:
        os._exit(3)  # a native crash in the worker
    return [x + n for x in items]


def _crashed(item):
    return ("crashed", item)


def test_rounds_share_the_workers_and_keep_order_and_crash_isolation():
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the crash is simulated in a forked worker")
    done = []
    stream = ChunkStream(_double, _init, (), 2, 3, _crashed, done.append)
    for x in range(10):
        stream.add(x)
    assert stream.results(close=False) == [2 * x for x in range(10)]
    pids = set(stream._pool._processes)
    stream.use(partial(_add, 100))
    for x in range(5):
        stream.add(x)
    assert stream.results(close=False) == [100 + x for x in range(5)]
    assert set(stream._pool._processes) == pids  # the same workers
    stream.use(partial(_add, 1000))
    for x in (1, 13, 2):
        stream.add(x)
    assert stream.results() == [1001, ("crashed", 13), 1002]  # the crash costs its item only
    assert sum(done) == 18
    stream.close()  # twice is harmless


def test_the_last_items_are_spread_over_the_workers():
    stream = ChunkStream(_double, _init, (), 2, 32, _crashed)
    for x in range(9):
        stream.add(x)
    stream._flush()
    # fewer items than a chunk: sent in pieces both workers can take (was one chunk of 9)
    assert [len(items) for _, items in stream._chunks] == [3, 3, 3]
    assert stream.results() == [2 * x for x in range(9)]


def _crashed_again(item):
    return ("crashed in round 2", item)


def test_extend_sends_whole_chunks_and_use_switches_the_crash_answer():
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the crash is simulated in a forked worker")
    stream = ChunkStream(_double, _init, (), 2, 4, _crashed)
    stream.extend(range(10))
    assert [len(items) for _, items in stream._chunks] == [4, 4] and stream._buffer == [8, 9]
    assert stream.results(close=False) == [2 * x for x in range(10)]
    stream.use(partial(_add, 1000), _crashed_again)
    stream.extend([1, 13, 2])
    assert stream.results() == [1001, ("crashed in round 2", 13), 1002]


def test_a_future_the_broken_pool_left_pending_is_not_waited_on_forever():
    # the quick suite once hung in test_a_worker_that_dies_costs_one_file: the main thread waited in
    # Future.result() with no timeout on a future no thread would complete (the pool had broken)
    import time
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool
    from types import SimpleNamespace

    from zenml_migrate.scan.pool import ChunkStream

    stream = ChunkStream.__new__(ChunkStream)
    stream._pool = SimpleNamespace(_broken="A child process terminated abruptly")
    started = time.monotonic()
    with pytest.raises(BrokenProcessPool):
        stream._result(Future(), None)
    assert time.monotonic() - started < 5
    done = Future()
    done.set_result([1])
    assert stream._result(done, None) == [1]


def _sizes(items):
    return [len(items)] * len(items)


def test_a_list_known_up_front_gives_each_worker_as_many_items():
    # run_chunks and phase B's rounds (extend(..., last=True)): 10 items in chunks of 8 were
    # sent as 8, 1, 1 (one worker 8 items, the other 2); 100 in chunks of 32 as 32, 32, 32, 1 x 4
    from zenml_migrate.scan.pool import run_chunks

    assert run_chunks(list(range(10)), _sizes, _init, (), 2, 8, _crashed) == [5] * 10
    stream = ChunkStream(_double, _init, (), 2, 32, _crashed)
    stream.extend(range(100), last=True)
    assert [len(items) for _, items in stream._chunks] == [25, 25, 25, 25]
    assert stream.results() == [2 * x for x in range(100)]
    stream = ChunkStream(_double, _init, (), 2, 8, _crashed)
    stream.extend(range(300), last=True)
    sizes = [len(items) for _, items in stream._chunks]
    assert len(sizes) % 2 == 0 and max(sizes) <= 8 and max(sizes) - min(sizes) <= 1 and sum(sizes) == 300
    assert stream.results() == [2 * x for x in range(300)]
