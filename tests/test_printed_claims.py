"""Every sentence `migrate scan` and `migrate code` print about fixtures/corpus is true, checked
the way a new user would: against the files (tests/claims.py: the scan summary and its counts in
every output format, the files `--check` and the diff name and what `--fix` really changed, the
diff applied with patch(1) equal to what `--fix` wrote, "fixed N files: per rule" equal to the
scan's fixable findings per rule, "left for a human" per rule, "N TODO lines written" equal to
the TODO lines the files got (per file kind), every finding left marked in its file, "N of them
can be rewritten with --unsafe-fixes" equal to what an --unsafe-fixes run then rewrites, a
re-scan that reports nothing the fix claimed to handle, and a second run that changes nothing),
at both levels (--fix, --unsafe-fixes). Runs on a copy; ~40 s."""

import os

import pytest

from tests import claims

CORPUS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures", "corpus")


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    c = claims.Claims(str(tmp_path_factory.mktemp("claims")), "corpus")
    scan_dir = c.fresh(CORPUS, "scan")
    data = c.scan_json(scan_dir)
    c.check_scan_formats(scan_dir, data)
    for unsafe in (False, True):
        c.check_code(CORPUS, unsafe)
    return c


def test_every_printed_claim_about_the_corpus_is_true(checked):
    assert not checked.problems, "\n".join(checked.problems)


def test_todo_lines_are_counted_for_every_file_kind_of_the_corpus(checked):
    for level in ("--fix", "--unsafe-fixes"):
        kinds = checked.per_kind_todos[level]
        assert kinds.get("py", 0) > 0 and kinds.get("yaml", 0) > 0 and kinds.get("makefile", 0) > 0, kinds


def test_the_known_rescan_gaps_are_still_there(checked):
    # the list only shrinks: when a rule learns the Client spelling, remove its code from
    # claims.KNOWN_RESCAN_GAPS
    assert set(checked.known_gaps) == claims.KNOWN_RESCAN_GAPS, dict(checked.known_gaps)


def test_the_secret_check_knows_the_values_the_reports_must_hide(tmp_path):
    from tests.claims import Claims, secret_values

    (tmp_path / "deploy.sh").write_text("zenml experiment-tracker register m --flavor=mlflow --tracking_password=TrPw-1234 -t x\n")
    (tmp_path / "cfg.py").write_text('DSN = "host=db password=DbPw-5678"\ntokenizer = make_tokenizer()\n')
    found = secret_values(str(tmp_path))
    assert {key.split("\0")[1] for key in found} == {"TrPw-1234", "DbPw-5678"}, found
    claims = Claims(str(tmp_path))
    claims.secrets = found
    claims.check_no_secret("4 | --tracking_password=********", "full")
    claims.check_no_secret("zenml secret get TrPw-1234", "full")  # the value alone: a name used elsewhere
    assert claims.problems == []
    claims.check_no_secret("+DSN = \"host=db password=DbPw-5678\"", "diff")
    assert claims.problems and "cfg.py:1" in claims.problems[0] and "DbPw" not in claims.problems[0]
