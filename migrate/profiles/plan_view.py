"""Showing a plan: a table that fits the terminal for people, a JSON document for machines."""

import sys
from typing import Dict, List, Optional, Set, TextIO, Tuple

from zenml_migrate.output.table import wrap
from zenml_migrate.profiles import flavors_020
from zenml_migrate.profiles.history_plan import REWRITTEN_NOTE
from zenml_migrate.profiles.model import Action, Plan
from zenml_migrate.redact import mask_config, masked, names_a_user, printable, scrub_url
from zenml_migrate.redact import secret_values as redact_values

STYLES = {
    Action.MIGRATE: "green",
    Action.CHANGE: "yellow",
    Action.DROP: "red",
    Action.CONFLICT: "bold red",
    Action.DONE: "dim",
    Action.NO_CLASS: "yellow",
}


def secret_values(plan: Plan) -> Set[str]:
    """Every credential the plan's input holds (to hunt it in any text printed or written):
    values of schema-marked and secret-looking keys, URL passwords, in every profile read."""
    out: Set[str] = set()
    hunted = {id(pc.legacy): [k for k in pc.secret_keys if not names_a_user(k)] for pc in plan.components}  # not user names
    for profile in plan.source.profiles:
        out |= redact_values({"store_url": profile.store_url})
        for comp in profile.components:
            out |= redact_values(comp.config, hunted.get(id(comp), ()), shown=flavors_020.name_keys(comp.type, comp.flavor))
    for pc in plan.components:
        keys = hunted[id(pc.legacy)]
        out |= redact_values(pc.target_config, keys, shown=pc.name_keys) | redact_values(pc.removed, keys)
    return out


def rows(plan: Plan) -> List[Dict[str, object]]:
    """One row per flavor, component and stack, in plan order."""
    out: List[Dict[str, object]] = []
    for pf in plan.flavors:
        out.append({
            "profile": pf.profile, "kind": "flavor", "type": pf.legacy.type, "name": pf.legacy.name,
            "action": pf.action.value, "target_name": pf.target_name, "flavor": None,
            "source": pf.legacy.source, "flavor_source": pf.flavor_source,
            "needs_flavor_class": pf.needs_flavor_class, "notes": list(pf.notes),
        })
    for pc in plan.components:
        out.append({
            "profile": pc.profile, "kind": "component", "type": pc.legacy.type, "name": pc.legacy.name,
            "action": pc.action.value, "target_name": pc.target_name, "flavor": pc.target_flavor,
            "legacy_flavor": pc.legacy.flavor, "id": pc.new_id,
            "configuration": mask_config(pc.target_config, pc.secret_keys, pc.name_keys),
            "removed": mask_config(pc.removed, pc.secret_keys), "secret_keys": pc.secret_keys, "custom_flavor": pc.custom_flavor,
            "origin": str(pc.legacy.origin), "notes": list(pc.notes),
        })
    for ps in plan.stacks:
        out.append({
            "profile": ps.profile, "kind": "stack", "type": None, "name": ps.legacy.name,
            "action": ps.action.value, "target_name": ps.target_name, "id": ps.new_id,
            "components": {t: c.target_name for t, c in sorted(ps.components.items())},
            "active": ps.active, "profile_active": ps.profile_active,
            "origin": str(ps.legacy.origin), "notes": list(ps.notes),
        })
    return out


def run_rows(plan: Plan) -> List[Dict[str, object]]:
    return [{
        "profile": r.profile, "pipeline": r.pipeline, "name": r.name, "action": r.action.value,
        "target_name": r.target_name, "target_pipeline": r.target_pipeline, "status": r.status,
        "steps": r.steps, "artifacts": r.artifacts, "stack": r.stack, "target_stack": r.target_stack,
        "source": r.source, "notes": list(r.notes),
    } for r in plan.runs]


#: runs named in one grouped line of the run history summary; the rest are counted (--format json names each run)
GROUP_NAMES_SHOWN = 3


def _runs_named(names: List[str]) -> str:
    shown = ", ".join(names[:GROUP_NAMES_SHOWN])
    more = len(names) - GROUP_NAMES_SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def _grouped(said: List[Tuple[Optional[str], str]], one: str = "run {}: ") -> List[str]:
    """``(run name, what is said of it)`` pairs as lines, one line per text said of several runs (a
    thousand runs of a gone artifact store, or past --last-runs, are one line, not a thousand):
    ``run r1: text`` (``one`` says how one run is named), ``3 runs (r1, r2, r3): text``; a pair without a
    run name is its text alone."""
    by_text: Dict[str, List[str]] = {}
    order: List[Tuple[Optional[str], str]] = []
    for name, text in said:
        if name is None:
            order.append((None, text))
            continue
        if text not in by_text:
            by_text[text] = []
            order.append((text, text))
        by_text[text].append(name)
    lines = []
    for key, text in order:
        if key is None:
            lines.append(text)
        elif len(by_text[key]) == 1:
            lines.append(one.format(by_text[key][0]) + text)
        else:
            lines.append(f"{len(by_text[key])} runs ({_runs_named(by_text[key])}): {text}")
    return lines


def history_summary(plan: Plan) -> List[Dict[str, object]]:
    """Per profile and pipeline: runs/steps/artifacts that move, and the runs that do not (with why);
    what is said of several runs alike is one line for them all."""
    groups: Dict[tuple, Dict[str, object]] = {}
    said: Dict[tuple, Tuple[list, list]] = {}  # (not moved, renamed/other): (run name or None, text)
    for r in plan.runs:
        key = (r.profile, r.pipeline)
        g = groups.setdefault(key, {
            "profile": r.profile, "pipeline": r.pipeline, "target_pipeline": r.target_pipeline,
            "runs": 0, "steps": 0, "artifacts": 0, "done": 0, "not_moved": [], "renamed": []})
        not_moved, renamed = said.setdefault(key, ([], []))
        if r.action in (Action.MIGRATE, Action.CHANGE):
            g["runs"] += 1
            g["steps"] += r.steps
            g["artifacts"] += r.artifacts
            g["target_pipeline"] = r.target_pipeline or "(unlisted)"  # "": imported without a pipeline (see the notes)
            if REWRITTEN_NOTE in r.notes:
                renamed.append((r.name, "finished since it was migrated while running: written again"
                                + (f" as {r.target_name}" if r.target_name != r.name else "")))
            elif r.target_name != r.name:
                renamed.append((None, f"run {r.name} -> {r.target_name}"))
            if r.gone:
                renamed.append((r.name, f"{len(r.gone)} output artifact{'s' if len(r.gone) != 1 else ''} gone from disk "
                                f"({', '.join(r.gone)}): migrated with {'their paths' if len(r.gone) != 1 else 'its path'} in the artifact store, "
                                f"`.read()` of {'them' if len(r.gone) != 1 else 'it'} fails"))
            if r.status == "running":
                renamed.append((r.name, "written as running (a step has not finished: interrupted, or still running; "
                                "migrate again once it has finished)"))
            if r.target_pipeline and r.target_pipeline != r.pipeline and (None, f"pipeline -> {r.target_pipeline}") not in renamed:
                renamed.append((None, f"pipeline -> {r.target_pipeline}"))
        elif r.action == Action.DONE:
            g["done"] += 1
        else:
            not_moved.append((r.name, r.notes[-1] if r.notes else "not migrated"))
    for key, g in groups.items():
        g["not_moved"] = _grouped(said[key][0], one="{}: ")
        g["renamed"] = _grouped(said[key][1])
    return list(groups.values())


def plan_json(plan: Plan) -> dict:
    src = plan.source
    return {
        "source": src.path,
        "target": plan.target,
        "project": plan.project,
        "project_exists": plan.project_exists,
        "zenml_version": plan.zenml_version,
        "profiles": [
            {
                "name": p.name, "store_type": p.store_type, "store_url": scrub_url(p.store_url),
                "active_stack": p.active_stack, "selected": p.name in plan.profiles,
                "notes": plan.profile_notes.get(p.name, []),
                "history": [masked(h.summary()) for h in p.history],
            }
            for p in src.profiles
        ],
        "items": rows(plan),
        "counts": plan.counts(),
        "active_stack": plan.active_stack,
        "active_stack_is_suggestion": plan.active_stack_is_suggestion,
        "problems": [
            {"path": p.origin.path, "line": p.origin.line, "message": p.message, "hint": p.hint, "item": p.item}
            for p in plan.problems
        ],
        "warnings": list(plan.warnings),
        "history": {"pipelines": history_summary(plan), "runs": run_rows(plan), "notes": list(plan.history_notes)},
    }


PLAN_COLUMNS = ("profile", "item", "name", "action", "0.20 name", "changes / reasons")


def plan_cells(plan: Plan) -> Tuple[List[List[str]], List[Dict[int, str]]]:
    """The plan table's rows (one per flavor, component and stack) and their styles."""
    cells, styles = [], []
    for r in rows(plan):
        kind = r["kind"] if r["kind"] == "stack" else f"{r['type']} {'flavor' if r['kind'] == 'flavor' else ''}".strip()
        if r["kind"] == "component" and r["flavor"]:
            kind = f"{r['type']} ({r['flavor']})"
        action = Action(r["action"])
        name = "-" if action == Action.DROP else r["target_name"] + (" (active)" if r.get("active") else "")
        cells.append([printable(x) for x in (r["profile"], kind, r["name"], action.value, name)] + ["\n".join(printable(n) for n in r["notes"])])
        styles.append({3: STYLES[action]})
    return cells, styles


def print_plan(plan: Plan, out: Optional[TextIO] = None, width: Optional[int] = None) -> None:
    """The plan as a table that fits the terminal (``COLUMNS`` when set; notes go under their
    row, or rows become blocks, when the columns do not fit), then the notes and the summary."""
    from zenml_migrate.output.color import paint_for
    from zenml_migrate.output.table import Column, render_table, terminal_width

    out = out or sys.stdout
    width = width or terminal_width()
    paint = paint_for(out)
    columns = [Column(h, below=(h == "changes / reasons")) for h in PLAN_COLUMNS]
    cells, styles = plan_cells(plan)
    title = printable(f"Migration plan: {plan.source.path} -> {plan.target} (project {plan.project})")
    out.write(render_table(columns, cells, width, paint, styles, title=title, heading=(0, 1, 2)))
    _print_history(plan, out, width, paint)
    notes = [(printable(f"{name}:"), "bold", printable(note)) for name in plan.profiles for note in plan.profile_notes.get(name, [])]
    notes += [("note:", "yellow", printable(w)) for w in plan.warnings]
    for head, style, text in notes:
        first, *rest = wrap(f"{head} {text}", width)
        out.write(paint(style, head) + first[len(head):] + "\n")
        out.write("".join(f"  {line}\n" for line in wrap(" ".join(rest), max(20, width - 2)) if rest))
    counts = plan.counts()
    summary = ", ".join(f"{n} {a}" for a, n in sorted(counts.items())) or "nothing to migrate"
    runs = plan.writable_runs()
    if runs:
        n = len(runs)
        steps = sum(r.steps for r in runs)
        summary += f"; run history: {n} {'run' if n == 1 else 'runs'} ({steps} {'step' if steps == 1 else 'steps'}) to migrate"
    left = sum(1 for r in plan.runs if r.action == Action.DROP)
    if left:
        summary += f"{', ' if runs else '; run history: '}{left} {'run' if left == 1 else 'runs'} not migrated (said under Run history)"
    links = plan.run_links()
    if links:
        summary += f"; {len(links)} {'run' if len(links) == 1 else 'runs'} imported unlisted before {'joins its pipeline' if len(links) == 1 else 'join their pipelines'}"
    # several profiles merged: no stack becomes active (the note above says which to set); it
    # said "active stack: dev_team_a" while the 0.20 active stack stayed "default"
    which = "suggested active stack" if plan.active_stack_is_suggestion else "active stack"
    active = f"; {which}: {printable(plan.active_stack)}" if plan.active_stack else ""
    out.write("".join(paint("bold", line) + "\n" for line in wrap(summary + active, width)))


def history_left(plan: Plan) -> List[str]:
    """What of the run history is not migrated, in a line each (``-q`` prints no plan, only these
    and what was written): the history notes and the count of runs left."""
    left = sum(1 for r in plan.runs if r.action == Action.DROP)
    lines = [printable(f"run history: {note}") for note in plan.history_notes]
    if left:
        lines.append(f"run history: {left} {'run' if left == 1 else 'runs'} not migrated (run without -q to see why)")
    return lines


def _print_history(plan: Plan, out: TextIO, width: int, paint) -> None:
    from zenml_migrate.output.table import Column, render_table

    summary = history_summary(plan)
    if summary:
        columns = [Column("profile"), Column("pipeline"), Column("0.20 pipeline"), Column("runs", right=True),
                   Column("steps", right=True), Column("artifacts", right=True), Column("not moved / renamed", below=True)]
        cells = []
        for g in summary:
            left = list(g["not_moved"]) + list(g["renamed"]) + ([f"{g['done']} already migrated"] if g["done"] else [])
            cells.append([printable(str(g[k])) for k in ("profile", "pipeline", "target_pipeline", "runs", "steps", "artifacts")]
                         + ["\n".join(printable(x) for x in left)])
        out.write("\n" + render_table(columns, cells, width, paint, title="Run history", heading=(0, 1)))
    for note in plan.history_notes:
        first, *rest = wrap(f"run history: {printable(note)}", width)
        out.write(paint("yellow", "run history:") + first[len("run history:"):] + "\n")
        out.write("".join(f"  {line}\n" for line in wrap(" ".join(rest), max(20, width - 2)) if rest))
