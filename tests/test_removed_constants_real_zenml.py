"""ZM114's unsafe fix on the real ZenMLs (held-out 17 r03 family, my own input): a ``str`` Enum whose
member is a removed 0.13.2 metadata-store flavor constant imports on 0.13.2 and fails on 0.20.0 /
0.20.5 (ImportError); after ``migrate code --fix --unsafe-fixes`` the constant is a variable holding
the value from ``rules/data/removed_constants.json`` and the module imports there with the same
member values as on 0.13.2 (so the data's value is the real 0.13.2 one)."""

import pytest

from tests.realzenml import PROBE_EACH_MODULE, probe_facts

pytestmark = pytest.mark.real_zenml

MODULE = '''from enum import Enum

from zenml.integrations.kubeflow import KUBEFLOW_METADATA_STORE_FLAVOR as KFP_STORE
from zenml.integrations.kubernetes import KUBERNETES_METADATA_STORE_FLAVOR


class StoreFlavors(str, Enum):
    KFP = KFP_STORE
    K8S = KUBERNETES_METADATA_STORE_FLAVOR
'''

PROBE = "import importlib, json, sys\n" + PROBE_EACH_MODULE + '''
    got["values"] = [m.value for m in module.StoreFlavors]
    facts[name] = got
print("RESULT " + json.dumps(facts, sort_keys=True))
'''


def test_a_str_enum_of_removed_constants_imports_on_020_with_the_0_13_2_values(tmp_path):
    from zenml_migrate.fix.fixer import fix_source

    root = tmp_path / "project"
    root.mkdir()
    fixed = fix_source(MODULE, "fixed_enum.py", unsafe=True)
    assert fixed.error is None and [t[1] for t in fixed.fix_todos] == ["ZM114", "ZM114"]
    (root / "old_enum.py").write_text(MODULE)
    (root / "fixed_enum.py").write_text(fixed.text)
    (root / "probe.py").write_text(PROBE)

    def facts(version):
        return probe_facts(version, root, ["old_enum", "fixed_enum"], tmp_path / f"cfg-{version}")

    old = facts("0.13.2")["old_enum"]
    assert old == {"values": ["kubeflow", "kubernetes"]}
    for version in ("0.20.0", "0.20.5"):
        got = facts(version)
        assert got["old_enum"] == "ImportError", version
        assert got["fixed_enum"] == old, version
