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


PACKAGES = {"zenml_migrate": ROOT / "migrate", "zenml_migrate.codemods": ROOT / "codemods", "zenml_migrate.rules": ROOT / "rules"}


def _is_module(dotted: str) -> bool:
    for prefix, folder in sorted(PACKAGES.items(), key=lambda kv: -len(kv[0])):
        if dotted == prefix or dotted.startswith(prefix + "."):
            path = folder.joinpath(*dotted[len(prefix):].lstrip(".").split(".")) if dotted != prefix else folder
            return path.with_suffix(".py").exists() or (path / "__init__.py").exists()
    return False


def test_no_module_reads_a_private_name_of_another_through_the_module():
    """``from zenml_migrate.scan import splat_keywords as splat`` then ``splat._is_dict_call(...)``: the
    same reach into another module's private helper, as an attribute (review25's pass-2 note on 9d13fbe)."""
    found = []
    for folder in ("migrate", "codemods", "rules", "scripts"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            modules = set()
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").startswith("zenml_migrate"):
                    modules |= {a.asname or a.name for a in node.names if _is_module(f"{node.module}.{a.name}")}
                elif isinstance(node, ast.Import):
                    modules |= {a.asname for a in node.names if a.asname and a.name.startswith("zenml_migrate")}
            found += [f"{path.relative_to(ROOT)}:{node.lineno} {node.value.id}.{node.attr}" for node in ast.walk(tree)
                      if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules
                      and node.attr.startswith("_") and not node.attr.startswith("__")]
    assert not found, found
