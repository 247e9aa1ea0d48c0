"""zenml commands in more CI and workspace carriers: Bitbucket ``after-script``, a Buildkite
docker plugin's ``command:`` word list, Gitpod tasks (``init``/``before``/``command``), and
the shell scripts a Kubernetes ConfigMap holds for its pods."""

import textwrap

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of


def _lines(text, filename):
    return sorted({f.span.line for f in scan_source(textwrap.dedent(text), filename) if f.code.startswith("ZM95")})


def test_bitbucket_after_script_and_buildkite_plugin_command():
    bitbucket = """\
        pipelines:
          default:
            - step:
                script:
                  - zenml stack list
                after-script:
                  - zenml profile describe
        """
    assert _lines(bitbucket, "bitbucket-pipelines.yml") == [7]
    buildkite = """\
        steps:
          - plugins:
              - docker#v5.9.0:
                  image: python
                  command: ["zenml", "stack", "update", "s", "-m", "md"]
          - plugins:
              - docker#v5.9.0:
                  command: ["zenml", "stack", "list"]
        """
    assert _lines(buildkite, ".buildkite/pipeline.yml") == [5]
    out = fix_source(textwrap.dedent(buildkite), ".buildkite/pipeline.yml").text
    assert 'command: ["zenml", "stack", "update", "s"]' in out


def test_gitpod_tasks():
    assert kind_of(".gitpod.yml") == "ci_yaml"
    text = """\
        tasks:
          - init: |
              zenml init
              zenml metadata-store describe
            before: zenml profile describe
            command: zenml up
        """
    assert _lines(text, ".gitpod.yml") == [4, 5]


def test_configmap_scripts():
    text = """\
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: tools
        data:
          entry.sh: |
            set -e
            zenml metadata-store describe
          notes.txt: |
            zenml profile describe is what the old docs said
          run: |
            #!/bin/bash
            zenml profile describe
        ---
        apiVersion: v1
        kind: Secret
        stringData:
          other.sh: |
            zenml profile describe
        """
    assert _lines(text, "k8s/tools.yaml") == [8, 13]
