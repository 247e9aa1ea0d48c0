"""A zenml version an install command takes from a value set elsewhere (review28 R2): a GitHub
workflow's ``strategy: matrix:`` entry, a reusable workflow's ``inputs.<name>`` ``default:``, a Helm
template's ``{{ .Values.x }}`` resolved against the chart's values files, and a plain requirement
value of a Helm values file (``extraPip: "zenml==0.13.2"``): ZM970, no fix, the TODO at the command
naming where the value is set (as ``env:`` values already are)."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source


def _pins(text, name):
    return [(f.span.line, f.message) for f in scan_source(text, name) if f.code == "ZM970"]


MATRIX = """on: push
jobs:
  t:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        zenml: ["0.12.3", "0.13.2"]
        python:
          - "3.8"
          - "3.9"
        include:
          - zenml: "0.11.0"
    steps:
      - run: pip install "zenml==${{ matrix.zenml }}"
"""


def test_a_matrix_value_of_an_old_release():
    [(line, message)] = _pins(MATRIX, ".github/workflows/ci.yml")
    assert line == 14
    assert "set to `0.12.3` on line 7, `0.13.2` on line 7, `0.11.0` on line 12: set it there" in message
    block = MATRIX.replace('zenml: ["0.12.3", "0.13.2"]', 'zenml:\n          - "0.20.5"\n          - "0.13.2"').replace(
        '          - zenml: "0.11.0"\n', '          - zenml: "0.20.0"\n')
    [(_, message)] = _pins(block, ".github/workflows/ci.yml")
    assert "set to `0.13.2` on line 9: set it there" in message  # one leg of the matrix installs 0.13.2
    new = MATRIX.replace('"0.12.3", "0.13.2"', '"0.20.0", "0.20.5"').replace('"0.11.0"', '"0.20.5"')
    assert _pins(new, ".github/workflows/ci.yml") == []


INPUTS = """on:
  workflow_call:
    inputs:
      zenml-version:
        type: string
        default: "0.13.2"
jobs:
  t:
    runs-on: ubuntu-latest
    steps:
      - run: pip install "zenml==${{ inputs.zenml-version }}"
      - run: pip install "zenml==${{ github.event.inputs.zenml-version }}"
"""


def test_a_reusable_workflows_input_default():
    found = _pins(INPUTS, ".github/workflows/reuse.yml")
    assert [line for line, _ in found] == [11, 12]
    assert "the version is `zenml-version`, set to `0.13.2` on line 6: set it there" in found[0][1]
    assert _pins(INPUTS.replace('        default: "0.13.2"\n', ""), ".github/workflows/reuse.yml") == []
    out = fix_source(INPUTS, ".github/workflows/reuse.yml").text
    assert out.count("# TODO(zenml-migrate): ZM970") == 2


def test_a_shell_variable_set_to_two_old_releases():
    text = "V=0.12.0\nif x; then\n  V=0.13.2\nfi\npip install zenml==$V\n"
    [(line, message)] = _pins(text, "install.sh")
    assert line == 5 and "`0.12.0` on line 1, `0.13.2` on line 3" in message
    assert _pins(text.replace("0.13.2", "0.20.5"), "install.sh") == []  # which one runs is not known


CHAINED = """on: push
env:
  PY: "3.9"
jobs:
  old:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        zenml: ["0.13.2"]
    env:
      ZENML_VERSION: ${{ matrix.zenml }}
    steps:
      - run: pip install zenml==$ZENML_VERSION
      - run: pip install "zenml==${ZENML_VERSION}"
  new:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        zenml: ["0.20.5"]
    env:
      ZENML_VERSION: ${{ matrix.zenml }}
    steps:
      - run: pip install zenml==$ZENML_VERSION
  direct:
    runs-on: ubuntu-latest
    strategy:
      matrix: {zenml: ["0.20.0"]}
    steps:
      - run: pip install "zenml==${{ matrix.zenml }}"
"""


def test_a_workflow_variable_set_from_the_matrix_and_the_jobs_own_values():
    """surface29 open item: ``env: ZENML_VERSION: ${{ matrix.zenml }}`` then ``zenml==$ZENML_VERSION`` is
    followed to the matrix; each job sees its own ``env:`` and ``matrix:`` (a job's values were read for
    every job of the file)."""
    found = _pins(CHAINED, ".github/workflows/ci.yml")
    assert [line for line, _ in found] == [13, 14], found
    assert "the version is `ZENML_VERSION` (set from `${{ matrix.zenml }}` on line 11), set to `0.13.2` on line 9" in found[0][1]
    out = fix_source(CHAINED, ".github/workflows/ci.yml").text
    assert out.count("# TODO(zenml-migrate): ZM970") == 2
    shell = "V=$OTHER\nOTHER=0.13.2\npip install zenml==$V\n"  # (a shell variable set from another one)
    assert [line for line, _ in _pins(shell, "install.sh")] == [3]


CHART = "apiVersion: v2\nname: job\nversion: 0.1.0\n"
VALUES = 'zenml:\n  version: "0.13.2"\nimage: ghcr.io/acme/app\nextraPip: "mlflow zenml==0.13.2"\n'
TEMPLATE = """apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-train
spec:
  template:
    spec:
      containers:
        - name: train
          image: "{{ .Values.image }}"
          command: ["/bin/sh", "-c"]
          args:
            - >-
              pip install "zenml=={{ .Values.zenml.version }}" &&
              python -m app.run
"""


def _chart(tmp_path, values=VALUES):
    chart = tmp_path / "chart"
    (chart / "templates").mkdir(parents=True, exist_ok=True)
    (chart / "Chart.yaml").write_text(CHART)
    (chart / "values.yaml").write_text(values)
    (chart / "templates" / "job.yaml").write_text(TEMPLATE)
    return chart


def test_a_helm_template_pin_from_the_charts_values(tmp_path):
    chart = _chart(tmp_path)
    path = str(chart / "templates" / "job.yaml")
    [(line, message)] = _pins(TEMPLATE, path)
    assert line == 14
    assert ("(`zenml=={{ .Values.zenml.version }}`; no automatic fix here: the version is `.Values.zenml.version`, "
            "set to `0.13.2` on line 2 of values.yaml: set it there)") in message
    [finding] = [f for f in scan_source(TEMPLATE, path) if f.code == "ZM970"]
    assert (finding.span.column, finding.span.end_column) == (27, 63)
    out = fix_source(TEMPLATE, path).text.splitlines()
    note = next(i for i, line in enumerate(out) if "TODO(zenml-migrate): ZM970" in line)
    assert out[note + 1].strip() == "- >-"  # above the folded scalar, never inside the command it folds into
    (chart / "values.yaml").write_text(VALUES.replace('"0.13.2"', '"0.20.5"'))
    assert _pins(TEMPLATE, path) == []


def test_a_requirement_value_of_a_helm_values_file(tmp_path):
    chart = _chart(tmp_path)
    [(line, message)] = _pins(VALUES, str(chart / "values.yaml"))
    assert line == 4 and "`zenml==0.13.2`" in message and "the values of a Helm chart are not rewritten" in message
    assert _pins(VALUES, str(tmp_path / "values.yaml")) == []  # no chart: a plain YAML file


def test_the_values_file_is_part_of_the_templates_cache_key(tmp_path, monkeypatch):
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan.engine import ScanSettings, run_scan

    chart = _chart(tmp_path, values='zenml:\n  version: "0.20.5"\n')
    monkeypatch.chdir(chart)

    def codes():
        report = run_scan(["templates"], ScanSettings(rules=all_rules(), workers=1, cache_dir=str(tmp_path / "cache")))
        return [(f.code, f.span.line) for f in report.findings]

    assert codes() == []
    (chart / "values.yaml").write_text('zenml:\n  version: "0.13.2"\n')
    assert codes() == [("ZM970", 14)]


def test_a_helm_default_when_the_values_do_not_set_it(tmp_path):
    chart = _chart(tmp_path, values="image: ghcr.io/acme/app\n")
    template = TEMPLATE.replace("{{ .Values.zenml.version }}", "{{ .Values.zenml.version | default \"0.13.2\" | quote }}")
    path = str(chart / "templates" / "job.yaml")
    [(line, message)] = _pins(template, path)
    assert line == 14
    assert "the version is `.Values.zenml.version`, not set in values.yaml: its default `0.13.2` on line 14: set it there" in message
    (chart / "values.yaml").write_text('zenml:\n  version: "0.20.5"\n')
    assert _pins(template, path) == []  # the values win over the default
    (chart / "values.yaml").unlink()
    [(_, message)] = _pins(template, path)
    assert "not set in the chart's values: its default `0.13.2` on line 14" in message


def test_helm_function_forms_and_a_template_that_loads_as_it_is(tmp_path):
    """surface29 open items: ``default "x" .Values.a`` (the function form), ``required``, ``quote``/``tpl``
    as functions; and a template whose actions are all inside scalars (it loads as YAML without masking:
    its values were never read)."""
    chart = _chart(tmp_path, values='zenml:\n  version: "0.13.2"\nimage:\n  tag: "0.20.5"\n')
    lines = [
        'pip install "zenml=={{ default "0.13.1" .Values.zenml.version }}"',
        'pip install "zenml=={{ required "set zenml.version" .Values.zenml.version }}"',
        "pip install zenml=={{ quote .Values.zenml.version }}",
        'pip install "zenml=={{ default "0.13.2" .Values.missing.key }}"',
        'pip install "zenml=={{ default "0.13.2" .Values.image.tag }}"',  # set: 0.20.5
        'pip install "zenml=={{ tpl .Values.zenml.version . }}"',
        'pip install "zenml=={{ .Values.zenml.version | required "x" | quote }}"',
        'pip install "zenml=={{ printf "%s" .Values.zenml.version }}"',  # (another function: not resolved)
    ]
    template = TEMPLATE.replace("{{ .Release.Name }}-train", "train").replace(
        '              pip install "zenml=={{ .Values.zenml.version }}" &&\n',
        "".join(f"              {line} &&\n" for line in lines))
    path = str(chart / "templates" / "job.yaml")
    found = _pins(template, path)
    assert [line for line, _ in found] == [14, 15, 16, 17, 19, 20], found
    assert "its default `0.13.2` on line 17" in found[3][1] and "set to `0.13.2` on line 2 of values.yaml" in found[0][1]
    assert _pins(TEMPLATE.replace("{{ .Release.Name }}-train", "train"), path)  # the plain form, loaded as it is
