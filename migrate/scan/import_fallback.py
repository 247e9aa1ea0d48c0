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

from zenml_migrate.scan.zenml_index import ALL_020, exists_020, in_zenml, sdk_modules_020, zenml013


def _zenml_path_can_fail(module: str, name: str = "") -> bool:
    full = f"{module}.{name}" if name else module
    if any(part in sdk_modules_020() for part in (module, full)):
        return True
    if name:
        return exists_020(module, name) != ALL_020
    return exists_020(module) != ALL_020


def try_can_fail(body: List[ast.stmt], absolute_module: Callable[[ast.ImportFrom], str]) -> bool:
    """Can an import in ``body`` (the statements of a ``try:``) raise ImportError on 0.20?"""
    for stmt in body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if not in_zenml(alias.name) or _zenml_path_can_fail(alias.name):
                        return True
            elif isinstance(node, ast.ImportFrom):
                module = absolute_module(node) if node.level else (node.module or "")
                if node.level or not in_zenml(module):
                    return True
                if any(_zenml_path_can_fail(module, a.name if a.name != "*" else "") for a in node.names):
                    return True
    return False


def new_spelling(statements: List[ast.stmt]) -> bool:
    """Are ``statements`` zenml imports only, each of a name both 0.20 releases have, one at least
    of a name 0.13.2 lacks (the 0.20 side of a compat shim: it fails on 0.13.2, never on 0.20)?"""
    if not statements or not all(isinstance(s, (ast.Import, ast.ImportFrom)) for s in statements):
        return False
    new = False
    for stmt in statements:
        for a in stmt.names:
            module, name = (a.name, None) if isinstance(stmt, ast.Import) else (stmt.module or "", a.name)
            if isinstance(stmt, ast.ImportFrom) and stmt.level or not in_zenml(module) or name == "*":
                return False
            if exists_020(module, name) != ALL_020:
                return False
            new = new or (module not in zenml013() if name is None else name not in zenml013().get(module, {}))
    return new


def legacy_try(body: List[ast.stmt], handlers: List[ast.stmt]) -> int:
    """How many statements of ``body`` (a ``try:``) run on 0.20 when it is a shim written the
    other way round: the ``try`` holds the 0.13 spelling, an import that neither 0.20 release
    has, and the ``except ImportError:`` ``handlers`` the 0.20 one (imports only, each in both
    0.20 releases, one at least not in 0.13.2), e.g. ``try: from zenml.steps import
    BaseStepConfig as Params / except ImportError: from zenml.steps import BaseParameters as
    Params``: the statements before that import (the rest is the user's legacy side, like the
    handler of a shim written the usual way). Else ``len(body)``. A ``try`` whose old import
    0.20 still has (``zenml.repository.Repository``, a deprecated alias) runs on 0.20: all."""
    if not body or not new_spelling(handlers):
        return len(body)
    for i, stmt in enumerate(body):
        if isinstance(stmt, ast.Import) and any(in_zenml(a.name) and not exists_020(a.name) for a in stmt.names):
            return i
        if isinstance(stmt, ast.ImportFrom) and not stmt.level and in_zenml(stmt.module or ""):
            if any(a.name != "*" and not exists_020(stmt.module, a.name) for a in stmt.names):
                return i
    return len(body)
