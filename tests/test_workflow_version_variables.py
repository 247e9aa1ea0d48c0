"""A GitHub workflow that installs 'zenml==${{ matrix.zenml-version }}' (or '${{ env.X }}')
with the matrix or env key set to one 0.13 version (held-out 11 kubeflow_pipelines
pipeline.yml) was not judged: the version held by a CI variable is judged by the value the
file sets, without a fix (a TODO that says where it is set), as a Dockerfile ARG already is.
A key with several values (a version matrix) is not judged."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

WORKFLOW = """\
jobs:
  build:
    strategy:
      matrix:
        zenml: [ '0.11.0' ]
        py: ["3.8", "3.9"]
    env:
      ZENML_PIN: "0.13.1"  # the team server
    steps:
      - run: python -m pip install "zenml[server]==${{ matrix.zenml }}"
      - run: |
          pip install zenml~=${{ env.ZENML_PIN }}
          pip install zenml==${{ matrix.py }}
          pip install zenml==${{ matrix.unset }}
"""


def test_a_version_set_by_the_workflow_is_judged():
    found = scan_source(WORKFLOW, ".github/workflows/build.yml")
    assert [(f.code, f.span.line, f.fix) for f in found] == [("ZM970", 10, None), ("ZM970", 12, None)]
    assert "set to `0.11.0` on line 5" in found[0].message and "set to `0.13.1` on line 8" in found[1].message
    fixed = fix_source(WORKFLOW, ".github/workflows/build.yml").text
    assert fixed.count("# TODO(zenml-migrate): ZM970") == 2 and "${{ matrix.zenml }}" in fixed
