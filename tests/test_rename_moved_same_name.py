"""A name that moved to another 0.20 module under the SAME name (ZM116: ``zenml.io.fileio.is_remote``
-> ``zenml.utils.io_utils.is_remote``), on an import line that keeps other names: the alias leaves
the line and the 0.20 import is added. It was dropped without the new import (the alias was
taken for "the new name is already on the line"), so the fixed module failed with NameError."""

from zenml_migrate.fix.fixer import fix_source


def _fixed(text: str) -> str:
    return fix_source(text, "m.py").text


def test_moved_name_leaves_a_line_that_keeps_other_names_and_is_imported_from_its_new_module():
    out = _fixed('from zenml.io.fileio import is_remote, exists\n\nprint(is_remote("x"), exists("y"))\n')
    assert "from zenml.io.fileio import exists\n" in out
    assert "from zenml.utils.io_utils import is_remote\n" in out


def test_half_migrated_line_still_drops_the_old_name():
    out = _fixed("from zenml.steps import BaseStepConfig, BaseParameters\n\nclass P(BaseStepConfig):\n    x: int = 1\n")
    assert "from zenml.steps import BaseParameters\n" in out
    assert "class P(BaseParameters):" in out
    assert "BaseStepConfig" not in out
