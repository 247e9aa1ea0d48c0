"""What reaches a ported component's field other than ``self.<field>`` (review24 G11).

The ZM409 port rewrites ``self.<field>`` to ``self.config.<field>``. Before, it left
``getattr(self, "retries", 1)`` as is (on 0.20 it silently returned the default 1 instead of the
configured value), ``tracker = self; tracker.uri`` (AttributeError), ``cls(endpoint=...)`` in a
classmethod (TypeError: 0.20's ``__init__`` takes name, id, config, ...), ``vars(self)``,
``self.__dict__`` and ``self.__fields__`` (the fields are not there): all with a *safe* port and no
TODO. Now ``getattr``/``hasattr`` with the field written out are read on ``self.config`` (the
port stays safe), the others make the port unsafe with a TODO naming them.
"""

import textwrap
import uuid

import pytest

from tests import realzenml
from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

TRACKER = textwrap.dedent(
    '''
    from zenml.experiment_trackers import BaseExperimentTracker


    class EnvTracker(BaseExperimentTracker):
        FLAVOR = "envtrack"
        endpoint: str = "http://localhost"
        retries: int = 3

        def settings(self) -> dict:
            return {"retries": getattr(self, "retries", 1), "has": hasattr(self, "endpoint"),
                    "other": getattr(self, "missing", "d")}
    '''
).lstrip()


def _port(text: str):
    found = [f for f in scan_source(text, "t.py") if f.code == "ZM409"]
    assert len(found) == 1, found
    return found[0]


def test_getattr_of_a_field_written_out_is_read_on_the_config():
    assert _port(TRACKER).fix == "safe"
    text = fix_source(TRACKER, "t.py").text
    assert 'getattr(self.config, "retries", 1), "has": hasattr(self.config, "endpoint")' in text, text
    assert 'getattr(self, "missing", "d")' in text  # no field of the class


@pytest.mark.parametrize("body, todo", [
    ("tracker = self\n        return tracker.endpoint", "`tracker.endpoint` (`tracker` is `self`)"),
    ("return vars(self)", "`vars(self)`"),
    ("return self.__dict__", "`self.__dict__`"),
    ("return list(self.__fields__)", "`self.__fields__`"),
    ("return getattr(self, name)", "`getattr(self, name)`"),
    ('setattr(self, "retries", 5)', "`setattr(self, 'retries', ...)`"),
    ('return EnvTracker(name="x", retries=5)', "`EnvTracker(retries=...)`"),
])
def test_other_ways_to_a_field_make_the_port_unsafe_with_a_todo(body, todo):
    text = TRACKER + f"\n    def other(self, name: str = 'retries'):\n        {body}\n"
    assert _port(text).fix == "unsafe"
    fixed = fix_source(text, "t.py", unsafe=True).text
    assert f"# TODO(zenml-migrate): ZM409 {todo}" in fixed, fixed


def test_cls_with_field_keywords_in_a_classmethod_makes_the_port_unsafe():
    text = TRACKER + '\n    @classmethod\n    def from_env(cls):\n        return cls(name="env", endpoint="http://x")\n'
    assert _port(text).fix == "unsafe"
    assert "# TODO(zenml-migrate): ZM409 `cls(endpoint=...)`: a ZenML 0.20 stack component is built by ZenML" in \
        fix_source(text, "t.py", unsafe=True).text
    plain = TRACKER + '\n    @classmethod\n    def named(cls):\n        return cls.__name__\n'
    assert _port(plain).fix == "safe"


@pytest.mark.real_zenml
@pytest.mark.parametrize("version", ["0.20.0", "0.20.5"])
def test_the_ported_getattr_reads_the_configured_value_on_the_real_020(tmp_path, version):
    (tmp_path / "t.py").write_text(fix_source(TRACKER, "t.py").text)
    (tmp_path / "probe.py").write_text(realzenml.built_component("t", "EnvTracker", "retries=7") + (
        "import json\nprint('RESULT ' + json.dumps(component.settings()))\n"))
    proc = realzenml.python(version, ["probe.py"], tmp_path / f"cfg-{uuid.uuid4().hex[:6]}", cwd=tmp_path)
    assert 'RESULT {"retries": 7, "has": true, "other": "d"}' in proc.stdout, proc.stdout + proc.stderr
