"""Reading files the way Python does: encoding cookie, BOM, newline style (notebooks:
``migrate/scan/notebook.py``)."""

import codecs
import io
import re
import tokenize
from dataclasses import dataclass


_KEPT_BYTE = re.compile("[\udc80-\udcff]")


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
    errors: str = "strict"  # "surrogateescape": bytes that are not text kept as they were (a shell script)


def decode_python(data: bytes) -> PySource:
    try:
        encoding, first = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        if b"coding" not in b"\n".join(data.split(b"\n", 2)[:2]):
            raise _not_utf8(data) from None  # no declaration: the first lines are not UTF-8
        line = 2 if data.count(b"\n", 0, data.find(b"coding")) >= 1 else 1
        raise SourceError(f"bad encoding declaration ({exc}); fix the `# -*- coding: ... -*-` comment; file skipped", line) from None
    bom = data.startswith(codecs.BOM_UTF8)
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    raw = data[len(codecs.BOM_UTF8) :] if bom else data
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        start = getattr(exc, "start", 0)
        line_start = raw.rfind(b"\n", 0, start) + 1
        declared = any(_COOKIE.match(line) for line in first)  # it said "declare its encoding" to a file that did
        raise SourceError(
            f"not valid {encoding} text (byte {start + (3 if bom else 0)} of the file)"
            + (f"; its `# -*- coding: ... -*-` comment says {encoding}: declare its encoding correctly there, or convert the file to UTF-8"
               if declared else
               "; convert the file to UTF-8 or declare its encoding with a `# -*- coding: ... -*-` comment")
            + "; file skipped",
            raw[:start].count(b"\n") + 1,
            _column(raw[line_start:start], encoding),
        ) from None
    return PySource(text, encoding, bom, _newline_of(text))


def _column(before: bytes, encoding: str) -> int:
    """The 1-based column, in characters, after the bytes ``before`` of a line."""
    try:
        return len(before.decode(encoding, "replace")) + 1
    except LookupError:
        return len(before) + 1


#: a coding declaration, as ``tokenize`` reads it (PEP 263)
_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+")


def _not_utf8(data: bytes) -> SourceError:
    """A file with no encoding declaration whose bytes are not UTF-8 (what Python reads then)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return SourceError("UTF-16 text (it starts with a UTF-16 byte order mark) and Python reads source as UTF-8; "
                           "re-save the file as UTF-8; file skipped")
    try:
        data.decode("utf-8")
        start = 0
    except UnicodeDecodeError as exc:
        start = exc.start
    return SourceError(
        f"not valid UTF-8 text (byte {start} of the file: binary data?) and no `# -*- coding: ... -*-` comment; "
        "convert the file to UTF-8 or declare its encoding (or exclude the file); file skipped",
        data[:start].count(b"\n") + 1,
        start - (data.rfind(b"\n", 0, start) + 1) + 1,
    )


_BOMS = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


def encode_python(source: PySource, text: str) -> bytes:
    data = text.encode(source.encoding, source.errors)
    return _BOMS[source.encoding] + data if source.bom else data


def decode_bytes_text(data: bytes) -> PySource:
    """A text file run as bytes (a shell script, Makefile, Dockerfile, PowerShell script): UTF-8,
    UTF-16 with a BOM (Windows PowerShell 5's ``Out-File``), else UTF-8 with the bytes that are
    not UTF-8 kept as they are (``surrogateescape``: a latin-1 comment in a script that bash
    runs); written back byte for byte."""
    for encoding in ("utf-16-le", "utf-16-be"):
        if data.startswith(_BOMS[encoding]):
            try:
                return PySource(data[2:].decode(encoding), encoding, True)
            except UnicodeDecodeError:
                break  # not UTF-16 after all (an odd first byte pair): bytes kept below
    bom = data.startswith(codecs.BOM_UTF8)
    raw = data[len(codecs.BOM_UTF8) :] if bom else data
    try:
        return PySource(raw.decode("utf-8"), "utf-8", bom)
    except UnicodeDecodeError:
        return PySource(raw.decode("utf-8", "surrogateescape"), "utf-8", bom, errors="surrogateescape")


def shown_text(text: str) -> str:
    """``text`` as printed: a byte kept by ``surrogateescape`` shown as U+FFFD (one character
    for one, so columns stay)."""
    return _KEPT_BYTE.sub("\ufffd", text) if _KEPT_BYTE.search(text) else text


def _newline_of(text: str) -> str:
    i = text.find("\n")
    if i > 0 and text[i - 1] == "\r":
        return "\r\n"
    if i == -1 and "\r" in text:
        return "\r"
    return "\n"
