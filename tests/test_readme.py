"""The README is generated from the rules and its commands are what CI runs."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_rules_table_is_current():
    proc = subprocess.run([sys.executable, "scripts/update_docs.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_readme_has_the_two_setup_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, re.S)
    assert len(blocks) == 2, blocks
    install, tests = blocks
    assert "pip install" in install and "migrate scan fixtures/sample" in install
    assert "python -m pytest -q" in tests
    ci = (ROOT / ".ci" / "run").read_text()
    assert "python -m pytest -q" in ci
    assert (ROOT / "fixtures" / "sample").is_dir()


def test_readme_scan_excerpt_is_what_the_tool_prints():
    """The lines the README shows for `migrate scan fixtures/sample` are printed as shown."""
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("`migrate scan fixtures/sample` lists") :]
    shown = re.search(r"```\n(.*?)\n```", section, re.S).group(1).splitlines()
    proc = subprocess.run(
        [sys.executable, "-m", "zenml_migrate", "scan", "--no-cache", "fixtures/sample"], cwd=ROOT, capture_output=True, text=True,
        env={**__import__("os").environ, "NO_COLOR": "1"},
    )
    printed = proc.stdout.splitlines()
    assert proc.returncode == 1
    for line in shown:
        assert line == "..." or line in printed, line


def test_readme_links_point_into_the_repository():
    """The design and the rule pages the README links to are in the repository."""
    readme = (ROOT / "README.md").read_text()
    links = re.findall(r"\]\(([^)#]+)\)", readme)
    assert "docs/design.md" in links and "docs/rules/README.md" in links
    for link in links:
        if "://" not in link:
            assert (ROOT / link).exists(), link
    assert "../shared" not in readme


def _commands():
    import typer

    from zenml_migrate.cli import app

    root = typer.main.get_command(app)
    return root, root.commands


def _readme_prose() -> str:
    """README without the generated rules table (its zenml CLI options are zenml's)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.sub(r"<!-- rules-table:start -->.*<!-- rules-table:end -->", "", text, flags=re.S)


def test_every_option_in_help_is_documented_in_the_readme():
    """A new user compares `--help` with the README: each option of each command is there
    (under its long or short name)."""
    root, commands = _commands()
    prose = _readme_prose()
    missing = []
    for name, command in [("migrate", root)] + sorted(commands.items()):
        for param in command.params:
            names = [o for o in param.opts + param.secondary_opts if o.startswith("-")]
            if not names or "--help" in names:
                continue
            if not any(re.search(re.escape(o) + r"(?![\w-])", prose) for o in names):
                missing.append(f"{name} {'/'.join(names)}")
    assert not missing, f"options in --help that README.md does not mention: {missing}"


def test_every_option_the_readme_names_exists():
    root, commands = _commands()
    known = {o for c in [root, *commands.values()] for p in c.params for o in p.opts + p.secondary_opts}
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", _readme_prose()))
    assert not named - known, f"README.md names options no command has: {sorted(named - known)}"


def test_help_texts_keep_their_brackets():
    """`[tool.zenml-migrate]` in a help text was eaten as rich markup ("read  from.")."""
    from typer.testing import CliRunner

    from zenml_migrate.cli import app

    out = CliRunner().invoke(app, ["code", "--help"], env={"COLUMNS": "200"}).output
    assert "[tool.zenml-migrate]" in out, out


def test_commands_section_is_one_line_per_capability():
    """`## Commands` is a section per command with one bullet per capability, not a table whose
    cells held thousands of characters on one line (every lane documenting something edited that
    one line)."""
    prose = _readme_prose()
    section = prose[prose.index("## Commands") : prose.index("## Configuration")]
    for command in ("migrate scan PATH...", "migrate code PATH...", "migrate profiles [CONFIG_DIR]", "migrate rules"):
        assert f"### `{command}`" in section, command
    assert not [line for line in section.splitlines() if line.startswith("|")]
    assert max(len(line) for line in prose.splitlines()) <= 500
