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
