"""The step interfaces of ``migrate/scan/step_pipeline_members.SUBCLASSES`` are zenml's own
``BaseStep`` subclasses on the real 0.13.2 (all of them), and the ``--fix`` output of
tests/test_step_interface_members.py's module imports on 0.20.0 and 0.20.5 (the module imports on
0.13.2 and fails on 0.20.5 as written)."""

import json

import pytest

from tests.realzenml import python
from tests.test_step_interface_members import SOURCE
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.step_pipeline_members import SUBCLASSES

pytestmark = pytest.mark.real_zenml

LIST = '''
import importlib, inspect, json, pkgutil
import zenml.steps.step_interfaces as si
from zenml.steps import BaseStep

out = []
for info in pkgutil.walk_packages(si.__path__, si.__name__ + "."):
    module = importlib.import_module(info.name)
    for name, value in vars(module).items():
        if inspect.isclass(value) and value.__module__ == module.__name__ and issubclass(value, BaseStep):
            out.append(module.__name__ + "." + name)
print("RESULT " + json.dumps(sorted(out)))
'''


def _imports(version, root, tmp_path):
    proc = python(version, ["-c", "import m; print('RESULT ok')"], tmp_path / f"cfg-{version}", cwd=root, check=False)
    return "RESULT ok" in proc.stdout, proc.stderr[-300:]


def test_the_step_interfaces_are_the_real_ones_and_the_fixed_module_imports(tmp_path):
    (tmp_path / "list.py").write_text(LIST)
    proc = python("0.13.2", ["list.py"], tmp_path / "cfg-list", cwd=tmp_path)
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))
    assert json.loads(line[len("RESULT "):]) == sorted(SUBCLASSES["zenml.steps.base_step.BaseStep"])
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    (old / "m.py").write_text(SOURCE)
    (new / "m.py").write_text(fix_source(SOURCE, "m.py").text)
    assert _imports("0.13.2", old, tmp_path)[0]
    assert not _imports("0.20.5", old, tmp_path)[0]
    for version in ("0.20.0", "0.20.5"):
        ok, err = _imports(version, new, tmp_path)
        assert ok, (version, err)
