"""CI systems whose step commands are shell lines: Drone (``.drone.yml`` ``commands:``), Woodpecker
(``.woodpecker.yml``, ``.woodpecker/*.yml``), AppVeyor (``appveyor.yml``: ``install:``/``test_script:``
with ``- cmd:``/``- ps:``/``- sh:`` items), Cirrus CI (``.cirrus.yml``: ``NAME_script:``), Semaphore
(``.semaphore/*.yml``), Codefresh (``codefresh.yml``) and Bamboo specs (``bamboo-specs/*.yml``)."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of


def _found(text, filename):
    return [(f.code, f.span.line) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


def test_kinds():
    for name in (".drone.yml", "ci/.woodpecker.yaml", ".woodpecker/lint.yml", "appveyor.yml", ".appveyor.yml", ".cirrus.yml",
                 ".semaphore/release.yml", "codefresh.yml", "codefresh-release.yaml", "bamboo-specs/deploy.yaml"):
        assert kind_of(name) == "ci_yaml", name
    assert kind_of("configs/drone.yml") == kind_of("semaphore.yml") == "yaml"


DRONE = """kind: pipeline
steps:
  - name: nightly
    image: python:3.8
    commands:
      - python -m pip install "zenml==0.10.0"
      - zenml profile describe
"""

APPVEYOR = """install:
  - cmd: python -m pip install zenml==0.11.0
build_script:
  - ps: zenml stack update win_stack -m win_store
  - sh: zenml profile get
on_finish:
  - cmd: echo done
"""

CIRRUS = """lint_task:
  container: {image: python:3.9}
  setup_script:
    - zenml profile delete scratch
  check_script: zenml stack list
"""


def test_drone_commands():
    assert _found(DRONE, ".drone.yml") == [("ZM970", 6), ("ZM950", 7)]
    assert '"zenml==0.20.5"' in fix_source(DRONE, ".drone.yml").text


def test_appveyor_items():
    assert _found(APPVEYOR, "appveyor.yml") == [("ZM970", 2), ("ZM952", 4), ("ZM950", 5)]
    assert "  - ps: zenml stack update win_stack\n" in fix_source(APPVEYOR, "appveyor.yml").text


def test_cirrus_scripts():
    assert _found(CIRRUS, ".cirrus.yml") == [("ZM950", 4)]  # ``stack list`` is kept by 0.20


def test_semaphore_codefresh_bamboo():
    jobs = "blocks:\n  - task:\n      jobs:\n        - commands:\n            - zenml metadata-store list\n"
    assert _found(jobs, ".semaphore/semaphore.yml") == [("ZM951", 5)]
    steps = "steps:\n  train:\n    commands:\n      - zenml profile set cf\n"
    assert _found(steps, "codefresh.yml") == [("ZM950", 4)]
    bamboo = "Job:\n  tasks:\n    - script:\n        - zenml profile create bb\n"
    assert _found(bamboo, "bamboo-specs/bamboo.yaml") == [("ZM950", 4)]


GITEA = """on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: |
          zenml init
          zenml profile get
      - run: zenml stack list
"""

HARNESS = """pipeline:
  stages:
    - stage:
        spec:
          execution:
            steps:
              - step:
                  type: Run
                  spec:
                    shell: Sh
                    command: zenml metadata-store describe
"""


def test_gitea_forgejo_workflows_and_harness_pipelines():
    """Gitea and Forgejo Actions read GitHub's workflow format from their own folders; Harness keeps
    pipelines in ``.harness/``: their steps are shell lines, not run configs."""
    for name in (".gitea/workflows/build.yml", "svc/.forgejo/workflows/release.yaml", ".harness/train.yaml"):
        assert kind_of(name) == "ci_yaml", name
    assert _found(GITEA, ".gitea/workflows/build.yml") == [("ZM950", 8)]
    assert _found(GITEA, ".forgejo/workflows/build.yml") == [("ZM950", 8)]
    assert _found(HARNESS, ".harness/train.yaml") == [("ZM951", 11)]


AZURE_CLI = """\
steps:
  - task: AzureCLI@2
    inputs:
      azureSubscription: sc
      scriptType: bash
      scriptLocation: inlineScript
      inlineScript: |
        zenml stack list
        zenml profile delete azure_old
  - task: AzureCLI@2
    inputs:
      azureSubscription: sc
      scriptType: pscore
      scriptLocation: inlineScript
      inlineScript: '& zenml metadata-store describe'
"""


def test_an_azure_cli_task_inline_script_in_its_script_type():
    assert _found(AZURE_CLI, "azure-pipelines.yml") == [("ZM950", 9), ("ZM951", 15)]


def test_read_the_docs_jobs_and_lefthook_commands():
    rtd = "version: 2\nbuild:\n  os: ubuntu-22.04\n  jobs:\n    pre_build:\n      - zenml stack set docs --global\n" \
          "    post_checkout:\n      - zenml stack list\n  commands:\n    - zenml metadata-store list\n"
    assert kind_of(".readthedocs.yaml") == kind_of("lefthook.yml") == kind_of(".lefthook-local.yaml") == "ci_yaml"
    assert _found(rtd, ".readthedocs.yaml") == [("ZM950", 6), ("ZM951", 10)]
    hooks = "pre-push:\n  commands:\n    stack:\n      run: zenml stack describe\n    old:\n      run: zenml profile get\n"
    assert _found(hooks, "lefthook.yml") == [("ZM950", 6)]
