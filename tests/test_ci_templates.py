"""CI templates of any file name (an Azure Pipelines ``steps``/``jobs``/``stages`` template a
pipeline includes): their steps' ``script``/``bash``/``pwsh`` commands are read; reported like a
manifest's (TODO notes, no rewrite). A run config's ``steps:`` mapping is not a template."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

TEMPLATE = """parameters:
  - name: profile
    default: nightly
jobs:
  - job: retrain
    pool: {vmImage: ubuntu-22.04}
    steps:
      - checkout: self
      - bash: |
          zenml profile set ${{ parameters.profile }}
          zenml stack list
      - pwsh: zenml stack update nightly_stack -m nightly_md
"""

RUN_CONFIG = """name: training_pipeline
steps:
  trainer:
    parameters:
      note: "zenml profile set not_a_command"
"""


def _found(text: str, name: str):
    return [(f.code, f.span.line) for f in scan_source(text, name) if f.code.startswith("ZM9")]


def test_template_steps():
    assert _found(TEMPLATE, ".pipelines/jobs/retrain.yml") == [("ZM950", 10), ("ZM952", 12)]
    assert _found(RUN_CONFIG, "configs/train.yml") == []


def test_fix_writes_notes_only():
    out = fix_source(TEMPLATE, ".pipelines/jobs/retrain.yml").text
    assert "      - bash: |\n          # TODO(zenml-migrate): ZM950 " in out
    assert "      # TODO(zenml-migrate): ZM952 " in out and "-m nightly_md" in out
