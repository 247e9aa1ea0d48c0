"""Run history of a pipeline script that defines its own materializer and data type.

Input: ``fixtures/configs/script_materializer`` (real 0.13.2 runs of ``box_runs.py``, the
``SCRIPT_PIPELINE`` of ``fixtures/make_config_dirs.py``: a cached run and a failed run). ZenML
0.13.2 records the script's classes as ``__main__.BoxMaterializer`` / ``__main__.Box``; ZenML 0.20
loads a source in the reading process, where ``__main__`` is another program: the migrated
artifacts must name ``box_runs.BoxMaterializer`` (what 0.20's own runs of the script record), or
``output.read()`` fails. The real-tier test reads every output back through ZenML 0.20.0/0.20.5.
"""

import json
import shutil
import sys
from pathlib import Path

import pytest

from tests import realzenml
from tests.clirunner import cli_runner
from tests.profiles.test_plan import plan_for
from tests.profiles.test_readers import ROOT, fixture
from zenml_migrate.cli import app
from zenml_migrate.profiles.history_plan import payload
from zenml_migrate.profiles.model import Action

sys.path.insert(0, str(ROOT / "fixtures"))
import make_config_dirs  # noqa: E402

RUNS = [name for name, _size, _fail in make_config_dirs.SCRIPT_RUNS]
# what 0.13.2 computed: make(size) -> box [0..size-1], n=size; total = sum(box) + n; box_failed's total raised
EXPECTED = {
    "box_1": {"maker": {"box": [0, 1, 2], "n": 3}, "summer": {"output": 6}},
    "box_2": {"maker": {"box": [0, 1, 2], "n": 3}, "summer": {"output": 6}},
    "box_3": {"maker": {"box": [0, 1, 2, 3], "n": 4}, "summer": {"output": 10}},
    "box_failed": {"maker": {"box": [0, 1], "n": 2}, "summer": {}},
}
STATUS = {"box_1": "completed", "box_2": "completed", "box_3": "completed", "box_failed": "failed"}


def test_the_script_classes_are_recorded_as_0132_did():
    text = (fixture("script_materializer") / "local_stores").rglob("metadata.db").__next__().read_bytes()
    assert b"__main__.BoxMaterializer" in text and b"__main__.Box" in text


def test_classes_of_the_script_get_its_module_name():
    plan = plan_for(fixture("script_materializer"))
    assert sorted(r.name for r in plan.runs if r.action in (Action.MIGRATE, Action.CHANGE)) == sorted(RUNS)
    doc = payload(plan)
    [source] = doc["sources"]
    props = {p[0]: p[4] for a in source["artifacts"].values() for p in a["properties"] if p[0] in ("materializer", "datatype") and "Box" in p[4]}
    assert props == {"materializer": "box_runs.BoxMaterializer", "datatype": "box_runs.Box"}
    outputs = [o for e in source["executions"].values() for o in e["step_configuration"]["config"]["outputs"].values()]
    assert "box_runs.BoxMaterializer" in {o["materializer_source"] for o in outputs}
    assert not any("__main__" in json.dumps(o) for o in outputs)


READ = '''
import json, sys
from zenml.post_execution import get_run
out = {}
for name in sys.argv[2:]:
    run = get_run(name)
    steps = {}
    for step in run.steps:
        steps[step.name] = {k: (v.read().items if k == "box" else v.read()) for k, v in step.outputs.items()}
    out[name] = {"status": str(run.status), "steps": steps}
open(sys.argv[1], "w").write(json.dumps(out))
'''


@pytest.mark.real_zenml
@pytest.mark.parametrize("version", ("0.20.0", "0.20.5"))
def test_outputs_of_script_materializers_read_back_on_real_zenml(fresh_store, tmp_path, version):
    from tests.profiles.test_real_020 import copy_config

    cfg = copy_config(fresh_store[version], tmp_path / "zenml")
    code = tmp_path / "code"
    code.mkdir()
    (code / "box_runs.py").write_text(make_config_dirs.SCRIPT_PIPELINE)
    fixed = cli_runner().invoke(app, ["code", "--fix", str(code / "box_runs.py")])  # the user's next step
    assert fixed.exit_code in (0, 1), fixed.output
    legacy = tmp_path / "legacy"
    shutil.copytree(fixture("script_materializer"), legacy)
    db = cfg / "local_stores" / "default_zen_store" / "zenml.db"
    result = cli_runner().invoke(app, ["profiles", str(legacy), "--store", str(db), "--code", str(code), "-q"])
    assert result.exit_code == 0, result.output
    assert_outputs_read_back(version, tmp_path, cfg, code)


def assert_outputs_read_back(version: str, tmp_path: Path, cfg: Path, code: Path) -> None:
    """The real 0.20 ``version`` (config dir ``cfg``) reads every output of RUNS and gets what 0.13.2 computed."""
    (tmp_path / "read.py").write_text(READ)
    out = tmp_path / "read.json"
    proc = realzenml.python(version, [str(tmp_path / "read.py"), str(out), *RUNS], cfg, cwd=code, env={"PYTHONPATH": str(code)}, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    seen = json.loads(out.read_text())
    assert {n: r["steps"] for n, r in seen.items()} == EXPECTED
    assert {n: r["status"] for n, r in seen.items()} == STATUS


def test_a_moved_config_dir_whose_config_yaml_was_corrected_keeps_its_history(tmp_path):
    """Moved (another home or machine), then config.yaml's store_url fixed by hand so that 0.13.2
    finds the profile again: the component files still name the old local_stores/<uuid> paths.
    The run history there was reported "not found" and its runs were not migrated."""
    cfg = tmp_path / "zenml_config"
    shutil.copytree(fixture("script_materializer"), cfg)
    text = (cfg / "config.yaml").read_text()
    old = text.split("store_url: file://")[1].split("/profiles/default")[0]
    assert not Path(old).exists()
    (cfg / "config.yaml").write_text(text.replace(old, str(cfg)))
    plan = plan_for(cfg)
    assert sorted(r.name for r in plan.runs if r.action in (Action.MIGRATE, Action.CHANGE)) == sorted(RUNS)
    [hist] = [h for p in plan.source.profiles for h in p.history if h.component == "default"]
    assert hist.error is None and hist.location.startswith(str(cfg / "local_stores")), hist


def _files(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.real_zenml
@pytest.mark.parametrize("version", ("0.20.0", "0.20.5"))
def test_a_020_run_on_a_migrated_local_store_leaves_the_0132_outputs_alone(fresh_store, tmp_path, version):
    """review28 R13: 0.20 writes an output to <path>/<step>/<output>/<execution id> and numbers its
    executions from 1 again: with the history not migrated (or only part of it), the first 0.20 run
    of the pipeline on the migrated local store rewrote the 0.13.2 runs' artifacts in place (their
    reads, in 0.13.2 and in a later migrated history, then gave the new values)."""
    from tests.profiles.test_real_020 import copy_config

    cfg = copy_config(fresh_store[version], tmp_path / "zenml")
    code = tmp_path / "code"
    code.mkdir()
    (code / "box_runs.py").write_text(make_config_dirs.SCRIPT_PIPELINE)
    assert cli_runner().invoke(app, ["code", "--fix", str(code / "box_runs.py")]).exit_code in (0, 1)
    legacy = tmp_path / "legacy"
    shutil.copytree(fixture("script_materializer"), legacy)
    [store] = [p.parent for p in (legacy / "local_stores").glob("*/make") if p.is_dir()]
    before = _files(store)
    db = cfg / "local_stores" / "default_zen_store" / "zenml.db"
    result = cli_runner().invoke(app, ["profiles", str(legacy), "--store", str(db), "--no-history"], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert f"-> {store}/zenml-0.20: the folder is not empty" in " ".join(result.output.split()), result.output
    realzenml.zenml(version, ["stack", "set", "legacy_default"], cfg, cwd=code)
    # the script's own `__main__` block, run in the imported module: 0.20 runs a materializer of a script
    # started as `python box_runs.py` against `__main__.Box` and refuses it (its source is box_runs.Box)
    (code / "drive.py").write_text(
        "import sys, textwrap\nimport box_runs\nsys.argv = ['box_runs.py', 'box_new', '5', '0']\n"
        "block = open('box_runs.py').read().split('if __name__ == \"__main__\":', 1)[1]\n"
        "exec(textwrap.dedent(block), vars(box_runs))\n")
    proc = realzenml.python(version, [str(code / "drive.py")], cfg, cwd=code, env={"PYTHONPATH": str(code)}, check=False)
    assert proc.returncode == 0 and "FAILED" not in proc.stdout, proc.stdout[-2000:] + proc.stderr[-3000:]
    assert _files(store).keys() - before.keys() and all(k.startswith("zenml-0.20/") for k in _files(store).keys() - before.keys())
    assert {k: v for k, v in _files(store).items() if k in before} == before  # not one byte of the old runs changed
