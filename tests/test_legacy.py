"""Code written for ZenML 0.5-0.12 (rules/data/zenml_legacy.json, rules/legacy.py): old
spellings resolve to the 0.13.2 object they became, so every rule and fix applies."""

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules.base import snippet as _c
from zenml_migrate.scan.zenml_index import canonical, legacy_module, legacy_name


def codes(text):
    return [f.code for f in scan_source(text)]


def fixed(text):
    return fix_source(text).text


def test_old_spellings_resolve_to_what_they_became():
    assert canonical("zenml.core.repo.Repository") == "zenml.repository.Repository"
    assert canonical("zenml.core.repo.Repository().get_pipeline") == "zenml.repository.Repository().get_pipeline"
    assert legacy_name("zenml.steps.builtin_steps.PandasDatasource") == ("0.5.5-0.12.0", "")
    assert legacy_module("zenml.core.repo") == "0.5.0-0.5.7"


OLD_REPOSITORY = _c(
    """
    from zenml.core.repo import Repository

    repo = Repository()
    p = repo.get_pipeline(pipeline_name="mnist_pipeline")
    """
)


def test_the_05_repository_gets_the_013_rules_and_fixes():
    assert codes(OLD_REPOSITORY) == ["ZM108", "ZM108", "ZM301"]
    assert fixed(OLD_REPOSITORY) == _c(
        """
        from zenml.client import Client
        from zenml.post_execution import get_pipeline

        repo = Client()
        p = get_pipeline(pipeline="mnist_pipeline")
        """
    )


def test_names_without_a_successor_say_when_they_existed():
    (finding,) = [f for f in scan_source("from zenml.steps.builtin_steps import PandasDatasource\n") if f.code != "ZM460"]
    assert finding.code == "ZM000" and "ZenML 0.5.5-0.12.0" in finding.message and "no equivalent" in finding.message
    (finding,) = scan_source("import zenml.core.repo\n")
    assert finding.code == "ZM000" and "ZenML 0.5.0-0.5.7 module" in finding.message


def test_a_renamed_function_gets_the_closest_020_name():
    (finding,) = [f for f in scan_source("from zenml.io import fileio\n\nfileio.list_dir('x')\n") if f.code != "ZM461"]  # ZM461 (fails-at-import) is not what this pins
    assert "`zenml.io.fileio.listdir`" in finding.message
    (finding,) = [f for f in scan_source("from zenml.io import fileio\n\nfileio.file_exists('x')\n") if f.code != "ZM461"]
    assert finding.code == "ZM441" and finding.fix == "safe" and "`exists`" in finding.message  # renamed by --fix



@pytest.mark.parametrize(
    "source, closest",
    [
        # moved into a submodule of the package the import names: the module named after the class,
        # not a module that merely imports it, nor a look-alike name in the package itself
        ("from zenml.config import PipelineDeployment\n", "`zenml.config.pipeline_deployment.PipelineDeployment`"),
        (
            "from zenml.step_operators import StepOperatorEntrypointConfiguration\n",
            "`zenml.step_operators.step_operator_entrypoint_configuration.StepOperatorEntrypointConfiguration`",
        ),
        ("from zenml.integrations import Integration\n", "`zenml.integrations.integration.Integration`"),
    ],
)
def test_a_class_moved_under_the_imported_package_gets_its_defining_module(source, closest):
    findings = [f for f in scan_source(source) if f.code == "ZM000"]
    assert findings and all(f"closest: {closest}" in f.message for f in findings), [f.message for f in findings]

STAR = _c(
    """
    from zenml.core.repo import *

    Repository().get_pipelines()
    """
)


def test_star_import_of_an_old_module():
    assert codes(STAR) == ["ZM000", "ZM108", "ZM302"]


def test_names_0132_still_has_are_not_legacy():
    assert legacy_name("zenml.repository.Repository") is None
    assert codes("from zenml.steps.step_interfaces.base_datasource_step import BaseDatasourceStep\n") == []


# Every release from 0.5.0 to 0.12.0 is read, not a sample of them: modules and names that lived only in releases
# between the sampled ones (0.7.0-0.7.2's stack stores, 0.5.5-0.5.6's misspelled modules, 0.5.5's container
# registry package) resolve like the others.
def test_names_of_every_old_release_are_known():
    assert legacy_module("zenml.stack_stores.sql_stack_store") == "0.7.0-0.7.2"
    assert legacy_module("zenml.steps.step_interfaces.base_preprocesser_step") == "0.5.5-0.5.6"
    (finding,) = [f for f in scan_source("from zenml.stack_stores import RestStackStore\n\nRestStackStore\n") if f.code == "ZM000"]
    assert "ZenML 0.7.1-0.7.2 name" in finding.message and "artifact_stores" not in finding.message


def test_a_05_misspelled_base_class_gets_its_020_base():
    source = _c(
        """
        from zenml.steps.step_interfaces.base_preprocesser_step import BasePreprocesserConfig


        class ClipParameters(BasePreprocesserConfig):
            low: float = 0.0
        """
    )
    assert codes(source) == ["ZM442", "ZM442"]
    assert fixed(source) == _c(
        """
        from zenml.steps import BaseParameters


        class ClipParameters(BaseParameters):
            low: float = 0.0
        """
    )


def test_a_05_module_path_of_a_class_0_20_has_is_rewritten():
    source = "from zenml.artifacts.type_registery import ArtifactTypeRegistry\n\nTYPES = ArtifactTypeRegistry()\n"
    assert codes(source) == ["ZM116"]
    assert fixed(source) == "from zenml.artifacts.type_registry import ArtifactTypeRegistry\n\nTYPES = ArtifactTypeRegistry()\n"


# A module-level instance of a zenml class (a registry) that 0.13.2 creates once under the same name elsewhere
# resolves there (held-out 25 r04), so the import path is the only change.
def test_a_registry_instance_of_an_old_module_gets_its_020_import():
    source = "from zenml.cli.integration import integration_registry\n\nNAMES = sorted(integration_registry.integrations)\n"
    assert codes(source) == ["ZM116"]
    assert fixed(source) == "from zenml.integrations.registry import integration_registry\n\nNAMES = sorted(integration_registry.integrations)\n"
    assert legacy_name("zenml.artifacts.type_registery.type_registry")[1] == "zenml.artifacts.type_registry.type_registry"
