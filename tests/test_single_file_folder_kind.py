"""A file named alone, outside any project, whose folder says what it is (``.circleci/config.yml``):
the project root is its folder, the file is still read as what its whole path says."""

from tests.scan_helpers import codes, scan_json, write_tree

CONFIG = """version: 2.1
jobs:
  build:
    docker:
      - image: cimg/python:3.9
    steps:
      - run: zenml profile set ci
"""


def test_circleci_config_named_alone(tmp_path):
    write_tree(tmp_path / "repo", {".circleci/config.yml": CONFIG})
    (tmp_path / "elsewhere").mkdir()
    target = tmp_path / "repo" / ".circleci" / "config.yml"
    found = codes(scan_json(tmp_path / "elsewhere", str(target)))
    assert [(line, code) for _, line, code in found] == [(7, "ZM950")]


def test_the_folder_scanned_from_inside(tmp_path):
    # ``cd .circleci && migrate scan .`` (or ``migrate scan config.yml`` there): the paths below
    # the folder no longer name it, the folder's own name says what its files are
    write_tree(tmp_path / "repo", {".circleci/config.yml": CONFIG, ".github/workflows/ci.yml": WORKFLOW})
    inside = tmp_path / "repo" / ".circleci"
    assert [(line, code) for _, line, code in codes(scan_json(inside, "."))] == [(7, "ZM950")]
    assert [(line, code) for _, line, code in codes(scan_json(inside, "config.yml"))] == [(7, "ZM950")]
    workflows = tmp_path / "repo" / ".github" / "workflows"
    assert [(line, code) for _, line, code in codes(scan_json(workflows, "."))] == [(7, "ZM950")]


WORKFLOW = """on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: zenml stack set ci --global
"""
