"""Run history of a pipeline script that defines its own materializer and data type.

Input: ``fixtures/configs/script_materializer`` (real 0.13.2 runs of ``box_runs.py``, the
``SCRIPT_PIPELINE`` of ``fixtures/make_config_dirs.py``: a cached run and a failed run). ZenML
0.13.2 records the script's classes as ``__main__.BoxMaterializer`` / ``__main__.Box``; ZenML 0.20
loads a source in the reading process, where ``__main__`` is another program: the migrated
artifacts must name ``box_runs.BoxMaterializer`` (what 0.20's own runs of the script record), or
``output.read()`` fails. The real-tier test reads every output back through ZenML 0.20.0/0.20.5.
"""

import ast
import json
import re
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


def migrated_box_code(tmp_path: Path) -> Path:
    code = tmp_path / "code"
    code.mkdir()
    (code / "box_runs.py").write_text(make_config_dirs.SCRIPT_PIPELINE)
    assert cli_runner().invoke(app, ["code", "--fix", str(code / "box_runs.py")]).exit_code in (0, 1)
    return code


def run_box_on_the_migrated_stack(version: str, cfg: Path, code: Path, rows: str = "5") -> None:
    realzenml.zenml(version, ["stack", "set", "legacy_default"], cfg, cwd=code)
    # the script's own `__main__` block, run in the imported module: 0.20 runs a materializer of a script
    # started as `python box_runs.py` against `__main__.Box` and refuses it (its source is box_runs.Box)
    (code / "drive.py").write_text(
        f"import sys, textwrap\nimport box_runs\nsys.argv = ['box_runs.py', 'box_new', '{rows}', '0']\n"
        "block = open('box_runs.py').read().split('if __name__ == \"__main__\":', 1)[1]\n"
        "exec(textwrap.dedent(block), vars(box_runs))\n")
    proc = realzenml.python(version, [str(code / "drive.py")], cfg, cwd=code, env={"PYTHONPATH": str(code)}, check=False)
    assert proc.returncode == 0 and "FAILED" not in proc.stdout, proc.stdout[-2000:] + proc.stderr[-3000:]


@pytest.mark.real_zenml
@pytest.mark.parametrize("version", ("0.20.0", "0.20.5"))
def test_a_020_run_on_a_migrated_local_store_leaves_the_0132_outputs_alone(fresh_store, tmp_path, version):
    """review28 R13: 0.20 writes an output to <path>/<step>/<output>/<execution id> and numbers its
    executions from 1 again: with the history not migrated (or only part of it), the first 0.20 run
    of the pipeline on the migrated local store rewrote the 0.13.2 runs' artifacts in place (their
    reads, in 0.13.2 and in a later migrated history, then gave the new values)."""
    from tests.profiles.test_real_020 import copy_config

    cfg = copy_config(fresh_store[version], tmp_path / "zenml")
    code = migrated_box_code(tmp_path)
    legacy = tmp_path / "legacy"
    shutil.copytree(fixture("script_materializer"), legacy)
    [store] = [p.parent for p in (legacy / "local_stores").glob("*/make") if p.is_dir()]
    before = _files(store)
    db = cfg / "local_stores" / "default_zen_store" / "zenml.db"
    result = cli_runner().invoke(app, ["profiles", str(legacy), "--store", str(db), "--no-history"], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert f"-> {store}/zenml-0.20-" in said and ": the folder is not empty" in said, result.output
    [folder] = {said.split(f"-> {store}/", 1)[1].split(":", 1)[0]}
    assert re.fullmatch(r"zenml-0\.20-[0-9a-f]{8}", folder), folder
    run_box_on_the_migrated_stack(version, cfg, code)
    assert _files(store).keys() - before.keys() and all(k.startswith(folder + "/") for k in _files(store).keys() - before.keys())
    assert {k: v for k, v in _files(store).items() if k in before} == before  # not one byte of the old runs changed


@pytest.mark.real_zenml
@pytest.mark.parametrize("version", ("0.20.0", "0.20.5"))
def test_two_020_stores_migrated_from_one_config_dir_keep_their_outputs_apart(tmp_path, version):
    """review29 R9: a local try (`--store`) and then another store (the team server, a second
    laptop) migrated from the same 0.13.2 config dir: both stores number their runs from the
    same point, and with one `<path>/zenml-0.20` a run in one overwrote the other's outputs.
    Two stores made by the real 0.20.x (not copies: a copy is the same store); a second
    migration into the first finds its folder again (nothing written)."""
    code = migrated_box_code(tmp_path)
    legacy = tmp_path / "legacy"
    shutil.copytree(fixture("script_materializer"), legacy)
    [store] = [p.parent for p in (legacy / "local_stores").glob("*/make") if p.is_dir()]
    folders = {}
    for name in ("a", "b"):
        cfg = tmp_path / f"store-{name}" / "zenml"
        realzenml.zenml(version, ["stack", "list"], cfg, cwd=tmp_path)
        db = cfg / "local_stores" / "default_zen_store" / "zenml.db"
        result = cli_runner().invoke(app, ["profiles", str(legacy), "--store", str(db), "--no-history"], env={"COLUMNS": "300"})
        assert result.exit_code == 0, result.output
        said = " ".join(result.output.split())
        folders[name] = (cfg, said.split(f"-> {store}/", 1)[1].split(":", 1)[0])
    assert folders["a"][1] != folders["b"][1], folders
    again = cli_runner().invoke(app, ["profiles", str(legacy), "--store", str(folders["a"][0] / "local_stores" / "default_zen_store" / "zenml.db"), "--no-history"], env={"COLUMNS": "300"})
    assert again.exit_code == 0 and "nothing to write" in again.output, again.output
    run_box_on_the_migrated_stack(version, folders["a"][0], code)
    written_by_a = {k: v for k, v in _files(store).items() if k.startswith(folders["a"][1] + "/")}
    assert written_by_a
    run_box_on_the_migrated_stack(version, folders["b"][0], code, rows="7")
    after = _files(store)
    assert {k: after[k] for k in written_by_a} == written_by_a  # store b's run left store a's outputs alone
    assert any(k.startswith(folders["b"][1] + "/") for k in after)


@pytest.mark.real_zenml
@pytest.mark.parametrize("version", ("0.20.0", "0.20.5"))
def test_one_bundle_imported_into_two_020_stores_gives_each_its_own_outputs_folder(tmp_path, version):
    """review30 R3 (R9 for a bundle): the plan cannot know the store a bundle goes into, so the
    bundle says `<path>/zenml-0.20`; its import.sh (reuse_components.py, run with the 0.20 Python
    before each `zenml stack import`) names the folder after the importing store, as --store does."""
    import os
    import subprocess

    legacy = tmp_path / "legacy"
    shutil.copytree(fixture("script_materializer"), legacy)
    [store] = [p.parent for p in (legacy / "local_stores").glob("*/make") if p.is_dir()]
    made = cli_runner().invoke(app, ["profiles", str(legacy), "--bundle", str(tmp_path / "bundle"), "--no-history", "--zenml-version", version], env={"COLUMNS": "300"})
    assert made.exit_code == 0, made.output
    paths = {}
    for name in ("a", "b"):
        cfg = tmp_path / f"store-{name}" / "zenml"
        realzenml.zenml(version, ["stack", "list"], cfg, cwd=tmp_path)
        bundle = tmp_path / f"bundle-{name}"
        shutil.copytree(tmp_path / "bundle", bundle)
        env = realzenml.env_for(cfg)
        env["PATH"] = f"{realzenml.venv_python(version).parent}{os.pathsep}{env['PATH']}"
        run = subprocess.run(["sh", str(bundle / "import.sh")], cwd=str(tmp_path), env=env, stdin=subprocess.DEVNULL,
                             capture_output=True, text=True, timeout=900)
        assert run.returncode == 0, run.stdout + run.stderr
        (tmp_path / "paths.py").write_text(
            "from zenml.client import Client\nc = Client()\n"
            "print([m.configuration.get('path') for m in c.zen_store.list_stack_components("
            "project_name_or_id=c.active_project.id, type='artifact_store') if m.name != 'default'])\n")
        out = realzenml.python(version, [str(tmp_path / "paths.py")], cfg, cwd=tmp_path).stdout
        [paths[name]] = [p for p in ast.literal_eval(out.strip().splitlines()[-1]) if p.startswith(str(store))]
    assert paths["a"] != paths["b"], paths
    for p in paths.values():
        assert re.fullmatch(re.escape(f"{store}/zenml-0.20-") + "[0-9a-f]{8}", p), p
