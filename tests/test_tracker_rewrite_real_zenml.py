"""The @enable_mlflow / @enable_wandb rewrite (ZM207/ZM208, codemods/trackers.py) on the real
ZenML 0.20.0 and 0.20.5: with a tracker name and without one (the documented name, a guess,
with a TODO), on function and class-based steps, under aliases (repro c2c3 of the held-out
corpus). Every rewritten module imports on both versions, each step instance is configured
with the tracker, and a pipeline whose step names a tracker the active stack lacks fails when
it is compiled (as 0.13.2's decorator failed when the step ran). One subprocess per version.
"""

import json
import textwrap
from pathlib import Path

import pytest

from tests.realzenml import VERSIONS, CACHE, python
from tests.test_tracker_rewrite import ALIASES, PIPELINE_CALLS  # repro c2c3_tracker_aliases: module alias, aliased class step
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.fix.todo import PREFIX
from zenml_migrate.rules import get_rule

pytestmark = pytest.mark.real_zenml

MIXED = textwrap.dedent(
    '''
    from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow
    from zenml.integrations.wandb.wandb_step_decorator import enable_wandb
    from zenml.steps import BaseStep, step


    @enable_mlflow(nested=True)
    class NestedTrainer(BaseStep):
        """Trains in a nested MLflow run."""

        def entrypoint(self) -> int:
            return 3


    @enable_wandb
    @step(enable_cache=False)
    def evaluator() -> int:
        return 4


    def _score(value: int) -> int:
        return value


    scorer = enable_wandb(step(_score, name="scorer"))  # held-out tracking_zoo: the function form
    tagged_scorer = enable_wandb(settings={"tags": ["a"]})(step(_score, name="tagged_scorer"))
    '''
).lstrip()

# enable_x called as a function on a step class (held-out 3 M5 style): 0.13.2 changed the class in
# place and returned it, so the original name is configured as well
CALLS = textwrap.dedent(
    '''
    from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow
    from zenml.integrations.wandb.wandb_step_decorator import enable_wandb
    from zenml.steps import BaseParameters, BaseStep, step


    class RidgeParameters(BaseParameters):
        alpha: float = 1.0


    @step(enable_cache=False)
    def ridge_trainer(params: RidgeParameters) -> float:
        return params.alpha


    mlflow_ridge = enable_mlflow(nested=True)(ridge_trainer)


    class Evaluator(BaseStep):
        def entrypoint(self, score: float) -> float:
            return score


    Evaluator = enable_wandb(Evaluator)
    '''
).lstrip()

# enable_x called on a parameter of a team decorator (held-out 19 style): 0.13.2 raised unless the
# parameter held a step class, which the rewrite configures in place
WRAPPERS = textwrap.dedent(
    '''
    from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow
    from zenml.steps import BaseStep, step


    def with_mlflow(step_type):
        """A team decorator."""
        return enable_mlflow(nested=True)(step_type)


    def traced(*, nested: bool):
        def apply(cls):
            if nested:
                return enable_mlflow(nested=True)(cls)
            return enable_mlflow(cls)

        return apply


    @with_mlflow
    @step
    def fitter() -> int:
        return 1


    @traced(nested=False)
    class Scorer(BaseStep):
        def entrypoint(self) -> int:
            return 2
    '''
).lstrip()

# a functools.partial of step under the tracker decorator (held-out 70: 0.7.3 teams wrapped `step`
# in partials): the partial's call takes experiment_tracker= as step(...) does
PARTIALS = textwrap.dedent(
    '''
    import functools

    from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow
    from zenml.integrations.wandb.wandb_step_decorator import enable_wandb
    from zenml.steps import step

    quick_step = functools.partial(step, enable_cache=False)


    @enable_mlflow(nested=True)
    @quick_step(name="fast_fitter")
    def fitter() -> int:
        return 1


    @enable_wandb
    @quick_step
    def judge() -> int:
        return 2
    '''
).lstrip()

# module -> (source, --experiment-tracker, codes of the "is a guess" TODOs), and what each step
# instance must be configured with
MODULES = {
    "aliases_named": (ALIASES, "mlflow=team_mlflow", []),
    "aliases_guessed": (ALIASES, None, ["ZM207", "ZM207"]),
    "mixed_guessed": (MIXED, None, ["ZM207", "ZM208", "ZM208", "ZM208"]),
    "calls_named": (CALLS, {"mlflow": "team_mlflow", "wandb": "team_wandb"}, []),
    "wrappers_named": (WRAPPERS, "mlflow=team_mlflow", []),
    "partials_named": (PARTIALS, {"mlflow": "team_mlflow", "wandb": "team_wandb"}, []),
}
EXPECTED = {
    "aliases_named": {"trainer": ["team_mlflow", []], "ClassTrainer": ["team_mlflow", []]},
    "aliases_guessed": {"trainer": ["mlflow_tracker", []], "ClassTrainer": ["mlflow_tracker", []]},
    "mixed_guessed": {
        "NestedTrainer": ["mlflow_tracker", [["experiment_tracker.mlflow", {"nested": True}]]],
        "evaluator": ["wandb_tracker", []],
        "scorer": ["wandb_tracker", []],
        "tagged_scorer": ["wandb_tracker", [["experiment_tracker.wandb", {"settings": {"tags": ["a"]}}]]],
    },
    "calls_named": {
        "mlflow_ridge": ["team_mlflow", [["experiment_tracker.mlflow", {"nested": True}]]],
        "ridge_trainer": ["team_mlflow", [["experiment_tracker.mlflow", {"nested": True}]]],
        "Evaluator": ["team_wandb", []],
    },
    "wrappers_named": {
        "fitter": ["team_mlflow", [["experiment_tracker.mlflow", {"nested": True}]]],
        "Scorer": ["team_mlflow", []],
    },
    "partials_named": {
        "fitter": ["team_mlflow", [["experiment_tracker.mlflow", {"nested": True}]]],
        "judge": ["team_wandb", []],
    },
}

CHECK = r'''
import importlib, json, sys
from zenml.pipelines import pipeline

out = {}
for name, steps in json.loads(sys.argv[1]).items():
    module = importlib.import_module(name)  # must import on 0.20
    out[name] = {}
    for step_name in steps:
        conf = getattr(module, step_name)().configuration
        settings = [[k, v.dict(exclude_unset=True) if hasattr(v, "dict") else dict(v)] for k, v in sorted(conf.settings.items())]
        out[name][step_name] = [conf.experiment_tracker, settings]

@pipeline
def one_step(s):
    s()

import aliases_guessed
from zenml.client import Client

Client().zen_store  # a fresh config dir: the store (with its default stack, made active) is created on first use
try:  # the default stack has no tracker: the run must stop before any step runs, and say why
    one_step(s=aliases_guessed.trainer()).run()
    out["run"] = "ran"
except Exception as exc:
    out["run"] = f"{type(exc).__name__}: {exc}"
print("RESULT " + json.dumps(out))
'''


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("tracker_rewrite")
    for name, (source, tracker, guessed) in MODULES.items():
        result = fix_source(source, f"{name}.py", experiment_tracker=tracker)
        # nothing left (C3: no ZM000 left for the deleted `import ...mlflow_step_decorator as mlflow_dec`)
        assert result.error is None and not result.remaining, (name, result.error, result.remaining, result.text)
        assert [code for _, code, _ in result.fix_todos] == guessed, result.text  # counted as left for a human
        assert result.text.count(PREFIX) == len(guessed), result.text  # and no other TODO line
        code = "\n".join(line for line in result.text.splitlines() if PREFIX not in line)
        assert not any(w in code for w in ("enable_mlflow", "enable_wandb", "step_decorator")), result.text
        (root / f"{name}.py").write_text(result.text)
    (root / "check.py").write_text(CHECK)
    return root


def test_the_documented_names_are_the_ones_zenml_0132_prints():
    """The guess is the name 0.13.2 itself tells a user to register when the stack has no tracker."""
    site = next((CACHE / VERSIONS["0.13.2"][0] / "lib").glob("python3.*/site-packages/zenml/integrations"))
    for code, where in (("ZM207", "mlflow/mlflow_utils.py"), ("ZM208", "wandb/wandb_step_decorator.py")):
        name = get_rule(code).arg("documented_name")
        assert f"zenml experiment-tracker register {name} " in (site / where).read_text(), (code, name)


@pytest.mark.parametrize("version", ["0.20.0", "0.20.5"])
def test_rewritten_modules_import_and_configure_the_tracker(project, tmp_path, version):
    steps = {name: sorted(expected) for name, expected in EXPECTED.items()}
    proc = python(version, ["check.py", json.dumps(steps)], tmp_path / "zenml_config", cwd=project)
    result = json.loads(next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))[len("RESULT "):])
    run = result.pop("run")
    assert result == EXPECTED, proc.stdout
    assert "requires experiment tracker 'mlflow_tracker' which is not configured in the stack" in run, run


# decorators kept as values (held-out 33 r02): a dict of them, a loop over them, a call under a
# condition, with keywords first: the module defines each as a 0.20 function that configures the
# step class it is given, as 0.13.2's did in place
VALUES = textwrap.dedent(
    '''
    import os

    from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow
    from zenml.integrations.wandb.wandb_step_decorator import enable_wandb as wb
    from zenml.steps import BaseStep, step

    BY_FLAVOR = {"mlflow": enable_mlflow, "wandb": wb}


    @step
    def fit() -> int:
        return 1


    class Judge(BaseStep):
        def entrypoint(self) -> int:
            return 2


    def _rank() -> int:
        return 3


    fit = BY_FLAVOR[os.environ.get("FLAVOR", "mlflow")](nested=True)(fit)
    for decorate in (wb,):
        Judge = decorate(settings={"tags": ["j"]})(Judge)
    rank = enable_mlflow(step(_rank)) if os.environ.get("TRACK", "1") else step(_rank)
    '''
).lstrip()


@pytest.mark.parametrize("version", ["0.20.0", "0.20.5"])
def test_decorators_kept_as_values_configure_the_steps_on_020(tmp_path, version):
    result = fix_source(VALUES, "values_named.py", experiment_tracker={"mlflow": "team_mlflow", "wandb": "team_wandb"})
    assert result.error is None and not result.remaining and PREFIX not in result.text, result.text
    assert "step_decorator" not in result.text, result.text
    root = tmp_path / "project"
    root.mkdir()
    (root / "values_named.py").write_text(result.text)
    (root / "check.py").write_text(CHECK.split("@pipeline")[0] + 'print("RESULT " + json.dumps(out))\n')
    steps = {"values_named": ["Judge", "fit", "rank"]}
    proc = python(version, ["check.py", json.dumps(steps)], tmp_path / "zenml_config", cwd=root)
    got = json.loads(next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))[len("RESULT "):])
    assert got == {
        "values_named": {
            "fit": ["team_mlflow", [["experiment_tracker.mlflow", {"nested": True}]]],
            "Judge": ["team_wandb", [["experiment_tracker.wandb", {"settings": {"tags": ["j"]}}]]],
            "rank": ["team_mlflow", []],
        }
    }, proc.stdout + proc.stderr


# ZenML 0.5.7-0.6.0's pipeline decorator (mlflow_utils.enable_mlflow): a step naming its own tracker keeps it
PIPELINE_FORM = textwrap.dedent(
    '''
    from zenml.integrations.mlflow.mlflow_utils import enable_mlflow as tracked
    from zenml.pipelines import pipeline
    from zenml.steps import step


    @step
    def load() -> int:
        return 1


    @step(experiment_tracker="other")
    def score(value: int) -> int:
        return value


    @tracked
    @pipeline
    def scoring(loader, scorer):
        scorer(loader())


    def _named(loader):
        loader()


    named = tracked(pipeline(name="named")(_named), "churn")  # the function form, with its experiment_name
    '''
).lstrip()

PIPELINE_CHECK = textwrap.dedent(
    '''
    import json
    from scoring import load, named, score, scoring

    built = scoring(loader=load(), scorer=score())
    other = named(load())
    out = {name: s.configuration.experiment_tracker for name, s in built.steps.items()}
    out["named"] = [other.steps["loader"].configuration.experiment_tracker,
                    other.steps["loader"].configuration.settings["experiment_tracker.mlflow"].dict()]
    print("RESULT " + json.dumps(out))
    '''
).lstrip()


@pytest.mark.parametrize("version", ["0.20.0", "0.20.5"])
def test_the_zenml_05_pipeline_decorator_configures_the_pipelines_steps_on_020(tmp_path, version):
    result, proc, got = _fixed_and_probed(tmp_path, version, PIPELINE_FORM, "scoring.py", PIPELINE_CHECK)
    assert result.error is None and not result.remaining and PREFIX not in result.text, result.text
    assert "mlflow_utils" not in result.text, result.text
    assert got == {
        "loader": "team_mlflow",
        "scorer": "other",
        "named": ["team_mlflow", {"experiment_name": "churn"}],
    }, proc.stdout + proc.stderr



# ZenML 0.5's pipeline decorator called on pipeline classes (tests/test_tracker_rewrite.py: PIPELINE_CALLS)
CALLS_CHECK = textwrap.dedent(
    '''
    import json
    from jobs import fetch, tracked_nightly, tracked_weekly

    night = tracked_nightly(fetcher=fetch()).steps["fetcher"].configuration
    week = tracked_weekly(fetcher=fetch()).steps["fetcher"].configuration
    print("RESULT " + json.dumps([night.experiment_tracker, night.settings["experiment_tracker.mlflow"].dict(),
                                  week.experiment_tracker, sorted(week.settings)]))
    '''
).lstrip()


@pytest.mark.parametrize("version", ["0.20.0", "0.20.5"])
def test_the_zenml_05_pipeline_decorator_called_on_pipeline_classes_tracks_their_steps_on_020(tmp_path, version):
    _, proc, got = _fixed_and_probed(tmp_path, version, PIPELINE_CALLS, "jobs.py", CALLS_CHECK)
    assert got == ["team_mlflow", {"experiment_name": "nightly-exp"}, "team_mlflow", []], proc.stdout + proc.stderr


def _fixed_and_probed(tmp_path, version, source, name, check):
    """``source`` fixed as the module ``name`` (tracker team_mlflow), then ``check`` run next to it on the
    real ``version``: (the fix result, the process, what it printed after ``RESULT ``)."""
    result = fix_source(source, name, experiment_tracker={"mlflow": "team_mlflow"})
    root = tmp_path / "project"
    root.mkdir()
    (root / name).write_text(result.text)
    (root / "check.py").write_text(check)
    proc = python(version, ["check.py"], tmp_path / "zenml_config", cwd=root)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
    assert line is not None, proc.stdout + proc.stderr
    return result, proc, json.loads(line[len("RESULT "):])
