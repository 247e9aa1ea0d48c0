"""A cell saved on Windows keeps CRLF line breaks inside its source (one string or a list of
lines): a line a fix adds to it (an import) gets the same CRLF break, not a bare LF."""

import json

from tests.scan_helpers import migrate, write_tree


def _nb(*sources):
    cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": s} for s in sources]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 4})


def _breaks(text):
    lf = text.count("\n")
    return lf - text.count("\r\n"), text.count("\r\n")


def test_a_line_a_fix_adds_to_a_crlf_cell_ends_in_crlf(tmp_path):
    first = "import json\r\nfrom zenml.repository import Repository\r\nclient = Repository()\r\n"
    later = "pipe = client.get_pipeline('training')\r\nprint(json.dumps(pipe.name))"
    write_tree(
        tmp_path,
        {
            "one_string.ipynb": _nb(first, later),
            "lines.ipynb": _nb(first.splitlines(keepends=True), later.splitlines(keepends=True)),
        },
    )
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1), run.out + run.err
    for name in ("one_string.ipynb", "lines.ipynb"):
        cells = ["".join(c["source"]) for c in json.loads((tmp_path / name).read_text())["cells"]]
        assert "from zenml.post_execution import get_pipeline" in cells[0], cells
        assert "from zenml.client import Client" in cells[0], cells
        for cell in cells:
            lone_lf, crlf = _breaks(cell)
            assert lone_lf == 0 and crlf > 0, (name, cell)


def test_an_lf_cell_gets_no_cr(tmp_path):
    write_tree(tmp_path, {"nb.ipynb": _nb("from zenml.repository import Repository\nclient = Repository()\n", "client.get_pipeline('t')")})
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1), run.out + run.err
    cells = ["".join(c["source"]) for c in json.loads((tmp_path / "nb.ipynb").read_text())["cells"]]
    assert "from zenml.post_execution import get_pipeline" in cells[0] and "\r" not in "".join(cells)
