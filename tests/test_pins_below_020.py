"""An exclusive upper bound at 0.20 (``zenml<0.20``, ``>=0.10,<0.20.0``) names 0.20 but allows no
0.20 release: a pin to report (no automatic fix: which 0.20 versions to allow is a choice); bounds
that let a 0.20 release in (``<0.21``, ``<=0.20.0``, ``<0.20.1``) and ``==0.21`` are not."""

import pytest

from zenml_migrate.api import scan_source
from zenml_migrate.scan import pins


@pytest.mark.parametrize("requirement", ["zenml<0.20", "zenml[server]<0.20.0", "zenml>=0.10,<0.20", "zenml>0.12, <0.20"])
def test_bound_below_020_is_a_pin(requirement):
    pin = pins.requirement(requirement, 0, len(requirement), "0.20.5")
    assert pin is not None and pin.replacement is None and pin.why_no_fix


@pytest.mark.parametrize("requirement", ["zenml<0.21", "zenml<=0.20.0", "zenml<0.20.1", "zenml==0.21.0", "zenml<1.0"])
def test_bounds_that_allow_020_are_not(requirement):
    assert pins.requirement(requirement, 0, len(requirement), "0.20.5") is None


def test_in_a_requirements_file():
    found = [(f.code, f.span.line, f.fix) for f in scan_source("pandas\nzenml[server]<0.20  # stay on 0.13\n", "requirements.txt")]
    assert found == [("ZM970", 2, None)]
