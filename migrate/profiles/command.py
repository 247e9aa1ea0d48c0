"""`migrate profiles`: move stacks, components and flavors out of ZenML 0.13.2 profiles.

Reads the legacy config dir, shows the plan, and only then writes to the one target the user
chose (``--bundle``, ``--store`` or ``--server``). Exit codes: 0 done (or plan shown), 1 some
items were skipped (``--skip-invalid``, conflicts), 2 bad input or usage (nothing written).
"""

import json
import os
import re
import sys
from typing import List, Optional

import typer

from zenml_migrate import redact
from zenml_migrate.output.color import echo
from zenml_migrate.profiles import plan_view, repo as repo_config
from zenml_migrate.profiles.model import NAME_MAX_LENGTH, Action
from zenml_migrate.profiles.plan import PlanError, PlanOptions, build_plan
from zenml_migrate.profiles.readers import default_config_dir, read_legacy
from zenml_migrate.profiles.targets import PlanOnly, Target, TargetError
from zenml_migrate.profiles.yaml_io import InputError


#: the end of `migrate profiles --help`
EXIT_CODES = ("Exit codes: 0 migrated (or the plan shown), 1 some items were skipped (--skip-invalid), 2 a usage error, "
              "input that cannot be read, invalid items or conflicts with the target (nothing written, unless a line "
              "says what was).")

SUPPORTED_VERSIONS = ("0.20.0", "0.20.1", "0.20.2", "0.20.3", "0.20.4", "0.20.5")


def _unsupported_version(version: str) -> str:
    """Why ``--zenml-version VERSION`` is refused, and what to pass: it depends on which side of 0.20 it is."""
    only = f"this migration writes ZenML 0.20.0-0.20.5 only ({', '.join(SUPPORTED_VERSIONS)})"
    found = re.match(r"^v?(\d+)\.(\d+)(?:\.(\d+))?", version.strip())
    if not found:
        return f"--zenml-version {version!r} is not a ZenML version; {only}"
    major, minor = int(found[1]), int(found[2])
    if (major, minor) < (0, 20):
        return (f"--zenml-version {version}: a ZenML before 0.20 has no 0.20 store to migrate into (it uses the profiles "
                f"of a config dir as they are); {only}: pass the 0.20 version the stacks are for")
    if (major, minor) == (0, 20):
        what = "not a full version (0.20.X)" if found[3] is None else "not a ZenML 0.20 release this migration knows"
        return f"--zenml-version {version}: {what}; {only}"
    return (f"--zenml-version {version}: {only}; ZenML 0.21+ changed the store and dropped MLMD: "
            "migrate into 0.20.5 first, then upgrade with ZenML's own migrations")


def _error(message: str) -> typer.Exit:
    """The command line's own error exit (imported late: ``cli`` registers this command)."""
    from zenml_migrate.commands import fail

    return fail(message)


DEFAULT_USER = "default"  # the user a ZenML 0.20 server creates (empty password on a local `zenml up`)


def server_url(value: str) -> str:
    """``--server``: ``host[:port][/path]`` gets ``http://`` (what `zenml up` serves); any
    scheme but http/https is a usage error with the form to use."""
    from urllib.parse import urlsplit

    text = value.strip()

    def split(url: str):
        try:
            return urlsplit(url)
        except ValueError as exc:  # `http://[::1` (an unclosed IPv6 bracket)
            raise _error(f"--server {value!r} is not a server address ({exc}); use http://HOST:PORT (e.g. http://127.0.0.1:8237)") from None

    if "://" not in text:
        url = "http://" + text
        parts = split(url)
        if not parts.hostname:
            raise _error(f"--server {value!r} is not a server address; use http://HOST:PORT (e.g. http://127.0.0.1:8237)")
        echo(f"--server {value}: no scheme given, using {url}")
        return url
    parts = split(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _error(f"--server {value!r}: a ZenML 0.20 server URL is http://HOST:PORT or https://HOST (e.g. http://127.0.0.1:8237)")
    return text


def _target(bundle, store, server, username, overwrite, timeout: float = 30.0) -> Target:
    chosen = [x for x in (bundle, store, server) if x]
    if len(chosen) > 1:
        raise _error("choose one target: --bundle, --store or --server")
    if bundle:
        from zenml_migrate.profiles.targets.bundle import BundleTarget

        target = BundleTarget(bundle, overwrite=overwrite)
        target.check()
        return target
    if store:
        from zenml_migrate.profiles.targets.store import StoreTarget

        return StoreTarget(None if store in ("default", "-") else store)
    if server:
        from zenml_migrate.profiles.targets.rest import RestTarget

        return RestTarget(server_url(server), username or DEFAULT_USER, timeout=timeout)
    return PlanOnly()


def profiles(
    config_dir: Optional[str] = typer.Argument(
        None, help="The ZenML 0.13.2 config dir, its profiles/ dir or one profile dir [default: $ZENML_CONFIG_PATH, else the platform config dir]", show_default=False
    ),
    profile: Optional[List[str]] = typer.Option(None, "--profile", metavar="NAME", help="Migrate only this profile (repeatable; default: all)."),
    prefix: str = typer.Option("", "--prefix", metavar="TEXT", help="Put this in front of every migrated name."),
    flavor_source: List[str] = typer.Option(
        [], "--flavor-source", metavar="OLD=NEW",
        help="The ZenML 0.20 Flavor class (module.Class) of a custom flavor; OLD is its 0.13.2 source or flavor name. Repeatable.",
    ),
    project: str = typer.Option("default", "--project", metavar="NAME", help="The 0.20 project to migrate into (created if missing)."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace same-name items in the target (and a non-empty --bundle dir)."),
    skip_invalid: bool = typer.Option(False, "--skip-invalid", help="Migrate the valid rest, report the invalid items, exit 1."),
    bundle: Optional[str] = typer.Option(None, "--bundle", metavar="DIR", help="Write `zenml stack import` files and import.sh into DIR."),
    store: Optional[str] = typer.Option(None, "--store", metavar="PATH", help="Write into the local 0.20 SQLite store (`default`: the one the 0.20 global config names)."),
    server: Optional[str] = typer.Option(None, "--server", metavar="URL", help="Write to a running ZenML 0.20 server (http://HOST:PORT; http:// is added when missing)."),
    username: Optional[str] = typer.Option(
        None, "--username", metavar="NAME", help="User for --server [default: default, the user ZenML 0.20 creates] (password: $ZENML_STORE_PASSWORD, else a prompt on a terminal)."
    ),
    timeout: float = typer.Option(30.0, "--timeout", metavar="SECONDS", min=1, help="Give up on a --server request that has not fully answered after this long."),
    zenml_version: Optional[str] = typer.Option(
        None, "--zenml-version", metavar="VERSION", help="The ZenML 0.20.x to migrate for [default: the version of the --store/--server, else 0.20.5]."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show the plan for the target and stop: nothing is written."),
    output_format: str = typer.Option("table", "--format", metavar="FORMAT", help="How to print the plan: table or json."),
    report: Optional[str] = typer.Option(None, "--report", metavar="FILE", help="Write a migration report (FILE.md or FILE.html)."),
    repo: Optional[str] = typer.Option(None, "--repo", metavar="PATH", help="Rewrite PATH/.zen/config.yaml to the 0.20 form (with a backup); a pre-0.7 repo's own stacks there are migrated as profile legacy-repository."),
    no_history: bool = typer.Option(False, "--no-history", help="Leave the pipeline run history out (stacks only)."),
    last_runs: Optional[int] = typer.Option(
        None, "--last-runs", metavar="N", min=1,
        help="Migrate only the newest N pipeline runs, and the older runs whose artifacts they use (ZenML 0.20 lists runs in a time that grows with the square of their number).",
    ),
    keep_runs_without_artifacts: bool = typer.Option(
        False, "--keep-runs-without-artifacts",
        help="Also migrate the runs whose artifact store folder is gone (their steps, parameters and statuses; every artifact in that folder is said to be gone, and its `.read()` fails on 0.20). By default they stay out, so that a folder copied back later moves with them.",
    ),
    code: List[str] = typer.Option(
        [], "--code", metavar="DIR",
        help="Folder of the pipeline code the runs came from (repeatable; default: --repo and the scripts the runs recorded): the 0.20 pipeline specs are read from it.",
    ),
    color: Optional[str] = typer.Option(None, "--color", metavar="WHEN", help="auto (a terminal, unless NO_COLOR is set; FORCE_COLOR forces it) | always | never"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Do not print the plan; only errors and what was written."),
) -> None:
    """Move stacks, components and flavors from ZenML 0.13.2 profiles into ZenML 0.20 (plan first)."""
    import time

    from zenml_migrate import cli
    from zenml_migrate.commands import EXIT_ERROR, EXIT_FINDINGS, set_color
    from zenml_migrate.output.words import plural
    from zenml_migrate.progress import for_stderr

    started = time.perf_counter()
    set_color(color)

    redact.redact_command_output()  # no credential read from the input reaches the terminal
    if zenml_version is not None and zenml_version not in SUPPORTED_VERSIONS:
        raise _error(_unsupported_version(zenml_version))
    if output_format not in ("table", "json"):
        raise _error(f"--format must be table or json, not {output_format!r}")
    if report and not report.lower().endswith((".md", ".html", ".htm")):
        raise _error(f"--report {report}: the file name must end in .md or .html")
    if not project.strip():  # an unset shell variable in quotes: it planned "(project )" and wrote a bundle for it
        raise _error(f"--project {project!r}: an empty name names no project; give the ZenML 0.20 project's name (or leave --project out: default)")
    if len(project) > NAME_MAX_LENGTH:  # ZenML 0.20 cannot read a project with a longer name back: every command fails
        raise _error(f"--project: the name has {len(project)} characters; ZenML 0.20 takes at most {NAME_MAX_LENGTH} in a project name")
    if config_dir == "":  # an unset shell variable in quotes: not the default config dir
        raise _error("an empty path ('') names no config dir; give the ZenML 0.13.2 config dir (or no argument for the default)")
    for folder in code:
        if not os.path.isdir(os.path.expanduser(folder)):
            raise _error(f"--code {folder}: not a folder (give the folder of the pipeline code the runs came from)")
    sources = {}
    for item in flavor_source:
        old, sep, new = item.partition("=")
        if not sep or not old.strip() or not new.strip() or "." not in new:
            raise _error(f"--flavor-source {item!r}: expected OLD=module.FlavorClass (OLD: the 0.13.2 source or the flavor name)")
        sources[old.strip()] = new.strip()
    progress = for_stderr(quiet)
    try:
        progress.phase("reading")
        legacy = read_legacy(config_dir or default_config_dir())
        repo_cfg = repo_config.read_repo_config(repo) if repo else None
        legacy.repo = repo_cfg
        repo_profile = repo_config.legacy_profile(repo_cfg, {p.name for p in legacy.profiles}) if repo_cfg else None
        if repo_profile is not None:
            legacy.profiles.append(repo_profile)
        target = _target(bundle, store, server, username, overwrite, timeout)
        existing = target.existing(project)
        plan = build_plan(
            legacy,
            existing,
            PlanOptions(
                profiles=profile or (),
                prefix=prefix,
                project=project,
                overwrite=overwrite,
                import_safe_names=target.import_safe_names,
                zenml_version=zenml_version or (existing.zenml_version if existing.zenml_version in SUPPORTED_VERSIONS else "0.20.5"),
                target=target.describe(),
                history=not no_history,
                last_runs=last_runs,
                keep_runs_without_artifacts=keep_runs_without_artifacts,
                flavor_sources=sources,
                code=[os.path.abspath(os.path.expanduser(c)) for c in code],
            ),
        )
        gone = repo_config.profile_gone(repo_cfg, legacy) if repo_cfg else None
        if gone:
            plan.warnings.append(gone)
        if repo_profile is not None and repo_profile.name not in plan.profiles:
            plan.warnings.append(f"the stacks of the pre-0.7 repository {os.path.dirname(os.path.dirname(repo_cfg.path))} are not "
                                 f"migrated (--profile leaves them out): add --profile {repo_profile.name}")
        redact.register(*plan_view.secret_values(plan))
        if repo_cfg is not None and not dry_run and not isinstance(target, PlanOnly):
            repo_config.check_writable(repo_cfg)  # the rewrite comes after the target is written
    except InputError as e:
        raise _error(str(e.problem) + "\nnothing was written")
    except (TargetError, PlanError) as e:
        raise _error(f"{e}\nnothing was written")
    finally:
        progress.stop()

    if output_format == "json":
        typer.echo(json.dumps(plan_view.plan_json(plan), indent=2, sort_keys=False))
    elif not quiet:
        plan_view.print_plan(plan)

    blocked = [i for i in [*plan.flavors, *plan.components, *plan.stacks] if i.action == Action.CONFLICT]
    if plan.problems and not skip_invalid:
        for p in plan.problems:
            echo(f"error: {p}", "red")
        echo(f"{plural(len(plan.problems), 'invalid item')}: fix them, or pass --skip-invalid to migrate the valid rest; nothing was written")
        raise typer.Exit(EXIT_ERROR)
    if blocked and not skip_invalid and not isinstance(target, PlanOnly):
        echo(
            f"error: {plural(len(blocked), 'item')} {'conflicts' if len(blocked) == 1 else 'conflict'} with the target (see the plan): "
            "use --overwrite, --prefix or --skip-invalid; nothing was written",
            "red",
        )
        raise typer.Exit(EXIT_ERROR)
    skipped = bool(plan.problems or blocked)
    for p in plan.problems:  # --skip-invalid: say what is left behind, then migrate the rest
        echo(f"skipped: {p}", "yellow")

    result = None
    todo = []  # "next:" lines, printed last: only what is still to be done
    if isinstance(target, PlanOnly) or dry_run:
        if not quiet and output_format == "table":
            how = "run again without --dry-run" if dry_run and not isinstance(target, PlanOnly) else "pass --bundle DIR, --store PATH or --server URL"
            echo(f"nothing was written ({'--dry-run' if dry_run else 'no target'}): {how} to migrate")
    else:
        flavors, components, stacks = plan.writable()
        if not (flavors or components or stacks or plan.history_writes()):
            echo(f"nothing to write: everything is already migrated to {target.describe()}")
        else:
            progress = for_stderr(quiet)
            try:
                progress.phase("writing")
                result = target.write(plan)
            except TargetError as e:
                raise _error(str(e) if e.partial else f"{e}\nnothing was written")
            finally:
                progress.stop()
            if result.created or result.updated:
                replaced = f"replaced {plural(len(result.updated), 'item')}" if result.updated else ""
                if result.created:
                    echo(f"wrote {result.summary()}{' and ' + replaced if replaced else ''} to {target.describe()}", "green")
                else:
                    echo(f"{replaced} in {target.describe()}", "green")
            for message in result.done:
                echo(message)
            todo.extend(result.messages)
    if quiet and output_format == "table" and not dry_run and not isinstance(target, PlanOnly):
        for line in plan_view.history_left(plan):  # data not written: said with -q too (the plan is not printed)
            echo(line, "yellow")
    if repo_cfg is not None and (dry_run or isinstance(target, PlanOnly)):
        echo(f"{repo_cfg.path} left as it is: the repo config is rewritten when a target is written")
    if repo_cfg is not None and not dry_run and not isinstance(target, PlanOnly):
        try:
            written = repo_config.rewrite(repo_cfg, plan, result.stack_ids if result else None)
        except InputError as e:
            raise _error(str(e.problem))
        if written:
            echo(f"rewrote {repo_cfg.path} for ZenML 0.20 (backup: {written})")
    report_error = None
    if report:
        from zenml_migrate.profiles.report import write_report

        try:
            write_report(report, plan, result, dry_run=dry_run or isinstance(target, PlanOnly))
        except OSError as e:  # said after the next steps: what was written above stays written
            done = "" if result is None else "; the migration above is written, only the report is missing"
            report_error = f"{report}: cannot write the report ({e.strerror}{done})"
        else:
            echo(f"report: {report}")
    for message in todo:
        echo(f"next: {message}")
    if report_error:
        raise _error(report_error)
    if cli.VERBOSE:  # the root -v/--verbose (accepted after the command too)
        echo(f"read, planned{'' if result is None else ' and wrote'} in {time.perf_counter() - started:.2f} s")
    if skipped:
        echo(f"{plural(len(plan.problems) + len(blocked), 'item')} skipped (see above)", "yellow")
        raise typer.Exit(EXIT_FINDINGS)  # some items skipped
    sys.stdout.flush()
