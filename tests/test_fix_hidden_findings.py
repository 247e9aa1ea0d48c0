"""The fixer's account of findings for a human that a rewrite hid (``fixer._vanished``): which
marked finding is gone is told by its line in the rewritten text, not by counting per rule; it is
returned at that line (where the user finds it)."""

from zenml_migrate.findings import Finding, Span
from zenml_migrate.fix.fixer import _vanished


def _at(line, code="ZM312"):
    return Finding("m.py", Span(line, 5, line, 9), code, "x")


BEFORE = "import a\nimport b\n\ndef f(s):\n    one(s)\n    two(s)\n    three(s)\n"
# the rewrite wrote a TODO line above ``def f`` (every later line moves down by one)
AFTER = "import a\nimport b\n\n# TODO(zenml-migrate): x\ndef f(s):\n    one(s)\n    two(s)\n    three(s)\n"


def test_the_middle_one_of_three_is_gone_not_the_last():
    marked = [_at(5), _at(6), _at(7)]
    left = [_at(6), _at(8)]  # lines 5 and 7 of BEFORE, moved down by the TODO line
    assert _vanished(marked, left, BEFORE, AFTER, lambda: frozenset({1, 2})) == [_at(7)]  # marked[1], in AFTER


def test_a_finding_on_an_import_line_stands_for_no_marked_one():
    marked = [_at(5), _at(6)]
    left = [_at(1), _at(6)]  # one on the import of line 1 (never marked), one of line 5
    assert _vanished(marked, left, BEFORE, AFTER, lambda: frozenset({1, 2})) == [_at(7)]  # marked[1], in AFTER


def test_one_seen_elsewhere_after_a_rewrite_of_its_line_still_counts():
    marked = [_at(5, "ZM401")]
    left = [_at(3, "ZM401")]  # not on its line (the rewrite moved it), but left over: seen
    assert _vanished(marked, left, BEFORE, BEFORE, lambda: frozenset({1, 2})) == []
    assert _vanished(marked, [], BEFORE, BEFORE, lambda: frozenset()) == marked
