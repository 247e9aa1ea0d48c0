"""review26 R8: with ``--target 0.20.0`` every ZM958 TODO says that 0.20.0's CLI cannot register a
custom flavor (3255769 covered only a rewritten line): also a line whose port needs --unsafe-fixes
(left as it is at --fix) and a line no port of this run reaches (stdin, no class); the ZM970 TODO of
an image names the target's release. The fix judges the lines again for the target it writes for
(``fix_commands``: the scan judged them for no release)."""

from tests.scan_helpers import migrate, write_tree

COMPONENT = '"""Runs each step in a fresh local subprocess (a poor man\'s remote executor)."""\nimport os\nimport subprocess\nimport sys\nfrom typing import ClassVar, List, Optional\n\nfrom zenml.config.docker_configuration import DockerConfiguration\nfrom zenml.config.resource_configuration import ResourceConfiguration\nfrom zenml.step_operators import BaseStepOperator\n\n\nclass SubprocessStepOperator(BaseStepOperator):\n    """Launches a step entrypoint with the current interpreter."""\n\n    FLAVOR: ClassVar[str] = "subprocess"\n\n    python: Optional[str] = None\n    extra_env: str = ""\n    nice: int = 0\n\n    def _env(self) -> dict:\n        env = dict(os.environ)\n        for pair in filter(None, self.extra_env.split(",")):\n            k, _, v = pair.partition("=")\n            env[k] = v\n        return env\n\n    def launch(\n        self,\n        pipeline_name: str,\n        run_name: str,\n        docker_configuration: DockerConfiguration,\n        entrypoint_command: List[str],\n        resource_configuration: ResourceConfiguration,\n    ) -> None:\n        cmd = [self.python or sys.executable] + entrypoint_command[1:]\n        if self.nice:\n            cmd = ["nice", "-n", str(self.nice)] + cmd\n        print(f"[{self.name}/{self.FLAVOR}] {pipeline_name}/{run_name}: cpu={resource_configuration.cpu_count}")\n        subprocess.run(cmd, check=True, env=self._env())\n'
LINE = "zenml step-operator flavor register components.subprocess_step_operator.SubprocessStepOperator\n"
NOTE = "ZenML 0.20.0's `zenml <type> flavor register` fails for every custom flavor"


def test_a_line_whose_port_needs_unsafe_fixes(tmp_path):
    write_tree(tmp_path, {"components/__init__.py": "", "components/subprocess_step_operator.py": COMPONENT, "reg.sh": LINE})
    run = migrate(["code", "--fix", "--no-cache", "--target", "0.20.0", "."], tmp_path)
    todo = (tmp_path / "reg.sh").read_text().splitlines()[0]
    assert todo.startswith("# TODO(zenml-migrate): ZM958 ") and "needs --unsafe-fixes" in todo and NOTE in todo, todo
    assert NOTE in run.out + run.err
    again = migrate(["code", "--fix", "--no-cache", "--target", "0.20.0", "."], tmp_path)
    assert (tmp_path / "reg.sh").read_text().count("ZM958") == 1, again.out


def test_a_line_no_port_reaches(tmp_path):
    run = migrate(["code", "-", "--stdin-filename", "setup.sh", "--target", "0.20.0"], tmp_path, input=LINE.encode())
    assert NOTE in run.out.splitlines()[0], run.out
    plain = migrate(["code", "-", "--stdin-filename", "setup.sh"], tmp_path, input=LINE.encode())
    assert NOTE not in plain.out  # 0.20.5's CLI registers it


def test_an_image_todo_names_the_target(tmp_path):
    write_tree(tmp_path, {"run.sh": "docker run zenmldocker/zenml:0.13.2-cuda zenml stack list\npip install zenml==0.13.2\n"})
    migrate(["code", "--fix", "--no-cache", "--target", "0.20.0", "."], tmp_path)
    text = (tmp_path / "run.sh").read_text()
    assert "pick the ZenML 0.20.0 image's tag (`:0.20.0`)" in text and "0.20.5" not in text.split("\n", 1)[0], text
    assert "pip install zenml==0.20.0\n" in text


def test_an_image_tag_with_its_python_gets_the_target_with_that_python(tmp_path):
    write_tree(tmp_path, {"run.sh": "docker run zenmldocker/zenml:0.13.2-py3.9 zenml stack list\n"})
    migrate(["code", "--fix", "--no-cache", "--target", "0.20.0", "."], tmp_path)
    assert (tmp_path / "run.sh").read_text() == "docker run zenmldocker/zenml:0.20.0-py3.9 zenml stack list\n"
