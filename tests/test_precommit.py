"""The hooks in ``.pre-commit-hooks.yaml``, run by the real ``pre-commit`` tool in a fresh
git repository that uses this checkout as its hook repository (``repo: <checkout>``,
``rev: <commit>``), the way a user would. pre-commit installs the package from the
commit (dependencies from the package index), once per test session."""

import os
import shutil
import subprocess
import sys

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEGACY = "from zenml.steps import BaseStepConfig\n\n\nclass P(BaseStepConfig):\n    n: int = 1\n"
MIGRATED = "from zenml.steps import BaseParameters\n\n\nclass P(BaseParameters):\n    n: int = 1\n"
PRE_COMMIT = shutil.which("pre-commit", path=os.path.dirname(sys.executable)) or shutil.which("pre-commit")

assert PRE_COMMIT, "pre-commit is part of the test extra: uv pip install -e '.[test]'"


def _git(*args, cwd):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.com")
    return subprocess.run(["git", *args], cwd=str(cwd), check=True, capture_output=True, text=True, env=env)


def _hook_rev() -> str:
    """The commit to install the hooks from: HEAD of this checkout (it must contain the hooks file)."""
    rev = _git("rev-parse", "HEAD", cwd=ROOT).stdout.strip()
    shown = subprocess.run(["git", "cat-file", "-e", f"{rev}:.pre-commit-hooks.yaml"], cwd=ROOT)
    if shown.returncode != 0:
        pytest.fail(".pre-commit-hooks.yaml is not committed at HEAD; commit it before running this test")
    return rev


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def repo(tmp_path, home):
    _git("init", "-q", "-b", "main", cwd=tmp_path)
    config = {"repos": [{"repo": ROOT, "rev": _hook_rev(), "hooks": [{"id": "zenml-migrate-scan"}, {"id": "zenml-migrate-fix"}]}]}
    (tmp_path / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    return tmp_path


def run_hook(repo, home, hook, *files):
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), NO_COLOR="1", PRE_COMMIT_COLOR="never")
    env.pop("VIRTUAL_ENV", None)
    _git("add", "-A", cwd=repo)
    args = [PRE_COMMIT, "run", hook] + (["--files", *files] if files else ["--all-files"])
    return subprocess.run(args, cwd=str(repo), capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=900)


def test_hooks_file_declares_scan_and_fix_hooks():
    with open(os.path.join(ROOT, ".pre-commit-hooks.yaml")) as fh:
        hooks = {h["id"]: h for h in yaml.safe_load(fh)}
    assert set(hooks) == {"zenml-migrate-scan", "zenml-migrate-fix"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        # every text file: the command-file kinds the scan reads (tox.ini, pyproject.toml, .ps1, .bat,
        # Jenkinsfile, requirements*.txt, then JSON, .tf, .nf, .cwl, Snakefile, Procfile, justfile... that
        # identify tags with none of the listed types: review25 R14) were never passed to the hooks
        assert hook["types"] == ["text"] and "types_or" not in hook
    assert hooks["zenml-migrate-scan"]["entry"].split()[:2] == ["zenml-migrate", "scan"]
    assert hooks["zenml-migrate-fix"]["entry"].split()[:3] == ["zenml-migrate", "code", "--fix"]


def test_scan_hook_fails_on_legacy_code_and_passes_on_clean_code(repo, home):
    (repo / "clean.py").write_text(MIGRATED)
    ok = run_hook(repo, home, "zenml-migrate-scan")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (repo / "legacy.py").write_text(LEGACY)
    bad = run_hook(repo, home, "zenml-migrate-scan")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "ZM101" in bad.stdout and "legacy.py" in bad.stdout
    assert (repo / "legacy.py").read_text() == LEGACY


def test_scan_hook_reads_the_command_files_the_scan_reads(repo, home):
    """tox.ini, pyproject.toml task runners and PowerShell scripts hold zenml command lines the scan
    reads; the hooks' file types left them out, so pre-commit never passed them."""
    (repo / "clean.py").write_text(MIGRATED)
    (repo / "tox.ini").write_text("[testenv]\ncommands =\n    zenml profile set ci\n")
    (repo / "pyproject.toml").write_text('[tool.poe.tasks]\nstack = "zenml profile set ci"\n')
    (repo / "setup.ps1").write_text("zenml profile set ci\n")
    (repo / ".devcontainer").mkdir()
    (repo / ".devcontainer" / "devcontainer.json").write_text('{"postCreateCommand": "zenml profile set ci"}\n')
    (repo / "Procfile").write_text("worker: zenml profile set ci && python run.py\n")
    (repo / "LICENSE").write_text("MIT License\n")
    bad = run_hook(repo, home, "zenml-migrate-scan")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    for name in ("tox.ini:3:5: ZM950", "pyproject.toml:2:10: ZM950", "setup.ps1:1:1: ZM950", "devcontainer.json:1:",
                 "Procfile:1:"):
        assert name in bad.stdout, bad.stdout


def test_fix_hook_rewrites_fails_once_then_passes(repo, home):
    (repo / "pipeline.py").write_text(LEGACY)
    (repo / "notes.md").write_text("BaseStepConfig is the old name\n")
    first = run_hook(repo, home, "zenml-migrate-fix")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert (repo / "pipeline.py").read_text() == MIGRATED
    assert (repo / "notes.md").read_text() == "BaseStepConfig is the old name\n"
    second = run_hook(repo, home, "zenml-migrate-fix")
    assert second.returncode == 0, second.stdout + second.stderr
