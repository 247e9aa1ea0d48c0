"""autoreload's ``%aimport a.b, c`` imports those modules into the notebook's namespace (as
``import a.b, c``): a module ZenML 0.20 does not have fails there at once. The rules read the
line as that import, in its own columns; a TODO goes above it and the magic stays as written."""

from tests.scan_helpers import migrate, scan_json, write_tree
from tests.test_notebooks import cell_sources, notebook


def test_aimport_lines_are_read_as_imports(tmp_path):
    cells = (
        "%load_ext autoreload\n%autoreload 1\n%aimport os.path,  zenml.integrations.mlflow.mlflow_step_decorator\n",
        "%aimport\n%aimport -zenml.steps.base_step_config\n%aimport  zenml.steps.base_step_config\n",
        "%aimport  zenml.client\nfrom zenml.client import Client\n",
    )
    write_tree(tmp_path, {"dev.ipynb": notebook(*cells)})
    found = [(f["cell"], f["line"], f["column"], f["code"]) for f in scan_json(tmp_path).json()["findings"]]
    assert found == [(1, 3, 20, "ZM000"), (2, 3, 11, "ZM000")]
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    first, second, third = cell_sources(tmp_path / "dev.ipynb")
    assert first.endswith("# TODO(zenml-migrate): ZM000 Module `zenml.integrations.mlflow.mlflow_step_decorator` does not exist"
                          " in ZenML 0.20; closest: `zenml.integrations.mlflow.mlflow_utils`\n"
                          "%aimport os.path,  zenml.integrations.mlflow.mlflow_step_decorator\n")
    assert second.endswith("\n%aimport  zenml.steps.base_step_config\n") and second.startswith("%aimport\n%aimport -zenml")
    assert third == cells[2]
