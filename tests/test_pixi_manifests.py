"""pixi: ``pixi.toml`` tasks (``[tasks]``, ``[feature.X.tasks]``: a line or ``{ cmd = "..." }``)
are command lines, and its ``[pypi-dependencies]`` (features too) pin zenml; in pyproject.toml
the same under ``[tool.pixi...]``. Fixed in place."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of

PIXI = """[project]
name = "forecast"
channels = ["conda-forge"]
platforms = ["linux-64", "osx-arm64"]

[tasks]
stack = "zenml stack update fc -m fc_md"
train = { cmd = "python train.py", depends-on = ["stack"] }

[pypi-dependencies]
zenml = { version = "==0.13.2", extras = ["server"] }

[feature.ops.tasks]
whoami = { cmd = "zenml profile get" }

[feature.ops.pypi-dependencies]
zenml = "~=0.13.1"
"""

PYPROJECT = """[project]
name = "forecast"

[tool.pixi.pypi-dependencies]
zenml = "==0.12.0"

[tool.pixi.tasks]
md = "zenml metadata-store list"
"""


def _found(text: str, name: str):
    return [(f.code, f.span.line) for f in scan_source(text, name) if f.code.startswith("ZM9")]


def test_kind():
    assert kind_of("envs/pixi.toml") == "pixi"


def test_tasks_and_pins():
    assert _found(PIXI, "pixi.toml") == [("ZM952", 7), ("ZM970", 11), ("ZM950", 14), ("ZM970", 17)]
    assert _found(PYPROJECT, "pyproject.toml") == [("ZM970", 5), ("ZM951", 8)]


def test_fix():
    out = fix_source(PIXI, "pixi.toml").text
    assert 'stack = "zenml stack update fc"\n' in out
    assert 'zenml = { version = "==0.20.5", extras = ["server"] }' in out
