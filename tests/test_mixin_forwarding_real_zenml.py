"""The port's forwarding property runs on the real ZenML (tests/test_mixin_forwarding.py's project):
the mixin of another module reads ``self.team``; the original on 0.13.2 and the safe ``--fix``ed copy
on 0.20.0 and 0.20.5 give the same value. Before, the safe ``--fix`` left the class for a human (a
TODO, --unsafe-fixes), and after --unsafe-fixes ``label()`` raised AttributeError: 'TeamStore'
object has no attribute 'team'."""

import pytest

from tests.test_mixin_forwarding import FILES
from tests.test_port_reexported_base_real_zenml import results_before_and_after

pytestmark = pytest.mark.real_zenml

CALL = 'import json\nprint("RESULT " + json.dumps(component.label()))\n'


def test_the_mixin_reads_the_forwarded_field_on_020(tmp_path):
    assert results_before_and_after(tmp_path, FILES, "team.store", "TeamStore", "team='ops'", CALL) == ["ops!"] * 3
