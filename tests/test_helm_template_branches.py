"""A Helm chart template whose ``if``/``else`` branches set the same key (ZenML 0.20.5's own
``zen_server/deploy/helm/templates/ingress.yaml``: ``apiVersion`` three times) was "ZM001 invalid YAML
... file skipped" (the masked text has a duplicate key): a valid chart made the result incomplete
(exit 2). The masked template lets the later key win; a plain YAML file keeps the duplicate-key error."""

from zenml_migrate.api import scan_source

TEMPLATE = """\
{{- if .Values.ingress.enabled -}}
{{- if semverCompare ">=1.19-0" .Capabilities.KubeVersion.GitVersion -}}
apiVersion: networking.k8s.io/v1
{{- else -}}
apiVersion: networking.k8s.io/v1beta1
{{- end }}
kind: Job
metadata:
  name: {{ include "app.fullname" . }}
spec:
  template:
    spec:
      containers:
        - name: seed
          command: ["sh", "-c", "zenml profile set ci"]
{{- end }}
"""


def test_a_template_whose_branches_set_the_same_key_is_read():
    found = [(f.code, f.span.line) for f in scan_source(TEMPLATE, "chart/templates/job.yaml")]
    assert found == [("ZM950", 15)]


def test_only_the_template_loader_lets_a_later_key_win():
    import pytest

    from zenml_migrate.yaml_load import DuplicateKey, load_all

    with pytest.raises(DuplicateKey):
        load_all("apiVersion: v1\napiVersion: v2\n", run_config=True)
    assert load_all("apiVersion: v1\napiVersion: v2\n", template=True) == [{"apiVersion": "v2"}]
