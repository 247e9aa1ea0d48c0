"""``{expr}`` fields in a notebook's shell escapes and line magics: IPython evaluates each in the
notebook's namespace before it runs the line (``InteractiveShell.var_expand``), e.g. ZenML's
0.x MLflow notebooks' ``!mlflow ui --backend-store-uri {get_tracking_uri()}``. Before, the
line was masked: a 0.13.2 name there was not reported, and a fix renaming its import in another
cell left the field with a name that no longer exists (IPython swallows the NameError and runs
the literal text)."""

import json
from pathlib import Path

import pytest

from tests.scan_helpers import migrate, notebook_json, scan_json, write_tree


RUNNER = Path(__file__).resolve().parent / "notebook_runner.py"



CELLS = (
    "from zenml.repository import Repository\nSTACK = 'local'",
    '!echo "stack: {Repository().active_stack_name}" and {STACK}',
    "!zenml stack register {STACK}_stack -m default -a default -o default\nruns = !echo {Repository().get_pipeline('p')}",
    "%env ZENML_X={Repository().active_stack.name}",
    "!awk '{print $1}' f.txt\n!echo {{literal}} {STACK!r} {Repository} }",
    "%time x = 1",
)


def test_the_fields_of_shell_lines_and_magics_are_read_as_python(tmp_path):
    write_tree(tmp_path, {"nb.ipynb": notebook_json(*CELLS)})
    found = sorted((f["cell"], f["line"], f["column"], f["code"]) for f in scan_json(tmp_path).json()["findings"])
    assert (2, 1, 16, "ZM108") in found and (2, 1, 16, "ZM402") in found  # in the field's own columns
    assert (3, 2, 15, "ZM301") in found and (4, 1, 15, "ZM108") in found
    assert (3, 1, 37, "ZM952") in found  # the command itself, as before
    assert not [f for f in found if f[0] == 5], found  # a lone '}' or {x!r}: IPython expands nothing there


def test_a_fix_rewrites_the_fields_and_keeps_the_text_around_them(tmp_path):
    write_tree(tmp_path, {"nb.ipynb": notebook_json(*CELLS)})
    run = migrate(["code", "--fix", "--no-cache", "nb.ipynb"], tmp_path)
    assert run.code in (0, 1) and "error" not in run.err, run.out + run.err
    cells = ["".join(c["source"]) for c in json.loads((tmp_path / "nb.ipynb").read_text())["cells"]]
    assert cells[1] == '!echo "stack: {Client().active_stack_model.name}" and {STACK}'
    assert cells[2] == "!zenml stack register {STACK}_stack -a default -o default\nruns = !echo {get_pipeline('p')}"
    assert cells[3] == "%env ZENML_X={Client().active_stack.name}"
    assert cells[4] == CELLS[4] and cells[5] == CELLS[5]
    assert "from zenml.client import Client" in cells[0] and "from zenml.post_execution import get_pipeline" in cells[0]
    again = migrate(["code", "--fix", "--no-cache", "nb.ipynb"], tmp_path)
    assert ["".join(c["source"]) for c in json.loads((tmp_path / "nb.ipynb").read_text())["cells"]] == cells, again.out


@pytest.mark.real_zenml
def test_the_fixed_fields_print_on_the_real_020_what_the_original_printed_on_0132(tmp_path):
    """IPython's own run of the cells (tests/notebook_runner.py): the original prints the active
    stack's name and the number of pipelines on 0.13.2; the fixed copy prints the same on 0.20.0
    and 0.20.5 (before: the import renamed, the field's Repository a NameError IPython swallowed,
    so the line ran as written: ``stack: {Repository().active_stack_name}``)."""
    from tests.realzenml import python

    cells = ("from zenml.repository import Repository", '!echo "stack: {Repository().active_stack_name}"', '!echo "pipelines: {len(Repository().get_pipelines())}"')
    for side in ("orig", "fixed"):
        write_tree(tmp_path / side, {"nb.ipynb": notebook_json(*cells)})
    run = migrate(["code", "--fix", "--no-cache", "nb.ipynb"], tmp_path / "fixed")
    assert run.code in (0, 1), run.out + run.err
    for version, side in (("0.13.2", "orig"), ("0.20.0", "fixed"), ("0.20.5", "fixed")):
        jobs = tmp_path / f"jobs-{version}.json"
        config = tmp_path / f"config-{version}"
        jobs.write_text(json.dumps([{"notebook": str(tmp_path / side / "nb.ipynb"), "cwd": str(tmp_path / side), "config": str(config)}]))
        result = tmp_path / f"result-{version}.json"
        python(version, [str(RUNNER), str(jobs), str(result)], config, cwd=tmp_path)
        records = json.loads(result.read_text())[str(tmp_path / side / "nb.ipynb")]
        printed = "".join(r.get("stdout") or "" for r in records)
        assert all(r["success"] for r in records), (version, records)
        assert "stack: default" in printed and "pipelines: 0" in printed, (version, printed)


def test_dollar_fields_are_read_as_python_too(tmp_path):
    """surface26's open item: IPython's DollarFormatter expands ``$name`` and ``$obj.attr`` like
    ``{obj.attr}`` (not in single quotes; ``$$`` is a ``$``). Checked with the real IPython of the
    0.20.5 venv: ``echo $repo.active_stack_model.name '$repo.x' $$HOME`` -> ``echo default '$repo.x'
    $HOME``; ``echo $repo.active_stack_name`` (gone on 0.20) -> the line unexpanded, the shell's
    ``$repo`` empty."""
    cells = ("from zenml.repository import Repository\nrepo = Repository()",
             "!echo $repo.active_stack_name $HOME '$repo.active_stack_name' $$repo.active_stack_name")
    write_tree(tmp_path, {"nb.ipynb": notebook_json(*cells)})
    found = sorted((f["cell"], f["line"], f["column"], f["code"]) for f in scan_json(tmp_path).json()["findings"] if f["cell"] == 2)
    assert found == [(2, 1, 8, "ZM402")], found
    migrate(["code", "--fix", "--no-cache", "nb.ipynb"], tmp_path)
    fixed = ["".join(c["source"]) for c in json.loads((tmp_path / "nb.ipynb").read_text())["cells"]]
    assert fixed[1] == "!echo $repo.active_stack_model.name $HOME '$repo.active_stack_name' $$repo.active_stack_name"
