"""One definition of each small mechanism (issue 11, perf25's open list): span containment was
written 5 times (``_inside``/``_contains`` in fix/fixer.py, scan/no_successor.py,
scan/resolved_with.py, scan/file_scan.py, codemods/no_successor.py) and the "last project asked
for" cache 3 times (pytest_fixtures ``_FACTS``, component_port ``_GONE`` and ``_PORTED``)."""

import ast
from pathlib import Path

from zenml_migrate.findings import Span
from zenml_migrate.scan.per_project import per_project

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("migrate", "codemods", "rules")


def _modules():
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def test_span_inside():
    outer = Span(2, 5, 4, 1)
    assert Span(2, 5, 4, 1).inside(outer)  # the same span
    assert Span(3, 1, 3, 9).inside(outer)
    assert Span(2, 5, 2, 6).inside(outer) and Span(4, 1, 4, 1).inside(outer)
    assert not Span(2, 4, 3, 1).inside(outer)  # starts before
    assert not Span(3, 1, 4, 2).inside(outer)  # ends after
    assert not outer.inside(Span(3, 1, 3, 9))


def _compares_span_corners(tree) -> bool:
    """``(a.end_line, a.end_column) <= (...)``: a containment test written out."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(isinstance(op, (ast.LtE, ast.Lt)) for op in node.ops):
            for side in [node.left, *node.comparators]:
                if isinstance(side, ast.Tuple) and {getattr(e, "attr", None) for e in side.elts} == {"end_line", "end_column"}:
                    return True
    return False


def test_span_containment_is_written_once():
    found = [name for name, tree in _modules() if _compares_span_corners(tree)]
    assert found == ["migrate/findings.py"]


def _one_entry_caches(tree):
    """``X[0] is not project``: a hand-written "last project asked for" cache."""
    return [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Compare) and isinstance(node.left, ast.Subscript)
            and isinstance(node.ops[0], ast.IsNot) and isinstance(node.comparators[0], ast.Name)
            and node.comparators[0].id == "project"]


def test_the_last_project_cache_is_written_once():
    found = {name: lines for name, tree in _modules() if (lines := _one_entry_caches(tree))}
    assert list(found) == ["migrate/scan/per_project.py"]


def test_per_project_computes_once_per_project_object():
    calls = []

    @per_project
    def keys(project):
        calls.append(project)
        return sorted(project)

    first, second = {"a": "1"}, {"a": "1"}
    assert keys(first) == ["a"] and keys(first) == ["a"]
    assert len(calls) == 1
    assert keys(second) == ["a"] and len(calls) == 2  # an equal dict is another project (another run)
    assert keys(first) == ["a"] and len(calls) == 3  # only the last one is kept
    assert keys.__name__ == "keys"
