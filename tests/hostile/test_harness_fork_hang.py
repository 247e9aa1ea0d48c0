"""The hostile harness runs cases in forked children of a two-threaded process; a child can hang
on a lock the other thread held at the fork (the clean CI of 8131aad lost ``profiles-huge-stacks-store``
that way: 40 s on a loaded machine, under a second alone). Such a hang is re-run in a fresh
interpreter on a fresh copy of the case; only a hang there too is reported."""

from tests.hostile import harness
from tests.hostile.harness import Case, problems


def _case(tmp_path):
    def build(root):
        (root / "proj").mkdir()
        (root / "proj" / "a.py").write_text("from zenml.repository import Repository\n")

    return Case("fork-hang", build, ["scan", "{root}/proj"], exit_codes=(1,), writes=(".zenml-migrate-cache/",), deadline=60)


def test_a_hang_in_the_forked_child_is_run_again_in_a_fresh_interpreter(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(harness, "MODE", "fork")
    monkeypatch.setattr(harness, "_run_forked", lambda *a, **k: calls.append("fork") or (None, b"", b""))
    outcome = harness.run(_case(tmp_path), tmp_path / "case")
    assert calls == ["fork"]
    assert outcome.code == 1 and "ZM" in outcome.output, outcome.output[-2000:]
    assert outcome.root.name == "case-fresh" and not problems(outcome)


def test_a_hang_in_a_fresh_interpreter_too_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(harness, "MODE", "fork")
    monkeypatch.setattr(harness, "_run_forked", lambda *a, **k: (None, b"", b""))
    monkeypatch.setattr(harness, "_run_subprocess", lambda *a, **k: (None, b"", b""))
    outcome = harness.run(_case(tmp_path), tmp_path / "case")
    assert any(p.startswith("hang:") for p in problems(outcome))
