"""A helper another module uses is public in the module that owns it: no module of the tool
imports a name starting with ``_`` from another one (issue 11: the layout shows what each
module offers)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_module_imports_a_private_name_of_another():
    found = []
    for folder in ("migrate", "codemods", "rules", "scripts"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("zenml_migrate")):
                    found += [f"{path.relative_to(ROOT)}:{node.lineno} {node.module}.{a.name}" for a in node.names
                              if a.name.startswith("_") and not a.name.startswith("__")]
    assert not found, found
