"""Legacy readers on config dirs made by the real ZenML 0.13.2 (fixtures/configs) and on
hand-made variants (tests/profiles/legacy_dirs.py)."""

import os
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.profiles.legacy_dirs import DEFAULT_STACK, default_components, write_config, write_profile, write_sql_profile
from zenml_migrate.profiles.readers import default_config_dir, read_legacy, url_path
from zenml_migrate.profiles.repo import read_repo_config

ROOT = Path(__file__).resolve().parent.parent.parent
CONFIGS = ROOT / "fixtures" / "configs"


def fixture(name: str) -> Path:
    path = CONFIGS / name / "zenml_config"
    assert path.is_dir(), f"missing fixture {path}: run fixtures/make_config_dirs.py {name}"
    return path


def by_key(profile):
    return {(c.type, c.name): c for c in profile.components}


def test_default_only_has_the_default_stack_and_its_components():
    config = read_legacy(str(fixture("default_only")))
    assert config.version == "0.13.2"
    assert config.activated_profile == "default"
    [profile] = config.profiles
    assert (profile.name, profile.store_type, profile.active_stack, profile.is_active) == ("default", "local", "default", True)
    comps = by_key(profile)
    assert set(comps) == {("orchestrator", "default"), ("artifact_store", "default"), ("metadata_store", "default")}
    store = comps[("artifact_store", "default")]
    assert store.config["path"].endswith(f"/local_stores/{store.uuid}")
    assert "name" not in store.config and "uuid" not in store.config
    [stack] = profile.stacks
    assert stack.components == DEFAULT_STACK
    assert stack.origin.path.endswith("stacks.yaml") and stack.origin.line


@pytest.mark.parametrize("form", ["config", "profiles", "profile"])
def test_the_argument_may_be_the_config_dir_the_profiles_dir_or_one_profile(form):
    cfg = fixture("one_stack")
    path = {"config": cfg, "profiles": cfg / "profiles", "profile": cfg / "profiles" / "default"}[form]
    [profile] = read_legacy(str(path)).profiles
    assert {s.name for s in profile.stacks} == {"default", "docker_stack"}
    assert profile.active_stack == "docker_stack"  # config.yaml found above the profile dir too
    orch = by_key(profile)[("orchestrator", "docker_orch")]
    assert orch.flavor == "local_docker" and orch.config == {"docker_parent_image": "python:3.9-slim"}


def test_default_config_dir_follows_zenml_0132():
    assert default_config_dir({"ZENML_CONFIG_PATH": "/x/cfg"}) == "/x/cfg"
    assert default_config_dir({}, "linux", "/home/u") == "/home/u/.config/zenml"
    assert default_config_dir({"XDG_CONFIG_HOME": "/xdg"}, "linux", "/home/u") == "/xdg/zenml"
    assert default_config_dir({}, "darwin", "/Users/u") == "/Users/u/Library/Application Support/zenml"
    assert default_config_dir({"APPDATA": r"C:\Users\u\AppData\Roaming"}, "win32", "C:/Users/u").endswith("zenml")


def test_url_paths():
    assert url_path("file:///tmp/a%20b/profiles/x") == "/tmp/a b/profiles/x"
    assert url_path("sqlite:////abs/zenml.db") == "/abs/zenml.db"
    assert url_path("file:///C:/Users/u/AppData/Roaming/zenml/profiles/p") == "C:/Users/u/AppData/Roaming/zenml/profiles/p"


def test_custom_flavors_are_read_with_their_components():
    [profile] = read_legacy(str(fixture("custom_flavor"))).profiles
    flavors = {(f.type, f.name): f.source for f in profile.flavors}
    assert flavors == {
        ("orchestrator", "my_custom"): "my_flavors.orchestrator.MyOrchestrator",
        ("step_operator", "legacy_op"): "my_flavors.step_operator.LegacyStepOperator",
    }
    comps = by_key(profile)
    assert comps[("orchestrator", "custom_orch")].config == {"my_setting": "xyz", "retries": 5}
    assert comps[("step_operator", "legacy_step_op")].config == {"endpoint": "http://op:9000", "workers": 4}


def test_sql_profiles_are_read_including_a_store_url_outside_profiles():
    config = read_legacy(str(fixture("sql_profile")))
    profiles = {p.name: p for p in config.profiles}
    sqlp = profiles["sqlp"]
    assert sqlp.store_type == "sql" and not sqlp.problems
    assert {s.name: s.components for s in sqlp.stacks}["sql_stack"] == {
        "orchestrator": "ld_orch", "artifact_store": "default", "metadata_store": "default", "secrets_manager": "local_sm"}
    ld = by_key(sqlp)[("orchestrator", "ld_orch")]
    assert ld.config == {"docker_parent_image": "python:3.9-slim"} and len(ld.uuid) == 36
    outside = profiles["sql_outside"]
    assert outside.store_type == "sql" and not outside.problems
    assert outside.path.endswith("elsewhere")  # found under this machine's config dir, not the generator's /tmp
    assert by_key(outside)[("artifact_store", "outside_store")].config == {"path": "/data/outside"}


def test_rest_profiles_are_listed_without_stacks():
    profiles = {p.name: p for p in read_legacy(str(fixture("rich"))).profiles}
    remote = profiles["remote"]
    assert (remote.store_type, remote.store_url) == ("rest", "http://zenml.example.com:8080")
    assert remote.stacks == [] and remote.problems == []


def test_rich_profile_integration_components():
    profile = {p.name: p for p in read_legacy(str(fixture("rich"))).profiles}["default"]
    comps = by_key(profile)
    kf = comps[("orchestrator", "kf_orch")]
    assert kf.flavor == "kubeflow" and kf.config["kubernetes_context"] == "kf-ctx"
    assert comps[("experiment_tracker", "mlflow_tracker")].config["tracking_password"] == "s3cr3t"
    assert comps[("container_registry", "gh_registry")].config["automatic_token_authentication"] is True
    assert profile.extras["teams"] >= 1 and profile.extras["roles"] >= 1
    stacks = {s.name: s.components for s in profile.stacks}
    assert stacks["kf_stack"]["metadata_store"] == "kf_metadata"
    assert stacks["aws_stack"]["artifact_store"] == stacks["kf_stack"]["artifact_store"] == "s3_store"


def test_run_history_is_counted_from_metadata_db_and_pipeline_runs_yaml():
    [profile] = read_legacy(str(fixture("with_runs"))).profiles
    mlmd = [h for h in profile.history if h.component == "default"]
    [h] = mlmd
    assert (h.pipelines, h.runs, h.steps) == (1, 2, 4), h
    assert h.artifacts == 2 and h.error is None  # one output per step
    assert h.artifact_uris and all("local_stores" in u for u in h.artifact_uris)
    [runs_yaml] = [h for h in profile.history if h.component is None]
    assert (runs_yaml.pipelines, runs_yaml.runs, runs_yaml.steps) == (1, 2, 4)


def test_repo_config_is_read():
    cfg = read_repo_config(str(CONFIGS / "with_runs" / "repo"))
    assert cfg.path.endswith(os.path.join(".zen", "config.yaml"))
    assert cfg.active_profile_name is None or isinstance(cfg.active_profile_name, str)


def test_paths_from_another_machine_are_kept_or_mapped_to_where_the_dir_is(tmp_path):
    src = fixture("one_stack")
    cfg = tmp_path / "moved" / "zenml_config"
    shutil.copytree(src, cfg)
    [profile] = read_legacy(str(cfg)).profiles
    default_store = by_key(profile)[("artifact_store", "default")]
    assert not default_store.config["path"].startswith(str(cfg))  # as 0.13.2 wrote it
    assert profile.config_dir == str(cfg)


def test_profile_dirs_missing_from_config_yaml_are_read_too(tmp_path):
    cfg = tmp_path / "cfg"
    write_config(cfg, {"default": {}})
    write_profile(cfg, "default", default_components(cfg), {"default": dict(DEFAULT_STACK)})
    write_profile(cfg, "forgotten", default_components(cfg), {"default": dict(DEFAULT_STACK)})
    assert sorted(p.name for p in read_legacy(str(cfg)).profiles) == ["default", "forgotten"]


def test_a_sql_store_with_an_unfinished_write_is_read_as_0132_reads_it_next(tmp_path):
    # ZenML 0.13.2 killed while it wrote zenml.db (changed pages already in the file, the hot journal next to
    # it): it was refused as "not a readable SQLite database ... restore the zenml.db file from a backup"
    from tests.profiles.legacy_dirs import interrupted_write

    cfg = tmp_path / "cfg"
    write_config(cfg, {"s": {"store_type": "sql", "active_stack": "st"}}, active="s")
    comps = default_components(cfg)
    comps[("orchestrator", "k")] = ("kubeflow", {"kubernetes_context": "c"})
    db = write_sql_profile(cfg / "profiles" / "s" / "zenml.db", comps, {"st": {"orchestrator": "k", "artifact_store": "default"}})
    interrupted_write(db, "UPDATE zenstackcomponent SET configuration = 'half written'")
    files = {p: p.read_bytes() for p in (db, Path(f"{db}-journal"))}
    [p] = read_legacy(str(cfg)).profiles
    assert not p.problems
    assert {s.name: s.components for s in p.stacks} == {"st": {"orchestrator": "k", "artifact_store": "default"}}
    assert by_key(p)[("orchestrator", "k")].config == {"kubernetes_context": "c"}
    assert any("-journal is the unfinished write" in n for n in p.notes)
    assert {f: f.read_bytes() for f in files} == files


def test_an_activated_profile_that_is_not_listed_is_not_called_a_truncated_file(tmp_path):
    # a complete config.yaml (user_id and version, written after the profiles, are there) whose
    # activated_profile names no profile: 0.13.2 stops on it with KeyError; it was said to "look truncated"
    from zenml_migrate.profiles.yaml_io import InputError

    cfg = tmp_path / "cfg"
    write_config(cfg, {"default": {}, "team": {}}, active="vanished")
    write_profile(cfg, "default", default_components(cfg), {"default": dict(DEFAULT_STACK)})
    write_profile(cfg, "team", default_components(cfg), {"default": dict(DEFAULT_STACK)})
    with pytest.raises(InputError) as err:
        read_legacy(str(cfg))
    text = str(err.value.problem)
    assert "'vanished'" in text and "truncated" not in text and "default, team" in text


def test_sql_store_written_by_hand_reads_like_the_real_one(tmp_path):
    cfg = tmp_path / "cfg"
    write_config(cfg, {"s": {"store_type": "sql", "active_stack": "st"}}, active="s")
    comps = default_components(cfg)
    comps[("orchestrator", "k")] = ("kubeflow", {"kubernetes_context": "c"})
    write_sql_profile(cfg / "profiles" / "s" / "zenml.db", comps, {"st": {"orchestrator": "k", "artifact_store": "default"}},
                      [{"type": "orchestrator", "name": "x", "source": "a.B"}])
    [p] = read_legacy(str(cfg)).profiles
    assert {s.name: s.components for s in p.stacks} == {"st": {"orchestrator": "k", "artifact_store": "default"}}
    assert by_key(p)[("orchestrator", "k")].config == {"kubernetes_context": "c"}
    assert [(f.name, f.source) for f in p.flavors] == [("x", "a.B")]


def _original_and_copy(tmp_path, name):
    """An 'original' config dir whose config.yaml names itself (as 0.13.2 wrote it there), and a
    copy of it elsewhere: both exist, as for a backup taken on the same machine."""
    src = fixture(name)
    original = tmp_path / "home" / ".config" / "zenml"
    shutil.copytree(src, original)
    text = (original / "config.yaml").read_text()
    recorded = re.search(r"(?:file://|sqlite:///)(/\S+?)/profiles/", text).group(1)
    (original / "config.yaml").write_text(text.replace(recorded, str(original)))
    for f in original.rglob("*.yaml"):  # component files name local_stores/<uuid> under the recorded dir
        f.write_text(f.read_text().replace(recorded, str(original)))
    copy = tmp_path / "backup" / "zenml_config"
    shutil.copytree(original, copy)
    return original, copy


def test_a_copied_config_dir_is_read_from_the_copy_not_from_the_dir_its_urls_name(tmp_path):
    # the SQL store and the metadata.db under the config dir are read where the user pointed, as the
    # YAML stores already were: the original (still there, same machine) may hold other stacks and runs
    original, copy = _original_and_copy(tmp_path, "sql_profile")
    conn = sqlite3.connect(copy / "profiles" / "sqlp" / "zenml.db")
    conn.execute("DELETE FROM zenstackdefinition WHERE stack_name = 'sql_stack'")
    conn.execute("DELETE FROM zenstack WHERE name = 'sql_stack'")
    conn.commit()
    conn.close()
    profiles = {p.name: p for p in read_legacy(str(copy)).profiles}
    assert "sql_stack" not in {s.name for s in profiles["sqlp"].stacks}
    assert profiles["sqlp"].path == str(copy / "profiles" / "sqlp")
    assert profiles["sql_outside"].path == str(copy / "elsewhere")
    (copy / "profiles" / "sqlp" / "zenml.db").write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)  # damaged
    assert {p.name: p for p in read_legacy(str(copy)).profiles}["sqlp"].problems
    assert "sql_stack" in {s.name for s in {p.name: p for p in read_legacy(str(original)).profiles}["sqlp"].stacks}


def test_the_run_history_of_a_copied_config_dir_is_read_from_the_copy(tmp_path):
    original, copy = _original_and_copy(tmp_path, "with_runs")
    [db] = list(copy.glob("local_stores/*/metadata.db"))
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM Context WHERE type_id = (SELECT id FROM Type WHERE name = 'pipeline_run') "
                 "AND id = (SELECT max(id) FROM Context WHERE type_id = (SELECT id FROM Type WHERE name = 'pipeline_run'))")
    conn.commit()
    conn.close()
    [profile] = read_legacy(str(copy)).profiles
    [h] = [h for h in profile.history if h.component == "default"]
    assert h.runs == 1 and (h.location or "").startswith(str(copy))
    [profile] = read_legacy(str(original)).profiles
    assert [h.runs for h in profile.history if h.component == "default"] == [2]
