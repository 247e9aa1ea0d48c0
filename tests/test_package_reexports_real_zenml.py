"""ZM118 on the real ZenMLs: the names a 0.13.2 package re-exported and 0.20 does not, imported as
0.13.2 code did, fail on 0.20.0 / 0.20.5 (ImportError) and import there after ``--fix``, as the
class the same module defines in 0.20; the rule's data (``dropped_reexports``) holds only such names."""

import pytest

from tests.realzenml import probe_facts
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules.package_reexports import RENAMES

pytestmark = pytest.mark.real_zenml

PROBE = '''
import importlib, json, sys

facts = {}
for name in sys.argv[1:]:
    try:
        module = importlib.import_module(name)
    except ImportError:
        facts[name] = "ImportError"
        continue
    facts[name] = {local: f"{value.__module__}.{value.__qualname__}" for local, value in vars(module).items() if local.startswith("Z_")}
print("RESULT " + json.dumps(facts, sort_keys=True))
'''


def test_every_dropped_reexport_fails_on_020_and_imports_from_its_module_after_the_fix(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    old = "".join(f"from {path.rpartition('.')[0]} import {path.rpartition('.')[2]} as Z_{i}\n" for i, (path, _) in enumerate(RENAMES))
    fixed = fix_source(old, "fixed_reexports.py")
    assert fixed.error is None, fixed.error
    (root / "old_reexports.py").write_text(old)
    (root / "fixed_reexports.py").write_text(fixed.text)
    (root / "probe.py").write_text(PROBE)
    expected = {f"Z_{i}": new for i, (_, new) in enumerate(RENAMES)}
    assert expected
    for version in ("0.20.0", "0.20.5"):
        facts = probe_facts(version, root, ["old_reexports", "fixed_reexports"], tmp_path / f"cfg-{version}")
        assert facts == {"old_reexports": "ImportError", "fixed_reexports": expected}, (version, facts)
    before = probe_facts("0.13.2", root, ["old_reexports"], tmp_path / "cfg-0.13.2")
    assert before == {"old_reexports": {f"Z_{i}": new for i, (_, new) in enumerate(RENAMES)}}, before
