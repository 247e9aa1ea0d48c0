"""ZM417 on the real ZenMLs (held-out 27 r02 family, my own input): class attributes of 0.13.2
component classes (``SUPPORTED_SCHEMES``, ``SUPPORTS_SCOPING``) read at import fail on 0.20.0 /
0.20.5 (AttributeError); after ``--fix`` they are read on the 0.20 Config classes, whose modules
import without the integrations' libraries, and give the 0.13.2 values. (On the real 0.13.2 only
the classes of zenml itself import without those libraries: the integration values compared are
the 0.13.2 literals, ``zenml/integrations/*/...`` of the 0.13.2 wheel.)"""

import pytest

from tests.realzenml import PROBE_EACH_MODULE, old_and_fixed_project, probe_facts

pytestmark = pytest.mark.real_zenml

CORE = '''from zenml.artifact_stores import LocalArtifactStore
from zenml.secrets_managers.local.local_secrets_manager import LocalSecretsManager

VALUES = [sorted(LocalArtifactStore.SUPPORTED_SCHEMES), LocalSecretsManager.SUPPORTS_SCOPING]
'''

INTEGRATIONS = '''from zenml.integrations.aws.secrets_managers import AWSSecretsManager
from zenml.integrations.azure.artifact_stores import AzureArtifactStore
from zenml.integrations.gcp.artifact_stores.gcp_artifact_store import GCPArtifactStore
from zenml.integrations.s3.artifact_stores import S3ArtifactStore
from zenml.integrations.vault.secrets_manager import VaultSecretsManager

VALUES = [
    sorted(AzureArtifactStore.SUPPORTED_SCHEMES),
    sorted(GCPArtifactStore.SUPPORTED_SCHEMES),
    sorted(S3ArtifactStore.SUPPORTED_SCHEMES),
    VaultSecretsManager.SUPPORTS_SCOPING,
    AWSSecretsManager.SUPPORTS_SCOPING,
]
'''
INTEGRATIONS_0132 = [["abfs://", "az://"], ["gs://"], ["s3://"], True, True]

PROBE = "import importlib, json, sys\n" + PROBE_EACH_MODULE + '''
    got["values"] = module.VALUES
    facts[name] = got
print("RESULT " + json.dumps(facts, sort_keys=True))
'''


def test_class_attributes_read_on_the_config_classes_give_the_0_13_2_values(tmp_path):
    root = old_and_fixed_project(tmp_path / "project", {"core": CORE, "integrations": INTEGRATIONS}, PROBE)
    assert "S3ArtifactStoreConfig.SUPPORTED_SCHEMES" in (root / "fixed_integrations.py").read_text()
    old = probe_facts("0.13.2", root, ["old_core"], tmp_path / "cfg-0.13.2")["old_core"]
    assert old == {"values": [[""], False]}
    for version in ("0.20.0", "0.20.5"):
        modules = ["old_core", "fixed_core", "old_integrations", "fixed_integrations"]
        got = probe_facts(version, root, modules, tmp_path / f"cfg-{version}")
        assert got["old_core"] == "AttributeError", version
        # the implementation modules need s3fs/adlfs/hvac/boto3 there; the Config modules do not
        assert got["old_integrations"] in ("AttributeError", "ModuleNotFoundError"), version
        assert got["fixed_core"] == old, version
        assert got["fixed_integrations"] == {"values": INTEGRATIONS_0132}, version
