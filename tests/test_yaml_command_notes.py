"""A TODO note for a command that the YAML fix does not rewrite (a manifest's container command,
an included CI template's script) goes above the line the command starts on: written above a
``\\``-continued line of it, the comment ended the command there and the rest ran on its own."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

JOB = """apiVersion: batch/v1
kind: Job
metadata:
  name: seed
spec:
  template:
    spec:
      containers:
        - name: seed
          image: ml/seed:3
          command:
            - /bin/bash
            - -c
            - |
              zenml stack import seed.yaml \\
                --decouple-stores
"""


def test_note_above_the_first_line_of_the_command():
    out = fix_source(JOB, "k8s/seed-job.yaml").text
    lines = out.splitlines()
    notes = [i for i, line in enumerate(lines) if "TODO(zenml-migrate): ZM95" in line]
    assert len(notes) == 2  # ZM952 and ZM954, one above the other
    note = notes[-1]
    assert lines[note + 1].strip() == "zenml stack import seed.yaml \\"
    assert lines[note + 2].strip() == "--decouple-stores"
    assert [f.code for f in scan_source(out, "k8s/seed-job.yaml") if f.code == "ZM952"] == ["ZM952"]
