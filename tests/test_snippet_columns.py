"""Carets (``full``) and marks (``html``) stand under the flagged code on every line: lines
whose secret-looking values are masked (another length), tabs, wide East Asian characters,
control characters (escaped, never sent raw to a terminal)."""

import html
import json
import re

import pytest

from tests.scan_helpers import migrate, write_tree
from zenml_migrate.output.source import Display, shown_column

SECRET = "abcdefghijklmnopqrstuvwxyz0123456789"
SOURCE = (
    "from zenml.repository import Repository\n"
    f'x = dict(api_token="{SECRET}", r=Repository())\n'
    "if 1:\n"
    "\ty = 1 if Repository() else 2\n"
    '名前 = "日本"; r = Repository()\n'
    "z = 1;\tw = Repository()\n"
    "v = '\x0c'; u = Repository()\n"
)


def _caret_columns(out: str):
    """{line number: (screen column of the shown line's text under the carets, shown line)}."""
    found, last = {}, None
    for line in out.splitlines():
        m = re.match(r"^(\d+) \| (.*)$", line)
        if m:
            last = (int(m[1]), m[2])
            continue
        m = re.match(r"^\s+\| ( *)(\^+) ZM108$", line)
        if m and last:
            found[last[0]] = (len(m[1]), len(m[2]), last[1])
    return found


def _screen(text: str, start_cells: int, n_cells: int) -> str:
    """The characters of ``text`` shown in screen cells [start, start + n)."""
    from unicodedata import east_asian_width

    out, at = [], 0
    for ch in text:
        w = 2 if east_asian_width(ch) in ("W", "F") else 1
        if start_cells <= at < start_cells + n_cells:
            out.append(ch)
        at += w
    return "".join(out)


@pytest.fixture
def tree(tmp_path):
    return write_tree(tmp_path, {"c.py": SOURCE})


def test_full_carets_stand_under_the_flagged_name_on_masked_tab_wide_and_control_lines(tree):
    run = migrate(["scan", "--no-cache", "--format", "full", "c.py"], tree)
    assert SECRET not in run.out
    carets = _caret_columns(run.out)
    assert sorted(carets) == [1, 2, 4, 5, 6, 7]
    for n, (start, width, shown) in carets.items():
        assert _screen(shown, start, width) == "Repository", (n, shown, start)
    assert carets[2][2] == "x = dict(api_token=********, r=Repository())"
    assert carets[6][2] == "z = 1;  w = Repository()"  # the tab goes to the next tab stop
    assert carets[7][2] == "v = '\\x0c'; u = Repository()"  # a form feed is shown escaped
    assert "\x0c" not in run.out


def test_html_marks_the_flagged_name_on_a_masked_line(tree):
    page = migrate(["scan", "--no-cache", "--format", "html", "c.py"], tree).out
    assert SECRET not in page
    marks = re.findall(r"<mark class=\"safe\">(.*?)</mark>", page)
    assert [html.unescape(m) for m in marks] == ["Repository"] * 6
    assert "x = dict(api_token=********, r=<mark class=\"safe\">Repository</mark>())" in page


def test_notebook_cell_caret_on_a_masked_line(tmp_path):
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                     "source": ["from zenml.repository import Repository\n", f"c = dict(password='{SECRET}', r=Repository())\n"]}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    write_tree(tmp_path, {"n.ipynb": json.dumps(nb)})
    run = migrate(["scan", "--no-cache", "--format", "full", "n.ipynb"], tmp_path)
    assert SECRET not in run.out
    start, width, shown = _caret_columns(run.out)[2]
    assert _screen(shown, start, width) == "Repository"


def test_shown_column_maps_around_and_inside_masked_parts():
    raw, shown = 'a(token="s3cr3t-value", b=Q)', "a(token=********, b=Q)"
    assert shown_column(raw, shown, 0) == 0
    assert shown_column(raw, shown, raw.index("Q")) == shown.index("Q")
    assert shown_column(raw, shown, raw.index("Q") + 1, end=True) == shown.index("Q") + 1
    inside = raw.index("s3cr3t")
    assert shown_column(raw, shown, inside) == shown.index("*")  # the start of the mask
    assert shown_column(raw, shown, inside, end=True) == shown.index(",")  # its end
    long_raw = raw + " " * 5000 + "Q"
    long_shown = shown + " " * 5000 + "Q"
    assert shown_column(long_raw, long_shown, len(long_raw) - 1) == len(long_shown) - 1  # no quadratic alignment


def test_display_cells_of_tabs_wide_combining_and_control_characters():
    d = Display("\tx名e\u0301\x1bZ")
    assert d.text == "    x名e\u0301\\x1bZ"
    assert [d.cell(i) for i in range(8)] == [0, 4, 5, 7, 8, 8, 12, 13]


def test_a_very_long_line_is_cut_around_the_flagged_code(tmp_path):
    long_line = "x = [" + "1, " * 200000 + "Repository()]"
    write_tree(tmp_path, {"long.py": "from zenml.repository import Repository\n" + long_line + "\ny = 1\n"})
    full = migrate(["scan", "--no-cache", "--format", "full", "long.py"], tmp_path).out
    assert len(full) < 3000  # the 600,000-character line is never printed whole
    start, width, shown = _caret_columns(full)[2]
    assert shown.startswith("...") and _screen(shown, start, width) == "Repository"
    assert "2 | x = [1, 1, " in full and full.count("...") == 2  # the context line is cut at its end
    page = migrate(["scan", "--no-cache", "--format", "html", "long.py"], tmp_path).out
    assert len(page) < 40000 and '<mark class="safe">Repository</mark>()]' in page


def test_html_escapes_control_characters_of_source_lines(tree):
    page = migrate(["scan", "--no-cache", "--format", "html", "c.py"], tree).out
    assert "\x0c" not in page and "v = &#39;\\x0c&#39;; u = <mark" in page
