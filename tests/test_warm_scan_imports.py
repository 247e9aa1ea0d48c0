"""A warm ``migrate scan`` (every answer from the results cache) imports neither the rule catalog's
modules nor the detection (issue 11: ~0.07 CPU-s of a 0.37 CPU-s warm run was the catalog's
38 modules, and the ``detect``/``file_scan`` they import): the codes it selects come from the
cache (``rules.catalog_index``, kept by the first run), the rule index is built only when a
file is scanned, and the warm output is the cold one byte for byte."""

import os
import subprocess
import sys

import pytest

from tests.scan_helpers import LEGACY, write_tree
from tests.test_run_config_readers import project
from tests.test_scan_imports import TRACKER_STEP

PROBE = """
import json, sys
sys.argv = ["migrate", "scan", *json.loads(sys.argv[1])]
from zenml_migrate.cli import main
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
heavy = sorted(m for m in sys.modules if (m.startswith("zenml_migrate.rules.") and m != "zenml_migrate.rules.base")
               or m in ("zenml_migrate.scan.detect", "zenml_migrate.scan.file_scan"))
sys.stderr.write("IMPORTED " + ",".join(heavy) + " EXIT " + str(code) + "\\n")
"""


def _scan(cwd, *args):
    import json

    env = {**os.environ, "NO_COLOR": "1", "ZENML_CONFIG_PATH": str(cwd / "no-zenml-config")}
    out = subprocess.run([sys.executable, "-c", PROBE, json.dumps(list(args))], cwd=str(cwd), capture_output=True, text=True,
                         timeout=300, env=env, stdin=subprocess.DEVNULL)
    line = next(ln for ln in out.stderr.splitlines() if ln.startswith("IMPORTED"))
    imported = line[len("IMPORTED "):].split(" EXIT ")[0]
    return out.stdout, imported.split(",") if imported else []


ARGS = [
    ("--format", "json", "."),
    ("--format", "concise", "."),
    ("--format", "json", "--select", "ZM1,ZM5", "--ignore", "ZM108", "."),
    ("--format", "json", "steps.py"),  # one file: the project indexed around it (project_root.widen)
]


@pytest.mark.parametrize("args", ARGS)
def test_a_warm_scan_imports_no_rule_module_and_prints_what_the_cold_one_did(tmp_path, args):
    write_tree(tmp_path, {"pyproject.toml": "", "steps.py": LEGACY, "pkg/__init__.py": "", "pkg/plain.py": "import os\n"})
    expected, _ = _scan(tmp_path, "--no-cache", *args)
    assert "ZM101" in expected
    cold, loaded = _scan(tmp_path, *args)
    assert cold == expected
    assert "zenml_migrate.scan.detect" in loaded  # the first run scans, and keeps the catalog's codes
    warm, loaded = _scan(tmp_path, *args)
    assert warm == expected
    assert loaded == []


@pytest.mark.parametrize("args", ARGS[:3])
def test_run_config_readers_and_tracker_names_are_said_on_a_warm_run_as_on_a_cold_one(tmp_path, args):
    """Findings whose message names a run config's readers, or the tracker name a rewrite
    writes: the run-config rules' codes come with the catalog's (``rules.Selected.run_config``);
    those messages import the catalog for the rule's own words."""
    root = project(tmp_path)
    write_tree(root, {"pyproject.toml": "", "steps.py": LEGACY, "tracked.py": TRACKER_STEP})
    expected, _ = _scan(root, "--no-cache", *args)
    assert "kept: " in expected or "--select" in args
    assert _scan(root, *args)[0] == expected
    assert _scan(root, *args)[0] == expected


def test_an_unknown_code_is_refused_on_a_warm_run_too(tmp_path):
    write_tree(tmp_path, {"pyproject.toml": "", "steps.py": LEGACY})
    _scan(tmp_path, ".")
    out = subprocess.run([sys.executable, "-m", "zenml_migrate", "scan", "--select", "ZM9999", "."], cwd=str(tmp_path),
                         capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert out.returncode == 2 and "unknown rule code or prefix: ZM9999" in out.stderr


def test_the_index_kept_is_the_catalogs():
    from zenml_migrate.rules import Selected, all_rules, catalog_index, is_run_config_rule, run_config_codes, select_rules

    codes, run_config = catalog_index()
    assert list(codes) == [r.code for r in all_rules()]
    assert set(run_config) == {r.code for r in all_rules() if is_run_config_rule(r)} and run_config
    lazy = Selected(["ZM101", run_config[0]], len(codes), run_config)
    assert lazy.codes == ("ZM101", run_config[0]) and len(lazy) == 2 and lazy.total == len(codes)
    assert run_config_codes(lazy) == {run_config[0]} == run_config_codes(select_rules(["ZM101", run_config[0]]))
    assert [r.code for r in lazy] == ["ZM101", run_config[0]]
