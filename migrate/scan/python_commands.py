"""``zenml`` command lines in Python code: the strings and lists handed to ``os.system``,
``os.popen``, ``subprocess.run/call/check_call/check_output/Popen/getoutput``,
``asyncio.create_subprocess_shell/exec``, ``os.exec*p``/``os.spawn*p``, the ``sh`` module
(``sh.zenml(...)``, ``sh.zenml.stack.list()``, ``sh.Command("zenml")``), plumbum
(``local["zenml"]["stack", "list"]()``, ``plumbum.cmd.zenml``), ``pexpect.run/spawn``, anyio,
paramiko's ``exec_command``, the docker SDK (``containers.run(command=)``, ``exec_run``), container
specs (kubernetes ``V1Container(command=, args=)``, Kubeflow, Hera), pulumi_command's
``Command(create=)``, ``get_ipython().system(...)`` (also through a name bound to ``get_ipython()``), invoke's ``c.run(...)`` (a ``@task``'s context) and nox's
``session.run(...)``/``session.install(...)`` (a ``@nox.session``'s argument); and the requirement strings of a
``setup(...)`` call (``install_requires``, ``extras_require``, ``setup_requires``,
``tests_require``: ``migrate/scan/pins.py`` judges them).

The callee is found by its qualified name (this file's imports; a local ``def system`` is not
``os.system``), never by text. Its command argument is evaluated as far as the code says it:
string literals, f-strings, ``+`` concatenations, ``%``/``.format`` templates, ``" ".join``,
``shlex.split/join``, lists and tuples, and names bound once in the scope (``cmd = [...]``).
A part only known at run time (``{name}``, a variable, ``*args``) is an unknown word (``${_}``,
which no CLI rule reads as a command or an option); a list stops at a ``*starred`` item. The
words then go through the same CLI rules as a shell script (``command_scan.match_invocation``).

Every character of the command keeps the place in the file it comes from, so a finding points
at the string (``line:column`` of the option inside the literal), and a safe CLI fix (drop
``-m X``, ``-t`` -> ``--flavor``) is a text edit inside the literal when the characters it
touches are plain literal text (no escape, not built from a name used elsewhere); otherwise the
finding says there is no automatic fix here and ``--fix`` writes a TODO above the statement.
"""

import ast
import bisect
import io
import re
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from zenml_migrate.findings import Finding, Span

# words a file must hold for any of the callees below to be there (the cheap pre-check)
TRIGGERS = (
    "system(", "subprocess", "popen(", "execvp", "execlp", "execv(", "execl(", "spawnlp", "spawnvp", "getoutput", "pty.spawn", "from pty", "posix_spawn",
    "import sh", "from sh ", "invoke", "nox", "run_cell_magic", "run_line_magic", "_require", "BashOperator", "DockerOperator",
    "KubernetesPodOperator", "SSHOperator", "zenml.cli.cli", "zenml.cli import", "task.bash", "from fabric", "import fabric",
    "packages_to_install", "runtime_env", "pip_install", "requirements=", "ShellOperation", "shell_run_command", "run_commands",
    "plumbum", "pexpect", "paramiko", "anyio", "docker", "kubernetes", "pulumi_command", "kfp", "hera", "shell_command",
    # (not ``sagemaker``/``aiplatform`` alone: zenml code names its SageMaker and Vertex step operators and orchestrators)
    "sagemaker.processing", "sagemaker import", "CustomJob", "CustomContainerTrainingJob", "flytekit", "azure.ai.ml", "job_submission",
    "asyncssh", "EcsRunTaskOperator", "EcsOperator", "with_exec", "install_pypi_package", "installPyPI",
)
UNKNOWN = "${_}"  # a word known only at run time

KEYWORD_ONLY = 1 << 16  # the index of an argument only passed by its keyword (no call has that many)

# callee -> (kind, index of the command argument, its keyword)
#   shell: one shell command line; args: a list of words or (a string) a shell line;
#   words: each positional argument from the index on is one word; list: a list of words;
#   zenml / install: words after the program ``zenml`` / after ``pip install``;
#   cli: the argv of zenml's click group (a list, or a string click splits); pod: a list of
#   words (``cmds``) followed by the list of the ``arguments`` keyword; lines: shell lines, a
#   list of them or one (each positional argument from the index on, or the keyword's value)
CALLEES: Dict[str, Tuple[str, int, Optional[str]]] = {
    "os.system": ("shell", 0, "command"),
    "os.popen": ("shell", 0, "cmd"),
    "subprocess.getoutput": ("shell", 0, "cmd"),
    "subprocess.getstatusoutput": ("shell", 0, "cmd"),
    "asyncio.create_subprocess_shell": ("shell", 0, "cmd"),
    "get_ipython().system": ("shell", 0, "cmd"),
    "get_ipython().getoutput": ("shell", 0, "cmd"),
    "invoke.Context.run": ("shell", 0, "command"),
    "invoke.Context.sudo": ("shell", 0, "command"),
    "invoke.Context.local": ("shell", 0, "command"),  # fabric's Connection.local: on this machine
    "invoke.run": ("shell", 0, "command"),
    "invoke.sudo": ("shell", 0, "command"),
    # Fabric 1's ``fabric.api``: ``local`` runs here, ``run``/``sudo`` on the current host
    "fabric.api.local": ("shell", 0, "command"),
    "fabric.api.run": ("shell", 0, "command"),
    "fabric.api.sudo": ("shell", 0, "command"),
    "fabric.operations.local": ("shell", 0, "command"),
    "fabric.operations.run": ("shell", 0, "command"),
    "fabric.operations.sudo": ("shell", 0, "command"),
    "subprocess.run": ("args", 0, "args"),
    "subprocess.call": ("args", 0, "args"),
    "subprocess.check_call": ("args", 0, "args"),
    "subprocess.check_output": ("args", 0, "args"),
    "subprocess.Popen": ("args", 0, "args"),
    "asyncio.create_subprocess_exec": ("words", 0, None),
    "nox.Session.run": ("words", 0, None),
    "nox.Session.run_always": ("words", 0, None),  # also when installs are skipped (``nox -R``)
    "nox.Session.install": ("install", 0, None),  # pip install ARGS in the session's virtualenv
    # pexpect: ``run`` splits its line into words (no shell); ``spawn(cmd, args=[...])`` runs
    # ``cmd`` with the words of ``args``, or (no ``args``) the words of the line ``cmd``
    "pexpect.run": ("shell", 0, "command"),
    "pexpect.runu": ("shell", 0, "command"),
    "pexpect.spawn": ("spawn", 0, "command"),
    "pexpect.spawnu": ("spawn", 0, "command"),
    "pexpect.pty_spawn.spawn": ("spawn", 0, "command"),
    "pexpect.popen_spawn.PopenSpawn": ("args", 0, "cmd"),
    # anyio: a string runs in a shell, a list is the argv
    "anyio.run_process": ("args", 0, "command"),
    "anyio.open_process": ("args", 0, "command"),
    # paramiko: the line runs in the remote user's shell
    "paramiko.SSHClient.exec_command": ("shell", 0, "command"),
    # the docker SDK: a container's command (a list, or a string docker splits into words)
    "docker.DockerClient.containers.run": ("args", 1, "command"),
    "docker.DockerClient.containers.create": ("args", 1, "command"),
    "docker.models.containers.Container.exec_run": ("args", 0, "cmd"),
    "docker.APIClient.exec_create": ("args", 1, "cmd"),
    "docker.APIClient.create_container": ("args", 1, "command"),
    # a container spec's ``command`` followed by its ``args`` (kubernetes client, Kubeflow, Hera)
    "kubernetes.client.V1Container": ("container", KEYWORD_ONLY, "command"),
    "kubernetes.client.models.V1Container": ("container", KEYWORD_ONLY, "command"),
    "kubernetes.client.V1ExecAction": ("list", KEYWORD_ONLY, "command"),
    "kubernetes.client.models.V1ExecAction": ("list", KEYWORD_ONLY, "command"),
    "kfp.dsl.ContainerSpec": ("container", 1, "command"),
    "kfp.dsl.ContainerOp": ("pod", 2, "command"),
    "hera.workflows.Container": ("container", KEYWORD_ONLY, "command"),
    # a command run in a pod (``stream(api.connect_get_namespaced_pod_exec, pod, ns, command=[...])``)
    "kubernetes.stream.stream": ("list", KEYWORD_ONLY, "command"),
    # ML platform jobs: a SageMaker processing job's ``entrypoint``, a Vertex AI container training job's
    # ``command``, a Flyte container task's ``command`` + ``arguments``, an Azure ML command job's shell line,
    # a Ray job's ``entrypoint`` (a shell line); Vertex AI custom jobs and Airflow's ECS operator hold
    # container specs in dicts (``"container_spec": {"command": [...], "args": [...]}``, ECS
    # ``"containerOverrides": [{"command": [...]}]``)
    "sagemaker.processing.Processor": ("list", KEYWORD_ONLY, "entrypoint"),
    "sagemaker.Processor": ("list", KEYWORD_ONLY, "entrypoint"),
    "google.cloud.aiplatform.CustomContainerTrainingJob": ("list", KEYWORD_ONLY, "command"),
    "google.cloud.aiplatform.CustomJob": ("specs", KEYWORD_ONLY, "worker_pool_specs"),
    "flytekit.ContainerTask": ("pod", KEYWORD_ONLY, "command"),
    "flytekit.core.container_task.ContainerTask": ("pod", KEYWORD_ONLY, "command"),
    "azure.ai.ml.command": ("shell", KEYWORD_ONLY, "command"),
    "ray.job_submission.JobSubmissionClient.submit_job": ("shell", KEYWORD_ONLY, "entrypoint"),
    "asyncssh.SSHClientConnection.run": ("shell", 0, "command"),  # on the remote host, in its user's shell
    "dagger.Container.with_exec": ("list", 0, "args"),
    "airflow.providers.amazon.aws.operators.ecs.EcsRunTaskOperator": ("specs", KEYWORD_ONLY, "overrides"),
    "airflow.providers.amazon.aws.operators.ecs.EcsOperator": ("specs", KEYWORD_ONLY, "overrides"),
    "os.execlp": ("words", 1, None),
    "os.execl": ("words", 1, None),
    "os.spawnlp": ("words", 2, None),
    "os.execvp": ("list", 1, None),
    "os.execv": ("list", 1, None),
    "os.spawnvp": ("list", 2, None),
    # a pseudo-terminal's child (``pty.spawn(["zenml", "stack", "list"])``: a list of words, or one
    # program name); ``os.posix_spawnp(path, argv, env)``
    "pty.spawn": ("list", 0, "argv"),
    "os.posix_spawnp": ("list", 1, "argv"),
    "os.posix_spawn": ("list", 1, "argv"),
    # Airflow operators: a task's shell line (``bash_command``), a container's command (a list,
    # or a string docker splits into words), a pod's ``cmds`` + ``arguments``
    "airflow.operators.bash.BashOperator": ("shell", KEYWORD_ONLY, "bash_command"),
    "airflow.operators.bash_operator.BashOperator": ("shell", KEYWORD_ONLY, "bash_command"),
    "airflow.providers.docker.operators.docker.DockerOperator": ("args", KEYWORD_ONLY, "command"),
    "airflow.providers.ssh.operators.ssh.SSHOperator": ("shell", KEYWORD_ONLY, "command"),  # a shell line on the host
    "airflow.contrib.operators.ssh_operator.SSHOperator": ("shell", KEYWORD_ONLY, "command"),
    "airflow.operators.docker_operator.DockerOperator": ("args", KEYWORD_ONLY, "command"),
    "airflow.providers.cncf.kubernetes.operators.kubernetes_pod.KubernetesPodOperator": ("pod", KEYWORD_ONLY, "cmds"),
    "airflow.providers.cncf.kubernetes.operators.pod.KubernetesPodOperator": ("pod", KEYWORD_ONLY, "cmds"),
    "airflow.contrib.operators.kubernetes_pod_operator.KubernetesPodOperator": ("pod", KEYWORD_ONLY, "cmds"),
    # Prefect's shell tasks (prefect-shell): each of ``commands`` is a shell line, and ``command``
    "prefect_shell.ShellOperation": ("lines", KEYWORD_ONLY, "commands"),
    "prefect_shell.commands.ShellOperation": ("lines", KEYWORD_ONLY, "commands"),
    "prefect_shell.shell_run_command": ("shell", KEYWORD_ONLY, "command"),
    "prefect_shell.commands.shell_run_command": ("shell", KEYWORD_ONLY, "command"),
    # Dagster's shell ops (dagster-shell): the line runs in a shell
    **{f"dagster_shell.{m}": ("shell", 0, "shell_command") for m in (
        "create_shell_command_op", "create_shell_command_solid", "execute_shell_command",
        "ops.create_shell_command_op", "solids.create_shell_command_solid", "utils.execute")},
    # a Modal image's build commands: ``modal.Image.debian_slim().run_commands("zenml ...", ...)``
    "modal.Image.run_commands": ("lines", 0, None),
    # zenml's click group called as a function: ``cli(["stack", "list"])``, ``cli.main(args=[...])``
    "zenml.cli.cli.cli": ("cli", 0, "args"),
    "zenml.cli.cli.cli.main": ("cli", 0, "args"),
    "zenml.cli.cli": ("cli", 0, "args"),
    "zenml.cli.cli.main": ("cli", 0, "args"),
}
# the words a callee of that kind stands for before its arguments
_PROGRAM_WORDS = {"install": ("pip", "install")}
# the keyword holding the words that follow a container's ``command`` (kind ``pod``/``container``)
_REST_KEYWORD = {"pod": "arguments", "container": "args"}
# calls whose keywords each hold a shell line: pulumi_command's ``Command`` (``create``, ``update``, ``delete``)
_SHELL_KEYWORDS: Dict[str, frozenset] = {
    f"pulumi_command.{m}.Command": frozenset({"create", "update", "delete"}) for m in ("local", "remote")
}
# a function decorated with one of these gets this type for its first parameter
# (fabric's tasks get a ``fabric.Connection``, an ``invoke.Context`` whose ``run`` runs the line on the host)
_PARAM_TYPES = {
    "invoke.task": "invoke.Context", "invoke.tasks.task": "invoke.Context", "nox.session": "nox.Session",
    "fabric.task": "invoke.Context", "fabric.tasks.task": "invoke.Context",
}
# a value built by one of these has this type (``with Connection("host") as c: c.run(...)``,
# ``conn = fabric.Connection("host")``): a fabric ``Connection`` runs ``run``/``sudo`` lines on the host
_MADE_TYPES = {
    "fabric.Connection": "invoke.Context", "fabric.connection.Connection": "invoke.Context",
    "invoke.Context": "invoke.Context", "invoke.context.Context": "invoke.Context",
    "paramiko.SSHClient": "paramiko.SSHClient", "paramiko.client.SSHClient": "paramiko.SSHClient",
    "ray.job_submission.JobSubmissionClient": "ray.job_submission.JobSubmissionClient",
    "asyncssh.connect": "asyncssh.SSHClientConnection", "asyncssh.SSHClientConnection": "asyncssh.SSHClientConnection",
    "docker.from_env": "docker.DockerClient", "docker.client.from_env": "docker.DockerClient",
    "docker.DockerClient": "docker.DockerClient", "docker.client.DockerClient": "docker.DockerClient",
    "docker.APIClient": "docker.APIClient", "docker.api.APIClient": "docker.APIClient",
    **{f"docker.DockerClient.containers.{m}": "docker.models.containers.Container" for m in ("run", "create", "get")},
    # Dagger: a client (``async with dagger.Connection() as client``, the global ``dag``) builds containers whose
    # ``with_exec([...])`` runs a command; the builder methods return the container
    "dagger.Connection": "dagger.Client", "dagger.Client.container": "dagger.Container", "dagger.dag.container": "dagger.Container",
    **{f"dagger.Container.{m}": "dagger.Container" for m in (
        "from_", "with_exec", "with_env_variable", "with_secret_variable", "with_workdir", "with_directory", "with_mounted_directory",
        "with_mounted_cache", "with_file", "with_user", "with_entrypoint", "with_label", "with_exposed_port", "with_service_binding",
        "pipeline",
    )},
    # a Modal image and the methods that return one (``modal.Image.debian_slim().apt_install(...).pip_install(...)``)
    # the shell of a script exported from a notebook: ``ip = get_ipython()``, then ``ip.system("zenml ...")``
    "IPython.get_ipython": "get_ipython()", "IPython.core.getipython.get_ipython": "get_ipython()",
    **{f"modal.Image.{m}": "modal.Image" for m in (
        "debian_slim", "from_registry", "from_dockerfile", "micromamba", "apt_install", "pip_install", "run_commands", "env", "workdir",
    )},
}
# the names a PySpark kernel or shell (sparkmagic, EMR, Glue, Databricks) binds before the first
# cell, and Databricks' ``dbutils``: a notebook's ``sc``/``spark``/``dbutils`` that it neither
# imports nor binds are these
_KERNEL_NAMES = {"sc": "pyspark.SparkContext", "spark": "pyspark.sql.SparkSession", "dbutils": "dbutils"}
# Airflow's ``@task.bash`` (2.9+; ``airflow.sdk`` in Airflow 3): the string the function returns
# is the task's shell line
BASH_TASKS = frozenset({"airflow.decorators.task.bash", "airflow.sdk.task.bash"})


_JUPYTEXT_TRIGGERS = ("# !", "# %%", "# + ", "# MAGIC")


def _grouped(words: Tuple[str, ...], keys: Tuple[str, ...]) -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
    """``words`` as ``(key, the words holding it)``: a text without the key holds none of them, so
    one search of the key stands for theirs (a word in no group is its own key, with no words)."""
    groups: Dict[str, List[str]] = {}
    for word in words:
        key = next((k for k in keys if k in word), word)
        groups.setdefault(key, []).append(word)
    return tuple((key, () if members == [key] else tuple(members)) for key, members in groups.items())


# each ``in`` reads the whole text of every zenml file: 26 words, 13 of them in 5 groups
_WANTED = _grouped(TRIGGERS + _JUPYTEXT_TRIGGERS, ("exec", "spawn", "_magic", "Operator", "zenml.cli"))


def wanted(text: str) -> bool:
    """Does ``text`` mention zenml and hold one of ``TRIGGERS`` or ``_JUPYTEXT_TRIGGERS``?"""
    return "zenml" in text and any(key in text and (not words or any(w in text for w in words)) for key, words in _WANTED)


# triggers that are the top-level module of the callees they stand for (``docker.from_env()``,
# ``kubernetes.client.V1Container``): a name reaches those only through an import of the module
# (``Walker.qualname``), and ZenML 0.20 code holds the words in other ways (``settings={"docker":
# DockerSettings(...)}``, ``zenml.integrations.kubernetes``, what ``--fix`` writes). Not so for a
# ZenML image (``zenmldocker/zenml:0.13.2``) given to ZenML's own ``parent_image`` (``_docker_options``:
# a zenml callee), which ``docker`` stands for too: a text with ``PARENT_IMAGE`` is searched as before
MODULE_TRIGGERS = ("docker", "kubernetes")
PARENT_IMAGE = "parent_image"


def only_modules(text: str) -> Tuple[str, ...]:
    """The ``MODULE_TRIGGERS`` that ``text`` holds when no other trigger is there (``wanted``
    then needs an import of one of them: ``imports_one``), else ()."""
    found = tuple(m for m in MODULE_TRIGGERS if m in text)
    if not found or PARENT_IMAGE in text or any(
        key not in MODULE_TRIGGERS and key in text and (not words or any(w in text for w in words)) for key, words in _WANTED
    ):
        return ()
    return found


def imports_one(statements: Iterable[ast.stmt], modules: Sequence[str]) -> bool:
    """Does one of ``statements``, or a statement in their bodies, import one of the top-level
    ``modules`` (``import docker``, ``import docker.errors as e``, ``from docker import from_env``)?"""
    todo = list(statements)
    for node in todo:  # (grows while it is read)
        if isinstance(node, ast.Import):
            if any(alias.name.split(".")[0] in modules for alias in node.names):
                return True
        elif isinstance(node, ast.ImportFrom):
            if not node.level and node.module and node.module.split(".")[0] in modules:
                return True
        else:
            for field in ("body", "orelse", "finalbody"):
                value = getattr(node, field, None)
                if isinstance(value, list):
                    todo += [n for n in value if isinstance(n, ast.stmt)]
            for part in (*getattr(node, "handlers", ()), *getattr(node, "cases", ())):
                todo += part.body
    return False


# ------------------------------------------------------------------ text with its origins
class Text:
    """A command's characters, each with the source range it comes from and whether an edit
    may change it there (plain literal text)."""

    __slots__ = ("chars", "starts", "ends", "editable", "item")

    def __init__(self):
        self.item: Optional[Tuple[int, int]] = None  # the list item (or call argument) it is, when it is one
        self.chars: List[str] = []
        self.starts: List[int] = []
        self.ends: List[int] = []
        self.editable: List[bool] = []

    @property
    def value(self) -> str:
        return "".join(self.chars)

    def add(self, value: str, start: int, end: int, editable: bool, exact: bool) -> None:
        """``value`` from the source range ``start:end``: char by char when ``exact``."""
        for i, ch in enumerate(value):
            self.chars.append(ch)
            self.starts.append(start + i if exact else start)
            self.ends.append(start + i + 1 if exact else end)
            self.editable.append(editable and exact)

    def extend(self, other: "Text", editable: bool = True) -> None:
        self.chars += other.chars
        self.starts += other.starts
        self.ends += other.ends
        self.editable += [e and editable for e in other.editable]

    def span(self, start: int, end: int) -> Tuple[int, int]:
        """Where ``start:end`` is in the source: from its first character on, as far as the
        characters that follow it there (a value bound elsewhere, e.g. ``{STACK}``'s, is not)."""
        first = self.starts[start]
        return first, max(e for s, e in zip(self.starts[start : max(end, start + 1)], self.ends[start:end]) if s >= first)

    def source_range(self, start: int, end: int) -> Optional[Tuple[int, int]]:
        """The source range of ``start:end`` when an edit may replace it there, else None."""
        if start == end:
            return (self.starts[start], self.starts[start]) if start < len(self.chars) and self.editable[start] else None
        for i in range(start, end):
            if not self.editable[i] or (i > start and self.starts[i] != self.ends[i - 1]):
                return None
        return self.starts[start], self.ends[end - 1]


def _placeholder(start: int, end: int) -> Text:
    t = Text()
    t.add(UNKNOWN, start, end, False, False)
    return t


# ------------------------------------------------------------------ the module's names
class _Scope:
    def __init__(self, parent: Optional["_Scope"], function: Optional[ast.AST] = None):
        self.parent = parent
        self.function = function  # the def whose body this is
        self.values: Dict[str, List[Optional[ast.expr]]] = {}
        self.types: Dict[str, str] = {}

    def store(self, name: str, value: Optional[ast.expr]) -> None:
        self.values.setdefault(name, []).append(value)

    def value(self, name: str) -> Optional[ast.expr]:
        scope = self
        while scope is not None:
            if name in scope.values:
                found = scope.values[name]
                return found[0] if len(found) == 1 else None
            scope = scope.parent
        return None

    def type_of(self, name: str) -> Optional[str]:
        scope = self
        while scope is not None:
            if name in scope.types:
                return scope.types[name]
            if name in scope.values:
                return None
            scope = scope.parent
        return None


_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


class _Each(ast.expr):
    """The value of a ``for`` loop's variable: each item of ``iter`` in turn."""

    _fields = ("iter",)


class _Walker:
    """One pass over the module: imports, names bound in each scope, and the calls."""

    def __init__(self):
        self.imports: Dict[str, Optional[str]] = {}
        self.calls: List[Tuple[ast.Call, _Scope]] = []
        # id(scope) -> the arguments of the calls walked so far in that scope (``_handed_on``), collected once
        self.given: Dict[int, List[ast.expr]] = {}
        self.branches = 0  # inside an ``if``/loop/``try`` body: a list grown there may not have grown
        # a function of this file that hands one of its parameters on as the command of a callee
        # (``def run(cmd): subprocess.check_call(cmd, shell=True)``): name -> CALLEES entry
        self.wrappers: Dict[str, Tuple[str, int, Optional[str]]] = {}
        self.returned: List[Tuple[ast.expr, _Scope]] = []  # what ``@task.bash`` functions return
        self.subscripts: List[Tuple[ast.expr, _Scope]] = []  # ``x[...]`` and ``x & y`` (plumbum's commands)
        # ``get_ipython().run_line_magic("alias", "zm zenml %s")`` calls read so far (``_alias_magic``)
        self.aliases: Dict[str, str] = {}

    def walk(self, node: ast.AST, scope: _Scope) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, _FUNCTIONS):
                inner = _Scope(scope, child)
                args = child.args
                params = args.posonlyargs + args.args + args.kwonlyargs + [a for a in (args.vararg, args.kwarg) if a]
                for a in params:
                    inner.store(a.arg, None)
                if isinstance(child, ast.Lambda):
                    self.walk(child.body, inner)
                    continue
                scope.store(child.name, None)
                outer, self.branches = self.branches, 0  # (a body of its own)
                kind = next((_PARAM_TYPES[q] for q in map(self._decorator, child.decorator_list) if q in _PARAM_TYPES), None)
                if kind and params:
                    inner.types[params[0].arg] = kind
                for d in child.decorator_list:  # (the decorator itself may be a call: ``@dsl.component(...)``)
                    self._expr(d, scope)
                for stmt in child.body:
                    self.walk_stmt(stmt, inner)
                if any(q in BASH_TASKS for q in map(self._decorator, child.decorator_list)):
                    self.returned += [(r.value, inner) for r in _returns(child.body) if r.value is not None]
                self.branches = outer
                continue
            if isinstance(child, ast.stmt):
                self.walk_stmt(child, scope)
                continue
            if isinstance(child, ast.excepthandler) or type(child).__name__ == "match_case":
                self.walk(child, scope)
                continue
            self._expr(child, scope)

    def _handed_on(self, name: str, scope: _Scope) -> bool:
        """Whether a call walked so far in ``scope`` was given ``name`` (``subprocess.run(cmd)``
        before ``cmd.append(...)``: the words added after it are not in the command it ran)."""
        given = list(self.given.get(id(scope), ()))
        seen: Set[str] = set()
        while given:  # the names given, and the names their values are built from (``listing = base + [...]``)
            for n in ast.walk(given.pop()):
                if isinstance(n, ast.Name) and n.id not in seen:
                    if n.id == name:
                        return True
                    seen.add(n.id)
                    given += [v for v in scope.values.get(n.id, ()) if v is not None]
        return False

    def walk_stmt(self, stmt: ast.stmt, scope: _Scope) -> None:
        grown = _grown(stmt, scope) if not self.branches else None
        if grown is not None:  # ``cmd.append("stack")``, ``cmd += ["set", name]``: the list with those words
            name, more, value = grown
            if self._handed_on(name, scope):  # a call before took the list as it was: which words it ran is not known here
                scope.store(name, value)
            else:
                scope.values[name] = [value]
            self._expr(more, scope)
            return
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                local = alias.asname or alias.name.split(".")[0]
                self._import(local, alias.name if alias.asname else local)
            return
        if isinstance(stmt, ast.ImportFrom):
            for alias in stmt.names:
                if alias.name != "*":
                    self._import(alias.asname or alias.name, f"{stmt.module}.{alias.name}" if stmt.module and not stmt.level else None)
            return
        if isinstance(stmt, ast.ClassDef):
            scope.store(stmt.name, None)
            for d in stmt.decorator_list + stmt.bases:
                self._expr(d, scope)
            inner = _Scope(scope)
            for s in stmt.body:
                self.walk_stmt(s, inner)
            return
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            holder = ast.Module(body=[stmt], type_ignores=[])
            self.walk(holder, scope)
            return
        if isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    scope.store(target.id, stmt.value)
                    self._made(target.id, stmt.value, scope)
                else:
                    self._expr(target, scope)
            self._expr(stmt.value, scope)
            return
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            scope.store(stmt.target.id, stmt.value)
            if stmt.value is not None:
                self._expr(stmt.value, scope)
            return
        if isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                self._expr(item.context_expr, scope)
                if isinstance(item.optional_vars, ast.Name):
                    scope.store(item.optional_vars.id, None)
                    self._made(item.optional_vars.id, item.context_expr, scope)
                elif item.optional_vars is not None:
                    self._expr(item.optional_vars, scope)
            for inner in stmt.body:
                self.walk_stmt(inner, scope)
            return
        if isinstance(stmt, ast.For) and isinstance(stmt.target, ast.Name):
            scope.store(stmt.target.id, _Each(stmt.iter))  # ``for command in COMMANDS: runner.invoke(cli, command)``
            self._expr(stmt.iter, scope)
            self.branches += 1
            for inner in stmt.body + stmt.orelse:
                self.walk_stmt(inner, scope)
            self.branches -= 1
            return
        branch = hasattr(stmt, "body")  # ``if``, ``while``, ``try``, ``for`` over another target, ``match``
        self.branches += branch
        self.walk(stmt, scope)
        self.branches -= branch

    def _expr(self, node: ast.AST, scope: _Scope) -> None:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Call):
                self.calls.append((sub, scope))
                self.given.setdefault(id(scope), []).extend(sub.args + [k.value for k in sub.keywords])
            elif isinstance(sub, ast.Subscript) or (isinstance(sub, ast.BinOp) and isinstance(sub.op, ast.BitAnd)):
                self.subscripts.append((sub, scope))
            elif isinstance(sub, ast.Name) and not isinstance(sub.ctx, ast.Load):
                scope.store(sub.id, None)
            elif isinstance(sub, ast.Attribute) and isinstance(sub.ctx, ast.Load) and isinstance(sub.value, ast.Name) and sub.attr in _MUTATORS:
                scope.store(sub.value.id, None)  # ``cmd.append(...)``: the list is not what was bound

    def _made(self, name: str, value: ast.expr, scope: _Scope) -> None:
        """``name`` bound to ``value`` in ``scope``: a value of a known type (``Connection(...)``)
        types it; bound to anything else too, it has no type."""
        made = self._made_type(value, scope) if isinstance(value, ast.Call) else None
        if name in scope.types:
            if scope.types[name] != made:
                scope.types[name] = None
        elif made is not None and len(scope.values.get(name, ())) <= 1:
            scope.types[name] = made

    def _made_type(self, call: ast.Call, scope: Optional[_Scope]) -> Optional[str]:
        """The type of what ``call`` builds: ``_MADE_TYPES``, or ``sh.PROGRAM`` for the ``sh``
        module's ``Command("PROGRAM")`` (a path's last part: ``Command("/venv/bin/zenml")``)."""
        name = self.qualname(call.func, scope)
        if (name is None and isinstance(call.func, ast.Name) and call.func.id == "get_ipython" and not call.args
                and not call.keywords and (scope is None or not _locally_bound("get_ipython", scope))):
            return "get_ipython()"  # IPython's builtin in a script ``ipython`` runs: ``ip = get_ipython()``
        if name == "sh.Command" and call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
            program = call.args[0].value.replace("\\", "/").rsplit("/", 1)[-1]
            return f"sh.{program}" if re.fullmatch(r"[a-z][\w-]*", program) else None
        return _MADE_TYPES.get(name)

    def _import(self, local: str, qualified: Optional[str]) -> None:
        if local in self.imports and self.imports[local] != qualified:
            self.imports[local] = None  # bound to two things: unknown
        else:
            self.imports[local] = qualified

    def _decorator(self, node: ast.expr) -> Optional[str]:
        return self.qualname(node.func if isinstance(node, ast.Call) else node, None)

    def qualname(self, func: ast.expr, scope: Optional[_Scope]) -> Optional[str]:
        parts = []
        while isinstance(func, ast.Attribute):
            parts.append(func.attr)
            func = func.value
        if isinstance(func, ast.Name):
            base = scope.type_of(func.id) if scope is not None else None
            if base is None:
                if scope is not None and _locally_bound(func.id, scope):
                    return None
                base = self.imports[func.id] if func.id in self.imports else _KERNEL_NAMES.get(func.id)
        elif isinstance(func, ast.Call) and isinstance(func.func, ast.Name) and func.func.id == "get_ipython" and not func.args:
            base = "get_ipython()"
        elif isinstance(func, ast.Call):  # ``Connection("host").run(...)``, ``sh.Command("zenml")(...)``
            base = self._made_type(func, scope)
        else:
            return None
        if base is None:
            return None
        return ".".join([base] + parts[::-1])


_MUTATORS = frozenset({"append", "extend", "insert", "remove", "pop", "clear", "reverse", "sort"})


_GROWS = frozenset({"append", "extend"})


def _grown(stmt: ast.stmt, scope: "_Scope") -> Optional[Tuple[str, ast.expr, ast.expr]]:
    """``(name, what is added, the grown list)`` for a statement that adds to a list bound once in
    this scope (``cmd.append(x)``, ``cmd.extend(xs)``, ``cmd += xs``); None for any other."""
    if isinstance(stmt, ast.AugAssign) and isinstance(stmt.op, ast.Add) and isinstance(stmt.target, ast.Name):
        name, more = stmt.target.id, stmt.value
    elif (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Attribute)
          and stmt.value.func.attr in _GROWS and isinstance(stmt.value.func.value, ast.Name)
          and len(stmt.value.args) == 1 and not stmt.value.keywords and not isinstance(stmt.value.args[0], ast.Starred)):
        name, more = stmt.value.func.value.id, stmt.value.args[0]
        if stmt.value.func.attr == "append":
            more = ast.copy_location(ast.List(elts=[more], ctx=ast.Load()), more)
    else:
        return None
    bound = scope.values.get(name)
    if not bound or len(bound) != 1 or not _a_list(bound[0], scope):
        return None
    return name, more, ast.copy_location(ast.BinOp(left=bound[0], op=ast.Add(), right=more), stmt)


def _a_list(node: Optional[ast.expr], scope: "_Scope") -> bool:
    """Whether ``node`` builds a new list (a display, a sum of lists, ``list(...)``)."""
    if isinstance(node, ast.List):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _a_list(node.left, scope) or _a_list(node.right, scope)
    return _list_copy(node, scope) is not None


def _list_copy(node: Optional[ast.expr], scope: "_Scope") -> Optional[ast.expr]:
    """``X`` of the builtin ``list(X)`` (a copy of the same words), else None."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "list" and len(node.args) == 1
            and not node.keywords and not isinstance(node.args[0], ast.Starred) and not _locally_bound("list", scope)):
        return node.args[0]
    return None


def _returns(body: List[ast.stmt]) -> List[ast.Return]:
    """The ``return`` statements of a function body (not those of a nested def or class)."""
    out: List[ast.Return] = []
    todo = list(body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Return):
            out.append(node)
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.expr)):
            todo.extend(ast.iter_child_nodes(node))
    return out


def _locally_bound(name: str, scope: _Scope) -> bool:
    """Is ``name`` bound by an assignment, a ``def`` or a parameter (not an import)?"""
    while scope is not None:
        if name in scope.values:
            return True
        scope = scope.parent
    return False


# ------------------------------------------------------------------ evaluating arguments
class _Source:
    """The file's text and the positions of its lines (``ast`` columns are UTF-8 bytes)."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def offset(self, line: int, byte_col: int) -> int:
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        segment = self.text[start:end]
        if not segment.isascii():
            byte_col = len(segment.encode("utf-8")[:byte_col].decode("utf-8", "replace"))
        return start + byte_col

    def range(self, node: ast.AST) -> Tuple[int, int]:
        return self.offset(node.lineno, node.col_offset), self.offset(node.end_lineno, node.end_col_offset)

    def position(self, offset: int) -> Tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


_MAX_DEPTH = 8


class _Evaluator:
    def __init__(self, source: _Source, walker: _Walker):
        self.source = source
        self.walker = walker

    # a string: Text, or None when nothing of it is known
    def string(self, node: ast.expr, scope: _Scope, editable: bool, depth: int = 0) -> Optional[Text]:
        if depth > _MAX_DEPTH:
            return None
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return self._literal(node, editable)
        if isinstance(node, ast.Attribute) and self.walker.qualname(node, scope) == "sys.executable":
            return _literal_word("python", *self.source.range(node))  # ``[sys.executable, "-m", "zenml", ...]``
        if isinstance(node, ast.JoinedStr):
            return self._fstring(node, scope, editable, depth)
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):  # ``shutil.which("zenml") or "zenml"``
            return self.string(node.values[0], scope, False, depth + 1)
        if isinstance(node, ast.Call) and len(node.args) == 1 and self.walker.qualname(node.func, scope) == "shutil.which":
            program = node.args[0]  # the path of that program: its name stands for it
            if isinstance(program, ast.Constant) and isinstance(program.value, str):
                return _literal_word(program.value, *self.source.range(node))
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left = self.string(node.left, scope, editable, depth + 1)
            right = self.string(node.right, scope, editable, depth + 1)
            if left is None and right is None:
                return None
            out = Text()
            for part, side in ((left, node.left), (right, node.right)):
                out.extend(part if part is not None else _placeholder(*self.source.range(side)))
            return out
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            return self.string(node.left, scope, editable, depth + 1)  # ``%s`` stays a word no rule reads
        if isinstance(node, ast.Name):
            value = scope.value(node.id)
            # the argument itself (``cmd = "zenml ..."; os.system(cmd)``) is edited where it is bound
            return self.string(value, scope, editable and depth == 0, depth + 1) if value is not None else None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner, attr = node.func.value, node.func.attr
            if attr == "format":
                return self.string(owner, scope, editable, depth + 1)
            if attr == "join" and isinstance(owner, ast.Constant) and owner.value == " " and len(node.args) == 1:
                words = self.words(node.args[0], scope, False, depth + 1)
                return _joined(words, self.source.range(node)) if words else None
            if self.walker.qualname(node.func, scope) == "shlex.join" and len(node.args) == 1:
                words = self.words(node.args[0], scope, False, depth + 1)
                return _joined(words, self.source.range(node)) if words else None
        return None

    # a list of words: [Text] (a trailing None: the list goes on with words not known), or None
    def words(self, node: ast.expr, scope: _Scope, editable: bool, depth: int = 0) -> Optional[List[Optional[Text]]]:
        if depth > _MAX_DEPTH:
            return None
        if isinstance(node, (ast.List, ast.Tuple)):
            out: List[Optional[Text]] = []
            for elt in node.elts:
                if isinstance(elt, ast.Starred):
                    spliced = self.words(elt.value, scope, False, depth + 1)  # ``[*ZENML, "stack", "list"]``
                    if spliced is None or (spliced and spliced[-1] is None):
                        out.append(None)
                        break
                    out += _relocated(spliced, self.source.range(elt))
                    continue
                word = self.string(elt, scope, editable, depth + 1)
                if word is not None and isinstance(elt, ast.Name):  # a name's value: found where the list names it
                    word = _relocated([word], self.source.range(elt))[0]
                out.append(_item(word, self.source.range(elt)))
            return out
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left = self._operand(node.left, scope, editable, depth + 1)
            if left is None:
                return None
            if left and left[-1] is None:
                return left
            right = self._operand(node.right, scope, editable, depth + 1)
            return left + (right if right is not None else [None])
        if isinstance(node, ast.Name):
            value = scope.value(node.id)
            return self.words(value, scope, editable, depth + 1) if value is not None else None
        copied = _list_copy(node, scope)
        if copied is not None:  # ``list(ZENML)``
            words = self.words(copied, scope, False, depth + 1)
            return _relocated(words, self.source.range(copied)) if words is not None and isinstance(copied, ast.Name) else words
        if isinstance(node, ast.Call):
            line = _shell_of(node, scope, self.walker)  # ``"stack list".split()``, ``shlex.split(LINE)``
            text = self.string(line, scope, editable, depth + 1) if line is not node else None
            return _split_words(text) if text is not None else None
        return None

    def _operand(self, node: ast.expr, scope: _Scope, editable: bool, depth: int) -> Optional[List[Optional[Text]]]:
        """The words of one side of a list sum; a name's (``ZENML + ["stack", "list"]``) found where
        the sum names it, not where the name is bound (other commands use it too)."""
        words = self.words(node, scope, editable, depth)
        return _relocated(words, self.source.range(node)) if words is not None and isinstance(node, ast.Name) else words

    def _literal(self, node: ast.Constant, editable: bool) -> Text:
        start, end = self.source.range(node)
        segment = self.source.text[start:end]
        out = Text()
        parts = _string_tokens(segment)
        if parts is None or "".join(p[0] for p in parts) != node.value:
            out.add(node.value, start, end, False, False)
            return out
        for value, body_at, exact in parts:
            out.add(value, start + body_at, end, editable, exact)
        return out

    def _fstring(self, node: ast.JoinedStr, scope: _Scope, editable: bool, depth: int) -> Text:
        start, end = self.source.range(node)
        segment = self.source.text[start:end]
        out = Text()
        cursor = 0
        for part in node.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                at = segment.find(part.value, cursor) if "\\" not in part.value and "{" not in part.value and "}" not in part.value else -1
                if at >= 0:
                    out.add(part.value, start + at, end, editable, True)
                    cursor = at + len(part.value)
                else:
                    out.add(part.value, start, end, False, False)
            else:
                value = getattr(part, "value", None)
                known = self.string(value, scope, False, depth + 1) if isinstance(value, ast.Name) and not getattr(part, "format_spec", None) else None
                out.extend(known if known is not None else _placeholder(start, end))
                brace = segment.find("}", cursor)
                cursor = brace + 1 if brace >= 0 else cursor
        return out


def _relocated(words: List[Optional[Text]], where: Tuple[int, int]) -> List[Optional[Text]]:
    """The words with the place ``where`` (a name that stands for them), no edit there."""
    return [None if w is None else _item(_literal_word(w.value, *where), where) for w in words]


def _split_words(text: Text) -> Optional[List[Optional[Text]]]:
    """The words of a line split at blanks (None when it holds a quote or a backslash, which
    ``shlex.split`` would read: those words are not known here)."""
    value = text.value
    if any(c in value for c in "\"'\\"):
        return None
    out: List[Optional[Text]] = []
    for m in re.finditer(r"\S+", value):
        word = Text()
        for part in ("chars", "starts", "ends", "editable"):
            getattr(word, part).extend(getattr(text, part)[m.start() : m.end()])
        out.append(word)
    return out


def _joined(words: List[Optional[Text]], span: Tuple[int, int]) -> Text:
    out = Text()
    for i, word in enumerate(words):
        if i:
            out.add(" ", span[0], span[1], False, False)
        out.extend(word if word is not None else _placeholder(*span))
    return out


_PREFIX = re.compile(r"^([rRbBuUfF]{0,2})('''|\"\"\"|'|\")")


def _string_tokens(segment: str) -> Optional[List[Tuple[str, int, bool]]]:
    """The parts of a (possibly implicitly concatenated) string literal: ``(value, offset of
    its body in segment, exact)``; exact when the body is the value character for character."""
    import tokenize

    try:
        tokens = list(tokenize.generate_tokens(io.StringIO("(" + segment + ")").readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    lines = ("(" + segment + ")").splitlines(keepends=True)
    line_starts = [0]
    for line in lines:
        line_starts.append(line_starts[-1] + len(line))
    out = []
    for tok in tokens:
        if tok.type != tokenize.STRING:
            continue
        at = line_starts[tok.start[0] - 1] + tok.start[1] - 1  # the "(" added in front
        m = _PREFIX.match(tok.string)
        if m is None:
            return None
        try:
            value = ast.literal_eval(tok.string)
        except (ValueError, SyntaxError):
            return None
        if not isinstance(value, str):
            return None
        body = tok.string[m.end() : len(tok.string) - len(m.group(2))]
        exact = body == value and ("\\" not in body or "r" in m.group(1).lower())
        out.append((value, at + m.end(), exact))
    return out


# ------------------------------------------------------------------ commands and matches
class PyCommand:
    """One command found in the code: its text (a shell line, or the words of a list joined by
    blanks), the sections to lex, and where each character comes from."""

    def __init__(self, text: Text, words: Optional[List["Word"]] = None, items: Optional[List[Optional[Tuple[int, int]]]] = None):
        self.text = text
        self.words = words  # given: an argv list (not lexed again)
        self.items = items  # the source range of each word's list item (None: not an item of its own)
        self.source = ""  # the file's text
        self.requirement = False  # a requirement string of ``setup(...)``, not a command (a str: its ``pins.Item`` style)


def commands(tree: ast.Module, text: str) -> List[PyCommand]:
    source = _Source(text)
    walker = _Walker()
    module = _Scope(None)
    walker.walk(tree, module)
    _find_wrappers(walker)
    ev = _Evaluator(source, walker)
    out: List[PyCommand] = []
    for call, scope in walker.calls:
        for cmd in _call_commands(call, scope, walker, ev, source):
            cmd.source = text
            out.append(cmd)
    for value, scope in walker.returned:
        for cmd in _arg_commands("shell", value, scope, walker, ev, source):
            cmd.source = text
            out.append(cmd)
    if "plumbum" in text:
        for cmd in _plumbum_commands(walker, ev, source):
            cmd.source = text
            out.append(cmd)
    for cmd in jupytext_commands(text) + databricks_commands(text):
        cmd.source = text
        out.append(cmd)
    return out


# ------------------------------------------------------------------ jupytext notebooks
# a ``.py`` notebook of jupytext (percent ``# %%`` or light format) keeps IPython's shell
# escapes and magics as comments (``# !zenml ...``, a ``%%bash`` cell as ``# %% language="bash"``
# with ``# ``-commented lines): Jupyter runs them when the file is opened as a notebook
JUPYTEXT_HEADER = re.compile(r"^#[ \t]+jupytext:", re.M)
_PERCENT_CELL = re.compile(r"^# %%(?:[ \t](.*))?$")  # jupytext's marker: ``# %%`` alone or with a blank (``# %%sh`` is a magic)
_LIGHT_CELL = re.compile(r"^# \+(?: (.*))?$")
_COMMENTED_ESCAPE = re.compile(
    r"^(?P<indent>[ \t]*)# (?:(?:[A-Za-z_]\w*[ \t]*=[ \t]*)?!!?|%%?(?:sx|system)[ \t]+|%(?=(?:pip|conda|mamba|micromamba)[ \t])"
    r"|%run(?:[ \t]+-[nieG])*[ \t]+-m[ \t]+(?=zenml(?:[ \t]|\r?$)))(?P<cmd>.*?)\r?$"
)  # ``# %pip install ...``: an install command (its zenml requirement is judged)
_SHELL_LANGUAGE = re.compile(r"""language=["'](?:bash|sh|zsh|shell)["']""")


def is_jupytext(text: str) -> bool:
    head = text[:2000]
    return bool(JUPYTEXT_HEADER.search(head)) or bool(re.search(r"^# %%", text, re.M))


def jupytext_commands(text: str) -> List[PyCommand]:
    """The commented shell escapes of a jupytext notebook: ``# !cmd``, ``# x = !cmd``,
    ``# %sx cmd``, and every ``# ``-commented line of a ``%%bash`` cell (``# %% language="bash"``,
    ``# + language="bash"``, or a cell whose first line is ``# %%bash``)."""
    if "zenml" not in text or not is_jupytext(text):
        return []
    out = []
    for _, here, line, shell_cell in _jupytext_lines(text):
        bare = line.rstrip("\r")
        if shell_cell and bare.startswith("# ") and "zenml" in bare:
            out.append(PyCommand(_comment_text(bare[2:], here + 2)))
            continue
        m = _COMMENTED_ESCAPE.match(line)
        if m and "zenml" in m.group("cmd"):
            out.append(PyCommand(_comment_text(m.group("cmd"), here + m.start("cmd"))))
    return out


def jupytext_shell_lines(text: str) -> Set[int]:
    """The lines (1-based) of a jupytext notebook's shell cells, whose ``# `` comes off when the
    cell is read (a comment there is ``# # ...``)."""
    if not is_jupytext(text):
        return set()
    return {number for number, _, _, shell_cell in _jupytext_lines(text) if shell_cell}


def _jupytext_lines(text: str):
    """``(line number, offset, line, in a shell cell)`` for each line of a jupytext notebook
    that is no cell marker."""
    shell_cell = False
    offset = 0
    first_in_cell = True
    for number, line in enumerate(text.split("\n"), 1):
        here = offset
        offset += len(line) + 1
        bare = line.rstrip("\r")
        cell = _PERCENT_CELL.match(bare) or _LIGHT_CELL.match(bare)
        if cell is not None or bare == "# -":
            shell_cell = bool(cell and _SHELL_LANGUAGE.search(cell.group(1) or ""))
            first_in_cell = True
            continue
        if first_in_cell and re.match(r"^# %%(?:bash|sh|script (?:bash|sh))\b", bare):
            shell_cell = True
            first_in_cell = False
            continue
        if bare.strip():
            first_in_cell = False
        yield number, here, line, shell_cell


# ------------------------------------------------------------------ Databricks notebooks
# a notebook exported from Databricks as ``.py`` ("Databricks notebook source") keeps its magic
# cells as ``# MAGIC ``-prefixed comments between ``# COMMAND ----------`` lines: a ``%sh`` cell
# (its first line's rest and every line after it are shell), ``%pip``/``%conda`` install lines
_DATABRICKS_HEADER = "# Databricks notebook source"
_DATABRICKS_CELL = "# COMMAND ----------"
_MAGIC_PREFIX = re.compile(r"^# MAGIC(?: |$)")
_DATABRICKS_MAGIC = re.compile(r"^%(?:(?P<sh>sh)\b[ \t]*|(?=(?:pip|conda)[ \t]))")


def databricks_commands(text: str) -> List[PyCommand]:
    """The shell lines of the ``%sh`` cells and the ``%pip``/``%conda`` lines of a Databricks
    notebook source file. A ``%sh`` cell is one shell text (its ``\\``-continued lines are one
    command) whose characters are the lines without their ``# MAGIC `` prefix."""
    if not text.lstrip("\ufeff").startswith(_DATABRICKS_HEADER) or "zenml" not in text:
        return []
    out: List[PyCommand] = []
    body: Optional[Text] = None  # the shell text of the ``%sh`` cell being read
    offset = 0
    for line in text.split("\n"):
        here = offset
        offset += len(line) + 1
        bare = line.rstrip("\r")
        prefix = _MAGIC_PREFIX.match(bare)
        if prefix is None:  # ``# COMMAND ----------``, a Python line: the magic cell is over
            if body is not None and "zenml" in body.value:
                out.append(PyCommand(body))
            body = None
            continue
        rest, at = bare[prefix.end() :], here + prefix.end()
        if body is not None:  # the line break before it (and the prefix) no edit may touch
            body.add("\n", at - 1, at, False, True)
            body.add(rest, at, at + len(rest), True, True)
            continue
        magic = _DATABRICKS_MAGIC.match(rest)
        if magic is None:
            continue
        if magic.group("sh") is None:  # ``%pip install ...``: one line
            if "zenml" in rest:
                out.append(PyCommand(_comment_text(rest[magic.end() :], at + magic.end())))
            continue
        body = Text()
        body.add(rest[magic.end() :], at + magic.end(), at + len(rest), True, True)
    if body is not None and "zenml" in body.value:
        out.append(PyCommand(body))
    return out


def _comment_text(value: str, start: int) -> Text:
    t = Text()
    t.add(value, start, start + len(value), True, True)
    return t


_SHELL_MAGICS = frozenset({"bash", "sh", "script", "system"})
_SHELL_LINE_MAGICS = frozenset({"sx", "system"})  # ``%sx LINE``/``%system LINE``: IPython runs LINE in a shell


def _spec(call: ast.Call, scope: _Scope, walker: _Walker) -> Optional[Tuple[str, int, Optional[str]]]:
    name = walker.qualname(call.func, scope)
    if name in ("get_ipython().run_cell_magic", "get_ipython().run_line_magic"):  # ``%%bash``/``%sx`` exported by nbconvert
        magic = call.args[0] if call.args else None
        if not isinstance(magic, ast.Constant):
            return None
        if name.endswith("run_cell_magic"):
            return ("shell", 2, "cell") if magic.value in _SHELL_MAGICS else None
        return ("shell", 1, "line") if magic.value in _SHELL_LINE_MAGICS else None
    if _zenml_cli_runner(call, scope, walker):
        return ("cli", 1, "args")
    if name is not None:
        return CALLEES.get(name) or (("sh", 0, None) if _sh_program(name) else None)
    if isinstance(call.func, ast.Name):
        return walker.wrappers.get(call.func.id)
    return None


# ------------------------------------------------------------------ plumbum
# ``local["zenml"]``, ``local.get("zenml")`` and ``plumbum.cmd.zenml`` are commands; ``cmd[...]``
# binds more words, calling one (``cmd(...)``, ``cmd.run(...)``) adds its arguments and runs
# it, ``cmd & FG`` runs it
_PLUMBUM_LOCAL = frozenset({"plumbum.local", "plumbum.machines.local", "plumbum.machines.local.local"})
_PLUMBUM_RUNS = frozenset({"run", "run_fg", "run_bg", "run_tee", "run_nohup", "run_retcode", "popen"})
_PLUMBUM_MODIFIERS = frozenset(f"plumbum.{m}" for m in ("FG", "BG", "TF", "RETCODE", "TEE", "NOHUP"))


class _Plumbum:
    def __init__(self, walker: _Walker, ev: _Evaluator, source: _Source):
        self.walker, self.ev, self.source = walker, ev, source
        self.seen: Set[int] = set()  # the nodes a command read (a part of a longer one is not another)

    def words(self, node: ast.expr, scope: _Scope, depth: int = 0) -> Optional[Tuple[List[Optional[Text]], bool]]:
        """``(the command's words, whether this expression writes some of them)`` or None when
        ``node`` is no plumbum command."""
        if depth > _MAX_DEPTH:
            return None
        walker, ev = self.walker, self.ev
        found: Optional[Tuple[List[Optional[Text]], bool]] = None
        if isinstance(node, ast.Subscript):
            if walker.qualname(node.value, scope) in _PLUMBUM_LOCAL:  # ``local["zenml"]``
                found = [_item(ev.string(node.slice, scope, True), self.source.range(node.slice))], True
            else:
                inner = self.words(node.value, scope, depth + 1)
                if inner is not None:
                    items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
                    found = inner[0] + self.items(items, scope), True
        elif isinstance(node, (ast.Name, ast.Attribute)):
            name = walker.qualname(node, scope)
            if name is not None and name.startswith("plumbum.cmd.") and name.count(".") == 2:
                program = name.rsplit(".", 1)[1]
                found = [_literal_word(UNKNOWN if "_" in program else program, *self.source.range(node))], True
            elif isinstance(node, ast.Name):
                value = scope.value(node.id)
                inner = self.words(value, scope, depth + 1) if value is not None and not isinstance(value, _Each) else None
                found = (_relocated(inner[0], self.source.range(node)), False) if inner is not None else None
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "get" and walker.qualname(func.value, scope) in _PLUMBUM_LOCAL:
                if node.args:
                    found = [_item(ev.string(node.args[0], scope, True), self.source.range(node.args[0]))], True
            elif isinstance(func, ast.Attribute) and func.attr in _PLUMBUM_RUNS:  # ``cmd.run(["stack", "list"])``
                inner = self.words(func.value, scope, depth + 1)
                if inner is not None:
                    more = ev.words(node.args[0], scope, True) if node.args else []
                    found = inner[0] + (more if more is not None else [None]), inner[1] or bool(node.args)
            else:
                inner = self.words(func, scope, depth + 1)
                if inner is not None:
                    found = inner[0] + self.items(node.args, scope), inner[1] or bool(node.args)
        elif isinstance(node, ast.BinOp) and walker.qualname(node.right, scope) in _PLUMBUM_MODIFIERS:
            found = self.words(node.left, scope, depth + 1)
        if found is not None:
            self.seen.add(id(node))
        return found

    def items(self, nodes: List[ast.expr], scope: _Scope) -> List[Optional[Text]]:
        out: List[Optional[Text]] = []
        for item in nodes:
            if isinstance(item, ast.Starred):
                return out + [None]
            out.append(_item(self.ev.string(item, scope, True), self.source.range(item)))
        return out


def _plumbum_commands(walker: _Walker, ev: _Evaluator, source: _Source) -> List[PyCommand]:
    """The plumbum commands of the code, each once: the longest expression that writes words."""
    reader = _Plumbum(walker, ev, source)
    nodes = sorted(walker.calls + walker.subscripts, key=lambda n: (n[0].lineno, n[0].col_offset, -n[0].end_lineno, -n[0].end_col_offset))
    out: List[PyCommand] = []
    for node, scope in nodes:
        if id(node) in reader.seen:
            continue
        found = reader.words(node, scope)
        if found is not None and found[1]:
            out += _listed(_argv_command(found[0], source.text))
    return out


def _sh_program(name: str) -> Optional[List[str]]:
    """The words a callee of the ``sh`` module stands for: ``sh.zenml.stack.list`` (a program
    and the subcommands its attributes add) -> ``["zenml", "stack", "list"]``; None for the
    module's other names (``sh.Command``, ``sh.ErrorReturnCode``, ``....bake``). A part with
    ``_`` is a word known only at run time (``sh`` may spell it with ``-``)."""
    parts = name.split(".")
    if parts[0] != "sh" or len(parts) < 2 or not re.fullmatch(r"[a-z][\w-]*", parts[1]) or "bake" in parts[2:]:
        return None
    if any(not re.fullmatch(r"[a-z][\w-]*", p) for p in parts[2:]):
        return None
    return [UNKNOWN if "_" in p else p for p in parts[1:]]


def _zenml_cli_runner(call: ast.Call, scope: _Scope, walker: _Walker) -> bool:
    """``CliRunner().invoke(cli, ["stack", "list"])`` (click's test runner on zenml's CLI, a
    runner bound once to a name too): the list is the argv after ``zenml``."""
    func = call.func
    given = len(call.args) >= 2 or (len(call.args) == 1 and any(k.arg == "args" for k in call.keywords))
    if not (isinstance(func, ast.Attribute) and func.attr == "invoke" and given):
        return False
    target = walker.qualname(call.args[0], scope)
    if target is None or not target.startswith("zenml.cli"):
        return False
    runner = func.value
    if isinstance(runner, ast.Name):
        runner = scope.value(runner.id)
    return isinstance(runner, ast.Call) and walker.qualname(runner.func, scope) in ("click.testing.CliRunner", "typer.testing.CliRunner")


def _find_wrappers(walker: _Walker) -> None:
    """Functions that pass a parameter on as the command (``def run(cmd): os.system(cmd)``),
    wrappers of wrappers too (a few rounds)."""
    for _ in range(3):
        found = False
        for call, scope in walker.calls:
            fn = scope.function
            if fn is None or isinstance(fn, ast.Lambda) or fn.name in walker.wrappers:
                continue
            spec = _spec(call, scope, walker)
            if spec is None or spec[0] not in ("shell", "args"):
                continue
            kind, index, keyword = spec
            arg = call.args[index] if len(call.args) > index else next((k.value for k in call.keywords if k.arg == keyword), None)
            inner = _shell_of(arg, scope, walker) if arg is not None else None
            if inner is not arg:
                kind = "shell"
            params = [a.arg for a in fn.args.posonlyargs + fn.args.args]
            if not isinstance(inner, ast.Name) or inner.id not in params or scope.values.get(inner.id) != [None]:
                continue
            walker.wrappers[fn.name] = (kind, params.index(inner.id), inner.id)
            found = True
        if not found:
            return


# calls that install requirement strings, and their keywords holding them (None: every positional
# argument too): ``setup(...)`` of setuptools/distutils; Kubeflow components' ``packages_to_install``;
# Ray's ``runtime_env`` (its ``"pip"`` list); Airflow's virtualenv tasks; a Modal image's ``pip_install``
_SETUP_KEYWORDS = frozenset({"install_requires", "extras_require", "setup_requires", "tests_require"})
_KFP = frozenset({"packages_to_install"})
_REQUIREMENT_CALLS: Dict[str, Tuple[frozenset, bool]] = {
    "setuptools.setup": (_SETUP_KEYWORDS, False),
    "distutils.core.setup": (_SETUP_KEYWORDS, False),
    **{f"kfp.{m}": (_KFP, False) for m in (
        "dsl.component", "v2.dsl.component", "components.create_component_from_func", "components.func_to_container_op",
        "components.create_component_from_func_v2",
    )},
    "ray.init": (frozenset({"runtime_env"}), False),
    "ray.remote": (frozenset({"runtime_env"}), False),
    "airflow.operators.python.PythonVirtualenvOperator": (frozenset({"requirements"}), False),
    "airflow.operators.python_operator.PythonVirtualenvOperator": (frozenset({"requirements"}), False),
    "airflow.decorators.task.virtualenv": (frozenset({"requirements"}), False),
    "modal.Image.pip_install": (frozenset(), True),
    # EMR notebooks' notebook-scoped libraries: ``sc.install_pypi_package("zenml==0.13.2")``
    "pyspark.SparkContext.install_pypi_package": (frozenset({"package"}), True),
    "pyspark.sql.SparkSession.sparkContext.install_pypi_package": (frozenset({"package"}), True),
}


# ZenML's own Docker options: 0.20 builds the image a remote orchestrator or step operator runs
# FROM ``parent_image`` and pip-installs ``requirements`` into it (PipelineDockerImageBuilder), so a
# ZenML image or requirement of 0.13 there runs 0.13 (``requirements`` given as a string is a file's path)
_DOCKER_OPTIONS = frozenset({
    "zenml.config.DockerSettings", "zenml.config.docker_settings.DockerSettings",
    "zenml.config.DockerConfiguration", "zenml.config.docker_configuration.DockerConfiguration",
    "zenml.pipelines.pipeline", "zenml.pipelines.pipeline_decorator.pipeline", "zenml.pipeline",
})


def _docker_options(call: ast.Call, scope: _Scope, ev: _Evaluator) -> List[PyCommand]:
    """The zenml requirements of such a call's ``requirements`` list and its ZenML ``parent_image``."""
    out = []
    for k in call.keywords:
        if k.arg == "requirements":
            value = scope.value(k.value.id) if isinstance(k.value, ast.Name) else k.value
            if value is not None and not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
                out.extend(_requirements(call, scope, ev, frozenset({"requirements"}), False))
        elif k.arg == PARENT_IMAGE:
            text = ev.string(k.value, scope, True)
            if text is not None and "zenmldocker/" in text.value:
                cmd = PyCommand(text)
                cmd.requirement = "image"
                out.append(cmd)
    return out


def _requirements(call: ast.Call, scope: _Scope, ev: _Evaluator, keywords: frozenset, positional: bool) -> List[PyCommand]:
    """The requirement strings of such a call that mention zenml: each literal of the keywords'
    (and positional arguments') lists (a dict of lists for ``extras_require``, ``runtime_env``'s
    ``"pip"``; a name bound once, ``+``)."""
    out = []
    values = [k.value for k in call.keywords if k.arg in keywords] + (list(call.args) if positional else [])
    for value in values:
        for node in _requirement_nodes(value, scope, 0):
            text = ev.string(node, scope, True)
            if text is not None and "zenml" in text.value.lower():
                cmd = PyCommand(text)
                cmd.requirement = True
                out.append(cmd)
    return out


def _requirement_nodes(node: ast.expr, scope: _Scope, depth: int) -> List[ast.expr]:
    if depth > _MAX_DEPTH:
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node]
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [n for elt in node.elts for n in _requirement_nodes(elt, scope, depth + 1)]
    if isinstance(node, ast.Dict):
        return [n for value in node.values for n in _requirement_nodes(value, scope, depth + 1)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _requirement_nodes(node.left, scope, depth + 1) + _requirement_nodes(node.right, scope, depth + 1)
    if isinstance(node, ast.Name):
        value = scope.value(node.id)
        return _requirement_nodes(value, scope, depth + 1) if value is not None and not isinstance(value, _Each) else []
    return []


def _install_pypi(call: ast.Call, scope: _Scope, ev: _Evaluator, source: _Source) -> List[PyCommand]:
    """Databricks' ``dbutils.library.installPyPI("zenml", version="0.13.2")`` (Runtime 5-10):
    the requirement ``zenml==0.13.2``, its version edited inside the version's literal."""
    args = dict(zip(("pypiPackage", "version"), call.args))
    args.update((k.arg, k.value) for k in call.keywords if k.arg in ("pypiPackage", "version"))
    name = ev.string(args["pypiPackage"], scope, True) if "pypiPackage" in args else None
    if name is None or name.value.strip().lower() != "zenml":
        return []
    version = ev.string(args["version"], scope, True) if "version" in args else None
    if version is None or not version.value:
        return []
    text = Text()
    text.extend(name, editable=False)
    text.extend(_literal_word("==", *source.range(args["version"])))
    text.extend(version)
    cmd = PyCommand(text)
    cmd.requirement = True
    return [cmd]


_INSTALL_MAGICS = frozenset({"pip", "conda", "mamba", "micromamba"})


def _install_magic(call: ast.Call, scope: _Scope, ev: _Evaluator, source: _Source) -> List[PyCommand]:
    """``get_ipython().run_line_magic("pip", "install zenml==0.13.2")`` (a ``%pip`` line exported
    by nbconvert): the command ``pip install ...``, edited inside the second literal."""
    magic = call.args[0] if call.args else None
    if len(call.args) < 2 or not (isinstance(magic, ast.Constant) and magic.value in _INSTALL_MAGICS):
        return []
    line = ev.string(call.args[1], scope, True)
    if line is None or "zenml" not in line.value:
        return []
    text = _literal_word(magic.value + " ", *source.range(magic))
    text.extend(line)
    return [PyCommand(text)]


def _alias_magic(call: ast.Call, scope: _Scope, walker: _Walker, ev: _Evaluator, source: _Source) -> List[PyCommand]:
    """An ``%alias`` line exported by nbconvert (``get_ipython().run_line_magic("alias", "zm
    zenml %s")``) defines an alias (``%unalias`` ends it); a later ``run_line_magic("zm",
    "profile list")`` runs its command with those arguments (``notebook.alias_parts``): the
    alias's part at the magic's name (never edited), the arguments edited inside the literal."""
    from zenml_migrate.scan.notebook import alias_parts

    magic = call.args[0]
    if len(call.args) < 2 or not (isinstance(magic, ast.Constant) and isinstance(magic.value, str)):
        return []
    line = ev.string(call.args[1], scope, True)
    if line is None:
        return []
    if magic.value in ("alias", "unalias"):
        name, _, command = line.value.strip().partition(" ")
        if magic.value == "unalias":
            walker.aliases.pop(name, None)
        elif command.strip():
            walker.aliases[name] = command.strip()
        return []
    parts = alias_parts(walker.aliases[magic.value], line.value) if magic.value in walker.aliases else None
    if parts is None or "zenml" not in parts[0] + parts[1]:
        return []
    text = _literal_word(parts[0], *source.range(magic))
    if parts[1]:
        text.extend(line)
    return [PyCommand(text)]


def _call_commands(call: ast.Call, scope: _Scope, walker: _Walker, ev: _Evaluator, source: _Source) -> List[PyCommand]:
    callee = walker.qualname(call.func, scope) if call.keywords or call.args else None
    installs = _REQUIREMENT_CALLS.get(callee)
    if installs is not None:
        return _requirements(call, scope, ev, *installs)
    if callee in _DOCKER_OPTIONS:
        return _docker_options(call, scope, ev)
    if callee == "dbutils.library.installPyPI":
        return _install_pypi(call, scope, ev, source)
    if callee in _SHELL_KEYWORDS:
        lines = [k.value for k in call.keywords if k.arg in _SHELL_KEYWORDS[callee]]
        return [cmd for line in lines for cmd in _arg_commands("shell", line, scope, walker, ev, source)]
    spec = _spec(call, scope, walker)
    if call.args and walker.qualname(call.func, scope) == "get_ipython().run_line_magic":
        found = _install_magic(call, scope, ev, source) or _alias_magic(call, scope, walker, ev, source)
        if found or spec is None:
            return found
    if spec is None:
        return []
    kind, index, keyword = spec
    if kind == "words" and len(call.args) == index + 1 and isinstance(call.args[index], ast.Starred):
        # ``session.run(*"zenml stack list".split())``, ``*shlex.split(LINE)``: the line's words
        return _arg_commands("args", call.args[index].value, scope, walker, ev, source)
    if kind in ("words", "sh", "install"):
        program = _sh_program(walker.qualname(call.func, scope)) if kind == "sh" else _PROGRAM_WORDS.get(kind, ())
        words: List[Optional[Text]] = [_literal_word(w, *source.range(call.func)) for w in program]
        for a in call.args[index:]:
            if isinstance(a, ast.Starred):
                spliced = ev.words(a.value, scope, False)  # ``session.run(*BASE, "stack", "list")``: BASE's words, here
                if spliced is None or (spliced and spliced[-1] is None):
                    words.append(None)
                    break
                words += _relocated(spliced, source.range(a))
                continue
            words.append(_item(ev.string(a, scope, True), source.range(a)))
        if kind == "sh" and any(k.arg is None or not k.arg.startswith("_") for k in call.keywords):
            words.append(None)  # ``sh.zenml("stack", "list", verbose=True)``: ``--verbose``, an option known at run time
        return _listed(_argv_command(words, source.text))
    if kind == "lines":
        given = [k.value for k in call.keywords if k.arg == keyword and keyword] or [a for a in call.args[index:] if not isinstance(a, ast.Starred)]
        items = [item for a in given for item in (a.elts if isinstance(a, (ast.List, ast.Tuple)) else [a])]
        return [cmd for item in items for cmd in _arg_commands("shell", item, scope, walker, ev, source)]
    arg = call.args[index] if len(call.args) > index else next((k.value for k in call.keywords if k.arg == keyword), None)
    if arg is None:
        return []
    if kind == "cli":
        out = []
        program = call.args[0] if _zenml_cli_runner(call, scope, walker) else call.func  # ``runner.invoke(cli, ...)``
        for item in _items_of(arg, scope):
            words = ev.words(item, scope, True)
            if words is not None:
                out += _listed(_argv_command([_literal_word("zenml", *source.range(program))] + words, source.text))
                continue
            line = ev.string(item, scope, True)  # ``runner.invoke(cli, "stack list")``: click splits it
            if line is not None:
                text = _literal_word("zenml ", *source.range(program))
                text.extend(line)
                out.append(PyCommand(text))
        return out
    if kind in ("pod", "container"):
        words = ev.words(arg, scope, True)
        if words is None or (words and words[-1] is None):
            return _listed(_argv_command(words, source.text)) if words else []
        rest_keyword = _REST_KEYWORD[kind]
        more = next((k.value for k in call.keywords if k.arg == rest_keyword), None)
        if more is None and index != KEYWORD_ONLY and len(call.args) > index + 1:
            more = call.args[index + 1]
        rest = ev.words(more, scope, True) if more is not None else []
        return _listed(_argv_command(words + (rest if rest is not None else [None]), source.text))
    if kind == "specs":
        return [cmd for spec in _container_dicts(arg, scope) for cmd in _dict_command(spec, scope, ev, source)]
    if kind == "spawn":  # ``pexpect.spawn("zenml", ["stack", "list"])`` or ``spawn("zenml stack list")``
        more = call.args[index + 1] if len(call.args) > index + 1 else next((k.value for k in call.keywords if k.arg == "args"), None)
        if more is None:
            return _arg_commands("shell", arg, scope, walker, ev, source)
        rest = ev.words(more, scope, True)
        program = _item(ev.string(arg, scope, True), source.range(arg))
        return _listed(_argv_command([program] + (rest if rest is not None else [None]), source.text))
    # ``for command in COMMANDS: subprocess.run(command)``: each item, judged where it is written
    return [cmd for item in _items_of(arg, scope) for cmd in _arg_commands(kind, item, scope, walker, ev, source)]


_SPEC_COMMAND = ("command",)
_SPEC_ARGS = ("args",)


def _container_dicts(node: ast.expr, scope: _Scope, depth: int = 0) -> List[ast.Dict]:
    """The dict literals in ``node`` (a job's spec, through nested dicts and lists and names bound
    once) that hold a container's ``command`` key."""
    if depth > _MAX_DEPTH:
        return []
    if isinstance(node, ast.Name):
        value = scope.value(node.id)
        return _container_dicts(value, scope, depth + 1) if isinstance(value, (ast.Dict, ast.List, ast.Tuple)) else []
    if isinstance(node, (ast.List, ast.Tuple)):
        return [d for item in node.elts for d in _container_dicts(item, scope, depth + 1)]
    if not isinstance(node, ast.Dict):
        return []
    keys = [k.value if isinstance(k, ast.Constant) else None for k in node.keys]
    if any(k in _SPEC_COMMAND for k in keys):
        return [node]
    return [d for value in node.values for d in _container_dicts(value, scope, depth + 1)]


def _dict_command(spec: ast.Dict, scope: _Scope, ev: "_Evaluator", source: "_Source") -> List[PyCommand]:
    """The command of a container spec dict: its ``command`` words followed by its ``args``."""
    values = {k.value: v for k, v in zip(spec.keys, spec.values) if isinstance(k, ast.Constant)}
    command = next(values[k] for k in _SPEC_COMMAND if k in values)
    words = ev.words(command, scope, True)
    if not words or words[-1] is None:
        return _listed(_argv_command(words, source.text)) if words else []
    more = next((values[k] for k in _SPEC_ARGS if k in values), None)
    rest = ev.words(more, scope, True) if more is not None else []
    return _listed(_argv_command(words + (rest if rest is not None else [None]), source.text))


def _arg_commands(kind: str, arg: ast.expr, scope: _Scope, walker: _Walker, ev: _Evaluator, source: _Source) -> List[PyCommand]:
    """The command a ``shell`` / ``args`` / ``list`` argument spells (a list of words or a line)."""
    if kind in ("args", "list") and _shell_of(arg, scope, walker) is arg:
        words = ev.words(arg, scope, True)
        if words is not None or kind == "list":
            return _listed(_argv_command(words, source.text)) if words is not None else []
    shell = _shell_of(arg, scope, walker)
    line = ev.string(shell, scope, True)
    return [PyCommand(line)] if line is not None and "zenml" in line.value else []


def _items_of(arg: ast.expr, scope: _Scope) -> List[ast.expr]:
    """``[arg]``, or the items a loop variable takes (``for command in COMMANDS``: each list of
    the module's ``COMMANDS = [[...], [...]]``, each edited where it is written)."""
    if isinstance(arg, ast.Subscript) and isinstance(arg.value, ast.Name):  # ``COMMANDS[0]``
        items = scope.value(arg.value.id)
        index = arg.slice
        if isinstance(items, (ast.List, ast.Tuple)) and isinstance(index, ast.Constant) and type(index.value) is int:
            return list(items.elts[index.value : index.value + 1 or None])
        return [arg]
    value = scope.value(arg.id) if isinstance(arg, ast.Name) else None
    if not isinstance(value, _Each):
        return [arg]
    items = value.iter
    if isinstance(items, ast.Name):
        items = scope.value(items.id)
    return list(items.elts) if isinstance(items, (ast.List, ast.Tuple)) else []


def _listed(cmd: Optional[PyCommand]) -> List[PyCommand]:
    """``[cmd]``; an argv that runs a shell on a line (``["bash", "-c", "zenml ..."]``, a pod's
    ``cmds=["sh", "-c"]`` + ``arguments``): that line, a shell line of its own."""
    from zenml_migrate.scan.command_lines import SHELLS, program

    if cmd is None:
        return []
    words = cmd.words or []
    if words and program(words[0].value) in SHELLS:
        for k in range(1, len(words) - 1):
            flag = words[k].value
            if not flag.startswith("-") or flag.startswith("--"):
                break
            if "c" in flag[1:]:
                line = Text()
                for part in ("chars", "starts", "ends", "editable"):
                    getattr(line, part).extend(getattr(cmd.text, part)[words[k + 1].start : words[k + 1].end])
                return [PyCommand(line)] if "zenml" in line.value else []
    return [cmd]


def _shell_of(arg: ast.expr, scope: _Scope, walker: _Walker) -> Optional[ast.expr]:
    """The string holding the shell line: the argument, or what ``shlex.split(s)`` /
    ``s.split()`` splits."""
    if isinstance(arg, ast.Call) and len(arg.args) == 1 and walker.qualname(arg.func, scope) == "shlex.split":
        return arg.args[0]
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "split" and not arg.args:
        return arg.func.value
    return arg


def _item(word: Optional[Text], where: Tuple[int, int]) -> Text:
    word = word if word is not None else _placeholder(*where)
    word.item = where
    return word


def _literal_word(value: str, start: int, end: int) -> Text:
    t = Text()
    t.add(value, start, end, False, False)
    return t


def _argv_command(words: List[Optional[Text]], source: str) -> Optional[PyCommand]:
    """The words of a list joined by blanks (each blank: the source between the two items,
    editable when both are plain literals with only a comma between them), with their Word
    offsets."""
    from zenml_migrate.scan.command_lines import Word

    known = [w for w in words if w is not None]
    if not known or "zenml" not in "".join(w.value for w in known):
        return None
    text = Text()
    out_words: List[Word] = []
    previous: Optional[Text] = None
    for word in known:
        if previous is not None:
            a, b = previous.ends[-1] if previous.chars else 0, word.starts[0] if word.chars else 0
            joinable = bool(previous.chars and word.chars and previous.editable[-1] and word.editable[0] and a <= b)
            joinable = joinable and re.fullmatch(r"""["']*\s*,\s*[rRuU]?["']*""", source[a:b]) is not None
            text.add(" ", a, b, joinable, False)
            text.editable[-1] = joinable
        begin = len(text.chars)
        text.extend(word)
        out_words.append(Word(word.value, begin, len(text.chars)))
        previous = word
    if None in words:  # ``*args``: more words, known at run time only
        out_words[-1].more = True
    return PyCommand(text, out_words, [w.item for w in known])


def matches(tree: ast.Module, text: str, rules, project=None, target: Optional[str] = None) -> List[Tuple[PyCommand, object]]:
    """``(command, command_scan.Match)`` for every CLI rule hit in the code's commands."""
    from zenml_migrate.scan.command_lines import Section
    from zenml_migrate.rules.base import command_matchers
    from zenml_migrate.scan.command_scan import find_matches, match_words

    matchers = command_matchers(rules)
    if not matchers:
        return []
    out = []
    for cmd in commands(tree, text):
        value = cmd.text.value
        if cmd.requirement:
            style = cmd.requirement if isinstance(cmd.requirement, str) else "pep508"
            found = find_matches(value, [Section(value, 0, requirement=style)], rules, project, target)
        elif cmd.words is not None:
            found = match_words(cmd.words, matchers, project, target=target)
        else:
            found = find_matches(value, [Section(value, 0)], rules, project, target)
        out.extend((cmd, m) for m in found)
    return out


def _edits(cmd: PyCommand, match, target: Optional[str] = None) -> Optional[List[Tuple[int, int, str]]]:
    """The source edits of this match's own fix (None: the fix cannot be written here), for the
    release ``target`` (``fix.codemod.at_target``). A codemod that removes whole words
    (``removed_words``) removes list items in a list."""
    from zenml_migrate.fix.codemod import at_target, load_codemod

    rule = match.rule
    if not rule.codemod:
        return None
    codemod = load_codemod(rule.codemod)()
    edits = [(a, b, at_target(rule, new, target)) for a, b, new in codemod.edits(cmd.text.value, match, rule)]
    removed = codemod.removed_words(match) if edits and hasattr(codemod, "removed_words") else None
    if removed is not None and cmd.items is not None:
        return _drop_items(cmd, match, *removed)
    out = _source_edits(cmd.text, edits)
    if out is None and removed is not None:
        out = _source_edits(cmd.text, _drop_forward(match, *removed))
    return out


def _drop_items(cmd: PyCommand, match, first: int, last: int) -> Optional[List[Tuple[int, int, str]]]:
    """Words ``first..last`` of the match's invocation removed from a list: the items with the
    comma before them (``, "-m", "default"``), when they are consecutive items of one list."""
    shift = next(i for i, w in enumerate(cmd.words) if w is match.invocation.words[0])  # ``poetry run zenml ...``
    at, to = shift + first, shift + last
    if to + 1 < len(cmd.items) and _consecutive(cmd, at, to + 1):
        return [(cmd.items[at][0], cmd.items[to + 1][0], "")]  # ``"-m", "default", `` (the line breaks stay)
    if first >= 1 and _consecutive(cmd, at - 1, to):
        return [(cmd.items[at - 1][1], cmd.items[to][1], "")]  # ``, "-m", "default"``
    return None


def _consecutive(cmd: PyCommand, first: int, last: int) -> bool:
    """Are the words ``first..last`` items of one list, with only commas between them?"""
    items = cmd.items[first : last + 1]
    if any(i is None for i in items):
        return False
    return all(re.fullmatch(r"\s*,\s*", cmd.source[a[1] : b[0]]) for a, b in zip(items, items[1:]))


def _source_edits(text: Text, edits) -> Optional[List[Tuple[int, int, str]]]:
    if not edits:
        return None
    out = []
    for start, end, new in edits:
        where = text.source_range(start, end)
        if where is None:  # only the characters that change: ``==0.13.2`` -> ``==0.20.5`` edits ``13.2``
            start, end, new = _changed_part(text.value, start, end, new)
            where = text.source_range(start, end)
        if where is None or any(c in new for c in "\\\"'\n{}"):
            return None
        out.append((where[0], where[1], new))
    return out


def _changed_part(value: str, start: int, end: int, new: str) -> Tuple[int, int, str]:
    """The edit ``value[start:end] -> new`` without the characters it keeps at both ends."""
    old = value[start:end]
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
        tail += 1
    return start + head, end - tail, new[head : len(new) - tail]


def _drop_forward(match, first: int, last: int) -> List[Tuple[int, int, str]]:
    """Words ``first..last`` removed the other way round: with the blank after them (up to the
    next word), for ``"-m", "x", `` in a list or an option right after a string's implicit
    concatenation."""
    words = match.invocation.words
    if last + 1 >= len(words):
        return []
    return [(words[first].start, words[last + 1].start, "")]


_NO_FIX = "no automatic fix here: the command is built at run time or its characters are not plain literal text"


def findings(tree: ast.Module, text: str, path: str, rules, project=None, target: Optional[str] = None) -> Tuple[List[Finding], bool]:
    """The findings of the code's commands, and whether they are judged again once the
    project's cross-file facts are known (``command_scan.needs_project``)."""
    from zenml_migrate.scan.command_scan import needs_project

    source = _Source(text)
    out = []
    found = matches(tree, text, rules, project, target)
    for cmd, m in found:
        start, end = cmd.text.span(m.start, m.end)
        line, col = source.position(start)
        end_line, end_col = source.position(end)
        fix, message = m.fix_value, m.message
        if fix is not None and _edits(cmd, m) is None:
            fix, message = None, f"{message} ({_NO_FIX})"
        out.append(Finding(path, Span(line, col, end_line, end_col), m.rule.code, message, fix))
    return out, needs_project((m for _, m in found), project)


def fix_commands(tree: ast.Module, text: str, rules, wanted_at: Set[Tuple[str, int, int]], project=None,
                 target: Optional[str] = None) -> str:
    """``text`` with the CLI fixes of the findings at ``wanted_at`` ((code, line, column))
    written into the literals, for the release ``target`` (``fix.codemod.at_target``)."""
    source = _Source(text)
    edits = []
    for cmd, m in matches(tree, text, rules, project, target):
        start, _ = cmd.text.span(m.start, m.end)
        if (m.rule.code,) + source.position(start) not in wanted_at:
            continue
        edits.extend(_edits(cmd, m, target) or ())
    out = text
    last = len(text) + 1
    for start, end, new in sorted(set(edits), reverse=True):
        if end > last:
            continue
        out = out[:start] + new + out[end:]
        last = start
    return out


def cli_codes(rules: Sequence) -> Set[str]:
    from zenml_migrate.rules.base import command_matchers

    return {r.code for r, _ in command_matchers(rules)}
