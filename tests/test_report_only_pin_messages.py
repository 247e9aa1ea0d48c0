"""A pin in a file the fix does not edit (a Kubernetes manifest, a CI template) says what to write
for ZenML 0.20, never that "the fix writes" it."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

JOB = """apiVersion: batch/v1
kind: Job
metadata:
  name: retrain
spec:
  template:
    spec:
      containers:
        - name: retrain
          image: python:3.9
          command: ["sh", "-c", "pip install zenml==0.12.0 && python retrain.py"]
      restartPolicy: Never
"""


def test_manifest_pin_says_what_to_write():
    pins = [f for f in scan_source(JOB, "k8s/retrain.yaml") if f.code == "ZM970"]
    assert len(pins) == 1 and pins[0].fix is None
    assert "the fix writes" not in pins[0].message
    assert "; for ZenML 0.20 write `zenml==0.20.5` (no automatic fix here: the commands of a manifest are not rewritten" in pins[0].message
    assert "zenml==0.12.0" in fix_source(JOB, "k8s/retrain.yaml").text
