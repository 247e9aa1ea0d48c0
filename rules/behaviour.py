"""ZM25x: behaviour changes a scanner can only warn about (reference section 1.7).

Only what a scanner can see concretely is a rule:

* ZM250: a constant ``run_name=`` string in ``pipeline.run(...)``;
* ZM252: the same step class instantiated twice in one pipeline call.

ZM251 (a pipeline name is bound to its first spec) and ZM253 (trackers and step operators
are opt-in per step) have nothing in the code that shows the problem, so they are not
rules: flagging every pipeline/step would drown the real findings. ``clone_step`` itself is
ZM110.
"""

import ast

from zenml_migrate.scan import api013
from zenml_migrate.scan.detect import plain
from zenml_migrate.rules.base import Bad, CallCheck, Fix, Good, Kwarg, Rule, snippet as _c


def _constant_string(value: ast.expr) -> bool:
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str)
    # an f-string without placeholders is a constant too
    return isinstance(value, ast.JoinedStr) and all(isinstance(v, ast.Constant) for v in value.values)


ZM250 = Rule(
    code="ZM250",
    name="constant-run-name",
    message="a constant `run_name=` is re-used on every run: ZenML 0.20 silently reports the second run as cached",
    why="0.13.2 raised `EntityExistsError` when a run name was re-used. 0.20.5 runs again, reports every step "
    "as cached (even with caching off) and records only one run.",
    instead="Leave `run_name` out (ZenML generates a unique one) or make it unique, e.g. "
    "`run_name=f\"train-{datetime.now():%Y%m%d-%H%M%S}\"`.",
    fix=Fix.NONE,
    fix_note="No automatic fix: whether the name must stay stable is the user's decision.",
    todo="a constant run_name is re-used on every run; make it unique",
    match=(Kwarg(f"{api013.PIPELINE}.run", "run_name", when=_constant_string),),
    bad=(
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline

                @pipeline
                def training(trainer):
                    trainer()

                training(trainer=None).run(run_name="nightly")
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.pipelines import BasePipeline

                class Training(BasePipeline):
                    def connect(self, trainer):
                        trainer()

                inst = Training(trainer=None)
                inst.run(run_name=f"fixed", enable_cache=False)
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good(
            _c(
                """
                from datetime import datetime
                from zenml.pipelines import pipeline

                @pipeline
                def training(trainer):
                    trainer()

                training(trainer=None).run(run_name=f"nightly-{datetime.now():%Y%m%d}")
                training(trainer=None).run()
                """
            )
        ),
        Good("import mlflow\n\nmlflow.start_run(run_name=\"fixed\")\n"),
    ),
)


def _duplicate_steps(call: ast.Call, resolve):
    """Second and later instances of one step class among the pipeline's arguments whose
    ``name=`` repeats an earlier one (no ``name=``: the default name, shared by all unnamed)."""
    seen = {}
    out = []
    for arg in list(call.args) + [kw.value for kw in call.keywords if kw.arg is not None]:
        if not isinstance(arg, ast.Call) or plain(resolve(arg.func) or "") != api013.STEP_CLASS:
            continue
        key = ast.dump(arg.func)
        name = _step_name(arg)
        names = seen.setdefault(key, [])
        if name in names:  # None: the default name (the class name), shared by unnamed instances
            out.append(arg)
        names.append(name)
    return out


def _two_calls_passed(call: ast.Call) -> bool:
    return sum(isinstance(a, ast.Call) for a in list(call.args) + [kw.value for kw in call.keywords]) >= 2


def _step_name(call: ast.Call):
    for kw in call.keywords:
        if kw.arg == "name" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
            return kw.value.value
    return None


ZM252 = Rule(
    code="ZM252",
    name="same-step-twice",
    message="the same step class is used twice in one pipeline: give each instance its own `name=`",
    why="0.13.2 and 0.20.0 reject two instances of one step class in a pipeline (they needed `clone_step`); "
    "0.20.5 accepts it only when every instance has a distinct name (`PipelineInterfaceError` otherwise).",
    instead="`p(first=trainer(name=\"trainer_a\"), second=trainer(name=\"trainer_b\"))` (0.20.5).",
    fix=Fix.NONE,
    fix_note="No automatic fix: the step names show up in the dashboard and in run history.",
    todo="the same step class is used twice; pass a distinct name= to each instance",
    match=(CallCheck(api013.PIPELINE_CLASS, _duplicate_steps, pre=_two_calls_passed),),
    bad=(
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline
                from zenml.steps import step

                @step
                def loader() -> int:
                    return 1

                @pipeline
                def p(train_data, test_data):
                    train_data()
                    test_data()

                p(train_data=loader(), test_data=loader()).run()
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.pipelines import BasePipeline
                from zenml.steps import BaseStep

                class Loader(BaseStep):
                    def entrypoint(self) -> int:
                        return 1

                class P(BasePipeline):
                    def connect(self, a, b, c):
                        a()

                P(Loader(), Loader(name="x"), Loader(name="x"))
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good(
            _c(
                """
                from zenml.pipelines import pipeline
                from zenml.steps import step

                @step
                def loader() -> int:
                    return 1

                @pipeline
                def p(train_data, test_data):
                    train_data()
                    test_data()

                p(train_data=loader(name="train"), test_data=loader(name="test")).run()
                """
            )
        ),
        Good(
            _c(
                """
                from zenml.pipelines import pipeline
                from zenml.steps import step

                @step
                def loader() -> int:
                    return 1

                @step
                def trainer() -> int:
                    return 1

                @pipeline
                def p(a, b):
                    a()

                p(a=loader(), b=trainer())
                dict(a=loader(), b=loader())
                """
            )
        ),
    ),
)
