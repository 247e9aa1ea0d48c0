"""A variable as a command's program is read from the mapping that gives it to that spelling
(review16 F6): a template (go-task ``{{.X}}``, just ``{{x}}``) from the file's own variables
(``vars:``, ``x := ...``), a shell variable (``$X``, ``${X}``) from the environment the shell gets
(``env:``, ``variables:``, CircleCI ``environment:``, a justfile's ``export``ed variables), never
from the other; a GitHub job's ``environment:`` is a deployment, no variables."""

from zenml_migrate.api import scan_source


def _found(text, filename):
    return [(f.code, f.span.line) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


def test_taskfile_templates_come_from_vars_and_shell_variables_from_env():
    taskfile = (
        "version: '3'\nvars:\n  ZM: uv run zenml\nenv:\n  ZE: pdm run zenml\ntasks:\n  t:\n    cmds:\n"
        "      - '{{.ZM}} profile describe a'\n"  # 9: the template
        "      - $ZM profile describe b\n"  # 10: no such environment variable: the shell runs nothing
        "      - $ZE profile describe c\n"  # 11: the environment variable
        "      - '{{.ZE}} profile describe d'\n"  # 12: no such template
    )
    assert _found(taskfile, "Taskfile.yml") == [("ZM950", 9), ("ZM950", 11)]


def test_a_github_job_environment_is_no_variables_and_circleci_environment_is():
    workflow = (
        "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    environment:\n      name: zenml\n      url: https://x\n"
        "    steps:\n      - run: $name profile describe p\n"
    )
    assert _found(workflow, ".github/workflows/deploy.yml") == []
    circle = (
        "version: 2.1\njobs:\n  b:\n    docker:\n      - image: cimg/python:3.9\n    environment:\n      ZENML: poetry run zenml\n"
        "    steps:\n      - run: $ZENML profile describe p\n"
    )
    assert _found(circle, ".circleci/config.yml") == [("ZM950", 9)]


def test_a_justfile_variable_reaches_the_shell_only_when_exported():
    plain = 'zen := "poetry run zenml"\n\nboot:\n    {{zen}} profile describe a\n    $zen profile describe b\n'
    assert _found(plain, "justfile") == [("ZM950", 4)]
    exported = 'export zen := "poetry run zenml"\n\nboot:\n    $zen profile describe b\n'
    assert _found(exported, "justfile") == [("ZM950", 4)]
    setting = 'set export\nzen := "poetry run zenml"\n\nboot:\n    ${zen} profile describe b\n'
    assert _found(setting, "justfile") == [("ZM950", 5)]
