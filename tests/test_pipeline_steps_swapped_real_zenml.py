"""ZM251 on the real releases: a pipeline run a second time with another step class in a slot
raises ``AlreadyExistsException`` on 0.20.0 and 0.20.5 (0.13.2 records both runs), and the
scan reports that second call (tests/test_pipeline_steps_swapped.py checks the detection)."""

import pytest

from tests import realzenml
from zenml_migrate.api import scan_source

pytestmark = pytest.mark.real_zenml

VARIANTS = '''
from zenml.pipelines import pipeline
from zenml.steps import step


@step
def loader() -> int:
    return 0


@step
def tf_trainer(x: int) -> int:
    return x + 1


@step
def torch_trainer(x: int) -> int:
    return x + 2


@pipeline(enable_cache=False)
def training(load, trainer):
    trainer(load())


def main():
    training(load=loader(), trainer=tf_trainer()).run()
    training(load=loader(), trainer=torch_trainer()).run()


if __name__ == "__main__":
    try:
        main()
        print("RESULT ok")
    except Exception as e:  # noqa: BLE001
        print("RESULT", type(e).__name__)
'''


@pytest.mark.parametrize("version, result", [("0.13.2", "ok"), ("0.20.0", "AlreadyExistsException"),
                                             ("0.20.5", "AlreadyExistsException")])
def test_a_second_spec_of_one_pipeline_fails_on_0_20_only(tmp_path, version, result):
    assert [(f.code, f.span.line) for f in scan_source(VARIANTS, "variants.py") if f.code == "ZM251"] == [("ZM251", 28)]
    (tmp_path / "variants.py").write_text(VARIANTS)
    cfg = tmp_path / "cfg"
    realzenml.zenml(version, ["stack", "list"], cfg, cwd=tmp_path)
    out = realzenml.python(version, ["variants.py"], cfg, cwd=tmp_path).stdout
    assert f"RESULT {result}" in out, out
