"""Makefiles: the command of a ``$(shell ...)`` function (in a variable, a conditional or a
recipe; once each) and the body of a ``define`` ... ``endef`` canned recipe are shell lines."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

MAKEFILE = """CURRENT := $(shell zenml profile get 2>/dev/null | tail -n1)
STACKS = ${shell zenml stack list}
ifeq ($(shell zenml metadata-store list >/dev/null; echo $$?),0)
HAS_MD := yes
endif

define NEW_STACK
@echo "registering $(1)"
zenml stack update $(1) -m $(2)
endef

stack:
\t$(call NEW_STACK,dev,md)
\t@echo "profile: $(shell zenml profile describe)"
"""


def _found(text: str):
    return [(f.code, f.span.line) for f in scan_source(text, "Makefile") if f.code.startswith("ZM9")]


def test_shell_functions_and_canned_recipes():
    assert _found(MAKEFILE) == [("ZM950", 1), ("ZM951", 3), ("ZM952", 9), ("ZM950", 14)]


def test_fix():
    out = fix_source(MAKEFILE, "Makefile").text
    assert "zenml stack update $(1)\nendef" in out
    assert "# TODO(zenml-migrate): ZM950 " in out.splitlines()[0]
