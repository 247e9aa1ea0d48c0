"""A Python module's run-config references (``FileResult.config_refs``: its ``with_config("x.yaml")``
calls) come from the statements the scan parsed: the module is not parsed a second time for
them (``run_config_refs.python_refs`` ran its own ``ast.parse``: perf27, issue 11). A piecemeal
parse (``partial_parse``) parses only the unparsed statements that spell ``with_config``."""

import ast
import types

from zenml_migrate.rules import all_rules
from zenml_migrate.scan import run_config_refs
from zenml_migrate.scan.detect import rule_index
from zenml_migrate.scan.file_scan import FileJob, ScanContext, scan_bytes

HEAD = "from zenml.pipelines import pipeline\nfrom zenml.repository import Repository\n\n\n@pipeline\ndef train(a):\n    a()\n\n\n"
FILLER = "".join(f"def helper_{i}(x):\n    return [y * {i} for y in x]\n\n\n" for i in range(14))
CALLS = ("def launch(built):\n    built.with_config(\"configs/train.yaml\").run()\n\n\n"
         "if __name__ == \"__main__\":\n    p = make()\n    p.with_config('other.yaml', overwrite=True)\n")


def _refs(text: str, monkeypatch, parses: list) -> tuple:
    own = types.SimpleNamespace(**vars(ast))  # the module's own ``ast`` (the scan's parse is not counted)
    own.parse = lambda *a, **k: parses.append(1) or ast.parse(*a, **k)
    monkeypatch.setattr(run_config_refs, "ast", own)
    data = text.encode() if isinstance(text, str) else text
    return scan_bytes(FileJob("run.py", "py", "run"), data, ScanContext(rule_index(all_rules()))).config_refs


def test_the_refs_come_from_the_scan_s_parse(monkeypatch):
    from zenml_migrate.scan.partial_parse import Parsed

    held = []
    holding = Parsed.holding
    monkeypatch.setattr(Parsed, "holding", lambda self, word: held.append(word) or holding(self, word))
    small = HEAD[:-2] + CALLS  # parsed whole
    big = HEAD + FILLER + CALLS  # parsed piecemeal: the pruning keeps neither call's statement
    for text in (small, big):
        expected = tuple(run_config_refs.python_refs(text))  # its own parse, the order of its walk
        last = text.count("\n")
        assert {(line, v) for line, _, v in expected} == {(last - 5, "configs/train.yaml"), (last, "other.yaml")}
        parses: list = []
        assert _refs(text, monkeypatch, parses) == expected
        assert not parses, text
    assert held == ["with_config"]  # the big module: its calls' statements were not parsed for the rules


def test_a_text_the_scan_reads_otherwise_is_parsed_as_before(monkeypatch):
    """A BOM: the scan reads the text without it, ``config_refs`` with it (where ``ast.parse``
    fails): the bytes are read as before, same answer."""
    parses: list = []
    data = b"\xef\xbb\xbf" + (HEAD + CALLS).encode()
    assert _refs(data, monkeypatch, parses) == run_config_refs.config_refs("py", data)
    assert parses
