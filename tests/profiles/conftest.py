"""Session fixtures shared by the real-ZenML modules (one fresh store and one live `zenml up`
per 0.20 version for the whole session, stopped at the end)."""

from pathlib import Path
from typing import Dict

import pytest

from tests import realzenml
from tests.profiles.test_real_020 import VERSIONS, WAIT_S, free_port, per_version, wait_health


@pytest.fixture(scope="session")
def fresh_store(tmp_path_factory) -> Dict[str, Path]:
    """version -> a config dir whose store the real 0.20.x just created (`zenml stack list`)."""

    def create(version):
        cfg = tmp_path_factory.mktemp(f"fresh{version}") / "zenml"
        realzenml.zenml(version, ["stack", "list"], cfg, cwd=cfg.parent)
        return cfg

    return per_version(create)


@pytest.fixture(scope="session")
def servers(tmp_path_factory):
    """version -> (url, client config dir) of a live `zenml up` on 127.0.0.1; always stopped
    (`zenml down` here, or tests/cleanup.py when the run is interrupted)."""
    started = {v: (f"http://127.0.0.1:{free_port()}", tmp_path_factory.mktemp(f"server{v}") / "zenml") for v in VERSIONS}

    def up(version):
        url, cfg = started[version]
        realzenml.server_up(version, int(url.rsplit(":", 1)[1]), cfg, timeout=WAIT_S)
        wait_health(url)

    def down(version):
        realzenml.server_down(version, started[version][1], timeout=WAIT_S)

    try:
        per_version(up)
        yield started
    finally:
        per_version(down)


