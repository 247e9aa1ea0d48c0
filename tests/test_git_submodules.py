"""A git submodule and a repository inside the work tree that git does not track: ``git ls-files``
lists each as one entry, so their files were never scanned (review29 R1: "No ZenML 0.13.2 APIs
found" of a project whose shared steps are a submodule; ``migrate scan vendor`` said "No file to
scan"; ``--fix`` left them on 0.13.2)."""

import os
import subprocess

import pytest

from tests.scan_helpers import LEGACY, scan_json
from zenml_migrate.scan.discovery import discover

GIT = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "protocol.file.allow=always"]


def _git(cwd, *args):
    subprocess.run([*GIT, *args], cwd=str(cwd), check=True, capture_output=True)


@pytest.fixture
def project(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "alerts.py").write_text(LEGACY)
    _git(shared, "init", "-q")
    _git(shared, "add", ".")
    _git(shared, "commit", "-qm", "shared steps")
    top = tmp_path / "top"
    top.mkdir()
    (top / "run.py").write_text("import vendor.shared.alerts\n")
    _git(top, "init", "-q")
    _git(top, "submodule", "add", "-q", str(shared), "vendor/shared")
    nested = top / "nested"
    nested.mkdir()
    (nested / "job.py").write_text(LEGACY)
    _git(nested, "init", "-q")  # a repository inside the work tree, not tracked by it
    (nested / ".gitignore").write_text("local.py\n")
    (nested / "local.py").write_text(LEGACY)  # its own .gitignore holds
    return top


def _jobs(cwd, *args):
    here = os.getcwd()
    os.chdir(cwd)
    try:
        return sorted(j.path for j in discover(list(args) or ["."]).jobs)
    finally:
        os.chdir(here)


def test_the_files_of_a_submodule_and_of_a_nested_repository_are_scanned(project):
    assert [j for j in _jobs(project) if j.endswith(".py")] == ["nested/job.py", "run.py", "vendor/shared/alerts.py"]


def test_a_folder_holding_a_submodule_or_below_the_top(project):
    assert "vendor/shared/alerts.py" in _jobs(project, "vendor")
    assert _jobs(project / "vendor") == ["shared/alerts.py"]


def test_the_scan_reports_the_submodule_files(project):
    found = {f["path"] for f in scan_json(project, ".").json()["findings"]}
    assert {"vendor/shared/alerts.py", "nested/job.py"} <= found, found


def test_a_submodule_that_was_never_checked_out_is_an_empty_folder(project):
    """A clone without --recurse-submodules leaves the submodule's folder empty: git asked there
    answers for the repository above (it lists the folder again), which recursed without end."""
    _git(project, "submodule", "deinit", "-q", "-f", "vendor/shared")
    assert os.listdir(project / "vendor" / "shared") == []
    assert [j for j in _jobs(project) if j.endswith(".py")] == ["nested/job.py", "run.py"]
    found = {f["path"] for f in scan_json(project, ".").json()["findings"]}
    assert found == {"nested/job.py"}
