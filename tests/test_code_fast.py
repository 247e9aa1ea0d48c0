"""``migrate code`` without Typer (``scan_fast.parse_code``, issue 11: each command imports only
what it runs; the pre-commit fix hook of one file): a plain ``code`` command line is parsed to the
very values Typer gives ``cli.code``, every other one goes through Typer, and a run of the plain
one loads no Typer. The same for ``scan``: tests/test_scan_fast.py."""

import inspect
import subprocess
import sys

import pytest

from tests.scan_helpers import LEGACY, write_tree
from tests.test_scan_fast import PROBE, assert_options_known, typer_values
from zenml_migrate import cli, scan_fast
from zenml_migrate.fix import command
from zenml_migrate.process import verbose_first

PARAMS = list(inspect.signature(command.run).parameters)


PLAIN = [
    ["code"],
    ["code", "."],
    ["code", "--fix", "steps.py"],
    ["code", "a.py", "b.py", "-", "--check"],
    ["code", "-v", "--diff", "a.py"],
    ["code", "a.py", "--verbose", "--quiet", "-q"],
    ["--verbose", "code", "--fix", "--unsafe-fixes", "x"],
    ["code", "--select", "ZM1,ZM2", "--select=ZM3", "--ignore", "ZM101", "--extend-select", "ZM4"],
    ["code", "--exclude", "a/*", "--extend-exclude", "b", "--extend-exclude=c", "--exclude="],
    ["code", "--target", "0.20.0", "--target=0.20.5", "--experiment-tracker", "mlflow=t", "--experiment-tracker=w"],
    ["code", "--workers", "3", "--workers=12", "--config", "pyproject.toml", "--color", "never", "--no-cache"],
    ["code", "--stdin-filename", "run.yaml", "-", "--fix", "--fix"],
    ["code", "", "--config", ""],
]


@pytest.mark.parametrize("argv", PLAIN, ids=[" ".join(a) or "-" for a in PLAIN])
def test_a_plain_code_command_line_is_parsed_as_typer_parses_it(monkeypatch, argv):
    fast = scan_fast.parse_code(verbose_first(list(argv)))
    assert fast is not None
    values = typer_values(monkeypatch, argv, command, "run", PARAMS)
    assert values.pop("verbose") == cli.VERBOSE
    assert fast.pop("verbose") == cli.VERBOSE
    assert fast == values


OTHER = [
    ["scan", "x.py"],
    ["code", "--help"],
    ["code", "-h"],
    ["code", "--", "-x.py"],
    ["code", "--workers", "0"],
    ["code", "--workers", "x"],
    ["code", "--target"],
    ["code", "--fix=1"],
    ["code", "--nope"],
    ["code", "--fi"],
    ["code", "-qv"],
    ["profiles", "."],
    [],
]


@pytest.mark.parametrize("argv", OTHER, ids=[" ".join(a) or "-" for a in OTHER])
def test_every_other_command_line_goes_through_typer(argv):
    assert scan_fast.parse_code(verbose_first(list(argv))) is None


def test_the_fast_parser_knows_every_option_of_the_typer_command():
    """An option added to ``cli.code`` and not to ``scan_fast.CODE_OPTIONS`` would be run with a
    missing keyword: this says so first."""
    assert_options_known("code", scan_fast.CODE_OPTIONS, scan_fast.code_defaults(), PARAMS)


def test_a_plain_fix_of_one_file_loads_no_typer(tmp_path):
    write_tree(tmp_path, {"pyproject.toml": "", "steps.py": LEGACY})
    out = subprocess.run([sys.executable, "-c", PROBE, "code", "--fix", "--no-cache", "steps.py"], cwd=str(tmp_path),
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1, out.stderr
    assert "fixed steps.py" in out.stderr
    assert "BaseParameters" in (tmp_path / "steps.py").read_text()
    assert out.stdout.splitlines()[-1] == "LOADED []"
    # a usage error still gets Typer's message
    out = subprocess.run([sys.executable, "-c", PROBE, "code", "--workers", "0", "steps.py"], cwd=str(tmp_path),
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert "Invalid value for '--workers'" in out.stderr
