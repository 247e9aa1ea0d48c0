"""A Databricks asset bundle (``databricks.yml`` and the ``resources/*.yml`` files it includes,
any name: found by content) installs its tasks' ``libraries`` (``pypi`` ``package``) and an
environment spec's ``dependencies``: a zenml requirement there that allows no 0.20 release is a
pin finding, reported with a TODO note (the YAML fix does not edit it)."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

BUNDLE = """bundle:
  name: fraud

resources:
  jobs:
    nightly:
      name: nightly-fraud
      tasks:
        - task_key: prepare
          notebook_task:
            notebook_path: ./src/prepare.py
          libraries:
            - pypi:
                package: "zenml[server]~=0.12.0"   # the 0.12 image
            - pypi: {package: pandas}
            - whl: ./dist/*.whl
        - task_key: score
          libraries:
            - pypi: { repo: "https://pypi.org/simple", package: 'zenml<0.14' }
      environments:
        - environment_key: serverless
          spec:
            client: "1"
            dependencies:
              - zenml==0.11.0
              - mlflow
            other: [zenml==0.10.0]
"""

INCLUDED = """resources:
  pipelines:
    feats:
      libraries:
        - notebook:
            path: ./feats.py
  jobs:
    refresh:
      tasks:
        - task_key: refresh
          environment_key: e
      environments:
        - environment_key: e
          spec:
            dependencies: ["zenml==0.13.1", "numpy"]
"""

NOT_A_BUNDLE = """steps:
  trainer:
    source: {file: steps.py, name: trainer}
dependencies:
  - zenml==0.13.2
"""


def _pins(text, filename):
    return [(f.span.line, f.fix) for f in scan_source(text, filename) if f.code == "ZM970"]


def test_task_libraries_and_environment_dependencies():
    assert _pins(BUNDLE, "databricks.yml") == [(14, None), (19, None), (25, None)]
    assert _pins(INCLUDED, "resources/refresh.job.yml") == [(15, None)]


def test_other_yaml_is_not_read_as_a_bundle():
    assert _pins(NOT_A_BUNDLE, "pipelines/run.yaml") == []


def test_fix_marks_each_pin_with_a_todo():
    findings = [f for f in scan_source(BUNDLE, "databricks.yml") if f.code == "ZM970"]
    assert all(f.fix is None and "the fix writes" not in f.message for f in findings)
    assert [f.message.split("; ", 1)[1] for f in findings if "installs" in f.message] == [
        "for ZenML 0.20 write `zenml[server]~=0.20.5` (no automatic fix here: the task libraries of a Databricks bundle "
        "are not rewritten: edit it by hand)",
        "for ZenML 0.20 write `zenml==0.20.5` (no automatic fix here: the task libraries of a Databricks bundle "
        "are not rewritten: edit it by hand)",
    ]
    out = fix_source(BUNDLE, "databricks.yml").text
    assert out.count("# TODO(zenml-migrate): ZM970") == 3
    assert 'package: "zenml[server]~=0.12.0"' in out
