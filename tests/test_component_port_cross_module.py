"""ZM409 across modules: a component's base class, or a mixin, in another module of the project.

The invariant: a port never imports a name that its module does not define after the same
run (the fixed module would not import: a module made worse). A base class with fields is
ported in its own module (``<Base>Config``, no Flavor without ``FLAVOR``), and a subclass
elsewhere builds on it only when that port is written in the same run; otherwise the subclass
keeps its finding (and TODO), or, when the base's fields cannot be known, derives from the
type's Config with a TODO that says what to check.
"""

import ast
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Dict

BASE = '''\
from typing import Optional

from zenml.orchestrators import BaseOrchestrator


class TeamBase(BaseOrchestrator):
    """Shared base: fields, no flavor."""

    namespace: str = "default"
    owner: Optional[str] = None

    def prefix(self, run: str) -> str:
        return f"{self.namespace}/{run}"
'''

SUB = '''\
from typing import Any

from team.base import TeamBase


class NightlyOrchestrator(TeamBase):
    FLAVOR = "nightly"

    hour: int = 2

    def cron(self) -> str:
        return f"0 {self.hour} * * * {self.namespace}"

    def prepare_or_run_pipeline(self, deployment: Any, stack: Any) -> Any:
        return None
'''


def _project(tmp_path: Path, files: Dict[str, str]) -> Path:
    root = tmp_path / "proj"
    for name, text in {"team/__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


def _code(root: Path, *args: str, paths=(".",)) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "zenml_migrate", "code", *paths, "--fix", *args],
        cwd=str(root), capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def _defined(path: Path):
    tree = ast.parse(path.read_text())
    out = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            out.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            out |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.Assign):
            out |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return out


def _missing_imports(root: Path):
    """``from <project module> import X`` (absolute or relative) where the module has no ``X``."""
    out = []
    for path in root.rglob("*.py"):
        package = path.parent
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                base = package
                for _ in range(node.level - 1):
                    base = base.parent
                target = base.joinpath(*(node.module or "").split(".")) if node.module else base
            else:
                target = root.joinpath(*node.module.split("."))
            module = target.with_suffix(".py") if target.with_suffix(".py").exists() else target / "__init__.py"
            if not module.exists():
                continue  # not a project module
            names = _defined(module)
            out += [f"{path.name}: {node.module}.{a.name}" for a in node.names if a.name not in names]
    return out


def test_base_with_fields_in_another_module_is_ported_and_the_subclass_builds_on_it(tmp_path):
    root = _project(tmp_path, {"team/base.py": BASE, "team/nightly.py": SUB})
    _code(root)
    base, sub = (root / "team/base.py").read_text(), (root / "team/nightly.py").read_text()
    assert "class TeamBaseConfig(BaseOrchestratorConfig):" in base and "class TeamBaseFlavor" not in base
    assert 'return f"{self.config.namespace}/{run}"' in base
    assert "from team.base import TeamBase, TeamBaseConfig" in sub
    assert "class NightlyOrchestratorConfig(TeamBaseConfig):" in sub
    assert "class NightlyOrchestratorFlavor(BaseOrchestratorFlavor):" in sub  # the base has no Flavor
    assert 'return f"0 {self.config.hour} * * * {self.config.namespace}"' in sub  # an inherited field too
    assert "TODO" not in base + sub
    assert not _missing_imports(root)


def test_relative_and_module_alias_imports_of_the_base(tmp_path):
    relative = SUB.replace("from team.base import TeamBase", "from .base import TeamBase")
    alias = SUB.replace("from team.base import TeamBase", "import team.base as tb").replace("(TeamBase)", "(tb.TeamBase)")
    root = _project(tmp_path, {"team/base.py": BASE, "team/rel.py": relative, "team/alias.py": alias})
    _code(root)
    assert "from .base import TeamBase, TeamBaseConfig" in (root / "team/rel.py").read_text()
    assert "class NightlyOrchestratorConfig(tb.TeamBaseConfig):" in (root / "team/alias.py").read_text()
    assert not _missing_imports(root)


def test_a_subclass_is_not_ported_before_its_base_can_be(tmp_path):
    """The base's port needs a human (a field assigned at run time): without --unsafe-fixes it
    is not written, so the subclass is not ported either (it would import a missing Config)."""
    base = BASE + "\n    def reset(self) -> None:\n        self.owner = None\n"
    root = _project(tmp_path, {"team/base.py": base, "team/nightly.py": SUB})
    _code(root)
    assert "TeamBaseConfig" not in (root / "team/base.py").read_text() + (root / "team/nightly.py").read_text()
    assert "# TODO(zenml-migrate): ZM409" in (root / "team/nightly.py").read_text()
    assert not _missing_imports(root)
    _code(root, "--unsafe-fixes")
    assert "class NightlyOrchestratorConfig(TeamBaseConfig):" in (root / "team/nightly.py").read_text()
    assert "`self.owner` is assigned here" in (root / "team/base.py").read_text()
    assert not _missing_imports(root)


def test_only_the_subclass_given(tmp_path):
    """`migrate code team/nightly.py`: the base module is not ported by this run, so nothing
    may import what its port would define."""
    root = _project(tmp_path, {"team/base.py": BASE, "team/nightly.py": SUB})
    _code(root, "--unsafe-fixes", paths=("team/nightly.py",))
    assert (root / "team/base.py").read_text() == textwrap.dedent(BASE)
    assert not _missing_imports(root)


def test_a_base_ported_before_is_built_on(tmp_path):
    root = _project(tmp_path, {"team/base.py": BASE, "team/nightly.py": SUB})
    _code(root, paths=("team/base.py",))
    assert "class TeamBaseConfig" in (root / "team/base.py").read_text()
    _code(root, paths=("team/nightly.py", "team/base.py"))
    sub = (root / "team/nightly.py").read_text()
    assert "class NightlyOrchestratorConfig(TeamBaseConfig):" in sub and "self.config.namespace" in sub
    assert not _missing_imports(root)


MIXIN = '''\
from typing import Dict


class OwnerLabelsMixin:
    @property
    def labels(self) -> Dict[str, str]:
        return {"owner": self.owner}
'''

MIXED = '''\
from typing import Optional

from zenml.step_operators import BaseStepOperator

from team.mixins import OwnerLabelsMixin


class LabelledStepOperator(OwnerLabelsMixin, BaseStepOperator):
    FLAVOR = "labelled"

    owner: Optional[str] = None
'''


def test_a_mixin_of_another_module_reading_fields_gets_a_forwarding_property(tmp_path):
    """The mixin's module has no component to port it with: its `self.owner` stays, and the
    port of the component it is mixed into forwards the field it reads (`self.owner` ->
    `self.config.owner`), also when its module imports no zenml (gaps24 (d): it is read for the
    class mixing it in, its ``MIXIN_MARK`` fact; before, "comes from a module this run did not
    read"). Before port30 the port wrote a TODO instead ("`OwnerLabelsMixin` reads `self.owner`"),
    which needed --unsafe-fixes and left the mixin failing on 0.20."""
    zen = "from zenml.logger import get_logger\n\n" + MIXIN
    root = _project(tmp_path, {"team/mixins.py": zen, "team/plain.py": MIXIN, "team/ops.py": MIXED,
                               "team/ops2.py": MIXED.replace("team.mixins", "team.plain")})
    _code(root, "--unsafe-fixes")
    ops, ops2 = (root / "team/ops.py").read_text(), (root / "team/ops2.py").read_text()
    assert "class LabelledStepOperatorConfig(BaseStepOperatorConfig):" in ops
    forward = "    @property\n    def owner(self):\n"
    assert forward in ops and "return self.config.owner" in ops and "TODO" not in ops
    assert forward in ops2 and "return self.config.owner" in ops2 and "TODO" not in ops2
    assert (root / "team/mixins.py").read_text() == zen and (root / "team/plain.py").read_text() == MIXIN


def test_a_mixin_ported_with_its_module_needs_no_todo_elsewhere(tmp_path):
    """The mixin is mixed into a component of its own module too: it is rewritten there
    (`self.config.owner`), and a component of another module with the field needs nothing."""
    mixins = MIXIN + textwrap.dedent('''

        class OwnedOrchestrator(OwnerLabelsMixin, BaseOrchestrator):
            FLAVOR = "owned"

            owner: str = "ml"
        ''')
    mixins = "from zenml.orchestrators import BaseOrchestrator\n" + mixins
    root = _project(tmp_path, {"team/mixins.py": mixins, "team/ops.py": MIXED})
    _code(root, "--unsafe-fixes")
    assert 'return {"owner": self.config.owner}' in (root / "team/mixins.py").read_text()
    assert "TODO" not in (root / "team/ops.py").read_text()


def test_a_module_that_already_has_the_config_name_is_not_ported(tmp_path):
    """`TeamStoreConfig` exists (an unrelated class): the port would define it a second time (the
    last one wins: the Flavor would name the wrong class), so the class keeps its finding, which
    says why, in scan and in its TODO."""
    store = '''\
        from zenml.artifact_stores import BaseArtifactStore


        class TeamStoreConfig:
            retries = 3


        class TeamStore(BaseArtifactStore):
            FLAVOR = "team_store"
            SUPPORTED_SCHEMES = {"team://"}
            bucket: str = "x"
        '''
    root = _project(tmp_path, {"team/store.py": store})
    scan = subprocess.run([sys.executable, "-m", "zenml_migrate", "scan", "."], cwd=str(root),
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert "ZM409" in scan.stdout and "[*]" not in scan.stdout
    assert "no automatic fix here: the module already has `TeamStoreConfig`" in scan.stdout
    _code(root, "--unsafe-fixes")
    text = (root / "team/store.py").read_text()
    assert "class TeamStoreFlavor" not in text and text.count("class TeamStoreConfig") == 1
    assert "# TODO(zenml-migrate): ZM409" in text and "already has `TeamStoreConfig`" in text
    assert "--unsafe-fixes` ports it" not in text  # the TODO promises no port that is not written


def test_a_base_with_an_unrelated_config_name_is_not_ported_and_its_subclasses_say_so(tmp_path):
    """`TeamBaseConfig` is a plain class of the team (not a 0.20 Config: it derives from no
    Config), so `TeamBase` is still in the 0.13.2 shape; its port would redefine that name, so it
    has none, and its subclasses (same module and another one) derive from the type's Config
    with a TODO instead of building on a `TeamBaseConfig` that is not a component Config."""
    base = BASE.replace("class TeamBase(", 'class TeamBaseConfig:\n    """Team settings."""\n\n\nclass TeamBase(')
    base += '\n\nclass LocalSub(TeamBase):\n    FLAVOR = "localsub"\n    depth: int = 1\n'
    root = _project(tmp_path, {"team/base.py": base, "team/nightly.py": SUB})
    scan = subprocess.run([sys.executable, "-m", "zenml_migrate", "scan", "."], cwd=str(root),
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert "base.py:10:7: ZM409" in scan.stdout and "already has `TeamBaseConfig`" in scan.stdout
    assert "[*]" not in scan.stdout  # the subclasses' ports leave TODOs: not safe
    _code(root, "--unsafe-fixes")
    base_text, sub = (root / "team/base.py").read_text(), (root / "team/nightly.py").read_text()
    assert "class LocalSubConfig(BaseOrchestratorConfig):" in base_text
    assert "class NightlyOrchestratorConfig(BaseOrchestratorConfig):" in sub
    assert "(TeamBaseConfig)" not in base_text + sub
    assert "`TeamBase` is not ported by this run (it has no automatic port" in sub
    assert "{self.namespace}" in sub  # not a field of the Config the port wrote
    assert not _missing_imports(root)


def test_a_subclass_given_alone_says_its_base_is_not_ported_by_this_run(tmp_path):
    """The whole project informs the scan of `team/nightly.py`, but only that file is
    rewritten: its port may not build on the port of `team/base.py` (not written), and says so."""
    root = _project(tmp_path, {"team/base.py": BASE, "team/nightly.py": SUB})
    scan = subprocess.run([sys.executable, "-m", "zenml_migrate", "scan", "team/nightly.py"], cwd=str(root),
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert "an unsafe fix here: the port leaves 2 TODO lines" in scan.stdout
    proc = _code(root, "--unsafe-fixes", paths=("team/nightly.py",))
    out = proc.stdout + proc.stderr
    sub = (root / "team/nightly.py").read_text()
    assert "class NightlyOrchestratorConfig(BaseOrchestratorConfig):" in sub
    assert "its module is not among the files this run rewrites" in sub
    assert "2 TODOs in rewritten code (ZM409 x2)" in out
    assert not _missing_imports(root)


def test_a_subclass_of_a_base_left_as_it_is_builds_on_the_zenml_class_that_base_derives_from(tmp_path):
    """`QuarryStore(LocalArtifactStore)` keeps its shape (its module has `QuarryStoreConfig`), so
    `ArchiveStore(QuarryStore)` gets a `LocalArtifactStoreConfig` (with `SUPPORTED_SCHEMES`, which
    0.20's `BaseArtifactStoreConfig` requires) and its Flavor, and keeps `QuarryStore` as base."""
    fixtures = Path(__file__).resolve().parent.parent / "fixtures" / "foreign_components" / "quarry"
    root = _project(tmp_path, {"quarry/__init__.py": "", "quarry/stores.py": (fixtures / "stores.py").read_text(),
                               "quarry/archive.py": (fixtures / "archive.py").read_text()})
    _code(root, "--unsafe-fixes")
    archive = (root / "quarry/archive.py").read_text()
    assert "class ArchiveStoreConfig(LocalArtifactStoreConfig):" in archive
    assert "class ArchiveStoreFlavor(LocalArtifactStoreFlavor):" in archive
    assert "class ArchiveStore(QuarryStore):" in archive
    assert "`QuarryStore` is not ported by this run (it has no automatic port" in archive and "(by hand)" in archive
    assert not _missing_imports(root)


def test_an_import_only_the_old_hook_signature_used_goes_with_it(tmp_path):
    """`RuntimeConfiguration` (zenml.runtime_configuration, gone in 0.20) annotated an argument
    of the 0.13.2 hook: the port writes the 0.20 signature, so the import would only make the
    module fail on 0.20; it is dropped (a name still used elsewhere keeps its import)."""
    orch = '''\
        from typing import Any, List

        from zenml.orchestrators import BaseOrchestrator
        from zenml.runtime_configuration import RuntimeConfiguration
        from zenml.stack import Stack
        from zenml.steps import BaseStep


        class LoopOrchestrator(BaseOrchestrator):
            FLAVOR = "loop"

            def prepare_or_run_pipeline(self, sorted_steps: List[BaseStep], pipeline: Any, pb2_pipeline: Any,
                                        stack: Stack, runtime_configuration: RuntimeConfiguration) -> Any:
                return None
        '''
    root = _project(tmp_path, {"team/orch.py": orch})
    _code(root, "--unsafe-fixes")
    text = (root / "team/orch.py").read_text()
    assert "def prepare_or_run_pipeline(self, deployment: PipelineDeployment, stack: Stack) -> Any:" in text
    assert "RuntimeConfiguration" not in text and "BaseStep" not in text
    assert "from zenml.stack import Stack" in text  # still used by the new signature
