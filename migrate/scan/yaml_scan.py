"""YAML files: 0.13.2 pipeline run configs and the legacy repo-local ``.zen/config.yaml``
(reference sections 2 and 3.8).

The rules say what they match with ``YamlKey`` (``rules/base.py``); this module loads the
file once with PyYAML's Python parser as ZenML does (``zenml_migrate.yaml_load.RunConfigLoader``,
which keeps the line and column of every key) and reports each matching key. A YAML file is only looked at as a run config when it
really is one (``is_run_config``): a docker-compose file, a Kubernetes manifest or a CI
workflow gives nothing. Bad YAML gives one diagnostic naming the line, never a traceback.
"""

import re
from functools import lru_cache
from typing import Any, FrozenSet, Iterator, List, Optional, Sequence, Tuple

from zenml_migrate.findings import NO_FIX_HERE, Diagnostic, FileResult, Finding, Span
from zenml_migrate.rules.base import YamlKey, env_matchers
from zenml_migrate.scan.file_kinds import helm_values
from zenml_migrate.scan.file_scan import split_lines
from zenml_migrate.scan.run_config_refs import CLI_SHAPE
from zenml_migrate.scan.suppress import Suppressions

# keys of one entry under ``steps:``: 0.13.2 (config_keys.StepConfigurationKeys) and 0.20
STEP_KEYS_013 = frozenset(("source", "parameters", "materializers"))
STEP_KEYS_020 = frozenset(
    ("name", "enable_cache", "step_operator", "experiment_tracker", "parameters", "settings", "extra", "outputs")
)
# top-level keys of a run config: 0.13.2 (config_keys.PipelineConfigurationKeys) and 0.20
TOP_KEYS = frozenset(("name", "steps", "run_name", "enable_cache", "schedule", "settings", "extra"))
DOCUMENT_OF_KIND = {"yaml": "run_config", "zen_config": "zen_config"}
# the documents (``YamlKey.document``) a file of each kind may hold besides its own
MORE_DOCUMENTS = {"run_config": ("stack_export",)}
# keys only ZenML 0.20 writes into .zen/config.yaml (it keeps the 0.13.2 keys it does not know)
ZEN_CONFIG_KEYS_020 = frozenset(("active_project_name", "active_stack_id"))


# what a finding of a YAML key carries (``Finding.fix_args``): the number of its document in the
# file (the run configs among them: ``is_run_config``) and the keys that lead to it
DOCUMENT, AT = "document", "at"


def is_run_config(doc) -> bool:
    """A pipeline run config: run-config keys only at the top, a ``steps:`` mapping whose entries
    are mappings of run-config keys only, at least one with a 0.13.2 key (source/parameters/materializers,
    or any step key a rule flags)."""
    if not _is_mapping(doc) or not _is_mapping(doc.get("steps")):
        return False
    top, legacy_step, step = run_config_keys()
    if any(not isinstance(k, str) or k not in top for k in doc):
        return False
    entries = [v for v in doc["steps"].values() if v is not None]
    if not entries or not all(_is_mapping(e) for e in entries):
        return False
    if any(not isinstance(k, str) or k not in step for e in entries for k in e):
        return False
    return any(legacy_step & set(e) for e in entries)


def cli_reads(doc) -> bool:
    """Whether ``zenml pipeline run FILE -c CONFIG`` of ZenML 0.20.0-0.20.5 runs this document as
    0.13.2 did (``zenml/pipelines/run_pipeline.py``, unchanged from 0.13.2): exactly ``name`` and
    ``steps`` at the top (``PipelineConfigurationKeys.key_check``), each step a mapping of
    ``source``/``parameters``/``materializers`` only (``StepConfigurationKeys.key_check``) with a
    ``source: {name: ...}`` (read as ``step_config["source"]["name"]``)."""
    if not _is_mapping(doc) or set(doc) != {"name", "steps"} or not _is_mapping(doc["steps"]) or not doc["steps"]:
        return False
    return all(
        _is_mapping(step) and set(step) <= STEP_KEYS_013 and _is_mapping(step.get("source")) and "name" in step["source"]
        for step in doc["steps"].values()
    )


@lru_cache(maxsize=None)
def run_config_keys() -> Tuple[FrozenSet[str], FrozenSet[str], FrozenSet[str]]:
    """``(top-level keys, 0.13.2 step keys, every step key)`` of a run config: the tables above
    plus the keys the catalog's ``YamlKey`` matchers name (a rule's ``steps.*.KEY`` is a 0.13.2
    step key, its top-level key a run-config key), so a new YAML rule is its own file only."""
    from zenml_migrate.rules import all_rules

    top, legacy = set(TOP_KEYS), set(STEP_KEYS_013)
    for rule in all_rules():
        for m in rule.match:
            if isinstance(m, YamlKey) and m.document == "run_config" and m.path[0] != "*":
                top.add(m.path[0])
                if m.path[0] == "steps" and len(m.path) > 2 and m.path[2] != "*":
                    legacy.add(m.path[2])
    return frozenset(top), frozenset(legacy), frozenset(legacy | STEP_KEYS_020)


def is_legacy_zen_config(doc) -> bool:
    """A repo-local ``.zen/config.yaml`` that ZenML 0.20 has not taken over yet."""
    return _is_mapping(doc) and not ZEN_CONFIG_KEYS_020 & set(doc)


def is_legacy_stack_export(doc) -> bool:
    """A file ``zenml stack export`` of a release before 0.20 wrote: ``stack_name``, a
    ``components`` mapping and a ``zenml_version`` below 0.20 (0.20 checks that version first)."""
    if not _is_mapping(doc) or not isinstance(doc.get("stack_name"), str) or not _is_mapping(doc.get("components")):
        return False
    version = doc.get("zenml_version")
    parts = version.split(".") if isinstance(version, str) else []  # (an export writes it quoted: ``0.20`` would be 0.2)
    return len(parts) >= 2 and parts[0] == "0" and parts[1].isdigit() and int(parts[1]) < 20


RECOGNISED = {"run_config": is_run_config, "zen_config": is_legacy_zen_config, "stack_export": is_legacy_stack_export}


def scan_yaml(job, data: bytes, ctx) -> FileResult:
    document = DOCUMENT_OF_KIND.get(job.kind)
    documents = (document,) + MORE_DOCUMENTS.get(document, ())
    matchers = [
        (rule, m) for rule in ctx.index.rules for m in rule.match if isinstance(m, YamlKey) and m.document in documents
    ]
    if not matchers and not (document == "run_config" and b"ZENML_" in data and env_matchers(ctx.index.rules)):
        return FileResult(job.path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return _problem(job.path, f"byte 0x{data[exc.start]:02x} is not UTF-8 (YAML run configs are read as UTF-8); "
                                  "re-save the file as UTF-8 (or exclude it); file skipped", line, column)
    template = None  # a Helm chart template's text, before its actions were masked
    try:
        docs = _load_all(text)
    except _YamlProblem as exc:
        masked = template_masked(job.path, text)
        try:
            if masked is None:
                raise exc
            # (same offsets: findings point at the template's lines; an if/else may set a key twice)
            docs, text, template = _load_all(masked, template=True), masked, text
        except _YamlProblem:
            return _problem(job.path, exc.message, exc.line, exc.column)

    lines = split_lines(text)
    findings: List[Finding] = []
    for number, doc in enumerate(docs):
        recognised = {d for d in documents if RECOGNISED[d](doc)}
        if not recognised:
            continue
        cli = ((CLI_SHAPE, True),) if "run_config" in recognised and cli_reads(doc) else ()
        for rule, matcher in matchers:
            if matcher.document not in recognised:
                continue
            for line, col, key, value, at in _find_keys(doc, matcher.path):
                span = Span(line + 1, col + 1, line + 1, _key_end(lines, line, col, key) + 1)
                reason = rule.fix_check(value, None) if rule.fix_check is not None and rule.fix_value else None
                if reason and type(reason).__name__ != "Via":  # the fix declines this one: say so, as ``Detector._add`` does for Python
                    findings.append(Finding(job.path, span, rule.code, f"{rule.message}{NO_FIX_HERE}{reason})", None))
                    continue
                # what the codemod reads (``Finding.fix_args``): the document and the key's path in it,
                # and the way of fixing it the rule's check found (a ``Via`` answer)
                args = ((DOCUMENT, number), (AT, at)) + (((str(reason), reason.value),) if reason else ()) + (
                    cli if matcher.document == "run_config" else ())
                findings.append(Finding(job.path, span, rule.code, rule.message, rule.fix_value, fix_args=args))
    if document == "run_config" and "zenml" in text:
        findings += _command_findings(job.path, text, docs, ctx)
        if template is None and ".Values." in text and template_masked(job.path, text) is not None:
            template = text  # a Helm template that loads as it is (its actions in scalars only)
        if template is not None:  # a Helm template: a version its install commands take from the chart's values
            from zenml_migrate.scan.helm_pins import values_pins

            findings += values_pins(job.path, template, ctx, lambda t: _command_findings(job.path, t, _load_all(t), ctx))
    if document == "run_config" and "ZENML_" in text:
        findings += _environment(job.path, text, ctx)
    findings, hidden = Suppressions(text).split(sorted(set(findings), key=Finding.sort_key))
    why = _not_edited(text) if any(f.fix for f in findings) else None
    if why:
        from zenml_migrate.scan.read import without_fix

        findings = without_fix(findings, why)
    return FileResult(job.path, findings=findings, hidden=hidden)


def _command_findings(path: str, text: str, docs: list, ctx) -> List[Finding]:
    """The findings of the commands (and pins) of the documents ``docs`` of ``text``, read as the
    kind of file they are (a manifest, an Ansible playbook, a CI template, cloud-init, ...)."""
    findings: List[Finding] = []
    if any(_is_ansible(doc) for doc in docs) and not any(_is_manifest(doc) for doc in docs):
        # before the container check: a playbook's ``docker_container`` task has ``image`` and
        # ``command`` too, and the manifest reader would leave its ``shell``/``command`` tasks unread
        findings += _manifest_commands(path, text, ctx, reader="ansible")
    elif any(_is_manifest(doc) or _has_container(doc) or _is_patch(doc) for doc in docs) or helm_values(path):
        findings += _manifest_commands(path, text, ctx)
        if helm_values(path):
            findings += _manifest_commands(path, text, ctx, reader="helm_values")
    elif any(_is_ci_template(doc) or _is_gitlab_jobs(doc) for doc in docs):
        findings += _manifest_commands(path, text, ctx, template=True)
    elif any(_is_step_document(doc) for doc in docs):
        findings += _manifest_commands(path, text, ctx, reader="steps")
    elif any(_is_launcher_task(doc) for doc in docs):
        findings += _manifest_commands(path, text, ctx, reader="launcher")
    elif any(_is_bundle(doc) for doc in docs):
        findings += _manifest_commands(path, text, ctx, bundle=True)
    elif text.lstrip("\ufeff").startswith("#cloud-config"):
        findings += _manifest_commands(path, text, ctx, reader="cloud_init")
    return findings


def _is_manifest(doc) -> bool:
    """A Kubernetes-style object (``apiVersion`` + ``kind``: pods, jobs, Argo workflows, Tekton
    tasks) or a Kubeflow component spec (``implementation: container:``): its containers run
    commands (``command_configs.manifest_sections``)."""
    if not _is_mapping(doc):
        return False
    return ("apiVersion" in doc and "kind" in doc) or (_is_mapping(doc.get("implementation")) and "container" in doc["implementation"])


def _is_patch(doc) -> bool:
    """A Kustomize ``kustomization.yaml`` with patches (strategic merge patches of containers, JSON
    patch operations setting a container's ``command``), or a JSON patch file (a list of ``op``/
    ``path``/``value`` operations): their container commands are read as a manifest's."""
    if _is_mapping(doc):
        return bool({"patches", "patchesJson6902", "patchesStrategicMerge"} & set(doc))
    return isinstance(doc, list) and bool(doc) and all(_is_mapping(op) and "op" in op and "path" in op for op in doc)


def _has_container(doc, depth: int = 0) -> bool:
    """A container spec anywhere in the document (a mapping with ``image`` and ``command`` or
    ``args``: a Helm chart's values, an operator's custom resource; CloudFormation's ``Image`` with
    ``Command`` or ``EntryPoint``): its commands are read as a manifest's."""
    if depth > 6:
        return False
    if _is_mapping(doc):
        if "image" in doc and ("command" in doc or "args" in doc):
            return True
        if "Image" in doc and ("Command" in doc or "EntryPoint" in doc):  # CloudFormation's ECS and Batch containers
            return True
        return any(_has_container(v, depth + 1) for v in doc.values() if isinstance(v, (dict, list)))
    if isinstance(doc, list):
        return any(_has_container(v, depth + 1) for v in doc if isinstance(v, (dict, list)))
    return False


# GitLab job keys holding shell lines (a file a ``.gitlab-ci.yml`` includes may have any name)
_GITLAB_SCRIPTS = ("script", "before_script", "after_script")


def _is_gitlab_jobs(doc) -> bool:
    """GitLab CI jobs (a file that ``include: local:`` pulls in, any name): a top-level job mapping
    whose ``script``/``before_script``/``after_script`` is a list or a line."""
    if not _is_mapping(doc):
        return False
    return any(
        _is_mapping(job) and any(isinstance(job.get(k), (list, str)) for k in _GITLAB_SCRIPTS) for job in doc.values()
    )


# the keys of a CI step that hold its shell text (Azure Pipelines ``script``/``bash``/``pwsh``/
# ``powershell``), and the lists of steps, jobs and stages a CI template holds
_STEP_KEYS = frozenset({"script", "bash", "pwsh", "powershell"})
_STEP_LISTS = ("steps", "jobs", "stages")


def _is_ci_template(doc, depth: int = 0) -> bool:
    """A CI template that its pipeline includes (an Azure Pipelines ``steps``/``jobs``/``stages``
    template, any file name): a list of steps of which one runs a ``script``/``bash``/``pwsh``."""
    if not _is_mapping(doc) or depth > 3:
        return False
    for key in _STEP_LISTS:
        items = doc.get(key)
        if isinstance(items, list):
            for item in items:
                if _is_mapping(item) and (_STEP_KEYS & set(item) or _is_ci_template(item, depth + 1)):
                    return True
    return False


# a SkyPilot task's keys besides its ``setup``/``run`` scripts; dstack's configuration types
_SKYPILOT_KEYS = frozenset({"resources", "workdir", "num_nodes", "file_mounts", "envs", "setup", "run", "service"})
_DSTACK_TYPES = frozenset({"task", "service", "dev-environment"})


def _is_launcher_task(doc) -> bool:
    """A SkyPilot task (``setup``/``run`` shell scripts next to ``resources``, ``workdir``,
    ``num_nodes``...), a dstack configuration (``type: task`` with its ``commands`` list) or an
    Azure ML command job (a ``command`` shell line with its ``environment``: ``az ml job create``)."""
    if not _is_mapping(doc) or "steps" in doc:
        return False
    scripts = [k for k in ("setup", "run") if isinstance(doc.get(k), str)]
    if scripts and len(_SKYPILOT_KEYS & set(doc)) > len(scripts):
        return True
    if isinstance(doc.get("command"), str) and "environment" in doc:
        return doc.get("type", "command") == "command" and ("compute" in doc or "code" in doc or "azureml" in str(doc.get("$schema", "")))
    return doc.get("type") in _DSTACK_TYPES and isinstance(doc.get("commands"), list)


def _is_step_document(doc) -> bool:
    """An AWS Systems Manager command document (``schemaVersion`` with ``mainSteps``: an
    ``aws:runShellScript`` step's ``runCommand`` lines) or a Prefect project file (``prefect.yaml``:
    its ``build``/``push``/``pull`` steps' ``run_shell_script`` ``script``)."""
    if not _is_mapping(doc):
        return False
    return ("schemaVersion" in doc and isinstance(doc.get("mainSteps"), list)) or (
        "prefect-version" in doc and any(isinstance(doc.get(k), list) for k in ("build", "push", "pull"))
    )


def _is_bundle(doc) -> bool:
    """A Databricks asset bundle (``databricks.yml`` or a file it includes): a ``bundle:`` mapping,
    or ``resources:`` holding ``jobs``/``pipelines``; its tasks' libraries are pins."""
    if not _is_mapping(doc):
        return False
    resources = doc.get("resources")
    return _is_mapping(doc.get("bundle")) or (_is_mapping(resources) and bool({"jobs", "pipelines"} & set(resources)))


_ANSIBLE_MODULES = frozenset(("shell", "command", "raw", "pip", "script"))


def _is_ansible(doc) -> bool:
    """An Ansible playbook (plays with ``hosts:``) or tasks file (tasks calling ``shell``,
    ``command``, ``pip``, ``ansible.builtin.*``)."""
    if not isinstance(doc, list):
        return False
    for item in doc:
        if _is_mapping(item):
            keys = {k for k in item if isinstance(k, str)}
            if ("hosts" in keys and keys & {"tasks", "pre_tasks", "post_tasks", "roles", "handlers"}) or any(
                k.startswith(("ansible.builtin.", "ansible.legacy.")) for k in keys
            ) or ("name" in keys and keys & _ANSIBLE_MODULES):
                return True
    return False


# ``reader`` of ``_manifest_commands``: what it names in findings, and where its sections come from
_READERS = {
    "manifest": "the commands of a manifest",
    "template": "the commands of the steps of a CI template",
    "bundle": "the task libraries of a Databricks bundle",
    "ansible": "the commands of an Ansible playbook",
    "cloud_init": "the commands of cloud-init user data",
    "launcher": "the commands of a SkyPilot, dstack or Azure ML job",
    "steps": "the commands of an AWS SSM document or a Prefect project",
    "helm_values": "the values of a Helm chart",
}


def _manifest_commands(path: str, text: str, ctx, template: bool = False, bundle: bool = False, reader: str = "manifest") -> List[Finding]:
    """The CLI and pin findings of a manifest's container commands (``template``: of a CI
    template's steps; ``bundle``: the libraries of a Databricks bundle's tasks; ``reader``:
    ``"ansible"`` tasks, ``"cloud_init"`` ``runcmd``); the YAML fix does not edit them (each says so)."""
    from zenml_migrate.scan import command_configs
    from zenml_migrate.scan.command_lines import requirement_sections, sections
    from zenml_migrate.scan.command_scan import IMAGE_MESSAGE, find_matches, to_findings
    from zenml_migrate.scan.read import without_fix

    reader = "bundle" if bundle else "template" if template else reader
    if reader == "bundle":
        found = requirement_sections("databricks_bundle", text)
    elif reader == "helm_values":
        from zenml_migrate.scan.helm_pins import value_requirements

        found = value_requirements(text)
    elif reader in ("template", "steps"):
        found = sections("ci_yaml", text)
    else:
        found = getattr(command_configs, f"{reader}_sections")(text)
    matches = find_matches(text, list(found), ctx.index.rules, ctx.project, ctx.target)
    what = _READERS[reader]
    findings = to_findings(path, text, matches)
    # a container's ``image:`` is no command: its finding says what is not rewritten (review26 P7)
    images = [f for f in findings if f.message.startswith(IMAGE_MESSAGE)]
    commands = [f for f in findings if not f.message.startswith(IMAGE_MESSAGE)]
    return without_fix(commands, f"{what} are not rewritten: edit it by hand") + without_fix(
        images, f"{_IMAGES_OF.get(reader, 'the file')} is not rewritten: edit the image by hand")


# what holds the images a reader of ``_manifest_commands`` finds (an ``image:`` of a manifest's container)
_IMAGES_OF = {"manifest": "a manifest", "template": "a CI template", "ansible": "an Ansible playbook", "cloud_init": "cloud-init user data",
              "launcher": "a SkyPilot, dstack or Azure ML job", "steps": "an AWS SSM document or a Prefect project"}


def _environment(path: str, text: str, ctx) -> List[Finding]:
    """The ZenML 0.13.2 environment variables the file sets (a manifest's ``env``, a run config's
    Docker ``environment``, a Helm values file: ``scan/env_vars.py``, ZM906)."""
    from zenml_migrate.scan.command_lines import Section
    from zenml_migrate.scan.command_scan import find_matches, to_findings

    return to_findings(path, text, find_matches(text, [Section(text, 0, environ="any")], ctx.index.rules))


def _not_edited(text: str) -> Optional[str]:
    """Why the YAML rewrites leave the whole file alone (None: they edit it): scan and fix agree."""
    from zenml_migrate.yaml_edit import odd_line_breaks

    if odd_line_breaks(text):  # it said "fixable with --unsafe-fixes", then "could not be applied here: please report it"
        return "its line breaks are lone CRs or Unicode line breaks, which the YAML rewrite does not edit: " \
               "convert them to LF or CRLF line ends, or edit it by hand"
    if _reuses_anchors(text):
        return "the file reuses YAML anchors (`*name`), which a rewrite of one place would change or break: edit it by hand"
    return None


def _reuses_anchors(text: str) -> bool:
    """Whether ``text`` has a YAML alias (``*name``, ``<<: *name``). Moving ``enable_cache`` out of
    an anchored ``parameters`` mapping dropped it from every step that aliased it, and dropping a
    step's anchored mapping left its alias undefined ("the YAML rewrite would not load")."""
    if "*" not in text or "&" not in text:
        return False
    import yaml

    from zenml_migrate.yaml_load import RunConfigLoader

    try:
        return any(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, Loader=RunConfigLoader))
    except yaml.YAMLError:
        return False


# --------------------------------------------------------------------- loading
class _YamlProblem(Exception):
    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


_TEMPLATE_ACTION = re.compile(r"\{\{.*?\}\}", re.S)
_ACTIONS_LINE = re.compile(r"^[ \t]*(?:\{\{.*?\}\}[ \t]*)+\r?$", re.M)


def template_masked(path: str, text: str) -> Optional[str]:
    """A Helm chart template (``templates/*.yaml`` holding ``{{ ... }}`` actions) as YAML: a line
    of actions only (``{{- if .Values.x }}``) blank, each other action the same number of ``x``
    (offsets and lines kept); None for another file."""
    if "{{" not in text or "/templates/" not in "/" + path.replace("\\", "/"):
        return None
    text = _ACTIONS_LINE.sub(lambda m: re.sub(r"[^\r\n]", " ", m.group()), text)
    return _TEMPLATE_ACTION.sub(lambda m: re.sub(r"[^\r\n]", "x", m.group()), text)


def _load_all(text: str, template: bool = False) -> list:
    """Every document, read as ZenML reads a run config (``yaml_load.RunConfigLoader``; a masked
    Helm template with ``yaml_load.TemplateLoader``)."""
    import yaml

    from zenml_migrate.yaml_load import DuplicateKey, load_all

    try:
        return load_all(text, run_config=True, template=template)
    except DuplicateKey as exc:
        also = f" (first defined on line {exc.first})" if exc.first else ""
        key = f'found duplicate key "{exc.key}"'  # never the values: they may be credentials
        raise _YamlProblem(f"duplicate key on line {exc.line}{also}: {key}; file skipped", exc.line, exc.column) from None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        _raise_problem(text, exc)


def _raise_problem(text: str, exc: BaseException):
    import yaml

    if isinstance(exc, yaml.MarkedYAMLError):
        line, col = _mark(exc)
        raise _YamlProblem(f"invalid YAML on line {line}: {_problem_text(exc)}; file skipped", line, col) from None
    from zenml_migrate.yaml_load import RunConfigLoader, refused_character

    where = refused_character(text, exc, RunConfigLoader)  # the message may quote values
    if where is not None:  # a control character (a NUL byte...): its place and code, never the text
        line, col, code = where
        raise _YamlProblem(f"invalid YAML on line {line}: the character U+{code:04X} is not allowed in YAML "
                           "(binary data?); remove it or exclude the file; file skipped", line, col) from None
    raise _YamlProblem(f"invalid YAML ({type(exc).__name__}); file skipped") from None


def _mark(exc) -> Tuple[int, int]:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return 1, 1
    return mark.line + 1, mark.column + 1


def _problem_text(exc) -> str:
    text = " ".join(str(exc.problem or exc.context or "syntax error").split())
    start = exc.context_mark
    if exc.problem and exc.context and start is not None and exc.problem_mark is not None and start.line != exc.problem_mark.line:
        # an unclosed quote or bracket: the place it opened is where the user must look
        text += f" ({' '.join(str(exc.context).split())} that starts on line {start.line + 1})"
    return text


def _problem(path: str, message: str, line: int = 1, column: int = 1) -> FileResult:
    return FileResult(path, diagnostics=[Diagnostic(path, message, line, column)])


# --------------------------------------------------------------------- matching
def _is_mapping(value) -> bool:
    return isinstance(value, dict)


def _find_keys(node, path: Sequence[str], at: Tuple[str, ...] = ()) -> Iterator[Tuple[int, int, str, Any, Tuple[str, ...]]]:
    """(0-based line, 0-based column, key, value, the keys that lead to it) of every key at
    ``path`` (``*`` = any key)."""
    if not _is_mapping(node) or not path:
        return
    head, rest = path[0], path[1:]
    keys = [k for k in node if isinstance(k, str)] if head == "*" else ([head] if head in node else [])
    for key in keys:
        if rest:
            yield from _find_keys(node[key], rest, at + (key,))
        else:
            position = _key_position(node, key)
            if position is not None:
                yield position[0], position[1], key, node[key], at + (key,)


def _key_position(node, key) -> Optional[Tuple[int, int]]:
    """0-based (line, column) of ``key`` as the loader saw it (``yaml_load.LineDict``)."""
    lines, columns = getattr(node, "lines", None), getattr(node, "columns", None)
    if not lines or key not in lines:
        return None
    return lines[key] - 1, columns[key] - 1


def _key_end(lines: List[str], line: int, col: int, key: str) -> int:
    """0-based exclusive end column of a key as written (plain, 'single' or "double" quoted)."""
    text = lines[line] if 0 <= line < len(lines) else ""
    quote = text[col : col + 1]
    if quote in ("'", '"'):
        end = col + 1
        while end < len(text):
            if text[end] == "\\" and quote == '"':
                end += 2
                continue
            if text[end] == quote:
                if quote == "'" and text[end + 1 : end + 2] == "'":
                    end += 2
                    continue
                return end + 1
            end += 1
        return len(text)
    return min(col + len(key), len(text)) if text else col + len(key)
