"""Databricks job specs (Jobs API JSON: ``job.json``, ``*-job.json``, ``*.job.json``): a task's
``"libraries": [{"pypi": {"package": "zenml..."}}]`` pins zenml; fixed in place (JSON: no TODO
line). Other libraries (a wheel path) and other JSON files are not read."""

import json

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of

SPEC = """{
  "name": "weekly-retrain",
  "job_clusters": [{"job_cluster_key": "ml", "new_cluster": {"spark_version": "11.3.x-scala2.12"}}],
  "tasks": [
    {"task_key": "prepare", "libraries": [{"whl": "dbfs:/wheels/zenml_helpers-0.1-py3-none-any.whl"}]},
    {
      "task_key": "train",
      "depends_on": [{"task_key": "prepare"}],
      "libraries": [
        {"pypi": {"package": "zenml[server]==0.13.2", "repo": "https://pypi.org/simple"}},
        {"pypi": {"package": "scikit-learn"}}
      ]
    }
  ]
}
"""


def test_kind():
    assert kind_of("jobs/weekly-retrain.job.json") == kind_of("deploy/job.json") == "databricks_job"
    assert kind_of("data/config.json") is None


def test_pin_found_and_fixed_without_notes():
    found = [(f.code, f.span.line) for f in scan_source(SPEC, "deploy/job.json")]
    assert found == [("ZM970", 10)]
    out = fix_source(SPEC, "deploy/job.json").text
    assert '"package": "zenml[server]==0.20.5"' in out and "TODO" not in out
    assert json.loads(out)["tasks"][0] == json.loads(SPEC)["tasks"][0]
