"""The four output formats: text, json (stable schema), sarif (SARIF 2.1.0 as GitHub code
scanning takes it), github (workflow annotations)."""

import json
import os
import re

import jsonschema
import pytest

from tests.scan_helpers import LEGACY, migrate, scan_json, write_tree

HERE = os.path.dirname(os.path.abspath(__file__))
FINDING_KEYS = {"path", "line", "column", "end_line", "end_column", "code", "message", "fix"}
NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "source": ["# title\n"]},
        {"cell_type": "code", "source": ["from zenml.repository import Repository\n"]},
        {"cell_type": "code", "source": ["x = 1\n", "Repository()\n"]},
    ],
    "nbformat": 4,
    "nbformat_minor": 5,
}


@pytest.fixture
def tree(tmp_path):
    return write_tree(
        tmp_path,
        {"src/a.py": LEGACY, "b.py": "from zenml.steps import BaseStepConfig\n", "nb.ipynb": json.dumps(NOTEBOOK), "bad.py": "import zenml\nprint 'x'\n"},
    )


def run(tree, fmt, *args):
    return migrate(["scan", "--no-cache", "--format", fmt, *args], tree)


def test_json_shape_is_exact_and_stable(tree):
    data = run(tree, "json").json()
    assert set(data) == {"tool", "findings", "summary"}
    assert data["summary"] == {"files": 4, "findings": 9, "errors": 1}
    for f in data["findings"]:
        keys = set(f)
        assert keys == FINDING_KEYS or (f["path"].endswith(".ipynb") and keys == FINDING_KEYS | {"cell"}), keys
        assert f["fix"] in ("safe", "unsafe", None)
        assert all(isinstance(f[k], int) and f[k] >= 1 for k in ("line", "column", "end_line", "end_column"))
    first = data["findings"][0]
    assert first == {
        "path": "b.py",
        "line": 1,
        "column": 25,
        "end_line": 1,
        "end_column": 39,
        "code": "ZM101",
        "message": "`BaseStepConfig` is `BaseParameters` in ZenML 0.20",
        "fix": "safe",
    }
    nb = [f for f in data["findings"] if f["path"] == "nb.ipynb"]
    assert [(f["cell"], f["line"], f["column"], f["code"]) for f in nb] == [(2, 1, 30, "ZM108"), (3, 2, 1, "ZM108")]
    bad = [f for f in data["findings"] if f["code"] == "ZM001"]
    assert [(f["path"], f["line"], f["fix"]) for f in bad] == [("bad.py", 2, None)]


def test_json_findings_are_sorted(tree):
    findings = run(tree, "json").json()["findings"]
    real = [f for f in findings if f["code"] != "ZM001"]
    keys = [(f["path"], f.get("cell", 0), f["line"], f["column"], f["end_line"], f["end_column"], f["code"]) for f in real]
    assert keys == sorted(keys)


def test_sarif_validates_against_the_schema(tree):
    doc = json.loads(run(tree, "sarif").out)
    with open(os.path.join(HERE, "data", "sarif-2.1.0-subset.schema.json")) as fh:
        schema = json.load(fh)
    jsonschema.validate(doc, schema, format_checker=jsonschema.FormatChecker())


def test_sarif_is_what_github_code_scanning_needs(tree):
    doc = json.loads(run(tree, "sarif").out)
    assert doc["version"] == "2.1.0" and len(doc["runs"]) == 1
    run_ = doc["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    assert run_["tool"]["driver"]["name"] == "zenml-migrate"
    assert len(run_["results"]) == 10
    for res in run_["results"]:
        # every result names a rule the driver describes, at the index it claims
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        assert not uri.startswith(("./", "/")) and "\\" not in uri  # relative to the checkout root
        region = loc["region"]
        assert region["startLine"] >= 1 and region["endLine"] >= region["startLine"]
        assert res["message"]["text"]
        assert res["level"] in ("error", "warning")
    for rule in rules:
        assert rule["shortDescription"]["text"]
    zm001 = [r for r in run_["results"] if r["ruleId"] == "ZM001"]
    assert len(zm001) == 1 and zm001[0]["level"] == "warning"


def test_sarif_of_a_clean_tree(tmp_path):
    write_tree(tmp_path, {"a.py": "x = 1\n"})
    doc = json.loads(run(tmp_path, "sarif").out)
    assert doc["runs"][0]["results"] == []


def test_github_annotations(tree):
    lines = run(tree, "github").out.splitlines()
    pattern = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=(ZM\d{3})::(.+)$")
    parsed = [pattern.match(line) for line in lines]
    assert all(parsed), lines
    assert lines[0] == "::error file=b.py,line=1,col=25,endLine=1,endColumn=39,title=ZM101::`BaseStepConfig` is `BaseParameters` in ZenML 0.20"
    assert [m.group(2) for m in parsed if m.group(1) == "warning"] == ["bad.py"]
    assert any(m.group(2) == "nb.ipynb" and m.group(8).endswith("(cell 3)") for m in parsed)


def test_github_escapes_properties_and_data():
    from zenml_migrate.output.github import _escape_data, _escape_prop

    assert _escape_prop("a,b:c%d") == "a%2Cb%3Ac%25d"
    assert _escape_data("one\ntwo\r%") == "one%0Atwo%0D%25"


def test_text_is_grouped_by_file_with_a_summary(tree):
    out = run(tree, "text").out
    lines = out.splitlines()
    headers = [line for line in lines if line and not line.startswith(" ")][:4]
    assert headers == ["b.py", "bad.py", "nb.ipynb", "src/a.py"]
    assert "  1:25 ZM101 `BaseStepConfig` is `BaseParameters` in ZenML 0.20 (fixable)" in lines
    assert "  cell 3:2:1 ZM108 `Repository` is `Client` (zenml.client) in ZenML 0.20 (fixable)" in lines
    assert any("Found 9 findings in 3 files" in line for line in lines)
    assert any("1 file could not be scanned (ZM001)" in line for line in lines)
    assert "Findings per rule" not in out


def test_text_statistics(tree):
    out = run(tree, "text", "--statistics").out
    lines = out.splitlines()
    assert lines[0].split() == ["count", "code", "name", "fix"]  # only the table: no finding, no summary
    row = next(line for line in lines if "ZM108" in line)
    assert re.search(r"\b4\b.*ZM108.*repository-to-client.*safe", row)
    assert not any("Found" in line or "b.py" in line for line in lines)


def test_text_of_a_clean_tree(tmp_path):
    write_tree(tmp_path, {"a.py": "x = 1\n"})
    assert run(tmp_path, "text").out.strip() == "No ZenML 0.13.2 APIs found in 1 file."


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_output_to_a_file_equals_stdout(tree, fmt):
    shown = run(tree, fmt)
    written = migrate(["scan", "--no-cache", "--format", fmt, "--output", "out.txt"], tree)
    assert written.out == "" and written.code == shown.code == 2
    assert (tree / "out.txt").read_text() == shown.out
