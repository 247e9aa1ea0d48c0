"""The CLI rules (``Command`` matchers, ``rules/cli.py``) on command lines: every ``zenml``
invocation (``migrate/scan/command_lines.py``) is resolved against ZenML 0.13.2's own command
tree, then checked against the rules and against the 0.20.0 and 0.20.5 trees (all three
generated from the real CLIs by ``scripts/build_cli_trees.py``). A command 0.20 kept, typed
the way 0.20 accepts it, is never flagged; a command path none of the three trees has (an
older era's command, a typo) is flagged with the closest 0.20 command.
"""

import bisect
import difflib
import itertools
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Set, Tuple

from zenml_migrate.findings import FIX_WRITES, FileResult, Finding, Span, TextEdit
from zenml_migrate.rules.base import command_matchers, env_matchers
from zenml_migrate.scan.command_lines import HEREDOC, Section, Word, section_commands, sections, zenml_argv

OLD = "0.13.2"
NEW = ("0.20.0", "0.20.5")


@lru_cache(maxsize=None)
def trees() -> Dict[str, Dict[str, dict]]:
    from zenml_migrate.scan.data_files import rules_data

    return rules_data("zenml_cli.json")


@lru_cache(maxsize=4096)
def _spellings(version: str, command: str) -> Dict[str, Tuple[str, bool]]:
    """``{"-m": ("metadata_store_name", False), ...}`` for one command of one version."""
    node = trees()[version].get(command)
    out: Dict[str, Tuple[str, bool]] = {}
    if node is not None:
        for param, spec in node["options"].items():
            for opt in spec["opts"]:
                out[opt] = (param, spec["flag"])
    return out


@dataclass
class Used:
    """An option used in a zenml command line."""

    param: str  # click parameter name
    spelling: str  # as typed (``-m``, ``--metadata-store``)
    word: int  # index in Invocation.words
    value: Optional[int]  # index of its value word (None: a flag, ``--x=v`` or ``-mv``)


@dataclass
class Invocation:
    """A zenml command line, split into the command and its options."""

    words: List[Word]  # from the ``zenml`` word on
    path: Tuple[str, ...]  # the 0.13.2 command, e.g. ("stack", "register")
    path_words: List[int]  # index in ``words`` of each element of ``path``
    options: List[Used]
    stray: Optional[int] = None  # index of the word below a group that is no 0.13.2 command of it

    @property
    def command(self) -> str:
        return " ".join(self.path)


def resolve(argv: List[Word]) -> Invocation:
    tree = trees()[OLD]
    path: List[str] = []
    path_words: List[int] = []
    options: List[Used] = []
    stray = None
    node = tree[""]
    i = 1
    while i < len(argv):
        v = argv[i].value
        if v == "--":
            break
        if v.startswith("-") and len(v) > 1:
            spelled, eq, _ = v.partition("=") if v.startswith("--") else (v, "", "")
            known = _spellings(OLD, " ".join(path))
            hit = known.get(spelled)
            if hit is None and not v.startswith("--"):
                short = next((o for o in known if len(o) == 2 and v.startswith(o) and not known[o][1]), None)
                if short is not None:  # -mVALUE
                    options.append(Used(known[short][0], short, i, None))
                    i += 1
                    continue
            if hit is None:
                i += 1
                continue
            param, flag = hit
            takes = not flag and not eq
            value = i + 1 if takes and i + 1 < len(argv) else None
            options.append(Used(param, spelled, i, value))
            i += 2 if value is not None else 1
            continue
        if node["group"]:
            key = " ".join(path + [v])
            if key not in tree:
                stray = i  # not a 0.13.2 command (a 0.20 one, an older one, a typo, a variable): see _unknown
                break
            path.append(v)
            path_words.append(i)
            node = tree[key]
        i += 1
    return Invocation(argv, tuple(path), path_words, options, stray)


# ------------------------------------------------------------------ matching
RULE_FIX = "rule"  # Match.fix: the rule's own fix level


@dataclass
class Match:
    """A command rule's finding in a command line."""

    rule: object
    start: int  # offsets of the flagged characters
    end: int
    message: str
    invocation: Invocation
    used: Optional[Used] = None
    anchor: Optional[int] = None  # the section's anchor (where a note goes), see command_lines.Section
    fix: Optional[str] = RULE_FIX  # this occurrence's fix level when it is not the rule's
    replacement: Optional[str] = None  # the text a codemod writes over ``start:end`` (when it is per occurrence)
    old: Optional[str] = None  # what ``replacement`` replaces when the codemod finds it in a word
    at: Optional[Tuple[int, int]] = None  # where ``replacement`` goes when that is not ``start:end``

    @property
    def fix_value(self) -> Optional[str]:
        return self.rule.fix_value if self.fix == RULE_FIX else self.fix


@lru_cache(maxsize=1)
def _catalog_matchers() -> Tuple[Tuple[object, object], ...]:
    from zenml_migrate.rules import all_rules

    return tuple(
        (r, m) for r, m in command_matchers(all_rules())
        if not (m.removed or m.unknown or m.unknown_option or m.flavor_source or m.missing_required or m.pins or m.component_keys or m.renamed_flavor)
    )


def _path_matches(m, path: Tuple[str, ...]) -> bool:
    """``*`` stands for any one command (``"* register"``: every component group's register)."""
    for p in m.paths:
        want = p.split()
        if len(path) < len(want) or (len(path) > len(want) and not m.prefix):
            continue
        if all(w == "*" or w == got for w, got in zip(want, path)):
            return True
    return False


def _explained(path: Tuple[str, ...], param: Optional[str]) -> bool:
    """Does a rule of the catalog (selected or not) speak about this command or option?"""
    for _, m in _catalog_matchers():
        if not _path_matches(m, path):
            continue
        if param is None and not m.options:
            return True
        if param is not None and (param in m.options or not m.options):
            return True
    return False


def match_invocation(inv: Invocation, matchers, project: Optional[Dict[str, str]] = None,
                     registered: Optional[Dict[Tuple[str, str], Set[str]]] = None, target: Optional[str] = None) -> List[Match]:
    """``project``: the scan's project index (what a ``flavor register`` source becomes);
    ``target``: the release a fix writes for (``ScanContext.target``: its CLI registers the source);
    ``registered``: the flavors of the components the text registered before this command
    (``(type, name) -> {flavor}``, filled here; what an ``update`` of them checks against)."""
    out: List[Match] = []
    words = inv.words
    if registered is not None:
        component_registered(inv, registered)
    for rule, m in matchers:
        if m.removed:
            out.extend(_removed(inv, rule))
            continue
        if m.unknown:
            out.extend(_unknown(inv, rule))
            continue
        if m.unknown_option:
            out.extend(_unknown_options(inv, rule))
            continue
        if m.missing_required:
            out.extend(_missing_required(inv, rule))
            continue
        if m.component_keys:
            out.extend(component_keys(inv, rule, registered))
            continue
        if m.renamed_flavor:
            out.extend(renamed_flavor(inv, rule))
            continue
        if not inv.path or not _path_matches(m, inv.path):
            continue
        if m.flavor_source:
            out.extend(_flavor_source(inv, rule, project, target))
            continue
        if not m.options:
            out.append(Match(rule, words[0].start, words[inv.path_words[-1]].end, rule.message, inv))
            continue
        for used in inv.options:
            if used.param in m.options:
                last = words[used.value if used.value is not None else used.word]
                out.append(Match(rule, words[used.word].start, last.end, rule.message, inv, used))
    return out


def _removed(inv: Invocation, rule) -> Iterable[Match]:
    """Commands and options of 0.13.2 that 0.20.0 or 0.20.5 lacks (nothing else explains them)."""
    words = inv.words
    for k in range(1, len(inv.path) + 1):
        key = " ".join(inv.path[:k])
        missing = [v for v in NEW if key not in trees()[v]]
        if missing:
            if not _explained(inv.path[:k], None):
                where = "ZenML 0.20" if len(missing) == len(NEW) else f"ZenML {missing[0]}"
                parent = " ".join(inv.path[: k - 1])
                helper = f"zenml {parent} --help" if parent else "zenml --help"
                message = f"`zenml {key}` does not exist in {where}; see `{helper}` of 0.20 for what replaced it"
                yield Match(rule, words[0].start, words[inv.path_words[k - 1]].end, message, inv)
            return
    for used in inv.options:
        missing = [v for v in NEW if used.spelling not in _spellings(v, inv.command)]
        if missing and not _explained(inv.path, used.param):
            where = "ZenML 0.20" if len(missing) == len(NEW) else f"ZenML {missing[0]}"
            last = words[used.value if used.value is not None else used.word]
            message = f"`{used.spelling}` of `zenml {inv.command}` does not exist in {where}; see `zenml {inv.command} --help` of 0.20"
            yield Match(rule, words[used.word].start, last.end, message, inv, used)


def _arguments(inv: Invocation) -> List[int]:
    """Indices in ``inv.words`` of the positional arguments after the command path."""
    taken = {i for u in inv.options for i in (u.word, u.value) if i is not None}
    first = inv.path_words[-1] + 1 if inv.path_words else len(inv.words)
    return [i for i in range(first, len(inv.words)) if i not in taken and not inv.words[i].value.startswith("-")]


def _flavor_source(inv: Invocation, rule, project: Optional[Dict[str, str]], target: Optional[str]) -> Iterable[Match]:
    from zenml_migrate.scan.component_port import register_checks

    args = _arguments(inv)
    if not args:
        return
    word = inv.words[args[0]]
    for check in register_checks(word.value, project, target, inv.path[0]):
        if check.whole:
            message = check.why
        elif check.fix == "safe":
            message = f"{rule.message}: {check.why}"
        else:
            message = f"{rule.message} ({'an unsafe fix' if check.fix == 'unsafe' else 'no automatic fix'} here: {check.why})"
        start, end = (inv.words[0].start, inv.words[inv.path_words[-1]].end) if check.cli else (word.start, word.end)
        yield Match(rule, start, end, message, inv, fix=check.fix, replacement=check.replacement)


# a command name as typed: not ``$VAR``, ``{var}``, ``<COMPONENT>``, ``STACK_NAME`` (placeholders, expansions)
_LITERAL = re.compile(r"^[a-z][a-z0-9_-]*$")


def _unknown(inv: Invocation, rule) -> Iterable[Match]:
    """The first command word (from where the 0.13.2 tree ended) that no 0.20 tree has below
    the group before it: click fails there with "No such command" on every 0.20 release."""
    if inv.stray is None or not any(inv.command in trees()[v] for v in NEW):
        return  # below a group 0.20 dropped: ZM959 (or the rule that explains it) speaks about the group
    words = inv.words
    path = list(inv.path)
    i = inv.stray
    while i < len(words):
        v = words[i].value
        if v == "--" or not _LITERAL.match(v):
            return
        key = " ".join(path + [v])
        nodes = [trees()[t][key] for t in NEW if key in trees()[t]]
        if not nodes:
            typed = path + [v] + _plain_words(words[i + 1 : i + 4])
            near = closest_command(" ".join(typed))
            parent = " ".join(path)
            hint = f"the closest 0.20 command is `zenml {near}`" if near else f"see `zenml {parent + ' ' if parent else ''}--help` of 0.20"
            message = f"`zenml {key}` is not a command in ZenML 0.20 (nor in 0.13.2): it fails with 'No such command'; {hint}"
            yield Match(rule, words[0].start, words[i].end, message, inv)
            return
        if not any(n["group"] for n in nodes):
            return
        path.append(v)
        i += 1
        while i < len(words) and words[i].value.startswith("-") and words[i].value != "--":
            i += 1  # a group's own options are flags (``--version``)


# an option as typed (``--flavor``, ``-f``, ``--path=$P``), not ``-$X``/``--{opt}`` (expansions)
_LITERAL_OPTION = re.compile(r"^--?[A-Za-z0-9][A-Za-z0-9_-]*(=.*)?$", re.S)


def _unknown_options(inv: Invocation, rule) -> Iterable[Match]:
    """Options that the real 0.20.0 or 0.20.5 command does not know, parsed the way click
    parses them (``parse_with``), that 0.13.2 did not know either at this command (what
    0.13.2 had is ZM959's or the rule's that explains it): click fails with "No such option"
    or "Got unexpected extra arguments" (an unknown option passed on to a command without an
    ``ARGS...`` catch-all)."""
    known_013 = {u.word for u in inv.options} | {u.value for u in inv.options if u.value is not None}
    missing: Dict[int, Tuple[str, List[str]]] = {}
    for version in NEW:
        for index, command in parse_with(inv.words, version):
            if index not in known_013:
                missing.setdefault(index, (command, []))[1].append(version)
    for index, (command, versions) in sorted(missing.items()):
        word = inv.words[index]
        spelling = word.value.partition("=")[0] if word.value.startswith("--") else word.value
        where = "ZenML 0.20" if len(versions) == len(NEW) else f"ZenML {versions[0]}"
        message = f"`{spelling}` is not an option of `zenml {command}` in {where}: click fails ('No such option' or 'unexpected extra arguments'); {option_hint(spelling, command)}"
        new = respelled(spelling, command) or attribute_respelled(inv, word.value)
        used = Used("", spelling, index, None)
        if new is not None:
            yield Match(rule, word.start, word.end, message, inv, used, fix="safe", replacement=new)
        else:
            yield Match(rule, word.start, word.end, f"{message} (no automatic fix here: no option of both 0.20 releases has this name)", inv, used, fix=None)


# an expansion or a placeholder in a word (``$FLAGS``, ``{opts}``, a run-time part)
_EXPANDS = re.compile(r"[$`{*?]")


# ------------------------------------------------------------------ component attributes
def _component_command(inv: Invocation) -> Optional[Tuple[str, str]]:
    """``(0.20 component type, verb)`` of ``zenml <component> register/update ...`` typed
    plainly (no ``--help``, no run-time words), else None."""
    from zenml_migrate.profiles.flavors_020 import catalog

    if len(inv.path) != 2 or inv.path[1] not in ("register", "update") or inv.stray is not None:
        return None
    type_ = inv.path[0].replace("-", "_")
    if type_ not in catalog() or any(w.more for w in inv.words):
        return None
    if any(w.value in ("--help", "-h") for w in inv.words[inv.path_words[-1] + 1 :]):
        return None
    return type_, inv.path[1]


def _flavor_option(inv: Invocation) -> Optional[Tuple[Used, str]]:
    """The ``--flavor``/``-f`` option (0.13.2's ``-t/--type`` too) and its value as typed; None
    when not given or not a plain word."""
    found = None
    for u in inv.options:
        if u.param not in ("flavor", "old_flavor"):
            continue
        word = inv.words[u.word].value
        if u.value is not None:
            found = (u, inv.words[u.value].value)
        elif word.startswith("--"):
            found = (u, word.partition("=")[2])
        else:
            found = (u, word[len(u.spelling) :])
    if found is None or _EXPANDS.search(found[1]) or not found[1]:
        return None
    return found


def _typed_flavor(inv: Invocation) -> Optional[str]:
    """The 0.20 name of the flavor the command gives (a 0.13.2 name 0.20 renamed: the new one)."""
    from zenml_migrate.profiles.flavors_020 import renamed_013

    found = _flavor_option(inv)
    if found is None:
        return None
    type_ = inv.path[0].replace("-", "_")
    return renamed_013().get(type_, {}).get(found[1], found[1])


def renamed_flavor(inv: Invocation, rule) -> Iterable[Match]:
    """``zenml secrets-manager register NAME --flavor gcp_secrets_manager``: a 0.13.2 flavor
    name 0.20 gives another name ('No flavor with name ...' on 0.20.0 and 0.20.5): the 0.20 name
    is the same flavor (``renamed_013`` of ``profiles/data/flavors_020.json``, from 0.13.2's
    integration registry and the 0.20 flavors)."""
    from zenml_migrate.profiles.flavors_020 import renamed_013

    found = _component_command(inv)
    option = _flavor_option(inv) if found is not None and found[1] == "register" else None
    if option is None:
        return
    used, old = option
    new = renamed_013().get(found[0], {}).get(old)
    if new is None:
        return
    word = inv.words[used.value if used.value is not None else used.word]
    message = f"{rule.message}: `{old}` is the `{new}` flavor of ZenML 0.20 (0.20 has no flavor of the old name: 'No flavor with name ... exists')"
    yield Match(rule, word.start, word.end, message, inv, used, fix="safe", replacement=new, old=old)


def _component_name(inv: Invocation) -> Optional[str]:
    args = _arguments(inv)
    if len(args) != 1 or _EXPANDS.search(inv.words[args[0]].value):
        return None
    return inv.words[args[0]].value


def component_registration(inv: Invocation) -> Optional[Tuple[str, str, str]]:
    """``(0.20 component type, NAME, flavor)`` of a plainly typed ``zenml <component> register
    NAME --flavor F``, else None."""
    found = _component_command(inv)
    if found is None or found[1] != "register":
        return None
    name, flavor = _component_name(inv), _typed_flavor(inv)
    return (found[0], name, flavor) if name is not None and flavor is not None else None


def component_registered(inv: Invocation, registered: Dict[Tuple[str, str], Set[str]]) -> None:
    """Remember the flavor a plainly typed ``zenml <component> register NAME --flavor F`` gives
    NAME (an ``update NAME`` later in the same text is checked against it)."""
    found = component_registration(inv)
    if found is not None:
        registered.setdefault(found[:2], set()).add(found[2])


def _norm_key(key: str) -> str:
    return key.lower().replace("_", "")


def attribute_respelled(inv: Invocation, typed: str) -> Optional[str]:
    """``--kubernetes-context`` of ``--kubernetes-context=ctx`` in ``zenml <component> register
    NAME --flavor F``: an attribute 0.20 rejects as no identifier ('Invalid argument') that is
    one key of the flavor spelled with ``-`` (or in another case) -> ``--kubernetes_context``."""
    from zenml_migrate.profiles.flavors_020 import builtin

    found = _component_command(inv)
    name, eq, _ = typed.partition("=")
    if found is None or found[1] != "register" or not eq or not name.startswith("--") or _EXPANDS.search(name):
        return None
    flavor = _typed_flavor(inv)
    spec = builtin(found[0], flavor) if flavor else None
    if spec is None:
        return None
    same = [k for k in spec["keys"] if _norm_key(k) == _norm_key(name[2:].replace("-", "_"))]
    return f"--{same[0]}" if len(same) == 1 else None


def component_keys(inv: Invocation, rule, registered: Optional[Dict[Tuple[str, str], Set[str]]] = None) -> Iterable[Match]:
    """``--key=value`` attributes of ``zenml <component> register NAME --flavor F`` (or of
    ``update NAME`` of a component the same text registered with one flavor) that the config of
    the 0.20 flavor rejects: 0.20.0 and 0.20.5 validate the attributes with the flavor's config
    class, which forbids other keys (ValidationError 'extra fields not permitted'). The keys and
    the deprecated keys each config still takes come from the real releases
    (``profiles/data/flavors_020.json``, ``scripts/build_flavor_catalog.py``). A flavor 0.20 does
    not have (a custom flavor, an expansion) is not judged. A key that is an accepted key typed
    in another case or without ``_`` (``--kubernetesContext=``) is respelled (the same key)."""
    from zenml_migrate.profiles.flavors_020 import REMOVED_KEYS, builtin

    found = _component_command(inv)
    if found is None:
        return
    type_, verb = found
    if verb == "register":
        flavor = _typed_flavor(inv)
    else:
        name = _component_name(inv)
        flavors = (registered or {}).get((type_, name or ""), set())
        flavor = next(iter(flavors)) if len(flavors) == 1 else None
    spec = builtin(type_, flavor) if flavor else None
    if spec is None or spec.get("extra", True):
        return
    accepted = set(spec["keys"]) | set(spec.get("aliases", {}))
    taken = {i for u in inv.options for i in (u.word, u.value) if i is not None}
    shown = f"`{flavor}` {inv.path[0]} flavor"
    listed = f"its keys are {', '.join(spec['keys'])}" if spec["keys"] else "it takes no attributes"
    for index in range(inv.path_words[-1] + 1, len(inv.words)):
        word = inv.words[index]
        if index in taken or not _ATTRIBUTE.match(word.value):
            continue
        key = word.value[2:].partition("=")[0]
        if key in accepted:
            continue
        where = "registering" if verb == "register" else "the update"
        message = f"`--{key}` is not a key of the ZenML 0.20 {shown}: {where} fails with ValidationError 'extra fields not permitted'"
        same = [k for k in spec["keys"] if _norm_key(k) == _norm_key(key)]
        removed = REMOVED_KEYS.get((type_, flavor), {}).get(key)
        used = Used("", f"--{key}", index, None)
        if len(same) == 1:
            yield Match(rule, word.start, word.end, f"{message}; ZenML 0.20 spells it `--{same[0]}`", inv, used, fix="safe", replacement=f"--{same[0]}")
            continue
        if removed:
            hint = f"0.20 dropped it: {removed}"
        else:
            close = difflib.get_close_matches(key, spec["keys"], n=1, cutoff=0.6)
            hint = f"did you mean `--{close[0]}`? ({listed})" if close else listed
        why = "0.20 has no place for it in this component" if removed else "no key of the flavor is this one spelled otherwise"
        yield Match(rule, word.start, word.end, f"{message}; {hint} (no automatic fix here: {why})", inv, used, fix=None)


def _missing_required(inv: Invocation, rule) -> Iterable[Match]:
    """A required option of the real 0.20.0 or 0.20.5 command (``stack register`` without
    ``-o``, a component ``register`` without ``--flavor``) that the line does not give: click
    fails with "Missing option". The line asks for ``--help``, or the command is not one of
    both 0.20 trees: not judged (other rules speak then). An option a safe rewrite of this line
    spells (``-t x`` becomes ``--flavor x``, ``--artifact_store x`` becomes ``--artifact-store x``)
    counts.

    What an expansion can be is decided by where it stands: in an option word
    (``--flavor=$FLAVOR``) or right after an option that takes a value (``-o {orch}``) it is
    that value; a quoted one elsewhere (``"$NAME"``) is one argument; an unquoted one elsewhere
    (``$FLAGS``, ``{opts}``, ``{{args}}``, ``"$@"``, Python's ``*args``) may be any options: the
    line is not judged."""
    words = inv.words
    if not inv.path or inv.stray is not None or any(_EXPANDS.search(words[i].value) for i in inv.path_words) or any(w.more for w in words):
        return
    command = inv.command
    nodes = [(v, trees()[v].get(command)) for v in NEW]
    if any(node is None or node["group"] for _, node in nodes):
        return
    takes_value = {o for _, node in nodes for spec in node["options"].values() if not spec.get("flag") for o in spec["opts"]}
    typed: Set[str] = set()
    value_next = False
    for w in words[inv.path_words[-1] + 1 :]:
        if value_next:
            value_next = False
            continue
        if w.value == "--":
            break
        name = w.value.partition("=")[0]
        if w.value.startswith("-") and len(w.value) > 1 and not _EXPANDS.search(name):
            # ZM960's safe respelling (``--artifact_store`` -> ``--artifact-store``) gives the option
            respelling = respelled(name, command) if w.value.startswith("--") else None
            if w.value.startswith("--"):
                typed.update((name, respelling) if respelling else (name,))
            else:
                typed.update((w.value, w.value[:2]))
            value_next = "=" not in w.value and (w.value in takes_value or respelling in takes_value)
        elif w.splits:
            return
    if typed & set(nodes[0][1]["help"]):
        return
    for renaming, m in _catalog_matchers():
        if renaming.codemod and renaming.codemod.endswith(":RenameOption") and _path_matches(m, inv.path):
            if any(u.param in m.options for u in inv.options):
                typed.add(renaming.arg("option"))
    missing: Dict[str, Tuple[List[str], List[str]]] = {}
    for version, node in nodes:
        for param, spec in sorted(node["options"].items()):
            if spec.get("required") and not typed & set(spec["opts"]):
                missing.setdefault(param, (spec["opts"], []))[1].append(version)
    for param, (opts, versions) in missing.items():
        spelled = "/".join(sorted(opts, key=lambda o: (len(o), o)))
        where = "ZenML 0.20" if len(versions) == len(NEW) else f"ZenML {versions[0]}"
        message = f"`zenml {command}` needs `{spelled}` in {where}: click fails with 'Missing option'"
        yield Match(rule, words[0].start, words[inv.path_words[-1]].end, message, inv)


def respelled(spelling: str, command: str) -> Optional[str]:
    """The spelling of both 0.20 releases of the option typed ``spelling`` with ``_`` for ``-``
    (or another case): the same option, so the rewrite keeps its meaning."""
    if not spelling.startswith("--"):
        return None
    found = [{o for o in _spellings(v, command) if o.startswith("--") and _norm(o) == _norm(spelling)} for v in NEW]
    both = sorted(set.intersection(*found))
    return both[0] if len(both) == 1 and both[0] != spelling else None


def parse_with(words: List[Word], version: str) -> List[Tuple[int, str]]:
    """``(index in words, command)`` of every option the command of ``version`` rejects, read
    as click reads the line: group options before each subcommand, ``--x=v``, ``-xV``, flag
    clusters ``-yf``, ``nargs`` values, ``--`` ending the options. A group stops at its first
    unknown option (click does); a command that passes unknown options on to an ``ARGS...``
    catch-all (``register NAME --key=value``) rejects none. Words that are expansions are
    skipped; an unknown command ends the reading (ZM957 speaks about it)."""
    tree = trees()[version]
    path: List[str] = []
    node = tree[""]
    out: List[Tuple[int, str]] = []
    i = 1
    while i < len(words):
        v = words[i].value
        if v == "--":
            break
        if v.startswith("-") and len(v) > 1:
            if not _LITERAL_OPTION.match(v):
                i += 1
                continue
            taken = _option_words(v, version, " ".join(path), node)
            if taken is not None:
                i += taken
                continue
            if node["group"]:
                out.append((i, " ".join(path)))
                return out
            if not (node.get("ignore_unknown") and node.get("catch_all")) or _bad_attribute(path, v):
                out.append((i, " ".join(path)))
            i += 1
            continue
        if node["group"]:
            key = " ".join(path + [v])
            if key not in tree:
                return out
            path.append(v)
            node = tree[key]
        i += 1
    return out


_ATTRIBUTE = re.compile(r"^--[A-Za-z_][A-Za-z0-9_]*=", re.S)


def _bad_attribute(path: List[str], v: str) -> bool:
    """``zenml <component> register/update NAME --key=value``: 0.13.2 and 0.20 read what click
    passes on as attributes, each ``--key=value`` with an identifier as the key (``--path
    s3://b`` and ``--kubernetes-context=x`` fail with 'Invalid argument')."""
    return bool(path) and path[-1] in ("register", "update") and not _ATTRIBUTE.match(v)


def _option_words(v: str, version: str, command: str, node: dict) -> Optional[int]:
    """How many words the option ``v`` takes with its values; None when the command does not
    know it."""
    known = _spellings(version, command)
    if v in node.get("help", ()):
        return 1
    name, eq, _ = v.partition("=") if v.startswith("--") else (v, "", "")
    if name in known:
        param, flag = known[name]
        return 1 if flag or eq else 1 + _nargs(version, command, param)
    if v.startswith("--"):
        return None
    short = v[:2]
    if short in known and not known[short][1]:
        return 1  # -mVALUE
    if all(f"-{c}" in known and known[f"-{c}"][1] for c in v[1:]):
        return 1  # -yf: flags
    return None


def _nargs(version: str, command: str, param: str) -> int:
    return max(1, trees()[version][command]["options"][param].get("nargs", 1))


def _norm(spelling: str) -> str:
    return spelling.lstrip("-").lower().replace("_", "-")


def option_hint(spelling: str, command: str) -> str:
    """The 0.20 spelling of an option when known: the same name with ``-``/``_`` as 0.20 writes
    it, a 0.13.2 option 0.20 dropped (and what says so), the closest 0.20 option, else help."""
    new = sorted({o for version in NEW for o in _spellings(version, command)})
    same = [o for o in new if _norm(o) == _norm(spelling) and len(o) > 2]
    if same:
        return f"ZenML 0.20 spells it `{same[0]}`"
    old = _spellings(OLD, command)
    for o, (param, _) in sorted(old.items()):
        if len(o) > 2 and _norm(o) == _norm(spelling):
            path = tuple(command.split())
            rule = next((r for r, m in _catalog_matchers() if _path_matches(m, path) and param in m.options), None)
            why = f" ({rule.code}: {rule.instead})" if rule is not None else ""
            return f"it is 0.13.2's `{o}` misspelled, which ZenML 0.20 dropped{why}"
    close = difflib.get_close_matches(spelling, [o for o in new if o.startswith("--")] if spelling.startswith("--") else new, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    if _bad_attribute(command.split(), spelling) and any(trees()[v].get(command, {}).get("catch_all") for v in NEW):
        key = spelling.lstrip("-").replace("-", "_")
        return f"a component's attributes are written `--{key}=VALUE` (one word, the key a Python identifier)"
    return f"see `zenml {command + ' ' if command else ''}--help` of 0.20"


def _plain_words(words: List[Word]) -> List[str]:
    out = []
    for w in words:
        if not _LITERAL.match(w.value):
            break
        out.append(w.value)
    return out


def _tokens(text: str) -> List[str]:
    return [t for t in re.split(r"[\s_-]+", text) if t]


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


# verbs users type for the verbs of ZenML's command tree (`secret create` -> `... secret register`):
# English synonyms, not API names (the command paths themselves come from the real CLIs)
_VERBS = {
    "create": ("register",),
    "add": ("register", "create"),
    "new": ("register", "create"),
    "remove": ("delete",),
    "rm": ("delete",),
    "del": ("delete",),
    "ls": ("list",),
    "show": ("describe",),
    "inspect": ("describe",),
    "info": ("describe",),
    "edit": ("update",),
    "set": ("update",),
}


def _word_match(typed: str, word: str) -> float:
    return 1.0 if word in _VERBS.get(typed, ()) else _similar(typed, word)


@lru_cache(maxsize=256)
def closest_command(typed: str) -> Optional[str]:
    """The 0.20 command path most like ``typed`` (``served-models list`` -> ``model-deployer
    models list``): typed words that nearly match its words, minus its words nothing typed
    matches; ties go to the closer spelling. None when no word matches at all."""
    want = _tokens(typed)
    best, best_key = None, None
    for command in sorted(set().union(*(trees()[v] for v in NEW)) - {""}):
        have = _tokens(command)
        ratios = [[_word_match(t, c) for c in have] for t in want]
        hits = sum(max(row) for row in ratios if max(row) >= 0.75)
        if not hits:
            continue
        unmatched = sum(1 for k in range(len(have)) if max(row[k] for row in ratios) < 0.75)
        key = (hits - 0.5 * unmatched, _similar(typed, command))
        if best_key is None or key > best_key:
            best, best_key = command, key
    return best


def find_matches(text: str, secs: Iterable[Section], rules, project: Optional[Dict[str, str]] = None,
                 target: Optional[str] = None) -> List[Match]:
    matchers = command_matchers(rules)
    environ = env_matchers(rules) if "ZENML_" in text else []
    if not matchers and not environ:
        return []
    out = []
    registered: Dict[Tuple[str, str], Set[str]] = {}
    read: List[Tuple[int, int]] = []  # the spans of the shell text whose words were read for variables
    for section in secs:
        if environ and section.requirement is None:
            out.extend(env_matches(text, section, environ, read))
        if section.environ or not matchers:
            continue
        if section.requirement is not None:
            out.extend(pin_matches(text, section, matchers, target))
            continue
        if "zenml" not in section.text and not section.variables and not section.environment and section.words is None:
            continue  # (known words: the program may come from elsewhere, a Dockerfile's ENTRYPOINT)
        for words in section_commands(section):
            for m in match_words(words, matchers, project, text, registered, target) + python_c_matches(words, text, rules):
                m.anchor = section.anchor
                out.append(_where_written(m))
    return [_writable(text, m) for m in _once(out)]


def env_matches(text: str, section: Section, matchers, read: List[Tuple[int, int]]) -> List[Match]:
    """The variables the section's text sets that an ``EnvVar`` matcher names (``scan/env_vars.py``):
    shell text by its words (``shell_settings``; its span is added to ``read``), a file's whole
    text (``Section.environ``) by how a name is written there, outside the spans of ``read``. A
    section whose text is not the file's at its offsets (a folded YAML scalar) is not read."""
    from zenml_migrate.scan.env_vars import settings, shell_settings

    stop = section.start + len(section.text)
    if section.words is not None or text[section.start : stop] != section.text:
        return []
    commands = None if section.environ else section_commands(section)
    if commands is not None:
        read.append((section.start, stop))
    out = []
    for rule, m in matchers:
        if commands is not None:  # (the lines no command word is on, a here-document's body: by how a name is written)
            found = itertools.chain(shell_settings(text, commands, m.names), *(
                settings(text, a, b, m.names) for a, b in _wordless_lines(text, section.start, stop, commands)))
        else:
            found = ((a, b, name) for a, b, name in settings(text, section.start, stop, m.names, exported_only=section.environ == "exported")
                     if not any(start <= a < end for start, end in read))
        for start, end, name in found:
            inv = Invocation([Word(name, start, end)], (), [], [])
            out.append(Match(rule, start, end, f"{rule.message} (`{name}`)", inv, anchor=section.anchor))
    return out


def _wordless_lines(text: str, start: int, stop: int, commands: List[list]) -> List[Tuple[int, int]]:
    """The lines of ``text[start:stop]`` that hold a name but no word of ``commands`` (a
    here-document's body, ``cat > .env <<EOF``), as ``(start, end)`` spans."""
    if "ZENML_" not in text[start:stop]:
        return []
    covered = set()  # the starts of the lines a word starts or ends on
    for words in commands:
        for w in words:
            if start <= w.start < stop:
                covered.add(max(start, text.rfind("\n", start, w.start) + 1))
                covered.add(max(start, text.rfind("\n", start, max(w.start, w.end - 1)) + 1))
    out = []
    at = start
    while at < stop:
        end = text.find("\n", at, stop)
        end = stop if end == -1 else end
        if at not in covered and "ZENML_" in text[at:end]:
            out.append((at, end))
        at = end + 1
    return out


def _once(matches: List[Match]) -> List[Match]:
    """Each finding once: two readers of a file can yield one command (a CI key and a container
    entrypoint reading the same ``args``), and ``migrate code`` must count what the scan shows."""
    seen: Set[Tuple[str, int, int]] = set()
    out = []
    for m in matches:
        key = (m.rule.code, m.start, m.end)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def _writable(text: str, m: Match) -> Match:
    """``m``, with no fix when its rule's codemod has no edit for it in ``text`` (``-m`` alone in
    a hook's ``args`` list: no blank on either side to remove it with)."""
    if m.fix_value is None or not m.rule.codemod or _codemod_edits(text, m):
        return m
    m.fix = None
    m.message = f"{m.message} (no automatic fix here: the text around `{text[m.start:m.end]}` in the file is not a plain command line)"
    return m


def _where_written(m: Match) -> Match:
    """``m``, with no fix when the option it would edit is not written where its word says (a
    word an IPython alias adds: ``%zreg s1`` after ``%alias zreg zenml stack register %s -m x``
    runs ``-m x``, written in the alias's definition, not in this line; a shell alias or function
    of the script: ``command_lines._expand_definitions``)."""
    if m.fix_value is None or m.used is None:
        return m
    words = m.invocation.words
    for k in (m.used.word, m.used.value):
        if k is not None and words[k].elsewhere:
            where = words[k].elsewhere if isinstance(words[k].elsewhere, str) else "the `%alias` definition"
            m.fix = None
            m.message = f"{m.message} (no automatic fix here: `{m.used.spelling}` is written in {where}, not in this line)"
            break
    return m


def match_words(words: List[Word], matchers, project: Optional[Dict[str, str]] = None, text: Optional[str] = None,
                registered: Optional[Dict[Tuple[str, str], Set[str]]] = None, target: Optional[str] = None) -> List[Match]:
    """The rule hits of one simple command (no hit when it runs neither ``zenml`` nor an
    installer of a zenml requirement). ``text``: what the words' offsets index (to tell a
    plainly written word from a quoted or escaped one; None: only the words are known)."""
    argv = zenml_argv(words)
    if argv is not None:  # (``docker run IMAGE zenml ...``: the image too)
        return match_invocation(resolve(argv), matchers, project, registered, target) + image_matches(words, matchers, text, target)
    return install_matches(words, matchers, text, target)


# ------------------------------------------------------------------ python -c "CODE"
def python_c_matches(words: List[Word], text: Optional[str], rules) -> List[Match]:
    """The findings of the Python rules in the code of ``python -c "CODE"`` (a Makefile's
    ``status`` target, a tox command), each at its place in the word when the word is written
    plainly in quotes (else at the word). None has a fix: the code is a shell word (a TODO goes
    above the command)."""
    code = python_c_code(words)
    if code is None or "zenml" not in code.value:
        return []
    heredoc = words[words.index(code) - 1].value == HEREDOC
    from zenml_migrate.scan.detect import rule_index
    from zenml_migrate.scan.file_scan import FileJob, ScanContext, scan_bytes

    # (the CLI rules too: a command the code runs, ``subprocess.run(["zenml", ...])``, ``os.system("zenml ...")``)
    python_rules = tuple(r for r in rules if not any(type(m).__name__ == "YamlKey" for m in r.match))
    if not python_rules:
        return []
    result = scan_bytes(FileJob("python-c.py", "py", "python_c"), code.value.encode("utf-8"), ScanContext(rule_index(python_rules)))
    raw = text[code.start : code.end] if text is not None else code.value
    inner = 1 if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"" and raw[1:-1] == code.value else (0 if raw == code.value else None)
    at = Positions(code.value)
    starts = at.starts
    by_code = {r.code: r for r in python_rules}
    out = []
    inv = Invocation(words, (), [], [])
    for f in result.findings:
        rule = by_code.get(f.code)
        if rule is None:
            continue
        if inner is None:
            start, end = code.start, code.end
        else:
            start = code.start + inner + starts[f.span.line - 1] + f.span.column - 1
            end = code.start + inner + starts[min(f.span.end_line, len(starts)) - 1] + f.span.end_column - 1
        where = ("in a here-document python reads; no automatic fix here: the here-document is not rewritten, edit it by hand"
                 if heredoc else "in `python -c`; no automatic fix here: the code is a word of a command line")
        message = f"{f.message} ({where})"
        out.append(Match(rule, start, max(start, end), message, inv, fix=None))
    return out


def python_c_code(words: List[Word]) -> Optional[Word]:
    """The code word of ``python -c CODE`` (``python3``, ``/usr/bin/python3.9``, after
    ``poetry run``/``sudo``/``env``), else None."""
    from zenml_migrate.scan.command_lines import command_start

    i = command_start(words)
    if i + 1 < len(words) and words[i].value in ("poetry", "pipenv", "uv", "pdm", "hatch", "rye") and words[i + 1].value == "run":
        i += 2
    if i >= len(words) or not re.match(r"^(?:.*/)?python(\d+(\.\d+)*)?$", words[i].value):
        return None
    j = i + 1
    while j < len(words) and words[j].value.startswith("-") and words[j].value != "-c":
        if words[j].value in ("-m",):
            return None
        j += 1
    if j + 1 < len(words) and words[j].value == "-c":
        return words[j + 1]
    if len(words) >= 2 and words[-2].value == HEREDOC and words[-2].start == words[-2].end:  # ``python - <<'PY'``
        return words[-1]
    return None


# ------------------------------------------------------------------ zenml version pins
def _pin_matchers(matchers) -> List[Tuple[object, object]]:
    return [(r, m) for r, m in matchers if m.pins]


def install_matches(words: List[Word], matchers, text: Optional[str] = None, release: Optional[str] = None) -> List[Match]:
    """Zenml requirements an install command (``pip install zenml==0.13.2``) gives that allow
    no ZenML 0.20 release."""
    pinning = _pin_matchers(matchers)
    if not pinning or not any("zenml" in w.value.lower() for w in words):
        return []
    from zenml_migrate.scan.pins import EDITABLE, install_words, variable_pin, word_pin

    found = install_words(words)
    if found is None:
        return image_matches(words, matchers, text, release)
    indices, tool = found
    out = []
    for rule, _ in pinning:
        target = release or rule.arg("target")  # ``--target``: the release the fix writes
        for k in indices:
            w = words[k]
            skip = len(EDITABLE) if w.value.startswith(EDITABLE) else 0
            pin = word_pin(w.value[skip:], tool, target)
            if pin is None:
                held = variable_pin(w.value[skip:], tool, text, target, w.start)
                if held is not None:
                    out.append(_pin_match(rule, w.start, w.end, held[0], Invocation(words, (), [], []), None, held[1]))
                continue
            out.append(_word_pin_match(rule, words, w, pin, text, skip))
    return out


def _word_pin_match(rule, words: List[Word], w: Word, pin, text: Optional[str], skip: int = 0) -> Match:
    """The match of a pin in the word ``w`` (its value from ``skip`` on: ``--image=``), fixable
    where the word is written plainly (or in one pair of quotes)."""
    raw = text[w.start : w.end] if text is not None else w.value
    inner = 1 if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"" and raw[1:-1] == w.value else 0
    plain = raw == w.value or inner
    at = (w.start + inner + skip + pin.start, w.start + inner + skip + pin.end) if plain else None
    return _pin_match(rule, w.start, w.end, pin, Invocation(words, (), [], []), at, "the word is not written plainly")


def image_matches(words: List[Word], matchers, text: Optional[str], release: Optional[str] = None) -> List[Match]:
    """ZenML's images of a release before 0.20 that a container command names (``docker run
    zenmldocker/zenml:0.13.2 ...``, ``docker pull``, ``kubectl run --image=...``)."""
    from zenml_migrate.scan.command_lines import command_start, program
    from zenml_migrate.scan.pins import image_pin

    first = command_start(words)
    if first >= len(words) or program(words[first].value.lstrip("%!")) not in CONTAINER_TOOLS or not any("zenmldocker/" in w.value for w in words):
        return []
    out = []
    for rule, _ in _pin_matchers(matchers):
        for w in words[first + 1 :]:
            skip = len("--image=") if w.value.startswith("--image=") else 0
            pin = image_pin(w.value[skip:], 0, len(w.value) - skip, release or rule.arg("target")) if "zenmldocker/" in w.value else None
            if pin is not None:
                out.append(_word_pin_match(rule, words, w, pin, text, skip))
    return out


# the programs whose image words run ZenML's images (a ZM970 pin where the tag names an old release)
CONTAINER_TOOLS = frozenset({"docker", "podman", "nerdctl", "kubectl", "docker-compose"})


def pin_matches(text: str, section: Section, matchers, release: Optional[str] = None) -> List[Match]:
    """The pin of one requirement of a requirement list (a ``Section`` with ``requirement``)."""
    from zenml_migrate.scan.pins import Item, item_pin

    out = []
    for rule, _ in _pin_matchers(matchers):
        item = Item(section.start, section.start + len(section.text), section.requirement)
        pin = item_pin(text, item, release or rule.arg("target"))
        if pin is None:
            continue
        word = Word(section.text, item.start, item.stop)
        out.append(_pin_match(rule, pin.begin, pin.begin + len(pin.text), pin, Invocation([word], (), [], []), (pin.start, pin.end), ""))
    return out


def _pin_match(rule, start: int, end: int, pin, inv: Invocation, at: Optional[Tuple[int, int]], why_not_here: str) -> Match:
    shown = pin.text if pin.text.lower().startswith(("zenml", "git+", "hg+", "svn+", "bzr+", "http", "file:")) or "zenmldocker/" in pin.text.lower() else f"zenml {pin.text}"  # a Poetry value: ``zenml = "^0.13.2"``
    if pin.image:  # a tag written apart from its repository (a Helm values file)
        shown = f"{pin.image}:{pin.text}"
    image = "zenmldocker/" in shown.lower()  # ``pins.image_pin``: the image holds that ZenML
    if pin.replacement is not None and at is not None:
        does = "holds a ZenML" if image else "installs a ZenML"
        message = f"{IMAGE_MESSAGE if image else rule.message}: `{shown}` {does} the migrated code fails on{FIX_WRITES}`{shown[: len(shown) - len(pin.text)]}{pin.fixed}`"
        return Match(rule, start, end, message, inv, fix="safe", replacement=pin.replacement, at=at)
    why = pin.why_no_fix or why_not_here
    return Match(rule, start, end, f"{IMAGE_MESSAGE if image else rule.message} (`{shown}`; no automatic fix here: {why})", inv, fix=None)


# ZM970's message for one of ZenML's images (``zenmldocker/zenml:0.13.2``): it is no requirement
IMAGE_MESSAGE = "This ZenML image runs a ZenML release before 0.20"


# ------------------------------------------------------------------ positions and findings
class Positions:
    """Offsets in ``text`` -> 1-based (line, column)."""

    def __init__(self, text: str):
        self.starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            self.starts.append(i + 1)
            i = find("\n", i + 1)

    def __call__(self, offset: int) -> Tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


def to_findings(path: str, text: str, matches: List[Match], cell: Optional[int] = None) -> List[Finding]:
    """The findings of ``matches`` in ``text``, each with what ``migrate code`` needs to fix it
    (``fix/command_fix.py``) without finding the command again: the edits of its rule's codemod
    and the line its TODO note goes above."""
    if not matches:
        return []
    pos = Positions(text)
    lines = text.split("\n")
    out = []
    for m in matches:
        line, col = pos(m.start)
        end_line, end_col = pos(m.end)
        edits = tuple(TextEdit(Span(*pos(start), *pos(end)), new) for start, end, new in _codemod_edits(text, m))
        out.append(Finding(path, Span(line, col, end_line, end_col), m.rule.code, m.message, m.fix_value, cell=cell,
                           edits=edits, todo_line=_todo_line(lines, m, pos)))
    return out


def _codemod_edits(text: str, m: Match) -> List[Tuple[int, int, str]]:
    """``(start, end, new)`` offsets the rule's codemod writes for this occurrence (none when it
    has no fix here)."""
    if m.fix_value is None or not m.rule.codemod:
        return []
    from zenml_migrate.fix.codemod import load_codemod

    return load_codemod(m.rule.codemod)().edits(text, m, m.rule)


def _todo_line(lines: List[str], match: Match, pos: Positions) -> int:
    """1-based line above which a note for ``match`` goes: the first line of the logical
    (backslash-continued) line holding the command, or the section's own anchor."""
    if match.anchor is not None:
        return pos(match.anchor)[0]
    line = pos(match.invocation.words[0].start)[0]
    while line > 1 and lines[line - 2].rstrip("\r").endswith("\\"):
        line -= 1
    return line


def decode(data: bytes) -> str:
    from zenml_migrate.scan.sources import decode_bytes_text

    return decode_bytes_text(data).text  # as the fixer reads it: the same offsets


def scan_command_file(job, data: bytes, ctx) -> FileResult:
    from zenml_migrate.scan.file_scan import dedupe, hidden_count
    from zenml_migrate.scan.suppress import Suppressions

    text = decode(data)
    matches = find_matches(text, sections(job.kind, text, job.path), ctx.index.rules, ctx.project, ctx.target)
    found = to_findings(job.path, text, matches)
    findings = dedupe(Suppressions(text).filter(found))
    return FileResult(job.path, findings=findings, pending=_needs_project(matches, ctx), hidden=hidden_count(found, findings))


def _needs_project(matches: List[Match], ctx) -> bool:
    return needs_project(matches, ctx.project)


def needs_project(matches: Iterable[Match], project: Optional[Dict[str, str]]) -> bool:
    """A ``flavor register`` source is judged again once the project's cross-file facts are
    known (phase B of the scan; the first pass has none)."""
    return not project and any(m.replacement is None and m.fix is None for m in matches if m.fix != RULE_FIX)


def cell_sections(cell, shell=None) -> List[Section]:
    """The shell text of a notebook cell (``shell``: these of its ``ShellText``) as sections
    with offsets in the cell's source."""
    starts = [0]
    for line in cell.lines:
        starts.append(starts[-1] + len(line) + 1)
    out = []
    for sh in cell.shell if shell is None else shell:
        at = starts[sh.line - 1] + sh.column - 1
        if sh.kind:  # ``%%writefile Dockerfile``: the text of a file of that kind
            out.extend(
                replace(s, start=at + s.start, anchor=None if s.anchor is None else at + s.anchor) for s in sections(sh.kind, sh.text)
            )
        else:
            out.append(Section(sh.text, at, words=sh.words))
    return out


def notebook_commands(path: str, nb, rules, ctx=None) -> Tuple[List[Finding], bool]:
    """Findings of the code cells' shell text and of the fenced shell blocks of markdown cells,
    and whether the notebook is judged again once the project's cross-file facts are known."""
    out: List[Finding] = []
    pending = False
    project, target = (ctx.project, ctx.target) if ctx is not None else (None, None)
    for cell in nb.cells:
        if not cell.shell:
            continue
        matches = find_matches(cell.source, cell_sections(cell), rules, project, target)
        out.extend(to_findings(path, cell.source, matches, cell=cell.number))
        pending = pending or (ctx is not None and _needs_project(matches, ctx))
    for position, source in nb.markdown.items():
        matches = find_matches(source, sections("markdown", source), rules, project, target)
        out.extend(to_findings(path, source, matches, cell=position + 1))
        pending = pending or (ctx is not None and _needs_project(matches, ctx))
    return out, pending
