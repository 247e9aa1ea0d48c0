"""A module-level variable that holds the value of an expression (a call, an attribute read)
is that expression's value in every module that imports it: the expression is reported and
fixed where it is written, and an importer's use of the variable is no new finding (as a later
use of the variable in the same file is not). Members read on the value are new uses."""

from tests.scan_helpers import codes, migrate, scan_json, write_tree

TREE = {
    "ops/registry.py": """
        from zenml.integrations.kubeflow.orchestrators import KubeflowOrchestrator
        from zenml.repository import Repository

        KFP_FLAVOR = KubeflowOrchestrator.FLAVOR
        ALL_PIPELINES = Repository().get_pipelines()
    """,
    "ops/__init__.py": """
        from ops.registry import ALL_PIPELINES, KFP_FLAVOR
    """,
    "dashboard.py": """
        import ops.registry as reg
        from ops import ALL_PIPELINES, KFP_FLAVOR


        def flavors():
            return {"kubeflow": KFP_FLAVOR, "same": reg.KFP_FLAVOR}


        def table():
            rows = [(p.name, len(p.runs)) for p in ALL_PIPELINES]
            return rows, [p.get_run_names() for p in reg.ALL_PIPELINES]
    """,
}


def test_an_imported_variable_is_reported_where_its_expression_is_written(tmp_path):
    write_tree(tmp_path, TREE)
    found = codes(scan_json(tmp_path))
    assert ("ops/registry.py", 5, "ZM423") in found and ("ops/registry.py", 6, "ZM302") in found
    # dashboard.py uses the values: only the member 0.20 lacks is a new finding
    assert [c for c in found if c[0] == "dashboard.py"] == [("dashboard.py", 12, "ZM304")]


def test_fix_rewrites_each_expression_once_and_the_rescan_is_clean(tmp_path):
    write_tree(tmp_path, TREE)
    migrate(["code", ".", "--fix"], tmp_path)
    assert "TODO" not in (tmp_path / "dashboard.py").read_text()
    registry = (tmp_path / "ops/registry.py").read_text()
    assert "KubeflowOrchestratorFlavor().name" in registry and "get_pipelines()" in registry
    assert codes(scan_json(tmp_path)) == []
