"""Member reads that cannot raise AttributeError: the program asks first.

``getattr(obj, "name", default)`` returns the default when ``obj`` lacks the member, and a read
of ``obj.name`` under a ``hasattr(obj, "name")`` test (``x.name if hasattr(x, "name") else y``,
``if hasattr(x, "name"): ...``, ``hasattr(x, "name") and x.name``, ``not hasattr(x, "name") or
x.name``, or after ``if not hasattr(x, "name"): return`` in the same block) runs only where the
member exists. Such a read works on 0.13.2 and on 0.20 alike, so the member net (ZM004, "AttributeError")
has nothing to say about it, and nothing may comment its statement out.
"""

import ast
from typing import Callable, Iterator, Optional

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.Module)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _asks_for(test: ast.AST, obj: str, member: str) -> bool:
    """Does ``test`` hold ``hasattr(<obj>, "<member>")`` as a condition that must be true (itself,
    or one operand of an ``and``)?"""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_asks_for(value, obj, member) for value in test.values)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):  # ``not (not hasattr(...) or ...)``
        return _asks_not(test.operand, obj, member)
    return (
        isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and test.func.id == "hasattr"
        and len(test.args) == 2 and not test.keywords
        and isinstance(test.args[1], ast.Constant) and test.args[1].value == member
        and ast.dump(test.args[0]) == obj
    )


def _asks_not(test: ast.AST, obj: str, member: str) -> bool:
    """Is ``test`` true whenever ``<obj>`` lacks ``<member>``: ``not hasattr(<obj>, "<member>")``
    (or ``not (hasattr(...) and ...)``), itself or one operand of an ``or``?"""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        return any(_asks_not(value, obj, member) for value in test.values)
    return isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) and _asks_for(test.operand, obj, member)


_LEAVES = (ast.Return, ast.Raise, ast.Continue, ast.Break)


def _left_before(outer: ast.AST, child: ast.AST) -> Iterator[ast.expr]:
    """When ``child`` is a statement of a block of ``outer``: ``not T`` for each earlier statement of
    the same block that leaves the block when ``T`` holds (``if T: return``, no ``else``)."""
    for name in ("body", "orelse", "finalbody"):
        block = getattr(outer, name, None)
        at = next((i for i, stmt in enumerate(block) if stmt is child), None) if isinstance(block, list) else None
        if at is not None:
            for stmt in block[:at]:
                if isinstance(stmt, ast.If) and not stmt.orelse and isinstance(stmt.body[-1], _LEAVES):
                    yield ast.UnaryOp(op=ast.Not(), operand=stmt.test)
            return


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
    those of the ``if``/``while``/conditional expression whose body holds it, ``not T`` for the
    ``T`` of an ``if``/conditional expression whose ``else`` holds it, the operands of an
    ``and`` before the one that holds it, ``not A`` for an operand ``A`` of an ``or`` before it, and
    ``not T`` for an earlier ``if T: return`` (``raise``/``continue``/``break``, no ``else``) of a
    block that holds it, and the ``if`` filters of a comprehension that come before it (``[s.x for
    s in xs if T]``: all of them at its element; each test whole: ``_asks_for`` and ``narrowing``
    look into its ``and`` operands themselves)."""
    child, outer = node, parent(node)
    while outer is not None:
        yield from _left_before(outer, child)
        if isinstance(outer, _SCOPES):
            break
        if isinstance(outer, ast.comprehension) and child in outer.ifs:
            yield from outer.ifs[: outer.ifs.index(child)]
        if isinstance(outer, _COMPREHENSIONS):
            at = outer.generators.index(child) if child in outer.generators else len(outer.generators)
            yield from (test for generator in outer.generators[:at] for test in generator.ifs)
        if isinstance(outer, (ast.IfExp, ast.If, ast.While)) and child is not outer.test:
            if child is outer.body or (isinstance(outer.body, list) and child in outer.body):
                yield outer.test
            elif not isinstance(outer, ast.While):  # the ``else`` of an ``if``: the test is false there
                yield ast.UnaryOp(op=ast.Not(), operand=outer.test)
        if isinstance(outer, ast.BoolOp) and child in outer.values:
            before = outer.values[: outer.values.index(child)]
            if isinstance(outer.op, ast.And):
                yield from before
            else:
                yield from (ast.UnaryOp(op=ast.Not(), operand=value) for value in before)
        child, outer = outer, parent(outer)
