"""``%alias NAME COMMAND`` (IPython's alias magic) then ``%NAME ARGS`` runs COMMAND with ARGS in a
shell, as ``IPython.core.alias.Alias`` builds the line: ``%l`` is the whole argument line, each
``%s`` one argument, without a mark the arguments follow. The zenml commands an alias runs are
read in every later cell (``%unalias`` ends it); an option written in the cell is fixed there, one
that comes from the alias's definition is reported for a human."""

import json

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

from tests.scan_helpers import notebook_json

NB = notebook_json(
    "import os\n%alias zm zenml %s\n%alias zs zenml stack %l\n%alias zmeta zenml metadata-store",
    "%zm profile set staging\n%zm stack list",
    "%zs register dev -m local_meta -a art -o orch\nprint(os.getcwd())",
    "%zmeta list\n%unalias zm\n%zm profile set staging",
)


def found(text, path="nb/setup.ipynb"):
    return {(f.cell, f.span.line, f.code) for f in scan_source(text, path)}


def test_the_commands_an_alias_runs_are_read_in_later_cells():
    assert found(NB) == {(2, 1, "ZM950"), (3, 1, "ZM952"), (4, 1, "ZM951")}


def test_an_alias_is_not_known_before_its_cell_nor_after_unalias():
    early = notebook_json("%zm profile set staging", "%alias zm zenml %s")
    assert found(early) == set()
    assert (4, 3, "ZM950") not in found(NB)


def test_the_fix_edits_the_arguments_written_in_the_cell():
    cells = ["".join(c["source"]) for c in json.loads(fix_source(NB, "nb/setup.ipynb").text)["cells"]]
    assert cells[2] == "%zs register dev -a art -o orch\nprint(os.getcwd())"
    assert cells[0] == "import os\n%alias zm zenml %s\n%alias zs zenml stack %l\n%alias zmeta zenml metadata-store"
    assert "TODO(zenml-migrate): ZM950" in cells[1] and "TODO(zenml-migrate): ZM951" in cells[3]


def test_an_option_from_the_alias_definition_is_left_for_a_human():
    nb = notebook_json("%alias zreg zenml stack register %s -m %s", "%zreg dev local_meta -a art -o orch")
    [f] = [f for f in scan_source(nb, "nb/reg.ipynb") if f.code == "ZM952"]
    assert (f.cell, f.span.line, f.fix) == (2, 1, None)
    assert "written in the `%alias` definition, not in this line" in f.message
    cells = ["".join(c["source"]) for c in json.loads(fix_source(nb, "nb/reg.ipynb").text)["cells"]]
    assert "%zreg dev local_meta -a art -o orch" in cells[1].split("\n")
    assert "TODO(zenml-migrate): ZM952" in cells[1]



EXPORTED = (
    "# In[1]:\n\n\n"
    "get_ipython().run_line_magic('alias', 'zm zenml %s')\n"
    "get_ipython().run_line_magic('zm', 'stack register dev -m local_meta -a art -o orch')\n"
    "get_ipython().run_line_magic('zm', 'stack list')\n"
    "get_ipython().run_line_magic('unalias', 'zm')\n"
    "get_ipython().run_line_magic('zm', 'profile set staging')\n"
)


def test_an_alias_in_a_script_nbconvert_exported_runs_its_command():
    assert [(f.span.line, f.code) for f in scan_source(EXPORTED, "export/setup.py")] == [(5, "ZM952")]
    fixed = fix_source(EXPORTED, "export/setup.py").text
    assert "get_ipython().run_line_magic('zm', 'stack register dev -a art -o orch')\n" in fixed


def test_a_note_for_a_command_on_a_cells_first_line_goes_above_it():
    # in a Jupyter cell a `%word` on the first line is a line magic, not a language directive
    # (Databricks/Zeppelin): the note goes above the command, as for any other line
    fixed = fix_source(NB, "nb/setup.ipynb").text
    cells = ["".join(c["source"]) for c in json.loads(fixed)["cells"]]
    assert cells[1].startswith("# TODO(zenml-migrate): ZM950 ") and "\n%zm profile set staging\n%zm stack list" in cells[1]
    assert cells[3].startswith("# TODO(zenml-migrate): ZM951 ") and cells[3].endswith("\n%zmeta list\n%unalias zm\n%zm profile set staging")
    assert found(fixed) == {(2, 2, "ZM950"), (4, 2, "ZM951")}
    sx = notebook_json("%sx zenml profile describe")
    cell = "".join(json.loads(fix_source(sx, "nb/sx.ipynb").text)["cells"][0]["source"])
    assert cell.startswith("# TODO(zenml-migrate): ZM950 ") and cell.endswith("\n%sx zenml profile describe")


def test_run_m_runs_a_module_as_a_program():
    # ``%run -m zenml.cli.cli ARGS`` is ``python -m zenml.cli.cli ARGS``; another module, or a file, is not zenml
    nb = notebook_json("%run -m zenml.cli.cli profile set default\n%run -m zenml.cli.cli stack list",
                       "%run -m zenml stack register a -m m -a a -o o\n%run -m mypkg.cli profile set x\n%run tools.py profile set x")
    # (``tools.py`` is not next to the notebook: what the line would bring in is not read, ZM262)
    assert found(nb, "nb/run.ipynb") == {(1, 1, "ZM950"), (2, 1, "ZM952"), (2, 3, "ZM262")}
    cells = ["".join(c["source"]) for c in json.loads(fix_source(nb, "nb/run.ipynb").text)["cells"]]
    assert cells[1].startswith("%run -m zenml stack register a -a a -o o\n")
