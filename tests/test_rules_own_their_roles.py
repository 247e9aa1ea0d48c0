"""A rule says in its own file what its findings mean to the rules that read other rules'
findings (issue 11: adding a rule is one file). ZM461 reads ``Rule.fails`` / ``Rule.stub_first``
of the catalog; no module of the engine or of the codemods names a rule code."""

import ast
import re
from pathlib import Path

import pytest

import zenml_migrate.rules as catalog
from zenml_migrate.api import scan_source
from zenml_migrate.rules.base import Fails, Fix, Ref, Rule
from zenml_migrate.scan import import_time

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"\bZM\d{3}\b")
# strings that may name a code: the examples of `migrate explain`'s help text
EXAMPLES = {"migrate/cli.py"}


def string_constants(path: Path):
    """``(line, text)`` of the string constants of ``path``, docstrings aside (also used by
    ``test_todo_marker.py``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docs.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            yield node.lineno, node.value


def _code_strings(path: Path):
    """``(line, text)`` of the string constants of ``path`` that name a rule code, docstrings aside."""
    return ((line, text) for line, text in string_constants(path) if CODE.search(text))


def test_no_engine_or_codemod_module_names_a_rule_code():
    found = []
    for folder in ("migrate", "codemods"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel in EXAMPLES:
                continue
            found += [f"{rel}:{line}: {text[:60]!r}" for line, text in _code_strings(path)]
    assert found == [], "refer to the rule object (ZM409.code) or give the rule a field it sets in its own file"


def test_the_check_sees_a_code_in_a_tuple(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('"""ZM461: a docstring may name it."""\n\nRULES = ("ZM000", "ZM002")\n')
    assert [text for _, text in _code_strings(module)] == ["ZM000", "ZM002"]


@pytest.fixture
def one_more_rule(monkeypatch):
    """The catalog with one rule more, as if its module had been added to rules/."""
    every = dict(catalog._catalog())

    def add(rule: Rule) -> None:
        monkeypatch.setattr(catalog, "_catalog", lambda: {**every, rule.code: rule})
        import_time._failing.cache_clear()

    yield add
    import_time._failing.cache_clear()


SOURCE = "from zenml.logger import get_logger\n\nlogger = get_logger(__name__)\n"


def _new_rule(fails):
    return Rule(
        code="ZM998", name="test-rule", message="`get_logger` fails on ZenML 0.20 (a test rule)", why="-", instead="-",
        fix=Fix.NONE, match=(Ref("zenml.logger.get_logger"),), fails=fails,
    )


def test_a_new_rule_whose_code_fails_when_run_says_so_in_its_own_object(one_more_rule):
    one_more_rule(_new_rule(None))
    assert "ZM461" not in {f.code for f in scan_source(SOURCE, rules=catalog.all_rules())}
    one_more_rule(_new_rule(Fails()))  # nothing else is edited: ZM461 reads the rule's ``fails``
    found = {(f.code, f.span.line, f.fix) for f in scan_source(SOURCE, rules=catalog.all_rules())}
    assert ("ZM461", 3, "safe") in found
    assert ("ZM998", 3, "safe") in found  # resolved by ZM461's fix


def test_what_zm461_reads_is_each_rules_own():
    fails = import_time._failing()
    assert fails == {r.code: r.fails for r in catalog.all_rules() if r.fails is not None}
    assert import_time._stub_first() == frozenset(r.code for r in catalog.all_rules() if r.stub_first)
    assert not catalog.get_rule("ZM461").arg("fails") and not catalog.get_rule("ZM461").arg("stub_first")
    # the facts ZM461 acts on, pinned (the two equalities above only restate how they are read)
    assert len(fails) == 30 and "ZM461" not in fails
    assert {code for code, f in fails.items() if f.one_release} == {"ZM000", "ZM003", "ZM004"}
    assert {code for code, f in fails.items() if f.registration} == {"ZM410"}
    assert {code for code, f in fails.items() if f.some_classes} == {"ZM423"}
    assert "model deployer and data validator" in fails["ZM423"].some_classes
    assert import_time._stub_first() == {"ZM114"}


# a module-level read that fails for some classes only (as ZM423's ``FLAVOR``): the rule says for
# which (``Fails.fails_for``), ZM461 only asks it (review17 G5: ZM423's data lived in the engine)
SOME = "from zenml.client import Client\n\nSTACK_OF = Client.active_stack\n"


def _some_rule(fails_for):
    return Rule(
        code="ZM997", name="test-some-classes", message="`active_stack` fails for some classes (a test rule)", why="-",
        instead="-", fix=Fix.NONE, match=(Ref("zenml.client.Client.active_stack"),),
        fails=Fails(some_classes="which some classes have", fails_for=fails_for),
    )


def test_a_rule_that_fails_for_some_classes_judges_each_class_itself(one_more_rule):
    asked = []
    one_more_rule(_some_rule(lambda path: asked.append(path) or path == "zenml.client.Client"))
    found = {(f.code, f.span.line): f for f in scan_source(SOME, rules=catalog.all_rules())}
    assert asked == ["zenml.client.Client"] and found[("ZM461", 3)].fix == "safe"  # fails for every class it reads
    one_more_rule(_some_rule(lambda path: False))
    found = {(f.code, f.span.line): f for f in scan_source(SOME, rules=catalog.all_rules())}
    assert found[("ZM461", 3)].fix == "unsafe" and "which some classes have: it may run there" in found[("ZM461", 3)].message
