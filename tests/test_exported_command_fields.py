"""surface25's open item: nbconvert exports ``!echo {EXPR}`` as ``get_ipython().system("echo
{EXPR}")``; IPython expands the field as Python in the script's namespace first (a failing field is
kept as text, its error swallowed: on the real 0.20.5 `echo {Repository().active_stack_name}`
reaches bash as a syntax error, on 0.13.2 it printed the stack). The field is read after the
script (no fix: a TODO), also after ``--fix`` renamed the script's import; the command's own
findings stay python_commands' (with their fix)."""

from zenml_migrate.api import scan_source

SCRIPT = '''from zenml.repository import Repository
name = "s"
get_ipython().system("zenml stack register {name} -m default -a default -o default")
get_ipython().system("echo {Repository().active_stack_name}")
out = get_ipython().getoutput("echo {name} {Repository().active_stack_name}")
'''


def test_the_fields_of_an_exported_command_are_read_after_the_script():
    lines = SCRIPT.splitlines()
    found = [(f.code, f.span.line, f.span.column, f.fix) for f in scan_source(SCRIPT, "export/setup.py")]
    assert ("ZM952", 3, lines[2].index("-m default") + 1, "safe") in found
    assert [c for c, line, _, _ in found if line == 3] == ["ZM952"]  # once, with its fix
    for line in (4, 5):
        at = lines[line - 1].index("Repository") + 1
        assert ("ZM108", line, at, None) in found and ("ZM402", line, at, None) in found, found


def test_after_the_fix_the_re_scan_keeps_them_and_a_second_fix_changes_nothing(tmp_path):
    from tests.scan_helpers import migrate, scan_json, write_tree

    write_tree(tmp_path, {"setup.py": SCRIPT})
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    fixed = (tmp_path / "setup.py").read_text()
    assert fixed.startswith("from zenml.client import Client\n") and fixed.count("# TODO(zenml-migrate): ZM402 ") == 2
    assert sorted(f["code"] for f in scan_json(tmp_path).json()["findings"]) == ["ZM108", "ZM108", "ZM402", "ZM402"]
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert (tmp_path / "setup.py").read_text() == fixed


def test_a_field_reading_no_zenml_name_is_nothing():
    text = 'import os\nget_ipython().system("echo {os.getcwd()} {1 + 1}")\n'
    assert scan_source(text, "export/x.py") == []
