"""``%%cython`` cells: Cython compiles the body as a module of its own and imports it (its public
names then land in the notebook's namespace), so a zenml import there runs when the cell runs:
``from zenml.steps import BaseStepConfig`` fails on ZenML 0.20 (checked with the real Cython 3.0
and IPython's run_cell: ImportError on 0.20.5; the fixed cell runs on 0.20.0 and 0.20.5 and
``FastConfig().size`` prints 4, as the original did on 0.13.2). Before, the body was masked:
no finding, nothing fixed."""

import json

from tests.scan_helpers import migrate, notebook_json, scan_json, write_tree



CELLS = (
    "%load_ext Cython",
    "%%cython\nfrom zenml.steps import BaseStepConfig\n\nclass FastConfig(BaseStepConfig):\n    size: int = 4",
    "%%cython --annotate\ncdef int twice(int x):\n    return 2 * x\nfrom zenml.repository import Repository",
)


def test_the_python_body_of_a_cython_cell_is_read_and_fixed_as_a_module_of_its_own(tmp_path):
    write_tree(tmp_path, {"nb.ipynb": notebook_json(*CELLS)})
    found = sorted((f["cell"], f["line"], f["code"]) for f in scan_json(tmp_path).json()["findings"])
    assert (2, 2, "ZM101") in found and (2, 4, "ZM101") in found
    assert not [f for f in found if f[0] == 3], found  # Cython's own syntax: not read (and no ZM001 for it)
    run = migrate(["code", "--fix", "--no-cache", "nb.ipynb"], tmp_path)
    assert run.code in (0, 1), run.out + run.err
    cells = ["".join(c["source"]) for c in json.loads((tmp_path / "nb.ipynb").read_text())["cells"]]
    assert cells[1] == "%%cython\nfrom zenml.steps import BaseParameters\n\nclass FastConfig(BaseParameters):\n    size: int = 4"
    assert cells[0] == CELLS[0] and cells[2] == CELLS[2]
