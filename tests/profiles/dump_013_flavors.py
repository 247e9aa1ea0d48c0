"""Run inside the real ZenML 0.13.2 venv: print every built-in flavor's config keys as JSON.

Integration SDKs are not installed there: once ZenML itself is imported, any other missing
module is replaced by a stand-in so the flavor classes (plain pydantic models) can be
imported and their fields read.
"""
import importlib.abc, importlib.machinery, sys, types, json
from unittest import mock

class Fake(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path, target=None):
        top = name.split(".")[0]
        if top in ("zenml", "pydantic", "typing_extensions") or top in sys.builtin_module_names:
            return None
        for finder in sys.meta_path:
            if finder is self: continue
            try:
                spec = finder.find_spec(name, path, target)
            except Exception:
                spec = None
            if spec is not None:
                return None
        return importlib.machinery.ModuleSpec(name, self, is_package=True)
    def create_module(self, spec):
        m = mock.MagicMock(name=spec.name)
        m.__path__ = []
        m.__name__ = spec.name
        m.__spec__ = spec
        m.__all__ = []
        return m
    def exec_module(self, module):
        pass
from zenml.stack.flavor_registry import flavor_registry
from zenml.enums import StackComponentType
from zenml.utils.source_utils import load_source_path_class
import zenml.repository, zenml.stack, zenml.artifact_stores, zenml.orchestrators, zenml.step_operators, zenml.secrets_managers, zenml.container_registries, zenml.model_deployers, zenml.experiment_trackers, zenml.feature_stores, zenml.data_validators, zenml.alerter, zenml.annotators
sys.meta_path.append(Fake())
out = {}
for t in StackComponentType:
    for name, w in flavor_registry.get_flavors_by_type(t).items():
        try:
            cls = load_source_path_class(w.source)
            out.setdefault(t.value, {})[name] = sorted(k for k in cls.__fields__ if k not in ("name", "uuid"))
        except Exception as e:
            out.setdefault(t.value, {})[name] = "ERR " + repr(e)[:100]
print(json.dumps(out))
