"""A bundle's import.sh after an import that stopped half-way, on the REAL ZenML 0.20.0 and 0.20.5.

``zenml stack import`` registers a stack's components one by one, then the stack, with no rollback:
an import stopped in between (Ctrl-C, a closed terminal, a failing component) leaves components
behind, and importing that file again failed with a StackComponentExistsError traceback, which
stopped import.sh (``set -e``) before the remaining stacks. Input: ``fixtures/configs/odd_names``
(real 0.13.2): its two stacks share the artifact store ``shared store`` and the secrets manager
``local sm``. Into a fresh 0.20 store we first register what a stopped import of ``stack one``
leaves (its artifact store, same flavor and configuration), then run import.sh with stdin closed.
"""

import os
import subprocess

import pytest
import yaml

from tests import realzenml
from tests.profiles.test_readers import fixture
from tests.profiles.test_real_020 import copy_config, per_version
from zenml_migrate.profiles.plan import PlanOptions, build_plan
from zenml_migrate.profiles.readers import read_legacy
from zenml_migrate.profiles.targets.bundle import BundleTarget

pytestmark = pytest.mark.real_zenml


def _import(version, fresh_store, base, leftovers):
    cfg = copy_config(fresh_store[version], base / "zenml")
    target = BundleTarget(str(base / "bundle"))
    plan = build_plan(read_legacy(str(fixture("odd_names"))), target.existing("default"),
                      PlanOptions(zenml_version=version, import_safe_names=True, history=False))
    target.write(plan)
    doc = yaml.safe_load((base / "bundle" / "stacks" / "stack_one.yaml").read_text())
    for type_, name, config in leftovers(doc):
        flags = [f"--{k}={v}" for k, v in config.items()]
        realzenml.zenml(version, [type_.replace("_", "-"), "register", name, f"--flavor={doc['components'][type_]['flavor']}", *flags],
                        cfg, cwd=base)
    env = realzenml.env_for(cfg)
    env["PATH"] = f"{realzenml.venv_python(version).parent}{os.pathsep}{env['PATH']}"
    run = subprocess.run(["sh", str(base / "bundle" / "import.sh")], cwd=str(base), env=env, stdin=subprocess.DEVNULL,
                         capture_output=True, text=True, timeout=900)
    listing = realzenml.zenml(version, ["stack", "list"], cfg, cwd=base, env={"COLUMNS": "400"}).stdout
    stores = realzenml.zenml(version, ["artifact-store", "list"], cfg, cwd=base, env={"COLUMNS": "400"}).stdout
    return plan, run, listing, stores


def _same(doc):
    store = doc["components"]["artifact_store"]
    return [("artifact_store", store["name"], store["configuration"])]


def _other(doc):
    sm = doc["components"]["secrets_manager"]
    return [("secrets_manager", sm["name"], {"secrets_file": "/somewhere/else/secrets.yaml"})]


@pytest.fixture(scope="module")
def resumed(fresh_store, tmp_path_factory):
    return per_version(lambda v: _import(v, fresh_store, tmp_path_factory.mktemp(f"resume{v}"), _same))


@pytest.fixture(scope="module")
def someone_elses(fresh_store, tmp_path_factory):
    return per_version(lambda v: _import(v, fresh_store, tmp_path_factory.mktemp(f"other{v}"), _other))


@pytest.mark.parametrize("version", ("0.20.0", "0.20.5"))
def test_a_component_left_by_a_stopped_import_is_reused(resumed, version):
    plan, run, listing, stores = resumed[version]
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Traceback" not in run.stderr and "Aborted" not in run.stderr
    assert "artifact_store shared store exists (left by an earlier import): reused" in run.stdout
    for stack in plan.writable()[2]:
        assert f" {stack.target_name} " in listing or stack.target_name[:20] in listing, listing
    assert stores.count(" shared store ") == 1, stores  # registered once, used by both stacks


@pytest.mark.parametrize("version", ("0.20.0", "0.20.5"))
def test_a_same_name_component_that_differs_skips_its_stacks_with_a_message(someone_elses, version):
    plan, run, listing, _stores = someone_elses[version]
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stdout + run.stderr
    assert "a secrets_manager named 'local sm' exists already with other values of secrets_file" in run.stderr
    assert " stack one " not in listing  # both stacks use it: left out, not imported with another secrets manager
    assert " legacy_default " in listing  # the stacks that do not use it are imported
