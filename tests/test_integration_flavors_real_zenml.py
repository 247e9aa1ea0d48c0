"""The items of ``Integration.flavors()`` on the real ZenMLs (held-out 27 r01 family, my own input).

On 0.13.2 every class ``integration_classes_013()`` lists is an ``Integration`` subclass whose
``flavors()`` gives ``FlavorWrapper``s (``name``/``type``/``source``/``integration``); on 0.20.0
and 0.20.5 the same call gives ``Flavor`` classes: ``.source`` fails (AttributeError), ``.name``
is a ``property``. After ``--fix`` (ZM416) the names and types read as on 0.13.2; after
``--unsafe-fixes`` the module-level ``.source`` read (ZM004 -> ZM461) no longer breaks the import."""

import pytest

from tests.realzenml import PROBE_EACH_MODULE, probe_facts
from zenml_migrate.scan.zenml_index import integration_classes_013

pytestmark = pytest.mark.real_zenml

NAMES = '''from zenml.integrations.seldon import SeldonIntegration

SELDON = sorted((f.name, str(f.type.value if hasattr(f.type, "value") else f.type)) for f in SeldonIntegration.flavors())
'''
SOURCES = '''from zenml.integrations.seldon import SeldonIntegration

SOURCES = {w.source for w in SeldonIntegration.flavors()}
READY = True
'''

PROBE = "import importlib, json, sys\n" + PROBE_EACH_MODULE + '''
    got["value"] = repr(getattr(module, "SELDON", getattr(module, "READY", None)))
    facts[name] = got
print("RESULT " + json.dumps(facts, sort_keys=True))
'''

CLASSES_PROBE = '''import importlib, json, sys
from zenml.integrations.integration import Integration
bad = []
for path in sys.argv[1:]:
    module, _, name = path.rpartition(".")
    cls = getattr(importlib.import_module(module), name)
    if not (isinstance(cls, type) and issubclass(cls, Integration)):
        bad.append(path)
        continue
    for w in cls.flavors() or ():  # the base class's flavors() returns None there
        if not all(isinstance(getattr(w, a), str) for a in ("name", "source", "integration")):
            bad.append(path)
print("RESULT " + json.dumps({"bad": bad}))
'''


def test_the_listed_classes_are_integrations_giving_flavor_wrappers_on_0_13_2(tmp_path):
    (tmp_path / "probe.py").write_text(CLASSES_PROBE)
    classes = sorted(integration_classes_013())
    assert len(classes) > 30
    assert probe_facts("0.13.2", tmp_path, classes, tmp_path / "cfg") == {"bad": []}


def test_flavor_items_after_fix_read_as_on_0_13_2(tmp_path):
    from zenml_migrate.fix.fixer import fix_source

    root = tmp_path / "project"
    root.mkdir()
    names = fix_source(NAMES, "fixed_names.py")
    assert names.error is None and not names.todos
    sources = fix_source(SOURCES, "fixed_sources.py", unsafe=True)
    assert sources.error is None and [t[1] for t in sources.fix_todos] == ["ZM461"]
    (root / "old_names.py").write_text(NAMES)
    (root / "fixed_names.py").write_text(names.text)
    (root / "old_sources.py").write_text(SOURCES)
    (root / "fixed_sources.py").write_text(sources.text)
    (root / "probe.py").write_text(PROBE)
    modules = ["old_names", "fixed_names", "old_sources", "fixed_sources"]

    old = probe_facts("0.13.2", root, modules, tmp_path / "cfg-0.13.2")
    assert old["old_names"] == {"value": "[('seldon', 'model_deployer')]"}
    assert old["old_sources"] == {"value": "True"}
    for version in ("0.20.0", "0.20.5"):
        got = probe_facts(version, root, modules, tmp_path / f"cfg-{version}")
        assert "property" in got["old_names"]["value"], version
        assert got["fixed_names"] == old["old_names"], version
        assert got["old_sources"] == "AttributeError", version
        assert got["fixed_sources"] == {"value": "True"}, version
