"""Benchmark: notebooks scan and fix at the speed of the same code in .py files (a script,
not a timed test).

    .venv/bin/python tests/benchmarks/bench_notebooks.py [--files 400]

Builds two trees in a temporary directory from the legacy templates of ``bench_scan.py``:
N ``.py`` files, and N notebooks holding the same code split into cells at its top-level
blank lines, plus IPython lines (``%matplotlib inline``, ``!zenml stack list``, a continued
``!zenml stack register ... -m ...`` escape, ``x = !ls``) that a ``.py`` file cannot hold
(those add CLI findings; the Python findings must be the same). Prints, per tree, the wall
time (best of 3) of a fresh ``python -m zenml_migrate scan --no-cache`` and ``code --no-cache`` (the diff,
nothing written), files/s, and the notebook/.py ratio.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from bench_scan import LEGACY_TEMPLATES  # noqa: E402

IPYTHON_CELLS = [
    "%matplotlib inline\n!zenml stack list\n",
    "!zenml stack register bench_stack \\\n    -m default \\\n    -a default \\\n    -o default\n",
    "files = !ls\nlen(files)\n",
]


def code_of(i: int) -> str:
    template = LEGACY_TEMPLATES[i % len(LEGACY_TEMPLATES)]
    name = f"mod{i}"
    return template.format(name=name, Cls=name.capitalize())


def notebook_of(code: str) -> str:
    chunks = [c.strip("\n") + "\n" for c in code.split("\n\n\n") if c.strip()]
    sources = IPYTHON_CELLS[:1] + chunks[:1] + IPYTHON_CELLS[1:] + chunks[1:]
    cells = [
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": s.splitlines(keepends=True)}
        for s in sources
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


def build(root: str, n: int) -> None:
    for kind in ("py", "ipynb"):
        folder = os.path.join(root, kind)
        os.makedirs(folder)
        for i in range(n):
            code = code_of(i)
            with open(os.path.join(folder, f"m{i}.{kind}"), "w") as fh:
                fh.write(code if kind == "py" else notebook_of(code))


def timed(args, cwd, repeat=3):
    """Best wall time of ``repeat`` fresh runs (the machine is shared), and the last run."""
    best = None
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "zenml_migrate", *args], cwd=cwd, capture_output=True, text=True)
        took = time.perf_counter() - start
        best = took if best is None else min(best, took)
    return best, proc


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=400)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        build(root, opts.files)
        results = {}
        for kind in ("py", "ipynb"):
            folder = os.path.join(root, kind)
            scan_s, scan = timed(["scan", "--no-cache", "--format", "json", "."], folder)
            findings = json.loads(scan.stdout)["findings"]
            python = sorted((f["code"]) for f in findings if not f["code"].startswith("ZM95"))
            code_s, _ = timed(["code", "--no-cache", "."], folder)
            results[kind] = (scan_s, code_s, python, len(findings))
            print(
                f"{kind:6} {opts.files} files: scan {scan_s:6.2f}s ({opts.files / scan_s:6.0f} files/s, {len(findings)} findings), "
                f"code (diff) {code_s:6.2f}s ({opts.files / code_s:5.0f} files/s)"
            )
        same = results["py"][2] == results["ipynb"][2]
        print(f"same Python findings in notebooks and .py files: {same}")
        print(f"notebook/.py time: scan x{results['ipynb'][0] / results['py'][0]:.2f}, code x{results['ipynb'][1] / results['py'][1]:.2f}")


if __name__ == "__main__":
    main()
