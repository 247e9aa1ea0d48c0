"""Colab notebooks: a ``%%shell`` cell is shell text (Colab's cell magic), and ``!pip install
zenml=={VERSION}`` with ``VERSION = "0.13.1"  #@param [...]`` set in the cell (a form field) is a
pin of that version, reported where the variable is set."""

import json

from zenml_migrate.api import scan_source


def _notebook(*cells):
    return json.dumps({
        "cells": [{"cell_type": "code", "execution_count": None, "metadata": {"cellView": "form"}, "outputs": [], "source": c} for c in cells],
        "metadata": {"colab": {"provenance": []}, "kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "nbformat": 4, "nbformat_minor": 0,
    })


def _found(text):
    return [(f.code, f.cell, f.span.line, f.fix) for f in scan_source(text, "Setup.ipynb") if f.code.startswith("ZM9")]


def test_shell_cell_magic():
    nb = _notebook("%%shell\nset -e\nzenml stack update colab -m colab_md\nzenml profile get\n")
    assert _found(nb) == [("ZM952", 1, 3, "safe"), ("ZM950", 1, 4, None)]


def test_form_field_version():
    nb = _notebook('#@title Setup\nZV = "0.13.1"  #@param ["0.13.1", "0.20.5"]\n!pip install "zenml[server]=={ZV}" -q\n',
                   "OK = '0.20.5'\n!pip install zenml=={OK}\n")
    found = [f for f in scan_source(nb, "Setup.ipynb") if f.code == "ZM970"]
    assert [(f.cell, f.span.line, f.fix) for f in found] == [(1, 3, None)]
    assert "the version is `ZV`, set to `0.13.1` on line 2: set it there" in found[0].message
