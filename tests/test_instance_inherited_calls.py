"""port28 G3 "not done": ``self.run_step(...)`` in a class whose base is another project module's
class got no ZM003 although 0.20's ``BaseOrchestrator.run_step`` raises TypeError on
``pb2_pipeline=``. The call is now judged by the zenml method's 0.20 signature when the user's
classes surely do not declare the method (overrides included: the cross-file fact
``<Class>.__declares__`` of the other module's class); an override keeps it silent. A parameter
``o: QueueOrchestrator`` stays silent (tests/test_inherited_method_calls.py: it may hold a subclass
that overrides the method)."""

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
    assert _zm003(tmp_path) == [("use.py", 10)]


def test_an_override_in_the_other_module_keeps_them_silent(tmp_path):
    write_tree(tmp_path, {"orch.py": OVERRIDE, "use.py": USE})
    assert _zm003(tmp_path) == []
