"""One command read by two readers of a file (two sections over the same text) is one finding,
and ``migrate code`` counts what the scan shows: fixed + left == the scan's findings."""

from zenml_migrate.fix.command_fix import fix_commands
from zenml_migrate.fix.fixer import FixOptions
from zenml_migrate.rules import all_rules
from zenml_migrate.scan.command_lines import Section
from zenml_migrate.scan.command_scan import find_matches, to_findings

TEXT = "zenml stack register nightly -m meta -a default -o default && zenml profile set nightly\n"


def _twice(text):
    return [Section(text, 0), Section(text, 0)]  # two readers yielding the same command line


def test_two_readers_of_one_command_give_one_match_each():
    matches = find_matches(TEXT, _twice(TEXT), all_rules())
    assert sorted(m.rule.code for m in matches) == ["ZM950", "ZM952"]


def test_the_fix_counts_what_the_scan_shows():
    rules = all_rules()
    findings = to_findings("run.sh", TEXT, find_matches(TEXT, _twice(TEXT), rules))
    new, fixed, left = fix_commands(TEXT, findings, _twice, rules, FixOptions(), "run.sh")
    assert sum(fixed.values()) + len(left) == len(findings) == 2
    assert "-m meta" not in new
