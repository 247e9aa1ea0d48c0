"""The diff `migrate code` prints names each file so that `patch -p1` and `git apply` find it:
a name with a space ("Untitled 1.py", a Zeppelin note "ZenML Runs_2HXYZ.zpln") ends with a tab,
as git writes it (``patch`` otherwise stops the name at the first space and asks "File to patch:")."""

from tests.scan_helpers import migrate, write_tree

LEGACY = "from zenml.repository import Repository\n\nrepo = Repository()\n"


def test_a_name_with_a_space_ends_with_a_tab_in_the_diff_header(tmp_path):
    write_tree(tmp_path, {"nb/Untitled 1.py": LEGACY, "nb/plain.py": LEGACY})
    out = migrate(["code", "nb", "--no-cache", "--color", "never"], tmp_path).out
    headers = [line for line in out.splitlines() if line.startswith(("--- ", "+++ "))]
    assert headers == ["--- a/nb/Untitled 1.py\t", "+++ b/nb/Untitled 1.py\t", "--- a/nb/plain.py", "+++ b/nb/plain.py"]
