"""The calls tests/test_inherited_method_calls.py reports, on the real ZenML (review24 G3): 0.13.2's
methods accept them, and on 0.20.0 and 0.20.5 ``Builder().go(...)`` raises TypeError at the call, and
``run_step`` rejects ``pb2_pipeline=`` (what the port's TODO says)."""

import pytest

from tests import realzenml
from tests.test_inherited_method_calls import BUILDER
from tests.test_ported_members_real_zenml import _result

pytestmark = pytest.mark.real_zenml

PROBE = BUILDER + '''
import inspect
from zenml.orchestrators import BaseOrchestrator


class P:
    name = "p"
    docker_configuration = None


def outcome(call):
    try:
        call()
        return "accepted"
    except TypeError as exc:
        return "TypeError"


sig = inspect.signature(PipelineDockerImageBuilder.build_and_push_docker_image)
old_call = dict(pipeline_name="p", docker_configuration=None, stack=None, runtime_configuration=None)
run_step = inspect.signature(BaseOrchestrator.run_step)
print("RESULT " + json.dumps([
    outcome(lambda: sig.bind(Builder(), **old_call)),
    outcome(lambda: run_step.bind(None, step=None, run_name="r", pb2_pipeline=None)),
    outcome(lambda: Builder().go(P(), None, None)) if "deployment" in sig.parameters else "not run",
]))
'''.replace("import inspect", "import inspect, json")


def test_the_reported_calls_fail_on_020_and_worked_on_0132(tmp_path):
    (tmp_path / "probe.py").write_text(PROBE)
    assert _result(realzenml.python("0.13.2", ["probe.py"], tmp_path / "c132", cwd=tmp_path)) == ["accepted", "accepted", "not run"]
    for version in ("0.20.0", "0.20.5"):
        got = _result(realzenml.python(version, ["probe.py"], tmp_path / f"c{version}", cwd=tmp_path))
        assert got == ["TypeError", "TypeError", "TypeError"], version
