"""The notebook of tests/test_run_file_names_kept.py runs on the real ZenML: every cell on 0.13.2 as
written and, after ``migrate code --fix``, on 0.20.5 (before: ``Repository()`` in the notebook was a
NameError there, the fix of ``tools.py`` having dropped the name)."""

import pytest

from tests.test_notebooks_real_zenml import run_notebooks
from tests.test_run_file_names_kept import fix, project

pytestmark = pytest.mark.real_zenml


@pytest.mark.parametrize("version", ["0.13.2", "0.20.5"])
def test_the_notebook_runs_every_cell(tmp_path, version):
    root = project(tmp_path / "proj")
    if version != "0.13.2":
        fix(root)
    jobs = [{"notebook": str(root / "explore.ipynb"), "cwd": str(root), "config": str(tmp_path / "config")}]
    records = run_notebooks(version, tmp_path, "side", jobs)[str(root / "explore.ipynb")]
    assert [r["success"] for r in records] == [True, True], records
    assert "Client" in records[1]["stdout"] if version != "0.13.2" else "Repository" in records[1]["stdout"]
    assert "stack: default" in records[1]["stdout"], records
