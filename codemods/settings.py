"""``settings:FoldSettings``: configuration keywords folded into ``settings={...}``.

Driven by the ``fix_args`` of the rules that name it:

* ``("key", "resources"), ("keywords", ("resource_configuration",))``: the keyword's value is
  the settings entry: ``resource_configuration=R`` -> ``settings={"resources": R}``;
* with ``("fields", ((old, new), ...))`` the keywords are fields of the settings object
  instead (``required_integrations=``, ``requirements=``, ``dockerignore_file=`` -> keywords of
  the ``DockerSettings(...)`` under ``"docker"``; ``dockerignore_file`` is ``dockerignore``),
  which is created from ``("settings_class", "zenml.config.DockerSettings")`` when missing, or
  merged into an existing value built with one of ``("fold_into", (class names, ...))``.
  0.13.2 precedence is kept: a truthy value already set in ``docker_configuration`` wins and
  the legacy keyword is dropped (0.13.2 ignored it with a warning); a falsy legacy value was
  ignored in 0.13.2 and is dropped too.

Values are shaped for 0.20's models: a field named in ``("list_fields", (...))`` that gets a
single string (``required_integrations=MLFLOW``) gets a one-element list. A settings object
the code builds elsewhere and passes by name (``docker_configuration=DOCKER``) takes the
legacy fields the way 0.13.2 did: ``DOCKER.copy(update={"f": DOCKER.f or legacy})``.

An existing ``settings=`` dict literal is merged into and never overwritten (a half-migrated
``settings={"resources": ...}`` keeps its value and the legacy keyword goes). When ``settings=``
is not a dict literal, or a value's truthiness cannot be known, the call is left as it is with
a TODO (all of its legacy keywords: none is left next to a new ``settings=``). The renames codemod turns ``DockerConfiguration``/``ResourceConfiguration`` (and
``copy_profile``) into their 0.20 names in the moved values.
"""

from typing import Dict, List, Optional, Set, Tuple

import libcst as cst

from zenml_migrate.fix import call_args as ca
from zenml_migrate.fix.codemod import Codemod
from zenml_migrate.fix.local_names import Declined, codes_at, qualified
from zenml_migrate.scan.fix_checks import FOLDS_BESIDE, SPLAT, SPLAT_BESIDE, SPLAT_INTO, SPLAT_LIFT

INTEGRATION_CONSTANTS = "zenml.integrations.constants."


def truthiness(node: cst.BaseExpression) -> Optional[bool]:
    """True/False for a literal whose truth value is known, else None."""
    if isinstance(node, (cst.List, cst.Tuple, cst.Set, cst.Dict)):
        return bool(node.elements)
    if isinstance(node, cst.SimpleString):
        return bool(node.evaluated_value)
    if isinstance(node, cst.Name) and node.value in ("None", "False", "True"):
        return node.value == "True"
    return None


def _is_foldable_call(node: cst.BaseExpression, classes: Tuple[str, ...], ctx=None) -> bool:
    """A call of one of ``classes`` with keywords only; ``ctx``: also under the alias a fix of this
    run imported it as (``DockerConfiguration(...)`` renamed to ``ZenMLDockerSettings(...)`` in a
    file with a ``DockerSettings`` of its own)."""
    if not isinstance(node, cst.Call):
        return False
    func = node.func
    name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""
    if name not in classes and isinstance(func, cst.Name) and ctx is not None:
        name = (ctx.added_import(name) or ("", ""))[1]
    return name in classes and all(a.keyword is not None for a in node.args)


def fold_fields(target: cst.Call, fields: List[Tuple[str, cst.BaseExpression]]) -> cst.Call:
    """``target`` (a settings object call) with the legacy ``fields`` folded in, 0.13.2 precedence."""
    new = []
    args = list(target.args)
    for field, value in fields:
        if truthiness(value) is False:
            continue  # 0.13.2: `if value:` -- a falsy legacy value was ignored
        i = ca.keyword_index(args, field)
        if i is None:
            new.append((field, value))
            continue
        current = truthiness(args[i].value)
        if current is None:
            raise Declined(field)
        if current is False:  # 0.13.2 took the legacy value when the configured one was falsy
            args[i] = args[i].with_changes(value=value)
    return ca.add_kwargs(target.with_changes(args=args), new)


def _is_plain_reference(node: cst.BaseExpression) -> bool:
    """``name`` or ``a.b.c``: evaluating it twice reads the same object, with no side effect."""
    while isinstance(node, cst.Attribute):
        node = node.value
    return isinstance(node, cst.Name)


def copy_update(target: cst.BaseExpression, fields: List[Tuple[str, cst.BaseExpression]]) -> cst.BaseExpression:
    """``target.copy(update={"f": target.f or legacy, ...})``: the legacy ``fields`` folded into
    a settings object the code builds elsewhere, exactly as 0.13.2 did it (a field already set
    on the object wins; a falsy legacy value was ignored)."""
    updates = []
    for field, value in fields:
        if truthiness(value) is False:
            continue
        current = cst.Attribute(value=target, attr=cst.Name(field))
        if isinstance(value, (cst.IfExp, cst.Lambda)) and not value.lpar:  # binds looser than ``or``
            value = value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        updates.append((field, cst.BooleanOperation(left=current, operator=cst.Or(), right=value)))
    if not updates:
        return target
    return cst.Call(
        func=cst.Attribute(value=target, attr=cst.Name("copy")),
        args=[ca.kwarg("update", ca.make_dict(updates))],
    )


def _written_keys(node: cst.BaseExpression) -> Optional[Set[str]]:
    """The literal keys of a dict display written as ``**`` in a call, or of each branch of a
    conditional of such displays (``**({"k": v} if c else {})``); None otherwise (as
    ``scan/fix_checks.written_keys`` reads the call)."""
    if isinstance(node, cst.IfExp):
        body, orelse = _written_keys(node.body), _written_keys(node.orelse)
        return None if body is None or orelse is None else body | orelse
    if isinstance(node, cst.Dict):
        return ca.literal_keys(node)
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "dict":
        if all(a.keyword is not None and not a.star for a in node.args):
            return {a.keyword.value for a in node.args}
    return None


class FoldSettings(Codemod):
    whole_tree = False  # only edits nodes inside statements that hold its findings (migrate/fix/codemod.py)

    def visit_Module(self, node: cst.Module) -> None:
        self.assigned = _module_assignments(node)
        self._module, self._maybe_none = node, None  # ``maybe_none``: walked when a fold first asks
        self.list_fields = set()
        # keyword -> (settings key, field name or None when the keyword IS the settings value)
        self.plan: Dict[str, Tuple[str, Optional[str]]] = {}
        self.classes: Dict[str, str] = {}  # settings key -> "module.Class" of a new settings object
        self.foldable: Dict[str, Tuple[str, ...]] = {}  # settings key -> class names a value may be merged into
        for code in sorted(self.ctx.codes):
            key = self.ctx.arg(code, "key")
            fields = self.ctx.arg(code, "fields")
            renames = dict(fields or ())
            for keyword in self.ctx.arg(code, "keywords", ()):
                self.plan[keyword] = (key, None if fields is None else renames.get(keyword, keyword))
            self.list_fields.update(self.ctx.arg(code, "list_fields", ()) or ())
            if fields is not None or self.ctx.arg(code, "settings_class"):
                self.classes[key] = self.ctx.arg(code, "settings_class")
                self.foldable[key] = tuple(self.ctx.arg(code, "fold_into", ()))
        self.into = self._moves_into_splats(node)  # id(the dict's value) -> (name, legacy keywords of its call)
        self.lifts: Set[int] = set()  # calls whose ``**(A if c else B)`` gives its legacy keys to the call (``_lifts``)
        self.lifted_leaves: Set[int] = set()  # the displays of those: they do not fold on their own
        self.moved: Set[str] = set()  # the dicts that took their call's keywords (the call drops them)

    @property
    def maybe_none(self) -> Set[str]:
        """``_names_maybe_none`` of the original module (one walk of the whole tree: made only when
        a fold meets a configuration given by name)."""
        if self._maybe_none is None:
            self._maybe_none = _names_maybe_none(self._module)
        return self._maybe_none

    def _splat_keys(self, name: str) -> Optional[Set[str]]:
        """The literal keys of this module's dict ``name`` (``scan/fix_checks.splat_fold`` decided the
        call's fold beside ``**name`` is safe; this only reads which way)."""
        value = self.assigned.get(name)
        if isinstance(value, cst.Dict):
            return ca.literal_keys(value)
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == "dict":
            if all(a.keyword is not None for a in value.args):
                return {a.keyword.value for a in value.args}
        return None

    def _way(self, call: cst.Call) -> Optional[str]:
        """How the flagged keywords of ``call`` (an original node) fold next to its ``**``, as the
        scan decided (``scan/fix_checks.splat_fold``, the findings' ``SPLAT``): ``SPLAT_BESIDE``,
        ``SPLAT_INTO`` (they move into the module's dict the call splats), ``SPLAT_LIFT``; None."""
        ways = {f.arg(SPLAT) for a in call.args if a.keyword is not None and a.keyword.value in self.plan
                for f in self.ctx.at(a.keyword)}
        ways.discard(None)
        return ways.pop() if len(ways) == 1 else None

    def _moves_into_splats(self, module: cst.Module) -> Dict[int, Tuple[str, List[Tuple[str, cst.BaseExpression]]]]:
        codemod = self
        out: Dict[int, Tuple[str, List[Tuple[str, cst.BaseExpression]]]] = {}
        if not any(f.arg(SPLAT) == SPLAT_INTO for f in self.ctx.findings()):
            return out  # no call's keywords move into a dict: no walk of the tree

        class _Calls(cst.CSTVisitor):
            def visit_Call(self, call: cst.Call) -> None:
                stars = [a for a in call.args if a.star == "**"]
                if len(stars) != 1 or not isinstance(stars[0].value, cst.Name):
                    return
                name = stars[0].value.value
                moved = [(a.keyword.value, a.value) for a in call.args if a.keyword is not None
                         and a.keyword.value in codemod.plan and codes_at(codemod.ctx, a.keyword)]
                if moved and name in codemod.assigned and codemod._way(call) == SPLAT_INTO:
                    out[id(codemod.assigned[name])] = (name, moved)

        module.visit(_Calls())
        return out

    def visit_Call(self, node: cst.Call) -> None:
        if self._lifts(node):
            self.lifts.add(id(node))
            self.lifted_leaves.update(id(leaf) for leaf in _leaves(_star(node).value))

    def _lifts(self, call: cst.Call) -> bool:
        """``checks.SPLAT_LIFT`` (the scan's, ``_way``): the call's one ``**`` is written in it as a
        conditional of dicts of literal keys (``**({"requirements": [...]} if c else {})``), some
        of them legacy keywords: the legacy keys become the call's keywords, each with the value
        its branch gives (``requirements=[...] if c else None``: absent is what 0.13.2 ignored),
        and fold with the others into one ``settings=``."""
        return self._way(call) == SPLAT_LIFT

    def _lift(self, call: cst.Call) -> Tuple[cst.Call, List[str]]:
        """The call with the legacy keys of its conditional ``**`` as keywords (``_lifts``)."""
        star = _star(call)
        keys = [k for k in sorted(_written_keys(star.value)) if k in self.plan]
        lifted = []
        for key in keys:
            settings_key, field = self.plan[key]
            absent = cst.List([]) if field in self.list_fields else cst.Name("None")
            lifted.append((key, _branch_values(star.value, key, absent).with_changes(lpar=[], rpar=[])))
        rest = _without_keys(star.value, set(keys))
        if all(not leaf.elements for leaf in _leaves(rest)):
            call = call.with_changes(args=ca.remove_items(call.args, {i for i, a in enumerate(call.args) if a is star}))
        else:
            call = call.with_changes(args=[a.with_changes(value=rest) if a is star else a for a in call.args])
        return ca.add_kwargs(call, lifted), keys

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        if id(original) in self.lifted_leaves:
            return updated
        if id(original) in self.lifts:
            lifted, keys = self._lift(updated)
            flagged = keys + [a.keyword.value for a in original.args
                              if a.keyword is not None and a.keyword.value in self.plan and codes_at(self.ctx, a.keyword)]
            try:
                return self.fold(lifted, flagged)
            except Declined:
                return updated
        flagged = [
            arg.keyword.value
            for arg in original.args
            if arg.keyword is not None and arg.keyword.value in self.plan and codes_at(self.ctx, arg.keyword)
        ]
        name, moved = self.into.get(id(original), ("", []))
        if moved:  # the legacy keywords of the one call that splats this dict (``SPLAT_INTO``)
            updated = ca.add_kwargs(updated, moved)
            flagged += [k for k, _ in moved]
        if not flagged:
            return updated
        try:
            folded = self.fold(updated, flagged, self._base_of(original, flagged), self._way(original))
        except Declined:
            return original if moved else updated  # the findings stay: the fixer adds the rules' TODO lines
        if moved:
            self.moved.add(name)
        return folded

    def leave_Dict(self, original: cst.Dict, updated: cst.Dict) -> cst.Dict:
        """A dict display given to a zenml call as ``**`` (``scan/splat_keywords.py``): its
        flagged string keys fold as the keywords of ``dict(key=value, ...)`` would."""
        flagged = [
            el.key.evaluated_value
            for el in original.elements
            if isinstance(el, cst.DictElement) and isinstance(el.key, cst.SimpleString)
            and el.key.evaluated_value in self.plan and codes_at(self.ctx, el.key)
        ]
        name, moved = self.into.get(id(original), ("", []))
        call = _as_call(updated) if flagged and id(original) not in self.lifted_leaves else None
        if call is None:
            return updated
        if moved:
            call = ca.add_kwargs(call, moved)
            flagged += [k for k, _ in moved]
        try:
            folded = _as_display(updated, self.fold(call, flagged))
        except Declined:
            return updated
        if moved:
            self.moved.add(name)
        return folded

    def leave_Expr(self, original: cst.Expr, updated: cst.Expr):
        """``kw.setdefault("docker_configuration", D)`` (a statement), where ``kw`` is given to a
        zenml call as ``**`` (``scan/splat_keywords.added_keys``) -> ``kw["settings"] = {"docker":
        D, **kw.get("settings", {})}``: a docker entry already in the dict's settings wins, as a
        ``docker_configuration`` already in it did."""
        call = original.value
        if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value == "setdefault"
                and len(call.args) == 2 and all(a.keyword is None and not a.star for a in call.args)):
            return updated
        key = self._settings_key(call.args[0].value)
        if key is None:
            return updated
        target = updated.value.func.value
        return cst.Assign(
            targets=[cst.AssignTarget(_settings_item(target, call.args[0].value))],
            value=cst.Dict([cst.DictElement(_string_like(call.args[0].value, key), updated.value.args[1].value),
                            cst.StarredDictElement(_settings_get(target, call.args[0].value))]),
            semicolon=updated.semicolon,
        )

    def leave_Assign(self, original: cst.Assign, updated: cst.Assign):
        """``kw["docker_configuration"] = D`` -> ``kw["settings"] = {**kw.get("settings", {}), "docker": D}``
        (``leave_Expr``; the assigned entry wins, as the assigned keyword did)."""
        if len(original.targets) != 1 or not isinstance(original.targets[0].target, cst.Subscript):
            return updated
        subscript = original.targets[0].target
        if len(subscript.slice) != 1 or not isinstance(subscript.slice[0].slice, cst.Index):
            return updated
        string = subscript.slice[0].slice.value
        key = self._settings_key(string)
        if key is None:
            return updated
        target = updated.targets[0].target.value
        return updated.with_changes(
            targets=[updated.targets[0].with_changes(target=_settings_item(target, string))],
            value=cst.Dict([cst.StarredDictElement(_settings_get(target, string)),
                            cst.DictElement(_string_like(string, key), updated.value)]),
        )

    def _settings_key(self, node: cst.BaseExpression) -> Optional[str]:
        """The settings key a flagged key string moves to, when its value is the settings entry."""
        if not isinstance(node, cst.SimpleString) or not codes_at(self.ctx, node):
            return None
        key, field = self.plan.get(node.evaluated_value, (None, None))
        return key if field is None else None

    def fold(self, call: cst.Call, flagged: List[str], base: Optional[str] = None, way: Optional[str] = None) -> cst.Call:
        """``base``: the scan's ``BASE`` of ``dict(BASE, k=v)`` (``_base_of``); ``way``: how the
        keywords fold next to the call's ``**`` (``_way``)."""
        args = call.args
        present = [a.keyword.value for a in args if a.keyword is not None and a.keyword.value in flagged]
        if not present:
            return call
        if ca.settings_keys(call) is None:
            raise Declined("settings")
        base, based = self._derived_base(call, base), set()  # ``dict(BASE, k=v)``: the entries BASE's fold writes
        if base is not None:
            based = {self.plan[k][0] for k in self._splat_keys(base) if k in self.plan}
        stars = [a for a in args if a.star == "**"]
        if stars:  # a ``**`` may hold a ``settings`` the new one would replace: only this module's dict
            name = stars[0].value.value if len(stars) == 1 and isinstance(stars[0].value, cst.Name) else ""
            written = _written_keys(stars[0].value) if len(stars) == 1 else None
            if written is not None:  # ``**({...} if c else {})`` written in the call (``checks.written_keys``)
                if written & (set(self.plan) | {"settings"}):
                    raise Declined("settings")
            elif name in self.moved:
                return ca.remove_kwargs(call, present)  # folded into the dict (``SPLAT_INTO``)
            elif not name or way != SPLAT_BESIDE:  # the scan decided (``fix_checks.splat_fold``)
                raise Declined("settings")
        settings = ca.keyword_value(args, "settings")
        values: Dict[str, cst.BaseExpression] = {}
        fields: Dict[str, List[Tuple[str, cst.BaseExpression]]] = {}
        for keyword in present:
            key, field = self.plan[keyword]
            value = ca.keyword_value(args, keyword)
            if field is None:
                values[key] = value
            else:
                fields.setdefault(key, []).append((field, value))
        pairs: List[Tuple[str, cst.BaseExpression]] = []
        for key in dict.fromkeys(list(values) + list(fields)):
            existing = _dict_value(settings, key)
            if existing is not None:  # half migrated: the settings entry wins over the legacy keyword
                if key in fields:
                    settings = _replace_dict_value(settings, key, self.fold_into(existing, key, fields[key]))
                continue
            value = values.get(key)
            if key in based:  # BASE's fold writes this entry: the fields update it, as 0.13.2 merged them
                pairs.append((key, copy_update(_item(_item(cst.Name(base), "settings"), key),
                                               [(f, self.shaped(f, v)) for f, v in fields[key]])))
                continue
            if key not in fields and value is not None and key in self.classes:
                # ``docker_configuration=D`` with ``D = None`` somewhere, or ``D if c else None``
                # (0.13.2: None is the default configuration); 0.20 rejects a None settings value
                value = self._none_as_default(value, key)
            if key in fields:
                if value is None and all(truthiness(v) is False for _, v in fields[key]):
                    continue  # only falsy legacy values: 0.13.2 ignored them, nothing to configure
                created = value is None
                if created:
                    module, _, name = self.classes[key].rpartition(".")
                    value = cst.Call(func=cst.Name(self.ctx.add_import(module, name)))
                value = self.fold_into(value, key, fields[key], created=created)
            pairs.append((key, value))
        if settings is not None:
            call = _set_kwarg(call, "settings", settings)
        call = _replace_kwargs(call, present, pairs)
        if based:  # ``settings={**BASE["settings"], ...}``: BASE's other entries are kept
            i = ca.keyword_index(call.args, "settings")
            merged = call.args[i].value
            first = cst.StarredDictElement(_item(cst.Name(base), "settings"), comma=ca.COMMA)
            call = _set_kwarg(call, "settings", merged.with_changes(elements=[first, *merged.elements]))
        return call

    def _base_of(self, original: cst.Call, flagged: List[str]) -> Optional[str]:
        """The ``BASE`` the scan decided the flagged keywords of ``dict(BASE, k=v)`` fold beside
        (their findings' ``fix_args``, ``scan/fix_checks.settings_keyword``); None when they say none."""
        bases = {self.ctx.fix_arg(f, FOLDS_BESIDE) for a in original.args if a.keyword is not None and a.keyword.value in flagged
                 for f in self.ctx.at(a.keyword)}
        return bases.pop() if len(bases) == 1 else None

    def _derived_base(self, call: cst.Call, base: Optional[str]) -> Optional[str]:
        """``BASE`` of ``dict(BASE, k=v, ...)``, whose legacy keywords fold beside it: the scan
        decided so (``base``, from the findings; ``scan/splat_keywords.derived_base``). None for a
        call other than ``dict(...)`` or without a positional argument; Declined for any other, and
        where BASE's own legacy keys are not all folded by this run (``--select``, a level)."""
        positional = [a for a in call.args if a.keyword is None and not a.star]
        if not positional or not (isinstance(call.func, cst.Name) and call.func.value == "dict"):
            return None  # ``partial(pipeline, k=v)``: its positional argument is the callable
        value = self.assigned.get(base) if base is not None else None
        if value is None:
            raise Declined("base")
        if not all(codes_at(self.ctx, key) for key in _key_nodes(value) if _key_text(key) in self.plan):
            raise Declined("base")  # BASE's legacy keys are not all folded by this run
        return base


    def fold_into(
        self, value: cst.BaseExpression, key: str, fields: List[Tuple[str, cst.BaseExpression]], created: bool = False
    ) -> cst.BaseExpression:
        """The settings object ``value`` with the legacy ``fields``, in shapes 0.20 accepts.
        ``created``: ``value`` is the settings class call this fix just wrote (under an alias such
        as ``ZenMLDockerSettings`` when the file has a ``DockerSettings`` of its own)."""
        return self._fold_shaped(value, key, [(f, self.shaped(f, v)) for f, v in fields], created)

    def _fold_shaped(
        self, value: cst.BaseExpression, key: str, fields: List[Tuple[str, cst.BaseExpression]], created: bool = False
    ) -> cst.BaseExpression:
        """``fold_into`` with the values already shaped. ``A if c else B`` folds into each branch
        (one of them is evaluated, as before); a literal None there is the default settings object
        (0.13.2: ``docker_configuration or DockerConfiguration()``)."""
        if isinstance(value, cst.IfExp):
            return value.with_changes(
                body=_parenthesized(self._fold_shaped(value.body, key, fields)),
                orelse=self._fold_shaped(value.orelse, key, fields),
            )
        if isinstance(value, cst.Name) and value.value == "None":
            value, created = self._default(key), True
        if created or _is_foldable_call(value, self.foldable[key], self.ctx):
            return fold_fields(value, fields)
        if _is_plain_reference(value):
            if isinstance(value, cst.Name) and value.value in self.maybe_none:
                # ``DOCKER = None`` somewhere (0.13.2 took None as the default configuration):
                # ``(DOCKER or DockerSettings()).copy(...)`` instead of ``None.copy`` at import
                value = self._or_default(value, key, parenthesized=True)
            return copy_update(value, fields)
        raise Declined(key)

    def _default(self, key: str) -> cst.Call:
        """``SettingsClass()`` (imported): the settings object 0.13.2 made of a None configuration."""
        module, _, name = self.classes[key].rpartition(".")
        return cst.Call(func=cst.Name(self.ctx.add_import(module, name)))

    def _or_default(self, value: cst.BaseExpression, key: str, parenthesized: bool) -> cst.BooleanOperation:
        """``value or SettingsClass()``: a name the file binds to None somewhere is the default
        settings object there, as 0.13.2 took None for the default configuration."""
        parens = dict(lpar=[cst.LeftParen()], rpar=[cst.RightParen()]) if parenthesized else {}
        return cst.BooleanOperation(left=value, operator=cst.Or(), right=self._default(key), **parens)

    def _none_as_default(self, value: cst.BaseExpression, key: str) -> cst.BaseExpression:
        """A settings value that may be None, with the default settings object for None: a literal
        None branch of ``A if c else None`` is replaced, a name bound to None somewhere or an ``or``
        of None becomes ``value or SettingsClass()``; anything else is returned as it is."""
        if isinstance(value, cst.IfExp):
            return value.with_changes(body=_parenthesized(self._none_as_default(value.body, key)),
                                      orelse=self._none_as_default(value.orelse, key))
        if isinstance(value, cst.Name) and value.value == "None":
            return self._default(key)
        if isinstance(value, cst.Name) and value.value in self.maybe_none:
            return self._or_default(value, key, parenthesized=False)
        if isinstance(value, cst.BooleanOperation) and _may_be_none(value):
            return self._or_default(value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()]), key, parenthesized=False)
        return value

    def shaped(self, field: str, value: cst.BaseExpression) -> cst.BaseExpression:
        """A value for a list field (``required_integrations``: 0.20's pydantic model rejects a
        single string at import time): a single string becomes a one-element list."""
        if field not in self.list_fields:
            return value
        if isinstance(value, cst.IfExp):  # each branch shaped (``[] if c else X``)
            return value.with_changes(body=_parenthesized(self.shaped(field, value.body)), orelse=self.shaped(field, value.orelse))
        shape = self.shape(value)
        if shape == "list":
            return value
        if shape == "str":
            return cst.List(elements=[cst.Element(value=value)])
        # unknown: decided when the module runs, as 0.13.2 would have iterated it
        return cst.parse_expression(
            "list({v}) if isinstance({v}, (list, tuple, set)) else [{v}]".format(v=cst.Module([]).code_for_node(value))
        )

    def shape(self, value: cst.BaseExpression, depth: int = 0) -> Optional[str]:
        """"str" or "list" when the value's kind is known from the file, else None."""
        if isinstance(value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
            return "str"
        if isinstance(value, (cst.List, cst.Tuple, cst.Set, cst.ListComp, cst.SetComp)):
            return "list"
        if isinstance(value, (cst.Name, cst.Attribute)) and depth < 5:
            path = qualified(self.ctx, value)
            if path and path.startswith(INTEGRATION_CONSTANTS) and path.rpartition(".")[2].isupper():
                return "str"
            if isinstance(value, cst.Name) and value.value in self.assigned:
                return self.shape(self.assigned[value.value], depth + 1)
        return None


def _item(value: cst.BaseExpression, key: str) -> cst.Subscript:
    """``value["key"]``."""
    return cst.Subscript(value=value, slice=[cst.SubscriptElement(cst.Index(ca.string(key)))])


def _key_nodes(node: cst.BaseExpression) -> List[cst.CSTNode]:
    """The key nodes of a dict display (strings) or ``dict(...)`` call (keyword names)."""
    if isinstance(node, cst.Dict):
        return [el.key for el in node.elements if isinstance(el, cst.DictElement)]
    if isinstance(node, cst.Call):
        return [a.keyword for a in node.args if a.keyword is not None]
    return []


def _key_text(node: cst.CSTNode) -> Optional[str]:
    if isinstance(node, cst.SimpleString):
        return node.evaluated_value
    return node.value if isinstance(node, cst.Name) else None


def _star(call: cst.Call) -> Optional[cst.Arg]:
    """The call's one ``**`` argument (None when it has none or several)."""
    stars = [a for a in call.args if a.star == "**"]
    return stars[0] if len(stars) == 1 else None


def _leaves(node: cst.BaseExpression) -> List[cst.BaseExpression]:
    """The values ``a if c else b`` may give (nested conditionals followed)."""
    if isinstance(node, cst.IfExp):
        return _leaves(node.body) + _leaves(node.orelse)
    return [node]


def _branch_values(node: cst.BaseExpression, key: str, absent: cst.BaseExpression) -> cst.BaseExpression:
    """The conditional of dict displays ``node`` with each display replaced by its value of ``key``
    (``absent`` where it has none): ``{"k": v} if c else {}`` -> ``v if c else absent``."""
    if isinstance(node, cst.IfExp):
        return node.with_changes(body=_parenthesized(_branch_values(node.body, key, absent)),
                                 orelse=_branch_values(node.orelse, key, absent))
    value = _dict_value(node, key)
    return absent if value is None else value


def _without_keys(node: cst.BaseExpression, keys: Set[str]) -> cst.BaseExpression:
    """The conditional of dict displays ``node`` without the items of ``keys``."""
    if isinstance(node, cst.IfExp):
        return node.with_changes(body=_without_keys(node.body, keys), orelse=_without_keys(node.orelse, keys))
    drop = {i for i, el in enumerate(node.elements)
            if isinstance(el, cst.DictElement) and isinstance(el.key, cst.SimpleString) and el.key.evaluated_value in keys}
    return node.with_changes(elements=ca.remove_items(node.elements, drop))


def _parenthesized(node: cst.BaseExpression) -> cst.BaseExpression:
    """``node`` in parentheses when it is a conditional or an ``or``/``and`` (the body of a new
    ``a if c else b`` reads plainly then)."""
    if isinstance(node, (cst.IfExp, cst.BooleanOperation, cst.Lambda)) and not node.lpar:
        return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return node


def _string_like(like: cst.SimpleString, text: str) -> cst.SimpleString:
    return cst.SimpleString(f"{like.prefix}{like.quote}{text}{like.quote}")


def _settings_item(target: cst.BaseExpression, like: cst.SimpleString) -> cst.Subscript:
    """``target["settings"]`` (quoted as ``like``)."""
    return cst.Subscript(value=target, slice=[cst.SubscriptElement(cst.Index(_string_like(like, "settings")))])


def _settings_get(target: cst.BaseExpression, like: cst.SimpleString) -> cst.Call:
    """``target.get("settings", {})``."""
    return cst.Call(
        func=cst.Attribute(value=target, attr=cst.Name("get")),
        args=[cst.Arg(_string_like(like, "settings"), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
              cst.Arg(cst.Dict([]))],
    )


def _as_call(display: cst.Dict) -> Optional[cst.Call]:
    """``{"a": 1, **b}`` as ``dict(a=1, **b)`` (None when a key is not a plain name string)."""
    args = []
    for el in display.elements:
        if isinstance(el, cst.StarredDictElement):
            args.append(cst.Arg(value=el.value, star="**", comma=el.comma))
            continue
        key = el.key.evaluated_value if isinstance(el.key, cst.SimpleString) else None
        if not isinstance(key, str) or not key.isidentifier():
            return None
        args.append(ca.kwarg(key, el.value).with_changes(comma=el.comma))
    return cst.Call(func=cst.Name("dict"), args=args)


def _as_display(display: cst.Dict, call: cst.Call) -> cst.Dict:
    """The display with the items of ``call`` (``_as_call`` of it, folded): a key kept keeps its
    quotes and layout, a new one takes the quotes of the first key."""
    keyed = {el.key.evaluated_value: el for el in display.elements if isinstance(el, cst.DictElement)}
    first = next(iter(keyed.values())).key
    elements = []
    for arg in call.args:
        if arg.keyword is None:
            elements.append(cst.StarredDictElement(value=arg.value, comma=arg.comma))
            continue
        name = arg.keyword.value
        old = keyed.get(name)
        if old is not None:
            elements.append(old.with_changes(value=arg.value, comma=arg.comma))
        else:
            key = first.with_changes(value=f"{first.prefix}{first.quote}{name}{first.quote}")
            elements.append(cst.DictElement(key=key, value=arg.value, comma=arg.comma))
    return display.with_changes(elements=elements)


def _module_assignments(module: cst.Module) -> Dict[str, cst.BaseExpression]:
    """``NAME = value`` at module level (a name assigned once)."""
    out: Dict[str, cst.BaseExpression] = {}
    seen = set()
    for stmt in module.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
                name = small.targets[0].target.value
                if name in seen:
                    out.pop(name, None)
                else:
                    out[name] = small.value
                seen.add(name)
    return out


def _names_maybe_none(module: cst.Module) -> Set[str]:
    """Names the file binds to ``None`` somewhere: ``X = None``, ``X = A if c else None``,
    ``X = a or None``, a parameter ``X=None`` (any scope: a guard is harmless where it is not)."""
    out: Set[str] = set()

    class _Visitor(cst.CSTVisitor):
        def visit_Assign(self, node: cst.Assign) -> None:
            if _may_be_none(node.value):
                out.update(t.target.value for t in node.targets if isinstance(t.target, cst.Name))

        def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
            if node.value is not None and _may_be_none(node.value) and isinstance(node.target, cst.Name):
                out.add(node.target.value)

        def visit_Param(self, node: cst.Param) -> None:
            if node.default is not None and _may_be_none(node.default):
                out.add(node.name.value)

    module.visit(_Visitor())
    return out


def _may_be_none(value: cst.BaseExpression) -> bool:
    if isinstance(value, cst.Name):
        return value.value == "None"
    if isinstance(value, cst.IfExp):
        return _may_be_none(value.body) or _may_be_none(value.orelse)
    if isinstance(value, cst.BooleanOperation):
        return _may_be_none(value.left) or _may_be_none(value.right)
    return False


def _dict_value(node: Optional[cst.BaseExpression], key: str) -> Optional[cst.BaseExpression]:
    if not isinstance(node, cst.Dict):
        return None
    for el in node.elements:
        if isinstance(el, cst.DictElement) and isinstance(el.key, cst.SimpleString) and el.key.evaluated_value == key:
            return el.value
    return None


def _replace_dict_value(node: cst.Dict, key: str, value: cst.BaseExpression) -> cst.Dict:
    elements = [
        el.with_changes(value=value)
        if isinstance(el, cst.DictElement) and isinstance(el.key, cst.SimpleString) and el.key.evaluated_value == key
        else el
        for el in node.elements
    ]
    return node.with_changes(elements=elements)


def _set_kwarg(call: cst.Call, name: str, value: cst.BaseExpression) -> cst.Call:
    i = ca.keyword_index(call.args, name)
    args = list(call.args)
    args[i] = args[i].with_changes(value=value)
    return call.with_changes(args=args)


def _replace_kwargs(call: cst.Call, names: List[str], pairs: List[Tuple[str, cst.BaseExpression]]) -> cst.Call:
    """Drop the keywords ``names``; put the settings ``pairs`` where the first of them was
    (or into the existing ``settings=`` literal)."""
    if ca.keyword_index(call.args, "settings") is not None:
        merged = ca.merge_settings(call, pairs)
        return ca.remove_kwargs(merged, names)
    if not pairs:
        return ca.remove_kwargs(call, names)
    first = min(ca.keyword_index(call.args, n) for n in names)
    args = list(call.args)
    moved = args[first].keyword.value
    args[first] = args[first].with_changes(keyword=cst.Name("settings"), value=ca.make_dict(pairs))
    return ca.remove_kwargs(call.with_changes(args=args), [n for n in names if n != moved])
