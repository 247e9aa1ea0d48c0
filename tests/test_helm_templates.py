"""Helm chart templates (``templates/*.yaml`` with ``{{ ... }}`` actions): read as manifests once
each action is masked (a line of actions only: blank; others: same-length text), so a
container's zenml command is reported (TODO note, lines kept) and the file is not "skipped".
A YAML file with ``{{`` outside a ``templates/`` folder that does not load is still skipped."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

TEMPLATE = """{{- if .Values.bootstrap.enabled }}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "ml.fullname" . }}-bootstrap
  labels:
    {{- include "ml.labels" . | nindent 4 }}
spec:
  template:
    spec:
      containers:
        - name: bootstrap
          image: "{{ .Values.image }}:{{ .Chart.AppVersion }}"
          command: ["sh", "-c"]
          args:
            - zenml stack update {{ .Values.stack }} -m {{ .Values.md }} && zenml stack list
{{- end }}
"""


def _codes(text: str, name: str):
    return [(f.code, f.span.line) for f in scan_source(text, name, with_diagnostics=True)]


def test_template_is_read_as_a_manifest():
    assert _codes(TEMPLATE, "charts/ml/templates/bootstrap-job.yaml") == [("ZM952", 16)]


def test_note_above_the_command_and_template_kept():
    out = fix_source(TEMPLATE, "charts/ml/templates/bootstrap-job.yaml").text
    lines = out.splitlines()
    assert lines[15].lstrip().startswith("# TODO(zenml-migrate): ZM952 ")
    assert "\n".join(lines[:15] + lines[16:]) + "\n" == TEMPLATE


def test_not_a_template_folder_is_still_skipped():
    assert [c for c, _ in _codes(TEMPLATE, "charts/ml/other/bootstrap-job.yaml")] == ["ZM001"]
