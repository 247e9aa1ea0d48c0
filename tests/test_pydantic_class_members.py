"""ZM004 on pydantic v1's class members (``__fields__``, ``__config__``, ``__validators__``) of
zenml classes that were pydantic models in 0.13.2 and are not in 0.20 (stack components: their
fields moved to a Config class). The signature index stores public names only; a zenml class has
these members exactly where the index shows pydantic's public ones (``parse_obj``)."""

from zenml_migrate.api import scan_source
from zenml_migrate.rules.base import snippet as _c

COMPONENT_FIELDS = _c(
    """
    from typing import ClassVar

    from zenml.step_operators import BaseStepOperator
    from zenml.artifact_stores import LocalArtifactStore


    class RayStepOperator(BaseStepOperator):
        FLAVOR: ClassVar[str] = "ray"
        address: str = "auto"
        num_gpus: int = 0


    DEFAULTS = {name: field.default for name, field in RayStepOperator.__fields__.items()}
    EXTRA = LocalArtifactStore.__config__.extra


    def validators():
        return list(RayStepOperator.__validators__)
    """
)


def _zm004(text):
    return [f for f in scan_source(text) if f.code == "ZM004"]


def test_pydantic_class_members_of_a_component_class_are_reported():
    found = _zm004(COMPONENT_FIELDS)
    assert [(f.span.line, f.message.split("`")[1]) for f in found] == [
        (13, "__fields__"),
        (14, "__config__"),
        (18, "__validators__"),
    ]
    assert "in ZenML 0.20 (AttributeError)" in found[0].message


def test_a_module_level_read_of_them_is_made_inert_by_the_fix():
    """The two module-level reads fail at import on 0.20: ZM461 takes them (their module imports again)."""
    inert = [f.span.line for f in scan_source(COMPONENT_FIELDS) if f.code == "ZM461"]
    assert inert == [13, 14]


PYDANTIC_IN_020 = _c(
    """
    from zenml.client import Client
    from zenml.config import DockerSettings
    from zenml.steps import BaseParameters
    from zenml.orchestrators import LocalOrchestrator


    class LoaderParameters(BaseParameters):
        path: str = "data.csv"


    NAMES = sorted(LoaderParameters.__fields__) + sorted(DockerSettings.__fields__)
    CONFIG = DockerSettings.__config__
    MODEL_FIELDS = Client().active_stack_model.__fields__
    DOC = LocalOrchestrator.__doc__
    """
)


def test_classes_that_are_pydantic_models_in_020_and_other_dunders_are_not_reported():
    assert _zm004(PYDANTIC_IN_020) == []


OWN_FIELDS = _c(
    """
    from zenml.orchestrators import LocalOrchestrator


    class Patched(LocalOrchestrator):
        __fields__ = {}


    SEEN = Patched.__fields__
    """
)


def test_a_subclass_that_defines_the_member_itself_is_not_reported():
    assert _zm004(OWN_FIELDS) == []
