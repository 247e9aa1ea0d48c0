"""Run history: the plan and the --store write of the ``history`` fixture (real 0.13.2 runs), on
stores built from real 0.20.5 dumps (``store020.sql`` + ``mlmd020.sql``). The real 0.20.0/0.20.5
read-back is in ``test_real_history.py``."""

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.profiles.test_store import make_store
from zenml_migrate.cli import app
from zenml_migrate.profiles.history_plan import payload
from zenml_migrate.profiles.model import Action
from zenml_migrate.profiles.plan import PlanOptions, build_plan
from zenml_migrate.profiles.readers import read_legacy
from zenml_migrate.profiles.targets import TargetError
from zenml_migrate.profiles.targets.store import StoreTarget

ROOT = Path(__file__).resolve().parents[2]
HISTORY = ROOT / "fixtures" / "configs" / "history"
MLMD_DUMP = Path(__file__).with_name("mlmd020.sql")
CODE = [str(ROOT / "fixtures" / "history_project")]  # the pipeline code of the fixture's runs (--code)
# what the real 0.20.5 registered for the migrated code of fixtures/history_project (checked by hand
# and by test_real_history: a new run of the migrated code reuses the pipeline)
TRAINING_SPEC = {"version": "0.1", "steps": [
    {"source": "steps.training.importer", "upstream_steps": []},
    {"source": "steps.training.trainer", "upstream_steps": ["importer"]},
    {"source": "steps.training.evaluator", "upstream_steps": ["importer", "trainer"]},
]}
REPORT_SPEC = {"version": "0.1", "steps": [
    {"source": "run.greeter", "upstream_steps": []}, {"source": "run.shouter", "upstream_steps": ["greeter"]},
]}
# what the real 0.20.5 registers for ordered_pipeline (test_real_history runs it after the import): the
# @step(name="cleanup") function clear_scratch under its function name, the .after() edge, TFX's order
ORDERED_SPEC = {"version": "0.1", "steps": [
    {"source": "steps.ordered.clear_scratch", "upstream_steps": []},
    {"source": "steps.ordered.fetch", "upstream_steps": ["cleanup"]},
    {"source": "steps.ordered.SortNumbers", "upstream_steps": ["fetch"]},
    {"source": "steps.ordered.summarize", "upstream_steps": ["SortNumbers"]},
]}
runner = CliRunner()


def history_store(cfg: Path) -> Path:
    cfg.mkdir()
    db = make_store(cfg)
    conn = sqlite3.connect(db)
    conn.executescript(MLMD_DUMP.read_text())
    conn.commit()
    conn.close()
    return db


@pytest.fixture
def legacy(tmp_path):
    dest = tmp_path / "history"
    shutil.copytree(HISTORY, dest)
    return dest / "zenml_config"


def plan_into(target, legacy_dir, **kw):
    return build_plan(read_legacy(str(legacy_dir)), target.existing("default"),
                      PlanOptions(target=target.describe(), **{"code": CODE, **kw}))


def count(db, table):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(f"SELECT count(*) FROM `{table}`").fetchone()[0]
    finally:
        conn.close()


def test_plan_lists_every_run_with_stack_status_and_the_020_spec(legacy):
    plan = build_plan(read_legacy(str(legacy)), options=PlanOptions(code=CODE))
    runs = {r.name: r for r in plan.runs}
    assert set(runs) == {"train_1", "train_2", "train_3", "train_failed", "greet_1", "greet_2", "train_second", "ordered_1"}
    assert all(r.action == Action.MIGRATE for r in runs.values())
    assert runs["train_failed"].status == "failed" and runs["train_failed"].steps == 2
    assert runs["train_2"].artifacts == 0  # every step cached: it produced nothing new
    assert (runs["train_1"].target_stack, runs["greet_2"].target_stack) == ("legacy_default", "second_stack")
    assert plan.pipeline_specs["training_pipeline"]["spec"] == TRAINING_SPEC
    assert plan.pipeline_specs["report_pipeline"]["spec"] == REPORT_SPEC  # __main__ -> the script's module
    assert plan.pipeline_specs["ordered_pipeline"]["spec"] == ORDERED_SPEC  # .after(), @step(name=...), read from the code


def test_no_history_plans_no_runs(legacy):
    assert build_plan(read_legacy(str(legacy)), options=PlanOptions(history=False)).runs == []


def test_payload_is_json_and_drops_legacy_contexts(legacy):
    doc = json.loads(json.dumps(payload(build_plan(read_legacy(str(legacy)), options=PlanOptions(code=CODE)))))
    for src in doc["sources"]:
        assert {t["name"] for t in src["types"].values()}.isdisjoint({"zenml", "execution_cache"})
        for ex in src["executions"].values():
            assert "@zenml_" not in json.dumps(ex["step_configuration"])
            assert ex["step_configuration"]["config"]["docstring"] is not None or ex["entrypoint"] == "shouter"
        for art in src["artifacts"].values():
            assert all("@zenml_" not in (p[4] or "") for p in art["properties"])


def test_store_write_then_rerun_writes_nothing(tmp_path, legacy):
    db = history_store(tmp_path / "zenml")
    target = StoreTarget(config_dir=str(tmp_path / "zenml"))
    result = target.write(plan_into(target, legacy))
    assert "8 pipeline runs (22 steps, 22 artifacts)" in result.created  # 26 artifact rows: cached steps repeat theirs
    assert (count(db, "pipelinerunschema"), count(db, "steprunschema"), count(db, "artifactschema")) == (8, 22, 26)
    assert count(db, "pipelineschema") == 3
    before = db.read_bytes()
    again = plan_into(target, legacy)
    assert {r.action for r in again.runs} == {Action.DONE}
    target.write(again)
    assert db.read_bytes() == before


def test_no_execution_cache_context_and_one_020_zenml_context_per_step(tmp_path, legacy):
    db = history_store(tmp_path / "zenml")
    target = StoreTarget(config_dir=str(tmp_path / "zenml"))
    target.write(plan_into(target, legacy))
    conn = sqlite3.connect(db)
    kinds = dict(conn.execute("SELECT t.name, count(*) FROM Context c JOIN Type t ON t.id = c.type_id GROUP BY t.name"))
    assert "execution_cache" not in kinds and kinds["pipeline_run"] == 8
    for (props,) in conn.execute(
        "SELECT group_concat(p.name) FROM Context c JOIN Type t ON t.id = c.type_id JOIN ContextProperty p ON p.context_id = c.id "
        "WHERE t.name = 'zenml' GROUP BY c.id"
    ):
        assert sorted(props.split(",")) == ["model_ids", "num_steps", "pipeline_configuration", "stack", "step_configuration"]
    missing = conn.execute(
        "SELECT count(*) FROM Execution e WHERE NOT EXISTS (SELECT 1 FROM Association a JOIN Context c ON c.id = a.context_id "
        "JOIN Type t ON t.id = c.type_id WHERE a.execution_id = e.id AND t.name = 'zenml')").fetchone()[0]
    assert missing == 0
    conn.close()


def test_failing_history_write_leaves_the_store_byte_identical(tmp_path, legacy):
    db = history_store(tmp_path / "zenml")
    conn = sqlite3.connect(db)
    conn.execute("CREATE TRIGGER boom BEFORE INSERT ON stepinputartifactschema BEGIN SELECT RAISE(ABORT, 'boom'); END")
    conn.commit()
    conn.close()
    before = db.read_bytes(), (tmp_path / "zenml" / "config.yaml").read_bytes()
    target = StoreTarget(config_dir=str(tmp_path / "zenml"))
    with pytest.raises(TargetError, match="rolled back, nothing written"):
        target.write(plan_into(target, legacy))
    assert (db.read_bytes(), (tmp_path / "zenml" / "config.yaml").read_bytes()) == before
    assert not [p for p in db.parent.iterdir() if ".bak-" in p.name]


def test_store_without_mlmd_tables_migrates_stacks_and_says_why_not_runs(tmp_path, legacy):
    (tmp_path / "zenml").mkdir()
    make_store(tmp_path / "zenml")
    target = StoreTarget(config_dir=str(tmp_path / "zenml"))
    plan = plan_into(target, legacy)
    assert plan.runs == [] and "no MLMD tables" in plan.history_notes[0]


def test_run_name_taken_in_the_target_is_renamed(tmp_path, legacy):
    db = history_store(tmp_path / "zenml")
    target = StoreTarget(config_dir=str(tmp_path / "zenml"))
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO Type (id, name, type_kind) VALUES (100, 'pipeline_run', 2)")
    conn.execute("INSERT INTO Context (id, type_id, name) VALUES (100, 100, 'train_1')")
    conn.commit()
    conn.close()
    plan = plan_into(target, legacy)
    run = [r for r in plan.runs if r.name == "train_1"][0]
    assert run.target_name == "train_1_default" and run.action == Action.CHANGE
    target.write(plan)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM pipelinerunschema WHERE name = 'train_1_default'").fetchone()[0] == 1
    names = [r[0] for r in conn.execute("SELECT name FROM Artifact WHERE name LIKE 'training_pipeline:train_1%'")]
    assert names and all(n.startswith("training_pipeline:train_1_default:") for n in names)
    conn.close()


@pytest.mark.parametrize("damage", ["truncated", "locked", "schema", "garbage"])
def test_damaged_metadata_db_is_a_note_never_a_traceback(tmp_path, legacy, damage):
    db = sorted(legacy.glob("local_stores/*/metadata.db"))[0]
    holder = None
    if damage == "truncated":
        db.write_bytes(db.read_bytes()[: 4096 + 100])
    elif damage == "garbage":
        db.write_bytes(b"not a database at all" * 10)
    elif damage == "schema":
        conn = sqlite3.connect(db)
        conn.execute("UPDATE MLMDEnv SET schema_version = 10")
        conn.commit()
        conn.close()
    else:
        holder = sqlite3.connect(db)
        holder.execute("BEGIN EXCLUSIVE")
    try:
        result = runner.invoke(app, ["profiles", str(legacy), "--format", "json"], env={"COLUMNS": "200"})
    finally:
        if holder is not None:
            holder.rollback()
            holder.close()
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    doc = json.loads(result.output)
    notes = " ".join(doc["history"]["notes"])
    assert str(db) in notes and "its runs are not migrated" in notes
    expected = {"locked": "locked by another process", "schema": "schema version 10", "truncated": "restore metadata.db",
                "garbage": "not a SQLite database"}[damage]
    assert expected in notes
    assert {r["source"] for r in doc["history"]["runs"]} == {str(p) for p in legacy.glob("local_stores/*/metadata.db") if p != db}


@pytest.mark.parametrize("empty", ["zero_bytes", "no_tables"])
def test_empty_metadata_db_has_no_runs_and_no_complaint(tmp_path, legacy, empty):
    """A metadata.db no pipeline ran on (ml-metadata creates its tables at the first connection)."""
    db = sorted(legacy.glob("local_stores/*/metadata.db"))[0]
    db.write_bytes(b"")
    if empty == "no_tables":
        sqlite3.connect(db).close()
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE t (x)")
        conn.execute("DROP TABLE t")  # a valid SQLite file (header written) with no table
        conn.commit()
        conn.close()
        assert db.read_bytes()[:16] == b"SQLite format 3\x00"
    original = db.read_bytes()
    store = history_store(tmp_path / "zenml")
    target = StoreTarget(config_dir=str(tmp_path / "zenml"))
    plan = plan_into(target, legacy)
    assert not [n for n in plan.history_notes if str(db) in n], plan.history_notes
    others = {r.source for r in plan.runs}
    assert plan.runs and str(db) not in others
    result = target.write(plan)
    assert count(store, "pipelinerunschema") == len(plan.runs), result.created
    assert db.read_bytes() == original  # read only, never initialised by us


def test_an_interrupted_run_stays_running_and_says_so(tmp_path, legacy):
    history_store(tmp_path / "zenml")
    plan = plan_into(StoreTarget(config_dir=str(tmp_path / "zenml")), legacy)
    run = next(r for r in plan.runs if r.status == "completed")
    conn = sqlite3.connect(run.source)
    conn.execute("UPDATE Execution SET last_known_state = 2 WHERE id = ?", (run.executions[-1],))  # RUNNING, as a killed run leaves it
    conn.commit()
    conn.close()
    again = next(r for r in plan_into(StoreTarget(config_dir=str(tmp_path / "zenml")), legacy).runs if r.name == run.name)
    assert again.status == "running" and any("has not finished" in n for n in again.notes)
    assert not [r for r in plan.runs if r.status == "running" or any("has not finished" in n for n in r.notes)]


def _set_state(db, execution, state):
    conn = sqlite3.connect(db)
    conn.execute("UPDATE Execution SET last_known_state = ? WHERE id = ?", (state, execution))
    conn.commit()
    conn.close()


def test_a_run_migrated_while_0132_was_running_it_is_written_again_once_finished(tmp_path, legacy):
    """Migrating a config dir while a pipeline runs there (checked with the real 0.13.2: a step
    sleeping during `--store`): the run went in as running, and after it finished every later
    migration said 'already migrated', so 0.20 kept it running, without its last step's outputs."""
    from zenml_migrate.profiles.plan_view import history_summary

    db = history_store(tmp_path / "zenml")

    def target():
        return StoreTarget(config_dir=str(tmp_path / "zenml"))

    last = max((r for r in plan_into(target(), legacy).runs if r.status == "completed"), key=lambda r: r.created)
    _set_state(last.source, last.executions[-1], 2)  # RUNNING: its last step is still going
    first = plan_into(target(), legacy)
    assert any("or is still running" in n for r in first.runs if r.name == last.name for n in r.notes)
    assert any(f"run {last.name}: written as running" in line for g in history_summary(first) for line in g["renamed"])
    target().write(first)
    written = count(db, "pipelinerunschema")
    assert plan_into(target(), legacy).history_writes() is False  # still running: nothing new
    _set_state(last.source, last.executions[-1], 3)  # COMPLETE: the run finished
    second = plan_into(target(), legacy)
    [again] = [r for r in second.runs if r.name == last.name]
    assert again.action in (Action.MIGRATE, Action.CHANGE) and again.status == "completed", again.notes
    assert any("finished since, so the finished run is written too" in n for n in again.notes)
    assert [r.name for r in second.writable_runs()] == [last.name]
    said = [line for g in history_summary(second) for line in g["renamed"]]
    assert any(line.startswith(f"run {last.name}: finished since it was migrated while running: written again") for line in said), said
    target().write(second)
    assert count(db, "pipelinerunschema") == written + 1
    assert plan_into(target(), legacy).history_writes() is False  # and then it is done


def test_versions_beyond_0205_are_refused(legacy):
    result = runner.invoke(app, ["profiles", str(legacy), "--zenml-version", "0.21.0"], env={"COLUMNS": "200"})
    assert result.exit_code == 2 and "0.20.0-0.20.5" in result.output


def test_bundle_carries_the_history_and_import_sh_runs_it_with_the_python_of_zenml(tmp_path, legacy):
    from zenml_migrate.profiles.targets.bundle import BundleTarget
    import os
    import subprocess
    import sys

    target = BundleTarget(str(tmp_path / "bundle"))
    target.write(build_plan(read_legacy(str(legacy)), options=PlanOptions(target=target.describe(), code=CODE)))
    bundle = tmp_path / "bundle"
    doc = json.loads((bundle / "history.json").read_text())
    assert sum(len(s["runs"]) for s in doc["sources"]) == 8
    assert (bundle / "history_writer.py").is_file()
    # a fake zenml whose shebang names this Python; import_history.py replaced by a probe
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "zenml").write_text(f"#!{sys.executable}\nimport sys\nsys.exit(0)\n")
    (fake / "zenml").chmod(0o755)
    (bundle / "import_history.py").write_text("import sys\nprint('PYTHON=' + sys.executable)\n")
    env = {**os.environ, "PATH": f"{fake}:{os.environ['PATH']}"}
    proc = subprocess.run(["sh", str(bundle / "import.sh")], env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert f"PYTHON={sys.executable}" in proc.stdout, proc.stdout + proc.stderr


def test_executions_of_a_reused_run_name_become_one_run_each(tmp_path, legacy):
    """0.13.2 refuses a re-used run name, but a hand-edited or merged metadata.db can hold two runs
    in one run context: 0.20 would show one execution per step name, so each becomes its own run."""
    db = sorted(legacy.glob("local_stores/*/metadata.db"), key=lambda p: p.stat().st_size)[-1]
    conn = sqlite3.connect(db)
    ((first,),) = conn.execute("SELECT id FROM Context WHERE name = 'train_1'").fetchall()
    ((third,),) = conn.execute("SELECT id FROM Context WHERE name = 'train_3'").fetchall()
    conn.execute("UPDATE Association SET context_id = ? WHERE context_id = ?", (first, third))
    conn.execute("DELETE FROM Context WHERE id = ?", (third,))
    conn.commit()
    conn.close()
    store = history_store(tmp_path / "zenml")
    target = StoreTarget(config_dir=str(tmp_path / "zenml"))
    plan = plan_into(target, legacy)
    runs = {r.name: r for r in plan.runs}
    assert runs["train_1"].steps == 3 and runs["train_1#2"].steps == 3
    assert runs["train_1#2"].target_name == "train_1_2" and runs["train_1#2"].action == Action.CHANGE
    target.write(plan)
    conn = sqlite3.connect(store)
    names = sorted(r[0] for r in conn.execute("SELECT name FROM pipelinerunschema"))
    conn.close()
    assert "train_1_2" in names and len(names) == 8
    target.write(plan_into(target, legacy))  # markers: nothing again
    assert count(store, "pipelinerunschema") == 8


def reasons(plan):
    return {r.name: r.notes[-1] for r in plan.runs if r.action == Action.DROP}


def test_artifact_store_path_gone_blocks_the_runs_that_wrote_there(legacy):
    shutil.rmtree(legacy / "second_artifacts")
    out = reasons(build_plan(read_legacy(str(legacy)), options=PlanOptions(code=CODE)))
    assert set(out) == {"greet_2", "train_second"}
    assert all("second_artifacts" in r and "no longer exists" in r for r in out.values())


def test_runs_whose_artifact_store_folder_is_gone_stay_out_unless_asked_and_then_move_with_every_artifact_said_gone(legacy, tmp_path):
    """A whole artifact store folder gone (deleted, or not copied to this machine yet): its runs stay out by default
    (copied back later, the folder moves with them; a run written now would keep the path it was written with), and
    the plan says so with the option that moves them anyway. With --keep-runs-without-artifacts they move: steps,
    parameters and statuses, every output said to be gone, at its path in that folder."""
    folder = legacy / "second_artifacts"
    shutil.rmtree(folder)
    plan = build_plan(read_legacy(str(legacy)), options=PlanOptions(code=CODE))
    out = reasons(plan)
    assert set(out) == {"greet_2", "train_second"}
    assert all(f"artifact store folder {folder} no longer exists" in r and "--keep-runs-without-artifacts" in r for r in out.values()), out
    result = runner.invoke(app, ["profiles", str(legacy), "--code", CODE[0]], env={"COLUMNS": "300"})
    moving = plan.writable_runs()
    assert (f"run history: {len(moving)} runs ({sum(r.steps for r in moving)} steps) to migrate, 2 runs not migrated "
            "(said under Run history)") in result.output, result.output
    store = history_store(tmp_path / "zenml")
    target = StoreTarget(config_dir=str(tmp_path / "zenml"))
    plan = plan_into(target, legacy, keep_runs_without_artifacts=True)
    runs = {r.name: r for r in plan.runs}
    assert reasons(plan) == {}
    assert len(runs["train_second"].gone) == 4 and len(runs["greet_2"].gone) == 2, runs["train_second"].notes
    said = [n for n in runs["train_second"].notes if "gone from disk" in n]
    assert len(said) == 1 and "all 4 of its 4 output artifacts are gone" in said[0] and "`.read()` of any of its artifacts fails" in said[0]
    uris = {a["uri"] for src in payload(plan)["sources"] for a in src["artifacts"].values()}
    assert {u for u in uris if not os.path.exists(u)} == {u for u in uris if u.startswith(f"{folder}/")} != set()
    result = runner.invoke(app, ["profiles", str(legacy), "--code", CODE[0], "--keep-runs-without-artifacts"], env={"COLUMNS": "300"})
    assert "run train_second: 4 output artifacts gone from disk" in result.output and "runs not migrated" not in result.output, result.output
    target.write(plan)
    assert count(store, "pipelinerunschema") == 8


def test_custom_materializer_that_does_not_import_blocks_its_runs(tmp_path, legacy):
    code = tmp_path / "code"
    (code / "materializers").mkdir(parents=True)
    (code / "run.py").write_text("")
    (code / "materializers" / "__init__.py").write_text("")
    for db in legacy.glob("local_stores/*/metadata.db"):
        conn = sqlite3.connect(db)
        for cid, value in conn.execute("SELECT context_id, string_value FROM ContextProperty WHERE name = 'runtime_configuration'").fetchall():
            doc = json.loads(value)
            doc["dag_filepath"] = str(code / "run.py")
            conn.execute("UPDATE ContextProperty SET string_value = ? WHERE context_id = ? AND name = 'runtime_configuration'", (json.dumps(doc), cid))
        conn.commit()
        conn.close()
    # --code names the same folder: the materializer is looked for there and beside the run's script
    plan = build_plan(read_legacy(str(legacy)), options=PlanOptions(code=[str(code)]))
    out = reasons(plan)
    assert set(out) == {"train_1", "train_2", "train_3", "train_second"}  # every run whose trainer wrote a LinearModel
    assert f"materializers.model.LinearModelMaterializer is not found: no module materializers.model under {code}" in out["train_1"]
    assert "LinearModelMaterializer" in out["train_2"]  # its cached trainer points at train_1's model
    # the failed run's trainer wrote nothing: it moves (unlisted: its pipeline's code is not under --code here)
    assert [r.action for r in plan.runs if r.name == "train_failed"] == [Action.CHANGE] and "train_failed" not in out
    (code / "materializers" / "model.py").write_text("class LinearModelMaterializerV2:\n    pass\n")
    out = reasons(build_plan(read_legacy(str(legacy)), options=PlanOptions(code=[str(code)])))
    assert f"LinearModelMaterializer is not defined in {code}/materializers/model.py" in out["train_1"], out
    (code / "materializers" / "model.py").write_text("class LinearModelMaterializer:\n    pass\n")
    assert reasons(build_plan(read_legacy(str(legacy)), options=PlanOptions(code=[str(code)]))) == {}
    # the run's script folder lacks it, --code (the fixture's project) has it: found there
    (code / "materializers" / "model.py").unlink()
    assert reasons(build_plan(read_legacy(str(legacy)), options=PlanOptions(code=CODE))) == {}


def test_a_materializer_of_a_src_layout_package_run_with_python_m_is_found(tmp_path, legacy):
    # review28 R1: `cd src && python -m churnkit.run` records src/churnkit/run.py; 0.13.2 named the
    # materializer `churnkit.m.M` from src/ (the package's parent), the folder of the script was the
    # only one looked in, so every run was dropped as "does not import"
    src = tmp_path / "src"
    (src / "churnkit" / "materializers").mkdir(parents=True)
    for init in ("churnkit/__init__.py", "churnkit/materializers/__init__.py", "churnkit/run.py"):
        (src / init).write_text("")
    (src / "churnkit" / "materializers" / "model.py").write_text("class LinearModelMaterializer:\n    pass\n")
    for db in legacy.glob("local_stores/*/metadata.db"):
        conn = sqlite3.connect(db)
        for cid, value in conn.execute("SELECT context_id, string_value FROM ContextProperty WHERE name = 'runtime_configuration'").fetchall():
            doc = json.loads(value)
            doc["dag_filepath"] = str(src / "churnkit" / "run.py")
            conn.execute("UPDATE ContextProperty SET string_value = ? WHERE context_id = ? AND name = 'runtime_configuration'", (json.dumps(doc), cid))
        conn.execute("UPDATE ArtifactProperty SET string_value = replace(string_value, 'materializers.model.', 'churnkit.materializers.model.') "
                     "WHERE name = 'materializer'")
        conn.commit()
        conn.close()
    assert reasons(build_plan(read_legacy(str(legacy)))) == {}
    (src / "churnkit" / "materializers" / "model.py").unlink()
    out = reasons(build_plan(read_legacy(str(legacy))))
    assert f"no module churnkit.materializers.model under {src / 'churnkit'}, {src} (looked for on disk)" in out["train_1"], out


def test_run_on_a_stack_that_is_not_migrated_stays(tmp_path, legacy):
    db = history_store(tmp_path / "zenml")
    conn = sqlite3.connect(db)  # the target has another `second_stack`: a conflict, so that stack is not written
    conn.execute("INSERT INTO stackschema SELECT project_id, user_id, 'ffffffffffffffffffffffffffffffff', created, updated, "
                 "'second_stack', is_shared FROM stackschema WHERE name = 'default'")
    conn.commit()
    conn.close()
    target = StoreTarget(config_dir=str(tmp_path / "zenml"))
    out = reasons(plan_into(target, legacy))
    assert set(out) == {"greet_2", "train_second"}
    assert "its stack second_stack is not migrated (conflict)" in out["greet_2"]


def test_a_profile_with_an_unreadable_component_keeps_the_runs_of_its_other_stacks(legacy):
    # one component file of the profile is gone: --skip-invalid leaves its stack out, the runs of the
    # other stacks are still planned (they were silently left out with the whole history of the profile)
    (legacy / "profiles" / "default" / "artifact_stores" / "second_store.yaml").unlink()
    plan = build_plan(read_legacy(str(legacy)), options=PlanOptions(code=CODE))
    assert any(p.item == "artifact_store default/second_store" for p in plan.problems)
    assert {r.name for r in plan.runs if r.action != Action.DROP} >= {"greet_1", "train_1"}
    out = reasons(plan)
    assert set(out) == {"greet_2", "train_second"}
    assert all("its stack second_stack is not migrated" in r for r in out.values())


def test_a_metadata_store_whose_configuration_cannot_be_read_is_said_to_hold_runs_not_migrated(legacy):
    (legacy / "profiles" / "default" / "metadata_stores" / "second_metadata.yaml").unlink()
    plan = build_plan(read_legacy(str(legacy)), options=PlanOptions(code=CODE))
    notes = [n for n in plan.history_notes if "second_metadata" in n]
    assert notes and "cannot be read" in notes[0] and "its runs are not migrated" in notes[0]


def test_a_metadata_db_with_an_unfinished_write_is_read_as_0132_reads_it_next(legacy):
    # a pipeline killed while it wrote to metadata.db leaves a hot journal: a read-only reader cannot roll it
    # back ("attempt to write a readonly database"); the runs were said unreadable ("restore metadata.db from a
    # backup") and not migrated. They are read from a rolled-back copy; the user's files stay as they are.
    from tests.profiles.legacy_dirs import interrupted_write

    before = {r.name for r in build_plan(read_legacy(str(legacy)), options=PlanOptions(code=CODE)).runs}
    [db] = [h.mlmd.path for p in read_legacy(str(legacy)).profiles for h in p.history if h.mlmd is not None and h.runs][:1]
    interrupted_write(Path(db), "DELETE FROM Execution")
    files = {p: p.read_bytes() for p in (Path(db), Path(f"{db}-journal"))}
    plan = build_plan(read_legacy(str(legacy)), options=PlanOptions(code=CODE))
    assert {r.name for r in plan.runs} == before
    assert not [n for n in plan.history_notes if "cannot be read" in n]
    assert any("-journal is the unfinished write" in n for n in plan.profile_notes["default"])
    assert {p: p.read_bytes() for p in files} == files


def test_pipeline_registered_with_other_steps_gets_another_name(tmp_path, legacy):
    db = history_store(tmp_path / "zenml")
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO pipelineschema SELECT p.id, u.id, 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee', 'training_pipeline', NULL, "
                 "'{\"version\": \"0.1\", \"steps\": [{\"source\": \"other.step\", \"upstream_steps\": []}]}', p.created, p.updated "
                 "FROM projectschema p, userschema u WHERE p.name = 'default' AND u.name = 'default'")
    conn.commit()
    conn.close()
    target = StoreTarget(config_dir=str(tmp_path / "zenml"))
    plan = plan_into(target, legacy)
    training = [r for r in plan.runs if r.pipeline == "training_pipeline"]
    assert {r.target_pipeline for r in training} == {"training_pipeline_default"}
    assert all(r.action == Action.CHANGE for r in training)
    target.write(plan)
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT p.name, count(*) FROM pipelinerunschema r JOIN pipelineschema p ON p.id = r.pipeline_id GROUP BY p.name").fetchall()
    conn.close()
    assert dict(rows) == {"training_pipeline_default": 5, "report_pipeline": 2, "ordered_pipeline": 1}


def test_runs_added_after_a_migration_link_to_the_runs_migrated_before(tmp_path, legacy):
    """0.13.2 kept running after a first migration: the new runs' cached steps point at the
    outputs written by the first migration (no second copy of those artifacts)."""
    db = history_store(tmp_path / "zenml")
    target = StoreTarget(config_dir=str(tmp_path / "zenml"))
    first = plan_into(target, legacy)
    for r in first.runs:
        if r.name != "train_1":
            r.action = Action.DROP  # as if only train_1 had existed then
    target.write(first)
    assert count(db, "Artifact") == 4
    second = plan_into(target, legacy)
    train_2 = [r for r in second.runs if r.name == "train_2"][0]
    assert any("migrated before: linked" in n for n in train_2.notes)
    target.write(second)
    assert count(db, "pipelinerunschema") == 8 and count(db, "Artifact") == 22  # nothing copied twice
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT a.name, a.is_cached, p.name, pr.name FROM artifactschema a JOIN steprunschema s ON s.id = a.parent_step_id "
        "JOIN pipelinerunschema r ON r.id = s.pipeline_run_id JOIN steprunschema p ON p.id = a.producer_step_id "
        "JOIN pipelinerunschema pr ON pr.id = p.pipeline_run_id WHERE r.name = 'train_2'").fetchall()
    inputs = conn.execute(
        "SELECT i.name, pr.name FROM stepinputartifactschema i JOIN steprunschema s ON s.id = i.step_id "
        "JOIN pipelinerunschema r ON r.id = s.pipeline_run_id JOIN artifactschema a ON a.id = i.artifact_id "
        "JOIN steprunschema p ON p.id = a.parent_step_id JOIN pipelinerunschema pr ON pr.id = p.pipeline_run_id "
        "WHERE r.name = 'train_2'").fetchall()
    conn.close()
    assert sorted(rows) == [("output", 1, "evaluator", "train_1"), ("output", 1, "trainer", "train_1"),
                            ("xs", 1, "importer", "train_1"), ("ys", 1, "importer", "train_1")]
    assert {run for _name, run in inputs} == {"train_2"}  # inputs come from the run's own (cached) parent steps
    before = db.read_bytes()
    target.write(plan_into(target, legacy))
    assert db.read_bytes() == before


def test_a_bundle_imported_where_a_run_name_is_taken_renames_it(tmp_path, legacy):
    from zenml_migrate.profiles.targets.history_writer import write_history

    db = history_store(tmp_path / "zenml")
    target = StoreTarget(config_dir=str(tmp_path / "zenml"))
    stacks_only = plan_into(target, legacy, history=False)
    target.write(stacks_only)
    doc = payload(build_plan(read_legacy(str(legacy)), options=PlanOptions(code=CODE)))  # planned without the store (a bundle)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("INSERT INTO Type (id, name, type_kind) VALUES (100, 'pipeline_run', 2)")
    conn.execute("INSERT INTO Context (id, type_id, name) VALUES (100, 100, 'greet_2')")
    conn.execute("BEGIN IMMEDIATE")
    counts = write_history(conn, doc, "default")
    conn.execute("COMMIT")
    names = {r[0] for r in conn.execute("SELECT name FROM pipelinerunschema")}
    conn.close()
    assert counts["renamed"] == ["greet_2 -> greet_2_default"] and "greet_2_default" in names and len(names) == 8


def test_a_bundle_history_whose_stack_was_not_imported_writes_nothing(tmp_path, legacy):
    """import.sh skips a stack whose custom flavor is not registered: its runs cannot go in, and
    import_history.py says to import the stack first (MissingStackError), nothing written."""
    from zenml_migrate.profiles.targets.history_writer import MissingStackError, write_history

    db = history_store(tmp_path / "zenml")  # the 0.20 default stack only: the bundle's stacks are not there
    doc = payload(build_plan(read_legacy(str(legacy)), options=PlanOptions(code=CODE)))
    before = db.read_bytes()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    with pytest.raises(MissingStackError, match="no stack 'legacy_default' in project 'default'|no stack 'second_stack'"):
        write_history(conn, doc, "default")
    conn.execute("ROLLBACK")
    conn.close()
    assert db.read_bytes() == before


def test_sql_store_profiles_give_docstrings_version_and_sha_of_their_runs(tmp_path):
    cfg = tmp_path / "sql_profile"
    shutil.copytree(ROOT / "fixtures" / "configs" / "sql_profile", cfg)
    db = cfg / "zenml_config" / "profiles" / "sqlp" / "zenml.db"
    conn = sqlite3.connect(db)
    user = conn.execute("SELECT id FROM usertable").fetchone()[0]
    pipeline = {"name": "p", "docstring": "Doc.", "steps": [{"name": "s", "docstring": "Step doc."}]}
    conn.execute("INSERT INTO pipelineruntable VALUES ('r1', '0.13.1', 'abc123', 'p', ?, ?, '{}', ?, NULL)",
                 (json.dumps(pipeline), json.dumps({"name": "sql_stack", "components": []}), user))
    conn.commit()
    conn.close()
    profile = [p for p in read_legacy(str(cfg / "zenml_config")).profiles if p.name == "sqlp"][0]
    [records] = [h for h in profile.history if h.runs_yaml]
    assert records.runs_yaml[("p", "r1")]["git_sha"] == "abc123"
    assert records.runs_yaml[("p", "r1")]["pipeline"]["steps"][0]["docstring"] == "Step doc."
    # where the runs were read: the store's file, not the profile's folder (review27 R5)
    assert records.location == f"{db} (pipelineruntable of the SQL store)", records.location


def test_the_stack_snapshot_of_a_migrated_run_keeps_no_url_password(tmp_path, legacy):
    # a 0.13.2 container registry whose URI carries a token (https://user:TOKEN@host) in the stack the runs
    # used: the 0.20 `zenml` context of each migrated step stores a snapshot of that stack (Stack.dict()); the
    # credential must not be copied into it (secret-looking keys already are left out), the host stays
    profile = legacy / "profiles" / "default"
    (profile / "container_registries").mkdir()
    (profile / "container_registries" / "mirror.yaml").write_text(
        "name: mirror\nuri: https://ci-bot:tok-Zq81mirror@mirror.example.org/ml?access_token=tok-Qs55query&team=ml\n"
        "uuid: 0b8e1d6c-1f0e-4d8e-9a51-3f7c2d9e4a11\n")
    stacks = (profile / "stacks.yaml").read_text()
    stacks = stacks.replace("stack_components:\n", "stack_components:\n  container_registry:\n    mirror: default\n", 1)
    stacks = stacks.replace("  default:\n    artifact_store: default\n",
                            "  default:\n    artifact_store: default\n    container_registry: mirror\n", 1)
    (profile / "stacks.yaml").write_text(stacks)
    db = history_store(tmp_path / "zenml")
    target = StoreTarget(config_dir=str(tmp_path / "zenml"))
    plan = plan_into(target, legacy)
    documents = [r["stack_document"] for src in payload(plan)["sources"] for r in src["runs"]]
    assert any("mirror.example.org" in d for d in documents)
    target.write(plan)
    conn = sqlite3.connect(db)
    stored = [v for (v,) in conn.execute("SELECT string_value FROM ContextProperty WHERE name = 'stack'")]
    conn.close()
    assert any("mirror.example.org" in s and "team=ml" in s for s in stored)
    for text in documents + stored:
        assert "tok-Zq81mirror" not in text and "tok-Qs55query" not in text


def test_relative_artifact_uris_are_found_from_the_folder_the_pipeline_ran_from(tmp_path, legacy, monkeypatch):
    # an artifact store registered with a relative path (--path=second_artifacts): 0.13.2 wrote the artifacts
    # and recorded their URIs relative to the folder each pipeline ran from
    for db in legacy.glob("local_stores/*/metadata.db"):
        conn = sqlite3.connect(db)
        for aid, uri in conn.execute("SELECT id, uri FROM Artifact").fetchall():
            if uri and "/second_artifacts/" in uri:
                conn.execute("UPDATE Artifact SET uri = ? WHERE id = ?", ("second_artifacts/" + uri.split("/second_artifacts/", 1)[1], aid))
        conn.commit()
        conn.close()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    out = reasons(build_plan(read_legacy(str(legacy)), options=PlanOptions(code=CODE)))
    assert set(out) == {"greet_2", "train_second"}
    assert all("is relative" in r and str(elsewhere) in r and "no longer exists" not in r for r in out.values())
    monkeypatch.chdir(legacy)  # where those pipelines ran
    plan = build_plan(read_legacy(str(legacy)), options=PlanOptions(code=CODE))
    assert reasons(plan) == {}
    uris = [a["uri"] for src in payload(plan)["sources"] for a in src["artifacts"].values()]
    assert any(u.startswith(str(legacy / "second_artifacts") + "/") for u in uris)
    assert all(os.path.isabs(u) for u in uris)
    assert any("made absolute" in n for r in plan.runs if r.name == "greet_2" for n in r.notes)


def test_a_pipeline_runs_yaml_cut_where_it_still_parses_is_said_to_be_truncated(legacy):
    """Cut inside a run's stack snapshot, pipeline_runs.yaml still parses (held-out 34 r05): the plan
    said nothing, and the runs after the cut moved without the version, sha and user it recorded."""
    runs_file = legacy / "profiles" / "default" / "pipeline_runs.yaml"
    text = runs_file.read_text()
    cut = text.index("config: ", text.index("name: train_3"))  # inside train_3's stack snapshot
    runs_file.write_text(text[: cut + 30])
    plan = plan_into_nothing(legacy)
    [note] = [n for n in plan.history_notes if "looks truncated" in n]
    assert "the entry of run train_3 lacks user_id and zenml_version" in note
    assert "train_failed" in note and "train_second" in note and "train_1" not in note  # the runs it lost
    assert "restore it from a backup" in note
    runs = {r.name: r for r in plan.runs}
    assert runs["train_second"].action == Action.MIGRATE  # still moved, from metadata.db


def test_a_truncated_pipeline_runs_yaml_without_a_readable_metadata_db_is_not_said_to_migrate_from_it(legacy):
    """review18 G3: with no readable metadata.db the note said the lost runs "migrate from metadata.db"
    while another note said its runs are not migrated."""
    runs_file = legacy / "profiles" / "default" / "pipeline_runs.yaml"
    text = runs_file.read_text()
    runs_file.write_text(text[: text.index("config: ", text.index("name: train_3")) + 30])
    dbs = list(legacy.rglob("metadata.db"))
    assert dbs
    for db in dbs:
        db.unlink()
    [note] = [n for n in plan_into_nothing(legacy).history_notes if "looks truncated" in n]
    assert "migrate from metadata.db" not in note
    assert "No metadata.db of the profile can be read, so the runs it lost or cut short do not migrate" in note
    assert "restore it from a backup" in note


def test_a_complete_pipeline_runs_yaml_is_not_called_truncated(legacy):
    assert not [n for n in plan_into_nothing(legacy).history_notes if "truncated" in n]


def plan_into_nothing(legacy_dir):
    return build_plan(read_legacy(str(legacy_dir)), options=PlanOptions(code=CODE))


def test_last_runs_writes_the_newest_runs_and_the_older_runs_they_use(tmp_path, legacy):
    """--last-runs N (ZenML 0.20 lists runs in a time that grows with the square of their number): the
    N newest runs are written, an older run whose artifacts one of them uses too, the rest stay."""
    newest_two = build_plan(read_legacy(str(legacy)), options=PlanOptions(code=CODE, last_runs=2))
    written = {r.name for r in newest_two.runs if r.action in (Action.MIGRATE, Action.CHANGE)}
    assert written == {"greet_2", "train_second"}
    left = [r for r in newest_two.runs if r.name not in written]
    assert len(left) == 6 and all(r.action == Action.DROP and "older than the newest 2 (--last-runs 2)" in r.notes[-1] for r in left)
    assert any(n.startswith("--last-runs 2: 6 older runs are not migrated") for n in newest_two.history_notes)
    # train_2's steps were all cached: they point at train_1's artifacts, so train_1 moves with it
    seven = build_plan(read_legacy(str(legacy)), options=PlanOptions(code=CODE, last_runs=7))
    assert all(r.action == Action.MIGRATE for r in seven.runs)
    train_1 = next(r for r in seven.runs if r.name == "train_1")
    assert any("migrated too: run train_2 uses its artifacts" in n for n in train_1.notes)
    db = history_store(tmp_path / "zenml")
    target = StoreTarget(config_dir=str(tmp_path / "zenml"))
    target.write(plan_into(target, legacy, last_runs=2))
    assert count(db, "pipelinerunschema") == 2
    rest = plan_into(target, legacy)  # later, without the bound: the older runs are added
    assert sum(r.action == Action.DONE for r in rest.runs) == 2
    target.write(rest)
    assert count(db, "pipelinerunschema") == 8


def test_a_local_store_with_many_runs_is_said_to_list_slowly_on_020(legacy):
    """ZenML 0.20.0-0.20.5 re-syncs every run from MLMD each time it reads one run outside a server:
    listing N runs costs N+1 full passes. The plan says so once the target will hold that many runs."""
    from zenml_migrate.profiles import history_plan
    from zenml_migrate.profiles.targets import Existing

    def notes(existing, **kw):
        plan = build_plan(read_legacy(str(legacy)), existing, PlanOptions(code=CODE, **kw))
        return [n for n in plan.history_notes if "grows with the square" in n]

    assert notes(Existing()) == []  # 8 runs
    crowded = Existing(run_names={f"older_{i}" for i in range(history_plan.SLOW_LISTING_RUNS - 8)})
    said = notes(crowded, target="store /tmp/x/zenml.db")
    assert len(said) == 1 and f"{history_plan.SLOW_LISTING_RUNS} pipeline runs in the target store" in said[0] and "--last-runs N" in said[0]
    assert notes(crowded, target="store /tmp/x/zenml.db", last_runs=1) == []
    assert notes(crowded, target="server http://127.0.0.1:8237") == []


def test_the_slow_listing_note_says_that_a_server_re_reads_every_run_in_the_background(legacy):
    """The note said "a ZenML server (`zenml up`) reads runs from its database without re-reading them": a 0.20
    server re-reads every run every 10 s in the background (measured on 0.20.5), so a server target with many
    runs got no word and the local-store note sent users to a server as if it cost nothing."""
    from zenml_migrate.profiles import history_plan
    from zenml_migrate.profiles.targets import Existing

    crowded = Existing(run_names={f"older_{i}" for i in range(history_plan.SLOW_LISTING_RUNS - 8)})
    for target in ("store /tmp/x/zenml.db", "server http://127.0.0.1:8237"):
        plan = build_plan(read_legacy(str(legacy)), crowded, PlanOptions(code=CODE, target=target))
        said = [n for n in plan.history_notes if f"{history_plan.SLOW_LISTING_RUNS} pipeline runs" in n]
        assert len(said) == 1 and "every 10 seconds in the background" in said[0], plan.history_notes
        assert "without re-reading them" not in said[0] or "its clients list runs without re-reading them" in said[0]
        assert "--last-runs N" in said[0]


@pytest.mark.parametrize("fan_in", [1, 3])
def test_a_deep_pipeline_whose_steps_take_several_inputs_is_said_to_read_slowly_on_020(tmp_path, fan_in):
    """ZenML 0.20.0-0.20.5 sync a step by calling get_step_artifacts for it and, for EACH input, for every parent
    step, recursively: a 9-step chain with 3 inputs per step costs 14757 calls per run (about 60 CPU-s per
    get_run, measured for a run 0.20.0 wrote itself and for a migrated one alike). The plan says so from the step
    graph; a chain with one input per step (45 calls) gets no such note."""
    from tests.benchmarks.bench_history import synthetic_config
    from zenml_migrate.profiles.targets import Existing

    synthetic_config(tmp_path / "zenml_config", runs=2, steps=9, fan_in=fan_in)
    plan = build_plan(read_legacy(str(tmp_path / "zenml_config")), Existing(), PlanOptions())
    assert len(plan.writable_runs()) == 2
    per_step, per_run = 0, 0
    for _step in range(9):  # 0.20's recursion on a chain: the step itself, then its parent's count once per input
        per_step = 1 + fan_in * per_step
        per_run += per_step
    said = [n for n in plan.history_notes if "reads of step artifacts" in n]
    if fan_in == 1:
        assert said == [] and per_run == 45
        return
    assert per_run == 14757 and len(said) == 1, plan.history_notes
    assert f"the 2 migrated runs of this pipeline cost {2 * per_run} reads of step artifacts" in said[0]
    assert f"9 steps, {per_run} reads, {per_step} for step step_8 alone" in said[0]
    assert "Runs ZenML 0.20 writes itself of such a pipeline cost the same" in said[0]


def move_second_store(legacy: Path, tmp_path: Path) -> Path:
    """Move the folder of artifact store second_store and point the component at it (`zenml artifact-store update
    second_store --path=NEW`); returns the new folder."""
    store_file = legacy / "profiles" / "default" / "artifact_stores" / "second_store.yaml"
    moved = tmp_path / "moved" / "team_artifacts"
    moved.parent.mkdir()
    shutil.move(str(legacy / "second_artifacts"), str(moved))
    store_file.write_text(store_file.read_text().replace(
        next(line for line in store_file.read_text().splitlines() if line.startswith("path:")), f"path: {moved}"))
    return moved


def test_runs_whose_local_artifact_store_was_moved_and_its_path_changed_are_migrated_with_the_new_path(legacy, tmp_path):
    """The user moved an artifact store's folder and changed the component's path to it (`zenml artifact-store
    update NAME --path=NEW`): every run on it was dropped ("artifact store path ... no longer exists") though each
    artifact is there, at the same <step>/<output>/<execution id> under the new folder."""
    from zenml_migrate.profiles.targets import Existing

    moved = move_second_store(legacy, tmp_path)
    plan = build_plan(read_legacy(str(legacy)), Existing(), PlanOptions(code=CODE))
    assert not [r for r in plan.runs if "no longer exists" in " ".join(r.notes)], [(r.name, r.notes) for r in plan.runs]
    said = [n for n in plan.history_notes if "which no longer exists; they are under" in n]
    assert len(said) == 1 and str(moved) in said[0], plan.history_notes
    uris = [a["uri"] for src in payload(plan)["sources"] for a in src["artifacts"].values()]
    on_moved = [u for u in uris if u.startswith(str(moved))]
    assert on_moved and all(os.path.exists(u) for u in on_moved)


def test_a_deleted_artifact_store_is_not_matched_to_another_stacks_store_that_holds_the_same_step_paths(legacy):
    """Execution ids restart at 1 in every metadata store, so the same pipeline run on two stacks writes the same
    <step>/<output>/<id> paths under each stack's artifact store. When one stack's artifact store folder is gone,
    its runs are not migrated with the other stack's artifacts (they are dropped, as before the moved-store match),
    and no note says they were found elsewhere (review21 G3)."""
    from zenml_migrate.profiles.targets import Existing

    profile = read_legacy(str(legacy)).profiles[0]
    default_store = Path(str(profile.component("artifact_store", "default").config["path"]))
    default_db = next(h.location for h in profile.history if h.component == "default")
    other_root = Path(str(profile.component("artifact_store", "second_store").config["path"]))
    other_root = legacy.parent / other_root.relative_to(other_root.parent.parent) if not other_root.exists() else other_root
    conn = sqlite3.connect(default_db)
    uris = [u for (u,) in conn.execute("SELECT uri FROM Artifact") if u]
    conn.close()
    tails = [Path(u).relative_to(default_store) for u in uris if u.startswith(str(default_store))]
    assert tails, uris
    for tail in tails:  # what the second stack's own first runs wrote: the same step paths and ids
        (other_root / tail).mkdir(parents=True, exist_ok=True)
        (other_root / tail / "data.json").write_text("[]")
    shutil.rmtree(legacy / default_store.relative_to(default_store.parent.parent) if not default_store.exists() else default_store)
    plan = build_plan(read_legacy(str(legacy)), Existing(), PlanOptions(code=CODE))
    assert not [n for n in plan.history_notes if "they are under" in n], plan.history_notes
    kept = [r.name for r in plan.runs if r.source == default_db and r.action != Action.DROP and r.artifacts]
    assert not kept, [(r.name, r.action, r.notes) for r in plan.runs if r.source == default_db]


def test_list_and_dict_outputs_that_0_12_wrote_with_the_basic_materializer_are_read_with_the_container_one(tmp_path):
    """ZenML 0.12 wrote dict/list/tuple outputs with BuiltInMaterializer (a data.json); 0.20's BuiltInMaterializer
    refuses them ("can only read artifacts to the following types: bool, float, int, str"), so every such output
    of a migrated 0.12 run failed to read. 0.20's BuiltInContainerMaterializer reads the same data.json."""
    from tests.benchmarks.bench_history import synthetic_config
    from zenml_migrate.profiles.targets import Existing

    BUILT_IN = "zenml.materializers.built_in_materializer.BuiltInMaterializer"
    BUILT_IN_CONTAINER = "zenml.materializers.built_in_materializer.BuiltInContainerMaterializer"
    db = synthetic_config(tmp_path / "zenml_config", runs=1, steps=3)
    conn = sqlite3.connect(db)
    first = conn.execute("SELECT MIN(id) FROM Artifact").fetchone()[0]  # step_0's output: a list written by 0.12
    conn.execute("UPDATE ArtifactProperty SET string_value = ? WHERE artifact_id = ? AND name = 'materializer'", (BUILT_IN + "@zenml_0.12.0", first))
    conn.execute("UPDATE ArtifactProperty SET string_value = 'builtins.list' WHERE artifact_id = ? AND name = 'datatype'", (first,))
    conn.commit()
    conn.close()
    plan = build_plan(read_legacy(str(tmp_path / "zenml_config")), Existing(), PlanOptions())
    [source] = payload(plan)["sources"]
    materializers = {a_id: dict((p[0], p[4]) for p in a["properties"])["materializer"] for a_id, a in source["artifacts"].items()}
    assert materializers.pop(str(first)) == BUILT_IN_CONTAINER
    assert set(materializers.values()) == {BUILT_IN}  # the ints keep theirs
    step_0 = next(x for x in source["executions"].values() if x["step_name"] == "step_0")
    assert step_0["step_configuration"]["config"]["outputs"]["output"]["materializer_source"] == BUILT_IN_CONTAINER
    assert any("1 dict/list/tuple artifact of" in n and "BuiltInContainerMaterializer" in n for n in plan.history_notes), plan.history_notes


def trainer_output_deleted(artifacts: Path, legacy: Path, tmp_path: Path):
    """train_second's trainer.output folder deleted from the second store (now at ``artifacts``), planned into a fresh
    0.20 store: (store db, target, plan, the deleted folder, the run's one note on it); only that output is gone."""
    gone = artifacts / "trainer" / "output" / "4"
    shutil.rmtree(gone)
    store = history_store(tmp_path / "zenml")
    target = StoreTarget(config_dir=str(tmp_path / "zenml"))
    plan = plan_into(target, legacy)
    runs = {r.name: r for r in plan.runs}
    assert reasons(plan) == {}
    assert runs["train_second"].gone == ["trainer.output"] and not runs["greet_2"].gone
    [said] = [n for n in runs["train_second"].notes if "gone from disk" in n]
    return store, target, plan, gone, said


def test_a_run_with_one_deleted_output_folder_is_migrated_with_that_artifact_said_to_be_gone(legacy, tmp_path):
    """One output folder of a run deleted, its artifact store's folder still there: the whole run was left out
    ("artifact store path ... no longer exists"), its steps, parameters and other artifacts with it. ZenML 0.20
    lists such a run and reads its other artifacts (checked on the real 0.20.0 and 0.20.5): it is migrated,
    the deleted artifact at the path 0.13.2 recorded, and the plan names it."""
    store, target, plan, gone, said = trainer_output_deleted(legacy / "second_artifacts", legacy, tmp_path)
    assert str(gone) in said and "1 of its 4 output artifacts is gone" in said, said
    uris = {a["uri"] for src in payload(plan)["sources"] for a in src["artifacts"].values()}
    assert str(gone) in uris and all(os.path.exists(u) for u in uris - {str(gone)})
    result = runner.invoke(app, ["profiles", str(legacy), "--code", CODE[0]], env={"COLUMNS": "300"})
    assert "train_second: 1 output artifact gone from disk (trainer.output)" in result.output, result.output
    target.write(plan)
    assert count(store, "pipelinerunschema") == 8
    conn = sqlite3.connect(store)
    written = {row[0] for row in conn.execute("SELECT uri FROM Artifact")}
    conn.close()
    assert str(gone) in written


def test_a_pipeline_renamed_for_another_profiles_pipeline_of_that_name_says_that_its_code_fails_until_renamed(legacy):
    """Two profiles each ran a pipeline `etl` with other steps (two teams, one config dir): the second profile's runs
    go to etl_<profile>, and the note said only "your migrated code registers etl with the steps of FILE". That code's
    next run fails on 0.20.5 ("already registered with a different pipeline configuration", checked on the real
    0.20.5), and `@pipeline(name="etl_<profile>")` makes it run and join its migrated runs (checked too)."""
    from zenml_migrate.profiles.history_plan import _name_pipelines
    from zenml_migrate.profiles.model import Plan
    from zenml_migrate.profiles.pipeline_spec import DerivedSpec
    from zenml_migrate.profiles.targets import Existing

    def spec(*steps):
        return {"version": "0.1", "steps": [{"source": f"etl.{s}", "upstream_steps": []} for s in steps]}

    plan = Plan(source=read_legacy(str(legacy)), target="plan only", project="default", profiles=["a", "b"])
    specs = {
        f"{profile}\0etl": {"legacy": "etl", "profile": profile, "spec": spec(*steps), "runs": [], "docstring": None,
                            "derived": DerivedSpec(spec=spec(*steps), where=f"team_{profile}/etl.py:3")}
        for profile, steps in (("a", ("load", "clean")), ("b", ("extract", "train")))
    }
    _name_pipelines(plan, specs, Existing())
    assert (specs["a\0etl"]["target"], specs["b\0etl"]["target"]) == ("etl", "etl_b")
    (said,) = [n for n in plan.history_notes if n.startswith("b: pipeline etl:")]
    assert "team_b/etl.py:3" in said and "its next run fails" in said and '@pipeline(name="etl_b")' in said, said
    assert "zenml pipeline delete" not in said  # that would unlist profile a's migrated runs


def test_a_deleted_output_folder_in_a_moved_artifact_store_keeps_its_run(legacy, tmp_path):
    """The artifact store's folder was moved (and the component's path changed), and one output folder deleted: the
    run of that output was left out whole, or not, by the order its artifacts were read in."""
    from zenml_migrate.profiles.targets import Existing

    moved = move_second_store(legacy, tmp_path)
    for gone in (moved / "importer" / "xs" / "3", moved / "evaluator" / "output" / "5"):  # read first / last
        shutil.rmtree(gone)
    plan = build_plan(read_legacy(str(legacy)), Existing(), PlanOptions(code=CODE))
    runs = {r.name: r for r in plan.runs}
    assert reasons(plan) == {}
    assert runs["train_second"].gone == ["evaluator.output", "importer.xs"]
    uris = {a["uri"] for src in payload(plan)["sources"] for a in src["artifacts"].values()}
    assert {str(moved / "importer" / "xs" / "3"), str(moved / "evaluator" / "output" / "5")} <= uris


def store_beside_the_config_dir(legacy: Path) -> Path:
    """The second artifact store as if 0.13.2 had kept it beside the config dir (``<project>/second_artifacts``, its
    path and the URIs of its artifacts recorded there), and the whole project folder then copied to this machine:
    returns the store's folder here."""
    store_file = legacy / "profiles" / "default" / "artifact_stores" / "second_store.yaml"
    recorded = next(line for line in store_file.read_text().splitlines() if line.startswith("path:"))[len("path:"):].strip()
    beside = recorded.replace("/zenml_config/second_artifacts", "/second_artifacts")
    assert beside != recorded
    store_file.write_text(store_file.read_text().replace(recorded, beside))
    for db in legacy.glob("local_stores/*/metadata.db"):
        conn = sqlite3.connect(db)
        conn.execute("UPDATE Artifact SET uri = replace(uri, ?, ?)", (recorded + "/", beside + "/"))
        conn.commit()
        conn.close()
    here = legacy.parent / "second_artifacts"
    shutil.move(str(legacy / "second_artifacts"), str(here))
    return here


def test_a_deleted_output_folder_in_a_store_that_moved_with_the_config_dirs_folder_keeps_its_run(legacy, tmp_path):
    """The artifact store was beside the config dir and the project folder was copied whole, one output folder
    deleted (held-out h94 shape): the run was left out ("artifact store path ... no longer exists") though its store
    is there and every other artifact of it was found. It is migrated, the deleted artifact at its path in the store
    as it is now, and named."""
    store, target, plan, gone, said = trainer_output_deleted(store_beside_the_config_dir(legacy), legacy, tmp_path)
    assert f"trainer.output ({gone})" in said, said
    notes = next(r.notes for r in plan.runs if r.name == "train_second")
    assert any("(the config dir moved with that folder)" in n for n in notes), notes
    uris = {a["uri"] for src in payload(plan)["sources"] for a in src["artifacts"].values()}
    assert str(gone) in uris and all(os.path.exists(u) for u in uris - {str(gone)})
    target.write(plan)
    assert count(store, "pipelinerunschema") == 8


def test_a_run_whose_every_output_folder_is_gone_is_not_said_to_read_other_artifacts(legacy, tmp_path):
    """An artifact store folder emptied but kept (review22 G4): every output of its runs is gone, and the note
    said ZenML 0.20 "reads its other artifacts" (there are none). It says that every one is gone."""
    store_dir = legacy / "second_artifacts"
    for child in store_dir.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    history_store(tmp_path / "zenml")
    plan = plan_into(StoreTarget(config_dir=str(tmp_path / "zenml")), legacy)
    emptied = [r for r in plan.runs if r.gone]
    assert emptied
    for run in emptied:
        [said] = [n for n in run.notes if "gone from disk" in n]
        assert "other artifacts" not in said and "of any of its artifacts fails" in said, said
        assert f"all {len(run.gone)} of its {len(run.gone)} output artifacts are gone" in said or len(run.gone) == 1, said


def test_a_store_folder_copied_back_where_the_note_says_migrates_its_runs_the_second_time(tmp_path):
    """review23 G4: a local artifact store under ``local_stores/<uuid>`` gone from both its recorded place and the
    config dir (moved here without it). The component is written pointing where the run notes say to copy the folder
    back (under this config dir), so after the copy a second migration finds it unchanged and moves the runs; before,
    the component kept the recorded path, the second migration met it as a conflict and wrote nothing."""
    shutil.copytree(ROOT / "fixtures" / "configs" / "with_runs" / "zenml_config", tmp_path / "zenml_config")
    config = tmp_path / "zenml_config"
    history_store(tmp_path / "zenml")
    target = StoreTarget(config_dir=str(tmp_path / "zenml"))
    first = plan_into(target, config)
    store = next(c for c in first.components if c.legacy.type == "artifact_store")
    folder = store.target_config["path"]
    assert folder.startswith(f"{config}/local_stores/") and not os.path.exists(folder)
    out = reasons(first)
    assert out and all(f"artifact store folder {folder} no longer exists" in r and "copy that folder back there" in r
                       for r in out.values()), out
    target.write(first)
    os.makedirs(folder)  # what the note says to do
    second = plan_into(target, config)
    assert second.counts().get("conflict", 0) == 0 and reasons(second) == {}, [c.notes for c in second.components]
    target.write(second)
    assert count(tmp_path / "zenml" / "local_stores" / "default_zen_store" / "zenml.db", "pipelinerunschema") == len(out)


def test_runs_said_alike_are_one_line_of_the_run_history_not_one_each(legacy):
    """Held-out h104: a config dir of 1000 runs whose artifact store folder was not copied printed the same
    5-line reason once per run (181 plan lines for 20 runs; thousands for 1000), and --last-runs N one line
    per older run: what is said of several runs of a pipeline alike is one line naming the first runs and
    counting the rest (--format json still lists every run with its notes)."""
    from zenml_migrate.profiles.plan_view import GROUP_NAMES_SHOWN, history_summary

    folder = legacy / "local_stores" / read_default_store_uuid(legacy)
    shutil.rmtree(folder)
    plan = build_plan(read_legacy(str(legacy)), options=PlanOptions(code=CODE))
    dropped = {}
    for r in plan.runs:
        if r.action == Action.DROP:
            dropped.setdefault(r.pipeline, []).append(r.name)
    [(pipeline, names)] = [(p, n) for p, n in dropped.items() if len(n) > GROUP_NAMES_SHOWN]
    [group] = [g for g in history_summary(plan) if g["pipeline"] == pipeline]
    [line] = group["not_moved"]
    assert line.startswith(f"{len(names)} runs ({', '.join(names[:GROUP_NAMES_SHOWN])} and {len(names) - GROUP_NAMES_SHOWN} more): "
                           f"not migrated: its artifact store folder {folder} no longer exists"), line
    assert "(output " not in line and "migrate the runs of that folder" in line
    result = runner.invoke(app, ["profiles", str(legacy), "--code", CODE[0], "--format", "json"])
    runs = json.loads(result.stdout)["history"]["runs"]
    assert sorted(r["name"] for r in runs if r["pipeline"] == pipeline and r["action"] == "drop") == sorted(names)


def read_default_store_uuid(legacy: Path) -> str:
    import yaml

    return yaml.safe_load((legacy / "profiles" / "default" / "artifact_stores" / "default.yaml").read_text())["uuid"]


def test_a_profile_whose_stacks_merge_into_another_profiles_keeps_its_runs_and_its_active_stack(legacy):
    """Two profiles with identical stacks (same components and settings: two profiles on one SQL store, or a
    profile copied from another) are migrated as one stack each, named once. The runs of the second profile's
    own metadata store were left out ('its stack default is not in the profile any more') and its active stack
    was forgotten (the plan made the first profile's active stack active, though the activated profile was the
    second). Both profiles' runs move, on the kept stacks, and the activated profile's active stack is the one
    suggested."""
    add_profile_copy(legacy, "later")

    plan = build_plan(read_legacy(str(legacy)), options=PlanOptions(code=CODE))
    assert sorted(s.target_name for s in plan.stacks) == ["legacy_default", "second_stack"]
    by_profile = {}
    for r in plan.runs:
        by_profile.setdefault(r.profile, []).append(r)
    assert sorted(r.name for r in by_profile["later"]) == sorted(r.name for r in by_profile["default"])
    for a, b in zip(sorted(by_profile["default"], key=lambda r: r.name), sorted(by_profile["later"], key=lambda r: r.name)):
        assert (b.action == Action.DROP, b.target_stack) == (a.action == Action.DROP, a.target_stack), (b.name, b.notes)
    assert not [n for r in plan.runs for n in r.notes if "not in the profile any more" in n]
    assert (plan.active_stack, plan.active_stack_is_suggestion) == ("legacy_default", True)
    assert any("second_stack (default), legacy_default (later)" in w for w in plan.warnings), plan.warnings


def add_profile_copy(legacy: Path, name: str, store_path: str = "") -> None:
    """A profile ``name`` made from a copy of profile default's YAML store, with its own copy of the run
    history, activated, its active stack ``default``; ``store_path``: another path of its default artifact store."""
    import yaml

    cfg = yaml.safe_load((legacy / "config.yaml").read_text())
    old = legacy / "profiles" / "default"
    new = legacy / "profiles" / name
    shutil.copytree(old, new)
    for md in (new / "metadata_stores").glob("*.yaml"):  # its own copy of the run history
        doc = yaml.safe_load(md.read_text())
        src = Path(doc["uri"].replace(doc["uri"].split("/local_stores/")[0], str(legacy)))
        dest = legacy / "local_stores" / (name + "-" + doc["uuid"]) / "metadata.db"
        dest.parent.mkdir()
        shutil.copy2(src, dest)
        doc["uri"] = str(dest)
        md.write_text(yaml.safe_dump(doc))
    if store_path:
        store = new / "artifact_stores" / "default.yaml"
        store.write_text(yaml.safe_dump({**yaml.safe_load(store.read_text()), "path": store_path}))
    cfg["profiles"][name] = {**cfg["profiles"]["default"], "name": name, "active_stack": "default", "store_url": new.as_uri()}
    cfg["activated_profile"] = name
    (legacy / "config.yaml").write_text(yaml.safe_dump(cfg))


def test_items_alike_in_some_profiles_only_are_migrated_once_for_those(legacy, tmp_path):
    """Held-out h104 (two 0.13.2 profiles on one SQL store, and a third profile): the default artifact store
    and stacks of the two were identical, but as the third profile's differed, every profile got its own
    copy (legacy_default_p1, legacy_default_p2, survivor_p1, survivor_p2: the same stacks twice). Items
    identical in some of the profiles are migrated once for those, named after the first of them."""
    add_profile_copy(legacy, "later")
    add_profile_copy(legacy, "other", store_path=str(tmp_path / "other_store"))
    plan = build_plan(read_legacy(str(legacy)), options=PlanOptions(code=CODE))
    assert sorted(s.target_name for s in plan.stacks) == ["legacy_default_default", "legacy_default_other", "second_stack"]
    [kept] = [c for c in plan.components if c.target_name == "legacy_default_default" and c.legacy.type == "artifact_store"]
    assert "identical in profiles default, later: migrated once" in kept.notes
    assert not [r for r in plan.runs if r.action == Action.DROP and "not in the profile" in " ".join(r.notes)]
    assert {r.target_stack for r in plan.runs if r.profile == "later" and r.target_stack} == {"legacy_default_default", "second_stack"}
