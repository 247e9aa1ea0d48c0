"""A pre-0.7 repository: ``.zen/config.yaml`` keeps the repo's own stacks (``version``,
``active_stack_name``, ``stacks``, ``stack_components``; component files in ``.zen/<type>s/``),
the layout ZenML 0.13.2 still recognises (``zenml.repository.LegacyRepositoryConfig``).

ZenML 0.13.2 converts such a repo on its first command there into a profile
``legacy-repository-XXXXXXXX`` whose store holds only a new default stack, and rewrites the config
without ``stacks`` (checked with the real 0.13.2: "Stack local_stack not found"): the repo's
stacks are lost. `migrate profiles --repo` reads them as one more profile, ``legacy-repository``.

Input: a repo built from the real 0.13.2 files of ``fixtures/configs/script_materializer`` (its
component files, metadata.db and artifacts, the components renamed as pre-0.7 `zenml init` named
them), the stacks written in the legacy layout.
"""

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests import realzenml
from tests.clirunner import cli_runner
from tests.profiles.test_readers import fixture
from tests.profiles.test_script_materializer import RUNS, assert_outputs_read_back, make_config_dirs
from tests.profiles.test_history import history_store
from tests.profiles.test_store import rows
from zenml_migrate.cli import app

runner = cli_runner()
NAMES = {"orchestrator": "local_orchestrator", "metadata_store": "local_metadata_store", "artifact_store": "local_artifact_store"}


def legacy_repo(root: Path) -> Path:
    """``root/repo`` with a pre-0.7 ``.zen`` holding stack ``default`` (the stack the runs used)."""
    src = fixture("script_materializer")
    profile = src / "profiles" / "default"
    zen = root / "repo" / ".zen"
    zen.mkdir(parents=True)
    [db] = (src / "local_stores").rglob("metadata.db")
    shutil.copy(db, zen / "metadata.db")
    store_uuid = yaml.safe_load((profile / "artifact_stores" / "default.yaml").read_text())["uuid"]
    shutil.copytree(src / "local_stores" / store_uuid, zen / "local_stores" / store_uuid)  # the artifacts
    for type_, name in NAMES.items():
        data = yaml.safe_load((profile / f"{type_}s" / "default.yaml").read_text())
        data["name"] = name
        if type_ == "metadata_store":
            data["uri"] = str(zen / "metadata.db")
        if type_ == "artifact_store":
            data["path"] = str(zen / "local_stores" / store_uuid)
        (zen / f"{type_}s").mkdir()
        (zen / f"{type_}s" / f"{name}.yaml").write_text(yaml.safe_dump(data))
    config = {
        "version": "0.6.3",
        "active_stack_name": "default",
        "stacks": {"default": {**NAMES, "container_registry": None}},
        "stack_components": {t: {n: {"metadata_store": "sqlite"}.get(t, "local")} for t, n in NAMES.items()},
    }
    (zen / "config.yaml").write_text(yaml.safe_dump(config))
    return root / "repo"


def test_the_stacks_of_a_pre_07_repo_are_planned_and_said(tmp_path):
    repo = legacy_repo(tmp_path)
    result = runner.invoke(app, ["profiles", str(fixture("default_only")), "--repo", str(repo), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    mine = {(i["kind"], i["name"]): i for i in data["items"] if i["profile"] == "legacy-repository"}
    assert {k for k in mine} == {("stack", "default"), *(("component", n) for n in NAMES.values())}, mine
    assert mine[("stack", "default")]["action"] != "drop"
    [profile] = [p for p in data["profiles"] if p["name"] == "legacy-repository"]
    assert any("pre-0.7 repository" in n and str(repo) in n for n in profile["notes"])
    table = runner.invoke(app, ["profiles", str(fixture("default_only")), "--repo", str(repo)])
    assert "pre-0.7 repository" in " ".join(table.output.split())


def test_a_pre_07_repo_is_written_with_its_runs_and_the_repo_points_at_its_stack(tmp_path):
    repo = legacy_repo(tmp_path)
    db = history_store(tmp_path / "cfg020")
    result = runner.invoke(app, ["profiles", str(fixture("default_only")), "--repo", str(repo), "--store", str(db), "-q"])
    assert result.exit_code == 0, result.output
    assert sorted(n for (n,) in rows(db, "select name from pipelinerunschema")) == sorted(RUNS)
    [(stack_id,)] = rows(db, "select id from stackschema where name = 'legacy_default_legacy-repository'")
    members = {n for (n,) in rows(db, "select c.name from stackcompositionschema s join stackcomponentschema c on c.id = s.component_id "
                                       "where s.stack_id = ?", stack_id)}
    assert members == {"local_orchestrator", "local_artifact_store"}
    text = (repo / ".zen" / "config.yaml").read_text()
    assert f"active_stack_id: {stack_id[:8]}-" in text or f"active_stack_id: {stack_id}" in text, text
    assert "stacks:" in (repo / ".zen" / "config.yaml.zenml-0.13.2.bak").read_text()
    again = runner.invoke(app, ["profiles", str(fixture("default_only")), "--repo", str(repo), "--store", str(db), "-q"])
    assert again.exit_code == 0 and "already migrated" in again.output, again.output


def test_a_pre_07_repo_left_out_by_profile_is_said_and_not_pointed_at_another_profiles_stack(tmp_path):
    repo = legacy_repo(tmp_path)
    db = history_store(tmp_path / "cfg020")
    args = ["profiles", str(fixture("default_only")), "--repo", str(repo), "--profile", "default"]
    plan = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    assert any("pre-0.7 repository" in w and "--profile legacy-repository" in w for w in plan["warnings"]), plan["warnings"]
    assert {i["profile"] for i in plan["items"]} == {"default"}
    result = runner.invoke(app, [*args, "--store", str(db), "-q"])
    assert result.exit_code == 0, result.output
    text = (repo / ".zen" / "config.yaml").read_text()
    assert "active_project_name: default" in text and "active_stack_id" not in text  # the profile's 'default' is not the repo's


def test_a_pre_07_repo_given_as_the_config_dir_says_to_pass_it_with_repo(tmp_path):
    repo = legacy_repo(tmp_path)
    result = runner.invoke(app, ["profiles", str(repo / ".zen")])
    assert result.exit_code == 2
    assert "pre-0.7 repository" in result.output and "--repo" in result.output, result.output


@pytest.mark.real_zenml
@pytest.mark.parametrize("version", ("0.20.0", "0.20.5"))
def test_a_pre_07_repo_reads_back_on_real_zenml(fresh_store, tmp_path, version):
    from tests.profiles.test_real_020 import copy_config

    repo = legacy_repo(tmp_path)
    cfg = copy_config(fresh_store[version], tmp_path / "zenml")
    code = tmp_path / "code"
    code.mkdir()
    (code / "box_runs.py").write_text(make_config_dirs.SCRIPT_PIPELINE)
    assert runner.invoke(app, ["code", "--fix", str(code / "box_runs.py")]).exit_code in (0, 1)
    db = cfg / "local_stores" / "default_zen_store" / "zenml.db"
    result = runner.invoke(app, ["profiles", str(fixture("default_only")), "--repo", str(repo), "--store", str(db), "--code", str(code), "-q"])
    assert result.exit_code == 0, result.output
    listed = realzenml.zenml(version, ["stack", "describe", "legacy_default_legacy-repository"], cfg, cwd=code).stdout
    assert "local_orchestrator" in listed and "local_artifact_store" in listed, listed
    assert_outputs_read_back(version, tmp_path, cfg, code)


def test_a_repo_config_that_cannot_be_rewritten_stops_before_the_target_is_written(tmp_path, monkeypatch):
    """Checked on a read-only bind mount: the store was written, then 'cannot rewrite the repository
    config (Read-only file system)', exit 2, and the next steps and the report were never printed."""
    from zenml_migrate.profiles import repo as repo_config

    repo = legacy_repo(tmp_path)
    db = history_store(tmp_path / "cfg020")
    before = db.read_bytes()
    monkeypatch.setattr(repo_config, "_can_write", lambda path: not str(path).startswith(str(repo)), raising=False)
    result = runner.invoke(app, ["profiles", str(fixture("default_only")), "--repo", str(repo), "--store", str(db)])
    assert result.exit_code == 2, result.output
    assert "the repository config cannot be rewritten" in result.output and "nothing was written" in result.output
    assert db.read_bytes() == before and not list(db.parent.glob("*.bak-*"))
