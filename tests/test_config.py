"""``[tool.zenml-migrate]`` in pyproject.toml: select, ignore, extend-select,
per-file-ignores, exclude; bad configuration is a usage error (exit 2) naming the file."""

import os

import pytest

from tests.scan_helpers import LEGACY, codes, migrate, scan_json, write_tree

CODES = {"ZM101", "ZM108", "ZM201", "ZM301"}


def tree_with(tmp_path, config: str, files=None):
    text = "[project]\nname = 'x'\n\n[tool.zenml-migrate]\n" + config  # a lone surrogate: a byte that is not UTF-8
    return write_tree(tmp_path, {"pyproject.toml": text.encode("utf-8", "surrogateescape"), **(files or {"a.py": LEGACY})})


def found_codes(run):
    return {c for _, _, c in codes(run)}


@pytest.mark.parametrize(
    "config, expected",
    [
        ('select = ["ZM1"]\n', {"ZM101", "ZM108"}),
        ('ignore = ["ZM108", "ZM3"]\n', {"ZM101", "ZM201"}),
        ('select = ["ZM3"]\nextend-select = ["ZM201"]\n', {"ZM201", "ZM301"}),
        ('select = "ZM101"\n', {"ZM101"}),
        ("", CODES),
    ],
)
def test_selection_from_pyproject(tmp_path, config, expected):
    assert found_codes(scan_json(tree_with(tmp_path, config))) == expected


def test_command_line_select_wins_and_ignores_add_up(tmp_path):
    root = tree_with(tmp_path, 'select = ["ZM1"]\nignore = ["ZM101"]\n')
    assert found_codes(scan_json(root)) == {"ZM108"}
    assert found_codes(scan_json(root, "--select", "ZM2,ZM3")) == {"ZM201", "ZM301"}
    assert found_codes(scan_json(root, "--select", "ZM1", "--ignore", "ZM108")) == set()


def test_per_file_ignores(tmp_path):
    root = tree_with(
        tmp_path,
        '[tool.zenml-migrate.per-file-ignores]\n"tests/*" = ["ZM1"]\n"legacy_*.py" = ["ALL"]\n"src/keep.py" = "ZM301"\n',
        {"a.py": LEGACY, "tests/t.py": LEGACY, "pkg/legacy_x.py": LEGACY, "src/keep.py": LEGACY},
    )
    by_path = {}
    for path, _, code in codes(scan_json(root)):
        by_path.setdefault(path, set()).add(code)
    assert by_path == {"a.py": CODES, "tests/t.py": {"ZM201", "ZM301"}, "src/keep.py": {"ZM101", "ZM108", "ZM201"}}


def test_per_file_ignores_apply_to_stdin_filename(tmp_path):
    root = tree_with(tmp_path, '[tool.zenml-migrate.per-file-ignores]\n"tests/*" = ["ZM1"]\n')
    run = migrate(["scan", "--no-cache", "--format", "json", "--stdin-filename", "tests/x.py", "-"], root, input=LEGACY.encode())
    assert found_codes(run) == {"ZM201", "ZM301"}


def test_exclude(tmp_path):
    root = tree_with(tmp_path, 'exclude = ["generated", "old/*.py"]\n', {"a.py": LEGACY, "x/generated/b.py": LEGACY, "old/c.py": LEGACY})
    assert {p for p, _, _ in codes(scan_json(root))} == {"a.py"}


def test_path_patterns_are_read_from_the_folder_of_the_pyproject_that_declares_them(tmp_path):
    # review28 R6: the patterns were matched against the path as given on the command line (or
    # below the folder walked): from the git root (pre-commit's paths) `migrate code --fix` rewrote
    # an excluded file, and from a sub- or parent folder the per-file-ignores were lost
    config = 'exclude = ["src/pkg/vendored/"]\n[tool.zenml-migrate.per-file-ignores]\n"scripts/legacy_*.py" = ["ZM3"]\n'
    package = tree_with(tmp_path / "repo" / "packages" / "pkg", config,
                        {"src/pkg/a.py": LEGACY, "src/pkg/vendored/old.py": LEGACY, "scripts/legacy_x.py": LEGACY})
    repo = tmp_path / "repo"
    expected = {"src/pkg/a.py": CODES, "scripts/legacy_x.py": CODES - {"ZM301"}}

    def by_path(run, base: str):
        out = {}
        for path, _, code in codes(run):
            out.setdefault(os.path.relpath(os.path.join(base, path), package).replace(os.sep, "/"), set()).add(code)
        return out

    assert by_path(scan_json(package), str(package)) == expected
    assert by_path(scan_json(repo, "packages/pkg"), str(repo)) == expected  # from the git root
    assert by_path(scan_json(tmp_path, "repo/packages/pkg"), str(tmp_path)) == expected  # from above
    assert by_path(scan_json(package / "src", "."), str(package / "src")) == {"src/pkg/a.py": CODES}  # from below
    assert by_path(scan_json(package / "scripts", "legacy_x.py"), str(package / "scripts")) == {"scripts/legacy_x.py": CODES - {"ZM301"}}
    named = migrate(["code", "--no-cache", "--fix", "packages/pkg/src/pkg/vendored/old.py"], repo)
    assert "matches the exclude patterns" in named.out + named.err and (package / "src/pkg/vendored/old.py").read_text() == LEGACY


def test_config_found_from_a_subfolder_argument(tmp_path):
    root = tree_with(tmp_path, 'select = ["ZM301"]\n', {"src/a.py": LEGACY})
    assert codes(scan_json(root, "src")) == [("src/a.py", 15, "ZM301")]


def test_explicit_config_file(tmp_path):
    root = write_tree(tmp_path, {"a.py": LEGACY, "ci.toml": '[tool.zenml-migrate]\nselect = ["ZM201"]\n'})
    assert found_codes(scan_json(root, "--config", "ci.toml")) == {"ZM201"}


@pytest.mark.parametrize(
    "config, words",
    [
        ('selct = ["ZM1"]\n', ["unknown key(s) in [tool.zenml-migrate]: selct", "known:"]),
        ("select = [1]\n", ["select must be a list of strings"]),
        ('select = ["ZM999"]\n', ["unknown rule code or prefix: ZM999"]),
        ('per-file-ignores = ["x"]\n', ["per-file-ignores must be a table"]),
        ("select = [\n", ["invalid TOML", "fix the file"]),
        # it said "not UTF-8 (byte 0)": no line, and an offset of the file
        ('exclude = ["caf\udce9"]\n', ["not UTF-8 (byte 0xe9 at line 5, column 16); re-save it as UTF-8"]),
    ],
)
def test_bad_configuration_is_a_usage_error(tmp_path, config, words):
    root = tree_with(tmp_path, config)
    run = migrate(["scan", "--no-cache"], root)
    assert run.code == 2 and run.out == ""
    for word in words:
        assert word in run.err
    if "ZM999" not in config:
        assert "pyproject.toml" in run.err


def test_missing_explicit_config_file(tmp_path):
    run = migrate(["scan", "--no-cache", "--config", "nope.toml"], tmp_path)
    assert run.code == 2 and "nope.toml" in run.err


def test_extend_exclude_in_pyproject_adds_to_exclude_and_to_the_command_line_one(tmp_path):
    # review28 R5: `extend-exclude` was "unknown key(s) in [tool.zenml-migrate]" (exit 2) though
    # `--extend-exclude` is an option and ruff reads both keys
    root = tree_with(tmp_path, 'exclude = ["old"]\nextend-exclude = ["gen/*.py"]\n',
                     {"a.py": LEGACY, "old/b.py": LEGACY, "gen/c.py": LEGACY, "x/d.py": LEGACY})
    assert {p for p, _, _ in codes(scan_json(root))} == {"a.py", "x/d.py"}
    assert {p for p, _, _ in codes(scan_json(root, "--exclude", "x"))} == {"a.py", "old/b.py"}
