"""Every rule's ``Bad(..., fixed=...)`` example is the fixer's unit test: ``fix_source`` must
produce exactly ``fixed``, the result must parse, and a second run must change nothing.
Bad examples without ``fixed=`` must still parse after the fix and be idempotent."""

import ast

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source, fixable, FixOptions
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
    result = fix_source(example.code, example.filename, **example.fix_options())
    assert result.error is None, result.error
    assert result.text == example.fixed
    _parses(result.text, example.filename)
    assert result.applied[rule.code] >= 1
    again = fix_source(result.text, example.filename, **example.fix_options())
    assert again.text == result.text, "a second run changed the file"


@pytest.mark.parametrize("rule,example", FIXED)
def test_fixed_example_has_no_fixable_finding_left(rule, example):
    result = fix_source(example.code, example.filename, **example.fix_options())
    options = FixOptions(**example.fix_options())
    # every finding of the rule itself goes; another rule's may stay where it says "no automatic fix
    # here" (ZM443's example leaves a ZM004 read for a human: ZM004 is fixable only in part)
    left = [f for f in scan_source(result.text, example.filename)
            if fixable(_rule(f.code), options) and (f.fix is not None or f.code == rule.code)]
    assert not left, [(f.code, f.span) for f in left]


@pytest.mark.parametrize("rule,example", UNFIXED)
def test_unfixed_bad_example_still_parses_and_is_idempotent(rule, example):
    result = fix_source(example.code, example.filename, **example.fix_options())
    assert result.error is None, result.error
    _parses(result.text, example.filename)
    again = fix_source(result.text, example.filename, **example.fix_options())
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
    from zenml_migrate.scan.zenml_index import ALL_020, exists_020

    for path in _targets(rule):
        module, _, name = path.rpartition(".")
        if not exists_020(module) and module.rpartition(".")[2][:1].isupper():
            module, _, name = module.rpartition(".")  # a class-level member: the class is imported
        assert exists_020(module) == ALL_020, f"{rule.code}: module {module} missing in a 0.20 version"
        assert exists_020(module, name) == ALL_020, f"{rule.code}: {path} missing in a 0.20 version"


def test_every_import_any_codemod_adds_exists_in_zenml_020_and_0205(monkeypatch):
    """Whatever codemod asks for an import while fixing the rules' examples, the import
    resolves on the real ZenML 0.20.0 and 0.20.5 (indexes generated from the wheels)."""
    from zenml_migrate.fix.imports import ImportEdits
    from zenml_migrate.scan.zenml_index import ALL_020, exists_020

    asked = []
    original = ImportEdits.add

    def spy(self, module, name, asname=None):
        asked.append((module, name))
        return original(self, module, name, asname)

    monkeypatch.setattr(ImportEdits, "add", spy)
    for rule in RULES:
        for example in rule.bad:
            if example.filename.endswith(".py"):
                fix_source(example.code, example.filename, unsafe=True)
    assert asked, "no codemod added an import: the spy is not wired"
    missing = sorted({(m, n) for m, n in asked if exists_020(m, n) != ALL_020})
    assert not missing, missing


ODD_TAIL = (
    "\n\n# an unrelated block, written oddly on purpose\n"
    "try :\n    import yaml  # noqa\nexcept ImportError :\n    yaml = None   \n"
    "_odd = {  'a':1 ,\n\t'b' : [ 2,3 ] }\n"
    "def _unrelated( a ,b = 2 ) :\n    return(a+b)\n"
)


FIXED_PY = [p for p in FIXED if p.values[1].filename.endswith(".py")]


@pytest.mark.parametrize("rule,example", FIXED_PY)
def test_lines_no_rule_touched_stay_byte_identical(rule, example):
    code = example.code + ODD_TAIL
    result = fix_source(code, example.filename, **example.fix_options())
    assert result.error is None, result.error
    assert result.text.endswith(ODD_TAIL)
    assert result.text[: -len(ODD_TAIL)] == example.fixed
