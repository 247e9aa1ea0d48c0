"""A project's facade that re-exports zenml by a star import (``sdk/zen.py: from zenml.steps import
*``, ``sdk/__init__.py: from sdk.zen import *``, ``jobs/job.py: from sdk import BaseStepConfig``):
0.20's star import binds no ``BaseStepConfig``, so every module importing the facade failed while
the scan said nothing. The name another module imports is reported at the star import and kept
there under its old name (``from zenml.steps import BaseParameters as BaseStepConfig``)."""

from tests.scan_helpers import migrate, write_tree

JOB = "from sdk import BaseStepConfig, step\n\n\nclass JobConfig(BaseStepConfig):\n    n: int = 1\n"
ALIAS = "from zenml.steps import BaseParameters as BaseStepConfig"


def _tree(root, facade: str):
    return write_tree(root, {
        "sdk/__init__.py": "from sdk.zen import *  # noqa: F401,F403\n",
        "sdk/zen.py": facade,
        "jobs/__init__.py": "",
        "jobs/job.py": JOB,
    })


def test_a_name_imported_through_two_star_imports_is_reported_and_kept(tmp_path):
    root = _tree(tmp_path / "p", "from zenml.steps import *  # noqa: F401,F403\n")
    run = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    assert "sdk/zen.py:1:25: ZM101 [*] `BaseStepConfig` is `BaseParameters` in ZenML 0.20" in run.out, run.out
    # where Python fails on 0.20 (ImportError): resolved by the facade's fix, nothing written there
    assert "jobs/job.py:1:17: ZM101 [*] `BaseStepConfig` is `BaseParameters` in ZenML 0.20 (`sdk` has `BaseStepConfig` " in run.out
    fixed = migrate(["code", "--no-cache", "--fix", "."], root)
    assert "fixed 1 file: ZM101 x2" in fixed.out + fixed.err, fixed.out + fixed.err
    assert (root / "sdk/zen.py").read_text() == "from zenml.steps import *  # noqa: F401,F403\n" + ALIAS + "\n"
    assert (root / "jobs/job.py").read_text() == JOB
    again = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    assert again.code == 0 and "ZM101" not in again.out, again.out


def test_a_star_import_nobody_takes_a_removed_name_from_is_left_alone(tmp_path):
    root = write_tree(tmp_path / "p", {
        "sdk/__init__.py": "from sdk.zen import *  # noqa: F401,F403\n",
        "sdk/zen.py": "from zenml.steps import *  # noqa: F401,F403\n",
        "jobs/job.py": "from sdk import step\n",
    })
    run = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    assert run.code == 0, run.out


def test_an_explicit_import_re_exported_by_a_star_import_keeps_its_name(tmp_path):
    # before: `from zenml.steps import BaseParameters, step` in sdk/zen.py, and jobs/job.py's
    # `from sdk import BaseStepConfig` failed on 0.20 after --fix
    root = _tree(tmp_path / "p", "from zenml.steps import BaseStepConfig, step\n")
    migrate(["code", "--no-cache", "--fix", "."], root)
    assert (root / "sdk/zen.py").read_text() == "from zenml.steps import BaseParameters as BaseStepConfig, step\n"


LISTING = 'from zenml.steps import *  # noqa: F401,F403\n\n__all__ = ["BaseStepConfig", "step"]\n'


def test_the_star_import_of_a_facade_listing_a_name_is_reported_where_python_fails(tmp_path):
    # 0.20: `from sdk.zen import *` in sdk/__init__.py raises AttributeError (the facade's __all__
    # names BaseStepConfig, which 0.20's `from zenml.steps import *` does not bind); the facade's
    # fix resolves it there, sdk/__init__.py is not rewritten
    root = _tree(tmp_path / "p", LISTING)
    run = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    use = [line for line in run.out.splitlines() if line.startswith("sdk/__init__.py:1:1: ZM101 [*] ")]
    assert len(use) == 1 and "`from sdk.zen import *` fails here" in use[0], run.out
    assert use[0].endswith("(resolved by the ZM101 fix where it is written)"), use[0]
    assert "jobs/job.py:1:17: ZM101 [*] " in run.out, run.out  # `from sdk import BaseStepConfig` fails too
    fixed = migrate(["code", "--no-cache", "--fix", "."], root)
    assert "fixed 1 file: ZM101 x3" in fixed.out + fixed.err, fixed.out + fixed.err
    assert (root / "jobs/job.py").read_text() == JOB
    assert (root / "sdk/__init__.py").read_text() == "from sdk.zen import *  # noqa: F401,F403\n"
    assert ALIAS in (root / "sdk/zen.py").read_text()
    again = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    assert again.code == 0 and "ZM101" not in again.out, again.out


def test_a_file_whose_star_import_the_facade_fixes_and_that_only_gets_a_todo_is_marked_not_fixed(tmp_path):
    # sdk/__init__.py's ZM101 is resolved by sdk/zen.py's fix (nothing written there), and a
    # ZM310 in it gets a TODO line: the file is listed as marked with TODO lines only, as
    # tests/claims.py checks ("said 'fixed' but only TODO lines were added" before)
    root = _tree(tmp_path / "p", LISTING)
    (root / "sdk/__init__.py").write_text(
        "from zenml.steps import StepContext\n"
        "from sdk.zen import *  # noqa: F401,F403\n\n\n"
        "def store_uri(context: StepContext):\n    return context.metadata_store.uri\n"
    )
    fixed = migrate(["code", "--no-cache", "--fix", "."], root)
    out = fixed.out + fixed.err
    assert "marked sdk/__init__.py (TODO lines only)" in out and "fixed sdk/__init__.py" not in out, out
    assert "fixed sdk/zen.py" in out and "fixed 1 file: ZM101 x3" in out and "marked 1 file with TODO lines only" in out, out


def test_a_run_that_does_not_rewrite_the_facade_claims_no_fix_at_its_star_import(tmp_path):
    root = _tree(tmp_path / "p", LISTING)
    run = migrate(["scan", "--no-cache", "--format", "concise", "sdk/__init__.py"], root)
    assert "sdk/__init__.py:1:1: ZM101 `BaseStepConfig`" in run.out, run.out
    assert "(no automatic fix here: change it in `sdk.zen`)" in run.out, run.out
    jobs = migrate(["scan", "--no-cache", "--format", "concise", "jobs"], root)
    assert "jobs/job.py:1:17: ZM101 `BaseStepConfig`" in jobs.out, jobs.out
    assert "(no automatic fix here: change it where `sdk` gets it)" in jobs.out, jobs.out
    fixed = migrate(["code", "--no-cache", "--fix", "sdk/__init__.py"], root)
    assert "fixed" not in fixed.out + fixed.err and "left for a human: 1 finding (ZM101 x1)" in fixed.out + fixed.err, fixed.out
    assert "from zenml.steps import *" in (root / "sdk/zen.py").read_text() and ALIAS not in (root / "sdk/zen.py").read_text()


def test_names_a_project_star_import_binds_are_resolved_at_their_uses(tmp_path):
    # `from kit import *` where kit binds zenml names explicitly (they exist in 0.20): the uses
    # are judged as with `from kit import pipeline, ...` (TypeError / AttributeError at import on 0.20)
    root = write_tree(tmp_path / "p", {
        "kit/__init__.py": "from zenml.enums import StackComponentType\nfrom zenml.pipelines import pipeline\n\n"
        '__all__ = ["StackComponentType", "pipeline"]\n',
        "flows/__init__.py": "",
        "flows/daily.py": "from kit import *  # noqa: F401,F403\n\nKIND = StackComponentType.METADATA_STORE\n\n\n"
        "@pipeline(docker_configuration=None)\ndef daily(counter):\n    counter()\n",
    })
    run = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    assert "flows/daily.py:3:8: ZM113 " in run.out and "flows/daily.py:6:11: ZM204 " in run.out, run.out
    assert "kit/__init__.py" not in run.out, run.out


def test_asking_for_the_re_exported_names_changes_no_state():
    # the round that waits for other modules' uses is set where the star import is visited; the
    # query the fix's rename codemod makes (star_reexports) has no side effect
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan import file_scan
    from zenml_migrate.scan.detect import rule_index

    ctx = file_scan.ScanContext(rule_index(all_rules()), {}, set())
    facade = "from zenml.steps import *\n\n__all__ = ['BaseStepConfig', 'step']\n"
    job = file_scan.FileJob("sdk/zen.py", "py", "sdk.zen")
    scanned = file_scan.detect(job, facade, ctx)
    assert scanned.pending and [f.code for f in scanned.findings].count("ZM101") == 1
    tables = file_scan.detect(job, facade, ctx, walk=False)  # the fixer's detector: names only
    before = tables.pending
    assert tables.star_reexports("zenml.steps") == ["BaseStepConfig"]
    assert tables.pending == before
    plain = file_scan.detect(job, "from zenml.steps import step\n", ctx)
    assert not plain.pending


def test_a_use_of_a_name_a_project_star_import_passes_on_from_a_zenml_star_is_reported(tmp_path):
    # `from base import *` (base: `from zenml.steps import *`), and a second layer `from mid import
    # *` (mid: `from base import *`): on 0.20 `Knobs(BaseStepConfig)` raises NameError where it is
    # used; the use is reported there and resolved by base's fix (which binds the old name again)
    root = write_tree(tmp_path / "p", {
        "base.py": "from zenml.steps import *  # noqa: F401,F403\n\nLIMIT = 3\n",
        "mid.py": "from base import *  # noqa: F401,F403\n",
        "user.py": "from base import *  # noqa: F401,F403\n\n\nclass Knobs(BaseStepConfig):\n    n: int = LIMIT\n",
        "app.py": "from mid import *  # noqa: F401,F403\n\nCFG = BaseStepConfig\n\n\ndef later():\n    return step\n",
    })
    run = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    use = [line for line in run.out.splitlines() if line.startswith(("user.py:", "app.py:"))]
    assert [line.split(" ")[0] for line in use] == ["app.py:3:7:", "user.py:4:13:"], run.out
    assert "(`BaseStepConfig` comes from `from base import *`, and `from zenml.steps import *` binds it no more on 0.20)" in use[1]
    assert all(line.endswith("(resolved by the ZM101 fix where it is written)") for line in use), use
    fixed = migrate(["code", "--no-cache", "--fix", "."], root)
    assert "fixed 1 file: ZM101 x3" in fixed.out + fixed.err, fixed.out + fixed.err
    assert (root / "base.py").read_text() == "from zenml.steps import *  # noqa: F401,F403\n" + ALIAS + "\n\nLIMIT = 3\n"
    assert (root / "app.py").read_text().startswith("from mid import *  # noqa: F401,F403\n\nCFG = BaseStepConfig\n")
    again = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    assert again.code == 0 and "ZM101" not in again.out, again.out


TABLE_FACADE = (
    "import importlib\n\n_TABLE = {\n"
    '    "BaseStepConfig": ("zenml.steps", "BaseStepConfig"),\n'
    '    "Client": ("zenml.client", "Client"),\n'
    '    "Output": ("zenml.steps", "Output"),\n'
    '    "Repo": ("zenml.repository", "Repository"),\n'
    "}\nOutput = None\n\n\ndef __getattr__(attr):\n"
    "    where, name = _TABLE[attr]\n    return getattr(importlib.import_module(where), name)\n"
)


def test_a_name_a_pep562_table_gives_from_a_pair_020_lacks_is_reported_in_the_importer(tmp_path):
    # kit's module __getattr__ looks names up in _TABLE: on 0.20 `from kit import BaseStepConfig`
    # raises ImportError in jobs.py (the pair ('zenml.steps', 'BaseStepConfig') resolves no more);
    # reported there, resolved by the pair's fix in kit (the import keeps its name). `Output` is
    # bound by the module itself (no __getattr__ call); Client's pair exists: its uses are judged
    root = write_tree(tmp_path / "p", {
        "kit/__init__.py": TABLE_FACADE,
        "jobs.py": "from kit import BaseStepConfig, Client, Output\n\n\nclass JobConfig(BaseStepConfig):\n"
        "    n: int = 1\n\n\ndef report():\n    return Client().active_stack_name\n",
        # the pair of Repo is renamed in kit (key kept): no rename here, the 0.13.2 member is judged
        "runs.py": "import kit\n\n\ndef last(name):\n    return kit.Repo().get_pipeline(pipeline_name=name)\n",
    })
    run = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    jobs = [line for line in run.out.splitlines() if line.startswith("jobs.py:")]
    assert [line.split(" ")[:2] for line in jobs] == [["jobs.py:1:17:", "ZM005"], ["jobs.py:9:12:", "ZM402"]], run.out
    assert "`kit` gives `BaseStepConfig` by its module `__getattr__` from the pair ('zenml.steps', 'BaseStepConfig')" in jobs[0]
    assert jobs[0].endswith("(resolved by the ZM005 fix where it is written)"), jobs[0]
    runs = [line.split(" ")[:2] for line in run.out.splitlines() if line.startswith("runs.py:")]
    assert runs == [["runs.py:5:12:", "ZM301"]], run.out
    fixed = migrate(["code", "--no-cache", "--fix", "."], root)
    assert "fixed 3 files: ZM005 x3, ZM301 x1, ZM402 x1" in fixed.out + fixed.err, fixed.out + fixed.err
    assert '"BaseStepConfig": ("zenml.steps", "BaseParameters"),' in (root / "kit/__init__.py").read_text()
    assert (root / "jobs.py").read_text().startswith("from kit import BaseStepConfig, Client, Output\n")
    again = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    assert again.code == 0, again.out


TWO_STARS = (
    "from zenml.steps import *  # noqa: F401,F403\n"
    "from zenml.steps.step_interfaces.base_analyzer_step import *  # noqa: F401,F403\n"
    "\n"
    '__all__ = ["step", "BaseStepConfig", "BaseAnalyzerStep"]\n'
)


def test_a_listed_name_two_zenml_star_imports_bind_is_reported_once_and_kept(tmp_path):
    # 0.13.2's base_analyzer_step has no __all__: its star import binds the BaseStepConfig it
    # imports too, so the name had two zenml bindings and was reported at neither star import;
    # `from kit.api import *` then failed on 0.20 after --fix (AttributeError: no BaseStepConfig)
    root = write_tree(tmp_path / "p", {
        "kit/__init__.py": "",
        "kit/api.py": TWO_STARS,
        "jobs/__init__.py": "",
        "jobs/run.py": "from kit.api import *  # noqa: F403\n\n\nclass RunConfig(BaseStepConfig):  # noqa: F405\n    k: int = 2\n",
    })
    run = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    at_facade = [line for line in run.out.splitlines() if line.startswith("kit/api.py:") and "`BaseStepConfig` is" in line]
    assert at_facade == ["kit/api.py:1:25: ZM101 [*] `BaseStepConfig` is `BaseParameters` in ZenML 0.20"], run.out
    assert "jobs/run.py:1:1: ZM101 [*] " in run.out, run.out
    migrate(["code", "--no-cache", "--fix", "."], root)
    assert (root / "kit/api.py").read_text().count(ALIAS) == 1, (root / "kit/api.py").read_text()
    again = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    assert "BaseStepConfig" not in again.out, again.out


COMPUTED = ("from zenml.steps import *  # noqa: F401,F403\nfrom zenml.steps import __all__ as _steps_all\n\n"
            "__all__ = list(_steps_all)\n\n\ndef helper():\n    return 1\n")
STAR_USER = "from kit import *  # noqa: F403\n\n\nclass Params(BaseStepConfig):  # noqa: F405\n    lr: float = 0.1\n"


def computed_tree(root):
    """A facade whose ``__all__`` is zenml's own list (heldout118 r6): on 0.13.2 it lists
    ``BaseStepConfig``, on 0.20 not, so binding the name again is not enough for star importers."""
    return write_tree(root, {
        "kit/__init__.py": "from kit.zen import *  # noqa: F401,F403\nfrom kit import zen\n\n__all__ = zen.__all__\n",
        "kit/zen.py": COMPUTED,
        "use_star.py": STAR_USER,
    })


def test_a_name_bound_again_in_a_facade_with_a_computed_dunder_all_is_added_to_it(tmp_path):
    # before: the fix bound `BaseStepConfig` again but 0.20's `__all__` did not list it, so
    # use_star.py failed with NameError on 0.20.5 while the scan said "resolved by the ZM101 fix"
    root = computed_tree(tmp_path / "p")
    run = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    assert "use_star.py:4:14: ZM101 [*] " in run.out and "(resolved by the ZM101 fix where it is written)" in run.out, run.out
    fixed = migrate(["code", "--no-cache", "--fix", "."], root)
    assert "fixed 1 file: ZM101 x2" in fixed.out + fixed.err, fixed.out + fixed.err
    assert (root / "kit/zen.py").read_text() == (
        "from zenml.steps import *  # noqa: F401,F403\n"
        "from zenml.steps import __all__ as _steps_all, BaseParameters as BaseStepConfig\n\n"
        '__all__ = list(_steps_all)\n__all__ = [*__all__, "BaseStepConfig"]\n\n\ndef helper():\n    return 1\n')
    assert (root / "use_star.py").read_text() == STAR_USER
    again = migrate(["scan", "--no-cache", "--format", "concise", "."], root)
    assert again.code == 0, again.out
    assert migrate(["code", "--no-cache", "--fix", "."], root).code == 0  # a second run changes nothing


def test_a_literal_dunder_all_or_a_literal_append_is_not_computed():
    import ast

    from zenml_migrate.scan.star_all import computed_all

    assert not computed_all(ast.parse('__all__ = ["a"]\n__all__ += ("b",)\n__all__.append("c")\n').body)
    assert computed_all(ast.parse('__all__ = ["a"]\n__all__.extend(other.__all__)\n').body)
    assert computed_all(ast.parse('if x:\n    __all__ = [n for n in dir() if n[0] != "_"]\n').body)
    assert not computed_all(ast.parse('def f():\n    __all__ = list(x)\n').body)
