"""Rule selection does not change what another rule finds (port26's open item).

ZM426's read of a ported field on a value typed as the zenml base (``Repository().active_stack
.artifact_store.team``) was found only where ZM004's member net ran, and every ZM426 finding (an
instance's read too) only where ZM409 was selected (the port's facts were computed for ZM409's
selection only): ``migrate scan --select ZM426`` found nothing. Each of ZM004, ZM409 and ZM426
selected alone now finds what it finds in the whole catalog's run, and the base read's message
does not say "this run's port" where the run does not select the port.

A read the port moves (``store.team`` -> ``store.config.team``, ``TeamStore.SUPPORTED_SCHEMES`` ->
``TeamStoreConfig.SUPPORTED_SCHEMES``) is rewritten only by a run that writes the port: before,
``--fix --select ZM426`` wrote ``store.config.team`` and imported ``TeamStoreConfig`` for a class
that run left unported (ImportError on import, AttributeError on 0.13.2).
"""

import pytest

from tests.test_kept_flavor_string import _migrate as migrate, _project
from tests.test_ported_base_reads import FILES as BASE_READS, STORE
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
        assert [_as_with_the_port(ln) for ln in alone] == \
               [_as_with_the_port(ln) for ln in every if f": {code} " in ln], code


def _as_with_the_port(line: str) -> str:
    """A finding line as the run that writes the port says it: where the selection leaves the port out,
    the read it moves is not rewritten (``_unselected``: no ``[*]``, "select ZM409 too")."""
    line = line.replace("its ZM409 port", "this run's port").replace(" [*]", "").replace("; the fix writes it", "")
    return line.split(" (no automatic fix here: `TeamStore` is ported by its ZM409 fix", 1)[0]


def test_the_base_read_names_the_run_s_port_only_where_the_run_writes_it(tmp_path):
    root = _project(tmp_path, BASE_READS)
    alone = _lines(root, "ZM426")
    assert len(alone) == 2 and all("(its ZM409 port moves it there)" in ln for ln in alone), alone
    assert all("(this run's port moves it there)" in ln for ln in _lines(root, "ZM426", "ZM409") if ": ZM426 " in ln)


USE = """\
from teamkit.stores import TeamStore


def team_of(store: TeamStore) -> str:
    return store.team


def schemes():
    return sorted(TeamStore.SUPPORTED_SCHEMES)
"""


def test_a_read_the_port_moves_is_rewritten_only_by_a_run_that_writes_the_port(tmp_path):
    files = {"teamkit/__init__.py": "", "teamkit/stores.py": STORE, "use.py": USE}
    root = _project(tmp_path / "alone", files)
    alone = _lines(root, "ZM426")
    assert len(alone) == 2 and all("select ZM409 too)" in ln and "[*]" not in ln for ln in alone), alone
    proc = migrate(root, "code", ".", "--fix", "--select", "ZM426")
    text = (root / "use.py").read_text()
    code = [ln for ln in (text + (root / "teamkit" / "stores.py").read_text()).splitlines() if not ln.lstrip().startswith("#")]
    assert not any("TeamStoreConfig" in ln or "store.config" in ln for ln in code), text
    assert text.count("# TODO(zenml-migrate): ZM426 ") == 2 and text.count("select ZM409 too)") == 2, text
    assert "left for a human: 2 findings (ZM426 x2)" in proc.stderr, proc.stderr
    both = _project(tmp_path / "both", files)
    migrate(both, "code", ".", "--fix", "--select", "ZM426,ZM409")
    text = (both / "use.py").read_text()
    assert "return store.config.team" in text and "TeamStoreConfig.SUPPORTED_SCHEMES" in text, text
