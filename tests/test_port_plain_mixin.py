"""A class of another project module mixed into a component class (port27's open item).

``teamkit/logs.py`` holds ``LogMixin``, a class of its own (no zenml import, no bases) whose
methods use ``self`` only for ``self.<member>`` and ``type(self)``; ``teamkit/store.py`` mixes it
into a 0.13.2 component with fields. Before, the port of ``TeamStore`` carried a TODO ("no port
facts" for ``LogMixin``) and so needed ``--unsafe-fixes``: the mixin reads no field, so the port is
safe. A mixin that hands ``self`` on, writes to it or has bases of its own keeps the TODO.

A mixin module big enough for the scan to walk only the statements that matter
(``file_scan.prune_module``) dropped the mixin class: its ``self.team`` read was lost (the TODO
said the class reads no field). The class another module mixes in is walked now.
The real-ZenML side: tests/test_port_plain_mixin_real_zenml.py.
"""

from tests.test_component_port_cross_module import _code, _missing_imports, _project

MIXIN = '''\
import logging


class LogMixin:
    """Adds a logger."""

    def log(self, message: str) -> str:
        logging.getLogger(type(self).__name__).debug(message)
        return f"[{self.prefix()}] {message}"

    def prefix(self) -> str:
        return "team"
'''

STORE = '''\
from zenml.artifact_stores import LocalArtifactStore

from teamkit.logs import LogMixin


class TeamStore(LogMixin, LocalArtifactStore):
    FLAVOR = "team_store"

    team: str = "ml"

    def describe(self) -> str:
        return self.log(f"{self.team}@{self.path}")
'''

FILES = {"teamkit/__init__.py": "", "teamkit/logs.py": MIXIN, "teamkit/store.py": STORE}
NO_FACTS = "whose class this run has no port facts for"


def test_a_plain_mixin_of_another_module_leaves_the_port_safe(tmp_path):
    root = _project(tmp_path, FILES)
    proc = _code(root)  # the safe level
    text = (root / "teamkit" / "store.py").read_text()
    assert "fixed 1 file: ZM409 x1" in proc.stderr and "TODO" not in proc.stderr + text, proc.stderr
    assert "class TeamStoreConfig(LocalArtifactStoreConfig):" in text
    assert 'return self.log(f"{self.config.team}@{self.config.path}")' in text
    assert (root / "teamkit" / "logs.py").read_text() == MIXIN
    assert _missing_imports(root) == []


def test_a_mixin_that_hands_self_on_writes_it_or_has_bases_keeps_the_todo(tmp_path):
    cases = {
        "returned": MIXIN.replace('return "team"', "return describe_of(self)") + "\n\ndef describe_of(obj):\n    return obj.team\n",
        "written": MIXIN.replace('return "team"', 'self.last = "team"\n        return self.last'),
        "based": MIXIN.replace("class LogMixin:", "class LogMixin(Base):").replace("import logging\n", "import logging\n\nfrom teamkit.base import Base\n"),
    }
    for name, mixin in cases.items():
        root = _project(tmp_path / name, {**FILES, "teamkit/logs.py": mixin, "teamkit/base.py": "class Base:\n    pass\n"})
        proc = _code(root)
        assert "left for a human: 1 finding (ZM409 x1)" in proc.stderr and "an unsafe fix" in proc.stderr, (name, proc.stderr)
        proc = _code(root, "--unsafe-fixes")
        text = (root / "teamkit" / "store.py").read_text()
        assert f"# TODO(zenml-migrate): ZM409 `LogMixin` is a name of `teamkit.logs` {NO_FACTS}" in text, name


def test_the_mixin_class_of_a_big_module_is_walked_for_its_reads(tmp_path):
    helpers = "".join(f"\n\ndef helper_{i}(x):\n    return x * {i}\n" for i in range(14))
    mixin = "import logging\n" + helpers + '\n\nclass LogMixin:\n    def log(self, message):\n        return f"{self.team}: {message}"\n'
    root = _project(tmp_path, {**FILES, "teamkit/logs.py": mixin})
    proc = _code(root, "--unsafe-fixes")
    text = (root / "teamkit" / "store.py").read_text()
    assert NO_FACTS not in text + proc.stderr
    # the read is seen: the port forwards the field to the mixin (before port30: a TODO "`LogMixin` reads `self.team`")
    assert "    @property\n    def team(self):\n" in text and "TODO" not in text
