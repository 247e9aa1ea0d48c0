"""One recogniser of the calls that patch a name for a test (``scan/patchers.py``; review26 P2:
the detector, ZM005 and ZM006 each had their own, and they disagreed). Where they disagreed, the
answer is Python's ``unittest.mock`` semantics (tests/test_patchers_real_zenml.py runs them on
the real ZenML 0.20.5 interpreter):

- only ``patch(...)``/``patch.object(...)`` decorators give the test function an argument: an
  ``<x>.object(...)`` decorator of another kind (a registry, a fixture factory) gives none, so
  the mock of ``@mock.patch`` below it is still the first parameter (ZM006 took it for a mock
  maker and looked for the mock in a parameter that does not exist);
- ``mock.patch(obj, "name")`` patches nothing (mock wants a dotted string: TypeError), so it is
  no ``patch`` target of ``obj.name`` (ZM005 reported one)."""

import ast
import textwrap

from zenml_migrate.api import scan_source

RUNS = (
    "from unittest import mock\n\nimport registry\nfrom zenml.repository import Repository\n\n\n"
    "def runs(name):\n    return Repository().get_pipeline(name).runs\n\n\n"
    "def stack():\n    return Repository().active_stack.name\n\n\n"
)
# a decorator that is no patcher, between the function and its patch decorator
DECORATED = RUNS + (
    "@mock.patch(\"example.Repository\")\n@registry.object(\"reports\", \"runs\")\ndef test_runs(repo):\n"
    "    repo.return_value.get_pipeline.return_value.runs = []\n    assert runs(\"p\") == []\n"
)
NOT_A_TARGET = textwrap.dedent('''\
    from unittest import mock

    from zenml.repository import Repository


    def test_runs():
        with mock.patch(Repository, "get_pipeline"):
            pass
''')


def _codes(text: str, code: str):
    return [f for f in scan_source(text, "example.py") if f.code == code]


def test_an_object_decorator_that_is_no_patcher_gives_no_argument():
    found = _codes(DECORATED, "ZM006")
    assert len(found) == 1 and "stands in for `Repository().get_pipeline`" in found[0].message, found
    # the same test without the other decorator: the same finding (the rule's own Bad example)
    plain = DECORATED.replace("@registry.object(\"reports\", \"runs\")\n", "")
    assert [f.message for f in _codes(plain, "ZM006")] == [f.message for f in found]


def test_patch_of_an_object_and_a_name_is_no_patch_target():
    assert not _codes(NOT_A_TARGET, "ZM005")
    spelled = NOT_A_TARGET.replace("mock.patch(Repository", "mock.patch.object(Repository")
    assert [f.span.line for f in _codes(spelled, "ZM005")] == [7]  # what was meant: reported


def test_one_answer_for_each_call():
    from zenml_migrate.scan import patchers

    def call(text):
        return ast.parse(text).body[0].value

    assert patchers.patcher(call("mock.patch('a.b')")) == patchers.PATCH
    assert patchers.patcher(call("patch.object(a, 'b')")) == patchers.PATCH_OBJECT
    assert patchers.patcher(call("mocker.patch.object(a, 'b')")) == patchers.PATCH_OBJECT
    assert patchers.patcher(call("registry.object(a, 'b')")) is None
    assert patchers.patcher(call("setattr(a, 'b', 1)")) is None  # the builtin
    assert patchers.patcher(call("monkeypatch.setattr(a, 'b', 1)")) == patchers.SETATTR
    assert patchers.path_target(call("mock.patch(a, 'b')")) is None and patchers.object_target(call("mock.patch(a, 'b')")) is None
    assert patchers.makes_mock(call("mock.patch('a.b')")) and not patchers.makes_mock(call("mock.patch('a.b', new=1)"))
    assert not patchers.makes_mock(call("registry.object(a, 'b')"))
    assert patchers.creates(call("mock.patch('a.b', create=True)")) and patchers.creates(call("monkeypatch.setattr('a.b', 1, raising=False)"))
