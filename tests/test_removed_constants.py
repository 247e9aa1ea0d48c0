"""ZM114's unsafe fix: a removed 0.13.2 metadata-store flavor constant imported by name becomes a
variable holding the string 0.13.2 gave it (``rules/data/removed_constants.json``, generated from
the real wheel), with a TODO, where ZM461 cannot make the module import (the name is read in a
class body: a ``str`` Enum). Where ZM461 can (a plain module-level statement), its stub stays the
fix at every level, as before: ``--fix`` keeps the module importing."""

import json
from pathlib import Path

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

ENUM = (
    "from enum import Enum\n\n"
    "from zenml.integrations.kubeflow import KUBEFLOW_METADATA_STORE_FLAVOR, KUBEFLOW_ORCHESTRATOR_FLAVOR\n\n\n"
    "class Backends(str, Enum):\n"
    "    RUNNER = KUBEFLOW_ORCHESTRATOR_FLAVOR\n"
    "    STORE = KUBEFLOW_METADATA_STORE_FLAVOR\n"
)
PLAIN = "from zenml.integrations.kubernetes import KUBERNETES_METADATA_STORE_FLAVOR\n\nSTORE = KUBERNETES_METADATA_STORE_FLAVOR\n"
# a statement that calls a method of the stub would fail at import: ZM461's own fix is unsafe there
CALLS = "from zenml.integrations.kubernetes import KUBERNETES_METADATA_STORE_FLAVOR\n\nLABEL = KUBERNETES_METADATA_STORE_FLAVOR.upper()\n"


def test_a_removed_constant_read_in_a_class_body_gets_its_old_value_at_the_unsafe_level_only():
    safe = fix_source(ENUM, "m.py")
    assert "from zenml.integrations.kubeflow import KUBEFLOW_METADATA_STORE_FLAVOR" in safe.text  # --fix: a TODO only
    assert safe.todos.count("ZM114") == 2

    result = fix_source(ENUM, "m.py", unsafe=True)
    assert result.error is None
    assert "from zenml.integrations.kubeflow import KUBEFLOW_ORCHESTRATOR_FLAVOR\n" in result.text  # the other name stays
    assert "\nKUBEFLOW_METADATA_STORE_FLAVOR = 'kubeflow'\n" in result.text
    assert [t[1] for t in result.fix_todos] == ["ZM114"] and "no metadata stores" in result.fix_todos[0][2]
    assert result.text.count("# TODO(zenml-migrate): ZM114 `KUBEFLOW_METADATA_STORE_FLAVOR` is gone") == 1
    assert not [f for f in scan_source(result.text, "m.py") if f.code == "ZM114"]
    assert fix_source(result.text, "m.py", unsafe=True).text == result.text


def test_where_zm461_can_take_the_import_its_stub_stays_the_fix_at_both_levels():
    for unsafe in (False, True):
        result = fix_source(PLAIN, "m.py", unsafe=unsafe)
        assert "_RemovedInZenML020" in result.text and "'kubernetes'" not in result.text, unsafe
        assert result.applied["ZM461"] == 2 and "ZM114" not in result.todos, unsafe
    assert "LABEL = KUBERNETES_METADATA_STORE_FLAVOR.upper()" in fix_source(CALLS, "m.py").text  # --fix: a TODO only
    unsafe = fix_source(CALLS, "m.py", unsafe=True).text  # the value, not a stub that would raise at import
    assert "\nKUBERNETES_METADATA_STORE_FLAVOR = 'kubernetes'\n" in unsafe and "_RemovedInZenML020" not in unsafe


def test_the_inlined_values_are_the_0_13_2_strings_of_the_data():
    data = json.loads((Path(__file__).resolve().parent.parent / "rules" / "data" / "removed_constants.json").read_text())
    constants = data["constants"]
    assert constants["zenml.integrations.kubeflow.KUBEFLOW_METADATA_STORE_FLAVOR"] == "kubeflow"
    assert constants["zenml.integrations.kubernetes.KUBERNETES_METADATA_STORE_FLAVOR"] == "kubernetes"
    # a name 0.20 kept is not listed (0.20.0 and 0.20.5 both have the orchestrator flavor constant)
    assert "zenml.integrations.kubeflow.KUBEFLOW_ORCHESTRATOR_FLAVOR" not in constants
    # GCP_SECRETS_MANAGER's value is a flavor 0.20 renamed: reported, never inlined
    gcp = "from zenml.integrations.constants import GCP_SECRETS_MANAGER\n\n\nclass I:\n    X = GCP_SECRETS_MANAGER\n"
    assert "gcp_secrets_manager'" not in fix_source(gcp, "m.py", unsafe=True).text
