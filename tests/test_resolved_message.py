"""One wording for "resolved by another fix" (``findings.mark_resolved``) and one way to take it
back off (``unresolved_message``): the TODO line of what is left and the fixer's self-check
under ``--ignore`` read the plain message, also when several rules resolve the finding."""

from zenml_migrate.findings import Finding, Span, mark_resolved, unresolved_message
from zenml_migrate.fix.todo import todo_text


def _finding(message: str) -> Finding:
    return Finding("p.py", Span(3, 1, 3, 9), "ZM401", message)


def test_the_reason_for_no_fix_goes_and_the_resolving_rules_are_named():
    f = mark_resolved(_finding("Profiles are gone (no automatic fix here: a human must port it)"), "ZM409, ZM460", "safe")
    assert (f.fix, f.resolved_by) == ("safe", "ZM409, ZM460")
    assert f.message == "Profiles are gone (resolved by the ZM409, ZM460 fix of this file)"


def test_unresolved_message_takes_back_one_or_several_rules():
    for by in ("ZM461", "ZM409, ZM460"):
        assert unresolved_message(mark_resolved(_finding("Profiles are gone"), by, "unsafe").message) == "Profiles are gone"
    assert unresolved_message("text (resolved by hand)") == "text (resolved by hand)"


def test_a_todo_line_never_says_resolved():
    f = mark_resolved(_finding("Profiles are gone"), "ZM409, ZM460", "unsafe")
    assert todo_text(f, None) == "Profiles are gone"
