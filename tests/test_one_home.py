"""Each name has one home: a module of the package imports a name of another module of the
package only to use it, never to hand it on under a second import path (review16 F5/F12: a
constant re-exported for an old import path is two homes, and the importers drift apart)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("migrate", "codemods", "rules")
# (module, name): re-exports still waiting for their importers to move
WAITING = set()


def _passed_on(path: Path):
    """The names ``path`` imports at module level from the package and never uses itself."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("zenml_migrate"):
            for alias in node.names:
                if (alias.asname or alias.name) not in used:
                    yield alias.asname or alias.name


def test_no_module_hands_on_a_name_it_imports():
    found = set()
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.name == "__init__.py":  # a package's public face
                continue
            rel = path.relative_to(ROOT).as_posix()
            found.update((rel, name) for name in _passed_on(path))
    assert found - WAITING == set(), "import these names from their home module instead"
    assert WAITING <= found, "a re-export listed as waiting is gone: take it off WAITING"


def test_the_check_sees_a_re_export(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("from zenml_migrate.rules.import_time import STUB, STUB_CLASS\n\nprint(STUB)\n")
    assert list(_passed_on(module)) == ["STUB_CLASS"]
