"""The helpers inlined where they were imported (ZM440, ZM445, ZM446, ZM448) and ZM460: where an
inline is unsafe (ZM445, ZM448), ``--fix`` does not make it, so an import that only code running
after import uses is ZM460's safe fix (the module imports on 0.20 after ``--fix``), and the
inline is left out; ``--unsafe-fixes`` makes the inline, and ZM460 stands aside (the findings
carry both: ``Finding.unsafe_view``); where the inline is safe (ZM440, ZM446), it is made at
``--fix`` and keeps the code working. One check (``inlined_helpers.inline_check``) decides for all four."""

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


def test_unsafe_fixes_inline_what_zm460_stubs_at_fix():
    """Review16 F1 (07150d4): under ``--unsafe-fixes`` a ``TorchDict`` used only in a function got
    ZM460's raising stub (the choice was made at scan time, blind to the level) where
    ``--unsafe-fixes`` had inlined it and kept ``save()`` working. The scan's findings carry the
    view of each level; the unsafe level inlines, ``--fix`` still stubs."""
    found = {f.code: f for f in scan_source(TORCH_LATER, "save.py")}
    assert found["ZM445"].unsafe_view[:2] == ("unsafe", None) and found["ZM460"].unsafe_view[:2] == ("unsafe", "ZM445")
    unsafe = fix_source(TORCH_LATER, "save.py", unsafe=True)
    assert "class TorchDict(Dict[str, Any]):" in unsafe.text and "raise NotImplementedError" not in unsafe.text
    assert "import TorchDict" not in unsafe.text and not unsafe.remaining and unsafe.applied["ZM445"] == 2
    namespace = {}
    exec(compile(unsafe.text, "save.py", "exec"), namespace)
    assert namespace["save"]({"epoch": 1}) == {"epoch": 1}  # the helper keeps working
    safe = fix_source(TORCH_LATER, "save.py")
    assert "raise NotImplementedError(" in safe.text and "\nclass TorchDict(Dict" not in safe.text


def test_zm460_stands_aside_only_for_the_import_an_unsafe_fix_rewrites():
    """Per import: at ``--unsafe-fixes`` ``TorchDict`` is inlined, while the metadata store (no fix of
    its own at any level) keeps ZM460's stub, at both levels."""
    code = _src(
        """
        from zenml.integrations.pytorch.materializers.pytorch_types import TorchDict
        from zenml.metadata_stores import SQLiteMetadataStore


        def save(state, store=None):
            store = store or SQLiteMetadataStore
            return TorchDict(state), store
        """
    )
    found = scan_source(code, "save.py")
    assert all(f.unsafe_view is None for f in found if f.code == "ZM460" and f.span.line == 2)
    unsafe = fix_source(code, "save.py", unsafe=True)
    assert "\nclass TorchDict(Dict[str, Any]):" in unsafe.text and unsafe.text.count("raise NotImplementedError(") == 1
