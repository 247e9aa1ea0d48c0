"""Ctrl-C while the command line loads (the first half second: Typer, the rule catalog) ends
quietly with exit 130, like a Ctrl-C later in the run; it gave a KeyboardInterrupt traceback
out of an import."""

import subprocess
import sys

CHILD = """
import importlib.abc, os, signal, sys

class InterruptOnImport(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "typer":
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, InterruptOnImport())
from zenml_migrate.start import entry
sys.argv = ["migrate", "--version"]
entry()
"""


def test_ctrl_c_while_loading_is_a_quiet_exit_130():
    proc = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr == "interrupted: nothing was done\n"
    assert proc.stdout == ""


def test_the_entry_point_still_runs_the_command():
    proc = subprocess.run([sys.executable, "-m", "zenml_migrate", "--version"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.startswith("zenml-migrate "), proc.stderr
