"""Which fields of a custom flavor hold credentials, read from its source (never imported).

A 0.13.2 custom component marks a credential with ``SecretField()`` (``zenml.utils.secret_utils``),
a 0.20 config class with ``SecretField()`` or ``Field(..., sensitive=True)``. The module of the
legacy source is parsed with ``ast`` (the 0.20 config class by ``custom_flavors.config_schema``):
every field so marked, in any class of it, is a secret of the flavor's components (masked in
every output, and the files holding it are written 0600), whatever its name looks like.
"""

import ast
from typing import Optional, Set

from zenml_migrate.profiles.custom_flavors import parse_source


def _is_secret_call(node: Optional[ast.expr]) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    if name == "SecretField":
        return True
    return name == "Field" and any(
        k.arg == "sensitive" and isinstance(k.value, ast.Constant) and k.value.value is True for k in node.keywords
    )


def marked_fields(tree: ast.Module) -> Set[str]:
    """Names assigned ``SecretField()`` / ``Field(sensitive=True)`` in any class of ``tree``."""
    out: Set[str] = set()
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        for node in cls.body:
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and _is_secret_call(node.value):
                out.add(node.target.id)
            elif isinstance(node, ast.Assign) and _is_secret_call(node.value):
                out.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return out


def secret_fields(*module_files: Optional[str]) -> Set[str]:
    """Secret-marked field names in the given Python files (the legacy source module; the 0.20
    config class is read by ``custom_flavors.config_schema``)."""
    out: Set[str] = set()
    for path in module_files:
        tree = parse_source(path) if path else None
        if tree is not None:
            out |= marked_fields(tree)
    return out
