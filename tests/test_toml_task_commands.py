"""zenml commands in TOML task files: tox 4's ``tox.toml`` and ``[tool.tox]`` of
``pyproject.toml`` (arrays of word arrays, or the ``legacy_tox_ini`` string read as a tox.ini),
multi-line task strings (poethepoet ``shell = \"\"\"...\"\"\"``), mise's and poe's own task files;
and dev containers whose ``devcontainer.json`` has comments and trailing commas."""

import textwrap

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of


def _lines(text, filename):
    return sorted({f.span.line for f in scan_source(textwrap.dedent(text), filename) if f.code.startswith("ZM95")})


@pytest.mark.parametrize("path, kind", [("tox.toml", "tox_toml"), ("sub/mise.toml", "toml_tasks"), (".mise.toml", "toml_tasks"),
                                        ("poe_tasks.toml", "toml_tasks")])
def test_toml_task_files_are_read(path, kind):
    assert kind_of(path) == kind


TOX_TOML = """\
    env_list = ["lint", "e2e"]

    [env.e2e]
    commands_pre = [
      ["zenml", "stack", "register", "ci", "-m", "default", "-a", "default", "-o", "default"],
      ["zenml", "stack", "list"],
    ]
    commands = [["zenml", "metadata-store", "list", { replace = "posargs" }], ["pytest"]]
    description = "zenml profile create is not a command here"

    [tool.tox.env.x]
    commands = [["zenml", "profile", "describe"]]
    """


def test_tox_toml_commands_are_word_arrays():
    assert _lines(TOX_TOML, "tox.toml") == [5, 8]
    out = fix_source(textwrap.dedent(TOX_TOML), "tox.toml").text
    assert '["zenml", "stack", "register", "ci", "-a", "default", "-o", "default"],' in out
    assert out.count("# TODO(zenml-migrate): ZM951") == 1
    assert _lines(out, "tox.toml") == [9]  # only what has no automatic fix is left, noted above it


def test_pyproject_tox_native_and_legacy_ini():
    native = """\
        [tool.tox.env_run_base]
        commands = [["zenml", "profile", "describe", "p"], ["zenml", "stack", "describe"]]
        """
    assert _lines(native, "pyproject.toml") == [2]
    legacy = '''\
        [project]
        name = "x"

        [tool.tox]
        legacy_tox_ini = """
        [testenv]
        commands =
            zenml stack list
            zenml stack set prod --global
        """
        '''
    assert _lines(legacy, "pyproject.toml") == [9]


def test_multiline_task_strings_and_mise_tasks():
    poe = '''\
        [tool.poe.tasks.setup]
        help = """zenml profile create is only named here"""
        shell = """
        zenml stack list
        zenml profile set dev
        """
        '''
    assert _lines(poe, "pyproject.toml") == [5]
    mise = """\
        [tasks.ci]
        description = "zenml profile set x"
        run = ["zenml stack list", "zenml metadata-store describe"]
        [tasks.up]
        run = '''
        zenml stack set prod --global
        '''
        """
    assert _lines(mise, "mise.toml") == [3, 6]


def test_devcontainer_with_comments_and_trailing_commas():
    text = """\
        {
          // the team's dev container
          "postCreateCommand": "zenml profile describe",
          "postStartCommand": ["zenml", "stack", "list"],
          "postAttachCommand": {"a": "zenml metadata-store list",},
        }
        """
    assert _lines(text, ".devcontainer/devcontainer.json") == [3, 5]


def test_devcontainer_with_comments_is_fixed_in_place():
    text = textwrap.dedent("""\
        {
          // set up
          "postCreateCommand": "pip install zenml==0.13.2 && zenml stack update s -m md",
        }
        """)
    out = fix_source(text, ".devcontainer/devcontainer.json")
    assert out.text == text.replace("zenml==0.13.2", "zenml==0.20.5").replace(" -m md", "")
    assert scan_source(out.text, ".devcontainer/devcontainer.json") == []


def test_hatch_environment_install_commands():
    text = textwrap.dedent("""\
        [project]
        name = "p"
        dependencies = ["zenml==0.20.5"]

        [tool.hatch.envs.default]
        dependencies = ["pytest"]
        post-install-commands = [
          "zenml init",
          # the old profile
          "zenml profile set dev",
        ]
        "pre-install-commands" = ["zenml metadata-store list"]
        skip-install = false

        [tool.hatch.envs.docs.env-vars]
        NOTE = "zenml profile set docs"
        """)
    assert _lines(text, "pyproject.toml") == [10, 12]
