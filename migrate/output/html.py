"""One self-contained HTML page (no script, font or style from the network) that shows the
size of the migration: totals, a per-rule and a per-folder breakdown of what ``migrate code
--fix`` rewrites versus what ``--unsafe-fixes`` would and what is left for a human, then every
finding with its code snippet."""

import os
import time
from collections import defaultdict
from itertools import groupby
from typing import Dict, List, Optional

from zenml_migrate import __version__
from zenml_migrate.output.common import (
    UNREADABLE, counts, display_path, excluded_sentence, ignored_sentence, incomplete_sentence, linked_sentences, items, location, scanned_phrase,
)
from zenml_migrate.output.source import Sources, clip, printable
from zenml_migrate.output.words import plural

KINDS = ("safe", "unsafe", "human")
OPEN_FILES = 30  # up to this many files are shown expanded
CONTEXT = 2


def _kind(f) -> str:
    if f.code == UNREADABLE:
        return "error"
    return f.fix if f.fix in ("safe", "unsafe") else "human"


def _tally(findings) -> Dict[str, int]:
    out = {k: 0 for k in KINDS}
    for f in findings:
        k = _kind(f)
        if k in out:
            out[k] += 1
    out["total"] = sum(out[k] for k in KINDS)
    return out


MAX_FOLDERS = 40  # rows of the per-folder table: folders are grouped to the depth that fits


def _folder(path: str, depth: int) -> str:
    parts = os.path.dirname(path.replace("\\", "/")).split("/")
    parts = [p for p in parts if p not in ("", ".")]
    return "/".join(parts[:depth]) + "/" if parts else "./"


def _folder_depth(paths) -> int:
    """The deepest folder level at which the per-folder table has at most MAX_FOLDERS rows."""
    deepest = max((len([p for p in os.path.dirname(x.replace("\\", "/")).split("/") if p not in ("", ".")]) for x in paths), default=0)
    best = 1
    for depth in range(1, deepest + 1):
        if len({_folder(x, depth) for x in paths}) > MAX_FOLDERS:
            break
        best = depth
    return best


def _snippet(f, lines: Optional[List[str]], column=None):
    """[(number, before, marked, after)] around the finding; the flagged part is marked
    (``column(n, col, end)``: ``Sources.column``, a column on disk in the masked line shown)."""
    column = column or (lambda n, col, end=False: col)  # noqa: E731
    if not lines or f.span.line > len(lines):
        return []
    last = min(max(f.span.end_line, f.span.line), len(lines))
    rows = []
    for n in range(max(1, f.span.line - CONTEXT), min(len(lines), min(last, f.span.line + 5) + CONTEXT) + 1):
        text = lines[n - 1]
        if f.span.line <= n <= last:
            lo = column(n, f.span.column - 1) if n == f.span.line else len(text) - len(text.lstrip())
            hi = column(n, f.span.end_column - 1, True) if n == last else len(text)
            hi = max(hi, lo + 1)
            text, moved = clip(text, lo, hi)
            lo, hi = lo + moved, min(hi + moved, len(text))
            rows.append((n, printable(text[:lo]), printable(text[lo:hi]) or " ", printable(text[hi:])))
        else:
            rows.append((n, printable(clip(text)[0]), "", ""))
    return rows


def context(report, rules, options) -> dict:
    from zenml_migrate.rules import get_rule

    found = items(report)
    findings = [f for f in found if f.code != UNREADABLE]
    sources = Sources(options.stdin)
    by_rule: Dict[str, list] = defaultdict(list)
    by_folder: Dict[str, list] = defaultdict(list)
    depth = _folder_depth({f.path for f in findings})
    for f in findings:
        by_rule[f.code].append(f)
        by_folder[_folder(f.path, depth)].append(f)
    rule_rows = []
    for code, group in sorted(by_rule.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        rule = get_rule(code)
        # findings in a file a legacy reader keeps (``Rule.kept_message``): the rule's advice is not theirs
        kept = sum(1 for f in group if rule and rule.kept_message and f.message.startswith(rule.kept_message))
        every = kept == len(group)
        rule_rows.append({
            "code": code, "name": rule.name if rule else "", "message": (rule.kept_message if every else rule.message) if rule else "",
            "instead": rule.instead if rule and not every else "", "fix": rule.fix.value if rule else "none",
            "files": len({f.path for f in group}), "tally": _tally(group),
            "kept": kept if not every else 0, "kept_message": rule.kept_message if rule else "",
        })
        # the fix of these findings, not of the rule: an occurrence may have none (a run config
        # `zenml pipeline run -c` still reads, no tracker name) or only an unsafe one
        tally = rule_rows[-1]["tally"]
        rule_rows[-1]["levels"] = [(kind, tally[kind]) for kind in KINDS if tally[kind]]
    folder_rows = [
        {"folder": folder, "files": len({f.path for f in group}), "tally": _tally(group)}
        for folder, group in sorted(by_folder.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    hidden = folder_rows[MAX_FOLDERS:]  # only when even the top level has more folders
    folder_rows = folder_rows[:MAX_FOLDERS]
    if hidden:
        rest = [f for row in hidden for f in by_folder[row["folder"]]]
        folder_rows.append({"folder": f"{len(hidden)} more folders", "files": len({f.path for f in rest}), "tally": _tally(rest)})
    for row in folder_rows:
        row["folder"] = display_path(row["folder"])
    files = []
    for path, group in groupby(found, key=lambda f: f.path):
        group = list(group)
        files.append({
            "path": display_path(path),
            "tally": _tally(group),
            "errors": sum(1 for f in group if f.code == UNREADABLE),
            "findings": [
                {"where": location(f), "line": f.span.line, "cell": f.cell, "code": f.code, "message": f.message,
                 "kind": _kind(f), "snippet": _snippet(f, sources.lines(f.path, f.cell), sources.columns_of(f))}
                for f in group
            ],
        })
    c = counts(report)
    total = _tally(findings)
    return {
        "version": __version__,
        "generated": time.strftime("%Y-%m-%d %H:%M"),
        "paths": options.extra.get("paths") or ["."],
        "c": c,
        "total": total,
        "rules": rule_rows,
        "folders": folder_rows,
        "files": files,
        "open_files": len(files) <= OPEN_FILES,
        "plural": plural,
        "scanned": scanned_phrase(c),
        "incomplete": incomplete_sentence(c),
        "ignored": ignored_sentence(report),
        "excluded": excluded_sentence(report),
        "linked": "; ".join(linked_sentences(report)),
        "max_rule": max([r["tally"]["total"] for r in rule_rows] or [1]),
        "max_folder": max([r["tally"]["total"] for r in folder_rows] or [1]),
    }


def markdown_inline(text: str) -> str:
    """Rule messages are Markdown (backticks): as HTML, escaped."""
    from markupsafe import Markup

    return Markup(_markdown().renderInline(text))


def _cached(fn):
    memo: Dict[str, str] = {}

    def inner(text):
        if text not in memo:
            memo[text] = fn(text)
        return memo[text]

    return inner


def _markdown():
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt

        _MD = MarkdownIt("commonmark", {"html": False})
    return _MD


_MD = None


def render(report, rules, out, options):
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = _cached(markdown_inline)
    out.write(env.get_template("scan.html.j2").render(**context(report, rules, options)))
