"""A jupytext ``.py`` notebook keeps IPython's magics as comments (``# %time STMT``); jupytext
takes the ``# `` off when the file is opened as a notebook, and the kernel runs the line. The
statement of such a Python line magic is read (on its own, as a ``run_line_magic`` string is):
its findings point into the comment, with a TODO line and no fix. A ``# %%`` script without
jupytext's front matter (VS Code, Spyder) keeps the line as a comment: nothing there."""

import ast

from tests.scan_helpers import migrate, scan_json, write_tree

HEADER = """# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---
"""
BODY = """
# %%
# %time from zenml.steps import BaseStepConfig
# %timeit -n 3 x = 1
x = 1

# %% language="bash"
# # %time from zenml.steps import BaseStepConfig
"""


def test_the_statement_of_a_commented_magic_is_read_in_a_jupytext_notebook(tmp_path):
    write_tree(tmp_path, {"nb.py": HEADER + BODY})
    found = [(f["line"], f["column"], f["code"], f["fix"]) for f in scan_json(tmp_path).json()["findings"]]
    line = HEADER.count("\n") + 3
    assert found == [(line, len("# %time from zenml.steps import ") + 1, "ZM101", None)]
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    fixed = (tmp_path / "nb.py").read_text()
    ast.parse(fixed)
    assert "# TODO(zenml-migrate): ZM101 " in fixed.splitlines()[line - 1]
    assert fixed.splitlines()[line] == "# %time from zenml.steps import BaseStepConfig"
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert (tmp_path / "nb.py").read_text() == fixed


def test_a_script_of_cells_without_jupytext_keeps_the_line_a_comment(tmp_path):
    write_tree(tmp_path, {"nb.py": BODY})
    assert [f for f in scan_json(tmp_path).json()["findings"] if f["code"] == "ZM101"] == []
