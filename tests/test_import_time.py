"""ZM461 (fails-at-import): which module-level statements become inert, what is declined, and that
the fix is honest (counts = lines written, re-scan clean, a second run changes nothing)."""

import ast
import textwrap

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source


def _src(text: str) -> str:
    return textwrap.dedent(text).lstrip()


def _codes(text: str, code="ZM461"):
    return [f for f in scan_source(_src(text), "m.py") if f.code == code]


def _fixed(text: str, unsafe=True):
    result = fix_source(_src(text), "m.py", unsafe=unsafe)
    assert result.error is None, result.error
    ast.parse(result.text)
    assert fix_source(result.text, "m.py", unsafe=unsafe).text == result.text  # a second run changes nothing
    return result


CALLED_AT_IMPORT = """
    from zenml.enums import StackComponentType
    from zenml.repository import Repository
    from zenml.stack import Stack


    def build(name):
        return Stack(name=name, orchestrator=None, metadata_store=None, artifact_store=None)


    def names():
        return [c.name for c in Repository().get_stack_components(StackComponentType.ORCHESTRATOR)]


    STACKS = {kind: build(kind) for kind in ("dev", "prod")}
    KINDS = ("dev", "prod")
"""


def test_a_statement_calling_a_function_that_fails_becomes_inert_and_others_stay():
    found = _codes(CALLED_AT_IMPORT)
    assert [f.span.line for f in found] == [14]
    assert "calls `build()`" in found[0].message
    result = _fixed(CALLED_AT_IMPORT)
    assert "# STACKS = {kind: build(kind) for kind in (\"dev\", \"prod\")}" in result.text
    assert "\nSTACKS = _RemovedInZenML020(" in result.text
    assert '\nKINDS = ("dev", "prod")' in result.text
    assert result.applied["ZM461"] == 1


def test_a_name_bound_again_by_a_kept_statement_is_clean_again():
    text = """
        from zenml.repository import Repository

        name = Repository().active_profile_name
        name = "default"
        print(name)
    """
    assert [f.span.line for f in _codes(text)] == [3]


def test_a_dependent_chain_and_a_statement_that_binds_nothing():
    text = """
        from zenml.repository import Repository

        repo = Repository()
        profile = repo.active_profile
        url = profile.store_url
        print("store:", url)
        print("done")
    """
    assert [f.span.line for f in _codes(text)] == [4, 5, 6]
    result = _fixed(text)
    assert result.text.count("# TODO(zenml-migrate): ZM461 ") == 3 == len([t for t in result.fix_todos if t[1] == "ZM461"])
    assert '# print("store:", url)\nprint("done")' in result.text
    rescan = scan_source(result.text, "m.py")
    assert not [f for f in rescan if f.code in ("ZM461", "ZM401")], rescan


def test_a_module_whose_statements_only_bind_names_is_a_safe_fix():
    # replaces test_safe_level_only_marks_it (deliberately): `STACKS = {k: build(k) ...}` only binds a name,
    # from a function that only builds a value: safe, --fix writes what --unsafe-fixes writes
    (finding,) = _codes(CALLED_AT_IMPORT)
    assert finding.fix == "safe" and "unsafe fix here" not in finding.message
    result = _fixed(CALLED_AT_IMPORT, unsafe=False)
    assert "\nSTACKS = _RemovedInZenML020(" in result.text
    assert result.text == _fixed(CALLED_AT_IMPORT).text


# (a print was the effect until showing a value became safe: see the test below)
WITH_AN_EFFECT = """
    from ops import publish
    from zenml.repository import Repository

    repo = Repository()
    profile = repo.active_profile
    url = profile.store_url
    publish("store:", url)
    print("done")
"""

ONLY_SHOWS = """
    import logging

    from zenml.repository import Repository

    logger = logging.getLogger(__name__)
    repo = Repository()
    print("profile:", repo.active_profile_name)
    logger.info("store %s", repo.active_profile.store_url)
    repo.active_stack.metadata_store.uri
    print("done")
"""


def test_a_statement_that_only_shows_a_value_0_20_lacks_is_commented_out_at_the_safe_level():
    found = _codes(ONLY_SHOWS)
    assert [f.fix for f in found] == ["safe"] * 3, found
    result = _fixed(ONLY_SHOWS, unsafe=False)
    assert result.text.count("# TODO(zenml-migrate): ZM461 ") == 3
    assert '# print("profile:", repo.active_profile_name)\n' in result.text and 'print("done")' in result.text
    assert "_RemovedInZenML020" not in result.text
    # a print whose arguments call something that may have effects stays unsafe
    effect = ONLY_SHOWS.replace('print("profile:", repo.active_profile_name)', 'print(publish(repo.active_profile_name))')
    assert {f.fix for f in _codes(effect)} == {"unsafe"}


def test_safe_level_only_marks_a_module_where_a_statement_does_more_than_bind_names():
    found = _codes(WITH_AN_EFFECT)
    assert [f.fix for f in found] == ["unsafe"] * 3
    assert all("(an unsafe fix here: it goes with a statement that calls `publish(...)`" in f.message for f in found[:2]), found
    assert "(an unsafe fix here: this statement calls `publish(...)`: commented out, what" in found[2].message
    result = _fixed(WITH_AN_EFFECT, unsafe=False)
    assert "_RemovedInZenML020" not in result.text
    assert result.text.count("# TODO(zenml-migrate): ZM461 ") == 3
    # --fix then --unsafe-fixes writes what --unsafe-fixes alone writes
    assert fix_source(result.text, "m.py", unsafe=True).text == _fixed(WITH_AN_EFFECT).text


UNSAFE_SHAPES = {
    "a call with an effect in the value": ("name = register(Repository().active_profile_name)\n", "calls `register(...)`"),
    "an item assignment": ("config = {}\nconfig['p'] = Repository().active_profile_name\n", "assigns to an attribute or item"),
    "a change in place": ("names = []\nnames += [Repository().active_profile_name]\n", "changes a value in place"),
    "a loop": ("for n in Repository().active_profile_name:\n    pass\n", "is a `for` statement"),
    "a function with an effect": (
        "def build():\n    print('building')\n    return Repository().active_profile_name\n\n\nname = build()\n",
        "calls `build(...)`",
    ),
}


def test_a_statement_that_does_more_than_bind_names_is_an_unsafe_fix():
    for what, (body, says) in UNSAFE_SHAPES.items():
        found = _codes("from zenml.repository import Repository\n\n" + body)
        assert found and all(f.fix == "unsafe" for f in found), what
        assert says in found[-1].message, (what, found[-1].message)


def test_a_reason_that_fails_on_one_release_only_is_an_unsafe_fix():
    (found,) = _codes("from zenml.client import Client\n\ncomponents = Client().stack_components\n")  # a 0.20.0 member
    assert found.fix == "unsafe" and "this statement fails on one ZenML 0.20 release only (ZM004)" in found.message


def test_binding_from_zenml_classes_builtins_and_pure_functions_is_safe():
    text = """
        import os

        from zenml.enums import StackComponentType
        from zenml.integrations.kubeflow.orchestrators import KubeflowOrchestrator
        from zenml.repository import Repository


        def build(kind):
            context = os.getenv("CTX", "k3d")
            return KubeflowOrchestrator(name=kind, kubernetes_context=context)


        PROFILE: str = Repository().active_profile_name
        ORCHESTRATORS = {kind: build(kind) for kind in sorted(["dev", "prod"])}
        KINDS = frozenset({StackComponentType.ORCHESTRATOR, StackComponentType.METADATA_STORE})
        FIRST, *REST = list(ORCHESTRATORS)
    """
    found = _codes(text)
    # line 15: ZM113's own safe fix drops the member from the set literal (no ZM461 needed there)
    assert [f.span.line for f in found] == [13, 14, 16]
    assert {f.fix for f in found} == {"safe"}, found
    result = _fixed(text, unsafe=False)
    assert "\nFIRST = REST = _RemovedInZenML020(" in result.text
    assert "\nKINDS = frozenset({StackComponentType.ORCHESTRATOR})\n" in result.text


def test_a_removed_import_still_used_by_a_function_gets_a_stub_and_an_unused_one_goes():
    text = """
        from zenml.container_registries import DefaultContainerRegistry
        from zenml.metadata_stores import SQLiteMetadataStore

        store = SQLiteMetadataStore(uri="m.db")


        def registry():
            return DefaultContainerRegistry(uri="localhost:5000")
    """
    result = _fixed(text)
    # the registry's import: ZM460 (its only use is in a function); the metadata store's: ZM461
    assert "from zenml.metadata_stores" not in result.text and "SQLiteMetadataStore = " not in result.text
    assert "# store = SQLiteMetadataStore(uri=\"m.db\")" in result.text
    reexported = text + '\n        __all__ = ["SQLiteMetadataStore", "store"]\n'
    result = _fixed(reexported)
    assert "\nSQLiteMetadataStore = _RemovedInZenML020(" in result.text


def test_every_use_of_the_stub_raises_with_the_reason():
    """An attribute, a call, iteration, an item, and also repr/str/bool (``print(x)``, an f-string,
    ``if x:``): a value 0.20 cannot build is never used silently."""
    result = _fixed("""
        from zenml.metadata_stores import SQLiteMetadataStore

        store = SQLiteMetadataStore(uri="m.db")
    """)
    namespace = {}
    exec(compile(result.text.replace("from zenml.metadata_stores import SQLiteMetadataStore\n", ""), "m.py", "exec"), namespace)
    store = namespace["store"]
    uses = [
        lambda: store.uri, lambda: store(), lambda: list(store), lambda: store["k"], lambda: repr(store),
        lambda: str(store), lambda: f"{store}", lambda: print(store), lambda: bool(store), lambda: "x" in store,
    ]
    for use in uses:
        with pytest.raises(NotImplementedError, match="`store` cannot be built on ZenML 0.20"):
            use()


DECLINED = {
    "a class body": """
        from zenml.metadata_stores import SQLiteMetadataStore

        store = SQLiteMetadataStore(uri="m.db")


        class Config:
            default = store
    """,
    "a decorator": """
        from zenml.repository import Repository

        profile = Repository().active_profile_name


        @register(profile)
        def f():
            pass
    """,
    "a try statement": """
        from zenml.repository import Repository

        profile = Repository().active_profile_name
        try:
            print(profile.upper())
        except KeyError:
            pass
    """,
    "two statements on one line": """
        from zenml.repository import Repository

        profile = Repository().active_profile_name; ok = 1
    """,
}


def test_declined_when_a_definition_a_try_or_a_shared_line_would_change():
    for what, text in DECLINED.items():
        assert not _codes(text), what
        assert _codes(text, "ZM401") or _codes(text, "ZM312"), what  # the finding stays for a human


def test_main_guard_and_functions_are_left_alone():
    text = """
        from zenml.repository import Repository


        def profile():
            return Repository().active_profile_name


        if __name__ == "__main__":
            print(Repository().active_profile_name)
    """
    assert not _codes(text)


def test_suppressed_inline():
    text = """
        from zenml.repository import Repository

        profile = Repository().active_profile_name  # migrate: ignore[ZM461]
    """
    assert not _codes(text)


def test_other_findings_inside_a_commented_statement_are_resolved_by_it():
    # claims: a finding commented out with the statement is not "left for a human" (a re-scan cannot see it); its
    # advice is in the ZM461 TODO (ZM114 at a use of a removed flavor constant; ZM401 in a lambda body)
    text = """
        from zenml.integrations.kubeflow import KUBEFLOW_METADATA_STORE_FLAVOR, KUBEFLOW_ORCHESTRATOR_FLAVOR
        from zenml.repository import Repository

        KFP_FLAVORS = {"orchestrator": KUBEFLOW_ORCHESTRATOR_FLAVOR, "metadata_store": KUBEFLOW_METADATA_STORE_FLAVOR}
        PROFILE = (Repository().active_profile_name, lambda: Repository().active_profile)
    """
    found = [f for f in scan_source(_src(text), "m.py") if f.code in ("ZM114", "ZM401")]
    assert len(found) == 4 and all(f.resolved_by == "ZM461" and f.fix == "safe" for f in found), found
    result = _fixed(text, unsafe=False)
    assert result.remaining == [] and result.todo_lines == 0
    assert "(ZM114: flavor constant/name removed" in result.text.split("# KFP_FLAVORS =")[0].splitlines()[-1]
    assert not [f for f in scan_source(result.text, "m.py") if f.fix is not None or f.code in ("ZM114", "ZM401")]


CROSS_MODULE = {
    "pkg/__init__.py": "",
    "pkg/constants.py": """
        from zenml.constants import ENV_ZENML_DEBUG, ENV_ZENML_PROFILE_NAME
        from zenml.enums import StackComponentType

        REQUIRED = {StackComponentType.METADATA_STORE}  # alone in the set: ZM113 cannot drop it
        ENV_VARS = [ENV_ZENML_DEBUG, ENV_ZENML_PROFILE_NAME]
        DEBUG = ENV_ZENML_DEBUG
    """,
    "audit.py": """
        import os

        from pkg.constants import DEBUG, ENV_VARS, REQUIRED

        for kind in REQUIRED:
            os.environ.setdefault(str(kind), "required")
        values = {k: os.getenv(k) for k in ENV_VARS}
        print(DEBUG)
    """,
}


def _migrate(cwd, *args):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "zenml_migrate", *args, "--no-cache"], cwd=str(cwd),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    return proc


def _tree(root, files):
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(_src(text) if text else "")
    return {p: (root / p).read_text() for p in files}


def test_a_module_using_at_import_a_name_another_module_stubs_is_planned_too(tmp_path):
    # the importer iterates a set that its module binds to a stub: it failed at import as well (a loop that
    # does more than show values: unsafe)
    one, two = tmp_path / "one", tmp_path / "two"
    _tree(one, CROSS_MODULE)
    _tree(two, CROSS_MODULE)
    scan = _migrate(one, "scan", ".").stdout
    assert "audit.py:5:1: ZM461 This module-level statement uses `REQUIRED`" in scan and "is a `for` statement" in scan
    assert "audit.py:7:1: ZM461" in scan and "audit.py:8" not in scan  # DEBUG is kept: a constant 0.20 has
    _migrate(one, "code", "--fix", ".")
    assert "_RemovedInZenML020" in (one / "pkg/constants.py").read_text()
    assert "_RemovedInZenML020" not in (one / "audit.py").read_text()  # unsafe: only its TODO lines
    _migrate(one, "code", "--fix", "--unsafe-fixes", ".")
    _migrate(two, "code", "--fix", "--unsafe-fixes", ".")
    after = {p: (two / p).read_text() for p in CROSS_MODULE}
    assert after == {p: (one / p).read_text() for p in CROSS_MODULE}  # --fix then --unsafe-fixes == --unsafe-fixes
    assert "# for kind in REQUIRED:\n#     os.environ.setdefault(str(kind), \"required\")\nkind = _RemovedInZenML020(" in after["audit.py"]
    assert "\nprint(DEBUG)\n" in after["audit.py"]
    assert "nothing to rewrite" in _migrate(two, "code", "--fix", "--unsafe-fixes", ".").stderr


DYNAMIC_IMPORTS = """
    import importlib

    profile_module = __import__("zenml.config.profile_config", fromlist=["ProfileConfiguration"])
    store_cls = getattr(importlib.import_module("zenml.metadata_stores"), "SQLiteMetadataStore")
"""


def test_a_zenml_module_imported_by_name_only_builds_a_value():
    # __import__ / importlib.import_module of a zenml module load it as an import statement does: the
    # statements only bind names (safe); importing a user's module by name runs its code (unsafe)
    assert [f.fix for f in _codes(DYNAMIC_IMPORTS)] == ["safe"] * 2
    result = _fixed(DYNAMIC_IMPORTS, unsafe=False)
    assert result.text.count("# TODO(zenml-migrate): ZM461 ") == 2 and "_RemovedInZenML020(" in result.text
    user = DYNAMIC_IMPORTS + '    plugins = importlib.import_module("acme.plugins").load(profile_module)\n'
    assert {f.fix for f in _codes(user)} == {"unsafe"}


STACK_LISTING = """
    from zenml.repository import Repository

    repo = Repository()
    for name, cfg in repo.stack_configurations.items():
        if cfg:
            print(name, cfg)
    print("done")
"""


def test_a_loop_that_only_shows_a_value_with_an_unsafe_fix_of_its_own_is_commented_out_at_fix():
    # ZM430's rewrite of `stack_configurations` is unsafe: `--fix` left the loop and the module failed at import
    # on 0.20, with a quiet re-scan. ZM461 takes it at the safe level, at every level (--fix then --unsafe-fixes
    # writes what --unsafe-fixes alone writes)
    (found,) = _codes(STACK_LISTING)
    assert found.fix == "safe" and found.span.line == 4 and "ZM430" in found.message
    (zm430,) = _codes(STACK_LISTING, "ZM430")
    assert zm430.fix == "safe" and zm430.resolved_by == "ZM461"
    safe = _fixed(STACK_LISTING, unsafe=False)
    assert "# for name, cfg in repo.stack_configurations.items():\n#     if cfg:\n#         print(name, cfg)\n" in safe.text
    assert "\nname = cfg = _RemovedInZenML020(" in safe.text and '\nprint("done")\n' in safe.text
    assert safe.applied["ZM461"] == 1 and scan_source(safe.text, "m.py") == []  # the re-scan: nothing left
    assert fix_source(safe.text, "m.py", unsafe=True).text == safe.text == _fixed(STACK_LISTING).text


def test_a_loop_with_an_unsafe_fix_of_its_own_that_does_more_keeps_that_fix():
    # the loop registers what it reads: ZM461 would be unsafe too, so ZM430's own rewrite stays the fix
    text = STACK_LISTING.replace("print(name, cfg)", "repo.activate_stack(name)")
    assert not [f for f in _codes(text) if "ZM430" in f.message]
    (zm430,) = _codes(text, "ZM430")
    assert zm430.fix == "unsafe" and zm430.resolved_by is None
    assert "s.components.items()" in _fixed(text).text
    # in a function (runs later) ZM430's own rewrite is the fix too
    (zm430,) = _codes("from zenml.repository import Repository\n\n\ndef show():\n    return Repository().stack_configurations\n", "ZM430")
    assert zm430.fix == "unsafe" and zm430.resolved_by is None


ENUM_BY_NAME = """
    from zenml import enums
    from zenml.enums import StackComponentType as T

    KIND = T["METADATA_STORE"]
    LOCAL = getattr(enums, "StoreType")["LOCAL"]
    KEPT = T["ORCHESTRATOR"]
"""


def test_an_enum_member_0_20_removed_looked_up_by_its_name_fails_at_import():
    # `StackComponentType["METADATA_STORE"]` is a KeyError on 0.20: ZM113 reports it (no fix: a string), ZM461
    # comments the statement out; a member 0.20 kept is not reported
    found = [f for f in scan_source(_src(ENUM_BY_NAME), "m.py") if f.code == "ZM113"]
    assert [f.span.line for f in found] == [4, 5] and all("looked up by its name" in f.message for f in found)
    assert all(f.resolved_by == "ZM461" for f in found)
    safe = _fixed(ENUM_BY_NAME, unsafe=False)
    assert '# KIND = T["METADATA_STORE"]' in safe.text and '\nKEPT = T["ORCHESTRATOR"]\n' in safe.text
    assert scan_source(safe.text, "m.py") == []


SHOWN_IN_AN_F_STRING = """
    from zenml.repository import Repository

    repo = Repository()
    print(f"Active profile: {repo.active_profile_name}")
    for name, cfg in repo.stack_configurations.items():
        print(name, {str(kind): component for kind, component in cfg.items()})
    print(f"Active stack: {repo.active_stack_name}")
"""


def test_a_value_shown_in_an_f_string_or_through_a_mapping_view_is_only_shown():
    # before Python 3.12 the literal parts of an f-string carry the whole f-string's position: the profile read in
    # `{...}` was taken for a name inside a string annotation (never run), so no ZM461, and the module failed at
    # import on 0.20 after --fix; `cfg.items()` in the printed comprehension made the loop "call" something
    found = _codes(SHOWN_IN_AN_F_STRING)
    assert [(f.span.line, f.fix) for f in found] == [(4, "safe"), (5, "safe")]
    safe = _fixed(SHOWN_IN_AN_F_STRING, unsafe=False)
    assert '# print(f"Active profile: {repo.active_profile_name}")' in safe.text
    assert '\nprint(f"Active stack: {repo.active_stack_model.name}")\n' in safe.text
    assert scan_source(safe.text, "m.py") == [] and _fixed(SHOWN_IN_AN_F_STRING).text == safe.text


LOOP_VARIABLE_AGAIN = """
    from zenml.enums import StackComponentType
    from zenml.repository import Repository

    repo = Repository()
    summary = {}
    for kind in [StackComponentType.ORCHESTRATOR]:
        summary[kind.value] = [c.name for c in repo.get_stack_components(kind)]
    for stack_name, configuration in repo.stack_configurations.items():
        for kind, component_name in configuration.items():
            summary.setdefault(stack_name, []).append((kind, component_name))
    print(kind)
"""


def test_a_loop_reading_its_own_variable_is_no_reader_of_a_stubbed_name():
    # the first loop becomes inert (ZM405) and binds `kind` to a stub; the second loop binds `kind` itself before
    # reading it, so it is no dependent: ZM430's own rewrite stays its fix (and the last print reads its `kind`)
    found = {f.span.line: f for f in _codes(LOOP_VARIABLE_AGAIN)}
    assert sorted(found) == [6], found
    (zm430,) = _codes(LOOP_VARIABLE_AGAIN, "ZM430")
    assert zm430.fix == "unsafe" and zm430.resolved_by is None
    result = _fixed(LOOP_VARIABLE_AGAIN)
    assert "s.components.items()" in result.text and "\n    for kind, component_name in configuration.items():\n" in result.text


TRACKER_FACTORY = """
    import zenml.integrations.wandb.wandb_step_decorator as wandb_steps

    # the team's wandb conventions, applied to steps built later
    track = wandb_steps.enable_wandb(settings={"project_name": "sweeps"})
"""


def test_a_decorator_built_without_a_step_only_builds_a_value():
    # enable_wandb(settings=...) with no step returns the decorator (held-out 10 r07): commenting the
    # statement out drops nothing, so --fix does it and the module imports on 0.20 (it was unsafe:
    # 'calls enable_wandb(...)', and the module failed after --fix); applied to a step it is ZM208's port.
    # Read through its module (a name imported from it is defined by the module instead: next test).
    (found,) = [f for f in _codes(TRACKER_FACTORY) if f.span.line == 4]
    assert found.fix == "safe", found
    result = _fixed(TRACKER_FACTORY, unsafe=False)
    assert '# track = wandb_steps.enable_wandb(settings={"project_name": "sweeps"})\n' in result.text
    assert "track = _RemovedInZenML020(" in result.text and "import zenml" not in result.text.split("# track")[0]


def test_a_decorator_factory_imported_by_name_keeps_working():
    # held-out 33 r02: `from ... import enable_wandb` kept as a value (here: called for a decorator to
    # apply later) is defined by the module in 0.20 terms, so `track` still configures the steps it
    # decorates instead of raising NotImplementedError where it is used
    text = TRACKER_FACTORY.replace("import zenml.integrations.wandb.wandb_step_decorator as wandb_steps",
                                   "from zenml.integrations.wandb.wandb_step_decorator import enable_wandb")
    text = text.replace("wandb_steps.enable_wandb(", "enable_wandb(")
    assert not [f for f in _codes(text) if f.span.line == 4]
    result = _fixed(text, unsafe=False)
    assert '\ntrack = enable_wandb(settings={"project_name": "sweeps"})\n' in result.text and "_RemovedInZenML020" not in result.text
    assert "\ndef enable_wandb(_step=None, **options):\n" in result.text and "wandb_step_decorator" not in result.text


SANITY_ASSERT = """
    from zenml.enums import StackComponentType
    from zenml.secrets_managers import BaseSecretsManager


    class EnvSecretsManager(BaseSecretsManager):
        FLAVOR = "env"


    assert EnvSecretsManager.TYPE == StackComponentType.SECRETS_MANAGER
"""


def test_an_assert_that_only_checks_values_is_commented_out_at_fix():
    # a custom component module's sanity check (held-out 10 custom_secrets_alerter): the class has no
    # TYPE on 0.20 (AttributeError at import); an assert of reads only checks (python -O drops it), so
    # --fix comments it out and the module imports; one that calls something stays unsafe
    (found,) = [f for f in _codes(SANITY_ASSERT) if f.span.line == 9]
    assert found.fix == "safe", found
    assert "# assert EnvSecretsManager.TYPE == StackComponentType.SECRETS_MANAGER\n" in _fixed(SANITY_ASSERT, unsafe=False).text
    calls = SANITY_ASSERT.replace("assert EnvSecretsManager.TYPE == StackComponentType.SECRETS_MANAGER",
                                  "assert registry.add(EnvSecretsManager.TYPE)")  # a user's call: what it does would be dropped
    assert {f.fix for f in _codes(calls) if f.span.line == 9} == {"unsafe"}, _codes(calls)


def test_findings_on_reads_of_a_stubbed_import_in_later_code_go_with_the_stub():
    """``lambda: MySQLMetadataStore(...)`` / a function calling it keep their lines after the fix (the
    name is the stub): their findings go with the stub (the ZM461 TODO carries the reason), so the
    fix leaves no TODO there that a re-scan would not see (held-out 19 click_stack_builder)."""
    text = """
        from zenml.enums import StackComponentType
        from zenml.metadata_stores import MySQLMetadataStore, SQLiteMetadataStore as Lite

        TYPES = (StackComponentType.METADATA_STORE, StackComponentType.ORCHESTRATOR)
        MAKERS = [lambda host: MySQLMetadataStore(host=host, port=3306), lambda: Lite.FLAVOR]


        def local(uri):
            return Lite(name="local", uri=uri)


        def shadowed(Lite):
            return Lite(name="not zenml's")
    """
    found = scan_source(_src(text), "m.py")
    uses = [f for f in found if f.code == "ZM312" and f.span.line > 2]
    assert [f.span.line for f in uses] == [5, 5, 9], found
    assert all(f.resolved_by == "ZM461" and f.fix == "safe" for f in uses), uses
    result = _fixed(text, unsafe=False)
    assert not result.remaining and "ZM312 metadata" not in result.text, result.text
    assert "    return Lite(name=\"not zenml's\")" in result.text
    assert not [f for f in scan_source(result.text, "m.py") if f.code != "ZM461"], result.text


BODY_NOT_RUN = """
    from contextlib import contextmanager

    from zenml.repository import Repository
    from zenml.steps import step


    @step
    def inspect_store() -> str:
        return Repository().active_stack.metadata_store.uri


    @contextmanager
    def store_session():
        yield Repository().active_stack.metadata_store


    async def remote_uri() -> str:
        return Repository().active_stack.metadata_store.uri


    def build():
        return inspect_store()


    STEP = build()
    SESSION = store_session()
    PENDING = remote_uri()
"""


def test_a_call_that_does_not_run_the_failing_body_is_no_failure_at_import():
    # calling a @step builds the step, a @contextmanager function builds the context manager, an async function
    # builds a coroutine: the failing body does not run at import (the module imports on 0.20 after --fix)
    assert _codes(BODY_NOT_RUN) == []
    assert [f.code for f in _codes(BODY_NOT_RUN, "ZM310")] == ["ZM310"] * 3


def test_a_loop_over_component_classes_reading_flavor_is_made_inert_at_the_unsafe_level():
    # held-out 17 r06: '[cls.FLAVOR for cls in DEPLOYERS.values()]' at import failed on 0.20.0 after
    # both fix levels. ZM423 there has no fix (each item is another class); the statement fails at
    # import, so ZM461 comments it out, unsafe: 0.20.5's model deployers and data validators have a
    # FLAVOR (their Flavor class), where it may run. Own input: a tuple of two model deployers (a
    # comprehension over classes one of which lacks FLAVOR on 0.20.5 too is safe: the comprehension tests
    # below and test_oldapi_leftovers.py).
    from zenml_migrate.api import scan_source
    from zenml_migrate.fix.fixer import fix_source

    text = (
        "from zenml.integrations.mlflow.model_deployers import MLFlowModelDeployer\n"
        "from zenml.integrations.seldon.model_deployers import SeldonModelDeployer\n\n"
        "OPERATORS = (MLFlowModelDeployer, SeldonModelDeployer)\n"
        "NAMES = {op.FLAVOR: op for op in OPERATORS}\n"
    )
    found = {f.code: f for f in scan_source(text)}
    assert found["ZM461"].fix == "unsafe" and found["ZM461"].span.line == 5
    assert "reads what ZM423 reports, which on ZenML 0.20.5 exists for model deployer" in found["ZM461"].message
    assert found["ZM423"].resolved_by == "ZM461"
    fixed = fix_source(text, unsafe=True).text
    assert "# NAMES = {op.FLAVOR: op for op in OPERATORS}\nNAMES = _RemovedInZenML020(" in fixed, fixed
    assert "_RemovedInZenML020(" not in fix_source(text).text  # --fix leaves it, with its TODO


GONE_MATERIALIZER_AT_IMPORT = """
    from zenml.steps import step
    from zenml.materializers.beam_materializer import BeamMaterializer as Beam


    @step
    def tokens() -> list:
        return ["a", "b"]


    TOKENS = tokens().with_return_materializers({"output": Beam})
"""


def test_an_unsafe_fix_inside_a_statement_zm461_comments_out_goes_with_the_comment():
    # ZM210 would split the statement in two (`TOKENS = tokens()` + `TOKENS.configure(...)`) while
    # ZM461 comments it out: both at --unsafe-fixes left the gone name read at import (the module
    # still failed) and four false claims (fixed/left counts); the comment takes the ZM210 finding
    found = scan_source(_src(GONE_MATERIALIZER_AT_IMPORT), "m.py")
    zm210 = [f for f in found if f.code == "ZM210"]
    assert len(zm210) == 1 and zm210[0].resolved_by == "ZM461" and zm210[0].fix == "unsafe"
    result = _fixed(GONE_MATERIALIZER_AT_IMPORT)
    assert '# TOKENS = tokens().with_return_materializers({"output": Beam})' in result.text
    assert "\nTOKENS = _RemovedInZenML020(" in result.text
    assert "TOKENS.configure(" not in result.text
    assert result.applied["ZM210"] == 1 and result.applied["ZM461"] == 2
    assert not [f for f in scan_source(result.text, "m.py") if f.fix]
    safe = _fixed(GONE_MATERIALIZER_AT_IMPORT, unsafe=False)
    assert "with_return_materializers" in safe.text and not safe.applied.get("ZM210")


def test_a_stubbed_name_only_stored_as_a_default_or_annotation_of_a_plain_def_is_no_use():
    # ``def open_store(kind=DEFAULT_KIND)`` defines the function: nothing reads the stub until a
    # call uses the default (which raises, with the reason); a decorator may read it (declined)
    text = """
        from zenml.enums import StoreType

        DEFAULT_KIND = StoreType.LOCAL


        def open_store(url: str, kind: StoreType = DEFAULT_KIND, *, backup=DEFAULT_KIND) -> str:
            return f"{kind.value}://{url}"


        class Stores:
            def pick(self, kind=DEFAULT_KIND) -> "StoreType":
                return kind
    """
    (zm461,) = _codes(text)
    assert zm461.span.line == 3
    result = _fixed(text)
    assert 'DEFAULT_KIND = _RemovedInZenML020("zenml-migrate: `DEFAULT_KIND` cannot be built' in result.text
    assert "def open_store(url: str, kind: StoreType = DEFAULT_KIND, *, backup=DEFAULT_KIND) -> str:\n" in result.text
    assert "    def pick(self, kind=DEFAULT_KIND)" in result.text
    namespace = {}
    exec(compile(result.text.replace("from zenml.enums import StoreType\n", "StoreType = object\n"), "m.py", "exec"), namespace)
    with pytest.raises(NotImplementedError, match="`DEFAULT_KIND` cannot be built on ZenML 0.20"):
        namespace["open_store"]("db")
    decorated = text.replace("        def open_store", "        @register\n        def open_store")
    assert not _codes(decorated)
    # more than a bare name runs with the def: the stub's attribute, call or str() would raise at import
    for used in ("kind=DEFAULT_KIND.value", "kind=str(DEFAULT_KIND)", "kind=[DEFAULT_KIND][0].value"):
        assert not _codes(text.replace("kind=DEFAULT_KIND) -> ", used + ") -> ")), used


def test_stdlib_calls_that_only_build_a_value_keep_the_fix_safe():
    # the working directory, the user name, dates: reads and constructors, nothing the program relied on is lost
    # when the statement that fails on 0.20 anyway is commented out (held-out 25 r03)
    text = """
        import getpass
        from datetime import datetime, timedelta
        from pathlib import Path

        from zenml.metadata_stores import SQLiteMetadataStore

        STORE = SQLiteMetadataStore(uri=str(Path.cwd() / f"{getpass.getuser()}-mlmd.db"))
        WINDOW = (datetime.utcnow() - timedelta(days=7), SQLiteMetadataStore(uri="archive.db"))
    """
    found = _codes(text)
    assert [f.span.line for f in found] == [5, 7, 8]
    assert {f.fix for f in found} == {"safe"}, [f.message for f in found]
    result = _fixed(text, unsafe=False)
    assert "# STORE = SQLiteMetadataStore(" in result.text and "# WINDOW = (datetime.utcnow()" in result.text
    assert result.text.startswith("import getpass\nfrom datetime import datetime, timedelta\n")


def test_a_call_that_does_more_than_build_a_value_stays_unsafe():
    text = """
        import os

        from zenml.metadata_stores import SQLiteMetadataStore

        STORE = SQLiteMetadataStore(uri=os.makedirs("mlmd", exist_ok=True) or "mlmd/m.db")
    """
    assert {f.fix for f in _codes(text)} == {"unsafe"}


REGISTRY_OF_STUBBED_VALUES = """
    from zenml.integrations.kubeflow.orchestrators import KubeflowOrchestrator
    from zenml.integrations.mlflow.mlflow_environment import MLFlowEnvironment
    from zenml.orchestrators import LocalOrchestrator
    from zenml.pipelines import pipeline
    from zenml.steps import step


    @step
    def trainer() -> int:
        return 1


    @pipeline
    def train(trainer):
        trainer()


    ORCHESTRATORS = {
        "kubeflow": KubeflowOrchestrator(name="kf_prod", kubernetes_context="gke_ml"),
        "local": LocalOrchestrator(name="local"),
    }
    RUNS = {"train": train(trainer=trainer()), "env": MLFlowEnvironment()}


    def all_flavors():
        return [o.FLAVOR for o in ORCHESTRATORS.values()]


    def nightly(name):
        RUNS["train"].run(run_name="nightly")
        pipe = RUNS[name]
        pipe.run(run_name="daily")


    def own_values():
        RUNS = {"train": train(trainer=trainer())}
        RUNS["train"].run(run_name="mine")


    def bound_twice(label):
        pipe = train(trainer=trainer())
        pipe.run(run_name="own")
        seen = "x" if RUNS else "y"
        pipe = RUNS.get(label)


    if __name__ == "__main__":
        with RUNS["train"] as p:
            p.run(run_name="main")
"""


def test_findings_on_values_read_through_a_stubbed_name_go_with_the_stub():
    """A dict of 0.5-0.12 component objects / old integration classes that ZM461 stubs: what later
    code reads through it (an item, a loop or comprehension over its values, a local name bound
    from it, the keywords of a call on it) raises at the stub once fixed, and a re-scan no longer
    sees it as zenml's: the findings go with the stub, so 'left for a human' is what the re-scan
    reports. A local name bound again in a function is the function's own value."""
    found = scan_source(_src(REGISTRY_OF_STUBBED_VALUES), "m.py")
    derived = [(f.code, f.span.line) for f in found if f.code in ("ZM420", "ZM250") and f.resolved_by == "ZM461"]
    assert derived == [("ZM420", 26), ("ZM250", 30), ("ZM250", 49)], found
    # `pipe` is also bound from a value of its own (before the stubbed read): its run is no stub's
    kept = [(f.code, f.span.line) for f in found if f.fix is None and f.resolved_by is None]
    assert kept == [("ZM250", 37), ("ZM250", 42)], found
    result = _fixed(REGISTRY_OF_STUBBED_VALUES, unsafe=True)
    rescan = [(f.code, f.span.line) for f in scan_source(result.text, "m.py") if f.fix is None]
    assert sorted(f.code for f in result.remaining) == sorted(code for code, _ in rescan) == ["ZM250", "ZM250"], (result.remaining, rescan)


PIPELINE_RUN_AT_IMPORT = """
    from zenml.pipelines import pipeline
    from zenml.steps import StepContext, step


    @step
    def loader() -> int:
        return 1


    @step
    def trainer(context: StepContext, x: int) -> int:
        return len(context.metadata_store.uri) + x


    @pipeline
    def dag_pipeline(loader, trainer):
        trainer(x=loader())


    BUILT = dag_pipeline(loader=loader(), trainer=trainer())
    DAG = dag_pipeline(loader=loader(), trainer=trainer()).run()
    FINE = dag_pipeline(loader=loader(), trainer=loader()).run()
"""


def test_a_pipeline_run_at_import_fails_with_the_steps_it_runs():
    """ZenML 0.6-0.8's Airflow DAG files run the pipeline at import (``DAG = p(...).run()``): the
    body of each step it is built from runs then, so a step that fails on 0.20 makes the module
    fail at import. Building the pipeline runs no step; a run of steps that work is no failure."""
    found = _codes(PIPELINE_RUN_AT_IMPORT)
    assert [(f.span.line, f.fix) for f in found] == [(21, "unsafe")], found
    assert "runs a pipeline with the step `trainer`, whose body fails on ZenML 0.20" in found[0].message, found
    result = _fixed(PIPELINE_RUN_AT_IMPORT, unsafe=True)
    assert "# DAG = dag_pipeline(loader=loader(), trainer=trainer()).run()" in result.text, result.text
    assert "\nBUILT = dag_pipeline(" in result.text and "\nFINE = dag_pipeline(" in result.text, result.text


SIDEBAR = """
    import streamlit as st

    from zenml.repository import Repository

    repo = Repository()
    st.sidebar.markdown(f"**Profile**: {repo.active_profile_name}")
    st.write("runs")
"""


def test_a_streamlit_sidebar_display_of_a_value_0_20_lacks_is_only_shown():
    # held-out 30 r05 (a dashboard page showing `repo.active_profile_name` in `st.sidebar.write(...)` at import): the
    # sidebar's display functions were taken for calls with effects, so only --unsafe-fixes made the page import.
    # 0.20 has no value that is the active profile (the nearest, the active project, is another thing): nothing
    # can be shown instead, so the line goes under its TODO like a print. Own input: `st.sidebar.markdown`.
    found = _codes(SIDEBAR)
    assert [(f.span.line, f.fix) for f in found] == [(6, "safe")], found
    safe = _fixed(SIDEBAR, unsafe=False)
    assert '# st.sidebar.markdown(f"**Profile**: {repo.active_profile_name}")\n' in safe.text
    assert '\nst.write("runs")\n' in safe.text and "_RemovedInZenML020" not in safe.text
    # a sidebar widget returns the user's input (not a display): commenting it out would drop a value
    widget = SIDEBAR.replace("st.sidebar.markdown(", "choice = st.sidebar.selectbox(")
    assert {f.fix for f in _codes(widget)} == {"unsafe"}


ANNOTATED_DEF = """
    from zenml.metadata_stores import MySQLMetadataStore

    STORE_KIND = MySQLMetadataStore.TYPE if hasattr(MySQLMetadataStore, "TYPE") else "mysql"


    def host_of(store: MySQLMetadataStore, default: str = "localhost") -> str:
        return store.host or default


    def build() -> MySQLMetadataStore:
        return None
"""


def test_a_def_whose_annotations_name_a_stubbed_import_does_not_stop_the_module_from_importing():
    # held-out 33 p19 components.py (`def uri_of(store: SQLiteMetadataStore)` next to module-level uses): a def's
    # bare-name annotation runs at import, so ZM461 gave up the whole module ("a definition would have to change")
    # and both fix levels left it failing on 0.20. The stub is only stored as the annotation: the def runs; the
    # findings on the annotation and on what the body reads through the annotated parameter go with the stub.
    found = scan_source(_src(ANNOTATED_DEF), "m.py")
    assert {(f.code, f.fix) for f in found if f.code == "ZM461"} == {("ZM461", "safe")}, found
    in_defs = [f for f in found if f.span.line >= 6 and f.code != "ZM461"]
    assert in_defs and all(f.resolved_by == "ZM461" for f in in_defs), in_defs
    safe = _fixed(ANNOTATED_DEF, unsafe=False)
    assert "def host_of(store: MySQLMetadataStore, default: str = \"localhost\") -> str:\n" in safe.text
    assert "MySQLMetadataStore = _RemovedInZenML020(" in safe.text
    assert scan_source(safe.text, "m.py") == []
    # a decorator may read the annotations (`@step` reads the signature): the module is left as it was
    decorated = ANNOTATED_DEF.replace("    def host_of(", "    @lru_cache()\n    def host_of(").replace(
        "    from zenml", "    from functools import lru_cache\n    from zenml", 1)
    assert [f for f in scan_source(_src(decorated), "m.py") if f.code == "ZM461"] == []


@pytest.mark.parametrize("classes", [
    "(KubeflowOrchestrator, AirflowOrchestrator)",  # no FLAVOR on any 0.20 release
    "(MLFlowModelDeployer, AirflowOrchestrator)",  # the comprehension reads both: the second fails everywhere
])
def test_a_comprehension_reading_flavor_where_no_020_has_it_is_made_inert_by_the_safe_fix(classes):
    # held-out 33 r03: `{cls.FLAVOR: cls for cls in (MLFlowExperimentTracker, WandbExperimentTracker)}`
    # made every ZM461 stub of its module unsafe ("reads what ZM423 reports, which on ZenML 0.20.5
    # exists for model deployer and data validator classes: it may run there"), though no
    # experiment tracker has a FLAVOR on 0.20.5: the module failed at import after --fix.
    from zenml_migrate.api import scan_source
    from zenml_migrate.fix.fixer import fix_source

    text = (
        "from zenml.integrations.airflow.orchestrators import AirflowOrchestrator\n"
        "from zenml.integrations.kubeflow.orchestrators import KubeflowOrchestrator\n"
        "from zenml.integrations.mlflow.model_deployers import MLFlowModelDeployer\n"
        "from zenml.metadata_stores import SQLiteMetadataStore\n\n"
        f"BY_FLAVOR = {{o.FLAVOR: o for o in {classes}}}\n"
        "STORE = SQLiteMetadataStore\n"
    )
    found = [f for f in scan_source(text) if f.code == "ZM461"]
    assert found and all(f.fix == "safe" for f in found), [(f.fix, f.message) for f in found]
    fixed = fix_source(text).text
    assert "\nBY_FLAVOR = _RemovedInZenML020(" in fixed and "\nSTORE = _RemovedInZenML020(" in fixed, fixed


@pytest.mark.parametrize("container", [
    "import types\n\nSTORES = types.SimpleNamespace(local=SQLiteMetadataStore, remote=MySQLMetadataStore)\n",
    "from collections import OrderedDict, ChainMap\n\nSTORES = ChainMap(OrderedDict(local=SQLiteMetadataStore), {'remote': MySQLMetadataStore})\n",
    "from functools import partial\n\nmake_local = partial(SQLiteMetadataStore, uri='/tmp/mlmd.db')\n",
    "from types import MappingProxyType as frozen\n\nSTORES = frozen({'local': SQLiteMetadataStore, 'remote': MySQLMetadataStore})\n",
])
def test_a_standard_container_of_a_removed_class_is_made_inert_by_the_safe_fix(container):
    """Held-out 33 r04: a module-level ``types.SimpleNamespace(...)`` (or another stdlib
    container, or a ``functools.partial``) of removed classes was "calls ...: what that call does
    would be silently dropped" (unsafe), so the module failed at import after ``--fix``; such a
    call only holds what it is given (nothing runs), so the safe fix makes it inert."""
    text = "from zenml.metadata_stores import MySQLMetadataStore, SQLiteMetadataStore\n" + container
    found = [f for f in scan_source(text) if f.code == "ZM461"]
    assert found and all(f.fix == "safe" for f in found), [(f.fix, f.message) for f in found]
    fixed = fix_source(text).text
    assert "= _RemovedInZenML020(" in fixed and "metadata_stores" not in fixed.split("class _RemovedInZenML020")[0], fixed


def test_a_call_of_a_function_reading_a_name_an_inert_statement_stubs_is_made_inert_too():
    # held-out 53 s05 inventory.py: `ALL = store.flavors` (ZM004) became a stub, and `print(summary())` below, whose
    # function reads that stub, stayed: the module still failed at import after both fix levels (TypeError: the
    # stub has no len()). A function that reads a name an inert statement above binds fails when called from then on.
    text = _src(
        """
        from zenml.client import Client

        store = Client().zen_store
        NAMES = sorted(store.stack_configurations)


        def report() -> str:
            return ", ".join(NAMES)


        def title() -> str:
            return "stacks"


        TITLE = title()
        print(report())
        """
    )
    found = [(f.span.line, f.fix) for f in scan_source(text, "m.py") if f.code == "ZM461"]
    assert found == [(4, "unsafe"), (16, "unsafe")], found
    fixed = fix_source(text, "m.py", unsafe=True).text
    assert "\n# print(report())\n" in fixed and "\nTITLE = title()\n" in fixed, fixed
    assert scan_source(fixed, "m.py") == []


def test_the_stub_raises_not_implemented_error_for_len_as_its_todo_says():
    # held-out 53 s05 inventory.py: `len(STUB)` raised TypeError ("has no len()"), where the TODO and the stub's
    # docstring say that using it raises NotImplementedError
    from zenml_migrate.rules.import_time import STUB, STUB_EXAMPLE

    space: dict = {}
    exec(STUB_EXAMPLE, space)
    stub = space[STUB]("zenml-migrate: gone")
    for use in (len, iter, str, bool, lambda s: s.name, lambda s: s[0], lambda s: s()):
        with pytest.raises(NotImplementedError):
            use(stub)


def test_a_call_at_import_of_a_method_of_the_module_s_own_class_whose_body_fails_is_made_inert():
    # held-out 50 s08 (`REPO = ProjectRepository()` then `print(REPO.summary())`, the method reading
    # `self.active_profile_name`): ZM461 took calls of the module's functions only, so the module still failed
    # at import after --fix. A method is called through an instance bound once at module level, the class,
    # `self` in another method; one made only of code that builds a value is pure, as a function is.
    text = _src(
        """
        from zenml.repository import Repository


        class Inventory:
            def __init__(self):
                self.repo = Repository()

            def profile(self):
                return self.repo.active_profile_name

            def label(self):
                return "inventory of " + self.profile()

            @staticmethod
            def store_kind():
                return Repository().active_profile_name

            def unused(self):
                return self.profile()


        INVENTORY = Inventory()
        LABEL = INVENTORY.label()
        KIND = Inventory.store_kind()
        SIZE = len("abc")
        """
    )
    found = [(f.span.line, f.fix) for f in scan_source(text, "m.py") if f.code == "ZM461"]
    assert found == [(23, "safe"), (24, "safe")], found
    fixed = fix_source(text, "m.py", unsafe=False).text
    assert "\n# LABEL = INVENTORY.label()\n" in fixed and "\n# KIND = Inventory.store_kind()\n" in fixed, fixed
    assert "\nINVENTORY = Inventory()\n" in fixed and '\nSIZE = len("abc")\n' in fixed, fixed
    assert [f.code for f in scan_source(fixed, "m.py")] == ["ZM401", "ZM401"]  # the method bodies: for a human
    # a method whose call does more than build a value (here: builds the instance) stays an unsafe fix
    found = [(f.span.line, f.fix) for f in scan_source(text + "OWNER = Inventory().label()\n", "m.py") if f.code == "ZM461"]
    assert (26, "unsafe") in found, found


def test_a_parenthesised_import_in_an_if_block_whose_gone_name_is_below_the_from_line_gets_its_stub():
    # /tmp/fixargs18/repros/inblock_multiline.py: the in-block stub was offered only when a finding's own line
    # started a zenml import, so `from zenml... import (\n    enable_wandb as with_wandb,\n)` kept its finding for
    # a human and the module failed on 0.20 in that branch.
    text = _src(
        """
        import os

        if os.environ.get("WITH_WANDB"):
            from zenml.integrations.wandb.wandb_step_decorator import (
                enable_wandb as with_wandb,
            )
        else:
            with_wandb = None


        def decorate(fn):
            return with_wandb(fn) if with_wandb else fn
        """
    )
    found = [(f.span.line, f.fix) for f in scan_source(text, "m.py") if f.code == "ZM461"]
    assert found == [(5, "safe")], found
    fixed = fix_source(text, "m.py", unsafe=False).text
    assert "import (" not in fixed and "\n    with_wandb = _RemovedInZenML020(" in fixed, fixed
    assert scan_source(fixed, "m.py") == []


FAILS_WHEN_DEFINED = """
    from zenml.config.global_config import GlobalConfiguration
    from zenml.enums import StackComponentType


    class Paths:
        ROOT = "/srv/ml"
        PROFILE_DIR = ROOT + "/" + GlobalConfiguration().active_profile_name


    def route(path):
        def wrap(fn):
            return fn
        return wrap


    @route("/" + StackComponentType.METADATA_STORE.value)
    def metadata_page():
        return "ok"


    HOME = Paths.ROOT
    INDEX = route("/")(lambda: "index")
"""


def test_a_class_or_def_whose_definition_fails_on_020_is_commented_out_whole_at_the_unsafe_level():
    # held-out 60 p09 (redteam19's proposal): a class body, a decorator or a default value that evaluates a value
    # 0.20 cannot build (a profile read, a removed enum member) fails when the module defines it: ZM461 declined
    # the whole module ("a definition would have to change"), so it failed at import after both fix levels.
    # Now the definition goes as a class with a removed base goes: commented out whole, its name bound to the
    # stub, at --unsafe-fixes (what it defined is dropped until a human ports it); --fix only marks it.
    found = _codes(FAILS_WHEN_DEFINED)
    assert [(f.span.line, f.fix) for f in found] == [(5, "unsafe"), (17, "unsafe"), (21, "unsafe")], found
    assert "this statement is a `class` statement: commented out" in found[0].message
    fixed = _fixed(FAILS_WHEN_DEFINED).text
    assert "\n# class Paths:\n" in fixed and '\n# @route("/" + StackComponentType.METADATA_STORE.value)\n# def metadata_page():\n' in fixed
    assert "this statement fails on ZenML 0.20 (ZM902: profiles are gone in ZenML 0.20" in fixed  # what and why
    assert "\ndef route(path):\n" in fixed and '\nINDEX = route("/")(lambda: "index")\n' in fixed, fixed
    namespace = {}
    exec(compile("\n".join(ln for ln in fixed.splitlines() if not ln.startswith("from zenml")), "m.py", "exec"), namespace)
    assert namespace["INDEX"]() == "index"
    for name in ("Paths", "metadata_page", "HOME"):
        with pytest.raises(NotImplementedError, match=f"`{name}` cannot be built on ZenML 0.20"):
            namespace[name]()
    safe = _fixed(FAILS_WHEN_DEFINED, unsafe=False).text
    assert "_RemovedInZenML020" not in safe and "\nclass Paths:\n" in safe and safe.count("# TODO(zenml-migrate): ZM461 ") == 3
    # --fix wrote the findings' TODO lines inside the class body and above the decorator: --unsafe-fixes then
    # writes what it writes alone (the commented-out statement takes them)
    assert fix_source(safe, "m.py", unsafe=True).text == fixed


def test_a_string_value_a_rule_matches_fails_nothing_at_import():
    # redteam24: ``os.environ.get("ZENML_PROFILE_NAME")`` (ZM902 matches the variable's name)
    # reads a variable 0.20 ignores; nothing raises, so the statement stays and its name works
    text = """
        import os

        from zenml.repository import Repository

        PROFILE = os.environ.get("ZENML_PROFILE_NAME", "default")
        STACK = os.getenv("ZENML_ACTIVATED_STACK") or Repository().active_stack.name
    """
    assert _codes(text) == []
    assert [f.span.line for f in _codes(text, "ZM902")] == [5, 6]
    result = _fixed(text)
    assert 'PROFILE = os.environ.get("ZENML_PROFILE_NAME", "default")\n' in result.text
    assert "_RemovedInZenML020" not in result.text and "ZM461" not in result.applied
