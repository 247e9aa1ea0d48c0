"""``fix/dangling.py`` reads the names of a rewritten text from the symbol tables the fixer's
self-check made (``partial_parse.Parsed``: one per run of unparsed statements, one per parsed
statement), not from a second symtable of the whole text, and gets what the whole text gives."""

import random
import textwrap

import pytest

from zenml_migrate.fix import dangling
from zenml_migrate.fix.fixer import fix_text
from zenml_migrate.fix.result import FixOptions
from zenml_migrate.rules import all_rules
from zenml_migrate.scan import partial_parse
from zenml_migrate.scan.file_scan import FileJob, split_lines

MODULE = textwrap.dedent(
    '''
    import os
    from zenml.repository import Repository as Repo

    LIMIT = int(os.environ.get("LIMIT", "3"))


    @decorate(lambda value: value or DEFAULT)
    class Reader(Base):
        kind = KIND_NAME
        items = [i * LIMIT for i in range(LIMIT)]

        def read(self, name=FALLBACK):
            total = 0

            def inner():
                nonlocal total
                total += helper(name)
                return Repo().get_pipeline(name)

            return inner() or missing_name


    def build(*args, **kwargs):
        return {k: v for k, v in kwargs.items() if v is not UNSET}


    with open_it() as handle:
        RESULT = [line for line in handle if line]

    for step in STEPS:
        register(step)
    '''
)


def _parsed(text, indices):
    lines = split_lines(text)
    parsed = partial_parse.Parsed(lines, partial_parse.chunks_of(text, lines), "m.py")
    assert not indices or parsed.parse(indices)
    assert parsed.check_the_rest()
    return parsed


@pytest.mark.parametrize("seed", range(12))
def test_pieces_read_what_the_whole_text_reads(seed, monkeypatch):
    monkeypatch.setattr(partial_parse, "MAX_PARSED", 1.0)
    chunks = partial_parse.chunks_of(MODULE, split_lines(MODULE))
    picked = sorted(random.Random(seed).sample(range(len(chunks)), seed % len(chunks)))
    parsed = _parsed(MODULE, picked)
    asked = []

    def tables():
        asked.append(True)
        return parsed.symbol_tables()

    whole = dangling._reads(MODULE)
    assert dangling._reads(MODULE, tables=tables) == whole
    assert asked  # read from the pieces
    assert {"KIND_NAME", "FALLBACK", "STEPS", "register", "open_it", "decorate", "Base"} <= whole[0]
    assert "DEFAULT" not in whole[0] and "UNSET" not in whole[0]  # read when called
    assert whole[1]["Reader.read.inner"] == {"helper"}


@pytest.mark.parametrize(
    "text",
    [
        "from __future__ import annotations\n\nx: Later = 1\n\n\ndef f(a: Other) -> None:\n    pass\n",
        "print(counter)\n\nglobal counter\ncounter = 1\n",
        "from os import *\n\nx = path\n",
        "def f():\n    raise ValueError\n    return gone\n\n\nx = 1\n",
    ],
)
def test_whole_text_read_where_statements_depend_on_each_other(text):
    asked = []
    dangling._reads(text, tables=lambda: asked.append(True) or None)
    assert not asked  # __future__, a module-level global, a star import, dead code: the whole text decides


def test_same_code_ignores_comment_lines_only():
    assert dangling.same_code("x = 1\n# TODO(zenml-migrate): ZM301\ny = x\n", "x = 1\n\ny = x\n")
    assert not dangling.same_code("x = 1\ny = x\n", "x = 1\ny = x  # changed\n")
    assert not dangling.same_code("x = 1\n", "x = 2\n")


def test_fix_gives_the_same_result_with_the_reused_tables(monkeypatch):
    text = "from zenml.repository import Repository\n\n\ndef runs(name):\n    return Repository().get_pipeline(name).runs\n\n\n"
    text += "\n\n".join(f"def plain_{i}(value):\n    return helper_{i}(value) + LIMIT\n" for i in range(12))
    job = FileJob("pkg/runs.py", "py", module_name="pkg.runs")
    made = []
    original = partial_parse.Parsed.symbol_tables
    monkeypatch.setattr(partial_parse.Parsed, "symbol_tables", lambda self: made.append(True) or original(self))
    first = fix_text(text, job, all_rules(), FixOptions())
    assert made  # the self-check's tables were used
    monkeypatch.setattr(partial_parse.Parsed, "symbol_tables", lambda self: None)  # the whole text read again
    second = fix_text(text, job, all_rules(), FixOptions())
    assert first.text == second.text and first.applied == second.applied and first.todos == second.todos
    assert first.text != text and not first.error
