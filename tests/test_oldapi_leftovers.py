"""Leftovers of the 0.5-0.12 held-out corpora (session 17): what a TODO says for a component class's
``FLAVOR`` read the fix cannot rewrite, and a 0.13.2 package re-export 0.20 dropped. Own inputs."""

import textwrap

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source


def _todos(text):
    return [line.strip() for line in text.splitlines() if "TODO(zenml-migrate): ZM423" in line]


def test_a_flavor_read_the_fix_leaves_gets_a_todo_that_names_the_flavor_class_to_use():
    # before: every such TODO showed the rule's one example (`SagemakerStepOperatorFlavor().name`), whatever
    # the class was, and "write `<Class>Flavor().name` by hand"
    code = textwrap.dedent(
        """
        from zenml.integrations.mlflow.experiment_trackers import MLFlowExperimentTracker as Tracker
        from zenml.integrations.gcp.artifact_stores import GCPArtifactStore
        from zenml.artifact_stores import LocalArtifactStore


        def tracker_flavor():
            return Tracker.FLAVOR


        STORES = {"local": LocalArtifactStore, "gcs": GCPArtifactStore}


        def store_flavor(where):
            return STORES[where].FLAVOR
        """
    )
    todos = _todos(fix_source(code).text)
    assert len(todos) == 2, todos
    alias, table = todos
    assert "`Tracker` is `MLFlowExperimentTracker`: write `MLFlowExperimentTrackerFlavor().name`" in alias
    assert "`from zenml.integrations.mlflow.flavors.mlflow_experiment_tracker_flavor import MLFlowExperimentTrackerFlavor`" in alias
    assert "read from a table or a loop here: for `LocalArtifactStore` write `LocalArtifactStoreFlavor().name`" in table
    assert "likewise for any other class it can be" in table
    assert not any("Sagemaker" in t for t in todos), todos


def test_a_name_a_0132_package_reexported_is_imported_from_its_module():
    # before: `from zenml.zen_stores import SqlZenStore` was ZM000 (a hint, no fix) and ZM460 then
    # removed the import ("has no ZenML 0.20 successor") although 0.20 defines the class where 0.13.2 did
    code = textwrap.dedent(
        """
        from zenml.zen_stores import SqlZenStore as Store


        def is_sql(store) -> bool:
            return isinstance(store, Store)
        """
    )
    found = [(f.code, f.fix, f.span.line) for f in scan_source(code)]
    assert found == [("ZM118", "safe", 2), ("ZM118", "safe", 6)], found
    fixed = fix_source(code).text
    assert "from zenml.zen_stores.sql_zen_store import SqlZenStore as Store\n" in fixed
    assert "isinstance(store, Store)" in fixed
    assert scan_source(fixed) == []


def test_a_module_level_flavor_read_of_classes_without_flavor_on_every_020_release_is_made_inert_by_the_safe_fix():
    # before: any ZM423 read made ZM461's fix unsafe ("on ZenML 0.20.5 exists for model deployer and data
    # validator classes"), also for a table of orchestrators/artifact stores, which lack `FLAVOR` on
    # 0.20.0 and 0.20.5 alike: `--fix` left the module failing at import
    head = (
        "from zenml.artifact_stores import LocalArtifactStore\n"
        "from zenml.integrations.s3.artifact_stores import S3ArtifactStore\n"
        "from zenml.integrations.mlflow.model_deployers import MLFlowModelDeployer\n\n"
    )
    table = head + 'STORES = {"local": LocalArtifactStore, "s3": S3ArtifactStore}\nFLAVORS = sorted(c.FLAVOR for c in STORES.values())\n'
    direct = head.replace("S3ArtifactStore\n", "S3ArtifactStore as S3\n") + "S3_FLAVOR = S3.FLAVOR\n"
    for text in (table, direct):
        inert = [f for f in scan_source(text) if f.code == "ZM461"]
        assert [f.fix for f in inert] == ["safe"], (text, inert)
        fixed = fix_source(text).text
        assert "raises NotImplementedError" in fixed or "_RemovedInZenML020(" in fixed, fixed
    # a model deployer's `FLAVOR` is its Flavor class on 0.20.5: a lookup that may pick it may run there, unsafe
    # (a list comprehension reads every item: the artifact store's read fails on every release, safe)
    mixed = head + 'KINDS = {"s3": S3ArtifactStore, "mlflow": MLFlowModelDeployer}\nNAME = KINDS[KIND].FLAVOR\n'
    mixed = mixed.replace("\n\n", "\n\nKIND = 'mlflow'\n", 1)
    every = mixed.replace("NAME = KINDS[KIND].FLAVOR", "NAMES = [k.FLAVOR for k in KINDS.values()]")
    assert [f.fix for f in scan_source(every) if f.code == "ZM461"] == ["safe"]
    assert [f.fix for f in scan_source(mixed) if f.code == "ZM461"] == ["unsafe"]


def test_building_a_step_of_a_release_before_0132_is_a_value_the_safe_fix_may_comment_out():
    # before: `alerter_step`/`alerter_post_step` (ZenML 0.8.1/0.9.0 `@step` functions, gone in 0.20) were
    # read as calls with effects, so ZM461's fix was unsafe and `--fix` left the module failing at import
    # (held-out 41 r03); calling a step class only builds the step (rules/data/legacy_steps.json)
    code = textwrap.dedent(
        """
        from zenml.alerter.alerter_step import alerter_ask_step, alerter_post_step
        from zenml.alerter import alerter_step as chat_step
        from zenml.steps.step_interfaces.base_alerter_step import BaseAlerterStepConfig

        ask_owner = alerter_ask_step(BaseAlerterStepConfig())
        post_summary = alerter_post_step(config=BaseAlerterStepConfig())
        CHANNELS = {"ops": chat_step(BaseAlerterStepConfig())}
        """
    )
    inert = [(f.fix, f.span.line) for f in scan_source(code) if f.code == "ZM461"]
    assert ("safe", 6) in inert and ("safe", 7) in inert and ("safe", 8) in inert, inert
    assert {fix for fix, _ in inert} == {"safe"}, inert
    fixed = fix_source(code).text
    for name in ("ask_owner", "post_summary", "CHANNELS"):
        assert f"\n{name} = _RemovedInZenML020(" in fixed, fixed
    code_lines = [line for line in fixed.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in code_lines if "zenml.alerter" in line or "_step(" in line], fixed
    assert [f for f in scan_source(fixed) if f.fix == "safe"] == []


def test_a_call_of_a_removed_function_that_is_no_step_stays_an_unsafe_fix():
    # the same statement shape with a 0.5-0.6 function that is no step (it sets up a tracking backend:
    # it runs code) keeps the unsafe fix: only the names recorded as step classes are values
    code = textwrap.dedent(
        """
        from zenml.integrations.mlflow.mlflow_utils import local_mlflow_backend

        backend = local_mlflow_backend()
        """
    )
    inert = [f.fix for f in scan_source(code) if f.code == "ZM461" and f.span.line == 4]
    assert inert == ["unsafe"], inert
