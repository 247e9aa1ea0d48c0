"""What every format shares: the findings in order, where a finding is, the fix marker,
plural words and the one-line summary."""

import os
from collections import Counter
from dataclasses import dataclass, field
from typing import List, Optional

from zenml_migrate.findings import Finding
from zenml_migrate.output.words import plural
from zenml_migrate.rules import UNREADABLE_FILE

UNREADABLE = UNREADABLE_FILE.code


@dataclass
class RenderOptions:
    """How a report is rendered."""

    color: bool = False
    statistics: bool = False
    quiet: bool = False
    stdin: Optional[tuple] = None  # (filename, bytes): snippets of what was read from stdin
    extra: dict = field(default_factory=dict)


def items(report) -> List[Finding]:
    """Findings and unreadable files (ZM001), in output order."""
    out = list(report.findings) + [d.as_finding() for d in report.diagnostics]
    out.sort(key=Finding.sort_key)
    return out


def display_path(path: str) -> str:
    """A path as printed: control characters in a file name (an escape sequence, a newline)
    shown escaped (``a\\x1b[31m.py``), never sent to a terminal or into a one-line format."""
    if path.isprintable():
        return path
    from zenml_migrate.output.source import escape_controls

    return escape_controls(path)


def location(f: Finding) -> str:
    """``path:line:col`` (``path:cell N:line:col`` in a notebook), the same in every format."""
    cell = f"cell {f.cell}:" if f.cell else ""
    return f"{display_path(f.path)}:{cell}{f.span.line}:{f.span.column}"


def counts(report) -> dict:
    findings = report.findings
    whole = {d.path for d in report.diagnostics if d.cell is None and not d.partial}  # files not scanned at all
    # cells that could not be parsed: the rest of the notebook was. A notebook's cell is one cell
    # whatever number of ZM001s it has (its own Python and the body of its ``%%writefile x.py``);
    # a text notebook's partial diagnostics carry no cell number: each is told by its line
    cells = {(d.path, "cell", d.cell) if d.cell is not None else (d.path, "line", d.line) for d in report.diagnostics if d.cell is not None or d.partial}
    listed = {j.path for j in report.jobs} if getattr(report, "jobs", None) else whole  # a missing path was never seen
    jobs = {j.path for j in getattr(report, "jobs", None) or ()}
    folders = {p for p in whole - jobs if os.path.isdir(p)}  # a folder that could not be listed
    whole -= folders
    return {
        "findings": len(findings),
        "files_with_findings": len({f.path for f in findings}),
        "safe": sum(1 for f in findings if f.fix == "safe"),
        "unsafe": sum(1 for f in findings if f.fix == "unsafe"),
        "unreadable": len(whole),
        "unparsed_cells": len(cells),
        "unlisted_folders": len(folders),
        "files": report.files_seen,
        "scanned": max(report.files_seen - len(whole & listed), 0),
    }


def scanned_phrase(c: dict) -> str:
    """``5 files`` or, when some could not be scanned, ``4 of 5 files``."""
    if c["scanned"] == c["files"]:
        return plural(c["files"], "file")
    return f"{c['scanned']:,} of {plural(c['files'], 'file')}"


def incomplete_sentence(c: dict) -> Optional[str]:
    """What could not be scanned (ZM001), or None: whole files and notebook cells apart (a
    notebook with a broken cell was scanned, its other cells' findings are listed)."""
    parts = []
    if c["unreadable"]:
        parts.append(f"{plural(c['unreadable'], 'file')} could not be scanned")
    if c["unlisted_folders"]:
        parts.append(f"{plural(c['unlisted_folders'], 'folder')} could not be listed")
    if c["unparsed_cells"]:
        parts.append(f"{plural(c['unparsed_cells'], 'notebook cell')} could not be parsed")
    return f"{' and '.join(parts)} ({UNREADABLE})" if parts else None


def ignored_sentence(report) -> Optional[str]:
    """The Python files, notebooks and dotenv files (setting a ZenML variable) a .gitignore hid
    (not scanned), or None: a jupytext set-up ignores ``*.ipynb``, and its notebooks were skipped
    without a word; a ``.env`` is git-ignored as a rule."""
    hidden = getattr(report, "ignored", None) or []
    if not hidden:
        if getattr(report, "ignored_more", False):  # outside git: its hidden files were scanned, up to a cap
            from zenml_migrate.scan.discovery import IGNORED_LOOK_CAP

            return (f"more files in folders a .gitignore hides were not looked at (over {IGNORED_LOOK_CAP} entries): "
                    "name the files to scan them (`migrate scan FILE...`)")
        return None
    from zenml_migrate.scan.discovery import is_notebook, kind_of

    notebooks = sum(1 for p in hidden if is_notebook(p))
    dotenv = sum(1 for p in hidden if kind_of(p) == "env")
    counts = ((len(hidden) - notebooks - dotenv, "Python file"), (notebooks, "notebook"), (dotenv, "dotenv file"))
    kinds = [plural(n, word) for n, word in counts if n]
    at_least = "at least " if getattr(report, "ignored_more", False) else ""
    named = ", ".join(display_path(p) for p in sorted(hidden)[:3]) + (", ..." if len(hidden) > 3 else "")
    verb = "was" if len(hidden) == 1 and not at_least else "were"
    return (f"{at_least}{' and '.join(kinds)} ignored by .gitignore {verb} not scanned ({named}): "
            "name a file to scan it (`migrate scan FILE`; a folder given still honours .gitignore)")


def excluded_sentence(report) -> Optional[str]:
    """The files named on the command line that the exclude patterns skipped, or None (with all
    of them skipped, the summary said "No file to scan in the paths given (Python, ...)" of a
    Python file). Pre-commit names excluded files too: they stay unscanned, as configured."""
    named = getattr(report, "excluded", None) or []
    if not named:
        return None
    shown = ", ".join(display_path(p) for p in named[:3]) + (", ..." if len(named) > 3 else "")
    return (f"{plural(len(named), 'file')} named {'was' if len(named) == 1 else 'were'} not scanned: "
            f"{'it matches' if len(named) == 1 else 'they match'} the exclude patterns ({shown}; "
            "--exclude, --extend-exclude, [tool.zenml-migrate] exclude)")


def linked_sentences(report) -> List[str]:
    """The symlinks below a folder given that were not scanned (``discovery.Discovered.links``)."""
    links = getattr(report, "links", None) or []
    files = [(p, t) for p, t in links if not t.endswith("/")]
    folders = [(p, t.rstrip("/")) for p, t in links if t.endswith("/")]
    out = []
    if files:
        shown = ", ".join(f"{display_path(p)} -> {display_path(t)}" for p, t in files[:3]) + (", ..." if len(files) > 3 else "")
        out.append(f"{plural(len(files), 'symlink')} to a file of the project {'was' if len(files) == 1 else 'were'} "
                   f"scanned once, under the file's own path ({shown})")
    if folders:
        shown = ", ".join(f"{display_path(p)} -> {t}" for p, t in folders[:3]) + (", ..." if len(folders) > 3 else "")
        name = display_path(folders[0][0])
        out.append(f"{plural(len(folders), 'symlinked folder')} outside the folder given {'was' if len(folders) == 1 else 'were'} "
                   f"not scanned ({shown}): name it to scan it (`migrate scan {name}/`)")
    return out


def skipped_sentences(report) -> List[str]:
    """What the scan was told to skip or did not follow, one sentence each (no final period)."""
    return [s for s in (ignored_sentence(report), excluded_sentence(report)) if s] + linked_sentences(report)


def hidden_phrase(report) -> str:
    """``"4 ignored: 3 by # migrate: ignore, 1 by per-file-ignores"``, or "" when nothing was."""
    marks, per_file = getattr(report, "hidden", 0), getattr(report, "hidden_per_file", 0)
    ways = [f"{n:,} by {how}" for n, how in ((marks, "`# migrate: ignore`"), (per_file, "per-file-ignores")) if n]
    return f"{marks + per_file:,} ignored: {', '.join(ways)}" if ways else ""


def summary_lines(report, options: Optional[RenderOptions] = None) -> List[str]:
    """What the text formats print after the findings (each sentence true for this report;
    ``options.extra["selected"]``: (rules run, rules in the catalog) when a selection left some out)."""
    c = counts(report)
    lines = []
    if c["findings"]:
        fixes = []
        if c["safe"]:
            fixes.append(f"{c['safe']:,} fixable with `migrate code --fix`")
        if c["unsafe"]:  # "more" than none: it said "5 more with `--unsafe-fixes`" after a --fix run
            fixes.append(f"{c['unsafe']:,} more with `--unsafe-fixes`" if c["safe"] else
                         f"{c['unsafe']:,} fixable with `migrate code --fix --unsafe-fixes`")
        human = c["findings"] - c["safe"] - c["unsafe"]
        if human:
            fixes.append(f"{human:,} for a human")
        lines.append(
            f"Found {plural(c['findings'], 'finding')} in {plural(c['files_with_findings'], 'file')} "
            f"({', '.join(fixes)}); {scanned_phrase(c)} scanned."
        )
    elif not c["files"]:  # a path that does not exist, an empty folder, only other kinds of files
        lines.append("No file to scan in the paths given (Python, notebooks, YAML run configs, shell scripts, "
                     "Makefiles, Dockerfiles, CI workflows, Markdown).")
    elif options is not None and options.extra.get("selected"):  # the rules left out may have found something
        run, total = options.extra["selected"]
        if run:
            lines.append(f"No finding of the {plural(run, 'rule')} selected (of {total}) in {scanned_phrase(c)}.")
        else:
            lines.append(f"No rule ran: the selection keeps none of the {total} rules ({UNREADABLE} reports unreadable files); "
                         f"{scanned_phrase(c)} read.")
    elif hidden_phrase(report):  # "No ZenML 0.13.2 APIs found" would not be true
        lines.append(f"No findings in {scanned_phrase(c)} ({hidden_phrase(report)}).")
    else:
        lines.append(f"No ZenML 0.13.2 APIs found in {scanned_phrase(c)}.")
    incomplete = incomplete_sentence(c)
    if incomplete:
        lines.append(f"{incomplete}: the result is incomplete.")
    for extra in skipped_sentences(report):
        lines.append(extra[0].upper() + extra[1:] + ".")
    return lines


def statistics_rows(report) -> List[dict]:
    """One row per code, most frequent first."""
    from zenml_migrate.rules import describe

    per = Counter(f.code for f in items(report))
    out = []
    for code, n in sorted(per.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = describe(code)
        out.append({"code": code, "name": rule.name if rule else "", "count": n, "fix": rule.fix.value if rule else "none"})
    return out
