"""Notebooks kept as text (MyST/jupytext Markdown, Quarto, scripts of ``# %%`` cells) run their
cells in IPython as an ``.ipynb`` does: an ``%alias`` defined in one cell runs its command where
it is used (also in a later cell), and a ``%%writefile`` cell writes a file (a 0.13.2 run config,
a Makefile) whose content is read as that file. Findings are on the file's own lines; ``--fix``
writes the TODO lines there and claims no fix it did not make."""

from collections import Counter

from zenml_migrate.api import scan_source

from tests.scan_helpers import fix_as_scanned

MYST = (
    "---\njupytext:\n  text_representation:\n    format_name: myst\nkernelspec:\n  name: python3\n  language: python\n---\n"  # 1-8
    "\n# Ops\n\n"  # 9-11
    "```{code-cell} ipython3\n%alias zs zenml %s\nimport os\n```\n\n"  # 12-16
    "```{code-cell} ipython3\n:tags: [hide-input]\n%zs profile set dev\n%zs stack list\n```\n\n"  # 17-22
    "```{code-cell} ipython3\n%%writefile configs/nightly.yaml\nname: nightly_pipeline\nsteps:\n  loader:\n    source:\n      name: loader\n```\n\n"  # 23-31
    "```{code-cell} ipython3\n%%writefile Makefile\nsync:\n\tzenml metadata-store describe\n```\n"  # 32-36
)


def _found(text: str, filename: str):
    return sorted((f.code, f.span.line) for f in scan_source(text, filename))


def test_an_alias_and_the_files_cells_write_are_read_in_a_myst_notebook():
    assert _found(MYST, "book/ops.md") == [("ZM501", 25), ("ZM501", 28), ("ZM950", 19), ("ZM951", 35)]


def test_the_fix_marks_them_where_they_are_and_claims_no_fix():
    fixed = fix_as_scanned("book/ops.md", "markdown", MYST.encode())
    assert fixed.error is None
    out = fixed.new.decode()
    assert "\n# TODO(zenml-migrate): ZM950 " in out.split("%zs profile set dev")[0]
    assert out.split("%zs profile set dev")[1].startswith("\n%zs stack list\n")
    assert "\n\t# TODO(zenml-migrate): ZM951 " in out and out.count("TODO(zenml-migrate): ZM501") == 2
    assert fixed.applied == Counter()  # nothing was rewritten: none is counted as fixed
    assert sorted(f.code for f in fixed.remaining) == ["ZM501", "ZM501", "ZM950", "ZM951"]
    assert sorted(code for code, _ in _found(out, "book/ops.md")) == ["ZM501", "ZM501", "ZM950", "ZM951"]


def test_a_run_config_a_cell_of_a_crlf_script_of_cells_writes():
    # the cell ends in the CR of its last line break: the file written has it in full (no lone CR)
    script = "# %%\n!zenml stack list\n\n# %%\n%%writefile run.yaml\nname: p\nsteps:\n  s:\n    source:\n      name: s\n\n# %%\nimport os\n"
    data = script.replace("\n", "\r\n").encode()
    found = [f for f in scan_source(data.decode(), "nb/cells.py") if f.code == "ZM501"]
    assert [f.span.line for f in found] == [6, 9] and not any("lone CR" in f.message for f in found)
    fixed = fix_as_scanned("nb/cells.py", "py", data)
    assert fixed.error is None and fixed.new.count(b"TODO(zenml-migrate): ZM501") == 2
    assert fixed.new.count(b"\n") == fixed.new.count(b"\r\n") == data.count(b"\n") + 2
