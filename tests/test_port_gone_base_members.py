"""``self.X`` / ``cls.X`` / ``super().X`` in a ported component class where ``X`` is a member the
0.13.2 zenml base had and the 0.20 class has not (review25 R4, wider form).

The port rewrote ``self.<field>``, ``self.FLAVOR``/``self.TYPE``/``self.uuid`` and the config
members, and left any other 0.13.2-only base member silent: ``self.get_upstream_step_names(...)``
in a custom orchestrator's helper raises AttributeError on the real 0.20.0 and 0.20.5 after a
port that named only the hook. What the 0.13.2 base had and the 0.20 class lacks comes from the
wheels' member index (``component_port.gone_base_members``; tests/test_port_gone_base_members_real_zenml.py
checks it on the real releases): each use is a TODO naming the 0.20 replacement where there is one,
and the port needs --unsafe-fixes.
"""

import textwrap

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source


def _port(code: str):
    code = textwrap.dedent(code).lstrip()
    (finding,) = [f for f in scan_source(code, "c.py") if f.code == "ZM409"]
    text = fix_source(code, "c.py", unsafe=True).text
    return finding, [line.strip() for line in text.splitlines() if "TODO(zenml-migrate)" in line]


ORCHESTRATOR = """
    from typing import ClassVar

    from zenml.orchestrators import BaseOrchestrator


    class DagOrchestrator(BaseOrchestrator):
        max_parallel: int = 2
        FLAVOR: ClassVar[str] = "dag"

        def graph(self, sorted_steps, pb2_pipeline):
            return {s.name: self.get_upstream_step_names(s, pb2_pipeline) for s in sorted_steps}

        def prepare_or_run_pipeline(self, deployment, stack):
            return self.max_parallel
"""


def test_a_0132_only_base_method_makes_the_port_unsafe_with_a_todo_naming_the_replacement():
    finding, todos = _port(ORCHESTRATOR)
    assert finding.fix == "unsafe", finding.message
    assert len(todos) == 1 and "`self.get_upstream_step_names`" in todos[0] and "step.spec.upstream_steps" in todos[0], todos


@pytest.mark.parametrize("use,named", [
    ("self.runtime_options", "`self.runtime_options`"),
    ("super().prepare_pipeline_run()", "`super().prepare_pipeline_run`"),
    ("self.cleanup_pipeline_run()", "`self.cleanup_pipeline_run`"),
])
def test_each_gone_member_is_named(use, named):
    finding, todos = _port(f"""
        from zenml.artifact_stores import LocalArtifactStore


        class TeamStore(LocalArtifactStore):
            FLAVOR = "team_local"
            team: str = "ml"

            def helper(self):
                return {use}
    """)
    assert finding.fix == "unsafe", finding.message
    assert [t for t in todos if named in t], todos


def test_a_classmethod_reading_the_pydantic_class_api_is_named():
    finding, todos = _port("""
        from zenml.artifact_stores import LocalArtifactStore


        class TeamStore(LocalArtifactStore):
            FLAVOR = "team_local"
            team: str = "ml"

            @classmethod
            def from_json(cls, text):
                return cls.parse_raw(text)
    """)
    assert finding.fix == "unsafe"
    assert [t for t in todos if "`cls.parse_raw`" in t and "no pydantic model" in t], todos


def test_members_the_class_defines_or_020_keeps_leave_the_port_safe():
    finding, todos = _port("""
        from zenml.orchestrators import BaseOrchestrator


        class Base(BaseOrchestrator):
            def get_upstream_step_names(self, step, pb2_pipeline):
                return []


        class DagOrchestrator(Base):
            FLAVOR = "dag"
            max_parallel: int = 2

            def describe(self):
                return (self.name, self.flavor, self.type, self.id, self.max_parallel, self.requirements,
                        self.get_upstream_step_names(None, None), self.validator, self.log_file)

            def prepare_or_run_pipeline(self, deployment, stack):
                return self.describe()
    """)
    assert finding.fix == "safe", finding.message
    assert todos == []


def test_the_member_index_gives_no_pydantic_model_a_fields_member():
    """pydantic 1.x (0.13.2 runs on 1.9) has no ``fields`` (only ``__fields__``): the wheels' index
    listed one for every pydantic model (scripts/build_zenml_signatures.PYDANTIC_MEMBERS), so a port
    reading ``self.fields`` got a TODO saying the 0.13.2 base had it."""
    from zenml_migrate.scan import component_members, zenml_signatures as sigs

    bases = [entry["base"] for entry in component_members.types().values()]
    assert all(sigs.members_0132(base) for base in bases)
    assert [base for base in bases if "fields" in sigs.members_0132(base)] == []
