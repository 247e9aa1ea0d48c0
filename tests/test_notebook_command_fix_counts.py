"""A notebook whose only findings are in shell lines (``!zenml ...``, ``%%bash``) and are fixed is
reported as fixed (it said "updated (stale TODO lines removed)" or "marked (TODO lines only)": the
Python part's empty ``applied`` counter was the same object as its ``elsewhere`` one, so the
command fixes counted as another file's)."""

import json

from zenml_migrate.fix.files import fix_bytes
from zenml_migrate.fix.result import FixOptions
from zenml_migrate.rules import all_rules
from zenml_migrate.scan.file_scan import FileJob


def _notebook(*cells):
    return json.dumps({
        "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": c} for c in cells],
        "metadata": {"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}},
        "nbformat": 4, "nbformat_minor": 4,
    }).encode()


def test_shell_only_notebook_counts_its_fixes():
    data = _notebook("x = 1\n", "!zenml stack register s -m md -a a -o o\n", "%%bash\nzenml profile get\n")
    out = fix_bytes(FileJob("nb/setup.ipynb", "ipynb", "setup"), data, all_rules(), FixOptions())
    assert out.error is None and out.changed
    assert out.applied == {"ZM952": 1} and not out.elsewhere
    assert out.rewritten
    assert [f.code for f in out.remaining] == ["ZM950"]
