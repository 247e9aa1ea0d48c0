"""A notebook exported from Databricks as ``.py`` ("# Databricks notebook source"): its ``%sh``
cells and ``%pip``/``%conda`` lines are ``# MAGIC ``-prefixed comments that Databricks runs.
Their ``zenml`` commands and zenml pins are judged like a shell script's, at their own line and
column; the fix edits inside the comment and never touches a prefix or a line break."""

import json

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

SOURCE = """\
# Databricks notebook source
# MAGIC %md
# MAGIC Call `zenml profile set ops` by hand (prose of a markdown cell)

# COMMAND ----------

# MAGIC %conda install -y zenml=0.12.0

# COMMAND ----------

# MAGIC %sh
# MAGIC export ZENML_ANALYTICS_OPT_IN=false
# MAGIC zenml stack register lake \\
# MAGIC   --metadata-store lake_md -a lake_store -o default
# MAGIC zenml profile delete old

# COMMAND ----------

# MAGIC %sh zenml stack update lake -m other_md

# COMMAND ----------

import zenml
# MAGIC is only a comment in this Python cell: zenml profile delete nope
"""


def _found(code: str, filename: str):
    return [(f.code, f.span.line, f.span.column) for f in scan_source(code, filename) if f.code.startswith("ZM9")]


def test_magic_cells_of_a_databricks_source_are_read():
    assert _found(SOURCE, "nb/setup.py") == [("ZM970", 7, 27), ("ZM952", 14, 11), ("ZM950", 15, 9), ("ZM952", 19, 37)]


def test_fix_edits_inside_the_magic_comments():
    out = fix_source(SOURCE, "nb/setup.py").text
    assert "# MAGIC zenml stack register lake \\\n# MAGIC   -a lake_store -o default\n" in out
    assert "# MAGIC %sh zenml stack update lake\n" in out  # the line break stays
    assert "# MAGIC %conda install -y zenml=0.20.5\n" in out
    assert out.count("# COMMAND ----------") == 4 and "import zenml\n" in out


def test_same_comments_without_the_header_are_comments():
    plain = SOURCE.replace("# Databricks notebook source\n", "# notebook\n")
    assert _found(plain, "nb/setup.py") == []


def _ipynb(cells, meta):
    import json

    return json.dumps({"nbformat": 4, "nbformat_minor": 1, "metadata": meta, "cells": [
        {"cell_type": "code", "execution_count": None, "outputs": [], "metadata": cell_meta, "source": src} for src, cell_meta in cells]})


def test_language_magic_cells_of_a_databricks_ipynb():
    # an .ipynb exported from Databricks: a ``%sh`` cell is shell text, ``%md``/``%sql`` cells are
    # not Python (no ZM001: Databricks runs them); in a Jupyter notebook ``%sh`` is only a line magic
    cell = {"application/vnd.databricks.v1+cell": {"title": ""}}
    cells = [
        ("%md\n# Setup\nzenml profile create prose\n", cell),
        ("%sh\npip install zenml==0.20.5\nzenml stack register lake -m md -a a -o o\n", cell),
        ("%sh zenml profile set ops\n", cell),
        ("%sql\nSELECT * FROM runs\n", cell),
        ("%python\nimport os\n", cell),
    ]
    text = _ipynb(cells, {"application/vnd.databricks.v1+notebook": {"notebookName": "setup"}})
    found = [(f.code, f.cell, f.span.line, f.span.column) for f in scan_source(text, "lake/setup.ipynb")]
    assert found == [("ZM952", 2, 3, 27), ("ZM950", 3, 1, 5)]
    out = fix_source(text, "lake/setup.ipynb").text
    assert '"%sh\\npip install zenml==0.20.5\\nzenml stack register lake -a a -o o\\n"' in out
    # cell metadata alone says Databricks too
    assert [f.code for f in scan_source(_ipynb(cells, {}), "lake/setup.ipynb")] == ["ZM952", "ZM950"]
    jupyter = _ipynb([(src, {}) for src, _ in cells], {})
    assert "ZM952" not in [f.code for f in scan_source(jupyter, "lake/setup.ipynb")]


def test_a_note_for_a_command_on_the_directive_line_goes_below_it():
    # ``%sh zenml profile create ci``: the directive must stay the cell's first line (a note above
    # it makes Databricks run the cell as Python); the note is a shell comment right below, written once
    cell = {"application/vnd.databricks.v1+cell": {"title": ""}}
    text = _ipynb([("%sh zenml profile create ci\n", cell), ("%sh\nzenml profile set ops", cell)],
                  {"application/vnd.databricks.v1+notebook": {"notebookName": "setup"}})
    result = fix_source(text, "lake/setup.ipynb")
    sources = [c["source"] for c in json.loads(result.text)["cells"]]
    joined = ["".join(s) if isinstance(s, list) else s for s in sources]
    assert joined[0].startswith("%sh zenml profile create ci\n# TODO(zenml-migrate): ZM950 "), joined
    assert joined[1].startswith("%sh\n# TODO(zenml-migrate): ZM950 ") and joined[1].endswith("\nzenml profile set ops"), joined
    # the cells are still shell cells: a re-scan sees both commands, and a second run adds nothing
    assert [(f.code, f.cell, f.span.line) for f in scan_source(result.text, "lake/setup.ipynb")] == [("ZM950", 1, 1), ("ZM950", 2, 3)]
    assert fix_source(result.text, "lake/setup.ipynb").text == result.text
