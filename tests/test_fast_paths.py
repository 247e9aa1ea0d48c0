"""The scan's fast paths give exactly what the plain code they replace gives."""

import ast
import pathlib
import random

from zenml_migrate.scan.detect import _map_parents
from zenml_migrate.scan.file_kinds import has_zenml

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_has_zenml_is_the_plain_search():
    cases = [b"", b"z", b"zenml", b"zenm", b"xzenml", b"zz" * 20 + b"zenml", b"z" * 100, b"z" * 100 + b"zenml",
             b"zenmzenml", b"azenmlz", b"zenmL", b"import zenml\n", b"# lazy\nx = 'zzz'\n"]
    rng = random.Random(7)
    cases += [bytes(rng.choice(b"zenmlx") for _ in range(rng.randrange(60))) for _ in range(20000)]
    for data in cases:
        assert has_zenml(data) == (b"zenml" in data), data


def test_map_parents_is_the_ast_walk_mapping():
    for path in sorted(ROOT.glob("migrate/scan/*.py")):
        for top in ast.parse(path.read_text(encoding="utf-8")).body:
            plain = {}
            for outer in ast.walk(top):
                for child in ast.iter_child_nodes(outer):
                    plain[child] = outer
            fast = {}
            _map_parents(top, fast)
            assert list(fast.items()) == list(plain.items()), path
