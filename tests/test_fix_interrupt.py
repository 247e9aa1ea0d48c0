"""Ctrl-C during `code --fix`: no file is half-written (temp file + os.replace) and, when it
comes while the files are being written, the run stops only after the last one, having listed
every file it wrote (before, the "fixed PATH" lines were printed after all writes, so an
interrupt there left files rewritten that the output never named)."""

import os
import signal

import pytest

from tests.clirunner import cli_runner
from zenml_migrate.cli import app
from zenml_migrate.fix import write

LEGACY = "from zenml.repository import Repository\n\nRepository()\n"


def test_ctrl_c_while_writing_stops_after_the_last_file(tmp_path, monkeypatch):
    for i in range(3):
        (tmp_path / f"m{i}.py").write_text(LEGACY)
    real = write.replace_file
    calls = []

    def replace_then_interrupt(*args, **kwargs):
        calls.append(args[0])
        real(*args, **kwargs)
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C after the first file

    monkeypatch.setattr(write, "replace_file", replace_then_interrupt)
    result = cli_runner().invoke(app, ["code", "--fix", "--no-cache", "--workers", "1", str(tmp_path)])
    assert isinstance(result.exception, KeyboardInterrupt) or result.exit_code == 130, (result.exit_code, result.output)
    for i in range(3):
        assert "Repository" not in (tmp_path / f"m{i}.py").read_text()  # every file written, in full
        assert f"fixed {tmp_path / f'm{i}.py'}" in result.output
    assert "Ctrl-C: stopped once the 3 files being written were written in full" in result.output
    assert not [n for n in os.listdir(tmp_path) if "zenml-migrate" in n and n.endswith(".py")]


def test_no_interrupt_no_change(tmp_path):
    with write.interrupts_deferred() as held:
        pass
    assert held == []
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_an_interrupt_in_the_block_is_raised_at_its_end():
    done = []
    with pytest.raises(KeyboardInterrupt):
        with write.interrupts_deferred():
            os.kill(os.getpid(), signal.SIGINT)
            done.append(1)
    assert done == [1]
