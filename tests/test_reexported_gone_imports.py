"""A module that imports a gone zenml name only for other project modules (``from ingest.sources
import PandasDatasource as Src`` elsewhere, ``import obs; @obs.wandb_on``) imports nothing of the
project itself: the importers' cross-file facts (``USED_MARK``) come in a later round than its own
scan, and it was judged as if nobody imported the name ('the import can go': the fix removed it
and the importers failed with ImportError / AttributeError on 0.20). The engine scans it again
when such a fact appears (``cross_file.revisits``): the name stays bound (ZM461's stub), and an
enable_* decorator keeps its rule's fact, so the importer's ``@obs.wandb_on`` is still ported."""

from tests.scan_helpers import migrate, write_tree

TREE = {
    "ingest/sources.py": "from zenml.steps.builtin_steps import PandasDatasource\n",
    "obs/__init__.py": "from zenml.integrations.wandb.wandb_step_decorator import enable_wandb as wandb_on\n",
    "jobs/load.py": (
        "import obs\nfrom ingest.sources import PandasDatasource as Src\nfrom zenml.steps import step\n\n\n"
        "def source():\n    return Src()\n\n\n@obs.wandb_on\n@step\ndef fit() -> int:\n    return 1\n"
    ),
}


def test_a_gone_import_other_modules_import_is_not_removed(tmp_path):
    root = write_tree(tmp_path / "p", TREE)
    run = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    assert "ZM460" not in run.out, run.out
    assert "ingest/sources.py:1:39: ZM461 [*]" in run.out, run.out
    assert "obs/__init__.py:1:59: ZM461 [*]" in run.out, run.out
    assert "jobs/load.py:10:2: ZM208 [*]" in run.out, run.out  # still ported where it is used
    for one in ("obs/__init__.py", "ingest/sources.py"):  # one file: the project's facts decide too
        single = migrate(["scan", "--format", "concise", one], root)
        assert "ZM461 [*]" in single.out and "ZM460" not in single.out, single.out
    migrate(["code", "--no-cache", "--fix", "."], root)
    sources, obs, load = (root / p for p in ("ingest/sources.py", "obs/__init__.py", "jobs/load.py"))
    assert "\nPandasDatasource = _RemovedInZenML020(" in sources.read_text(), sources.read_text()
    assert "\nwandb_on = _RemovedInZenML020(" in obs.read_text(), obs.read_text()
    assert "from ingest.sources import PandasDatasource as Src\n" in load.read_text()
    assert "@obs.wandb_on" not in load.read_text() and '@step(experiment_tracker="wandb_tracker")' in load.read_text()
    namespace = {}
    for path in (sources, obs):  # the stubs bind the names the importers take (and raise only when used)
        exec(compile(path.read_text(), str(path), "exec"), namespace)
    again = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    assert again.code == 0, again.out


def test_the_zm461_message_says_who_needs_the_name(tmp_path):
    """'this module uses it at import' only where a statement of the module reads it at import;
    a name kept for other modules or for ``__all__`` says so."""
    root = write_tree(tmp_path / "p", {
        "pkg/__init__.py": "",
        "pkg/reexport.py": "from zenml.config.profile_config import ProfileConfiguration\nfrom zenml.steps import step\n",
        "pkg/user.py": "from pkg.reexport import ProfileConfiguration\n\n\ndef profile(name):\n    return ProfileConfiguration(name=name)\n",
        "pkg/listed.py": "from zenml.metadata_stores import MySQLMetadataStore\n\n__all__ = [\"MySQLMetadataStore\"]\n",
        "pkg/at_import.py": "from zenml.metadata_stores import SQLiteMetadataStore\n\nSTORE = SQLiteMetadataStore(uri=\"/tmp/m.db\")\n",
    })
    run = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    said = {line.split(":")[0]: line for line in run.out.splitlines() if ":1:" in line and "ZM461 [*] `" in line}
    assert "and another project module uses it from this one: its import can go" in said["pkg/reexport.py"], run.out
    assert "and `__all__` lists it: its import can go" in said["pkg/listed.py"], run.out
    assert "and this module uses it at import: its import can go" in said["pkg/at_import.py"], run.out
    assert sum("uses it at import" in line for line in said.values()) == 1, run.out
    migrate(["code", "--no-cache", "--fix", "."], root)  # the fixer reads the reason back from each message
    for name in ("reexport", "listed"):
        text = (root / "pkg" / f"{name}.py").read_text()
        assert "ZM461 `" in text and "is gone in ZenML 0.20 (ZM" in text and "): port the code that uses it" in text, text


# a tracker chosen by a setting at import (heldout15 r07): the gone imports sit in the blocks of a module-level `if`
SWITCH_TREE = {
    "obs/__init__.py": (
        "import sys\n\nif sys.platform == 'darwin':\n"
        "    from zenml.integrations.wandb.wandb_step_decorator import enable_wandb as log_run\n"
        "elif sys.platform.startswith('linux'):\n"
        "    from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow as log_run\n"
        "else:\n    def log_run(func):\n        return func\n"
    ),
    "jobs/fit.py": "from obs import log_run\nfrom zenml.steps import step\n\n\n@log_run\n@step\ndef fit() -> int:\n    return 1\n",
}


def test_a_gone_import_in_an_if_block_that_other_modules_import_becomes_its_stub_there(tmp_path):
    root = write_tree(tmp_path / "p", SWITCH_TREE)
    run = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    assert "obs/__init__.py:4:63: ZM461 [*]" in run.out and "obs/__init__.py:6:65: ZM461 [*]" in run.out, run.out
    assert "jobs/fit.py:5:2: ZM20" in run.out, run.out  # the importer's decorator is still ported where it is used
    migrate(["code", "--no-cache", "--fix", "."], root)
    obs, fit = (root / p for p in ("obs/__init__.py", "jobs/fit.py"))
    text = obs.read_text()
    assert text.count("\n    log_run = _RemovedInZenML020(") == 2 and "import enable_" not in text, text
    assert "\n    # TODO(zenml-migrate): ZM461 `enable_wandb` is gone in ZenML 0.20" in text, text
    assert "if sys.platform == 'darwin':\n" in text and "else:\n    def log_run(func):\n" in text  # the `if` stays
    assert "@log_run" not in fit.read_text() and "@step(experiment_tracker=" in fit.read_text(), fit.read_text()
    namespace = {}
    exec(compile(text, str(obs), "exec"), namespace)  # imports (no zenml import left) and binds the name
    assert "log_run" in namespace
    again = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    assert "ZM461" not in again.out and "ZM207" not in again.out and "ZM208" not in again.out, again.out
