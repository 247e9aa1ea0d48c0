"""``walk``: what ``ast.walk`` gives, for the scan's hot loops."""

import ast
from typing import Iterator, List


def walk(top: ast.AST) -> Iterator[ast.AST]:
    """Every node of ``top`` (``top`` first) in ``ast.walk``'s order: breadth first, children in
    field order, a node's children taken before the node is given. The fields are read directly,
    not through the ``iter_child_nodes``/``iter_fields`` generators of every node: about 1.5x
    faster."""
    todo: List[ast.AST] = [top]
    AST = ast.AST
    for node in todo:  # grows while it is read: breadth first
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, AST):
                todo.append(value)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, AST):
                        todo.append(item)
        yield node
