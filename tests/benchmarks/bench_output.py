"""Benchmark for the output formats and the progress display (a script, not a timed test).

    .venv/bin/python tests/benchmarks/bench_output.py [--files 4000] [--progress-files 3000] [--keep DIR]

1. Output: builds a dense tree (every file a ZenML 0.13.2 module, ~4.5 findings each: 4,000
   files give ~18,000 findings), fills the results cache once, then times
   ``migrate scan --format F > file`` for every format on the warm cache (best of 3), so the
   time is start-up + cache + rendering.
2. Progress: on a mixed tree of ``--progress-files`` files, runs ``migrate scan --no-cache``
   under a pseudo-terminal (stderr is a tty, as in a shell) and reports when the first
   progress frame reached the terminal and how long the run took.
"""

import argparse
import os
import pty
import select
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from bench_scan import build_tree  # noqa: E402

FORMATS = ("concise", "full", "grouped", "json", "json-lines", "sarif", "github", "gitlab", "junit", "html")


def migrate_cmd(*args):
    return [sys.executable, "-m", "zenml_migrate", *args]


def time_format(root: str, fmt: str, cache: str, runs: int = 3) -> float:
    best = float("inf")
    out = os.path.join(root, "..", f"out.{fmt}")
    for _ in range(runs):
        with open(out, "w") as fh:
            t = time.perf_counter()
            subprocess.run(migrate_cmd("scan", "--cache-dir", cache, "--format", fmt, "."), cwd=root, stdout=fh, stderr=subprocess.DEVNULL)
            best = min(best, time.perf_counter() - t)
    return best


def first_progress(root: str, extra=()) -> tuple:
    """(seconds to the first byte on the terminal's stderr, total seconds, text seen)."""
    master, slave = pty.openpty()
    env = dict(os.environ, COLUMNS="100", TERM="xterm-256color")
    t = time.perf_counter()
    proc = subprocess.Popen(migrate_cmd("scan", "--no-cache", *extra, "."), cwd=root, stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    first, seen = None, b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            if first is None:
                first = time.perf_counter() - t
            seen += chunk
        elif proc.poll() is not None:
            break
    proc.wait()
    total = time.perf_counter() - t
    os.close(master)
    return first, total, seen.decode("utf-8", "replace")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=4000)
    ap.add_argument("--progress-files", type=int, default=3000)
    ap.add_argument("--keep")
    args = ap.parse_args()
    base = args.keep or tempfile.mkdtemp(prefix="bench-output-")
    try:
        dense = os.path.join(base, "dense")
        if not os.path.isdir(dense):
            build_tree(dense, args.files, 1.0)
        cache = os.path.join(base, "cache")
        proc = subprocess.run(migrate_cmd("scan", "--cache-dir", cache, "--format", "json", "."), cwd=dense, capture_output=True, text=True)
        import json

        n = json.loads(proc.stdout)["summary"]["findings"]
        print(f"dense tree: {args.files} files, {n:,} findings (warm cache; best of 3; stdout to a file)")
        for fmt in FORMATS:
            print(f"  --format {fmt:<11} {time_format(dense, fmt, cache):6.2f} s")
        mixed = os.path.join(base, "mixed")
        if not os.path.isdir(mixed):
            build_tree(mixed, args.progress_files, 0.02)
        first, total, text = first_progress(mixed)
        frame = text.replace("\r", "\n").strip().splitlines()
        print(f"mixed tree: {args.progress_files} files, stderr a terminal, --no-cache")
        print(f"  first progress output after {first if first is None else round(first, 2)} s; run took {total:.2f} s")
        print(f"  a frame: {next((f for f in frame if 'files' in f), frame[:1])!r}")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
