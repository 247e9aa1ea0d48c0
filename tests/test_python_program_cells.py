"""A ``%%python``/``%%python3``/``%%script python3`` cell: IPython's script magic runs the body
with a new Python interpreter. It is a Python program of its own (read and fixed apart, as the
file of a ``%%writefile x.py`` cell): its 0.13.2 APIs fail when the cell runs on ZenML 0.20
(they were masked as a cell magic's text and never read)."""

import json

from zenml_migrate.api import scan_source

from tests.scan_helpers import fix_as_scanned, notebook_json


NB = notebook_json(
    "import os",
    "%%python3\nfrom zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow\nprint(enable_mlflow)",
    "%%script /usr/bin/env python\nfrom zenml.repository import Repository\nRepository().clean()",
    "%%pypy3 --bg\nfrom zenml.steps import BaseStepConfig",
    "%%script bash\nzenml stack list",
)


def _found(text):
    return {(f.cell, f.span.line, f.code) for f in scan_source(text, "nb/run.ipynb", with_diagnostics=True)}


def test_python_program_cells_are_read_as_python():
    found = _found(NB)
    cells = {(cell, line) for cell, line, _ in found}
    assert (2, 2) in cells  # the tracker decorator's module is gone in 0.20
    assert {(4, 2)} <= cells  # BaseStepConfig
    assert not [f for f in found if f[2] == "ZM001"]


def test_script_magic_with_a_python_interpreter_path():
    text = notebook_json("%%script /opt/conda/bin/python3.9\nfrom zenml.repository import Repository\nprint(Repository().active_stack_name)")
    found = _found(text)
    assert {(1, 2, "ZM108"), (1, 3, "ZM402")} <= found


def test_the_fix_rewrites_the_program_and_keeps_the_magic_line():
    text = notebook_json("%%python\nfrom zenml.steps import BaseStepConfig\nclass C(BaseStepConfig):\n    x: int = 1")
    fixed = fix_as_scanned("nb/p.ipynb", "ipynb", text.encode())
    assert fixed.error is None
    source = json.loads(fixed.new)["cells"][0]["source"]
    assert "".join(source).startswith("%%python\nfrom zenml.steps import BaseParameters\nclass C(BaseParameters):")


def test_a_program_that_does_not_parse_is_said_to_be_the_programs():
    text = notebook_json("%%python3\nfrom zenml.steps import (\n", "from zenml.repository import Repository")
    found = scan_source(text, "nb/bad.ipynb", with_diagnostics=True)
    errors = [f for f in found if f.code == "ZM001"]
    assert len(errors) == 1 and errors[0].cell == 1 and "the Python program `%%python3` runs" in errors[0].message
    assert any(f.cell == 2 and f.code == "ZM108" for f in found)  # the other cells are read
