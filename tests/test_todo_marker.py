"""The TODO marker is spelled once in code (``migrate/fix/todo.py``: ``TAG``, ``MARK``, ``PREFIX``);
every writer, reader and message uses those constants. Docstrings and comments may show it, and
the rules' Bad/Good examples show the output they expect."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPELLING = "TODO(zenml-migrate)"


def _docstrings(tree: ast.AST) -> set:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def test_the_marker_is_spelled_once_in_code():
    spelled = []
    for folder in ("migrate", "codemods"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docs = _docstrings(tree)
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                    if SPELLING in node.value or "TODO\\(zenml-migrate\\)" in node.value:
                        spelled.append(str(path.relative_to(ROOT)))
    assert spelled == ["migrate/fix/todo.py"], spelled


def test_the_constants_spell_what_the_fixer_writes():
    from zenml_migrate.fix.todo import MARK, PREFIX, TAG

    assert (TAG, MARK, PREFIX) == ("TODO(zenml-migrate)", "TODO(zenml-migrate):", "# TODO(zenml-migrate): ")
