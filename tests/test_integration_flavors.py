"""The items of ``Integration.flavors()`` (held-out 27 r01 family, my own inputs): 0.13.2 listed
``FlavorWrapper`` objects, 0.20 lists ``Flavor`` classes. ``.source`` / ``.integration`` of an
item fail there (ZM004, at import: ZM461), ``.name`` / ``.type`` give a ``property`` (ZM416,
``f().name``). Built-in integration classes, the user's own ``Integration`` subclasses and the
registry's classes are all seen."""

import textwrap

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.zenml_index import integration_classes_013


def _codes(text):
    return sorted((f.span.line, f.code) for f in scan_source(textwrap.dedent(text)))


def test_the_built_in_integration_classes_come_from_the_0_13_2_index():
    classes = integration_classes_013()
    assert "zenml.integrations.seldon.SeldonIntegration" in classes
    assert "zenml.integrations.great_expectations.GreatExpectationsIntegration" in classes
    assert "zenml.integrations.integration.Integration" not in classes
    assert all(c.startswith("zenml.integrations.") and c.endswith("Integration") for c in classes)


def test_wrapper_fields_of_a_built_in_integrations_flavors_are_reported():
    found = _codes(
        """
        from zenml.integrations.seldon import SeldonIntegration


        def deployer_sources():
            return {w.type: w.source for w in SeldonIntegration.flavors()}


        def owner(name):
            for wrapper in SeldonIntegration.flavors():
                if wrapper.integration == name:
                    return wrapper
        """
    )
    assert found == [(6, "ZM004"), (6, "ZM416"), (11, "ZM004")]


def test_at_module_level_the_statement_is_stubbed_at_unsafe_fixes():
    code = textwrap.dedent(
        """
        import zenml.integrations.mlflow as mlflow_integration

        TRACKER_SOURCE = mlflow_integration.MlflowIntegration.flavors()[1].source
        """
    )
    assert [f.code for f in scan_source(code)] == ["ZM461", "ZM004"]
    assert "TRACKER_SOURCE = " in fix_source(code).text
    unsafe = fix_source(code, unsafe=True).text
    assert "# TRACKER_SOURCE = " in unsafe


def test_a_users_integration_subclass_and_the_registry_values_are_seen_too():
    found = _codes(
        """
        from zenml.integrations.integration import Integration
        from zenml.integrations.registry import integration_registry as registry


        class TeamIntegration(Integration):
            NAME = "team"


        def team_flavor_names():
            return [flavor.name for flavor in TeamIntegration.flavors()]


        def every_source():
            return [f.source for cls in registry.integrations.values() for f in cls.flavors()]
        """
    )
    assert found == [(11, "ZM416"), (15, "ZM004")]


def test_name_and_type_are_read_on_an_instance_after_fix():
    code = textwrap.dedent(
        """
        from zenml.integrations.aws import AWSIntegration

        AWS = {f.name: f.type for f in AWSIntegration.flavors()}
        """
    )
    fixed = fix_source(code)
    assert fixed.error is None and not fixed.todos
    assert "AWS = {f().name: f().type for f in AWSIntegration.flavors()}" in fixed.text
    assert scan_source(fixed.text) == []


def test_other_flavors_calls_and_instances_are_not_reported():
    assert _codes(
        """
        from zenml.integrations.aws import AWSIntegration
        from zenml.integrations.aws.flavors import SagemakerStepOperatorFlavor


        class Catalog:
            def flavors(self):
                return []


        NAMES = [f().name for f in AWSIntegration.flavors()]
        OTHER = [f.source for f in Catalog().flavors()]
        SAGEMAKER = SagemakerStepOperatorFlavor().name
        """
    ) == []
