"""Environment variables set outside Python code (``EnvVar`` matchers, ``rules/removed.py``
ZM906).

In shell text (a shell script, a Makefile recipe, a CI ``run:``/``script:``, a Dockerfile ``RUN``,
a notebook's ``!`` line) the command scanner's words decide (``shell_settings``): a name is set by
an assignment word before the command word (``NAME=value cmd``, behind ``sudo``/``env``/``nohup``
and the like), an argument of ``export``/``declare -x``/``typeset -x``/``setenv``, the value of
``-e``/``--env`` of docker/podman/kubectl, an assignment of ``kubectl set env``, or an
``echo``/``printf`` of ``NAME=value`` into ``$GITHUB_ENV`` or a ``.env`` file; a word in the
arguments of another command (``echo``, ``grep``, ``python run.py NAME=x``) sets nothing.

Elsewhere (a file's whole text: ``.env``, YAML/JSON maps, ``ENV``, systemd, ...) the reader below
goes by how the name is written. A name is *set* where it is

* followed by ``=`` or ``:`` (after its closing quote, if any): a ``.env`` line, a shell
  ``NAME=value cmd`` or ``export NAME=value``, ``docker run -e NAME=value``, a CI ``env:`` /
  compose ``environment:`` map key (``NAME: value``) or list item (``- NAME=value``), a JSON key
  (``"NAME": "value"``), a Dockerfile ``ENV NAME=value``, a Jenkins ``environment { NAME = ... }``,
  a systemd ``Environment=NAME=value``, PowerShell's ``$env:NAME = ...``, R's ``Sys.setenv(NAME=...)``;
* after ``export``/``setenv``/``ENV``/``declare -x``/``%env``/``-e``/``--env`` (``ENV NAME value``,
  ``export NAME``);
* the value of a ``name`` key: a Kubernetes container's or an ECS task's ``- name: NAME``
  (``{"name": "NAME", "value": ...}``), a PyCharm ``<env name="NAME" .../>``.

Not a setting: a read (``$NAME``, ``${NAME}``, ``$(NAME)``, ``%NAME%``, ``${{ env.NAME }}``,
``getenv("NAME")``), ``unset NAME``, a comment line or a comment after ``#``.
"""

import re
from functools import lru_cache
from typing import Iterator, List, Tuple

# a read of the variable, right before its name
_READS = ("$", "${", "$(", "%", "env.", "secrets.", "vars.", "$ENV{")
# what sets the variable named right after it (``ENV NAME value``, ``export NAME``, ``docker run -e NAME``)
_LEAD = re.compile(
    r"(?:^|[\s;&|(])(?:export|setenv|ENV|declare[ \t]+-\w*x\w*|typeset[ \t]+-\w*x\w*|%env|%set_env|-e|--env)"
    r"(?:[ \t]+-\w+)*[ \t]+[\"']?$"
)
_EXPORT = re.compile(r"(?:^|[\s;&|(])export[ \t]+[\"']?$")
# the value of a ``name`` key (``- name: NAME``, ``"name": "NAME"``, ``name="NAME"``)
_NAME_VALUE = re.compile(r"\bname[\"']?[ \t]*[:=][ \t]*[\"']?$")
_ASSIGNED = re.compile(r"[ \t]*(?:=(?!=)|:(?![:=])|\?=|\+=|:=)")


@lru_cache(maxsize=16)
def _names(names: Tuple[str, ...]) -> "re.Pattern":
    return re.compile(r"(?<![A-Za-z0-9_])(" + "|".join(map(re.escape, names)) + r")(?![A-Za-z0-9_])")


# a command that prints or searches its arguments: ``echo "ZENML_ACTIVATED_STACK=$S"``, ``env | grep NAME=``
# name the variable, they do not set it (the command's words up to the name hold no ``;``/``&``/``|``)
_ARGUMENT_OF = re.compile(r"(?:^|[\s;&|(`])(?:echo|printf|logger|grep|egrep|fgrep|rg|awk|sed|print|Write-Host|Write-Output)"
                          r"[ \t][^;&|`\n]*$")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


def _comment(before: str) -> bool:
    """Is the text before the name on its line a comment (``#``, ``//``, ``REM``, ``::``, ``;``)?
    (a ``#`` inside quotes, ``echo "build #1" && ...``, starts none)"""
    head = before.lstrip()
    return head.startswith(("#", "//", "::", ";", "REM ", "rem ")) or re.search(r"\s#", _QUOTED.sub("", before)) is not None


def settings(text: str, start: int, stop: int, names: Tuple[str, ...], exported_only: bool = False) -> Iterator[Tuple[int, int, str]]:
    """``(start, end, name)`` of each place ``text[start:stop]`` sets one of ``names``
    (``exported_only``: only ``export NAME``: a Makefile's own variables are not the environment
    unless exported; its recipes are shell text)."""
    if not any(n in text[start:stop] for n in names):
        return
    for m in _names(names).finditer(text, start, stop):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        before = text[line_start : m.start()]
        after = text[m.end() : len(text) if line_end == -1 else line_end]
        if before.endswith(_READS) or _comment(before) or _ARGUMENT_OF.search(before):
            continue
        quote = before[-1:] if before[-1:] in ("'", '"') else ""
        rest = after[1:] if quote and after.startswith(quote) else after
        if exported_only:
            found = _EXPORT.search(before) is not None
        else:
            found = _ASSIGNED.match(rest) is not None or _LEAD.search(before) is not None or _NAME_VALUE.search(before) is not None
        if found:
            yield m.start(), m.end(), m.group(1)


# ------------------------------------------------------------------ shell words
_ASSIGNMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\+?=")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CONTAINERS = frozenset({"docker", "podman", "nerdctl", "docker-compose", "podman-compose", "kubectl", "oc"})
_DOTENV_TARGET = re.compile(r">>?[ \t]*[\"']?(?:\$\{?GITHUB_ENV\}?|[^\s;&|\"']*\.env\b)")


def shell_settings(text: str, commands: List[list], names: Tuple[str, ...]) -> Iterator[Tuple[int, int, str]]:
    """``(start, end, name)`` of each of ``names`` the shell ``commands`` (``command_lines.Word``
    lists, offsets in ``text``) set."""
    wanted = set(names)
    for words in commands:
        for k, name in _set_words(text, words):
            w = words[k]
            if name in wanted:
                at = text.find(name, w.start, w.end)
                if at != -1:
                    yield at, at + len(name), name


def _set_words(text: str, words: list) -> Iterator[Tuple[int, str]]:
    """``(index of the word, name)`` of each variable the command ``words`` sets."""
    from zenml_migrate.scan.command_lines import past_wrapper, program

    i, n = 0, len(words)
    while i < n:
        m = _ASSIGNMENT.match(words[i].value)
        if m is not None:
            yield i, m.group(1)
            i += 1
            continue
        after = past_wrapper(words, i)
        if after == i:
            break
        i = after
    if i >= n:
        return
    name, args = program(words[i].value), range(i + 1, n)
    values = [words[k].value for k in args]
    if name in ("export", "setenv") or name in ("declare", "typeset") and any(v.startswith("-") and "x" in v for v in values):
        for k in args:
            word = words[k].value.split("=", 1)[0]
            if not words[k].value.startswith("-") and _NAME.match(word):
                yield k, word
                if name == "setenv":
                    return  # ``setenv NAME value``
    elif name in _CONTAINERS:
        for k in args:
            v = words[k].value
            value = words[k + 1].value if v in ("-e", "--env") and k + 1 < n else v[6:] if v.startswith("--env=") else None
            if value is None and v.startswith("-e") and not v.startswith("--") and len(v) > 2 and name not in ("kubectl", "oc"):
                value = v[2:]  # ``-eNAME=value``
            if value is not None and _NAME.match(value.split("=", 1)[0]):
                yield (k + 1 if v in ("-e", "--env") else k), value.split("=", 1)[0]
            elif name in ("kubectl", "oc") and "env" in values[: k - i - 1] and "set" in values[: k - i - 1]:
                m = _ASSIGNMENT.match(v)
                if m is not None:  # ``kubectl set env deploy/x NAME=value``
                    yield k, m.group(1)
    elif name in ("echo", "printf") and words:
        end = text.find("\n", words[-1].end)
        if _DOTENV_TARGET.search(text, words[-1].end, len(text) if end == -1 else end):  # ``>> $GITHUB_ENV``, ``> .env``
            for k in args:
                m = _ASSIGNMENT.match(words[k].value)
                if m is not None:
                    yield k, m.group(1)
