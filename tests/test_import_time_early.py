"""``import_time._nothing_inert``: ZM461's plan told empty from the statements the scan parsed,
before the rest of the module is parsed. The findings must be those of the plan computed on
the whole tree, whether the file is parsed piecemeal (12+ statements) or whole."""

import textwrap

import pytest

from zenml_migrate.rules import all_rules
from zenml_migrate.scan import file_scan, import_time
from zenml_migrate.scan.detect import rule_index
from zenml_migrate.scan.file_scan import FileJob, ScanContext

FILLER = "".join(f"\n\ndef helper_{i}(a, b=None):\n    return [a, b, {i}]\n" for i in range(14))

CASES = {
    # a class reads a removed import's name: the module still fails (early answer)
    "class_reads_gone": (True, """
        from zenml.steps.base_step import BaseStep
        from zenml.steps.base_step_config import BaseStepConfig as Cfg
        from zenml.steps.step_context import StepContext


        class TrainerConfig(Cfg):
            size: int = 10


        class Trainer(BaseStep):
            def entrypoint(self, config: TrainerConfig, context: StepContext) -> int:
                return config.size + len(context.metadata_store.uri)  # ZM310 for a human (a get_pipeline read is resolved by ZM301)


        trainer = Trainer()
        """),
    # the name is bound again before the class
    "gone_rebound": (None, """
        from zenml.steps.base_step import BaseStep
        from zenml.steps.base_step_config import BaseStepConfig as Cfg
        from zenml.steps.step_context import StepContext

        Cfg = dict


        class TrainerConfig(Cfg):
            size: int = 10


        class Trainer(BaseStep):
            def entrypoint(self, config: TrainerConfig, context: StepContext) -> int:
                return config.size + len(context.metadata_store.get_pipeline("p").runs)
        """),
    # a failing finding in a method body, nothing removed: nothing runs it at import
    "deferred_in_class": (True, """
        from zenml.steps.base_step import BaseStep
        from zenml.steps.step_context import StepContext


        class Trainer(BaseStep):
            def entrypoint(self, context: StepContext) -> int:
                return len(context.metadata_store.uri)  # ZM310 for a human (a get_pipeline read is resolved by ZM301)


        trainer = Trainer()
        """),
    # a failing finding in a module-level function that the module calls: a plan
    "called_at_import": (False, """
        from zenml.repository import Repository


        def stores():
            return Repository().get_stack("s").metadata_store.uri


        URI = stores()
        """),
    # a failing finding in a decorator argument: the def runs it at import (early answer)
    "decorator_fails": (None, """
        from zenml.steps import step
        from zenml.repository import Repository


        @step(name=Repository().active_stack.metadata_store.uri)
        def trainer() -> int:
            return 1
        """),
}


def _findings(text: str, early: bool, monkeypatch):
    answers = []
    real = import_time._nothing_inert

    def spy(*args):
        answers.append(real(*args) if early else False)
        return answers[-1]

    monkeypatch.setattr(import_time, "_nothing_inert", spy)
    rules = all_rules()
    ctx = ScanContext(rule_index(rules), {}, set())
    detector = file_scan.detect(FileJob("m.py", "py", "m"), text, ctx, prune=True)
    return sorted((f.code, f.span, f.message, f.fix, f.resolved_by, f.needs) for f in detector.findings), answers


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("filler", ["", FILLER], ids=["whole", "piecemeal"])
def test_early_answer_equals_the_whole_plan(name, filler, monkeypatch):
    expect_early, snippet = CASES[name]
    text = textwrap.dedent(snippet).lstrip() + filler
    early, answers = _findings(text, True, monkeypatch)
    whole, _ = _findings(text, False, monkeypatch)
    assert early == whole
    if expect_early is not None:
        assert any(answers) == expect_early, answers
    if name == "called_at_import":
        assert any(f[0] == "ZM461" for f in whole)  # the case has a plan: the check is not vacuous
