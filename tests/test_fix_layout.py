"""The fixer's layout (``migrate/fix/layout.py``): untouched statements are copied from the
original text, positions are computed for the statements with findings only, and the result
is exactly what the whole-module code generation gives."""

import pytest

from zenml_migrate.fix import layout
from zenml_migrate.fix.fixer import fix_source

HEAD = "from zenml.steps import BaseStepConfig\nfrom zenml.repository import Repository\n"
ODD = [
    HEAD + "class C(BaseStepConfig): pass\n",
    HEAD + "x = 1; y = Repository(); z = 3\n",
    "# header comment\n\n" + HEAD + "\n\n# a comment before\nclass C(BaseStepConfig):\n    n: int = 1\n# trailing comment\n",
    HEAD + "r = Repository()",  # no final newline, last statement rewritten
    HEAD + "r = Repository()\nprint(1)",  # no final newline, last statement untouched
    HEAD.replace("\n", "\r\n") + "r = Repository()\r\nif r: print(r)\r\n",
    '"""doc"""\n' + HEAD + "@decorator  # keep\n# between\n@other\nclass C(BaseStepConfig):\n    pass\n\n\n\n",
    HEAD + "try :\n    import yaml\nexcept ImportError :\n    yaml = None\nr = Repository()\n\f\nprint( r )\n",
    HEAD + "def f():\n    return Repository()\n\n\n# footer\n# more footer\n",
    "\n\n\n" + HEAD + "if True:\n    r = Repository()\nelse:\n    pass\n",
]


@pytest.mark.parametrize("code", ODD, ids=range(len(ODD)))
def test_the_layout_gives_what_whole_module_generation_gives(code, monkeypatch):
    lined_up = []
    real = layout.Layout._line_up

    def spy(self, tree):
        lined_up.append(real(self, tree))
        return lined_up[-1]

    monkeypatch.setattr(layout.Layout, "_line_up", spy)
    fast = fix_source(code)
    monkeypatch.setattr(layout.Layout, "_line_up", lambda self, tree: False)
    whole = fix_source(code)
    assert fast.error is None and whole.error is None
    assert fast.text == whole.text
    assert "Repository" not in fast.text.replace("# TODO", "")
    assert lined_up and all(lined_up), "the layout did not line up: the fast path was not tested"


def test_statements_without_findings_are_not_generated(monkeypatch):
    """Positions are computed for the statements with findings only."""
    from zenml_migrate.fix import positions

    seen = []
    real = positions.positions_and_code

    def spy(module, node=None, line=1, positions=None):
        seen.append(node)
        return real(module, node, line, positions)

    monkeypatch.setattr(layout, "positions_and_code", spy)
    filler = "".join(f"def f{i}(a, b):\n    return a + b\n\n\n" for i in range(40))
    result = fix_source(HEAD + filler + "r = Repository()\n")
    assert result.error is None and "r = Client()" in result.text
    assert len(seen) == 3 and None not in seen  # the two imports and the statement using Repository


def test_fix_results_of_two_modules_of_one_file_merge_every_field():
    # a Zeppelin note's interpreter groups are fixed as two modules: every count of both reaches
    # the summary (``unmarked`` was dropped when the merge listed the fields by hand)
    from collections import Counter

    from zenml_migrate.fix.result import FixResult

    a = FixResult("a", applied=Counter(ZM101=1), todo_lines=1, unmarked=1, text_changed=False, fix_todos=[(1, "ZM1", "x")])
    b = FixResult("b", applied=Counter(ZM101=2, ZM108=1), todo_lines=2, unmarked=2, text_changed=True, todos_removed=1)
    merged = a.merge(b)
    assert (merged.text, merged.applied, merged.todo_lines, merged.unmarked) == ("a", Counter(ZM101=3, ZM108=1), 3, 3)
    assert merged.text_changed and merged.todos_removed == 1 and merged.fix_todos == [(1, "ZM1", "x")]
    assert FixResult("c", unmarked=1).merge(FixResult("d")).unmarked is None  # one side uncounted: counted from the text
