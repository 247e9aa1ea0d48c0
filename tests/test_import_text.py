"""``cross_file.import_text``: the lines of a file without zenml through which it can reach another
module (phase B searches them for the project's legacy modules). A cold scan runs it on every
such file (20,000 on the benchmark's tree), so it is written with bytes methods only; these are
the cases its loop handles."""

from zenml_migrate.scan.cross_file import import_text


def test_lines_holding_import_with_their_continuations():
    cases = {
        b"import a\\\n  b, c\nx = 1\n": b"import a\\\n  b, c",  # a backslash continuation
        b"import a \\\n\\\nb\nc\n": b"import a \\\n\\\nb",  # two of them
        b"from x import (\n a,\n b)\ny = 2\n": b"from x import (\n a,\n b",  # up to the closing parenthesis
        b"from m import (a\n": b"from m import (a\n",  # never closed: the rest of the file
        b"f(x) import y\nz\n": b"f(x) import y",  # a line with both parentheses: that line only
        b"x = (import_it\n1)\n": b"x = (import_it\n1",  # over-approximate: any ``import`` counts
        b"a\r\nimport b\r\nc\r\n": b"import b\r",
        b"import os\nx = 1\nimport json\n": b"import os\nimport json",
        b"nothing here\n": b"",
        b"": b"",
        b"import": b"import",
    }
    for data, expected in cases.items():
        assert import_text(data) == expected, data
