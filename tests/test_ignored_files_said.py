"""Python files and notebooks a .gitignore hides are not scanned, and the summary says so (a
jupytext set-up ignores ``*.ipynb``: its notebooks were skipped without a word, "1 file scanned").
Virtualenvs and tool folders are not counted; a file named on the command line is scanned."""

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


@pytest.mark.parametrize("git", [False, True], ids=["own-gitignore-reader", "git-ls-files"])
def test_the_summary_names_the_files_a_gitignore_hid(tmp_path, git):
    if git and shutil.which("git") is None:
        pytest.skip("git")
    root = _project(tmp_path / "p", git)
    run = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    assert run.code == 1
    assert ("1 Python file and 1 notebook ignored by .gitignore were not scanned (data/old_steps.py, notebooks/explore.ipynb): "
            "name a file to scan it (`migrate scan FILE`; a folder given still honours .gitignore).") in run.out, run.out
    assert "; 2 files scanned." in run.out
    code = migrate(["code", "--no-cache", "."], root)
    assert "note: 1 Python file and 1 notebook ignored by .gitignore were not scanned" in code.out + code.err
    html = migrate(["scan", "--no-cache", "--format", "html", "."], root)
    assert "ignored by .gitignore were not scanned" in html.out


def test_a_file_named_is_scanned_and_not_said_ignored(tmp_path):
    root = _project(tmp_path / "p", False)
    run = migrate(["scan", "--no-cache", "--format", "concise", ".", "notebooks/explore.ipynb"], root)
    assert "notebooks/explore.ipynb:cell 1" in run.out
    assert "1 Python file ignored by .gitignore was not scanned (data/old_steps.py)" in run.out


def test_nothing_said_when_nothing_is_hidden(tmp_path):
    root = write_tree(tmp_path / "p", {".gitignore": "*.log\nbuild/\n", "pipeline.py": LEGACY, "build/lib/x.py": LEGACY})
    run = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    assert "gitignore" not in run.out + run.err
