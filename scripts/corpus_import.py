"""Import every module of some project trees inside ONE real ZenML venv; print JSON results.

    <venv>/bin/python scripts/corpus_import.py SPEC.json OUT.json

Runs under the venv's own Python (3.9): standard library only. SPEC::

    {"trees": [{"name": "orig", "root": "/tmp/x/orig", "probe": true}, ...],
     "projects": ["sklearn_digits", ...]}

For each tree and each project (a folder of the tree), every ``.py`` file is imported as a
module of that project (its folder, and its ``src/`` in the src layout, first on
``sys.path``, the working directory there, the project's modules forgotten between two
files), the way a user runs it: ``__name__`` is the module name, so
``if __name__ == "__main__":`` blocks do not run.

Third-party packages that are not installed are stubbed: a finder at the END of
``sys.meta_path`` (so only what nothing else can import) gives a module whose every
attribute is a permissive class (call it, subclass it, index it, iterate it). ``zenml`` and
the project's own modules are never stubbed: a missing one is a real failure.

``probe``: when a module fails, the failing line is recorded (the innermost traceback
frame in the module's own file, or its SyntaxError line), the statement holding it is
replaced by a stub binding of the same names, and the import is tried again, until it
imports; every recorded line is a line that fails on this ZenML. A failure inside another
project module is charged to that module (which is stubbed for the retry).
"""

import ast
import builtins
import contextlib
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import io
import json
import os
import re
import signal
import sys
import time
import tokenize
import traceback
import types
import warnings

MAX_PROBES = 40
#: run by pip / setuptools, never imported: importing one runs ``setup()`` with this harness'
#: command line (SystemExit), which is no failure of the user's code on any release
BUILD_SCRIPTS = frozenset({"setup.py"})
TIMEOUT = 120  # seconds per module


# ------------------------------------------------------------------------------ stubs
class _StubMeta(type):
    def __getattr__(cls, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return _stub_class(name)

    def __getitem__(cls, item):
        return cls

    def __iter__(cls):
        # without it, ``for x in StubClass`` falls back to cls[0], cls[1], ... forever (a
        # module-level loop over a name taken from a stubbed module hung until the timeout)
        return iter(())

    def __or__(cls, other):
        return cls

    __ror__ = __or__


class Stub(metaclass=_StubMeta):
    """Anything: a class, an instance, a decorator, a callable, a container."""

    def __init__(self, *args, **kwargs):
        pass

    def __call__(self, *args, **kwargs):
        if len(args) == 1 and not kwargs and callable(args[0]) and not isinstance(args[0], Stub):
            return args[0]  # used as a decorator: keep the function
        return Stub()

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return Stub()

    def __getitem__(self, key):
        return Stub()

    def __setitem__(self, key, value):
        pass

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0

    def __bool__(self):
        return True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def __add__(self, other):
        return self

    __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __add__
    # airflow task dependencies at module level: ``extract >> load``
    __rshift__ = __rrshift__ = __lshift__ = __rlshift__ = __add__


_CLASSES = {}


def python_lines(text, keepends=False):
    """The lines of ``text`` as Python counts them (``\\n``, ``\\r\\n``, ``\\r``), without the empty
    piece after a last newline. ``str.splitlines`` also breaks at form feeds and ``\\u2028``, which
    a string or a blank line may hold: it cut a notebook cell's ``"a\\u2028b"`` in two (a
    SyntaxError in the module the harness builds) and charged every later line to the line above."""
    parts = re.split(r"(\r\n|\r|\n)", text)
    lines = [a + b for a, b in zip(parts[0::2], parts[1::2] + [""])] if keepends else parts[0::2]
    return lines[:-1] if lines and lines[-1] == "" else lines


def _stub_class(name):
    if name not in _CLASSES:
        _CLASSES[name] = _StubMeta(name, (Stub,), {"__module__": "corpus_stub"})
    return _CLASSES[name]


class _StubModule(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return _stub_class(name)


def project_stub(name, path, is_package, modules=None):
    """The stand-in of a project module already known to fail (it is charged its own lines):
    a package keeps its folder as ``__path__`` (``from pkg.sub import x`` still imports the
    real ``pkg/sub.py``) and ``__all__`` lists the public names the module binds, so a
    ``from pkg.mod import *`` re-export in an ``__init__`` gives the importer those names
    (as stubs) instead of failing there, which would be charged to the importer. The names
    its own star imports bind are its names too: those of a project module (``from .core
    import *``) as stubs, those of an installed module (``from zenml.steps import *``) as
    this release binds them, real (a name this release lacks stays missing: a use of it
    fails in the importer as it does on this release)."""
    module = _StubModule(name)
    if is_package:
        module.__path__ = [os.path.dirname(path)]
    names, installed = stub_names(name, path, is_package, modules or {})
    for other in installed:
        try:
            real = importlib.import_module(other)
        except Exception:  # noqa: BLE001 - a module this release lacks binds nothing
            continue
        for attr in getattr(real, "__all__", None) or [n for n in dir(real) if not n.startswith("_")]:
            if hasattr(real, attr) and attr not in names:
                setattr(module, attr, getattr(real, attr))
                names.append(attr)
    module.__all__ = names
    return module


def stub_names(name, path, is_package, modules, seen=None):
    """``(public names of the module, with those of the project modules it star-imports;
    the installed modules it star-imports)``."""
    seen = set() if seen is None else seen
    seen.add(name)
    names, installed = list(public_names(path)), []
    for module in _star_imported(path, name, is_package):
        if module in modules:
            if module not in seen:
                inner, more = stub_names(module, *modules[module], modules, seen)
                names += [n for n in inner if n not in names]
                installed += more
        else:
            installed.append(module)
    return names, installed


def _star_imported(path, importer, is_package):
    """The modules a module-level ``from M import *`` of the module imports, relative ones resolved."""
    try:
        tree = ast.parse(read_source(path))
    except (SyntaxError, ValueError, OSError, UnicodeDecodeError):
        return []
    return [_absolute(stmt, importer, is_package) for stmt in _module_level(tree.body)
            if isinstance(stmt, ast.ImportFrom) and any(a.name == "*" for a in stmt.names)]


def _absolute(stmt, importer, is_package):
    base = importer.split(".") if is_package else importer.split(".")[:-1]
    parts = base[: len(base) - (stmt.level - 1)] if stmt.level else []
    return ".".join(parts + ([stmt.module] if stmt.module else []))


def public_names(path):
    """``__all__`` of the module when it is a literal, else every public top-level name it binds."""
    try:
        tree = ast.parse(read_source(path))
    except (SyntaxError, ValueError, OSError, UnicodeDecodeError):
        return []
    names = []
    for stmt in tree.body:
        bound = _bound_names(stmt)
        if bound == ["__all__"] and isinstance(getattr(stmt, "value", None), (ast.List, ast.Tuple)):
            literal = [e.value for e in stmt.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(literal) == len(stmt.value.elts):
                return literal
        names.extend(n for n in bound if not n.startswith("_"))
    return list(dict.fromkeys(names))


def _under_namespace_or_stub(fullname):
    """Is ``fullname`` a submodule nothing found under a namespace package (a folder with no
    ``__init__.py`` that several distributions fill, ``google``/``google.cloud``) or under a
    module this finder stubbed?"""
    parent = sys.modules.get(fullname.rpartition(".")[0]) if "." in fullname else None
    if parent is None:
        return False
    if isinstance(parent, _StubModule):
        return True
    return getattr(parent, "__file__", None) is None and hasattr(parent, "__path__")


class StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Last on ``sys.meta_path``: a stub for a package that is not installed at all, or for a
    missing submodule of an installed namespace package (``google.cloud.aiplatform``), when the
    project or ZenML imports it (not for optional submodules of regular installed packages, nor
    for platform modules a library probes: those keep failing as they would). Never ``zenml`` or
    the project's own top-level names."""

    def __init__(self, search_path):
        self.protected = {"zenml"}
        self.stubbed = set()
        self.search_path = search_path
        self.project_files = set()
        self._installed = {}

    def _is_installed(self, top):
        if top not in self._installed:
            self._installed[top] = top in sys.builtin_module_names or (
                importlib.machinery.PathFinder.find_spec(top, self.search_path) is not None
            )
        return self._installed[top]

    def _asked_by_user_or_zenml(self):  # noqa: D401
        frame = sys._getframe(2)
        while frame is not None and frame.f_code.co_filename.startswith("<frozen"):
            frame = frame.f_back
        if frame is None:
            return False
        filename = os.path.realpath(frame.f_code.co_filename)
        # the user's code, or a zenml integration importing its SDK
        return filename in self.project_files or frame.f_globals.get("__name__", "").startswith("zenml.integrations")

    def find_spec(self, fullname, path=None, target=None):
        top = fullname.split(".")[0]
        if top in self.protected or top.startswith("_"):
            return None
        if top not in self.stubbed and _under_namespace_or_stub(fullname):
            # ``google.cloud.aiplatform`` where ``google.cloud`` is a namespace package other
            # installed distributions share: its own distribution is not installed
            if not self._asked_by_user_or_zenml():
                return None
            self.stubbed.add(fullname)
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        if top not in self.stubbed and (self._is_installed(top) or not self._asked_by_user_or_zenml()):
            return None
        self.stubbed.add(top)
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec):
        module = _StubModule(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module):
        pass


# --------------------------------------------------------------------- one project
#: a folder holding one of these is an installable distribution (``pip install -e FOLDER``)
DISTRIBUTION_FILES = ("pyproject.toml", "setup.py", "setup.cfg")
#: how deep a monorepo's distributions may sit under the project (``apps/trainer/src``)
MONOREPO_DEPTH = 3


def source_roots(project_dir):
    """The folders a project's modules are imported from: the project folder, and the package
    roots of its distributions (a folder with a pyproject.toml/setup.py/setup.cfg, the project
    folder itself or one up to 3 levels down, ``libs/core``, ``apps/trainer``): the ``src/`` of
    the src layout (a ``src`` folder that is not a package itself: its packages are installed,
    ``import churn`` for ``src/churn``) and the folder the distribution declares
    (``package_dir={"": "lib"}``, ``where = ["python"]``): each one is ``pip install -e``'d."""
    roots = [project_dir]
    for folder, dirs, files in os.walk(project_dir):
        depth = 0 if folder == project_dir else os.path.relpath(folder, project_dir).count(os.sep) + 1
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")) and d != "src")
        if depth >= MONOREPO_DEPTH:
            dirs[:] = []
        if folder != project_dir and not any(name in files for name in DISTRIBUTION_FILES):
            continue
        for declared in ["src"] + declared_package_roots(folder, files):
            root = os.path.normpath(os.path.join(folder, declared))
            if root in roots or not os.path.isdir(root) or os.path.exists(os.path.join(root, "__init__.py")):
                continue
            roots.append(root)
            if declared != "src":
                dirs[:] = [d for d in dirs if os.path.join(folder, d) != root]
    return roots


def declared_package_roots(folder, files):
    """The package folders a distribution declares instead of its own folder, read (never run)
    from setup.py (``package_dir={"": "lib"}``, ``find_packages("lib")``), setup.cfg
    (``package_dir = =lib``, ``[options.packages.find] where``) and pyproject.toml
    (``[tool.setuptools.packages.find] where``, ``package-dir``, poetry's ``from``)."""
    found = []
    if "setup.py" in files:
        found += _setup_py_roots(os.path.join(folder, "setup.py"))
    if "setup.cfg" in files:
        found += _setup_cfg_roots(os.path.join(folder, "setup.cfg"))
    if "pyproject.toml" in files:
        found += _pyproject_roots(os.path.join(folder, "pyproject.toml"))
    return [r for r in dict.fromkeys(found) if r and r not in (".", "src")]


def _setup_py_roots(path):
    try:
        tree = ast.parse(read_source(path))
    except (SyntaxError, ValueError, OSError):
        return []
    out = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        callee = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        for kw in node.keywords:
            if callee == "setup" and kw.arg == "package_dir" and isinstance(kw.value, ast.Dict):
                out += [v.value for k, v in zip(kw.value.keys, kw.value.values) if _literal(k) == "" and isinstance(_literal(v), str)]
            if callee in ("find_packages", "find_namespace_packages") and kw.arg == "where" and isinstance(_literal(kw.value), str):
                out.append(kw.value.value)
        if callee in ("find_packages", "find_namespace_packages") and node.args and isinstance(_literal(node.args[0]), str):
            out.append(node.args[0].value)
    return out


def _literal(node):
    return node.value if isinstance(node, ast.Constant) else None


def _setup_cfg_roots(path):
    import configparser

    parser = configparser.ConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError):
        return []
    out = []
    for line in parser.get("options", "package_dir", fallback="").splitlines():
        key, sep, value = line.partition("=")
        if sep and not key.strip() and value.strip():
            out.append(value.strip())
    where = parser.get("options.packages.find", "where", fallback="").strip()
    return out + ([where] if where else [])


def _pyproject_roots(path):
    """The few pyproject.toml keys that move the package root (no TOML parser in 3.9's
    standard library: the lines of these tables are read one by one)."""
    out, table = [], ""
    try:
        lines = read_source(path).splitlines()
    except (OSError, ValueError):
        return []
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line.startswith("["):
            table = line.strip("[] ")
            continue
        key, _, value = (part.strip() for part in line.partition("="))
        if table == "tool.setuptools.packages.find" and key == "where":
            out += _toml_strings(value)
        elif table == "tool.setuptools.package-dir" and key.strip("\"'") == "":
            out += _toml_strings(value)
        elif table == "tool.setuptools" and key == "package-dir" and value.startswith("{"):
            out += _toml_strings(value.split("=", 1)[1]) if value.replace(" ", "").startswith(('{""=', "{''=")) else []
        elif table == "tool.poetry" and "from" in line:
            out += [v for part in line.split(",") if part.strip().startswith("from") for v in _toml_strings(part.split("=", 1)[1])]
    return out


def _toml_strings(value):
    """The quoted strings of a TOML value: ``["python"]`` -> ``["python"]``."""
    out, quote, current = [], None, ""
    for char in value:
        if quote is None and char in "\"'":
            quote, current = char, ""
        elif char == quote:
            out.append(current)
            quote = None
        elif quote is not None:
            current += char
    return out


def script_folders(project_dir, roots):
    """Folders whose files are run as scripts from inside them (``cd zenml_examples/mnist &&
    python run.py``, the layout ``zenml example pull`` writes): a folder that is no package
    and no source root, holding a .py file that imports a module of that same folder by its
    bare name (``from steps import trainer`` next to ``steps/``) that no source root has, or
    whose path no import can name (``pipeline-v2/train.py``: only ``python pipeline-v2/train.py``
    runs it)."""
    out = []
    for folder, dirs, files in os.walk(project_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")) and os.path.join(folder, d) not in roots)
        if folder in roots or "__init__.py" in files:
            continue
        unnamable = not all(part.isidentifier() for part in os.path.relpath(folder, project_dir).split(os.sep) if part != ".")
        python = [name for name in sorted(files) if name.endswith(".py")]
        if (unnamable and python) or any(_imports_a_sibling(os.path.join(folder, name), folder, roots) for name in python):
            out.append(folder)
            dirs[:] = []
    return out


def _imports_a_sibling(path, folder, roots):
    try:
        tree = ast.parse(read_source(path))
    except (SyntaxError, ValueError, OSError):
        return False
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module] if isinstance(node, ast.ImportFrom) and not node.level and node.module else []
        for top in (n.split(".")[0] for n in names):
            if _has_module(folder, top) and not any(_has_module(root, top) for root in roots):
                return True
    return False


def _has_module(folder, name):
    return os.path.isfile(os.path.join(folder, name + ".py")) or os.path.isdir(os.path.join(folder, name))


def import_units(project_dir):
    """``[(sys.path roots, working directory, modules, the modules to import)]``: the project as
    installed (see ``source_roots``), then every script folder (see ``script_folders``) on its
    own, with its folder first on ``sys.path`` as ``python run.py`` puts it (the project's
    roots after it, as for every module; two script folders may hold modules of the same name: ``run``,
    ``steps``), then every script whose file name no import can spell (``01_ingest.py``), with
    the modules beside it."""
    roots = source_roots(project_dir)
    scripts = script_folders(project_dir, roots)
    main = project_modules(project_dir, skip=scripts)
    units = [(roots, project_dir, main, sorted(main))]
    for folder in scripts:
        modules = _modules_under(folder, scripts=True)
        units.append(([folder] + roots, folder, modules, sorted(modules)))
    for root in roots:
        for path in _unnamable_scripts(root, skip=set(roots + scripts) - {root}):
            folder = os.path.dirname(path)
            # what the script can import: the installed packages, and the modules beside it
            beside = main if folder in roots else _modules_under(folder, skip=set(roots + scripts))
            name = script_module_name(path)
            units.append(([folder] + [r for r in roots if r != folder], folder, {**beside, name: (path, False)}, [name]))
    return units


def script_module_name(path):
    """The module name a script no import can name is imported under (``01_ingest.py``,
    ``train-model.py``: ``python 01_ingest.py`` runs it as ``__main__``; this name is not
    ``__main__``, so its ``if __name__ == "__main__":`` block does not run, as for every module)."""
    stem = os.path.splitext(os.path.basename(path))[0]
    return "_script_" + "".join(c if c.isalnum() or c == "_" else "_" for c in stem)


def _unnamable_scripts(root, skip):
    """The .py files below ``root`` (in folders an import can name) whose own name is no
    identifier: each is imported on its own, its folder first on ``sys.path``."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__pycache__")) and os.path.join(folder, d) not in skip and d.isidentifier())
        for name in sorted(files):
            if name.endswith(".py") and not name[:-3].isidentifier() and not (folder == root and name in BUILD_SCRIPTS):
                yield os.path.join(folder, name)


def project_modules(project_dir, skip=()):
    """``{module name: (path, is_package)}`` for every .py file of a project (module names are
    relative to the source root that holds the file: see ``source_roots``), but the folders in
    ``skip``."""
    out = {}
    roots = source_roots(project_dir)
    for root in roots:
        out.update(_modules_under(root, skip={r for r in roots if r != root} | set(skip)))
    return out


def _modules_under(project_dir, skip=(), scripts=False):
    """``scripts``: ``project_dir`` is a script folder, whose own files are all run by path
    (a name no import can spell gets ``script_module_name``)."""
    out = {}
    for folder, dirs, files in os.walk(project_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__pycache__")) and os.path.join(folder, d) not in skip)
        rel = os.path.relpath(folder, project_dir)
        parts = [] if rel == "." else rel.split(os.sep)
        if any(not p.isidentifier() for p in parts):
            continue
        for name in sorted(files):
            if not name.endswith(".py") or (not parts and name in BUILD_SCRIPTS):
                continue
            stem = name[:-3]
            if stem == "__init__":
                if parts:
                    out[".".join(parts)] = (os.path.join(folder, name), True)
            elif stem.isidentifier():
                out[".".join(parts + [stem])] = (os.path.join(folder, name), False)
            elif scripts and not parts:
                out[script_module_name(name)] = (os.path.join(folder, name), False)
    return out


def _forget(tops):
    for name in list(sys.modules):
        if name.split(".")[0] in tops:
            del sys.modules[name]


def _innermost_frame(tb, files):
    """(file, line) of the innermost traceback frame inside one of ``files``."""
    found = None
    for frame, lineno in traceback.walk_tb(tb):
        filename = os.path.realpath(frame.f_code.co_filename)
        if filename in files:
            found = (filename, lineno)
    return found


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


class _SourceLoader(importlib.abc.SourceLoader):
    def __init__(self, path, source):
        self.path, self.source = path, source

    def get_filename(self, fullname):
        return self.path

    def get_data(self, path):
        # in the file's own encoding: its coding cookie (a latin-1 file) still says how to read it
        return self.source.encode(_encoding_of(self.path), errors="surrogateescape")


def _encoding_of(path):
    with open(path, "rb") as f:
        return tokenize.detect_encoding(f.readline)[0]


def read_source(path):
    """The text of a module the way Python reads it (coding cookie, BOM, else UTF-8)."""
    with tokenize.open(path) as f:
        return f.read()


class _Override(importlib.abc.MetaPathFinder):
    """First on ``sys.meta_path`` while one module is imported: its (probed) source, also when
    its own package's ``__init__`` imports it."""

    def __init__(self, name, path, is_package, source):
        self.name, self.path, self.is_package, self.source = name, path, is_package, source

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.name:
            return None
        return importlib.util.spec_from_file_location(
            fullname,
            self.path,
            loader=_SourceLoader(self.path, self.source),
            submodule_search_locations=[os.path.dirname(self.path)] if self.is_package else None,
        )


def exec_module(name, path, is_package, source):
    override = _Override(name, path, is_package, source)
    sys.meta_path.insert(0, override)
    try:
        return importlib.import_module(name)
    finally:
        sys.meta_path.remove(override)


def import_one(name, modules, files, probe):
    path, is_package = modules[name]
    source = read_source(path)
    if ipython_script(source):
        _install_ipython_shell()
    failing, cascade, charged, error, first_error = [], [], [], None, None
    stubbed_names = set()  # names the probe replaced with stubs, and what is built from them
    for attempt in range(MAX_PROBES if probe else 1):
        _forget(_tops(modules))
        _forget_pydantic_validators()
        for other in charged:  # project modules already known to fail: stubbed
            sys.modules[other] = project_stub(other, *modules[other], modules)
        signal.alarm(TIMEOUT)
        try:
            exec_module(name, path, is_package, source)
            error = None
            break
        except BaseException as exc:  # noqa: BLE001 - everything a user's module can raise
            if isinstance(exc, KeyboardInterrupt):
                raise
            error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:300]
            first_error = first_error or error
            where = _failure_site(exc, files, path)
            if not probe or where is None:
                break
            filename, lineno = where
            if filename != path:
                other = next((m for m, (p, _) in modules.items() if os.path.realpath(p) == filename), None)
                if other is None or other in charged or other == name:
                    break
                charged.append(other)
                # what the importer takes from a stubbed module is a stub too: a later line
                # failing on it (a pipeline built from stubbed steps) is a cascade
                stubbed_names.update(names_imported_from(source, set(charged), name, is_package, modules))
                continue
            # a failure of a statement that uses what an earlier probe stubbed is a consequence
            # of the stub, not a line of its own; so is one raised on a stub deeper down, in a
            # function that a module-level statement using a stub-derived name called
            # (``class Task(Base, name=...)`` whose ``__init_subclass__`` makes a step of a
            # method annotated with a class built on a stub: TypeError in ``abc``)
            outer = _module_line(exc, path) or lineno
            caused = uses_any(source, lineno, tainted(source, stubbed_names, lineno)) or (
                _handles_stub(exc, files) and uses_any(source, outer, tainted(source, stubbed_names, max(lineno, outer)))
            )
            (cascade if caused else failing).append(lineno)
            new_source = neutralize(source, lineno, exc, stubbed_names, _star_stub_names(modules, name, is_package))
            if new_source is None or new_source == source:
                break
            source = new_source
        finally:
            signal.alarm(0)
    # ``ok``: the module imports as it is (no line neutralized, no project module stubbed)
    return {"ok": first_error is None, "error": first_error, "failing_lines": sorted(set(failing)),
            "cascade_lines": sorted(set(cascade) - set(failing)), "probe_error": error, "blamed": charged}


def _module_line(exc, path):
    """The line of the module-level statement of ``path`` that the failure ran in."""
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if os.path.realpath(frame.f_code.co_filename) == path and frame.f_code.co_name == "<module>":
            return lineno
    return None


def _handles_stub(exc, files):
    """Was ``exc`` raised on a probe stub: in library code (not the project's files) holding a
    stub as a local (``issubclass(stub, ...)`` in ``abc``), or in a function or method whose
    first argument is one (a metaclass built on a stubbed class calling ``super().__new__``)?"""
    last = None
    for frame, _ in traceback.walk_tb(exc.__traceback__):
        last = frame
    if last is None or last.f_code.co_name == "<module>":
        return False
    if os.path.realpath(last.f_code.co_filename) in files:
        names = last.f_code.co_varnames[:1] if last.f_code.co_argcount else ()
        values = [last.f_locals.get(n) for n in names]
    else:
        values = list(last.f_locals.values())
    return any(_is_stub(v) for v in values)


def _is_stub(value):
    try:
        return isinstance(value, Stub) or (isinstance(value, type) and issubclass(value, Stub))
    except Exception:  # noqa: BLE001 - a user's __instancecheck__/__subclasscheck__
        return False


def _star_stub_names(modules, importer, is_package):
    """For ``neutralize``: the names a neutralized ``from <project module> import *`` binds as stubs."""
    def names(stmt):
        module = _absolute(stmt, importer, is_package)
        return stub_names(module, *modules[module], modules)[0] if module in modules else []
    return names


def ipython_script(source):
    """A file run with ``ipython script.py`` (what ``jupyter nbconvert --to script`` writes):
    it calls ``get_ipython()`` and neither imports nor defines it."""
    if "get_ipython" not in source:
        return False
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return False
    called = bound = False
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "get_ipython":
            called = True
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound = bound or any((a.asname or a.name.split(".")[0]) == "get_ipython" for a in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "get_ipython":
            bound = True
        elif isinstance(node, ast.Name) and node.id == "get_ipython" and isinstance(node.ctx, ast.Store):
            bound = True
    return called and not bound


def _install_ipython_shell():
    """``get_ipython()`` and ``display`` of ``ipython script.py``, in this (forked) child: the
    notebook harness' shell, which runs no shell escape and no magic outside Python (see
    ``notebook_import.py``)."""
    import notebook_import

    builtins.get_ipython = lambda shell=notebook_import.HarmlessShell(): shell
    builtins.display = notebook_import.display


def _failure_site(exc, files, path):
    if isinstance(exc, SyntaxError) and exc.filename and os.path.realpath(exc.filename) in files:
        return os.path.realpath(exc.filename), exc.lineno or 1
    return _innermost_frame(exc.__traceback__, files)


def _tops(modules):
    return {m.split(".")[0] for m in modules}


# --------------------------------------------------------------- neutralizing a line
def tainted(source, stubbed, before=None):
    """``stubbed`` plus every name bound by a statement that uses one of them (a class whose
    base was stubbed, a value built from a stub), in source order, in function bodies too;
    with ``before``, only by the statements above that line (a later rebinding, e.g. in the
    ``if __name__ == "__main__":`` block, has not run when that line fails)."""
    out = set(stubbed)
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return out
    for stmt in _in_order(tree.body):
        if before is not None and stmt.lineno >= before:
            continue
        if _uses(stmt) & out:
            out.update(_bound_names(stmt))
    return out


def _in_order(body):
    """Every statement, in source order, those of function and class bodies too (a class built
    in a factory from a stubbed base is a stub-derived name there)."""
    for stmt in body:
        yield stmt
        for field in ("body", "orelse", "finalbody"):
            yield from _in_order(getattr(stmt, field, []) or [])
        for handler in getattr(stmt, "handlers", []) or []:
            yield from _in_order(handler.body)


def names_imported_from(source, wanted, importer, is_package, modules=None):
    """Names the module-level imports of ``source`` (module ``importer``) bind from the project
    modules ``wanted`` (or their submodules), relative imports resolved; for ``from M import *``
    of one of them, the names its stand-in binds as stubs (``stub_names``)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    out = set()
    for stmt in _module_level(tree.body):
        if isinstance(stmt, ast.ImportFrom):
            module = _absolute(stmt, importer, is_package)
            for alias in stmt.names:
                if alias.name == "*":
                    if module in wanted and modules and module in modules:
                        out.update(stub_names(module, *modules[module], modules)[0])
                elif _within(module, wanted) or _within(f"{module}.{alias.name}", wanted):
                    out.add(alias.asname or alias.name)
        elif isinstance(stmt, ast.Import):
            out.update(a.asname or a.name.split(".")[0] for a in stmt.names if _within(a.name, wanted))
    return out


def _within(module, wanted):
    return any(module == w or module.startswith(w + ".") for w in wanted)


def _module_level(body):
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        yield stmt
        for field in ("body", "orelse", "finalbody"):
            yield from _module_level(getattr(stmt, field, []) or [])
        for handler in getattr(stmt, "handlers", []) or []:
            yield from _module_level(handler.body)


def uses_any(source, lineno, names):
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    target = _statement_at(body, lineno) or _cell_magic_at(body, lineno)
    return target is not None and bool(_uses(target) & names)


def _cell_magic_at(body, lineno):
    """The ``run_cell_magic`` statement whose body runs at ``lineno``: a notebook cell's body
    keeps its own lines after the one-line statement (scripts/notebook_import.py), so a
    failure inside it is charged to a line no statement holds."""
    before = [stmt for stmt in body if stmt.lineno < lineno]
    if not before:
        return None
    stmt = before[-1]
    if not _cell_magic_body(stmt):
        return None
    return stmt if lineno <= stmt.end_lineno + len(stmt.value.args[2].value.splitlines()) else None


def _uses(stmt):
    """Names a statement reads when it runs (for a def: its header, not its body; for a class: its
    header and the statements of its body, which run with it, a method's signature but not its body)."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
        parts = list(stmt.decorator_list) + [stmt.args] + ([stmt.returns] if stmt.returns else [])
    elif isinstance(stmt, ast.ClassDef):
        # a metaclass (ZenML's BaseStepMeta) reads the signatures of the methods too; a class-body
        # statement (``docker: DockerConfiguration = DockerConfiguration()``, whose annotation a
        # pydantic model checks) runs when the class statement does
        parts = list(stmt.decorator_list) + list(stmt.bases) + [k.value for k in stmt.keywords]
        for inner in stmt.body:
            if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef)):
                parts += [inner.args] + ([inner.returns] if inner.returns else [])
            elif isinstance(inner, ast.ClassDef):
                parts += [ast.Name(id=name, ctx=ast.Load()) for name in _uses(inner)]
            else:
                parts.append(inner)
    else:
        parts = [stmt] + _cell_magic_body(stmt)
    return {n.id for part in parts for n in ast.walk(part) if isinstance(n, ast.Name)}


# cell magics whose body IPython runs as Python in the kernel's namespace (scripts/notebook_import.py runs
# them so): the tool's ``zenml_migrate.scan.notebook.PYTHON_CELL_MAGICS`` (this script runs in a real ZenML
# venv, without the tool; tests/test_notebook_measure.py checks the two agree)
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "ipytest", "memit", "snakeviz", "pyinstrument"})


def _cell_magic_body(stmt):
    """The parsed body of ``get_ipython().run_cell_magic("time", "", BODY)`` (a notebook's
    ``%%time`` cell): the names it reads are read by the statement."""
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "run_cell_magic" and len(call.args) == 3):
        return []
    name, body = call.args[0], call.args[2]
    if not (isinstance(name, ast.Constant) and name.value in PYTHON_CELL_MAGICS and isinstance(body, ast.Constant) and isinstance(body.value, str)):
        return []
    try:
        return [ast.parse(body.value)]
    except SyntaxError:
        return []


def neutralize(source, lineno, exc=None, stubbed=None, star_names=None):
    """``source`` with the statement that holds ``lineno`` replaced by a stub binding of the
    names it binds (same number of lines), or None when it cannot be found. For ``from m
    import a, b`` where only ``a`` cannot be imported, only ``a`` is stubbed; ``from <project
    module> import *`` binds the names of that module's stand-in (``star_names``). A ``yield`` or
    ``await`` neutralized inside a function makes that top-level function stub-derived (it is
    no generator or coroutine any more: ``next(gen())`` then fails on the probe only)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    target = _statement_at(tree.body, lineno)
    if target is None:
        return None
    lines = python_lines(source, keepends=True)
    first = min([target.lineno] + [d.lineno for d in getattr(target, "decorator_list", [])])
    last = target.end_lineno if isinstance(target, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else target.end_lineno
    indent = lines[first - 1][: len(lines[first - 1]) - len(lines[first - 1].lstrip())]
    names = _bound_names(target)
    if isinstance(target, ast.ImportFrom) and star_names is not None and any(a.name == "*" for a in target.names):
        names = [n for n in star_names(target) if n.isidentifier()]
    missing = _missing_name(exc)
    if isinstance(target, ast.ImportFrom) and missing and any(a.name == missing for a in target.names) and len(target.names) > 1:
        kept = [a for a in target.names if a.name != missing]
        gone = [a.asname or a.name for a in target.names if a.name == missing]
        module = "." * target.level + (target.module or "")
        aliases = ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in kept)
        replacement = indent + f"from {module} import {aliases}; " + "; ".join(f"{n} = _corpus_stub()" for n in gone) + "\n"
        names = gone
    else:
        replacement = indent + ("; ".join(f"{n} = _corpus_stub()" for n in names) if names else "pass") + "\n"
    if stubbed is not None:
        stubbed.update(names)
        holder = _statement_at_top(tree.body, lineno)
        if holder is not None and holder is not target and isinstance(holder, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if any(isinstance(n, (ast.Yield, ast.YieldFrom, ast.Await)) for n in ast.walk(target)):
                stubbed.add(holder.name)
    return "".join(lines[: first - 1] + [replacement] + ["\n"] * (last - first) + lines[last:])


def _missing_name(exc):
    """``X`` of ``ImportError: cannot import name 'X' from ...``."""
    if isinstance(exc, ImportError) and not isinstance(exc, ModuleNotFoundError):
        return getattr(exc, "name_from", None) or _quoted(str(exc), "cannot import name ")
    return None


def _quoted(text, prefix):
    at = text.find(prefix)
    if at == -1:
        return None
    rest = text[at + len(prefix):].strip()
    return rest[1:].split(rest[0])[0] if rest[:1] in ("'", '"') else None


def _statement_at_top(body, lineno):
    for stmt in body:
        start = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])
        if start <= lineno <= stmt.end_lineno:
            return stmt
    return None


def _statement_at(body, lineno):
    for stmt in body:
        start = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])
        if not (start <= lineno <= stmt.end_lineno):
            continue
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            inner = _statement_at(stmt.body, lineno) if lineno > stmt.lineno else None
            return inner or stmt
        for field in ("body", "orelse", "finalbody", "handlers"):
            for child in getattr(stmt, field, []) or []:
                found = _statement_at(getattr(child, "body", [child]) if isinstance(child, ast.ExceptHandler) else [child], lineno)
                if found is not None:
                    return found
        return stmt
    return None


def _bound_names(stmt):
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [stmt.name]
    if isinstance(stmt, ast.Import):
        return [a.asname or a.name.split(".")[0] for a in stmt.names]
    if isinstance(stmt, ast.ImportFrom):
        return [a.asname or a.name for a in stmt.names if a.name != "*"]
    targets = []
    if isinstance(stmt, ast.Assign):
        targets = stmt.targets
    elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
        targets = [stmt.target]
    return [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]


# ---------------------------------------------------------------------------- main
def in_child(work):
    """``work()`` in a forked child (a user runs one module per process: ZenML state one
    module leaves, e.g. a step class set on an integration module, must not reach the next);
    the parent keeps ZenML imported, so a fork costs milliseconds."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                result = work()
            payload = json.dumps(result)
        except BaseException as exc:  # noqa: BLE001
            payload = json.dumps({"ok": False, "error": f"harness: {exc!r}", "failing_lines": [], "blamed": []})
        with os.fdopen(write_fd, "w") as pipe:
            pipe.write(payload)
        os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        payload = pipe.read()
    os.waitpid(pid, 0)
    if not payload:
        return {"ok": False, "error": "harness: the import crashed the interpreter", "failing_lines": [], "blamed": []}
    return json.loads(payload)


def _with_stubbed(finder, result):
    """``result`` of one import (in the child) with the packages that were stubbed for it."""
    return dict(result, stubbed=sorted(finder.stubbed))


def warm_up():
    """Import what every module will import anyway, once, before the forks; on 0.20, create
    the store of the (fresh) config dir, as a migrated user's environment has it (the first
    pipeline run of a process on a store nobody touched yet fails on 0.20.5 with "No active
    stack is configured")."""
    for name in ("zenml", "zenml.steps", "zenml.pipelines", "zenml.post_execution", "zenml.integrations.constants"):
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                importlib.import_module(name)
        except Exception:  # noqa: BLE001
            pass
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            client = importlib.import_module("zenml.client").Client()
            client.zen_store  # noqa: B018 - creates the store and the default stack
            client.active_stack_model  # noqa: B018
    except Exception:  # noqa: BLE001 - 0.13.2 has no zenml.client
        pass


def _forget_pydantic_validators():
    """pydantic 1 refuses a second ``@validator`` of the same qualified name ("duplicate
    validator function") unless ``allow_reuse``: a probe that executes a module's class
    bodies again must not fail there (a user runs each module once)."""
    funcs = getattr(sys.modules.get("pydantic.class_validators"), "_FUNCS", None)
    if isinstance(funcs, set):
        funcs.clear()


def main():
    spec = json.load(open(sys.argv[1]))
    warnings.simplefilter("ignore")
    finder = StubFinder(list(sys.path))
    sys.meta_path.append(finder)
    builtins._corpus_stub = Stub
    signal.signal(signal.SIGALRM, _alarm)
    base_path = list(sys.path)
    cwd = os.getcwd()
    warm_up()
    results = {"zenml": None, "trees": {}}
    stubbed = set(finder.stubbed)  # each import runs in a forked child: its stubs are reported back
    for tree in spec["trees"]:
        per_tree = results["trees"].setdefault(tree["name"], {})
        for project in spec["projects"]:
            project_dir = os.path.realpath(os.path.join(tree["root"], project))
            for roots, workdir, modules, own in import_units(project_dir):
                files = {os.path.realpath(p) for p, _ in modules.values()}
                finder.protected = {"zenml"} | _tops(modules)
                finder.project_files = files
                sys.path[:] = roots + base_path
                os.chdir(workdir)
                for name in own:
                    rel = os.path.relpath(modules[name][0], os.path.realpath(tree["root"]))
                    started = time.time()
                    per_tree[rel] = in_child(lambda: _with_stubbed(finder, import_one(name, modules, files, tree.get("probe", False))))
                    stubbed.update(per_tree[rel].pop("stubbed", ()))
                    per_tree[rel]["seconds"] = round(time.time() - started, 2)
                _forget(_tops(modules))
                os.chdir(cwd)
    write_results(results, stubbed, sys.argv[2])


def write_results(results: dict, stubbed: set, path: str) -> None:
    """The JSON the driver reads: per-tree results, the zenml version imported, every stubbed module."""
    try:
        import zenml

        results["zenml"] = zenml.__version__
    except Exception:  # noqa: BLE001
        pass
    results["stubbed"] = sorted(stubbed)
    with open(path, "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
