"""What a pre-0.20 program read on a step or a pipeline that ZenML 0.20 no longer has, from
``rules/data/step_pipeline_members.json`` (generated from the real 0.5.0-0.13.2 and 0.20 wheels by
``scripts/build_step_pipeline_members.py``)."""

from functools import lru_cache
from typing import Dict

from zenml_migrate.scan import api013
from zenml_migrate.scan.data_files import rules_data

# how the detector sees a step / a pipeline: an instance and the class (``@step`` functions and
# ``BaseStep`` subclasses alike)
_OWNERS = {
    "zenml.steps.base_step.BaseStep": (api013.STEP, api013.STEP_CLASS),
    "zenml.pipelines.base_pipeline.BasePipeline": (api013.PIPELINE, api013.PIPELINE_CLASS),
}
# zenml's own subclasses of those classes in 0.13.2 (the step interfaces, in 0.20 too): a user's
# ``class CsvSource(BaseDatasourceStep)`` is a step as well, with the same members (checked on the
# real 0.13.2 by tests/test_step_interface_members_real_zenml.py)
SUBCLASSES = {
    "zenml.steps.base_step.BaseStep": tuple(
        f"zenml.steps.step_interfaces.{module}.{name}"
        for module, name in (
            ("base_alerter_step", "BaseAlerterStep"),
            ("base_analyzer_step", "BaseAnalyzerStep"),
            ("base_datasource_step", "BaseDatasourceStep"),
            ("base_drift_detection_step", "BaseDriftDetectionStep"),
        )
    ),
}


@lru_cache(maxsize=None)
def _data() -> dict:
    return rules_data("step_pipeline_members.json")


def gone(cls: str) -> Dict[str, str]:
    """``{member: "first-last" release that had it}`` of ``cls`` that no 0.20 release has."""
    return dict(_data()["classes"][cls]["gone"])


def renamed(cls: str) -> Dict[str, str]:
    """``{gone member: 0.20 member with the same value}``."""
    return dict(_data()["classes"][cls]["renamed"])


def paths(members_of, skip=()) -> tuple:
    """Every ``<step or pipeline>.<member>`` path for ``members_of(cls)`` (a dict or a set per
    class), except the members in ``skip`` (another rule explains them)."""
    out = set()
    for cls, owners in _OWNERS.items():
        owners = (*owners, *(spelled for sub in SUBCLASSES.get(cls, ()) for spelled in (f"{sub}()", f"{sub}+")))
        for member in members_of(cls):
            if member not in skip:
                out.update(f"{owner}.{member}" for owner in owners)
    return tuple(sorted(out))
