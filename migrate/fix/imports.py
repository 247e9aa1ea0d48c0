"""Import management for every codemod, in one place (used through ``FixContext``).

Codemods *request* import changes while the combined transform runs; ``ImportEdits.apply``
carries them out afterwards in one pass over the statements (expressions are not
visited):

* ``add(module, name, asname)``: merged into the first module-level ``from module import``
  line when there is one (order, parentheses, trailing commas and comments kept), else a
  new line right after the last module-level zenml import (no other line moves); when zenml
  is optional (its only module-level imports sit in ``try: ... / except ImportError:``), in
  that ``try`` body instead;
* ``drop(module, name, asname)``: that alias leaves every ``from module import`` line;
* ``drop_if_unused(local)``: the zenml import alias binding ``local`` leaves when ``local`` is
  no longer used anywhere in the rewritten file.

A line whose every import goes from a ``try:`` whose ``except ImportError:`` does something is
an availability probe (``try: from zenml.integrations.mlflow.mlflow_step_decorator import
enable_mlflow; HAS_MLFLOW = True / except ImportError: HAS_MLFLOW = False``): it becomes an
import of a 0.20 module that needs the same package (``zenml_index.sdk_probe``), so the
handler still runs where that package is missing.

A line whose last alias is removed disappears, but its comment lines move to the
statement after it (LibCST #390 lost them).
"""

import ast
import bisect
import os
import re
from typing import Dict, List, Optional, Sequence, Set, Tuple

import libcst as cst

from zenml_migrate.fix.call_args import append_items, remove_items
from zenml_migrate.scan.import_time import is_type_checking
from zenml_migrate.scan.no_successor import is_main_guard
from zenml_migrate.scan.zenml_index import in_zenml, sdk_probe

Alias = Tuple[str, Optional[str]]  # (name, asname)


def dotted(node: Optional[cst.BaseExpression]) -> str:
    if node is None:
        return ""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        left = dotted(node.value)
        return f"{left}.{node.attr.value}" if left else ""
    return ""


def module_expr(module: str) -> cst.BaseExpression:
    parts = module.split(".")
    node: cst.BaseExpression = cst.Name(parts[0])
    for part in parts[1:]:
        node = cst.Attribute(value=node, attr=cst.Name(part))
    return node


def _alias(name: str, asname: Optional[str]) -> cst.ImportAlias:
    return cst.ImportAlias(
        name=cst.Name(name),
        asname=cst.AsName(name=cst.Name(asname)) if asname and asname != name else None,
    )


def alias_key(alias: cst.ImportAlias) -> Alias:
    """``(name, asname)``; a redundant ``x as x`` counts as no alias."""
    asname = alias.asname.name.value if alias.asname is not None and isinstance(alias.asname.name, cst.Name) else None
    name = dotted(alias.name)
    return name, None if asname == name else asname


class OriginalImports:
    """What the original file binds: zenml from-imports by local name, and other bindings
    (``other``: computed when first asked about a name the text holds)."""

    def __init__(self, tree: ast.Module, text: Optional[str] = None):
        self.from_zenml: Dict[str, Tuple[str, str]] = {}  # local -> (module, name)
        self.module_level: Set[str] = set()  # locals of from_zenml bound when the module runs, outside any def or class
        self.nested = False  # an import inside a def or class (the import edits then look inside them too)
        self.eager = False  # a zenml import that runs when the module is imported
        # ``try: <0.13.2 import> / except ImportError: <0.20 import>`` (a deprecated alias 0.20 still has,
        # so its ``try`` runs there and is rewritten): the handler's bindings -> the ``try`` body's source
        self.old_first: Dict[frozenset, List[str]] = {}
        self._text = text
        self.lazy = False  # a zenml import that runs only later: in a def, or under ``if __name__ == "__main__":``
        self.other = _OtherBindings(tree, text)  # locals bound by anything else (defs, assignments, other imports)
        self._imports(tree.body, nested=False, runs=True)

    def _imports(self, body, nested: bool, runs: bool, main: bool = False) -> None:
        """The import statements, at any depth (statements only, never expressions). ``runs``:
        the statements run at import (not under ``if TYPE_CHECKING:``, where an import binds
        nothing for the code a fix writes, e.g. a signature annotated without quotes)."""
        for node in body:
            if runs and _imports_zenml(node):
                if nested or main:
                    self.lazy = True
                else:
                    self.eager = True
            if isinstance(node, ast.ImportFrom):
                self.nested = self.nested or nested
                module = node.module or ""
                if node.level == 0 and in_zenml(module):
                    for a in node.names:
                        self.from_zenml.setdefault(a.asname or a.name, (module, a.name))
                        if not nested and runs and self.from_zenml[a.asname or a.name] == (module, a.name):
                            self.module_level.add(a.asname or a.name)
                continue
            if isinstance(node, ast.Import):
                self.nested = self.nested or nested
                continue
            if isinstance(node, ast.Try) and self._text is not None:
                self._old_first(node)
            scope = isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            for child in child_bodies(node):
                main_block = main or (not nested and is_main_guard(node) and child is node.body)
                self._imports(child, nested or scope, runs and not is_type_checking(node), main_block)


    def _old_first(self, node: ast.Try) -> None:
        from zenml_migrate.scan.import_fallback import new_spelling
        from zenml_migrate.scan.zenml_index import zenml013

        if node.orelse or node.finalbody or len(node.handlers) != 1 or not _catches_import_error_ast(node.handlers[0].type):
            return
        handler = node.handlers[0].body
        if not new_spelling(handler) or not all(_imports_zenml(s) for s in node.body):
            return
        old = zenml013()
        for stmt in node.body:  # the 0.13.2 spelling
            for a in stmt.names:
                if isinstance(stmt, ast.Import) and a.name not in old or isinstance(stmt, ast.ImportFrom) and a.name not in old.get(stmt.module, {}):
                    return
        texts = [ast.get_source_segment(self._text, stmt) for stmt in node.body]
        if all(texts):
            self.old_first[frozenset(b for stmt in handler for b in _bindings_ast(stmt))] = texts


def _catches_import_error_ast(expr) -> bool:
    """``except ImportError`` / ``ModuleNotFoundError`` / a tuple of them (an ``ast`` handler type)."""
    if isinstance(expr, ast.Tuple):
        return bool(expr.elts) and all(_catches_import_error_ast(e) for e in expr.elts)
    return isinstance(expr, ast.Name) and expr.id in ("ImportError", "ModuleNotFoundError")


def _bindings_ast(stmt) -> List[Tuple[str, Optional[str], str]]:
    """``(module, name, local)`` of each alias of an ``ast`` import (``name`` None: ``import m``)."""
    if isinstance(stmt, ast.ImportFrom):
        return [(stmt.module or "", a.name, a.asname or a.name) for a in stmt.names]
    return [(a.name, None, a.asname or a.name.split(".")[0]) for a in stmt.names]


def _bindings_cst(stmt: cst.BaseStatement) -> Optional[List[Tuple[str, Optional[str], str]]]:
    """The same for a LibCST import line (None: not only imports)."""
    if not isinstance(stmt, cst.SimpleStatementLine):
        return None
    out: List[Tuple[str, Optional[str], str]] = []
    for small in stmt.body:
        if isinstance(small, cst.ImportFrom) and not small.relative and not isinstance(small.names, cst.ImportStar):
            module = dotted(small.module)
            out.extend((module, name, asname or name) for name, asname in map(alias_key, small.names))
        elif isinstance(small, cst.Import):
            out.extend((name, None, asname or name.split(".")[0]) for name, asname in map(alias_key, small.names))
        else:
            return None
    return out


class _OtherBindings:
    """``name in bindings``: is ``name`` bound in the file by anything but a zenml from-import?
    A name the text does not hold is bound nowhere; one it holds is looked for in the
    module-level statements whose lines hold it (a binding spells the name out in its own
    statement), or in the whole tree when the text is not plain ASCII with ``\\n`` line ends
    (an identifier may then be spelled otherwise, a line counted otherwise)."""

    def __init__(self, tree: ast.Module, text: Optional[str]):
        self.tree, self.text = tree, text
        self.names: Optional[Set[str]] = None  # every name, once the whole tree was walked
        self._asked: Dict[str, bool] = {}
        self._starts: Optional[List[int]] = None  # the first line of each module-level statement

    def __contains__(self, name: str) -> bool:
        if self.names is not None:
            return name in self.names
        hit = self._asked.get(name)
        if hit is None:
            hit = self._asked[name] = self._bound(name)
        return hit

    def _bound(self, name: str) -> bool:
        text = self.text
        if text is not None and text.isascii() and "\r" not in text:
            lines = [text.count("\n", 0, m.start()) + 1 for m in re.finditer(_word(name), text)]
            found: Set[str] = set()
            self._walk(self._statements_at(lines), found)
            return name in found
        if text is not None and not re.search(_word(name), text):
            return False
        self.names = set()
        self._walk(self.tree.body, self.names)
        return name in self.names

    def _statements_at(self, lines: List[int]) -> List[ast.stmt]:
        """The module-level statements (decorators included) whose lines hold one of ``lines``."""
        body = self.tree.body
        if self._starts is None:
            self._starts = [min([n.lineno] + [d.lineno for d in getattr(n, "decorator_list", ())]) for n in body]
        found: Dict[int, ast.stmt] = {}
        for line in lines:
            i = bisect.bisect_right(self._starts, line) - 1
            while i >= 0 and (body[i].end_lineno or body[i].lineno) >= line:  # ``a = 1; b = 2``: two on a line
                found[i] = body[i]
                i -= 1
        return [found[i] for i in sorted(found)]

    def _walk(self, body, names: Set[str]) -> None:
        """One pass over the statements (expressions only for stored names)."""
        for node in body:
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                for a in node.names:
                    if not (node.level == 0 and in_zenml(module)):
                        names.add(a.asname or a.name)
                continue
            if isinstance(node, ast.Import):
                for a in node.names:
                    if not in_zenml(a.name):
                        names.add(a.asname or a.name.split(".")[0])
                continue
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            for field, value in ast.iter_fields(node):
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, ast.AST) and not isinstance(item, (ast.stmt, ast.excepthandler)) and type(item).__name__ != "match_case":
                        _stored_names(item, names)
            for child in child_bodies(node):
                self._walk(child, names)
            for handler in getattr(node, "handlers", ()) or ():
                if handler.name:
                    names.add(handler.name)


def _imports_zenml(node: ast.stmt) -> bool:
    if isinstance(node, ast.Import):
        return any(in_zenml(a.name) for a in node.names)
    return isinstance(node, ast.ImportFrom) and node.level == 0 and in_zenml(node.module or "")


def _is_main_block(stmt: cst.CSTNode) -> bool:
    """A LibCST ``if __name__ == "__main__":`` (the test is read as ``no_successor`` reads it)."""
    if not isinstance(stmt, cst.If):
        return False
    try:
        test = ast.parse("(" + cst.Module([]).code_for_node(stmt.test) + ")", mode="eval").body
    except SyntaxError:
        return False
    return is_main_guard(ast.If(test=test, body=[], orelse=[]))


def _word(name: str) -> str:
    return r"(?<![\w])" + re.escape(name) + r"(?![\w])"


def _stored_names(node: ast.AST, names: Set[str]) -> None:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
            names.add(sub.id)
        elif isinstance(sub, ast.arg):
            names.add(sub.arg)


def child_bodies(node: ast.AST):
    """The statement lists inside a statement (bodies, else, finally, handlers, match cases)."""
    for field in ("body", "orelse", "finalbody"):
        value = getattr(node, field, None)
        if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
            yield value
    for handler in getattr(node, "handlers", ()) or ():
        yield handler.body
    for case in getattr(node, "cases", ()) or ():
        yield case.body


class ImportEdits:
    def __init__(self, original: OriginalImports):
        self.original = original
        self.adds: Dict[str, List[Alias]] = {}
        self.drops: Set[Tuple[str, str, Optional[str]]] = set()
        self.unused: Set[str] = set()
        self.renamed: Set[Tuple[str, str, Optional[str]]] = set()  # (module, name, asname) a renamed line binds

    def __bool__(self) -> bool:
        return bool(self.adds or self.drops or self.unused or self.renamed)

    def renamed_line(self, module: str, aliases: Sequence[Alias]) -> None:
        """A fix renamed an import line in place to ``from module import <aliases>``: where an
        earlier line of the same block already binds one of them the same way (two legacy lines
        renamed alike), the later line's repeat goes (``_ImportEditor._repeats``)."""
        self.renamed.update((module, name, asname) for name, asname in aliases)

    def add(self, module: str, name: str, asname: Optional[str] = None) -> str:
        if asname == name:
            asname = None
        local = asname or name
        if (self.original.from_zenml.get(local) == (module, name) and local in self.original.module_level
                and (module, name, asname) not in self.drops and local not in self.original.other):
            return local  # already imported (an import inside a def binds it only there; a def or
            # assignment of the same name, e.g. a version-gated wrapper, may be what the name holds)
        if asname is None and local in self.original.other:
            n, candidate = 1, f"ZenML{name}"
            while candidate in self.original.other or candidate in self.original.from_zenml:
                n += 1
                candidate = f"ZenML{name}{n}"
            asname = local = candidate
        wanted = self.adds.setdefault(module, [])
        if (name, asname) not in wanted:
            wanted.append((name, asname))
        return local

    def added(self, local: str) -> Optional[Tuple[str, str]]:
        """``(module, name)`` of the import this run adds under ``local`` (an alias such as
        ``ZenMLDockerSettings`` included), else None."""
        for module, names in self.adds.items():
            for name, asname in names:
                if (asname or name) == local:
                    return module, name
        return None

    def drop(self, module: str, name: str, asname: Optional[str] = None) -> None:
        self.drops.add((module, name, None if asname == name else asname))

    def clashes(self, name: str) -> bool:
        """Is ``name`` bound in the file by something that is not a zenml import?"""
        return name in self.original.other

    def drop_if_unused(self, local: str) -> None:
        self.unused.add(local)

    def apply(self, module: cst.Module, used: Set[str]) -> cst.Module:
        editor = _ImportEditor(self, used)
        if not self.drops and not self.unused and not self.original.old_first:  # additions only touch module-level lines
            return editor.leave_Module(module, module)
        return module.visit(editor)


_WALK = (cst.Module, cst.BaseSuite, cst.BaseStatement, cst.Else, cst.ExceptHandler, cst.Finally) + tuple(
    getattr(cst, n) for n in ("ExceptStarHandler", "MatchCase") if hasattr(cst, n)
)


_SCOPES = (cst.FunctionDef, cst.ClassDef)


class _ImportEditor(cst.CSTTransformer):
    def __init__(self, edits: ImportEdits, used: Set[str]):
        super().__init__()
        self.edits = edits
        self.used = used
        self.depth = 0
        self.module: Optional[cst.Module] = None
        self.plain: Optional[Set[str]] = None  # ``_binds_zenml_too``
        self.tries: Dict[int, cst.Try] = {}  # id of a ``try`` as edited -> as it was (``_add_in_scopes``)
        self.probing: Set[int] = set()  # ids of the statements of a ``try:`` body whose ImportError handler acts

    def on_visit(self, node: cst.CSTNode) -> bool:
        # statements only: imports are edited as a whole, expressions never looked at
        if isinstance(node, cst.Module):
            self.module = node
        if isinstance(node, cst.Try) and isinstance(node.body, cst.IndentedBlock) and any(
            _import_error(h.type) and not _only_pass(h.body) for h in node.handlers
        ):
            self.probing.update(id(stmt) for stmt in node.body.body)
        if isinstance(node, _SCOPES):
            return self.edits.original.nested
        return isinstance(node, _WALK)

    # ------------------------------------------------------------- removals
    def _keep(self, module: str, alias: cst.ImportAlias) -> bool:
        name, asname = alias_key(alias)
        if (module, name, asname) in self.edits.drops:
            return False
        local = asname or name
        return not (local in self.edits.unused and local not in self.used)

    def leave_ImportFrom(self, original: cst.ImportFrom, updated: cst.ImportFrom):
        module = dotted(updated.module)
        if updated.relative or not in_zenml(module) or isinstance(updated.names, cst.ImportStar):
            return updated
        names = list(updated.names)
        drop = {i for i, a in enumerate(names) if not self._keep(module, a)}
        if not drop:
            return updated
        if len(drop) == len(names):
            return cst.RemoveFromParent()
        kept = remove_items(names, drop)
        if updated.lpar is None:  # no trailing comma without parentheses
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated.with_changes(names=kept)

    def leave_Import(self, original: cst.Import, updated: cst.Import):
        names = list(updated.names)
        drop = set()
        for i, a in enumerate(names):
            full, asname = alias_key(a)
            if in_zenml(full) and asname and asname in self.edits.unused and asname not in self.used:
                drop.add(i)
            elif in_zenml(full) and not asname and "." in full and full in self.edits.unused:
                # ``import zenml.x.y`` whose every ``zenml.x.y.Name`` a fix replaced (scan/resolved_with)
                if "zenml" in self.used and not self._binds_zenml_too(full):
                    names[i] = a.with_changes(name=cst.Name("zenml"))  # the other ``zenml.<...>`` reads keep their name
                else:
                    drop.add(i)
            elif (full, "", asname) in self.edits.drops:  # ``drop(module, "", asname)``: ``import module as asname``
                drop.add(i)
        if not drop:
            return updated.with_changes(names=names)
        if len(drop) == len(names):
            return cst.RemoveFromParent()
        kept = remove_items(names, drop)
        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated.with_changes(names=kept)

    def _binds_zenml_too(self, full: str) -> bool:
        """Does another module-level plain ``import zenml...`` that stays bind ``zenml``?"""
        if self.plain is None:
            self.plain = set()
            for stmt in self.module.body if self.module is not None else ():
                for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
                    if isinstance(small, cst.Import):
                        for a in small.names:
                            name, asname = alias_key(a)
                            if asname is None and in_zenml(name) and name not in self.edits.unused:
                                self.plain.add(name)
        return bool(self.plain - {full})

    def leave_SimpleStatementLine(self, original, updated):
        if not updated.body:  # LibCST would drop the line with its comments: the block does it below
            probe = self._probe(original) if id(original) in self.probing else None
            if probe is not None:
                return updated.with_changes(body=[cst.Import([cst.ImportAlias(name=module_expr(probe))])])
            return updated.with_changes(body=[cst.Expr(cst.Name(_REMOVED))])
        return updated

    def _probe(self, line: cst.SimpleStatementLine) -> Optional[str]:
        """The 0.20 module to import in place of ``line``, a probe of a ``try:`` whose every import
        goes (see the module docstring): one that fails on the package a removed module needed."""
        if "zenml" in self.edits.original.other:
            return None  # ``import zenml...`` would rebind the module's own ``zenml``
        for small in line.body:
            if isinstance(small, cst.ImportFrom) and not small.relative:
                probe = sdk_probe(dotted(small.module))
            elif isinstance(small, cst.Import):
                probe = next((p for p in (sdk_probe(dotted(a.name)) for a in small.names) if p), None)
            else:
                probe = None
            if probe:
                return probe
        return None

    def leave_IndentedBlock(self, original: cst.IndentedBlock, updated: cst.IndentedBlock):
        body, footer = _drop_empty_lines(self._repeats(updated.body), updated.footer)
        if not body:
            body = [cst.SimpleStatementLine([cst.Pass()])]
        return updated.with_changes(body=body, footer=footer)

    def leave_Try(self, original: cst.Try, updated: cst.Try):
        """A ``try: <imports> / except ImportError: <imports>`` shim whose every import went:
        the whole statement goes (``try: pass / except ImportError: pass`` is noise)."""
        blocks = [(original.body, updated.body)] + [(o.body, u.body) for o, u in zip(original.handlers, updated.handlers)]
        if (
            updated.orelse is None
            and updated.finalbody is None
            and all(_import_error(h.type) for h in updated.handlers)
            and all(_only_pass(u) and not _only_pass(o) for o, u in blocks)
        ):
            return cst.SimpleStatementLine([cst.Expr(cst.Name(_REMOVED))], leading_lines=updated.leading_lines)
        updated = self._swap_old_first(updated)
        self.tries[id(updated)] = original
        return updated

    def _swap_old_first(self, updated: cst.Try) -> cst.Try:
        """``try: <0.13.2 import> / except ImportError: <0.20 import>`` whose ``try`` the fix gave
        the handler's 0.20 spelling (0.20 still has the old name, a deprecated alias, so that
        ``try`` is what runs there and is rewritten): both sides would import the 0.20 name and
        the module fail on 0.13.2. The sides swap: ``try:`` the 0.20 import, ``except
        ImportError:`` the user's 0.13.2 one, as the shim is usually written."""
        if not self.edits.original.old_first or len(updated.handlers) != 1:
            return updated
        handler = updated.handlers[0]
        if not (isinstance(updated.body, cst.IndentedBlock) and isinstance(handler.body, cst.IndentedBlock)):
            return updated
        new = [_bindings_cst(stmt) for stmt in handler.body.body]
        now = [_bindings_cst(stmt) for stmt in updated.body.body]
        if None in new or None in now:
            return updated
        key = frozenset(b for bindings in new for b in bindings)
        old = self.edits.original.old_first.get(key)
        if old is None or frozenset(b for bindings in now for b in bindings) != key:
            return updated
        try:
            old_lines = [cst.parse_statement(text + "\n") for text in old]
        except cst.ParserSyntaxError:
            return updated
        tried, caught = list(handler.body.body), old_lines
        tried[0] = tried[0].with_changes(leading_lines=updated.body.body[0].leading_lines)
        caught[0] = caught[0].with_changes(leading_lines=handler.body.body[0].leading_lines)
        return updated.with_changes(
            body=updated.body.with_changes(body=tried),
            handlers=[handler.with_changes(body=handler.body.with_changes(body=caught))],
        )

    def _repeats(self, body: Sequence[cst.BaseStatement]) -> List[cst.BaseStatement]:
        """``body`` without the names a renamed import line repeats from an earlier line of the same
        block (``ImportEdits.renamed_line``: ``from zenml.steps import BaseParameters, BaseStep`` made
        from two legacy lines); a line left with none becomes a removed one (its comments move on).
        Only across import lines: a statement of any other kind between the two may rebind the name
        (``BaseStep = wrap(BaseStep)``), and an ``import`` binding the same local forgets it."""
        out: List[cst.BaseStatement] = []
        seen: Dict[str, Tuple[str, str, Optional[str]]] = {}  # local -> the (module, name, asname) binding it
        for stmt in body:
            small = stmt.body if isinstance(stmt, cst.SimpleStatementLine) else None
            if _is_removed(stmt):
                pass
            elif not small or not all(isinstance(s, (cst.Import, cst.ImportFrom)) for s in small):
                seen.clear()
            elif len(small) == 1 and isinstance(small[0], cst.ImportFrom) and not small[0].relative and not isinstance(small[0].names, cst.ImportStar):
                imp = small[0]
                module = dotted(imp.module)
                keys = [(module,) + alias_key(a) for a in imp.names]
                repeat = {i for i, key in enumerate(keys) if seen.get(key[2] or key[1]) == key and key in self.edits.renamed}
                seen.update((key[2] or key[1], key) for key in keys)
                if len(repeat) == len(keys):
                    stmt = cst.SimpleStatementLine([cst.Expr(cst.Name(_REMOVED))], leading_lines=stmt.leading_lines)
                elif repeat:
                    kept = remove_items(list(imp.names), repeat)
                    if imp.lpar is None:  # no trailing comma without parentheses
                        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                    stmt = stmt.with_changes(body=[imp.with_changes(names=kept)])
            else:  # other import lines: what they bind is no longer what an earlier line bound
                for imp in small:
                    for a in imp.names if not isinstance(imp.names, cst.ImportStar) else ():
                        name, asname = alias_key(a)
                        seen.pop(asname or name.split(".")[0], None)
                if any(isinstance(imp, cst.ImportFrom) and isinstance(imp.names, cst.ImportStar) for imp in small):
                    seen.clear()
            out.append(stmt)
        return out

    def leave_Module(self, original: cst.Module, updated: cst.Module):
        body = self._add(self._repeats(updated.body) if self.edits.renamed else list(updated.body), original.body)
        first_removed = bool(body) and _is_removed(body[0])
        body, footer = _drop_empty_lines(body, updated.footer)
        if first_removed and body:  # the blank lines that separated the removed first import start the file now
            lines = list(body[0].leading_lines)
            while lines and lines[0].comment is None:
                lines.pop(0)
            body[0] = body[0].with_changes(leading_lines=lines)
        return updated.with_changes(body=body, footer=footer)

    # ------------------------------------------------------------- additions
    def _add(self, body: List[cst.BaseStatement], original: Sequence[cst.BaseStatement]) -> List[cst.BaseStatement]:
        unused = {local for local in self.edits.unused if local not in self.used}
        pending = {m: [a for a in aliases if (a[1] or a[0]) not in unused] for m, aliases in self.edits.adds.items()}
        pending = {m: aliases for m, aliases in pending.items() if aliases}
        if not pending:
            return body
        guarded = _optional_zenml_try(original, body, list(pending))
        if guarded is not None:  # zenml is optional: the new imports go where the old ones were
            shim = body[guarded]
            block = shim.body.with_changes(body=_add_into(list(shim.body.body), pending))
            body[guarded] = shim.with_changes(body=block)
            return body
        if self.edits.original.lazy and not self.edits.original.eager:
            body = _add_in_scopes(body, pending, self.tries)  # zenml is imported lazily: so are the new imports
            if not pending:
                return body
        newer = {m: [a for a in aliases if not _on_0132(m, a[0])] for m, aliases in pending.items()}
        newer = {m: aliases for m, aliases in newer.items() if aliases}
        shim = _optional_zenml_try(original, body, list(newer), shim=True) if newer else None
        if shim is not None:  # a file written for 0.13.2 too: what 0.13.2 lacks goes with the 0.20 side of its shim
            for m, aliases in newer.items():
                pending[m] = [a for a in pending[m] if a not in aliases]
                if not pending[m]:
                    del pending[m]
            block = body[shim].body.with_changes(body=_add_into(list(body[shim].body.body), newer))
            body[shim] = body[shim].with_changes(body=block)
            if not pending:
                return body
        body = _merge(body, pending)
        if not pending:
            return body
        new_lines = [
            cst.SimpleStatementLine([cst.ImportFrom(module=module_expr(m), names=[_alias(n, a) for n, a in aliases])])
            for m, aliases in pending.items()
        ]
        # the last removed import line no statement above reads a new name from (``BaseStep = ZenMLBaseStep``
        # above it would run before the import: NameError)
        added = {a or n for aliases in pending.values() for n, a in aliases}
        holes = [i for i, stmt in enumerate(body) if _is_removed(stmt)]
        hole = next((i for i in reversed(holes) if not any(_reads(stmt, added) for stmt in body[:i])), None)
        if hole is not None:  # the new import takes the place (and the comments) of a removed one
            new_lines[0] = new_lines[0].with_changes(leading_lines=body[hole].leading_lines)
            return body[:hole] + new_lines + body[hole + 1 :]
        for line in sorted(new_lines, key=lambda stmt: _imports_of(stmt)[0], reverse=True):
            at = _insertion_point(body, _imports_of(line)[0])
            body = body[:at] + [line] + body[at:]
            after = body[at + 1] if at + 1 < len(body) else None
            first_import = not any(_imports_of(stmt) for stmt in body[:at])
            if first_import and after is not None and not _imports_of(after) and not after.leading_lines:
                # the first import of a file with none: code right below it gets the usual gap
                gap = 2 if isinstance(after, (cst.FunctionDef, cst.ClassDef)) else 1
                body[at + 1] = after.with_changes(leading_lines=[cst.EmptyLine()] * gap)
        return body


def _add_in_scopes(
    body: List[cst.BaseStatement], pending: Dict[str, List[Alias]], tries: Dict[int, cst.Try]
) -> List[cst.BaseStatement]:
    """A file that imports zenml only inside functions (or under ``if __name__ == "__main__":``)
    gets each new import in the function (or block) that uses the name, not at module level:
    importing the module must not import zenml. What is used at module level, or nowhere,
    stays in ``pending``."""
    locals_ = {(a or n): (m, (n, a)) for m, aliases in pending.items() for n, a in aliases}
    finder = _ScopedUses(set(locals_))
    for stmt in body:
        stmt.visit(finder)
    if not finder.scopes:
        return body
    wanted: Dict[int, Dict[str, List[Alias]]] = {}
    for local, scopes in finder.scopes.items():
        if None in scopes:
            continue  # a module-level use: the import is needed when the module runs
        module, alias = locals_[local]
        for scope in scopes:
            wanted.setdefault(id(scope), {}).setdefault(module, []).append(alias)
        pending[module].remove(alias)
        if not pending[module]:
            del pending[module]
    into = _IntoScopes(wanted, set(locals_), tries)
    return [stmt.visit(into) for stmt in body]


class _ScopedUses(cst.CSTVisitor):
    """For each of ``names``, the innermost function (or ``__main__`` block) each read of it is
    in; None: a read at module level (a class body, a decorator, a default or an annotation of
    a module-level def included)."""

    def __init__(self, names: Set[str]):
        super().__init__()
        self.names = names
        self.stack: List[Optional[cst.CSTNode]] = [None]
        self.scopes: Dict[str, List[Optional[cst.CSTNode]]] = {}

    def visit_Name(self, node: cst.Name) -> None:
        if node.value in self.names:
            scopes = self.scopes.setdefault(node.value, [])
            if not any(s is self.stack[-1] for s in scopes):
                scopes.append(self.stack[-1])

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)  # ``x.name``: ``name`` is not read
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)  # ``f(name=...)``
        return False

    def visit_Param(self, node: cst.Param) -> bool:
        for part in (node.annotation, node.default):  # not the parameter's own name
            if part is not None:
                part.visit(self)
        return False

    def visit_Import(self, node) -> bool:
        return False

    visit_ImportFrom = visit_Import

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        for part in (*node.decorators, node.params, node.returns):  # evaluated where the def runs
            if part is not None:
                part.visit(self)
        if isinstance(node.body, cst.IndentedBlock):
            self.stack.append(node)
            node.body.visit(self)
            self.stack.pop()
        else:
            node.body.visit(self)  # ``def f(): return X``: no block to put an import in
        return False

    def visit_If(self, node: cst.If) -> bool:
        if len(self.stack) == 1 and _is_main_block(node) and isinstance(node.body, cst.IndentedBlock):
            node.test.visit(self)
            self.stack.append(node)
            node.body.visit(self)
            self.stack.pop()
            if node.orelse is not None:
                node.orelse.visit(self)
            return False
        return True


class _IntoScopes(cst.CSTTransformer):
    """Adds ``wanted[id(scope)]`` to the block of each scope (``_ScopedUses``)."""

    def __init__(self, wanted: Dict[int, Dict[str, List[Alias]]], names: Set[str], tries: Dict[int, cst.Try]):
        super().__init__()
        self.wanted = wanted
        self.names = names
        self.tries = tries

    def _into(self, original, updated):
        pending = self.wanted.get(id(original))
        if pending is None:
            return updated
        block = list(updated.body.body)
        first_use = next((i for i, stmt in enumerate(block) if _reads(stmt, self.names)), len(block))
        was = [self.tries.get(id(stmt), stmt) for stmt in original.body.body[:first_use]]  # ``updated``: new nodes
        head = _add_into_block(block[:first_use], pending, was)
        return updated.with_changes(body=updated.body.with_changes(body=head + block[first_use:]))

    leave_FunctionDef = _into
    leave_If = _into


def _reads(stmt: cst.CSTNode, names: Set[str]) -> bool:
    finder = _ScopedUses(names)
    stmt.visit(finder)
    return bool(finder.scopes)


def _add_into_block(
    block: List[cst.BaseStatement], pending: Dict[str, List[Alias]], was: List[cst.BaseStatement]
) -> List[cst.BaseStatement]:
    """``pending`` added to a block (a function body up to the first read of a new name): into
    its ``try: <zenml imports> / except ImportError:`` when zenml is optional there (``was``: the
    block before the import edits), else merged
    into its ``from module import`` lines, else new lines after its imports (its docstring)."""
    guarded = _optional_zenml_try(was, block, list(pending))
    if guarded is not None:
        shim = block[guarded]
        block[guarded] = shim.with_changes(body=shim.body.with_changes(body=_add_into(list(shim.body.body), pending)))
        return block
    block = _merge(block, pending)
    for module, aliases in sorted(pending.items(), reverse=True):
        line = cst.SimpleStatementLine([cst.ImportFrom(module=module_expr(module), names=[_alias(n, a) for n, a in aliases])])
        at = _insertion_point(block, module)
        block = block[:at] + [line] + block[at:]
    pending.clear()
    return block


def _optional_zenml_try(
    original: Sequence[cst.BaseStatement], body: List[cst.BaseStatement], modules: List[str], shim: bool = False
) -> Optional[int]:
    """The index of the module-level ``try: <zenml imports> / except ImportError: <no zenml
    import>`` that makes zenml optional for the file, when no module-level line imports zenml
    outside it: an import added at module level would make the module fail where zenml is
    not installed. Of several, the one whose zenml modules are closest to ``modules``.
    ``shim``: instead, a compat shim's ``try`` (``try: <0.20 imports> / except ImportError:
    <0.13.2 imports>``, as edited: every import there in both 0.20 releases, one not in 0.13.2)."""
    best, best_score = None, -1
    for i, stmt in enumerate(original):
        if not shim and isinstance(stmt, cst.SimpleStatementLine) and any(in_zenml(m) for m in _imports_of(stmt)):
            return None  # zenml is imported unconditionally
        if not (isinstance(stmt, cst.Try) and isinstance(body[i], cst.Try) and isinstance(body[i].body, cst.IndentedBlock)):
            continue
        handlers = [h for h in stmt.handlers if _catches_import_error(h.type)]
        mine = [m for s in _block(stmt.body) for m in _imports_of(s) if in_zenml(m)]
        compat = any(in_zenml(m) for h in stmt.handlers for s in _block(h.body) for m in _imports_of(s))
        if not handlers or not mine or compat != shim or shim and not _new_spelling(body[i].body.body):
            continue  # no zenml import there, or (not) a compat shim (zenml imported either way)
        score = max(len(os.path.commonprefix([m.split("."), wanted.split(".")])) for m in mine for wanted in modules)
        if score > best_score:
            best, best_score = i, score
    return best


def _new_spelling(block: Sequence[cst.BaseStatement]) -> bool:
    """``import_fallback.new_spelling`` of LibCST statements."""
    from zenml_migrate.scan.import_fallback import new_spelling

    try:
        tree = ast.parse(cst.Module(body=list(block)).code)
    except SyntaxError:
        return False
    return new_spelling(tree.body)


def _on_0132(module: str, name: str) -> bool:
    from zenml_migrate.scan.zenml_index import zenml013

    return name in zenml013().get(module, {})


def _block(suite: cst.BaseSuite) -> Sequence[cst.BaseStatement]:
    return suite.body if isinstance(suite, cst.IndentedBlock) else []


def _catches_import_error(expr: Optional[cst.BaseExpression]) -> bool:
    """``except:`` / ``except Exception`` / ``except ImportError`` (or a tuple holding one)."""
    if expr is None:
        return True
    if isinstance(expr, cst.Tuple):
        return any(_catches_import_error(e.value) for e in expr.elements)
    return isinstance(expr, cst.Name) and expr.value in ("ImportError", "ModuleNotFoundError", "Exception", "BaseException")


def _add_into(block: List[cst.BaseStatement], pending: Dict[str, List[Alias]]) -> List[cst.BaseStatement]:
    """The imports of ``pending`` merged into / added after the zenml imports of ``block``
    (a ``pass`` left where every import went is replaced)."""
    block = _merge(block, pending)
    if not pending:
        return block
    new_lines = [
        cst.SimpleStatementLine([cst.ImportFrom(module=module_expr(m), names=[_alias(n, a) for n, a in aliases])])
        for m, aliases in sorted(pending.items())
    ]
    pending.clear()
    if all(isinstance(s, cst.SimpleStatementLine) and all(isinstance(x, cst.Pass) for x in s.body) for s in block):
        return [new_lines[0].with_changes(leading_lines=block[0].leading_lines) if block else new_lines[0]] + new_lines[1:]
    last = max((i for i, s in enumerate(block) if any(in_zenml(m) for m in _imports_of(s))), default=-1)
    return block[: last + 1] + new_lines + block[last + 1 :]


def _merge(body: List[cst.BaseStatement], pending: Dict[str, List[Alias]]) -> List[cst.BaseStatement]:
    """The aliases of ``pending`` added to the first ``from module import`` line of ``body``
    for their module (taken out of ``pending``)."""
    for i, stmt in enumerate(body):
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        small = list(stmt.body)
        changed = False
        for j, s in enumerate(small):
            if not isinstance(s, cst.ImportFrom) or s.relative or isinstance(s.names, cst.ImportStar):
                continue
            module = dotted(s.module)
            if module not in pending:
                continue
            have = {alias_key(a) for a in s.names}
            new = [_alias(n, a) for n, a in pending.pop(module) if (n, a) not in have]
            if new:
                names = append_items(list(s.names), new)
                if s.lpar is None:
                    names[-1] = names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                small[j] = s.with_changes(names=names)
                changed = True
        if changed:
            body[i] = stmt.with_changes(body=small)
    return body


_REMOVED = "__zenml_migrate_removed__"


def _only_pass(block: cst.BaseSuite) -> bool:
    body = block.body if isinstance(block, cst.IndentedBlock) else [block]
    return all(
        isinstance(stmt, cst.SimpleStatementLine) and all(isinstance(small, cst.Pass) for small in stmt.body)
        and not any(line.comment for line in stmt.leading_lines)
        for stmt in body
    )


def _import_error(expr: Optional[cst.BaseExpression]) -> bool:
    """``except ImportError`` / ``ModuleNotFoundError`` / a tuple of them."""
    if isinstance(expr, cst.Tuple):
        return bool(expr.elements) and all(_import_error(e.value) for e in expr.elements)
    return isinstance(expr, cst.Name) and expr.value in ("ImportError", "ModuleNotFoundError")


def _is_removed(stmt: cst.BaseStatement) -> bool:
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
        return False
    only = stmt.body[0]
    return isinstance(only, cst.Expr) and isinstance(only.value, cst.Name) and only.value.value == _REMOVED


def _drop_empty_lines(body: Sequence[cst.BaseStatement], footer: Sequence[cst.EmptyLine]):
    """Remove emptied statement lines; their comment lines go to the next statement."""
    out: List[cst.BaseStatement] = []
    carry: List[cst.EmptyLine] = []
    for stmt in body:
        if _is_removed(stmt):
            carry.extend(line for line in stmt.leading_lines if line.comment is not None)
            continue
        if carry:
            stmt = stmt.with_changes(leading_lines=list(carry) + list(stmt.leading_lines))
            carry = []
        out.append(stmt)
    if carry:
        footer = list(carry) + list(footer)
    return out, footer


def _imports_of(stmt: cst.BaseStatement) -> List[str]:
    if not isinstance(stmt, cst.SimpleStatementLine):
        return []
    out = []
    for s in stmt.body:
        if isinstance(s, cst.ImportFrom):
            out.append("." * len(s.relative) + dotted(s.module))
        elif isinstance(s, cst.Import):
            out.extend(dotted(a.name) for a in s.names)
    return out


def _insertion_point(body: Sequence[cst.BaseStatement], module: str) -> int:
    """Where a new ``from module import ...`` line goes: in the block of module-level zenml
    imports at its sorted place when that block is sorted (isort style), else after it."""
    last_zenml = last_import = None
    for i, stmt in enumerate(body):
        modules = _imports_of(stmt)
        if modules:
            last_import = i
            if any(in_zenml(m) for m in modules):
                last_zenml = i
    if last_zenml is not None:
        first = last_zenml
        while first > 0 and _zenml_from_line(body[first - 1]):
            first -= 1
        block = [_imports_of(body[i])[0] for i in range(first, last_zenml + 1)]
        if _zenml_from_line(body[last_zenml]) and block == sorted(block):
            for offset, existing in enumerate(block):
                if module < existing:
                    return first + offset
        return last_zenml + 1
    if last_import is not None:
        return last_import + 1
    # after the module docstring
    if body and isinstance(body[0], cst.SimpleStatementLine) and body[0].body:
        first_stmt = body[0].body[0]
        if isinstance(first_stmt, cst.Expr) and isinstance(first_stmt.value, (cst.SimpleString, cst.ConcatenatedString)):
            return 1
    return 0


def _zenml_from_line(stmt: cst.BaseStatement) -> bool:
    modules = _imports_of(stmt)
    return len(modules) == 1 and in_zenml(modules[0]) and isinstance(stmt.body[0], cst.ImportFrom)
