"""zenml commands in Dockerfile instructions that run a command later (``ONBUILD RUN``,
``HEALTHCHECK CMD``) and through ``ARG``/``ENV`` variables as the program; Makefile recipes
where a make variable runs zenml in another word than the first (after ``do``, ``xargs``)."""

import textwrap

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source


def _lines(text, filename):
    return sorted({f.span.line for f in scan_source(textwrap.dedent(text), filename) if f.code.startswith("ZM95")})


DOCKERFILE = """\
    FROM python:3.9
    ARG ZEN_EXE=zenml
    ENV TOOL /usr/local/bin/zenml
    ONBUILD RUN zenml metadata-store describe
    ONBUILD CMD ["zenml", "profile", "describe"]
    HEALTHCHECK --interval=10s --retries=3 CMD zenml profile describe || exit 1
    HEALTHCHECK CMD ["zenml", "stack", "list"]
    RUN $ZEN_EXE stack register s -m md -a default -o default
    RUN ${TOOL} stack list && ${UNSET} profile describe
    """


def test_onbuild_healthcheck_and_variables_as_the_program():
    assert _lines(DOCKERFILE, "Dockerfile") == [4, 5, 6, 8]
    out = fix_source(textwrap.dedent(DOCKERFILE), "Dockerfile").text
    assert "RUN $ZEN_EXE stack register s -a default -o default" in out
    assert out.count("# TODO(zenml-migrate): ZM95") == 3


MAKEFILE = """\
    ZEN ?= zenml
    CLI = $(ZEN)
    NAMES := a b

    all:
    \tfor n in $(NAMES); do $(CLI) profile describe $$n; done
    \techo $(NAMES) | xargs -n1 $(ZEN) metadata-store describe
    \techo $(NAMES) | xargs -n1 $(ZEN) stack describe
    """


def test_make_variables_in_any_word_of_a_recipe():
    assert _lines(MAKEFILE, "Makefile") == [6, 7]


def test_run_module_zenml_in_notebooks_and_jupytext_magic_cells():
    import json

    cells = ["%run -m zenml profile describe", "%run -m zenml stack list", "%run -m zenmlx profile describe", "x = 1"]
    notebook = json.dumps({"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": c} for c in cells],
                           "metadata": {}, "nbformat": 4, "nbformat_minor": 4})
    assert [(f.cell, f.span.line) for f in scan_source(notebook, "nb.ipynb") if f.code.startswith("ZM95")] == [(1, 1)]
    percent = """\
        # %% [markdown]
        # notes

        # %%
        # %%bash
        # zenml stack list
        # zenml metadata-store describe

        # %%
        # %run -m zenml profile describe
        """
    assert _lines(percent, "walk.py") == [7, 10]
