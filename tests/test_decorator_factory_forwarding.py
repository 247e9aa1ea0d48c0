"""A team's own decorator factory around ``@step``: ``def kit_step(name=None, **kwargs): def
wrapper(func): return step(name=name, **kwargs)(func); return wrapper``. Its ``**kwargs`` reach
zenml's ``step`` when the returned decorator runs, so ``@kit_step("t", custom_step_operator="x")``
raises TypeError at import on the real 0.20.0/0.20.5 (``step() got an unexpected keyword argument
'custom_step_operator'``): the keyword is judged where the factory is called, as for ``def
my_step(**kw): return step(**kw)`` (splat_keywords.forwarding_value), in the same module and in
the modules that import the factory. The same for a method of a team's registry class
(``@TEAM_STEPS.register("t", custom_step_operator="x")``, ``TEAM_STEPS = StepRegistry()``): in the
module of the class, and where the instance or the class is imported (through re-exports)."""

import textwrap
from pathlib import Path

import pytest

from tests.realzenml import PROBE_EACH_MODULE
from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules import all_rules
from zenml_migrate.scan.engine import ScanSettings, run_scan


def _src(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


FACTORY = _src(
    """
    from zenml.steps import step as zenml_step

    REGISTRY = {}


    def kit_step(name=None, **kwargs):
        def wrapper(func):
            made = zenml_step(name=name or func.__name__, **kwargs)(func)
            REGISTRY[made.__name__] = made
            return made

        return wrapper
    """
)

USE = _src(
    """
    @kit_step("train", custom_step_operator="sagemaker")
    def train() -> int:
        return 1
    """
)


def test_a_keyword_given_to_a_decorator_factory_is_judged_at_the_call():
    text = FACTORY + "\n\n" + USE
    found = [(f.span.line, f.code, f.fix) for f in scan_source(text, "kit.py")]
    line = text.splitlines().index('@kit_step("train", custom_step_operator="sagemaker")') + 1
    assert found == [(line, "ZM201", "safe")]
    fixed = fix_source(text, "kit.py").text
    assert '@kit_step("train", step_operator="sagemaker")' in fixed
    assert "zenml_step(name=name or func.__name__, **kwargs)(func)" in fixed


def test_a_keyword_given_to_an_imported_decorator_factory_is_judged(tmp_path: Path, monkeypatch):
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "__init__.py").write_text("from kit.reg import kit_step\n")
    (tmp_path / "kit" / "reg.py").write_text(FACTORY)
    (tmp_path / "jobs.py").write_text("from kit import kit_step\n\n\n" + USE)
    monkeypatch.chdir(tmp_path)
    report = run_scan(["."], ScanSettings(rules=all_rules(), workers=1))
    assert [(f.path.replace("\\", "/"), f.span.line, f.code) for f in report.findings] == [("jobs.py", 4, "ZM201")]


def test_a_factory_whose_decorator_does_not_give_its_kwargs_to_zenml_is_not_judged():
    text = _src(
        """
        from zenml.steps import step


        def logged(**kwargs):
            def wrapper(func):
                print(kwargs)
                return step(func)

            return wrapper


        def rebinding(**kwargs):
            def wrapper(func):
                kwargs = {}
                return step(**kwargs)(func)

            return wrapper


        @logged(custom_step_operator="x")
        def a() -> int:
            return 1


        @rebinding(custom_step_operator="x")
        def b() -> int:
            return 1
        """
    )
    assert [f.code for f in scan_source(text, "kit.py")] == []


REGISTRY = _src(
    """
    from typing import Callable, Dict

    from zenml.steps import step


    class StepRegistry:
        def __init__(self) -> None:
            self.steps: Dict[str, object] = {}

        def register(self, name: str = None, **step_kwargs) -> Callable:
            def deco(func):
                made = step(name=name or func.__name__, **step_kwargs)(func)
                self.steps[made.__name__] = made
                return made

            return deco


    TEAM_STEPS = StepRegistry()
    """
)


def test_a_keyword_given_to_a_registry_method_of_this_module_is_judged():
    text = REGISTRY + _src(
        """


        @TEAM_STEPS.register("score", custom_step_operator="vertex")
        def score() -> int:
            return 1
        """
    )
    assert [(f.code, f.fix) for f in scan_source(text, "reg.py")] == [("ZM201", "safe")]
    assert '@TEAM_STEPS.register("score", step_operator="vertex")' in fix_source(text, "reg.py").text


def test_a_keyword_given_to_an_imported_registry_method_is_judged(tmp_path: Path, monkeypatch):
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "__init__.py").write_text("from kit.core import *  # noqa\n")
    (tmp_path / "kit" / "core.py").write_text("from kit.reg import StepRegistry, TEAM_STEPS\n")
    (tmp_path / "kit" / "reg.py").write_text(REGISTRY)
    (tmp_path / "jobs.py").write_text(_src(
        """
        from kit import TEAM_STEPS, StepRegistry

        local = StepRegistry()


        @TEAM_STEPS.register("score", custom_step_operator="vertex")
        def score() -> int:
            return 1


        @local.register(custom_step_operator="sagemaker")
        def train() -> int:
            return 1


        @local.steps(custom_step_operator="x")  # an attribute, no method of the class: not judged
        def other() -> int:
            return 1
        """
    ))
    monkeypatch.chdir(tmp_path)
    report = run_scan(["."], ScanSettings(rules=all_rules(), workers=1))
    assert [(f.path.replace("\\", "/"), f.span.line, f.code) for f in report.findings] == [("jobs.py", 6, "ZM201"), ("jobs.py", 11, "ZM201")]


LAMBDA = _src(
    """
    from zenml.steps import step

    kit_step = lambda **kw: step(**kw)


    @kit_step(custom_step_operator="sagemaker")
    def train() -> int:
        return 1
    """
)

PARTIAL_PIPELINE = _src(
    """
    import functools

    from zenml.pipelines import pipeline
    from zenml.steps import step


    def kit_pipeline(**kwargs):
        kwargs.setdefault("enable_cache", False)
        return functools.partial(pipeline, **kwargs)()


    @step
    def train() -> int:
        return 1


    @kit_pipeline(required_integrations=["sklearn"])
    def training(train):
        train()
    """
)


def test_a_keyword_given_to_a_lambda_or_to_a_factory_returning_a_called_partial_is_judged():
    """``kit_step = lambda **kw: step(**kw)`` and ``def kit_pipeline(**kw): return
    functools.partial(pipeline, **kw)()`` give their keywords to zenml's decorator (redteam25's m5
    and m2 use_cross repros): TypeError at import on 0.20, now judged at the call and fixed there."""
    for text, spelled, fixed_text in (
        (LAMBDA, '@kit_step(custom_step_operator="sagemaker")', '@kit_step(step_operator="sagemaker")'),
        (PARTIAL_PIPELINE, '@kit_pipeline(required_integrations=["sklearn"])',
         '@kit_pipeline(settings={"docker": DockerSettings(required_integrations=["sklearn"])})'),
    ):
        found = [(f.span.line, f.code, f.fix) for f in scan_source(text, "kit.py")]
        assert found == [(text.splitlines().index(spelled) + 1, "ZM201" if "step_operator" in spelled else "ZM205", "safe")], found
        assert fixed_text in fix_source(text, "kit.py").text


PROBE = '''
import importlib, json, sys

''' + PROBE_EACH_MODULE + '''
    made = module.train()
    config = getattr(made, "configuration", None)
    got["step_operator"] = getattr(config, "step_operator", None) if config is not None else made.custom_step_operator
    facts[name] = got
print("RESULT " + json.dumps(facts, sort_keys=True))
'''


@pytest.mark.real_zenml
def test_the_fixed_factory_call_imports_on_the_real_020_with_its_step_operator(tmp_path):
    from tests.realzenml import old_and_fixed_project, probe_facts

    registry_use = REGISTRY + "\n\n" + USE.replace('@kit_step("train", ', '@TEAM_STEPS.register("train", ')
    modules = {"kit": FACTORY + "\n\n" + USE, "reg": registry_use, "lam": LAMBDA, "part": PARTIAL_PIPELINE}
    root = old_and_fixed_project(tmp_path / "project", modules, PROBE)
    old = probe_facts("0.13.2", root, ["old_kit", "old_reg", "old_lam", "old_part"], tmp_path / "cfg-0132")
    assert old == {"old_kit": {"step_operator": "sagemaker"}, "old_reg": {"step_operator": "sagemaker"},
                   "old_lam": {"step_operator": "sagemaker"}, "old_part": {"step_operator": None}}, old
    for version in ("0.20.0", "0.20.5"):
        names = [f"{kind}_{m}" for m in modules for kind in ("old", "fixed")]
        facts = probe_facts(version, root, names, tmp_path / f"cfg-{version}")
        assert facts == {
            "old_kit": "TypeError", "fixed_kit": {"step_operator": "sagemaker"},
            "old_reg": "TypeError", "fixed_reg": {"step_operator": "sagemaker"},
            "old_lam": "TypeError", "fixed_lam": {"step_operator": "sagemaker"},
            "old_part": "TypeError", "fixed_part": {"step_operator": None},
        }, (version, facts)
