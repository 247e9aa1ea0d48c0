"""nox's ``session.install(...)`` is ``pip install`` in the session's virtualenv: a zenml pin
there is read like one on a shell ``pip install`` line (held-out 13: a noxfile's
``session.install("zenml==0.13.2", "pytest")`` was not reported, its ``session.run("zenml",
...)`` lines were)."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

NOXFILE = '''\
import nox

DEPS = ["pandas", "zenml==0.13.2"]


@nox.session
def integration(session: nox.Session) -> None:
    session.install("-U", "zenml[server]~=0.13.1", "mlflow")
    session.install("zenml<0.14", "-c", "constraints.txt")
    session.install(*DEPS)
    session.run("pytest")


def helper(session):
    session.install("zenml==0.13.2")  # not a nox session: any object's install()
'''


def test_session_install_pins_are_read():
    found = [(f.code, f.span.line, f.span.column, f.fix) for f in scan_source(NOXFILE, "noxfile.py")]
    # ``session.install(*DEPS)``: DEPS's words, found where the call splices them (no edit there)
    assert found == [("ZM970", 8, 28, "safe"), ("ZM970", 9, 22, None), ("ZM970", 10, 21, None)]


def test_session_install_pins_are_fixed():
    fixed = fix_source(NOXFILE, "noxfile.py").text
    assert '    session.install("-U", "zenml[server]~=0.20.5", "mlflow")\n' in fixed
    assert "# TODO(zenml-migrate): ZM970 " in fixed.split('session.install("zenml<0.14"')[0]
    assert 'session.install("zenml==0.13.2")  # not a nox session' in fixed
