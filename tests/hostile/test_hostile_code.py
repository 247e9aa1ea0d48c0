"""Issue 13 for ``migrate code`` and ``migrate scan``: generated hostile inputs and faults
(``code_cases``), each run through the real command line in its own process and checked by
``harness.problems`` and the case's own checks (files outside the given paths untouched,
owner/mode/layout kept, one file lost to a rewriter crash, never the run)."""

import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.hostile import code_cases
from tests.hostile.harness import Case, problems, run

SCALE = int(os.environ.get("ZENML_MIGRATE_HOSTILE_SCALE", "1"))
CASES = code_cases.cases(SCALE)


@pytest.fixture(scope="session")
def code_outcomes(request, tmp_path_factory):
    """Run the selected cases (all, or those ``-k`` kept) on two workers, once."""
    base = tmp_path_factory.mktemp("hostile-code")
    chosen = {item.callspec.params["case"].name for item in request.session.items
              if isinstance(getattr(item, "callspec", None) and item.callspec.params.get("case"), Case)}
    todo = [c for c in CASES if c.name in chosen]
    with ThreadPoolExecutor(max_workers=2) as pool:
        return {o.case.name: o for o in pool.map(lambda ic: run(ic[1], base / f"case{ic[0]:03d}"), enumerate(todo))}


def test_the_generator_makes_distinct_cases():
    names = [c.name for c in CASES]
    assert len(names) == len(set(names)) and len(names) >= 50


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_code(case, code_outcomes):
    outcome = code_outcomes[case.name]
    found = problems(outcome)
    assert not found, f"{case.name} (exit {outcome.code}, {outcome.seconds:.1f} s):\n  " + "\n  ".join(found) + f"\n--- output:\n{outcome.output[-3000:]}"


@pytest.mark.parametrize("command", ["scan", "code"])
def test_stdin_is_read_up_to_the_parse_limit(command, tmp_path):
    """``-`` with an endless or huge stdin: exit 2 with one line, read no further than the limit."""
    import subprocess
    import sys

    from tests.hostile.harness import child_env

    (tmp_path / "home").mkdir()
    proc = subprocess.run([sys.executable, "-m", "zenml_migrate", command, "-"], cwd=tmp_path, env=child_env(tmp_path, {}),
                          input=b"import zenml\n" + b"x = 1\n" * (2 << 20), capture_output=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.decode().strip() == "error: stdin is larger than the 10 MB this tool parses"
    assert proc.stdout == b""
