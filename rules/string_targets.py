"""ZM005: a dotted zenml path spelled as a string (a ``mock.patch`` or ``monkeypatch.setattr``
target, an import string, a ``("zenml.module", "Name")`` pair of a lazy-import table) that ZenML
0.20 lacks or renamed. (``importlib.import_module("zenml...")`` is the
detector's: it reports the path with the rule of the import it spells.)"""

import ast
from typing import List, Optional, Set, Tuple

from zenml_migrate.findings import NO_FIX_HERE, Finding, Span
from zenml_migrate.rules.base import Bad, Fix, Good, ModuleCheck, Rule
from zenml_migrate.scan import patchers
from zenml_migrate.scan.zenml_index import ALL_020, canonical, exists_020, in_zenml, zenml013, zenml020

def string_paths(tree: ast.AST) -> List[Tuple[ast.expr, str]]:
    """``(string node, what it is)`` of every zenml path given as the first argument of a
    patcher call (a builtin ``setattr(obj, "x", v)`` has no string first argument), and of every
    string that is a whole ``"zenml.module:Name"`` import string (entry points, plugin tables
    resolved with ``import_module`` + ``getattr``, ``source`` strings); and ``(tuple node, what)``
    of every ``("zenml.module", "Name")`` pair naming a 0.13.2 object (a lazy-import table:
    ``getattr(import_module(module), name)`` later, PEP 562 ``__getattr__``)."""
    out: List[Tuple[ast.expr, str]] = []
    annotations: Set[int] = set()  # a quoted annotation names a type, it is never imported (ZM460 writes full paths)
    for node in ast.walk(tree):  # breadth first: a def or an annotated assignment before the strings inside it
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.AnnAssign)):
            annotations.update(id(n) for a in _annotations_of(node) for n in ast.walk(a))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("zenml."):
            if id(node) in annotations:
                continue
            what = _import_string(node.value)
            if what:
                out.append((node, what))
            continue
        if isinstance(node, ast.Tuple) and pair_path(node) is not None:
            out.append((node, "a `(module, name)` pair"))
            continue
        first = patchers.path_target(node)
        if first is not None and in_zenml(first.value):
            out.append((first, _target_kind(patchers.patcher(node), node)))
    seen = {id(n) for n, _ in out}
    out += [(n, what) for n, what in _looped_targets(tree) if id(n) not in seen]
    return out


CREATING = " that may create it"  # ``patch(..., create=True)``, ``monkeypatch.setattr(..., raising=False)``


def _target_kind(name: str, call: ast.Call) -> str:
    """``a `patch` target`` (what ``string_paths`` says a path is); a patcher told to create a
    missing attribute takes one that does not exist: ``CREATING`` says so (its member is not judged)."""
    return f"a `{name}` target" + (CREATING if patchers.creates(call) else "")


def _path_patcher(node: ast.AST) -> Optional[str]:
    """The patcher a call is when it takes a dotted path first (``patch``, ``monkeypatch.setattr``,
    ...; not ``patch.object``), else None."""
    name = patchers.patcher(node)
    return name if name != patchers.PATCH_OBJECT else None


def _looped_targets(tree: ast.AST) -> List[Tuple[ast.expr, str]]:
    """The zenml strings of a list (tuple, set) literal that a loop hands to a patcher:
    ``for target in TARGETS: patch(target)`` (also a comprehension), the list written in the loop,
    bound to a name, or to a class attribute read as ``self.X`` / ``cls.X`` / ``C.X``."""
    out: List[Tuple[ast.expr, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.AsyncFor)):
            loops = [(node.target, node.iter, node.body)]
        elif isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            inside = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
            loops = [(g.target, g.iter, inside) for g in node.generators]
        else:
            continue
        for target, source, body in loops:
            if not isinstance(target, ast.Name):
                continue
            called = next((n for stmt in body for n in ast.walk(stmt)
                           if _path_patcher(n) and isinstance(n.args[0], ast.Name) and n.args[0].id == target.id), None)
            if called is None:
                continue
            for item in _literal_items(tree, source):
                if isinstance(item, ast.Constant) and isinstance(item.value, str) and item.value.startswith("zenml."):
                    out.append((item, _target_kind(_path_patcher(called), called)))
    return out


def _literal_items(tree: ast.AST, source: ast.expr) -> List[ast.expr]:
    """The items of the list/tuple/set literal ``source`` is, or is bound to (a name, a class attribute)."""
    if isinstance(source, (ast.List, ast.Tuple, ast.Set)):
        return list(source.elts)
    if isinstance(source, ast.Name):
        name, where = source.id, (n for n in ast.walk(tree) if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef)))
    elif isinstance(source, ast.Attribute) and isinstance(source.value, ast.Name):
        name, where = source.attr, (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef))
    else:
        return []
    out: List[ast.expr] = []
    for scope in where:
        for stmt in scope.body:
            value = getattr(stmt, "value", None)
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
            if any(isinstance(t, ast.Name) and t.id == name for t in targets) and isinstance(value, (ast.List, ast.Tuple, ast.Set)):
                out.extend(value.elts)
    return out


def pair_path(node: ast.Tuple) -> Optional[str]:
    """``"zenml.x.Name"`` for a tuple of exactly two plain strings, a zenml module that ZenML
    0.13.2 has and a public name of it, else None."""
    if len(node.elts) != 2 or not all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
        return None
    module, name = (e.value for e in node.elts)
    if not module.startswith("zenml.") or not name.isidentifier() or name not in zenml013().get(module, {}):
        return None
    return f"{module}.{name}"


def _path_of(node: ast.expr) -> str:
    """The zenml path a string node (``string_paths``) spells: a pair's module and name joined."""
    return pair_path(node) if isinstance(node, ast.Tuple) else as_path(node.value)


def _spelled(node: ast.expr) -> str:
    return repr(tuple(e.value for e in node.elts)) if isinstance(node, ast.Tuple) else node.value


def _annotations_of(node: ast.AST) -> List[ast.expr]:
    if isinstance(node, ast.AnnAssign):
        return [node.annotation]
    args = node.args
    params = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    return [p.annotation for p in params if p is not None and p.annotation is not None] + ([node.returns] if node.returns else [])


def _import_string(value: str) -> Optional[str]:
    """What a whole string naming a zenml object is: ``"zenml.steps:BaseStepConfig"`` (a zenml
    module, a colon, a dotted name), or ``"zenml.config.docker_configuration.DockerConfiguration"``
    (a public object of a 0.13.2 module; a module's own name, e.g. a logger's, is not one)."""
    module, colon, name = value.partition(":")
    parts = module.split(".") + (name.split(".") if colon else [])
    if parts[0] != "zenml" or not all(p.isidentifier() for p in parts):
        return None
    if colon:
        return "an import string `module:name`"
    module, _, name = value.rpartition(".")
    return "a dotted import string" if name in zenml013().get(module, {}) else None


def as_path(value: str) -> str:
    """The dotted path a patch target or an import string names."""
    return value.replace(":", ".")


def respelled(value: str, new: str) -> str:
    """``new`` (a dotted path) in the form of ``value``: an import string keeps its colon after
    the longest module of ``new`` that the 0.20 releases have."""
    if ":" not in value:
        return new
    parts = new.split(".")
    for i in range(len(parts) - 1, 0, -1):
        if ".".join(parts[:i]) in zenml020():
            return ".".join(parts[:i]) + ":" + ".".join(parts[i:])
    return new


def _is_module(path: str) -> bool:
    return path in zenml013() or path in zenml020()


def _split(path: str) -> Tuple[str, List[str]]:
    """The longest module prefix of ``path`` any release knows, and the names after it."""
    parts = path.split(".")
    for i in range(len(parts), 0, -1):
        head = ".".join(parts[:i])
        if _is_module(head):
            return head, parts[i:]
    return parts[0], parts[1:]


def problem(path: str, members: bool = True) -> Optional[str]:
    """Why ``path`` does not resolve on ZenML 0.20 (its module, the name right after it, or a
    member of that class the 0.20 class lacks: ``mock.patch`` fails there too), or None. Members
    after the first are not judged."""
    from zenml_migrate.rules.safety_net import missing_in_020
    from zenml_migrate.rules.signatures import member_problem

    module, names = _split(path)
    if not names:
        return missing_in_020(module, None)
    why = missing_in_020(f"{module}.{names[0]}", module, from_import=True)
    if why is None and members and len(names) > 1:
        why = member_problem(canonical(f"{module}.{names[0]}"), names[1])
    return why


def _renames():
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan.detect import rule_index

    index = rule_index(tuple(all_rules())).catalog()
    return index, index._rename_lookup()[1]


def renames_by_old():
    """The catalog's renames: 0.13.2 path -> its hits (the last item of each is the 0.20 path)."""
    return _renames()[1]


def spelling_020(path: str) -> Tuple[Optional[str], bool]:
    """``(the 0.20 spelling of path, can --fix write it)``: a catalog rename of the longest
    renamed prefix (``zenml.repository.Repository`` -> ``zenml.client.Client``), the rest kept.
    It is written only where its module and name exist in both 0.20 releases and no rule of the
    catalog rewrites the member the path names (``Repository().get_pipeline`` moved elsewhere:
    a patch of ``Client.get_pipeline`` would not stand in for it)."""
    index, by_old = _renames()
    parts = path.split(".")
    for i in range(len(parts), 1, -1):
        head = ".".join(parts[:i])
        hits = by_old.get(canonical(head)) or by_old.get(head)
        if not hits:
            continue
        new = hits[0][3]
        rest = parts[i:]
        module, _, name = new.rpartition(".")
        ok = exists_020(module, name) == ALL_020
        if rest:
            old_member = f"{head}.{rest[0]}"
            spelled = (old_member, f"{head}().{rest[0]}")
            ok = ok and not any(index.refs(p, "load") for p in spelled)
        return ".".join([new] + rest), ok
    return None, False


TO = "to"  # ``Finding.fix_args`` key: the 0.20 text of the string, or ``(module, name)`` of the pair


def _mentions_a_zenml_string(text: str) -> bool:
    """The cheap test before the module is read whole (the scan may parse piecemeal): a string
    that starts with ``zenml`` on some line (``text``: ``Detector.text``)."""
    return "'zenml" in text or '"zenml' in text


def _zm005_findings(detector, rule) -> List[Finding]:
    out = _object_findings(detector, rule)
    if not _mentions_a_zenml_string(detector.text):
        return out
    for node, what in string_paths(detector.tree):
        path, spelled = _path_of(node), _spelled(node)
        why = problem(path, members=not what.endswith(CREATING))
        new, fixable = spelling_020(path)
        new = respelled(spelled, new) if new and not isinstance(node, ast.Tuple) else new
        if why is not None:
            message = f"`{spelled}` ({what}) does not resolve on ZenML 0.20: {why}"
        elif new is not None:
            # 0.20 still has a deprecated shim of the old name (``zenml.repository.Repository``),
            # but the fixed code uses the new one: the patch no longer reaches it
            message = f"`{spelled}` ({what}) names a ZenML 0.13.2 object that 0.20 renamed: the fixed code uses the new one"
        else:
            continue
        if new and fixable:
            message += f"; the 0.20 spelling is `{new}`" if not isinstance(node, ast.Tuple) else f"; the 0.20 pair is {_pair_020(new)!r}"
        elif new:
            message += f"{NO_FIX_HERE}a rule rewrites the code that calls it to another 0.20 API: patch that one)"
        else:
            message += f"{NO_FIX_HERE}no 0.20 rename of this path is known)"
        # the codemod writes what the scan decided: the string's 0.20 text, or the pair's two
        to = (_pair_020(new) if isinstance(node, ast.Tuple) else new) if new and fixable else None
        out.append(Finding(detector.path, _span(detector, node), rule.code, message, rule.fix_value if fixable else None,
                           fix_args=((TO, to),) if to else ()))
    return out


def object_targets(detector) -> List[Tuple[ast.Call, str, str]]:
    """``(call, zenml path, what)`` of every ``patch.object(C, "name")`` (``mock.patch.object``,
    ``mocker.patch.object``), ``monkeypatch.setattr(C, "name", v)`` / ``.delattr(C, "name")``
    whose object ``C`` resolves to a zenml class or module: the path ``C.name`` it patches."""
    out = []
    for node in ast.walk(detector.tree):
        name = patchers.object_target(node)
        if name is None or not name.value.isidentifier():
            continue
        called, first = patchers.patcher(node), node.args[0]
        value = detector.resolve(first)
        if value is None or not value.startswith("zenml.") or any(mark in value for mark in "(+~["):
            continue
        out.append((node, f"{canonical(value)}.{name.value}", _target_kind(called, node)))
    return out


def _object_findings(detector, rule) -> List[Finding]:
    """``patch.object(StepContext, "metadata_store")``: the patcher reads the attribute first
    (AttributeError where the class lacks it, unless told to create it); judged as spelled and as
    ``--fix`` spells the object (``Repository`` -> ``Client``). No automatic fix: the object is
    code of its own, the name a string a rule of the member may want elsewhere."""
    if "patch" not in detector.text and "setattr" not in detector.text and "delattr" not in detector.text:
        return []
    out = []
    for node, path, what in object_targets(detector):
        if what.endswith(CREATING):
            continue
        new, _ = spelling_020(path)
        why = problem(path) or (problem(new) if new else None)
        if why is None:
            continue
        spelled = f"{ast.unparse(node.args[0])}, {node.args[1].value!r}"
        message = (f"`{spelled}` ({what}) does not resolve on ZenML 0.20: {why}"
                   f"{NO_FIX_HERE}patch the 0.20 object your code uses now)")
        out.append(Finding(detector.path, detector._span(node.args[1]), rule.code, message, None))
    return out


def _span(detector, node: ast.expr) -> Span:
    """Where the finding is: a pair from its first string to its last (the span of the tuple
    without its parentheses, as the rewriter sees a tuple), else the string."""
    if not isinstance(node, ast.Tuple):
        return detector._span(node)
    first, last = detector._span(node.elts[0]), detector._span(node.elts[-1])
    return Span(first.line, first.column, last.end_line, last.end_column)


def _pair_020(new: str) -> Tuple[str, str]:
    """The ``(module, name)`` pair of a 0.20 spelling (``spelling_020`` checked that both 0.20
    releases have the name in that module)."""
    module, _, name = new.rpartition(".")
    return module, name


ZM005 = Rule(
    code="ZM005",
    name="zenml-path-in-string",
    message="A zenml path given as a string (a mock/monkeypatch target, a `module:name` import string, a `(module, name)` pair) does not exist in ZenML 0.20 or was renamed",
    why=(
        "`mock.patch(\"zenml.repository.Repository\")` and `monkeypatch.setattr(\"zenml...\", value)` "
        "import the dotted path when they run: on ZenML 0.20 a removed module or name fails there "
        "(ModuleNotFoundError / AttributeError), typically in the tests of a project, where no import "
        "line shows it. A path 0.20 still has as a deprecated shim of a renamed object "
        "(`zenml.repository.Repository`, whose class has none of the old members) no longer reaches the "
        "code `--fix` rewrote to the new name. A whole `\"zenml.module:Name\"` string (an entry point, a "
        "plugin table resolved with `importlib.import_module` + `getattr`) fails the same way where it is "
        "resolved, and so does a `(\"zenml.module\", \"Name\")` pair of a lazy-import table. `patch.object(StepContext, "
        "\"metadata_store\")` and `monkeypatch.setattr(Repository, \"active_profile\", v)` read the named attribute of the "
        "object first: AttributeError where the 0.20 class (the one `--fix` spells) lacks it. The path is "
        "checked against the index generated from the real 0.20.0 and 0.20.5 wheels "
        "(like ZM000)."
    ),
    instead="Spell the target with its 0.20 path (`zenml.client.Client` for `zenml.repository.Repository`).",
    fix=Fix.SAFE,
    fix_note=(
        "Safe where a rename of the catalog gives the 0.20 path and its module and name exist in both "
        "0.20 releases: the string fails on every 0.20 as it is. Not fixed when a rule rewrites the "
        "member the path names (the patched call moved elsewhere): a TODO says so."
    ),
    todo="this zenml path does not exist in ZenML 0.20: patch or import the 0.20 object your code uses now",
    match=(ModuleCheck(_zm005_findings),),
    codemod="string_targets:RewriteStringTargets",
    bad=(
        Bad(
            "from unittest import mock\n\n\n@mock.patch(\"zenml.repository.Repository\")\ndef test_x(repo):\n    pass\n",
            fixed="from unittest import mock\n\n\n@mock.patch(\"zenml.client.Client\")\ndef test_x(repo):\n    pass\n",
            count=1,
        ),
        Bad(
            "def test_stack(monkeypatch):\n    monkeypatch.setattr('zenml.repository.Repository.active_stack', None)\n",
            fixed="def test_stack(monkeypatch):\n    monkeypatch.setattr('zenml.client.Client.active_stack', None)\n",
            count=1,
        ),
        Bad(  # a module no 0.20 release has, with a known rename of the name
            "from unittest.mock import patch\n\n\ndef test_cfg():\n"
            "    with patch(\"zenml.steps.base_step_config.BaseStepConfig\"):\n        pass\n",
            fixed="from unittest.mock import patch\n\n\ndef test_cfg():\n"
            "    with patch(\"zenml.steps.BaseParameters\"):\n        pass\n",
            count=1,
        ),
        Bad(  # gone with no successor
            "def test_store(monkeypatch):\n    monkeypatch.setattr(\"zenml.metadata_stores.base_metadata_store.BaseMetadataStore.uri\", 1)\n",
            count=1,
        ),
        Bad(  # a plugin table of import strings: the name is resolved by getattr, the module kept
            'PLUGINS = {\n    "config": "zenml.steps:BaseStepConfig",\n    "docker": "zenml.config.docker_configuration.DockerConfiguration",\n}\n',
            fixed='PLUGINS = {\n    "config": "zenml.steps:BaseParameters",\n    "docker": "zenml.config.DockerSettings",\n}\n',
            count=2,
        ),
        Bad('PLUGINS = {"store": "zenml.metadata_stores:SQLiteMetadataStore"}\n', count=1),  # gone: no successor
        Bad(  # a lazy-import table of (module, name) pairs (PEP 562 __getattr__): both strings rewritten
            '_LAZY = {\n    "Client": ("zenml.repository", "Repository"),\n    "Params": (\'zenml.steps.base_step_config\', \'BaseStepConfig\'),\n}\n',
            fixed='_LAZY = {\n    "Client": ("zenml.client", "Client"),\n    "Params": (\'zenml.steps\', \'BaseParameters\'),\n}\n',
            count=2,
        ),
        Bad('MODELS = [("zenml.metadata_stores", "SQLiteMetadataStore")]\n', count=1),  # gone: no successor
        Bad(  # the call was rewritten to zenml.post_execution.get_pipeline (ZM301): no stand-in here
            "def test_runs(mocker):\n    mocker.patch(\"zenml.repository.Repository.get_pipeline\", return_value=None)\n",
            count=1,
        ),
        Bad(  # an object and the name of its attribute: patch.object reads it first (AttributeError on 0.20)
            "from unittest import mock\n\nimport zenml.steps.step_context\n\n\ndef test_ctx():\n"
            "    with mock.patch.object(zenml.steps.step_context.StepContext, \"metadata_store\", new=None):\n        pass\n",
            count=1,
        ),
        Bad(  # judged on the class --fix writes (Repository -> Client), which has no get_pipeline either
            "from zenml.repository import Repository\n\n\ndef test_runs(mocker, monkeypatch):\n"
            "    mocker.patch.object(Repository, \"get_pipeline\")\n    monkeypatch.setattr(Repository, 'active_profile', None)\n",
            count=2,
        ),
    ),
    good=(
        Good("from unittest import mock\n\n\n@mock.patch(\"zenml.client.Client.active_stack\")\ndef test_x(s):\n    pass\n"),
        Good(  # attributes 0.20 has, and patchers told to create a missing one
            "from unittest import mock\n\nfrom zenml.client import Client\nfrom zenml.steps.step_context import StepContext\n\n\n"
            "def test_ctx(monkeypatch):\n    monkeypatch.setattr(Client, \"active_stack\", None)\n"
            "    with mock.patch.object(StepContext, \"get_output_artifact_uri\"):\n        pass\n"
            "    with mock.patch.object(StepContext, \"metadata_store\", create=True):\n        pass\n"
            "    monkeypatch.setattr(StepContext, \"metadata_store\", None, raising=False)\n"
        ),
        Good("def test_env(monkeypatch):\n    monkeypatch.setattr('zenml.constants.ENV_ZENML_DEBUG', 'x')\n"),
        Good("import importlib\n\nm = importlib.import_module('zenml.steps.step_context')\n"),
        Good("class C:\n    pass\n\n\nsetattr(C, 'zenml.repository', 1)\n"),
        Good(  # pairs 0.20 resolves, and tuples that are no (module, 0.13.2 name) pair
            'LAZY = [("zenml.client", "Client"), ("zenml.steps", "BaseParameters")]\n'
            'OTHER = [("zenml.repository", "repository"), ("zenml.steps", "BaseStepConfig", "x"), ("zenml.repository", 1)]\n'
        ),
        Good(
            'PLUGINS = {"client": "zenml.client:Client", "note": "see zenml.steps: BaseStepConfig", "url": "zenml.io:443"}\n'
            'LOGGERS = ["zenml.repository", "zenml.metadata_stores"]  # module names: a logger, not an import\n'
            'def open_store(store: "zenml.metadata_stores.SQLiteMetadataStore") -> None:  # a type, never imported\n'
            '    print(store)\n'
        ),
    ),
)
