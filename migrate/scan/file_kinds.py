"""The kinds of file the tool reads, and for each: the prefilter words, how its bytes become
text and back, the function that scans it and the one that fixes it. The one place that
dispatches on a file's kind (scan, fix and the library API all go through it); a new kind of
file is one entry here plus its ``kind_of`` rule in ``discovery.py``.

Functions are named ``"module:function"`` and imported when a file of that kind is met, so a
scan of Python files never imports the YAML or notebook code.

* ``scan(job, data, ctx) -> FileResult`` (``data``: the file's bytes);
* ``fix(text, job, rules, options, scan_ctx, findings=...) -> FixResult`` (``text``: the decoded
  file; ``findings``: what the scan found in it, None when called without a scan);
* ``around(path, kept) -> str``: what else the scan reads (a Helm values file is one next to
  ``Chart.yaml``; a notebook needs no repository root below a ``.zen`` folder); the results
  cache keys it. ``kept``: a dict where it leaves what it read of the file's own bytes (the
  notebooks a ``%run`` line names); the cache keeps it with the file's stamp and hands it back
  while the file is unchanged, so a warm run does not read the file for its key.
"""

import codecs
import importlib
import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Dict, List, Optional, Tuple

from zenml_migrate.scan.sources import PySource, decode_bytes_text, decode_python

# The kinds whose text ``scan/command_lines.py`` reads for zenml commands. Here, not there: every
# scan needs the list, a scan of Python files only never needs that module (its 30-odd regular
# expressions were 4-5 ms of each start-up).
# command_configs.py reads these (tox.ini, pyproject tasks, compose, pre-commit, Procfile,
# justfile, Jenkinsfile, PowerShell, batch files)
CONFIG_KINDS = ("tox", "pyproject", "pipfile", "compose", "pre_commit", "procfile", "justfile", "jenkinsfile", "powershell", "batch", "package_json",
                "devcontainer", "systemd", "supervisord", "cron", "cron_d", "snakefile", "pixi", "deploy_toml", "hcl", "vagrantfile", "vscode",
                "tox_toml", "toml_tasks", "container_json", "nix", "pycharm", "wdl", "nextflow", "teamcity", "cargo_make", "html", "build_file", "gocd_xml", "cwl")
# requirement lists only (migrate/scan/pins.py): pip requirements/constraints files, conda environment files,
# lock files (Pipfile.lock, poetry.lock, pdm.lock, uv.lock, rye's requirements.lock: reported, never edited),
# Databricks job specs (``job.json``: a task's ``libraries``), YAML lists of pip requirements (``python_env.yaml``,
# ``bentofile.yaml``)
REQUIREMENT_KINDS = ("requirements", "conda_env", "lock", "databricks_job", "pip_yaml")
# ``env``: dotenv files (``.env``, ``.env.prod``, ``prod.env``): ``NAME=value`` lines docker compose,
# python-dotenv and direnv's ``dotenv`` load (read for the variables they set, ``scan/env_vars.py``)
SHELL_KINDS = ("sh", "env", "makefile", "dockerfile", "ci_yaml", "markdown", "rst", "r", "ipython") + CONFIG_KINDS + REQUIREMENT_KINDS

ZENML_WORDS = (b"zenml",)
# a YAML file without one of these words is neither a 0.13.2 run config nor a .zen/config.yaml
# (``zenml``: a Kubernetes/Argo/Kubeflow manifest whose containers run zenml commands)
YAML_WORDS = (b"steps", b"active_profile_name", b"active_stack_name", b"stacks", b"zenml")
# a file (other than Python code, a notebook, a ``.zen`` config) holding this may set a ZenML 0.13.2
# environment variable without naming zenml otherwise (``.env``: ``ZENML_ACTIVATED_STACK=prod``; ZM906)
ENV_WORD = b"ZENML_"
# (a Python module holding it without zenml: a launcher setting one for the program it starts, ZM906)
_NO_ENV_WORD = ("ipynb", "zen_config")


@dataclass(frozen=True)
class FileKind:
    """A kind of file: how it is prefiltered, scanned and fixed."""

    name: str
    scan: str  # "module:function"
    fix: Optional[str]  # "module:function"; None: findings only
    words: Optional[Tuple[bytes, ...]]  # the file must hold one of them to be scanned (None: always)
    python_source: bool = False  # decoded as Python does (coding cookie, BOM); else UTF-8 (BOM kept)
    # "module:function" (data -> bool): scan the file even without the words (to report it)
    scan_anyway: Optional[str] = None
    # (path, kept) -> str: what the file's findings depend on besides its bytes (a file next to it); part
    # of the results-cache key (``surroundings``), so a change there is never answered from the cache
    around: Optional[Callable[[str, dict], str]] = None
    # "module:function" ((path, data) -> bool): a file whose name ``kind_of`` gives this kind is one
    # only when its bytes say so (``holds``); None: every file of the name is
    only_if: Optional[str] = None


_HELM_VALUES = re.compile(r"^values(?:[-._][\w.-]+)?\.ya?ml$")


def helm_values(path: str) -> bool:
    """A Helm chart's values file (``values.yaml``, ``values-prod.yaml`` next to ``Chart.yaml``):
    the ``command:``/``args:`` its templates give to containers are read as a manifest's."""
    folder, _, name = path.replace("\\", "/").rpartition("/")
    return bool(_HELM_VALUES.match(name)) and os.path.isfile(os.path.join(folder or ".", "Chart.yaml"))


def chart_values(path: str) -> List[str]:
    """The values files (``values.yaml``, ``values-prod.yaml``) of the Helm chart whose
    ``templates/`` folder holds ``path`` (none for another file)."""
    parts = path.replace("\\", "/").split("/")
    if "templates" not in parts[:-1]:
        return []
    root = "/".join(parts[: len(parts) - 1 - parts[:-1][::-1].index("templates") - 1]) or "."
    if not os.path.isfile(os.path.join(root, "Chart.yaml")):
        return []
    return sorted(os.path.join(root, n) for n in os.listdir(root) if _HELM_VALUES.match(n) and os.path.isfile(os.path.join(root, n)))


def _yaml_around(path: str, kept: dict) -> str:
    if helm_values(path):
        return "helm"
    values = chart_values(path)  # a template's pins read the chart's values (``scan/helm_pins.py``)
    return ";".join(f"{v}:{os.stat(v).st_size}:{os.stat(v).st_mtime_ns}" for v in values)


def has_repository(path: str) -> bool:
    """Is there a ``.zen`` folder in the notebook's folder or above it (what ZenML's
    ``Client.find_repository`` looks for from the kernel's working directory; ZM260)?"""
    from zenml_migrate.config import ancestors

    return any(os.path.isdir(os.path.join(folder, ".zen")) for folder in ancestors(os.path.dirname(os.path.abspath(path))))


def _notebook_around(path: str, kept: dict) -> str:
    return (".zen" if has_repository(path) else "") + _run_notebooks(path, kept)


_RUN_NOTEBOOK = re.compile(rb"%run\b[^\n]*?([^\s\"'\\]+\.ipynb)")


def _run_notebooks(path: str, kept: dict) -> str:
    """The size and time of each notebook a ``%run NB.ipynb`` line of the notebook at ``path``
    may name, and of those their own ``%run`` lines name, down the chain (what the scan reads of
    them: ``run_targets``, ``file_scan._notebook_facts``), so a change there is a change here.
    The names of the notebook's own lines are read from the file once and left in
    ``kept["runs"]`` (taken from there when the cache hands them back: the file is as it was
    then); those of each notebook down the chain in ``kept["chain"]`` with its size and time
    (read again when they changed)."""
    names = kept.get("runs")
    if not _names(names):
        try:
            names = _run_names(path)
        except OSError:
            return ""
        kept["runs"] = names
    chain = kept.get("chain")
    if not isinstance(chain, dict):
        chain = kept["chain"] = {}
    out, seen, queue = [], {path}, list(names)
    while queue:
        name = queue.pop(0)
        if name in seen:
            continue
        seen.add(name)
        try:
            st = os.stat(name)
        except OSError:
            out.append(name)
            continue
        stamp = f"{st.st_size}:{st.st_mtime_ns}"
        out.append(f"{name}:{stamp}")
        known = chain.get(name)
        if not (isinstance(known, list) and len(known) == 2 and known[0] == stamp and _names(known[1])):
            try:
                known = chain[name] = [stamp, _run_names(name)]
            except OSError:
                continue
        queue.extend(known[1])
    return "\0".join(out)


def _names(value) -> bool:
    return isinstance(value, list) and all(isinstance(n, str) for n in value)


def _run_names(path: str) -> List[str]:
    """The notebooks the ``%run`` lines of the notebook at ``path`` name, as paths."""
    from zenml_migrate.safe_read import read_regular

    data = read_regular(path)
    folder = os.path.dirname(path)
    # normalised: a cycle spelled with ``../`` (``x/../x/b.ipynb``) ends like any other
    return [os.path.normpath(os.path.join(folder, m.group(1).decode("utf-8", "replace"))) for m in _RUN_NOTEBOOK.finditer(data)] if b"%run" in data else []


KINDS: Dict[str, FileKind] = {
    k.name: k
    for k in (
        FileKind(
            "py",
            "zenml_migrate.scan.file_scan:scan_python",
            "zenml_migrate.fix.fixer:fix_text",
            ZENML_WORDS,
            True,
            scan_anyway="zenml_migrate.scan.file_kinds:utf16_zenml",  # reported as UTF-16 (Python cannot read it)
        ),
        FileKind(
            "ipynb",
            "zenml_migrate.scan.file_scan:scan_notebook",
            "zenml_migrate.fix.notebook:fix_notebook_text",
            ZENML_WORDS,
            # a broken .ipynb is reported; a notebook that ``%run``s another file takes its names in
            scan_anyway="zenml_migrate.scan.file_kinds:runs_or_not_a_notebook",
            around=_notebook_around,
            only_if="zenml_migrate.scan.file_kinds:notebook_file",
        ),
        FileKind(
            "yaml", "zenml_migrate.scan.yaml_scan:scan_yaml", "zenml_migrate.fix.yaml_fix:fix_yaml_text", YAML_WORDS,
            around=_yaml_around,
        ),
        FileKind("zen_config", "zenml_migrate.scan.yaml_scan:scan_yaml", "zenml_migrate.fix.yaml_fix:fix_yaml_text", None),
    )
}
# files that hold ``zenml`` command lines (shell scripts, Makefiles, Dockerfiles, CI workflows,
# Markdown shell blocks): migrate/scan/command_lines.py reads them, the CLI rules check them
for _name in SHELL_KINDS:
    KINDS[_name] = FileKind(
        _name,
        "zenml_migrate.scan.command_scan:scan_command_file",
        "zenml_migrate.fix.command_fix:fix_command_file",
        ZENML_WORDS,
        scan_anyway="zenml_migrate.scan.file_kinds:utf16_zenml",  # a UTF-16 PowerShell script is read as UTF-16
    )
# a CI workflow and a compose file stay YAML that loads (``fix_yaml_commands``)
for _name in ("ci_yaml", "compose"):
    KINDS[_name] = replace(KINDS[_name], fix="zenml_migrate.fix.command_fix:fix_yaml_commands")
# Markdown and IPython files may be notebooks (jupytext, MyST, Quarto, ``.ipy``): their Python
# cells are read by the Python rules too (``migrate/scan/text_notebook.py``)
for _name in ("markdown", "ipython"):
    KINDS[_name] = FileKind(
        _name, "zenml_migrate.scan.text_notebook:scan_text_notebook", "zenml_migrate.fix.text_notebook:fix_text_notebook", ZENML_WORDS,
        scan_anyway="zenml_migrate.scan.file_kinds:utf16_zenml", around=_notebook_around,
    )
# package.json, devcontainer.json, a Databricks job.json, an ECS task definition, a PyCharm run configuration: their commands and
# pins are fixed, but a JSON file holds no TODO line (nor does an XML attribute value)
for _name in ("package_json", "devcontainer", "databricks_job", "container_json", "pycharm", "html", "gocd_xml"):
    KINDS[_name] = FileKind(_name, "zenml_migrate.scan.command_scan:scan_command_file", "zenml_migrate.fix.command_fix:fix_without_notes", ZENML_WORDS)
# VS Code's tasks.json/launch.json: JSON with comments, so a TODO note is a ``//`` line
KINDS["vscode"] = FileKind("vscode", "zenml_migrate.scan.command_scan:scan_command_file", "zenml_migrate.fix.command_fix:fix_jsonc", ZENML_WORDS)
# a lock file (Pipfile.lock, poetry.lock, ...) is regenerated by its tool, never edited (no line of
# it can hold a TODO note): its findings say what to run
KINDS["lock"] = FileKind("lock", "zenml_migrate.scan.command_scan:scan_command_file", "zenml_migrate.fix.command_fix:report_only", ZENML_WORDS)


@lru_cache(maxsize=None)
def _function(spec: str) -> Callable:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def scanner(kind: str) -> Optional[Callable]:
    k = KINDS.get(kind)
    return _function(k.scan) if k is not None else None


def fixer(kind: str) -> Optional[Callable]:
    k = KINDS.get(kind)
    return _function(k.fix) if k is not None and k.fix else None


def surroundings(job, kept: Optional[dict] = None) -> str:
    """What a file's findings depend on besides its bytes, kind and module name (the results
    cache keys it): see ``FileKind.around`` (``kept``: its memory of the file's bytes)."""
    k = KINDS.get(job.kind)
    return k.around(job.path, {} if kept is None else kept) if k is not None and k.around is not None else ""


def holds(kind: str, path: str, data: bytes) -> bool:
    """Is the file ``path`` (of ``kind`` by its name) one of that kind, by its bytes
    (``FileKind.only_if``)? The scan and the fix read a file that is not as nothing at all."""
    k = KINDS.get(kind)
    return k is None or k.only_if is None or _function(k.only_if)(path, data)


def notebook_file(path: str, data: bytes) -> bool:
    """A ``.ipynb``/``.zpln`` file is a notebook whatever its bytes (a broken one is reported); a
    Zeppelin 0.5-0.8 ``<note id>/note.json`` only when its JSON is a note (a release manifest of
    that name in a folder of nine capitals is not)."""
    from zenml_migrate.scan.discovery import NOTEBOOK_SUFFIXES
    from zenml_migrate.scan.notebook import is_zeppelin_json

    return path.endswith(NOTEBOOK_SUFFIXES) or is_zeppelin_json(data)


def wanted(kind: str, data: bytes) -> bool:
    """Can any rule possibly match in a file of ``kind`` holding ``data``? (the prefilter)"""
    k = KINDS.get(kind)
    if k is None:
        return False
    if k.words is None or (has_zenml(data) if k.words is ZENML_WORDS else any(w in data for w in k.words)):
        return True
    if kind not in _NO_ENV_WORD and ENV_WORD in data:
        return True
    return k.scan_anyway is not None and _function(k.scan_anyway)(data)


def has_zenml(data: bytes) -> bool:
    """``b"zenml" in data``, about five times faster on source code: a one-byte search is a
    ``memchr`` (a five-byte one is not), and ``z`` is rare in code (0.07 per file on the
    benchmark tree). A file full of ``z`` falls back to the plain search after a few misses."""
    find = data.find
    i = find(b"z")
    misses = 0
    while i != -1:
        if data.startswith(b"zenml", i):
            return True
        misses += 1
        if misses == 16:
            return find(b"zenml", i + 1) != -1
        i = find(b"z", i + 1)
    return False


def utf16_zenml(data: bytes) -> bool:
    """A UTF-16 file (a Windows editor's "Unicode") that mentions zenml: its bytes never hold
    ``b"zenml"``; Python cannot read it, so the scan says so rather than "no API found"."""
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and (
        "zenml".encode("utf-16-le") in data or "zenml".encode("utf-16-be") in data
    )


def runs_or_not_a_notebook(data: bytes) -> bool:
    return b"%run" in data or not_a_notebook(data)


def not_a_notebook(data: bytes) -> bool:
    from zenml_migrate.scan.notebook import read_notebook
    from zenml_migrate.scan.sources import SourceError

    try:
        read_notebook(data)
    except SourceError:
        return True
    return False


def decode(kind: str, data: bytes) -> PySource:
    """The text of a file and what is needed to write it back byte for byte. Raises
    SourceError (Python source) or UnicodeDecodeError (any other kind: UTF-8 only)."""
    if KINDS[kind].python_source:
        return decode_python(data)
    if kind in SHELL_KINDS:
        return decode_bytes_text(data)  # never raises: a shell runs bytes
    bom = data.startswith(codecs.BOM_UTF8)
    return PySource(data.decode("utf-8-sig"), "utf-8", bom)
