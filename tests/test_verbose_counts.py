"""``-v``: the timing line counts files (a file parsed in phase A and again with the
cross-file facts is one file parsed; one answered from the cache and then parsed is parsed)."""

import re

from tests.scan_helpers import migrate, write_tree

TREE = {
    "pkg/m0.py": "from zenml.steps import step\n\n@step\ndef trainer() -> int:\n    return 1\n",
    "pkg/__init__.py": "from pkg.m0 import trainer\n",
    "use.py": "import zenml\nfrom pkg import trainer\n\ntrainer.enable_cache = False\n",  # parsed twice
    "plain.py": "import os\n",
}
LINE = re.compile(r"^scanned (\d+) files in [\d.]+ s \((\d+) parsed(?:, (\d+) from the cache)?\)$", re.M)


def _counts(tmp_path, *args):
    run = migrate(["-v", "scan", *args, "."], tmp_path)
    m = LINE.search(run.err)
    assert m, run.err
    return int(m[1]), int(m[2]), int(m[3] or 0)


def test_verbose_line_counts_files_not_parse_runs(tmp_path):
    write_tree(tmp_path, TREE)
    seen, parsed, cached = _counts(tmp_path, "--no-cache")
    assert (seen, parsed, cached) == (4, 3, 0)  # plain.py is never parsed; use.py parsed twice counts once
    _counts(tmp_path)  # fills the cache
    seen, parsed, cached = _counts(tmp_path)
    assert seen == 4 and parsed + cached <= 3 and cached >= 1


def test_code_verbose_line_counts_the_files_written(tmp_path):
    import os

    write_tree(tmp_path, {"ro.py": "from zenml.repository import Repository\n", "ok.py": "from zenml.repository import Repository\n",
                          "clean.py": "import os\n"})
    os.chmod(tmp_path / "ro.py", 0o444)
    run = migrate(["-v", "code", "--fix", "--no-cache", "."], tmp_path)
    assert re.search(r"^rewrote 1 of 3 files in [\d.]+ s$", run.err, re.M), run.err  # ro.py was refused ('fixed 2 of 3')
    again = migrate(["-v", "code", "--no-cache", "."], tmp_path)
    assert re.search(r"^would rewrite 1 of 3 files in [\d.]+ s$", again.err, re.M), again.err
