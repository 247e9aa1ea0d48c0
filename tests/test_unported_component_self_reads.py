"""``self.<member>`` in a stack component class of the user's that the run does not port (port27's
open item: instance member reads on a user subclass outside a port).

``self`` in a component class was left to the ZM409 port (what its methods read moves into the
0.20 config). A class with no port (no ``FLAVOR``, nothing to move, or left for a human) was then
judged by nothing: ``self.runtime_options`` (0.13.2's ``StackComponent`` property, gone in 0.20)
and ``self.run_step(..., pb2_pipeline=...)`` were silent, and both fail on the real 0.20.0/0.20.5
(tests/test_unported_component_self_reads_real_zenml.py). ``self`` there is now an instance of the
class, as in any other subclass of a zenml class; a class the run ports is still the port's.
"""

from zenml_migrate.api import scan_source

ORCH = '''\
from zenml.orchestrators import BaseOrchestrator


class QueueOrchestrator(BaseOrchestrator):
    """Runs the steps in order."""

    def prepare_or_run_pipeline(self, sorted_steps, pipeline, pb2_pipeline, stack, runtime_configuration):
        for step in sorted_steps:
            self.run_step(step, run_name=runtime_configuration.run_name, pb2_pipeline=pb2_pipeline)

    def options(self):
        return dict(self.runtime_options)
'''


def _found(text):
    return [(f.code, f.span.line) for f in scan_source(text, "orch.py") if f.code in ("ZM003", "ZM004", "ZM409")]


def test_a_gone_member_read_and_an_inherited_call_on_self_of_an_unported_component_are_reported():
    found = scan_source(ORCH, "orch.py")
    assert _found(ORCH) == [("ZM003", 9), ("ZM004", 12)]
    assert "`runtime_options` is not an attribute of instances of `BaseOrchestrator` in ZenML 0.20" in found[-1].message


def test_a_member_the_class_declares_itself_and_a_ported_class_stay_the_port_s():
    own = ORCH.replace('    """Runs the steps in order."""\n', '    """Runs the steps in order."""\n\n    runtime_options = {}\n')
    assert ("ZM004", 14) not in _found(own)
    ported = ORCH.replace('    """Runs the steps in order."""\n', '    """Runs the steps in order."""\n\n    FLAVOR = "queue"\n    queue: str = "q"\n')
    found = _found(ported)
    assert ("ZM409", 7) in found and not [f for f in found if f[0] == "ZM004"], found  # the port's TODO says it


def test_the_ported_class_is_not_judged_again_after_its_port():
    """The port writes its own TODO above the method for ``self.run_step(..., pb2_pipeline=...)``; the
    class it writes is in the 0.20 shape, whose ``self`` stays the port's: no second (ZM003) TODO."""
    from zenml_migrate.fix.fixer import fix_source

    ported = ORCH.replace('    """Runs the steps in order."""\n', '    """Runs the steps in order."""\n\n    FLAVOR = "queue"\n    queue: str = "q"\n')
    fixed = fix_source(ported, "orch.py", unsafe=True).text
    assert "class QueueOrchestratorConfig(" in fixed
    assert fixed.count("takes no `pb2_pipeline=`") == 1 and "ZM003" not in fixed, fixed
