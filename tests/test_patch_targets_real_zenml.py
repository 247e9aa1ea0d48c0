"""tests/test_patch_targets.py's tree on the real ZenMLs: as written on 0.13.2, and after --fix on
0.20.0 and 0.20.5, every module imports and every patch of the test finds its target (before
the fix kept the names: AttributeError in the patches, ImportError in reports/reexport.py)."""

import json
import shutil

import pytest

from tests.realzenml import python
from tests.test_patch_targets import fix_tree, write_tree

pytestmark = pytest.mark.real_zenml

PROBE = '''
import importlib, json
from unittest import mock

facts = {}
for name in ("reports.stack", "reports.runs", "reports.unused", "reports.reexport", "tests.test_stack"):
    importlib.import_module(name)
    facts[name] = True
with mock.patch("reports.stack.Repository") as repo, mock.patch.object(importlib.import_module("reports.runs"), "Repository"):
    facts["patched"] = repo is importlib.import_module("reports.stack").Repository
import reports.reexport
facts["reexport"] = reports.reexport.CLIENT_CLASS.__name__
print("RESULT " + json.dumps(facts, sort_keys=True))
'''


def _probe(version, root, cfg):
    proc = python(version, ["probe.py"], cfg, cwd=root)
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def test_the_patched_names_exist_on_020_after_the_fix(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    for root in (old, new):
        write_tree(root)
        (root / "tests" / "__init__.py").write_text("")
        (root / "probe.py").write_text(PROBE)
    fix_tree(new)
    expected = {n: True for n in ("reports.stack", "reports.runs", "reports.unused", "reports.reexport", "tests.test_stack")}
    assert _probe("0.13.2", old, tmp_path / "cfg-0.13.2") == dict(expected, patched=True, reexport="Repository")
    for version in ("0.20.0", "0.20.5"):
        assert _probe(version, new, tmp_path / f"cfg-{version}") == dict(expected, patched=True, reexport="Client"), version
