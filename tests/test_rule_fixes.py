"""Every rule's ``Bad(..., fixed=...)`` example is the fixer's unit test: ``fix_source`` must
produce exactly ``fixed``, the result must parse, and a second run must change nothing.
Bad examples without ``fixed=`` must still parse after the fix and be idempotent."""

import ast

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.fixer import fix_source, fixable, FixOptions
from zenml_migrate.rules import all_rules

RULES = all_rules()
FIXED = [
    pytest.param(r, ex, id=f"{r.code}-bad{i}")
    for r in RULES
    for i, ex in enumerate(r.bad)
    if ex.fixed is not None
]
UNFIXED = [
    pytest.param(r, ex, id=f"{r.code}-bad{i}")
    for r in RULES
    for i, ex in enumerate(r.bad)
    if ex.fixed is None
]


def _parses(text: str, filename: str) -> None:
    if filename.endswith(".py"):
        ast.parse(text)


@pytest.mark.parametrize("rule,example", FIXED)
def test_bad_example_is_fixed_exactly(rule, example):
    result = fix_source(example.code, example.filename, unsafe=example.unsafe)
    assert result.error is None, result.error
    assert result.text == example.fixed
    _parses(result.text, example.filename)
    assert result.applied[rule.code] >= 1
    again = fix_source(result.text, example.filename, unsafe=example.unsafe)
    assert again.text == result.text, "a second run changed the file"


@pytest.mark.parametrize("rule,example", FIXED)
def test_fixed_example_has_no_fixable_finding_left(rule, example):
    result = fix_source(example.code, example.filename, unsafe=example.unsafe)
    options = FixOptions(unsafe=example.unsafe)
    left = [f for f in scan_source(result.text, example.filename) if fixable(_rule(f.code), options)]
    assert not left, [(f.code, f.span) for f in left]


@pytest.mark.parametrize("rule,example", UNFIXED)
def test_unfixed_bad_example_still_parses_and_is_idempotent(rule, example):
    result = fix_source(example.code, example.filename, unsafe=example.unsafe)
    assert result.error is None, result.error
    _parses(result.text, example.filename)
    again = fix_source(result.text, example.filename, unsafe=example.unsafe)
    assert again.text == result.text, "a second run changed the file"
    if example.filename.endswith(".py"):
        # whatever is left for a human is marked in the file
        for code in set(result.todos):
            assert f"# TODO(zenml-migrate): {code} " in result.text, code


def _rule(code):
    return next((r for r in RULES if r.code == code), None)


@pytest.mark.parametrize("rule", [r for r in RULES if r.codemod], ids=lambda r: r.code)
def test_codemod_of_rule_is_named_in_the_contract_format(rule):
    module, _, cls = rule.codemod.partition(":")
    assert module and cls and module.isidentifier() and cls.isidentifier()


def _targets(rule):
    out = []
    to = rule.arg("to")
    if to:
        out.append(to)
    out.extend(new for _, new in rule.arg("renames", ()) or ())
    return out


@pytest.mark.parametrize("rule", [r for r in RULES if _targets(r)], ids=lambda r: r.code)
def test_every_import_the_fixer_adds_exists_in_zenml_020(rule):
    from zenml_migrate.rules.index import ALL_020, exists_020

    for path in _targets(rule):
        module, _, name = path.rpartition(".")
        if not exists_020(module) and module.rpartition(".")[2][:1].isupper():
            module, _, name = module.rpartition(".")  # a class-level member: the class is imported
        assert exists_020(module) == ALL_020, f"{rule.code}: module {module} missing in a 0.20 version"
        assert exists_020(module, name) == ALL_020, f"{rule.code}: {path} missing in a 0.20 version"
