"""ZM442: an empty abstract base class of ZenML 0.5-0.12 (the "standard interfaces"
``BaseTrainerStep``/``BaseTrainerConfig``, ``BaseSplitStep``, ``BasePreprocessorStep``,
``BaseEvaluatorStep`` and the visualizer bases ``BaseStepVisualizer``...), gone since 0.13,
becomes the class it only narrowed: ``BaseStep``, ``BaseParameters``, ``BaseVisualizer``.

Data: ``rules/data/legacy_bases.json``, generated from the real 0.5.0-0.12.0 wheels by
``scripts/build_legacy_bases.py`` (classes whose body is a docstring and abstract methods).
"""

from functools import lru_cache
from typing import Tuple

from zenml_migrate.rules.base import Bad, Fix, Good, Rule, renaming, snippet as _c
from zenml_migrate.scan.data_files import rules_data


@lru_cache(maxsize=None)
def _renames() -> Tuple[Tuple[str, str], ...]:
    bases = rules_data("legacy_bases.json")["bases"]
    return tuple((old, f"{module}.{name}") for old, (_, _, module, name) in sorted(bases.items()))


RENAMES = _renames()

ZM442 = Rule(
    code="ZM442",
    name="legacy-abstract-base",
    message="This ZenML 0.5-0.12 base class only narrowed a zenml base (a docstring and abstract methods): "
    "subclass that base in ZenML 0.20 (`BaseStep`, `BaseParameters`, `BaseVisualizer`)",
    why=(
        "ZenML 0.5-0.12 shipped empty abstract subclasses ('standard interfaces' such as `BaseTrainerStep(BaseStep)` "
        "and `BaseTrainerConfig(BaseStepConfig)`, visualizer bases such as `BaseStepVisualizer(BaseVisualizer)`); "
        "0.13 removed them (ImportError on 0.13.2 and 0.20). A user class that subclasses one behaves the same "
        "when it subclasses the base directly. Data generated from the real 0.5.0-0.12.0 wheels."
    ),
    instead="Subclass `zenml.steps.BaseStep`, `zenml.steps.BaseParameters` or `zenml.visualizers.BaseVisualizer`.",
    fix=Fix.SAFE,
    fix_note="Safe: the old class added nothing but a docstring and an abstract signature to the base it is replaced by.",
    **renaming(RENAMES),
    bad=(
        Bad(
            _c(
                """
                from zenml.steps.step_interfaces.base_trainer_step import BaseTrainerConfig, BaseTrainerStep


                class TrainerConfig(BaseTrainerConfig):
                    epochs: int = 3


                class Trainer(BaseTrainerStep):
                    def entrypoint(self, x: int, config: TrainerConfig) -> int:
                        return x * config.epochs
                """
            ),
            fixed=_c(
                """
                from zenml.steps import BaseParameters, BaseStep


                class TrainerConfig(BaseParameters):
                    epochs: int = 3


                class Trainer(BaseStep):
                    def entrypoint(self, x: int, config: TrainerConfig) -> int:
                        return x * config.epochs
                """
            ),
            count=4,
        ),
        Bad(
            _c(
                """
                from zenml.visualizers import BaseStepVisualizer


                class Printer(BaseStepVisualizer):
                    def visualize(self, object, *args, **kwargs) -> None:
                        print(object.name)
                """
            ),
            fixed=_c(
                """
                from zenml.visualizers import BaseVisualizer


                class Printer(BaseVisualizer):
                    def visualize(self, object, *args, **kwargs) -> None:
                        print(object.name)
                """
            ),
            count=2,
        ),
        Bad(  # two legacy lines renamed alike: one import line is left, not the same line twice (the
            # second line's comment stays, above the next statement)
            _c(
                """
                from zenml.steps.step_interfaces.base_trainer_step import BaseTrainerStep
                # the splitter and the config
                from zenml.steps.step_interfaces.base_split_step import BaseSplitStep, BaseSplitStepConfig


                class TrainerConfig(BaseSplitStepConfig):
                    epochs: int = 3


                class Trainer(BaseTrainerStep):
                    def entrypoint(self, x: int, config: TrainerConfig) -> int:
                        return x * config.epochs


                class Splitter(BaseSplitStep):
                    def entrypoint(self, x: int) -> int:
                        return x
                """
            ),
            fixed=_c(
                """
                from zenml.steps import BaseStep
                # the splitter and the config
                from zenml.steps import BaseParameters


                class TrainerConfig(BaseParameters):
                    epochs: int = 3


                class Trainer(BaseStep):
                    def entrypoint(self, x: int, config: TrainerConfig) -> int:
                        return x * config.epochs


                class Splitter(BaseStep):
                    def entrypoint(self, x: int) -> int:
                        return x
                """
            ),
            count=6,
        ),
    ),
    good=(
        Good("from zenml.steps import BaseParameters, BaseStep\n\n\nclass T(BaseStep):\n    pass\n"),
        Good("from zenml.visualizers import BaseVisualizer\n"),
        # a 0.13 step interface that 0.20 still has: ZM102 renames its config, not this rule
        Good("from zenml.steps.step_interfaces.base_datasource_step import BaseDatasourceStep\n"),
    ),
)
