"""Reads in another module of what a ZM409 port takes off a component class (ZM426, own input).

``report.py`` reads ``SUPPORTED_SCHEMES`` (the port moves it to ``<X>Config``), ``TYPE`` (no
0.20 component class has one: the Flavor's ``type``) and ``__fields__`` (a 0.20 component class is
no pydantic model) on two component classes of the project that ``migrate code`` ports. Before:
no finding, and after ``--fix`` (``SUPPORTED_SCHEMES``, ``TYPE``) or ``--unsafe-fixes``
(``__fields__`` of the class whose port is unsafe) the module failed on 0.20 with AttributeError
while the re-scan was clean. The real-ZenML side: tests/test_ported_members_real_zenml.py.
"""

import ast
import json
from pathlib import Path
from typing import List, Tuple

from tests.test_kept_flavor_string import _migrate as migrate, _project

_ABSTRACT = "".join(
    f"\n            def {name}(self, *args, **kwargs):\n                return None\n"
    for name in ("open", "copyfile", "exists", "glob", "isdir", "listdir", "makedirs", "mkdir", "remove",
                 "rename", "rmtree", "stat", "walk")
)

FILES = {
    "lakehouse/__init__.py": "",
    "lakehouse/stores.py": '''
        from typing import ClassVar, Set

        from zenml.artifact_stores import BaseArtifactStore


        class LakeFsArtifactStore(BaseArtifactStore):
            """Artifacts in a lakeFS repository."""

            repository: str = "main-repo"
            branch: str = "main"
            FLAVOR: ClassVar[str] = "lakefs"
            SUPPORTED_SCHEMES: ClassVar[Set[str]] = {"lakefs://", "lfs://"}
    ''' + _ABSTRACT,
    "lakehouse/operators.py": '''
        from typing import ClassVar, List

        from zenml.config.docker_configuration import DockerConfiguration
        from zenml.config.resource_configuration import ResourceConfiguration
        from zenml.step_operators import BaseStepOperator


        class NomadStepOperator(BaseStepOperator):
            datacenter: str = "dc1"
            FLAVOR: ClassVar[str] = "nomad"

            def launch(self, pipeline_name: str, run_name: str, docker_configuration: DockerConfiguration,
                       entrypoint_command: List[str], resource_configuration: ResourceConfiguration) -> None:
                print(self.datacenter, docker_configuration, resource_configuration, entrypoint_command)
    ''',
    "report.py": '''
        import json

        from lakehouse import stores
        from lakehouse.operators import NomadStepOperator
        from lakehouse.operators import NomadStepOperator as Nomad
        from lakehouse.stores import LakeFsArtifactStore

        SCHEMES = sorted(LakeFsArtifactStore.SUPPORTED_SCHEMES)
        KINDS = [str(stores.LakeFsArtifactStore.TYPE.value), str(NomadStepOperator.TYPE.value)]
        SAFE = getattr(LakeFsArtifactStore, "TYPE", None) is not None or hasattr(Nomad, "TYPE")


        def default_datacenter() -> str:
            return NomadStepOperator.__fields__["datacenter"].default


        def aliased_kind():
            return Nomad.TYPE


        def shadowed(LakeFsArtifactStore):
            return LakeFsArtifactStore.TYPE


        RESULT = json.dumps({"schemes": SCHEMES, "kinds": KINDS, "datacenter": default_datacenter()})
    ''',
}


def _findings(root: Path, path: str = "report.py") -> List[Tuple[int, str, object]]:
    proc = migrate(root, "scan", ".", "--format", "json")
    data = json.loads(proc.stdout)
    items = data if isinstance(data, list) else data["findings"]
    return sorted((f["line"], f["code"], f.get("fix")) for f in items if f["path"].replace("\\", "/") == path)


def test_reads_of_what_the_port_takes_off_the_class_are_reported(tmp_path):
    root = _project(tmp_path, FILES)
    assert _findings(root) == [
        (8, "ZM426", "safe"),  # LakeFsArtifactStore.SUPPORTED_SCHEMES: its port (safe) moves it
        (9, "ZM426", "safe"),  # stores.LakeFsArtifactStore.TYPE
        (9, "ZM426", "unsafe"),  # NomadStepOperator.TYPE: the port of that class needs --unsafe-fixes
        (14, "ZM426", "unsafe"),  # NomadStepOperator.__fields__["datacenter"]
        (18, "ZM426", "unsafe"),  # Nomad.TYPE: the Flavor is imported from the class's module
    ]


def _code(root: Path) -> str:
    return (root / "report.py").read_text()


def test_fix_then_unsafe_fixes_read_the_classes_the_port_writes(tmp_path):
    root = _project(tmp_path, FILES)
    migrate(root, "code", ".", "--fix")
    text = _code(root)
    ast.parse(text)
    assert "sorted(LakeFsArtifactStoreConfig.SUPPORTED_SCHEMES)" in text
    assert "str(LakeFsArtifactStoreFlavor().type.value)" in text
    assert "NomadStepOperator.TYPE" in text  # its port is unsafe: so is this fix
    assert [c for _, c, fix in _findings(root) if fix == "safe"] == []
    migrate(root, "code", ".", "--fix", "--unsafe-fixes")
    text = _code(root)
    assert "str(NomadStepOperatorFlavor().type.value)" in text
    assert 'NomadStepOperatorConfig.__fields__["datacenter"].default' in text
    assert "return NomadStepOperatorFlavor().type" in text and "return LakeFsArtifactStore.TYPE" in text
    assert 'getattr(LakeFsArtifactStore, "TYPE", None)' in text and 'hasattr(Nomad, "TYPE")' in text
    assert _findings(root) == []
    imports = [n for n in ast.parse(text).body if isinstance(n, ast.ImportFrom)]
    assert {(n.module, a.name) for n in imports for a in n.names} >= {
        ("lakehouse.stores", "LakeFsArtifactStoreConfig"), ("lakehouse.stores", "LakeFsArtifactStoreFlavor"),
        ("lakehouse.operators", "NomadStepOperatorConfig"), ("lakehouse.operators", "NomadStepOperatorFlavor"),
    }


def test_a_class_this_run_does_not_port_gets_no_fix(tmp_path):
    """``migrate code report.py``: the classes' modules are read, not rewritten, so the Config and
    Flavor classes do not exist after the run: reported, not rewritten."""
    root = _project(tmp_path, FILES)
    proc = migrate(root, "code", "report.py", "--fix")
    text = _code(root)
    assert "LakeFsArtifactStoreConfig" not in text and "Flavor()" not in text
    assert "not ported by this run" in proc.stdout + proc.stderr


def test_a_class_read_through_its_full_dotted_module_path(tmp_path):
    """review23 G3: ``import lakehouse.stores`` then ``lakehouse.stores.LakeFsArtifactStore.SUPPORTED_SCHEMES``
    (three levels) was not read: after the port the module failed on 0.20 with a clean re-scan."""
    files = dict(FILES)
    files["dotted.py"] = '''
        import lakehouse.stores

        SCHEMES = sorted(lakehouse.stores.LakeFsArtifactStore.SUPPORTED_SCHEMES)
    '''
    root = _project(tmp_path, files)
    assert _findings(root, "dotted.py") == [(3, "ZM426", "safe")]
    migrate(root, "code", ".", "--fix")
    text = (root / "dotted.py").read_text()
    assert "sorted(LakeFsArtifactStoreConfig.SUPPORTED_SCHEMES)" in text and "from lakehouse.stores import LakeFsArtifactStoreConfig" in text
    assert _findings(root, "dotted.py") == []
