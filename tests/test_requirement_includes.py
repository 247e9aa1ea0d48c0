"""A file that a requirements file or an install command names with ``-r``/``-c`` is a
requirement list whatever its name: pip reads ``-r zenml-deps.txt`` and ``-c pins/zenml.txt``
as it reads requirements.txt. Discovery kept only ``requirements*``/``constraints*`` names (and
the files of a ``requirements/`` folder), so the ``zenml==0.13.2`` of an included file with
another name was never reported nor fixed (held-out 11: 3 of 3 such files)."""

import subprocess

import pytest

from zenml_migrate.scan.discovery import discover
from tests.scan_helpers import codes, migrate, scan_json, write_tree

TREE = {
    "requirements.txt": "# the app\n-r py-deps.txt\npandas\n",
    "py-deps.txt": "zenml[server]==0.12.0\n--requirement=extra/ml.in\n",  # included, and includes
    "extra/ml.in": "scikit-learn\nzenml~=0.13.1  # the team server's version\n",
    "requirements/ci.txt": "-c ../pins/zenml.txt\npytest\n",  # relative to the including file
    "pins/zenml.txt": "zenml==0.13.0\n",
    "docker/Dockerfile": "FROM python:3.9\nCOPY . /app\nRUN pip install -r docker/image-deps.txt\n",  # from the project root
    "docker/image-deps.txt": "zenml==0.11.0\n",
    "notes.txt": "we used zenml==0.13.2 for the demo\n",  # nobody includes it: not a requirement list
    "docs/changelog.in": "zenml==0.10.0 was the first version\n",
}


@pytest.fixture(params=["plain", "git"])
def tree(tmp_path, request):
    write_tree(tmp_path, TREE)
    if request.param == "git":
        subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
        subprocess.run(["git", "-C", str(tmp_path), "add", "-A"], check=True)
    return tmp_path


def test_included_files_are_requirement_lists(tree):
    kinds = {job.path: job.kind for job in discover([str(tree)]).jobs}
    for rel in ("py-deps.txt", "extra/ml.in", "pins/zenml.txt", "docker/image-deps.txt"):
        assert kinds[str(tree / rel)] == "requirements", rel
    assert str(tree / "notes.txt") not in kinds and str(tree / "docs/changelog.in") not in kinds


def test_their_pins_are_reported_and_fixed(tree):
    found = sorted(codes(scan_json(tree)))
    assert found == sorted([
        ("docker/image-deps.txt", 1, "ZM970"), ("extra/ml.in", 2, "ZM970"), ("pins/zenml.txt", 1, "ZM970"), ("py-deps.txt", 1, "ZM970"),
    ])
    migrate(["code", "--fix", "--no-cache"], tree)
    assert (tree / "py-deps.txt").read_text() == "zenml[server]==0.20.5\n--requirement=extra/ml.in\n"
    assert (tree / "extra/ml.in").read_text() == "scikit-learn\nzenml~=0.20.5  # the team server's version\n"
    assert (tree / "pins/zenml.txt").read_text() == "zenml==0.20.5\n"
    assert (tree / "docker/image-deps.txt").read_text() == "zenml==0.20.5\n"
    assert (tree / "notes.txt").read_text() == TREE["notes.txt"]
    assert codes(scan_json(tree)) == []
