"""port28 G3 "not done": ``self.run_step(...)`` in a class whose base is another project module's
class got no ZM003 although 0.20's ``BaseOrchestrator.run_step`` raises TypeError on
``pb2_pipeline=``. The call is now judged by the zenml method's 0.20 signature when the user's
classes surely do not declare the method (overrides included: the cross-file fact
``<Class>.__declares__`` of the other module's class); an override keeps it silent. A parameter
``o: QueueOrchestrator`` is judged the same way (port30, port29 item 3: by the annotated class, as
ZM004 judges its member reads and as a type checker does; before, it stayed silent since it "may
hold a subclass that overrides the method", while ``o.runtime_options`` got ZM004)."""

import json

from tests.scan_helpers import migrate, write_tree

ORCH = '''\
from zenml.orchestrators import BaseOrchestrator


class QueueOrchestrator(BaseOrchestrator):
    """Runs the steps in order."""

    def options(self):
        return {}
'''
OVERRIDE = ORCH + '''
    def run_step(self, step, run_name=None, pb2_pipeline=None):
        return step
'''
USE = '''\
from orch import QueueOrchestrator


def drive(o: QueueOrchestrator, step, pb2):
    o.run_step(step, run_name="r", pb2_pipeline=pb2)


class Helper(QueueOrchestrator):
    def go(self, step, pb2):
        self.run_step(step, run_name="r", pb2_pipeline=pb2)
'''


def _zm003(root):
    out = json.loads(migrate(["scan", ".", "--format", "json", "--no-cache"], root).out)
    return sorted((f["path"], f["line"]) for f in out["findings"] if f["code"] == "ZM003")


def test_calls_on_instances_and_subclasses_of_another_module_are_judged(tmp_path):
    write_tree(tmp_path, {"orch.py": ORCH, "use.py": USE})
    assert _zm003(tmp_path) == [("use.py", 5), ("use.py", 10)]


def test_an_override_in_the_other_module_keeps_them_silent(tmp_path):
    write_tree(tmp_path, {"orch.py": OVERRIDE, "use.py": USE})
    assert _zm003(tmp_path) == []


MADE = '''\
from orch import QueueOrchestrator


def build(step, pb2):
    o = QueueOrchestrator(name="q")
    o.run_step(step, run_name="r", pb2_pipeline=pb2)
    return o.runtime_options


def typed(o: QueueOrchestrator):
    return o.runtime_options, o.options()
'''


def test_calls_and_reads_on_an_instance_follow_one_policy(tmp_path):
    """A constructed instance and an annotated parameter: the call (ZM003) and the member read
    (ZM004) of a zenml member the user's class does not declare are both reported; a member it
    declares (``options``) is not."""
    write_tree(tmp_path, {"orch.py": ORCH, "made.py": MADE})
    out = json.loads(migrate(["scan", ".", "--format", "json", "--no-cache"], tmp_path).out)
    found = sorted((f["code"], f["line"]) for f in out["findings"] if f["code"] in ("ZM003", "ZM004"))
    assert found == [("ZM003", 6), ("ZM004", 7), ("ZM004", 11)]
    write_tree(tmp_path / "own", {"orch.py": OVERRIDE, "made.py": MADE})
    out = json.loads(migrate(["scan", ".", "--format", "json", "--no-cache"], tmp_path / "own").out)
    assert sorted((f["code"], f["line"]) for f in out["findings"] if f["code"] == "ZM003") == []
