"""Progress on stderr: the engine reports its phases and every file done (serial and through
the process pool); the terminal display draws files done/total and the phase, and nothing
at all for a run shorter than its delay or when stderr is not a terminal."""

import io
import threading
import time

from tests.scan_helpers import LEGACY, migrate, write_tree

from zenml_migrate.progress import NULL_PROGRESS, Progress, TerminalProgress, for_stderr


class Recorder(Progress):
    def __init__(self):
        self.phases, self.done, self.lock = [], {}, threading.Lock()

    def phase(self, name, total=None):
        self.phases.append((name, total))
        self.done[name] = 0

    def advance(self, n=1):
        with self.lock:
            self.done[self.phases[-1][0]] += n


def _scan(tmp_path, workers, files):
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan.engine import ScanSettings, run_scan

    tree = {f"pkg/m{i}.py": LEGACY for i in range(files)}
    tree.update({f"plain/p{i}.py": "import os\n" for i in range(files)})
    tree["pkg/__init__.py"] = "from pkg.m0 import trainer\n"
    tree["use.py"] = "from pkg import trainer\n\ntrainer.enable_cache = False\n"
    write_tree(tmp_path, tree)
    progress = Recorder()
    report = run_scan([str(tmp_path)], ScanSettings(rules=all_rules(), workers=workers, progress=progress))
    return progress, report


def test_every_file_is_counted_once_serially(tmp_path):
    progress, report = _scan(tmp_path, 1, 5)
    assert progress.phases[:2] == [("finding files", None), ("scanning", report.files_seen)]
    assert progress.done["scanning"] == report.files_seen
    for name, total in progress.phases[2:]:
        assert name == "cross-file" and progress.done[name] == total


def test_every_file_is_counted_once_through_the_pool(tmp_path):
    progress, report = _scan(tmp_path, 2, 60)  # more than POOL_MIN_FILES files mention zenml
    assert report.files_parsed >= 60
    assert progress.done["scanning"] == report.files_seen == 122


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_terminal_display_shows_phase_and_files_done_of_total(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    stream = _Tty()
    progress = TerminalProgress(stream, delay=0)
    progress.phase("scanning", 10)
    progress.advance(3)
    deadline = time.monotonic() + 30  # the display thread imports rich first: slow on a loaded machine (CI
    while "3/10" not in stream.getvalue() and time.monotonic() < deadline:  # runs two suites at once)
        time.sleep(0.05)
    progress.stop()
    shown = stream.getvalue()
    assert "scanning" in shown and "3/10" in shown and "files" in shown


def test_nothing_is_drawn_for_a_short_run():
    stream = _Tty()
    progress = TerminalProgress(stream, delay=5)
    progress.phase("scanning", 10)
    progress.stop()
    assert stream.getvalue() == ""


def test_no_display_in_a_pipe_or_with_quiet(tmp_path):
    assert for_stderr(quiet=True) is NULL_PROGRESS
    assert for_stderr() is NULL_PROGRESS  # pytest captures stderr: not a terminal
    write_tree(tmp_path, {"a.py": LEGACY})
    assert migrate(["scan", "--no-cache", "a.py"], tmp_path).err == ""
