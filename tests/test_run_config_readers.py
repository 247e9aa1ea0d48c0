"""YAML run configs and the other ways they are run (issue 7, item 5): a file that
``zenml pipeline run -c`` or ``with_config`` reads keeps its 0.13.2 keys (ZenML 0.20's
legacy loader needs them), with TODOs in the YAML itself saying who reads it; any file's
leftovers get their TODO in the file; the real 0.20.0 / 0.20.5 run both results."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from zenml_migrate.fix.run_config_users import legacy_readers
from zenml_migrate.scan.discovery import discover

LEGACY = textwrap.dedent(
    """
    name: training_pipeline
    steps:
      trainer:
        source:
          name: trainer
        parameters:
          lr: 0.5
          enable_cache: false
    """
).lstrip()

RUN = textwrap.dedent(
    """
    from zenml.pipelines import pipeline
    from zenml.steps import BaseStepConfig, step


    class TrainerConfig(BaseStepConfig):
        lr: float = 0.1


    @step
    def trainer(config: TrainerConfig) -> float:
        print("LR", config.lr)
        return config.lr


    @pipeline(enable_cache=False)
    def training_pipeline(trainer):
        trainer()
    """
).lstrip()

# what the user writes after the TODO: the 0.20 way to run a converted config
RUN_020 = "from run import trainer, training_pipeline\n\ntraining_pipeline(trainer=trainer()).run(config_path='other.yaml')\n"


def project(root: Path) -> Path:
    (root / "scripts").mkdir(parents=True)
    (root / "config.yaml").write_text(LEGACY)  # read by the CLI
    (root / "other.yaml").write_text(LEGACY)  # read by run_020.py's `run(config_path=)` only: converted for it
    (root / "tuned.yaml").write_text(LEGACY)  # read by with_config
    (root / "run.py").write_text(RUN)
    (root / "run_020.py").write_text(RUN_020)
    (root / "tune.py").write_text("from run import trainer, training_pipeline\n\n"
                                  "training_pipeline(trainer=trainer()).with_config('tuned.yaml').run()\n")
    (root / "scripts" / "run.sh").write_text("#!/bin/sh\nzenml init\nzenml pipeline run run.py \\\n  -c config.yaml\n"
                                             "zenml pipeline run run.py --config=config.yaml  # again\n")
    (root / "README.md").write_text("Run it:\n\n```bash\nzenml pipeline run run.py -c config.yaml\n```\n")
    return root


def migrate(args, cwd):
    return subprocess.run([sys.executable, "-m", "zenml_migrate", *args, "--no-cache"], cwd=str(cwd), capture_output=True,
                          text=True, env=dict(os.environ, NO_COLOR="1"), stdin=subprocess.DEVNULL, timeout=300)


def test_readers_are_found_in_scripts_markdown_and_python(tmp_path):
    root = project(tmp_path)
    jobs = discover([str(root)], ()).jobs
    found = legacy_readers([str(root / "config.yaml"), str(root / "tuned.yaml"), str(root / "other.yaml")], jobs, str(root))
    assert sorted(found) == [str(root / "config.yaml"), str(root / "tuned.yaml")]
    assert found[str(root / "config.yaml")][:2] == [f"{Path('scripts') / 'run.sh'}:3 (zenml pipeline run -c)", f"{Path('scripts') / 'run.sh'}:5 (zenml pipeline run -c)"]
    assert "README.md:4 (zenml pipeline run -c)" in found[str(root / "config.yaml")]
    assert found[str(root / "tuned.yaml")] == ["tune.py:3 (with_config)"]


def test_a_file_the_cli_reads_keeps_its_keys_and_says_why_in_the_yaml(tmp_path):
    root = project(tmp_path)
    proc = migrate(["code", "--fix", "--unsafe-fixes", "."], root)
    assert proc.returncode == 1, proc.stderr
    kept = (root / "config.yaml").read_text()
    assert "name: training_pipeline" in kept and "source:" in kept and "enable_cache: false" in kept
    assert kept.count("# TODO(zenml-migrate): ZM50") == 3
    assert "reads this file the 0.13.2 way" in kept and "run.sh" in kept
    # the reader's line after this run's fix of tune.py (it was 3 before: a TODO went above it)
    tune = (root / "tune.py").read_text().splitlines()
    at = next(i for i, text in enumerate(tune, 1) if "with_config" in text and not text.lstrip().startswith("#"))
    assert f"tune.py:{at} (with_config)" in (root / "tuned.yaml").read_text()
    converted = (root / "other.yaml").read_text()
    assert converted == "steps:\n  trainer:\n    enable_cache: false\n    parameters:\n      lr: 0.5\n"
    again = migrate(["code", "--fix", "--unsafe-fixes", "."], root)
    assert (root / "config.yaml").read_text() == kept, "a second run added TODOs again"
    assert again.returncode in (0, 1), again.stderr


def test_without_unsafe_fixes_the_leftovers_are_marked_in_the_yaml(tmp_path):
    root = project(tmp_path)
    proc = migrate(["code", "--fix", "."], root)
    assert proc.returncode == 1, proc.stderr
    other = (root / "other.yaml").read_text()
    assert "# TODO(zenml-migrate): ZM501 remove name/source and wire the steps in Python\nname:" in other
    assert "      # TODO(zenml-migrate): ZM502 move enable_cache out of parameters\n      enable_cache: false" in other
    assert "marked with # TODO(zenml-migrate)" in proc.stderr


@pytest.mark.real_zenml
@pytest.mark.parametrize("version", ["0.20.0", "0.20.5"])
def test_the_real_020_runs_the_kept_file_with_the_cli_and_the_converted_one_with_config_path(tmp_path, version):
    from tests.realzenml import python, zenml

    root = project(tmp_path / "project")
    assert migrate(["code", "--fix", "--unsafe-fixes", "."], root).returncode == 1
    (root / "run_020.py").write_text(RUN_020)
    config = tmp_path / "zenml_config"
    zenml(version, ["init"], config, cwd=root)
    cli = zenml(version, ["pipeline", "run", "run.py", "-c", "config.yaml"], config, cwd=root)
    assert "LR 0.5" in cli.stdout + cli.stderr
    new = python(version, ["run_020.py"], config, cwd=root)
    assert "LR 0.5" in new.stdout + new.stderr


def _readme_project(root: Path) -> Path:
    (root / "configs").mkdir(parents=True)
    (root / "configs" / "run.yaml").write_text(LEGACY)
    (root / "README.md").write_text("# Project\n\n```bash\nzenml profile set default\nzenml pipeline run run.py -c configs/run.yaml\n```\n")
    return root


def test_the_kept_todo_names_the_reader_line_after_the_fix(tmp_path):
    # the README gets TODO lines above the command: the config's TODO and the summary say where it is now
    root = _readme_project(tmp_path)
    out = migrate(["code", "--fix", "--unsafe-fixes", "."], root)
    readme = (root / "README.md").read_text().splitlines()
    line = next(i for i, text in enumerate(readme, 1) if text.startswith("zenml pipeline run"))
    assert line > 5  # moved by the TODO lines written above it
    config = (root / "configs" / "run.yaml").read_text()
    assert f"kept: README.md:{line} (zenml pipeline run -c)" in config, config
    assert "README.md:5 " not in config
    assert f"(kept: README.md:{line} (zenml pipeline run -c) reads this file" in out.stderr, out.stderr
    assert "name: training_pipeline" in config  # the keys the reader needs stay


def test_a_config_fixed_alone_keeps_what_the_whole_tree_run_keeps(tmp_path):
    # the reader lies outside the paths given: it is looked for in the project all the same
    alone, whole = _readme_project(tmp_path / "alone"), _readme_project(tmp_path / "whole")
    scan = migrate(["scan", "configs/run.yaml"], alone)
    assert "(kept: README.md:5 (zenml pipeline run -c)" in scan.stdout, scan.stdout
    assert "[*]" not in scan.stdout
    migrate(["code", "--fix", "--unsafe-fixes", "configs/run.yaml"], alone)
    migrate(["code", "--fix", "--unsafe-fixes", "."], whole)
    kept_alone = (alone / "configs" / "run.yaml").read_text()
    kept_whole = (whole / "configs" / "run.yaml").read_text()
    assert "name: training_pipeline" in kept_alone and "source:" in kept_alone
    # the same file but for the reader's line: the partial run did not write the README's TODOs
    assert kept_alone.replace("README.md:5 ", "README.md:N ") == kept_whole.replace("README.md:6 ", "README.md:N ")


def test_a_kept_file_s_finding_says_what_is_true_for_its_reader(tmp_path):
    """review26 R4: for a file only legacy readers use, "not allowed in a ZenML 0.20 run config" was
    untrue (0.20's `zenml pipeline run -c` reads these keys, and needs them; checked above)."""
    root = project(tmp_path)
    out = migrate(["scan", "--format", "json", "."], root)
    import json

    findings = [f for f in json.loads(out.stdout)["findings"] if f["path"].endswith("config.yaml") and f["code"] == "ZM501"]
    assert findings and all(f["fix"] is None for f in findings), out.stdout
    for f in findings:
        assert "not allowed" not in f["message"], f["message"]
        assert f["message"].startswith("`name:` / `steps.<step>.source` stay for a reader ZenML 0.20 still serves"), f["message"]
        assert "(kept: scripts/run.sh:3 (zenml pipeline run -c) reads this file the 0.13.2 way)" in f["message"], f["message"]
    other = [f for f in json.loads(out.stdout)["findings"] if f["path"].endswith("other.yaml") and f["code"] == "ZM501"]
    assert other and all("not allowed in a ZenML 0.20 run config" in f["message"] for f in other)  # read by run(config_path=)
