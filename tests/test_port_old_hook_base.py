"""port28 open item: a component class with no FLAVOR and no fields (a base class its subclasses
register) that overrides a hook 0.20 calls with other parameters got no finding, and the port of
its subclass (which inherits the hook) said "[*] safe": on the real 0.20.0/0.20.5
``stack.prepare_pipeline_deployment(deployment=..., stack=...)`` raised TypeError in the base's
``prepare_pipeline_deployment(self, pipeline, stack, runtime_configuration)``. Such a class is
now ported too (``ModulePlanner._old_hooks``): a Config and the implementation with the 0.20
hook signature, no Flavor (it has no FLAVOR), at the level of its hooks' adaptation."""

import json

import pytest

from tests.scan_helpers import migrate, write_tree

AUDIT = '''\
from typing import ClassVar, List

from zenml.orchestrators import BaseOrchestrator

AUDIT: List[str] = []


class AuditBase(BaseOrchestrator):
    """Records what it deploys; its subclasses run the steps."""

    def prepare_pipeline_deployment(self, pipeline, stack, runtime_configuration):
        AUDIT.append(f"deploy on {stack.name}")


class AuditOrchestrator(AuditBase):
    FLAVOR: ClassVar[str] = "audit"

    def prepare_or_run_pipeline(self, sorted_steps, pipeline, pb2_pipeline, stack, runtime_configuration):
        AUDIT.append(f"run on {stack.name}")
'''
QUEUE = '''\
from zenml.orchestrators import BaseOrchestrator


class QueueOrchestrator(BaseOrchestrator):
    """Runs the steps in order."""

    def prepare_or_run_pipeline(self, sorted_steps, pipeline, pb2_pipeline, stack, runtime_configuration):
        for step in sorted_steps:
            self.run_step(step, run_name=runtime_configuration.run_name, pb2_pipeline=pb2_pipeline)
'''
# the 0.20 shape, and a base with no hook: nothing to port
READY = '''\
from typing import Any

from zenml.orchestrators import BaseOrchestrator


class ReadyOrchestrator(BaseOrchestrator):
    def prepare_or_run_pipeline(self, deployment: Any, stack: Any) -> Any:
        return None


class TeamBase(BaseOrchestrator):
    RETRIES = 3

    def retries(self) -> int:
        return self.RETRIES
'''
PROBE_0132 = '''\
import sys
sys.path.insert(0, '.')
import audit

class S:
    name = "s1"

c = audit.AuditOrchestrator(name="probe")
c.prepare_pipeline_deployment(pipeline=None, stack=S(), runtime_configuration=None)
c.prepare_or_run_pipeline(sorted_steps=[], pipeline=None, pb2_pipeline=None, stack=S(), runtime_configuration=None)
print("AUDIT", audit.AUDIT)
'''
# as ZenML 0.20 calls them (zenml/stack/stack.py, zenml/orchestrators/base_orchestrator.py)
CALLS_020 = '''
class S:
    name = "s1"

component.prepare_pipeline_deployment(deployment=None, stack=S())
component.prepare_or_run_pipeline(deployment=None, stack=S())
print("AUDIT", audit.AUDIT)
'''


def _zm409(root):
    out = json.loads(migrate(["scan", ".", "--format", "json", "--no-cache"], root).out)
    return sorted((f["path"], f["line"], f["fix"]) for f in out["findings"] if f["code"] == "ZM409")


def test_a_flavorless_class_with_an_old_hook_is_ported(tmp_path):
    write_tree(tmp_path, {"audit.py": AUDIT, "queue_orch.py": QUEUE, "ready.py": READY})
    assert _zm409(tmp_path) == [("audit.py", 8, "safe"), ("audit.py", 16, "safe"), ("queue_orch.py", 4, "unsafe")]
    migrate(["code", ".", "--fix", "--no-cache"], tmp_path)
    audit = (tmp_path / "audit.py").read_text()
    assert "def prepare_pipeline_deployment(self, deployment: PipelineDeployment, stack: Stack):" in audit
    assert "class AuditBaseFlavor" not in audit and "class AuditOrchestratorFlavor(BaseOrchestratorFlavor):" in audit
    assert (tmp_path / "ready.py").read_text() == READY
    migrate(["code", ".", "--fix", "--unsafe-fixes", "--no-cache"], tmp_path)
    queue = (tmp_path / "queue_orch.py").read_text()
    assert "def prepare_or_run_pipeline(self, deployment: PipelineDeployment, stack: Stack):" in queue
    assert "# TODO(zenml-migrate): ZM409 `self.run_step(...)`" in queue and "class QueueOrchestratorFlavor" not in queue
    assert _zm409(tmp_path) == []


@pytest.mark.real_zenml
def test_the_ported_hooks_run_on_the_real_020(tmp_path):
    from tests.realzenml import built_component, python

    root = write_tree(tmp_path / "proj", {"audit.py": AUDIT, "probe.py": PROBE_0132})
    before = python("0.13.2", ["probe.py"], tmp_path / "c0132", cwd=root)
    said = "AUDIT ['deploy on s1', 'run on s1']"
    assert said in before.stdout, before.stdout + before.stderr
    migrate(["code", "audit.py", "--fix", "--no-cache"], root)
    (root / "probe.py").write_text(built_component("audit", "AuditOrchestrator", "") + CALLS_020)
    for version in ("0.20.0", "0.20.5"):
        after = python(version, ["probe.py"], tmp_path / f"c{version}", cwd=root)
        assert said in after.stdout, after.stdout + after.stderr
