"""A rule's rename table is made once and cannot be changed by a caller: the scan asks for it at
every renamed name it meets (``fix_checks._homes`` asks every rename rule per import line)."""

from dataclasses import replace

import pytest

from zenml_migrate.rules import all_rules
from zenml_migrate.rules.base import Fix, Ref, Rule


def _rename_rules():
    return [r for r in all_rules() if r.codemod == "renames:RenameSymbols"]


def test_the_table_is_made_once_per_rule():
    rules = _rename_rules()
    assert rules
    for rule in rules:
        assert rule.rename_targets() is rule.rename_targets()


def test_the_table_is_read_only():
    table = _rename_rules()[0].rename_targets()
    with pytest.raises(TypeError):
        table["Anything"] = ("zenml.x", "Anything")  # type: ignore[index]


def test_a_replaced_rule_has_its_own_table():
    rule = Rule(code="ZM999", name="t", message="m", why="w", instead="i", fix=Fix.SAFE, match=(Ref("zenml.a.Old"),),
                codemod="renames:RenameSymbols", fix_args=(("renames", (("zenml.a.Old", "zenml.b.New"),)),))
    assert dict(rule.rename_targets()) == {"Old": ("zenml.b", "New")}
    other = replace(rule, fix_args=(("renames", (("zenml.a.Old", "zenml.c.Newer"),)),))
    assert dict(other.rename_targets()) == {"Old": ("zenml.c", "Newer")}
    assert dict(rule.rename_targets()) == {"Old": ("zenml.b", "New")}
