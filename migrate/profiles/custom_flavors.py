"""Custom flavors: find the 0.20 ``Flavor`` class for a legacy 0.13.2 flavor source.

0.13.2 registered a flavor by the path of a ``StackComponent`` subclass; 0.20 needs a
``zenml.stack.Flavor`` subclass whose ``implementation_class`` is the component. When the
source module can be found on ``sys.path`` (found, never imported: importing user code runs
it) its package is inspected with ``ast`` for such a Flavor class.
"""

import ast
import os
import sys
from dataclasses import dataclass, field
from typing import Iterable, List, Optional


@dataclass
class Found:
    source: Optional[str]  # module.Class of a 0.20 Flavor subclass
    notes: List[str] = field(default_factory=list)


def _module_file(module: str, paths: Iterable[str]) -> Optional[str]:
    parts = module.split(".")
    for entry in paths:
        base = os.path.join(entry or os.getcwd(), *parts)
        for candidate in (base + ".py", os.path.join(base, "__init__.py")):
            if os.path.isfile(candidate):
                return candidate
    return None


def _parse(path: str) -> Optional[ast.Module]:
    try:
        with open(path, "rb") as f:
            return ast.parse(f.read(), filename=path)
    except (OSError, SyntaxError, ValueError):
        return None


def _base_names(cls: ast.ClassDef) -> List[str]:
    out = []
    for b in cls.bases:
        if isinstance(b, ast.Name):
            out.append(b.id)
        elif isinstance(b, ast.Attribute):
            out.append(b.attr)
    return out


def _returns_name(cls: ast.ClassDef, prop: str) -> Optional[str]:
    """Names mentioned in the body of ``def <prop>`` (``return MyOrchestrator``, imports inside)."""
    for node in cls.body:
        if isinstance(node, ast.FunctionDef) and node.name == prop:
            names = set()
            for sub in ast.walk(node):
                if isinstance(sub, ast.Name):
                    names.add(sub.id)
                elif isinstance(sub, ast.alias):
                    names.add((sub.asname or sub.name).split(".")[-1])
            return " ".join(sorted(names))
    return None


def _flavor_classes(tree: ast.Module):
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and any(b.endswith("Flavor") for b in _base_names(node)):
            yield node


def find_020_flavor(source: str, type_: str, paths: Optional[Iterable[str]] = None) -> Found:
    """Decide by inspection whether a 0.20 Flavor class exists for the legacy ``source``."""
    module, _, cls_name = source.rpartition(".")
    paths = list([*sys.path, os.getcwd()] if paths is None else paths)
    path = _module_file(module, paths) if module else None
    if path is None:
        return Found(None, [f"source module {module or source!r} is not importable here; carried as configuration only"])
    tree = _parse(path)
    if tree is None:
        return Found(None, [f"{path} cannot be parsed"])
    for node in _flavor_classes(tree):
        if node.name == cls_name:
            return Found(source, [f"{source} is already a Flavor class (found in {path})"])
    package_dir = os.path.dirname(path)
    package = module.rpartition(".")[0] if not path.endswith("__init__.py") else module
    candidates = [(module, path)]
    for root, _dirs, files in os.walk(package_dir):
        if root != package_dir and os.path.basename(root) != "flavors":
            continue
        for name in sorted(files):
            full = os.path.join(root, name)
            if name.endswith(".py") and full != path:
                rel = os.path.relpath(full, package_dir)[:-3].replace(os.sep, ".")
                rel = rel[: -len(".__init__")] if rel.endswith(".__init__") else rel
                candidates.append((f"{package}.{rel}" if package else rel, full))
    for mod, file in candidates:
        tree = _parse(file)
        for node in _flavor_classes(tree) if tree else ():
            mentioned = _returns_name(node, "implementation_class") or ""
            if cls_name in mentioned.split():
                found = f"{mod}.{node.name}"
                return Found(found, [f"0.20 Flavor class found by inspection: {found} (in {file})"])
    return Found(None, [f"{path} defines no 0.20 Flavor class for {cls_name}"])
