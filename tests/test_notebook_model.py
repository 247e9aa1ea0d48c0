"""The one notebook model (migrate/scan/notebook.py): cells read the way IPython reads them,
shared by scan and fix; a bad cell costs only that cell; imports land in the first cell that
needs them."""

import json

import pytest

from tests.scan_helpers import LEGACY, migrate, scan_json, write_tree
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.notebook import read_cell, read_notebook


def notebook(*cells, indent=1):
    out = []
    for cell in cells:
        kind, source = cell if isinstance(cell, tuple) else ("code", cell)
        entry = {"cell_type": kind, "metadata": {}, "source": source.splitlines(keepends=True)}
        if kind == "code":
            entry.update(execution_count=None, outputs=[])
        out.append(entry)
    return json.dumps({"cells": out, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=indent) + "\n"


def python_of(source):
    return [line for line in read_cell(source, 0).python]


def masked(source):
    return sorted(read_cell(source, 0).masked)


IPYTHON_CELL = """\
%matplotlib inline
!zenml stack register local_stack \\
    -m default \\
    -a default -o default
stacks = !zenml stack list
out = %sx zenml profile list
%%timeit
Repository?
??Repository
%pip install -q zenml==0.13.2
docs = \"\"\"
!not a shell escape inside a string
\"\"\"
value = call(1,
  2)
if stacks:
    !echo "zenml is set up"
x = 1 if y else 2
"""


def test_escapes_magics_and_help_are_masked_line_for_line():
    assert masked(IPYTHON_CELL) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 16]
    python = python_of(IPYTHON_CELL)
    assert len(python) == len(IPYTHON_CELL.split("\n"))
    assert python[16] == "    pass  # zenml-migrate-magic:16"  # the block's indentation kept
    assert python[2] == "pass  # zenml-migrate-magic:2"  # a continuation line: one simple statement
    assert python[10:16] == IPYTHON_CELL.split("\n")[10:16]


def test_shell_text_is_kept_with_its_position_in_the_cell():
    shell = read_cell(IPYTHON_CELL, 0).shell
    # line 10: ``%pip install``, read for its requirements (ZM970)
    assert [(s.line, s.column, s.comment) for s in shell] == [(2, 2, "python"), (5, 11, "python"), (6, 11, "python"), (10, 2, "python"), (17, 6, "python")]
    assert shell[0].text == "zenml stack register local_stack \\\n    -m default \\\n    -a default -o default"
    assert shell[1].text == "zenml stack list"
    assert shell[2].text == "zenml profile list"


def test_cell_magics():
    bash = read_cell("%%bash\nzenml profile list\nzenml stack list\n", 0)
    assert bash.magic == "bash" and sorted(bash.masked) == [0, 1, 2, 3]
    assert [(s.line, s.column, s.comment, s.text) for s in bash.shell] == [(2, 1, "shell", "zenml profile list\nzenml stack list\n")]
    script = read_cell("\n%%script bash\nzenml up\n", 0)
    assert script.shell and script.shell[0].line == 3
    writefile = read_cell("%%writefile run.py\nfrom zenml.steps import step\n", 0)
    assert sorted(writefile.masked) == [0, 1, 2] and not writefile.shell
    timed = read_cell("%%time\nfrom zenml.repository import Repository\n!ls\n", 0)
    assert sorted(timed.masked) == [0, 2] and timed.python[1] == "from zenml.repository import Repository"


def test_the_program_a_script_cell_runs_is_found_behind_options_and_env():
    """IPython's ``%%script`` takes its own options anywhere (``--bg``, ``--out NAME``) and runs
    the other words as the command: ``env NAME=VALUE... bash`` is a shell, so is ``bash --bg``."""
    for head in ("%%script --bg --out proc_out sh", "%%script env ZENML_DEBUG=1 LOG=info /bin/bash", "%%script bash --no-raise-error"):
        cell = read_cell(head + "\nzenml metadata-store list\n", 0)
        assert [(s.line, s.comment) for s in cell.shell] == [(2, "shell")], head
    program = read_cell("%%script env PYTHONPATH=src python3\nfrom zenml.steps import BaseStepConfig\n", 0)
    assert program.script == 1 and not program.shell
    for head in ("%%script env X=1", "%%script --out o", "%%script perl"):
        assert not read_cell(head + "\nzenml metadata-store list\n", 0).shell, head


def test_automagic_only_in_a_one_line_cell_that_is_not_python():
    assert masked("pip install zenml==0.13.2") == [0]
    assert masked("cd ..\n") == [0]
    assert masked("ls") == []  # Python (a name): IPython decides at run time, so do we
    assert masked("pip install zenml\nimport os\n") == []  # not an automagic in a longer cell


def test_ipython_escapes_that_are_python():
    for source in ("x = a != b", "x == !y", "print('!x')", "d = {'a': 1}  # %magic", "a[x] = b % c", "if x:\n    y = 1 % 2"):
        assert masked(source) == [], source


def test_invalid_notebooks_are_zm001_and_exit_2(tmp_path):
    write_tree(tmp_path, {"a.ipynb": "this is not json\n", "b.ipynb": json.dumps({"nbformat": 1, "worksheets": []}), "ok.py": "x = 1\n"})
    run = scan_json(tmp_path)
    assert run.code == 2
    found = {f["path"]: f for f in run.json()["findings"]}
    assert found["a.ipynb"]["code"] == "ZM001" and "not a valid notebook" in found["a.ipynb"]["message"]
    assert found["b.ipynb"]["code"] == "ZM001" and "nbformat 1" in found["b.ipynb"]["message"]


def test_one_bad_cell_is_one_zm001_and_the_others_are_scanned(tmp_path):
    write_tree(
        tmp_path,
        {"nb.ipynb": notebook("from zenml.repository import Repository\n", "print 'python 2'\n", "repo = Repository()\n")},
    )
    run = scan_json(tmp_path)
    assert run.code == 2
    found = [(f["code"], f.get("cell"), f["line"]) for f in run.json()["findings"]]
    assert ("ZM001", 2, 1) in found and ("ZM108", 1, 1) in found and ("ZM108", 3, 1) in found
    assert sum(1 for f in found if f[0] == "ZM001") == 1


def test_valid_ipython_notebook_is_scanned_not_skipped(tmp_path):
    write_tree(tmp_path, {"nb.ipynb": notebook(IPYTHON_CELL, "from zenml.repository import Repository\nRepository()\n")})
    run = scan_json(tmp_path)
    assert not [f for f in run.json()["findings"] if f["code"] == "ZM001"], run.out
    assert ("ZM108", 2) in {(f["code"], f["cell"]) for f in run.json()["findings"]}


def test_every_finding_in_a_notebook_is_found_in_the_same_py(tmp_path):
    cells = LEGACY.split("\n\n\n")
    write_tree(tmp_path, {"nb.ipynb": notebook(*[c + "\n" for c in cells]), "same.py": LEGACY})
    run = scan_json(tmp_path)
    by_path = {}
    for f in run.json()["findings"]:
        by_path.setdefault(f["path"], []).append(f["code"])
    assert sorted(by_path["nb.ipynb"]) == sorted(by_path["same.py"]) and by_path["same.py"]


def test_fix_keeps_every_ipython_line_byte_for_byte():
    from zenml_migrate.rules import all_rules

    text = notebook(IPYTHON_CELL + "from zenml.steps import BaseStepConfig\n")
    python_rules = [r for r in all_rules() if r.family not in ("cli", "pins")]  # command-line rules (and ZM970 on `%pip`) left out
    result = fix_source(text, "nb.ipynb", rules=python_rules)
    assert result.error is None, result.error
    [cell] = json.loads(result.text)["cells"]
    assert "".join(cell["source"]) == IPYTHON_CELL + "from zenml.steps import BaseParameters\n"


def test_fix_goes_on_around_a_bad_cell():
    text = notebook("from zenml.steps import BaseStepConfig\n", "print 'x'\n")
    result = fix_source(text, "nb.ipynb")
    assert result.error is None
    new = json.loads(result.text)["cells"]
    assert "".join(new[0]["source"]) == "from zenml.steps import BaseParameters\n"
    assert "".join(new[1]["source"]) == "print 'x'\n"


def test_an_added_import_goes_into_the_first_cell_that_needs_it():
    text = notebook(
        "!pip install zenml==0.13.2\n",
        "from zenml.repository import Repository\nrepo = Repository()\npipe = repo.get_pipeline('training')\n",
        "from zenml.post_execution import get_run\nrun = get_run('x')\n",
    )
    result = fix_source(text, "nb.ipynb")
    cells = ["".join(c["source"]) for c in json.loads(result.text)["cells"]]
    assert cells[0] == "!pip install zenml==0.20.5\n"  # ZM970: the pin
    assert cells[1] == "from zenml.client import Client\nfrom zenml.post_execution import get_pipeline\nrepo = Client()\npipe = get_pipeline('training')\n"
    assert cells[2] == "from zenml.post_execution import get_run\nrun = get_run('x')\n"
    assert fix_source(result.text, "nb.ipynb").text == result.text


def test_an_added_import_goes_above_its_first_use_in_the_cell():
    """The fixer put `from zenml.post_execution import get_runs` at the end of the cell that uses
    it (below the use: NameError on the real 0.20.5), when a later cell held another zenml
    import."""
    text = notebook(
        "from zenml.repository import Repository\nrepo = Repository()\n",
        "runs = repo.get_pipeline('daily').runs\nprint(len(repo.get_pipelines()))\n",
        "from zenml.steps import BaseStepConfig\nclass C(BaseStepConfig):\n    k: int = 1\n",
    )
    result = fix_source(text, "nb.ipynb")
    cells = ["".join(c["source"]) for c in json.loads(result.text)["cells"]]
    assert cells[1] == "from zenml.post_execution import get_pipeline, get_pipelines\nruns = get_pipeline('daily').runs\nprint(len(get_pipelines()))\n", cells
    assert fix_source(result.text, "nb.ipynb").text == result.text


def test_a_comprehension_variable_of_a_rewrite_moves_no_statement_between_cells():
    """ZM303 writes `{r.name: r for r in pv.runs}[name]` in one cell and ZM304 `[r.name for r in
    pv.runs]` in a later one: `r` is local to each comprehension, nothing binds it in the notebook
    (the later cell's statement was moved up, above what it reads: NameError on the real 0.20)."""
    text = notebook(
        "from zenml.repository import Repository\npv = Repository().get_pipeline('p')\nlast = pv.get_run('r1')\n",
        "print(last.name)\n{'runs': len(pv.get_run_names())}\n",
    )
    result = fix_source(text, "nb.ipynb")
    cells = ["".join(c["source"]) for c in json.loads(result.text)["cells"]]
    assert cells[0].endswith("last = {r.name: r for r in pv.runs}['r1']\n"), cells
    assert cells[1] == "print(last.name)\n{'runs': len([r.name for r in pv.runs])}\n", cells


def test_an_import_before_the_first_cell_goes_below_its_shell_lines():
    text = notebook("!pip install zenml==0.13.2\n%load_ext autoreload\nrepo = None\n", "from zenml.repository import Repository\n", "Repository().get_pipeline('p')\n")
    result = fix_source(text, "nb.ipynb")
    cells = ["".join(c["source"]) for c in json.loads(result.text)["cells"]]
    first_use = next(i for i, c in enumerate(cells) if "get_pipeline(" in c)
    importing = next(i for i, c in enumerate(cells) if "import get_pipeline" in c)
    assert importing <= first_use, cells
    assert cells[0].startswith("!pip install zenml==0.20.5\n%load_ext autoreload\n")  # ZM970: the pin


def test_code_diff_of_a_notebook_names_cells(tmp_path):
    write_tree(tmp_path, {"nb.ipynb": notebook("import os\n", "from zenml.steps import BaseStepConfig\n")})
    run = migrate(["code", "--no-cache", "nb.ipynb"], tmp_path)
    assert run.code == 1
    assert "cell 2" in run.out and "-from zenml.steps import BaseStepConfig" in run.out and "+from zenml.steps import BaseParameters" in run.out


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_crlf_inside_cells_is_kept(newline):
    source = f"!zenml stack list{newline}from zenml.steps import BaseStepConfig{newline}"
    text = json.dumps({"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": source}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    new = json.loads(fix_source(text, "nb.ipynb").text)["cells"][0]["source"]
    assert new == source.replace("BaseStepConfig", "BaseParameters")


def test_read_notebook_accepts_text_and_bytes():
    text = notebook("x = 1\n")
    assert len(read_notebook(text).cells) == len(read_notebook(text.encode()).cells) == 1


def test_top_level_await_is_python_in_a_cell(tmp_path):
    write_tree(tmp_path, {"nb.ipynb": notebook("import asyncio\nawait asyncio.sleep(0)\nfrom zenml.steps import BaseStepConfig\n")})
    run = scan_json(tmp_path)
    assert [(f["code"], f["cell"], f["line"]) for f in run.json()["findings"]] == [("ZM101", 1, 3)]
    result = fix_source(notebook("await x()\nfrom zenml.steps import BaseStepConfig\n"), "nb.ipynb")
    assert "".join(json.loads(result.text)["cells"][0]["source"]) == "await x()\nfrom zenml.steps import BaseParameters\n"


def test_a_writefile_py_cell_is_a_python_file_of_its_own(tmp_path):
    body = "from zenml.repository import Repository\n\nprint(Repository().active_stack_name)\n"
    write_tree(tmp_path, {"nb.ipynb": notebook("%%writefile run.py\n" + body, "!python run.py\n"), "run.py": body})
    found = scan_json(tmp_path).json()["findings"]
    in_cell = sorted((f["code"], f["line"] - 1, f["column"]) for f in found if f["path"] == "nb.ipynb")
    in_file = sorted((f["code"], f["line"], f["column"]) for f in found if f["path"] == "run.py")
    assert in_cell == in_file and in_file
    result = fix_source(notebook("%%writefile run.py\n" + body), "nb.ipynb")
    assert "".join(json.loads(result.text)["cells"][0]["source"]) == (
        "%%writefile run.py\nfrom zenml.client import Client\n\nprint(Client().active_stack_model.name)\n"
    )
    assert read_cell("%%writefile notes.txt\nfrom zenml import x\n", 0).script is None
    assert read_cell("%%writefile setup.sh\nzenml profile create p\n", 0).shell[0].text == "zenml profile create p\n"


def test_an_indented_first_line_is_dedented_as_ipython_does(tmp_path):
    source = "    !zenml stack list\n    from zenml.repository import Repository\n    repo = Repository()\n"
    cell = read_cell(source, 0)
    assert cell.python[1:3] == ["from zenml.repository import Repository", "repo = Repository()"]
    assert cell.shell[0].column == 6 and cell.shell[0].text == "zenml stack list"
    write_tree(tmp_path, {"nb.ipynb": notebook(source)})
    found = [(f["code"], f["line"], f["column"]) for f in scan_json(tmp_path).json()["findings"]]
    assert found == [("ZM108", 2, 34), ("ZM108", 3, 12)]
    result = fix_source(notebook(source), "nb.ipynb")
    assert "".join(json.loads(result.text)["cells"][0]["source"]) == (
        "    !zenml stack list\n    from zenml.client import Client\n    repo = Client()\n"
    )


def test_a_subscript_target_takes_shell_output():
    assert masked("x['k'] = !ls\n") == [0]
    assert masked("x['a = !b'] = 1\n") == []


def test_a_notebook_using_the_projects_legacy_code_is_read_like_a_py_file(tmp_path):
    steps = "from zenml.steps import BaseStepConfig, step\n\n\nclass TrainerConfig(BaseStepConfig):\n    lr: float = 0.1\n\n\n@step\ndef trainer(config: TrainerConfig) -> int:\n    return 1\n"
    user = "from steps import TrainerConfig, trainer\n\ninstance = trainer(config=TrainerConfig())\ninstance.enable_cache = False\n"
    write_tree(tmp_path, {"steps.py": steps, "use.py": user, "nb.ipynb": notebook(*user.split("\n\n"))})
    found = scan_json(tmp_path).json()["findings"]
    in_py = sorted(f["code"] for f in found if f["path"] == "use.py")
    in_nb = sorted(f["code"] for f in found if f["path"] == "nb.ipynb")
    assert in_py and in_nb == in_py


def _fixed_cells(text):
    result = fix_source(text, "nb.ipynb")
    assert result.error is None, result.error
    return ["".join(c["source"]) for c in json.loads(result.text)["cells"]]


def test_pasted_prompts_are_stripped_as_ipython_does_and_put_back_by_the_fix(tmp_path):
    classic = ">>> from zenml.repository import Repository\n>>> repo = Repository()\n>>> !zenml stack list\n"
    ipython = "In [3]: from zenml.steps import BaseStepConfig\n\nIn [4]: class C(BaseStepConfig):\n   ...:     x: int = 1\n"
    assert read_cell(classic, 0).python[:2] == ["from zenml.repository import Repository", "repo = Repository()"]
    assert read_cell(classic, 0).shell[0].text == "zenml stack list"
    assert read_cell("x = 1\ny = 2\n>>> z = 3\n", 0).prompts == {}  # only when the 1st or 2nd line has one
    assert read_cell("x = 1\n>>> y = 2\n", 0).prompts == {1: ">>> "}
    write_tree(tmp_path, {"nb.ipynb": notebook(classic, ipython)})
    found = [(f["code"], f["cell"], f["line"], f["column"]) for f in scan_json(tmp_path).json()["findings"]]
    assert found == [("ZM108", 1, 1, 34), ("ZM108", 1, 2, 12), ("ZM101", 2, 1, 33), ("ZM101", 2, 3, 17)]
    assert _fixed_cells(notebook(classic, ipython)) == [
        ">>> from zenml.client import Client\n>>> repo = Client()\n>>> !zenml stack list\n",
        "In [3]: from zenml.steps import BaseParameters\n\nIn [4]: class C(BaseParameters):\n   ...:     x: int = 1\n",
    ]


def test_a_line_a_fix_adds_to_a_cell_with_prompts_gets_a_prompt():
    source = ">>> from zenml.repository import Repository\n>>> pipe = Repository().get_pipeline('p')\n"
    [cell] = _fixed_cells(notebook(source))
    assert all(line.startswith((">>> ", "... ")) for line in cell.splitlines()), cell
    assert "get_pipeline('p')" in cell and "Repository" not in cell


def test_help_on_a_legacy_name_is_reported_and_renamed(tmp_path):
    source = "from zenml.repository import Repository\nRepository?\n??Repository\nif True:\n    Repository??\n%timeit?\n"
    cell = read_cell(source, 0)
    assert sorted(cell.help) == [1, 2, 4] and 5 in cell.masked and 5 not in cell.help
    write_tree(tmp_path, {"nb.ipynb": notebook(source)})
    found = [(f["code"], f["line"], f["column"]) for f in scan_json(tmp_path).json()["findings"]]
    assert found == [("ZM108", 1, 30), ("ZM108", 2, 1), ("ZM108", 3, 3), ("ZM108", 5, 5)]
    assert _fixed_cells(notebook(source)) == ["from zenml.client import Client\nClient?\n??Client\nif True:\n    Client??\n%timeit?\n"]


def test_a_writefile_py_cell_that_does_not_parse_is_zm001_for_that_cell(tmp_path):
    write_tree(tmp_path, {"nb.ipynb": notebook("%%writefile old.py\nprint 'x'\n", "from zenml.steps import BaseStepConfig\n")})
    run = scan_json(tmp_path)
    assert run.code == 2
    found = [(f["code"], f["cell"], f["line"]) for f in run.json()["findings"]]
    assert found == [("ZM001", 1, 2), ("ZM101", 2, 1)]
    assert "`old.py`" in run.json()["findings"][0]["message"]


def test_ignore_file_in_one_cell_holds_for_the_fix_of_every_cell():
    text = notebook("# migrate: ignore-file[ZM108, ZM952]\n", "from zenml.repository import Repository\n", "!zenml stack register s -m m -a a -o o\n")
    assert _fixed_cells(text)[1:] == ["from zenml.repository import Repository\n", "!zenml stack register s -m m -a a -o o\n"]


@pytest.mark.parametrize("name", ["crlf.ipynb", "tabs.ipynb"])
def test_a_fixed_notebook_keeps_its_json_layout(name):
    """Line ending, indent string and key order of the file: only changed cell sources differ."""
    import difflib
    from pathlib import Path

    original = (Path(__file__).parent / "data" / "notebook_layout" / name).read_bytes().decode("utf-8")
    result = fix_source(original, name)
    assert result.error is None and result.text != original
    new = result.text
    def layout(text):  # (every line ends with CRLF, the characters lines are indented with)
        lines = text.split("\n")
        return text.count("\r\n") == text.count("\n"), {c for line in lines for c in line[: len(line) - len(line.lstrip())]} - {"\r"}

    assert layout(new) == layout(original)
    changed = [line for line in difflib.ndiff(original.splitlines(), new.splitlines()) if line[:1] in "+-"]
    assert changed and all(("BaseStepConfig" in line or "BaseParameters" in line or "Repository" in line or "Client" in line or "-m default" in line) for line in changed), changed
    assert list(json.loads(new)["cells"][0]) == list(json.loads(original)["cells"][0])  # key order
    assert fix_source(new, name).text == new
