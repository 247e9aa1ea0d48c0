"""Findings do not depend on which files are passed: with explicit files, the project (the
folder of pyproject.toml, else the git work tree) is indexed and only the files asked for are
reported, under the names they were given; `migrate code` rewrites them the same way."""

import json
import os
import subprocess

import pytest

from tests.scan_helpers import migrate, write_tree
from tests.test_cross_file import TREE


def findings(run, path=None):
    return sorted((f["path"], f["line"], f["column"], f["code"]) for f in run.json()["findings"] if path is None or f["path"] == path)


@pytest.fixture(params=["pyproject", "git"])
def project(tmp_path, request):
    root = tmp_path / "proj"
    write_tree(root, TREE)
    if request.param == "pyproject":
        (root / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    else:
        subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def test_one_file_reports_what_the_whole_tree_reports_for_it(project):
    whole = migrate(["scan", "--format", "json", "--no-cache", "."], project)
    for path in ("run.py", "run_modules.py"):
        alone = migrate(["scan", "--format", "json", "--no-cache", path], project)
        assert findings(alone) == findings(whole, path) and findings(alone), path
        assert alone.json()["summary"]["files"] == 1
    both = migrate(["scan", "--format", "json", "--no-cache", "run.py", "./run_modules.py"], project)
    assert {f["path"] for f in both.json()["findings"]} == {"run.py", "./run_modules.py"}  # the names given


def test_from_a_subfolder_and_through_the_cache(project):
    whole = findings(migrate(["scan", "--format", "json", "--no-cache", "."], project), "run.py")
    sub = project / "steps"
    for args in (["--no-cache"], [], []):  # cold, then filling and reading the cache
        run = migrate(["scan", "--format", "json", *args, "../run.py"], sub)
        assert [(line, col, code) for _, line, col, code in findings(run)] == [(line, col, code) for _, line, col, code in whole]
        assert {f["path"] for f in run.json()["findings"]} == {"../run.py"}


def test_other_files_problems_are_not_reported(project):
    (project / "broken.py").write_text("import zenml\nprint 'x'\n")
    run = migrate(["scan", "--format", "json", "--no-cache", "run.py"], project)
    assert run.code == 1 and all(f["path"] == "run.py" for f in run.json()["findings"])
    missing = migrate(["scan", "--format", "json", "--no-cache", "run.py", "nope.py"], project)
    assert missing.code == 2 and any(f["path"] == "nope.py" and f["code"] == "ZM001" for f in missing.json()["findings"])


def test_a_tree_without_project_boundary_is_scanned_as_given(tmp_path):
    write_tree(tmp_path, TREE)
    alone = migrate(["scan", "--format", "json", "--no-cache", "run.py"], tmp_path)
    assert alone.code in (0, 1)  # no pyproject, no git: only run.py itself (today's behaviour)
    assert all(f["path"] == "run.py" for f in alone.json()["findings"])


def test_precommit_hooks_use_the_cache_for_the_project_index():
    import yaml

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(root, ".pre-commit-hooks.yaml")) as fh:
        hooks = yaml.safe_load(fh)
    assert all("--no-cache" not in h["entry"] for h in hooks)
