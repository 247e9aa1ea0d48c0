"""ZM260 depends on a ``.zen`` folder above the notebook, not only on the notebook's bytes: after
``zenml init`` (or removing ``.zen``) a warm scan with the results cache must not answer with
the result of before."""

from zenml_migrate.rules import all_rules
from zenml_migrate.rules.notebooks import _notebook
from zenml_migrate.scan.engine import ScanSettings, run_scan

STEPS = "from zenml.steps import step\n\n@step\ndef load() -> int:\n    return 3\n"
NOTEBOOK = _notebook(
    "from zenml.pipelines import pipeline\nfrom my_steps import load",
    "@pipeline\ndef p(load):\n    load()",
    "p(load=load()).run()",
)


def test_a_zen_folder_made_or_removed_changes_the_cached_result(tmp_path, monkeypatch):
    tree = tmp_path / "tree" / "project"
    tree.mkdir(parents=True)
    (tree / "run.ipynb").write_text(NOTEBOOK)
    (tree / "my_steps.py").write_text(STEPS)
    monkeypatch.chdir(tree)

    def root_findings():
        report = run_scan(["."], ScanSettings(rules=all_rules(), workers=1, cache_dir=str(tmp_path / "cache")))
        return [(f.path, f.cell) for f in report.findings if f.code == "ZM260"]

    assert root_findings() == [("run.ipynb", 3)]
    (tmp_path / "tree" / ".zen").mkdir()  # ``zenml init`` one folder up
    assert root_findings() == []
    (tmp_path / "tree" / ".zen").rmdir()
    assert root_findings() == [("run.ipynb", 3)]
