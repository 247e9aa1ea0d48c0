"""Issue 13 for ``migrate profiles``: generated hostile inputs and faults (``profile_cases``), each
run through the real command line in a subprocess and checked by ``harness.problems``: no hang,
no traceback, the right exit code, no planted credential in any output, nothing outside the
asked-for paths created or changed, no temp file left.

All cases run once per session on two workers (the machine's two cores), each test reports one."""

import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.hostile import profile_cases, servers
from tests.hostile.harness import Case, problems, run

SCALE = int(os.environ.get("ZENML_MIGRATE_HOSTILE_SCALE", "1"))
BEHAVIOURS = {
    "trickle": servers.trickle, "silent": servers.silent, "echo": servers.echo, "not-json": servers.not_json,
    "bad-utf8": servers.bad_utf8, "huge": servers.huge, "redirect-elsewhere": servers.redirect_elsewhere,
    **{f"wrong-shapes-{i}": servers.wrong_shapes(i) for i in range(8)},
}
_SERVERS = {label: servers.HostileServer(answer) for label, answer in BEHAVIOURS.items()}
CASES = profile_cases.cases(SCALE) + profile_cases.server_cases({label: s.url for label, s in _SERVERS.items()})


@pytest.fixture(scope="session")
def outcomes(request, tmp_path_factory):
    """Run the selected cases (all, or those ``-k`` kept) on two workers, once."""
    base = tmp_path_factory.mktemp("hostile-profiles")
    chosen = {item.callspec.params["case"].name for item in request.session.items
              if isinstance(getattr(item, "callspec", None) and item.callspec.params.get("case"), Case)}
    todo = [c for c in CASES if c.name in chosen]
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = pool.map(lambda ic: run(ic[1], base / f"case{ic[0]:03d}"), enumerate(todo))
            yield {o.case.name: o for o in results}
    finally:
        for server in _SERVERS.values():
            server.close()


def test_the_generator_makes_distinct_cases():
    names = [c.name for c in CASES]
    assert len(names) == len(set(names)) and len(names) >= 100


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_profiles(case, outcomes):
    outcome = outcomes[case.name]
    found = problems(outcome)
    assert not found, f"{case.name} (exit {outcome.code}, {outcome.seconds:.1f} s):\n  " + "\n  ".join(found) + f"\n--- output:\n{outcome.output[-3000:]}"


def test_report_durations(outcomes, capsys):
    slow = sorted(outcomes.values(), key=lambda o: -o.seconds)[:5]
    with capsys.disabled():
        print("\nslowest:", ", ".join(f"{o.case.name} {o.seconds:.1f}s" for o in slow))
