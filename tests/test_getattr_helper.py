"""A function of the file that only returns ``getattr(<zenml module>, <its parameter>)``, called
with a literal name (``step_api("BaseStepConfig")``), reads that name as
``getattr(steps, "BaseStepConfig")`` does: reported at the call, and the literal renamed by
``--fix`` when 0.20's module has the new name."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

SOURCE = '''from zenml import steps


def step_api(attr_name, default=None):
    """One place that reads the step API by name."""
    return getattr(steps, attr_name, default)


ParamsBase = step_api("BaseStepConfig")
Context = step_api(attr_name="StepContext")
Legacy = step_api(default=None, attr_name="BaseStepConfig")
'''

NOT_A_HELPER = '''from zenml import steps


def step_api(attr_name):
    attr_name = attr_name.strip()
    return getattr(steps, attr_name)


def from_module(module, attr_name):
    return getattr(module, attr_name)


A = step_api("BaseStepConfig")
B = from_module(steps, "BaseStepConfig")
'''


def _found(source):
    return sorted((f.code, f.span.line) for f in scan_source(source, "registry/api.py"))


def test_a_literal_given_to_a_getattr_helper_is_read_as_the_name():
    assert _found(SOURCE) == [("ZM101", 9), ("ZM101", 11)]


def test_the_literal_is_renamed_by_the_fix():
    out = fix_source(SOURCE, "registry/api.py").text
    assert 'ParamsBase = step_api("BaseParameters")\n' in out
    assert 'Legacy = step_api(default=None, attr_name="BaseParameters")\n' in out
    assert 'Context = step_api(attr_name="StepContext")\n' in out
    assert _found(out) == []


def test_a_name_the_function_changes_or_an_object_it_is_given_is_not_read():
    assert _found(NOT_A_HELPER) == []
