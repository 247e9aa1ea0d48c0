"""ZM409 ports a 0.13.2 component's hook methods to the 0.20 signature. It used to replace the
whole parameter list with the 0.20 one (review24 G2): an alerter's ``post(self, message,
config=None)`` became ``post(self, message, params)``, so the user's own ``alerter.post("done")``
raised TypeError on 0.20 (ZenML itself passes both), and an extra ``timeout=30`` parameter
vanished with no TODO while callers passed it. The port keeps a default that a 0.20 parameter
takes over, the user's extra parameters that have a default, ``*args``/``**kwargs``, and writes
a TODO for an extra parameter without a default (ZenML's own call could not pass it)."""

import textwrap
import uuid

import pytest

from tests import realzenml
from zenml_migrate.fix.fixer import fix_source

ALERTER = textwrap.dedent(
    """
    from typing import Optional

    from zenml.alerter import BaseAlerter
    from zenml.steps.step_interfaces.base_alerter_step import BaseAlerterStepConfig


    class TeamAlerter(BaseAlerter):
        FLAVOR = "team"
        channel: str = "#ml"

        def post(self, message: str, config: Optional[BaseAlerterStepConfig] = None, urgent: bool = False) -> bool:
            return f"{self.channel} {message} {urgent}"

        def ask(self, question, config=None, *args, timeout: int = 30, **extra) -> bool:
            return f"{question} {timeout} {sorted(extra)} {args}"
    """
).lstrip()

STRICT = ALERTER.replace("question, config=None, *args, timeout: int = 30, **extra", "question, retries, config=None")


def _fixed(code: str):
    result = fix_source(code, "alerts.py", unsafe=True)
    assert result.error is None, result.error
    return result


def test_the_port_keeps_the_defaults_and_extra_parameters_callers_use():
    text = _fixed(ALERTER).text
    assert (
        "def post(self, message: str, params: Optional[BaseAlerterStepParameters] = None, urgent: bool = False) -> bool:"
        in text
    ), text
    assert "def ask(self, question: str, params: Optional[BaseAlerterStepParameters] = None, *args, timeout: int = 30, **extra)" in text
    assert "TODO(zenml-migrate)" not in text


def test_an_extra_parameter_without_a_default_is_left_out_with_a_todo():
    result = _fixed(STRICT)
    assert "def ask(self, question: str, params: Optional[BaseAlerterStepParameters] = None) -> bool:" in result.text
    todo = [line for line in result.text.splitlines() if "TODO(zenml-migrate)" in line]
    assert len(todo) == 1 and "`retries` (no default) is no parameter of `ask`" in todo[0], todo


PROBE = """
import datetime, importlib, json, sys, uuid
sys.path.insert(0, ".")
m = importlib.import_module("alerts")
flavor = m.TeamAlerterFlavor()
now = datetime.datetime.now()
a = flavor.implementation_class(name="a", id=uuid.uuid4(), config=flavor.config_class(), flavor=flavor.name,
                                type=flavor.type, user=uuid.uuid4(), project=uuid.uuid4(), created=now, updated=now)
print("RESULT " + json.dumps([a.post("done"), a.post("done", None), a.post("x", None, True), a.ask("ok?", timeout=5),
                              a.ask("ok?", None, 1, 2, k=3)]))
"""


@pytest.mark.real_zenml
@pytest.mark.parametrize("version", ["0.20.0", "0.20.5"])
def test_the_users_calls_and_zenmls_calls_both_work_on_the_real_020(tmp_path, version):
    (tmp_path / "alerts.py").write_text(_fixed(ALERTER).text)
    (tmp_path / "probe.py").write_text(PROBE)
    proc = realzenml.python(version, ["probe.py"], tmp_path / f"cfg-{uuid.uuid4().hex[:6]}", cwd=tmp_path)
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))
    assert line == 'RESULT ["#ml done False", "#ml done False", "#ml x True", "ok? 5 [] ()", "ok? 30 [\'k\'] (1, 2)"]', proc.stdout


ORCHESTRATOR = textwrap.dedent(
    """
    from typing import Any

    from zenml.orchestrators import BaseOrchestrator


    def make_k8s_deployment(name: str) -> dict:
        return {"kind": "Deployment", "name": name}


    class K8sJobOrchestrator(BaseOrchestrator):
        FLAVOR = "k8s_job"
        namespace: str = "zenml"

        def prepare_or_run_pipeline(self, sorted_steps, pipeline, pb2_pipeline, stack, runtime_configuration) -> Any:
            deployment = make_k8s_deployment(self.namespace)
            print("submitting", deployment["name"], "for run", runtime_configuration.run_name)
    """
).lstrip()


def test_a_hook_whose_body_binds_a_new_parameters_name_is_no_safe_port():
    """review24 G13: the body's own ``deployment`` local shadowed the 0.20 ``deployment``
    parameter, and the safe port rewrote ``runtime_configuration.run_name`` to
    ``deployment.run_name``, a read of the local dict (AttributeError on the real 0.20.5)."""
    from zenml_migrate.api import scan_source

    port = [f for f in scan_source(ORCHESTRATOR, "k.py") if f.code == "ZM409"]
    assert len(port) == 1 and port[0].fix == "unsafe", port
    text = fix_source(ORCHESTRATOR, "k.py", unsafe=True).text
    assert '"for run", runtime_configuration.run_name)' in text, text  # not a read of the local dict
    assert "binds `deployment` itself, the name of a parameter ZenML 0.20 passes" in text
