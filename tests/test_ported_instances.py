"""Reads of a ported component's fields on an instance of it, outside the class (ZM426, review24 G1).

The ZM409 port moves a custom component's fields into ``<X>Config``; inside the class it
rewrites ``self.<field>`` to ``self.config.<field>``. Code elsewhere that holds an instance
(``store: LakeStore``, ``store = LakeStore(...)``, ``isinstance(store, LakeStore)``) and read
``store.bucket_owner`` got no finding and failed with AttributeError on the real 0.20.0 and
0.20.5 after the safe port. Now it is reported and rewritten to ``store.config.bucket_owner``
(at the fix level of the port); where the name may hold something else too, a TODO. The
real-ZenML side: tests/test_ported_instances_real_zenml.py.
"""

import json
import textwrap
from pathlib import Path
from typing import List, Tuple

from tests import test_ported_members as ported_members
from tests.test_kept_flavor_string import _migrate as migrate, _project

_ABSTRACT = textwrap.indent(textwrap.dedent(ported_members._ABSTRACT), "    ")  # the abstract methods, in the class


FILES = {
    "lake/__init__.py": "",
    "lake/store.py": '''
from typing import ClassVar, Optional, Set, Union

from zenml.artifact_stores import BaseArtifactStore


class LakeStore(BaseArtifactStore):
    FLAVOR: ClassVar[str] = "lake"
    SUPPORTED_SCHEMES: ClassVar[Set[str]] = {"lake://"}
    bucket_owner: str = "team"
''' + _ABSTRACT + '''

def annotated(store: LakeStore) -> str:
    return store.bucket_owner + store.path


def optional(store: Optional["LakeStore"] = None) -> str:
    return store.bucket_owner if store else ""


def maybe(store: Union[LakeStore, dict]) -> str:
    return store.bucket_owner
''',
    "report.py": '''
from typing import Any, List

from lake import store as stores
from lake.store import LakeStore


def narrowed(component: Any) -> str:
    if isinstance(component, LakeStore) and component.bucket_owner:
        return component.bucket_owner
    return ""


def asserted(component) -> str:
    assert isinstance(component, stores.LakeStore)
    return component.bucket_owner


def rebound(component) -> str:
    if isinstance(component, LakeStore):
        component = {"bucket_owner": "x"}
        return component.bucket_owner
    return component.bucket_owner


def guarded(component: LakeStore) -> str:
    return component.bucket_owner if hasattr(component, "bucket_owner") else component.config.bucket_owner


def made(path: str) -> str:
    store = LakeStore(name="x", path=path, bucket_owner="ops")
    return store.bucket_owner + str(store.SUPPORTED_SCHEMES)


def other(store) -> str:
    return store.bucket_owner


def listed(stores: List[LakeStore]) -> List[str]:
    return [s.bucket_owner for s in stores]
''',
}


def _findings(root: Path) -> List[Tuple[str, int, str, object]]:
    proc = migrate(root, "scan", ".", "--format", "json")
    data = json.loads(proc.stdout)
    items = data if isinstance(data, list) else data["findings"]
    return sorted((f["path"].replace("\\", "/"), f["line"], f["code"], f.get("fix")) for f in items if f["code"] == "ZM426")


def test_reads_of_a_ported_field_on_an_instance_are_reported(tmp_path):
    root = _project(tmp_path, FILES)
    assert _findings(root) == [
        ("lake/store.py", 52, "ZM426", "safe"),  # store: LakeStore (store.path: 0.20's artifact store has it)
        ("lake/store.py", 56, "ZM426", "safe"),  # Optional["LakeStore"]
        ("lake/store.py", 60, "ZM426", None),  # Union[LakeStore, dict]: maybe a dict
        ("report.py", 8, "ZM426", "safe"),  # isinstance(...) and component.bucket_owner
        ("report.py", 9, "ZM426", "safe"),  # in the body of the isinstance test
        ("report.py", 15, "ZM426", "safe"),  # after assert isinstance(component, stores.LakeStore)
        ("report.py", 31, "ZM426", "safe"),  # store = LakeStore(...)
        ("report.py", 31, "ZM426", "safe"),  # store.SUPPORTED_SCHEMES: moved to the config
        ("report.py", 39, "ZM426", "safe"),  # the items of a List[LakeStore]
    ]


def test_the_fix_reads_the_config(tmp_path):
    root = _project(tmp_path, FILES)
    migrate(root, "code", ".", "--fix")
    report = (root / "report.py").read_text()
    store = (root / "lake/store.py").read_text()
    assert "return store.config.bucket_owner + store.path" in store
    assert 'return store.config.bucket_owner if store else ""' in store
    assert "return store.bucket_owner\n" in store  # the Union: a TODO above it
    assert "TODO(zenml-migrate): ZM426 `store.bucket_owner`" in store
    assert "if isinstance(component, LakeStore) and component.config.bucket_owner:" in report
    assert "        return component.config.bucket_owner\n" in report
    assert "    return component.config.bucket_owner\n\n\ndef rebound" in report
    assert "        return component.bucket_owner\n    return component.bucket_owner\n" in report  # rebound, untyped
    assert "return store.config.bucket_owner + str(store.config.SUPPORTED_SCHEMES)" in report
    assert "def other(store) -> str:\n    return store.bucket_owner" in report
    assert 'component.bucket_owner if hasattr(component, "bucket_owner")' in report
    assert [f for f in _findings(root) if f[3] is not None] == []


def test_a_module_naming_no_ported_class_is_not_walked(tmp_path, monkeypatch):
    """The instance reads are looked for only in a module that names a ported component class of
    the project (or defines one): the other modules of the project are not walked for them."""
    import textwrap as tw

    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan import class_instances
    from zenml_migrate.scan.engine import ScanSettings, run_scan

    root = _project(tmp_path, {**FILES, "other.py": "from lake import store\n\n\ndef f(x):\n    return x.bucket_owner\n"})
    walked = []
    real = class_instances.instances
    monkeypatch.setattr(class_instances, "instances", lambda tree, classify: walked.append(tree) or real(tree, classify))
    report = run_scan([str(root)], ScanSettings(rules=all_rules(), workers=1))
    assert len(walked) == 2, tw.shorten(str(walked), 200)  # lake/store.py and report.py, not other.py or __init__.py
    assert not [f for f in report.findings if f.path.endswith("other.py")]


LOOPS = '''
from typing import List, Sequence

from zenml.artifact_stores import BaseArtifactStore


class LakeStore(BaseArtifactStore):
    FLAVOR = "lake"
    bucket_owner: str = "team"


def owners(stores: List[LakeStore]) -> List[str]:
    out = []
    for store in stores:
        out.append(store.bucket_owner)
    return out + [s.bucket_owner for s in stores]


def mixed():
    for s in [LakeStore(name="a"), object()]:
        print(s.bucket_owner)
'''.lstrip()


def test_the_items_of_a_typed_list_are_instances_of_the_class():
    """``for store in stores`` / ``[s.x for s in stores]`` where ``stores: List[LakeStore]``."""
    from zenml_migrate.api import scan_source
    from zenml_migrate.fix.fixer import fix_source

    found = [(f.span.line, f.fix) for f in scan_source(LOOPS, "loops.py") if f.code == "ZM426"]
    assert found == [(14, "safe"), (15, "safe")], found  # line 20: the list holds something else too
    text = fix_source(LOOPS, "loops.py").text
    assert "out.append(store.config.bucket_owner)" in text and "[s.config.bucket_owner for s in stores]" in text, text
