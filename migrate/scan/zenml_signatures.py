"""What a call or an attribute of a real ZenML 0.20.0 / 0.20.5 object accepts, from the index
``scripts/build_zenml_signatures.py`` generated from the wheels (rules/data).

A resolved path (the detector's notation, see ``rules/base.py``) is looked up as written in
0.20 (re-exports followed): ``zenml.steps.step`` is the function, ``zenml.client.Client`` the
class (its constructor), ``zenml.client.Client().get_pipeline`` a method of an instance,
``zenml.client.Client.get_instance`` a class-level member. ``None`` means "cannot be known
here" and is never a finding.
"""

import builtins
import difflib
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, List, Optional, Tuple

from zenml_migrate.scan.api013 import BUILTIN_TYPES, FUNCTION_MADE
from zenml_migrate.scan.data_files import rules_data

VERSIONS = ("0.20.0", "0.20.5")


@lru_cache(maxsize=None)
def _index() -> dict:
    return rules_data("zenml020_signatures.json")


def _per_version(value) -> Tuple:
    return tuple(value) if isinstance(value, list) else (value,) * len(VERSIONS)


@dataclass(frozen=True)
class Signature:
    """One parameter list, as the index writes it (``a,b=,*,c=,**kw``)."""

    text: str

    @property
    def _parts(self) -> List[str]:
        return [p for p in self.text.split(",") if p]

    @property
    def keywords(self) -> FrozenSet[str]:
        """Names a keyword argument may use (positional-only ones excluded)."""
        parts = self._parts
        cut = parts.index("/") + 1 if "/" in parts else 0
        return frozenset(p.rstrip("=") for p in parts[cut:] if not p.startswith("*") and p != "/")

    @property
    def var_keyword(self) -> bool:
        return any(p.startswith("**") for p in self._parts)

    @property
    def var_positional(self) -> bool:
        return any(p.startswith("*") and not p.startswith("**") and p != "*" for p in self._parts)

    @property
    def positional(self) -> List[str]:
        """Parameters that can be given by position, in order."""
        out = []
        for p in self._parts:
            if p.startswith("*"):
                break
            if p != "/":
                out.append(p.rstrip("="))
        return out

    @property
    def required(self) -> List[str]:
        return [p for p in self._parts if p != "/" and not p.startswith("*") and not p.endswith("=")]

    def accepted(self) -> List[str]:
        """What to list in a message: the keywords, then ``**kwargs`` when there is one."""
        return sorted(self.keywords)


# Methods of a user's step or pipeline class (``@step``/``@pipeline`` function, ``BaseStep``/
# ``BasePipeline`` subclass: ``X+()`` to the detector) that are zenml's own: checked like a call on
# the zenml class. A subclass redefining them with other parameters breaks 0.20 itself (its
# ``BaseStep.__init__`` calls ``self.configure(...)``). ``run`` is zenml's when the class has no
# ``~`` mark (it defines no ``run`` and has no base the scan cannot see); its keywords are ZM212's.
USER_CLASS_METHODS = {
    "zenml.steps.base_step.BaseStep": ("after", "configure", "with_return_materializers"),
    "zenml.pipelines.base_pipeline.BasePipeline": ("configure", "with_config", "write_run_configuration_template"),
}  # + BasePipeline's ``run`` (below)


def zenml_method(path: str) -> str:
    """``zenml.steps.base_step.BaseStep+().configure`` (a method zenml defines, called on an
    instance of a user's class) as the call of the zenml class's method; any other path as is."""
    head, sep, member = path.partition("+().")
    cls = head.partition("~")[0]
    zenmls = member in USER_CLASS_METHODS.get(cls, ()) or (member == "run" and head.partition("~")[2] in ("", FUNCTION_MADE[1:]))
    return f"{cls}().{member}" if sep and zenmls else path


def _define(path: str, version: int) -> str:
    alias = _index()["aliases"].get(path)
    if alias is None:
        return path
    return _per_version(alias)[version] or path


def _class(path: str, version: int) -> Optional[dict]:
    entry = _index()["classes"].get(_define(path, version))
    return _per_version(entry)[version] if entry is not None else None


def _defining(path: str) -> str:
    return _define(path, len(VERSIONS) - 1)


def signature_0132(path: str) -> Optional[Signature]:
    """What 0.13.2 accepted for a callable the two 0.20 releases disagree on (else None)."""
    v0132 = _index()["v0132"]
    head, sep, member = path.partition("().")
    if not sep:
        owner, _, member = path.rpartition(".")
        head = path
    entry = v0132.get(_defining(head))
    if isinstance(entry, str):
        return Signature(entry)
    if isinstance(entry, dict):
        if not sep and "i" in entry and entry["i"] is not None:
            return Signature(entry["i"])
        kind = entry.get("m", {}).get(member) if sep else None
        if kind and kind[:1] in ("~", "^"):
            return Signature(kind[1:])
    if not sep:
        entry = v0132.get(_defining(owner))
        kind = entry.get("m", {}).get(member) if isinstance(entry, dict) else None
        if kind and kind[:1] == "^":
            return Signature(kind[1:])
    return None


def members_0132(owner: str) -> Optional[FrozenSet[str]]:
    entry = _index()["v0132"].get(_defining(owner))
    if isinstance(entry, dict) and not entry.get("o"):
        return frozenset(entry.get("m", {}))
    return None


#: 0.20 classes whose ``__new__`` returns an instance of another class built from the same
#: arguments: ``zenml.repository.Repository`` is 0.20's deprecated alias, ``__new__(cls, *args,
#: **kwargs)`` returns ``Client(*args, **kwargs)`` (0.20.0 and 0.20.5; tests/test_signatures.py
#: checks it on the wheels): a call is judged by that class's constructor
CONSTRUCTS = {"zenml.repository.Repository": "zenml.client.Client"}


def callable_signatures(path: str) -> Optional[Tuple[Optional[Signature], ...]]:
    """The signature of the callable ``path`` names in each 0.20 release (None where it cannot
    be known or is missing), or None when ``path`` is no zenml callable this index knows."""
    if "+" in path or not path.startswith("zenml"):
        return None
    path = CONSTRUCTS.get(path, path)
    head, sep, member = path.partition("().")
    if sep:  # an instance method: zenml.x.Class().method
        if "(" in member or "." in member or "(" in head:
            return None
        return _member_signatures(head, member, instance=True)
    if "(" in path:
        return None
    out = []
    found = False
    for v in range(len(VERSIONS)):
        target = _define(path, v)
        fn = _per_version(_index()["functions"].get(target))[v] if target in _index()["functions"] else None
        if fn is not None:
            found = True
            out.append(Signature(fn))
            continue
        cls = _class(path, v)
        if cls is not None:
            found = True
            out.append(Signature(cls["i"]) if "i" in cls else None)
            continue
        out.append(None)
    if found:
        return tuple(out)
    owner, _, member = path.rpartition(".")
    return _member_signatures(owner, member, instance=False)


def _member_signatures(owner: str, member: str, instance: bool) -> Optional[Tuple[Optional[Signature], ...]]:
    out, found = [], False
    for v in range(len(VERSIONS)):
        cls = _class(owner, v)
        if cls is None or (instance and member in cls.get("v", ())):
            out.append(None)  # unknown, or the instance may be of a subclass that overrides it
            continue
        kind = cls["m"].get(member)
        if kind is None:
            out.append(None)
            continue
        found = True
        if kind.startswith("^") or (kind.startswith("~") and instance):
            out.append(Signature(kind[1:]))
        else:
            out.append(None)  # a property, a field, or an unbound method called on the class
    return tuple(out) if found else None


# builtin types zenml 0.20 returns where 0.13.2 returned its own objects, with their members
BUILTIN_MEMBERS = {
    path: frozenset(m for m in dir(getattr(builtins, path.split(".", 1)[1])) if not m.startswith("_"))
    for path in BUILTIN_TYPES
}


def missing_member(owner: str, member: str) -> Optional[Tuple[Tuple[str, ...], Optional[str]]]:
    """For ``owner`` (a zenml class path, the class itself or ``X()`` an instance of it) without
    ``member`` in some 0.20 release: (the releases that lack it, the closest member), else None.
    Open classes (members not knowable) and private names are never reported. A class the
    ``@step`` / ``@pipeline`` decorator made (``X~@+``, ``FUNCTION_MADE``) has the members of
    ``X`` only: it is looked up as ``X`` (its instances are of that class, no other). An
    instance of a class zenml subclasses (``s``: ``Client().zen_store``, a stack's
    ``orchestrator``) may be of a subclass: its member is judged only when 0.13.2's class had
    it (the code relied on the base API) and no zenml subclass has it either (``a``)."""
    if member.startswith("_") and member not in PYDANTIC_DUNDERS:
        return None
    path = owner[:-2] if owner.endswith("()") else owner
    if path in BUILTIN_MEMBERS:  # a plain value a zenml API gives (api013: a stack model's component lists)
        known = BUILTIN_MEMBERS[path]
        return None if member in known else (tuple(VERSIONS), closest(member, known))
    made = path.endswith(FUNCTION_MADE + "+")
    path = path[: -len(FUNCTION_MADE) - 1] if made else path
    if "(" in path or "+" in path or "~" in path or not path.startswith("zenml"):
        return None
    lacking, pool = [], set()
    for v, version in enumerate(VERSIONS):
        cls = _class(path, v)
        if cls is None or cls.get("o"):
            return None  # members unknowable
        if cls.get("s") and owner.endswith("()") and not made and not _base_member_gone(path, cls, member):
            return None  # the instance may be of a zenml subclass that has it
        if not _has(cls, member):
            lacking.append(version)
            pool.update(cls["m"])  # the closest name where it is missing
    if not lacking:
        return None
    if VERSIONS[-1] not in lacking:
        # added in the last 0.20 release: code written for it is fine; only 0.13.2 code that used
        # it breaks on the earlier one (a member 0.20.5 removed fails on the release users run)
        old = members_0132(path)
        if old is None or _as_stored(member) not in old:
            return None
    if member in PYDANTIC_DUNDERS:
        return tuple(lacking), None  # no 0.20 name of it: the class is no pydantic model there
    hits = difflib.get_close_matches(member, sorted(pool), n=1, cutoff=0.6)
    return tuple(lacking), (hits[0] if hits else None)


#: the class-level members pydantic v1 gives every model, which the index (public names only)
#: does not store: a zenml class has them exactly where it is a pydantic model, and the index
#: records that through the public members pydantic adds with them (``PYDANTIC_MEMBERS`` of
#: ``scripts/build_zenml_signatures.py``: ``parse_obj`` among them). 0.13.2's stack components were
#: pydantic models (``LocalArtifactStore.__fields__``), 0.20's are not (their config classes are)
PYDANTIC_DUNDERS = frozenset({"__fields__", "__config__", "__validators__"})
PYDANTIC_MARK = "parse_obj"


def _as_stored(member: str) -> str:
    """The member the index stores for ``member``: a pydantic dunder is judged as pydantic's ``parse_obj``."""
    return PYDANTIC_MARK if member in PYDANTIC_DUNDERS else member


def _has(cls: dict, member: str) -> bool:
    return _as_stored(member) in cls["m"]


def lacks_member(path: str, member: str) -> Tuple[str, ...]:
    """The 0.20 releases whose class ``path`` itself (not a subclass: ``self`` in a user's subclass
    of it) has no ``member``; () when every release has it or its members cannot be known there."""
    out = []
    for v, version in enumerate(VERSIONS):
        cls = _class(path, v)
        if cls is None or cls.get("o"):
            return ()
        if not _has(cls, member):
            out.append(version)
    return tuple(out)


def has_member(path: str, member: str) -> bool:
    """The zenml class ``path`` has ``member`` in a 0.20 release (known, not merely not excluded)."""
    return any(member in (cls.get("m") or ()) for cls in (_class(path, v) for v in range(len(VERSIONS))) if cls)


def _base_member_gone(path: str, cls: dict, member: str) -> bool:
    """For an instance typed as ``path``, a class zenml subclasses (``cls``: one release's entry):
    does ``member`` fail on every instance there? Only a member of 0.13.2's class (what 0.13.2
    code could rely on for any instance) that neither ``path`` nor a zenml subclass of it has
    (``a``: their added members, ``"*"`` when one is open). False when 0.13.2's class is unknown."""
    added = cls.get("a", "*")
    old = members_0132(path)
    member = _as_stored(member)
    return added != "*" and old is not None and member in old and member not in added


def member_on_releases(owner: str, member: str) -> Optional[Tuple[bool, bool, Optional[bool]]]:
    """``hasattr(owner, member)`` on 0.20.0 and 0.20.5, then on 0.13.2 (None: not known), for
    ``owner`` a zenml class or ``X()`` an instance of one; None when a 0.20 answer is not certain
    (members not knowable, a private name, an instance lacking it: it may be of a subclass, zenml's
    or the user's, that has it)."""
    path = owner[:-2] if owner.endswith("()") else owner
    if member.startswith("_") or not path.startswith("zenml") or any(c in path for c in "(+~"):
        return None
    if owner.endswith("()"):
        path = CONSTRUCTS.get(path, path)  # ``Repository()`` is a ``Client`` on 0.20
    out: List[Optional[bool]] = []
    for v in range(len(VERSIONS)):
        cls = _class(path, v)
        if cls is None or cls.get("o"):
            return None
        has = _has(cls, member)
        if not has and owner.endswith("()"):
            return None
        if not owner.endswith("()") and PYDANTIC_MARK in cls["m"]:
            return None  # on a pydantic model class a field is no class attribute (hasattr False)
        out.append(has)
    old = members_0132(path)
    return out[0], out[1], (None if old is None else _as_stored(member) in old)


def is_class(path: str) -> bool:
    return any(_class(path, v) is not None for v in range(len(VERSIONS)))


def closest(name: str, candidates) -> Optional[str]:
    hits = difflib.get_close_matches(name, sorted(candidates), n=1, cutoff=0.6)
    return hits[0] if hits else None


def classes() -> Dict[str, object]:
    return _index()["classes"]


@lru_cache(maxsize=None)
def step_classes_0132() -> FrozenSet[str]:
    """The 0.13.2 classes that derive from ``BaseStep`` (built-in integration steps, step
    interfaces): built by ``BaseStep``'s constructor (see the build script)."""
    return frozenset(_index()["steps0132"])


def successors() -> Dict[str, str]:
    """``{0.13.2 keyword: 0.20 keyword}`` renamed on the same callables (see the build script)."""
    return _index()["successors"]
