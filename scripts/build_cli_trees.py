"""Regenerate rules/data/zenml_cli.json: the ``zenml`` command trees of ZenML 0.13.2, 0.20.0
and 0.20.5, read from the real CLIs (click's own command and option objects, walked inside
each real venv; nothing typed by hand).

    python scripts/build_cli_trees.py      # builds the real venvs first when missing (tests/realzenml.py)

Shape: ``{version: {"stack register": {"group": bool, "options": {param: {"opts": [...],
"flag": bool, "nargs": int}}, "arguments": [param, ...], "help": [...], "ignore_unknown": bool,
"catch_all": bool}}}``; the root group is ``""``. ``opts`` holds every spelling of an option
(``-m``, ``--metadata-store``; ``--no-x`` for boolean pairs); ``flag`` says it takes no value,
``nargs`` how many words it takes, ``required`` (only when true) that click fails without it. ``help``: the help option's spellings (click adds it to
every command); ``ignore_unknown``: click passes an unknown option on as an argument
(``context_settings``) instead of failing; ``catch_all``: an ``ARGS...`` argument takes them
(``register NAME --key=value``), else they are "unexpected extra arguments".
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "rules" / "data" / "zenml_cli.json"
VERSIONS = ("0.13.2", "0.20.0", "0.20.5")

WALKER = r'''
import json, sys
import click
from zenml.cli.cli import cli

def entry(cmd, ctx):
    options, arguments = {}, []
    for p in cmd.params:
        if isinstance(p, click.Option):
            options[p.name] = {"opts": sorted(set(p.opts) | set(p.secondary_opts)), "flag": bool(p.is_flag or p.count), "nargs": p.nargs}
            if p.required:
                options[p.name]["required"] = True
        else:
            arguments.append(p.name)
    help_option = cmd.get_help_option(ctx)
    return {
        "group": isinstance(cmd, click.MultiCommand),
        "options": options,
        "arguments": arguments,
        "help": sorted(help_option.opts) if help_option is not None else [],
        "ignore_unknown": bool(ctx.ignore_unknown_options),
        "catch_all": any(isinstance(p, click.Argument) and p.nargs == -1 for p in cmd.params),
    }

def walk(cmd, path, out, parent=None):
    # the context click builds for the command (its context_settings, what it inherits)
    ctx = click.Context(cmd, parent=parent, info_name=path[-1] if path else "zenml", **cmd.context_settings)
    out[" ".join(path)] = entry(cmd, ctx)
    if isinstance(cmd, click.MultiCommand):
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            if sub is not None:
                walk(sub, path + [name], out, ctx)

out = {}
walk(cli, [], out)
sys.stdout.write(json.dumps(out, sort_keys=True))
'''


def tree(version: str) -> dict:
    sys.path.insert(0, str(ROOT))
    from tests.realzenml import run, venv_python

    python = venv_python(version)
    with tempfile.TemporaryDirectory() as tmp:
        walker = Path(tmp) / "walk_cli.py"
        walker.write_text(WALKER)
        proc = run([python, walker], Path(tmp) / "zenml_config", cwd=Path(tmp))
    return json.loads(proc.stdout)


def main() -> None:
    trees = {version: tree(version) for version in VERSIONS}
    OUT.write_text(json.dumps(trees, sort_keys=True, separators=(",", ":")) + "\n")
    for version, commands in trees.items():
        print(f"{version}: {len(commands)} commands")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
