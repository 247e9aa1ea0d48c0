"""ZM430 on the real ZenMLs: ``Repository().stack_configurations`` on 0.13.2 and what
``--unsafe-fixes`` writes for it, run on 0.20.0 and 0.20.5, give the same dict for a fresh
configuration (its default stack): stack name -> component type -> component name, for the
component types 0.20 still has (0.13.2's default stack also had a metadata store)."""

import json
import textwrap

import pytest

from tests.realzenml import python
from zenml_migrate.fix.fixer import fix_source

pytestmark = pytest.mark.real_zenml

LEGACY = '''
import json

from zenml.repository import Repository

repo = Repository()
configurations = repo.stack_configurations
print("RESULT " + json.dumps({name: {str(t.value): c for t, c in stack.items()} for name, stack in configurations.items()}))
'''


def _result(version, root, tmp_path, module):
    proc = python(version, [module], tmp_path / f"cfg-{version}", cwd=root)
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def test_the_rewrite_lists_the_same_stacks(tmp_path):
    legacy = textwrap.dedent(LEGACY).lstrip()
    fixed = fix_source(legacy, "listing.py", unsafe=True)
    assert fixed.error is None and not fixed.todos and "stack_configurations" not in fixed.text
    root = tmp_path / "project"
    root.mkdir()
    (root / "legacy.py").write_text(legacy)
    (root / "listing.py").write_text(fixed.text)
    before = _result("0.13.2", root, tmp_path, "legacy.py")
    assert before["default"]["metadata_store"] == "default"
    del before["default"]["metadata_store"]  # no metadata stores in 0.20
    for version in ("0.20.0", "0.20.5"):
        assert _result(version, root, tmp_path, "listing.py") == before, version
