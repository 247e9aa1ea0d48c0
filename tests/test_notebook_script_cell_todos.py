"""A TODO line a rewrite writes in the file a ``%%writefile x.py`` cell writes (ZM207's guess of
the experiment tracker's name for ``@enable_mlflow``) is counted in "TODOs in rewritten code" and
listed at its cell and line, like a module's (and as a code cell's identical TODO is, each at its
own place); tests/claims.py checks the per-rule TODO counts of every file kind."""
import json
import os
import subprocess
import sys

from tests import claims

STEP = '''from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow
from zenml.steps import step


@enable_mlflow
@step
def {name}() -> int:
    return 1
'''


def _notebook(path) -> None:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Two tracked steps\n"]},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": ("%%writefile tracked_steps.py\n" + STEP.format(name="train")).splitlines(True)},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": STEP.format(name="evaluate").splitlines(True)},
    ]
    nb = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    with open(path, "w") as f:
        json.dump(nb, f, indent=1)


def test_script_cell_todos_are_counted_and_listed(tmp_path):
    _notebook(tmp_path / "train.ipynb")
    out = subprocess.run([sys.executable, "-m", "zenml_migrate", "code", ".", "--fix"], cwd=tmp_path,
                         capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    assert "2 TODOs in rewritten code (ZM207 x2)" in out.stderr, out.stderr
    listed = [line.split(": ZM207 TODO")[0].strip() for line in out.stderr.splitlines() if ": ZM207 TODO " in line]
    assert listed == ["train.ipynb:cell 2:5", "train.ipynb:cell 3:4"], out.stderr
    cells = json.loads((tmp_path / "train.ipynb").read_text())["cells"]
    assert claims.TODO_MARK + " ZM207" in cells[1]["source"][4] and claims.TODO_MARK + " ZM207" in cells[2]["source"][3]


def test_claims_check_the_notebook_todo_counts_per_rule(tmp_path):
    source = tmp_path / "src"
    os.makedirs(source)
    _notebook(source / "train.ipynb")
    checked = claims.Claims(str(tmp_path / "work"), "nb")
    checked.check_code(str(source), False)
    assert not checked.problems, "\n".join(checked.problems)
