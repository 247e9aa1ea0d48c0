"""The plan: per item migrate / migrate with changes / drop / conflict / already migrated."""

import os
import itertools
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from tests.profiles.legacy_dirs import DEFAULT_STACK, default_components, simple_config, write_config, write_profile
from tests.profiles.test_readers import CONFIGS, ROOT, fixture
from zenml_migrate.profiles import custom_flavors
from zenml_migrate.profiles.model import Action
from zenml_migrate.profiles.plan import PlanError, PlanOptions, build_plan
from zenml_migrate.profiles.readers import read_legacy
from zenml_migrate.profiles.targets import Existing

PKG = ROOT / "fixtures" / "custom_flavor_pkg"


def ids():
    counter = itertools.count(1)
    return lambda: f"00000000-0000-4000-8000-{next(counter):012d}"


def plan_for(cfg, existing=None, **options):
    options.setdefault("new_id", ids())
    return build_plan(read_legacy(str(cfg)), existing, PlanOptions(**options))


def comp(plan, type_, name, profile=None):
    [c] = [c for c in plan.components if c.legacy.type == type_ and c.legacy.name == name and (profile is None or c.profile == profile)]
    return c


def stack(plan, name, profile=None):
    [s] = [s for s in plan.stacks if s.legacy.name == name and (profile is None or s.profile == profile)]
    return s


def test_defaults_are_renamed_and_the_default_artifact_store_keeps_its_path():
    plan = plan_for(fixture("one_stack"))
    store = comp(plan, "artifact_store", "default")
    assert store.action == Action.CHANGE and store.target_name == "legacy_default"
    # the config dir was made elsewhere (its recorded folder is gone) and came without its local_stores data: the path
    # follows the config dir, where run notes say to copy the folder back (review23 G4), and the plan says it is missing
    moved = os.path.join(fixture("one_stack"), "local_stores", store.legacy.uuid)
    assert not os.path.exists(store.legacy.config["path"]) and not os.path.exists(moved)
    assert store.target_config == {"path": moved}
    assert f"path {store.legacy.config['path']} -> {moved} (the config dir moved; the same path under it)" in store.notes
    assert any(n.startswith(f"path {moved} does not exist on this machine") for n in store.notes), store.notes
    assert comp(plan, "orchestrator", "default").target_name == "legacy_default"
    default = stack(plan, "default")
    assert default.target_name == "legacy_default" and set(default.components) == {"orchestrator", "artifact_store"}
    assert any("metadata_store" in n for n in default.notes)


def test_metadata_stores_are_dropped_with_their_run_counts():
    plan = plan_for(fixture("with_runs"))
    ms = comp(plan, "metadata_store", "default")
    assert ms.action == Action.DROP
    assert "2 runs of 1 pipeline," in ms.notes[0] and "metadata.db" in ms.notes[0]


def test_removed_keys_say_where_they_went():
    plan = plan_for(fixture("one_stack"))
    orch = comp(plan, "orchestrator", "docker_orch")
    assert orch.action == Action.CHANGE and orch.target_config == {}
    assert orch.removed == {"docker_parent_image": "python:3.9-slim"}
    assert "DockerSettings(parent_image" in orch.notes[0]
    assert stack(plan, "docker_stack").active and plan.active_stack == "docker_stack"


def test_rich_profile_components_map_to_020():
    plan = plan_for(fixture("rich"), profiles=["default"])
    kf = comp(plan, "orchestrator", "kf_orch")
    assert "custom_docker_base_image_name" not in kf.target_config and "docker_parent_image" not in kf.target_config
    assert kf.target_config["kubernetes_context"] == "kf-ctx" and kf.target_config["kubeflow_pipelines_ui_port"] == 8090
    gh = comp(plan, "container_registry", "gh_registry")
    assert "automatic_token_authentication" in gh.removed and gh.target_config == {"uri": "ghcr.io/acme"}
    mlflow = comp(plan, "experiment_tracker", "mlflow_tracker")
    assert mlflow.action == Action.MIGRATE and set(mlflow.secret_keys) == {"tracking_username", "tracking_password"}
    sm = comp(plan, "step_operator", "sagemaker_op")
    assert sm.target_config["role"].startswith("arn:") and "docker_parent_image" not in sm.target_config
    assert comp(plan, "metadata_store", "kf_metadata").action == Action.DROP
    assert stack(plan, "kf_stack").components["artifact_store"] is stack(plan, "aws_stack").components["artifact_store"]
    assert plan.active_stack == "kf_stack"


def test_rest_profile_is_explained_not_migrated():
    plan = plan_for(fixture("rich"))
    assert any("http://zenml.example.com:8080" in n for n in plan.profile_notes["remote"])
    assert not [i for i in [*plan.components, *plan.stacks] if i.profile == "remote"]


def test_renamed_flavors(tmp_path):
    cfg = simple_config(tmp_path / "cfg", {
        ("secrets_manager", "akv"): ("azure_key_vault", {"key_vault_name": "kv"}),
        ("secrets_manager", "gsm"): ("gcp_secrets_manager", {"project_id": "p"}),
    })
    plan = plan_for(cfg)
    assert comp(plan, "secrets_manager", "akv").target_flavor == "azure"
    assert comp(plan, "secrets_manager", "gsm").target_flavor == "gcp"
    assert all(comp(plan, "secrets_manager", n).action == Action.CHANGE for n in ("akv", "gsm"))


def test_local_store_paths_zenml_derived_are_made_explicit(tmp_path):
    cfg = simple_config(tmp_path / "cfg", {("secrets_manager", "sm"): ("local", {"uuid": "11111111-2222-4333-8444-555555555555"})})
    sm = comp(plan_for(cfg), "secrets_manager", "sm")
    assert sm.target_config["secrets_file"] == f"{cfg}/local_stores/11111111-2222-4333-8444-555555555555/secrets.yaml"
    assert sm.action == Action.CHANGE


def test_several_profiles_get_a_suffix_where_they_clash_and_identical_items_merge():
    plan = plan_for(fixture("multi"), profiles=["team_a", "team_b"])
    assert {stack(plan, "dev", p).target_name for p in ("team_a", "team_b")} == {"dev_team_a", "dev_team_b"}
    assert {comp(plan, "orchestrator", "docker", p).target_name for p in ("team_a", "team_b")} == {"docker_team_a", "docker_team_b"}
    [shared_store] = [c for c in plan.components if c.legacy.name == "shared_store"]
    assert shared_store.target_name == "shared_store" and any("identical" in n for n in shared_store.notes)
    [shared] = [s for s in plan.stacks if s.legacy.name == "shared"]
    assert shared.target_name == "shared"
    assert plan.active_stack_is_suggestion and plan.active_stack == "dev_team_a"  # team_a is the active profile
    names = [c.target_name for c in plan.components if c.action in (Action.MIGRATE, Action.CHANGE)]
    assert len(names) == len({(c.legacy.type, c.target_name) for c in plan.components if c.action in (Action.MIGRATE, Action.CHANGE)})


def test_prefix_and_profile_selection():
    plan = plan_for(fixture("multi"), profiles=["team_b"], prefix="x_")
    assert {s.target_name for s in plan.stacks} == {"x_dev", "x_shared", "x_legacy_default"}
    assert plan.active_stack == "x_dev" and not plan.active_stack_is_suggestion
    with pytest.raises(PlanError, match="no profile named nope"):
        plan_for(fixture("multi"), profiles=["nope"])


def test_bundle_names_never_trigger_the_import_prompt(tmp_path):
    cfg = simple_config(tmp_path / "cfg", {
        ("orchestrator", "abc123"): ("local", {}),
        ("artifact_store", "prod"): ("local", {"path": "/p"}),
    }, {"prod": {"orchestrator": "abc123", "artifact_store": "prod"}})
    plan = plan_for(cfg, import_safe_names=True)
    assert comp(plan, "orchestrator", "abc123").target_name == "abc123_orchestrator"
    assert comp(plan, "artifact_store", "prod").target_name == "prod_artifact_store"
    stacks = {s.target_name for s in plan.stacks}
    assert not stacks & {c.target_name for c in plan.components}
    plain = plan_for(cfg)  # the store / REST targets keep the names
    assert comp(plain, "orchestrator", "abc123").target_name == "abc123"


def test_conflicts_done_and_overwrite(tmp_path):
    cfg = simple_config(tmp_path / "cfg", {("orchestrator", "o"): ("local", {}), ("artifact_store", "a"): ("local", {"path": "/a"})},
                        {"s": {"orchestrator": "o", "artifact_store": "a"}})
    existing = Existing(components={("orchestrator", "o"): ("local", {}), ("artifact_store", "a"): ("local", {"path": "/other"})},
                        stacks={"s": {"orchestrator": "o", "artifact_store": "a"}})
    plan = plan_for(cfg, existing)
    assert comp(plan, "orchestrator", "o").action == Action.DONE
    assert comp(plan, "artifact_store", "a").action == Action.CONFLICT
    assert stack(plan, "s").action == Action.CONFLICT
    over = plan_for(cfg, existing, overwrite=True)
    assert comp(over, "artifact_store", "a").replaces_existing and comp(over, "artifact_store", "a").action == Action.MIGRATE
    assert stack(over, "s").replaces_existing


def test_rerun_after_success_is_already_migrated(tmp_path):
    cfg = simple_config(tmp_path / "cfg", {("orchestrator", "o"): ("local", {}), ("artifact_store", "a"): ("local", {"path": "/a"})},
                        {"s": {"orchestrator": "o", "artifact_store": "a"}})
    first = plan_for(cfg)
    existing = Existing(
        components={(c.legacy.type, c.target_name): (c.target_flavor, c.target_config) for c in first.components if c.action != Action.DROP},
        stacks={s.target_name: {t: c.target_name for t, c in s.components.items()} for s in first.stacks},
    )
    again = plan_for(cfg, existing)
    assert {i.action for i in [*again.components, *again.stacks] if i.action != Action.DROP} == {Action.DONE}
    assert again.writable() == ([], [], [])


def test_invalid_items_are_problems_and_their_stacks_are_not_migrated(tmp_path):
    cfg = simple_config(tmp_path / "cfg", {
        ("orchestrator", "bad"): ("local_docker", {"docker_parent_image": "x", "no_such_key": 1}),
        ("step_operator", "sm"): ("sagemaker", {"instance_type": "ml.m5.large"}),
        ("orchestrator", "weird"): ("no_such_flavor", {}),
    }, {"broken": {"orchestrator": "bad", "artifact_store": "default"}, "fine": {"orchestrator": "default", "artifact_store": "default"}})
    plan = plan_for(cfg)
    messages = "\n".join(str(p) for p in plan.problems)
    assert "no_such_key" in messages and "bad.yaml:" in messages  # file and line
    assert "lacks role" in messages and "no_such_flavor" in messages
    assert stack(plan, "broken").action == Action.DROP
    assert stack(plan, "fine").action in (Action.MIGRATE, Action.CHANGE)


def test_custom_flavor_found_by_inspection_or_marked_as_needing_a_class():
    plan = plan_for(fixture("custom_flavor"))
    found = custom_flavors.find_020_flavor("my_flavors.orchestrator.MyOrchestrator", "orchestrator", [str(PKG)])
    assert found.source == "my_flavors.flavors.my_orchestrator_flavor.MyOrchestratorFlavor"
    missing = custom_flavors.find_020_flavor("my_flavors.step_operator.LegacyStepOperator", "step_operator", [str(PKG)])
    assert missing.source is None and "no 0.20 Flavor class" in missing.notes[0]
    nowhere = custom_flavors.find_020_flavor("not_installed.mod.Cls", "orchestrator", [str(PKG)])
    assert nowhere.source is None and "not found in the folders searched" in nowhere.notes[0]
    legacy_op = [f for f in plan.flavors if f.legacy.name == "legacy_op"][0]
    assert legacy_op.needs_flavor_class and any("needs a 0.20 Flavor class" in n for n in legacy_op.notes)
    assert legacy_op.components == ["legacy_step_op"]
    custom_orch = comp(plan, "orchestrator", "custom_orch")
    assert custom_orch.custom_flavor and custom_orch.target_config == {"my_setting": "xyz", "retries": 5}


def test_ids_are_fresh_and_only_for_written_items():
    plan = build_plan(read_legacy(str(fixture("rich"))), None, PlanOptions())
    written = [i.new_id for i in [*plan.components, *plan.stacks] if i.action in (Action.MIGRATE, Action.CHANGE)]
    assert len(written) == len(set(written)) and all(len(i) == 36 and i[14] == "4" for i in written)
    assert all(c.new_id is None for c in plan.components if c.action == Action.DROP)


@pytest.mark.real_zenml
def test_every_0132_flavor_key_is_a_020_key_or_a_documented_removal(tmp_path):
    """Unknown keys are bad input: make sure no real 0.13.2 field is mistaken for one."""
    import json

    from tests.realzenml import python
    from zenml_migrate.profiles import flavors_020

    script = Path(__file__).resolve().parent / "dump_013_flavors.py"
    legacy = json.loads(python("0.13.2", [str(script)], tmp_path / "cfg").stdout.strip().splitlines()[-1])
    checked = 0
    for type_, flavors in legacy.items():
        if type_ in flavors_020.DROPPED_TYPES:
            continue
        for name, keys in flavors.items():
            if isinstance(keys, str):  # could not be imported even with stand-ins (deepchecks)
                continue
            tr = flavors_020.translate(type_, name, {k: "x" for k in keys})
            assert tr.unknown_keys == [], (type_, name, tr.unknown_keys)
            assert set(flavors_020.REMOVED_KEYS.get((type_, name), {})) <= set(keys), (type_, name)
            checked += 1
    assert checked >= 35


def test_a_profile_whose_active_stack_was_deleted_is_migrated_with_a_note(tmp_path):
    """ZenML 0.13.2 lets its zen_store API delete the active stack (Repository().zen_store.deregister_stack):
    config.yaml still names it. The whole profile was refused as damaged ("restore stacks.yaml from
    a backup"), so its stacks needed --skip-invalid and were then not migrated at all."""
    cfg = simple_config(tmp_path / "cfg", {("orchestrator", "o2"): ("local", {})},
                        {"kept": {"orchestrator": "o2", "artifact_store": "default", "metadata_store": "default"}},
                        active_stack="doomed")
    plan = plan_for(cfg)
    assert not plan.problems
    assert {s.legacy.name for s in plan.stacks} == {"default", "kept"}
    assert all(s.action in (Action.MIGRATE, Action.CHANGE) for s in plan.stacks)
    assert plan.active_stack is None and not any(s.active for s in plan.stacks)
    [note] = [n for n in plan.profile_notes["default"] if "doomed" in n]
    assert note == (f"config.yaml names 'doomed' as the active stack of this profile, but {cfg}/profiles/default/stacks.yaml has no "
                    "such stack (deleted while active; the store is otherwise complete): its 2 stacks are migrated, none "
                    "becomes active from this profile")


def _remote_mlmd_profile(cfg, name, runs, host):
    """A YAML profile whose stack 'team' uses a MySQL metadata store; ``runs`` are written into its
    pipeline_runs.yaml (each naming the stack's metadata store, or the local default one)."""
    components = default_components(cfg)
    mysql_id = f"7a3c9e51-0d2b-4f6e-8a1c-{abs(hash(name)) % 10 ** 12:012d}"
    components[("metadata_store", "team-mlmd")] = ("mysql", {"host": host, "port": 3306, "database": "mlmd",
                                                             "username": "ml", "password": "pw-Kq72", "uuid": mysql_id})
    write_profile(cfg, name, components, {"default": DEFAULT_STACK, "team": {**DEFAULT_STACK, "metadata_store": "team-mlmd"}})
    entries = []
    for run_name, store in runs:
        uuid_ = mysql_id if store == "team-mlmd" else components[("metadata_store", "default")][1]["uuid"]
        entries.append({"name": run_name, "zenml_version": "0.13.2", "user_id": "5e4b1c2a-9d3f-4e6a-8b7c-0a1b2c3d4e5f",
                        "git_sha": None, "project_name": None, "pipeline": {"name": "p", "steps": []},
                        "stack": {"name": "team" if store == "team-mlmd" else "default",
                                  "components": [{"type": "metadata_store", "name": store, "uuid": uuid_, "flavor": "x", "config": ""}]}})
    (cfg / "profiles" / name / "pipeline_runs.yaml").write_text(
        yaml.safe_dump({"pipeline_runs": {"p": entries} if entries else {}}), encoding="utf-8")


def test_a_remote_metadata_store_no_run_of_the_profile_used_is_not_said_to_hold_its_runs(tmp_path):
    cfg = tmp_path / "zenml"
    _remote_mlmd_profile(cfg, "idle", [], "mlmd-idle.example")
    _remote_mlmd_profile(cfg, "local-runs", [("r1", "default")], "mlmd-local.example")
    _remote_mlmd_profile(cfg, "busy", [("r2", "team-mlmd")], "mlmd-busy.example")
    write_config(cfg, {p: {} for p in ("idle", "local-runs", "busy")}, active="idle")
    plan = plan_for(cfg)
    idle = " ".join(comp(plan, "metadata_store", "team-mlmd", "idle").notes)
    assert "the profile records no run" in idle and "mlmd-idle.example is remote" in idle and "its runs stay" not in idle
    local_runs = " ".join(comp(plan, "metadata_store", "team-mlmd", "local-runs").notes)
    assert "none of the profile's 1 recorded runs used a stack with it" in local_runs
    busy = " ".join(comp(plan, "metadata_store", "team-mlmd", "busy").notes)
    assert "its runs stay on that server" in busy
    notes = " ".join(plan.history_notes)
    assert "metadata store team-mlmd" in notes and "busy: the runs of" in notes
    assert "idle: the runs of" not in notes and "local-runs: the runs of" not in notes


def test_a_relative_artifact_store_path_is_resolved_from_the_current_folder_or_said_where_to_run_from(tmp_path, monkeypatch):
    cfg = tmp_path / "zenml"
    components = default_components(cfg)
    components[("artifact_store", "rel")] = ("local", {"path": "runs_art"})
    components[("artifact_store", "home")] = ("local", {"path": "$HOME/zen_q"})
    write_profile(cfg, "default", components, {"default": DEFAULT_STACK, "r": {**DEFAULT_STACK, "artifact_store": "rel"},
                                               "h": {**DEFAULT_STACK, "artifact_store": "home"}})
    write_config(cfg, {"default": {}})
    project = tmp_path / "project"
    (project / "runs_art").mkdir(parents=True)
    (project / "$HOME" / "zen_q").mkdir(parents=True)  # what 0.13.2 made of --path='$HOME/zen_q'
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    plan = plan_for(cfg)
    rel = comp(plan, "artifact_store", "rel")
    note = " ".join(rel.notes)
    assert rel.target_config["path"] == "runs_art" and "is relative" in note and str(elsewhere) in note
    assert "does not exist on this machine" not in note
    assert "a folder named '$HOME' there" in " ".join(comp(plan, "artifact_store", "home").notes)
    monkeypatch.chdir(project)
    plan = plan_for(cfg)
    assert comp(plan, "artifact_store", "rel").target_config["path"] == str(project / "runs_art")
    assert comp(plan, "artifact_store", "home").target_config["path"] == str(project / "$HOME" / "zen_q")
    assert comp(plan, "artifact_store", "rel").action == Action.CHANGE


def test_the_suggested_active_stack_is_the_repository_s_when_one_is_given():
    """Several profiles: the suggestion was the active profile's stack even when ``--repo`` names
    another profile and stack; `zenml stack set` of it, run inside that repository, switched the
    repository off the stack its pipelines ran on (review27 R3)."""
    from zenml_migrate.profiles.model import RepoConfig

    legacy = read_legacy(str(fixture("multi")))
    legacy.repo = RepoConfig("/r/.zen/config.yaml", "team_b", "dev")
    plan = build_plan(legacy, None, PlanOptions(profiles=["team_a", "team_b"], new_id=ids()))
    assert plan.active_stack_is_suggestion and plan.active_stack == "dev_team_b"
    assert "suggested 0.20 active stack: dev_team_b" in " ".join(plan.warnings)


def test_each_target_store_gets_a_new_outputs_folder_of_its_own(tmp_path):
    """review29 R9: two 0.20 stores migrated from one 0.13.2 config dir (a local try, then the team
    server) number their runs alike; with one `<path>/zenml-0.20` the runs of one overwrote the
    other's outputs. The folder is named after the target store; the same store gets the same one;
    a bundle (its store not known yet) keeps `zenml-0.20` and says what to do."""
    cfg = tmp_path / "zenml_config"
    shutil.copytree(fixture("script_materializer"), cfg)

    def store_path(store_id):
        existing = Existing(store_id=store_id) if store_id else None
        pc = comp(plan_for(cfg, existing), "artifact_store", "default")
        return pc.target_config["path"], " ".join(pc.notes)

    a, note_a = store_path("0f3c2a9e7b6d4c1e9a8b7c6d5e4f3a2b")
    a_again, _ = store_path("0f3c2a9e7b6d4c1e9a8b7c6d5e4f3a2b")
    b, _ = store_path("5d1e8f3a-7c2b-4d9e-8f1a-2b3c4d5e6f70")
    bundle, note_bundle = store_path(None)
    assert a.endswith("/zenml-0.20-0f3c2a9e") and b.endswith("/zenml-0.20-5d1e8f3a") and a == a_again, (a, b)
    assert a.rsplit("/", 1)[0] == b.rsplit("/", 1)[0] == bundle.rsplit("/", 1)[0]
    assert bundle.endswith("/zenml-0.20") and "not known here" in note_bundle and "import.sh name the folder after the store" in note_bundle
    assert "another 0.20 store migrated from the same folder gets another" in note_a
