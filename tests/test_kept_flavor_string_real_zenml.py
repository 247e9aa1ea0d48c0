"""The ``FLAVOR`` string a port keeps, on the real ZenML (tests/test_kept_flavor_string.py's project).

``catalog.py`` reads ``X.FLAVOR`` of two component classes the ZM409 port rewrites, in a loop
and through ``getattr``, and calls a classmethod reading ``cls.FLAVOR``. It imports on 0.13.2 as
written and, after ``migrate code --fix``, on 0.20.0 and 0.20.5 with the same values (before:
AttributeError, no finding). On 0.20.5 the ported Flavor classes register the way ``zenml <type>
flavor register`` does (``Client.create_flavor``) with the implementation keeping ``FLAVOR``
(0.20.0 registers no custom flavor at all, see tests/test_flavors_real_zenml.py).
"""

import json
import shutil

import pytest

from tests import realzenml
from tests.test_kept_flavor_string import FILES, _migrate, _project

pytestmark = pytest.mark.real_zenml

READ = """
import json, sys
import catalog
print("RESULT " + json.dumps({"names": catalog.NAMES, "by_name": catalog.BY_NAME, "label": catalog.LABEL}))
"""

REGISTER = """
import json, sys
from zenml.client import Client
from zenml.enums import StackComponentType
from zenml.models import FlavorModel

client = Client()
out = {}
for type_, source in (("experiment_tracker", "fleet.trackers.JsonlTrackerFlavor"), ("alerter", "fleet.alerts.ConsoleAlerterFlavor")):
    model = client.create_flavor(FlavorModel(
        source=source, type=StackComponentType(type_), user=client.active_user.id,
        project=client.active_project.id, name="", config_schema="",
    ))
    flavor = client.get_flavor_by_name_and_type(model.name, StackComponentType(type_))
    out[source] = [model.name, flavor.source]
print("RESULT " + json.dumps(out))
"""


def _result(proc) -> dict:
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
    assert line is not None, proc.stdout + proc.stderr
    return json.loads(line[len("RESULT "):])


@pytest.fixture(scope="module")
def trees(tmp_path_factory):
    old = _project(tmp_path_factory.mktemp("old"), FILES)
    fixed = tmp_path_factory.mktemp("fixed") / "proj"
    shutil.copytree(old, fixed)
    proc = _migrate(fixed, "code", ".", "--fix")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    for root in (old, fixed):
        (root / "read.py").write_text(READ)
        (root / "register.py").write_text(REGISTER)
    return old, fixed


def test_reads_elsewhere_give_the_same_values_on_020(trees, tmp_path):
    old, fixed = trees
    expected = {"names": ["console_alerts", "jsonl_runs"],
                "by_name": {"jsonl_runs": "JsonlTracker", "console_alerts": "ConsoleAlerter"},
                "label": "console_alerts alerter"}
    assert _result(realzenml.python("0.13.2", ["read.py"], tmp_path / "c132", cwd=old)) == expected
    for version in ("0.20.0", "0.20.5"):
        assert _result(realzenml.python(version, ["read.py"], tmp_path / f"c{version}", cwd=fixed)) == expected, version


def test_the_ported_flavors_register_on_0205(trees, tmp_path):
    _, fixed = trees
    got = _result(realzenml.python("0.20.5", ["register.py"], tmp_path / "reg", cwd=fixed, env={"PYTHONPATH": str(fixed)}))
    assert got == {
        "fleet.trackers.JsonlTrackerFlavor": ["jsonl_runs", "fleet.trackers.JsonlTrackerFlavor"],
        "fleet.alerts.ConsoleAlerterFlavor": ["console_alerts", "fleet.alerts.ConsoleAlerterFlavor"],
    }
