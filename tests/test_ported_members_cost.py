"""ZM426 (rules/ported_members.py) walks a module's whole tree only when a read can be one: a
project without a stack component class of its own (most projects) has no member a port takes
off, and in a module that reads one, what a function or class binds is asked only for the
scopes around such a read (perf25: in the benchmark's mixed tree, the 100 modules that import
the project's legacy steps spent more CPU in this rule than the 400 legacy modules in all others).
The findings themselves: tests/test_ported_members.py."""

import textwrap
from pathlib import Path

from zenml_migrate.rules import all_rules, ported_members
from zenml_migrate.scan.engine import ScanSettings, run_scan


def _scan(tmp_path: Path, files, monkeypatch, name):
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(textwrap.dedent(text).lstrip("\n"))
    calls = []
    real = getattr(ported_members, name)

    def counted(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(ported_members, name, counted)
    report = run_scan([str(tmp_path)], ScanSettings(rules=all_rules(), workers=1))
    return calls, sorted((f.path.rpartition("/")[2], f.span.line, f.code) for f in report.findings if f.code == "ZM426")


_HELPERS = "".join(f"\n\ndef helper_{i}(x):\n    y = [v for v in x]\n    return lambda z: (y, z)\n" for i in range(5))


def test_a_project_without_component_classes_has_no_reads_to_look_for(tmp_path, monkeypatch):
    files = {
        "steps.py": """
            from zenml.steps import Output, step


            @step
            def loader() -> Output(rows=int, cols=int):
                return 1, 2
        """,
        "run.py": "from steps import loader\n\nNAME = loader.__name__\n" + _HELPERS,
    }
    calls, found = _scan(tmp_path, files, monkeypatch, "_reads")
    assert calls == [] and found == []


def test_only_the_scopes_around_a_read_are_asked_what_they_bind(tmp_path, monkeypatch):
    files = {
        "stores.py": """
            from typing import ClassVar, Set

            from zenml.artifact_stores import BaseArtifactStore


            class HdfsStore(BaseArtifactStore):
                FLAVOR: ClassVar[str] = "hdfs"
                SUPPORTED_SCHEMES: ClassVar[Set[str]] = {"hdfs://"}
                endpoint: str = "namenode.local"
        """,
        "report.py": "from stores import HdfsStore\n\nSCHEMES = sorted(HdfsStore.SUPPORTED_SCHEMES)\n" + _HELPERS,
    }
    calls, found = _scan(tmp_path, files, monkeypatch, "_binds")
    assert found == [("report.py", 3, "ZM426")]
    assert calls == []  # the read is at module level: no function, lambda or comprehension around it
