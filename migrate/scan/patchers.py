"""The calls that patch a name for a test, recognised in one place (the detector's cross-file
uses, ZM005's string targets, ZM006's mocks: review26 P2).

``unittest.mock.patch("pkg.mod.Name", new=DEFAULT, spec=None, create=False, ...)`` (also
``mock.patch``, ``mocker.patch``), ``patch.object(obj, "name", new=DEFAULT, ..., create=False)``
and pytest's ``monkeypatch.setattr("pkg.mod.Name", value, raising=True)`` /
``monkeypatch.setattr(obj, "name", value)`` / ``monkeypatch.delattr(...)``. Only the call's
own function decides what it is; the builtins ``setattr(obj, "x", v)``/``delattr`` are no
patchers (they are called by a bare name), and ``patch(obj, "name")`` patches nothing (mock
wants a dotted string: TypeError), nor does an ``<x>.object(...)`` whose ``x`` is not ``patch``.
"""

import ast
from typing import Optional

PATCH, PATCH_OBJECT, SETATTR, DELATTR = "patch", "patch.object", "setattr", "delattr"


def patcher(node: ast.AST) -> Optional[str]:
    """What patcher the call ``node`` is (``PATCH``, ``PATCH_OBJECT``, ``SETATTR``, ``DELATTR``),
    with at least one argument; else None."""
    if not isinstance(node, ast.Call) or not node.args:
        return None
    func = node.func
    if isinstance(func, ast.Name):
        return PATCH if func.id == PATCH else None
    if not isinstance(func, ast.Attribute):
        return None
    if func.attr == "object":
        owner = func.value
        name = owner.attr if isinstance(owner, ast.Attribute) else owner.id if isinstance(owner, ast.Name) else None
        return PATCH_OBJECT if name == PATCH else None
    return func.attr if func.attr in (PATCH, SETATTR, DELATTR) else None


def path_target(node: ast.AST) -> Optional[ast.Constant]:
    """The dotted-path string a patcher call patches (``patch("pkg.mod.Name")``,
    ``monkeypatch.setattr("pkg.mod.Name", v)``), else None."""
    kind = patcher(node)
    return node.args[0] if kind is not None and kind != PATCH_OBJECT and _is_str(node.args[0]) else None


def object_target(node: ast.AST) -> Optional[ast.Constant]:
    """The attribute-name string of a patcher call of the object form (``patch.object(obj, "name")``,
    ``monkeypatch.setattr(obj, "name", v)`` / ``.delattr(obj, "name")``), else None; the object is
    ``node.args[0]``."""
    kind = patcher(node)
    if kind is None or kind == PATCH or len(node.args) < 2 or _is_str(node.args[0]) or not _is_str(node.args[1]):
        return None
    return node.args[1]


def given(call: ast.Call, target: ast.expr) -> Optional[ast.expr]:
    """What the patcher call puts in place of what ``target`` names (``new=`` / ``value=``, or the
    argument after the target: ``patch("x", new)``, ``patch.object(o, "n", new)``,
    ``monkeypatch.setattr(o, "n", value)``), else None (``patch`` then makes a mock)."""
    new = next((k.value for k in call.keywords if k.arg in ("new", "value")), None)
    if new is not None:
        return new
    at = call.args.index(target) if target in call.args else -1
    return call.args[at + 1] if 0 <= at < len(call.args) - 1 else None


def makes_mock(call: ast.AST) -> bool:
    """A ``patch(target)`` / ``patch.object(obj, name)`` that makes a mock (no ``new``): as a
    decorator it gives the test function one more argument."""
    kind = patcher(call)
    if kind not in (PATCH, PATCH_OBJECT):
        return False
    return len(call.args) < (2 if kind == PATCH else 3) and not any(k.arg == "new" for k in call.keywords)


def creates(call: ast.Call) -> bool:
    """Is the patcher told to create a missing attribute (``create=True``, ``raising=False``)?"""
    return any(k.arg in ("create", "raising") and isinstance(k.value, ast.Constant)
               and bool(k.value.value) == (k.arg == "create") for k in call.keywords)


def _is_str(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)
