"""The fixer's name tables give what the walks of every node gave: the import lines of a tree
(a walk of its statement lists only), the names a file binds other than by zenml imports (the
statements holding the name only), and one walk per statement for the names it uses, calls and
spells in strings."""

import ast
import glob
import os
import re
import sys
import textwrap

import pytest

from zenml_migrate.fix.fixer import _import_lines
from zenml_migrate.fix.imports import _OtherBindings
from zenml_migrate.scan.resolved_with import NodeNames

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

CASES = [
    "x = 1\n",
    """
    import os, a.b.c as d
    from zenml.steps import step, Output as Out
    from . import local
    from zenml.client import Client; Client = 1
    x = 1; y = 2
    z = (1,
         2); w = 3

    @decorator(arg := 5)
    def f(p, *args, q=1, **kwargs):
        import json
        from zenml.pipelines import pipeline
        lam = lambda u, v: u
        for i, (j, k) in enumerate([]):
            pass
        try:
            import yaml
        except ImportError as exc:
            pass
        else:
            m = [n for n in range(3)]
        finally:
            del p
        with open(p) as (fh):
            pass
        while False:
            break
        else:
            ww = 1

    class C(Base):
        attr: int = 2
        def method(self):
            global g
            g = 1
    """,
    # a match statement (Python 3.10+: on 3.9 the tool's own ast cannot read it, nor can Python run it)
    """
    match command:
        case [first, *rest] if (guard := first):
            from zenml.x import y as matched
            bound_in_case = 1
        case {"k": value, **others}:
            pass
        case Point(x=0) as point:
            pass
    """,
    # a name in a comment or a string only: no binding
    "# Client here\nprint('Client')\nfrom zenml.client import Client\n",
    # not plain ASCII: the whole tree is walked (identifiers are NFKC-normalized)
    "ﬁle = 1\nfile\n",
    "x = 1\r\ny = 2\r\n",
]


def _import_lines_every_node(tree):  # the definition before the statement walk
    return frozenset(
        line
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for line in range(node.lineno, (node.end_lineno or node.lineno) + 1)
    )


def _all_bindings(tree):  # the definition before the walk of the statements holding a name
    bindings = _OtherBindings(tree, None)
    bindings.names = set()
    bindings._walk(tree.body, bindings.names)
    return bindings.names


def _names_every_node(node):  # FixContext.names_in and resolved_with.used_names before NodeNames
    used, called, words = set(), set(), set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            used.add(sub.id)
        elif isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name):
            called.add(sub.func.id)
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and len(sub.value) < 2000:
            words.update(WORD.findall(sub.value))
    return used, called, words


def _texts():
    for case in CASES:
        yield textwrap.dedent(case)
    for path in sorted(glob.glob(os.path.join(ROOT, "fixtures", "**", "*.py"), recursive=True)):
        with open(path, encoding="utf-8", errors="replace", newline="") as fh:
            yield fh.read()
    for path in sorted(glob.glob(os.path.join(ROOT, "migrate", "fix", "*.py")))[:8]:
        with open(path, encoding="utf-8", newline="") as fh:
            yield fh.read()


def _check(text):
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return 0
    assert _import_lines(tree) == _import_lines_every_node(tree)
    every = _all_bindings(tree)
    bindings = _OtherBindings(tree, text)
    words = set(WORD.findall(text)) | every | {"not_in_the_text"}
    for word in sorted(words):
        assert (word in bindings) == (word in every), word
    for stmt in tree.body:
        names = NodeNames(stmt)
        assert (names.names, names.called, names.words) == _names_every_node(stmt)
    return 1


def test_fast_name_tables_match_the_walks_of_every_node():
    checked = sum(_check(text) for text in _texts())
    assert checked > 100


@pytest.mark.parametrize("case", range(len(CASES)))
def test_each_case(case):
    text = textwrap.dedent(CASES[case])
    if sys.version_info < (3, 10) and text.startswith("\nmatch "):
        pytest.skip("a match statement needs Python 3.10+")
    assert _check(text) == 1


def test_a_binding_in_the_second_statement_of_a_line_is_found():
    text = "x = 1; name = 2\nprint(name)\n"
    assert "name" in _OtherBindings(ast.parse(text), text)
    text = "name = 1; x = 2\nprint(name)\n"
    assert "name" in _OtherBindings(ast.parse(text), text)
    text = "x = (1,\n     2); name = 3\n"
    assert "name" in _OtherBindings(ast.parse(text), text)
    text = "# name\nprint('name')\n"
    assert "name" not in _OtherBindings(ast.parse(text), text)


@pytest.mark.parametrize("text", [
    "x = 1\n", "x = 1", "x = 1\r\ny = 2\r\n", "x = 1\ry = 2\r", "# a comment\n\n\ndef f():\n    return 1\n",
    "# TODO(zenml-migrate) without the colon\nx = 1\n", "s = '''\n# TODO\n'''\n",
])
def test_no_todo_to_place_and_none_written_before_leaves_the_text(text):
    """``place_todos`` with nothing to place in a text holding no TODO line of ours answers
    without walking the statements: the same marks as placing nothing."""
    from zenml_migrate.fix.todo import KnownTodos, Marks, mark_todo_lines, place_todos

    marks = place_todos(text, ast.parse(text), [], {}, known=KnownTodos({}))
    slow = mark_todo_lines(text, {}, None)
    assert (marks.text, marks.placed, marks.unplaced, marks.removed, marks.replaced, marks.edited) == (
        slow.text, slow.placed, 0, slow.removed, slow.replaced, slow.edited)
    assert isinstance(marks, Marks) and marks.text == text


JOINED = [  # literals joined into one value: a word of the value is not in the text
    'x = "Base" "Config"\n',
    'x = ("Base"  # why\n     "Config")\n',
    'x = "Base" f"Config{y}"\n',
    "x = u'Base' R\"Config\"\n",
    "x = '''Base''' \"\"\"Config\"\"\"\n",
    'x = "\\x42aseConfig"\n',  # an escape
    "ｂａｓｅ = 1\nprint(ｂａｓｅ)\n",  # NFKC: the name is base
    # not joined: every word of the values is in the text (walked only when a name asked is there)
    'x = f"{{Base}}" + f"{y}Config"\n',
    'def f():\n    """Doc."""\n    return g("Base", h)\n',
]


@pytest.mark.parametrize("text", JOINED + [textwrap.dedent(case) for case in CASES])
def test_a_statement_left_unwalked_uses_none_of_the_names_asked(text):
    # the fixer's name questions (FixContext.names_in, the import edits) skip an untouched
    # statement whose text cannot use any name asked about (rewrite._may_use)
    if sys.version_info < (3, 10) and text.startswith("\nmatch "):
        pytest.skip("a match statement needs Python 3.10+")
    assert _statements_never_hide_a_name(text) > 0


def _statements_never_hide_a_name(text):
    from zenml_migrate.fix.rewrite import _may_use

    try:
        tree = ast.parse(text)
    except SyntaxError:
        return 0
    lines = text.splitlines(keepends=True)
    asked = set(WORD.findall(text)) | {"BaseConfig", "base", "Base", "Config", "aseConfig", "not_in_the_text"}
    checked = 0
    for stmt in tree.body:
        first = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", ())])
        own = "".join(lines[first - 1 : stmt.end_lineno])
        names = NodeNames(stmt)
        for word in asked:
            if not _may_use(own, {word}):
                assert word not in names.names | names.called | names.words, (word, own)
                checked += 1
    return checked + 1


def test_statements_left_unwalked_in_the_fixtures_use_none_of_the_names_asked():
    assert sum(_statements_never_hide_a_name(text) > 1 for text in _texts()) > 50
    # each kind of joined value is caught
    from zenml_migrate.fix.rewrite import _may_use

    for text in JOINED[:-2]:
        assert _may_use(text, {"not_in_the_text"}), text
    for text in JOINED[-2:]:
        assert not _may_use(text, {"not_in_the_text"}) and _may_use(text, {"Base"}), text
