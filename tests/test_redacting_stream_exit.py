"""The stream that masks secrets in `migrate profiles` output ends quietly: closed by garbage
collection over a closed stream (a test runner's buffer) or a pipe whose reader is gone, it printed
"Exception ignored in: <_RedactingStream ...> ValueError: I/O operation on closed file" (seen at
the end of the quick suite on Python 3.13)."""

import gc
import io
import sys

from zenml_migrate.redact import REDACTOR, _RedactingStream


class _GonePipe(io.StringIO):
    def flush(self):
        raise BrokenPipeError(32, "Broken pipe")

    def write(self, text):
        raise BrokenPipeError(32, "Broken pipe")


def _collected_quietly(inner) -> list:
    seen = []
    hook, sys.unraisablehook = sys.unraisablehook, seen.append
    try:
        stream = _RedactingStream(inner, REDACTOR)
        stream.write("no newline yet")
        del stream
        gc.collect()
    finally:
        sys.unraisablehook = hook
    return seen


def test_a_closed_inner_stream_is_not_an_error_at_collection():
    inner = io.StringIO()
    inner.close()
    assert _collected_quietly(inner) == []


def test_a_broken_pipe_is_not_an_error_at_collection():
    assert _collected_quietly(_GonePipe()) == []


def test_closing_over_a_closed_or_broken_stream_does_not_raise():
    """What garbage collection does: Python 3.13 reports the error (3.11 dropped it in silence)."""
    closed = io.StringIO()
    closed.close()
    for inner in (closed, _GonePipe()):
        stream = _RedactingStream(inner, REDACTOR)
        stream.write("no newline yet")
        stream.close()
        assert stream.closed


def test_text_still_reaches_an_open_stream():
    inner = io.StringIO()
    stream = _RedactingStream(inner, REDACTOR)
    stream.write("a line\nand a rest")
    stream.flush()
    assert inner.getvalue() == "a line\nand a rest"
