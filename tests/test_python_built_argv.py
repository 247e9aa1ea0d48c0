"""An argv list built in steps (``cmd = ["zenml"]``, then ``cmd.append(...)``,
``cmd.extend([...])``, ``cmd += [...]``) is read with every word added in the same body, and a
list spliced into a call (``session.run(*BASE, "stack", ...)``) gives its words there; a name
summed with a list (``ZENML + ["profile", ...]``) is found where the sum names it."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

SCRIPT = '''\
import subprocess
import sys

BASE = [sys.executable, "-m", "zenml"]


def switch(target):
    argv = ["zenml", "stack"]
    argv.append("set")
    argv.extend([target, "--global"])
    subprocess.check_call(argv)


def store():
    argv = list(BASE)
    argv += ["metadata-store", "describe"]
    subprocess.run(argv)


def fine():
    argv = ["zenml"]
    argv.append("stack")
    argv.append("list")
    subprocess.run(argv)


def old_profile(name):
    subprocess.run(BASE + ["profile", "delete", name])


def register(name):
    argv = BASE + ["stack", "register", name]
    argv += ["-m", "default", "-a", "default", "-o", "default"]
    subprocess.run(argv)
'''

NOXFILE = '''\
import nox

RUN = ("python", "-m", "zenml")


@nox.session
def setup(session):
    session.run(*RUN, "profile", "set", "ci", external=True)
    session.run(*RUN, "stack", "list", external=True)
    words = ["zenml", "stack"]
    words += ["set", "ci", "--global"]
    session.run(*words, external=True)
'''


def _found(text, filename):
    return [(f.code, f.span.line, f.fix) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


def test_lists_built_in_steps():
    assert _found(SCRIPT, "tools/zen.py") == [
        ("ZM950", 10, None), ("ZM951", 15, None), ("ZM950", 28, None), ("ZM952", 33, "safe"),
    ]


def test_the_fix_drops_the_words_where_they_are_added():
    fixed = fix_source(SCRIPT, "tools/zen.py").text
    assert '    argv += ["-a", "default", "-o", "default"]\n' in fixed


def test_spliced_lists_in_nox_sessions():
    assert _found(NOXFILE, "noxfile.py") == [("ZM950", 8, None), ("ZM950", 11, None)]


def test_words_added_under_a_condition_are_not_assumed():
    text = SCRIPT.replace('    argv.extend([target, "--global"])', '    if target:\n        argv.extend([target, "--global"])')
    assert ("ZM950", 11, None) not in _found(text, "tools/zen.py")
    assert ("ZM950", 10, None) not in _found(text, "tools/zen.py")


def test_words_added_after_a_call_took_the_list_are_not_in_the_command_it_ran():
    """``subprocess.run(cmd)`` ran the words ``cmd`` had then; what is appended after it (for a log
    line, for a later command) is no part of that command, also through a list built from it."""
    text = (
        "import subprocess\n"
        "\n"
        "\n"
        "def show(name):\n"
        '    argv = ["zenml", "stack", "describe", name]\n'
        "    subprocess.run(argv, check=True)\n"
        '    argv.append("--global")\n'
        '    print("as a profile command:", argv)\n'
        "\n"
        "\n"
        "def listing():\n"
        '    head = ["zenml", "stack"]\n'
        '    full = head + ["list"]\n'
        "    subprocess.check_call(full)\n"
        '    head += ["set", "old", "--global"]\n'
        "    return head\n"
    )
    assert _found(text, "tools/show.py") == []
