"""Custom stack components written by other teams for ZenML 0.13.2, ported by ``migrate code``,
imported and used on the real ZenML 0.20.0 and 0.20.5.

``fixtures/foreign_components`` holds three teams' packages in the idioms of ZenML 0.13.2's own
integrations (flavor constants, class docstrings, ``Optional`` and ``SecretField`` fields,
``@property`` helpers, validators and root validators, ``ClassVar`` constants, an inner
``Config``, ``__init__``): an alerter, a container registry, a secrets manager with scoping,
a shared orchestrator base class with fields but no ``FLAVOR`` and its subclasses in another
module, a mixin reading fields from both, a step operator, a local artifact store subclass,
a model deployer, a data validator, an experiment tracker, a feature store and a plain
``StackComponent`` with ``TYPE``, and (a fourth team) base classes that cannot be ported
automatically, because their module already has a class named ``<Base>Config``, with
subclasses ported on top of them. ``components.json`` says how each is configured and used.

One copy goes through ``migrate code --fix``, one through ``--fix --unsafe-fixes``. Then ONE
process per real ZenML (the three in parallel; ``tests/component_probe.py``) imports every
module of its trees and uses every component: 0.13.2 the originals, 0.20.0 and 0.20.5 both
fixed trees (registration as ``zenml <type> flavor register`` checks it, the component built
from its config, the same fields, config members and method results as on 0.13.2).
"""

import ast
import builtins
import json
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests import realzenml

pytestmark = pytest.mark.real_zenml

ROOT = Path(__file__).resolve().parent.parent
TREE = ROOT / "fixtures" / "foreign_components"
PROBE = Path(__file__).resolve().parent / "component_probe.py"
SPEC = json.loads((TREE / "components.json").read_text())["components"]
VERSIONS = ("0.20.0", "0.20.5")
FIXES = {"safe": ("--fix",), "unsafe": ("--fix", "--unsafe-fixes")}
# what `--fix` alone ports: everything but the ports a human must finish (the orchestrators'
# `prepare_or_run_pipeline` arguments, the step operator's deployment file), and the subclass
# that builds on one of them
SAFE_PORTS = {path for path in SPEC} - {
    "orbit_ml.orchestrators.SequentialOrchestrator",
    "orbit_ml.orchestrators.QuietSequentialOrchestrator",
    "orbit_ml.step_operators.SubprocessStepOperator",
    # their base classes have no automatic port (the module already has a `<Base>Config`): they
    # build on the base's ZenML parent with a TODO
    "quarry.archive.ArchiveStore",
    "quarry.tracker.LedgerTracker",
}
TODO = re.compile(r"#\s*TODO\(zenml-migrate\):\s*(ZM\d{3})\s+(\S.*)")


def _modules(root: Path):
    out = []
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out.append(".".join(parts))
    return out


@pytest.fixture(scope="session")
def trees(tmp_path_factory):
    """name -> (folder, `migrate code` output) for the original and both fixed copies."""
    base = tmp_path_factory.mktemp("foreign")
    out = {"original": (TREE, "")}
    for name, flags in FIXES.items():
        dest = base / name
        shutil.copytree(TREE, dest, ignore=shutil.ignore_patterns("*.json", "__pycache__"))
        proc = subprocess.run(
            [sys.executable, "-m", "zenml_migrate", "code", str(dest), *flags],
            # cwd: the tree itself (from `base`, holding both copies, the project would be `base`:
            # two copies of every module, whose cross-file facts clash)
            cwd=str(dest), capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300,
        )
        assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr and "error" not in proc.stdout, proc.stdout + proc.stderr
        out[name] = (dest, proc.stdout)
    return out


@pytest.fixture(scope="session")
def probed(trees, tmp_path_factory):
    """version -> tree name -> module -> what the real ZenML saw."""
    work = tmp_path_factory.mktemp("probe")

    def run(version: str):
        mode = "old" if version == "0.13.2" else "new"
        names = ["original"] if mode == "old" else list(FIXES)
        spec = {
            "mode": mode, "tmp": str(work / version / "tmp"), "components": SPEC,
            "trees": [{"name": n, "root": str(trees[n][0]), "modules": _modules(trees[n][0])} for n in names],
        }
        folder = work / version
        folder.mkdir()
        (folder / "spec.json").write_text(json.dumps(spec))
        realzenml.python(version, [str(PROBE), str(folder / "spec.json"), str(folder / "out.json")], folder / "cfg", cwd=folder)
        return json.loads((folder / "out.json").read_text())

    versions = ("0.13.2", *VERSIONS)
    with ThreadPoolExecutor(len(versions)) as pool:
        return dict(zip(versions, pool.map(run, versions)))


def _component(results, path):
    module, _, name = path.rpartition(".")
    return results[module]["components"].get(name)


def test_the_originals_work_on_0132(probed):
    original = probed["0.13.2"]["original"]
    assert all(r["import"] is None for r in original.values()), {m: r["import"] for m, r in original.items() if r["import"]}
    for path, spec in SPEC.items():
        seen = _component(original, path)
        assert "error" not in seen, (path, seen)
        assert (seen["flavor"], seen["type"]) == (spec["flavor"], spec["type"])
        assert not [k for k, v in seen.items() if isinstance(v, dict) and "error" in v], (path, seen)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("fix", FIXES)
def test_every_module_imports_after_the_fix(probed, version, fix):
    """0 modules made worse: each module that imported on 0.13.2 imports on 0.20.x."""
    fixed = probed[version][fix]
    failing = {m: r["import"]["error"] for m, r in fixed.items() if r["import"] is not None}
    assert not failing


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("fix", FIXES)
def test_ported_components_register_and_behave_as_on_0132(probed, version, fix):
    """Every ported component's Flavor registers, and the component built from the same
    configuration shows the same fields, config members and method results as on 0.13.2."""
    old, new = probed["0.13.2"]["original"], probed[version][fix]
    ported = set(SPEC) if fix == "unsafe" else SAFE_PORTS
    for path in sorted(ported):
        seen, before = _component(new, path), _component(old, path)
        assert "error" not in seen, (path, seen)
        assert seen["registers"] is True, (path, seen["registers"])
        assert (seen["flavor"], seen["type"]) == (SPEC[path]["flavor"], SPEC[path]["type"])
        assert set(SPEC[path]["config"]) <= set(seen["schema_fields"]), path
        same = {k: before[k] for k in before if k.split(":")[0] in ("field", "config", "probe")}
        assert {k: seen.get(k) for k in same} == same, path


def test_safe_fix_ports_exactly_the_exact_ones(trees, probed):
    """Without --unsafe-fixes a component is ported only when nothing is left for a human; the
    others stay as they were (importable), marked with the ZM409 TODO that names the command."""
    safe = probed["0.20.5"]["safe"]
    for path in set(SPEC) - SAFE_PORTS:
        assert "AttributeError" in _component(safe, path)["error"]["error"]  # no Flavor class: not ported
        module, _, name = path.rpartition(".")
        text = (trees["safe"][0] / (module.replace(".", "/") + ".py")).read_text()
        body = text[text.index(f"class {name}("):].split("\n\n\nclass ")[0]
        assert re.search(r"# TODO\(zenml-migrate\): ZM409 .*--unsafe-fixes", body), (path, body)


@pytest.mark.parametrize("fix", FIXES)
def test_every_left_part_carries_an_actionable_todo(trees, fix):
    """Each TODO names its rule and says what to do; each name a ported function still uses
    but no longer has (an old hook argument) is named by a TODO right above the function."""
    root = trees[fix][0]
    for path in sorted(root.rglob("*.py")):
        text = path.read_text()
        for line in text.splitlines():
            if "TODO(zenml-migrate)" in line:
                match = TODO.search(line)
                assert match and len(match.group(2)) > 30, (path, line)
                if match.group(1) == "ZM409":
                    assert "`" in match.group(2), (path, line)  # it names the code to change
        for func, missing in _undefined_names(text):
            block = " ".join(_comments_above(text, f"def {func}("))
            assert all(f"`{n}`" in block for n in missing), (path, func, missing, block)


def _comments_above(text: str, start: str):
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith(start))
    out = []
    for line in reversed(lines[:at]):
        if not line.strip().startswith(("#", "@")):
            break
        out.append(line.strip())
    return out


def _undefined_names(text: str):
    """(function, names it loads that nothing defines) for every function of a module."""
    tree = ast.parse(text)
    module = set(dir(builtins))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            module |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node in tree.body:
            module.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            module.add(node.id) if _at_module_level(tree, node) else None
    for func in [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]:
        defined = {a.arg for n in ast.walk(func) if isinstance(n, ast.arguments) for a in (*n.posonlyargs, *n.args, *n.kwonlyargs, *(x for x in (n.vararg, n.kwarg) if x))}
        defined |= {n.id for n in ast.walk(func) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        defined |= {n.name for n in ast.walk(func) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        defined |= {n.name for n in ast.walk(func) if isinstance(n, ast.ExceptHandler) and n.name}
        loads = {n.id for n in ast.walk(func) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        missing = sorted(loads - defined - module)
        if missing:
            yield func.name, missing


def _at_module_level(tree: ast.Module, name: ast.Name) -> bool:
    for stmt in tree.body:
        if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and any(n is name for n in ast.walk(stmt)):
            return True
    return False
