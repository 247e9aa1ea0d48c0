"""New-text line numbers back to the file on disk (what `migrate code` lists for a human)."""

from zenml_migrate.fix.line_map import LineMap

OLD = "import a\nfrom zenml.x import Y\n\nY()\nz = 1\nprint(z)\n"


def test_untouched_lines_map_exactly_past_added_lines():
    new = "import a\nfrom zenml.x import Y\nfrom zenml.client import Client\n\nY()\n# TODO(zenml-migrate): ZM308 ...\nz = 1\nprint(z)\n"
    m = LineMap(OLD, new)
    assert [m.old_line(n) for n in (1, 2, 4, 5, 7, 8)] == [1, 2, 3, 4, 5, 6]
    assert m.old_line(6) == 5  # the TODO belongs to the line below it
    assert m.old_line(3) == 3  # an added import: the line after it


def test_rewritten_lines_map_into_the_block_they_replace():
    new = "import a\nfrom zenml.y import Y2\n\nY2(\n    x=1,\n)\nz = 1\nprint(z)\n"
    m = LineMap(OLD, new)
    assert m.old_line(2) == 2 and m.old_line(4) == 4 and m.old_line(5) == 4 and m.old_line(6) == 4
    assert m.old_line(7) == 5 and m.old_line(8) == 6


def test_crlf_and_identical_texts():
    crlf = OLD.replace("\n", "\r\n")
    assert [LineMap(crlf, crlf).old_line(n) for n in range(1, 7)] == [1, 2, 3, 4, 5, 6]
