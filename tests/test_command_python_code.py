"""Command lines that hold more than a ``zenml`` invocation: the Python of ``python -c "CODE"``
(Makefile targets, tox commands, shell scripts) and ``zenml`` commands in a Markdown indented
code block (older READMEs)."""

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source


def _found(text, filename):
    return [(f.code, f.span.line, f.span.column, f.fix) for f in scan_source(text, filename)]


def test_python_c_code_is_read_with_the_python_rules_at_its_place_in_the_word():
    text = 'status:\n\tpython -c "from zenml.repository import Repository; print(Repository().active_stack_name)"\n'
    found = _found(text, "Makefile")
    assert [f[0] for f in found] == ["ZM108", "ZM108", "ZM402"]
    line = text.splitlines()[1]
    assert [line[c - 1 :].split()[0].split("(")[0].split(";")[0] for _, _, c, _ in found][:2] == ["Repository", "Repository"]
    assert all(f[3] is None for f in found)


@pytest.mark.parametrize(
    "filename,text",
    [
        ("tox.ini", '[testenv]\ncommands =\n    python3 -c "from zenml.steps import BaseStepConfig"\n'),
        ("setup.sh", "poetry run python -c 'import zenml.steps; print(zenml.steps.BaseStepConfig)'\n"),
        ("Dockerfile", 'FROM python:3.9\nRUN python -c "from zenml.steps import BaseStepConfig"\n'),
    ],
)
def test_python_c_in_every_command_file(filename, text):
    assert [f[0] for f in _found(text, filename)] == ["ZM101"]
    fixed = fix_source(text, filename).text
    assert fixed.count("TODO(zenml-migrate): ZM101") == 1 and "in `python -c`" in fixed
    assert fix_source(fixed, filename).text == fixed


def test_python_c_without_zenml_or_with_020_code_is_quiet():
    assert _found('python -c "import sys; print(sys.version)"\npython -c "from zenml.client import Client"\n', "setup.sh") == []
    assert _found('python -m zenml.cli --help\npython script.py -c "from zenml.steps import BaseStepConfig"\n', "setup.sh") == []


def test_an_escaped_python_c_word_is_reported_at_the_word():
    text = 'python -c "from zenml.steps import BaseStepConfig; print(\\"x\\")"\n'
    [(code, line, column, fix)] = _found(text, "setup.sh")
    assert (code, line, column, fix) == ("ZM101", 1, 11, None)


def test_the_commands_python_c_code_runs_are_read_too():
    """review29 R10 nit: a ``zenml`` command the code runs (``subprocess``, ``os.system``), as in a module,
    at its place in the word; none has a fix (the code is a word of a command line)."""
    text = (
        "python3 -c \"import subprocess; subprocess.run(['zenml','profile','set','s'])\"\n"
        "python3 -c \"import os; os.system('zenml profile set t')\"\n"
        "python -c 'import subprocess; subprocess.check_call(\"zenml stack register s -m default -a default -o default\", shell=True)'\n"
        "python3 -c \"import subprocess; subprocess.run(['zenml', 'stack', 'list'])\"\n"  # works on 0.20
        "python3 -c \"import subprocess; subprocess.run(['pip', 'install', 'zenml==0.13.2'])\"\n"
    )
    found = _found(text, "setup.sh")
    assert [(code, line) for code, line, _, _ in found] == [("ZM950", 1), ("ZM950", 2), ("ZM952", 3), ("ZM970", 5)], found
    lines = text.splitlines()
    assert [lines[line - 1][column - 1 :][:8] for _, line, column, _ in found[:3]] == ["zenml','", "zenml pr", "-m defau"]
    assert all(fix is None for *_, fix in found)
    fixed = fix_source(text, "setup.sh").text
    assert fixed.count("in `python -c`; no automatic fix here") == 4 and fix_source(fixed, "setup.sh").text == fixed


README = """# Example

Set up the stack:

    zenml stack register s -m default -a default -o default
    zenml profile create aws

A list:

- step one

    zenml profile create inside_a_list_item

Prose mentioning zenml profile create is not a command.
"""


def test_zenml_commands_in_an_indented_markdown_code_block():
    assert _found(README, "README.md") == [("ZM952", 5, 28, "safe"), ("ZM950", 6, 5, None)]
    fixed = fix_source(README, "README.md").text
    assert "    zenml stack register s -a default -o default\n    # TODO(zenml-migrate): ZM950 " in fixed
    assert fix_source(fixed, "README.md").text == fixed
