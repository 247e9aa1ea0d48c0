"""Members read on an instance typed as a class zenml itself subclasses (a zen store, a stack's
component): the instance may be of any zenml subclass, so before only an explicitly typed one
was checked and `Client().zen_store.stacks` / `active_stack.orchestrator.runtime_options`
(AttributeError on 0.20.0 and 0.20.5) went unreported. Now such a member is judged when the
0.13.2 base class had it (the code relied on the base API) and neither the 0.20 base nor any
zenml subclass has it (rules/data/zenml020_signatures.json ``a``, built from the wheels)."""

import textwrap

from zenml_migrate.api import scan_source


def _found(code: str):
    return [(f.span.line, f.code, f.message) for f in scan_source(textwrap.dedent(code).lstrip(), "m.py")
            if f.code in ("ZM004", "ZM112")]


def test_a_zen_store_member_of_0132_that_no_020_store_has_is_reported():
    found = _found(
        """
        from zenml.client import Client

        store = Client().zen_store


        def configs():
            return store.stack_configurations, store.get_stack_configuration("dev")


        def fine():
            # 0.20 members (the base's, and SqlZenStore's own `engine`): not reported
            return store.list_stacks(), store.engine, store.url
        """
    )
    assert [(line, code) for line, code, _ in found] == [(7, "ZM004"), (7, "ZM004")], found
    assert all("instances of `BaseZenStore`" in m for _, _, m in found), found


def test_a_base_component_member_of_0132_gone_in_020_is_reported_through_the_stack_property():
    found = _found(
        """
        from zenml.client import Client

        stack = Client().active_stack


        def hooks():
            operator = stack.step_operator
            return operator.prepare_pipeline_run, stack.artifact_store.runtime_options


        def config_reads():
            # config fields 0.20 forwards from `.config`, and a subclass's own member: not reported
            return stack.orchestrator.kubernetes_context, stack.artifact_store.path, stack.experiment_tracker.get_tracking_uri()
        """
    )
    assert [(line, code) for line, code, _ in found] == [(8, "ZM004"), (8, "ZM004")], found
    assert "`prepare_pipeline_run` is not an attribute of instances of `BaseStepOperator`" in found[0][2]
    assert "`runtime_options` is not an attribute of instances of `BaseArtifactStore`" in found[1][2]


def test_a_member_of_an_item_of_the_stacks_components_is_named_by_the_member_net_not_a_removed_module():
    # `StackComponent` was also re-exported by 0.13.2's `zenml.zen_stores.models`: the rule of that removed
    # module explains the module, not what a component lacks in 0.20 (it said "zen_stores.models was removed")
    found = _found(
        """
        from zenml.client import Client

        for component in Client().active_stack.components.values():
            print(component.cleanup_pipeline_run)
        """
    )
    assert [(line, code) for line, code, _ in found] == [(4, "ZM004")], found
    assert "instances of `StackComponent`" in found[0][2]
