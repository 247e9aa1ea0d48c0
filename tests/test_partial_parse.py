"""The scan parses only the module-level statements it walks (migrate/scan/partial_parse.py) and
checks the rest with symtable. Results, syntax errors and the whole module (``Detector.tree``)
must be exactly those of parsing the whole file."""

import ast

import pytest

from zenml_migrate.rules import all_rules
from zenml_migrate.scan import file_scan
from zenml_migrate.scan.detect import RuleIndex
from zenml_migrate.scan.file_scan import FileJob, ScanContext, detect, parse_python, split_lines
from zenml_migrate.scan.sources import SourceError

FILLER = "".join(f'\n\ndef helper_{i}(x):\n    """Doubles {i}."""\n    return [y * {i} for y in x]\n' for i in range(14))
HEAD = "from zenml.repository import Repository\nfrom zenml.steps import BaseStepConfig, step\n"
USE = "\n\nclass Config(BaseStepConfig):\n    lr: float = 0.1\n\n\ndef last():\n    return Repository().get_pipeline('p')\n"

# each case must still take the piecemeal path (the tests check it)
PIECEMEAL = {
    "plain": HEAD + FILLER + USE,
    "module docstring with column-0 lines": '"""Pipelines.\n\nUses zenml:\nRepository and steps.\n"""\n' + HEAD + FILLER + USE,
    "decorated": HEAD + FILLER + "\n\n@step(custom_step_operator='x')\n# a comment between\n@staticmethod\ndef decorated_step() -> int:\n    return 1\n" + USE,
    "try/except at module level": "try:\n    from zenml.client import Client\nexcept ImportError:\n    from zenml.repository import Repository as Client\nelse:\n    pass\nfinally:\n    pass\n" + HEAD + FILLER + USE + "\nClient()\n",
    "if/elif/else": HEAD + "if True:\n    A = Repository\nelif False:\n    A = None\nelse:\n    A = 1\n" + FILLER + USE,
    "string with a column-0 line that looks like code": HEAD + 'TEXT = """\nimport zenml\nrepo = Repository()\n"""\n' + FILLER + USE,
    "trailing comments": HEAD + FILLER + "\n# Repository mentioned in a comment after a function\n\n" + USE + "\n# the end\n",
    "multi-line statements": HEAD + "X = dict(\n    a=1,\n    b=[\n        2,\n    ],\n)\nY = 1 + \\\n    2\n" + FILLER + USE,
    "windows line ends": (HEAD + 'TEXT = """\nimport zenml\n"""\n' + FILLER + USE).replace("\n", "\r\n"),
    "annotations naming builtins": HEAD + FILLER + "\n\n@step\ndef loader(value: int, rate: float) -> int:\n    return value\n" + USE,
    "nested functions and classes": HEAD + FILLER + "\nclass Outer:\n    class Inner(BaseStepConfig):\n        x: int = 1\n\n    def m(self):\n        return Repository()\n" + USE,
}

# cases where the piecemeal path must give up (and the whole file is parsed, as before)
WHOLE = {
    "a symtable-only error (ast.parse accepts it)": HEAD + "def dup(a, a):\n    return a\n" + FILLER + USE,
    "semicolon": HEAD + "import os; import sys\n" + FILLER + USE,
    "column-0 line inside brackets": HEAD + "X = [\n1,\n2,\n]\n" + FILLER + "\nY = [\nRepository,\n]\n" + USE,
    "old mac line ends": (HEAD + FILLER + USE).replace("\n", "\r"),
    "a star import": "from zenml.steps import *\n" + FILLER + USE,
    "few statements": HEAD + USE,
    "most statements use zenml names": HEAD + FILLER.replace("return [y", "return Repository, [y") + USE,
    "a quote in a comment opens no string": HEAD + "# say '''\n" + FILLER + "\n# and '''\n" + USE,
}


def ctx():
    return ScanContext(RuleIndex(all_rules()), {"pkg.steps.trainer": "zenml.steps.base_step.BaseStep+"}, {"pkg", "pkg.steps"})


JOB = FileJob("pkg/mod.py", "py", "pkg.mod")


def key(detector):
    return sorted((f.code, f.span, f.message, f.fix, f.resolved_by) for f in detector.findings), detector.exports(), detector.pending


def piecemeal_taken(text: str) -> bool:
    return file_scan.parse_pruned(JOB, text, split_lines(text), ctx()) is not None


def whole_file(monkeypatch, text):
    with monkeypatch.context() as m:
        m.setattr(file_scan, "parse_pruned", lambda *a: None)
        return detect(JOB, text, ctx(), prune=True)


@pytest.mark.parametrize("case", sorted(PIECEMEAL))
def test_piecemeal_equals_whole_file(case, monkeypatch):
    text = PIECEMEAL[case]
    assert piecemeal_taken(text)
    fast, plain = detect(JOB, text, ctx(), prune=True), whole_file(monkeypatch, text)
    assert plain.findings and key(fast) == key(plain)


@pytest.mark.parametrize("case", sorted(WHOLE))
def test_gives_up_where_it_cannot_be_sure(case, monkeypatch):
    text = WHOLE[case]
    assert not piecemeal_taken(text)
    assert key(detect(JOB, text, ctx(), prune=True)) == key(whole_file(monkeypatch, text))


@pytest.mark.parametrize("case", sorted(PIECEMEAL))
def test_the_whole_module_when_asked(case):
    text = PIECEMEAL[case]
    detector = detect(JOB, text, ctx(), prune=True)
    walked = list(detector.top_level().body)
    assert len(walked) < len(ast.parse(text).body)  # only what the scan walks, so far
    tree = detector.tree
    assert ast.dump(tree, include_attributes=True) == ast.dump(ast.parse(text), include_attributes=True)
    assert detector.top_level() is tree and all(any(s is t for t in tree.body) for s in walked)  # the same objects
    assert all(detector.parent(s) is tree for s in tree.body)


ERRORS = {
    "in an unwalked function": FILLER.replace("return [y * 3", "return [y * 3 +"),
    "unclosed bracket at the end": FILLER + "\nx = (\n",
    "unterminated string": FILLER + "\ns = '''\n",
    "bad indentation": FILLER.replace("    return [y * 5", "      return [y * 5"),
    "python 2 print": FILLER + "\nprint 'hello'\n",
    "stray else": FILLER + "\nelse:\n    pass\n",
    "nul byte": FILLER + "\nx = 1\0\n",
    "indented first line": "  import os\n" + FILLER,
}


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_syntax_errors_are_reported_as_before(case):
    text = HEAD + ERRORS[case] + USE
    with pytest.raises(SourceError) as whole:
        parse_python(JOB, text)
    with pytest.raises(SourceError) as scanned:
        detect(JOB, text, ctx(), prune=True)
    assert (scanned.value.message, scanned.value.line, scanned.value.column) == (whole.value.message, whole.value.line, whole.value.column)


def test_chunks_start_where_statements_start():
    from zenml_migrate.scan.partial_parse import chunks_of

    text = PIECEMEAL["decorated"] + PIECEMEAL["try/except at module level"] + PIECEMEAL["module docstring with column-0 lines"]
    tree = ast.parse(text)
    starts = [min([s.lineno] + [d.lineno for d in getattr(s, "decorator_list", ())]) for s in tree.body]
    assert [first for first, _ in chunks_of(text, split_lines(text))] == starts


@pytest.mark.parametrize("case", sorted(PIECEMEAL))
def test_the_scan_of_a_file_parses_only_what_it_walks(case, monkeypatch):
    """The whole scan of a file (findings, then its cross-file facts) parses no statement it
    does not walk: a fact that read ``Detector.tree`` for every file (a facade's star import
    check) parsed every legacy file whole again, ~1.7x the cold scan's CPU."""
    from zenml_migrate.scan import partial_parse

    text = PIECEMEAL[case]
    assert piecemeal_taken(text)
    whole = []
    real = partial_parse.Parsed.whole
    monkeypatch.setattr(partial_parse.Parsed, "whole", lambda self: whole.append(1) or real(self))
    result = file_scan.scan_python(JOB, text.encode("utf-8"), ctx())
    assert result.findings and whole == []


def test_what_the_unparsed_statements_bind():
    """``Parsed.may_bind``: a name bound at module level by a statement not parsed (any kind of
    binding), from their symbol tables; a name they only read is not."""
    from zenml_migrate.scan import partial_parse

    text = HEAD + "import os as system\nNumber = int\nTotal: float = 0.0\n\nclass Kind:\n    inner = 1\n" + FILLER + USE
    lines = split_lines(text)
    found = partial_parse.parse_pruned(text, lines, JOB.path, lambda parsed, chunks: [0] if parsed.parse([0]) else None)
    assert found is not None
    parsed, _ = found
    for name in ("system", "Number", "Total", "Kind", "helper_3", "Config", "last"):
        assert parsed.may_bind(name), name
    for name in ("int", "float", "x", "y", "inner", "Repository", "os", "nothing"):
        assert not parsed.may_bind(name), name


def test_an_annotation_of_an_unbound_name_parses_nothing_more(monkeypatch):
    """``value: int`` in a step: no statement binds ``int`` at module level, so the search for
    its assignment (a type alias) reads only the statements parsed; an alias bound in a statement
    not parsed is still found (the whole module is parsed for it, as before)."""
    from zenml_migrate.scan import partial_parse

    whole = []
    real = partial_parse.Parsed.whole
    monkeypatch.setattr(partial_parse.Parsed, "whole", lambda self: whole.append(1) or real(self))
    detect(JOB, PIECEMEAL["annotations naming builtins"], ctx(), prune=True)
    assert whole == []
    aliased = HEAD + "Number = int\n" + FILLER + "\n\n@step\ndef loader(value: Number) -> Number:\n    return value\n" + USE
    assert piecemeal_taken(aliased)
    fast = detect(JOB, aliased, ctx(), prune=True)
    assert whole == [1]
    assert fast.findings and key(fast) == key(whole_file(monkeypatch, aliased))
