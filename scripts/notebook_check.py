"""Judge zenml-migrate on the notebooks of a tree the way issue 7 is judged: every notebook
that imports on the real ZenML 0.13.2 (its code cells as one module, see
``scripts/notebook_import.py``) must import on the real 0.20.0 and 0.20.5 after ``migrate
code --fix`` and after ``--fix --unsafe-fixes``.

    python scripts/notebook_check.py --corpus DIR [--keep OUT_DIR] [--json FILE]

The tree is copied three times (``orig``, ``fixed``, ``unsafe``; never changed in place).
Measured, per notebook with a Python kernel:

(a) recall: lines of ``orig`` cells that fail on the real 0.20.5 (probed line after line)
    that ``migrate scan`` reports (a finding on the statement that holds the line, in its cell);
(b) imports after the fix: notebooks importing on 0.13.2 that still import on 0.20.0/0.20.5
    after ``--fix`` / ``--unsafe-fixes``; "worse": importing on a 0.20 before the fix and not
    after; notebooks failing on 0.13.2 only on zenml import lines of an older release that
    import after the fix;
(c) a re-scan of ``fixed`` shows no ``safe`` finding in a notebook (``unsafe``: no fixable one).

Text notebooks (``# %%`` scripts Python rejects, ``.ipy``, MyST/jupytext ``.md``, ``.qmd``, ``.Rmd``)
count as notebooks: each is checked as the ``.ipynb`` of its Python cells (``TEXT_AS_NOTEBOOK``,
written next to it in each tree after every scan), its findings mapped to those cells by line.

``corpus_check.py`` may reuse ``import_notebooks(trees, notebooks, work)`` and ``measure``.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from corpus_check import _completed, migrate, scan_json, statement_lines  # noqa: E402

TREES = ("orig", "fixed", "unsafe")
PLAN = {
    "0.13.2": [("orig", True)],
    "0.20.0": [("orig", False), ("fixed", False), ("unsafe", False)],
    "0.20.5": [("orig", True), ("fixed", False), ("unsafe", False)],
}
ZENML_IMPORT = ("from zenml", "import zenml")


def notebooks_of(tree: Path) -> List[str]:
    return sorted(
        str(p.relative_to(tree))
        for p in tree.rglob("*.ipynb")
        if not any(part.startswith(".") for part in p.relative_to(tree).parts) and p.is_file()
    )


# a text notebook (percent/Spyder ``# %%`` script Python rejects, ``.ipy``, MyST/jupytext ``.md``, Quarto
# ``.qmd``, R Markdown ``.Rmd``) is checked as the ``.ipynb`` of its Python cells, written next to it
# (same folder: the kernel's working directory) under this suffix; findings map back by file line
TEXT_AS_NOTEBOOK = ".nbcheck.ipynb"
TEXT_SUFFIXES = (".py", ".ipy", ".md", ".qmd", ".Rmd", ".rmd")


def text_notebooks(tree: Path) -> Dict[str, List[int]]:
    """``{rel path of a text notebook: 0-based file line where each Python cell starts}``, read
    by the tool's own model (``scan/text_notebook.py``: which text is a cell)."""
    from zenml_migrate.scan.discovery import kind_of
    from zenml_migrate.scan.file_scan import FileJob
    from zenml_migrate.scan.text_notebook import cells_job, python_chunks

    out: Dict[str, List[int]] = {}
    for p in sorted(tree.rglob("*")):
        rel = p.relative_to(tree)
        if not p.is_file() or not p.name.endswith(TEXT_SUFFIXES) or any(part.startswith(".") for part in rel.parts[:-1]):
            continue
        text = p.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n")
        kind = "ipython" if p.suffix == ".ipy" else kind_of(str(rel))
        if kind == "py":
            job = cells_job(FileJob(str(p), "py"), text)
            kind = job.kind if job is not None else None
        chunks = python_chunks(kind, str(p), text) if kind in ("ipython", "markdown") else []
        if chunks:
            out[str(rel)] = [c.line for c in chunks]
    return out


def write_text_notebooks(tree: Path, texts: Dict[str, List[int]]) -> List[str]:
    """Each text notebook of ``tree`` as ``<name>.nbcheck.ipynb`` next to it (its cells as they are
    in ``tree`` now: after a fix, the fixed text); the notebooks' relative paths."""
    from zenml_migrate.scan.discovery import kind_of
    from zenml_migrate.scan.file_scan import FileJob
    from zenml_migrate.scan.text_notebook import as_notebook_json, cells_job, python_chunks

    out = []
    for rel in texts:
        p = tree / rel
        text = p.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n")
        kind = "ipython" if p.suffix == ".ipy" else kind_of(rel)
        if kind == "py":
            job = cells_job(FileJob(str(p), "py"), text)
            kind = job.kind if job is not None else "py"  # fixed into valid Python: one cell
        chunks = python_chunks(kind, str(p), text) if kind in ("ipython", "markdown") else []
        nb = as_notebook_json(chunks)
        if not chunks and kind == "py":
            nb["cells"] = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": text}]
        nb["metadata"] = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}
        (tree / (rel + TEXT_AS_NOTEBOOK)).write_text(json.dumps(nb), encoding="utf-8")
        out.append(rel + TEXT_AS_NOTEBOOK)
    return out


def import_notebooks(trees: Dict[str, Path], notebooks: List[str], work: Path, plan=None, lists=None) -> Dict[str, dict]:
    """``{version: {"trees": {tree: {notebook: result}}, ...}}``: one subprocess per (release,
    tree), with a fresh ZenML config dir each, two at a time (the machine's two cores).
    ``plan``: ``{version: [(tree, probe)]}`` (default ``PLAN``); ``lists``: ``{tree: notebooks}``
    for a tree that has its own."""
    from tests import realzenml

    jobs = []
    for version, wanted in (plan or PLAN).items():
        for name, probe in wanted:
            tree = {"name": name, "root": str(trees[name]), "probe": probe, "notebooks": (lists or {}).get(name, notebooks)}
            spec = {"trees": [tree]}
            spec_file = work / f"nbspec-{version}-{name}.json"
            spec_file.write_text(json.dumps(spec))
            config = work / f"nb-zenml-config-{version}-{name}"
            if config.exists():
                shutil.rmtree(config)
            config.mkdir()
            cmd = [str(realzenml.venv_python(version)), str(ROOT / "scripts" / "notebook_import.py"), str(spec_file), str(work / f"nbimports-{version}-{name}.json")]
            jobs.append((version, name, cmd, realzenml.env_for(config)))
    results: Dict[str, dict] = {}
    running: list = []
    while jobs or running:
        while jobs and len(running) < 2:
            version, name, cmd, env = jobs.pop(0)
            proc = subprocess.Popen(cmd, cwd=str(work), env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            running.append((version, name, proc))
        version, name, proc = running.pop(0)
        _, stderr = proc.communicate(timeout=1800)
        out = work / f"nbimports-{version}-{name}.json"
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(f"notebook import on {version} ({name}) failed ({proc.returncode}):\n{stderr[-3000:]}")
        one = json.loads(out.read_text())
        merged = results.setdefault(version, {"trees": {}, "stubbed": []})
        merged["trees"].update(one["trees"])
        merged["zenml"] = one.get("zenml")
        merged["stubbed"] = sorted(set(merged["stubbed"]) | set(one.get("stubbed", ())))
    return results


def _module_line(tree: Path, rel: str, module_line: int) -> str:
    module = tree / rel
    from corpus_import import python_lines

    return python_lines(module.read_text(encoding="utf-8"))[module_line - 1] if module.exists() else ""


def measure(orig: Path, results: Dict[str, dict], findings: List[dict], texts: Optional[Dict[str, List[int]]] = None) -> dict:
    base = results["0.13.2"]["trees"]["orig"]
    python = {n for n, r in base.items() if not r.get("skipped")}
    ok_0132 = {n for n in python if base[n]["ok"]}

    def legacy_only(n: str) -> bool:
        r = base[n]
        lines = [_module_line(orig, r["module"], line).strip() for line in r["failing_lines"]]
        return bool(lines) and not r["blamed"] and all(line.startswith(ZENML_IMPORT) for line in lines)

    legacy = {n for n in python - ok_0132 if legacy_only(n)}
    out: dict = {"notebooks": len(base), "python": len(python), "import_on_0132": len(ok_0132), "legacy_only": len(legacy)}
    spans: Dict[tuple, list] = {}
    for f in findings:
        rel = os.path.relpath(f["path"], orig) if os.path.isabs(f["path"]) else f["path"]
        if f.get("cell") is not None:
            spans.setdefault((rel, f["cell"]), []).append((f["line"], f.get("end_line", f["line"])))
        elif texts and rel in texts:  # a text notebook's finding: on its file line, in the cell that holds it
            starts = texts[rel]
            for k, start in enumerate(starts):
                end = starts[k + 1] if k + 1 < len(starts) else float("inf")
                if start < f["line"] <= end:
                    spans.setdefault((rel + TEXT_AS_NOTEBOOK, k + 1), []).append((f["line"] - start, f.get("end_line", f["line"]) - start))
    probe = results["0.20.5"]["trees"]["orig"]
    failing = reported = 0
    missed = []
    for rel in sorted(python):
        result = probe[rel]
        for (cell, line), at in zip(result.get("failing_cells", []), result.get("failing_lines", [])):
            failing += 1
            # the failing line is the first of its statement; a finding anywhere on the statement
            # reports it (a multi-line import: the finding is on the name), as corpus_check reads .py
            start, end = statement_lines(orig / result["module"], at)
            first, last = line - (at - start), line + (end - at)
            if any(s <= last and e >= first for s, e in spans.get((rel, cell), [])):
                reported += 1
            else:
                missed.append(f"{rel}[{cell}]:{line}")
    out["recall@0.20.5"] = {"failing": failing, "reported": reported, "missed": missed}
    for version in ("0.20.0", "0.20.5"):
        trees = results[version]["trees"]
        before = {n for n in python if trees["orig"][n]["ok"]}
        for tree in ("fixed", "unsafe"):
            after = {n for n in python if trees[tree][n]["ok"]}
            out[f"{tree}@{version}"] = {
                "still_import": len(ok_0132 & after),
                "of": len(ok_0132),
                "worse": sorted(before - after),
                "legacy_fixed": len(legacy & after),
                "legacy_of": len(legacy),
                "errors": {n: trees[tree][n]["error"] for n in sorted((ok_0132 | before) - after)},
            }
    return out


def check(corpus: Path, work: Path) -> dict:
    trees = {name: work / name for name in TREES}
    for path in trees.values():
        if path.exists():
            shutil.rmtree(path)
        shutil.copytree(corpus, path, ignore=shutil.ignore_patterns(".nbimport"))
    env = dict(os.environ, ZENML_CONFIG_PATH=str(work / "no-user-zenml-config"))
    runs = {
        "fixed": migrate(["code", "--fix", "--no-cache", str(trees["fixed"])], env=env),
        "unsafe": migrate(["code", "--fix", "--unsafe-fixes", "--no-cache", str(trees["unsafe"])], env=env),
    }
    for name, proc in runs.items():
        if not _completed(proc):
            raise RuntimeError(f"migrate code ({name}) failed:\n{proc.stdout}\n{proc.stderr}")
    findings = scan_json(trees["orig"], env)
    texts = text_notebooks(trees["orig"])

    def in_notebook(f: dict, tree: Path) -> bool:
        return f.get("cell") is not None or os.path.relpath(f["path"], tree) in texts

    fixed_left = [f for f in scan_json(trees["fixed"], env) if in_notebook(f, trees["fixed"]) and f.get("fix") == "safe"]
    unsafe_left = [f for f in scan_json(trees["unsafe"], env) if in_notebook(f, trees["unsafe"]) and f.get("fix") in ("safe", "unsafe")]
    notebooks = notebooks_of(trees["orig"])
    lists = {name: notebooks + write_text_notebooks(path, texts) for name, path in trees.items()}  # (after every scan)
    results = import_notebooks(trees, notebooks, work, lists=lists)
    report = measure(trees["orig"], results, findings, texts)
    report["text_notebooks"] = len(texts)
    report["rescan"] = {
        "fixed_left_safe": [f"{os.path.relpath(f['path'], trees['fixed'])}[{f.get('cell')}]:{f['line']} {f['code']}" for f in fixed_left],
        "unsafe_left_fixable": [f"{os.path.relpath(f['path'], trees['unsafe'])}[{f.get('cell')}]:{f['line']} {f['code']}" for f in unsafe_left],
    }
    report["stubbed"] = sorted(set().union(*(set(r.get("stubbed", ())) for r in results.values())))
    return report


def render(report: dict) -> str:
    rec = report["recall@0.20.5"]
    lines = [
        f"notebooks: {report['notebooks']} ({report['python']} Python; {report.get('text_notebooks', 0)} of them text notebooks, "
        f"checked as their cells' .ipynb), import on 0.13.2: {report['import_on_0132']}, "
        f"failing on 0.13.2 only on older zenml imports: {report['legacy_only']}",
        f"recall@0.20.5: {rec['reported']}/{rec['failing']} failing cell lines reported" + (f"; missed {rec['missed']}" if rec["missed"] else ""),
    ]
    for key in ("fixed@0.20.0", "fixed@0.20.5", "unsafe@0.20.0", "unsafe@0.20.5"):
        r = report[key]
        lines.append(
            f"{key}: {r['still_import']}/{r['of']} still import, worse {len(r['worse'])}, older-API fixed {r['legacy_fixed']}/{r['legacy_of']}"
            + "".join(f"\n    {n}: {e}" for n, e in r["errors"].items())
        )
    lines.append(f"re-scan: fixed left safe {len(report['rescan']['fixed_left_safe'])}, unsafe left fixable {len(report['rescan']['unsafe_left_fixable'])}")
    lines.append(f"stubbed: {', '.join(report['stubbed'])}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--keep", type=Path, help="work folder (kept); default: a temporary one")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    import tempfile

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        report = check(args.corpus.resolve(), args.keep.resolve())
    else:
        with tempfile.TemporaryDirectory() as tmp:
            report = check(args.corpus.resolve(), Path(tmp))
    print(render(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
