"""The CLI rules against the real CLIs: every command line in the rules' examples is parsed
by the real ``zenml`` click parser of 0.13.2, 0.20.0 and 0.20.5 (subcommands resolved,
options parsed, nothing run; one subprocess per version):

* what a rule flags is a valid 0.13.2 command (ZM957: a command no release since 0.13.2 has,
  which fails on 0.13.2 too);
* what a rule says is gone really fails to parse on 0.20.0 and 0.20.5 (a usage error: "no
  such option/command", "unexpected extra arguments"; or an option no longer known, taken
  by ``register NAME ARGS...`` as an attribute, which must be ``--key=value``); the commands 0.20 kept with another meaning (ZM954) still parse;
* every rewrite (``Bad(..., fixed=...)``) parses on 0.20.0 and 0.20.5;
* what a rule must not flag (``Good``) parses on 0.20.0 and 0.20.5.
"""

import json
from pathlib import Path
from typing import List

import pytest

from tests.realzenml import python
from zenml_migrate.rules import all_rules
from zenml_migrate.scan.command_lines import section_commands, sections, zenml_argv
from zenml_migrate.scan.discovery import kind_of

pytestmark = pytest.mark.real_zenml

PARSE_FUNCTION = r'''
import json, sys
import click
from zenml.cli.cli import cli

def parse(args):
    try:
        ctx = cli.make_context("zenml", list(args))
        cmd = cli
        while isinstance(cmd, click.MultiCommand) and (ctx.protected_args + ctx.args):
            name, sub, rest = cmd.resolve_command(ctx, ctx.protected_args + ctx.args)
            ctx = sub.make_context(name, rest, parent=ctx)
            cmd = sub
        # an option the command does not know, swallowed by a catch-all argument (`register
        # NAME ARGS...` takes `--key=value` attributes): not an option of this version
        swallowed = [v for value in ctx.params.values() if isinstance(value, (tuple, list)) for v in value if str(v).startswith("-") and "=" not in str(v)]
        if swallowed:
            return "unknown option taken as an argument: %s" % swallowed
        return attributes(cmd, ctx)
    except click.exceptions.ClickException as exc:
        return "%s: %s" % (type(exc).__name__, exc.format_message())
    except click.exceptions.Exit as exc:  # an eager option (`--version`, `--help`) ends the parse
        return "ok" if exc.exit_code == 0 else "Exit: %s" % exc.exit_code
'''
PARSE_FUNCTION += r'''

def attributes(cmd, ctx):
    """`zenml <component> register/update NAME ARGS...`: the CLI's own reading of the
    attributes click passed on (what the command does first when it runs)."""
    if cmd.name not in ("register", "update") or not ctx.params.get("args"):
        return "ok"
    from zenml.cli import utils
    args = list(ctx.params["args"])
    import zenml
    name = ctx.params.get("name") or ctx.params.get("name_or_id")
    try:
        if hasattr(utils, "parse_name_and_extra_arguments"):  # 0.20.5
            _, values = utils.parse_name_and_extra_arguments(args + ([name] if name else []), name_mandatory=False)
        else:  # 0.13.2, 0.20.0
            values = utils.parse_unknown_options(args)
        if zenml.__version__.startswith("0.13"):
            return "ok"
    except (Exception, SystemExit) as exc:
        return "invalid attribute: %s" % exc
    return config_keys(ctx.parent.info_name, cmd.name, name, ctx.params.get("flavor"), values)


REGISTERED = {}  # (component group, name) -> flavor of the register lines parsed before (one file's lines, in order)


def config_keys(group, verb, name, flavor, values):
    """What 0.20's register/update does next with the attributes: build the flavor's config
    class from them (``Client.register_stack_component``); a key the config forbids fails there
    ('extra fields not permitted'). An update is checked when an earlier line registered the
    component; a flavor 0.20 does not have is not checked (it fails another way)."""
    from pydantic import ValidationError
    from zenml.stack.flavor import Flavor
    from zenml.stack.flavor_registry import flavor_registry

    if verb == "register":
        REGISTERED[(group, name)] = flavor
    else:
        flavor = REGISTERED.get((group, name))
    model = next((f for f in flavor_registry.flavors if f.name == flavor and f.type.value == group.replace("-", "_")), None)
    if model is None:
        return "ok"
    try:
        Flavor.from_model(model).config_class(**values)
    except ValidationError as exc:
        extra = [e["loc"] for e in exc.errors() if e["type"] == "value_error.extra"]
        if extra:
            return "config rejects %s" % extra
    except Exception as exc:  # not what the check is about: shown in the failing assertion
        return "config check failed: %r" % exc
    return "ok"
'''
PARSE = PARSE_FUNCTION + r'''
print(json.dumps([parse(a) for a in json.load(open(sys.argv[1]))]))
'''
# the command lines of the real CLI's own documentation (the docstrings of zenml/cli/*.py, what
# `zenml --help` and docs.zenml.io show), each parsed by that CLI
DOCS = PARSE_FUNCTION + r'''
import os, re, shlex
import zenml.cli

folder = os.path.dirname(zenml.cli.__file__)
lines = set()
for name in sorted(os.listdir(folder)):
    if name.endswith(".py"):
        for line in open(os.path.join(folder, name), encoding="utf-8"):
            m = re.match(r"^\s*(?:\$ )?(zenml [a-z][^`]*?)\s*$", line)
            if m:
                lines.add(m.group(1))
out = []
for line in sorted(lines):
    try:
        argv = shlex.split(line)
    except ValueError:
        continue
    out.append([line, parse(argv[1:])])
print(json.dumps(out))
'''
KEPT_WITH_ANOTHER_MEANING = {"ZM954", "ZM958", "ZM963"}  # parse on 0.20; ZM958: a component class where 0.20 wants a Flavor fails at run time
# (ZM963: a 0.13.2 flavor name 0.20 renamed fails when the store looks the flavor up; tests/test_component_attributes.py)
NOT_IN_THE_SERVERLESS_0132 = {"ZM953"}  # `zenml server up` needs zenml[server] on 0.13.2
NOT_IN_0132_EITHER = {"ZM957"}  # commands of older releases, typos
ANY_ON_0132 = {"ZM960", "ZM961"}  # options 0.20 rejects: on 0.20-only commands, or unknown to 0.13.2 as well; required options 0.13.2 required too


def argvs(text: str, filename: str) -> List[List[str]]:
    """The zenml command lines of an example: shell kinds, and the commands of a Python
    example's os.system/subprocess calls (migrate/scan/python_commands.py)."""
    out = []
    if filename.endswith(".py"):
        import ast

        from zenml_migrate.scan.command_lines import split_commands
        from zenml_migrate.scan.python_commands import commands

        for cmd in commands(ast.parse(text), text):
            for words in [cmd.words] if cmd.words is not None else split_commands(cmd.text.value):
                argv = zenml_argv(words)
                if argv is not None:
                    out.append([w.value for w in argv[1:]])
        return out
    for section in sections(kind_of(filename), text):
        for words in section_commands(section):
            argv = zenml_argv(words)
            if argv is not None:
                out.append([w.value for w in argv[1:]])
    return out


def cases():
    out = []  # (rule code, what, argv)
    for rule in all_rules():
        if rule.family != "cli":
            continue
        for ex in rule.bad:
            out += [(rule.code, "bad", a) for a in argvs(ex.code, ex.filename)]
            if ex.fixed is not None:
                out += [(rule.code, "fixed", a) for a in argvs(ex.fixed, ex.filename)]
        for ex in rule.good:
            out += [(rule.code, "good", a) for a in argvs(ex.code, ex.filename) if not _open_expansion(a)]
    return out


def _open_expansion(argv: List[str]) -> bool:
    """Does the line hold a shell variable that is not an option's value (``... $EXTRA_FLAGS``)?
    The rules do not judge such a line (the variable may hold any option), and the real CLI
    would see the variable's name as a literal word: not a command line to run here."""
    return any(w.startswith("$") and not (i and argv[i - 1].startswith("-")) for i, w in enumerate(argv))


@pytest.fixture(scope="module")
def parsed(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli")
    todo = cases()
    for _, _, argv in todo:  # click.Path(exists=True) arguments: give them files
        for word in argv:
            if word.endswith((".py", ".yaml", ".yml")) and "/" not in word:
                (base / word).write_text("")
    data = base / "argvs.json"
    data.write_text(json.dumps([a for _, _, a in todo]))
    script = base / "parse.py"
    script.write_text(PARSE)
    out = {}
    for version in ("0.13.2", "0.20.0", "0.20.5"):
        proc = python(version, [str(script), str(data)], base / f"config-{version}", cwd=base)
        out[version] = json.loads(proc.stdout.strip().splitlines()[-1])
    return todo, out


def test_what_a_cli_rule_flags_is_a_valid_0132_command(parsed):
    todo, out = parsed
    bad = [(code, argv, result) for (code, what, argv), result in zip(todo, out["0.13.2"]) if what == "bad" and result != "ok"]
    assert all(code in NOT_IN_THE_SERVERLESS_0132 | NOT_IN_0132_EITHER | ANY_ON_0132 for code, _, _ in bad), bad
    unknown = [(argv, result) for (code, what, argv), result in zip(todo, out["0.13.2"]) if what == "bad" and code in NOT_IN_0132_EITHER]
    assert unknown and all(result.startswith("UsageError: No such command") for _, result in unknown), unknown


@pytest.mark.parametrize("version", ["0.20.0", "0.20.5"])
def test_what_a_cli_rule_calls_gone_fails_on_020_and_its_rewrite_parses(parsed, version):
    todo, out = parsed
    for (code, what, argv), result in zip(todo, out[version]):
        if what == "bad" and code not in KEPT_WITH_ANOTHER_MEANING:
            assert result != "ok", (version, code, argv)  # "No such option/command", "unexpected extra arguments"
        elif what in ("fixed", "good") or code in KEPT_WITH_ANOTHER_MEANING:
            assert result == "ok", (version, code, what, argv, result)


# ------------------------------------------------------------------ many command lines, both ways
LINES = Path(__file__).resolve().parent / "data" / "cli_lines.sh"
# rules that speak about a command 0.20 still parses (another meaning, run-time failure)
PARSES_ON_020 = KEPT_WITH_ANOTHER_MEANING


def _cli_findings(lines: List[str], tmp: Path) -> dict:
    """line number (1-based) -> codes of the CLI findings on that line."""
    from zenml_migrate.api import scan_source

    out: dict = {}
    for f in scan_source("\n".join(lines) + "\n", "lines.sh"):
        out.setdefault(f.span.line, set()).add(f.code)
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Command lines parsed by the real CLIs: the CLI docstrings of 0.20.0 and 0.20.5, and
    ``tests/data/cli_lines.sh`` (lines of 0.6-0.20 READMEs, scripts and CI files, valid and not)."""
    import shlex

    base = tmp_path_factory.mktemp("cli-corpus")
    own = [line for line in LINES.read_text().splitlines() if line.startswith("zenml ")]
    for line in own:
        for word in shlex.split(line):
            if word.endswith((".py", ".yaml", ".yml")) and "/" not in word:
                (base / word).write_text("")
    (base / "argvs.json").write_text(json.dumps([shlex.split(line)[1:] for line in own]))
    (base / "parse.py").write_text(PARSE)
    (base / "docs.py").write_text(DOCS)
    docs, parsed = {}, {}
    for version in ("0.13.2", "0.20.0", "0.20.5"):
        proc = python(version, [str(base / "parse.py"), str(base / "argvs.json")], base / f"config-{version}", cwd=base)
        parsed[version] = json.loads(proc.stdout.strip().splitlines()[-1])
        if version != "0.13.2":
            proc = python(version, [str(base / "docs.py")], base / f"config-{version}", cwd=base)
            docs[version] = dict(json.loads(proc.stdout.strip().splitlines()[-1]))
    return own, parsed, docs


def test_no_cli_rule_flags_a_documented_020_command_line(corpus):
    """Every command line of the 0.20.0/0.20.5 CLI documentation that their parsers accept is
    left alone by the rules that say a command or option is gone or unknown."""
    _, _, docs = corpus
    valid = sorted(line for line in docs["0.20.0"] if docs["0.20.0"][line] == "ok" and docs["0.20.5"].get(line) == "ok")
    assert len(valid) > 60, len(valid)  # the docs really were read
    found = _cli_findings(valid, None)
    flagged = [(valid[n - 1], codes) for n, codes in found.items() if codes - PARSES_ON_020]
    assert not flagged, flagged


def test_cli_lines_flagged_exactly_when_020_rejects_them(corpus):
    """Both ways, on ``tests/data/cli_lines.sh``: a line the real 0.20.0 or 0.20.5 parser
    rejects (no such option/command, unexpected extra arguments) has a CLI finding on it; a
    line both accept has none but of the rules for commands that parse and fail later."""
    own, parsed, _ = corpus
    found = _cli_findings(own, None)
    missed, wrong = [], []
    for n, line in enumerate(own, 1):
        rejected = [v for v in ("0.20.0", "0.20.5") if parsed[v][n - 1] != "ok"]
        codes = found.get(n, set())
        if rejected and not codes:
            missed.append((line, [parsed[v][n - 1] for v in rejected]))
        if not rejected and codes - PARSES_ON_020:
            wrong.append((line, codes))
    assert not missed and not wrong, (missed, wrong)
    assert sum(1 for n in range(len(own)) if parsed["0.20.5"][n] != "ok") > 20  # the corpus has both kinds
