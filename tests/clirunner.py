"""A CliRunner with click 8.2 semantics on every click we support: ``result.output`` holds
stdout and stderr, ``result.stderr`` stderr alone. Click 8.1 (the newest for Python 3.9)
needs ``mix_stderr=False`` for the second, and then leaves stderr out of the first."""

import inspect

from typer.testing import CliRunner

_CLICK_81 = "mix_stderr" in inspect.signature(CliRunner.__init__).parameters


class _Result:
    def __init__(self, result):
        self._result = result

    def __getattr__(self, name):
        return getattr(self._result, name)

    @property
    def output(self) -> str:
        return self._result.stdout + self._result.stderr


class _Runner(CliRunner):
    def __init__(self):
        if _CLICK_81:
            super().__init__(mix_stderr=False)
        else:
            super().__init__()

    def invoke(self, *args, **kwargs):
        result = super().invoke(*args, **kwargs)
        return _Result(result) if _CLICK_81 else result


def cli_runner() -> CliRunner:
    return _Runner()
