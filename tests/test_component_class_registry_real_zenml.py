"""ZM447: a ZenML 0.6-0.7 ``@register_stack_component_class`` module (the decorator and the 0.6
flavor enums fail at import on 0.13.2 and 0.20; so do the registry's call form and a 0.6 ``flavor``
property), on the real ZenMLs: after ``migrate code --fix`` it imports on 0.20.0 and 0.20.5 and its
class is still a subclass of the 0.20 component it extended, with no ``flavor`` of its own."""

import pytest

from tests.realzenml import PROBE_EACH_MODULE, probe_facts
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

PROBE = "import importlib, json, sys\n" + PROBE_EACH_MODULE + '''    from zenml.stack import StackComponent
    for value in vars(module).values():
        if isinstance(value, type) and value.__module__ == name:
            # 0.20 sets `flavor` on the instance: a read-only property of that name fails when it is built
            got[value.__name__] = [issubclass(value, StackComponent), "flavor" in vars(value)]
    facts[name] = got
print("RESULT " + json.dumps(facts, sort_keys=True))
'''

# source, its classes on 0.20 after the fix ([a subclass of the 0.20 component, has a `flavor` of its own]), ZM447 TODOs
CASES = {
    "queue": (SOURCE, {"QueueOrchestrator": [True, False]}, 1),  # the decorator returned the class unchanged
    "scratch": (CALL_SOURCE, {"ScratchStore": [True, False]}, 2),  # the property and the call, each commented out
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_registered_component_module_imports_on_020_after_the_fix(tmp_path, case):
    source, classes, todos = CASES[case]
    root = tmp_path / "project"
    root.mkdir()
    fixed = fix_source(source, f"fixed_{case}.py")
    code_lines = [line for line in fixed.text.splitlines() if not line.lstrip().startswith("#")]
    assert fixed.error is None and not any("Flavor" in line or "register" in line for line in code_lines), fixed.text
    assert fixed.text.count("# TODO(zenml-migrate): ZM447 ") == todos  # how 0.20 registers a flavor
    (root / f"old_{case}.py").write_text(source)
    (root / f"fixed_{case}.py").write_text(fixed.text)
    (root / "probe.py").write_text(PROBE)
    assert probe_facts("0.13.2", root, [f"old_{case}"], tmp_path / "cfg-0.13.2") == {f"old_{case}": "ImportError"}
    for version in ("0.20.0", "0.20.5"):
        facts = probe_facts(version, root, [f"old_{case}", f"fixed_{case}"], tmp_path / f"cfg-{version}")
        assert facts == {f"old_{case}": "ImportError", f"fixed_{case}": classes}, version
