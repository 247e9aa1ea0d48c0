"""``--bundle DIR``: one ``zenml stack import`` file per stack, custom flavors, ``import.sh``.

Each ``stacks/<name>.yaml`` has the exact shape 0.20.x ``zenml stack import`` reads
(reference 4a): ``stack_name``, ``zenml_version`` (the target version), and per component
``name``, ``flavor``, ``type``, a fresh uuid4 ``id`` and the ``configuration`` (0.20 keys
only). Names were chosen by the plan so that the import never prompts.

``zenml stack import`` gives every component a new id and reuses a component only when the
file names its id: ``import.sh`` therefore imports the stacks in order and, for a component
shared by several stacks, writes the id the first import got into the later files (read back
with ``zenml stack export``). Files holding credentials are mode 0600. The directory is
written into a temp dir next to DIR and renamed into place: all or nothing.
"""

import json
import os
import re
import shlex
import shutil
from typing import Dict, List, Set, Tuple

from zenml_migrate.output.words import plural
from zenml_migrate import __version__
from zenml_migrate.profiles import yaml_emit
from zenml_migrate.profiles.model import Plan, PlannedComponent, PlannedStack
from zenml_migrate.profiles.targets import Existing, Target, TargetError, WriteResult, bundle_dir
from zenml_migrate.redact import REDACTOR, text_holds_secret
from zenml_migrate.redact import holds_secret as _holds_secret
from zenml_migrate.redact import secret_values as _secret_values

_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")
MAX_FILE_STEM = 100


def _dump(data) -> str:
    return yaml_emit.dump(data)


def component_entry(pc: PlannedComponent) -> dict:
    return {
        "name": pc.target_name,
        "flavor": pc.target_flavor,
        "type": pc.legacy.type,
        "id": pc.new_id,
        "configuration": dict(pc.target_config),
    }


def stack_document(ps: PlannedStack, zenml_version: str) -> dict:
    return {
        "stack_name": ps.target_name,
        "zenml_version": zenml_version,
        "components": {t: component_entry(pc) for t, pc in sorted(ps.components.items())},
    }


def holds_secret(pc: PlannedComponent) -> bool:
    """Does the component's configuration hold a credential (the file holding it is then 0600)?"""
    return _holds_secret(pc.target_config, pc.secret_keys, pc.name_keys)


def cli_type(type_: str) -> str:
    return type_.replace("_", "-")


def _file_name(name: str, taken: Set[str]) -> str:
    base = _SAFE.sub("_", name).strip("._")[:MAX_FILE_STEM] or "stack"  # a 300-char name still gives a valid file name
    out, n = base, 2
    while out in taken:
        out, n = f"{base}_{n}", n + 1
    taken.add(out)
    return out + ".yaml"


def flavor_source_var(flavor: str, type_: str) -> str:
    return "FLAVOR_SOURCE_" + _SAFE.sub("_", f"{type_}_{flavor}").upper().replace("-", "_").replace(".", "_")


class BundleTarget(Target):
    import_safe_names = True

    def __init__(self, path: str, overwrite: bool = False):
        self.path = os.path.abspath(path)
        self.overwrite = overwrite
        self.notes: List[str] = []  # what recovering an interrupted earlier run did

    def describe(self) -> str:
        return f"bundle {self.path}"

    def existing(self, project: str) -> Existing:
        return Existing(project_exists=True)  # a bundle knows nothing of the store it will be imported into

    def check(self) -> None:
        """Refuse a DIR we may not write before anything is planned or written (see ``bundle_dir``)."""
        for note in bundle_dir.recover(self.path):
            self.notes.append(note)
        if os.path.islink(self.path):
            raise TargetError(f"{self.path}: is a symbolic link; pass the directory it points to, or a new --bundle path")
        if os.path.lexists(self.path) and not os.path.isdir(self.path):
            raise TargetError(f"{self.path}: exists and is not a directory; choose another --bundle path")
        if not bundle_dir.is_not_empty(self.path):
            return
        manifest = bundle_dir.read_manifest(self.path)
        if manifest is None:
            raise TargetError(
                f"{self.path}: directory is not empty and holds no bundle written by zenml-migrate; choose an empty or new --bundle dir"
                + (" (--overwrite only replaces a previous bundle's own files)" if self.overwrite else "")
            )
        if not self.overwrite:
            raise TargetError(f"{self.path}: directory is not empty, it holds a bundle written earlier; pass --overwrite to replace its files (files you added are kept), or choose a new --bundle dir")
        edited = bundle_dir.edited_files(self.path, manifest)
        if edited:
            raise TargetError(
                f"{self.path}: bundle file(s) changed since zenml-migrate wrote them: {', '.join(edited)}; "
                "move them away (or delete them) to let --overwrite replace the bundle"
            )

    def write(self, plan: Plan) -> WriteResult:
        self.check()
        parent = os.path.dirname(self.path)
        try:
            os.makedirs(parent, exist_ok=True)
            tmp = bundle_dir.temp_dir(self.path, "new")
        except OSError as e:
            raise TargetError(f"{parent}: cannot create the bundle there ({e.strerror}); choose another --bundle path")
        try:
            result = self._write_into(tmp, plan)
            bundle_dir.write_manifest(tmp, result.files, __version__)
            secret = any(holds_secret(pc) for pc in plan.writable()[1])
            if os.path.isdir(self.path) and bundle_dir.is_not_empty(self.path):
                bundle_dir.keep_user_files(self.path, tmp, bundle_dir.read_manifest(self.path) or {})
            os.chmod(tmp, 0o700 if secret else 0o755)
            bundle_dir.swap_in(tmp, self.path)
        except OSError as e:
            shutil.rmtree(tmp, ignore_errors=True)
            raise TargetError(f"{self.path}: writing the bundle failed ({e.strerror or e}); nothing was written")
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        result.files = [os.path.join(self.path, os.path.relpath(f, tmp)) for f in result.files]
        result.messages[:0] = self.notes
        return result

    # ------------------------------------------------------------ contents

    def _write_into(self, root: str, plan: Plan) -> WriteResult:
        result = WriteResult(target=self.describe())
        flavors, components, stacks = plan.writable()
        os.makedirs(os.path.join(root, "stacks"))

        def write(rel: str, text: str, secret: bool = False, executable: bool = False) -> None:
            full = os.path.join(root, rel)
            mode = (0o700 if executable else 0o600) if secret else (0o755 if executable else 0o644)
            fd = os.open(full, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)  # umask can only narrow it
            try:
                os.write(fd, text.encode("utf-8"))
            finally:
                os.close(fd)
            result.files.append(full)

        taken: Set[str] = set()
        stack_files: List[Tuple[PlannedStack, str]] = []
        for ps in stacks:
            rel = "stacks/" + _file_name(ps.target_name, taken)
            secret = any(holds_secret(pc) for pc in ps.components.values())
            write(rel, _dump(stack_document(ps, plan.zenml_version)), secret=secret)
            stack_files.append((ps, rel))
            result.created.append(f"stack {ps.target_name}")
        in_stacks = {id(pc) for ps in stacks for pc in ps.components.values()}
        standalone = [pc for pc in components if id(pc) not in in_stacks]
        result.created.extend(f"{pc.legacy.type} {pc.target_name}" for pc in components)
        if standalone:
            doc = {"zenml_version": plan.zenml_version, "components": [component_entry(pc) for pc in standalone]}
            write("components.yaml", _dump(doc), secret=any(holds_secret(pc) for pc in standalone))
        if flavors:
            doc = {"flavors": [
                {"name": pf.target_name, "type": pf.legacy.type, "legacy_source": pf.legacy.source,
                 "source": pf.flavor_source, "needs_flavor_class": pf.needs_flavor_class,
                 "components": pf.components, "notes": pf.notes}
                for pf in flavors
            ]}
            write("flavors.yaml", _dump(doc))
            # a flavor with no 0.20 Flavor class is only listed: import.sh registers it once one is named
            result.created.extend(f"flavor {pf.target_name}" for pf in flavors if pf.flavor_source)
            waiting = [pf for pf in flavors if not pf.flavor_source]
            if waiting:
                one = len(waiting) == 1
                result.messages.append(
                    f"{plural(len(waiting), 'custom flavor')} ({', '.join(pf.target_name for pf in waiting)}) "
                    f"{'needs' if one else 'need'} a ZenML 0.20 Flavor class: flavors.yaml lists {'it' if one else 'them'}, and "
                    f"import.sh registers {'it' if one else 'them'} and the stacks using {'it' if one else 'them'} only once "
                    f"{', '.join(flavor_source_var(pf.target_name, pf.legacy.type) for pf in waiting)} "
                    f"{'names' if one else 'name'} {'its' if one else 'their'} Flavor class (module.Class; "
                    "`migrate code --fix --unsafe-fixes` writes one next to the 0.13.2 class)")
        if plan.writable_runs():
            from zenml_migrate.profiles.history_plan import payload

            history = json.dumps(payload(plan), sort_keys=True) + "\n"
            write("history.json", history, secret=text_holds_secret(history, REDACTOR.secrets))  # run configs may hold credentials
            for name in ("history_writer.py", "import_history.py"):
                _ship(name, write)
            runs = plan.writable_runs()
            result.runs = f"{plural(len(runs), 'pipeline run')} ({plural(sum(r.steps for r in runs), 'step')}) in history.json"
            result.created.append(result.runs)
        if stack_files:
            _ship("reuse_components.py", write)
        # always: it registers a custom flavor on 0.20.0, whose CLI cannot (ZM958's TODO names it)
        _ship("register_flavor.py", write)
        script, arg_files = import_script(plan, stack_files, standalone)
        if arg_files:
            os.makedirs(os.path.join(root, SECRET_ARGS))
        for rel, text in arg_files.items():
            write(rel, text, secret=True)
        write("import.sh", script, executable=True)  # no credential: those are in arg_files
        write("README.txt", readme(plan, stack_files, standalone))
        write("plan.json", json.dumps(_plan_summary(plan, stack_files), indent=2, sort_keys=True) + "\n")  # names only
        result.messages.append(f"run `sh {os.path.join(self.path, 'import.sh')}` where ZenML {plan.zenml_version} is installed")
        return result


def _ship(name: str, write) -> None:
    """Copy a script of this package (run by import.sh with the Python of ZenML 0.20) into the bundle."""
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), name), encoding="utf-8") as fh:
        write(name, fh.read())


def _plan_summary(plan: Plan, stack_files) -> dict:
    return {
        "zenml_version": plan.zenml_version,
        "active_stack": plan.active_stack,
        "active_stack_is_suggestion": plan.active_stack_is_suggestion,
        "stacks": {ps.target_name: rel for ps, rel in stack_files},
    }


#: the bundle folder of the files holding the credentials of components in no stack (read by import.sh)
SECRET_ARGS = "credentials"


def _flag_text(value) -> str:
    """The text a `zenml <type> register --key=TEXT` option gives for ``value``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def _scalar_flag(key: str, value, files: Dict[str, str], secret: bool = False) -> str:
    """``--key=value`` for `zenml <type> register`. ZenML 0.20.0-0.20.5 read a value starting with ``@``
    from the file it names (``cli.utils.expand_argument_value_from_file``; ``@@`` is a literal ``@``): a
    credential goes into a 0600 file of the bundle (``files``: name -> text) and the option names it, so
    it is never in a command line (where ``ps`` shows it to every user of the machine)."""
    text = _flag_text(value)
    if secret:
        rel = f"{SECRET_ARGS}/{len(files) + 1}"
        files[rel] = text
        return q(f"--{key}=@{rel}")
    return q(f"--{key}={'@' + text if text.startswith('@') else text}")


def q(value: object) -> str:
    """One shell word holding exactly ``value`` (every value from the input goes through here)."""
    return shlex.quote(str(value))


def _say(message: str, err: bool = True) -> str:
    """A shell command printing ``message`` verbatim (printf: no escape sequences interpreted)."""
    return f"printf '%s\\n' {q(message)}" + (" >&2" if err else "")


def _comment(text: str) -> str:
    """A one-line shell comment: no character of ``text`` can end the comment."""
    return "# " + re.sub(r"[\x00-\x1f\x7f\u2028\u2029\x85]", "?", text)


def import_script(plan: Plan, stack_files, standalone: List[PlannedComponent]) -> Tuple[str, Dict[str, str]]:
    """The commands in the right order: flavors, then one `zenml stack import` per stack; and the
    files (bundle path -> text, each 0600) holding the credentials its commands read."""
    files: Dict[str, str] = {}
    flavors, _components, _stacks = plan.writable()
    lines = [
        "#!/bin/sh",
        _comment(f"Import the stacks migrated by zenml-migrate into ZenML {plan.zenml_version} (the active project of the zenml on PATH)."),
        "# Non-interactive: stdin is closed for every command, so ZenML can never wait for an answer.",
        "# Set ZENML_IMPORT_FLAGS=--ignore-version-mismatch to import into another 0.20.x version.",
        "set -eu",
        'cd "$(dirname "$0")"',
        'WORK=$(mktemp -d)',
        "trap 'rm -rf \"$WORK\"' EXIT",
        "cp stacks/*.yaml \"$WORK/\" 2>/dev/null || true",
        "FAILED=0",
        "",
        "# Re-running it is safe: stacks that exist are skipped, and the components an import that",
        "# stopped half-way left behind are reused (reuse_components.py).",
        "",
        "# the id ZenML gave the component of TYPE in STACK (read back with `zenml stack export`); nothing",
        "# when STACK was not imported (said above): the next stack registers or reuses the component by name",
        "real_id() {",
        '  zenml stack export "$1" "$WORK/.export.yaml" </dev/null >/dev/null 2>&1 || return 0',
        "  awk -v t=\"$2\" '$0 ~ \"^  \"t\":$\" {f=1; next} f && /^  [^ ]/ {f=0} f && /^    id:/ {print $2; exit}' \"$WORK/.export.yaml\"",
        "}",
        "# point the files not imported yet at the component that was just registered",
        "use_id() {",
        '  case "$2" in "") return 0;; *[!0-9a-f-]*) printf \'could not read the id of component %s back: import the remaining stacks by hand\\n\' "$1" >&2; FAILED=1; return 0;; esac',
        '  for f in "$WORK"/*.yaml; do sed "s/$1/$2/g" "$f" > "$f.new" && mv "$f.new" "$f"; done',
        "}",
        "",
    ]
    lines += [
        "# let ZenML create its store, default project and default stack first (a fresh 0.20 config",
        "# dir fails its very first `flavor register` with 'No active stack is configured')",
        "zenml stack list </dev/null >/dev/null 2>&1 || true",
        "",
    ]
    if stack_files or flavors or plan.writable_runs():
        lines += [
            "# the Python of this zenml runs the scripts next to this file",
            'PY="${ZENML_PYTHON:-$(sed -n \'1s/^#!//p\' "$(command -v zenml)")}"',
            'PY="${PY:-python3}"',
            "",
        ]
    registered: Dict[Tuple[str, str], str] = {}  # (type, flavor) -> the shell variable set once it is registered
    if flavors:
        lines += ["# 1. custom flavors (their package must be importable: set PYTHONPATH if needed), registered by",
                  "# register_flavor.py as 0.20.5's `zenml <type> flavor register` does (0.20.0's CLI cannot register any)"]
    for pf in flavors:
        var = flavor_source_var(pf.target_name, pf.legacy.type)
        ok = registered[(pf.legacy.type, pf.target_name)] = "FLAVOR_OK_" + var[len("FLAVOR_SOURCE_"):]
        register = f'if "$PY" register_flavor.py {q(pf.legacy.type)} {q(pf.target_name)}'
        lines.append(f"{ok}=")
        if pf.flavor_source:
            lines.append(f"{register} {q(pf.flavor_source)} </dev/null; then {ok}=1; else FAILED=1; fi")
        else:
            lines += [
                _comment(f"{pf.legacy.type} flavor {pf.target_name!r}: {pf.legacy.source} is a 0.13.2 StackComponent;"),
                f"# write a 0.20 Flavor class for it and pass its path as {var}=module.Class",
                f'{var}="${{{var}:-}}"',
                f'if [ -n "${var}" ]; then',
                f'  {register} "${var}" </dev/null; then {ok}=1; else FAILED=1; fi',
                "else",
                "  " + _say(f"flavor {pf.target_name} ({pf.legacy.type}) needs a 0.20 Flavor class: set {var}") + "; FAILED=1",
                "fi",
            ]
    lines += ["", "# 2. stacks, each with `zenml stack import` (components first registered here)"]
    introduced: Set[int] = set()
    later_uses: Dict[int, int] = {}
    for ps, _rel in stack_files:
        for pc in ps.components.values():
            later_uses[id(pc)] = later_uses.get(id(pc), 0) + 1

    def custom_flavors(ps) -> List[Tuple[str, str]]:
        return sorted({(pc.legacy.type, pc.target_flavor) for pc in ps.components.values()
                       if pc.custom_flavor and (pc.legacy.type, pc.target_flavor) in registered})

    # stacks of custom flavors go last: shared components are registered by the others
    for ps, rel in sorted(stack_files, key=lambda item: bool(custom_flavors(item[0]))):
        needs = custom_flavors(ps)
        guard = " && ".join(f'[ -n "${registered[key]}" ]' for key in needs)
        name = q(ps.target_name)
        file = f'"$WORK"/{q(os.path.basename(rel))}'
        # reuse_components.py: the components an import that stopped half-way left behind
        cmd = (f"if zenml stack describe {name} </dev/null >/dev/null 2>&1; then {_say(f'stack {ps.target_name} exists: skipped', err=False)}; "
               f'elif "$PY" reuse_components.py {file} </dev/null; then zenml stack import {file} ${{ZENML_IMPORT_FLAGS:-}} </dev/null; '
               "else FAILED=1; fi")
        if guard:
            lines.append(f"if {guard}; then")
        lines.append(("  " if guard else "") + cmd)
        for t, pc in sorted(ps.components.items()):
            later_uses[id(pc)] -= 1
            if id(pc) not in introduced and later_uses[id(pc)] > 0:
                lines.append(("  " if guard else "") + f'use_id {q(pc.new_id)} "$(real_id {name} {q(t)})"')
            introduced.add(id(pc))
        if guard:
            flavor_names = ", ".join(flavor for _type, flavor in needs)
            lines += ["else", "  " + _say(f"stack {ps.target_name} skipped: not every custom flavor it uses ({flavor_names}) is registered (see above)")
                      + "; FAILED=1", "fi"]
    if standalone:
        lines += ["", "# 3. components that are in no stack"]
        for pc in standalone:
            flags = " ".join(_scalar_flag(k, v, files, bool(_secret_values({k: v}, pc.secret_keys, shown=pc.name_keys)))
                             for k, v in sorted(pc.target_config.items()))
            lines.append(f"zenml {q(cli_type(pc.legacy.type))} register {q(pc.target_name)} "
                         f"{q('--flavor=' + pc.target_flavor)} {flags} </dev/null".rstrip())
        if files:
            lines.insert(lines.index("# 3. components that are in no stack") + 1,
                         f"# (ZenML reads an --option=@FILE value from FILE: their credentials are in {SECRET_ARGS}/, mode 0600, not in a command line)")
    if plan.active_stack:
        lines += ["", f"# 4. the active stack{' (a suggestion: several profiles were merged)' if plan.active_stack_is_suggestion else ''}"]
        lines.append(f"zenml stack set {q(plan.active_stack)} </dev/null || FAILED=1")
    if plan.writable_runs():
        lines += [
            "",
            "# 5. the pipeline run history (history.json), with the Python of this zenml, into the active project",
            '"$PY" import_history.py </dev/null || FAILED=1',
        ]
    lines += ["", 'exit "$FAILED"', ""]
    return "\n".join(lines), files


def readme(plan: Plan, stack_files, standalone) -> str:
    flavors, components, stacks = plan.writable()
    out = [
        f"Stacks migrated from ZenML 0.13.2 by zenml-migrate, for ZenML {plan.zenml_version}.",
        "",
        "Import them (in the environment where ZenML 0.20 and your integrations are installed):",
        "",
        "    sh import.sh",
        "",
        "It registers the custom flavors, then runs `zenml stack import stacks/<name>.yaml` for each",
        "stack in order, with stdin closed (no prompt can hang it). A component shared by several",
        "stacks is registered once: the script writes its new id into the later files.",
        f"The files say zenml_version {plan.zenml_version}; for another 0.20.x set",
        "ZENML_IMPORT_FLAGS=--ignore-version-mismatch, or re-run `migrate profiles --zenml-version X.Y.Z`.",
        "",
        f"Stacks ({len(stack_files)}):",
    ]
    out += [f"  {rel}  ({ps.profile}/{ps.legacy.name})" for ps, rel in stack_files]
    out += ["", f"Components: {len(components)}" + (f", {len(standalone)} in no stack (components.yaml, registered by import.sh)" if standalone else "")]
    if flavors:
        out += ["", "Custom flavors (flavors.yaml):"]
        for pf in flavors:
            state = f"0.20 Flavor class {pf.flavor_source}" if pf.flavor_source else "NEEDS a 0.20 Flavor class (see flavors.yaml)"
            out.append(f"  {pf.legacy.type} {pf.target_name}: {state}")
    if plan.active_stack:
        out += ["", f"Active stack{' (suggested)' if plan.active_stack_is_suggestion else ''}: {plan.active_stack}"]
    if any(holds_secret(pc) for pc in components):
        out += ["", "Some files hold credentials in clear text (mode 0600): keep this directory private."]
    unlisted = sorted({r.pipeline for r in plan.writable_runs() if not r.target_pipeline})
    if unlisted:
        out += ["", f"Run history: the steps of {', '.join(unlisted)} could not be read from your code, so import_history.py",
                "imports their runs without a pipeline (unlisted) unless your migrated code has registered it by then.",
                "To attach them later: run your migrated pipeline once, then `migrate profiles --store` (or --server) on",
                "that ZenML config with --code DIR (the folder of your pipeline code)."]
    out.append("")
    return "\n".join(out)
