"""``fix/dangling.py``'s fast paths give what the plain walk of every node gave: the dead
statements cut after a ``raise`` (statement lists only, handlers and match cases included),
and a star import found only when the text may hold one."""

import ast
import sys
import textwrap

import pytest

from zenml_migrate.fix import dangling


def _walk_every_node(tree, text):  # the definition before the fast path
    dead = False
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if not isinstance(body, list):
                continue
            for i, stmt in enumerate(body):
                if isinstance(stmt, ast.Raise) and i + 1 < len(body):
                    del body[i + 1:]
                    dead = True
                    break
    return ast.unparse(tree) if dead else text


CASES = [
    "x = 1\n",
    "raise SystemExit\nx = 1\n",
    """
    def f():
        raise NotImplementedError
        return old_name

    class C:
        def m(self):
            if a:
                raise ValueError
                b = 1
            else:
                raise KeyError
                c = 2
            for i in x:
                raise StopIteration
                d = 3
            else:
                raise RuntimeError
                e = 4
    """,
    """
    try:
        raise A
        a = 1
    except B:
        raise
        b = 2
    except C as c:
        while True:
            raise D
            d = 1
    else:
        raise E
        e = 1
    finally:
        with open(p) as fh:
            raise F
            f = 1
    """,
    """
    async def g():
        async with x:
            raise A
            y = 1
        async for i in z:
            raise B
            w = 1
    lam = lambda: (yield)
    """,
]
if sys.version_info >= (3, 10):
    CASES.append("""
    match command:
        case "go":
            raise A
            x = 1
        case _:
            y = 2
    """)


@pytest.mark.parametrize("source", CASES)
def test_dead_code_cut_as_by_the_walk_of_every_node(source):
    text = textwrap.dedent(source)
    old_tree, new_tree = ast.parse(text), ast.parse(text)
    assert dangling._reachable(new_tree, text) == _walk_every_node(old_tree, text)
    assert ast.dump(new_tree) == ast.dump(old_tree)


@pytest.mark.parametrize("text, star", [
    ("from m import *\n", True),
    ("from m import \\\n    *\n", True),
    ("from m import (a, b)\nx = a * b\n", False),
    ("def f(*args, **kw):\n    return 2 ** 3\n", False),
    ("if x:\n    from m import   *\n", True),
])
def test_a_star_import_is_looked_for_when_the_text_may_hold_one(text, star):
    assert bool(dangling._STAR.search(text)) == star
    assert (dangling._reads(text) is None) == star


def test_before_is_read_only_when_after_leaves_a_name_undefined(monkeypatch):
    # functions whose global reads are all bound map to empty sets: nothing to compare, so
    # the text before is never parsed (it was, for every fixed file)
    after = "import os\n\ndef f():\n    return os.sep\n\nclass C:\n    def m(self):\n        return f()\n"
    assert dangling._reads(after)[1]  # the functions are listed, with nothing unbound
    seen = []
    real = dangling._reads
    monkeypatch.setattr(dangling, "_reads", lambda text, **kw: seen.append(text) or real(text, **kw))
    assert dangling.introduced("import os, sys\n", after) == frozenset()
    assert seen == [after]
    # a function reading a name nothing binds: the text before decides
    moved = "def f():\n    return gone\n"
    assert dangling.introduced("gone = 1\ndef f():\n    return gone\n", moved) == {"gone"}
    assert dangling.introduced("def f():\n    return gone\n", moved) == frozenset()
    assert seen[1:] == [moved, "gone = 1\ndef f():\n    return gone\n", moved, "def f():\n    return gone\n"]


ENDS = [
    ("def f():\n    raise E\n", True),
    ("def f():\n    raise E  # why (\n\nx = 1\n", True),
    ("def f():\n    try:\n        g()\n    except A as exc:\n        raise B(f\"bad {exc}\") from exc\n    return 1\n", True),
    ("def f():\n    raise E\n    dead = 1\n", False),
    ("raise SystemExit\nx = 1\n", False),
    ("if x: raise E\ny = 1\n", False),  # not the first word of its line: the tree decides
    ("def f():\n    raise E; dead = 1\n", False),
    ("def f():\n    raise E(\n        1)\n    dead = 1\n", False),
    ("def f():\n    raise E from \"\"\"x\"y\nz\"\"\"\n    dead = 1\n", False),
    ("def f():\n    raise E('a\\\nb')\n    dead = 1\n", False),
    ("def f():\n    raise E \\\n        (1)\n    dead = 1\n", False),
    ("def f():\n\traise E\n\tdead = 1\n", False),
    ("def f():\n    raise E\r\n    dead = 1\r\n", False),
    ("x = 'raise'\n", False),
    ("def f():\n    if a:\n        raise E('#(')\n    else:\n        pass\n", True),
]


@pytest.mark.parametrize("text, ends", ENDS)
def test_a_raise_proven_last_in_its_block_from_the_text(text, ends):
    assert dangling._ends_its_block(text) == ends
    assert dangling._reads(text) == _reads_with_the_tree(text)


def _reads_with_the_tree(text):  # _reads before the text check: the tree always built on ``raise``
    real = dangling._ends_its_block
    try:
        dangling._ends_its_block = lambda text: False
        return dangling._reads(text)
    finally:
        dangling._ends_its_block = real


def test_no_dead_statement_where_the_text_proves_none():
    import glob
    import os

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    proven = 0
    for path in sorted(glob.glob(os.path.join(root, "**", "*.py"), recursive=True)):
        if "/.venv/" in path or "/.cache/" in path:
            continue
        with open(path, encoding="utf-8", errors="replace", newline="") as fh:
            text = fh.read()
        if "raise" not in text or not dangling._ends_its_block(text):
            continue
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        assert dangling._reachable(tree, text) is text, path
        proven += 1
    assert proven > 50


GLOBALS = [
    "import os\n\ndef f(a, b=x):\n    c = a + b\n    return os.sep + gone + c\n",
    "def top():\n    here = 1\n    return here + gone\n\ndef other():\n    global g\n    g = 1\n    return g\n",
    "class C:\n    y = [v for v in range(3) if v > missing]\n    def m(self):\n        return C, self, undefined\n",
    "def outer():\n    x = 1\n    def inner():\n        nonlocal x\n        return x + y\n    return lambda z: z + w + inner()\n",
    "g = (q for q in range(3))\nasync def h():\n    async with a as b:\n        return [b async for b in c]\n",
]


@pytest.mark.parametrize("text", GLOBALS)
def test_reads_without_the_locals_gives_the_same_names(text):
    # ``introduced`` reads the text after the fix without each function's locals (only the
    # text before needs them): the names read and left unbound are the same
    full, fast = dangling._reads(text), dangling._reads(text, locals_too=False)
    assert fast[:2] == full[:2]
    assert fast[2] == {} and full[2]


def _public_symbols(scope, names=None):  # the definition before the child tables were grouped
    return scope.get_symbols() if names is None else [scope.lookup(name) for name in names]


def _symbol_answers(symbols):
    tests = ("is_referenced", "is_imported", "is_parameter", "is_global", "is_declared_global", "is_local",
             "is_free", "is_assigned", "is_namespace", "is_nonlocal", "is_annotated")
    return [(s.get_name(),) + tuple(getattr(s, t)() for t in tests) for s in symbols]


def _texts():
    """Every rule's Bad and Good code, every Python file of fixtures/ and of the tool itself."""
    import glob
    import os

    from zenml_migrate.rules import all_rules

    for rule in all_rules():
        for example in list(rule.bad) + list(rule.good):
            if example.filename.endswith(".py"):
                yield example.code
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for folder in ("fixtures", "migrate", "codemods", "rules"):
        for path in sorted(glob.glob(os.path.join(root, folder, "**", "*.py"), recursive=True)):
            with open(path, encoding="utf-8", errors="replace") as fh:
                yield fh.read()


def test_symbols_of_a_scope_as_symtable_gives_them(monkeypatch):
    import symtable

    texts = checked = 0
    for text in _texts():
        try:
            top = symtable.symtable(text, "<t>", "exec")
        except (SyntaxError, ValueError):
            continue
        texts += 1
        stack = [top]
        while stack:
            scope = stack.pop()
            stack.extend(scope.get_children())
            assert _symbol_answers(dangling._symbols(scope)) == _symbol_answers(_public_symbols(scope))
            some = list(scope.get_identifiers())[::2]
            assert _symbol_answers(dangling._symbols(scope, some)) == _symbol_answers(_public_symbols(scope, some))
            checked += 1
        fast = dangling._reads(text)
        with monkeypatch.context() as patch:
            patch.setattr(dangling, "_symbols", _public_symbols)
            assert fast == dangling._reads(text)
    assert texts > 500 and checked > 5000, (texts, checked)


def test_a_module_of_many_functions_is_read_without_a_lookup_per_name(monkeypatch):
    # symtable's lookup scans every child table of the scope for each name: 20,000
    # module-level functions cost 20,000 * 20,000 steps (19 s after any rewrite)
    import symtable

    scans = []
    check = symtable.SymbolTable._SymbolTable__check_children
    monkeypatch.setattr(symtable.SymbolTable, "_SymbolTable__check_children",
                        lambda self, name: scans.append(name) or check(self, name))
    body = "".join(f"def f{i}(x):\n    return x + f{i + 1} + {i}\n\n" for i in range(20000))
    body += "class C:\n" + "".join(f"    def m{i}(self):\n        return g{i}\n" for i in range(5000))
    before = "from zenml.repository import Repository\nrepo = Repository()\n" + body
    after = "from zenml.client import Client\nrepo = Client()\nprint(gone)\n" + body.replace("f20000", "missing")
    assert dangling.introduced(before, after) == {"gone", "missing"}
    assert scans == []
