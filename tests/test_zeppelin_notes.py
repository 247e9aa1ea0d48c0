"""Zeppelin notes (``.zpln``, JSON ``paragraphs[].text``) are read with the notebook model:
paragraph N is cell N; a ``%python``/``%pyspark``/``%spark.pyspark`` paragraph is Python (its
interpreter line masked as a magic line), a ``%sh`` paragraph is shell text, a ``%md`` one a
markdown cell (its fenced shell blocks); a paragraph without an interpreter runs in the note's
``defaultInterpreterGroup``; Scala/SQL paragraphs are not read. ``--fix`` writes the paragraphs'
``text`` back, keeping Gson's ``\\u003d`` escapes."""

import json

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of
from zenml_migrate.scan.sources import SourceError


def _note(default="python", interpreter="python"):
    paragraphs = [
        {"title": "load", "text": f"%{interpreter}\nfrom zenml.repository import Repository\nrepo = Repository()", "id": "20230101-1"},
        {"text": "%sh\nset -e\nzenml stack update etl -m etl_store\nzenml stack describe", "id": "20230101-2"},
        {"text": "%md\nSet up with:\n```bash\nzenml metadata-store list\n```", "id": "20230101-3"},
        {"text": "%spark\nval cmd = \"zenml profile get\"", "id": "20230101-4"},
        {"text": "print(repo.get_pipelines())", "id": "20230101-5"},
    ]
    text = json.dumps({"paragraphs": paragraphs, "name": "etl", "id": "2HX", "defaultInterpreterGroup": default, "config": {}, "info": {}}, indent=2)
    return text.replace("=", "\\u003d")  # as Zeppelin's Gson writes it


def _found(text):
    return sorted((f.cell, f.span.line, f.code) for f in scan_source(text, "notes/etl.zpln"))


def test_kind():
    assert kind_of("notebook/etl_2HX.zpln") == "ipynb"


def test_paragraphs_are_cells():
    found = _found(_note())
    assert (1, 2, "ZM108") in found  # the import in the %python paragraph
    assert (2, 3, "ZM952") in found  # %sh
    assert (3, 4, "ZM951") in found  # a %md paragraph's bash fence
    assert (5, 1, "ZM302") in found  # no interpreter: the note's default (python)
    assert not [f for f in found if f[0] == 4]  # Scala


def test_default_group_not_python():
    assert not [f for f in _found(_note(default="spark")) if f[0] == 5]


def test_fix_writes_the_paragraphs_back():
    original = _note()
    out = fix_source(original, "notes/etl.zpln").text
    note = json.loads(out)
    texts = [p["text"] for p in note["paragraphs"]]
    assert texts[0].startswith("%python\nfrom zenml.client import Client\n") and texts[0].endswith("\nrepo = Client()")
    assert texts[4] == "print(get_pipelines())"
    assert "zenml stack update etl\n" in texts[1] and texts[1].startswith("%sh\n")
    assert texts[3] == json.loads(original)["paragraphs"][3]["text"]
    assert "\\u003d" in out and "=" not in out  # Gson's escapes kept
    assert list(note) == list(json.loads(original))


def test_spark_paragraphs_are_python():
    found = _found(_note(interpreter="spark.pyspark"))
    assert (1, 2, "ZM108") in found and (1, 3, "ZM108") in found


MIXED = json.dumps({"paragraphs": [
    {"text": "%spark.pyspark\nfrom zenml.repository import Repository\nrepo = Repository()"},
    {"text": "%python\nprint(repo.get_pipelines())"},
    {"text": "%pyspark\nprint(repo.get_pipelines())"},
    {"text": "%python\nfrom zenml.repository import Repository\nprint(Repository().get_pipelines())"},
], "defaultInterpreterGroup": "python"})


def test_interpreter_groups_are_namespaces_of_their_own():
    """``%spark.pyspark``/``%pyspark`` paragraphs run in the Spark interpreter's Python, ``%python``
    ones in another process: ``repo`` of paragraph 1 is not paragraph 2's, and an import a fix adds
    goes into a paragraph of the group that uses it."""
    found = _found(MIXED)
    assert (3, 2, "ZM302") in found and not [f for f in found if f[0] == 2]
    texts = [p["text"] for p in json.loads(fix_source(MIXED, "notes/mixed.zpln").text)["paragraphs"]]
    assert texts[0] == "%spark.pyspark\nfrom zenml.client import Client\nfrom zenml.post_execution import get_pipelines\nrepo = Client()"
    assert texts[1] == "%python\nprint(repo.get_pipelines())"
    assert texts[2] == "%pyspark\nprint(get_pipelines())"
    assert texts[3] == "%python\nfrom zenml.post_execution import get_pipelines\nprint(get_pipelines())"


def test_a_zeppelin_08_note_json_in_its_note_id_folder_is_a_note(tmp_path):
    """Zeppelin 0.5-0.8 keep each note as ``notebook/<9-character id>/note.json`` (0.9 renamed
    them ``<name>_<id>.zpln``): it was not scanned at all; a ``note.json`` elsewhere is no note."""
    from tests.scan_helpers import migrate, scan_json, write_tree

    note = json.dumps({"paragraphs": [
        {"text": "%sh\nzenml profile delete old", "id": "p1"},
        {"text": "%pyspark\nfrom zenml.steps import BaseStepConfig", "id": "p2"},
    ], "name": "old", "id": "2JQ7XK4MB", "config": {}, "info": {}})
    write_tree(tmp_path, {"notebook/2JQ7XK4MB/note.json": note, "docs/note.json": note, "notebook/2JQ7XK4MBX/note.json": note})
    assert kind_of("zeppelin/notebook/2JQ7XK4MB/note.json") == "ipynb"
    found = {(f["path"], f.get("cell"), f["line"], f["code"]) for f in scan_json(tmp_path, ".").json()["findings"]}
    assert {("notebook/2JQ7XK4MB/note.json", 1, 2, "ZM950"), ("notebook/2JQ7XK4MB/note.json", 2, 2, "ZM101")} <= found
    assert {p for p, *_ in found} == {"notebook/2JQ7XK4MB/note.json"}
    assert migrate(["code", "--fix", "--no-cache", "."], tmp_path).code == 1
    fixed = json.loads((tmp_path / "notebook/2JQ7XK4MB/note.json").read_text())
    assert fixed["paragraphs"][1]["text"] == "%pyspark\nfrom zenml.steps import BaseParameters"
    assert json.loads((tmp_path / "docs/note.json").read_text()) == json.loads(note)


def test_a_note_json_in_a_nine_character_folder_that_is_no_zeppelin_note_is_not_read_as_one(tmp_path):
    """Only a note.json holding Zeppelin's ``paragraphs`` list is a note: a release manifest or an
    app's notes file in a folder of nine capitals/digits (``RELEASE01/``, ``V20240101/``) is
    neither reported as a broken notebook (ZM001, exit 2) nor scanned as one, zenml in it or not."""
    from tests.scan_helpers import scan_json, write_tree

    write_tree(tmp_path, {
        "RELEASE01/note.json": json.dumps({"version": "1.0", "notes": ["pin zenml==0.13.2"]}),
        "V20240101/note.json": "{not json at all",
        "notebook/2JQ7XK4MB/note.json": json.dumps({"paragraphs": [{"text": "%python\nfrom zenml.repository import Repository", "id": "p"}]}),
    })
    result = scan_json(tmp_path, ".")
    report = result.json()
    assert report["summary"]["errors"] == 0 and not [f for f in report["findings"] if f["code"] == "ZM001"], report
    assert {f["path"] for f in report["findings"]} == {"notebook/2JQ7XK4MB/note.json"}
    assert result.code == 1  # the findings of the real note, no error


def test_migrate_code_leaves_a_note_json_that_is_no_zeppelin_note_as_it_is(tmp_path):
    """The kind registry decides once, by the bytes, whether a ``<id>/note.json`` is a note
    (``file_kinds.notebook_file``), for the scan and the fix alike: ``migrate code -`` named so
    rewrote nothing and said the release manifest was a broken notebook (exit 2)."""
    from tests.scan_helpers import migrate

    manifest = json.dumps({"version": "1.0", "notes": ["pin zenml==0.13.2"]})
    result = migrate(["code", "-", "--stdin-filename", "RELEASE01/note.json"], tmp_path, input=manifest.encode())
    assert (result.code, result.out) == (0, manifest), result.err


def test_a_note_json_is_parsed_once(tmp_path, monkeypatch):
    """Telling a ``note.json`` is a Zeppelin note parses its JSON (``is_zeppelin_json``); reading
    it as a notebook then reuses that parse (it parsed it a second time: issue 11)."""
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan import notebook
    from zenml_migrate.scan.engine import ScanSettings, run_scan

    note = json.dumps({"paragraphs": [{"text": "%python\nfrom zenml.repository import Repository", "id": "p"}], "id": "2JQ7XK4MB"})
    path = tmp_path / "notebook" / "2JQ7XK4MB" / "note.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xef\xbb\xbf" + note.encode())  # a BOM too: read as Jupyter reads a notebook
    parsed = []
    loads = json.loads
    monkeypatch.setattr(notebook.json, "loads", lambda s, *a, **k: parsed.append(s) or loads(s, *a, **k))
    report = run_scan([str(tmp_path)], ScanSettings(rules=all_rules(), workers=1, cache_dir=None))
    assert {f.code for f in report.findings} == {"ZM108"}
    assert len([s for s in parsed if "paragraphs" in (s if isinstance(s, str) else s.decode("utf-8-sig"))]) == 1
    fixed = fix_source(note, "notebook/2JQ7XK4MB/note.json")
    assert "from zenml.client import Client" in fixed.text


def test_a_note_json_parse_is_reused_only_for_the_same_text():
    from zenml_migrate.scan.notebook import is_zeppelin_json, read_notebook

    first = json.dumps({"paragraphs": [{"text": "%python\nx = 1", "id": "p"}]})
    second = json.dumps({"paragraphs": [{"text": "%python\ny = 2", "id": "q"}]})
    assert is_zeppelin_json(first.encode())
    assert [c.source for c in read_notebook(second.encode()).cells] == ["%python\ny = 2"]
    assert [c.source for c in read_notebook(first.encode()).cells] == ["%python\nx = 1"]
    assert is_zeppelin_json(first.encode())
    assert [c.source for c in read_notebook(first).cells] == [c.source for c in read_notebook(first).cells] == ["%python\nx = 1"]
    utf16 = "{\"paragraphs\": []}".encode("utf-16")
    assert is_zeppelin_json(utf16)  # JSON reads UTF-16, Jupyter does not: the note is reported, not skipped
    with pytest.raises(SourceError, match="UTF-16"):
        read_notebook(utf16)
    assert not is_zeppelin_json(b"{\"paragraphs\": [], \"cells\": []}") and not is_zeppelin_json(b"{oops")
