"""TODO lines a codemod writes inside its rewrite (``FixContext.wrote_todo``) are counted and
listed by the ``migrate code`` summary: every TODO counted is written, every TODO written is
counted, each listed at the line where it is."""

import re
import subprocess
import sys
import textwrap

COMPONENT = textwrap.dedent('''\
    from zenml.orchestrators import BaseOrchestrator


    class NightlyOrchestrator(BaseOrchestrator):
        FLAVOR = "nightly"
        hour: int = 2

        def prepare_step_run(self):
            self.hour = 3

        def prepare_or_run_pipeline(self, sorted_steps, pipeline, pb2_pipeline, stack, runtime_configuration):
            return sorted_steps
    ''')


def _code(tmp_path, *flags):
    return subprocess.run(
        [sys.executable, "-m", "zenml_migrate", "code", "nightly.py", *flags],
        cwd=str(tmp_path), capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120,
    )


def test_todos_a_port_writes_are_counted_and_listed(tmp_path):
    (tmp_path / "nightly.py").write_text(COMPONENT)
    proc = _code(tmp_path, "--fix", "--unsafe-fixes")
    out = proc.stdout + proc.stderr
    text = (tmp_path / "nightly.py").read_text().splitlines()
    markers = [i + 1 for i, line in enumerate(text) if "# TODO(zenml-migrate): ZM409" in line]
    assert len(markers) == 2  # the field assigned at run time, the hook's old arguments
    assert "left for a human: 2 TODOs in rewritten code (ZM409 x2)" in out, out
    assert "marked with # TODO(zenml-migrate) comments: 2 lines written" in out
    listed = [int(n) for n in re.findall(r"nightly\.py:(\d+): ZM409 TODO ", out)]
    assert listed == markers


def test_check_mode_says_what_fix_would_leave(tmp_path):
    (tmp_path / "nightly.py").write_text(COMPONENT)
    proc = _code(tmp_path, "--unsafe-fixes")
    assert (tmp_path / "nightly.py").read_text() == COMPONENT
    out = proc.stdout + proc.stderr
    assert "2 TODOs in rewritten code (ZM409 x2)" in out and "`--fix` marks them" in out, out
