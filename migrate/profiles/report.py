"""``--report FILE.md|FILE.html``: the migration report, written in Markdown with jinja2 (the
HTML page is that Markdown rendered, so both say the same).

What moved, what changed (each change with its reason), what was dropped and why (metadata
stores with their run counts and where the history stays), what to do next.
"""

import os
from typing import Optional

import jinja2

from zenml_migrate.output.words import plural
from zenml_migrate.profiles.model import Action, Plan
from zenml_migrate.profiles.plan_view import history_summary
from zenml_migrate.profiles.targets import WriteResult
from zenml_migrate.profiles.targets.validate import flavor_writable, register_later, skipped_flavor_message
from zenml_migrate.redact import REDACTOR, is_secret_reference
from zenml_migrate.tempfiles import mkstemp_near

TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")


def _env(html: bool = False) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def _next_steps(plan: Plan, result: Optional[WriteResult], dry_run: bool):
    steps = []
    flavors, components, stacks = plan.writable()
    if dry_run:
        steps.append("Nothing was written: run again with a target (--bundle DIR, --store PATH or --server URL) to migrate.")
    ported = [pf for pf in flavors if pf.needs_flavor_class]
    if result is not None:  # (the writer's "flavor X not registered" is said once, by the step below)
        said = {skipped_flavor_message(pf) for pf in ported}
        steps.extend(m for m in result.messages if m not in said)
    for pf in ported:
        steps.append(
            f"Write a ZenML 0.20 Flavor class for the {pf.legacy.type} flavor {pf.target_name!r} "
            f"(0.13.2 source {pf.legacy.source}), then {register_later(pf)}."
        )
    if any(c.removed.get("docker_parent_image") or c.removed.get("custom_docker_base_image_name") or c.removed.get("base_image")
           or c.removed.get("docker_base_image") for c in components):
        steps.append("Move the removed docker_parent_image values into your pipelines: "
                     "`@pipeline(settings={'docker': DockerSettings(parent_image=...)})` (`migrate code` does the code).")
    if any(not is_secret_reference(c.target_config.get(k)) for c in components for k in c.secret_keys):
        steps.append("Some components hold credentials in plain text: move them into a secrets manager when you can.")
    if plan.active_stack:
        if plan.active_stack_is_suggestion:
            steps.append(f"Several profiles were merged: choose your active stack, e.g. `{plan.stack_set_command()}`.")
        else:
            steps.append(f"Your active stack becomes {plan.active_stack} (by hand: `{plan.stack_set_command()}`).")
    if plan.problems:
        steps.append("Fix the invalid items listed below and run the migration again; already migrated items are recognised.")
    return steps


def render(plan: Plan, result: Optional[WriteResult] = None, fmt: str = "md", dry_run: bool = False) -> str:
    """The report as Markdown, or (``fmt="html"``) that Markdown rendered into one HTML page."""
    flavors, components, stacks = plan.writable()
    dropped = [c for c in plan.components if c.action == Action.DROP]
    context = {
        "plan": plan,
        "result": result,
        "dry_run": dry_run,
        "moved_stacks": stacks,
        "moved_components": components,
        "moved_flavors": [f for f in flavors if flavor_writable(f)],
        "unregistered": [f for f in flavors if not flavor_writable(f)],
        "changed": [i for i in [*plan.flavors, *plan.components, *plan.stacks] if i.action == Action.CHANGE],
        "dropped": dropped,
        "conflicts": [i for i in [*plan.flavors, *plan.components, *plan.stacks] if i.action == Action.CONFLICT],
        "done": [i for i in [*plan.flavors, *plan.components, *plan.stacks] if i.action == Action.DONE],
        "histories": [(p, h) for p in plan.source.profiles if p.name in plan.profiles for h in p.history if not h.never_used],
        "profiles": [p for p in plan.source.profiles if p.name in plan.profiles],
        "counts": plan.counts(),
        "run_summary": history_summary(plan),
        "next_steps": _next_steps(plan, result, dry_run),
        "plural": plural,
    }
    text = _env().get_template("report.md.j2").render(**context)
    return markdown_page(text, f"ZenML 0.13.2 to {plan.zenml_version} migration report") if fmt == "html" else text


def markdown_page(text: str, title: str) -> str:
    """One self-contained HTML page from Markdown (tables included); text is escaped, the
    Markdown's own ``<br>`` in table cells is the only markup kept."""
    import html

    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.add_render_rule("text", lambda self, tokens, idx, options, env: html.escape(tokens[idx].content))
    body = md.render(text).replace("&lt;br&gt;", "<br>")
    return _env(html=True).get_template("report_page.html.j2").render(title=title, body=body)


def write_report(path: str, plan: Plan, result: Optional[WriteResult] = None, dry_run: bool = False) -> None:
    """Written atomically, mode 0644 less the umask: a report holds no credential (0600 is
    for files that do)."""
    fmt = "html" if path.lower().endswith((".html", ".htm")) else "md"
    text = REDACTOR.text(render(plan, result, fmt, dry_run))  # no credential of the input in the report
    fd, tmp = mkstemp_near(path, "report")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
