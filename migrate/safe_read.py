"""Reading an input file without hanging or exhausting memory: regular files only, with a cap.

A FIFO where a config file belongs blocks ``open()`` forever, a link to ``/dev/zero`` or
``/dev/urandom`` never ends, a multi-GB file fills memory. ``read_regular`` refuses all of
them before reading a byte: the path is ``stat``-ed first (a device is never opened), opened
non-blocking, checked again on the open descriptor (no swap in between), and read up to the
cap. Errors are ``OSError`` subclasses, so every caller's existing ``except OSError`` handling
turns them into its usual one-line message (``strerror`` says what is wrong).
"""

import errno
import os
import stat

MB = 1 << 20
#: default cap for config-like inputs (the largest real 0.13.2 store file is a few MB)
CONFIG_CAP = 64 * MB

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


class NotRegularFile(OSError):
    """The path is a FIFO, a device, a socket or a directory."""

    def __init__(self, path: str, kind: str):
        code = errno.EISDIR if kind == "a directory" else errno.EINVAL
        super().__init__(code, f"not a regular file ({kind})", path)
        self.kind = kind


class FileTooLarge(OSError):
    """The file is larger than the cap the reader accepts."""

    def __init__(self, path: str, size: int, cap: int):
        super().__init__(errno.EFBIG, f"larger than the {describe_size(cap)} this tool reads ({describe_size(size)})", path)
        self.size = size
        self.cap = cap


def describe_size(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n} bytes"


def file_kind(mode: int) -> str:
    """``stat`` mode -> "a regular file", "a FIFO", "a character device", ..."""
    for test, kind in (
        (stat.S_ISREG, "a regular file"),
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "a special file"


def check_regular(path: str, cap: int = CONFIG_CAP) -> os.stat_result:
    """``stat`` of ``path`` (following links) when it is a regular file within ``cap``; else raise."""
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise NotRegularFile(path, file_kind(st.st_mode))
    if cap is not None and st.st_size > cap:
        raise FileTooLarge(path, st.st_size, cap)
    return st


def read_regular(path: str, cap: int = CONFIG_CAP) -> bytes:
    """The bytes of the regular file ``path`` (at most ``cap``), or an ``OSError`` saying why not."""
    check_regular(path, cap)  # never open a FIFO or a device
    fd = os.open(path, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)  # the file we opened, not the one we stat-ed
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(path, file_kind(st.st_mode))
        limit = cap if cap is not None else st.st_size
        if st.st_size > limit:
            raise FileTooLarge(path, st.st_size, limit)
        want = st.st_size + 1  # a short read of a regular file means end of file
        chunks = []
        total = 0
        while True:
            chunk = os.read(fd, min(want, 4 * MB))
            total += len(chunk)
            if cap is not None and total > cap:  # it grew while we read
                raise FileTooLarge(path, total, cap)
            if chunk:
                chunks.append(chunk)
            if len(chunk) < min(want, 4 * MB):
                break
            want = max(want - len(chunk), 1 << 16)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_stdin(stream, cap: int) -> bytes:
    """All of ``stream`` (stdin's binary buffer), or ``FileTooLarge`` past ``cap`` bytes (a pipe
    from /dev/zero ends here, not when memory runs out)."""
    chunks, total = [], 0
    while True:
        chunk = stream.read(min(4 * MB, cap + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > cap:
            raise FileTooLarge("-", total, cap)


def file_sha256(path) -> str:
    """Hex SHA-256 of a file's bytes, read in 1 MB chunks (stores and bundles can be large)."""
    import hashlib  # here: loading OpenSSL costs every command ~2 ms at start-up

    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(MB), b""):
            h.update(chunk)
    return h.hexdigest()
