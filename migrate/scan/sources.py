"""Reading files the way Python does: encoding cookie, BOM, newline style (notebooks:
``migrate/scan/notebook.py``)."""

import codecs
import io
import tokenize
from dataclasses import dataclass


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
