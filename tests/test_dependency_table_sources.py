"""A zenml dependency table without ``version`` that names its source (review29 R3): Poetry's
``{ git = ..., tag/rev/branch = ... }`` and ``{ url = ... }``, Pipfile's ``{ git = ..., ref = ... }``
and ``{ file = ... }`` install the release they name, as the PEP 508 ``zenml @ URL`` they stand for:
ZM970 for a human (which URL a 0.20 release is at is the project's choice)."""

import pytest

from zenml_migrate.api import scan_source

POETRY = """\
[tool.poetry]
name = "e"
version = "0.1.0"

[tool.poetry.dependencies]
python = "^3.8"
zenml = { git = "https://github.com/zenml-io/zenml.git", tag = "0.13.2" }

[tool.poetry.group.ml.dependencies]
zenml = { url = "https://files.pythonhosted.org/packages/zenml-0.13.2-py3-none-any.whl" }

[tool.poetry.group.dev.dependencies]
zenml = { git = "https://github.com/zenml-io/zenml.git", rev = "release/0.12.3", extras = ["server"] }
"""


def _found(text, name):
    return [(f.code, f.span.line, f.fix) for f in scan_source(text, name)]


def test_poetry_git_and_url_tables():
    found = _found(POETRY, "pyproject.toml")
    assert found == [("ZM970", 7, None), ("ZM970", 10, None), ("ZM970", 13, None)]
    messages = [f.message for f in scan_source(POETRY, "pyproject.toml")]
    assert "the git reference installs ZenML 0.13.2" in messages[0] and "the URL installs ZenML 0.13.2" in messages[1]


@pytest.mark.parametrize("table", [
    '{ git = "https://github.com/zenml-io/zenml.git", tag = "0.20.5" }',  # a 0.20 release
    '{ git = "https://github.com/zenml-io/zenml.git" }',  # the default branch: no release named
    '{ url = "https://example.com/zenml-0.20.5-py3-none-any.whl" }',
    '{ path = "../zenml" }',
])
def test_tables_naming_no_old_release_are_no_finding(table):
    assert _found(POETRY.split("[tool.poetry.group")[0].replace(POETRY.splitlines()[6], f"zenml = {table}"), "pyproject.toml") == []


def test_pipfile_git_ref_and_file():
    pipfile = ('[packages]\nzenml = {git = "https://github.com/zenml-io/zenml.git", ref = "0.13.2"}\n'
               '[dev-packages]\nzenml = {file = "https://example.com/zenml-0.12.0.tar.gz"}\n')
    assert _found(pipfile, "Pipfile") == [("ZM970", 2, None), ("ZM970", 4, None)]
