"""Member reads that cannot raise AttributeError: the program asks first.

``getattr(obj, "name", default)`` returns the default when ``obj`` lacks the member, and a read
of ``obj.name`` under a ``hasattr(obj, "name")`` test (``x.name if hasattr(x, "name") else y``,
``if hasattr(x, "name"): ...``, ``hasattr(x, "name") and x.name``) runs only where the member
exists. Such a read works on 0.13.2 and on 0.20 alike, so the member net (ZM004, "AttributeError")
has nothing to say about it, and nothing may comment its statement out.
"""

import ast
from typing import Callable, Iterator, Optional

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.Module)


def _asks_for(test: ast.AST, obj: str, member: str) -> bool:
    """Does ``test`` hold ``hasattr(<obj>, "<member>")`` as a condition that must be true (itself,
    or one operand of an ``and``)?"""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_asks_for(value, obj, member) for value in test.values)
    return (
        isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and test.func.id == "hasattr"
        and len(test.args) == 2 and not test.keywords
        and isinstance(test.args[1], ast.Constant) and test.args[1].value == member
        and ast.dump(test.args[0]) == obj
    )


def cannot_raise(
    node: ast.AST, member: str, parent: Callable[[ast.AST], Optional[ast.AST]], rebound: Callable[[str], bool]
) -> bool:
    """Is the read of ``member`` at ``node`` (``obj.member``, or a ``getattr`` call spelling it)
    one that cannot raise AttributeError (see the module text)? ``parent`` maps a node to the
    node it is a child of; ``rebound(name)``: does the file bind that builtin's name itself?"""
    if isinstance(node, ast.Call):  # (the builtin takes its default positionally only)
        return isinstance(node.func, ast.Name) and node.func.id == "getattr" and len(node.args) == 3 and not rebound("getattr")
    if rebound("hasattr"):
        return False
    if not isinstance(node, ast.Attribute):
        return False
    obj = ast.dump(node.value)
    return any(_asks_for(test, obj, member) for test in tests_true_at(node, parent))


def tests_true_at(node: ast.AST, parent: Callable[[ast.AST], Optional[ast.AST]]) -> Iterator[ast.expr]:
    """The tests that are true wherever ``node`` runs, in its own function (or class, or module):
    those of the ``if``/``while``/conditional expression whose body holds it, and the operands of
    an ``and`` before the one that holds it (each test whole: ``_asks_for`` and ``narrowing`` look
    into its ``and`` operands themselves)."""
    child, outer = node, parent(node)
    while outer is not None and not isinstance(outer, _SCOPES):
        if isinstance(outer, (ast.IfExp, ast.If, ast.While)) and child is not outer.test:
            if child is outer.body or (isinstance(outer.body, list) and child in outer.body):
                yield outer.test
        if isinstance(outer, ast.BoolOp) and isinstance(outer.op, ast.And) and child in outer.values:
            yield from outer.values[: outer.values.index(child)]
        child, outer = outer, parent(outer)
