"""A command kept in a comment that no Python statement holds (a jupytext notebook's ``# !zenml``
or ``%%bash`` cell, a Databricks notebook's ``# MAGIC`` cell) gets its TODO line right above it,
written so the notebook still reads it as a comment: ``# # TODO`` in a jupytext shell cell (its
``# `` comes off), ``# MAGIC # TODO`` in a magic cell. A magic cell's first line (``# MAGIC %sh
zenml ...``) gets none (a line above it would end the magic): it is counted as not marked."""

from zenml_migrate.fix.fixer import fix_source

HEADER = "# ---\n# jupyter:\n#   jupytext:\n#     formats: ipynb,py:percent\n# ---\n\n"
NOTE = "TODO(zenml-migrate): ZM950"


def test_jupytext_escapes_and_shell_cells_get_their_note_above():
    text = HEADER + "# %%\nx = 1\n# !zenml profile describe team\n\n# %% language=\"bash\"\n# zenml stack set s -g\n"
    result = fix_source(text, "nb/setup.py")
    lines = result.text.splitlines()
    at = lines.index("# !zenml profile describe team")
    assert lines[at - 1].startswith("# " + NOTE)
    at = lines.index("# zenml stack set s -g")
    assert lines[at - 1].startswith("# # " + NOTE)
    assert result.unmarked == 0 and len(result.remaining) == 2
    assert fix_source(result.text, "nb/setup.py").text == result.text


def test_databricks_magic_cells_get_a_magic_note_line_and_the_first_line_none():
    text = ("# Databricks notebook source\n# MAGIC %sh\n# MAGIC zenml profile describe team\n\n# COMMAND ----------\n\n"
            "# MAGIC %sh zenml stack set s --global\n")
    result = fix_source(text, "nb/setup.py")
    lines = result.text.splitlines()
    assert lines[1] == "# MAGIC %sh" and lines[2].startswith("# MAGIC # " + NOTE) and lines[3] == "# MAGIC zenml profile describe team"
    assert lines[-1] == "# MAGIC %sh zenml stack set s --global" and NOTE not in lines[-2]
    assert result.unmarked == 1 and len(result.remaining) == 2
    assert fix_source(result.text, "nb/setup.py").text == result.text
