"""The structural rewrites, run on the real ZenML 0.20.0 and 0.20.5.

A 0.13.2-style module (``@enable_mlflow``/``@enable_whylabs`` over ``@step``, legacy docker
keywords, ``resource_configuration=``, ``with_return_materializers`` as a statement and inside
a call, an ``enable_cache`` attribute write, post-execution reads through ``Repository``) and a
0.13.2 YAML run config are rewritten with ``fix_source`` (unsafe fixes on, the experiment
tracker named ``mlflow_tracker``; a ``get_pipeline`` wrapper module with the safe fixes; a
version-gated copy of that wrapper, which the fix leaves as it is), then one script per version (the venvs with the mlflow
integration, a stack with that tracker registered through the version's CLI) runs three
pipelines and prints what 0.20 recorded: the materializer each output used, the step
configuration the rewrite produced, the post-execution reads. Importing the rewritten module
on a store never used reads nothing from it (issue 7: no tracker lookup at import time).
"""

import json
import textwrap
from pathlib import Path

import pytest

from tests import realzenml_extras as extras
from tests.realzenml import python
from zenml_migrate.fix.fixer import fix_source

pytestmark = pytest.mark.real_zenml

LEGACY_MODULE = '''
import os

from zenml.config import DockerConfiguration, ResourceConfiguration
from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow
from zenml.integrations.whylogs.whylabs_step_decorator import enable_whylabs
from zenml.materializers.base_materializer import BaseMaterializer
from zenml.pipelines import pipeline
from zenml.repository import Repository
from zenml.steps import Output, step


class Box:
    def __init__(self, value):
        self.value = value


class TaggedMaterializer(BaseMaterializer):
    ASSOCIATED_TYPES = (Box,)

    def handle_input(self, data_type):
        super().handle_input(data_type)
        with open(os.path.join(self.artifact.uri, "box.txt")) as f:
            return Box(int(f.read().split(":")[1]))

    def handle_return(self, box):
        super().handle_return(box)
        with open(os.path.join(self.artifact.uri, "box.txt"), "w") as f:
            f.write("tagged:" + str(box.value))


class BoxMaterializer(TaggedMaterializer):  # registered last: the default for Box
    ASSOCIATED_TYPES = (Box,)


@enable_mlflow(nested=True)
@step(resource_configuration=ResourceConfiguration(cpu_count=1))
def make() -> Box:
    return Box(41)


@step
def make_nested() -> Box:
    return Box(1)


@step
def make_yaml() -> Box:
    return Box(2)


@enable_whylabs(dataset_id="model-1")
@step
def plus(box: Box) -> Output(result=int):
    return box.value + 1


@step
def other(x: int) -> int:
    return x


@pipeline(
    enable_cache=False,
    required_integrations=[],
    requirements=["numpy"],
    docker_configuration=DockerConfiguration(copy_profile=False),
)
def p(make, plus, other):
    other(plus(make()))


@pipeline(enable_cache=False)
def single(make):
    make()


@pipeline(enable_cache=False)
def from_yaml(make):  # 0.20 binds a pipeline name to its first set of steps (ZM251)
    make()


def build():
    o = other()
    o.enable_cache = False
    m = make().with_return_materializers(TaggedMaterializer)
    return p(make=m, plus=plus(), other=o)


def build_nested():
    return single(make=make_nested().with_return_materializers(TaggedMaterializer))


def read(name):
    pv = Repository().get_pipeline(pipeline="p", stack_name="default")
    return pv.get_run_names(), pv.get_run(name)


def run_of_p(name):
    """0.13.2: the run of that name among the runs of `p`, else KeyError (checked on the real 0.13.2:
    a run of another pipeline raises KeyError too)."""
    try:
        return Repository().get_pipeline("p").get_run(name).name
    except KeyError:
        return "KeyError"
'''

LEGACY_YAML = """\
name: from_yaml
steps:
  make:
    source: {name: make_yaml, file: mod.py}
    materializers:
      output: {name: TaggedMaterializer, file: mod.py}
"""

GATED_MODULE = '''
import zenml

if zenml.__version__ >= "0.20":
    from zenml.post_execution import get_pipeline
else:  # the 0.13 wrapper a team keeps while both releases run
    from zenml.repository import Repository

    def get_pipeline(name):
        return Repository().get_pipeline(name)
'''

WRAPPER_MODULE = '''
from zenml.repository import Repository


def get_pipeline(name):
    return Repository().get_pipeline(name)
'''

CHECK = '''
import json
import zenml
import zenml.post_execution
from zenml.client import Client

import gated
import mod
import wrapper

pipe = mod.build()
conf = {name: s.configuration for name, s in pipe.steps.items()}
pipe.run(run_name="r1")
mod.build_nested().run(run_name="r2")
mod.from_yaml(make=mod.make_yaml()).run(run_name="r3", config_path="run.yaml")
names, run = mod.read("r1")


def wrappers():
    """The version-gated module binds zenml's function on 0.20; the plain wrapper module's
    get_pipeline is its own function reaching zenml's (no self-call)."""
    return [
        gated.get_pipeline is zenml.post_execution.get_pipeline,
        wrapper.get_pipeline is not zenml.post_execution.get_pipeline,
        wrapper.get_pipeline("p").name,
    ]
from zenml.post_execution import get_run
print("RESULT " + json.dumps({
    "names": names,
    "run": run.name,
    "make": run.get_step("make").output.materializer,
    "nested": get_run("r2").get_step("make").output.materializer,
    "yaml": get_run("r3").get_step("make").output.materializer,
    "plus": run.get_step("plus").outputs["result"].read(),
    "other_cache": conf["other"].enable_cache,
    "make_tracker": conf["make"].experiment_tracker,
    "make_settings": sorted(conf["make"].settings),
    "plus_settings": {k: dict(v) for k, v in conf["plus"].settings.items()},
    "docker": pipe.configuration.settings["docker"].dict(exclude_unset=True),
    "run_of_p": [mod.run_of_p("r1"), mod.run_of_p("r2"), mod.run_of_p("no-such-run")],
    "gated": wrappers(),
}, default=str))
'''


TRACKER = "mlflow_tracker"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("codemods_real")
    module = fix_source(textwrap.dedent(LEGACY_MODULE).lstrip(), "mod.py", unsafe=True, experiment_tracker=TRACKER)
    assert module.error is None and not module.todos, (module.error, module.todos)
    config = fix_source(LEGACY_YAML, "run.yaml", unsafe=True)
    assert config.error is None and not config.todos, (config.error, config.todos)
    (root / "mod.py").write_text(module.text)
    legacy = fix_source(textwrap.dedent(WRAPPER_MODULE).lstrip(), "wrapper.py")  # safe fixes (ZM108, ZM301)
    assert legacy.error is None and not legacy.todos and "ZenMLget_pipeline(name)" in legacy.text, legacy
    (root / "wrapper.py").write_text(legacy.text)
    gated_source = textwrap.dedent(GATED_MODULE).lstrip()
    gated = fix_source(gated_source, "gated.py")  # the 0.13 branch runs on neither 0.20 release: kept
    assert gated.error is None and not gated.todos and gated.text == gated_source, gated
    (root / "gated.py").write_text(gated.text)
    (root / "run.yaml").write_text(config.text)
    (root / "check.py").write_text(CHECK)
    return root


@pytest.mark.parametrize("version", ["0.20.0", "0.20.5"])
def test_rewritten_module_runs_on_zenml_020(project, tmp_path, version):
    config = tmp_path / "zenml_config"
    extras.register_tracker_stack(version, TRACKER, config, project)
    proc = extras.python(version, "mlflow", ["check.py"], config, cwd=project)
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))
    result = json.loads(line[len("RESULT "):])
    assert result["names"] == ["r1"] and result["run"] == "r1"
    assert result["make"] == "mod.TaggedMaterializer"  # chained out: x = s(); x.configure(...)
    assert result["nested"] == "mod.TaggedMaterializer"  # moved into @step(output_materializers=)
    assert result["yaml"] == "mod.TaggedMaterializer"  # outputs.output.materializer_source
    assert result["plus"] == 42
    assert result["other_cache"] is False
    assert result["make_tracker"] == TRACKER
    assert result["make_settings"] == ["experiment_tracker.mlflow", "resources"]
    assert result["plus_settings"] == {"data_validator.whylogs": {"enable_whylabs": True, "dataset_id": "model-1"}}
    assert result["docker"] == {"requirements": ["numpy"], "copy_global_config": False}
    # ZM303's safe lookup among the runs of `p`: r2 is a run of another pipeline (`single`), as 0.13.2
    assert result["run_of_p"] == ["r1", "KeyError", "KeyError"]
    # the gated module's 0.20 branch; ZM301 in a wrapper named get_pipeline: zenml's function under an alias
    assert result["gated"] == [True, True, "p"]


def test_the_kept_legacy_branch_still_runs_on_zenml_0132(project, tmp_path):
    """The version gate's 0.13 branch, left as written, is what the real 0.13.2 runs."""
    code = "import gated, zenml.repository as r; print('GATED', gated.get_pipeline.__module__, gated.Repository is r.Repository)"
    proc = python("0.13.2", ["-c", code], tmp_path / "config", cwd=project)
    assert "GATED gated True" in proc.stdout, proc.stdout


def test_importing_the_rewritten_module_reads_no_store(project, tmp_path):
    """0.13.2's @enable_mlflow looked the tracker up when a step ran; the rewrite names it, so
    importing the module (0.20.5, a config dir never used) creates or reads no store."""
    config = tmp_path / "fresh"
    proc = python("0.20.5", ["-c", "import mod; print('STEP', mod.make().configuration.experiment_tracker)"], config, cwd=project)
    assert f"STEP {TRACKER}" in proc.stdout
    assert not list(config.rglob("*.db")), "importing the module created a ZenML store"
