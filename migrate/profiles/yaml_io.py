"""Reading legacy files safely: every failure becomes an ``InputError`` naming the file
(and line) and what to do. Never a traceback for a user's file.

YAML is parsed with the tool's one loader (``zenml_migrate.yaml_load``: PyYAML's C loader, a
config dir of 5,000 component files must be read in well under a second), with duplicate keys
rejected and the line of every mapping key kept.
"""

import errno
import os
from typing import Dict, Optional

import yaml

from zenml_migrate.profiles.model import Origin, Problem
from zenml_migrate.safe_read import CONFIG_CAP, FileTooLarge, NotRegularFile, check_regular, read_regular
from zenml_migrate.yaml_load import DuplicateKey, load, refused_character


class InputError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def fail(path: str, message: str, hint: str, line: Optional[int] = None, item: Optional[str] = None) -> InputError:
    return InputError(Problem(Origin(path, line), message, hint, item))


def read_bytes(path: str, what: str = "file") -> bytes:
    """The bytes of a regular file under the size cap, or an InputError saying why it cannot be read."""
    try:
        return read_regular(path, CONFIG_CAP)
    except OSError as e:
        raise _os_error(path, e, what)


def check_readable(path: str, what: str = "file") -> None:
    """Raise the InputError ``read_bytes`` would, without reading (for a database opened by SQLite)."""
    try:
        check_regular(path, None)
        with open(path, "rb"):
            pass
    except OSError as e:
        raise _os_error(path, e, what)


def _os_error(path: str, e: OSError, what: str) -> InputError:
    if isinstance(e, NotRegularFile) and e.kind != "a directory":
        return fail(path, f"{e.kind} where a {what} belongs", "replace it with the real file, or remove it")
    if isinstance(e, FileTooLarge):
        return fail(path, f"the {what} is {e.strerror}", "check that it is the right file")
    if e.errno == errno.ELOOP:
        return fail(path, f"symlink loop: the {what} cannot be opened", "replace the symlink by the real file")
    if e.errno == errno.EISDIR or os.path.isdir(path):
        return fail(path, f"is a directory where a {what} belongs", "remove or rename the directory")
    if e.errno in (errno.EACCES, errno.EPERM):
        return fail(path, f"the {what} is not readable (permission denied)", f"make it readable: chmod u+r {path}")
    if e.errno == errno.ENOENT:
        return fail(path, f"the {what} does not exist", "restore it, or remove what refers to it")
    return fail(path, f"cannot read the {what}: {e.strerror}", "check the file")


def read_text(path: str, what: str = "file") -> str:
    data = read_bytes(path, what)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        column = len(data[data.rfind(b"\n", 0, e.start) + 1 : e.start].decode("utf-8", "replace")) + 1
        raise fail(
            path,
            f"not UTF-8: byte 0x{data[e.start]:02x} in column {column} cannot be decoded",
            "ZenML writes UTF-8; re-save the file as UTF-8",
            line,
        )


def load_yaml(path: str, what: str = "YAML file", expect_mapping: bool = True):
    """Parse one YAML file; mappings come back as ``yaml_load.LineDict``."""
    return parse_yaml(read_text(path, what), path, what, expect_mapping)


def parse_yaml(text: str, path: str, what: str = "YAML file", expect_mapping: bool = True):
    try:
        data = load(text)
    except DuplicateKey as d:
        raise fail(path, f"duplicate key {d.key!r} (first on line {d.first})", "keep one of the two entries", d.line)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark is not None else None
        detail = " ".join(x for x in (e.context, e.problem) if x)
        if mark is not None and mark.index >= len(text.rstrip()) - 1:
            detail += " (the file looks truncated)"
        raise fail(path, f"invalid YAML: {detail}", f"fix the {what} (or restore it from a backup)", line)
    except yaml.YAMLError as e:
        where = refused_character(text, e)
        if where is not None:  # a NUL byte, a control character: never the text (it may be a credential)
            line, column, code = where
            raise fail(path, f"invalid YAML: the character U+{code:04X} in column {column} is not allowed in YAML (binary data?)",
                       f"remove it, or restore the {what} from a backup", line)
        raise fail(path, f"invalid YAML ({type(e).__name__})", f"fix the {what}")
    except RecursionError:
        raise fail(path, "invalid YAML: nested too deeply", f"fix the {what}")
    problem = structure_problem(data)
    if problem:
        raise fail(path, f"unusable YAML: {problem}", f"fix the {what} (or restore it from a backup)")
    if expect_mapping:
        if data is None:
            raise fail(path, f"the {what} is empty", "restore it from a backup, or remove it")
        if not isinstance(data, dict):
            raise fail(path, f"the {what} must hold a mapping, found {type(data).__name__}", f"fix the {what}", 1)
    return data


#: beyond this a YAML document is not a ZenML config but an alias bomb or a nesting attack
MAX_NODES = 1_000_000
MAX_DEPTH = 200


def structure_problem(data) -> Optional[str]:
    """Why a parsed document cannot be used (None: fine): a cycle (``&a [*a]``), nesting deeper
    than ``MAX_DEPTH``, or more than ``MAX_NODES`` values once aliases are expanded (a "billion
    laughs" document is tiny on disk and parsed lazily, but anything that walks it never ends)."""
    sizes: Dict[int, int] = {}
    active = set()
    stack = [(data, 0, False)]
    while stack:
        node, depth, done = stack.pop()
        if not isinstance(node, (dict, list)):
            continue
        key = id(node)
        children = list(node.values()) + list(node.keys()) if isinstance(node, dict) else node
        if done:
            active.discard(key)
            sizes[key] = 1 + sum(sizes.get(id(c), 1) for c in children)
            if sizes[key] > MAX_NODES:
                return f"more than {MAX_NODES:,} values once its aliases are expanded"
            continue
        if key in sizes:
            continue
        if key in active:
            return "an alias refers to a mapping or list that contains it (a cycle)"
        if depth > MAX_DEPTH:
            return f"nested more than {MAX_DEPTH} levels deep"
        active.add(key)
        stack.append((node, depth, True))
        stack.extend((c, depth + 1, False) for c in children if isinstance(c, (dict, list)))
    return None


def line_of(data, key) -> Optional[int]:
    lines = getattr(data, "lines", None)
    if lines is not None and key in lines:
        return lines[key]
    return getattr(data, "line", None)


def mapping(data, key, path: str, what: str) -> Dict:
    """``data[key]`` that must be a mapping (or missing / null: empty)."""
    value = data.get(key) if isinstance(data, dict) else None
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise fail(path, f"{what} must be a mapping, found {type(value).__name__}", "fix the file", line_of(data, key))
    return value
