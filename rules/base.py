"""The rule object: one declaration drives scan, fix, docs (`migrate explain`) and tests.

A rule says *what* it matches with three kinds of matcher, all on resolved names
(never on text):

* ``Ref``: a reference to a qualified name. Names are canonical 0.13.2 paths
  (re-exports are mapped to the defining module automatically). Notation used by
  the detector:
    ``zenml.repository.Repository``         the class itself
    ``zenml.repository.Repository()``       an instance of it
    ``zenml.repository.Repository().get_pipeline``   a member of an instance
    ``zenml.steps.base_step.BaseStep+``     a user subclass (``@step`` functions too)
  ``prefix=True`` matches the name and everything below it (removed modules); an object of a
  class there (``X()``, ``X().member``) only when it is given to the code (a parameter annotated
  with the class, ``self``): one the program builds is reported where it is built.
  ``spelled=True`` matches the path as written, before re-export mapping
  (for rules about a module path that moved).
  ``ctx`` restricts to ``"store"`` (attribute writes), ``"load"``, or ``"int"`` (a load used
  directly as a number: arithmetic, ordering comparison, ``int()``/``range()``, an index).
* ``Kwarg``: a keyword argument on a call whose callee resolves to one of ``callees``.
* ``StrLit``: a string literal with one of the given values, in a file that uses zenml.

Examples are Fixit-style: ``Bad(code, fixed=...)`` must be flagged (and, when
``fixed`` is given, ``migrate code --fix`` must produce exactly that), ``Good(code)``
must not be flagged. They are the rule's unit tests and the text of
``migrate explain``.
"""

from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Callable, Dict, List, Mapping, Optional, Tuple


class Fix(str, Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"
    NONE = "none"


@dataclass(frozen=True)
class Ref:
    """A match on the uses of qualified names."""

    names: Tuple[str, ...]
    prefix: bool = False
    spelled: bool = False
    ctx: Optional[str] = None  # None | "load" | "store" | "int"
    # the fix rewrites each use (a decorator on a step), so a use through an alias is a use too
    # (``tracked = enable_mlflow``, then ``@tracked``, in this file or an importer)
    each_use: bool = False
    # standard-library callables (``"json.loads"``) whose first argument, the use or a subscript of
    # it, is the 0.20 way already: no finding there (the edit the rule's TODO asks for)
    adapted_by: Tuple[str, ...] = ()

    def __init__(self, *names: str, prefix: bool = False, spelled: bool = False, ctx: Optional[str] = None, each_use: bool = False,
                 adapted_by: Tuple[str, ...] = ()):
        object.__setattr__(self, "names", tuple(names))
        object.__setattr__(self, "prefix", prefix)
        object.__setattr__(self, "spelled", spelled)
        object.__setattr__(self, "ctx", ctx)
        object.__setattr__(self, "each_use", each_use)
        object.__setattr__(self, "adapted_by", tuple(adapted_by))


@dataclass(frozen=True)
class Kwarg:
    """A match on keywords of calls to qualified names."""

    callees: Tuple[str, ...]
    keywords: Tuple[str, ...]
    # optional predicate on the keyword's value (an ``ast.expr``); the kwarg matches when it returns True
    when: Optional[Callable] = None

    def __init__(self, callees, *keywords: str, when: Optional[Callable] = None):
        if isinstance(callees, str):
            callees = (callees,)
        object.__setattr__(self, "callees", tuple(callees))
        object.__setattr__(self, "keywords", tuple(keywords))
        object.__setattr__(self, "when", when)


@dataclass(frozen=True)
class StrLit:
    """A match on string literals."""

    values: Tuple[str, ...]

    def __init__(self, *values: str):
        object.__setattr__(self, "values", tuple(values))


@dataclass(frozen=True)
class CallCheck:
    """A call whose callee resolves to one of ``callees``; ``when(call, resolve)`` returns the
    ``ast`` nodes to flag (empty: no finding). ``resolve(node)`` gives a node's resolved path.
    For what a keyword list cannot say: "any keyword but these", "the same step twice".
    ``pre(call)`` is a cheap syntactic test: a call failing it is not even resolved.
    ``per_keyword``: ``when`` judges each keyword on its own (flags keywords only), so it judges
    the keys of a dict given to the callee as ``**`` too (``scan/splat_keywords.problems``)."""

    callees: Tuple[str, ...]
    when: Callable
    pre: Optional[Callable] = None
    per_keyword: bool = False

    def __init__(self, callees, when: Callable, pre: Optional[Callable] = None, per_keyword: bool = False):
        if isinstance(callees, str):
            callees = (callees,)
        object.__setattr__(self, "callees", tuple(callees))
        object.__setattr__(self, "when", when)
        object.__setattr__(self, "pre", pre)
        object.__setattr__(self, "per_keyword", per_keyword)


@dataclass(frozen=True)
class NotebookCheck:
    """A check of a whole notebook, for what no matcher of one expression can say (its shell
    cells, its ``%%writefile`` modules, the project's cross-file facts together).
    ``find(path, nb, detector, rule) -> [Finding]``: ``nb`` is the notebook model
    (``migrate/scan/notebook.py``), ``detector`` its module text detected (findings in the
    coordinates of that text). ``scan`` runs it on the notebook, ``code --fix`` on the rewritten
    one (``fix/notebook.py``, which writes the rule's TODO for each finding). ``words``: text the
    module must hold for the check to run at all (a cheap test before the fixer detects the
    rewritten notebook again)."""

    find: Callable
    words: Tuple[str, ...] = ()

    def __init__(self, find: Callable, *words: str):
        object.__setattr__(self, "find", find)
        object.__setattr__(self, "words", tuple(words))


@dataclass(frozen=True)
class ModuleCheck:
    """A check of a whole Python module, for a rule no matcher of one expression can say (a
    data-driven safety net, a fact about several statements together). ``find(detector, rule)
    -> [Finding]`` runs after the detector's walk, in scan and in the fixer's self-check:
    ``detector.top_level()`` is the module as the scan walked it (every import and every
    statement that uses a name bound to zenml or holds a string a rule looks for),
    ``detector.resolve(expr)`` an expression's qualified name, ``detector._span(node)`` a node's
    span. ``detector.tree`` is the whole module: reading it parses the statements the scan
    left out, in every file the check runs on (read it only after a cheap test of
    ``detector.text``, as ZM005 does). Its findings are fixed by the rule's codemod, or get its
    TODO, like any other."""

    find: Callable


@dataclass(frozen=True)
class Net:
    """A built-in safety net of the detector's walk, run at the node it judges (speed: no walk
    of its own), with data generated from the real wheels: ``"names"`` (a zenml name no 0.20
    release has), ``"moved_modules"`` (a name imported from the module an older release kept
    it in), ``"calls"`` (a call a 0.20 signature rejects; the net says which rule's finding it
    is), ``"members"`` (an attribute the 0.20 class lacks). The detector runs a net only when a
    selected rule carries it. A new data-driven net is a ``ModuleCheck``."""

    kind: str


def notebook_checks(rules) -> list:
    """``(rule, NotebookCheck)`` of ``rules``, in their order."""
    return [(r, m) for r in rules for m in r.match if isinstance(m, NotebookCheck)]


@dataclass(frozen=True)
class YamlKey:
    """A key in a YAML file (not Python). ``path`` is dotted from the document root, ``*``
    matches any key at that level (``steps.*.source``). ``document`` says which files count:
    ``"run_config"`` (a 0.13.2-shaped pipeline run config, see ``migrate/scan/yaml_scan.py``) or
    ``"zen_config"`` (a repo-local ``.zen/config.yaml``) or ``"stack_export"`` (a file a
    ``zenml stack export`` before 0.20 wrote)."""

    path: Tuple[str, ...]
    document: str = "run_config"

    def __init__(self, path: str, document: str = "run_config"):
        object.__setattr__(self, "path", tuple(path.split(".")))
        object.__setattr__(self, "document", document)


@dataclass(frozen=True)
class Command:
    """A ``zenml`` command line (notebook shell escapes, shell scripts, Makefiles, Dockerfiles,
    CI ``run:``/``script:``, Markdown shell blocks), read against ZenML 0.13.2's own command
    tree (``rules/data/zenml_cli.json``, generated from the real CLI). ``paths``: commands as
    typed after ``zenml`` (``"stack register"``); ``prefix``: also every command below them;
    ``options``: click parameter names (any spelling of them matches: ``-m`` and
    ``--metadata-store`` are ``metadata_store_name``); without options the command itself
    matches. ``removed``: every command or option of 0.13.2 that ZenML 0.20.0 or 0.20.5 does
    not have and no other rule explains (the safety net of the CLI rules). ``unknown``: every
    command path that neither 0.13.2 nor 0.20.0 nor 0.20.5 has (older eras, typos).
    ``flavor_source``: the command's first argument, a class path, matches when it does not name
    a 0.20 Flavor class (``migrate/scan/component_port.py::flavor_source``). ``unknown_option``:
    every option the real 0.20.0 or 0.20.5 command rejects that 0.13.2 did not know there either
    (``command_scan.parse_with``). ``missing_required``: a required option of the real 0.20.0
    or 0.20.5 command that the line does not give (click fails with "Missing option").
    ``component_keys``: a ``--key=value`` attribute of ``zenml <component> register/update``
    that the 0.20 config of the component's flavor rejects (``command_scan.component_keys``).
    ``renamed_flavor``: a 0.13.2 flavor name 0.20 gives another name (``command_scan.renamed_flavor``).
    ``pins``: not a ``zenml`` command but a zenml requirement that allows no ZenML 0.20 release,
    in an install command (``pip install zenml==0.13.2``) or a requirement list
    (``migrate/scan/pins.py``: requirements files, setup.cfg, pyproject.toml, environment.yml)."""

    paths: Tuple[str, ...] = ()
    options: Tuple[str, ...] = ()
    prefix: bool = False
    removed: bool = False
    unknown: bool = False
    flavor_source: bool = False
    unknown_option: bool = False
    missing_required: bool = False
    pins: bool = False
    component_keys: bool = False
    renamed_flavor: bool = False

    def __init__(self, *paths: str, options: Tuple[str, ...] = (), prefix: bool = False, removed: bool = False, unknown: bool = False,
                 flavor_source: bool = False, unknown_option: bool = False, missing_required: bool = False, pins: bool = False,
                 component_keys: bool = False, renamed_flavor: bool = False):
        object.__setattr__(self, "paths", tuple(paths))
        object.__setattr__(self, "options", tuple(options))
        object.__setattr__(self, "prefix", prefix)
        object.__setattr__(self, "removed", removed)
        object.__setattr__(self, "unknown", unknown)
        object.__setattr__(self, "flavor_source", flavor_source)
        object.__setattr__(self, "unknown_option", unknown_option)
        object.__setattr__(self, "missing_required", missing_required)
        object.__setattr__(self, "pins", pins)
        object.__setattr__(self, "component_keys", component_keys)
        object.__setattr__(self, "renamed_flavor", renamed_flavor)


@dataclass(frozen=True)
class EnvVar:
    """An environment variable set outside Python code, by name: a ``.env``/``.envrc`` line, a
    shell ``export NAME=...``/``NAME=... cmd``, a CI ``env:``/``variables:`` key, a compose
    ``environment:`` item, a Kubernetes/ECS ``name: NAME`` entry, a Dockerfile ``ENV``
    (``migrate/scan/env_vars.py``: one reader for all of them)."""

    names: Tuple[str, ...] = ()

    def __init__(self, *names: str):
        object.__setattr__(self, "names", tuple(names))


def env_matchers(rules) -> List[Tuple[object, "EnvVar"]]:
    """``(rule, EnvVar)`` of ``rules``, in their order."""
    return [(r, m) for r in rules for m in r.match if isinstance(m, EnvVar)]


def command_matchers(rules) -> List[Tuple[object, "Command"]]:
    """``(rule, Command)`` of ``rules``, in their order (here, not in the command scan: the
    fixer asks which codes are CLI rules without loading the command-line reader)."""
    return [(r, m) for r in rules for m in r.match if isinstance(m, Command)]


@dataclass(frozen=True)
class Fails:
    """``Rule.fails``: a finding of the rule left for a human is code that raises on ZenML 0.20
    when it runs. ZM461 (``migrate/scan/import_time.py``) comments out a module-level statement
    that holds one, so the module imports again; a rule says it here, in its own file.
    ``one_release``: the message may name the one 0.20 release whose check fails (``ZenML
    0.20.5``): the other may run the statement, so it is commented out only at
    ``--unsafe-fixes``. ``some_classes``: it fails for some classes only, which this says (the
    same holds); ``fails_for(path)``: does it fail for the class ``path`` (a qualified 0.13.2 name)
    on every 0.20 release? ZM461 comments the statement out at ``--fix`` when it does for every
    class the finding can read. ``registration``: the finding is a ``name=`` keyword building a
    stack component; ZM461's TODO names the command that registers it."""

    one_release: bool = False
    some_classes: str = ""
    fails_for: Optional[Callable[[str], bool]] = None
    registration: bool = False


@dataclass(frozen=True)
class Bad:
    """Code that must be flagged; ``fixed`` is the expected ``migrate code --fix`` output."""

    code: str
    fixed: Optional[str] = None
    count: Optional[int] = None  # expected number of findings of this rule, when it matters
    unsafe: bool = False  # ``fixed`` needs --unsafe-fixes
    filename: str = "example.py"  # .py, .ipynb-less: a YAML rule uses e.g. "run.yaml", a CLI rule "setup.sh"
    experiment_tracker: Optional[str] = None  # ``fixed`` with ``--experiment-tracker NAME``

    def fix_options(self) -> dict:
        """The ``fix_source`` keywords that give ``fixed``."""
        return {"unsafe": self.unsafe, "experiment_tracker": self.experiment_tracker}

    def command(self) -> str:
        """The ``migrate code`` command line that gives ``fixed``."""
        return "migrate code --fix" + (" --unsafe-fixes" if self.unsafe else "") + (
            f" --experiment-tracker {self.experiment_tracker}" if self.experiment_tracker else ""
        )


@dataclass(frozen=True)
class Good:
    """An example that the rule must not flag."""

    code: str
    filename: str = "example.py"


@dataclass(frozen=True)
class Rule:
    """A rule: what it matches, its message, its fix and its examples."""

    code: str
    name: str
    message: str
    why: str
    instead: str
    fix: Fix
    match: Tuple = ()
    bad: Tuple[Bad, ...] = ()
    good: Tuple[Good, ...] = ()
    codemod: Optional[str] = None  # "module:Class" in zenml_migrate.codemods
    fix_args: Tuple = ()  # data the codemod reads, as ((key, value), ...) pairs, e.g. (("to", "zenml.steps.BaseParameters"),)
    todo: Optional[str] = None  # text of the TODO comment when no safe fix applies
    # the message of a run-config rule's finding in a file a legacy reader keeps (``zenml pipeline run -c``,
    # ``with_config``: fix/run_config_users.annotate), where ``message`` would be untrue (0.20 reads the keys there)
    kept_message: Optional[str] = None
    # the message templates (``str.format`` fields: what varies per finding) of a rule whose findings say
    # more than ``message``: a TODO line an earlier run wrote in one of these shapes is ours (``KnownTodos``)
    todo_forms: Tuple[str, ...] = ()
    # the cross-file facts its check reads: ``exports(detector) -> {name: value}`` of each module (the
    # project index keys them ``<module>.<name>``; a check sees them in ``detector.project``)
    exports: Optional[Callable] = None
    fix_note: str = ""  # why the fix is safe / unsafe / absent (ruff's "fix safety")
    # ``fix_check(node, site) -> reason or None``: where the fix does NOT apply to one occurrence
    # (``node``: the flagged ``ast`` node; ``site``: ``migrate/scan/detect.FixSite``). ``scan``
    # then marks that finding without a fix and says why, and ``code --fix`` leaves it with a
    # TODO: the same decision on both sides, so a finding marked fixable is always rewritten.
    # For a ``YamlKey`` match, ``node`` is the YAML value under the key and ``site`` is None.
    fix_check: Optional[Callable] = None
    fails: Optional[Fails] = None  # what a finding left for a human does when its code runs (ZM461 reads it)
    # its own unsafe fix of a removed import yields to ZM461's stub where the stub makes the module
    # import at the safe level (ZM114: the 0.13.2 value of a constant)
    stub_first: bool = False
    family: str = field(default="")

    def arg(self, key: str, default=None):
        return dict(self.fix_args).get(key, default)

    @property
    def fix_value(self) -> Optional[str]:
        return None if self.fix is Fix.NONE else self.fix.value

    def rename_targets(self) -> Mapping[str, Tuple[str, str]]:
        """``renames:RenameSymbols`` data: old identifier -> (0.20 module, 0.20 name), from
        ``fix_args`` ``renames`` (one target per name) or ``to`` (one for every matched name).
        The table is made once per rule from its ``fix_args`` (the scan asks at every renamed
        name it meets) and is read-only."""
        table = self.__dict__.get("_rename_targets")
        if table is None:
            table = MappingProxyType(self._rename_table(self.arg("renames", ()) or (), self.arg("to")))
            object.__setattr__(self, "_rename_targets", table)  # not a field: ``replace()`` makes it again
        return table

    def _rename_table(self, renames, to) -> Dict[str, Tuple[str, str]]:
        table = {}
        for old, new in renames:
            table[_last_identifier(old)] = _split_path(new)
        if to:
            for m in self.match:
                if isinstance(m, Ref):
                    for name in m.names:
                        table.setdefault(_last_identifier(name), _split_path(to))
        return table

    def words(self) -> frozenset:
        """Identifiers a file must contain for this rule to possibly match (the prefilter)."""
        out = set()
        for m in self.match:
            if isinstance(m, Ref):
                for n in m.names:
                    out.add(_last_identifier(n))
            elif isinstance(m, Kwarg):
                out.update(m.keywords)
            elif isinstance(m, StrLit):
                out.update(m.values)
            elif isinstance(m, CallCheck):
                out.update(_last_identifier(c) for c in m.callees)
            elif isinstance(m, YamlKey):
                out.add(next((k for k in m.path if k != "*"), ""))
            elif isinstance(m, Command):
                out.add("zenml")
            elif isinstance(m, EnvVar):
                out.update(m.names)
        return frozenset(w for w in out if w)


def renaming(renames, *also_match, spelled: bool = False, **more_args) -> Dict[str, object]:
    """The ``match``, ``codemod`` and ``fix_args`` of a rule that moves qualified names to their
    0.20 path: ``Rule(..., **renaming(RENAMES))``. ``renames``: ``((0.13.2 path, 0.20 path), ...)``,
    matched as one ``Ref`` (``spelled``: as written); ``also_match``: more matchers after it;
    ``more_args``: more data for ``codemods/renames.py:RenameSymbols`` (``keywords=...``)."""
    return {
        "match": (Ref(*(old for old, _ in renames), spelled=spelled),) + also_match,
        "codemod": "renames:RenameSymbols",
        "fix_args": (("renames", renames),) + tuple(more_args.items()),
    }


def snippet(text: str) -> str:
    """An example written as an indented triple-quoted block, without the indentation."""
    return _dedent(text).lstrip("\n")


def _dedent(text: str) -> str:
    """What ``textwrap.dedent(text)`` returns (``tests/test_snippet_dedent.py`` compares them on every
    example of the catalog), without its two regular expressions over the whole text and without
    loading ``textwrap``: the rule modules dedent ~390 examples at every start-up (3.1 -> 1.3 ms)."""
    lines = text.split("\n")
    margin = None
    for i, line in enumerate(lines):
        body = line.lstrip(" \t")
        if not body:
            lines[i] = ""  # a line of spaces and tabs only: emptied, and no indentation of its own
            continue
        indent = line[: len(line) - len(body)]
        if margin is None:
            margin = indent
        elif indent.startswith(margin):
            pass
        elif margin.startswith(indent):
            margin = indent
        else:
            for j, (x, y) in enumerate(zip(margin, indent)):
                if x != y:
                    margin = margin[:j]
                    break
    if margin:
        cut = len(margin)
        lines = [line[cut:] if line else line for line in lines]
    return "\n".join(lines)


def _last_identifier(name: str) -> str:
    parts = [p for p in name.replace("()", ".").replace("+", "").split(".") if p]
    return parts[-1] if parts else ""


def _split_path(path: str) -> Tuple[str, str]:
    module, _, name = path.rpartition(".")
    return module, name
