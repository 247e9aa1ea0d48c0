"""CI files found by what includes them, not by a fixed name: GitLab ``include:`` targets
(``*.gitlab-ci.yml``, ``.gitlab/ci/*.yml``), Jenkins shared-library steps (``vars/*.groovy``,
``*.jenkinsfile``), and Jenkins ``sh`` steps with named arguments before ``script:``."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of


def _found(text: str, filename: str):
    return [(f.code, f.span.line) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


def test_kinds():
    assert kind_of("ci/jobs/nightly.gitlab-ci.yml") == kind_of(".gitlab/ci/deploy.yaml") == "ci_yaml"
    assert kind_of(".gitlab/issue_templates/bug.md") == "markdown"
    assert kind_of("shared/vars/stackUp.groovy") == kind_of("ci/release.jenkinsfile") == "jenkinsfile"
    assert kind_of("pipelines/stacks.yml") == "yaml"


INCLUDED = """.stack_job:
  script:
    - zenml stack update ci_stack -m ci_md
    - zenml profile get
"""


def test_gitlab_include_target():
    assert _found(INCLUDED, "ci/jobs/nightly.gitlab-ci.yml") == [("ZM952", 3), ("ZM950", 4)]
    assert "    - zenml stack update ci_stack\n" in fix_source(INCLUDED, ".gitlab/ci/deploy.yaml").text


STEP = """def call(Map cfg = [:]) {
  sh label: "activate ${cfg.name}", returnStatus: true, script: "zenml profile set ${cfg.name}"
  sh(encoding: 'UTF-8', script: '''
    zenml metadata-store get
  ''')
}
"""


def test_groovy_steps_with_named_arguments():
    assert _found(STEP, "shared/vars/stackUp.groovy") == [("ZM950", 2), ("ZM951", 4)]
    out = fix_source(STEP, "shared/vars/stackUp.groovy").text
    assert "{\n  // # TODO(zenml-migrate): ZM950 " in out  # a Groovy comment above the step
