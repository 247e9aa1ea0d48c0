"""ZM251: one pipeline built with another step class in a slot. ZenML 0.20 registers a pipeline
name with the step classes of its first run; a run with other steps raises
``AlreadyExistsException`` (heldout121 step_factories: variants of one pipeline swapping the
transform/reduce steps; repros/r3_swapped_steps). The real releases are checked in
tests/test_pipeline_steps_swapped_real_zenml.py."""

import textwrap

from zenml_migrate.api import scan_source

HEAD = '''
import os

from zenml.pipelines import pipeline
from zenml.steps import BaseStepConfig, step


class Cfg(BaseStepConfig):
    lr: float = 0.1


@step
def loader() -> int:
    return 0


@step
def tf_trainer(config: Cfg) -> int:
    return 1


@step
def torch_trainer() -> int:
    return 2


def make_trainer(n):
    return tf_trainer


@pipeline
def training(load, trainer):
    load()
    trainer()


@pipeline
def tuning(load, trainer):
    load()
    trainer()
'''


def _lines(body: str):
    code = textwrap.dedent(HEAD) + textwrap.dedent(body)
    offset = len(textwrap.dedent(HEAD).splitlines())
    return [f.span.line - offset for f in scan_source(code, "variants.py") if f.code == "ZM251"]


def test_a_second_call_swapping_a_step_class_is_reported_on_its_argument():
    assert _lines('''
        training(load=loader(), trainer=tf_trainer(Cfg(lr=0.1))).run()
        training(load=loader(), trainer=tf_trainer(config=Cfg(lr=0.2))).run()
        training(load=loader(), trainer=torch_trainer()).run()
        training(loader(), torch_trainer()).run()
        tuning(load=loader(), trainer=torch_trainer()).run()
        ''') == [4]


def test_a_conditional_expression_choosing_the_class_is_two_specs():
    assert _lines('''
        def main():
            training(loader(), tf_trainer() if os.getenv("TF") else torch_trainer()).run()
            training(loader(), tf_trainer() if os.getenv("TF") else tf_trainer()).run()
        ''') == [3]


def test_a_loop_over_step_classes_builds_one_spec_per_class():
    assert _lines('''
        TRAINERS = {"tf": tf_trainer, "torch": torch_trainer}


        def sweep():
            for name, trainer in TRAINERS.items():
                training(load=loader(), trainer=trainer()).run(run_name=name)


        def again():
            for t in (tf_trainer, torch_trainer):
                tuning(loader(), t()).run()
            for t in [loader, loader]:
                tuning(t(), torch_trainer()).run()
        ''') == [7, 12]


def test_what_is_not_a_class_named_directly_is_not_compared():
    """A factory's step (``make_trainer(1)()``), a name the file does not know as a step class and
    a ``*args`` splat say nothing about the class: no finding."""
    assert _lines('''
        training(load=loader(), trainer=tf_trainer()).run()
        training(load=loader(), trainer=make_trainer(1)()).run()
        training(load=loader(), trainer=other()).run()
        training(*[loader(), torch_trainer()]).run()
        ''') == []
