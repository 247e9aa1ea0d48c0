"""review25 R10 (rest): ZenML 0.13 inside the images a migrated project still builds or runs.
0.20 builds a remote step's image FROM ``parent_image`` and pip-installs ``requirements`` into it
(PipelineDockerImageBuilder); a ``docker run``/``pull`` of ``zenmldocker/zenml:0.13.2``, a
Kubernetes container's ``image:`` and ``pip install -e git+...@0.13.2#egg=zenml`` run or install
0.13 too. Python forms through qualified names (aliases, modules), not the text."""

import textwrap

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

IMAGE = "This ZenML image runs a ZenML release before 0.20"


def _pins(text, filename):
    return [(f.span.line, f.fix, f.message) for f in scan_source(text, filename) if f.code == "ZM970"]


@pytest.mark.parametrize("text", [
    """\
    from zenml.config import DockerSettings
    s = DockerSettings(requirements=["zenml[server]==0.13.2", "numpy"], parent_image="zenmldocker/zenml:0.13.2")
    """,
    """\
    import zenml.config as zc
    DEPS = ["zenml==0.13.2"]
    s = zc.DockerSettings(requirements=DEPS, parent_image="zenmldocker/zenml:0.13.2")
    """,
    """\
    from zenml.config.docker_configuration import DockerConfiguration as DC
    d = DC(parent_image="zenmldocker/zenml:0.13.2", requirements=["zenml==0.13.2"])
    """,
    """\
    from zenml.pipelines import pipeline as zp
    IMG = "zenmldocker/zenml:0.13.2"
    @zp(requirements=["zenml==0.13.2"])
    def p(a):
        a()
    """,
])
def test_requirements_and_parent_image_of_zenml_docker_options(text):
    text = textwrap.dedent(text)
    found = _pins(text, "pipe.py")
    assert found and all(fix == "safe" for _, fix, _ in found), found
    assert any(IMAGE in m for _, _, m in found) == ("parent_image" in text)
    fixed = fix_source(text, "pipe.py").text
    assert "0.13.2" not in fixed.replace('IMG = "zenmldocker/zenml:0.13.2"', "") and "0.20.5" in fixed
    assert "0.20.0" in fix_source(text, "pipe.py", target="0.20.0").text


def test_what_is_no_zenml_pin_in_docker_options():
    text = textwrap.dedent("""\
        from zenml.config import DockerSettings
        a = DockerSettings(requirements="zenml-requirements.txt", parent_image="myorg/zenml:0.13.2")
        b = DockerSettings(requirements=["zenml==0.20.5"], parent_image="zenmldocker/zenml:0.20.5")
        c = dict(requirements=["zenml==0.13.2"], parent_image="zenmldocker/zenml:0.13.2")
        """)
    assert _pins(text, "pipe.py") == []


def test_a_tag_with_more_than_a_version_gets_a_todo_worded_for_an_image():
    text = 'from zenml.config import DockerSettings\ns = DockerSettings(parent_image="zenmldocker/zenml:0.13.2-py3.11")\n'
    ((line, fix, message),) = _pins(text, "pipe.py")
    assert (line, fix) == (2, None) and message.startswith(IMAGE + " (`zenmldocker/zenml:0.13.2-py3.11`")
    assert f"# TODO(zenml-migrate): ZM970 {IMAGE}" in fix_source(text, "pipe.py").text


def test_container_commands_name_old_zenml_images():
    script = textwrap.dedent("""\
        docker pull zenmldocker/zenml:0.13.2
        docker run --rm -v "$PWD:/app" zenmldocker/zenml:0.13.2 zenml stack list
        sudo docker run -it "zenmldocker/zenml-server:0.12.0"
        kubectl run zen --image=zenmldocker/zenml:0.13.2
        docker run zenmldocker/zenml:0.20.5 zenml version
        echo zenmldocker/zenml:0.13.2
        """)
    found = _pins(script, "run.sh")
    assert [(line, fix) for line, fix, _ in found] == [(1, "safe"), (2, "safe"), (3, "safe"), (4, "safe")]
    assert all(IMAGE in m for _, _, m in found)
    fixed = fix_source(script, "run.sh").text
    assert fixed.splitlines()[:4] == [
        "docker pull zenmldocker/zenml:0.20.5",
        'docker run --rm -v "$PWD:/app" zenmldocker/zenml:0.20.5 zenml stack list',
        'sudo docker run -it "zenmldocker/zenml-server:0.20.5"',
        "kubectl run zen --image=zenmldocker/zenml:0.20.5",
    ]


def test_an_editable_vcs_install_of_an_old_release():
    script = "pip install -e git+https://github.com/zenml-io/zenml.git@0.13.2#egg=zenml\npip install -e .\n"
    assert [(line, fix) for line, fix, _ in _pins(script, "setup.sh")] == [(1, None)]


def test_an_editable_install_spelled_with_an_equals_sign():
    """surface26's open item: ``--editable=URL`` (one word) is pip's ``-e URL``."""
    script = ("pip install --editable=git+https://github.com/zenml-io/zenml.git@0.13.2#egg=zenml\n"
              "pip install \"--editable=git+https://github.com/zenml-io/zenml.git@release/0.12.0#egg=zenml[server]\"\n"
              "pip install --editable=.\n")
    found = [(f.span.line, f.span.column, f.fix) for f in scan_source(script, "setup.sh") if f.code == "ZM970"]
    assert found == [(1, 13, None), (2, 13, None)]


def test_a_kubernetes_container_image():
    manifest = textwrap.dedent("""\
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: train
        spec:
          template:
            spec:
              containers:
                - name: train
                  image: zenmldocker/zenml:0.13.2
                  command: ["python", "run.py"]
                - name: new
                  image: zenmldocker/zenml:0.20.5
        """)
    ((line, _, message),) = _pins(manifest, "k8s/job.yaml")
    assert line == 10 and message.startswith(IMAGE) and "`zenmldocker/zenml:0.20.5`" in message
