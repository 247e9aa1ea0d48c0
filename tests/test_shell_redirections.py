"""Shell redirections are no words of a command. 'pip install "zenml<0.14">/dev/null' and
'pip install zenml==0.13.2>/tmp/pip.log 2>&1' (a redirection glued to the requirement, as
quiet install lines in setup scripts write it) read as one word 'zenml<0.14>/dev/null', so the
pin was not reported and not fixed; '> out.txt', '2>&1' and '<<< text' were words of the zenml
command (``/dev/null`` an argument)."""

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.command_lines import split_commands


@pytest.mark.parametrize(
    "line,words",
    [
        ("zenml stack describe prod>out.txt 2>&1", ["zenml", "stack", "describe", "prod"]),
        ("zenml stack list 1> out.txt 2>> err.txt", ["zenml", "stack", "list"]),
        ("zenml stack set prod </dev/null", ["zenml", "stack", "set", "prod"]),
        ("zenml stack list >| out.txt", ["zenml", "stack", "list"]),
        ("zenml stack set prod <<< yes", ["zenml", "stack", "set", "prod"]),
        ('zenml stack set "a>b" x2', ["zenml", "stack", "set", "a>b", "x2"]),  # quoted: a word
    ],
)
def test_redirections_are_no_words(line, words):
    assert [[w.value for w in c] for c in split_commands(line)] == [words]


def test_a_pin_with_a_glued_redirection_is_read_and_fixed():
    text = 'pip3 install -q "zenml[server]==0.12.0">/dev/null\npip install zenml~=0.13.1>>pip.log 2>&1\npython -m pip install "zenml<0.14" 2>/dev/null\n'
    found = [(f.code, f.span.line, f.fix) for f in scan_source(text, "quiet_setup.sh")]
    assert found == [("ZM970", 1, "safe"), ("ZM970", 2, "safe"), ("ZM970", 3, None)]
    fixed = fix_source(text, "quiet_setup.sh").text
    assert 'pip3 install -q "zenml[server]==0.20.5">/dev/null\n' in fixed
    assert "pip install zenml~=0.20.5>>pip.log 2>&1\n" in fixed
    assert '# TODO(zenml-migrate): ZM970' in fixed and 'python -m pip install "zenml<0.14" 2>/dev/null\n' in fixed


def test_a_redirection_target_is_no_argument_of_zenml():
    # the metadata store option is still found, the file names around it are not read as options
    text = "zenml stack register s -m default -a default -o default >stack.log 2>&1\nzenml stack list > --artifact_store\n"
    assert [(f.code, f.span.line) for f in scan_source(text, "setup.sh")] == [("ZM952", 1)]
