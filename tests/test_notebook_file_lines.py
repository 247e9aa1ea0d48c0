"""The formats that point a tool at the file on disk (GitHub annotations, GitLab code quality,
SARIF, JUnit) put a notebook finding on the line of the .ipynb JSON text that holds the flagged
characters, not on the cell's own line number (line 2 of a cell was line 2 of the file,
``"cells": [``: review24 G4); the message keeps the cell's number."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from tests.scan_helpers import migrate, write_tree

CELLS = [
    {"cell_type": "markdown", "metadata": {}, "source": ["# Quickstart\n", "\n", "```bash\n", "zenml stack register s -m default -a default -o default\n", "```\n"]},
    {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [{"name": "stdout", "output_type": "stream", "text": ["Repository\n"]}],
     "source": ["import os\n", "\n", "from zenml.steps import BaseStepConfig, step\n", "x = 'caf\u00e9 \"q\"\\t' ; from zenml.repository import Repository\n",
                "!zenml stack register s -m default -a default -o default"]},
    {"cell_type": "code", "execution_count": 2, "metadata": {}, "outputs": [], "source": "r = 1\n  \nrepo = Repository()\nrepo.get_pipeline('p')"},
]


def _notebook(sources_as_strings: bool, crlf: bool, ascii: bool) -> str:
    cells = [dict(c, source="".join(c["source"])) if sources_as_strings else c for c in CELLS]
    nb = {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
    text = json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=ascii) + "\n"  # as Jupyter writes it
    return text.replace("\n", "\r\n") if crlf else text


def _cell_text(f) -> str:
    lines = "".join(CELLS[f["cell"] - 1]["source"]).split("\n")
    return lines[f["line"] - 1][f["column"] - 1:f["end_column"] - 1]


@pytest.mark.parametrize("strings,crlf,ascii", [(False, False, True), (True, False, True), (False, True, False), (True, True, False)])
def test_line_based_formats_give_the_line_of_the_notebook_file(tmp_path, strings, crlf, ascii):
    write_tree(tmp_path, {})
    (tmp_path / "nb.ipynb").write_bytes(_notebook(strings, crlf, ascii).encode("utf-8"))
    disk = (tmp_path / "nb.ipynb").read_bytes().decode("utf-8").split("\n")
    found = migrate(["scan", "--format", "json", "--no-cache", "nb.ipynb"], tmp_path).json()["findings"]
    flagged = [_cell_text(f) for f in found]
    assert {f["cell"] for f in found} == {1, 2, 3} and "BaseStepConfig" in flagged and flagged.count("Repository") >= 2, found

    github = [line for line in migrate(["scan", "--format", "github", "--no-cache", "nb.ipynb"], tmp_path).out.splitlines() if line.startswith("::")]
    assert len(github) == len(found)
    for f, text, line in zip(found, flagged, github):
        at = dict(re.findall(r"(line|col|endLine|endColumn)=(\d+)", line))
        assert at["line"] == at["endLine"], line
        assert disk[int(at["line"]) - 1][int(at["col"]) - 1:int(at["endColumn"]) - 1] == text, (line, f)
        assert line.endswith(f"(cell {f['cell']})")

    sarif = json.loads(migrate(["scan", "--format", "sarif", "--no-cache", "nb.ipynb"], tmp_path).out)["runs"][0]["results"]
    for text, result in zip(flagged, sarif):
        region = result["locations"][0]["physicalLocation"]["region"]
        assert disk[region["startLine"] - 1][region["startColumn"] - 1:region["endColumn"] - 1] == text, region

    gitlab = json.loads(migrate(["scan", "--format", "gitlab", "--no-cache", "nb.ipynb"], tmp_path).out)
    junit = ET.fromstring(migrate(["scan", "--format", "junit", "--no-cache", "nb.ipynb"], tmp_path).out).iter("testcase")
    for text, issue, case in zip(flagged, gitlab, junit):
        assert text in disk[issue["location"]["lines"]["begin"] - 1] and text in disk[int(case.get("line")) - 1]
        assert "cell" in issue["description"] and "cell" in case.find("failure").text


def test_a_finding_outside_a_notebook_keeps_its_line(tmp_path):
    write_tree(tmp_path, {"a.py": "import os\nfrom zenml.repository import Repository\n"})
    out = migrate(["scan", "--format", "github", "--no-cache", "a.py"], tmp_path).out
    assert "line=2,col=30,endLine=2,endColumn=40," in out and "(cell" not in out
