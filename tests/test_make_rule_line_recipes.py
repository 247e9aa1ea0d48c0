"""A Make rule whose recipe is on the rule line, after ``;`` (GNU make, "Rule Syntax"): the text
after the ``;`` is a recipe line (review29 R7: ``ci: ; zenml profile set ci`` got no finding while
the same command on a tab-indented recipe line did). Assignments, target-specific variables,
conditionals and comments are no rule lines."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

MAKEFILE = """\
ci: ; zenml profile set ci
stack: deps ; @zenml stack register s -m default -a default -o default
deps: ; pip install zenml==0.13.2
%.done: %.yaml ; zenml stack import x -f $<
STACK := a;b
train: STACK = zenml profile set x; true
ifeq ($(A),b;c)
endif
# docs: ; zenml profile list
"""


def test_recipes_after_the_semicolon_of_a_rule_line():
    found = [(f.code, f.span.line, f.span.column) for f in scan_source(MAKEFILE, "Makefile") if f.code.startswith("ZM9")]
    assert found == [("ZM950", 1, 7), ("ZM952", 2, 39), ("ZM970", 3, 21), ("ZM954", 4, 18)]


def test_the_fix_edits_the_recipe_in_place():
    out = fix_source(MAKEFILE, "Makefile").text.splitlines()
    assert "stack: deps ; @zenml stack register s -a default -o default" in out
    assert "deps: ; pip install zenml==0.20.5" in out
    assert out[out.index("ci: ; zenml profile set ci") - 1].startswith("# TODO(zenml-migrate): ZM950")


def test_a_recipe_line_of_another_prefix_is_read_whole():
    """``.RECIPEPREFIX = >``: a recipe line holding ``:`` and ``;`` is a recipe line, not a rule line."""
    text = ".RECIPEPREFIX = >\nci:\n> echo a: b; zenml profile set ci\n"
    assert [(f.code, f.span.line, f.span.column) for f in scan_source(text, "Makefile")] == [("ZM950", 3, 14)]
