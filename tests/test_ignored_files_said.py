"""Python files and notebooks a .gitignore hides: inside a git work tree (untracked, no copy in git
to go back to after --fix) they are not scanned, and the summary says so (a jupytext set-up ignores
``*.ipynb``: its notebooks were skipped without a word, "1 file scanned"); outside one they are
scanned (an exported repo holds tracked files only, some of them matching its .gitignore).
Virtualenvs and tool folders are skipped in both; a file named on the command line is scanned."""

import json
import shutil
import subprocess

import pytest

from tests.scan_helpers import LEGACY, migrate, write_tree

NOTEBOOK = json.dumps(
    {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": [LEGACY]}],
     "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
)


def _project(root, git: bool):
    write_tree(root, {
        ".gitignore": "*.ipynb\ndata/\n.venv/\n",
        "pipeline.py": LEGACY,
        "notebooks/explore.ipynb": NOTEBOOK,
        "notebooks/explore.py": LEGACY,
        "data/old_steps.py": LEGACY,
        "data/raw.csv": "a,b\n",
        ".venv/lib/site.py": LEGACY,
        "env2/pyvenv.cfg": "home = /usr\n",
        "env2/lib/x.py": LEGACY,
    })
    (root / ".gitignore").write_text("*.ipynb\ndata/\n.venv/\nenv2/\n")
    if git:
        subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def test_the_summary_names_the_files_a_gitignore_hid_in_a_git_work_tree(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git")
    root = _project(tmp_path / "p", True)
    run = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    assert run.code == 1
    assert ("1 Python file and 1 notebook ignored by .gitignore were not scanned (data/old_steps.py, notebooks/explore.ipynb): "
            "name a file to scan it (`migrate scan FILE`; a folder given still honours .gitignore).") in run.out, run.out
    assert "; 2 files scanned." in run.out
    code = migrate(["code", "--no-cache", "."], root)
    assert "note: 1 Python file and 1 notebook ignored by .gitignore were not scanned" in code.out + code.err
    html = migrate(["scan", "--no-cache", "--format", "html", "."], root)
    assert "ignored by .gitignore were not scanned" in html.out


def test_outside_git_the_files_a_gitignore_hides_are_scanned(tmp_path):
    root = _project(tmp_path / "p", False)
    run = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    assert run.code == 1
    assert "data/old_steps.py:" in run.out and "notebooks/explore.ipynb:cell 1" in run.out
    assert "; 4 files scanned." in run.out, run.out  # the virtualenvs are not: .venv/ and env2/ (pyvenv.cfg)
    assert "gitignore" not in run.out + run.err
    fixed = migrate(["code", "--no-cache", "--fix", "."], root)
    assert "fixed 4 files" in fixed.out + fixed.err, fixed.out + fixed.err
    assert "Repository" not in (root / "data/old_steps.py").read_text()
    assert "Repository" not in (root / "notebooks/explore.ipynb").read_text()


def test_outside_git_a_cap_on_ignored_folders_is_said(tmp_path, monkeypatch):
    from zenml_migrate.output.common import ignored_sentence
    from zenml_migrate.scan import discovery

    write_tree(tmp_path / "p", {".gitignore": "data/\n", "data/a.py": LEGACY, "data/b.py": LEGACY, "data/c.py": LEGACY})
    monkeypatch.setattr(discovery, "IGNORED_LOOK_CAP", 2)
    found = discovery.discover([str(tmp_path / "p")])
    assert len(found.jobs) == 2 and found.ignored == [] and found.ignored_more

    class Report:
        ignored, ignored_more = found.ignored, found.ignored_more

    assert ignored_sentence(Report()) == (
        "more files in folders a .gitignore hides were not looked at (over 2 entries): "
        "name the files to scan them (`migrate scan FILE...`)"
    )


def test_a_file_named_is_scanned_and_not_said_ignored(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git")
    root = _project(tmp_path / "p", True)
    run = migrate(["scan", "--no-cache", "--format", "concise", ".", "notebooks/explore.ipynb"], root)
    assert "notebooks/explore.ipynb:cell 1" in run.out
    assert "1 Python file ignored by .gitignore was not scanned (data/old_steps.py)" in run.out


def test_nothing_said_when_nothing_is_hidden(tmp_path):
    root = write_tree(tmp_path / "p", {".gitignore": "*.log\nbuild/\n", "pipeline.py": LEGACY, "build/lib/x.py": LEGACY})
    run = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    assert "gitignore" not in run.out + run.err


def test_a_zeppelin_note_a_gitignore_hid_is_said_a_notebook(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git")
    root = write_tree(tmp_path / "p", {".gitignore": "*.zpln\n", "pipeline.py": LEGACY, "notes/etl.zpln": '{"paragraphs": []}'})
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    run = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    assert "1 notebook ignored by .gitignore was not scanned (notes/etl.zpln)" in run.out, run.out
