"""More places a zenml command line is written: a pre-commit hook's ``entry`` with its ``args``
list, a GitHub ``uses: docker://`` step or docker action whose entrypoint is a shell (``args: -c
"..."``) or zenml with a block ``args`` list, SkyPilot tasks (``setup``/``run``) and dstack
configurations (``commands``)."""

from zenml_migrate.api import scan_source


def _lines(text, name):
    return sorted({f.span.line for f in scan_source(text, name) if f.code.startswith("ZM9")})


PRE_COMMIT = """repos:
  - repo: local
    hooks:
      - id: use-stack
        name: use the team stack
        entry: zenml
        args: [stack, set, team, --global]
        language: system
      - id: describe
        entry: zenml
        args: [stack, describe]
        language: system
      - id: profile
        entry: zenml profile
        args:
          - delete
          - team
        language: system
"""


def test_pre_commit_entry_with_args():
    assert _lines(PRE_COMMIT, ".pre-commit-config.yaml") == [7, 14]


WORKFLOW = """on: push
jobs:
  setup:
    runs-on: ubuntu-latest
    steps:
      - uses: docker://acme/ml:1
        with:
          entrypoint: /bin/bash
          args: -c "zenml profile set team && zenml stack list"
      - uses: docker://acme/ml:1
        with:
          entrypoint: sh
          args: -c 'zenml stack describe'
"""


def test_docker_step_with_a_shell_entrypoint():
    assert _lines(WORKFLOW, ".github/workflows/setup.yml") == [9]


ACTION = """name: stack
runs:
  using: docker
  image: Dockerfile
  entrypoint: zenml
  args:
    - stack
    - set
    - team
    - --global
"""


def test_docker_action_with_block_args():
    assert _lines(ACTION, "actions/stack/action.yml") != []
    assert _lines(ACTION.replace("    - --global\n", ""), "actions/stack/action.yml") == []


def test_skypilot_task_and_dstack_configuration():
    sky = "resources:\n  cloud: aws\nsetup: |\n  zenml integration install aws -y\nrun: |\n  zenml profile set sky\n  python train.py\n"
    assert _lines(sky, "launch/train.yaml") == [6]
    dstack = "type: task\ncommands:\n  - zenml stack list\n  - zenml stack set gpu --global\n"
    assert _lines(dstack, ".dstack.yml") == [4]
    plain = "run: |\n  zenml profile set x\n"  # a YAML with a run script and nothing of a SkyPilot task
    assert _lines(plain, "notes/run.yaml") == []


def test_a_shell_entrypoint_with_a_list_of_lines_is_read_once():
    # each item of the list is read as a line already: the entrypoint does not read it again (two
    # matches of one command: the scan shows one finding, the fix counted two for a human)
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan.command_lines import sections
    from zenml_migrate.scan.command_scan import find_matches

    action = "runs:\n  using: docker\n  image: Dockerfile\n  entrypoint: /bin/bash\n  args:\n    - -c\n    - zenml stack set team --global && zenml stack list\n"
    matches = find_matches(action, list(sections("ci_yaml", action)), all_rules())
    assert len(matches) == 1


HOOKS_LEADING_OPTION = """repos:
  - repo: local
    hooks:
      - id: flow
        entry: zenml stack register s1
        language: system
        args: ["-m", "meta", "-a", "default", "-o", "default"]
      - id: block
        entry: zenml stack register s2
        language: system
        args:
          - -m
          - meta
          - -a
          - default
          - -o
          - default
"""


def test_an_option_first_in_the_hook_args_is_removed_alone():
    # the word before ``-m`` is the entry's last word, lines above: only the list items go
    from zenml_migrate.fix.fixer import fix_source

    fixed = fix_source(HOOKS_LEADING_OPTION, ".pre-commit-config.yaml").text
    assert fixed == HOOKS_LEADING_OPTION.replace('"-m", "meta", ', "").replace("          - -m\n          - meta\n", "")
    assert scan_source(fixed, ".pre-commit-config.yaml") == []


def test_an_option_alone_in_the_hook_args_is_left_for_a_human():
    # no word after it and none before it in the list: nothing to remove it with, and the scan says so
    from zenml_migrate.fix.fixer import fix_source

    hooks = "repos:\n  - repo: local\n    hooks:\n      - id: x\n        entry: zenml stack register s3 -a default -o default\n        language: system\n        args: [-m, meta]\n"
    (finding,) = scan_source(hooks, ".pre-commit-config.yaml")
    assert finding.fix is None and "no automatic fix here" in finding.message
    assert fix_source(hooks, ".pre-commit-config.yaml").text.count("language: system\n        args: [-m, meta]\n") == 1
