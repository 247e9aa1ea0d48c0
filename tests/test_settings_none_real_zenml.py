"""A configuration that may be None (``docker_configuration=IMAGE`` / ``resource_configuration=GPU``
with the name bound to None somewhere: 0.13.2 took None for the default configuration) on the
real ZenMLs: the ZM203/ZM204 Bad examples build on 0.13.2 and fail on 0.20.0 / 0.20.5 (TypeError
at import); after ``migrate code --fix`` (``settings={"docker": IMAGE or DockerSettings()}``) they
import there, and the step / pipeline are built with their None value (0.20 rejects
``settings={"docker": None}`` when the pipeline is instantiated)."""

import pytest

from tests.realzenml import bad_examples_project

pytestmark = pytest.mark.real_zenml

PROBE = '''
import importlib, json, sys

from zenml.steps import step


@step
def trainer() -> int:
    return 1


facts = {}
for name in sys.argv[1:]:
    try:
        module = importlib.import_module(name)
    except (TypeError, ImportError) as exc:
        facts[name] = type(exc).__name__
        continue
    got = {}
    for attr, build in (("nightly", lambda m: m.nightly(trainer=trainer())), ("fit_model", lambda m: m.fit_model())):
        if hasattr(module, attr):
            try:
                build(module)
                got[attr] = "built"
            except Exception as exc:  # 0.20: a None settings value is a ValidationError here
                got[attr] = type(exc).__name__
    facts[name] = got
print("RESULT " + json.dumps(facts, sort_keys=True))
'''

# module name -> (rule, text only that rule's Bad example has)
EXAMPLES = {
    "docker_param": ("ZM204", "image=None"),
    "resources_ifexp": ("ZM203", "USE_GPU"),
    "docker_ifexp_fields": ("ZM204", "GPU_IMAGE if"),  # `D if c else None` with a legacy field: folded by branch
    "docker_splat_branch": ("ZM205", "ON_AWS"),  # a legacy key of a conditional `**`: a keyword valued by branch
    "derived_dict": ("ZM205", "nightlyignore"),  # `dict(BASE, k=v)`: BASE's docker settings updated
}


def test_a_none_configuration_builds_on_020_after_the_fix(tmp_path):
    facts = bad_examples_project(tmp_path, EXAMPLES, PROBE)  # (the fixed text is the example's: no TODO)

    built = {"fixed_docker_param": {"nightly": "built"}, "fixed_resources_ifexp": {"fit_model": "built"},
             "fixed_docker_ifexp_fields": {"nightly": "built"}, "fixed_docker_splat_branch": {"nightly": "built"},
             "fixed_derived_dict": {"nightly": "built"}}
    assert facts("0.13.2", "old") == {"old_docker_param": {"nightly": "built"}, "old_resources_ifexp": {"fit_model": "built"},
                                      "old_docker_ifexp_fields": {"nightly": "built"}, "old_docker_splat_branch": {"nightly": "built"},
                                      "old_derived_dict": {"nightly": "built"}}
    for version in ("0.20.0", "0.20.5"):
        assert facts(version, "old") == {"old_docker_param": "TypeError", "old_resources_ifexp": "ImportError",
                                         "old_docker_ifexp_fields": "ImportError", "old_docker_splat_branch": "TypeError",
                                         "old_derived_dict": "TypeError"}, version
        assert facts(version, "fixed") == built, version
