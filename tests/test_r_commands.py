"""R code runs the zenml CLI too (R-kernel notebooks, ``.R`` scripts): ``system("zenml ...")``,
``shell(...)``, ``system2("zenml", c(...))`` and ``processx::run("zenml", c(...))`` are read as
command lines and fixed like a shell script's (held-out 13: an IRkernel notebook with
``system("zenml profile set ...")``, ``system("pip install zenml==0.13.2")`` and ``system2("zenml",
args = c(..., "-m", ...))``, and a ``refresh.R``, were not read at all)."""

import json

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of
from tests.scan_helpers import migrate, scan_json, write_tree

SCRIPT = """\
library(processx)
# system("zenml profile set old")  -- a comment: not run
note <- "system('zenml profile set nope')"
base::system(command = 'zenml profile create nightly')
system("echo \\"zenml profile set x\\"")
res <- system2(command = "zenml", "stack register night -m mlmd -a art -o orch", stdout = TRUE)
processx::run("zenml", c("stack", "update", "night", "--metadata-store", "mlmd"))
system2("zenml", c("stack", "set", stack_name, "-m"))
shell('pip install "zenml[server]==0.12.0"')
"""


def _found(text, name):
    return [(f.code, f.span.line, f.span.column) for f in scan_source(text, name)]


def test_r_scripts_are_read():
    assert kind_of("jobs/refresh.R") == kind_of("refresh.r") == "r"
    assert _found(SCRIPT, "refresh.R") == [
        ("ZM950", 4, 25),  # the comment, the string holding a call, an escaped string: not read
        ("ZM952", 6, 57),
        ("ZM952", 7, 54),
        ("ZM970", 9, 20),
    ]  # words after a variable are not known: its "-m" is not judged


def test_r_scripts_are_fixed_in_place():
    fixed = fix_source(SCRIPT, "refresh.R").text
    assert 'res <- system2(command = "zenml", "stack register night -a art -o orch", stdout = TRUE)\n' in fixed
    assert 'processx::run("zenml", c("stack", "update", "night"))\n' in fixed
    assert "shell('pip install \"zenml[server]==0.20.5\"')\n" in fixed
    assert "# TODO(zenml-migrate): ZM950 " in fixed.split("base::system")[0]


def _r_notebook(*cells):
    return json.dumps({
        "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": c} for c in cells],
        "metadata": {"kernelspec": {"display_name": "R", "language": "R", "name": "ir"}, "language_info": {"name": "R"}},
        "nbformat": 4, "nbformat_minor": 5,
    })


def test_r_kernel_notebooks_are_read_and_fixed(tmp_path):
    write_tree(tmp_path, {"report.ipynb": _r_notebook(
        'out <- system("zenml stack register rep -m m1 -a a1 -o o1 && zenml stack set rep", intern = TRUE)\n',
        'system2("zenml", c("profile", "list"))\nsystem2("zenml", c("profile", "set", "reports"))\n',
    )})
    found = [(f["cell"], f["line"], f["code"]) for f in scan_json(tmp_path).json()["findings"]]
    assert found == [(1, 1, "ZM952"), (2, 2, "ZM950")]
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    first, second = ["".join(c["source"]) for c in json.loads((tmp_path / "report.ipynb").read_text())["cells"]]
    assert first == 'out <- system("zenml stack register rep -a a1 -o o1 && zenml stack set rep", intern = TRUE)\n'
    assert second.startswith('system2("zenml", c("profile", "list"))\n# TODO(zenml-migrate): ZM950 ')
