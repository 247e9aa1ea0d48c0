"""Config dirs that a ZenML before 0.13.2 created (0.10.0, 0.12.0), opened by 0.13.2 or not.

The layouts below are the ones the real releases write (checked on config dirs built with the
real 0.10.0 and 0.12.0 CLI and runs): 0.10's stacks.yaml has no ``store_associations`` (0.11+);
0.7's none of ``stack_component_flavors`` (0.8+) either; 0.10's SQL store keys components by
(component_type, name); 0.10's run history has no legacy ``zenml`` context per step (its script is
in pipeline_runs.yaml); 0.10's secrets managers record no ``scope``; 0.10 had a ``gitlab``
container registry flavor. 0.13.2 rewrites none of this when it only reads the dir.
"""

import base64
import shutil
import sqlite3
import uuid
from pathlib import Path

import pytest
import yaml

from tests.profiles.legacy_dirs import DEFAULT_STACK, default_components, write_config, write_profile
from tests.profiles.test_history import CODE, HISTORY, TRAINING_SPEC
from zenml_migrate.profiles.model import Action
from zenml_migrate.profiles.plan import PlanOptions, build_plan
from zenml_migrate.profiles.readers import read_legacy


def plan_for(cfg, **options):
    return build_plan(read_legacy(str(cfg)), options=PlanOptions(**options))


def comp(plan, type_, name):
    [c] = [c for c in plan.components if c.legacy.type == type_ and c.legacy.name == name]
    return c


def as_written_by(stacks_file: Path, version: str) -> None:
    """Drop the stacks.yaml keys that release did not write yet, and set config.yaml's version."""
    data = yaml.safe_load(stacks_file.read_text())
    data.pop("store_associations")
    if version.startswith("0.7."):
        data.pop("stack_component_flavors")
    stacks_file.write_text(yaml.safe_dump(data, sort_keys=True))
    cfg = stacks_file.parents[2] / "config.yaml"
    doc = yaml.safe_load(cfg.read_text())
    doc["version"] = version
    cfg.write_text(yaml.safe_dump(doc, sort_keys=True))


@pytest.mark.parametrize("version", ["0.10.0", "0.7.3"])
def test_a_store_an_older_release_wrote_is_read_not_called_truncated(tmp_path, version):
    cfg = tmp_path / "zenml_config"
    comps = default_components(cfg)
    comps[("orchestrator", "kf")] = ("kubeflow", {"kubernetes_context": "kind-a", "synchronous": True})
    write_config(cfg, {"default": {"active_stack": "kf_stack"}})
    prof = write_profile(cfg, "default", comps, {"default": dict(DEFAULT_STACK), "kf_stack": {**DEFAULT_STACK, "orchestrator": "kf"}})
    as_written_by(prof / "stacks.yaml", version)
    plan = plan_for(cfg)
    assert not plan.problems
    assert comp(plan, "orchestrator", "kf").action == Action.MIGRATE
    assert {s.legacy.name for s in plan.stacks if s.action in (Action.MIGRATE, Action.CHANGE)} == {"default", "kf_stack"}


def test_a_cut_store_an_older_release_wrote_is_still_called_truncated(tmp_path):
    cfg = tmp_path / "zenml_config"
    write_config(cfg, {"default": {}})
    prof = write_profile(cfg, "default", default_components(cfg), {"default": dict(DEFAULT_STACK)})
    as_written_by(prof / "stacks.yaml", "0.10.0")
    text = (prof / "stacks.yaml").read_text()
    (prof / "stacks.yaml").write_text(text[: text.index("teams:")])  # keys are sorted: the cut loses teams and users
    [problem] = read_legacy(str(cfg)).profiles[0].problems
    assert "looks truncated" in problem.message and "teams, users" in problem.message


@pytest.mark.parametrize("release", ["0.10.0", "0.12.0"])
def test_the_sql_store_of_0100_and_0120_names_components_by_type_and_name(tmp_path, release):
    """0.10 keys zenstackcomponent by (component_type, name); 0.12 adds an id column but keeps the old
    column names, and its zenstackdefinition still names components by type and name."""
    cfg = tmp_path / "zenml_config"
    db = cfg / "profiles" / "sqlp" / "zenml.db"
    write_config(cfg, {"sqlp": {"store_type": "sql", "active_stack": "ml_stack"}}, active="sqlp")
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    id_column = "id CHAR(32) NOT NULL, " if release == "0.12.0" else ""
    conn.executescript(f"""
        CREATE TABLE zenstackcomponent ({id_column}component_type VARCHAR NOT NULL, name VARCHAR NOT NULL,
            component_flavor VARCHAR NOT NULL, configuration BLOB NOT NULL,
            PRIMARY KEY ({"id" if id_column else "component_type, name"}));
        CREATE TABLE zenstack (name VARCHAR NOT NULL, created_by INTEGER NOT NULL, create_time DATETIME, PRIMARY KEY (name));
        CREATE TABLE zenstackdefinition (stack_name VARCHAR NOT NULL, component_type VARCHAR NOT NULL,
            component_name VARCHAR NOT NULL, PRIMARY KEY (stack_name, component_type, component_name));
        CREATE TABLE zenflavor (type VARCHAR NOT NULL, name VARCHAR NOT NULL, source VARCHAR NOT NULL, integration VARCHAR,
            PRIMARY KEY (type, name));
    """)
    rows = {("orchestrator", "runner"): ("local", {}), ("artifact_store", "art"): ("local", {"path": str(tmp_path / "art")}),
            ("metadata_store", "meta"): ("sqlite", {"uri": str(tmp_path / "m.db"), "upgrade_migration_enabled": True})}
    for (type_, name), (flavor, config) in rows.items():
        doc = yaml.safe_dump({"name": name, "uuid": str(uuid.uuid4()), **config})
        values = ((uuid.uuid4().hex,) if id_column else ()) + (type_, name, flavor, base64.b64encode(doc.encode()))
        conn.execute(f"INSERT INTO zenstackcomponent VALUES ({', '.join('?' * len(values))})", values)
        conn.execute("INSERT INTO zenstackdefinition VALUES ('ml_stack', ?, ?)", (type_, name))
    conn.execute("INSERT INTO zenstack VALUES ('ml_stack', 1, '2026-12-06 01:00:00.000000')")
    conn.commit()
    conn.close()
    plan = plan_for(cfg)
    assert not plan.problems
    [ml] = [s for s in plan.stacks if s.legacy.name == "ml_stack"]
    assert ml.action != Action.DROP and {t: c.legacy.name for t, c in ml.components.items()} == {"orchestrator": "runner", "artifact_store": "art"}
    assert comp(plan, "artifact_store", "art").target_config["path"] == str(tmp_path / "art")


def test_runs_of_0100_take_their_script_from_pipeline_runs_yaml(tmp_path):
    """0.10 records no legacy `zenml` context per step (it has `stack` and `pipeline_requirements`
    contexts): the script each run ran from is only in pipeline_runs.yaml."""
    shutil.copytree(HISTORY, tmp_path / "history")
    cfg = tmp_path / "history" / "zenml_config"
    for db in cfg.glob("local_stores/*/metadata.db"):
        conn = sqlite3.connect(db)
        ids = "SELECT c.id FROM Context c JOIN Type t ON t.id = c.type_id WHERE t.name = 'zenml'"
        for table, column in (("Association", "context_id"), ("Attribution", "context_id"), ("ContextProperty", "context_id"),
                              ("ParentContext", "context_id"), ("ParentContext", "parent_context_id")):
            conn.execute(f"DELETE FROM {table} WHERE {column} IN ({ids})")
        conn.execute(f"DELETE FROM Context WHERE id IN ({ids})")
        conn.commit()
        conn.close()
    as_written_by(cfg / "profiles" / "default" / "stacks.yaml", "0.10.0")
    plan = plan_for(cfg, code=CODE)
    assert not plan.problems
    assert {r.name for r in plan.runs if r.action == Action.MIGRATE} >= {"train_1", "train_2", "train_failed", "greet_1"}
    assert plan.pipeline_specs["training_pipeline"]["spec"] == TRAINING_SPEC  # registered, not imported unlisted
    assert plan.pipeline_specs["report_pipeline"]["spec"]["steps"][0]["source"] == "run.greeter"  # __main__ -> run.py's module


def test_the_gitlab_registry_of_0100_becomes_the_default_flavor(tmp_path):
    cfg = tmp_path / "zenml_config"
    comps = default_components(cfg)
    comps[("container_registry", "gl")] = ("gitlab", {"uri": "registry.gitlab.example/team", "authentication_secret": "gl_auth"})
    write_config(cfg, {"default": {}})
    write_profile(cfg, "default", comps, {"default": dict(DEFAULT_STACK), "gl_stack": {**DEFAULT_STACK, "container_registry": "gl"}})
    plan = plan_for(cfg)
    gl = comp(plan, "container_registry", "gl")
    assert not plan.problems and gl.action == Action.CHANGE
    assert (gl.target_flavor, gl.target_config) == ("default", {"uri": "registry.gitlab.example/team", "authentication_secret": "gl_auth"})


def test_secrets_managers_without_a_scope_stay_unscoped(tmp_path):
    """0.13.2 reads the secrets of a secrets manager with no recorded scope unscoped; 0.20 gives
    the scoping flavors (aws, gcp, azure, vault) component scope unless the config says none."""
    cfg = tmp_path / "zenml_config"
    comps = default_components(cfg)
    comps[("secrets_manager", "old_vault")] = ("vault", {"url": "https://vault.example", "token": "t0k", "mount_point": "zen"})
    comps[("secrets_manager", "new_vault")] = ("vault", {"url": "https://vault.example", "token": "t0k", "mount_point": "zen",
                                                        "scope": "component", "namespace": None})
    comps[("secrets_manager", "old_gcp")] = ("gcp_secrets_manager", {"project_id": "p1"})
    comps[("secrets_manager", "old_local")] = ("local", {"secrets_file": str(tmp_path / "s.yaml")})
    write_config(cfg, {"default": {}})
    write_profile(cfg, "default", comps, {"default": dict(DEFAULT_STACK)})
    plan = plan_for(cfg)
    assert not plan.problems
    assert comp(plan, "secrets_manager", "old_vault").target_config["scope"] == "none"
    assert comp(plan, "secrets_manager", "old_gcp").target_config["scope"] == "none"
    assert comp(plan, "secrets_manager", "new_vault").target_config["scope"] == "component"
    assert "scope" not in comp(plan, "secrets_manager", "old_local").target_config  # 0.20's local flavor is never scoped
