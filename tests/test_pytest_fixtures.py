"""pytest fixtures as values (``scan/pytest_fixtures.py``): an unannotated parameter of a test
function or of a fixture is the value of the fixture of that name, found as pytest finds it
(the same module, else the nearest conftest.py in the test's folder or above), also in a test
file that never mentions zenml."""

import textwrap
from pathlib import Path

from zenml_migrate.rules import all_rules
from zenml_migrate.scan.engine import ScanSettings, run_scan

TREE = {
    "conftest.py": """
        import pytest
        from zenml.repository import Repository


        @pytest.fixture(scope="module", name="zen")
        def _zen_repository():
            repository = Repository()
            yield repository
    """,
    # no zenml here: a fixture built on the parent conftest's fixture
    "suite/unit/conftest.py": """
        from pytest import fixture


        @fixture
        def components(zen):
            return zen.active_stack
    """,
    "suite/unit/test_things.py": """
        import pytest


        def test_profile(zen):
            assert zen.active_profile_name


        class TestStack:
            def test_store(self, components):
                assert components.metadata_store is not None


        class TestOwnFixture:
            @pytest.fixture
            def zen(self):
                return {"active_profile_name": "b"}

            def test_mine(self, zen):
                assert zen.active_profile_name


        def test_default(zen, components=None):
            assert components.metadata_store is None


        @pytest.mark.parametrize("zen", [{"active_profile_name": "a"}])
        def test_given(zen):
            assert zen.active_profile_name


        def helper(zen):
            return zen.active_profile_name
    """,
    # a fixture of the test module itself hides the conftest's
    "suite/other/test_local.py": """
        import pytest


        @pytest.fixture
        def zen():
            return {"active_profile_name": "x"}


        def test_own(zen):
            assert zen.active_profile_name
    """,
    # a nearer conftest's fixture of that name hides the root one
    "suite/plain/conftest.py": """
        from types import SimpleNamespace

        import pytest


        @pytest.fixture(name="zen")
        def fake_repository():
            return SimpleNamespace(active_profile_name="ci")
    """,
    "suite/plain/test_hidden.py": """
        def test_hidden(zen):
            assert zen.active_profile_name
    """,
    # the same names outside the conftest's folder: pytest passes them nothing
    "../elsewhere/test_far.py": """
        def test_far(zen):
            assert zen.active_profile_name
    """,
}


def _write(root: Path) -> None:
    for rel, text in TREE.items():
        path = root / "repo" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))


def _scan(root: Path, monkeypatch, paths, workers=1):
    monkeypatch.chdir(root)
    report = run_scan(list(paths), ScanSettings(rules=all_rules(), workers=workers))
    assert not report.diagnostics, report.diagnostics
    return sorted((Path(f.path).as_posix(), f.span.line, f.code) for f in report.findings if "test_" in f.path)


def test_untyped_fixture_parameters_read_the_conftest_fixture_values(tmp_path, monkeypatch):
    _write(tmp_path)
    assert _scan(tmp_path, monkeypatch, ["repo", "elsewhere"]) == [
        ("repo/suite/unit/test_things.py", 5, "ZM401"),  # the root conftest's fixture, renamed by name=
        ("repo/suite/unit/test_things.py", 10, "ZM310"),  # a method of a Test class; a fixture of a fixture
    ]


def test_fixture_facts_do_not_depend_on_the_folder_the_scan_starts_in(tmp_path, monkeypatch):
    _write(tmp_path)
    found = _scan(tmp_path / "repo", monkeypatch, ["."], workers=2)
    assert found == [("suite/unit/test_things.py", 5, "ZM401"), ("suite/unit/test_things.py", 10, "ZM310")]


MARKED = {
    "conftest.py": """
        import pytest
        from zenml.repository import Repository


        @pytest.fixture
        def zen():
            return Repository()
    """,
    # pytest gives these parameters the marks' values, not the conftest's fixture: no finding, so
    # no safe fix that would turn a fake's active_profile_name into a member it lacks
    "test_module_marks.py": """
        import pytest

        pytestmark = [pytest.mark.slow, pytest.mark.parametrize("zen", [{"active_profile_name": "m"}])]


        def test_module_mark(zen):
            assert zen.active_profile_name
    """,
    "test_class_marks.py": """
        import pytest


        @pytest.mark.parametrize(argnames=["zen"], argvalues=[({"active_profile_name": "c"},)])
        class TestDecorated:
            def test_class_decorator(self, zen):
                assert zen.active_profile_name


        class TestBodyMark:
            pytestmark = pytest.mark.parametrize("n, zen", [(1, {"active_profile_name": "b"})])

            def test_class_body_mark(self, n, zen):
                assert zen.active_profile_name


        class TestPlain:
            def test_plain(self, zen):
                assert zen.active_profile_name
    """,
    "test_alias_mark.py": """
        import pytest

        cases = pytest.mark.parametrize


        @cases("zen", [{"active_profile_name": "a"}])
        def test_alias(zen):
            assert zen.active_profile_name
    """,
    "test_generated.py": """
        def pytest_generate_tests(metafunc):
            if "zen" in metafunc.fixturenames:
                metafunc.parametrize("zen", [{"active_profile_name": "g"}])


        def test_generated(zen):
            assert zen.active_profile_name
    """,
}


def test_parameters_a_mark_or_hook_gives_values_are_not_the_fixture_of_their_name(tmp_path, monkeypatch):
    for rel, text in MARKED.items():
        path = tmp_path / "repo" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    # only the test of a class without a mark reads the conftest's Repository
    assert _scan(tmp_path / "repo", monkeypatch, ["."]) == [("test_class_marks.py", 19, "ZM401")]


OVERRIDES = {
    "conftest.py": MARKED["conftest.py"],
    "integration/conftest.py": """
        import pytest


        @pytest.fixture
        def zen(zen):
            zen.activate_profile("integration")
            return zen
    """,
    "integration/test_stacks.py": """
        import pytest


        @pytest.fixture
        def zen(zen):
            return zen


        def test_stack_name(zen):
            assert zen.active_stack_name


        class TestNested:
            @pytest.fixture
            def zen(self, zen):
                return zen

            def test_profiles(self, zen):
                assert zen.profiles
    """,
}


def test_a_fixture_taking_the_fixture_it_overrides_reads_the_one_farther_out(tmp_path, monkeypatch):
    # `def zen(zen)` is given the `zen` it hides (pytest): in a conftest the parent folder's, in a test
    # module the conftest's, in a class the module's. Before: the parameter was read as the fixture
    # itself (a loop: no value), and nothing below it was reported
    for rel, text in OVERRIDES.items():
        path = tmp_path / "repo" / "tests" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    monkeypatch.chdir(tmp_path / "repo")
    report = run_scan(["."], ScanSettings(rules=all_rules(), workers=1))
    found = sorted((Path(f.path).as_posix(), f.span.line, f.code) for f in report.findings if "conftest" not in f.path or "integration" in f.path)
    assert found == [
        ("tests/integration/conftest.py", 6, "ZM401"),
        ("tests/integration/test_stacks.py", 10, "ZM402"),
        ("tests/integration/test_stacks.py", 19, "ZM004"),
    ], found


HOOKED = {
    "conftest.py": MARKED["conftest.py"],
    "unit/conftest.py": """
        def pytest_generate_tests(metafunc):
            if "zen" in metafunc.fixturenames:
                metafunc.parametrize("zen", ["git@example.com:team/a.git", "git@example.com:team/b.git"])
    """,
    "unit/test_urls.py": """
        def test_url(zen):
            assert zen.split(":")[0] and zen.get_pipelines is not None
    """,
    "other/test_runs.py": """
        def test_pipelines(zen):
            assert zen.get_pipelines() is not None
    """,
}


def test_a_conftest_pytest_generate_tests_hook_may_parametrize_any_argument_below_it(tmp_path, monkeypatch):
    # as a hook in the test module itself: the parameters of the tests below that conftest are not
    # read as the fixture of their name (here they are URLs); a test beside them still is
    for rel, text in HOOKED.items():
        path = tmp_path / "repo" / "tests" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    assert _scan(tmp_path / "repo", monkeypatch, ["."]) == [("tests/other/test_runs.py", 2, "ZM302")]


def test_a_factory_fixture_returning_a_closure_gives_what_the_closure_returns(tmp_path, monkeypatch):
    """``@pytest.fixture def last_run(): def _last(name): return Repository().get_pipeline(name).runs[-1];
    return _last`` in a conftest: ``last_run("p")`` in a test is a run (its step's ``parameters``
    are JSON strings on 0.20: ZM308); so in the conftest's own module."""
    files = {
        "conftest.py": """
            import pytest
            from zenml.repository import Repository


            @pytest.fixture
            def last_run():
                def _last(pipeline_name):
                    return Repository().get_pipeline(pipeline_name).runs[-1]

                return _last
        """,
        "tests/test_runs.py": """
            def test_params(last_run):
                run = last_run("training")
                step = run.get_step(name="trainer")
                assert step.parameters["lr"] == 5
        """,
    }
    for rel, text in files.items():
        path = tmp_path / "repo" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    assert _scan(tmp_path, monkeypatch, ["repo"]) == [("repo/tests/test_runs.py", 4, "ZM308")]
