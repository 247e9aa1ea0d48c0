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

An existing ``settings=`` dict literal is merged into and never overwritten (a half-migrated
``settings={"resources": ...}`` keeps its value and the legacy keyword goes). When ``settings=``
is not a dict literal, or a value's truthiness cannot be known, the call is left as it is with
a TODO. The renames codemod turns ``DockerConfiguration``/``ResourceConfiguration`` (and
``copy_profile``) into their 0.20 names in the moved values.
"""

from typing import Dict, List, Optional, Tuple

import libcst as cst

from zenml_migrate.fix import call_args as ca
from zenml_migrate.fix.codemod import Codemod
from zenml_migrate.fix.local_names import Declined, codes_at


def truthiness(node: cst.BaseExpression) -> Optional[bool]:
    """True/False for a literal whose truth value is known, else None."""
    if isinstance(node, (cst.List, cst.Tuple, cst.Set, cst.Dict)):
        return bool(node.elements)
    if isinstance(node, cst.SimpleString):
        return bool(node.evaluated_value)
    if isinstance(node, cst.Name) and node.value in ("None", "False", "True"):
        return node.value == "True"
    return None


def _is_foldable_call(node: cst.BaseExpression, classes: Tuple[str, ...]) -> bool:
    if not isinstance(node, cst.Call):
        return False
    func = node.func
    name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""
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


class FoldSettings(Codemod):
    whole_tree = False  # only edits nodes inside statements that hold its findings (migrate/fix/codemod.py)

    def visit_Module(self, node: cst.Module) -> None:
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
            if fields is not None:
                self.classes[key] = self.ctx.arg(code, "settings_class")
                self.foldable[key] = tuple(self.ctx.arg(code, "fold_into", ()))

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        flagged = [
            arg.keyword.value
            for arg in original.args
            if arg.keyword is not None and arg.keyword.value in self.plan and codes_at(self.ctx, arg.keyword)
        ]
        if not flagged:
            return updated
        try:
            return self.fold(updated, flagged)
        except Declined:
            return updated  # the findings stay: the fixer adds the rules' TODO lines

    def fold(self, call: cst.Call, flagged: List[str]) -> cst.Call:
        args = call.args
        present = [a.keyword.value for a in args if a.keyword is not None and a.keyword.value in flagged]
        if not present:
            return call
        if ca.settings_keys(call) is None:
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
                    if not _is_foldable_call(existing, self.foldable[key]):
                        raise Declined(key)
                    settings = _replace_dict_value(settings, key, fold_fields(existing, fields[key]))
                continue
            value = values.get(key)
            if key in fields:
                if value is None and all(truthiness(v) is False for _, v in fields[key]):
                    continue  # only falsy legacy values: 0.13.2 ignored them, nothing to configure
                if value is None:
                    module, _, name = self.classes[key].rpartition(".")
                    value = cst.Call(func=cst.Name(self.ctx.add_import(module, name)))
                elif not _is_foldable_call(value, self.foldable[key]):
                    raise Declined(key)
                value = fold_fields(value, fields[key])
            pairs.append((key, value))
        if settings is not None:
            call = _set_kwarg(call, "settings", settings)
        return _replace_kwargs(call, present, pairs)


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
