"""Detection at stdlib-``ast`` speed: our own import/alias table, one walk, all rules.

Every expression that reaches ZenML is given a path (see ``rules/base.py`` for the
notation). Bindings are flow-insensitive and lazy: a name's value is worked out the
first time it is looked up, so definitions after use (functions, module globals) work.
Imports of the scanned project's own modules are "pending" until the engine has the
cross-file facts (``project``: ``"pkg.mod.name" -> path``).
"""

import ast
import bisect
import re
import string
from functools import lru_cache
from typing import Callable, Dict, FrozenSet, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

from zenml_migrate.findings import NO_FIX_HERE, Finding, Span
from zenml_migrate.scan import api013
from zenml_migrate.rules.base import CallCheck, Kwarg, ModuleCheck, Net, Ref, Rule, StrLit
from zenml_migrate.scan.facts import CLASS_METHOD_MARK, METHOD_MARK, MIXIN_MARK, USED_MARK, imported_project_names
from zenml_migrate.scan.zenml_index import canonical, in_zenml, integration_classes_013
from zenml_migrate.scan.import_fallback import legacy_try, new_spelling, try_can_fail
from zenml_migrate.scan.version_gate import GATE_MARK, Gates
from zenml_migrate.scan import instance_configuration
from zenml_migrate.scan import splat_keywords as splat
from zenml_migrate.scan import star_all
from zenml_migrate.scan import pytest_fixtures
from zenml_migrate.scan import guarded_reads
from zenml_migrate.scan import patchers
from zenml_migrate.scan.nodes import walk as walk_nodes

_IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError"}
# value of a name bound to one of the scanned project's own modules (``import steps.trainer as st``)
PROJECT_MODULE = "@module:"
# value of a function (a ``def`` or a lambda) whose call gives the value after the mark: ``def _last(name):
# return Repository().get_pipeline(name).runs[-1]`` returned by a factory (``helper()("p")``, a pytest
# fixture handing a test that closure) is ``"@calls:zenml...PipelineRunView()"``; only ``_call_result``
# reads it (no rule matches a value that does not start with ``zenml``)
CALLS_MARK = "@calls:"
# a ZM004 finding's own ``fix_args`` key: the 0.20 name of the field it reads (codemods/component_members.py)
RENAMED_FIELD = "renamed_field"
_CLIENT_INSTANCE = "zenml.client.Client()"
_ENUMS = "zenml.enums."  # the enum classes of zenml (a member looked up by name: ``StackComponentType["..."]``)
# cross-file fact ``"<module>.<name>.__expr__": "expr"``: the module binds ``name`` to the value of one of
# its expressions (``RUNS = Repository().get_pipelines()``, ``FLAVOR = KubeflowOrchestrator.FLAVOR``).
# That expression is reported (and fixed) where it is written: a module importing ``name`` uses the
# value, as a later use of the variable in the same file does (see ``Detector._bound_by``)
EXPR_MARK = "__expr__"
# cross-file fact ``"<module>.<function>.__returns__": value``: what a call of a module-level function
# returns (``_annotated_return``: its annotation or its agreeing returns), for ``from m import f; f().x``
OWN_INIT_MARK = "__own_init__"
"""``NAME.__own_init__``: the module-level class ``NAME`` (a subclass of a zenml class) is not built by
the zenml class's constructor: it, or a class of the user's it derives from, defines ``__init__``/
``__new__`` or declares fields, or derives from a class the scan cannot see (``_own_constructor``)."""
RETURNS_MARK = "__returns__"
OWN_MEMBERS_MARK = "__own_members__"
"""``NAME.__own_members__``: ``NAME`` is a class of the user's that derives from a zenml class, or an
instance of one, and its classes down to the zenml base declare these members themselves (comma-joined:
body names, what methods assign on ``self``); absent when a base the scan cannot see may add more
(``Detector._own_members``)."""
DECLARES_MARK = "__declares__"
"""``NAME.__declares__``: what the user's classes between ``NAME`` (a class of the user's deriving from a
zenml class, or an instance of one) and the zenml base declare, overrides of zenml members included
(comma-joined; absent when a base the scan cannot see may declare more): a call ``x.m(...)`` of an
instance of it whose ``m`` none declares is judged by the zenml method's 0.20 signature
(``Detector._declared``)."""
# cross-file fact ``"<module>.<function>.__enters__": value``: what ``with function(...) as x`` binds
# for a ``@contextlib.contextmanager`` function annotated ``-> Iterator[X]``, or unannotated: what its
# own ``yield``s give (``Detector._entered``)
ENTERS_MARK = "__enters__"
# ``<Class>.@factories``: the classmethods of a class of the user's (its own or a user base's) whose every
# ``return`` is ``cls(...)``: ``X.with_defaults(...)`` is an instance of ``X`` (``Detector._factories``)
FACTORIES_MARK = "@factories"
# cross-file fact ``"<module>.<name>.__attrgetter__": "a.b"``: the module binds ``name`` to
# ``operator.attrgetter("a.b")``, so ``name(obj)`` elsewhere reads ``obj.a.b``
GETTER_MARK = "__attrgetter__"
# cross-file fact ``"<module>.<name>.__forwards__": "<value>|<member>,<member>..."``: the module binds
# ``name`` once to an instance of one of its classes whose ``__getattr__`` forwards every other
# attribute to ``self.<x>`` (``return getattr(self.repo, item)``), ``<value>`` being what ``self.<x>`` is
# and the members the class has itself following (``Detector._forwarded``)
FORWARDS_MARK = "__forwards__"
# cross-file fact ``"<module>.<name>.__table__": "table"``: the module gives ``name`` by its PEP 562
# ``__getattr__`` from a ``(module, name)`` pair of a table (``star_all.table_exports``): a rename is
# fixed in the pair, the key stays, so ``module.name`` elsewhere is judged as an import of it is
TABLE_MARK = "__table__"


def mixin_facts_of(project: Optional[Dict[str, str]], module_name: str) -> Iterator[Tuple[str, str, str]]:
    """``(class name, zenml base, members)`` of each ``MIXIN_MARK`` fact about a class of the module ``module_name``."""
    mark = "." + MIXIN_MARK
    for key, value in (project or {}).items():
        if key.endswith(mark) and value.count(">") == 2:
            where, base, members = value.split(">")
            module, _, name = where.partition(":")
            if module_name and (module_name == module or module_name.endswith("." + module)):
                yield name, base, members
# a line that may hold one; searched in ``Detector.text`` (``[^\S\r\n]``: no match runs across a line end)
_PATCH_CALL = re.compile(r"(?<![\w])(?:patch|patch\.object|setattr|delattr)[^\S\r\n]*\(")
# the codemod that renames names where they are bound: a name another project module exports
# is renamed there (keeping its name, see ``Detector.used_elsewhere``), not where it is used
_RENAMES = "renames:RenameSymbols"
_MOVED_CALL = "post_execution:PostExecution"  # a method call moved to a 0.20 function, its arguments kept
# members of values a 0.20 API gives that are plain builtins (api013.BUILTIN_TYPES): checked too
_BUILTIN_VALUES = tuple(p + "()." for p in api013.BUILTIN_TYPES)
# a user-annotated container of zenml values (``Detector._container``): its items, or a mapping's
# values, after the mark (no zenml path starts so: no rule or safety net reads it as one)
ITEMS, VALUES = "<items>", "<values>"
_CONTAINERS = {
    **dict.fromkeys(("List", "list", "Sequence", "MutableSequence", "Iterable", "Iterator", "Collection", "Set", "set",
                     "FrozenSet", "frozenset", "AbstractSet", "MutableSet", "Deque", "deque"), "items"),
    **dict.fromkeys(("Tuple", "tuple"), "tuple"),
    **dict.fromkeys(("Dict", "dict", "Mapping", "MutableMapping", "OrderedDict", "DefaultDict", "defaultdict"), "mapping"),
}
# what a BasePipeline subclass's path says about its ``run`` (kept between the class and ``+``, so
# it passes to instances and subclasses, in this file and through the cross-file facts):
# ``...BasePipeline~run+`` defines ``run`` itself (in its body or a base class we can see: the
# user's own signature decides, no rule on ``BasePipeline().run`` applies); ``...BasePipeline~?+``
# has a base class we cannot see before the zenml one (it may define ``run``). See ``plain``.
OWN_RUN, UNSEEN_BASE = "~run", "~?"
_PIPELINE_HEAD = api013.PIPELINE_CLASS[:-1]
_NO_RUN_BASES = {"object", "ABC", "Generic", "Protocol"}  # base classes known not to define ``run``


WHOLE_CALL = 0  # in ``RuleIndex.call_covered``: a rule explains the whole call (no object has id 0)


class RuleIndex:
    """The selected rules, indexed by what the walk can look up in O(1)."""

    def __init__(self, rules: Iterable[Rule]):
        self.rules = list(rules)
        self.exact: Dict[str, List[Tuple[Rule, Ref]]] = {}
        self.prefix: Dict[str, List[Tuple[Rule, Ref]]] = {}
        self.spelled_exact: Dict[str, List[Tuple[Rule, Ref]]] = {}
        self.spelled_prefix: Dict[str, List[Tuple[Rule, Ref]]] = {}
        self.kwargs: Dict[Tuple[str, str], List[Tuple[Rule, Kwarg]]] = {}
        self.strings: Dict[str, List[Rule]] = {}
        self.calls: Dict[str, List[Tuple[Rule, CallCheck]]] = {}
        self.call_checks: List[CallCheck] = []
        self.module_checks: List[Tuple[Rule, ModuleCheck]] = []  # run on the whole module after the walk
        nets: Dict[str, List[Rule]] = {}  # the built-in safety nets (``Net`` matchers) the walk runs
        self._coverage: Optional["RuleIndex"] = None
        self._sources: Optional[Dict[str, List[str]]] = None
        self._lookup: Optional[tuple] = None
        self._renamed: Dict[Tuple[bool, str], List[str]] = {}  # renamed_from/renamed_to answers (a path recurs in every file)
        self._refs: Dict[Tuple[str, str], Tuple[Rule, ...]] = {}
        self._instance_reads: Dict[Tuple[str, str], frozenset] = {}
        self._checks: Dict[str, tuple] = {}
        self._field_renames: Optional[Dict[str, List[Dict[str, str]]]] = None  # renamed_keyword's table
        for rule in self.rules:
            for m in rule.match:
                if isinstance(m, Ref):
                    table = (
                        (self.spelled_prefix if m.prefix else self.spelled_exact)
                        if m.spelled
                        else (self.prefix if m.prefix else self.exact)
                    )
                    for name in m.names:
                        table.setdefault(name, []).append((rule, m))
                elif isinstance(m, Kwarg):
                    for callee in m.callees:
                        for kw in m.keywords:
                            self.kwargs.setdefault((callee, kw), []).append((rule, m))
                elif isinstance(m, StrLit):
                    for v in m.values:
                        self.strings.setdefault(v, []).append(rule)
                elif isinstance(m, ModuleCheck):
                    self.module_checks.append((rule, m))
                elif isinstance(m, Net):
                    nets.setdefault(m.kind, []).append(rule)
                elif isinstance(m, CallCheck):
                    self.call_checks.append(m)
                    for callee in m.callees:
                        self.calls.setdefault(callee, []).append((rule, m))
        first = lambda kind: nets.get(kind, [None])[0]  # noqa: E731
        self.safety_net: Optional[Rule] = first("names")  # rules/safety_net.py
        self.legacy_net: Optional[Rule] = first("moved_modules")  # rules/legacy.py
        self.member_net: Optional[Rule] = first("members")  # rules/signatures.py
        # a read on a zenml component base of a field a ported class moves (rules/ported_members.base_read): met
        # where the member net looks, and looked for there also when that net is not selected
        self.base_read_net: Optional[Rule] = first("base_reads")
        self.call_net: Dict[str, Rule] = {r.code: r for r in nets.get("calls", ())}  # by the code the signature check names

    def checks(self, rule: Rule) -> tuple:
        """Where the rule's fix does not apply to one occurrence (``migrate/scan/fix_checks.py``)."""
        found = self._checks.get(rule.code)
        if found is None:
            from zenml_migrate.scan.fix_checks import checks_of

            found = self._checks[rule.code] = checks_of(rule)
        return found

    def catalog(self) -> "RuleIndex":
        """The index of the whole catalog (selected or not): the safety nets stay quiet where
        any rule explains a use, even when that rule is ignored."""
        if self._coverage is None:
            from zenml_migrate.rules import all_rules

            catalog = all_rules()
            self._coverage = self if len(catalog) == len(self.rules) else rule_index(catalog)  # one for every selection
        return self._coverage

    def covered(self, raw: str, ctx: str) -> bool:
        """Does any rule of the whole catalog explain ``raw``, or the 0.13.2 spelling a catalog
        rename turned into it (``Client().x`` after ``Repository`` -> ``Client``)?"""
        catalog = self.catalog()
        return any(catalog.refs(path, ctx) for path in [raw] + catalog.renamed_from(raw))

    def _renames(self) -> Dict[str, List[str]]:
        """0.20 name a rename rule writes -> the names it renames (``zenml.client.Client`` ->
        ``[zenml.repository.Repository]``)."""
        if self._sources is None:
            self._sources = {}
            for rule in self.rules:
                # ``to``: every name the rule matches becomes it; ``renames``: one pair each (the
                # ``ResourceConfiguration`` of ZM106 is not its ``ByteUnit``)
                # (a matched name takes the pair of its last identifier, as renames:RenameSymbols does)
                renames = tuple(rule.arg("renames", ()) or ())
                by_last = {old.rsplit(".", 1)[-1]: new for old, new in renames}
                pairs = set(renames)
                for name in (n for m in rule.match if isinstance(m, Ref) for n in m.names):
                    new = by_last.get(name.rsplit(".", 1)[-1]) or rule.arg("to")
                    if new:
                        pairs.add((name, new))
                for old, new in sorted(pairs):
                    if "(" not in old and "+" not in old:
                        self._sources.setdefault(new, []).append(old)
        return self._sources

    def renamed_from(self, path: str) -> List[str]:
        """``path`` with a 0.20 name that a rename rule writes replaced by the names it renames."""
        out = self._renamed.get((False, path))
        if out is None:
            by_new, _ = self._rename_lookup()
            found = sorted(by_new[p] for p in _member_prefixes(path) if p in by_new)  # in _renames() order
            out = self._renamed[(False, path)] = [old + path[len(new) :] for _, new, olds in found for old in olds]
        return out

    def renamed_to(self, path: str) -> List[str]:
        """``path`` with a name a rename rule renames replaced by its 0.20 name (the object the
        0.20 alias really gives: ``Repository()`` is a ``Client``, ``Repository`` the class ``Client``)."""
        out = self._renamed.get((True, path))
        if out is None:
            _, by_old = self._rename_lookup()
            found = sorted(e for p in (path, *_member_prefixes(path)) for e in by_old.get(p, ()))  # in _renames() order
            out = self._renamed[(True, path)] = [new + path[len(old) :] for _, _, old, new in found]
        return out

    def ported_where_used(self, value: str) -> bool:
        """Is ``value`` a zenml name (not a call's result) whose rule rewrites each of its uses
        (``Ref(..., each_use=True)``: ``@enable_mlflow`` on a step, under any alias)?"""
        if "(" in value or not value.startswith("zenml"):
            return False
        path = canonical(value)
        return any(
            m.each_use and path in m.names for rule in self.catalog().refs(path, "load") for m in rule.match if isinstance(m, Ref)
        )

    def renamed_keyword(self, owner: str, member: str) -> Optional[str]:
        """The 0.20 name of field ``member`` of the class ``owner`` (``X`` or ``X()``) when a rename
        rule that writes that class renames the keyword too (``DockerSettings().copy_profile``:
        ZM105 writes ``copy_global_config``), else None."""
        path = canonical(owner[:-2] if owner.endswith("()") else owner)
        if self._field_renames is None:  # per class a rename rule writes, each such rule's keyword pairs, in rule order
            table: Dict[str, List[Dict[str, str]]] = {}
            for rule in self.rules:
                written = [new for _, new in rule.arg("renames", ()) or ()] + [rule.arg("to")]
                pairs = dict(k for k in rule.arg("keywords", ()) or () if isinstance(k, tuple))
                for written_path in {canonical(n) for n in written if n}:
                    table.setdefault(written_path, []).append(pairs)
            self._field_renames = table
        for pairs in self._field_renames.get(path, ()):
            if pairs.get(member):
                return pairs[member]
        return None

    def _rename_lookup(self):
        """``_renames()`` keyed both ways, each entry with its place in ``_renames()`` order (a
        path is looked up by its prefixes instead of testing every rename: the ZM116 moves are
        hundreds)."""
        if self._lookup is None:
            by_new: Dict[str, tuple] = {}
            by_old: Dict[str, list] = {}
            for i, (new, olds) in enumerate(self._renames().items()):
                by_new[new] = (i, new, olds)
                for j, old in enumerate(olds):
                    by_old.setdefault(old, []).append((i, j, old, new))
            self._lookup = (by_new, by_old)
        return self._lookup

    def call_covered(self, canon: str, node: ast.Call, resolve) -> Set[int]:
        """Ids of the nodes of ``node`` (its keywords, itself) that a catalog rule flags. A rule
        without a fix that flags any part says the call as a whole changed (``Stack(...)``): then
        ``WHOLE_CALL`` is in the set too, and nothing else of it is the safety net's."""
        catalog = self.catalog()
        out: Set[int] = set()
        whole = False
        for kw in node.keywords:
            if kw.arg is not None:
                for rule, matcher in catalog.kwargs.get((canon, kw.arg), ()):
                    if matcher.when is None or matcher.when(kw.value):
                        out.add(id(kw))
                        whole = whole or rule.fix_value is None
        for rule, check in catalog.calls.get(canon, ()):
            if check.pre is None or check.pre(node):
                for target in check.when(node, resolve) or ():
                    out.add(id(target))
                    whole = whole or rule.fix_value is None
                    if target is node.func:
                        out.add(id(node))
        if whole:
            out.add(WHOLE_CALL)
        return out

    def refs(self, raw: str, ctx: str) -> List[Rule]:
        """The rules whose ``Ref`` matches ``raw`` in ``ctx`` (memoised: a scan asks about the
        same few hundred paths in every file)."""
        found = self._refs.get((raw, ctx))
        if found is None:
            if len(self._refs) > 100_000:
                self._refs.clear()
            found = self._refs[(raw, ctx)] = tuple(self._find_refs(raw, ctx))
        return list(found)

    def instance_reads(self, raw: str, ctx: str) -> Set[str]:
        """Codes of the rules of ``refs(raw, ctx)`` that match ``raw`` only as a removed module's
        prefix through a call (``zenml.runtime_configuration.RuntimeConfiguration()`` and its
        ``.run_name``: an object of a class the module had, or a member read of one)."""
        found = self._instance_reads.get((raw, ctx))
        if found is None:
            if len(self._instance_reads) > 100_000:
                self._instance_reads.clear()
            elsewhere = {r.code for r in self._find_refs(raw, ctx, instances=False)}
            found = self._instance_reads[(raw, ctx)] = frozenset(r.code for r in self.refs(raw, ctx) if r.code not in elsewhere)
        return set(found)

    def _find_refs(self, raw: str, ctx: str, instances: bool = True) -> List[Rule]:
        out = []
        raw = plain(raw)
        canon = canonical(raw)
        for table, path in ((self.exact, canon), (self.spelled_exact, raw)):
            for rule, ref in table.get(path, ()):
                if _ctx_matches(ref.ctx, ctx):
                    out.append(rule)
        for table, path in ((self.prefix, canon), (self.spelled_prefix, raw)):
            if not table:
                continue
            p = path
            while p:
                for rule, ref in table.get(p, ()):
                    if _ctx_matches(ref.ctx, ctx) and (instances or "(" not in path[len(p) :]):
                        out.append(rule)
                cut = max(p.rfind("."), p.rfind("("))
                p = p[:cut] if cut > 0 else ""
        return out


def _member_prefixes(path: str) -> Iterable[str]:
    """Every ``p`` with ``path == p + "." + ...`` or ``p + "(" + ...``."""
    for i, ch in enumerate(path):
        if ch == "." or ch == "(":
            yield path[:i]


def rule_index(rules: Sequence[Rule]) -> RuleIndex:
    """The index of ``rules``, built once per selection (scan, fix and the workers share it)."""
    return _cached_index(tuple(rules))


@lru_cache(maxsize=32)
def _cached_index(rules: Tuple[Rule, ...]) -> RuleIndex:
    return RuleIndex(rules)


class LazyNode:
    __slots__ = ("kind", "node", "scope", "extra")

    def __init__(self, kind, node, scope, extra=None):
        self.kind, self.node, self.scope, self.extra = kind, node, scope, extra


_MOCK_FACTORIES = ("create_autospec", "Mock", "MagicMock", "NonCallableMock", "NonCallableMagicMock")  # of unittest.mock
_MOCKER = "mocker"  # pytest-mock's fixture: ``mocker.MagicMock`` is ``unittest.mock.MagicMock``
_MOCK_MEMBERS = frozenset((  # members every ``unittest.mock`` mock has, that no zenml object has
    "return_value", "side_effect", "assert_called", "assert_called_once", "assert_called_with", "assert_called_once_with",
    "assert_any_call", "assert_has_calls", "assert_not_called", "call_args", "call_args_list", "call_count", "called",
    "mock_calls", "method_calls", "reset_mock", "configure_mock", "attach_mock", "mock_add_spec",
    "assert_any_await", "assert_awaited", "assert_awaited_once", "assert_awaited_once_with", "assert_awaited_with",
    "assert_has_awaits", "assert_not_awaited", "await_args", "await_args_list", "await_count",
))
_WITH = "with"  # the ``extra`` of an ``expr`` binding made by ``with EXPR as name``
_CLASSMETHOD = "classmethod"  # the ``extra`` of the ``self`` binding of a classmethod's first parameter


def _is_classmethod(func) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "classmethod" for d in func.decorator_list)


class _Fallback:
    """A binding made in an ``except ImportError`` branch (a compat shim's old spelling)."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


class Scope:
    __slots__ = ("bindings", "parent", "cache", "node", "members")

    def __init__(self, parent: Optional["Scope"], node: Optional[ast.AST] = None):
        self.parent = parent
        self.node = node  # the ``def`` whose scope this is (None for the module, a lambda, a comprehension)
        self.bindings: Dict[str, list] = {}
        self.cache: Dict[str, Optional[str]] = {}
        # ``e.view = Repository().get_pipeline("x")`` here: ``{("e", "view"): [value]}`` (``Detector._assigned_member``)
        self.members: Optional[Dict[Tuple[str, str], list]] = None

    def bind(self, name: str, value) -> None:
        self.bindings.setdefault(name, []).append(value)

    def bind_member(self, name: str, attr: str, value) -> None:
        if self.members is None:
            self.members = {}
        self.members.setdefault((name, attr), []).append(value)


def _answers(checks, node: ast.AST, site: "FixSite"):
    """The answers of ``checks`` in turn (a check may give several: a tuple), each asked only when
    the answers before it did not decline the fix."""
    for check in checks:
        answer = check(node, site)
        yield from answer if isinstance(answer, tuple) else (answer,)


class FixSite:
    """What a rule's ``fix_check(node, site)`` sees of a flagged occurrence: ``path`` (the name
    matched, for a ``Ref``), ``arg(key)`` (the rule's ``fix_args``), ``parent(node)``,
    ``resolve(expr)`` (an expression's path) and ``module`` (the statements walked)."""

    __slots__ = ("_detector", "path", "rule")

    def __init__(self, detector: "Detector", path: Optional[str], rule: Rule):
        self._detector, self.path, self.rule = detector, path, rule

    def arg(self, key: str, default=None):
        return self.rule.arg(key, default)

    def parent(self, node: ast.AST) -> Optional[ast.AST]:
        return self._detector.parent(node)

    def resolve(self, node: ast.AST) -> Optional[str]:
        value = self._detector.resolve(node)  # in the scope being walked
        return canonical(value) if value else None

    @property
    def module(self) -> ast.Module:
        """The whole module (not only the statements the scan walked)."""
        return self._detector.tree or self._detector._walked

    @property
    def detector(self) -> "Detector":
        """The detector itself, read only (what ``migrate/scan`` decided on its tables, e.g.
        ``component_port.planner_for(detector)``)."""
        return self._detector


class Detector(ast.NodeVisitor):
    """One file: walk once, report findings for every rule in the index."""

    def __init__(
        self,
        index: RuleIndex,
        path: str,
        lines: List[str],
        project: Optional[Dict[str, str]] = None,
        project_modules: Optional[Set[str]] = None,
        module_name: str = "",
        is_package: bool = False,
        target: Optional[str] = None,
    ):
        self.index = index
        self.target = target  # the release a fix writes for (``ScanContext.target``)
        self.path = path
        self.lines = lines
        self.project = project or {}
        self.project_modules = project_modules or set()
        self.module_name = module_name
        self.is_package = is_package
        self.findings: List[Finding] = []
        # may the module hold ``name := value``? (``detect`` sets it from the text the tree is parsed
        # from: no ``:=`` there, no walrus in the tree; ``collect`` then skips ``_walrus_targets``)
        self.walrus = True
        self.parsed = None  # the piecemeal parse of the text (``partial_parse.Parsed``; None: parsed whole)
        self.pending = False
        self.uses_zenml = False
        self.module_scope = Scope(None)
        self.scope = self.module_scope
        self._resolving: Set[int] = set()
        self._method_owner: Dict[int, ast.ClassDef] = {}  # id(def) -> the class it is a method of
        self._instance_values: Dict[Tuple[int, str], Optional[str]] = {}  # (id(class), attr) -> value of self.attr
        self._class_members_of: Dict[int, Optional[FrozenSet[str]]] = {}  # id(class) -> ``_class_members``
        self._factories_of: Dict[int, FrozenSet[str]] = {}  # id(class) -> ``_factories``
        self._forwards: Dict[Tuple[int, str], Optional[Tuple[str, Set[str]]]] = {}  # ``_class_forward``
        self._returned: Dict[Tuple[int, bool], Optional[str]] = {}  # (id(def), yielded) -> ``_returned_value``
        self._in_fallback = 0
        self._int_uses: Set[int] = set()
        self._dumped: Optional[Dict[int, Set[str]]] = None  # ``Detector._json_dumped``
        # id of a sort's ``key=`` lambda -> (what is sorted, the scope it is read in): ``_ordering_keys``
        self._lambda_items: Dict[int, Tuple[ast.expr, Scope]] = {}
        self._walked: Optional[ast.Module] = None
        self._used: Optional[Set[str]] = None  # ``used_keys``: the project facts do not change during one file
        self.tree: Optional[ast.Module] = None  # the whole module (``file_scan.detect`` sets it)
        self._parents: Optional[Dict[ast.AST, ast.AST]] = None
        self._tested: Optional[FrozenSet[str]] = None  # ``_tested_names``
        # span of a name read under ``not isinstance(x, Repository)`` -> span of that ``Repository``: what
        # the read is judged as until the rename makes the test rule it out (``resolved_with``)
        self.repository_guards: Dict[Span, Span] = {}
        self._project_used: Set[str] = set()  # keys of ``project`` this file resolved
        self.asked_used: Set[str] = set()  # names ``used_elsewhere`` said no to (``ASKED_MARK``)
        self._dynamic: Set[int] = set()  # ids of calls spelling a zenml name as a string (``getattr``, ``Enum["NAME"]``)
        # attribute reads ``_each_item`` reported (span of the read -> every value it reads the attribute of)
        self.read_on: Dict[Span, List[str]] = {}
        # (rule code, span) of the findings a rule's ``StrLit`` gave: a string value, which raises
        # nothing when it is evaluated (``os.environ.get("ZENML_PROFILE_NAME")``): ZM461 never
        # counts it as code that fails at import (``scan/import_time.py``)
        self.literal_findings: Set[Tuple[str, Span]] = set()
        self._annotation = 0  # > 0 while an annotation is walked (its strings are type expressions)
        self._quoted: Set[int] = set()  # ids of the nodes read from inside a string annotation
        self._may_mock: Optional[bool] = None  # ``may_mock``
        self._mocked: Set[int] = set()  # ids of the member reads of a mock specced with a zenml class (``_mock_spec``)
        self._mixed: Set[int] = set()  # ids of the member reads on ``self`` of a mixin class (``_mixed_into``)
        self._mixins: Optional[Dict[str, Tuple[str, FrozenSet[str]]]] = None  # ``_mixed_into``, computed once
        self._quoted_exprs: Dict[int, ast.expr] = {}  # id(string constant) -> the expression it holds
        self._pair_renamed: Set[int] = set()  # ids of module-import calls rewritten with their names (``_string_pair``)
        self._stored: Optional[Set[str]] = None  # attribute names the module assigns (``_stored_attributes``)
        self._has_getters: Optional[bool] = None  # ``_attrgetter_chain``: ``operator`` imported (when first asked)
        self.stdlib_names: Dict[str, str] = {}  # local name -> ``functools`` / ``functools.partial`` (scan/splat_keywords.py)
        self.splats: Set[Tuple[str, str]] = set()  # (dict origin, zenml callable) given as ``**`` here
        self.splat_written: Set[Tuple[int, str]] = set()  # (id of a dict / key node, callable) judged where written
        self.splat_clash: Set[str] = set()  # origins of dicts given with ``settings=`` / another ``**`` (no fold)
        self._dict_facts: Optional[Dict[str, str]] = None  # ``dict_facts()``
        self.project_stars: List[str] = []  # project modules this one re-exports with ``from M import *``
        self._patch_targets: Optional[List[Tuple[ast.expr, str, str]]] = None  # ``patch_targets``
        self._gates: Optional[Gates] = None  # ``dead_branch``: the version gates of the file
        self._calls: Optional[Dict[str, Optional[list]]] = None  # ``_module_calls``
        self._site_scopes: Dict[int, Scope] = {}  # ``_site_scope``
        self._call_sites: Dict[Tuple[int, int], Optional[LazyNode]] = {}  # ``_call_site_arg``
        self._gate_scope: Optional[Scope] = None  # the scope a gate's names are looked up in
        # (id(scope), name) -> a bool flag set in code 0.20 never runs (``_flag``): its value, runs on 0.13.2, line
        self._flags: Dict[Tuple[int, str], Tuple[bool, bool, ast.Constant]] = {}
        self.star_bound: Set[str] = set()  # names bound only by those star imports (``_bind_project_stars``)
        self._text: Optional[str] = None  # ``text``
        self.pytest_fixtures: Optional[Dict[str, LazyNode]] = None  # ``pytest_fixtures.module_fixtures``

    @property
    def text(self) -> str:
        """The text ``lines`` were split from (``file_scan.detect`` sets it; else they are joined
        now): a word without a line end is in it when it is in some line, tested by one search
        instead of a Python loop over the lines."""
        if self._text is None:
            self._text = "\n".join(self.lines)
        return self._text

    @text.setter
    def text(self, text: str) -> None:
        self._text = text

    @property
    def tree(self) -> Optional[ast.Module]:
        """The whole module. When the scan parsed only the statements it walks
        (``file_scan.parse_pruned``), the rest is parsed now, into the same module object."""
        if self._rest is not None:
            rest, self._rest = self._rest, None
            self._tree.body = rest()
            self._parents = None  # mapped on the statements walked: map again
        return self._tree

    @tree.setter
    def tree(self, module: Optional[ast.Module]) -> None:
        self._tree, self._rest = module, None

    def parse_rest_later(self, walked: ast.Module, rest: Callable[[], List[ast.stmt]]) -> None:
        """The module is ``walked`` (the statements the scan walks) until ``tree`` is read:
        then ``rest()`` gives every module-level statement."""
        self._tree, self._rest = walked, rest

    def statements_holding(self, word: str) -> Optional[List[ast.stmt]]:
        """Every module-level statement in order, or at least every one whose text may hold
        ``word``: a piecemeal parse parses only the unparsed statements that spell it
        (``Parsed.holding``); None when the module has no tree."""
        if self._rest is not None:
            return self.parsed.holding(word)
        return self._tree.body if self._tree is not None else None

    def top_level(self) -> Optional[ast.Module]:
        """The module as parsed so far, without parsing the rest: every statement the scan
        walked (every module-level import among them); the whole module once ``tree`` was read.
        For the checks that look at module-level imports or at the statements of findings."""
        return self._tree

    # ----------------------------------------------------------------- bindings
    def collect(self, body: List[ast.stmt], scope: Scope, fallback: bool = False) -> None:
        for stmt in body:
            if self.walrus:
                for target, value in _walrus_targets(stmt):  # ``if (run := view.get_run(n)) is not None:``
                    scope.bind(target, LazyNode("expr", value, scope))
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                scope.bind(stmt.name, LazyNode("def", stmt, scope))
            elif isinstance(stmt, ast.ClassDef):
                scope.bind(stmt.name, LazyNode("class", stmt, scope))
            elif isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    self._bind_import(scope, alias, fallback)
            elif isinstance(stmt, ast.ImportFrom):
                module = self._absolute_module(stmt)
                for alias in stmt.names:
                    self._bind_from(scope, module, alias, fallback)
            elif isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    self._bind_target(scope, target, stmt.value)
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                if stmt.value is not None:
                    scope.bind(stmt.target.id, LazyNode("expr", stmt.value, scope))
                scope.bind(stmt.target.id, LazyNode("ann", stmt.annotation, scope))
            elif isinstance(stmt, (ast.For, ast.AsyncFor)):
                for name, items_of in _loop_targets(stmt.target, stmt.iter):
                    scope.bind(name, LazyNode("iter", items_of, scope))
                self.collect(stmt.body, scope, fallback)
                self.collect(stmt.orelse, scope, fallback)
            elif isinstance(stmt, (ast.With, ast.AsyncWith)):
                for item in stmt.items:
                    if isinstance(item.optional_vars, ast.Name):
                        scope.bind(item.optional_vars.id, LazyNode("expr", item.context_expr, scope, _WITH))
                self.collect(stmt.body, scope, fallback)
            elif isinstance(stmt, (ast.If, ast.While)):
                if isinstance(stmt, ast.If) and _exits(stmt.body) and not stmt.orelse:
                    self._narrow(scope, _not_isinstance(stmt.test))  # ``if not isinstance(x, C): raise``
                dead = self.dead_branch(stmt, scope) if isinstance(stmt, ast.If) else None
                truth = self._gates.truth(stmt.test) if dead is not None else None
                if truth is not None and truth[2] is not None:  # ``LEGACY = False / if <gate>: LEGACY = True``: a gate too
                    self._flag(scope, stmt.body if dead == "body" else stmt.orelse, truth[2] == (dead == "body"))
                if dead != "body":  # the branch of a version gate that 0.20 never runs binds nothing there
                    self.collect(stmt.body, scope, fallback)
                if dead != "orelse":
                    self.collect(stmt.orelse, scope, fallback)
                if dead is not None and _exits(stmt.orelse if dead == "body" else stmt.body):
                    break  # ``live_statements``
            elif isinstance(stmt, ast.Assert):
                self._narrow(scope, _isinstance_tests(stmt.test))
            elif isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
                live = self._live_try(stmt)
                self.collect(live, scope, fallback)
                for handler in stmt.handlers:  # a shim's old spelling, unless it is written the other way round
                    if live is stmt.body and self._never_runs(stmt, handler):  # ``ZENML_020 = False`` there: a gate
                        imports = [s for s in stmt.body if isinstance(s, (ast.Import, ast.ImportFrom))]
                        self._flag(scope, handler.body, new_spelling(imports))
                    self.collect(handler.body, scope, fallback or (_catches_import_error(handler) and live is stmt.body))
                self.collect(stmt.orelse, scope, fallback)
                self.collect(stmt.finalbody, scope, fallback)

    def _never_runs(self, node: ast.Try, handler: ast.ExceptHandler) -> bool:
        """Does 0.20 never run ``handler``: it catches ImportError and its ``try`` only imports
        names both 0.20 releases have (and binds constants)?"""
        return (
            _catches_import_error(handler) and all(_only_binds(stmt) for stmt in node.body)
            and not try_can_fail(node.body, self._absolute_module)
        )

    def _flag(self, scope: Scope, body: List[ast.stmt], on_0132: bool) -> None:
        """``NAME = True/False`` in ``body``, code 0.20 never runs (``on_0132``: 0.13.2 runs it):
        if NAME is otherwise bound only to the other constant before it, NAME is a version gate
        (``_gate_name``)."""
        for stmt in body:
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Constant) and (
                isinstance(stmt.value.value, bool) or stmt.value.value is None
            ):  # ``HAS_CLIENT = False``, or a sentinel: ``DockerSettings = None``
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        self._flags[(id(scope), target.id)] = (stmt.value.value, on_0132, stmt.value)

    def _flag_truth(self, scope: Scope, name: str) -> Optional[Tuple[bool, ...]]:
        """The truth on 0.20.0, 0.20.5, 0.13.2 of a flag (``_flag``) whose bindings that 0.20 runs
        are all the other constant, made before the flag is set."""
        flag = self._flags.get((id(scope), name))
        if flag is None:
            return None
        value, on_0132, node = flag
        live = [b for b in scope.bindings.get(name, ()) if not isinstance(b, _Fallback) and getattr(b, "node", None) is not node]
        if value is None:
            # ``X = None`` where 0.20 never runs it: X is what the ``try:`` imported from zenml (truthy,
            # not None) on 0.20, None on 0.13.2 when 0.13.2 runs the handler; ``X is not None``,
            # ``X is None`` and ``if X:`` read the same truths on 0.20 (version_gate: ``is``/``is not``)
            if not live or not all(isinstance(b, str) and b.startswith("zenml") for b in live):
                return None
            return (True, True, not on_0132)
        if not live or not all(
            isinstance(b, LazyNode) and b.kind == "expr" and isinstance(b.node, ast.Constant)
            and b.node.value is (not value) and b.node.lineno < node.lineno for b in live
        ):
            return None
        return (not value, not value, value if on_0132 else not value)

    def _narrow(self, scope: Scope, tests: List[Tuple[str, ast.expr]]) -> None:
        """``assert isinstance(x, C)`` (or ``if not isinstance(x, C): raise ...``) in a function:
        ``x`` is a C there, before any other value the function gives it (``isinstance`` not rebound)."""
        if tests and not self._bound("isinstance", scope):
            for name, cls in tests:
                scope.bindings.setdefault(name, []).insert(0, LazyNode("ann", cls, scope))

    def _bind_target(self, scope: Scope, target: ast.expr, value: ast.expr) -> None:
        if isinstance(target, ast.Name):
            scope.bind(target.id, LazyNode("expr", value, scope))
        elif isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
            scope.bind_member(target.value.id, target.attr, LazyNode("expr", value, scope))
        elif _same_shape(target, value):  # ``older, newer = view.runs[-2], view.runs[-1]``
            for part, part_value in zip(target.elts, value.elts):
                self._bind_target(scope, part, part_value)
        elif isinstance(target, (ast.Tuple, ast.List)) and all(
            isinstance(e, ast.Name) or isinstance(e, ast.Starred) and isinstance(e.value, ast.Name) for e in target.elts
        ):
            # ``first, *rest = view.runs``: a name is an item of what is unpacked (as a loop's
            # target: nothing when its items are not known), a starred name is not known
            starred = any(isinstance(e, ast.Starred) for e in target.elts)
            for i, e in enumerate(target.elts):
                if isinstance(e, ast.Starred):
                    scope.bind(e.value.id, None)
                else:  # ``repo, name = load()``: also the i-th item of the tuple ``load`` returns (``_unpacked``)
                    scope.bind(e.id, LazyNode("iter", value, scope, None if starred or not isinstance(value, ast.Call) else i))

    def _bind_import(self, scope: Scope, alias: ast.alias, fallback: bool) -> None:
        name = alias.name
        if name in ("functools", "importlib", "contextlib", "operator", "typing", "abc", "dataclasses", "pytest", "asyncio", "json",
                    "itertools") or name in _CACHING_MODULES:
            self.stdlib_names[alias.asname or name] = name
        elif name in ("unittest.mock", "mock") and (alias.asname or name == "mock"):  # ``mock``: the backport
            self.stdlib_names[alias.asname or name] = "unittest.mock"
        if alias.asname:
            value = self._module_value(name)
            if value is not None:
                self._bind_value(scope, alias.asname, value, fallback)
        else:
            top = name.split(".")[0]
            value = self._module_value(top)
            if value is not None:
                self._bind_value(scope, top, value, fallback)

    def _bind_from(self, scope: Scope, module: str, alias: ast.alias, fallback: bool) -> None:
        if alias.name == "*":
            if module.startswith("zenml"):
                from zenml_migrate.scan.zenml_index import legacy_names_of, zenml013

                for name in list(zenml013().get(module, {})) or legacy_names_of(module):
                    if not name.startswith("_"):
                        self._bind_value(scope, name, f"{module}.{name}", fallback)
            elif self._is_project_module(module) and scope is self.module_scope:
                self.project_stars.append(module)
                self.pending = True  # its names are the facts of that module: known in the later rounds
            return
        local = alias.asname or alias.name
        if module == "functools" and alias.name == "partial":
            self.stdlib_names[local] = "functools.partial"
        elif module == "unittest" and alias.name == "mock":
            self.stdlib_names[local] = "unittest.mock"
        elif module in ("unittest.mock", "mock") and alias.name in _MOCK_FACTORIES:
            self.stdlib_names[local] = f"unittest.mock.{alias.name}"
        elif (module, alias.name) in _KEEPS_RETURN or (module, alias.name) in _CONTEXT_MANAGERS:
            self.stdlib_names[local] = f"{module}.{alias.name}"
        elif module == "importlib" and alias.name in ("import_module", "__import__"):
            self.stdlib_names[local] = f"importlib.{alias.name}"
        elif module == "operator" and alias.name in ("attrgetter", "methodcaller"):
            self.stdlib_names[local] = f"operator.{alias.name}"
        elif (module, alias.name) in _MARKED_STDLIB or (module, alias.name) == ("pytest", "fixture"):
            self.stdlib_names[local] = f"{module}.{alias.name}"
        elif in_zenml(module):
            self._bind_value(scope, local, f"{module}.{alias.name}", fallback)
        elif self._is_project_module(module):
            self._bind_value(scope, local, LazyNode("project", None, scope, f"{module}.{alias.name}"), fallback)

    def _bind_value(self, scope: Scope, name: str, value, fallback: bool) -> None:
        scope.bind(name, _Fallback(value) if fallback else value)

    def _module_value(self, module: str):
        if in_zenml(module):
            return module
        if self._is_project_module(module):
            return LazyNode("project", None, None, module)
        return None

    def _is_project_module(self, module: str) -> bool:
        return module in self.project_modules

    def _absolute_module(self, node: ast.ImportFrom) -> str:
        if not node.level:
            return node.module or ""
        base = relative_base(self.module_name, self.is_package, node.level)
        module = ".".join(p for p in (base, node.module) if p)
        self.project_modules.add(module)  # relative imports are always the project's own
        return module

    # ---------------------------------------------------------------- resolving
    def lookup(self, name: str, scope: Optional[Scope] = None) -> Optional[str]:
        scope = scope or self.scope
        while scope is not None:
            if name in scope.bindings:
                if name in scope.cache:
                    return scope.cache[name]
                value = fallback_value = None
                for binding in scope.bindings[name]:
                    is_fallback = isinstance(binding, _Fallback)
                    v = self._value_of(binding.value if is_fallback else binding)
                    if v is None:
                        continue
                    if not is_fallback:  # prefer the try-branch binding of a compat shim
                        value = v
                        break
                    if fallback_value is None:
                        fallback_value = v
                value = value if value is not None else fallback_value
                scope.cache[name] = value
                return value
            scope = scope.parent
        return None

    def _value_of(self, binding) -> Optional[str]:
        if binding is None or isinstance(binding, str):
            return binding
        key = id(binding)
        if key in self._resolving:
            return None
        self._resolving.add(key)
        try:
            return self._lazy_value(binding)
        finally:
            self._resolving.discard(key)

    def _lazy_value(self, b: LazyNode) -> Optional[str]:
        if b.kind == "expr":
            if b.extra is _WITH:  # ``with cm() as x``: what a @contextmanager function yields, else the value
                return self._entered(b.node, b.scope) or self.resolve(b.node, b.scope)
            if isinstance(b.node, ast.Lambda) and b.node.args.kwarg is not None and b.scope is self.module_scope:
                return splat.forwarding_value(self, splat.lambda_function(b.node), b.scope)  # ``lambda **kw: step(**kw)``
            return self.resolve(b.node, b.scope)
        if b.kind == "ann":
            node = _unwrap_optional(b.node)
            value = self.resolve(node, b.scope)
            if value is None and isinstance(node, ast.Name):  # ``MaybeContext = Optional[StepContext]``
                alias, where = self.assigned_node(node.id, b.scope)
                if _is_optional(alias) and id(alias) not in self._resolving:
                    self._resolving.add(id(alias))
                    try:
                        return self._value_of(LazyNode("ann", alias, where))
                    finally:
                        self._resolving.discard(id(alias))
            if value is None and isinstance(b.node, ast.Constant):  # ``"zenml.x.Y"``: a full path needs no import
                value = _zenml_path(node)
            return _instance(value) or self._container(node, b.scope)
        if b.kind == "iter":
            if b.extra is not None:
                unpacked = self._unpacked(b.node, b.extra, b.scope)
                if unpacked is not None:
                    return unpacked
            container = self.resolve(b.node, b.scope)
            if container is not None and not container.startswith(ITEMS) and _items(f"{container}.values") is not None:
                return None  # ``for name in step.outputs``: a mapping gives its keys
            return _items(container) or self._display_item(b.node, b.scope)
        if b.kind == "def":
            if not b.node.decorator_list and b.node.args.kwarg is not None and b.scope is self.module_scope:
                return splat.forwarding_value(self, b.node, b.scope)  # ``def my_step(**kw): return step(**kw)``
            values = [splat.callee_of(self.resolve(d.func if isinstance(d, ast.Call) else d, b.scope)) for d in b.node.decorator_list]
            for value in values:
                if value is not None and canonical(value) in api013.DECORATORS:
                    made = api013.DECORATORS[canonical(value)]
                    # zenml's members only when no decorator of the user's own may add some
                    if all(v is not None and v.startswith("zenml.") for v in values):
                        made = made[:-1] + api013.FUNCTION_MADE + "+"
                    return made
            if b.node.decorator_list:
                return None
            gives = (self._value_of(LazyNode("ann", b.node.returns, b.scope)) if b.node.returns is not None
                     else self._returned_value(b.node, b.scope))  # the function as a value: what calling it gives
            return CALLS_MARK + gives if gives is not None and gives.startswith(("zenml", CALLS_MARK)) else None
        if b.kind == "class":
            for i, base in enumerate(b.node.bases):
                value = self.resolve(base, b.scope)
                if value is not None and "(" not in value:
                    canon = canonical(value)
                    canon = canon if canon.endswith("+") else canon + "+"
                    canon = canon.replace(api013.FUNCTION_MADE + "+", "+")  # a subclass may define members
                    if canon.startswith(_PIPELINE_HEAD) and canon[len(_PIPELINE_HEAD) : len(_PIPELINE_HEAD) + 1] in "~+":
                        canon = _PIPELINE_HEAD + self._run_mark(b.node, b.node.bases[:i], b.scope, canon) + "+"
                    return canon
            return None
        if b.kind == "project":
            return self._project_value(b.extra)
        if b.kind == "self":
            value = self._self_instance(b.node, b.scope)
            if b.extra == _CLASSMETHOD and value is not None and value.endswith("()") and self._mixed_into(b.node) is not None:
                return value[:-2]  # ``cls`` of a mixin's classmethod: the class mixing it in
            return value
        if b.kind in ("fixture", pytest_fixtures.OVERRIDDEN):
            return pytest_fixtures.fixture_value(self, b.extra, b.node, b.scope, above=b.kind != "fixture")
        return None

    def _self_instance(self, cls: ast.ClassDef, scope: Scope) -> Optional[str]:
        """``self`` in a method of ``cls``, a class of the user's that derives from a zenml class:
        an instance of it (``X+()``), so that ``self.<member>`` the class does not declare is the
        zenml base's member; nothing when a base the scan cannot see may declare more, or for a
        stack component class this run ports (what its methods read on ``self`` is the component
        port's: some of them move into the 0.20 config class, where ``self`` is the config), or has
        ported (the 0.20 shape: the port's TODOs name what is left). A component class in the 0.13.2
        shape with no port (nothing to move, no ``FLAVOR``, or left for a human) is an instance like
        any other: ``self.runtime_options`` is ZM004's."""
        if self._class_members(cls, scope, 0) is None:
            return None
        value = self._value_of(LazyNode("class", cls, scope))
        if value is None and self._mixed_into(cls) is not None:
            return _instance(self._mixed_into(cls)[0] + "+")  # a mixin: what the classes mixing it in are
        if value is None or not value.startswith("zenml"):
            return None
        from zenml_migrate.scan.component_port import looks_ported, planner_for

        planner = planner_for(self)
        if planner is not None and planner.classes.get(cls.name) is cls and planner.component_root(cls.name) and (
                cls.name in planner.plans and not planner.plans[cls.name].blocked or looks_ported(cls, planner.classes)):
            return None  # the port judges what its methods read (``ModulePlanner._gone_base_members``), and has (its TODOs)
        return _instance(value)

    def _own_members(self, expr: ast.expr, scope: Optional[Scope], depth: int = 0) -> Optional[FrozenSet[str]]:
        """The members the user's classes declare themselves between the value ``expr`` names (a
        class of the user's deriving from a zenml class, an instance of one, or ``self`` in its
        methods) and the zenml base (``_class_members``; another project module's class or
        instance: its ``OWN_MEMBERS_MARK`` fact). None when not known."""
        return self._of_class(expr, scope, depth, self._class_members, self._members_fact)

    def _declared(self, expr: ast.expr, scope: Optional[Scope], depth: int = 0) -> Optional[FrozenSet[str]]:
        """What the user's classes between the value ``expr`` names (as ``_own_members``) and the
        zenml base declare, overrides of zenml members included (``_own_members`` leaves those out);
        another project module's class or instance: its ``DECLARES_MARK`` fact. None when not known."""
        return self._of_class(expr, scope, depth, self._class_declared, self._declared_fact)

    def _of_class(self, expr: ast.expr, scope: Optional[Scope], depth: int, of_class, fact) -> Optional[FrozenSet[str]]:
        """``of_class(ClassDef, scope, depth)`` of the class of the user's the value ``expr`` names
        (the class, an instance of it, ``self`` in its methods), or ``fact(key)`` of another project
        module's class; None when not known."""
        if depth > 10:
            return None
        if isinstance(expr, ast.Call):  # ``ServeCfg(...)``
            return self._of_class(expr.func, scope, depth + 1, of_class, fact)
        if isinstance(expr, ast.Attribute):  # ``cfg.ServeCfg``: a project module's class
            owner = self.resolve(expr.value, scope)
            if owner is None or not owner.startswith(PROJECT_MODULE):
                return None
            return fact(f"{owner[len(PROJECT_MODULE):]}.{expr.attr}")
        if not isinstance(expr, ast.Name):
            return None
        bound = next((s.bindings[expr.id] for s in _chain(scope or self.scope) if expr.id in s.bindings), ())
        if len(bound) != 1 or not isinstance(bound[0], LazyNode):
            return None
        b = bound[0]
        if b.kind in ("class", "self"):
            return of_class(b.node, b.scope, depth)
        if b.kind in ("expr", "ann") and isinstance(b.node, (ast.Call, ast.Name, ast.Attribute)):
            return self._of_class(b.node, b.scope, depth + 1, of_class, fact)
        if b.kind == "project" and b.extra:
            return fact(b.extra)
        return None

    def _class_declared(self, cls: ast.ClassDef, scope: Optional[Scope], depth: int) -> Optional[FrozenSet[str]]:
        if cls.decorator_list or cls.keywords or depth > 10:
            return None
        names = _class_body_names(cls.body) | _class_body_names(cls.body, defs=True)
        assigned, opaque = _self_assigned(cls)
        if opaque or names & {"__getattr__", "__getattribute__"}:
            return None
        names |= assigned
        for base in cls.bases:
            value = self.resolve(base, scope)
            if value is not None and value.startswith("zenml") and "+" not in value:
                continue
            inherited = self._declared(base, scope, depth + 1) if value is not None else None
            if inherited is None:
                return None
            names |= inherited
        return frozenset(names)

    def _declared_fact(self, key: str) -> Optional[FrozenSet[str]]:
        fact = f"{key}.{DECLARES_MARK}"
        self._project_used.add(fact)  # its importers are scanned again when it changes (``cross_file.revisits``)
        value = self.project.get(fact)
        return None if value is None else frozenset(value.split(",")) - {""}

    def _factories(self, expr: ast.expr, scope: Optional[Scope], depth: int = 0) -> FrozenSet[str]:
        """The classmethods of the class ``expr`` names (a class of this file, or of another project
        module: its ``FACTORIES_MARK`` fact) that return ``cls(...)`` on every path, its user bases'
        included (not those its own body redefines otherwise)."""
        if isinstance(expr, ast.Attribute):  # ``splitters.RandomSplitter``
            owner = self.resolve(expr.value, scope)
            if owner is None or not owner.startswith(PROJECT_MODULE):
                return frozenset()
            return self._factories_fact(f"{owner[len(PROJECT_MODULE):]}.{expr.attr}")
        if not isinstance(expr, ast.Name) or depth > 10:
            return frozenset()
        bound = next((s.bindings[expr.id] for s in _chain(scope or self.scope) if expr.id in s.bindings), ())
        if len(bound) != 1 or not isinstance(bound[0], LazyNode):
            return frozenset()
        b = bound[0]
        if b.kind == "project" and b.extra:
            return self._factories_fact(b.extra)
        if b.kind != "class":
            return frozenset()
        key = id(b.node)
        if key not in self._factories_of:
            self._factories_of[key] = frozenset()  # a class deriving from itself has none
            own = {f.name for f in b.node.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and _returns_cls(f)}
            inherited = set().union(*(self._factories(base, b.scope, depth + 1) for base in b.node.bases)) if b.node.bases else set()
            self._factories_of[key] = frozenset(own | (inherited - _class_body_names(b.node.body, defs=True)))
        return self._factories_of[key]

    def _factories_fact(self, key: str) -> FrozenSet[str]:
        fact = f"{key}.{FACTORIES_MARK}"
        self._project_used.add(fact)  # its importers are scanned again when it changes (``cross_file.revisits``)
        return frozenset(self.project.get(fact, "").split(",")) - {""}

    def _members_fact(self, key: str) -> Optional[FrozenSet[str]]:
        fact = self.project.get(f"{key}.{OWN_MEMBERS_MARK}")
        return None if fact is None else frozenset(fact.split(",")) - {""}

    def _class_members(self, cls: ast.ClassDef, scope: Scope, depth: int) -> Optional[FrozenSet[str]]:
        """What ``cls`` and the classes of the user's it derives from declare (body names, what
        their methods assign on ``self``), down to their zenml bases; None when a base is neither
        (a class of another library may declare anything) or a decorator/metaclass may add some."""
        key = id(cls)
        if key in self._class_members_of:
            return self._class_members_of[key]
        self._class_members_of[key] = None  # a class that derives from itself declares nothing known
        if cls.decorator_list or cls.keywords or depth > 10:
            return None
        defined = _class_body_names(cls.body, defs=True)  # in the body's ``if``/``try`` blocks too, as the other names
        if defined & {"__getattr__", "__getattribute__"}:
            return None  # members made on demand (review18 G4)
        names = _class_body_names(cls.body) - defined
        uses = set(defined)  # an override or a write on ``self`` of a member the zenml base has is a use of it
        for method in _methods(cls):
            params = list(method.args.posonlyargs) + list(method.args.args)
            me = params[0].arg if params else None
            if any(_sets_members_of(n, me) for n in walk_nodes(method)):
                return None  # ``setattr(self, key, value)``, ``self.__dict__.update(...)``: not knowable
            uses.update(
                n.attr for n in walk_nodes(method)
                if isinstance(n, ast.Attribute) and isinstance(n.ctx, (ast.Store, ast.Del))
                and isinstance(n.value, ast.Name) and n.value.id == me
            )
        zenml_base = False
        for base in cls.bases:
            value = self.resolve(base, scope)
            if value is not None and value.startswith("zenml"):
                root = value.rstrip("+")
                uses -= {name for name in uses if self._zenml_member(root, name)}
            if value is not None and value.startswith("zenml") and "+" not in value:
                zenml_base = True
                continue
            inherited = self._own_members(base, scope, depth + 1) if value is not None and "+" in value else None
            if inherited is None:
                if last_name(base) in _NO_INIT_BASES:
                    continue
                return None
            zenml_base = True
            names |= inherited
        mixed = self._mixed_into(cls) if not zenml_base and not cls.bases else None
        if mixed is not None:  # a mixin: what it declares and what the classes mixing it in declare
            zenml_base, names = True, names | mixed[1]
        found = frozenset(names | uses) if zenml_base else None
        self._class_members_of[key] = found
        return found

    def _mixed_into(self, cls: ast.ClassDef) -> Optional[Tuple[str, FrozenSet[str]]]:
        """``(zenml class, members)`` when the module-level class ``cls`` (no bases of its own) is a
        mixin every class deriving from it (in this module, or in another: their ``MIXIN_MARK``
        facts) derives from the same zenml class too: that class, and what the classes mixing it in
        declare themselves. None otherwise."""
        if self._mixins is None:
            found: Dict[str, Set[Tuple[str, FrozenSet[str]]]] = {}
            for name, base, members in mixin_facts_of(self.project, self.module_name):
                found.setdefault(name, set()).add((base, frozenset(members.split(",")) - {""}))
            for name, base, members in self._local_mixins():
                found.setdefault(name, set()).add((base, members))
            self._mixins = {
                name: (next(iter(bases)), frozenset().union(*(m for _, m in pairs)))
                for name, pairs in found.items() for bases in [{b for b, _ in pairs}] if len(bases) == 1
            }
        if cls.name not in self._mixins or not any(stmt is cls for stmt in self._module_body()):
            return None
        return self._mixins[cls.name]

    def _mixing_classes(self) -> Iterator[Tuple[ast.ClassDef, str, List[ast.expr]]]:
        """``(class, zenml base, its other bases)`` of the module-level classes deriving from a zenml
        class (one, a class and no instance) and from other classes before it."""
        for stmt in self._module_body():
            if not isinstance(stmt, ast.ClassDef) or len(stmt.bases) < 2 or stmt.keywords:
                continue
            values = [self.resolve(b, self.module_scope) for b in stmt.bases]
            zenml = [v for v in values if v is not None and v.startswith("zenml") and "(" not in v]
            if len(zenml) == 1:
                others = [b for b, v in zip(stmt.bases, values) if v is None and isinstance(b, ast.Name)]
                yield stmt, canonical(zenml[0]).rstrip("+"), others

    def _module_body(self) -> List[ast.stmt]:
        """The module-level statements the scan walked (no parse of the rest: ``top_level``)."""
        module = self.top_level() or self._walked
        return list(module.body) if module is not None else []

    def _local_mixins(self) -> Iterator[Tuple[str, str, FrozenSet[str]]]:
        """``(mixin name, zenml base, members)`` for the classes of this module mixed into a class of it."""
        for cls, base, others in self._mixing_classes():
            own = frozenset(_class_body_names(cls.body) | _class_body_names(cls.body, defs=True))
            for other in others:
                bound = self.module_scope.bindings.get(other.id, ())
                if len(bound) == 1 and isinstance(bound[0], LazyNode) and bound[0].kind == "class":
                    yield other.id, base, own

    def mixin_facts(self) -> Dict[str, str]:
        """``MIXIN_MARK`` facts: the classes of other project modules this module's classes mix in."""
        out = {}
        for cls, base, others in self._mixing_classes():
            own = ",".join(sorted(_class_body_names(cls.body) | _class_body_names(cls.body, defs=True)))
            for other in others:
                bound = self.module_scope.bindings.get(other.id, ())
                if len(bound) == 1 and isinstance(bound[0], LazyNode) and bound[0].kind == "project" and bound[0].extra:
                    module, _, name = bound[0].extra.rpartition(".")
                    out[f"{bound[0].extra}.{cls.name}.{MIXIN_MARK}"] = f"{module}:{name}>{base}>{own}"
        return out

    def _on_mixin_self(self, name: ast.Name) -> bool:
        """Is ``name`` the ``self`` of a method of a mixin class (``_mixed_into``)?"""
        bound = self.bindings_of(name.id) or ()
        return len(bound) == 1 and isinstance(bound[0], LazyNode) and bound[0].kind == "self" and \
            isinstance(bound[0].node, ast.ClassDef) and self._mixed_into(bound[0].node) is not None

    def _zenml_member(self, cls: str, name: str) -> bool:
        """``name`` is a member of the zenml class ``cls`` in a 0.20 release, or one a catalog rule
        explains (a 0.13.2 member 0.20 dropped): a user's method of that name overrides it, and a
        write on ``self`` sets it, so a read of it is still judged as the zenml member's (review18
        G1: ``Integration.flavors()``; G2: ``self.enable_cache = False`` on a ``BasePipeline``)."""
        if name.startswith("_"):
            return False
        from zenml_migrate.scan import zenml_signatures as sigs

        if sigs.has_member(cls, name):
            return True
        catalog = self.index.catalog()
        return any(catalog.refs(f"{owner}.{name}", ctx) for owner in (cls, f"{cls}()") for ctx in ("load", "store"))

    def _narrowed(self, node: ast.Name, scope: Optional[Scope]) -> Optional[str]:
        """``x``, a name with no value the scan knows, where an ``isinstance(x, C)`` or
        ``issubclass(x, C)`` test (C a zenml class) must be true (``guarded_reads.tests_true_at``:
        the body of its ``if``/``while``/conditional expression, a later operand of its ``and``):
        an instance of C or of a subclass (``C+()``), or such a class (``C+``), there."""
        name = node.id
        for test in guarded_reads.tests_true_at(node, self.parent):
            if self._rebound_since(node, test, scope):
                continue
            for func, cls in ((f, c) for f, n, c in _class_tests(test) if n == name):
                value = self.resolve(cls, scope)
                if self._bound(func, scope) or value is None or not value.startswith("zenml.") or "(" in value:
                    continue
                canon = canonical(value)
                if not canon.rsplit(".", 1)[-1][:1].isupper():
                    continue
                canon = canon if canon.endswith("+") else canon + "+"
                return _instance(canon) if func == "isinstance" else canon
        return None

    def _ruled_out(self, node: ast.Name, value: str, scope: Optional[Scope]) -> bool:
        """Is ``value`` (an instance of a zenml class C, or C itself) what ``x`` cannot be at
        ``node``: a ``not isinstance(x, C)`` (``not issubclass(x, C)``) test is true there (the
        body of ``if not isinstance(x, C):``, the ``else`` of ``if isinstance(x, C):``, after ``if
        isinstance(x, C): return``, ``isinstance(x, C) or x...``: ``guarded_reads.tests_true_at``)?"""
        for test in guarded_reads.tests_true_at(node, self.parent):
            if not (isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)):
                continue
            if self._rebound_since(node, test.operand, scope):
                continue  # ``if not isinstance(h, C): h = C()``: the read is of the new value
            for func, name, cls in _class_tests(test.operand, tuples=True):
                if name != node.id or self._bound(func, scope):
                    continue
                tested = self.resolve(cls, scope)
                if tested is None or not tested.startswith("zenml.") or "(" in tested:
                    continue
                head = canonical(tested).rstrip("+")
                if head + "()" == api013.REPOSITORY:
                    # ZenML 0.20's deprecated ``Repository()`` returns a ``Client``: no instance is one, until the
                    # rename to ``Client`` makes the test rule the client out
                    if canonical(value) in (api013.REPOSITORY, _CLIENT_INSTANCE):
                        self.repository_guards[self._span(node)] = self._span(cls)
                    continue
                if canonical(value) in ((head + "()", head + "+()") if func == "isinstance" else (head, head + "+")):
                    return True
        return False

    def _rebound_since(self, node: ast.Name, test: ast.expr, scope: Optional[Scope]) -> bool:
        """Is ``node``'s name bound again between ``test`` and ``node`` (in source order, in the
        nearest scope that binds it; an annotation or a narrowing is no new value)? Then what the
        test said of the name is not what it holds at ``node``. A binding in a branch that does not
        lead to ``node`` counts too: the test is then not used, as if there were none."""
        at = test if hasattr(test, "lineno") else test.operand  # ``not T`` of an ``else`` is made, without a place
        start, end = (at.lineno, at.col_offset), (node.lineno, node.col_offset)
        for s in _chain(scope or self.scope):
            if node.id in s.bindings:
                return any(
                    start < (b.node.lineno, b.node.col_offset) < end
                    for b in s.bindings[node.id]
                    if getattr(b, "kind", "ann") != "ann" and hasattr(getattr(b, "node", None), "lineno")
                )
        return False

    def _tested_names(self) -> FrozenSet[str]:
        """The names the file tests with ``isinstance``/``issubclass`` (computed once)."""
        if self._tested is None:
            tree = self._walked if self._walked is not None else self.tree
            self._tested = frozenset(
                n.args[0].id for n in walk_nodes(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                and n.func.id in ("isinstance", "issubclass") and n.args and isinstance(n.args[0], ast.Name)
            ) if tree is not None and any("isinstance(" in line or "issubclass(" in line for line in self.lines) else frozenset()
        return self._tested

    def _own_member(self, node: ast.Attribute, scope: Optional[Scope]) -> bool:
        """``node`` reads a member that the user's subclass of a zenml class declares itself."""
        members = self._own_members(node.value, scope)
        return members is not None and node.attr in members

    def _run_mark(self, node: ast.ClassDef, before: List[ast.expr], scope: Scope, inherited: str) -> str:
        """``OWN_RUN``, ``UNSEEN_BASE`` or "" for a BasePipeline subclass ``node``: its body, then
        the bases before the zenml one in MRO order (``before``), then what it inherits."""
        if _defines_run(node):
            return OWN_RUN
        for base in before:
            mark = self._base_run(base, scope, 0)
            if mark:
                return mark
        return inherited[len(_PIPELINE_HEAD) : -1]

    def _base_run(self, base: ast.expr, scope: Scope, depth: int) -> str:
        """What a base class the resolver does not follow (no zenml in it) says about ``run``."""
        if isinstance(base, ast.Subscript):  # Generic[T]
            base = base.value
        if isinstance(base, ast.Name) and depth < 20:
            bound = next((s.bindings[base.id] for s in _chain(scope) if base.id in s.bindings), ())
            local = next((b for b in bound if getattr(b, "kind", None) == "class"), None)
            if local is not None:  # a class of this file: we see its body and its bases
                if _defines_run(local.node):
                    return OWN_RUN
                return next((m for m in (self._base_run(b, local.scope, depth + 1) for b in local.node.bases) if m), "")
        spelled = base.attr if isinstance(base, ast.Attribute) else base.id if isinstance(base, ast.Name) else None
        return "" if spelled in _NO_RUN_BASES else UNSEEN_BASE

    def _project_value(self, key: str) -> Optional[str]:
        if key in self.project:
            self._project_used.add(key)
            return self.project[key]
        if key in self.project_modules:
            if self._may_be_reexported(key):
                self.pending = True
            return PROJECT_MODULE + key
        self.pending = True
        return None

    def _may_be_reexported(self, key: str) -> bool:
        """``from steps import trainer`` where ``steps/trainer.py`` holds ``trainer``: Python
        binds the package's attribute, which ``steps/__init__.py``'s ``from .trainer import
        trainer`` makes the step, not the submodule. Until the package's facts are known
        (phase A: none yet; later: the submodule has a fact under its own name and the package
        none) the value is the submodule, and the file is scanned again with the next facts."""
        package, _, name = key.rpartition(".")
        if not package or package not in self.project_modules:
            return False
        return not self.project or f"{key}.{name}" in self.project

    def resolve(self, node: ast.AST, scope: Optional[Scope] = None) -> Optional[str]:
        if isinstance(node, ast.Name):
            value = self.lookup(node.id, scope)
            if node.id not in self._tested_names():
                return value
            return self._narrowed(node, scope) if value is None else None if self._ruled_out(node, value, scope) else value
        if isinstance(node, ast.Attribute):
            base = self.resolve(node.value, scope)
            if base is None:
                if not isinstance(node.value, ast.Name):
                    return self._plain_instance_attribute(node, scope) or self._imported_instance_method(node, scope)
                return (self._instance_attribute(node, scope) or self._forwarded(node, scope)
                        or self._plain_instance_attribute(node, scope) or self._imported_instance_method(node, scope)
                        or self._assigned_member(node, scope))
            if base.startswith(PROJECT_MODULE):
                return self._project_value(f"{base[len(PROJECT_MODULE):]}.{node.attr}")
            if "+" in base and self._own_member(node, scope):  # the user's class declares it
                return self._instance_attribute(node, scope) if isinstance(node.value, ast.Name) else None
            path = f"{base}.{node.attr}"
            return api013.PROPERTIES.get(plain(canonical(path)), path)
        if isinstance(node, ast.Call):
            called = self._methodcaller_member(node, scope)
            if called is not None:  # ``methodcaller("get_pipeline", "p")(repo)``: what ``repo.get_pipeline("p")`` gives
                return _call_result(f"{called[0]}.{called[1]}")
            spelled = self._spelled(node, scope)
            if spelled is not None:
                base, attr = spelled
                return base if attr is None else api013.PROPERTIES.get(plain(canonical(f"{base}.{attr}")), f"{base}.{attr}")
            if self.stdlib_names and splat.is_partial(self, node.func):
                return splat.partial_value(self, node, scope)
            mapped = self._map_values(node, scope)
            if mapped is not None:
                return mapped
            if (isinstance(node.func, ast.Name) and node.func.id == "type" and len(node.args) == 1 and not node.keywords
                    and not self._bound("type", scope)):  # ``type(step).CONFIG_CLASS``: the class of a zenml instance
                made = self.resolve(node.args[0], scope)
                return made[:-2] if made is not None and made.startswith("zenml") and made.endswith("()") else None
            mocked = self._mock_spec(node, scope) if self.may_mock else None
            if mocked is not None:
                return mocked
            if self.stdlib_names and len(node.args) == 2 and not node.keywords and self.is_stdlib(node.func, "typing.cast"):
                # ``cast(StepEnvironment, Environment()[STEP_ENVIRONMENT_NAME])``: a value of that type
                return self._value_of(LazyNode("ann", node.args[0], scope or self.scope))
            if isinstance(node.func, ast.Attribute) and node.func.attr in _KEYED_GETTER_NAMES and len(node.args) == 1:
                container = self.resolve(node.func.value, scope)  # ``Environment().get_component(NAME)``
                if container is not None and api013.KEYED_GETTERS.get(plain(canonical(container))) == node.func.attr:
                    return api013.KEYED_ITEMS[plain(canonical(container))].get(self._constant_key(node.args[0], scope))
            if isinstance(node.func, ast.Attribute) and node.func.attr in self._factories(node.func.value, scope):
                made = _instance(self.resolve(node.func.value, scope))  # ``X.with_defaults(...)``: ``return cls(...)``
                if made is not None and made.startswith("zenml"):
                    return made
            if isinstance(node.func, ast.Subscript) and not isinstance(node.func.slice, ast.Slice):
                # ``PIPELINES[kind](...)``, the key no constant: what calling the item gives, when every
                # item of the display is the same value (an attribute read on the item stays for a human:
                # ``_each_item``)
                agreed = self._picked_values(node.func, scope or self.scope)
                if agreed is not None and len(agreed) == 1 and self._display_subscript(node.func, scope or self.scope) is None:
                    return _call_result(agreed[0])
            returned = (self._annotated_return(node.func, scope) or self._builtin_over_items(node, scope) or self._chained_items(node, scope)
                        or self._imported_return(node.func, scope) or self._container_method(node, scope)
                        or self._run_elsewhere(node, scope))
            if returned is not None:
                return returned
            return _call_result(self.resolve(node.func, scope))
        if isinstance(node, ast.Subscript):
            if isinstance(node.value, (ast.DictComp, ast.ListComp)):
                return self._comprehension_item(node.value, scope or self.scope)
            if isinstance(node.value, (ast.Dict, ast.List, ast.Tuple, ast.Name, ast.Subscript)):
                item = self._display_subscript(node, scope or self.scope)
                if item is not None:
                    return item
            if isinstance(node.value, ast.Name) and not isinstance(node.slice, ast.Slice):
                made = _bound_once(node.value, scope or self.scope, "expr")  # ``by_name = {p.name: p for p in ...}``
                if made is not None and isinstance(made.node, (ast.DictComp, ast.ListComp)):
                    return self._comprehension_item(made.node, made.scope)
            container = self.resolve(node.value, scope)
            if isinstance(node.slice, ast.Slice):  # ``view.runs[-5:]``: a list of the same items
                return container if _items(container) is not None else None
            keyed = api013.KEYED_ITEMS.get(plain(canonical(container))) if container is not None else None
            if keyed is not None:
                return keyed.get(self._constant_key(node.slice, scope))
            if container is not None and container.startswith(VALUES):  # ``runs["latest"]`` of a Dict[str, X]
                return container[len(VALUES):]
            return _items(container) or _mapping_value(container)
        if isinstance(node, ast.Await):
            if isinstance(node.value, ast.Name):  # ``fut = loop.run_in_executor(...)`` then ``await fut``
                bound, where = self.assigned_node(node.value.id, scope)
                if isinstance(bound, ast.Call):
                    value = self._run_elsewhere(bound, where, awaited=True)
                    if value is not None:
                        return value
            return self.resolve(node.value, scope)
        if isinstance(node, (ast.BoolOp, ast.IfExp)):
            return self._either(node, scope)
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):  # ``next(r for r in view.runs if ...)``
            item = self._comprehension_item(node, scope or self.scope)  # ``{r.name: r for r in view.runs}.get(name)``
            mark = VALUES if isinstance(node, ast.DictComp) else ITEMS
            return mark + item if item is not None and item.startswith("zenml") else None
        if isinstance(node, ast.Lambda):  # what calling it gives, its parameters unknown
            inner = Scope(scope or self.scope)
            args = node.args
            for arg in list(args.posonlyargs) + list(args.args) + list(args.kwonlyargs) + [a for a in (args.vararg, args.kwarg) if a]:
                inner.bind(arg.arg, None)
            gives = self.resolve(node.body, inner)
            return CALLS_MARK + gives if gives is not None and gives.startswith(("zenml", CALLS_MARK)) else None
        return None

    def _map_values(self, node: ast.Call, scope: Optional[Scope]) -> Optional[str]:
        """``map(lambda r: r.get_step("s"), view.runs)``: the lambda's values (its parameter an item of
        what is mapped); ``dict(zip(names, view.runs))``: a mapping whose values are those items
        (``map``/``dict``/``zip`` not rebound)."""
        func, args = node.func, node.args
        if not isinstance(func, ast.Name) or node.keywords or len(args) != 2 and func.id == "map" or any(isinstance(a, ast.Starred) for a in args):
            return None
        if func.id == "map" and isinstance(args[0], ast.Lambda) and len(args[0].args.args) == 1 and not self._bound("map", scope):
            lam, where = args[0], scope or self.scope
            inner = Scope(where)
            inner.bind(lam.args.args[0].arg, LazyNode("iter", args[1], where))
            item = self.resolve(lam.body, inner)
            return ITEMS + item if item is not None and item.startswith("zenml") else None
        if func.id == "map" and not isinstance(args[0], ast.Lambda) and not self._bound("map", scope):
            # ``map(repo.get_pipeline, names)``: what calling the mapped callable gives
            item = _call_result(self.resolve(args[0], scope))
            return ITEMS + item if item is not None and item.startswith("zenml") else None
        zipped = args[0] if func.id == "dict" and len(args) == 1 else None
        if (isinstance(zipped, ast.Call) and isinstance(zipped.func, ast.Name) and zipped.func.id == "zip" and len(zipped.args) == 2
                and not zipped.keywords and not self._bound("dict", scope) and not self._bound("zip", scope)):
            item = _items(self.resolve(zipped.args[1], scope))
            return VALUES + item if item is not None and item.startswith("zenml") else None
        return None

    def _assigned_member(self, node: ast.Attribute, scope: Optional[Scope]) -> Optional[str]:
        """``e.view`` where the scope binding ``e`` (a function's, the module's) also assigns
        ``e.view = Repository().get_pipeline("x")``: the value its assignments there agree on
        (``e`` an instance of a plain class, ``e.view`` set from outside the class)."""
        name, where = node.value.id, scope or self.scope
        while where is not None:
            assigned = where.members.get((name, node.attr)) if where.members else None
            if assigned:
                found = {self._value_of(b) for b in assigned}
                found.discard(None)
                return found.pop() if len(found) == 1 else None
            if name in where.bindings:
                return None
            where = where.parent
        return None

    def _mock_spec(self, node: ast.Call, scope: Optional[Scope] = None) -> Optional[str]:
        """``create_autospec(C)`` / ``MagicMock(spec=C)`` / ``Mock(spec_set=C)`` (``unittest.mock``) of a
        zenml class ``C``: an object with only the members of ``C`` (its value ``C()``: reading a member
        0.20's class lacks raises AttributeError). Its member reads get no automatic fix
        (``_from_mock``): a fix would rewrite the mock's plumbing (``repo.get_pipeline.return_value``)."""
        factory = next((f for f in _MOCK_FACTORIES if self.is_stdlib(node.func, f"unittest.mock.{f}")), None)
        if factory is None and self._pytest_mocker(node.func) is None:
            return None
        spec = next((k.value for k in node.keywords if k.arg in ("spec", "spec_set")), None)
        if spec is None and node.args:
            spec = node.args[0]
        value = self.resolve(spec, scope) if spec is not None else None
        if value is None or not value.startswith("zenml") or value.startswith(PROJECT_MODULE):
            return None
        return value if value.endswith(")") else f"{value}()"

    def _from_mock(self, expr: ast.expr, depth: int = 0) -> bool:
        """Is ``expr`` (a member read's object) a mock specced with a zenml class, or read from one?"""
        while isinstance(expr, (ast.Attribute, ast.Subscript)) or isinstance(expr, ast.Call) and not self._is_mock_call(expr):
            expr = expr.func if isinstance(expr, ast.Call) else expr.value
        if isinstance(expr, ast.Call):
            return True
        if not isinstance(expr, ast.Name) or depth > 5:
            return False
        for b in self.bindings_of(expr.id) or []:
            if not isinstance(b, LazyNode):
                continue
            if b.kind == "expr" and isinstance(b.node, ast.expr) and self._from_mock(b.node, depth + 1):
                return True
            made = b.node if b.kind == "def" else None
            if b.kind == "fixture":  # a fixture of this module (``pytest_fixtures.bind_parameters``)
                own = pytest_fixtures.module_fixtures(self).get(b.extra)
                made = own.node if own is not None else None
                if own is None and pytest_fixtures.conftest_mock(self, b.extra):
                    return True
            if isinstance(made, (ast.FunctionDef, ast.AsyncFunctionDef)) and self._returns_mock(made):
                return True
        return False

    def _returns_mock(self, func) -> bool:
        """Does the function return (or yield) a mock call's result, or a name of its own bound to one?"""
        mocks = {t.id for node in ast.walk(func) if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                 and self._is_mock_call(node.value) for t in node.targets if isinstance(t, ast.Name)}
        for node in ast.walk(func):
            value = node.value if isinstance(node, (ast.Return, ast.Yield)) else None
            if isinstance(value, ast.Call) and self._is_mock_call(value) or isinstance(value, ast.Name) and value.id in mocks:
                return True
        return False

    def _is_mock_call(self, node: ast.Call) -> bool:
        if self._pytest_mocker(node.func) is not None:
            return True
        return bool(self.stdlib_names) and any(self.is_stdlib(node.func, f"unittest.mock.{f}") for f in _MOCK_FACTORIES)

    @property
    def may_mock(self) -> bool:
        """Can the module make a mock (it imports from the standard library, or spells pytest-mock's
        ``mocker.``), or be given one (a conftest's fixture)? The cheap gate before the mock checks."""
        if self._may_mock is None:
            self._may_mock = bool(self.stdlib_names) or f"{_MOCKER}." in self.text or (
                bool(self.project) and pytest_fixtures.mocks_above(self.project, self.path))
        return self._may_mock

    def _pytest_mocker(self, func: ast.expr) -> Optional[str]:
        """``mocker.MagicMock`` / ``mocker.create_autospec`` ... of pytest-mock's ``mocker`` fixture (a
        parameter pytest passes, no fixture of the project by that name): the factory's name."""
        if not (isinstance(func, ast.Attribute) and func.attr in _MOCK_FACTORIES and isinstance(func.value, ast.Name)
                and func.value.id == _MOCKER):
            return None
        bindings = self.bindings_of(_MOCKER) or []
        plugin = [b for b in bindings if isinstance(b, LazyNode) and b.kind == "fixture" and b.extra == _MOCKER]
        if not plugin or len(plugin) != len(bindings) or pytest_fixtures.project_fixture(self, _MOCKER, plugin[0].node):
            return None
        return func.attr

    def _mock_plumbing(self, node: ast.AST) -> bool:
        """Is ``node`` the object of a ``unittest.mock`` member (``repo.get_pipeline.return_value = ...``,
        ``.assert_called_once_with(...)``): a mock, whatever the scan resolved it to?"""
        parent = self.parent(node) if isinstance(node, ast.Attribute) else None
        return isinstance(parent, ast.Attribute) and parent.value is node and parent.attr in _MOCK_MEMBERS

    def is_stdlib(self, func: ast.expr, dotted: str) -> bool:
        """Is ``func`` the standard-library callable ``dotted`` (``"typing.cast"``,
        ``"functools.partial"``: ``from typing import cast`` / ``import typing``, under any alias,
        not bound to a zenml value by the module)?"""
        module, _, attr = dotted.rpartition(".")
        names = self.stdlib_names
        if isinstance(func, ast.Name):
            return names.get(func.id) == dotted and self.lookup(func.id) is None
        if isinstance(func, ast.Attribute) and func.attr == attr and isinstance(func.value, ast.Name):
            return names.get(func.value.id) == module and self.lookup(func.value.id) is None
        return False

    def _container(self, node: ast.expr, scope: Optional[Scope]) -> Optional[str]:
        """A user's container annotation of zenml values (``-> List[PipelineRunView]``,
        ``runs: Sequence[Repository]``, ``-> Dict[str, ArtifactView]``, ``Tuple[X, ...]``): its items
        (``ITEMS`` + the item's value) or a mapping's values (``VALUES`` + the value's value);
        None for another annotation or an item type that does not resolve."""
        if not isinstance(node, ast.Subscript):
            return None
        kind = _CONTAINERS.get(last_name(node.value) or "")
        inner = node.slice
        inner = getattr(inner, "value", inner) if type(inner).__name__ == "Index" else inner
        if kind == "tuple":  # ``Tuple[X, ...]`` only: other tuples hold values of several types
            ok = isinstance(inner, ast.Tuple) and len(inner.elts) == 2 and isinstance(inner.elts[1], ast.Constant) and inner.elts[1].value is ...
            kind, inner = ("items", inner.elts[0]) if ok else (None, None)
        elif kind == "mapping":
            inner = inner.elts[1] if isinstance(inner, ast.Tuple) and len(inner.elts) == 2 else None
        elif isinstance(inner, ast.Tuple):
            kind = None
        if kind is None or inner is None:
            return None
        item = self._value_of(LazyNode("ann", inner, scope))
        if item is None:
            return None
        return (VALUES if kind == "mapping" else ITEMS) + item

    def _run_elsewhere(self, node: ast.Call, scope: Optional[Scope], awaited: bool = False) -> Optional[str]:
        """What a callable run by an executor returns: ``await loop.run_in_executor(ex, fn, *args)``,
        ``asyncio.run(coro())`` / ``loop.run_until_complete(coro())`` (what the coroutine returns),
        ``await asyncio.to_thread(fn, *args)`` (awaited there, or through a name bound once to the
        call: ``awaited``; not awaited, it is a future), ``pool.submit(fn, *args).result()`` (also
        through a name bound once to the ``submit(...)``): what ``fn(*args)`` gives;
        ``pool.map(fn, items)`` (an executor's, a multiprocessing pool's): a list of it."""
        func = node.func
        if not isinstance(func, ast.Attribute) and not isinstance(func, ast.Name):
            return None
        args, keywords, many = node.args, node.keywords, False
        if len(args) == 1 and isinstance(args[0], (ast.Call, ast.Name)) and (
            isinstance(func, ast.Attribute) and func.attr == "run_until_complete"
            or self.stdlib_names and self.is_stdlib(func, "asyncio.run")
        ):  # ``asyncio.run(main())``, ``loop.run_until_complete(fetch())``: what the coroutine returns
            return self.resolve(args[0], scope)
        awaited = awaited or isinstance(self.parent(node), ast.Await)
        if isinstance(func, ast.Attribute) and func.attr == "run_in_executor":
            if not awaited:
                return None
            args, keywords = args[1:], ()
        elif isinstance(func, ast.Attribute) and func.attr == "result" and not args:
            submitted = func.value
            if isinstance(submitted, ast.Name):
                submitted = self.assigned_node(submitted.id, scope)[0]
            if not (isinstance(submitted, ast.Call) and isinstance(submitted.func, ast.Attribute)
                    and submitted.func.attr == "submit"):
                return None
            args, keywords = submitted.args, submitted.keywords
        elif isinstance(func, ast.Attribute) and func.attr == "map" and len(args) >= 2 and not keywords:
            args, many = args[:1], True
        elif not (awaited and self.stdlib_names and self.is_stdlib(func, "asyncio.to_thread")):
            return None
        if not args or any(isinstance(a, ast.Starred) for a in args[:1]):
            return None
        call = ast.copy_location(ast.Call(func=args[0], args=list(args[1:]) if not many else [], keywords=list(keywords)), node)
        if id(node) in self._resolving:
            return None
        self._resolving.add(id(node))
        try:
            returned = self.resolve(call, scope)
        finally:
            self._resolving.discard(id(node))
        return ITEMS + returned if many and returned is not None else returned

    def _container_method(self, node: ast.Call, scope: Optional[Scope]) -> Optional[str]:
        """``mapping.values()`` (its values as items) and ``mapping.get(key)`` (a value) of a
        user-annotated mapping (``_container``); ``cache.setdefault(key, Repository())`` of a
        mapping that is no zenml value: the default it stores (``dict.setdefault``)."""
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr not in ("values", "get", "setdefault") or node.keywords:
            return None
        base = self.resolve(func.value, scope)
        if func.attr == "setdefault":
            if len(node.args) != 2 or any(isinstance(a, ast.Starred) for a in node.args) or (base or "").startswith("zenml"):
                return None
            stored = self.resolve(node.args[1], scope)
            return stored if stored is not None and stored.startswith("zenml") else None
        if func.attr == "get" and _mapping_value(base) is not None and node.args and not isinstance(node.args[0], ast.Starred) and (
            len(node.args) == 1 or len(node.args) == 2 and isinstance(node.args[1], ast.Constant) and node.args[1].value is None
        ):  # ``stack.components.get(StackComponentType.ORCHESTRATOR)`` of a zenml mapping: one of its values
            return _mapping_value(base)
        if base is None or not base.startswith(VALUES):
            return None
        if func.attr == "values":
            return ITEMS + base[len(VALUES):] if not node.args else None
        return base[len(VALUES):] if len(node.args) == 1 else None

    def _display_item(self, node: ast.expr, scope: Optional[Scope]) -> Optional[str]:
        """An item of a list/tuple/set display (``[trainer, evaluator]``), or of a name bound
        once to one (``STEPS = [trainer]``; ``for s in STEPS``), when every element resolves to
        the same value."""
        values = self._display_values(node, scope)
        if values is not None and len(values) > 1 and all(v in integration_classes_013() for v in values):
            return api013.INTEGRATION_CLASS  # ``[KubeflowIntegration, MlflowIntegration]``: each is one
        return values[0] if values is not None and len(values) == 1 else None

    def loop_items(self, node: ast.expr) -> Optional[List[ast.expr]]:
        """The items of the list/tuple/set display a name takes one after the other, read where
        the walk is: the name bound once in its scope, by a ``for`` or a comprehension over that
        display written there or bound once to a name (``for kind in ("orchestrator",
        "metadata_store")``, ``KINDS = (...)``; ``for kind in KINDS``); None otherwise."""
        bound = _bound_once(node, self.scope, "iter")
        if bound is None:
            return None
        iterated = bound.node
        if isinstance(iterated, ast.Name):
            bound = _bound_once(iterated, bound.scope, "expr")
            iterated = bound.node if bound is not None else None
        return list(iterated.elts) if isinstance(iterated, (ast.List, ast.Tuple, ast.Set)) else None

    def _display_values(self, node: ast.expr, scope: Optional[Scope]) -> Optional[List[str]]:
        """The distinct values of the items of a list/tuple/set display, or of the values of a
        dict display read by ``.values()`` (``for cls in DEPLOYERS.values()``), the display
        written there or bound once to a name; None when one item does not resolve."""
        values_of = (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "values"
            and not node.args and not node.keywords
        )
        if values_of:
            node = node.func.value
        if isinstance(node, ast.Name):
            bound = _bound_once(node, scope, "expr")
            if bound is None:
                return None
            node, scope = bound.node, bound.scope
        if values_of:
            items = node.values if isinstance(node, ast.Dict) and None not in node.keys else []
        else:
            items = node.elts if isinstance(node, (ast.List, ast.Tuple, ast.Set)) else []
        values = [None if isinstance(e, ast.Starred) else self.resolve(e, scope) for e in items]
        return list(dict.fromkeys(values)) if values and None not in values else None

    def _each_item(self, node: ast.Attribute) -> None:
        """``cls.FLAVOR`` where ``cls`` is bound once, by a loop or comprehension over items that
        resolve to different zenml values (``for cls in DEPLOYERS.values()`` over a dict of three
        classes), or is an item of a dict/list display picked by a key that is not a constant
        (``CLASSES[env][kind].FLAVOR``, ``cls = CLASSES[env][kind]``, ``CLASSES.get(env)``; nested
        displays too): the attribute is read on each; reported as the first item that gives a
        finding, with no automatic fix (a rewrite for one item may be wrong for the others)."""
        target, values = node.value, None
        if isinstance(target, ast.Name):
            bound = _bound_once(target, self.scope, "iter", "expr")
            if bound is None:
                return
            if bound.kind == "iter":
                values = self._display_values(bound.node, bound.scope) or []
                if len(values) < 2:
                    return
            else:
                target = bound.node
                values = self._picked_values(target, bound.scope)
        else:
            values = self._picked_values(target, self.scope)
        if not values or any(v.startswith(PROJECT_MODULE) or not v.startswith("zenml") for v in values):
            return
        from dataclasses import replace

        if isinstance(node.value, ast.Name) and target is node.value or len(values) > 1:
            shown = f"`{node.value.id}`" if isinstance(node.value, ast.Name) else "the item"
            why = f"{shown} is each of {len(values)} different values here: rewrite it by hand)"
        else:
            why = "the value is an item of a display looked up here: rewrite it by hand)"
        for value in values:
            before = len(self.findings)
            self._report_path(f"{value}.{node.attr}", self._use_ctx(node), self._span(node), kind="attr", module=value, node=node)
            if len(self.findings) > before:  # a rewrite for one item may be wrong for the others: for a human
                self.findings[before:] = [f if f.fix is None else replace(f, fix=None, message=f"{f.message}{NO_FIX_HERE}{why}")
                                          for f in self.findings[before:]]
                self.read_on[self._span(node)] = values
                return

    def _picked_values(self, node: ast.expr, scope: Optional[Scope], depth: int = 0) -> Optional[List[str]]:
        """The distinct values an item of a display can be: ``D[k]`` / ``D.get(k)`` where ``D`` is a
        dict/list/tuple display written there or bound once to a name (an item of another such
        display too: ``D[a][b]``), the value of a constant key, or else every value of the display;
        None when the expression is no such lookup or one candidate does not resolve."""
        choices = self._item_choices(node, scope, depth)
        if choices is None:
            return None
        values = [self.resolve(expr, where) for expr, where in choices[0]]
        return list(dict.fromkeys(values)) if values and None not in values else None

    def _item_choices(self, node: ast.expr, scope: Optional[Scope], depth: int):
        """``([(item expression, its scope)], keys)`` of ``_picked_values``: the items ``node`` may
        be and the keys used on the way (None for a key that is not a constant)."""
        if depth > 8:
            return None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
            if len(node.args) != 1 or node.keywords or isinstance(node.args[0], ast.Starred):
                return None
            container, key = node.func.value, node.args[0]
        elif isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Slice):
            container, key = node.value, node.slice
            key = getattr(key, "value", key) if type(key).__name__ == "Index" else key
        else:
            return None
        constant = key.value if isinstance(key, ast.Constant) and isinstance(key.value, (str, int)) and not isinstance(key.value, bool) else None
        if isinstance(container, ast.Name):
            bound = _bound_once(container, scope, "expr")
            if bound is None:
                return None
            displays, keys = [(bound.node, bound.scope)], []
        elif isinstance(container, (ast.Dict, ast.List, ast.Tuple)):
            displays, keys = [(container, scope)], []
        else:
            inner = self._item_choices(container, scope, depth + 1)
            if inner is None:
                return None
            displays, keys = inner
        items = []
        for display, where in displays:
            if isinstance(display, ast.Name):
                bound = _bound_once(display, where, "expr")
                if bound is None:
                    return None
                display, where = bound.node, bound.scope
            if isinstance(display, ast.Dict) and None not in display.keys:
                picked = [v for k, v in zip(display.keys, display.values)
                          if constant is None or isinstance(k, ast.Constant) and k.value == constant]
            elif isinstance(display, (ast.List, ast.Tuple)) and not isinstance(node, ast.Call):
                if any(isinstance(e, ast.Starred) for e in display.elts):
                    return None
                picked = list(display.elts) if constant is None else (
                    [display.elts[constant]] if isinstance(constant, int) and -len(display.elts) <= constant < len(display.elts) else [])
            else:
                return None
            if not picked:
                return None
            items.extend((v, where) for v in picked)
        return items, keys + [constant]

    def _instance_attribute(self, node: ast.Attribute, scope: Optional[Scope]) -> Optional[str]:
        """``self.repo`` in a method of a class is what the methods of that class assign to
        ``self.repo`` (``self.repo = Repository()`` in ``__init__``), or the class body's
        ``repo: Repository`` / ``repo = ...``, when all the values that resolve agree (``self``
        of a class deriving from a zenml class is an instance of it: ``_self_instance``; this is
        what the class declares itself)."""
        marker = self._self_marker(node.value.id, scope)
        if marker is None:
            return None
        key = (id(marker.node), node.attr)
        if key not in self._instance_values:
            self._instance_values[key] = None  # a value that reads itself resolves to nothing
            found = {self._value_of(b) for b in self._attribute_bindings(marker, node.attr)}
            found.discard(None)
            self._instance_values[key] = found.pop() if len(found) == 1 else None
        return self._instance_values[key]

    def _plain_instance_attribute(self, node: ast.Attribute, scope: Optional[Scope]) -> Optional[str]:
        """``Runs("p").last`` / ``r.pipeline`` for ``r = Runs("p")``, ``Runs`` a class of this file
        that derives from no zenml class (bound once): what the class gives the attribute, as
        ``self.<attr>`` in its methods reads it (``_instance_attribute``)."""
        value = node.value
        if isinstance(value, ast.Name):
            cls = _bound_once(value, scope or self.scope, "class")
            if cls is not None and self._value_of(cls) is None:  # ``Explorer.repo``: the plain class's own attribute
                return self._class_attribute(cls, node.attr)
        cls = self._made_instance(value, scope)
        if cls is None or self._value_of(cls) is not None:  # a zenml class's subclass: its instances are read as such
            return None
        key = (id(cls.node), node.attr)
        if key not in self._instance_values:
            self._instance_values[key] = None
            found = {self._value_of(b) for b in self._attribute_bindings(LazyNode("self", cls.node, cls.scope), node.attr)}
            found.discard(None)
            self._instance_values[key] = found.pop() if len(found) == 1 else None
        return self._instance_values[key]

    def _class_attribute(self, cls: LazyNode, attr: str) -> Optional[str]:
        """What the body of the plain class ``cls`` binds ``attr`` to (``repo = Repository()``), when
        the values that resolve agree; methods' ``self.attr`` assignments are not the class's."""
        values = {self._value_of(LazyNode("expr", stmt.value, cls.scope)) for stmt in cls.node.body
                  if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None
                  and any(isinstance(t, ast.Name) and t.id == attr for t in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]))}
        values.discard(None)
        return values.pop() if len(values) == 1 else None

    def _imported_instance_method(self, node: ast.Attribute, scope: Optional[Scope]) -> Optional[str]:
        """``TEAM_STEPS.register`` where ``TEAM_STEPS`` is imported from a module of the project
        that binds it once to an instance of its own plain class whose ``register`` forwards its
        ``**kwargs`` to a zenml decorator (``METHOD_MARK`` facts, ``_method_facts``); also on an
        instance made where it is read (``TrainingJob().run``, the class imported)."""
        if isinstance(node.value, ast.Call):
            made = node.value
            b = LazyNode("expr", made, scope or self.scope) if isinstance(made.func, ast.Name) else None
        elif isinstance(node.value, ast.Name):
            b = _bound_once(node.value, scope or self.scope, "project", "expr")
        else:
            return None
        if b is not None and b.kind == "expr" and isinstance(b.node, ast.Call) and isinstance(b.node.func, ast.Name):
            cls = _bound_once(b.node.func, b.scope, "project")  # ``local = StepRegistry()``, the class imported
            key = f"{cls.extra}.{CLASS_METHOD_MARK}.{node.attr}" if cls is not None and cls.extra else None
        elif b is not None and b.kind == "project" and b.extra:
            key = f"{b.extra}.{METHOD_MARK}.{node.attr}"
        else:
            return None
        return (self._project_fact(key) or None) if key is not None else None

    def _method_facts(self) -> Dict[str, str]:
        """``METHOD_MARK`` facts: the methods of module-level instances of this module's plain
        classes that give their ``**kwargs`` to a zenml decorator (``StepRegistry().register``)."""
        out: Dict[str, str] = {}
        for name, bound in self.module_scope.bindings.items():
            if name in self.star_bound or len(bound) != 1 or not isinstance(bound[0], LazyNode):
                continue
            if bound[0].kind == "project" and bound[0].extra:  # ``from .registry import TEAM_STEPS``: passed on
                for mark in (METHOD_MARK, CLASS_METHOD_MARK):
                    for key in [f"{mark}.*"] + [f"{mark}.{m}" for m in self._project_fact(f"{bound[0].extra}.{mark}.*").split(",") if m]:
                        value = self._project_fact(f"{bound[0].extra}.{key}")
                        if value:
                            out[f"{name}.{key}"] = value
                continue
            made = bound[0].node
            if bound[0].kind == "class":
                cls, mark = bound[0], CLASS_METHOD_MARK
            elif bound[0].kind == "expr" and isinstance(made, ast.Call) and isinstance(made.func, ast.Name):
                cls, mark = _bound_once(made.func, self.module_scope, "class"), METHOD_MARK
            else:
                continue
            if cls is None or self._value_of(cls) is not None:
                continue
            for method in _methods(cls.node):
                if _forwarding_method(method):
                    value = self._value_of(LazyNode("def", method, cls.scope))
                    if value is not None:
                        out[f"{name}.{mark}.{method.name}"] = value
                        out[f"{name}.{mark}.*"] = ",".join(filter(None, [out.get(f"{name}.{mark}.*"), method.name]))
            for attr, value in self._instance_attribute_values(cls).items():  # ``Runs("p").last``, ``r.pipeline`` elsewhere
                if f"{name}.{mark}.{attr}" not in out:
                    out[f"{name}.{mark}.{attr}"] = canonical(value)
                    out[f"{name}.{mark}.*"] = ",".join(filter(None, [out.get(f"{name}.{mark}.*"), attr]))
        return out

    def _instance_attribute_values(self, cls: LazyNode) -> Dict[str, str]:
        """The zenml values the attributes of an instance of the plain class ``cls`` have (what its
        methods assign to ``self.x``, its un-annotated ``@property``s return, its body binds), when
        the values of each agree: the ``CLASS_METHOD_MARK``/``METHOD_MARK`` facts a module importing
        the class (or an instance of it) reads them by."""
        names = set()
        classes, seen = [cls], set()
        while classes:  # the class and the bases of this file it reads attributes from (``_attribute_bindings``)
            one = classes.pop()
            if id(one.node) in seen or len(seen) > 10:
                continue
            seen.add(id(one.node))
            classes.extend(_file_bases(one))
            for stmt in one.node.body:
                if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                    last_name(d) in ("property", "cached_property") for d in stmt.decorator_list
                ):
                    names.add(stmt.name)
            for method in _methods(one.node):
                me = method.args.args[0].arg if method.args.args else None
                names.update(n.attr for n in ast.walk(method) if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store)
                             and isinstance(n.value, ast.Name) and n.value.id == me)
        out: Dict[str, str] = {}
        for attr in sorted(names):
            found = {self._value_of(b) for b in self._attribute_bindings(LazyNode("self", cls.node, cls.scope), attr)}
            found.discard(None)
            value = found.pop() if len(found) == 1 else None
            if value is not None and value.startswith("zenml"):
                out[attr] = value
        return out

    def _project_fact(self, key: str) -> str:
        """The fact ``key`` of another module ("" when it has none yet), marked used: this module
        is scanned again when it changes (``cross_file.revisits``)."""
        self._project_used.add(key)
        return self.project.get(key, "")

    def _forwarded(self, node: ast.Attribute, scope: Optional[Scope]) -> Optional[str]:
        """``WS.active_stack_name`` where ``WS`` is an instance of a class whose ``__getattr__``
        forwards what the class lacks to ``self.repo`` (``return getattr(self.repo, item)``): the
        attribute of what ``self.repo`` is. ``WS`` bound once here to ``Workspace(...)`` or
        annotated with the class, or imported from a module that says so (``FORWARDS_MARK``)."""
        value = self._forward_base(node, scope)
        if value is None:
            return None
        path = f"{value}.{node.attr}"
        return api013.PROPERTIES.get(plain(canonical(path)), path)

    def _forward_base(self, node: ast.Attribute, scope: Optional[Scope]) -> Optional[str]:
        """What ``node.value`` forwards ``node.attr`` to (``_forwarded``), or None."""
        forward = self._forward_of(node.value, scope)
        if forward is None or node.attr in forward[1] or node.attr.startswith("__"):
            return None
        return forward[0]

    def _forward_of(self, name: ast.Name, scope: Optional[Scope]) -> Optional[Tuple[str, Set[str]]]:
        """``(what the instance forwards to, the members its class has)`` of the instance ``name``."""
        b = _bound_once(name, scope or self.scope, "project", "expr", "ann")
        if b is None:
            return None
        if b.kind == "project" and b.extra:
            fact = self.project.get(f"{b.extra}.{FORWARDS_MARK}")
            if fact is None:
                return None
            value, _, own = fact.partition("|")
            return value, set(own.split(","))
        if b.kind == "expr" and isinstance(b.node, ast.Call) and isinstance(b.node.func, ast.Name):
            cls = _bound_once(b.node.func, b.scope, "class")
        elif b.kind == "ann" and isinstance(b.node, ast.Name):
            cls = _bound_once(b.node, b.scope, "class")
        else:
            return None
        return self._class_forward(cls) if cls is not None else None

    def _class_forward(self, marker: LazyNode) -> Optional[Tuple[str, Set[str]]]:
        """A class of this file (no base but ``object``) whose ``__getattr__(self, item)`` is
        ``return getattr(self.<x>, item)``: (what ``self.<x>`` is, the names the class has itself:
        Python calls ``__getattr__`` only for the others)."""
        cls = marker.node
        key = (id(cls), "__getattr__")
        if key not in self._forwards:
            self._forwards[key] = None  # a class whose forward target reads the class resolves to nothing
            self._forwards[key] = self._class_forward_of(marker)
        return self._forwards[key]

    def _class_forward_of(self, marker: LazyNode) -> Optional[Tuple[str, Set[str]]]:
        cls = marker.node
        if any(last_name(b) != "object" for b in cls.bases) or cls.keywords:
            return None
        hook = next((m for m in _methods(cls) if m.name == "__getattr__"), None)
        params = [a.arg for a in hook.args.args] if hook is not None else []
        body = [s for s in hook.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))] if hook else []
        if len(params) != 2 or len(body) != 1 or not isinstance(body[0], ast.Return):
            return None
        call = body[0].value
        ok = (
            isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "getattr"
            and len(call.args) == 2 and not call.keywords and isinstance(call.args[0], ast.Attribute)
            and isinstance(call.args[0].value, ast.Name) and call.args[0].value.id == params[0]
            and isinstance(call.args[1], ast.Name) and call.args[1].id == params[1]
        )
        if not ok:
            return None
        found = {self._value_of(b) for b in self._attribute_bindings(LazyNode("self", cls, marker.scope), call.args[0].attr)}
        found.discard(None)
        value = found.pop() if len(found) == 1 else None
        if value is None or not value.startswith("zenml"):
            return None
        own = {stmt.name for stmt in cls.body if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        own |= {n.id for stmt in cls.body if isinstance(stmt, (ast.Assign, ast.AnnAssign))
                for t in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]) for n in ast.walk(t) if isinstance(n, ast.Name)}
        for method in _methods(cls):
            me = method.args.args[0].arg if method.args.args else None
            own |= {n.attr for n in ast.walk(method) if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store)
                    and isinstance(n.value, ast.Name) and n.value.id == me}
        return value, own

    def _forward_facts(self) -> Dict[str, str]:
        """``FORWARDS_MARK`` facts: module-level names bound once to an instance of a forwarding class."""
        out: Dict[str, str] = {}
        for name in self.module_scope.bindings:
            if name in self.star_bound:
                continue
            forward = self._forward_of(ast.Name(id=name, ctx=ast.Load()), self.module_scope)
            bound = self.module_scope.bindings[name]
            if forward is not None and isinstance(bound[0], LazyNode) and bound[0].kind != "project":
                out[f"{name}.{FORWARDS_MARK}"] = f"{forward[0]}|{','.join(sorted(forward[1]))}"
        return out

    def _descriptor_gets(self, annotation: ast.expr, scope: Optional[Scope]) -> Optional[ast.expr]:
        """For a class attribute annotated ``Lazy[Repository]`` where ``Lazy`` is a class of this
        file, ``Generic[T]``, whose ``__get__`` is annotated ``-> T``: the annotation an instance
        reads through it (``Repository``); else None."""
        if not isinstance(annotation, ast.Subscript) or not isinstance(annotation.value, ast.Name):
            return None
        bound = next((s.bindings[annotation.value.id] for s in _chain(scope) if annotation.value.id in s.bindings), ())
        if len(bound) != 1 or not isinstance(bound[0], LazyNode) or bound[0].kind != "class":
            return None
        cls = bound[0].node
        generic = next((b for b in cls.bases if isinstance(b, ast.Subscript) and last_name(b.value) == "Generic"), None)
        get = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__get__"), None)
        if generic is None or get is None or not isinstance(get.returns, ast.Name):
            return None
        params = [last_name(p) for p in _subscript_items(generic)]
        args = _subscript_items(annotation)
        k = params.index(get.returns.id) if get.returns.id in params else -1
        return args[k] if 0 <= k < len(args) == len(params) else None

    def _attribute_bindings(self, marker: LazyNode, attr: str, depth: int = 0) -> List[LazyNode]:
        """The values a class gives ``attr``: assigned in its body, or to ``<self>.attr`` in its
        methods (each read in a scope holding the method's parameters and local names); when it
        gives none, those of the first of its bases, classes of this file bound once, that gives
        any (depth first: ``self.repo`` a base's ``__init__`` assigns)."""
        out = self._own_attribute_bindings(marker, attr)
        if out or depth > 10:
            return out
        for cls in _file_bases(marker):
            out = self._attribute_bindings(LazyNode("self", cls.node, cls.scope), attr, depth + 1)
            if out:
                return out
        return out

    def _own_attribute_bindings(self, marker: LazyNode, attr: str) -> List[LazyNode]:
        """``_attribute_bindings`` of the class itself, its bases aside."""
        cls, class_scope = marker.node, marker.scope
        out: List[LazyNode] = []
        for stmt in cls.body:
            if isinstance(stmt, ast.FunctionDef) and stmt.name == attr and stmt.returns is not None and any(
                last_name(d) in ("property", "cached_property") for d in stmt.decorator_list
            ):  # ``@property def view(self) -> PipelineView``
                out.append(LazyNode("ann", stmt.returns, class_scope))
            elif isinstance(stmt, ast.FunctionDef) and stmt.name == attr and stmt.returns is None and any(
                last_name(d) in ("property", "cached_property") for d in stmt.decorator_list
            ):  # ``@property def last(self): return self.pipeline.runs[-1]``: what it returns
                returned = [r.value for r in _own_statements(stmt.body) if isinstance(r, ast.Return) and r.value is not None]
                params = list(stmt.args.posonlyargs) + list(stmt.args.args)
                if len(returned) == 1 and len(params) == 1 and params[0].annotation is None:
                    mscope = Scope(class_scope)
                    mscope.bind(params[0].arg, LazyNode("self", cls, class_scope))
                    self.collect(stmt.body, mscope)
                    out.append(LazyNode("expr", returned[0], mscope))
            elif _forwarding_method(stmt) and stmt.name == attr:  # ``def register(self, **kw)``: splat.forwarding_value
                out.append(LazyNode("def", stmt, class_scope))
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == attr:
                got = self._descriptor_gets(stmt.annotation, class_scope)
                out.append(LazyNode("ann", got or stmt.annotation, class_scope))
                if stmt.value is not None and got is None:  # (a descriptor's value is the descriptor)
                    out.append(LazyNode("expr", stmt.value, class_scope))
            elif isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == attr for t in stmt.targets):
                out.append(LazyNode("expr", stmt.value, class_scope))
        class_methods = [f for f in cls.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and _is_classmethod(f)]
        for method in _methods(cls) + class_methods:  # ``cls.repo = Repository()`` in ``setUpClass`` too
            args = method.args
            params = list(args.posonlyargs) + list(args.args)
            if not params or params[0].annotation is not None:
                continue
            me = params[0].arg
            assigned = [
                (stmt.annotation if isinstance(stmt, ast.AnnAssign) else None, value)
                for stmt in _own_statements(method.body)
                if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None
                for target, value in _assigned_pairs(stmt)
                if isinstance(target, ast.Attribute) and target.attr == attr
                and isinstance(target.value, ast.Name) and target.value.id == me
            ]
            if not assigned:
                continue
            mscope = Scope(class_scope)
            for i, arg in enumerate(params + list(args.kwonlyargs) + [a for a in (args.vararg, args.kwarg) if a]):
                if arg.annotation is not None:
                    mscope.bind(arg.arg, LazyNode("ann", arg.annotation, class_scope))
                else:
                    mscope.bind(arg.arg, LazyNode("self", cls, class_scope, _CLASSMETHOD if _is_classmethod(method) else None) if i == 0 else None)
            self.collect(method.body, mscope)
            for annotation, value in assigned:
                if annotation is not None:
                    out.append(LazyNode("ann", annotation, mscope))
                out.append(LazyNode("expr", value, mscope))
        return out

    def _own_def(self, callee: ast.expr, scope: Optional[Scope]):
        """``(def, its scope, its class or None)`` for a name bound once, to a ``def`` of this file,
        or a method called on ``self`` (``self.latest()``) that its class defines once."""
        if isinstance(callee, ast.Name):
            bound = next((s.bindings[callee.id] for s in _chain(scope or self.scope) if callee.id in s.bindings), ())
            if len(bound) != 1 or not isinstance(bound[0], LazyNode) or bound[0].kind != "def":
                return None
            return bound[0].node, bound[0].scope, None
        if isinstance(callee, ast.Attribute) and isinstance(callee.value, ast.Name):
            marker = self._self_marker(callee.value.id, scope)
            if marker is None:  # ``Runs.view("p")``: a static or class method called on the class itself
                cls = _bound_once(callee.value, scope or self.scope, "class")
                if cls is None:  # ``r.repo()`` of ``r = Runs()`` / ``r: Runs``: a method of the instance's class
                    return self._instance_method(callee, scope)
                defs = [f for f in _functions(cls.node) if f.name == callee.attr]
                return (defs[0], cls.scope, cls.node) if len(defs) == 1 and self._class_level(defs[0]) else None
            defs = [f for f in _functions(marker.node) if f.name == callee.attr]  # ``self.latest()``, ``cls.repo()``
            return (defs[0], marker.scope, marker.node) if len(defs) == 1 else None
        if isinstance(callee, ast.Attribute) and isinstance(callee.value, ast.Call):  # ``Runs().repo()``
            return self._instance_method(callee, scope)
        return None

    def _instance_method(self, callee: ast.Attribute, scope: Optional[Scope]):
        """``(def, class scope, class)`` of ``callee`` (``X.m``) when ``X`` is an instance of a plain
        class of this file, made there (``Runs()``, a name bound once to ``Runs()``, a name
        annotated ``Runs``), whose body defines ``m`` once (what it returns is what the call gives:
        the class's own method comes first in its MRO)."""
        cls = self._made_instance(callee.value, scope)
        defs = [] if cls is None else [f for f in _functions(cls.node) if f.name == callee.attr]
        return (defs[0], cls.scope, cls.node) if len(defs) == 1 else None

    def _made_instance(self, value: ast.expr, scope: Optional[Scope]) -> Optional[LazyNode]:
        """The binding of the class of this file that ``value`` is an instance of, made there:
        ``Runs(...)``, a name bound once to ``Runs(...)``, a name annotated ``Runs`` / ``"Runs"``."""
        where = scope or self.scope
        if isinstance(value, ast.Name):
            bound = _bound_once(value, where, "expr", "ann") or _annotated_once(value, where)
            if bound is None:
                return None
            value, where = bound.node, bound.scope
            if bound.kind == "ann":  # ``r: Runs``: an instance of the class the annotation names
                if isinstance(value, ast.Constant) and isinstance(value.value, str) and value.value.isidentifier():
                    value = ast.copy_location(ast.Name(id=value.value, ctx=ast.Load()), value)
                if isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name):  # ``r: Lazy[Repository]``
                    value = value.value
                return _bound_once(value, where, "class") if isinstance(value, ast.Name) else None
        if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)):
            return None
        return _bound_once(value.func, where, "class")

    def _class_level(self, func) -> bool:
        """Is ``func`` a ``@staticmethod`` / ``@classmethod`` (the builtins, not rebound), and nothing else?"""
        return len(func.decorator_list) == 1 and self._builtin_method_decorator(func.decorator_list[0])

    def _builtin_method_decorator(self, dec: ast.expr) -> bool:
        return isinstance(dec, ast.Name) and dec.id in ("staticmethod", "classmethod") and self.lookup(dec.id) is None

    def _stdlib_decorator(self, dec: ast.expr) -> Optional[str]:
        """``functools.lru_cache`` for ``@lru_cache`` / ``@functools.lru_cache(maxsize=None)``
        (imported from the standard library, not rebound), and the like; else None."""
        dec = dec.func if isinstance(dec, ast.Call) else dec
        if isinstance(dec, ast.Name):
            known = self.stdlib_names.get(dec.id)
            return known if known and "." in known and self.lookup(dec.id) is None else None
        if isinstance(dec, ast.Attribute) and isinstance(dec.value, ast.Name):
            module = self.stdlib_names.get(dec.value.id)
            if (module in ("functools", "contextlib") or module in _CACHING_MODULES) and self.lookup(dec.value.id) is None:
                return f"{module}.{dec.attr}"
        return None

    def _annotated_return(self, callee: ast.expr, scope: Optional[Scope]) -> Optional[str]:
        """What a call of a function of this file returns when its return annotation names a
        class (``def latest() -> PipelineRunView``, ``-> Optional[BaseSecretsManager]``): an
        instance of it. Only for a ``def`` of this file (``_own_def``) without decorators, or
        with only ones that return what it returns (``@functools.lru_cache``, ``@cache``)."""
        own = self._returning_def(callee, scope)
        if own is None:
            return None
        func, where, owner = own
        if func.returns is not None:
            return self._value_of(self._type_argument(callee, scope, func, owner) or LazyNode("ann", func.returns, where))
        if own_returns(func)[1]:  # a generator: ``for run in iter_runs()`` gets what it yields
            item = self._returned_value(func, where, owner, yielded=True)
            return ITEMS + item if item is not None and item.startswith("zenml") else None
        return self._returned_value(func, where, owner)

    def _type_argument(self, callee: ast.expr, scope: Optional[Scope], func, owner: Optional[ast.ClassDef]) -> Optional[LazyNode]:
        """``REPO.get()`` where ``REPO: Lazy[Repository]`` and ``get`` of ``class Lazy(Generic[T])``
        (a class of this file) is annotated ``-> T``: the annotation the type argument gives
        (``Repository``); else None."""
        if owner is None or not isinstance(func.returns, ast.Name) or not isinstance(callee, ast.Attribute) \
                or not isinstance(callee.value, ast.Name):
            return None
        generic = next((b for b in owner.bases if isinstance(b, ast.Subscript) and last_name(b.value) == "Generic"), None)
        params = [last_name(p) for p in _subscript_items(generic)] if generic is not None else []
        bound = _annotated_once(callee.value, scope or self.scope) or _bound_once(callee.value, scope or self.scope, "ann")
        if func.returns.id not in params or bound is None or not isinstance(bound.node, ast.Subscript):
            return None
        if not isinstance(bound.node.value, ast.Name) or bound.node.value.id != owner.name:
            return None
        args = _subscript_items(bound.node)
        return LazyNode("ann", args[params.index(func.returns.id)], bound.scope) if len(args) == len(params) else None

    def _returning_def(self, callee: ast.expr, scope: Optional[Scope]):
        """``_own_def`` of ``callee`` when its decorators (if any) return what it returns
        (``@functools.lru_cache``, ``@staticmethod``), else None."""
        own = self._own_def(callee, scope)
        if own is None or any(self._stdlib_decorator(d) not in _KEEPS_RETURN_PATHS and not self._builtin_method_decorator(d)
                              for d in own[0].decorator_list):
            return None
        return own

    def _unpacked(self, call: ast.Call, index: int, scope: Optional[Scope]) -> Optional[str]:
        """The ``index``-th item of the tuple a function of this file returns (``def load(): return
        Repository(), "training"``; ``repo, name = load()``): every ``return`` a tuple display of
        that length whose items there agree, or a ``-> Tuple[Repository, str]`` annotation."""
        own = self._returning_def(call.func, scope)
        if own is None:
            return None
        func, where, owner = own
        if func.returns is not None:
            items = _subscript_items(func.returns) if isinstance(func.returns, ast.Subscript) and last_name(func.returns.value) in ("Tuple", "tuple") else []
            return self._value_of(LazyNode("ann", items[index], where)) if index < len(items) else None
        return self._returned_value(func, where, owner, index=index)

    def _imported_return(self, callee: ast.expr, scope: Optional[Scope]) -> Optional[str]:
        """What a call of a function of another project module returns (its ``RETURNS_MARK``
        fact): ``from clients import repo`` / ``import clients`` then ``repo()`` / ``clients.repo()``."""
        return self._imported_fact(callee, scope, RETURNS_MARK)

    def _imported_fact(self, callee: ast.expr, scope: Optional[Scope], mark: str) -> Optional[str]:
        """The ``mark`` fact of a function of another project module that ``callee`` names."""
        if not self.project:
            return None
        key = None
        if isinstance(callee, ast.Name):
            bound = next((s.bindings[callee.id] for s in _chain(scope or self.scope) if callee.id in s.bindings), ())
            if len(bound) == 1 and isinstance(bound[0], LazyNode) and bound[0].kind == "project":
                key = bound[0].extra
        elif isinstance(callee, ast.Attribute):
            base = self.resolve(callee.value, scope)
            if base is not None and base.startswith(PROJECT_MODULE):
                key = f"{base[len(PROJECT_MODULE):]}.{callee.attr}"
        return self.project.get(f"{key}.{mark}") if key else None

    def _entered(self, node: ast.expr, scope: Optional[Scope]) -> Optional[str]:
        """``with using_stack("x") as s``: what ``using_stack`` yields when it is a
        ``@contextlib.contextmanager`` function of this file annotated ``-> Iterator[Stack]`` /
        ``Generator[Stack, None, None]`` (an instance of the first type argument; unannotated: what
        its own yields give), or of another project module (its ``ENTERS_MARK`` fact)."""
        if not isinstance(node, ast.Call):
            return None
        own = self._own_def(node.func, scope)
        if own is None:
            return self._imported_fact(node.func, scope, ENTERS_MARK)
        func, where, _ = own
        if len(func.decorator_list) != 1 or self._stdlib_decorator(func.decorator_list[0]) not in CONTEXT_MANAGER_PATHS:
            return None
        if func.returns is None:  # unannotated: what its own ``yield``s give (``yield repo``), when they agree
            return self._returned_value(func, where, own[2], yielded=True)
        first = yielded_annotation(func.returns)
        return None if first is None else self._value_of(LazyNode("ann", first, where))

    def _returned_value(
        self, func, where: Scope, owner: Optional[ast.ClassDef] = None, yielded: bool = False, index: Optional[int] = None
    ) -> Optional[str]:
        """What an unannotated function returns when every ``return`` of its own gives a value and
        those that resolve agree (``def repo(): return Repository()``; a generator gives nothing):
        read in a scope holding its parameters (unknown, or their annotations, or the fixtures
        pytest passes them) and local names. ``yielded``: what a generator's own ``yield``s give
        (a pytest fixture that yields its value)."""
        key = (id(func), yielded, index)
        if key in self._returned:
            return self._returned[key]
        self._returned[key] = None  # a function that returns its own call resolves to nothing
        returns, yields = own_returns(func)
        values = yields if yielded else returns
        if not values or (yields and not yielded):
            return None
        if index is not None:  # ``index``: the item of the tuple every ``return`` gives (``_unpacked``)
            if not all(isinstance(v, ast.Tuple) and len(v.elts) == len(values[0].elts) > index
                       and not any(isinstance(e, ast.Starred) for e in v.elts) for v in values):
                return None
            values = [v.elts[index] for v in values]
        if None in values:  # a bare ``yield``/``return``, or a ``yield from``: the items it gives
            if not yielded or any(isinstance(n, ast.Yield) and n.value is None for n in _own_yields(func)):
                return None
            values = [n.value if isinstance(n, ast.Yield) else n for n in _own_yields(func)]
        scope = Scope(where)
        fixtures = pytest_fixtures.bind_parameters(self, func, scope, where, owner)
        args = func.args
        params = list(args.posonlyargs) + list(args.args) + list(args.kwonlyargs) + [a for a in (args.vararg, args.kwarg) if a]
        for i, arg in enumerate(params):
            if arg.annotation is not None:
                scope.bind(arg.arg, LazyNode("ann", arg.annotation, where))
            elif arg.arg not in fixtures:  # a method's instance parameter reads what the class assigns (``return self.repo``)
                scope.bind(arg.arg, LazyNode("self", owner, where) if i == 0 and owner is not None else None)
        self.collect(func.body, scope)
        found = {_items(self.resolve(value.value, scope)) if isinstance(value, ast.YieldFrom) else self._display_or_value(value, scope)
                 for value in values}
        found.discard(None)
        self._returned[key] = found.pop() if len(found) == 1 else None
        return self._returned[key]

    def _display_or_value(self, node: ast.expr, scope: Scope) -> Optional[str]:
        """What a ``return`` gives: a list/set display (``return [loader(), Trainer()]``) whose items
        agree is a container of that value (``make_steps()[1]``, ``for s in make_steps()``, also
        through another module's ``RETURNS_MARK`` fact); anything else resolves as it is."""
        if isinstance(node, (ast.List, ast.Set)):
            value = _common_value([None if isinstance(e, ast.Starred) else self.resolve(e, scope) for e in node.elts])
            return ITEMS + value if value is not None else None
        return self.resolve(node, scope)

    def _builtin_over_items(self, node: ast.Call, scope: Optional[Scope]) -> Optional[str]:
        """``sorted(view.runs, key=...)`` / ``reversed(...)`` / ``list(...)``: the same items;
        ``max(view.runs, key=...)`` / ``next(iter(...))``: one of them (the builtin not rebound)."""
        func = node.func
        kept = _SAME_ITEMS.get(func.id) if isinstance(func, ast.Name) else None
        at = _ITEMS_ARGUMENT.get(func.id, 0) if kept is not None else 0
        if kept is None or len(node.args) <= at or isinstance(node.args[at], ast.Starred) or self._bound(func.id, scope):
            return None
        container = self.resolve(node.args[at], scope)
        item = _items(container)
        if item is None or not container.startswith(ITEMS) and _items(f"{container}.values") is not None:  # a mapping gives its keys
            return None
        return container if kept == "items" else item

    def _chained_items(self, node: ast.Call, scope: Optional[Scope]) -> Optional[str]:
        """``itertools.chain(view_a.runs, view_b.runs)``: the items of the iterables it chains, when
        they agree; ``itertools.chain.from_iterable(r.steps for r in runs)``: the items of its items
        (``itertools``/``chain`` from the standard library, not rebound)."""
        if not self.stdlib_names or node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            return None
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "from_iterable" and self.is_stdlib(func.value, "itertools.chain"):
            if len(node.args) != 1:
                return None
            inner = _items(self.resolve(node.args[0], scope))
            item = _items(inner) if inner is not None and inner.startswith(("zenml", ITEMS)) else None
        elif self.is_stdlib(func, "itertools.chain") and node.args:
            found = {_items(self.resolve(a, scope)) for a in node.args}
            item = found.pop() if len(found) == 1 else None
        else:
            return None
        return ITEMS + item if item is not None and item.startswith("zenml") else None

    def instance_parameter(self, func: ast.FunctionDef, scope: Optional[Scope]) -> Optional["LazyNode"]:
        """The binding of a method's untyped instance parameter (``self``: what the methods of its
        class assign to ``self.x``), None for a function that is no method of a class of this module."""
        owner = self._method_owner.get(id(func))
        args = func.args
        if owner is None or args.posonlyargs or not args.args or args.args[0].annotation is not None or _is_classmethod(func):
            return None
        return LazyNode("self", owner, scope)

    def _self_marker(self, name: str, scope: Optional[Scope]) -> Optional[LazyNode]:
        """The binding of ``name`` when it is the instance parameter of a method (``self``)."""
        bound = next((s.bindings[name] for s in _chain(scope or self.scope) if name in s.bindings), ())
        marker = next((b for b in bound if isinstance(b, LazyNode) and b.kind == "self"), None)
        return marker if marker is not None and len(bound) == 1 else None

    def _display_subscript(self, node: ast.Subscript, scope: Optional[Scope]) -> Optional[str]:
        """The item a constant key or index picks from a dict/list/tuple display written there or
        bound once to a name: ``{"main": Repository()}["main"]``, ``[Repository()][0]``,
        ``REPOS["main"]`` for ``REPOS = {"main": Repository(), ...}``, and an item of an item picked
        the same way (``NESTED["x"]["main"]``); None when no item is certain (a ``**``/``*`` item, a
        key or index not written as a constant, no such item)."""
        picked = self._picked_item(node, scope, 0)
        return self.resolve(*picked) if picked is not None else None

    def _picked_item(self, node: ast.Subscript, scope: Optional[Scope], depth: int) -> Optional[Tuple[ast.expr, Optional[Scope]]]:
        """``(item expression, its scope)`` of ``_display_subscript``."""
        display, where = node.value, scope
        if isinstance(display, ast.Subscript) and depth < 8:
            inner = self._picked_item(display, where, depth + 1)
            if inner is None:
                return None
            display, where = inner
        if isinstance(display, ast.Name):
            bound = _bound_once(display, where, "expr")
            if bound is None:
                return None
            display, where = bound.node, bound.scope
        index = node.slice
        index = getattr(index, "value", index) if type(index).__name__ == "Index" else index
        if isinstance(display, ast.Dict):
            if None in display.keys or not (isinstance(index, ast.Constant) and isinstance(index.value, (str, int))):
                return None
            picked = [v for k, v in zip(display.keys, display.values) if isinstance(k, ast.Constant) and k.value == index.value]
            return (picked[-1], where) if picked else None
        if isinstance(display, (ast.List, ast.Tuple)) and not any(isinstance(e, ast.Starred) for e in display.elts):
            at = index.value if isinstance(index, ast.Constant) else None
            if isinstance(index, ast.UnaryOp) and isinstance(index.op, ast.USub) and isinstance(index.operand, ast.Constant):
                at = -index.operand.value if isinstance(index.operand.value, int) else None
            if isinstance(at, int) and not isinstance(at, bool) and -len(display.elts) <= at < len(display.elts):
                return display.elts[at], where
        return None

    def _constant_key(self, index: ast.AST, scope: Optional[Scope]) -> Optional[str]:
        """The string a subscript's key is: a literal, or a zenml constant of known value."""
        index = getattr(index, "value", index) if type(index).__name__ == "Index" else index
        if isinstance(index, ast.Constant) and isinstance(index.value, str):
            return index.value
        value = self.resolve(index, scope)
        return api013.CONSTANTS.get(canonical(value)) if value is not None else None

    def _comprehension_item(self, node, scope: Scope) -> Optional[str]:
        """An item of a dict or list comprehension is its value (``elt``) expression, read in the
        scope of the comprehension's variables: ``{r.name: r for r in view.runs}[name]`` (what
        ZM303's fix writes for ``view.get_run(name)``) is a run view."""
        inner = Scope(scope)
        for i, gen in enumerate(node.generators):
            _bind_generator(inner, gen, scope if i == 0 else inner)
        return self.resolve(node.value if isinstance(node, ast.DictComp) else node.elt, inner)

    def _either(self, node, scope: Optional[Scope]) -> Optional[str]:
        """``repo or Repository()`` / ``a if c else Repository()``: the value its operands that
        resolve agree on (an operand that does not resolve, e.g. an ``Optional`` parameter
        that defaults to None, does not count), else None."""
        operands = node.values if isinstance(node, ast.BoolOp) else _live_arms(node, self.dead_branch(node, scope))
        found = {value for value in (self.resolve(o, scope) for o in operands) if value is not None}
        return found.pop() if len(found) == 1 else None

    # ------------------------------------------------------------------ walking
    # ``ast.NodeVisitor``'s walk, same order, without its per-node costs: the visitor of a node
    # class is looked up once per class (not ``getattr`` of a built name per node), fields are
    # read directly (not through the ``iter_fields`` generator), and nodes without fields and
    # without a visitor (``Load``, ``Add``...) are not visited at all
    def visit(self, node: ast.AST):
        cls = node.__class__
        method = _VISITORS.get((type(self), cls))
        if method is None:
            method = _visitor(type(self), cls)
        if method is not _NO_VISIT:
            return method(self, node)
        return None

    def generic_visit(self, node: ast.AST) -> None:
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST):
                        self.visit(item)
            elif isinstance(value, ast.AST):
                self.visit(value)

    def run(self, tree: ast.Module) -> List[Finding]:
        self._walked = tree
        self.bind(tree)
        self.visit(tree)
        splat.judge_definitions(self)
        instance_configuration.judge(self, tree)
        return self.findings

    def bind(self, tree: ast.Module) -> None:
        """The module's names and what they resolve to (lazily), without looking for findings."""
        self.collect(tree.body, self.module_scope)
        if any("global " in line for line in self.lines):  # ``global REPO`` then ``REPO = Repository()`` in a function
            for name, value in _global_assignments(tree):
                self.module_scope.bind(name, LazyNode("expr", value, self.module_scope))
        self._bind_project_stars()

    def _bind_project_stars(self) -> None:
        """``from kit import *``: the names of ``kit`` that reach ZenML (its cross-file facts)
        are this module's, where nothing else here binds them (``from kit import pipeline``
        resolves the same). Passed on to importers by ``_star_exports``, not ``exports``."""
        scope = self.module_scope
        for star in self.project_stars:
            prefix = star + "."
            for key in self.project:
                # a name with a fact of its own, or a function whose calls give a zenml value (``RETURNS_MARK``)
                name, _, mark = key[len(prefix):].partition(".") if key.startswith(prefix) else ("", "", "")
                if mark not in ("", RETURNS_MARK, ENTERS_MARK):
                    continue
                if name and not name.startswith("_") and name not in scope.bindings:
                    scope.bind(name, LazyNode("project", None, scope, prefix + name))
                    self.star_bound.add(name)

    def exports(self) -> Dict[str, str]:
        """Module-level names whose value reaches ZenML: the cross-file facts of this file."""
        out = {}
        for name in self.module_scope.bindings:
            if name in self.star_bound:
                continue  # ``_star_exports``: a use here is not a use of every name
            value = self.lookup(name, self.module_scope)
            if value is not None and self.may_mock and self._from_mock(ast.Name(id=name, ctx=ast.Load())):
                continue  # a mock (``_mock_spec``): a fix of its uses elsewhere would rewrite its plumbing
            if value is not None and not value.startswith(PROJECT_MODULE):
                out[name] = canonical(value)
                if self._bound_by(name, self.module_scope) == "expr":
                    out[f"{name}.{EXPR_MARK}"] = "expr"
                if value.endswith("+") and self._own_constructor(ast.Name(id=name, ctx=ast.Load()), 0, self.module_scope):
                    out[f"{name}.{OWN_INIT_MARK}"] = "own"
                if value.endswith(("+", "+()")):
                    members = self._own_members(ast.Name(id=name, ctx=ast.Load()), self.module_scope)
                    if members is not None:
                        out[f"{name}.{OWN_MEMBERS_MARK}"] = ",".join(sorted(members))
                    declared = self._declared(ast.Name(id=name, ctx=ast.Load()), self.module_scope)
                    if declared is not None:
                        out[f"{name}.{DECLARES_MARK}"] = ",".join(sorted(declared))
        for name, bindings in self.module_scope.bindings.items():
            if len(bindings) == 1 and getattr(bindings[0], "kind", None) in ("class", "project") and name not in self.star_bound:
                factories = self._factories(ast.Name(id=name, ctx=ast.Load()), self.module_scope)
                if factories:
                    out[f"{name}.{FACTORIES_MARK}"] = ",".join(sorted(factories))
        out.update(self._return_facts())
        out.update(self._forward_facts())
        out.update(self._method_facts())
        out.update(self._getter_facts())
        out.update(self._display_facts(out))
        out.update(self.dict_facts())
        out.update(self.gate_facts())
        out.update(splat.splat_exports(self))
        out.update(pytest_fixtures.exports(self))  # a conftest.py's fixtures
        out.update(self.mixin_facts())
        for rule in self.index.rules:
            if rule.exports is not None:  # the facts a rule's check reads in other modules
                out.update(rule.exports(self))
        out.update(self._star_exports(out))
        out.update(self.used_facts())
        from zenml_migrate.scan.component_port import export_facts

        out.update(export_facts(self))  # what a subclass in another module is ported with
        return out

    def used_facts(self) -> Dict[str, str]:
        """``USED_MARK`` facts: the project names this module uses (imports, patches)."""
        self.patch_targets  # noqa: B018 - a patch of a project module's name is a use of it (``_patch_target``)
        return {f"{key}.{USED_MARK}": key for key in self._project_used}

    def _return_facts(self) -> Dict[str, str]:
        """``RETURNS_MARK`` / ``ENTERS_MARK`` facts: module-level functions (bound once) whose calls
        give a zenml value here (or whose ``with`` does), and the ones this module imports from
        another project module (a re-export)."""
        out: Dict[str, str] = {}
        for name, bindings in self.module_scope.bindings.items():
            if len(bindings) != 1 or not isinstance(bindings[0], LazyNode) or name in self.star_bound:
                continue
            binding = bindings[0]
            for mark in (RETURNS_MARK, ENTERS_MARK):
                if binding.kind == "def":
                    callee = ast.Name(id=name, ctx=ast.Load())
                    value = (self._annotated_return(callee, self.module_scope) if mark == RETURNS_MARK
                             else self._entered(ast.Call(func=callee, args=[], keywords=[]), self.module_scope))
                elif binding.kind == "project" and self.project:
                    value = self.project.get(f"{binding.extra}.{mark}")
                else:
                    break
                if value is not None and not value.startswith(PROJECT_MODULE):
                    out[f"{name}.{mark}"] = canonical(value)
        return out

    def _star_exports(self, own: Dict[str, str]) -> Dict[str, str]:
        """``from sdk.zen import *`` in ``sdk/__init__.py``: the names of ``sdk.zen`` that reach
        ZenML are this module's too (``from sdk import BaseStepConfig`` elsewhere), and a use of
        one here (another module importing it from this one) is a use of ``sdk.zen``'s."""
        out: Dict[str, str] = {}
        if not self.project_stars:
            return out
        used = self.used_keys()
        parts = self.module_name.split(".") if self.module_name else []
        for star in self.project_stars:
            prefix = star + "."
            for key, value in self.project.items():
                name = key[len(prefix):] if key.startswith(prefix) else ""
                base = name.split(".")[0]  # ``TEAM_STEPS.__method__.register``: a fact of the name ``TEAM_STEPS``
                bound = base in self.module_scope.bindings and base not in self.star_bound
                dotted = "." in name and name.split(".")[1] not in (METHOD_MARK, CLASS_METHOD_MARK)
                if not name or dotted or name.startswith("_") or name in own or bound:
                    continue
                out[name] = value
                if any(f"{'.'.join(parts[i:])}.{name}" in used for i in range(len(parts))):
                    out[f"{key}.{USED_MARK}"] = key
        return out

    def star_reexports(self, module: str) -> List[str]:
        """The 0.13.2 names ``from <zenml module> import *`` binds here that 0.20's module lacks,
        and that leave this module: listed in its ``__all__`` or imported by another module.
        A query, without side effects: ``visit_ImportFrom``, where the star import is seen, marks
        this module pending (other modules' uses of those names are facts of a later round)."""
        return self._leaving(self._star_removed(module))

    def _star_removed(self, module: str) -> List[str]:
        """The 0.13.2 names ``from <zenml module> import *`` binds here that 0.20's module lacks."""
        from zenml_migrate.scan.zenml_index import exists_020, zenml013

        full = exists_020(module)
        if not full:
            return []
        from zenml_migrate.scan.star_all import gone_zenml_name

        bound = self.module_scope.bindings

        def first_of_gone(name: str) -> bool:
            """Bound by this star import first, and else only by zenml paths 0.20 lacks too (another
            zenml star import re-exporting it: 0.13.2's ``base_analyzer_step`` has no ``__all__``):
            reported once, here; not bound again (the fix's own import)."""
            values = bound.get(name) or [f"{module}.{name}"]
            return values[0] == f"{module}.{name}" and all(v == values[0] or gone_zenml_name(v) for v in values)

        return [
            n for n in zenml013().get(module, {})
            if not n.startswith("_") and exists_020(module, n) & full != full and first_of_gone(n)
        ]

    def _leaving(self, removed: List[str]) -> List[str]:
        """Those of ``removed`` that leave this module (``__all__``, or another module's import)."""
        if not removed:
            return []
        tree = self.tree or self._walked
        listed = dunder_all(tree.body if tree is not None else [])
        return [n for n in removed if n in listed or self.used_elsewhere(n)]

    def used_elsewhere(self, name: str) -> bool:
        """Does another project module import this module's name ``name`` (cross-file facts), or
        a patch call of this module name it (``_patch_target``)?"""
        used = self.used_keys()
        parts = self.module_name.split(".") if self.module_name else []
        if any(key == f"{self.module_name}.{name}" for _, _, key in self.patch_targets):
            return True
        if any(f"{'.'.join(parts[i:])}.{name}" in used for i in range(len(parts))):
            return True
        if parts:
            self.asked_used.add(name)  # an importer's fact of a later round may say yes
        return False

    def used_keys(self) -> Set[str]:
        """The project names some module imports (``USED_MARK`` facts), read once per file."""
        if self._used is None:
            self._used = imported_project_names(self.project)
        return self._used

    def _enter_function(self, node) -> None:
        outer = self.scope
        for dec in node.decorator_list:
            self.visit(dec)
            self._partial_use(dec)
        args = node.args
        for default in list(args.defaults) + [d for d in args.kw_defaults if d is not None]:
            self.visit(default)
        if node.returns is not None:
            self.visit_annotation(node.returns)
        scope = Scope(outer, node)
        self._bind_parameters(node, scope, outer, self._method_owner.get(id(node)), visit=True)
        self.collect(node.body, scope)
        self.scope = scope
        for stmt in self.live_statements(node.body):
            self.visit(stmt)
        self.scope = outer

    def _bind_parameters(self, node, scope: Scope, outer: Scope, owner: Optional[ast.ClassDef], visit: bool) -> None:
        """Bind the parameters of the function ``node`` (defined in ``outer``; a method of ``owner``)
        in its ``scope``: annotated, a pytest fixture, ``self``, what the default gives, what every
        call of the file passes (``_call_site_arg``), else unknown. ``visit``: the walk visits the
        annotations (not when a call site's scope is read, ``_site_scope``)."""
        args = node.args
        all_args = list(args.posonlyargs) + list(args.args) + list(args.kwonlyargs)
        for extra in (args.vararg, args.kwarg):
            if extra is not None:
                all_args.append(extra)
        fixtures = pytest_fixtures.bind_parameters(self, node, scope, outer, owner)  # ``def test_x(clean_repo)``
        positional = list(args.posonlyargs) + list(args.args)
        defaults = {id(a): d for a, d in zip(positional[len(positional) - len(args.defaults):], args.defaults)}
        defaults.update((id(a), d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None)
        for i, arg in enumerate(all_args):
            if arg.annotation is not None:
                if visit:
                    self.visit_annotation(arg.annotation)
                scope.bind(arg.arg, LazyNode("ann", arg.annotation, outer))
            elif arg.arg in fixtures:
                pass
            elif i == 0 and owner is not None and not args.posonlyargs[1:]:
                # untyped, but ``self.x`` is what methods assign
                scope.bind(arg.arg, LazyNode("self", owner, outer, _CLASSMETHOD if _is_classmethod(node) else None))
            elif id(arg) in defaults:  # untyped: what a call without it gives (``def f(cls=BatchOrchestrator)``)
                scope.bind(arg.arg, LazyNode("expr", defaults[id(arg)], outer))
            elif owner is None and outer is self.module_scope and arg in positional:
                # ``show(Repository())``: the one zenml value every call passes (else None: shadows outer names)
                scope.bind(arg.arg, self._call_site_arg(node, positional.index(arg)))
            else:
                scope.bind(arg.arg, None)  # shadows outer names

    visit_FunctionDef = visit_AsyncFunctionDef = _enter_function

    def _call_site_arg(self, func: ast.FunctionDef, index: int) -> Optional[LazyNode]:
        """An untyped parameter of a module-level function that the file only calls with arguments
        giving one zenml value: at module level (``SUMMARY = stack_summary(STACK)``) or in the
        body of a module-level function or a method of a module-level class
        (``def main(): show(Repository())``, each read in that function's scope: ``_site_scope``)."""
        key = (id(func), index)
        if key not in self._call_sites:
            self._call_sites[key] = None
            calls = self._module_calls().get(func.name)
            if calls and len(self.module_scope.bindings.get(func.name, ())) == 1 and not func.decorator_list \
                    and self._sees_every_use(func.name, [call for call, _ in calls]):
                name = func.args.args[index - len(func.args.posonlyargs)].arg if index >= len(func.args.posonlyargs) else None
                given = [(_argument(call, index, name), site) for call, site in calls]
                values = {self.resolve(expr, self._site_scope(*site) if site else self.module_scope) for expr, site in given if expr is not None}
                if all(expr is not None for expr, _ in given) and len(values) == 1 and all(v is not None and v.startswith("zenml") for v in values):
                    expr, site = given[0]
                    self._call_sites[key] = LazyNode("expr", expr, self._site_scope(*site) if site else self.module_scope)
        return self._call_sites[key]

    def _site_scope(self, func, owner: Optional[ast.ClassDef]) -> Scope:
        """The scope of the module-level function (or method of the module-level class ``owner``)
        ``func`` as a call in its body reads it: its parameters (``_bind_parameters``) and local names."""
        scope = self._site_scopes.get(id(func))
        if scope is None:
            outer = self.module_scope
            if owner is not None:  # a method: ``self`` is an instance of its class
                cls = _bound_once(ast.Name(id=owner.name, ctx=ast.Load()), outer, "class")
                outer = cls.scope if cls is not None and cls.node is owner else outer
            scope = self._site_scopes[id(func)] = Scope(outer, func)
            self._bind_parameters(func, scope, outer, owner, visit=False)
            self.collect(func.body, scope)
        return scope

    def _sees_every_use(self, name: str, calls: List[ast.Call]) -> bool:
        """Are ``calls`` (and the ``def``) every spelling of ``name`` in the file? Not when the scan
        walks only some statements (pruned) and the file spells it elsewhere, even in a comment."""
        if self._rest is None:
            return True
        return len(re.findall(rf"(?<![\w.]){re.escape(name)}\b", self.text)) == len(calls) + 1

    def _module_calls(self) -> Dict[str, Optional[List[Tuple[ast.Call, Optional[Tuple[ast.AST, Optional[ast.ClassDef]]]]]]]:
        """Name -> the calls of that name in the file, each with where it is read (None: a module-level
        statement; ``(def, None)``: the body of a module-level function; ``(def, class)``: a method of a
        module-level class), when every use of the name is such a call (None for a name also used
        otherwise, or in a nested function, lambda, comprehension or class body)."""
        if self._calls is None:
            self._calls = {}
            tree = self.top_level()
            for stmt in tree.body if tree is not None else ():
                if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    self._uses_in(stmt.decorator_list + _signature_parts(stmt), None, nested=True)
                    self._uses_in(stmt.body, (stmt, None))
                elif isinstance(stmt, ast.ClassDef):
                    for part in stmt.body:
                        if isinstance(part, (ast.FunctionDef, ast.AsyncFunctionDef)):
                            self._uses_in(part.decorator_list + _signature_parts(part), None, nested=True)
                            self._uses_in(part.body, (part, stmt))
                        else:
                            self._uses_in([part], None, nested=True)
                    self._uses_in(stmt.decorator_list + stmt.bases + stmt.keywords, None, nested=True)
                else:
                    self._uses_in([stmt], None)
        return self._calls

    def _uses_in(self, nodes, site, nested: bool = False) -> None:
        """Record in ``_module_calls`` the calls by name in ``nodes`` read at ``site``; any other use
        of a name (or a call nested in a function, lambda, comprehension or class) rules it out."""
        for top in nodes:
            called = set()
            inner = set()
            for node in walk_nodes(top):  # a call comes before its ``func`` name, a scope before what it holds
                if isinstance(node, _NESTED_SCOPES) or id(node) in inner:
                    inner.update(id(child) for child in ast.iter_child_nodes(node))
                deep = nested or id(node) in inner
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                    called.add(id(node.func))
                    if deep:
                        self._calls[node.func.id] = None
                    elif self._calls.get(node.func.id, []) is not None:
                        self._calls.setdefault(node.func.id, []).append((node, site))
                elif isinstance(node, ast.Name) and id(node) not in called and isinstance(node.ctx, ast.Load):
                    self._calls[node.id] = None

    def _ordering_keys(self, node: ast.Call) -> None:
        """The parameter of a ``map``/``filter`` lambda is an item of what it goes over. What a sort orders by is used as a number (an ``int`` use: ZM309's ordering of view
        ids, UUIDs on 0.20): the ``key=lambda r: r.id`` of ``sorted``/``max``/``min``/``list.sort``
        (its parameter an item of what is sorted) and the items of ``sorted(r.id for r in runs)``."""
        func = node.func
        if isinstance(func, ast.Name) and func.id in ("map", "filter") and len(node.args) == 2 and self.lookup(func.id) is None:
            # ``map(lambda r: r.name, runs)``: the parameter is an item of what is mapped
            key = node.args[0]
            if isinstance(key, ast.Lambda) and len(key.args.args) == 1 and not isinstance(node.args[1], ast.Starred):
                self._lambda_items[id(key)] = (node.args[1], self.scope)
            return
        if isinstance(func, ast.Name) and func.id in _ORDERING_CALLS and self.lookup(func.id) is None:
            items = node.args[0] if len(node.args) == 1 and not isinstance(node.args[0], ast.Starred) else None
        elif isinstance(func, ast.Attribute) and func.attr == "sort" and not node.args:
            items = func.value
        else:
            return
        key = next((k.value for k in node.keywords if k.arg == "key"), None)
        if isinstance(key, ast.Lambda) and len(key.args.args) == 1 and not key.args.vararg and not key.args.kwarg:
            self._mark_int(key.body)
            if items is not None:
                self._lambda_items[id(key)] = (items, self.scope)
        elif key is None and isinstance(items, (ast.GeneratorExp, ast.ListComp)):
            self._mark_int(items.elt)

    def visit_Lambda(self, node: ast.Lambda) -> None:
        outer = self.scope
        scope = Scope(outer)
        items = self._lambda_items.get(id(node))
        for arg in node.args.args:
            scope.bind(arg.arg, LazyNode("iter", items[0], items[1]) if items is not None else None)
        self.scope = scope
        self.visit(node.body)
        self.scope = outer

    def _visit_comprehension(self, node) -> None:
        """Comprehension variables get their own scope, typed by what they iterate over."""
        outer = self.scope
        scope = Scope(outer)
        for i, gen in enumerate(node.generators):
            self.scope = outer if i == 0 else scope  # the first iterable is evaluated outside
            self.visit(gen.iter)
            self.scope = scope
            _bind_generator(scope, gen, outer if i == 0 else scope)
            for cond in gen.ifs:
                self.visit(cond)
        for part in ("elt", "key", "value"):
            child = getattr(node, part, None)
            if child is not None:
                self.visit(child)
        self.scope = outer

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _visit_comprehension

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for dec in node.decorator_list:
            self.visit(dec)
            self._partial_use(dec)
        for base in node.bases:
            self.visit(base)
        for kw in node.keywords:
            self.visit(kw)
        # string class attributes assigned in the body of a user subclass are stores of
        # ``Base+.attr`` (``FLAVOR: ClassVar[str] = "x"`` in a 0.13.2 custom stack component;
        # a 0.20 implementation class assigns its Flavor *class* there, which is not flagged)
        value = self.lookup(node.name)
        if value is not None and value.endswith("+"):
            # a custom stack component in the 0.13.2 shape (scan/component_port.py decides: a
            # ``FLAVOR`` string or constant, or a base class with fields and no ``FLAVOR``)
            path = f"{value}.FLAVOR"
            if canonical(path) in self.index.exact:
                from zenml_migrate.scan.component_port import flavor_site

                site = flavor_site(self, node)
                if site is not None:
                    self._report_path(path, "store", self._span(site), kind="classattr", node=site)
            for stmt in node.body:
                if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and _is_str(stmt.value):
                    for target in stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]:
                        if not isinstance(target, ast.Name) or target.id == "FLAVOR":
                            continue
                        path = f"{value}.{target.id}"
                        # only rules naming the attribute exactly (a removed-module prefix would
                        # flag every field of the class)
                        if canonical(path) in self.index.exact:
                            self._report_path(path, "store", self._span(target), kind="classattr", node=target)
        # class bodies bind in their own namespace, invisible to nested functions
        outer = self.scope
        scope = Scope(outer)
        for method in _methods(node):
            self._method_owner[id(method)] = node
        made = self._value_of(LazyNode("class", node, outer)) if node.bases else None
        if made is None or not made.startswith("zenml"):
            # a mixin's classmethods: ``cls`` is the class mixing it in; a plain class's (``unittest.TestCase``'s
            # ``setUpClass``): the class, whose ``cls.repo`` is what its methods assign (``_attribute_bindings``)
            for method in node.body:
                if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) and _is_classmethod(method):
                    self._method_owner[id(method)] = node
        self.collect(node.body, scope)
        self.scope = scope
        for stmt in node.body:
            self.visit(stmt)
        self.scope = outer

    def dead_branch(self, node, scope: Optional[Scope] = None) -> Optional[str]:
        """``"body"``/``"orelse"``: the branch of a version gate (an ``if`` statement or
        expression) that runs on neither 0.20 release (scan/version_gate.py): the user's legacy
        code, no finding there."""
        if self._gates is None:
            self._gates = Gates(self.top_level, lambda n: self.resolve(n, self._gate_scope), self._gate_name)
        outer, self._gate_scope = self._gate_scope, scope or self.scope
        try:
            return self._gates.dead_branch(node)
        finally:
            self._gate_scope = outer

    def live_statements(self, body: List[ast.stmt], scope: Optional[Scope] = None) -> List[ast.stmt]:
        """``body`` up to a version gate whose branch that runs on 0.20 leaves the block
        (``if NEW_ZENML: ... return``): what follows it runs on the older release only."""
        for i, stmt in enumerate(body):
            if isinstance(stmt, ast.If) and i + 1 < len(body):
                dead = self.dead_branch(stmt, scope)
                if dead is not None and _exits(stmt.orelse if dead == "body" else stmt.body):
                    return body[: i + 1]
        return body

    def gate_facts(self) -> Dict[str, str]:
        """``NAME.__zenml_gate__``: the truth on 0.20.0, 0.20.5, 0.13.2 of each module-level name
        bound once to a version gate (``LEGACY = zenml.__version__ < "0.20"``), for importers."""
        out: Dict[str, str] = {}
        if not self._flags and "version" not in self.text:
            return out
        if self._gates is None:
            self._gates = Gates(self.top_level, lambda n: self.resolve(n, self._gate_scope), self._gate_name)
        self._gate_scope = self.module_scope
        for name, bindings in self.module_scope.bindings.items():
            truth = self._flag_truth(self.module_scope, name) if self._flags else None
            if truth is not None:
                out[f"{name}.{GATE_MARK}"] = _gate_fact(truth)
            elif len(bindings) == 1 and isinstance(bindings[0], LazyNode) and bindings[0].kind == "expr":
                truth = self._gates.truth(bindings[0].node)
                if truth is not None:
                    out[f"{name}.{GATE_MARK}"] = _gate_fact(truth)
        self._gate_scope = None
        return out

    def _gate_name(self, node: ast.Name):
        """What a name in a gate is: the expression it is bound to (once), a project module's
        gate (its truths), or None."""
        scope = self._gate_scope
        while scope is not None and node.id not in scope.bindings:
            scope = scope.parent
        if scope is None:
            return None
        flagged = self._flag_truth(scope, node.id) if self._flags else None
        if flagged is not None:
            return flagged
        if len(scope.bindings[node.id]) != 1:
            return None
        binding = scope.bindings[node.id][0]
        if isinstance(binding, _Fallback):
            binding = binding.value
        if not isinstance(binding, LazyNode):
            return None
        if binding.kind == "expr":
            return binding.node
        if binding.kind == "project" and binding.extra:
            fact = self.project.get(f"{binding.extra}.{GATE_MARK}", "")
            return tuple(None if c == "?" else c == "1" for c in fact[5:]) if fact.startswith("gate:") else None
        return None

    def _live_try(self, node: ast.Try) -> List[ast.stmt]:
        """The statements of a ``try:`` that run on 0.20: all, but for a shim written the other
        way round (``try: <0.13 import> / except ImportError: <0.20 import>``,
        import_fallback.legacy_try) those before its import that 0.20 lacks."""
        handlers = [h for h in node.handlers if _catches_import_error(h)]
        if len(handlers) != 1 or len(node.handlers) != 1:
            return node.body
        live = legacy_try(node.body, handlers[0].body)
        return node.body if live == len(node.body) else node.body[:live]

    def visit_If(self, node: ast.If) -> None:
        """``if isinstance(c, KubeflowOrchestrator):``: in the body, ``c`` is an instance of that
        class (its value may be unknown, or a base class's, outside). In a function the body gets
        a scope of its own; at module level (where the module scope must stay the walked one)
        the narrowed binding comes first in the module scope while the body is walked. The
        branch of a version gate that 0.20 never runs is not looked at (``dead_branch``)."""
        self.visit(node.test)
        dead = self.dead_branch(node)
        narrowed = _isinstance_tests(node.test)
        if narrowed and self._bound("isinstance"):
            narrowed = []
        outer = self.scope
        added = []
        if narrowed and outer is self.module_scope:
            for name, cls in narrowed:
                binding = LazyNode("ann", cls, outer)
                outer.bindings.setdefault(name, []).insert(0, binding)
                outer.cache.pop(name, None)
                added.append((name, binding))
        elif narrowed:
            self.scope = Scope(outer)
            for name, cls in narrowed:
                self.scope.bind(name, LazyNode("ann", cls, outer))
        for stmt in node.body if dead != "body" else ():
            self.visit(stmt)
        self.scope = outer
        for name, binding in added:
            bindings = outer.bindings[name]
            bindings.remove(binding)
            if not bindings:
                del outer.bindings[name]
            outer.cache.pop(name, None)
        for stmt in node.orelse if dead != "orelse" else ():
            self.visit(stmt)

    def visit_IfExp(self, node: ast.IfExp) -> None:
        """``A if NEW_ZENML else B``: the arm of a version gate 0.20 never runs is not looked at."""
        self.visit(node.test)
        for arm in _live_arms(node, self.dead_branch(node)):
            self.visit(arm)

    def visit_Try(self, node: ast.Try) -> None:
        for stmt in self._live_try(node):
            self.visit(stmt)
        for handler in node.handlers:
            if handler.type is not None:
                self.visit(handler.type)
            # a handler that runs on 0.20 (its try can fail there) is code like any other
            if self._never_runs(node, handler):
                continue  # its ``try`` imports on 0.20 and does nothing else: 0.20 never runs it (the older side)
            fallback = _catches_import_error(handler) and not try_can_fail(node.body, self._absolute_module)
            self._in_fallback += fallback
            for stmt in handler.body:
                self.visit(stmt)
            self._in_fallback -= fallback
        for stmt in node.orelse + node.finalbody:
            self.visit(stmt)

    visit_TryStar = visit_Try

    def visit_Import(self, node: ast.Import) -> None:
        spans = None
        for i, alias in enumerate(node.names):
            if in_zenml(alias.name):
                self.uses_zenml = True
                if not self._in_fallback:
                    spans = spans or alias_spans(node, self.lines)
                    self._report_path(alias.name, "load", spans[i], kind="import", node=alias)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = self._absolute_module(node) if node.level else (node.module or "")
        if not in_zenml(module):
            if module in self.project_modules and not self._in_fallback:  # a facade's name 0.20's star import lacks
                if node.names[0].name != "*":
                    star_all.report_imports(self, node, module)
                elif module in self.project_stars and self.scope is self.module_scope:
                    star_all.report_uses(self, node, module)
            return
        self.uses_zenml = True
        if self._in_fallback:
            return
        for alias, span in zip(node.names, alias_spans(node, self.lines)):
            if alias.name == "*":
                self._report_path(module, "load", span, kind="import", node=alias)
                removed = self._star_removed(module) if self.scope is self.module_scope else []
                if removed:
                    self.pending = True  # another module's use of one of them is a fact of a later round
                for name in self._leaving(removed):  # fixed by importing it under its old name
                    self._report_path(f"{module}.{name}", "load", span, kind="import", module=module, node=alias)
            else:
                self._report_path(f"{module}.{alias.name}", "load", span, kind="import", module=module, node=alias)

    def visit_Name(self, node: ast.Name) -> None:
        if not isinstance(node.ctx, ast.Load):
            return  # a binding target is not a use of the value bound to it
        value = self.lookup(node.id)
        if value is None:
            return
        ctx = self._use_ctx(node)
        bound = self._bound_by(node.id)
        # an int use is new: the assignment was a plain load; so is the use of an alias of a name
        # whose rule rewrites each use (``tracked = enable_mlflow``, then ``@tracked``)
        if ctx == "int" or bound != "expr" or self.index.ported_where_used(value):
            before = len(self.findings)
            self._report_path(value, ctx, self._span(node), kind="imported" if bound == "project" else "name", node=node)
            if bound == "project" and node.id in self.star_bound and len(self.findings) == before:
                star_all.report_star_use(self, node, self.bindings_of(node.id))

    def _bound_by(self, name: str, scope: Optional[Scope] = None) -> Optional[str]:
        """The kind of binding that gives ``name`` its value: ``expr`` for a variable holding the
        value of an expression of this file (``pipelines = Repository().get_pipelines()``: that
        expression is reported where it is written; every later use of the variable is the same
        use, not another finding) or of another project module (its ``EXPR_MARK`` fact: the same
        holds for an importer), ``project`` for another name imported from a project module."""
        scope = scope or self.scope
        while scope is not None and name not in scope.bindings:
            scope = scope.parent
        if scope is None:
            return None
        for binding in scope.bindings[name]:
            if isinstance(binding, _Fallback):
                binding = binding.value
            if self._value_of(binding) is not None:
                if not isinstance(binding, LazyNode):
                    return None
                return "expr" if binding.kind == "project" and self._holds_expression(binding.extra) else binding.kind
        return None

    def _holds_expression(self, key: Optional[str]) -> bool:
        """Does the project name ``key`` (``settings.RUNS``) hold the value of an expression of its module?"""
        return bool(key) and f"{key}.{EXPR_MARK}" in self.project

    # ---------------------------------------------------------------- int uses
    # a value used directly as a number (arithmetic, ordering, int()/range(), an index) is an
    # ``int`` use: rules about values whose type changed (ZM309: ids became UUIDs) look only there
    def _mark_int(self, *nodes) -> None:
        for n in nodes:
            if isinstance(n, (ast.Attribute, ast.Name)):
                self._int_uses.add(id(n))

    def visit_BinOp(self, node: ast.BinOp) -> None:
        if not (isinstance(node.op, ast.Mod) and isinstance(node.left, (ast.JoinedStr, ast.Constant))):
            self._mark_int(node.left, node.right)  # ``"%d" % x``: printf formatting takes ``__int__`` (a UUID has it)
        self.generic_visit(node)

    # a value formatted with a non-empty spec (``f"{x:04d}"``, ``"{:>6}".format(x)``, ``format(x, "x")``)
    # or encoded by ``json.dump(s)`` relies on its type too: a UUID has no format spec
    # (``object.__format__``: TypeError) and is not JSON serializable. Both are ``int`` uses.
    def visit_FormattedValue(self, node: ast.FormattedValue) -> None:
        if node.conversion == -1 and isinstance(node.format_spec, ast.JoinedStr) and node.format_spec.values:
            self._mark_int(node.value)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        # ``record = {"id": run.id}`` ... ``json.dump(record, f)`` in the same function: the literal is what is
        # encoded; so is a value stored into it (``record["id"] = run.id``, ``record["steps"][0] = ...``)
        if self.stdlib_names and len(node.targets) == 1 and self._json_filled(node.targets[0]):
            stored = isinstance(node.targets[0], ast.Subscript)
            self._mark_int(*(x for x in _json_items(node.value) if stored or x is not node.value))
        self.generic_visit(node)

    def _json_filled(self, expr: ast.expr) -> bool:
        """Is ``expr`` a name given to ``json.dump(s)`` in this function (``record``), or an item of one
        (``record["steps"]``)?"""
        while isinstance(expr, ast.Subscript):
            expr = expr.value
        return isinstance(expr, ast.Name) and expr.id in self._json_dumped().get(id(self.scope.node), ())

    def _json_dumped(self) -> Dict[int, Set[str]]:
        """The names given to ``json.dump(s)`` (no ``default=``/``cls=``), per ``def`` (key: the
        ``def`` node's id, or id(None) for the module's own statements); computed once per file."""
        if self._dumped is None:
            self._dumped = {}
            tree = self.tree or self._walked
            if tree is not None and any(v == "json" or v.startswith("json.") for v in self.stdlib_names.values()):
                self._collect_dumped(tree, None)
        return self._dumped

    def _collect_dumped(self, body: ast.AST, owner: Optional[ast.AST]) -> None:
        for child in ast.iter_child_nodes(body):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self._collect_dumped(child, child)
                continue
            if isinstance(child, ast.Call) and self._dumps_json(child) and isinstance(child.args[0], ast.Name):
                self._dumped.setdefault(id(owner), set()).add(child.args[0].id)
            self._collect_dumped(child, owner)

    def _dumps_json(self, node: ast.Call) -> bool:
        return bool(node.args) and not any(k.arg in ("default", "cls") for k in node.keywords) and (
            self.is_stdlib(node.func, "json.dumps") or self.is_stdlib(node.func, "json.dump")
        )

    def _typed_uses(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Name) and func.id == "format" and len(node.args) == 2 and self.bindings_of("format") is None:
            spec = node.args[1]
            if isinstance(spec, ast.Constant) and isinstance(spec.value, str) and spec.value:
                self._mark_int(node.args[0])
        elif isinstance(func, ast.Attribute) and func.attr == "format" and _is_str(func.value):
            self._mark_int(*_spec_formatted(func.value.value, node))
        elif self.stdlib_names and self._dumps_json(node):
            self._mark_int(*_json_items(node.args[0]))
        elif isinstance(func, ast.Attribute) and func.attr in _FILLING and self.stdlib_names and self._json_filled(func.value):
            # ``record["steps"].append({"id": s.id})``, ``record.update(first=run.id)``: encoded with it
            self._mark_int(*(x for v in [*node.args, *(k.value for k in node.keywords)] for x in _json_items(v)))

    def visit_UnaryOp(self, node: ast.UnaryOp) -> None:
        if not isinstance(node.op, ast.Not):
            self._mark_int(node.operand)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._mark_int(node.value)
        if self.stdlib_names and self._json_filled(node.target):  # ``record["ids"] += [run.id]``: encoded with it
            self._mark_int(*_json_items(node.value))
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        if any(isinstance(op, _ORDERING) for op in node.ops):
            self._mark_int(node.left, *node.comparators)
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        index = node.slice
        index = getattr(index, "value", index) if type(index).__name__ == "Index" else index
        self._mark_int(index)
        spelled = last_name(node.value)
        if self._annotation and spelled in _NOT_TYPES:  # ``Literal["a"]``: values; ``Annotated[T, "doc"]``: T is the type
            self.visit(node.value)
            if spelled == "Annotated" and isinstance(index, ast.Tuple) and index.elts:
                self.visit(index.elts[0])
            return
        if not self._annotation and spelled in _GENERICS:  # ``ConfigLike = Union["BaseStepConfig", dict]``
            self.visit(node.value)
            self.visit_annotation(node.slice)
            return
        self.generic_visit(node)
        if not self._annotation and _is_str(index) and isinstance(node.ctx, ast.Load):
            # ``StackComponentType["METADATA_STORE"]``: a zenml enum member looked up by its name
            # is that member (KeyError on 0.20 when it is gone); reported as the attribute, no fix
            base = self.resolve(node.value)
            enum = canonical(base) if base is not None else ""
            if enum.startswith(_ENUMS) and "." not in enum[len(_ENUMS):]:
                self._dynamic.add(id(node))
                self._report_path(f"{base}.{index.value}", "load", self._span(node), kind="attr", module=base, node=node)

    # ------------------------------------------------------- string annotations
    # ``def f(config: "BaseStepConfig")``, ``List["Repository"]``, a pydantic field annotated
    # ``Optional["DockerConfiguration"]``: a string annotation is a type expression that
    # ``typing.get_type_hints`` evaluates (0.20 does for every step signature). The string is
    # parsed as an expression and walked as if written there, its positions mapped into the file
    # (only a one-line literal with no escape, whose characters are the expression's own)
    def visit_annotation(self, node: ast.expr) -> None:
        self._annotation += 1
        try:
            self.visit(node)
        finally:
            self._annotation -= 1

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self.visit(node.target)
        self.visit_annotation(node.annotation)
        if node.value is not None:
            self.visit(node.value)

    def quoted_expression(self, node: ast.Constant) -> Optional[ast.expr]:
        """The expression a string annotation holds, at its place in the file; None when the
        literal is not one plain line (escapes, implicit concatenation) or holds no expression."""
        if not isinstance(node.value, str) or node.lineno != node.end_lineno or not 0 < node.lineno <= len(self.lines):
            return None
        line = self.lines[node.lineno - 1]
        start = char_col(self.lines, node.lineno, node.col_offset)
        end = char_col(self.lines, node.lineno, node.end_col_offset)
        literal = line[start:end]
        head = len(literal) - len(literal.lstrip("rRuU"))
        quote = literal[head : head + 3] if literal[head : head + 3] in ('"""', "'''") else literal[head : head + 1]
        if "\\" in literal or literal != f"{literal[:head]}{quote}{node.value}{quote}" or not node.value.strip():
            return None
        try:
            expr = ast.parse(node.value, mode="eval").body
        except (SyntaxError, ValueError):
            return None
        base = len(line[: start + head + len(quote)].encode("utf-8"))
        for sub in ast.walk(expr):
            if hasattr(sub, "lineno"):
                if sub.lineno != 1 or sub.end_lineno != 1:
                    return None
                sub.lineno = sub.end_lineno = node.lineno
                sub.col_offset += base
                sub.end_col_offset += base
            self._quoted.add(id(sub))
        return expr

    def quoted(self, node: ast.AST) -> Optional[ast.expr]:
        """The expression the walk read from the string annotation ``node`` (None: not read)."""
        return self._quoted_exprs.get(id(node))

    def in_string(self, node: ast.AST) -> bool:
        """Was ``node`` read from inside a string annotation (``quoted_expression``)?"""
        return id(node) in self._quoted

    def _use_ctx(self, node) -> str:
        ctx = _ctx(node)
        return "int" if ctx == "load" and id(node) in self._int_uses else ctx

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if isinstance(node.value, ast.Call):  # ``importlib.import_module("zenml.x.y").Old``: see ``_string_pair``
            self._string_pair(node.value, node.attr)
        self.visit(node.value)
        base = self.resolve(node.value)
        if base is not None and base.startswith(PROJECT_MODULE):
            value = self.resolve(node)  # a name of a project module: report what it is
            held = self._holds_expression(f"{base[len(PROJECT_MODULE):]}.{node.attr}")
            if value is not None and (not held or self._use_ctx(node) == "int"):
                # ``shim.Repo`` is ``from shim import Repo`` (``visit_Name``): a name ``shim`` binds
                # (an import, a table's pair) is renamed there, which keeps the name
                table = f"{base[len(PROJECT_MODULE):]}.{node.attr}.{TABLE_MARK}" in self.project
                kind = "imported" if table or not held else "name"
                self._report_path(value, _ctx(node), self._span(node), kind=kind, node=node)
        elif base is not None:
            own = self._own_members(node.value, self.scope) if "+" in base else None
            if own is None or node.attr not in own:
                if own is not None and base.endswith("+()") and node.attr not in self._stored_attributes():
                    base = plain(base)  # every member the user's classes add is known: the zenml class's own
                path = f"{base}.{node.attr}"
                if self.may_mock and self._from_mock(node.value):
                    if node.attr in _MOCK_MEMBERS:
                        return  # the mock's own member (``m.return_value``, ``m.assert_not_called()``): every mock has it
                    self._mocked.add(id(node))
                if self._mixins and isinstance(node.value, ast.Name) and self._on_mixin_self(node.value):
                    self._mixed.add(id(node))
                self._report_path(path, self._use_ctx(node), self._span(node), kind="attr", module=base, node=node)
        elif isinstance(node.value, ast.Name):
            owner = self._forward_base(node, self.scope)
            if owner is not None:
                self._report_path(f"{owner}.{node.attr}", self._use_ctx(node), self._span(node), kind="attr", module=owner, node=node)
            else:
                self._each_item(node)
        elif isinstance(node.value, (ast.Subscript, ast.Call)):
            self._each_item(node)

    def _spelled(self, node: ast.Call, scope: Optional[Scope] = None) -> Optional[Tuple[str, Optional[str]]]:
        """``importlib.import_module("zenml.steps")`` -> ``("zenml.steps", None)`` and
        ``getattr(zsteps, "BaseStepConfig")`` -> ``("zenml.steps", "BaseStepConfig")``: a zenml
        module or attribute spelled as a string literal (``importlib``/``getattr`` not rebound)."""
        func, args = node.func, node.args
        if isinstance(func, ast.Name) and func.id == "getattr" and len(args) in (2, 3) and _is_str(args[1]):
            if not self._bound("getattr", scope):
                base = self.resolve(args[0], scope)
                if base is not None and base.startswith("zenml") and not base.startswith(PROJECT_MODULE):
                    return base, args[1].value
            return None
        helper = self._getattr_helper(node, scope)
        if helper is not None:
            return helper[:2]
        chain = self._attrgetter_chain(node, scope)
        if chain:
            return chain[-1]
        called = self._methodcaller_member(node, scope)
        if called is not None:
            return called
        if (
            self._importlib_call(func, scope) == "import_module"
            and len(args) == 1 and _is_str(args[0]) and (args[0].value == "zenml" or args[0].value.startswith("zenml."))
        ):
            return args[0].value, None
        if self._is_dunder_import(func, scope) and args and _is_str(args[0]):
            module = args[0].value  # ``__import__("zenml.x", fromlist=[...])`` is ``zenml.x``; without: ``zenml``
            fromlist = args[3] if len(args) > 3 else next((k.value for k in node.keywords if k.arg == "fromlist"), None)
            if in_zenml(module):
                empty = fromlist is None or (isinstance(fromlist, (ast.List, ast.Tuple)) and not fromlist.elts)
                return (module if not empty else "zenml"), None
        return None

    def getattr_helper(self, node: ast.Call):
        """``(module, name, the argument's position or keyword)`` when ``node`` calls a getattr
        helper of this file with a literal name (``_getattr_helper``); None for any other call."""
        return self._getattr_helper(node)

    def _getattr_helper(self, node: ast.Call, scope: Optional[Scope] = None):
        """``config_class("BaseStepConfig")`` where ``def config_class(name): return getattr(zenml.steps,
        name)`` (a ``def`` of this file, no decorators, that one ``return`` its only one): the call
        reads ``zenml.steps.BaseStepConfig`` as ``getattr(zenml.steps, "BaseStepConfig")`` does.
        ``(module, name, the argument's position or keyword)``, or None."""
        own = self._own_def(node.func, scope) if isinstance(node.func, ast.Name) else None
        if own is None or own[0].decorator_list or isinstance(own[0], ast.Lambda):
            return None
        func, where, _ = own
        returns, yields = own_returns(func)
        if yields or len(returns) != 1:
            return None
        ret = returns[0]
        if not (isinstance(ret, ast.Call) and isinstance(ret.func, ast.Name) and ret.func.id == "getattr"
                and len(ret.args) in (2, 3) and not ret.keywords and isinstance(ret.args[1], ast.Name)):
            return None
        args = func.args
        positional = [a.arg for a in args.posonlyargs + args.args]
        param = ret.args[1].id
        if param not in positional + [a.arg for a in args.kwonlyargs]:
            return None
        stored = {n.id for n in ast.walk(func) if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del))}
        base_name = ret.args[0]
        while isinstance(base_name, ast.Attribute):
            base_name = base_name.value
        params = set(positional) | {a.arg for a in args.kwonlyargs} | {a.arg for a in (args.vararg, args.kwarg) if a}
        if param in stored or not isinstance(base_name, ast.Name) or base_name.id in params | stored:
            return None  # the name or the object is the function's own value, not the caller's literal
        given = [(kw.arg, kw.value) for kw in node.keywords if kw.arg == param]
        if param in positional and positional.index(param) < len(node.args):
            given.append((positional.index(param), node.args[positional.index(param)]))
        if len(given) != 1 or not _is_str(given[0][1]) or any(isinstance(a, ast.Starred) for a in node.args):
            return None
        if self._bound("getattr", where):
            return None
        base = self.resolve(ret.args[0], where)
        if base is None or not base.startswith("zenml") or base.startswith(PROJECT_MODULE):
            return None
        return base, given[0][1].value, given[0][0]

    def _attrgetter_chain(self, node: ast.Call, scope: Optional[Scope] = None) -> List[Tuple[str, str]]:
        """``operator.attrgetter("active_stack.metadata_store")(repo)`` (the getter written in the
        call, or a name bound once to it: ``store_of = attrgetter(...)`` here, or in another project
        module: its ``GETTER_MARK`` fact; ``operator`` not rebound) reads
        ``repo.active_stack.metadata_store``: the ``(object, attribute)`` pairs it reads, in order,
        when ``repo`` is a zenml value; else empty."""
        if self._has_getters is None:  # ``operator`` imported when first asked (a project getter: its fact, below)
            self._has_getters = "operator" in self.stdlib_names.values() or "operator.attrgetter" in self.stdlib_names.values()
        if len(node.args) != 1 or node.keywords or isinstance(node.args[0], ast.Starred):
            return []
        getter, dotted = node.func, None
        if isinstance(getter, ast.Name):
            bound = next((s.bindings[getter.id] for s in _chain(scope or self.scope) if getter.id in s.bindings), ())
            if len(bound) != 1 or not isinstance(bound[0], LazyNode) or bound[0].kind not in ("expr", "project"):
                return []
            if bound[0].kind == "project":
                dotted = self.project.get(f"{bound[0].extra}.{GETTER_MARK}")
            getter = bound[0].node
        if dotted is None:
            dotted = self._getter_string(getter)
            if dotted is not None and not self._has_getters and not any(key.endswith(GETTER_MARK) for key in self.project):
                return []  # ``operator`` imported after the first ask, and no getter fact: none followed, as then
        if dotted is None:
            return []
        base = self.resolve(node.args[0], scope)
        if base is None or not base.startswith("zenml") or base.startswith(PROJECT_MODULE):
            return []
        out: List[Tuple[str, str]] = []
        for part in dotted.split("."):
            out.append((base, part))
            base = api013.PROPERTIES.get(plain(canonical(f"{base}.{part}")), f"{base}.{part}")
        return out

    def _methodcaller_member(self, node: ast.Call, scope: Optional[Scope] = None) -> Optional[Tuple[str, str]]:
        """``operator.methodcaller("get_pipeline", "p")(repo)`` (the caller written in the call, or a
        name bound once to it; ``operator`` not rebound) calls ``repo.get_pipeline("p")``: ``(the
        value of repo, "get_pipeline")`` when ``repo`` is a zenml value; else None."""
        if len(node.args) != 1 or node.keywords or isinstance(node.args[0], ast.Starred) or not self.stdlib_names:
            return None
        caller = node.func
        if isinstance(caller, ast.Name):
            bound = _bound_once(caller, scope or self.scope, "expr")
            caller = bound.node if bound is not None else None
        if not (isinstance(caller, ast.Call) and caller.args and _is_str(caller.args[0]) and caller.args[0].value.isidentifier()):
            return None
        if not self.is_stdlib(caller.func, "operator.methodcaller"):
            return None
        base = self.resolve(node.args[0], scope)
        if base is None or not base.startswith("zenml") or base.startswith(PROJECT_MODULE):
            return None
        return base, caller.args[0].value

    def _getter_string(self, getter: Optional[ast.AST]) -> Optional[str]:
        """``"a.b"`` for ``operator.attrgetter("a.b")`` / ``attrgetter("a.b")`` (one dotted name,
        from the standard library, not rebound); else None."""
        if not (isinstance(getter, ast.Call) and len(getter.args) == 1 and not getter.keywords and _is_str(getter.args[0])):
            return None
        func = getter.func
        if isinstance(func, ast.Name):
            known = self.stdlib_names.get(func.id) == "operator.attrgetter" and self.lookup(func.id) is None
        else:
            known = (isinstance(func, ast.Attribute) and func.attr == "attrgetter" and isinstance(func.value, ast.Name)
                     and self.stdlib_names.get(func.value.id) == "operator" and self.lookup(func.value.id) is None)
        dotted = getter.args[0].value
        return dotted if known and all(part.isidentifier() for part in dotted.split(".")) else None

    def _getter_facts(self) -> Dict[str, str]:
        """``GETTER_MARK`` facts: module-level names bound once to an ``operator.attrgetter("a.b")``."""
        out: Dict[str, str] = {}
        if "operator" not in self.stdlib_names.values() and "operator.attrgetter" not in self.stdlib_names.values():
            return out
        for name, bindings in self.module_scope.bindings.items():
            if len(bindings) == 1 and isinstance(bindings[0], LazyNode) and bindings[0].kind == "expr" and name not in self.star_bound:
                dotted = self._getter_string(bindings[0].node)
                if dotted is not None:
                    out[f"{name}.{GETTER_MARK}"] = dotted
        return out

    def _display_facts(self, known: Dict[str, str]) -> Dict[str, str]:
        """Module-level names bound once to a dict/list/tuple display whose items all resolve to
        the same zenml value (``PIPELINES = {"a": a_pipeline, "b": b_pipeline}``): ``VALUES`` (a dict)
        or ``ITEMS`` + that value, so a module importing the name reads ``PIPELINES[kind](...)`` as
        it would the value (in this file an item picked by a key that is no constant: ``_each_item``)."""
        out: Dict[str, str] = {}
        for name, bindings in self.module_scope.bindings.items():
            if name in known or name in self.star_bound or len(bindings) != 1:
                continue
            bound = bindings[0]
            if not (isinstance(bound, LazyNode) and bound.kind == "expr" and isinstance(bound.node, (ast.Dict, ast.List, ast.Tuple))):
                continue
            display = bound.node
            if isinstance(display, ast.Dict):
                items, mark = (display.values if None not in display.keys else []), VALUES
            else:
                items, mark = display.elts, ITEMS
            value = _common_value([None if isinstance(e, ast.Starred) else self.resolve(e, self.module_scope) for e in items])
            if value is not None:
                out[name] = mark + canonical(value)
        return out

    # ----------------------------------------------- classes loaded by a string pair
    # ``getattr(importlib.import_module("zenml.config.docker_configuration"), "DockerConfiguration")``
    # and ``__import__("zenml.steps.base_step_config", fromlist=["BaseStepConfig"])``: a module and
    # the names taken from it, all spelled as strings. When every name is renamed exactly (a rename
    # rule's 0.20 target, one 0.20 module that has them all), the pair is rewritten to the 0.20
    # spelling (``"zenml.config"`` / ``"DockerSettings"``) by the rename rule's fix, which reports
    # it; the module alone is then not reported (the rename explains it)
    def exact_rename(self, module: str, name: str) -> Optional[Tuple[str, str]]:
        """``(0.20 module, 0.20 name)`` a rename rule gives ``module.name`` when 0.20 lacks the pair
        and both 0.20 releases have the target; else None."""
        from zenml_migrate.scan.zenml_index import ALL_020, exists_020

        if exists_020(module, name) == ALL_020:
            return None
        for rule in self.index.refs(f"{module}.{name}", "load"):
            target = rule.rename_targets().get(name) if rule.codemod == _RENAMES and not rule.arg("attr") else None
            if target is not None and exists_020(*target) == ALL_020:
                return target
        return None

    @property
    def patch_targets(self) -> List[Tuple[ast.expr, str, str]]:
        """``(string node, patcher, "<module>.<name>")`` of the calls that patch a name of a
        project module or of this one (``_patch_target``), found on first use."""
        if self._patch_targets is None:
            self._patch_targets = []
            text = self.text
            if ("patch" in text or "setattr" in text or "delattr" in text) and _PATCH_CALL.search(text):
                for node in walk_nodes(self.tree):
                    if isinstance(node, ast.Call):
                        self._patch_target(node)
        return self._patch_targets

    def _patch_target(self, node: ast.Call) -> None:
        """``patch("pkg.mod.Name")``, ``patch.object(mod, "Name")``, ``monkeypatch.setattr(
        "pkg.mod.Name", v)`` / ``(mod, "Name", v)`` of a project module's name: a use of that
        name from here (its ``USED_MARK`` fact), so a fix of ``pkg.mod`` that renames or stops
        using it keeps it bound there (``resolved_with.exported_name``): the patch still finds it."""
        called = patchers.patcher(node)
        if called is None:
            return
        first = patchers.path_target(node)
        if first is not None:
            parts = first.value.split(".")
            for i in range(len(parts) - 1, 0, -1):
                module = ".".join(parts[:i])
                if module == self.module_name:  # the module patches its own name
                    self._patch_targets.append((first, called, f"{module}.{parts[i]}"))
                    return
                if module in self.project_modules:
                    self._project_value(f"{module}.{parts[i]}")
                    self._patch_targets.append((first, called, f"{module}.{parts[i]}"))
                    return
        elif patchers.object_target(node) is not None:
            value = self.resolve(node.args[0])
            if value is not None and value.startswith(PROJECT_MODULE):
                self._project_value(f"{value[len(PROJECT_MODULE):]}.{node.args[1].value}")
                self._patch_targets.append((node.args[1], called, f"{value[len(PROJECT_MODULE):]}.{node.args[1].value}"))

    def _string_pair(self, node: ast.Call, attr: Optional[str] = None) -> None:
        func, args = node.func, node.args
        if attr is not None:  # the name is read from the module the call imports
            spelled = self._spelled(node)
            if spelled is not None and spelled[1] is None and args and _is_str(args[0]) and args[0].value == spelled[0]:
                if self.exact_rename(spelled[0], attr) is not None:
                    self._pair_renamed.add(id(node))
            return
        if isinstance(func, ast.Name) and func.id == "getattr" and len(args) in (2, 3) and _is_str(args[1]):
            inner = args[0]
            if isinstance(inner, ast.Call) and not self._bound("getattr"):
                spelled = self._spelled(inner)
                if spelled is not None and inner.args and _is_str(inner.args[0]) and inner.args[0].value == spelled[0]:
                    if self.exact_rename(spelled[0], args[1].value) is not None:
                        self._pair_renamed.add(id(inner))  # reported with the name, on the getattr call
            return
        names = _fromlist(node)
        if names and self._is_dunder_import(func, self.scope) and _is_str(args[0]) and args[0].value.startswith("zenml."):
            targets = {self.exact_rename(args[0].value, e.value) for e in names}
            if None not in targets and len({m for m, _ in targets}) == 1:
                self._pair_renamed.add(id(node))

    def pair_renamed(self, node: ast.AST) -> bool:
        """Is ``node`` a module-import call whose string pair the rename fix rewrites (``_string_pair``)?"""
        return id(node) in self._pair_renamed

    def _report_fromlist(self, node: ast.Call, module: str) -> None:
        """The names of an ``__import__`` whose pair is rewritten (``_string_pair``): each where it is written."""
        for element in _fromlist(node) or ():
            self._report_path(f"{module}.{element.value}", "load", self._span(element), kind="attr", module=module, node=element)

    def _is_dunder_import(self, func: ast.expr, scope: Optional[Scope]) -> bool:
        """The builtin ``__import__`` or ``importlib.__import__`` (not rebound by the file)."""
        if isinstance(func, ast.Name) and func.id == "__import__" and not self._bound("__import__", scope):
            return True
        return self._importlib_call(func, scope) == "__import__"

    def _importlib_call(self, func: ast.expr, scope: Optional[Scope]) -> Optional[str]:
        """``import_module`` / ``__import__`` when ``func`` is that function of ``importlib``
        (``importlib.x``, ``il.x`` after ``import importlib as il``, ``x`` after ``from importlib
        import x``; ``importlib`` also without an import, as before), else None."""
        if isinstance(func, ast.Name):
            known = self.stdlib_names.get(func.id, "")
            return known[len("importlib."):] if known.startswith("importlib.") and not self._bound(func.id, scope) else None
        if isinstance(func, ast.Attribute) and func.attr in ("import_module", "__import__") and isinstance(func.value, ast.Name):
            name = func.value.id
            if self.stdlib_names.get(name, "importlib" if name == "importlib" else "") == "importlib" and not self._bound(name, scope):
                return func.attr
        return None

    def _bound(self, name: str, scope: Optional[Scope] = None) -> bool:
        """Does the file bind ``name`` itself (a builtin or stdlib name the user redefined)?"""
        scope = scope or self.scope
        while scope is not None:
            if name in scope.bindings:
                return True
            scope = scope.parent
        return False

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name) and node.func.id in _INT_CALLS and self.lookup(node.func.id) is None:
            self._mark_int(*node.args)
        self._ordering_keys(node)
        self._typed_uses(node)
        self._string_pair(node)
        self.generic_visit(node)
        spelled = self._spelled(node)
        if spelled is not None:  # no rewrite of a string: reported without an automatic fix
            base, attr = spelled
            self._dynamic.add(id(node))
            if id(node) in self._pair_renamed:  # the module string is rewritten with the names it gives
                self._report_fromlist(node, base)
                return
            if attr is None:
                if base == "zenml" and self._is_dunder_import(node.func, None):
                    base = node.args[0].value  # imported (and failing) even when the value is ``zenml``
                self._report_path(base, "load", self._span(node), kind="import", node=node)
            else:
                for owner, member in self._attrgetter_chain(node)[:-1]:  # ``attrgetter("a.b")``: ``a`` too
                    self._report_path(f"{owner}.{member}", "load", self._span(node), kind="attr", module=owner, node=node)
                self._report_path(f"{base}.{attr}", "load", self._span(node), kind="attr", module=base, node=node)
        elif self._member_nets and self._getattr_string(node, None, "hasattr"):
            # ``hasattr(cfg, "copy_profile")``: never raises, but says False on 0.20 where the field was renamed
            base = self.resolve(node.args[0])
            if base is not None and base.startswith("zenml") and not base.startswith(PROJECT_MODULE):
                self._dynamic.add(id(node))
                self._member_net(base, node.args[1].value, self._span(node), node)
        if self.index.call_net:
            self._call_net(node)
        if self.stdlib_names and splat.is_partial(self, node.func):
            callee = splat.callee_of(splat.partial_value(self, node, self.scope))
            if callee is not None:
                splat.judge_partial(self, callee, node)
                for kw in node.keywords:
                    if kw.arg is None:  # ``partial(step, **kwargs)``: keys written into ``kwargs`` before
                        splat.judge_written(self, callee, kw.value, node)
            return
        checks = self.index.calls and any(c.pre is None or c.pre(node) for c in self.index.call_checks)
        splats = any(kw.arg is None for kw in node.keywords)
        if not (self.index.kwargs and node.keywords) and not checks and not splats:
            if isinstance(node.func, ast.Name):  # ``platform_step(f)``: a partial with keywords, called
                self._partial_use(node.func)
            return
        callee = self.resolve(node.func)
        if callee is None:
            return
        own: Set[str] = set()
        if callee.startswith(splat.KW):
            self._partial_use(node.func, callee)
            own = splat.own_keywords(callee)  # a wrapper's own parameters (``forwarding_value``)
            callee = splat.callee_of(callee)
            if callee is None:
                return
        if splats and callee.startswith("zenml"):
            for kw in node.keywords:
                if kw.arg is not None:
                    continue
                entries = splat.splat_entries(self, kw.value)
                if entries:
                    splat.judge_use(self, callee, entries, kw, ast.unparse(kw.value), splat.call_clash(node, kw.value))
                elif isinstance(kw.value, ast.Name):
                    self.ask_splat(kw.value.id, callee)
                elif isinstance(kw.value, ast.Attribute):
                    self.ask_splat_attribute(kw.value, callee)
                splat.judge_written(self, callee, kw.value, node)
                splat.judge_unchecked(self, callee, kw)
        canon = plain(canonical(callee))
        for rule, check in self.index.calls.get(canon, ()) if checks else ():
            if check.pre is not None and not check.pre(node):
                continue
            for target in check.when(node, self.resolve) or ():
                self._add(rule, self._span(target), rule.message, target)
        canons = self._constructors(canon, node.func)
        for kw in node.keywords:
            if kw.arg is None or kw.arg in own:
                continue
            for canon in canons:
                for rule, matcher in self.index.kwargs.get((canon, kw.arg), ()):
                    if matcher.when is None or matcher.when(kw.value):
                        self._add(rule, self._span(kw), rule.message, kw)

    def _constructors(self, canon: str, func: ast.expr) -> Tuple[str, ...]:
        """The paths whose keyword rules judge a call of ``canon``: a user's subclass of a zenml
        class X (``X+``) is built by X's constructor when no class of the user's defines
        ``__init__`` or ``__new__`` (``class Drift(EvidentlyProfileStep)``: ``Drift(config=...)``
        fails on 0.20 as ``EvidentlyProfileStep(config=...)`` does), so the rules naming X's
        keywords judge it too (the whole-call checks stay X's own: a user's component class is
        not X's flavor); and a zenml class that derives from ``BaseStep`` (a built-in integration
        step, a step interface) is a step class: ``EvidentlyProfileStep(custom_step_operator=...)``
        fails on 0.20 as any step class's does."""
        if "(" in canon or not canon.startswith("zenml.") or self._own_constructor(func, 0):
            return (canon,)
        from zenml_migrate.scan.zenml_signatures import step_classes_0132

        head = canon[:-1] if canon.endswith("+") else canon
        out = (canon, head) if head != canon else (canon,)
        if head in step_classes_0132():  # a built-in step (or a step interface): ``BaseStep``'s constructor
            out += (api013.STEP_CLASS,)
        return out

    def _own_constructor(self, expr: ast.expr, depth: int, scope: Optional[Scope] = None) -> bool:
        """Is the class ``expr`` names NOT built by the zenml class's own constructor? True when it,
        or a class of the user's it derives from (in this file, or in another project module: that
        module's ``OWN_INIT_MARK`` fact), defines ``__init__``/``__new__`` or declares fields
        (``model_uri: str = ""`` on a pydantic config), or derives from a class the scan cannot see
        (a mixin of another library may define ``__init__``)."""
        if depth > 10:
            return True
        if isinstance(expr, ast.Attribute):  # ``profilers.Profiler``: a project module's class
            owner = self.resolve(expr.value, scope)
            if owner is not None and owner.startswith(PROJECT_MODULE):
                return f"{owner[len(PROJECT_MODULE):]}.{expr.attr}.{OWN_INIT_MARK}" in self.project
            return owner is None or not owner.startswith("zenml")
        if isinstance(expr, ast.Subscript):  # ``Generic[T]``
            return self._own_constructor(expr.value, depth + 1, scope)
        if not isinstance(expr, ast.Name):
            return True
        bound = next((s.bindings[expr.id] for s in _chain(scope or self.scope) if expr.id in s.bindings), ())
        if not bound:
            return expr.id not in _NO_INIT_BASES
        for b in bound:
            if isinstance(b, LazyNode) and b.kind == "class":
                if _binds_names(b.node.body, ("__init__", "__new__")) or any(isinstance(st, ast.AnnAssign) for st in b.node.body):
                    return True
                if any(self._own_constructor(base, depth + 1, b.scope) for base in b.node.bases):
                    return True
            elif isinstance(b, LazyNode) and b.kind == "project":
                if b.extra and f"{b.extra}.{OWN_INIT_MARK}" in self.project:
                    return True
            else:
                value = self.resolve(expr, scope)
                if not (value or "").startswith("zenml") and (value or expr.id) not in _NO_INIT_BASES:
                    return True
        return False

    def ask_splat(self, name: str, callee: str, known: bool = False) -> None:
        """``**NAME`` given to the zenml ``callee``, ``NAME`` imported from a project module that has
        no fact for it (yet): a ``__splat__`` fact asks that module for it (``splat_exports``), so
        that a module which never mentions zenml is scanned too (``cross_file.asked_modules``) and
        its dict's keys are judged there and carried back here. (``NAME`` is also the ``TypedDict``
        a ``**`` parameter is annotated with: ``splat_keywords._judge_typed_dict``; ``known``: asked even
        when the facts hold a value for it, such as a class's.)"""
        bound = next((s.bindings[name] for s in _chain(self.scope) if name in s.bindings), ())
        if len(bound) != 1 or not isinstance(bound[0], LazyNode) or bound[0].kind != "project" or not bound[0].extra:
            return
        module, _, attr = bound[0].extra.rpartition(".")
        if module and (known or bound[0].extra not in self.project):
            self.splats.add((f"{module}:{attr}", callee))

    def ask_splat_attribute(self, expr: ast.Attribute, callee: str) -> None:
        """``**settings.OPTIONS`` given to the zenml ``callee``, ``settings`` a project module
        (``import settings``) with no fact for ``OPTIONS`` (yet): asked as ``ask_splat`` asks."""
        owner = self.resolve(expr.value)
        if owner is None or not owner.startswith(PROJECT_MODULE):
            return
        module = owner[len(PROJECT_MODULE):]
        if f"{module}.{expr.attr}" not in self.project:
            self.splats.add((f"{module}:{expr.attr}", callee))

    # ------------------------------------------------ keywords from partial / **dict
    def _partial_use(self, expr: ast.expr, value: Optional[str] = None) -> None:
        """``@platform_step`` / ``platform_step(f)`` where ``platform_step`` is a ``functools.partial``
        of a zenml callable with keywords: judged here, where Python fails (``scan/splat_keywords.py``)."""
        if value is None:
            if not isinstance(expr, (ast.Name, ast.Attribute)):
                return
            value = self.resolve(expr)
        if value is None or not value.startswith(splat.KW):
            return
        callee, entries = splat.decode(value)
        if callee:
            spelled = expr.id if isinstance(expr, ast.Name) else expr.attr if isinstance(expr, ast.Attribute) else "partial"
            splat.judge_use(self, callee, entries, expr, spelled)

    def is_bound(self, name: str) -> bool:
        return self._bound(name)

    def assigned_node(self, name: str, scope: Optional[Scope] = None):
        """``(value node, scope)`` of the assignment that binds ``name`` (the nearest scope that
        binds it; a module-level name of statements the scan did not walk: from the statements
        parsed when no other statement binds it (``Parsed.may_bind``), else from the whole module),
        or ``(None, None)``."""
        for s in _chain(scope or self.scope):
            if name in s.bindings:
                nodes = [b.node for b in s.bindings[name] if isinstance(b, LazyNode) and b.kind == "expr"]
                others = [b for b in s.bindings[name] if not (isinstance(b, LazyNode) and b.kind in ("expr", "ann"))]
                return (nodes[0], s) if len(nodes) == 1 and not others else (None, None)
        if self._rest is not None and not self.parsed.may_bind(name):  # no unparsed statement binds it: no parse
            body = [self.parsed.statements[i] for i in sorted(self.parsed.statements)]
        else:
            tree = self.tree  # the statements the scan did not walk are parsed now
            if tree is None:
                return None, None
            body = tree.body
        found = [stmt.value for stmt in body if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None
                 and any(isinstance(t, ast.Name) and t.id == name for t in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]))]
        return (found[0], self.module_scope) if len(found) == 1 else (None, None)

    def dict_facts(self) -> Dict[str, str]:
        """Module-level names bound (once) to a dict display / ``dict(...)`` whose keys another
        module may give to a zenml callable as ``**`` (``scan/splat_keywords.py``): name -> fact."""
        if self._dict_facts is None:
            self._dict_facts = {}
            for name, bindings in self.module_scope.bindings.items():
                nodes = [b.node for b in bindings if isinstance(b, LazyNode) and b.kind == "expr"]
                annotations = sum(1 for b in bindings if isinstance(b, LazyNode) and b.kind == "ann")
                if len(nodes) != 1 or len(bindings) != 1 + annotations or self.lookup(name, self.module_scope) is not None:
                    continue
                value = splat.dict_export(self, name, nodes[0])
                if value is not None:
                    self._dict_facts[name] = value
                    if f"{self.module_name}:{name}" not in splat.splat_callees(self):
                        self.pending = True  # which callable it is given to comes with the importers' facts
        return self._dict_facts

    def span_of(self, node: ast.AST) -> Span:
        return self._span(node)

    def add_finding(self, rule: Rule, node: ast.AST, message: str) -> None:
        self._add(rule, self._span(node), message, node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if self._annotation and isinstance(node.value, str):
            expr = self.quoted_expression(node)
            if expr is not None:
                self._quoted_exprs[id(node)] = expr  # kept alive: findings point at its nodes by id
                self.visit(expr)
                return
        if self.index.strings and isinstance(node.value, str) and node.value in self.index.strings:
            if self.uses_zenml:
                for rule in self.index.strings[node.value]:
                    self.literal_findings.add((rule.code, self._span(node)))
                    self._add(rule, self._span(node), rule.message, node)

    # ---------------------------------------------------------------- reporting
    def _report_path(
        self, raw: str, ctx: str, span: Span, kind: str, module: Optional[str] = None, node: Optional[ast.AST] = None
    ) -> None:
        if not raw.startswith("zenml"):
            if raw.startswith(_BUILTIN_VALUES) and kind == "attr" and ctx != "store" and self._member_nets and module:
                self._member_net(module, raw[len(module) + 1 :], span, node)  # a list a 0.20 API gives
            return
        rules = self.index.refs(raw, ctx)
        if rules and node is not None and any(m.adapted_by for r in rules for m in r.match if isinstance(m, Ref)):
            rules = [r for r in rules if not self._adapted(r, node)]
        if kind == "imported":  # renamed in the module that binds it, which keeps the name
            rules = [r for r in rules if r.codemod != _RENAMES or r.fix_value is None]
        if rules and kind in ("attr", "name") and "(" in raw:
            redundant = self.index.instance_reads(raw, ctx)
            if redundant and not self._passed_in(node):
                # an object of a removed module's class that the program builds (``SERVER =
                # ZenServer(cfg)``, an item of ``[FlavorWrapper(...)]``), or a member read of one:
                # where it is built is reported, and its uses go with that. (When --fix stubs a
                # module-level value, the re-scan cannot type its uses: their TODOs would outlive
                # their findings.) Still covered: no safety net reports it either.
                rules = [r for r in rules if r.code not in redundant]
                if not rules:
                    return
        for rule in rules:
            self._add(rule, span, rule.message, node, raw)
        if rules or kind not in ("import", "attr") or not (self.index.safety_net or self._member_nets or self.index.legacy_net):
            return
        if self.index.covered(raw, ctx):
            if kind == "attr" and ctx != "store" and module is not None:
                self._renamed_member(raw, module, span, ctx, node)
            return
        if not self._safety_net(raw, span, module, kind):
            if kind == "attr" and ctx != "store" and self._member_nets and module is not None:
                self._member_net(module, raw[len(module) + 1 :], span, node)

    def _adapted(self, rule: Rule, node: ast.AST) -> bool:
        """Is ``node`` (or a subscript of it) the first argument of a call its ``Ref`` names in
        ``adapted_by`` (``json.loads(step.parameters["lr"])``: ZM308's TODO done)?"""
        calls = [c for m in rule.match if isinstance(m, Ref) for c in m.adapted_by]
        expr, parent = node, self.parent(node)
        while isinstance(parent, ast.Subscript) and parent.value is expr:
            expr, parent = parent, self.parent(parent)
        return (isinstance(parent, ast.Call) and bool(parent.args) and parent.args[0] is expr
                and any(self.is_stdlib(parent.func, c) for c in calls))

    @property
    def _member_nets(self) -> bool:
        """Is a rule selected that ``_member_net`` reports for (ZM004's net, ZM426's base reads)?"""
        return bool(self.index.member_net or self.index.base_read_net)

    def _passed_in(self, node: Optional[ast.AST]) -> bool:
        """Is the object ``node`` names (or reads a member of) given to the code from outside: its
        root name a parameter or a name annotated with its class, or ``self``
        (``def prepare(self, runtime_configuration: RuntimeConfiguration)``: zenml passes it, so the
        read itself has to change)? False when the root name is bound only to expressions of this
        program (a construction, an item of one, a call's result, an import): where those build the
        object is reported."""
        expr = node
        while isinstance(expr, (ast.Attribute, ast.Subscript, ast.Call)):
            expr = expr.func if isinstance(expr, ast.Call) else expr.value
        if not isinstance(expr, ast.Name):
            return True
        bound = self.bindings_of(expr.id)
        return bound is None or any(isinstance(b, LazyNode) and b.kind in ("ann", "self") for b in bound)

    def bindings_of(self, name: str) -> Optional[list]:
        """What binds ``name`` where the walk is (the innermost scope that binds it: ``LazyNode``
        values, ``None`` for an untyped binding), or None when no scope binds it."""
        scope = self.scope
        while scope is not None and name not in scope.bindings:
            scope = scope.parent
        return list(scope.bindings[name]) if scope is not None else None

    def _stored_attributes(self) -> Set[str]:
        """Attribute names the module assigns or deletes on any object (``x.a = ...``,
        ``setattr(x, "a", ...)``), computed once per file."""
        stored = self._stored
        if stored is None:
            stored = self._stored = set()
            for node in ast.walk(self.tree or self._walked or ast.Module(body=[], type_ignores=[])):
                if isinstance(node, ast.Attribute) and isinstance(node.ctx, (ast.Store, ast.Del)):
                    stored.add(node.attr)
                elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr" and len(node.args) > 1:
                    if isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str):
                        stored.add(node.args[1].value)
        return stored

    def _safety_net(self, raw: str, span: Span, module: Optional[str], kind: str) -> bool:
        from zenml_migrate.rules import legacy, safety_net

        if kind == "import" and module is not None and self.index.legacy_net:
            message = legacy.moved_message(raw)
            if message:
                self._add(self.index.legacy_net, span, message)
                return True
        if not self.index.safety_net and not self._member_nets:
            return False
        message = safety_net.missing_in_020(raw, module, from_import=kind == "import")
        if message and self.index.safety_net:
            self._add(self.index.safety_net, span, message)
        return bool(message)  # (also when not selected: the member nets stay as quiet as with it)

    def _renamed_member(self, raw: str, owner: str, span: Span, ctx: str, node: Optional[ast.AST]) -> None:
        """``Client().get_stack`` after ``Repository`` -> ``Client``: a catalog rule explains the
        0.13.2 spelling only. When no 0.20 release has the member either, the 0.20 spelling fails
        as well: that rule reports it (its TODO stays true; its fix rewrites the member whatever
        the owner is spelled: ``--fix`` renaming the owner must not turn an unsafe ZM430 into a
        ZM004 that ``--unsafe-fixes`` no longer fixes), else ZM004."""
        from zenml_migrate.rules import signatures

        catalog = self.index.catalog()
        if catalog.refs(raw, ctx) or not signatures.member_problem(owner, raw[len(owner) + 1 :]):
            return
        # a rule that matches the old spelling's owner itself (``zenml.zen_stores.models`` and all below it,
        # an old re-export of ``StackComponent``) explains that owner, not what its member is in 0.20
        older = [r for old in catalog.renamed_from(raw) for r in catalog.refs(old, ctx) if r not in catalog.refs(_owner_of(old), "load")]
        selected = {r.code for r in self.index.rules}
        explained = [r for r in older if r.code in selected]
        for rule in explained:
            self._add(rule, span, rule.message, node, raw)
        if not explained and self._member_nets and not any(r.fix_value is None for r in older):
            self._member_net(owner, raw[len(owner) + 1 :], span, node, base_reads=not older)

    def _member_net(self, owner: str, member: str, span: Span, node: Optional[ast.AST] = None, base_reads: bool = True) -> None:
        """ZM004 (``member_net``): ``member`` read on ``owner`` (a zenml path) that no 0.20 release
        has; where that net is quiet, ZM426's read of a field a ported class moves (``base_reads``: not
        where a catalog rule explains the read). Each is judged whatever else is selected."""
        from zenml_migrate.rules import signatures

        if api013.FUNCTION_MADE + "+" in owner and member in self._stored_attributes():
            return  # ``s = trainer(); s.note = 1``: the program gives the step that attribute itself
        asks = self._getattr_string(node, member, "hasattr")
        guarded = asks or node is not None and guarded_reads.cannot_raise(node, member, self.parent, self._bound)
        if guarded and not self._getattr_string(node, member):
            return  # ``getattr(s, "m", None)``, ``s.m if hasattr(s, "m") else ...``: no AttributeError
        if owner.endswith("+") and api013.FUNCTION_MADE not in owner:
            owner = self._inherited_from(node, owner, member)  # a class of the user's: its base's member?
            if owner is None:
                return
        canon = canonical(owner)
        catalog = self.index.catalog()
        for candidate in [owner] + catalog.renamed_to(canon):
            # ``Repository.get_pipeline`` (the class, e.g. ``help(...)``): the catalog rule of the
            # 0.13.2 method (``Repository().get_pipeline``, ZM301) says what 0.20 has instead
            instead = next((r.message for r in catalog.refs(f"{owner}().{member}", "load")), None) if candidate != owner else None
            renamed = catalog.renamed_keyword(candidate, member)
            instead = instead or (f"0.20 renamed the field: `{renamed}`" if renamed else None)
            message = signatures.member_problem(candidate, member, instead)
            if message and guarded:  # ``getattr(cfg, "copy_profile", None)``: the default, silently, where the field was renamed
                if not renamed:
                    return
                message = message.replace(" (AttributeError)", " (this hasattr says False there)" if asks else
                                          " (this getattr gives its default there, not the field)", 1)
            if message:
                renames = renamed and node is not None and (
                    isinstance(node, ast.Attribute) and node.attr == member or id(node) in self._dynamic)
                if self.index.member_net and renames:
                    # the same field under its 0.20 name (``DockerSettings().copy_profile``): read it so (``_add``
                    # says why not where the name is a string given to getattr)
                    self._add(self.index.member_net, span, message, node, fix_args=((RENAMED_FIELD, renamed),))
                elif self.index.member_net:
                    self._add(self.index.member_net, span, f"{message}{NO_FIX_HERE}what to read instead depends on the code)",
                              fixable=False)
                return
        if owner.endswith("()") and base_reads and self.index.base_read_net and not guarded:
            from zenml_migrate.rules import ported_members

            ported_members.base_read(self, owner, member, span, node)  # a field a class this run ports moves

    def _getattr_string(self, node: Optional[ast.AST], member: Optional[str] = None, *names: str) -> bool:
        """Is ``node`` the builtin ``getattr(obj, "<member>"[, default])`` or ``hasattr(obj, "<member>")`` (its
        name a literal; any name: None; ``names``: only those builtins)? The member net renames such a
        string where 0.20 renamed the field (``RENAMED_FIELD``)."""
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in (names or _NAME_GETTERS)):
            return False
        return not self._bound(node.func.id) and len(node.args) in _NAME_GETTERS[node.func.id] and not node.keywords \
            and _is_str(node.args[1]) and member in (None, node.args[1].value)

    def _inherited_from(self, node: Optional[ast.AST], owner: str, member: str) -> Optional[str]:
        """``EnvSecretsManager.TYPE`` where ``class EnvSecretsManager(BaseSecretsManager)`` is a class
        of this file: read on the class itself, a member its body does not define is its zenml
        base's. The zenml base's path when that is known (one base, a zenml class; no decorator,
        metaclass or keyword; the member not assigned on any object of the module), else None."""
        value = getattr(node, "value", None)
        if not isinstance(value, ast.Name) or member in self._stored_attributes():
            return None
        scope = self.scope
        for _ in range(4):  # through names bound once to the class (``def f(cls=EnvSecretsManager)``)
            while scope is not None and value.id not in scope.bindings:
                scope = scope.parent
            bound = scope.bindings[value.id] if scope is not None else ()
            if len(bound) == 1 and isinstance(bound[0], LazyNode) and bound[0].kind == "expr" and isinstance(bound[0].node, ast.Name):
                value, scope = bound[0].node, bound[0].scope
            else:
                break
        if len(bound) == 1 and isinstance(bound[0], LazyNode) and bound[0].kind == "self" and bound[0].extra == _CLASSMETHOD:
            mixed = self._mixed_into(bound[0].node)  # ``cls.__fields__`` in a mixin's classmethod
            members = self._class_members(bound[0].node, bound[0].scope, 0) if mixed is not None else None
            return mixed[0] if members is not None and member not in members and mixed[0] + "+" == owner else None
        if len(bound) != 1 or not isinstance(bound[0], LazyNode) or bound[0].kind != "class":
            return None
        cls = bound[0].node
        if cls.decorator_list or cls.keywords or len(cls.bases) != 1 or member in _class_body_names(cls.body):
            return None
        base = self.resolve(cls.bases[0], bound[0].scope)
        if base is None or any(mark in base for mark in ("(", "+", "~")) or canonical(base) + "+" != owner:
            return None
        return canonical(base)

    def _call_net(self, node: ast.Call) -> None:
        """The "calls" nets (ZM002/ZM003): the call as the real 0.20 callable's signature sees it."""
        from zenml_migrate.scan.zenml_signatures import CONSTRUCTS

        callee = self.resolve(node.func)
        if callee is None or not callee.startswith("zenml"):
            return
        callee = self._inherited_method(callee, node.func)
        canon = canonical(callee)
        covered = self.index.call_covered(plain(canon), node, self.resolve)
        if self.index.covered(callee, "load"):
            # a rule renames the name: the call is judged as the 0.20 callable the rename writes
            # (``Repository(...)`` of 0.5's ``zenml.core.repo`` as ``Client(...)``), so the keywords
            # 0.20 rejects are said before --fix renames it; a rule that rewrites more than the
            # name explains the call itself
            callee, handled = self._renamed_callee(callee, canon, node)
            if callee is None:
                return
            covered |= handled | self.index.call_covered(plain(canonical(callee)), node, self.resolve)
        from zenml_migrate.rules import signatures

        for code, target, message in signatures.call_problems(callee, node, covered):
            rule = self.index.call_net.get(code)
            if rule is not None:
                self._add(rule, self._span(target), message, target)

    def _inherited_method(self, callee: str, func: ast.expr) -> str:
        """``self.build_and_push_docker_image(...)`` in a user's subclass of a zenml class (``X+().m``):
        the zenml class's method (``X().m``, its 0.20 signature judges the call, review24 G3) where the
        user's classes between it and the zenml class surely do not declare ``m`` (``_declares``, an
        override included); else ``callee`` as it is."""
        head, sep, member = callee.partition("+().")
        if not sep or "(" in member or "." in member or not isinstance(func, ast.Attribute) or "~" in head \
                or not isinstance(func.value, ast.Name):
            return callee
        bound = self.bindings_of(func.value.id) or ()
        if len(bound) != 1 or not isinstance(bound[0], LazyNode):
            return callee
        if bound[0].kind == "self":
            cls = bound[0].node
            return f"{head}().{member}" if self._declares(cls, bound[0].scope, member, 0) is False else callee
        # an instance of the user's class (``o = QueueOrchestrator(...)``, a parameter ``o: QueueOrchestrator``):
        # judged by that class, as its member reads are (ZM004, ``_own_members``) and as a type checker does; a
        # subclass's override the value may hold is not the annotated class's API (port29 item 3)
        b = bound[0]
        made = b.kind == "ann" or (b.kind == "expr" and isinstance(b.node, ast.Call))  # not an alias of ``self``
        declared = self._declared(func.value, None) if made else None
        return f"{head}().{member}" if declared is not None and member not in declared else callee

    def _declares(self, cls: ast.ClassDef, scope: Optional[Scope], member: str, depth: int) -> Optional[bool]:
        """Does ``cls`` or a class of this file it derives from declare ``member`` (its body, an
        assignment on ``self``, an override of a zenml member too)? None when that cannot be known (a
        base of another module or library, a decorator, ``__getattr__``, ``setattr(self, ...)``)."""
        if cls.decorator_list or cls.keywords or depth > 10:
            return None
        names = _class_body_names(cls.body)
        if member in names or names & {"__getattr__", "__getattribute__"}:
            return True if member in names else None
        assigned, opaque = _self_assigned(cls)
        if member in assigned or opaque:
            return True if member in assigned else None
        for base in cls.bases:
            value = self.resolve(base, scope)
            if value is not None and value.startswith("zenml") and "+" not in value:
                continue
            bound = self.bindings_of(base.id) if isinstance(base, ast.Name) and value is not None else None
            local = [b for b in bound or () if isinstance(b, LazyNode) and b.kind == "class"]
            if len(bound or ()) == 1 and not local and isinstance(bound[0], LazyNode) and bound[0].kind == "project":
                declared = self._declared_fact(bound[0].extra) if bound[0].extra else None  # another project module's class
                if declared is None or member in declared:
                    return None if declared is None else True
                continue
            if len(local) != 1 or len(bound) != 1:
                return None
            found = self._declares(local[0].node, local[0].scope, member, depth + 1)
            if found is not False:
                return found
        return False

    def _renamed_callee(self, callee: str, canon: str, node: ast.Call) -> Tuple[Optional[str], Set[int]]:
        """The 0.20 callable a call of ``callee`` (a name a catalog rule matches) becomes after
        ``--fix``, and the ids of the parts of ``node`` that fix takes care of, when every rule
        matching it only renames it (a deprecated 0.20 alias that builds another class from the
        same arguments is that class: ``CONSTRUCTS``), or moves the call to a 0.20 function
        keeping its arguments (``post_execution:PostExecution`` with ``to``: the keywords it drops
        or renames are its own, and its positional slots are not judged); else (None, ...)."""
        from zenml_migrate.scan import zenml_signatures as sigs

        if canon in sigs.CONSTRUCTS:
            return canon, set()
        catalog = self.index.catalog()
        rules = catalog.refs(callee, "load")
        if len(rules) == 1 and rules[0].codemod == _MOVED_CALL and rules[0].fix_value is not None:
            rule = rules[0]
            to = rule.arg("to")
            if to is None or rule.arg("template") is not None or rule.arg("lookup") is not None:
                return None, set()
            own = {k for k, _ in rule.arg("drop_args", ()) or ()} | {k for k, _ in rule.arg("keywords", ()) or ()}
            handled = {id(k) for k in node.keywords if k.arg in own} | {id(node.func)}  # positional slots: the codemod's
            return (to if sigs.callable_signatures(to) else None), handled
        if not rules or any(r.codemod != _RENAMES or r.fix_value is None for r in rules):
            return None, set()  # the name only a rename of a 0.20 spelling covers, or a rewrite of more than the name
        for new in catalog.renamed_to(canon):
            if sigs.callable_signatures(new):
                return new, set()
        return None, set()

    def _add(self, rule: Rule, span: Span, message: str, node: Optional[ast.AST] = None, path: Optional[str] = None,
             fix_args: tuple = (), fixable: bool = True) -> None:
        """A finding of ``rule`` (at its fix level; ``fixable=False``: this one has no fix, ``fix_args``: its own)."""
        fix, needs, unsafe_view = rule.fix_value if fixable else None, None, None
        renamed_string = any(k == RENAMED_FIELD for k, _ in fix_args) and self._getattr_string(node)
        if fix is not None and node is not None and id(node) in self._dynamic and not renamed_string and (
                rule.codemod != _RENAMES or isinstance(node, ast.Subscript)):
            how = "the member is looked up by its name" if isinstance(node, ast.Subscript) else "the name is a string given to getattr/import_module/attrgetter/methodcaller"
            fix, message = None, f"{message} (no automatic fix here: {how})"
        elif fix is not None and node is not None and id(node) in self._quoted and (rule.codemod != _RENAMES or rule.arg("attr")):
            fix, message = None, f"{message}{NO_FIX_HERE}the name is inside a string annotation)"
        elif fix is not None and node is not None and id(node) in self._mixed:
            fix, message = None, f"{message}{NO_FIX_HERE}read on `self` of a mixin class, which is what the classes mixing it in are)"
        elif fix is not None and node is not None and (id(node) in self._mocked or self._mock_plumbing(node)):
            fix, message = None, f"{message}{NO_FIX_HERE}it is read on a mock specced with a zenml class, which has only the members of the 0.20 class)"
        elif fix is not None and node is not None:
            for reason in _answers(self.index.checks(rule), node, FixSite(self, path, rule)):
                if not reason:
                    continue
                # scan and fix agree: this occurrence has no automatic fix (or only an unsafe one,
                # or one that needs an option of `migrate code`), and says why
                kind = type(reason).__name__
                if kind == "Via":  # fixable, in a way of its own that the finding carries to the codemod
                    fix_args += ((str(reason), reason.value),)
                    needs = reason.needs or needs
                    if not reason.unsafe:
                        continue
                    reason, kind = reason.unsafe, "Unsafe"
                if kind == "Needs":
                    needs = str(reason)
                    continue
                if kind == "Unsafe":
                    fix, message = "unsafe", f"{message} (an unsafe fix here: {reason})"
                    continue
                if kind == "Yields":  # ``--unsafe-fixes`` makes this rule's (unsafe) fix; ``--fix`` another rule's
                    unsafe_view = ("unsafe", None, message)
                    fix, message, needs, fix_args = None, f"{message}{NO_FIX_HERE}{reason})", None, ()
                    break
                fix, message, needs, fix_args = None, f"{message}{NO_FIX_HERE}{reason})", None, ()
                break
        self.findings.append(Finding(self.path, span, rule.code, message, fix, needs=needs, fix_args=fix_args, unsafe_view=unsafe_view))

    # ------------------------------------------------------------ fix checks
    def marked_for(self, node: ast.AST, code: str) -> bool:
        """Does the comment block right above the statement holding ``node`` carry the TODO line
        a ``migrate code --fix`` wrote for ``code``? A rule that recognised a call by its 0.13.2
        spelling sees it again there after the fix renamed that spelling (left for a human)."""
        from zenml_migrate.fix.todo import PREFIX

        stmt = node
        while stmt is not None and not isinstance(stmt, ast.stmt):
            stmt = self.parent(stmt)
        if stmt is None:
            return False
        i = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", ())]) - 2
        marker = f"{PREFIX}{code} "
        while 0 <= i < len(self.lines) and self.lines[i].lstrip().startswith("#"):
            if self.lines[i].lstrip().startswith(marker):
                return True
            i -= 1
        return False

    def parent(self, node: ast.AST) -> Optional[ast.AST]:
        """The node ``node`` is a child of (mapped one top-level statement at a time: checks
        look at a few findings of big files)."""
        if self._parents is None:
            module = self.top_level() or self._walked
            self._parents = {stmt: module for stmt in module.body}
            self._starts = [min([s.lineno] + [d.lineno for d in getattr(s, "decorator_list", ())]) for s in module.body]
            self._mapped: Set[int] = set()
        found = self._parents.get(node)
        if found is not None:
            return found
        module = self.top_level() or self._walked
        line = getattr(node, "lineno", None)
        if line is None:  # Python 3.9: an import's alias has no position
            tops = [i for i, s in enumerate(module.body) if i not in self._mapped and isinstance(s, (ast.Import, ast.ImportFrom))]
            tops = tops if any(node in s.names for s in (module.body[i] for i in tops)) else range(len(module.body))
        else:
            i = bisect.bisect_right(self._starts, line) - 1
            tops = [i] if i >= 0 else []
        for i in tops:
            if i in self._mapped:
                continue
            self._mapped.add(i)
            _map_parents(module.body[i], self._parents)
        return self._parents.get(node)

    def _span(self, node: ast.AST) -> Span:
        return Span(
            node.lineno,
            char_col(self.lines, node.lineno, node.col_offset) + 1,
            node.end_lineno,
            char_col(self.lines, node.end_lineno, node.end_col_offset) + 1,
        )


# --------------------------------------------------------------------- helpers
_NO_VISIT = object()  # a node class with no fields and no visitor: nothing to do
_VISITORS: Dict[tuple, object] = {}  # (visitor class, node class) -> its visit function


def _map_parents(top: ast.AST, parents: Dict[ast.AST, ast.AST]) -> None:
    """``parents[child] = node`` for every node below ``top``, in ``ast.walk`` order (breadth
    first, children in field order), without its generators: what ``parent()`` looks up."""
    todo = [top]
    AST = ast.AST
    for outer in todo:  # grows while it is read: breadth first
        for name in outer._fields:
            value = getattr(outer, name, None)
            if isinstance(value, list):
                for child in value:
                    if isinstance(child, AST):
                        parents[child] = outer
                        todo.append(child)
            elif isinstance(value, AST):
                parents[value] = outer
                todo.append(value)


def _visitor(visitor: type, cls: type):
    method = getattr(visitor, "visit_" + cls.__name__, None)
    if method is None:
        method = visitor.generic_visit if cls._fields else _NO_VISIT
    _VISITORS[(visitor, cls)] = method
    return method


def _ctx_matches(wanted: Optional[str], ctx: str) -> bool:
    """``wanted`` of a Ref against the context of a use: an ``int`` use is a load too."""
    return wanted is None or wanted == ctx or (wanted == "load" and ctx == "int")


_INT_CALLS = {"int", "range", "hex", "oct", "bin"}


def _spec_formatted(template: str, call: ast.Call) -> List[ast.expr]:
    """The arguments of ``template.format(...)`` that a field formats with a non-empty spec and
    no conversion (``"{:d}"``, ``"{0:>6}"``, ``"{n:x}"``); a field reading an attribute/item of
    its argument (``{0.name:>6}``) formats that, not the argument."""
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:
        return []
    found, auto = [], 0
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        key = name
        if name == "":
            key, auto = auto, auto + 1
        elif name.isdigit():
            key = int(name)
        if not spec or conversion or (isinstance(key, str) and not key.isidentifier()):
            continue
        if isinstance(key, int):
            if key < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args[: key + 1]):
                found.append(call.args[key])
        else:
            found.extend(k.value for k in call.keywords if k.arg == key)
    return found


def _json_items(node: ast.expr) -> List[ast.expr]:
    """The values a literal given to ``json.dump(s)`` holds, through nested containers and comprehensions."""
    if isinstance(node, ast.Dict):
        return [x for part in (*node.keys, *node.values) if part is not None for x in _json_items(part)]
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [x for e in node.elts for x in _json_items(e)]
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
        return _json_items(node.elt)
    if isinstance(node, ast.DictComp):
        return _json_items(node.key) + _json_items(node.value)
    return [node]


_FILLING = frozenset({"append", "extend", "insert", "update", "setdefault", "add"})  # methods that store into a list/dict/set
_ORDERING_CALLS = {"sorted", "max", "min"}
_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


_KEYED_GETTER_NAMES = frozenset(api013.KEYED_GETTERS.values())
_NOT_TYPES = frozenset({"Literal", "Annotated"})  # subscripts whose strings are not (all) types
# ``typing`` generics: their strings are forward references wherever they are written (a type alias)
_GENERICS = frozenset({
    "Optional", "Union", "List", "Dict", "Set", "FrozenSet", "Tuple", "Type", "Sequence", "Iterable", "Iterator",
    "Mapping", "MutableMapping", "Callable", "ClassVar", "DefaultDict", "Collection",
})


def _fromlist(call: ast.Call) -> Optional[List[ast.Constant]]:
    """The string elements of ``__import__(..., fromlist=[...])`` (None: not all strings, or none)."""
    value = call.args[3] if len(call.args) > 3 else next((k.value for k in call.keywords if k.arg == "fromlist"), None)
    if isinstance(value, (ast.List, ast.Tuple)) and value.elts and all(_is_str(e) for e in value.elts):
        return list(value.elts)
    return None


#: decorators whose function returns what the decorated one returns: the standard library's caches
#: and the memoizing ones of Streamlit (``@st.cache(allow_output_mutation=True) def repo(): return
#: Repository()`` in a dashboard) and cachetools
_KEEPS_RETURN = frozenset({
    ("functools", "lru_cache"), ("functools", "cache"),
    ("streamlit", "cache"), ("streamlit", "cache_data"), ("streamlit", "cache_resource"),
    ("streamlit", "experimental_memo"), ("streamlit", "experimental_singleton"), ("streamlit", "memo"), ("streamlit", "singleton"),
    ("cachetools", "cached"), ("cachetools.func", "lru_cache"), ("cachetools.func", "ttl_cache"), ("cachetools.func", "lfu_cache"),
})
_CACHING_MODULES = frozenset({"streamlit", "cachetools"})
_KEEPS_RETURN_PATHS = frozenset(f"{m}.{n}" for m, n in _KEEPS_RETURN)
_CONTEXT_MANAGERS = frozenset({("contextlib", "contextmanager"), ("contextlib", "asynccontextmanager")})
# other standard-library names ``Detector.is_stdlib`` tells: ``typing.cast`` (a typed value), the
# bases and decorator of a class whose definition does not read its annotations (scan/no_successor.py)
_MARKED_STDLIB = frozenset({
    ("typing", "cast"), ("typing", "Protocol"), ("typing", "Generic"), ("typing", "NamedTuple"), ("typing", "TypedDict"),
    ("typing", "runtime_checkable"), ("abc", "ABC"), ("dataclasses", "dataclass"),
    ("asyncio", "to_thread"), ("asyncio", "run"),  # what the callable/coroutine it runs returns (``Detector._run_elsewhere``)
    ("json", "dump"), ("json", "dumps"),  # what they encode is a typed use (``Detector._typed_uses``)
    ("itertools", "chain"),  # the items of the iterables it chains (``Detector._chained_items``)
    ("json", "loads"),  # a value it decodes is read the 0.20 way (``Ref.adapted_by``)
})
CONTEXT_MANAGER_PATHS = frozenset(f"{m}.{n}" for m, n in _CONTEXT_MANAGERS)
#: return annotations of a generator-based context manager: the first argument is what it yields
_YIELDING = frozenset({"Iterator", "Generator", "AsyncIterator", "AsyncGenerator"})


def yielded_annotation(returns: Optional[ast.expr]) -> Optional[ast.expr]:
    """``X`` of a generator's return annotation ``Iterator[X]`` / ``Generator[X, None, None]``."""
    if not isinstance(returns, ast.Subscript) or last_name(returns.value) not in _YIELDING:
        return None
    return returns.slice.elts[0] if isinstance(returns.slice, ast.Tuple) and returns.slice.elts else returns.slice


def last_name(node: ast.expr) -> Optional[str]:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None


_NAME_GETTERS = {"getattr": (2, 3), "hasattr": (2,)}  # builtins given a member's name: their argument counts


def _is_str(node: Optional[ast.expr]) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _ctx(node) -> str:
    return "store" if isinstance(node.ctx, (ast.Store, ast.Del)) else "load"


def _live_arms(node: ast.IfExp, dead: Optional[str]) -> List[ast.expr]:
    """The arms of ``A if TEST else B`` that may run on 0.20 (``dead``: ``dead_branch``)."""
    return [arm for field, arm in (("body", node.body), ("orelse", node.orelse)) if field != dead]


def _only_binds(stmt: ast.stmt) -> bool:
    """An import, ``pass``, a name bound to a constant (``HAVE_CLIENT = True``), or a ``def`` with
    no decorators, defaults or annotations (``def get_client(): return Client()``: its body runs
    when it is called): nothing that can raise."""
    if isinstance(stmt, (ast.Import, ast.ImportFrom, ast.Pass)):
        return True
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
        args = stmt.args
        every = args.posonlyargs + args.args + args.kwonlyargs + [a for a in (args.vararg, args.kwarg) if a]
        return (not stmt.decorator_list and stmt.returns is None and not args.defaults
                and all(d is None for d in args.kw_defaults) and all(a.annotation is None for a in every))
    return isinstance(stmt, ast.Assign) and all(isinstance(t, ast.Name) for t in stmt.targets) and isinstance(stmt.value, ast.Constant)


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    t = handler.type
    names = []
    if isinstance(t, ast.Name):
        names = [t.id]
    elif isinstance(t, ast.Tuple):
        names = [e.id for e in t.elts if isinstance(e, ast.Name)]
    return bool(_IMPORT_ERRORS & set(names))


def _zenml_path(node: ast.expr) -> Optional[str]:
    """``zenml.x.Y`` written out as attribute reads on the name ``zenml`` (a quoted annotation)."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.insert(0, node.attr)
        node = node.value
    return ".".join(["zenml", *parts]) if isinstance(node, ast.Name) and node.id == "zenml" and parts else None


_OWN_SCOPE = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def _walrus_targets(stmt: ast.stmt) -> List[Tuple[str, ast.expr]]:
    """``(name, value)`` of each ``name := value`` in the expressions of ``stmt`` itself (its
    test, value, iterable...; not the statements of its blocks, not a nested def, class or lambda:
    those are collected as their own statements or scopes). A comprehension's walrus binds here too."""
    out: List[Tuple[str, ast.expr]] = []
    if isinstance(stmt, _OWN_SCOPE):
        return out
    stack = [v for name, v in ast.iter_fields(stmt) if name not in ("body", "orelse", "finalbody", "handlers", "cases")]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, ast.AST) or isinstance(node, (ast.stmt, _OWN_SCOPE)):
            continue
        if isinstance(node, ast.NamedExpr) and isinstance(node.target, ast.Name):
            out.append((node.target.id, node.value))
        stack.extend(v for _, v in ast.iter_fields(node))
    return out


def _is_optional(node: Optional[ast.expr]) -> bool:
    """``Optional[X]`` / ``Union[X, None]`` (a type alias a module binds: ``MaybeContext = Optional[StepContext]``)."""
    return _unwrap_optional(node) is not node if isinstance(node, ast.Subscript) else False


def _unwrap_optional(node: ast.expr, depth: int = 0) -> ast.expr:
    """The type an annotation names: ``X`` of ``Optional[X]`` / ``Union[X, None]``, ``"X"``, ``Optional["X"]``,
    ``"Optional[X]"``."""
    if isinstance(node, ast.Subscript) and isinstance(node.value, (ast.Name, ast.Attribute)):
        name = node.value.id if isinstance(node.value, ast.Name) else node.value.attr
        inner = node.slice
        inner = getattr(inner, "value", inner) if type(inner).__name__ == "Index" else inner
        if name == "Union" and isinstance(inner, ast.Tuple):
            types = [e for e in inner.elts if not (isinstance(e, ast.Constant) and e.value is None)]
            if len(types) == 1 and len(inner.elts) == 2:
                name, inner = "Optional", types[0]
        if name == "Optional":
            return _unwrap_optional(inner, depth + 1) if depth < 2 else inner
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            inner = ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return node
        return _unwrap_optional(inner, depth + 1) if depth < 2 else inner
    return node


def _returns_cls(func) -> bool:
    """A ``@classmethod`` whose every ``return`` (one at least, none bare) gives ``cls(...)``."""
    if not any(isinstance(d, ast.Name) and d.id == "classmethod" for d in func.decorator_list) or not func.args.args:
        return False
    me = func.args.args[0].arg
    returns = []
    todo = list(func.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Return):
            returns.append(node.value)
        elif isinstance(node, (ast.Yield, ast.YieldFrom)):
            return False
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(node))
    return bool(returns) and all(
        isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == me for v in returns
    )


def _instance(value: Optional[str]) -> Optional[str]:
    if value is None or "(" in value.rsplit(".", 1)[-1]:
        return None
    canon = canonical(value)
    if canon.endswith("+"):
        return canon + "()"  # an instance of a user's subclass (see ``plain``)
    last = canon.rsplit(".", 1)[-1]
    return canon + "()" if last[:1].isupper() else None


def _call_result(callee: Optional[str]) -> Optional[str]:
    callee = splat.callee_of(callee)  # ``platform_step(f)``: a call of the callable the partial stands for
    if callee is None:
        return None
    if callee.startswith(CALLS_MARK):  # a closure / lambda / function handed around as a value
        return callee[len(CALLS_MARK):]
    canon = _as_integration_class(plain(canonical(callee)))
    owner, _, member = canon.rpartition(".")
    if member in api013.ACTIVE_INSTANCE_OF and owner.startswith("zenml.") and _instance(owner):
        return _instance(owner)
    if canon in api013.RETURNS:
        return api013.RETURNS[canon]
    if canon + "[]" in api013.RETURNS:
        return canon
    canon = canonical(callee)
    if canon.endswith("+"):
        return canon + "()"
    last = canon.rsplit(".", 1)[-1]
    if "(" not in last and "+" not in canon and last[:1].isupper():
        return canon + "()"
    return None


def _as_integration_class(canon: str) -> str:
    """``zenml.integrations.kubeflow.KubeflowIntegration.flavors`` -> ``...Integration+.flavors``: a member
    of a built-in integration class is looked up as one of any ``Integration`` subclass."""
    if canon.startswith("zenml.integrations."):
        owner, dot, member = canon.rpartition(".")
        if dot and owner in integration_classes_013():
            return api013.INTEGRATION_CLASS + dot + member
    return canon


def _self_assigned(cls: ast.ClassDef) -> Tuple[Set[str], bool]:
    """``(the names cls's methods assign on self, whether one sets members another way:
    setattr(self, ...), self.__dict__.update(...))``."""
    names: Set[str] = set()
    for method in _methods(cls):
        params = list(method.args.posonlyargs) + list(method.args.args)
        me = params[0].arg if params else None
        for n in walk_nodes(method):
            if _sets_members_of(n, me):
                return names, True
            if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store) and isinstance(n.value, ast.Name) and n.value.id == me:
                names.add(n.attr)
    return names, False


def _class_body_names(body: Sequence[ast.stmt], defs: bool = False) -> Set[str]:
    """The names a class body binds (its defs, classes, assigned and annotated names), in its
    ``if``/``try`` blocks too; ``defs``: only the names of its functions."""
    names: Set[str] = set()
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(stmt.name)
        elif isinstance(stmt, ast.ClassDef):
            if not defs:
                names.add(stmt.name)
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            for target in () if defs else stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]:
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            if not defs:
                names.update((a.asname or a.name).split(".")[0] for a in stmt.names)
        else:
            for field in ("body", "orelse", "finalbody", "handlers"):
                names.update(_class_body_names(getattr(stmt, field, None) or [], defs))
    return names


def _owner_of(path: str) -> str:
    """``a.B().c`` -> ``a.B``; ``a.B.c`` -> ``a.B``."""
    head, sep, _ = path.rpartition("().")
    return head if sep else path.rpartition(".")[0]


def _gate_fact(truth: Tuple[Optional[bool], ...]) -> str:
    """A ``GATE_MARK`` fact: ``gate:`` and the truth on each release (``?``: not known there)."""
    return "gate:" + "".join("?" if t is None else "1" if t else "0" for t in truth)


#: nodes whose body is a scope of its own: a call there reads names ``_site_scope`` does not bind
_NESTED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _signature_parts(func) -> List[ast.AST]:
    """The defaults and annotations of a ``def``: read where it is defined, not in its body."""
    args = func.args
    parts = list(args.defaults) + [d for d in args.kw_defaults if d is not None] + ([func.returns] if func.returns else [])
    every = list(args.posonlyargs) + list(args.args) + list(args.kwonlyargs) + [a for a in (args.vararg, args.kwarg) if a]
    return parts + [a.annotation for a in every if a.annotation is not None]


def _argument(call: ast.Call, index: int, name: Optional[str]) -> Optional[ast.expr]:
    """The argument ``call`` gives the parameter at ``index`` (named ``name`` when it may be given
    by keyword); None when it is not given or a ``*``/``**`` argument may hold it."""
    if any(isinstance(a, ast.Starred) for a in call.args[: index + 1]) or any(k.arg is None for k in call.keywords):
        return None
    if index < len(call.args):
        return call.args[index]
    return next((k.value for k in call.keywords if name is not None and k.arg == name), None)


def _file_bases(cls: LazyNode) -> List[LazyNode]:
    """The bases of the class ``cls`` that are classes of this file, each bound once."""
    found = [_bound_once(base, cls.scope, "class") for base in cls.node.bases if isinstance(base, ast.Name)]
    return [b for b in found if b is not None and b.node is not cls.node]


def _annotated_once(name: ast.Name, scope: Optional[Scope]) -> Optional[LazyNode]:
    """The annotation binding of ``name`` when its only bindings are one annotated assignment's
    (``REPO: Lazy[Repository] = Lazy(Repository)`` binds the value and the annotation)."""
    while scope is not None and name.id not in scope.bindings:
        scope = scope.parent
    bound = scope.bindings[name.id] if scope is not None else []
    if len(bound) != 2 or not all(isinstance(b, LazyNode) for b in bound) or [b.kind for b in bound] != ["expr", "ann"]:
        return None
    return bound[1]


def _bound_once(name: ast.Name, scope: Optional[Scope], *kinds: str) -> Optional[LazyNode]:
    """The one binding of ``name`` seen from ``scope`` when it is a lazy binding of one of ``kinds``
    (``"expr"``: ``name = EXPR``; ``"iter"``: the variable of a ``for`` or a comprehension)."""
    while scope is not None and name.id not in scope.bindings:
        scope = scope.parent
    bound = scope.bindings[name.id] if scope is not None else []
    return bound[0] if len(bound) == 1 and isinstance(bound[0], LazyNode) and bound[0].kind in kinds else None


def _bind_generator(scope: Scope, gen: ast.comprehension, iter_scope: Scope) -> None:
    """The names a comprehension's ``for`` binds: its target typed by the items of what it iterates
    over (``iter_scope``: where that is read; see ``_loop_targets`` for a tuple target), the other
    names of a tuple target unknown."""
    typed = dict(_loop_targets(gen.target, gen.iter))
    for name in ast.walk(gen.target):
        if isinstance(name, ast.Name):
            scope.bind(name.id, LazyNode("iter", typed[name.id], iter_scope) if name.id in typed else None)


def _loop_targets(target: ast.expr, iterated: ast.expr) -> List[Tuple[str, ast.expr]]:
    """``(name, iterable)`` for the names of a ``for`` target that are items of a known iterable:
    the target itself, the value of ``for key, value in mapping.items()`` (an item of
    ``mapping.values()``) and the item of ``for i, item in enumerate(iterable)``."""
    if isinstance(target, ast.Name):
        return [(target.id, iterated)]
    if (isinstance(target, (ast.Tuple, ast.List)) and isinstance(iterated, ast.Call) and not iterated.keywords
            and isinstance(iterated.func, ast.Name) and iterated.func.id == "zip" and len(iterated.args) == len(target.elts)
            and not any(isinstance(a, ast.Starred) for a in iterated.args)):
        # ``for prev, run in zip(runs, runs[1:])``: each name an item of its own iterable
        return [(t.id, a) for t, a in zip(target.elts, iterated.args) if isinstance(t, ast.Name)]
    if not (isinstance(target, (ast.Tuple, ast.List)) and len(target.elts) == 2 and isinstance(target.elts[1], ast.Name)):
        return []
    if not (isinstance(iterated, ast.Call) and not iterated.keywords):
        return []
    func, args = iterated.func, iterated.args
    if isinstance(func, ast.Attribute) and func.attr == "items" and not args:
        values = ast.Call(func=ast.Attribute(value=func.value, attr="values", ctx=ast.Load()), args=[], keywords=[])
        return [(target.elts[1].id, ast.copy_location(values, iterated))]
    if isinstance(func, ast.Name) and func.id == "enumerate" and len(args) == 1 and not isinstance(args[0], ast.Starred):
        return [(target.elts[1].id, args[0])]
    return []


# builtins called on an iterable of known items: what they give ("items": the same items, "item": one of them)
_SAME_ITEMS = {
    "sorted": "items", "reversed": "items", "list": "items", "tuple": "items", "iter": "items",
    "max": "item", "min": "item", "next": "item", "filter": "items",
}
_ITEMS_ARGUMENT = {"filter": 1}  # the argument holding the items, when not the first (``filter(pred, runs)``)


def _not_isinstance(test: ast.expr) -> List[Tuple[str, ast.expr]]:
    """The ``isinstance`` test of ``not isinstance(x, C)``."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _isinstance_tests(test.operand)[:1] if not isinstance(test.operand, ast.BoolOp) else []
    return []


def _exits(body: Sequence[ast.stmt]) -> bool:
    """A block whose last statement leaves it (``raise``, ``return``, ``continue``, ``break``)."""
    return bool(body) and isinstance(body[-1], (ast.Raise, ast.Return, ast.Continue, ast.Break))


def _class_tests(test: ast.expr, tuples: bool = False) -> List[Tuple[str, str, ast.expr]]:
    """``(isinstance|issubclass, name, class)`` of the tests ``isinstance(name, Class)`` and
    ``issubclass(name, Class)`` that ``test`` needs true: the test itself or an operand of an
    ``and`` (one class, not a tuple of them); with ``tuples``, the test itself only, one triple
    per class of a tuple (``not isinstance(x, (A, B))``: x is neither)."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) and not tuples:
        return [triple for value in test.values for triple in _class_tests(value)]
    if not (
        isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and test.func.id in ("isinstance", "issubclass")
        and len(test.args) == 2 and not test.keywords and isinstance(test.args[0], ast.Name)
    ):
        return []
    classes = test.args[1].elts if tuples and isinstance(test.args[1], ast.Tuple) else [test.args[1]]
    return [(test.func.id, test.args[0].id, c) for c in classes if isinstance(c, (ast.Name, ast.Attribute))]


def _isinstance_tests(test: ast.expr) -> List[Tuple[str, ast.expr]]:
    """``(name, class)`` of the ``isinstance(name, Class)`` tests an ``if`` needs true (``_class_tests``)."""
    return [(name, cls) for func, name, cls in _class_tests(test) if func == "isinstance"]


def _own_yields(func) -> List[ast.expr]:
    """The function's own ``yield`` and ``yield from`` nodes (``own_returns``'s walk)."""
    out: List[ast.expr] = []
    todo = list(ast.iter_child_nodes(func))
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            out.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return out


def own_returns(func) -> Tuple[List[Optional[ast.expr]], List[Optional[ast.expr]]]:
    """The values of a function's own ``return`` statements (None: a bare ``return``) and of its
    own ``yield``s (None: a bare ``yield`` or a ``yield from``; any: it is a generator); nested
    functions, lambdas and classes are not looked into."""
    returns: List[Optional[ast.expr]] = []
    yields: List[Optional[ast.expr]] = []
    todo = list(ast.iter_child_nodes(func))
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, ast.Return):
            returns.append(node.value)
        elif isinstance(node, (ast.Yield, ast.YieldFrom)):
            yields.append(node.value if isinstance(node, ast.Yield) else None)
        todo.extend(ast.iter_child_nodes(node))
    return returns, yields


def _sets_members_of(node: ast.AST, me: Optional[str]) -> bool:
    """``node`` gives the object ``me`` names members the code does not spell: ``setattr(me, ...)``,
    ``me.__dict__``, ``vars(me)``."""
    if me is None:
        return False
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("setattr", "vars"):
        return bool(node.args) and isinstance(node.args[0], ast.Name) and node.args[0].id == me
    return isinstance(node, ast.Attribute) and node.attr == "__dict__" and isinstance(node.value, ast.Name) and node.value.id == me


def _forwarding_method(stmt: ast.stmt) -> bool:
    """An undecorated method taking the instance and ``**kwargs`` (which it may give to a zenml
    decorator: ``splat.forwarding_value`` decides)."""
    return (isinstance(stmt, ast.FunctionDef) and not stmt.decorator_list and stmt.args.kwarg is not None
            and bool(stmt.args.posonlyargs or stmt.args.args))


def _functions(cls: ast.ClassDef) -> List[ast.FunctionDef]:
    """Every function of a class body (static and class methods too)."""
    return [stmt for stmt in cls.body if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))]


def _methods(cls: ast.ClassDef) -> List[ast.FunctionDef]:
    """The functions of a class body that take the instance first (not static or class methods)."""
    return [
        stmt for stmt in cls.body
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))
        and not any(last_name(d) in ("staticmethod", "classmethod") for d in stmt.decorator_list)
    ]


def _global_assignments(tree: ast.Module) -> List[Tuple[str, ast.expr]]:
    """``(name, value)`` of the assignments a function (or method) makes to a module name it
    declares ``global`` (``REPO = None`` at module level, ``global REPO; REPO = Repository()`` in
    ``init()``): values of the module's name too."""
    out: List[Tuple[str, ast.expr]] = []
    for func in ast.walk(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        own = list(_own_statements(func.body))
        names = {n for stmt in own if isinstance(stmt, ast.Global) for n in stmt.names}
        if not names:
            continue
        for stmt in own:
            if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
                out.extend((t.id, v) for t, v in _assigned_pairs(stmt) if isinstance(t, ast.Name) and t.id in names)
    return out


def _own_statements(body: Sequence[ast.stmt]) -> Iterable[ast.stmt]:
    """Every statement of a function body, in its blocks too, not in nested functions or classes."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for field in ("body", "orelse", "finalbody"):
            yield from _own_statements(getattr(stmt, field, None) or [])
        for block in (getattr(stmt, "handlers", None) or []) + (getattr(stmt, "cases", None) or []):
            yield from _own_statements(block.body)  # ``except`` handlers, ``match`` cases


def _assigned_pairs(stmt) -> List[Tuple[ast.expr, ast.expr]]:
    """``(target, value)`` of an assignment, a tuple target paired with a tuple value (``_same_shape``)."""
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
    out = []
    for target in targets:
        if _same_shape(target, stmt.value):
            out.extend(zip(target.elts, stmt.value.elts))
        else:
            out.append((target, stmt.value))
    return out


def _same_shape(target: ast.expr, value: ast.expr) -> bool:
    """A tuple/list target and a tuple/list value of as many elements, none starred: each name is
    bound to its own value (``a, b = x, y``)."""
    return (
        isinstance(target, (ast.Tuple, ast.List))
        and isinstance(value, (ast.Tuple, ast.List))
        and len(target.elts) == len(value.elts)
        and not any(isinstance(e, ast.Starred) for e in (*target.elts, *value.elts))
    )


def _subscript_items(node: ast.Subscript) -> List[ast.expr]:
    """The expressions between the brackets of ``X[A, B]`` (``[A]`` for ``X[A]``)."""
    inner = node.slice
    inner = getattr(inner, "value", inner) if type(inner).__name__ == "Index" else inner
    return list(inner.elts) if isinstance(inner, ast.Tuple) else [inner]


def _mapping_value(value: Optional[str]) -> Optional[str]:
    """A value of a zenml mapping (one whose ``.values()`` items are known: ``Stack().components``,
    ``StepView().outputs``), looked up by a key (``components[StackComponentType.ORCHESTRATOR]``)."""
    if value is None or value.startswith((ITEMS, VALUES)):
        return None
    return _items(f"{value}.values")


def _items(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    if value.startswith(ITEMS):  # a user-annotated container (``Detector._container``)
        return value[len(ITEMS):]
    return api013.RETURNS.get(plain(canonical(value)) + "[]")


def relative_base(module_name: str, is_package: bool, level: int) -> str:
    """The package ``from <level dots> import ...`` starts from in module ``module_name``."""
    parts = module_name.split(".") if module_name else []
    if not is_package:
        parts = parts[:-1]
    return ".".join(parts[: max(0, len(parts) - (level - 1))])


def dunder_all(body: Sequence[ast.stmt]) -> Set[str]:
    """The strings of a module-level ``__all__ = [...]`` / ``(...)`` (and ``__all__ += [...]``)."""
    names: Set[str] = set()
    for stmt in body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in stmt.targets):
            value = stmt.value
        elif isinstance(stmt, (ast.AugAssign, ast.AnnAssign)) and isinstance(stmt.target, ast.Name) and stmt.target.id == "__all__":
            value = stmt.value
        else:
            continue
        if isinstance(value, (ast.List, ast.Tuple, ast.Set)):
            names.update(e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str))
    return names


def _common_value(values: List[Optional[str]]) -> Optional[str]:
    """The zenml value every one of ``values`` is: the value they all are, or, for instances of
    different user classes of one zenml base (a ``@step`` function's and a ``BaseStep`` subclass's:
    ``BaseStep~@+()``, ``BaseStep+()``), an instance of a user's subclass of that base (``BaseStep+()``);
    None when one does not resolve or they differ otherwise."""
    found = set(values)
    if not found or None in found or any(not v.startswith("zenml") or v.startswith(PROJECT_MODULE) for v in found):
        return None
    if len(found) == 1:
        return found.pop()
    bases = {plain(v) for v in found}
    common = bases.pop() if len(bases) == 1 else None
    return common[:-2] + "+()" if common is not None and common.endswith("()") and all(v.endswith("+()") for v in found) else None


def plain(path: str) -> str:
    """``X+()`` (an instance of a user's subclass of X) as the rules see it: ``X()``. The
    detector keeps the ``+`` so the signature safety nets know the class is the user's own.
    A pipeline class's ``run`` mark goes too, except on the ``run`` it defines itself
    (``X~run+().run`` stays as it is: no rule names it)."""
    if "~" in path:
        head, _, rest = path.partition("~")
        mark, plus, tail = rest.partition("+")
        member = tail[2:] if tail.startswith("()") else tail
        if "~" + mark == OWN_RUN and member.startswith(".run") and member[4:5] in ("", "(", ".", "["):
            return path
        path = head + plus + tail
    return path.replace("+()", "()") if "+()" in path else path


_NO_INIT_BASES = frozenset({"object", "ABC", "Generic", "Protocol", "abc.ABC", "typing.Generic", "typing.Protocol"})
"""Bases that define no ``__init__`` a subclass could be built with."""


def _binds_names(body: List[ast.stmt], names: Tuple[str, ...]) -> List[str]:
    """The ``names`` a class body defines (a method or an assignment)."""
    out = []
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name in names:
            out.append(stmt.name)
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
        out.extend(t.id for t in targets if isinstance(t, ast.Name) and t.id in names)
    return out


def _defines_run(node: ast.ClassDef) -> bool:
    """Does the class body bind ``run`` (a method, an assignment; also under ``if``/``try``)?"""
    return _binds_run(node.body)


def _binds_run(body: List[ast.stmt]) -> bool:
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == "run":
            return True
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == "run" for t in targets):
            return True
        if isinstance(stmt, (ast.If, ast.Try, ast.With)) or type(stmt).__name__ == "TryStar":
            nested = [getattr(stmt, f, []) for f in ("body", "orelse", "finalbody")]
            nested += [h.body for h in getattr(stmt, "handlers", ())]
            if any(_binds_run(b) for b in nested):
                return True
    return False


def _chain(scope: Optional[Scope]):
    while scope is not None:
        yield scope
        scope = scope.parent


def char_col(lines: List[str], lineno: int, byte_col: int) -> int:
    if 0 < lineno <= len(lines):
        line = lines[lineno - 1]
        if not line.isascii():
            return len(line.encode("utf-8")[:byte_col].decode("utf-8", "replace"))
    return byte_col


def alias_spans(node: ast.stmt, lines: List[str]) -> List[Span]:
    """Span of each name of an import, in order (``ast.alias`` has no position before 3.10)."""
    if node.names and getattr(node.names[0], "lineno", None) is not None:
        return [
            Span(
                a.lineno,
                char_col(lines, a.lineno, a.col_offset) + 1,
                a.end_lineno,
                char_col(lines, a.end_lineno, a.end_col_offset) + 1,
            )
            for a in node.names
        ]
    return _find_alias_texts(node, lines)


def _find_alias_texts(node: ast.stmt, lines: List[str]) -> List[Span]:
    """Python 3.9: find the names in the statement's text, left to right, each search
    starting where the previous name ended (so ``Repository as Repository, Repository as R``
    gives two spans), comments blanked out."""
    import re

    start_line = node.lineno
    end_line = node.end_lineno or node.lineno
    texts = {}
    for lineno in range(start_line, end_line + 1):
        text = lines[lineno - 1] if lineno <= len(lines) else ""
        hash_at = text.find("#")
        texts[lineno] = text if hash_at == -1 else text[:hash_at] + " " * (len(text) - hash_at)
    line = start_line
    col = char_col(lines, start_line, node.col_offset)
    head = re.match(r"\s*(?:from\s+[\w.\s]+?\s+)?import\b", texts[start_line][col:])
    if head:  # skip `from <module> import` so a name equal to the module part is not hit
        col += head.end()
    spans = []
    for alias in node.names:
        pattern = re.compile(r"(?<![\w.])" + re.escape(alias.name).replace(r"\.", r"\s*\.\s*") + r"(?![\w])")
        found = None
        for lineno in range(line, end_line + 1):
            m = pattern.search(texts[lineno], col if lineno == line else 0)
            if m:
                end = m.end()
                if alias.asname:
                    m2 = re.compile(r"\s+as\s+" + re.escape(alias.asname) + r"\b").match(texts[lineno], end)
                    if m2:
                        end = m2.end()
                found = Span(lineno, m.start() + 1, lineno, end + 1)
                line, col = lineno, end
                break
        spans.append(found or Span(node.lineno, node.col_offset + 1, node.lineno, node.col_offset + 1))
    return spans
