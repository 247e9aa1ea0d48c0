"""The 0.20 spec of a migrated pipeline, read from the user's code with ast (pipeline_code,
pipeline_spec), and what the plan and the store do when it cannot be read: the runs are imported
unlisted and join their pipeline on a later migration. Real 0.20.0/0.20.5 runs of the code after
the import: test_real_history.py."""

import shutil
import sqlite3
import textwrap
from pathlib import Path

import pytest

from tests.profiles.test_history import CODE, HISTORY, ORDERED_SPEC, history_store
from zenml_migrate.profiles.model import Action
from zenml_migrate.profiles.pipeline_code import CodeBase, topsort
from zenml_migrate.profiles.pipeline_spec import Binding, derive
from zenml_migrate.profiles.plan import PlanOptions, build_plan
from zenml_migrate.profiles.readers import read_legacy
from zenml_migrate.profiles.targets.history_writer import PIPELINE_HINT
from zenml_migrate.profiles.targets.store import StoreTarget

STEPS = '''
from zenml.steps import BaseStep, step
from zenml.steps import step as zstep


@step(name="cleanup")
def clear_scratch() -> int:
    return 0


@zstep
def fetch() -> list:
    return [1]


class SortNumbers(BaseStep):
    def entrypoint(self, numbers: list) -> list:
        return sorted(numbers)


@step
def summarize(numbers: list, again: list) -> str:
    return ""
'''


def write(root: Path, files: dict) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


def bindings(script=None):
    return {
        "cleanup": Binding("steps.ordered.cleanup", script),
        "fetcher": Binding("steps.ordered.fetch", script),
        "sorter": Binding("steps.ordered.SortNumbers", script, {"fetcher"}),
        "summarizer": Binding("steps.ordered.summarize", script, {"sorter", "fetcher"}),
    }


PIPELINE = '''
from zenml.pipelines import pipeline


@pipeline(enable_cache=False)
def ordered_pipeline(cleanup, fetcher, sorter, summarizer):
    """Doc."""
    fetcher.after(cleanup)
    log = print  # no step involved: ignored
    cleanup()
    numbers = fetcher()
    summarizer(numbers=sorter(numbers=numbers), again=numbers)
'''


def test_topsort_is_tfx_layers_sorted_by_name():
    up = {"b": set(), "a": set(), "c": {"a"}, "d": {"b", "c"}, "e": {"b"}}
    assert topsort(list(up), up) == ["a", "b", "c", "e", "d"]
    assert topsort(["x", "y"], {"x": {"y"}, "y": {"x"}}) is None  # a cycle


@pytest.mark.parametrize("version, cleanup", [("0.20.5", "steps.ordered.clear_scratch"), ("0.20.0", "steps.ordered.cleanup"),
                                              ("0.20.4", "steps.ordered.cleanup")])
def test_after_edges_named_steps_and_step_classes_from_the_code(tmp_path, version, cleanup):
    write(tmp_path, {"steps/__init__.py": "", "steps/ordered.py": STEPS, "pipes.py": PIPELINE})
    out = derive("ordered_pipeline", bindings(), CodeBase([str(tmp_path)]), version)
    assert out.problem is None, out.problem
    assert out.spec == {"version": "0.1", "steps": [
        {"source": cleanup, "upstream_steps": []},
        {"source": "steps.ordered.fetch", "upstream_steps": ["cleanup"]},
        {"source": "steps.ordered.SortNumbers", "upstream_steps": ["fetch"]},
        {"source": "steps.ordered.summarize", "upstream_steps": ["SortNumbers", "fetch"]},
    ]}
    assert out.after == {"fetch": ["cleanup"]} and out.where == f"{tmp_path}/pipes.py:6"  # the def line
    assert any("@step(name=...)" in n and "clear_scratch" in n for n in out.notes)


def test_class_pipeline_and_main_script_steps(tmp_path):
    write(tmp_path, {"run.py": '''
        from zenml.pipelines import BasePipeline
        from zenml.steps import step

        @step
        def greeter() -> str:
            return "hi"

        @step
        def shouter(text: str) -> str:
            return text

        class report_pipeline(BasePipeline):
            def connect(self, greet, shout):
                text = greet()
                shout(text=text)
        '''})
    gone = "/elsewhere/project/run.py"  # recorded on another machine: found by name under the code folder
    b = {"greet": Binding("__main__.greeter", gone), "shout": Binding("__main__.shouter", gone, {"greet"})}
    out = derive("report_pipeline", b, CodeBase([str(tmp_path)]))
    assert out.spec == {"version": "0.1", "steps": [{"source": "run.greeter", "upstream_steps": []},
                                                    {"source": "run.shouter", "upstream_steps": ["greeter"]}]}


@pytest.mark.parametrize("body, problem", [
    ("for s in [a, b][::-1]:\n        s()", "line 6: for statement with the steps"),
    ("for s in (a, b):\n        s()\n        s.after(a)", "line 6: a call of something else than the loop's step"),
    ("x = [s() for s in (a, b) if s]\n    b(x=x)", "line 6: ListComp with the steps"),
    ("xs = [s() for s in (a,)]\n    b(x=xs[len(xs) - 1])", "a step input taken from a list of step outputs by a computed index"),
    ("a()\n    b(x=helper(a))", "a call of something else than a step parameter"),
    ("if True:\n        a()\n    b()", "line 6: if statement"),
    ("x = a()\n    b(x=x.attr)", "a step input that is not a step output"),
    ("a.after(*steps)\n    a()\n    b()", "a.after(...) is not given one step parameter"),
])
def test_connect_functions_that_need_running_are_not_guessed(tmp_path, body, problem):
    write(tmp_path, {"steps/__init__.py": "", "steps/s.py": "from zenml.steps import step\n\n@step\ndef a() -> int:\n    return 1\n\n@step\ndef b(x: int) -> int:\n    return x\n",
                     "p.py": f"from zenml.pipelines import pipeline\n\n\n@pipeline\ndef p(a, b):\n    {body}\n"})
    out = derive("p", {"a": Binding("steps.s.a", None), "b": Binding("steps.s.b", None)}, CodeBase([str(tmp_path)]))
    assert out.spec is None and problem in out.problem, out.problem


def test_missing_pieces_are_said(tmp_path):
    assert "code was not found (the script its runs recorded, /gone/run.py" in derive("p", {"a": Binding("m.a", "/gone/run.py")}, CodeBase([])).problem
    write(tmp_path, {"steps/__init__.py": "", "steps/ordered.py": STEPS, "pipes.py": PIPELINE})
    code = CodeBase([str(tmp_path)])
    assert "no @pipeline other_pipeline was found" in derive("other_pipeline", bindings(), code).problem
    some = bindings()
    del some["summarizer"]  # the last step never ran (failed runs only)
    assert "step summarizer of" in derive("ordered_pipeline", some, code).problem and "never ran" in derive("ordered_pipeline", some, code).problem
    renamed = bindings()
    renamed["fetcher"] = Binding("steps.ordered.fetch_all", None)  # the code no longer defines what ran
    assert "step fetch_all (steps.ordered.fetch_all) is not defined in" in derive("ordered_pipeline", renamed, code).problem
    write(tmp_path, {"other.py": PIPELINE.replace("fetcher.after(cleanup)", "")})  # two definitions that differ
    assert "is defined differently in" in derive("ordered_pipeline", bindings(), CodeBase([str(tmp_path)])).problem


DEPLOY_PIPELINE = '''
from zenml.pipelines import pipeline


@pipeline
def deploy_pipeline(trainer, model_deployer, predictor):
    model = trainer()
    service = model_deployer(model=model)
    predictor(service=service)
'''
MLFLOW_STEP = "zenml.integrations.mlflow.steps.mlflow_deployer.mlflow_model_deployer_step"


@pytest.mark.parametrize("version", ["0.20.0", "0.20.3", "0.20.5"])
def test_a_zenml_builtin_step_gets_the_pinned_source_0_20_registers(tmp_path, version):
    """0.20's resolve_class pins a zenml.* step: the real 0.20.5 registered
    `...mlflow_deployer.mlflow_model_deployer_step@zenml_0.20.5` (review26 R1, /tmp/review26/cfgS)."""
    write(tmp_path, {"steps/__init__.py": "", "steps/s.py": "from zenml.steps import step\n\n@step\ndef train() -> int:\n    return 1\n\n"
                     "@step\ndef predict(service: int) -> None:\n    pass\n", "p.py": DEPLOY_PIPELINE})
    b = {"trainer": Binding("steps.s.train", None), "model_deployer": Binding(MLFLOW_STEP, None, {"trainer"}),
         "predictor": Binding("steps.s.predict", None, {"model_deployer"})}
    out = derive("deploy_pipeline", b, CodeBase([str(tmp_path)]), version)
    assert out.problem is None, out.problem
    assert out.spec["steps"] == [
        {"source": "steps.s.train", "upstream_steps": []},
        {"source": f"{MLFLOW_STEP}@zenml_{version}", "upstream_steps": ["train"]},
        {"source": "steps.s.predict", "upstream_steps": ["mlflow_model_deployer_step"]},
    ]
    assert not out.notes
    # a zenml.* class that no 0.20 release defines and no known ZenML factory makes: not guessed
    b["model_deployer"] = Binding("zenml.integrations.mlflow.steps.mlflow_deployer.drift", None, {"trainer"})
    problem = derive("deploy_pipeline", b, CodeBase([str(tmp_path)]), version).problem
    assert "is a ZenML built-in step" in problem and "not defined in" not in problem, problem


DRIFT_PIPELINE = """
from zenml.pipelines import pipeline


@pipeline(enable_cache=False)
def drift_detection_pipeline(data_loader, data_splitter, drift_detector, drift_analyzer):
    df = data_loader()
    reference, current = data_splitter(df)
    _, dashboard = drift_detector(reference_dataset=reference, comparison_dataset=current)
    drift_analyzer(dashboard)
"""
DRIFT_STEPS = """from zenml.steps import Output, step


@step
def data_loader() -> int:
    return 1


@step
def data_splitter(df: int) -> Output(reference=int, current=int):
    return df, df


@step
def analyzer(report: str) -> int:
    return len(report)
"""
EVIDENTLY = "zenml.integrations.evidently.steps.evidently_profile"


@pytest.mark.parametrize("version, drift_source", [
    ("0.20.0", f"{EVIDENTLY}.drift_detector@zenml_0.20.0"),
    ("0.20.3", f"{EVIDENTLY}.drift_detector@zenml_0.20.3"),
    ("0.20.5", f"{EVIDENTLY}.EvidentlyProfileStep@zenml_0.20.5"),
])
def test_a_step_made_by_a_zenml_factory_gets_the_source_0_20_registers(tmp_path, version, drift_source):
    """review26 R1 rest: 0.13.2's `evidently_profile_step(step_name="drift_detector", ...)` is a clone_step class
    `drift_detector` of the factory's module (the real 0.13.2 recorded the execution type
    `zenml.integrations.evidently.steps.evidently_profile.drift_detector`); running the migrated code, the real 0.20.0
    registered `...evidently_profile.drift_detector@zenml_0.20.0` and the real 0.20.5
    `...evidently_profile.EvidentlyProfileStep@zenml_0.20.5`, both named `drift_detector` (/tmp/prof27/r1)."""
    write(tmp_path, {"steps/__init__.py": "", "steps/data.py": DRIFT_STEPS, "pipelines/__init__.py": "",
                     "pipelines/drift_pipeline.py": DRIFT_PIPELINE})
    b = {"data_loader": Binding("steps.data.data_loader", None), "data_splitter": Binding("steps.data.data_splitter", None),
         "drift_detector": Binding(f"{EVIDENTLY}.drift_detector", None, {"data_splitter"}),
         "drift_analyzer": Binding("steps.data.analyzer", None, {"drift_detector"})}
    out = derive("drift_detection_pipeline", b, CodeBase([str(tmp_path)]), version)
    assert out.problem is None, out.problem
    assert out.spec == {"version": "0.1", "steps": [
        {"source": "steps.data.data_loader", "upstream_steps": []},
        {"source": "steps.data.data_splitter", "upstream_steps": ["data_loader"]},
        {"source": drift_source, "upstream_steps": ["data_splitter"]},
        {"source": "steps.data.analyzer", "upstream_steps": ["drift_detector"]},
    ]}
    (note,) = out.notes
    assert f"made by ZenML's evidently_profile_step(step_name='drift_detector'): ZenML {version} registers it as {drift_source}" in note
    # whylogs/deepchecks/Great Expectations factories the same way; a name that is no identifier is no clone
    b["drift_detector"] = Binding("zenml.integrations.whylogs.steps.whylogs_profiler.drift_detector", None, {"data_splitter"})
    source = derive("drift_detection_pipeline", b, CodeBase([str(tmp_path)]), version).spec["steps"][2]["source"]
    assert source == drift_source.replace(EVIDENTLY, "zenml.integrations.whylogs.steps.whylogs_profiler").replace(
        "EvidentlyProfileStep", "WhylogsProfilerStep")
    b["drift_detector"] = Binding(f"{EVIDENTLY}.drift-detector", None, {"data_splitter"})
    assert "is a ZenML built-in step" in derive("drift_detection_pipeline", b, CodeBase([str(tmp_path)]), version).problem


def test_the_fixture_code_gives_the_spec_the_real_0205_registered(tmp_path):
    plan = build_plan(read_legacy(str(HISTORY / "zenml_config")), options=PlanOptions(code=CODE))
    assert plan.pipeline_specs["ordered_pipeline"]["spec"] == ORDERED_SPEC
    notes = " ".join(plan.history_notes)
    assert "fetch.after(cleanup) read from" in notes and "clear_scratch (@step(name=...))" in notes
    old = build_plan(read_legacy(str(HISTORY / "zenml_config")), options=PlanOptions(code=CODE, zenml_version="0.20.0"))
    assert old.pipeline_specs["ordered_pipeline"]["spec"]["steps"][0]["source"] == "steps.ordered.cleanup"


@pytest.fixture
def legacy(tmp_path):
    dest = tmp_path / "history"
    shutil.copytree(HISTORY, dest)
    return dest / "zenml_config"


def test_code_that_moved_with_the_config_dir_is_found(tmp_path, legacy):
    """A config dir copied with its project (the folders they share keep their places)."""
    original = read_legacy(str(legacy)).profiles[0].paths.original  # /tmp/zenml013-*/history/zenml_config
    shutil.copytree(CODE[0], legacy.parent / "cwd" / "project")  # the runs recorded <history>/cwd/project/run.py
    assert not Path(original).exists()
    plan = build_plan(read_legacy(str(legacy)))
    assert plan.pipeline_specs["ordered_pipeline"]["spec"] == ORDERED_SPEC
    assert all(r.target_pipeline == r.pipeline for r in plan.runs)


def test_without_the_code_runs_are_imported_unlisted_then_join_their_pipeline(tmp_path, legacy):
    db = history_store(tmp_path / "zenml")
    target = StoreTarget(config_dir=str(tmp_path / "zenml"))
    plan = build_plan(read_legacy(str(legacy)), target.existing("default"), PlanOptions(target=target.describe()))
    assert {r.target_pipeline for r in plan.runs} == {""} and {r.action for r in plan.runs} == {Action.CHANGE}
    notes = " ".join(plan.history_notes)
    assert "pipeline ordered_pipeline is not registered and its 1 run is imported unlisted" in notes
    assert "the script its runs recorded" in notes and "--code DIR" in notes
    result = target.write(plan)
    assert "8 runs imported unlisted (see the run history notes)" in result.done
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM pipelineschema").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM pipelinerunschema WHERE pipeline_id IS NULL").fetchone()[0] == 8
    assert conn.execute("SELECT count(*) FROM ContextProperty WHERE name = ?", (PIPELINE_HINT,)).fetchone()[0] == 8
    conn.close()
    given = build_plan(read_legacy(str(legacy)), target.existing("default"),
                       PlanOptions(target=target.describe(), code=[str(tmp_path / "zenml")]))  # read, no pipeline there
    notes = " ".join(given.history_notes)
    assert "no @pipeline ordered_pipeline was found" in notes and "--code" not in notes, notes
    again = build_plan(read_legacy(str(legacy)), target.existing("default"), PlanOptions(target=target.describe()))
    assert {r.action for r in again.runs} == {Action.DONE} and not again.history_writes()  # nothing known: nothing to do
    # with the code: the pipelines are registered and the runs join them
    later = build_plan(read_legacy(str(legacy)), target.existing("default"), PlanOptions(target=target.describe(), code=CODE))
    assert len(later.run_links()) == 8 and not later.writable_runs()
    result = target.write(later)
    assert any("8 runs imported unlisted before now join their pipelines" in d for d in result.done), result.done
    conn = sqlite3.connect(db)
    rows = dict(conn.execute("SELECT p.name, count(*) FROM pipelinerunschema r JOIN pipelineschema p ON p.id = r.pipeline_id GROUP BY p.name"))
    hints = conn.execute("SELECT count(*) FROM ContextProperty WHERE name = ?", (PIPELINE_HINT,)).fetchone()[0]
    nulls = conn.execute("SELECT count(*) FROM ContextProperty WHERE name = 'model_ids' AND string_value LIKE '%\"pipeline_id\": null%'").fetchone()[0]
    conn.close()
    assert rows == {"training_pipeline": 5, "report_pipeline": 2, "ordered_pipeline": 1} and hints == 0 and nulls == 0
    before = db.read_bytes()
    target.write(build_plan(read_legacy(str(legacy)), target.existing("default"), PlanOptions(target=target.describe(), code=CODE)))
    assert db.read_bytes() == before


def test_unknown_spec_joins_the_pipeline_the_target_has(tmp_path, legacy):
    """The user ran the migrated code first: its pipeline is registered; the runs join it, whatever its spec."""
    db = history_store(tmp_path / "zenml")
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO pipelineschema SELECT p.id, u.id, 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee', 'ordered_pipeline', NULL, "
                 "'{\"version\": \"0.1\", \"steps\": [{\"source\": \"x.y\", \"upstream_steps\": []}]}', p.created, p.updated "
                 "FROM projectschema p, userschema u WHERE p.name = 'default' AND u.name = 'default'")
    conn.commit()
    conn.close()
    target = StoreTarget(config_dir=str(tmp_path / "zenml"))
    plan = build_plan(read_legacy(str(legacy)), target.existing("default"), PlanOptions(target=target.describe()))
    ordered = [r for r in plan.runs if r.pipeline == "ordered_pipeline"]
    assert [r.target_pipeline for r in ordered] == ["ordered_pipeline"]
    assert any("its runs join the pipeline ordered_pipeline already in the target" in n for n in plan.history_notes)
    target.write(plan)
    conn = sqlite3.connect(db)
    spec = conn.execute("SELECT spec FROM pipelineschema WHERE name = 'ordered_pipeline'").fetchone()[0]
    joined = conn.execute("SELECT count(*) FROM pipelinerunschema WHERE pipeline_id = 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee'").fetchone()[0]
    conn.close()
    assert "x.y" in spec and joined == 1


GENERATED_STEPS = '''
from zenml.steps import step


def make_scorer(k):
    @step(name=f"score_{k}")
    def scorer(rows: list) -> float:
        return float(len(rows) * k)
    return scorer


SCORERS = [make_scorer(k) for k in range(3)]


@step
def rows() -> list:
    return [1, 2]


@step
def best(a: float, b: float, c: float) -> float:
    return max(a, b, c)


@step
def audit(first: float, last: float) -> str:
    return ""


@step
def ping() -> int:
    return 0
'''

GENERATED_PIPELINE = '''
from zenml.pipelines import pipeline


@pipeline
def scoring_pipeline(load, s0, s1, s2, pick, check, p1, p2):
    data = load()
    scores = [s(rows=data) for s in (s0, s1, s2)]
    pick(*scores)
    check(first=scores[0], last=scores[-1])
    for p in (p1, p2):
        p()
'''


@pytest.mark.parametrize("version, scorer", [("0.20.5", "scorer"), ("0.20.0", None)])
def test_steps_made_by_a_factory_and_called_in_a_comprehension_or_a_loop(tmp_path, version, scorer):
    """The shape of a real 0.13.2 project whose runs were imported unlisted: steps from a factory
    (@step(name=f"...") in a function, listed by a comprehension) called by a list comprehension
    over a tuple of step parameters, the list passed on with * and by index, a for loop over step
    parameters. The spec is the one the real 0.20.5 and 0.20.0 registered for the same shape
    (their native run of the migrated code joined the migrated pipeline: /tmp/profiles-w13/run/native.sh)."""
    write(tmp_path, {"lab/__init__.py": "", "lab/scoring.py": GENERATED_STEPS, "flows.py": GENERATED_PIPELINE})
    b = {"load": Binding("lab.scoring.rows", None), "pick": Binding("lab.scoring.best", None),
         "check": Binding("lab.scoring.audit", None), "p1": Binding("lab.scoring.ping", None),
         **{f"s{k}": Binding(f"lab.scoring.score_{k}", None) for k in range(3)}}
    b["p2"] = Binding("lab.scoring.rows", None)  # the same step class twice: ZenML 0.20 refuses to run it
    assert "two steps share a name" in derive("scoring_pipeline", b, CodeBase([str(tmp_path)]), version).problem
    b["p2"] = Binding("lab.scoring.score_9", None)  # a generated name the factory can make
    out = derive("scoring_pipeline", b, CodeBase([str(tmp_path)]), version)
    assert out.problem is None, out.problem
    source = {f"score_{k}": f"lab.scoring.{scorer or f'score_{k}'}" for k in (0, 1, 2, 9)}
    assert out.spec == {"version": "0.1", "steps": [
        {"source": "lab.scoring.ping", "upstream_steps": []},
        {"source": "lab.scoring.rows", "upstream_steps": []},
        {"source": source["score_9"], "upstream_steps": []},
        {"source": source["score_0"], "upstream_steps": ["rows"]},
        {"source": source["score_1"], "upstream_steps": ["rows"]},
        {"source": source["score_2"], "upstream_steps": ["rows"]},
        {"source": "lab.scoring.audit", "upstream_steps": ["score_0", "score_2"]},
        {"source": "lab.scoring.best", "upstream_steps": ["score_0", "score_1", "score_2"]},
    ]}
    named = [n for n in out.notes if "@step(name=...)" in n]
    if scorer:  # one note for the function behind the four names
        assert named == [f"steps score_0, score_1, score_2, score_9 are the function scorer (@step(name=...)) in {tmp_path}/lab/scoring.py: "
                         "ZenML 0.20.5 registers them as lab.scoring.scorer (0.20.0-0.20.4 use the name: a run with another 0.20.x fails against this spec)"]
    else:
        assert len(named) == 4 and f"step score_0 is the function scorer (@step(name=...)) in {tmp_path}/lab/scoring.py: ZenML 0.20.0 registers it as " \
            "lab.scoring.score_0 (0.20.5 uses the function name: a run with another 0.20.x fails against this spec)" in named
    b["s0"] = Binding("lab.scoring.tally_0", None)  # no f-string of the module can make that name
    assert "step tally_0 (lab.scoring.tally_0) is not defined in" in derive("scoring_pipeline", b, CodeBase([str(tmp_path)]), version).problem


def test_a_metadata_db_beside_the_config_dir_moves_along_with_it(tmp_path, legacy):
    """A project folder copied whole to another machine: the config dir and, beside it, a sqlite
    metadata store (uri outside the config dir) and the run scripts. The metadata.db was reported
    'not found (moved or deleted)' and its runs were not migrated."""
    profile = legacy / "profiles" / "default"
    meta = profile / "metadata_stores" / "second_metadata.yaml"
    text = meta.read_text()
    recorded = text.split("uri: ")[1].split("\n")[0]
    old_base = recorded.split("/zenml_config/")[0]  # /tmp/zenml013-*/history: gone on this machine
    assert not Path(old_base).exists()
    meta.write_text(text.replace(recorded, f"{old_base}/metadata/second.db"))
    (legacy.parent / "metadata").mkdir()
    shutil.move(str(legacy / "local_stores" / recorded.split("/local_stores/")[1]), str(legacy.parent / "metadata" / "second.db"))
    plan = build_plan(read_legacy(str(legacy)), options=PlanOptions(code=CODE))
    [hist] = [h for p in plan.source.profiles for h in p.history if h.component == "second_metadata"]
    assert hist.error is None and hist.location == str(legacy.parent / "metadata" / "second.db") and hist.runs == 2, hist
    second = [r for r in plan.runs if r.profile == "default" and r.action in (Action.MIGRATE, Action.CHANGE)]
    assert len(second) == len(plan.runs) == 8, [(r.name, r.action) for r in plan.runs]
    notes = " ".join([*(n for c in plan.components for n in c.notes), *plan.history_notes])
    assert "not found" not in notes and "second.db" in notes


CHAIN_STEPS = "from zenml.steps import step\n\n" + "".join(
    f"@step\ndef {n}({'' if n == 'start' else 'x: int'}) -> int:\n    return 1\n\n\n" for n in ("start", "g1", "g2", "g3", "total"))


def test_a_for_loop_chaining_step_outputs_is_read_as_the_calls_it_makes(tmp_path):
    """`for s in (a, b, c): x = s(x)` (the 0.13.2 way to chain cloned steps): its runs were imported
    unlisted ("only calls of the loop's step are read in its body"); the loop is read once per step."""
    write(tmp_path, {"steps/__init__.py": "", "steps/s.py": CHAIN_STEPS,
                     "p.py": "from zenml.pipelines import pipeline\n\n\n@pipeline\ndef chain(start, a, b, c, total):\n"
                             "    x = start()\n    for s in (a, b, c):\n        x = s(x)\n    total(x)\n"})
    b = {"start": Binding("steps.s.start", None), "a": Binding("steps.s.g1", None), "b": Binding("steps.s.g2", None),
         "c": Binding("steps.s.g3", None), "total": Binding("steps.s.total", None)}
    out = derive("chain", b, CodeBase([str(tmp_path)]))
    assert out.problem is None, out.problem
    ups = {s["source"].rpartition(".")[2]: s["upstream_steps"] for s in out.spec["steps"]}
    assert ups == {"start": [], "g1": ["start"], "g2": ["g1"], "g3": ["g2"], "total": ["g3"]}
    assert [s["source"] for s in out.spec["steps"]] == [f"steps.s.{n}" for n in ("start", "g1", "g2", "g3", "total")]


CLONE_SCRIPT = '''
import sys

from zenml.pipelines import pipeline
from zenml.steps import step
from zenml.steps.utils import clone_step as copy_of
from lib.shared import Scaler


@step
def seed() -> int:
    return 1


@step
def bump(x: int) -> int:
    return x + 1


LastScale = copy_of(Scaler, step_name="LastScale")


@pipeline
def ladder(seed, r1, r2, r3, scale):
    x = seed()
    for r in (r1, r2, r3):
        x = r(x)
    scale(x)


if __name__ == "__main__":
    rungs = {f"r{i}": copy_of(bump, f"rung_{i}")() for i in range(1, 4)}
    ladder(seed=seed(), scale=LastScale(), **rungs).run(run_name=sys.argv[1])
'''

#: the same script after `migrate code --fix` (ZM110 writes out the class clone_step made)
CLONE_PORTED = CLONE_SCRIPT.replace("from zenml.steps.utils import clone_step as copy_of\n", "").replace(
    'LastScale = copy_of(Scaler, step_name="LastScale")', "class LastScale(Scaler):\n    pass").replace(
    'copy_of(bump, f"rung_{i}")',
    'globals().setdefault(f"rung_{i}", type(f"rung_{i}", (bump,), {"__module__": __name__, "__doc__": bump.__doc__}))')


@pytest.mark.parametrize("script", [CLONE_SCRIPT, CLONE_PORTED], ids=["0.13.2 code", "after migrate code --fix"])
@pytest.mark.parametrize("version", ["0.20.0", "0.20.5"])
def test_steps_made_with_clone_step_get_the_spec_of_their_clone_class(tmp_path, script, version):
    """0.13.2 records a clone_step copy under the name it was given (`__main__.rung_1`), a class that
    no def names: the pipeline was imported unlisted ("step rung_1 (__main__.rung_1) is not
    defined in ...", /tmp/profiles-c4b, session 14). clone_step (0.20.0) and ZM110's rewrite
    (0.20.5) both make a class of that name in the calling module: real 0.20.0 and 0.20.5 runs of
    such code joined the migrated pipeline (/tmp/profiles-w15/clone_e2e.sh)."""
    write(tmp_path, {"lib/__init__.py": "", "lib/shared.py": "from zenml.steps import step\n\n\n@step\ndef Scaler(x: int) -> int:\n    return x\n",
                     "run_ladder.py": script})
    main = str(tmp_path / "run_ladder.py")
    b = {"seed": Binding("__main__.seed", main), "scale": Binding("__main__.LastScale", main),
         **{f"r{i}": Binding(f"__main__.rung_{i}", main) for i in (1, 2, 3)}}
    out = derive("ladder", b, CodeBase([str(tmp_path)]), version)
    assert out.problem is None, out.problem
    assert {s["source"]: s["upstream_steps"] for s in out.spec["steps"]} == {
        "run_ladder.seed": [], "run_ladder.rung_1": ["seed"], "run_ladder.rung_2": ["rung_1"], "run_ladder.rung_3": ["rung_2"],
        "run_ladder.LastScale": ["rung_3"]}
    # a name no clone_step call can give is still not found
    b["r3"] = Binding("__main__.other_3", main)
    assert "step other_3 (__main__.other_3) is not defined in" in derive("ladder", b, CodeBase([str(tmp_path)]), version).problem
