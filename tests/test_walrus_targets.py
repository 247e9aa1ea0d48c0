"""A name bound by ``name := value`` (in an ``if``/``while`` test, an argument, a comprehension) has
the value's type, like an assignment: its member reads are judged."""

from zenml_migrate.api import scan_source
from zenml_migrate.rules.base import snippet as c

SOURCE = c(
    """
    from zenml.repository import Repository


    def audit(limit):
        if (current := Repository().active_stack) and limit:
            print(current.metadata_store.uri)
        return [len(s.name) for s in (known := Repository().stacks)], known[0].orchestrator


    def nothing(values):
        if (n := len(values)) > 2:
            return n.real
        return (lambda: (inner := Repository()))()
    """
)


def test_walrus_targets_are_typed():
    found = sorted((f.span.line, f.code) for f in scan_source(SOURCE, "audit.py") if f.code != "ZM108")
    assert found == [(6, "ZM310"), (7, "ZM004")]
