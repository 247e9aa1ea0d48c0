"""``renames:RenameSymbols``: renamed classes, moved modules, renamed attributes.

``fix_args`` (on the rule):

* ``("to", "zenml.client.Client")``: every name the rule matches becomes this one;
* ``("renames", (("<0.13.2 path>", "<0.20 path>"), ...))``: one target per matched name
  (chosen by the name's last identifier);
* ``("attr", "active_stack_model.name")``: the flagged attribute ``x.old`` becomes
  ``x.active_stack_model.name``; with ``("from_attr", "old")`` only that attribute is renamed;
* ``("keywords", (("old", "new"), ...))``: flagged keywords of the renamed constructor's
  calls (``DockerConfiguration(copy_profile=...)``), as in ``keywords:RenameKeywords``; a
  ``**`` of data the scan cannot read (``**CFG["docker"]``) gets a TODO naming those keys.

Imports: ``from M import Old [as A]`` becomes ``from M import New [as A]`` when ``M`` is the
target module; otherwise the alias leaves the line and ``from <target module> import New
[as A]`` is added (merged into an existing line). A name used through an alias (``A``)
is left alone; ``module.Old`` becomes ``module.New`` when the 0.20 module has ``New``
(else ``New`` imported). Nothing else in the file changes.
"""

from typing import Dict, List, Mapping, Optional, Tuple

import libcst as cst

from zenml_migrate.fix.codemod import Codemod
from zenml_migrate.fix.imports import alias_key, dotted, module_expr
from zenml_migrate.codemods.keywords import edit_keys, edit_keywords
from zenml_migrate.scan.fix_checks import BASE_GONE, HELPER_ARG, HOMES, KEEPS, OWNER, PAIR_MODULE, STAR_EXPORT, STAR_NAME, UNCHECKED_KEYS


class RenameSymbols(Codemod):
    whole_tree = False
    def __init__(self, ctx):
        super().__init__(ctx)
        self._in_import = 0
        self._statements: List[int] = []  # ids of the statements being visited, innermost last
        self._pending: Dict[int, List[Tuple[str, str]]] = {}  # statement id -> (code, TODO text) to write above it
        self._exported: List[str] = []  # old names bound again that the module's computed ``__all__`` must list

    # ------------------------------------------------------------ rule data
    def _table(self, code: str) -> Mapping[str, Tuple[str, str]]:
        """old identifier -> (0.20 module, 0.20 name) for the rule ``code``."""
        return self.ctx.rule(code).rename_targets()

    def _target(self, code: str, old_name: str) -> Optional[Tuple[str, str]]:
        return self._table(code).get(old_name)

    # --------------------------------------------------------------- imports
    def visit_Import(self, node: cst.Import) -> None:
        self._in_import += 1

    def leave_Import(self, original: cst.Import, updated: cst.Import) -> cst.Import:
        self._in_import -= 1
        return updated

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self._in_import += 1

    def leave_ImportFrom(self, original: cst.ImportFrom, updated: cst.ImportFrom) -> cst.ImportFrom:
        self._in_import -= 1
        if isinstance(original.names, cst.ImportStar) and not original.relative:
            self._star_names(original)
            return updated
        if original.relative or len(original.names) != len(updated.names):
            return updated
        module = dotted(original.module)
        keys = [alias_key(a) for a in original.names]
        targets, found = [], []  # per alias: its 0.20 target, and the finding that says how it moves
        for alias, (name, _) in zip(original.names, keys):
            findings = self.ctx.at(alias)
            found.append(findings[0] if findings else None)
            targets.append(self._target(findings[0].code, name) if findings else None)
        if not any(targets):
            return updated
        kept = [asname is None and name != t[1] and self.ctx.keeps_name(name) if t else False for (name, asname), t in zip(keys, targets)]
        if all(targets) and not any(self._needs_own_line(k, t) for k, t, keep in zip(keys, targets, kept) if not keep):
            common = _common_module(module, targets, found)
            if common is not None:
                return self._rename_line(updated, module, common, targets, kept)
        return self._rename_aliases(updated, module, keys, targets, kept, found)

    def _star_names(self, original: cst.ImportFrom) -> None:
        """``from zenml.steps import *`` re-exporting ``BaseStepConfig`` (in ``__all__``, or
        imported from this module elsewhere): 0.20's star import does not bind it, so
        ``from zenml.steps import BaseParameters as BaseStepConfig`` is added; the old name stays.
        Where the module computes ``__all__`` (``STAR_EXPORT``), the name is added to it as well."""
        for finding in self.ctx.at(original.names):
            # the name the scan flagged there (``Detector.star_reexports``)
            old_name = finding.arg(STAR_NAME) or finding.arg(STAR_EXPORT)
            target = self._target(finding.code, old_name) if old_name else None
            if target is not None:
                self.ctx.add_import(target[0], target[1], old_name)
                if finding.arg(STAR_EXPORT) and old_name not in self._exported:
                    self._exported.append(old_name)

    def leave_Module(self, original: cst.Module, updated: cst.Module) -> cst.Module:
        """``__all__ = [*__all__, "BaseStepConfig"]`` after the last module-level statement that
        makes ``__all__`` (the names ``_star_names`` bound again)."""
        if not self._exported:
            return updated
        last = max((i for i, stmt in enumerate(updated.body) if _binds_all(stmt)), default=None)
        if last is None:
            return updated
        names = ", ".join(f'"{n}"' for n in self._exported)
        line = cst.parse_statement(f"__all__ = [*__all__, {names}]\n")
        return updated.with_changes(body=[*updated.body[: last + 1], line, *updated.body[last + 1 :]])

    def _needs_own_line(self, key, target) -> bool:
        """The new name clashes with another binding, or is imported elsewhere already."""
        (name, asname), (to_module, to_name) = key, target
        local = asname or to_name
        return self._conflicts(to_name, asname) or (self.ctx.imported(local) == (to_module, to_name) and name != to_name)

    def _conflicts(self, to_name: str, asname: Optional[str]) -> bool:
        return asname is None and self.ctx.clashes(to_name)

    def _rename_line(self, updated, module, common, targets, kept):
        """Every name of the line moves: rename them in place, and the module when needed."""
        names = [_renamed(alias, to_name, keep) for alias, (_, to_name), keep in zip(updated.names, targets, kept)]
        self.ctx.renamed_import_line(common, [alias_key(a) for a in names])
        changes = {"names": names}
        if common != module:
            changes["module"] = module_expr(common)
        return updated.with_changes(**changes)

    def _rename_aliases(self, updated, module, keys, targets, kept, found):
        """Some names of the line stay: rename in place where the 0.20 module has the new name
        (the scan's ``KEEPS`` of each alias's finding)."""
        names = list(updated.names)
        changed = False
        for i, target in enumerate(targets):
            if target is None:
                continue
            name, asname = keys[i]
            to_module, to_name = target
            keeps = found[i].arg(KEEPS)
            if kept[i]:  # ``from <0.20 module> import New as Old``: every use of ``Old`` stays
                if keeps:
                    names[i] = _renamed(names[i], to_name, keep=True)
                    keys[i] = (to_name, name)
                    changed = True
                else:
                    self.ctx.drop_import(module, name, None)
                    self.ctx.add_import(to_module, to_name, name)
            elif _already_here(keys, i, (to_name, asname)) and keeps:
                # half migrated: another alias of the line already imports the new name from a
                # module that has it (not the alias itself: a name moved under the same name)
                self.ctx.drop_import(module, name, asname)
            elif keeps and not self._needs_own_line(keys[i], target):
                names[i] = _renamed(names[i], to_name)
                keys[i] = (to_name, asname)
                changed = True
            else:
                self.ctx.drop_import(module, name, asname)
                self.ctx.add_import(to_module, to_name, asname)
        return updated.with_changes(names=names) if changed else updated

    # ----------------------------------------------------------------- names
    def _local_for(self, local: str, to_module: str, to_name: str) -> Optional[str]:
        """The name to write for a use of ``local`` that becomes ``to_module.to_name``."""
        origin = self.ctx.imported(local)
        if origin is not None:
            if origin[1] != local or self.ctx.keeps_name(local):
                return None  # used through an alias, or a name kept: the import binds it
            if not self.ctx.clashes(to_name):
                return to_name  # the import line is renamed (in place or moved) to this name
        return self.ctx.add_import(to_module, to_name)

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.BaseExpression:
        if self._in_import:
            return updated
        for finding in self.ctx.at(original, exact=True):
            if self.ctx.arg(finding.code, "attr"):
                continue
            target = self._target(finding.code, original.value)
            if target is None:
                continue
            local = self._local_for(original.value, *target)
            if local and local != updated.value:
                return updated.with_changes(value=local)
            return updated
        return updated

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
        if self._in_import:
            return updated
        for finding in self.ctx.at(original, exact=True):
            attr = self.ctx.arg(finding.code, "attr")
            if attr:
                from_attr = self.ctx.arg(finding.code, "from_attr")
                if from_attr and original.attr.value != from_attr:
                    continue
                return with_attr_path(updated, attr)
            target = self._target(finding.code, original.attr.value)
            if target is None:
                continue
            to_module, to_name = target
            owner = finding.arg(OWNER)
            if owner is not None:  # a class-level member: ``Repository.initialize`` -> ``Client.initialize``
                local = self.ctx.add_import(*owner)
                self._drop_base(original.value, finding)
                return updated.with_changes(value=cst.Name(local), attr=updated.attr.with_changes(value=to_name))
            if finding.arg(KEEPS):  # ``module.Old`` -> ``module.New``: the 0.20 module has it
                return updated.with_changes(attr=updated.attr.with_changes(value=to_name))
            local = self.ctx.add_import(to_module, to_name)
            self._drop_base(original.value, finding)
            return cst.Name(local, lpar=updated.lpar, rpar=updated.rpar)
        return updated

    def _drop_base(self, value: cst.BaseExpression, finding) -> None:
        """``bsc.BaseStepConfig`` became ``BaseParameters``: the module alias ``bsc`` leaves
        with its import when nothing else uses it, where the scan found the module gone in 0.20
        (``BASE_GONE``: its import would fail there)."""
        head = dotted(value).partition(".")[0]
        if head and finding.arg(BASE_GONE):
            self.ctx.drop_import_if_unused(head)

    # ------------------------------------------------- inside string annotations
    def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
        """``"BaseStepConfig"``, ``List["Repository"]``, ``"zenml.steps.BaseStepConfig"``: a
        string annotation names the renamed class as code would (``scan/detect.quoted_expression``
        found it there); the name is rewritten inside the string, the quotes kept."""
        findings = self.ctx.inside(original)
        if not findings or updated.value != original.value:  # another fix rewrote the whole string (a dotted path)
            return updated
        start = self.ctx.position(original).start.column + 1
        text = updated.value
        for finding in sorted(findings, key=lambda f: -f.span.column):
            begin, end = finding.span.column - start, finding.span.end_column - start
            new = self._quoted_name(finding, text[begin:end])
            if new is not None:
                text = text[:begin] + new + text[end:]
        return updated.with_changes(value=text) if text != updated.value else updated

    def _quoted_name(self, finding, spelled: str) -> Optional[str]:
        """What the name ``spelled`` (``Old`` or ``a.b.Old``) inside a string becomes."""
        head, _, old = spelled.rpartition(".")
        target = self._target(finding.code, old)
        if target is None:
            return None
        to_module, to_name = target
        if not head:
            return self._local_for(old, to_module, to_name)
        if finding.arg(KEEPS):
            return f"{head}.{to_name}"
        return self.ctx.add_import(to_module, to_name)

    # ------------------------------------------------------------ keywords
    def leave_AnnAssign(self, original: cst.AnnAssign, updated: cst.AnnAssign) -> cst.AnnAssign:
        """A field of a ``TypedDict`` whose dicts reach the renamed constructor as ``**``
        (``class DockerSpec(TypedDict): copy_profile: bool``, ``scan/splat_keywords._judge_typed_dict``)
        is renamed as the keyword would be."""
        target = original.target
        if not isinstance(target, cst.Name) or original.value is not None:
            return updated
        for finding in self.ctx.at(target, exact=True):
            new = dict(self.ctx.arg(finding.code, "keywords", ()) or ()).get(target.value)
            if isinstance(new, str):
                return updated.with_changes(target=updated.target.with_changes(value=new))
        return updated

    def leave_Dict(self, original: cst.Dict, updated: cst.Dict) -> cst.Dict:
        """A string key of a dict display given as ``**`` to the renamed constructor
        (``BASE = {"copy_profile": True}`` ... ``DockerConfiguration(**BASE)``,
        ``scan/splat_keywords.py``) is renamed as the keyword would be."""
        return edit_keys(self.ctx, original, updated)

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        for finding in self.ctx.at(original, exact=True):  # ``getattr(zsteps, "Old")`` (migrate/scan/fix_checks.py)
            slot = finding.arg(HELPER_ARG)
            if slot is not None:  # ``config_class("Old")`` of a getattr helper: the literal it passes
                return _renamed_helper_arg(updated, slot, self._target(finding.code, _helper_literal(original, slot).evaluated_value))
            name = spelled_name(original)
            attr = self.ctx.arg(finding.code, "attr")
            if attr and name is not None and len(updated.args) == 2:
                # ``getattr(repo, "active_stack_name")`` is ``repo.active_stack_name`` (scan/fix_checks.read_as_attribute)
                base = updated.args[0].value
                if not isinstance(base, _ATOMS) and not base.lpar:
                    base = base.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
                read = cst.Attribute(value=base, attr=cst.Name(name.evaluated_value))
                return with_attr_path(read, attr).with_changes(lpar=updated.lpar, rpar=updated.rpar)
            target = self._target(finding.code, name.evaluated_value) if name is not None else None
            if target is not None:
                first = updated.args[0]
                module, pair = _module_literal(first.value), finding.arg(PAIR_MODULE)
                if module is not None and pair:
                    # ``getattr(importlib.import_module("zenml.x.y"), "Old")``: the pair is renamed (Detector.pair_renamed)
                    first = first.with_changes(value=first.value.with_changes(args=[
                        first.value.args[0].with_changes(value=_string_like(module, pair)), *first.value.args[1:]
                    ]))
                new = _string_like(name, target[1])
                return updated.with_changes(args=[first, updated.args[1].with_changes(value=new), *updated.args[2:]])
        fromlist = self._renamed_fromlist(original)
        if fromlist is not None:
            return fromlist(updated)
        self._unchecked(original)
        return edit_keywords(self.ctx, original, updated)

    # ------------------------------------------------------------ keys the scan cannot see
    def _unchecked(self, call: cst.Call) -> None:
        """``DockerConfiguration(**CFG["docker"])``: the call is renamed, the keys of the data are not
        (``scan/splat_keywords.judge_unchecked``): a TODO above the statement says which keys must change
        (the scan's words, ``UNCHECKED_KEYS``)."""
        for arg in call.args:
            if arg.star != "**":
                continue
            for finding in self.ctx.at(arg):
                keys = finding.arg(UNCHECKED_KEYS)
                if keys and self._statements:
                    shown = cst.Module([]).code_for_node(arg.value)
                    text = f"the keys of `**{shown}` are not checked: {keys} where its data is written"
                    self._pending.setdefault(self._statements[-1], []).append((finding.code, text))
                    break

    def _enter(self, node) -> None:
        self._statements.append(id(node))

    def _exit(self, original, updated):
        self._statements.pop()
        todos = self._pending.pop(id(original), ())
        if not todos:
            return updated
        lines = []
        for code, text in dict.fromkeys(todos):
            lines.append(self.ctx.todo_line(code, text))
        return updated.with_changes(leading_lines=[*updated.leading_lines, *lines])

    def _renamed_fromlist(self, call: cst.Call):
        """``__import__("zenml.steps.base_step_config", fromlist=["BaseStepConfig"])`` whose names
        the scan flagged (each renamed exactly into one 0.20 module): a function that rewrites the
        module and the names of the updated call, else None."""
        module = _module_literal(call)
        at = next((i for i, a in enumerate(call.args) if (a.keyword.value == "fromlist" if a.keyword else i == 3)), None)
        value = call.args[at].value if at is not None else None
        if module is None or not isinstance(value, (cst.List, cst.Tuple)) or not value.elements:
            return None
        targets = []
        for element in value.elements:
            found = self.ctx.at(element.value, exact=True) if isinstance(element.value, cst.SimpleString) else []
            target = self._target(found[0].code, element.value.evaluated_value) if found else None
            if target is None:
                return None
            targets.append(target)
        if len({m for m, _ in targets}) != 1:
            return None

        def rewrite(updated: cst.Call) -> cst.Call:
            args = list(updated.args)
            args[0] = args[0].with_changes(value=_string_like(module, targets[0][0]))
            names = args[at].value
            elements = [e.with_changes(value=_string_like(e.value, t[1])) for e, t in zip(names.elements, targets)]
            args[at] = args[at].with_changes(value=names.with_changes(elements=elements))
            return updated.with_changes(args=args)

        return rewrite


#: expressions an attribute can follow without parentheses
_ATOMS = (cst.Name, cst.Attribute, cst.Call, cst.Subscript)


for _kind in ("SimpleStatementLine", "FunctionDef", "ClassDef", "If", "For", "While", "With", "Try"):  # where a TODO can go
    setattr(RenameSymbols, f"visit_{_kind}", RenameSymbols._enter)
    setattr(RenameSymbols, f"leave_{_kind}", RenameSymbols._exit)


def _helper_literal(call: cst.Call, slot) -> cst.SimpleString:
    """The literal argument ``slot`` (a position or a keyword) of a getattr helper's call."""
    if isinstance(slot, int):
        return [a for a in call.args if a.keyword is None][slot].value
    return next(a.value for a in call.args if a.keyword is not None and a.keyword.value == slot)


def _renamed_helper_arg(call: cst.Call, slot, target) -> cst.Call:
    """``config_class("Old")`` -> ``config_class("New")`` (``fix_checks.spelled_rename`` decided it)."""
    if target is None:
        return call
    old = _helper_literal(call, slot)
    return call.with_changes(args=[
        a.with_changes(value=_string_like(old, target[1])) if a.value is old else a for a in call.args
    ])


def spelled_name(call: cst.Call) -> Optional[cst.SimpleString]:
    """The name literal of ``getattr(x, "Name")`` (the scan's check decided that it is renamed there)."""
    if isinstance(call.func, cst.Name) and call.func.value == "getattr" and len(call.args) in (2, 3):
        value = call.args[1].value
        if isinstance(value, cst.SimpleString) and "\\" not in value.value:
            return value
    return None


def _module_literal(call: cst.BaseExpression) -> Optional[cst.SimpleString]:
    """The module string of ``importlib.import_module("...")`` / ``__import__("...", ...)``."""
    if isinstance(call, cst.Call) and call.args and not call.args[0].keyword:
        value = call.args[0].value
        if isinstance(value, cst.SimpleString) and "\\" not in value.value:
            return value
    return None


def _string_like(literal: cst.SimpleString, text: str) -> cst.SimpleString:
    """``text`` in the quotes and prefix of ``literal``."""
    return cst.SimpleString(literal.prefix + literal.quote + text + literal.quote)


def with_attr_path(node: cst.Attribute, path: str) -> cst.Attribute:
    """``x.old`` -> ``x.<path>`` (``path`` may be dotted)."""
    parts = path.split(".")
    value = node.value
    for part in parts[:-1]:
        value = cst.Attribute(value=value, attr=cst.Name(part))
    return node.with_changes(value=value, attr=cst.Name(parts[-1]))


def _already_here(keys, index: int, key) -> bool:
    return any(j != index and other == key for j, other in enumerate(keys))


def _binds_all(stmt: cst.CSTNode) -> bool:
    """Does a module-level statement assign or change ``__all__`` (not in a def or class)?"""
    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
        return False
    for node in _walk(stmt):
        if isinstance(node, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign)) and _names_all(node.target):
            return True
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and _names_all(node.func.value):
            return True
    return False


def _names_all(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.Name) and node.value == "__all__"


def _walk(node: cst.CSTNode):
    yield node
    for child in node.children:
        if not isinstance(child, (cst.FunctionDef, cst.ClassDef)):
            yield from _walk(child)


def _common_module(module: str, targets, found) -> Optional[str]:
    """One 0.20 module that has every target name (the line's own module first), as the scan
    found them (each alias's finding: ``KEEPS`` for the line's module, ``HOMES`` for the others)."""
    candidates = [module] + [m for m, _ in targets]
    for candidate in candidates:
        if all(f.arg(KEEPS) if candidate == module else (candidate == m or candidate in (f.arg(HOMES) or ())) for (m, _), f in zip(targets, found)):
            return candidate
    return None


def _renamed(alias: cst.ImportAlias, to_name: str, keep: bool = False) -> cst.ImportAlias:
    """``alias`` importing ``to_name``; a redundant ``Old as Old`` loses its ``as``; with
    ``keep`` the local name stays: ``New as Old``."""
    if keep:
        return alias.with_changes(name=cst.Name(to_name), asname=cst.AsName(name=cst.Name(dotted(alias.name))))
    if alias_key(alias)[1] is None and alias.asname is not None:
        return alias.with_changes(name=cst.Name(to_name), asname=None)
    return alias.with_changes(name=cst.Name(to_name))
