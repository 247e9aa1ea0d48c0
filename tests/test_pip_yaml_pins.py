"""YAML files listing pip requirements: MLflow's ``python_env.yaml`` (``dependencies``,
``build_dependencies``) and BentoML's ``bentofile.yaml`` (``python: packages``); an MLflow model's
``conda.yaml`` is a conda environment. Their zenml pins are fixed in place."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of

PYTHON_ENV = """python: 3.8.10
build_dependencies:
  - pip==23.0
dependencies:
  - -r requirements.txt
  - "zenml[server]==0.13.0"
  - zenml-extras==0.13.0
"""

BENTO = """service: "svc:Service"
include: ["*.py"]
python:
  packages:  # what the image installs
    - zenml>=0.10,<0.14
    - scikit-learn
"""

CONDA = """channels: [conda-forge]
dependencies:
  - python=3.9
  - pip:
    - zenml==0.12.0
"""


def _pins(text, filename):
    return [(f.span.line, f.fix) for f in scan_source(text, filename) if f.code == "ZM970"]


def test_kinds():
    assert kind_of("model/python_env.yaml") == kind_of("bentofile.yml") == "pip_yaml"
    assert kind_of("model/conda.yaml") == "conda_env"


def test_pins():
    assert _pins(PYTHON_ENV, "model/python_env.yaml") == [(6, "safe")]
    assert '  - "zenml[server]==0.20.5"\n  - zenml-extras==0.13.0\n' in fix_source(PYTHON_ENV, "model/python_env.yaml").text
    assert _pins(BENTO, "bentofile.yaml") == [(5, None)]
    assert _pins(CONDA, "mlruns/0/abc/artifacts/model/conda.yaml") == [(5, "safe")]
