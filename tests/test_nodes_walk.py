"""scan/nodes.walk gives what ast.walk gives, in the same order."""

import ast
import sys

from zenml_migrate.scan.nodes import walk

SOURCE = '''
import os
from typing import List as L

@decorate(lambda x: x + 1)
class Holder(Base, metaclass=Meta):
    items: L[int] = [i * 2 for i in range(3) if i]

    async def run(self, *args, key=None, **kw) -> "Holder":
        async with open_it() as (a, b):
            try:
                yield {k: v for k, v in kw.items()}
            except (KeyError, ValueError) as exc:
                raise RuntimeError(f"{exc!r:>10}") from exc
            finally:
                del a[1:2, ...]
        global os
        return b"x" if (n := len(args)) > 2 else None
'''
if sys.version_info >= (3, 10):  # the tool runs on 3.9 too: `match` only where Python parses it
    SOURCE += '''
def choose(key, rest, a):
    match key:
        case {"x": [1, *rest]} | None if rest:
            return (yield other()) or not -a
'''


def test_walk_is_ast_walk_in_order():
    tree = ast.parse(SOURCE)
    expected = list(ast.walk(tree))
    got = list(walk(tree))
    assert len(got) == len(expected) > 100
    assert all(a is b for a, b in zip(got, expected))


def test_walk_of_a_statement_starts_with_it():
    stmt = ast.parse(SOURCE).body[2]
    assert next(iter(walk(stmt))) is stmt
    assert [type(n) for n in walk(stmt)] == [type(n) for n in ast.walk(stmt)]
