"""line_profiler's ``%lprun -f FUNC [-f FUNC2] [options] STMT``: every FUNC is a Python
expression the kernel evaluates and STMT a statement it runs, so a 0.13.2 name in either fails on
ZenML 0.20. The rules read FUNC and STMT in their own columns; a fix renames in both and keeps the
magic and its options; a second fix changes nothing."""

from tests.scan_helpers import migrate, scan_json, write_tree
from tests.test_notebooks import cell_sources, notebook

CELLS = (
    "from zenml.repository import Repository\n",
    "def runs(name):\n    return Repository().get_pipeline(name).runs\n",
    "%lprun -f runs -s -f Repository runs('training')\n",
    "%lprun -u 1e-3 -f runs Repository().active_stack_name\n",
)


def test_the_functions_and_the_statement_of_an_lprun_line_are_read(tmp_path):
    write_tree(tmp_path, {"prof.ipynb": notebook(*CELLS)})
    found = [(f["cell"], f["line"], f["column"], f["code"]) for f in scan_json(tmp_path).json()["findings"]]
    assert (3, 1, 22, "ZM108") in found  # -f Repository
    assert (4, 1, 24, "ZM108") in found and (4, 1, 24, "ZM402") in found  # the statement


def test_a_fix_renames_in_the_functions_and_the_statement_and_keeps_the_options(tmp_path):
    write_tree(tmp_path, {"prof.ipynb": notebook(*CELLS)})
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    fixed = cell_sources(tmp_path / "prof.ipynb")
    assert fixed[2] == "%lprun -f runs -s -f Client runs('training')\n"
    assert fixed[3] == "%lprun -u 1e-3 -f runs Client().active_stack_model.name\n"
    again = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert cell_sources(tmp_path / "prof.ipynb") == fixed
    assert "nothing to rewrite" in again.out + again.err
