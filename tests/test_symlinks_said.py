"""review25 R11/R5: a symlink to a file of the project was scanned (and fixed, and counted)
twice; a symlinked folder outside the folder given was skipped without a word. Both walks
(git's listing and the plain one) and files named next to their folder."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

LEGACY = "from zenml.steps import BaseStepConfig\n\n\nclass C(BaseStepConfig):\n    lr: float = 0.1\n"


def _run(cwd: Path, *args: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "zenml_migrate", *args], cwd=str(cwd), capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.stdout + proc.stderr


def _tree(tmp_path: Path, git: bool) -> Path:
    root = tmp_path / "proj"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.py").write_text(LEGACY)
    (root / "sub" / "s.sh").write_text("zenml stack register s -m d -a a -o o\n")
    os.symlink("sub/a.py", root / "link.py")
    os.symlink("sub/s.sh", root / "run.sh")
    os.symlink(".", root / "loop")
    (tmp_path / "outside" / "lib").mkdir(parents=True)
    (tmp_path / "outside" / "lib" / "cfg.py").write_text(LEGACY)
    os.symlink("../outside/lib", root / "lib")
    if git:
        subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


@pytest.mark.parametrize("git", [True, False], ids=["git", "walk"])
def test_a_linked_file_is_scanned_once_and_a_linked_folder_outside_is_named(tmp_path, git):
    root = _tree(tmp_path, git)
    out = _run(root, "scan", ".", "--no-cache")
    assert "Found 3 findings in 2 files" in out, out
    assert "link.py:" not in out and "run.sh:" not in out
    assert "2 symlinks to a file of the project were scanned once, under the file's own path (link.py -> sub/a.py, run.sh -> sub/s.sh)." in out
    assert "1 symlinked folder outside the folder given was not scanned (lib -> ../outside/lib): name it to scan it (`migrate scan lib/`)." in out
    assert "Found 2 findings in 1 file" in _run(root, "scan", "lib/", "--no-cache")
    for args in ((".", "link.py"), ("link.py", "."), ("sub", ".")):
        assert "Found 3 findings in 2 files" in _run(root, "scan", *args, "--no-cache"), args
    out = _run(root, "code", ".", "--fix", "--no-cache")
    assert "fixed 2 files: ZM101 x2, ZM952 x1" in out, out
    assert "note: 2 symlinks to a file of the project were scanned once" in out
    assert os.path.islink(root / "link.py") and "BaseParameters" in (root / "sub" / "a.py").read_text()


def test_a_link_to_a_file_outside_the_folder_is_still_scanned(tmp_path):
    root = _tree(tmp_path, git=False)
    os.symlink("../outside/lib/cfg.py", root / "cfg.py")
    out = _run(root, "scan", ".", "--no-cache")
    assert "cfg.py:1:" in out and "Found 5 findings in 3 files" in out, out
