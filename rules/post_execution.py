"""ZM3xx: post-execution and metadata (reference section 1.3).

Views are reached through the detector's return/property tables (``migrate/scan/api013.py``):
``Repository().get_pipeline(...)``, ``context.metadata_store.get_pipeline(...)``,
``pv.runs[-1]``, ``run.get_step("x")``, ``for s in run.steps`` all give typed views.
"""

import ast

from zenml_migrate.scan import api013
from zenml_migrate.rules.base import Bad, Fails, Fix, Good, Ref, Rule, snippet as _c


STEP_CONTEXT = "zenml.steps.step_context.StepContext()"
METADATA_STORES = (f"{STEP_CONTEXT}.metadata_store", f"{api013.STACK}.metadata_store")

ZM301 = Rule(
    code="ZM301",
    name="repository-get-pipeline",
    message="`get_pipeline(...)` of a `Repository` or a metadata store is `zenml.post_execution.get_pipeline(...)` in ZenML 0.20",
    why="`Client` has no `get_pipeline`; post-execution reads moved to `zenml.post_execution`. `stack_name=` (ZenML 0.5's "
    "`stack_key=`) is ignored in 0.20 (pipelines are project-scoped).",
    instead="`from zenml.post_execution import get_pipeline` and call `get_pipeline(p)` (drop `stack_name=` / `stack_key=`).",
    fix=Fix.SAFE,
    fix_note="Safe: same lookup; `stack_name=` (0.5: `stack_key=`, the stack whose metadata store was read) had no effect left in 0.20.",
    codemod="post_execution:PostExecution",
    # ``pipeline_name=`` (0.13.2's deprecated spelling) still works on 0.20 but warns on every call
    fix_args=(("to", "zenml.post_execution.get_pipeline"), ("drop_args", (("stack_name", 1), ("stack_key", 1))),
              ("keywords", (("pipeline_name", "pipeline"),))),
    match=(Ref(f"{api013.REPOSITORY}.get_pipeline", *(f"{m}.get_pipeline" for m in METADATA_STORES)),),
    bad=(
        Bad(
            "from zenml.repository import Repository\n\npv = Repository().get_pipeline('p', stack_name='s')\n",
            fixed="from zenml.post_execution import get_pipeline\n\npv = get_pipeline('p')\n",
            count=1,
        ),
        Bad(
            "from zenml.repository import Repository\n\nrepo = Repository()\npv = repo.get_pipeline('p')\n",
            count=1,
        ),
        Bad(
            "from zenml.steps import step, StepContext\n\n@step\ndef s(context: StepContext) -> None:\n"
            "    context.metadata_store.get_pipeline('p')\n",
            count=1,
        ),
        Bad(
            _c(
                """
                import zenml.repository as zr
                from zenml.pipelines.base_pipeline import Repository as Repo

                a = zr.Repository().get_pipeline(pipeline_name="a")
                b = Repo().active_stack.metadata_store.get_pipeline("b")
                """
            ),
            count=2,
        ),
        Bad(  # Repository renamed to Client by hand (or through a try/except shim): 0.20's Client has no get_pipeline
            "from zenml.client import Client\n\npv = Client().get_pipeline(pipeline_name='p')\n",
            fixed="from zenml.post_execution import get_pipeline\n\npv = get_pipeline(pipeline='p')\n",
            count=1,
        ),
        Bad(  # the file has a wrapper of the same name: the call goes to zenml's function under an alias
            _c(
                """
                from zenml.repository import Repository

                def get_pipeline(name):
                    try:
                        return Repository().get_pipeline(name)
                    except KeyError:
                        return None
                """
            ),
            fixed=_c(
                """
                from zenml.post_execution import get_pipeline as ZenMLget_pipeline

                def get_pipeline(name):
                    try:
                        return ZenMLget_pipeline(name)
                    except KeyError:
                        return None
                """
            ),
            count=1,
        ),
        Bad(  # a wrapper switched on by the user: the file also imports zenml's get_pipeline, but at the
            # call the name is the module's own global, which the wrapper rebinds: the alias, not a self-call
            _c(
                """
                import os

                from zenml.post_execution import get_pipeline

                if os.environ.get("ZENML_LEGACY_API"):
                    from zenml.repository import Repository

                    def get_pipeline(name):
                        return Repository().get_pipeline(name)
                """
            ),
            fixed=_c(
                """
                import os

                from zenml.post_execution import get_pipeline, get_pipeline as ZenMLget_pipeline

                if os.environ.get("ZENML_LEGACY_API"):

                    def get_pipeline(name):
                        return ZenMLget_pipeline(name)
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good("from zenml.post_execution import get_pipeline\n\npv = get_pipeline('p')\n"),
        Good("class Repository:\n    def get_pipeline(self, x): ...\n\nRepository().get_pipeline('p')\n"),
        Good("from zenml.client import Client\n\nClient().get_pipeline_by_name('p')\n"),
        Good(  # the wrapper is the 0.13.2 side of a shim: 0.20 imports the real function and never runs it
            _c(
                """
                try:
                    from zenml.post_execution import get_pipeline
                except ImportError:  # ZenML 0.13
                    from zenml.repository import Repository

                    def get_pipeline(name):
                        return Repository().get_pipeline(name)
                """
            )
        ),
    ),
)

ZM302 = Rule(
    code="ZM302",
    name="repository-get-pipelines",
    message="`get_pipelines()` of a `Repository` or a metadata store is `zenml.post_execution.get_pipelines()` in ZenML 0.20",
    why="`Client` has no `get_pipelines`; post-execution reads moved to `zenml.post_execution`, "
    "whose `get_pipelines()` takes no arguments.",
    instead="`from zenml.post_execution import get_pipelines` and call `get_pipelines()`.",
    fix=Fix.SAFE,
    fix_note="Safe: same listing; `stack_name=` (ZenML 0.5: `stack_key=`, the stack whose metadata store was read) is "
    "dropped (0.20 pipelines are project-scoped).",
    codemod="post_execution:PostExecution",
    fix_args=(("to", "zenml.post_execution.get_pipelines"), ("drop_args", (("stack_name", 0), ("stack_key", 0)))),
    match=(Ref(f"{api013.REPOSITORY}.get_pipelines", *(f"{m}.get_pipelines" for m in METADATA_STORES)),),
    bad=(
        Bad(
            "from zenml.repository import Repository\n\nfor pv in Repository().get_pipelines(stack_name='s'):\n    print(pv.name)\n",
            fixed="from zenml.post_execution import get_pipelines\n\nfor pv in get_pipelines():\n    print(pv.name)\n",
            count=1,
        ),
        Bad(
            "from zenml.steps import step, StepContext\n\n@step\ndef s(ctx: StepContext) -> int:\n"
            "    return len(ctx.metadata_store.get_pipelines())\n",
            count=1,
        ),
        Bad(  # ZenML 0.5's repository and its `stack_key`
            "from zenml.core.repo import Repository\n\nrepo = Repository()\nnames = [p.name for p in repo.get_pipelines(stack_key='local')]\n",
            fixed="from zenml.client import Client\nfrom zenml.post_execution import get_pipelines\n\nrepo = Client()\nnames = [p.name for p in get_pipelines()]\n",
            count=1,
        ),
        Bad(  # an optional repository parameter with a fallback (held-out 3 run_explorer)
            "from typing import Optional\n\nfrom zenml.repository import Repository\n\n\n"
            "def names(repo: Optional[Repository] = None):\n"
            "    return [p.name for p in (repo or Repository()).get_pipelines()]\n",
            fixed="from typing import Optional\n\nfrom zenml.client import Client\nfrom zenml.post_execution import get_pipelines\n\n\n"
            "def names(repo: Optional[Client] = None):\n"
            "    return [p.name for p in get_pipelines()]\n",
            count=1,
        ),
        Bad(
            "from zenml.client import Client\n\nnames = [p.name for p in Client().get_pipelines()]\n",
            fixed="from zenml.post_execution import get_pipelines\n\nnames = [p.name for p in get_pipelines()]\n",
            count=1,
        ),
    ),
    good=(
        Good("from zenml.post_execution import get_pipelines\n\nnames = [p.name for p in get_pipelines()]\n"),
        Good("import kfp\n\nkfp.Client().get_pipelines()\n"),
    ),
)

def _run_of_the_view(node, site):
    """ZM303's fix check: a ``PipelineView`` receiver called with the run name alone gets the exact
    0.20 lookup among the runs of that pipeline (safe); a pipeline class (``MyPipeline.get_run``),
    a reference without a call or other arguments get ``get_run(name)``, a lookup in the whole
    active project (unsafe: a run of another pipeline is found instead of a KeyError)."""
    from zenml_migrate.scan.fix_checks import Unsafe

    call = site.parent(node)
    one_name = (
        isinstance(call, ast.Call) and call.func is node and len(call.args) + len(call.keywords) == 1
        and (call.keywords == [] and not isinstance(call.args[0], ast.Starred) or call.keywords and call.keywords[0].arg == "name")
    )
    if one_name and (site.path or "").rsplit(".", 1)[0] == api013.PIPELINE_VIEW:
        return None
    return Unsafe(
        "`get_run(name)` looks the run up in the whole active project (KeyError if missing, RuntimeError if the name "
        "is ambiguous), not only among the runs of that pipeline"
    )


ZM303 = Rule(
    code="ZM303",
    name="view-get-run",
    message="`pipeline_view.get_run(name)` / `MyPipeline.get_run(name)` is gone in ZenML 0.20: the run of that name "
    "among `pipeline_view.runs`",
    why="Both methods are gone in 0.20 (AttributeError).",
    instead="`{r.name: r for r in pipeline_view.runs}[name]` (the run of that pipeline, KeyError when it has none "
    "of that name, as in 0.13); `zenml.post_execution.get_run(name)` looks in the whole project.",
    fix=Fix.SAFE,
    fix_note="Safe on a pipeline view called with the run name: `{r.name: r for r in view.runs}[name]` is the "
    "run of that name among the runs of that pipeline, a KeyError when it has none, as 0.13.2's "
    "`PipelineView.get_run` (run names are unique in the 0.20 store; checked on the real 0.20.0 and 0.20.5 with "
    "real runs: a run of another pipeline and a missing name both raise KeyError). It lists the pipeline's runs "
    "(one store query) where 0.13.2 looked one up. Unsafe on a pipeline class (`MyPipeline.get_run(name)`) and on "
    "a reference without a call: `zenml.post_execution.get_run(name)` looks the run up in the whole active "
    "project (KeyError if missing, RuntimeError if the name is ambiguous), not only among the runs of that "
    "pipeline, and a class with no runs raised RuntimeError in 0.13.2.",
    codemod="post_execution:PostExecution",
    fix_args=(
        ("lookup", "{{r.name: r for r in {obj}.runs}}[{name}]"),  # the safe occurrences
        ("to", "zenml.post_execution.get_run"),  # the unsafe ones
        ("keywords", (("run_name", "name"),)),
    ),
    fix_check=_run_of_the_view,
    todo="look the run up among the runs of that pipeline: `{r.name: r for r in get_pipeline(MyPipeline).runs}[name]` "
    "(zenml.post_execution; a KeyError when it has no run of that name); `get_run(name)` searches the whole project",
    match=(Ref(f"{api013.PIPELINE_VIEW}.get_run", f"{api013.PIPELINE_CLASS}.get_run", f"{api013.PIPELINE}.get_run"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.repository import Repository

                pv = Repository().get_pipeline("p")
                run = pv.get_run("r")
                latest = Repository().get_pipeline("p").get_run(name=f"r-{run.name}")
                """
            ),
            fixed=_c(
                """
                from zenml.post_execution import get_pipeline

                pv = get_pipeline("p")
                run = {r.name: r for r in pv.runs}["r"]
                latest = {r.name: r for r in get_pipeline("p").runs}[f"r-{run.name}"]
                """
            ),
            count=2,
        ),
        Bad(
            _c(
                """
                from zenml.pipelines import pipeline

                @pipeline
                def training(trainer):
                    trainer()

                last = training.get_run("nightly")
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good("from zenml.post_execution import get_run\n\nrun = get_run('r')\n"),
        Good(
            "from zenml.pipelines import pipeline\n\n@pipeline\ndef training(trainer):\n    trainer()\n\n"
            "runs = training.get_runs()\n"
        ),
    ),
)

ZM304 = Rule(
    code="ZM304",
    name="view-get-run-names",
    message="`pipeline_view.get_run_names()` is gone in ZenML 0.20: use `[r.name for r in pipeline_view.runs]`",
    why="`PipelineView.get_run_names` was removed in 0.20 (AttributeError).",
    instead="`[r.name for r in pipeline_view.runs]`.",
    fix=Fix.SAFE,
    fix_note="Safe: the same names from the same runs.",
    codemod="post_execution:PostExecution",
    fix_args=(("template", "[r.name for r in {obj}.runs]"),),
    match=(Ref(f"{api013.PIPELINE_VIEW}.get_run_names"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.repository import Repository

                pv = Repository().get_pipeline("p")
                names = pv.get_run_names()
                """
            ),
            fixed=_c(
                """
                from zenml.post_execution import get_pipeline

                pv = get_pipeline("p")
                names = [r.name for r in pv.runs]
                """
            ),
            count=1,
        ),
        Bad(
            "from zenml.repository import Repository\n\nprint(Repository().get_pipeline('p').get_run_names())\n",
            count=1,
        ),
        Bad(  # an untyped parameter is what its default gives when the call leaves it out
            _c(
                """
                from zenml.repository import Repository


                def run_names(name, repo=Repository()):
                    return repo.get_pipeline(name).get_run_names()
                """
            ),
            fixed=_c(
                """
                from zenml.client import Client
                from zenml.post_execution import get_pipeline


                def run_names(name, repo=Client()):
                    return [r.name for r in get_pipeline(name).runs]
                """
            ),
            count=1,
        ),
        Bad(  # half-migrated by hand (``Repository`` -> ``Client``): 0.20's Client has no get_pipeline,
            # so the value is still the 0.13.2 view (review24 G7: the scan missed this line, --fix wrote it)
            _c(
                """
                from zenml.client import Client

                repo = Client()
                p = repo.get_pipeline(pipeline_name="train")
                print(p.get_run_names())
                """
            ),
            fixed=_c(
                """
                from zenml.client import Client
                from zenml.post_execution import get_pipeline

                repo = Client()
                p = get_pipeline(pipeline="train")
                print([r.name for r in p.runs])
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good("from zenml.post_execution import get_pipeline\n\nnames = [r.name for r in get_pipeline('p').runs]\n"),
        Good("class V:\n    def get_run_names(self):\n        return []\n\nV().get_run_names()\n"),
    ),
)

ZM305 = Rule(
    code="ZM305",
    fails=Fails(),
    name="run-runtime-configuration",
    message="`run_view.runtime_configuration` is gone in ZenML 0.20: use `.pipeline_configuration` / `.name`",
    why="0.20 replaced it with `pipeline_configuration` (a dict with `name`, `enable_cache`, `settings`, "
    "`extra`); the run name is `run.name`, `dag_filepath` is in `extra`, the schedule is not exposed.",
    instead="`run.pipeline_configuration`, `run.settings`, `run.extra`, `run.enable_cache`, `run.name`.",
    fix=Fix.NONE,
    fix_note="No automatic fix: the keys changed.",
    todo="runtime_configuration is gone; use pipeline_configuration / name / extra",
    match=(Ref(f"{api013.RUN_VIEW}.runtime_configuration"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.repository import Repository

                run = Repository().get_pipeline("p").runs[-1]
                print(run.runtime_configuration["run_name"])
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.repository import Repository

                for run in Repository().get_pipeline("p").runs:
                    cfg = run.runtime_configuration
                """
            ),
            count=1,
        ),
        Bad(
            # the runs read through zip, map and filter are runs too
            _c(
                """
                from zenml.repository import Repository

                runs = Repository().get_pipeline("p").runs
                for previous, current in zip(runs, runs[1:]):
                    print(previous.runtime_configuration)
                configs = list(map(lambda run: run.runtime_configuration, runs))
                done = list(filter(lambda run: run.status == "completed", runs))
                print(done[0].runtime_configuration)
                """
            ),
            count=3,
        ),
        Bad(
            # a name unpacked from the runs is a run too
            _c(
                """
                from zenml.repository import Repository

                first, *others = Repository().get_pipeline("p").runs
                print(first.runtime_configuration)
                """
            ),
            count=1,
        ),
        Bad(
            # a run a class of the module keeps, read on its instances
            _c(
                """
                from zenml.repository import Repository


                class Runs:
                    def __init__(self, name):
                        self.pipeline = Repository().get_pipeline(name)

                    @property
                    def last(self):
                        return self.pipeline.runs[-1]


                def show():
                    print(Runs("p").last.runtime_configuration)
                    runs = Runs("p")
                    print(runs.pipeline.runs[0].runtime_configuration)
                """
            ),
            count=2,
        ),
    ),
    good=(
        Good("from zenml.post_execution import get_run\n\nprint(get_run('r').pipeline_configuration)\n"),
        Good("class Run:\n    runtime_configuration = {}\n\nprint(list(map(lambda r: r.runtime_configuration, [Run()])))\n"),
        Good("from zenml.environment import Environment\n\nprint(Environment().step_is_running)\n"),
    ),
)

ZM306 = Rule(
    code="ZM306",
    name="step-view-parents",
    message="`step_view.parents_step_ids` is gone in ZenML 0.20 (`parent_steps` too): the parents' ids are `step_view._model.parent_step_ids`",
    why="0.20 removed `parents_step_ids` and `parent_steps` (AttributeError). Its new `parent_step_ids` property "
    "asserts that the list is not empty: on the first step of a pipeline (no parents) it raises AssertionError "
    "(0.20.0 and 0.20.5), where 0.13.2 gave `[]`. The ids are UUIDs now.",
    instead="`step._model.parent_step_ids` (the list the property returns, `[]` for a first step); for the views, "
    "look the parents up by id in `run.steps`.",
    fix=Fix.SAFE,
    fix_note="Safe for `parents_step_ids`: `_model.parent_step_ids` is the list 0.20's property returns, without its "
    "assertion (`[]` for a step without parents, as in 0.13.2; checked in zenml/post_execution/step.py of 0.20.0 "
    "and 0.20.5). `parent_steps` has no replacement: TODO only.",
    codemod="renames:RenameSymbols",
    fix_args=(("attr", "_model.parent_step_ids"), ("from_attr", "parents_step_ids")),
    todo="parent_steps is gone in ZenML 0.20; look the ids of step._model.parent_step_ids up in run.steps",
    match=(Ref(f"{api013.STEP_VIEW}.parents_step_ids", f"{api013.STEP_VIEW}.parent_steps"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.repository import Repository

                step = Repository().get_pipeline("p").runs[-1].get_step("trainer")
                ids = step.parents_step_ids
                """
            ),
            fixed=_c(
                """
                from zenml.post_execution import get_pipeline

                step = get_pipeline("p").runs[-1].get_step("trainer")
                ids = step._model.parent_step_ids
                """
            ),
            count=1,
        ),
        Bad(  # the first step has no parents: 0.20's ``parent_step_ids`` property raises AssertionError there
            _c(
                """
                from zenml.repository import Repository

                run = Repository().get_pipeline("p").runs[-1]
                roots = [s.name for s in run.steps if not s.parents_step_ids]
                """
            ),
            fixed=_c(
                """
                from zenml.post_execution import get_pipeline

                run = get_pipeline("p").runs[-1]
                roots = [s.name for s in run.steps if not s._model.parent_step_ids]
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.repository import Repository

                for run in Repository().get_pipeline("p").runs:
                    for s in run.steps:
                        print(s.parent_steps)
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good("from zenml.post_execution import get_run\n\nprint(get_run('r').get_step('t').parent_step_ids)\n"),
        Good("class Node:\n    parent_steps = []\n\nprint(Node().parent_steps)\n"),
    ),
)

ZM307 = Rule(
    code="ZM307",
    fails=Fails(),
    name="artifact-producer-step",
    message="`artifact_view.producer_step` is gone in ZenML 0.20: use `producer_step_id` (a UUID)",
    why="0.20 artifact views only carry the producing step's id.",
    instead="`artifact.producer_step_id`, then find the step with that id in `run.steps`.",
    fix=Fix.NONE,
    fix_note="No automatic fix: there is no id-to-view helper.",
    todo="producer_step is gone; use producer_step_id",
    match=(Ref(f"{api013.ARTIFACT_VIEW}.producer_step"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.repository import Repository

                out = Repository().get_pipeline("p").runs[-1].get_step("trainer").output
                print(out.producer_step.name)
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.repository import Repository

                step = Repository().get_pipeline("p").runs[-1].get_step("trainer")
                for artifact in step.outputs.values():
                    print(artifact.producer_step)
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good("from zenml.post_execution import get_run\n\nprint(get_run('r').get_step('t').output.producer_step_id)\n"),
        Good("class A:\n    producer_step = None\n\nprint(A().producer_step)\n"),
        Good(  # a mapping of outputs gives its names when iterated or unpacked, not the artifacts
            "from zenml.repository import Repository\n\nstep = Repository().get_pipeline('p').runs[-1].get_step('t')\n"
            "for name in step.outputs:\n    print(name.producer_step)\nfirst, second = step.outputs\nprint(first.producer_step)\n"
        ),
    ),
)

ZM308 = Rule(
    code="ZM308",
    name="step-view-parameters-json",
    message="`step_view.parameters` values are JSON strings in ZenML 0.20: wrap reads in `json.loads(...)`",
    why="0.13.2 returned decoded values (`{'lr': 0.5}`); 0.20 returns JSON-encoded strings "
    "(`{'lr': '0.5'}`). Code keeps running with the wrong types: a silent change.",
    instead="`json.loads(step.parameters[\"lr\"])`.",
    fix=Fix.NONE,
    fix_note="No automatic fix: whether a value is used as data or only printed cannot be told.",
    todo="step parameters are JSON strings in ZenML 0.20; wrap in json.loads(...)",
    match=(Ref(f"{api013.STEP_VIEW}.parameters", adapted_by=("json.loads",)),),
    bad=(
        Bad(
            _c(
                """
                from zenml.repository import Repository

                pv = Repository().get_pipeline("p")
                lr = pv.get_run("r").get_step("trainer").parameters["lr"]
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.repository import Repository

                for step in Repository().get_pipeline("p").runs[0].steps:
                    print(step.parameters)
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good("import json\nfrom zenml.steps import step\n\n@step\ndef s() -> int:\n    return 1\n\nprint(json.dumps({}))\n"),
        Good("import inspect\n\nprint(inspect.signature(print).parameters)\n"),
        # the edit the TODO asks for, under any spelling of json.loads
        Good(
            _c(
                """
                import json
                from json import loads

                from zenml.post_execution import get_pipeline

                trainer = get_pipeline("p").runs[-1].get_step("trainer")
                assert json.loads(trainer.parameters["grid_size"]) == 30
                column = loads(trainer.parameters["column"])
                """
            )
        ),
    ),
)

ZM309 = Rule(
    code="ZM309",
    name="view-id-type",
    message="the `.id` of a pipeline/run/step/artifact view is a `uuid.UUID` in ZenML 0.20, not an `int`",
    why="0.13.2 views exposed the MLMD integer id; 0.20 ids are UUIDs, so arithmetic, `int(...)`, ordering, "
    "a format spec (`f\"{run.id:04d}\"`, `format(id, \"x\")`: TypeError), `json.dump(s)` (not JSON serializable) "
    "and stored integer ids break.",
    instead="Treat ids as opaque (`str(view.id)`, `json.dumps(..., default=str)`), order runs by `run.created`/position "
    "instead of id.",
    fix=Fix.NONE,
    fix_note="No automatic fix: depends on how the id is used.",
    todo="view ids are uuid.UUID in ZenML 0.20: no arithmetic or int(), no format spec, not JSON serializable, ordered at random; use str(id)",
    match=(
        Ref(
            f"{api013.PIPELINE_VIEW}.id",
            f"{api013.RUN_VIEW}.id",
            f"{api013.STEP_VIEW}.id",
            f"{api013.ARTIFACT_VIEW}.id",
            ctx="int",  # used as a number: arithmetic, ordering, int()/range(), an index
        ),
    ),
    bad=(
        Bad(
            _c(
                """
                from zenml.repository import Repository

                runs = Repository().get_pipeline("p").runs
                newest = max(runs, key=lambda r: r.id)
                print(runs[-1].id + 1)
                """
            ),
            count=2,  # the sort key too: a UUID orders, at random (no error, the wrong run)
        ),
        Bad(
            _c(
                """
                from zenml.repository import Repository

                runs = Repository().get_pipeline("p").runs
                ids = sorted(run.id for run in runs)
                runs.sort(key=lambda run: run.id, reverse=True)
                """
            ),
            count=2,
        ),
        Bad(
            _c(
                """
                from zenml.repository import Repository

                step = Repository().get_pipeline("p").runs[-1].get_step("trainer")
                ids = [int(step.id), int(step.output.id)]
                """
            ),
            count=2,
        ),
        Bad(
            _c(
                """
                from zenml.post_execution import StepView, get_pipeline

                def label(step: StepView) -> str:
                    return f"#{step.id:04d} {step.name}"

                run = get_pipeline("p").runs[-1]
                print("{:>6d}".format(run.id), "{0} {1:x}".format(run.name, run.steps[0].id))
                print(format(run.steps[-1].output.id, "x"), "{n:>8}".format(n=run.id))
                """
            ),
            count=5,  # a format spec: TypeError "unsupported format string passed to UUID.__format__"
        ),
        Bad(
            _c(
                """
                import json as js
                from zenml.post_execution import get_pipeline

                run = get_pipeline("p").runs[-1]
                print(js.dumps({"run": run.id, "steps": [{"id": s.id, "name": s.name} for s in run.steps]}))
                with open("out.json", "w") as f:
                    js.dump([run.steps[0].output.id], f)
                """
            ),
            count=3,  # TypeError: Object of type UUID is not JSON serializable
        ),
    ),
    good=(
        Good("from zenml.post_execution import get_run\n\nprint(get_run('r').name)\n"),
        Good("import uuid\n\nclass Run:\n    id = 1\n\nprint(Run().id, uuid.uuid4())\n"),
        Good(
            _c(
                """
                from zenml.repository import Repository

                run = Repository().get_pipeline("p").runs[-1]
                print(f"run {run.id}", str(run.id))
                same = run.id == run.id
                seen = {run.id: run.name}
                by_name = sorted(Repository().get_pipeline("p").runs, key=lambda r: r.name)
                """
            )
        ),
        Good(
            _c(
                """
                import json
                from zenml.post_execution import get_pipeline

                run = get_pipeline("p").runs[-1]
                print("%d" % run.id, "%s" % run.id, f"{run.id}", f"{run.id!s:>40}", "{}".format(run.id))
                print("{0.name:>10}".format(run), format(run.id, ""), json.dumps({"id": run.id}, default=str))
                print(json.dumps({"id": str(run.id)}))
                """
            )
        ),
    ),
)

ZM310 = Rule(
    code="ZM310",
    fails=Fails(),
    name="metadata-store-attribute",
    message="there is no metadata store in ZenML 0.20 (`.metadata_store` is gone)",
    why="0.20 owns run metadata itself: `StepContext.metadata_store` and `Stack.metadata_store` were removed "
    "(AttributeError). `StepContext.stack`, `.get_output_materializer()`, `.get_output_artifact_uri()` are unchanged.",
    instead="Read runs with `zenml.post_execution` (`get_pipeline`, `get_run`); stack data with `Client().zen_store`.",
    fix=Fix.NONE,
    fix_note="No automatic fix: the metadata store API has no 0.20 counterpart.",
    todo="metadata stores are gone in ZenML 0.20; use zenml.post_execution",
    match=(Ref(*METADATA_STORES),),
    bad=(
        Bad(
            "from zenml.steps import step, StepContext\n\n@step\ndef s(context: StepContext) -> None:\n"
            "    store = context.metadata_store\n",
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.repository import Repository

                uri = Repository().active_stack.metadata_store.uri
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.steps import StepContext as Ctx, step

                @step
                def s(context: Ctx) -> str:
                    return context.stack.metadata_store.name
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good(
            "from zenml.steps import step, StepContext\n\n@step\ndef s(context: StepContext) -> str:\n"
            "    return context.get_output_artifact_uri()\n"
        ),
        Good("class Ctx:\n    metadata_store = None\n\nCtx().metadata_store\n"),
    ),
)

STEP_ENVIRONMENT = "zenml.steps.step_environment.StepEnvironment()"

ZM311 = Rule(
    code="ZM311",
    fails=Fails(),
    name="step-environment-configuration",
    message="`StepEnvironment.docker_configuration` / `.runtime_configuration` are gone in ZenML 0.20: use `.step_run_info`",
    why="0.20's StepEnvironment carries a `StepRunInfo` (`config`, `pipeline`, `run_name`) instead "
    "(AttributeError otherwise). `pipeline_name`, `pipeline_run_id`, `step_name`, `cache_enabled` are unchanged.",
    instead="`step_env.step_run_info.run_name`, `step_env.step_run_info.pipeline.settings`.",
    fix=Fix.NONE,
    fix_note="No automatic fix: different objects.",
    todo="StepEnvironment.docker_configuration/runtime_configuration are gone; use step_run_info",
    match=(Ref(f"{STEP_ENVIRONMENT}.docker_configuration", f"{STEP_ENVIRONMENT}.runtime_configuration"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.environment import Environment

                run_name = Environment().step_environment.runtime_configuration.run_name
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.steps import StepEnvironment

                def image(env: StepEnvironment) -> str:
                    return env.docker_configuration.parent_image
                """
            ),
            count=1,
        ),
        Bad(
            # the component looked up by the class's own name, or with ``get_component``
            _c(
                """
                from zenml.environment import Environment
                from zenml.steps.step_environment import STEP_ENVIRONMENT_NAME, StepEnvironment

                def describe() -> None:
                    step_env = Environment()[StepEnvironment.NAME]
                    print(step_env.runtime_configuration)
                    print(Environment().get_component(STEP_ENVIRONMENT_NAME).docker_configuration)
                """
            ),
            count=2,
        ),
    ),
    good=(
        Good("from zenml.environment import Environment\n\nprint(Environment().step_environment.pipeline_name)\n"),
        Good("from zenml.environment import Environment\n\nprint(Environment().get_component(\"mine\").runtime_configuration)\n"),
        Good("class Env:\n    runtime_configuration = {}\n\nEnv().runtime_configuration\n"),
    ),
)

ZM312 = Rule(
    code="ZM312",
    fails=Fails(),
    name="metadata-store-classes",
    message="metadata-store classes are gone in ZenML 0.20",
    why="The modules `zenml.metadata_stores`, `zenml.integrations.kubeflow.metadata_stores` and "
    "`zenml.integrations.kubernetes.metadata_stores` were deleted (ModuleNotFoundError).",
    instead="Remove the import; run metadata lives in the 0.20 ZenML store (`zenml up` / `zenml connect`). "
    "`migrate profiles` drops metadata stores from migrated stacks.",
    fix=Fix.NONE,
    fix_note="No automatic fix: the code using the store needs rewriting.",
    todo="metadata stores are gone in ZenML 0.20: the 0.20 server/store tracks run metadata (`zenml up` / `zenml connect`)",
    match=(
        Ref(
            "zenml.metadata_stores",
            "zenml.integrations.kubeflow.metadata_stores",
            "zenml.integrations.kubernetes.metadata_stores",
            prefix=True,
        ),
    ),
    bad=(
        Bad(
            _c(
                """
                from zenml.metadata_stores import SQLiteMetadataStore

                store = SQLiteMetadataStore(name="ms", uri="/tmp/m.db")
                """
            ),
            count=2,
        ),
        Bad(
            _c(
                """
                import zenml.metadata_stores.mysql_secret_schema as s
                from zenml.integrations.kubeflow.metadata_stores import KubeflowMetadataStore as K

                print(s.MYSQLSecretSchema, K)
                """
            ),
            count=4,
        ),
    ),
    good=(
        Good("from zenml.artifact_stores import LocalArtifactStore\n\nprint(LocalArtifactStore)\n"),
        Good("from ml_metadata import metadata_store\n\nprint(metadata_store)\n"),
    ),
)
