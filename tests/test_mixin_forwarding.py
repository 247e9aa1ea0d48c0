"""A plain class of another module (or of the same module, mixed into classes the run does not all
port) reads a config field of the component it is mixed into as ``self.<field>`` (port28's
/tmp/port28/mixsmall, port29's "still open"). Before, the ZM409 port wrote a TODO on the class
("`TeamMixin` reads `self.team`..."), so it needed --unsafe-fixes, and after it the re-scan found a
ZM004 in the mixin (the class no longer declared ``team``) that the first run had not counted:
tests/claims.py counted 4 false claims, and a second --unsafe-fixes wrote a TODO in the mixin.

Now the port forwards the field: ``@property def team(self): return self.config.team`` in the
implementation, so the mixin's ``self.team`` reads the config on ZenML 0.20, the port is safe, and
the answer does not depend on the fix level. A field the 0.20 implementation class already has
a member of that name for (``path`` of ``LocalArtifactStore``) is not forwarded: the TODO stays.
The real-ZenML side: tests/test_mixin_forwarding_real_zenml.py."""

from tests import claims
from tests.test_component_port_cross_module import _code, _missing_imports, _project

STORE = '''\
from zenml.artifact_stores import LocalArtifactStore

from team.util import TeamMixin


class TeamStore(TeamMixin, LocalArtifactStore):
    FLAVOR = "team_store"
    team: str = "ops"
'''

MIXIN = '''\
class TeamMixin:
    def label(self):
        return f"{self.team}!"
'''

FILES = {"team/store.py": STORE, "team/util.py": MIXIN}
FORWARD = '''    @property
    def team(self):
        """The `team` config field, which a mixin reads as `self.team`."""
        return self.config.team
'''


def test_a_field_a_mixin_of_another_module_reads_is_forwarded_at_the_safe_level(tmp_path):
    root = _project(tmp_path, FILES)
    proc = _code(root)
    text = (root / "team/store.py").read_text()
    assert "fixed 1 file: ZM409 x1" in proc.stderr and "TODO" not in proc.stderr + text, proc.stderr
    assert "class TeamStoreConfig(LocalArtifactStoreConfig):" in text and FORWARD in text
    assert (root / "team/util.py").read_text() == MIXIN
    assert not _missing_imports(root)
    again = _code(root, "--unsafe-fixes")
    assert "nothing to rewrite" in again.stderr or "No ZenML" in again.stderr, again.stderr


def test_every_claim_is_true_at_both_fix_levels(tmp_path):
    """tests/claims.py runs scan, --fix, --unsafe-fixes, the re-scans and a second run (4 false before)."""
    root = _project(tmp_path, FILES)
    problems = claims.check_tree(str(root), str(tmp_path / "work"))
    assert not problems, "\n".join(problems)


def test_a_mixin_of_the_same_module_mixed_into_a_class_the_run_does_not_port(tmp_path):
    """The mixin cannot be rewritten (`self.config.team` would break the plain class): forwarded."""
    both = STORE.replace("from team.util import TeamMixin\n", MIXIN) + '''

class Report(TeamMixin):
    team = "docs"
'''
    root = _project(tmp_path, {"team/store.py": both})
    proc = _code(root)
    text = (root / "team/store.py").read_text()
    assert "fixed 1 file: ZM409 x1" in proc.stderr and "TODO" not in text, proc.stderr
    assert FORWARD in text and 'return f"{self.team}!"' in text


def test_a_field_the_020_class_has_a_member_for_keeps_the_todo(tmp_path):
    """``path``: 0.20's LocalArtifactStore has a ``path`` property; a property of the port would hide it."""
    mixin = MIXIN.replace("{self.team}!", "{self.team}@{self.path}")
    store = STORE.replace('team: str = "ops"', 'team: str = "ops"\n    path: str = "/tmp/team"')
    root = _project(tmp_path, {"team/store.py": store, "team/util.py": mixin})
    proc = _code(root)
    assert "left for a human: 1 finding (ZM409 x1)" in proc.stderr and "an unsafe fix" in proc.stderr, proc.stderr
    _code(root, "--unsafe-fixes")
    text = (root / "team/store.py").read_text()
    assert "# TODO(zenml-migrate): ZM409 `TeamMixin` reads `self.path`: config fields" in text
    assert FORWARD in text and "def path(self)" not in text


def test_a_field_the_class_assigns_is_not_forwarded(tmp_path):
    """``self.team = team`` in a method: a property without a setter would raise AttributeError there."""
    store = STORE + "\n    def switch(self, team):\n        self.team = team\n"
    root = _project(tmp_path, {"team/store.py": store, "team/util.py": MIXIN})
    _code(root, "--unsafe-fixes")
    text = (root / "team/store.py").read_text()
    assert "# TODO(zenml-migrate): ZM409 `TeamMixin` reads `self.team`: config fields" in text
    assert "def team(self)" not in text
