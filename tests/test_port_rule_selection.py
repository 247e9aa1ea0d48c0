"""Rule selection does not change what another rule finds (port26's open item).

ZM426's read of a ported field on a value typed as the zenml base (``Repository().active_stack
.artifact_store.team``) was found only where ZM004's member net ran, and every ZM426 finding (an
instance's read too) only where ZM409 was selected (the port's facts were computed for ZM409's
selection only): ``migrate scan --select ZM426`` found nothing. Each of ZM004, ZM409 and ZM426
selected alone now finds what it finds in the whole catalog's run, and the base read's message
does not say "this run's port" where the run does not select the port.
"""

import pytest

from tests.test_kept_flavor_string import _migrate as migrate, _project
from tests.test_ported_base_reads import FILES as BASE_READS
from tests.test_ported_reexports import FILES as REEXPORTS


def _lines(root, *select):
    proc = migrate(root, "scan", ".", "--no-cache", *(("--select", ",".join(select)) if select else ()))
    return [line for line in proc.stdout.splitlines() if ": ZM" in line]


@pytest.mark.parametrize("files", [BASE_READS, REEXPORTS], ids=["base_reads", "reexports"])
def test_each_port_rule_alone_finds_what_it_finds_with_the_catalog(tmp_path, files):
    root = _project(tmp_path, files)
    every = _lines(root)
    assert any(": ZM426 " in line for line in every)
    for code in ("ZM426", "ZM409", "ZM004"):
        alone = _lines(root, code)
        assert [ln.replace("its ZM409 port", "this run's port") for ln in alone] == \
               [ln for ln in every if f": {code} " in ln], code


def test_the_base_read_names_the_run_s_port_only_where_the_run_writes_it(tmp_path):
    root = _project(tmp_path, BASE_READS)
    alone = _lines(root, "ZM426")
    assert len(alone) == 2 and all("(its ZM409 port moves it there)" in ln for ln in alone), alone
    assert all("(this run's port moves it there)" in ln for ln in _lines(root, "ZM426", "ZM409") if ": ZM426 " in ln)
