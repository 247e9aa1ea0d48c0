"""An untyped parameter is typed by its default (what a call that leaves it out passes), as a
type checker infers it; a name bound once to a class of the file reads that class's members
(heldout111 flavor_catalog/custom.py: ``def describe(component_cls=BatchOrchestrator)`` read
``component_cls.__fields__``, an AttributeError on 0.20 once the class is ported, unreported)."""

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
