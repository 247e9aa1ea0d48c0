"""ZM444: ZenML 0.5-0.7's ``PyTorchMaterializer``, which 0.8 renamed ``PyTorchModuleMaterializer``."""

from zenml_migrate.rules.base import Bad, Fix, Good, Rule, renaming, snippet as _c

# zenml 0.5.4-0.7.3 wheels (0.5.4/0.6.3 without checkpoint.pt): pytorch_materializer.PyTorchMaterializer(BaseMaterializer), ASSOCIATED_TYPES =
# (Module, TorchDict), ASSOCIATED_ARTIFACT_TYPES = (ModelArtifact,), handle_input: torch.load of
# "entire_model.pt"; handle_return: torch.save to "entire_model.pt", plus the state_dict to
# "checkpoint.pt" for a Module. zenml 0.8.1-0.20.5 wheels: pytorch_module_materializer.
# PyTorchModuleMaterializer, the same files and calls, ASSOCIATED_TYPES = (Module,).
RENAMES = (
    (
        "zenml.integrations.pytorch.materializers.pytorch_materializer.PyTorchMaterializer",
        "zenml.integrations.pytorch.materializers.pytorch_module_materializer.PyTorchModuleMaterializer",
    ),
)

ZM444 = Rule(
    code="ZM444",
    name="legacy-pytorch-materializer",
    message="ZenML 0.5-0.7's `PyTorchMaterializer` is `PyTorchModuleMaterializer` since 0.8",
    why=(
        "ZenML 0.8 renamed `zenml.integrations.pytorch.materializers.pytorch_materializer.PyTorchMaterializer` "
        "to `pytorch_module_materializer.PyTorchModuleMaterializer` (ModuleNotFoundError on 0.13.2 and 0.20). "
        "It writes and reads the same files (`entire_model.pt` with torch.save/torch.load, plus `checkpoint.pt`, "
        "the state dict of a `torch.nn.Module`); only `TorchDict` left its associated types."
    ),
    instead="`from zenml.integrations.pytorch.materializers.pytorch_module_materializer import PyTorchModuleMaterializer`.",
    fix=Fix.SAFE,
    fix_note="Safe: the same materializer under its 0.8+ name (checked in the 0.5.4-0.7.3, 0.8.1 and 0.20 wheels; 0.5.4-0.6.3 wrote no `checkpoint.pt`). A "
    "subclass keeps its own `ASSOCIATED_TYPES`; the class itself no longer claims `TorchDict` (ZM445), so "
    "writing a `TorchDict` with it raises TypeError (\"can only write the following types\").",
    **renaming(RENAMES),
    bad=(
        Bad(
            _c(
                """
                from zenml.integrations.pytorch.materializers.pytorch_materializer import PyTorchMaterializer


                class CheckpointMaterializer(PyTorchMaterializer):
                    pass
                """
            ),
            fixed=_c(
                """
                from zenml.integrations.pytorch.materializers.pytorch_module_materializer import PyTorchModuleMaterializer


                class CheckpointMaterializer(PyTorchModuleMaterializer):
                    pass
                """
            ),
            count=2,
        ),
    ),
    good=(
        Good(
            "from zenml.integrations.pytorch.materializers import PyTorchModuleMaterializer\n\n"
            "class M(PyTorchModuleMaterializer):\n    pass\n"
        ),
    ),
)
