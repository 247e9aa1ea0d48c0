"""conda-build recipes (``recipe/meta.yaml``, ``conda.recipe/meta.yaml``, ``conda/meta.yaml``)
and rattler-build ``recipe.yaml``: their requirement lists pin zenml with conda match specs; read
line by line, so a recipe's Jinja is no "invalid YAML, file skipped"."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of

RECIPE = """{% set name = "churn-pipelines" %}
{% set version = "1.4.0" %}
package:
  name: {{ name|lower }}
  version: {{ version }}
requirements:
  host:
    - python >=3.8,<3.10
    - pip
  run:
    - python >=3.8,<3.10
    - zenml >=0.10,<0.14
    - zenml-helpers
about:
  summary: "Pipelines for zenml 0.13"
"""


def test_kinds():
    assert kind_of("recipe/meta.yaml") == kind_of("pkg/conda.recipe/meta.yml") == kind_of("build/recipe.yaml") == "conda_env"
    assert kind_of("docs/meta.yaml") == "yaml"


def test_recipe_pin_with_jinja():
    found = [(f.code, f.span.line) for f in scan_source(RECIPE, "conda.recipe/meta.yaml", with_diagnostics=True)]
    assert found == [("ZM970", 12)]
    assert fix_source(RECIPE, "conda.recipe/meta.yaml").text.count("TODO(zenml-migrate): ZM970") == 1
