"""A path given that is not scanned says why, with what to do: a folder on the way without
permission is not a typo, a file the exclude patterns match is not "no file to scan", and a
folder the rewrite cannot write into says that the folder must be writable."""

import errno
import os
import subprocess
import sys

import pytest

from zenml_migrate.scan import discovery

LEGACY = "from zenml.repository import Repository\nr = Repository()\n"


def _migrate(cwd, *args):
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "250"}
    p = subprocess.run([sys.executable, "-m", "zenml_migrate", *args], cwd=cwd, capture_output=True, text=True, env=env)
    return p.returncode, p.stdout + p.stderr


def test_a_file_behind_a_folder_that_cannot_be_searched_is_not_called_missing(tmp_path, monkeypatch):
    target = str(tmp_path / "locked" / "run.py")
    real_lstat = os.lstat

    def lstat(path, *args, **kwargs):
        if os.fspath(path) == target:
            raise PermissionError(errno.EACCES, "Permission denied", target)
        return real_lstat(path, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", lstat)
    found = discovery.discover([target])
    assert found.jobs == []
    [(path, message)] = found.errors
    assert path == target and "permission denied" in message and "no such file" not in message, message


def test_a_path_through_a_file_and_a_missing_path_say_which(tmp_path):
    (tmp_path / "run.py").write_text(LEGACY)
    found = discovery.discover([str(tmp_path / "run.py" / "x.py"), str(tmp_path / "nope.py")])
    messages = dict(found.errors)
    assert "a part of the path is a file" in messages[str(tmp_path / "run.py" / "x.py")]
    assert messages[str(tmp_path / "nope.py")] == "no such file or directory; check the path"


def test_a_named_file_the_exclude_patterns_match_is_said(tmp_path):
    """`migrate scan --exclude '*.py' run.py` said "No file to scan in the paths given (Python,
    notebooks, ...)" of a Python file."""
    (tmp_path / "run.py").write_text(LEGACY)
    (tmp_path / "other.py").write_text(LEGACY)
    rc, out = _migrate(tmp_path, "scan", "--no-cache", "--exclude", "run.py", "run.py")
    assert rc == 0
    assert "1 file named was not scanned: it matches the exclude patterns (run.py;" in out, out
    rc, out = _migrate(tmp_path, "scan", "--no-cache", "--exclude", "run.py", "run.py", "other.py")
    assert rc == 1 and "Found 2 findings in 1 file" in out and "(run.py;" in out, out
    rc, out = _migrate(tmp_path, "code", "--no-cache", "--exclude", "run.py", "run.py", "other.py")
    assert "note: 1 file named was not scanned: it matches the exclude patterns (run.py;" in out, out
    rc, out = _migrate(tmp_path, "scan", "--no-cache", "run.py")  # not excluded: no such line
    assert "exclude patterns" not in out, out


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes into any folder")
def test_a_folder_the_fix_cannot_write_into_says_it_must_be_writable(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "run.py").write_text(LEGACY)
    folder.chmod(0o555)
    try:
        rc, out = _migrate(tmp_path, "code", "--no-cache", "--fix", "ro")
    finally:
        folder.chmod(0o755)
    assert rc == 2 and "the folder must be writable" in out, out
    assert (folder / "run.py").read_text() == LEGACY


def test_a_folder_the_fix_cannot_write_into_says_it_must_be_writable_as_any_user(tmp_path, monkeypatch):
    """The same refusal without relying on permissions (the suite may run as root)."""
    from zenml_migrate.fix import write

    (tmp_path / "run.py").write_text(LEGACY)

    def refuse(path):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(write, "mkstemp_near", refuse)
    with pytest.raises(write.Refused) as refused:
        write.replace_file(str(tmp_path / "run.py"), b"new\n", LEGACY.encode(), [str(tmp_path)])
    assert "the folder must be writable" in str(refused.value) and "Permission denied" in str(refused.value)
    assert (tmp_path / "run.py").read_text() == LEGACY


def test_verbose_line_says_why_more_files_were_parsed_than_named(tmp_path):
    """`migrate -v scan run.py` said "scanned 1 file in 0.3 s (47 parsed)": the project was indexed."""
    import re

    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'p'\n")
    (tmp_path / "run.py").write_text("import zenml\nfrom steps import trainer\n")
    (tmp_path / "steps.py").write_text("from zenml.steps import step\n\n@step\ndef trainer() -> int:\n    return 1\n")
    rc, out = _migrate(tmp_path, "-v", "scan", "--no-cache", "run.py")
    assert re.search(r"^scanned 1 file in [\d.]+ s \(2 parsed; the project's other files too, for cross-file facts\)$", out, re.M), out
    rc, out = _migrate(tmp_path, "-v", "scan", "--no-cache", ".")
    assert re.search(r"^scanned 3 files in [\d.]+ s \(2 parsed\)$", out, re.M), out
