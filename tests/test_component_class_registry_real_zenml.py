"""ZM447: a ZenML 0.6-0.7 ``@register_stack_component_class`` module (the decorator and the 0.6
flavor enums fail at import on 0.13.2 and 0.20), on the real ZenMLs: after ``migrate code --fix``
it imports on 0.20.0 and 0.20.5 and its class is still a subclass of the 0.20 component it
extended (the decorator returned the class unchanged)."""

import pytest

from tests.realzenml import probe_facts
from zenml_migrate.fix.fixer import fix_source

pytestmark = pytest.mark.real_zenml

SOURCE = '''
from zenml.enums import OrchestratorFlavor, StackComponentFlavor, StackComponentType
from zenml.orchestrators import BaseOrchestrator
from zenml.stack.stack_component_class_registry import register_stack_component_class

KIND = StackComponentType.ORCHESTRATOR


@register_stack_component_class(KIND, OrchestratorFlavor.LOCAL)
class QueueOrchestrator(BaseOrchestrator):
    """Hands each step to the team queue."""
'''

PROBE = '''
import importlib, json, sys

facts = {}
for name in sys.argv[1:]:
    try:
        module = importlib.import_module(name)
    except ImportError:
        facts[name] = "ImportError"
        continue
    from zenml.orchestrators import BaseOrchestrator
    facts[name] = issubclass(module.QueueOrchestrator, BaseOrchestrator)
print("RESULT " + json.dumps(facts, sort_keys=True))
'''


def test_a_registered_component_module_imports_on_020_after_the_fix(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    fixed = fix_source(SOURCE, "fixed_queue.py")
    assert fixed.error is None and "@register_stack_component_class(" not in fixed.text and "OrchestratorFlavor" not in fixed.text
    assert "# TODO(zenml-migrate): ZM447 " in fixed.text  # how 0.20 registers a flavor, above the class
    (root / "old_queue.py").write_text(SOURCE)
    (root / "fixed_queue.py").write_text(fixed.text)
    (root / "probe.py").write_text(PROBE)
    assert probe_facts("0.13.2", root, ["old_queue"], tmp_path / "cfg-0.13.2") == {"old_queue": "ImportError"}
    for version in ("0.20.0", "0.20.5"):
        facts = probe_facts(version, root, ["old_queue", "fixed_queue"], tmp_path / f"cfg-{version}")
        assert facts == {"old_queue": "ImportError", "fixed_queue": True}, version


CALL_SOURCE = '''
from zenml.artifact_stores import LocalArtifactStore
from zenml.enums import ArtifactStoreFlavor, StackComponentType
from zenml.stack import stack_component_class_registry as registry


class ScratchStore(LocalArtifactStore):
    """Keeps artifacts on the node's scratch disk."""

    @property
    def flavor(self) -> ArtifactStoreFlavor:
        return ArtifactStoreFlavor.LOCAL

    def scratch(self) -> str:
        return "/scratch"


registry.StackComponentClassRegistry.register_class(
    StackComponentType.ARTIFACT_STORE, ArtifactStoreFlavor.LOCAL, ScratchStore
)
'''

CALL_PROBE = '''
import importlib, json, sys

facts = {}
for name in sys.argv[1:]:
    try:
        module = importlib.import_module(name)
    except ImportError:
        facts[name] = "ImportError"
        continue
    from zenml.artifact_stores import LocalArtifactStore
    cls = module.ScratchStore
    # 0.20 sets `flavor` on the instance: a read-only property of that name fails when it is built
    facts[name] = [issubclass(cls, LocalArtifactStore), "flavor" in vars(cls), "scratch" in vars(cls)]
print("RESULT " + json.dumps(facts, sort_keys=True))
'''


def test_a_registration_call_and_a_flavor_property_go_and_the_module_imports_on_020(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    fixed = fix_source(CALL_SOURCE, "fixed_scratch.py")
    code_lines = [line for line in fixed.text.splitlines() if not line.lstrip().startswith("#")]
    assert fixed.error is None and not any("Flavor" in line or "register_class" in line for line in code_lines), fixed.text
    assert fixed.text.count("# TODO(zenml-migrate): ZM447 ") == 2  # the property and the call, each commented out
    (root / "old_scratch.py").write_text(CALL_SOURCE)
    (root / "fixed_scratch.py").write_text(fixed.text)
    (root / "probe.py").write_text(CALL_PROBE)
    assert probe_facts("0.13.2", root, ["old_scratch"], tmp_path / "cfg-0.13.2") == {"old_scratch": "ImportError"}
    for version in ("0.20.0", "0.20.5"):
        facts = probe_facts(version, root, ["old_scratch", "fixed_scratch"], tmp_path / f"cfg-{version}")
        assert facts == {"old_scratch": "ImportError", "fixed_scratch": [True, False, True]}, version
