"""A CircleCI parameter or pipeline value in a command (``<< parameters.stack >>``,
``<<pipeline.parameters.env>>``) is a word CircleCI fills in before the shell runs, not a
here-document: the rest of the line is still read."""

from zenml_migrate.api import scan_source

CONFIG = """version: 2.1
parameters:
  env:
    type: string
    default: dev
commands:
  use-stack:
    parameters:
      name:
        type: string
    steps:
      - run: zenml stack set << parameters.name >> --global
      - run:
          name: describe
          command: zenml stack describe << parameters.name >>
jobs:
  train:
    docker:
      - image: cimg/python:3.10
    steps:
      - use-stack: {name: gpu}
      - run: zenml profile set <<pipeline.parameters.env>> && zenml stack list
      - run: |
          echo << pipeline.git.branch >>
          zenml metadata-store list
"""


def _found(text, filename=".circleci/config.yml"):
    return [(f.code, f.span.line) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


def test_parameters_are_words_not_here_documents():
    assert _found(CONFIG) == [("ZM950", 12), ("ZM950", 22), ("ZM951", 25)]


def test_a_here_document_with_an_append_redirection_is_still_one():
    # ``cat << EOF >> log``: the body is cat's input, not commands
    script = "#!/bin/sh\ncat << EOF >> notes.txt\nzenml profile set old\nEOF\nzenml stack list\n"
    assert _found(script, "scripts/notes.sh") == []
