"""python_commands.wanted searches grouped trigger words (one search of a word several of them
hold first) and answers what one search per trigger answered."""

import pytest

from zenml_migrate.scan import python_commands as pc

WORDS = pc.TRIGGERS + pc._JUPYTEXT_TRIGGERS


def _plain(text):
    return "zenml" in text and any(w in text for w in WORDS)


@pytest.mark.parametrize("word", WORDS)
def test_each_trigger_is_found(word):
    text = f"import zenml\n\nx = 1\n{word}\n"
    assert pc.wanted(text) and _plain(text)
    assert not pc.wanted(text.replace("zenml", "other"))


@pytest.mark.parametrize("word", WORDS)
def test_a_cut_trigger_is_not(word):
    text = f"import zenml\n{word[:-1]}|{word[-1]}\nexec_path = spawn_of_magic = Operators = 'zenml.cli'\n"
    assert pc.wanted(text) == _plain(text)


def test_every_word_is_in_one_group_holding_its_key():
    seen = []
    for key, words in pc._WANTED:
        assert all(key in w for w in words)
        seen += list(words) or [key]
    assert sorted(seen) == sorted(WORDS)
