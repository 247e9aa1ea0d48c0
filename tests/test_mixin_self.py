"""gaps24 (d): a mixin class (no bases) that stack component classes derive from together with a
zenml class: ``self`` in its methods is an instance of such a class, ``cls`` in its classmethods
the class. Its reads of what 0.20 lacks are reported (no automatic fix: what ``self`` is depends on
the classes mixing it in), also when the mixin lives in a module that imports no zenml (scanned
for the ``MIXIN_MARK`` fact of the module mixing it in). The real 0.20.5 raises on
``cls.__fields__`` there (``/tmp/gaps24/d/same.py``: AttributeError: type object
'BatchOrchestrator' has no attribute '__fields__'; on 0.13.2 it prints the fields)."""

import textwrap
from pathlib import Path

from zenml_migrate.api import scan_source
from zenml_migrate.rules import all_rules
from zenml_migrate.scan.engine import ScanSettings, run_scan


def c(text: str) -> str:
    return textwrap.dedent(text).lstrip()


MIXIN = c(
    '''
    """Helpers for our components (the docstring may say zenml: the module imports none)."""


    class DescribeMixin:
        def describe(self):
            return self.uuid, self.FLAVOR, self.queue, self.name

        @classmethod
        def keys(cls):
            return sorted(cls.__fields__), cls.FLAVOR


    class Unrelated:
        def describe(self):
            return self.uuid
    '''
)

COMPONENT = c(
    '''
    from zenml.orchestrators import BaseOrchestrator

    from utils.mixins import DescribeMixin


    class BatchOrchestrator(DescribeMixin, BaseOrchestrator):
        FLAVOR = "batch"
        queue: str = "q"
    '''
)


def test_a_mixin_in_a_module_without_zenml_is_read_as_the_class_mixing_it_in(tmp_path, monkeypatch):
    for rel, text in {"utils/__init__.py": "", "utils/mixins.py": MIXIN, "components/batch.py": COMPONENT}.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    monkeypatch.chdir(tmp_path)
    report = run_scan(["."], ScanSettings(rules=all_rules(), workers=1))
    found = sorted((Path(f.path).as_posix(), f.span.line, f.code, f.fix) for f in report.findings if "mixins" in f.path)
    # self.uuid (ZM420: `id` in 0.20) and cls.__fields__ (ZM004); FLAVOR and queue the component
    # declares itself, name 0.20 has; Unrelated is mixed into nothing
    assert found == [("utils/mixins.py", 6, "ZM420", None), ("utils/mixins.py", 10, "ZM004", None)]
    assert "mixin" in next(f.message for f in report.findings if f.code == "ZM420")


def test_a_mixin_of_the_same_module():
    source = MIXIN + "\n\n" + COMPONENT.replace("from utils.mixins import DescribeMixin\n", "")
    found = [(f.span.line, f.code, f.fix) for f in scan_source(source, "batch.py") if f.span.line < 20]
    assert found == [(6, "ZM420", None), (10, "ZM004", None)]


def test_no_mixin_when_the_classes_mixing_it_in_disagree_on_the_zenml_base():
    source = MIXIN + "\n\n" + c(
        '''
        from zenml.orchestrators import BaseOrchestrator
        from zenml.artifact_stores import BaseArtifactStore


        class BatchOrchestrator(DescribeMixin, BaseOrchestrator):
            queue: str = "q"


        class BatchStore(DescribeMixin, BaseArtifactStore):
            queue: str = "q"
        '''
    )
    assert [f.code for f in scan_source(source, "batch.py") if f.span.line < 20] == []
