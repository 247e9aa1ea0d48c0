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

import yaml

Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
        if key in out:
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


def load_all(text: str, run_config: bool = False) -> list:
    """Every document of ``text`` (mappings as ``LineDict``; ``run_config``: see ``RunConfigLoader``)."""
    return list(yaml.load_all(text, Loader=RunConfigLoader if run_config else Loader))  # noqa: S506 - SafeLoader subclasses
