"""Jupyter notebooks: code cells are scanned, findings point at cell and line; magics,
markdown and raw cells are skipped; suppressions work per cell line and per notebook."""

import json

from tests.scan_helpers import migrate, scan_json, write_tree


def notebook(*cells):
    out = []
    for cell in cells:
        kind, source = cell if isinstance(cell, tuple) else ("code", cell)
        out.append({"cell_type": kind, "metadata": {}, "source": source.splitlines(keepends=True)})
    return json.dumps({"cells": out, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def cell_sources(path):
    """The source of each cell of the notebook at ``path``, as one string."""
    return ["".join(c["source"]) for c in json.loads(path.read_text())["cells"]]


def cells(run):
    return [(f["cell"], f["line"], f["column"], f["code"]) for f in run.json()["findings"] if f["code"] != "ZM001"]


def test_findings_point_at_cell_and_line(tmp_path):
    write_tree(
        tmp_path,
        {
            "nb.ipynb": notebook(
                ("markdown", "# Repository() in markdown is not code\n"),
                "%matplotlib inline\n!pip install zenml==0.13.2\nfrom zenml.repository import Repository\n",
                ("raw", "Repository()\n"),
                "import os\n\nrepo = Repository()\npipe = repo.get_pipeline('p')\n",
            )
        },
    )
    run = scan_json(tmp_path)
    assert run.code == 1
    assert cells(run) == [(2, 2, 14, "ZM970"), (2, 3, 30, "ZM108"), (4, 3, 8, "ZM108"), (4, 4, 8, "ZM301")]  # ZM970: the pin


def test_names_flow_between_cells(tmp_path):
    write_tree(tmp_path, {"nb.ipynb": notebook("from zenml.steps import step\n", "@step(custom_step_operator='x')\ndef s():\n    pass\n")})
    assert cells(scan_json(tmp_path)) == [(2, 1, 7, "ZM201")]


def test_line_suppression_in_a_cell(tmp_path):
    write_tree(
        tmp_path,
        {"nb.ipynb": notebook("from zenml.repository import Repository  # migrate: ignore[ZM108]\n", "Repository()\n")},
    )
    assert cells(scan_json(tmp_path)) == [(2, 1, 1, "ZM108")]


def test_file_suppression_from_any_cell(tmp_path):
    write_tree(
        tmp_path,
        {
            "nb.ipynb": notebook(
                "from zenml.repository import Repository\n",
                "# migrate: ignore-file[ZM108]\nRepository().get_pipeline('p')\n",
            )
        },
    )
    assert cells(scan_json(tmp_path)) == [(2, 2, 1, "ZM301")]


def test_notebook_source_as_one_string(tmp_path):
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "source": "x = 1\nfrom zenml.repository import Repository\n"}], "nbformat": 4}
    write_tree(tmp_path, {"nb.ipynb": json.dumps(nb)})
    assert cells(scan_json(tmp_path)) == [(1, 2, 30, "ZM108")]


def test_notebook_without_zenml_is_not_parsed(tmp_path):
    write_tree(tmp_path, {"nb.ipynb": notebook("print 'python 2'\n")})
    run = scan_json(tmp_path)
    assert run.code == 0 and run.json()["findings"] == []


def test_syntax_error_in_a_cell_names_the_cell(tmp_path):
    write_tree(tmp_path, {"nb.ipynb": notebook("import zenml\n", "x = 1\nprint 'x'\n")})
    run = scan_json(tmp_path)
    assert run.code == 2
    [d] = run.json()["findings"]
    assert d["code"] == "ZM001" and d["cell"] == 2 and d["line"] == 2 and d["message"].startswith("cannot parse")
    concise = migrate(["scan", "--no-cache", "--format", "concise"], tmp_path).out
    # the cell named once, in the place (the column is the parser's: 1 on Python 3.10+, 7 on 3.9)
    assert concise.startswith(f"nb.ipynb:cell 2:2:{d['column']}: ZM001 cannot parse: ")
    assert concise.splitlines()[0].count("cell 2") == 1


def test_notebook_on_stdin(tmp_path):
    data = notebook("from zenml.repository import Repository\n").encode()
    run = migrate(["scan", "--no-cache", "--format", "json", "--stdin-filename", "x.ipynb", "-"], tmp_path, input=data)
    assert [(f["path"], f["cell"], f["line"]) for f in run.json()["findings"]] == [("x.ipynb", 1, 1)]


def _nbformat3(*cells):
    """An IPython 2 era notebook: cells in worksheets, a code cell's text in ``input``."""
    sheet = [
        {"cell_type": "code", "collapsed": False, "input": source.splitlines(keepends=True), "language": "python", "metadata": {}, "outputs": []}
        if kind == "code"
        else {"cell_type": kind, "metadata": {}, "source": source}
        for kind, source in cells
    ]
    return json.dumps({"metadata": {"name": "old"}, "nbformat": 3, "nbformat_minor": 0, "worksheets": [{"cells": sheet, "metadata": {}}]}, indent=1)


def test_nbformat_3_notebook_is_scanned_and_fixed_in_its_own_shape(tmp_path):
    """Jupyter opens nbformat 2/3 notebooks: they are read (cells across worksheets, code in
    ``input``) and a fix writes back into ``input`` without upgrading the file."""
    write_tree(
        tmp_path,
        {"old.ipynb": _nbformat3(("markdown", "# Title\n"), ("code", "from zenml.repository import Repository\n"), ("code", "!zenml stack set s --global\nrepo = Repository()\n"))},
    )
    run = scan_json(tmp_path)
    assert [(f["cell"], f["line"], f["code"]) for f in run.json()["findings"]] == [(2, 1, "ZM108"), (3, 1, "ZM950"), (3, 2, "ZM108")]
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    nb = json.loads((tmp_path / "old.ipynb").read_text())
    assert nb["nbformat"] == 3 and "cells" not in nb
    code = ["".join(c["input"]) for c in nb["worksheets"][0]["cells"] if c["cell_type"] == "code"]
    assert code[0] == "from zenml.client import Client\n" and "repo = Client()" in code[1]
    assert all("source" not in c for c in nb["worksheets"][0]["cells"] if c["cell_type"] == "code")


def test_help_on_any_statement_is_read_as_ipython_does(tmp_path):
    """IPython turns a statement ending in ``name?`` into help on the name (the statement is
    not run): no cell of this kind is skipped as a syntax error."""
    write_tree(tmp_path, {"nb.ipynb": notebook("from zenml.repository import Repository\nx = Repository??\nRepository().get_pipelines?\nlst[0]?\nimport zenml\nzenml.*?\n")})
    run = scan_json(tmp_path)
    assert not [f for f in run.json()["findings"] if f["code"] == "ZM001"]
