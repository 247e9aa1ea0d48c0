"""Names ZenML 0.13.2 takes and ZenML 0.20 does not, and secrets no output may show.

Input: ``fixtures/configs/odd_names`` (made by the real 0.13.2 with ``fixtures/make_config_dirs.py
odd_names``): a component, a stack and a run whose names are longer than the 128 characters
ZenML 0.20 allows (a longer name in the 0.20 store makes every `zenml stack list` fail with a
ValidationError), names with spaces, dashes and non-ASCII letters, and a local secrets manager
holding two secrets. The real-tier tests (test_real_020.py) migrate the same fixture into the
real 0.20.0/0.20.5 stores and read it back with `zenml stack list`.
"""

import base64
import shutil
from pathlib import Path

import pytest
import yaml

from tests.clirunner import cli_runner
from tests.profiles.test_plan import comp, plan_for, stack
from tests.profiles.test_readers import fixture
from tests.profiles.test_store import make_store
from zenml_migrate.cli import app
from zenml_migrate.profiles.model import NAME_MAX_LENGTH, Action, fit_name

LONG_COMPONENT = "long_orchestrator_" + "x" * 140
LONG_STACK = "long_stack_" + "y" * 130
LONG_RUN = "long_run_" + "z" * 130
SECRET_VALUES = ("SECRET-CANARY-4242", "SECRET-CANARY-1717")  # registered with 0.13.2's `secrets-manager secret register`

runner = cli_runner()


def test_the_fixture_holds_what_these_tests_need():
    cfg = fixture("odd_names")
    [secrets] = list((cfg / "local_stores").glob("*/secrets.yaml"))
    stored = {k: v for s in yaml.safe_load(secrets.read_text()).values() for k, v in s.items()}
    for value in SECRET_VALUES:
        assert base64.b64encode(value.encode()).decode() in stored.values()
    store = yaml.safe_load((cfg / "profiles" / "default" / "stacks.yaml").read_text())
    assert LONG_STACK in store["stacks"] and LONG_COMPONENT in store["stack_components"]["orchestrator"]
    assert LONG_RUN in (cfg / "profiles" / "default" / "pipeline_runs.yaml").read_text()


def test_names_over_128_characters_are_shortened_uniquely_and_said():
    plan = plan_for(fixture("odd_names"))
    orch = comp(plan, "orchestrator", LONG_COMPONENT)
    assert orch.target_name == LONG_COMPONENT[: NAME_MAX_LENGTH - 2] + "_1" and orch.action == Action.CHANGE
    assert any(f"-> {orch.target_name}: ZenML 0.20 takes at most 128 characters in a component name" in n for n in orch.notes)
    long_stack = stack(plan, LONG_STACK)
    assert long_stack.target_name == LONG_STACK[: NAME_MAX_LENGTH - 2] + "_1"
    assert long_stack.components["orchestrator"] is orch  # the stack uses the shortened component
    [run] = [r for r in plan.runs if r.name == LONG_RUN]
    assert run.target_name == LONG_RUN[: NAME_MAX_LENGTH - 2] + "_1" and any("128 characters in a run name" in n for n in run.notes)
    # spaces, dashes, non-ASCII: kept exactly
    assert comp(plan, "orchestrator", "orch-dash-\u00e9").target_name == "orch-dash-\u00e9"
    assert comp(plan, "artifact_store", "shared store").target_name == "shared store"
    assert stack(plan, "stack one").target_name == "stack one" and plan.active_stack == "stack one"
    written = [*plan.components, *plan.stacks, *plan.runs]
    assert all(len(it.target_name) <= NAME_MAX_LENGTH for it in written)


def test_a_prefix_that_makes_a_name_too_long_is_shortened_too():
    plan = plan_for(fixture("odd_names"), prefix="team_" * 3)
    assert all(len(it.target_name) <= NAME_MAX_LENGTH for it in [*plan.components, *plan.stacks])
    assert comp(plan, "orchestrator", "orch-dash-\u00e9").target_name == "team_team_team_orch-dash-\u00e9"


def test_shortened_names_stay_unique():
    a, b = "a" * 130, "a" * 127 + "b" * 3
    first = fit_name(a, set())
    second = fit_name(b, {first})
    assert first != second and len(first) == len(second) == NAME_MAX_LENGTH
    assert fit_name("short", set()) == "short" and fit_name("short", {"short"}) == "short_2"


def _everything_written(root: Path) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in sorted(root.rglob("*")) if p.is_file())


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("--format", "json"),
        ("--bundle", "{out}/bundle", "--report", "{out}/report.md"),
        ("--report", "{out}/report.html", "--dry-run", "--bundle", "{out}/dry"),
        ("--store", "{out}/zenml/local_stores/default_zen_store/zenml.db", "--no-history", "-q"),
    ],
    ids=["plan", "json", "bundle+report", "html+dry-run", "store"],
)
def test_no_secret_value_in_any_output_or_written_file(tmp_path, args):
    cfg = tmp_path / "cfg"
    shutil.copytree(fixture("odd_names"), cfg)
    out = tmp_path / "out"
    out.mkdir()
    if "--store" in args:
        make_store(out / "zenml")
    result = runner.invoke(app, ["profiles", str(cfg), *(a.format(out=out) for a in args)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "local sm" in result.output or "wrote" in result.output
    seen = result.output + _everything_written(out)
    for value in SECRET_VALUES:
        for form in (value, base64.b64encode(value.encode()).decode()):
            assert form not in seen, f"{form} in the output of {args}"
