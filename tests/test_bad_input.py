"""Bad input never stops the run: each problem file gives exactly one ZM001 diagnostic
(file, line where known, what to do), the other files are still scanned, exit code 2
(``--exit-zero``: 0), and never a traceback."""

import os

import pytest

from tests.scan_helpers import LEGACY, scan_json, write_tree

OK = ("ok.py", 1, "ZM108")


def diagnostics(run):
    return [f for f in run.json()["findings"] if f["code"] == "ZM001"]


def scan_one_bad(tmp_path, make):
    """Write ok.py plus one bad file (made by ``make(tmp_path)``), scan, check the contract."""
    write_tree(tmp_path, {"ok.py": LEGACY})
    make(tmp_path)
    run = scan_json(tmp_path)
    assert run.code == 2, run.out
    found = [(f["path"], f["line"], f["code"]) for f in run.json()["findings"]]
    assert OK in found  # the scan went on
    diags = diagnostics(run)
    assert len(diags) == 1, diags
    d = diags[0]
    assert d["fix"] is None and d["column"] >= 1
    assert scan_json(tmp_path, "--exit-zero").code == 0
    return d


CASES = {
    "python2": (lambda p: (p / "bad.py").write_text("import zenml\n\nprint 'hello'\n"), 3, ["Python 2", "port it to Python 3"]),
    "syntax": (lambda p: (p / "bad.py").write_text("import zenml\ndef f(:\n    pass\n"), 2, ["cannot parse", "fix the syntax error"]),
    "undecodable": (lambda p: (p / "bad.py").write_bytes(b"import zenml\nx = '\xff\xfe'\n"), 2, ["not valid utf-8", "convert the file to UTF-8"]),
    "wrong cookie": (
        lambda p: (p / "bad.py").write_bytes(b"# -*- coding: ascii -*-\nimport zenml\nx = '\xc3\xa9'\n"),
        3,
        ["not valid ascii", "declare its encoding"],
    ),
    "unknown cookie": (lambda p: (p / "bad.py").write_bytes(b"# coding: klingon\nimport zenml\n"), 1, ["bad encoding declaration", "coding"]),
    # binary data named .py (no coding comment in it): it said "bad encoding declaration ...; fix the
    # `# -*- coding: ... -*-` comment", at line 2, of a file that has none
    "binary named .py": (
        lambda p: (p / "bad.py").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xfe\xff import zenml\n"), 1, ["not valid UTF-8", "binary data?"],
    ),
    "null byte": (lambda p: (p / "bad.py").write_bytes(b"import zenml\nx = 1\n\x00\n"), 3, ["NUL byte", "remove it"]),
    "notebook json": (lambda p: (p / "bad.ipynb").write_text('{"cells": [{"source": "import zenml"'), 1, ["not a valid notebook", "JSON"]),
    "notebook cells": (lambda p: (p / "bad.ipynb").write_text('{"cells": "import zenml"}'), 1, ["no 'cells' list", "re-save"]),
    "notebook cell type": (lambda p: (p / "bad.ipynb").write_text('{"cells": ["import zenml"]}'), 1, ["cell 1 is not an object"]),
    "notebook syntax": (
        lambda p: (p / "bad.ipynb").write_text(
            '{"cells": [{"cell_type": "code", "source": ["import zenml\\n"]}, {"cell_type": "code", "source": ["print 1"]}]}'
        ),
        1,
        ["cannot parse"],  # the cell is the diagnostic's place (cell 2), not repeated in its message
    ),
    "symlink loop": (lambda p: (os.symlink("bad2.py", p / "bad.py"), os.symlink("bad.py", p / "bad2.py")), None, ["symbolic link loop"]),
    "dangling symlink": (lambda p: os.symlink("missing.py", p / "bad.py"), 1, ["dangling symbolic link", "fix or remove"]),
    "fifo": (lambda p: os.mkfifo(p / "bad.py"), 1, ["not a regular file", "exclude"]),
    "directory symlink named .py": (lambda p: (os.mkdir(p / "d"), os.symlink("d", p / "bad.py")), 1, ["directory where a file is expected"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_gives_one_diagnostic_and_the_scan_goes_on(tmp_path, case):
    make, line, words = CASES[case]
    if case == "symlink loop":
        write_tree(tmp_path, {"ok.py": LEGACY})
        make(tmp_path)
        run = scan_json(tmp_path)
        assert run.code == 2
        diags = diagnostics(run)
        assert sorted(d["path"] for d in diags) == ["bad.py", "bad2.py"]  # one per file
        assert all("symbolic link loop" in d["message"] for d in diags)
        return
    d = scan_one_bad(tmp_path, make)
    assert d["path"].startswith("bad.")
    if line is not None:
        assert d["line"] == line, d
    for word in words:
        assert word in d["message"], d["message"]
    if case == "notebook syntax":
        assert d["cell"] == 2 and "cell 2" not in d["message"]
    assert "Traceback" not in d["message"]


def test_unreadable_file(tmp_path):
    """chmod 000: root reads it anyway (then it is simply scanned); anyone else gets ZM001."""
    write_tree(tmp_path, {"ok.py": LEGACY, "secret.py": LEGACY})
    os.chmod(tmp_path / "secret.py", 0)
    try:
        run = scan_json(tmp_path)
    finally:
        os.chmod(tmp_path / "secret.py", 0o644)
    paths = {(f["path"], f["code"]) for f in run.json()["findings"]}
    if os.geteuid() == 0:
        assert ("secret.py", "ZM108") in paths and run.code == 1
    else:
        assert ("secret.py", "ZM001") in paths and run.code == 2


def test_many_bad_files_each_reported_once_in_every_format(tmp_path):
    write_tree(tmp_path, {"ok.py": LEGACY})
    for name, (make, _, _) in sorted(CASES.items()):
        sub = tmp_path / name.replace(" ", "_")
        sub.mkdir()
        make(sub)
    run = scan_json(tmp_path)
    assert run.code == 2
    per_file = {}
    for d in diagnostics(run):
        per_file[d["path"]] = per_file.get(d["path"], 0) + 1
    assert set(per_file.values()) == {1}
    assert len(per_file) == len(CASES) + 1  # the symlink loop is two files
    for fmt in ("text", "github", "sarif"):
        out = scan_json(tmp_path, "--format", fmt)  # later --format wins
        assert out.code == 2 and "Traceback" not in out.out


def test_stdin_with_bad_bytes(tmp_path):
    from tests.scan_helpers import migrate

    run = migrate(["scan", "--no-cache", "--format", "json", "-"], tmp_path, input=b"import zenml\nx = '\xff'\n")
    assert run.code == 2
    assert [(f["path"], f["line"], f["code"]) for f in run.json()["findings"]] == [("<stdin>", 2, "ZM001")]


def test_files_without_zenml_are_never_parsed(tmp_path):
    """The prefilter: Python 2 code that never mentions zenml cannot hide a 0.13.2 use."""
    write_tree(tmp_path, {"old.py": "print 'hello'\n", "ok.py": LEGACY})
    run = scan_json(tmp_path)
    assert run.code == 1 and not diagnostics(run)


def test_a_worker_that_dies_costs_one_file(tmp_path, monkeypatch):
    """A native crash in a worker (simulated with os._exit) becomes ZM001 for that file only."""
    import multiprocessing

    from zenml_migrate.scan import engine
    from zenml_migrate.scan.engine import ScanSettings, run_scan
    from zenml_migrate.rules import all_rules

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("needs the fork start method to hand the crashing scanner to the workers")
    real = engine.scan_bytes

    def crashing(job, data, ctx):
        if "crash" in job.path:
            os._exit(3)
        return real(job, data, ctx)

    write_tree(tmp_path, {f"f{i}.py": LEGACY for i in range(5)})
    write_tree(tmp_path, {"crash.py": LEGACY})
    monkeypatch.setattr(engine, "scan_bytes", crashing)
    monkeypatch.setattr(engine, "POOL_MIN_FILES", 1)
    monkeypatch.setattr(engine, "CHUNK", 2)
    monkeypatch.chdir(tmp_path)
    report = run_scan(["."], ScanSettings(rules=all_rules(), workers=2))
    assert [(d.path, d.code) for d in report.diagnostics] == [("crash.py", "ZM001")]
    assert "crashed" in report.diagnostics[0].message
    assert {f.path for f in report.findings} == {f"f{i}.py" for i in range(5)}


def test_a_file_name_that_is_not_utf8_defines_a_step(tmp_path):
    """A step defined in a file whose name is not UTF-8 (no import can name it): the project's
    cross-file index skipped it instead of stopping the run with an internal error."""
    import subprocess
    import sys

    write_tree(tmp_path, {"run.py": "from steps.a import s\nx = s()\n", "steps/a.py": "from zenml.steps import step\n\n\n@step\ndef s() -> int:\n    return 1\n"})
    (tmp_path / os.fsdecode(b"\xff.py")).write_bytes(b"from zenml.steps import BaseStepConfig, step\n\n\n@step\ndef t() -> int:\n    return 1\n")
    run = scan_json(tmp_path)
    assert run.code == 1 and [f["code"] for f in run.json()["findings"]] == ["ZM101"]
    for command in ("scan", "code"):  # the real entry point: names printed escaped (cli.main), never a crash
        run = subprocess.run([sys.executable, "-m", "zenml_migrate", command, "--no-cache", "."], cwd=tmp_path, capture_output=True)
        assert run.returncode == 1 and b"\\udcff.py" in run.stdout + run.stderr, run.stderr


def test_a_utf16_python_file_is_named_as_such():
    # (the reader says what it is; a scan reads it when it mentions zenml in UTF-16: below)
    from zenml_migrate.scan.sources import SourceError, decode_python

    with pytest.raises(SourceError) as info:
        decode_python("import zenml\n".encode("utf-16"))
    assert "UTF-16" in info.value.message and "re-save the file as UTF-8" in info.value.message


def test_a_utf16_python_file_that_mentions_zenml_is_reported_not_called_clean(tmp_path):
    # a Windows editor's "Unicode" (UTF-16 with a byte order mark): no b"zenml" in its bytes, and
    # the scan said "No ZenML 0.13.2 APIs found" for a module full of them
    import codecs

    def make(root):
        (root / "win.py").write_bytes(codecs.BOM_UTF16_LE + LEGACY.encode("utf-16-le"))
        (root / "other.py").write_bytes(codecs.BOM_UTF16_BE + "import os\n".encode("utf-16-be"))  # no zenml: not read

    d = scan_one_bad(tmp_path, make)
    assert d["path"] == "win.py" and "UTF-16" in d["message"] and "re-save the file as UTF-8" in d["message"]


def test_a_module_too_large_to_rewrite_says_its_size_truly():
    """The library API (no scan given) gets what the scan says: no fix, the true size and limit,
    and TODO lines only (placing them needs no LibCST); it was an error, "file left unchanged"."""
    from zenml_migrate.fix.files import MAX_REWRITE_BYTES, fix_bytes
    from zenml_migrate.fix.fixer import FixOptions
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan.file_scan import FileJob

    data = (LEGACY + "x = '" + "a" * (MAX_REWRITE_BYTES + (MAX_REWRITE_BYTES >> 1)) + "'\n").encode()
    out = fix_bytes(FileJob("big.py", "py"), data, all_rules(), FixOptions())
    assert out.error is None and not out.applied and out.remaining
    assert all(f.fix is None and "too large for the rewriter: 3.0 MB, the limit is 2 MB" in f.message for f in out.remaining)
    kept = [ln for ln in out.new.decode().split("\n") if "# TODO(zenml-migrate):" not in ln]
    assert "\n".join(kept) == data.decode() and out.todo_lines == len(out.remaining)  # only TODO lines added


@pytest.mark.parametrize("data, column, words", [
    # a latin-1 byte in a file without a coding comment: it said line 4, column 1
    (b"import zenml\n\n\nx = 'caf\xe9'\n", 9, ["not valid utf-8", "declare its encoding with a `# -*- coding"]),
    # a comment that declares the wrong encoding: it said "declare its encoding with a ... comment" to a file that has one
    (b"# coding: ascii\nimport zenml\n\nx = 'd\xc3\xa9j\xc3\xa0'\n", 7, ["not valid ascii", "comment says ascii: declare its encoding correctly there"]),
])
def test_a_byte_the_encoding_refuses_is_placed_at_its_column(tmp_path, data, column, words):
    d = scan_one_bad(tmp_path, lambda p: (p / "bad.py").write_bytes(data))
    assert (d["line"], d["column"]) == (4, column), d
    assert all(w in d["message"] for w in words), d["message"]


def test_a_nul_byte_is_placed_at_its_line_and_column_in_a_module_and_in_a_cell(tmp_path):
    """A cell said "source code string cannot contain null bytes; fix the syntax error" at 1:1,
    a module named the line only."""
    import json

    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": "from zenml.repository import Repository\nx = 1\nab\x00c\n"}
    nb = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    d = scan_one_bad(tmp_path, lambda p: (p / "bad.ipynb").write_text(json.dumps(nb)))
    assert (d.get("cell"), d["line"], d["column"]) == (1, 3, 3), d
    assert "the cell contains a NUL byte (binary data?); remove it" in d["message"] and "syntax error" not in d["message"]
    (tmp_path / "bad.ipynb").unlink()
    d = scan_one_bad(tmp_path, lambda p: (p / "bad.py").write_bytes(b"import zenml\nx = 1\nab\x00c\n"))
    assert (d["line"], d["column"]) == (3, 3) and "NUL byte" in d["message"], d
