"""A test run stopped half-way (Ctrl-C, SIGTERM, SIGHUP) stops what it started: a pytest run
of its own starts a detached process the way a `zenml up` daemon is started, registers it with
tests/cleanup.py, and is interrupted while its test still runs."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

INNER = '''
import subprocess, sys, time
from tests import cleanup

def test_starts_a_daemon_and_hangs(tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"], start_new_session=True)
    cleanup.register("sleeper", lambda: cleanup.kill_pids([proc.pid]))
    with open({pid_file!r}, "w") as fh:
        fh.write(str(proc.pid))
    time.sleep(120)
'''


def _as_from_a_terminal() -> None:
    """The inner run gets the default disposition of the three signals, as a run started from
    a terminal has: a run started under `nohup`, or as a background job of a shell without job
    control, inherits SIGHUP/SIGINT ignored, and an ignored signal (rightly) stays ignored."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_an_interrupted_run_stops_what_it_started(tmp_path, sig):
    pid_file = tmp_path / "daemon.pid"
    test_file = tmp_path / "test_inner.py"
    test_file.write_text(textwrap.dedent(INNER.format(pid_file=str(pid_file))))
    run = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest", "--rootdir", str(tmp_path), str(test_file)],
        cwd=str(ROOT),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        preexec_fn=_as_from_a_terminal,
    )
    daemon = None
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (pid_file.exists() and pid_file.read_text()):
            time.sleep(0.1)
        daemon = int(pid_file.read_text())
        assert _alive(daemon)
        run.send_signal(sig)
        out, _ = run.communicate(timeout=60)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _alive(daemon):
            time.sleep(0.1)
        assert not _alive(daemon), out.decode(errors="replace")
    finally:
        if run.poll() is None:
            run.kill()
        if daemon is not None and _alive(daemon):
            os.kill(daemon, signal.SIGKILL)
