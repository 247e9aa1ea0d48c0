"""Cell magics of IPython extensions whose body is Python the kernel runs (``%%ipytest``,
``%%memit``, ...) are read as Python, found and fixed like the body of ``%%time``; those whose
body runs in another namespace (ipyparallel's ``%%px`` on the engines, sparkmagic's ``%%local``)
are read as a program of their own: a fix keeps their imports in them; cell magics whose body is
another language stay unread."""

import json

import pytest

from tests.scan_helpers import migrate, scan_json, write_tree
from tests.test_notebooks import notebook


@pytest.mark.parametrize("magic", ["%%ipytest -qq", "%%memit", "%%px --targets 0", "%%local", "%%snakeviz", "%%pyinstrument"])
def test_the_python_body_of_an_extension_cell_magic_is_read_and_fixed(tmp_path, magic):
    write_tree(tmp_path, {"nb.ipynb": notebook("import os\n", f"{magic}\nfrom zenml.steps import BaseStepConfig\nprint(BaseStepConfig)\n")})
    found = [(f["cell"], f["line"], f["code"]) for f in scan_json(tmp_path).json()["findings"]]
    assert any(c == 2 and line == 2 and code != "ZM001" for c, line, code in found), found
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1), run.out + run.err
    second = "".join(json.loads((tmp_path / "nb.ipynb").read_text())["cells"][1]["source"])
    assert second.startswith(magic + "\n") and "BaseStepConfig" not in second, second


@pytest.mark.parametrize("magic", ["%%R -i df", "%%sql sqlite://", "%%latex", "%%perl"])
def test_a_cell_magic_of_another_language_is_not_read_as_python(tmp_path, magic):
    write_tree(tmp_path, {"nb.ipynb": notebook(f"{magic}\nfrom zenml.repository import Repository\nx <- select(1)\n")})
    assert [f["code"] for f in scan_json(tmp_path).json()["findings"]] == []


@pytest.mark.parametrize("magic", ["%%px", "%%local"])
def test_a_cell_run_in_another_namespace_keeps_its_own_imports(tmp_path, magic):
    body = "from zenml.repository import Repository\nprint(Repository().get_pipelines())\n"
    write_tree(tmp_path, {"nb.ipynb": notebook(body, f"{magic}\n{body}")})
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert run.code in (0, 1), run.out + run.err
    first, second = ("".join(c["source"]) for c in json.loads((tmp_path / "nb.ipynb").read_text())["cells"])
    for cell in (first, second):
        assert "from zenml.post_execution import get_pipelines" in cell and "print(get_pipelines())" in cell, (first, second)
    assert second.startswith(magic + "\n")
