"""A ``unittest.mock`` mock specced with a zenml class (``create_autospec(C)``, ``MagicMock(spec=C)``,
``Mock(spec_set=C)``) has only the members of ``C``: a member 0.20's class lacks raises
AttributeError in the test (held-out repro r3_spec_mock_members, written anew). Such reads are
reported, with no automatic fix: a fix would rewrite the mock's plumbing
(``repo.get_pipeline.return_value = None`` is no call of zenml's ``get_pipeline``); a mock is not a
cross-file fact either (a conftest fixture's or a helper module's mock stays a mock in the tests).
The real ZenML half is tests/test_spec_mocks_real_zenml.py."""

import textwrap
from collections import Counter
from pathlib import Path

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules import all_rules
from zenml_migrate.scan.engine import ScanSettings, run_scan


def c(text: str) -> str:
    return textwrap.dedent(text).lstrip()


SUITE = c(
    """
    from unittest import mock

    import pytest
    from zenml.repository import Repository
    from zenml.steps import StepContext


    def fake_store():
        store = mock.NonCallableMagicMock(spec_set=Repository)
        store.get_pipeline.return_value = None
        return store


    @pytest.fixture
    def context():
        return mock.create_autospec(StepContext, instance=True)


    def test_reads(context):
        assert context.metadata_store.uri
        repo = fake_store()
        assert repo.get_pipeline("training") is None
        repo.get_pipelines.assert_not_called()
    """
)


def test_members_0_20_lacks_are_reported_on_a_spec_mock_without_a_fix():
    found = [(f.span.line, f.code, f.fix) for f in scan_source(SUITE, "test_suite.py")]
    assert found == [
        (4, "ZM108", "safe"),  # the spec itself: Client on 0.20
        (9, "ZM108", "safe"),
        (10, "ZM301", None),
        (20, "ZM310", None),
        (22, "ZM301", None),
        (23, "ZM302", None),
    ]
    result = fix_source(SUITE, "test_suite.py")
    assert "spec_set=Client" in result.text and 'repo.get_pipeline("training")' in result.text
    left = Counter(f.code for f in result.remaining)
    assert left == {"ZM301": 2, "ZM310": 1, "ZM302": 1}
    assert Counter(f.code for f in scan_source(result.text, "test_suite.py")) == left


def test_a_mock_is_no_cross_file_fact(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    (root / "tests").mkdir(parents=True)
    (root / "tests" / "conftest.py").write_text(c(
        """
        from unittest.mock import MagicMock

        import pytest
        from zenml.repository import Repository


        @pytest.fixture
        def repo():
            fake = MagicMock(spec=Repository)
            return fake
        """
    ))
    (root / "tests" / "doubles.py").write_text("from unittest.mock import Mock\n\nfrom zenml.repository import Repository\n\nSTORE = Mock(spec=Repository)\n")
    (root / "tests" / "test_runs.py").write_text(c(
        """
        from doubles import STORE


        def test_runs(repo):
            assert repo.get_pipeline("training") is None
            assert STORE.get_pipelines() == []
        """
    ))
    monkeypatch.chdir(root)
    report = run_scan(["."], ScanSettings(rules=all_rules(), workers=1))
    assert not [f for f in report.findings if "test_runs" in f.path and f.fix is not None]


def test_a_conftest_fixtures_spec_mock_is_read_in_the_tests_with_no_fix(tmp_path, monkeypatch):
    """gaps24 (e): a conftest fixture returning ``MagicMock(spec=Repository)`` hands the tests a mock
    with only the 0.20 class's members: ``repo.active_profile_name`` raises AttributeError on the real
    0.20.5 (``/tmp/gaps24/e/probe.py``). Before: no finding in the test module (the fixture was no
    fact at all). Now its reads are reported, with no fix (as for a mock of the test's own module);
    a fixture that is no mock keeps its fixes."""
    root = tmp_path / "repo"
    (root / "tests").mkdir(parents=True)
    (root / "tests" / "conftest.py").write_text(c(
        """
        from unittest import mock

        import pytest
        from zenml.repository import Repository


        @pytest.fixture
        def spec_repo():
            return mock.MagicMock(spec=Repository)


        @pytest.fixture
        def real_repo():
            return Repository()
        """
    ))
    (root / "tests" / "test_runs.py").write_text(c(
        """
        def test_runs(spec_repo, real_repo):
            assert spec_repo.active_profile_name
            assert spec_repo.get_pipeline("training") is None
            assert real_repo.get_pipeline("training") is None
        """
    ))
    monkeypatch.chdir(root)
    report = run_scan(["."], ScanSettings(rules=all_rules(), workers=1))
    found = sorted((f.span.line, f.code, f.fix) for f in report.findings if "test_runs" in f.path)
    assert found == [(2, "ZM401", None), (3, "ZM301", None), (4, "ZM301", "safe")]


def test_patch_object_of_a_zenml_object_and_a_name_0_20_lacks():
    """gaps24 (e): ``mock.patch.object(zenml.steps.step_context.StepContext, "metadata_store")`` and
    ``monkeypatch.setattr(Repository, "active_profile", v)`` read the attribute first: AttributeError
    on the real 0.20.0 and 0.20.5 (``/tmp/gaps24/e/probe.py``, ``probe3.py``). Before: no finding.
    Now ZM005 without a fix (the TODO is written); names 0.20 has, ``create=True`` and
    ``raising=False`` are no finding."""
    source = c(
        """
        from unittest import mock

        import zenml.steps.step_context
        from zenml.client import Client
        from zenml.repository import Repository
        from zenml.steps import step_context


        def test_ctx(monkeypatch, mocker):
            with mock.patch.object(zenml.steps.step_context.StepContext, "metadata_store", new=None):
                pass
            monkeypatch.setattr(Repository, "active_profile", None)
            mocker.patch.object(step_context, "StepEnvironment")
            mocker.patch.object(Client, "active_stack")
            mocker.patch.object(step_context.StepContext, "metadata_store", create=True)
            monkeypatch.setattr(Repository, "get_pipeline", None, raising=False)
        """
    )
    found = [(f.span.line, f.fix) for f in scan_source(source, "test_ctx.py") if f.code == "ZM005"]
    assert found == [(10, None), (12, None), (13, None)]
    result = fix_source(source, "test_ctx.py")
    assert result.text.count("TODO(zenml-migrate): ZM005") == 3


def test_the_mocks_own_members_are_no_findings():
    """``configure_mock``, ``return_value``, ``call_args``, ``assert_*``, ``attach_mock`` ... belong to every
    ``unittest.mock`` mock, whatever its spec: they work on 0.20 (review21 G4: 10 false ZM004 and 5 false TODOs)."""
    import unittest.mock

    from zenml_migrate.scan.detect import _MOCK_MEMBERS

    public = {n for cls in (unittest.mock.MagicMock, unittest.mock.NonCallableMagicMock, unittest.mock.AsyncMock)
              for n in dir(cls) if not n.startswith("_")}
    assert public <= _MOCK_MEMBERS, sorted(public - _MOCK_MEMBERS)
    source = c(
        """
        from unittest.mock import MagicMock, create_autospec

        from zenml.steps import StepContext


        def test_plumbing():
            ctx = MagicMock(spec=StepContext)
            ctx.configure_mock(name="x")
            ctx.reset_mock()
            print(ctx.call_args, ctx.call_count, ctx.method_calls, ctx.mock_calls, ctx.return_value, ctx.side_effect)
            ctx.attach_mock(MagicMock(), "child")
            other = create_autospec(StepContext, instance=True)
            other.assert_not_called()
            other.mock_add_spec(["step_name"])
            return ctx.metadata_store
        """
    )
    assert [(f.span.line, f.code) for f in scan_source(source, "test_plumbing.py")] == [(15, "ZM310")]
    result = fix_source(source, "test_plumbing.py")
    assert result.text.count("TODO") == 1


MOCKER = c(
    """
    import pytest
    from zenml.repository import Repository


    def test_with_pytest_mock(mocker):
        repo = mocker.MagicMock(spec=Repository)
        repo.get_pipeline.return_value = None
        assert repo.active_stack_name
        stack = mocker.create_autospec(Repository, instance=True).active_stack
        assert stack.metadata_store is not None


    @pytest.fixture
    def mocker():
        return object()


    class Helper:
        def build(self, mocker):
            return mocker.MagicMock(spec=Repository).active_stack_name
    """
)


def test_pytest_mock_mocker_factories_are_spec_mocks():
    # pytest-mock's `mocker.MagicMock` / `mocker.create_autospec` are unittest.mock's: the reads of
    # members 0.20's class lacks are reported, with no fix (before: nothing reported, the module has no
    # unittest.mock import). Not where `mocker` is the project's own fixture or a plain argument.
    found = [(f.span.line, f.code, f.fix) for f in scan_source(MOCKER.replace("def mocker():", "def other_fixture():")) if f.code != "ZM108"]
    assert [(line, code) for line, code, _ in found] == [(7, "ZM301"), (8, "ZM402"), (10, "ZM310")], found
    assert all(fix is None for _, _, fix in found)
    own = [(f.span.line, f.code, f.fix) for f in scan_source(MOCKER) if f.code != "ZM108"]
    assert own == [], own
