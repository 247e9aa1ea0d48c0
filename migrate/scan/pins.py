"""ZenML version pins: the ``zenml`` requirements a project installs, wherever it writes them,
judged against the ZenML 0.20 releases its migrated code needs (the rule: ``rules/pins.py``).

* requirement strings (PEP 508: name, extras, version clauses ``==``, ``===``, ``~=``, ``!=``,
  ``<``, ``<=``, ``>``, ``>=``, ``==X.*``, markers after ``;``; a URL form, ``zenml @ URL`` or a
  VCS URL with ``#egg=zenml``, is judged by the release its wheel name / tag / branch names) and Poetry constraints (``^X``, ``~X``, a bare ``X``, ``*``, clauses joined
  by ``,`` or blanks, alternatives by ``||``), and conda match specs (``zenml=X``, ``zenml X``);
* where they are written (each a ``command_lines.Section`` with ``requirement`` set: one
  requirement at its offset in the file): ``requirements*.txt``/``constraints*.txt`` lines,
  ``setup.cfg``'s ``install_requires``/``extras_require``/``setup_requires``/``tests_require``
  and ``tox.ini``'s ``deps``, nbdev's ``settings.ini`` ``requirements``, ``pyproject.toml``'s PEP 621 ``dependencies`` and
  ``optional-dependencies``, ``dependency-groups``, ``build-system.requires`` and Poetry's
  dependency tables, ``environment*.yml`` list items (the ``pip:`` list: PEP 508; the others:
  conda specs); and the words of an install command (``pip install``, ``python -m pip
  install``, ``uv pip install``, ``uv add``, ``poetry add``, ``pdm add``, ``conda install``,
  ``mamba install``) wherever the command lines are read (shell scripts, Dockerfiles, CI,
  notebook ``!``/``%pip`` lines, Python ``subprocess`` calls, nox's ``session.install``).

A version written as a variable (``zenml==$ZENML_VERSION``) is not judged: what it holds is
decided elsewhere.
"""

import re
from dataclasses import dataclass, replace
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

# the ZenML 0.20 releases the migrated code is checked on (tests/realzenml.py builds both): a
# requirement that allows neither cannot install code that runs after ``migrate code --fix``
RELEASES_020 = ((0, 20, 0), (0, 20, 5))

_NAME = re.compile(r"[ \t]*(?P<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)[ \t]*(?P<extras>\[[^\]\r\n]*\])?[ \t]*")
_CLAUSE = re.compile(r"[ \t]*(?P<op>===|==|!=|~=|<=|>=|<|>)[ \t]*(?P<version>[A-Za-z0-9.*+!_-]+)[ \t]*")
_POETRY_CLAUSE = re.compile(r"[ \t]*(?P<op>\^|~=|~|==|=|!=|<=|>=|<|>)?[ \t]*(?P<version>[A-Za-z0-9.*+!_-]+)[ \t]*")
_RELEASE = re.compile(r"v?(\d+(?:\.\d+)*)(\.\*)?(?:(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview|post|rev|r|dev)[-_.]?\d*)*)?(?:\+[A-Za-z0-9.]+)?$", re.I)


@dataclass(frozen=True)
class Clause:
    """One version clause of a requirement (``==0.13.2``)."""

    op: str  # "==", "~=", "^" (Poetry), "" (a bare Poetry version: ==)
    version: str  # as written
    start: int  # offsets of the clause (operator and version) in the requirement text
    end: int


@dataclass(frozen=True)
class Pin:
    """A zenml requirement whose versions exclude every ZenML 0.20 release."""

    text: str  # the requirement as written, up to its versions (the flagged characters)
    begin: int  # its offset
    clauses: Tuple[Clause, ...]
    start: int  # offsets of the version part (what a fix replaces)
    end: int
    replacement: Optional[str]  # the version part a fix writes (None: no exact spelling)
    why_no_fix: str = ""
    image: str = ""  # the image's repository, when ``text`` is its tag written apart (a Helm values file)

    @property
    def fixed(self) -> Optional[str]:
        """The requirement as the fix writes it."""
        if self.replacement is None:
            return None
        return self.text[: self.start - self.begin] + self.replacement + self.text[self.end - self.begin :]


def _release(version: str) -> Optional[Tuple[Tuple[int, ...], bool]]:
    """``(release numbers, wildcard)`` of a version as written; None when it is not one
    (a variable, a placeholder)."""
    m = _RELEASE.match(version)
    if m is None:
        return None
    return tuple(int(p) for p in m.group(1).split(".")), bool(m.group(2))


def _pad(release: Tuple[int, ...], n: int) -> Tuple[int, ...]:
    return release + (0,) * (n - len(release))


def _allows(op: str, version: str, candidate: Tuple[int, ...]) -> bool:
    release, wildcard = _release(version)  # checked by the caller
    n = max(len(release), len(candidate))
    have, want = _pad(candidate, n), _pad(release, n)
    if op in ("==", "", "=", "===") and (wildcard or op == "="):
        return candidate[: len(release)] == release  # conda ``=X`` is ``X.*``
    if op in ("==", "", "==="):
        return have == want
    if op == "!=":
        return candidate[: len(release)] != release if wildcard else have != want
    if op == "<":
        return have < want
    if op == "<=":
        return have <= want
    if op == ">":
        return have > want
    if op == ">=":
        return have >= want
    if op == "~=":  # >= X, == X without its last part .*
        return have >= want and candidate[: len(release) - 1] == release[:-1]
    if op == "^":  # Poetry: up to the first non-zero part
        first = next((i for i, p in enumerate(release) if p), len(release) - 1)
        return have >= want and candidate[: first + 1] == release[: first + 1]
    if op == "~":  # Poetry: X.Y.Z -> <X.(Y+1); X -> <X+1
        keep = 1 if len(release) == 1 else 2
        return have >= want and candidate[:keep] == release[:keep]
    return True


def parse_clauses(text: str, start: int, stop: int, poetry: bool = False) -> Optional[Tuple[List[Clause], List[List[Clause]]]]:
    """The version clauses in ``text[start:stop]``: ``(all clauses, alternatives)`` (each
    alternative a list of clauses that must all hold; Poetry's ``||``), None when it is not a
    version specifier (a variable, a URL, a typo)."""
    clause = _POETRY_CLAUSE if poetry else _CLAUSE
    alternatives: List[List[Clause]] = []
    every: List[Clause] = []
    pos = start
    for part in (re.split(r"\|\|", text[start:stop]) if poetry else [text[start:stop]]):
        group: List[Clause] = []
        i, end = pos, pos + len(part)
        while i < end:
            if text[i] in " \t,":
                i += 1
                continue
            m = clause.match(text, i, end)
            if m is None or m.end() == i:
                return None
            version = m.group("version")
            if version != "*" and _release(version) is None:
                return None
            group.append(Clause(m.group("op") or "", version, m.start("op") if m.group("op") else m.start("version"), m.end("version")))
            i = m.end()
        pos = end + 2
        if group:
            alternatives.append(group)
            every.extend(group)
    return every, alternatives


def judge(text: str, start: int, stop: int, target: str, poetry: bool = False, conda: bool = False, begin: Optional[int] = None) -> Optional[Pin]:
    """A ``Pin`` when the version part ``text[start:stop]`` of a zenml requirement allows no
    ZenML 0.20 release and names only versions before 0.20 (a project already past 0.20 is not
    this tool's business; an exclusive bound ``<0.20`` keeps a project before it, so it counts);
    None otherwise (no version, a variable, a range that allows 0.20)."""
    parsed = parse_clauses(text, start, stop, poetry=poetry or conda)
    if parsed is None:
        return None
    every, alternatives = parsed
    if not every or any(c.version == "*" for c in every):
        return None
    written = every
    if conda:  # ``zenml=X``, ``zenml X``: ``X.*``
        every = [Clause("=" if c.op == "" else c.op, c.version, c.start, c.end) for c in every]
        alternatives = [[Clause("=" if c.op == "" else c.op, c.version, c.start, c.end) for c in group] for group in alternatives]
    # (``<0.20``, ``<0.20.0``: a bound below 0.20 names 0.20 but keeps the project before it)
    if any((_release(c.version)[0][:2] >= (0, 20) or _release(c.version)[0][0] > 0) and not (c.op == "<" and _release(c.version)[0] <= (0, 20, 0)) for c in every):
        return None
    if any(all(_allows(c.op, c.version, release) for c in group) for group in alternatives for release in RELEASES_020):
        return None
    replacement, why = _respelled(written, alternatives, target)
    begin = start if begin is None else begin
    return Pin(text[begin:stop], begin, tuple(every), start, stop, replacement, why)


def _respelled(every: List[Clause], alternatives: List[List[Clause]], target: str) -> Tuple[Optional[str], str]:
    """The version part with the target release, when one clause says it exactly: an exact pin
    (``==X``, ``===X``, a bare Poetry ``X``, conda ``=X``), a compatible release (``~=X.Y.Z``,
    Poetry ``^X``/``~X``) or a wildcard (``==X.Y.*`` becomes ``==0.20.*``)."""
    if len(every) != 1 or len(alternatives) != 1:
        return None, "a range of several clauses: which 0.20 versions it should allow is a choice"
    c = every[0]
    release, wildcard = _release(c.version)
    if c.op in ("<", "<=", ">", ">=", "!="):
        return None, f"`{c.op}` is a bound, not a pin: which 0.20 versions it should allow is a choice"
    if wildcard:
        if c.op != "==":
            return None, "a wildcard with this operator"
        return "==" + ".".join(target.split(".")[: len(release)]) + ".*", ""
    if c.op == "~=" and len(release) != 3:
        return None, "`~=` with other than three version parts"
    return c.op + target, ""


# ------------------------------------------------------------------ requirement strings
def is_zenml(name: str) -> bool:
    return re.sub(r"[-_.]+", "-", name).lower() == "zenml"


def requirement(text: str, start: int, stop: int, target: str, poetry_value: bool = False) -> Optional[Pin]:
    """``text[start:stop]`` read as one PEP 508 requirement; a Pin when it is a zenml one that
    excludes 0.20 (offsets in ``text``)."""
    bare = _BARE_URL.match(text, start, stop)
    if bare is not None:
        return url_pin(text, bare.start("url"), stop, target)
    m = _NAME.match(text, start, stop)
    if m is None or not is_zenml(m.group("name")):
        return None
    i = m.end()
    if i < stop and text[i] == "@":
        return url_pin(text, m.start("name"), stop, target, url=i + 1)
    stop = _end_of_versions(text, i, stop)
    if i < stop and text[i] == "(":
        close = text.find(")", i, stop)
        if close == -1:
            return None
        pin = judge(text, i + 1, close, target, begin=start + (len(text[start:stop]) - len(text[start:stop].lstrip(" \t"))))
        return replace(pin, text=text[pin.begin : close + 1]) if pin is not None else None
    return judge(text, i, stop, target, begin=m.start("name"))


# a requirement given as a URL: ``zenml @ URL`` (PEP 508), or a bare VCS / archive URL naming its
# project in ``#egg=zenml`` (pip's requirement files and ``pip install``)
_BARE_URL = re.compile(r"[ \t]*(?P<url>(?:git|hg|svn|bzr)\+[A-Za-z]+://|https?://|file:)", re.I)
_EGG = re.compile(r"[#&]egg=(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?P<extras>\[[^\]]*\])?", re.I)
_V = r"v?(?P<v>\d+\.\d+(?:\.\d+)?)(?!\.?\d)"
# where a URL names the version it installs: a wheel / sdist file name (``zenml-0.13.2-py3-none-any.whl``,
# ``zenml-0.13.2.tar.gz``), a VCS ref (``@0.13.2``, ``@release/0.13.2``, ``@refs/tags/0.13.2``), a
# GitHub archive (``/archive/0.13.2.zip``, ``/archive/refs/tags/0.13.2.tar.gz``)
_URL_VERSIONS = (
    re.compile(r"(?:^|/)zenml-" + _V + r"(?=[-.]|$)", re.I),
    re.compile(r"@(?:refs/tags/|tags/|releases?/)?" + _V + r"(?=[#?]|$)", re.I),
    re.compile(r"/archive/(?:refs/tags/)?" + _V + r"(?=\.zip|\.tar\.gz|\.tgz)", re.I),
)


def url_pin(text: str, start: int, stop: int, target: str, url: Optional[int] = None) -> Optional[Pin]:
    """A zenml requirement given as a URL (``text[start:stop]``: ``zenml @ URL`` with the URL at
    ``url``, else a bare URL whose ``#egg=`` names the project): a Pin without a fix when the URL
    names a ZenML release before 0.20 (its wheel / sdist file name, a VCS tag or branch, an
    archive). Which URL a 0.20 release is at (a tag, a wheel, PyPI) is the project's choice."""
    end = stop
    for stopper in (";", " #", "\t#", " -", "\t-"):
        k = text.find(stopper, url if url is not None else start, end)
        if k != -1:
            end = k
    while end > start and text[end - 1] in " \t\r":
        end -= 1
    first = url if url is not None else start
    while first < end and text[first] in " \t":
        first += 1
    address = text[first:end]
    if url is None:
        egg = _EGG.search(address)
        if egg is None or not is_zenml(egg.group("name")):
            return None
    where = address.split("#", 1)[0].split("://", 1)[-1]
    path = where.split("/", 1)[1] if "/" in where else ""  # not the host (``10.0.0.1``)
    for pattern in _URL_VERSIONS:
        found = pattern.search(path)
        if found is not None:
            return _old_release_pin(found.group("v"), "URL", text, start, end, target)
    return None


def _old_release_pin(version: str, what: str, text: str, start: int, end: int, target: str) -> Optional[Pin]:
    """A Pin without a fix of ``text[start:end]``, a source (``what``: its URL, its git reference)
    that installs ZenML ``version``, when that is a release before 0.20."""
    release = tuple(int(p) for p in version.split("."))
    if release[0] != 0 or release[1] >= 20:
        return None
    why = f"the {what} installs ZenML {version}: point it at a 0.20 release, or require `zenml=={target}` from PyPI instead"
    return Pin(text[start:end], start, (Clause("==", version, start, end),), start, end, None, why)


def _end_of_versions(text: str, i: int, stop: int) -> int:
    """Where the version part ends: a ``;`` (markers), a ``#`` comment, `` --hash`` options."""
    for stopper in (";", " #", "\t#", " -", "\t-", "@"):
        k = text.find(stopper, i, stop)
        if k != -1:
            stop = k
    while stop > i and text[stop - 1] in " \t\r":
        stop -= 1
    return stop


# ------------------------------------------------------------------ install commands
_INSTALLERS = {
    ("pip", "install"), ("pip3", "install"), ("uv", "add"), ("poetry", "add"), ("pdm", "add"), ("pipenv", "install"),
    ("conda", "install"), ("mamba", "install"), ("micromamba", "install"), ("pipx", "install"),
}
# options of these commands that take a value (the value is no requirement)
_VALUE_OPTIONS = frozenset({
    "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url", "--extra-index-url", "-f",
    "--find-links", "-t", "--target", "--prefix", "--root", "--python", "-p", "--platform", "--python-version",
    "--implementation", "--abi", "--upgrade-strategy", "--progress-bar", "--src", "--log", "--cache-dir", "--trusted-host",
    "--proxy", "--timeout", "--retries", "--exists-action", "--cert", "--client-cert", "-n", "--name", "--prefix",
    "--channel", "-G", "--group", "--extras", "-E", "--source", "--only-binary", "--no-binary",
})


EDITABLE = "--editable="


def install_words(words) -> Optional[Tuple[List[int], str]]:
    """``(indices of the requirement words, tool)`` of an install command (after ``sudo``,
    ``python -m``, ``uv pip``, ``%``), else None; ``tool`` is ``"pip"``, ``"poetry"`` (a
    Poetry constraint after ``@``) or ``"conda"``."""
    from zenml_migrate.scan.command_lines import command_start

    values = [w.value for w in words]
    i = command_start(words, also=("%", "RUN"))
    if i < len(values):
        from zenml_migrate.scan.command_lines import python_module

        module = python_module(words, i)
        if module is not None:
            i = module
    from zenml_migrate.scan.command_lines import program

    if i < len(values) and program(values[i].lstrip("%!")) == "uv" and i + 1 < len(values) and values[i + 1] == "pip":
        i += 1
    if i + 1 >= len(values):
        return None
    tool = program(values[i].lstrip("%!"))
    if (tool, values[i + 1]) not in _INSTALLERS:
        return None
    out = []
    k = i + 2
    while k < len(values):
        v = values[k]
        if v in ("-e", "--editable") and tool == "pip" and k + 1 < len(values):
            out.append(k + 1)  # an editable requirement: a VCS URL (``git+...@0.13.2#egg=zenml``) or a folder
            k += 2
            continue
        if v.startswith(EDITABLE) and tool == "pip":
            out.append(k)  # ``--editable=URL``: the requirement after the ``=`` (``install_matches``)
            k += 1
            continue
        if v.startswith("-"):
            k += 2 if v in _VALUE_OPTIONS else 1
            continue
        out.append(k)
        k += 1
    kind = "conda" if tool in ("conda", "mamba", "micromamba") else "poetry" if tool in ("poetry", "pdm") else "pip"
    return out, kind


def word_pin(value: str, kind: str, target: str) -> Optional[Pin]:
    """A requirement word of an install command (quotes removed)."""
    if kind == "poetry" and "@" in value:
        name, _, version = value.partition("@")
        m = _NAME.fullmatch(name)
        if m is None or not is_zenml(m.group("name")):
            return None
        return judge(value, len(name) + 1, len(value), target, poetry=True, begin=0)
    if kind == "conda":
        return conda_pin(value, 0, len(value), target)
    return requirement(value, 0, len(value), target)


_CONDA_CHANNEL = re.compile(r"[ \t]*(?P<channel>[A-Za-z0-9_.:/-]+?)::")


def conda_pin(text: str, start: int, stop: int, target: str) -> Optional[Pin]:
    """``text[start:stop]`` read as a conda match spec (``zenml=0.13.2``, ``zenml 0.13.2``,
    ``conda-forge::zenml=0.13.2``). A spec that names its channel is judged without a fix: which
    ZenML builds that channel has is not known here."""
    channel = _CONDA_CHANNEL.match(text, start, stop)
    m = _NAME.match(text, channel.end() if channel else start, stop)
    if m is None or not is_zenml(m.group("name")):
        return None
    pin = judge(text, m.end(), _end_of_versions(text, m.end(), stop), target, conda=True, begin=m.start("name"))
    if pin is not None and channel is not None:
        why = (f"the spec names the conda channel `{channel.group('channel')}`: check that it has a ZenML 0.20 build before "
               "pinning one, or install `zenml==0.20.5` from PyPI with pip")
        pin = replace(pin, replacement=None, why_no_fix=why)
    return pin


# ------------------------------------------------------------------ requirement lists in files
@dataclass(frozen=True)
class Item:
    """One requirement written in a file: ``text[start:stop]``; ``style``: ``"pep508"``,
    ``"poetry"`` (the value is a Poetry constraint of zenml), ``"specifier"`` (the value is a
    PEP 440 version specifier of zenml: a Pipfile's), ``"conda"``, ``URL_STYLE`` or ``REF_STYLE``."""

    start: int
    stop: int
    style: str = "pep508"


URL_STYLE, REF_STYLE = "url", "vcs_ref"  # a dependency table's ``url``/``file`` value, its git ``tag``/``rev``/``branch``/``ref``


def _lines(text: str) -> Iterator[Tuple[int, str]]:
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


_EDITABLE = re.compile(r"(?:-e|--editable)(?:[ \t]+|[ \t]*=[ \t]*|(?=[A-Za-z]))")


def requirements_txt(text: str) -> Iterator[Item]:
    """Each requirement line of a pip requirements or constraints file (options, comments and
    blank lines are none; a ``\\``-continued line's first line holds the requirement)."""
    continued = False
    for offset, line in _lines(text):
        body = line.rstrip("\r")
        was_continued, continued = continued, body.endswith("\\")
        if was_continued:
            continue
        stripped = body.lstrip(" \t")
        editable = _EDITABLE.match(stripped)
        if editable is not None:  # ``-e git+https://...@0.13.2#egg=zenml``: the URL is the requirement
            stripped = stripped[editable.end():]
        if not stripped or stripped.startswith(("#", "-")):
            continue
        first = offset + len(body) - len(stripped)
        logical = text[first : _logical_end(text, first)]
        style = "hashed" if "--hash" in logical else "pep508"
        yield Item(first, offset + len(body.rstrip("\\").rstrip(" \t")), style)


def _logical_end(text: str, start: int) -> int:
    """The end of the ``\\``-continued line starting at ``start``."""
    end = text.find("\n", start)
    while end != -1 and text[start:end].rstrip("\r").endswith("\\"):
        start = end + 1
        end = text.find("\n", start)
    return len(text) if end == -1 else end


_INI_SECTION = re.compile(r"^\[([^\]]*)\][ \t]*\r?$")
_INI_KEY = re.compile(r"^([A-Za-z0-9_.-]+)[ \t]*[=:][ \t]*(.*?)\r?$")
_INI_REQUIREMENT_KEYS = frozenset({"install_requires", "setup_requires", "tests_require", "deps"})
# nbdev's ``settings.ini`` (its ``setup.py`` installs these): ``[DEFAULT]`` keys, requirements split on blanks
_NBDEV_REQUIREMENT_KEYS = frozenset({"requirements", "pip_requirements", "dev_requirements"})
_WORD = re.compile(r"[^ \t\r]+")


def ini_requirements(text: str) -> Iterator[Item]:
    """``setup.cfg``'s ``[options]`` requirement keys and ``[options.extras_require]`` values,
    ``tox.ini``'s ``deps``: the value's first line and its indented continuation lines, one
    requirement each; nbdev's ``settings.ini`` ``requirements``/``pip_requirements``/
    ``dev_requirements`` (``[DEFAULT]``): one requirement per blank-separated word."""
    section = ""
    take = False
    for offset, line in _lines(text):
        head = _INI_SECTION.match(line)
        if head:
            section, take = head.group(1).strip(), False
            continue
        if line[:1] in (" ", "\t") and take:
            body = line.rstrip("\r").strip(" \t")
            if body and not body.startswith(("#", ";", "-")):
                start = offset + line.index(body)
                yield Item(start, start + len(_without_comment(body)))
            continue
        key = _INI_KEY.match(line)
        take = False
        if key is None:
            continue
        if section == "DEFAULT" and key.group(1) in _NBDEV_REQUIREMENT_KEYS:
            for word in _WORD.finditer(_without_comment(key.group(2))):
                yield Item(offset + key.start(2) + word.start(), offset + key.start(2) + word.end())
            continue
        wanted = section == "options.extras_require" or (
            key.group(1) in _INI_REQUIREMENT_KEYS and (section == "options" or section.startswith(("testenv", "tox:testenv")))
        )
        if not wanted:
            continue
        take = True
        value = key.group(2)
        if value.strip() and not value.lstrip().startswith(("#", ";", "-")):
            start = offset + key.start(2)
            yield Item(start, start + len(_without_comment(value)))


def _without_comment(body: str) -> str:
    for lead in (" #", "\t#", " ;", "\t;"):
        k = body.find(lead)
        if k != -1:
            body = body[:k]
    return body.rstrip(" \t")


_TOML_TABLE = re.compile(r"^[ \t]*\[+[ \t]*([^\]]+?)[ \t]*\]+[ \t]*(?:#.*)?\r?$")
_TOML_STRING = re.compile(r"\"((?:[^\"\\\r\n]|\\.)*)\"|'([^'\r\n]*)'")
_POETRY_TABLE = re.compile(r"^tool\.poetry\.(?:(?:dev-)?dependencies|group\.[^.]+\.dependencies)$")
_PEP508_TABLES = re.compile(
    r"^(?:project|project\.optional-dependencies|build-system|dependency-groups|tool\.pdm\.dev-dependencies|tool\.uv"
    r"|tool\.hatch\.envs\.[^.]+)$"  # hatch environments: ``dependencies``/``extra-dependencies``
)
# pixi: ``zenml = "==0.13.2"`` / ``{ version = "...", extras = [...] }`` (a PEP 440 specifier) in
# ``[pypi-dependencies]`` (``pixi.toml``; ``[tool.pixi.pypi-dependencies]`` in pyproject.toml) and features'
_PIXI_PYPI_TABLE = re.compile(r"^(?:tool\.pixi\.)?(?:(?:feature|target)\.[^.]+\.)?pypi-dependencies$")
_POETRY_ZENML = re.compile(r"^[ \t]*[\"']?zenml[\"']?[ \t]*=[ \t]*")


def toml_lines(text: str) -> Iterator[Tuple[int, str, str]]:
    """``(offset, line, table)`` of each line of a TOML file that is no table header: ``table``
    is the dotted name of the table it is in (quotes removed; ``""`` before the first)."""
    table = ""
    for offset, line in _lines(text):
        head = _TOML_TABLE.match(line)
        if head and not line.lstrip().startswith(("[\"", "['")):
            table = head.group(1).strip().replace('"', "").replace("'", "")
            continue
        yield offset, line, table


def pyproject_requirements(text: str) -> Iterator[Item]:
    """PEP 508 strings in the dependency tables of ``pyproject.toml`` (``[project]``
    ``dependencies``, ``optional-dependencies``, ``dependency-groups``, ``build-system``
    ``requires``, PDM/uv dev dependencies) and Poetry's ``zenml = "..."`` /
    ``zenml = { version = "...", extras = [...] }``."""
    for offset, line, table in toml_lines(text):
        if _POETRY_TABLE.match(table) or _PIXI_PYPI_TABLE.match(table):
            item = _zenml_table_version(offset, line, "poetry" if _POETRY_TABLE.match(table) else "specifier")
            if item is not None:
                yield item
            continue
        if not _PEP508_TABLES.match(table):
            continue
        for s in _TOML_STRING.finditer(line):
            value = s.group(1) if s.group(1) is not None else s.group(2)
            if "zenml" in value.lower():
                start = offset + s.start() + 1
                yield Item(start, start + len(value))


def _zenml_table_version(offset: int, line: str, style: str) -> Optional[Item]:
    """The version string of a ``zenml = "..."`` / ``zenml = { version = "...", ... }`` line of a
    TOML dependency table (Poetry, Pipfile) at ``offset``."""
    m = _POETRY_ZENML.match(line)
    if m is None:
        return None
    rest = line[m.end():]
    if rest.startswith("{"):
        v = re.search(r"\bversion[ \t]*=[ \t]*", rest)
        if v is None:
            return _zenml_table_source(offset + m.end(), rest)
        s = _TOML_STRING.match(rest, v.end())
    else:
        s = _TOML_STRING.match(rest)
    if s is None:
        return None
    start = offset + m.end() + s.start() + 1
    return Item(start, start + len(s.group(1) if s.group(1) is not None else s.group(2)), style)


_TABLE_KEY = r"\b{}[ \t]*=[ \t]*"


def _zenml_table_source(offset: int, rest: str) -> Optional[Item]:
    """A zenml dependency table without ``version`` (at ``offset``): the release its source names,
    ``url = "...zenml-0.13.2-py3-none-any.whl"`` (Pipfile: ``file``) or ``git = "..."`` with a
    ``tag``/``rev``/``branch`` (Pipfile: ``ref``), as the PEP 508 ``zenml @ URL`` it stands for."""
    for key, style in (("url", URL_STYLE), ("file", URL_STYLE), ("tag", REF_STYLE), ("rev", REF_STYLE), ("branch", REF_STYLE), ("ref", REF_STYLE)):
        if style == REF_STYLE and not re.search(_TABLE_KEY.format("git"), rest):
            break
        k = re.search(_TABLE_KEY.format(key), rest)
        s = _TOML_STRING.match(rest, k.end()) if k is not None else None
        if s is not None:
            start = offset + s.start() + 1
            return Item(start, start + len(s.group(1) if s.group(1) is not None else s.group(2)), style)
    return None


def ref_pin(text: str, start: int, stop: int, target: str) -> Optional[Pin]:
    """The git tag/rev/branch ``text[start:stop]`` of a zenml dependency table read as the
    ``@REF`` of a VCS URL: a Pin without a fix when it names a release before 0.20."""
    found = _URL_VERSIONS[1].search("@" + text[start:stop])
    return _old_release_pin(found.group("v"), "git reference", text, start, stop, target) if found is not None else None


# Pipfile tables that are no package categories
_PIPFILE_OTHER_TABLES = frozenset({"source", "requires", "scripts", "pipenv"})


def pipfile_requirements(text: str) -> Iterator[Item]:
    """Pipenv's ``Pipfile``: ``zenml = "==0.13.2"`` / ``zenml = {version = "==0.13.2", extras =
    [...]}`` in ``[packages]``, ``[dev-packages]`` and other package categories (the value is a
    PEP 440 specifier, ``"*"`` any version)."""
    for offset, line, table in toml_lines(text):
        if table and table not in _PIPFILE_OTHER_TABLES:
            item = _zenml_table_version(offset, line, "specifier")
            if item is not None:
                yield item


_YAML_ITEM = re.compile(r"^(?P<indent>[ \t]*)-[ \t]+(?P<value>[\"']?[^\s\"'#][^#\r\n]*?)[ \t]*(?:#.*)?\r?$")


def _item_value(text: str, offset: int, item: "re.Match") -> Tuple[int, int]:
    """Start and end in ``text`` of a YAML list item's value (a ``_YAML_ITEM`` match of the line at
    ``offset``), inside its quotes when it is quoted."""
    start = offset + item.start("value")
    stop = start + len(item.group("value"))
    if text[start] in "\"'" and stop - start > 1 and text[stop - 1] == text[start]:
        start, stop = start + 1, stop - 1
    return start, stop


def conda_environment(text: str) -> Iterator[Item]:
    """List items of a conda ``environment.yml`` that name zenml: under ``pip:`` PEP 508, the
    others conda match specs."""
    pip_indent: Optional[int] = None
    for offset, line in _lines(text):
        m = _YAML_ITEM.match(line)
        indent = len(line) - len(line.lstrip(" \t"))
        if pip_indent is not None and line.strip() and indent <= pip_indent:
            pip_indent = None
        if m is None:
            continue
        value = m.group("value")
        if re.match(r"pip[ \t]*:[ \t]*$", value):
            pip_indent = len(m.group("indent"))
            continue
        start, stop = _item_value(text, offset, m)
        if "zenml" not in text[start:stop].lower():
            continue
        yield Item(start, stop, "pep508" if pip_indent is not None and indent > pip_indent else "conda")


def yaml_requirement_list(text: str) -> Iterator[Item]:
    """A YAML file of pip requirement lists (MLflow's ``python_env.yaml`` ``dependencies``,
    BentoML's ``bentofile.yaml`` ``python: packages``): each list item that names zenml."""
    for offset, line in _lines(text):
        m = _YAML_ITEM.match(line)
        if m is not None:
            start, stop = _item_value(text, offset, m)
            if "zenml" in text[start:stop].lower():
                yield Item(start, stop)


def databricks_libraries(text: str) -> Iterator[Item]:
    """A Databricks job spec (JSON, Jobs API): each ``"libraries": [{"pypi": {"package": "..."}}]``
    requirement that names zenml (PEP 508)."""
    from zenml_migrate.scan.command_configs import json_values

    for path, key, start, end, kind in json_values(text):
        if kind == "string" and key == "package" and path[-1:] == ("pypi",) and "zenml" in text[start:end].lower():
            yield Item(start, end)


_BUNDLE_KEY = re.compile(r"^(?P<indent>[ \t]*)(?:-[ \t]+)?(?P<key>pypi|package|dependencies)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*\r?$")
_FLOW_PACKAGE = re.compile(r"""(?:^|[{,])[ \t]*package[ \t]*:[ \t]*(?:"([^"\\]*)"|'([^']*)'|([^,}\s][^,}]*?))[ \t]*(?=[,}])""")


def bundle_libraries(text: str) -> Iterator[Item]:
    """A Databricks asset bundle (``databricks.yml``, its ``resources/*.yml``): the zenml
    requirements of a task's ``libraries`` (``- pypi: {package: ...}`` or a ``package:`` key below
    ``pypi:``) and of an environment ``spec``'s ``dependencies`` list (serverless jobs)."""
    pypi: Optional[int] = None  # indent of the ``pypi:`` key whose mapping is being read
    deps: Optional[int] = None  # indent of the ``dependencies:`` key whose list is being read
    for offset, line in _lines(text):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        if pypi is not None and indent <= pypi:
            pypi = None
        if deps is not None and indent < deps or (deps is not None and indent == deps and not line.lstrip().startswith("-")):
            deps = None
        item = _YAML_ITEM.match(line) if deps is not None else None
        m = _BUNDLE_KEY.match(line)
        if item is not None and m is None:
            start, stop = _item_value(text, offset, item)
            if "zenml" in text[start:stop].lower():
                yield Item(start, stop)
            continue
        if m is None:
            continue
        key, value, at = m.group("key"), m.group("value"), offset + m.start("value")
        if key == "pypi":
            if value.startswith("{"):
                for f in _FLOW_PACKAGE.finditer(value):
                    g = next(g for g in (1, 2, 3) if f.group(g) is not None)
                    if "zenml" in f.group(g).lower():
                        yield Item(at + f.start(g), at + f.end(g))
            elif not value or value.startswith("#"):
                pypi = len(m.group("indent")) + (len(line.lstrip(" \t")) - len(line.lstrip(" \t-")) if line.lstrip().startswith("-") else 0)
        elif key == "package" and pypi is not None:
            v = re.split(r"[ \t]#", value, maxsplit=1)[0].rstrip(" \t")
            start, stop = at, at + len(v)
            if v[:1] in "\"'" and len(v) > 1 and v[-1] == v[0]:
                start, stop = start + 1, stop - 1
            if "zenml" in text[start:stop].lower():
                yield Item(start, stop)
        elif key == "dependencies":
            if value.startswith("["):
                for f in _FLOW_ITEM.finditer(value, 1):
                    g = next(g for g in (1, 2, 3) if f.group(g) is not None)
                    if "zenml" in f.group(g).lower():
                        yield Item(at + f.start(g), at + f.end(g))
            elif not value or value.startswith("#"):
                deps = indent


_HCL_PACKAGE = re.compile(r"(?m)^[ \t]*package[ \t]*=[ \t]*\"([^\"\\\r\n]*)\"")


def hcl_packages(text: str) -> Iterator[Item]:
    """Terraform's Databricks libraries (``pypi { package = "zenml==0.13.2" }`` of a
    ``databricks_library``, a cluster's or a job task's ``library``) that name zenml."""
    for m in _HCL_PACKAGE.finditer(text):
        if "zenml" in m.group(1).lower():
            yield Item(m.start(1), m.end(1))


# lock files: the command that writes each (a lock file is regenerated, never edited: its hashes
# and the resolution of every other package go with the version)
LOCK_COMMANDS = {"Pipfile.lock": "pipenv lock", "poetry.lock": "poetry lock", "pdm.lock": "pdm lock", "uv.lock": "uv lock"}
_LOCK_STYLE = "lock:"  # ``Item.style`` of a locked version: ``lock:<the command that re-locks, or "">``
_JSON_ZENML = re.compile(r'"zenml"[ \t]*:[ \t]*\{')
_JSON_VERSION = re.compile(r'"version"[ \t]*:[ \t]*"([^"\\]*)"')
_TOML_PACKAGE = re.compile(r"^[ \t]*\[\[[ \t]*package[ \t]*\]\][ \t]*(?:#.*)?\r?$", re.M)
_TOML_KEY = re.compile(r"^[ \t]*(name|version)[ \t]*=[ \t]*\"([^\"\\\r\n]*)\"")


def lock_requirements(text: str, name: str = "") -> Iterator[Item]:
    """The zenml version a lock file installs: ``Pipfile.lock`` (JSON: ``"zenml": {...,
    "version": "==0.13.2"}`` in ``default``/``develop``), ``poetry.lock``/``pdm.lock``/``uv.lock``
    (TOML ``[[package]]`` tables: ``name = "zenml"``, ``version = "0.13.2"``) and rye's
    ``requirements.lock`` (requirement lines). ``name``: the file's path (which tool re-locks)."""
    base = name.replace("\\", "/").rpartition("/")[2]
    command = LOCK_COMMANDS.get(base, "rye lock" if "generated by rye" in text[:200] else "")
    style = _LOCK_STYLE + command
    if text.lstrip()[:1] == "{":  # Pipfile.lock
        for m in _JSON_ZENML.finditer(text):
            close = text.find("}", m.end())
            v = _JSON_VERSION.search(text, m.end(), len(text) if close < 0 else close)
            if v is not None:
                yield Item(v.start(1), v.end(1), style)
        return
    if not _TOML_PACKAGE.search(text):  # rye's requirements.lock: requirement lines
        for item in requirements_txt(text):
            yield replace(item, style=style)
        return
    in_package = zenml = False
    for offset, line in _lines(text):
        if _TOML_PACKAGE.match(line):
            in_package, zenml = True, False
            continue
        if line.lstrip().startswith("["):
            in_package = False
            continue
        m = _TOML_KEY.match(line) if in_package else None
        if m is None:
            continue
        if m.group(1) == "name":
            zenml = is_zenml(m.group(2))
        elif zenml:
            yield Item(offset + m.start(2), offset + m.end(2), style)


def _lock_pin(text: str, item: Item, target: str) -> Optional[Pin]:
    """A locked zenml version that is no 0.20 release, reported without a fix: the file says
    what to run instead."""
    command = item.style[len(_LOCK_STYLE):]
    value = text[item.start : item.stop]
    if value[:1].isdigit():  # a TOML lock's bare version
        pin = judge(text, item.start, item.stop, target, poetry=True)
    elif value[:1] in "=<>!~":  # Pipfile.lock's specifier
        pin = judge(text, item.start, item.stop, target)
    else:
        pin = requirement(text, item.start, item.stop, target)
    if pin is None:
        return None
    how = f"(`{command}`)" if command else "with the tool that wrote it"
    why = f"a lock file is regenerated, not edited: allow ZenML 0.20 where the project requires zenml, then re-lock {how}"
    return replace(pin, replacement=None, why_no_fix=why)


def item_pin(text: str, item: Item, target: str) -> Optional[Pin]:
    if item.style.startswith(_LOCK_STYLE):
        return _lock_pin(text, item, target)
    if item.style == "poetry":
        return judge(text, item.start, item.stop, target, poetry=True)
    if item.style == "specifier":
        return judge(text, item.start, item.stop, target)
    if item.style == "conda":
        return conda_pin(text, item.start, item.stop, target)
    if item.style == URL_STYLE:
        return url_pin(text, item.start, item.stop, target, url=item.start)
    if item.style == REF_STYLE:
        return ref_pin(text, item.start, item.stop, target)
    if item.style == "image":
        return image_pin(text, item.start, item.stop, target)
    if item.style.startswith(IMAGE_TAG):
        return _tag_pin(text, item.start, item.stop, item.start, target, item.style[len(IMAGE_TAG):])
    pin = requirement(text, item.start, item.stop, target)
    if pin is not None and item.style == "hashed":
        return replace(pin, replacement=None, why_no_fix="the file checks hashes (`--hash`): regenerate it (`pip-compile --generate-hashes`) with the 0.20 version")
    return pin


_ADDITIONAL = re.compile(r"^([ \t]*)(?:-[ \t]+)?additional_dependencies[ \t]*:[ \t]*(.*?)\r?$")
_FLOW_ITEM = re.compile(r"""[ \t]*(?:"([^"\\]*)"|'([^']*)'|([^,\]\s][^,\]]*?))[ \t]*(?:,|\])""")


def pre_commit_requirements(text: str) -> Iterator[Item]:
    """A pre-commit hook's ``additional_dependencies`` (pip installs them into the hook's
    environment): the items, a flow list ``["zenml==0.13.2"]`` or a block list, that name zenml."""
    lines = list(_lines(text))
    k = 0
    while k < len(lines):
        offset, line = lines[k]
        m = _ADDITIONAL.match(line)
        k += 1
        if m is None:
            continue
        value, at = m.group(2), offset + m.start(2)
        if value.startswith("["):
            pos = 1
            while pos < len(value):
                item = _FLOW_ITEM.match(value, pos)
                if item is None:
                    break
                group = next(g for g in (1, 2, 3) if item.group(g) is not None)
                if "zenml" in item.group(group).lower():
                    yield Item(at + item.start(group), at + item.end(group))
                pos = item.end()
            continue
        indent = len(m.group(1))
        while k < len(lines):
            offset, line = lines[k]
            if not line.strip() or line.lstrip().startswith("#"):
                k += 1
                continue
            item = _YAML_ITEM.match(line)
            if item is None or len(item.group("indent")) < indent:
                break
            start, stop = _item_value(text, offset, item)
            if "zenml" in text[start:stop].lower():
                yield Item(start, stop)
            k += 1


# ------------------------------------------------------------------ ZenML's container images
# a ZenML image: ``[registry/]zenmldocker/zenml[-server]:TAG`` (the 0.20 images: ``:0.20.5``)
_IMAGE = re.compile(r"(?:[\w.:-]+/)?zenmldocker/zenml(?:-server)?:(?P<tag>[\w.-]+|\$\{[A-Za-z_]\w*:?-[\w.-]+\})$")
_FROM = re.compile(r"^[ \t]*FROM[ \t]+(?:--platform=\S+[ \t]+)?(?P<image>\S+)", re.I)
_YAML_IMAGE = re.compile(r"^[ \t]*(?:-[ \t]+)?image[ \t]*:[ \t]*(?P<q>[\"']?)(?P<image>[^\s\"'#]+)(?P=q)[ \t]*(?:#.*)?\r?$")


def dockerfile_images(text: str) -> Iterator[Item]:
    """A Dockerfile's ``FROM`` images that are ZenML's (``FROM zenmldocker/zenml:0.13.2``)."""
    for offset, line in _lines(text):
        m = _FROM.match(line)
        if m is not None and _IMAGE.match(m.group("image")):
            yield Item(offset + m.start("image"), offset + m.end("image"), "image")


def yaml_images(text: str) -> Iterator[Item]:
    """``image:`` values (docker compose services, CI jobs' containers) that are ZenML's images,
    and a Helm chart's ``repository: zenmldocker/zenml-server`` with the ``tag:`` beside it
    (``image_tags``)."""
    for offset, line in _lines(text):
        m = _YAML_IMAGE.match(line)
        if m is not None and _IMAGE.match(m.group("image")):
            yield Item(offset + m.start("image"), offset + m.end("image"), "image")
    if "repository" in text:
        yield from image_tags(text)


# a Helm values file's ``image:`` mapping: ``repository: zenmldocker/zenml-server`` and ``tag: "0.13.2"``
_REPOSITORY = re.compile(r"^(?P<indent>[ \t]*)repository[ \t]*:[ \t]*(?P<q>[\"']?)(?P<repo>(?:[\w.:-]+/)?zenmldocker/zenml(?:-server)?)(?P=q)[ \t]*(?:#.*)?\r?$")
_TAG = re.compile(r"^(?P<indent>[ \t]*)tag[ \t]*:[ \t]*(?P<q>[\"']?)(?P<tag>[\w.-]+)(?P=q)[ \t]*(?:#.*)?\r?$")
IMAGE_TAG = "image_tag:"  # ``Item.style`` of a tag written apart from its repository: ``image_tag:<repository>``


def image_tags(text: str) -> Iterator[Item]:
    """The ``tag:`` next to a ``repository:`` naming ZenML's image, in the same mapping (a Helm
    values file's ``image:``): the image is ``<repository>:<tag>``."""
    lines = list(_lines(text))
    for k, (_, line) in enumerate(lines):
        m = _REPOSITORY.match(line)
        tag = _sibling_tag(lines, k, len(m.group("indent"))) if m is not None else None
        if tag is not None:
            yield Item(tag[0], tag[1], IMAGE_TAG + m.group("repo"))


def _sibling_tag(lines: List[Tuple[int, str]], k: int, indent: int) -> Optional[Tuple[int, int]]:
    """Offsets of the value of the ``tag:`` key of the mapping whose key at line ``k`` is at ``indent``."""
    for near in (range(k + 1, len(lines)), range(k - 1, -1, -1)):
        for j in near:
            offset, other = lines[j]
            depth = len(other) - len(other.lstrip(" \t"))
            if not other.strip() or other.lstrip().startswith("#") or depth > indent:
                continue
            if depth < indent:
                break
            tag = _TAG.match(other)
            if tag is not None:
                return offset + tag.start("tag"), offset + tag.end("tag")
    return None


# a JSON ``"image": "zenmldocker/zenml:0.13.2"`` (an ECS task definition's container, a devcontainer.json)
_JSON_IMAGE = re.compile(r"\"(?:image|Image)\"[ \t\r\n]*:[ \t\r\n]*\"(?P<image>[^\"\\\s]+)\"")


def json_images(text: str) -> Iterator[Item]:
    """The ``"image"`` values of a JSON file that are ZenML's images."""
    for m in _JSON_IMAGE.finditer(text):
        if _IMAGE.match(m.group("image")):
            yield Item(m.start("image"), m.end("image"), "image")


def image_pin(text: str, start: int, stop: int, target: str) -> Optional[Pin]:
    """A ZenML image (``zenmldocker/zenml:0.13.2``) whose tag names a release before 0.20: the
    image holds that ZenML. The fix writes the target's tag where the tag is exactly a version
    (``0.13.2``); another tag (``0.13.2-py3.9``) gets a TODO."""
    m = _IMAGE.match(text, start, stop)
    if m is None:
        return None
    return _tag_pin(text, start, stop, m.start("tag"), target)


#: the Pythons ZenML 0.20.x runs on: its client image is tagged ``<version>-py<X.Y>`` for each (0.20's
#: own default parent image is ``zenmldocker/zenml:{zenml_version}-py{python_version}``)
PYTHONS_020 = ("3.7", "3.8", "3.9", "3.10")


def _tag_pin(text: str, start: int, stop: int, at: int, target: str, image: str = "") -> Optional[Pin]:
    """The pin of an image whose tag is ``text[at:stop]`` (``image``: its repository, when the tag
    is written apart from it). A tag that is a version gets the target's; ZenML's client image's
    ``<version>-py<X.Y>`` gets the target's with the same Python (``0.13.2-py3.8`` -> ``0.20.5-py3.8``)."""
    written = text[at:stop]
    tag = _default_of(written)  # ``${ZENML_TAG:-0.13.2}``: that tag unless the variable is set
    version = re.match(r"v?(\d+)\.(\d+)(?:\.\d+)?(?![\d])", tag)
    if version is None or int(version.group(1)) != 0 or int(version.group(2)) >= 20:
        return None
    python = re.fullmatch(r"\d+\.\d+\.\d+-py(\d+\.\d+)", tag)
    repository = image or text[start:at].rstrip(":")
    if re.fullmatch(r"\d+\.\d+\.\d+", tag):
        new, why = target, ""
    elif python and python.group(1) in PYTHONS_020 and not repository.endswith("zenml-server"):
        new, why = f"{target}-py{python.group(1)}", ""
    else:
        new, why = None, f"the tag `{tag}` is more than a version: pick the ZenML {target} image's tag (`:{target}`)"
    if written != tag:
        new, why = None, f"the tag is `{written}`, `{tag}` unless the variable is set: change the default there"
    return Pin(text[start:stop], start, (Clause("==", written, at, stop),), at, stop, new, why, image)


READERS = {
    "dockerfile": dockerfile_images,
    "compose": yaml_images,
    "ci_yaml": yaml_images,
    "container_json": json_images,
    "devcontainer": json_images,
    "pre_commit": pre_commit_requirements,
    "requirements": requirements_txt,
    "conda_env": conda_environment,
    "tox": ini_requirements,
    "pyproject": pyproject_requirements,
    "pipfile": pipfile_requirements,
    "pixi": pyproject_requirements,  # ``pixi.toml``: its ``pypi-dependencies`` tables
    "databricks_job": databricks_libraries,
    "databricks_bundle": bundle_libraries,
    "hcl": hcl_packages,
    "pip_yaml": yaml_requirement_list,
}


def items(kind: str, text: str, name: str = "") -> Sequence[Item]:
    """The requirements of a file of ``kind`` (``name``: its path; a lock file's name says
    which tool re-locks it)."""
    if "zenml" not in text.lower():
        return []
    if kind == "lock":
        return list(lock_requirements(text, name))
    reader = READERS.get(kind)
    return list(reader(text)) if reader is not None else []


# ------------------------------------------------------------------ versions held by a variable
_VARIABLE_VERSION = re.compile(
    r"(?P<ref>\$\{(?P<braced>[A-Za-z_]\w*)\}|\$(?P<plain>[A-Za-z_]\w*)|\$\((?P<make>[A-Za-z_]\w*)\)"
    # a shell/Dockerfile/compose default: ``${ZENML_VERSION:-0.13.2}`` (also ``-`` alone): that version unless set
    r"|\$\{(?P<defaulted>[A-Za-z_]\w*):?-(?P<default>[^${}\s]+)\}"
    # a GitHub workflow's ``${{ matrix.X }}``, ``${{ env.X }}``, a reusable workflow's ``${{ inputs.X }}`` (also
    # ``github.event.inputs.X`` of a manually started one)
    r"|\$\{\{[ \t]*(?:matrix|env|inputs|github\.event\.inputs)\.(?P<ci>[A-Za-z_][\w-]*)[ \t]*\}\}"
    r"|(?<!\$)\{(?P<ipython>[A-Za-z_]\w*)\})"  # a notebook's ``!pip install zenml=={VERSION}`` (a Python variable)
)


def _definitions(text: str, name: str) -> List[Tuple[int, str]]:
    """``(line, value)`` of each place the file sets ``name`` to a plain value: a Dockerfile
    ``ARG``/``ENV``, a shell assignment (``export`` too), a Makefile variable, a CI workflow's
    ``env:``/``matrix:`` key holding one version."""
    n = re.escape(name)
    patterns = (
        rf"^[ \t]*(?:ARG|ENV)[ \t]+{n}(?:=|[ \t]+)[\"']?(?P<v>[^\s\"'\\]+)[\"']?[ \t]*\r?$",
        rf"^[ \t]*(?:export[ \t]+)?{n}=[\"']?(?P<v>[^\s\"';&|]+)[\"']?(?:[ \t;&|#].*)?\r?$",
        # (also a Python assignment: ``VERSION = "0.13.2"  #@param [...]`` in a Colab form)
        rf"^[ \t]*(?:override[ \t]+)?{n}[ \t]*[:?]?=[ \t]*[\"']?(?P<v>[^\s#\"']+)[\"']?[ \t]*(?:#.*)?\r?$",
        # a workflow's ``env:``/``matrix:`` key: ``X: 0.13.2``, ``X: ["0.13.2"]`` (one value)
        rf"^[ \t]*{n}[ \t]*:[ \t]*(?:\[[ \t]*)?[\"']?(?P<v>[0-9][^\s\"',\]#]*)[\"']?(?:[ \t]*\])?[ \t]*(?:#.*)?\r?$",
    )
    out = []
    for pattern in patterns:
        for m in re.finditer(pattern, text, re.M):
            out.append((text.count("\n", 0, m.start()) + 1, m.group("v")))
    return out or _workflow_definitions(text, name)


_JOBS = re.compile(r"^jobs[ \t]*:[ \t]*(?:#.*)?\r?$", re.M)


def _job_scope(text: str, at: int) -> str:
    """A GitHub workflow's ``text`` as the job holding offset ``at`` sees it: the lines of the other
    jobs blanked (their ``env:`` and ``matrix:`` are theirs), line numbers kept."""
    jobs = _JOBS.search(text)
    if jobs is None or at < jobs.end():
        return text
    lines = text[jobs.end() :].split("\n")
    indent = next((len(ln) - len(ln.lstrip(" ")) for ln in lines[1:] if ln.strip() and not ln.lstrip().startswith("#")), 0)
    if indent == 0:
        return text
    out, offset, mine = [], jobs.end(), False
    for ln in lines:
        end = offset + len(ln) + 1
        depth = len(ln) - len(ln.lstrip(" "))
        if ln.strip() and not ln.lstrip().startswith("#"):
            if depth < indent:
                out.append(text[offset:])  # past the jobs: the rest as it is
                return text[: jobs.end()] + "\n".join(out)
            if depth == indent:  # a job's key starts it
                mine = offset <= at < _job_end(text, end, indent)
        out.append(ln if mine or not ln.strip() or depth < indent else "")
        offset = end
    return text[: jobs.end()] + "\n".join(out)


def _job_end(text: str, start: int, indent: int) -> int:
    """The offset where the job whose key line ends at ``start`` ends (the next line at ``indent`` or less)."""
    m = re.compile(rf"^ {{0,{indent}}}(?=[^ \r\n#])", re.M).search(text, start)
    return m.start() if m is not None else len(text)


def _values(text: str, name: str) -> List[Tuple[int, str]]:
    """``_definitions`` that set ``name`` to a value, not to another variable (``_alias``)."""
    values = [(line, _default_of(value)) for line, value in _definitions(text, name)]  # (``${X:-0.13.2}``: its default)
    return [(line, value) for line, value in values if not value.startswith("$")]


def _alias(text: str, name: str) -> Optional[Tuple[int, str, str]]:
    """``(line, reference, its name)`` when the file sets ``name`` to another variable, and only to
    that one: a workflow's ``env:`` key ``NAME: ${{ matrix.zenml }}``, a shell's ``NAME=$OTHER``."""
    n = re.escape(name)
    found = {
        (m.group("ref"), m.group("braced") or m.group("plain") or m.group("make") or m.group("ci")): text.count("\n", 0, m.start()) + 1
        for m in re.finditer(
            rf"^[ \t]*(?:export[ \t]+)?{n}[ \t]*[:=][ \t]*[\"']?{_VARIABLE_VERSION.pattern}[\"']?[ \t]*(?:#.*)?\r?$", text, re.M)
        if m.group("ipython") is None and m.group("defaulted") is None
    }
    if len(found) != 1:
        return None
    (ref, other), line = next(iter(found.items()))
    return (line, ref, other) if other != name else None


def _workflow_definitions(text: str, name: str) -> List[Tuple[int, str]]:
    """``(line, value)`` of each version a GitHub workflow gives ``name`` as a ``strategy: matrix:``
    entry (``name: ["0.12.3", "0.13.2"]``, a block list, an ``include:`` item's ``name:``) or as the
    ``default:`` of a ``workflow_call``/``workflow_dispatch`` input (``inputs: NAME: default: ...``)."""
    if name not in text or ("matrix" not in text and "inputs" not in text):
        return []
    import yaml

    from zenml_migrate.yaml_edit import compose_exact, nodes

    try:
        docs = compose_exact(text)
    except Exception:  # (yaml_edit.Declined, any YAML error: not a workflow this reads)
        return []
    out: List[Tuple[int, str]] = []

    def scalars(node) -> List[yaml.ScalarNode]:
        if isinstance(node, yaml.ScalarNode):
            return [node]
        if isinstance(node, yaml.SequenceNode):
            return [n for n in node.value if isinstance(n, yaml.ScalarNode)]
        return []

    def entries(node) -> Dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            return {}
        return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode) and isinstance(k.value, str)}

    for node in nodes(docs):
        for key, value in entries(node).items():
            found: List[yaml.ScalarNode] = []
            if key == "matrix":
                matrix = entries(value)
                found = scalars(matrix.get(name))
                include = matrix.get("include")
                for item in include.value if isinstance(include, yaml.SequenceNode) else []:
                    found += scalars(entries(item).get(name))
            elif key == "inputs":
                found = scalars(entries(entries(value).get(name)).get("default"))
            out.extend((n.start_mark.line + 1, n.value) for n in found if n.value)
    return sorted(out)


def _default_of(value: str) -> str:
    """The version a shell default gives (``${ZENML_VERSION:-0.13.2}`` -> ``0.13.2``), else ``value``."""
    m = re.fullmatch(r"\$\{[A-Za-z_]\w*:?-([^${}\s]+)\}", value)
    return m.group(1) if m else value


def variable_pin(value: str, kind: str, text: Optional[str], target: str, at: Optional[int] = None) -> Optional[Tuple[Pin, str]]:
    """A requirement word whose version is a variable (``zenml==${ZENML_VERSION}``) the file
    sets to one plain version (``ARG ZENML_VERSION=0.13.2``): ``(pin of the word as written,
    without a fix, why)``; None when the file sets the variable nowhere, to several values, or
    to a version that allows 0.20. ``at``: the word's offset in ``text`` (in a GitHub workflow,
    the variables of the other jobs are not this one's)."""
    if text is None or ("$" not in value and "{" not in value):
        return None
    if at is not None and "jobs:" in text:
        text = _job_scope(text, at)
    m = _VARIABLE_VERSION.search(value)
    if m is None or m.end() != len(value) and value[m.end():].strip():
        return None
    if m.group("defaulted"):
        pin = word_pin(value[: m.start()] + m.group("default"), kind, target)
        if pin is None:
            return None
        why = f"the version is `{m.group('ref')}`, `{m.group('default')}` unless `{m.group('defaulted')}` is set: change the default there"
        return replace(pin, text=value, replacement=None, why_no_fix=why), why
    name = m.group("braced") or m.group("plain") or m.group("make") or m.group("ci") or m.group("ipython")
    ref, places, through = m.group("ref"), _values(text, name), ""
    for _ in range(3):  # ``env: ZENML_VERSION: ${{ matrix.zenml }}``: the variable it is set from, a few steps
        if places:
            break
        alias = _alias(text, name)
        if alias is None:
            return None
        line, ref, name = alias
        places = _values(text, name)
        through += f" (set from `{ref}` on line {line})"
    if not places:
        return None
    # a matrix runs the job with each of its values: one that allows no 0.20 release fails; a variable
    # set in several places: when every value it is set to allows none
    pins = {place: word_pin(value[: m.start()] + place[1], kind, target) for place in places}
    failing = [place for place, pin in pins.items() if pin is not None]
    if not failing or (len(failing) < len(pins) and "matrix." not in ref):
        return None
    where = ", ".join(f"`{version}` on line {line}" for line, version in failing)
    shown = m.group("braced") or m.group("plain") or m.group("make") or m.group("ci") or m.group("ipython")
    why = f"the version is `{shown}`{through}, set to {where}: set it there"
    return replace(pins[failing[0]], text=value, replacement=None, why_no_fix=why), why
