"""The class of bug behind "a FIFO where a config file belongs hangs the run": a file of the
user's opened with a plain ``open()``. Every read of an input goes through
``zenml_migrate.safe_read`` (regular files only, with a size cap) or the scan's reader; this
test finds any other ``open(...)`` / ``Path.read_text/read_bytes`` in the tool and fails unless
the place is listed below with why it is safe (the tool's own data files, files it wrote,
paths checked to be regular files just before). ``os.open`` (the bounded reader, the scan's
reader, writes) is not matched."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ALLOWED = {
    # (module, function): why the open is safe
    ("migrate/safe_read.py", "file_sha256"): "digests of files this tool wrote or checked (stores, bundles, backups)",
    ("migrate/scan/pool.py", "limit_memory"): "/proc/self/statm",
    ("migrate/scan/discovery.py", "_script_kind"): "check_regular just before",
    ("migrate/profiles/mlmd.py", "_connect"): "check_regular just before",
    ("migrate/profiles/yaml_io.py", "check_readable"): "check_regular just before",
    ("migrate/profiles/targets/bundle_dir.py", "read_manifest"): "lstat: a regular file under 1 MB just before",
    ("migrate/profiles/targets/store.py", "_open"): "is_file() just before (a device or FIFO is refused)",
    ("migrate/profiles/targets/store.py", "_backup"): "the store, opened and checked by _open",
    ("migrate/profiles/targets/store_journal.py", "change_counter"): "the store, checked by _open",
    ("migrate/profiles/targets/bundle.py", "_ship"): "the tool's own scripts copied into a bundle (history_writer.py, import_history.py, register_flavor.py, reuse_components.py)",
    ("migrate/profiles/targets/import_history.py", "main"): "runs in the bundle, reads the history.json the tool wrote",
    ("migrate/profiles/targets/reuse_components.py", "main"): "runs in the bundle, reads and rewrites import.sh's copy of a stack file the tool wrote",
    ("migrate/profiles/flavors_020.py", "catalog"): "the tool's own data file",
    ("migrate/profiles/custom_flavors.py", "_zenml_config_fields"): "the tool's own data file",
    ("migrate/scan/data_files.py", "load"): "the tool's own data files (rules/data) and their cache",
    ("migrate/commands.py", "scan"): "--output: the report file the user named (written, not read)",
}


def _opens(tree: ast.Module):
    """(function name, line) of every open()/read_text()/read_bytes() call."""
    for func in ast.walk(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.Call):
                f = node.func
                bare_open = isinstance(f, ast.Name) and f.id == "open"
                path_read = isinstance(f, ast.Attribute) and f.attr in ("read_text", "read_bytes", "open") and not node.args \
                    and getattr(f.value, "id", "") not in ("os", "self")
                if bare_open or path_read:
                    yield func.name, node.lineno


def test_every_input_is_read_through_the_bounded_reader():
    found, used = [], set()
    for path in sorted((ROOT / "migrate").rglob("*.py")):
        rel = str(path.relative_to(ROOT))
        for func, line in _opens(ast.parse(path.read_text(encoding="utf-8"))):
            key = (rel, func) if (rel, func) in ALLOWED else (rel, "*")
            if key in ALLOWED:
                used.add(key)
            else:
                found.append(f"{rel}:{line} in {func}()")
    assert not found, "read user files with zenml_migrate.safe_read.read_regular (or list why it is safe):\n  " + "\n  ".join(found)
    assert not set(ALLOWED) - used, f"listed but gone (remove them): {sorted(set(ALLOWED) - used)}"
