"""The 0.13.2-only base members of the port's TODOs, on the real releases (review25 R4).

``component_port.gone_base_members`` reads the wheels' member index: every member it lists for
a component type's base is an attribute of the real 0.13.2 base class (or one of its pydantic
fields) and no attribute of the real 0.20 class in the releases it names (so each TODO's
"AttributeError" is true). And the ported orchestrator of tests/test_port_gone_base_members.py
runs on the real 0.20.0 and 0.20.5 as the TODOs say: its own methods work, the TODO'd
``self.get_upstream_step_names`` raises AttributeError.
"""

import json
import textwrap

import pytest

from tests import realzenml
from tests.test_port_gone_base_members import ORCHESTRATOR
from tests.test_ported_members_real_zenml import _result

pytestmark = pytest.mark.real_zenml

PROBE = """
import importlib, json, sys

def load(path):
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)

out = {}
for path, members in json.loads(sys.argv[1]).items():
    cls = load(path)
    fields = set(getattr(cls, "__fields__", {}) or {})  # and ``FLAVOR: ClassVar[str]``, declared for subclasses:
    declared = {a for k in cls.__mro__ for a in getattr(k, "__annotations__", {})}
    out[path] = sorted(m for m in members if hasattr(cls, m) or m in fields or m in declared)
print("RESULT " + json.dumps(out))
"""


def _gone():
    """``{type: (0.13.2 base, 0.20 class, {member: releases lacking it})}`` for every component type."""
    from zenml_migrate.rules.client import component_data
    from zenml_migrate.scan import component_members
    from zenml_migrate.scan.component_port import gone_base_members

    flavors = component_data()
    out = {}
    for type_, entry in component_members.types().items():
        base = entry["base"]
        impl = flavors[base]["implementation"]
        out[type_] = (base, impl, gone_base_members(base, type_, impl))
    return out


def test_the_gone_members_are_the_real_releases(tmp_path):
    gone = _gone()
    assert "get_upstream_step_names" in gone["orchestrator"][2] and "runtime_options" in gone["artifact_store"][2]
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE)
    old = {base: sorted(members) for base, _, members in gone.values()}
    had = _result(realzenml.python("0.13.2", [probe, json.dumps(old)], tmp_path / "c132", cwd=tmp_path))
    assert had == old  # every listed member was there on 0.13.2
    for version in ("0.20.0", "0.20.5"):
        new = {}
        for _, impl, members in gone.values():
            new.setdefault(impl, []).extend(m for m, lacking in members.items() if version in lacking)
        has = _result(realzenml.python(version, [probe, json.dumps(new)], tmp_path / f"c{version}", cwd=tmp_path))
        assert has == {impl: [] for impl in new}, version  # and none of those the index says 0.20 lacks is there


RUN = realzenml.built_component("c", "DagOrchestrator", "max_parallel=3") + textwrap.dedent("""
    import json

    class Step:
        name = "s"

    try:
        component.graph([Step()], None)
        graph = "ran"
    except AttributeError as exc:
        graph = str(exc)
    print("RESULT " + json.dumps([component.prepare_or_run_pipeline(None, None), graph]))
""")


def test_the_ported_orchestrator_fails_only_where_the_todo_says(tmp_path):
    from zenml_migrate.fix.fixer import fix_source

    code = textwrap.dedent(ORCHESTRATOR).lstrip()
    fixed = fix_source(code, "c.py", unsafe=True).text
    (tmp_path / "c.py").write_text(fixed)
    (tmp_path / "run.py").write_text(RUN)
    todo = next(i for i, line in enumerate(fixed.splitlines()) if "TODO(zenml-migrate)" in line)
    assert "get_upstream_step_names" in fixed.splitlines()[todo + 2]  # the TODO is right above the use (in `graph`)
    for version in ("0.20.0", "0.20.5"):
        result = _result(realzenml.python(version, ["run.py"], tmp_path / f"c{version}", cwd=tmp_path))
        assert result[0] == 3, version
        assert "get_upstream_step_names" in result[1], (version, result)
