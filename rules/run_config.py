"""ZM5xx: files that are not Python: YAML pipeline run configs in the 0.13.2 shape
(reference section 2) and the legacy repo-local ``.zen/config.yaml`` (section 3.8).

A YAML file counts as a run config only when it has a top-level ``steps:`` mapping whose
entries use run-config keys (``migrate/scan/yaml_scan.py::is_run_config``); CI workflows,
docker-compose files and Kubernetes manifests never match.
"""

import re
from typing import Any, Optional

from zenml_migrate.rules.base import Bad, Fix, Good, Rule, YamlKey, snippet as _c
from zenml_migrate.scan.fix_checks import Via

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def materializer_source(spec: Any) -> Optional[str]:
    """``{name: C, file: a/b.py}`` -> ``a.b.C`` (None when it cannot be known)."""
    if not isinstance(spec, dict) or set(spec) - {"name", "file"}:
        return None
    name, path = spec.get("name"), spec.get("file")
    if not isinstance(name, str) or not isinstance(path, str) or not all(_IDENT.match(p) for p in name.split(".")):
        return None
    path = path.strip().replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    if not path.endswith(".py") or path.startswith("/") or re.match(r"[A-Za-z]:", path):
        return None
    parts = path[: -len(".py")].split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    if not parts or not all(_IDENT.match(p) for p in parts):
        return None
    return ".".join(parts + [name])


#: what a ``steps.<step>.materializers`` finding carries (``Finding.fix_args``): ``((output, source), ...)``
SOURCES = "sources"


def _materializers_convert(materializers: Any, site) -> Optional[str]:
    """Why ``steps.<step>.materializers`` (the YAML value) cannot be converted; else the source
    of each output (``SOURCES``, a ``Via`` answer: the codemod writes them): the codemod converts
    a step's materializers only when it can convert all of them."""
    if not isinstance(materializers, dict):
        return "`materializers` is not a mapping of output names"
    sources = []
    for output, spec in materializers.items():
        source = materializer_source(spec) if isinstance(output, str) else None
        if source is None:
            return f"the materializer of `{output}` is not a `{{name: Class, file: path/to/module.py}}` pair that gives its module"
        sources.append((output, source))
    return Via(SOURCES, tuple(sources))


LEGACY_CONFIG = _c(
    """
    name: training_pipeline
    steps:
      trainer:
        source:
          name: svc_trainer
          file: steps/trainer.py
        parameters:
          gamma: 0.01
          enable_cache: false
        materializers:
          output:
            name: SkMaterializer
            file: materializers/sk.py
    """
)
CONVERTED_CONFIG = _c(
    """
    steps:
      trainer:
        enable_cache: false
        parameters:
          gamma: 0.01
        outputs:
          output:
            materializer_source: materializers.sk.SkMaterializer
    """
)
CONFIG_020 = _c(
    """
    run_name: nightly
    enable_cache: true
    settings:
      docker:
        requirements: [pandas]
    steps:
      trainer:
        enable_cache: false
        parameters:
          gamma: 0.01
        outputs:
          output:
            materializer_source: materializers.sk.SkMaterializer
    """
)
GITHUB_WORKFLOW = _c(
    """
    name: CI
    on: [push]
    jobs:
      test:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v3
          - name: test
            run: pytest
    """
)
COMPOSE = _c(
    """
    version: "3"
    services:
      web:
        image: nginx
        environment:
          steps: "3"
    """
)
K8S = _c(
    """
    apiVersion: argoproj.io/v1alpha1
    kind: Workflow
    metadata:
      name: steps
    spec:
      templates:
        - name: main
          steps:
            - - name: hello
                template: whalesay
    """
)
OTHER_STEPS_MAPPING = _c(
    """
    name: recipe
    steps:
      boil:
        source: tap
        duration: 10
    """
)

_RUN_CONFIG_FIX_NOTE = (
    "Unsafe: the converted file is for `pipeline.run(config_path=...)`; the legacy readers "
    "(`zenml pipeline run -c`, `with_config`) need the old keys, so switch the Python call at the same time (ZM211). "
    "`migrate code` keeps a file such a reader of the project reads, and a file in the shape `zenml pipeline run -c` "
    "reads (just `name` and `steps`, every step with a `source`) unless a `run(config_path=...)` of the project reads it. "
    "A file that reuses YAML anchors (`*name`) is left for a human: an edit of the anchored mapping is an edit of every alias."
)

ZM501 = Rule(
    code="ZM501",
    name="run-config-name-source",
    message="`name:` / `steps.<step>.source` are not allowed in a ZenML 0.20 run config",
    why="0.20's run config (`pipeline.run(config_path=...)`) forbids extra keys: `name: extra fields not "
    "permitted`. Pipelines and steps are wired in code now.",
    instead="Delete the keys; build the pipeline in Python and call `p(...).run(config_path=\"cfg.yaml\")`.",
    fix=Fix.UNSAFE,
    fix_note=_RUN_CONFIG_FIX_NOTE,
    codemod="run_config:RunConfigYaml",
    fix_args=(("drop", ("name", "steps.*.source")),),
    # 0.20's legacy loader reads these keys (and needs them): the message where such a reader keeps the file
    kept_message="`name:` / `steps.<step>.source` stay for a reader ZenML 0.20 still serves the 0.13.2 way "
    "(`pipeline.run(config_path=...)` would reject them)",
    todo="remove name/source and wire the steps in Python",
    match=(YamlKey("name"), YamlKey("steps.*.source")),
    bad=(
        Bad(LEGACY_CONFIG, fixed=CONVERTED_CONFIG, unsafe=True, count=2, filename="run.yaml"),
        Bad(
            _c(
                """
                name: p
                steps:
                  loader:
                    source: {name: loader, file: steps/loader.py}
                  "trainer":
                    source: {name: trainer}
                    parameters: {lr: 0.1}
                """
            ),
            fixed=_c(
                """
                steps:
                  "trainer":
                    parameters: {lr: 0.1}
                """
            ),
            unsafe=True,
            count=3,
            filename="config.yml",
        ),
    ),
    good=(
        Good(CONFIG_020, filename="run.yaml"),
        Good(GITHUB_WORKFLOW, filename=".github/workflows/ci.yaml"),
        Good(OTHER_STEPS_MAPPING, filename="recipe.yaml"),
        Good(K8S, filename="k8s/workflow.yaml"),
    ),
)

ZM502 = Rule(
    code="ZM502",
    name="run-config-parameters-enable-cache",
    message="`enable_cache` under `parameters:` no longer turns caching off in ZenML 0.20: "
    "move it to `steps.<step>.enable_cache`",
    why="0.13.2 popped `enable_cache` out of a step's parameters and applied it. 0.20 keeps it as a bogus "
    "parameter (`\"enable_cache\": \"false\"`) and caching stays on: a silent change.",
    instead="`steps: {trainer: {enable_cache: false, parameters: {...}}}`.",
    fix=Fix.UNSAFE,
    fix_note=_RUN_CONFIG_FIX_NOTE,
    codemod="run_config:RunConfigYaml",
    fix_args=(("move", (("steps.*.parameters.enable_cache", "steps.*.enable_cache"),)),),
    # 0.20's legacy loader (``with_config``, which ``zenml pipeline run -c`` calls) still pops it and applies it
    kept_message="`enable_cache` under `parameters:` still sets caching for a reader ZenML 0.20 serves the 0.13.2 way "
    "(`pipeline.run(config_path=...)` would keep it as a parameter: `steps.<step>.enable_cache` there)",
    todo="move enable_cache out of parameters",
    match=(YamlKey("steps.*.parameters.enable_cache"),),
    bad=(
        Bad(LEGACY_CONFIG, fixed=CONVERTED_CONFIG, unsafe=True, count=1, filename="run.yaml"),
        Bad(
            _c(
                """
                steps:
                  trainer:
                    parameters:
                      gamma: 0.01
                      enable_cache: false  # keep results fresh
                  evaluator:
                    parameters: {enable_cache: true}
                """
            ),
            fixed=_c(
                """
                steps:
                  trainer:
                    enable_cache: false  # keep results fresh
                    parameters:
                      gamma: 0.01
                  evaluator:
                    enable_cache: true
                """
            ),
            unsafe=True,
            count=2,
            filename="pipelines/config.yaml",
        ),
        # no fix: moving it out of the anchored mapping would turn caching back on for `evaluator`
        Bad(
            _c(
                """
                steps:
                  trainer:
                    parameters: &shared
                      enable_cache: false
                  evaluator:
                    parameters: *shared
                """
            ),
            count=1,
            filename="run.yaml",
        ),
    ),
    good=(
        Good(CONFIG_020, filename="run.yaml"),
        Good(COMPOSE, filename="docker-compose.yaml"),
        Good("steps:\n  trainer:\n    parameters:\n      gamma: 0.01\n", filename="run.yaml"),
    ),
)

ZM503 = Rule(
    code="ZM503",
    name="run-config-materializers",
    message="`steps.<step>.materializers` is `steps.<step>.outputs.<output>.materializer_source` in ZenML 0.20",
    why="0.20's run config forbids `materializers`; an output's materializer is a dotted source path now.",
    instead="`outputs: {output: {materializer_source: materializers.sk.SkMaterializer}}` "
    "(the `file` path as a module, plus the class name).",
    fix=Fix.UNSAFE,
    fix_note=_RUN_CONFIG_FIX_NOTE + " A materializer without `file` (the pipeline file's module) gets a TODO.",
    codemod="run_config:RunConfigYaml",
    fix_args=(("materializers", "steps.*.materializers"),),
    kept_message="`steps.<step>.materializers` stays for a reader ZenML 0.20 still serves the 0.13.2 way "
    "(`pipeline.run(config_path=...)` wants `steps.<step>.outputs.<output>.materializer_source`)",
    todo="write outputs.<output>.materializer_source: <module>.<Class>",
    fix_check=_materializers_convert,
    match=(YamlKey("steps.*.materializers"),),
    bad=(
        Bad(LEGACY_CONFIG, fixed=CONVERTED_CONFIG, unsafe=True, count=1, filename="run.yaml"),
        Bad(
            _c(
                """
                steps:
                  trainer:
                    parameters: {gamma: 0.01}
                    materializers:
                      model:
                        name: ModelMaterializer
                        file: src/materializers/model.py
                  loader:
                    materializers:
                      output: {name: DfMaterializer, file: df.py}
                """
            ),
            fixed=_c(
                """
                steps:
                  trainer:
                    parameters: {gamma: 0.01}
                    outputs:
                      model:
                        materializer_source: src.materializers.model.ModelMaterializer
                  loader:
                    outputs:
                      output: {materializer_source: df.DfMaterializer}
                """
            ),
            unsafe=True,
            count=2,
            filename="run.yml",
        ),
    ),
    good=(
        Good(CONFIG_020, filename="run.yaml"),
        Good(
            "steps:\n  trainer:\n    materializers: [a, b]\n    image: python\n",
            filename="ci.yaml",
        ),
    ),
)

ZM510 = Rule(
    code="ZM510",
    name="legacy-repo-config",
    message="this legacy `.zen/config.yaml` selects a 0.13.2 profile: profiles are gone in ZenML 0.20",
    why="0.13.2's repo config named an active profile (`active_profile_name`) or, in the older layout, held "
    "its own `stacks`. 0.20 ignores these keys: the repository silently uses the global active stack and "
    "project instead, and the stacks of that profile are not in the 0.20 store until migrated.",
    instead="Run `migrate profiles --repo` to move the profile's stacks into the 0.20 store, then "
    "`zenml stack set <stack>` inside the repository.",
    fix=Fix.NONE,
    fix_note="No automatic fix here: `migrate profiles` moves the stacks and rewrites this file.",
    todo="run migrate profiles --repo",
    match=(YamlKey("active_profile_name", document="zen_config"), YamlKey("stacks", document="zen_config")),
    bad=(
        Bad(
            "active_profile_name: default\nactive_stack_name: default\n",
            count=1,
            filename=".zen/config.yaml",
        ),
        Bad(
            "version: 0.5.0\nactive_stack_name: local\nstacks:\n  local:\n    orchestrator: local\n",
            count=1,
            filename="project/.zen/config.yaml",
        ),
    ),
    good=(
        Good(
            "active_project_name: default\nactive_stack_id: 6a0e4bb0-0c5d-4d0e-9a9b-0d1c2e3f4a5b\n",
            filename=".zen/config.yaml",
        ),
        Good("active_profile_name: default\n", filename="config.yaml"),
        # already taken over by ZenML 0.20 (it keeps keys it does not know)
        Good(
            "active_profile_name: default\nactive_project_name: default\nactive_stack_id: null\n",
            filename=".zen/config.yaml",
        ),
    ),
)


STACK_EXPORT_0132 = _c(
    """
    components:
      artifact_store:
        flavor: local
        name: default
        path: /home/me/.config/zenml/local_stores/ef90afeb-6135-4100-8cd6-02a877e17ecc
      metadata_store:
        flavor: sqlite
        name: default
        uri: /home/me/.config/zenml/local_stores/4716e83f-46c5-4e6f-8c71-56911e23dea8/metadata.db
      orchestrator:
        flavor: local
        name: default
    stack_name: local_stack
    zenml_version: 0.13.2
    """
)

STACK_EXPORT_020 = _c(
    """
    components:
      artifact_store:
        configuration: {}
        flavor: local
        id: 0b9d4f6e-0000-4000-8000-000000000001
        is_shared: false
        name: team_store
        type: artifact_store
        user: b491a9e2-504a-4ff7-b6af-b71a967b898b
    stack_name: team
    zenml_version: 0.20.5
    """
)

ZM511 = Rule(
    code="ZM511",
    name="legacy-stack-export-file",
    message="this stack file was written by `zenml stack export` of ZenML 0.13.2 (or older): `zenml stack import` of ZenML 0.20 refuses it",
    why="0.20's import first compares `zenml_version` with its own ('Cannot import stacks from other ZenML versions'); "
    "with `--ignore-version-mismatch` it fails on the old component entries (KeyError: 'id': 0.20 files carry ids, "
    "types and `configuration:` maps), and a metadata store has no 0.20 component.",
    instead="Write 0.20 import files of the stacks with `migrate profiles CONFIG_DIR --bundle DIR` (from the 0.13.2 "
    "config dir that held them), or register the stack on ZenML 0.20 and `zenml stack export` it there.",
    fix=Fix.NONE,
    fix_note="No rewrite: the 0.20 file needs ids, flavors and configurations of a 0.20 store (`migrate profiles` writes them).",
    todo="a 0.13.2 stack export: write 0.20 files with `migrate profiles CONFIG_DIR --bundle DIR` or re-export with ZenML 0.20",
    match=(YamlKey("zenml_version", document="stack_export"),),
    bad=(Bad(STACK_EXPORT_0132, count=1, filename="stacks/local_stack.yaml"),),
    good=(
        Good(STACK_EXPORT_020, filename="stacks/team.yaml"),
        Good("stack_name: x\nzenml_version: 0.13.2\n", filename="notes.yaml"),  # no components: not an export
    ),
)
