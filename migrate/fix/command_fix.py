"""Fixing ``zenml`` command lines (shell scripts, Makefiles, Dockerfiles, CI YAML, Markdown
shell blocks, notebook shell escapes): safe rewrites from the CLI rules' codemods
(``codemods/command_line.py``), then a ``# TODO(zenml-migrate): ZMnnn ...`` line above every
command still flagged (a comment in every one of these languages; above the first line of a
backslash-continued command, above the ``RUN`` of a Dockerfile instruction, above the key of
a one-line YAML ``run:``). Suppressed findings (``# migrate: ignore[...]``) are left alone.
Running it again changes nothing.
"""

from collections import Counter
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from zenml_migrate.findings import Finding
from zenml_migrate.fix.fixer import FixOptions, FixResult, fixable, load_codemod
from zenml_migrate.fix.todo import PREFIX, _comment_block_above, marker_re, split_keepends, todo_text
from zenml_migrate.scan.command_lines import Section, sections
from zenml_migrate.scan.command_scan import Match, Positions, find_matches, to_findings
from zenml_migrate.scan.suppress import Suppressions

Sections = Callable[[str], Iterable[Section]]


def fix_command_file(text: str, job, rules, options: FixOptions, scan_ctx=None, findings=None) -> FixResult:
    """A whole file of one of the command-line kinds."""
    from zenml_migrate.scan.command_configs import COMMENT_LEADS

    project = scan_ctx.project if scan_ctx is not None else None
    new, applied, remaining = fix_commands(
        text, lambda t: sections(job.kind, t), rules, options, job.path, project=project, comment=COMMENT_LEADS.get(job.kind, "")
    )
    return FixResult(new, applied=applied, todos=[f.code for f in remaining], remaining=remaining, text_changed=new != text)


def _live(text: str, matches: List[Match]) -> List[Match]:
    sup = Suppressions(text)
    if not sup:
        return matches
    pos = Positions(text)
    return [m for m in matches if not sup.hides(m.rule.code, pos(m.start)[0], pos(m.end)[0])]


def fix_commands(
    text: str, secs: Sections, rules: Sequence, options: FixOptions, path: str, cell: Optional[int] = None,
    project: Optional[Dict[str, str]] = None, comment: str = "",
) -> Tuple[str, Counter, List[Finding]]:
    """``(new text, rule code -> findings fixed, findings left)``; ``project``: the scan's
    project index (``flavor register`` sources); ``comment``: what starts a comment line before
    the ``# TODO`` note where ``#`` does not (``REM `` in a batch file, ``// `` in Groovy)."""
    matches = _live(text, find_matches(text, secs(text), rules, project))
    if not matches:
        return text, Counter(), []
    before = Counter(m.rule.code for m in matches)
    edits = []
    for m in matches:
        if fixable(m.rule, options) and _occurrence_fixable(m, options):
            edits.extend(load_codemod(m.rule.codemod)().edits(text, m, m.rule))
    current = _apply(text, edits)
    left = _live(current, find_matches(current, secs(current), rules, project)) if current != text else matches
    applied = before - Counter(m.rule.code for m in left)
    current = _add_todos(current, left, comment)
    final = _live(current, find_matches(current, secs(current), rules, project))
    return current, applied, to_findings(path, current, final, cell=cell)


def _occurrence_fixable(m: Match, options: FixOptions) -> bool:
    """The fix level of this occurrence (a rule whose level is per occurrence says it on the match)."""
    level = m.fix_value
    return level == "safe" or (level == "unsafe" and options.unsafe)


def _apply(text: str, edits) -> str:
    out = text
    last = len(text) + 1
    for start, end, new in sorted(set(edits), reverse=True):
        if end > last:
            continue  # overlaps an edit already applied
        out = out[:start] + new + out[end:]
        last = start
    return out


def _anchor_line(lines: List[str], match: Match, pos: Positions) -> int:
    """1-based line above which a note for ``match`` goes: the first line of the logical
    (backslash-continued) line holding the command, or the section's own anchor."""
    if match.anchor is not None:
        return pos(match.anchor)[0]
    line = pos(match.invocation.words[0].start)[0]
    while line > 1 and lines[line - 2].rstrip("\r\n").endswith("\\"):
        line -= 1
    return line


def _add_todos(text: str, matches: List[Match], comment: str = "") -> str:
    if not matches:
        return text
    from zenml_migrate.rules import get_rule

    lines = split_keepends(text)
    if not lines:
        return text
    pos = Positions(text)
    wanted = {}
    for m in matches:
        line = _anchor_line(lines, m, pos)
        finding = Finding("", None, m.rule.code, m.message)
        wanted.setdefault(line, {}).setdefault(m.rule.code, todo_text(finding, get_rule(m.rule.code)))
    newline = next(("\r\n" if line.endswith("\r\n") else "\n" for line in lines if line.endswith("\n")), "\n")
    for line in sorted(wanted, reverse=True):
        if line > len(lines):
            continue
        above = _comment_block_above(lines, line, None, comment.strip())
        target = lines[line - 1]
        indent = target[: len(target) - len(target.lstrip(" \t"))]
        add = [f"{indent}{comment}{PREFIX}{code} {message}{newline}" for code, message in sorted(wanted[line].items()) if not any(marker_re(code).search(c) for c in above)]
        lines[line - 1 : line - 1] = add
    return "".join(lines)
