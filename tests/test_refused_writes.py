"""A file ``code --fix`` leaves unchanged (read-only, changed during the run, outside the
paths given, hard-linked) keeps every finding: the ones its rewrite would have fixed are listed
at the scan's places, counted, and the error says why. Changed during the run = other bytes
than those read (an mtime alone is not a change)."""

import os
import stat

from tests.scan_helpers import migrate, write_tree
from zenml_migrate.fix.files import FileFix
from zenml_migrate.fix.write import real_roots, write_fixes

LEGACY = (
    "from zenml.repository import Repository\n"
    "\n"
    "repo = Repository()\n"
    "print(repo.active_stack_name)\n"
    'repo.activate_profile("x")\n'
)


def test_read_only_file_lists_the_findings_its_fix_would_have_fixed(tmp_path):
    write_tree(tmp_path, {"ro.py": LEGACY, "ok.py": "from zenml.repository import Repository\nr = Repository()\n"})
    os.chmod(tmp_path / "ro.py", 0o444)
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert run.code == 2
    assert (tmp_path / "ro.py").read_text() == LEGACY
    err = run.err.splitlines()
    assert "fixed 1 file: ZM108 x2" in err  # ok.py only
    assert (  # ZM461 comments the statement out (an unsafe fix), which resolves it
        "  ro.py:5:1: ZM401 Profiles and store helpers are gone from the client in ZenML 0.20 "
        "(resolved by the ZM461 fix of this file) [an unsafe fix: --unsafe-fixes]"
    ) in err
    i = err.index("not fixed: 3 findings (ZM108 x2, ZM402 x1) in files left unchanged (see the errors below)")
    assert err[i + 1:i + 4] == [
        "  ro.py:1:30: ZM108 `Repository` is `Client` (zenml.client) in ZenML 0.20",
        "  ro.py:3:8: ZM108 `Repository` is `Client` (zenml.client) in ZenML 0.20",
        "  ro.py:4:7: ZM402 `active_stack_name` is `active_stack_model.name` in ZenML 0.20",
    ]
    assert err[i + 4].startswith("error: ro.py: is read-only (mode 0444)")
    scan = migrate(["scan", "--no-cache", "--format", "concise", "ro.py"], tmp_path).out
    for line in err[i + 1:i + 4] + ["  ro.py:5:1: ZM401 Profiles"]:
        assert " ".join(line.split()[:2]) in scan  # the scan's places
    quiet = migrate(["code", "--fix", "--no-cache", "-q", "ro.py"], tmp_path).err
    assert "not fixed: 3 findings (ZM108 x2, ZM402 x1)" in quiet and "ro.py:1:30" not in quiet


def test_a_file_changed_during_the_run_is_refused_a_touched_one_is_written(tmp_path):
    changed, touched = tmp_path / "changed.py", tmp_path / "touched.py"
    old = b"x = 1\n"
    changed.write_bytes(b"x = 2\n")  # same size, other bytes: someone edited it since it was read
    touched.write_bytes(old)
    os.utime(touched, ns=(1, 1))  # another mtime, the bytes that were read
    fixes = [FileFix(str(changed), "py", old, new=b"x = 3\n"), FileFix(str(touched), "py", old, new=b"x = 3\n")]
    written = write_fixes(fixes, real_roots([str(tmp_path)]))
    assert [f.path for f in written] == [str(touched)]
    assert touched.read_bytes() == b"x = 3\n"
    assert changed.read_bytes() == b"x = 2\n"
    assert fixes[0].error.startswith("changed during the run") and fixes[0].new is None and fixes[0].refused == b"x = 3\n"


def test_hard_linked_file_lists_its_fixable_findings(tmp_path):
    write_tree(tmp_path, {"proj/a.py": "from zenml.repository import Repository\n", "other/b.py": ""})
    os.unlink(tmp_path / "other" / "b.py")
    os.link(tmp_path / "proj" / "a.py", tmp_path / "other" / "b.py")
    run = migrate(["code", "--fix", "--no-cache", "proj"], tmp_path)
    assert run.code == 2
    assert "not fixed: 1 finding (ZM108 x1) in files left unchanged (see the errors below)" in run.err
    assert "  proj/a.py:1:30: ZM108 " in run.err and "hard links" in run.err
    assert stat.S_ISREG(os.stat(tmp_path / "proj" / "a.py").st_mode) and os.stat(tmp_path / "proj" / "a.py").st_nlink == 2


def test_a_file_deleted_during_the_run_is_not_written_back(tmp_path):
    gone = tmp_path / "gone.py"
    fixes = [FileFix(str(gone), "py", b"x = 1\n", new=b"x = 2\n")]  # read by the scan, deleted since
    assert write_fixes(fixes, real_roots([str(tmp_path)])) == []
    assert not gone.exists() and fixes[0].error.startswith("vanished during the run")
    assert os.listdir(tmp_path) == []  # no temp file left
