"""Sentences a new user meets on a first try, each true: a path with nothing to scan says so (it
said "No ZenML 0.13.2 APIs found in 0 files."), and the `full` format says which findings are the
"N more with `--unsafe-fixes`" of the summary (the concise line marks only safe fixes, `[*]`)."""

import os
import subprocess
import sys


def _migrate(cwd, *args):
    p = subprocess.run([sys.executable, "-m", "zenml_migrate", *args], cwd=cwd, capture_output=True, text=True,
                       env={**os.environ, "NO_COLOR": "1"})
    return p.returncode, p.stdout + p.stderr


def test_nothing_to_scan_is_said_as_such(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.txt").write_text("zenml\n")
    for path in ("empty", "notes.txt", "missing.py"):
        rc, out = _migrate(tmp_path, "scan", "--no-cache", path)
        assert "No file to scan in the paths given" in out, out
        assert "found in 0" not in out
        assert rc == (2 if path == "missing.py" else 0), (path, rc, out)
    rc, out = _migrate(tmp_path, "scan", "--no-cache", "missing.py")
    assert "missing.py:1:1: ZM001 no such file or directory" in out


def test_full_format_names_the_unsafe_fixes(tmp_path):
    (tmp_path / "runs.py").write_text(
        "from zenml.post_execution import PipelineView\n\n\n"
        "def run_getter(pipeline: PipelineView):\n    return pipeline.get_run\n"
    )
    rc, out = _migrate(tmp_path, "scan", "--no-cache", "--format", "full", "runs.py")
    # no safe fix: not "1 more with `--unsafe-fixes`" (more than none)
    assert "ZM303" in out and "(1 fixable with `migrate code --fix --unsafe-fixes`)" in out and " more " not in out, out
    assert "= fix: unsafe: `migrate code --fix --unsafe-fixes` rewrites it" in out, out
    assert out.count("= fix: unsafe") == 1


def test_html_per_rule_fix_column_follows_the_findings(tmp_path):
    # fixtures/corpus (+ a run(config_path=) reader): 3 ZM501 the unsafe fix rewrites, 4 kept for `zenml pipeline run -c`
    # (for a human); the column showed the rule's level alone ("--unsafe-fixes")
    import json
    import re

    import shutil

    corpus = str(tmp_path / "corpus")
    shutil.copytree(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures", "corpus"), corpus)
    # tuning.yaml (3 ZM501) is read by `run(config_path=)`: its keys are not kept for `zenml pipeline run -c`
    with open(os.path.join(corpus, "mlflow_tracking", "go.py"), "w") as fh:
        fh.write("from p import pipe\n\npipe.run(config_path='tuning.yaml')\n")
    _, out = _migrate(tmp_path, "scan", "--no-cache", "--format", "json", corpus)
    found = json.loads(out[: out.rindex("}") + 1])["findings"]
    levels = {f["fix"] or "human" for f in found if f["code"] == "ZM501"}
    assert levels == {"unsafe", "human"}, levels
    _migrate(tmp_path, "scan", "--no-cache", "--format", "html", "-o", str(tmp_path / "r.html"), corpus)
    page = (tmp_path / "r.html").read_text()
    row = next(r for r in re.findall(r"<tr>.*?</tr>", page[page.index('id="rules"'):], re.S) if "<code>ZM501</code>" in r)
    for f_level, badge in (("unsafe", "--unsafe-fixes"), ("human", "human")):
        n = sum(1 for f in found if f["code"] == "ZM501" and (f["fix"] or "human") == f_level)
        assert re.search(rf'class="badge [a-z]+">{re.escape(badge)}</span> {n}\b', row), row


def test_diff_and_check_say_how_to_write_the_changes(tmp_path):
    (tmp_path / "a.py").write_text("from zenml.repository import Repository\n\nRepository()\n")
    for flags in ((), ("--check",), ("--unsafe-fixes",)):
        rc, out = _migrate(tmp_path, "code", "--no-cache", *flags, "a.py")
        assert rc == 1
        assert f"migrate code --fix{' --unsafe-fixes' if flags == ('--unsafe-fixes',) else ''} with the same paths" in out, out
    rc, out = _migrate(tmp_path, "code", "--no-cache", "--fix", "a.py")
    assert "with the same paths" not in out
    rc, out = _migrate(tmp_path, "code", "--no-cache", "a.py")  # nothing left to write: no hint
    assert rc == 0 and "nothing to rewrite" in out and "with the same paths" not in out, out


def test_stdin_diff_and_check_say_would_at_the_input_lines(tmp_path):
    # they said "fixed 1 file ... 1 line written" at the line of the rewritten text, while only
    # a diff (or nothing) was printed
    source = "from zenml.repository import Repository\nRepository().active_profile\n"
    for flags in (("--diff",), ("--check",)):
        p = subprocess.run([sys.executable, "-m", "zenml_migrate", "code", "--no-cache", "--ignore", "ZM461", *flags, "-"], cwd=tmp_path,
                           input=source, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
        assert "would fix 1 file: ZM108 x2" in p.stderr and "written" not in p.stderr, p.stderr
        assert "<stdin>:2:1: ZM401" in p.stderr, p.stderr
    p = subprocess.run([sys.executable, "-m", "zenml_migrate", "code", "--no-cache", "--ignore", "ZM461", "-"], cwd=tmp_path,
                       input=source, capture_output=True, text=True)  # ZM461 (an unsafe fix: "can be rewritten") is not what this pins
    assert "fixed 1 file: ZM108 x2" in p.stderr and "<stdin>:3:1: ZM401" in p.stderr  # the line of the text printed
    assert p.stdout.splitlines()[2].startswith("Client().active_profile")


def test_a_todo_a_rewrite_writes_in_a_notebook_is_listed_at_its_cell_and_line(tmp_path):
    # it was listed at the line of the notebook's joined module ("nb.ipynb:9:"), no line a user finds
    import json

    cells = [
        "print('setup')\n",
        "from zenml.steps import step\nfrom zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow\n\n\n"
        "@enable_mlflow\n@step\ndef train() -> float:\n    return 0.1\n",
    ]
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": c} for c in cells],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "nb.ipynb").write_text(json.dumps(nb))
    rc, out = _migrate(tmp_path, "code", "--no-cache", "--fix", "nb.ipynb")
    listed = [line for line in out.splitlines() if " ZM207 TODO " in line]
    assert listed and listed[0].startswith("  nb.ipynb:cell 2:"), out
    line = int(listed[0].split(":")[2])
    source = json.loads((tmp_path / "nb.ipynb").read_text())["cells"][1]["source"]
    text = "".join(source) if isinstance(source, list) else source
    assert "TODO(zenml-migrate): ZM207" in text.split("\n")[line - 1]


def test_broken_yaml_and_notebook_json_say_where_to_look(tmp_path):
    (tmp_path / "run.yaml").write_text('name: p\nsteps:\n  t:\n    parameters:\n      password: "Pw-171\n      x: [\n')
    (tmp_path / "nb.ipynb").write_text('{"cells": [{"cell_type": "code", "source": ["a = 1\n"]}]}')
    rc, out = _migrate(tmp_path, "scan", "--no-cache", ".")
    assert rc == 2
    # the unclosed quote opened on line 5: the end of the file (line 7) alone says nothing
    assert "run.yaml:7:1: ZM001 invalid YAML on line 7: found unexpected end of stream (while scanning a quoted scalar that starts on line 5)" in out
    assert "nb.ipynb:1:51: ZM001 not a valid notebook (JSON: Invalid control character at: line 1 column 51" in out
    assert "Pw-171" not in out


def test_a_selection_that_finds_nothing_does_not_say_the_tree_is_clean(tmp_path):
    (tmp_path / "run.py").write_text("from zenml.repository import Repository\n\nr = Repository()\n")
    rc, out = _migrate(tmp_path, "scan", "--no-cache", "--select", "ZM3", ".")
    assert rc == 0 and "No ZenML 0.13.2 APIs found" not in out, out
    assert "rules selected (of " in out and "in 1 file." in out, out
    rc, out = _migrate(tmp_path, "scan", "--no-cache", "--select", "ZM001", ".")
    assert rc == 0 and "No rule ran: the selection keeps none of the" in out, out
    rc, out = _migrate(tmp_path, "scan", "--no-cache", "--select", "ZM108", ".")
    assert rc == 1 and "Found 2 findings in 1 file" in out, out


def test_the_summary_says_more_only_after_safe_fixes(tmp_path):
    (tmp_path / "runs.py").write_text(
        "from zenml.post_execution import PipelineView\nfrom zenml.repository import Repository\n\n\n"
        "def run_getter(pipeline: PipelineView):\n    return pipeline.get_run\n"
    )
    rc, out = _migrate(tmp_path, "scan", "--no-cache", "--format", "concise", "runs.py")
    assert "(1 fixable with `migrate code --fix`, 1 more with `--unsafe-fixes`)" in out, out


def test_a_written_rewrite_says_what_zenml_0205_needs_before_the_first_run(tmp_path):
    """review25 R9 (checked on the real releases with a fresh ZENML_CONFIG_PATH): 0.20.5 raises "No active
    stack is configured" until one `zenml` command ran in the config dir; after `--fix` writes a rewrite the
    summary says so, once; a diff or a run that rewrites nothing does not."""
    (tmp_path / "steps.py").write_text("from zenml.steps import BaseStepConfig\n\n\nclass C(BaseStepConfig):\n    x: int = 1\n")
    rc, out = _migrate(tmp_path, "code", "--no-cache", "steps.py")
    assert "No active stack" not in out, out
    rc, out = _migrate(tmp_path, "code", "--no-cache", "--fix", "steps.py")
    assert out.count("run one `zenml` command (e.g. `zenml stack list`)") == 1, out
    rc, out = _migrate(tmp_path, "code", "--no-cache", "--fix", "steps.py")
    assert "nothing to rewrite" in out and "zenml stack list" not in out, out
