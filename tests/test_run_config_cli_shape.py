"""review29 R5: a 0.13.2 run config in the shape `zenml pipeline run FILE -c CONFIG` reads
(exactly `name` and `steps`, every step a `source`) still runs that way on ZenML 0.20.0 and
0.20.5 (zenml/pipelines/run_pipeline.py reads `config["name"]` and `step["source"]`, as 0.13.2
did), while `pipeline.run(config_path=...)` rejects those keys. When no reader of the file is
found in the project (the command is typed by hand), the finding says both and
`--unsafe-fixes` keeps the keys; a `run(config_path=...)` reader of the project converts it."""

import json
import textwrap

import pytest

from tests.scan_helpers import migrate, write_tree
import yaml

CONFIG = textwrap.dedent(
    """
    name: training_pipeline
    steps:
      loader:
        source:
          file: pipeline.py
          name: loader
        parameters:
          n: 3
      trainer:
        source: {name: trainer, file: pipeline.py}
        parameters:
          lr: 0.5
          enable_cache: false
    """
).lstrip()

PIPELINE = textwrap.dedent(
    """
    from zenml.pipelines import pipeline
    from zenml.steps import BaseStepConfig, Output, step


    class LoaderConfig(BaseStepConfig):
        n: int = 1


    class TrainerConfig(BaseStepConfig):
        lr: float = 0.1


    @step
    def loader(config: LoaderConfig) -> Output(count=int):  # (0.20: an output named like a parameter fails)
        return config.n


    @step
    def trainer(config: TrainerConfig, n: int) -> float:
        print("TRAINED", n, config.lr)
        return config.lr * n


    @pipeline
    def training_pipeline(loader, trainer):
        n = loader()
        trainer(n=n)
    """
).lstrip()

# the 0.20 way to run it, written by the user (no zenml import: the prefilter passes over it)
RUN_020 = "from pipeline import loader, trainer, training_pipeline\n\n" \
          "training_pipeline(loader=loader(), trainer=trainer()).run(config_path='configs/train.yaml')\n"


def _findings(root, path="configs/train.yaml"):
    out = migrate(["scan", "--no-cache", "--format", "json", "."], root).json()["findings"]
    return [f for f in out if f["path"] == path]


def test_an_unread_config_in_the_cli_shape_says_both_readers_and_is_kept(tmp_path):
    write_tree(tmp_path, {"configs/train.yaml": CONFIG, "pipeline.py": PIPELINE})
    found = _findings(tmp_path)
    assert sorted(f["code"] for f in found) == ["ZM501", "ZM501", "ZM501", "ZM502"], found
    for f in found:
        assert f["fix"] is None, f
        assert "zenml pipeline run PIPELINE.py -c` (no reader found in the project" in f["message"], f["message"]
        assert "`pipeline.run(config_path=...)`" in f["message"], f["message"]
        assert "not allowed" not in f["message"] and "no longer turns caching off" not in f["message"], f["message"]
    zm502 = next(f for f in found if f["code"] == "ZM502")
    assert zm502["message"].startswith("`enable_cache` under `parameters:` still sets caching for a reader"), zm502
    fix = migrate(["code", "--fix", "--unsafe-fixes", "--no-cache", "."], tmp_path)
    assert fix.code == 1, fix.err
    kept = (tmp_path / "configs/train.yaml").read_text()
    assert [ln for ln in kept.splitlines() if "TODO(zenml-migrate)" not in ln] == CONFIG.splitlines()
    assert kept.count("# TODO(zenml-migrate): ZM50") == 4
    assert "ZM501 kept: `zenml pipeline run PIPELINE.py -c` (no reader found in the project" in kept
    assert "run the pipeline with `pipeline.run(config_path=...)`, then `migrate code --fix --unsafe-fixes`" in kept
    assert "marked configs/train.yaml (TODO lines only)" in fix.err and "4 lines written" in fix.err, fix.err
    again = migrate(["code", "--fix", "--unsafe-fixes", "--no-cache", "."], tmp_path)
    assert (tmp_path / "configs/train.yaml").read_text() == kept and again.code == 0, again.err  # all marked already


def test_a_run_config_path_reader_converts_the_cli_shaped_config(tmp_path):
    # the TODO's advice followed: the pipeline is run with `run(config_path=...)`, then --unsafe-fixes
    write_tree(tmp_path, {"configs/train.yaml": CONFIG, "pipeline.py": PIPELINE, "run_020.py": RUN_020})
    found = _findings(tmp_path)
    assert [f["fix"] for f in found] == ["unsafe"] * 4, found
    assert all("no reader found" not in f["message"] for f in found)
    assert migrate(["code", "--fix", "--unsafe-fixes", "--no-cache", "."], tmp_path).code == 1
    converted = yaml.safe_load((tmp_path / "configs/train.yaml").read_text())
    assert converted == {"steps": {"loader": {"parameters": {"n": 3}},
                                   "trainer": {"enable_cache": False, "parameters": {"lr": 0.5}}}}


def test_the_reader_in_a_notebook_or_a_module_with_zenml_is_found_too(tmp_path):
    cell = {"cell_type": "code", "id": "a", "metadata": {}, "execution_count": None, "outputs": [],
            "source": "p = training_pipeline(loader=loader(), trainer=trainer())\np.run(config_path=\"../configs/train.yaml\")\n"}
    notebook = json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]})
    write_tree(tmp_path, {"configs/train.yaml": CONFIG, "nb/run.ipynb": notebook,
                          "b/train.yaml": CONFIG, "b/go.py": PIPELINE + "\ntraining_pipeline(loader(), trainer()).run(config_path='train.yaml')\n"})
    for path in ("configs/train.yaml", "b/train.yaml"):
        assert [f["fix"] for f in _findings(tmp_path, path)] == ["unsafe"] * 4, path


def test_a_legacy_reader_still_wins_over_a_run_config_path_one(tmp_path):
    write_tree(tmp_path, {"configs/train.yaml": CONFIG, "pipeline.py": PIPELINE, "run_020.py": RUN_020,
                          "run.sh": "zenml pipeline run pipeline.py -c configs/train.yaml\n"})
    found = _findings(tmp_path)
    assert found and all(f["fix"] is None and "(kept: run.sh:1 (zenml pipeline run -c)" in f["message"] for f in found), found


@pytest.mark.parametrize(
    "text",
    [
        "name: p\nenable_cache: false\nsteps:\n  t:\n    source: {name: T}\n",  # a 0.20 key at the top
        "name: p\nsteps:\n  t:\n    parameters: {x: 1}\n",  # a step without `source`
        "name: p\nsteps:\n  t:\n    source: {name: T}\n  u:\n    enable_cache: false\n    source: {name: U}\n",
    ],
)
def test_a_config_the_cli_cannot_read_is_converted_without_a_reader(tmp_path, text):
    # `zenml pipeline run -c` of 0.20 fails on it anyway ("Unknown key(s)", KeyError 'source'): nothing to keep
    write_tree(tmp_path, {"run.yaml": text})
    found = _findings(tmp_path, "run.yaml")
    assert found and all(f["fix"] == "unsafe" for f in found if f["code"] == "ZM501"), found
    assert migrate(["code", "--fix", "--unsafe-fixes", "--no-cache", "."], tmp_path).code == 1
    assert "name:" not in (tmp_path / "run.yaml").read_text()


def test_cli_reads_follows_the_key_checks_of_run_pipeline():
    from zenml_migrate.scan.yaml_scan import cli_reads

    assert cli_reads(yaml.safe_load(CONFIG))
    assert cli_reads({"name": "p", "steps": {"t": {"source": {"name": "T"}, "materializers": {"o": {"name": "M"}}}}})
    assert not cli_reads({"name": "p", "steps": {}})  # nothing to run
    assert not cli_reads({"steps": {"t": {"source": {"name": "T"}}}})  # `name` is required
    assert not cli_reads({"name": "p", "steps": {"t": {"source": "T"}}})  # a source is {name, file}
    assert not cli_reads({"name": "p", "steps": {"t": {"source": {"file": "a.py"}}}})
    assert not cli_reads({"name": "p", "steps": {"t": None}})
    assert not cli_reads({"name": "p", "settings": {}, "steps": {"t": {"source": {"name": "T"}}}})


@pytest.mark.real_zenml
@pytest.mark.parametrize("version", ["0.20.0", "0.20.5"])
def test_the_kept_config_still_runs_with_the_cli_on_the_real_020(tmp_path, version):
    """The review's repro: `zenml pipeline run FILE -c CONFIG` ran the 0.13.2 config on 0.20.5
    and failed on what `--unsafe-fixes` made of it ("Missing key(s) ['name']"); now it runs the
    file after `--unsafe-fixes`, and the converted file of a project with a `run(config_path=)`
    reader runs that way."""
    from tests.realzenml import python, zenml

    kept, converted = tmp_path / "kept", tmp_path / "converted"
    write_tree(kept, {"configs/train.yaml": CONFIG, "pipeline.py": PIPELINE})
    write_tree(converted, {"configs/train.yaml": CONFIG, "pipeline.py": PIPELINE, "run_020.py": RUN_020})
    for root in (kept, converted):
        assert migrate(["code", "--fix", "--unsafe-fixes", "--no-cache", "."], root).code == 1
    assert "name: training_pipeline" in (kept / "configs/train.yaml").read_text()
    assert "name:" not in (converted / "configs/train.yaml").read_text()
    config = tmp_path / "zenml_config"
    zenml(version, ["init"], config, cwd=kept)
    cli = zenml(version, ["pipeline", "run", "pipeline.py", "-c", "configs/train.yaml"], config, cwd=kept, check=False)
    assert cli.returncode == 0 and "TRAINED 3 0.5" in cli.stdout + cli.stderr, cli.stdout + cli.stderr
    config2 = tmp_path / "zenml_config2"
    zenml(version, ["init"], config2, cwd=converted)
    new = python(version, ["run_020.py"], config2, cwd=converted, check=False)
    assert new.returncode == 0 and "TRAINED 3 0.5" in new.stdout + new.stderr, new.stdout + new.stderr
