"""A pre-commit hook's ``additional_dependencies`` are pip requirements of the hook's
environment: a zenml pin there is judged like any requirement, and the fix writes it."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

CONFIG = """\
repos:
  - repo: local
    hooks:
      - id: pipelines-import
        name: pipelines import
        entry: python -c "import pipelines"
        language: python
        additional_dependencies: ['zenml[server]~=0.12.0', "pandas"]
      - id: stack-lint
        name: stack lint
        entry: python tools/lint.py
        language: python
        additional_dependencies:
          # pinned with the platform
          - zenml<0.14
          - pyyaml
      - id: other
        name: other
        entry: flake8
        language: python
        additional_dependencies: [flake8-bugbear]
"""


def test_additional_dependencies_pins_are_judged_and_fixed():
    found = [(f.code, f.span.line, f.span.column) for f in scan_source(CONFIG, ".pre-commit-config.yaml")]
    assert found == [("ZM970", 8, 36), ("ZM970", 15, 13)]
    out = fix_source(CONFIG, ".pre-commit-config.yaml").text
    assert "additional_dependencies: ['zenml[server]~=0.20.5', \"pandas\"]\n" in out
    assert "# TODO(zenml-migrate): ZM970" in out and "- zenml<0.14\n" in out  # a bound: no fix, a note above it
    assert "- pyyaml\n" in out and "[flake8-bugbear]" in out
