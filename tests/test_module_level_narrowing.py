"""``isinstance`` narrowing at module level (also under ``if __name__ == "__main__":``): after
``assert isinstance(x, C)`` or ``if not isinstance(x, C): raise ...``, ``x`` is a C, as in a function
(r11's narrowing, which stopped at functions)."""

import ast

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules.base import snippet as c

SOURCE = c(
    """
    from zenml.enums import StackComponentType
    from zenml.integrations.kubeflow.orchestrators import KubeflowOrchestrator
    from zenml.repository import Repository

    orchestrator = Repository().get_stack_component(StackComponentType.ORCHESTRATOR, "kf")
    if not isinstance(orchestrator, KubeflowOrchestrator):
        raise SystemExit("this script needs a Kubeflow orchestrator")
    print(orchestrator.kubeflow_hostname)

    if __name__ == "__main__":
        other = Repository().get_stack_component(StackComponentType.ORCHESTRATOR, name="kf_dev")
        assert isinstance(other, KubeflowOrchestrator), "kubeflow only"
        print(other.kubeflow_hostname, other.name)
    """
)


def test_module_level_isinstance_narrows_the_name():
    assert [f.span.line for f in scan_source(SOURCE, "check.py") if f.code == "ZM421"] == [8, 13]


def test_the_fix_reads_the_config_and_the_rescan_is_clean_of_it():
    fixed = fix_source(SOURCE)
    assert "print(orchestrator.config.kubeflow_hostname)" in fixed.text
    assert "print(other.config.kubeflow_hostname, other.name)" in fixed.text
    ast.parse(fixed.text)
    assert [f.code for f in scan_source(fixed.text, "check.py") if f.code == "ZM421"] == []


def test_a_rebound_isinstance_does_not_narrow():
    shadowed = "isinstance = lambda a, b: True\n" + SOURCE
    assert [f.code for f in scan_source(shadowed, "check.py") if f.code == "ZM421"] == []


BRANCHES = c(
    """
    from zenml.integrations.kubeflow.orchestrators import KubeflowOrchestrator
    from zenml.integrations.mlflow.experiment_trackers import MLFlowExperimentTracker

    from team_helpers import load_component

    component = load_component("orchestrator")
    if isinstance(component, KubeflowOrchestrator):
        print(component.kubeflow_hostname)
    elif isinstance(component, MLFlowExperimentTracker):
        print(component.tracking_uri)
    else:
        print(component.kubeflow_hostname)  # not narrowed here
    print(component.tracking_uri)
    """
)


def test_a_module_level_if_isinstance_narrows_its_body_only():
    assert [f.span.line for f in scan_source(BRANCHES, "show.py") if f.code == "ZM421"] == [8, 10]
    fixed = fix_source(BRANCHES).text
    assert "print(component.config.kubeflow_hostname)\nelif" in fixed and "print(component.config.tracking_uri)\nelse" in fixed
    assert fixed.endswith("print(component.kubeflow_hostname)  # not narrowed here\nprint(component.tracking_uri)\n"), fixed
    assert [f.code for f in scan_source(fixed, "show.py") if f.code == "ZM421"] == []
