"""A SoS notebook (one Jupyter notebook, a kernel per cell: ``metadata.kernel`` of each cell,
``metadata.sos.kernels`` lists them): its Python kernel's cells are read as IPython reads them,
its shell kernel's cells as shell text, the cells of SoS itself and of other kernels not at all."""

import json

from tests.scan_helpers import migrate, scan_json, write_tree

SOS_META = {
    "kernelspec": {"display_name": "SoS", "language": "sos", "name": "sos"},
    "language_info": {"name": "sos", "file_extension": ".sos"},
    "sos": {"kernels": [["Bash", "bash", "bash", "", "shell"], ["Python 3 (ipykernel)", "python3", "python3", "", {"name": "ipython", "version": 3}],
                        ["R", "ir", "R", "#DCDCDA", "r"], ["SoS", "sos", "", "", "sos"]]},
}


def _nb(*cells):
    out = [{"cell_type": "code", "execution_count": None, "outputs": [], "metadata": {"kernel": k}, "source": s} for k, s in cells]
    return json.dumps({"cells": out, "metadata": SOS_META, "nbformat": 4, "nbformat_minor": 4})


def test_each_cell_is_read_in_the_language_of_its_kernel(tmp_path):
    write_tree(
        tmp_path,
        {
            "poly.ipynb": _nb(
                ("Python 3 (ipykernel)", "from zenml.steps import BaseStepConfig\n\nclass C(BaseStepConfig):\n    k: int = 1\n"),
                ("Bash", "echo start\nzenml stack register s1 -m default -a default -o default\n"),
                ("R", "library(dplyr)\nx <- 1\n"),
                ("SoS", "%get C --from 'Python 3 (ipykernel)'\nfrom zenml.repository import Repository\n"),
            )
        },
    )
    found = sorted((f["cell"], f["line"], f["code"]) for f in scan_json(tmp_path).json()["findings"])
    assert (1, 1, "ZM101") in found, found
    assert any(c == 2 and line == 2 and code.startswith("ZM95") for c, line, code in found), found
    assert not [f for f in found if f[0] in (3, 4) or f[2] == "ZM001"], found
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1), run.out + run.err
    cells = ["".join(c["source"]) for c in json.loads((tmp_path / "poly.ipynb").read_text())["cells"]]
    assert cells[0].startswith("from zenml.steps import BaseParameters") and "class C(BaseParameters)" in cells[0], cells
    assert cells[2] == "library(dplyr)\nx <- 1\n" and cells[3].endswith("from zenml.repository import Repository\n")
