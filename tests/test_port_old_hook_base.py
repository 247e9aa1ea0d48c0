"""port28 open item: a component class with no FLAVOR and no fields (a base class its subclasses
register) that overrides a hook 0.20 calls with other parameters got no finding, and the port of
its subclass (which inherits the hook) said "[*] safe": on the real 0.20.0/0.20.5
``stack.prepare_pipeline_deployment(deployment=..., stack=...)`` raised TypeError in the base's
``prepare_pipeline_deployment(self, pipeline, stack, runtime_configuration)``. Such a class is
now ported too when a class of its module that the run ports derives from it
(``ModulePlanner._old_hooks``, ``_ported_subclass``): a Config and the implementation with the 0.20
hook signature, no Flavor (it has no FLAVOR), at the level of its hooks' adaptation. A FLAVOR-less
class nothing ported derives from stays as written, its member reads and calls judged by
ZM003/ZM004 (aab414c, tests/test_unported_component_self_reads.py). (port29-hooks ported every such
class; port30 narrowed it.)"""

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


def test_a_flavorless_class_with_an_old_hook_is_ported_with_its_ported_subclass(tmp_path):
    write_tree(tmp_path, {"audit.py": AUDIT, "queue_orch.py": QUEUE, "ready.py": READY})
    assert _zm409(tmp_path) == [("audit.py", 8, "safe"), ("audit.py", 16, "safe")]
    migrate(["code", ".", "--fix", "--no-cache"], tmp_path)
    audit = (tmp_path / "audit.py").read_text()
    assert "def prepare_pipeline_deployment(self, deployment: PipelineDeployment, stack: Stack):" in audit
    assert "class AuditBaseFlavor" not in audit and "class AuditOrchestratorFlavor(BaseOrchestratorFlavor):" in audit
    assert "class AuditOrchestratorConfig(AuditBaseConfig):" in audit
    assert (tmp_path / "ready.py").read_text() == READY
    assert _zm409(tmp_path) == []


def test_a_flavorless_class_nothing_ported_derives_from_stays_as_written(tmp_path):
    """QUEUE: no subclass; a subclass in the 0.20 shape ports nothing either."""
    shaped = QUEUE + '''

class ShapedOrchestrator(QueueOrchestrator):
    @property
    def config(self):
        return self._config
'''
    write_tree(tmp_path, {"queue_orch.py": QUEUE, "shaped.py": shaped})
    assert _zm409(tmp_path) == []
    migrate(["code", ".", "--fix", "--unsafe-fixes", "--no-cache"], tmp_path)
    queue = (tmp_path / "queue_orch.py").read_text()
    assert "def prepare_or_run_pipeline(self, sorted_steps, pipeline, pb2_pipeline, stack, runtime_configuration):" in queue
    assert "class QueueOrchestratorConfig" not in queue and "# TODO(zenml-migrate): ZM003 " in queue


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


BASE_MODULE = AUDIT[:AUDIT.index("class AuditOrchestrator")]
SUB_MODULE = "from typing import ClassVar\n\nfrom audit_base import AUDIT, AuditBase\n\n\n" + AUDIT[AUDIT.index("class AuditOrchestrator"):]


def test_a_subclass_in_another_module_says_what_its_base_s_old_hook_needs(tmp_path):
    """The base's module has no ported subclass: it is left as written, and its facts carry the old
    hook (``Facts.hooks``): the port of the subclass in another module is not "[*] safe" any more (it
    was, and ZenML 0.20's call raised TypeError in the inherited hook) but leaves a TODO saying so."""
    write_tree(tmp_path, {"audit_base.py": BASE_MODULE, "audit_orch.py": SUB_MODULE})
    assert _zm409(tmp_path) == [("audit_orch.py", 7, "unsafe")]
    migrate(["code", ".", "--fix", "--unsafe-fixes", "--no-cache"], tmp_path)
    sub = (tmp_path / "audit_orch.py").read_text()
    assert ("# TODO(zenml-migrate): ZM409 `AuditBase.prepare_pipeline_deployment` keeps its 0.13.2 parameters "
            "(`pipeline`, `stack`, `runtime_configuration`); ZenML 0.20 calls `prepare_pipeline_deployment(self, "
            "deployment: PipelineDeployment, stack: Stack)` on this class (TypeError)") in sub
    assert (tmp_path / "audit_base.py").read_text() == BASE_MODULE
    overriding = SUB_MODULE + "\n    def prepare_pipeline_deployment(self, deployment, stack):\n        AUDIT.append('own')\n"
    write_tree(tmp_path / "own", {"audit_base.py": BASE_MODULE, "audit_orch.py": overriding})
    assert _zm409(tmp_path / "own") == [("audit_orch.py", 7, "safe")]
