"""ZM000: any zenml import or module attribute that ZenML 0.20 does not have."""

from typing import Optional

from zenml_migrate.rules.base import Bad, Fails, Fix, Good, Net, Rule
from zenml_migrate.scan.zenml_index import (
    ALL_020,
    V0200,
    V0205,
    closest_020,
    exists_020,
    legacy_module,
    legacy_name,
    zenml013,
    zenml020,
)

ZM000 = Rule(
    code="ZM000",
    fails=Fails(one_release=True),
    match=(Net("names"),),
    name="missing-in-zenml-020",
    message="This zenml name does not exist in ZenML 0.20",
    why=(
        "The import or module attribute resolves in ZenML 0.13.2 (or nowhere), but the real ZenML "
        "0.20.0 / 0.20.5 packages have no such module or name, so the line fails with "
        "ImportError or AttributeError after the upgrade. This is the safety net under the "
        "specific rules: it fires only where no other rule explains the change. Its data is "
        "an index generated from the real wheels (scripts/build_zenml_index.py)."
    ),
    instead="Use the 0.20 name given in the hint, or remove the use.",
    fix=Fix.NONE,
    fix_note="No automatic fix: the right replacement depends on what the code does with the name.",
    bad=(
        Bad("from zenml.utils.networking_utils import scan_for_available_port_in_hell\n", count=1),
        Bad("import zenml.orchestrators.local_orchestrator\n", count=1),
        Bad("import zenml.integrations.constants as c\nprint(c.GCP_SECRETS_MANAGERS)\n", count=1),
        # a fallback reached on 0.20 (the try fails there) that imports what no release has
        Bad("try:\n    from zenml.steps import BaseStepConfig\nexcept ImportError:\n"
            "    from zenml.steps.base_step_config_v2 import BaseStepConfig\n", count=1),
    ),
    good=(
        Good("from zenml.steps import step, Output, BaseParameters\n"),
        Good("from zenml.client import Client\nClient().active_stack\n"),
        Good("import zenml.post_execution as pe\npe.get_pipeline('p')\n"),
        Good("from zenml.integrations.mlflow.flavors.mlflow_experiment_tracker_flavor import MLFlowExperimentTrackerSettings\n"),
    ),
)

_VERSION_NAMES = {V0200: "0.20.0", V0205: "0.20.5"}


def _missing_text(mask: int) -> str:
    missing = [v for bit, v in _VERSION_NAMES.items() if not mask & bit]
    return "ZenML 0.20" if len(missing) == 2 else f"ZenML {missing[0]}"


def _is_module(path: str) -> bool:
    return path in zenml013() or path in zenml020()


# attributes every module object has, whatever its source defines
_MODULE_DUNDERS = {"__file__", "__name__", "__doc__", "__spec__", "__loader__", "__package__", "__path__", "__dict__", "__builtins__"}


def _in_0132(module: str, name: Optional[str] = None) -> bool:
    table = zenml013()
    if name is None:
        return module in table
    return name in table.get(module, {}) or f"{module}.{name}" in table


def _gone(mask: int, was_in_0132: bool) -> bool:
    """A 0.13.2 name breaks if any 0.20 release lacks it; a name 0.13.2 never had is code
    written for some 0.20 release already, wrong only if no 0.20 release has it."""
    return mask != ALL_020 if was_in_0132 else mask == 0


def _legacy_text(raw: str) -> Optional[str]:
    """The message for a name or module of a release older than 0.13.2 (0.5-0.12)."""
    old = legacy_name(raw)
    if old is not None:
        span, target = old
        if target:
            module, _, name = target.rpartition(".")
            if exists_020(module, name):
                return f"`{raw}` (ZenML {span}) is `{target}`; import it from there in ZenML 0.20"
            hint = closest_020(module, name)
            return f"`{raw}` (ZenML {span}) became `{target}`, which ZenML 0.20 does not have" + (
                f"; closest: `{hint}`" if hint else ""
            )
        module, _, name = raw.rpartition(".")
        hint = closest_020(module, name) if exists_020(module) else None
        if hint:
            return f"`{raw}` is a ZenML {span} name, removed before 0.13; closest in ZenML 0.20: `{hint}`"
        return f"`{raw}` is a ZenML {span} name, removed before 0.13: ZenML 0.20 has no equivalent"
    span = legacy_module(raw)
    if span is not None:
        return f"Module `{raw}` is a ZenML {span} module, removed before 0.13: ZenML 0.20 does not have it"
    return None


def missing_in_020(raw: str, module: Optional[str], from_import: bool = False) -> Optional[str]:
    """The ZM000 message for ``raw`` if 0.20 lacks it, else None. ``module`` is what ``raw``
    is an attribute of (``from module import name`` when ``from_import``)."""
    if from_import and module is not None and not _is_module(module):
        # `from zenml.x.y import z`: a module 0.13.2 and 0.20 lack (an older ZenML's, or none)
        if exists_020(module):
            return None
        legacy = _legacy_text(raw) or _legacy_text(module)
        if legacy:
            return legacy
        hint = closest_020(module)
        return f"Module `{module}` does not exist in ZenML 0.20" + (f"; closest: `{hint}`" if hint else "")
    if module is None or not _is_module(module):
        # `import zenml.a.b` (or an attribute of something that is not a module)
        if module is not None:
            return None
        mask = exists_020(raw)
        if not _gone(mask, _in_0132(raw)):
            return None
        legacy = _legacy_text(raw)
        if legacy:
            return legacy
        hint = closest_020(raw)
        return f"Module `{raw}` does not exist in {_missing_text(mask)}" + (f"; closest: `{hint}`" if hint else "")
    name = raw[len(module) + 1 :]
    if "." in name or "(" in name or "+" in name or name in _MODULE_DUNDERS:
        return None
    module_mask = exists_020(module)
    if _gone(module_mask, _in_0132(module)):
        hint = closest_020(module)
        return f"Module `{module}` does not exist in {_missing_text(module_mask)}" + (f"; closest: `{hint}`" if hint else "")
    mask = exists_020(module, name)
    if not _gone(mask, _in_0132(module, name)):
        return None
    legacy = _legacy_text(raw) if not mask else None
    if legacy:
        return legacy
    hint = closest_020(module, name)
    return f"`{name}` is not in `{module}` in {_missing_text(mask)}" + (f"; closest: `{hint}`" if hint else "")
