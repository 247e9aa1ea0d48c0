"""surface26's open item (h116 jupytext/train_percent.py:38): a jupytext ``.py`` notebook keeps
``!echo {Repository().active_stack_name}`` as the comment ``# !echo {...}``; opened as a notebook,
IPython expands the field as Python in the kernel's namespace first (as for nbconvert's
``get_ipython().system`` strings, tests/test_exported_command_fields.py). The field is read after
the file's text before it (its commented ``# %time`` magics run too), with no fix (a TODO), also
after ``--fix`` renamed the file's import."""

from zenml_migrate.api import scan_source

HEADER = "# ---\n# jupyter:\n#   jupytext:\n#     formats: ipynb,py:percent\n# ---\n\n"
MAGIC_IMPORT = HEADER + "# %%\n# %time from zenml.repository import Repository\n# !echo {Repository().active_stack_name}\n"
PY_IMPORT = HEADER + "# %%\nfrom zenml.repository import Repository\n\n# %%\n# !echo {Repository().active_stack_name}\n"


def _fields(text):
    return [(f.code, f.span.line, f.span.column, f.fix) for f in scan_source(text, "nb/train.py") if f.span.line == text.count("\n")]


def test_a_commented_escape_s_fields_are_read_after_the_commented_import():
    at = MAGIC_IMPORT.splitlines()[-1].index("Repository") + 1
    assert _fields(MAGIC_IMPORT) == [("ZM108", 9, at, None), ("ZM402", 9, at, None)]
    assert "a shell line jupytext keeps as a comment" in [f for f in scan_source(MAGIC_IMPORT, "nb/train.py") if f.span.line == 9][0].message


def test_after_the_fix_the_re_scan_keeps_them_and_a_second_fix_changes_nothing(tmp_path):
    from tests.scan_helpers import migrate, scan_json, write_tree

    at = PY_IMPORT.splitlines()[-1].index("Repository") + 1
    assert _fields(PY_IMPORT) == [("ZM108", 11, at, None), ("ZM402", 11, at, None)]
    write_tree(tmp_path, {"train.py": PY_IMPORT})
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    fixed = (tmp_path / "train.py").read_text()
    assert "from zenml.client import Client\n" in fixed and fixed.count("# TODO(zenml-migrate): ZM402 ") == 1, fixed
    assert sorted(f["code"] for f in scan_json(tmp_path).json()["findings"]) == ["ZM108", "ZM402"]
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert (tmp_path / "train.py").read_text() == fixed


def test_no_jupytext_header_or_no_zenml_name_is_nothing():
    assert _fields(PY_IMPORT.replace(HEADER, "")) == []  # a VS Code ``# %%`` script keeps it as a comment
    assert _fields(HEADER + "import os\n# !echo {os.getcwd()}\n") == []
