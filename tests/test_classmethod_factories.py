"""A classmethod that returns ``cls(...)`` gives an instance of the class it is called on (h50 s17
family, own input).

``Trainer.from_preset("small")`` where ``from_preset`` is a ``@classmethod`` of a plain mixin (in
another module, the step class in a third one, re-exported by a package) returning ``cls(...)``:
the result is a ``Trainer`` step, so ``.CONFIG_CLASS`` read on it is ZM217 (0.20:
``PARAMETERS_CLASS``). Before: the call's value was unknown and the read was not reported. (The
mixin's module is read because it uses zenml; a module that never mentions zenml is not scanned.)
"""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

FILES = {
    "kit/__init__.py": "from kit.steps import Evaluator, Trainer\n",
    "kit/presets.py": '''
        from typing import Any, ClassVar, Dict

        from zenml.logger import get_logger

        logger = get_logger(__name__)


        class Presets:
            PRESETS: ClassVar[Dict[str, Dict[str, Any]]] = {"small": {"epochs": 1}}

            @classmethod
            def from_preset(cls, name: str):
                if name not in cls.PRESETS:
                    return cls()
                return cls(**cls.PRESETS[name])

            @classmethod
            def maybe(cls, name: str):
                if name in cls.PRESETS:
                    return cls()
                return None
    ''',
    "kit/steps.py": '''
        from zenml.steps import BaseStep

        from kit.presets import Presets


        class Trainer(Presets, BaseStep):
            def entrypoint(self) -> int:
                return 1


        class Evaluator(Presets, BaseStep):
            @classmethod
            def from_preset(cls, name: str):
                return name

            def entrypoint(self) -> int:
                return 2
    ''',
    "run.py": '''
        from kit import Evaluator, Trainer

        small = Trainer.from_preset("small")
        print(small.CONFIG_CLASS)
        print(Trainer.maybe("small").CONFIG_CLASS)
        print(Evaluator.from_preset("x").CONFIG_CLASS)


        def local():
            from kit.steps import Trainer as T

            return T.from_preset("small").CONFIG_PARAMETER_NAME
    ''',
}


def test_the_result_of_a_classmethod_returning_cls_is_an_instance(tmp_path):
    root = tmp_path / "proj"
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    proc = subprocess.run(
        [sys.executable, "-m", "zenml_migrate", "scan", ".", "--no-cache", "--format", "json"],
        cwd=str(root), capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    data = json.loads(proc.stdout)
    items = data if isinstance(data, list) else data["findings"]
    found = sorted((f["line"], f["code"]) for f in items if f["path"] == "run.py")
    # line 5: `maybe` may return None; line 6: Evaluator's own `from_preset` returns a string
    assert found == [(4, "ZM217"), (12, "ZM217")]
