"""A member read the program guards cannot raise AttributeError: ``getattr(obj, "m", default)``
and ``obj.m`` under a ``hasattr(obj, "m")`` test. ZM004 said "AttributeError" for them and the
import-time rule (ZM461) claimed the statement fails at import and commented working code out
(review22 G1: a notebook's `s.producer_step if hasattr(s, "producer_step") else s`). Unguarded
reads of the same member, and reads the test does not guard, are still reported."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

GUARDED = '''from zenml.post_execution import get_pipeline

latest = get_pipeline("etl").runs[0]
for view in latest.steps:
    print(view.producer_step if hasattr(view, "producer_step") else view.name)
    if hasattr(view, "producer_step") and view.producer_step is not None:
        print("cached from", view.producer_step)
origin = getattr(latest.steps[-1], "producer_step", None)
origin_kw = getattr(latest.steps[-1], "producer_step", "none")
'''

UNGUARDED = '''from zenml.post_execution import get_pipeline

latest = get_pipeline("etl").runs[0]
for view in latest.steps:
    print(view.producer_step)
    other = latest.steps[0]
    print(other.producer_step if hasattr(view, "producer_step") else None)
    print(view.name if hasattr(view, "producer_step") else view.producer_step)
    print(hasattr(view, "producer_step") or view.producer_step)
print(getattr(latest.steps[-1], "producer_step"))
'''


def _found(source):
    return sorted((f.code, f.span.line) for f in scan_source(source, "reports/latest.py"))


def test_guarded_reads_are_not_reported():
    assert _found(GUARDED) == []


def test_guarded_reads_are_left_as_written():
    assert fix_source(GUARDED, "reports/latest.py", unsafe=True).text == GUARDED


def test_reads_the_test_does_not_guard_are_reported():
    zm004 = [line for code, line in _found(UNGUARDED) if code == "ZM004"]
    assert zm004 == [5, 7, 8, 9, 10]


def test_a_guard_by_a_function_of_the_file_named_like_the_builtin_is_no_guard():
    """``hasattr``/``getattr`` the file defines itself say nothing of what the builtins would."""
    own = '''from zenml.post_execution import get_pipeline


def hasattr(obj, name):
    return True


def getattr(obj, name, default=None):
    return obj.__getattribute__(name)


latest = get_pipeline("etl").runs[0]
for view in latest.steps:
    print(view.producer_step if hasattr(view, "producer_step") else view.name)
print(getattr(latest.steps[-1], "producer_step", None))
'''
    assert [line for code, line in _found(own) if code == "ZM004"] == [14]  # (its getattr: not the builtin, not read)
