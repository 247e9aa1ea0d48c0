"""A component class subclassed in another module through its package's re-export (port26's open item).

``teamkit/stores.py`` defines ``TeamStore`` (a 0.13.2 component with fields), ``teamkit/__init__.py``
re-exports it, and ``audit.py`` subclasses it as ``from teamkit import TeamStore``. Before, the
subclass's port said "`TeamStore` comes from a module this run did not read" (false: the run read and
ported it), derived its Config from the zenml base (the base's fields then fail validation on 0.20:
"extra fields not permitted") and left ``self.team`` for a human. The port now follows the
re-export (``component_port.VIA``) to the defining module and imports ``TeamStoreConfig`` and
``TeamStoreFlavor`` from there. Where a name of a module the run read cannot be followed to a
class (bound in a ``try``/``except``), the TODO says that, not that the module was not read; a
plain class of a read module that reads no field is no TODO at all. The real-ZenML side:
tests/test_port_reexported_base_real_zenml.py.
"""

import ast

from tests.test_component_port_cross_module import _code, _missing_imports, _project

STORE = '''\
from zenml.artifact_stores import LocalArtifactStore


class TeamStore(LocalArtifactStore):
    FLAVOR = "team_store"

    team: str = "ml"
    quota_mb: int = 512

    def describe(self) -> str:
        return f"{self.team}:{self.quota_mb}"
'''

AUDIT = '''\
from teamkit import TeamStore


class AuditedStore(TeamStore):
    FLAVOR = "audited_store"

    audit_level: int = 2

    def audit(self) -> str:
        return f"{self.describe()} audit={self.audit_level} team={self.team}"
'''

FILES = {"teamkit/__init__.py": "from .stores import TeamStore\n", "teamkit/stores.py": STORE, "audit.py": AUDIT}


def _class_bases(text: str, name: str):
    cls = next(n for n in ast.parse(text).body if isinstance(n, ast.ClassDef) and n.name == name)
    return [ast.unparse(b) for b in cls.bases]


def _check_ported(root, audit="audit.py"):
    text = (root / audit).read_text()
    assert "TODO" not in text and "did not read" not in text
    assert "from teamkit.stores import TeamStoreConfig, TeamStoreFlavor" in text
    assert _class_bases(text, "AuditedStoreConfig") == ["TeamStoreConfig"]
    assert _class_bases(text, "AuditedStoreFlavor") == ["TeamStoreFlavor"]
    assert "team={self.config.team}" in text and "audit={self.config.audit_level}" in text
    assert _missing_imports(root) == []


def test_the_subclass_of_a_re_exported_class_is_ported_safely_on_the_defining_module_s_config(tmp_path):
    root = _project(tmp_path, FILES)
    proc = _code(root)  # the safe level: no --unsafe-fixes
    assert "fixed 2 files: ZM409 x2" in proc.stderr and "TODO" not in proc.stderr, proc.stderr
    _check_ported(root)


def test_the_package_imported_as_a_module_and_a_chain_of_re_exports(tmp_path):
    files = {**FILES, "facade/__init__.py": "from teamkit import TeamStore\n",
             "audit.py": AUDIT.replace("from teamkit import TeamStore", "import facade").replace("(TeamStore)", "(facade.TeamStore)"),
             "audit2.py": AUDIT.replace("from teamkit", "from facade")}
    root = _project(tmp_path, files)
    _code(root)
    _check_ported(root)
    _check_ported(root, "audit2.py")


def test_a_name_of_a_read_module_that_cannot_be_followed_says_so(tmp_path):
    """``try: from .stores import TeamStore`` / ``except ImportError: TeamStore = None``: two
    bindings, so the run does not know which class it is; the TODO names the module and does
    not say the run did not read it."""
    init = "try:\n    from .stores import TeamStore\nexcept ImportError:\n    TeamStore = None\n"
    root = _project(tmp_path, {**FILES, "teamkit/__init__.py": init})
    proc = _code(root, "--unsafe-fixes")
    text = (root / "audit.py").read_text()
    assert "did not read" not in text + proc.stderr
    assert "# TODO(zenml-migrate): ZM409 `TeamStore` is a name of `teamkit` whose class this run has no port facts for" in text
    assert "does not import zenml" not in text
