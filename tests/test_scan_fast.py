"""``migrate scan`` without Typer (``migrate/scan_fast.py``, issue 11: the pre-commit scan of one
file within 0.12 CPU-s): a plain ``scan`` command line is parsed to the very values Typer gives
``cli.scan``, every other one goes through Typer, and a run of the plain one loads no Typer."""

import inspect
import subprocess
import sys

import pytest
import typer.main

from tests.clirunner import cli_runner
from tests.scan_helpers import LEGACY, write_tree
from zenml_migrate import cli, commands, scan_fast
from zenml_migrate.process import verbose_first

PARAMS = list(inspect.signature(commands.scan).parameters)


def typer_values(monkeypatch, argv, owner=commands, name="scan", params=PARAMS):
    """The keywords ``cli.scan`` (through Typer) gives ``commands.scan`` for ``argv`` (another
    command: the function ``owner.name`` its Typer command calls, with ``params``)."""
    got = []
    monkeypatch.setattr(owner, name, lambda *args: got.append(dict(zip(params, args))))
    result = cli_runner().invoke(cli.app, verbose_first(list(argv)))
    assert result.exit_code == 0, result.output
    assert len(got) == 1
    return got[0]


PLAIN = [
    ["scan"],
    ["scan", "."],
    ["scan", "--no-cache", "steps.py"],
    ["scan", "a.py", "b.py", "-", "--exit-zero"],
    ["scan", "-v", "a.py"],
    ["scan", "a.py", "--verbose", "--quiet"],
    ["--verbose", "scan", "-q", "x"],
    ["scan", "--format", "json", "--format=sarif", "-o", "out.json", "--output=r.html"],
    ["scan", "--select", "ZM1,ZM2", "--select=ZM3", "--ignore", "ZM101", "--extend-select", "ZM4"],
    ["scan", "--exclude", "a/*", "--extend-exclude", "b", "--extend-exclude=c", "--exclude="],
    ["scan", "--statistics", "--statistics", "--stdin-filename", "run.yaml"],
    ["scan", "--cache-dir", "c", "--workers", "3", "--workers=12", "--config", "pyproject.toml", "--color", "never"],
    ["scan", "", "--output", ""],
    ["scan", "--color=always", "src", "--no-cache", "tests"],
]


@pytest.mark.parametrize("argv", PLAIN, ids=[" ".join(a) or "-" for a in PLAIN])
def test_a_plain_scan_command_line_is_parsed_as_typer_parses_it(monkeypatch, argv):
    fast = scan_fast.parse(verbose_first(list(argv)))
    assert fast is not None
    values = typer_values(monkeypatch, argv)
    values["verbose"] = cli.VERBOSE
    assert fast == values


OTHER = [
    ["code", "x.py"],
    ["--version"],
    ["scan", "--help"],
    ["scan", "-h"],
    ["scan", "--", "-x.py"],
    ["scan", "-ofile"],
    ["scan", "-o=file"],
    ["scan", "--workers", "0"],
    ["scan", "--workers", "x"],
    ["scan", "--workers", "07"],
    ["scan", "--format"],
    ["scan", "--output", "-"],
    ["scan", "--quiet=1"],
    ["scan", "--nope"],
    ["scan", "--no-cach"],
    ["scan", "-qv"],
    ["rules"],
    [],
]


@pytest.mark.parametrize("argv", OTHER, ids=[" ".join(a) or "-" for a in OTHER])
def test_every_other_command_line_goes_through_typer(argv):
    assert scan_fast.parse(verbose_first(list(argv))) is None


def test_the_fast_parser_knows_every_option_of_the_typer_command():
    """An option added to ``cli.scan`` and not to ``scan_fast.OPTIONS`` would be run with a missing
    keyword: this says so first."""
    assert_options_known("scan", scan_fast.OPTIONS, scan_fast.defaults(), PARAMS)


def assert_options_known(name, options, defaults, params):
    """The options of Typer's command ``name`` are ``options``, its defaults ``defaults``, the
    parameters of the function it calls ``params``."""
    command = typer.main.get_command(cli.app).commands[name]
    declared = {}
    for param in command.params:
        if param.param_type_name == "argument":
            assert param.name == "paths" and param.nargs == -1
            continue
        kind = "flag" if param.is_flag else "values" if param.multiple else "value"
        for opt in param.opts + param.secondary_opts:
            declared[opt] = (param.name, kind)
    assert declared == options
    assert set(defaults) | {"verbose"} == set(params)
    for param in command.params:
        assert defaults[param.name] == (None if param.name == "paths" else param.default), param.name


PROBE = """
import atexit, sys
atexit.register(lambda: print("LOADED", sorted(m for m in ("typer", "click", "libcst", "ruamel", "rich") if m in sys.modules)))
sys.argv = ["migrate"] + sys.argv[1:]
from zenml_migrate.start import entry
entry()
"""


def test_a_plain_scan_of_one_file_loads_no_typer(tmp_path):
    write_tree(tmp_path, {"pyproject.toml": "", "steps.py": LEGACY})
    out = subprocess.run([sys.executable, "-c", PROBE, "scan", "--no-cache", "steps.py"], cwd=str(tmp_path), capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 1, out.stderr
    assert "ZM101" in out.stdout
    assert out.stdout.splitlines()[-1] == "LOADED []"
    # a usage error still gets Typer's message
    out = subprocess.run([sys.executable, "-c", PROBE, "scan", "--workers", "0", "steps.py"], cwd=str(tmp_path), capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 2
    assert "Invalid value for '--workers'" in out.stderr
