"""``migrate code --target 0.20.0|0.20.5`` (and ``target`` in ``[tool.zenml-migrate]``) was
accepted, validated and then changed nothing (review24 G12): with ``--target 0.20.0`` a
``zenml==0.12.0`` pin still became ``zenml==0.20.5`` and ``~=0.13.0`` became ``~=0.20.5``, which
excludes the release the user asked for. The release a rule's fix writes (ZM970's ``target``) is
now the one asked for, in requirement files, Dockerfiles and strings in Python alike."""

import subprocess
import sys


def _diff(tmp_path, *args):
    (tmp_path / "requirements.txt").write_text("zenml==0.13.2\nzenml[server]~=0.13.0\n")
    (tmp_path / "Dockerfile").write_text("FROM python:3.9\nRUN pip install zenml==0.13.2\n")
    (tmp_path / "setup.py").write_text('from setuptools import setup\nsetup(name="x", install_requires=["zenml==0.13.2"])\n')
    proc = subprocess.run([sys.executable, "-m", "zenml_migrate", "code", ".", "--no-cache", *args], cwd=tmp_path,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    return sorted(line for line in proc.stdout.splitlines() if line.startswith("+") and not line.startswith("+++"))


def test_the_target_release_is_the_one_a_pin_moves_to(tmp_path):
    assert _diff(tmp_path) == [
        '+RUN pip install zenml==0.20.5', '+setup(name="x", install_requires=["zenml==0.20.5"])',
        "+zenml==0.20.5", "+zenml[server]~=0.20.5",
    ]
    assert _diff(tmp_path, "--target", "0.20.0") == [
        '+RUN pip install zenml==0.20.0', '+setup(name="x", install_requires=["zenml==0.20.0"])',
        "+zenml==0.20.0", "+zenml[server]~=0.20.0",
    ]
    (tmp_path / "pyproject.toml").write_text('[tool.zenml-migrate]\ntarget = "0.20.0"\n')
    assert "+zenml==0.20.0" in _diff(tmp_path)
