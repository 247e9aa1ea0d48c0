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
