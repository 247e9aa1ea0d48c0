"""ZM216 (held-out defect C5, repros/c5_attr_write): ``pipe.docker_configuration = DOCKER`` is
rewritten to ``pipe.configure(settings={"docker": DOCKER})``; on the real 0.20.0 and 0.20.5 the
rewritten pipeline then carries the Docker settings (the old assignment was silently ignored)."""

import json

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules.base import snippet as _c

C5 = _c(
    """
    from zenml.config.docker_configuration import DockerConfiguration
    from zenml.pipelines import BasePipeline
    from zenml.steps import BaseStep

    DOCKER = DockerConfiguration(requirements=["pandas"])


    class P(BasePipeline):
        def connect(self, s: BaseStep) -> None:
            s()


    def build(s):
        pipe = P(s=s)
        pipe.docker_configuration = DOCKER
        pipe.enable_cache = False
        return pipe
    """
)

CHECK = """
import json
import pipe
from zenml.steps import step

@step
def s() -> int:
    return 1

p = pipe.build(s())
docker = p.configuration.settings["docker"]
print(json.dumps({"requirements": docker.requirements, "cache": p.configuration.enable_cache}))
"""


def test_a_settings_attribute_write_is_a_configure_call():
    assert [f.code for f in scan_source(C5) if f.code in ("ZM214", "ZM216")] == ["ZM216"]  # a write is not a read
    fixed = fix_source(C5).text
    assert '    pipe.configure(settings={"docker": DOCKER})\n    pipe.configure(enable_cache=False)\n' in fixed
    assert scan_source(fixed) == []


def test_reading_the_attribute_is_still_zm214():
    read = C5.replace("pipe.docker_configuration = DOCKER", "print(pipe.docker_configuration)")
    assert "ZM214" in [f.code for f in scan_source(read)] and "ZM216" not in [f.code for f in scan_source(read)]


@pytest.mark.real_zenml
@pytest.mark.parametrize("version", ["0.20.0", "0.20.5"])
def test_the_rewritten_pipeline_keeps_its_docker_settings_on_zenml_020(tmp_path, version):
    from tests.realzenml import python

    (tmp_path / "pipe.py").write_text(fix_source(C5).text)
    proc = python(version, ["-c", CHECK], tmp_path / "zen", cwd=tmp_path)
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == {"requirements": ["pandas"], "cache": False}
