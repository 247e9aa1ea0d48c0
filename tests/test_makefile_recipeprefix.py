"""GNU make's ``.RECIPEPREFIX``: from that line on, a recipe line starts with its character
instead of a tab (``.RECIPEPREFIX = >`` then ``> zenml ...``)."""

from zenml_migrate.api import scan_source

MAKEFILE = """\
stack:
\tzenml stack set train --global

.RECIPEPREFIX := >

profile:
> @zenml profile delete scratch
> zenml stack list
"""


def test_recipe_prefix():
    found = [(f.code, f.span.line) for f in scan_source(MAKEFILE, "Makefile") if f.code.startswith("ZM9")]
    assert found == [("ZM950", 2), ("ZM950", 7)]
