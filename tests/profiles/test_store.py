"""The --store target against stores built from a real 0.20.5 store dump (store020.sql)."""

import base64
import json
import re
import sqlite3
import uuid
from pathlib import Path

import pytest

from tests.profiles import handplan as hp
from zenml_migrate.profiles.global_config import GlobalConfig, sqlite_path
from zenml_migrate.profiles.model import Action
from zenml_migrate.profiles.targets import TargetError
from zenml_migrate.profiles.targets.sqlite_schema import ZENML_020_TABLES, check_schema
from zenml_migrate.profiles.targets.store import StoreTarget, decode_config

DUMP = Path(__file__).with_name("store020.sql")
DATETIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$")
LEGACY_KEYS = "activated_profile: default\nprofiles:\n  default:\n    name: default\n    store_type: local\n"


_TEMPLATE = {}


def make_store(cfg: Path) -> Path:
    """A fresh 0.20.5 store at the default location of config dir ``cfg``, with its config.yaml."""
    db = cfg / "local_stores" / "default_zen_store" / "zenml.db"
    db.parent.mkdir(parents=True)
    if "bytes" not in _TEMPLATE:
        conn = sqlite3.connect(db)
        conn.executescript(DUMP.read_text())
        conn.commit()
        conn.close()
        _TEMPLATE["bytes"] = db.read_bytes()
    db.write_bytes(_TEMPLATE["bytes"])
    (cfg / "config.yaml").write_text(
        "# my comment\n" + LEGACY_KEYS + "active_project_name: default\nactive_stack_id: 7f162947-64be-4eef-b3b3-649ea0474d09\n"
        f"store:\n  type: sql\n  url: sqlite:///{db}\nversion: 0.20.5\n"
    )
    return db


@pytest.fixture
def cfg(tmp_path):
    cfg = tmp_path / "zenml"
    cfg.mkdir()
    make_store(cfg)
    return cfg


def rows(db, sql, *args):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def snapshot(cfg: Path):
    db = cfg / "local_stores" / "default_zen_store" / "zenml.db"
    return db.read_bytes(), (cfg / "config.yaml").read_bytes(), sorted(p.name for p in db.parent.iterdir())


def test_writes_rows_in_the_encodings_of_020(cfg):
    plan = hp.rich_plan()
    result = StoreTarget(config_dir=str(cfg)).write(plan)
    db = cfg / "local_stores/default_zen_store/zenml.db"
    assert "stack docker_stack" in result.created and "flavor my_custom" in result.created
    comps = {(r[0], r[1]): r for r in rows(db, "SELECT type, name, id, flavor, configuration, is_shared, created, updated, project_id, user_id FROM stackcomponentschema")}
    for c in plan.components:
        row = comps[(c.legacy.type, c.target_name)]
        assert row[2] == uuid.UUID(c.new_id).hex and re.fullmatch("[0-9a-f]{32}", row[2])
        assert row[3] == c.target_flavor
        assert base64.b64decode(row[4]) == json.dumps(c.target_config).encode()
        assert row[5] == 0 and DATETIME.match(row[6]) and DATETIME.match(row[7])
        assert row[8] == "42dd4910f169410e931f97564f881108" and row[9] == "da06e29274ea482d9ca581272a6036f7"
    for s in plan.stacks:
        (sid,) = rows(db, "SELECT id FROM stackschema WHERE name = ?", s.target_name)[0]
        members = {r[0] for r in rows(db, "SELECT component_id FROM stackcompositionschema WHERE stack_id = ?", sid)}
        assert members == {uuid.UUID(c.new_id).hex for c in s.components.values()}
    (fl,) = rows(db, "SELECT source, name, type, config_schema FROM flavorschema")
    assert fl[:3] == ("custom_pkg.flavors.MyCustomFlavor", "my_custom", "orchestrator")
    assert set(json.loads(fl[3])["properties"]) == {"my_setting", "retries"}
    text = (cfg / "config.yaml").read_text()
    active = [s for s in plan.stacks if s.target_name == "docker_stack"][0]
    assert f"active_stack_id: {active.new_id}" in text and "active_project_name: default" in text
    assert result.stack_ids == {s.target_name: s.new_id for s in plan.stacks}
    assert text.startswith("# my comment\n" + LEGACY_KEYS)  # legacy keys and comments kept
    backups = [p for p in db.parent.iterdir() if p.name.startswith("zenml.db.bak-")]
    assert len(backups) == 1 and str(backups[0]) in result.files


def test_existing_reads_back_what_was_written_and_rerun_writes_nothing(cfg):
    plan = hp.rich_plan()
    target = StoreTarget(config_dir=str(cfg))
    target.write(plan)
    existing = target.existing("default")
    for c in plan.components:
        assert existing.components[(c.legacy.type, c.target_name)] == (c.target_flavor, c.target_config)
    assert existing.stacks["kf_stack"] == {"orchestrator": "kf", "artifact_store": "my_as", "container_registry": "gh_cr", "experiment_tracker": "mlflow_tracker"}
    assert existing.stacks["default"] == {"orchestrator": "default", "artifact_store": "default"}
    assert existing.flavors[("orchestrator", "my_custom")] == "custom_pkg.flavors.MyCustomFlavor"
    assert existing.names()[("component", "orchestrator")] == {"default", "ld_orch", "kf", "custom_orch"}
    before = snapshot(cfg)
    for item in [*plan.flavors, *plan.components, *plan.stacks]:
        item.action = Action.DONE  # what the plan says on a second run
    result = target.write(plan)
    assert result.done == ["already migrated: nothing to write"] and result.messages == [] and not result.created
    assert snapshot(cfg) == before


def test_project_is_created_with_its_default_stack(cfg):
    plan = hp.rich_plan(project="legacy")
    plan.project_exists = False
    target = StoreTarget(config_dir=str(cfg))
    assert target.existing("legacy").project_exists is False
    result = target.write(plan)
    db = cfg / "local_stores/default_zen_store/zenml.db"
    (pid,) = rows(db, "SELECT id FROM projectschema WHERE name = 'legacy'")[0]
    assert "project legacy" in result.created
    names = {r[0] for r in rows(db, "SELECT name FROM stackschema WHERE project_id = ?", pid)}
    assert names == {"default", "docker_stack", "kf_stack", "custom_stack"}
    default = rows(db, "SELECT type, flavor, configuration FROM stackcomponentschema WHERE project_id = ? AND name = 'default'", pid)
    assert sorted(default) == [("artifact_store", "local", b"e30="), ("orchestrator", "local", b"e30=")]
    assert "active_project_name: legacy" in (cfg / "config.yaml").read_text()
    assert target.existing("legacy").project_exists is True


def test_missing_store_is_refused_with_what_to_do(tmp_path):
    cfg = tmp_path / "empty"
    cfg.mkdir()
    with pytest.raises(TargetError, match="zenml stack list"):
        StoreTarget(config_dir=str(cfg)).write(hp.rich_plan())
    assert list(cfg.iterdir()) == []


@pytest.mark.parametrize(
    "mutation, expected",
    [
        ("CREATE TABLE alembic_version (version_num VARCHAR(32))", "newer than 0.20"),
        ("ALTER TABLE stackcomponentschema ADD COLUMN labels VARCHAR", "unknown column"),
        ("DROP TABLE flavorschema", "flavorschema` is missing"),
    ],
)
def test_unknown_schema_is_refused_and_untouched(cfg, mutation, expected):
    db = cfg / "local_stores/default_zen_store/zenml.db"
    conn = sqlite3.connect(db)
    conn.execute(mutation)
    conn.commit()
    conn.close()
    before = snapshot(cfg)
    with pytest.raises(TargetError, match=expected) as info:
        StoreTarget(config_dir=str(cfg)).write(hp.rich_plan())
    assert "0.20" in str(info.value) and str(db) in str(info.value)
    assert snapshot(cfg) == before


def test_not_a_database(tmp_path):
    bad = tmp_path / "zenml.db"
    bad.write_text("hello")
    with pytest.raises(TargetError, match="not a SQLite database"):
        StoreTarget(path=str(bad), config_dir=str(tmp_path)).existing("default")


@pytest.mark.parametrize(
    "build, expected",
    [
        (lambda: hp.plan([hp.stack("s", [hp.component("orchestrator", "o", "local", {"docker_parent_image": "x"}), hp.component("artifact_store", "a", "local")])]), "docker_parent_image not accepted"),
        (lambda: hp.plan([hp.stack("s", [hp.component("orchestrator", "o", "vertex"), hp.component("artifact_store", "a", "local")])]), "required config key\\(s\\) location missing"),
        (lambda: hp.plan([hp.stack("s", [hp.component("orchestrator", "o", "local"), hp.component("artifact_store", "a", "local"), hp.component("metadata_store", "m", "sqlite")])]), "metadata_store` does not exist"),
        (lambda: hp.plan([hp.stack("s", [hp.component("orchestrator", "o", "local")])]), "has no artifact_store"),
        (lambda: hp.plan([hp.stack("s", [hp.component("orchestrator", "o", "azure_key_vault"), hp.component("artifact_store", "a", "local")])]), "not a ZenML 0.20 orchestrator flavor"),
        (lambda: hp.plan([hp.stack("s", [hp.component("orchestrator", "o", "local"), hp.component("artifact_store", "a", "local")])], [hp.flavor("orchestrator", "local", "pkg.LocalFlavor")]), "built-in 0.20 orchestrator flavor has this name"),
        (lambda: hp.plan([hp.stack("s", [hp.component("orchestrator", "default", "local"), hp.component("artifact_store", "a", "local")])]), "already exists in the target"),
        (lambda: hp.plan([hp.stack("default", [hp.component("orchestrator", "o", "local"), hp.component("artifact_store", "a", "local")])]), "stack `default`.*already exists"),
        (lambda: hp.plan([hp.stack("s", [hp.component("orchestrator", "o", "local"), hp.component("artifact_store", "a", "local", action=Action.DROP)])]), "neither migrated in this run nor present"),
        (lambda: hp.plan([hp.stack("s", [hp.component("orchestrator", "o", "local"), hp.component("artifact_store", "a", "local", {"path": object()})])]), "cannot be stored as JSON"),
    ],
)
def test_invalid_plans_write_nothing(cfg, build, expected):
    before = snapshot(cfg)
    with pytest.raises(TargetError, match=expected):
        StoreTarget(config_dir=str(cfg)).write(build())
    assert snapshot(cfg) == before


def test_slot_holding_the_wrong_type_is_refused(cfg):
    orch, art = hp.component("orchestrator", "o", "local"), hp.component("artifact_store", "a", "local")
    st = hp.stack("s", [orch, art])
    st.components = {"orchestrator": art, "artifact_store": orch}
    before = snapshot(cfg)
    with pytest.raises(TargetError, match="slot `orchestrator` holds artifact_store `a`"):
        StoreTarget(config_dir=str(cfg)).write(hp.plan([st]))
    assert snapshot(cfg) == before


def test_stack_may_use_components_already_in_the_store(cfg):
    default_orch = hp.component("orchestrator", "default", "local", action=Action.DONE)
    art = hp.component("artifact_store", "kept_path", "local", {"path": "/old/local_stores/abc"})
    StoreTarget(config_dir=str(cfg)).write(hp.plan([hp.stack("s", [default_orch, art])]))
    db = cfg / "local_stores/default_zen_store/zenml.db"
    (sid,) = rows(db, "SELECT id FROM stackschema WHERE name = 's'")[0]
    members = {r[0] for r in rows(db, "SELECT component_id FROM stackcompositionschema WHERE stack_id = ?", sid)}
    assert members == {"38aed50296274ba5ad20a79af1bc0604", uuid.UUID(art.new_id).hex}


def test_failure_midway_leaves_store_and_config_byte_identical(cfg):
    db = cfg / "local_stores/default_zen_store/zenml.db"
    conn = sqlite3.connect(db)  # a failure inside the transaction, after components were inserted
    conn.execute("CREATE TRIGGER boom BEFORE INSERT ON stackschema WHEN NEW.name = 'kf_stack' BEGIN SELECT RAISE(ABORT, 'boom'); END")
    conn.commit()
    conn.close()
    before = snapshot(cfg)
    with pytest.raises(TargetError, match="rolled back, nothing written"):
        StoreTarget(config_dir=str(cfg)).write(hp.rich_plan())
    assert snapshot(cfg) == before  # no rows, config.yaml untouched, no backup left behind


def test_a_full_disk_midway_says_so_and_leaves_the_store_byte_identical(cfg, monkeypatch):
    """The store's file system fills up during the write (a real 820 KB tmpfs under the c4b config
    dir: /tmp/profiles-w14/run/diskfull.sh). It said only "write failed (OperationalError)"."""
    db = cfg / "local_stores/default_zen_store/zenml.db"
    conn = sqlite3.connect(db)  # the write needs new pages (its own rows fit in the pages there)
    conn.execute("CREATE TABLE filler (b BLOB)")
    conn.execute("CREATE TRIGGER grow BEFORE INSERT ON stackschema BEGIN INSERT INTO filler VALUES (zeroblob(100000)); END")
    conn.commit()
    conn.close()
    real_open = StoreTarget._open

    def full(self, readonly):
        conn = real_open(self, readonly)
        if not readonly:  # SQLite's own disk-full error as soon as the file would grow
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(StoreTarget, "_open", full)
    before = snapshot(cfg)
    with pytest.raises(TargetError, match=r"write failed \(database or disk is full: free some space on the store's file "
                                          r"system and migrate again\); rolled back, nothing written"):
        StoreTarget(config_dir=str(cfg)).write(hp.rich_plan())
    assert snapshot(cfg) == before


def test_a_store_on_a_read_only_file_system_is_refused_untouched(cfg, monkeypatch):
    """Its folder cannot take the journal file (checked for real on a read-only bind mount): this
    was 'internal error, the run stopped: OSError: [Errno 30] Read-only file system'."""
    import errno

    from tests.clirunner import cli_runner
    from tests.profiles.test_readers import fixture
    from zenml_migrate.cli import app
    from zenml_migrate.profiles.targets import store_journal

    def read_only(*_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(store_journal, "mkstemp_near", read_only)
    before = snapshot(cfg)
    result = cli_runner().invoke(app, ["profiles", str(fixture("one_stack")), "--store", str(cfg / "local_stores/default_zen_store/zenml.db")])
    assert result.exit_code == 2 and "internal error" not in result.output, result.output
    assert "cannot write next to the store (Read-only file system)" in result.output and "nothing was written" in result.output
    assert snapshot(cfg) == before


def test_overwrite_updates_in_place(cfg):
    target = StoreTarget(config_dir=str(cfg))
    first = hp.rich_plan()
    target.write(first)
    db = cfg / "local_stores/default_zen_store/zenml.db"
    (old_id,) = rows(db, "SELECT id FROM stackcomponentschema WHERE name = 'my_as'")[0]
    second = hp.rich_plan(active=None)
    for item in [*second.flavors, *second.components, *second.stacks]:
        item.replaces_existing = True
    [c for c in second.components if c.target_name == "my_as"][0].target_config["path"] = "/new/path"
    result = target.write(second)
    assert "artifact_store my_as" in result.updated and not result.created
    ((new_id, blob),) = rows(db, "SELECT id, configuration FROM stackcomponentschema WHERE name = 'my_as'")
    assert new_id == old_id and decode_config(blob) == {"path": "/new/path"}
    assert rows(db, "SELECT count(*) FROM stackschema")[0][0] == 4
    assert rows(db, "SELECT count(*) FROM stackcompositionschema")[0][0] == 2 + 4 + 4 + 2


def test_store_given_by_path_not_used_by_the_global_config(cfg, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    db = make_store(other)
    (other / "config.yaml").unlink()
    gc_before = (cfg / "config.yaml").read_bytes()
    result = StoreTarget(path=str(db), config_dir=str(tmp_path / "nowhere")).write(hp.rich_plan())
    assert any("zenml stack set docker_stack" in m for m in result.messages)
    assert (cfg / "config.yaml").read_bytes() == gc_before and not (other / "config.yaml").exists()
    # a directory works too: the store dir or the config dir
    assert StoreTarget(path=str(other), config_dir=str(other)).db == db
    assert StoreTarget(path=str(db.parent), config_dir=str(other)).db == db


def test_locked_store_says_what_to_do(cfg):
    db = cfg / "local_stores/default_zen_store/zenml.db"
    holder = sqlite3.connect(db)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        target = StoreTarget(config_dir=str(cfg))
        target.lock_timeout = 0.1
        with pytest.raises(TargetError, match="zenml down|locked"):
            target.write(hp.rich_plan())
    finally:
        holder.rollback()
        holder.close()
    assert not [p for p in db.parent.iterdir() if ".bak-" in p.name]


def test_schema_constant_matches_the_dump():
    conn = sqlite3.connect(":memory:")
    conn.executescript(DUMP.read_text())
    assert check_schema(conn) is None
    assert set(ZENML_020_TABLES) <= {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


def test_sqlite_url_forms(tmp_path):
    assert sqlite_path("sqlite:////abs/zenml.db") == Path("/abs/zenml.db")
    assert sqlite_path("mysql://host/db") is None
    (tmp_path / "config.yaml").write_text("store:\n  type: rest\n  url: http://x\n")
    gc = GlobalConfig(tmp_path)
    assert gc.store_path() is None and gc.default_store_path() == tmp_path / "local_stores/default_zen_store/zenml.db"


def test_custom_flavor_without_a_020_flavor_class_keeps_its_components(cfg):
    """The plan marks it needs_flavor_class: no flavor row (it would point at a 0.13.2 class),
    the component and the stack are written with the configuration, the report says what to do."""
    custom = hp.component("orchestrator", "custom_orch", "my_custom", {"my_setting": "xyz"}, custom_flavor=True)
    plan = hp.plan([hp.stack("custom_stack", [custom, hp.component("artifact_store", "a", "local")])], [hp.flavor("orchestrator", "my_custom", None, needs_flavor_class=True)])
    result = StoreTarget(config_dir=str(cfg)).write(plan)
    db = cfg / "local_stores/default_zen_store/zenml.db"
    assert rows(db, "SELECT count(*) FROM flavorschema") == [(0,)]
    assert rows(db, "SELECT flavor FROM stackcomponentschema WHERE name = 'custom_orch'") == [("my_custom",)]
    assert any("flavor register" in m and "custom_pkg.legacy.MyComponent" in m for m in result.messages)
    for item in [*plan.components, *plan.stacks]:
        item.action = Action.DONE  # the second run: the flavor stays "needs a class", nothing else to do
    before = snapshot(cfg)
    again = StoreTarget(config_dir=str(cfg)).write(plan)
    assert again.done == ["already migrated: nothing to write"] and "flavor register" in again.messages[0]
    assert snapshot(cfg) == before


def test_a_store_that_zenml_020_left_in_the_middle_of_a_write_is_planned_as_it_reads_it_next(cfg):
    """ZenML 0.20 killed while it wrote zenml.db leaves a hot journal next to it. The plan's read-only open
    failed ("attempt to write a readonly database ... is it a ZenML 0.20 store?"), so nothing could be
    migrated into an intact store. The plan reads it as 0.20 reads it next, and says so; the write (read-write:
    SQLite rolls the unfinished write back on open, as 0.20 does) then works."""
    from tests.profiles.legacy_dirs import interrupted_write

    db = cfg / "local_stores/default_zen_store/zenml.db"
    interrupted_write(db, "UPDATE stackschema SET name = 'half written'")
    before = snapshot(cfg), Path(f"{db}-journal").read_bytes()
    target = StoreTarget(config_dir=str(cfg))
    existing = target.existing("default")
    assert "default" in existing.stacks and "half written" not in existing.stacks
    assert any("-journal is the unfinished write" in n and "read as ZenML 0.20 reads it next" in n for n in existing.notes)
    assert (snapshot(cfg), Path(f"{db}-journal").read_bytes()) == before
    plan = hp.rich_plan()
    result = target.write(plan)
    assert any("SQLite rolled that write back when this migration opened the store" in m for m in result.messages), result.messages
    assert not Path(f"{db}-journal").exists()
    assert {r[0] for r in rows(db, "SELECT name FROM stackschema")} >= {"default", "kf_stack"}
