"""`zenml` command lines in Python code (os.system, subprocess.*, sh, invoke, nox): found
through the callee's qualified name, at the string's own line and column, parts known only
at run time never flagged, and safe CLI fixes written inside the literals."""

import json
import textwrap

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source


def _found(code: str, filename: str = "ops.py"):
    return [(f.code, f.span.line, f.span.column, f.fix) for f in scan_source(textwrap.dedent(code), filename) if f.code.startswith("ZM9")]


def test_calls_found_by_qualified_name_at_the_string():
    code = """\
        import os
        import subprocess as sp
        from subprocess import check_output as out

        os.system("zenml stack register s -m default -a default -o default")
        sp.run(["zenml", "profile", "create", "staging"], check=True)
        out("zenml metadata-store list", shell=True)
        """
    assert _found(code) == [
        ("ZM952", 5, 35, "safe"),
        ("ZM950", 6, 10, None),
        ("ZM951", 7, 6, None),
    ]


def test_not_the_callee_not_the_zenml_program_no_finding():
    code = """\
        import os

        def system(line):
            print(line)

        system("zenml profile create staging")
        os.system("echo zenml profile create staging")
        os.system("pip install zenml==0.20.5")
        print("zenml stack register s -m default")
        """
    assert _found(code) == []


def test_parts_known_at_run_time_are_unknown_words_not_findings():
    code = """\
        import subprocess

        def go(group, name, args, flags):
            subprocess.run(["zenml", group, "list", "--json"])
            subprocess.run(["zenml", "stack", "register", name, *args])
            subprocess.run(f"zenml {group} {name} {flags}", shell=True)
            subprocess.run("zenml stack set " + name, shell=True)
            subprocess.run(["zenml", "stack", "list"] + args)
        """
    assert _found(code) == []


def test_fstrings_concatenations_names_and_templates():
    code = """\
        import os
        import shlex
        import subprocess

        STORE = "default"

        def go(name):
            os.system(f"zenml stack register {name} -m {STORE} -o default")
            os.system("zenml stack register " + name + " --artifact_store x")
            os.system("zenml orchestrator register %s -t kubeflow" % name)
            os.system("zenml served-models list {}".format(name))
            cmd = ["zenml", "stack", "update", name, "--decouple_stores"]
            subprocess.check_call(cmd)
            subprocess.check_call(shlex.split("zenml server up"))
            os.system(" ".join(["zenml", "profile", "delete", name]))
        """
    found = _found(code)
    assert [(c, line) for c, line, _, _ in found] == [
        ("ZM952", 8), ("ZM960", 9), ("ZM956", 10), ("ZM957", 11), ("ZM952", 12), ("ZM953", 14), ("ZM950", 15),
    ], found
    assert found[0][2] == 45 and found[0][3] is None  # `-m {STORE}`: the value is bound elsewhere
    assert found[2][3] == "safe" and found[4][3] == "safe"


def test_sh_invoke_nox_and_ipython():
    code = """\
        import sh
        import nox
        from invoke import task

        sh.zenml("profile", "set", "dev")

        @task
        def setup(c):
            c.run("zenml stack register s -m default -a default -o default")

        @nox.session
        def stacks(session):
            session.run("zenml", "metadata-store", "list")

        get_ipython().system("zenml profile list")
        """
    assert [(c, line) for c, line, _, _ in _found(code)] == [("ZM950", 5), ("ZM952", 9), ("ZM951", 13)]


def test_fix_writes_inside_the_literals_and_todos_for_the_rest():
    code = textwrap.dedent(
        """\
        import os
        import subprocess


        def setup(name, store):
            os.system("zenml stack register s -m default -a default -o default")
            subprocess.run(
                ["zenml", "stack", "register", name,
                 "-m", "default", "-a", "default", "-o", "default"],
                check=True,
            )
            subprocess.run("zenml stack register s "
                           "--metadata-store=default -a default -o default", shell=True)
            subprocess.run(["zenml", "orchestrator", "register", "kf", "-t", "kubeflow"])
            os.system(f"zenml stack register {name} -m {store}")
            os.system("zenml profile set dev")
        """
    )
    result = fix_source(code, "ops.py")
    assert result.error is None
    assert 'os.system("zenml stack register s -a default -o default")' in result.text
    assert '["zenml", "stack", "register", name,\n         "-a", "default", "-o", "default"]' in result.text
    assert '"zenml stack register s "\n                   "-a default -o default"' in result.text
    assert '["zenml", "orchestrator", "register", "kf", "--flavor", "kubeflow"]' in result.text
    assert result.applied == {"ZM952": 3, "ZM956": 1}
    assert sorted(f.code for f in result.remaining) == ["ZM950", "ZM952"]
    todos = [line.strip() for line in result.text.splitlines() if "TODO(zenml-migrate)" in line]
    assert len(todos) == 2 and "no automatic fix here" in todos[0]
    assert fix_source(result.text, "ops.py").text == result.text  # idempotent
    rescan = [f.code for f in scan_source(result.text, "ops.py")]
    assert sorted(rescan) == ["ZM950", "ZM952"]


def test_escaped_literal_is_reported_without_a_fix():
    code = 'import os\n\nos.system("zenml stack register s \\\\\\n -m default -a a -o o")\n'
    found = _found(code)
    assert [(c, fix) for c, _, _, fix in found] == [("ZM952", None)]


def test_notebook_code_cell_commands_are_found():
    nb = {
        "cells": [
            {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": ["import subprocess\n"]},
            {
                "cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                "source": ["x = 1\n", 'subprocess.run(["zenml", "profile", "create", "dev"])\n'],
            },
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    found = [(f.code, f.cell, f.span.line, f.span.column) for f in scan_source(json.dumps(nb), "setup.ipynb")]
    assert found == [("ZM950", 2, 2, 18)]


def test_a_wrapper_function_and_sys_executable():
    code = """\
        import subprocess
        import sys

        def run(cmd, check=True):
            print(cmd)
            subprocess.run(cmd, shell=True, check=check)

        def zen(*words):
            run("zenml " + " ".join(words))

        def main(name):
            run(f"zenml metadata-store register {name} --flavor=mysql")
            run("zenml stack list")
            subprocess.call([sys.executable, "-m", "zenml", "stack", "update", name, "--decouple_stores"])
        """
    assert [(c, line) for c, line, _, _ in _found(code)] == [("ZM951", 12), ("ZM952", 14)]


# ------------------------------------------------------------------ notebooks in other shapes
PERCENT = """\
# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
# ---

# %%
# !zenml stack register nb -m md -a ar -o orc
# listing = !zenml metadata-store list

# %% language="bash"
# zenml profile set dev
echo = 1
"""


def test_jupytext_commented_escapes_and_bash_cells():
    assert [(c, line) for c, line, _, _ in _found(PERCENT, "walk.py")] == [("ZM952", 8), ("ZM951", 9), ("ZM950", 12)]
    out = fix_source(PERCENT, "walk.py").text
    # a commented command left for a human gets its note right above it (in a bash cell: a comment of the cell)
    assert "# !zenml stack register nb -a ar -o orc\n# TODO(zenml-migrate): ZM951 " in out
    assert "\n# # TODO(zenml-migrate): ZM950 " in out and out.count("TODO(zenml-migrate)") == 2
    # the same comments in a plain module are comments
    assert _found("# !zenml stack register nb -m md -a ar\nimport zenml\n", "plain.py") == []


def test_a_light_jupytext_bash_cell_ends_at_its_marker():
    light = "# + language=\"bash\"\n# zenml profile set dev\n# -\n\n# zenml profile set not_a_cell\nimport zenml\n# %%\n"
    assert [(c, line) for c, line, _, _ in _found(light, "light.py")] == [("ZM950", 2)]


def test_nbconvert_exports_and_click_test_runners():
    code = """\
        from click.testing import CliRunner
        from zenml.cli.cli import cli as zenml_cli
        from mytool.cli import cli

        runner = CliRunner()
        runner.invoke(zenml_cli, ["stack", "register", "t", "-m", "md",
                                  "-a", "ar", "-o", "orc"])
        runner.invoke(cli, ["stack", "register", "t", "-m", "md"])  # not zenml's CLI
        get_ipython().run_cell_magic('bash', '', 'zenml profile set dev\\n')
        get_ipython().run_cell_magic('capture', '', 'zenml_profile = 1\\n')
        """
    assert [(c, line) for c, line, _, _ in _found(code, "test_cli.py")] == [("ZM952", 6), ("ZM950", 9)]
    out = fix_source(textwrap.dedent(code), "test_cli.py").text
    assert 'runner.invoke(zenml_cli, ["stack", "register", "t", "-a", "ar", "-o", "orc"])' in out
    assert out.count("# TODO(zenml-migrate): ZM950") == 1


def test_click_runner_over_a_module_level_list_of_commands():
    """The argv lists kept in a module constant and invoked in a loop: each list is a command,
    reported and fixed where it is written; a loop over something else is not judged."""
    code = """\
        from typer.testing import CliRunner
        from zenml.cli.cli import cli

        SETUP = (
            ["orchestrator", "register", "airflow_local", "--flavor=airflow"],
            ["stack", "register", "local_airflow", "-m", "local_store", "-a", "default", "-o", "airflow_local"],
        )


        def bootstrap(extra):
            runner = CliRunner()
            for argv in SETUP:
                runner.invoke(cli, argv)
            for more in extra:
                runner.invoke(cli, more)
        """
    assert [(c, line) for c, line, _, _ in _found(code, "bootstrap.py")] == [("ZM952", 6)]
    out = fix_source(textwrap.dedent(code), "bootstrap.py").text
    assert '    ["stack", "register", "local_airflow", "-a", "default", "-o", "airflow_local"],\n' in out
    assert "TODO" not in out


def test_subprocess_over_a_module_level_list_of_commands():
    """The subprocess form of the loop above (``subprocess.run`` / ``check_call`` / ``Popen``,
    ``os.execvp``), an indexed item and a loop over command lines run by ``os.system``: each
    list or line is judged where it is written; a loop over a parameter is not judged."""
    code = """\
        import os
        import subprocess

        COMMANDS = [
            ["zenml", "stack", "register", "ci", "-m", "default", "-a", "default", "-o", "default"],
            ["zenml", "profile", "create", "ci"],
        ]
        LINES = ("zenml metadata-store list",)


        def bootstrap(extra):
            for command in COMMANDS:
                subprocess.run(command, check=True)
            subprocess.check_call(COMMANDS[-1])
            for line in LINES:
                os.system(line)
            for more in extra:
                subprocess.Popen(more)
        """
    assert [(c, line) for c, line, _, _ in _found(code, "bootstrap.py")] == [("ZM952", 5), ("ZM950", 6), ("ZM951", 8)]
    out = fix_source(textwrap.dedent(code), "bootstrap.py").text
    assert '    ["zenml", "stack", "register", "ci", "-a", "default", "-o", "default"],\n' in out


def test_python_fences_of_markdown_notebooks():
    md = "```{code-cell} ipython3\n!zenml profile create p\n```\n\n```python\nx = 1  # !zenml profile create q\nout = !zenml stack register s -m d -a a -o o\n```\n\n```python\n%%bash\nzenml metadata-store list\n```\n"
    assert [(f.code, f.span.line) for f in scan_source(md, "nb.md")] == [("ZM950", 2), ("ZM952", 7), ("ZM951", 12)]
    assert "out = !zenml stack register s -a a -o o\n" in fix_source(md, "nb.md").text


def test_prefect_shell_and_modal_build_commands():
    # each of ``ShellOperation(commands=[...])`` and Modal's ``run_commands(...)`` is a shell line; not its ``env``
    code = '''
    import modal
    from prefect_shell import ShellOperation, shell_run_command

    ShellOperation(commands=["zenml profile create a", "zenml stack list"]).run()
    shell_run_command(command="zenml stack register s -m md -a a -o o")
    ShellOperation(commands=["echo zenml"], env={"X": "zenml profile set x"})
    image = modal.Image.debian_slim().run_commands("zenml stack set s --global", ["zenml init", "zenml profile delete d"])
    '''
    assert [f[:3] for f in _found(code, "flows/setup.py")] == [("ZM950", 5, 27), ("ZM952", 6, 51), ("ZM950", 8, 67), ("ZM950", 8, 94)]
    assert 'shell_run_command(command="zenml stack register s -a a -o o")' in fix_source(textwrap.dedent(code), "flows/setup.py").text
