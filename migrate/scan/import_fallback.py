"""When does the ``except ImportError:`` branch of a ``try:`` run on ZenML 0.20?

A compat shim (``try: <0.20 spelling> except ImportError: <old spelling>``) keeps its old
spelling in the handler: on 0.20 the ``try`` imports and the handler never runs, so the old
spelling there is no finding. But when the ``try`` itself can fail on 0.20 (a zenml name 0.20
lacks, an integration module that imports its SDK - ``rules/data/zenml020_sdk_modules.json``,
generated from the real wheels by ``scripts/build_zenml_sdk_modules.py`` -, or any module
that is not zenml), the handler runs, and a zenml import there that 0.20 lacks fails the
module: it is reported like any other import.
"""

import ast
from typing import Callable, List

from zenml_migrate.scan.zenml_index import ALL_020, exists_020, sdk_modules_020


def _zenml_path_can_fail(module: str, name: str = "") -> bool:
    full = f"{module}.{name}" if name else module
    if any(part in sdk_modules_020() for part in (module, full)):
        return True
    if name:
        return exists_020(module, name) != ALL_020
    return exists_020(module) != ALL_020


def _is_zenml(module: str) -> bool:
    return module == "zenml" or module.startswith("zenml.")


def try_can_fail(body: List[ast.stmt], absolute_module: Callable[[ast.ImportFrom], str]) -> bool:
    """Can an import in ``body`` (the statements of a ``try:``) raise ImportError on 0.20?"""
    for stmt in body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if not _is_zenml(alias.name) or _zenml_path_can_fail(alias.name):
                        return True
            elif isinstance(node, ast.ImportFrom):
                module = absolute_module(node) if node.level else (node.module or "")
                if node.level or not _is_zenml(module):
                    return True
                if any(_zenml_path_can_fail(module, a.name if a.name != "*" else "") for a in node.names):
                    return True
    return False
