"""Help lines in notebooks (``?obj``, ``obj??``): IPython only looks the name up, so the line
never fails on ZenML 0.20 (``Object `x` not found.``). A finding stays on it only when its
fix writes the name in 0.20 terms, and ``--fix`` then really writes it; anything else is not
reported, by ``scan`` and by ``code`` alike, so a re-scan after ``--fix`` finds nothing that
``--fix`` said it handled."""

import json

from tests.scan_helpers import migrate, scan_json, write_tree
from tests.test_notebooks import notebook


def _sources(path):
    return ["".join(c["source"]) for c in json.loads(path.read_text())["cells"]]


def _found(root):
    return [(f["cell"], f["line"], f["code"], f["fix"]) for f in scan_json(root).json()["findings"]]


def test_help_on_a_client_method_that_became_a_function_is_rewritten(tmp_path):
    write_tree(
        tmp_path,
        {
            "runs.ipynb": notebook(
                "from zenml.repository import Repository\nrepo = Repository()\n",
                "?repo.get_pipeline\n!zenml stack list\n",
                "??repo.get_pipelines\n",
                "Repository?\n",
            )
        },
    )
    found = _found(tmp_path)
    assert (2, 1, "ZM301", "safe") in found and (3, 1, "ZM302", "safe") in found and (4, 1, "ZM108", "safe") in found
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1), run.out + run.err
    assert "ZM301 x1" in run.out + run.err and "ZM302 x1" in run.out + run.err
    first, second, third, fourth = _sources(tmp_path / "runs.ipynb")
    assert "from zenml.post_execution import get_pipeline, get_pipelines" in first
    assert second == "?get_pipeline\n!zenml stack list\n"
    assert third == "??get_pipelines\n"
    assert fourth == "Client?\n"
    assert _found(tmp_path) == []  # the re-scan: nothing --fix claimed to handle is left


def test_help_on_what_no_fix_turns_into_a_name_is_not_reported_and_the_notebook_is_still_fixed(tmp_path):
    write_tree(
        tmp_path,
        {
            "lineage.ipynb": notebook(
                "from zenml.repository import Repository\nrepo = Repository()\npv = repo.get_pipeline('training')\n",
                "pv.get_run_names?\n",  # ZM304 writes an expression ([r.name for r in pv.runs])
                "repo.stack_configurations?\n",  # ZM430: no fix
                "Repository.get_pipelines?\n",  # ZM004: no fix
            )
        },
    )
    found = _found(tmp_path)
    assert [f for f in found if f[0] != 1] == [(4, 1, "ZM108", "safe")], found
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1) and "left unchanged" not in run.out + run.err, run.out + run.err
    assert "left for a human" not in run.out + run.err
    first, second, third, fourth = _sources(tmp_path / "lineage.ipynb")
    assert "pv = get_pipeline('training')" in first
    assert (second, third, fourth) == ("pv.get_run_names?\n", "repo.stack_configurations?\n", "Client.get_pipelines?\n")
    assert _found(tmp_path) == []


def test_a_notebook_finding_keeps_what_its_fix_needs(tmp_path):
    """``needs`` (an option of ``migrate code`` the fix of this occurrence needs) is kept when
    the module's findings are moved to their cells, as in a ``.py`` file."""
    source = (
        "from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow\n"
        "from zenml.steps import step\n\n@enable_mlflow\n@step\ndef trainer() -> int:\n    return 1\n"
    )
    write_tree(tmp_path, {"train.ipynb": notebook(source), "train.py": source})
    findings = scan_json(tmp_path).json()["findings"]
    by_path = {}
    for f in findings:
        by_path.setdefault(f["path"], []).append((f["line"], f["code"], f.get("needs")))
    assert by_path["train.ipynb"] == by_path["train.py"]
    assert ("experiment_tracker:mlflow" in {needs for _, _, needs in by_path["train.ipynb"]})
