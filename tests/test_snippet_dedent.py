"""``rules.base.snippet`` dedents the ~390 examples of the catalog at every start-up without
``textwrap.dedent`` (issue 11: 3.1 -> 1.3 ms of a one-file scan): the same text, on every example of
the catalog and on every odd indentation."""

import json
import random
import subprocess
import sys
import textwrap

import pytest

from zenml_migrate.rules import base


SPY = """
import json
from zenml_migrate.rules import base
seen = []
real = base._dedent
base._dedent = lambda text: seen.append(text) or real(text)
from zenml_migrate.rules import all_rules
all_rules()
print(json.dumps(seen))
"""


def _catalog_texts():
    """The texts the rule modules give ``snippet`` when the catalog loads (in a fresh process)."""
    out = subprocess.run([sys.executable, "-c", SPY], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_every_example_of_the_catalog_dedents_as_textwrap_does():
    texts = _catalog_texts()
    assert len(texts) > 300
    assert [t for t in texts if base._dedent(t) != textwrap.dedent(t)] == []


ODD = ["", " ", "\n", "  \n  ", "\ta\n\t\tb\n", "  a\n\tb", "    a\n  \n      b\n", "a\r\n  b", "  \r\n  x", "  x\r\n  y\r\n",
       " \t x\n \t y\n", "\t\n  a\n", "  a\n  b\n  ", "x", "  a\n\n\n  b", "   \x0c a\n   b", "  a\n \t\n  b"]


@pytest.mark.parametrize("text", ODD)
def test_odd_indentation(text):
    assert base._dedent(text) == textwrap.dedent(text)


def test_random_texts():
    rng = random.Random(11)
    for _ in range(20000):
        text = "".join(rng.choice(" \t\n\r\x0cab") for _ in range(rng.randrange(14)))
        assert base._dedent(text) == textwrap.dedent(text), repr(text)
