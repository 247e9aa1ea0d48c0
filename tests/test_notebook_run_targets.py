"""``%run FILE`` in a notebook is read by the file it names (review27 R7 rest and P13):
relative to the notebook's folder (the kernel's working directory), any file name IPython
accepts (a hyphen, blanks in quotes, no ``.py``), a notebook (its cells run in the caller's
namespace), and never another file whose module name ends the same way. What cannot be read
gets ZM262 instead of silence."""

import ast
import json

from tests.scan_helpers import migrate, scan_json, write_tree
from tests.test_notebooks import notebook

SETUP = "from zenml.repository import Repository\n\nrepo = Repository()\n"
PLAIN = "repo = None\n"
USE = "print(repo.active_stack_name)\n"


def _found(root, name):
    return sorted((f["cell"], f["line"], f["code"]) for f in scan_json(root).json()["findings"] if f["path"].endswith(name))


def _cells(path):
    return ["".join(c["source"]) for c in json.loads(path.read_text())["cells"]]


def test_a_run_file_with_a_hyphen_or_blanks_or_no_suffix_brings_its_names(tmp_path):
    write_tree(
        tmp_path,
        {
            "scripts/my-helpers.py": SETUP,
            "scripts/setup stack.py": SETUP,
            "scripts/setup_noext.py": SETUP,
            "hyphen.ipynb": notebook("%run scripts/my-helpers.py\n", USE),
            "blanks.ipynb": notebook('%run -i "scripts/setup stack.py" --flag\n', USE),
            "noext.ipynb": notebook("%run -n scripts/setup_noext\n", USE),
        },
    )
    for name in ("hyphen.ipynb", "blanks.ipynb", "noext.ipynb"):
        assert _found(tmp_path, name) == [(2, 1, "ZM402")], name
    run = migrate(["code", "--fix", "--unsafe-fixes", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1), run.out + run.err
    assert _cells(tmp_path / "hyphen.ipynb") == ["%run scripts/my-helpers.py\n", "print(repo.active_stack_model.name)\n"]
    assert _found(tmp_path, "hyphen.ipynb") == []


def test_a_run_file_is_the_file_at_its_path_not_a_module_named_like_it(tmp_path):
    """P13: ``../tools/runs.py`` was matched as a module ``runs`` anywhere: with two ``runs.py``
    the names were dropped (ambiguous) or could be the wrong file's."""
    write_tree(
        tmp_path,
        {
            "tools/runs.py": SETUP,
            "other/runs.py": PLAIN,
            "work/look.ipynb": notebook("%run ../tools/runs.py\n", USE),
            "work/plain.ipynb": notebook("%run ../other/runs.py\n", "import zenml\n" + USE),
        },
    )
    assert _found(tmp_path, "look.ipynb") == [(2, 2 - 1, "ZM402")]
    assert _found(tmp_path, "plain.ipynb") == []


def test_a_run_notebook_runs_its_cells_in_the_callers_namespace(tmp_path):
    write_tree(
        tmp_path,
        {
            "nbs/setup.ipynb": notebook(SETUP),
            "nbs/main.ipynb": notebook("%run ./setup.ipynb\n", USE),
        },
    )
    assert _found(tmp_path, "main.ipynb") == [(2, 1, "ZM402")]
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1), run.out + run.err
    assert _cells(tmp_path / "nbs/main.ipynb") == ["%run ./setup.ipynb\n", "print(repo.active_stack_model.name)\n"]
    assert _found(tmp_path, "main.ipynb") == []


def test_a_hyphenated_run_file_keeps_the_name_the_notebook_uses(tmp_path):
    """The file's fix keeps ``Repository`` bound (``Client as Repository``) when the notebook
    uses it, as for ``%run tools.py`` (tests/test_run_file_names_kept.py)."""
    write_tree(
        tmp_path,
        {
            "my-tools.py": "from zenml.repository import Repository\n\nprint(Repository)\n",
            "explore.ipynb": notebook("%run my-tools.py\n", "client = Repository()\nprint(type(client).__name__)\n"),
        },
    )
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1), run.out + run.err
    tree = ast.parse((tmp_path / "my-tools.py").read_text())
    bound = {(n.module, a.name, a.asname) for n in tree.body if isinstance(n, ast.ImportFrom) for a in n.names}
    assert ("zenml.client", "Client", "Repository") in bound, bound


def test_what_a_run_line_runs_that_the_scan_cannot_read_gets_zm261(tmp_path):
    write_tree(
        tmp_path,
        {
            "look.ipynb": notebook("%run $script\n%run missing.py\n%run -m tools.report\n%run {name}\n", "import zenml\n"),
        },
    )
    found = scan_json(tmp_path).json()["findings"]
    got = sorted((f["cell"], f["line"], f["code"]) for f in found)
    assert got == [(1, 1, "ZM262"), (1, 2, "ZM262"), (1, 4, "ZM262")], got
    assert "`missing.py`: no such file" in " ".join(f["message"] for f in found)
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1), run.out + run.err
    cell = _cells(tmp_path / "look.ipynb")[0]
    assert cell.count("TODO(zenml-migrate): ZM262") == 3, cell
    assert "%run $script\n" in cell and "%run missing.py\n" in cell


def test_a_databricks_run_cell_runs_the_other_notebook_in_the_callers_context(tmp_path):
    """A Databricks notebook source file keeps a ``%run ./setup`` cell as ``# MAGIC %run ./setup``;
    Databricks runs ``setup`` (``setup.py`` in that format) in the caller's context."""
    head = "# Databricks notebook source\n"
    write_tree(
        tmp_path,
        {
            "setup.py": head + SETUP,
            "main.py": head + "# MAGIC %run ./setup\n\n# COMMAND ----------\n\n" + USE,
        },
    )
    found = [(f["line"], f["code"]) for f in scan_json(tmp_path).json()["findings"] if f["path"].endswith("main.py")]
    assert found == [(6, "ZM402")], found
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1), run.out + run.err
    assert (tmp_path / "main.py").read_text() == head + "# MAGIC %run ./setup\n\n# COMMAND ----------\n\nprint(repo.active_stack_model.name)\n"


def test_a_run_file_a_writefile_cell_of_the_notebook_writes_brings_its_names(tmp_path):
    """``%%writefile run.py`` then ``%run run.py``: the file is not on disk before the notebook
    runs; its names are the cell's module's (heldout116 writefile/build_and_run.ipynb)."""
    write_tree(
        tmp_path,
        {"nb.ipynb": notebook("%%writefile run.py\n" + SETUP, "%run run.py\n", USE)},
    )
    assert _found(tmp_path, "nb.ipynb") == [(1, 2, "ZM108"), (1, 4, "ZM108"), (3, 1, "ZM402")]
