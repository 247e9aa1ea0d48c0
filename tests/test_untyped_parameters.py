"""An untyped parameter is typed by its default (what a call that leaves it out passes), as a
type checker infers it; a name bound once to a class of the file reads that class's members
(heldout111 flavor_catalog/custom.py: ``def describe(component_cls=BatchOrchestrator)`` read
``component_cls.__fields__``, an AttributeError on 0.20 once the class is ported, unreported).
A module-level function the file only calls at module level, always with the same zenml value,
gets that value (heldout111 async_reports/stack_report.py: ``SUMMARY = stack_summary(STACK)``)."""

from zenml_migrate.api import scan_source

SOURCE = '''from zenml.orchestrators import BaseOrchestrator
from zenml.repository import Repository


class BatchOrchestrator(BaseOrchestrator):
    queue: str = "default"

    def prepare_or_run_pipeline(self, sorted_steps, pipeline, pb2_pipeline, stack, runtime_configuration):
        return None


def describe(component_cls=BatchOrchestrator):
    return sorted(component_cls.__fields__)


def names(*, repo_cls=Repository):
    return repo_cls.get_instance().get_pipelines()
'''


def _found(source):
    return sorted((f.code, f.span.line) for f in scan_source(source, "catalog.py"))


def test_a_parameter_default_types_the_parameter():
    found = _found(SOURCE)
    assert ("ZM004", 13) in found  # the class's ``__fields__``: not on a 0.20 component class
    assert ("ZM302", 17) in found  # ``Repository.get_instance()`` is a Repository: its get_pipelines


def test_an_annotation_still_wins_and_a_default_of_none_types_nothing():
    source = "from zenml.repository import Repository\n\n\ndef f(repo: int = Repository(), other=None):\n    return repo.get_pipelines(), other.get_pipelines()\n"
    assert [c for c, _ in _found(source) if c.startswith("ZM3")] == []


CALLED = '''from zenml.repository import Repository


def summary(stack):
    return {name: c.FLAVOR for name, c in stack.components.items()}


def other(stack):
    return stack.orchestrator.FLAVOR


def nested(stack):
    return stack.orchestrator.FLAVOR


STACK = Repository().active_stack
SUMMARY = summary(STACK)
OTHER = other(STACK), other(object())
STACKS = list(map(nested, [STACK]))
'''


def test_the_one_value_every_module_level_call_passes_types_the_parameter():
    found = [(c, line) for c, line in _found(CALLED) if c == "ZM420"]
    assert found == [("ZM420", 5)]  # not ``other`` (two values), not ``nested`` (handed on, not called)


def test_a_call_inside_a_function_is_read_in_that_function_s_scope():
    """``def run(): return summary(STACK)`` types ``summary``'s parameter too (until redteam28 only
    module-level calls did: this test asserted that nothing was typed); a call passing one of the
    caller's untyped parameters, a local of another kind, or made in a lambda types nothing."""
    source = CALLED.replace("SUMMARY = summary(STACK)", "def run():\n    return summary(STACK)")
    assert [(c, line) for c, line in _found(source) if c == "ZM420"] == [("ZM420", 5)]
    for call in ("def run(stack):\n    return summary(stack)", "def run():\n    stack = object()\n    return summary(stack)",
                 "def run():\n    return (lambda: summary(STACK))()"):
        source = CALLED.replace("SUMMARY = summary(STACK)", call)
        assert [c for c, _ in _found(source) if c == "ZM420"] == [], call


CALLERS = '''import unittest

from zenml.repository import Repository


def show(repo):
    return repo.get_pipelines()


def last_run(view, n=1):
    return view.runs[-n].runtime_configuration


def main():
    repo = Repository()
    show(repo)
    last_run(repo.get_pipeline("x"), n=2)


class TestRuns(unittest.TestCase):
    def test_show(self):
        self.assertTrue(show(Repository()))
'''


def test_calls_in_functions_and_methods_type_the_parameter_of_the_function_they_call():
    """``def show(repo): repo.get_pipelines()`` called as ``show(repo)`` in ``main()`` (``repo =
    Repository()`` there) and ``show(Repository())`` in a test method; ``last_run`` called with
    ``repo.get_pipeline("x")`` (heldout119 repros/r6_call_site_in_function)."""
    found = [(c, line) for c, line in _found(CALLERS) if c in ("ZM302", "ZM305")]
    assert found == [("ZM302", 7), ("ZM305", 11)]
    other = CALLERS.replace("        self.assertTrue(show(Repository()))", "        self.assertTrue(show(object()))")
    assert [c for c, _ in _found(other) if c == "ZM302"] == []


def _pruned(tail: str) -> str:
    """CALLED's ``summary`` in a file long enough for the scan to walk only some statements."""
    head = CALLED.split("\n\ndef other")[0] + "\n\n\nSTACK = Repository().active_stack\nSUMMARY = summary(STACK)\n"
    return head + "".join(f"X{i} = {i}\n" for i in range(15)) + tail


def test_in_a_pruned_file_the_function_called_with_a_zenml_value_is_walked():
    assert ("ZM420", 5) in _found(_pruned(""))


def test_in_a_pruned_file_a_call_with_another_value_types_nothing():
    assert [c for c, _ in _found(_pruned("OTHER = summary(X1)\n")) if c == "ZM420"] == []


def test_in_a_pruned_file_a_function_a_walked_function_calls_is_walked():
    """A long file: ``main()`` (walked: it names ``Repository``) calls ``show(repo)``; ``show``'s body
    names nothing of zenml's but is walked all the same, its parameter typed by that call."""
    source = (
        "from zenml.repository import Repository\n\n\n"
        "def show(repo):\n    return repo.get_run_names()\n\n\n"
        "def main():\n    show(Repository().get_pipeline('p'))\n\n\n"
        + "".join(f"X{i} = {i}\n" for i in range(15))
    )
    assert ("ZM304", 5) in _found(source)
