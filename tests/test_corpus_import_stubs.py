"""The corpus harness (scripts/corpus_import.py) charges a failing line to the module that
holds it. A project module already known to fail is replaced by a stub for the retry; the
importer must not be charged for what the stub lacks (a package's submodules, the names
an ``__init__`` re-exports with ``import *``). Plain Python: no ZenML needed."""

import sys

import pytest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import corpus_import  # noqa: E402
from tests.scan_helpers import write_tree  # noqa: E402


def _project(tmp_path, files):
    return corpus_import.project_modules(str(write_tree(tmp_path, files)))


def _import(tmp_path, modules, name):
    files = {str(Path(p).resolve()) for p, _ in modules.values()}
    old_path = list(sys.path)
    sys.path.insert(0, str(tmp_path))
    try:
        return corpus_import.in_child(lambda: corpus_import.import_one(name, modules, files, True))
    finally:
        sys.path[:] = old_path


FAILING = "raise RuntimeError('fails on this release')\n"


def test_names_reexported_by_star_from_a_failing_module_do_not_charge_the_importer(tmp_path):
    modules = _project(
        tmp_path,
        {
            "ci_pkg/__init__.py": "from ci_pkg.steps import *  # noqa\n",
            "ci_pkg/steps.py": FAILING + "def trainer():\n    pass\n\nEVALUATOR = 1\n_private = 2\n",
            "run_ci.py": "from ci_pkg import trainer, EVALUATOR\n",
        },
    )
    result = _import(tmp_path, modules, "run_ci")
    assert result["failing_lines"] == []
    assert result["blamed"] == ["ci_pkg.steps"]


def test_submodules_of_a_failing_package_still_import(tmp_path):
    modules = _project(
        tmp_path,
        {
            "glue_pkg/__init__.py": FAILING,
            "glue_pkg/constants.py": "NAMES = ['a']\n",
            "audit_job.py": "from glue_pkg.constants import NAMES\nprint(NAMES)\n",
        },
    )
    result = _import(tmp_path, modules, "audit_job")
    assert result["failing_lines"] == []
    assert result["blamed"] == ["glue_pkg"]


def test_public_names_prefers_a_literal_dunder_all(tmp_path):
    path = tmp_path / "m.py"
    path.write_text("import os as _os\nfrom x import a, b as c\n__all__ = ['a']\ndef f():\n    pass\n")
    assert corpus_import.public_names(str(path)) == ["a"]
    path.write_text("import os\nfrom x import a, b as c\nclass K:\n    pass\n_hidden = 1\n")
    assert corpus_import.public_names(str(path)) == ["os", "a", "c", "K"]


def test_a_line_using_what_a_failing_module_gave_is_a_cascade(tmp_path):
    modules = _project(
        tmp_path,
        {
            "tut_steps.py": FAILING + "def producer():\n    pass\n",
            "tut_pipeline.py": "from tut_steps import producer\n\nSIZE = len(producer)\n",
        },
    )
    result = _import(tmp_path, modules, "tut_pipeline")
    assert result["blamed"] == ["tut_steps"]
    assert result["failing_lines"] == []
    assert result["cascade_lines"] == [3]


def test_a_class_body_using_what_a_failing_module_gave_is_a_cascade(tmp_path):
    """A class-body statement runs with the class statement, and what checks it (a pydantic model
    its field annotations, ``type`` a ``__qualname__``) fails at the ``class`` line: when the body
    reads a stubbed name, that is a cascade, not a line of its own (held-out 14 specs.py:23)."""
    modules = _project(
        tmp_path,
        {
            "tut_steps.py": FAILING + "def producer():\n    pass\n",
            "tut_models.py": "from tut_steps import producer\n\n\nclass Holder:\n    __qualname__ = producer\n",
        },
    )
    result = _import(tmp_path, modules, "tut_models")
    assert result["blamed"] == ["tut_steps"]
    assert result["failing_lines"] == []
    assert result["cascade_lines"] == [4]


def test_names_imported_from_resolves_relative_imports():
    source = "from .steps import a, b as c\nfrom . import steps\nimport other\ntry:\n    from pkg.steps.x import d\nexcept ImportError:\n    pass\n"
    assert corpus_import.names_imported_from(source, {"pkg.steps"}, "pkg.run", False) == {"a", "c", "steps", "d"}


def test_a_probe_retry_does_not_fail_on_pydantic_validator_reuse(tmp_path, monkeypatch):
    """pydantic 1 keeps every ``@validator``'s qualified name in ``class_validators._FUNCS``
    and refuses a second one: the probe re-executes a class body after a later line failed,
    which must not be charged as a failing line of its own (held-out 3 ingest.py:29)."""
    import types

    fake = types.ModuleType("pydantic.class_validators")
    fake._FUNCS = set()
    monkeypatch.setitem(sys.modules, "pydantic.class_validators", fake)
    modules = _project(
        tmp_path,
        {
            "cfg.py": (
                "import sys\n"
                "FUNCS = sys.modules['pydantic.class_validators']._FUNCS\n"
                "def validator(f):\n"
                "    if f.__qualname__ in FUNCS:\n"
                "        raise RuntimeError('duplicate validator function')\n"
                "    FUNCS.add(f.__qualname__)\n"
                "    return f\n"
                "class Config:\n"
                "    @validator\n"
                "    def check(cls, v):\n"
                "        return v\n"
                + FAILING
            ),
        },
    )
    result = _import(tmp_path, modules, "cfg")
    assert result["failing_lines"] == [12]
    assert result["cascade_lines"] == []


def test_a_loop_over_a_stubbed_name_ends(tmp_path):
    """``{k: f(k) for k in NAMES}`` where NAMES came from a failing project module: the stub
    is iterable (empty), not an endless ``__getitem__`` sequence (held-out 3 k8s_deploy)."""
    modules = _project(
        tmp_path,
        {
            "components.py": FAILING + "NAMES = {'a': 1}\n",
            "stacks.py": "from components import NAMES\n\nSTACKS = {k: k for k in NAMES}\n",
        },
    )
    result = _import(tmp_path, modules, "stacks")
    assert result["blamed"] == ["components"]
    assert result["failing_lines"] == [] and result["cascade_lines"] == []


def test_a_src_layout_project_imports_its_own_packages_not_stubs(tmp_path):
    """``src/churn`` is imported as ``churn`` (the installed package), never stubbed as a
    third-party package; a failure inside it is charged to it."""
    modules = _project(
        tmp_path,
        {
            "src/churn/__init__.py": "",
            "src/churn/steps.py": FAILING + "TRAIN = 1\n",
            "run.py": "from churn.steps import TRAIN\nprint(TRAIN)\n",
        },
    )
    assert set(modules) == {"churn", "churn.steps", "run"}
    assert corpus_import.source_roots(str(tmp_path)) == [str(tmp_path), str(tmp_path / "src")]
    old_path = list(sys.path)
    sys.path.insert(0, str(tmp_path / "src"))
    try:
        result = _import(tmp_path, modules, "run")
    finally:
        sys.path[:] = old_path
    assert result["blamed"] == ["churn.steps"]


def test_a_src_package_is_a_package_of_the_project(tmp_path):
    modules = _project(tmp_path, {"src/__init__.py": "", "src/steps.py": "X = 1\n"})
    assert set(modules) == {"src", "src.steps"}


def test_the_stubbed_packages_of_a_child_import_are_reported(tmp_path):
    finder = corpus_import.StubFinder(list(sys.path))
    finder.protected = {"zenml", "job"}
    modules = _project(tmp_path, {"job.py": "import not_installed_sdk_xyz\nnot_installed_sdk_xyz.run()\n"})
    finder.project_files = {str(Path(p).resolve()) for p, _ in modules.values()}
    sys.meta_path.append(finder)
    try:
        result = _import(tmp_path, modules, "job")
        wrapped = corpus_import.in_child(
            lambda: corpus_import._with_stubbed(finder, corpus_import.import_one("job", modules, finder.project_files, True))
        )
    finally:
        sys.meta_path.remove(finder)
    assert result["ok"] is True
    assert wrapped["stubbed"] == ["not_installed_sdk_xyz"]
    assert finder.stubbed == set()  # the parent's finder: the stub lived in the child only


def test_a_projects_setup_script_is_not_imported(tmp_path):
    modules = _project(tmp_path, {"setup.py": "from setuptools import setup\nsetup(name='x')\n", "tools/setup.py": "X = 1\n"})
    assert set(modules) == {"tools.setup"}


def test_a_monorepo_imports_each_distribution_from_its_src(tmp_path):
    """``libs/core/src/core`` and ``apps/job/src/job_app`` (each with its own pyproject.toml) are
    installed packages of the monorepo: ``import core`` works from the app, nothing is stubbed."""
    modules = _project(
        tmp_path,
        {
            "libs/core/pyproject.toml": "[project]\nname = 'core'\n",
            "libs/core/src/core/__init__.py": "VALUE = 1\n",
            "apps/job/setup.cfg": "[metadata]\nname = job\n",
            "apps/job/src/job_app/__init__.py": "",
            "apps/job/src/job_app/run.py": "from core import VALUE\nprint(VALUE)\n",
            "docs/src/notes.py": "X = 1\n",  # a src/ folder of no distribution is no root
        },
    )
    roots = corpus_import.source_roots(str(tmp_path))
    assert roots == [str(tmp_path), str(tmp_path / "apps/job/src"), str(tmp_path / "libs/core/src")]
    assert {"core", "job_app", "job_app.run", "docs.src.notes"} <= set(modules)
    old_path = list(sys.path)
    sys.path[:0] = roots
    try:
        result = _import(tmp_path, modules, "job_app.run")
    finally:
        sys.path[:] = old_path
    assert result["ok"] and result["failing_lines"] == [] and result["blamed"] == []


def test_stubbed_airflow_operators_chain_at_module_level():
    """``run >> report`` between two stubbed airflow operators is no failing line."""
    first, second = corpus_import.Stub(), corpus_import.Stub()
    assert (first >> second) is not None and (first << second) is not None
    assert (corpus_import._stub_class("PythonOperator")() >> second) is not None


def test_a_missing_submodule_of_an_installed_namespace_package_is_stubbed(tmp_path):
    """``google`` is a namespace package other distributions fill: ``google.cloud.aiplatform``
    missing means its distribution is not installed, so the user's import of it is stubbed
    like a missing top-level package (it was an ImportError charged to the user's line)."""
    site = tmp_path / "site"
    (site / "nsvendor" / "cloud" / "storage").mkdir(parents=True)
    (site / "nsvendor" / "cloud" / "storage" / "__init__.py").write_text("CLIENT = 1\n")
    modules = _project(
        tmp_path / "proj",
        {"job.py": "from nsvendor.cloud import storage\nfrom nsvendor.cloud import aiplatform\nfrom nsvendor.cloud.aiplatform.jobs import Job\n"},
    )
    files = {str(Path(p).resolve()) for p, _ in modules.values()}
    finder = corpus_import.StubFinder([str(site)])
    finder.protected = {"zenml", "job"}
    finder.project_files = files
    old_path, old_meta = list(sys.path), list(sys.meta_path)
    sys.path[:0] = [str(tmp_path / "proj"), str(site)]
    sys.meta_path.append(finder)
    try:
        result = corpus_import.in_child(
            lambda: corpus_import._with_stubbed(finder, corpus_import.import_one("job", modules, files, True))
        )
    finally:
        sys.path[:], sys.meta_path[:] = old_path, old_meta
        corpus_import._forget({"nsvendor", "job"})
    assert result["ok"] and result["failing_lines"] == [], result
    assert "nsvendor.cloud.aiplatform" in result.get("stubbed", ())


def _import_in_unit(unit, name):
    roots, _, modules, _ = unit
    files = {str(Path(p).resolve()) for p, _ in modules.values()}
    old_path = list(sys.path)
    sys.path[:0] = roots
    try:
        return corpus_import.in_child(lambda: corpus_import.import_one(name, modules, files, True))
    finally:
        sys.path[:] = old_path


def test_a_package_root_declared_by_the_distribution_is_a_root(tmp_path):
    """``setup(package_dir={"": "lib"})``, setup.cfg's ``package_dir = =code`` and pyproject's
    ``where = ["python"]`` install ``lib/forecasting`` as ``forecasting``: its modules carry that
    name and the project's tests import them (they were stubbed as a third-party package)."""
    _project(
        tmp_path,
        {
            "setup.py": "from setuptools import setup, find_packages\nsetup(name='f', package_dir={'': 'lib'}, packages=find_packages('lib'))\n",
            "lib/forecasting/__init__.py": "",
            "lib/forecasting/steps.py": "HORIZON = 14\n",
            "tests/test_steps.py": "from forecasting.steps import HORIZON\nassert HORIZON == 14\n",
            "tools/pyproject.toml": "[project]\nname = 't'\n[tool.setuptools.packages.find]\nwhere = [\"python\"]  # the code\n",
            "tools/python/nlp_ops/__init__.py": "X = 1\n",
            "svc/setup.cfg": "[metadata]\nname = svc\n[options]\npackage_dir =\n    =code\n",
            "svc/code/svc_app/__init__.py": "",
            "poet/pyproject.toml": '[tool.poetry]\nname = "p"\npackages = [{ include = "poet_pkg", from = "source" }]\n',
            "poet/source/poet_pkg/__init__.py": "",
        },
    )
    roots = corpus_import.source_roots(str(tmp_path))
    assert roots == [str(tmp_path), str(tmp_path / "lib"), str(tmp_path / "poet/source"), str(tmp_path / "svc/code"), str(tmp_path / "tools/python")]
    (unit,) = corpus_import.import_units(str(tmp_path))
    assert {"forecasting.steps", "tests.test_steps", "nlp_ops", "svc_app", "poet_pkg"} <= set(unit[2])
    assert not any(name.startswith(("lib.", "tools.python")) for name in unit[2])
    result = _import_in_unit(unit, "tests.test_steps")
    assert result["ok"] and result["blamed"] == []


def test_a_setup_script_is_read_never_run(tmp_path):
    (tmp_path / "setup.py").write_text("import os\nos.system('echo ran > ran.txt')\nsetup(package_dir={'': 'lib'})\n")
    assert corpus_import.declared_package_roots(str(tmp_path), ["setup.py"]) == ["lib"]
    assert not (tmp_path / "ran.txt").exists()
    (tmp_path / "setup.py").write_text("setup(\n")  # a syntax error: no root, no crash
    assert corpus_import.declared_package_roots(str(tmp_path), ["setup.py"]) == []


def test_example_folders_run_as_scripts_are_imported_each_from_its_folder(tmp_path):
    """``zenml example pull`` writes ``zenml_examples/<name>/run.py`` next to ``steps/`` and
    ``pipelines/``, run with ``cd <name> && python run.py``: each folder is imported on its own
    (two examples both have ``run`` and ``steps``), its files by their bare names."""
    _project(
        tmp_path,
        {
            "zenml_examples/mnist/run.py": "from steps import trainer\nfrom pipelines import p\nprint(trainer, p)\n",
            "zenml_examples/mnist/steps/__init__.py": "from .trainers import trainer\n",
            "zenml_examples/mnist/steps/trainers.py": "trainer = 'mnist'\n",
            "zenml_examples/mnist/pipelines/__init__.py": "p = 1\n",
            "zenml_examples/seldon/run.py": "from steps import deployer\n",
            "zenml_examples/seldon/steps.py": "deployer = 'seldon'\n",
            "notebooks/explore.py": "import os\n",  # imports nothing of its folder: a module of the project
            "pkg/__init__.py": "",
            "pkg/job.py": "from helpers import X\n",  # a package: never a script folder
            "pkg/helpers.py": "X = 1\n",
        },
    )
    units = corpus_import.import_units(str(tmp_path))
    assert [(u[1], u[3]) for u in units] == [
        (str(tmp_path), ["notebooks.explore", "pkg", "pkg.helpers", "pkg.job"]),
        (str(tmp_path / "zenml_examples/mnist"), ["pipelines", "run", "steps", "steps.trainers"]),
        (str(tmp_path / "zenml_examples/seldon"), ["run", "steps"]),
    ]
    assert units[1][0] == [str(tmp_path / "zenml_examples/mnist"), str(tmp_path)]
    for unit in units[1:]:
        result = _import_in_unit(unit, "run")
        assert result["ok"] and result["blamed"] == [], result


def test_an_nbconvert_export_is_an_ipython_script():
    """``jupyter nbconvert --to script`` writes ``get_ipython().system('zenml ...')``: the file
    is run with ``ipython script.py``, so the harness gives it IPython's ``get_ipython``."""
    export = "# In[1]:\n\n\nget_ipython().system('zenml stack list')\nget_ipython().run_line_magic('load_ext', 'autoreload')\n"
    assert corpus_import.ipython_script(export)
    assert not corpus_import.ipython_script("from IPython import get_ipython\nget_ipython().system('ls')\n")
    assert not corpus_import.ipython_script("def get_ipython():\n    return None\nget_ipython()\n")
    assert not corpus_import.ipython_script("print('get_ipython')\n")
    assert not corpus_import.ipython_script("get_ipython(\n")  # a syntax error: a plain module


IPYTHON_PROBE = """
import json, sys
sys.path[:0] = [sys.argv[1], sys.argv[2]]
import corpus_import
modules = corpus_import.project_modules(sys.argv[2])
files = {p for p, _ in modules.values()}
result = corpus_import.in_child(lambda: corpus_import.import_one("report", modules, files, True))
print(json.dumps({"ok": result["ok"], "failing_lines": result["failing_lines"]}))
"""


@pytest.mark.real_zenml
def test_an_ipython_script_imports_with_a_harmless_shell(tmp_path):
    # the harness runs in the real ZenML venvs, where IPython is installed (a zenml dependency)
    import json

    from tests.realzenml import python

    _project(tmp_path / "p", {"report.py": "get_ipython().system('zenml profile list')\nX = 1\n"})
    run = python("0.20.5", ["-c", IPYTHON_PROBE, str(ROOT / "scripts"), str(tmp_path / "p")], tmp_path / "cfg")
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result == {"ok": True, "failing_lines": []}, run.stdout + run.stderr


def test_scripts_no_import_can_name_are_imported_by_path(tmp_path):
    """``01_ingest.py`` and ``pipeline-v2/train.py`` only run as ``python <path>``: each is
    imported with its folder first on ``sys.path`` (they were skipped: never checked), the
    project's roots after it (``common/03-report.py`` imports ``common.steps``)."""
    _project(
        tmp_path,
        {
            "common/__init__.py": "",
            "common/steps.py": "STEP = 1\n",
            "01_ingest.py": "from common.steps import STEP\nprint(STEP)\n",
            "pipeline-v2/train.py": "from helpers import FEATURES\nprint(FEATURES)\n",
            "pipeline-v2/helpers.py": "FEATURES = ['a']\n",
            "pipeline-v2/02-eval.py": "from helpers import FEATURES\n",
            "common/03-report.py": "import common.steps\n",
        },
    )
    units = corpus_import.import_units(str(tmp_path))
    assert [(u[1], u[3]) for u in units] == [
        (str(tmp_path), ["common", "common.steps"]),
        (str(tmp_path / "pipeline-v2"), ["_script_02_eval", "helpers", "train"]),
        (str(tmp_path), ["_script_01_ingest"]),
        (str(tmp_path / "common"), ["_script_03_report"]),
    ]
    for unit in units[1:]:
        for name in unit[3]:
            result = _import_in_unit(unit, name)
            assert result["ok"] and result["blamed"] == [], (name, result)


def test_the_stand_in_of_a_failing_module_binds_what_its_star_imports_bind(tmp_path):
    # kit fails: its stand-in gives kit.core's names (stubs) and json's (real); a name json lacks
    # still fails in the importer (NameError: a failing line of its own)
    modules = _project(
        tmp_path,
        {
            "kit/__init__.py": "from kit.core import *  # noqa\nfrom json import *  # noqa\n" + FAILING,
            "kit/core.py": "__all__ = ['Trainer']\nTrainer = object\n",
            "app.py": "from kit import *  # noqa\n\nT = Trainer()\nTEXT = dumps([1])\nNOPE = JSONRepository\n",
        },
    )
    result = _import(tmp_path, modules, "app")
    assert result["blamed"] == ["kit"]
    assert result["failing_lines"] == [5] and result["cascade_lines"] == []


def test_a_neutralized_star_import_binds_the_names_of_the_module(tmp_path, monkeypatch):
    import builtins

    monkeypatch.setattr(builtins, "_corpus_stub", corpus_import.Stub, raising=False)  # as main() sets it
    # `from lib import *` fails itself (lib's __all__ names what it does not bind): the probe's
    # stand-in of the line binds lib's names, so their uses are no failing lines of their own
    modules = _project(
        tmp_path,
        {
            "lib.py": "__all__ = ['step', 'Missing']\n\n\ndef step(f):\n    return f\n",
            "flows.py": "from lib import *  # noqa\n\n\n@step\ndef a():\n    pass\n\n\nB = Missing\n",
        },
    )
    result = _import(tmp_path, modules, "flows")
    assert result["failing_lines"] == [1] and result["cascade_lines"] == [] and result["probe_error"] is None, result


def test_a_failure_a_stub_causes_inside_a_function_is_a_cascade(tmp_path, monkeypatch):
    import builtins

    monkeypatch.setattr(builtins, "_corpus_stub", corpus_import.Stub, raising=False)  # as main() sets it
    # a class a factory builds on a stubbed base, a helper a module-level statement gives a
    # stub-built value, a generator whose yield the probe removed: their failures are the stub's
    modules = _project(
        tmp_path,
        {
            "jobs.py": (
                "from json import JSONGone\n\n\n"
                "def factory():\n    class Cfg(JSONGone):\n        pass\n    return issubclass(Cfg, int)\n\n\n"
                "def helper(value):\n    return issubclass(value, int)\n\n\n"
                "def gen():\n    yield int('not a number')\n\n\n"
                "JOB = factory()\nSMALL = helper(JSONGone())\nFIRST = next(gen())\n"
            ),
        },
    )
    result = _import(tmp_path, modules, "jobs")
    # line 7 (the factory's class built on the stub) and 11 (a helper given a stub) are the
    # stub's; 15 (the yield) fails on any release; 20 (next of the generator the probe emptied)
    assert result["failing_lines"] == [1, 15] and result["cascade_lines"] == [7, 11, 20], result
    assert result["probe_error"] is None


def test_only_statements_above_a_failing_line_make_its_names_stub_derived():
    # the __main__ block rebinds `pipeline` from a stubbed value after line 3: when line 3 fails
    # (for its own reason), `pipeline` there is still the real decorator
    source = "from steps import trainer\n\n@pipeline(required_integrations=[])\ndef p(trainer):\n    trainer()\n\n" \
        "if __name__ == '__main__':\n    pipeline = p(trainer=trainer())\n"
    assert "pipeline" in corpus_import.tainted(source, {"trainer"})
    assert "pipeline" not in corpus_import.tainted(source, {"trainer"}, before=3)
