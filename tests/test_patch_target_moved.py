"""ZM006 when the patched module still uses the name: the mock (or a fake class) stands in for a
member ZenML 0.20's class lacks, whose calls --fix moves to another 0.20 API
(``Repository().get_pipeline(p)`` -> ``get_pipeline(p)``, ZM301): the stand-in is never called."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from zenml_migrate.rules import all_rules
from zenml_migrate.scan.engine import ScanSettings, run_scan

RUNS = """
from zenml.repository import Repository


def latest_accuracy(name="training"):
    return Repository().get_pipeline(name).runs[-1].get_step("evaluator").output.read()


def stack_name():
    return Repository().active_stack.name
"""

TESTS = """
from unittest import mock
from unittest.mock import MagicMock, patch

from reporting import runs


@patch("reporting.runs.Repository")
@patch("reporting.runs.print", create=True)
def test_latest(printer, repo_cls):
    repo_cls.return_value.get_pipeline.return_value.runs = [MagicMock()]
    runs.latest_accuracy()


def test_latest_with_context():
    with mock.patch("reporting.runs.Repository") as repo_cls:
        repo_cls().get_pipeline.return_value.runs = [MagicMock()]
        runs.latest_accuracy()


def test_latest_started():
    repo_cls = patch("reporting.runs.Repository").start()
    repo_cls.return_value.get_pipeline.side_effect = KeyError
    patch.stopall()


def test_latest_mocker(mocker):
    repo_cls = mocker.patch("reporting.runs.Repository")
    repo_cls.return_value.get_pipeline.return_value = None


class FakeRepo:
    def get_pipeline(self, name):
        return MagicMock()


def test_latest_with_a_fake(monkeypatch):
    monkeypatch.setattr(runs, "Repository", FakeRepo)
    monkeypatch.setattr("reporting.runs.Repository", lambda: FakeRepo())
    runs.latest_accuracy()


@patch("reporting.runs.Repository")
def test_stack(repo_cls):
    repo_cls.return_value.active_stack.name = "s"
    assert runs.stack_name() == "s"
"""


def _write(root: Path) -> None:
    for rel, text in {"reporting/__init__.py": "", "reporting/runs.py": RUNS, "tests/__init__.py": "",
                      "tests/test_runs.py": TESTS}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))


def _migrate(*args, cwd):
    proc = subprocess.run([sys.executable, "-m", "zenml_migrate", *args, "--no-cache"], cwd=str(cwd),
                          capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"),
                          stdin=subprocess.DEVNULL, timeout=300)
    return proc.returncode, proc.stdout + proc.stderr


def test_a_mock_of_a_kept_name_standing_in_for_a_moved_member_is_reported(tmp_path, monkeypatch):
    """``reporting.runs`` still uses ``Repository`` (``stack_name``), so --fix keeps the name and the
    patches still find it, but ``latest_accuracy`` calls ``zenml.post_execution.get_pipeline`` once
    --fix ran: the mocks that stand in for ``get_pipeline`` (set up through the decorator's
    parameter, ``with ... as``, ``.start()``, ``mocker.patch``), and a fake class of the test put in
    its place (``monkeypatch.setattr``, also through a lambda), are never called: the test reaches
    the real 0.20 API. The mock of ``active_stack`` still stands in (no finding). --fix leaves a
    TODO at each, as it says."""
    _write(tmp_path)
    monkeypatch.chdir(tmp_path)
    report = run_scan(["."], ScanSettings(rules=all_rules(), workers=1))
    found = sorted((f.path, f.span.line) for f in report.findings if f.code == "ZM006")
    test_file = os.path.join("tests", "test_runs.py")
    assert found == [(test_file, 7), (test_file, 15), (test_file, 21), (test_file, 27), (test_file, 37), (test_file, 38)], found
    message = next(f.message for f in report.findings if f.code == "ZM006")
    assert "what it puts there stands in for `Repository().get_pipeline`, which ZenML 0.20's `Client` does not have" in message, message
    rc, out = _migrate("code", ".", "--fix", cwd=tmp_path)
    fixed = (tmp_path / "reporting" / "runs.py").read_text()
    assert "from zenml.client import Client as Repository" in fixed and "get_pipeline(name)" in fixed, fixed
    tests = (tmp_path / "tests" / "test_runs.py").read_text()
    assert tests.count("TODO(zenml-migrate): ZM006") == 6, tests
    assert "ZM006 x6" in out, out
    report = run_scan(["."], ScanSettings(rules=all_rules(), workers=1))  # the fixed tree: still reported
    assert sorted(f.span.line for f in report.findings if f.code == "ZM006") == [8, 17, 24, 31, 42, 44], report.findings
