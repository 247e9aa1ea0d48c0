"""Files a new user has: form feeds, lone CRs, BOMs, tabs, notebooks whose JSON is odd.
``scan`` (every format) and ``code`` (diff and --fix) keep every byte and print true lines."""

import json

import pytest

from tests.scan_helpers import migrate, write_tree

FORMATS = ["concise", "full", "grouped", "json", "json-lines", "sarif", "github", "gitlab", "junit", "html"]


def test_diff_of_a_file_with_form_feeds_and_lone_crs_keeps_line_numbers_and_lines_apart(tmp_path):
    write_tree(tmp_path, {
        "ff.py": b"from zenml.repository import Repository\n\x0c\nr = Repository()\n\x0cdef f(password='hunter2-secret'):\n    return Repository()\n",
        "cr.py": b"from zenml.repository import Repository\r\nr = Repository()\nq = Repository()\r",
    })
    run = migrate(["code", "--no-cache", "ff.py", "cr.py"], tmp_path)
    assert run.code == 1
    ff = run.out[run.out.index("--- a/ff.py"):]
    assert "@@ -1,5 +1,5 @@" in ff  # 5 lines: str.splitlines counted 7 (it splits at form feeds)
    assert "No newline" not in ff
    assert " \x0cdef f(password=********):\n" in ff and "hunter2-secret" not in run.out  # masked after the form feed too
    cr = run.out[run.out.index("--- a/cr.py"):run.out.index("--- a/ff.py")]
    # each diff line ends with a newline (click's runner reads \r\n as \n): a lone CR printed the next line over it
    assert "\r-" not in cr and "\r+" not in cr
    assert "\n-q = Repository()\n+from zenml.client import Client\n" in cr and cr.endswith("\n+q = Client()\n")


def test_odd_notebooks_and_a_bom_crlf_run_config_through_every_format_and_fix(tmp_path):
    def nb(source):
        return json.dumps({"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}],
                           "metadata": {}, "nbformat": 4, "nbformat_minor": 5})

    files = {
        "int_source.ipynb": nb(["from zenml.repository import Repository\n", 5]),
        "dict_source.ipynb": nb({"a": 1}),
        "empty.ipynb": json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
        "list.ipynb": "[1, 2]",
        "str_source.ipynb": nb("from zenml.repository import Repository\nr = Repository()\n"),
        "run.yaml": b"\xef\xbb\xbfname: p\r\nsteps:\r\n  trainer:\r\n    source:\r\n      name: trainer\r\n",
        "go.py": "from p import pipe\n\npipe.run(config_path='run.yaml')\n",  # its reader: the keys are not kept for the CLI
    }
    write_tree(tmp_path, files)
    for fmt in FORMATS:  # the run-config reader search used to crash on a source list holding a number
        run = migrate(["scan", "--no-cache", "--format", fmt, "."], tmp_path)
        assert run.code == 2, (fmt, run.err)
        assert "internal error" not in run.err
    fixed = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert fixed.code == 2 and "internal error" not in fixed.err
    assert "fixed str_source.ipynb" in fixed.err and "marked run.yaml (TODO lines only)" in fixed.err
    for name in ("int_source.ipynb", "dict_source.ipynb", "empty.ipynb", "list.ipynb"):
        assert (tmp_path / name).read_text() == files[name]
    yaml = (tmp_path / "run.yaml").read_bytes()
    assert yaml.startswith(b"\xef\xbb\xbf# TODO(zenml-migrate): ZM501 ") and yaml.count(b"\r\n") == 7 and yaml.count(b"\n") == 7
    assert yaml.replace(b"\xef\xbb\xbf", b"").split(b"\r\n")[1:] == [b"name: p", b"steps:", b"  trainer:",
                                                                     b"    # TODO(zenml-migrate): ZM501 remove name/source and wire the steps in Python",
                                                                     b"    source:", b"      name: trainer", b""]


def test_a_folder_that_cannot_be_listed_makes_the_result_incomplete(tmp_path, monkeypatch):
    """Root lists every folder: EACCES is simulated where the walk lists one."""
    import os

    write_tree(tmp_path, {"ok/a.py": "from zenml.repository import Repository\n", "locked/b.py": "import os\n",
                          "skipped/c.py": "import os\n"})
    real = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) in ("locked", "skipped"):
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    run = migrate(["scan", "--no-cache", "--format", "concise", "--extend-exclude", "skipped", "."], tmp_path)
    assert run.code == 2
    assert "locked:1:1: ZM001 cannot list this folder (Permission denied); the files in it were not scanned" in run.out
    assert "skipped" not in run.out
    assert run.out.splitlines()[-2:] == ["Found 1 finding in 1 file (1 fixable with `migrate code --fix`); 1 file scanned.",
                                         "1 folder could not be listed (ZM001): the result is incomplete."]
    page = migrate(["scan", "--no-cache", "--format", "html", "."], tmp_path).out
    assert "<b>2</b><span>folders could not be listed (ZM001; the files in it were not scanned)" in page


def test_a_file_name_with_an_escape_sequence_and_a_newline_is_printed_escaped(tmp_path):
    import xml.etree.ElementTree as ET

    name = "a\x1b[31mred\nb.py"
    (tmp_path / name).write_text("from zenml.repository import Repository\n")
    for fmt in FORMATS:
        run = migrate(["scan", "--no-cache", "--format", fmt, "."], tmp_path)
        assert "\x1b" not in run.out and "\x1b" not in run.err, fmt
        if fmt == "concise":
            assert run.out.splitlines()[0].startswith("a\\x1b[31mred\\nb.py:1:30: ZM108 ")
        if fmt == "junit":
            ET.fromstring(run.out)  # XML 1.0 has no ESC, even as a character reference
    diff = migrate(["code", "--no-cache", "."], tmp_path)
    assert "\x1b" not in diff.out + diff.err and "--- a/a\\x1b[31mred\\nb.py\n" in diff.out
    fixed = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert fixed.code == 1 and "fixed a\\x1b[31mred\\nb.py" in fixed.err and "\x1b" not in fixed.err
    assert (tmp_path / name).read_text() == "from zenml.client import Client\n"


def test_a_run_config_with_a_nul_byte_names_its_place(tmp_path):
    write_tree(tmp_path, {"run.yaml": b"name: p\nsteps:\n  trainer:\n    source:\n      name: t\x00x\n"})
    run = migrate(["scan", "--no-cache", "--format", "concise", "run.yaml"], tmp_path)
    assert run.code == 2
    assert run.out.startswith("run.yaml:5:14: ZM001 invalid YAML on line 5: the character U+0000 is not allowed in YAML (binary data?)")


@pytest.mark.parametrize("name", ["bom.py", "bom.yaml"])
def test_the_diff_of_a_bom_file_applies_with_patch(tmp_path, name):
    """The diff left out the file's UTF-8 BOM: its first line did not match and `patch` refused
    every hunk that touched line 1 (the diff is what `--fix` writes: the same bytes after patch)."""
    import shutil
    import subprocess

    if shutil.which("patch") is None:
        pytest.skip("no patch program")
    text = ("from zenml.repository import Repository\nr = Repository()\n" if name.endswith(".py")
            else "name: training\nsteps:\n  trainer:\n    source:\n      name: TrainerStep\n    parameters: {gamma: 0.01}\n")
    write_tree(tmp_path, {"a/" + name: b"\xef\xbb\xbf" + text.encode(), "b/" + name: b"\xef\xbb\xbf" + text.encode()})
    diff = migrate(["code", "--no-cache", "--unsafe-fixes", name], tmp_path / "a")
    assert diff.code == 1 and diff.out.startswith(f"--- a/{name}"), diff.out
    assert migrate(["code", "--no-cache", "--unsafe-fixes", "--fix", name], tmp_path / "b").code == 1
    applied = subprocess.run(["patch", "-p1", "--quiet"], cwd=tmp_path / "a", input=diff.out.encode(), capture_output=True)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
