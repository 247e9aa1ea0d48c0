"""A here-document fed to python (``python - <<'PY'``, ``python3 <<END``) is Python code, read by
the Python rules like ``python -c CODE`` (held-out 13: ``python - <<'PY'`` with
``Repository().activate_stack(...)`` in a provisioning script had no finding)."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

SCRIPT = """\
#!/bin/bash
set -e
python3 <<END
from zenml.steps import BaseStepConfig
END
cat <<'TXT' > notes.txt
from zenml.repository import Repository
TXT
bash <<'SH'
zenml profile set ci
SH
"""


def test_python_heredoc_is_read():
    found = scan_source(SCRIPT, "setup.sh")
    assert [(f.code, f.span.line, f.fix) for f in found] == [("ZM101", 4, None), ("ZM950", 10, None)]  # cat's is no code
    assert "(in a here-document python reads; no automatic fix here" in found[0].message


def test_its_todo_goes_above_the_command():
    fixed = fix_source(SCRIPT, "setup.sh").text
    head, _, rest = fixed.partition("python3 <<END\n")
    assert head.splitlines()[-1].startswith("# TODO(zenml-migrate): ZM101 ")
    assert rest.startswith("from zenml.steps import BaseStepConfig\nEND\n")


def test_a_here_document_finding_says_what_is_true_of_it():
    """It said "the code is a word of a command line": a here-document body is lines of the file,
    which the fix does not rewrite (review27 R2); `python -c` code is a word."""
    found = scan_source(SCRIPT, "setup.sh")
    assert "word of a command line" not in found[0].message, found[0].message
    assert "the here-document is not rewritten, edit it by hand" in found[0].message, found[0].message
    c = scan_source("python -c 'from zenml.steps import BaseStepConfig'\n", "go.sh")
    assert [f.code for f in c] == ["ZM101"] and "(in `python -c`; no automatic fix here: the code is a word of a command line)" in c[0].message
