"""YAML files whose commands run elsewhere: a Helm chart's values (``values*.yaml`` next to
``Chart.yaml``: the ``command``/``args`` its templates hand to containers), any document holding a
container spec (``image`` with ``command``/``args``), and GitLab job files that a ``.gitlab-ci.yml``
includes under any name (jobs with ``script``/``before_script``/``after_script``). Their findings
are reported, not rewritten (each says so)."""

from zenml_migrate.api import scan_source

VALUES = """replicaCount: 1
cron:
  schedule: "0 4 * * *"
  command:
    - zenml
  args:
    - metadata-store
    - list
"""

OPERATOR = """spec:
  workers:
    - name: w1
      image: ml/worker:2
      command: ["/bin/sh", "-c", "zenml profile describe && python work.py"]
    - name: w2
      image: ml/worker:2
      command: ["zenml", "stack", "describe"]
"""

JOBS = """.prepare:
  before_script:
    - zenml stack import s.yaml --decouple-stores

nightly:
  extends: .prepare
  script: zenml profile set nightly
"""

RUN_CONFIG = """name: training
steps:
  trainer:
    source:
      name: trainer
    parameters:
      script: zenml_trainer.py
"""


def _scan(path, text):
    path.write_text(text)
    return scan_source(text, str(path))


def _found(path, text):
    return [(f.code, f.span.line) for f in _scan(path, text) if f.code.startswith("ZM9")]


def test_helm_values_next_to_chart(tmp_path):
    (tmp_path / "Chart.yaml").write_text("apiVersion: v2\nname: ml\nversion: 0.1.0\n")
    found = _scan(tmp_path / "values-prod.yaml", VALUES)
    assert [(f.code, f.span.line) for f in found] == [("ZM951", 5)]
    assert found[0].fix is None


def test_values_file_without_a_chart_is_a_plain_yaml(tmp_path):
    assert _found(tmp_path / "values-prod.yaml", VALUES) == []


def test_container_specs_anywhere(tmp_path):
    assert _found(tmp_path / "workers.yaml", OPERATOR) == [("ZM950", 5)]


def test_included_gitlab_jobs(tmp_path):
    (tmp_path / "ci").mkdir()
    found = _scan(tmp_path / "ci" / "jobs.yml", JOBS)
    assert [(f.code, f.span.line) for f in found] == [("ZM954", 3), ("ZM952", 3), ("ZM950", 7)]
    assert all(f.fix is None for f in found) and "are not rewritten" in found[1].message


def test_run_config_is_not_a_job_file(tmp_path):
    assert _found(tmp_path / "config.yaml", RUN_CONFIG) == []


def test_a_chart_added_or_removed_changes_the_cached_result(tmp_path, monkeypatch):
    """Whether ``values-prod.yaml`` is a Helm chart's values depends on ``Chart.yaml`` next to it,
    not on the file's own bytes: the results cache keys it, so a warm scan sees the change."""
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan.engine import ScanSettings, run_scan

    chart = tmp_path / "tree" / "chart"
    chart.mkdir(parents=True)
    (chart / "values-prod.yaml").write_text(VALUES)
    monkeypatch.chdir(tmp_path / "tree")

    def codes():
        report = run_scan(["."], ScanSettings(rules=all_rules(), workers=1, cache_dir=str(tmp_path / "cache")))
        return [(f.code, f.span.line) for f in report.findings if f.code.startswith("ZM9")]

    assert codes() == []
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: ml\nversion: 0.1.0\n")
    assert codes() == [("ZM951", 5)]
    (chart / "Chart.yaml").unlink()
    assert codes() == []
