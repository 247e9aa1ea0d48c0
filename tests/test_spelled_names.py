"""zenml names spelled as strings (held-out corpus odds_and_ends: ``importlib.import_module``
and ``getattr`` with a literal name) are reported like the import and the attribute they
spell, without an automatic fix (a string is not rewritten); ``getattr`` or ``importlib``
rebound by the user are not guessed."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules.base import snippet as _c

DYNAMIC = _c(
    """
    import importlib

    zsteps = importlib.import_module("zenml.steps")
    BaseStepConfig = getattr(zsteps, "BaseStepConfig")
    old = importlib.import_module("zenml.pipelines.schedule")
    ok = getattr(zsteps, "step")


    class DynConfig(BaseStepConfig):
        a: int = 1
    """
)


def test_names_spelled_as_strings_are_reported_without_a_fix():
    found = scan_source(DYNAMIC)
    assert [(f.code, f.span.line, f.fix) for f in found] == [("ZM101", 4, None), ("ZM107", 5, None)]
    assert all("a string given to getattr/import_module" in f.message for f in found)
    result = fix_source(DYNAMIC)
    assert result.text.count("# TODO(zenml-migrate)") == 2 and 'getattr(zsteps, "BaseStepConfig")' in result.text


def test_rebound_getattr_or_importlib_is_not_guessed():
    own = "def getattr(o, n, d=None):\n    return d\n\nimportlib = None\n\n" + DYNAMIC.replace("import importlib\n", "")
    assert scan_source(own) == []
