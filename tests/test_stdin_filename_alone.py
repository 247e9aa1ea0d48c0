"""`--stdin-filename NAME` with no path reads stdin, as ruff does (an editor or a script pipes a
buffer): it scanned the current folder and ignored stdin. With paths but no `-` it names nothing:
a usage error (it was ignored)."""

import os
import subprocess
import sys

LEGACY = "from zenml.repository import Repository\nr = Repository()\n"


def _migrate(cwd, *args, stdin=""):
    env = {**os.environ, "NO_COLOR": "1"}
    p = subprocess.run([sys.executable, "-m", "zenml_migrate", *args], cwd=cwd, input=stdin, capture_output=True, text=True, env=env)
    return p.returncode, p.stdout, p.stderr


def test_scan_with_only_stdin_filename_reads_stdin(tmp_path):
    (tmp_path / "other.py").write_text(LEGACY)  # not scanned: stdin is
    rc, out, err = _migrate(tmp_path, "scan", "--no-cache", "--stdin-filename", "buffer.py", stdin=LEGACY)
    assert rc == 1 and "buffer.py:2:5: ZM108" in out and "other.py" not in out, out + err
    assert "1 file scanned" in out


def test_code_with_only_stdin_filename_rewrites_stdin_to_stdout(tmp_path):
    rc, out, err = _migrate(tmp_path, "code", "--no-cache", "--stdin-filename", "buffer.py", stdin=LEGACY)
    assert out == "from zenml.client import Client\nr = Client()\n", out + err


def test_stdin_filename_with_paths_but_no_dash_is_a_usage_error(tmp_path):
    (tmp_path / "run.py").write_text(LEGACY)
    for command in ("scan", "code"):
        rc, out, err = _migrate(tmp_path, command, "--no-cache", "--stdin-filename", "x.py", "run.py")
        assert rc == 2 and "--stdin-filename names the text read from stdin" in err, out + err
    rc, out, err = _migrate(tmp_path, "scan", "--no-cache", "--stdin-filename", "x.py", "-", stdin=LEGACY)
    assert rc == 1 and "x.py:1:30: ZM108" in out, out + err
