"""ZM443 (``@enable_whylogs``), ZM444 (``PyTorchMaterializer``), ZM445 (``TorchDict``) and ZM446
(``fileio.list_dir``, which must keep returning full paths, ``[]`` for a missing folder), APIs of
ZenML 0.5-0.10 that make a module fail at import, on the real ZenMLs: the rules' Bad examples fail
to import on 0.13.2 and, rewritten by ``migrate code --fix`` (ZM445: ``--unsafe-fixes``), import on
0.20.0 and 0.20.5, where the step is a step, the materializer a ``PyTorchModuleMaterializer`` and
``TorchDict`` a dict; the step whose ``context.whylogs`` read is left for a human raises
NotImplementedError when it runs. ``torch`` is not installed in the venvs: the probe gives it a
stub module with ``nn.Module`` and ``utils.data.dataloader.DataLoader`` (the names the 0.20
materializer modules need at import). One
interpreter per version."""


import pytest

from tests.realzenml import probe_facts
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules import get_rule

pytestmark = pytest.mark.real_zenml

PROBE = '''
import importlib, json, sys, types, typing

torch = types.ModuleType("torch")
torch.nn = types.ModuleType("torch.nn")
torch.nn.Module = type("Module", (), {})
torch.save = torch.load = lambda *a, **k: None
loader = types.ModuleType("torch.utils.data.dataloader")
loader.DataLoader = types.new_class("DataLoader", (typing.Generic[typing.TypeVar("T")],))  # DataLoader[Any]
sys.modules.update({"torch": torch, "torch.nn": torch.nn, "torch.utils.data.dataloader": loader})
for name in ("torch.utils", "torch.utils.data"):
    sys.modules[name] = types.ModuleType(name)

facts = {}
for name in sys.argv[1:]:
    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        facts[name] = "ImportError"
        continue
    got = {}
    if hasattr(module, "loader"):  # ZM443: the step's whylogs read raises until ported
        from zenml.steps import BaseStep
        got["step"] = isinstance(module.loader(), BaseStep)
        try:
            module.loader().entrypoint(context=None)
            got["runs"] = "returned"
        except NotImplementedError:
            got["runs"] = "NotImplementedError"
    if hasattr(module, "Loader"):
        from zenml.steps import BaseStep
        got["step"] = issubclass(module.Loader, BaseStep)
        got["runs"] = module.Loader().entrypoint()
    if hasattr(module, "CheckpointMaterializer"):  # ZM444
        from zenml.integrations.pytorch.materializers.pytorch_module_materializer import PyTorchModuleMaterializer
        got["materializer"] = issubclass(module.CheckpointMaterializer, PyTorchModuleMaterializer)
    if hasattr(module, "list_dir"):  # ZM446: 0.6.3's full paths ([] for a missing folder)
        import os
        os.makedirs("listed", exist_ok=True)
        open(os.path.join("listed", "a.txt"), "w").close()
        got["list_dir"] = [module.files, module.list_dir("listed"), module.list_dir("listed", only_file_names=True)]
    if hasattr(module, "TorchDict") and hasattr(module, "checkpoint"):  # ZM445
        got["torch_dict"] = issubclass(module.TorchDict, dict) and module.checkpoint().entrypoint() == {"epoch": 1}
    if hasattr(module, "TorchDict") and hasattr(module, "save"):  # ZM445 used only in a function (--unsafe-fixes inlines it)
        got["saves"] = module.save({"epoch": 2}) == {"epoch": 2} and isinstance(module.save({}), module.TorchDict)
    facts[name] = got
print("RESULT " + json.dumps(facts, sort_keys=True))
'''

EXAMPLES = [("ZM443", 0), ("ZM443", 1), ("ZM444", 0), ("ZM445", 0), ("ZM445", 2), ("ZM446", 0)]


def test_bad_examples_import_on_020_after_the_fix(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    for code, i in EXAMPLES:
        bad = get_rule(code).bad[i]
        fixed = fix_source(bad.code, f"fixed_{code}_{i}.py", unsafe=bad.unsafe)
        assert fixed.error is None, fixed.error
        (root / f"old_{code}_{i}.py").write_text(bad.code)
        (root / f"fixed_{code}_{i}.py").write_text(fixed.text)
    (root / "probe.py").write_text(PROBE)

    def facts(version, prefix):
        modules = [f"{prefix}_{code}_{i}" for code, i in EXAMPLES]
        return probe_facts(version, root, modules, tmp_path / f"cfg-{version}-{prefix}")

    assert set(facts("0.13.2", "old").values()) == {"ImportError"}
    for version in ("0.20.0", "0.20.5"):
        after = facts(version, "fixed")
        assert after == {
            "fixed_ZM443_0": {"step": True, "runs": "NotImplementedError"},
            "fixed_ZM443_1": {"step": True, "runs": 1},
            "fixed_ZM444_0": {"materializer": True},
            "fixed_ZM445_0": {"torch_dict": True},
            "fixed_ZM445_2": {"saves": True},
            "fixed_ZM446_0": {"list_dir": [[], ["listed/a.txt"], ["a.txt"]]},
        }, (version, after)
