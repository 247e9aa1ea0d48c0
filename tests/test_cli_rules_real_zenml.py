"""The CLI rules against the real CLIs: every command line in the rules' examples is parsed
by the real ``zenml`` click parser of 0.13.2, 0.20.0 and 0.20.5 (subcommands resolved,
options parsed, nothing run; one subprocess per version):

* what a rule flags is a valid 0.13.2 command (ZM957: a command no release since 0.13.2 has,
  which fails on 0.13.2 too);
* what a rule says is gone really fails to parse on 0.20.0 and 0.20.5 (a usage error: "no
  such option/command", "unexpected extra arguments"; or an option no longer known, taken
  by ``register NAME ARGS...`` as an attribute, which must be ``--key=value``); the commands 0.20 kept with another meaning (ZM954, ZM955) still parse;
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

PARSE = r'''
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
        return "unknown option taken as an argument: %s" % swallowed if swallowed else "ok"
    except click.exceptions.ClickException as exc:
        return "%s: %s" % (type(exc).__name__, exc.format_message())

print(json.dumps([parse(a) for a in json.load(open(sys.argv[1]))]))
'''
KEPT_WITH_ANOTHER_MEANING = {"ZM954", "ZM955", "ZM958"}  # parse on 0.20; ZM958: a component class where 0.20 wants a Flavor fails at run time
NOT_IN_THE_SERVERLESS_0132 = {"ZM953"}  # `zenml server up` needs zenml[server] on 0.13.2
NOT_IN_0132_EITHER = {"ZM957"}  # commands of older releases, typos


def argvs(text: str, filename: str) -> List[List[str]]:
    out = []
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
            out += [(rule.code, "good", a) for a in argvs(ex.code, ex.filename)]
    return out


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
    assert all(code in NOT_IN_THE_SERVERLESS_0132 | NOT_IN_0132_EITHER for code, _, _ in bad), bad
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
