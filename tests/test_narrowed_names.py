"""A name the scan cannot type is, where an ``isinstance(x, C)`` / ``issubclass(x, C)`` test of a
zenml class C must be true (the body of its ``if``/``while``/conditional expression, a later
operand of its ``and``), an instance of C (or of a subclass) / such a class. Before, a step class
picked out of a module's namespace by ``issubclass(obj, BaseStep)`` kept its ``CONFIG_CLASS``
read unreported and unfixed: the module failed at import on 0.20 after ``--fix`` (h100 n07). The
same read where no test holds, or under a test of several classes, says nothing."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

REGISTRY = '''import inspect

from zenml.repository import Repository
from zenml.steps import BaseStep

import components

PARAM_NAMES = {}
for attr in dir(components):
    member = getattr(components, attr)
    if inspect.isclass(member) and issubclass(member, BaseStep) and member is not BaseStep:
        PARAM_NAMES[attr] = member.CONFIG_PARAMETER_NAME


def profile_of(handle):
    return handle.active_profile_name if isinstance(handle, Repository) else "-"


def keep_going(handle):
    while isinstance(handle, Repository):
        handle.activate_profile("default")
'''

UNTESTED = '''from zenml.steps import BaseStep

import components


def name_of(member):
    return member.CONFIG_PARAMETER_NAME


def either(member):
    if issubclass(member, (BaseStep, dict)):
        return member.CONFIG_PARAMETER_NAME
    if issubclass(member, BaseStep) or member.CONFIG_PARAMETER_NAME:
        return None
'''


def _found(source):
    return sorted((f.code, f.span.line) for f in scan_source(source, "plugins/registry.py"))


def test_members_read_under_an_isinstance_or_issubclass_test_are_reported():
    found = _found(REGISTRY)
    assert ("ZM217", 12) in found  # member.CONFIG_PARAMETER_NAME under issubclass(member, BaseStep)
    assert ("ZM401", 16) in found  # handle.active_profile_name under isinstance(handle, Repository)
    assert ("ZM401", 21) in found  # the body of a while


def test_the_step_class_member_is_renamed_by_fix():
    fixed = fix_source(REGISTRY, "plugins/registry.py").text
    assert "PARAM_NAMES[attr] = member.PARAMETERS_FUNCTION_PARAMETER_NAME" in fixed
    assert "CONFIG_PARAMETER_NAME" not in fixed


def test_reads_no_single_class_test_holds_are_not_typed():
    assert [f for f in _found(UNTESTED) if f[0] in ("ZM217", "ZM401", "ZM004")] == []
