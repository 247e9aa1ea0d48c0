"""Scripts without a suffix found in a folder (held-out heldout2 M3: ``bin/zenml-report``
with ``#!/usr/bin/env python3`` was scanned when named but skipped by ``migrate scan .``): a
file without a suffix is scanned when its ``#!`` line names Python (as Python) or a shell (as
a shell script); any other file without a suffix (LICENSE, a binary, a FIFO) is not listed,
and a FIFO is never opened."""

import os
import subprocess

import pytest

from tests.scan_helpers import scan_json, write_tree
from zenml_migrate.scan.discovery import discover

SCRIPT = "#!/usr/bin/env python3\nfrom zenml.repository import Repository\n\nprint(Repository().active_stack_name)\n"
SHELL = "#!/bin/bash\nset -e\nzenml stack set local\n"


@pytest.fixture(params=["walk", "git"])
def tree(request, tmp_path):
    write_tree(tmp_path, {
        "bin/zenml-report": SCRIPT,
        "bin/deploy": SHELL,
        "bin/tool-perl": "#!/usr/bin/perl\nprint 'zenml';\n",
        "LICENSE": "Apache License, zenml\n",
        "steps.py": "import os\n",
    })
    (tmp_path / "bin" / "blob").write_bytes(b"\x7fELF\x00zenml\x00")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "bin" / "pipe")  # opening it would block: never opened
    if request.param == "git":
        subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
        subprocess.run(["git", "-C", str(tmp_path), "add", "-A"], check=True)
    return tmp_path


def test_scripts_without_a_suffix_are_found_by_their_shebang(tree, monkeypatch):
    monkeypatch.chdir(tree)
    kinds = {j.path: j.kind for j in discover(["."]).jobs}
    assert kinds == {"bin/zenml-report": "py", "bin/deploy": "sh", "steps.py": "py"}


def test_scan_of_the_folder_reports_the_script(tree):
    run = scan_json(tree)
    found = {(f["path"], f["code"]) for f in run.json()["findings"]}
    assert ("bin/zenml-report", "ZM108") in found
    named = scan_json(tree, "bin/zenml-report")  # the same findings as when the file is named
    assert {(f["path"], f["code"], f["line"]) for f in named.json()["findings"]} == {
        (f["path"], f["code"], f["line"]) for f in run.json()["findings"] if f["path"] == "bin/zenml-report"
    }
