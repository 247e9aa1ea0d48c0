"""Every ``--format``: the same findings at the same places (path, notebook cell, line, column,
code) in all of them; the concise line; full snippets; colour rules; --statistics;
--exclude / --extend-exclude; explain by code, name and prefix."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from tests.scan_helpers import LEGACY, migrate, write_tree
from tests.test_outputs import NOTEBOOK

ANSI = re.compile(r"\x1b\[[0-9;]*m")
CONCISE = re.compile(r"^(?P<path>[^:]+):(?:cell (?P<cell>\d+):)?(?P<line>\d+):(?P<col>\d+): (?P<code>ZM\d{3})(?P<fix> \[\*\])? (?P<msg>.+)$")


@pytest.fixture
def tree(tmp_path):
    return write_tree(
        tmp_path,
        {
            "src/a.py": LEGACY,
            "b.py": "from zenml.steps import BaseStepConfig\n",
            "nb.ipynb": json.dumps(NOTEBOOK),
            "bad.py": "import zenml\nprint 'x'\n",
            "run.yaml": "name: p\nsteps:\n  trainer:\n    source:\n      name: trainer\n",
        },
    )


def scan(tree, *args, env=None):
    return migrate(["scan", "--no-cache", *args], tree)


def places_of_json(tree):
    return sorted((f["path"], f.get("cell"), f["line"], f["column"], f["code"]) for f in scan(tree, "--format", "json").json()["findings"])


def places_of_concise(out):
    found = []
    for line in out.splitlines():
        m = CONCISE.match(line)
        if m:
            found.append((m["path"], int(m["cell"]) if m["cell"] else None, int(m["line"]), int(m["col"]), m["code"]))
    return sorted(found)


def test_concise_is_the_default_in_a_pipe_and_one_clickable_line_per_finding(tree):
    run = scan(tree)
    assert run.code == 2  # bad.py could not be scanned
    lines = run.out.splitlines()
    assert "b.py:1:25: ZM101 [*] `BaseStepConfig` is `BaseParameters` in ZenML 0.20" in lines
    assert "nb.ipynb:cell 3:2:1: ZM108 [*] `Repository` is `Client` (zenml.client) in ZenML 0.20" in lines
    assert any(line.startswith("bad.py:2:") and " ZM001 " in line for line in lines)
    assert places_of_concise(run.out) == places_of_json(tree)
    assert lines[-2].startswith("Found 11 findings in 4 files (") and "5 files scanned" in lines[-2]
    assert lines[-1] == "1 file could not be scanned (ZM001): the result is incomplete."
    assert not ANSI.search(run.out)


@pytest.mark.parametrize("fmt", ["concise", "full", "grouped", "json", "json-lines", "sarif", "github", "gitlab", "junit", "html"])
def test_every_format_reports_the_same_places(tree, fmt):
    expected = places_of_json(tree)
    out = scan(tree, "--format", fmt).out
    if fmt in ("concise", "full"):
        got = places_of_concise(out)
    elif fmt == "grouped":
        got, path = [], None
        for line in out.splitlines():
            if line and not line.startswith(" ") and not line.startswith(("Found", "1 file")):
                path = line
            m = re.match(r"^  (?:cell (\d+):)?(\d+):(\d+) (ZM\d{3}) ", line)
            if m:
                got.append((path, int(m[1]) if m[1] else None, int(m[2]), int(m[3]), m[4]))
    elif fmt == "json":
        got = [(d["path"], d.get("cell"), d["line"], d["column"], d["code"]) for d in json.loads(out)["findings"]]
    elif fmt == "json-lines":
        got = [(d["path"], d.get("cell"), d["line"], d["column"], d["code"]) for d in map(json.loads, out.splitlines())]
    elif fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        got = []
        for r in results:
            loc = r["locations"][0]["physicalLocation"]
            got.append((loc["artifactLocation"]["uri"], r["properties"].get("cell"), loc["region"]["startLine"], loc["region"]["startColumn"], r["ruleId"]))
    elif fmt == "github":
        got = []
        for line in out.splitlines():
            m = re.match(r"^::\w+ file=([^,]+),line=(\d+),col=(\d+),.*title=(ZM\d{3})::.*?(?: \(cell (\d+)\))?$", line)
            got.append((m[1], int(m[5]) if m[5] else None, int(m[2]), int(m[3]), m[4]))
    elif fmt == "gitlab":
        issues = json.loads(out)
        got = []
        for i in issues:
            cell = re.search(r"\(cell (\d+)\)$", i["description"])
            got.append((i["location"]["path"], int(cell[1]) if cell else None, i["location"]["lines"]["begin"], None, i["check_name"]))
        expected = sorted((p, c, line, None, code) for p, c, line, _, code in expected)
    elif fmt == "junit":
        root = ET.fromstring(out)
        got = []
        for case in root.iter("testcase"):
            m = CONCISE.match(case.get("name").split(" ", 1)[1] + ": " + case.get("name").split(" ", 1)[0] + " x")
            got.append((m["path"], int(m["cell"]) if m["cell"] else None, int(m["line"]), int(m["col"]), m["code"]))  # (the name: the concise place)
            if not m["cell"]:
                assert int(case.get("line")) == int(m["line"])
            else:  # a notebook's line attribute: the line of its file
                assert int(case.get("line")) == _on_disk(tree, got[-1])[2]
    else:  # html: every finding's location and code, in order
        got = []
        for m in re.finditer(r'<span class="loc">([^<]+)</span> <code>(ZM\d{3})</code>', out):
            p = CONCISE.match(f"{m[1]}: {m[2]} x")
            got.append((p["path"], int(p["cell"]) if p["cell"] else None, int(p["line"]), int(p["col"]), m[2]))
    if fmt in ("sarif", "github"):  # they point at the file: a notebook's .ipynb JSON line and column
        expected = sorted(map(lambda place: _on_disk(tree, place), expected))
    elif fmt == "gitlab":  # (its line only)
        expected = sorted((p, c, line if c is None else 1, None, code) for p, c, line, _, code in expected)
    assert sorted(got) == expected


def _on_disk(tree, place):
    """A notebook finding's place in the one-line JSON text of nb.ipynb (each source item is a
    line of its cell: its JSON string's quote + the column)."""
    path, cell, line, col, code = place
    if cell is None:
        return place
    text = (tree / path).read_text()
    item = json.dumps(NOTEBOOK["cells"][cell - 1]["source"][line - 1])
    assert text.count(item) == 1 and "\n" not in text
    return (path, cell, 1, text.index(item) + 1 + col, code)


def test_format_names_are_case_insensitive_and_unknown_ones_are_an_error(tree):
    assert scan(tree, "--format", "JSON").json()["summary"]["findings"] == 11
    assert scan(tree, "--format", "Json-Lines").out.count("\n") == 12
    run = scan(tree, "--format", "yaml")
    assert run.code == 2 and "unknown --format 'yaml'" in run.err and "concise" in run.err


def test_full_shows_the_source_line_and_a_caret_under_the_span(tree):
    out = scan(tree, "--format", "full").out
    block = out[out.index("b.py:1:25: ZM101") :].split("\n\n")[0].splitlines()
    assert block[2] == "1 | from zenml.steps import BaseStepConfig"
    assert block[3] == "  |                         ^^^^^^^^^^^^^^ ZM101"
    assert any(line.lstrip().startswith("= help: ") for line in block)
    cell = out[out.index("nb.ipynb:cell 3:2:1: ZM108") :].split("\n\n")[0].splitlines()
    assert "2 | Repository()" in cell and "1 | x = 1" in cell  # the cell's own lines, numbered in the cell


def test_colour_follows_color_no_color_and_force_color(tree, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert not ANSI.search(scan(tree).out)  # not a terminal
    assert ANSI.search(scan(tree, "--color", "always").out)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert ANSI.search(scan(tree).out)
    assert not ANSI.search(scan(tree, "--color", "never").out)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR")
    assert not ANSI.search(scan(tree, "--format", "full").out)
    colored = scan(tree, "--color", "always").out
    assert ANSI.sub("", colored) == scan(tree).out
    run = scan(tree, "--color", "sometimes")
    assert run.code == 2 and "--color must be one of auto, always, never" in run.err


def test_statistics_prints_only_the_table(tree):
    run = scan(tree, "--statistics")
    lines = run.out.splitlines()
    assert lines[0].split() == ["count", "code", "name", "fix"]
    assert [line.split()[1] for line in lines[1:]] == ["ZM108", "ZM101", "ZM501", "ZM001", "ZM201", "ZM301"]
    assert lines[1].split() == ["4", "ZM108", "repository-to-client", "safe"]
    stats = scan(tree, "--statistics", "--format", "json").json()
    assert stats[0] == {"code": "ZM108", "name": "repository-to-client", "count": 4, "fix": "safe"}
    run = scan(tree, "--statistics", "--format", "sarif")
    assert run.code == 2 and "--statistics" in run.err


def test_quiet_prints_only_the_findings(tree):
    out = scan(tree, "-q").out
    assert "Found" not in out and out.splitlines()[0].startswith("b.py:1:25: ZM101")


def test_verbose_prints_the_time_on_stderr(tree):
    run = migrate(["-v", "scan", "--no-cache"], tree)
    assert re.search(r"^scanned 5 files in \d+\.\d\d s \(\d+ parsed", run.err, re.M)


def test_exclude_and_extend_exclude_on_the_command_line(tree):
    (tree / "pyproject.toml").write_text('[tool.zenml-migrate]\nexclude = ["src"]\n')
    paths = lambda run: sorted({f["path"] for f in run.json()["findings"]})  # noqa: E731
    assert paths(scan(tree, "--format", "json")) == ["b.py", "bad.py", "nb.ipynb", "run.yaml"]
    assert "src/a.py" in paths(scan(tree, "--format", "json", "--exclude", "bad.py"))
    assert "bad.py" not in paths(scan(tree, "--format", "json", "--exclude", "bad.py"))
    assert paths(scan(tree, "--format", "json", "--extend-exclude", "bad.py,*.ipynb")) == ["b.py", "run.yaml"]


def test_output_file_takes_the_format_of_its_suffix(tree):
    run = scan(tree, "-o", "report.sarif")
    assert run.out == "" and json.loads((tree / "report.sarif").read_text())["version"] == "2.1.0"
    scan(tree, "-o", "report.html")
    page = (tree / "report.html").read_text()
    assert page.startswith("<!doctype html>") and "b.py:1:25" in page


def test_html_page_is_self_contained_with_totals_rules_folders_and_snippets(tree):
    page = scan(tree, "--format", "html").out
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "no network resource"
    assert "<script" not in page
    for section in ('id="rules"', 'id="folders"', 'id="findings"'):
        assert section in page
    assert "<code>BaseStepConfig</code> is <code>BaseParameters</code>" in page  # Markdown rendered, no backticks
    assert '<mark class="safe">BaseStepConfig</mark>' in page
    assert "<code>src/</code>" in page and "<code>./</code>" in page  # folders


def test_html_folders_are_grouped_to_fit():
    from zenml_migrate.output.html import MAX_FOLDERS, _folder, _folder_depth

    paths = [f"proj/pkg_{i}/sub_{j}/m.py" for i in range(30) for j in range(10)] + ["top.py"]
    depth = _folder_depth(paths)
    assert depth == 2 and len({_folder(p, depth) for p in paths}) <= MAX_FOLDERS
    assert _folder("proj/pkg_3/sub_1/m.py", depth) == "proj/pkg_3/" and _folder("top.py", depth) == "./"


def test_explain_by_code_name_prefix_and_zm001(tmp_path):
    by_code = migrate(["explain", "ZM207"], tmp_path).out
    assert migrate(["explain", "enable-mlflow"], tmp_path).out == by_code
    assert migrate(["explain", "Enable_MLflow"], tmp_path).out == by_code
    prefix = migrate(["explain", "zm20"], tmp_path).out
    assert [line for line in prefix.splitlines() if re.match(r"^ZM\d{3} \(", line)][:3] == [
        "ZM201 (custom-step-operator)", "ZM202 (output-types)", "ZM203 (resource-configuration-kwarg)"]
    zm001 = migrate(["explain", "ZM001"], tmp_path)
    assert zm001.code == 0 and zm001.out.startswith("ZM001 (unreadable-file)") and "## Instead" in zm001.out
    run = migrate(["explain", "not-a-rule"], tmp_path)
    assert run.code == 2 and "no rule 'not-a-rule'" in run.err


def test_unknown_codes_are_an_error_everywhere(tree):
    run = scan(tree, "--ignore", "ZM999")
    assert run.code == 2 and "unknown rule code or prefix: ZM999" in run.err
    (tree / "pyproject.toml").write_text('[tool.zenml-migrate]\nper-file-ignores = { "src/*" = ["ZM777"] }\n')
    run = scan(tree)
    assert run.code == 2 and "ZM777" in run.err and "pyproject.toml" in run.err
    (tree / "pyproject.toml").write_text('[tool.zenml-migrate]\nper-file-ignores = { "src/*" = ["ZM1", "ALL"] }\n')
    assert scan(tree).code == 2  # the ZM001 of bad.py, not a configuration error
    assert "pyproject.toml" not in scan(tree).err
    assert scan(tree, "--select", "ZM001", "--format", "json").json()["summary"]["findings"] == 0


def test_a_broken_notebook_cell_is_not_an_unscanned_file(tmp_path):
    """One notebook is not JSON (not scanned), another has two cells Python rejects (scanned:
    its other cells' findings are listed): the summary says which is which, and `migrate
    code` names the problems at the places `migrate scan` gives."""
    from tests.test_cli_commands import notebook

    write_tree(tmp_path, {
        "scratch.ipynb": "not json\n",
        "cells.ipynb": notebook("from zenml.repository import Repository\nRepository()\n", "print 'x'\n", "x = 1\n", "if True\n    pass\n"),
    })
    run = scan(tmp_path)
    lines = run.out.splitlines()
    assert run.code == 2
    assert lines[-2].startswith("Found ") and lines[-2].endswith("; 1 of 2 files scanned.")
    assert lines[-1] == "1 file could not be scanned and 2 notebook cells could not be parsed (ZM001): the result is incomplete."
    assert any(line.startswith("cells.ipynb:cell 1:") and " ZM108 " in line for line in lines)
    zm001 = sorted(line for line in lines if " ZM001 " in line)
    places = [line.split(" ZM001 ")[0].rsplit(":", 2)[0] for line in zm001]  # columns differ between Pythons
    assert places == ["cells.ipynb:cell 2:1", "cells.ipynb:cell 4:1", "scratch.ipynb:1"]
    code = migrate(["code", "--no-cache", "."], tmp_path)
    errors = sorted(line[len("error: "):] for line in code.err.splitlines() if line.startswith("error: "))
    assert errors == zm001
    page = migrate(["scan", "--no-cache", "--format", "html", "."], tmp_path).out
    assert "1 of 2 files scanned" in page
    assert "<b>1</b><span>file could not be scanned (ZM001)</span>" in page
    assert "<b>2</b><span>notebook cells could not be parsed" in page
    only_cells = scan(tmp_path, "--exclude", "scratch.ipynb").out.splitlines()
    assert only_cells[-2].endswith("; 1 file scanned.")
    assert only_cells[-1] == "2 notebook cells could not be parsed (ZM001): the result is incomplete."


def test_statistics_fix_column_is_what_happens_to_these_findings():
    """A fix is per occurrence: a safe rule whose findings here have no fix says `none` (the
    table said `safe` while the summary counted them for a human), a mix says how many of each;
    JSON keeps the rule's level."""
    import io

    from zenml_migrate.findings import Finding, Span
    from zenml_migrate.output import statistics
    from zenml_migrate.output.common import RenderOptions
    from zenml_migrate.scan.engine import ScanReport

    def found(code, fix, line):
        return Finding("run.py", Span(line, 1, line, 2), code, "m", fix)

    report = ScanReport(findings=[found("ZM210", "safe", 1), found("ZM210", None, 2), found("ZM210", "safe", 3),
                                  found("ZM108", "safe", 4), found("ZM250", None, 5), found("ZM207", None, 6)])
    out = io.StringIO()
    statistics.render(report, [], out, RenderOptions())
    rows = {line.split()[1]: line.split(None, 3)[3] for line in out.getvalue().splitlines()[1:]}
    assert rows == {"ZM210": "safe 2, none 1", "ZM108": "safe", "ZM250": "none", "ZM207": "none"}
    from zenml_migrate.output.common import statistics_rows

    assert {r["code"]: r["fix"] for r in statistics_rows(report)}["ZM207"] == "safe"


def test_html_rule_row_says_what_is_true_of_a_run_config_a_legacy_reader_keeps(tmp_path):
    """The per-rule row printed ZM501's generic advice ("not allowed in a ZenML 0.20 run config.
    Instead: Delete the keys") while each finding below it said the keys stay: `zenml pipeline
    run -c` reads the file the 0.13.2 way (review27 R8). The row now says what the findings say."""
    write_tree(tmp_path, {
        "run.sh": "#!/bin/sh\nzenml pipeline run -c train.yaml pipelines/training.py\n",
        "train.yaml": "name: training_pipeline\nsteps:\n  importer:\n    source:\n      file: steps/importer.py\n      name: importer\n",
    })
    page = migrate(["scan", "--no-cache", "--format", "html", "."], tmp_path).out
    row = page[page.index("<code>ZM501</code><br>"):]
    row = row[: row.index("</tr>")]
    assert "stay for a reader ZenML 0.20 still serves the 0.13.2 way" in row, row
    assert "Delete the keys" not in row and "not allowed" not in row, row
