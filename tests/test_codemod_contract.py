"""The codemod contract (``migrate/fix/codemod.py``): rules choose their codemods and give them
all their data; a codemod names no rule; a missing codemod is an error, never a skipped fix."""

import ast
import re
from dataclasses import replace
from pathlib import Path

import pytest

from zenml_migrate.fix.codemod import CodemodNotFound, load_codemod
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules import Fix, all_rules
from zenml_migrate.rules.base import Rule

RULES = all_rules()
CODEMODS = Path(__file__).resolve().parent.parent / "codemods"


@pytest.mark.parametrize("rule", [r for r in RULES if r.fix is not Fix.NONE], ids=lambda r: r.code)
def test_a_rule_with_a_fix_names_a_codemod_that_exists(rule):
    assert rule.codemod, f"{rule.code} advertises a {rule.fix.value} fix but names no codemod"
    assert load_codemod(rule.codemod) is not None


@pytest.mark.parametrize("rule", [r for r in RULES if r.codemod], ids=lambda r: r.code)
def test_a_rule_that_names_a_codemod_advertises_a_fix(rule):
    assert rule.fix is not Fix.NONE, f"{rule.code} names {rule.codemod} but says it has no fix"


@pytest.mark.parametrize("spec", ["renames:NoSuchClass", "no_such_module:Thing", "renames"])
def test_load_codemod_fails_loudly(spec):
    load_codemod.cache_clear()
    with pytest.raises(CodemodNotFound) as info:
        load_codemod(spec)
    assert spec.split(":")[0] in str(info.value)


def test_a_rule_naming_a_missing_codemod_is_an_error_not_a_silent_no_fix():
    rule = Rule(
        code="ZM999", name="x", message="m", why="w", instead="i", fix=Fix.SAFE, codemod="renames:Gone",
        fix_args=(("to", "zenml.client.Client"),),
        match=next(r for r in RULES if r.code == "ZM108").match,
    )
    with pytest.raises(CodemodNotFound):
        fix_source("from zenml.repository import Repository\n\nRepository()\n", rules=[rule])


def test_no_codemod_names_a_rule_code():
    for path in sorted(CODEMODS.glob("*.py")):
        found = re.findall(r"\bZM\d{3}\b", path.read_text())
        assert not found, f"{path.name} names rule codes {sorted(set(found))}: put the data in the rules' fix_args"


def test_no_codemod_keeps_a_rules_tuple():
    for path in sorted(CODEMODS.glob("*.py")):
        assert not re.search(r"^\s+rules\s*[:=]", path.read_text(), re.M), path.name


def test_every_fix_arg_is_read_by_its_codemod(monkeypatch):
    """No dead fix data: fixing every rule's Bad examples (with --unsafe-fixes) reads every
    ``fix_args`` key of every rule."""
    read = set()
    original = Rule.arg

    def spy(self, key, default=None):
        read.add((self.code, key))
        return original(self, key, default)

    monkeypatch.setattr(Rule, "arg", spy)
    # copies: what a rule builds once from its fix_args (``Rule.rename_targets``) is built again, under the spy
    fresh = [replace(r) for r in RULES]
    for rule in fresh:
        for example in rule.bad:
            fix_source(example.code, example.filename, rules=fresh, **{**example.fix_options(), "unsafe": True})
    unread = sorted((r.code, key) for r in RULES for key, _ in r.fix_args if (r.code, key) not in read)
    assert not unread, f"fix_args nothing reads: {unread}"


def _imported_modules(path: Path) -> set:
    tree = ast.parse(path.read_text())
    out = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    out |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    return out


def test_no_codemod_locates_nodes_itself():
    """Positions come from the fixer (``ctx.position``; ``ctx.locate_everything`` for the
    statements without findings), computed once per round for every codemod of the file."""
    for path in sorted(CODEMODS.glob("*.py")):
        assert "zenml_migrate.fix.positions" not in _imported_modules(path), path.name
        assert "libcst.metadata" not in _imported_modules(path), path.name
