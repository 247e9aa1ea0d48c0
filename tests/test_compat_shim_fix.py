"""A module written for 0.13.2 and 0.20 alike keeps working on both after ``--fix``.

* ``try: from zenml.repository import Repository / except ImportError: from zenml.client import
  Client as Repository``: 0.20 still has the old name (a deprecated alias), so its ``try`` runs
  there and is rewritten. The rewrite gave both sides the 0.20 import, and the module failed at
  import on 0.13.2. The sides swap instead: ``try:`` the 0.20 import, ``except ImportError:`` the
  user's 0.13.2 one (as the shim is usually written).
* An import a fix adds that 0.13.2 lacks (``from zenml.post_execution import get_pipeline``)
  goes with the 0.20 imports of the file's compat shim, not at module level (where 0.13.2 fails
  at import)."""

import sys
import textwrap
import types

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

OLD_FIRST = """\
    '''Run inspection that works with ZenML 0.13 and 0.20.'''
    try:
        from zenml.repository import Repository
    except ImportError:  # no zenml.repository
        from zenml.client import Client as Repository


    def active_stack_name() -> str:
        return Repository().active_stack_name


    def pipeline_runs(name: str):
        return Repository().get_pipeline(pipeline_name=name).runs
    """

NEW_FIRST = """\
    import logging

    try:
        from zenml.client import Client
    except ImportError:  # ZenML < 0.20
        from zenml.repository import Repository as Client
    from zenml.steps import step

    logger = logging.getLogger(__name__)


    def stack_names():
        return [s.name for s in Client().stacks]


    def pipeline_runs(name: str):
        return Client().get_pipeline(pipeline_name=name).runs
    """


def _fix(code: str) -> str:
    result = fix_source(textwrap.dedent(code), "compat.py")
    assert result.error is None and not result.todos, (result.error, result.todos)
    compile(result.text, "compat.py", "exec")
    return result.text


def _run_on_0132(code: str) -> dict:
    """Run ``code`` where zenml is 0.13.2-like: ``zenml.repository`` and ``zenml.steps`` exist,
    ``zenml.client`` and ``zenml.post_execution.get_pipeline`` do not."""
    zenml = types.ModuleType("zenml")
    zenml.__path__ = []
    repository = types.ModuleType("zenml.repository")
    repository.Repository = type("Repository", (), {})
    steps = types.ModuleType("zenml.steps")
    steps.step = lambda f: f
    post_execution = types.ModuleType("zenml.post_execution")
    fake = {"zenml": zenml, "zenml.repository": repository, "zenml.steps": steps, "zenml.post_execution": post_execution}

    class _Only0132:
        def find_spec(self, name, path=None, target=None):
            if name.startswith("zenml."):
                raise ModuleNotFoundError(f"No module named {name!r}")
            return None

    saved = {k: v for k, v in sys.modules.items() if k == "zenml" or k.startswith("zenml.")}
    for k in saved:
        del sys.modules[k]
    sys.modules.update(fake)
    blocker = _Only0132()
    sys.meta_path.insert(0, blocker)
    try:
        namespace: dict = {"__name__": "compat_under_test"}
        exec(compile(code, "compat.py", "exec"), namespace)
        return namespace
    finally:
        sys.meta_path.remove(blocker)
        for k in fake:
            sys.modules.pop(k, None)
        sys.modules.update(saved)


def test_an_old_first_shim_on_a_deprecated_alias_is_swapped_not_doubled():
    before = textwrap.dedent(OLD_FIRST)
    assert _run_on_0132(before)["Repository"].__name__ == "Repository"
    out = _fix(OLD_FIRST)
    assert (
        "try:\n    from zenml.client import Client as Repository\n    from zenml.post_execution import get_pipeline\n"
        "except ImportError:  # no zenml.repository\n    from zenml.repository import Repository\n"
    ) in out, out
    assert out.count("import") == 3 and "return get_pipeline(pipeline=name).runs" in out, out
    assert "Repository().active_stack_model.name" in out, out
    assert _run_on_0132(out)["Repository"].__name__ == "Repository"  # still imports on 0.13.2
    assert scan_source(out, "compat.py") == []  # the re-scan agrees


def test_an_added_import_0132_lacks_goes_into_the_0_20_side_of_the_shim():
    out = _fix(NEW_FIRST)
    assert (
        "try:\n    from zenml.client import Client\n    from zenml.post_execution import get_pipeline\n"
        "except ImportError:  # ZenML < 0.20\n    from zenml.repository import Repository as Client\n"
        "from zenml.steps import step\n"
    ) in out, out
    assert "pipeline_runs" in _run_on_0132(out)
    assert scan_source(out, "compat.py") == []


def test_without_a_shim_the_added_import_stays_at_module_level():
    out = _fix(
        """\
        from zenml.repository import Repository


        def pipeline_runs(name: str):
            return Repository().get_pipeline(pipeline_name=name).runs
        """
    )
    assert out.startswith("from zenml.post_execution import get_pipeline\n"), out


HANDLER_BUILDS_OLD = """\
    def pipeline_names():
        try:
            from zenml.post_execution import get_pipelines
        except ImportError:  # ZenML 0.13.2
            from zenml.repository import Repository

            get_pipelines = Repository().get_pipelines
        return [p.name for p in get_pipelines()]
    """


def test_the_older_side_of_a_shim_whose_try_only_imports_is_left_alone():
    """0.20 never runs that handler (its ``try`` imports names both 0.20 releases have, and does
    nothing else): like the legacy branch of a version gate, no finding and no rewrite there."""
    code = textwrap.dedent(HANDLER_BUILDS_OLD)
    assert scan_source(code, "compat.py") == []
    assert fix_source(code, "compat.py").text == code


def test_a_handler_whose_try_does_more_than_import_is_still_reported():
    code = textwrap.dedent(
        """\
        try:
            from zenml.client import Client

            PIPELINES = Client().list_pipelines()
        except ImportError:
            from zenml.repository import Repository

            PIPELINES = Repository().get_pipelines()
        """
    )
    assert "ZM302" in {f.code for f in scan_source(code, "compat.py")}
