"""What `migrate profiles` prints and writes, as a person reads it: tables that fit the
terminal (COLUMNS, 80 columns, a pipe), plural forms, "next:" only for what is left to do,
the HTML report rendered from the Markdown, file modes, --server / --username defaults,
paths of the plan that do not exist."""

import os
import re
import stat

import pytest

from tests.clirunner import cli_runner
from tests.profiles.fake_server import PASSWORD, FakeZenServer
from tests.profiles.test_readers import fixture
from zenml_migrate.cli import app
from zenml_migrate.output.table import Column, render_table, wrap

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(*args, env=None):
    result = cli_runner().invoke(app, ["profiles", *map(str, args)], env=env or {})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def words_of(text):
    return set(re.findall(r"[\w.:/'=()-]+", text))


@pytest.mark.parametrize("columns", ["80", "100", "60"])
def test_plan_fits_the_width_and_breaks_no_word(columns):
    out = run(fixture("rich"), env={"COLUMNS": columns}).stdout
    long_words = {w for w in re.findall(r"\S+", out) if len(w) > int(columns)}
    for line in out.splitlines():
        assert len(line) <= int(columns) or line.strip() in long_words, line
    wide = run(fixture("rich"), env={"COLUMNS": "400"}).stdout
    # every word of the one-line-per-row table is still whole at the narrow width (paths may
    # continue on the next line after a "/")
    joined = re.sub(r"/\n\s*", "/", out)
    for word in {w for w in re.findall(r"[A-Za-z_]{4,}", wide)} - {"profile", "item", "name", "changes", "reasons"}:  # headers
        assert word in joined, word


def test_a_pipe_does_not_force_160_columns():
    out = run(fixture("rich"), env={"COLUMNS": ""}).stdout  # CliRunner: stdout is not a terminal
    assert max(len(line) for line in out.splitlines() if " " in line.strip()) <= 80


def test_narrow_terminal_stacks_rows_into_blocks():
    out = run(fixture("one_stack"), env={"COLUMNS": "40"}).stdout
    assert "    action: migrate with changes" in out
    assert "default · stack · docker_stack" in out


def test_wrap_breaks_between_words_and_after_slashes_only():
    assert wrap("a bb ccc", 4) == ["a bb", "ccc"]
    assert wrap("see /very/long/path/to/metadata.db now", 12) == ["see", "/very/long/", "path/to/", "metadata.db", "now"]
    assert wrap("unbreakable_identifier_here x", 10) == ["unbreakable_identifier_here", "x"]
    table = render_table([Column("a"), Column("notes", below=True)], [["x", "one two three four five six seven"]], width=30)
    assert table.splitlines()[2] == "x" and table.splitlines()[3].startswith("    one two")


def test_plural_forms_and_summary():
    out = run(fixture("rich"), env={"COLUMNS": "200"}).stdout
    assert "1 project," in out and "1 role," in out and "1 other user," in out and "1 projects" not in out
    report = run(fixture("with_runs"), env={"COLUMNS": "200"}).stdout
    assert "2 runs of 1 pipeline," in report


def test_next_only_for_what_is_left_to_do(tmp_path, monkeypatch):
    store = tmp_path / "cfg020"
    monkeypatch.setenv("ZENML_CONFIG_PATH", str(store))
    bundle = run(fixture("one_stack"), "--bundle", tmp_path / "b", env={"COLUMNS": "200"})
    assert bundle.exit_code == 0, bundle.output
    nexts = [line for line in bundle.stderr.splitlines() if line.startswith("next:")]
    assert nexts and all("import.sh" in line for line in nexts)
    assert bundle.stderr.rstrip().splitlines()[-1].startswith("next:")  # printed last
    plan_only = run(fixture("one_stack"), env={"COLUMNS": "200"})
    assert "next:" not in plan_only.stderr and "nothing was written (no target)" in plan_only.stderr


def test_html_report_is_rendered_markdown_and_0644(tmp_path):
    old = os.umask(0o022)
    try:
        result = run(fixture("rich"), "--report", tmp_path / "r.html", env={"COLUMNS": "200"})
        md = run(fixture("rich"), "--report", tmp_path / "r.md", env={"COLUMNS": "200"})
    finally:
        os.umask(old)
    assert result.exit_code == md.exit_code == 0
    page = (tmp_path / "r.html").read_text()
    assert "`" not in page.split("<body>", 1)[1]  # inline code became <code>, no raw backtick
    assert "<code>kf_stack</code>" in page and "<table>" in page and "<h2>What moves</h2>" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    for name in ("r.html", "r.md"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644


def test_server_without_scheme_gets_http_and_username_defaults_to_default(tmp_path, monkeypatch):
    from zenml_migrate.profiles.command import server_url

    monkeypatch.setenv("ZENML_STORE_PASSWORD", PASSWORD)
    with FakeZenServer() as server:
        hostport = server.url.split("://", 1)[1]
        result = run(fixture("one_stack"), "--server", hostport, env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        assert f"no scheme given, using http://{hostport}" in result.stderr
        assert "docker_stack" in {s["name"] for s in server.stacks.values()}
        assert any(p.endswith("/login") for _, p, _ in server.requests)
    assert server_url("https://zen.example.com") == "https://zen.example.com"
    refused = run(fixture("one_stack"), "--server", "127.0.0.1:9", env={"COLUMNS": "200"})
    assert refused.exit_code == 2 and "unknown url type" not in refused.output and "cannot reach the server" in refused.output
    bad = run(fixture("one_stack"), "--server", "ftp://x", env={"COLUMNS": "200"})
    assert bad.exit_code == 2 and "http://HOST:PORT" in bad.stderr


def test_paths_that_do_not_exist_are_reported_with_what_they_mean():
    out = run(fixture("rich"), "--format", "json").stdout
    import json

    items = json.loads(out)["items"]
    store = next(i for i in items if i["type"] == "artifact_store" and i["name"] == "default")
    assert any("does not exist on this machine: the artifacts of past runs are not there" in n for n in store["notes"])
    notes = " ".join(n for i in items for n in i["notes"])
    # rich never ran a pipeline: 0.13.2 never created its metadata.db, nothing is lost
    assert "no pipeline ever ran with it (no metadata.db, and the profile records no run)" in notes
    assert "not found" not in notes and "0 runs of 0 pipelines" not in notes


def test_a_metadata_db_gone_after_runs_is_reported_not_found(tmp_path):
    import json
    import shutil

    cfg = tmp_path / "zenml_config"
    shutil.copytree(fixture("with_runs"), cfg)
    for db in cfg.rglob("metadata.db"):
        db.unlink()
    items = json.loads(run(str(cfg), "--format", "json").stdout)["items"]
    notes = " ".join(n for i in items for n in i["notes"])
    assert "metadata.db: not found: the file does not exist" in notes
    assert "no pipeline ever ran" not in notes


def test_a_metadata_store_no_recorded_run_used_is_not_reported_lost(tmp_path):
    """0.13.2 creates metadata.db at a stack's first run: a second metadata store of a profile
    with runs, on a stack that never ran, has none. Every run the profile records names its
    stack's components: none used it, so nothing was lost (it was reported 'not found: ... moved
    or deleted ... its runs are not migrated')."""
    import json
    import shutil

    cfg = tmp_path / "zenml_config"
    shutil.copytree(fixture("with_runs"), cfg)
    profile = cfg / "profiles" / "default"
    (profile / "metadata_stores" / "spare.yaml").write_text(
        f"name: spare\nupgrade_migration_enabled: true\nuri: {tmp_path}/never/metadata.db\nuuid: 0a4c40f5-7e1d-4c33-9a43-2f0f1c1d9e01\n")
    stacks = profile / "stacks.yaml"
    stacks.write_text(stacks.read_text()
                      .replace("  metadata_store:\n    default: sqlite\n", "  metadata_store:\n    default: sqlite\n    spare: sqlite\n")
                      .replace("stacks:\n", "stacks:\n  spare_stack:\n    artifact_store: default\n    metadata_store: spare\n    orchestrator: default\n"))
    result = run(str(cfg), "--format", "json")
    items = json.loads(result.stdout)["items"]
    spare = next(i for i in items if i["type"] == "metadata_store" and i["name"] == "spare")
    notes = " ".join(spare["notes"])
    assert "no pipeline ever ran with it (no metadata.db, and none of the profile's 2 recorded runs used a stack with it)" in notes
    assert "not found" not in notes and "not found" not in result.stderr
    used = next(i for i in items if i["type"] == "metadata_store" and i["name"] == "default")
    assert "no pipeline ever ran" not in " ".join(used["notes"])


def test_config_yaml_keys_that_are_not_zenml_settings_are_named_not_dropped_silently(tmp_path):
    """A hand-edited config.yaml (a proxy section with a token, a profile with a password): the keys
    were dropped without a word. Their names are said, never their values."""
    import json
    import shutil

    cfg = tmp_path / "zenml_config"
    shutil.copytree(fixture("with_runs"), cfg)
    text = (cfg / "config.yaml").read_text()
    text = text.replace("analytics_opt_in: true\n", "analytics_opt_in: true\nproxy:\n  token: PROXY-VALUE-0099\n")
    text = text.replace("    store_type: local\n", "    store_type: local\n    password: PROFILE-VALUE-0098\n", 1)
    (cfg / "config.yaml").write_text(text)
    result = run(str(cfg), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "config.yaml: proxy: not a setting of ZenML 0.13.2, not migrated" in result.output
    assert "default: config.yaml: password: not a setting of a ZenML 0.13.2 profile, not migrated" in result.output
    as_json = run(str(cfg), "--format", "json").stdout
    assert "config.yaml: proxy: not a setting" in " ".join(json.loads(as_json)["warnings"])
    assert "VALUE-00" not in result.output + result.stderr + as_json
    clean = run(fixture("with_runs"), env={"COLUMNS": "200"})  # as the real 0.13.2 wrote it: nothing to say
    assert "not a setting" not in clean.output and "not settings" not in clean.output


def test_no_color_and_quiet(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ANSI.search(run(fixture("one_stack"), env={"COLUMNS": "200"}).output)
    assert ANSI.search(run(fixture("one_stack"), "--color", "always", env={"COLUMNS": "200"}).stdout)
    quiet = run(fixture("one_stack"), "-q", env={"COLUMNS": "200"})
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""


def test_a_mysql_profile_is_named_a_database_server_without_its_password(tmp_path):
    import shutil

    import yaml

    cfg = tmp_path / "zenml_config"
    shutil.copytree(fixture("one_stack"), cfg)
    data = yaml.safe_load((cfg / "config.yaml").read_text())
    data["profiles"]["mysqlp"] = {"active_stack": "default", "active_user": "default", "name": "mysqlp",
                                  "store_type": "sql", "store_url": "mysql://root:SqlPw-4e5f@db.example.com/zenml?password=QpPw-7h8j"}
    (cfg / "config.yaml").write_text(yaml.safe_dump(data))
    res = run(str(cfg), env={"COLUMNS": "300"})
    assert res.exit_code == 2
    assert "profile 'mysqlp' keeps its stacks in a mysql database server, not in a file" in res.output
    assert "SQLite store of profile" not in res.output and "zenml stack export" in res.output
    assert "SqlPw-4e5f" not in res.output and "QpPw-7h8j" not in res.output


def test_a_zenml_020_config_dir_is_named_as_such(tmp_path):
    cfg = tmp_path / "zenml_config"
    cfg.mkdir()
    (cfg / "config.yaml").write_text(
        "active_project_name: default\nstore:\n  database: /x/local_stores/default_zen_store/zenml.db\n  driver: sqlite\n"
        "  password:\n  type: sql\n  url: sqlite:////x/local_stores/default_zen_store/zenml.db\nversion: 0.20.5\n"
    )
    res = run(str(cfg), env={"COLUMNS": "300"})
    assert res.exit_code == 2
    assert "is the config of ZenML 0.20.5 (a store, no profiles): there is nothing of 0.13.2 here to migrate" in res.output
    assert "--store /x/local_stores/default_zen_store/zenml.db" in res.output


def test_a_report_that_cannot_be_written_after_the_store_was_says_what_is_done(tmp_path):
    from tests.profiles.test_store import make_store

    db = make_store(tmp_path / "z20")
    res = run(str(fixture("one_stack")), "--store", str(db), "--report", str(tmp_path / "nodir" / "r.md"), env={"COLUMNS": "300"})
    assert res.exit_code == 2
    assert "wrote " in res.output
    assert "cannot write the report (No such file or directory; the migration above is written, only the report is missing)" in res.output
    assert "nothing was written" not in res.output


def test_the_summary_names_a_suggested_active_stack_as_a_suggestion(tmp_path):
    """Several profiles merged: no stack becomes the 0.20 active stack (a note says which to set),
    so the summary line does not say "active stack: dev_team_a" (the real 0.20 store kept 'default')."""
    multi = " ".join(run(fixture("multi"), "--dry-run", env={"COLUMNS": "200"}).stdout.split())
    assert "; suggested active stack: dev_team_a" in multi and "; active stack:" not in multi, multi
    one = " ".join(run(fixture("one_stack"), "--dry-run", env={"COLUMNS": "200"}).stdout.split())
    assert "; active stack: docker_stack" in one, one


def test_what_was_written_is_counted_by_kind_with_the_runs(tmp_path):
    """`wrote N new items` counted a whole run history as one item, and with -q nothing said how
    many runs were written (script_materializer: 2 components, 1 stack, 4 runs of 8 steps)."""
    from tests.profiles.test_history import history_store
    from zenml_migrate.profiles.targets import WriteResult

    db = history_store(tmp_path / "z20")
    res = run(fixture("script_materializer"), "--store", db, "-q", "--report", tmp_path / "r.md", env={"COLUMNS": "300"})
    assert res.exit_code == 0, res.output
    said = "wrote 2 components, 1 stack and 4 pipeline runs (8 steps, 8 artifacts) to store"
    assert said in res.output and "new item" not in res.output, res.output
    assert "Written to store " in (tmp_path / "r.md").read_text() and "2 components, 1 stack and 4 pipeline runs" in (tmp_path / "r.md").read_text()
    bundle = run(fixture("script_materializer"), "--bundle", tmp_path / "b", "-q", env={"COLUMNS": "300"})
    assert "1 stack and 4 pipeline runs (8 steps) in history.json to bundle" in bundle.output, bundle.output
    one = WriteResult("store x", created=["project p", "default stack of project p", "orchestrator o", "1 pipeline run (1 step, 1 artifact)"],
                      runs="1 pipeline run (1 step, 1 artifact)")
    assert one.summary() == "1 project, 1 default stack, 1 component and 1 pipeline run (1 step, 1 artifact)"


def test_a_moved_secrets_file_path_is_shown_not_masked_and_real_secrets_still_are(tmp_path):
    """The "config dir moved" note printed "secrets_file ******** -> ********": the key looks like a
    credential by name, so its value (a path) was hunted and masked in every output."""
    import shutil

    from tests.profiles.legacy_dirs import simple_config

    sm_id = "11111111-2222-4333-8444-555555555555"
    old = tmp_path / "home_alice" / "zenml_config"
    secrets = old / "local_stores" / sm_id / "secrets.yaml"
    simple_config(old, {
        ("secrets_manager", "sm"): ("local", {"uuid": sm_id, "secrets_file": str(secrets)}),
        ("experiment_tracker", "mlf"): ("mlflow", {"tracking_uri": "http://mlflow.local", "tracking_username": "u",
                                                   "tracking_password": "PW-CANARY-73195"}),
    })
    secrets.parent.mkdir(parents=True)
    secrets.write_text("{}\n")
    new = tmp_path / "copied" / "zenml_config"
    new.parent.mkdir()
    shutil.move(str(old), str(new))
    report = tmp_path / "report.md"
    result = run(new, "--report", report, env={"COLUMNS": "400"})
    out = ANSI.sub("", result.stdout + result.stderr) + report.read_text()
    moved = str(new / "local_stores" / sm_id / "secrets.yaml")
    assert f"secrets_file {secrets} -> {moved} (the config dir moved; the secrets file is there now)" in out
    assert "PW-CANARY-73195" not in out


def test_secret_references_are_not_called_credentials_in_plain_text(tmp_path):
    """`{{mlflow_creds.password}}` (a 0.13.2/0.20 secret reference, resolved by the stack's secrets
    manager: checked on the real 0.20.5, /tmp/profiles-c4b) made the report say "Some components hold
    credentials in plain text"."""
    from tests.profiles.legacy_dirs import simple_config

    def report_of(password):
        cfg = simple_config(tmp_path / password.strip("{}").replace(".", "_") / "cfg", {
            ("experiment_tracker", "mlf"): ("mlflow", {"tracking_uri": "http://mlflow.local", "tracking_username": "{{creds.user}}",
                                                       "tracking_password": password})})
        report = tmp_path / f"{len(password)}.md"
        run(cfg, "--report", report)
        return report.read_text()

    assert "hold credentials in plain text" not in report_of("{{mlflow_creds.password}}")
    assert "hold credentials in plain text" in report_of("PW-CANARY-5511")


def test_an_unregistered_flavor_is_one_next_step_not_two(tmp_path):
    """The report's "What to do next" listed a custom flavor without a 0.20 Flavor class twice:
    the store writer's "flavor pager not registered: ..." and the plan's "Write a ZenML 0.20
    Flavor class ..." (/tmp/profiles-c4b, session 14)."""
    from tests.profiles.legacy_dirs import simple_config
    from tests.profiles.test_store import make_store

    legacy = simple_config(tmp_path / "old", {("alerter", "pg"): ("pager", {"routing_key": "{{pager_creds.routing_key}}"})},
                           flavors=[{"name": "pager", "type": "alerter", "source": "nowhere_pkg.notify.PagerAlerter", "integration": None}])
    db = make_store(tmp_path / "new")
    report = tmp_path / "r.md"
    result = run(legacy, "--store", db, "--report", report, env={"COLUMNS": "300"})
    assert result.exit_code in (0, 1), result.stdout
    steps = report.read_text().split("## What to do next", 1)[1]
    assert len([line for line in steps.splitlines() if "nowhere_pkg.notify.PagerAlerter" in line]) == 1, steps
    assert "Write a ZenML 0.20 Flavor class for the alerter flavor 'pager'" in steps
    assert "flavor pager not registered" in ANSI.sub("", result.stdout + result.stderr)  # the run's own output still says it


def test_secret_references_stay_readable_and_secret_values_do_not_leak(tmp_path):
    """`{{creds.password}}` names where a credential is kept (resolved by the secrets manager on
    0.13.2 and 0.20): it was masked like the credential itself (`********`) in the plan's JSON,
    hiding that the component reads a secret. Literal values under the same keys stay masked
    everywhere (plan, JSON, report)."""
    import json

    from tests.profiles.legacy_dirs import simple_config

    cfg = simple_config(tmp_path / "cfg", {
        ("experiment_tracker", "ref"): ("mlflow", {"tracking_uri": "http://mlflow.local", "tracking_username": "{{mlflow_creds.user}}",
                                                   "tracking_password": "{{mlflow_creds.password}}"}),
        ("experiment_tracker", "lit"): ("mlflow", {"tracking_uri": "http://u:URL-CANARY-4410@mlflow.local",
                                                   "tracking_username": "USER-CANARY-4410", "tracking_password": "PW-CANARY-4410"}),
        # not a whole reference: a value around one is a literal (0.13.2 and 0.20 use fullmatch)
        ("experiment_tracker", "mix"): ("mlflow", {"tracking_uri": "http://mlflow.local", "tracking_token": "TOK-CANARY-4410{{a.b}}"}),
    })
    report = tmp_path / "r.md"
    text = run(cfg, "--report", report, env={"COLUMNS": "300"}).stdout
    data = run(cfg, "--format", "json").stdout
    out = text + data + report.read_text()
    assert "CANARY-4410" not in out
    configs = {row["name"]: row["configuration"] for row in json.loads(data)["items"] if row["kind"] == "component"}
    assert configs["ref"]["tracking_password"] == "{{mlflow_creds.password}}"
    assert configs["ref"]["tracking_username"] == "{{mlflow_creds.user}}"
    assert configs["lit"]["tracking_password"] == configs["lit"]["tracking_username"] == configs["mix"]["tracking_token"] == "********"
    assert configs["lit"]["tracking_uri"] == "http://u:********@mlflow.local"


def test_a_sql_profile_that_never_ran_a_pipeline_loses_no_run_history():
    """A SQL-store profile records its runs in the pipelineruntable, not in pipeline_runs.yaml: its
    default metadata store with no metadata.db was said to be "not found: the file does not exist
    (moved or deleted), so its runs cannot be read" although the table (read, empty) shows no
    pipeline ever ran there (the real 0.13.2 fixture sql_profile; /tmp/profiles-c5 profile sqlfar)."""
    import json

    items = json.loads(run(fixture("sql_profile"), "--format", "json").stdout)["items"]
    stores = [i for i in items if i["type"] == "metadata_store" and i["profile"] in ("sqlp", "sql_outside")]
    assert len(stores) == 2
    for store in stores:
        assert any("no pipeline ever ran with it (no metadata.db, and the profile records no run)" in n for n in store["notes"]), store
        assert not any("not found" in n for n in store["notes"]), store


def test_the_service_path_of_an_mlflow_model_deployer_follows_a_moved_config_dir(tmp_path):
    """The real 0.13.2 fills the MLflow model deployer's service_path with <config>/local_stores/<id>
    (the config, PID and log files of the model servers it started; /tmp/profiles-c5 mlf_dep). It was
    copied as it was: on a config dir copied to another machine it named the old place, where ZenML
    0.20 (MLFlowModelDeployer.local_path) creates an empty folder and the servers' records are lost."""
    import json
    import shutil

    from tests.profiles.legacy_dirs import simple_config

    dep_id, gone_id = "21111111-2222-4333-8444-555555555555", "31111111-2222-4333-8444-555555555555"
    old = tmp_path / "home_alice" / "zenml_config"
    service = old / "local_stores" / dep_id
    gone = old / "local_stores" / gone_id
    simple_config(old, {
        ("model_deployer", "dep"): ("mlflow", {"uuid": dep_id, "service_path": str(service)}),
        ("model_deployer", "gone"): ("mlflow", {"uuid": gone_id, "service_path": str(gone)}),
    })
    (service / "mlflow-deployment-x").mkdir(parents=True)
    new = tmp_path / "copied" / "zenml_config"
    new.parent.mkdir()
    shutil.move(str(old), str(new))
    items = json.loads(run(new, "--format", "json").stdout)["items"]
    dep = next(i for i in items if i["name"] == "dep")
    moved = str(new / "local_stores" / dep_id)
    assert dep["configuration"]["service_path"] == moved
    assert f"service_path {service} -> {moved} (the config dir moved; the records of its model servers are there now)" in dep["notes"]
    # gone from both places: pointed under the config dir too, where the notes say to copy it (review23 G4: a
    # second migration after that copy then finds the component unchanged)
    missing = next(i for i in items if i["name"] == "gone")
    here = str(new / "local_stores" / gone_id)
    assert missing["configuration"]["service_path"] == here
    assert f"service_path {gone} -> {here} (the config dir moved; the same path under it)" in missing["notes"]
    assert any(n.startswith(f"service_path {here} does not exist on this machine: the records (config, PID and log files) of the "
                            "model servers it started are not there") for n in missing["notes"]), missing["notes"]


def test_keys_that_hold_a_name_are_shown_and_credentials_beside_them_masked(tmp_path):
    """`key_vault_name` (the azure secrets manager's vault), `authentication_secret` (ZenML's name of the
    secret holding a registry's or store's credentials) and `encryption_spec_key_name` (vertex's KMS key
    resource name) were masked like credentials in the plan, JSON and report, and put the bundle file in
    0600: they are names. The s3 store's `secret` and `key` beside them are credentials and stay masked."""
    import json

    from tests.profiles.legacy_dirs import simple_config

    cfg = simple_config(tmp_path / "cfg", {
        ("secrets_manager", "akv"): ("azure_key_vault", {"key_vault_name": "vault-name-5521", "scope": "component"}),
        ("container_registry", "gh"): ("github", {"uri": "ghcr.io/team", "authentication_secret": "gh-auth-name-5521"}),
        ("orchestrator", "vx"): ("vertex", {"location": "europe-west4", "encryption_spec_key_name": "projects/p/keyRings/r/cryptoKeys/k5521"}),
        ("artifact_store", "s3"): ("s3", {"path": "s3://b/a", "key": "AKIA-CANARY-5521", "secret": "SECRET-CANARY-5521",
                                         "authentication_secret": "s3-auth-name-5521"}),
    }, stacks={"named": {"orchestrator": "default", "artifact_store": "default", "metadata_store": "default",
                         "secrets_manager": "akv", "container_registry": "gh"}})
    report = tmp_path / "r.md"
    text = run(cfg, "--report", report, env={"COLUMNS": "300"}).stdout
    data = run(cfg, "--format", "json").stdout
    out = text + data + report.read_text()
    assert "CANARY-5521" not in out
    configs = {row["name"]: row["configuration"] for row in json.loads(data)["items"] if row["kind"] == "component"}
    assert configs["akv"]["key_vault_name"] == "vault-name-5521"
    assert configs["gh"]["authentication_secret"] == "gh-auth-name-5521"
    assert configs["vx"]["encryption_spec_key_name"] == "projects/p/keyRings/r/cryptoKeys/k5521"
    assert configs["s3"]["authentication_secret"] == "s3-auth-name-5521"
    assert configs["s3"]["key"] == configs["s3"]["secret"] == "********"
    bundle = tmp_path / "bundle"
    assert run(cfg, "--bundle", bundle).exit_code == 0
    [named] = [p for p in (bundle / "stacks").iterdir() if p.name.startswith("named")]
    assert stat.S_IMODE(named.stat().st_mode) == 0o644  # names only: no credential in the file


def test_the_secret_key_of_seldon_kserve_and_mysql_names_a_secret_and_is_shown(tmp_path):
    """The seldon and kserve model deployers' and the mysql metadata store's `secret` is the NAME of a
    ZenML secret (0.13.2 and 0.20 docstrings); it was masked like the s3 store's `secret` (its AWS
    secret key), and put a stack file holding only names in 0600. Masking now knows the flavor."""
    import json

    from tests.profiles.legacy_dirs import simple_config
    from zenml_migrate.profiles import plan_view
    from zenml_migrate.profiles.plan import build_plan
    from zenml_migrate.profiles.readers import read_legacy

    cfg = simple_config(tmp_path / "cfg", {
        ("model_deployer", "sd"): ("seldon", {"kubernetes_context": "kind-x", "kubernetes_namespace": "ns", "base_url": "http://sd.example",
                                             "secret": "seldon-creds-name-7731"}),
        ("model_deployer", "ks"): ("kserve", {"kubernetes_context": "kind-x", "kubernetes_namespace": "ns", "base_url": "http://ks.example",
                                             "secret": "kserve-creds-name-7731"}),
        ("metadata_store", "my"): ("mysql", {"host": "db.example", "port": 3306, "database": "mlmd", "secret": "mysql-certs-name-7731",
                                            "password": "MYSQL-CANARY-7731"}),
        ("artifact_store", "s3"): ("s3", {"path": "s3://b/a", "key": "AKIA-CANARY-7731", "secret": "SECRET-CANARY-7731"}),
    }, stacks={"serving": {"orchestrator": "default", "artifact_store": "default", "metadata_store": "default", "model_deployer": "sd"},
               "kserving": {"orchestrator": "default", "artifact_store": "s3", "metadata_store": "my", "model_deployer": "ks"}})
    report = tmp_path / "r.md"
    out = run(cfg, "--report", report, env={"COLUMNS": "300"}).stdout + report.read_text()
    data = run(cfg, "--format", "json").stdout
    assert "CANARY-7731" not in out + data
    configs = {row["name"]: row["configuration"] for row in json.loads(data)["items"] if row["kind"] == "component"}
    assert configs["sd"]["secret"] == "seldon-creds-name-7731" and configs["ks"]["secret"] == "kserve-creds-name-7731"
    assert configs["s3"]["secret"] == configs["s3"]["key"] == "********"
    hunted = plan_view.secret_values(build_plan(read_legacy(str(cfg))))
    assert {"MYSQL-CANARY-7731", "SECRET-CANARY-7731", "AKIA-CANARY-7731"} <= hunted
    assert not any("name-7731" in v for v in hunted)  # names are not hunted (and masked) in free text
    bundle = tmp_path / "bundle"
    assert run(cfg, "--bundle", bundle).exit_code == 0
    [serving] = [p for p in (bundle / "stacks").iterdir() if p.name.startswith("serving")]
    assert stat.S_IMODE(serving.stat().st_mode) == 0o644  # names only: no credential in the file
    assert "seldon-creds-name-7731" in serving.read_text()
    [kserving] = [p for p in (bundle / "stacks").iterdir() if p.name.startswith("kserving")]
    assert stat.S_IMODE(kserving.stat().st_mode) == 0o600  # the s3 store's credentials


def test_credentials_inside_json_strings_argument_lists_and_cookies_are_masked(tmp_path):
    """A custom flavor (its module gone, so no schema says what is secret) keeps credentials under harmless
    keys: a JSON document kept as a string (`--extra_config='{"password": ...}'`), an argument list
    (`--password=x`, `--token x`) and a session cookie. They were printed in the JSON plan and written into the
    migrated runs' stack snapshots, and a stack file holding only the cookie was 0644."""
    import json

    from tests.profiles.legacy_dirs import simple_config

    cfg = simple_config(tmp_path / "cfg", {
        ("orchestrator", "ops"): ("ops_local", {
            "extra_config": json.dumps({"endpoint": "https://ops.example", "password": "JSONPW-CANARY-6104"}),
            "cluster_args": ["--insecure", "--password=ARGPW-CANARY-6104", "--token", "ARGTOK-CANARY-6104", "--ns", "zen"],
            "kubeconfig": {"users": [{"name": "u", "user": {"client-key-data": "KEYDATA-CANARY-6104"}}]},
        }),
        ("artifact_store", "cookie_store"): ("cookie_local", {"path": str(tmp_path / "art"), "session_cookie": "COOKIE-CANARY-6104"}),
    }, stacks={"ops": {"orchestrator": "ops", "artifact_store": "default", "metadata_store": "default"},
               "cookies": {"orchestrator": "default", "artifact_store": "cookie_store", "metadata_store": "default"}},
       flavors=[{"name": "ops_local", "type": "orchestrator", "source": "gone_pkg.ops.OpsOrchestrator", "integration": None},
                {"name": "cookie_local", "type": "artifact_store", "source": "gone_pkg.art.CookieStore", "integration": None}])
    report = tmp_path / "r.md"
    text = run(cfg, "--report", report, env={"COLUMNS": "300"}).stdout
    data = run(cfg, "--format", "json").stdout
    assert "CANARY-6104" not in text + data + report.read_text()
    configs = {row["name"]: row["configuration"] for row in json.loads(data)["items"] if row["kind"] == "component"}
    assert json.loads(configs["ops"]["extra_config"]) == {"endpoint": "https://ops.example", "password": "********"}
    assert configs["ops"]["cluster_args"] == ["--insecure", "--password=********", "--token", "********", "--ns", "zen"]
    bundle = tmp_path / "bundle"
    run(cfg, "--bundle", bundle, "--skip-invalid")
    for f in (bundle / "stacks").iterdir():  # the data files: 0600 when they hold one of the credentials
        if "CANARY-6104" in f.read_text():
            assert stat.S_IMODE(f.stat().st_mode) == 0o600, f.name
    assert any("COOKIE-CANARY-6104" in f.read_text() for f in (bundle / "stacks").iterdir())
    for f in bundle.rglob("*"):
        if f.is_file() and not f.is_relative_to(bundle / "stacks") and f.name not in ("components.yaml",) and not f.is_relative_to(bundle / "credentials"):
            assert "CANARY-6104" not in f.read_text(errors="replace"), f


def test_a_user_name_that_0_20_keeps_as_a_secret_does_not_garble_names_and_a_stack_name_with_a_space_is_quoted(tmp_path):
    """0.20's mlflow schema keeps tracking_username as a secret. Its value ("team") was hunted in all free text:
    the plan printed stack `******** stack`, "0.13.2 users, ********s", and told the user to run
    `zenml stack set ******** stack`; a stack name with a space was not quoted in that command either."""
    import json

    from tests.profiles.legacy_dirs import simple_config

    cfg = simple_config(tmp_path / "cfg", {
        ("experiment_tracker", "mlf"): ("mlflow", {"tracking_uri": "https://mlflow.example", "tracking_username": "team",
                                                   "tracking_password": "MLFPW-CANARY-7731"}),
    }, stacks={"team stack": {"orchestrator": "default", "artifact_store": "default", "metadata_store": "default",
                              "experiment_tracker": "mlf"}}, active_stack="team stack")
    report = tmp_path / "r.md"
    text = run(cfg, "--report", report, env={"COLUMNS": "300"}).stdout
    data = run(cfg, "--format", "json").stdout
    assert "MLFPW-CANARY-7731" not in text + data + report.read_text()
    assert "team stack" in text and "`zenml stack set 'team stack'`" in report.read_text()
    assert "********s" not in report.read_text() + text
    configs = {row["name"]: row["configuration"] for row in json.loads(data)["items"] if row["kind"] == "component"}
    assert configs["mlf"]["tracking_username"] == "********" and configs["mlf"]["tracking_password"] == "********"


def test_quiet_still_says_what_of_the_run_history_is_not_migrated(tmp_path):
    """``-q`` prints no plan, "only errors and what was written": a run history left behind (here
    3 of 4 runs by ``--last-runs 1``; on a remote server, all of them) was said only in the plan,
    so a quiet run looked complete (review27 R4)."""
    from tests.profiles.test_history import history_store

    db = history_store(tmp_path / "z20")
    res = run(fixture("script_materializer"), "--store", db, "-q", "--last-runs", "1", env={"COLUMNS": "300"})
    assert res.exit_code == 0, res.output
    assert "1 pipeline run" in res.stderr, res.stderr
    assert "run history: --last-runs 1: 3 older runs are not migrated" in res.stderr, res.stderr
    assert "run history: 3 runs not migrated (run without -q to see why)" in res.stderr, res.stderr
    assert res.stdout == ""
