"""The README's first command: ``migrate scan fixtures/sample`` on the small legacy sample.

The sample (``fixtures/sample``: steps module, pipeline module, run script, a 0.13.2 YAML
run config, a notebook, the pyproject.toml that pins zenml and makes the folder its own
project, indexed alone) is what a new user sees first, so what scan reports there is
pinned per file. When a rule is added that fires on the sample, update ``EXPECTED``.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "sample"

EXPECTED = {
    "fixtures/sample/config.yaml": {"ZM501", "ZM502"},
    "fixtures/sample/explore.ipynb": {"ZM108", "ZM301", "ZM304", "ZM308"},
    "fixtures/sample/pipeline.py": {"ZM105", "ZM204", "ZM205", "ZM206"},
    "fixtures/sample/pyproject.toml": {"ZM970"},
    "fixtures/sample/run.py": {"ZM108", "ZM301", "ZM304", "ZM308", "ZM402"},
    "fixtures/sample/steps.py": {"ZM101", "ZM106", "ZM201", "ZM203", "ZM207", "ZM310"},
}


def _migrate_command():
    """The console script next to this interpreter (what the README installs), else ``-m``."""
    script = shutil.which("migrate", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "zenml_migrate"]


def _run(*args):
    return subprocess.run(
        [*_migrate_command(), *args], cwd=str(ROOT), capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300
    )


def test_readme_command_reports_the_sample_and_exits_1():
    proc = _run("scan", "fixtures/sample")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    for path in EXPECTED:
        assert path in proc.stdout, f"{path} missing from the README command's output:\n{proc.stdout}"
    assert "Traceback" not in proc.stdout + proc.stderr


def test_sample_findings_are_pinned_per_file():
    proc = _run("scan", "--no-cache", "--format", "json", "fixtures/sample")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    found = {}
    for finding in json.loads(proc.stdout)["findings"]:
        found.setdefault(finding["path"], set()).add(finding["code"])
    assert found == EXPECTED


def test_every_sample_file_has_a_finding():
    files = sorted(str(p.relative_to(ROOT)) for p in SAMPLE.rglob("*") if p.is_file() and ".zenml-migrate-cache" not in p.parts)
    assert files == sorted(EXPECTED), "a sample file without a finding (or a pinned file that is gone)"


def test_user_step_config_keyword_is_not_flagged():
    """``importer(config=ImporterConfig(...))`` in run.py is right on 0.20 too: the keyword is the
    name of the step function's parameters argument (``def importer(config: ImporterConfig)``)."""
    proc = _run("scan", "--no-cache", "--format", "json", "fixtures/sample/run.py", "fixtures/sample/steps.py")
    run_py = (SAMPLE / "run.py").read_text().splitlines()
    lines = {f["line"] for f in json.loads(proc.stdout)["findings"] if f["path"].endswith("run.py")}
    config_lines = {i for i, text in enumerate(run_py, 1) if "(config=" in text}
    assert config_lines and not lines & config_lines
