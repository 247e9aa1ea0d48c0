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


def test_a_notebook_with_too_much_code_says_the_size_of_its_code():
    """Findings in a notebook with more code than the rewriter takes have no fix and say so with
    the size of its code (it was an error after the scan had called them fixable)."""
    big = "x = '" + "a" * (MAX_REWRITE_BYTES + (MAX_REWRITE_BYTES >> 1)) + "'\n"
    data = _notebook(["from zenml.repository import Repository\nrepo = Repository()\n", big])
    out = fix_bytes(FileJob("code.ipynb", "ipynb"), data, all_rules(), FixOptions())
    assert out.error is None and not out.applied and out.remaining, out.error
    assert all(f.fix is None and "too large for the rewriter: 3.0 MB of code, the limit is 2 MB" in f.message for f in out.remaining)
    cells = json.loads(out.new)["cells"]
    assert cells[0]["source"].startswith("# TODO(zenml-migrate): ZM108") and cells[1] == json.loads(data)["cells"][1]


def test_the_scan_says_what_the_fix_does_of_a_notebook_by_the_size_of_its_code():
    from zenml_migrate.scan.detect import rule_index
    from zenml_migrate.scan.file_scan import ScanContext, scan_bytes

    ctx = ScanContext(rule_index(all_rules()))
    plots = scan_bytes(FileJob("plots.ipynb", "ipynb"), _notebook(["from zenml.repository import Repository\n"], plot_bytes=MAX_REWRITE_BYTES * 2), ctx)
    assert plots.findings and all(f.fix == "safe" for f in plots.findings)  # outputs do not count
    big = "x = '" + "a" * (MAX_REWRITE_BYTES + (MAX_REWRITE_BYTES >> 1)) + "'\n"
    code = scan_bytes(FileJob("code.ipynb", "ipynb"), _notebook(["from zenml.repository import Repository\n", big]), ctx)
    assert code.findings and all(f.fix is None and "too large for the rewriter: 3.0 MB of code" in f.message for f in code.findings)
