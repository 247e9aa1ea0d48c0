"""ZM448: ZenML 0.6-0.11's `@restrict_step_access` and `ForbiddenRepositoryAccessError` (held-out 25 r02):
inlined at --unsafe-fixes where a use runs at import; ZM460 keeps taking an import only later code uses."""

import textwrap

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source


def _src(text):
    return textwrap.dedent(text).lstrip()


GUARDED = _src(
    """
    from zenml.steps.restrict_step_access_decorator import ForbiddenRepositoryAccessError, restrict_step_access


    @restrict_step_access
    def runs_of(name):
        return [name]


    def try_runs(name):
        try:
            return runs_of(name)
        except ForbiddenRepositoryAccessError:
            return None
    """
)


def test_a_decorator_and_an_except_are_inlined_at_unsafe_fixes():
    found = [f for f in scan_source(GUARDED, "guard.py") if f.code == "ZM448"]
    assert {f.span.line for f in found} == {1, 4, 12} and {f.fix for f in found} == {"unsafe"}
    assert not [f for f in scan_source(GUARDED, "guard.py") if f.code in ("ZM000", "ZM460")]
    at_fix = fix_source(GUARDED, "guard.py").text  # --fix: TODOs only (the decorator runs at import)
    assert "from zenml.steps.restrict_step_access_decorator import" in at_fix and "# TODO(zenml-migrate): ZM448" in at_fix
    text = fix_source(GUARDED, "guard.py", unsafe=True).text
    compile(text, "guard.py", "exec")
    assert "from zenml.steps.restrict_step_access_decorator" not in text
    assert "class ForbiddenRepositoryAccessError(ZenMLBaseException, RuntimeError):" in text
    assert "def restrict_step_access(_func):" in text and "    if Environment().step_is_running:\n" in text
    assert "from zenml.environment import Environment\n" in text
    assert "\n@restrict_step_access\ndef runs_of(name):\n" in text and "except ForbiddenRepositoryAccessError:" in text
    assert fix_source(text, "guard.py", unsafe=True).text == text


def test_an_import_only_later_code_uses_is_still_zm460s_safe_fix():
    source = _src(
        """
        from zenml.exceptions import ForbiddenRepositoryAccessError


        def deny(reason):
            raise ForbiddenRepositoryAccessError(reason)
        """
    )
    codes = {f.code: f for f in scan_source(source, "deny.py")}
    assert codes["ZM460"].fix == "safe" and codes["ZM448"].resolved_by == "ZM460"
    text = fix_source(source, "deny.py").text
    assert "from zenml.exceptions" not in text and "raise NotImplementedError(" in text
