"""tests/test_patchers.py's answers on the real ZenML 0.20.5 interpreter (``unittest.mock`` as the
migrated tests run it): a decorator ``<x>.object(...)`` that is no patcher gives the test no
argument, so the mock of the ``@mock.patch`` above it is its first parameter; ``mock.patch(obj,
"name")`` patches nothing (TypeError), ``mock.patch.object(obj, "name")`` patches ``obj.name``."""

import json

import pytest

from tests.realzenml import python

pytestmark = pytest.mark.real_zenml

PROBE = '''
import json
from unittest import mock

from zenml.client import Client


class registry:
    @staticmethod
    def object(*names):  # a decorator factory that is no patcher
        return lambda func: func


out = {}


@mock.patch("zenml.client.Client")
@registry.object("reports", "runs")
def test_runs(*args):
    out["arguments"] = [type(a).__name__ for a in args]


test_runs()
try:
    mock.patch(Client, "activate_stack")
except TypeError:
    out["patch(obj, name)"] = "TypeError"
with mock.patch.object(Client, "activate_stack") as stand_in:
    out["patch.object(obj, name)"] = Client.activate_stack is stand_in
print("RESULT " + json.dumps(out))
'''


def test_mock_semantics_on_0205(tmp_path):
    (tmp_path / "probe.py").write_text(PROBE)
    proc = python("0.20.5", ["probe.py"], tmp_path / "cfg", cwd=tmp_path)
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))
    assert json.loads(line[len("RESULT "):]) == {
        "arguments": ["MagicMock"], "patch(obj, name)": "TypeError", "patch.object(obj, name)": True,
    }
