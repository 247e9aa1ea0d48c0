"""A CircleCI ``circleci/python`` orb step ``- ALIAS/install-packages:`` runs the install command of
its ``pkg-manager`` (``pip``, ``pip-dist``, or the orb's default ``pipenv``) with its ``args``: a
zenml requirement there is a pin (fixed in place); poetry's ``args`` are options, not packages."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

CONFIG = """version: 2.1
orbs:
  py: circleci/python@2.1.1
jobs:
  build:
    executor: py/default
    steps:
      - checkout
      - py/install-packages:
          pkg-manager: pip
          # the trainer's own pin
          args: "zenml[server]==0.12.0 scikit-learn"
      - py/install-packages: {pkg-manager: pipenv, args: zenml~=0.13.0}
      - py/install-packages: {pkg-manager: poetry, args: --no-root}
      - py/install-packages:
          args: --dev 'zenml>=0.10,<0.14'
      - py/install-packages: {args: zenml>=0.20}
      - other/install-packages: {pkg-manager: pip, args: zenml==0.11.0}
"""


def _pins(text, filename=".circleci/config.yml"):
    return [(f.span.line, f.fix) for f in scan_source(text, filename) if f.code == "ZM970"]


def test_orb_install_args_are_pins():
    assert _pins(CONFIG) == [(12, "safe"), (13, "safe"), (16, None)]  # a range: for a human


def test_fix_rewrites_the_version_in_place():
    out = fix_source(CONFIG, ".circleci/config.yml").text
    assert 'args: "zenml[server]==0.20.5 scikit-learn"' in out
    assert "{pkg-manager: pipenv, args: zenml~=0.20.5}" in out
    assert "other/install-packages: {pkg-manager: pip, args: zenml==0.11.0}" in out  # not the python orb
    assert _pins(out) == [(17, None)]  # the range, below its TODO line
    assert "      # TODO(zenml-migrate): ZM970" in out.splitlines()[14]


def test_default_alias_without_orbs_key():
    text = "jobs:\n  t:\n    steps:\n      - python/install-packages:\n          pkg-manager: pip-dist\n          args: zenml==0.13.2\n"
    assert _pins(text) == [(6, "safe")]
