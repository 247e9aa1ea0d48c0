"""A run config that is not UTF-8 says where (line and column of the first such byte) and what to
do; it said "cannot decode as UTF-8 (byte 9); file skipped" at column 1."""

import json
import os
import subprocess
import sys


def test_a_latin_1_run_config_names_the_byte_its_place_and_what_to_do(tmp_path):
    (tmp_path / "run.yaml").write_bytes("steps:\n  trainer:\n    name: caf\xe9\n    enable_cache: false\n".encode("latin-1"))
    p = subprocess.run([sys.executable, "-m", "zenml_migrate", "scan", "--no-cache", "--format", "json", "run.yaml"],
                       cwd=str(tmp_path), capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert p.returncode == 2, p.stderr
    [problem] = [f for f in json.loads(p.stdout)["findings"] if f["code"] == "ZM001"]
    assert (problem["line"], problem["column"]) == (3, 14), problem
    assert "byte 0xe9 is not UTF-8" in problem["message"] and "re-save the file as UTF-8" in problem["message"], problem
