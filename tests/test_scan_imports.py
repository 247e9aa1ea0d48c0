"""What a scan imports (issue 11: each command imports only what it runs; LibCST only when a
file needs rewriting): a rule module importing its codemod at the top put LibCST (~70 ms of
CPU) into every pre-commit scan."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.scan_helpers import LEGACY, write_tree

PROBE = """
import sys
sys.argv = ["migrate", "scan", "--no-cache", "steps.py"]  # before the import: the CLI registers what argv runs
from zenml_migrate.cli import main
try:
    main()
except SystemExit:
    pass
# zenml_migrate.scan.command_lines: the shell-command reader, for command files and command
# strings only (its regular expressions were 4-5 ms of every start-up)
heavy = sorted(m for m in ("libcst", "sqlite3", "ruamel", "yaml", "jinja2", "rich", "sqlite_utils", "multiprocessing",
                           "zenml_migrate.scan.command_lines") if m in sys.modules)
print("IMPORTED", ",".join(heavy))
"""


def test_scan_of_one_python_file_imports_no_rewriter_nor_profiles_code(tmp_path):
    write_tree(tmp_path, {"pyproject.toml": "", "steps.py": LEGACY})
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=str(tmp_path), capture_output=True, text=True, timeout=120)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("IMPORTED")), None)
    assert line is not None, out.stderr
    assert line == "IMPORTED ", line


TRACKER_STEP = (
    "from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow\nfrom zenml.steps import step\n\n"
    "@enable_mlflow\n@step\ndef trainer() -> int:\n    return 1\n"
)


def _imported(tmp_path, command, env_config):
    probe = PROBE.replace('"scan", "--no-cache", "steps.py"', f'"{command}", "--no-cache", "steps.py"').replace(
        '"multiprocessing")', '"multiprocessing", "zenml_migrate.profiles.readers")'
    )
    env = {**__import__("os").environ, "ZENML_CONFIG_PATH": str(env_config)}
    out = subprocess.run([sys.executable, "-c", probe], cwd=str(tmp_path), capture_output=True, text=True, timeout=120, env=env)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("IMPORTED")), None)
    assert line is not None, out.stderr
    return line[len("IMPORTED "):].split(",") if line != "IMPORTED " else []


def test_a_tracker_decorator_loads_the_profile_readers_only_when_there_is_a_zenml_config(tmp_path):
    """@enable_mlflow with no tracker name: scan and code look for one in the user's ZenML config
    (fix/tracker_names.py); with no config there, the profile readers (sqlite-utils,
    PyYAML: ~0.25 s of imports) are never imported."""
    write_tree(tmp_path, {"pyproject.toml": "", "steps.py": TRACKER_STEP})
    nothing = tmp_path / "no-zenml-config"
    assert _imported(tmp_path, "scan", nothing) == []
    assert _imported(tmp_path, "code", nothing) == ["multiprocessing"]  # the rewrite (LibCST) runs in a worker process


# A tree of Python modules never loads the notebook reader (every ``migrate scan`` pays its import
# before the first file, the one-file pre-commit run most of all); a notebook in the tree does.
READER_PROBE = """
import json, sys
from zenml_migrate.rules import all_rules
from zenml_migrate.scan.engine import ScanSettings, run_scan
report = run_scan([sys.argv[1]], ScanSettings(rules=all_rules(), workers=1))
print(json.dumps([sorted({f.code for f in report.findings}), "zenml_migrate.scan.notebook" in sys.modules]))
"""

STEP_FILE = "from zenml.steps import BaseStepConfig\n\n\nclass Params(BaseStepConfig):\n    size: int = 1\n"
NOTEBOOK = {
    "nbformat": 4,
    "nbformat_minor": 5,
    "metadata": {},
    "cells": [{"cell_type": "code", "id": "a", "metadata": {}, "execution_count": None, "outputs": [], "source": STEP_FILE}],
}


def _scan_reader(folder) -> list:
    out = subprocess.run([sys.executable, "-c", READER_PROBE, str(folder)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_a_tree_of_python_modules_does_not_load_the_notebook_reader(tmp_path):
    (tmp_path / "steps.py").write_text(STEP_FILE)
    (tmp_path / "README.md").write_text("# a project\n")
    assert _scan_reader(tmp_path) == [["ZM101"], False]


def test_a_notebook_loads_it(tmp_path):
    (tmp_path / "steps.py").write_text(STEP_FILE)
    (tmp_path / "explore.ipynb").write_text(json.dumps(NOTEBOOK))
    assert _scan_reader(tmp_path) == [["ZM101"], True]


PROFILES_PROBE = """
import sys
sys.argv = ["migrate", "profiles", sys.argv[1]]
from zenml_migrate.cli import main
try:
    main()
except SystemExit:
    pass
print("IMPORTED", ",".join(sorted(m for m in sys.modules if m.startswith(("zenml_migrate.rules", "zenml_migrate.findings",
                                                                           "zenml_migrate.codemods", "libcst")))))
"""


def test_profiles_imports_no_rule_catalog(tmp_path):
    """``migrate profiles`` reads config dirs: the rule catalog (and the findings it would load it
    for, a default value) is nothing it runs (review17 G4: ~9 ms of rules.base in every run)."""
    config = Path(__file__).resolve().parent.parent / "fixtures" / "configs" / "rich" / "zenml_config"
    env = {**__import__("os").environ, "ZENML_CONFIG_PATH": str(tmp_path / "zenml"), "ZENML_ANALYTICS_OPT_IN": "false"}
    out = subprocess.run([sys.executable, "-c", PROFILES_PROBE, str(config)], cwd=str(tmp_path), capture_output=True, text=True,
                         timeout=120, env=env)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("IMPORTED")), None)
    assert line is not None, out.stderr
    assert "plan" in out.stdout.lower() or "stack" in out.stdout.lower(), out.stdout[-2000:]  # the command ran
    assert line == "IMPORTED ", line


VERSION_PROBE = """
import sys
sys.argv = ["migrate", "--version"]
from zenml_migrate.cli import main
try:
    main()
except SystemExit:
    pass
print("IMPORTED", ",".join(sorted(m for m in ("sqlite_utils", "yaml", "libcst", "zenml_migrate.profiles", "zenml_migrate.fix.command",
                                              "zenml_migrate.rules") if m in sys.modules)))
"""


def test_version_imports_no_command(tmp_path):
    """``migrate --version`` runs no command: it imported ``code`` and ``profiles`` (their readers:
    sqlite-utils, PyYAML) as ``--help`` must, to list them."""
    out = subprocess.run([sys.executable, "-c", VERSION_PROBE], cwd=str(tmp_path), capture_output=True, text=True, timeout=120)
    assert out.stdout.startswith("zenml-migrate "), out.stdout + out.stderr
    assert out.stdout.splitlines()[-1] == "IMPORTED ", out.stdout


# Each command through the process entry a user runs (``start.entry``: ``migrate``,
# ``python -m zenml_migrate``), what it must not import: the modules of the commands it does
# not run (issue 11: each command imports only what it runs; LibCST only when a file needs
# rewriting; Typer only for the commands ``scan_fast`` does not parse).
ENTRY_PROBE = """
import os, sys
sys.argv = ["migrate"] + sys.argv[1:]
def said():
    heavy = ("libcst", "typer", "click", "sqlite3", "sqlite_utils", "ruamel", "yaml", "multiprocessing",
             "zenml_migrate.profiles", "zenml_migrate.rules", "zenml_migrate.scan.engine", "zenml_migrate.fix.fixer")
    sys.stderr.write("IMPORTED " + ",".join(m for m in heavy if m in sys.modules) + "\\n")
    sys.stderr.flush()
_exit = os._exit
os._exit = lambda code: (said(), _exit(code))
from zenml_migrate.start import entry
try:
    entry()
except SystemExit:
    said()
    raise
"""

UNUSED = {
    "scan": {"libcst", "typer", "click", "sqlite3", "sqlite_utils", "ruamel", "yaml", "multiprocessing", "zenml_migrate.profiles",
             "zenml_migrate.fix.fixer"},
    "code": {"libcst", "typer", "click", "sqlite3", "sqlite_utils", "ruamel", "yaml", "zenml_migrate.profiles", "zenml_migrate.fix.fixer"},
    "rules": {"libcst", "sqlite3", "sqlite_utils", "ruamel", "yaml", "multiprocessing", "zenml_migrate.profiles",
              "zenml_migrate.scan.engine", "zenml_migrate.fix.fixer"},
    "profiles": {"libcst", "multiprocessing", "zenml_migrate.rules", "zenml_migrate.scan.engine", "zenml_migrate.fix.fixer"},
    "--version": {"libcst", "sqlite3", "sqlite_utils", "ruamel", "yaml", "multiprocessing", "zenml_migrate.profiles",
                  "zenml_migrate.rules", "zenml_migrate.scan.engine", "zenml_migrate.fix.fixer"},
}
UNUSED["explain"] = UNUSED["rules"]
CLEAN = "import os\n\nprint(os.getcwd())\n"


@pytest.mark.parametrize("argv", [
    ["scan", "--no-cache", "steps.py"],
    ["scan", "--no-cache", "clean.py"],
    ["code", "--no-cache", "clean.py"],  # nothing to rewrite: no LibCST
    ["code", "--no-cache", "--diff", "clean.py"],
    ["rules"],
    ["rules", "--format", "json"],
    ["explain", "ZM101"],
    ["profiles", str(Path(__file__).resolve().parent.parent / "fixtures" / "configs" / "rich" / "zenml_config")],
    ["--version"],
], ids=lambda argv: " ".join(argv[:3]) if argv[0] != "profiles" else "profiles")
def test_each_command_imports_only_what_it_runs(tmp_path, argv):
    write_tree(tmp_path, {"pyproject.toml": "", "steps.py": LEGACY, "clean.py": CLEAN})
    env = {**__import__("os").environ, "ZENML_CONFIG_PATH": str(tmp_path / "zenml"), "ZENML_ANALYTICS_OPT_IN": "false"}
    out = subprocess.run([sys.executable, "-c", ENTRY_PROBE, *argv], cwd=str(tmp_path), capture_output=True, text=True,
                         timeout=120, env=env)
    line = next((ln for ln in out.stderr.splitlines() if ln.startswith("IMPORTED ")), None)
    assert line is not None, out.stderr
    imported = set(filter(None, line[len("IMPORTED "):].split(",")))
    assert imported & UNUSED[argv[0]] == set(), (argv, out.stdout[-500:], out.stderr[-500:])
