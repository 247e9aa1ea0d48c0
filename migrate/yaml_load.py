"""The YAML loaders of the tool, all PyYAML: safe constructors only (nothing in a user's file
is ever executed), duplicate keys rejected, and the line and column of every mapping key kept.
The profile readers (``profiles/yaml_io``) read with ``Loader`` (the C parser: a config dir of
5,000 component files in well under a second); the scan of run configs and CI files
(``scan/yaml_scan``) and the YAML rewrites with ``RunConfigLoader`` (the Python parser, as
ZenML reads a run config); the rewrites edit spans located from that parser's node marks
(``yaml_edit``), so the untouched bytes stay as written.

PyYAML reads YAML 1.1 as ZenML 0.13.2 and 0.20 do (``yes``/``on`` are booleans, ``0755`` is
493): a file means to the tool what it means to ZenML.
"""

from typing import Optional, Tuple

import yaml

Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
try:
    from yaml.cyaml import CParser as _CParser  # libyaml (what ``Loader`` is built on when present)
except ImportError:  # PyYAML without libyaml
    _CParser = None


class LineDict(dict):
    """A mapping that remembers the line of each key (1-based), its column (1-based; None from
    ``Loader``: the profile readers use only lines) and its own line."""

    __slots__ = ("lines", "columns", "line")


class DuplicateKey(Exception):
    def __init__(self, key, line, first, column=1):
        super().__init__(f"duplicate key {key!r} on line {line} (first on line {first})")
        self.key, self.line, self.first, self.column = key, line, first, column


class Loader(Base):  # type: ignore[misc, valid-type]
    keep_columns = False
    later_key_wins = False  # a duplicate key is an error (``DuplicateKey``), as ZenML's loader of a run config says


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.lines = lines = {}
    out.columns = columns = {} if loader.keep_columns else None  # the profile readers need none: 5,000 files
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(None, None, "unhashable mapping key", key_node.start_mark)
        if key in out and not loader.later_key_wins:
            mark = key_node.start_mark
            raise DuplicateKey(key, mark.line + 1, lines[key], mark.column + 1)
        out[key] = loader.construct_object(value_node, deep=deep)
        lines[key] = key_node.start_mark.line + 1
        if columns is not None:
            columns[key] = key_node.start_mark.column + 1
    return out


Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class RunConfigLoader(yaml.SafeLoader):
    """The loader of run configs and CI files (the scan, the YAML rewrites): PyYAML's Python
    parser, the one ZenML's ``yaml.safe_load`` reads a run config with (the C parser accepts a
    few files it refuses, e.g. a tab before a comment), ``LineDict`` mappings, and a node with
    a tag it does not know (``!Ref Bucket``, a CloudFormation or Kubernetes tag,
    ``!!python/object:...``) read as the plain string, list or mapping it holds: never
    constructed as what the tag names (the profile readers refuse such tags, ZenML never
    writes them)."""

    keep_columns = True
    later_key_wins = False


class TemplateLoader(RunConfigLoader):
    """A Helm chart template with its ``{{ ... }}`` actions masked (``yaml_scan.template_masked``):
    the branches of an ``if``/``else`` may set the same key (``apiVersion``); the later one wins."""

    later_key_wins = True


def _construct_untagged(loader, suffix, node):
    if isinstance(node, yaml.MappingNode):
        return _construct_mapping(loader, node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


RunConfigLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
RunConfigLoader.add_multi_constructor("", _construct_untagged)


def load(text: str):
    """The one document of ``text`` (mappings as ``LineDict``)."""
    return yaml.load(text, Loader=Loader)  # noqa: S506 - a SafeLoader subclass


def load_all(text: str, run_config: bool = False, template: bool = False) -> list:
    """Every document of ``text`` (mappings as ``LineDict``; ``run_config``: see ``RunConfigLoader``,
    ``template``: ``TemplateLoader``)."""
    loader = TemplateLoader if template else RunConfigLoader if run_config else Loader
    return list(yaml.load_all(text, Loader=loader))  # noqa: S506 - SafeLoader subclasses


def refused_character(text: str, exc: BaseException, loader=Loader) -> Optional[Tuple[int, int, int]]:
    """(line, column, character code) of the character the YAML reader of ``loader`` refused in
    ``text`` (a ``ReaderError``: a NUL byte, a control character: binary data), or None. It
    said "invalid YAML (ReaderError)" with no place. The C parser counts the position in UTF-8
    bytes, the Python one in characters. Never the text itself: it may be a credential."""
    pos, code = getattr(exc, "position", None), getattr(exc, "character", None)
    if not isinstance(pos, int) or not isinstance(code, int) or pos < 0:
        return None
    if _CParser is not None and issubclass(loader, _CParser):
        data = text.encode("utf-8", "surrogatepass")
        if pos > len(data):
            return None
        pos = len(data[:pos].decode("utf-8", "replace"))
    if pos > len(text):
        return None
    return text.count("\n", 0, pos) + 1, pos - text.rfind("\n", 0, pos), code
