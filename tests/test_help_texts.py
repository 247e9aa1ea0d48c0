"""`--help` as a new user reads it: each option says what it takes, each command its exit codes,
and the codes are the ones the command returns."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LEGACY = "from zenml.repository import Repository\nr = Repository()\n"


def _migrate(cwd, *args):
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    p = subprocess.run([sys.executable, "-m", "zenml_migrate", *args], cwd=cwd, capture_output=True, text=True, env=env)
    return p.returncode, p.stdout + p.stderr


@pytest.mark.parametrize("command", ["", "scan", "code", "profiles", "rules", "explain"])
def test_every_help_names_what_an_option_takes_and_the_exit_codes(command):
    """Typer's default metavar `<str>` told nothing (`-o, --output <str>`, `--cache-dir <str>`)."""
    rc, out = _migrate(ROOT, *([command] if command else []), "--help")
    assert rc == 0, out
    assert "<str>" not in out and "<int>" not in out and "<float>" not in out, out
    assert "Exit codes" in out, out


def test_scan_exit_codes_are_the_ones_its_help_gives(tmp_path):
    (tmp_path / "clean.py").write_text("import os\n")
    (tmp_path / "legacy.py").write_text(LEGACY)
    (tmp_path / "broken.py").write_bytes(b"import zenml\ndef (:\n")
    assert _migrate(tmp_path, "scan", "--no-cache", "clean.py")[0] == 0
    assert _migrate(tmp_path, "scan", "--no-cache", "legacy.py")[0] == 1
    assert _migrate(tmp_path, "scan", "--no-cache", "legacy.py", "broken.py")[0] == 2
    assert _migrate(tmp_path, "scan", "--no-cache", "--exit-zero", "legacy.py", "broken.py")[0] == 0
    assert _migrate(tmp_path, "scan", "--no-cache", "--exit-zero", "--format", "nope", "legacy.py")[0] == 2


def test_code_exit_codes_are_the_ones_its_help_gives(tmp_path):
    (tmp_path / "clean.py").write_text("import os\n")
    (tmp_path / "legacy.py").write_text(LEGACY)
    assert _migrate(tmp_path, "code", "--no-cache", "clean.py")[0] == 0
    assert _migrate(tmp_path, "code", "--no-cache", "legacy.py")[0] == 1  # a diff
    assert _migrate(tmp_path, "code", "--no-cache", "--check", "legacy.py")[0] == 1
    assert _migrate(tmp_path, "code", "--no-cache", "--fix", "legacy.py")[0] == 1  # changed
    assert _migrate(tmp_path, "code", "--no-cache", "--fix", "legacy.py")[0] == 0  # nothing left to change
    assert _migrate(tmp_path, "code", "--no-cache", "missing.py")[0] == 2


@pytest.mark.parametrize("command", ["scan", "code"])
@pytest.mark.parametrize("value", ["0", "-3"])
def test_workers_below_one_is_a_usage_error(tmp_path, command, value):
    """`--workers 0` / `-3` ran with the CPU count / one process without a word."""
    (tmp_path / "legacy.py").write_text(LEGACY)
    rc, out = _migrate(tmp_path, command, "--no-cache", "--workers", value, "legacy.py")
    assert rc == 2 and "--workers" in out and "x>=1" in out, out
