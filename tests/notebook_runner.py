"""Run notebooks' code cells in order the way Jupyter's kernel does, without a kernel:
IPython's own ``InteractiveShell.run_cell`` (the same input transformers, magics and shell
escapes as ipykernel, which subclasses it). Executed with the python of a real ZenML venv:

    <venv>/bin/python tests/notebook_runner.py JOBS.json RESULT.json

JOBS.json: a list of ``{"notebook": path, "cwd": dir, "config": dir}``. The notebooks run one
after the other in this one process, each as in a freshly started kernel: its own working
directory and ``ZENML_CONFIG_PATH``, a new shell (new namespace, no extension loaded), the
modules the previous notebook imported from its folder forgotten, ZenML's singletons (the
repository/client, the global configuration) reset so they are read again from disk (and, on
0.20, its store opened once: see ``set_up_zenml``).

RESULT.json: ``{notebook path: [record per code cell]}``; a record: ``cell`` (1-based,
counting every cell), ``success``, ``error`` (repr of the exception), ``expected_error``
(the cell has Jupyter's ``raises-exception`` tag), ``shell`` (every ``!``/``%system`` command
of the cell with its exit code; ``x = !cmd`` with exit code None), ``magic`` (the cell
magic, if any), ``stdout``/``stderr`` (what the cell printed, tails), ``seconds``. The run goes
on after a failing cell, as "Run all" with errors allowed does, so one can see how far it
gets.
"""

import json
import os
import sys
import time

from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output


def reset_zenml() -> None:
    """What a kernel restart does to ZenML: its singletons are built again from disk."""
    for module, name in (("zenml.repository", "Repository"), ("zenml.client", "Client"), ("zenml.config.global_config", "GlobalConfiguration")):
        cls = getattr(sys.modules.get(module), name, None)
        reset = getattr(cls, "_reset_instance", None)
        if reset is not None:
            reset()


def set_up_zenml() -> None:
    """ZenML 0.20 as a user's machine has it after the first ``zenml`` command (``zenml init``,
    ``zenml stack list``, ``migrate profiles``): the store initialised, the default stack
    active. A brand-new 0.20.0-0.20.5 config directory has no active stack until its store is
    first opened, and ``pipeline.run()`` (or ``zenml experiment-tracker register``) as the very
    first action fails with "No active stack is configured"; 0.13.2 initialises on first use."""
    from importlib.metadata import version

    if not version("zenml").startswith("0.13."):
        from zenml.client import Client

        Client().zen_store
        reset_zenml()  # what the notebook reads comes from disk, as in a new kernel


def forget_modules(folder: str) -> None:
    """Modules a notebook imported from its own folder (``%%writefile x.py`` + ``import x``)."""
    folder = os.path.realpath(folder) + os.sep
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None) or ""
        if path and os.path.realpath(path).startswith(folder):
            del sys.modules[name]


def _tail(text: str, size: int = 3000) -> str:
    """The last ``size`` characters, from a line start: a line cut in the middle could read
    as another line (``...with active profile: x`` as ``active profile: x``)."""
    if len(text) <= size:
        return text
    return text[-size:].split("\n", 1)[-1]


def run_notebook(path: str) -> list:
    with open(path, encoding="utf-8") as fh:
        nb = json.load(fh)
    InteractiveShell.clear_instance()
    shell = InteractiveShell.instance()
    calls = []
    system, getoutput = shell.system, shell.getoutput

    def recording_system(cmd):
        system(cmd)
        calls.append({"command": cmd, "exit_code": shell.user_ns.get("_exit_code")})

    def recording_getoutput(cmd, *args, **kwargs):
        calls.append({"command": cmd, "exit_code": None})
        return getoutput(cmd, *args, **kwargs)

    shell.system = recording_system
    shell.getoutput = recording_getoutput
    records = []
    for number, cell in enumerate(nb["cells"], 1):
        if cell.get("cell_type") != "code":
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        del calls[:]
        start = time.monotonic()
        with capture_output() as captured:
            result = shell.run_cell(source, store_history=True)
        error = result.error_in_exec or result.error_before_exec
        head = source.lstrip().split("\n", 1)[0]
        records.append(
            {
                "cell": number,
                "success": bool(result.success),
                "error": None if error is None else repr(error),
                "expected_error": "raises-exception" in cell.get("metadata", {}).get("tags", []),
                "shell": list(calls),
                "magic": head[2:].split()[0] if head.startswith("%%") and len(head) > 2 else None,
                "stdout": _tail(captured.stdout),
                "stderr": _tail(captured.stderr),
                "seconds": round(time.monotonic() - start, 2),
            }
        )
    return records


def main(jobs_path: str, out: str) -> None:
    with open(jobs_path, encoding="utf-8") as fh:
        jobs = json.load(fh)
    if "" not in sys.path:
        sys.path.insert(0, "")  # a kernel imports from its working directory (ipykernel's init_path)
    results = {}
    previous = None
    for job in jobs:
        if previous is not None:
            forget_modules(previous)
        os.chdir(job["cwd"])
        os.environ["ZENML_CONFIG_PATH"] = job["config"]
        reset_zenml()
        set_up_zenml()
        results[job["notebook"]] = run_notebook(job["notebook"])
        previous = job["cwd"]
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(results, fh, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
