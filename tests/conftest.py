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


def pytest_unconfigure(config):
    cleanup.stop_all()  # servers and daemons a fixture could not stop (interrupted run)
