"""Proof on the real thing (issue 3, item 8).

``fixtures/legacy`` is a small ZenML 0.13.2 project: steps with parameters
(``BaseStepConfig``), two custom materializers (one through ``output_types=``), a
``StepContext`` step, ``@enable_mlflow`` over ``@step(...)`` and ``@enable_mlflow(nested=True)``
over a bare ``@step``, ``docker_configuration=`` / ``required_integrations=`` / ``secrets=`` on
pipelines, ``resource_configuration=`` on a step, a step attribute write, post-execution
reads through ``Repository()``, a notebook with post-execution cells and a 0.13.2 YAML run
config. ``run.py`` imports no zenml name itself (``config=`` on step instantiation,
``.with_return_materializers(...)`` and ``step.enable_cache = ...`` are reached across files).

1. The untouched project runs on the real ZenML 0.13.2 (local orchestrator, a stack with an
   MLflow experiment tracker): ``run.py``, then the notebook's code cells, in one process
   (``DRIVER``); every pipeline and the notebook print one ``RESULT <json>`` line. The YAML
   run config goes through 0.13.2's own loader (``zenml pipeline run``'s checks).
2. Two fresh copies are rewritten: ``migrate code --fix`` and ``migrate code --fix
   --unsafe-fixes`` (both ``--experiment-tracker mlflow_tracker``). For both: every file
   parses (notebook cells too), files with no finding are byte-identical, a second run
   changes nothing, no safe-fixable finding is left, every finding not fixed has a
   ``# TODO(zenml-migrate): ZMnnn`` comment, every ``zenml`` import (files and notebook
   cells) resolves on the real 0.20.0 and 0.20.5. The converted run config is accepted by
   0.20's ``PipelineRunConfiguration`` and its materializer sources import.
3. The ``--fix`` copy runs on the real 0.20.0 and 0.20.5 (an MLflow tracker
   registered with the 0.20 CLI under the name given to ``migrate code``) and its RESULT
   lines are compared with the 0.13.2 ones; the notebook of the ``--unsafe-fixes`` copy runs
   after it. Under plain ``--fix`` the notebook may stop only at a line under a TODO that
   names a rule whose fix was not applied (ZM303 ``pipeline_view.get_run(...)`` was such an
   unsafe fix; its lookup among the view's runs is safe now); the ``--unsafe-fixes``
   notebook must give the 0.13.2 result.

Known, documented differences between the 0.13.2 and the 0.20 results:
- ZM308: ``StepView.parameters`` values are JSON-encoded strings in 0.20
  (``{"lr": "0.05"}`` instead of ``{"lr": 0.05}``). Compared after ``json.loads``
  unless the rewrite already decodes them.
Everything else (outputs read back through the custom materializers, step status, the
number of runs, the MLflow experiment the tracker opened, whether the nested MLflow run
is a child run, the pipeline names, what the notebook reads) must be equal.

ZenML start-up dominates the wall time: about 25 s for 0.13.2, 30-45 s per 0.20 version,
2.5-3 minutes for the module on 2 cores (venvs cached; the mlflow venvs are built once by
``tests/realzenml_extras.py``, about 4.5 minutes cold).
"""

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest
import yaml

from tests import realzenml_extras as extras

pytestmark = pytest.mark.real_zenml

ROOT = Path(__file__).resolve().parent.parent
LEGACY = ROOT / "fixtures" / "legacy"
TRACKER = "mlflow_tracker"
NEW_VERSIONS = ("0.20.0", "0.20.5")
SOURCE_SUFFIXES = (".py", ".ipynb", ".yaml", ".yml")


# ------------------------------------------------------------------ helpers
def _copy_legacy(dest: Path) -> Path:
    shutil.copytree(LEGACY, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return dest


def _migrate(args: List[str], cwd: Path) -> subprocess.CompletedProcess:
    """The CLI of this checkout, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "zenml_migrate", *args],
        cwd=str(cwd),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=600,
    )


def _sources(project: Path) -> Dict[str, bytes]:
    return {
        str(p.relative_to(project)): p.read_bytes()
        for p in sorted(project.rglob("*"))
        if p.is_file() and p.suffix in SOURCE_SUFFIXES and "__pycache__" not in p.parts
    }


def _results(stdout: str) -> List[dict]:
    return [json.loads(line[len("RESULT "):]) for line in stdout.splitlines() if line.startswith("RESULT ")]


def _scan_json(project: Path, config: Optional[Path] = None) -> List[dict]:
    """``migrate scan``'s findings (``config``: a pyproject.toml outside the project to read)."""
    options = ["--config", str(config)] if config else []
    proc = _migrate(["scan", "--no-cache", "--format", "json", "--exit-zero", *options, "."], project)
    assert proc.returncode == 0, f"migrate scan failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    return json.loads(proc.stdout)["findings"]


def _register_tracker_stack(version: str, config: Path, cwd: Path) -> None:
    """An MLflow experiment tracker named TRACKER in an active stack, through the version's CLI."""
    extras.register_tracker_stack(version, TRACKER, config, cwd)


DRIVER = r'''
"""tests/test_e2e_real_zenml.py: run.py, then the notebooks' code cells in order (as a kernel
would), then (0.13.2 only) the run configs through 0.13.2's own loader; one process."""
import ast, json, os, runpy, sys, traceback

def run_notebook(path, label):
    """The code cells in order in one namespace; the value of the last cell's final expression is
    what the notebook shows (its Out[]). On an error: where, and the comment line above it."""
    sources = ["".join(c["source"]) for c in json.load(open(path, encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    namespace = {"__name__": "__main__"}
    out = None
    try:
        for number, source in enumerate(sources, 1):
            name = "%s[cell %d]" % (path, number)
            tree = ast.parse(source, name)
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            exec(compile(tree, name, "exec"), namespace)
            out = eval(compile(ast.Expression(last.value), name, "eval"), namespace) if last else None
        print("RESULT " + json.dumps({"notebook": label, "out": out}))
    except Exception as exc:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(path + "[cell ")]
        line_above = None
        if frames:
            number = int(frames[-1].filename.rsplit(" ", 1)[1].rstrip("]"))
            lines = sources[number - 1].splitlines()
            line_above = lines[frames[-1].lineno - 2].strip() if frames[-1].lineno > 1 else ""
        print("RESULT " + json.dumps({"notebook": label, "error": traceback.format_exc(limit=-2), "line_above": line_above}))

def check_legacy_run_config(path, pipeline_file):
    """What `zenml pipeline run PIPELINE_FILE -c PATH` checks and loads in 0.13.2, without running."""
    from zenml.config.config_keys import PipelineConfigurationKeys, StepConfigurationKeys
    from zenml.pipelines.run_pipeline import _get_module_attribute, _load_class_from_module
    from zenml.utils import source_utils, yaml_utils
    root = os.getcwd()
    module = source_utils.import_python_file(pipeline_file, root)
    config = yaml_utils.read_yaml(path)
    PipelineConfigurationKeys.key_check(config)
    _get_module_attribute(module, config["name"])
    for step in config["steps"].values():
        StepConfigurationKeys.key_check(step)
        _load_class_from_module(module, step["source"], root)
        for source in (step.get("materializers") or {}).values():
            _load_class_from_module(module, source, root)
    print("RUNCONFIG " + json.dumps({"path": path, "ok": True}))

args = json.loads(sys.argv[1])
sys.path.insert(0, os.getcwd())  # as `python run.py` would
sys.argv = ["run.py"]
runpy.run_path(os.path.abspath("run.py"), run_name="__main__")
for notebook, label in args["notebooks"]:
    run_notebook(notebook, label)
for path, pipeline_file in args.get("legacy_run_configs", []):
    check_legacy_run_config(path, pipeline_file)
'''
NOTEBOOK = "explore.ipynb"
UNSAFE_NOTEBOOK = "explore-unsafe.ipynb"  # the --unsafe-fixes copy's notebook, next to the --fix copy's
LEGACY_RUN_CONFIGS = [["configs/training.yaml", "pipelines/training_pipeline.py"]]


def _run_project(version: str, project: Path, config: Path) -> Tuple[List[dict], str]:
    """run.py and the notebooks on the real ``version``: the RESULT lines and the log."""
    driver = project.parent / f"driver-{project.name}.py"
    driver.write_text(DRIVER)
    notebooks = [[NOTEBOOK, NOTEBOOK]]
    if (project / UNSAFE_NOTEBOOK).exists():
        notebooks.append([UNSAFE_NOTEBOOK, f"{NOTEBOOK} --unsafe-fixes"])
    args = {"notebooks": notebooks}
    if version == "0.13.2":
        args["legacy_run_configs"] = LEGACY_RUN_CONFIGS
    proc = extras.python(version, "mlflow", [str(driver), json.dumps(args)], config, cwd=project, check=False)
    log = f"run.py on ZenML {version} exited {proc.returncode}:\n{proc.stdout[-4000:]}\n{proc.stderr[-6000:]}"
    assert proc.returncode == 0, log
    if version == "0.13.2":
        checked = [json.loads(line[len("RUNCONFIG "):])["path"] for line in proc.stdout.splitlines() if line.startswith("RUNCONFIG ")]
        assert checked == [path for path, _ in LEGACY_RUN_CONFIGS], log
    return _results(proc.stdout), log


def python_units(project: Path) -> List[Tuple[str, str]]:
    """(where, code) of every .py file and every notebook code cell of ``project``."""
    units = []
    for path in sorted(project.rglob("*")):
        rel = str(path.relative_to(project))
        if path.suffix == ".py":
            units.append((rel, path.read_text(encoding="utf-8")))
        elif path.suffix == ".ipynb":
            cells = [c for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
            units += [(f"{rel}[cell {i}]", "".join(c["source"])) for i, c in enumerate(cells, 1)]
    return units


def zenml_imports(project: Path) -> List[Tuple[str, int, str, str]]:
    """(file, line, module, name) of every absolute ``zenml`` import; name "" for ``import m``."""
    found = []
    for rel, code in python_units(project):
        tree = ast.parse(code, filename=rel)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(rel, node.lineno, a.name, "") for a in node.names if a.name.split(".")[0] == "zenml"]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                if node.module.split(".")[0] == "zenml":
                    found += [(rel, node.lineno, node.module, a.name) for a in node.names]
    return found


CHECK_020 = r"""
import importlib, json, sys
data = json.load(open(sys.argv[1]))
failures = []
for rel, line, module, name in data["imports"]:
    where = "%s:%s" % (rel, line)
    try:
        mod = importlib.import_module(module)
        if name == "*" or not name:
            continue
        if not hasattr(mod, name):
            importlib.import_module(module + "." + name)
    except Exception as exc:
        failures.append("%s: %s%s: %s: %s" % (where, module, (" import " + name) if name else "", type(exc).__name__, exc))
run_configs = {}
for path in data["run_configs"]:
    try:
        from zenml.config.pipeline_configurations import PipelineRunConfiguration
        from zenml.utils import yaml_utils
        if " reads this file the 0.13.2 way" in open(path).read():  # kept for `zenml pipeline run -c`: its checks
            from zenml.config.config_keys import PipelineConfigurationKeys, StepConfigurationKeys
            legacy = yaml_utils.read_yaml(path)
            PipelineConfigurationKeys.key_check(legacy)
            for step in legacy["steps"].values():
                StepConfigurationKeys.key_check(step)
                step["source"]["name"]
            run_configs[path] = None
            continue
        config = PipelineRunConfiguration.parse_obj(yaml_utils.read_yaml(path))
        for step in config.steps.values():
            for output in step.outputs.values():
                if output.materializer_source:
                    module, _, name = output.materializer_source.rpartition(".")
                    getattr(importlib.import_module(module), name)
        run_configs[path] = None
    except Exception as exc:
        run_configs[path] = "%s: %s" % (type(exc).__name__, exc)
print(json.dumps({"imports": failures, "run_configs": run_configs}))
"""


def compare_results(legacy: object, new: object, path: str = "") -> Tuple[List[str], List[str]]:
    """(differences, documented differences) between a 0.13.2 and a 0.20 RESULT value."""
    if isinstance(legacy, dict) and isinstance(new, dict):
        diffs, documented = [], []
        for key in sorted(set(legacy) | set(new)):
            where = f"{path}.{key}" if path else key
            if key not in legacy or key not in new:
                diffs.append(f"{where}: only in {'0.13.2' if key in legacy else '0.20'}")
                continue
            if key == "parameters" and isinstance(new[key], dict):
                sub_diffs, sub_doc = _compare_parameters(legacy[key], new[key], where)
            else:
                sub_diffs, sub_doc = compare_results(legacy[key], new[key], where)
            diffs += sub_diffs
            documented += sub_doc
        return diffs, documented
    if legacy != new:
        return [f"{path}: 0.13.2 {legacy!r} != 0.20 {new!r}"], []
    return [], []


def _compare_parameters(legacy: dict, new: dict, path: str) -> Tuple[List[str], List[str]]:
    """ZM308: 0.20 stores step parameters JSON-encoded; equal after decoding is the documented change."""
    diffs, documented = [], []
    for key in sorted(set(legacy) | set(new)):
        where = f"{path}.{key}"
        if key not in legacy or key not in new:
            diffs.append(f"{where}: only in {'0.13.2' if key in legacy else '0.20'}")
        elif legacy[key] == new[key]:
            continue
        elif isinstance(new[key], str) and _json_or_none(new[key]) == legacy[key]:
            documented.append(f"{where}: ZM308 JSON-encoded {new[key]!r} (0.13.2: {legacy[key]!r})")
        else:
            diffs.append(f"{where}: 0.13.2 {legacy[key]!r} != 0.20 {new[key]!r}")
    return diffs, documented


def _json_or_none(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="module")
def legacy_results(workdir) -> List[dict]:
    """The untouched legacy project run on the real ZenML 0.13.2."""
    project = _copy_legacy(workdir / "legacy")
    config = workdir / "config-0.13.2"
    _register_tracker_stack("0.13.2", config, project)
    results, _ = _run_project("0.13.2", project, config)
    return results


FIX_MODES = {"fix": [], "unsafe": ["--unsafe-fixes"]}


def _fix_copy(workdir: Path, mode: str) -> Dict[str, object]:
    """A fresh copy rewritten with ``migrate code --fix`` (+ ``--unsafe-fixes`` in mode "unsafe")."""
    project = _copy_legacy(workdir / f"migrated-{mode}")
    before = _sources(project)
    # the scan knows the tracker name `code` is given (as [tool.zenml-migrate] experiment-tracker,
    # `migrate scan` has no option for it): both sides decide the ZM207 findings the same way
    same_options = workdir / f"tracker-{mode}.toml"
    same_options.write_text(f'[tool.zenml-migrate]\nexperiment-tracker = "{TRACKER}"\n')
    findings_before = _scan_json(project, same_options)
    args = ["code", "--fix", *FIX_MODES[mode], "--experiment-tracker", TRACKER, "."]
    first = _migrate(args, project)
    assert first.returncode in (0, 1), f"migrate {' '.join(args)} failed ({first.returncode}):\n{first.stdout}\n{first.stderr}"
    return {
        "mode": mode,
        "args": args,
        "project": project,
        "before": before,
        "after": _sources(project),
        "findings_before": findings_before,
        "first": first,
    }


@pytest.fixture(scope="module")
def fixed_copies(workdir) -> Dict[str, Dict[str, object]]:
    return {mode: _fix_copy(workdir, mode) for mode in FIX_MODES}


@pytest.fixture(params=sorted(FIX_MODES))
def migrated(request, fixed_copies) -> Dict[str, object]:
    return fixed_copies[request.param]


@pytest.fixture(scope="module")
def checks_020(workdir, fixed_copies):
    """Per 0.20 version, in one process: which zenml imports of both rewrites do not resolve, and
    what 0.20's own parser says of the run configs converted by ``--unsafe-fixes``."""
    cache: Dict[str, dict] = {}

    def check(version: str) -> dict:
        if version not in cache:
            unsafe = fixed_copies["unsafe"]["project"]
            data = {
                "imports": [
                    (f"{mode}:{rel}", line, module, name)
                    for mode, copy in sorted(fixed_copies.items())
                    for rel, line, module, name in zenml_imports(copy["project"])
                ],
                "run_configs": sorted(str(p) for p in unsafe.rglob("*.yaml")),
            }
            data_file = workdir / f"checks-{version}.json"
            data_file.write_text(json.dumps(data))
            # cwd: the materializer sources of the converted run configs import from there
            proc = extras.python(version, "mlflow", ["-c", CHECK_020, str(data_file)], workdir / f"config-checks-{version}", cwd=unsafe)
            cache[version] = dict(json.loads(proc.stdout.strip().splitlines()[-1]), checked=data)
        return cache[version]

    return check


@pytest.fixture(scope="module")
def new_results(workdir, fixed_copies):
    """The ``--fix`` copy run on the real 0.20.0 and 0.20.5 (lazily, once per version), with the
    notebook of the ``--unsafe-fixes`` copy run after its own one (what ``--fix`` leaves to a
    human, ``--unsafe-fixes`` may rewrite)."""
    cache: Dict[str, Tuple[List[dict], str]] = {}

    def run(version: str) -> Tuple[List[dict], str]:
        if version not in cache:
            project = workdir / f"run-{version}"
            shutil.copytree(
                fixed_copies["fix"]["project"], project, ignore=shutil.ignore_patterns("__pycache__", ".zenml-migrate-cache")
            )
            shutil.copyfile(fixed_copies["unsafe"]["project"] / NOTEBOOK, project / UNSAFE_NOTEBOOK)
            config = workdir / f"config-{version}"
            _register_tracker_stack(version, config, project)
            cache[version] = _run_project(version, project, config)
        return cache[version]

    return run


# ------------------------------------------------------------------ the legacy half
def _by_origin(results: List[dict]) -> Dict[str, dict]:
    """RESULT lines keyed by what printed them: a pipeline name, ``notebook:<path>``, ``listing``."""
    keyed = {}
    for result in results:
        key = result.get("pipeline") or (f"notebook:{result['notebook']}" if "notebook" in result else "listing")
        assert key not in keyed, f"two RESULT lines for {key}"
        keyed[key] = result
    return keyed


def test_legacy_project_runs_on_zenml_0132(legacy_results):
    by_pipeline = _by_origin(legacy_results)
    assert set(by_pipeline) == {"stats_pipeline", "training_pipeline", "listing", "notebook:explore.ipynb"}, legacy_results
    stats = by_pipeline["stats_pipeline"]
    loaded = [1.5 + i for i in range(4)]  # run.py: LoaderConfig(size=4, offset=1.5, tags=["x", "y"])
    assert stats["load_numbers"]["parameters"] == {"size": 4, "offset": 1.5, "tags": ["x", "y"]}
    assert stats["load_numbers"]["outputs"] == {"numbers": loaded, "label": "x-y"}
    # the class-based step: Scaler(config=ScalerConfig(factor=2.0))
    assert stats["Scaler"]["parameters"] == {"factor": 2.0}
    numbers = [2.0 * n for n in loaded]
    assert stats["Scaler"]["outputs"] == {"output": numbers}
    # the custom materializer wrote and read back the user type
    assert stats["compute_stats"]["outputs"]["output"] == {"count": 4, "total": sum(numbers), "mean": sum(numbers) / 4}
    # the StepContext step saw its own name and its output's materializer
    assert stats["report"]["outputs"]["output"] == "report|BuiltInMaterializer|x-y|4|%.3f" % (sum(numbers) / 4)
    training = by_pipeline["training_pipeline"]
    assert training["train"]["parameters"] == {"lr": 0.05, "epochs": 3}
    # @enable_mlflow: the stack's tracker opened an MLflow run in the pipeline's experiment
    assert training["train"]["outputs"]["experiment"] == "training_pipeline"
    # @enable_mlflow(nested=True) over a bare @step: a child run of the pipeline's run
    assert training["evaluate"]["outputs"]["nested"] is True
    for name in ("stats_pipeline", "training_pipeline"):
        assert all(step["status"] == "completed" for step in by_pipeline[name].values() if isinstance(step, dict))
    assert by_pipeline["listing"] == {"pipelines": ["stats_pipeline", "training_pipeline"]}
    # the notebook read the same run back through PipelineView.get_run and the model materializer
    notebook = by_pipeline["notebook:explore.ipynb"]
    assert "error" not in notebook, notebook.get("error")
    shown = notebook["out"]  # the value the last cell displays
    assert shown["w"] == training["train"]["outputs"]["model"]["w"]
    assert shown["parameters"] == training["train"]["parameters"]
    assert shown["steps"] == ["loader", "trainer", "evaluator"]
    assert shown["runs"] == 1


# ------------------------------------------------------------------ the rewrite
def test_fix_rewrote_the_legacy_project(migrated):
    assert migrated["findings_before"], "scan found nothing in fixtures/legacy: the rules cannot be proven here"
    changed = sorted(f for f in migrated["before"] if migrated["before"][f] != migrated["after"].get(f))
    assert changed, f"migrate code --fix changed nothing:\n{migrated['first'].stdout}\n{migrated['first'].stderr}"
    assert migrated["first"].returncode == 1, "--fix must exit 1 when it rewrote files"
    assert migrated["mode"] == "fix" or any(
        rel.endswith(".yaml") and migrated["before"][rel] != migrated["after"][rel] for rel in migrated["before"]
    ), "--unsafe-fixes did not convert the run config"
    assert set(migrated["after"]) == set(migrated["before"]), "files appeared or disappeared"


def test_every_rewritten_file_parses(migrated):
    for where, code in python_units(migrated["project"]):  # .py files and notebook code cells
        ast.parse(code, filename=where)  # raises with file and line
    for rel in migrated["after"]:
        if rel.endswith((".yaml", ".yml")):
            assert isinstance(yaml.safe_load(migrated["after"][rel]), dict), rel


def test_files_without_findings_are_byte_identical(migrated):
    flagged = {os.path.normpath(f["path"]) for f in migrated["findings_before"]}
    untouched = [f for f in migrated["before"] if os.path.normpath(f) not in flagged]
    assert untouched, "every file had a finding: nothing to check"
    for rel in untouched:
        assert migrated["after"][rel] == migrated["before"][rel], f"{rel} had no finding but was rewritten"


def test_second_fix_changes_nothing(migrated):
    project = migrated["project"]
    second = _migrate(migrated["args"], project)
    # exit 1 is allowed: findings left for a human (TODO comments) still count as findings
    assert second.returncode in (0, 1), f"second --fix exited {second.returncode}:\n{second.stdout}\n{second.stderr}"
    assert _sources(project) == migrated["after"], f"second --fix rewrote files:\n{second.stdout}"


def test_findings_not_fixed_are_left_as_todos(migrated):
    """Issue 3 item 3: where no rewrite is applied (no fix, or an unsafe fix without
    --unsafe-fixes), --fix leaves a ``# TODO(zenml-migrate): ZMnnn`` comment (Python and notebooks)."""
    not_applied = (None,) if migrated["mode"] == "unsafe" else (None, "unsafe")
    left = sorted(
        {(f["path"], f["line"], f["code"]) for f in migrated["findings_before"]
         if f.get("fix") in not_applied and f["path"].endswith((".py", ".ipynb"))}
    )
    assert left, "fixtures/legacy has no such finding: nothing to check"
    missing = [
        f"{path}:{line}: {code}: no '# TODO(zenml-migrate): {code}' in the file after {' '.join(migrated['args'])}"
        for path, line, code in left
        if f"# TODO(zenml-migrate): {code}" not in migrated["after"][os.path.normpath(path)].decode("utf-8")
    ]
    assert not missing, "\n".join(missing) + "\n" + migrated["first"].stdout + migrated["first"].stderr


def test_no_safe_fixable_finding_left(migrated):
    left = [f for f in _scan_json(migrated["project"]) if f.get("fix") == "safe"]
    assert not left, "safe-fixable findings left after --fix:\n" + "\n".join(
        f"{f['path']}:{f['line']}:{f['column']} {f['code']} {f['message']}" for f in left
    )


@pytest.mark.parametrize("version", NEW_VERSIONS)
def test_every_zenml_import_resolves_on_zenml_020(checks_020, version):
    result = checks_020(version)
    assert result["checked"]["imports"], "no zenml import in the rewritten project"
    assert any(where.endswith("]") for where, *_ in result["checked"]["imports"]), "no notebook import checked"
    assert not result["imports"], f"zenml imports that do not resolve on {version}:\n" + "\n".join(result["imports"])


@pytest.mark.parametrize("version", NEW_VERSIONS)
def test_converted_run_configs_are_valid_on_zenml_020(checks_020, fixed_copies, version):
    result = checks_020(version)
    assert result["run_configs"], "no run config checked"
    bad = {path: error for path, error in result["run_configs"].items() if error}
    assert not bad, f"run configs 0.20 ({version}) rejects after --unsafe-fixes:\n" + "\n".join(
        f"{path}: {error}\n{Path(path).read_text()}" for path, error in bad.items()
    ) + fixed_copies["unsafe"]["first"].stdout


# ------------------------------------------------------------------ the 0.20 half
def _compare_with_legacy(legacy: dict, new: dict, key: str, version: str, log: str) -> None:
    diffs, documented = compare_results(legacy, new, key)
    assert not diffs, f"ZenML {version} results differ from 0.13.2:\n" + "\n".join(diffs) + "\n" + log
    # the one behaviour change 0.20 brings to this project is ZM308 (parameters as JSON strings),
    # unless the rewrite decodes them already; either way, nothing else differs
    assert all("ZM308" in d for d in documented), documented


@pytest.mark.parametrize("version", NEW_VERSIONS)
def test_rewritten_pipelines_give_the_same_results_on_zenml_020(legacy_results, new_results, version):
    results, log = new_results(version)
    legacy, new = _by_origin(legacy_results), _by_origin(results)
    pipelines = sorted(k for k in legacy if not k.startswith("notebook:"))
    assert set(pipelines) <= set(new), log
    for key in pipelines:
        _compare_with_legacy(legacy[key], new[key], key, version, log)


@pytest.mark.parametrize("version", NEW_VERSIONS)
def test_notebook_after_unsafe_fixes_gives_the_same_result_on_zenml_020(legacy_results, new_results, version):
    results, log = new_results(version)
    legacy = _by_origin(legacy_results)[f"notebook:{NOTEBOOK}"]
    new = _by_origin(results)[f"notebook:{NOTEBOOK} --unsafe-fixes"]
    assert "error" not in new, new["error"] + "\n" + log
    _compare_with_legacy(legacy["out"], new["out"], NOTEBOOK, version, log)


@pytest.mark.parametrize("version", NEW_VERSIONS)
def test_notebook_after_fix_runs_or_stops_at_a_todo_on_zenml_020(legacy_results, new_results, fixed_copies, version):
    """Under plain --fix the notebook may stop only where a TODO told the human why; the TODO's
    rule must be one whose fix was not applied (no fix, or unsafe)."""
    results, log = new_results(version)
    legacy = _by_origin(legacy_results)[f"notebook:{NOTEBOOK}"]
    new = _by_origin(results)[f"notebook:{NOTEBOOK}"]
    if "error" not in new:
        _compare_with_legacy(legacy["out"], new["out"], NOTEBOOK, version, log)
        return
    todo = new["line_above"] or ""
    assert todo.startswith("# TODO(zenml-migrate): "), f"the --fix notebook failed on {version} with no TODO above:\n{new['error']}"
    code = todo.split()[2]
    left = {f["code"] for f in fixed_copies["fix"]["findings_before"] if f["path"] == NOTEBOOK and f.get("fix") in (None, "unsafe")}
    assert code in left, f"{todo!r} names {code}, not a finding --fix leaves to a human ({sorted(left)})\n{new['error']}"


def test_compare_results_accepts_only_the_documented_differences():
    legacy = {"train": {"parameters": {"lr": 0.05, "tags": ["a"]}, "outputs": {"loss": 0.1}}}
    same_but_encoded = {"train": {"parameters": {"lr": "0.05", "tags": '["a"]'}, "outputs": {"loss": 0.1}}}
    diffs, documented = compare_results(legacy, same_but_encoded)
    assert diffs == [] and len(documented) == 2
    other_output = {"train": {"parameters": {"lr": 0.05, "tags": ["a"]}, "outputs": {"loss": 0.2}}}
    assert compare_results(legacy, other_output)[0] == ["train.outputs.loss: 0.13.2 0.1 != 0.20 0.2"]
    other_param = {"train": {"parameters": {"lr": "0.5", "tags": '["a"]'}, "outputs": {"loss": 0.1}}}
    assert compare_results(legacy, other_param)[0] == ["train.parameters.lr: 0.13.2 0.05 != 0.20 '0.5'"]
