"""Regenerate rules/data/zenml_cli.json: the ``zenml`` command trees of ZenML 0.13.2, 0.20.0
and 0.20.5, read from the real CLIs (click's own command and option objects, walked inside
each real venv; nothing typed by hand).

    python scripts/build_cli_trees.py      # builds the real venvs first when missing (tests/realzenml.py)

Shape: ``{version: {"stack register": {"group": bool, "options": {param: {"opts": [...],
"flag": bool}}, "arguments": [param, ...]}}}``; the root group is ``""``. ``opts`` holds
every spelling of an option (``-m``, ``--metadata-store``; ``--no-x`` for boolean pairs);
``flag`` says it takes no value.
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

def entry(cmd):
    options, arguments = {}, []
    for p in cmd.params:
        if isinstance(p, click.Option):
            options[p.name] = {"opts": sorted(set(p.opts) | set(p.secondary_opts)), "flag": bool(p.is_flag or p.count)}
        else:
            arguments.append(p.name)
    return {"group": isinstance(cmd, click.MultiCommand), "options": options, "arguments": arguments}

def walk(cmd, path, out):
    out[" ".join(path)] = entry(cmd)
    if isinstance(cmd, click.MultiCommand):
        ctx = click.Context(cmd)
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            if sub is not None:
                walk(sub, path + [name], out)

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
