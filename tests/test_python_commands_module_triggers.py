"""``docker`` and ``kubernetes`` alone ask for the command search (``python_commands``) only
where the module imports them: their callees (``docker.from_env()``, ``kubernetes.client.V1Container``)
are reached through an import, and ZenML 0.20 code holds the words in other ways
(``settings={"docker": DockerSettings(...)}``, ``zenml.integrations.kubernetes``: what ``--fix``
writes, so the fix's re-check of every such file walked its whole tree for nothing)."""

import textwrap

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.scan import python_commands as pc

SETTINGS = textwrap.dedent(
    """\
    from zenml.config import DockerSettings
    from zenml.integrations.constants import SKLEARN
    from zenml.integrations.kubernetes.flavors import KubernetesOrchestratorSettings
    from zenml.pipelines import pipeline
    from zenml.steps import step


    @step
    def trainer() -> int:
        return 1


    @pipeline(settings={"docker": DockerSettings(required_integrations=[SKLEARN])})
    def training(trainer):
        trainer()
    """
)

FILLER = "".join(f"\n\ndef helper_{i}(x):\n    return x + {i}\n" for i in range(14))  # piecemeal-parsed


def _searched(monkeypatch, text: str) -> int:
    calls = []
    real = pc.findings
    monkeypatch.setattr(pc, "findings", lambda *a, **k: calls.append(1) or real(*a, **k))
    scan_source(text, "run.py")
    return len(calls)


@pytest.mark.parametrize("filler", ["", FILLER], ids=["whole", "piecemeal"])
def test_the_words_alone_do_not_start_the_search(monkeypatch, filler):
    assert pc.wanted(SETTINGS + filler) and pc.only_modules(SETTINGS + filler) == ("docker", "kubernetes")
    assert _searched(monkeypatch, SETTINGS + filler) == 0


@pytest.mark.parametrize("filler", ["", FILLER], ids=["whole", "piecemeal"])
@pytest.mark.parametrize(
    "imports",
    [
        "import docker\n",
        "import os, docker.errors as errors\n",
        "def client():\n    from docker import from_env\n    return from_env\n",
        "try:\n    import kubernetes\nexcept ImportError:\n    kubernetes = None\n",
    ],
)
def test_an_import_of_the_module_starts_it(monkeypatch, filler, imports):
    assert _searched(monkeypatch, imports + SETTINGS + filler) == 1


@pytest.mark.parametrize("filler", ["", FILLER], ids=["whole", "piecemeal"])
def test_commands_of_an_imported_module_are_found(filler):
    code = SETTINGS + filler + textwrap.dedent(
        """

        def run_in_container():
            import docker
            from kubernetes import client

            docker.from_env().containers.create("img", command=["zenml", "stack", "list"])
            engine = docker.from_env()
            engine.containers.run("img", "zenml profile describe")
            return client.V1Container(name="c", image="img", command=["zenml"], args=["profile", "describe"])
        """
    )
    lines = sorted({f.span.line for f in scan_source(code, "run.py") if f.code.startswith("ZM9")})
    start = len((SETTINGS + filler).splitlines())
    assert [n - start for n in lines] == [9, 10], lines


def test_another_trigger_searches_as_before():
    text = SETTINGS + "\nimport subprocess\n"
    assert pc.only_modules(text) == () and pc.wanted(text)
    assert pc.only_modules("import zenml\nx = 1\n") == ()



@pytest.mark.parametrize("filler", ["", FILLER], ids=["whole", "piecemeal"])
def test_the_fix_s_recheck_still_finds_the_commands_of_an_imported_module(filler):
    """The re-check of a rewritten text (``fixer.SelfCheck``, piecemeal like the scan) searches
    the commands of a module that imports ``docker`` in a function: a rewrite that wrote such a
    command would be caught."""
    from zenml_migrate.fix.fixer import SelfCheck
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan.detect import rule_index
    from zenml_migrate.scan.file_scan import FileJob, ScanContext

    rules = all_rules()
    job = FileJob("run.py", "py", module_name="run")
    check = SelfCheck(SETTINGS + filler, job, rules, ScanContext(rule_index(rules)))
    assert not [f for f in check.detect(SETTINGS + filler)[0] if f.code.startswith("ZM9")]
    rewritten = SETTINGS + filler + textwrap.dedent(
        """

        def run_in_container(name):
            import docker

            docker.from_env().containers.run("img", "zenml profile describe")
        """
    )
    found, introduced, _ = check.detect(rewritten)
    assert [f.code for f in found if f.code.startswith("ZM9")] and not introduced, found


def test_a_zenml_image_given_to_parent_image_is_still_searched():
    """``docker`` also stands for a ZenML image (``zenmldocker/zenml:0.13.2``) in ZenML's own
    ``parent_image`` (a zenml callee, no ``docker`` import): such a text is searched as before."""
    text = SETTINGS.replace("DockerSettings(required_integrations=[SKLEARN])",
                            'DockerSettings(parent_image="zenmldocker/zenml:0.13.2-py3.9")')
    assert pc.only_modules(text) == () and pc.wanted(text)
    assert [f.code for f in scan_source(text, "run.py") if f.code.startswith("ZM9")], text
