"""``cli.entry()`` (console scripts, ``python -m zenml_migrate``) ends the process with
``os._exit`` after flushing stdout and stderr when nothing is registered to run at exit: the
interpreter's teardown was a quarter of a pre-commit scan (issue 11). Whenever something is
registered (a process pool's atexit handlers, a live non-daemon thread), or flushing fails,
it exits the ordinary way. ``main()`` keeps raising SystemExit (tests call it in-process)."""

import atexit
import json
import os
import subprocess
import sys
import threading

import pytest

from tests.scan_helpers import LEGACY, write_tree
from zenml_migrate import process


@pytest.fixture
def exits(monkeypatch):
    calls = []
    # as in a run without a process pool (this test process may have run pools before)
    monkeypatch.setattr(process, "_finished_pool_hooks", lambda: 0)

    def fake_exit(code):
        calls.append(code)
        raise SystemExit(f"os._exit({code})")  # stops _exit like the real one would

    monkeypatch.setattr(os, "_exit", fake_exit)
    return calls


def test_quick_exit_when_nothing_runs_at_exit(monkeypatch, exits):
    monkeypatch.setattr(atexit, "_ncallbacks", lambda: 0, raising=False)
    monkeypatch.setattr(threading, "_threading_atexits", [], raising=False)
    monkeypatch.setattr(threading, "enumerate", lambda: [threading.main_thread()])  # the test run's own threads aside
    with pytest.raises(SystemExit):
        process._exit(1)
    assert exits == [1]
    with pytest.raises(SystemExit):
        process._exit(None)  # main() returned normally
    assert exits == [1, 0]


@pytest.mark.parametrize("why", ["atexit", "threading-atexit", "thread", "text-code"])
def test_ordinary_exit_when_something_must_still_run(monkeypatch, exits, why):
    monkeypatch.setattr(atexit, "_ncallbacks", lambda: 1 if why == "atexit" else 0, raising=False)
    monkeypatch.setattr(threading, "_threading_atexits", [print] if why == "threading-atexit" else [], raising=False)
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait) if why == "thread" else None
    if worker is not None:
        worker.start()
    try:
        with pytest.raises(SystemExit) as info:
            process._exit("error: text" if why == "text-code" else 2)
    finally:
        stop.set()
        if worker is not None:
            worker.join()
    assert exits == []
    assert info.value.code == ("error: text" if why == "text-code" else 2)


def test_ordinary_exit_when_stdout_cannot_be_flushed(monkeypatch, exits):
    monkeypatch.setattr(atexit, "_ncallbacks", lambda: 0, raising=False)
    monkeypatch.setattr(threading, "_threading_atexits", [], raising=False)

    class Broken:
        def flush(self):
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", Broken())
    with pytest.raises(SystemExit) as info:
        process._exit(1)
    assert exits == [] and info.value.code == 1


def test_a_real_run_writes_all_of_a_large_report_through_a_pipe(tmp_path):
    files = {f"pkg/m{i}.py": LEGACY for i in range(60)}  # enough findings for several pipe buffers
    write_tree(tmp_path, {"pyproject.toml": "", **files})
    env = {k: v for k, v in os.environ.items() if k != "ZENML_MIGRATE_VERBOSE"}
    proc = subprocess.run([sys.executable, "-m", "zenml_migrate", "scan", "--no-cache", "--format", "json", "--workers", "1", "."],
                          cwd=str(tmp_path), capture_output=True, env=env, timeout=300)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert len({f["path"] for f in report["findings"]}) == 60


def test_a_run_with_a_process_pool_ends_quickly_once_the_pool_is_shut_down(tmp_path):
    """multiprocessing, concurrent.futures and logging leave exit hooks behind; once the scan's
    pool is shut down they have nothing to do, and the teardown is skipped like after a run
    without a pool. The whole report still arrives."""
    files = {f"pkg/m{i}.py": LEGACY for i in range(60)}  # over POOL_MIN_FILES: phase A runs in a pool
    write_tree(tmp_path, {"pyproject.toml": "", **files})
    code = (
        "import os, sys\n"
        "real, run = os._exit, os.getpid()\n"
        "def marked(code):\n"  # the pool's workers end with os._exit too: only the run's own counts
        "    if os.getpid() == run: sys.stderr.write('QUICK EXIT\\n'); sys.stderr.flush()\n"
        "    real(code)\n"
        "os._exit = marked\n"
        "from zenml_migrate.cli import entry\n"
        "sys.argv = ['migrate', 'scan', '--no-cache', '--format', 'json', '--workers', '2', '.']\n"
        "entry()\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "ZENML_MIGRATE_VERBOSE"}
    proc = subprocess.run([sys.executable, "-c", code], cwd=str(tmp_path), capture_output=True, env=env, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert b"QUICK EXIT" in proc.stderr
    report = json.loads(proc.stdout)
    assert len({f["path"] for f in report["findings"]}) == 60
