"""The user's pipeline code, read with ``ast`` only (never imported, never run), for what ZenML
0.20 puts into a pipeline's registered spec and a 0.13.2 metadata store does not record.

ZenML 0.20.0-0.20.5 register ``PipelineSpec(steps=[StepSpec(source, upstream_steps)])`` on every
run and refuse a run whose spec differs from the registered one ("already registered with a
different pipeline configuration"). What decides that spec, read from the real 0.20 code:

* ``StepSpec.source`` = ``resolve_class(step.__class__)``: the module and the *function* name of
  an ``@step`` function (0.20's decorator names the class after the function), the class name of
  a ``BaseStep`` subclass. 0.13.2 named the class after ``@step(name=...)``: MLMD has that name.
* ``upstream_steps`` = sorted step names of the steps whose outputs it reads, plus every step
  given to ``.after()`` in the connect function: ``.after()`` edges are not in MLMD.
* the order: TFX's ``topsorted_layers`` (layers of steps whose parents are all placed, each
  layer sorted by step name), see ``topsort``.

``CodeBase(roots)`` finds ``@pipeline`` functions and ``BasePipeline`` subclasses by pipeline
name and step definitions by module and 0.13.2 class name, under the given folders only.
"""

import ast
import copy
import os
import re
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional, Sequence, Set, Tuple

from zenml_migrate.safe_read import read_regular
from zenml_migrate.scan.api013 import PIPELINE_DECORATOR, STEP_DECORATOR

MAX_FILES = 5000  # .py files looked at per folder when searching a pipeline definition
MAX_BYTES = 2 * 1024 * 1024
SKIP_DIRS = {"__pycache__", "node_modules", "site-packages", "dist-packages", "build", "dist", "venv", "env"}
# the decorators where they are defined (the scan's API facts) and as their packages re-export them
STEP_DECORATORS = {STEP_DECORATOR, "zenml.steps.step"}
PIPELINE_DECORATORS = {PIPELINE_DECORATOR, "zenml.pipelines.pipeline"}


@dataclass
class Connect:
    """What a pipeline's connect function does with its steps (by parameter name)."""

    path: str
    line: int
    params: List[str]
    data: Dict[str, Set[str]] = field(default_factory=dict)  # param -> params whose outputs it reads
    after: Dict[str, Set[str]] = field(default_factory=dict)  # param -> params given to .after()
    problem: Optional[str] = None  # why it cannot be read without running it

    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def shape(self) -> tuple:
        return (tuple(self.params), tuple((k, tuple(sorted(v))) for k, v in sorted(self.data.items())),
                tuple((k, tuple(sorted(v))) for k, v in sorted(self.after.items())), self.problem)


@dataclass
class StepDef:
    """A step found in the pipeline code: its module, attribute and name."""

    module: str  # as the file is found under its folder (0.20 resolves the same module)
    attr: str  # the function or class name: what 0.20's source ends with
    name: str  # the step name (0.13.2's class name; 0.20's configuration name)
    path: str
    factory: str = ""  # the ZenML factory that made it (``evidently_profile_step``), for a built-in clone


def topsort(names: Sequence[str], upstream: Dict[str, Set[str]]) -> Optional[List[str]]:
    """``tfx.utils.topsort.topsorted_layers`` flattened, as 0.20's compiler orders the spec's
    steps (node id = step name); None on a cycle."""
    parents = {n: {p for p in upstream.get(n, ()) if p in upstream or p in names} for n in names}
    children: Dict[str, List[str]] = {n: [] for n in names}
    for n in names:
        for p in parents[n]:
            children[p].append(n)
    layer = [n for n in names if not parents[n]]
    visited: Set[str] = set()
    out: List[str] = []
    while layer:
        layer = sorted(layer)
        out.extend(layer)
        following = []
        for n in layer:
            visited.add(n)
            for c in children[n]:
                if parents[c] <= visited:
                    following.append(c)
        layer = following
    return out if len(out) == len(names) else None


def _final_name(node: ast.expr) -> Optional[str]:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _dotted(node: ast.expr) -> Optional[str]:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _imports(tree: ast.Module) -> Dict[str, str]:
    """Top-level import bindings: local name -> qualified name."""
    out = {}
    for node in tree.body:
        if isinstance(node, ast.Import):
            for a in node.names:
                out[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for a in node.names:
                out[a.asname or a.name] = f"{node.module}.{a.name}"
    return out


def _qualified(node: ast.expr, imports: Dict[str, str]) -> Optional[str]:
    dotted = _dotted(node)
    if not dotted:
        return None
    head, _, rest = dotted.partition(".")
    base = imports.get(head)
    return (f"{base}.{rest}" if rest else base) if base else None


def _is_decorator(dec: ast.expr, imports: Dict[str, str], known: Set[str], short: str) -> Optional[ast.expr]:
    """The decorator's call (or the bare name) when it is ``known`` (by import, else by its last name)."""
    callee = dec.func if isinstance(dec, ast.Call) else dec
    qualified = _qualified(callee, imports)
    if (qualified in known) if qualified else _final_name(callee) == short:
        return dec
    return None


def _name_keyword(dec: ast.expr) -> Optional[str]:
    if isinstance(dec, ast.Call):
        for kw in dec.keywords:
            if kw.arg == "name" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                return kw.value.value
    return None


class _Rename(ast.NodeTransformer):
    """Every load of the name ``old`` becomes ``new`` (a loop body read for one of its values)."""

    def __init__(self, old: str, new: str):
        self.old, self.new = old, new

    def visit_Name(self, node: ast.Name) -> ast.Name:
        return ast.copy_location(ast.Name(id=self.new, ctx=node.ctx), node) if node.id == self.old else node


class _ConnectReader:
    """Statements of a connect function: step calls, their outputs, ``.after()``."""

    def __init__(self, fn: ast.FunctionDef, path: str, method: bool):
        args = fn.args
        params = [a.arg for a in [*getattr(args, "posonlyargs", []), *args.args, *args.kwonlyargs]]
        self.c = Connect(path, fn.lineno, params[1:] if method else params)
        self.c.data = {p: set() for p in self.c.params}
        self.c.after = {p: set() for p in self.c.params}
        self.produced: Dict[str, str] = {}  # variable -> the param whose output it holds
        self.produced_list: Dict[str, List[str]] = {}  # variable -> the params whose outputs it lists, in order
        self.called: Set[str] = set()
        if args.vararg or args.kwarg:
            self.c.problem = f"line {fn.lineno}: the steps come in *args/**kwargs"
            return
        body = fn.body[1:] if fn.body and isinstance(fn.body[0], ast.Expr) and isinstance(getattr(fn.body[0], "value", None), ast.Constant) else fn.body
        for stmt in body:
            problem = self._statement(stmt)
            if problem:
                self.c.problem = f"line {stmt.lineno}: {problem}"
                return

    def _mentions(self, node: ast.AST) -> bool:
        return any(isinstance(n, ast.Name) and (n.id in self.c.data or n.id in self.produced or n.id in self.produced_list)
                   for n in ast.walk(node))

    def _over_steps(self, target: ast.expr, it: ast.expr) -> Optional[List[str]]:
        """The step parameters ``for NAME in (a, b, c)`` walks (a tuple or list display of them)."""
        if not isinstance(target, ast.Name) or not isinstance(it, (ast.Tuple, ast.List)) or not it.elts:
            return None
        if not all(isinstance(e, ast.Name) and e.id in self.c.data for e in it.elts):
            return None
        return [e.id for e in it.elts]

    def _each(self, var: str, params: List[str], call: ast.Call) -> Tuple[List[str], Optional[str]]:
        """``call`` (of the loop variable ``var``) made once per step parameter in ``params``."""
        if not (isinstance(call.func, ast.Name) and call.func.id == var):
            return [], "a call of something else than the loop's step"
        if any(isinstance(n, ast.Name) and n.id == var for a in [*call.args, *(k.value for k in call.keywords)] for n in ast.walk(a)):
            return [], f"the loop's step {var} is passed to a step"
        out = []
        for param in params:
            done, problem = self._step_call(ast.Call(func=ast.Name(id=param, ctx=ast.Load()), args=call.args, keywords=call.keywords))
            if problem:
                return [], problem
            out.append(done)
        return out, None

    def _comprehension(self, node: ast.expr) -> Tuple[Optional[List[str]], Optional[str]]:
        """``[s(...) for s in (a, b)]`` (list, generator or set display of step calls over step
        parameters): the params called, in order; (None, None) when it is not such a comprehension."""
        if not isinstance(node, (ast.ListComp, ast.GeneratorExp)) or len(node.generators) != 1:
            return None, None
        gen = node.generators[0]
        params = self._over_steps(gen.target, gen.iter)
        if params is None or gen.ifs or getattr(gen, "is_async", 0) or not isinstance(node.elt, ast.Call):
            return None, None
        return self._each(gen.target.id, params, node.elt)

    def _for(self, stmt: ast.For) -> Optional[str]:
        """``for s in (a, b, c):`` over step parameters, read as the statements it runs: its body
        once per parameter with the loop's name replaced by it (``b = s(b)`` chains the steps)."""
        params = self._over_steps(stmt.target, stmt.iter)
        if params is None or stmt.orelse:
            return "for statement with the steps (only a loop over a tuple of step parameters is read)"
        var = stmt.target.id
        for param in params:
            for inner in stmt.body:
                if not isinstance(inner, (ast.Expr, ast.Assign)) or not isinstance(inner.value, ast.Call):
                    return "for statement with the steps (only step calls and their outputs are read in its body)"
                if any(isinstance(t, ast.Name) and t.id == var for t in getattr(inner, "targets", ()) for t in ast.walk(t)):
                    return f"for statement assigning its loop name {var}"
                call = inner.value
                if not (isinstance(call.func, ast.Name) and call.func.id == var):
                    return "a call of something else than the loop's step"
                if any(isinstance(n, ast.Name) and n.id == var for a in [*call.args, *(k.value for k in call.keywords)] for n in ast.walk(a)):
                    return f"the loop's step {var} is passed to a step"
                problem = self._statement(_Rename(var, param).visit(copy.deepcopy(inner)))
                if problem:
                    return problem
        return None

    def _statement(self, stmt: ast.stmt) -> Optional[str]:
        if isinstance(stmt, ast.Pass) or not self._mentions(stmt):
            return None
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            call = stmt.value
            f = call.func
            if isinstance(f, ast.Attribute) and f.attr == "after" and isinstance(f.value, ast.Name) and f.value.id in self.c.data:
                if len(call.args) != 1 or call.keywords or not isinstance(call.args[0], ast.Name) or call.args[0].id not in self.c.data:
                    return f"{f.value.id}.after(...) is not given one step parameter"
                self.c.after[f.value.id].add(call.args[0].id)
                return None
            return self._step_call(call)[1]
        if isinstance(stmt, ast.For):
            return self._for(stmt)
        if isinstance(stmt, (ast.Expr, ast.Assign)) and isinstance(stmt.value, (ast.ListComp, ast.GeneratorExp, ast.List, ast.Tuple)):
            return self._many(stmt)
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.value, ast.Call):
            param, problem = self._step_call(stmt.value)
            if problem:
                return problem
            target = stmt.targets[0]
            names = target.elts if isinstance(target, (ast.Tuple, ast.List)) else [target]
            if not all(isinstance(n, ast.Name) for n in names):
                return "a step output is stored in something else than a variable"
            for n in names:
                self.produced[n.id] = param
            return None
        if isinstance(stmt, ast.Return) and stmt.value is None:
            return None
        return f"{type(stmt).__name__.lower()} statement with the steps (only step calls, their outputs and .after() are read)"

    def _many(self, stmt) -> Optional[str]:
        """``outs = [s(...) for s in (a, b)]`` / ``outs = [a(...), b(...)]``: outputs kept as a list."""
        value = stmt.value
        if isinstance(value, (ast.List, ast.Tuple)):
            params = []
            for elt in value.elts:
                if not isinstance(elt, ast.Call):
                    return "a list of something else than step calls"
                param, problem = self._step_call(elt)
                if problem:
                    return problem
                params.append(param)
        else:
            params, problem = self._comprehension(value)
            if problem:
                return problem
            if params is None:
                return f"{type(value).__name__} with the steps (only a comprehension calling each step of a tuple of step parameters is read)"
        if isinstance(stmt, ast.Assign):
            if len(stmt.targets) != 1 or not isinstance(stmt.targets[0], ast.Name):
                return "a list of step outputs is stored in something else than a variable"
            self.produced_list[stmt.targets[0].id] = params
            self.produced.pop(stmt.targets[0].id, None)
        return None

    def _step_call(self, call: ast.Call) -> Tuple[Optional[str], Optional[str]]:
        if not (isinstance(call.func, ast.Name) and call.func.id in self.c.data):
            return None, "a call of something else than a step parameter"
        param = call.func.id
        if param in self.called:
            return None, f"step {param} is called twice"
        self.called.add(param)
        for arg in [*call.args, *(k.value for k in call.keywords)]:
            if isinstance(arg, ast.Starred) and isinstance(arg.value, ast.Name) and arg.value.id in self.produced_list:
                self.c.data[param].update(self.produced_list[arg.value.id])  # s(*outs): every output the list holds
                continue
            if isinstance(arg, ast.Starred) or arg is None:
                return None, f"step {param} gets *args/**kwargs"
            source, problem = self._input(arg)
            if problem:
                return None, problem
            self.c.data[param].add(source)
        return param, None

    def _input(self, arg: ast.expr) -> Tuple[Optional[str], Optional[str]]:
        if isinstance(arg, ast.Subscript) and isinstance(arg.value, ast.Name) and arg.value.id in self.produced_list:
            index = arg.slice
            if isinstance(index, ast.UnaryOp) and isinstance(index.op, ast.USub) and isinstance(index.operand, ast.Constant):
                index = ast.Constant(value=-index.operand.value if type(index.operand.value) is int else None)  # outs[-1]
            items = self.produced_list[arg.value.id]
            if isinstance(index, ast.Constant) and type(index.value) is int and -len(items) <= index.value < len(items):
                return items[index.value], None
            return None, f"a step input taken from a list of step outputs by a computed index (line {arg.lineno})"
        node = arg.value if isinstance(arg, ast.Subscript) else arg
        if isinstance(node, ast.Name) and node.id in self.produced:
            return self.produced[node.id], None
        if isinstance(arg, ast.Call):
            return self._step_call(arg)
        return None, f"a step input that is not a step output (line {arg.lineno})"


class CodeBase:
    """Python files under ``roots`` (folders), parsed on demand and cached."""

    def __init__(self, roots: Sequence[str]):
        seen, self.roots = set(), []
        for r in roots:
            real = os.path.realpath(r)
            if os.path.isdir(real) and real not in seen:
                seen.add(real)
                self.roots.append(real)
        self._trees: Dict[str, Optional[Tuple[ast.Module, Dict[str, str]]]] = {}
        self._files: Optional[List[str]] = None

    def parsed(self, path: str) -> Optional[Tuple[ast.Module, Dict[str, str]]]:
        if path not in self._trees:
            self._trees[path] = None
            try:
                tree = ast.parse(read_regular(path, MAX_BYTES).decode("utf-8", errors="replace"), path)
                self._trees[path] = (tree, _imports(tree))
            except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
                pass
        return self._trees[path]

    def files(self) -> List[str]:
        if self._files is None:
            self._files = []
            for root in self.roots:
                count = 0
                for folder, dirs, names in os.walk(root):
                    dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS and not d.endswith(".egg-info"))
                    for n in sorted(names):
                        if n.endswith(".py"):
                            self._files.append(os.path.join(folder, n))
                            count += 1
                    if count >= MAX_FILES:
                        break
        return self._files

    def module_file(self, module: str) -> Optional[str]:
        rel = module.replace(".", os.sep)
        for root in self.roots:
            for cand in (os.path.join(root, rel + ".py"), os.path.join(root, rel, "__init__.py")):
                if os.path.isfile(cand):
                    return cand
        return None

    def module_of(self, path: str) -> str:
        """The dotted module of ``path`` relative to the first root holding it."""
        real = os.path.realpath(path)
        for root in self.roots:
            if real.startswith(root + os.sep):
                rel = os.path.splitext(os.path.relpath(real, root))[0]
                parts = rel.split(os.sep)
                return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        return os.path.splitext(os.path.basename(path))[0]

    # -- pipelines

    def pipelines(self, name: str, first: Sequence[str] = ()) -> List[Connect]:
        """Every definition of pipeline ``name``: the files in ``first`` (the run's script), then
        any file under the roots that mentions the name."""
        out, seen = [], set()
        needle = name.encode()
        for path in [*first, *self.files()]:
            real = os.path.realpath(path)
            if real in seen or not os.path.isfile(real):
                continue
            seen.add(real)
            try:
                if needle not in read_regular(real, MAX_BYTES):
                    continue
            except OSError:
                continue
            out.extend(self._pipelines_in(real, name))
        return out

    def _pipelines_in(self, path: str, name: str) -> List[Connect]:
        parsed = self.parsed(path)
        if parsed is None:
            return []
        tree, imports = parsed
        out = []
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for dec in node.decorator_list:
                    if _is_decorator(dec, imports, PIPELINE_DECORATORS, "pipeline") is not None and (_name_keyword(dec) or node.name) == name:
                        out.append(_ConnectReader(node, path, method=False).c)
            elif isinstance(node, ast.ClassDef) and node.name == name and any(_final_name(b) == "BasePipeline" for b in node.bases):
                connect = next((f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "connect"), None)
                if connect is not None:
                    out.append(_ConnectReader(connect, path, method=True).c)
        return out

    # -- steps

    def step(self, module: str, class_name: str, path: Optional[str] = None) -> Optional[StepDef]:
        """The definition of the 0.13.2 step class ``module.class_name`` (``path``: the module's
        file when known, e.g. the script of ``__main__``)."""
        path = path or self.module_file(module)
        parsed = self.parsed(path) if path else None
        if parsed is None:
            return None
        tree, imports = parsed
        named = None
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name == class_name:
                return StepDef(module, node.name, node.name, path)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for dec in node.decorator_list:
                    if _is_decorator(dec, imports, STEP_DECORATORS, "step") is not None:
                        given = _name_keyword(dec)
                        if (given or node.name) == class_name and (named is None or not given):
                            named = StepDef(module, node.name, class_name, path)
        return named or self._generated_step(tree, imports, module, class_name, path) or _cloned_step(tree, imports, module, class_name, path)

    def _generated_step(self, tree: ast.Module, imports: Dict[str, str], module: str, class_name: str, path: str) -> Optional[StepDef]:
        """A step made by a factory function (``def make(i): @step(name=f"feat_{i}") def feat...``,
        called at import or in a list comprehension): 0.13.2 and 0.20 name its class after
        ``name=`` (or the function), in the module the factory is in. Found when every such
        definition that can have this name is the same function name."""
        found = set()
        for top in tree.body:
            if not isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            for node in ast.walk(top):
                if node is top or not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                for dec in node.decorator_list:
                    if _is_decorator(dec, imports, STEP_DECORATORS, "step") is not None and _may_be_named(dec, node.name, class_name):
                        found.add(node.name)
        return StepDef(module, found.pop(), class_name, path) if len(found) == 1 else None


def _cloned_step(tree: ast.Module, imports: Dict[str, str], module: str, class_name: str, path: str) -> Optional[StepDef]:
    """A copy made by ``clone_step(S, NAME)`` (0.13.2, 0.20.0): a class ``NAME`` in the calling
    module, so the source is ``module.NAME`` and the step name ``NAME``. ``migrate code`` (ZM110)
    keeps both on 0.20.5, which has no ``clone_step`` (``class NAME(S)`` or ``type(NAME, (S,), ...)``
    in the module's globals). Found from a call of either anywhere in the module whose constant or
    f-string name can be ``class_name``."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if _is_clone_step(node.func, imports):
            name = node.args[1] if len(node.args) > 1 else next((kw.value for kw in node.keywords if kw.arg == "step_name"), None)
        elif isinstance(node.func, ast.Name) and node.func.id == "type" and "type" not in imports and len(node.args) == 3:
            name = node.args[0]  # the class clone_step made, as `migrate code` writes it out
        else:
            continue
        if name is not None and _may_be(name, class_name):
            return StepDef(module, class_name, class_name, path)
    return None


def _is_clone_step(callee: ast.expr, imports: Dict[str, str]) -> bool:
    """``zenml.steps.utils.clone_step`` or one of its 0.13.2 re-exports (``zenml.pipelines.base_pipeline``,
    integration step modules); by its last name when the name is not imported at the top."""
    qualified = _qualified(callee, imports)
    if qualified:
        return qualified.startswith("zenml.") and qualified.endswith(".clone_step")
    return _final_name(callee) == "clone_step"


def _may_be(given: ast.expr, class_name: str) -> bool:
    """Whether a constant or f-string name (each ``{...}`` standing for any text) can be ``class_name``."""
    if isinstance(given, ast.Constant):
        return given.value == class_name
    if isinstance(given, ast.JoinedStr):
        pattern = "".join(re.escape(v.value) if isinstance(v, ast.Constant) else ".+" for v in given.values)
        return re.fullmatch(pattern, class_name, re.DOTALL) is not None
    return False


def _may_be_named(dec: ast.expr, function: str, class_name: str) -> bool:
    """Whether ``@step(...)`` on ``function`` can name the step ``class_name``: its constant or
    f-string ``name=`` (each ``{...}`` standing for any text), else the function name."""
    given = next((kw.value for kw in dec.keywords if kw.arg == "name"), None) if isinstance(dec, ast.Call) else None
    if given is None:
        return function == class_name
    return _may_be(given, class_name)
