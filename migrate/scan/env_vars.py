"""Environment variables set outside Python code (``EnvVar`` matchers, ``rules/removed.py``
ZM906): one reader for every place a project sets one, by how the name is written there.

A name is *set* where it is

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
from typing import Iterator, Tuple

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
