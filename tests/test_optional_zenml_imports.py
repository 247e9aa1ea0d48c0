"""An import a fix adds goes inside the ``try: <zenml imports> / except ImportError:`` that makes
zenml optional for a module (a library with zenml as an extra): at module level it would make
the module fail where zenml is not installed, where it worked before the fix."""

import ast
import sys
import textwrap
import types

import libcst as cst

from zenml_migrate.fix.fixer import fix_source


def _fix(code: str) -> str:
    result = fix_source(textwrap.dedent(code), "plugin.py")
    assert result.error is None
    compile(result.text, "plugin.py", "exec")
    return result.text


def _run_without_zenml(code: str) -> dict:
    """Run ``code`` as a module while every ``zenml`` import fails (zenml not installed)."""

    class _NoZenml:
        def find_spec(self, name, path=None, target=None):
            if name == "zenml" or name.startswith("zenml."):
                raise ModuleNotFoundError(f"No module named {name!r}")
            return None

    saved = {k: v for k, v in sys.modules.items() if k == "zenml" or k.startswith("zenml.")}
    for k in saved:
        del sys.modules[k]
    blocker = _NoZenml()
    sys.meta_path.insert(0, blocker)
    try:
        module = types.ModuleType("plugin_under_test")
        exec(compile(code, "plugin.py", "exec"), module.__dict__)
        return module.__dict__
    finally:
        sys.meta_path.remove(blocker)
        sys.modules.update(saved)


def _module_level_zenml_imports(code: str):
    return [
        stmt for stmt in cst.parse_module(code).body
        if isinstance(stmt, cst.SimpleStatementLine)
        and any(isinstance(s, (cst.Import, cst.ImportFrom)) and "zenml" in cst.Module([]).code_for_node(s) for s in stmt.body)
    ]


OPTIONAL = """\
    '''Exports runs to a dashboard; ZenML support is an extra.'''
    from typing import List

    try:  # pip install dashboards[zenml]
        from zenml.repository import Repository

        HAVE_ZENML = True
    except ModuleNotFoundError:
        HAVE_ZENML = False


    def export(pipeline: str) -> List[str]:
        if not HAVE_ZENML:
            return []
        view = Repository().get_pipeline(pipeline)
        return [run.name for run in view.runs]
    """


def test_the_added_import_goes_inside_the_optional_try():
    before = textwrap.dedent(OPTIONAL)
    assert _run_without_zenml(before)["export"]("p") == []
    out = _fix(OPTIONAL)
    assert "get_pipeline(pipeline)" in out, out
    assert not _module_level_zenml_imports(out), out
    assert "    from zenml.post_execution import get_pipeline\n" in out, out
    assert out.index("from zenml.post_execution import get_pipeline") < out.index("HAVE_ZENML = True"), out
    # still imports, and still works, where zenml is missing
    assert _run_without_zenml(out)["export"]("p") == []


def test_an_emptied_try_body_gets_the_new_import_instead_of_pass():
    out = _fix(
        """\
        try:
            from zenml.repository import Repository
        except ImportError:
            NO_ZENML = True


        def runs(name):
            return Repository().get_pipeline(name).runs
        """
    )
    assert "try:\n    from zenml.post_execution import get_pipeline\nexcept ImportError:\n" in out, out
    assert "pass" not in out and not _module_level_zenml_imports(out), out
    assert "runs" in _run_without_zenml(out)


def test_of_two_optional_blocks_the_closest_one_takes_the_import():
    out = _fix(
        """\
        try:
            from zenml.integrations.mlflow.mlflow_utils import get_tracking_uri
        except ImportError:
            get_tracking_uri = None
        try:
            from zenml.repository import Repository
            from zenml.post_execution import PipelineView
        except ImportError:
            Repository = PipelineView = None


        def last(name) -> "PipelineView":
            return Repository().get_pipeline(name)
        """
    )
    second = out[out.index("try:", 5):]
    assert "from zenml.post_execution import PipelineView, get_pipeline" in second, out
    assert not _module_level_zenml_imports(out), out
    _run_without_zenml(out)


def test_zenml_imported_unconditionally_keeps_the_module_level_import():
    out = _fix(
        """\
        import zenml

        try:
            from zenml.repository import Repository
        except ImportError:
            Repository = None


        def runs(name):
            return Repository().get_pipeline(name).runs
        """
    )
    assert [cst.Module([]).code_for_node(s) for s in _module_level_zenml_imports(out)] == [
        "import zenml\n",
        "from zenml.post_execution import get_pipeline\n",
    ], out


def test_a_compat_shim_is_not_an_optional_block():
    out = _fix(
        """\
        try:
            from zenml.client import Client
        except ImportError:
            from zenml.repository import Repository as Client
        from zenml.steps import step


        def runs(name):
            return Client().get_pipeline(name).runs
        """
    )
    assert "try:" not in out, out
    assert [cst.Module([]).code_for_node(s) for s in _module_level_zenml_imports(out)] == [
        "from zenml.post_execution import get_pipeline\n",
        "from zenml.steps import step\n",
    ], out


# ---------------------------------------------------------------- zenml imported lazily
# A module that imports zenml only inside its functions (a CLI or a library that must import
# without zenml): an import a fix adds goes into the function that uses the name.

LAZY = """\
    '''Report on past runs of the training pipeline; zenml is imported when asked.'''
    import logging

    logger = logging.getLogger(__name__)


    def last_run_accuracy(pipeline_name: str = "training_pipeline") -> float:
        '''The evaluator's output of the last run.'''
        from zenml.repository import Repository

        repo = Repository()
        pipeline = repo.get_pipeline(pipeline_name=pipeline_name)
        return pipeline.runs[-1].get_step("evaluator").output.read()


    def run_names(pipeline_name: str):
        from zenml.repository import Repository

        def names():
            return [r.name for r in Repository().get_pipeline(pipeline_name).runs]

        return names()
    """


def _function_level_imports(code: str, name: str):
    found = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for stmt in node.body:
                if isinstance(stmt, ast.ImportFrom) and any((a.asname or a.name) == name for a in stmt.names):
                    found.append((node.name, stmt.module))
    return found


def test_a_lazily_imported_module_gets_the_new_import_in_the_function_that_uses_it():
    out = _fix(LAZY)
    assert "pipeline = get_pipeline(pipeline=pipeline_name)" in out, out
    assert not _module_level_zenml_imports(out), out
    assert sorted(_function_level_imports(out, "get_pipeline")) == [
        ("last_run_accuracy", "zenml.post_execution"),
        ("names", "zenml.post_execution"),
    ], out
    # after the docstring and the function's zenml import, before the first use
    assert '    """The evaluator\'s output of the last run."""\n    from zenml.client import Client\n    from zenml.post_execution import get_pipeline\n' in out.replace("'''", '"""'), out
    # the module still imports where zenml is missing, as before the fix
    assert set(_run_without_zenml(textwrap.dedent(LAZY))) <= set(_run_without_zenml(out))


def test_a_lazy_function_with_its_own_optional_try_gets_the_import_there():
    out = _fix(
        """\
        def fetch_runs(name):
            try:
                from zenml.repository import Repository
            except ImportError:
                return []
            return Repository().get_pipeline(name).runs
        """
    )
    assert "    try:\n        from zenml.post_execution import get_pipeline\n    except ImportError:\n        return []\n" in out, out
    assert _run_without_zenml(out)["fetch_runs"]("p") == []


def test_the_main_block_of_a_lazy_script_gets_its_own_import():
    out = _fix(
        """\
        import argparse


        def stack_names():
            from zenml.repository import Repository

            return [s for s in Repository().stacks]


        if __name__ == "__main__":
            from zenml.repository import Repository

            parser = argparse.ArgumentParser()
            parser.add_argument("pipeline")
            args = parser.parse_args()
            print(Repository().get_pipeline(pipeline_name=args.pipeline).runs)
        """
    )
    assert not _module_level_zenml_imports(out), out
    assert '\nif __name__ == "__main__":\n    from zenml.client import Client\n    from zenml.post_execution import get_pipeline\n' in out, out
    assert "stack_names" in _run_without_zenml(out)

