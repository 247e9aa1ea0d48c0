"""``operator.attrgetter("a.b")(obj)`` reads ``obj.a.b``: a member 0.20 removed is reported like
the attribute it spells (no automatic fix: the name is a string), also when the getter is bound
to a name here or in another project module (its ``__attrgetter__`` fact), and at module level
the statement fails at import (ZM461). A getter of several names, a rebound ``operator`` and a
getter of a non-zenml value are not guessed."""

import textwrap

from zenml_migrate.api import scan_source
from zenml_migrate.scan.engine import ScanSettings, run_scan
from zenml_migrate.rules import all_rules, select_rules
from zenml_migrate.rules.base import snippet as _c

NO_461 = select_rules(ignore=["ZM461"])

GETTERS = _c(
    """
    import operator
    from operator import attrgetter

    from zenml.repository import Repository

    user_of = attrgetter("active_user_name")


    def describe(repo: Repository):
        store = operator.attrgetter("active_stack.metadata_store")(repo)
        return user_of(repo), store.uri, attrgetter("active_stack.orchestrator")(repo).name
    """
)


def test_attrgetter_strings_are_read_as_attributes():
    found = [(f.code, f.span.line, f.fix) for f in scan_source(GETTERS, rules=NO_461) if f.code != "ZM108"]
    assert found == [("ZM310", 10, None), ("ZM403", 11, None)]
    messages = [f.message for f in scan_source(GETTERS, rules=NO_461) if f.code == "ZM403"]
    assert messages and "no automatic fix here" in messages[0]


def test_a_module_level_attrgetter_read_fails_at_import():
    text = _c(
        """
        import operator

        from zenml.repository import Repository

        PROFILE = operator.attrgetter("active_profile_name")(Repository())
        """
    )
    codes = {(f.code, f.span.line) for f in scan_source(text)}
    assert {("ZM401", 5), ("ZM461", 5)} <= codes


def test_other_getters_are_not_guessed():
    text = _c(
        """
        import operator

        from zenml.repository import Repository

        both = operator.attrgetter("active_profile_name", "active_stack_name")


        class Thing:
            active_profile_name = "x"


        def f(repo: Repository):
            return both(repo), operator.attrgetter("active_profile_name")(Thing())
        """
    )
    assert [f.code for f in scan_source(text, rules=NO_461) if f.code != "ZM108"] == []
    rebound = GETTERS.replace("import operator\nfrom operator import attrgetter\n", "operator = attrgetter = None\n")
    assert [f.code for f in scan_source(rebound, rules=NO_461) if f.code != "ZM108"] == []


def test_a_getter_of_another_module(tmp_path, monkeypatch):
    files = {
        "lib/getters.py": """
            from operator import attrgetter

            from zenml.stack import Stack

            runtime_of = attrgetter("active_stack.runtime_options")
            components_of = attrgetter("components")


            def all_components(stack: Stack):
                return components_of(stack)
        """,
        "lib/__init__.py": "",
        "job.py": """
            from lib.getters import runtime_of
            from zenml.repository import Repository


            def options(repo: Repository):
                return runtime_of(repo)
        """,
    }
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    monkeypatch.chdir(tmp_path)
    report = run_scan(["."], ScanSettings(rules=all_rules(), workers=1))
    assert not report.diagnostics
    assert [(f.path, f.span.line, f.code) for f in report.findings if f.code != "ZM108"] == [("job.py", 6, "ZM408")]
