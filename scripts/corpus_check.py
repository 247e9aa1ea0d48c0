"""Judge zenml-migrate on a corpus of legacy projects the way issue 7 is judged, on the real
ZenML 0.13.2, 0.20.0 and 0.20.5. Prints the numbers (and ``--json FILE`` writes them).

    python scripts/corpus_check.py                      # fixtures/corpus
    python scripts/corpus_check.py --corpus DIR --keep OUT_DIR

The corpus is copied three times: as it is (``orig``), after ``migrate code --fix``
(``fixed``) and after ``migrate code --fix --unsafe-fixes`` (``unsafe``). Every module of
every project (each top folder of the corpus is one project) is then imported by
``scripts/corpus_import.py``, one process per ZenML release for all trees (third-party
packages that are not installed are stubbed), and:

(a) recall: the lines of ``orig`` that fail on the real 0.20.5 (found by importing, line
    after line: see corpus_import.py) that ``migrate scan`` reports. A line counts as
    reported when a finding lies on the statement that holds it (the header of a ``def`` or
    ``class``). Lines that only fail because an earlier failing line was stubbed are counted
    apart (``cascade``).
(b) imports after the fix: every module that imports on 0.13.2 must import on 0.20.0 and
    0.20.5 after ``--fix`` and after ``--unsafe-fixes``; none that imported before the fix
    may fail after it ("worse"); modules that fail on 0.13.2 because they were written for an
    older release are counted separately ("older-API modules"): with ``--older-release
    PROJECT=VERSION`` (PROJECT a folder name or an fnmatch pattern), a module of such a project
    that fails on 0.13.2 and imports on the real VERSION (the venv under ``--old-venvs DIR``,
    default ``$ZENML_MIGRATE_OLD_VENVS``, whose site-packages holds ``zenml-VERSION``); in a
    project without one, a module whose every line failing on 0.13.2 is a zenml import line.
(c) a re-scan of ``fixed`` reports nothing ``--fix`` claims to handle (a ``safe`` finding),
    and of ``unsafe`` nothing ``--unsafe-fixes`` does.
(p) precision: ``migrate scan`` of the real 0.20.5 package source (the site-packages of the
    0.20.5 venv) should find ~nothing.

The venvs are the ones of ``tests/realzenml.py`` (``ZENML_MIGRATE_VENVS``), built on first use.
"""

import argparse
import ast
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from corpus_import import _statement_at, read_source  # noqa: E402

VERSIONS = ("0.13.2", "0.20.0", "0.20.5")
TREES = ("orig", "fixed", "unsafe")


# ----------------------------------------------------------------------------- running
def migrate(args: List[str], env: Optional[Dict[str, str]] = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zenml_migrate", *args], capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL
    )


def _completed(proc: subprocess.CompletedProcess) -> bool:
    """The command ran to its end: exit 0/1, or 2 for input files it could not read (a
    corpus may hold a file with a syntax error, as real repositories do), never a crash."""
    if proc.returncode in (0, 1):
        return True
    return proc.returncode == 2 and "Traceback" not in proc.stderr and "internal error" not in proc.stderr


def scan_json(path: Path, env: Optional[Dict[str, str]] = None) -> List[dict]:
    proc = migrate(["scan", str(path), "--format", "json", "--exit-zero", "--no-cache"], env=env)
    if not _completed(proc):
        raise RuntimeError(f"migrate scan failed: {proc.stderr}")
    data = json.loads(proc.stdout)
    return data["findings"] if isinstance(data, dict) else data


def projects_of(corpus: Path) -> List[str]:
    return sorted(p.name for p in corpus.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def older_releases(mapping: List[str], projects: List[str]) -> Dict[str, str]:
    """``{project: version}`` from ``PROJECT=VERSION`` items (PROJECT: a name or an fnmatch
    pattern); the first item that matches a project wins. An item that matches no project is
    an error (a typo would silently leave its modules out)."""
    out: Dict[str, str] = {}
    for item in mapping:
        pattern, sep, version = item.partition("=")
        if not sep or not pattern or not version:
            raise ValueError(f"--older-release {item!r}: expected PROJECT=VERSION")
        matched = [p for p in projects if fnmatch.fnmatchcase(p, pattern)]
        if not matched:
            raise ValueError(f"--older-release {item!r}: no project of the corpus matches {pattern!r}")
        for project in matched:
            out.setdefault(project, version)
    return out


def old_venv_python(venvs: Path, version: str) -> Path:
    """The python of the venv under ``venvs`` whose site-packages holds ``zenml-VERSION``
    (read from its dist-info folder: nothing is run)."""
    for info in sorted(venvs.glob(f"*/lib/python*/site-packages/zenml-{version}.dist-info")):
        python = info.parents[3] / "bin" / "python"
        if python.exists():
            return python
    raise FileNotFoundError(f"no venv with zenml {version} under {venvs} (--old-venvs / ZENML_MIGRATE_OLD_VENVS)")


def _run_import(python: Path, spec: dict, out: Path, config: Path, work: Path):
    from tests import realzenml

    spec_file = out.with_name(out.stem.replace("imports-", "spec-") + ".json")
    spec_file.write_text(json.dumps(spec))
    if config.exists():
        shutil.rmtree(config)
    config.mkdir()
    cmd = [str(python), str(ROOT / "scripts" / "corpus_import.py"), str(spec_file), str(out)]
    return subprocess.Popen(
        cmd, cwd=str(work), env=realzenml.env_for(config), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def import_all(
    trees: Dict[str, Path], projects: List[str], work: Path, older: Optional[Dict[str, Path]] = None, older_projects: Optional[Dict[str, List[str]]] = None
) -> Dict[str, dict]:
    """One subprocess per ZenML release, run side by side: ``{version: results}``; with
    ``older`` (``{version: python}``) and ``older_projects`` (``{version: [project]}``), the
    ``orig`` tree of those projects is also imported on that older release (key ``older``:
    ``{module: result}``)."""
    from tests import realzenml

    plan = {
        "0.13.2": [("orig", True)],
        "0.20.0": [("orig", False), ("fixed", False), ("unsafe", False)],
        "0.20.5": [("orig", True), ("fixed", False), ("unsafe", False)],
    }
    # one process and one fresh ZenML config dir per (release, tree): a module that runs a
    # pipeline at import writes run history, which must not meet the other tree's run of the
    # same pipeline in one store (0.20.0: MLMD "AlreadyExistsError")
    procs = {}
    for version, wanted in plan.items():
        for name, probe in wanted:
            spec = {"trees": [{"name": name, "root": str(trees[name]), "probe": probe}], "projects": projects}
            out = work / f"imports-{version}-{name}.json"
            procs[(version, name)] = (_run_import(realzenml.venv_python(version), spec, out, work / f"zenml-config-{version}-{name}", work), out)
    for version, python in (older or {}).items():
        spec = {"trees": [{"name": "orig", "root": str(trees["orig"]), "probe": False}], "projects": (older_projects or {})[version]}
        out = work / f"imports-older-{version}.json"
        procs[(f"older-{version}", "orig")] = (_run_import(python, spec, out, work / f"zenml-config-older-{version}", work), out)
    results: Dict[str, dict] = {}
    for (version, name), (proc, out) in procs.items():
        stdout, stderr = proc.communicate(timeout=1800)
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(f"corpus import on {version} ({name}) failed ({proc.returncode}):\n{stderr[-3000:]}")
        if version.startswith("older-"):
            results.setdefault("older", {}).update(json.loads(out.read_text())["trees"]["orig"])
            continue
        merged = results.setdefault(version, {"trees": {}, "stubbed": []})
        one = json.loads(out.read_text())
        merged["trees"].update(one["trees"])
        merged["zenml"] = one.get("zenml")
        merged["stubbed"] = sorted(set(merged["stubbed"]) | set(one.get("stubbed", ())))
    for version, merged in results.items():  # the merged view, as one file per release
        if version == "older":
            continue
        (work / f"imports-{version}.json").write_text(json.dumps(merged, indent=1, sort_keys=True))
    return results


# ----------------------------------------------------------------------------- measures
def statement_lines(path: Path, line: int) -> Tuple[int, int]:
    """The lines of the statement holding ``line`` (a def/class: its decorators and header)."""
    try:
        tree = ast.parse(read_source(path))
    except (SyntaxError, OSError, UnicodeDecodeError):
        return line, line
    stmt = _statement_at(tree.body, line)
    if stmt is None:
        return line, line
    start = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        end = stmt.body[0].lineno - 1 if stmt.body else stmt.lineno
        return start, max(end, stmt.lineno)
    return start, stmt.end_lineno or line


def recall(orig: Path, probe: dict, findings: List[dict]) -> dict:
    by_file: Dict[str, List[Tuple[int, int]]] = {}
    for f in findings:
        rel = os.path.relpath(f["path"], orig) if os.path.isabs(f["path"]) else f["path"]
        by_file.setdefault(rel, []).append((f["line"], f["end_line"]))
    out = {"failing": 0, "reported": 0, "missed": [], "cascade": 0, "cascade_reported": 0}
    for rel, result in sorted(probe.items()):
        spans = by_file.get(rel, [])
        for kind, lines in (("failing", result["failing_lines"]), ("cascade", result.get("cascade_lines", []))):
            for line in lines:
                start, end = statement_lines(orig / rel, line)
                hit = any(s <= end and e >= start for s, e in spans)
                out[kind] += 1
                out[f"{kind}_reported"] = out.get(f"{kind}_reported", 0) + hit
                if not hit and kind == "failing":
                    out["missed"].append(f"{rel}:{line}")
    out["reported"] = out.pop("failing_reported", 0)  # no failing line at all: 0
    out["recall"] = round(out["reported"] / out["failing"], 4) if out["failing"] else 1.0
    return out


def _zenml_import_line(path: Path, line: int) -> bool:
    try:
        stmt = _statement_at(ast.parse(read_source(path)).body, line)
    except (SyntaxError, OSError, UnicodeDecodeError):
        return False
    if isinstance(stmt, ast.ImportFrom):
        return (stmt.module or "").split(".")[0] == "zenml"
    if isinstance(stmt, ast.Import):
        return any(a.name.split(".")[0] == "zenml" for a in stmt.names)
    return False


def older_api_modules(orig: Path, base: Dict[str, dict], older: Dict[str, dict], older_projects: Set[str]) -> Dict[str, str]:
    """The modules that fail on 0.13.2 because they were written for an older release, each
    with how that is known: in a project mapped to its release (``older_projects``), a module
    that imports on the real release (``older``: its results there); elsewhere, a module
    whose every line failing on 0.13.2 is a zenml import line."""
    out: Dict[str, str] = {}
    for module, result in base.items():
        if result["ok"]:
            continue
        if module.split("/")[0] in older_projects:
            if older.get(module, {}).get("ok"):
                out[module] = "imports on its release"
        elif result["failing_lines"] and not result["blamed"] and all(_zenml_import_line(orig / module, n) for n in result["failing_lines"]):
            out[module] = "fails on 0.13.2 only on zenml import lines"
    return out


def imports_after_fix(orig: Path, results: Dict[str, dict], older_projects: Set[str] = frozenset()) -> dict:
    base = results["0.13.2"]["trees"]["orig"]
    ok_0132 = {m for m, r in base.items() if r["ok"]}
    legacy_why = older_api_modules(orig, base, results.get("older", {}), set(older_projects))
    legacy = set(legacy_why)
    out = {
        "modules": len(base),
        "import_on_0132": len(ok_0132),
        "legacy_only": len(legacy),
        "legacy_checked_on_release": sum(why == "imports on its release" for why in legacy_why.values()),
        "fail_on_0132_unlabelled": sorted(m for m, r in base.items() if not r["ok"] and m not in legacy),
    }
    for version in ("0.20.0", "0.20.5"):
        trees = results[version]["trees"]
        before = {m for m, r in trees["orig"].items() if r["ok"]}
        for tree in ("fixed", "unsafe"):
            after = {m for m, r in trees[tree].items() if r["ok"]}
            out[f"{tree}@{version}"] = {
                "still_import": len(ok_0132 & after),
                "of": len(ok_0132),
                "not_importing": sorted((ok_0132 - after)),
                "worse": sorted(before - after),
                "legacy_fixed": len(legacy & after),
                "legacy_of": len(legacy),
                "legacy_not_importing": sorted(legacy - after),
                "errors": {m: trees[tree][m]["error"] for m in sorted(ok_0132 - after)},
            }
    return out


def rescan(fixed: Path, unsafe: Path, env: Optional[Dict[str, str]] = None) -> dict:
    left_safe = [f for f in scan_json(fixed, env) if f.get("fix") == "safe"]
    left_unsafe = [f for f in scan_json(unsafe, env) if f.get("fix") in ("safe", "unsafe")]
    fmt = lambda fs, root: [f"{os.path.relpath(f['path'], root)}:{f['line']} {f['code']}" for f in fs]  # noqa: E731
    return {"fixed_left_safe": fmt(left_safe, fixed), "unsafe_left_fixable": fmt(left_unsafe, unsafe)}


def precision_on_020_source() -> dict:
    from tests import realzenml

    python = realzenml.venv_python("0.20.5")
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True, check=True
    ).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:  # a copy: the venvs live under a hidden .cache folder
        source = Path(tmp) / "zenml"
        shutil.copytree(Path(site) / "zenml", source, ignore=shutil.ignore_patterns("__pycache__"))
        findings = scan_json(source)
        where = [f"{os.path.relpath(f['path'], tmp)}:{f['line']} {f['code']}" for f in findings]
    return {"findings": len(findings), "files": len(list(Path(site, "zenml").rglob("*.py"))), "where": where[:20]}


# --------------------------------------------------------------------------------- main
def check(
    corpus: Path, work: Path, tracker_names: bool = True, older_release: Optional[List[str]] = None, old_venvs: Optional[Path] = None
) -> dict:
    """Every measure of the module docstring. ``tracker_names``: keep the corpus' pyproject
    (its experiment tracker names); else fix as if no tracker name were known. The user's
    own ZenML config is never read (``ZENML_CONFIG_PATH`` points at an empty folder).
    ``older_release``: ``PROJECT=VERSION`` items, checked with the venvs under ``old_venvs``."""
    projects = projects_of(corpus)
    release_of = older_releases(older_release or [], projects)
    older_projects: Dict[str, List[str]] = {}
    for project, version in sorted(release_of.items()):
        older_projects.setdefault(version, []).append(project)
    if older_projects and old_venvs is None:
        raise ValueError("--older-release needs --old-venvs DIR (or ZENML_MIGRATE_OLD_VENVS)")
    older = {version: old_venv_python(old_venvs, version) for version in older_projects}
    trees = {name: work / name for name in TREES}
    for path in trees.values():
        if path.exists():
            shutil.rmtree(path)
        shutil.copytree(corpus, path)
        if not tracker_names and (path / "pyproject.toml").exists():
            (path / "pyproject.toml").unlink()
    env = dict(os.environ, ZENML_CONFIG_PATH=str(work / "no-user-zenml-config"))
    runs = {
        "fixed": migrate(["code", "--fix", str(trees["fixed"])], env=env),
        "unsafe": migrate(["code", "--fix", "--unsafe-fixes", str(trees["unsafe"])], env=env),
    }
    for name, proc in runs.items():
        if not _completed(proc):
            raise RuntimeError(f"migrate code ({name}) failed:\n{proc.stdout}\n{proc.stderr}")
    findings = scan_json(trees["orig"], env)
    results = import_all(trees, projects, work, older, older_projects)
    report = {
        "projects": len(projects),
        "older_releases": release_of,
        "recall@0.20.5": recall(trees["orig"], results["0.20.5"]["trees"]["orig"], findings),
        "imports": imports_after_fix(trees["orig"], results, set(release_of)),
        "rescan": rescan(trees["fixed"], trees["unsafe"], env),
        "stubbed": sorted(set().union(*(set(r.get("stubbed", ())) for r in results.values()))),
        "fix_summary": {name: proc.stdout.strip().splitlines()[-3:] for name, proc in runs.items()},
    }
    return report


def render(report: dict) -> str:
    r = report["recall@0.20.5"]
    imports = report["imports"]
    checked = imports.get("legacy_checked_on_release", 0)
    lines = [
        f"projects: {report['projects']}, modules: {imports['modules']} "
        f"({imports['import_on_0132']} import on 0.13.2, {imports['legacy_only']} fail there only on an older zenml API"
        + (f": {checked} of them import on the real release of their project" if report.get("older_releases") else "")
        + ")",
        f"(a) recall on 0.20.5: {r['reported']}/{r['failing']} failing lines reported = {r['recall']:.1%}"
        f" (+ {r['cascade_reported']}/{r['cascade']} lines failing only after an earlier stubbed line)",
    ]
    if r["missed"]:
        lines.append("    missed: " + ", ".join(r["missed"]))
    for key, value in report["imports"].items():
        if "@" not in key:
            continue
        lines.append(
            f"(b) {key}: {value['still_import']}/{value['of']} modules that import on 0.13.2 import; "
            f"worse: {len(value['worse'])}; older-API modules fixed: {value['legacy_fixed']}/{value['legacy_of']}"
        )
        for module, error in value["errors"].items():
            lines.append(f"      {module}: {error}")
        for module in value["worse"]:
            lines.append(f"      worse: {module}")
        for module in value.get("legacy_not_importing", ()):
            lines.append(f"      older-API, not importing: {module}")
    rs = report["rescan"]
    lines.append(f"(c) re-scan: {len(rs['fixed_left_safe'])} safe finding(s) left after --fix, "
                 f"{len(rs['unsafe_left_fixable'])} fixable left after --unsafe-fixes")
    for item in rs["fixed_left_safe"] + rs["unsafe_left_fixable"]:
        lines.append(f"      {item}")
    if "precision" in report:
        p = report["precision"]
        lines.append(f"(p) scan of the real 0.20.5 package source ({p['files']} files): {p['findings']} finding(s) " + " ".join(p["where"]))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "fixtures" / "corpus")
    parser.add_argument("--keep", type=Path, help="work folder to keep (default: a temporary one)")
    parser.add_argument("--json", type=Path, help="write the numbers here")
    parser.add_argument(
        "--older-release",
        action="append",
        default=[],
        metavar="PROJECT=VERSION",
        help="the projects (a folder name or an fnmatch pattern) written for an older zenml release: a module of them "
        "that fails on 0.13.2 and imports on the real VERSION (the venv under --old-venvs) is an older-API module",
    )
    parser.add_argument(
        "--old-venvs",
        type=Path,
        default=Path(os.environ["ZENML_MIGRATE_OLD_VENVS"]) if os.environ.get("ZENML_MIGRATE_OLD_VENVS") else None,
        help="folder of venvs of older zenml releases (default: $ZENML_MIGRATE_OLD_VENVS)",
    )
    parser.add_argument("--no-precision", action="store_true", help="skip the scan of the real 0.20.5 source")
    parser.add_argument(
        "--no-tracker-names",
        action="store_true",
        help="fix without the corpus' [tool.zenml-migrate] experiment-tracker (no tracker name known: the "
        "@enable_mlflow/@enable_wandb decorators stay)",
    )
    args = parser.parse_args()
    try:  # a bad mapping is an error before any work starts
        for version in set(older_releases(args.older_release, projects_of(args.corpus)).values()):
            old_venv_python(args.old_venvs or Path("--old-venvs not given"), version)
    except (ValueError, FileNotFoundError) as error:
        print(f"corpus_check: {error}", file=sys.stderr)
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="zenml-corpus-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        report = check(
            args.corpus.resolve(),
            work.resolve(),
            tracker_names=not args.no_tracker_names,
            older_release=args.older_release,
            old_venvs=args.old_venvs,
        )
        if not args.no_precision:
            report["precision"] = precision_on_020_source()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(render(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
