"""More files that run `zenml` commands: a Containerfile (podman/buildah), Quarto (.qmd) and
R Markdown (.Rmd) chunks written ``{bash}``/``{python, echo=FALSE}``, Google Cloud Build and
AWS CodeBuild specs, go-task Taskfiles. Each is found by its name, its commands judged by the
CLI and pin rules at their own line and column."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of


def _found(text: str, filename: str):
    return [(f.code, f.span.line, f.span.column) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


def test_kinds_by_name():
    assert kind_of("ops/Containerfile") == kind_of("ops/Containerfile.gpu") == "dockerfile"
    assert kind_of("docs/report.qmd") == kind_of("docs/report.Rmd") == "markdown"
    assert kind_of("cloudbuild-nightly.yaml") == kind_of("ci/buildspec.yml") == kind_of("Taskfile.yaml") == "ci_yaml"
    assert kind_of("deploy/values.yaml") == "yaml"


def test_containerfile():
    text = "FROM python:3.9\nRUN pip3 install 'zenml==0.12.3'\nRUN zenml metadata-store list\n"
    assert _found(text, "ops/Containerfile.gpu") == [("ZM970", 2, 18), ("ZM951", 3, 5)]


def test_quarto_and_r_markdown_chunks():
    rmd = (
        "---\ntitle: runs\n---\n\nText: zenml profile set prose\n\n"
        "```{bash, echo=FALSE}\nzenml stack update s --metadata-store md\n```\n\n"
        "```{r}\nx <- 'zenml profile set in_r'\n```\n\n"
        "```{python}\n#| label: setup\n!zenml profile create from_py\n```\n"
    )
    assert _found(rmd, "docs/report.Rmd") == [("ZM952", 8, 22), ("ZM950", 17, 2)]
    out = fix_source(rmd, "docs/report.Rmd").text
    assert "zenml stack update s\n" in out


def test_cloud_build_codebuild_and_taskfile():
    cloudbuild = "steps:\n  - name: python\n    entrypoint: bash\n    args:\n      - -c\n      - |\n        zenml stack register s -m md -a a -o o\n"
    assert _found(cloudbuild, "cloudbuild-nightly.yaml") == [("ZM952", 7, 32)]
    buildspec = "version: 0.2\nphases:\n  build:\n    commands:\n      - zenml profile delete old\n"
    assert _found(buildspec, "ci/buildspec.yml") == [("ZM950", 5, 9)]
    taskfile = "version: '3'\ntasks:\n  up:\n    cmds:\n      - pip install zenml==0.13.0\n      - cmd: zenml metadata-store describe\n"
    assert _found(taskfile, "Taskfile.yaml") == [("ZM970", 5, 21), ("ZM951", 6, 14)]


def test_an_ipython_script():
    text = "# run with: ipython setup.ipy\nimport os\n%env ZENML_DEBUG=1\n!zenml stack register s \\\n    --metadata-store md -a a -o o\nout = !zenml profile list\nos.system('zenml version')\n"
    assert kind_of("tools/setup.ipy") == "ipython"
    assert _found(text, "tools/setup.ipy") == [("ZM952", 5, 5)]
    assert "!zenml stack register s -a a -o o\nout = !zenml profile list\n" in fix_source(text, "tools/setup.ipy").text


def test_taskfile_and_ci_variables_as_the_program():
    # go-task: ``{{.ZENML}}`` from the file's ``vars:`` or the task's own (which wins), ``$ZEN`` from ``env:``
    taskfile = (
        "version: '3'\nvars:\n  ZENML: poetry run zenml\n  PY: python -m\nenv:\n  ZEN: \"{{.PY}} zenml\"\n"
        "tasks:\n  boot:\n    cmds:\n      - \"{{.ZENML}} stack register {{.STACK}} -m md -a a -o o\"\n"
        "      - $ZEN profile create p\n      - '{{ .ZENML }} profile list'\n"
        "  other:\n    vars:\n      ZENML: echo\n    cmds:\n      - '{{.ZENML}} profile create q'\n"
        "      - '{{.UNKNOWN}} profile create q'\n"
    )
    assert _found(taskfile, "Taskfile.yml") == [("ZM952", 10, 47), ("ZM950", 11, 9)]
    assert '      - "{{.ZENML}} stack register {{.STACK}} -a a -o o"\n' in fix_source(taskfile, "Taskfile.yml").text
    # a GitHub job's ``env:`` reaches its steps only; GitLab ``variables:``
    workflow = (
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    env:\n      ZENML: poetry run zenml\n    steps:\n"
        "      - run: $ZENML profile create p\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: $ZENML profile create p\n"
    )
    assert _found(workflow, ".github/workflows/ci.yml") == [("ZM950", 8, 14)]
    gitlab = "variables:\n  ZENML: \"pipenv run zenml\"\nboot:\n  script:\n    - ${ZENML} stack set s\n    - ${ZENML} profile set p\n"
    assert _found(gitlab, ".gitlab-ci.yml") == [("ZM950", 6, 7)]


def test_github_powershell_steps():
    # a backtick continues a PowerShell line: a step's ``shell: pwsh``, a job's ``defaults``, a Windows runner
    step = "        run: |\n          zenml stack register w `\n            -m md `\n            -a a -o o\n"
    workflow = (
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: s\n        shell: pwsh\n" + step
        + "  b:\n    runs-on: windows-2022\n    steps:\n      - name: s\n" + step
        + "  c:\n    runs-on: ubuntu-latest\n    defaults:\n      run:\n        shell: powershell\n    steps:\n      - name: s\n" + step
        + "  d:\n    runs-on: windows-latest\n    steps:\n      - shell: bash\n        run: zenml stack register x -m md -a a -o o\n"
    )
    assert _found(workflow, ".github/workflows/win.yml") == [("ZM952", 10, 13), ("ZM952", 18, 13), ("ZM952", 29, 13), ("ZM952", 35, 37)]
    out = fix_source(workflow, ".github/workflows/win.yml").text
    assert out.count("          zenml stack register w `\n            -a a -o o\n") == 3
    # a workflow's ``defaults: run: shell: bash`` beats the Windows runner's default shell
    bash_defaults = (
        "on: push\ndefaults:\n  run:\n    shell: bash\njobs:\n  w:\n    runs-on: windows-latest\n    steps:\n"
        "      - run: |\n          zenml stack register w \\\n            -m md \\\n            -a a -o o\n"
    )
    assert _found(bash_defaults, ".github/workflows/w.yml") == [("ZM952", 11, 13)]
    # a path in a Windows shell: backslashes are separators
    win = "on: push\njobs:\n  w:\n    runs-on: windows-latest\n    steps:\n      - run: .\\.venv\\Scripts\\zenml.exe profile create p\n"
    assert _found(win, ".github/workflows/w.yml") == [("ZM950", 6, 14)]


def test_compose_block_item_scripts_and_github_env_expressions():
    # a compose ``command:`` list whose ``- |`` item is the script of ``sh -c`` (or of an ``entrypoint: [sh, -c]``)
    compose = (
        "services:\n  init:\n    command:\n      - /bin/sh\n      - -c\n      - |\n        zenml profile create a\n"
        "        zenml stack register s -m md -a a -o o\n    restart: 'no'\n"
        "  entry:\n    entrypoint: [\"/bin/bash\", \"-ec\"]\n    command:\n      - |\n        zenml profile set b\n"
        "  echo:\n    entrypoint: [\"/bin/echo\"]\n    command:\n      - |\n        zenml profile create not_run\n"
    )
    assert _found(compose, "docker-compose.yml") == [("ZM950", 7, 9), ("ZM952", 8, 32), ("ZM950", 14, 9)]
    assert "        zenml stack register s -a a -o o\n" in fix_source(compose, "docker-compose.yml").text
    # ``${{ env.ZENML }}`` as the program of a GitHub step
    workflow = "on: push\nenv:\n  ZENML: poetry run zenml\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${{ env.ZENML }} profile create p\n"
    assert _found(workflow, ".github/workflows/ci.yml") == [("ZM950", 8, 14)]
