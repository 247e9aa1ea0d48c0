"""``self.<inherited zenml method>(0.13.2 arguments)`` in a user's subclass (review24 G3).

``class Builder(PipelineDockerImageBuilder)`` calling ``self.build_and_push_docker_image(pipeline_name=...,
docker_configuration=..., stack=..., runtime_configuration=...)`` (the 0.13.2 call; 0.20 takes
``deployment, stack``) had no finding, while the same call on ``PipelineDockerImageBuilder()`` had ZM003:
a user's subclass was never signature-checked. Where no class of the user's between ``self``'s class and
the zenml class declares the method (its body, an assignment on ``self``, an override), the call is the
zenml method's and its 0.20 signature judges it. In a class the ZM409 port rewrites (``self`` is the
ported component there), the port gets a TODO naming the call and is unsafe:
``self.run_step(step=..., run_name=..., pb2_pipeline=...)`` in a custom orchestrator (0.20's
``run_step(step, run_name=None)``). The real runs: tests/test_inherited_method_calls_real_zenml.py.
"""

import textwrap

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

BUILDER = textwrap.dedent('''
    from zenml.utils.pipeline_docker_image_builder import PipelineDockerImageBuilder


    class Builder(PipelineDockerImageBuilder):
        def go(self, pipeline, stack, runtime_configuration):
            return self.build_and_push_docker_image(
                pipeline_name=pipeline.name,
                docker_configuration=pipeline.docker_configuration,
                stack=stack,
                runtime_configuration=runtime_configuration,
            )


    class Patched(PipelineDockerImageBuilder):
        def __init__(self):
            self.build_and_push_docker_image = lambda **kw: kw

        def go(self):
            return self.build_and_push_docker_image(pipeline_name="x")


    class Base(PipelineDockerImageBuilder):
        def build_and_push_docker_image(self, pipeline_name):
            return pipeline_name


    class Sub(Base):
        def go(self):
            return self.build_and_push_docker_image(pipeline_name="x")


    class Fine(PipelineDockerImageBuilder):
        def go(self, deployment, stack):
            return self.build_and_push_docker_image(deployment=deployment, stack=stack)


    def elsewhere(builder: Builder):
        return builder.build_and_push_docker_image(pipeline_name="x")
''').lstrip()


def test_a_call_of_the_inherited_zenml_method_is_checked_where_no_user_class_declares_it():
    found = [(f.code, f.span.line) for f in scan_source(BUILDER, "b.py") if f.code in ("ZM002", "ZM003")]
    # not Patched/Sub (they declare it), nor Fine; ``builder: Builder`` is judged by ``Builder`` (port30: one
    # policy with ZM004's member reads; before, silent as "it may be a subclass's")
    assert found == [("ZM003", 6), ("ZM003", 38)]


ORCHESTRATOR = textwrap.dedent('''
    from typing import Any, ClassVar

    from zenml.orchestrators import BaseOrchestrator


    class SerialOrchestrator(BaseOrchestrator):
        FLAVOR: ClassVar[str] = "serial"

        retries: int = 1

        def prepare_or_run_pipeline(self, sorted_steps, pipeline, pb2_pipeline, stack, runtime_configuration) -> Any:
            for step in sorted_steps:
                for _ in range(self.retries):
                    self.run_step(step=step, run_name=runtime_configuration.run_name, pb2_pipeline=pb2_pipeline)
''').lstrip()


def test_the_port_names_a_call_of_an_inherited_method_that_0_20_rejects():
    (port,) = [f for f in scan_source(ORCHESTRATOR, "o.py") if f.code == "ZM409"]
    assert port.fix == "unsafe"
    fixed = fix_source(ORCHESTRATOR, "o.py", unsafe=True).text
    assert ("# TODO(zenml-migrate): ZM409 `self.run_step(...)`: `BaseOrchestrator().run_step` takes no `pb2_pipeline=` "
            "in ZenML 0.20 (TypeError)") in fixed, fixed


def test_an_inherited_call_0_20_accepts_leaves_the_port_as_it_was():
    text = ORCHESTRATOR.replace(", pb2_pipeline=pb2_pipeline)", ")")
    fixed = fix_source(text, "o.py", unsafe=True).text
    assert "`self.run_step(...)`" not in fixed
