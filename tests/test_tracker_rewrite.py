"""The @enable_mlflow / @enable_wandb rewrite (codemods/trackers.py) as ``migrate code`` prints and
writes it; the real ZenML half is tests/test_tracker_rewrite_real_zenml.py."""

import textwrap

from zenml_migrate.fix.fixer import fix_source


def c(text: str) -> str:
    return textwrap.dedent(text).lstrip()


def test_a_finding_on_an_import_the_fix_deletes_is_resolved_not_left():
    """Held-out repro c2c3 (C3): ZM000 on `import ...mlflow_step_decorator as mlflow_dec`, whose
    only use the rewrite removes with the import: no TODO above the next statement, not left."""
    code = c(
        """
        import zenml.integrations.mlflow.mlflow_step_decorator as mlflow_dec
        from zenml.steps import step


        @mlflow_dec.enable_mlflow
        @step
        def trainer() -> int:
            return 1
        """
    )
    result = fix_source(code, "s.py", experiment_tracker="mlflow=mlflow_tracker")
    assert result.text == c(
        """
        from zenml.steps import step


        @step(experiment_tracker="mlflow_tracker")
        def trainer() -> int:
            return 1
        """
    )
    assert result.remaining == [] and result.todos == []
