"""`zenml` commands run by the containers of Kubernetes-style manifests (pods, jobs, Tekton
tasks, Argo templates) and Kubeflow component specs: ``command:`` + ``args:`` are one argv,
an item a shell runs is lexed, an Argo ``script:``'s ``source: |`` is shell only when its
``command`` is a shell. Reported without a fix (the YAML fix does not rewrite them); the TODO
notes --fix writes keep every finding on a re-scan."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

TEKTON = """\
apiVersion: tekton.dev/v1beta1
kind: Task
metadata:
  name: zenml-bootstrap
spec:
  steps:
    - name: register
      image: zenml-runner
      command:
        - zenml
      args: [stack, update, edge, --metadata-store, edge_md]
    - name: shell
      image: zenml-runner
      command: ["bash", "-c", "zenml profile delete old_profile"]
    - name: fine
      image: zenml-runner
      command: ["zenml", "stack", "set", "edge"]
"""

ARGO = """\
apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: t
spec:
  templates:
    - name: py
      script:
        image: zenml-runner
        command: [python]
        source: |
          print("zenml profile set not_shell")
    - name: sh
      script:
        image: zenml-runner
        command: [sh]
        source: |
          zenml metadata-store list
"""


def _found(text: str, filename: str):
    return [(f.code, f.span.line, f.span.column, f.fix) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


def test_container_command_and_args_are_one_argv():
    assert _found(TEKTON, "tekton/task.yaml") == [("ZM952", 11, 35, None), ("ZM950", 14, 32, None)]


def test_an_argo_script_source_is_shell_only_under_a_shell():
    assert _found(ARGO, "argo/template.yaml") == [("ZM951", 18, 11, None)]


def test_not_a_manifest_no_commands():
    values = "tool:\n  command: [zenml, profile, delete, old]\n"  # no container (no image), no chart
    assert _found(values, "chart/values.yaml") == []


def test_a_container_spec_without_kind_is_read():
    # (session 15: a document holding ``image`` with ``command`` is a container spec, as in a
    # Helm chart's values: its commands run, so they are reported)
    values = "image: zenml-runner\ncommand: [zenml, profile, delete, old]\n"
    assert _found(values, "chart/values.yaml") == [("ZM950", 2, 11, None)]


def test_fix_notes_keep_the_findings():
    out = fix_source(TEKTON, "tekton/task.yaml").text
    assert out.count("# TODO(zenml-migrate): ZM95") == 2
    assert [c for c, *_ in _found(out, "tekton/task.yaml")] == ["ZM952", "ZM950"]


CLOUDFORMATION = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Team:
    Type: String
Resources:
  Trainer:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: trainer
          Image: !Sub "${AWS::AccountId}.dkr.ecr.eu-west-1.amazonaws.com/trainer:1"
          EntryPoint: [bash, -lc]
          Command:
            - !Sub "zenml stack list && zenml profile describe ${Team}"
        - Name: lister
          Image: trainer:1
          EntryPoint: [zenml]
          Command: [stack, set, cf_stack]
  Backfill:
    Type: AWS::Batch::JobDefinition
    Properties:
      ContainerProperties:
        Image: trainer:1
        Command:
          - zenml
          - stack
          - register
          - cf_stack
          - -m
          - cf_md
"""


def test_cloudformation_containers_entrypoint_then_command():
    # ECS: ``EntryPoint`` + ``Command`` one argv (a shell's ``!Sub`` line lexed); Batch: ``Command`` alone
    assert _found(CLOUDFORMATION, "infra/template.yaml") == [("ZM950", 14, 41, None), ("ZM961", 25, 13, None), ("ZM952", 29, 13, None)]


KUSTOMIZATION = """\
resources:
  - ../base
patches:
  - target:
      kind: CronJob
      name: nightly
    patch: |-
      - op: add
        path: /spec/jobTemplate/spec/template/spec/containers/0/env/-
        value: {name: NOTE, value: "zenml profile list"}
      - op: replace
        path: /spec/jobTemplate/spec/template/spec/containers/0/command
        value:
          - zenml
          - stack
          - copy
          - prod
          - staging
          - --from=old
  - patch: |-
      apiVersion: batch/v1
      kind: Job
      metadata: {name: warmup}
      spec:
        template:
          spec:
            containers:
              - name: warmup
                command: ["zenml", "metadata-store", "list"]
"""


def test_kustomize_patches_set_container_commands():
    # a JSON patch operation on ``.../command`` (not one adding an env var) and a strategic merge patch
    assert _found(KUSTOMIZATION, "deploy/overlays/eu/kustomization.yaml") == [("ZM950", 19, 13, None), ("ZM951", 29, 27, None)]


COPILOT = """\
name: lister
type: Backend Service
image:
  build: Dockerfile
command: zenml profile get
"""


def test_a_command_written_as_one_line_in_a_container_spec():
    # an AWS Copilot service's ``command:`` (a string or a list)
    assert _found(COPILOT, "copilot/lister/manifest.yml") == [("ZM950", 5, 10, None)]
    assert _found(COPILOT.replace("profile get", "stack list"), "copilot/lister/manifest.yml") == []


SSM = """\
schemaVersion: "2.2"
description: set up a runner
mainSteps:
  - action: aws:runShellScript
    name: setup
    inputs:
      runCommand:
        - zenml stack list
        - zenml stack set runner --global
"""

PREFECT = """\
name: flows
prefect-version: 2.14.0
pull:
  - prefect.deployments.steps.run_shell_script:
      script: zenml metadata-store describe
  - prefect.deployments.steps.run_shell_script:
      script: zenml stack describe
"""


def test_ssm_documents_and_prefect_project_steps():
    assert _found(SSM, "ssm/setup.yaml") == [("ZM950", 9, 34, None)]
    assert _found(PREFECT, "prefect.yaml") == [("ZM951", 5, 15, None)]


PRINTED = """\
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: hint
              image: busybox
              command: ["printf", "%s\\\\n"]
              args: ["zenml stack register k8s -m kubeflow_meta -a gcs -o kf"]
            - name: note
              image: busybox
              command: [echo, "zenml profile set prod"]
            - name: run
              image: ml-runner
              command: ["/usr/bin/env", "bash", "-c"]
              args: ["zenml profile set prod && python run.py"]
"""


def test_an_item_a_program_prints_is_no_command_line():
    """review23 G2: ``command: [echo, "zenml ..."]`` (``printf`` + ``args``) prints text: no finding, no TODO;
    an item a shell runs behind ``env`` still is a command line."""
    assert [(code, line) for code, line, _, _ in _found(PRINTED, "k8s/nightly.yaml")] == [("ZM950", 21)]
    assert fix_source(PRINTED, "k8s/nightly.yaml").text.count("TODO(zenml-migrate)") == 1
