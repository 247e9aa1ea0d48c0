"""A ported component class imported through a package that re-exports it (review25 R1).

The usual layout of a flavor package: ``teamkit/stores.py`` defines ``TeamStore``, and
``teamkit/__init__.py`` re-exports it (``from .stores import TeamStore``); code elsewhere does
``from teamkit import TeamStore`` and reads ``store.team`` on an instance. The safe ``--fix``
ports the class (``team`` moves to ``TeamStoreConfig``) and, before, left those reads silent:
AttributeError on the real 0.20.5 at run time. The package's re-export is a cross-file fact now
(``component_port.VIA``: also through a star import and a chain of packages), so the read is
reported and rewritten to ``store.config.team`` like with the direct import. A read on the class
itself (``TeamStore.SUPPORTED_SCHEMES``) gets a TODO: ``TeamStoreConfig`` is not importable from
the package that re-exports ``TeamStore``. The real-ZenML side: tests/test_ported_reexports_real_zenml.py.
"""

import json
from pathlib import Path
from typing import List, Tuple

from tests.test_kept_flavor_string import _migrate as migrate, _project
from tests.test_ported_base_reads import STORE

FILES = {
    "teamkit/__init__.py": "from .stores import TeamStore\n",
    "teamkit/stores.py": STORE,
    "facade/__init__.py": "from teamkit import TeamStore\n",
    "starred/__init__.py": "from teamkit.stores import *  # noqa: F403\n",
    "use.py": '''
import facade
from starred import TeamStore as Starred
from teamkit import TeamStore


def narrowed(store) -> str:
    if isinstance(store, TeamStore):
        return store.team
    return ""


def chained(store: facade.TeamStore) -> str:
    return store.team


def starred(store: Starred) -> str:
    return store.team


def schemes():
    return sorted(TeamStore.SUPPORTED_SCHEMES)
''',
}


def _findings(root: Path) -> List[Tuple[str, int, str, object]]:
    proc = migrate(root, "scan", ".", "--format", "json")
    data = json.loads(proc.stdout)
    items = data if isinstance(data, list) else data["findings"]
    return sorted((f["path"], f["line"], f["code"], f.get("fix")) for f in items if f["code"] == "ZM426")


def test_reads_through_a_package_re_export_are_reported(tmp_path):
    root = _project(tmp_path, FILES)
    assert _findings(root) == [
        ("use.py", 8, "ZM426", "safe"),  # isinstance(store, TeamStore), TeamStore from the package
        ("use.py", 13, "ZM426", "safe"),  # facade.TeamStore: a package re-exporting the package's name
        ("use.py", 17, "ZM426", "safe"),  # a star import re-exports it
        ("use.py", 21, "ZM426", None),  # the class read: its Config is not importable from `teamkit`
    ]


def test_the_fix_reads_the_config(tmp_path):
    root = _project(tmp_path, FILES)
    migrate(root, "code", ".", "--fix")
    text = (root / "use.py").read_text()
    assert text.count("return store.config.team\n") == 3, text
    assert "TODO(zenml-migrate): ZM426 `TeamStore.SUPPORTED_SCHEMES`" in text, text
    assert "from teamkit import TeamStore\n" in text
    assert [f for f in _findings(root) if f[3] is not None] == []
