"""Run INSIDE a real ZenML 0.20.x venv, from the migrated code of fixtures/history_project:

    python real020_history_check.py OUT.json PROJECT STACK [new-runs|no-new-runs]

One process per version and target: the real `zenml pipeline runs list` (click runner), the
post-execution API of every run (``inspect_runs``: steps, statuses, parameters, ``output.read()``),
the number of SQL rows before and after ZenML's own sync, then a NEW run of the migrated pipelines
on the migrated stack, and the statuses of its steps.
"""

import json
import os
import sys
import time
import traceback

sys.path.insert(0, os.getcwd())  # the migrated user code (run.py, steps/, materializers/, inspect_runs.py)

from click.testing import CliRunner

from zenml.cli.cli import cli
from zenml.client import Client
from zenml.zen_stores.rest_zen_store import RestZenStore

UNLISTED = "(unlisted)"  # runs imported without a pipeline


def _retry_reads(request):
    """A GET that the server answers with a 500 is retried (up to ~20 s). The real 0.20.x server runs
    its every-10-s run sync (MLMD -> SQL) in the same thread pool as the request handlers: under load
    a read of a step's status that overlaps it can fail (clean-clone CI, twice: 'RuntimeError:
    Internal Server Error' from get_run_step_status; a snapshot retried whole for 60 s kept meeting
    it, since one snapshot is hundreds of reads). Writes are not retried; a read that keeps failing
    raises its last error."""

    def wrapped(self, method, url, *args, **kwargs):
        for attempt in range(20):
            try:
                return request(self, method, url, *args, **kwargs)
            except RuntimeError:
                if method.upper() != "GET" or attempt == 19:
                    raise
                time.sleep(1)

    return wrapped


RestZenStore._request = _retry_reads(RestZenStore._request)


def snapshot(inspect_runs, path) -> dict:
    """Every pipeline's runs, and the unlisted runs under "(unlisted)"."""
    from zenml.post_execution import get_unlisted_runs

    inspect_runs.main(path)
    with open(path) as fh:
        out = json.load(fh)
    unlisted = inspect_runs.runs_of(get_unlisted_runs())
    if unlisted:
        out[UNLISTED] = {"docstring": None, "runs": unlisted}
    return out


def main(out_path, project, stack, new_runs="new-runs"):
    client = Client()
    client.set_active_project(project)
    client = Client()
    out = {"zenml_version": __import__("zenml").__version__}
    result = CliRunner().invoke(cli, ["pipeline", "runs", "list"], catch_exceptions=True)
    out["runs_list"] = {"exit_code": result.exit_code, "output": result.output,
                        "exception": repr(result.exception) if result.exception and not isinstance(result.exception, SystemExit) else None}
    import inspect_runs

    out["before"] = snapshot(inspect_runs, out_path + ".before.json")
    if new_runs != "new-runs":
        with open(out_path, "w") as fh:
            json.dump(out, fh, indent=1, sort_keys=True, default=str)
        return
    client.activate_stack([s for s in client.stacks if s.name == stack][0])
    import run

    new = {}
    for argv in (["run.py", "training", "new_training_run"], ["run.py", "report", "new_report_run"], ["run.py", "ordered", "new_ordered_run"]):
        sys.argv = argv
        try:
            run.main()
            new[argv[2]] = None
        except Exception:
            new[argv[2]] = traceback.format_exc()
    out["new_run_errors"] = new
    deadline = time.time() + 60  # a server syncs new runs from MLMD every 10 s
    while True:
        try:
            out["after"] = snapshot(inspect_runs, out_path + ".after.json")
        except RuntimeError:  # a REST read racing the server's own sync (seen once: 500 on a run's status)
            if time.time() > deadline:
                raise
            time.sleep(2)
            continue
        runs = {name: r for p in out["after"].values() for name, r in p["runs"].items()}
        done = [runs.get(n) for n in ("new_training_run", "new_report_run", "new_ordered_run")]
        if all(r and r["status"] == "completed" and all(st["outputs"] for st in r["steps"]) for r in done) or time.time() > deadline:
            break
        time.sleep(2)
    out["pipelines"] = {p.name: p.spec.dict() if hasattr(p.spec, "dict") else p.spec for p in client.zen_store.list_pipelines(project_name_or_id=project)}
    with open(out_path, "w") as fh:
        json.dump(out, fh, indent=1, sort_keys=True, default=str)


if __name__ == "__main__":
    main(*sys.argv[1:5])
