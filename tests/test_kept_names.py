"""Renames that must keep a name bound (held-out defects C1, C7): a renamed import whose local
name is used outside the module's own expressions keeps it (``New as Old``), uses in the
modules that import it are left alone, and a module alias import whose every use was
rewritten leaves. Checked with ``migrate code --fix``, a re-scan, and (real tier) by importing
the rewritten modules on the real 0.13.2 (before), 0.20.0 and 0.20.5 (after)."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

# repros/c1_shim_reexport: a compat module re-exports a renamed class another module imports
C1 = {
    "compat.py": """
        try:
            from zenml.config.resource_configuration import ResourceConfiguration
        except ImportError:  # older ZenML
            ResourceConfiguration = None
    """,
    "settings.py": """
        from compat import ResourceConfiguration

        GPU = ResourceConfiguration(gpu_count=1) if ResourceConfiguration else None
    """,
}
# the same without the try/except: only the importer needs the name
C1_PLAIN = {
    "helpers.py": """
        from zenml.config.resource_configuration import ResourceConfiguration

        DEFAULT = ResourceConfiguration(cpu_count=1)
    """,
    "pipe.py": """
        from helpers import ResourceConfiguration

        BIG = ResourceConfiguration(cpu_count=8)
    """,
}
# a public name of a package listed in __all__, no importer in the project
C1_ALL = {
    "team/__init__.py": """
        from zenml.steps.base_step_config import BaseStepConfig

        __all__ = ["BaseStepConfig"]
    """,
}
# nothing else uses the name: the import and the uses are renamed as before
PRIVATE = {
    "alone.py": """
        from zenml.config.resource_configuration import ResourceConfiguration

        DEFAULT = ResourceConfiguration(cpu_count=1)
    """,
}
# repros/c7_module_alias: every use of a module alias is rewritten, the alias import leaves
C7 = {
    "params.py": """
        from zenml.steps import base_step_config as bsc


        class Params(bsc.BaseStepConfig):
            n: int = 3
    """,
}
PROJECTS = {"c1": C1, "c1_plain": C1_PLAIN, "c1_all": C1_ALL, "private": PRIVATE, "c7": C7}


def migrate(*args, cwd):
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "zenml_migrate", *args, "--no-cache"],
        cwd=str(cwd), capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=300,
    )


def write_project(root: Path, files) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())
    return root


@pytest.fixture(scope="module")
def fixed(tmp_path_factory):
    """Every project, fixed with ``migrate code --fix``: ``{project: (root, cli output)}``."""
    out = {}
    for name, files in PROJECTS.items():
        root = write_project(tmp_path_factory.mktemp(name), files)
        proc = migrate("code", "--fix", ".", cwd=root)
        assert proc.returncode in (0, 1), proc.stderr
        out[name] = (root, proc.stdout + proc.stderr)
    return out


def test_a_reexported_shim_name_is_kept(fixed):
    root, _ = fixed["c1"]
    assert (root / "compat.py").read_text().splitlines()[1] == "    from zenml.config import ResourceSettings as ResourceConfiguration"
    assert (root / "settings.py").read_text() == textwrap.dedent(C1["settings.py"]).lstrip()  # follows the name it imports


def test_a_name_another_module_imports_is_kept(fixed):
    root, _ = fixed["c1_plain"]
    helpers = (root / "helpers.py").read_text()
    assert helpers.startswith("from zenml.config import ResourceSettings as ResourceConfiguration\n")
    assert "DEFAULT = ResourceConfiguration(cpu_count=1)" in helpers
    assert (root / "pipe.py").read_text() == textwrap.dedent(C1_PLAIN["pipe.py"]).lstrip()


def test_a_name_in_dunder_all_is_kept(fixed):
    root, _ = fixed["c1_all"]
    assert (root / "team" / "__init__.py").read_text().startswith("from zenml.steps import BaseParameters as BaseStepConfig\n")


def test_a_name_nothing_else_uses_is_renamed(fixed):
    root, _ = fixed["private"]
    assert (root / "alone.py").read_text() == "from zenml.config import ResourceSettings\n\nDEFAULT = ResourceSettings(cpu_count=1)\n"


def test_a_module_alias_whose_uses_were_all_rewritten_leaves(fixed):
    root, output = fixed["c7"]
    text = (root / "params.py").read_text()
    assert "bsc" not in text and "TODO" not in text, text
    assert "class Params(BaseParameters):" in text and "from zenml.steps import BaseParameters" in text


@pytest.mark.parametrize("project", sorted(PROJECTS))
def test_a_rescan_after_the_fix_is_clean(fixed, project):
    root, _ = fixed[project]
    proc = migrate("scan", ".", "--format", "json", cwd=root)
    assert json.loads(proc.stdout)["findings"] == [], proc.stdout


IMPORT_ALL = """
import importlib, json, sys
out = {}
for root, modules in json.loads(sys.argv[1]).items():
    sys.path.insert(0, root)
    for m in modules:
        try:
            importlib.import_module(m)
            out[root + ":" + m] = None
        except Exception as exc:
            out[root + ":" + m] = f"{type(exc).__name__}: {exc}"
    sys.path.remove(root)
    for m in modules:
        sys.modules.pop(m, None)
print(json.dumps(out))
"""


def _modules(root: Path):
    return sorted(".".join(p.relative_to(root).with_suffix("").parts).replace(".__init__", "") for p in root.rglob("*.py"))


def _import_all(version: str, roots, tmp_path: Path) -> dict:
    from tests.realzenml import python

    wanted = {str(r): _modules(r) for r in roots}
    proc = python(version, ["-c", IMPORT_ALL, json.dumps(wanted)], tmp_path / "zen", cwd=tmp_path)
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.real_zenml
def test_the_projects_import_on_0132_before_the_fix(tmp_path):
    roots = [write_project(tmp_path / name, files) for name, files in PROJECTS.items()]
    errors = {k: v for k, v in _import_all("0.13.2", roots, tmp_path).items() if v}
    assert errors == {}


@pytest.mark.real_zenml
@pytest.mark.parametrize("version", ["0.20.0", "0.20.5"])
def test_the_fixed_projects_import_on_zenml_020(fixed, version, tmp_path):
    results = _import_all(version, [root for root, _ in fixed.values()], tmp_path)
    assert len(results) == sum(len(files) for files in PROJECTS.values())
    assert {k: v for k, v in results.items() if v} == {}
