"""ZM409's port writes its new members in the module's indentation unit (review30 N1): in a
tab-indented module, the `config` property's docstring lines had 8/12 spaces inside a tab-indented
class (valid Python, but flake8 W191/E101 and editors show mixed indentation)."""

import ast

from zenml_migrate.fix.fixer import fix_source

STORE = (
    "from typing import ClassVar\n\n"
    "from zenml.feature_stores import BaseFeatureStore\n\n\n"
    "class CsvFeatureStore(BaseFeatureStore):\n"
    '\t"""Features kept in CSV files."""\n\n'
    '\tFLAVOR: ClassVar[str] = "csv_fs"\n'
    '\troot: str = "data"\n\n'
    "\tdef get_online_features(self, service, features):\n"
    "\t\treturn {}\n\n"
    "\tdef get_historical_features(self, entity_df, features, full_feature_names=False):\n"
    "\t\treturn self.root\n"
)


def test_a_tab_indented_module_gets_tabs_in_the_port():
    text = fix_source(STORE, "feature_store.py").text
    assert "class CsvFeatureStoreConfig" in text and "def config(self)" in text, text
    ast.parse(text)
    indented = [line for line in text.splitlines() if line[:1] in (" ", "\t")]
    assert indented and not [line for line in indented if line.startswith(" ")], text
    assert "\t\tReturns:\n\t\t\tThe configuration.\n\t\t\"\"\"" in text, text


def test_a_space_indented_module_keeps_its_unit():
    two = STORE.replace("\t", "  ")
    text = fix_source(two, "feature_store.py").text
    assert "    Returns:\n      The configuration.\n    \"\"\"" in text, text
