"""Every rule's own examples are its unit tests (Fixit-style): Bad must be flagged
(with the expected count when given), Good must not be."""

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.rules import all_rules

RULES = all_rules()
BAD = [pytest.param(r, ex, id=f"{r.code}-bad{i}") for r in RULES for i, ex in enumerate(r.bad)]
GOOD = [pytest.param(r, ex, id=f"{r.code}-good{i}") for r in RULES for i, ex in enumerate(r.good)]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_is_documented(rule):
    assert rule.bad, f"{rule.code} has no example that must be flagged"
    assert rule.good, f"{rule.code} has no example that must not be flagged"
    assert rule.message and rule.why and rule.instead
    assert rule.code.startswith("ZM") and rule.code[2:].isdigit()


@pytest.mark.parametrize("rule,example", BAD)
def test_bad_example_is_flagged(rule, example):
    findings = [f for f in scan_source(example.code, example.filename) if f.code == rule.code]
    assert findings, f"{rule.code} did not flag:\n{example.code}"
    if example.count is not None:
        assert len(findings) == example.count, [(f.span, f.message) for f in findings]
    for f in findings:
        # the rule's fix level, unless this occurrence has none (or only an unsafe one): then it says why;
        # a finding another fix of the file resolves says which (scan/resolved_with.py, scan/no_successor.py)
        if f.fix != rule.fix_value and not (f.resolved_by and f"(resolved by the {f.resolved_by} fix of this file)" in f.message):
            assert f"{'an unsafe fix' if f.fix == 'unsafe' else 'no automatic fix'} here: " in f.message, f


@pytest.mark.parametrize("rule,example", GOOD)
def test_good_example_is_not_flagged(rule, example):
    findings = [f for f in scan_source(example.code, example.filename) if f.code == rule.code]
    assert not findings, f"{rule.code} flagged:\n{example.code}\n{findings}"
