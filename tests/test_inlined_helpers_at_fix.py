"""The helpers inlined where they were imported (ZM440, ZM445, ZM446, ZM448) and ZM460: where an
inline is unsafe (ZM445, ZM448), ``--fix`` does not make it, so an import that only code running
after import uses is ZM460's safe fix (the module imports on 0.20 after ``--fix``), and the
inline is left out; where the inline is safe (ZM440, ZM446), it is made at ``--fix`` and keeps
the code working. One check (``inlined_helpers.inline_check``) decides for all four."""

import textwrap

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source


def _src(text):
    return textwrap.dedent(text).lstrip()


TORCH_LATER = _src(
    """
    from zenml.integrations.pytorch.materializers.pytorch_types import TorchDict


    def save(state):
        return TorchDict(state)
    """
)

DIGITS_LATER = _src(
    """
    from zenml.integrations.sklearn.helpers.digits import get_digits


    def load():
        return get_digits()
    """
)


def test_an_unsafe_inline_yields_to_zm460_where_every_use_runs_later():
    found = {f.code: f for f in scan_source(TORCH_LATER, "save.py")}
    assert found["ZM460"].fix == "safe" and found["ZM445"].resolved_by == "ZM460"
    text = fix_source(TORCH_LATER, "save.py").text
    assert "pytorch_types" not in text.split("def save")[0]  # the import is gone at --fix: the module imports
    compile(text, "save.py", "exec")


def test_a_safe_inline_is_made_at_fix_even_where_every_use_runs_later():
    found = {f.code: f for f in scan_source(DIGITS_LATER, "load.py")}
    assert "ZM460" not in found and found["ZM440"].fix == "safe" and found["ZM440"].resolved_by is None
    text = fix_source(DIGITS_LATER, "load.py").text
    assert "def get_digits():" in text and "from zenml.integrations.sklearn" not in text
