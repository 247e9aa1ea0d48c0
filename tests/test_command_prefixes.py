"""What a command runs behind its prefixes (``command_lines.run``): other users (``su -c``,
``runuser``, ``sudo -u U sh -c``, ``doas``, a login shell reading a here-document), ``xargs`` and
GNU ``parallel`` (options with values, ``-I R``, one quoted line, ``:::`` arguments), process
wrappers (``flock``, ``stdbuf``, ``setsid``, ``ionice``, ``builtin``, ``watch 'LINE'``, a
``nohup``/``timeout`` ``sh -c``), and the runners of throwaway or project environments (``uvx``,
``uv tool run``, ``uv run --with``, ``pipx run --spec``, ``poetry -C DIR run --``, ``pdm run --venv``,
``hatch run ENV:cmd``, ``hatch -e ENV run``)."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source


def _found(text, filename="ops/run.sh"):
    return [(f.code, f.span.line) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


USERS = """#!/bin/bash
su -l ml -c 'zenml profile describe research'
su --shell=/bin/zsh ml --command="zenml stack set gpu --global"
runuser -u ml -- zenml metadata-store describe
runuser ml -c "zenml stack list"
sudo -H -u ml bash -c 'zenml profile delete old'
sudo -su ml zenml stack set gpu -g
doas -u ml zenml metadata-store list
sudo -u ml -i <<'AS_ML'
zenml profile create as_ml
AS_ML
su - ml <<EOF
zenml stack update gpu -m store
EOF
su ml -c 'echo zenml profile set not_run'
"""


def test_commands_run_as_another_user():
    assert _found(USERS) == [
        ("ZM950", 2), ("ZM950", 3), ("ZM951", 4), ("ZM950", 6), ("ZM950", 7), ("ZM951", 8), ("ZM950", 10), ("ZM952", 13),
    ]


FANOUT = """#!/usr/bin/env bash
ls envs | xargs -I ENV zenml profile create ENV
cat names | xargs -L 1 -P 8 zenml metadata-store delete
cat names | xargs -I{} bash -c 'zenml stack set {} -g'
cat names | xargs -n 2 zenml stack describe
parallel --jobs 3 --halt soon,fail=1 zenml profile set ::: a b
parallel -S host1,host2 'zenml stack update {} -m store' ::: x y
parallel zenml stack describe ::: extra words after the separator
"""


def test_xargs_and_parallel_run_their_command():
    assert _found(FANOUT) == [("ZM950", 2), ("ZM951", 3), ("ZM950", 4), ("ZM950", 6), ("ZM952", 7)]


WRAPPERS = """#!/bin/sh
flock -w 30 /var/lock/zen zenml profile set shared
flock /var/lock/zen -c 'zenml metadata-store list'
stdbuf -o L -e L zenml stack set gpu --global
setsid -f zenml profile create detached
ionice -c 2 -n 7 nice zenml metadata-store describe
builtin command zenml profile describe
watch --interval 5 'zenml profile describe && date'
nohup bash -lc "zenml stack set gpu -g" &
timeout -k 5 60 sh -c 'zenml metadata-store list'
"""


def test_process_wrappers_run_their_command():
    assert _found(WRAPPERS) == [
        ("ZM950", 2), ("ZM951", 3), ("ZM950", 4), ("ZM950", 5), ("ZM951", 6), ("ZM950", 7), ("ZM950", 8), ("ZM950", 9), ("ZM951", 10),
    ]


RUNNERS = """#!/usr/bin/env bash
uvx --python 3.10 --from "zenml[server]==0.20.5" zenml profile describe
uv tool run --from zenml zenml stack set gpu --global
uv run --with zenml --no-project zenml metadata-store list
pipx run --spec zenml==0.20.5 zenml profile create p
poetry --directory services/ml run -- zenml stack set gpu -g
pdm run --venv ml zenml metadata-store describe
hatch run ml:zenml profile delete p
hatch --env ml run zenml stack update gpu -m store
hatch run +py=3.10 ml:zenml profile describe
uvx zenml stack list
pipx run zenml stack set gpu
poetry install
"""


def test_environment_runners_run_their_command():
    assert _found(RUNNERS) == [
        ("ZM950", 2), ("ZM950", 3), ("ZM951", 4), ("ZM950", 5), ("ZM950", 6), ("ZM951", 7), ("ZM950", 8), ("ZM952", 9), ("ZM950", 10),
    ]


def test_a_fix_edits_the_command_behind_the_runner():
    text = "#!/bin/sh\nhatch run ml:zenml stack update gpu -m store\nsudo -iu ml zenml stack update cpu -m store\n"
    fixed = fix_source(text, "ops/run.sh").text
    assert fixed == "#!/bin/sh\nhatch run ml:zenml stack update gpu\nsudo -iu ml zenml stack update cpu\n", fixed


def test_a_trap_runs_its_line():
    text = "#!/bin/sh\ntrap 'zenml stack set default --global' EXIT\ntrap - EXIT\ntrap \"zenml stack list\" INT\n"
    assert _found(text) == [("ZM950", 2)]
