"""The scan walks only the module-level statements that can matter (scanner.prune_module).
Pruning must never change a result: pruned and full detection give identical findings,
exports and pending flags, including on the benchmark's legacy modules."""

import importlib.util
import os

import pytest

from zenml_migrate.scan.detect import RuleIndex
from zenml_migrate.rules import all_rules
from zenml_migrate.scan.file_scan import FileJob, ScanContext, detect

FILLER = "".join(f"\n\ndef helper_{i}(x):\n    return [y * {i} for y in x]\n" for i in range(14))

CASES = {
    "use before definition": "def run():\n    return make().get_pipeline('p')\n" + FILLER
    + "\ndef make():\n    return Repository()\n\nfrom zenml.repository import Repository\n",
    "names flow through assignments": "from zenml.repository import Repository\n" + FILLER
    + "\nrepo = Repository()\nalias = repo\n\ndef f():\n    return alias.get_pipeline('x')\n",
    "import inside a function": FILLER + "\ndef f():\n    from zenml.steps import BaseStepConfig\n    return BaseStepConfig\n",
    "compat shim": "try:\n    from zenml.client import Client\nexcept ImportError:\n    from zenml.repository import Repository as Client\n"
    + FILLER + "\nClient()\n",
    "class body and decorators": "import zenml.steps as zs\n" + FILLER
    + "\n@zs.step(custom_step_operator='x')\ndef s():\n    pass\n\nclass C(zs.BaseStepConfig):\n    pass\n",
    "project import in a function": "import os\n" + FILLER + "\ndef f():\n    from .steps import trainer\n    trainer(custom_step_operator='x')\n",
    "string literal rules": "import zenml\n" + FILLER + "\nFLAVOR = 'azure_key_vault'\nOTHER = 'gcp_secrets_manager'\n",
    "star import": "from zenml.steps import *\n" + FILLER + "\nclass P(BaseStepConfig):\n    pass\n",
}


def both(text, module="pkg.mod", project=None):
    ctx = ScanContext(RuleIndex(all_rules()), project or {}, {"pkg", "pkg.steps", "steps"})
    job = FileJob("pkg/mod.py", "py", module)
    full = detect(job, text, ctx)
    pruned = detect(job, text, ctx, prune=True)
    return full, pruned


def key(detector):
    return sorted((f.code, f.span) for f in detector.findings), detector.exports(), detector.pending


@pytest.mark.parametrize("case", sorted(CASES))
def test_pruned_equals_full(case):
    full, pruned = both(CASES[case], project={"pkg.steps.trainer": "zenml.steps.base_step.BaseStep+"})
    assert key(pruned) == key(full)


def test_cases_are_big_enough_to_be_pruned_and_do_find_something():
    import ast

    from zenml_migrate.scan.file_scan import _PRUNE_MIN_STATEMENTS

    found = 0
    for text in CASES.values():
        assert len(ast.parse(text).body) >= _PRUNE_MIN_STATEMENTS
        full, _ = both(text, project={"pkg.steps.trainer": "zenml.steps.base_step.BaseStep+"})
        found += bool(full.findings)
    assert found >= len(CASES) - 1


def test_benchmark_legacy_modules():
    spec = importlib.util.spec_from_file_location(
        "bench_scan", os.path.join(os.path.dirname(__file__), "benchmarks", "bench_scan.py")
    )
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    import random

    rng = random.Random(1)
    for i, template in enumerate(bench.LEGACY_TEMPLATES):
        text = bench.make_file(rng, template.format(name=f"m{i}", Cls=f"M{i}"), 6000, i * 100)
        full, pruned = both(text)
        assert full.findings and key(pruned) == key(full)


def test_a_class_another_module_mixes_in_is_walked_and_its_port_facts_exported():
    """A mixin module without zenml (scanned for another module's ``MIXIN_MARK`` fact): the pruned
    scan walks the class the fact names, so its port facts (what it reads of ``self``, or none:
    ``component_port.plain_mixin``) are the full scan's. Before, the pruned scan dropped it."""
    text = FILLER + "\nclass TeamMixin:\n    def label(self):\n        return f'{self.team}!'\n" \
        + "\nclass LogMixin:\n    def log(self, m):\n        return f'{type(self).__name__}: {self.prefix()} {m}'\n"
    base = "zenml.artifact_stores.local_artifact_store.LocalArtifactStore"
    project = {f"pkg.mod.{m}.TeamStore.__mixin__": f"pkg.mod:{m}>{base}>FLAVOR,team" for m in ("TeamMixin", "LogMixin")}
    full, pruned = both(text, project=project)
    assert key(pruned) == key(full)
    exports = pruned.exports()
    assert "reads=team;" in exports["TeamMixin.__port__"]
    assert exports["LogMixin.__port__"] == "@port:component=0"
