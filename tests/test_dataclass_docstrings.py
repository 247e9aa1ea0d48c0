"""Every dataclass of the tool has a docstring of its own.

``dataclasses.dataclass`` gives a class without a docstring one made from
``inspect.signature(cls)`` when the class is created, that is at import: measured here about
0.6 ms per class on Python 3.11 (1.05 ms against 0.43 ms for a frozen class of five fields).
Every command imports some of them (``migrate scan ONE.py`` imported 17 such classes), and
the pre-commit case has a start-up budget (issue 11), so each dataclass says what it is itself.
"""

import ast
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
PACKAGES = ("migrate", "rules", "codemods")  # the three folders of the zenml_migrate package


def _is_dataclass_decorator(node: ast.expr) -> bool:
    target = node.func if isinstance(node, ast.Call) else node
    return (isinstance(target, ast.Name) and target.id == "dataclass") or (
        isinstance(target, ast.Attribute) and target.attr == "dataclass"
    )


def dataclasses_without_docstring(source: str):
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and any(_is_dataclass_decorator(d) for d in node.decorator_list):
            if ast.get_docstring(node) is None:
                out.append(f"{node.name} (line {node.lineno})")
    return out


def test_the_check_sees_each_spelling_of_the_decorator():
    source = (
        "import dataclasses\nfrom dataclasses import dataclass\n"
        "@dataclass\nclass A:\n    x: int\n"
        "@dataclass(frozen=True)\nclass B:\n    x: int\n"
        "@dataclasses.dataclass\nclass C:\n    x: int\n"
        "@dataclass\nclass D:\n    '''Documented.'''\n    x: int\n"
        "class E:\n    x: int\n"
    )
    assert dataclasses_without_docstring(source) == ["A (line 4)", "B (line 7)", "C (line 10)"]


def test_every_dataclass_has_a_docstring():
    missing = []
    files = sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))
    assert len(files) > 100  # the package's sources were found
    for path in files:
        for name in dataclasses_without_docstring(path.read_text(encoding="utf-8")):
            missing.append(f"{path.relative_to(ROOT).as_posix()}: {name}")
    assert missing == [], "dataclasses without a docstring (each costs an inspect.signature at import):\n" + "\n".join(missing)
