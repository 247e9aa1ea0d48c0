"""ZM116: a zenml name imported from where a release older than 0.13.2 (0.5-0.12) kept it,
when the same class or function still exists in ZenML 0.20 elsewhere.

Real repositories carry code written for those releases. The scanner resolves an old
spelling to the 0.13.2 object it became (``rules/data/zenml_legacy.json``, generated from
the real 0.5.0-0.12.0 and 0.13.2 wheels by ``scripts/build_zenml_legacy.py``), so every rule
of the catalog applies to it: ``from zenml.core.repo import Repository`` is ZM108 and is
rewritten to ``Client``. What no rule is about, because the object lives on unchanged in
0.20 and only its module moved, is this rule: the import is moved to the 0.20 module. An
old name with no successor is ZM000, with the releases that had it.
"""

from typing import Optional

from zenml_migrate.rules.base import Bad, Fix, Good, Net, Rule, snippet as _c
from zenml_migrate.scan.zenml_index import ALL_020, exists_020, legacy_name, zenml_legacy


def _moves():
    """(old path, 0.20 path) for every old name whose 0.13.2 successor 0.20 still has there."""
    out = []
    for path, (_, target) in sorted(zenml_legacy()["names"].items()):
        if target:
            module, _, name = target.rpartition(".")
            if exists_020(module, name) == ALL_020 and exists_020(module) == ALL_020:
                out.append((path, target))
    return tuple(out)


ZM116 = Rule(
    code="ZM116",
    match=(Net("moved_modules"),),
    name="legacy-import-path",
    message="This zenml name moved before ZenML 0.13: import it from its 0.20 module",
    why=(
        "The module is where ZenML 0.5-0.12 kept the name; 0.13 and 0.20 no longer have it there "
        "(ModuleNotFoundError / ImportError), but the same class or function still exists in ZenML 0.20 in "
        "another module. Data generated from the real wheels of every release from 0.5.0 to 0.20.5."
    ),
    instead="Import the name from the 0.20 module given in the finding.",
    fix=Fix.SAFE,
    fix_note="Safe: the same object, imported from where it lives now.",
    codemod="renames:RenameSymbols",
    fix_args=(("renames", _moves()),),
    bad=(
        Bad(
            _c(
                """
                from zenml.io.utils import read_file_contents_as_string

                text = read_file_contents_as_string("config.yaml")
                """
            ),
            fixed=_c(
                """
                from zenml.utils.io_utils import read_file_contents_as_string

                text = read_file_contents_as_string("config.yaml")
                """
            ),
            count=1,
        ),
        Bad(
            _c(
                """
                from zenml.integrations.tensorflow.visualizers import visualize_tensorboard

                visualize_tensorboard(pipeline_name="mnist_pipeline", step_name="trainer")
                """
            ),
            fixed=_c(
                """
                from zenml.integrations.tensorboard.visualizers.tensorboard_visualizer import visualize_tensorboard

                visualize_tensorboard(pipeline_name="mnist_pipeline", step_name="trainer")
                """
            ),
            count=1,
        ),
        Bad(
            # the try imports an integration module that needs its SDK: on 0.20 without it, the
            # handler runs (scan/import_fallback.py), and its 0.8 spelling fails the module
            _c(
                """
                try:
                    from zenml.integrations.gcp.step_operators import VertexStepOperator
                except ImportError:  # ZenML 0.8
                    from zenml.integrations.vertex.step_operators import VertexStepOperator
                """
            ),
            fixed=_c(
                """
                try:
                    from zenml.integrations.gcp.step_operators import VertexStepOperator
                except ImportError:  # ZenML 0.8
                    from zenml.integrations.gcp.step_operators.vertex_step_operator import VertexStepOperator
                """
            ),
            count=1,
        ),
    ),
    good=(
        # a compat shim whose try always imports on 0.20: the handler never runs there
        Good("try:\n    from zenml.utils.io_utils import read_file_contents_as_string\nexcept ImportError:\n"
             "    from zenml.io.utils import read_file_contents_as_string\n"),
        Good("from zenml.utils.io_utils import read_file_contents_as_string\n"),
        Good("from zenml.io import fileio\n\nfileio.exists('x')\n"),
    ),
)


def moved_message(path: str) -> Optional[str]:
    """The ZM116 message for an imported old ``path`` whose object 0.20 has elsewhere."""
    old = legacy_name(path)
    if old is None or not old[1]:
        return None
    module, _, name = old[1].rpartition(".")
    if exists_020(module, name) != ALL_020 or exists_020(module) != ALL_020:
        return None
    return f"`{path}` is the ZenML {old[0]} spelling: import `{name}` from `{module}` in ZenML 0.20"
