"""``migrate scan`` reads ``[tool.zenml-migrate] target`` (review27 R6): its ZM970 texts name the
release the fix will write, in every output format, the results cache keeps the answers of each
target apart, and an invalid target stops ``scan`` as it stops ``code`` (checked once, when the
config is loaded). A manifest's image TODO written by ``code --target 0.20.0`` names 0.20.0
(surface27's "R8 in YAML manifests"), and 0.20.5's first-command note is not printed for a
project moved to 0.20.0 (review25)."""

import json

from tests.scan_helpers import migrate, write_tree

MANIFEST = (
    "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: train\nspec:\n  template:\n    spec:\n      containers:\n"
    "        - name: train\n          image: zenmldocker/zenml:0.13.2\n          command: [\"zenml\", \"stack\", \"list\"]\n"
)


def _project(tmp_path, target):
    write_tree(
        tmp_path,
        {
            "pyproject.toml": f'[tool.zenml-migrate]\ntarget = "{target}"\n',
            "requirements.txt": "zenml==0.13.2\n",
            "deploy.yaml": MANIFEST,
            "run.py": "from zenml.repository import Repository\n\nprint(Repository().active_stack_name)\n",
        },
    )


def test_scan_names_the_release_of_the_configured_target_in_every_format(tmp_path):
    _project(tmp_path, "0.20.0")
    for fmt in ("concise", "json", "sarif", "html", "github"):
        run = migrate(["scan", "--no-cache", "--format", fmt, "."], tmp_path)
        assert run.code == 1, (fmt, run.err)
        # (the rule's own description, which SARIF and HTML carry, shows `zenml==0.20.5` as an example)
        assert "zenml==0.20.0" in run.out and "zenmldocker/zenml:0.20.0" in run.out, (fmt, run.out)
        for wrong in ("writes `zenml==0.20.5", "writes <code>zenml==0.20.5", "zenmldocker/zenml:0.20.5"):
            assert wrong not in run.out, (fmt, wrong, run.out)


def test_the_cache_keeps_the_answers_of_each_target_apart(tmp_path):
    _project(tmp_path, "0.20.5")
    assert "zenml==0.20.5" in migrate(["scan", "."], tmp_path).out
    (tmp_path / "pyproject.toml").write_text('[tool.zenml-migrate]\ntarget = "0.20.0"\n')
    again = migrate(["scan", "--format", "json", "."], tmp_path)
    messages = " ".join(f["message"] for f in json.loads(again.out)["findings"])
    assert "zenml==0.20.0" in messages and "0.20.5" not in messages, messages


def test_an_invalid_target_stops_scan_as_it_stops_code(tmp_path):
    _project(tmp_path, "0.19")
    for command in ("scan", "code"):
        run = migrate([command, "--no-cache", "."], tmp_path)
        assert run.code == 2, (command, run.out, run.err)
        assert "[tool.zenml-migrate] target '0.19' is not a ZenML version this tool targets" in run.err, (command, run.err)
    bad = migrate(["code", "--no-cache", "--target", "0.19", "."], tmp_path)
    assert bad.code == 2 and "target" in bad.err, bad.err


def test_a_manifest_todo_and_the_closing_note_follow_the_target(tmp_path):
    _project(tmp_path, "0.20.5")
    run = migrate(["code", "--fix", "--no-cache", "--target", "0.20.0", "."], tmp_path)
    assert run.code in (0, 1), run.err
    manifest = (tmp_path / "deploy.yaml").read_text()
    assert "zenmldocker/zenml:0.20.0" in manifest and "0.20.5" not in manifest, manifest
    assert "before the first pipeline run on ZenML 0.20.5" not in run.err, run.err
    write_tree(tmp_path, {"run.py": "from zenml.repository import Repository\n\nprint(Repository().active_stack_name)\n"})
    plain = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert "before the first pipeline run on ZenML 0.20.5" in plain.err, plain.err
