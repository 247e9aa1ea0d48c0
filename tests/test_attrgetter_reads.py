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


class _Facts(dict):
    """Project facts that fail when walked key by key: the getter check looks its fact up."""

    def __iter__(self):
        raise AssertionError("the project facts were walked")


def test_a_getter_fact_is_looked_up_not_searched():
    """A module that imports no ``operator`` follows another module's getter by its fact (one
    lookup), and a call of anything else reads no fact: the check once walked every project fact
    (~12,000 in the benchmark's tree) in each file with a one-argument call."""
    from zenml_migrate.scan.detect import rule_index
    from zenml_migrate.scan.file_scan import FileJob, ScanContext, scan_bytes

    job_text = "from lib.getters import runtime_of\nfrom zenml.repository import Repository\n\n\ndef options(repo: Repository):\n    return runtime_of(repo), len(repo), str(repo)\n"
    facts = _Facts({"lib.getters.runtime_of.__attrgetter__": "active_stack.runtime_options", "lib.getters.runtime_of": "operator.attrgetter"})
    ctx = ScanContext(rule_index(all_rules()), facts, {"lib", "lib.getters"})
    result = scan_bytes(FileJob("job.py", "py", "job"), job_text.encode(), ctx)
    assert [(f.span.line, f.code) for f in result.findings if f.code != "ZM108"] == [(6, "ZM408")]
    plain = job_text.replace("runtime_of(repo), ", "")
    result = scan_bytes(FileJob("job.py", "py", "job"), plain.encode(), ScanContext(rule_index(all_rules()), _Facts({"lib.x": "zenml.steps"}), {"lib"}))
    assert [f.code for f in result.findings if f.code != "ZM108"] == []
