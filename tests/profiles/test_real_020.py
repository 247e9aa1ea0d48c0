"""The --store, --server and --bundle targets, read back through the REAL ZenML 0.20.0 and 0.20.5.

Input: the 0.13.2 config dirs in ``fixtures/configs/*/zenml_config`` (made by the real 0.13.2
with ``fixtures/make_config_dirs.py``); each is read, planned and written into its own 0.20
project (``--project <fixture>``, created by the target). Then one python process per version
and target (``real020_dump.py``) asks ZenML itself for every stack and component, validates
each configuration with the flavor's own config class and runs the real ``zenml stack list``
/ ``zenml stack describe``. Compared key by key with the plan. Also: the schema constant
against fresh stores, re-runs write nothing, a failing store write leaves the file
byte-identical, a REST write failing midway leaves the server as it was, and the bundles'
``import.sh`` runs with stdin closed (no prompt can be reached).

Cost: each ZenML start takes seconds; everything is shared through session fixtures.
"""

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List

import pytest

from tests import realzenml
from zenml_migrate.profiles.model import Plan
from zenml_migrate.profiles.plan import PlanOptions, build_plan
from zenml_migrate.profiles.readers import read_legacy
from zenml_migrate.profiles.targets import TargetError
from zenml_migrate.profiles.targets import bundle as bundle_target
from zenml_migrate.profiles.targets.bundle import BundleTarget, flavor_source_var
from zenml_migrate.profiles.flavors_020 import builtin
from zenml_migrate.profiles.targets.rest import PASSWORD_ENV, RestTarget
from zenml_migrate.profiles.targets.sqlite_schema import check_schema
from zenml_migrate.profiles.targets.store import StoreTarget

pytestmark = pytest.mark.real_zenml

ROOT = Path(__file__).resolve().parents[2]
CONFIGS = ROOT / "fixtures" / "configs"
PKG = ROOT / "fixtures" / "custom_flavor_pkg"
DUMP = Path(__file__).with_name("real020_dump.py")
VERSIONS = ("0.20.0", "0.20.5")
# import.sh starts zenml once per step (seconds each): one fixture per version, the first present
BUNDLE_FIXTURES = {"0.20.0": ("custom_flavor", "one_stack"), "0.20.5": ("multi", "one_stack")}
WAIT_S = 120
# the 0.20 Flavor class a user writes for the fixture's legacy_op step operator, passed to import.sh
# as FLAVOR_SOURCE_STEP_OPERATOR_LEGACY_OP (the bundle ships the variable for it)
PORTED_OP = '''
from typing import List, Type

from zenml.step_operators import BaseStepOperator, BaseStepOperatorConfig, BaseStepOperatorFlavor


class LegacyOpConfig(BaseStepOperatorConfig):
    endpoint: str = "http://localhost:9000"
    workers: int = 1


class LegacyOp(BaseStepOperator):
    def launch(self, info, entrypoint_command: List[str]) -> None:
        raise NotImplementedError


class LegacyOpFlavor(BaseStepOperatorFlavor):
    @property
    def name(self) -> str:
        return "legacy_op"

    @property
    def config_class(self) -> Type[LegacyOpConfig]:
        return LegacyOpConfig

    @property
    def implementation_class(self) -> Type[LegacyOp]:
        return LegacyOp
'''
# migrated (stacks and runs) by test_real_history.py into the same servers: run names and markers are store-wide
HISTORY_FIXTURES = ("history",)


# ---------------------------------------------------------------- shared inputs


def per_version(fn) -> dict:
    """``{version: fn(version)}``, both versions at once (each ZenML start is seconds of CPU)."""
    with ThreadPoolExecutor(max_workers=len(VERSIONS)) as pool:
        futures = {v: pool.submit(fn, v) for v in VERSIONS}
        return {v: f.result() for v, f in futures.items()}


@pytest.fixture(scope="session")
def legacy_dirs(tmp_path_factory) -> Dict[str, Path]:
    """fixture name -> 0.13.2 config dir (the committed fixtures; else one built now by the real 0.13.2)."""
    found = {p.name: p / "zenml_config" for p in sorted(CONFIGS.glob("*"))
             if (p / "zenml_config" / "config.yaml").is_file() and p.name not in HISTORY_FIXTURES}
    if found:
        return found
    sys.path.insert(0, str(ROOT / "fixtures"))
    import make_config_dirs

    out = tmp_path_factory.mktemp("configs")
    make_config_dirs.build(["one_stack"], out)
    return {"one_stack": out / "one_stack" / "zenml_config"}


@pytest.fixture(scope="session", autouse=True)
def custom_flavor_package():
    """The plan finds the 0.20 Flavor classes of the custom-flavor fixture on sys.path."""
    sys.path.insert(0, str(PKG))
    yield
    sys.path.remove(str(PKG))


def copy_config(template: Path, dest: Path) -> Path:
    """Copy a 0.20 config dir; its config.yaml names the store by absolute path."""
    shutil.copytree(template, dest)
    text = (dest / "config.yaml").read_text().replace(str(template), str(dest))
    (dest / "config.yaml").write_text(text)
    return dest


def plan_for(legacy: Path, target, project: str, version: str, code=()) -> Plan:
    """``code``: folders of the pipeline code of the runs (``--code``)."""
    return build_plan(
        read_legacy(str(legacy)),
        target.existing(project),
        PlanOptions(project=project, target=target.describe(), zenml_version=version, import_safe_names=target.import_safe_names,
                    code=[str(c) for c in code]),
    )


def migrate_twice(target, legacy_dirs: Dict[str, Path], version: str, state):
    """Every fixture into its own project; then again, which must change nothing (``state()``)."""
    plans = {}
    for name, legacy in legacy_dirs.items():
        plans[name] = plan_for(legacy, target, name, version)
        target.write(plans[name])
    before = state()
    again = {name: target.write(plan_for(legacy, target, name, version)) for name, legacy in legacy_dirs.items()}
    assert state() == before
    return plans, again


def dump(version: str, config: Path, projects: List[str], pythonpath=()) -> dict:
    out = config.parent / f"dump-{len(list(config.parent.glob('dump-*')))}.json"
    path = os.pathsep.join(map(str, (PKG, *pythonpath)))
    proc = realzenml.python(version, [str(DUMP), str(out), *projects], config, cwd=config.parent, env={"PYTHONPATH": path, "COLUMNS": "200"}, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(out.read_text())


# ---------------------------------------------------------------- comparing


def unexplained_changes(plan: Plan) -> List[str]:
    """Legacy config values that differ in the plan without the plan saying so."""
    bad = []
    for c in plan.writable()[1]:
        for key, value in c.legacy.config.items():
            if key in c.target_config:
                if c.target_config[key] != value and not any(key in n for n in c.notes):
                    bad.append(f"{c.target_name}.{key}: {value!r} -> {c.target_config[key]!r} without a note")
            elif value is not None and key not in c.removed:
                bad.append(f"{c.target_name}.{key} dropped without a note")
    return bad


def readback_problems(plan: Plan, seen: dict, exact: bool = True) -> List[str]:
    """Every difference between the writable part of ``plan`` and what ZenML 0.20 reports.

    ``exact``: the stored configuration equals the planned one (store/REST write what was
    planned); otherwise (``stack import`` stores the validated dict) planned keys must match
    and the other keys must be the flavor's defaults.
    """
    if "error" in seen:
        return [f"project {plan.project}: {seen['error']}"]
    problems = []
    flavors, components, stacks = plan.writable()
    with_class = {(f.legacy.type, f.target_name) for f in flavors if f.flavor_source}
    for s in stacks:
        got = seen["stacks"].get(s.target_name)
        if got is None:
            problems.append(f"stack {s.target_name} missing")
            continue
        slots = {t: v for t, v in got.items() if t != "load_error"}
        want = {t: [c.target_name] for t, c in s.components.items()}
        if slots != want:
            problems.append(f"stack {s.target_name}: {slots} != {want}")
        if got.get("load_error") and all((builtin(t, c.target_flavor) or {}).get("integration") is None and builtin(t, c.target_flavor) for t, c in s.components.items()):
            problems.append(f"stack {s.target_name}: only built-in flavors, yet ZenML cannot build it: {got['load_error']}")
        cli = seen["cli"].get(f"stack describe {s.target_name}", {})
        if cli.get("exit_code") != 0 or s.target_name not in cli.get("output", ""):
            problems.append(f"zenml stack describe {s.target_name}: {cli}")
    for c in components:
        key = f"{c.legacy.type}/{c.target_name}"
        got = seen["components"].get(key)
        if got is None:
            problems.append(f"component {key} missing")
            continue
        if got["flavor"] != c.target_flavor:
            problems.append(f"{key}: flavor {got['flavor']} != {c.target_flavor}")
        stored = got["configuration"]
        for k, v in c.target_config.items():
            if stored.get(k) != v:
                problems.append(f"{key}.{k}: stored {stored.get(k)!r} != planned {v!r}")
        extra = set(stored) - set(c.target_config)
        if exact and extra:
            problems.append(f"{key}: unexpected keys {sorted(extra)}")
        if builtin(c.legacy.type, c.target_flavor) or (c.legacy.type, c.target_flavor) in with_class:
            if got["config_error"]:
                problems.append(f"{key}: ZenML rejects the config: {got['config_error']}")
            else:
                for k, v in c.target_config.items():
                    if got["validated"].get(k) != v:
                        problems.append(f"{key}.{k}: validated {got['validated'].get(k)!r} != {v!r}")
                for k in extra:
                    if stored[k] != got["validated"].get(k):
                        problems.append(f"{key}.{k}: {stored[k]!r} is not the default")
        elif not got["config_error"]:
            problems.append(f"{key}: flavor {c.target_flavor} has no 0.20 class, yet ZenML loaded it")
    listing = seen["cli"]["stack list"]
    if listing["exit_code"] != 0:
        problems.append(f"zenml stack list failed: {listing['output'][-500:]}")
    return problems


def assert_readback(plans: Dict[str, Plan], seen: dict, exact: bool = True) -> None:
    problems = []
    for name, plan in plans.items():
        problems += [f"[{name}] {p}" for p in readback_problems(plan, seen["projects"][name], exact)]
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- schema


@pytest.mark.parametrize("version", VERSIONS)
def test_store_schema_constant_is_what_the_real_020_creates(fresh_store, version):
    db = fresh_store[version] / "local_stores" / "default_zen_store" / "zenml.db"
    conn = sqlite3.connect(db)
    try:
        assert check_schema(conn) is None
    finally:
        conn.close()


# ---------------------------------------------------------------- --store


@pytest.fixture(scope="session")
def store_run(fresh_store, legacy_dirs, tmp_path_factory):
    """version -> (plans by fixture, dump, store bytes after the run, second-run results)."""

    def run(version):
        cfg = copy_config(fresh_store[version], tmp_path_factory.mktemp(f"store{version}") / "zenml")
        target = StoreTarget(config_dir=str(cfg))
        plans, again = migrate_twice(target, legacy_dirs, version, target.db.read_bytes)
        # the `zenml` binary itself too (stdin closed): the active project's stacks, active one marked
        listing = realzenml.zenml(version, ["stack", "list"], cfg, cwd=cfg.parent, env={"COLUMNS": "250"}).stdout
        return plans, dump(version, cfg, list(plans)), again, listing

    return per_version(run)


@pytest.mark.parametrize("version", VERSIONS)
def test_store_target_read_back_by_real_zenml(store_run, version):
    plans, seen, _, _ = store_run[version]
    assert seen["zenml_version"] == version
    assert any(p.writable()[2] for p in plans.values()), "no fixture had a stack to migrate"
    assert_readback(plans, seen)
    last_active = [p for p in plans.values() if p.active_stack and not p.active_stack_is_suggestion][-1:]
    if last_active:
        assert (seen["active_project"], seen["active_stack"]) == (last_active[0].project, last_active[0].active_stack)


@pytest.mark.parametrize("version", VERSIONS)
def test_zenml_stack_list_binary_shows_the_active_migrated_stack(store_run, version):
    plans, seen, _, listing = store_run[version]
    active = [p for p in plans.values() if p.project == seen["active_project"]][0]
    rows = [line for line in listing.splitlines() if "👉" in line]
    assert len(rows) == 1 and f" {seen['active_stack']} " in rows[0], listing
    for stack in active.writable()[2]:
        assert f" {stack.target_name} " in listing, listing


@pytest.mark.parametrize("version", VERSIONS)
def test_plans_change_only_what_they_explain(store_run, version):
    plans = store_run[version][0]
    assert not [f"[{n}] {b}" for n, p in plans.items() for b in unexplained_changes(p)]


def assert_nothing_written(again) -> None:
    for name, result in again.items():
        assert not result.created and not result.updated, name
        assert result.done == ["already migrated: nothing to write"], name
        assert all("not registered: no ZenML 0.20 Flavor class" in m for m in result.messages), name


@pytest.mark.parametrize("version", VERSIONS)
def test_store_rerun_writes_nothing(store_run, version):
    assert_nothing_written(store_run[version][2])


@pytest.mark.parametrize("version", VERSIONS)
def test_failing_store_write_leaves_the_file_byte_identical(fresh_store, legacy_dirs, tmp_path, version):
    cfg = copy_config(fresh_store[version], tmp_path / "zenml")
    target = StoreTarget(config_dir=str(cfg))
    conn = sqlite3.connect(target.db)  # the last insert of the transaction fails
    conn.execute("CREATE TRIGGER boom BEFORE INSERT ON stackcompositionschema BEGIN SELECT RAISE(ABORT, 'boom'); END")
    conn.commit()
    conn.close()
    name, legacy = next((n, d) for n, d in legacy_dirs.items() if n in ("rich", "one_stack")) if any(n in legacy_dirs for n in ("rich", "one_stack")) else next(iter(legacy_dirs.items()))
    plan = plan_for(legacy, target, "default", version)
    before = target.db.read_bytes(), (cfg / "config.yaml").read_bytes(), sorted(os.listdir(target.db.parent))
    with pytest.raises(TargetError, match="rolled back, nothing written"):
        target.write(plan)
    assert (target.db.read_bytes(), (cfg / "config.yaml").read_bytes(), sorted(os.listdir(target.db.parent))) == before


def test_missing_store_is_refused(tmp_path, legacy_dirs):
    target = StoreTarget(config_dir=str(tmp_path))
    with pytest.raises(TargetError, match="zenml stack list"):
        target.existing("default")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- --server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_health(url: str) -> None:
    deadline = time.time() + WAIT_S
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url}/health did not answer within {WAIT_S}s")


def server_state(target: RestTarget) -> str:
    target.login()
    api = target.api
    lists = [api.get("/api/v1/projects"), api.get("/api/v1/components"), api.get("/api/v1/stacks"), api.get("/api/v1/flavors")]
    return json.dumps(lists, sort_keys=True)


#: what the real 0.20.x server answers when its every-10-s MLMD sync (a thread of its own) and a
#: request handler use its one MLMD connection at once; seen in clean-clone CI under load, after
#: which that server kept failing every read of a step's status (20 s of retried GETs did not help).
#: Seen on a write too (CI of b226f46: POST of an orchestrator answered 500 on 0.20.5; the
#: migration rolled back and said "nothing written", the TargetError the retry now also takes)
SERVER_RACE = ("Transaction already open", "Internal Server Error")


def on_a_live_server(version: str, servers, tmp_path_factory, attempt):
    """``attempt(url, cfg, tag)`` on the session's live server of ``version``; when that server broke
    under us (SERVER_RACE: not our migration), the whole attempt once more on a private server
    started and stopped here. Any other failure fails."""
    url, cfg = servers[version]
    try:
        return attempt(url, cfg, "")
    except (AssertionError, TargetError) as error:
        if not any(mark in str(error) for mark in SERVER_RACE):
            raise
    cfg = tmp_path_factory.mktemp(f"server-retry{version}") / "zenml"
    port = free_port()
    realzenml.server_up(version, port, cfg, timeout=WAIT_S)
    try:
        wait_health(f"http://127.0.0.1:{port}")
        return attempt(f"http://127.0.0.1:{port}", cfg, "-retry")
    finally:
        realzenml.server_down(version, cfg, timeout=WAIT_S)


@pytest.fixture(scope="session")
def rest_run(servers, legacy_dirs, tmp_path_factory):

    def attempt(version, url, cfg):
        target = RestTarget(url, "default", password="", config_dir=str(cfg))  # `zenml up`: empty password
        plans, again = migrate_twice(target, legacy_dirs, version, lambda: server_state(target))
        return plans, dump(version, cfg, list(plans)), again

    return per_version(lambda version: on_a_live_server(version, servers, tmp_path_factory, lambda url, cfg, _tag: attempt(version, url, cfg)))


@pytest.mark.parametrize("version", VERSIONS)
def test_rest_target_read_back_by_real_zenml(rest_run, version):
    plans, seen, again = rest_run[version]
    assert seen["zenml_version"] == version
    assert_readback(plans, seen)
    assert_nothing_written(again)


@pytest.mark.parametrize("version", VERSIONS)
def test_rest_write_failing_midway_leaves_the_server_as_before(servers, legacy_dirs, monkeypatch, version):
    url, cfg = servers[version]
    monkeypatch.setenv(PASSWORD_ENV, "")
    legacy = max(legacy_dirs.values(), key=lambda d: len(read_legacy(str(d)).profiles[0].stacks) if read_legacy(str(d)).profiles else 0)
    target = RestTarget(url, "default", config_dir=str(cfg))
    target.login()
    target.api.post("/api/v1/projects", {"name": f"clash_{version.replace('.', '')}", "description": ""})
    project = f"clash_{version.replace('.', '')}"
    plan = plan_for(legacy, target, project, version)
    flavors, components, stacks = plan.writable()
    assert components and stacks
    stale = target._snapshot(project)
    # a name clash created on purpose behind the plan's back: the LAST stack of the plan
    default_ids = {c["type"]: [c["id"]] for c in target.api.get(f"/api/v1/projects/{project}/components")}
    if not default_ids:
        made = [target.api.post(f"/api/v1/projects/{project}/components", {"name": "default", "type": t, "flavor": "local", "configuration": {}, "is_shared": False}) for t in ("orchestrator", "artifact_store")]
        default_ids = {m["type"]: [m["id"]] for m in made}
    target.api.post(f"/api/v1/projects/{project}/stacks", {"name": stacks[-1].target_name, "components": default_ids, "is_shared": False})
    before = server_state(target)
    monkeypatch.setattr(target, "_snapshot", lambda _project: stale)
    with pytest.raises(TargetError, match="409.*deleted again, nothing written"):
        target.write(plan)
    assert server_state(target) == before


# ---------------------------------------------------------------- --bundle


@pytest.fixture(scope="session")
def bundle_run(fresh_store, legacy_dirs, tmp_path_factory):

    def run(version):
        name = next((n for n in BUNDLE_FIXTURES[version] if n in legacy_dirs), next(iter(legacy_dirs)))
        base = tmp_path_factory.mktemp(f"bundle{version}")
        cfg = copy_config(fresh_store[version], base / "zenml")
        target = BundleTarget(str(base / "bundle"))
        plan = plan_for(legacy_dirs[name], target, "default", version)  # imported into the active project
        target.write(plan)
        ported = base / "ported"  # the Flavor class the user wrote for a step operator that needs one
        ported.mkdir()
        (ported / "ported_ops.py").write_text(PORTED_OP)
        env = realzenml.env_for(cfg, {"PYTHONPATH": f"{PKG}{os.pathsep}{ported}"})
        env["PATH"] = f"{realzenml.venv_python(version).parent}:{env['PATH']}"
        for f in plan.writable()[0]:
            if f.needs_flavor_class and f.legacy.type == "step_operator":
                env[flavor_source_var(f.target_name, f.legacy.type)] = "ported_ops.LegacyOpFlavor"
                f.flavor_source, f.needs_flavor_class = "ported_ops.LegacyOpFlavor", False  # as planned with it
        run = subprocess.run(["sh", str(base / "bundle" / "import.sh")], cwd=str(base), env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600)
        seen = dump(version, cfg, ["default"], [ported])
        return {name: plan}, {name: run}, {"projects": {name: seen["projects"]["default"]}}

    return per_version(run)


@pytest.mark.parametrize("version", VERSIONS)
def test_bundles_import_without_prompt_and_read_back(bundle_run, version):
    plans, runs, seen = bundle_run[version]
    for name, run in runs.items():
        needs_class = any(f.needs_flavor_class for f in plans[name].writable()[0])
        assert "Aborted" not in run.stderr and "[y/N]" not in run.stdout and "Traceback" not in run.stderr, run.stderr
        assert run.returncode == (1 if needs_class else 0), f"{name}: {run.stdout}\n{run.stderr}"
        # on 0.20.0 too, where `zenml <type> flavor register` cannot register any custom flavor
        for f in plans[name].writable()[0]:
            assert f"flavor {f.target_name} ({f.legacy.type}) registered from {f.flavor_source}" in run.stdout, run.stdout + run.stderr
    importable = {}
    for name, plan in plans.items():
        skipped = {s.target_name for s in plan.writable()[2] if any(c.custom_flavor and not _has_class(plan, c) for c in s.components.values())}
        plan.stacks = [s for s in plan.stacks if s.target_name not in skipped]
        kept = {id(c) for s in plan.stacks for c in s.components.values()}
        plan.components = [c for c in plan.components if id(c) in kept]
        importable[name] = plan
    assert_readback(importable, seen, exact=False)


@pytest.fixture(scope="session")
def flavor_script_runs(fresh_store, tmp_path_factory):
    """The bundle's register_flavor.py straight into a fresh store: a ported class, the same again,
    then that class for another component type."""
    source = "my_flavors.flavors.my_orchestrator_flavor.MyOrchestratorFlavor"

    def run(version):
        base = tmp_path_factory.mktemp(f"flavor-script{version}")
        cfg = copy_config(fresh_store[version], base / "zenml")
        script = shutil.copy(Path(bundle_target.__file__).with_name("register_flavor.py"), base)  # alone, as in a bundle
        calls = (("orchestrator", "my_custom", source), ("orchestrator", "my_custom", source), ("step_operator", "other_op", source))
        return [realzenml.python(version, [script, *call], cfg, cwd=base, env={"PYTHONPATH": str(PKG)}, check=False) for call in calls]

    return per_version(run)


@pytest.mark.parametrize("version", VERSIONS)
def test_bundle_flavor_script_registers_once_and_checks_the_type(flavor_script_runs, version):
    first, again, wrong = flavor_script_runs[version]
    assert first.returncode == 0 and "flavor my_custom (orchestrator) registered from my_flavors." in first.stdout, first.stderr[-3000:]
    assert again.returncode == 0 and "flavor my_custom (orchestrator) exists: skipped" in again.stdout, again.stderr[-3000:]
    assert wrong.returncode == 1 and "is a flavor of the type orchestrator, not step_operator" in wrong.stderr, wrong.stderr[-3000:]
    assert "Traceback" not in first.stderr + again.stderr + wrong.stderr


def _has_class(plan: Plan, c) -> bool:
    return any(f.flavor_source for f in plan.flavors if f.legacy.type == c.legacy.type and f.target_name == c.target_flavor)
