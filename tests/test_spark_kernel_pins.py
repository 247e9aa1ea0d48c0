"""EMR notebooks install a notebook's libraries on the cluster through the SparkContext a
PySpark kernel (sparkmagic, EMR, Glue) injects: ``sc.install_pypi_package("zenml==0.13.2")``
(``spark.sparkContext`` too). Such a pin installs a ZenML the migrated code fails on, like a
``%pip install`` line: found and fixed inside the literal. ``sc`` is the kernel's only when the
notebook neither imports nor binds the name. Databricks notebooks' ``dbutils`` likewise."""

import json

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source


def _notebook(*cells):
    return json.dumps({
        "nbformat": 4, "nbformat_minor": 2,
        "metadata": {"kernelspec": {"name": "pysparkkernel", "display_name": "PySpark", "language": "python"}},
        "cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": c} for c in cells],
    }, indent=1)


CELLS = (
    'sc.list_packages()\nsc.install_pypi_package("scikit-learn==1.0.2")\nsc.install_pypi_package("zenml[s3fs]==0.12.0")',
    'spark.sparkContext.install_pypi_package("zenml==0.13.2", "https://pypi.org/simple")',
    'from zenml.client import Client\nprint(Client().active_stack_model.name)',
)


def test_the_kernels_spark_context_installs_zenml_pins():
    found = [(f.cell, f.span.line, f.fix) for f in scan_source(_notebook(*CELLS), "jobs/emr_train.ipynb") if f.code == "ZM970"]
    assert found == [(1, 3, "safe"), (2, 1, "safe")]


def test_the_pins_are_fixed_in_their_literals():
    out = json.loads(fix_source(_notebook(*CELLS), "jobs/emr_train.ipynb").text)
    sources = ["".join(c["source"]) for c in out["cells"]]
    assert 'sc.install_pypi_package("zenml[s3fs]==0.20.5")' in sources[0]
    assert 'install_pypi_package("scikit-learn==1.0.2")' in sources[0]
    assert 'install_pypi_package("zenml==0.20.5", "https://pypi.org/simple")' in sources[1]


def test_a_name_sc_the_notebook_binds_is_not_the_kernels():
    script = 'from installer import sc\nsc.install_pypi_package("zenml==0.13.2")\n'
    bound = 'sc = Installer()\nsc.install_pypi_package("zenml==0.13.2")\n'
    assert [f for f in scan_source(script, "jobs/other.py") if f.code == "ZM970"] == []
    assert [f for f in scan_source(bound, "jobs/other.py") if f.code == "ZM970"] == []


DATABRICKS = '''# Databricks notebook source
dbutils.library.installPyPI("zenml", version="0.12.0", extras="server")
dbutils.library.installPyPI("pandas", version="0.13.2")

# COMMAND ----------

dbutils.library.installPyPI(pypiPackage="zenml", version="0.13.2")
dbutils.library.installPyPI("zenml")
dbutils.library.restartPython()
'''


def test_databricks_library_utility_pins_are_found_and_fixed_in_the_version():
    """Databricks Runtime's ``dbutils.library.installPyPI(NAME, version=V)``: the pin NAME==V;
    the fix writes the version inside its own literal."""
    found = [(f.span.line, f.span.column, f.fix) for f in scan_source(DATABRICKS, "notebooks/train.py") if f.code == "ZM970"]
    assert found == [(2, 30, "safe"), (7, 42, "safe")]
    out = fix_source(DATABRICKS, "notebooks/train.py").text
    assert 'installPyPI("zenml", version="0.20.5", extras="server")' in out
    assert 'installPyPI(pypiPackage="zenml", version="0.20.5")' in out
    assert 'installPyPI("pandas", version="0.13.2")' in out and 'installPyPI("zenml")\n' in out
