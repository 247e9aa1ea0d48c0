"""The early start of discovery's ``git ls-files`` listings (scan/git_listing.py): only the
folders a scan/code command line names, and the same files as git started by discovery."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.scan_helpers import LEGACY, write_tree
from zenml_migrate.scan import git_listing
from zenml_migrate.scan.discovery import discover


@pytest.fixture
def folders(tmp_path, monkeypatch):
    (tmp_path / "src").mkdir()
    (tmp_path / "json").mkdir()  # a folder named like an option value
    (tmp_path / "one.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("argv, expected", [
    (["scan"], ["."]),
    (["scan", "."], ["."]),
    (["scan", "src"], ["src"]),
    (["-v", "scan", "--format", "json", "src"], ["src"]),
    (["scan", "--format", "json"], ["."]),
    (["scan", "--format=json", "--no-cache", "-q", "src", "json"], ["src", "json"]),
    (["code", "--fix", "--unsafe-fixes", "src"], ["src"]),
    (["code", "--diff", "--workers", "2", "--", "src"], ["src"]),
    (["scan", "--cache-dir", "src", "one.py"], []),  # a file: no listing of a folder
    (["scan", "one.py", "src"], ["src"]),
    (["scan", "missing"], []),
    (["scan", "-"], []),  # stdin
    (["scan", "", "src"], []),  # a usage error
    (["scan", "--help"], []),
    (["scan", "--some-new-option", "src"], []),  # an option not known here: no guess
    (["scan", "-qv", "src"], []),
    (["profiles", "migrate", "src"], []),
    (["rules"], []),
    ([], []),
])
def test_folders_named(folders, argv, expected):
    assert git_listing.folders_named(argv) == expected


def _jobs(root):
    found = discover(["."])
    return [(j.path, j.kind, j.module_name, j.is_package) for j in found.jobs], found.ignored, found.ignored_more


@pytest.mark.parametrize("git", [True, False])
def test_discovery_takes_the_early_listing_and_lists_the_same(tmp_path, monkeypatch, git):
    if git:
        subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write_tree(tmp_path, {
        "pkg/a.py": LEGACY, "pkg/__init__.py": "", ".gitignore": "ignored/\n*.gen.py\n", "ignored/b.py": LEGACY,
        "x.gen.py": LEGACY, "notes.md": "zenml up\n",
    })
    if git:
        subprocess.run(["git", "-C", str(tmp_path), "add", "pkg"], check=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(git_listing, "_early", {})
    before = _jobs(tmp_path)
    git_listing.start_early(["scan", "--format", "json", "."])
    assert len(git_listing._early) == (2 if git_listing.in_a_repository(".") else 0)  # no git where it finds no repository
    assert _jobs(tmp_path) == before
    assert git_listing._early == {}  # taken once
    assert _jobs(tmp_path) == before  # and git started again for the next discovery


def test_an_early_listing_of_another_folder_is_not_taken(tmp_path, monkeypatch):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write_tree(tmp_path, {"a/x.py": LEGACY, "b/y.py": LEGACY})
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(git_listing, "_early", {})
    git_listing.start_early(["scan", "a"])
    assert [j.path for j in discover(["b"]).jobs] == [os.path.join("b", "y.py")]
    assert len(git_listing._early) == 2
    for proc in git_listing._early.values():
        proc.communicate()


def test_the_entry_point_scans_a_git_folder_as_before(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write_tree(tmp_path, {"pkg/a.py": LEGACY, ".gitignore": "gen/\n", "gen/b.py": LEGACY})
    cmd = [sys.executable, "-m", "zenml_migrate", "scan", "--format", "json", "--exit-zero", "--no-cache", "."]
    out = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "pkg/a.py" in out.stdout and "gen/b.py" not in out.stdout.split('"summary"')[0]


def test_no_git_is_started_where_it_can_find_no_repository(tmp_path, monkeypatch):
    """Outside a git work tree (no ``.git`` in the folder or above it, no ``GIT_DIR``) discovery
    starts no ``git ls-files`` (it would fail), and lists the same files as when git is asked."""
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_WORK_TREE", raising=False)
    if any(os.path.lexists(folder / ".git") for folder in [Path(os.path.realpath(tmp_path)), *Path(os.path.realpath(tmp_path)).parents]):
        pytest.skip("the temporary folder lies inside a git work tree")
    write_tree(tmp_path, {"pkg/a.py": LEGACY, "pkg/__init__.py": "", "b.py": LEGACY})
    monkeypatch.chdir(tmp_path)
    started = []
    popen = subprocess.Popen
    monkeypatch.setattr(subprocess, "Popen", lambda args, **kw: started.append(args[:2]) or popen(args, **kw))
    alone = _jobs(tmp_path)
    assert started == []
    assert sorted(j[0] for j in alone[0]) == ["b.py", os.path.join("pkg", "__init__.py"), os.path.join("pkg", "a.py")]
    (tmp_path / ".git").mkdir()  # git is asked again (and, this .git being empty, fails as before)
    assert _jobs(tmp_path) == alone and started == [["git", "-C"]] * 2
    (tmp_path / ".git").rmdir()
    started.clear()
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "elsewhere.git"))  # a repository git is told of
    assert _jobs(tmp_path) == alone and started == [["git", "-C"]] * 2


def test_a_repository_is_looked_for_through_the_real_parents(tmp_path, monkeypatch):
    """As git does: a symbolic link to a folder inside a work tree is in it; ``..`` of the link is
    the real parent."""
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_WORK_TREE", raising=False)
    (tmp_path / "repo" / "sub").mkdir(parents=True)
    (tmp_path / "repo" / ".git").write_text("gitdir: /elsewhere\n")  # a worktree's or submodule's .git file
    os.symlink(str(tmp_path / "repo" / "sub"), str(tmp_path / "link"))
    monkeypatch.chdir(tmp_path)
    assert git_listing.in_a_repository("link") and git_listing.in_a_repository(os.path.join("repo", "sub"))
