"""Issue 11: `migrate code --fix` consumes the scan. One discovery; every file read once (by the
scan, its bytes handed to the fixer); for a Python file or a notebook, no detection walk before
the first rewrite (the scan's findings, a notebook's moved from its cells to its module text)
and, for a Python file, one `ast.parse` for the name table (plus one more only when TODO lines
were placed before the rewrite); detection runs again only on rewritten text.

The fixer normally runs in worker processes; here the same per-file function (``fix_bytes``,
with the findings and bytes the scan handed over) runs in-process, so that every call is seen."""

import ast
import json
from collections import Counter

import libcst

from tests.clirunner import cli_runner
from tests.scan_helpers import CLEAN, LEGACY, write_tree
from zenml_migrate.cli import app
from zenml_migrate.fix import command as fix_command
from zenml_migrate.fix import files as fix_files
from zenml_migrate.fix import run_config_users
from zenml_migrate.scan import detect as detect_module
from zenml_migrate.scan import engine, triage

STEPS = "from zenml.steps import step\n\n@step\ndef load() -> int:\n    return 1\n"
RUN = "from steps import load\nfrom zenml.repository import Repository\n\nRepository().get_pipelines()\nload()\n"
NOTEBOOK = json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
    {"cell_type": "code", "id": "a", "metadata": {}, "execution_count": None, "outputs": [], "source": "!zenml stack list\n"},
    {"cell_type": "code", "id": "b", "metadata": {}, "execution_count": None, "outputs": [],
     "source": "from zenml.repository import Repository\n\nRepository.get_pipeline??\nrepo = Repository()\n"},
]})


def _spy(monkeypatch, events, owner, name, label, key=lambda *a, **k: ""):
    original = getattr(owner, name)

    def spy(*args, **kwargs):
        events.append((label, key(*args, **kwargs)))
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, spy)


def _run_code_fix(tmp_path, monkeypatch, files, *args):
    write_tree(tmp_path, {"pyproject.toml": "", **files})
    monkeypatch.chdir(tmp_path)
    events = []
    _spy(monkeypatch, events, engine, "discover", "discover")
    _spy(monkeypatch, events, engine, "read_file", "read", lambda path, *a: path)
    _spy(monkeypatch, events, triage, "read_file", "read", lambda path, *a: path)  # stat, read, prefilter
    _spy(monkeypatch, events, fix_command, "read_regular", "read", lambda path, *a: path)
    _spy(monkeypatch, events, run_config_users, "read_regular", "read for run-config readers", lambda path, *a: path)
    _spy(monkeypatch, events, ast, "parse", "ast.parse")
    _spy(monkeypatch, events, detect_module.Detector, "run", "detect")
    _spy(monkeypatch, events, libcst, "parse_module", "libcst.parse")

    def in_process(items, rules, options, project, modules, workers, on_done=None):
        from zenml_migrate.scan.detect import rule_index
        from zenml_migrate.scan.file_scan import ScanContext

        out = []
        for job, data, ignored, findings in items:
            events.append(("fix", job.path))
            kept = [r for r in rules if r.code not in ignored]
            out.append(fix_files.fix_bytes(job, data, kept, options, ScanContext(rule_index(kept), project, modules), findings))
        return out

    monkeypatch.setattr(fix_files, "fix_many", in_process)
    result = cli_runner().invoke(app, ["code", "--no-cache", "--fix", *args, "."])
    assert result.exit_code == 1, result.output
    return events


def _per_fixed_file(events):
    """``{path: [events from its fix until its first LibCST parse]}``."""
    out, path = {}, None
    for label, key in events:
        if label == "fix":
            path = key
            out[path] = []
        elif path is not None and "libcst.parse" not in [e[0] for e in out[path]]:
            out[path].append((label, key))
    return out


def test_fix_reads_and_discovers_once_and_detects_only_rewritten_text(tmp_path, monkeypatch):
    files = {"legacy.py": LEGACY, "clean.py": CLEAN, "steps.py": STEPS, "run.py": RUN, "nb.ipynb": NOTEBOOK}
    events = _run_code_fix(tmp_path, monkeypatch, files)
    assert [e for e in events if e[0] == "discover"] == [("discover", "")]
    reads = Counter(key for label, key in events if label.startswith("read"))
    assert reads and max(reads.values()) == 1, reads  # scan reads, the fixer gets the bytes
    fixed = _per_fixed_file(events)
    assert sorted(fixed) == ["legacy.py", "nb.ipynb", "run.py"], fixed
    for path, before_rewrite in fixed.items():
        labels = [label for label, _ in before_rewrite]
        assert labels[-1] == "libcst.parse", (path, labels)  # it was rewritten
        assert "detect" not in labels, (path, labels)  # the scan's findings, no second detection
        assert labels.count("ast.parse") == (1 if path.endswith(".py") else 0), (path, labels)  # the name table
    notebook = json.loads((tmp_path / "nb.ipynb").read_text())["cells"][1]["source"]
    assert "Client.get_pipeline??" in "".join(notebook) and "repo = Client()" in "".join(notebook), notebook


def test_a_rule_selection_does_not_detect_the_original_text_again(tmp_path, monkeypatch):
    """arch7 (issue 11): with ``--ignore``/``--select`` the self-check counts the left-out rules'
    findings of a rewritten text against the original's (what the rewrite caused); the original
    is detected for that only when a rewritten text has such a finding, never before the first
    rewrite, and a file whose rewrite leaves none is detected once per round only."""
    files = {"run.py": RUN, "steps.py": STEPS}
    events = _run_code_fix(tmp_path, monkeypatch, files, "--ignore", "ZM461")
    fixed = _per_fixed_file(events)
    assert sorted(fixed) == ["run.py"], fixed
    labels = [label for label, _ in fixed["run.py"]]
    assert labels[-1] == "libcst.parse" and "detect" not in labels, labels
    after = [label for label, _ in events[events.index(("fix", "run.py")):]]
    assert after.count("detect") == 1, after  # the rewritten text only (the old code: 2)
    assert (tmp_path / "run.py").read_text() == "from steps import load\nfrom zenml.post_execution import get_pipelines\n\nget_pipelines()\nload()\n"


def test_scan_looks_for_run_config_readers_among_the_files_it_discovered(tmp_path, monkeypatch):
    """The legacy readers of a run config (``zenml pipeline run -c``) are looked for among the
    scan's own files: no second discovery, in ``scan`` as in ``code``; a run on the config alone
    sees the reader elsewhere in the project, as the run on the project does."""
    files = {
        "configs/run.yaml": "name: p\nsteps:\n  trainer:\n    source:\n      name: trainer\n",
        "run.sh": "zenml profile set default\nzenml pipeline run run.py -c configs/run.yaml\n",
    }
    events = _run_code_fix(tmp_path, monkeypatch, files, "--unsafe-fixes")
    assert [e for e in events if e[0] == "discover"] == [("discover", "")]
    kept = (tmp_path / "configs/run.yaml").read_text()  # a legacy reader reads it: its 0.13.2 keys stay
    # run.sh:3: the command's line after this run wrote a TODO line above the line before it (reliability: post-fix lines)
    assert (tmp_path / "run.sh").read_text().splitlines()[2].startswith("zenml pipeline run")
    assert "name: p\n" in kept and "source:\n" in kept and "ZM501 kept: run.sh:3" in kept, kept
    write_tree(tmp_path, files)  # as before the fix (run.sh got a TODO line)
    whole = cli_runner().invoke(app, ["scan", "--no-cache", "--format", "json", "."])
    alone = cli_runner().invoke(app, ["scan", "--no-cache", "--format", "json", "configs/run.yaml"])
    of_config = lambda out: [f for f in json.loads(out)["findings"] if f["path"] == "configs/run.yaml"]  # noqa: E731
    assert of_config(whole.stdout) == of_config(alone.stdout), alone.stdout
    assert all("kept: run.sh:2" in f["message"] and f["fix"] is None for f in of_config(alone.stdout)), alone.stdout


READER_NOTEBOOK = json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
    {"cell_type": "code", "id": "a", "metadata": {}, "execution_count": None, "outputs": [],
     "source": "!zenml pipeline run run.py -c configs/nb.yaml\n"},
]})
READERS = {
    "configs/sh.yaml": "name: p\nsteps:\n  trainer:\n    source:\n      name: trainer\n",
    "configs/plain.yaml": "name: p\nsteps:\n  trainer:\n    source:\n      name: trainer\n",
    "configs/zen.yaml": "name: p\nsteps:\n  trainer:\n    source:\n      name: trainer\n",
    "configs/nb.yaml": "name: p\nsteps:\n  trainer:\n    source:\n      name: trainer\n",
    "configs/free.yaml": "name: p\nsteps:\n  trainer:\n    source:\n      name: trainer\n",
    "run.sh": "zenml profile set p\nzenml pipeline run run.py -c configs/sh.yaml\n",
    # no "zenml" in it: the prefilter passes over it, its with_config is still a fact of the scan
    "tune.py": "from run import pipe\n\npipe.with_config('configs/plain.yaml').run()\n",
    # (and the 0.20 reader of free.yaml, which --unsafe-fixes converts for it)
    "legacy.py": LEGACY + "\nfrom run import pipe\n\npipe.with_config('configs/zen.yaml').run()\n"
                          "pipe.run(config_path='configs/free.yaml')\n",
    "nb.ipynb": READER_NOTEBOOK,
}


def test_run_config_readers_are_a_fact_of_the_scan_no_file_is_read_again(tmp_path, monkeypatch):
    """arch7 (issue 11): where a file names a run config (a command line, a notebook's ``!``
    line, ``with_config`` in a module with or without ``zenml``) is recorded by the scan
    (``FileResult.config_refs``, ``ScanReport.config_refs``); ``code --fix`` decides which
    configs keep their keys from it: every file the scan read as mentioning zenml is read once;
    the readers' search reads only a module the prefilter passed over (no ``zenml``: its
    ``with_config`` is looked for then, not in every scan). The same facts come from a warm
    results cache."""
    events = _run_code_fix(tmp_path, monkeypatch, READERS, "--unsafe-fixes")
    reads = Counter(key for label, key in events if label.startswith("read"))
    assert len(reads) == 10 and {k: n for k, n in reads.items() if n != 1} == {"tune.py": 2}, reads
    assert [e for e in events if e[0] == "read for run-config readers"] == [("read for run-config readers", "tune.py")], events
    for config, reader in (("sh", "run.sh:3"), ("plain", "tune.py:3"), ("zen", "legacy.py:"), ("nb", "nb.ipynb:cell 1:")):
        kept = (tmp_path / f"configs/{config}.yaml").read_text()
        assert "name: p\n" in kept and f"ZM501 kept: {reader}" in kept, (config, kept)
    assert "name: p" not in (tmp_path / "configs/free.yaml").read_text()  # no legacy reader, a run(config_path=): rewritten
    write_tree(tmp_path, READERS)
    cache = str(tmp_path / ".cache")
    scans = [cli_runner().invoke(app, ["scan", "--cache-dir", cache, "--format", "json", "."]) for _ in range(2)]
    uncached = cli_runner().invoke(app, ["scan", "--no-cache", "--format", "json", "."])
    assert scans[0].stdout == scans[1].stdout == uncached.stdout, scans[1].stdout
    kept = {f["path"] for f in json.loads(uncached.stdout)["findings"] if "reads this file the 0.13.2 way" in f["message"]}
    assert kept == {f"configs/{c}.yaml" for c in ("sh", "plain", "zen", "nb")}, kept


SCRIPT = "zenml profile set team\nzenml stack register s -m default -a default -o default\n"
SHELL_NOTEBOOK = json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
    {"cell_type": "code", "id": "a", "metadata": {}, "execution_count": None, "outputs": [],
     "source": "from zenml.repository import Repository\nrepo = Repository()\n!zenml stack register s -m default -a default -o default\n"},
    {"cell_type": "code", "id": "b", "metadata": {}, "execution_count": None, "outputs": [],
     "source": "%%writefile helpers.py\nfrom zenml.repository import Repository\n\nREPO = Repository()\n"},
]})


def test_command_lines_and_writefile_cells_are_fixed_from_the_scans_findings(tmp_path, monkeypatch):
    """A shell script, a notebook's shell line and its ``%%writefile`` body: the fix applies the
    edits and TODO lines the scan's findings carry; commands are found again, and modules
    detected again, only in rewritten text."""
    from zenml_migrate.fix import command_fix, fixer

    searched, detected = [], []
    _spy(monkeypatch, searched, command_fix, "find_matches", "find", lambda text, *a: text)
    _spy(monkeypatch, detected, fixer, "detect", "detect", lambda job, text, *a, **k: text if k.get("walk", True) else None)  # walk=False: the name table
    _run_code_fix(tmp_path, monkeypatch, {"run.sh": SCRIPT, "nb.ipynb": SHELL_NOTEBOOK})
    script = (tmp_path / "run.sh").read_text()
    assert script.startswith("# TODO(zenml-migrate): ZM950 ") and "zenml stack register s -a default -o default\n" in script, script
    cells = ["".join(c["source"]) for c in json.loads((tmp_path / "nb.ipynb").read_text())["cells"]]
    assert "repo = Client()\n!zenml stack register s -a default -o default" in cells[0], cells
    assert "REPO = Client()" in cells[1], cells
    originals = {SCRIPT, "!zenml stack register s -m default -a default -o default",
                 "from zenml.repository import Repository\n\nREPO = Repository()\n"}
    assert searched and not [t for _, t in searched if t in originals or t.rstrip("\n") in originals], searched
    assert detected and not [t for _, t in detected if t in originals], detected  # the self-check's, of rewritten text


CELLS_SCRIPT = (
    "# %% [markdown]\n"
    "# Exploring last week's runs\n"
    "# %%\n"
    "!pip install -q 'zenml==0.13.2'\n"
    "import zenml.repository as zr\n"
    "# %%\n"
    "runs = zr.Repository().get_pipeline('training').runs\n"
    "%time print(len(runs))\n"
)


def test_the_scan_decides_once_that_a_py_file_is_a_script_of_cells(tmp_path, monkeypatch):
    """Whether a ``.py`` file is a script of IPython cells (``cells_job``: Python rejects it,
    it has cell markers) is decided by the scan, kept in the results cache with its findings,
    and handed to the fixer with them: ``fix_bytes`` never decides it again (it did, with a
    second ``ast.parse`` of every Python file it got); only a fix without a scan
    (``fix_file``) decides it itself."""
    from zenml_migrate.scan import text_notebook

    write_tree(tmp_path, {"pyproject.toml": "", "explore.py": CELLS_SCRIPT, "legacy.py": LEGACY})
    monkeypatch.chdir(tmp_path)
    original, fixing = text_notebook.cells_job, []

    def cells_job(job, text):
        assert not fixing, f"the fixer decided the kind of {job.path} again"
        return original(job, text)

    def fix_bytes(*args, **kwargs):
        fixing.append(args[0].path)
        try:
            return original_fix(*args, **kwargs)
        finally:
            fixing.pop()

    original_fix = fix_files.fix_bytes
    monkeypatch.setattr(text_notebook, "cells_job", cells_job)
    monkeypatch.setattr(fix_files, "fix_bytes", fix_bytes)

    def in_process(items, rules, options, project, modules, workers, on_done=None):
        from zenml_migrate.scan.detect import rule_index
        from zenml_migrate.scan.file_scan import ScanContext

        return [fix_files.fix_bytes(job, data, rules, options, ScanContext(rule_index(rules), project, modules), found)
                for job, data, _, found in items]

    monkeypatch.setattr(fix_files, "fix_many", in_process)
    cold = cli_runner().invoke(app, ["code", "."])  # the scan fills the results cache (next to pyproject.toml)
    assert cold.exit_code == 1 and "explore.py" in cold.output, cold.output
    fixed = cli_runner().invoke(app, ["code", "--fix", "."])  # findings and kind from the cache
    assert fixed.exit_code == 1, fixed.output
    out = (tmp_path / "explore.py").read_text()
    assert "\n!pip install -q 'zenml==" in out and "\n%time print(len(runs))\n" in out, out  # IPython lines kept
    assert "zenml.repository" not in out and "Repository()" not in out, out  # the cells' Python rewritten
    (tmp_path / "explore.py").write_text(CELLS_SCRIPT)
    monkeypatch.setattr(text_notebook, "cells_job", original)
    alone = fix_files.fix_file(str(tmp_path / "explore.py"))  # no scan: it decides itself, the same way
    assert alone.new is not None and alone.new.decode() == out, alone


SPYDER_CELLS = (
    "#%% set-up\n"
    "%load_ext autoreload\n"
    "from zenml.repository import Repository\n"
    "#%% the stack\n"
    "client = Repository()\n"
    "!echo checking\n"
    "print(client.active_stack_name)\n"
)


def test_the_library_api_fixes_a_script_of_cells_as_the_command_does(tmp_path):
    """``fix_source`` (the library API: no scan) reads a ``.py`` script of IPython cells that
    Python rejects as ``migrate code`` does, cell by cell: before, it parsed it as one module
    and answered "cannot parse" for a file the command fixes."""
    from zenml_migrate.fix.fixer import fix_source

    result = fix_source(SPYDER_CELLS, "explore.py")
    assert result.error is None, result.error
    assert "\n%load_ext autoreload\n" in result.text and "\n!echo checking\n" in result.text  # IPython lines kept
    assert "Repository" not in result.text and "client = Client()" in result.text, result.text
    (tmp_path / "explore.py").write_text(SPYDER_CELLS)
    alone = fix_files.fix_file(str(tmp_path / "explore.py"))
    assert alone.new is not None and alone.new.decode() == result.text
    # a script that is no script of cells keeps its clear answer (no traceback)
    broken = fix_source("from zenml.repository import Repository\n!echo hi\n", "broken.py")
    assert broken.error is not None and "cannot parse" in broken.error
