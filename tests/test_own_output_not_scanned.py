"""The tool never reads its own output as the project's (review30 R8, R8b).

A new user writes the HTML report into the project (README: `--format html -o report.html`), or
keeps `migrate profiles --report report.md` / a `--bundle` folder next to the code: the `zenml`
commands those quote were findings (10 in the report, 6 ZM954 on the bundle's import.sh), `--fix`
rewrote the report and wrote TODO lines into the bundle's script, and the re-scan never went
clean. Reports carry ``own_output.MARK``; a folder holding the bundle manifest is skipped."""

import shutil

from tests.profiles.test_readers import fixture
from tests.scan_helpers import codes, migrate, scan_json, write_tree

PROJECT = {
    "run.py": "from zenml.repository import Repository\n\nprint(Repository().active_stack.name)\n",
    "setup.sh": "zenml stack register local -o default -a default -m default\nzenml stack set local\n",
}


def test_a_report_or_a_bundle_written_into_the_project_changes_no_finding(tmp_path):
    root = write_tree(tmp_path / "proj", PROJECT)
    before = codes(scan_json(root))
    assert before and {p for p, _, _ in before} == {"run.py", "setup.sh"}, before
    assert migrate(["scan", "--no-cache", ".", "--format", "html", "-o", "report.html"], root).code == 1
    legacy = tmp_path / "legacy"
    shutil.copytree(fixture("script_materializer"), legacy)
    made = migrate(["profiles", str(legacy), "--bundle", str(root / "migration_bundle"), "--report", str(root / "report.md")], root)
    assert made.code == 0, made.out + made.err
    assert (root / "migration_bundle" / "import.sh").is_file() and "zenml stack import" in (root / "migration_bundle" / "import.sh").read_text()
    for report in ("report.html", "report.md"):
        assert "zenml stack" in (root / report).read_text(), report  # they quote the project's commands
    assert codes(scan_json(root)) == before
    kept = {p: (root / p).read_bytes() for p in ("report.html", "report.md", "migration_bundle/import.sh")}
    fixed = migrate(["code", "--fix", "--no-cache", "."], root)
    assert "report" not in fixed.err and "migration_bundle" not in fixed.err, fixed.err
    assert {p: (root / p).read_bytes() for p in kept} == kept


def test_a_file_that_only_mentions_the_tool_is_scanned():
    """The mark is the whole comment the tool writes, not the tool's name."""
    from zenml_migrate.scan.own_output import written_by_us

    assert not written_by_us(b"<!-- written by zenml-migrate -->\n<pre>zenml stack up</pre>\n")
    assert not written_by_us(b"# notes\nThe report was written by zenml-migrate: not scanned by us.\n")
    assert written_by_us(b"<!doctype html>\n<!-- written by zenml-migrate: not scanned -->\n<html>")
