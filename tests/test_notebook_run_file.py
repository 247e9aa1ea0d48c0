"""``%run FILE.py`` in a notebook: the kernel runs the file and takes its names in (``-i``: in
the notebook's own namespace), so a 0.13.2 value the file makes is used by the cells after it.
The rules read the line as ``from MODULE import *``; a fix puts the line back as it was. A star
import of a project module also brings the module's functions whose calls give a zenml value."""

import json

from tests.scan_helpers import migrate, scan_json, write_tree
from tests.test_notebooks import notebook

TOOLS = (
    "from zenml.repository import Repository\n\nclient = Repository()\n\n\n"
    "def newest(name):\n    return client.get_pipeline(name).runs[-1]\n"
)


def _found(root, name):
    return sorted((f["cell"], f["line"], f["code"]) for f in scan_json(root).json()["findings"] if f["path"].endswith(name))


def test_names_a_run_file_brings_in_are_read_in_the_cells_after_it(tmp_path):
    write_tree(
        tmp_path,
        {
            "work/tools/runs.py": TOOLS,
            "work/look.ipynb": notebook(
                "%run -i tools/runs.py\n",
                "print(client.active_stack_name)\n",
                "r = newest('training')\nprint(r.get_step('trainer').parents_step_ids)\n",
            ),
        },
    )
    found = _found(tmp_path, "look.ipynb")
    assert (2, 1, "ZM402") in found, found
    assert (3, 2, "ZM306") in found, found
    assert not [f for f in found if f[0] == 1], found  # nothing on the %run line itself
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1), run.out + run.err
    cells = ["".join(c["source"]) for c in json.loads((tmp_path / "work/look.ipynb").read_text())["cells"]]
    assert cells[0] == "%run -i tools/runs.py\n"
    assert "print(client.active_stack_model.name)" in cells[1], cells
    assert "print(r.get_step('trainer')._model.parent_step_ids)" in cells[2], cells
    again = [f for f in scan_json(tmp_path).json()["findings"] if f["path"].endswith("look.ipynb")]
    assert again == [], again


def test_a_run_of_a_file_that_is_no_module_brings_its_names_and_what_is_not_read_is_said(tmp_path):
    """This test asserted ``[]`` before, on the same input: a ``%run`` of a hyphenated file was
    not read, and nothing said that ``$script`` and a missing notebook were not (review27 R7).
    Now the file's names are read (``client``: ZM402) and each line not read gets ZM262."""
    write_tree(
        tmp_path,
        {
            "tools/runs.py": TOOLS,
            "tools/my-runs.py": TOOLS,
            "work/look.ipynb": notebook("%run setup.ipynb\n%run $script\n%run ../tools/my-runs.py\n", "print(client.active_stack_name)\n"),
        },
    )
    assert _found(tmp_path, "look.ipynb") == [(1, 1, "ZM262"), (1, 2, "ZM262"), (2, 1, "ZM402")]


def test_a_run_of_a_file_above_the_notebooks_folder_brings_its_names(tmp_path):
    """``%run ../tools/runs.py`` from ``work/look.ipynb``: Jupyter starts the kernel in the
    notebook's folder, so the file is ``tools/runs.py`` and its ``client`` (a 0.13.2
    ``Repository``) is the cells' (review27 R7: ``'Client' object has no attribute
    'active_stack_name'`` on the real 0.20.5 after a fix that saw nothing). This test asserted
    the opposite before, on the same line: that was the bug. The fix keeps the line, and the
    file's fix keeps the name the notebook uses."""
    write_tree(
        tmp_path,
        {
            "tools/runs.py": TOOLS,
            "work/look.ipynb": notebook('%run "../tools/runs.py"\n', "print(client.active_stack_name)\n"),
            "work/deeper/again.ipynb": notebook("%run -i ./../../tools/runs.py\n", "print(client.active_stack_name)\n"),
        },
    )
    assert _found(tmp_path, "look.ipynb") == [(2, 1, "ZM402")]
    assert _found(tmp_path, "again.ipynb") == [(2, 1, "ZM402")]
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1), run.out + run.err
    cells = ["".join(c["source"]) for c in json.loads((tmp_path / "work/look.ipynb").read_text())["cells"]]
    assert cells == ['%run "../tools/runs.py"\n', "print(client.active_stack_model.name)\n"], cells
    assert "client = " in (tmp_path / "tools/runs.py").read_text()
    assert _found(tmp_path, "look.ipynb") == []


def test_a_star_import_brings_a_function_whose_call_gives_a_zenml_value(tmp_path):
    write_tree(
        tmp_path,
        {
            "kit.py": TOOLS,
            "report.py": "from kit import *\n\nrun = newest('training')\nprint(run.get_step('trainer').parents_step_ids)\n",
        },
    )
    found = [(f["line"], f["code"]) for f in scan_json(tmp_path).json()["findings"] if f["path"].endswith("report.py")]
    assert (4, "ZM306") in found, found
