"""A ``%%writefile FILE`` cell writes a file the project then uses: a Dockerfile (``docker build``),
a Makefile, a shell script, a requirements file, a conda environment. Its body is read as a file
of that kind (the kind ``discovery.kind_of`` gives FILE's name): the commands and zenml pins in
it are checked and fixed as in such a file on disk (a Dockerfile or Makefile body was unread)."""

import json

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

from tests.scan_helpers import notebook_json


NB = notebook_json(
    "%%writefile docker/Dockerfile.train\nFROM python:3.9-slim\nRUN pip install 'zenml[server]==0.12.0' && \\\n    zenml metadata-store list\nCMD [\"python\", \"run.py\"]\n",
    "%%writefile Makefile\nsetup:\n\tzenml stack register local -m meta -a art -o orch\n",
    "%%file environment.yml\nname: etl\ndependencies:\n  - pip:\n    - zenml==0.11.0\n",
    "%%writefile notes.txt\nzenml stack register local -m meta -a art -o orch\n",
)


def test_the_bodies_are_read_as_files_of_their_kind():
    found = {(f.cell, f.span.line, f.code) for f in scan_source(NB, "nb/build.ipynb")}
    assert {(1, 3, "ZM970"), (1, 4, "ZM951"), (2, 3, "ZM952"), (3, 5, "ZM970")} <= found
    assert not [f for f in found if f[0] == 4]  # a text file is no command carrier


def test_the_fix_edits_the_bodies_in_place():
    cells = ["".join(c["source"]) for c in json.loads(fix_source(NB, "nb/build.ipynb").text)["cells"]]
    assert "zenml[server]==0.20.5" in cells[0] and "TODO(zenml-migrate): ZM951" in cells[0]
    assert cells[1] == "%%writefile Makefile\nsetup:\n\tzenml stack register local -a art -o orch\n"
    assert "zenml==0.20.5" in cells[2]
    assert cells[3] == "%%writefile notes.txt\nzenml stack register local -m meta -a art -o orch\n"
