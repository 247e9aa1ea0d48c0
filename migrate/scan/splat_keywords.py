"""Keywords that reach a zenml callable from somewhere else than the call itself.

A team keeps its decorator defaults in one place and the keywords travel to the call::

    platform_step = functools.partial(step, enable_cache=False, output_types={"data": DataArtifact})
    PIPELINE_DEFAULTS = dict(enable_cache=False, required_integrations=[SKLEARN])

    @platform_step                      # step(fit, enable_cache=False, output_types=...)
    def fit(...): ...

    @pipeline(**PIPELINE_DEFAULTS)      # pipeline(enable_cache=False, required_integrations=...)
    def train(...): ...

0.20 rejects ``output_types=`` / ``required_integrations=`` there (TypeError at import, at the
decorator). The keywords are judged as keywords of the callable that receives them:

* where they are written (the ``partial(...)`` call, the ``dict(...)`` keyword, the key of a
  dict display): the rule of that keyword reports it there, and its fix rewrites it there
  (``keywords:RenameKeywords`` and ``settings:FoldSettings`` edit any call's keywords, a
  ``partial(...)`` or ``dict(...)`` call like the decorator call, and the string keys of a dict
  display); where the fold declines (a ``settings`` that is not a dict literal, a display key
  that is not a plain name string: ``NO_FOLD``) there is no automatic fix, and the finding says so;
* where Python fails (``@platform_step``, ``**PIPELINE_DEFAULTS``): a finding that names where the
  keyword comes from; it is resolved by the fix where the keyword is written (same level), or
  has no fix of its own when that one has none.

The value of a name bound to such a ``partial``/dict is a string the resolver carries like any
other path (``KW``, see ``encode``), so it travels through imports and re-exports in the
cross-file facts. A dict learns which callable receives it (its keys are judged against that
one only) from the facts of the modules that splat it (``SPLAT_MARK``).
"""

import ast
from dataclasses import replace
from functools import lru_cache
from typing import Callable, Dict, Iterable, List, Optional, Set, Tuple

from zenml_migrate.findings import NO_FIX_HERE, Finding, mark_resolved

KW = "@kw:"
# cross-file fact ``"<importer>.<origin>.__splat__": "<origin>><callee>"``: a module passes the
# dict ``origin`` (``pkg.mod:NAME``) as ``**`` to the zenml callable ``callee``
SPLAT_MARK = "__splat__"
PARTIAL, DICT_CALL, DISPLAY = "partial", "dict", "display"
RENAME_KEYWORDS = "keywords:RenameKeywords"  # its fix edits dict display keys as well (codemods/keywords.py)
RENAME_SYMBOLS = "renames:RenameSymbols"  # with ``keywords``: renames dict display keys too (codemods/renames.py)
FOLD_SETTINGS = "settings:FoldSettings"  # folds dict display keys too, unless ``NO_FOLD``
RUN_EXTRA = "run_extra:RunExtra"  # moves the keys of a ``**{...}`` written in the ``run()`` call into ``extra=``
NO_FOLD = "!"  # suffix of a form whose keywords ``settings:FoldSettings`` does not fold (``_no_fold``)
ON_DISK = "kept"  # written in a module this run does not rewrite (``on_disk``)
OWN = "own"  # a parameter of a wrapper function, not a keyword of the callable (``forwarding_value``)
READS = "reads"  # an entry naming the wrapper's ``**kwargs`` when it reads it otherwise too (``reads_forwarded``): no keyword
WRAPPER = (OWN, READS)  # the forms of a wrapper's own entries: never judged as keywords of the callable

ELSEWHERE = " fix where it is written)"  # the end of a use's message resolved by another module's fix
USE_MARK = "`, written in "  # in the message of a use (``judge_use``)

Entry = Tuple[str, str, str]  # (keyword, origin "module:name", form)


def encode(callee: str, entries: Iterable[Entry]) -> str:
    """``@kw:<callee>|<keyword>=<origin>=<form>,...`` (``callee`` empty for a dict)."""
    return KW + callee + "|" + ",".join(f"{k}={o}={f}" for k, o, f in entries)


def decode(value: str) -> Tuple[str, List[Entry]]:
    callee, _, rest = value[len(KW) :].partition("|")
    entries = []
    for part in rest.split(",") if rest else ():
        key, origin, form = part.split("=")
        entries.append((key, origin, form))
    return callee, entries


def callee_of(value: Optional[str]) -> Optional[str]:
    """The zenml callable a ``partial`` value stands for (None for a dict)."""
    if value is None or not value.startswith(KW):
        return value
    return value[len(KW) :].partition("|")[0] or None


def stands_for(value: Optional[str], path: str) -> bool:
    """Is ``value`` (a resolved, canonical expression) ``path`` itself or a ``functools.partial`` of
    it with keywords only (``quick_step = partial(step, enable_cache=False)``: ``@quick_step(...)``
    takes every keyword ``@step(...)`` does)?"""
    if value is None or not value.startswith(KW):
        return value == path
    from zenml_migrate.scan.zenml_index import canonical

    callee = callee_of(value)
    return callee is not None and canonical(callee) == path


def interesting_keywords(index) -> frozenset:
    """Keywords worth carrying across files: those a catalog rule or a 0.20 rename names."""
    return _interesting(index.catalog())


@lru_cache(maxsize=8)
def _interesting(catalog) -> frozenset:
    from zenml_migrate.scan import zenml_signatures as sigs

    return frozenset({kw for _, kw in catalog.kwargs} | set(sigs.successors()))


def own_keywords(value: str) -> Set[str]:
    """The parameters of a wrapper (``forwarding_value``): keywords its callers give to it, not
    to the zenml callable."""
    return {k for k, _, f in decode(value)[1] if f == OWN} if value.startswith(KW) else set()


def reads_forwarded(value: Optional[str]) -> Optional[str]:
    """The name of the ``**kwargs`` a wrapper gives to ``run`` when it also reads it otherwise
    (``if kwargs.get("schedule_name"): ...``, ``log(**kwargs)``: ``_forwarded_run``), else None."""
    if not value or not value.startswith(KW):
        return None
    return next((k for k, _, f in decode(value)[1] if f == READS), None)


def forwarding_value(detector, node: ast.FunctionDef, scope) -> Optional[str]:
    """The value of a module-level function that gives its ``**kwargs`` to a zenml decorator and
    returns what it makes: ``def my_step(**kw): return step(**kw)`` (also ``step(func, **kw)``,
    ``step(**kw)(func)``, either branch of ``a if c else b``) is ``step`` to its callers, minus its
    own parameters (``OWN`` entries: ``my_step(name="x", enable_cache=False)`` gives ``name`` to
    the wrapper). None for any other function."""
    from zenml_migrate.scan import api013
    from zenml_migrate.scan.zenml_index import canonical

    name = node.args.kwarg.arg
    args = node.args
    own = [a.arg for a in list(args.posonlyargs) + list(args.args) + list(args.kwonlyargs)]
    if args.vararg is not None:
        own.append(args.vararg.arg)
    for stmt in _walk_flat(node.body):
        if not isinstance(stmt, ast.Return) or stmt.value is None:
            continue
        values = [stmt.value.body, stmt.value.orelse] if isinstance(stmt.value, ast.IfExp) else [stmt.value]
        for value in values:
            calls = [value, value.func] if isinstance(value, ast.Call) and isinstance(value.func, ast.Call) else [value]
            calls += _inner_decorator_calls(node, value, name)
            for call in calls:
                if not (isinstance(call, ast.Call) and any(kw.arg is None and _is_name(kw.value, name) for kw in call.keywords)):
                    continue
                if isinstance(call.func, ast.Name) and call.func.id in own + [name]:
                    continue
                if is_partial(detector, call.func) and call.args and not isinstance(call.args[0], ast.Starred):
                    callee = callee_of(detector.resolve(call.args[0], scope))  # ``partial(pipeline, **kw)()``
                else:
                    callee = callee_of(detector.resolve(call.func, scope))
                if callee is not None and canonical(callee) in api013.DECORATORS:
                    origin = f"{detector.module_name}:{node.name}"
                    return encode(callee, [(p, origin, OWN) for p in own])
    return _forwarded_run(detector, node, scope, name, own)


def lambda_function(node: ast.Lambda) -> ast.FunctionDef:
    """``lambda **kw: step(**kw)`` as the function it is (``def <lambda>(**kw): return step(**kw)``),
    for ``forwarding_value``."""
    body = ast.Return(value=node.body)
    ast.copy_location(body, node.body)
    func = ast.FunctionDef(name="<lambda>", args=node.args, body=[body], decorator_list=[], returns=None, type_comment=None)
    return ast.copy_location(func, node)


def _forwarded_run(detector, node: ast.FunctionDef, scope, name: str, own: List[str]) -> Optional[str]:
    """``def launch(**kw): my_pipeline(...).run(**kw)`` (or ``p = ...; p.run(run_name=n, **kw)``):
    ``launch`` gives its ``**kw`` to a pipeline's ``run``, read in the function's own scope."""
    from zenml_migrate.scan.detect import Scope, plain
    from zenml_migrate.scan.zenml_index import canonical

    calls = [c for c in _walk_flat(node.body) if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)
             and c.func.attr == "run" and any(kw.arg is None and _is_name(kw.value, name) for kw in c.keywords)]
    if len(calls) != 1 or any(isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load) for n in ast.walk(node)):
        return None
    if "extra" in own or any(kw.arg == "extra" for kw in calls[0].keywords):
        return None  # a caller's ``extra=`` (ZM212's fix) would not reach ``run`` as the only one
    # ``kwargs.get("schedule_name")`` too: ``extra=`` would change what it sees (``reads_forwarded``)
    reads = sum(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node)) > 1
    inner = Scope(scope, node)
    instance = detector.instance_parameter(node, scope)  # a method's ``self``: ``self.pipeline.run(**kw)``
    for i, param in enumerate(own + [name]):
        inner.bind(param, instance if i == 0 and instance is not None else None)
    detector.collect(node.body, inner)
    callee = callee_of(detector.resolve(calls[0].func, inner))
    if callee is None or plain(canonical(callee)) != _PIPELINE_RUN:
        return None
    origin = f"{detector.module_name}:{node.name}"
    return encode(callee, [(p, origin, OWN) for p in own] + ([(name, origin, READS)] if reads else []))


_PIPELINE_RUN = "zenml.pipelines.base_pipeline.BasePipeline().run"


def _inner_decorator_calls(node: ast.FunctionDef, value: ast.expr, name: str) -> List[ast.AST]:
    """The calls of the decorator a decorator factory returns: ``def kit_step(name=None, **kw):
    def wrapper(func): return step(name=name, **kw)(func); return wrapper`` (the returned name
    bound only by that ``def`` in the factory's body, which takes the decorated function and
    neither rebinds nor deletes ``kw``): its calls are the factory's own."""
    if not isinstance(value, ast.Name):
        return []
    inner = [s for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == value.id]
    bound = [n for n in ast.walk(node) if isinstance(n, ast.Name) and n.id == value.id and not isinstance(n.ctx, ast.Load)]
    if len(inner) != 1 or bound or len(inner[0].args.args) != 1:
        return []
    inner_args = inner[0].args
    if inner_args.vararg or inner_args.kwarg or inner_args.kwonlyargs or inner_args.posonlyargs or inner[0].decorator_list:
        return []
    if any(isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load) for n in ast.walk(inner[0])):
        return []
    return [c for stmt in _walk_flat(inner[0].body) for c in [stmt] if isinstance(c, ast.Call)]


def is_resolved_elsewhere(finding: Finding) -> bool:
    """Is ``finding`` a use whose keywords the fix of another module rewrites (``judge_use``)?"""
    return finding.resolved_by is not None and finding.message.endswith(f"(resolved by the {finding.resolved_by}{ELSEWHERE}")


def on_disk(value: str) -> str:
    """The fact of a module this run does not rewrite: its keywords stay as they are."""
    if not value.startswith(KW):
        return value
    callee, entries = decode(value)
    return encode(callee, [(k, o, f if f in WRAPPER else ON_DISK) for k, o, f in entries])


# ------------------------------------------------------------------- reading values
def is_partial(detector, func: ast.expr) -> bool:
    """Is ``func`` ``functools.partial`` (``import functools`` / ``from functools import partial``,
    under any alias, not rebound by the module)?"""
    return detector.is_stdlib(func, "functools.partial")


def partial_value(detector, node: ast.Call, scope) -> Optional[str]:
    """The value of ``functools.partial(<zenml callable>, kw=...)``: the callable, with the
    keywords it adds (None when the first argument is not a zenml callable)."""
    if not node.args or isinstance(node.args[0], ast.Starred):
        return None
    callee = callee_of(detector.resolve(node.args[0], scope))
    if callee is None or not callee.startswith("zenml"):
        return None
    origin = f"{detector.module_name}:"
    form = PARTIAL + _no_fold(node)
    entries = [(kw.arg, origin, form) for kw in node.keywords if kw.arg is not None]
    return encode(callee, entries) if entries else callee


def _no_fold(node: ast.expr, detector=None) -> str:
    """``NO_FOLD`` when ``settings:FoldSettings`` declines the keywords of this call / display
    (``_fold_declined``)."""
    return NO_FOLD if _fold_declined(node, detector) else ""


@lru_cache(maxsize=1)
def settings_keys_of() -> Dict[str, Tuple[str, bool]]:
    """keyword -> (the settings key ``settings:FoldSettings`` folds it into (``docker``, ``resources``),
    whether it is a field of that settings object rather than the object itself)."""
    from zenml_migrate.rules import all_rules

    return {k: (r.arg("key"), r.arg("fields") is not None)
            for r in all_rules() if r.codemod == FOLD_SETTINGS for k in r.arg("keywords", ()) or ()}


def literal_dict_keys(node: ast.expr) -> Optional[Set[str]]:
    """The keys of a dict display / ``dict(...)`` of keywords whose keys are all literal names."""
    if isinstance(node, ast.Dict):
        keys = [k.value if isinstance(k, ast.Constant) and isinstance(k.value, str) and k.value.isidentifier() else None
                for k in node.keys]
        return None if None in keys else set(keys)
    if _is_dict_call_node(node) and not node.args:
        return None if any(k.arg is None for k in node.keywords) else {k.arg for k in node.keywords}
    return None


def derived_base(detector, node: ast.Call) -> Optional[str]:
    """``dict(BASE, k=v, ...)`` whose legacy keywords fold beside ``BASE`` (held-out 21 r04): the name
    ``BASE``, bound once at module level to a dict of literal keys without ``settings`` whose own fold
    is not declined, when no legacy keyword is in both and the call gives no ``docker_configuration`` /
    ``resource_configuration`` for a settings entry ``BASE``'s fold writes too. The fold then writes
    ``settings={**BASE["settings"], "docker": BASE["settings"]["docker"].copy(update=...)}`` (or the
    entry alone when ``BASE`` has no legacy keyword) (``codemods/settings.py``). None otherwise."""
    if detector is None or len(node.args) != 1 or not isinstance(node.args[0], ast.Name):
        return None
    name = node.args[0].id
    base, scope = detector.assigned_node(name, detector.module_scope)
    if scope is not detector.module_scope or base is None or not (isinstance(base, ast.Dict) or is_dict_call(detector, base)):
        return None
    keys = literal_dict_keys(base)
    if keys is None or "settings" in keys or _fold_declined(base):
        return None
    into = settings_keys_of()
    own = {kw.arg for kw in node.keywords if kw.arg in into}
    written = {into[k][0] for k in keys if k in into}
    values = {into[k][0] for k in own if not into[k][1]}
    if own & keys or values & written or (written and any(kw.arg == "settings" for kw in node.keywords)):
        return None
    return name


def _fold_declined(node: ast.expr, detector=None) -> str:
    """Why ``settings:FoldSettings`` declines the keywords of this call / display ("" when it
    folds them): its ``settings`` is not a dict literal, it also passes a ``**`` or (``dict(base,
    k=v)``) a positional dict (either may hold ``settings``: a new one would replace it; not when
    ``derived_base`` knows the base's keys), or (a display) a key is not a plain name string."""
    if isinstance(node, ast.Dict):
        if not all(isinstance(k, ast.Constant) and isinstance(k.value, str) and k.value.isidentifier() for k in node.keys):
            if any(k is None for k in node.keys):  # after the fix of its own keys, it may hold ``settings``
                return "the dict also holds a `**` item"
            return "a key of the dict is not a plain name"
        settings = [v for k, v in zip(node.keys, node.values) if k.value == "settings"]
    else:
        if any(kw.arg is None for kw in node.keywords):
            return "the call also passes a `**`"
        if _is_dict_call_node(node) and node.args and derived_base(detector, node) is None:
            why = "the dict is built from another dict (`dict(base, ...)`), which may hold `settings`"
            if unchecked(node.args[0]):  # ``dict(CFG["pipeline"], ...)``: data, known only at run time
                why += (f" (the keys of `{ast.unparse(node.args[0])}{UNCHECKED}: a keyword ZenML 0.20 rejects there must move "
                        "into `settings` too, where its data is written)")
            return why
        settings = [kw.value for kw in node.keywords if kw.arg == "settings"]
    return "its `settings` is not a dict literal" if any(not isinstance(v, ast.Dict) for v in settings) else ""


def fixed_where_written(rule, form: str) -> bool:
    """Does the rule's fix rewrite a keyword written in this form (``partial``/``dict``/``display``)?"""
    if rule.fix_value is None or form == ON_DISK:
        return False
    if rule.codemod == RENAME_KEYWORDS:
        return True
    if rule.codemod == RENAME_SYMBOLS:
        # a renamed constructor's keyword table (ZM105 ``copy_profile``): display keys of a dict given to it
        # (in this module or another one: the 0.20 class that call becomes is judged through the same rule,
        # ``_renamed_from``, so the self-check of the other module agrees)
        return form.startswith(DISPLAY) and bool(rule.arg("keywords"))
    return rule.codemod == FOLD_SETTINGS and not form.endswith(NO_FOLD)


def is_dict_call(detector, node: ast.expr) -> bool:
    return _is_dict_call_node(node) and not detector.is_bound("dict")


def _is_dict_call_node(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict"


def dict_entries(detector, node: ast.expr, origin: str, scope, depth: int = 0) -> Optional[List[Entry]]:
    """The keys known to be in a dict display / ``dict(...)``, each with where it is written (a
    computed key, a ``**`` of something unknown such as a ``**kwargs`` parameter, adds none);
    None when ``node`` is neither."""
    if depth > 10:
        return None
    out: List[Entry] = []
    if isinstance(node, ast.Dict):
        form = DISPLAY + _no_fold(node)
        for key, value in zip(node.keys, node.values):
            if key is None:
                out += splat_entries(detector, value, scope, depth + 1) or []
            elif isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value.isidentifier():
                out.append((key.value, origin, form))
        return out
    if is_dict_call(detector, node):
        for arg in node.args:
            out += splat_entries(detector, arg, scope, depth + 1) or []
        form = DICT_CALL + _no_fold(node, detector) if any(kw.arg is not None for kw in node.keywords) else DICT_CALL
        for kw in node.keywords:
            if kw.arg is None:
                out += splat_entries(detector, kw.value, scope, depth + 1) or []
            else:
                out.append((kw.arg, origin, form))
        return out
    return None


# ------------------------------------------------------------------- keys added after the dict is built
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
SETDEFAULT, ITEM = "setdefault", "item"  # the forms of an added key a codemod rewrites (``added_fix``)


def added_keys(detector, name: str, scope, before: ast.AST):
    """``(scope, [(key, node, how, form), ...], body)``: the string keys the code that binds ``name`` (the
    body of its function, for a parameter such as ``**kwargs`` or a local dict; the module for a
    module-level dict) writes into it before ``before`` (the call that splats it), outside nested
    functions and classes: ``name.setdefault("k", v)``, ``name["k"] = v``, ``name.update(k=v)`` /
    ``name.update({"k": v})``, ``name |= {"k": v}``. ``node`` is where the key is written (the
    string, or the keyword of ``update``), ``how`` the form that adds it, as shown (``_written``);
    ``body`` the statements read. None when the name is bound elsewhere (a lambda, a comprehension)
    or not at all."""
    bound = next((s for s in _scope_chain(scope or detector.scope) if name in s.bindings), None)
    if bound is None:
        return None
    if bound is detector.module_scope:
        body = (detector.tree or ast.Module(body=[], type_ignores=[])).body
    elif isinstance(bound.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        body = bound.node.body
    else:
        return None
    limit = (before.lineno, before.col_offset)
    out: List[Tuple[str, ast.AST, str, str]] = []
    stack = [stmt for stmt in reversed(body) if not isinstance(stmt, _NESTED)]
    while stack:
        node = stack.pop()
        if (getattr(node, "lineno", 0), getattr(node, "col_offset", 0)) >= limit:
            continue
        found = _written(node, name)
        if found:  # (a key written inside the value written is not followed)
            out += found
            continue
        stack.extend(reversed([c for c in ast.iter_child_nodes(node) if not isinstance(c, _NESTED)]))
    return bound, out, body


CLASH = "a call gives the dict with `settings=` or another `**`, which may hold `settings` too"


def call_clash(call: ast.Call, expr: ast.expr) -> bool:
    """Does ``call`` give ``**expr`` with a ``settings=`` or another ``**`` (``settings_clash``)?"""
    return any(kw.value is not expr and (kw.arg is None or kw.arg == "settings") for kw in call.keywords)


def settings_clash(body: List[ast.stmt], name: str) -> bool:
    """Does a call in ``body`` (outside nested functions) give ``**name`` together with a
    ``settings=`` or another ``**`` (either may hold ``settings``: a ``settings`` key added to
    ``name`` would then be given twice, TypeError)?"""
    for node in _walk_flat(body):
        if isinstance(node, ast.Call) and any(kw.arg is None and _is_name(kw.value, name) for kw in node.keywords):
            if any(kw.arg == "settings" or (kw.arg is None and not _is_name(kw.value, name)) for kw in node.keywords):
                return True
    return False


def _walk_flat(body: List[ast.stmt]):
    stack = [stmt for stmt in reversed(body) if not isinstance(stmt, _NESTED)]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed([c for c in ast.iter_child_nodes(node) if not isinstance(c, _NESTED)]))


def _scope_chain(scope):
    while scope is not None:
        yield scope
        scope = scope.parent


def _is_name(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _key(node: Optional[ast.AST]) -> Optional[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
        return node.value
    return None


def _display_keys(node: ast.AST) -> List[Tuple[str, ast.AST]]:
    if not isinstance(node, ast.Dict):
        return []
    return [(_key(k), k) for k in node.keys if _key(k) is not None]


def _written(node: ast.AST, name: str) -> List[Tuple[str, ast.AST, str, str]]:
    """The keys ``node`` itself writes into the dict ``name``: (key, where, how, form), ``form``
    one of ``SETDEFAULT`` (a statement of its own), ``ITEM`` (``name["k"] = v`` alone), or
    another form (``"written"``) that no codemod rewrites into ``settings`` (``added_fix``)."""
    if isinstance(node, ast.Expr) and _written(node.value, name):
        return [(k, n, how, SETDEFAULT if form == "setdefault-value" else form) for k, n, how, form in _written(node.value, name)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and _is_name(node.func.value, name):
        how = f"`{name}.{node.func.attr}(...)`"
        if node.func.attr == "setdefault" and node.args and _key(node.args[0]) is not None:
            return [(_key(node.args[0]), node.args[0], how, "setdefault-value")]
        if node.func.attr == "update":
            out = [(kw.arg, kw, how, "written") for kw in node.keywords if kw.arg is not None]
            return out + [(k, n, how, "written") for arg in node.args[:1] for k, n in _display_keys(arg)]
        return []
    if isinstance(node, ast.Assign):
        form = ITEM if len(node.targets) == 1 else "written"
        return [(_key(t.slice), t.slice, f"`{name}[...] = ...`", form) for t in node.targets
                if isinstance(t, ast.Subscript) and _is_name(t.value, name) and _key(t.slice) is not None]
    if isinstance(node, ast.AugAssign) and isinstance(node.op, ast.BitOr) and _is_name(node.target, name):
        return [(k, n, f"`{name} |= ...`", "written") for k, n in _display_keys(node.value)]
    return []


def splat_entries(detector, expr: ast.expr, scope=None, depth: int = 0) -> Optional[List[Entry]]:
    """The keywords ``**expr`` passes, when known: a name bound to a dict display / ``dict(...)``
    of this module, or one imported from a project module (its value in the facts). (Keys the
    code adds to the dict before the call are judged where they are written: ``judge_written``.)"""
    if isinstance(expr, ast.Name):
        value = detector.lookup(expr.id, scope)
        if value is not None:
            return decode(value)[1] if value.startswith(KW) and not callee_of(value) else None
        node, bound_scope = detector.assigned_node(expr.id, scope)
        if node is None:
            return None
        origin = f"{detector.module_name}:{expr.id}" if bound_scope is detector.module_scope else f"{detector.module_name}:"
        return dict_entries(detector, node, origin, bound_scope, depth)
    if isinstance(expr, ast.Attribute):  # ``**settings.OPTIONS``: a dict of an imported project module
        value = detector.resolve(expr, scope)
        return decode(value)[1] if value is not None and value.startswith(KW) and not callee_of(value) else None
    if isinstance(expr, ast.Dict) or is_dict_call(detector, expr):
        return None  # written in the call itself: ``f(**{"a": 1})`` (rare; left to the call's own rules)
    return None


def dict_export(detector, name: str, node: ast.expr) -> Optional[str]:
    """The cross-file fact value of a module-level dict ``name`` (None when it holds no keyword
    worth carrying)."""
    entries = dict_entries(detector, node, f"{detector.module_name}:{name}", detector.module_scope)
    if not entries:
        return None
    wanted = interesting_keywords(detector.index)
    if not any(k in wanted for k, _, _ in entries):
        return None
    return encode("", entries)


# ------------------------------------------------------------------- judging
def problems(detector, callee: str, keyword: str) -> List[Tuple[object, str, bool]]:
    """``(rule, message, has_catalog_rule)`` for ``keyword=`` given to the zenml callable ``callee``."""
    from zenml_migrate.rules import signatures
    from zenml_migrate.scan.detect import plain
    from zenml_migrate.scan.zenml_index import canonical

    canon = plain(canonical(callee))
    out = []
    for rule, matcher in detector.index.kwargs.get((canon, keyword), ()):
        if matcher.when is None:
            out.append((rule, rule.message, True))
    probe = ast.Call(func=ast.Name(id="_", ctx=ast.Load()), args=[], keywords=[ast.keyword(arg=keyword, value=ast.Constant(None))])
    for rule, check in detector.index.calls.get(canon, ()):  # ``run(**{"dag_filepath": path})``: ZM212's keyword
        if check.per_keyword and check.when(probe, detector.resolve):
            out.append((rule, rule.message, True))
    if out or detector.index.catalog().kwargs.get((canon, keyword)):
        return out
    renamer = _renamed_from(detector, callee, keyword)
    if renamer is not None:  # ``DockerSettings(**BASE)``, BASE holding ``copy_profile``: ZM105 renames the key
        return [(renamer, renamer.message, True)]
    if not detector.index.call_net:
        return out
    for code, target, message in signatures.call_problems(callee, probe, set()):
        rule = detector.index.call_net.get(code)
        if rule is not None and target is probe.keywords[0]:
            out.append((rule, message, False))
    return out


def _renamed_from(detector, callee: str, key: str):
    """The selected rule whose fix renames a 0.13.2 constructor to ``callee`` together with its keyword
    ``key`` (ZM105: ``DockerConfiguration(copy_profile=)`` -> ``DockerSettings(copy_global_config=)``), or
    None. A dict given as ``**`` to the 0.20 class (the call renamed by this run's fix in another module,
    which the self-check then sees, or by hand) gets its old key renamed by that rule where it is written."""
    name = callee.rsplit(".", 1)[-1]
    for rule in detector.index.rules:
        if rule.codemod != RENAME_SYMBOLS or not isinstance(dict(rule.arg("keywords", ()) or ()).get(key), str):
            continue
        if any(target[1] == name for target in rule.rename_targets().values()):
            return rule
    return None


def judge_use(detector, callee: str, entries: List[Entry], target: ast.AST, spelled: str, clash: bool = False) -> None:
    """Findings at the place Python fails (``@platform_step``, ``**DEFAULTS``): one per rule,
    naming the keywords and where they are written. ``clash``: the call also gives ``settings=``
    or another ``**`` (``call_clash``): no keyword of the dict is folded into ``settings``."""
    entries = [e for e in entries if e[2] not in WRAPPER]
    if clash:
        entries = [(k, o, f if f.endswith(NO_FOLD) else f + NO_FOLD) for k, o, f in entries]
        detector.splat_clash.update(o for _, o, _ in entries)
    by_rule: Dict[str, list] = {}
    for key, origin, form in entries:
        for rule, message, catalog in problems(detector, callee, key):
            slot = by_rule.setdefault(rule.code, [rule, message, [], []])
            slot[2].append(key)
            slot[3].append((origin, form, catalog))
    for code, (rule, message, keys, wheres) in sorted(by_rule.items()):
        modules = sorted({o.partition(":")[0] for o, _, _ in wheres})
        here = modules == [detector.module_name]
        where = "this module" if here else ", ".join(f"`{m}`" for m in modules)
        names = ", ".join(f"`{k}=`" for k in dict.fromkeys(keys))
        text = f"{message} ({names} from `{spelled}{USE_MARK}{where})"
        fixable = all(fixed_where_written(rule, f) for _, f, _ in wheres)
        span = detector.span_of(target)
        finding = Finding(detector.path, span, code, text, None)
        if fixable:
            finding = mark_resolved(finding, code, rule.fix_value)
            if not here:
                finding = replace(finding, message=f"{text} (resolved by the {code}{ELSEWHERE}")
        else:
            finding = Finding(detector.path, span, code, f"{text}{NO_FIX_HERE}change it where it is written)", None)
        detector.findings.append(finding)
        for origin, _, _ in wheres:
            detector.splats.add((origin, callee))


def judge_written(detector, callee: str, expr: ast.expr, call: ast.Call) -> None:
    """The keys of ``**expr`` given to the zenml ``callee`` by ``call``, judged where they are
    written when that is in the code that calls: a dict display / ``dict(...)`` written in the
    call (``**{**base, "k": v}``, ``**dict(base, k=v)``) or bound in the function that calls
    (module-level dicts: ``judge_definitions``), and the keys that code adds to the dict before
    the call (``added_keys``: a ``**kwargs`` parameter given ``setdefault("k", v)``), fixed there
    when ``added_fix`` says so; else the finding says why (and ``--fix`` writes a TODO)."""
    if isinstance(expr, ast.IfExp):  # ``**({...} if c else {...})``: each branch is written in the call
        clash = call_clash(call, expr)
        for leaf in branches(expr):
            if (isinstance(leaf, ast.Dict) or is_dict_call(detector, leaf)) and (id(leaf), callee) not in detector.splat_written:
                detector.splat_written.add((id(leaf), callee))
                judge_dict(detector, callee, leaf, "", CLASH if clash else "")
        return
    node, written = expr, None
    scope = detector.scope
    if isinstance(expr, ast.Name):
        _judge_typed_dict(detector, callee, expr.id, scope)
        node, bound_scope = detector.assigned_node(expr.id)
        if bound_scope is detector.module_scope:
            node = None  # judged with the module's dicts, for every callable that receives it
        written = added_keys(detector, expr.id, scope, call)
        for key, target, how, form in written[1] if written is not None else ():
            if (id(target), callee) in detector.splat_written:
                continue
            detector.splat_written.add((id(target), callee))
            for rule, message, catalog in problems(detector, callee, key):
                text = f"{message if not catalog else rule.message} (a key added to `{expr.id}` by {how}, given as `**` to `{_shown(callee)}`)"
                why = added_fix(rule, key, form, lambda: settings_clash(written[2], expr.id)) if catalog else "no rewrite of this key"
                fix = None if why else rule.fix_value
                text += f"{NO_FIX_HERE}{why}: change it where it is written)" if why else ""
                detector.findings.append(Finding(detector.path, detector.span_of(target), rule.code, text, fix))
    if node is None or not (isinstance(node, ast.Dict) or is_dict_call(detector, node)):
        return
    if (id(node), callee) not in detector.splat_written:
        detector.splat_written.add((id(node), callee))
        if node is expr:  # written in the call
            clash = call_clash(call, expr)
        else:
            clash = written is not None and settings_clash(written[2], expr.id)
        judge_dict(detector, callee, node, "", CLASH if clash else "")


UNCHECKED = "` are not checked"  # in the message of ``judge_unchecked``; the fix writes the TODO


def unchecked(expr) -> bool:
    """Is ``**expr`` a dict whose keys no code shows (``**CFG["docker"]``, ``**yaml.safe_load(f)``,
    ``**cfg.docker``): data, known only when the program runs? A name, a display, ``dict(...)`` and
    a conditional are judged elsewhere. ``expr``: an ``ast`` node, or the LibCST node of the same
    ``**`` argument (the fix decides on the same shapes)."""
    kind = type(expr).__name__
    if kind == "Call":
        func = expr.func
        return not (type(func).__name__ == "Name" and (func.id if hasattr(func, "id") else func.value) == "dict")
    return kind in ("Subscript", "Attribute")


def unchecked_keys(rule) -> str:
    """What a renamed constructor's keyword table asks of keys it cannot see (ZM105's
    ``copy_profile`` -> ``copy_global_config``)."""
    pairs = [(old, new) for old, new in rule.arg("keywords", ()) or () if isinstance(new, str)]
    return "; ".join(f"a `{old}` key there must become `{new}`" for old, new in pairs)


def judge_unchecked(detector, callee: str, kw: ast.keyword) -> None:
    """``DockerConfiguration(**CFG["docker"])`` where ``CFG`` comes from YAML: the fix renames the call
    (ZM105), but the keys of the dict are data the scan cannot read; a renamed keyword there
    (``copy_profile``) still fails on 0.20 (``extra=forbid``). A finding on the ``**`` says so; its
    fix is the call's rename, which writes it as a TODO above the statement (``renames:RenameSymbols``);
    after the fix the call is the 0.20 class, which has no such table, so a re-scan reports nothing."""
    if not unchecked(kw.value):
        return
    from zenml_migrate.scan.detect import plain
    from zenml_migrate.scan.zenml_index import canonical

    canon = plain(canonical(callee))
    seen = set()
    for (owner, _), rules in detector.index.kwargs.items():
        if owner != canon:
            continue
        for rule, matcher in rules:
            if rule.code in seen or matcher.when is not None or rule.codemod != RENAME_SYMBOLS or not unchecked_keys(rule):
                continue
            seen.add(rule.code)
            shown = ast.unparse(kw.value)
            detector.add_finding(
                rule, kw, f"{rule.message} (the keys of `**{shown}{UNCHECKED}: {unchecked_keys(rule)} where its data is "
                f"written; `--fix` writes this as a TODO)",
            )


def branches(expr: ast.expr) -> List[ast.expr]:
    """The values ``a if c else b`` may give (nested conditionals followed), or ``[expr]``."""
    if isinstance(expr, ast.IfExp):
        return branches(expr.body) + branches(expr.orelse)
    return [expr]


TYPED_DICTS = frozenset({"typing.TypedDict", "typing_extensions.TypedDict"})


def _judge_typed_dict(detector, callee: str, name: str, scope) -> None:
    """``def docker_from(spec: DockerSpec): return DockerConfiguration(**spec)``, where ``DockerSpec``
    is a ``TypedDict`` class of this module: its fields are the keys the parameter holds, judged
    where they are declared, and so are the keys of this module's dict displays annotated with it
    (``BASE: DockerSpec = {...}``). A renamed constructor's keyword (ZM105 ``copy_profile``) is
    renamed there (``renames:RenameSymbols``: the field and the keys); anything else is for a human
    (held-out 19 r04)."""
    func = getattr(scope, "node", None)
    if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)) or detector.tree is None:
        return
    args = func.args
    param = next((a for a in [*args.posonlyargs, *args.args, *args.kwonlyargs] if a.arg == name), None)
    ann = param.annotation if param is not None else None
    spelled = ann.id if isinstance(ann, ast.Name) else ann.value if isinstance(ann, ast.Constant) else None
    if not isinstance(spelled, str):
        return
    cls = next((s for s in detector.tree.body if isinstance(s, ast.ClassDef) and s.name == spelled), None)
    if cls is None:  # imported from another project module: judged there (``typed_dict_classes``)
        detector.ask_splat(spelled, callee, known=True)
        return
    if any(_is_typed_dict(detector, b) for b in cls.bases):
        _judge_typed_dict_class(detector, callee, cls)


def typed_dict_classes(detector) -> List[ast.ClassDef]:
    """This module's ``TypedDict`` classes with a field that is a keyword worth judging (another
    module may give a parameter of that type to a zenml callable as ``**``: ``_judge_typed_dict``)."""
    if "TypedDict" not in detector.text or detector.tree is None:
        return []
    wanted = interesting_keywords(detector.index)
    return [s for s in detector.tree.body if isinstance(s, ast.ClassDef) and any(_is_typed_dict(detector, b) for b in s.bases)
            and any(isinstance(f, ast.AnnAssign) and isinstance(f.target, ast.Name) and f.target.id in wanted for f in s.body)]


def _judge_typed_dict_class(detector, callee: str, cls: ast.ClassDef) -> None:
    """The fields of the ``TypedDict`` class ``cls`` of this module and the keys of this module's
    displays annotated with it, given as ``**`` to ``callee`` (``_judge_typed_dict``)."""
    for stmt in cls.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is None:
            _judge_declared(detector, callee, stmt.target.id, stmt.target, f"a field of the TypedDict `{cls.name}`")
    for stmt in detector.tree.body:
        if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.value, ast.Dict) and _spells(stmt.annotation, cls.name):
            for key in stmt.value.keys:
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    _judge_declared(detector, callee, key.value, key, f"a key of a `{cls.name}` dict")


def _is_typed_dict(detector, base: ast.expr) -> bool:
    path = detector.resolve(base) or ""
    return path in TYPED_DICTS or (not path and isinstance(base, ast.Name) and base.id == "TypedDict")


def _spells(annotation: ast.expr, name: str) -> bool:
    return isinstance(annotation, ast.Name) and annotation.id == name or (
        isinstance(annotation, ast.Constant) and annotation.value == name)


def _judge_declared(detector, callee: str, key: str, target: ast.AST, shown: str) -> None:
    if (id(target), callee) in detector.splat_written:
        return
    detector.splat_written.add((id(target), callee))
    for rule, message, catalog in problems(detector, callee, key):
        text = f"{message if not catalog else rule.message} ({shown}, given as `**` to `{_shown(callee)}`)"
        if rule.codemod == RENAME_SYMBOLS and isinstance(dict(rule.arg("keywords", ()) or ()).get(key), str):
            detector.add_finding(rule, target, text)
        else:
            detector.findings.append(Finding(
                detector.path, detector.span_of(target), rule.code,
                f"{text}{NO_FIX_HERE}change the key where the dicts of that type are written)", None,
            ))


def added_fix(rule, key: str, form: str, clash: Callable[[], bool]) -> str:
    """Why the fix of ``rule`` does not rewrite ``key`` added to a dict in this ``form`` ("" when
    it does): ``keywords:RenameKeywords`` renames the key in every form (``codemods/keywords.py``);
    ``settings:FoldSettings`` moves a key whose value is the settings entry (``docker_configuration``
    -> ``"docker"``) into ``settings`` when it is added by a ``setdefault`` statement or an item
    assignment (``codemods/settings.py``: the settings already in the dict are kept), unless a call
    gives the dict with another ``settings`` (``clash()``: ``settings_clash``)."""
    if rule.fix_value is None:
        return "no rewrite of this key"
    if rule.codemod == RENAME_KEYWORDS:
        table = dict(rule.arg("keywords", ()) or ())
        new = table[key] if key in table else rule.arg("any_to")
        return "" if isinstance(new, str) else "the keyword is removed in 0.20: remove the key"
    if rule.codemod == FOLD_SETTINGS and rule.arg("fields") is None:
        if form not in (SETDEFAULT, ITEM):
            return f"only a `setdefault` statement or an item assignment of `{key}` is moved into `settings`"
        return CLASH if clash() else ""
    return "no rewrite of a key added to a dict"


def judge_partial(detector, callee: str, node: ast.Call) -> None:
    """The keywords of ``functools.partial(<zenml callable>, kw=...)``, where they are written."""
    for kw in node.keywords:
        if kw.arg is None:
            continue
        for rule, message, catalog in problems(detector, callee, kw.arg):
            detector.add_finding(rule, kw, message if not catalog else rule.message)


def judge_definitions(detector) -> None:
    """The keys of this module's dicts, judged against the callables that receive them (splatted
    here or, per the facts, in another module). A use says no fix where the fix declines one
    where the keyword is written: the form it reads says so (``NO_FOLD``)."""
    _judge_dicts(detector)


def _judge_dicts(detector) -> None:
    prefix = f"{detector.module_name}:"
    typed = typed_dict_classes(detector)
    if not detector.dict_facts() and not typed and not any(o.startswith(prefix) for o, _ in detector.splats):
        return  # no dict of this module is given as ``**`` (the facts are read only when one may be)
    callees = splat_callees(detector)
    for cls in typed:  # a parameter of this type given as ``**`` in another module (``_judge_typed_dict``)
        origin = f"{detector.module_name}:{cls.name}"
        if origin not in callees:
            detector.pending = True  # which callable it is given to comes with the importers' facts
        for callee in sorted(callees.get(origin, ())):
            _judge_typed_dict_class(detector, callee, cls)
    if not callees:
        return
    for name, node in module_dicts(detector):
        origin = f"{detector.module_name}:{name}"
        for callee in sorted(callees.get(origin, ())):
            judge_dict(detector, callee, node, origin, CLASH if origin in detector.splat_clash else "")


def judge_dict(detector, callee: str, node: ast.expr, origin: str, declined: str = "", given: str = "") -> None:
    """The keys of the dict ``node`` given as ``**`` to ``callee``, where they are written;
    ``declined``: why its call declines a fold into ``settings`` (``judge_written``); ``given``: how
    the dict reaches ``callee``, as a finding without a fix says it (default: given as ``**``)."""
    given = given or f"a key of a dict given as `**` to `{_shown(callee)}`"
    if isinstance(node, ast.Dict):
        items = [(key_text(detector, k), k) for k in node.keys if k is not None]
        items = [(key, k) for key, k in items if key is not None]
    else:
        items = [(kw.arg, kw) for kw in node.keywords if kw.arg is not None]
    declined = _fold_declined(node, detector) or declined
    form = (DISPLAY if isinstance(node, ast.Dict) else DICT_CALL) + (NO_FOLD if declined else "")
    for key, target in items:
        for rule, message, catalog in problems(detector, callee, key):
            folded = rule.codemod == RUN_EXTRA and not origin and isinstance(node, ast.Dict)  # ``run(**{...})``
            if rule.fix_value is not None and not folded and not fixed_where_written(rule, form):
                why = declined or "the rule's fix does not rewrite a dict key"
                detector.findings.append(Finding(
                    detector.path, detector.span_of(target), rule.code,
                    f"{message if not catalog else rule.message} ({given})"
                    f"{NO_FIX_HERE}{why}: change it where it is written)",
                    None,
                ))
            else:
                detector.add_finding(rule, target, message if not catalog else rule.message)


def key_text(detector, key: ast.expr) -> Optional[str]:
    """The string a dict display's key is: a string literal, or a name of a zenml string constant
    that 0.13.2 and both 0.20 releases bind to the same string (``DAG_FILEPATH_OPTION_KEY``)."""
    if isinstance(key, ast.Constant):
        return key.value if isinstance(key.value, str) else None
    if isinstance(key, (ast.Name, ast.Attribute)):
        from zenml_migrate.scan.zenml_index import kept_string_constant

        path = detector.resolve(key)
        return kept_string_constant(path) if path else None
    return None


def _shown(callee: str) -> str:
    return callee.rsplit(".", 1)[-1]


def module_dicts(detector) -> List[Tuple[str, ast.expr]]:
    """Module-level ``NAME = {...}`` / ``NAME = dict(...)`` (annotated too) of the whole module."""
    out = []
    for stmt in (detector.tree or ast.Module(body=[], type_ignores=[])).body:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
        value = getattr(stmt, "value", None)
        if value is None or not (isinstance(value, ast.Dict) or is_dict_call(detector, value)):
            continue
        for t in targets:
            if isinstance(t, ast.Name):
                out.append((t.id, value))
    return out


def splat_callees(detector) -> Dict[str, Set[str]]:
    """origin -> the callables this module's dicts are given to (this module's uses and the facts)."""
    out: Dict[str, Set[str]] = {}
    for origin, callee in detector.splats:
        out.setdefault(origin, set()).add(callee)
    prefix = f"{detector.module_name}:"
    for origin, callee in _splat_facts(_fact_values(detector)):
        if origin.startswith(prefix):
            out.setdefault(origin, set()).add(callee)
    return out


def _fact_values(detector) -> Tuple[str, ...]:
    return tuple(sorted(v for k, v in detector.project.items() if k.endswith("." + SPLAT_MARK)))


@lru_cache(maxsize=8)
def _splat_facts(values: Tuple[str, ...]) -> Tuple[Tuple[str, str], ...]:
    return tuple(tuple(v.split(">", 1)) for v in values)  # type: ignore[misc]


def splat_exports(detector) -> Dict[str, str]:
    """The facts of the dicts of other modules this module splats into a zenml callable."""
    return {
        f"{origin.replace(':', '.')}.{SPLAT_MARK}": f"{origin}>{callee}"
        for origin, callee in sorted(detector.splats)
        if not origin.startswith(f"{detector.module_name}:") and not origin.endswith(":")
    }
