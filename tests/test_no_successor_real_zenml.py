"""ZM460 on the real ZenMLs: modules that import a zenml name no 0.20 release has (profiles,
metadata stores, ``DefaultContainerRegistry``, ``FlavorWrapper``, 0.5-0.12 modules), used only by
code that runs after import. As written they import on 0.13.2 (those of 0.13.2's API) and fail on
0.20.0/0.20.5; after ``migrate code --fix`` they import on both, and the function that used the
name raises NotImplementedError with the reason. One interpreter per ZenML version (all modules
in it), no store used."""

import json
import textwrap
from pathlib import Path

import pytest

from tests.realzenml import python
from zenml_migrate.fix.fixer import fix_source

pytestmark = pytest.mark.real_zenml

ORCHESTRATOR = Path(__file__).parent / "data" / "custom_orchestrator" / "slurm_orchestrator.py"

MODULES = {
    # 0.9-0.13 stack registration from code: profiles, a metadata store, the default registry
    "register_stacks": '''
        import sys

        from zenml.config.global_config import GlobalConfiguration
        from zenml.config.profile_config import ProfileConfiguration
        from zenml.container_registries import DefaultContainerRegistry
        from zenml.enums import StoreType
        from zenml.metadata_stores import SQLiteMetadataStore


        def ensure_profile(name: str) -> None:
            gc = GlobalConfiguration()
            if name:
                gc.add_or_update_profile(ProfileConfiguration(name=name, store_type=StoreType.SQL))
            elif name is None:
                print(DefaultContainerRegistry)


        def metadata_store(path: str) -> SQLiteMetadataStore:
            return SQLiteMetadataStore(uri=path)


        if __name__ == "__main__":
            sys.exit(ensure_profile(sys.argv[1]))
    ''',
    # a 0.6 module imported as a module alias, and an unused import of a 0.5 helper
    "io_helpers": '''
        import os

        import zenml.utils.path_utils as path_utils
        from zenml.io.utils import get_zenml_config_dir


        def ensure_dir(path: str) -> bool:
            return path_utils.file_exists(os.path.dirname(path))
    ''',
    # a 0.10-0.13 integration: FlavorWrapper in flavors() and in its return annotation
    "acme_integration": '''
        from typing import List

        from zenml.enums import StackComponentType
        from zenml.integrations.integration import Integration
        from zenml.zen_stores.models import FlavorWrapper


        class AcmeIntegration(Integration):
            NAME = "acme_zm460"
            REQUIREMENTS = []

            @classmethod
            def flavors(cls) -> List[FlavorWrapper]:
                return [FlavorWrapper(name="acme", source="acme.Store", type=StackComponentType.ARTIFACT_STORE, integration=cls.NAME)]
    ''',
    # 0.10-0.13 typing helpers: a metadata store in the variable annotations of a Protocol and of a
    # dataclass (stored at import, never read: quoted by the fix)
    "store_protocols": '''
        from dataclasses import dataclass
        from typing import Optional, Protocol, runtime_checkable

        from zenml.metadata_stores import BaseMetadataStore


        @runtime_checkable
        class HasMetadata(Protocol):
            metadata_store: BaseMetadataStore


        @dataclass
        class StoreRef:
            store: Optional[BaseMetadataStore] = None
            name: str = "default"


        def kind_of(holder: HasMetadata) -> str:
            return BaseMetadataStore.__name__ + str(holder)
    ''',
}

PROBE = '''
import importlib, json, sys

out = {}
for name in sys.argv[1].split(","):
    try:
        module = importlib.import_module(name)
    except Exception as exc:
        out[name] = ["import failed", type(exc).__name__]
        continue
    call = {"register_stacks": lambda m: m.ensure_profile("team"), "io_helpers": lambda m: m.ensure_dir("/tmp/x/y"),
            "acme_integration": lambda m: m.AcmeIntegration.flavors(),
            "store_protocols": lambda m: m.kind_of(m.StoreRef(name="x")),
            "slurm_orchestrator": lambda m: m.SlurmOrchestrator.prepare_or_run_pipeline.__name__,
            }[name.replace("fixed_", "").replace("unsafe_", "")]
    try:
        call(module)
        out[name] = ["imported", "no error"]
    except NotImplementedError as exc:
        out[name] = ["imported", "NotImplementedError", str(exc)]
    except Exception as exc:
        out[name] = ["imported", type(exc).__name__]
print("RESULT " + json.dumps(out, sort_keys=True))
'''


def _run(version, root, names, tmp_path):
    proc = python(version, ["probe.py", ",".join(names)], tmp_path / f"cfg-{version}", cwd=root)
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def test_modules_with_no_successor_names_import_after_the_fix(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    fixed_names = []
    for name, source in MODULES.items():
        source = textwrap.dedent(source).lstrip()
        result = fix_source(source, f"{name}.py")
        assert result.error is None, result.error
        written = result.text.count("# TODO(zenml-migrate): ZM460 ")
        assert written and len([t for t in result.fix_todos if t[1] == "ZM460"]) == written  # counted = written
        assert fix_source(result.text, f"{name}.py").text == result.text  # a second run changes nothing
        (root / f"{name}.py").write_text(source)
        (root / f"fixed_{name}.py").write_text(result.text)
        fixed_names.append(f"fixed_{name}")
    # a custom orchestrator whose removed import only the hook the unsafe ZM409 port re-signs uses:
    # --fix drops it (the annotation becomes a string); --unsafe-fixes ports the class
    orchestrator = ORCHESTRATOR.read_text()
    (root / "slurm_orchestrator.py").write_text(orchestrator)
    (root / "fixed_slurm_orchestrator.py").write_text(fix_source(orchestrator, "slurm_orchestrator.py").text)
    (root / "unsafe_slurm_orchestrator.py").write_text(fix_source(orchestrator, "slurm_orchestrator.py", unsafe=True).text)
    ported = ["fixed_slurm_orchestrator", "unsafe_slurm_orchestrator"]
    (root / "probe.py").write_text(PROBE)
    before = _run("0.20.5", root, list(MODULES) + ["slurm_orchestrator"], tmp_path)
    assert all(v[0] == "import failed" for v in before.values()), before
    old = _run("0.13.2", root, ["register_stacks", "acme_integration", "store_protocols", "slurm_orchestrator"], tmp_path)
    assert all(v[0] == "imported" for v in old.values()), old
    for version in ("0.20.0", "0.20.5"):
        after = _run(version, root, fixed_names + ported, tmp_path)
        for name in ported:
            assert after.pop(name) == ["imported", "no error"], (version, name)
        for name, outcome in after.items():
            assert outcome[:2] == ["imported", "NotImplementedError"], (version, name, outcome)
            assert outcome[2].startswith("zenml-migrate: `"), outcome
        assert "profiles are gone in ZenML 0.20" in after["fixed_register_stacks"][2]
        assert "`path_utils`" in after["fixed_io_helpers"][2]
        assert "`FlavorWrapper`" in after["fixed_acme_integration"][2]
        assert "`BaseMetadataStore`" in after["fixed_store_protocols"][2]
