"""The component class mixing in a plain class of another module runs on the real ZenML
(tests/test_port_plain_mixin.py's project): the original on 0.13.2 and the safe ``--fix``ed copy
on 0.20.0 and 0.20.5 give the same value. Before, the safe ``--fix`` left the class for a human
(a TODO: "no port facts" for the mixin); the port needed ``--unsafe-fixes``."""

import pytest

from tests.test_port_plain_mixin import FILES
from tests.test_port_reexported_base_real_zenml import results_before_and_after

pytestmark = pytest.mark.real_zenml

CALL = 'import json\nprint("RESULT " + json.dumps(component.describe()))\n'


def test_the_ported_class_with_a_plain_mixin_runs_on_020(tmp_path):
    expected = f"[team] ops@{tmp_path / 'store'}"
    assert results_before_and_after(tmp_path, FILES, "teamkit.store", "TeamStore", "team='ops'", CALL) == [expected] * 3
