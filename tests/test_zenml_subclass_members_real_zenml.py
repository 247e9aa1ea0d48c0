"""On the real ZenML 0.13.2, 0.20.0 and 0.20.5: the stack's component properties return the base
classes ``api013.STACK_COMPONENTS`` names (their return annotations), and the members
tests/test_zenml_subclass_members.py expects to be reported fail on the active stack of a fresh
0.20 store while 0.13.2 had them (and those it expects not to be reported do not fail there)."""

import json

import pytest

from tests.realzenml import python
from zenml_migrate.scan import api013

pytestmark = pytest.mark.real_zenml

PROBE = '''
import importlib, json, sys
from zenml.stack.stack import Stack

table = json.loads(sys.argv[1])
out = {"annotations": {}, "members": {}}
for prop, instance in table.items():
    module, _, name = instance[:-2].rpartition(".")
    annotation = str(getattr(Stack, prop).fget.__annotations__.get("return"))
    cls = getattr(importlib.import_module(module), name)
    out["annotations"][prop] = [name in annotation, cls.__name__ == name]
try:
    from zenml.client import Client
    store, stack = Client().zen_store, Client().active_stack
except ImportError:
    from zenml.repository import Repository
    store, stack = Repository().zen_store, Repository().active_stack
for owner, obj, member in (("store", store, "stack_configurations"), ("store", store, "get_stack_configuration"),
                           ("orchestrator", stack.orchestrator, "runtime_options"),
                           ("artifact_store", stack.artifact_store, "path"), ("orchestrator", stack.orchestrator, "prepare_pipeline_run")):
    out["members"][f"{owner}.{member}"] = hasattr(obj, member)
print("RESULT " + json.dumps(out))
'''


@pytest.mark.parametrize("version", ["0.13.2", "0.20.0", "0.20.5"])
def test_stack_component_properties_and_the_members_judged(version, tmp_path):
    (tmp_path / "probe.py").write_text(PROBE)
    table = {key.rpartition(".")[2]: value for key, value in api013.STACK_COMPONENTS.items()}
    proc = python(version, ["probe.py", json.dumps(table)], tmp_path / "cfg", cwd=tmp_path)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
    assert line is not None, (proc.stdout, proc.stderr)
    out = json.loads(line[len("RESULT "):])
    assert out["annotations"] == {prop: [True, True] for prop in table}, out
    old = version == "0.13.2"
    assert out["members"] == {
        "store.stack_configurations": old, "store.get_stack_configuration": old, "orchestrator.runtime_options": old,
        "artifact_store.path": True, "orchestrator.prepare_pipeline_run": old,
    }, out
