"""The resolver reads ``typing.cast(T, x)`` as a value of type ``T`` (held-out 21 r03: typed 0.13
code narrowed zenml values with ``cast``, and the attributes 0.20 removed were not reported)."""

from zenml_migrate.api import scan_source

CASTS = '''
import typing as tp
from typing import cast as narrowed

from zenml.environment import Environment
from zenml.post_execution import PipelineRunView
from zenml.steps.step_environment import StepEnvironment


def describe(view, key):
    run = narrowed(PipelineRunView, view)
    env = tp.cast("StepEnvironment", Environment()[key])
    return run.runtime_configuration, env.docker_configuration, env.step_name


def untyped(view):
    return narrowed(view).runtime_configuration
'''


def test_typing_cast_gives_a_value_of_its_type():
    """``cast(StepEnvironment, Environment()[STEP_ENVIRONMENT_NAME])``: the attributes 0.20 removed
    are read on a value of that type. A one-argument call is no cast."""
    found = [(f.code, f.span.line, f.span.column) for f in scan_source(CASTS, "m.py")]
    assert found == [("ZM305", 13, 12), ("ZM311", 13, 39)], found
