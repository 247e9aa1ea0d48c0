"""`migrate scan` / `rules` / `explain` from the command line: exit codes, selection,
stdin, --output, suppressions, the results cache, deterministic output."""

import os
import subprocess
import sys
import time

import pytest

from tests.scan_helpers import CLEAN, LEGACY, codes, migrate, scan_json, write_tree

ALL_LEGACY = [
    ("a.py", 1, "ZM108"),
    ("a.py", 2, "ZM101"),
    ("a.py", 5, "ZM101"),
    ("a.py", 9, "ZM201"),
    ("a.py", 15, "ZM108"),
    ("a.py", 15, "ZM301"),
]


@pytest.fixture
def legacy(tmp_path):
    return write_tree(tmp_path, {"a.py": LEGACY, "clean.py": CLEAN})


def test_exit_codes(legacy, tmp_path):
    assert scan_json(legacy).code == 1
    assert scan_json(legacy, "--exit-zero").code == 0
    assert scan_json(legacy, "clean.py").code == 0
    # an unreadable file makes the result incomplete: 2, even with findings
    write_tree(legacy, {"broken.py": "import zenml\nprint 'x'\n"})
    assert scan_json(legacy).code == 2
    assert scan_json(legacy, "--exit-zero").code == 0


def test_default_path_is_the_current_folder(legacy):
    assert codes(scan_json(legacy)) == ALL_LEGACY
    assert codes(scan_json(legacy, ".")) == ALL_LEGACY


@pytest.mark.parametrize(
    "option, expected",
    [
        (["--select", "ZM108"], {"ZM108"}),
        (["--select", "ZM1"], {"ZM101", "ZM108"}),
        (["--select", "ZM101,ZM301"], {"ZM101", "ZM301"}),
        (["--select", "ZM101", "--select", "ZM201"], {"ZM101", "ZM201"}),
        (["--ignore", "ZM0,ZM1"], {"ZM201", "ZM301"}),
        (["--ignore", "ZM108", "--ignore", "ZM2"], {"ZM101", "ZM301"}),
        (["--select", "ZM3", "--extend-select", "ZM201"], {"ZM201", "ZM301"}),
        (["--select", "ALL", "--ignore", "ZM301"], {"ZM101", "ZM108", "ZM201"}),
        (["--select", "zm108"], {"ZM108"}),
    ],
)
def test_select_ignore_extend_select(legacy, option, expected):
    assert {c for _, _, c in codes(scan_json(legacy, *option))} == expected


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
def test_unknown_rule_code_is_a_usage_error(legacy, option):
    run = scan_json(legacy, option, "ZM999")
    assert run.code == 2
    assert "unknown rule code or prefix: ZM999" in run.err
    assert "migrate rules" in run.err
    assert run.out == ""


def test_unknown_format_is_a_usage_error(legacy):
    run = migrate(["scan", "--format", "xml"], legacy)
    assert run.code == 2
    assert "unknown --format 'xml'" in run.err and "sarif" in run.err


def test_output_file(legacy):
    run = migrate(["scan", "--no-cache", "--format", "json", "--output", "report.json"], legacy)
    assert run.code == 1 and run.out == ""
    import json

    data = json.loads((legacy / "report.json").read_text())
    assert [(f["path"], f["line"], f["code"]) for f in data["findings"]] == ALL_LEGACY


def test_output_file_that_cannot_be_written(legacy):
    run = migrate(["scan", "--no-cache", "--output", "no/such/dir/report.txt"], legacy)
    assert run.code == 2
    assert "cannot write no/such/dir/report.txt" in run.err


def test_stdin_with_a_file_name(tmp_path):
    run = migrate(["scan", "--no-cache", "--format", "json", "--stdin-filename", "steps/train.py", "-"], tmp_path, input=LEGACY.encode())
    assert run.code == 1
    assert [(p, line, c) for p, line, c in codes(run)] == [("steps/train.py", line, c) for _, line, c in ALL_LEGACY]


def test_stdin_default_name_and_a_notebook_name(tmp_path):
    run = migrate(["scan", "--no-cache", "--format", "json", "-"], tmp_path, input=b"from zenml.repository import Repository\n")
    assert codes(run) == [("<stdin>", 1, "ZM108")]
    run = migrate(["scan", "--no-cache", "--format", "json", "-"], tmp_path, input=b"print 'x'  # zenml\n")
    assert run.code == 2 and codes(run) == [("<stdin>", 1, "ZM001")]


def test_stdin_cannot_be_mixed_with_paths(legacy):
    run = migrate(["scan", "-", "a.py"], legacy, input=b"")
    assert run.code == 2 and "cannot be combined" in run.err


def test_line_suppression(tmp_path):
    text = LEGACY.replace(
        'from zenml.repository import Repository\n', 'from zenml.repository import Repository  # migrate: ignore[ZM108]\n'
    ).replace('@step(custom_step_operator="sagemaker")', '@step(custom_step_operator="sagemaker")  # migrate: ignore')
    write_tree(tmp_path, {"a.py": text})
    assert codes(scan_json(tmp_path)) == [c for c in ALL_LEGACY if c[1] not in (1, 9)]


def test_line_suppression_by_prefix_and_list(tmp_path):
    text = LEGACY.replace(
        '    return Repository().get_pipeline("training").runs[-1]',
        '    return Repository().get_pipeline("training").runs[-1]  # migrate: ignore[ZM3, ZM108]',
    )
    write_tree(tmp_path, {"a.py": text})
    assert codes(scan_json(tmp_path)) == [c for c in ALL_LEGACY if c[1] != 15]


def test_file_suppression(tmp_path):
    write_tree(tmp_path, {"a.py": "# migrate: ignore-file[ZM101, ZM2]\n" + LEGACY})
    assert {c for _, _, c in codes(scan_json(tmp_path))} == {"ZM108", "ZM301"}
    write_tree(tmp_path, {"a.py": LEGACY + "# migrate: ignore-file\n"})
    assert scan_json(tmp_path).code == 0


def test_output_is_sorted_whatever_the_argument_order(tmp_path):
    write_tree(tmp_path, {"b.py": LEGACY, "a.py": LEGACY, "sub/c.py": LEGACY})
    one = scan_json(tmp_path, "sub", "b.py", "a.py").out
    two = scan_json(tmp_path, "a.py", "sub", "b.py").out
    assert one == two
    paths = [f["path"] for f in scan_json(tmp_path).json()["findings"]]
    assert paths == sorted(paths)


def test_a_file_given_twice_is_reported_once(legacy):
    assert codes(scan_json(legacy, "a.py", "a.py", ".")) == ALL_LEGACY


def test_cache_warm_run_equals_cold_run_and_sees_edits(legacy):
    cache = legacy / "cache"
    cold = migrate(["scan", "--format", "json", "--cache-dir", str(cache)], legacy)
    assert any(cache.iterdir())
    warm = migrate(["scan", "--format", "json", "--cache-dir", str(cache)], legacy)
    assert warm.out == cold.out
    # same size, new content: the stamp (mtime, size) changes, the result must follow
    path = legacy / "a.py"
    text = path.read_text().replace("Repository().get_pipeline", "Repository().get_pipelinX")
    assert len(text) == len(LEGACY)
    path.write_text(text)
    os.utime(path, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    edited = migrate(["scan", "--format", "json", "--cache-dir", str(cache)], legacy)
    assert ("a.py", 15, "ZM301") not in codes(edited)
    assert codes(edited) == codes(scan_json(legacy))


def test_cache_is_not_consulted_with_no_cache(legacy):
    migrate(["scan", "--no-cache"], legacy)
    assert not (legacy / ".zenml-migrate-cache").exists()
    migrate(["scan"], legacy)
    assert (legacy / ".zenml-migrate-cache" / ".gitignore").read_text() == "*\n"


def test_broken_cache_file_is_ignored(legacy):
    cache = legacy / "cache"
    migrate(["scan", "--cache-dir", str(cache)], legacy)
    for f in cache.glob("scan-*"):
        f.write_bytes(b"\x00garbage")
    assert codes(migrate(["scan", "--format", "json", "--cache-dir", str(cache)], legacy)) == ALL_LEGACY


def test_rules_lists_the_catalog(tmp_path):
    run = migrate(["rules"], tmp_path)
    assert run.code == 0
    for code in ("ZM000", "ZM101", "ZM108", "ZM201", "ZM301"):
        assert any(line.startswith(code + " ") for line in run.out.splitlines())
    import json

    listed = json.loads(migrate(["rules", "--format", "json"], tmp_path).out)
    assert {"code", "name", "message", "fix"} <= set(listed[0])


def test_rules_fit_the_terminal_and_formats_are_checked(tmp_path):
    """On a terminal the descriptions wrap under their column (a 100-column terminal broke them
    mid-word); piped, one line per rule; --format is case-insensitive and an unknown one is an
    error (JSON printed the text listing, xml too)."""
    from zenml_migrate import docs

    piped = docs.rules_listing("text").splitlines()
    for columns in (80, 100, 50):
        wrapped = docs.rules_listing("text", columns).splitlines()
        assert all(len(line) < columns or len(line.split()) == 1 for line in wrapped), columns  # one long `name` may not fit
        assert [line[:5] for line in wrapped if line[:2] == "ZM"] == [line[:5] for line in piped]
        assert " ".join(" ".join(wrapped).split()) == " ".join(" ".join(piped).split())  # the same words
    assert migrate(["rules", "--format", "JSON"], tmp_path).out.startswith("[")
    bad = migrate(["rules", "--format", "xml"], tmp_path)
    assert bad.code == 2 and "unknown --format 'xml'" in bad.err


def test_explain_prints_what_why_instead_fix_and_examples(tmp_path):
    run = migrate(["explain", "ZM201"], tmp_path)
    assert run.code == 0
    out = run.out
    for heading in ("## What it does", "## Why", "## Instead", "## Fix safety", "## Flagged", "## Not flagged"):
        assert heading in out
    assert out.index("## What it does") < out.index("## Why") < out.index("## Instead") < out.index("## Fix safety")
    assert "custom_step_operator" in out and "safe" in out
    assert migrate(["explain", "zm201"], tmp_path).out == out


def test_explain_unknown_code(tmp_path):
    run = migrate(["explain", "ZM999"], tmp_path)
    assert run.code == 2 and "no rule 'ZM999'" in run.err


def test_console_script_end_to_end(legacy):
    """The installed entry point, a real process: exit code and stdout, no traceback."""
    exe = os.path.join(os.path.dirname(sys.executable), "migrate")
    proc = subprocess.run([exe, "scan", "--no-cache", "--format", "github"], cwd=legacy, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout.splitlines()[0].startswith("::error file=a.py,line=1,col=")


@pytest.mark.parametrize("args", [["scan", ""], ["scan", ".", ""], ["code", ""], ["code", "--fix", ""], ["profiles", ""]])
def test_an_empty_path_is_a_usage_error(tmp_path, args):
    # `migrate scan ''` (an unset variable in quotes) printed ":1:1: ZM001 no such file or directory"; and
    # `migrate profiles ''` read the default config dir
    from tests.scan_helpers import migrate as run_migrate

    run = run_migrate(args, tmp_path)
    assert run.code == 2 and "an empty path ('')" in run.out + run.err, run.out + run.err
    assert "ZM001" not in run.out + run.err


@pytest.mark.parametrize("option", ["--output", "--cache-dir", "--config"])
def test_an_empty_option_value_is_a_usage_error(tmp_path, option):
    # `scan -o ''` printed the report to stdout, `--cache-dir ''` used the default folder, `--config ''` read none
    run = migrate(["scan", option, "", "."], tmp_path)
    assert run.code == 2 and f"{option} '' names no file or folder" in run.out + run.err, run.out + run.err
