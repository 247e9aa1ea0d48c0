"""Command lines in the configuration files of the tools around a project, where users run
``zenml`` too (``migrate/scan/command_lines.py`` reads the shell-like files):

* ``tox.ini`` and ``setup.cfg`` (``[tox:tox]``): the ``commands``/``commands_pre``/
  ``commands_post`` of ``[testenv]`` sections, one command per line (a leading ``-`` ignores
  its exit code);
* ``pyproject.toml``: task runners' tasks (``[tool.poe.tasks]``, ``[tool.taskipy.tasks]``,
  ``[tool.pdm.scripts]``, ``[tool.rye.scripts]``, hatch ``scripts``): each string value (a
  multi-line one too); tox's ``[tool.tox]`` (``legacy_tox_ini`` read as a tox.ini, or its TOML
  environments);
* ``tox.toml``: each ``commands`` array of words; ``mise.toml``/``poe_tasks.toml``: their tasks;
* a Kubernetes ``ConfigMap``'s shell scripts (``data:`` keys ``*.sh`` or with a shell ``#!``);
* ``Pipfile``: pipenv's ``[scripts]``, each string value; ``pixi.toml``: its ``tasks`` tables;
* ``docker-compose.yml``/``compose.yaml``: ``command:``/``entrypoint:`` as a string, a flow
  list or a block list of words, or a block scalar;
* ``.pre-commit-config.yaml``: a hook's ``entry:``;
* ``Procfile``: ``process: command``;
* ``justfile``: recipe bodies (indented lines after ``name:``);
* ``Jenkinsfile`` (and Groovy files: a shared library's ``vars/*.groovy``): ``sh``/``bat``/``powershell``
  steps with a string;
* ``package.json`` (npm, yarn, pnpm): each string of the top-level ``"scripts"`` object (run
  with ``sh -c``); a JSON file holds no comment line, so a finding there gets no TODO note;
* ``devcontainer.json`` (JSON with comments): its lifecycle commands (``postCreateCommand``..., a
  string, a list of words or an object of them; no TODO note either);
* systemd units (``.service``): ``ExecStart=`` and the other ``Exec*=`` lines;
* ``supervisord.conf``: a program's ``command=``;
* cron tables (``crontab``, ``.crontab``/``.cron``, the files of a ``cron.d`` folder, which
  name a user before the command): the command after the time fields;
* Snakemake (``Snakefile``, ``.smk``): ``shell:`` directives and ``shell("...")`` calls;
* PowerShell scripts (``.ps1``: a backtick ends a continued line) and Windows batch files
  (``.bat``/``.cmd``: ``^`` does; ``call zenml ...``).

Each gives sections (text at its offset in the file) for the same POSIX-like lexer: offsets are
kept, so findings and fixes point at the exact characters.
"""

import json
import re
from typing import Dict, Iterator, List, Optional, Set, Tuple

from zenml_migrate.scan.command_lines import Section, Word, block_scalar, continued_end, offset_lines, scalar_section, shell_script, split_commands

# how a comment line starts in each kind that is not ``#`` (where a TODO note goes)
COMMENT_LEADS = {"batch": "REM ", "jenkinsfile": "// ", "vscode": "// ", "nextflow": "// ", "teamcity": "// "}


def line_leads(kind: str, text: str) -> Dict[int, str]:
    """How a comment line starts at some lines of a file where it differs from the kind's
    (``COMMENT_LEADS``): in a Markdown file, ``REM `` in its cmd.exe fences; in a Nextflow or
    TeamCity Kotlin file, none in its triple-quoted shell scripts; ``// `` in the JavaScript of a
    GitHub ``actions/github-script`` step."""
    if kind in ("nextflow", "teamcity"):
        from zenml_migrate.scan.command_blocks import string_lines

        return string_lines(text)
    if kind == "ci_yaml" and "actions/github-script" in text:  # a note in a github-script step's JavaScript
        from zenml_migrate.scan.command_lines import github_script_lines

        return dict.fromkeys(github_script_lines(text), "// ")
    if kind != "markdown":
        return {}
    from zenml_migrate.scan.command_lines import batch_fence_lines

    return dict.fromkeys(batch_fence_lines(text), COMMENT_LEADS["batch"])

_INI_SECTION = re.compile(r"^\[([^\]]*)\][ \t]*\r?$")
_INI_KEY = re.compile(r"^(commands(?:_pre|_post)?)[ \t]*[=:][ \t]*(.*?)\r?$")


def tox_ini(text: str) -> Iterator[Section]:
    """tox's ``commands`` (tox.ini, setup.cfg): the value's first line and its indented
    continuation lines, each one command; a ``\\``-continued line goes on."""
    lines = list(offset_lines(text))
    in_env = False
    k = 0
    while k < len(lines):
        offset, line = lines[k]
        head = _INI_SECTION.match(line)
        if head:
            name = head.group(1).strip()
            in_env = name.startswith("testenv") or name == "tox:tox" or name.startswith("tox:testenv")
            k += 1
            continue
        key = _INI_KEY.match(line) if in_env else None
        if key is None:
            k += 1
            continue
        value = key.group(2)
        if value.strip():
            yield _tox_line(text, offset + key.start(2), offset + key.start(2) + len(value))
        k += 1
        while k < len(lines) and lines[k][1][:1] in (" ", "\t") and not _INI_SECTION.match(lines[k][1]):
            offset, line = lines[k]
            end = continued_end(lines, k)
            body = line.lstrip(" \t")
            if body.strip() and not body.startswith(("#", ";")):
                stop = lines[end][0] + len(lines[end][1].rstrip("\r"))
                yield _tox_line(text, offset + len(line) - len(body), stop)
            k = end + 1


def _tox_line(text: str, start: int, stop: int) -> Section:
    m = re.match(r"[-!][ \t]*", text[start:stop])  # ``- cmd``: exit code ignored; ``!`` negated
    if m:
        start += m.end()
    return Section(text[start:stop], start)


_TASK_TABLES = re.compile(
    r"^tool\.(?:poe\.tasks|taskipy\.tasks|pdm\.scripts|rye\.scripts|hatch\.envs\.[^.]+\.scripts"
    r"|pixi\.(?:feature\.[^.]+\.)?tasks)(?:\.|$)"
)
# pixi's own manifest (``pixi.toml``): ``[tasks]``, ``[feature.X.tasks]``, ``[target.OS.tasks]``
_PIXI_TASKS = re.compile(r"^(?:(?:feature|target)\.[^.]+\.)?tasks(?:\.|$)")
_TOML_STRING = re.compile(r"\"((?:[^\"\\\r\n]|\\.)*)\"|'([^'\r\n]*)'")
_TOML_NOT_COMMAND = re.compile(
    r"\b(?:help|env|cwd|envfile|executor|deps|uses|args|interpreter|capture_stdout|description|alias|dir|sources|outputs|depends)\s*=\s*$"
)
# a multi-line string value of a key (``shell = """``, mise's ``run = '''``): its body up to the closing quotes
_TOML_MULTILINE = re.compile(r"[ \t]*([\w.\"'-]+)[ \t]*=[ \t]*(\"\"\"|\'\'\')\r?\n?")


# a Hatch environment's commands run when it is created: ``[tool.hatch.envs.NAME]``
# ``pre-install-commands``/``post-install-commands`` lists
_HATCH_ENV = re.compile(r"^tool\.hatch\.envs\.[^.]+$")
_HATCH_INSTALL_KEY = re.compile(r"^[ \t]*(?:\"|')?(pre|post)-install-commands(?:\"|')?[ \t]*=")
_TOML_KEY = re.compile(r"^[ \t]*[\w.\"'-]+[ \t]*=")


def hatch_install_commands(text: str) -> Iterator[Section]:
    from zenml_migrate.scan.pins import toml_lines

    within = False  # in the value of an install-commands key
    for offset, line, table in toml_lines(text):
        if not _HATCH_ENV.match(table):
            within = False
            continue
        if line.lstrip().startswith("#"):
            continue
        if _TOML_KEY.match(line):
            within = _HATCH_INSTALL_KEY.match(line) is not None
        if not within:
            continue
        for m in _TOML_STRING.finditer(line):
            value = m.group(1) if m.group(1) is not None else m.group(2)
            if "zenml" in value and not (m.group(1) is not None and "\\" in value):
                yield Section(value, offset + m.start() + 1, anchor=offset)


# PDM's and Rye's ``cmd = ["zenml", "stack", "list"]``: the words of one command (a list of commands
# elsewhere: Hatch scripts, poe sequences)
_ARGV_TABLES = re.compile(r"^tool\.(?:pdm|rye)\.scripts(?:\.|$)")
_ARGV_CMD = re.compile(r"(?:^|[{,\s])cmd[ \t]*=[ \t]*(?=\[)")


def pyproject_tasks(text: str, tables: "re.Pattern" = _TASK_TABLES) -> Iterator[Section]:
    """The string values of task-runner tables (a task is a command line, or ``{cmd = "..."}``,
    ``{shell = "..."}``, a list of them; PDM's and Rye's ``cmd = [...]``: a list of words); help
    texts and environments are not commands."""
    from zenml_migrate.scan.pins import toml_lines

    inside = -1  # the end of the multi-line string (or word list) the lines are in
    for offset, line, table in toml_lines(text):
        if offset < inside or not tables.match(table) or line.lstrip().startswith("#"):
            continue
        argv = _ARGV_CMD.search(line) if "cmd" in line and _ARGV_TABLES.match(table) else None
        if argv is not None:
            section, inside = toml_words(text, offset + argv.end())
            if section is not None:
                yield Section(section.text, section.start, anchor=offset, words=section.words)
            continue
        multi = _TOML_MULTILINE.match(text, offset)
        if multi is not None:
            body = _multiline_body(text, multi)
            inside = body[1] if body is not None else inside
            if body is not None and "zenml" in text[body[0] : body[1]] and not _TOML_NOT_COMMAND.search(line[: multi.start(2) - offset]):
                yield Section(text[body[0] : body[1]], body[0])
            continue
        for m in _TOML_STRING.finditer(line):
            value = m.group(1) if m.group(1) is not None else m.group(2)
            if "zenml" not in value or (m.group(1) is not None and "\\" in value) or _TOML_NOT_COMMAND.search(line[: m.start()]):
                continue
            start = offset + m.start() + 1
            yield Section(value, start, anchor=offset)


def _multiline_body(text: str, opening: "re.Match") -> "Optional[tuple]":
    """``(start, end)`` of the body of the multi-line TOML string ``opening`` starts (a basic
    one with a backslash escape in it: None, its characters are not its value)."""
    quotes = opening.group(2)
    start = opening.end()
    end = text.find(quotes, start)
    if end < 0 or (quotes == '"""' and "\\" in text[start:end]):
        return None
    return start, end


# tox 4's TOML configuration (``tox.toml``; ``[tool.tox]`` in ``pyproject.toml``): an environment's
# ``commands``/``commands_pre``/``commands_post`` are arrays of commands, each an array of words
_TOX_ENV_TABLE = re.compile(r"^(?:tool\.tox\.)?(?:env_run_base|env_pkg_base|env\.[^.]+)$")
_TOX_COMMANDS_KEY = re.compile(r"[ \t]*(commands(?:_pre|_post)?)[ \t]*=[ \t]*(?=\[)")
_TOML_ARRAY_TOKEN = re.compile(r"\"((?:[^\"\\\r\n]|\\.)*)\"|'([^'\r\n]*)'|#[^\n]*|[\[\]{},]|[^\s\[\]{},#]+")


def toml_words(text: str, at: int) -> "Tuple[Optional[Section], int]":
    """``(the command, the offset after the array)`` of the TOML array of words that opens at
    ``at`` (``["zenml", "stack", "list"]``, over lines too): its plain strings are the words, at
    their places; a word that is no plain string (an escape, a table) ends the known words.
    No command when no word holds ``zenml``."""
    from zenml_migrate.scan.command_lines import Word

    depth, words, known = 0, [], True
    for m in _TOML_ARRAY_TOKEN.finditer(text, at):
        token = m.group(0)
        if token.startswith("#") or token == ",":
            continue
        if token in ("[", "{"):
            depth += 1
            known = known and depth == 1
            continue
        if token in ("]", "}"):
            depth -= 1
            if depth == 0:
                if not words or not any("zenml" in w.value for w in words):
                    return None, m.end()
                words[-1].more = not known
                return Section(text[words[0].start : words[-1].end], words[0].start, words=words), m.end()
            continue
        if depth == 1 and known and (m.group(1) is not None and "\\" not in m.group(1) or m.group(2) is not None):
            value = m.group(1) if m.group(1) is not None else m.group(2)
            words.append(Word(value, m.start() + 1, m.end() - 1))
        else:
            known = False
    return None, len(text)


def tox_toml(text: str, pyproject: bool = False) -> Iterator[Section]:
    """The commands of tox's TOML configuration: each inner array of a ``commands`` key of an
    environment table, its words at their places (a word that is no plain string, such as
    ``{ replace = "posargs" }``, ends the known words: more follow at run time)."""
    from zenml_migrate.scan.command_lines import Word
    from zenml_migrate.scan.pins import toml_lines

    for offset, line, table in toml_lines(text):
        if not _TOX_ENV_TABLE.match(table) or (pyproject != table.startswith("tool.tox.")):
            continue
        key = _TOX_COMMANDS_KEY.match(text, offset)
        if key is None:
            continue
        depth, words, known, begin = 0, [], True, None
        for m in _TOML_ARRAY_TOKEN.finditer(text, key.end()):
            token = m.group(0)
            if token.startswith("#"):
                continue
            if token in ("[", "{"):
                depth += 1
                if depth == 2 and token == "[":
                    words, known, begin = [], True, m.start()
                elif depth > 2 or token == "{":
                    known = False if depth > 1 else known
                continue
            if token in ("]", "}"):
                depth -= 1
                if depth == 1 and token == "]" and begin is not None:
                    if words and any("zenml" in w.value for w in words):
                        words[-1].more = not known
                        yield Section(text[words[0].start : words[-1].end], words[0].start, words=words)
                    begin = None
                if depth == 0:
                    break
                continue
            if token == ",":
                continue
            if depth == 2 and known and (m.group(1) is not None and "\\" not in m.group(1) or m.group(2) is not None):
                value = m.group(1) if m.group(1) is not None else m.group(2)
                words.append(Word(value, m.start() + 1, m.end() - 1))
            elif depth >= 2:
                known = False


_LEGACY_TOX = re.compile(r"[ \t]*(legacy_tox_ini)[ \t]*=[ \t]*(\"\"\"|\'\'\')\r?\n?")


def pyproject(text: str) -> Iterator[Section]:
    """``pyproject.toml``: task runners' tasks, Hatch environments' install commands, and tox's ``[tool.tox]`` (its ``legacy_tox_ini``
    string read as a ``tox.ini``, or its TOML environments)."""
    from zenml_migrate.scan.pins import toml_lines

    yield from pyproject_tasks(text)
    if "install-commands" in text:
        yield from hatch_install_commands(text)
    if "tool.tox" not in text:
        return
    yield from tox_toml(text, pyproject=True)
    for offset, _, table in toml_lines(text):
        legacy = _LEGACY_TOX.match(text, offset) if table == "tool.tox" else None
        body = _multiline_body(text, legacy) if legacy is not None else None
        if body is not None:
            for section in tox_ini(text[body[0] : body[1]]):
                yield Section(section.text, section.start + body[0])
            return


def toml_tasks(text: str) -> Iterator[Section]:
    """mise's ``mise.toml`` and poethepoet's ``poe_tasks.toml``: the ``[tasks]`` tables (a
    task's ``run``/``cmd``/``shell`` string, a list of them, or a bare string)."""
    return pyproject_tasks(text, _TOML_TASKS)


_TOML_TASKS = re.compile(r"^tasks(?:\.|$)")


def pixi_tasks(text: str) -> Iterator[Section]:
    """``pixi.toml`` tasks (``pixi run NAME``): a command line, or ``{ cmd = "..." }``."""
    return pyproject_tasks(text, _PIXI_TASKS)


# a hosting platform's TOML (``fly.toml``, ``railway.toml``, ``netlify.toml``): the string of a key
# naming a command (``release_command``, ``startCommand``, ``command``, ``cmd``), and each process of
# fly's ``[processes]``
_DEPLOY_KEY = re.compile(r"^[ \t]*[\"']?([\w-]*(?:[Cc]ommand|cmd)|[\w-]+(?=[\"']?[ \t]*=))[\"']?[ \t]*=[ \t]*")


def deploy_toml(text: str) -> Iterator[Section]:
    from zenml_migrate.scan.pins import toml_lines

    for offset, line, table in toml_lines(text):
        m = _DEPLOY_KEY.match(line)
        if m is None or not (re.search(r"(?i)command$|^cmd$", m.group(1)) or table == "processes"):
            continue
        for s in _TOML_STRING.finditer(line, m.end()):
            value = s.group(1) if s.group(1) is not None else s.group(2)
            if "zenml" in value and not (s.group(1) is not None and "\\" in value):
                yield Section(value, offset + s.start() + 1, anchor=offset)


_PIPFILE_SCRIPTS = re.compile(r"^scripts$")


def pipfile_scripts(text: str) -> Iterator[Section]:
    """Pipenv's ``[scripts]`` (``pipenv run NAME``): each value is a command line."""
    return pyproject_tasks(text, _PIPFILE_SCRIPTS)


_COMPOSE_KEY = re.compile(r"^([ \t]*)(command|entrypoint|test)[ \t]*:[ \t]*(.*?)\r?$")
_COMPOSE_ITEM = re.compile(r"^([ \t]*)-[ \t]+(.*?)\r?$")
_RUN_LINE = re.compile(r"^[ \t]*-[ \t]+['\"]?-[a-z]*c[a-z]*['\"]?[ \t]*(?:#.*)?\r?$")  # the ``- -c`` item (``-ec``, ``-lc``)


def _shell_entrypoint(lines: List[tuple], k: int, indent: int) -> bool:
    """Does the service of the key on line ``k`` have an ``entrypoint: ["sh", "-c"]`` (a flow list
    ending with a ``-c`` flag: its command is the script)?"""
    for j in _siblings(lines, k, indent):
        m = _COMPOSE_KEY.match(lines[j][1])
        if m is not None and m.group(2) == "entrypoint" and re.search(r"['\"]?-[a-z]*c[a-z]*['\"]?[ \t]*\][ \t]*(?:#.*)?$", m.group(3)):
            return True
    return False


def compose(text: str) -> Iterator[Section]:
    """``command:``/``entrypoint:`` of compose services: a string (split into words like a
    shell line), ``["zenml", ...]`` or ``- zenml`` items (the words as they are), a block scalar;
    a list ``command:`` under a list ``entrypoint:`` that runs zenml (``["zenml"]``) is that
    program's arguments; a ``healthcheck:``'s ``test:`` (``["CMD", ...]`` words, ``["CMD-SHELL",
    LINE]`` or a string: a shell line)."""
    from zenml_migrate.scan.command_lines import Word, exec_words, runs_zenml_alone

    lines = list(offset_lines(text))
    found = {}  # line index of a key -> its section
    k = 0
    while k < len(lines):
        offset, line = lines[k]
        m = _COMPOSE_KEY.match(line)
        if m is None or (m.group(2) == "test" and not _under(lines, k, "healthcheck")):
            k += 1
            continue
        key_line = k
        indent = len(m.group(1))
        value = m.group(3)
        at = offset + m.start(3)
        sec = None
        if value[:1] in ("|", ">"):
            sec, k = block_scalar(text, lines, k + 1, indent, folded_at=offset if value[:1] == ">" else None)
        elif value.startswith("["):
            sec = Section(value, at, anchor=offset, exec_form=True)
            k += 1
        elif value and not value.startswith("#"):
            sec = scalar_section(value, at, anchor=offset)
            k += 1
        else:
            k += 1  # a block list: the items are the words
            first = k
            while k < len(lines):
                item = _COMPOSE_ITEM.match(lines[k][1])
                if item is None or len(item.group(1)) < indent:
                    break
                if item.group(2)[:1] in ("|", ">"):  # ``- |``: a block item, the script of ``sh -c``
                    block, k = block_scalar(text, lines, k + 1, len(item.group(1)), folded_at=lines[k][0] if item.group(2)[:1] == ">" else None)
                    if block is not None and (any(_RUN_LINE.match(lines[j][1]) for j in range(first, k)) or _shell_entrypoint(lines, key_line, indent)):
                        yield block
                    break
                k += 1
            if k > first:
                start = lines[first][0]
                stop = lines[k - 1][0] + len(lines[k - 1][1])
                sec = Section(text[start:stop], start, anchor=offset, exec_form=True)
        if sec is None:
            continue
        if m.group(2) == "test" and sec.exec_form:  # ``["CMD", "zenml", ...]`` / ``["CMD-SHELL", "zenml ..."]``
            words = exec_words(sec)
            if len(words) > 1 and words[0].value == "CMD":
                yield Section(sec.text, sec.start, anchor=offset, words=words[1:])
            elif len(words) > 1 and words[0].value == "CMD-SHELL":
                raw = text[words[1].start : words[1].end]
                quoted = len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\""
                yield Section(words[1].value, words[1].start + (1 if quoted else 0), anchor=offset)
            continue
        found[key_line] = (m.group(2), indent, sec)
        yield sec
    for key_line, (key, indent, sec) in found.items():
        if key != "command" or not sec.exec_form:
            continue
        entry = next((found[j] for j in _siblings(lines, key_line, indent) if j in found and found[j][0] == "entrypoint"), None)
        if entry is None or not entry[2].exec_form:
            continue
        program = exec_words(entry[2])
        if not runs_zenml_alone(program):
            continue
        at = sec.start + len(sec.text) - len(sec.text.lstrip())  # the program's words, at the command (a finding's place)
        yield Section(sec.text, sec.start, anchor=sec.anchor, words=[Word(w.value, at, at) for w in program] + exec_words(sec))


def _under(lines: List[tuple], k: int, parent: str) -> bool:
    """Is the key on line ``k`` in the mapping of the key ``parent`` (the line above it with
    less indent)?"""
    depth = len(lines[k][1]) - len(lines[k][1].lstrip(" \t"))
    for j in range(k - 1, -1, -1):
        line = lines[j][1]
        if line.strip() and not line.lstrip().startswith("#") and len(line) - len(line.lstrip(" \t")) < depth:
            return line.strip().rstrip("\r").startswith(parent + ":")
    return False


_ENTRY = re.compile(r"^[ \t]*(?:-[ \t]+)?entry[ \t]*:[ \t]*(.*?)\r?$")


_HOOK_ARGS = re.compile(r"^[ \t]*(?:-[ \t]+)?args[ \t]*:[ \t]*(.*?)\r?$")


def pre_commit(text: str) -> Iterator[Section]:
    """A local hook's ``entry:`` (run as a command; pre-commit adds the hook's ``args`` list, then
    file names): the entry's words and the list's items are one command."""
    from zenml_migrate.scan.command_lines import list_value, split_commands

    lines = list(offset_lines(text))
    for k, (offset, line) in enumerate(lines):
        m = _ENTRY.match(line)
        if not m or not m.group(1) or m.group(1).startswith("#"):
            continue
        entry = scalar_section(m.group(1), offset + m.start(1), anchor=offset)
        indent = len(line) - len(line.lstrip(" \t-"))
        args = None
        for j in _siblings(lines, k, indent):
            a = _HOOK_ARGS.match(lines[j][1])
            if a is not None:
                args = list_value(text, lines, j, indent, a.group(1), lines[j][0] + a.start(1))[0]
                break
        commands = split_commands(entry.text, entry.start) if args else []
        if len(commands) == 1:
            words = commands[0] + args
            yield Section(text[entry.start : max(w.end for w in words)], entry.start, anchor=offset, words=words)
        else:
            yield entry


_PROCESS = re.compile(r"^[A-Za-z0-9_-]+[ \t]*:[ \t]*")


def procfile(text: str) -> Iterator[Section]:
    """A process type's command (``web: zenml ...``)."""
    return _rest_of_lines(_PROCESS, text)


def _rest_of_lines(prefix: "re.Pattern[str]", text: str) -> Iterator[Section]:
    """What follows ``prefix`` on each line it starts."""
    for offset, line in offset_lines(text):
        m = prefix.match(line)
        if m:
            yield Section(line[m.end() :].rstrip("\r"), offset + m.end())


_JSON_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|[{}\[\],]')
_JSON_COLON = re.compile(r"[ \t\r\n]*:")


def json_values(text: str) -> Iterator[tuple]:
    """``(path, key, start, end, kind)`` for each string (``kind`` "string": its offsets without
    the quotes) and each list (``"list"``: its brackets included) of a JSON text that loads;
    ``path``: the keys of the containers it is in (None for a list item or the top)."""
    for item in _json_items(text):
        if item[4] != "escaped":
            yield item[:5]


def _json_items(text: str) -> Iterator[tuple]:
    """``json_values``'s tuples with a sixth item: the offset of the container the value is in
    (which object a key belongs to)."""
    try:
        json.loads(text)
    except ValueError:
        return
    path: List[object] = []  # the key each open container is under
    opened: List[int] = []
    key = None
    for m in _JSON_TOKEN.finditer(text):
        token = m.group(0)
        if token in ("{", "["):
            path.append(key)
            opened.append(m.start())
            key = None
        elif token in ("}", "]"):
            if path:
                under = path.pop()
                start = opened.pop()
                if token == "]":
                    yield tuple(path), under, start, m.end(), "list", opened[-1] if opened else -1
            key = None
        elif token == ",":
            key = None
        elif _JSON_COLON.match(text, m.end()):
            key = json.loads(token)
        else:  # a string written with an escape: its characters are not its value (kind "escaped")
            kind = "escaped" if "\\" in token else "string"
            yield tuple(path), key, m.start() + 1, m.end() - 1, kind, opened[-1] if opened else -1


# a string (kept), a comment, a trailing comma (comments may stand between it and the bracket)
_JSONC_SKIP = re.compile(r'"(?:[^"\\\n]|\\.)*"|//[^\n]*|/\*.*?\*/|,(?=(?:\s|//[^\n]*|/\*.*?\*/)*[}\]])', re.S)


def jsonc_as_json(text: str) -> str:
    """JSON with comments and trailing commas (VS Code's ``tasks.json``/``launch.json``) as JSON
    of the same length: each comment and trailing comma becomes blanks (line ends kept), so
    offsets in the result are offsets in ``text``."""
    def blank(m: "re.Match") -> str:
        found = m.group(0)
        return found if found.startswith('"') else re.sub(r"[^\n]", " ", found)

    return _JSONC_SKIP.sub(blank, text)


def vscode(text: str) -> Iterator[Section]:
    """VS Code's ``.vscode/tasks.json`` (each task's ``command``, with its ``args`` list: one
    argv; a ``command`` alone is a shell line; also its ``windows``/``linux``/``osx`` variants)
    and ``.vscode/launch.json`` (a configuration running ``"module": "zenml"`` or a ``program``
    named zenml, with its ``args``); a ``*.code-workspace`` file's ``tasks`` and ``launch``."""
    from zenml_migrate.scan.command_lines import ZENML_MODULES, Word, program, split_commands

    objects: Dict[int, Dict[str, tuple]] = {}
    items: Dict[int, List[Word]] = {}  # a list's offset -> its string items
    for path, key, start, end, kind, container in _json_items(jsonc_as_json(text)):
        if key is None and kind == "string":
            items.setdefault(container, []).append(Word(text[start:end], start, end))
        elif key in ("command", "args", "module", "program") and len(path) >= 2 and (
            path[1] in ("tasks", "configurations") or path[1:3] in (("tasks", "tasks"), ("launch", "configurations"))
        ):  # (a ``.code-workspace`` file: its ``tasks`` and ``launch`` objects hold them)
            objects.setdefault(container, {})[key] = (start, end, kind)
    for fields in objects.values():
        args = fields.get("args")
        arg_words = items.get(args[0], []) if args is not None and args[2] == "list" else None
        for key in ("command", "module", "program"):
            spec = fields.get(key)
            if spec is None or spec[2] != "string":
                continue
            start, end, _ = spec
            value = text[start:end]
            if key == "module":  # (``"module": "zenml.cli.cli"`` too: ``python -m`` runs the CLI)
                head = [Word("zenml", start, end)] if value in ZENML_MODULES else None
            elif key == "program" or arg_words is not None:
                commands = split_commands(value, start) if key == "command" and re.search(r"\s", value) else [[Word(value, start, end)]]
                head = commands[-1] if commands and commands[-1] else None
                if key == "program" and (head is None or program(head[0].value.replace("\\", "/")) != "zenml"):
                    head = None
            else:
                yield Section(value, start)
                continue
            if head is not None:
                words = head + (arg_words or [])
                stop = max(w.end for w in words)
                yield Section(text[start:stop], start, words=words)


# the keys of a container spec in JSON: its image, and the lists that are its command (SageMaker's
# ``AppSpecification``: ``ImageUri``, ``ContainerEntrypoint``, ``ContainerArguments``)
# (an Elastic Beanstalk v1 ``Dockerrun.aws.json`` is one container: its version key marks it)
_JSON_IMAGE = frozenset({"image", "imageUri", "image_uri", "ImageUri", "AWSEBDockerrunVersion"})
_JSON_COMMAND = ("entryPoint", "ContainerEntrypoint", "command", "Command", "args", "ContainerArguments")
# the items of these lists are containers without an image of their own (an ECS ``run-task``'s
# ``containerOverrides``; a Step Functions state's ``ContainerOverrides``)
_JSON_OVERRIDES = frozenset({"containerOverrides", "ContainerOverrides"})
_JSON_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_JSON_ESCAPE = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|.)")
_XML_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_XML_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z]+);")


def _json_value(escape: str) -> str:
    return chr(int(escape[2:], 16)) if escape[1] == "u" else _JSON_ESCAPES.get(escape[1], escape[1])


def _xml_value(entity: str) -> str:
    name = entity[1:-1]
    if name.startswith("#"):
        return chr(int(name[2:], 16) if name[1:2] in ("x", "X") else int(name[1:]))
    return _XML_ENTITIES.get(name, entity)


def decoded(text: str, start: int, end: int, escape: "re.Pattern", value) -> Tuple[str, List[int], List[int]]:
    """The value of the string written at ``text[start:end]`` whose ``escape`` sequences (a JSON
    ``\\"``, an XML ``&amp;``, a YAML line break) stand for ``value(sequence)`` (any number of
    characters), with the source offsets where each of its characters starts and ends (a
    character of an escape: all of it)."""
    chars: List[str] = []
    starts: List[int] = []
    ends: List[int] = []
    i = start
    while i < end:
        m = escape.match(text, i, end)
        width = m.end() - i if m else 1
        read = value(m.group(0)) if m else text[i]
        chars.extend(read)
        starts.extend([i] * len(read))
        ends.extend([i + width] * len(read))
        i += width
    return "".join(chars), starts, ends


def mapped_commands(value: str, starts: List[int], ends: List[int]) -> List[List[Word]]:
    """The commands of the shell line ``value`` (decoded from the file's text, ``decoded``), each
    word at the source offsets of its characters."""
    commands = [
        [Word(w.value, starts[w.start], ends[w.end - 1], splits=w.splits) for w in words if w.start < w.end]
        for words in split_commands(value)
    ]
    return [c for c in commands if c]


def _escaped_words(text: str, start: int, end: int) -> Tuple[Word, List[List[Word]]]:
    """A JSON string written with escapes (``\\"``, ``\\n``): the word it is, and the commands of
    the shell line it holds, each word at the source offsets of its characters."""
    value, starts, ends = decoded(text, start, end, _JSON_ESCAPE, _json_value)
    return Word(value, start, end), mapped_commands(value, starts, ends)


# PyCharm run configurations (``.run/NAME.run.xml``, ``.idea/runConfigurations/NAME.xml``): each
# ``<configuration type=...>`` and its ``<option name=... value=...>`` settings
_RUN_CONFIGURATION = re.compile(r"<configuration\b([^>]*)>(.*?)</configuration>", re.S)
_RUN_OPTION = re.compile(r"<option\s+name=\"(\w+)\"\s+value=\"([^\"]*)\"")
_RUN_TYPE = re.compile(r"\btype=\"(\w+)\"")


def pycharm_run_configurations(text: str) -> Iterator[Section]:
    """A Python configuration that runs zenml (``SCRIPT_NAME`` the module ``zenml.cli.cli`` with
    ``MODULE_MODE``, or a ``zenml`` executable) with its ``PARAMETERS``; a shell script
    configuration's ``SCRIPT_TEXT`` (run by a shell, when not a file). Attribute values are read as
    XML reads them (``&amp;&amp;`` is ``&&``)."""
    from zenml_migrate.scan.command_lines import program

    for conf in _RUN_CONFIGURATION.finditer(text):
        kind = _RUN_TYPE.search(conf.group(1))
        options = {m.group(1): (m.start(2), m.end(2)) for m in _RUN_OPTION.finditer(text, conf.start(2), conf.end(2))}
        values = {name: decoded(text, a, b, _XML_ENTITY, _xml_value) for name, (a, b) in options.items()}
        if kind is None or kind.group(1) == "ShConfigurationType":
            if "SCRIPT_TEXT" in values and values.get("EXECUTE_SCRIPT_FILE", ("true",))[0] == "false":
                for words in mapped_commands(*values["SCRIPT_TEXT"]):
                    yield Section(text[words[0].start : words[-1].end], words[0].start, words=words)
            continue
        script = values.get("SCRIPT_NAME")
        if kind.group(1) != "PythonConfigurationType" or script is None:
            continue
        module = values.get("MODULE_MODE", ("false",))[0] == "true"
        if not (script[0] in ("zenml.cli.cli", "zenml.cli") if module else program(script[0].replace("\\", "/")) == "zenml"):
            continue
        start, end = options["SCRIPT_NAME"]
        params = [w for words in mapped_commands(*values["PARAMETERS"]) for w in words] if "PARAMETERS" in values else []
        words = [Word("zenml" if module else script[0], start, end)] + params  # (``python -m zenml.cli.cli``: zenml's command line)
        yield Section(text[start : words[-1].end], start, words=words)


def container_json(text: str) -> Iterator[Section]:
    """The containers a JSON file defines (an ECS task definition's ``containerDefinitions``, an
    AWS Batch job's ``containerProperties``, a Vertex AI job's ``containerSpec``, a SageMaker job's
    ``AppSpecification``, the ``containerOverrides`` of an ECS run or a Step Functions state): an
    object with an image (or an override's item) whose entrypoint, command and arguments lists are
    one argv; an item a shell runs (``"entryPoint": ["sh", "-c"], "command": ["zenml ... && ..."]``)
    is lexed too, also when it is written with escapes (``\\"``, ``\\n``)."""
    objects: Dict[int, Dict[str, tuple]] = {}
    items: Dict[int, List[Word]] = {}  # a list's offset -> its string items
    lines: Dict[int, List[List[Word]]] = {}  # an item written with escapes (offset) -> the commands of its shell line
    overrides: Set[int] = set()  # the objects that are items of a ``containerOverrides`` list
    for path, key, start, end, kind, container in _json_items(text):
        if key is None and kind == "string":
            items.setdefault(container, []).append(Word(text[start:end], start, end))
        elif key is None and kind == "escaped":
            word, lines[start] = _escaped_words(text, start, end)
            items.setdefault(container, []).append(word)
        elif key in _JSON_IMAGE or key in _JSON_COMMAND:
            objects.setdefault(container, {})[key] = (start, end, kind)
            if len(path) >= 2 and path[-2] in _JSON_OVERRIDES:
                overrides.add(container)
    for container, fields in objects.items():
        if not _JSON_IMAGE & set(fields) and container not in overrides:
            continue
        words = [w for key in _JSON_COMMAND if fields.get(key, (0, 0, ""))[2] == "list" for w in items.get(fields[key][0], [])]
        line = next((fields[key] for key in _JSON_COMMAND if fields.get(key, (0, 0, ""))[2] == "string"), None)
        if not words and line is not None and not any(fields.get(key, (0, 0, ""))[2] == "list" for key in _JSON_COMMAND):
            # a command written as one line (Elastic Beanstalk v1's ``"Command": "zenml ..."``)
            yield Section(text[line[0] : line[1]], line[0])
        if not words:
            continue
        yield Section(text[words[0].start : words[-1].end], words[0].start, words=words)
        for w in words:  # an item a shell runs
            if "zenml" in w.value and any(c in w.value for c in " \t\n"):
                if w.start in lines:
                    yield from (Section(text[c[0].start : c[-1].end], c[0].start, words=c) for c in lines[w.start])
                else:
                    yield Section(w.value, w.start)


def package_scripts(text: str) -> Iterator[Section]:
    """The strings of ``package.json``'s top-level ``"scripts"`` object, each at the offset of
    its text inside the quotes (a string with a backslash escape is left out)."""
    for path, key, start, end, kind in json_values(text):
        if path == (None, "scripts") and key is not None and kind == "string":
            yield Section(text[start:end], start)


# a dev container's lifecycle commands: a string (run by a shell), a list of words (no shell),
# or an object of named commands of either form
_DEVCONTAINER_COMMANDS = frozenset({
    "initializeCommand", "onCreateCommand", "updateContentCommand", "postCreateCommand", "postStartCommand", "postAttachCommand",
})


def devcontainer(text: str) -> Iterator[Section]:
    """A dev container's lifecycle commands (``devcontainer.json`` is JSON with comments and
    trailing commas, as VS Code reads it)."""
    for path, key, start, end, kind in json_values(jsonc_as_json(text)):
        named = len(path) == 2 and path[1] in _DEVCONTAINER_COMMANDS
        if (path == (None,) and key in _DEVCONTAINER_COMMANDS) or named:
            if kind == "string":
                yield Section(text[start:end], start)
            elif path == (None,) or named:
                yield Section(text[start:end], start, exec_form=True)


# systemd units: ``ExecStart=`` and friends (their ``-``/``@``/``:``/``+``/``!`` prefixes off)
_SYSTEMD_EXEC = re.compile(r"^Exec(?:Start|StartPre|StartPost|Stop|StopPost|Reload|Condition)[ \t]*=[ \t]*[-@:+!]*")


def systemd(text: str) -> Iterator[Section]:
    lines = list(offset_lines(text))
    for k, (offset, line) in enumerate(lines):
        m = _SYSTEMD_EXEC.match(line)
        if m:
            end = continued_end(lines, k)
            yield Section(text[offset + m.end() : lines[end][0] + len(lines[end][1])].rstrip("\r"), offset + m.end())


_SUPERVISOR_COMMAND = re.compile(r"^command[ \t]*=[ \t]*")


def supervisord(text: str) -> Iterator[Section]:
    """``command=`` of a ``[program:x]`` section (supervisord runs it without a shell)."""
    return _rest_of_lines(_SUPERVISOR_COMMAND, text)


# a cron table line: five time fields (or ``@daily`` and the like), in a system table a user
_CRON_TIME = r"(?:@\w+|(?:[\d*/,\-A-Za-z]+[ \t]+){4}[\d*/,\-A-Za-z]+)[ \t]+"
_CRON_LINE = re.compile(r"^[ \t]*" + _CRON_TIME)
_CRON_D_LINE = re.compile(r"^[ \t]*" + _CRON_TIME + r"[\w.-]+[ \t]+")


def cron(text: str, system: bool = False) -> Iterator[Section]:
    line_re = _CRON_D_LINE if system else _CRON_LINE
    for offset, line in offset_lines(text):
        if line.lstrip().startswith("#"):
            continue
        m = line_re.match(line)
        if m:
            yield Section(line[m.end() :].rstrip("\r"), offset + m.end())


def cron_d(text: str) -> Iterator[Section]:
    return cron(text, system=True)


_RECIPE = re.compile(r"^@?[A-Za-z_][\w-]*(?:[ \t][^:]*)?:(?!=)")  # ``name p="x":`` (not ``name := value``)


# a justfile variable set to a string: ``zenml := "poetry run zenml"`` (``export`` too)
_JUST_VARIABLE = re.compile(r"^(?:export[ \t]+)?([A-Za-z_][\w-]*)[ \t]*:=[ \t]*(?:\"([^\"\n]*)\"|'([^'\n]*)')[ \t]*\r?$")


def justfile(text: str) -> Iterator[Section]:
    """Recipe bodies: the indented lines after a ``name args:`` line (``@``/``-`` prefixes off);
    a recipe line whose program is a string variable (``{{zenml}} stack list``) runs its words."""
    lines = list(offset_lines(text))
    found = [m for _, line in lines for m in [_JUST_VARIABLE.match(line)] if m]
    variables = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3) for m in found} or None
    # (a recipe's shell sees a variable as ``$name`` only when it is exported: ``export x := ...``, ``set export``)
    exported = any(re.match(r"^set[ \t]+export\b(?![ \t]*:=[ \t]*false)", line) for _, line in lines)
    environment = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
                   for m in found if exported or m.group(0).startswith("export")} or None
    in_recipe = False
    k = 0
    while k < len(lines):
        offset, line = lines[k]
        if line[:1] in (" ", "\t"):
            if in_recipe and line.strip():
                end = continued_end(lines, k)
                m = re.match(r"[ \t]+[@\-]*", line)
                start = offset + m.end()
                yield Section(text[start : lines[end][0] + len(lines[end][1])], start, variables=variables, environment=environment)
                k = end + 1
                continue
        elif line.strip() and not line.startswith("#"):
            in_recipe = bool(_RECIPE.match(line))
        k += 1


# ``sh 'x'``, ``sh(script: "x", returnStatus: true)``, ``sh label: 'step', script: '''...'''``
# (Job DSL scripts, ``jobs/*.groovy``: a freestyle job's ``shell('...')``/``batchFile('...')`` steps)
_GROOVY_STEP = re.compile(
    r"\b(?:sh|bat|powershell|pwsh|shell|batchFile)\b[ \t]*\(?[ \t]*"
    r"(?:(?:label|encoding|returnStatus|returnStdout)[ \t]*:[ \t]*(?:'[^'\n]*'|\"[^\"\n]*\"|\w+)[ \t]*,[ \t]*)*"
    r"(?:script[ \t]*:[ \t]*)?('''|\"\"\"|'|\")"
)


def jenkinsfile(text: str) -> Iterator[Section]:
    """The ``sh``/``bat``/``powershell`` steps of a Jenkinsfile or Groovy file (a Job DSL script's
    ``shell``/``batchFile``): a step is code, so
    one written inside a Groovy string or comment (``echo 'sh "zenml ..." is not run'``) is not
    read (a ``${...}`` of a double-quoted string is code again)."""
    quoted = _groovy_quoted(text)
    for m in _GROOVY_STEP.finditer(text):
        if quoted[m.start()]:
            continue
        quote = m.group(1)
        start = m.end()
        stop = text.find(quote, start)
        if stop < 0:
            continue
        body = text[start:stop]
        if len(quote) == 1 and "\n" in body:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        yield Section(body, start, anchor=line_start if len(quote) == 3 else None)


def _groovy_quoted(text: str) -> bytearray:
    """1 for each character of ``text`` inside a Groovy string (quotes included) or comment, else 0.
    Strings: one or three single or double quotes (a backslash escapes); the ``${...}`` of a
    double-quoted one is code (nested strings in it too); comments: ``//`` and ``/* */``."""
    n = len(text)
    out = bytearray(n + 1)
    stack: list = []  # open contexts: a quote (in a string) or "{" (brace depth in ``${...}`` code)
    i = 0
    while i < n:
        c = text[i]
        quote = stack[-1] if stack and stack[-1] != "{" else None
        if quote is not None:  # in a string
            if len(quote) == 1 and c == "\n":  # (a one-line string left open: Groovy fails there)
                stack.pop()
                continue
            out[i] = 1
            if c == "\\":
                out[i + 1 : i + 2] = b"\x01"
                i += 2
                continue
            if text.startswith(quote, i):
                out[i : i + len(quote)] = b"\x01" * len(quote)
                stack.pop()
                i += len(quote)
                continue
            if quote[0] == '"' and text.startswith("${", i):
                out[i + 1] = 1
                stack.append("{")
                i += 2
                continue
            i += 1
            continue
        if c in "'\"":
            q = text[i : i + 3] if text[i : i + 3] in ("'''", '"""') else c
            out[i : i + len(q)] = b"\x01" * len(q)
            stack.append(q)
            i += len(q)
            continue
        if text.startswith("//", i):
            stop = text.find("\n", i)
            stop = n if stop < 0 else stop
            out[i:stop] = b"\x01" * (stop - i)
            i = stop
            continue
        if text.startswith("/*", i):
            stop = text.find("*/", i + 2)
            stop = n if stop < 0 else stop + 2
            out[i:stop] = b"\x01" * (stop - i)
            i = stop
            continue
        if stack and c == "{":
            stack.append("{")
        elif stack and c == "}":
            stack.pop()  # the ``}`` closing a ``${`` (or a brace inside it)
            if stack and stack[-1] != "{":
                out[i] = 1
        i += 1
    return out


# a Nix attribute whose string is a shell script: ``mkShell``'s ``shellHook``, devenv's
# ``enterShell``/``enterTest`` and ``scripts.NAME.exec``, a derivation's phases and hooks
# (``buildPhase``, ``postInstall``), ``writeShellScript[Bin] "name" ''...''``
_NIX_SCRIPT = re.compile(
    r"(?:(?<![\w.-])(?:[\w-]+\.)*(?:shellHook|enterShell|enterTest|exec|\w+Phase|pre[A-Z]\w*|post[A-Z]\w*)[ \t]*=[ \t]*"
    r"|\bwriteShellScript(?:Bin)?[ \t]+\"[^\"\n]*\"[ \t]+)(''|\")"
)
_NIX_ESCAPES = ("'" * 3, "''$", "''\\")  # in an indented string: ``'''`` is ``''``, ``''$`` is ``$``, ``''\n``...


def nix(text: str) -> Iterator[Section]:
    """A Nix file's shell scripts (``_NIX_SCRIPT``): an indented string (``''...''``, its
    ``${...}`` antiquotations skipped over) or a plain one-line string; not in a ``#`` comment."""
    for m in _NIX_SCRIPT.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if "#" in text[line_start : m.start()]:
            continue  # (a commented-out attribute)
        start = m.end()
        end = _nix_string_end(text, start, m.group(1))
        if end is None:
            continue
        body = text[start:end]
        if m.group(1) == '"' and "\\" in body:
            continue  # (escapes: the text differs from the value)
        yield Section(body, start)


def _nix_string_end(text: str, i: int, quote: str) -> Optional[int]:
    """Where the Nix string whose characters start at ``i`` ends (its closing quote), else None."""
    while i < len(text):
        if text.startswith("${", i):  # an antiquotation: to its closing brace
            depth = 0
            while i < len(text):
                depth += (text[i] == "{") - (text[i] == "}")
                i += 1
                if depth == 0:
                    break
            continue
        if quote == '"':
            if text[i] == "\\":
                i += 2
                continue
            if text[i] == '"':
                return i
            if text[i] == "\n":
                return None
        elif text.startswith("''", i):
            if text.startswith(_NIX_ESCAPES, i):
                i += 3
                continue
            return i
        i += 1
    return None


def snakefile(text: str) -> Iterator[Section]:
    """Snakemake: a rule's ``shell:`` directive (a string on its line or the next, triple-quoted
    or not) and ``shell("...")`` calls in ``run:`` blocks; the string's text as written
    (``{output}`` is a Snakemake placeholder). Read with Python's tokenizer: a Snakefile is
    Python with rule blocks."""
    import io
    import tokenize

    starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(text).readline)
                  if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.COMMENT)]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return
    fstring_start, fstring_end = getattr(tokenize, "FSTRING_START", -1), getattr(tokenize, "FSTRING_END", -1)
    for k, tok in enumerate(tokens[:-2]):
        if tok.type != tokenize.NAME or tok.string != "shell" or tokens[k + 1].string not in (":", "("):
            continue
        if tokens[k + 1].string == ":" and k and tokens[k - 1].end[0] == tok.start[0]:
            continue  # ``shell:`` starts its line (a directive), not ``x = {"shell": ...}``
        j = k + 2
        while j < len(tokens):  # implicitly joined strings: each one
            end = j
            if tokens[j].type == fstring_start:  # Python 3.12+: an f-string is several tokens
                depth = 0
                while end < len(tokens):
                    depth += (tokens[end].type == fstring_start) - (tokens[end].type == fstring_end)
                    if depth == 0:
                        break
                    end += 1
            elif tokens[j].type != tokenize.STRING:
                break
            if end >= len(tokens):
                break
            first = starts[tokens[j].start[0] - 1] + tokens[j].start[1]
            literal = text[first : starts[tokens[end].end[0] - 1] + tokens[end].end[1]]
            body = _string_body(literal)
            if body is not None:
                yield Section(literal[body[0] : body[0] + body[1]], first + body[0])
            j = end + 1


def _string_body(literal: str):
    """``(offset, length)`` of a Python string literal's characters (None: bytes)."""
    prefix = len(literal) - len(literal.lstrip("rRuUbBfF"))
    if any(c in "bB" for c in literal[:prefix]):
        return None
    quote = 3 if literal[prefix : prefix + 3] in ('"""', "'''") else 1
    return prefix + quote, len(literal) - prefix - 2 * quote


def _windows_paths(text: str) -> str:
    """A Windows shell's text for the POSIX lexer: a backslash is a path separator there, never
    an escape (``C:\\Python38\\python.exe -m pip``, ``.\\venv\\Scripts\\zenml.exe``, ``"C:\\x\\"``):
    read as ``/`` (same length: offsets are kept)."""
    return text.replace("\\", "/")


# ``Invoke-Expression "LINE"`` / ``iex 'LINE'``: the string is run as a command line
_PS_INVOKE = re.compile(r"(?i)(?<![\w-])(?:Invoke-Expression|iex)[ \t]+(?:-Command[ \t]+)?(\"[^\"\r\n]*\"|'[^'\r\n]*')")
# ``Start-Process [-FilePath] PROG ... -ArgumentList "ARGS"`` (or ``"a","b"``)
_PS_START = re.compile(r"(?i)(?<![\w-])(?:Start-Process|saps)[ \t]+(?:-FilePath[ \t]+)?(['\"]?)([^\s'\"]+)\1([^\r\n]*)")
_PS_ARGUMENTS = re.compile(r"(?i)-ArgumentList[ \t]+((?:(?:\"[^\"\r\n]*\"|'[^'\r\n]*')[ \t]*,?[ \t]*)+)")
_PS_STRING = re.compile(r"\"([^\"\r\n]*)\"|'([^'\r\n]*)'")


# ``$zenml = "zenml"`` (``& $zenml stack list`` runs it); PowerShell's ``$NAME`` is the shell's
_PS_ASSIGN = re.compile(r"(?m)^[ \t]*\$([A-Za-z_]\w*)[ \t]*=[ \t]*(?:\"([^\"$`\r\n]*)\"|'([^'\r\n]*)')[ \t]*(?:#.*)?\r?$")


# ``$zenArgs = @("stack", "register", $Name, "-m", "x")`` (over lines too): an array ``@zenArgs`` splats
_PS_ARRAY = re.compile(r"(?m)^[ \t]*\$([A-Za-z_]\w*)[ \t]*=[ \t]*@\(((?:[ \t\r\n,]*(?:\"[^\"$`\r\n]*\"|'[^'\r\n]*'|\$[A-Za-z_]\w*))*)[ \t\r\n,]*\)")
_PS_ITEM = re.compile(r"\"([^\"\r\n]*)\"|'([^'\r\n]*)'|(\$[A-Za-z_]\w*)")


def _ps_item(m: "re.Match") -> str:
    return "${_}" if m.group(3) else m.group(1) if m.group(1) is not None else m.group(2)


def powershell(text: str) -> Iterator[Section]:
    """A PowerShell script: a backtick at the end of a line continues it (read as ``\\``,
    same length); ``& zenml`` calls it; backslashes are path separators. The string of
    ``Invoke-Expression``/``iex`` is a command line; ``Start-Process zenml -ArgumentList "..."``
    runs zenml with those arguments."""
    from zenml_migrate.scan.command_lines import Word, program, split_commands

    variables = {m.group(1): m.group(2) or m.group(3) for m in _PS_ASSIGN.finditer(text)}
    splats = {m.group(1): [_ps_item(i) for i in _PS_ITEM.finditer(m.group(2))] for m in _PS_ARRAY.finditer(text)}
    yield Section(re.sub(r"`(?=\r?\n)", "\\\\", _windows_paths(text)), 0, environment=variables or None, splats=splats or None)
    for m in _PS_INVOKE.finditer(text):
        yield Section(_windows_paths(m.group(1)[1:-1]), m.start(1) + 1)
    for m in _PS_START.finditer(text):
        if program(_windows_paths(m.group(2))) != "zenml":
            continue
        args = _PS_ARGUMENTS.search(m.group(3))
        if args is None:
            continue
        words = [Word("zenml", m.start(2), m.end(2))]
        base = m.start(3) + args.start(1)
        for item in _PS_STRING.finditer(args.group(1)):
            at = base + item.start() + 1
            for cmd in split_commands(_windows_paths(item.group(item.lastindex)), at)[:1]:
                words += cmd
        yield Section(text[m.start() : m.end()], m.start(), words=words)


# ``FOR /F "opts" %%i IN ('CMD') DO ...`` (``usebackq``: ```CMD```): CMD is run
_FOR_COMMAND = re.compile(r"(?i)\bIN[ \t]*\([ \t]*(['`])([^'`\r\n]*)\1[ \t]*\)")
# ``if [/i] [not] errorlevel N|exist X|defined X|A==B CMD``: CMD is run
_IF_PREFIX = re.compile(
    r"(?im)(^[ \t]*@?|\)[ \t]*else[ \t]+|&[ \t]*)(if[ \t]+(?:/i[ \t]+)?(?:not[ \t]+)?"
    r"(?:errorlevel[ \t]+\d+|exist[ \t]+(?:\"[^\"\r\n]*\"|\S+)|defined[ \t]+\S+|(?:\"[^\"\r\n]*\"|[^\s=]+)[ \t]*==[ \t]*(?:\"[^\"\r\n]*\"|\S+))[ \t]+)"
)


# ``set NAME=value`` / ``set "NAME=value"``: a variable a later ``%NAME% stack list`` runs
_BATCH_SET = re.compile(r"(?im)^[ \t]*@?set[ \t]+(?:\"([A-Za-z_][\w-]*)=([^\"\r\n]*)\"|([A-Za-z_][\w-]*)=([^\r\n]*))")


def batch(text: str) -> Iterator[Section]:
    """A Windows batch file: ``^`` at the end of a line continues it; ``REM``/``::`` lines are
    comments; ``call zenml ...`` runs it; an ``if`` condition is not a command (the command after
    it is); the command of ``FOR /F ... IN ('CMD')``; backslashes are path separators."""
    for m in _FOR_COMMAND.finditer(text):
        yield Section(_windows_paths(m.group(2)), m.start(2))
    text = re.sub(r"\^(?=\r?\n)", "\\\\", _windows_paths(text))
    text = re.sub(r"(?im)^([ \t]*@?)(rem\b|::)", lambda m: m.group(1) + "#" * len(m.group(2)), text)
    text = re.sub(r"(?m)^([ \t]*)@", r"\1 ", text)  # ``@zenml ...``: not echoed, run
    text = _IF_PREFIX.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)
    text = re.sub(r"(?i)(\)[ \t]*)else(?=[ \t])", lambda m: m.group(1) + "    ", text)  # ``) else CMD``
    text = re.sub(r"(?im)^([ \t]*)call(?=[ \t]+%)", lambda m: m.group(1) + "    ", text)  # ``call %ZENML% ...``
    yield Section(text, 0, environment={m.group(1) or m.group(3): (m.group(2) or m.group(4)).strip() for m in _BATCH_SET.finditer(text)} or None)


# ------------------------------------------------------------------ Terraform/HCL, Vagrantfile
# an HCL string (``"..."``: ``\"`` and ``\\`` escapes; ``${...}`` interpolation kept as written) or
# here-document (``<<EOT``/``<<-EOT`` ... ``EOT``) value of a ``command`` attribute: Terraform's
# ``local-exec``/``remote-exec`` provisioners (run by a shell), a Nomad task's ``command`` with its
# ``args = [...]`` (the words of one command)
_HCL_COMMAND = re.compile(r"(?m)(?:^|[{,])[ \t]*(command|inline)[ \t]*=[ \t]*(?:\"((?:[^\"\\\r\n]|\\.)*)\"|<<(-?)([A-Za-z_]\w*)[ \t]*\r?\n|\[)")
_HCL_ARGS = re.compile(r"(?m)(?:^|[{,])[ \t]*args[ \t]*=[ \t]*\[((?:[^\]\"]|\"(?:[^\"\\]|\\.)*\")*)\]")
_HCL_STRING = re.compile(r"\"((?:[^\"\\\r\n]|\\.)*)\"")


def hcl(text: str) -> Iterator[Section]:
    from zenml_migrate.scan.command_lines import program, run

    for m in _HCL_COMMAND.finditer(text):
        line_start = text.rfind("\n", 0, m.start(1)) + 1
        if m.group(4):  # a here-document: its lines up to the delimiter
            body = m.end()
            close = re.compile(rf"(?m)^[ \t]*{m.group(4)}[ \t]*\r?$").search(text, body)
            stop = close.start() if close else len(text)
            yield Section(text[body:stop], body, anchor=line_start)
            continue
        if m.group(2) is None:  # ``inline = ["cmd", ...]`` (remote-exec): each string is a command line
            close = text.find("]", m.end())
            strings = list(_HCL_STRING.finditer(text, m.end(), len(text) if close < 0 else close))
            if m.group(1) == "command" and strings:
                # a container's ``command = ["zenml", ...]`` (Terraform's kubernetes, Cloud Run, ECS
                # ``jsonencode``): an argv, with the ``args`` of its block
                words = [Word(x.group(1), x.start(1), x.end(1)) for x in strings] + _hcl_args(text, m)
                if "\\" not in text[strings[0].start() : strings[-1].end()]:
                    yield Section(text[words[0].start : words[-1].end], words[0].start, anchor=line_start, words=words)
                # its words say what runs: ``["sh", "-c", LINE]`` (``["/usr/bin/env", "bash", "-c", LINE]``,
                # ``["tini", "--", "sh", "-c", LINE]``) runs LINE, ``["echo", "zenml ..."]`` prints text
                line = run(words).line
                if line is not None and "\\" not in line.value:
                    yield Section(line.value, line.start, anchor=line_start)
                continue
            for s in strings:
                if "zenml" in s.group(1) and "\\" not in s.group(1) and re.search(r"\s", s.group(1)):
                    yield Section(s.group(1), s.start(1), anchor=line_start)
            continue
        value = m.group(2)
        if "\\" in value:
            continue  # (escapes: the text differs from the value)
        if program(value) == "zenml" and not re.search(r"\s", value):  # Nomad: ``command = "zenml"`` + ``args``
            args = _hcl_args(text, m)
            if args:
                words = [Word(value, m.start(2), m.end(2))] + args
                first, last = min(w.start for w in words), max(w.end for w in words)
                yield Section(text[first:last], first, anchor=line_start, words=words)
                continue
        yield Section(value, m.start(2), anchor=line_start)


def _hcl_args(text: str, command: "re.Match") -> List[Word]:
    """The words of the ``args = [...]`` list in the block of a ``command`` (after it, else before it)."""
    block_end = text.find("}", command.end())
    args = _HCL_ARGS.search(text, command.end(), len(text) if block_end < 0 else block_end)
    if args is None:
        before = text.rfind("{", 0, command.start())
        args = _HCL_ARGS.search(text, before + 1, command.start())
    if args is None:
        return []
    base = args.start(1)
    return [Word(s.group(1), base + s.start(1), base + s.end(1)) for s in _HCL_STRING.finditer(args.group(1))]


_VAGRANT_INLINE = re.compile(r"\binline[ \t]*(?::|=)[ \t]*(?:\"((?:[^\"\\\r\n]|\\.)*)\"|'([^'\r\n]*)'|<<([-~]?)(['\"]?)([A-Za-z_]\w*)\4[^\n]*\n)")


def vagrantfile(text: str) -> Iterator[Section]:
    """A Vagrantfile's shell provisioners: ``inline: "..."`` (or ``s.inline = '...'``) and an
    ``inline: <<-SHELL`` here-document's lines."""
    for m in _VAGRANT_INLINE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if m.group(5):
            body = m.end()
            close = re.compile(rf"(?m)^[ \t]*{m.group(5)}[ \t]*\r?$" if m.group(3) else rf"(?m)^{m.group(5)}\r?$").search(text, body)
            yield Section(text[body : close.start() if close else len(text)], body, anchor=line_start)
        elif m.group(1) is not None and "\\" not in m.group(1) and "#{" not in m.group(1):
            yield Section(m.group(1), m.start(1), anchor=line_start)
        elif m.group(2) is not None:
            yield Section(m.group(2), m.start(2), anchor=line_start)


from zenml_migrate.scan import command_blocks as blocks  # noqa: E402  (it imports command_lines, which imports this module's kinds)

READERS = {
    "tox": tox_ini,
    "pyproject": pyproject,
    "tox_toml": tox_toml,
    "toml_tasks": toml_tasks,
    "pipfile": pipfile_scripts,
    "compose": compose,
    "pre_commit": pre_commit,
    "container_json": container_json,
    "databricks_job": container_json,  # (its name may be that of a Batch or Vertex AI job; its pins: pins.py)
    "procfile": procfile,
    "justfile": justfile,
    "jenkinsfile": jenkinsfile,
    "powershell": powershell,
    "batch": batch,
    "package_json": package_scripts,
    "deploy_toml": deploy_toml,
    "hcl": hcl,
    "vagrantfile": vagrantfile,
    "devcontainer": devcontainer,
    "vscode": vscode,
    "pycharm": pycharm_run_configurations,
    "systemd": systemd,
    "supervisord": supervisord,
    "cron": cron,
    "cron_d": cron_d,
    "snakefile": snakefile,
    "nix": nix,
    "pixi": pixi_tasks,
    "wdl": blocks.wdl,
    "nextflow": blocks.nextflow,
    "teamcity": blocks.teamcity,
    "cargo_make": blocks.cargo_make,
    "html": blocks.html_blocks,
    "build_file": blocks.build_file,
    "gocd_xml": blocks.gocd_xml,
    "cwl": blocks.cwl,
}
CONFIG_KINDS = tuple(READERS)


def config_sections(kind: str, text: str) -> List[Section]:
    return list(READERS[kind](text))


# ------------------------------------------------------------------ Kubernetes-style manifests
# a container's ``command:`` and ``args:`` (Kubernetes pods/jobs, Argo and Tekton templates,
# Kubeflow component specs): one argv, the command's words then the arguments'; an item of
# either that a shell runs (``[sh, -c, "zenml ..."]``, a ``- |`` block item) is lexed too; an
# Argo ``script:`` template's ``source: |`` run by ``command: [bash]`` is shell text, and so is a
# Tekton step's ``script: |`` (unless its ``#!`` line names another program)
_MANIFEST_KEY = re.compile(r"^([ \t]*)(command|args|source|script|EntryPoint|Command)[ \t]*:[ \t]*(.*?)\r?$")
# the key whose list goes on the argv a container's first key starts: Kubernetes ``command`` then
# ``args``; a CloudFormation ``ContainerDefinitions`` item's ``EntryPoint`` then ``Command`` (an
# AWS Batch ``ContainerProperties``' ``Command`` alone is the whole argv)
_ARGV_REST = {"command": "args", "EntryPoint": "Command"}
_SHELLS = frozenset({"sh", "bash", "/bin/sh", "/bin/bash", "/usr/bin/env bash", "ash", "dash", "zsh"})


def _siblings(lines: List[tuple], k: int, indent: int) -> List[int]:
    """Line indexes of the keys of the YAML mapping holding line ``k`` (same indent, both ways)."""
    out = []
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(lines):
            line = lines[j][1]
            if line.strip() and not line.lstrip().startswith("#"):
                depth = len(line) - len(line.lstrip(" \t"))
                if depth < indent or (depth == indent and line.lstrip().startswith("- ")):
                    if depth == indent - 2 and line.lstrip().startswith("- ") and step == -1:
                        out.append(j)  # ``- name: x`` opens the mapping: its first key
                    break
                if depth == indent:
                    out.append(j)
            j += step
    return out


_CONFIGMAP_SCRIPT = re.compile(r"^([ \t]+)([\w.-]+)[ \t]*:[ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?\r?$")


def _configmap_scripts(text: str, lines: List[tuple]) -> Iterator[Section]:
    """The shell scripts a Kubernetes ``ConfigMap`` holds for its pods to run: a ``data:`` key
    named ``*.sh``/``*.bash`` (or whose block starts with a shell's ``#!`` line) with a block
    scalar, in a document of ``kind: ConfigMap``."""
    from zenml_migrate.scan.command_lines import block_scalar

    documents = [0] + [k for k, (_, line) in enumerate(lines) if line.rstrip() == "---"] + [len(lines)]
    for first, end in zip(documents, documents[1:]):
        if not any(re.match(r"kind[ \t]*:[ \t]*ConfigMap[ \t]*(?:#.*)?\r?$", line) for _, line in lines[first:end]):
            continue
        k = first
        while k < end:
            if not re.match(r"(?:data|binaryData)[ \t]*:[ \t]*(?:#.*)?\r?$", lines[k][1]):
                k += 1
                continue
            k += 1
            while k < end and (not lines[k][1].strip() or lines[k][1][:1] in (" ", "\t")):
                m = _CONFIGMAP_SCRIPT.match(lines[k][1])
                if m is None:
                    k += 1
                    continue
                sec, k = block_scalar(text, lines, k + 1, len(m.group(1)))
                if sec is not None and "zenml" in sec.text and shell_script(sec.text):
                    named = m.group(2).endswith((".sh", ".bash"))
                    if named or sec.text.lstrip().startswith("#!"):
                        yield sec


def manifest_sections(text: str) -> Iterator[Section]:
    from zenml_migrate.scan.command_lines import list_value, run

    if "zenmldocker/" in text:  # a container's ``image: zenmldocker/zenml:0.13.2`` runs that ZenML (ZM970)
        from zenml_migrate.scan.pins import yaml_images

        yield from (Section(text[i.start : i.stop], i.start, requirement=i.style) for i in yaml_images(text))
    lines = list(offset_lines(text))
    if "ConfigMap" in text:
        yield from _configmap_scripts(text, lines)

    def value_items(k: int, indent: int, value: str, at: int):
        return list_value(text, lines, k, indent, value, at)

    k = 0
    while k < len(lines):
        offset, line = lines[k]
        m = _MANIFEST_KEY.match(line) or _patched_command(lines, k)
        if m is None or m.group(2) == "args":
            k += 1
            continue
        indent, key, value = len(m.group(1)), m.group(2), m.group(3)
        if key == "Command" and any(_key_of(lines[j][1]) == "EntryPoint" for j in _siblings(lines, k, indent)):
            k += 1  # read after the ``EntryPoint`` it follows
            continue
        if key == "script":  # a Tekton step's ``script: |``: a shell script unless its ``#!`` names another program
            if value[:1] in ("|", ">"):
                sec, k = block_scalar(text, lines, k + 1, indent, folded_at=offset if value[:1] == ">" else None)
                if sec is not None and shell_script(sec.text):
                    yield sec
                continue
            k += 1
            continue
        if key == "source":
            if value[:1] == "|" and any(_runs_shell(lines[j][1]) for j in _siblings(lines, k, indent)):
                sec, k = block_scalar(text, lines, k + 1, indent)
                if sec is not None:
                    yield sec
                continue
            k += 1
            continue
        words, blocks, after = value_items(k, indent, value, offset + m.start(3))
        if words is None and key in ("command", "Command") and value[:1] not in ("|", ">", "{", "&", "*", "#"):
            # a plain ``command: zenml ...`` line (an AWS Copilot service's, a Helm value's)
            yield scalar_section(value, offset + m.start(3), anchor=offset)
        if not words:
            k = after
            continue
        for j in _siblings(lines, k, indent):
            a = _MANIFEST_KEY.match(lines[j][1])
            if a is not None and a.group(2) == _ARGV_REST.get(key):
                more, more_blocks, _ = value_items(j, indent, a.group(3), lines[j][0] + a.start(3))
                words += more or []
                blocks += more_blocks
                break
        stop = max(w.end for w in words)
        yield Section(text[offset:stop], offset, anchor=offset, words=words)
        # the items that are command lines: the one a shell runs (``["sh", "-c", "zenml ... && ..."]``, also
        # behind ``env``/``tini --``), or each item of a list of lines (Heroku's ``release: command:``, a command
        # after an entrypoint the key does not name); ``["echo", "zenml ..."]`` prints text
        line = run(words).line
        lines_of = [line] if line is not None else words if re.search(r"\s", words[0].value) else []
        for w in lines_of:
            if "zenml" in w.value and any(c in w.value for c in " \t\n") and not any(b.start == w.start for b in blocks):
                raw = text[w.start : w.end]
                if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"" and raw[1:-1] == w.value:
                    yield Section(w.value, w.start + 1)
                elif raw == w.value:
                    yield Section(w.value, w.start)
        yield from blocks
        k = after


# a JSON patch operation (a Kustomize ``patches:`` item's ``patch: |`` text, a ``patchesJson6902``
# file) that sets a container's command: ``op: replace|add``, ``path: .../containers/0/command``,
# ``value: [zenml, ...]``
_PATCH_VALUE = re.compile(r"^([ \t]*)(value)[ \t]*:[ \t]*(.*?)\r?$")
_PATCH_PATH = re.compile(r"^[ \t]*(?:-[ \t]+)?path[ \t]*:[ \t]*[\"']?/(?:[^\s\"'#]*/)?command[\"']?[ \t]*(?:#.*)?\r?$")


def _patched_command(lines: List[tuple], k: int) -> "Optional[re.Match]":
    """The ``value:`` key at line ``k`` of a JSON patch operation on a container's ``command``,
    matched as a ``command:`` key would be (group 1 its indent, 3 its value); else None."""
    m = _PATCH_VALUE.match(lines[k][1])
    if m is None:
        return None
    if not any(_PATCH_PATH.match(lines[j][1]) for j in _siblings(lines, k, len(m.group(1)))):
        return None
    return m


def _key_of(line: str) -> Optional[str]:
    m = _MANIFEST_KEY.match(line)
    return m.group(2) if m is not None else None


def _runs_shell(line: str) -> bool:
    m = _MANIFEST_KEY.match(line)
    if m is None or m.group(2) != "command":
        return False
    first = m.group(3).strip("[] \t").split(",")[0].strip().strip("'\"")
    return first in _SHELLS


# ------------------------------------------------------------------ Ansible tasks, cloud-init user data
# an Ansible task's module (``shell:``/``command:``/``raw:``, short or ``ansible.builtin.``/``ansible.legacy.``
# names): a command line, a block scalar, or a mapping with ``cmd:`` (a line) or ``argv:`` (words); the
# ``pip`` module's ``name:`` (requirements) and ``version:`` (of a ``name: zenml``) are pins
_ANSIBLE_KEY = re.compile(
    r"^([ \t]*)(?:-[ \t]+)?(?:ansible\.(?:builtin|legacy)\.)?(shell|command|raw|cmd|argv|pip|name|version)[ \t]*:[ \t]*(.*?)\r?$"
)


def ansible_sections(text: str) -> Iterator[Section]:
    from zenml_migrate.scan.command_lines import value_section

    lines = list(offset_lines(text))
    pip = None  # indent of the keys of the ``pip:`` module being read
    pip_name = pip_version = None
    k = 0
    while k < len(lines):
        offset, line = lines[k]
        if line.strip() and not line.lstrip().startswith("#"):
            depth = len(line) - len(line.lstrip(" \t-"))
            if pip is not None and depth < pip:
                yield from _pip_pin(text, pip_name, pip_version)
                pip = pip_name = pip_version = None
        m = _ANSIBLE_KEY.match(line)
        if m is None:
            k += 1
            continue
        key, value, at = m.group(2), m.group(3), offset + m.start(3)
        indent = len(line) - len(line.lstrip(" \t-"))
        if key == "pip":
            if not value:
                pip = indent + 1
            k += 1
            continue
        if key in ("name", "version"):
            if pip is not None and indent >= pip and value:
                if key == "name":
                    pip_name = (value, at)
                else:
                    pip_version = (value, at)
            k += 1
            continue
        if key == "argv" or (key == "command" and (value.startswith("[") or not value)):
            # ``argv:`` of ``command``, or the word list of a ``docker_container`` task's ``command:``
            if value.startswith("["):
                yield Section(value, at, anchor=offset, exec_form=True)
                k += 1
                continue
            items = []
            k += 1
            while k < len(lines) and re.match(r"^[ \t]*-[ \t]", lines[k][1]) and len(lines[k][1]) - len(lines[k][1].lstrip(" \t")) >= indent:
                items.append(k)
                k += 1
            if items:
                first, last = lines[items[0]], lines[items[-1]]
                yield Section(text[first[0] : last[0] + len(last[1])], first[0], anchor=offset, exec_form=True)
            continue
        if value and not value.startswith("#"):
            sec, k = value_section(text, lines, k, len(m.group(1)), value, at)
            if sec is not None:
                yield sec
            continue
        k += 1
    if pip is not None:
        yield from _pip_pin(text, pip_name, pip_version)


def _pip_pin(text: str, name, version) -> Iterator[Section]:
    """The requirements of an Ansible ``pip`` task: ``name: zenml==0.13.2`` (or a flow list of
    them), or ``name: zenml`` with ``version: 0.13.2`` (its version is the pin)."""
    from zenml_migrate.scan.pins import is_zenml

    if name is None:
        return
    value, at = name
    if version is not None and is_zenml(value.strip("\"'")):
        v, v_at = version
        v = re.split(r"[ \t]#", v, maxsplit=1)[0].rstrip()
        inner = 1 if v[:1] in "\"'" and len(v) > 1 and v[-1] == v[0] else 0
        yield Section(v[inner : len(v) - inner], v_at + inner, requirement="poetry")
        return
    if not value.startswith("["):  # one requirement, or several separated by commas
        value = re.split(r"[ \t]#", value, maxsplit=1)[0].rstrip()
        inner = 1 if value[:1] in "\"'" and len(value) > 1 and value[-1] == value[0] else 0
        value, at = value[inner : len(value) - inner], at + inner
        items = [(m.group(0).strip(), at + m.start() + len(m.group(0)) - len(m.group(0).lstrip())) for m in re.finditer(r"[^,]+", value)]
    else:
        items = [(m.group(m.lastindex), at + m.start(m.lastindex)) for m in _PIP_FLOW.finditer(value)]
    for requirement, start in items:
        if "zenml" in requirement.lower():
            yield Section(requirement, start, requirement="pep508")


# an item of a flow list (``["a", 'b', c]``)
_PIP_FLOW = re.compile(r"""[\[,][ \t]*(?:"([^"]*)"|'([^']*)'|([^\s,\]"'#][^,\]#]*?))[ \t]*(?=[,\]])""")


# cloud-init user data (``#cloud-config``): ``runcmd:``/``bootcmd:`` items, a string (run by ``sh``: read
# as a CI ``script:`` list, ``command_lines._CI_KEY``) or a list of words (``- [zenml, stack, list]``)
_FLOW_ITEM_LINE = re.compile(r"^[ \t]*-[ \t]+(\[.*\])[ \t]*(?:#.*)?\r?$", re.M)


_LAUNCHER_SCRIPT = re.compile(r"^(setup|run|commands|command)[ \t]*:[ \t]*(.*?)\r?$")


def launcher_sections(text: str) -> Iterator[Section]:
    """A SkyPilot task's top-level ``setup:``/``run:`` scripts, a dstack configuration's
    ``commands:`` lines, an Azure ML command job's ``command:``."""
    from zenml_migrate.scan.command_lines import plain_word, list_value, value_section

    lines = list(offset_lines(text))
    k = 0
    while k < len(lines):
        offset, line = lines[k]
        m = _LAUNCHER_SCRIPT.match(line)
        if m is None:
            k += 1
            continue
        if m.group(2):
            sec, k = value_section(text, lines, k, 0, m.group(2), offset + m.start(2))
            if sec is not None:
                yield sec
            continue
        words, blocks, after = list_value(text, lines, k, 0, "", offset)
        for w in words or []:
            line = plain_word(w, text, 0)
            if line is not None and not any(b.start == w.start for b in blocks):
                yield Section(line.value, line.start)
        yield from blocks
        k = after


def cloud_init_sections(text: str) -> Iterator[Section]:
    from zenml_migrate.scan.command_lines import sections

    yield from sections("ci_yaml", text)
    for m in _FLOW_ITEM_LINE.finditer(text):
        yield Section(m.group(1), m.start(1), anchor=m.start(), exec_form=True)
