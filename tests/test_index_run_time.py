"""The 0.20 name index holds the names a module has when it runs, not those its
``if TYPE_CHECKING:`` block imports for annotations (scripts/build_zenml_index.py).

held-out 3 repros/r1: two renames of one import line to two modules were put under the
module of the first (``from zenml.steps.base_step import BaseStep, BaseParameters``) because
the index listed ``BaseParameters`` in ``zenml.steps.base_step``: ImportError on 0.20.0/0.20.5.
"""

from zenml_migrate.codemods.renames import _common_module
from zenml_migrate.findings import Finding, Span
from zenml_migrate.scan.fix_checks import HOMES, KEEPS, keeps_module
from zenml_migrate.scan.zenml_index import ALL_020, exists_020


def test_type_checking_imports_of_a_020_module_are_not_its_names():
    assert exists_020("zenml.steps.base_step", "BaseParameters") == 0
    assert exists_020("zenml.steps.base_step", "BaseStep") == ALL_020
    assert exists_020("zenml.steps", "BaseParameters") == ALL_020


def test_two_renames_of_one_line_share_a_module_that_really_has_both():
    targets = [("zenml.steps.base_step", "BaseStep"), ("zenml.steps", "BaseParameters")]
    line = "zenml.steps.step_interfaces.base_split_step"
    # what the scan's check says of each alias (scan/fix_checks.renamed_symbol), from the index
    found = [Finding("m.py", Span(1, 1, 1, 2), "ZM116", "m", "safe", fix_args=(
        (KEEPS, keeps_module(line, *t)), (HOMES, tuple(m for m, _ in targets if m != t[0] and exists_020(m, t[1]) == ALL_020))))
        for t in targets]
    assert [f.arg(HOMES) for f in found] == [("zenml.steps",), ()]  # zenml.steps.base_step lacks BaseParameters
    assert _common_module(line, targets, found) == "zenml.steps"
