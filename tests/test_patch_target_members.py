"""ZM005 on patch targets naming a MEMBER 0.20's class lacks, and on targets a loop takes from a
list (h80 b11 family, own input). Before: a path's members after its class were not judged, so
``mock.patch("zenml.stack.stack.Stack.metadata_store")`` had no finding though the patch fails on
0.20 (AttributeError); and a target kept in a list and patched in a loop was read only when the
whole string also names a 0.13.2 object. tests/test_patch_target_members_real_zenml.py checks on the
real ZenMLs that each reported target fails to patch on 0.20.0/0.20.5 and patches on 0.13.2, and
that each target left alone patches on all three."""

import textwrap

from zenml_migrate.api import scan_source

CODE = textwrap.dedent(
    '''
    from unittest import mock

    import pytest

    GONE_ON_STACK = ("zenml.stack.stack.Stack.metadata_store", "zenml.stack.stack.Stack.orchestrator")


    class HookTargets:
        TARGETS = [
            "zenml.stack.stack_component.StackComponent.cleanup_pipeline_run",
            "zenml.pipelines.base_pipeline.BasePipeline.run",
        ]

        def patch_all(self):
            return [mock.patch(target) for target in self.TARGETS]


    @pytest.fixture
    def stack_patches(monkeypatch):
        for path in GONE_ON_STACK:
            monkeypatch.setattr(path, None)


    def test_runtime_options():
        with mock.patch("zenml.stack.stack_component.StackComponent.runtime_options", new={}):
            pass


    def test_created_on_purpose():
        with mock.patch("zenml.stack.stack_component.StackComponent.runtime_options", create=True):
            pass
    '''
)



def _line(needle: str, nth: int = 0) -> int:
    return [i for i, line in enumerate(CODE.splitlines(), 1) if needle in line][nth]


# what fails on 0.20 (checked on the real ZenMLs): line -> the member named
FAILING = {
    _line("Stack.metadata_store"): "metadata_store",
    _line("StackComponent.cleanup_pipeline_run"): "cleanup_pipeline_run",
    _line("StackComponent.runtime_options"): "runtime_options",
}


def test_members_0_20_lacks_are_reported_also_when_a_loop_takes_them_from_a_list():
    found = [f for f in scan_source(CODE, "tests/test_hooks.py") if f.code == "ZM005"]
    got = {f.span.line: f.message for f in found}
    assert set(got) == set(FAILING), got
    for line, member in FAILING.items():
        assert f"`{member}` is not an attribute of class" in got[line] and "(AttributeError)" in got[line], got[line]
    # no rename of the member is known: a human picks the 0.20 hook
    assert all(f.fix is None for f in found)
    assert "closest: `cleanup_step_run`" in got[_line("cleanup_pipeline_run")]


def test_a_target_patched_with_create_is_not_judged_by_its_member():
    found = [f for f in scan_source(CODE, "tests/test_hooks.py") if f.code == "ZM005"]
    assert _line("StackComponent.runtime_options", 1) not in {f.span.line for f in found}
