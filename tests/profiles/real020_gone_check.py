"""Run INSIDE a real ZenML 0.20.x venv, from the migrated code of fixtures/history_project:

    python real020_gone_check.py OUT.json PROJECT RUN...

The real `zenml pipeline runs list`, then every output of the runs named, each `.read()`: "read", or the name of the
exception it raised (runs migrated with output folders gone from disk).
"""

import json
import os
import sys

sys.path.insert(0, os.getcwd())  # the migrated user code (its materializers)

from click.testing import CliRunner

from zenml.cli.cli import cli
from zenml.client import Client
from zenml.post_execution import get_run


def main(out_path, project, *runs):
    Client().set_active_project(project)
    listing = CliRunner().invoke(cli, ["pipeline", "runs", "list"], catch_exceptions=True)
    out = {"exit_code": listing.exit_code, "output": listing.output, "reads": {}, "statuses": {}}
    for name in runs:
        run = get_run(name)
        out["statuses"][name] = str(run.status.value)
        for step in run.steps:
            for output, artifact in step.outputs.items():
                try:
                    artifact.read()
                    result = "read"
                except Exception as error:  # what a user reading it meets
                    result = type(error).__name__
                out["reads"][f"{name}/{step.name}.{output}"] = result
    with open(out_path, "w") as fh:
        json.dump(out, fh, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
