"""The TODO marker is spelled once in code (``migrate/fix/todo.py``: ``TAG``, ``MARK``, ``PREFIX``);
every writer, reader and message uses those constants. Docstrings and comments may show it, and
the rules' Bad/Good examples show the output they expect."""

from pathlib import Path

from tests.test_rules_own_their_roles import string_constants

ROOT = Path(__file__).resolve().parent.parent
SPELLING = "TODO(zenml-migrate)"


def test_the_marker_is_spelled_once_in_code():
    spelled = []
    for folder in ("migrate", "codemods"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for _, text in string_constants(path):
                if SPELLING in text or "TODO\\(zenml-migrate\\)" in text:
                    spelled.append(str(path.relative_to(ROOT)))
    assert spelled == ["migrate/fix/todo.py"], spelled


def test_the_constants_spell_what_the_fixer_writes():
    from zenml_migrate.fix.todo import MARK, PREFIX, TAG

    assert (TAG, MARK, PREFIX) == ("TODO(zenml-migrate)", "TODO(zenml-migrate):", "# TODO(zenml-migrate): ")
