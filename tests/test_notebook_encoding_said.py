"""A notebook that is not UTF-8 (Jupyter reads and writes UTF-8 only) says where and what to do;
it said "not a valid notebook (JSON: 'utf-8' codec can't decode byte 0xe9 in position 117: invalid
continuation byte)" at line 1, column 1."""

import codecs
import json

import pytest

from zenml_migrate.scan.notebook import read_notebook
from zenml_migrate.scan.sources import SourceError

CELLS = {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
         "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": "x = 'caf\u00e9'\n"}]}


def test_a_latin_1_notebook_names_the_byte_line_and_column():
    text = json.dumps(CELLS, indent=1, ensure_ascii=False)
    data = text.encode("latin-1")
    with pytest.raises(SourceError) as raised:
        read_notebook(data)
    where = text.index("\u00e9")
    assert (raised.value.line, raised.value.column) == (text[:where].count("\n") + 1, where - text.rfind("\n", 0, where))
    assert "byte 0xe9 is not UTF-8" in raised.value.message and "re-save it as UTF-8" in raised.value.message


def test_a_utf_16_notebook_says_utf_16():
    data = codecs.BOM_UTF16_LE + json.dumps(CELLS).encode("utf-16-le")
    with pytest.raises(SourceError) as raised:
        read_notebook(data)
    assert "UTF-16" in raised.value.message and "re-save it as UTF-8" in raised.value.message


def test_a_utf_8_notebook_with_a_bom_is_read():
    assert read_notebook(codecs.BOM_UTF8 + json.dumps(CELLS).encode()).cells
