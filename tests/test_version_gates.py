"""The branch of a ZenML version gate that runs on neither 0.20 release is the user's legacy
code, kept for the older ZenML it supports: no finding there, and ``--fix`` leaves it as
written (scan/version_gate.py). The same for the ``try`` of a shim written the other way round
(``try: <0.13 import> / except ImportError: <0.20 import>``, import_fallback.legacy_try)."""

import ast
import textwrap
from pathlib import Path

import pytest

from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules import all_rules
from zenml_migrate.scan.engine import ScanSettings, run_scan
from zenml_migrate.scan.version_gate import Gates


def _write(root: Path, files) -> None:
    for rel, text in files.items():
        (root / rel).write_text(textwrap.dedent(text).lstrip("\n"))


def _scan(root: Path, monkeypatch):
    monkeypatch.chdir(root)
    report = run_scan(["."], ScanSettings(rules=all_rules(), workers=1))
    assert not report.diagnostics, report.diagnostics
    return sorted((f.path, f.span.line, f.code) for f in report.findings)


def _unchanged_by_fix(code: str) -> None:
    code = textwrap.dedent(code).lstrip("\n")
    result = fix_source(code, "m.py")
    assert result.error is None
    assert result.text == code, result.text


DIST_GATE = """
    from importlib.metadata import version as dist_version

    from packaging.version import Version

    NEW_ZENML = Version(dist_version("zenml")) >= Version("0.20")

    if NEW_ZENML:
        from zenml.client import Client

        def stack() -> str:
            return Client().active_stack_model.name

    else:
        from zenml.repository import Repository

        def stack() -> str:
            return Repository().active_stack_name
    """


def test_the_legacy_branch_of_a_gate_is_no_finding_and_stays(tmp_path, monkeypatch):
    _write(tmp_path, {"stacks.py": DIST_GATE})
    assert _scan(tmp_path, monkeypatch) == []
    _unchanged_by_fix(DIST_GATE)


ALIASED_VERSION = """
    from packaging.version import Version
    from zenml import __version__ as zenml_version

    LEGACY = Version(zenml_version) < Version("0.20.0")

    if LEGACY:
        from zenml.steps import BaseStepConfig as Params
    else:
        from zenml.steps import BaseParameters as Params


    class TrainParams(Params):
        lr: float = 0.1


    def last_run(name):
        if LEGACY:
            from zenml.repository import Repository

            return Repository().get_pipeline(name).runs[-1]
        from zenml.post_execution import get_pipeline

        return get_pipeline(name).runs[-1]
    """


def test_a_gate_on_zenml_version_imported_under_another_name_is_a_gate(tmp_path, monkeypatch):
    """``from zenml import __version__ as zenml_version`` then ``Version(zenml_version) < ...``:
    the same gate as ``zenml.__version__`` (heldout121 repros/r2_aliased_version_gate)."""
    _write(tmp_path, {"compat.py": ALIASED_VERSION})
    assert _scan(tmp_path, monkeypatch) == []
    _unchanged_by_fix(ALIASED_VERSION)


EARLY_RETURN = """
    import pkg_resources

    OLD_ZENML = pkg_resources.get_distribution("zenml").version.startswith("0.1")


    def params_base():
        if OLD_ZENML:
            from zenml.steps import BaseStepConfig

            return BaseStepConfig
        from zenml.steps import BaseParameters

        return BaseParameters


    def last_run(name):
        if not OLD_ZENML:
            from zenml.post_execution import get_pipeline

            return get_pipeline(name).runs[-1]
        from zenml.repository import Repository

        return Repository().get_pipeline(pipeline_name=name).runs[-1]
    """


def test_a_gate_inside_a_function_leaves_only_the_code_0_20_runs(tmp_path, monkeypatch):
    _write(tmp_path, {"compat_fns.py": EARLY_RETURN})
    found = _scan(tmp_path, monkeypatch)
    # the if-branch of OLD_ZENML, and the code after ``if not OLD_ZENML: ... return``, run on 0.13 only
    assert found == [], found
    _unchanged_by_fix(EARLY_RETURN)


def test_a_gate_in_another_module_is_followed(tmp_path, monkeypatch):
    _write(
        tmp_path,
        {
            "zen_compat.py": """
                import zenml

                ZENML_MINOR = int(zenml.__version__.split(".")[1])
                IS_LEGACY = ZENML_MINOR < 20
            """,
            "docker_opts.py": """
                from zen_compat import IS_LEGACY

                if not IS_LEGACY:
                    from zenml.config import DockerSettings

                    OPTS = {"settings": {"docker": DockerSettings(requirements=["pandas"])}}
                else:
                    from zenml.config.docker_configuration import DockerConfiguration

                    OPTS = {"docker_configuration": DockerConfiguration(requirements=["pandas"])}
            """,
        },
    )
    assert _scan(tmp_path, monkeypatch) == []


CONDITIONAL = """
    import zenml
    from zenml.repository import Repository

    ZENML_020 = zenml.__version__.startswith("0.20")

    if ZENML_020:
        from zenml.post_execution import get_pipeline


    def runs_of(name: str):
        view = get_pipeline(name) if ZENML_020 else Repository().get_pipeline(pipeline_name=name)
        return view.runs


    def stack_name(repo) -> str:
        return repo.active_stack_model.name if ZENML_020 else Repository().active_stack_name


    LEGACY_CLIENT = Repository().get_pipelines if not ZENML_020 else None
    """


def test_the_legacy_arm_of_a_conditional_expression_is_no_finding(tmp_path, monkeypatch):
    _write(tmp_path, {"dual.py": CONDITIONAL})
    # the deprecated alias imported for both releases is reported; nothing in the 0.13.2 arms
    assert _scan(tmp_path, monkeypatch) == [("dual.py", 2, "ZM108")]
    fixed = fix_source(textwrap.dedent(CONDITIONAL).lstrip("\n"), "dual.py").text
    assert "else Repository().get_pipeline(pipeline_name=name)" in fixed, fixed
    assert "else Repository().active_stack_name" in fixed and "Repository().get_pipelines if not" in fixed, fixed


def test_a_conditional_expression_on_no_gate_is_judged_in_both_arms(tmp_path, monkeypatch):
    _write(tmp_path, {"env.py": """
        import os

        from zenml.repository import Repository


        def stack_name() -> str:
            return "local" if os.environ.get("CI") else Repository().active_stack_name
        """})
    assert {c for _, _, c in _scan(tmp_path, monkeypatch)} == {"ZM108", "ZM402"}


FLAG_GATE = """
    import zenml
    from packaging import version

    LEGACY = False
    if version.parse(zenml.__version__) < version.parse("0.20"):
        LEGACY = True

    if LEGACY:
        from zenml.steps import BaseStepConfig as StepParams
    else:
        from zenml.steps import BaseParameters as StepParams


    class TrainerParams(StepParams):
        lr: float = 0.1
    """

PROBE_GATE = """
    try:
        from zenml.steps import BaseParameters

        ZENML_020 = True
    except ImportError:  # ZenML 0.13
        ZENML_020 = False

    if ZENML_020:
        StepParams = BaseParameters
    else:
        from zenml.steps import BaseStepConfig as StepParams


    class TrainerParams(StepParams):
        lr: float = 0.1
    """


@pytest.mark.parametrize("code", [FLAG_GATE, PROBE_GATE], ids=["set-under-a-gate", "set-by-an-import-probe"])
def test_a_flag_set_only_where_0_20_never_runs_is_a_gate(code, tmp_path, monkeypatch):
    """``LEGACY = False`` then ``LEGACY = True`` under a version gate (or ``ZENML_020 = True`` in
    a ``try`` of 0.20 imports, ``False`` in its ``except ImportError:``): the name is bound more
    than once, yet on 0.20 only one value is ever seen."""
    _write(tmp_path, {"params.py": code})
    assert _scan(tmp_path, monkeypatch) == []
    _unchanged_by_fix(code)


def test_a_flag_gate_is_followed_into_another_module(tmp_path, monkeypatch):
    _write(tmp_path, {"compat.py": PROBE_GATE, "steps.py": """
        from compat import ZENML_020

        if not ZENML_020:
            from zenml.steps import BaseStepConfig as Config
        """})
    assert _scan(tmp_path, monkeypatch) == []


def test_a_flag_also_set_where_0_20_runs_is_no_gate(tmp_path, monkeypatch):
    _write(tmp_path, {"params.py": FLAG_GATE.replace("        LEGACY = True\n", "        LEGACY = True\n    LEGACY = bool(__debug__)\n")})
    assert {c for _, _, c in _scan(tmp_path, monkeypatch)} == {"ZM101"}


def test_a_test_that_differs_between_0_20_releases_is_no_gate(tmp_path, monkeypatch):
    code = """
        import zenml
        from packaging import version

        if version.parse(zenml.__version__) >= version.parse("0.20.3"):
            HAS_FIX = True
        else:
            from zenml.repository import Repository

            HAS_FIX = Repository() is None
        """
    _write(tmp_path, {"patch_level.py": code})
    assert [c for _, _, c in _scan(tmp_path, monkeypatch)] == ["ZM108", "ZM108"]


def test_legacy_code_in_the_0_20_branch_is_still_reported(tmp_path, monkeypatch):
    code = """
        import zenml

        if zenml.__version__ >= "0.20":
            from zenml.repository import Repository

            def runs(name):
                return Repository().get_pipeline(name).runs
        """
    _write(tmp_path, {"wrong_branch.py": code})
    assert {c for _, _, c in _scan(tmp_path, monkeypatch)} >= {"ZM108", "ZM301"}


def test_a_shim_written_the_other_way_round_keeps_its_try(tmp_path, monkeypatch):
    code = """
        try:
            from zenml.steps import BaseStepConfig as StepParams
        except ImportError:
            from zenml.steps import BaseParameters as StepParams


        class TrainerParams(StepParams):
            lr: float = 0.1
        """
    _write(tmp_path, {"params.py": code})
    assert _scan(tmp_path, monkeypatch) == []
    _unchanged_by_fix(code)


def test_an_optional_import_of_the_old_spelling_is_still_reported(tmp_path, monkeypatch):
    code = """
        try:
            from zenml.steps import BaseStepConfig
        except ImportError:
            BaseStepConfig = object


        class TrainerParams(BaseStepConfig):
            lr: float = 0.1
        """
    _write(tmp_path, {"params.py": code})
    assert {c for _, _, c in _scan(tmp_path, monkeypatch)} == {"ZM101"}


#: (test, truth on 0.20.0, 0.20.5, 0.13.2); tests/test_version_gates_real_zenml.py checks each on the real releases
TESTS = [
    ('version.parse(zenml.__version__) >= version.parse("0.20.0")', (True, True, False)),
    ('version.parse(zenml.__version__) < version.parse("0.20")', (False, False, True)),
    ('zenml.__version__ < "0.20"', (False, False, True)),
    ('zenml.__version__.startswith("0.1")', (False, False, True)),
    ('tuple(int(p) for p in zenml.__version__.split(".")[:2]) >= (0, 20)', (True, True, False)),
    ('tuple(map(int, zenml.__version__.split("."))) < (0, 20, 0)', (False, False, True)),
    ('version.parse(zenml.__version__).release[:2] == (0, 13)', (False, False, True)),
    ('version.parse(zenml.__version__).minor >= 20 and version.parse(zenml.__version__).major == 0', (True, True, False)),
    ('not int(zenml.__version__.split(".")[1]) < 20', (True, True, False)),
    ('version.parse(zenml.__version__) >= version.parse("0.20.3")', (False, True, False)),
    ('LooseVersion(zenml.__version__) < LooseVersion("0.20.0")', (False, False, True)),
]
HEADER = "import zenml\nfrom packaging import version\nfrom distutils.version import LooseVersion\n"


@pytest.mark.parametrize("test, truth", TESTS)
def test_gate_truths(test, truth):
    assert gate_truth(test) == truth


def gate_truth(test: str):
    module = ast.parse(HEADER + f"GATE = {test}\n")
    value = module.body[-1].value
    bound = {"zenml": "zenml"}

    def resolve(node):
        if isinstance(node, ast.Name):
            return bound.get(node.id)
        if isinstance(node, ast.Attribute):
            base = resolve(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    return Gates(lambda: module, resolve, lambda name: None).truth(value)


def test_tests_that_are_no_gates():
    for test in ('zenml.__version__ > other', 'zenml.__version__.format(1) == "x"', 'os.getenv("V") == "1"',
                 '__import__("os").system("x") == 0', 'zenml.__version__.__class__ is str'):
        assert gate_truth(test) is None, test
