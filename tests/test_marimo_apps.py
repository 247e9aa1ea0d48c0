"""marimo apps: marimo runs the bodies of the ``@app.cell`` functions in one namespace, a name
one cell defines read by the cells that use it (their parameters and ``return`` tuples only name
them). The rules read the cells as one module: a 0.13.2 object passed from cell to cell is found
where it is used; nothing is reported on a signature or a final ``return``; no finding in a cell
has a fix (a rename in one cell would leave the others' parameters and uses): TODO lines only."""

import ast

from tests.scan_helpers import migrate, scan_json, write_tree

APP = '''import marimo

app = marimo.App()


@app.cell
def __():
    from zenml.repository import Repository
    return Repository,


@app.cell
def __(Repository):
    repo = Repository()
    name = repo.active_stack_name
    return name, repo


@app.cell
def __(repo):
    runs = repo.get_pipeline(pipeline_name="training").runs
    return runs,


if __name__ == "__main__":
    app.run()
'''


def test_a_zenml_object_passed_between_cells_is_found_where_it_is_used(tmp_path):
    write_tree(tmp_path, {"explore.py": APP})
    found = [(f["line"], f["code"], f["fix"]) for f in scan_json(tmp_path).json()["findings"]]
    assert (15, "ZM402", None) in found  # ``repo`` made in this cell from a parameter
    assert (21, "ZM301", None) in found  # ``repo`` a parameter
    assert all(fix is None for _, _, fix in found)
    assert not [line for line, _, _ in found if line in (9, 13, 16, 20, 22)]  # signatures, returns


def test_the_fix_writes_todo_lines_in_the_cells_and_a_second_run_changes_nothing(tmp_path):
    write_tree(tmp_path, {"explore.py": APP})
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    fixed = (tmp_path / "explore.py").read_text()
    ast.parse(fixed)
    assert "    # TODO(zenml-migrate): ZM402 " in fixed and "def __(Repository):\n" in fixed
    assert [l for l in fixed.splitlines() if "TODO" not in l] == APP.splitlines()
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert (tmp_path / "explore.py").read_text() == fixed


def test_a_cell_decorator_of_another_app_is_no_marimo_cell(tmp_path):
    other = APP.replace("import marimo\n", "import mylib as marimo_like\n").replace("marimo.App()", "marimo_like.App()")
    write_tree(tmp_path, {"explore.py": other})
    found = [(f["line"], f["code"]) for f in scan_json(tmp_path).json()["findings"]]
    assert (15, "ZM402") not in found


# what ``marimo convert`` (marimo 0.25) writes for a notebook: ``def _(...)``, ``return (a,)``,
# an async cell
CONVERTED = '''import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    from zenml.steps import BaseStepConfig

    return (BaseStepConfig,)


@app.cell
def _(BaseStepConfig):
    class Cfg(BaseStepConfig):
        lr: float = 0.1
    return (Cfg,)


@app.cell
async def _():
    async def f():
        return 1
    await f()
    return


if __name__ == "__main__":
    app.run()
'''


def test_a_cell_is_no_statement_run_at_import(tmp_path):
    """The cells run when the app runs, not when the module is imported: no finding says the
    module fails at import, and none offers to comment a cell out (before: ZM461 on each cell's
    ``def`` line, fixable with --unsafe-fixes by commenting the whole cell out)."""
    write_tree(tmp_path, {"app.py": CONVERTED})
    found = scan_json(tmp_path).json()["findings"]
    assert [(f["line"], f["code"]) for f in found] == [(10, "ZM101"), (17, "ZM101")]
    assert all(f["fix"] is None for f in found)
