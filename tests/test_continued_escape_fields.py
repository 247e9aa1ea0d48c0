"""The ``{expr}``/``$name`` fields of a ``\\``-continued ``!`` line (surface27's open item): IPython
joins the lines and expands the fields of the whole command in the notebook's namespace, so a
0.13.2 name there fails on 0.20 like one on a one-line escape. Each physical line's fields are
shown to the rules in their own columns (``notebook._expanded``, ``continued``), and the fix
puts the text around them back."""

import json

from tests.scan_helpers import migrate, scan_json, write_tree
from tests.test_notebooks import notebook

SETUP = "from zenml.repository import Repository\nrepo = Repository()\n"
COMMAND = "!zenml stack describe {repo.active_stack_name} \\\n    --name $repo.active_stack_name\n"


def test_the_fields_of_each_continued_line_are_read_and_fixed(tmp_path):
    write_tree(tmp_path, {"nb.ipynb": notebook(SETUP, COMMAND)})
    found = sorted((f["cell"], f["line"], f["column"], f["code"]) for f in scan_json(tmp_path).json()["findings"] if f["cell"] == 2)
    assert (2, 1, 24, "ZM402") in found and (2, 2, 13, "ZM402") in found, found
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1), run.out + run.err
    cells = ["".join(c["source"]) for c in json.loads((tmp_path / "nb.ipynb").read_text())["cells"]]
    assert cells[1].endswith(
        "!zenml stack describe {repo.active_stack_model.name} \\\n    --name $repo.active_stack_model.name\n"), cells[1]
    assert [f for f in scan_json(tmp_path).json()["findings"] if f["code"] == "ZM402"] == []
