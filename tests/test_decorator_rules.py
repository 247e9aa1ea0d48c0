"""ZM2xx / ZM25x / ZM3xx beyond the rules' own examples: every import path of the enable_*
decorators in every stacking form, keyword rules only on ZenML's callables, and code that
is already 0.20 (or unchanged API) staying clean."""

import textwrap

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.rules.decorators import is_valid_settings_key


def _c(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def codes(text: str, prefix: str = "ZM"):
    return sorted(f.code for f in scan_source(text) if f.code.startswith(prefix))


def spans(text: str, code: str):
    return [(f.span.line, f.span.column, f.span.end_line, f.span.end_column) for f in scan_source(text) if f.code == code]


# ------------------------------------------------------------------ enable_* decorators
ENABLE = {
    "ZM207": ("enable_mlflow", ("zenml.integrations.mlflow.mlflow_step_decorator", "zenml.integrations.mlflow.steps.mlflow_deployer")),
    "ZM208": ("enable_wandb", ("zenml.integrations.wandb.wandb_step_decorator",)),
    "ZM209": ("enable_whylabs", ("zenml.integrations.whylogs.whylabs_step_decorator", "zenml.integrations.whylogs.steps.whylogs_profiler")),
}
CASES = [(code, name, module) for code, (name, modules) in ENABLE.items() for module in modules]
FORMS = ["@{d}\n@step\n", "@{d}()\n@step\n", "@{d}(x=1)\n@step(enable_cache=False)\n", "@{d}\n@step(name='t')\n"]


@pytest.mark.parametrize("code,name,module", CASES)
@pytest.mark.parametrize("form", FORMS)
def test_enable_decorator_every_path_and_form(code, name, module, form):
    src = f"from {module} import {name} as deco\nfrom zenml.steps import step\n\n" + form.format(d="deco") + "def t() -> int:\n    return 1\n"
    assert codes(src) .count(code) == 2  # the import and the decorator
    assert spans(src, code)[1][0] == 4  # the decorator line


@pytest.mark.parametrize("code,name,module", CASES)
def test_enable_decorator_through_module_alias_and_on_class_based_step(code, name, module):
    src = _c(
        f"""
        import {module} as m
        from zenml.steps import BaseStep

        @m.{name}
        class T(BaseStep):
            def entrypoint(self) -> int:
                return 1
        """
    )
    assert codes(src).count(code) == 1
    assert spans(src, code) == [(4, 2, 4, 4 + len(name))]


def test_step_under_enable_decorator_is_still_a_step():
    src = _c(
        """
        from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow
        from zenml.steps import BaseStepConfig, step

        class C(BaseStepConfig):
            lr: float = 0.1

        @enable_mlflow
        @step(custom_step_operator="so")
        def trainer(config: C) -> float:
            return config.lr

        trainer(config=C())
        """
    )
    assert {"ZM201", "ZM207"} <= set(codes(src))


def test_local_enable_function_is_not_flagged():
    src = "def enable_wandb(f):\n    return f\n\n@enable_wandb\ndef t():\n    pass\n"
    assert codes(src, "ZM20") == []


# ------------------------------------------------------------------ keyword rules
KEYWORDS = {
    "custom_step_operator": "ZM201",
    "output_types": "ZM202",
    "resource_configuration": "ZM203",
    "docker_configuration": "ZM204",
    "required_integrations": "ZM205",
    "requirements": "ZM205",
    "dockerignore_file": "ZM205",
    "secrets": "ZM206",
}


@pytest.mark.parametrize("keyword", sorted(KEYWORDS))
def test_keyword_rules_ignore_users_own_step_and_pipeline(keyword):
    src = _c(
        f"""
        from mylib import pipeline

        def step(**kw):
            return lambda f: f

        @step({keyword}=1)
        def a():
            pass

        @pipeline({keyword}=1)
        def b():
            pass
        """
    )
    assert codes(src, "ZM2") == []


@pytest.mark.parametrize("keyword,code", sorted(KEYWORDS.items()))
def test_keyword_rules_on_zenml_callables(keyword, code):
    step_side = code in ("ZM201", "ZM202", "ZM203")
    if step_side:
        src = f"from zenml.steps import step\n\n@step({keyword}=1)\ndef a() -> int:\n    return 1\n\na().configure({keyword}=1)\n"
    else:
        src = f"from zenml import pipelines\n\n@pipelines.pipeline({keyword}=1)\ndef a(s):\n    s()\n\na(s=None).configure({keyword}=1)\n"
    assert codes(src).count(code) == 2
    line = 3
    start = src.splitlines()[line - 1].index(keyword) + 1
    assert spans(src, code)[0] == (line, start, line, start + len(keyword) + 2)


def test_pipeline_keywords_are_not_step_keywords():
    # `secrets`/`requirements` on a *step* are parameters of that step's own signature in 0.13.2
    src = "from zenml.steps import step\n\n@step\ndef s() -> int:\n    return 1\n\ns(requirements=1)\n"
    assert "ZM205" not in codes(src)


def test_step_keywords_through_clone_step():
    src = _c(
        """
        from zenml.steps import step
        from zenml.steps.utils import clone_step

        @step
        def trainer(config) -> int:
            return 1

        second = clone_step(trainer, "second")
        second(config=None, custom_step_operator="so")
        """
    )
    assert [line for line, *_ in spans(src, "ZM201")] == [9]


def test_run_keywords():
    src = _c(
        """
        from zenml.pipelines import pipeline

        @pipeline
        def p(s):
            s()

        inst = p(s=None)
        inst.run(run_name=NAME, schedule=None, enable_cache=False)
        inst.run(run_name="fixed", unknown=1)
        """
    )
    assert codes(src, "ZM2") == ["ZM212", "ZM250"]


@pytest.mark.parametrize(
    "key,valid",
    [
        ("docker", True),
        ("resources", True),
        ("experiment_tracker.mlflow", True),
        ("orchestrator.kubeflow", True),
        ("step_operator.spark-kubernetes", True),
        ("data_validator.whylogs", True),
        ("resource", False),
        ("mlflow", False),
        ("metadata_store.sqlite", False),
        ("experiment_tracker", False),
        ("Docker", False),
    ],
)
def test_settings_key_validation_mirrors_zenml_020(key, valid):
    assert is_valid_settings_key(key) is valid


def test_settings_docker_allowed_on_pipeline_and_run_but_not_step():
    src = _c(
        """
        from zenml.pipelines import pipeline
        from zenml.steps import step

        @step(settings={"resources": {}, **{"docker": {}}})
        def s() -> int:
            return 1

        @pipeline(settings={"docker": {}})
        def p(s):
            s()

        p(s=s()).run(settings={"docker": {}, "orchestrator.local": {}})
        s().configure(settings={"docker": {}})
        """
    )
    assert [line for line, *_ in spans(src, "ZM215")] == [13]


def test_attribute_writes_and_reads():
    src = _c(
        """
        from zenml.steps import step

        @step
        def s() -> int:
            return 1

        inst = s()
        inst.enable_cache = False
        inst.name = "x"
        print(inst.enable_cache, inst.name, inst.resource_configuration)
        """
    )
    assert codes(src, "ZM21") == ["ZM213", "ZM213", "ZM214"]


def test_a_step_reached_through_the_pipeline_steps_is_a_step():
    """``pipeline_instance.steps`` maps names to the step instances it was built with: a write of
    ``enable_cache`` / ``name`` on one is the read-only property of 0.20 (AttributeError) too."""
    from zenml_migrate.fix.fixer import fix_source

    src = _c(
        """
        from zenml.pipelines import pipeline
        from zenml.steps import step

        @step
        def featurize() -> int:
            return 1

        @pipeline
        def nightly(featurize):
            featurize()

        def rerun_fresh():
            run = nightly(featurize=featurize())
            run.steps["featurize"].enable_cache = False
            for s in run.steps.values():
                s.name = s.name + "_v2"
            run.run()
        """
    )
    assert [line for line, *_ in spans(src, "ZM213")] == [14, 16]
    fixed = fix_source(src, "nightly.py").text
    assert 'run.steps["featurize"].configure(enable_cache=False)' in fixed
    assert "`name` cannot be set in ZenML 0.20)\n        s.name = s.name" in fixed  # its TODO, no fix


# ------------------------------------------------------------------ same step twice
def test_same_step_twice_counts_only_repeats():
    src = _c(
        """
        from zenml.pipelines import pipeline
        from zenml.steps import step

        @step
        def load() -> int:
            return 1

        @pipeline
        def p(a, b, c):
            a()

        p(load(), load(name="b"), load(name="c"))
        p(a=load(name="a"), b=load(name="b"), c=load(name="c"))
        p(a=load(), b=load(), c=load())
        """
    )
    assert [line for line, *_ in spans(src, "ZM252")] == [14, 14]


# ------------------------------------------------------------------ precision
MIGRATED_020 = _c(
    """
    from zenml.client import Client
    from zenml.config import DockerSettings, ResourceSettings
    from zenml.pipelines import pipeline
    from zenml.post_execution import get_pipeline, get_run
    from zenml.steps import BaseParameters, Output, StepContext, step

    _tracker = Client().active_stack.experiment_tracker


    class TrainerParams(BaseParameters):
        lr: float = 0.1


    @step(
        step_operator="sagemaker",
        experiment_tracker=_tracker.name if _tracker else None,
        settings={"resources": ResourceSettings(cpu_count=2), "experiment_tracker.mlflow": {"nested": True}},
        output_artifacts={"model": None},
        output_materializers={"model": None},
    )
    def trainer(params: TrainerParams, context: StepContext) -> Output(model=float, uri=str):
        return params.lr, context.get_output_artifact_uri()


    @pipeline(enable_cache=False, settings={"docker": DockerSettings(requirements=["pandas"])})
    def training(trainer):
        trainer()


    t = trainer(params=TrainerParams(lr=0.2), name="t")
    t.configure(enable_cache=False)
    training(trainer=t).run(enable_cache=False, extra={"k": 1}, config_path="cfg.yaml")
    run = get_run("r")
    print([r.name for r in get_pipeline("training").runs], run.get_step("t").parent_step_ids)
    """
)

UNCHANGED_013 = _c(
    """
    from zenml.environment import Environment
    from zenml.materializers.base_materializer import BaseMaterializer
    from zenml.pipelines import pipeline
    from zenml.repository import Repository
    from zenml.steps import Output, StepContext, StepEnvironment, step


    class M(BaseMaterializer):
        ASSOCIATED_TYPES = (int,)

        def handle_input(self, data_type):
            return 1


    @step(enable_cache=False, name="s")
    def s(context: StepContext) -> Output(a=int, b=int):
        env = Environment().step_environment
        print(env.pipeline_name, env.step_name, context.stack, context.get_output_materializer("a"))
        return 1, 2


    @pipeline(enable_cache=True, name="p")
    def p(s):
        s()


    p(s=s()).run(run_name=None, schedule=None)
    pv = Repository().get_pipeline("p")
    for run in pv.runs:
        for st in run.steps:
            print(st.name, st.status, st.entrypoint_name, st.outputs, st.output.read(), run.status)
    """
)


def test_already_migrated_code_is_clean():
    assert codes(MIGRATED_020, "ZM2") == []
    assert codes(MIGRATED_020, "ZM3") == []


def test_unchanged_api_is_clean():
    # only the Repository().get_pipeline call itself is a finding here
    assert codes(UNCHANGED_013, "ZM2") == []
    assert codes(UNCHANGED_013, "ZM3") == ["ZM301"]


# ------------------------------------------------------------------ against the real ZenML
# Bad examples that are plain Python (no integration packages, no pipeline run): each must run
# on ZenML 0.13.2, fail on 0.20.5, and its `fixed=` rewrite must run on 0.20.5.
REAL_CHECKED = {
    "ZM201": (0, 1, 2),
    "ZM202": (0, 1),
    "ZM203": (0,),
    "ZM204": (0,),
    "ZM205": (0, 1),
    "ZM206": (0,),
    "ZM213": (0,),
}

# `fixed=` rewrites whose 0.13.2 side needs an integration package: checked on 0.20.5 only
REAL_CHECKED_FIXED_ONLY = {"ZM207": (0, 1), "ZM209": (0, 1)}

_RUNNER = r"""
import json, sys, traceback
results = {}
for key, code in json.load(open(sys.argv[1])).items():
    try:
        exec(compile(code, key, "exec"), {"__name__": key.replace("-", "_")})
        results[key] = "ok"
    except BaseException as exc:  # the example's own failure is the result
        results[key] = type(exc).__name__ + ": " + str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
print("RESULTS" + json.dumps(results))
"""


def _run_examples(version, examples, tmp_path):
    import json

    from tests.realzenml import python, zenml

    (tmp_path / "runner.py").write_text(_RUNNER)
    data = tmp_path / f"examples-{version}.json"
    data.write_text(json.dumps(examples))
    config = tmp_path / f"config-{version}"
    config.mkdir()
    if version.startswith("0.20"):
        # a user's set-up has an active stack; a fresh 0.20 config dir has none until this
        zenml(version, ["stack", "set", "default"], config, cwd=tmp_path)
    proc = python(version, [str(tmp_path / "runner.py"), str(data)], config, cwd=tmp_path)
    line = [x for x in proc.stdout.splitlines() if x.startswith("RESULTS")][-1]
    return json.loads(line[len("RESULTS"):])


# A user's step keeps its `config=` keyword in 0.20: it is the step function's argument name.
USER_STEP_CONFIG_020 = _c(
    """
    from zenml.steps import BaseParameters, step

    class TrainerConfig(BaseParameters):
        lr: float = 0.1

    @step
    def trainer(config: TrainerConfig) -> float:
        return config.lr

    trainer(config=TrainerConfig(lr=0.2))
    """
)


def test_user_step_config_keyword_is_not_flagged():
    assert codes(USER_STEP_CONFIG_020) == []


@pytest.mark.real_zenml
def test_examples_match_the_real_zenml(tmp_path):
    from zenml_migrate.rules import get_rule

    bad, fixed = {}, {}
    for code, indexes in REAL_CHECKED.items():
        rule = get_rule(code)
        for i in indexes:
            example = rule.bad[i]
            assert example.fixed is not None and ".run(" not in example.code
            bad[f"{code}-bad{i}"] = example.code
            fixed[f"{code}-fixed{i}"] = example.fixed
    for code, indexes in REAL_CHECKED_FIXED_ONLY.items():
        for i in indexes:
            fixed[f"{code}-fixed{i}"] = get_rule(code).bad[i].fixed
    on_013 = _run_examples("0.13.2", bad, tmp_path)
    on_020 = _run_examples("0.20.5", {**bad, **fixed, "user-step-config": USER_STEP_CONFIG_020}, tmp_path)
    assert {k: v for k, v in on_013.items() if v != "ok"} == {}, "a Bad example is not valid 0.13.2 code"
    assert [k for k in bad if on_020[k] == "ok"] == [], "a Bad example still works on 0.20.5"
    assert {k: on_020[k] for k in fixed if on_020[k] != "ok"} == {}, "a fixed example fails on 0.20.5"
    assert on_020["user-step-config"] == "ok"


def test_pipeline_run_defined_under_if_or_try_in_the_class_body_is_its_own():
    """``run`` bound under ``if``/``try`` in a pipeline class body is the class's own: no ZM212;
    a ``run`` in a nested function of the body is not, and an ``abc.ABC`` base is known not to define one."""
    src = _c(
        """
        import abc
        import sys
        from zenml.pipelines import BasePipeline

        class P(BasePipeline):
            def connect(self, t):
                t()
            if sys.version_info >= (3, 8):
                def run(self, team=None, **kw):
                    return team
            else:
                try:
                    run = None
                except ImportError:
                    pass

        class Q(abc.ABC, BasePipeline):
            def connect(self, t):
                def run(team=None):
                    return team
                t()

        P(t=None).run(team="x")
        Q(t=None).run(team="x")
        """
    )
    found = [f for f in scan_source(src, "example.py") if f.code == "ZM212"]
    assert [(f.span.line, f.fix) for f in found] == [(24, "safe")]


# ------------------------------------------------------------------ ZM210 and names 0.20 lacks
GONE_MATERIALIZER = _c(
    """
    from zenml.materializers.beam_materializer import BeamMaterializer
    from zenml.pipelines import pipeline
    from zenml.steps import step

    @step
    def trainer() -> int:
        return 1

    @pipeline
    def p(trainer):
        trainer()

    if __name__ == "__main__":
        p(trainer=trainer().with_return_materializers(BeamMaterializer)).run()
    """
)


def test_a_materializer_0_20_lacks_is_not_moved_into_the_step_decorator():
    """0.5-0.12's BeamMaterializer is read only when __main__ runs; in `@step(...)` it would be
    read at import, and ZM460 removes its import in the same run: a NameError at import."""
    from zenml_migrate.fix.fixer import fix_source

    (zm210,) = [f for f in scan_source(GONE_MATERIALIZER) if f.code == "ZM210"]
    assert zm210.fix is None  # not advertised as fixable, at any level
    fixed = fix_source(GONE_MATERIALIZER, unsafe=True).text
    assert "@step\ndef trainer()" in fixed and "(output_materializers=BeamMaterializer)" not in fixed
    again = fix_source(fixed, unsafe=True).text
    assert again == fixed  # the TODO it wrote is the one a second run writes


RENAMED_MATERIALIZER = GONE_MATERIALIZER.replace(
    "from zenml.materializers.beam_materializer import BeamMaterializer",
    "from zenml.integrations.pytorch.materializers.pytorch_materializer import PyTorchMaterializer",
).replace("with_return_materializers(BeamMaterializer)", "with_return_materializers(PyTorchMaterializer)")


def test_a_materializer_renamed_in_the_same_run_is_moved_under_its_new_name():
    """0.5-0.7's PyTorchMaterializer has a safe rename (ZM444): it is not a name 0.20 lacks for
    ZM210, which scan marks unsafe-fixable, and --unsafe-fixes moves the renamed class; --fix
    twice writes the same TODO (the first run's TODO text is the second run's)."""
    from zenml_migrate.fix.fixer import fix_source

    (zm210,) = [f for f in scan_source(RENAMED_MATERIALIZER) if f.code == "ZM210"]
    assert zm210.fix == "unsafe"
    unsafe = fix_source(RENAMED_MATERIALIZER, unsafe=True).text
    assert "@step(output_materializers=PyTorchModuleMaterializer)" in unsafe and "PyTorchMaterializer" not in unsafe
    safe = fix_source(RENAMED_MATERIALIZER).text
    assert fix_source(safe).text == safe
