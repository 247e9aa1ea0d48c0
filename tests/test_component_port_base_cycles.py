"""A class of the module that names a base through a name rebound later (``class Base(Mine)``
after ``class Mine(Base)``: valid Python, the second ``Base`` derives from ``Mine``) makes a
cycle in the module's class table. The port's walk over same-module bases (review27 P3) guarded
only a class naming itself: two classes naming each other recursed until RecursionError, and
the whole file was skipped ("too deeply nested to analyse", ZM001)."""

import textwrap

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

CYCLE = textwrap.dedent(
    '''\
    from zenml.orchestrators import BaseOrchestrator


    class Base(BaseOrchestrator):
        def prepare_pipeline_deployment(self, pipeline, stack, runtime_configuration):
            pass


    class Mine(Base):
        FLAVOR = "mine"

        def run_pipeline(self, pipeline, stack, runtime_configuration):
            return None


    class Base(Mine):
        pass
    '''
)


def test_two_classes_naming_each_other_are_scanned():
    codes = [f.code for f in scan_source(CYCLE, "orch.py")]
    assert "ZM001" not in codes and "ZM409" in codes, codes


def test_a_diamond_of_module_bases_is_no_cycle():
    """Two bases that share a base of the module: each path is walked, the shared one is known."""
    text = CYCLE.replace("class Base(Mine):\n    pass\n", "") + textwrap.dedent(
        '''

        class Left(Base):
            pass


        class Right(Base):
            pass


        class Both(Left, Right):
            FLAVOR = "both"

            def run_pipeline(self, pipeline, stack, runtime_configuration):
                return None
        '''
    )
    found = [(f.code, f.span.line) for f in scan_source(text, "orch.py")]
    assert ("ZM409", 27) in found and not [c for c, _ in found if c == "ZM001"], found


def test_the_cycle_is_fixed_without_error():
    result = fix_source(CYCLE, "orch.py")
    assert result.error is None and "class MineFlavor(BaseOrchestratorFlavor):" in result.text
