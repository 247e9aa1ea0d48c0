"""Which files to look at: explicit files, folders walked with .gitignore honoured (``git
ls-files`` inside a work tree, our own .gitignore reader elsewhere, where the Python files and
notebooks it hides are scanned all the same), virtualenvs (a
``pyvenv.cfg``) and build/tool folders skipped, config ``exclude`` patterns applied.

Paths are reported the way the user spelled the argument: ``migrate scan src`` gives
``src/pkg/a.py``, ``migrate scan .`` gives ``pkg/a.py``, an absolute folder gives absolute paths.
"""

import fnmatch
import os
import re
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from stat import S_ISLNK, S_ISREG
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from zenml_migrate.scan import git_listing
from zenml_migrate.scan.jobs import FileJob
from zenml_migrate.scan.own_output import BUNDLE_MANIFEST
from zenml_migrate.safe_read import check_regular, read_regular

SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", ".bzr", ".venv", "venv", ".env", "env", "virtualenv", "__pycache__", "build",
    "dist", "node_modules", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages",
    ".ipynb_checkpoints", ".eggs", ".zenml-migrate-cache", ".direnv", "__pypackages__", ".cache",
})
YAML_SUFFIXES = (".yaml", ".yml")
SHELL_SUFFIXES = (".sh", ".bash", ".zsh", ".ksh", ".fish", ".sbatch", ".slurm", ".pbs")  # (SLURM and PBS batch scripts are shell scripts)
MAKEFILE_SUFFIXES = (".mk",)
ENV_SUFFIXES = (".env",)
# Quarto and R Markdown run their fenced chunks; MDX (Docusaurus, Nextra docs) keeps Markdown's fences
MARKDOWN_SUFFIXES = (".md", ".markdown", ".qmd", ".Rmd", ".rmd", ".mdx")
DOCKERFILE_SUFFIXES = (".dockerfile", ".Dockerfile")
RST_SUFFIXES = (".rst",)  # reStructuredText docs: their shell ``code-block`` directives
POWERSHELL_SUFFIXES = (".ps1", ".psm1")  # (a script module: its functions' commands)
BATCH_SUFFIXES = (".bat", ".cmd")
R_SUFFIXES = (".R", ".r")
IPYTHON_SUFFIXES = (".ipy",)  # an IPython script (``ipython setup.ipy``): its shell escapes
PYTHON_SUFFIXES = (".py", ".pyw")  # ``.pyw``: a Python script Windows runs without a console (pythonw)
NOTEBOOK_SUFFIXES = (".ipynb", ".zpln")  # Jupyter notebooks; Zeppelin notes (read with the same model)
# a note of Zeppelin 0.5-0.8: ``notebook/<note id>/note.json`` (an id is 9 upper-case letters and digits;
# Zeppelin 0.9 and later write ``notebook/<name>_<id>.zpln``), read as a ``.zpln`` note
_ZEPPELIN_NOTE = re.compile(r"(?:^|/)[A-Z0-9]{9}/note\.json$")
SUFFIXES = IPYTHON_SUFFIXES + PYTHON_SUFFIXES + NOTEBOOK_SUFFIXES + YAML_SUFFIXES + SHELL_SUFFIXES + MAKEFILE_SUFFIXES + MARKDOWN_SUFFIXES + RST_SUFFIXES + DOCKERFILE_SUFFIXES + POWERSHELL_SUFFIXES + BATCH_SUFFIXES + R_SUFFIXES
MAKEFILES = frozenset({"Makefile", "makefile", "GNUmakefile"})
# Containerfile: podman/buildah's name for it; Earthfile: Earthly targets (their ``RUN`` lines)
DOCKERFILES = frozenset({"Dockerfile", "Containerfile", "Earthfile"})
# configuration files of the tools around a project that run commands (command_configs.py)
CONFIG_FILES = {
    "tox.ini": "tox", "setup.cfg": "tox", "settings.ini": "tox", "pyproject.toml": "pyproject", "Pipfile": "pipfile", "Procfile": "procfile",
    "justfile": "justfile", "Justfile": "justfile", ".justfile": "justfile", "Jenkinsfile": "jenkinsfile",
    ".pre-commit-config.yaml": "pre_commit", ".pre-commit-config.yml": "pre_commit", "package.json": "package_json",
    "devcontainer.json": "devcontainer", ".devcontainer.json": "devcontainer", "supervisord.conf": "supervisord",
    "MLproject": "ci_yaml", "crontab": "cron", "Snakefile": "snakefile", "pixi.toml": "pixi",
    # tox 4's TOML configuration; mise's and poethepoet's task files
    "tox.toml": "tox_toml", "mise.toml": "toml_tasks", ".mise.toml": "toml_tasks", "poe_tasks.toml": "toml_tasks",
    # hosting platforms: Heroku's ``app.json`` (``scripts`` as in package.json), fly/railway/netlify TOML
    "app.json": "package_json", "fly.toml": "deploy_toml", "railway.toml": "deploy_toml", "netlify.toml": "deploy_toml",
    # cloud-init user data without a suffix (``#cloud-config``: read as YAML, its ``runcmd`` commands)
    "user-data": "yaml", "Vagrantfile": "vagrantfile",
    # Elastic Beanstalk's Docker platform: v2's ``containerDefinitions`` (ECS's), v1's ``Command`` line
    "Dockerrun.aws.json": "container_json",
    # cargo-make's tasks; Pants and Bazel BUILD files (``run_shell_command``, ``genrule``)
    "cruise-config.xml": "gocd_xml", "Makefile.toml": "cargo_make", "BUILD": "build_file", "BUILD.pants": "build_file", "BUILD.bazel": "build_file",
    # shell start-up files and direnv's ``.envrc`` (sourced by bash/zsh)
    ".envrc": "sh", ".bashrc": "sh", ".zshrc": "sh", ".bash_profile": "sh", ".zprofile": "sh",
}
# systemd units, user crontabs (``crontab -l > x.crontab``), Snakemake rule files, Jenkins pipelines and
# shared-library steps (``vars/deploy.groovy``)
CONFIG_SUFFIXES = {".service": "systemd", ".crontab": "cron", ".cron": "cron", ".smk": "snakefile", ".groovy": "jenkinsfile", ".jenkinsfile": "jenkinsfile",
                   ".tf": "hcl", ".hcl": "hcl",  # Terraform provisioners, Nomad jobs
                   ".nix": "nix",  # shell.nix/flake.nix/devenv.nix: ``shellHook`` and other scripts
                   ".wdl": "wdl", ".nf": "nextflow", ".cwl": "cwl",  # WDL task ``command`` sections, Nextflow process scripts, CWL tools
                   ".html": "html", ".htm": "html"}  # ``<pre>`` blocks of HTML pages
_COMPOSE = re.compile(r"^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$")
# CI definitions other than GitHub workflows and GitLab CI whose steps are shell lines
# (also Google Cloud Build, AWS CodeBuild and go-task's Taskfile: lists of shell lines)
_CI_FILES = re.compile(
    r"^(?:azure-pipelines[\w.-]*\.ya?ml|bitbucket-pipelines\.ya?ml|\.travis\.ya?ml|action\.ya?ml"
    r"|cloudbuild[\w.-]*\.ya?ml|buildspec[\w.-]*\.ya?ml|[Tt]askfile(?:\.dist)?\.ya?ml|dvc\.ya?ml"
    # Drone, Woodpecker, AppVeyor, Cirrus CI, Codefresh
    r"|\.drone\.ya?ml|\.woodpecker\.ya?ml|\.?appveyor\.ya?ml|\.cirrus\.ya?ml|codefresh[\w.-]*\.ya?ml"
    r"|render\.ya?ml"  # Render blueprints: ``buildCommand``/``startCommand``
    r"|cog\.ya?ml"  # Replicate's Cog: ``build.run`` commands
    r"|\.readthedocs\.ya?ml"  # Read the Docs ``build.jobs``/``build.commands``
    r"|\.?lefthook(?:-local)?\.ya?ml"  # lefthook git hooks (``run:``)
    r"|\.gitpod\.ya?ml"  # Gitpod workspace tasks
    r"|[\w.-]*\.gocd\.ya?ml)$"  # GoCD pipelines as code (``exec`` tasks: ``command`` + ``arguments``; ``script`` tasks)
)
# (Gitea and Forgejo Actions: GitHub's workflow format in their own folders; Harness pipelines kept in Git)
_CI_FOLDERS = ("/.circleci/", "/.buildkite/", "/.woodpecker/", "/.semaphore/", "/bamboo-specs/", "/.gitea/workflows/", "/.forgejo/workflows/",
               "/.harness/")
# folders whose name says what the files in them are (``kind_of`` reads it in their paths)
_KIND_FOLDERS = tuple(f.strip("/") for f in _CI_FOLDERS) + (".github/workflows", ".gitlab/ci", ".vscode")


def _folder_context(folder: str) -> str:
    """``.circleci/`` when ``folder`` is such a folder itself (``migrate scan .`` run inside
    ``.circleci``, ``migrate scan config.yml`` there: the paths below it no longer name it),
    for ``kind_of``; else ""."""
    where = os.path.abspath(folder or ".").replace(os.sep, "/")  # no realpath: an lstat per path component
    return next((marker + "/" for marker in _KIND_FOLDERS if where.endswith("/" + marker)), "")

# requirement lists (migrate/scan/pins.py): pip requirements/constraints files (also pip-tools
# ``.in`` files and the files of a ``requirements/`` folder), conda environment files
_REQUIREMENTS = re.compile(r"^(?:[\w.-]*[-_.])?(?:requirements|constraints)[\w.-]*\.(?:txt|in)$")
_CONDA_ENV = re.compile(r"^(?:environment[\w.-]*|conda)\.ya?ml$")  # (``conda.yaml``: an MLflow model's)
# YAML files listing pip requirements: MLflow's ``python_env.yaml``, BentoML's ``bentofile.yaml``
_PIP_YAML = re.compile(r"^(?:python_env|bentofile)\.ya?ml$")
# a Databricks job spec (Jobs API JSON: ``job.json``, ``train-job.json``, ``jobs/nightly.job.json``)
_DATABRICKS_JOB = re.compile(r"^(?:[\w.-]*[-_.])?jobs?(?:[-_.][\w.-]*)?\.json$")
# container specs in JSON (``command_configs.container_json``): ECS task definitions (``taskdef.json``,
# ``task-definition.json``, ``ecs-task.json``), AWS Batch job definitions (``jobdef.json``, ``batch.json``),
# Step Functions state machines (``train.asl.json``: the containers of their ECS and SageMaker states)
_CONTAINER_JSON = re.compile(
    r"^(?:[\w.-]*[-_.])?(?:task[-_]?def(?:inition)?s?|tasks?|container[-_]?def(?:inition)?s?|job[-_]?def(?:inition)?s?|ecs|batch|asl)(?:[-_.][\w.-]*)?\.json$", re.I
)
# lock files (migrate/scan/pins.py ``lock_requirements``): what a tool resolved, installed as is
LOCK_FILES = frozenset({"Pipfile.lock", "poetry.lock", "pdm.lock", "uv.lock"})
_REQUIREMENTS_LOCK = re.compile(r"^requirements[\w.-]*\.lock$")  # rye's requirements.lock / requirements-dev.lock
VSCODE_FILES = frozenset({"tasks.json", "launch.json"})  # in a ``.vscode`` folder
ZEN_CONFIG = ".zen/config.yaml"


@dataclass
class Discovered:
    """The files to scan, and what discovery could not find or was told to skip."""

    jobs: List[FileJob]
    errors: List[Tuple[str, str]]  # (path, message) for arguments that do not exist
    # Python files and notebooks below a folder given in a git work tree that a .gitignore hides
    # (untracked): not scanned, and the summary says so (a jupytext set-up ignores ``*.ipynb``);
    # ``ignored_more``: more not counted (outside git: more in ignored folders not looked at)
    ignored: List[str] = field(default_factory=list)
    ignored_more: bool = False
    # files named as arguments that the exclude patterns skip (the summary says so: it said
    # "No file to scan in the paths given (Python, ...)" of a Python file)
    excluded: List[str] = field(default_factory=list)
    # symlinks below a folder given that were not scanned, (path, its target as shown; a folder's ends with /): a link to a
    # file scanned under its own path (scanned once, under that path), a link to a folder outside
    # the folder given (not followed: a fix would write out of it); the summary names them
    links: List[Tuple[str, str]] = field(default_factory=list)
    # path -> (mtime_ns, size) of the files that discovery found regular (not a link) with the
    # lstat it makes anyway (``_Links``, in a git work tree): the scan's stamp, not asked again
    stamps: Dict[str, Tuple[int, int]] = field(default_factory=dict)


# entries looked at in folders a .gitignore hides, per folder given (a data folder of a million
# files is not walked to count its Python files)
IGNORED_LOOK_CAP = 5000


def is_notebook(path: str) -> bool:
    """Is the file a notebook (Jupyter, Zeppelin): cells read through ``scan/notebook.py``."""
    return kind_of(path) == "ipynb"


def kind_of(path: str) -> Optional[str]:
    name = path.replace("\\", "/")
    if name.endswith(PYTHON_SUFFIXES):
        return "py"
    if name.endswith(NOTEBOOK_SUFFIXES) or _ZEPPELIN_NOTE.search(name):
        return "ipynb"
    if name.endswith("/.zen/config.yaml") or name == ".zen/config.yaml":
        return "zen_config"
    base = name.rpartition("/")[2]
    config = CONFIG_FILES.get(base)
    if config is not None or base.startswith(("Procfile.", "Jenkinsfile.")):
        return config or ("procfile" if base.startswith("Procfile.") else "jenkinsfile")
    if base in VSCODE_FILES and name.rpartition("/")[0].endswith(".vscode") or base.endswith(".code-workspace"):
        return "vscode"  # VS Code tasks and launch configurations (also in a workspace file)
    if base.endswith(".gocd.xml"):
        return "gocd_xml"  # GoCD pipelines as code in XML (and ``cruise-config.xml``)
    if base.endswith(".kts") and "/.teamcity/" in "/" + name:
        return "teamcity"  # TeamCity's Kotlin DSL (``.teamcity/settings.kts``)
    if base.endswith(".xml") and ("/.run/" in "/" + name or "/.idea/runConfigurations/" in "/" + name):
        return "pycharm"  # PyCharm run configurations
    if "/cron.d/" in "/" + name:  # a system cron table: a user field before each command
        return "cron_d"
    suffix = CONFIG_SUFFIXES.get(base[base.rfind(".") :]) if "." in base else None
    if suffix is not None:
        return suffix
    if _REQUIREMENTS.match(base) or (name.endswith((".txt", ".in")) and "/requirements/" in "/" + name):
        return "requirements"
    if _CONDA_ENV.match(base) or _conda_recipe(name, base):
        return "conda_env"
    if _PIP_YAML.match(base):
        return "pip_yaml"
    if _DATABRICKS_JOB.match(base):
        return "databricks_job"
    if _CONTAINER_JSON.match(base):
        return "container_json"
    if base in LOCK_FILES or _REQUIREMENTS_LOCK.match(base):
        return "lock"
    if name.endswith(YAML_SUFFIXES):
        # CI workflows hold shell commands, never run configs
        # (GitLab: also the files an ``include:`` names, ``ci/train.gitlab-ci.yml``, ``.gitlab/ci/*.yml``)
        if "/.github/workflows/" in "/" + name or base.endswith((".gitlab-ci.yml", ".gitlab-ci.yaml")) or "/.gitlab/ci/" in "/" + name:
            return "ci_yaml"
        if _CI_FILES.match(base) or any(f in "/" + name for f in _CI_FOLDERS):
            return "ci_yaml"
        if _COMPOSE.match(base):
            return "compose"
        return "yaml"
    if name.endswith(SHELL_SUFFIXES):
        return "sh"
    if _env_file(base):
        return "env"  # dotenv files: ``.env``, ``.env.production``, ``prod.env`` (compose's ``env_file:``)
    if base in MAKEFILES or name.endswith(MAKEFILE_SUFFIXES):
        return "makefile"
    if base in DOCKERFILES or base.startswith(("Dockerfile.", "Containerfile.")) or name.endswith(DOCKERFILE_SUFFIXES):
        return "dockerfile"
    if name.endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    if name.endswith(RST_SUFFIXES):
        return "rst"
    if name.endswith(POWERSHELL_SUFFIXES):
        return "powershell"
    if name.endswith(BATCH_SUFFIXES):
        return "batch"
    if name.endswith(R_SUFFIXES):
        return "r"
    if name.endswith(IPYTHON_SUFFIXES):
        return "ipython"
    return None


def _conda_recipe(name: str, base: str) -> bool:
    """A conda-build recipe (``recipe/meta.yaml``, ``conda.recipe/meta.yaml``, ``conda/meta.yaml``)
    or a rattler-build ``recipe.yaml``: its requirement lists are conda match specs. Read line by
    line (a recipe's Jinja ``{% set %}`` / ``{{ }}`` is no YAML)."""
    if base == "recipe.yaml":
        return True
    folder = name.rpartition("/")[0].rpartition("/")[2]
    return base in ("meta.yaml", "meta.yml") and ("recipe" in folder or folder == "conda")


def _script_kind(path: str, walked: bool = False) -> Optional[str]:
    """A file without a suffix (``bin/train``, a pre-commit ``shell`` file): its ``#!`` line
    says what it is. Named explicitly, a file without one is read as Python; found in a
    folder (``walked``), only a ``#!`` naming Python or a shell makes it a script to scan
    (``LICENSE`` is not)."""
    try:
        check_regular(path, None)  # a FIFO or a device: never opened (the scan reports it)
        with open(path, "rb") as fh:
            head = fh.readline(256)
    except OSError:
        return None if walked else "py"  # explicit: the scan reports why it cannot be read
    if not head.startswith(b"#!"):
        return None if walked else "py"
    words = head[2:].decode("utf-8", "replace").split()
    program = words[0].rsplit("/", 1)[-1] if words else ""
    if program == "env" and len(words) > 1:
        program = next((w for w in words[1:] if not w.startswith("-")), "")
    if program.startswith("python"):
        return "py"
    if program in ("sh", "bash", "zsh", "dash", "ksh", "fish"):
        return "sh"
    return None


def _listed(name: str) -> bool:
    """Is a file with this name (last path component) one discovery keeps? (cheap test; a name
    without a suffix may be a script: its ``#!`` line decides, see ``_script_kind``)"""
    return (
        name.endswith(SUFFIXES) or name.endswith(tuple(CONFIG_SUFFIXES)) or name in MAKEFILES or name in CONFIG_FILES or name in VSCODE_FILES or name.startswith(("Dockerfile", "Containerfile", "Procfile.", "Jenkinsfile."))
        or _maybe_script(name) or name.endswith((".txt", ".in", ".lock", ".xml", ".code-workspace", ".kts")) or bool(_DATABRICKS_JOB.match(name)) or bool(_CONTAINER_JSON.match(name)) or name == "note.json"
        or _env_file(name)
    )


def _env_file(name: str) -> bool:
    """A dotenv file: ``.env``, ``.env.production``, ``prod.env``."""
    return name == ".env" or name.startswith(".env.") or name.endswith(ENV_SUFFIXES)


def _maybe_script(name: str) -> bool:
    """A name without a suffix that names no other kind: perhaps a script (``bin/train``)."""
    return "." not in name and name not in MAKEFILES and name not in CONFIG_FILES and not name.startswith(("Dockerfile", "Containerfile"))


class Excluder:
    """``exclude`` patterns from the config (gitignore-like globs): ``tests``, ``legacy/*.py``,
    ``**/generated``. A pattern without ``/`` matches any path component."""

    def __init__(self, patterns: Sequence[str]):
        # an absolute pattern (``config.anchored``: one of pyproject.toml, from its folder) matches the absolute path
        self.absolute = [p.rstrip("/") for p in patterns if os.path.isabs(p)]
        relative = [p for p in patterns if not os.path.isabs(p)]
        self.anywhere = [p.strip("/") for p in relative if "/" not in p.strip("/")]
        self.rooted = [p.strip("/").lstrip("./") if p.startswith("./") else p.strip("/") for p in relative if "/" in p.strip("/")]

    def __bool__(self) -> bool:
        return bool(self.anywhere or self.rooted or self.absolute)

    def hides(self, rel: str, shown: str) -> bool:
        """``rel`` below the folder walked, ``shown`` the path as given (from the working folder)."""
        shown = shown.replace(os.sep, "/")
        return self(rel) or (shown != rel and self(shown)) or self.hides_path(shown)

    def hides_path(self, path: str) -> bool:
        """The absolute patterns, on ``path`` made absolute."""
        if not self.absolute:
            return False
        full = os.path.abspath(path).replace(os.sep, "/")
        return any(fnmatch.fnmatchcase(full, pat) or fnmatch.fnmatchcase(full, pat + "/*") for pat in self.absolute)

    def __call__(self, rel: str) -> bool:
        rel = rel.replace("\\", "/")
        while rel.startswith("./"):
            rel = rel[2:]
        parts = rel.split("/")
        for pat in self.anywhere:
            if any(fnmatch.fnmatchcase(p, pat) for p in parts):
                return True
        for pat in self.rooted:
            if fnmatch.fnmatchcase(rel, pat) or fnmatch.fnmatchcase(rel, pat + "/*"):
                return True
            if pat.startswith("**/") and (fnmatch.fnmatchcase(rel, pat[3:]) or fnmatch.fnmatchcase(rel, pat[3:] + "/*")):
                return True
        return False


# a folder holding one of these is a tool's, not the project's: a virtualenv, a bundle of `migrate profiles`
_TOOL_FOLDER_MARKS = ("pyvenv.cfg", BUNDLE_MANIFEST)


def _skipped_dir(name: str) -> bool:
    return name in SKIP_DIRS or name.endswith(".egg-info")


# SKIP_DIRS names that a project also gives its own folders (``configs/env/prod.yaml``,
# ``tasks/build/``): skipped only when they hold what the name is kept for
_VENV_NAMES = frozenset({"env", "venv", ".venv", "virtualenv"})
_BUILD_NAMES = frozenset({"build"})


def _named_for_what_it_holds(name: str) -> bool:
    return name in _VENV_NAMES or name in _BUILD_NAMES


def _tool_output(name: str, children: Set[str]) -> bool:
    """Does the folder ``name``, whose entries are ``children``, hold what the name is kept for:
    a virtualenv or conda environment, or setuptools/CMake build output?"""
    if name in _VENV_NAMES:
        return bool({"pyvenv.cfg", "conda-meta", "bin", "lib", "include", "Scripts", "Lib", "Include"} & children)
    if name in _BUILD_NAMES:  # (Sphinx: doctrees, .buildinfo beside the built pages)
        return bool({"CMakeCache.txt", "doctrees", ".doctrees", ".buildinfo"} & children) or any(
            c == "lib" or c.startswith(("lib.", "bdist.", "temp.", "scripts-")) for c in children
        )
    return True


def _project_folder_named_like_a_skipped_dir(name: str, children: Set[str]) -> bool:
    """``pkg/env/__init__.py``, ``features/build/__init__.py``: a package of the project whose
    name is one of SKIP_DIRS' (meant for virtualenvs and setuptools output, neither of which
    holds an ``__init__.py`` at its top) is scanned like any package; so is an ``env``/``build``
    folder that is neither a virtualenv nor build output (``_tool_output``)."""
    return ("__init__.py" in children and name.isidentifier()) or not _tool_output(name, children)


def _children(path: str) -> Set[str]:
    try:
        return set(os.listdir(path))
    except OSError:
        return set()


def _skipped_folder(name: str, path: str) -> bool:
    """Is the folder ``path`` (named ``name``) one discovery skips? (a folder walked, or one a
    .gitignore hides)"""
    if not _skipped_dir(name):
        return False
    if _named_for_what_it_holds(name):
        children = _children(path)
    else:
        children = {"__init__.py"} if os.path.isfile(os.path.join(path, "__init__.py")) else set()
    return not _project_folder_named_like_a_skipped_dir(name, children)


def _git_files(root: str) -> Optional[List[str]]:
    """Files git would not ignore (tracked and untracked), relative to root, or None when
    root is not inside a git work tree (or git is missing). A tracked file deleted from the
    work tree is still listed: the engine skips files that no longer exist. The files of a
    submodule and of a repository inside the work tree that git does not track (listed as one
    entry each, ``vendor/shared`` and ``nested/``) are listed by their own git: they are the
    project's code too (a scan said "No ZenML 0.13.2 APIs found" of a project whose steps were
    in a submodule, and ``--fix`` left them on 0.13.2)."""
    files = git_listing.output(git_listing.listing(root, git_listing.FILES))
    if not files:
        return files
    listed = set(files)
    inner = {f for f in files if f.endswith("/")}
    inner.update(f for f in git_listing.submodules(root) if f in listed)
    if not inner:
        return files
    out = [f for f in files if f not in inner]
    for folder in sorted(inner):
        sub = folder.rstrip("/")
        path = os.path.join(root, sub)
        # only a folder that is a work tree of its own: git asked in a submodule that was never
        # checked out (a clone without --recurse-submodules: an empty folder) answers for the
        # repository above it, which lists the same folder again
        if os.path.isdir(path) and not os.path.islink(path) and os.path.lexists(os.path.join(path, ".git")):
            out.extend(f"{sub}/{f}" for f in _git_files(path) or ())
    return out


def _start_git_ignored(root: str) -> Optional[subprocess.Popen]:
    """What git ignores below root (files, and folders as ``name/``, not listed inside), asked
    while the main listing runs (its wall time overlaps): read with ``_git_ignored``."""
    return git_listing.listing(root, git_listing.IGNORED)


def _git_ignored(proc: Optional[subprocess.Popen]) -> List[str]:
    return git_listing.output(proc) or []


class _Hidden:
    """The Python files, notebooks and dotenv files naming a ZenML variable a .gitignore hides
    below one folder given: named ones,
    and those inside ignored folders (virtualenvs and tool folders left out, IGNORED_LOOK_CAP
    entries looked at in all)."""

    def __init__(self, root: str):
        self.root, self.files, self.more, self.budget = root, [], False, IGNORED_LOOK_CAP
        self._seen: Set[str] = set()

    def _inside_a_skipped_folder(self, folders: List[str]) -> bool:
        return any(_skipped_folder(p, os.path.join(self.root, *folders[: i + 1])) for i, p in enumerate(folders))

    def file(self, rel: str) -> None:
        # (git lists a folder whose files are all ignored and, with --directory, its files too)
        kind = kind_of(rel)
        if kind == "env" and not _sets_zenml(os.path.join(self.root, rel)):
            return  # a local ``.env`` (git-ignored as a rule) matters when it sets a ZenML variable (ZM906)
        if kind in ("py", "ipynb", "env") and rel not in self._seen and not self._inside_a_skipped_folder(rel.split("/")[:-1]):
            self._seen.add(rel)
            self.files.append(rel)

    def folder(self, rel: str) -> None:
        rel = rel.rstrip("/")
        if self._inside_a_skipped_folder(rel.split("/")):
            return
        stack = [rel]
        while stack:
            folder = stack.pop()
            path = os.path.join(self.root, folder)
            if os.path.exists(os.path.join(path, "pyvenv.cfg")):
                continue
            try:
                with os.scandir(path) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                if self.budget <= 0:
                    self.more = True
                    return
                self.budget -= 1
                sub = f"{folder}/{entry.name}"
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                except OSError:
                    continue
                if is_dir:
                    if not _skipped_folder(entry.name, entry.path):
                        stack.append(sub)
                else:
                    self.file(sub)


def _sets_zenml(path: str) -> bool:
    """Does the dotenv file at ``path`` (at most 1 MiB) name a ZenML variable (``ENV_WORD``)?"""
    from zenml_migrate.safe_read import MB, read_regular
    from zenml_migrate.scan.file_kinds import ENV_WORD

    try:
        return ENV_WORD in read_regular(path, MB)
    except OSError:
        return False


def _filter_git(files: List[str]) -> Iterable[str]:
    """Drop files under skipped folders and under virtualenvs (folders with a pyvenv.cfg);
    decided once per folder."""
    venvs = tuple(f[: -len(m)] for f in files for m in _TOOL_FOLDER_MARKS if f == m or f.endswith("/" + m))
    project_folder: Dict[str, bool] = {}

    listed = set(files)

    def kept(folder: str) -> bool:  # a folder named like a skipped one that the project made
        if folder not in project_folder:
            name, prefix = folder.rpartition("/")[2], folder + "/"
            if _named_for_what_it_holds(name):  # (its listed entries looked at: rare, once)
                children = {f[len(prefix):].split("/", 1)[0] for f in files if f.startswith(prefix)}
            else:
                children = {"__init__.py"} if prefix + "__init__.py" in listed else set()
            project_folder[folder] = _project_folder_named_like_a_skipped_dir(name, children)
        return project_folder[folder]

    folder_ok: Dict[str, bool] = {}
    for rel in files:
        if not _listed(rel.rpartition("/")[2]):
            continue
        folder = rel.rpartition("/")[0]
        ok = folder_ok.get(folder)
        if ok is None:
            parts = folder.split("/")
            ok = not any(
                _skipped_dir(p) and not kept("/".join(parts[: i + 1]))
                for i, p in enumerate(parts)
            ) and not (venvs and (folder + "/").startswith(venvs))
            folder_ok[folder] = ok
        if ok:
            yield rel


def _walk(root: str, unreadable: Optional[List[Tuple[str, str]]] = None, hidden: Optional[_Hidden] = None,
          links: Optional[Set[str]] = None) -> Iterable[str]:
    """Files below root (relative, '/'-separated, sorted), .gitignore honoured, directory
    symlinks not followed (no loops). A folder that cannot be listed goes to ``unreadable``
    (relative path, why): the result is incomplete, and the report says so. ``links``: gets
    the symlinks among the files yielded."""
    from zenml_migrate.scan.gitignore import GitIgnore

    ignore = GitIgnore(root)
    stack = [""]
    while stack:
        rel_dir = stack.pop()
        ignore.load(rel_dir)
        try:
            with os.scandir(os.path.join(root, rel_dir) if rel_dir else root) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            if unreadable is not None:
                unreadable.append((rel_dir, exc.strerror or str(exc)))
            continue
        subdirs = []
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                if _skipped_folder(entry.name, entry.path) or any(os.path.exists(os.path.join(entry.path, m)) for m in _TOOL_FOLDER_MARKS):
                    continue
                if not ignore.ignored(rel, is_dir=True):
                    subdirs.append(rel)
                elif hidden is not None:
                    hidden.folder(rel)
            elif _listed(entry.name):
                if not ignore.ignored(rel, is_dir=False):
                    if links is not None and entry.is_symlink():
                        links.add(rel)
                    yield rel
                elif hidden is not None:
                    hidden.file(rel)
        stack.extend(reversed(subdirs))


def lists_at_most(root: str, limit: int) -> bool:
    """Does walking ``root`` list at most ``limit`` files? (stops at the first one over)"""
    from itertools import islice

    return sum(1 for _ in islice(_walk(root), limit + 1)) <= limit


def module_name_for(root: str, rel: str) -> Tuple[str, bool]:
    # (PYTHON_SUFFIXES, written out: this runs once per file of a big tree)
    stem = rel[: -len(".py")] if rel.endswith(".py") else rel[: -len(".pyw")] if rel.endswith(".pyw") else rel
    if stem and stem.isascii() and not ("//" in stem or "/./" in stem or stem[0] in "/." or stem[-1] in "/."):
        # the common case, 20k times on a big tree: no empty or "." part to drop
        if stem == "__init__":
            return "", True
        if stem.endswith("/__init__"):
            return stem[: -len("/__init__")].replace("/", "."), True
        return stem.replace("/", "."), False
    parts = stem.split("/")
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    name = ".".join(p for p in parts if p and p != ".")
    if not name.isascii() and not all(p.isidentifier() for p in name.split(".")):
        return "", is_package  # a file name that is not UTF-8 (surrogates): no import can name it
    return name, is_package


def discover(paths: Sequence[str], exclude: Sequence[str] = ()) -> Discovered:
    jobs: List[FileJob] = []
    errors: List[Tuple[str, str]] = []
    hidden_files: List[str] = []
    hidden_more = False
    excluded = Excluder(exclude)
    seen: Set[str] = set()
    named_excluded: List[str] = []
    linked: List[Tuple[str, str]] = []
    named_links: Set[str] = set()  # files named as arguments that are symlinks
    stamps: Dict[str, Tuple[int, int]] = {}  # ``Discovered.stamps``
    for arg in paths:
        if not os.path.lexists(arg):
            errors.append((arg, _missing(arg)))
            continue
        if os.path.isdir(arg):
            root = arg
            asked = _start_git_ignored(root)
            git = _git_files(root)
            ignored_by_git = _git_ignored(asked)  # [] outside a git work tree
            unreadable: List[Tuple[str, str]] = []
            hidden = _Hidden(root)
            walked_links: Set[str] = set()
            listed = _filter_git(git) if git is not None else _walk(root, unreadable, hidden, walked_links)
            prefix = "" if root in (".", "./", "") else (root if os.path.isabs(root) else os.path.normpath(root)).rstrip("/\\") + os.sep
            context = _folder_context(root)
            others: Dict[str, str] = {}
            including: List[Tuple[str, str]] = []
            listed = list(listed)
            links = _Links(root, prefix, listed, None if git is not None else walked_links, stamps)
            for rel in listed:
                if links.skipped(rel):
                    continue
                shown = prefix + rel if prefix else rel
                # patterns match the path below the folder given and the path as given (from the
                # project root): `exclude = ["fixtures/legacy"]` holds for `scan fixtures/legacy/x` too
                if excluded and excluded.hides(rel, shown):
                    continue
                if shown in seen:
                    continue
                seen.add(shown)
                kind = kind_of(context + rel)
                if kind is None and _maybe_script(rel.rpartition("/")[2]):
                    kind = _script_kind(os.path.join(root, rel), walked=True)
                    if kind is None:
                        continue  # no ``#!`` naming Python or a shell: not ours (LICENSE, a binary)
                if kind is None:
                    if rel.endswith((".txt", ".in")):
                        others[rel] = shown  # a requirements file only if another one includes it
                    continue  # a ``.txt`` that is no requirements file (``_listed`` sees the name only)
                if kind == "py":
                    module, is_pkg = module_name_for(root, rel)
                    jobs.append(FileJob(shown, "py", module, is_pkg))
                else:
                    jobs.append(FileJob(shown, kind))
                    if kind in _INCLUDING_KINDS:
                        including.append((rel, kind))
            if others and including:
                jobs.extend(_included_requirements(root, including, others))
            if git is not None:
                for rel in ignored_by_git:
                    hidden.folder(rel) if rel.endswith("/") else hidden.file(rel)
            for rel in hidden.files:
                shown = prefix + rel if prefix else rel
                if shown in seen or (excluded and excluded.hides(rel, shown)):
                    continue
                if git is None:
                    # outside a git work tree a .gitignore cannot tell the project's files from
                    # local ones (an exported repo holds tracked files only, some of them matching
                    # its .gitignore): Python files and notebooks are scanned, like ripgrep's
                    # default; inside one, an ignored untracked file has no copy in git to go
                    # back to after --fix, so it is only named
                    seen.add(shown)
                    kind = kind_of(context + rel)
                    module, is_pkg = module_name_for(root, rel) if kind == "py" else ("", False)
                    jobs.append(FileJob(shown, kind, module, is_pkg))
                else:
                    hidden_files.append(shown)
            hidden_more = hidden_more or hidden.more
            linked.extend(links.said)
            for rel, why in unreadable:
                folder = (prefix + rel if prefix else rel) if rel else arg
                if rel and excluded and excluded.hides(rel, folder):
                    continue
                errors.append((folder, f"cannot list this folder ({why}); the files in it were not scanned: check its permissions, or exclude it"))
            # the repo-local legacy ZenML config matters even when .zen/ is git-ignored (it often is)
            zen = prefix + ZEN_CONFIG if prefix else ZEN_CONFIG
            if zen not in seen and os.path.isfile(os.path.join(root, ZEN_CONFIG)) and not (excluded and excluded.hides(ZEN_CONFIG, zen)):
                seen.add(zen)
                jobs.append(FileJob(zen, "zen_config"))
        else:
            # an explicit file is scanned even when .gitignore'd; config excludes still apply
            kind = kind_of(_folder_context(os.path.dirname(arg)) + arg) or (_script_kind(arg) if not os.path.splitext(arg)[1] else None)
            if kind is None:
                continue
            if excluded and (excluded(os.path.normpath(arg)) or excluded.hides_path(arg)):
                named_excluded.append(arg)
                continue
            if arg in seen:
                continue
            seen.add(arg)
            if os.path.islink(arg):
                named_links.add(arg)
            rel = os.path.normpath(arg).replace(os.sep, "/")
            module, is_pkg = module_name_for(".", rel) if kind == "py" and not os.path.isabs(arg) else ("", False)
            jobs.append(FileJob(arg, kind, module, is_pkg))
    if named_links:
        jobs = _named_links_once(jobs, named_links, linked)
    explicit = {j.path for j in jobs}  # a hidden file also named as an argument was scanned
    found = Discovered(jobs, errors, [p for p in hidden_files if p not in explicit], hidden_more, named_excluded, list(dict.fromkeys(linked)))
    found.stamps = stamps
    return found


def _named_links_once(jobs: List[FileJob], named: Set[str], linked: List[Tuple[str, str]]) -> List[FileJob]:
    """``jobs`` without the symlinks ``named`` as arguments whose file another job scans (``. link.py``)."""
    real = {os.path.realpath(j.path): j.path for j in jobs if j.path not in named}
    out = []
    for j in jobs:
        other = real.get(os.path.realpath(j.path)) if j.path in named else None
        if other is None:
            out.append(j)
        else:
            linked.append((j.path, other))
    return out


class _Links:
    """The symlinks among the files listed below ``root`` (``listed``: relative paths) that
    discovery does not scan: a link to a file of ``listed`` (it is scanned under its own path,
    once: its findings and fixes are not counted twice) and a link to a folder outside ``root``
    (walks do not follow folder links; a link into ``root`` shows files scanned anyway)."""

    def __init__(self, root: str, prefix: str, listed: List[str], known: Optional[Set[str]] = None, stamps: Optional[Dict] = None):
        self.root, self.prefix, self.listed, self.known = root, prefix, listed, known  # known: the links among them (None: ask)
        self.stamps = {} if stamps is None else stamps  # path as shown -> stamp of a regular file asked (``Discovered.stamps``)
        self.base = os.path.join(root, "")  # ``os.path.join(root, rel)`` is ``base + rel`` (git's paths are relative)
        self._real: Optional[str] = None
        self._names: Optional[Set[str]] = None
        self.said: List[Tuple[str, str]] = []

    def skipped(self, rel: str) -> bool:
        path = self.base + rel
        if self.known is not None:
            if rel not in self.known:
                return False
        elif not self._link(path, rel):
            return False
        if self._real is None:
            self._real, self._names = os.path.realpath(self.root), set(self.listed)
        target = os.path.realpath(path)
        inside = os.path.relpath(target, self._real).replace(os.sep, "/")
        outside = inside == ".." or inside.startswith("../")
        if os.path.isdir(target):
            if kind_of(rel) is not None:
                return False  # a folder where a file of a kind scanned is expected (``x.py -> folder``): an error, said
            if outside:
                self.said.append((self.prefix + rel, os.readlink(path).rstrip("/") + "/"))  # (a folder's ends with /)
            return True
        if outside or inside not in self._names or inside == rel:
            return False  # the only copy of the file this folder has
        self.said.append((self.prefix + rel, self.prefix + inside))
        return True

    def _link(self, path: str, rel: str) -> bool:
        """``os.path.islink(path)``; the stamp of a regular file kept (``stamps``)."""
        try:
            st = os.lstat(path)
        except (OSError, ValueError):
            return False
        if S_ISREG(st.st_mode):
            self.stamps[self.prefix + rel] = (st.st_mtime_ns, st.st_size)
            return False
        return S_ISLNK(st.st_mode)


# a file named by ``-r``/``-c`` (``--requirement``/``--constraint``) in a requirements file or an
# install command is a requirement list whatever its name (``-r zenml-deps.txt``, ``-c
# pins/zenml.txt``, ``pip install -r deps.in``): pip reads it as one
_INCLUDE = re.compile(rb"(?:^|[\s\"'=])(?:-r|-c|--requirement|--constraint)(?:[ \t]*=[ \t]*|[ \t]*)([^\s\"'`;&|)\\]+)", re.M)
# the kinds whose text may name one (requirement lists, command files, notebooks)
_INCLUDING_KINDS = frozenset({
    "requirements", "sh", "makefile", "dockerfile", "ci_yaml", "markdown", "ipynb", "tox", "pyproject", "justfile",
    "procfile", "powershell", "batch", "jenkinsfile", "compose", "ipython",
})
INCLUDE_READ_CAP = 1 << 20  # bytes of a file read for the names it includes


def _included_requirements(root: str, including: List[Tuple[str, str]], others: Dict[str, str]) -> List[FileJob]:
    """Jobs of kind ``requirements`` for the files of ``others`` (``{path below root: path
    shown}``: ``.txt``/``.in`` files whose name says no requirements file) that a file of
    ``including`` (``(path below root, kind)``) names with ``-r``/``-c``: a requirements file's
    include is relative to its folder (as pip reads it), a command's to its file's folder or to
    ``root`` (where the project's commands run from). Their own includes are followed."""
    out: List[FileJob] = []
    todo = list(including)
    while todo and others:
        rel, kind = todo.pop()
        try:
            data = read_regular(os.path.join(root, rel), INCLUDE_READ_CAP)
        except OSError:  # unreadable, not a regular file, or bigger than the cap: not read for includes
            continue
        if b"-r" not in data and b"-c" not in data and b"--" not in data:
            continue
        folder = rel.rpartition("/")[0]
        for m in _INCLUDE.finditer(data):
            name = m.group(1).decode("utf-8", "replace")
            for base in (folder,) if kind == "requirements" else (folder, ""):
                target = os.path.normpath(os.path.join(base, name)).replace(os.sep, "/")
                shown = others.pop(target, None)
                if shown is not None:
                    out.append(FileJob(shown, "requirements"))
                    todo.append((target, "requirements"))
                    break
    return out


def _missing(path: str) -> str:
    """Why a path given does not exist for us: a folder on the way that cannot be searched is not
    a typo (it said "no such file or directory" of a file behind a folder without permission)."""
    import errno

    try:
        os.lstat(path)
    except OSError as exc:
        if exc.errno == errno.EACCES:
            return "cannot reach it: a folder on its path cannot be searched (permission denied); check the folders' permissions"
        if exc.errno == errno.ENOTDIR:
            return "a part of the path is a file, not a folder; check the path"
        if exc.errno == errno.ELOOP:
            return "cannot reach it: symbolic link loop in its path; fix or remove the link"
        if exc.errno == errno.ENAMETOOLONG:
            return "the path is too long; check the path"
    return "no such file or directory; check the path"


def project_modules(jobs: Sequence[FileJob]) -> Set[str]:
    """Every dotted infix of every scanned module: ``a.b.c`` -> ``a.b.c``, ``b.c``, ``c``, ``a``,
    ``a.b``, ``b``, so script-style and namespace-package imports resolve."""
    names: Set[str] = set()
    packages: Set[str] = set()
    for job in jobs:
        module = job.module_name
        if job.kind != "py" or not module:
            continue
        package = module.rpartition(".")[0]
        if package and package not in packages:
            packages.add(package)
            names.update(_package_infixes(package))
        names.add(module)  # and every suffix after a dot: ``b.c``, ``c`` of ``a.b.c``
        dot = module.find(".")
        while dot != -1:
            names.add(module[dot + 1 :])
            dot = module.find(".", dot + 1)
    return names


@lru_cache(maxsize=None)
def _package_infixes(package: str) -> frozenset:
    parts = package.split(".")
    return frozenset(".".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1))
