"""Notebooks in every format Jupyter opens (``nbformat.read(..., as_version=4)`` upgrades 1-3),
diffs per cell for all of them, their JSON layout kept, and the text of ``%%bash`` cells masked
as shell text in a diff (a credential on a shell line is not Python)."""

import json

from tests.scan_helpers import migrate, scan_json, write_tree

V1 = {
    "nbformat": 1,
    "cells": [
        {"cell_type": "text", "text": "# set-up\n\n```bash\nzenml stack register s -m default -a default -o default\n```\n"},
        {"cell_type": "code", "code": "x = 1\nfrom zenml.repository import Repository", "prompt_number": 1},
    ],
}


def test_an_nbformat_1_notebook_is_read_and_fixed_in_place(tmp_path):
    write_tree(tmp_path, {"v1.ipynb": json.dumps(V1, indent=1)})
    found = [(f["cell"], f["line"], f["code"]) for f in scan_json(tmp_path).json()["findings"]]
    assert found == [(1, 4, "ZM952"), (2, 2, "ZM108")]
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1), (run.out + run.err)
    after = json.loads((tmp_path / "v1.ipynb").read_text())
    assert after["nbformat"] == 1 and [sorted(c) for c in after["cells"]] == [sorted(c) for c in V1["cells"]]
    assert after["cells"][1]["code"] == "x = 1\nfrom zenml.client import Client"
    assert "-m default" not in after["cells"][0]["text"]


def test_an_nbformat_5_notebook_is_still_refused_with_the_reason(tmp_path):
    write_tree(tmp_path, {"v5.ipynb": json.dumps({"nbformat": 5, "cells": []})})
    run = scan_json(tmp_path)
    assert "nbformat 1-4 are read" in (run.out + run.err)


def test_an_nbformat_3_diff_is_shown_per_cell_and_the_compact_json_kept(tmp_path):
    v3 = {
        "nbformat": 3,
        "nbformat_minor": 0,
        "metadata": {"name": ""},
        "worksheets": [
            {
                "cells": [
                    {"cell_type": "heading", "level": 1, "source": "t"},
                    {"cell_type": "code", "language": "python", "input": 'from zenml.repository import Repository\nd = {"k": 1}', "outputs": []},
                ],
                "metadata": {},
            }
        ],
    }
    original = json.dumps(v3, separators=(",", ":"))  # its strings hold '": ' (the cell's dict)
    write_tree(tmp_path, {"v3.ipynb": original})
    diff = migrate(["code", "--no-cache", "v3.ipynb"], tmp_path).out
    assert "(cell 2)" in diff and "-from zenml.repository import Repository" in diff and '"worksheets"' not in diff
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    v3["worksheets"][0]["cells"][1]["input"] = 'from zenml.client import Client\nd = {"k": 1}'
    assert (tmp_path / "v3.ipynb").read_text() == json.dumps(v3, separators=(",", ":"))


def test_a_credential_in_a_bash_cell_is_masked_in_the_diff(tmp_path):
    cell = "%%bash\nzenml secret register s --password=hunter2secret\nzenml stack register s -m default -a default -o default\n"
    nb = {"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": cell}]}
    write_tree(tmp_path, {"nb.ipynb": json.dumps(nb)})
    run = migrate(["code", "--no-cache", "nb.ipynb"], tmp_path)
    assert "zenml stack register s -a default -o default" in (run.out + run.err)
    assert "hunter2secret" not in (run.out + run.err) and "--password=********" in (run.out + run.err)


def _v2(code_lines, markdown_lines):
    """An nbformat 2 notebook as its writer wrote it (``nbformat.v2.writes_json``): sorted keys,
    indent 1, each text split into its lines WITHOUT their ends (the reader joins them with
    newlines)."""
    return {
        "metadata": {"name": "mnist_walkthrough"},
        "nbformat": 2,
        "worksheets": [
            {
                "cells": [
                    {"cell_type": "markdown", "source": markdown_lines},
                    {"cell_type": "code", "collapsed": False, "input": code_lines, "language": "python", "outputs": [], "prompt_number": 3},
                ]
            }
        ],
    }


def test_an_nbformat_2_notebook_is_read_and_written_as_jupyter_reads_and_writes_it(tmp_path):
    code = ["from zenml.repository import Repository", "", "repo = Repository()", "print(repo.get_pipelines())"]
    markdown = ["# Set-up", "```bash", "zenml stack register local -m default -a default -o default", "```"]
    write_tree(tmp_path, {"walk.ipynb": json.dumps(_v2(code, markdown), indent=1, sort_keys=True)})
    found = [(f["cell"], f["line"], f["code"]) for f in scan_json(tmp_path).json()["findings"]]
    assert found == [(1, 3, "ZM952"), (2, 1, "ZM108"), (2, 3, "ZM108"), (2, 4, "ZM302")]  # no ZM001: the lines are lines
    diff = migrate(["code", "--no-cache", "walk.ipynb"], tmp_path).out
    assert "(cell 2)" in diff and "-repo = Repository()" in diff and "+repo = Client()" in diff
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1), (run.out + run.err)
    fixed_code = [
        "from zenml.client import Client",
        "from zenml.post_execution import get_pipelines",
        "",
        "repo = Client()",
        "print(get_pipelines())",
    ]
    after = (tmp_path / "walk.ipynb").read_text()
    cells = json.loads(after)["worksheets"][0]["cells"]
    assert cells[1]["input"] == fixed_code
    assert "-m default" not in "\n".join(cells[0]["source"]) and all("\n" not in line for line in cells[0]["source"])
    assert after == json.dumps(_v2(fixed_code, cells[0]["source"]), indent=1, sort_keys=True)
    assert scan_json(tmp_path).json()["findings"] == []
