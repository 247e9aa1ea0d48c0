"""The results cache is never written through a symbolic link that leads out of the project
(issue 13's last gap, decided in issue 11): a repository can commit ``.zenml-migrate-cache``
as a link to ``~/.ssh`` or any folder, and the cache writes files there and removes old cache
files from it. Such a folder is not used (one warning, the run is uncached, same findings and
exit code). A folder the user names with ``--cache-dir`` is used as given, links and all.
Inside the cache folder nothing is written through a link either, and only the cache's own
files are ever removed."""

import os

import pytest

from tests.scan_helpers import LEGACY, migrate, write_tree

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="symbolic links")


@pytest.fixture
def project(tmp_path):
    root = write_tree(tmp_path / "project", {"pyproject.toml": "[project]\nname = 'p'\n", "steps.py": LEGACY})
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "scan-keep-me.txt").write_text("a file of the link's target\n")
    return root, outside


def _scan(root, *args):
    return migrate(["scan", "--format", "json", *args], root)


@pytest.mark.parametrize("pyproject", [True, False], ids=["next-to-pyproject", "in-the-current-folder"])
def test_default_cache_folder_linked_out_of_the_project_is_not_used(project, pyproject):
    root, outside = project
    if not pyproject:
        (root / "pyproject.toml").unlink()
    (root / ".zenml-migrate-cache").symlink_to(outside, target_is_directory=True)
    before = sorted(os.listdir(outside))
    run = _scan(root)
    plain = _scan(root, "--no-cache")
    assert run.code == plain.code == 1
    assert run.json()["findings"] == plain.json()["findings"] and run.json()["findings"]
    assert sorted(os.listdir(outside)) == before  # nothing written, nothing removed
    assert ".zenml-migrate-cache is a symbolic link" in run.err and run.err.startswith("warning: the results cache folder ")
    assert str(outside) in run.err and "not used" in run.err
    again = _scan(root)  # and again: still nothing there (no cache read from it either)
    assert sorted(os.listdir(outside)) == before and again.json()["findings"] == plain.json()["findings"]


def test_config_cache_folder_under_a_link_out_of_the_project_is_not_used(project):
    root, outside = project
    (root / "build").symlink_to(outside, target_is_directory=True)
    (root / "pyproject.toml").write_text("[tool.zenml-migrate]\ncache-dir = 'build/zm-cache'\n")
    run = _scan(root)
    assert run.code == 1 and run.json()["findings"]
    assert sorted(os.listdir(outside)) == ["scan-keep-me.txt"]
    assert "is a symbolic link (or lies under one)" in run.err


def test_code_command_does_not_write_the_cache_through_the_link(project):
    root, outside = project
    (root / ".zenml-migrate-cache").symlink_to(outside, target_is_directory=True)
    run = migrate(["code", "steps.py"], root)  # the diff only: the scan still runs with its cache settings
    assert run.code == 1
    assert sorted(os.listdir(outside)) == ["scan-keep-me.txt"]
    assert "not used" in run.err


def test_link_inside_the_project_is_followed(project):
    root, _ = project
    (root / "caches").mkdir()
    (root / ".zenml-migrate-cache").symlink_to(root / "caches", target_is_directory=True)
    run = _scan(root)
    assert run.code == 1 and "symbolic link" not in run.err
    assert any(n.endswith(".marshal") for n in os.listdir(root / "caches"))


def test_folder_named_with_cache_dir_is_used_as_given(project, tmp_path):
    root, outside = project
    link = tmp_path / "my-cache"
    link.symlink_to(outside, target_is_directory=True)
    run = _scan(root, "--cache-dir", str(link))
    assert run.code == 1 and "symbolic link" not in run.err
    names = os.listdir(outside)
    assert any(n.startswith("scan-") and n.endswith(".marshal") for n in names)
    assert "scan-keep-me.txt" in names  # another file named scan-* is not the cache's to remove


def test_nothing_is_written_through_a_link_inside_the_cache_folder(project, tmp_path):
    root, _ = project
    cache = root / ".zenml-migrate-cache"
    cache.mkdir()
    target = tmp_path / "planted.txt"  # does not exist: a dangling link the cache would create
    (cache / ".gitignore").symlink_to(target)
    run = _scan(root)
    assert run.code == 1
    assert not target.exists()
    assert any(n.endswith(".marshal") for n in os.listdir(cache))  # the cache itself still works


@pytest.mark.parametrize("name", ["a-file", "a-file/sub", "/dev/null"])
def test_a_cache_folder_that_cannot_be_one_is_said_once_and_the_run_goes_on(project, name):
    # `--cache-dir FILE` ran without a cache and said nothing: every run was cold, and nobody knew why
    root, _ = project
    (root / "a-file").write_text("not a folder\n")
    run = _scan(root, "--cache-dir", name)
    plain = _scan(root, "--no-cache")
    assert run.code == plain.code == 1 and run.json()["findings"] == plain.json()["findings"]
    assert run.err.count("warning: the results cache folder") == 1, run.err
    assert "this run reads and writes no cache" in run.err and ("is not a folder" in run.err or "cannot be created" in run.err)
    assert (root / "a-file").read_text() == "not a folder\n"


def test_a_usable_cache_folder_is_silent(project):
    root, _ = project
    run = _scan(root, "--cache-dir", "new/cache")
    assert run.code == 1 and "warning" not in run.err and (root / "new/cache/.gitignore").exists()
