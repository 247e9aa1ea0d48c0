"""GitLab CI shares command lists through YAML anchors: ``.setup: &setup`` holding a list that
``before_script: *setup`` (or ``- *setup`` inside a script list) runs. Such a list is read as
a script, and an anchor written on a script key itself (``script: &train``) is no command
(held-out 13: ``zenml profile create/set`` and a ``pip install zenml==${ZENML_VERSION}`` in a
``.zenml_setup: &zenml_setup`` list were not reported)."""

import yaml

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

GITLAB = """\
variables:
  ZENML_VERSION: "0.12.0"

.defaults: &defaults
  - nothing here runs: zenml profile set nope

.install_steps: &install_steps
  - python -m pip install "zenml==$ZENML_VERSION"
  - zenml stack register gl -m meta -a art -o orch

deploy:
  variables: *defaults
  script: &deploy_script
    - *install_steps
    - zenml profile set deploy

again:
  before_script: *deploy_script
  script:
    - echo done
"""


def test_anchored_command_lists_are_read():
    found = [(f.code, f.span.line) for f in scan_source(GITLAB, ".gitlab-ci.yml")]
    assert found == [("ZM970", 8), ("ZM952", 9), ("ZM950", 15)]


def test_fixed_file_is_still_the_same_yaml_but_for_the_fix():
    fixed = fix_source(GITLAB, ".gitlab-ci.yml").text
    assert "  - zenml stack register gl -a art -o orch\n" in fixed
    assert "# TODO(zenml-migrate): ZM950 " in fixed and "# TODO(zenml-migrate): ZM970 " in fixed
    before, after = yaml.safe_load(GITLAB), yaml.safe_load(fixed)
    assert after["deploy"]["script"][0][1] == "zenml stack register gl -a art -o orch"
    after["deploy"]["script"][0][1] = before["deploy"]["script"][0][1]
    assert after == before


# an anchored block scalar (``.check: &check |``) used as one item of a script list
GITLAB_BLOCK = """\
.zen_checks: &zen_checks |
  zenml stack describe
  zenml metadata-store list

.doc_only: &doc_only |
  zenml profile set never-run

lint:
  image: python:3.9
  script:
    - *zen_checks
    - echo done
  after_script:
    - echo no alias of doc_only here
"""


def test_an_anchored_block_scalar_used_as_a_script_item_is_read():
    found = [(f.code, f.span.line) for f in scan_source(GITLAB_BLOCK, ".gitlab-ci.yml") if f.code.startswith("ZM9")]
    assert found == [("ZM951", 3)]
