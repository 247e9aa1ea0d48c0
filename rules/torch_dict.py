"""ZM445: ZenML 0.5-0.7's ``TorchDict``, a plain ``Dict[str, Any]`` subclass, inlined where it was imported."""

from zenml_migrate.rules.base import Bad, Fix, Good, Ref, Rule, snippet as _c
from zenml_migrate.rules.inlined_helpers import inline_check

MODULE = "zenml.integrations.pytorch.materializers.pytorch_types"

# the class of the zenml 0.5.4-0.7.3 wheels (its whole body is the docstring)
HELPERS = (
    (
        "TorchDict",
        ("from typing import Any, Dict",),
        "class TorchDict(Dict[str, Any]):\n"
        '    """A type of dict that represents saving a model.\n\n'
        "    Inlined by zenml-migrate: ZenML 0.5-0.7 shipped it as\n"
        f"    {MODULE}.TorchDict; ZenML 0.20 does not.\n"
        '    """\n',
    ),
)

ZM445 = Rule(
    code="ZM445",
    name="legacy-torch-dict",
    message="ZenML 0.5-0.7's `TorchDict` is gone in ZenML 0.20; it was a plain `Dict[str, Any]` subclass",
    why=(
        f"`{MODULE}.TorchDict` (ZenML 0.5.4-0.7.3) was `class TorchDict(Dict[str, Any])` with no body, and "
        "`PyTorchMaterializer` wrote it with torch.save. 0.8 deleted both (ModuleNotFoundError on 0.13.2 and 0.20)."
    ),
    instead="Define `class TorchDict(Dict[str, Any])` in your project and register a materializer for it: a "
    "`PyTorchModuleMaterializer` subclass with `ASSOCIATED_TYPES = (TorchDict,)`.",
    fix=Fix.UNSAFE,
    fix_note="Unsafe: the import line becomes the class itself (the 0.7.3 code), so every use keeps working, but "
    "ZenML 0.20 registers no materializer for it: a step output annotated `TorchDict` is written by 0.20's "
    "built-in dict materializer (JSON) unless the project registers one (ZenML 0.5-0.7: `PyTorchMaterializer`, "
    "torch.save), and two modules that import it now hold two different classes.",
    codemod="inline_helpers:InlineHelpers",
    fix_args=(("helpers", HELPERS), ("module", MODULE)),
    fix_check=inline_check,
    todo="`TorchDict` is gone in ZenML 0.20: define `class TorchDict(Dict[str, Any])` in your project "
    "(see `migrate explain ZM445`)",
    match=(Ref(f"{MODULE}.TorchDict"),),
    bad=(
        Bad(
            _c(
                """
                from zenml.integrations.pytorch.materializers.pytorch_types import TorchDict
                from zenml.steps import step


                @step
                def checkpoint() -> TorchDict:
                    return TorchDict({"epoch": 1})
                """
            ),
            fixed=_c(
                '''
                from typing import Any, Dict


                class TorchDict(Dict[str, Any]):
                    """A type of dict that represents saving a model.

                    Inlined by zenml-migrate: ZenML 0.5-0.7 shipped it as
                    zenml.integrations.pytorch.materializers.pytorch_types.TorchDict; ZenML 0.20 does not.
                    """


                from zenml.steps import step


                @step
                def checkpoint() -> TorchDict:
                    return TorchDict({"epoch": 1})
                '''
            ),
            count=3,
            unsafe=True,
        ),
        Bad(  # the import lines the class needs are not written twice
            _c(
                """
                from typing import Any, Dict

                from zenml.integrations.pytorch.materializers.pytorch_types import TorchDict

                STATE: Dict[str, Any] = TorchDict()
                """
            ),
            fixed=_c(
                '''
                from typing import Any, Dict


                class TorchDict(Dict[str, Any]):
                    """A type of dict that represents saving a model.

                    Inlined by zenml-migrate: ZenML 0.5-0.7 shipped it as
                    zenml.integrations.pytorch.materializers.pytorch_types.TorchDict; ZenML 0.20 does not.
                    """


                STATE: Dict[str, Any] = TorchDict()
                '''
            ),
            count=2,
            unsafe=True,
        ),
        Bad(  # used only in a function: `--fix` removes the import (ZM460: the use raises under a TODO),
            # `--unsafe-fixes` inlines the class, and the function keeps working
            _c(
                """
                from zenml.integrations.pytorch.materializers.pytorch_types import TorchDict


                def save(state):
                    return TorchDict(state)
                """
            ),
            fixed=_c(
                '''
                from typing import Any, Dict


                class TorchDict(Dict[str, Any]):
                    """A type of dict that represents saving a model.

                    Inlined by zenml-migrate: ZenML 0.5-0.7 shipped it as
                    zenml.integrations.pytorch.materializers.pytorch_types.TorchDict; ZenML 0.20 does not.
                    """


                def save(state):
                    return TorchDict(state)
                '''
            ),
            count=2,
            unsafe=True,
        ),
    ),
    good=(Good("from typing import Any, Dict\n\n\nclass TorchDict(Dict[str, Any]):\n    pass\n"),),
)
