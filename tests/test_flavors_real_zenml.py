"""Custom stack components, end to end on the real ZenML: 0.13.2 -> code port -> profile -> 0.20.

``fixtures/team_flavors_pkg`` holds custom components of four types written for 0.13.2
(orchestrator and artifact stores subclassing the built-in local ones, a step operator, an
experiment tracker; a subclass in another module, a mixin, validators, secret and private
fields). ``fixtures/configs/custom_components`` is the config dir in which the real 0.13.2
registered them and ran a pipeline on a stack of all four.

Here a copy of the package and of its pipeline project goes through
``migrate code --fix --unsafe-fixes`` (plus the reviewer's edit for the one TODO it leaves,
``REVIEW``), the config dir through ``migrate profiles --store``; then,
for 0.20.0 and 0.20.5 (one checking process each): the migrated flavors point at the ported
Flavor classes, every component loads with the same configuration values, the stack validates,
the same pipeline runs on it and each component did its work; and every ported Flavor class
registers with the real ``zenml <type> flavor register``.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import realzenml

pytestmark = pytest.mark.real_zenml

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "fixtures" / "team_flavors_pkg"
LEGACY = ROOT / "fixtures" / "configs" / "custom_components" / "zenml_config"
TEAM_ROOT = Path("/tmp/zenml-migrate-team-flavors")  # where the registered components write (fixtures/make_config_dirs.py)
VERSIONS = ("0.20.0", "0.20.5")

# what the 0.13.2 fixture registered (fixtures/make_config_dirs.py custom_components)
EXPECTED = {
    ("artifact_store", "audited_store"): ("audited_local", "AuditedArtifactStore", {"path": f"{TEAM_ROOT}/artifacts", "audit_file": "audit.log", "api_key": "not-a-real-key"}),
    ("artifact_store", "team_store"): ("team_audited", "TeamArtifactStore", {"path": f"{TEAM_ROOT}/team_artifacts", "team": "data"}),
    ("orchestrator", "logging_orch"): ("step_logging", "StepLoggingOrchestrator", {"log_dir": f"{TEAM_ROOT}/orchestrator", "prefix": "prepared"}),
    ("step_operator", "proc_op"): ("local_process", "LocalProcessStepOperator", {"log_dir": f"{TEAM_ROOT}/step_operator", "max_workers": 2}),
    ("experiment_tracker", "jsonl_tracker"): ("jsonl", "JsonlExperimentTracker", {"root": f"{TEAM_ROOT}/metrics", "experiment": "fixture"}),
}
FLAVOR_CLASSES = {
    "artifact-store": ("team_flavors.stores.AuditedArtifactStoreFlavor", "team_flavors.more_stores.TeamArtifactStoreFlavor"),
    "orchestrator": ("team_flavors.orchestrators.StepLoggingOrchestratorFlavor",),
    "step-operator": ("team_flavors.step_operators.LocalProcessStepOperatorFlavor",),
    "experiment-tracker": ("team_flavors.trackers.JsonlExperimentTrackerFlavor",),
}

CHECK = r'''
import json, subprocess, sys
from zenml.client import Client
from zenml.enums import StackComponentType
from zenml.stack import StackComponent

expected = json.loads(sys.argv[2])
client = Client()
out = {"components": {}, "flavors": {}}
for key, (flavor, cls_name, _) in expected.items():
    type_, name = key.split("/")
    models = [m for m in client.list_stack_components_by_type(StackComponentType(type_)) if m.name == name]
    model = models[0]
    component = StackComponent.from_model(model)
    config = {k: getattr(component.config, k) for k in expected[key][2]}
    out["components"][key] = {"flavor": model.flavor, "class": type(component).__name__, "config": config,
                              "FLAVOR": getattr(type(component), "FLAVOR", None)}
    out["flavors"][key] = client.get_flavor_by_name_and_type(model.flavor, StackComponentType(type_)).source
stack = client.active_stack
stack.validate()
out["active_stack"] = stack.name
out["audit_path"] = stack.artifact_store.audit_path
subprocess.check_call([sys.executable, "run_pipeline.py", "run_on_020"])
json.dump(out, open(sys.argv[1], "w"))
'''


REGISTER = r'''
import json, sys
from zenml.client import Client
from zenml.enums import StackComponentType
from zenml.models import FlavorModel

client = Client()
out = {}
for type_, source in json.loads(sys.argv[2]):
    model = client.create_flavor(FlavorModel(
        source=source, type=StackComponentType(type_), user=client.active_user.id,
        project=client.active_project.id, name="", config_schema="",
    ))
    out[source] = [model.name, json.loads(model.config_schema)["properties"].keys().__len__()]
json.dump(out, open(sys.argv[1], "w"))
'''


def _migrate(*args, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "zenml_migrate", *args],
        cwd=str(cwd), env={**os.environ, **env}, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture(scope="session")
def ported(tmp_path_factory) -> Path:
    """A copy of the package and project, after ``migrate code --fix --unsafe-fixes``."""
    dest = tmp_path_factory.mktemp("team") / "team_flavors_pkg"
    shutil.copytree(PKG, dest)
    proc = _migrate("code", str(dest), "--fix", "--unsafe-fixes", cwd=dest, env={})
    assert proc.returncode in (0, 1) and "error" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    return dest


# what a reviewer does for the one TODO the port leaves (step_operators.py, above `launch`): write
# the deployment in `prepare_pipeline_deployment` where the entrypoint runs
REVIEW = {
    "    def launch(self, info: StepRunInfo, entrypoint_command: List[str]) -> None:\n": (
        "    def prepare_pipeline_deployment(self, deployment, stack) -> None:\n"
        "        from zenml.constants import DOCKER_IMAGE_DEPLOYMENT_CONFIG_FILE\n\n"
        "        with open(DOCKER_IMAGE_DEPLOYMENT_CONFIG_FILE, 'w') as f:  # the launch runs here too\n"
        "            f.write(deployment.yaml())\n\n"
        "    def launch(self, info: StepRunInfo, entrypoint_command: List[str]) -> None:\n"
    ),
}


@pytest.fixture(scope="session")
def reviewed(ported, tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("reviewed") / "team_flavors_pkg"
    shutil.copytree(ported, dest)
    path = dest / "team_flavors" / "step_operators.py"
    text = path.read_text()
    for old, new in REVIEW.items():
        assert old in text
        text = text.replace(old, new)
    path.write_text(text)
    return dest


@pytest.fixture(scope="session")
def on_020(reviewed, tmp_path_factory):
    """version -> what the checking process saw (one process per version; TEAM_ROOT is shared,
    so the versions run one after the other)."""
    results = {}
    for version in VERSIONS:
        shutil.rmtree(TEAM_ROOT, ignore_errors=True)
        work = tmp_path_factory.mktemp(f"flavors{version}")
        cfg = work / "zenml"
        env = {"PYTHONPATH": f"{reviewed}{os.pathsep}{reviewed / 'project'}"}
        realzenml.zenml(version, ["stack", "list"], cfg, cwd=work)
        plan = _migrate("profiles", str(LEGACY), "--store", str(cfg), "--format", "json", cwd=work, env={**env, "ZENML_CONFIG_PATH": str(cfg)})
        assert plan.returncode == 0, plan.stdout[-3000:] + plan.stderr[-3000:]
        realzenml.zenml(version, ["stack", "set", "team_stack"], cfg, cwd=reviewed / "project", env=env)
        script = work / "check.py"
        script.write_text(CHECK)
        expected = {f"{t}/{n}": v for (t, n), v in EXPECTED.items()}
        realzenml.python(version, [str(script), str(work / "seen.json"), json.dumps(expected)], cfg, cwd=reviewed / "project", env=env)
        seen = json.loads((work / "seen.json").read_text())
        seen["plan"] = json.loads(plan.stdout)
        seen["files"] = {p: (TEAM_ROOT / p).read_text() if (TEAM_ROOT / p).is_file() else None
                         for p in ("orchestrator/steps.log", "step_operator/launches.log", "metrics/fixture.jsonl", "artifacts/audit.log")}
        results[version] = seen
        # the ported Flavor classes register in a fresh store the way `zenml <type> flavor register`
        # does it (`Client.create_flavor`: imports the class, checks type and implementation). Not on
        # 0.20.0, where no custom flavor can be registered at all: its CLI builds a FlavorModel
        # without `name`/`config_schema` (ValidationError) and `create_flavor` reads
        # `implementation_class.type`, which no 0.20 component class has (AttributeError); there
        # only the rows `migrate profiles --store` writes work (checked above)
        if version == "0.20.0":
            continue
        fresh = work / "fresh"
        register = work / "register.py"
        register.write_text(REGISTER)
        sources = [(t.replace("-", "_"), s) for t, ss in FLAVOR_CLASSES.items() for s in ss]
        realzenml.python(version, [str(register), str(work / "registered.json"), json.dumps(sources)], fresh, cwd=reviewed, env=env)
        seen["registered"] = json.loads((work / "registered.json").read_text())
        cli = work / "fresh_cli"
        realzenml.zenml(version, ["stack", "list"], cli, cwd=work)  # a store never used has no active stack yet
        realzenml.zenml(version, ["artifact-store", "flavor", "register", "team_flavors.stores.AuditedArtifactStoreFlavor"], cli, cwd=reviewed, env=env)
        seen["cli_listing"] = realzenml.zenml(version, ["artifact-store", "flavor", "list"], cli, cwd=reviewed, env={**env, "COLUMNS": "250"}).stdout
    shutil.rmtree(TEAM_ROOT, ignore_errors=True)
    return results


def test_ported_package_keeps_todos_only_where_a_human_must_decide(ported):
    text = {p.name: p.read_text() for p in (ported / "team_flavors").glob("*.py")}
    # exact ports: no TODO at all
    for name in ("stores.py", "orchestrators.py", "trackers.py", "more_stores.py"):
        assert "TODO(zenml-migrate)" not in text[name], name
    # each implementation keeps its `FLAVOR` string as written (nothing in 0.20 reads it; code that
    # does keeps working): one line, the one of the 0.13.2 class
    for name in ("stores.py", "orchestrators.py", "step_operators.py", "trackers.py", "more_stores.py"):
        old = [line for line in (PKG / "team_flavors" / name).read_text().splitlines() if "FLAVOR" in line]
        assert [line for line in text[name].splitlines() if "FLAVOR" in line] == old, name
    # one TODO: the 0.20 step operator entrypoint reads the deployment from a file
    todos = [line.strip() for line in text["step_operators.py"].splitlines() if "TODO(zenml-migrate)" in line]
    assert len(todos) == 1 and ".zenml_deployment_config.yaml" in todos[0] and "prepare_pipeline_deployment" in todos[0]
    assert "def launch(self, info: StepRunInfo, entrypoint_command: List[str])" in text["step_operators.py"]
    assert "f.write(f\"{info.pipeline.name} {info.run_name} workers={self.config.max_workers}\\n\")" in text["step_operators.py"]
    assert "def prepare_step_run(self, info: StepRunInfo) -> None:" in text["orchestrators.py"]
    # the subclass in another module builds on the other module's Config and Flavor
    assert "class TeamArtifactStoreConfig(AuditedArtifactStoreConfig):" in text["more_stores.py"]
    assert "class TeamArtifactStoreFlavor(AuditedArtifactStoreFlavor):" in text["more_stores.py"]
    # its reads are its own field, a mixin method and `name`: nothing for a human there either
    assert 'self.label_text({"team": self.config.team, "name": self.name})' in text["more_stores.py"]


@pytest.mark.parametrize("version", VERSIONS)
def test_migrated_components_load_with_the_same_configuration(on_020, version):
    seen = on_020[version]
    for (type_, name), (flavor, cls_name, config) in EXPECTED.items():
        got = seen["components"][f"{type_}/{name}"]
        assert got["flavor"] == flavor
        assert got["class"] == cls_name
        assert got["FLAVOR"] == flavor  # the string the port keeps for code that reads it
        assert got["config"] == config
        assert seen["flavors"][f"{type_}/{name}"].endswith(f"{cls_name}Flavor")


@pytest.mark.parametrize("version", VERSIONS)
def test_pipeline_runs_on_the_migrated_custom_stack(on_020, version):
    seen = on_020[version]
    assert seen["active_stack"] == "team_stack"
    files = seen["files"]
    # one line per step (0.20 builds the stack's components anew for each step: the counter of the
    # private attribute starts again, which the 0.13.2 run shared)
    assert [line.split()[0] for line in files["orchestrator/steps.log"].splitlines()] == ["prepared", "prepared"]
    assert files["step_operator/launches.log"].splitlines() == ["tracked_pipeline run_on_020 workers=2"]
    assert [json.loads(line) for line in files["metrics/fixture.jsonl"].splitlines()] == [{"experiment": "fixture", "value": 42}]
    assert files["artifacts/audit.log"].splitlines() == ["audited_store consumed 41 key=set"]


def test_ported_flavor_classes_register_with_the_real_cli(on_020):
    seen = on_020["0.20.5"]
    names = {source: name for source, (name, _) in seen["registered"].items()}
    assert names == {
        "team_flavors.stores.AuditedArtifactStoreFlavor": "audited_local",
        "team_flavors.more_stores.TeamArtifactStoreFlavor": "team_audited",
        "team_flavors.orchestrators.StepLoggingOrchestratorFlavor": "step_logging",
        "team_flavors.step_operators.LocalProcessStepOperatorFlavor": "local_process",
        "team_flavors.trackers.JsonlExperimentTrackerFlavor": "jsonl",
    }
    assert "audited_local" in seen["cli_listing"]


def test_plan_registers_flavors_before_their_components(on_020):
    plan = on_020["0.20.5"]["plan"]
    items = plan["items"]
    flavors = {f["name"]: f for f in items if f["kind"] == "flavor"}
    assert set(flavors) >= {"audited_local", "team_audited", "step_logging", "local_process", "jsonl"}
    for f in flavors.values():
        assert f["flavor_source"] and f["flavor_source"].endswith("Flavor") and not f["needs_flavor_class"], f
    kinds = [i["kind"] for i in items]
    assert kinds.index("component") > max(i for i, k in enumerate(kinds) if k == "flavor")
    assert not plan["problems"] and not plan["warnings"]
