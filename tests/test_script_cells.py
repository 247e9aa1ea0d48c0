"""A Python script kept as cells (``# %%`` markers: VS Code's interactive window, Spyder,
PyCharm, jupytext "percent"; ``# <codecell>`` of IPython 1's ``.py`` notebooks) whose cells
hold IPython syntax (``!zenml ...``, ``%load_ext``): Python rejects the file, the editor's
IPython kernel runs each cell. Such a file is read cell by cell as IPython reads a cell (the
scan said "cannot parse ... file skipped" of it); a script of cells that is valid Python is
still read as a Python module."""

from zenml_migrate.api import scan_source

from tests.scan_helpers import fix_as_scanned

SPYDER = (
    "# -*- coding: utf-8 -*-\n"  # 1
    '"""Spyder cells"""\n'  # 2
    "# %% set-up\n"  # 3
    "%matplotlib inline\n"  # 4
    "!zenml metadata-store register meta --flavor sqlite\n"  # 5
    "\n"
    "# %% [markdown]\n"  # 7
    "# !zenml profile create not_run\n"  # 8: markdown text
    "# %%\n"  # 9
    "from zenml.repository import Repository\n"  # 10
    "client = Repository()\n"  # 11
    "client.active_profile_name?\n"  # 12
    "# %%\n"  # 13
    "print(client.active_stack_name)\n"  # 14: a name from an earlier cell
)

CODECELL = (
    "# <nbformat>3.0</nbformat>\n"
    "# <codecell>\n"  # 2
    "%env ZENML_DEBUG=1\n"  # 3
    "from zenml.steps import BaseStepConfig\n"  # 4
    "# <markdowncell>\n"  # 5
    "# from zenml.steps import BaseStepConfig\n"  # 6
    "# <codecell>\n"  # 7
    "class Cfg(BaseStepConfig):\n"  # 8
    "    n: int = 1\n"
)


def _found(text, name):
    return sorted({(f.code, f.span.line, f.span.column) for f in scan_source(text, name, with_diagnostics=True)})


def test_a_script_of_cells_with_ipython_lines_is_read_cell_by_cell():
    found = _found(SPYDER, "scratch/explore.py")
    assert not [f for f in found if f[0] == "ZM001"]
    lines = {line for _, line, _ in found}
    assert {5, 10, 11, 14} <= lines  # the shell line's command, the import, its uses (names flow between cells)
    assert 8 not in lines  # a markdown cell is text
    assert ("ZM108", 10, 30) in found and ("ZM402", 14, 7) in found


def test_ipython_1_codecell_markers_and_crlf_with_a_bom():
    text = "\ufeff" + CODECELL.replace("\n", "\r\n")
    found = _found(text, "legacy/nb.py")
    assert not [f for f in found if f[0] == "ZM001"]
    assert {(4, "ZM101"), (8, "ZM101")} <= {(line, code) for code, line, _ in found}
    assert 6 not in {line for _, line, _ in found}


def test_fix_rewrites_the_cells_in_place_and_keeps_the_ipython_lines():
    fixed = fix_as_scanned("scratch/explore.py", "py", SPYDER.encode())
    assert fixed.error is None
    out = fixed.new.decode()
    assert "%matplotlib inline\n" in out and "# %% [markdown]\n# !zenml profile create not_run\n" in out
    assert "from zenml.client import Client\nclient = Client()\n" in out
    assert "print(client.active_stack_model.name)" in out
    assert not [f for f in scan_source(out, "scratch/explore.py", with_diagnostics=True) if f.fix == "safe" or f.code == "ZM001"]


def test_a_bom_file_of_cells_keeps_its_bom_and_line_ends_after_the_fix():
    fixed = fix_as_scanned("legacy/nb.py", "py", ("\ufeff" + CODECELL.replace("\n", "\r\n")).encode())
    assert fixed.error is None and fixed.new.startswith(b"\xef\xbb\xbf# <nbformat>")
    assert b"BaseParameters" in fixed.new and b"%env ZENML_DEBUG=1\r\n" in fixed.new


def test_a_script_of_cells_that_is_python_stays_a_python_module():
    text = "# %%\nfrom zenml.repository import Repository\n# %%\nx = (\n    Repository()\n)\n"
    found = _found(text, "a.py")
    assert ("ZM108", 5, 5) in found  # a statement over two lines: read as one module, no cell split
    broken = "# no markers\n!zenml profile list\n"
    assert [f[0] for f in _found(broken, "b.py")] == ["ZM001"]  # without markers it is no script of cells


def test_a_cell_python_rejects_is_one_unparsed_cell_and_the_file_still_counts_as_scanned(tmp_path):
    """Its other cells were read (their findings are listed): the summary says one notebook cell
    could not be parsed, not that the file could not be scanned ("0 of 1 file scanned"), with
    or without the cache."""
    from tests.scan_helpers import migrate, write_tree

    write_tree(tmp_path, {"explore.py": (
        "# %%\n"
        "!zenml stack list\n"
        "from zenml.repository import Repository\n"
        "# %%\n"
        "print 'python 2 here'\n"
        "# %%\n"
        "Repository().active_stack_name\n"
    )})
    for args in (["scan", "--no-cache", "."], ["scan", "."], ["scan", "."]):
        out = migrate(args, tmp_path)
        text = out.out + out.err
        assert "1 file scanned" in text and "0 of 1 file" not in text, text
        assert "1 notebook cell could not be parsed" in text and "file could not be scanned" not in text, text
        assert "ZM402" in text, text


def test_a_folder_given_by_its_absolute_path_inside_the_project_is_fixed_as_scanned(tmp_path):
    # the scan reads the whole project (the current folder) and keeps the folder's files under the
    # names given: the kind it read a script of cells as goes with them (before: the fixer read
    # it as Python, "cannot parse ... file skipped")
    from tests.scan_helpers import migrate, write_tree

    write_tree(tmp_path, {"nb/cells.py": SPYDER, "other/ok.py": "import os\n"})
    run = migrate(["code", str(tmp_path / "nb"), "--fix", "--no-cache"], tmp_path)
    assert "cannot parse" not in run.out + run.err, run.out + run.err
    fixed = (tmp_path / "nb" / "cells.py").read_text()
    assert "from zenml.client import Client\nclient = Client()\n" in fixed
    assert "!zenml metadata-store register meta --flavor sqlite" in fixed
