"""ZM417: a class attribute of a 0.13.2 stack component class that 0.20 keeps on the config class.

``S3ArtifactStore.SUPPORTED_SCHEMES`` (0.13.2: a ClassVar of the component) is
``S3ArtifactStoreConfig.SUPPORTED_SCHEMES`` in 0.20: the component class has no such attribute
(AttributeError). The pairs, and that the value is the same literal in 0.13.2, 0.20.0 and 0.20.5,
come from the real wheels (``scripts/build_component_members.py`` -> ``class_config_vars`` of
``rules/data/component_members.json``).
"""

import ast

from zenml_migrate.rules.base import Bad, Fails, Fix, Good, Ref, Rule, snippet as _c
from zenml_migrate.scan import component_members as cm

_PAIRS = tuple(sorted((c, m, config) for c, members in cm.class_config_vars().items() for m, config in members.items()))


def _named_as_written(node, site):
    """Rewritten where the class is named by its own name (not an alias, not a loop variable)."""
    value = getattr(node, "value", None)
    name = value.id if isinstance(value, ast.Name) else getattr(value, "attr", None)
    if name not in {c.rpartition(".")[2] for c, _, _ in _PAIRS}:
        return "the class is read through another name: write `<Class>Config.<attribute>` by hand"
    return None


ZM417 = Rule(
    code="ZM417",
    fails=Fails(),
    name="component-class-var-on-config",
    message="This stack component class attribute is on the component's Config class in ZenML 0.20",
    why=(
        "0.13.2 component classes carried class attributes such as `SUPPORTED_SCHEMES` (artifact stores) and "
        "`SUPPORTS_SCOPING` (secrets managers). In 0.20 the component class has none of them (AttributeError); "
        "its Config class (`S3ArtifactStoreConfig`) has the attribute with the same value. The pairs and the "
        "equal values come from the real 0.13.2, 0.20.0 and 0.20.5 wheels."
    ),
    instead="`S3ArtifactStoreConfig.SUPPORTED_SCHEMES` (the Config class from its 0.20 module).",
    fix=Fix.SAFE,
    fix_note="Safe: the same value, read from the 0.20 Config class that holds it (its module imports without "
    "the integration's libraries).",
    codemod="component_members:ComponentMembers",
    fix_args=(("class_attributes", tuple((c.rpartition(".")[2], m, config) for c, m, config in _PAIRS)),),
    fix_check=_named_as_written,
    match=(Ref(*(f"{c}.{m}" for c, m, _ in _PAIRS), ctx="load"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.integrations.s3.artifact_stores import S3ArtifactStore

                S3_PREFIXES = tuple(S3ArtifactStore.SUPPORTED_SCHEMES)
                """
            ),
            fixed=_c(
                """
                from zenml.integrations.s3.flavors.s3_artifact_store_flavor import S3ArtifactStoreConfig

                S3_PREFIXES = tuple(S3ArtifactStoreConfig.SUPPORTED_SCHEMES)
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.integrations.vault.secrets_manager import VaultSecretsManager


                def scoped() -> bool:
                    return VaultSecretsManager.SUPPORTS_SCOPING
                """
            ),
            fixed=_c(
                """
                from zenml.integrations.vault.flavors.vault_secrets_manager_flavor import VaultSecretsManagerConfig


                def scoped() -> bool:
                    return VaultSecretsManagerConfig.SUPPORTS_SCOPING
                """
            ),
            count=1,
        ),
        Bad(  # the class read through its module (imported under its own name): rewritten
            _c(
                """
                from zenml.integrations.s3 import artifact_stores


                def prefixes():
                    return tuple(artifact_stores.S3ArtifactStore.SUPPORTED_SCHEMES)
                """
            ),
            fixed=_c(
                """
                from zenml.integrations.s3 import artifact_stores
                from zenml.integrations.s3.flavors.s3_artifact_store_flavor import S3ArtifactStoreConfig


                def prefixes():
                    return tuple(S3ArtifactStoreConfig.SUPPORTED_SCHEMES)
                """
            ),
            count=1,
        ),
        Bad(  # the class under an alias: reported, no automatic fix (a TODO says what to write)
            _c(
                """
                from zenml.integrations.s3.artifact_stores import S3ArtifactStore as S3


                def prefixes():
                    return tuple(S3.SUPPORTED_SCHEMES)
                """
            ),
            count=1,
        ),
    ),
    good=(
        Good(
            "from zenml.integrations.s3.flavors.s3_artifact_store_flavor import S3ArtifactStoreConfig\n\n"
            "print(S3ArtifactStoreConfig.SUPPORTED_SCHEMES)\n"
        ),
        Good("class S3ArtifactStore:\n    SUPPORTED_SCHEMES = {'s3://'}\n\nprint(S3ArtifactStore.SUPPORTED_SCHEMES)\n"),
        # 0.20: an instance reads it from its config, a subclass of the Config class inherits it
        Good(
            _c(
                """
                from zenml.integrations.s3.artifact_stores import S3ArtifactStore


                def prefixes(store: S3ArtifactStore):
                    return tuple(store.config.SUPPORTED_SCHEMES)
                """
            )
        ),
        Good(
            _c(
                """
                from zenml.integrations.s3.flavors.s3_artifact_store_flavor import S3ArtifactStoreConfig


                class MinioConfig(S3ArtifactStoreConfig):
                    pass


                PREFIXES = MinioConfig.SUPPORTED_SCHEMES
                """
            )
        ),
    ),
)
