"""perf29 (perf28's open item): post_execution's codemod asked the fixer for the names the
rewritten module uses twice per file, once for the receivers it may drop (``drop_unused_imports``)
and once for the functions it may import (``module_names``), two walks of the same module
(462 calls for 231 files). It now asks once, for both sets; the rewrite is the same."""

from zenml_migrate.fix import rewrite
from zenml_migrate.fix.fixer import FixOptions, fix_text
from zenml_migrate.rules import all_rules
from zenml_migrate.scan.file_scan import FileJob

SOURCE = (
    "from zenml.repository import Repository\n\n"
    "pv = Repository().get_pipeline('p', stack_name='s')\n"
    "runs = pv.runs\n"
)


def test_one_walk_answers_both_questions(monkeypatch):
    calls = []
    real = rewrite.FixContext.names_in

    def counted(self, updated, wanted=None):
        calls.append(frozenset(wanted or ()))
        return real(self, updated, wanted)

    monkeypatch.setattr(rewrite.FixContext, "names_in", counted)
    result = fix_text(SOURCE, FileJob("runs.py", "py"), all_rules(), FixOptions())
    assert result.error is None
    assert "from zenml.post_execution import get_pipeline\n" in result.text
    assert "Repository" not in result.text  # the receiver's import dropped
    assert "pv = get_pipeline('p')\n" in result.text
    asked = [w for w in calls if "get_pipeline" in w or "Repository" in w]
    assert len(asked) == 1, calls
    assert {"get_pipeline", "Repository"} <= asked[0]
