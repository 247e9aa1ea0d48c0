"""The TODO a run config keeps for its legacy reader (ZM501 "kept: <reader> reads this file the
0.13.2 way") names the reader relative to the config's folder when the command ran from outside
the project: it wrote the absolute path of wherever the fix ran (``kept: /tmp/x/README.md:7``)."""

import subprocess
import sys

from zenml_migrate.fix.yaml_fix import _from_file

CONFIG = "name: feast_pipeline\nsteps:\n  get_features:\n    source:\n      file: steps\n      name: get_features\n"


def test_the_reader_is_named_from_the_config_folder_when_the_fix_ran_elsewhere(tmp_path):
    project = tmp_path / "project"
    (project / "configs").mkdir(parents=True)
    (project / "configs" / "run.yaml").write_text(CONFIG)
    (project / "run.sh").write_text("zenml profile set default\nzenml pipeline run run.py -c configs/run.yaml\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "zenml_migrate", "code", "--fix", str(project)], cwd=str(elsewhere), capture_output=True, text=True
    )
    assert proc.returncode in (0, 1), proc.stderr
    text = (project / "configs" / "run.yaml").read_text()
    # line 3: the line of the command after this run wrote a TODO above the line before it in run.sh
    assert (project / "run.sh").read_text().splitlines()[2].startswith("zenml pipeline run")
    assert "kept: ../run.sh:3 (zenml pipeline run -c)" in text
    assert str(tmp_path) not in text


def test_relative_readers_and_notebook_cells_are_left_as_they_are():
    assert _from_file("run.sh:3 (zenml pipeline run -c)", "/p/configs/run.yaml") == "run.sh:3 (zenml pipeline run -c)"
    assert _from_file("/p/nb.ipynb:cell 2:1 (run(config_path=...))", "/p/configs/run.yaml") == "../nb.ipynb:cell 2:1 (run(config_path=...))"


def test_a_diff_lists_the_reader_at_its_line_on_disk_and_writes_the_todo_for_after(tmp_path):
    """Without --fix nothing is written: the findings listed are at their lines on disk, so the
    reader they name is too (run.sh:2); the TODO text the diff shows is what --fix writes, after
    the TODO above the reader moved it down (run.sh:3). The listing said run.sh:3 of a 2-line
    file (review27 R1)."""
    (tmp_path / "configs").mkdir()
    (tmp_path / "configs" / "run.yaml").write_text(CONFIG)
    (tmp_path / "run.sh").write_text("zenml profile set default\nzenml pipeline run run.py -c configs/run.yaml\n")
    proc = subprocess.run([sys.executable, "-m", "zenml_migrate", "code", "--no-cache", "."], cwd=str(tmp_path),
                          capture_output=True, text=True)
    listed = [line for line in proc.stderr.splitlines() if "ZM501" in line and "kept:" in line]
    assert listed and all("kept: run.sh:2 (zenml pipeline run -c)" in line for line in listed), proc.stderr
    todos = [line for line in proc.stdout.splitlines() if line.startswith("+") and "ZM501" in line]
    assert todos and all("kept: run.sh:3 (zenml pipeline run -c)" in line for line in todos), proc.stdout
