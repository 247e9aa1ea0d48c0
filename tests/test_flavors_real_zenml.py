"""Custom stack components, end to end on the real ZenML: 0.13.2 -> code port -> profile -> 0.20.

``fixtures/team_flavors_pkg`` holds custom components of four types written for 0.13.2
(orchestrator and artifact stores subclassing the built-in local ones, a step operator, an
experiment tracker; a subclass in another module, a mixin, validators, secret and private
fields). ``fixtures/configs/custom_components`` is the config dir in which the real 0.13.2
registered them and ran a pipeline on a stack of all four.

Here a copy of the package and of its pipeline project goes through
``migrate code --fix --unsafe-fixes``, the config dir through ``migrate profiles --store``; then,
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
    out["components"][key] = {"flavor": model.flavor, "class": type(component).__name__, "config": config}
    out["flavors"][key] = client.get_flavor_by_name_and_type(model.flavor, StackComponentType(type_)).source
stack = client.active_stack
stack.validate()
out["active_stack"] = stack.name
out["audit_path"] = stack.artifact_store.audit_path
subprocess.check_call([sys.executable, "run_pipeline.py", "run_on_020"])
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


@pytest.fixture(scope="session")
def on_020(ported, tmp_path_factory):
    """version -> what the checking process saw (one process per version; TEAM_ROOT is shared,
    so the versions run one after the other)."""
    results = {}
    for version in VERSIONS:
        shutil.rmtree(TEAM_ROOT, ignore_errors=True)
        work = tmp_path_factory.mktemp(f"flavors{version}")
        cfg = work / "zenml"
        env = {"PYTHONPATH": f"{ported}{os.pathsep}{ported / 'project'}"}
        realzenml.zenml(version, ["stack", "list"], cfg, cwd=work)
        plan = _migrate("profiles", str(LEGACY), "--store", str(cfg), "--format", "json", cwd=work, env={**env, "ZENML_CONFIG_PATH": str(cfg)})
        assert plan.returncode == 0, plan.stdout[-3000:] + plan.stderr[-3000:]
        realzenml.zenml(version, ["stack", "set", "team_stack"], cfg, cwd=ported / "project", env=env)
        script = work / "check.py"
        script.write_text(CHECK)
        expected = {f"{t}/{n}": v for (t, n), v in EXPECTED.items()}
        realzenml.python(version, [str(script), str(work / "seen.json"), json.dumps(expected)], cfg, cwd=ported / "project", env=env)
        seen = json.loads((work / "seen.json").read_text())
        seen["plan"] = json.loads(plan.stdout)
        seen["files"] = {p: (TEAM_ROOT / p).read_text() if (TEAM_ROOT / p).is_file() else None
                         for p in ("orchestrator/steps.log", "step_operator/launches.log", "metrics/fixture.jsonl", "artifacts/audit.log")}
        # the ported Flavor classes register with the real CLI too (a fresh store: no migrated rows)
        fresh = work / "fresh"
        seen["registered"] = []
        for cli_type, sources in FLAVOR_CLASSES.items():
            for source in sources:
                realzenml.zenml(version, [cli_type, "flavor", "register", source], fresh, cwd=ported, env=env)
                seen["registered"].append(source)
        listing = realzenml.zenml(version, ["artifact-store", "flavor", "list"], fresh, cwd=ported, env={**env, "COLUMNS": "250"}).stdout
        seen["registered_listing"] = listing
        results[version] = seen
    shutil.rmtree(TEAM_ROOT, ignore_errors=True)
    return results


def test_ported_package_keeps_todos_only_where_a_human_must_decide(ported):
    text = {p.name: p.read_text() for p in (ported / "team_flavors").glob("*.py")}
    # exact ports: no TODO at all
    for name in ("stores.py", "orchestrators.py", "step_operators.py", "trackers.py"):
        assert "TODO(zenml-migrate)" not in text[name], name
        assert "FLAVOR" not in text[name]
    assert "def launch(self, info: StepRunInfo, entrypoint_command: List[str])" in text["step_operators.py"]
    assert "f.write(f\"{info.pipeline.name} {info.run_name} workers={self.config.max_workers}\\n\")" in text["step_operators.py"]
    assert "def prepare_step_run(self, info: StepRunInfo) -> None:" in text["orchestrators.py"]
    # the subclass in another module builds on the other module's Config and Flavor
    assert "class TeamArtifactStoreConfig(AuditedArtifactStoreConfig):" in text["more_stores.py"]
    assert "class TeamArtifactStoreFlavor(AuditedArtifactStoreFlavor):" in text["more_stores.py"]
    # its reads are its own field, a mixin method and `name`: nothing for a human there either
    assert "TODO(zenml-migrate)" not in text["more_stores.py"]
    assert 'self.label_text({"team": self.config.team, "name": self.name})' in text["more_stores.py"]


@pytest.mark.parametrize("version", VERSIONS)
def test_migrated_components_load_with_the_same_configuration(on_020, version):
    seen = on_020[version]
    for (type_, name), (flavor, cls_name, config) in EXPECTED.items():
        got = seen["components"][f"{type_}/{name}"]
        assert got["flavor"] == flavor
        assert got["class"] == cls_name
        assert got["config"] == config
        assert seen["flavors"][f"{type_}/{name}"].endswith(f"{cls_name}Flavor")


@pytest.mark.parametrize("version", VERSIONS)
def test_pipeline_runs_on_the_migrated_custom_stack(on_020, version):
    seen = on_020[version]
    assert seen["active_stack"] == "team_stack"
    files = seen["files"]
    assert files["orchestrator/steps.log"].splitlines() == ["prepared 1", "prepared 2"]
    assert files["step_operator/launches.log"].splitlines() == ["tracked_pipeline run_on_020 workers=2"]
    assert [json.loads(line) for line in files["metrics/fixture.jsonl"].splitlines()] == [{"experiment": "fixture", "value": 42}]
    assert files["artifacts/audit.log"].splitlines() == ["audited_store consumed 41 key=set"]


@pytest.mark.parametrize("version", VERSIONS)
def test_ported_flavor_classes_register_with_the_real_cli(on_020, version):
    seen = on_020[version]
    assert sorted(seen["registered"]) == sorted(s for sources in FLAVOR_CLASSES.values() for s in sources)
    for name in ("audited_local", "team_audited"):
        assert name in seen["registered_listing"]


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
