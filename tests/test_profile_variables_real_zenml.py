"""ZM906's claim on the real releases: ZenML 0.13.2 reads its profile variables (the active stack
and profile come from the environment), 0.20.0 and 0.20.5 ignore every variable of the generated
list (the active stack stays the store's)."""

import pytest

from tests.realzenml import python, zenml
from zenml_migrate.scan.data_files import rules_data

pytestmark = pytest.mark.real_zenml

NAMES = rules_data("removed_constants.json")["environment"]


def test_0132_reads_the_active_stack_and_profile_from_the_environment(tmp_path):
    code = ("from zenml.config.global_config import GlobalConfiguration\nfrom zenml.repository import Repository\n"
            "print('STACK', Repository().active_stack_name)\nprint('PROFILE', GlobalConfiguration().activated_profile)\n")
    out = python("0.13.2", ["-c", code], tmp_path / "cfg", cwd=tmp_path, env={"ZENML_ACTIVATED_STACK": "mlflow_stack"}).stdout
    assert "STACK mlflow_stack" in out, out
    out = python("0.13.2", ["-c", code.replace("print('STACK', Repository().active_stack_name)\n", "")], tmp_path / "cfg", cwd=tmp_path,
                 env={"ZENML_ACTIVATED_PROFILE": "prod"}).stdout
    assert "PROFILE prod" in out, out


@pytest.mark.parametrize("version", ["0.20.0", "0.20.5"])
def test_020_ignores_them(tmp_path, version):
    config = tmp_path / "cfg"
    zenml(version, ["stack", "list"], config, cwd=tmp_path)
    values = {name: "prod" for name in NAMES}
    values.update(ZENML_ACTIVATED_STACK="mlflow_stack", ZENML_DEFAULT_STORE_TYPE="sql", ZENML_PROFILES="{}", ZENML_USER_METADATA="{}")
    code = "from zenml.client import Client\nprint('STACK', Client().active_stack_model.name)\n"
    assert "STACK default" in python(version, ["-c", code], config, cwd=tmp_path, env=values).stdout
