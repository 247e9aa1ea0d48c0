"""Reading files the way Python does: encoding cookie, BOM, newline style; notebooks."""

import codecs
import io
import json
import re
import tokenize
from dataclasses import dataclass, field
from typing import List, Optional, Tuple


class SourceError(Exception):
    """A file we cannot read as source; ``line``/``column`` when known."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


@dataclass
class PySource:
    """Decoded Python text plus what is needed to write it back byte-for-byte."""

    text: str
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"


def decode_python(data: bytes) -> PySource:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        line = 2 if data.count(b"\n", 0, data.find(b"coding")) >= 1 else 1
        raise SourceError(f"bad encoding declaration ({exc}); fix the `# -*- coding: ... -*-` comment; file skipped", line) from None
    bom = data.startswith(codecs.BOM_UTF8)
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    raw = data[len(codecs.BOM_UTF8) :] if bom else data
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        line = raw[: getattr(exc, "start", 0)].count(b"\n") + 1
        raise SourceError(
            f"not valid {encoding} text (byte {getattr(exc, 'start', 0) + (3 if bom else 0)} of the file); convert the file to "
            f"UTF-8 or declare its encoding with a `# -*- coding: ... -*-` comment; file skipped",
            line,
        ) from None
    return PySource(text, encoding, bom, _newline_of(text))


def encode_python(source: PySource, text: str) -> bytes:
    data = text.encode(source.encoding)
    return codecs.BOM_UTF8 + data if source.bom else data


def _newline_of(text: str) -> str:
    i = text.find("\n")
    if i > 0 and text[i - 1] == "\r":
        return "\r\n"
    if i == -1 and "\r" in text:
        return "\r"
    return "\n"


_MAGIC = re.compile(r"^(\s*)([%!?]|\w+\s*\?$)")


@dataclass
class Notebook:
    """Code cells of an .ipynb joined into one module, with a map back to cells."""

    data: dict
    text: str
    # for each line of ``text`` (0-based): (cell number 1-based, line in cell 1-based), or None
    line_map: List[Optional[Tuple[int, int]]] = field(default_factory=list)
    cell_indexes: List[int] = field(default_factory=list)  # positions of code cells in data["cells"]


def read_notebook(data: bytes) -> Notebook:
    try:
        nb = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        line = getattr(exc, "lineno", 1)
        raise SourceError(f"not a valid notebook (JSON: {exc}); repair it or re-save it from Jupyter; file skipped", line) from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise SourceError("not a valid notebook (no 'cells' list; nbformat 4 is expected); re-save it from Jupyter; file skipped")
    chunks, line_map, indexes = [], [], []
    number = 0
    for pos, cell in enumerate(nb["cells"]):
        if not isinstance(cell, dict):
            raise SourceError(f"not a valid notebook (cell {pos + 1} is not an object); re-save it from Jupyter; file skipped")
        number += 1
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        indexes.append(pos)
        lines = source.split("\n")
        for i, line in enumerate(lines):
            # IPython magics and shell escapes are not Python: keep the line count, hide the text
            magic = _MAGIC.match(line)
            chunks.append(magic.group(1) + "pass  # " + line.strip() if magic else line)
            line_map.append((number, i + 1))
        chunks.append("")
        line_map.append(None)
    return Notebook(nb, "\n".join(chunks), line_map, indexes)
