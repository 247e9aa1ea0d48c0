"""tests/test_unported_component_self_reads.py's orchestrator on the real ZenML: ``self.runtime_options``
gives ``{}`` on 0.13.2 and raises AttributeError on 0.20.0 and 0.20.5 (ZM004 says so), and
``self.run_step(step, run_name=..., pb2_pipeline=...)`` raises TypeError there (ZM003)."""

import pytest

from tests import realzenml
from tests.test_kept_flavor_string import _project
from tests.test_ported_members_real_zenml import _result
from tests.test_unported_component_self_reads import ORCH

pytestmark = pytest.mark.real_zenml

RUN = '''\
import json
import orch

cls = orch.QueueOrchestrator
cls.__abstractmethods__ = frozenset()  # the 0.20 base has abstract methods this 0.13.2 class lacks
component = object.__new__(cls)
out = []
for call in (lambda: component.options(), lambda: component.run_step("s", run_name="r", pb2_pipeline=None)):
    try:
        out.append(repr(call()))
    except (AttributeError, TypeError) as exc:
        out.append(type(exc).__name__)
print("RESULT " + json.dumps(out))
'''


def test_the_self_reads_fail_on_020_as_reported(tmp_path):
    root = _project(tmp_path, {"orch.py": ORCH, "run.py": RUN})
    assert _result(realzenml.python("0.13.2", ["run.py"], tmp_path / "c132", cwd=root))[0] == "{}"
    for version in ("0.20.0", "0.20.5"):
        assert _result(realzenml.python(version, ["run.py"], tmp_path / f"c{version}", cwd=root)) == \
            ["AttributeError", "TypeError"], version
