"""Import every notebook of some trees inside ONE real ZenML venv, as a module; print JSON.

    <venv>/bin/python scripts/notebook_import.py SPEC.json OUT.json

Runs under the venv's own Python (3.9), with the venv's IPython (every ZenML venv has it,
through ``rich[jupyter]``) and ``scripts/corpus_import.py`` (stubs, probing, forked
children). SPEC::

    {"trees": [{"name": "orig", "root": "/tmp/x/orig", "probe": true}, ...],
     "notebooks": ["notebooks/01_quickstart.ipynb", ...]}      # relative to each root

(a tree may list its own ``notebooks``).

A notebook is checked the way "Run All" runs it in a fresh kernel, minus the kernel:

* its code cells (nbformat 1-4; a kernel whose language is not Python: ``"skipped"``) go
  through IPython's own input transformers (``TransformerManager.transform_cell``: magics,
  ``!cmd``, ``x = !cmd``, ``obj?``, pasted prompts) and are joined into one module, each cell
  on the lines it has in the notebook (``line_map``: module line -> ``[cell, line]``, the
  cell numbered as ``migrate scan`` numbers it: its 1-based position among all cells);
* the module runs as ``__main__`` (as a kernel runs cells: ``if __name__ == "__main__":``
  blocks run) with the notebook's folder as working directory and first on ``sys.path``;
* ``get_ipython()`` is a shell that makes what IPython would run outside Python harmless:
  shell escapes and ``%%bash``/``%%sh``/``%%script``/``%%html``... cells do nothing (``x =
  !cmd`` gets an empty ``SList``), ``%pip``/``%load_ext``/``%matplotlib``/help do nothing,
  ``%env`` sets the variable, ``%cd`` changes directory, ``%run FILE`` runs the file into
  the namespace, ``%%writefile`` writes its file (a later cell may import it), and the
  bodies of ``%%time``/``%%timeit``/``%%capture``/``%%prun`` and the statement of
  ``%time``/``%timeit``/``%prun``/``%debug``/``%memit``/``%lprun`` (behind the magic's options;
  each ``%lprun -f FUNC`` evaluated too) run as Python;
* third-party packages that are not installed are stubbed and failing lines are probed
  exactly as ``corpus_import.py`` does for ``.py`` modules. A cell IPython cannot compile
  (a real syntax error) makes the notebook fail; it is replaced by ``pass`` so the other
  cells are still probed.

The module text is written to ``.nbimport/<stem>.py`` next to the notebook (a hidden folder:
not a module of the project for ``corpus_import.py``). OUT.json: ``{"zenml": version,
"trees": {tree: {notebook: result}}, "stubbed": [...]}``; a result is ``corpus_import``'s
(``ok``, ``error``, ``failing_lines``, ``cascade_lines``, ``blamed``) plus ``failing_cells``
/ ``cascade_cells`` (``[cell, line]`` pairs), ``syntax_error_cells`` and ``module``.
"""

import asyncio
import builtins
import json
import os
import re
import runpy
import sys
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import corpus_import as ci  # noqa: E402

PYTHON_LANGUAGES = frozenset({"", "python", "python2", "python3", "ipython", "ipython2", "ipython3"})
MODULE_DIR = ".nbimport"
TOP_LEVEL_AWAIT = getattr(__import__("ast"), "PyCF_ALLOW_TOP_LEVEL_AWAIT", 0x2000)
MAIN = "__main__"


# ------------------------------------------------------------------ reading a notebook
def kernel_language(nb):
    meta = nb.get("metadata") if isinstance(nb.get("metadata"), dict) else {}
    for holder, key in ((meta.get("kernelspec"), "language"), (meta.get("language_info"), "name"), (meta, "language")):
        if isinstance(holder, dict) and isinstance(holder.get(key), str) and holder[key].strip():
            return holder[key].strip().lower()
    return ""


def raw_cells(nb):
    """Every cell object in order: nbformat 4 ``cells``; 2-3 the cells of every worksheet;
    1 ``cells`` (code in ``code``)."""
    if nb.get("nbformat") in (2, 3):
        return [c for sheet in nb.get("worksheets") or [] for c in sheet.get("cells") or []]
    return list(nb.get("cells") or [])


def code_cells(nb):
    """``[(cell number, source, expects an error)]`` of the code cells (1-based among all
    cells; Jupyter's ``raises-exception`` tag: "Run All" goes on after the cell's error)."""
    out = []
    for position, cell in enumerate(raw_cells(nb)):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = next((cell[k] for k in ("source", "input", "code") if k in cell), "")
        if isinstance(source, list):  # nbformat 2 split the lines without their ends (nbformat's v2 reader)
            source = ("\n" if nb.get("nbformat") == 2 else "").join(source)
        if cell.get("language", "python") not in PYTHON_LANGUAGES:  # nbformat 2-3: per-cell language
            continue
        tags = (cell.get("metadata") or {}).get("tags") or []
        out.append((position + 1, source if isinstance(source, str) else "", "raises-exception" in tags))
    return out


def _transformer():
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager()


def notebook_module(nb):
    """``(module source, line_map, syntax_error_cells)`` of a Python notebook's code cells."""
    manager = _transformer()
    lines, line_map, bad = [], [], []
    for number, source, expected in code_cells(nb):
        own = ci.python_lines(source) or [""]
        try:
            text = manager.transform_cell(source)
            try:
                compile(text, "<cell>", "exec", dont_inherit=True)
            except SyntaxError:  # a top-level ``await``: IPython's autoawait runs the cell
                compile(text, "<cell>", "exec", TOP_LEVEL_AWAIT, dont_inherit=True)
                text = f"get_ipython()._run_awaiting({source!r})\n"
        except (SyntaxError, ValueError):
            if not expected:
                bad.append(number)
            text = "pass\n"
        else:
            if expected:  # run, its error expected (the cell's own line numbers kept)
                text = f"get_ipython()._expected_error({source!r})\n"
        out = ci.python_lines(text) or ["pass"]
        out += [""] * (len(own) - len(out))  # a cell magic or a continued escape becomes one line
        for i, line in enumerate(out):
            lines.append(line)
            line_map.append([number, min(i, len(own) - 1) + 1])
    return "\n".join(lines) + "\n", line_map, bad


def read_json(path):
    with open(path, "rb") as f:
        return json.loads(f.read().decode("utf-8-sig"))


# ---------------------------------------------------------------- the harmless shell
class SList(list):
    """What ``x = !cmd`` gives (IPython's ``SList``), empty: no command runs."""

    s = n = p = ""

    @property
    def l(self):  # noqa: E743
        return self

    def grep(self, *args, **kwargs):
        return SList()

    def fields(self, *args):
        return SList()

    def sort(self, *args, **kwargs):
        return self


class CapturedIO:
    """What ``%%capture name`` binds (IPython's ``CapturedIO``), empty."""

    stdout = stderr = ""
    outputs = ()

    def show(self):
        return None

    __call__ = show


_VAR = re.compile(r"\{([^{}]+)\}|\$(\w+)")


# the line magics whose options come before their statement, and the letters of those that take a value
LINE_MAGIC_OPTIONS = {"timeit": "nrp", "prun": "lsTD", "memit": "rt", "debug": "b", "lprun": "fmDTu"}


def magic_options(name, line):
    """``([(option letter, value)], statement)`` of ``%NAME LINE`` (``-n3`` and ``-n 3`` alike;
    ``%time`` takes no option: all of LINE is its statement)."""
    takes = LINE_MAGIC_OPTIONS.get(name)
    rest, values = line.strip(), []
    while takes is not None and rest.startswith("-"):
        parts = rest.split(None, 1)
        word, after = parts[0], (parts[1] if len(parts) > 1 else "")
        letter = "b" if word == "--breakpoint" else word[1:2]
        if letter in takes:
            if len(word) > 2 and word != "--breakpoint":
                value = word[2:]
            else:
                more = after.split(None, 1)
                value, after = (more[0] if more else ""), (more[1] if len(more) > 1 else "")
            values.append((letter, value))
        rest = after.lstrip()
    return values, rest


class HarmlessShell:
    """``get_ipython()`` of the checked notebook: see the module docstring."""

    PYTHON_CELL_MAGICS = ci.PYTHON_CELL_MAGICS
    PYTHON_LINE_MAGICS = frozenset({"time", "timeit", "prun", "debug", "memit"})

    def __init__(self):
        self.manager = _transformer()
        self.user_ns = {}

    @staticmethod
    def _caller_globals(depth=2):
        return sys._getframe(depth).f_globals

    def var_expand(self, text, namespace):
        def one(match):
            expr = match.group(1) or match.group(2)
            try:
                return str(eval(expr, namespace))  # noqa: S307 - the user's own notebook expression
            except Exception:  # noqa: BLE001
                return match.group(0)

        return _VAR.sub(one, text)

    # -- escapes
    def system(self, cmd, *args, **kwargs):
        return None

    system_piped = system_raw = system

    def getoutput(self, cmd, *args, **kwargs):
        return SList()

    # -- magics
    def run_line_magic(self, name, line, _stack_depth=1):
        namespace = self._caller_globals()
        line = self.var_expand(line, namespace)
        if name in self.PYTHON_LINE_MAGICS or name == "lprun":
            values, stmt = magic_options(name, line)
            for option, value in values:  # line_profiler evaluates each ``-f FUNC``
                if name == "lprun" and option == "f":
                    eval(value, namespace)  # noqa: S307 - the user's own notebook expression
            self._run_python(stmt, namespace, sys._getframe(1).f_lineno - 1)
        elif name == "env" and ("=" in line or " " in line.strip()):
            key, _, value = line.strip().partition("=" if "=" in line else " ")
            os.environ[key.strip()] = value.strip()
        elif name == "cd" and line.strip() and os.path.isdir(os.path.expanduser(line.strip())):
            os.chdir(os.path.expanduser(line.strip()))
        elif name == "run":
            self._run_file(line, namespace)
        elif name in ("sx", "system"):
            return SList()
        return None

    def run_cell_magic(self, name, line, cell):
        namespace = self._caller_globals()
        line = self.var_expand(line, namespace)
        if name in self.PYTHON_CELL_MAGICS:
            # the body starts on the line after the magic's line
            self._run_python(cell, namespace, sys._getframe(1).f_lineno)
            target = [a for a in line.split() if not a.startswith("-")]
            if name == "capture" and target and target[0].isidentifier():
                namespace[target[0]] = CapturedIO()  # ``%%capture out``: what the cell printed
        elif name in ("writefile", "file"):
            args = line.split()
            append = "-a" in args or "--append" in args
            target = next((a for a in args if not a.startswith("-")), None)
            if target:
                target = os.path.expanduser(target.strip("'\""))
                if os.path.dirname(target):
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "a" if append else "w", encoding="utf-8") as f:
                    f.write(cell)
        return None

    def _expected_error(self, source):
        """A ``raises-exception`` cell: run; its error is what the notebook expects."""
        namespace = self._caller_globals()
        try:
            self._run_python(source, namespace, sys._getframe(1).f_lineno - 1)
        except Exception:  # noqa: BLE001
            pass

    def _run_awaiting(self, source):
        """A cell with a top-level ``await`` (IPython's autoawait): run to its end in an event loop."""
        namespace = self._caller_globals()
        self._run_python(source, namespace, sys._getframe(1).f_lineno - 1)

    def _run_python(self, text, namespace, first_line):
        """Run IPython ``text`` in the notebook's namespace, its line numbers those of the module."""
        code = compile("\n" * first_line + self.manager.transform_cell(text), namespace.get("__file__", "<cell>"), "exec", TOP_LEVEL_AWAIT)
        result = eval(code, namespace)  # noqa: S307 - the user's own notebook cell
        if asyncio.iscoroutine(result):
            asyncio.new_event_loop().run_until_complete(result)

    def _run_file(self, line, namespace):
        args = [a for a in line.split() if not a.startswith("-")]
        if not args or not os.path.isfile(args[0]):
            return  # IPython prints "File not found" and goes on
        saved = sys.argv
        sys.argv = args
        try:
            namespace.update({k: v for k, v in runpy.run_path(args[0], run_name="__main__").items() if not k.startswith("__")})
        finally:
            sys.argv = saved

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return ci.Stub()


def display(*args, **kwargs):
    """The kernel's ``display`` builtin."""
    return None


# ------------------------------------------------------------------------- importing
def notebook_modules(folder, tree_root):
    """``{module name: (path, is_package)}`` a notebook in ``folder`` can import: its folder's
    modules (the folder is first on ``sys.path``) and, for a notebook below its project's top
    folder, the project's other modules (a notebook that does ``sys.path.insert(0, "..")``
    imports them). A failure inside one of them is charged to it, as ``corpus_import``
    charges a ``.py`` module's, not to the notebook line that called it."""
    folder = os.path.realpath(folder)
    rel = os.path.relpath(folder, os.path.realpath(tree_root))
    modules = {}
    if rel != "." and not rel.startswith(".."):
        project = os.path.join(os.path.realpath(tree_root), rel.split(os.sep)[0])
        if project != folder:
            inside = folder + os.sep
            modules = {
                name: entry
                for name, entry in ci.project_modules(project).items()
                if not os.path.realpath(entry[0]).startswith(inside)
            }
    modules.update(ci.project_modules(folder))
    return modules


def import_notebook(notebook, tree_root, finder, probe, base_path):
    """The result for one notebook (in the forked child)."""
    nb = read_json(notebook)
    if not isinstance(nb, dict) or kernel_language(nb) not in PYTHON_LANGUAGES:
        return {"ok": True, "skipped": "not a Python notebook", "failing_lines": [], "blamed": []}
    source, line_map, bad = notebook_module(nb)
    folder = os.path.dirname(os.path.realpath(notebook))
    module_path = os.path.join(folder, MODULE_DIR, os.path.splitext(os.path.basename(notebook))[0] + ".py")
    os.makedirs(os.path.dirname(module_path), exist_ok=True)
    with open(module_path, "w", encoding="utf-8") as f:
        f.write(source)
    modules = notebook_modules(folder, tree_root)
    modules[MAIN] = (module_path, False)
    files = {os.path.realpath(p) for p, _ in modules.values()}
    finder.protected = {"zenml"} | ci._tops(modules)
    finder.project_files = files
    sys.path[:] = [folder] + base_path
    os.chdir(folder)
    builtins.get_ipython = lambda shell=HarmlessShell(): shell
    builtins.display = display
    result = ci.import_one(MAIN, modules, files, probe)
    if bad:
        first = next(i for i, (cell, _) in enumerate(line_map) if cell == bad[0])
        result["ok"] = False
        result["error"] = result.get("error") or f"SyntaxError: cell {bad[0]} does not compile"
        result["failing_lines"] = sorted(set(result["failing_lines"]) | {first + 1})
    result["syntax_error_cells"] = bad
    for kind in ("failing", "cascade"):
        result[f"{kind}_cells"] = [line_map[n - 1] for n in result.get(f"{kind}_lines", []) if 0 < n <= len(line_map)]
    result["module"] = os.path.relpath(module_path, tree_root)
    result["stubbed"] = sorted(finder.stubbed)
    return result


def main():
    spec = json.load(open(sys.argv[1]))
    warnings.simplefilter("ignore")
    # the venv's ``zenml`` for ``subprocess.run(["zenml", ...])`` in a cell (a user's kernel has it)
    os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    finder = ci.StubFinder(list(sys.path))
    sys.meta_path.append(finder)
    builtins._corpus_stub = ci.Stub
    ci.signal.signal(ci.signal.SIGALRM, ci._alarm)
    base_path = list(sys.path)
    cwd = os.getcwd()
    ci.warm_up()
    _transformer()  # IPython imported once, before the forks
    results = {"zenml": None, "trees": {}}
    stubbed = set(finder.stubbed)
    for tree in spec["trees"]:
        per_tree = results["trees"].setdefault(tree["name"], {})
        for rel in tree.get("notebooks", spec.get("notebooks", ())):
            notebook = os.path.join(tree["root"], rel)
            started = time.time()
            per_tree[rel] = ci.in_child(lambda: import_notebook(notebook, tree["root"], finder, tree.get("probe", False), base_path))
            stubbed.update(per_tree[rel].pop("stubbed", ()))
            per_tree[rel]["seconds"] = round(time.time() - started, 2)
            os.chdir(cwd)
    ci.write_results(results, stubbed, sys.argv[2])


if __name__ == "__main__":
    main()
