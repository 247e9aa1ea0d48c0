"""scripts/corpus_check.py counts a module that fails on 0.13.2 because it was written for an
older release as an "older-API module" (issue 7: such modules must import after the fix). It
used to require every failing 0.13.2 line to be a zenml import line, so a module failing on an
older API used in a call (``@pipeline(requirements_file=...)``) was left out of every import
number. With ``--older-release PROJECT=VERSION`` the label is checked on the real release.
Plain Python: no ZenML needed (the import results are given as the harness writes them)."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import corpus_check  # noqa: E402
from tests.scan_helpers import write_tree  # noqa: E402


def _result(ok, failing=(), blamed=None):
    return {"ok": ok, "failing_lines": list(failing), "blamed": blamed, "error": None if ok else "boom"}


@pytest.fixture
def corpus(tmp_path):
    return write_tree(
        tmp_path,
        {
            # written for 0.8: fails on 0.13.2 on a keyword, not on an import line
            "old_shop/pipe.py": "from zenml.pipelines import pipeline\n\n@pipeline(requirements_file='r.txt')\ndef p(a):\n    a()\n",
            # fails on 0.13.2 and on its own release too: broken code, not older-API code
            "old_shop/broken.py": "from zenml.pipelines import pipeline\nraise RuntimeError('never imported anywhere')\n",
            "old_shop/ok.py": "X = 1\n",
            # no release given for this project: the import-line rule
            "plain/legacy_import.py": "from zenml.steps.step_interfaces.base_trainer_step import BaseTrainerStep\n",
            "plain/legacy_call.py": "from zenml.pipelines import pipeline\n\n@pipeline(requirements_file='r.txt')\ndef p(a):\n    a()\n",
        },
    )


def test_a_module_failing_on_0132_on_an_older_call_is_older_api_when_it_imports_on_its_release(corpus):
    base = {
        "old_shop/pipe.py": _result(False, [3]),
        "old_shop/broken.py": _result(False, [2]),
        "old_shop/ok.py": _result(True),
        "plain/legacy_import.py": _result(False, [1]),
        "plain/legacy_call.py": _result(False, [3]),
    }
    older = {"old_shop/pipe.py": _result(True), "old_shop/broken.py": _result(False, [2]), "old_shop/ok.py": _result(True)}
    labels = corpus_check.older_api_modules(corpus, base, older, {"old_shop"})
    assert labels == {
        "old_shop/pipe.py": "imports on its release",
        "plain/legacy_import.py": "fails on 0.13.2 only on zenml import lines",
    }


def test_older_api_modules_are_counted_in_the_import_numbers(corpus):
    def tree(ok_modules):
        return {m: _result(m in ok_modules) for m in ("old_shop/pipe.py", "old_shop/ok.py")}

    results = {
        "0.13.2": {"trees": {"orig": {"old_shop/pipe.py": _result(False, [3]), "old_shop/ok.py": _result(True)}}},
        "older": {"old_shop/pipe.py": _result(True), "old_shop/ok.py": _result(True)},
    }
    for version in ("0.20.0", "0.20.5"):
        results[version] = {"trees": {"orig": tree({"old_shop/ok.py"}), "fixed": tree({"old_shop/ok.py", "old_shop/pipe.py"}), "unsafe": tree({"old_shop/ok.py"})}}
    out = corpus_check.imports_after_fix(corpus, results, {"old_shop"})
    assert (out["legacy_only"], out["legacy_checked_on_release"]) == (1, 1)
    assert out["fail_on_0132_unlabelled"] == []
    assert (out["fixed@0.20.5"]["legacy_fixed"], out["fixed@0.20.5"]["legacy_of"]) == (1, 1)
    assert out["unsafe@0.20.0"]["legacy_not_importing"] == ["old_shop/pipe.py"]


def test_older_release_items_take_names_and_patterns_and_reject_typos():
    projects = ["a01_shop_081", "a02_lab_081", "b01_api"]
    assert corpus_check.older_releases(["*_081=0.8.1", "a02_lab_081=0.9.0"], projects) == {"a01_shop_081": "0.8.1", "a02_lab_081": "0.8.1"}
    with pytest.raises(ValueError, match="no project"):
        corpus_check.older_releases(["a03_nope=0.8.1"], projects)
    with pytest.raises(ValueError, match="PROJECT=VERSION"):
        corpus_check.older_releases(["a01_shop_081"], projects)


def test_the_venv_of_a_release_is_found_by_its_dist_info_without_running_it(tmp_path):
    write_tree(
        tmp_path,
        {
            "v081/lib/python3.8/site-packages/zenml-0.8.1.dist-info/METADATA": "Name: zenml\n",
            "v081/bin/python": "",
            "v090/lib/python3.9/site-packages/zenml-0.9.0.dist-info/METADATA": "Name: zenml\n",
            "v090/bin/python": "",
        },
    )
    assert corpus_check.old_venv_python(tmp_path, "0.9.0") == tmp_path / "v090" / "bin" / "python"
    with pytest.raises(FileNotFoundError, match="0.5.7"):
        corpus_check.old_venv_python(tmp_path, "0.5.7")
