"""Tekton steps' ``script: |`` blocks are shell scripts (a ``#!`` naming a shell, or none); a
script whose ``#!`` names another program (python) is not shell text."""

from zenml_migrate.api import scan_source

TASK = """apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: retrain
spec:
  params:
    - name: stack
  steps:
    - name: switch
      image: registry.local/ml:1
      script: |
        set -e
        zenml profile set $(params.stack)
    - name: register
      image: registry.local/ml:1
      script: |
        #!/bin/bash
        zenml stack update $(params.stack) -m shared_md
    - name: report
      image: registry.local/ml:1
      script: |
        #!/usr/bin/env python3
        import os
        os.environ["X"] = "zenml profile set not_shell"
"""


def test_tekton_step_scripts():
    found = [(f.code, f.span.line) for f in scan_source(TASK, "tekton/retrain.yaml") if f.code.startswith("ZM9")]
    assert found == [("ZM950", 13), ("ZM952", 18)]
