"""ZM006: a mock/monkeypatch target in one of the project's own modules whose code no longer
uses the patched name once ``--fix`` ran.

``@patch("qa.checks.Repository")`` patches the name where ``qa/checks.py`` looks it up. When a
fix moves every use of it there to another 0.20 API (``Repository().get_pipeline(p)`` ->
``zenml.post_execution.get_pipeline(p)``, ZM301), ``--fix`` keeps the name bound for the modules
that import or patch it (``from zenml.client import Client as Repository``: the patch still finds
it), but the code under test no longer reads it: the mock is never called and the test runs the
real 0.20 API. Cross-file: the patched module's fact ``NAME.__unused__``
(``scan/resolved_with.unused_exports``), the patch calls the detector records
(``Detector._patch_target``)."""

from typing import List

from zenml_migrate.findings import Finding
from zenml_migrate.rules.base import Bad, Fix, Good, ModuleCheck, Rule
from zenml_migrate.scan.resolved_with import UNUSED_MARK, unused_names


def _patch_target_findings(detector, rule) -> List[Finding]:
    out = []
    own = None
    for node, patcher, key in detector.patch_targets:
        module, _, name = key.rpartition(".")
        if module == detector.module_name:
            own = unused_names(detector, detector.findings) if own is None else own
            if name not in own:
                continue
        elif f"{key}.{UNUSED_MARK}" not in detector.project:
            continue
        message = (
            f"`{node.value}` (a `{patcher}` target) patches `{name}` of `{module}`, whose own code does not use "
            f"`{name}` once --fix ran (the name stays bound there for the modules that import or patch it): "
            f"the mock is never called by `{module}`"
        )
        out.append(Finding(detector.path, detector._span(node), rule.code, message, None))
    return out


ZM006 = Rule(
    code="ZM006",
    name="patch-target-unused-after-fix",
    message="A mock/monkeypatch target names a zenml import of your module that the module's code no longer uses after `--fix`",
    why=(
        "`@patch(\"mypkg.reports.Repository\")` (or `patch.object(reports, \"Repository\")`, `monkeypatch.setattr(...)`) "
        "replaces the name where `mypkg/reports.py` looks it up. When a fix moves every use of it there to another "
        "0.20 API (`Repository().get_pipeline(p)` becomes `zenml.post_execution.get_pipeline(p)`), `--fix` keeps the "
        "name bound for the modules that import or patch it, so the patch still finds it, but the code under test "
        "calls the new API: the mock is never used and the test reaches the real ZenML (or fails on its asserts)."
    ),
    instead="Patch what the module calls after the fix (`mypkg.reports.get_pipeline`) and set up that mock's return value.",
    fix=Fix.NONE,
    fix_note="No automatic fix: the new target and what the mock must return depend on the 0.20 API the code calls now.",
    todo="the patched module no longer uses this name after the fix: patch the 0.20 function it calls now",
    match=(ModuleCheck(_patch_target_findings),),
    bad=(
        Bad(  # a module that patches its own name (a test in another module reads the same)
            "from unittest import mock\n\nfrom zenml.repository import Repository\n\n\n"
            "def runs(name):\n    return Repository().get_pipeline(name).runs\n\n\n"
            "@mock.patch(\"example.Repository\")\ndef test_runs(repo):\n    repo.return_value.get_pipeline.return_value.runs = []\n"
            "    assert runs(\"p\") == []\n",
            count=1,
        ),
    ),
    good=(
        Good(
            "from unittest import mock\n\n\n@mock.patch(\"example.Client\")\ndef test_x(client):\n    pass\n"
        ),
    ),
)
