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
