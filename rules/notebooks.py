"""ZM26x: what fails in a notebook (a Jupyter kernel) on ZenML 0.20 but not in a script.

ZM260 is found by a ``NotebookCheck``, ``migrate/scan/notebook_root.py::root_findings`` (it needs
the whole notebook: its shell cells, its ``%%writefile`` modules and the project's cross-file facts).
"""

import json

from zenml_migrate.rules.base import Bad, Fix, Good, NotebookCheck, Rule
from zenml_migrate.scan.notebook_root import root_findings
from zenml_migrate.scan.run_targets import not_read


def _notebook(*cells: str) -> str:
    """A notebook (nbformat 4.5) with these code cells."""
    return json.dumps(
        {
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": {},
            "cells": [
                {"cell_type": "code", "id": f"c{i}", "metadata": {}, "execution_count": None, "outputs": [], "source": source}
                for i, source in enumerate(cells)
            ],
        },
        indent=1,
    )


_STEPS_CELL = (
    "%%writefile my_steps.py\n"
    "from zenml.steps import step\n\n"
    "@step\ndef load() -> int:\n    return 3\n\n"
    "@step\ndef double(x: int) -> int:\n    return 2 * x\n"
)
_PIPELINE_CELL = (
    "from zenml.pipelines import pipeline\nfrom my_steps import load, double\n\n"
    "@pipeline\ndef p(load, double):\n    double(load())\n"
)

NOTEBOOK_REPOSITORY_ROOT = Rule(
    code="ZM260",
    name="notebook-needs-repository-root",
    message="a notebook that runs steps or materializers of a local module needs a ZenML repository root (`zenml init`) on ZenML 0.20",
    why="In a kernel the main module has no file. 0.20.0-0.20.5 resolve every step (and materializer) class that "
    "is neither defined in the notebook nor installed against the repository root, a `.zen` folder in the working "
    "directory or above it; without one, `pipeline.run()` fails with 'Main module was not started from a file. "
    "Cannot determine the module root path.' 0.13.2 ran such a notebook with local steps (a local materializer "
    "failed there too). Steps defined in the notebook and a pipeline imported from a module are not affected.",
    instead="run `zenml init` once in the project's root folder (the folder the notebook's imports are relative to; "
    "it creates `.zen`), or start the notebook with a cell `!zenml init`",
    fix=Fix.NONE,
    match=(NotebookCheck(root_findings, ".run("),),
    fix_note="No rewrite: `zenml init` creates a `.zen` folder in the project, and where the repository root "
    "belongs (the project root, the notebook's folder) is the user's decision; a `!zenml init` cell also "
    "depends on `zenml` being on the kernel's PATH.",
    todo="ZenML 0.20 runs steps of a local module from a notebook only below a repository root: run `zenml init` in "
    "the project's root folder (or add a first cell `!zenml init`)",
    bad=(
        Bad(_notebook(_STEPS_CELL, _PIPELINE_CELL, "p(load=load(), double=double()).run()\n"), filename="tutorial.ipynb"),
        Bad(
            _notebook(
                "%%writefile steps_lib.py\nfrom zenml.steps import BaseStep\n\nclass Trainer(BaseStep):\n"
                "    def entrypoint(self) -> int:\n        return 1\n",
                "from zenml.pipelines import pipeline\nimport steps_lib\n\n@pipeline\ndef train(trainer):\n    trainer()\n",
                "run = train(trainer=steps_lib.Trainer())\nrun.run()\n",
            ),
            filename="class_steps.ipynb",
        ),
    ),
    good=(
        Good(_notebook("!zenml init", _STEPS_CELL, _PIPELINE_CELL, "p(load=load(), double=double()).run()\n"), filename="tutorial.ipynb"),
        Good(
            _notebook(
                "from zenml.pipelines import pipeline\nfrom zenml.steps import step\n\n@step\ndef load() -> int:\n    return 3\n",
                "@pipeline\ndef p(load):\n    load()\n\np(load=load()).run()\n",
            ),
            filename="inline_steps.ipynb",
        ),
        Good(_notebook("%%bash\ncd ~/project && zenml init", _STEPS_CELL, _PIPELINE_CELL, "p(load=load(), double=double()).run()\n"), filename="tutorial.ipynb"),
    ),
)


RUN_FILE_NOT_READ = Rule(
    code="ZM262",
    name="run-file-not-read",
    message="`%run` of a file the scan cannot read: the names it binds in the notebook are not checked for ZenML 0.20",
    why="`%run FILE` runs FILE (a script, or a notebook's cells) and takes the names it binds into the notebook, so "
    "a 0.13.2 value it makes (`repo = Repository()`) is used by the cells after it. The scan reads the file the "
    "line names (relative to the notebook's folder, as Jupyter runs it); when it cannot (a `$name` or `{expr}` "
    "IPython expands first, a file that is not there or not among the scanned files, an `.ipy` script), what the "
    "cells do with those names is not checked: after a migration they may still fail on 0.20 "
    "(`'Client' object has no attribute 'active_stack_name'`).",
    instead="check the file the line runs with `migrate scan FILE`, and the cells that use its names by hand (or "
    "name the file literally, relative to the notebook's folder, and scan the folder that holds it)",
    fix=Fix.NONE,
    match=(NotebookCheck(not_read),),
    fix_note="No rewrite: the tool does not know what the line runs.",
    todo="the names this `%run` binds are not checked for ZenML 0.20: check its file and the cells that use them",
    bad=(
        Bad(_notebook("%run $setup_script\n", "print(repo.active_stack_name)\n"), filename="report.ipynb"),
        Bad(_notebook("%run ../missing/setup.py\n", "print(repo.active_stack_name)\n"), filename="report.ipynb"),
    ),
    good=(
        Good(_notebook("%run -m zenml stack list\n"), filename="report.ipynb"),
        Good(_notebook("%run -m tools.report --last\n"), filename="report.ipynb"),
    ),
)
