"""Shared by the scan CLI tests: build a small tree, run `migrate` in-process."""

import json
import os
import textwrap
from pathlib import Path
from typing import Dict, Optional, Sequence

from tests.clirunner import cli_runner

from zenml_migrate.cli import app

# one finding of each stable rule: ZM101 (x2), ZM108 (x2), ZM201, ZM301
LEGACY = """\
from zenml.repository import Repository
from zenml.steps import BaseStepConfig, step


class TrainerConfig(BaseStepConfig):
    lr: float = 0.1


@step(custom_step_operator="sagemaker")
def trainer() -> int:
    return 1


def last_run():
    return Repository().get_pipeline("training").runs[-1]
"""
CLEAN = "import os\n\nprint(os.getcwd())\n"
# a legacy step module (pkg/steps.py) and a module without "zenml" using its step (found by phase B)
STEPS = """
from zenml.steps import step, BaseStepConfig


class TrainerConfig(BaseStepConfig):
    lr: float = 0.1


@step
def trainer(config: TrainerConfig) -> int:
    return 1
"""
USES_STEPS = """
from pkg.steps import trainer

configured = trainer(custom_step_operator="k8s")
"""


def write_tree(root: Path, files: Dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text)
    return root


class Run:
    def __init__(self, result):
        self.code = result.exit_code
        self.out = result.stdout
        self.err = result.stderr
        self.exception = result.exception

    def json(self) -> dict:
        return json.loads(self.out)


def migrate(args: Sequence[str], cwd: Path, input: Optional[bytes] = None) -> Run:
    """``migrate <args>`` in ``cwd``; a traceback (any exception but SystemExit) fails the test."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = cli_runner().invoke(app, list(args), input=input)
    finally:
        os.chdir(old)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"migrate {' '.join(args)} raised {result.exception!r}") from result.exception
    return Run(result)


def scan_json(cwd: Path, *args: str) -> Run:
    return migrate(["scan", "--format", "json", "--no-cache", *args], cwd)


def codes(run: Run) -> list:
    return [(f["path"], f["line"], f["code"]) for f in run.json()["findings"]]


def notebook_json(*sources: str) -> str:
    """An nbformat 4 notebook of a Python kernel whose code cells have these sources."""
    cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": s} for s in sources]
    return json.dumps({"cells": cells, "metadata": {"kernelspec": {"language": "python", "name": "python3"}}, "nbformat": 4, "nbformat_minor": 5})


def fix_as_scanned(path: str, kind: str, data: bytes):
    """``migrate code --fix`` of one file as the command runs it: the scan's findings, then the
    fix from them (``FileFix``: ``new`` the bytes written, ``applied`` the fixes)."""
    from zenml_migrate.fix.files import fix_bytes
    from zenml_migrate.fix.fixer import FixOptions
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan.detect import rule_index
    from zenml_migrate.scan.file_scan import FileJob, ScanContext, scan_bytes

    rules = all_rules()
    job = FileJob(path, kind)
    scanned = scan_bytes(job, data, ScanContext(rule_index(rules)))
    job = FileJob(path, kind, read_as=scanned.read_as)  # the kind the scan read it as (a script of cells)
    return fix_bytes(job, data, rules, FixOptions(), findings=scanned.findings)
