"""ZM962: `zenml <component> register NAME --flavor F --key=value` (and `update NAME` of a
component the same text registered) with a key the 0.20 flavor's config rejects: 0.20.0 and
0.20.5 fail with ValidationError 'extra fields not permitted' (checked on the real CLIs:
tests/test_cli_rules_real_zenml.py reads tests/data/cli_lines.sh both ways). Deprecated keys
0.20 still takes (`custom_docker_base_image_name`, `base_image`) are not flagged; the catalog
of keys comes from the real releases (scripts/build_flavor_catalog.py)."""

import json

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.profiles.flavors_020 import catalog


def _found(text, filename="provision.sh"):
    return [(f.code, f.span.line, f.fix) for f in scan_source(text, filename) if f.code == "ZM962"]


def test_catalog_lists_the_deprecated_keys_each_flavor_still_takes():
    flavors = catalog()
    assert all(spec["extra"] is False for by_name in flavors.values() for spec in by_name.values())
    for name, spec in flavors["orchestrator"].items():
        assert spec["aliases"] == {"custom_docker_base_image_name": None}, name
    for name, spec in flavors["step_operator"].items():
        assert spec["aliases"] == {"base_image": None}, name
    assert flavors["artifact_store"]["s3"]["aliases"] == {}
    assert not any(set(spec["aliases"]) & set(spec["keys"]) for by_name in flavors.values() for spec in by_name.values())


SCRIPT = """\
#!/bin/bash
set -e
zenml artifact-store register nightly_store --flavor local --root_dir=/mnt/zenml
zenml artifact-store register nightly_store2 --flavor=local --path=/mnt/zenml
zenml orchestrator register dev_orch -f local_docker --custom_docker_base_image_name=acme/base:2 --docker_parent_image=acme/base:2
zenml step-operator register gpu_op --flavor vertex --region=us-central1 --base_image=acme/gpu:1 --machineType=n1-standard-8
zenml experiment-tracker register tracker -t mlflow --tracking_uri=http://mlflow.internal --tracking_pasword=$PW
zenml alerter register ops_alerts --flavor msteams --channel=ops
zenml orchestrator register "$ORCH" --flavor "$ORCH_FLAVOR" --whatever=1
zenml orchestrator register helpme --flavor kubeflow --bogus=1 --help
zenml secrets-manager secret register creds -s aws --whatever_key=v
"""


def test_rejected_keys_are_flagged_and_accepted_ones_are_not():
    assert _found(SCRIPT) == [
        ("ZM962", 3, None),  # the local artifact store takes `path` only
        ("ZM962", 5, None),  # docker_parent_image: gone; the deprecated custom_docker_base_image_name is taken
        ("ZM962", 6, "safe"),  # machineType -> machine_type; base_image is taken
        ("ZM962", 7, None),  # a typo of tracking_password, with 0.13.2's -t for the flavor
    ]
    messages = {f.span.line: f.message for f in scan_source(SCRIPT, "provision.sh") if f.code == "ZM962"}
    assert "`--root_dir` is not a key of the ZenML 0.20 `local` artifact-store flavor" in messages[3]
    assert "its keys are path" in messages[3]
    assert "DockerSettings(parent_image=...)" in messages[5]
    assert "ZenML 0.20 spells it `--machine_type`" in messages[6]
    assert "did you mean `--tracking_password`?" in messages[7]


def test_the_respelled_key_is_the_only_rewrite():
    result = fix_source(SCRIPT, "provision.sh")
    assert "--base_image=acme/gpu:1 --machine_type=n1-standard-8\n" in result.text
    assert "--root_dir=/mnt/zenml" in result.text and "--tracking_pasword=$PW" in result.text
    left = [f.message for f in result.remaining if f.code == "ZM962"]
    assert [m.split("`")[1] for m in left] == ["--root_dir", "--docker_parent_image", "--tracking_pasword"]
    assert result.text.count("# TODO(zenml-migrate): ZM962 ") == 3
    again = fix_source(result.text, "provision.sh")
    assert again.text == result.text


UPDATES = """\
zenml orchestrator register kf_prod --flavor=kubeflow --kubernetes_context=prod
zenml orchestrator update kf_prod --kubernetes_namespace=ml
zenml orchestrator update kf_prod --kubeflow_namespace=ml
zenml orchestrator update kf_other --anything=1
zenml orchestrator register twice --flavor=kubeflow
zenml orchestrator register twice --flavor=local
zenml orchestrator update twice --kubeflow_namespace=ml
zenml artifact-store update kf_prod --root=/x
"""


def test_an_update_is_checked_against_the_flavor_the_file_registered():
    # line 4: registered elsewhere; line 7: two flavors for one name; line 8: another component type
    assert _found(UPDATES) == [("ZM962", 2, None)]


def test_notebooks_makefiles_and_python_commands():
    cell = "!zenml orchestrator register nb_orch --flavor local --synchronous=True\n"
    nb = json.dumps({"cells": [{"cell_type": "code", "source": cell, "metadata": {}, "outputs": [], "execution_count": None}],
                     "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    assert [(f.code, f.cell) for f in scan_source(nb, "setup.ipynb") if f.code == "ZM962"] == [("ZM962", 1)]
    make = "stack:\n\tzenml artifact-store register mk --flavor=s3 --path=s3://b --clientKwargs='{}'\n"
    assert [(c, line) for c, line, _ in _found(make, "Makefile")] == [("ZM962", 2)]
    fixed = fix_source(make, "Makefile").text
    assert "--client_kwargs='{}'" in fixed
    code = 'import subprocess\n\nsubprocess.run(["zenml", "step-operator", "register", "sm", "-f", "sagemaker", "--role=r", "--image=x"], check=True)\n'
    assert _found(code, "setup_stack.py") == [("ZM962", 3, None)]


def test_a_key_typed_with_dashes_is_respelled_when_the_flavor_has_it():
    text = "zenml step-operator register sk -f spark-kubernetes --master=k8s://h --service-account=spark --deploy-mod=x\n"
    found = [(f.code, f.fix) for f in scan_source(text, "ops.sh")]
    assert found == [("ZM960", "safe"), ("ZM960", None)]  # `--deploy-mod`: no key of the flavor
    fixed = fix_source(text, "ops.sh").text
    assert "--service_account=spark --deploy-mod=x\n" in fixed


def test_a_renamed_flavor_gets_its_020_name_and_its_keys_are_checked():
    """0.20.0 and 0.20.5 fail with 'No flavor with name 'gcp_secrets_manager' and type
    'secrets_manager' exists.' and register `--flavor gcp` (run on the real CLIs)."""
    text = ("zenml secrets-manager register gsm --flavor=gcp_secrets_manager --project_id=p --region=eu\n"
            "zenml secrets-manager register custom --flavor=team_vault --anything=1\n")
    assert [(f.code, f.span.line, f.fix) for f in scan_source(text, "secrets.sh")] == [
        ("ZM963", 1, "safe"), ("ZM962", 1, None)]  # the keys of the 0.20 `gcp` flavor; a custom flavor: not judged
    fixed = fix_source(text, "secrets.sh").text
    assert "--flavor=gcp --project_id=p" in fixed
    code = 'import subprocess\n\nsubprocess.run(["zenml", "secrets-manager", "register", "kv", "--flavor", "azure_key_vault"])\n'
    assert '"--flavor", "azure"])' in fix_source(code, "secrets.py").text
