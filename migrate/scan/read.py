"""Reading files for the scan: one ``os.read`` per file, and every I/O failure as a diagnostic that names the problem and what to do about it."""

import errno
import os
import stat
from dataclasses import replace
from typing import List, Optional

from zenml_migrate.findings import FIX_WRITES, FOR_020_WRITE, NO_FIX_HERE, Diagnostic, Finding, unresolved_message

READ_ERROR_HINT = "check the file's permissions, or exclude it in [tool.zenml-migrate] exclude"

MB = 1 << 20
#: the parser takes about 100 bytes of memory per byte of dense Python (a 200 MB module took
#: 22 GB and minutes): a bigger file that mentions zenml is reported, not parsed
MAX_PARSE_BYTES = 10 * MB
#: a file is not even read above this (a notebook's outputs may be large; its code cells are parsed)
MAX_READ_BYTES = 64 * MB
#: LibCST takes about 15 s and 700 MB per MB of Python: the rewriter takes no more code than
#: this (a notebook: its code cells; its JSON is mostly outputs). What the scan finds in a
#: bigger file has no automatic fix (``not_rewritten``), so scan and ``--fix`` agree
MAX_REWRITE_BYTES = 2 * MB


def too_large_to_rewrite(size: int, what: str = "") -> Optional[str]:
    """Why a file of ``size`` bytes (``what``: " of code" for a notebook's cells) is not
    rewritten, or None."""
    if size <= MAX_REWRITE_BYTES:
        return None
    return f"too large for the rewriter: {size / MB:.1f} MB{what}, the limit is {MAX_REWRITE_BYTES // MB} MB"


def not_rewritten(findings: List[Finding], size: int, what: str = "") -> List[Finding]:
    """``findings`` of a file of ``size`` bytes (``what``: as ``too_large_to_rewrite``): when the rewriter does not take it,
    none has a fix and each says why (``migrate code --fix`` only marks them with TODO lines;
    the scan said "fixable" while ``--fix`` refused the file)."""
    why = too_large_to_rewrite(size, what)
    return findings if why is None else without_fix(findings, why)


def without_fix(findings: List[Finding], why: str) -> List[Finding]:
    """``findings`` of a file ``migrate code`` does not rewrite: none has a fix, each says ``why``
    (and what it says the fix writes becomes what to write)."""
    return [
        f if f.fix is None and f.resolved_by is None
        else replace(f, fix=None, needs=None, resolved_by=None, edits=(),
                     message=f"{unresolved_message(f.message).split(NO_FIX_HERE, 1)[0].replace(FIX_WRITES, FOR_020_WRITE)}{NO_FIX_HERE}{why})")
        for f in findings
    ]


def parse_limit(kind: str) -> int:
    """The largest file of ``kind`` the scan parses (a notebook: its JSON, mostly outputs)."""
    return MAX_READ_BYTES if kind == "ipynb" else MAX_PARSE_BYTES


def too_large_error(path: str, size: int, limit: int) -> Diagnostic:
    return Diagnostic(path, f"too large to scan ({size / MB:.0f} MB, the limit is {limit // MB} MB): "
                            "a generated file? exclude it in [tool.zenml-migrate] exclude, or split it")

_O_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)


def read_file(path: str, size: int = -1) -> bytes:
    """Whole file with one os.read when the size is known (no buffered-IO object per file)."""
    fd = os.open(path, _O_FLAGS)
    try:
        if size < 0:
            size = os.fstat(fd).st_size
        chunks = [os.read(fd, size + 1)]
        if len(chunks[0]) > size:  # grew since stat: read the rest (a file that keeps growing: up to the cap)
            total = len(chunks[0])
            while True:
                more = os.read(fd, 1 << 20)
                if not more:
                    break
                total += len(more)
                if total > MAX_READ_BYTES:
                    from zenml_migrate.safe_read import FileTooLarge

                    raise FileTooLarge(path, total, MAX_READ_BYTES)
                chunks.append(more)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def read_error(path: str, exc: OSError) -> Diagnostic:
    if exc.errno == errno.ELOOP:
        what = "symbolic link loop"
        todo = "fix or remove the link"
    elif exc.errno == errno.EISDIR:
        what = "a directory where a file is expected"
        todo = "rename it or exclude it in [tool.zenml-migrate] exclude"
    elif exc.errno == errno.ENOENT:
        what = "dangling symbolic link" if os.path.islink(path) else "file vanished during the scan"
        todo = "fix or remove the link" if os.path.islink(path) else "re-run the scan"
    else:
        what = exc.strerror or str(exc)
        todo = READ_ERROR_HINT
    return Diagnostic(path, f"cannot read: {what}; {todo}")


def not_regular_error(path: str, st: os.stat_result):
    """The diagnostic for something that is not a regular file (None for a regular file)."""
    if stat.S_ISREG(st.st_mode):
        return None
    if os.path.isdir(path):
        return read_error(path, IsADirectoryError(errno.EISDIR, "Is a directory"))
    return Diagnostic(path, "not a regular file (FIFO, socket or device); exclude it")

