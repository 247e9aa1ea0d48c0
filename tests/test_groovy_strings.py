"""A Jenkins ``sh``/``bat`` step is Groovy code: one written inside a Groovy string or comment is
text, not a step (``echo 'run sh "zenml ..." by hand'``), while a step in the ``${...}`` of a
double-quoted string runs."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

PIPELINE = """pipeline {
  agent any
  stages {
    stage('setup') {
      steps {
        echo 'to debug: sh "zenml profile list" on the agent'
        echo "or bat 'zenml profile describe' on Windows"
        // sh 'zenml profile get'
        /* old:
           sh "zenml stack up"
        */
        sh "zenml profile set ${params.PROFILE}"
        script {
          env.ACTIVE = "${sh(script: 'zenml profile get', returnStdout: true).trim()}"
        }
        echo '''sh 'zenml metadata-store list' ran before'''
        sh '''zenml metadata-store describe'''
      }
    }
  }
}
"""


def _found(text, filename="Jenkinsfile"):
    return [(f.code, f.span.line) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


def test_steps_in_strings_and_comments_are_not_read():
    lines = [line for _, line in _found(PIPELINE)]
    assert lines == [12, 14, 17]


def test_fix_leaves_strings_and_comments_alone():
    out = fix_source(PIPELINE, "Jenkinsfile").text
    for kept in ("echo 'to debug: sh \"zenml profile list\" on the agent'", "echo \"or bat 'zenml profile describe' on Windows\"",
                 "// sh 'zenml profile get'", "   sh \"zenml stack up\"", "echo '''sh 'zenml metadata-store list' ran before'''"):
        assert kept in out
    assert out.count("TODO(zenml-migrate)") == 3  # one per step that runs


def test_one_line_string_left_open_ends_at_its_line():
    text = "node {\n  echo 'it\n  sh 'zenml profile get'\n}\n"
    assert [line for _, line in _found(text, "vars/x.groovy")] == [3]
