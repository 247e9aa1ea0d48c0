"""Run a notebook's code cells in order the way Jupyter's kernel does, without a kernel:
IPython's own ``InteractiveShell.run_cell`` (the same input transformers, magics and shell
escapes as ipykernel, which subclasses it). Executed with the python of a real ZenML venv:

    <venv>/bin/python tests/notebook_runner.py NOTEBOOK.ipynb RESULT.json

RESULT.json: one record per code cell: ``cell`` (1-based, counting every cell), ``success``,
``error`` (repr of the exception), ``shell`` (every ``!``/``%system`` command of the cell
with its exit code), ``stdout`` (what the cell printed, tail). The run goes on after a
failing cell, as "Run all" with errors allowed does, so one can see how far it gets.
"""

import json
import sys

from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output


def main(path: str, out: str) -> None:
    with open(path, encoding="utf-8") as fh:
        nb = json.load(fh)
    shell = InteractiveShell.instance()
    calls = []
    system = shell.system

    def recording_system(cmd):
        system(cmd)
        calls.append({"command": cmd, "exit_code": shell.user_ns.get("_exit_code")})

    shell.system = recording_system
    records = []
    for number, cell in enumerate(nb["cells"], 1):
        if cell.get("cell_type") != "code":
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        del calls[:]
        with capture_output() as captured:
            result = shell.run_cell(source, store_history=True)
        error = result.error_in_exec or result.error_before_exec
        records.append(
            {
                "cell": number,
                "success": bool(result.success),
                "error": None if error is None else repr(error),
                "shell": list(calls),
                "stdout": captured.stdout[-3000:],
            }
        )
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(records, fh, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
