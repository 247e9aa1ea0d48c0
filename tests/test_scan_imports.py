"""What a scan imports (issue 11: each command imports only what it runs; LibCST only when a
file needs rewriting): a rule module importing its codemod at the top put LibCST (~70 ms of
CPU) into every pre-commit scan."""

import subprocess
import sys

from tests.scan_helpers import LEGACY, write_tree

PROBE = """
import sys
sys.argv = ["migrate", "scan", "--no-cache", "steps.py"]  # before the import: the CLI registers what argv runs
from zenml_migrate.cli import main
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in ("libcst", "sqlite3", "ruamel", "yaml", "jinja2", "rich", "sqlite_utils", "multiprocessing") if m in sys.modules)
print("IMPORTED", ",".join(heavy))
"""


def test_scan_of_one_python_file_imports_no_rewriter_nor_profiles_code(tmp_path):
    write_tree(tmp_path, {"pyproject.toml": "", "steps.py": LEGACY})
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=str(tmp_path), capture_output=True, text=True, timeout=120)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("IMPORTED")), None)
    assert line is not None, out.stderr
    assert line == "IMPORTED ", line
