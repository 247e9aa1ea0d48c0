"""review28 P7: the readers of a command's program in command_scan.py (``python -c`` code, the
images of a container command) and pins.py (install commands) each had their own list of
"commands that run the next word" (``sudo env time exec !``), next to command_lines' wrappers
(``_PREFIXES`` with their options and operands) and shell reserved words. They now take the
program from ``command_lines.command_start``: an install, an image or a ``python -c`` behind
``sudo -u USER``, ``then``, ``gosu USER`` or ``nice -n 5`` is found as one behind plain ``sudo``."""

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.scan.command_lines import Word, command_start

LINES = [
    ("sudo pip install zenml==0.11.0\n", ["ZM970"]),  # found before too
    ("sudo -u app pip install zenml==0.12.0\n", ["ZM970"]),
    ('if true; then pip install "zenml==0.13.2"; fi\n', ["ZM970"]),
    ('gosu app python -c "from zenml.repository import Repository"\n', ["ZM108"]),
    ("nice -n 5 docker run zenmldocker/zenml:0.13.2 zenml stack list\n", ["ZM970"]),
    ('FOO=1 env BAR=2 python -c "from zenml.repository import Repository"\n', ["ZM108"]),  # found before too
    ("echo sudo pip install zenml==0.12.0\n", []),  # an argument, not a command
]


@pytest.mark.parametrize("line, codes", LINES, ids=[ln.split(" zenml")[0][:30] for ln, _ in LINES])
def test_a_command_behind_a_wrapper_is_read(line, codes):
    found = sorted({f.code for f in scan_source(line, "setup.sh")})
    assert found == codes


def _words(*values):
    return [Word(v, 0, 0) for v in values]


def test_command_start():
    assert command_start(_words("sudo", "-u", "app", "pip", "install")) == 3
    assert command_start(_words("A=1", "env", "-u", "X", "B=2", "python")) == 5
    assert command_start(_words("then", "time", "exec", "python")) == 3
    assert command_start(_words("%", "pip", "install"), also=("%",)) == 1
    assert command_start(_words("pip", "install")) == 0
    assert command_start(_words("sudo")) == 1
