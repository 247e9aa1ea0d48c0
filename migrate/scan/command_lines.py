"""Command lines wherever users call the ``zenml`` CLI: shell scripts, Makefile recipes,
Dockerfile ``RUN``/``CMD``/``ENTRYPOINT``, GitHub/GitLab CI ``run:``/``script:``, fenced shell
blocks in Markdown, and notebook shell escapes (``migrate/scan/notebook.py`` gives their text).

A file kind gives *sections* (shell text with its offset in the file); a small POSIX-shell
lexer splits a section into simple commands (``;``, ``&&``, ``||``, ``|``, newlines, quotes,
backslash continuations, ``$(...)`` and backquotes, whose inner commands count too, comments,
here-documents skipped); ``zenml_argv`` finds the ``zenml`` invocation behind ``sudo``,
``env``, ``VAR=x``, ``time``, ``poetry run``, ``python -m zenml`` and the like. Words keep
their offsets, so findings and edits point at the exact characters.
"""

import json
import re
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, NamedTuple, Optional, Set, Tuple, Union

from zenml_migrate.scan.file_kinds import CONFIG_KINDS


@dataclass
class Word:
    """A word of a command line, with its offsets."""

    value: str  # quotes removed
    start: int  # offsets in the file (or cell) text
    end: int
    # an expansion outside quotes (``$X``, ``$(cmd)``, ``{var}``, ``{{x}}``, a glob) or ``"$@"``:
    # the shell (IPython, just, make) may turn the word into several words
    splits: bool = field(default=False, compare=False)
    # words known only at run time follow (a Python argv list's ``*args``)
    more: bool = field(default=False, compare=False)
    # written elsewhere, not at ``start:end`` (a word of an IPython alias's definition, at the place the alias is used):
    # True, or what it is written in (``the definition of `zs```: a shell alias or function)
    elsewhere: Union[bool, str] = field(default=False, compare=False)


@dataclass
class Section:
    """Shell text at ``start`` in the file. ``anchor``: offset of the line a note for a
    command in it goes above (None: the line where the command starts)."""

    text: str
    start: int
    make: bool = False  # Makefile recipe: ``$(VAR)`` is a make variable, ``$$`` a dollar
    anchor: Optional[int] = None
    exec_form: bool = False  # Dockerfile ``RUN ["zenml", ...]``: a JSON list of words
    # variables of the file's own language (Makefile ``ZENML ?= poetry run zenml`` for ``$(ZENML)``,
    # a justfile's ``{{zenml}}``, go-task ``vars:`` for ``{{.ZENML}}``): a command starting with one
    # runs the words of its value
    variables: Optional[Dict[str, str]] = None
    # environment variables the shell sees (``$ZENML``, ``${ZENML}``, ``${{ env.ZENML }}``, Azure's
    # ``$(ZENML)`` macro): CI ``env:``/``variables:``, CircleCI ``environment:``, go-task ``env:``,
    # a justfile's ``export`` variables
    environment: Optional[Dict[str, str]] = None
    # one requirement of a requirement list (``migrate/scan/pins.py``), not shell text: how it is
    # written (``pins.Item.style``)
    requirement: Optional[str] = None
    # the words of one command, known already (an argument list in R: ``system2("zenml", c(...))``)
    words: Optional[List[Word]] = None
    # zsh reads it: an unquoted ``$NAME`` of an array is its items (bash: its first item)
    zsh: bool = False
    # PowerShell arrays a command splats (``& zenml @zenArgs`` with ``$zenArgs = @("stack", "list")``):
    # name -> its items (``${_}`` for one known at run time)
    splats: Optional[Dict[str, List[str]]] = None
    # not commands: the whole text of a file whose settings of environment variables are read
    # (``scan/env_vars.py``, ZM906): ``"any"`` way of setting one, ``"exported"`` only (a Makefile's
    # own variables are no environment unless exported; its recipes are shell sections)
    environ: str = ""


_SEPARATORS = "\n;&|()"


SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ksh"})


def split_commands(text: str, base: int = 0, make: bool = False) -> List[List[Word]]:
    """The simple commands of ``text`` (words with offsets + ``base``); commands inside
    ``$(...)``/backquotes, ``sh -c 'command line'`` and a here-document fed to a shell
    (``bash <<EOF``) are listed too."""
    out: List[List[Word]] = []
    _lex(text, 0, len(text), base, make, out)
    for words in list(out):
        inner = _shell_c(words, text, base)
        if inner is not None:
            out.extend(split_commands(inner.value, inner.start, make))
    return out


def _shell_c(words: List[Word], text: str, base: int) -> Optional[Word]:
    """The command line a command hands to a shell, with the offset of its first character, when
    the word is written plainly (quotes around it at most): ``sh -c 'LINE'`` (``bash -lc``,
    ``/bin/sh -c``, also behind prefixes and wrappers: ``sudo -u u sh -c``, ``docker exec C sh -c``,
    ``xargs -I{} sh -c``), ``su USER -c LINE``, ``watch 'LINE'``, ``parallel 'LINE' ::: ...``,
    ``flock FILE -c LINE``, ``ssh HOST 'LINE'`` (the remote shell runs it), ``eval "LINE"``."""
    if len(words) == 2 and words[0].value == "eval":  # ``eval "LINE"``: the shell runs the line
        return plain_word(words[1], text, base)
    if words and program(words[0].value) == "ssh":
        j = wrapped(words, 0)
        if j is not None and j == len(words) - 1 and re.search(r"\s", words[j].value):
            return plain_word(words[j], text, base)
    line = run(words).line
    return plain_word(line, text, base) if line is not None else None


def _ssh_login(words: List[Word]) -> bool:
    """``ssh [opts] HOST`` with no command: the remote login shell runs what it reads (``ssh h <<EOF``)."""
    return bool(words) and program(words[0].value) == "ssh" and wrapped(words, 0) is None and len(words) > 1


def plain_word(line: Word, text: str, base: int) -> Optional[Word]:
    """``line`` when written as its value, or inside one pair of quotes (the inner offsets)."""
    raw = text[line.start - base : line.end - base]
    if raw == line.value:
        return line
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"" and raw[1:-1] == line.value:
        return Word(line.value, line.start + 1, line.end - 1)
    return None


def _lex(text: str, i: int, n: int, base: int, make: bool, out: List[List[Word]]) -> None:
    words: List[Word] = []
    value: List[str] = []
    start = -1
    splits = [False]  # the word being read may become several words
    heredocs: List[tuple] = []  # (delimiter, body run by a shell)
    target = [False]  # the next word is a redirection's target (a file, ``&1``): no word of the command
    here = [False]  # that target is a here-string a shell reads as its commands (``bash <<< "LINE"``)

    def end_word(at: int) -> None:
        nonlocal value, start
        if start >= 0:
            if target[0]:
                target[0] = False
                line = plain_word(Word("".join(value), base + start, base + at), text, base) if here[0] else None
                if line is not None:
                    out.extend(split_commands(line.value, line.start, make))
                here[0] = False
            else:
                words.append(Word("".join(value), base + start, base + at, splits[0]))
        value, start, splits[0] = [], -1, False

    def end_command() -> None:
        nonlocal words
        if words:
            out.append(words)
        words = []
        target[0] = here[0] = False

    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] == "\n":
            i += 2
            continue
        if ch == "\\" and i + 2 < n and text[i + 1] == "\r" and text[i + 2] == "\n":
            i += 3
            continue
        if ch in " \t\r":
            end_word(i)
            i += 1
            continue
        if ch == "#" and start < 0:
            while i < n and text[i] != "\n":
                i += 1
            continue
        if ch in _SEPARATORS:
            end_word(i)
            if ch == "\n" and heredocs:
                i = _skip_heredocs(text, i + 1, n, heredocs, base, make, out)
                heredocs = []
                end_command()
                continue
            end_command()
            i += 1
            continue
        if ch == "<" and text.startswith("<<", i) and _CIRCLECI_VALUE.match(text, i):
            # a CircleCI parameter (``<< parameters.stack >>``, ``<< pipeline.git.branch >>``): a value
            # CircleCI puts in before the shell runs, no here-document
            j = _CIRCLECI_VALUE.match(text, i).end()
            if start < 0:
                start = i
            value.append(text[i:j])
            splits[0] = True
            i = j
            continue
        if ch == "<" and text.startswith("<<", i) and not text.startswith("<<<", i):
            end_word(i)
            m = re.compile(r"<<-?[ \t]*(['\"]?)([\w.-]+)\1").match(text, i)
            if m:
                heredocs.append((
                    m.group(2),
                    run(words).shell or _ssh_login(words),
                    words if _PYTHON.match(words[0].value if words else "") else None,  # ``python - <<'PY'``
                ))
                i = m.end()
                continue
        if ch in "<>" and not text.startswith(("<(", ">("), i):
            # a redirection (``> log``, ``2>&1``, ``>/dev/null`` glued to a word, ``<<< text``): the
            # word before it ends there (a file descriptor number before it is no word either),
            # its operator and its target are no words of the command
            if start >= 0 and text[start:i].isdigit():
                value, start, splits[0] = [], -1, False
            else:
                end_word(i)
            here[0] = text.startswith("<<<", i) and bool(words) and (run(words).shell or _ssh_login(words))
            i += 1
            while i < n and text[i] in "<>&|":
                i += 1
            target[0] = True
            continue
        if start < 0:
            start = i
        if ch == "'":
            j = text.find("'", i + 1, n)
            j = n if j < 0 else j
            value.append(text[i + 1 : j])
            i = j + 1
        elif ch == '"':
            j = _double_quoted(text, i + 1, n, base, make, value, out)
            splits[0] = splits[0] or bool(_ALL_ARGS.search(text, i, j))
            i = j
        elif ch == "`":
            j = _backquote_end(text, i + 1, n)
            _lex(text, i + 1, j, base, make, out)
            value.append(text[i : j + 1])
            splits[0] = True
            i = j + 1
        elif ch == "$" and i + 1 < n and text[i + 1] in "({":
            splits[0] = True
            j = _matching(text, i + 1, n)
            if not make and text[i + 1] == "(" and not text.startswith("$((", i):
                _lex(text, i + 2, j, base, make, out)
            value.append(text[i : j + 1])
            i = j + 1
        elif ch == "$" and make and i + 1 < n and text[i + 1] == "$":
            value.append("$")
            i += 2
        elif ch == "\\" and i + 1 < n:
            value.append(text[i + 1])
            i += 2
        else:
            splits[0] = splits[0] or ch in "{*?[" or (ch == "$" and i + 1 < n and (text[i + 1].isalnum() or text[i + 1] in "_@*#?!-"))
            value.append(ch)
            i += 1
    end_word(n)
    end_command()


# a CircleCI config's parameter or pipeline value in a command (``<< parameters.x >>``)
_CIRCLECI_VALUE = re.compile(r"<<[ \t]*(?:parameters|pipeline)\.[\w.-]+[ \t]*>>")

# inside double quotes, ``"$@"``/``"${arr[@]}"`` are still several words
_ALL_ARGS = re.compile(r"\$(@|\{[^}]*\[@\]\}|\{@\})")


def _double_quoted(text: str, i: int, n: int, base: int, make: bool, value: List[str], out) -> int:
    while i < n and text[i] != '"':
        ch = text[i]
        if ch == "\\" and i + 1 < n:
            value.append(text[i + 1] if text[i + 1] in '"\\$`\n' else text[i : i + 2])
            i += 2
        elif ch == "$" and i + 1 < n and text[i + 1] in "({":
            j = _matching(text, i + 1, n)
            if not make and text[i + 1] == "(":
                _lex(text, i + 2, j, base, make, out)
            value.append(text[i : j + 1])
            i = j + 1
        elif ch == "`":
            j = _backquote_end(text, i + 1, n)
            _lex(text, i + 1, j, base, make, out)
            value.append(text[i : j + 1])
            i = j + 1
        else:
            value.append(ch)
            i += 1
    return i + 1


def _backquote_end(text: str, j: int, n: int) -> int:
    while j < n and text[j] != "`":
        j += 2 if text[j] == "\\" else 1
    return min(j, n)


def _matching(text: str, i: int, n: int) -> int:
    """Index of the bracket closing the one at ``i`` (``(`` or ``{``), quotes respected."""
    open_, close = text[i], ")" if text[i] == "(" else "}"
    depth = 0
    while i < n:
        ch = text[i]
        if ch in "'\"":
            j = text.find(ch, i + 1, n)
            i = n if j < 0 else j + 1
            continue
        if ch == "\\":
            i += 2
            continue
        if ch == open_:
            depth += 1
        elif ch == close:
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return n


# the word before the body of a here-document that python reads (``python - <<'PY'``): the code
# is the next word (``command_scan.python_c_code``)
HEREDOC = "<<"


def _skip_heredocs(text: str, i: int, n: int, delimiters: List[tuple], base: int, make: bool, out) -> int:
    """Past the here-documents that start at ``i``; the body of one fed to a shell (``bash
    <<EOF``) is lexed as commands."""
    for delimiter, run, python in delimiters:
        body = i
        stop = n
        while i < n:
            j = text.find("\n", i, n)
            line = text[i : n if j < 0 else j]
            if line.strip() == delimiter:
                stop = i
                i = n if j < 0 else j + 1
                break
            i = n if j < 0 else j + 1
        if run:
            _lex(text, body, stop, base, make, out)
        if python is not None and stop > body:  # the code python reads: a ``HEREDOC`` word then it
            python.extend((Word(HEREDOC, base + body, base + body), Word(text[body:stop], base + body, base + stop)))
    return i


# ------------------------------------------------------------------ the zenml invocation
def zenml_argv(words: List[Word]) -> Optional[List[Word]]:
    """The words after ``zenml`` when the simple command runs the zenml CLI, else None."""
    ran = run(words).words
    if not ran:
        return None
    w = ran[0].value
    default = _DEFAULT_PROGRAM.match(w)  # ``${ZENML_BIN:-zenml}``: zenml unless the variable is set
    module = python_module(ran, 0)
    if module is not None:
        return ran[module:] if ran[module].value in ZENML_MODULES else None
    return ran if program(default.group(1) if default else w) == "zenml" else None


# the modules ``python -m`` runs the zenml CLI with (``zenml.cli.cli`` ends with ``cli()`` under
# ``if __name__ == "__main__"`` in 0.13.2 and 0.20)
ZENML_MODULES = frozenset({"zenml", "zenml.cli.cli"})


class Run(NamedTuple):
    """What a simple command runs once its prefixes are read: ``words``, the command (its program
    first), or ``line``, a command line it hands to a shell; ``shell``: it is a shell that reads
    its commands from its input (``bash <<EOF``, ``sudo -iu u <<EOF``, ``su u <<EOF``)."""

    words: Optional[List[Word]] = None
    line: Optional[Word] = None
    shell: bool = False


# prefixes that run the command after their options (and a duration, a lock file): options that
# take the next word as their value
_PREFIX_WITH_VALUE = {
    "sudo": {"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-R", "--user", "--group", "--chdir", "--chroot", "--host",
             "--prompt", "--role", "--type", "--other-user", "--close-from"},
    "doas": {"-u", "-C"},
    "env": {"-u", "-C", "-S", "--unset", "--chdir", "--split-string"},
    "nice": {"-n", "--adjustment"},
    "timeout": {"-s", "-k", "--signal", "--kill-after"},
    "xargs": {"-I", "-n", "-L", "-P", "-d", "-E", "-s", "-a", "--max-args", "--max-lines", "--max-procs", "--delimiter",
              "--arg-file", "--eof", "--max-chars", "--process-slot-var"},
    "ionice": {"-c", "-n", "-p", "-P", "-u", "--class", "--classdata"},
    "stdbuf": {"-i", "-o", "-e", "--input", "--output", "--error"},
    "flock": {"-w", "-E", "--timeout", "--wait", "--conflict-exit-code"},
    "parallel": {"-j", "--jobs", "-P", "--max-procs", "-S", "--sshlogin", "-a", "--arg-file", "-d", "--delimiter", "-I",
                 "--colsep", "-C", "-N", "-n", "-L", "--halt", "--timeout", "--retries", "--results", "--joblog",
                 "--workdir", "--wd", "--delay", "--tmpdir", "--env", "--shuf-seed", "-E", "--memfree", "--load"},
    "su": {"-s", "--shell", "-g", "--group", "-G", "--supp-group", "-w", "--whitelist-environment"},
    "runuser": {"-s", "--shell", "-g", "--group", "-G", "--supp-group", "-w", "--whitelist-environment", "-u", "--user"},
    # SLURM's ``srun [opts] CMD`` (a step of a batch job), GNU screen's ``screen -dmS NAME CMD``
    "srun": {"-n", "-N", "-c", "-p", "-t", "-J", "-o", "-e", "-i", "-w", "-x", "-A", "-q", "-G", "-C", "-D", "-d", "-m",
             "-r", "-S", "-T", "-W", "--ntasks", "--nodes", "--cpus-per-task", "--partition", "--time", "--job-name",
             "--output", "--error", "--input", "--nodelist", "--exclude", "--account", "--qos", "--gpus", "--gres",
             "--constraint", "--chdir", "--dependency", "--distribution", "--mem", "--mem-per-cpu", "--ntasks-per-node",
             "--export", "--mpi", "--cpu-bind", "--reservation"},
    "screen": {"-S", "-c", "-e", "-h", "-p", "-s", "-t", "-T"},
    # a container's init process runs the command after its options (``tini -- CMD``, ``dumb-init --rewrite 15:2 CMD``);
    # ``gosu USER CMD``/``su-exec USER CMD`` run it as that user
    "tini": {"-p", "-e"},
    "dumb-init": {"-r", "--rewrite"},
    "catatonit": set(),
    "gosu": set(),
    "su-exec": set(),
}
_PREFIXES = frozenset(_PREFIX_WITH_VALUE) | {"time", "exec", "nohup", "command", "builtin", "setsid", "chronic", "unbuffer",
                                             "!", "call", "&", "and", "or", "not", "noglob", "nocorrect"}
# runners of a project's or a throwaway environment's commands: ``RUNNER [opts] run [opts] CMD``
# (``uv tool run``; ``uvx``/``pipx run`` name the app's package with ``--from``/``--spec``), the
# options before and after the subcommand that take a value
_RUNNERS = {
    "poetry": ({"-C", "--directory", "-P", "--project"}, ("run",)),
    "pipenv": (set(), ("run",)),
    "pdm": ({"-p", "--project", "--venv", "-L", "--lockfile"}, ("run",)),
    "hatch": ({"-e", "--env", "-p", "--project", "--data-dir", "--cache-dir", "--config"}, ("run",)),
    "rye": ({"--pyproject"}, ("run",)),
    "pixi": ({"-e", "--environment", "--manifest-path"}, ("run",)),
    "uv": ({"--with", "--with-requirements", "--with-editable", "--python", "-p", "--project", "--directory", "--package",
            "--extra", "--group", "--env-file", "--index", "--index-url", "--extra-index-url", "--from", "--cache-dir"},
           ("run", "tool run")),
    "uvx": ({"--with", "--with-requirements", "--with-editable", "--python", "-p", "--from", "--index", "--index-url",
             "--extra-index-url", "--cache-dir"}, ("",)),
    "pipx": ({"--spec", "--python", "--pip-args", "--index-url"}, ("run",)),
    # programs that run a command with secrets or settings in its environment (``doppler run --``,
    # ``op run --env-file=.env --``, ``aws-vault exec PROFILE --``, ``direnv exec DIR``, ``dotenv -f
    # F run``) or on a cluster (``ray job submit --address A --``)
    "doppler": ({"-p", "--project", "-c", "--config", "--token", "--mount", "--mount-format", "--fallback",
                 "--name-transformer", "--scope"}, ("run",)),
    "op": ({"--env-file", "--account", "--environment"}, ("run",)),
    "infisical": ({"--env", "--path", "--projectId", "--token", "--domain", "--tags"}, ("run",)),
    "dotenvx": ({"-f", "--env-file", "--env"}, ("run",)),
    "dotenv": ({"-f", "--file", "-e", "--export"}, ("run",)),
    "aws-vault": ({"-d", "--duration", "-t", "--mfa-token", "--region", "--backend", "--prompt"}, ("exec",)),
    "direnv": (set(), ("exec",)),
    "ray": ({"--address", "--working-dir", "--runtime-env", "--runtime-env-json", "--submission-id", "--job-id",
             "--metadata-json", "--entrypoint-num-cpus", "--entrypoint-num-gpus", "--entrypoint-memory",
             "--entrypoint-resources", "--headers", "--log-style", "--log-color", "-v", "--verify"}, ("job submit",)),
}
# runners whose subcommand takes operands before the command: ``aws-vault exec PROFILE [--] CMD``,
# ``direnv exec DIR CMD``
_RUNNER_OPERANDS = {"aws-vault": 1, "direnv": 1}
# tmux commands that run a shell command (their last word, run with ``sh -c``), and the options
# taking a value; ``send-keys`` types a line into the pane's shell (``"zenml ..." Enter``)
_TMUX_RUNS = frozenset({"new-session", "new", "new-window", "neww", "split-window", "splitw", "respawn-pane", "respawnp",
                        "respawn-window", "respawnw", "run-shell", "run"})
_TMUX_VALUES = {"-c", "-e", "-F", "-n", "-s", "-t", "-x", "-y", "-l", "-f", "-L", "-S", "-N", "-T"}
_TMUX_ENTER = frozenset({"Enter", "C-m", "KPEnter", "C-j"})


def _takes_value(value: str, takes) -> bool:
    """Does option ``value`` take the next word (``-u``, or a cluster of flags ending with it: ``-iu``)?"""
    if value in takes:
        return True
    return not value.startswith("--") and len(value) > 2 and "=" not in value and "-" + value[-1] in takes and \
        not any("-" + c in takes for c in value[1:-1])


def _options(words: List[Word], j: int, takes, stop: str = "") -> int:
    """Past the options from ``words[j]`` (``--`` ends them; ``stop``: a word ending them too)."""
    while j < len(words) and words[j].value.startswith("-") and words[j].value != stop:
        if words[j].value == "--":
            return j + 1
        j += 2 if _takes_value(words[j].value, takes) else 1
    return j


def _past_prefix(words: List[Word], i: int, name: str) -> int:
    """Past the prefix command ``name`` at ``words[i]``, its options and its operands (``timeout``'s
    duration, ``gosu``/``su-exec``'s user, ``flock``'s lock file): where the command it runs starts."""
    i = _options(words, i + 1, _PREFIX_WITH_VALUE.get(name, set()))
    if name in ("timeout", "gosu", "su-exec", "flock") and i < len(words):
        i += 1
    return i


def past_wrapper(words: List[Word], i: int) -> int:
    """Past a shell reserved word (``then``, ``do``, ``{``...) or a prefix command that runs the next
    one in the same environment (``sudo``, ``env``, ``gosu USER``, ``flock FILE``...) at ``words[i]``;
    ``i`` itself when the word is neither (the program, or a command this module reads otherwise)."""
    name = program(words[i].value)
    if name in _RESERVED and name != "eval":
        return i + 1
    if name in _PREFIXES and name not in ("su", "runuser", "parallel"):
        return _past_prefix(words, i, name)
    return i


_ASSIGNMENT = re.compile(r"^[A-Za-z_]\w*=")


def command_start(words: List[Word], i: int = 0, also: Tuple[str, ...] = ()) -> int:
    """Where the program of the simple command at ``words[i]`` is: past ``NAME=value`` settings and
    what ``past_wrapper`` steps over (``then``, ``sudo -u USER``, ``env``, ``time``, ``exec``, ``!``,
    ``gosu USER``...); ``also``: more words to step over (``%``, a Dockerfile's ``RUN``). The one
    list of "commands that run the next word" every reader of a command's program uses (review28 P7)."""
    while i < len(words):
        if words[i].value in also or _ASSIGNMENT.match(words[i].value):
            i += 1
            continue
        j = past_wrapper(words, i)
        if j == i:
            break
        i = j
    return i


def past_options(words: List[Word], j: int, prefix: str) -> int:
    """Past the options of the prefix command ``prefix`` (``sudo``, ``env``...) from ``words[j]``."""
    return _options(words, j, _PREFIX_WITH_VALUE.get(prefix, set()))


def _login(option: str) -> bool:
    """Is ``option`` sudo's ``-i``/``-s`` (alone or in a cluster of flags: ``-iu``)?"""
    if option in ("--login", "--shell"):
        return True
    return option.startswith("-") and not option.startswith("--") and any(c in "is" for c in option[1:])


def _line_word(words: List[Word], k: int, option: str = "--command") -> Optional[Word]:
    """The value of ``-c LINE``/``--command LINE``/``--command=LINE`` at ``words[k]`` (``option``:
    the long option, ``--wrap`` for ``sbatch --wrap=LINE``)."""
    value = words[k].value
    if value.startswith(option + "="):
        at = words[k].start + len(option) + 1
        return Word(value[len(option) + 1 :], at, words[k].end)
    return words[k + 1] if k + 1 < len(words) else None


def _option_line(words: List[Word], i: int, option: str) -> Optional[Word]:
    """The command line given as ``OPTION LINE``/``OPTION=LINE`` among ``words[i:]``, else None."""
    for k in range(i, len(words)):
        if words[k].value == option or words[k].value.startswith(option + "="):
            return _line_word(words, k, option)
    return None


# the AWS CLI's shorthand syntax for a structure: ``command=zenml,stack,list,vcpus=2`` (a list runs
# to the next ``key=``) or ``command=[zenml,stack,list],vcpus=2``
_SHORTHAND_COMMAND = re.compile(r"(?:^|,)command=(?:\[([^\]]*)\]|((?:[^,=\[\]]*)(?:,[^,=\[\]]*)*?)(?=,[\w-]+=|$))")


def _shorthand_command(word: Word) -> Optional[List[Word]]:
    """The ``command`` list of an AWS CLI shorthand structure (``command=zenml,stack,list``), each
    item at its offsets when the word is written plainly or in quotes, else at the word's."""
    m = _SHORTHAND_COMMAND.search(word.value)
    if m is None:
        return None
    group = 1 if m.group(1) is not None else 2
    return _comma_words(word, m.start(group), m.end(group))


def _overridden_command(word: Word) -> Optional[List[Word]]:
    """The first ``"command"`` list of the JSON object a word holds (an AWS container override),
    each item at its offsets inside the word when the word is written plainly or in quotes and
    the item has no escape, else at the word's; None when there is none. The AWS CLI's
    shorthand (``command=zenml,stack,list,vcpus=2``) is read too."""
    try:
        data = json.loads(word.value)
    except ValueError:
        return _shorthand_command(word)
    todo = [data]
    while todo:
        node = todo.pop(0)
        if isinstance(node, dict):
            items = node.get("command")
            if isinstance(items, list) and items and all(isinstance(x, str) for x in items):
                break
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    else:
        return None
    base = _inner_base(word)
    out, at = [], word.value.index("command")
    for item in items:
        spelled = json.dumps(item)
        k = word.value.find(spelled, at)
        if base is None or k < 0 or spelled[1:-1] != item:
            out.append(Word(item, word.start, word.end))
            continue
        out.append(Word(item, base + k + 1, base + k + 1 + len(item)))
        at = k + len(spelled)
    return out


def _inner_base(word: Word) -> Optional[int]:
    """The file offset of the first character of a word's value, when the word is written plainly
    or in quotes (no escape in it); else None."""
    width = word.end - word.start
    return word.start + (1 if width == len(word.value) + 2 else 0) if width in (len(word.value), len(word.value) + 2) else None


def _comma_words(word: Word, first: int = 0, last: Optional[int] = None) -> List[Word]:
    """The items of a comma-separated list word (``stack,list``; ``first:last``: the part of its
    value that is the list), each at its own offsets when the word is written plainly or in
    quotes, else all at the word's."""
    base = _inner_base(word)
    out, at = [], first
    for item in word.value[first:last].split(","):
        out.append(Word(item, base + at, base + at + len(item)) if base is not None else Word(item, word.start, word.end))
        at += len(item) + 1
    return out


def _tmux(words: List[Word], i: int) -> Run:
    """``tmux [opts] new-session|new-window|split-window [opts] 'LINE'`` (one word: a line ``sh -c``
    runs; several: the command), ``tmux send-keys [-t T] 'LINE' Enter`` (a line typed into the
    shell of the pane)."""
    n = len(words)
    j = _options(words, i + 1, {"-L", "-S", "-f", "-T"})
    if j >= n:
        return Run()
    sub = words[j].value
    if sub in _TMUX_RUNS:
        k = _options(words, j + 1, _TMUX_VALUES)
        if k == n - 1:
            return Run(line=words[k])
        return Run(words[k:]) if k < n else Run()
    if sub in ("send-keys", "send"):
        k = _options(words, j + 1, {"-t", "-N"})
        if k == n - 2 and words[n - 1].value in _TMUX_ENTER:
            return Run(line=words[k])
    return Run()


def run(words: List[Word]) -> Run:
    """What ``words`` run behind ``VAR=x``, ``sudo``/``doas``/``su``/``runuser``, ``env``, ``time``,
    ``nohup``, ``timeout``, ``nice``/``ionice``/``stdbuf``/``setsid``/``flock``, ``xargs``/``parallel``,
    ``ssh``/``docker``/``kubectl``/``watch``, the runners (``poetry run``, ``uvx``, ``pipx run``,
    ``hatch run ENV:``, ``conda run -n``...) and a compound command's reserved words."""
    i = 0
    n = len(words)
    while i < n:
        w = words[i].value
        if re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", w):  # VAR=value
            i += 1
            continue
        default = _DEFAULT_PROGRAM.match(w)
        name = program(default.group(1) if default else w)
        if name in _WRAPPERS:
            j = wrapped(words, i)
            if j is None or j >= n:
                return Run()
            entry = _entrypoint(words, i, j)
            if entry is not None:  # ``docker run --entrypoint zenml IMAGE ARGS``: the image runs ``zenml ARGS``
                return Run([entry] + words[j:])
            if name == "watch" and j == n - 1 and re.search(r"\s", words[j].value):
                return Run(line=words[j])  # (watch runs its command line with ``sh -c``)
            i = j
            continue
        if name in ("su", "runuser"):  # ``su [-] USER -c LINE``, ``runuser -u USER -- CMD``
            j = i + 1
            while j < n:
                value = words[j].value
                if value in ("-c", "--command") or value.startswith("--command="):
                    return Run(line=_line_word(words, j))
                if name == "runuser" and value in ("-u", "--user"):
                    break
                j += 2 if _takes_value(value, _PREFIX_WITH_VALUE[name]) else 1
            if j >= n:
                return Run(words[i:], shell=True)  # a login shell (``su - zen <<EOF``)
            i = _options(words, j, _PREFIX_WITH_VALUE[name])
            continue
        if name == "parallel":  # ``parallel [opts] CMD ::: ARGS`` or ``parallel 'LINE' ::: ARGS``
            j = _options(words, i + 1, _PREFIX_WITH_VALUE[name])
            end = next((k for k in range(j, n) if words[k].value in (":::", "::::", ":::+", "::::+")), n)
            if end == j + 1 and re.search(r"\s", words[j].value):
                return Run(line=words[j])
            words, n, i = words[:end], end, j
            continue
        if name in _PREFIXES:
            start = i
            i = _past_prefix(words, i, name)
            if name == "flock" and i < n and (words[i].value in ("-c", "--command") or words[i].value.startswith("--command=")):
                return Run(line=_line_word(words, i))
            if name == "sudo" and i == n and any(_login(x.value) for x in words[start + 1 : i]):
                return Run(words[start:], shell=True)  # ``sudo -iu zen <<EOF``: a login shell reads it
            continue
        if name == "sbatch":  # ``sbatch --wrap="LINE"``: SLURM runs LINE with ``sh -c`` in a batch job
            line = _option_line(words, i + 1, "--wrap")
            return Run(line=line) if line is not None else Run(words[i:])
        if name == "gcloud" and any(w.value == "ssh" for w in words[i + 1 :]):  # ``gcloud compute ssh VM --command LINE``
            line = _option_line(words, i + 1, "--command")
            return Run(line=line) if line is not None else Run()
        if name == "gcloud":  # ``gcloud run jobs deploy|create J --command=zenml --args=stack,list``: the job's container
            command = _option_line(words, i + 1, "--command")
            if command is None or re.search(r"\s", command.value):
                return Run()
            args = _option_line(words, i + 1, "--args")
            return Run([command] + (_comma_words(args) if args is not None else []))
        if name == "tmux":
            return _tmux(words, i)
        if name == "aws" and i + 1 < n and words[i + 1].value in ("ecs", "batch"):
            # ``aws ecs run-task --overrides '{"containerOverrides": [{"command": [...]}]}'``, ``aws batch
            # submit-job --container-overrides '{"command": [...]}'``: the container's command
            for option in ("--overrides", "--container-overrides"):
                value = _option_line(words, i + 1, option)
                if value is not None:
                    return Run(_overridden_command(value))
            return Run()
        if name in _LINE_OPTIONS:  # ``vagrant ssh -c LINE``, ``nix-shell --run LINE``, ``az vm run-command invoke --scripts LINE``
            for option in _LINE_OPTIONS[name]:
                line = _option_line(words, i + 1, option)
                if line is not None:
                    return Run(line=line)
            if name != "nix":
                return Run()
            # ``nix develop|shell [INSTALLABLES] -c|--command CMD ARGS``: the command's words
            at = next((k for k in range(i + 1, n) if words[k].value in ("-c", "--command")), None)
            return Run(words[at + 1 :]) if at is not None and at + 1 < n else Run()
        if name in _BATCH_SUBMIT:  # ``bsub [opts] "LINE"`` or ``bsub [opts] CMD ARGS``; SGE ``qsub -b y [opts] CMD ARGS``
            j = _options(words, i + 1, _BATCH_SUBMIT[name])
            if name == "qsub" and not any(words[k].value == "-b" and words[k + 1].value == "y" for k in range(i + 1, j - 1)):
                return Run()  # (without ``-b y`` qsub submits a job script)
            if j == n - 1 and re.search(r"\s", words[j].value):
                return Run(line=words[j])
            return Run(words[j:]) if j < n else Run()
        if name == "doppler":  # ``doppler run --command "LINE"``
            line = _option_line(words, i + 1, "--command")
            if line is not None:
                return Run(line=line)
        if name == "trap":  # ``trap 'LINE' EXIT``: the shell runs LINE when the signal comes (``trap - EXIT`` resets)
            return Run(line=words[i + 1]) if i + 1 < n and not words[i + 1].value.startswith("-") else Run()
        if name in _RESERVED:  # ``do zenml ...``, ``then zenml ...``: a compound command's body
            i += 1
            continue
        if name in _RUNNERS:
            takes, subcommands = _RUNNERS[name]
            j = _options(words, i + 1, takes, stop="--")
            sub = next((s for s in subcommands if [x.value for x in words[j : j + len(s.split())]] == s.split()), None)
            if sub is None:
                return Run(words[i:])
            i = _options(words, j + len(sub.split()), takes)
            if name in _RUNNER_OPERANDS:
                i += _RUNNER_OPERANDS[name]
                if i < n and words[i].value == "--":
                    i += 1
            while name == "hatch" and i < n and words[i].value.startswith("+"):  # ``hatch run +py=3.9 test:pytest``
                i += 1
            if name == "hatch" and i < n and ":" in words[i].value:  # ``hatch run ENV:zenml ...``
                k = words[i].value.index(":") + 1
                words = words[:i] + [Word(words[i].value[k:], words[i].start + k, words[i].end, words[i].splits)] + words[i + 1 :]
            continue
        if name in ("conda", "mamba", "micromamba") and i + 1 < n and words[i + 1].value == "run":
            i += 2
            while i < n and words[i].value.startswith("-"):
                i += 2 if words[i].value in ("-n", "--name", "-p", "--prefix") else 1
            continue
        if name.lower() == "cmd":  # Windows ``cmd [/s] [/q] /c LINE`` (``/k``: and stays open): the rest is run
            j = next((k for k in range(i + 1, n) if not words[k].value.startswith("/") or words[k].value.lower() in ("/c", "/k")), n)
            if j >= n or words[j].value.lower() not in ("/c", "/k"):
                return Run(words[i:])
            if j + 2 == n and re.search(r"\s", words[j + 1].value):
                return Run(line=words[j + 1])  # ``cmd /c "zenml stack list"``
            i = j + 1
            continue
        if name in SHELLS:  # ``sh -c LINE``; a shell with no command line reads its input
            for k in range(i + 1, n):
                flag = words[k].value
                if not flag.startswith("-") or flag.startswith("--"):
                    break
                if "c" in flag[1:]:
                    return Run(line=words[k + 1] if k + 1 < n else None)
            return Run(words[i:], shell=True)
        return Run(words[i:])
    return Run()


# programs that hand a command line given as an option to a shell: ``vagrant ssh [VM] -c LINE``,
# ``nix-shell --run|--command LINE``, ``az vm run-command invoke ... --scripts LINE`` (Azure's
# RunShellScript), ``az container create --command-line LINE``, ``nix develop|shell -c CMD`` (the
# words after ``-c``: read in ``run``)
_LINE_OPTIONS = {"vagrant": ("-c", "--command"), "nix-shell": ("--run", "--command"), "az": ("--scripts", "--command-line"), "nix": ()}
# batch schedulers that run a command given on their command line: LSF ``bsub``, Sun Grid Engine
# ``qsub -b y`` (a binary, not a job script): their options that take a value
_BATCH_SUBMIT = {
    "bsub": {"-q", "-n", "-W", "-o", "-e", "-oo", "-eo", "-J", "-R", "-M", "-P", "-G", "-m", "-w", "-u", "-cwd", "-gpu", "-app",
             "-sla", "-L", "-E", "-Ep", "-b", "-c", "-i", "-f", "-g", "-C", "-D", "-F", "-S", "-T", "-U", "-v", "-We", "-outdir"},
    "qsub": {"-N", "-q", "-o", "-e", "-l", "-j", "-b", "-wd", "-P", "-A", "-hold_jid", "-t", "-S", "-M", "-m", "-pe", "-v",
             "-p", "-a", "-c", "-ckpt", "-dc", "-dl", "-i", "-js", "-masterq", "-R", "-r", "-sc", "-shell", "-tc", "-u", "-w"},
}


# shell reserved words a command may follow on its line (``while ...; do zenml ...; done``), and
# ``eval`` with the words of its command line (``eval zenml stack list``)
_RESERVED = frozenset({"if", "then", "else", "elif", "do", "while", "until", "{", "eval"})
_DEFAULT_PROGRAM = re.compile(r"^\$\{[A-Za-z_]\w*:?-([\w./-]+)\}$")
# options of ``docker|podman exec|run`` and ``docker compose exec|run`` that take a value (as the
# next word; ``--opt=value`` is one word): the others are flags (``--rm``, ``-it``, ``-T``)
_CONTAINER_VALUES = {
    "-e", "--env", "--env-file", "-u", "--user", "-w", "--workdir", "--detach-keys", "-v", "--volume", "-p", "--publish",
    "--name", "--network", "--net", "--entrypoint", "--mount", "--platform", "-m", "--memory", "--cpus", "--gpus", "-l",
    "--label", "--label-file", "--add-host", "-h", "--hostname", "--restart", "--runtime", "--shm-size", "--ulimit",
    "--cap-add", "--cap-drop", "--device", "--dns", "--log-driver", "--log-opt", "--pull", "--ipc", "--pid", "-a",
    "--attach", "--cidfile", "--security-opt", "--tmpfs", "--volumes-from", "--link", "--expose", "--group-add",
    "--stop-signal", "--stop-timeout", "--ip", "--userns", "--uts", "--cpu-shares", "-c", "--cpuset-cpus", "--sysctl",
    "--health-cmd", "--index", "--pod", "--arch", "--os",
}
# options of ``docker``/``podman``/``docker compose`` before the subcommand that take a value
_CONTAINER_GLOBAL_VALUES = {"-H", "--host", "--context", "-c", "--config", "-l", "--log-level", "--url", "--connection",
                            "-f", "--file", "-p", "--project-name", "--profile", "--env-file", "--project-directory", "--ansi", "--progress", "--parallel"}
_SIF_VALUES = {"-B", "--bind", "--env", "--env-file", "-H", "--home", "-W", "--workdir", "--pwd", "-o", "--overlay",
               "--security", "--network", "--network-args", "--app", "-S", "--scratch", "--mount", "--fusemount", "--dns",
               "--hostname", "--apply-cgroups", "--cpus", "--memory", "--add-caps", "--drop-caps", "--config"}
# programs that run another command given after their own options and operand: ``ssh HOST CMD``,
# ``docker exec CONTAINER CMD``, ``docker run IMAGE CMD``, ``kubectl exec POD -- CMD``, ``watch CMD``:
# options taking a value
_WRAPPERS = {
    "ssh": {"-b", "-c", "-D", "-E", "-e", "-F", "-I", "-i", "-J", "-L", "-l", "-m", "-O", "-o", "-p", "-Q", "-R", "-S", "-W", "-w"},
    "docker": _CONTAINER_VALUES,
    "podman": _CONTAINER_VALUES,
    "docker-compose": _CONTAINER_VALUES,
    "podman-compose": _CONTAINER_VALUES,
    "kubectl": set(),
    "oc": set(),
    "watch": {"-n", "--interval"},
    # ``singularity|apptainer exec [opts] IMAGE CMD`` (HPC containers)
    "singularity": _SIF_VALUES,
    "apptainer": _SIF_VALUES,
}


def wrapped(words: List[Word], i: int) -> Optional[int]:
    """Index of the command a wrapper at ``words[i]`` runs (``ssh [opts] HOST CMD``, ``docker|podman
    exec|run [opts] CONTAINER|IMAGE CMD``, ``docker compose|docker-compose exec|run [opts] SERVICE
    CMD``, ``kubectl|oc exec|run ... -- CMD``, ``watch [opts] CMD``); None when it runs none
    (``docker build``, ``docker run IMAGE`` with the image's own command, ``ssh HOST`` alone)."""
    name = program(words[i].value)
    n = len(words)
    takes = _WRAPPERS.get(name)
    if takes is None:
        return None
    j = i + 1
    if name in ("kubectl", "oc"):
        # ``kubectl run NAME --image=I -- CMD`` (``--command``: CMD replaces the image's entrypoint;
        # without it CMD is its arguments, the command an image without an entrypoint runs)
        dash = next((k for k in range(j, n) if words[k].value == "--"), None)
        # (``kubectl create job|cronjob|deployment NAME --image=I -- CMD``: the pods run CMD)
        before = [w.value for w in words[j:dash]] if dash is not None else []
        created = "create" in before and before[before.index("create") + 1 : before.index("create") + 2] in (["job"], ["cronjob"], ["deployment"])
        if dash is None or not any(v in ("exec", "run") for v in before) and not created:
            return None
        return dash + 1 if dash + 1 < n else None
    if name in ("singularity", "apptainer"):  # (``run IMAGE ARGS``: the image's own runscript)
        if j >= n or words[j].value != "exec":
            return None
        j += 1
    if name in ("docker", "podman", "docker-compose", "podman-compose"):
        while j < n and words[j].value.startswith("-"):
            j += 2 if words[j].value in _CONTAINER_GLOBAL_VALUES else 1
        if j < n and words[j].value == "compose" and name in ("docker", "podman"):  # ``docker compose [opts] run``
            j += 1
            while j < n and words[j].value.startswith("-"):
                j += 2 if words[j].value in _CONTAINER_GLOBAL_VALUES else 1
        if j < n and words[j].value == "container" and name in ("docker", "podman"):  # ``docker container run``
            j += 1
        if j >= n or words[j].value not in ("exec", "run"):
            return None
        j += 1
    while j < n and words[j].value.startswith("-"):
        j += 2 if words[j].value in takes else 1
    if name != "watch":
        j += 1  # the host, container, image or service
    return j if j < n else None


def _entrypoint(words: List[Word], i: int, j: int) -> Optional[Word]:
    """The value of ``--entrypoint`` given to the container wrapper at ``words[i]`` whose command
    starts at ``words[j]`` (``docker run --entrypoint zenml IMAGE stack list``), else None."""
    if program(words[i].value) not in ("docker", "podman", "docker-compose", "podman-compose"):
        return None
    for k in range(i + 1, j - 1):
        value = words[k].value
        if value == "--entrypoint" and k + 1 < j - 1:
            return words[k + 1]
        if value.startswith("--entrypoint="):
            at = words[k].start + len("--entrypoint=")
            return Word(value[len("--entrypoint=") :], at, words[k].end)
    return None


def program(value: str) -> str:
    """The program a command word names: its last path component, without the ``.exe`` of a
    Windows executable (``.venv/Scripts/zenml.exe``: ``zenml``)."""
    name = value.rsplit("/", 1)[-1]
    return name[:-4] if name[-4:].lower() == ".exe" else name


_PYTHON = re.compile(r"^(?:.*[/\\])?python(\d+(\.\d+)*)?(?:\.exe)?$", re.I)
_PY_LAUNCHER = re.compile(r"^py(?:\.exe)?$", re.I)  # the Windows launcher: ``py -3 -m pip``
# a word that is one expansion, the interpreter a script or notebook is run with: IPython's
# ``{sys.executable}``, the shell's ``$PYTHON``/``"${PYTHON:-python3}"``/``$(which python)``,
# make's ``$(PYTHON)``
_EXPANSION = re.compile(r"^(?:\{[^{}]+\}|\$[A-Za-z_]\w*|\$\{[^{}]+\}|\$\([^()]+\))$")


def python_module(words: List[Word], i: int) -> Optional[int]:
    """When ``words[i:]`` runs ``python ... -m MODULE`` (``python3.8``, ``/usr/bin/python``,
    ``py -3``, or an expansion holding the interpreter followed by ``-m``: a program run with
    ``-m MODULE`` is a Python), the index of ``MODULE``; else None."""
    n = len(words)
    w = words[i].value
    launcher = _PY_LAUNCHER.match(w.rsplit("/", 1)[-1])
    if not (_PYTHON.match(w) or launcher or _EXPANSION.match(w)):
        return None
    j = i + 1
    while j < n and words[j].value.startswith("-") and words[j].value != "-m":
        j += 2 if words[j].value in ("-W", "-X") else 1
    if j + 1 < n and words[j].value == "-m":
        return j + 1
    return None


# ------------------------------------------------------------------ sections per file kind
def sections(kind: str, text: str, name: str = "") -> Iterator[Section]:
    """The shell text and requirements of a file of ``kind`` (``name``: its path, which says
    which tool wrote a lock file)."""
    if kind == "sh":
        yield Section(text, 0, zsh=_zsh(name, text))
    elif kind == "makefile":
        yield from _makefile(text)
    elif kind == "dockerfile":
        yield from _dockerfile(text)
    elif kind == "ci_yaml":
        yield from _ci_yaml(text)
    elif kind == "markdown":
        yield from _markdown(text)
    elif kind == "rst":
        yield from _rst(text)
    elif kind == "ipython":  # an IPython script: its ``!cmd`` lines, or a ``%%bash`` first line's body
        yield from _ipython_block(text, list(offset_lines(text)))
    if kind in ("markdown", "ipython"):  # a text notebook's aliases and the files its cells write
        from zenml_migrate.scan.text_notebook import cell_written_sections

        yield from cell_written_sections(kind, name, text)
    elif kind == "r":  # R scripts: ``system("zenml ...")``, ``system2("zenml", c(...))``
        from zenml_migrate.scan.r_commands import r_sections

        yield from r_sections(text)
    elif kind in CONFIG_KINDS or kind == "databricks_job":
        from zenml_migrate.scan.command_configs import config_sections

        yield from config_sections(kind, text)
    yield from requirement_sections(kind, text, name)
    if kind in ENVIRON_KINDS and "ZENML_" in text:
        yield Section(text, 0, environ="exported" if kind == "makefile" else "any")


# the kinds whose whole text may set environment variables (``Section.environ``): not the documents
# (Markdown, reStructuredText, HTML, ``.ipy``: only their shell blocks are commands) nor requirement lists
ENVIRON_KINDS = frozenset({"env", "makefile", "dockerfile", "ci_yaml", "r"} | set(CONFIG_KINDS) - {"html"})


_ZSH_SHEBANG = re.compile(r"#![ \t]*\S*(?:/|env[ \t]+(?:-\S+[ \t]+)*)zsh\b")


def _zsh(name: str, text: str) -> bool:
    """Is the shell script ``name`` one zsh reads (``.zsh``, ``.zshrc``, ``.zprofile``, or a
    ``#!`` line naming zsh)?"""
    base = name.replace("\\", "/").rpartition("/")[2]
    return base.endswith(".zsh") or base in (".zshrc", ".zprofile", ".zshenv", ".zlogin") or bool(_ZSH_SHEBANG.match(text))


def requirement_sections(kind: str, text: str, name: str = "") -> Iterator[Section]:
    """The requirements a file of ``kind`` lists (setup.cfg, tox.ini, pyproject.toml,
    requirements, conda environment and lock files), one section each."""
    from zenml_migrate.scan.pins import items

    for item in items(kind, text, name):
        yield Section(text[item.start : item.stop], item.start, requirement=item.style)


def offset_lines(text: str) -> Iterator[tuple]:
    """(offset, line without its newline) for each line."""
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def continued_end(lines: List[tuple], k: int) -> int:
    """Index of the last line of the backslash-continued line starting at ``k``."""
    while k + 1 < len(lines) and lines[k][1].rstrip("\r").endswith("\\"):
        k += 1
    return k


_MAKE_VARIABLE = re.compile(r"^(?:override[ \t]+|export[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*(?:\?=|::?=|\+=|=)[ \t]*(.*?)\r?$")


def _makefile(text: str) -> Iterator[Section]:
    """Recipe lines (a tab first), the body of a ``define NAME`` ... ``endef`` block (a canned
    recipe run through ``$(call NAME)``), and the command of each ``$(shell ...)`` function."""
    lines = list(offset_lines(text))
    variables = {m.group(1): m.group(2) for _, line in lines for m in [_MAKE_VARIABLE.match(line)] if m}
    yield from _make_shell_functions(text)
    k = 0
    defined = False
    prefix = "\t"  # what starts a recipe line (``.RECIPEPREFIX = >`` from there on)
    while k < len(lines):
        offset, line = lines[k]
        recipe_prefix = _RECIPEPREFIX.match(line)
        if recipe_prefix is not None:
            value = recipe_prefix.group(1)
            prefix = value if len(value) == 1 and value not in "$#" else "\t"
            k += 1
            continue
        directive = line.strip().split(None, 1)[:1]
        if directive in (["define"], ["endef"]) or line.lstrip().startswith(("define ", "override define ")):
            defined = directive != ["endef"]
            k += 1
            continue
        if defined and line.strip() and not line.startswith("\t"):
            end = continued_end(lines, k)
            start = offset + len(line) - len(line.lstrip(" @+-"))
            yield Section(text[start : lines[end][0] + len(lines[end][1])], start, make=True, variables=variables or None)
            k = end + 1
            continue
        if line.startswith(prefix):
            end = continued_end(lines, k)
            m = re.match(re.escape(prefix) + r"[@+\- \t]*", line)
            start = offset + m.end()
            stop = lines[end][0] + len(lines[end][1])
            yield Section(text[start:stop], start, make=True, variables=variables or None)
            k = end + 1
            continue
        inline = _RULE_RECIPE.match(line)
        if inline is not None:  # ``target: prereqs ; recipe``: the text after the ``;`` is a recipe line
            end = continued_end(lines, k)
            start = offset + inline.end()
            yield Section(text[start : lines[end][0] + len(lines[end][1])], start, make=True, variables=variables or None)
            k = end + 1
            continue
        k += 1


# a rule line with its recipe after ``;`` (GNU make, "Rule Syntax"): targets, one or two colons that
# are no assignment, prerequisites, ``;`` (no ``=``/``#`` before it: a target-specific variable, a comment)
_RULE_RECIPE = re.compile(
    r"^(?![ \t])(?!(?:ifeq|ifneq|ifdef|ifndef|else|endif|-?include|sinclude|export|unexport|vpath|override|define)\b)"
    r"[^#=;:\r\n]*[^#=;:\s][ \t]*::?(?![=:])[^=#;\r\n]*;[ \t@+-]*"
)
_RECIPEPREFIX = re.compile(r"^\.RECIPEPREFIX[ \t]*:{0,3}=[ \t]*(\S*)[ \t]*\r?$")


def _make_shell_functions(text: str) -> Iterator[Section]:
    """The command of each ``$(shell CMD)`` / ``${shell CMD}`` (up to its matching bracket)."""
    for m in re.finditer(r"\$([({])shell[ \t]+", text):
        close = ")" if m.group(1) == "(" else "}"
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += (text[i] == m.group(1)) - (text[i] == close)
            i += 1
        if depth == 0:
            yield Section(text[m.end() : i - 1], m.end(), make=True)


# the program word as a variable: ``$(ZENML)``/``${ZENML}`` (make, shell), ``{{zenml}}`` (just),
# ``{{.ZENML}}`` (go-task; ``{{- .ZENML -}}`` too), ``${{ env.ZENML }}`` (a GitHub expression),
# ``$ZENML`` (shell: not in a Makefile recipe), ``%ZENML%`` (cmd.exe)
_PROGRAM_VARIABLE = re.compile(
    r"\$[({]([A-Za-z_][\w.-]*)[)}]|\$?\{\{-?[ \t]*(?:\.|env\.)?([A-Za-z_][\w-]*)[ \t]*-?\}\}|\$([A-Za-z_]\w*)|%([A-Za-z_][\w-]*)%"
)


def _make_word(word: Word, variables: Dict[str, str]) -> List[Word]:
    """A recipe word that is one make variable (``$(ZENML)``, ``${ZENML}``) as the words of its
    value (at the variable's offsets), a few levels deep; any other word as it is."""
    for _ in range(4):
        m = _PROGRAM_VARIABLE.fullmatch(word.value)
        if m is None or not m.group(1) or m.group(1) not in variables:
            return [word]
        values = variables[m.group(1)].split()
        if len(values) != 1:
            return [Word(w, word.start, word.end) for w in values]
        word = Word(values[0], word.start, word.end)
    return [word]


def _expand_program(words: List[Word], variables: Dict[str, str], make: bool = False, environment: Optional[Dict[str, str]] = None) -> List[Word]:
    """``$(ZENML) stack list`` with ``ZENML ?= poetry run zenml`` (a justfile's ``{{zenml}}`` with
    ``zenml := "poetry run zenml"``, a Taskfile's ``{{.ZENML}}`` with ``vars: {ZENML: ...}``, a CI
    ``$ZENML`` with ``env: {ZENML: ...}``): the variable's words (at the variable's offsets:
    nothing edits them) in its place. A template (``$(X)`` in make, ``{{x}}``, ``{{.X}}``) is read
    from ``variables``, a shell variable (``$X``, ``${X}``, ``${{ env.X }}``) from ``environment``
    only. Only the program word is expanded (a value that starts with a variable itself is
    expanded again, a few times at most); in a Makefile recipe, make expands every ``$(X)``
    before the shell runs the line, so each word that is one make variable is expanded
    (``do $(ZENML) ...``, ``xargs -n1 $(ZENML) ...``)."""
    if make and variables:
        words = [new for word in words for new in _make_word(word, variables)]
    for _ in range(4):
        m = _PROGRAM_VARIABLE.fullmatch(words[0].value) if words else None
        if m is None:
            return words
        if m.group(1):
            name, scope = m.group(1), variables if make else environment
        elif m.group(2):
            shell = m.group(0).startswith("$") or "env." in m.group(0)  # ``${{ env.X }}``: the step's environment
            name, scope = m.group(2), environment if shell else variables
        else:
            name, scope = (None, None) if make else (m.group(3) or m.group(4), environment)
        if not name or not scope or name not in scope:
            return words
        first = words[0]
        words = [Word(w, first.start, first.end) for w in scope[name].split()] + words[1:]
    return words


_DOCKER = re.compile(
    r"^([ \t]*)(?:(?P<pre>ONBUILD|HEALTHCHECK(?:[ \t]+--[\w-]+=\S+)*)[ \t]+)?(?P<op>RUN|CMD|ENTRYPOINT)[ \t]+((?:--(?:secret|mount)[ \t]+(?!-)\S+[ \t]+|--[\w-]+(?:=\S+)?[ \t]+)*)", re.I
)  # (the flags of a ``RUN``: ``--mount=...``, Earthly's ``--no-cache``/``--push``/``--secret ID``)
# ``ARG NAME=value``, ``ENV NAME=value ...``/``ENV NAME value``: variables a ``RUN`` line's shell sees
_DOCKER_VARIABLES = re.compile(r"^[ \t]*(ARG|ENV)[ \t]+(.*?)\r?$", re.I)
_DOCKER_ASSIGNMENT = re.compile(r"""([A-Za-z_]\w*)=("[^"]*"|'[^']*'|\S*)""")


def _dockerfile(text: str) -> Iterator[Section]:
    """``RUN``/``CMD``/``ENTRYPOINT`` lines (``\\``-continued); a ``RUN <<EOF`` here-document's
    body (the script the shell runs); and, where a stage's exec-form ``ENTRYPOINT`` runs zenml
    (``["zenml"]``, ``["python", "-m", "zenml"]``), each exec-form ``CMD`` of the stage: its
    words are the arguments docker appends."""
    lines = list(offset_lines(text))
    entrypoints: Dict[int, List[Word]] = {}  # stage -> the words of its last exec-form ENTRYPOINT
    stage = 0
    for offset, line in lines:
        if re.match(r"[ \t]*FROM[ \t]", line, re.I):
            stage += 1
        m = _DOCKER.match(line)
        if m and m.group("op").upper() == "ENTRYPOINT" and not m.group("pre"):
            body = line[m.end() :]
            entrypoints[stage] = exec_words(Section(body, offset + m.end(), exec_form=True)) if body.lstrip().startswith("[") else []
    stage = 0
    k = 0
    environment: Dict[str, str] = {}
    while k < len(lines):
        offset, line = lines[k]
        if re.match(r"[ \t]*FROM[ \t]", line, re.I):
            stage += 1
        assigned = _DOCKER_VARIABLES.match(line)
        if assigned is not None:
            environment.update(_docker_variables(assigned.group(1).upper(), assigned.group(2)))
        m = _DOCKER.match(line)
        if m:
            end = continued_end(lines, k)
            start = offset + m.end()
            stop = lines[end][0] + len(lines[end][1])
            body = text[start:stop]
            exec_form = body.lstrip().startswith("[")
            yield Section(body, start, anchor=offset, exec_form=exec_form, environment=dict(environment) if environment and not exec_form else None)
            heredoc = re.match(r"<<(-?)[ \t]*(['\"]?)([A-Za-z_]\w*)\2[ \t]*\r?$", body.strip(" \t")) if m.group("op").upper() == "RUN" else None
            if heredoc is not None:
                close = next((j for j in range(k + 1, len(lines)) if lines[j][1].rstrip("\r").strip(" \t" if heredoc.group(1) else "") == heredoc.group(3)), None)
                if close is not None and close > k + 1:
                    script = text[lines[k + 1][0] : lines[close][0]]
                    if shell_script(script):
                        yield Section(script, lines[k + 1][0])
                    k = close + 1
                    continue
            program_words = entrypoints.get(stage) or []
            if exec_form and m.group("op").upper() == "CMD" and not m.group("pre") and runs_zenml_alone(program_words):
                at = start + len(body) - len(body.lstrip())  # the program's words, at the CMD (a finding's place)
                program_words = [Word(w.value, at, at) for w in program_words]
                yield Section(body, start, anchor=offset, words=program_words + exec_words(Section(body, start, exec_form=True)))
            k = end + 1
            continue
        k += 1


def _docker_variables(instruction: str, rest: str) -> Dict[str, str]:
    """The variables of an ``ARG``/``ENV`` line that have a value (no ``$`` in it: another
    variable's value is not known here)."""
    found = {m.group(1): m.group(2).strip("\"'") for m in _DOCKER_ASSIGNMENT.finditer(rest)}
    if not found and instruction == "ENV":  # ``ENV NAME value``
        parts = rest.split(None, 1)
        found = {parts[0]: parts[1].strip("\"'")} if len(parts) == 2 else {}
    return {k: v for k, v in found.items() if v and "$" not in v}


def runs_zenml_alone(words: List[Word]) -> bool:
    """Do ``words`` run zenml with no argument of their own (``["zenml"]``, ``["python", "-m",
    "zenml"]``: an entrypoint whose arguments a ``CMD``/``command:`` gives)?"""
    argv = zenml_argv(words + [Word("-", 0, 0)])
    return argv is not None and len(argv) == 2


def shell_script(text: str) -> bool:
    """Is a script without a ``#!`` line, or with one naming a shell, shell text?"""
    head = text.lstrip().split("\n", 1)[0]
    if not head.startswith("#!"):
        return True
    words = head[2:].split()
    name = words[0].rsplit("/", 1)[-1] if words else ""
    if name == "env" and len(words) > 1:
        name = next((w for w in words[1:] if not w.startswith("-")), "")
    return name in SHELLS or name == "ash"


# (``commands``: AWS CodeBuild phases; ``cmds``/``cmd``: go-task; ``args``: a Cloud Build step's
# ``entrypoint: bash`` arguments, ``-c`` then the script)
_CI_KEY = re.compile(
    r"^([ \t]*)(?:-[ \t]+)?(run|script|before_script|after_script|after-script|command|commands|cmds|cmd|args|bash|pwsh|powershell|install|before_install"
    r"|init|before"  # Gitpod tasks (``init:``, ``before:``, ``command:``)
    r"|ps|sh|\w+_script"  # AppVeyor ``- ps:``/``- sh:`` items and ``test_script:``; Cirrus ``NAME_script:``
    r"|buildCommand|startCommand|preDeployCommand|dockerCommand"  # Render's ``render.yaml``
    r"|runcmd|bootcmd"  # cloud-init
    r"|inlineScript|runCommand"  # an Azure Pipelines ``AzureCLI@2`` task's input; an AWS SSM document's ``aws:runShellScript``
    r"|(?:pre|post)_(?:checkout|system_dependencies|create_environment|install|build))"  # Read the Docs ``build.jobs``
    r"[ \t]*:[ \t]*(.*?)\r?$"
)
_ITEM = re.compile(r"^([ \t]*)-[ \t]+(.*?)\r?$")


# YAML anchors of command lists (GitLab: ``.setup: &setup`` + ``before_script: *setup``, or
# ``- *setup`` inside a script list): a key whose value is only an anchor that a script key uses
# (``.check: &check |``: an anchored block scalar, the lines of one script item)
_ANCHOR_KEY = re.compile(r"^([ \t]*)(?:-[ \t]+)?[\w.\-\"']+[ \t]*:[ \t]*&([\w.\-]+)(?:[ \t]+([|>][-+0-9]*))?[ \t]*(?:#.*)?\r?$")
_SCRIPT_ALIAS = re.compile(
    r"^[ \t]*(?:(?:-[ \t]+)?(?:script|before_script|after_script)[ \t]*:|-)[ \t]*\*([\w.\-]+)[ \t]*(?:#.*)?\r?$", re.M
)
_ANCHOR = re.compile(r"&[\w.\-]+[ \t]*")


# a step of a GitHub workflow that runs a container (``uses: docker://image``) with ``with:
# entrypoint: zenml`` and ``args: ...``: the entrypoint and the arguments are one command
# (also a GoCD ``exec`` task's ``command: zenml`` with its ``arguments:``)
_ENTRYPOINT = re.compile(r"^([ \t]*)(?:entrypoint|command)[ \t]*:[ \t]*(['\"]?)([\w./-]+)\2[ \t]*(?:#.*)?\r?$")
_ARGS_KEY = re.compile(r"^([ \t]*)(?:args|arguments)[ \t]*:[ \t]*(.*?)\r?$")


def _container_command(text: str, lines: List[tuple], k: int) -> Optional[Section]:
    """The command of an ``entrypoint: zenml`` line ``k`` with the ``args:`` of its mapping (a
    GitHub ``uses: docker://`` step's ``with:``, a docker action's ``runs:``): a line of words, a
    flow list or a block list. Under ``entrypoint: sh`` (``/bin/bash``), the command line its
    ``args`` hand to the shell (``args: -c "zenml ..."``)."""
    m = _ENTRYPOINT.match(lines[k][1])
    name = program(m.group(3)) if m is not None else None
    if name != "zenml" and name not in SHELLS:
        return None
    indent = m.group(1)
    program_at = lines[k][0] + m.start(3)
    for step in (1, -1):
        j = k + step
        while 0 <= j < len(lines):
            line = lines[j][1]
            at = len(line) - len(line.lstrip(" \t"))
            if line.strip() and not line.lstrip().startswith("#"):
                if at < len(indent) or (at == len(indent) and line.lstrip().startswith("-")):
                    break  # out of the step's ``with:`` mapping
                a = _ARGS_KEY.match(line) if at == len(indent) else None
                if a is not None and a.group(2)[:1] not in ("|", ">", "&"):
                    value, value_at = a.group(2), lines[j][0] + a.start(2)
                    if value and value[:1] not in ("[", "#"):
                        args = scalar_section(value, value_at, anchor=lines[j][0])
                        commands = split_commands(args.text, args.start)
                        arg_words, shown = (commands[0] if commands else []), args
                    elif name != "zenml" and value[:1] != "[":
                        return None  # a shell's block list of lines: each item is read as a line (``_CI_KEY``'s ``args``)
                    else:  # (a flow list: ``args: ['-c', 'LINE']``, Cloud Build's shape)
                        arg_words = list_value(text, lines, j, len(indent), "" if value[:1] == "#" else value, value_at)[0] or []
                        shown = Section(value, value_at)
                    words = [Word(m.group(3), program_at, program_at + len(m.group(3)))] + arg_words
                    anchor = lines[k][0] if step == -1 else lines[j][0]
                    if name == "zenml":
                        return Section("zenml " + shown.text, shown.start, anchor=anchor, words=words)
                    line_word = _shell_c(words, text, 0)
                    return Section(line_word.value, line_word.start, anchor=anchor) if line_word is not None else None
            j += step
    return None


def list_value(text: str, lines: List[tuple], k: int, indent: int, value: str, at: int):
    """The items of the list that a YAML key on line ``k`` (``value`` after its colon, at offset
    ``at``; its keys at column ``indent``) holds, a flow list (``[a, "b"]``) or a block list
    (``- a`` lines, a ``- |`` block item being one word): ``(words, block item sections, the line
    after it)``; words None when the value is a scalar."""
    if value.startswith("["):
        return exec_words(Section(value, at, exec_form=True)), [], k + 1
    if value:
        return None, [], k + 1
    words, blocks = [], []
    k += 1
    while k < len(lines):
        offset, line = lines[k]
        if not line.strip() or line.lstrip().startswith("#"):  # a comment (a TODO note) between items
            k += 1
            continue
        item = _ITEM.match(line)
        if item is None or len(item.group(1)) < indent:
            break
        body = item.group(2)
        if body[:1] in ("|", ">"):
            sec, k = block_scalar(text, lines, k + 1, len(item.group(1)), folded_at=offset if body[:1] == ">" else None)
            if sec is not None:
                words.append(Word(sec.text.strip(), sec.start, sec.start + len(sec.text)))
                blocks.append(sec)
            continue
        words.extend(exec_words(Section(line[item.start(1):], offset + item.start(1), exec_form=True)))
        k += 1
    return words, blocks, k


# a CircleCI ``circleci/python`` orb step ``- ALIAS/install-packages:`` with its parameters (a block
# mapping or a flow one): ``args`` are words of the install command its ``pkg-manager`` runs
# (``pip install ARGS``; the orb's default ``pipenv install ARGS``; poetry/uv take options there)
_ORBS = re.compile(r"^[ \t]+([\w-]+)[ \t]*:[ \t]*['\"]?circleci/python@", re.M)
_ORB_STEP = re.compile(r"^([ \t]*)-[ \t]+([\w-]+)/install-packages[ \t]*:[ \t]*(\{.*\})?[ \t]*(?:#.*)?\r?$")
_ORB_PARAM = re.compile(r"(?:^|[{,])[ \t]*(pkg-manager|args)[ \t]*:[ \t]*(\"[^\"]*\"|'[^']*'|[^,}#]*?)[ \t]*(?=[,}]|#|\r?$)")
_ORB_BLOCK_PARAM = re.compile(r"^[ \t]+(pkg-manager|args)[ \t]*:[ \t]*(.*?)\r?$")
_ORB_INSTALLERS = {"pip": "pip", "pip-dist": "pip", "pipenv": "pipenv"}


def _orb_install(text: str, lines: List[tuple], k: int, aliases: set) -> Optional[Section]:
    """The install command of an orb ``install-packages`` step at line ``k`` (None: not one, no
    ``args``, or a package manager whose ``args`` are options)."""
    m = _ORB_STEP.match(lines[k][1])
    if m is None or m.group(2) not in aliases:
        return None
    params = {}  # name -> (value, offset of the value)
    if m.group(3):
        base = lines[k][0] + m.start(3)
        for p in _ORB_PARAM.finditer(m.group(3)):
            params[p.group(1)] = (p.group(2), base + p.start(2))
    else:
        indent = len(m.group(1))
        j = k + 1
        while j < len(lines):
            line = lines[j][1]
            if line.strip() and not line.lstrip().startswith("#"):
                if len(line) - len(line.lstrip(" \t")) <= indent:
                    break
                p = _ORB_BLOCK_PARAM.match(line)
                if p is not None:
                    params[p.group(1)] = (p.group(2), lines[j][0] + p.start(2))
            j += 1
    manager = params.get("pkg-manager", ("pipenv", 0))[0].strip("\"'")
    tool = _ORB_INSTALLERS.get(manager)
    if tool is None or "args" not in params:
        return None
    args = scalar_section(*params["args"], anchor=lines[k][0])
    commands = split_commands(args.text, args.start)
    at = args.start
    words = [Word(tool, at, at), Word("install", at, at)] + (commands[0] if commands else [])
    return Section(args.text, args.start, anchor=lines[k][0], words=words)


# a mapping of variables a CI file or Taskfile gives its commands: go-task ``vars:`` (templates,
# ``{{.X}}``) and ``env:``, GitHub ``env:``, GitLab/Azure ``variables:``, CircleCI ``environment:``
# (environment variables; a GitHub job's ``environment:`` is a deployment, no variables)
_VARIABLES_KEY = re.compile(r"^([ \t]*)(?:-[ \t]+)?(vars|env|variables|environment)[ \t]*:[ \t]*(?:#.*)?\r?$")
_VARIABLE = re.compile(r"^([ \t]*)([A-Za-z_][\w-]*)[ \t]*:[ \t]+(?:\"([^\"\\\r\n]*)\"|'([^'\r\n]*)'|([^\s\"'&*|>{\[#][^#\r\n]*?))[ \t]*(?:#.*)?\r?$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


_GITHUB = re.compile(r"^(?:on|\"on\"|'on'|true)[ \t]*:|^[ \t]+runs-on[ \t]*:", re.M)  # a GitHub workflow's keys


def _ci_variables(lines: List[tuple], github: bool = False) -> List[tuple]:
    """``(first line, end line, depth, {name: value}, template)`` for each mapping of variables
    (scalar values only; ``template``: go-task ``vars:``, else environment variables): the node
    holding it is its scope (the whole file for a top-level one)."""
    out = []
    for k, (_, line) in enumerate(lines):
        m = _VARIABLES_KEY.match(line)
        if m is None or (github and m.group(2) == "environment"):
            continue
        key_at = len(m.group(1)) + (line[len(m.group(1)) :].startswith("-") and 2)
        values: Dict[str, str] = {}
        j = k + 1
        child = None
        while j < len(lines):
            other = lines[j][1]
            if other.strip() and not other.lstrip().startswith("#"):
                if _indent(other) <= key_at:
                    break
                child = _indent(other) if child is None else child
                v = _VARIABLE.match(other) if _indent(other) == child else None
                if v is not None:
                    value = next(g for g in v.group(3, 4, 5) if g is not None)
                    values[v.group(2)] = value
            j += 1
        if not values:
            continue
        # the scope: the mapping that holds the key (its parent's lines), the whole file at the top
        parent = k if line.lstrip().startswith("-") else k - 1
        while parent >= 0 and (not lines[parent][1].strip() or lines[parent][1].lstrip().startswith("#") or _indent(lines[parent][1]) >= key_at):
            parent -= 1
        template = m.group(2) == "vars"
        if key_at == 0 or parent < 0:
            out.append((0, len(lines), 0, values, template))
        else:
            out.append((parent, _node_end(lines, parent), key_at, values, template))
    return out


def _node_end(lines: List[tuple], k: int) -> int:
    """The line after the YAML node whose key (or item) is on line ``k``: the first line below
    it, not blank and no comment, indented as little as that line or less."""
    at = _indent(lines[k][1])
    j = k + 1
    while j < len(lines) and (not lines[j][1].strip() or lines[j][1].lstrip().startswith("#") or _indent(lines[j][1]) > at):
        j += 1
    return j


def _with_variables(sections: Iterator[Section], lines: List[tuple], blocks: List[tuple]) -> Iterator[Section]:
    """``sections`` with the variables in scope at each one's line (a deeper mapping wins)."""
    starts = [offset for offset, _ in lines]
    import bisect

    for sec in sections:
        if sec.words is None and sec.variables is None and sec.environment is None:
            k = bisect.bisect_right(starts, sec.start) - 1
            merged: Dict[bool, Dict[str, str]] = {True: {}, False: {}}
            for first, end, _, values, template in sorted((b for b in blocks if b[0] <= k < b[1]), key=lambda b: b[2]):
                merged[template].update(values)
            sec.variables, sec.environment = merged[True] or None, merged[False] or None
        yield sec


def _ci_yaml(text: str) -> Iterator[Section]:
    lines = list(offset_lines(text))
    blocks = _ci_variables(lines, github=_GITHUB.search(text) is not None) if ("{{" in text or "$" in text) else []
    sections = _ci_sections(text, lines)
    yield from (_with_variables(sections, lines, blocks) if blocks else sections)
    if "actions/github-script" in text:
        yield from _github_script_execs(text)


# ``exec.exec('zenml', ['stack', 'list'])`` / ``exec.getExecOutput("zenml stack list")`` in the
# JavaScript of an ``actions/github-script`` step (``@actions/exec``: a program and its argument
# list, or one command line it splits into words; no shell)
_JS_EXEC = re.compile(r"\bexec\.(?:exec|getExecOutput)\([ \t\r\n]*(?:'([^'\\\r\n]*)'|\"([^\"\\\r\n]*)\")[ \t\r\n]*(\)|,[ \t\r\n]*\[)")
_JS_STRING = re.compile(r"'([^'\\\r\n]*)'|\"([^\"\\\r\n]*)\"|(\])|([^\s,\]]+)")


def github_script_lines(text: str) -> Set[int]:
    """The 1-based numbers of the lines where a github-script ``exec`` call starts."""
    return {text.count("\n", 0, m.start()) + 1 for m in _JS_EXEC.finditer(text)}


def _github_script_execs(text: str) -> Iterator[Section]:
    for m in _JS_EXEC.finditer(text):
        group = 1 if m.group(1) is not None else 2
        first = Word(m.group(group), m.start(group), m.end(group))
        if m.group(3) == ")":
            yield Section(first.value, first.start)
            continue
        words = [first]
        for item in _JS_STRING.finditer(text, m.end()):
            if item.group(3):
                break
            if item.group(4) is not None:  # a name or an expression: known at run time
                words[-1].more = True
                break
            g = 1 if item.group(1) is not None else 2
            words.append(Word(item.group(g), item.start(g), item.end(g)))
        yield Section(text[first.start : words[-1].end], first.start, words=words)


# a value written as a YAML flow collection (``script: ["a", b]``, ``steps: [{run: x}]``, ``- {run: x}``)
_FLOW_VALUE = re.compile(r"^[ \t]*(?:-[ \t]+)?(?:[^\s#:][^:\r\n]*:[ \t]+)?(?:&[\w.-]+[ \t]+)?[\[{]", re.M)
# keys whose flow list holds the words of one command (argv), not command lines
_ARGV_KEYS = frozenset({"command", "args"})
# how a flow scalar's text reads (``_flow_scalar``): a line break with the blanks around it is one
# blank (n + 1 breaks: n line breaks); in double quotes an escape is one character, ``\\`` before
# a break joins the lines; in single quotes ``''`` is a quote
_YAML_FOLD = r"[ \t]*(?:\r?\n[ \t]*)+"
_YAML_READ = {
    "": re.compile(_YAML_FOLD),
    "'": re.compile(_YAML_FOLD + "|''"),
    '"': re.compile(r"\\\r?\n[ \t]*|\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)|" + _YAML_FOLD),
}
_YAML_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b",
                 " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}


def _yaml_read(written: str) -> str:
    if written == "''":
        return "'"
    if written[:1] == "\\":
        if written[1:2] in ("\r", "\n"):
            return ""
        return chr(int(written[2:], 16)) if written[1] in "xuU" else _YAML_ESCAPES.get(written[1], written)
    breaks = written.count("\n")
    return " " if breaks == 1 else "\n" * (breaks - 1)


def flow_sections(text: str) -> Optional[List[Section]]:
    """The command lines a CI file writes in YAML flow collections, from the parsed nodes and their
    marks: the items of a flow list under a command key (``script: ["pip install x", zenml ...]``,
    ``before_script: [zenml ...]``) and a command key's value in a flow mapping (GitHub ``steps:
    [{run: ...}]``, ``- {name: x, run: ...}``), each at its node's span (quoted, plain, folded over
    lines, with escapes). None when the file has no flow collection or is no YAML the parser reads
    (then the line reader reads every value)."""
    if not _FLOW_VALUE.search(text):
        return None
    import yaml

    from zenml_migrate.yaml_edit import compose_exact, nodes

    try:
        docs = compose_exact(text)
    except Exception:  # (yaml_edit.Declined, any YAML error: the file is read by lines)
        return None
    out: List[Section] = []
    read: Set[int] = set()  # (an aliased list is read once)
    lines: Optional[List[tuple]] = None
    for node in nodes(docs):
        for key, value in node.value if isinstance(node, yaml.MappingNode) else []:
            name = key.value if isinstance(key, yaml.ScalarNode) and isinstance(key.value, str) else None
            if name is None or _CI_KEY.match(name + ":") is None or id(value) in read:
                continue
            if isinstance(value, yaml.ScalarNode) and node.flow_style and name != "args":
                read.add(id(value))
                if name in _WINDOWS_KEYS:  # a GitHub step's ``run`` a Windows shell runs (its ``shell``, its job's)
                    lines = lines if lines is not None else list(offset_lines(text))
                    shell = _flow_shell(node, name, lines, key.start_mark.line)
                    if shell is not None:
                        out.extend(w for sec in _flow_scalar(text, value) for w in ([sec] if sec.words else _windows_sections(sec, shell)))
                        continue
                out.extend(_flow_scalar(text, value))
            elif isinstance(value, yaml.SequenceNode) and value.flow_style and name not in _ARGV_KEYS:
                read.add(id(value))
                out.extend(s for item in value.value if isinstance(item, yaml.ScalarNode) for s in _flow_scalar(text, item))
    return sorted(out, key=lambda s: s.start)


_WINDOWS_KEYS = ("run", "pwsh", "powershell", "ps")


def _flow_shell(node, key: str, lines: List[tuple], k: int) -> Optional[str]:
    """``_windows_shell`` of the command under ``key`` of the flow mapping ``node`` (on line ``k``):
    the mapping's own ``shell:`` first (``{run: ..., shell: pwsh}``), then its job's and workflow's."""
    import yaml

    if key == "run":
        for name, value in node.value:
            if isinstance(name, yaml.ScalarNode) and name.value == "shell" and isinstance(value, yaml.ScalarNode):
                return _WINDOWS_SHELLS.get(str(value.value).lower())
    return _windows_shell(lines, k, key)


def _flow_scalar(text: str, node) -> List[Section]:
    """A YAML scalar node as shell text at its place: its characters when they are its value, else
    (escapes: ``\\"``, ``''``; a scalar folded over lines) one section per command, each word at
    the offsets of the characters it is read from; nothing when its value is not what its text
    reads as here."""
    if not isinstance(node.value, str) or node.style in ("|", ">"):
        return []
    start, end = node.start_mark.index, node.end_mark.index
    if node.style in ("'", '"'):
        start, end = start + 1, end - 1
    raw = text[start:end]
    anchor = text.rfind("\n", 0, node.start_mark.index) + 1
    if raw == node.value:
        return [Section(raw, start, anchor=anchor)]
    from zenml_migrate.scan.command_configs import decoded, mapped_commands

    value, starts, ends = decoded(text, start, end, _YAML_READ[node.style or ""], _yaml_read)
    if value != node.value:
        return []
    return [Section(value, start, anchor=anchor, words=words) for words in mapped_commands(value, starts, ends)]


def _ci_sections(text: str, lines: List[tuple]) -> Iterator[Section]:
    flow = flow_sections(text)
    if flow is not None:
        yield from flow
    scripts = set(_SCRIPT_ALIAS.findall(text)) if "*" in text else set()
    orbs = (set(_ORBS.findall(text)) or {"python"}) if "/install-packages" in text else set()
    k = 0
    while k < len(lines):
        offset, line = lines[k]
        if "entrypoint" in line or "command" in line:
            container = _container_command(text, lines, k)
            if container is not None:
                yield container
        if orbs and "/install-packages" in line:
            install = _orb_install(text, lines, k, orbs)
            if install is not None:
                yield install
        m = _CI_KEY.match(line)
        if not m:
            a = _ANCHOR_KEY.match(line) if scripts else None
            if a is not None and a.group(2) in scripts and a.group(3):
                sec, k = value_section(text, lines, k, _key_column(line), a.group(3), offset + a.start(3))
                if sec is not None:
                    yield sec
                continue
            if a is not None and a.group(2) in scripts:  # read as a ``script:`` list
                m = _CI_KEY.match(a.group(1) + "script:")
            if not m:
                k += 1
                continue
        indent = len(m.group(1))
        value_at = offset + m.start(3)
        value = m.group(3)
        if value.startswith("&"):  # ``script: &build`` then the list: the anchor is no command
            anchor = _ANCHOR.match(value)
            value_at += anchor.end()
            value = value[anchor.end() :]
        if flow is not None and value[:1] in ("[", "{") and not (m.group(2) in _ARGV_KEYS and value.startswith("[")):
            k += 1  # a flow collection: its nodes were read above
            continue
        if value and not value.startswith("#"):
            key_line = k
            if m.group(2) == "command" and value.startswith("[") and value.rstrip().endswith("]"):
                # a container's command as a flow list of words (a Buildkite docker plugin's ``command:``)
                yield Section(value.rstrip(), value_at, anchor=offset, exec_form=True)
                k += 1
                continue
            # a block scalar is the lines indented deeper than its key's own column (``- init: |``:
            # the key after the item's dash, where a sibling key of the item's mapping starts)
            sec, k = value_section(text, lines, key_line, _key_column(line), value, value_at)
            if sec is not None:
                shell = _windows_shell(lines, key_line, m.group(2))
                yield from (_windows_sections(sec, shell) if shell else [sec])
            continue
        # a list of commands (GitLab ``script:``)
        k += 1
        while k < len(lines):
            offset, line = lines[k]
            if not line.strip() or line.lstrip().startswith("#"):
                k += 1
                continue
            item = _ITEM.match(line)
            if item is None or len(item.group(1)) < indent:
                break
            keyed = _CI_KEY.match(line)  # ``- cmd: zenml ...`` (a go-task command given as a map)
            if keyed is not None and keyed.group(3) and keyed.group(3)[:1] not in ("|", ">", "&", "#"):
                yield scalar_section(keyed.group(3), offset + keyed.start(3), anchor=offset)
                k += 1
                continue
            if item.group(2)[:1] in ("|", ">"):
                sec, k = block_scalar(text, lines, k + 1, len(item.group(1)), folded_at=offset if item.group(2)[:1] == ">" else None)
                if sec is not None:
                    yield sec
                continue
            yield scalar_section(item.group(2), offset + item.start(2), anchor=offset)
            k += 1


# a GitHub Actions step's shell (``shell: pwsh``), a job's or workflow's ``defaults: run: shell:``,
# a job's ``runs-on`` (a Windows runner's default shell is PowerShell)
_SHELL_KEY = re.compile(r"^([ \t]*)(?:-[ \t]+)?shell[ \t]*:[ \t]*['\"]?([\w.-]+)")
_DEFAULTS_KEY = re.compile(r"^([ \t]*)(?:-[ \t]+)?defaults[ \t]*:[ \t]*(?:#.*)?\r?$")
_RUNS_ON = re.compile(r"^([ \t]*)(?:-[ \t]+)?runs-on[ \t]*:[ \t]*(.*?)\r?$")
_WINDOWS_SHELLS = {"pwsh": "powershell", "powershell": "powershell", "ps": "powershell", "cmd": "batch"}
# an Azure ``AzureCLI@2`` task's ``scriptType`` (the shell of its ``inlineScript``)
_SCRIPT_TYPE = re.compile(r"^[ \t]*(?:-[ \t]+)?scriptType[ \t]*:[ \t]*['\"]?(\w+)")
_SCRIPT_TYPES = {"ps": "powershell", "pscore": "powershell", "batch": "batch"}


def _key_column(line: str) -> int:
    """The column of the key of a YAML line (after an item's ``- ``)."""
    m = re.match(r"[ \t]*(?:-[ \t]+)?", line)
    return m.end()


def _windows_shell(lines: List[tuple], k: int, key: str) -> Optional[str]:
    """``"powershell"``/``"batch"`` when the command text of the key on line ``k`` is run by
    PowerShell or cmd.exe (Azure ``pwsh:``/``powershell:``, AppVeyor ``ps:``; a GitHub ``run:``
    whose step, job or workflow names that shell, or whose job runs on Windows), else None."""
    if key in ("pwsh", "powershell", "ps"):
        return "powershell"
    if key not in ("run", "inlineScript"):
        return None
    column = _key_column(lines[k][1])
    first = k  # the step's mapping: lines[first:end]
    while first > 0 and not lines[first][1].lstrip().startswith("- "):
        above = lines[first - 1][1]
        if above.strip() and not above.lstrip().startswith("#") and _indent(above) < column and _key_column(above) != column:
            break
        first -= 1
    end = k + 1
    while end < len(lines) and (not lines[end][1].strip() or lines[end][1].lstrip().startswith("#") or _indent(lines[end][1]) >= column):
        end += 1
    if key == "inlineScript":  # the task's ``scriptType: bash|ps|pscore|batch``
        kinds = (_SCRIPT_TYPE.match(line) for _, line in lines[first:end] if _key_column(line) == column)
        return next((_SCRIPT_TYPES.get(t.group(1).lower()) for t in kinds if t is not None), None)
    for _, line in lines[first:end]:
        sh = _SHELL_KEY.match(line) if _key_column(line) == column else None
        if sh is not None:
            return _WINDOWS_SHELLS.get(sh.group(2).lower())
    # the nearest enclosing ``defaults: run: shell:`` (job over workflow); only without one, the
    # job's ``runs-on`` (GitHub: step, job defaults, workflow defaults, then the runner's default)
    best = None
    windows_runner = False
    for i, (_, line) in enumerate(lines):
        d = _DEFAULTS_KEY.match(line)
        r = _RUNS_ON.match(line) if d is None else None
        if d is None and r is None:
            continue
        parent = i - 1
        while parent >= 0 and (not lines[parent][1].strip() or lines[parent][1].lstrip().startswith("#") or _indent(lines[parent][1]) >= _indent(line)):
            parent -= 1
        if parent >= 0 and not (parent < k < _node_end(lines, parent)):
            continue
        depth = _indent(line)
        if d is not None:
            end = _node_end(lines, i)
            shell = next((sh.group(2) for _, inner in lines[i + 1 : end] for sh in [_SHELL_KEY.match(inner)] if sh), None)
            if shell is not None and (best is None or depth >= best[0]):
                best = (depth, _WINDOWS_SHELLS.get(shell.lower()))
        elif "windows" in r.group(2).lower() and "${{" not in r.group(2):
            windows_runner = True
    if best is not None:
        return best[1]
    return "powershell" if windows_runner else None


def _windows_sections(sec: Section, shell: str) -> Iterator[Section]:
    """The sections of a PowerShell or cmd.exe script given as the YAML value ``sec``."""
    from zenml_migrate.scan.command_configs import batch, powershell

    for inner in (powershell if shell == "powershell" else batch)(sec.text):
        words = None if inner.words is None else [Word(w.value, w.start + sec.start, w.end + sec.start) for w in inner.words]
        yield Section(inner.text, inner.start + sec.start, anchor=sec.anchor, words=words)


def value_section(text: str, lines: List[tuple], k: int, indent: int, value: str, at: int):
    """``(section, next line)`` of the value of a YAML key on line ``k`` (key at ``indent``; its
    value ``value``, not empty, at offset ``at``): a block scalar's lines, or a one-line scalar."""
    if value[:1] in ("|", ">"):
        return block_scalar(text, lines, k + 1, indent, folded_at=lines[k][0] if value[:1] == ">" else None)
    return scalar_section(value, at, anchor=lines[k][0]), k + 1


def block_scalar(text: str, lines: List[tuple], k: int, indent: int, folded_at: Optional[int] = None):
    """The block scalar after line ``k - 1``. ``folded_at``: a folded one (``>``), whose key or
    item line is at that offset: YAML joins its lines into one command line, so a note goes
    above that line (inside the block it would fold into the command and comment it out)."""
    first = k
    while k < len(lines):
        line = lines[k][1]
        if line.strip() and len(line) - len(line.lstrip(" \t")) <= indent:
            break
        k += 1
    if k == first:
        return None, k
    start = lines[first][0]
    stop = lines[k - 1][0] + len(lines[k - 1][1])
    if folded_at is not None:
        return Section(_fold(text[start:stop]), start, anchor=folded_at), k
    return Section(text[start:stop], start), k


def _fold(body: str) -> str:
    """A folded block scalar as YAML reads it, offsets kept: the line break between two
    non-empty lines at the block's own indentation is a blank (``\r\n`` two blanks); blank
    and more-indented lines keep theirs."""
    lines = body.split("\n")
    depth = [len(line) - len(line.lstrip(" \t")) if line.strip() else None for line in lines]
    base = next((d for d in depth if d is not None), 0)
    out = []
    for i, line in enumerate(lines):
        joined = i + 1 < len(lines) and depth[i] == base and depth[i + 1] == base
        if joined and line.endswith("\r"):
            out.append(line[:-1] + "  ")
        else:
            out.append(line + (" " if joined else "\n" if i + 1 < len(lines) else ""))
    return "".join(out)


def scalar_section(value: str, at: int, anchor: int) -> Section:
    """A one-line YAML scalar: quotes and a trailing comment removed."""
    if value[:1] in ("'", '"') and value.rstrip()[-1:] == value[0] and len(value.rstrip()) > 1:
        return Section(value.rstrip()[1:-1], at + 1, anchor=anchor)
    value = re.split(r"[ \t]#", value, maxsplit=1)[0]
    return Section(value, at, anchor=anchor)


# (``{code-cell} ipython3``: MyST; ``{python}``, ``{bash, echo=FALSE}``: Quarto and R Markdown chunks)
# (``{code-block} bash``, ``:::{code-block} shell``: a MyST directive; its argument is the language)
_FENCE = re.compile(
    r"^([ \t]{0,3})(```+|~~~+|(?=:::+[ \t]*\{(?:code-block|code|sourcecode)\}):::+)[ \t]*"
    r"(?:(\{code-cell\}[ \t]*)|(\{(?:code-block|code|sourcecode)\})[ \t]*(?=[\w+-]*[ \t]*$))?(?:\{([\w+-]+)[^}]*\}|([\w+-]*))"
)
# fenced code a notebook runs as IPython (jupytext/MyST notebooks, docs showing notebook cells):
# its ``!cmd`` lines and a ``%%bash`` cell are shell
IPYTHON_LANGS = {"python", "python3", "py", "ipython", "ipython3", "ipython2"}
_IPYTHON_ESCAPE = re.compile(r"^[ \t]*(?:(?:[A-Za-z_]\w*[ \t]*=[ \t]*)?!!?|%(?=(?:pip|conda|mamba|micromamba)[ \t]))")
SHELL_LANGS = {"", "bash", "sh", "shell", "zsh", "console", "shell-session", "terminal", "bash-session", "shellsession", "cli"}
# (``$ ``, ``(venv) $ ``, ``% ``, and a prompt naming the folder or host: ``~/app$ ``, ``me@box:~/app$ ``)
_PROMPT = re.compile(r"^[ \t]*(?:\([\w.-]+\)[ \t]*)?(?:[\w.-]+@[\w.-]+:)?(?:~?[\w.-]*(?:/[\w.-]+)*)?[$%][ \t]+")


_INDENTED_COMMAND = re.compile(r"^(?: {4,}|\t)[ \t]*(?:\$[ \t]+)?(?=zenml[ \t])")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]")


@dataclass
class Fence:
    """A fenced code block of a Markdown text: ``lines[body:end]`` (``offset_lines`` tuples) is its
    content, ``lang`` its language (lower case), ``braced`` when written ``{lang ...}`` (a
    Quarto / R Markdown chunk the engine runs), ``cell`` when a MyST ``{code-cell}``."""

    lang: str
    body: int
    end: int
    braced: bool
    cell: bool
    directive: bool = False  # a MyST ``{code-block}`` (shown code: no notebook cell)


def fences(lines: List[tuple], indented: Optional[List[int]] = None) -> Iterator[Fence]:
    """The fenced blocks of Markdown ``lines`` (``offset_lines``), in order (a fence inside another
    fence's content is content). ``indented``: gets the index of each line outside fences that
    is indented like a command of an indented code block."""
    k = 0
    while k < len(lines):
        m = _FENCE.match(lines[k][1])
        if not m:
            if indented is not None and _INDENTED_COMMAND.match(lines[k][1]) and _in_indented_block(lines, k):
                indented.append(k)
                k = continued_end(lines, k)
            k += 1
            continue
        fence, lang = m.group(2), (m.group(5) or m.group(6)).lower()
        body = k + 1
        k = body
        while k < len(lines) and not lines[k][1].lstrip().startswith(fence):
            k += 1
        yield Fence(lang, body, k, m.group(5) is not None, m.group(3) is not None, m.group(4) is not None)
        k += 1


def _markdown(text: str) -> Iterator[Section]:
    lines = list(offset_lines(text))
    indented: List[int] = []
    r_chunks: List[tuple] = []  # (start, stop) of R Markdown / Quarto ``{r}`` chunks (knitr runs them)
    for f in fences(lines, indented):
        while indented:  # the indented commands before this fence
            yield _indented_command(text, lines, indented.pop(0))
        body, k = f.body, f.end
        if f.lang == "r" and f.braced and body < k:
            r_chunks.append((lines[body][0], lines[k - 1][0] + len(lines[k - 1][1])))
            continue
        if (f.lang in IPYTHON_LANGS or (f.cell and not f.lang)) and body < k:
            yield from _ipython_block(text, lines[body:k])
            continue
        if f.lang in WINDOWS_LANGS and not f.cell and body < k:
            yield from _windows_block(text, lines[body:k], WINDOWS_LANGS[f.lang])
            continue
        if f.lang not in SHELL_LANGS or f.cell or body >= k:
            continue
        yield from shell_block(text, lines[body:k])
    for k in indented:
        yield _indented_command(text, lines, k)
    if r_chunks and "zenml" in text:  # their ``system()``/``system2()`` calls, read in the text with the rest blanked
        from zenml_migrate.scan.r_commands import r_sections

        masked = list(re.sub(r"[^\n]", " ", text))
        for start, stop in r_chunks:
            masked[start:stop] = text[start:stop]
        yield from r_sections("".join(masked))


def shell_block(text: str, block: List[tuple]) -> Iterator[Section]:
    """A shell code block (``offset_lines`` tuples): its text, or only its prompted lines (``$ cmd``)
    when it is a console transcript."""
    if any(_PROMPT.match(line) for _, line in block):  # console transcript: only the prompted lines are commands
        yield from _led_lines(text, block, _PROMPT)
    else:
        start, stop = block[0][0], block[-1][0] + len(block[-1][1])
        yield Section(text[start:stop], start)


# fences of Windows shells (Pygments' names): their lines are read as PowerShell or cmd.exe reads them
WINDOWS_LANGS = {"powershell": "powershell", "pwsh": "powershell", "ps1": "powershell", "posh": "powershell", "ps1con": "powershell",
                 "pwsh-session": "powershell", "bat": "batch", "batch": "batch", "cmd": "batch", "doscon": "batch"}


def batch_fence_lines(text: str) -> Set[int]:
    """The 1-based numbers of the lines inside the Markdown text's cmd.exe fences (```bat,
    ```cmd, ```doscon): a note there is a ``REM`` line (``#`` starts no comment in cmd.exe)."""
    lines = list(offset_lines(text))
    return {k + 1 for f in fences(lines) if WINDOWS_LANGS.get(f.lang) == "batch" and not f.cell for k in range(f.body, f.end)}


# a Windows prompt: ``C:\proj>``, ``PS C:\proj>``, ``PS>``
_WINDOWS_PROMPT = re.compile(r"^[ \t]*(?:PS[ \t]*(?:[A-Za-z]:\\[^>\r\n]*)?|[A-Za-z]:\\[^>\r\n]*)>[ \t]*")


def _windows_block(text: str, block: List[tuple], shell: str) -> Iterator[Section]:
    """A PowerShell or batch code block: each prompted line (``C:\\proj> zenml ...``) when it is a
    console transcript (the others are output), else the whole block, as that shell reads it."""
    if any(_WINDOWS_PROMPT.match(line) for _, line in block):
        for _, line in block:
            m = _WINDOWS_PROMPT.match(line)
            if m is not None:
                yield from _windows_sections(Section(line[m.end() :], _ + m.end()), shell)
        return
    start, stop = block[0][0], block[-1][0] + len(block[-1][1])
    yield from _windows_sections(Section(text[start:stop], start), shell)


# reStructuredText: ``.. code-block:: bash`` / ``.. code:: sh`` / ``.. sourcecode:: console`` and
# ``.. prompt:: bash $`` (sphinx-prompt: every line is a command), options (``:caption:``) then a blank line
_RST_DIRECTIVE = re.compile(r"^([ \t]*)\.\.[ \t]+(code-block|code|sourcecode|prompt)::[ \t]*([\w+-]*)")


def _rst(text: str) -> Iterator[Section]:
    lines = list(offset_lines(text))
    k = 0
    while k < len(lines):
        m = _RST_DIRECTIVE.match(lines[k][1])
        k += 1
        if m is None and _RST_LITERAL.match(lines[k - 1][1]):
            k = yield from _rst_literal(text, lines, k)
            continue
        if m is None or m.group(3).lower() not in SHELL_LANGS or not m.group(3):
            continue
        indent = len(m.group(1))
        while k < len(lines) and re.match(r"^[ \t]+:[\w-]+:", lines[k][1]):  # the directive's options
            k += 1
        first = k
        while k < len(lines) and (not lines[k][1].strip() or len(lines[k][1]) - len(lines[k][1].lstrip(" \t")) > indent):
            k += 1
        block = [line for line in lines[first:k]]
        while block and not block[-1][1].strip():
            block.pop()
        while block and not block[0][1].strip():
            block.pop(0)
        if block:
            yield from shell_block(text, block)


# a paragraph ending in ``::`` (``Run::``, ``Run: ::``) and not a directive (``.. note::``): the
# indented block after it is a literal block
_RST_LITERAL = re.compile(r"^(?![ \t]*\.\.[ \t])[ \t]*\S.*::[ \t]*\r?$")


def _rst_literal(text: str, lines: List[tuple], k: int):
    """The literal block after the paragraph line ``k - 1`` (reStructuredText's ``::``): its
    prompted lines (``$ zenml ...``) are commands, the rest is output, code or text; returns the
    line after the block."""
    indent = len(lines[k - 1][1]) - len(lines[k - 1][1].lstrip(" \t"))
    first = k
    while k < len(lines) and not lines[k][1].strip():
        k += 1
    if k == first or k == len(lines):  # no blank line, or nothing after it: no literal block
        return k
    while k < len(lines) and (not lines[k][1].strip() or len(lines[k][1]) - len(lines[k][1].lstrip(" \t")) > indent):
        k += 1
    yield from _led_lines(text, lines[first:k], _PROMPT)
    return k


def _indented_command(text: str, lines: List[tuple], k: int) -> Section:
    """The command (``\\``-continued) of an indented code block's line ``k``."""
    end = continued_end(lines, k)
    start = lines[k][0] + _INDENTED_COMMAND.match(lines[k][1]).end()
    return Section(text[start : lines[end][0] + len(lines[end][1])], start)


def _in_indented_block(lines: List[tuple], k: int) -> bool:
    """Is line ``k`` (indented 4+) in an indented code block (CommonMark)? Lines above it up to a
    blank line are indented too, and the paragraph before that blank line is no list item's
    (whose indented lines continue the item)."""
    j = k
    while j > 0 and lines[j - 1][1].strip():
        j -= 1
        if not lines[j][1].startswith(("    ", "\t")):
            return False
    if j == 0:
        return True
    i = j - 1
    while i >= 0 and not lines[i][1].strip():
        i -= 1
    while i > 0 and lines[i - 1][1].strip():
        i -= 1  # the first line of the paragraph before
    return i < 0 or not _LIST_ITEM.match(lines[i][1])


def _ipython_block(text: str, block: List[tuple]) -> Iterator[Section]:
    """A Python fence of a notebook: ``!cmd`` lines (``\\``-continued), or the body of a
    ``%%bash`` cell."""
    first = block[0][1].strip()
    if re.match(r"%%(?:bash|sh|script (?:bash|sh))\b", first):
        if len(block) > 1:
            yield Section(text[block[1][0] : block[-1][0] + len(block[-1][1])], block[1][0])
        return
    yield from _led_lines(text, block, _IPYTHON_ESCAPE)


def _led_lines(text: str, block: List[tuple], lead: "re.Pattern") -> Iterator[Section]:
    """The commands of the lines of ``block`` that ``lead`` matches (a prompt, ``!``), without it,
    each with its ``\\``-continued lines."""
    j = 0
    while j < len(block):
        m = lead.match(block[j][1])
        if m:
            end = continued_end(block, j)
            start = block[j][0] + m.end()
            yield Section(text[start : block[end][0] + len(block[end][1])], start)
            j = end + 1
        else:
            j += 1


def section_commands(section: Section) -> List[List[Word]]:
    if section.environ:
        return []  # a file's text read for its variables only
    if section.words is not None:
        return [section.words]
    if section.exec_form:
        return _exec_commands(section)
    commands = split_commands(section.text, section.start, section.make)
    if not section.make:
        commands = _expand_definitions(commands, section.text, section.start)
        if "[@]}" in section.text or "[*]}" in section.text or section.zsh:
            commands = _expand_arrays(commands, section.text, section.start, section.zsh)
    if section.variables or section.environment:
        commands = [_expand_program(words, section.variables or {}, section.make, section.environment) for words in commands]
    if section.splats:
        commands = [[new for w in words for new in _splatted(w, section.splats)] for words in commands]
    return commands


def _splatted(word: Word, splats: Dict[str, List[str]]) -> List[Word]:
    """A PowerShell ``@NAME`` word as the items of the array ``$NAME`` (at the word's offsets:
    nothing edits them there), any other word as it is."""
    name = word.value[1:] if word.value.startswith("@") else None
    if not name or name not in splats:
        return [word]
    return [Word(v, word.start, word.end, elsewhere=f"the array `${name}`") for v in splats[name]]


# the word a function body passes its arguments with: ``"$@"``, ``$*``, fish's ``$argv``
_ARGUMENTS = frozenset({"$@", "$*", "${@}", "${*}", "$argv"})
# fish blocks that an ``end`` closes
_FISH_BLOCKS = frozenset({"function", "if", "for", "while", "begin", "switch"})


def _definitions(commands: List[List[Word]], text: str, base: int) -> Dict[str, List[str]]:
    """The aliases (``alias zset='zenml stack set'``, fish ``alias zl 'zenml stack list'``) and the
    functions that run their arguments (``zen() { zenml "$@"; }``, ``function zq { command zenml
    "$@" >/dev/null; }``, ``retry() { until "$@"; do sleep 5; done; }``, fish ``function zen; zenml
    $argv; end``) of a script: name -> the words it runs before the arguments (what a function
    adds after them is not read: its words would have no place of their own in the file)."""
    out: Dict[str, List[str]] = {}
    k = 0
    while k < len(commands):
        words = commands[k]
        values = [w.value for w in words]
        if values[0] == "alias" and len(values) > 1:
            pairs = [v.split("=", 1) for v in values[1:] if "=" in v]
            if len(values) == 3 and "=" not in values[1]:  # fish: ``alias NAME 'VALUE'``
                pairs = [[values[1], values[2]]]
            for name, value in pairs:
                body = split_commands(value)
                if len(body) == 1:
                    out[name] = [w.value for w in body[0]]
            k += 1
            continue
        name = _function_name(words, text, base)
        if not name:
            k += 1
            continue
        braces = values[-1] == "{" or k + 1 < len(commands) and commands[k + 1][0].value == "{"
        depth = 1 if values[-1] == "{" or not braces else 0
        body = []
        k += 1
        while k < len(commands) and (depth > 0 or braces and not body):
            first = commands[k][0].value
            if braces:
                depth += first == "{"
                depth -= first == "}"
            else:
                depth += first in _FISH_BLOCKS
                depth -= first == "end"
            if depth > 0:
                body.append(commands[k])
            k += 1
        for command in body:
            at = next((j for j, w in enumerate(command) if w.value in _ARGUMENTS), None)
            if at is not None:
                out.setdefault(name, [w.value for w in command[:at]])
                break
    return out


def _function_name(words: List[Word], text: str, base: int) -> Optional[str]:
    """The name a function definition's first line defines (``function NAME``, ``NAME() {``), else None."""
    if words[0].value == "function" and len(words) > 1:
        return words[1].value.split("(", 1)[0]
    if len(words) == 1 and re.match(r"[ \t]*\([ \t]*\)", text[words[0].end - base :]):  # ``NAME() {``
        return words[0].value
    return None


def _expand_definitions(commands: List[List[Word]], text: str, base: int) -> List[List[Word]]:
    """Each call of an alias or of a function that runs its arguments (``_definitions``) with the
    words it runs, at the offsets of the name (nothing edits them): ``zset prod --global`` with
    ``alias zset='zenml stack set'`` is ``zenml stack set prod --global``."""
    if not any(w.value in ("alias", "function") or w.value in _ARGUMENTS for words in commands for w in words) and "()" not in text:
        return commands
    defined = _definitions(commands, text, base)
    if not defined:
        return commands
    out = []
    for words in commands:
        if _function_name(words, text, base):
            out.append(words)  # the definition itself (``zen() {``), no call
            continue
        for _ in range(4):
            i = next((j for j, w in enumerate(words) if not (w.value in _RESERVED or re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", w.value))), None)
            if i is None or words[i].value not in defined or words[0].value in ("alias", "function"):
                break
            name = words[i]
            before = defined[name.value]
            if before[:1] == [name.value]:
                break
            written = f"the definition of `{name.value}`"
            words = words[:i] + [Word(v, name.start, name.end, elsewhere=written) for v in before] + words[i + 1 :]
        out.append(words)
    return out


_ARRAY_USE = re.compile(r"^\$\{([A-Za-z_][A-Za-z0-9_]*)\[([@*])\]\}$")
_ZSH_ARRAY_USE = re.compile(r"^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})$")
# builtins that declare what follows them (``typeset -a NAME=(a b)``, ``local NAME=(...)``)
_DECLARE = frozenset({"typeset", "declare", "local", "readonly", "export", "integer"})


def _expand_arrays(commands: List[List[Word]], text: str, base: int, zsh: bool = False) -> List[List[Word]]:
    """``"${NAME[@]}"`` (or an unquoted ``${NAME[*]}``) with the items of the script's one assignment ``NAME=(a b c)``
    (bash, zsh, ksh), at the offsets of the word that expands it (nothing edits them there):
    ``ZENML=(poetry run zenml)`` then ``"${ZENML[@]}" stack set prod --global`` runs ``poetry run
    zenml stack set prod --global``. An array that holds a zenml command of its own is read where it
    is written (its words would be found twice). In zsh (``zsh``), an unquoted ``$NAME``/``${NAME}``
    is the items too (``args=(stack list)`` then ``zenml $args``); the assignment may follow
    ``typeset``/``local`` and their options."""
    arrays: Dict[str, Optional[List[str]]] = {}
    for k, words in enumerate(commands):
        last = words[-1]
        name = last.value[:-1]
        declared = len(words) > 1 and words[0].value in _DECLARE and all(w.value.startswith(("-", "+")) for w in words[1:-1])
        if (len(words) > 1 and not declared) or not last.value.endswith("=") or not name.isidentifier() or text[last.end - base : last.end - base + 1] != "(":
            continue
        items = commands[k + 1] if k + 1 < len(commands) else []
        opened = items and not text[last.end - base + 1 : items[0].start - base].strip()
        closed = items and text[items[-1].end - base :].lstrip(" \t")[:1] == ")"
        own = zenml_argv(items) if items else None
        arrays[name] = [w.value for w in items] if opened and closed and not (own and len(own) > 1) and name not in arrays else None
    if not any(arrays.values()):
        return commands
    out = []
    for words in commands:
        expanded: List[Word] = []
        for w in words:
            m = _ARRAY_USE.match(w.value)
            name = m.group(1) if m and (m.group(2) == "@" or w.splits) else None  # ("${A[*]}": one word)
            z = _ZSH_ARRAY_USE.match(w.value) if zsh and name is None and w.splits else None
            name = (z.group(1) or z.group(2)) if z else name
            values = arrays.get(name) if name else None
            if values is None:
                expanded.append(w)
                continue
            expanded += [Word(v, w.start, w.end, elsewhere=f"the array `{name}`") for v in values]
        out.append(expanded)
    return out


_EXEC_ITEM = re.compile(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([^\s,\[\]"\'#][^,\]\r\n#]*?)(?=\s*(?:,|\]|#|$))', re.M)
# a block list item's dash, and the YAML tag in front of its value (CloudFormation's ``- !Sub "zenml
# ... ${Name}"``: the string, its ``${...}`` left as written, like a shell's)
_BLOCK_ITEM = re.compile(r"^[ \t]*-[ \t]+(?:!!?[\w:/.-]*[ \t]+)?", re.M)


def exec_words(section: Section) -> List[Word]:
    """The words of an exec form: a JSON/YAML flow list (``["zenml", 'stack', list]``) or the
    items of a YAML block list (``- zenml`` lines)."""
    text = section.text
    out = []
    if not text.lstrip().startswith("["):
        for m in _BLOCK_ITEM.finditer(text):
            item = _EXEC_ITEM.match(text, m.end())
            if item is not None:
                out.append(_exec_word(item, section.start))
        return out
    close = text.rfind("]")
    for m in _EXEC_ITEM.finditer(text, text.index("[") + 1, close if close > 0 else len(text)):
        out.append(_exec_word(m, section.start))
    return out


def _exec_commands(section: Section) -> List[List[Word]]:
    """An exec form's words, and the command lines of its items that a shell runs: ``["sh",
    "-c", "zenml ..."]``, or an item with blanks in it (``command: ["zenml stack ... && x"]``
    under an ``entrypoint: ["/bin/bash", "-c"]``: no program has such a name), each lexed at
    its own offset when its item is written plainly."""
    words = exec_words(section)
    out = [words]
    for w in words:
        if "zenml" in w.value and any(c in w.value for c in " \t\n"):
            raw = section.text[w.start - section.start : w.end - section.start]
            if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"" and raw[1:-1] == w.value:
                out.extend(split_commands(w.value, w.start + 1))
    return out


def _exec_word(m: "re.Match", base: int) -> Word:
    if m.group(1) is not None:
        try:
            value = json.loads(m.group(0))
        except ValueError:
            value = m.group(1)
    else:
        value = m.group(2) if m.group(2) is not None else m.group(3).strip()
    return Word(value, base + m.start(), base + m.end())
