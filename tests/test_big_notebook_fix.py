"""A notebook is as large as its outputs (a few plots: megabytes of base64); the rewriter's size
limit is about the code LibCST parses. A 4 MB notebook with one plot was refused ("too large for
the rewriter") while `migrate scan` called its findings fixable with --fix."""

import base64
import json

from zenml_migrate.fix.files import MAX_REWRITE_BYTES, fix_bytes
from zenml_migrate.fix.fixer import FixOptions
from zenml_migrate.rules import all_rules
from zenml_migrate.scan.file_scan import FileJob


def _notebook(code_cells, plot_bytes=0):
    cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "source": src, "outputs": []} for src in code_cells]
    if plot_bytes:
        png = base64.b64encode(b"\x89PNG" + b"\x00" * plot_bytes).decode()
        cells.append({"cell_type": "code", "metadata": {}, "execution_count": 2, "source": "plt.plot([1, 2])",
                      "outputs": [{"output_type": "display_data", "metadata": {}, "data": {"image/png": png, "text/plain": ["<Figure>"]}}]})
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}, indent=1).encode()


def test_a_notebook_with_large_outputs_is_rewritten():
    data = _notebook(["from zenml.repository import Repository\nrepo = Repository()\n"], plot_bytes=MAX_REWRITE_BYTES * 2)
    assert len(data) > MAX_REWRITE_BYTES * 2
    out = fix_bytes(FileJob("plots.ipynb", "ipynb"), data, all_rules(), FixOptions())
    assert out.error is None and out.new is not None
    new = json.loads(out.new)
    assert new["cells"][0]["source"] == "from zenml.client import Client\nrepo = Client()\n"  # a string stays a string
    assert new["cells"][1] == json.loads(data)["cells"][1]  # the output is kept as it was


def test_a_notebook_with_too_much_code_is_refused_with_the_size_of_its_code():
    big = "x = '" + "a" * (MAX_REWRITE_BYTES + (MAX_REWRITE_BYTES >> 1)) + "'\n"
    data = _notebook(["from zenml.repository import Repository\nrepo = Repository()\n", big])
    out = fix_bytes(FileJob("code.ipynb", "ipynb"), data, all_rules(), FixOptions())
    assert out.new is None and "too large for the rewriter (3.0 MB, the limit is 2 MB)" in out.error, out.error
