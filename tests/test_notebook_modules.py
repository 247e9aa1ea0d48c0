"""The notebook harness (scripts/notebook_import.py) knows every module of the notebook's
project, so a failure inside a project package the notebook reaches with
``sys.path.insert(0, "..")`` is charged to that package (where ``migrate scan`` reports it),
not to the notebook line that called it. Plain Python: no ZenML, no IPython needed."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import notebook_import  # noqa: E402


from tests.scan_helpers import write_tree as _write  # noqa: E402


def test_a_notebook_below_its_project_top_knows_the_project_packages(tmp_path):
    _write(tmp_path, {
        "proj/pkg/__init__.py": "",
        "proj/pkg/widgets.py": "def table(): ...\n",
        "proj/notebooks/helpers.py": "X = 1\n",
        "proj/notebooks/browse.ipynb": "{}",
    })
    modules = notebook_import.notebook_modules(str(tmp_path / "proj" / "notebooks"), str(tmp_path))
    assert os.path.realpath(modules["pkg.widgets"][0]) == str((tmp_path / "proj/pkg/widgets.py").resolve())
    assert os.path.realpath(modules["helpers"][0]) == str((tmp_path / "proj/notebooks/helpers.py").resolve())
    # the notebook folder's own files are known by the name its sys.path gives them, only
    assert "notebooks.helpers" not in modules


def test_a_notebook_at_its_project_top_knows_its_folder_modules_only(tmp_path):
    _write(tmp_path, {"proj/helpers.py": "X = 1\n", "proj/pkg/__init__.py": "", "other/mod.py": ""})
    modules = notebook_import.notebook_modules(str(tmp_path / "proj"), str(tmp_path))
    assert set(modules) == {"helpers", "pkg"}


class _AsIs:
    """Stands in for IPython's TransformerManager: a cell of plain Python is its own transform."""

    def transform_cell(self, source):
        return source


def test_a_cell_with_a_form_feed_or_a_line_separator_keeps_its_lines(monkeypatch):
    # ``str.splitlines`` breaks at U+2028 and form feeds: the module lost its string's end and
    # the cell's later lines were charged to the line above
    monkeypatch.setattr(notebook_import, "_transformer", lambda: _AsIs())
    cell = 'label = "a\u2028b"\n\x0c\nfrom zenml.gone import X\n'
    nb = {"cells": [{"cell_type": "code", "source": "import os"}, {"cell_type": "code", "source": cell}],
          "metadata": {"kernelspec": {"language": "python"}}, "nbformat": 4}
    text, line_map, bad = notebook_import.notebook_module(nb)
    compile(text, "nb.py", "exec")
    assert bad == []
    assert line_map == [[1, 1], [2, 1], [2, 2], [2, 3]]
    assert text.split("\n")[3] == "from zenml.gone import X"
