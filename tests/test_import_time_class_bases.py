"""ZM461 and a class whose BASE 0.20 removed (``class TeamStore(MySQLMetadataStore)``): no 0.20
release can define it, so ``--unsafe-fixes`` comments the whole class out under its TODO and
binds the name to the stub (its importers then import, and a use raises NotImplementedError with
the reason); ``--fix`` leaves it (unsafe: what the class defines is dropped until a human ports
it). A class that only uses a removed name in its body is left alone, as before (a change inside
it can port it)."""

import ast

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules.base import snippet as _c

GONE_BASE = _c(
    """
    from zenml.metadata_stores.mysql_metadata_store import MySQLMetadataStore

    TEAM_HOST = "mysql.internal"


    class TeamStore(MySQLMetadataStore):
        host: str = TEAM_HOST

        def describe(self) -> str:
            return f"{self.host}:{self.port}"
    """
)


def test_a_class_with_a_removed_base_is_commented_out_at_the_unsafe_level():
    found = [f for f in scan_source(GONE_BASE) if f.code == "ZM461"]
    on_class = [f for f in found if f.span.line == 6]
    assert len(on_class) == 1 and on_class[0].fix == "unsafe" and "`class` statement" in on_class[0].message
    fixed = fix_source(GONE_BASE, unsafe=True)
    assert fixed.error is None
    tree = ast.parse(fixed.text)
    assert not any(isinstance(s, ast.ClassDef) and s.name == "TeamStore" for s in tree.body)
    assert "# class TeamStore(MySQLMetadataStore):" in fixed.text
    assert any(
        isinstance(s, ast.Assign) and [t.id for t in s.targets] == ["TeamStore"] for s in tree.body
    ) and 'TEAM_HOST = "mysql.internal"' in fixed.text
    assert [f.code for f in scan_source(fixed.text) if f.fix] == []
    safe = fix_source(GONE_BASE)
    assert any(isinstance(s, ast.ClassDef) and s.name == "TeamStore" for s in ast.parse(safe.text).body)
    assert "_RemovedInZenML020" not in safe.text


def test_a_removed_name_in_a_class_body_only_is_left_alone():
    text = _c(
        """
        from zenml.metadata_stores import SQLiteMetadataStore


        class Registry:
            DEFAULT = SQLiteMetadataStore
        """
    )
    assert [f for f in scan_source(text) if f.code == "ZM461"] == []
    assert "class Registry:" in fix_source(text, unsafe=True).text
