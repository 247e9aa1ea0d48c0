"""A command run through an alias or a function of the same script that runs its arguments
(``alias zs='zenml stack'``, ``z() { zenml "$@"; }``, ``with_retries() { ... "$@" ...; }``, fish
``function zf; zenml $argv; end``) is read with the words it runs, reported where it is called."""

from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.api import scan_source


def _found(text, filename="tools/ops.sh"):
    return [(f.code, f.span.line) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


ALIASES = """#!/bin/bash
shopt -s expand_aliases
alias zs='zenml stack' zp="zenml profile"
alias zml=zenml
zs list
zs set research --global
zp create research
zml metadata-store list
zp list
zs register research -m default -a default -o default
"""


def test_aliases_are_expanded_where_they_are_called():
    lines = {line for _, line in _found(ALIASES)}
    assert lines == {6, 7, 8, 10}


def test_the_fix_edits_the_call_not_the_alias():
    fixed = fix_source(ALIASES, "tools/ops.sh").text
    assert "\nzs register research -a default -o default\n" in fixed
    assert "\nalias zs='zenml stack' zp=\"zenml profile\"\n" in fixed
    assert "\n# TODO(zenml-migrate): ZM950" in fixed


FUNCTIONS = """#!/usr/bin/env bash
z() { zenml "$@"; }
function zz {
    command zenml "$@" 2>/dev/null
}
with_retries() {
    for attempt in 1 2 3; do
        "$@" && return 0
        sleep 10
    done
    return 1
}
log() { echo "$@" >&2; }

z stack list
z profile create research
zz metadata-store describe
with_retries zenml stack update research -m md_research
with_retries zenml stack describe
log zenml profile create is not run here
"""


def test_functions_that_run_their_arguments():
    assert {line for _, line in _found(FUNCTIONS)} == {16, 17, 18}


def test_fish_functions_and_aliases():
    script = """function zf --description 'zenml'
    if test -n "$CI"
        echo ci
    end
    zenml $argv
end
alias zsl 'zenml stack list'
zf profile delete research
zf stack list
zsl
"""
    assert {line for _, line in _found(script, "tools/zen.fish")} == {8}


def test_an_option_written_in_the_alias_is_left_for_a_human():
    script = "alias zreg='zenml stack register -m default'\nzreg research -a default -o default\n"
    found = [f for f in scan_source(script, "tools/ops.sh") if f.code.startswith("ZM9")]
    assert [(f.span.line, f.fix) for f in found] == [(2, None)]
    assert "is written in the definition of `zreg`, not in this line" in found[0].message
    assert fix_source(script, "tools/ops.sh").text.endswith("\nzreg research -a default -o default\n")


def test_a_function_definition_line_is_no_call_of_it():
    # ``reg() {`` defines ``reg``: read as a call, it was ``zenml stack register`` with no options
    # (a false "needs -a/--artifact-store"); the call below gives them
    script = 'reg() {\n  zenml stack register "$@"\n}\nreg() { zenml stack register "$@" --set; }\nreg nightly -a local -o local\n'
    assert [(f.code, f.span.line) for f in scan_source(script, "bin/stacks.sh")] == []


ARRAYS = """#!/usr/bin/env bash
RUN=(pipenv run zenml)
OPTS=(--flavor=sqlite)
"${RUN[@]}" profile create "$1"
"${RUN[@]}" stack describe
zenml metadata-store register md "${OPTS[@]}"
STACK_ARGS=(stack update "$1" -m md)
zenml ${STACK_ARGS[*]}
zenml "${STACK_ARGS[*]}"
TWICE=(zenml)
TWICE=(echo)
"${TWICE[@]}" profile get
"""


def test_array_expansions():
    """``"${NAME[@]}"`` runs the items of the script's one ``NAME=(...)`` assignment (an array
    assigned twice is not known; a quoted ``"${NAME[*]}"`` is one word); an option written in the array has no fix at the use."""
    found = [(f.code, f.span.line, f.fix) for f in scan_source(ARRAYS, "bin/deploy.sh") if f.code.startswith("ZM9")]
    assert found == [("ZM950", 4, None), ("ZM951", 6, None), ("ZM952", 8, None)]
    assert "array `STACK_ARGS`" in next(f.message for f in scan_source(ARRAYS, "bin/deploy.sh") if f.code == "ZM952")
