"""Snakemake files (``Snakefile``, ``*.smk``): a rule's ``shell:`` directive (same line or the
next, triple-quoted, raw, f-string) and ``shell("...")`` calls in a ``run:`` block are shell
lines; a ``"shell"`` dict key is not a directive. Fixes go into the string, notes above the line."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of

RULES = '''configfile: "config.yaml"
OPTS = {"shell": "zenml profile set not_a_directive"}

rule register:
    output: touch("stack.ok")
    shell: 'zenml stack update {params.s} -m {params.md}'

rule describe:
    input: rules.register.output
    shell:
        r"""
        set -e
        zenml metadata-store describe \\
          > {output}
        """

rule fit:
    run:
        shell("python prep.py && zenml profile set fit")
        shell(f"zenml profile get {wildcards.name}")
'''


def _found(text: str, filename: str):
    return [(f.code, f.span.line, f.span.column) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


def test_kind():
    assert kind_of("workflow/Snakefile") == kind_of("workflow/rules/train.smk") == "snakefile"


def test_shell_directives_and_calls():
    assert _found(RULES, "workflow/rules/train.smk") == [("ZM952", 6, 43), ("ZM951", 13, 9), ("ZM950", 19, 34), ("ZM950", 20, 17)]
    assert _found(RULES, "Snakefile") == _found(RULES, "workflow/rules/train.smk")


def test_fix_edits_the_string_and_notes_go_above():
    out = fix_source(RULES, "Snakefile").text
    assert "    shell: 'zenml stack update {params.s}'\n" in out
    assert "        set -e\n        # TODO(zenml-migrate): ZM951 " in out
    assert '    run:\n        # TODO(zenml-migrate): ZM950 ' in out
    assert 'OPTS = {"shell": "zenml profile set not_a_directive"}\n' in out
