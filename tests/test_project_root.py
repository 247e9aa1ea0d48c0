"""Findings do not depend on which files are passed: with explicit files, the project (the
folder of pyproject.toml, else the git work tree, else the current folder or the files' folder) is indexed and only the files asked for are
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


def test_a_folder_without_pyproject_or_git_is_the_project(tmp_path):
    """A copied folder or an unzipped example (no pyproject.toml, no .git): the current
    directory is the project when it holds the file (like ruff), else the file's folder."""
    write_tree(tmp_path, TREE)
    whole = migrate(["scan", "--format", "json", "--no-cache", "."], tmp_path)
    alone = migrate(["scan", "--format", "json", "--no-cache", "run.py"], tmp_path)
    assert alone.code in (0, 1)
    assert all(f["path"] == "run.py" for f in alone.json()["findings"])
    assert findings(alone) == findings(whole, "run.py") and findings(alone)  # cross-file findings included
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    away = migrate(["scan", "--format", "json", "--no-cache", "../run.py"], outside)
    assert [(line, col, code) for _, line, col, code in findings(away)] == [(line, col, code) for _, line, col, code in findings(alone)]
    fixed = migrate(["code", "--no-cache", "run.py"], tmp_path)
    whole_fix = migrate(["code", "--no-cache", "."], tmp_path)
    left = [line for line in fixed.err.splitlines() if line.startswith("  run.py:")]
    assert left and left == [line for line in whole_fix.err.splitlines() if line.startswith("  run.py:")]
    assert 'trainer=trainer(config=TrainerConfig(), step_operator="so")' in fixed.out  # the step is from steps/


def test_a_sibling_folder_indexed_around_the_folder_given_changes_no_fact(tmp_path):
    """`cd repos && migrate scan a` (no pyproject.toml, no git): a sibling folder (another copy
    of the project, another repo) whose modules have the same names but other facts made
    `steps.trainer.trainer` ambiguous, so a/run.py lost its cross-file findings."""
    write_tree(tmp_path / "a", TREE)
    other = dict(TREE)
    other["steps/trainer.py"] = """
        from zenml.steps import BaseStepConfig as TrainerConfig
        from zenml.pipelines import pipeline as trainer
    """
    write_tree(tmp_path / "b", other)
    inside = findings(migrate(["scan", "--format", "json", "--no-cache", "."], tmp_path / "a"))
    beside = findings(migrate(["scan", "--format", "json", "--no-cache", "a"], tmp_path))
    assert inside and [(p[2:], line, col, code) for p, line, col, code in beside] == inside
    assert ("run.py", 6, 67, "ZM201") in inside  # the step's keyword, known from steps/trainer.py
    fixed = migrate(["code", "--no-cache", "a"], tmp_path)
    assert '+    p = training_pipeline(trainer=trainer(config=TrainerConfig(), step_operator="so"))' in fixed.out.splitlines()


def test_the_home_directory_is_never_a_fallback_project(tmp_path, monkeypatch):
    from zenml_migrate.scan.project_root import find_root

    write_tree(tmp_path, TREE)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    assert find_root(["run.py"], None) is None
    assert find_root(["steps/trainer.py"], None) == os.path.realpath(tmp_path / "steps")


def test_a_big_folder_is_not_guessed_as_the_project(tmp_path, monkeypatch):
    """`cd /tmp && migrate scan x/run.py` indexed all of /tmp (2 minutes): a guessed root that
    lists more than FALLBACK_MAX_FILES files is not taken; the file's own folder is."""
    from zenml_migrate.scan import project_root

    write_tree(tmp_path / "x", TREE)
    for i in range(5):
        (tmp_path / f"other{i}.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)
    assert project_root.find_root(["x/run.py"], None) == os.path.realpath(tmp_path)
    monkeypatch.setattr(project_root, "FALLBACK_MAX_FILES", 8)
    assert project_root.find_root(["x/run.py"], None) == os.path.realpath(tmp_path / "x")
    monkeypatch.setattr(project_root, "FALLBACK_MAX_FILES", 3)
    assert project_root.find_root(["x/run.py"], None) is None


def test_precommit_hooks_use_the_cache_for_the_project_index():
    import yaml

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(root, ".pre-commit-hooks.yaml")) as fh:
        hooks = yaml.safe_load(fh)
    assert all("--no-cache" not in h["entry"] for h in hooks)


def _project_of(tmp_path, monkeypatch, files: int):
    """A pyproject project of ``files`` plain modules beside TREE, the current folder."""
    write_tree(tmp_path, TREE)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    for i in range(files):
        (tmp_path / "lib" / f"part{i}").mkdir(parents=True)
        (tmp_path / "lib" / f"part{i}" / "util.py").write_text(f"VALUE = {i}\n")
    monkeypatch.chdir(tmp_path)


def test_widening_one_file_resolves_the_real_path_of_the_files_asked_for_only(tmp_path, monkeypatch):
    """`migrate scan run.py` in a big project took ``os.path.realpath`` of every project file to
    find run.py among them (pure Python, an lstat per path component: half a CPU-second of a
    pre-commit scan in a 20,000-file repository). Only the files asked for (and the project
    files that are the same file on disk) have their real path taken now."""
    from zenml_migrate.scan import project_root
    from zenml_migrate.scan.discovery import discover

    _project_of(tmp_path, monkeypatch, 40)
    asked = discover(["run.py"])
    seen = []
    real = os.path.realpath
    monkeypatch.setattr(project_root.os.path, "realpath", lambda p, *a, **k: seen.append(p) or real(p, *a, **k))
    found, shown = project_root.widen(asked, str(tmp_path), ())
    assert shown == {"run.py": "run.py"} and len(found.jobs) > 40
    assert len(seen) <= 3, seen  # run.py as asked, as looked up, and its twin in the project listing


def test_widening_finds_the_same_twins_through_symlinks_and_hard_links(tmp_path, monkeypatch):
    """The twin of a file asked for is the last project file with its real path, as before the
    (device, inode) shortcut: a symbolic link to it is its twin too, a hard link is not."""
    from zenml_migrate.scan import project_root
    from zenml_migrate.scan.discovery import discover

    _project_of(tmp_path, monkeypatch, 3)
    os.symlink("run.py", "alias_run.py")
    os.link("run.py", "copy_run.py")
    os.symlink(str(tmp_path / "steps"), "linked_steps")  # a folder link: the listing does not enter it
    for asked in (["run.py"], ["alias_run.py"], ["copy_run.py"], ["linked_steps/trainer.py"], ["run.py", "copy_run.py"]):
        given = discover(asked)
        project = discover([os.path.relpath(str(tmp_path))])
        expected = {}
        wanted = {os.path.realpath(j.path) for j in given.jobs}
        for job in project.jobs:  # the definition: every project file's real path, the last one wins
            if os.path.realpath(job.path) in wanted:
                expected[os.path.realpath(job.path)] = job.path
        assert {r: j.path for r, j in project_root._twins(given.jobs, project.jobs).items()} == expected, asked
        assert expected, asked
