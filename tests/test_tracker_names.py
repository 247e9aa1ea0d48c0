"""Where the @enable_mlflow / @enable_wandb rewrite gets the tracker's name
(migrate/fix/tracker_names.py): the option, pyproject, the user's ZenML config read only."""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from zenml_migrate.fix import tracker_names as tn

ROOT = Path(__file__).resolve().parent.parent
RICH = ROOT / "fixtures" / "configs" / "rich" / "zenml_config"  # made by the real ZenML 0.13.2

STEPS = textwrap.dedent(
    """
    from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow
    from zenml.integrations.wandb.wandb_step_decorator import enable_wandb
    from zenml.steps import step

    @enable_mlflow
    @step
    def train() -> int:
        return 1

    @enable_wandb
    @step
    def evaluate() -> int:
        return 2
    """
).lstrip()


def digest(folder: Path) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def migrate(args, cwd, config_dir):
    env = dict(os.environ, NO_COLOR="1", ZENML_CONFIG_PATH=str(config_dir))
    return subprocess.run([sys.executable, "-m", "zenml_migrate", *args], cwd=str(cwd), capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL, timeout=300)


# ------------------------------------------------------------------ options and pyproject
def test_a_mistyped_flavor_is_an_error_not_ignored(tmp_path):
    """review24 G9: ``--experiment-tracker mlfow=team`` was taken as a flavor no rule asks for, so
    the name was dropped without a word and the output said no mlflow tracker name was known."""
    assert tn.tracker_flavors() == ["mlflow", "wandb"]
    with pytest.raises(tn.TrackerOptionError, match="unknown experiment tracker flavor 'mlfow' \\(mlflow, wandb\\)"):
        tn.parse_option(["mlfow=team"], "--experiment-tracker")
    with pytest.raises(tn.TrackerOptionError, match="unknown experiment tracker flavor 'mlfow'"):
        tn.from_config({"mlfow": "x"}, "pyproject.toml")
    (tmp_path / "t.py").write_text("from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow\n")
    proc = migrate(["code", "t.py", "--no-cache", "--experiment-tracker", "mlfow=team"], tmp_path, tmp_path / "cfg")
    assert proc.returncode == 2 and "unknown experiment tracker flavor 'mlfow'" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


def test_option_forms():
    assert tn.parse_option(["t"], "x") == {"*": "t"}
    assert tn.parse_option(["mlflow=a", "wandb=b"], "x") == {"mlflow": "a", "wandb": "b"}
    assert tn.from_config({"mlflow": "a"}, "x") == {"mlflow": "a"}
    for bad in (["", "mlflow="], ["=x"]):
        with pytest.raises(tn.TrackerOptionError):
            tn.parse_option(bad, "x")
    # two names for one tracker: the last one won without a word
    assert tn.parse_option(["mlflow=a", "mlflow=a"], "x") == {"mlflow": "a"}
    for bad in (["mlflow=a", "mlflow=b"], ["a", "b"]):
        with pytest.raises(tn.TrackerOptionError, match="two names for the"):
            tn.parse_option(bad, "x")


def test_option_wins_over_pyproject_and_config(tmp_path):
    names = tn.resolve(["mlflow=cli"], {"mlflow": "py", "wandb": "pyw"}, "pyproject", {"mlflow", "wandb"}, str(tmp_path),
                       environ={"ZENML_CONFIG_PATH": str(RICH)})
    assert names.name_for("mlflow") == "cli" and names.name_for("wandb") == "pyw"
    assert names.sources["mlflow"] == "--experiment-tracker"


# ------------------------------------------------------------- the user's 0.13.2 config
def test_the_active_stacks_tracker_of_a_real_0132_config(tmp_path):
    names = tn.resolve([], None, "", {"mlflow", "wandb"}, str(tmp_path), environ={"ZENML_CONFIG_PATH": str(RICH)})
    assert names.name_for("mlflow") == "mlflow_tracker"  # kf_stack, active in profile default
    assert names.name_for("wandb") is None and "0.13.2 profile 'default'" in names.sources["mlflow"]


def _profile(root: Path, stacks: dict, trackers: dict, active: str) -> Path:
    """A 0.13.2 YAML-store profile in the shape ZenML 0.13.2 writes it."""
    profile = root / "profiles" / "default"
    profile.mkdir(parents=True)
    (root / "config.yaml").write_text(
        "activated_profile: default\nprofiles:\n  default:\n"
        f"    active_stack: {active}\n    active_user: default\n    name: default\n"
        f"    store_type: local\n    store_url: file://{profile}\nuser_id: 1eb96659-4f5c-45b5-9f7d-7faa8e8a4133\nversion: 0.13.2\n"
    )
    lines = [f"{k}: []" for k in ("projects", "role_assignments", "roles", "store_associations", "team_assignments", "teams")]
    lines += ["users:", "- creation_date: '2022-09-01T00:00:00'", "  id: 0c4c3bc5-bd1c-4a6e-9e3c-8b54d8b4f8aa", "  name: default"]
    lines += ["stack_component_flavors: []", "stack_components:", "  artifact_store:", "    default: local",
             "  orchestrator:", "    default: local", "  experiment_tracker:"]
    lines += [f"    {name}: {flavor}" for name, flavor in trackers.items()]
    lines += ["stacks:"]
    for stack, tracker in stacks.items():
        lines += [f"  {stack}:", "    artifact_store: default", "    orchestrator: default", f"    experiment_tracker: {tracker}"]
    (profile / "stacks.yaml").write_text("\n".join(lines) + "\n")
    components = [("artifact_store", "default"), ("orchestrator", "default")] + [("experiment_tracker", t) for t in trackers]
    for i, (ctype, name) in enumerate(components):
        (profile / f"{ctype}s").mkdir(exist_ok=True)
        (profile / f"{ctype}s" / f"{name}.yaml").write_text(f"name: {name}\nuuid: 00000000-0000-0000-0000-{i:012d}\n")
    return root


def test_several_trackers_are_picked_by_flavor(tmp_path):
    cfg = _profile(tmp_path / "cfg", {"mlflow_stack": "mlf", "wandb_stack": "wb"}, {"mlf": "mlflow", "wb": "wandb"}, "wandb_stack")
    names = tn.resolve([], None, "", {"mlflow", "wandb"}, str(tmp_path), environ={"ZENML_CONFIG_PATH": str(cfg)})
    assert names.name_for("wandb") == "wb"  # the active stack's
    assert names.name_for("mlflow") == "mlf"  # the only mlflow tracker


def test_two_candidates_of_a_flavor_give_no_name(tmp_path):
    cfg = _profile(tmp_path / "cfg", {"a": "m1", "b": "m2", "c": "wb"}, {"m1": "mlflow", "m2": "mlflow", "wb": "wandb"}, "c")
    names = tn.resolve([], None, "", {"mlflow"}, str(tmp_path), environ={"ZENML_CONFIG_PATH": str(cfg)})
    assert names.name_for("mlflow") is None and names.candidates["mlflow"] == ["m1", "m2"]
    # replaced behaviour (lead decision, issue 7): the decorators were left; now the documented
    # name is written with a TODO, and the summary says why it is a guess
    lines = tn.summary_lines(names, {"mlflow": 2}, {}, {"mlflow": "enable_mlflow"})
    assert lines == ["experiment tracker for @enable_mlflow: 'mlflow_tracker', a guess (several mlflow trackers: m1, m2; "
                     "the name ZenML's docs register), with a TODO above each step or function that names it: edit it there, or pass "
                     "--experiment-tracker mlflow=NAME, or set [tool.zenml-migrate] experiment-tracker when rewriting"]


def test_the_repository_config_selects_the_stack(tmp_path):
    cfg = _profile(tmp_path / "cfg", {"a": "m1", "b": "m2"}, {"m1": "mlflow", "m2": "mlflow"}, "a")
    project = tmp_path / "project"
    (project / ".zen").mkdir(parents=True)
    (project / ".zen" / "config.yaml").write_text("active_profile_name: default\nactive_stack_name: b\n")
    names = tn.resolve([], None, "", {"mlflow"}, str(project / "src"), environ={"ZENML_CONFIG_PATH": str(cfg)})
    assert names.name_for("mlflow") == "m2"


# ------------------------------------------------------------------- a 0.20 store
def test_a_020_store_is_read_only_and_picked_by_flavor(tmp_path):
    """A store with the real 0.20.5 schema (tests/profiles/store020.sql) and two tracker stacks."""
    cfg = tmp_path / "cfg"
    db = cfg / "local_stores" / "default_zen_store" / "zenml.db"
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    conn.executescript((ROOT / "tests" / "profiles" / "store020.sql").read_text())
    project, user = conn.execute("SELECT project_id, user_id FROM stackschema LIMIT 1").fetchone()
    for i, (stack, tracker, flavor) in enumerate((("ml_stack", "mlf", "mlflow"), ("wb_stack", "wb", "wandb"))):
        sid, cid = f"{i}a" * 16, f"{i}b" * 16
        conn.execute("INSERT INTO stackschema VALUES (?,?,?,'2022-01-01','2022-01-01',?,0)", (project, user, sid, stack))
        conn.execute("INSERT INTO stackcomponentschema VALUES (?,?,?,?,0,'experiment_tracker',?,'e30=','2022-01-01','2022-01-01')",
                     (project, user, cid, tracker, flavor))
        conn.execute("INSERT INTO stackcompositionschema VALUES (?,?)", (sid, cid))
    conn.commit()
    conn.close()
    (cfg / "config.yaml").write_text(f"version: 0.20.5\nactive_stack_id: {'1a' * 16}\nstore:\n  type: sql\n  url: sqlite:///{db}\n")
    before = digest(cfg)
    names = tn.resolve([], None, "", {"mlflow", "wandb"}, str(tmp_path), environ={"ZENML_CONFIG_PATH": str(cfg)})
    assert names.name_for("wandb") == "wb" and names.name_for("mlflow") == "mlf"
    assert "ZenML 0.20 store" in names.sources["mlflow"]
    assert digest(cfg) == before


# ------------------------------------------------------------------------- the CLI
def test_cli_uses_the_config_says_where_from_and_writes_nothing_there(tmp_path):
    config = tmp_path / "zenml_config"
    shutil.copytree(RICH, config)
    before = digest(config)
    (tmp_path / "steps.py").write_text(STEPS)
    proc = migrate(["code", "--fix", "--no-cache", "steps.py"], tmp_path, config)
    out = (tmp_path / "steps.py").read_text()
    assert '@step(experiment_tracker="mlflow_tracker")\ndef train()' in out
    # no wandb tracker in the config: the documented name, with a TODO (was: the decorator stayed)
    assert '# TODO(zenml-migrate): ZM208 experiment_tracker="wandb_tracker" is a guess' in out
    assert '@step(experiment_tracker="wandb_tracker")\ndef evaluate()' in out
    assert "Client" not in out
    assert "experiment tracker for @enable_mlflow: 'mlflow_tracker' (from the ZenML 0.13.2 profile 'default'" in proc.stderr
    assert "experiment tracker for @enable_wandb: 'wandb_tracker', a guess (no experiment tracker name known;" in proc.stderr
    assert "left for a human: 1 TODO in rewritten code (ZM208 x1)" in proc.stderr
    assert digest(config) == before


MLFLOW_STEP = STEPS.split("@enable_wandb")[0].replace("from zenml.integrations.wandb.wandb_step_decorator import enable_wandb\n", "")
SETUP_NOTEBOOK = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": [
    "!zenml integration install mlflow -y\n", "!zenml experiment-tracker register nb_tracker --flavor=mlflow\n",
    "!zenml stack register nb_stack -a default -o default -e nb_tracker && zenml stack set nb_stack\n"]}],
    "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def test_the_projects_own_register_line_names_the_tracker_and_a_todo_names_the_config_dirs(tmp_path):
    """review26 R6: a notebook registering its own tracker and stack; the config dir's active stack has
    another (`mlflow_tracker`). Written before: `mlflow_tracker`, no TODO -> StackValidationError on the
    real 0.20.5 ('requires experiment tracker mlflow_tracker ... Available experiment trackers: {nb_tracker}')."""
    import json

    config = tmp_path / "zenml_config"
    shutil.copytree(RICH, config)
    project = tmp_path / "project"
    project.mkdir()
    (project / "steps.py").write_text(MLFLOW_STEP)
    (project / "setup.ipynb").write_text(json.dumps(SETUP_NOTEBOOK))
    proc = migrate(["code", "--fix", "--no-cache", "."], project, config)
    out = (project / "steps.py").read_text()
    assert '@step(experiment_tracker="nb_tracker")\ndef train()' in out, proc.stderr
    assert ('# TODO(zenml-migrate): ZM207 experiment_tracker="nb_tracker" is the mlflow tracker your project registers '
            "(setup.ipynb (cell 1, line 2)); the ZenML 0.13.2 profile 'default' in") in out
    assert "has 'mlflow_tracker': keep the name of the tracker in the stack this step runs on" in out
    assert ("experiment tracker for @enable_mlflow: 'nb_tracker' (from `zenml experiment-tracker register nb_tracker` in "
            "setup.ipynb (cell 1, line 2); the ZenML 0.13.2 profile 'default'") in proc.stderr
    assert "left for a human: 1 TODO in rewritten code (ZM207 x1)" in proc.stderr, proc.stderr
    # the same name in the config dir: no TODO; no config dir: the project's name, no guess
    (project / "steps.py").write_text(MLFLOW_STEP)
    (project / "setup.sh").write_text("zenml experiment-tracker register mlflow_tracker --flavor mlflow\n")
    (project / "setup.ipynb").unlink()
    migrate(["code", "--fix", "--no-cache", "."], project, config)
    assert "TODO" not in (project / "steps.py").read_text()
    (project / "steps.py").write_text(MLFLOW_STEP)
    scan = migrate(["scan", "--no-cache", "steps.py", "setup.sh"], project, tmp_path / "none")
    assert "ZM207" in scan.stdout and "no mlflow experiment tracker name known" not in scan.stdout, scan.stdout
    fixed = migrate(["code", "--fix", "--no-cache", "."], project, tmp_path / "none")
    assert "(from `zenml experiment-tracker register mlflow_tracker` in setup.sh:1)" in fixed.stderr, fixed.stderr
    assert "TODO" not in (project / "steps.py").read_text()


SETUP_PY = """import os
import subprocess


def local():
    subprocess.run(["zenml", "experiment-tracker", "register", "py_tracker", "--flavor=mlflow"], check=True)
    os.system("zenml stack register py_stack -o default -a default -e py_tracker && zenml stack set py_stack")
"""


def test_register_lines_python_runs_name_the_tracker_and_several_names_get_a_todo_naming_them(tmp_path):
    """review26 R6 rest: `subprocess.run(["zenml", "experiment-tracker", "register", ...])` / `os.system("zenml ...")`
    in Python name the tracker too (main 9de3fe0 wrote the config dir's `mlflow_tracker`, no TODO: on the real 0.20.5
    the step then fails with StackValidationError after the project's own setup_stack.py, /tmp/prof27/r6_p1); two
    project names for one flavor: the config dir's when it is one of them, else the first, with a TODO naming them."""
    config = tmp_path / "zenml_config"
    shutil.copytree(RICH, config)
    project = tmp_path / "project"
    project.mkdir()
    (project / "steps.py").write_text(MLFLOW_STEP)
    (project / "setup_stack.py").write_text(SETUP_PY)
    proc = migrate(["code", "--fix", "--no-cache", "."], project, config)
    out = (project / "steps.py").read_text()
    assert '@step(experiment_tracker="py_tracker")\ndef train()' in out, proc.stderr
    assert ('# TODO(zenml-migrate): ZM207 experiment_tracker="py_tracker" is the mlflow tracker your project registers '
            "(setup_stack.py:6); the ZenML 0.13.2 profile 'default' in") in out
    assert "(from `zenml experiment-tracker register py_tracker` in setup_stack.py:6;" in proc.stderr, proc.stderr
    # a second name, from os.system: the first registered is written, the TODO names both (and the config dir's)
    (project / "steps.py").write_text(MLFLOW_STEP)
    (project / "remote.py").write_text('import os\n\nos.system("zenml experiment-tracker register remote_tracker -f mlflow")\n')
    proc = migrate(["code", "--fix", "--no-cache", "."], project, config)
    out = (project / "steps.py").read_text()
    (name,) = [n for n in ("py_tracker", "remote_tracker") if f'@step(experiment_tracker="{n}")' in out]
    assert ("ZM207 experiment_tracker=\"%s\" is one of the mlflow trackers your project registers: " % name) in out
    assert "'remote_tracker' (remote.py:3)" in out and "'py_tracker' (setup_stack.py:6)" in out
    assert "has 'mlflow_tracker': keep the name of the tracker in the stack this step runs on" in out
    assert "your project registers 2 mlflow trackers: a TODO above each step names them" in proc.stderr, proc.stderr
    assert "left for a human: 1 TODO in rewritten code (ZM207 x1)" in proc.stderr, proc.stderr
    # the config dir's active tracker is one of the project's names: that one
    (project / "steps.py").write_text(MLFLOW_STEP)
    (project / "setup.sh").write_text("zenml experiment-tracker register mlflow_tracker --flavor mlflow\n")
    proc = migrate(["code", "--fix", "--no-cache", "."], project, config)
    out = (project / "steps.py").read_text()
    assert '@step(experiment_tracker="mlflow_tracker")' in out and "'mlflow_tracker' (setup.sh:1)" in out, out
    assert "has 'mlflow_tracker'" not in out


def test_scan_says_what_fix_does_without_a_name(tmp_path):
    (tmp_path / "steps.py").write_text(STEPS)
    proc = migrate(["scan", "--no-cache", "--format", "concise", "steps.py"], tmp_path, tmp_path / "none")
    # replaced behaviour: "no automatic fix" became the documented name with a TODO (lead decision, issue 7)
    assert "ZM207 [*] `@enable_mlflow` is gone" in proc.stdout, proc.stdout
    assert '(no mlflow experiment tracker name known: `--fix` writes "mlflow_tracker", the name ZenML\'s docs register, ' \
        "with a TODO; `--experiment-tracker mlflow=NAME` writes yours)" in proc.stdout
    assert "4 fixable with `migrate code --fix`" in proc.stdout
    (tmp_path / "pyproject.toml").write_text('[tool.zenml-migrate]\nexperiment-tracker = {mlflow = "m", wandb = "w"}\n')
    proc = migrate(["scan", "--no-cache", "--format", "json", "steps.py"], tmp_path, tmp_path / "none")
    assert '"fix": null' not in proc.stdout
    fixed = migrate(["code", "--fix", "--no-cache", "steps.py"], tmp_path, tmp_path / "none")
    assert fixed.returncode == 1, fixed.stderr
    out = (tmp_path / "steps.py").read_text()
    assert 'experiment_tracker="m"' in out and 'experiment_tracker="w"' in out


@pytest.mark.real_zenml
def test_a_store_made_by_the_real_0205_with_an_mlflow_and_a_wandb_stack(tmp_path):
    from tests.realzenml import zenml

    config = tmp_path / "zenml_config"
    for args in (
        ["stack", "list"],
        ["experiment-tracker", "register", "mlflow_tracker", "--flavor=mlflow"],
        ["experiment-tracker", "register", "wandb_tracker", "--flavor=wandb", "--api_key=k", "--project_name=p"],
        ["stack", "register", "wandb_stack", "-a", "default", "-o", "default", "-e", "wandb_tracker"],
        ["stack", "register", "mlflow_stack", "-a", "default", "-o", "default", "-e", "mlflow_tracker", "--set"],
    ):
        zenml("0.20.5", args, config, cwd=tmp_path)
    project = tmp_path / "project"
    project.mkdir()
    (project / "steps.py").write_text(STEPS)
    before = digest(config)
    proc = migrate(["code", "--fix", "--no-cache", "steps.py"], project, config)
    out = (project / "steps.py").read_text()
    assert '@step(experiment_tracker="mlflow_tracker")\ndef train()' in out, proc.stderr
    assert '@step(experiment_tracker="wandb_tracker")\ndef evaluate()' in out, proc.stderr
    assert "ZenML 0.20 store" in proc.stderr
    assert digest(config) == before


def test_a_020_store_that_zenml_left_in_the_middle_of_a_write_is_read_as_it_reads_it_next(tmp_path):
    """ZenML 0.20 killed while it wrote zenml.db leaves a hot journal: the read-only lookup failed ("attempt to
    write a readonly database") and the config's trackers were not used. Read the rolled-back copy, write nothing."""
    from tests.profiles.legacy_dirs import interrupted_write
    from tests.profiles.test_store import make_store

    cfg = tmp_path / "cfg"
    cfg.mkdir()
    db = make_store(cfg)
    conn = sqlite3.connect(db)
    project, user = conn.execute("SELECT project_id, user_id FROM stackschema LIMIT 1").fetchone()
    conn.execute("INSERT INTO stackschema VALUES (?,?,?,'2022-01-01','2022-01-01','tr_stack',0)", (project, user, "3c" * 16))
    conn.execute("INSERT INTO stackcomponentschema VALUES (?,?,?,'mlf_only',0,'experiment_tracker','mlflow','e30=',"
                 "'2022-01-01','2022-01-01')", (project, user, "3d" * 16))
    conn.execute("INSERT INTO stackcompositionschema VALUES (?,?)", ("3c" * 16, "3d" * 16))
    conn.commit()
    conn.close()
    interrupted_write(db, "UPDATE stackcomponentschema SET name = 'half written'")
    before = digest(cfg)
    names = tn.resolve([], None, "", {"mlflow"}, str(tmp_path), environ={"ZENML_CONFIG_PATH": str(cfg)})
    assert names.name_for("mlflow") == "mlf_only" and "ZenML 0.20 store" in names.sources["mlflow"]
    assert digest(cfg) == before
