"""Which files `migrate scan` looks at, and how their paths are shown."""

import os
import subprocess

import pytest

from tests.scan_helpers import LEGACY, scan_json, write_tree
from zenml_migrate.scan.discovery import Excluder, discover, kind_of, project_modules

LEGACY_YAML = "steps:\n  trainer:\n    source:\n      file: steps.py\n    parameters:\n      lr: 0.1\n"


def paths(tmp_path, *args):
    return sorted({f["path"] for f in scan_json(tmp_path, *args).json()["findings"]})


def found(root, *args, exclude=()):
    cwd = os.getcwd()
    os.chdir(root)
    try:
        return sorted(j.path for j in discover(list(args) or ["."], exclude).jobs)
    finally:
        os.chdir(cwd)


def git_init(root):
    subprocess.run(["git", "init", "-q", str(root)], check=True)


@pytest.fixture(params=["git", "plain"])
def tree(request, tmp_path):
    """The same tree inside a git work tree and in a plain folder."""
    if request.param == "git":
        git_init(tmp_path)
    return write_tree(
        tmp_path,
        {
            "pkg/a.py": LEGACY,
            ".gitignore": "ignored/\n*.gen.py\n!keep.gen.py\n",
            "ignored/b.py": LEGACY,
            "pkg/x.gen.py": LEGACY,
            "pkg/keep.gen.py": LEGACY,
            "sub/.gitignore": "local.py\n",
            "sub/local.py": LEGACY,
            "sub/other.py": LEGACY,
            "myenv/pyvenv.cfg": "home = /usr/bin\n",
            "myenv/lib/site.py": LEGACY,
            "build/lib/a.py": LEGACY,
            "dist/a.py": LEGACY,
            "node_modules/x/a.py": LEGACY,
            ".tox/py39/a.py": LEGACY,
            "pkg.egg-info/a.py": LEGACY,
            "notes.txt": "zenml",
        },
    )


def in_git(tree) -> bool:
    return (tree / ".git").exists()


def visible(tree, in_git_tree, hidden_by_gitignore):
    """What a folder walk gives: inside a git work tree the files a .gitignore hides are left out;
    outside one they are scanned too (an exported repo holds tracked files only)."""
    return sorted(in_git_tree if in_git(tree) else in_git_tree + hidden_by_gitignore)


def test_gitignore_virtualenvs_and_build_folders_are_skipped(tree):
    # virtualenvs and tool folders are skipped in both; the files the .gitignore hides only in git
    assert paths(tree) == visible(
        tree, ["pkg/a.py", "pkg/keep.gen.py", "sub/other.py"], ["ignored/b.py", "pkg/x.gen.py", "sub/local.py"]
    )


def test_explicit_file_is_scanned_even_when_ignored(tree):
    assert paths(tree, "ignored/b.py") == ["ignored/b.py"]


def test_paths_are_shown_the_way_they_were_given(tree):
    assert paths(tree, "pkg") == visible(tree, ["pkg/a.py", "pkg/keep.gen.py"], ["pkg/x.gen.py"])
    assert paths(tree, "./pkg/") == visible(tree, ["pkg/a.py", "pkg/keep.gen.py"], ["pkg/x.gen.py"])
    assert paths(tree, "pkg/a.py") == ["pkg/a.py"]
    assert paths(tree, "./pkg/a.py") == ["./pkg/a.py"]
    absolute = str(tree / "sub")
    assert paths(tree, absolute) == visible(tree, [os.path.join(absolute, "other.py")], [os.path.join(absolute, "local.py")])
    inner = tree / "sub"
    assert paths(inner, "..") == visible(
        tree, ["../pkg/a.py", "../pkg/keep.gen.py", "../sub/other.py"], ["../ignored/b.py", "../pkg/x.gen.py", "../sub/local.py"]
    )


def test_files_and_folders_together(tree):
    assert paths(tree, "sub", "pkg/a.py") == visible(tree, ["pkg/a.py", "sub/other.py"], ["sub/local.py"])


def test_missing_argument_is_reported_and_the_rest_scanned(tree):
    run = scan_json(tree, "nope", "pkg/a.py")
    assert run.code == 2
    found = [(f["path"], f["code"]) for f in run.json()["findings"]]
    assert ("nope", "ZM001") in found and ("pkg/a.py", "ZM108") in found
    assert "no such file or directory" in next(f["message"] for f in run.json()["findings"] if f["path"] == "nope")


def test_config_exclude_patterns(tmp_path):
    write_tree(tmp_path, {"a.py": LEGACY, "legacy/b.py": LEGACY, "x/tests/c.py": LEGACY, "x/d.py": LEGACY})
    assert found(tmp_path, exclude=["tests", "legacy/*.py"]) == ["a.py", "x/d.py"]
    assert found(tmp_path, exclude=["x/"]) == ["a.py", "legacy/b.py"]
    assert found(tmp_path, exclude=["**/c.py"]) == ["a.py", "legacy/b.py", "x/d.py"]


def test_excluder_matches_components_and_rooted_globs():
    ex = Excluder(["generated", "src/old/*"])
    assert ex("a/generated/b.py") and ex("./generated/x.py") and ex("src/old/a.py")
    assert not ex("src/older.py") and not ex("a/generated_code.py")
    assert not Excluder([])


def test_kinds_python_notebooks_yaml_and_zen_config(tmp_path):
    write_tree(
        tmp_path,
        {
            "a.py": "x = 1\n",
            "n.ipynb": "{}",
            "run.yaml": LEGACY_YAML,
            "conf/run.yml": LEGACY_YAML,
            ".zen/config.yaml": "active_stack_name: default\n",
            "README.md": "zenml",
            "setup.cfg": "",
        },
    )
    jobs = {j.path: j.kind for j in discover([str(tmp_path)]).jobs}
    rel = {os.path.relpath(p, tmp_path): k for p, k in jobs.items()}
    assert rel == {
        "a.py": "py", "n.ipynb": "ipynb", "run.yaml": "yaml", "conf/run.yml": "yaml", ".zen/config.yaml": "zen_config", "README.md": "markdown",
        "setup.cfg": "tox",  # tox's [testenv] commands may run zenml (tests/test_command_configs.py)
    }
    assert kind_of("x/.zen/config.yaml") == "zen_config" and kind_of("config.yaml") == "yaml"


def test_yaml_run_config_and_zen_config_are_scanned(tmp_path):
    write_tree(tmp_path, {"configs/run.yaml": LEGACY_YAML, ".zen/config.yaml": "active_profile_name: default\n"})
    found_paths = paths(tmp_path)
    assert found_paths == [".zen/config.yaml", "configs/run.yaml"]


def test_deleted_but_tracked_file_is_skipped_silently(tmp_path):
    git_init(tmp_path)
    write_tree(tmp_path, {"a.py": LEGACY, "gone.py": LEGACY})
    subprocess.run(["git", "-C", str(tmp_path), "add", "."], check=True)
    (tmp_path / "gone.py").unlink()
    run = scan_json(tmp_path)
    assert run.code == 1 and {f["path"] for f in run.json()["findings"]} == {"a.py"}


def test_untracked_files_in_a_git_tree_are_scanned(tmp_path):
    git_init(tmp_path)
    write_tree(tmp_path, {"new.py": LEGACY})
    assert paths(tmp_path) == ["new.py"]


def test_directory_symlink_loops_are_not_followed(tmp_path):
    write_tree(tmp_path, {"pkg/a.py": LEGACY})
    os.symlink("..", tmp_path / "pkg" / "up")
    assert paths(tmp_path) == ["pkg/a.py"]


def test_module_names_and_project_modules(tmp_path):
    write_tree(tmp_path, {"src/app/steps/train.py": "", "src/app/__init__.py": "", "run.py": ""})
    jobs = {j.path: (j.module_name, j.is_package) for j in discover([str(tmp_path / "src")]).jobs}
    assert jobs[str(tmp_path / "src" / "app" / "steps" / "train.py")] == ("app.steps.train", False)
    assert jobs[str(tmp_path / "src" / "app" / "__init__.py")] == ("app", True)
    mods = project_modules(discover([str(tmp_path / "src")]).jobs)
    assert {"app", "app.steps", "app.steps.train", "steps.train", "train", "steps"} <= mods


def test_git_ignored_zen_config_is_still_scanned(tmp_path):
    git_init(tmp_path)
    write_tree(tmp_path, {".gitignore": ".zen/\n", ".zen/config.yaml": "active_profile_name: default\n", "a.py": LEGACY})
    assert paths(tmp_path) == [".zen/config.yaml", "a.py"]
    assert found(tmp_path) == [".zen/config.yaml", "a.py"]
    assert found(tmp_path, exclude=[".zen"]) == ["a.py"]


def test_exclude_holds_for_a_file_or_a_folder_given_below_the_excluded_path(tmp_path, monkeypatch):
    from zenml_migrate.scan.discovery import discover

    (tmp_path / "legacy" / "configs").mkdir(parents=True)
    (tmp_path / "legacy" / "run.py").write_text("import zenml\n")
    (tmp_path / "legacy" / "configs" / "a.py").write_text("import zenml\n")
    (tmp_path / "keep.py").write_text("import zenml\n")
    monkeypatch.chdir(tmp_path)
    exclude = ["legacy"]
    assert [j.path for j in discover(["."], exclude).jobs] == ["keep.py"]
    assert discover(["legacy/run.py"], exclude).jobs == []
    assert discover(["legacy/configs"], exclude).jobs == []


@pytest.mark.parametrize("git", [True, False])
def test_a_package_named_like_a_skipped_folder_is_scanned(tmp_path, git):
    """``fb/env/``, ``features/build/`` with an ``__init__.py`` are packages of the project (its
    modules import them), not a virtualenv nor setuptools output: they were skipped in silence
    while they failed on 0.20. Folders of those names without ``__init__.py`` stay skipped."""
    if git:
        git_init(tmp_path)
    write_tree(
        tmp_path,
        {
            "fb/__init__.py": "",
            "fb/env/__init__.py": LEGACY,
            "fb/env/settings.py": LEGACY,
            "fb/build/__init__.py": "",
            "fb/build/steps.py": LEGACY,
            "build/lib/fb/__init__.py": LEGACY,
            "env/lib/python3.9/site.py": LEGACY,
            "dist/x.py": LEGACY,
        },
    )
    assert paths(tmp_path) == ["fb/build/steps.py", "fb/env/__init__.py", "fb/env/settings.py"]


@pytest.mark.parametrize("git", [True, False])
def test_a_project_folder_named_env_or_build_is_scanned_unless_it_holds_a_venv_or_build_output(tmp_path, git):
    """``configs/env/prod.yaml`` (run configs per environment), ``tasks/build/`` (a task runner's
    scripts): folders the project made, not a virtualenv nor build output, were skipped in silence
    while they failed on 0.20. A virtualenv (``bin``/``lib``, ``Scripts``/``Lib``, ``conda-meta``)
    and setuptools/CMake/Sphinx output (``lib``, ``lib.*``, ``bdist.*``, ``temp.*``, ``CMakeCache.txt``, ``doctrees``)
    of those names stay skipped."""
    if git:
        git_init(tmp_path)
    write_tree(
        tmp_path,
        {
            "configs/env/prod.yaml": LEGACY_YAML,
            "tasks/build/run.sh": "zenml stack register s -m default -a default -o default\n",
            "tasks/build/steps.py": LEGACY,
            "venv/bin/python": "",
            "venv/lib/site.py": LEGACY,
            "w/env/Scripts/activate.bat": "",
            "w/env/Lib/site.py": LEGACY,
            "conda/env/conda-meta/history": "",
            "conda/env/x.py": LEGACY,
            "build/lib.linux-x86_64-cpython-39/fb/steps.py": LEGACY,
            "build/bdist.linux-x86_64/fb.py": LEGACY,
            "cpp/build/CMakeCache.txt": "",
            "cpp/build/gen.py": LEGACY,
            "docs/build/doctrees/index.doctree": "",
            "docs/build/html/_downloads/tutorial.py": LEGACY,
        },
    )
    assert paths(tmp_path) == ["configs/env/prod.yaml", "tasks/build/run.sh", "tasks/build/steps.py"]


def test_a_pyw_script_gets_the_module_name_of_its_path(tmp_path):
    from zenml_migrate.scan.discovery import module_name_for

    assert module_name_for(str(tmp_path), "gui/launcher.pyw") == ("gui.launcher", False)
    assert module_name_for(str(tmp_path), "gui/launcher.py") == ("gui.launcher", False)


def test_a_gitignored_project_folder_named_build_is_scanned_outside_git_and_build_output_is_not(tmp_path):
    write_tree(
        tmp_path,
        {
            ".gitignore": "tasks/\nbuild/\n",
            "tasks/build/steps.py": LEGACY,
            "build/lib/fb/steps.py": LEGACY,
        },
    )
    assert paths(tmp_path) == ["tasks/build/steps.py"]


def test_prefixed_requirement_files_are_requirement_lists():
    """review30 R7: `dev-requirements.txt`, `test-requirements.txt` (OpenStack's convention, many ML
    repos'), `ci_requirements.in` were read only when another file named them."""
    for name in ("dev-requirements.txt", "test-requirements.txt", "ci_requirements.in", "docs.requirements.txt",
                 "requirements.txt", "requirements-dev.txt", "constraints.txt", "py39-constraints.txt"):
        assert kind_of(name) == "requirements", name
    for name in ("requirements.py", "notes.txt", "requirementsnotes.md", "myrequirements.txt"):
        assert kind_of(name) != "requirements", name
