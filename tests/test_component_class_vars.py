"""ZM417 (held-out 27 r02 family, my own inputs): a class attribute of a 0.13.2 component class
that 0.20 keeps on the Config class (``SUPPORTED_SCHEMES``, ``SUPPORTS_SCOPING``), read on the
class: rewritten to the Config class; through a loop variable: no rewrite (the message says so),
a module-level statement that reads it is ZM461's."""

import textwrap

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan import component_members as cm


def test_the_pairs_come_from_the_wheels_data():
    pairs = cm.class_config_vars()
    assert pairs["zenml.integrations.gcp.artifact_stores.gcp_artifact_store.GCPArtifactStore"] == {
        "SUPPORTED_SCHEMES": "zenml.integrations.gcp.flavors.gcp_artifact_store_flavor.GCPArtifactStoreConfig"
    }
    assert all(set(members) <= {"SUPPORTED_SCHEMES", "SUPPORTS_SCOPING"} for members in pairs.values())


def test_reads_on_the_classes_are_rewritten_to_their_config_classes():
    code = textwrap.dedent(
        """
        from zenml.integrations.azure.artifact_stores.azure_artifact_store import AzureArtifactStore
        from zenml.integrations.gcp.artifact_stores import GCPArtifactStore

        REMOTE = set(AzureArtifactStore.SUPPORTED_SCHEMES) | set(GCPArtifactStore.SUPPORTED_SCHEMES)


        def is_gcs(path: str) -> bool:
            return any(path.startswith(p) for p in GCPArtifactStore.SUPPORTED_SCHEMES)
        """
    )
    assert [f.code for f in scan_source(code)] == ["ZM417", "ZM417", "ZM417"]
    fixed = fix_source(code)
    assert fixed.error is None and not fixed.todos
    assert "from zenml.integrations.gcp.flavors.gcp_artifact_store_flavor import GCPArtifactStoreConfig" in fixed.text
    assert "REMOTE = set(AzureArtifactStoreConfig.SUPPORTED_SCHEMES) | set(GCPArtifactStoreConfig.SUPPORTED_SCHEMES)" in fixed.text
    assert "GCPArtifactStore\n" not in fixed.text and "import GCPArtifactStore\n" not in fixed.text
    assert scan_source(fixed.text) == []


def test_a_loop_variable_is_left_for_a_human_and_its_statement_stubbed():
    code = textwrap.dedent(
        """
        from zenml.integrations.gcp.secrets_manager import GCPSecretsManager
        from zenml.integrations.vault.secrets_manager import VaultSecretsManager

        SCOPED = [m for m in (GCPSecretsManager, VaultSecretsManager) if m.SUPPORTS_SCOPING]
        """
    )
    found = scan_source(code)
    assert [(f.code, f.fix) for f in found] == [("ZM461", "safe"), ("ZM417", "safe")]
    assert "another name" in found[1].message and found[1].resolved_by == "ZM461"
    assert "# SCOPED = " in fix_source(code).text


def test_a_class_still_used_keeps_its_import():
    code = textwrap.dedent(
        """
        from zenml.integrations.s3.artifact_stores import S3ArtifactStore

        SCHEMES = S3ArtifactStore.SUPPORTED_SCHEMES


        def is_s3(store) -> bool:
            return isinstance(store, S3ArtifactStore)
        """
    )
    fixed = fix_source(code)
    assert "from zenml.integrations.s3.artifact_stores import S3ArtifactStore\n" in fixed.text
    assert "SCHEMES = S3ArtifactStoreConfig.SUPPORTED_SCHEMES" in fixed.text
