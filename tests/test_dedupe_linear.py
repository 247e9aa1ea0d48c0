"""``dedupe`` drops a finding nested inside a wider one of the same rule (and cell). It compared
each finding with every one kept before (16M ``Span.inside`` calls, 15 s, for a module with
16,000 findings of one rule: review27 R9); it keeps the furthest end per rule now. Checked here
against the definition on random spans, not by time."""

from hypothesis import given, settings
from hypothesis import strategies as st

from zenml_migrate.findings import Finding, Span
from zenml_migrate.scan.file_scan import dedupe


def _by_definition(findings):
    best = {}
    for f in findings:
        key = (f.code, f.cell, f.span.line, f.span.column)
        old = best.get(key)
        if old is None or (f.span.end_line, f.span.end_column) > (old.span.end_line, old.span.end_column):
            best[key] = f
    kept = [f for f in best.values()
            if not any(o is not f and o.code == f.code and o.cell == f.cell and f.span.inside(o.span) and o.span != f.span
                       for o in best.values())]
    return sorted(kept, key=Finding.sort_key)


_span = st.tuples(st.integers(1, 4), st.integers(1, 6), st.integers(0, 3), st.integers(1, 8)).map(
    lambda t: Span(t[0], t[1], t[0] + t[2], t[3] if t[2] else t[1] + t[3]))
_finding = st.builds(lambda span, code, cell: Finding("m.py", span, code, "m", None, cell=cell),
                     _span, st.sampled_from(["ZM101", "ZM108"]), st.sampled_from([None, 1]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_finding, max_size=12))
def test_dedupe_keeps_what_no_wider_finding_of_its_rule_covers(findings):
    assert dedupe(findings) == _by_definition(findings)


def test_many_findings_of_one_rule_stay_one_each():
    findings = [Finding("m.py", Span(n, 1, n, 20), "ZM108", "m", None) for n in range(1, 20001)]
    findings += [Finding("m.py", Span(n, 5, n, 10), "ZM108", "m", None) for n in range(1, 20001)]  # nested: dropped
    assert len(dedupe(findings)) == 20000
