"""Run history through the REAL ZenML 0.20.0 and 0.20.5 (issue 9).

Input: ``fixtures/configs/history`` (real 0.13.2 runs of three pipelines: parameters, a cached and
a failed run, a custom materializer, two stacks, ``.after()`` and ``@step(name=...)``), planned with
``--code`` on the migrated code, migrated with ``--store`` into a fresh store of
each version and with ``--server`` into the live `zenml up` of each version (shared with
test_real_020). Then one process per version and target (``real020_history_check.py``, run from
the code of ``fixtures/history_project`` migrated by our own ``migrate code --fix``): the real
`zenml pipeline runs list`, every run, step, parameter and ``output.read()`` value compared with
what 0.13.2 read (``expected_013.json``), ZenML's sync adding nothing, and a new run of the
migrated pipelines (no "already registered" error, no cache hit on old outputs).
"""

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests import realzenml
from tests.profiles.test_real_020 import copy_config, on_a_live_server, per_version, plan_for
from zenml_migrate.cli import app
from zenml_migrate.profiles.model import Action
from zenml_migrate.profiles.readers import read_legacy
from zenml_migrate.profiles.targets.bundle import BundleTarget
from zenml_migrate.profiles.targets.rest import RestTarget
from zenml_migrate.profiles.targets.store import StoreTarget

pytestmark = pytest.mark.real_zenml

ROOT = Path(__file__).resolve().parents[2]
LEGACY = ROOT / "fixtures" / "configs" / "history" / "zenml_config"
EXPECTED = json.loads((ROOT / "fixtures" / "configs" / "history" / "expected_013.json").read_text())
PROJECT_CODE = ROOT / "fixtures" / "history_project"
CHECK = Path(__file__).with_name("real020_history_check.py")
GONE_CHECK = Path(__file__).with_name("real020_gone_check.py")
MLMD_DUMP = Path(__file__).with_name("mlmd020.sql")
PROJECT = "hist"
UNLISTED = "(unlisted)"  # real020_history_check.py's key for the runs of no pipeline
SQL_TABLES = ("pipelinerunschema", "steprunschema", "artifactschema", "stepinputartifactschema", "steprunorderschema", "pipelineschema")


@pytest.fixture(scope="session")
def migrated_code(tmp_path_factory) -> Path:
    """The user's pipeline code after our own `migrate code --fix` (what their next run uses)."""
    dest = tmp_path_factory.mktemp("code") / "project"
    shutil.copytree(PROJECT_CODE, dest, ignore=shutil.ignore_patterns("__pycache__"))
    result = CliRunner().invoke(app, ["code", "--fix", str(dest / "run.py"), str(dest / "steps"), str(dest / "pipelines"), str(dest / "materializers")])
    assert result.exit_code in (0, 1), result.output
    assert "BaseStepConfig" not in (dest / "steps" / "training.py").read_text()
    return dest


def sql_counts(db: Path) -> dict:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in SQL_TABLES}
    finally:
        conn.close()


def check(version: str, cfg: Path, code: Path, stack: str, project: str = PROJECT, new_runs: bool = True) -> dict:
    out = cfg.parent / f"history-check-{len(list(cfg.parent.glob('history-check-*')))}.json"
    args = [str(CHECK), str(out), project, stack, "new-runs" if new_runs else "no-new-runs"]
    proc = realzenml.python(version, args, cfg, cwd=code, env={"COLUMNS": "250"}, check=False)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:] + server_log_tail(cfg)
    return json.loads(out.read_text())


def server_log_tail(cfg: Path) -> str:
    """The end of the `zenml up` daemon's log when ``cfg`` is a server's config dir (why a REST read failed)."""
    return "".join(f"\n--- {log} ---\n" + log.read_text(errors="replace")[-4000:] for log in sorted(cfg.rglob("service.log")))


@pytest.fixture(scope="session", autouse=True)
def original_config_dir_absent():
    """The fixture's recorded config dir (from the machine that made it) must not exist here: the
    plan then points the migrated stores at each private copy, where the new runs write."""
    original = read_legacy(str(LEGACY)).profiles[0].paths.original
    assert not Path(original).exists(), (
        f"{original} exists on this machine (left by an older test run?): remove it, the migrated stacks would "
        "otherwise keep pointing there and parallel test runs would write into the same artifact dirs"
    )


def legacy_copy(tmp_path_factory, tag: str) -> Path:
    """A private copy of the fixture: new runs of the migrated code write into its artifact stores."""
    dest = tmp_path_factory.mktemp(f"legacy-{tag}") / "history"
    shutil.copytree(LEGACY.parent, dest)
    return dest / "zenml_config"


def migrate(target, version, legacy: Path, code: Path):
    plan = plan_for(legacy, target, PROJECT, version, [code])
    result = target.write(plan)
    again = target.write(plan_for(legacy, target, PROJECT, version, [code]))
    return plan, result, again


@pytest.fixture(scope="session")
def history_store_run(fresh_store, migrated_code, tmp_path_factory):
    def run(version):
        cfg = copy_config(fresh_store[version], tmp_path_factory.mktemp(f"hist-store{version}") / "zenml")
        target = StoreTarget(config_dir=str(cfg))
        plan, result, again = migrate(target, version, legacy_copy(tmp_path_factory, f"store{version}"), migrated_code)
        before = sql_counts(target.db)
        seen = check(version, cfg, migrated_code, "legacy_default")
        return plan, result, again, before, seen, target.db

    return per_version(run)


@pytest.fixture(scope="session")
def history_rest_run(servers, migrated_code, tmp_path_factory):
    def attempt(version, url, cfg, tag):
        target = RestTarget(url, "default", password="", config_dir=str(cfg))
        plan, result, again = migrate(target, version, legacy_copy(tmp_path_factory, f"{tag}{version}"), migrated_code)
        return plan, result, again, check(version, cfg, migrated_code, "legacy_default")

    def run(version):
        return on_a_live_server(version, servers, tmp_path_factory, lambda url, cfg, tag: attempt(version, url, cfg, f"rest{tag}"))

    return per_version(run)


@pytest.fixture(scope="session")
def history_bundle_run(migrated_code, tmp_path_factory):
    """--bundle planned WITHOUT the code (its pipelines cannot be known: the runs go in unlisted), its
    whole import.sh run with stdin closed into a fresh ZENML_CONFIG_PATH (stacks, then the history
    with the Python of that zenml), import_history.py again (writes nothing), the migrated code run
    (it registers its pipelines: the unlisted runs must not make it fail), then --store with --code:
    the runs join their pipelines."""

    def run(version):
        base = tmp_path_factory.mktemp(f"hist-bundle{version}")
        cfg = base / "zenml"  # does not exist: import.sh's first zenml makes it
        legacy = legacy_copy(tmp_path_factory, f"bundle{version}")
        target = BundleTarget(str(base / "bundle"))
        plan = plan_for(legacy, target, "default", version)
        target.write(plan)
        path = {"PATH": f"{realzenml.venv_python(version).parent}:{os.environ['PATH']}"}
        first = realzenml.run(["sh", str(base / "bundle" / "import.sh")], cfg, cwd=base, env=path, check=False)
        db = cfg / "local_stores" / "default_zen_store" / "zenml.db"
        before = db.read_bytes() if db.is_file() else b""
        again = realzenml.run([realzenml.venv_python(version), base / "bundle" / "import_history.py"], cfg, cwd=base, check=False)
        unchanged = db.read_bytes() == before
        seen = check(version, cfg, migrated_code, "legacy_default", "default")
        store = StoreTarget(config_dir=str(cfg))
        links = plan_for(legacy, store, "default", version, [migrated_code])
        linked = store.write(links)
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        rows = dict(conn.execute("SELECT r.name, p.name FROM pipelinerunschema r LEFT JOIN pipelineschema p ON p.id = r.pipeline_id"))
        conn.close()
        return plan, first, again, unchanged, seen, links, linked, rows

    return per_version(run)


def compare(plan, seen) -> list:
    """Every legacy run, step, status, parameter and read value, as 0.20 shows them."""
    problems = []
    names = {(r.pipeline, r.name): (r.target_pipeline or UNLISTED, r.target_name) for r in plan.runs if r.action != Action.DROP}
    got = seen["before"]
    for pipeline, p in EXPECTED.items():
        for run_name, want in p["runs"].items():
            tp, tr = names[(pipeline, run_name)]
            have = got.get(tp, {}).get("runs", {}).get(tr)
            if have is None:
                problems.append(f"{pipeline}/{run_name}: not visible in 0.20 as {tp}/{tr}")
                continue
            if have["status"] != want["status"]:
                problems.append(f"{run_name}: status {have['status']} != {want['status']}")
            pick = lambda steps: [(s["name"], s["status"], s["parameters"], s["outputs"], s["inputs"]) for s in steps]  # noqa: E731
            if pick(have["steps"]) != pick(want["steps"]):
                problems.append(f"{run_name}: steps\n  0.20: {pick(have['steps'])}\n  0.13: {pick(want['steps'])}")
            for s in have["steps"]:
                if s["docstring"] is None and s["entrypoint_name"] != "shouter":
                    problems.append(f"{run_name}/{s['name']}: no docstring")
    listing = seen["runs_list"]
    if listing["exit_code"] != 0 or listing["exception"]:
        problems.append(f"zenml pipeline runs list: {listing}")
    for r in plan.runs:
        if r.target_name not in listing["output"]:
            problems.append(f"zenml pipeline runs list does not show {r.target_name}")
    failed_rows = [line for line in listing["output"].splitlines() if "train_failed" in line]
    if not failed_rows or "❌" not in failed_rows[0]:
        problems.append(f"train_failed not shown failed: {failed_rows}")
    return problems


def assert_new_runs(seen):
    """The migrated code runs after the import: no "already registered with a different pipeline
    configuration" (ordered_pipeline: .after(), @step(name=...), a custom step class)."""
    assert seen["new_run_errors"] == {"new_training_run": None, "new_report_run": None, "new_ordered_run": None}, seen["new_run_errors"]
    after = seen["after"]
    new = after["training_pipeline"]["runs"]["new_training_run"]
    # same inputs as train_1 (size 5, noise 0): a cache hit on an old output would show "cached"
    assert [s["status"] for s in new["steps"]] == ["completed"] * 3, new
    assert new["steps"][1]["outputs"]["output"] == "LinearModel(slope=2.0, intercept=1.0)"
    assert after["report_pipeline"]["runs"]["new_report_run"]["status"] == "completed"
    ordered = after["ordered_pipeline"]["runs"]["new_ordered_run"]
    assert [(s["name"], s["status"]) for s in ordered["steps"]] == [
        ("cleanup", "completed"), ("fetcher", "completed"), ("sorter", "completed"), ("summarizer", "completed")]
    assert set(seen["pipelines"]) == {"training_pipeline", "report_pipeline", "ordered_pipeline"}  # reused, not registered again
    assert set(after["ordered_pipeline"]["runs"]) == {"ordered_1", "new_ordered_run"}  # the old run is in the pipeline


@pytest.mark.parametrize("version", ("0.20.0", "0.20.5"))
def test_store_history_read_back_by_real_zenml(history_store_run, version):
    plan, result, again, before, seen, db = history_store_run[version]
    assert seen["zenml_version"] == version
    assert {r.action for r in plan.runs} == {Action.MIGRATE}
    assert not compare(plan, seen), "\n".join(compare(plan, seen))
    assert_new_runs(seen)
    assert not again.created and not again.updated  # a second migration writes nothing


@pytest.mark.parametrize("version", ("0.20.0", "0.20.5"))
def test_zenml_sync_adds_nothing_to_what_the_store_target_wrote(history_store_run, version):
    plan, result, again, before, seen, db = history_store_run[version]
    after = sql_counts(db)
    new_rows = {"pipelinerunschema": 3, "steprunschema": 9, "artifactschema": 10, "steprunorderschema": 6, "stepinputartifactschema": 8}
    assert {t: after[t] - before[t] for t in SQL_TABLES} == {**{t: 0 for t in SQL_TABLES}, **new_rows}


@pytest.mark.parametrize("version", ("0.20.0", "0.20.5"))
def test_server_history_read_back_by_real_zenml(history_rest_run, version):
    plan, result, again, seen = history_rest_run[version]
    assert seen["zenml_version"] == version
    assert plan.writable_runs() and not compare(plan, seen), "\n".join(compare(plan, seen))
    assert_new_runs(seen)
    assert not again.created and not again.updated


@pytest.mark.parametrize("version", ("0.20.0", "0.20.5"))
def test_bundle_import_sh_imports_the_history_into_real_zenml(history_bundle_run, version):
    plan, first, again, unchanged, seen, _links, _linked, _rows = history_bundle_run[version]
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-3000:]
    assert "Aborted" not in first.stderr and "[y/N]" not in first.stdout  # stdin closed: no prompt reached
    assert "run history: 8 runs (22 steps, 22 artifacts) imported" in first.stdout, first.stdout
    assert again.returncode == 0 and "8 imported before" in again.stdout and unchanged, again.stdout + again.stderr
    assert seen["zenml_version"] == version
    assert {r.target_pipeline for r in plan.runs} == {""}  # no code given: nothing registered
    assert not compare(plan, seen), "\n".join(compare(plan, seen))


@pytest.mark.parametrize("version", ("0.20.0", "0.20.5"))
def test_unlisted_runs_let_the_migrated_code_run_then_join_their_pipelines(history_bundle_run, version):
    _plan, _first, _again, _unchanged, seen, links, linked, rows = history_bundle_run[version]
    assert seen["new_run_errors"] == {"new_training_run": None, "new_report_run": None, "new_ordered_run": None}, seen["new_run_errors"]
    assert set(seen["after"][UNLISTED]["runs"]) == {r.name for r in links.runs}  # the old runs, still unlisted then
    assert len(links.run_links()) == 8 and any("8 runs imported unlisted before now join their pipelines" in d for d in linked.done)
    old = {r.name: r.pipeline for r in links.runs}
    assert {name: rows[name] for name in old} == old  # every old run is in its pipeline now
    assert rows["new_ordered_run"] == "ordered_pipeline"


@pytest.mark.parametrize("version", ("0.20.0", "0.20.5"))
def test_mlmd_dump_is_what_the_real_020_creates(fresh_store, version):
    db = fresh_store[version] / "local_stores" / "default_zen_store" / "zenml.db"
    conn = sqlite3.connect(":memory:")
    conn.executescript(MLMD_DUMP.read_text())
    want = sorted(conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
    conn.close()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    have = sorted(r for r in conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
                  if r[1] in {w[1] for w in want})
    types = conn.execute("SELECT id, name, type_kind FROM Type ORDER BY id").fetchall()
    conn.close()
    assert have == want
    assert [t[1] for t in types] == ["mlmd.Dataset", "mlmd.Model", "mlmd.Metrics", "mlmd.Statistics", "mlmd.Train",
                                     "mlmd.Transform", "mlmd.Process", "mlmd.Evaluate", "mlmd.Deploy"]


@pytest.mark.parametrize("version", ("0.20.0", "0.20.5"))
def test_runs_with_output_folders_or_a_whole_store_folder_gone_are_listed_and_their_other_outputs_read(
        fresh_store, migrated_code, tmp_path, version):
    """The artifact store beside the config dir, the project folder copied whole, one output folder deleted (train_second);
    the default stack's whole artifact store folder gone, migrated with --keep-runs-without-artifacts (train_1 and the
    other runs of that stack). Every run is migrated; the real 0.20 lists each with its status, reads every output that
    is on disk, and only the gone ones fail to read."""
    from tests.profiles.test_history import store_beside_the_config_dir
    from zenml_migrate.profiles.plan import PlanOptions, build_plan

    legacy = tmp_path / "history" / "zenml_config"
    shutil.copytree(LEGACY.parent, legacy.parent)
    shutil.rmtree(store_beside_the_config_dir(legacy) / "trainer" / "output" / "4")
    default_store = Path(str(read_legacy(str(legacy)).profiles[0].component("artifact_store", "default").config["path"]))
    shutil.rmtree(legacy / "local_stores" / default_store.name)
    cfg = copy_config(fresh_store[version], tmp_path / "zenml")
    target = StoreTarget(config_dir=str(cfg))
    plan = build_plan(read_legacy(str(legacy)), target.existing(PROJECT), PlanOptions(
        project=PROJECT, target=target.describe(), zenml_version=version, code=[str(migrated_code)], keep_runs_without_artifacts=True))
    runs = {r.name: r for r in plan.runs}
    assert runs["train_second"].gone == ["trainer.output"] and not runs["greet_2"].gone
    assert runs["train_1"].gone and runs["train_1"].artifacts == len(runs["train_1"].gone)
    assert {r.action for r in plan.runs} == {Action.MIGRATE}
    target.write(plan)
    out = tmp_path / "gone.json"
    proc = realzenml.python(version, [str(GONE_CHECK), str(out), PROJECT, "train_second", "greet_2", "train_1", "train_failed"], cfg,
                            cwd=migrated_code, env={"COLUMNS": "250"}, timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    seen = json.loads(out.read_text())
    assert seen["exit_code"] == 0 and all(r.target_name in seen["output"] for r in plan.runs), seen["output"]
    assert seen["statuses"] == {"train_second": "completed", "greet_2": "completed", "train_1": "completed", "train_failed": "failed"}
    failed = {k for k, v in seen["reads"].items() if v != "read"}
    said = {f"{name}/{output}" for name in seen["statuses"] for output in runs[name].gone}  # what the plan says is gone
    assert failed == said and len(seen["reads"]) > len(said), seen["reads"]
    assert {k for k in seen["reads"] if k.startswith("train_1/")} == {f"train_1/{output}" for output in runs["train_1"].gone}
