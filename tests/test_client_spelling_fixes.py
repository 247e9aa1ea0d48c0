"""A member of the 0.13.2 ``Repository`` that no 0.20 release has, spelled on ``Client`` (the
0.20 name ``--fix`` renames ``Repository`` to): the rule of the Repository spelling reports it,
with its fix, and that fix rewrites the Client spelling too.

Before, a rule with a fix gave way to ZM004 there: after ``--fix`` renamed the owner, an unsafe
ZM430 (``stack_configurations``) became a ZM004 for a human, so ``--fix`` printed "2 of them can
be rewritten with --unsafe-fixes" and the ``--unsafe-fixes`` run that followed left them
(held-out odds_and_ends/dynamic.py, stack_admin/describe.py)."""

import os
import subprocess
import sys
import textwrap

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.rules import all_rules
from zenml_migrate.rules.base import Ref


def _client_spelling(code: str) -> str:
    return code.replace("zenml.repository import Repository", "zenml.client import Client").replace("Repository", "Client")


def _cases(reported: bool):
    """The Bad examples of the rules matched on a Repository member, spelled on Client: those the
    rule still reports on that spelling (``reported``) or not (the Client spelling is valid on
    0.20, e.g. ZM108's own rename, or the example's import path has no Client: another rule's)."""
    for rule in all_rules():
        if rule.fix_value is None:
            continue
        names = [n for m in rule.match if isinstance(m, Ref) for n in m.names if n.startswith("zenml.repository.Repository")]
        if not names:
            continue
        for i, example in enumerate(rule.bad):
            if not example.filename.endswith(".py"):
                continue
            found = [f for f in scan_source(_client_spelling(example.code), example.filename) if f.code == rule.code]
            if bool(found) == reported:
                yield pytest.param(rule, example, id=f"{rule.code}-bad{i}")


@pytest.mark.parametrize("rule,example", list(_cases(reported=True)))
def test_the_fix_of_a_repository_member_rule_rewrites_the_client_spelling(rule, example):
    code = _client_spelling(example.code)
    found = [f for f in scan_source(code, example.filename) if f.code == rule.code]
    result = fix_source(code, example.filename, **{**example.fix_options(), "unsafe": True})
    assert result.error is None
    assert not [f for f in result.remaining if f.code == rule.code], result.text
    assert result.applied[rule.code] == len(found)


@pytest.mark.parametrize("rule,example", list(_cases(reported=False)))
def test_a_client_spelling_the_rule_does_not_report_leaves_no_promised_fix(rule, example):
    # not this rule's: whatever else reports it, --unsafe-fixes leaves nothing it promised
    code = _client_spelling(example.code)
    promised = [f for f in scan_source(code, example.filename) if f.fix in ("safe", "unsafe")]
    result = fix_source(code, example.filename, **{**example.fix_options(), "unsafe": True})
    assert result.error is None
    assert not [f for f in result.remaining if f.fix in ("safe", "unsafe")], result.text
    assert sum(result.applied.values()) >= len(promised)


def test_unsafe_fixes_after_fix_applies_what_fix_said_it_would(tmp_path):
    (tmp_path / "stacks.py").write_text(textwrap.dedent(
        """\
        from zenml.repository import Repository


        def stacks():
            return list(Repository().stack_configurations)
        """
    ))

    def code(*flags):
        p = subprocess.run([sys.executable, "-m", "zenml_migrate", "code", "--no-cache", *flags, "stacks.py"],
                           cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
        return p.stderr

    first = code("--fix")
    assert "1 of them can be rewritten with --unsafe-fixes" in first, first
    second = code("--fix", "--unsafe-fixes")
    assert "fixed 1 file: ZM430 x1" in second, second
    assert "left for a human" not in second, second
    assert "Client().stack_configurations" not in (tmp_path / "stacks.py").read_text()
