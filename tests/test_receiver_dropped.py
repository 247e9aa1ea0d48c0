"""A method of the client or of a metadata store that became a function (ZM301/ZM302:
``store.get_pipelines()`` -> ``get_pipelines()``) drops its receiver: what only that receiver
held goes with the safe fix. ``scan`` says so (no second finding for a human on the same use,
no 'unsafe' ZM461 for a statement the fix no longer leaves reading the store) and ``--fix``
does exactly that: the re-scan finds nothing it claimed to handle."""

import json

from tests.scan_helpers import migrate, scan_json, write_tree
from tests.test_notebooks import notebook


def _found(root):
    return [(f.get("cell"), f["line"], f["code"], f["fix"], f.get("resolved_by")) for f in scan_json(root).json()["findings"]]


def test_a_metadata_store_read_through_the_step_context_goes_with_the_get_pipeline_fix(tmp_path):
    write_tree(
        tmp_path,
        {
            "gate.py": (
                "from zenml.steps import StepContext, step\n\n\n"
                "@step\n"
                "def release_gate(score: float, context: StepContext) -> bool:\n"
                "    earlier = context.metadata_store.get_pipeline('scoring')\n"
                "    return earlier is None or score > 0.5\n"
            )
        },
    )
    found = _found(tmp_path)
    assert (None, 6, "ZM310", "safe", "ZM301") in found and (None, 6, "ZM301", "safe", None) in found
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    out = run.out + run.err
    assert "ZM301 x1, ZM310 x1" in out and "left for a human" not in out, out
    assert "    earlier = get_pipeline('scoring')\n" in (tmp_path / "gate.py").read_text()
    assert _found(tmp_path) == []


def test_a_store_kept_in_a_variable_is_only_used_by_what_the_safe_fix_rewrites(tmp_path):
    """The statement binding the store is the only one that fails at import after the
    ``get_pipelines()`` rewrite: ZM461 is safe there, and nothing is said about the other."""
    cells = (
        "from zenml.repository import Repository\n",
        "%matplotlib inline\nruns_store = Repository().active_stack.metadata_store\nruns_store.get_pipelines()\n",
    )
    write_tree(tmp_path, {"lineage.ipynb": notebook(*cells), "lineage.py": "".join(cells).replace("%matplotlib inline\n", "")})
    found = _found(tmp_path)
    zm461 = [f for f in found if f[2] == "ZM461"]
    assert [(cell, fix) for cell, _, _, fix, _ in zm461] == [(2, "safe"), (None, "safe")], found
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    out = run.out + run.err
    assert "ZM302 x2" in out and "ZM461 x2" in out and "can be rewritten with --unsafe-fixes" not in out, out
    second = "".join(json.loads((tmp_path / "lineage.ipynb").read_text())["cells"][1]["source"])
    assert second.startswith("%matplotlib inline\n# TODO(zenml-migrate): ZM461 ")
    assert second.rstrip("\n").endswith("\nget_pipelines()")
    assert (tmp_path / "lineage.py").read_text().rstrip("\n").endswith("\nget_pipelines()")
    assert _found(tmp_path) == []
