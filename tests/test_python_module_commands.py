"""``PYTHON -m pip install ...`` and ``PYTHON -m zenml ...`` where the interpreter is written
as an expansion (IPython's ``!{sys.executable} -m pip``, a shell's ``$PYTHON``, make's
``$(PYTHON)``) or as the Windows launcher (``py -3 -m pip``): the install line's zenml pin
(ZM970) and the zenml command (ZM95x) are read as with a plain ``python`` (held-out 11: the
tutorial idiom ``!{sys.executable} -m pip install zenml==0.13.2`` was not read at all)."""

import json

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source


def _notebook(*lines: str) -> str:
    cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": [line]} for line in lines]
    meta = {"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}}
    return json.dumps({"cells": cells, "metadata": meta, "nbformat": 4, "nbformat_minor": 5}, indent=1)


@pytest.mark.parametrize(
    "line,fixed",
    [
        ('"${PY:-python3.9}" -m pip install --user "zenml[server]==0.12.0"\n', '"${PY:-python3.9}" -m pip install --user "zenml[server]==0.20.5"\n'),
        ("$VENV_PY -m pip install -U zenml~=0.13.1\n", "$VENV_PY -m pip install -U zenml~=0.20.5\n"),
        ("$(command -v python3) -m pip install zenml==0.11.0\n", "$(command -v python3) -m pip install zenml==0.20.5\n"),
        ("py -3.8 -m pip install zenml==0.13.0\n", "py -3.8 -m pip install zenml==0.20.5\n"),
    ],
)
def test_an_install_run_by_an_interpreter_in_a_variable_is_read(line, fixed):
    assert [f.code for f in scan_source(line, "install.sh")] == ["ZM970"]
    assert fix_source(line, "install.sh").text == fixed


def test_a_makefile_interpreter_variable():
    text = "PYTHON ?= python3\n\ninstall:\n\t$(PYTHON) -m pip install zenml==0.13.0\n"
    assert [(f.code, f.span.line) for f in scan_source(text, "Makefile")] == [("ZM970", 4)]
    assert fix_source(text, "Makefile").text == text.replace("0.13.0", "0.20.5")


def test_a_zenml_command_run_by_an_interpreter_in_a_variable_is_read():
    text = "$VENV_PY -m zenml profile set staging\n${PYTHON} -m zenml stack register s -m default -a default -o default\n"
    assert [(f.code, f.span.line) for f in scan_source(text, "setup.sh")] == [("ZM950", 1), ("ZM952", 2)]


def test_a_notebook_line_run_by_sys_executable_is_read():
    text = _notebook("import sys\n", "!{sys.executable} -m pip install -q 'zenml==0.12.0' pandas\n", "!{sys.executable} -m zenml profile create demo\n")
    found = [(f.code, f.cell) for f in scan_source(text, "tour.ipynb")]
    assert found == [("ZM970", 2), ("ZM950", 3)]
    cells = json.loads(fix_source(text, "tour.ipynb").text)["cells"]
    assert "".join(cells[1]["source"]) == "!{sys.executable} -m pip install -q 'zenml==0.20.5' pandas\n"


@pytest.mark.parametrize(
    "line",
    [
        "$PYTHON train.py --zenml==0.13.2\n",  # a script, not a module
        "$PYTHON -m pytest zenml==0.13.2\n",  # another module
        "{sys.executable} -m pip download zenml==0.13.2\n",  # not an install
        "$PYTHON -c 'print(1)' zenml==0.13.2\n",
    ],
)
def test_other_commands_of_an_interpreter_in_a_variable_are_not(line):
    assert [f.code for f in scan_source(line, "run.sh")] == []
