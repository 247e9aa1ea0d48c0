"""tests/test_patch_target_members.py's targets on the real ZenMLs: each one ZM005 reports fails to
patch on 0.20.0 and 0.20.5 (AttributeError) and patches on 0.13.2; each one it leaves alone patches on
all three (no finding on an API 0.20 kept)."""

import json

import pytest

from tests.realzenml import python
from tests.test_patch_target_members import CODE, FAILING

pytestmark = pytest.mark.real_zenml

PROBE = '''
import json, sys
from unittest import mock

out = {}
for target in json.loads(sys.argv[1]):
    patcher = mock.patch(target)
    try:
        patcher.start()
    except Exception as exc:
        out[target] = type(exc).__name__
    else:
        patcher.stop()
        out[target] = "patched"
print("RESULT " + json.dumps(out))
'''


def test_reported_targets_fail_on_020_and_the_others_patch(tmp_path):
    lines = CODE.splitlines()
    targets = sorted({part for line in lines for part in line.split('"') if part.startswith("zenml.")})
    failing = {t for t in targets if any(t.endswith("." + member) and member in lines[n - 1] for n, member in FAILING.items())}
    assert len(failing) == len(FAILING) and len(targets) > len(failing)
    (tmp_path / "probe.py").write_text(PROBE)
    for version in ("0.13.2", "0.20.0", "0.20.5"):
        proc = python(version, ["probe.py", json.dumps(targets)], tmp_path / f"cfg-{version}", cwd=tmp_path)
        line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))
        got = json.loads(line[len("RESULT "):])
        for target in targets:
            expected = "AttributeError" if target in failing and version != "0.13.2" else "patched"
            assert got[target] == expected, (version, target, got[target])
