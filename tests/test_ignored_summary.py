"""review25 R13: with every finding suppressed (``# migrate: ignore``, per-file-ignores) the
summary said "No ZenML 0.13.2 APIs found": it now says what was ignored, and how, also when the
results come from the cache."""

import subprocess
import sys
from pathlib import Path

FILES = {
    "a.py": "from zenml.steps import BaseStepConfig  # migrate: ignore[ZM101]\n",
    "s.sh": "#!/bin/sh\nzenml stack register s -m d -a a -o o # migrate: ignore[ZM952]\n",
    "setup.ipynb": '{"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": '
                   '["from zenml.steps import BaseStepConfig  # migrate: ignore\\n"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n',
    "cfg.yaml": "name: p  # migrate: ignore[ZM501]\nsteps:\n  a:\n    parameters:\n      enable_cache: false\n",
    "pyproject.toml": '[tool.zenml-migrate]\nper-file-ignores = { "cfg.yaml" = ["ZM502"] }\n',
}


def _scan(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zenml_migrate", "scan", ".", *args], cwd=str(root), capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=120)


def test_a_scan_whose_findings_were_all_ignored_says_so(tmp_path):
    for name, text in FILES.items():
        (tmp_path / name).write_text(text)
    for args in (("--no-cache",), (), ()):  # the second plain run reads the cache
        proc = _scan(tmp_path, *args)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "No ZenML 0.13.2 APIs found" not in proc.stdout
        assert "No findings in 5 files (5 ignored: 4 by `# migrate: ignore`, 1 by per-file-ignores)." in proc.stdout, proc.stdout


def test_nothing_ignored_keeps_the_sentence(tmp_path):
    (tmp_path / "a.py").write_text("import os  # migrate: ignore\n")
    assert "No ZenML 0.13.2 APIs found in 1 file." in _scan(tmp_path, "--no-cache").stdout
