"""Pipenv's Pipfile and hatch environments install ZenML too: a ``zenml`` pin there (ZM970)
and the ``zenml`` commands of a Pipfile's ``[scripts]`` (ZM95x) are read and fixed like those of
pyproject.toml's other tables (held-out 11: a Pipfile ``zenml = {extras = [...], version =
"==0.13.2"}`` and a ``[tool.hatch.envs.default]`` ``dependencies`` pin were not reported)."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of

PIPFILE = """\
[[source]]
url = "https://pypi.org/simple"
name = "pypi"

[packages]
"zenml" = { version = "==0.12.0", extras = ["server", "mlflow"] }
pandas = "*"

[dev-packages]
zenml = "<0.14"

[ml]
zenml = "===0.13.2"

[scripts]
stack = "zenml stack register dev_stack -m default -a default -o default"
notebook = "jupyter lab"

[requires]
python_version = "3.8"
"""

HATCH = """\
[project]
name = "demo"
dependencies = ["pandas"]

[tool.hatch.envs.default]
dependencies = [
  "zenml[server]~=0.13.1",
]
extra-dependencies = ["zenml==0.13.2"]
pre-install-commands = ["zenml version"]

[tool.hatch.envs.default.scripts]
stack = "zenml profile set ci"

[tool.hatch.envs.lint]
dependencies = ["zenml>=0.13", "black"]
"""


def test_a_pipfile_is_read():
    assert kind_of("Pipfile") == kind_of("services/api/Pipfile") == "pipfile"
    found = [(f.code, f.span.line, f.fix) for f in scan_source(PIPFILE, "Pipfile")]
    assert found == [("ZM970", 6, "safe"), ("ZM970", 10, None), ("ZM970", 13, "safe"), ("ZM952", 16, "safe")]
    fixed = fix_source(PIPFILE, "Pipfile").text
    assert '"zenml" = { version = "==0.20.5", extras = ["server", "mlflow"] }' in fixed
    assert 'zenml = "===0.20.5"' in fixed
    assert 'stack = "zenml stack register dev_stack -a default -o default"' in fixed
    # a range is a choice: a TODO above it, the line kept
    assert '# TODO(zenml-migrate): ZM970' in fixed and 'zenml = "<0.14"' in fixed


def test_hatch_environment_dependencies_are_read():
    found = [(f.code, f.span.line) for f in scan_source(HATCH, "pyproject.toml")]
    assert found == [("ZM970", 7), ("ZM970", 9), ("ZM950", 13)]
    fixed = fix_source(HATCH, "pyproject.toml").text
    assert '"zenml[server]~=0.20.5",' in fixed and 'extra-dependencies = ["zenml==0.20.5"]' in fixed
    assert 'dependencies = ["zenml>=0.13", "black"]' in fixed  # allows 0.20: not this rule's business
