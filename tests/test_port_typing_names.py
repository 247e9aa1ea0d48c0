"""The ZM409 port spells ``typing`` names (``cast`` in the ``config`` property, ``Type`` in the
Flavor's ``config_class``): it added ``from typing import Type, cast`` even when the module binds
those names itself (review24 G14). With a user ``class Type`` the module failed to import on
0.20.5 (``'type' object is not subscriptable``); with a user ``cast`` helper every ``self.config``
read called it (TypeError). A name the module binds is imported as ``typing_<name>``."""

import textwrap
import uuid

import pytest

from tests import realzenml
from zenml_migrate.fix.fixer import fix_source

TRACKER = textwrap.dedent(
    '''
    from zenml.experiment_trackers import BaseExperimentTracker


    def cast(value: str) -> int:
        """The project's own conversion helper."""
        return int(value)


    class Type:
        """A domain class that happens to be called Type."""


    class CastTracker(BaseExperimentTracker):
        FLAVOR = "cast"
        level: str = "3"

        def level_int(self) -> int:
            return cast(self.level)
    '''
).lstrip()


def test_a_typing_name_the_module_binds_is_imported_under_another_name():
    result = fix_source(TRACKER, "tracker.py")
    assert result.error is None, result.error
    text = result.text
    assert text.startswith("from typing import Type as typing_Type, cast as typing_cast\n"), text
    assert "return typing_cast(CastTrackerConfig, self._config)" in text
    assert "def config_class(self) -> typing_Type[CastTrackerConfig]:" in text
    assert "return cast(self.config.level)" in text  # the user's helper, still theirs


@pytest.mark.real_zenml
@pytest.mark.parametrize("version", ["0.20.0", "0.20.5"])
def test_the_ported_module_imports_and_runs_on_the_real_020(tmp_path, version):
    (tmp_path / "tracker.py").write_text(fix_source(TRACKER, "tracker.py").text)
    (tmp_path / "probe.py").write_text(
        "import datetime, json, sys, uuid\nsys.path.insert(0, '.')\nimport tracker as m\n"
        "f = m.CastTrackerFlavor()\nnow = datetime.datetime.now()\n"
        "t = f.implementation_class(name='a', id=uuid.uuid4(), config=f.config_class(), flavor=f.name, type=f.type,\n"
        "                           user=uuid.uuid4(), project=uuid.uuid4(), created=now, updated=now)\n"
        "print('RESULT ' + json.dumps([t.level_int(), m.cast('5'), isinstance(m.Type(), m.Type)]))\n"
    )
    proc = realzenml.python(version, ["probe.py"], tmp_path / f"cfg-{uuid.uuid4().hex[:6]}", cwd=tmp_path)
    assert "RESULT [3, 5, true]" in proc.stdout, proc.stdout + proc.stderr


PRIVATE_CONFIG = textwrap.dedent(
    '''
    from typing import Any, Dict

    from pydantic import PrivateAttr
    from zenml.experiment_trackers import BaseExperimentTracker


    class CfgTracker(BaseExperimentTracker):
        FLAVOR = "cfg"
        endpoint: str = "http://tracking"
        _config: Dict[str, Any] = PrivateAttr(default_factory=dict)

        def remember(self, key: str, value: Any) -> None:
            self._config[key] = value
    '''
).lstrip()


def test_an_attribute_zenml_020_sets_itself_makes_the_port_unsafe():
    """review24 G15: a 0.13.2 tracker's own ``_config`` cache was kept by the safe port and set
    after ``super().__init__``, overwriting the config ZenML 0.20 keeps there (``t.config.endpoint``:
    AttributeError on the real 0.20.5). The port is unsafe now, with a TODO naming the clash."""
    from zenml_migrate.api import scan_source

    port = [f for f in scan_source(PRIVATE_CONFIG, "t.py") if f.code == "ZM409"]
    assert len(port) == 1 and port[0].fix == "unsafe", port
    text = fix_source(PRIVATE_CONFIG, "t.py", unsafe=True).text
    assert "`self._config`: ZenML 0.20's `StackComponent.__init__` sets it" in text, text
    assert "CfgTrackerConfig" not in fix_source(PRIVATE_CONFIG, "t.py").text  # --fix alone does not port it


FIELD_NAMED_PROJECT = textwrap.dedent(
    '''
    from zenml.container_registries import BaseContainerRegistry


    class HarborRegistry(BaseContainerRegistry):
        project: str

        FLAVOR = "harbor"

        @property
        def registry_path(self) -> str:
            return f"{self.uri}/{self.project}"
    '''
)


def test_a_config_field_named_like_a_020_attribute_is_no_clash():
    """A body field the port moves into the config (``project: str``, read as ``self.config.project``
    after the port) does not overwrite ZenML 0.20's ``self.project``: the port stays safe (the CI
    failure of session 24: nimbus_platform's Harbor registry lost its safe port)."""
    from zenml_migrate.api import scan_source

    port = [f for f in scan_source(FIELD_NAMED_PROJECT, "r.py") if f.code == "ZM409"]
    assert len(port) == 1 and port[0].fix == "safe", port
    text = fix_source(FIELD_NAMED_PROJECT, "r.py").text
    assert "class HarborRegistryConfig(" in text and "self.config.project" in text, text
    assert "TODO(zenml-migrate)" not in text, text
