"""``Repository().stacks`` (0.13.2: ``Stack`` objects) is ``Client().stacks`` in 0.20: stack models
whose components are lists of component models by type (api013 RETURNS, ZM004 on what they lack).

Each read below runs on the real 0.13.2 (with ``Repository``) and on 0.20.0 / 0.20.5 (with
``Client``, what ZM108 renames it to) against the default stack of a fresh config dir. The scan's
claim, per read: a ZM004 finding on its line exactly when the real 0.20 release raises
AttributeError there, and every read works on 0.13.2.
"""

import json

import pytest

from tests.realzenml import python
from zenml_migrate.api import scan_source

pytestmark = pytest.mark.real_zenml

HEAD = "from zenml.repository import Repository\n\nstack = Repository().stacks[0]\n"
READS = (
    "stack.name",
    "stack.orchestrator",
    "stack.artifact_store.path",
    "sorted(t.value for t in stack.components)",
    "[c.name for t, c in stack.components.items()]",
    "[str(c.name) for c in stack.components.values()]",
    "[c[0].name for c in stack.components.values()]",
    "[s.metadata_store for s in Repository().stacks]",
    "{s.name: len(s.components) for s in Repository().stacks}",
)
PROBE = """
import json, sys
try:
    from zenml.client import Client as Repository
except ImportError:
    from zenml.repository import Repository
stack = Repository().stacks[0]
failed = []
for i, read in enumerate(json.loads(sys.argv[1])):
    try:
        eval(read)
    except AttributeError:
        failed.append(i)
    except TypeError:  # the 0.20 spelling on 0.13.2 (``c[0]`` of one component)
        pass
print("RESULT " + json.dumps(failed))
"""


@pytest.mark.parametrize("version", ["0.13.2", "0.20.0", "0.20.5"])
def test_stack_model_reads_are_flagged_exactly_where_0_20_raises(version, tmp_path):
    first = HEAD.count("\n") + 1
    text = HEAD + "".join(f"{r}\n" for r in READS)
    flagged = sorted({f.span.line - first for f in scan_source(text, "stacks.py") if f.code == "ZM004"})
    (tmp_path / "probe.py").write_text(PROBE)
    proc = python(version, ["probe.py", json.dumps(READS)], tmp_path / "config", cwd=tmp_path)
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))
    failed = json.loads(line[len("RESULT "):])
    if version == "0.13.2":
        assert failed == []  # no read of a 0.13.2 stack raises AttributeError
    else:
        assert [READS[i] for i in failed] == [READS[i] for i in flagged]
    assert flagged == [1, 2, 4, 5, 7]  # not a vacuous comparison
