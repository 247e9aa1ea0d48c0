"""Keys written into a pipeline class's ``INSTANCE_CONFIGURATION`` (migrate/scan/instance_configuration.py):
0.20's ``BasePipeline.__init__`` merges the dict into its keywords and takes every key but
``enable_cache``/``settings``/``extra`` for a step (PipelineInterfaceError when the pipeline is created).
Each key is judged like that keyword of ``@pipeline`` where it is written, with no fix there (a TODO).
The real tier creates a pipeline with each key on 0.13.2 / 0.20.0 / 0.20.5: a key is flagged exactly
when 0.20 raises, and works on 0.13.2."""

import json

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules.base import snippet as c

SOURCE = c(
    """
    from zenml.pipelines import BasePipeline


    class Scoring(BasePipeline):
        INSTANCE_CONFIGURATION = {"dockerignore_file": ".dockerignore", "enable_cache": False}

        def connect(self, read, score):
            score(read())


    class ShadowScoring(Scoring):
        pass


    ShadowScoring.INSTANCE_CONFIGURATION = dict(docker_configuration=None, secrets=["gcp"])


    class Plain:
        INSTANCE_CONFIGURATION = {"requirements": ["x"]}


    Plain.INSTANCE_CONFIGURATION = {"requirements": ["y"]}
    """
)


def _found(text):
    return sorted((f.span.line, f.code) for f in scan_source(text, "scoring.py"))


def test_legacy_keys_are_reported_where_written():
    assert _found(SOURCE) == [(5, "ZM205"), (15, "ZM204"), (15, "ZM206")]
    assert all(f.fix is None for f in scan_source(SOURCE, "scoring.py"))


def test_fix_writes_todos_the_rescan_agrees_with():
    for unsafe in (False, True):
        fixed = fix_source(SOURCE, unsafe=unsafe)
        assert sum("TODO(zenml-migrate)" in line for line in fixed.text.splitlines()) == 3
        assert "INSTANCE_CONFIGURATION = {\"dockerignore_file\"" in fixed.text  # the dict itself is left as written
        assert sorted(code for _, code in _found(fixed.text)) == ["ZM204", "ZM205", "ZM206"]


KEYS = {
    "required_integrations": ["sklearn"],
    "requirements": ["torch"],
    "dockerignore_file": ".dockerignore",
    "secrets": [],
    "docker_configuration": None,
    "enable_cache": False,
}
PROBE = """
import json, sys
from zenml.pipelines import BasePipeline
from zenml.steps import step


@step
def one() -> int:
    return 1


failed = []
for key, value in json.loads(sys.argv[1]).items():
    cls = type("P_" + key, (BasePipeline,), {"connect": lambda self, s: s(), "INSTANCE_CONFIGURATION": {key: value}})
    try:
        cls(one())
    except Exception as e:
        failed.append(key)
print("RESULT " + json.dumps(failed))
"""


@pytest.mark.real_zenml
@pytest.mark.parametrize("version", ["0.13.2", "0.20.0", "0.20.5"])
def test_a_key_is_flagged_exactly_when_0_20_raises(version, tmp_path):
    from tests.realzenml import python

    text = "from zenml.pipelines import BasePipeline\n\n\nclass P(BasePipeline):\n    INSTANCE_CONFIGURATION = {\n"
    text += "".join(f"        {json.dumps(k)}: {v!r},\n" for k, v in KEYS.items()) + "    }\n"
    flagged = [list(KEYS)[f.span.line - 6] for f in scan_source(text, "p.py")]
    (tmp_path / "probe.py").write_text(PROBE)
    proc = python(version, ["probe.py", json.dumps(KEYS)], tmp_path / "config", cwd=tmp_path)
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))
    failed = json.loads(line[len("RESULT "):])
    if version == "0.13.2":
        assert failed == []
    else:
        assert sorted(failed) == sorted(flagged)
    assert len(flagged) == 5  # not a vacuous comparison
