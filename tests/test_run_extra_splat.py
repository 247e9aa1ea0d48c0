"""ZM212 on the keys of a dict display written in a ``run()`` call and passed as ``**``: a string key,
or a zenml string constant that 0.13.2 and both 0.20 releases bind to the same string
(``DAG_FILEPATH_OPTION_KEY``, rules/data/removed_constants.json ``kept``), is judged as the
keyword it is; the safe fix moves it into ``extra=`` with its key as written (held-out repro
r1_run_splat_constant_key, written anew). The real ZenML half is
tests/test_run_extra_splat_real_zenml.py."""

import textwrap

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source


def c(text: str) -> str:
    return textwrap.dedent(text).lstrip()


HEAD = c(
    """
    from zenml.integrations.airflow.orchestrators import airflow_orchestrator as ao
    from zenml.pipelines import pipeline
    from zenml.steps import step


    @step
    def load() -> int:
        return 1


    @pipeline(enable_cache=False)
    def nightly(load):
        load()


    """
)

DEPLOY = HEAD + c(
    """
    def deploy(path: str):
        return nightly(load=load()).run(**{ao.DAG_FILEPATH_OPTION_KEY: path, "run_name": "nightly"}, extra={"team": "ml"})


    def backfill(path: str):
        return nightly(load=load()).run(**{"dag_filepath": path})
    """
)


def test_the_keys_of_a_display_run_no_longer_takes_move_into_extra():
    found = [f for f in scan_source(DEPLOY, "deploy.py") if f.code in ("ZM212", "ZM003")]
    assert [(f.code, f.span.line, f.fix) for f in found] == [("ZM212", 17, "safe"), ("ZM212", 21, "safe")]
    result = fix_source(DEPLOY, "deploy.py")
    assert result.text == HEAD + c(
        """
        def deploy(path: str):
            return nightly(load=load()).run(**{"run_name": "nightly"}, extra={"team": "ml", ao.DAG_FILEPATH_OPTION_KEY: path})


        def backfill(path: str):
            return nightly(load=load()).run(extra={"dag_filepath": path})
        """
    )
    assert result.remaining == [] and scan_source(result.text, "deploy.py") == []


def test_a_display_that_may_hold_extra_is_left_with_the_reason():
    code = HEAD + c(
        """
        BASE = {"run_name": "nightly"}


        def deploy(path: str, **more):
            nightly(load=load()).run(**{**BASE, ao.DAG_FILEPATH_OPTION_KEY: path})
            nightly(load=load()).run(**{"dag_filepath": path}, **more)
        """
    )
    found = [f for f in scan_source(code, "deploy.py") if f.code == "ZM212"]
    assert [(f.span.line, f.fix) for f in found] == [(20, None), (21, None)]
    assert "`**` item" in found[0].message and "passes `**` arguments" in found[1].message
    result = fix_source(code, "deploy.py")
    assert "ao.DAG_FILEPATH_OPTION_KEY: path})" in result.text and [f.code for f in result.remaining] == ["ZM212", "ZM212"]
