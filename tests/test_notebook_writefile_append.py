"""``%%writefile -a x.py`` (``--append``) adds to the file earlier ``%%writefile x.py`` cells
wrote: the appended part uses their imports. It is read after them, so a 0.13.2 name imported
in the first part is found where the appended part uses it; then no part of the file gets a
fix (a rename of the first part alone would leave the appended part failing with a NameError):
TODO lines in each."""

from tests.scan_helpers import migrate, scan_json, write_tree
from tests.test_notebooks import cell_sources, notebook


def test_the_appended_part_is_read_after_the_parts_before_it(tmp_path):
    cells = (
        "%%writefile pipes.py\nfrom zenml.steps import BaseStepConfig, step\n",
        "%%writefile --append pipes.py\n\nclass Settings(BaseStepConfig):\n    rows: int = 10\n",
        "%%writefile -a other.py\nclass Other(BaseStepConfig):\n    pass\n",
    )
    write_tree(tmp_path, {"build.ipynb": notebook(*cells)})
    found = [(f["cell"], f["line"], f["code"], f["fix"]) for f in scan_json(tmp_path).json()["findings"]]
    assert found == [(1, 2, "ZM101", None), (2, 3, "ZM101", None)]
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    first, second, third = cell_sources(tmp_path / "build.ipynb")
    assert first.endswith("fix the parts together)\nfrom zenml.steps import BaseStepConfig, step\n")
    assert second.startswith("%%writefile --append pipes.py\n\n# TODO(zenml-migrate): ZM101 ")
    assert second.endswith("fix the parts together)\nclass Settings(BaseStepConfig):\n    rows: int = 10\n")
    assert third == cells[2]
