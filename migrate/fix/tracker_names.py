"""The experiment tracker names the ``@enable_mlflow`` / ``@enable_wandb`` rewrite writes.

0.13.2's decorators used the experiment tracker of the active stack; 0.20 activates a tracker
only for steps that name it (``@step(experiment_tracker="<component name>")``), so the rewrite
needs that name, and nothing in the rewritten module may look it up when the module is
imported. The name comes from, in this order:

1. ``--experiment-tracker NAME`` (every flavor) or ``--experiment-tracker mlflow=NAME``
   (repeatable, one per flavor);
2. ``[tool.zenml-migrate] experiment-tracker = "NAME"`` or ``= {mlflow = "NAME", ...}``;
3. the user's own ZenML configuration, read only: the ZenML 0.13.2 config dir
   (``$ZENML_CONFIG_PATH``, else ``~/.config/zenml``; the project's ``.zen/config.yaml`` may
   select the stack) and else the ZenML 0.20 store of that config dir (SQLite). For each
   flavor: the tracker of the active stack when it has that flavor (the one the decorator
   used), else the only tracker of that flavor in any stack.

The project's own ``zenml experiment-tracker register NAME --flavor=F`` lines (shell scripts,
Makefiles, CI files, notebook ``!`` cells, the commands Python code runs with ``subprocess`` or
``os.system``: ``project_trackers``) say which tracker the code's stack has: with no name from 1.
or 2., one such NAME per flavor is the name when the ZenML configuration has none or the same
one; when the configuration's name differs, the project's NAME is written with a TODO above each
step naming both (``TrackerNames.todos``). Several NAMEs for one flavor: the configuration's when
it is one of them, else the first registered, with a TODO naming them all.

A flavor with no name (none found, or several candidates) gets the name ZenML's docs register
(``documented_name``: ``mlflow_tracker``) with a TODO above each step, and the summary says
which option gives the real one; a flavor without such a name keeps its decorators.
"""

import os
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

ANY = "*"
TRACKER = "experiment_tracker"
NEEDS = "experiment_tracker:"  # Finding.needs of a rewrite that must write a tracker name


class TrackerOptionError(ValueError):
    pass


@dataclass
class TrackerNames:
    """The experiment tracker component names known, by flavor, and where each came from."""

    names: Dict[str, str] = field(default_factory=dict)  # flavor (or "*") -> component name
    sources: Dict[str, str] = field(default_factory=dict)  # flavor -> where the name came from
    candidates: Dict[str, List[str]] = field(default_factory=dict)  # flavor -> names when several
    todos: Dict[str, str] = field(default_factory=dict)  # flavor -> the TODO above each step given that name

    def name_for(self, flavor: str) -> Optional[str]:
        return self.names.get(flavor) or self.names.get(ANY)


def tracker_flavors() -> List[str]:
    """The flavors whose ``@enable_<flavor>`` decorator a rule rewrites (its ``tracker_flavor``)."""
    from zenml_migrate.rules import all_rules

    return sorted({r.arg("tracker_flavor") for r in all_rules()} - {None})


def parse_option(values: Iterable[str], where: str) -> Dict[str, str]:
    """``["NAME"]`` / ``["mlflow=a", "wandb=b"]`` -> ``{"*": NAME}`` / ``{"mlflow": "a", ...}``."""
    out: Dict[str, str] = {}
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise TrackerOptionError(f"{where}: the experiment tracker name must be a non-empty string")
        flavor, sep, name = value.partition("=")
        flavor, name = (flavor.strip(), name.strip()) if sep else (ANY, value.strip())
        if not name or not flavor:
            raise TrackerOptionError(f"{where}: {value!r} is not NAME or FLAVOR=NAME")
        if flavor != ANY and flavor not in tracker_flavors():
            raise TrackerOptionError(f"{where}: unknown experiment tracker flavor {flavor!r} ({', '.join(tracker_flavors())})")
        if out.get(flavor, name) != name:  # the last one won without a word
            which = "experiment tracker" if flavor == ANY else f"{flavor} experiment tracker"
            raise TrackerOptionError(f"{where}: two names for the {which} ({out[flavor]!r}, {name!r}): give one")
        out[flavor] = name
    return out


def from_config(value, where: str) -> Dict[str, str]:
    """``experiment-tracker`` of ``[tool.zenml-migrate]``: a name, or a table flavor -> name."""
    if value is None:
        return {}
    if isinstance(value, dict):
        return parse_option([f"{k}={v}" if isinstance(v, str) else v for k, v in value.items()], where)
    return parse_option([value], where)


def resolve(
    option: Sequence[str],
    config_value,
    config_where: str,
    flavors: Iterable[str],
    project_dir: str,
    environ=None,
    registered: Optional[Dict[str, Dict[str, List[str]]]] = None,
) -> TrackerNames:
    """The names for ``flavors`` (the trackers the found decorators need). ``registered``: the
    project's own ``zenml experiment-tracker register`` lines (``project_trackers``)."""
    result = TrackerNames()
    for names, where in ((parse_option(option, "--experiment-tracker"), "--experiment-tracker"), (from_config(config_value, config_where), config_where)):
        for flavor, name in names.items():
            if flavor not in result.names:
                result.names[flavor] = name
                result.sources[flavor] = where
    missing = [f for f in sorted(set(flavors)) if result.name_for(f) is None]
    if missing:
        found, candidates, source = from_zenml_config(missing, project_dir, environ)
        for flavor in missing:
            if flavor in found:
                result.names[flavor] = found[flavor]
                result.sources[flavor] = source
            elif candidates.get(flavor):
                result.candidates[flavor] = candidates[flavor]
            _with_project_lines(result, flavor, (registered or {}).get(flavor, {}), source)
    return result


def _with_project_lines(result: TrackerNames, flavor: str, lines: Dict[str, List[str]], source: str) -> None:
    """The project's ``zenml experiment-tracker register NAME --flavor=F`` lines (name -> where)
    for ``flavor``, with what the ZenML configuration gave (``source``): one NAME is the stack the
    code's own setup makes, so it is written; the configuration's other name is kept in a TODO.
    Several NAMEs: the configuration's when it is one of them, else the first registered, with a
    TODO naming every one (and the configuration's other name)."""
    if not lines:
        return
    config = result.names.get(flavor) or None
    name = config if config in lines else next(iter(lines))
    where = lines[name]
    others = [n for n in ([config] if config else result.candidates.get(flavor, [])) if n not in lines]
    result.names[flavor] = name
    result.sources[flavor] = f"`zenml experiment-tracker register {name}` in {', '.join(where)}"
    result.candidates.pop(flavor, None)
    if len(lines) > 1:
        registered = ", ".join(f"{n!r} ({', '.join(w)})" for n, w in lines.items())
        result.sources[flavor] += f"; your project registers {len(lines)} {flavor} trackers: a TODO above each step names them"
        todo = f'experiment_tracker="{name}" is one of the {flavor} trackers your project registers: {registered}'
    elif others:
        result.sources[flavor] += f"; {source} has {', '.join(repr(n) for n in others)}: a TODO above each step names both"
        todo = f'experiment_tracker="{name}" is the {flavor} tracker your project registers ({", ".join(where)})'
    else:
        return
    if others:
        todo += f"; {source} has {' and '.join(repr(n) for n in others)}"
    result.todos[flavor] = f"{todo}: keep the name of the tracker in the stack this step runs on (`zenml stack describe`)"


def project_trackers(jobs) -> Dict[str, Dict[str, List[str]]]:
    """flavor -> {NAME: [file:line, ...]} of the plainly typed ``zenml experiment-tracker register
    NAME --flavor F`` command lines in the scanned files (shell scripts, Makefiles, CI files,
    Markdown, notebook shell escapes, and the commands Python code runs: ``subprocess.run([...])``,
    ``os.system("...")``, ...; the scan's own command readers, imported only for a file that has
    such a line)."""
    from zenml_migrate.safe_read import read_regular

    out: Dict[str, Dict[str, List[str]]] = {}
    for job in jobs:
        try:
            data = read_regular(job.path)
        except OSError:
            continue
        if b"experiment-tracker" in data or b"experiment_tracker" in data:
            _registered_in(job, data, out)
    return out


def _registered_in(job, data: bytes, out: Dict[str, Dict[str, List[str]]]) -> None:
    from zenml_migrate.scan.command_lines import section_commands, zenml_argv
    from zenml_migrate.scan.command_scan import component_registration
    from zenml_migrate.scan.command_scan import resolve as resolve_argv

    for secs, where in _command_texts(job, data):
        for sec in secs:
            for words in section_commands(sec):
                argv = zenml_argv(words)
                found = component_registration(resolve_argv(argv)) if argv is not None else None
                if found is not None and found[0] == TRACKER:
                    out.setdefault(found[2], {}).setdefault(found[1], []).append(where(words[0].start))


def _command_texts(job, data: bytes):
    """(sections, offset in them -> "file:line" / "file (cell N, line L)") of a file: each notebook
    cell's shell text and Python code, a Python module's commands, or the whole file."""
    from zenml_migrate.scan.command_lines import sections
    from zenml_migrate.scan.command_scan import cell_sections, decode

    def at(text: str, cell=None):
        def where(offset: int) -> str:
            line = text.count("\n", 0, offset) + 1
            return f"{job.path} (cell {cell}, line {line})" if cell else f"{job.path}:{line}"
        return where

    if job.kind == "ipynb":
        from zenml_migrate.scan.notebook import read_notebook

        try:
            nb = read_notebook(data)
        except Exception:  # noqa: BLE001 - a notebook the scan reported as unreadable names nothing
            return
        for cell in nb.cells:
            if cell.shell:
                yield cell_sections(cell), at(cell.source, cell.number)
            if cell.python:
                yield from _python_texts(cell.python_text(), lambda text, number=cell.number: at(text, number))
        return
    text = decode(data)
    if job.kind == "py":
        yield from _python_texts(text, at)
        return
    yield list(sections(job.kind, text, job.path)), at(text)


def _python_texts(text: str, at):
    """The commands Python ``text`` runs (``python_commands``: ``subprocess``, ``os.system``, ...),
    each as (its sections, offset -> where): ``at(text)`` says where an offset of ``text`` is."""
    import ast

    from zenml_migrate.scan.command_lines import Section
    from zenml_migrate.scan.python_commands import commands, wanted

    if not wanted(text):
        return
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return
    where = at(text)
    for cmd in commands(tree, text):
        starts = cmd.text.starts
        if cmd.requirement or not starts:
            continue
        yield [Section(cmd.text.value, 0, words=cmd.words)], lambda offset, starts=starts: where(starts[min(offset, len(starts) - 1)])


# --------------------------------------------------------------- the user's ZenML config
@dataclass
class _Stacks:
    """Stacks as ``{stack: {type: component}}``, components as ``{(type, name): flavor}``."""

    stacks: Dict[str, Dict[str, str]]
    flavors: Dict[Tuple[str, str], str]
    active: Optional[str]
    where: str


def from_zenml_config(flavors: List[str], project_dir: str, environ=None) -> Tuple[Dict[str, str], Dict[str, List[str]], str]:
    """(flavor -> name, flavor -> candidate names when ambiguous, source text)."""
    environ = os.environ if environ is None else environ
    config_dir = _config_dir(environ)
    for reader in (_legacy_stacks, _store_stacks):
        try:
            found = reader(config_dir, project_dir)
        except Exception:  # noqa: BLE001 - a config we cannot read is a config we do not use
            found = None
        if found is None:
            continue
        names, candidates = pick(found, flavors)
        if names or candidates:
            return names, candidates, found.where
    return {}, {}, ""


def pick(found: _Stacks, flavors: List[str]) -> Tuple[Dict[str, str], Dict[str, List[str]]]:
    names: Dict[str, str] = {}
    candidates: Dict[str, List[str]] = {}
    active = found.stacks.get(found.active or "", {}).get(TRACKER)
    for flavor in flavors:
        if active and found.flavors.get((TRACKER, active)) == flavor:
            names[flavor] = active
            continue
        used = sorted({s[TRACKER] for s in found.stacks.values() if found.flavors.get((TRACKER, s.get(TRACKER))) == flavor})
        if len(used) == 1:
            names[flavor] = used[0]
        elif used:
            candidates[flavor] = used
    return names, candidates


def _config_dir(environ) -> str:
    from zenml_migrate.profiles.config_dir import default_config_dir

    return default_config_dir(environ)


def _repo_config(project_dir: str) -> Optional[dict]:
    """The ``.zen/config.yaml`` of the project the scanned code is in (searched upwards)."""
    from zenml_migrate.profiles.yaml_io import load_yaml

    from zenml_migrate.config import ancestors

    for here in ancestors(project_dir):
        path = os.path.join(here, ".zen", "config.yaml")
        if os.path.isfile(path):
            data = load_yaml(path, "repository config (.zen/config.yaml)")
            return data if isinstance(data, dict) else None
    return None


def _legacy_stacks(config_dir: str, project_dir: str) -> Optional[_Stacks]:
    """The ZenML 0.13.2 profile in use: the repo's or the activated one."""
    if not os.path.isdir(os.path.join(config_dir, "profiles")):
        return None  # no 0.13.2 profiles: nothing to import the readers for
    from zenml_migrate.profiles.readers import read_legacy

    config = read_legacy(config_dir, count_history=False)
    repo = _repo_config(project_dir) or {}
    wanted = repo.get("active_profile_name") or config.activated_profile
    profile = next((p for p in config.profiles if p.name == wanted), None)
    if profile is None or profile.store_type == "rest":
        return None
    active = repo.get("active_stack_name") if repo.get("active_profile_name") == profile.name else None
    return _Stacks(
        stacks={s.name: dict(s.components) for s in profile.stacks},
        flavors={(c.type, c.name): c.flavor for c in profile.components},
        active=active or profile.active_stack,
        where=f"the ZenML 0.13.2 profile '{profile.name}' in {config_dir}",
    )


def _store_stacks(config_dir: str, project_dir: str) -> Optional[_Stacks]:
    """The ZenML 0.20 SQLite store of the config dir (opened read-only)."""
    if not os.path.lexists(os.path.join(config_dir, "config.yaml")):
        return None  # no 0.20 global config: nothing to import the readers for
    from zenml_migrate.profiles.global_config import GlobalConfig

    config = GlobalConfig(config_dir)
    if config.text is None:
        return None
    db = config.default_store_path()
    if not db.is_file():
        return None
    repo = _repo_config(project_dir) or {}
    active_id = str(repo.get("active_stack_id") or config.active_stack_id or "").replace("-", "")
    from zenml_migrate.sqlite_read import connect_readonly  # only when a 0.20 store exists: a scan never pays for it

    conn, _rolled_back = connect_readonly(str(db))
    try:
        rows = conn.execute(
            "SELECT s.id, s.name, c.type, c.name, c.flavor FROM stackschema s "
            "JOIN stackcompositionschema sc ON sc.stack_id = s.id "
            "JOIN stackcomponentschema c ON c.id = sc.component_id"
        ).fetchall()
    finally:
        conn.close()
    stacks: Dict[str, Dict[str, str]] = {}
    flavors: Dict[Tuple[str, str], str] = {}
    active = None
    for stack_id, stack, ctype, cname, flavor in rows:
        stacks.setdefault(stack, {})[ctype] = cname
        flavors[(ctype, cname)] = flavor
        if str(stack_id).replace("-", "") == active_id:
            active = stack
    return _Stacks(stacks=stacks, flavors=flavors, active=active, where=f"the ZenML 0.20 store {db}")


def summary_lines(names: TrackerNames, used: Dict[str, int], left: Dict[str, int], decorators: Dict[str, str]) -> List[str]:
    """What the ``code`` summary says about tracker names: where each name came from (or that
    it is the documented guess, each step with a TODO), and for decorators left as they are
    because no name is known, how to give one. ``used``/``left``: flavor -> count;
    ``decorators``: flavor -> decorator name."""
    lines = []
    how = "pass --experiment-tracker {flavor}=NAME, or set [tool.zenml-migrate] experiment-tracker"
    for flavor in sorted(used):
        name = names.name_for(flavor)
        deco = decorators.get(flavor, flavor)
        if name:
            source = names.sources.get(flavor) or names.sources.get(ANY, "")
            lines.append(f"experiment tracker for @{deco}: {name!r} (from {source})")
        elif documented_name(flavor):
            lines.append(
                f"experiment tracker for @{deco}: {documented_name(flavor)!r}, a guess ({_why_unnamed(names, flavor)}; "
                f"the name ZenML's docs register), with a TODO above each step or function that names it: edit it there, or "
                + how.format(flavor=flavor) + " when rewriting"
            )
    for flavor in sorted(left):
        if names.name_for(flavor) or documented_name(flavor):
            continue
        deco = decorators.get(flavor, flavor)
        count = f"{left[flavor]} finding{'s' if left[flavor] != 1 else ''}"
        lines.append(f"@{deco} left as it is ({count}; {_why_unnamed(names, flavor)}): " + how.format(flavor=flavor))
    return lines


def _why_unnamed(names: TrackerNames, flavor: str) -> str:
    if flavor in names.candidates:
        return f"several {flavor} trackers: {', '.join(names.candidates[flavor])}"
    return "no experiment tracker name known"


def documented_name(flavor: str) -> Optional[str]:
    """The name ZenML's docs register for a ``flavor`` tracker (the rules' ``documented_name``)."""
    from zenml_migrate.rules import all_rules

    return next((r.arg("documented_name") for r in all_rules() if r.arg("tracker_flavor") == flavor and r.arg("documented_name")), None)


def annotate(findings, config_value, config_where: str, project_dir: str, environ=None, jobs=()):
    """``migrate scan``'s findings, where a tracker decorator's rewrite has no name to write
    marked not fixable (``migrate code --fix`` would leave it), with what to do. ``jobs``: the
    scanned files, whose ``zenml experiment-tracker register`` lines name trackers too."""
    flavors = _flavors_of(findings)
    if not flavors:
        return findings
    try:
        names = resolve((), config_value, config_where, set(flavors.values()), project_dir, environ, project_trackers(jobs))
    except TrackerOptionError:
        names = TrackerNames()
    return mark_unnamed(findings, names.name_for)


def mark_unnamed(findings, name_for):
    """``findings`` whose fix needs a tracker name (``Finding.needs``, set by the scan's check:
    the ``@step`` does not name a tracker yet) that ``name_for(flavor)`` does not give, with
    what ``--fix`` does then (it writes the name ZenML's docs register, ``documented_name``,
    with a TODO) and how to give the real one: ``migrate scan`` and ``migrate code``
    (``fixer.fix_text``, with the names of its options) say the same thing. A rule with no
    documented name: not fixable there."""
    from dataclasses import replace

    from zenml_migrate.rules import get_rule

    out = []
    for f in findings:
        flavor = f.needs[len(NEEDS):] if f.needs and f.needs.startswith(NEEDS) else None
        if flavor and f.fix and not name_for(flavor):
            rule = get_rule(f.code)
            guess = rule.arg("documented_name") if rule is not None else None
            how = f"`--experiment-tracker {flavor}=NAME` writes yours"
            if guess:
                f = replace(f, message=f'{f.message} (no {flavor} experiment tracker name known: `--fix` writes "{guess}", '
                                       f"the name ZenML's docs register, with a TODO; {how})")
            else:
                f = replace(f, fix=None, message=f"{f.message} (no {flavor} experiment tracker name known: {how})")
        out.append(f)
    return out


def tracker_flavor(code: str) -> Optional[str]:
    """The experiment tracker flavor a tracker decorator rule is about (its ``fix_args``), else None."""
    from zenml_migrate.rules import get_rule

    rule = get_rule(code)
    return rule.arg("tracker_flavor") if rule is not None else None


def _flavors_of(findings) -> Dict[str, str]:
    """rule code -> tracker flavor, for the findings whose rewrite must write a tracker name
    (``Finding.needs``): those ``mark_unnamed`` looks at. Read from the findings alone: a warm
    scan's findings come from the cache, and the rule catalog is not imported for them."""
    out = {}
    for f in findings:
        if f.needs and f.needs.startswith(NEEDS):
            out[f.code] = f.needs[len(NEEDS):]
    return out


def guessed_name_todo(flavor: str, guess: str, decorator: str) -> str:
    """The TODO text above a step whose tracker name is ``guess``, the name ZenML 0.13's docs
    register for ``flavor`` (the rewrite writes it when no name is known)."""
    return (
        f'experiment_tracker="{guess}" is a guess (no {flavor} tracker name was known; ZenML\'s docs register '
        f"that name): write the name of your {flavor} experiment tracker (`zenml experiment-tracker list`); "
        f"`migrate code --fix --experiment-tracker {flavor}=NAME` (or [tool.zenml-migrate] experiment-tracker) "
        f"writes it when it rewrites @{decorator}"
    )
