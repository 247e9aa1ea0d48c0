"""A ``%%writefile FILE.yaml`` cell writes a YAML file the notebook then uses: a 0.13.2 run config
(``zenml pipeline run -c``, ``with_config``), a pod spec whose container runs zenml. Its body is
read as that file: the YAML rules' findings are at the cell's lines, none with a fix (the
notebook's own readers may need the old keys); ``--fix`` marks them with TODO lines in the body."""

import json

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

from tests.scan_helpers import notebook_json

RUN_CONFIG = (
    "%%writefile configs/evaluate.yml\n"
    "name: evaluation_pipeline\n"
    "steps:\n"
    "  evaluator:\n"
    "    source:\n"
    "      name: evaluator\n"
    "    parameters:\n"
    "      threshold: 0.8\n"
    "      enable_cache: false\n"
)
POD = (
    "%%file k8s/job.yaml\n"
    "apiVersion: batch/v1\n"
    "kind: Job\n"
    "spec:\n"
    "  template:\n"
    "    spec:\n"
    "      containers:\n"
    "        - name: sync\n"
    "          image: zenmldocker/zenml:0.13.2\n"
    "          command: [\"zenml\", \"metadata-store\", \"describe\"]\n"
)
NB = notebook_json("import os", RUN_CONFIG, POD, "%%writefile notes.yaml\nowner: data-team\nsteps: [clean, train]\n")


def test_the_yaml_a_cell_writes_is_read_as_that_file():
    found = sorted((f.cell, f.span.line, f.code, f.fix) for f in scan_source(NB, "nb/evaluate.ipynb"))
    # (3, 9): the pod's `image: zenmldocker/zenml:0.13.2` runs ZenML 0.13.2 (ZM970 since review25 R10's rest)
    assert found == [(2, 2, "ZM501", None), (2, 5, "ZM501", None), (2, 9, "ZM502", None), (3, 9, "ZM970", None), (3, 10, "ZM951", None)]


def test_the_fix_marks_them_in_the_body_and_a_rescan_finds_the_same():
    fixed = fix_source(NB, "nb/evaluate.ipynb").text
    cells = ["".join(c["source"]) for c in json.loads(fixed)["cells"]]
    assert cells[1].startswith("%%writefile configs/evaluate.yml\n# TODO(zenml-migrate): ZM501")
    assert cells[1].count("TODO(zenml-migrate)") == 3 and cells[2].count("TODO(zenml-migrate): ZM951") == 1
    assert cells[3] == "%%writefile notes.yaml\nowner: data-team\nsteps: [clean, train]\n"
    assert sorted(f.code for f in scan_source(fixed, "nb/evaluate.ipynb")) == ["ZM501", "ZM501", "ZM502", "ZM951", "ZM970"]


def test_a_body_that_is_no_yaml_is_no_finding():
    nb = notebook_json("%%writefile run.yaml\nname: p\nsteps: {trainer: [\n", "import zenml")
    assert [f.code for f in scan_source(nb, "nb/broken.ipynb")] == []


def test_a_ci_workflow_or_compose_file_a_cell_writes_is_read_as_that_file():
    # their commands and pins are the command rules' (a workflow's `run:`, a service's `command:`)
    workflow = (
        "%%writefile .github/workflows/nightly.yaml\n"
        "on: {schedule: [{cron: '0 3 * * *'}]}\n"
        "jobs:\n"
        "  nightly:\n"
        "    runs-on: ubuntu-22.04\n"
        "    steps:\n"
        "      - run: python -m pip install 'zenml==0.12.0'\n"
        "      - run: zenml profile set nightly && zenml stack up\n"
    )
    compose = "%%writefile compose.yaml\nservices:\n  runner:\n    image: python:3.9\n    command: zenml metadata-store describe\n"
    nb = notebook_json(workflow, compose)
    found = sorted((f.cell, f.span.line, f.code, f.fix) for f in scan_source(nb, "ops/make_ci.ipynb"))
    assert found == [(1, 7, "ZM970", "safe"), (1, 8, "ZM950", None), (2, 5, "ZM951", None)]
    fixed = fix_source(nb, "ops/make_ci.ipynb").text
    first, second = ["".join(c["source"]) for c in json.loads(fixed)["cells"]]
    assert "pip install 'zenml==0.20.5'" in first
    assert first.count("# TODO(zenml-migrate): ZM950") == 1 and second.count("# TODO(zenml-migrate): ZM951") == 1
    assert sorted(f.code for f in scan_source(fixed, "ops/make_ci.ipynb")) == ["ZM950", "ZM951"]
