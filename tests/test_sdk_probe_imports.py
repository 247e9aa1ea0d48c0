"""An import that a fix removes from a ``try:`` whose ``except ImportError:`` does something is an
availability probe (``migrate/fix/imports.py``): it becomes an import of a 0.20 module that
needs the same package (rules/data/zenml_sdk_probes.json), so the handler still runs where the
package is missing, and the re-scan of the result still sees what the fix left for a human.
The real ZenML half is tests/test_sdk_probe_imports_real_zenml.py."""

import textwrap
from collections import Counter

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.zenml_index import ALL_020, sdk_modules_020, sdk_probe, zenml013, zenml020


def c(text: str) -> str:
    return textwrap.dedent(text).lstrip()


# MLflow when it is installed; the code after ``if MLFLOW_READY: return`` runs on 0.20 where it is missing
OPTIONAL_MLFLOW = c(
    """
    from zenml.repository import Repository

    try:
        from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow as mlflow_logged

        MLFLOW_READY = True
    except (ImportError, ModuleNotFoundError):
        MLFLOW_READY = False


    def with_tracking(step_class):
        if MLFLOW_READY:
            return mlflow_logged(step_class)
        print("no tracker; metadata in", Repository().active_stack.metadata_store.uri)
        return step_class
    """
)


def test_a_removed_import_that_probes_a_package_becomes_an_import_needing_that_package():
    result = fix_source(OPTIONAL_MLFLOW, "tracking.py", experiment_tracker="mlflow=mlflow_tracker")
    probe = "zenml.integrations.mlflow.steps"
    assert "    import " + probe + "\n\n    MLFLOW_READY = True\n" in result.text
    assert "mlflow_step_decorator" not in result.text
    # what --fix said it left for a human is what the re-scan of its result finds
    left = Counter(f.code for f in result.remaining)
    assert left and Counter(f.code for f in scan_source(result.text, "tracking.py")) == left


def test_a_try_whose_handler_does_nothing_is_not_kept_for_a_probe():
    code = c(
        """
        from zenml.steps import step

        try:
            from zenml.integrations.wandb.wandb_step_decorator import enable_wandb
        except ImportError:
            pass


        @enable_wandb
        @step
        def trainer() -> int:
            return 1
        """
    )
    result = fix_source(code, "s.py", experiment_tracker="wandb=wandb_tracker")
    assert "import zenml.integrations" not in result.text


def test_every_probe_is_a_020_module_that_needs_a_package_and_replaces_a_module_020_lacks():
    probes = {m: sdk_probe(m) for m in zenml013() if sdk_probe(m)}
    assert "zenml.integrations.mlflow.mlflow_step_decorator" in probes
    for old, new in probes.items():
        assert zenml020().get(old, {}).get("", 0) != ALL_020
        assert sdk_modules_020().get(new) == ALL_020 and zenml020()[new][""] == ALL_020
        assert old.split(".")[:3] == new.split(".")[:3]  # the same integration
