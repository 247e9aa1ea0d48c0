"""ZM461 in notebooks: the judge runs a notebook's code cells as one module, so a statement
that fails on ZenML 0.20 when the cells run is commented out under a TODO by
``--unsafe-fixes`` as in a ``.py`` module, each commented line staying in its own cell; a help
line (``obj?``: IPython only looks the name up) is never such a statement."""

import json

from tests.scan_helpers import migrate, scan_json, write_tree
from tests.test_notebooks import notebook


def _sources(path):
    return ["".join(c["source"]) for c in json.loads(path.read_text())["cells"]]


def test_a_failing_last_statement_of_a_cell_is_commented_out_in_that_cell(tmp_path):
    write_tree(
        tmp_path,
        {
            "nb.ipynb": notebook(
                "from zenml.repository import Repository\n",
                "!echo hi\nprint(Repository().active_profile_name)\n",
                "print('next cell')\n",
            )
        },
    )
    found = [(f["cell"], f["line"], f["code"], f["fix"]) for f in scan_json(tmp_path).json()["findings"]]
    assert (2, 2, "ZM461", "safe") in found  # a print only shows a value 0.20 lacks: safe (was unsafe before)
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1), (run.out + run.err)
    first, second, third = _sources(tmp_path / "nb.ipynb")
    assert first == "from zenml.client import Client\n"
    assert second.startswith("!echo hi\n# TODO(zenml-migrate): ZM461 ")
    assert second.rstrip("\n").endswith("\n# print(Client().active_profile_name)")
    assert third == "print('next cell')\n"


def test_a_help_line_is_not_a_statement_that_fails(tmp_path):
    write_tree(
        tmp_path,
        {"nb.ipynb": notebook("from zenml.repository import Repository\n", "Repository.get_pipelines?\n", "repo = Repository()\n")},
    )
    assert "ZM461" not in [f["code"] for f in scan_json(tmp_path).json()["findings"]]
    run = migrate(["code", "--fix", "--unsafe-fixes", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1), (run.out + run.err)
    first, second, third = _sources(tmp_path / "nb.ipynb")
    assert (first, third) == ("from zenml.client import Client\n", "repo = Client()\n")
    # no TODO above it either: a help line never fails (``Object not found`` on 0.20), so only a
    # finding whose fix writes the name stays on it (tests/test_notebook_help_lines.py)
    assert second == "Client.get_pipelines?\n"


def test_a_failing_last_statement_stays_in_its_cell_when_empty_cells_follow(tmp_path):
    # an empty cell's marker is the last line of the module: the commented statement went after
    # it, into the empty cell, and the cell lost its last line (held-out notebooks, session 21)
    write_tree(
        tmp_path,
        {
            "nb.ipynb": notebook(
                "from zenml.client import Client\nrepo = Client()\nprint(repo.active_profile_name)",
                "",
                "",
            ),
            "tail.ipynb": notebook("x = 1\n", "from zenml.client import Client\n\nprint(Client().active_profile_name)\n\n# end\n", ""),
        },
    )
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1), (run.out + run.err)
    first, second, third = _sources(tmp_path / "nb.ipynb")
    assert first.startswith("from zenml.client import Client\nrepo = Client()\n# TODO(zenml-migrate): ZM461 ")
    assert first.endswith("\n# print(repo.active_profile_name)")
    assert (second, third) == ("", "")
    cells = _sources(tmp_path / "tail.ipynb")
    assert cells[0] == "x = 1\n" and cells[2] == ""
    assert "# TODO(zenml-migrate): ZM461 " in cells[1]
    assert cells[1].index("# print(Client().active_profile_name)") < cells[1].index("# end")
