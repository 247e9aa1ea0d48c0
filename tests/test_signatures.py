"""The call-signature safety nets (rules/signatures.py: ZM002-ZM004) and their index
(rules/data/zenml020_signatures.json, scripts/build_zenml_signatures.py)."""

import json
from pathlib import Path

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.rules import select_rules
from zenml_migrate.rules.base import snippet as _c
from zenml_migrate.scan import zenml_signatures as sigs

ROOT = Path(__file__).resolve().parent.parent
INDEX = ROOT / "rules" / "data" / "zenml020_signatures.json"


WITHOUT_ZM461 = select_rules(ignore=["ZM461"])


def codes(text):
    return [f.code for f in findings_of(text)]


def findings_of(text):
    # ZM461 (a module-level statement that fails at import: these snippets all are) is not what these tests pin
    return [f for f in scan_source(text) if f.code != "ZM461"]


def test_decorators_are_indexed_from_the_wheels():
    step = sigs.callable_signatures("zenml.steps.step")
    assert step is not None and all(s is not None for s in step)
    assert {"experiment_tracker", "step_operator", "output_artifacts", "settings"} <= step[0].keywords
    assert "custom_step_operator" not in step[1].keywords


def test_pydantic_fields_are_the_keywords_and_extra_decides_the_rest():
    docker = sigs.callable_signatures("zenml.config.DockerSettings")
    assert "copy_global_config" in docker[0].keywords and not docker[0].var_keyword  # extra = forbid
    assert "apt_packages" not in docker[0].keywords and "apt_packages" in docker[1].keywords
    tracker = sigs.callable_signatures(
        "zenml.integrations.mlflow.flavors.mlflow_experiment_tracker_flavor.MLFlowExperimentTrackerSettings"
    )
    assert tracker[0].var_keyword  # BaseSettings: extra = allow


def test_unknown_callables_give_nothing():
    assert sigs.callable_signatures("zenml.steps.base_step.BaseStep+") is None
    assert sigs.callable_signatures("zenml.steps.base_step.BaseStep+().configure") is None
    assert sigs.callable_signatures("zenml.does.not.exist") is None


NEW_IN_ONE_RELEASE = _c(
    """
    from zenml.config import DockerSettings

    DockerSettings(apt_packages=["git"])
    """
)


def test_a_keyword_only_one_020_release_has_is_code_written_for_it():
    assert codes(NEW_IN_ONE_RELEASE) == []


SPLATS = _c(
    """
    from zenml.config import DockerSettings, ResourceSettings

    args = ()
    kwargs = {}
    DockerSettings(**kwargs)
    ResourceSettings(*args)
    """
)


def test_splats_are_not_guessed():
    assert codes(SPLATS) == []


SPECIFIC_RULE_FIRST = _c(
    """
    from zenml.pipelines import pipeline
    from zenml.steps import step

    @step(custom_step_operator="sagemaker")
    def trainer() -> int:
        return 1

    @pipeline(required_integrations=["sklearn"], secrets=["s"])
    def p(trainer):
        trainer()

    p(trainer=trainer()).run(run_name="r", dag_filepath="x")
    """
)


def test_one_finding_per_use_the_specific_rule_wins():
    found = codes(SPECIFIC_RULE_FIRST)
    assert "ZM003" not in found and "ZM002" not in found
    assert sorted(found) == ["ZM201", "ZM205", "ZM206", "ZM212", "ZM250"]


RENAMED_CLIENT = _c(
    """
    from zenml.repository import Repository

    name = Repository().active_profile_name
    """
)


def test_a_renamed_class_keeps_the_rule_of_its_old_name():
    # after ZM108 renames Repository -> Client the member is still ZM401's, not ZM004's; and it is
    # reported (0.20's Client has no active_profile_name either): a re-scan after --fix is not silent
    assert codes(RENAMED_CLIENT.replace("from zenml.repository import Repository", "from zenml.client import Client").replace("Repository()", "Client()")) == ["ZM401"]


CLIENT_MEMBERS_NO_020_HAS = _c(
    """
    from zenml.client import Client

    Client().get_stack("x")
    c = Client()
    c.get_stack("y")
    Client().get_flavor("z", t)
    Client().get_pipelines()
    Client().active_stack.name
    """
)


def test_a_member_no_020_release_has_is_reported_on_the_020_spelling():
    # get_stack/get_flavor: the rule of the Repository spelling (no fix: its TODO stays true);
    # get_pipelines: ZM302, whose fix rewrites the Client spelling too (was ZM004 until the
    # rules with a fix were used here: tests/test_client_spelling_fixes.py)
    assert codes(CLIENT_MEMBERS_NO_020_HAS) == ["ZM404", "ZM404", "ZM406", "ZM302"]


def test_a_rescan_after_the_client_rename_still_reports_the_missing_member():
    from zenml_migrate.fix.fixer import fix_source

    source = "from zenml.repository import Repository\n\nrepo = Repository()\nrepo.get_stack(\"default\")\n"
    assert codes(source) == ["ZM108", "ZM108", "ZM404"]
    fixed = fix_source(source, rules=WITHOUT_ZM461).text
    assert "repo = Client()" in fixed
    assert codes(fixed) == ["ZM404"]


def test_a_member_of_the_renamed_class_itself_is_reported_by_the_first_scan():
    # starter.ipynb's `Repository.get_pipeline??`: the member net mapped `Repository()` to
    # `Client()` but not the class `Repository` to `Client`, so ZM004 only appeared after --fix
    from zenml_migrate.fix.fixer import fix_source

    source = "from zenml.repository import Repository\n\nhelp(Repository.get_pipeline)\nx = Repository.foo_bar\n"
    assert codes(source) == ["ZM108", "ZM108", "ZM004", "ZM108", "ZM004"]
    first = fix_source(source, rules=WITHOUT_ZM461)
    assert first.remaining and [f.code for f in first.remaining] == ["ZM004", "ZM004"]
    assert first.text.count("# TODO(zenml-migrate): ZM004") == 2
    assert "`zenml.post_execution.get_pipeline(...)`" in first.text
    assert codes(first.text) == ["ZM004", "ZM004"]
    again = fix_source(first.text, rules=WITHOUT_ZM461)
    assert again.text == first.text and not again.text_changed


USER_SUBCLASS_MEMBERS = _c(
    """
    from zenml.materializers.base_materializer import BaseMaterializer
    from zenml.steps import BaseParameters, step

    class Params(BaseParameters):
        lr: float = 0.1

    class M(BaseMaterializer):
        def handle_input(self, data_type):
            return self.artifact.uri + self.my_helper()

    @step
    def trainer(params: Params) -> float:
        return params.lr

    print(Params().lr, M(None).my_helper)
    """
)


def test_members_of_user_subclasses_are_the_users():
    assert codes(USER_SUBCLASS_MEMBERS) == []


USER_COMPONENT_CLASS = _c(
    """
    from zenml.enums import StackComponentType
    from zenml.step_operators import BaseStepOperator

    class SlurmStepOperator(BaseStepOperator):
        FLAVOR = "slurm"
        partition: str = "gpu"

    class Tagged(BaseStepOperator):
        TYPE = StackComponentType.STEP_OPERATOR

    KIND = SlurmStepOperator.TYPE
    NAMES = [SlurmStepOperator.FLAVOR, SlurmStepOperator.partition, Tagged.TYPE]
    """
)


def test_a_member_a_class_of_the_file_only_inherits_is_its_zenml_bases():
    """``SlurmStepOperator.TYPE``: the class body (in this file) does not define it, its one base is
    0.13.2's ``BaseStepOperator``, which had it and 0.20 lacks (the type is the Flavor's): AttributeError
    at import on 0.20. What the body defines (``FLAVOR``, a field) stays the user's."""
    found = [f for f in findings_of(USER_COMPONENT_CLASS) if f.code == "ZM004"]
    assert [f.span.line for f in found] == [11]
    assert found[0].message.startswith("`TYPE` is not an attribute of class `BaseStepOperator` in ZenML 0.20")


def test_messages_list_what_the_callable_takes():
    (finding,) = findings_of("from zenml.config import ResourceSettings\nResourceSettings(cpu_counts=2)\n")
    assert finding.code == "ZM003"
    assert "`cpu_count`" in finding.message and "closest: `cpu_count=`" in finding.message


def test_index_sections_are_complete():
    data = json.loads(INDEX.read_text())
    assert set(data) == {"functions", "classes", "aliases", "successors", "v0132", "steps0132"}
    assert data["successors"]["config"] == "params"
    assert len(data["classes"]) > 400 and len(data["functions"]) > 150
    steps = set(data["steps0132"])
    assert "zenml.integrations.whylogs.steps.whylogs_profiler.WhylogsProfilerStep" in steps
    assert "zenml.steps.base_step.BaseStep" not in steps and not any("Config" in p for p in steps)


@pytest.mark.real_zenml
def test_the_step_classes_of_0132_are_the_real_basestep_subclasses(tmp_path):
    """``steps0132`` is exactly the public BaseStep subclasses the real 0.13.2 can import here
    (integration steps whose SDK is missing are not importable: skipped)."""
    from tests import realzenml

    probe = tmp_path / "probe.py"
    probe.write_text(
        _c(
            """
            import importlib, json, sys
            from zenml.steps.base_step import BaseStep

            listed, candidates = json.loads(open(sys.argv[1]).read()), json.loads(sys.argv[2])
            def load(path):
                module, _, name = path.rpartition(".")
                try:
                    return getattr(importlib.import_module(module), name)
                except Exception:
                    return None
            found = sorted(p for p in candidates if isinstance(load(p), type) and issubclass(load(p), BaseStep) and load(p) is not BaseStep)
            print(json.dumps({"found": found, "imported": sorted(p for p in listed if load(p) is not None)}))
            """
        )
    )
    data = json.loads(INDEX.read_text())
    listed = tmp_path / "listed.json"
    listed.write_text(json.dumps(data["steps0132"]))
    # the 0.13.2 classes of the index's modules that a step class could be: every public class path
    candidates = sorted(set(data["steps0132"]) | {p for p in data["classes"] if ".steps." in p or p.endswith("Step")})
    proc = realzenml.python("0.13.2", [probe, listed, json.dumps(candidates)], tmp_path / "cfg", cwd=tmp_path)
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert len(report["imported"]) >= 4, report
    assert report["found"] == sorted(p for p in data["steps0132"] if p in report["imported"])


@pytest.mark.real_zenml
@pytest.mark.parametrize("version", ["0.20.0", "0.20.5"])
def test_index_agrees_with_inspect_on_the_real_zenml(version, tmp_path):
    """Every callable the real release can import: the index never rejects what it accepts
    and never requires what it does not (no false ZM002/ZM003)."""
    from tests import realzenml

    proc = realzenml.python(
        version, [ROOT / "tests" / "signature_probe.py", INDEX, version], tmp_path / "cfg", cwd=tmp_path, timeout=600
    )
    report = json.loads(proc.stdout)
    assert report["checked"] > 1500, report["checked"]
    assert report["strict"] == [], report["strict"][:10]


def test_a_call_a_rule_without_fix_explains_is_not_reported_again():
    # ZM408 says the Stack constructor changed; its metadata_store= is part of that, not a ZM003 of its own
    code = "from zenml.stack import Stack\n\nStack(name='s', orchestrator=o, metadata_store=m, artifact_store=a)\n"
    assert codes(code) == ["ZM408"]
    # a fixable rule explains only its keyword: another keyword 0.20 rejects is still reported
    code = "from zenml.steps import step\n\n@step(custom_step_operator='x', cache=False)\ndef s() -> int:\n    return 1\n"
    assert sorted(codes(code)) == ["ZM003", "ZM201"]


def test_a_renamed_class_is_checked_as_its_own_successor():
    # ZM106 renames ResourceConfiguration -> ResourceSettings and ByteUnit -> ByteUnit: an instance
    # of the first was checked against ByteUnit ("cpu_count is not an attribute of ByteUnit")
    source = _c(
        """
        from zenml.config.resource_configuration import ResourceConfiguration

        def launch(resource_configuration: ResourceConfiguration):
            return resource_configuration.cpu_count, resource_configuration.cpus
        """
    )
    found = [f for f in findings_of(source) if f.code == "ZM004"]
    assert [f.span.line for f in found] == [4] and "`cpus`" in found[0].message and "ResourceSettings" in found[0].message


def test_a_field_a_rename_rule_renames_is_named_as_its_successor():
    # ZM105 writes DockerSettings and renames the keyword copy_profile -> copy_global_config; a read
    # of the old field, before or after the fix, names that field, not a spelling match (copy_files)
    for source in (
        "from zenml.config.docker_configuration import DockerConfiguration as DC\n\nD = DC(copy_profile=False)\n\ndef f():\n    return D.copy_profile\n",
        "from zenml.config import DockerSettings\n\nD = DockerSettings()\n\ndef f():\n    return D.copy_profile\n",
    ):
        (found,) = [f for f in findings_of(source) if f.code == "ZM004"]
        assert found.span.line == 6 and found.message.endswith("0.20 renamed the field: `copy_global_config`"), found.message


def test_a_deprecated_alias_that_builds_another_class_is_judged_by_that_constructor():
    # 0.20's zenml.repository.Repository(...) returns Client(...): `profile=` is a TypeError there
    code = _c(
        """
        from zenml.repository import Repository as Repo


        def open_profile(name):
            return Repo(profile=name).active_stack


        here = Repo(".")
        """
    )
    found = [f for f in scan_source(code) if f.code == "ZM003"]
    assert [(f.span.line, f.message.split(" in ZenML")[0]) for f in found] == [(5, "`Repository` takes no `profile=`")]


@pytest.mark.real_zenml
@pytest.mark.parametrize("version", ["0.20.0", "0.20.5"])
def test_constructs_holds_on_the_real_zenml(version, tmp_path):
    """``zenml_signatures.CONSTRUCTS``: each 0.20 class there returns an instance of its target,
    built from the same arguments (a keyword the target rejects raises TypeError)."""
    from tests import realzenml

    probe = tmp_path / "probe.py"
    probe.write_text(
        "import importlib, json, sys, warnings\n"
        "warnings.simplefilter('ignore')\n"
        "out = {}\n"
        "for old, new in json.loads(sys.argv[1]).items():\n"
        "    def cls(path):\n"
        "        module, _, name = path.rpartition('.')\n"
        "        return getattr(importlib.import_module(module), name)\n"
        "    built = cls(old)()\n"
        "    try:\n"
        "        cls(old)(no_such_keyword_of_the_target=1)\n"
        "        raised = None\n"
        "    except TypeError as exc:\n"
        "        raised = 'TypeError'\n"
        "    out[old] = [type(built) is cls(new), raised]\n"
        "print('RESULT ' + json.dumps(out))\n"
    )
    proc = realzenml.python(version, [probe, json.dumps(sigs.CONSTRUCTS)], tmp_path / "cfg", cwd=tmp_path, timeout=300)
    line = next(l for l in proc.stdout.splitlines() if l.startswith("RESULT "))
    assert json.loads(line[len("RESULT "):]) == {old: [True, "TypeError"] for old in sigs.CONSTRUCTS}, proc.stdout + proc.stderr


def test_a_call_a_rename_rule_renames_is_judged_as_the_020_callable_it_becomes():
    # 0.5's `zenml.core.repo.Repository(path=...)` and 0.13.2 config classes a rule renames: the
    # first scan says what 0.20 rejects (--fix renames the callee, the keyword stays), not the re-scan
    code = _c(
        """
        from zenml.core.repo import Repository
        from zenml.config.docker_configuration import DockerConfiguration
        from zenml.config.resource_configuration import ResourceConfiguration


        def make():
            repo = Repository(path=".")
            docker = DockerConfiguration(copy_profile=False, base_image="python:3.9")
            return repo, docker, ResourceConfiguration(cpu=2, gpu_count=1)
        """
    )
    found = [(f.span.line, f.message.split(" in ZenML")[0]) for f in findings_of(code) if f.code == "ZM003"]
    assert found == [
        (7, "`Repository` takes no `path=`"),  # 0.20's Repository alias builds a Client
        (8, "`DockerSettings` takes no `base_image=`"),  # copy_profile= is ZM105's rename
        (9, "`ResourceSettings` takes no `cpu=`"),
    ]


def test_a_call_a_rule_rewrites_beyond_its_name_is_not_judged_as_the_renamed_callable():
    # ZM301 rewrites `Repository().get_pipeline(...)` into `post_execution.get_pipeline(...)`: the
    # call is not `Client().get_pipeline(...)`, whose parameters would not apply
    code = "from zenml.core.repo import Repository\n\ndef f():\n    return Repository().get_pipeline(pipeline_name='p')\n"
    assert "ZM003" not in codes(code)


def test_a_call_a_rule_moves_to_a_020_function_is_judged_as_that_function():
    # ZM302 moves `Repository().get_pipelines(...)` to `zenml.post_execution.get_pipelines(...)`
    # keeping the arguments but the ones it drops (0.13.2's `stack_name=`, 0.5's `stack_key=`): a
    # keyword the 0.20 function rejects is said by the first scan, not only by --fix's own check
    code = _c(
        """
        from zenml.core.repo import Repository


        def names():
            repo = Repository()
            return repo.get_pipelines(stack_key="local"), Repository().get_pipelines(stack_name="s", sort_by="name")
        """
    )
    found = [(f.span.line, f.message.split(" in ZenML")[0]) for f in findings_of(code) if f.code == "ZM003"]
    assert found == [(6, "`get_pipelines` takes no `sort_by=`")]
