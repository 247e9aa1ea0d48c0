"""The cheap text gates of the detector give the same answers as the per-line tests they replace:
one search over ``Detector.text`` (the text the lines were split from, ``\\r\\n`` and lone ``\\r``
line ends included) instead of a Python loop over the lines (a cold scan ran ~130k generator
steps per 500 files for them)."""

import re

from zenml_migrate.rules import all_rules
from zenml_migrate.rules.string_targets import _mentions_a_zenml_string
from zenml_migrate.scan.detect import _PATCH_CALL, Detector, rule_index
from zenml_migrate.scan.file_scan import split_lines

_PER_LINE_PATCH = re.compile(r"(?<![\w])(?:patch|patch\.object|setattr|delattr)\s*\(")

TEXTS = [
    "x = 1\n",
    "mock.patch('a.b')\n",
    "mock.patch  ('a.b')\n",
    "mock.patch\t('a.b')\n",
    "mock.patch\n('a.b')\n",  # the call's parenthesis on the next line: no line holds both
    "mock.patch \\\n  ('a.b')\n",
    "mock.patch\r\n('a.b')\r\n",
    "mock.patch \r('a.b')\r",
    "unpatch('a')\nsetattr (m, 'n', v)\n",
    "x = delattr\n(y)\n",
    "patch.object(m, 'n')\n",
    "s = 'zenml.steps'\n",
    's = "zenml"\n',
    "s = 'zen\nml'\n",
    "# version\n",
    "v = ver\nsion\n",
    "p = patch\x0c(x)\n",
    "p = patch\x0b\n(x)\n",
    "p = patch\u2028(x)\n",  # not a line end for Python: one line
]


def _detector(text, given=True):
    detector = Detector(rule_index(all_rules()), "m.py", split_lines(text))
    if given:
        detector.text = text  # as ``file_scan.detect`` does
    return detector


def test_the_text_gates_answer_as_the_per_line_tests():
    for text in TEXTS:
        lines = split_lines(text)
        for given in (True, False):  # the text given, or the lines joined when it is not
            whole = _detector(text, given).text
            assert bool(_PATCH_CALL.search(whole)) == any(_PER_LINE_PATCH.search(ln) for ln in lines), (text, given)
            assert _mentions_a_zenml_string(whole) == any(("'zenml" in ln or '"zenml' in ln) for ln in lines), text
            assert ("version" in whole) == any("version" in ln for ln in lines), text


def test_a_patch_call_split_over_two_lines_is_not_one_line_match():
    assert _PATCH_CALL.search(_detector("mock.patch\n('a.b')\n").text) is None
    assert _PATCH_CALL.search(_detector("mock.patch\r\n('a.b')\n").text) is None
    assert _PATCH_CALL.search(_detector("mock.patch\r('a.b')\n").text) is None
    assert _PATCH_CALL.search(_detector("mock.patch ('a.b')\n").text) is not None
