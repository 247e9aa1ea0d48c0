"""port28 open item (h111 stack_mixins): a classmethod of a plain mixin in another module reads
`cls.__fields__` (ZM004 on the mixin's line: a 0.20 component class is no pydantic model), and a
component module calls it at import (`SCHEMA = NfsArtifactStore.schema()`), as does a module that
imports the component class. Both modules failed at import on the real 0.20.0/0.20.5 after the
fix with no finding on their lines (the ZM409 port said "[*]"). The mixin module now exports
`SchemaMixin.schema.__fails__`, the component module `NfsArtifactStore.schema.__fails__` (a class
inheriting the method), and each module-level call is a ZM461 (commented out under a TODO at
--unsafe-fixes: the call's effects are not known)."""

import json

import pytest

from tests.scan_helpers import migrate, write_tree

MIXIN = '''\
"""Mixins shared by our custom stack components (no zenml import here on purpose)."""


class SchemaMixin:
    @classmethod
    def schema(cls):
        return {"flavor": cls.FLAVOR, "fields": sorted(cls.__fields__)}

    @classmethod
    def label(cls):
        return f"component:{cls.__name__}"
'''
STORE = '''\
from typing import ClassVar, Set

from zenml.artifact_stores import LocalArtifactStore

from utils.mixins import SchemaMixin


class NfsArtifactStore(SchemaMixin, LocalArtifactStore):
    FLAVOR: ClassVar[str] = "nfs"
    SUPPORTED_SCHEMES: ClassVar[Set[str]] = {"/mnt/nfs"}


SCHEMA = NfsArtifactStore.schema()
LABEL = NfsArtifactStore.label()
'''
INVENTORY = '''\
from components.nfs_store import NfsArtifactStore
from utils.mixins import SchemaMixin

print(NfsArtifactStore.schema())
print(NfsArtifactStore.label(), issubclass(NfsArtifactStore, SchemaMixin))
'''
FILES = {"utils/__init__.py": "", "utils/mixins.py": MIXIN, "components/__init__.py": "", "components/nfs_store.py": STORE,
         "inventory.py": INVENTORY}


def _zm461(root):
    out = json.loads(migrate(["scan", ".", "--format", "json", "--no-cache"], root).out)
    return sorted((f["path"], f["line"], f["fix"]) for f in out["findings"] if f["code"] == "ZM461")


def test_a_module_level_call_of_an_inherited_failing_classmethod_is_found(tmp_path):
    write_tree(tmp_path, FILES)
    assert _zm461(tmp_path) == [("components/nfs_store.py", 13, "unsafe"), ("inventory.py", 4, "unsafe")]


def test_a_method_that_does_not_fail_and_an_override_are_not_flagged(tmp_path):
    store = STORE.replace('    SUPPORTED_SCHEMES', '    @classmethod\n    def schema(cls):\n        return {}\n\n    SUPPORTED_SCHEMES')
    write_tree(tmp_path, {**FILES, "components/nfs_store.py": store})
    assert _zm461(tmp_path) == []


@pytest.mark.real_zenml
def test_after_unsafe_fixes_both_modules_import_on_the_real_020(tmp_path):
    from tests.realzenml import python

    root = write_tree(tmp_path / "proj", FILES)
    first = python("0.13.2", ["inventory.py"], tmp_path / "cfg0132", cwd=root, env={"PYTHONPATH": str(root)})
    assert "component:NfsArtifactStore True" in first.stdout, first.stdout + first.stderr
    run = migrate(["code", ".", "--fix", "--unsafe-fixes", "--no-cache"], root)
    assert "ZM461 TODO" in run.out + run.err
    for version in ("0.20.0", "0.20.5"):
        done = python(version, ["inventory.py"], tmp_path / f"cfg{version}", cwd=root, env={"PYTHONPATH": str(root)})
        assert "component:NfsArtifactStore True" in done.stdout, done.stdout + done.stderr
