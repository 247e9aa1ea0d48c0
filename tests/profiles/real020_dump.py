"""Run INSIDE a real ZenML 0.20.x venv (tests/realzenml.python): dump what ZenML itself sees.

    python real020_dump.py OUT.json PROJECT [PROJECT ...]

Writes JSON with the active project and stack as configured, then for every PROJECT (made
active in turn): every stack visible to the user with its components, every component
(``list_stack_components_by_type``) with its flavor and configuration as ZenML returns
them, whether the flavor's own config class accepts that configuration (``config_error``,
``validated``), whether ``Stack.from_model`` builds the stack (``load_error``), and the
output of the real CLI commands ``zenml stack list`` and ``zenml stack describe NAME``
(click runner in this process: one ZenML start for all checks).
"""

import json
import sys
import traceback

from click.testing import CliRunner

from zenml.cli.cli import cli
from zenml.client import Client
from zenml.enums import StackComponentType
from zenml.stack import Flavor, Stack


def _err(exc):
    return f"{type(exc).__name__}: {exc}"


def _cli(runner, args):
    result = runner.invoke(cli, args, catch_exceptions=True)
    text = result.output
    if result.exception and not isinstance(result.exception, SystemExit):
        text += "".join(traceback.format_exception(type(result.exception), result.exception, result.exception.__traceback__))
    return {"exit_code": result.exit_code, "output": text}


def dump_project(client, runner):
    out = {"stacks": {}, "components": {}, "cli": {}}
    for stack in client.stacks:
        entry = {str(getattr(t, "value", t)): [c.name for c in comps] for t, comps in stack.components.items()}
        try:
            Stack.from_model(stack)
            entry["load_error"] = None
        except Exception as exc:  # an integration SDK not installed, or a flavor class missing
            entry["load_error"] = _err(exc)
        out["stacks"][stack.name] = entry
    for type_ in StackComponentType:
        for comp in client.list_stack_components_by_type(type_):
            entry = {"flavor": comp.flavor, "configuration": comp.configuration, "config_error": None, "validated": None}
            try:
                flavor = Flavor.from_model(client.get_flavor_by_name_and_type(name=comp.flavor, component_type=comp.type))
                entry["validated"] = json.loads(flavor.config_class(**comp.configuration).json())
            except Exception as exc:
                entry["config_error"] = _err(exc)
            out["components"][f"{type_.value}/{comp.name}"] = entry
    out["cli"]["stack list"] = _cli(runner, ["stack", "list"])
    for name in out["stacks"]:
        out["cli"][f"stack describe {name}"] = _cli(runner, ["stack", "describe", name])
    return out


def main(out_path, projects):
    client = Client()
    out = {
        "zenml_version": __import__("zenml").__version__,
        "active_project": client.active_project.name,
        "active_stack": client.active_stack_model.name,
        "projects": {},
    }
    runner = CliRunner()
    for project in projects:
        try:
            client.set_active_project(project)
        except Exception as exc:
            out["projects"][project] = {"error": _err(exc)}
            continue
        out["projects"][project] = dump_project(Client(), runner)
    with open(out_path, "w") as fh:
        json.dump(out, fh, indent=1, sort_keys=True, default=str)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
