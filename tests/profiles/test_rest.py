"""The --server target against an in-process fake of the 0.20 REST API (fake_server.py)."""

import json
import logging
import socket
import sqlite3
from pathlib import Path

import pytest

from tests.profiles import handplan as hp
from tests.profiles.fake_server import PASSWORD, FakeZenServer
from zenml_migrate.profiles.model import Action
from zenml_migrate.profiles.targets import TargetError
from zenml_migrate.profiles.targets.rest import PASSWORD_ENV, RestTarget, resolve_password


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def server(monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    with FakeZenServer() as srv:
        yield srv


def writes(srv):
    return [(m, p) for m, p, _ in srv.requests if m != "GET" and not p.endswith("/login")]


def test_writes_flavors_then_components_then_stacks(server):
    plan = hp.rich_plan()
    result = RestTarget(server.url, "default", config_dir="/nonexistent").write(plan)
    kinds = [p.rsplit("/", 1)[-1] for m, p in writes(server)]
    assert kinds == ["flavors"] + ["components"] * 7 + ["stacks"] * 3
    comps = {(c["type"], c["name"]): c for c in server.components.values()}
    for c in plan.components:
        got = comps[(c.legacy.type, c.target_name)]
        assert got["flavor"] == c.target_flavor and got["configuration"] == c.target_config and got["is_shared"] is False
    stacks = {s["name"]: s for s in server.stacks.values()}
    for s in plan.stacks:
        assert {t: comps[(t, c.target_name)]["id"] for t, c in s.components.items()} == {t: ids[0] for t, ids in stacks[s.target_name]["components"].items()}
    (fl,) = server.flavors.values()
    assert fl["source"] == "custom_pkg.flavors.MyCustomFlavor" and set(json.loads(fl["config_schema"])["properties"]) == {"my_setting", "retries"}
    assert "stack kf_stack" in result.created and any("zenml stack set docker_stack" in m for m in result.messages)
    assert result.stack_ids == {name: s["id"] for name, s in stacks.items() if name != "default"}


def test_rerun_after_success_writes_nothing(server):
    target = RestTarget(server.url, "default")
    plan = hp.rich_plan()
    target.write(plan)
    existing = RestTarget(server.url, "default").existing("default")
    for c in plan.components:
        assert existing.components[(c.legacy.type, c.target_name)] == (c.target_flavor, c.target_config)
    assert existing.stacks["custom_stack"] == {"orchestrator": "custom_orch", "artifact_store": "my_as"}
    assert existing.flavors == {("orchestrator", "my_custom"): "custom_pkg.flavors.MyCustomFlavor"}
    for item in [*plan.flavors, *plan.components, *plan.stacks]:
        item.action = Action.DONE
    before, n = server.state(), len(writes(server))
    result = target.write(plan)
    assert result.done == ["already migrated: nothing to write"] and result.messages == []
    assert server.state() == before and len(writes(server)) == n


def test_failure_midway_deletes_what_this_run_created(server):
    before = server.state()
    server.fail_on = lambda m, p, body: 500 if m == "POST" and p.endswith("/stacks") and '"kf_stack"' in body else None
    with pytest.raises(TargetError) as info:
        RestTarget(server.url, "default").write(hp.rich_plan())
    assert "writing stack `kf_stack` failed (500: InjectedError: injected failure)" in str(info.value)
    assert "deleted again, nothing written" in str(info.value)
    assert server.state() == before
    deletes = [p.split("/")[-2] for m, p in writes(server) if m == "DELETE"]
    assert deletes == ["stacks"] + ["components"] * 7 + ["flavors"]  # reverse order


def test_clash_created_behind_our_back_is_rolled_back(server):
    """A name taken between the check and the write: the server's 409 aborts and undoes the run."""
    before = server.state()
    server.fail_on = lambda m, p, body: 409 if m == "POST" and '"mlflow_tracker"' in body else None
    with pytest.raises(TargetError, match="409"):
        RestTarget(server.url, "default").write(hp.rich_plan())
    assert server.state() == before


def test_known_clash_is_refused_before_any_write(server):
    RestTarget(server.url, "default").write(hp.plan([hp.stack("taken", [hp.component("orchestrator", "o", "local"), hp.component("artifact_store", "a", "local")])]))
    before, n = server.state(), len(writes(server))
    with pytest.raises(TargetError, match="stack `taken`.*already exists"):
        RestTarget(server.url, "default").write(hp.plan([hp.stack("taken", [hp.component("orchestrator", "o2", "local"), hp.component("artifact_store", "a2", "local")])]))
    assert server.state() == before and len(writes(server)) == n


def test_invalid_config_is_refused_before_any_write(server):
    before = server.state()
    bad = hp.plan([hp.stack("s", [hp.component("orchestrator", "o", "kubeflow", {"docker_parent_image": "py"}), hp.component("artifact_store", "a", "s3")])])
    with pytest.raises(TargetError) as info:
        RestTarget(server.url, "default").write(bad)
    assert "docker_parent_image not accepted" in str(info.value) and "path missing" in str(info.value)
    assert server.state() == before and writes(server) == []


def test_new_project_gets_a_default_stack_and_is_removed_on_failure(server):
    plan = hp.rich_plan(project="legacy")
    RestTarget(server.url, "default").write(plan)
    pid = [p["id"] for p in server.projects.values() if p["name"] == "legacy"][0]
    assert sorted(s["name"] for s in server.stacks.values() if s["project"] == pid) == ["custom_stack", "default", "docker_stack", "kf_stack"]
    with FakeZenServer() as other:
        before = other.state()
        other.fail_on = lambda m, p, body: 500 if m == "POST" and p.endswith("/stacks") and '"custom_stack"' in body else None
        with pytest.raises(TargetError, match="nothing written"):
            RestTarget(other.url, "default").write(hp.rich_plan(project="legacy"))
        assert other.state() == before


def test_overwrite_puts_back_the_old_items_on_failure(server):
    target = RestTarget(server.url, "default")
    target.write(hp.rich_plan())
    before = server.state()
    again = hp.rich_plan()
    for item in [*again.flavors, *again.components, *again.stacks]:
        item.replaces_existing = True
    [c for c in again.components if c.target_name == "my_as"][0].target_config["path"] = "/new"
    server.fail_on = lambda m, p, body: 500 if m == "PUT" and '"custom_stack"' in body else None
    with pytest.raises(TargetError, match="nothing written"):
        RestTarget(server.url, "default").write(again)
    restored = json.loads(server.state())
    original = json.loads(before)
    strip = lambda tables: [{k: {f: v for f, v in item.items() if f != "updated"} for k, item in t.items()} for t in tables]
    assert strip(restored) == strip(original)
    server.fail_on = None
    result = RestTarget(server.url, "default").write(again)
    assert "artifact_store my_as" in result.updated
    assert [c for c in server.components.values() if c["name"] == "my_as"][0]["configuration"] == {"path": "/new"}


def test_active_stack_goes_to_the_client_config_of_this_server(server, tmp_path):
    (tmp_path / "config.yaml").write_text(f"active_project_name: default\nstore:\n  type: rest\n  url: {server.url}\n  username: default\n")
    plan = hp.rich_plan()
    result = RestTarget(server.url + "/", "default", config_dir=str(tmp_path)).write(plan)
    stack_id = [s["id"] for s in server.stacks.values() if s["name"] == "docker_stack"][0]
    assert f"active_stack_id: {stack_id}" in (tmp_path / "config.yaml").read_text()
    assert str(tmp_path / "config.yaml") in result.files


def test_password_never_appears_in_output(server, capsys, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    target = RestTarget(server.url, "default", config_dir=str(tmp_path))
    result = target.write(hp.rich_plan())
    server.fail_on = lambda m, p, body: 500 if m == "POST" and p.endswith("/stacks") else None
    with pytest.raises(TargetError) as info:
        RestTarget(server.url, "default").write(hp.rich_plan(project="other"))
    out = capsys.readouterr()
    texts = [out.out, out.err, caplog.text, str(info.value), repr(target), repr(result), json.dumps(result.__dict__)]
    assert not [t for t in texts if PASSWORD in t]


def test_wrong_password_is_a_clear_error(server, monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, "nope-" + PASSWORD)
    with pytest.raises(TargetError, match=f"login as `default` refused.*{PASSWORD_ENV}") as info:
        RestTarget(server.url, "default").existing("default")
    assert "nope-" not in str(info.value)


def test_password_prompt_only_on_a_terminal(monkeypatch):
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    with pytest.raises(TargetError, match=f"set {PASSWORD_ENV}.*not a terminal"):
        resolve_password("default", stdin_isatty=lambda: False, prompt=lambda _: pytest.fail("prompted"))
    prompts = []
    assert resolve_password("bob", stdin_isatty=lambda: True, prompt=lambda text: prompts.append(text) or "x") == "x"
    assert prompts == ["Password for bob: "]
    monkeypatch.setenv(PASSWORD_ENV, "")
    assert resolve_password("default", stdin_isatty=lambda: False) == ""  # empty password of a local `zenml up`


def test_unreachable_server():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(TargetError, match="cannot reach the server.*zenml up"):
        RestTarget(f"http://127.0.0.1:{port}", "default", password="").existing("default")


def test_server_of_another_version_is_refused(monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    with FakeZenServer(version="0.21.0") as srv:
        with pytest.raises(TargetError, match="ZenML 0.21.0.*--bundle"):
            RestTarget(srv.url, "default").write(hp.rich_plan())
        assert writes(srv) == []


def test_cli_never_shows_the_password(server, tmp_path):
    """`migrate profiles --server` end to end: plan, write, report; the password is nowhere."""
    from tests.clirunner import cli_runner

    from zenml_migrate.cli import app

    legacy = ROOT / "fixtures" / "configs" / "one_stack" / "zenml_config"
    report = tmp_path / "report.md"
    args = ["profiles", str(legacy), "--server", server.url, "--username", "default", "--report", str(report)]
    result = cli_runner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "docker_stack" in {s["name"] for s in server.stacks.values()}
    rerun = cli_runner().invoke(app, args, catch_exceptions=False)
    assert rerun.exit_code == 0 and "already migrated" in rerun.output
    texts = [result.output, rerun.output, report.read_text()]
    assert all(PASSWORD not in t for t in texts)


def test_a_server_that_is_not_zenml(tmp_path):
    """Any HTTP server that answers with HTML: a clear error, no traceback."""
    import http.server
    import threading

    class Html(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            body = b"<html>hello</html>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Html)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    try:
        with pytest.raises(TargetError, match="not JSON"):
            RestTarget(f"http://127.0.0.1:{httpd.server_address[1]}", "default", password="").existing("default")
    finally:
        httpd.shutdown()
        httpd.server_close()


# ---------------------------------------------------------------- run history: which database the server may name


def _history_plan(server, cfg: Path, db: Path):
    from tests.profiles.test_history import CODE, HISTORY
    from zenml_migrate.profiles.plan import PlanOptions, build_plan
    from zenml_migrate.profiles.readers import read_legacy

    server.metadata_config = json.dumps({"sqlite": {"filenameUri": str(db), "connectionMode": "READWRITE_OPENCREATE"}})
    target = RestTarget(server.url, "default", config_dir=str(cfg))
    return build_plan(read_legacy(str(HISTORY / "zenml_config")), target.existing("default"),
                      PlanOptions(target=target.describe(), code=CODE))


def test_history_goes_only_into_the_store_of_this_machines_zenml_up(server, tmp_path):
    from tests.profiles.test_history import history_store

    cfg = tmp_path / "zenml"
    db = history_store(cfg)  # <cfg>/local_stores/default_zen_store/zenml.db: what `zenml up` serves
    plan = _history_plan(server, cfg, db)
    assert len(plan.writable_runs()) == 8 and not [n for n in plan.history_notes if "not migrated" in n], plan.history_notes


@pytest.mark.parametrize("where", ["elsewhere", "another config dir", "symlink outside"])
def test_a_server_naming_another_sqlite_file_gets_no_run_rows(server, tmp_path, where):
    """A wrong or hostile server must not make the tool write run rows into any SQLite file."""
    from tests.profiles.test_history import history_store

    cfg = tmp_path / "zenml"
    history_store(cfg)
    other = history_store(tmp_path / "other")  # a real 0.20 store, but not the one this config uses
    if where == "elsewhere":
        other = tmp_path / "victim.db"
        conn = sqlite3.connect(other)
        conn.execute("CREATE TABLE precious (x)")
        conn.commit()
        conn.close()
    elif where == "symlink outside":
        link = tmp_path / "link.db"
        link.symlink_to(tmp_path / "other" / "local_stores" / "default_zen_store" / "zenml.db")
        other = link
    before = other.read_bytes()
    plan = _history_plan(server, cfg, other)
    assert plan.runs == [] and "not a ZenML 0.20 store of this machine's config" in plan.history_notes[0], plan.history_notes
    assert str(cfg / "local_stores" / "default_zen_store" / "zenml.db") in plan.history_notes[0]
    assert other.read_bytes() == before


def test_a_server_naming_the_local_path_of_a_database_without_the_020_schema_gets_no_run_rows(server, tmp_path):
    cfg = tmp_path / "zenml"
    db = cfg / "local_stores" / "default_zen_store" / "zenml.db"
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE precious (x)")
    conn.commit()
    conn.close()
    plan = _history_plan(server, cfg, db)
    assert plan.runs == [] and "does not have the ZenML 0.20 schema" in plan.history_notes[0], plan.history_notes


def test_the_database_of_a_local_server_left_in_the_middle_of_a_write_is_read_as_zenml_reads_it_next(server, tmp_path):
    """A hot journal next to the server's zenml.db (ZenML 0.20 killed mid-write): the read-only checks failed
    ("cannot be read (attempt to write a readonly database)") and no run was migrated."""
    from tests.profiles.legacy_dirs import interrupted_write
    from tests.profiles.test_history import history_store

    cfg = tmp_path / "zenml"
    db = history_store(cfg)
    interrupted_write(db, "UPDATE stackschema SET name = 'half written'")
    before = db.read_bytes(), Path(f"{db}-journal").read_bytes()
    plan = _history_plan(server, cfg, db)
    assert len(plan.writable_runs()) == 8 and not [n for n in plan.history_notes if "not migrated" in n or "cannot" in n], plan.history_notes
    assert (db.read_bytes(), Path(f"{db}-journal").read_bytes()) == before
