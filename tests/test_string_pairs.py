"""Classes loaded by a string pair (``getattr(importlib.import_module("zenml.config.docker_configuration"),
"DockerConfiguration")``, ``__import__(M, fromlist=[...])``, ``importlib.import_module(M).Name``):
when every name is renamed exactly into one 0.20 module, the rename rule reports the pair (the
module that 0.20 lacks is not reported apart: the rename explains it) and its safe fix writes the
0.20 spelling of both strings; otherwise the module keeps its ZM000 finding."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source


def _codes(code: str):
    return sorted((f.code, f.span.line, f.fix) for f in scan_source(code))


def test_a_renamed_pair_is_one_safe_finding_of_the_rename_rule():
    code = (
        "import importlib as il\n"
        "\n"
        "A = getattr(il.import_module('zenml.config.docker_configuration'), 'DockerConfiguration')\n"
        "B = __import__('zenml.config.docker_configuration', None, None, ['DockerConfiguration'])\n"
    )
    assert _codes(code) == [("ZM105", 3, "safe"), ("ZM105", 4, "safe")]
    fixed = fix_source(code)
    assert fixed.error is None and not fixed.todos
    assert "A = getattr(il.import_module('zenml.config'), 'DockerSettings')\n" in fixed.text
    assert "B = __import__('zenml.config', None, None, ['DockerSettings'])\n" in fixed.text
    assert scan_source(fixed.text) == []


def test_a_pair_that_is_not_renamed_exactly_keeps_the_module_finding():
    code = (
        "import importlib\n"
        "\n"
        "A = getattr(importlib.import_module('zenml.steps.base_step_config'), 'Helper')\n"
        "B = __import__('zenml.steps.base_step_config', fromlist=['BaseStepConfig', 'Helper'])\n"
    )
    found = _codes(code)
    assert ("ZM000", 3, "safe") in found and ("ZM000", 4, "safe") in found  # resolved by ZM461 (module level)
    assert not [f for f in found if f[0] in ("ZM101", "ZM105")]


def test_a_module_that_has_the_new_name_keeps_its_string():
    code = "import importlib\n\nA = getattr(importlib.import_module('zenml.steps'), 'BaseStepConfig')\n"
    assert fix_source(code).text == "import importlib\n\nA = getattr(importlib.import_module('zenml.steps'), 'BaseParameters')\n"


def test_a_lazy_import_table_of_module_name_tuples():
    """A ``(module, name)`` tuple of a lazy-import table (resolved later by ``import_module`` +
    ``getattr``, e.g. a PEP 562 ``__getattr__``): ZM005 reports a renamed or gone pair and the
    safe fix writes the 0.20 module and name (before: no finding, the fixed project failed on
    0.20 where the name was first used; held-out 14 r02)."""
    code = (
        "import importlib\n"
        "\n"
        "REGISTRY = [\n"
        "    (\n"
        "        'zenml.steps.base_step_config',\n"
        "        'BaseStepConfig',\n"
        "    ),\n"
        "    ('zenml.steps', 'step'),\n"
        "    (\"zenml.metadata_stores\", \"MySQLMetadataStore\"),\n"
        "    ('zenml.steps', 'BaseStepConfig', 'extra'),\n"
        "]\n"
        "\n"
        "\n"
        "def load(i):\n"
        "    module, name = REGISTRY[i][:2]\n"
        "    return getattr(importlib.import_module(module), name)\n"
    )
    assert _codes(code) == [("ZM005", 5, "safe"), ("ZM005", 9, None)]
    fixed = fix_source(code)
    assert fixed.error is None
    assert "        'zenml.steps',\n        'BaseParameters',\n    ),\n" in fixed.text, fixed.text
    assert "('zenml.steps', 'step')" in fixed.text  # 0.20 has it: no finding
    assert "# TODO(zenml-migrate): ZM005 `('zenml.metadata_stores', 'MySQLMetadataStore')`" in fixed.text  # above the statement
    assert [(f.code, f.fix) for f in scan_source(fixed.text)] == [("ZM005", None)]
