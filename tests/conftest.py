import os
import sys

import pytest

from tests import cleanup

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


@pytest.fixture
def repo_root():
    return ROOT


@pytest.fixture(autouse=True)
def _no_user_zenml_config(tmp_path_factory, monkeypatch):
    """`migrate code` reads the user's ZenML config (experiment tracker names, read only): a
    test never sees the developer's own ~/.config/zenml."""
    monkeypatch.setenv("ZENML_CONFIG_PATH", str(tmp_path_factory.getbasetemp() / "no-zenml-config"))


def pytest_configure(config):
    cleanup.install_signal_handlers()  # SIGTERM / SIGHUP: finalizers run, as on Ctrl-C
    # Tests press Ctrl-C (in process, and in the processes they start). A suite started as a
    # background job of a shell without job control inherits SIGINT ignored, so Python installs
    # no Ctrl-C handler and neither do its children: give the run the one a terminal run has.
    import signal

    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_unconfigure(config):
    cleanup.stop_all()  # servers and daemons a fixture could not stop (interrupted run)
