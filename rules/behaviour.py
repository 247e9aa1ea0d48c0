"""ZM25x: behaviour changes a scanner can only warn about (reference section 1.7).

Only what a scanner can see concretely is a rule:

* ZM250: a constant ``run_name=`` string in ``pipeline.run(...)``;
* ZM251: one pipeline built in one module with different step classes in a slot (a pipeline
  name is bound to the steps of its first run);
* ZM252: the same step class instantiated twice in one pipeline call.

ZM251 is a rule only where the code shows two specs of one pipeline (steps swapped between
two calls, or a conditional expression choosing the class); a pipeline built once says nothing.
ZM253 (trackers and step operators are opt-in per step) has nothing in the code that shows the
problem, so it is no rule: flagging every pipeline/step would drown the real findings.
``clone_step`` itself is ZM110.
"""

import ast
from typing import Dict, List, Optional, Set, Tuple

from zenml_migrate.findings import Finding
from zenml_migrate.scan import api013
from zenml_migrate.scan.detect import plain
from zenml_migrate.rules.base import Bad, CallCheck, Fix, Good, Kwarg, ModuleCheck, Rule, snippet as _c


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


def _step_classes(arg: ast.expr, resolve, looped: Dict[str, Set[str]]) -> Optional[Set[str]]:
    """The step classes an argument of a pipeline call instantiates: ``trainer()`` /
    ``steps.Trainer(config)`` (a class named directly: a factory's ``make_step(n)()`` is not
    compared), both arms of ``a() if x else b()``, ``t()`` of a loop over step classes
    (``looped``); None when it is anything else."""
    if isinstance(arg, ast.IfExp):
        body, orelse = _step_classes(arg.body, resolve, looped), _step_classes(arg.orelse, resolve, looped)
        return body | orelse if body is not None and orelse is not None else None
    if not isinstance(arg, ast.Call) or not isinstance(arg.func, (ast.Name, ast.Attribute)):
        return None
    if isinstance(arg.func, ast.Name) and arg.func.id in looped:  # ``for trainer in TRAINERS.values(): p(trainer=trainer())``
        return looped[arg.func.id]
    return {ast.unparse(arg.func)} if plain(resolve(arg.func) or "") == api013.STEP_CLASS else None


def _loop_classes(loop: ast.For, module: ast.Module, resolve) -> Dict[str, Set[str]]:
    """``{name: step classes}`` for the target of ``for t in (a, b)`` / ``for k, t in D.items()`` /
    ``for t in D.values()`` over a display (or a module-level name bound once to one) whose items
    are step classes named directly, two or more of them."""
    it, target = loop.iter, loop.target
    items_of = None
    if isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute) and it.func.attr in ("items", "values") and not it.args:
        items_of, it = it.func.attr, it.func.value
        if items_of == "items":
            if not (isinstance(target, ast.Tuple) and len(target.elts) == 2):
                return {}
            target = target.elts[1]
    if isinstance(it, ast.Name):
        bound = [n.value for n in module.body if isinstance(n, ast.Assign) and len(n.targets) == 1
                 and isinstance(n.targets[0], ast.Name) and n.targets[0].id == it.id]
        it = bound[0] if len(bound) == 1 else None
    if isinstance(it, ast.Dict) and items_of:
        values = it.values
    elif isinstance(it, (ast.List, ast.Tuple, ast.Set)) and not items_of:
        values = it.elts
    else:
        return {}
    if not isinstance(target, ast.Name) or not values or not all(
            isinstance(v, (ast.Name, ast.Attribute)) and plain(resolve(v) or "") == api013.STEP_CLASS for v in values):
        return {}
    classes = {ast.unparse(v) for v in values}
    return {target.id: classes} if len(classes) > 1 else {}


def _respecified_pipelines(detector, rule) -> List[Finding]:
    """Each argument of a pipeline call that instantiates another step class in a slot than an
    earlier call of the same pipeline in the module (or a conditional expression choosing
    between two classes): the run of the second spec raises on 0.20."""
    tree = detector.top_level()
    if tree is None or "(" not in detector.text:
        return []
    calls = sorted((n for n in ast.walk(tree) if isinstance(n, ast.Call) and (n.args or n.keywords)
                    and isinstance(n.func, (ast.Name, ast.Attribute))), key=lambda n: (n.lineno, n.col_offset))
    loops = [n for n in ast.walk(tree) if isinstance(n, ast.For)]
    seen: Dict[Tuple[str, object], Set[str]] = {}
    out = []
    for call in calls:
        if plain(detector.resolve(call.func) or "") != api013.PIPELINE_CLASS:
            continue
        looped: Dict[str, Set[str]] = {}
        for loop in loops:
            if loop.lineno <= call.lineno <= loop.end_lineno and any(n is call for n in ast.walk(loop)):
                looped.update(_loop_classes(loop, tree, detector.resolve))
        pipeline = ast.unparse(call.func)
        slots = list(enumerate(call.args)) + [(kw.arg, kw.value) for kw in call.keywords if kw.arg is not None]
        for slot, arg in slots:
            if isinstance(arg, ast.Starred):
                break  # the positions after a ``*args`` are not known
            classes = _step_classes(arg, detector.resolve, looped)
            if classes is None:
                continue
            earlier = seen.setdefault((pipeline, slot), set())
            if len(classes) > 1 or earlier and not classes <= earlier:
                out.append(Finding(detector.path, detector._span(arg), rule.code, rule.message, None))
            earlier |= classes
    return out


ZM251 = Rule(
    code="ZM251",
    name="pipeline-steps-swapped",
    message="this pipeline is also built with another step class in this slot: ZenML 0.20 binds a pipeline name to "
    "the steps of its first run, and a run with other steps raises `AlreadyExistsException`",
    why="0.13.2 recorded every run under the pipeline's name whatever steps it was given, so swapping a step "
    "(`training(trainer=tf_trainer())`, then `training(trainer=torch_trainer())`) was the documented way to "
    "compare implementations. 0.20 registers the pipeline with the step classes of its first run (its spec); "
    "a later run of the same pipeline name with another step class in a slot raises `AlreadyExistsException` "
    "(\"this name has already been registered with a different pipeline configuration\"), in the same "
    "process or a later one.",
    instead="Give each variant its own pipeline name (a pipeline function per variant, or "
    "`@pipeline(name=\"training_torch\")`), or run the variants with `run(unlisted=True)` (their runs are then "
    "not listed under the pipeline: `get_pipeline(...).runs` does not find them), or delete the pipeline between "
    "runs (`zenml pipeline delete NAME`).",
    fix=Fix.NONE,
    fix_note="No automatic fix: a new name or unlisted runs change where the run history of the variants is found.",
    todo="this pipeline is also built with another step class here; a 2nd spec of one pipeline name fails on 0.20: "
    "give the variant its own pipeline name or run(unlisted=True)",
    match=(ModuleCheck(_respecified_pipelines),),
    bad=(
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline
                from zenml.steps import step

                @step
                def tf_trainer() -> int:
                    return 1

                @step
                def torch_trainer() -> int:
                    return 2

                @pipeline
                def training(trainer):
                    trainer()

                training(trainer=tf_trainer()).run()
                training(trainer=torch_trainer()).run()
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                import os

                from zenml.pipelines import BasePipeline
                from zenml.steps import BaseStep

                class Fast(BaseStep):
                    def entrypoint(self) -> int:
                        return 1

                class Slow(BaseStep):
                    def entrypoint(self) -> int:
                        return 2

                class Training(BasePipeline):
                    def connect(self, trainer):
                        trainer()

                Training(Fast() if os.getenv("FAST") else Slow()).run()
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
                from zenml.steps import BaseStepConfig, step

                class Cfg(BaseStepConfig):
                    lr: float = 0.1

                @step
                def trainer(config: Cfg) -> int:
                    return 1

                @pipeline
                def training(trainer):
                    trainer()

                @pipeline
                def tuning(trainer):
                    trainer()

                training(trainer=trainer(Cfg(lr=0.1))).run()
                training(trainer=trainer(config=Cfg(lr=0.2))).run()
                tuning(trainer=trainer()).run()
                """
            )
        ),
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
