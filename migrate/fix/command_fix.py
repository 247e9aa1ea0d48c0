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

from zenml_migrate.findings import Finding, TextEdit
from zenml_migrate.fix.codemod import at_target
from zenml_migrate.fix.fixer import FixOptions, FixResult, fixable
from zenml_migrate.fix.todo import PREFIX, comment_block_above, marker_re, split_keepends, todo_text
from zenml_migrate.scan.command_lines import Section, sections
from zenml_migrate.scan.command_scan import Positions, find_matches, to_findings
from zenml_migrate.scan.suppress import Suppressions

Sections = Callable[[str], Iterable[Section]]


def fix_command_file(text: str, job, rules, options: FixOptions, scan_ctx=None, findings=None) -> FixResult:
    """A whole file of one of the command-line kinds, whose ``findings`` the scan gave (None:
    find them here, for the library API)."""
    from zenml_migrate.scan.command_configs import COMMENT_LEADS, line_leads

    project = scan_ctx.project if scan_ctx is not None else None
    secs = lambda t: sections(job.kind, t, job.path)  # noqa: E731
    if findings is None:
        findings = to_findings(job.path, text, find_matches(text, secs(text), rules, project, options.target))
    new, applied, remaining = fix_commands(
        text, findings, secs, rules, options, job.path, project=project, comment=COMMENT_LEADS.get(job.kind, ""),
        leads=lambda t: line_leads(job.kind, t),
    )
    return FixResult(new, applied=applied, todos=[f.code for f in remaining], remaining=remaining, text_changed=new != text)


def fix_without_notes(text: str, job, rules, options: FixOptions, scan_ctx=None, findings=None) -> FixResult:
    """A file that holds no comment line (``package.json``, a PyCharm run configuration's XML
    attribute values, the ``<pre>`` blocks of an HTML page): the edits of the findings fixed here are made, the others are left for a
    human with no note in the file; the file is left as it was when the edits would not leave it
    valid JSON (XML)."""
    import json

    project = scan_ctx.project if scan_ctx is not None else None
    secs = lambda t: sections(job.kind, t, job.path)  # noqa: E731
    if findings is None:
        findings = to_findings(job.path, text, find_matches(text, secs(text), rules, project, options.target))
    new, applied, remaining = fix_commands(text, findings, secs, rules, options, job.path, project=project, notes=False)
    try:
        if job.kind == "devcontainer":  # JSON with comments and trailing commas, as VS Code reads it
            from zenml_migrate.scan.command_configs import jsonc_as_json

            json.loads(jsonc_as_json(new))
        elif job.kind in ("pycharm", "gocd_xml"):  # an XML run configuration, a GoCD XML configuration
            from xml.etree import ElementTree

            ElementTree.fromstring(new)
        elif job.kind != "html":  # (an HTML page's ``<pre>`` text: any text is valid there)
            json.loads(new)
    except (ValueError, SyntaxError):  # (ElementTree.ParseError is a SyntaxError)
        new, applied, remaining = text, Counter(), list(findings)
    return FixResult(new, applied=applied, todos=[f.code for f in remaining], remaining=remaining, text_changed=new != text, unmarked=len(remaining))


def fix_jsonc(text: str, job, rules, options: FixOptions, scan_ctx=None, findings=None) -> FixResult:
    """JSON with comments (VS Code's ``tasks.json``/``launch.json``): fixed as a command file, its
    notes as ``//`` lines; left as it was when the result would not load."""
    import json

    from zenml_migrate.scan.command_configs import jsonc_as_json

    result = fix_command_file(text, job, rules, options, scan_ctx, findings)
    try:
        json.loads(jsonc_as_json(result.text))
    except ValueError:
        left = list(findings) if findings is not None else result.remaining
        return FixResult(text, todos=[f.code for f in left], remaining=left, unmarked=len(left))
    return result


def fix_yaml_commands(text: str, job, rules, options: FixOptions, scan_ctx=None, findings=None) -> FixResult:
    """A YAML file of commands (a CI workflow, a compose file): fixed as a command file; left as it
    was when the file loaded before and the edits would not leave it loading (a rewrite inside a
    flow collection, ``[a, b]``, that a plain scalar cannot hold)."""
    if findings is None:
        project = scan_ctx.project if scan_ctx is not None else None
        findings = to_findings(job.path, text, find_matches(text, sections(job.kind, text, job.path), rules, project, options.target))
    result = fix_command_file(text, job, rules, options, scan_ctx, findings)
    if result.text == text or _loads_yaml(result.text) or not _loads_yaml(text):
        return result
    return report_only(text, job, rules, options, scan_ctx, findings)


def _loads_yaml(text: str) -> bool:
    import yaml

    try:
        for _ in yaml.compose_all(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            pass
    except yaml.YAMLError:
        return False
    return True


def report_only(text: str, job, rules, options: FixOptions, scan_ctx=None, findings=None) -> FixResult:
    """A file whose findings no edit fixes and no line may mark (a lock file: its tool
    regenerates it, and says so in each finding): left as it is, every finding for a human."""
    if findings is None:
        project = scan_ctx.project if scan_ctx is not None else None
        findings = to_findings(job.path, text, find_matches(text, sections(job.kind, text, job.path), rules, project, options.target))
    left = list(findings)
    return FixResult(text, todos=[f.code for f in left], remaining=left, unmarked=len(left))


def fix_commands(
    text: str, findings: Sequence[Finding], secs: Sections, rules: Sequence, options: FixOptions, path: str,
    cell: Optional[int] = None, project: Optional[Dict[str, str]] = None, comment: str = "", notes: bool = True,
    directive: bool = True, leads: Optional[Callable[[str], Dict[int, str]]] = None,
) -> Tuple[str, Counter, List[Finding]]:
    """``(new text, rule code -> findings fixed, findings left)``. ``findings``: the scan's, in
    ``text`` (each with its edits and TODO line: ``scan/command_scan.to_findings``); commands
    are found again only in rewritten text (what is left, where it is now). ``project``: the
    scan's project index (``flavor register`` sources); ``comment``: what starts a comment line
    before the ``# TODO`` note where ``#`` does not (``REM `` in a batch file, ``// `` in Groovy);
    ``leads``: the text's lines where another one does (line -> comment start: a Markdown cmd.exe fence);
    ``notes=False``: no note is written (a file that holds no comment line); ``directive=False``:
    a ``%word`` on the first line is no language directive (a Jupyter cell's line magic)."""
    by_code = {r.code: r for r in rules}
    found = _live(text, [f for f in findings if f.code in by_code])
    if not found:
        return text, Counter(), []

    def detect(current: str) -> List[Finding]:
        return _live(current, to_findings(path, current, find_matches(current, secs(current), rules, project, options.target), cell=cell))

    if options.target is not None:  # the scan judged the lines for no release: what a TODO says depends on it (review26 R8)
        found = detect(text)

    at = _Offsets(text)
    edits = [
        (*at.edit(e)[:2], at_target(by_code[f.code], e.new, options.target))
        for f in found if fixable(by_code[f.code], options) and _occurrence_fixable(f, options) for e in f.edits
    ]
    current = _apply(text, edits)
    left = detect(current) if current != text else found
    applied = Counter(f.code for f in found) - Counter(f.code for f in left)
    marked = _add_todos(current, left, comment, directive, leads(current) if leads else None) if notes else current
    return marked, applied, detect(marked) if marked != text else found


def _live(text: str, findings: List[Finding]) -> List[Finding]:
    return Suppressions(text).filter(findings)


def _occurrence_fixable(f: Finding, options: FixOptions) -> bool:
    """The fix level of this occurrence (a rule whose level is per occurrence says it on the finding)."""
    return f.fix == "safe" or (f.fix == "unsafe" and options.unsafe)


class _Offsets:
    """1-based (line, column) of ``text`` -> offset."""

    def __init__(self, text: str):
        self.starts = Positions(text).starts

    def edit(self, e: TextEdit) -> Tuple[int, int, str]:
        return self.starts[e.span.line - 1] + e.span.column - 1, self.starts[e.span.end_line - 1] + e.span.end_column - 1, e.new


def _apply(text: str, edits) -> str:
    out = text
    last = len(text) + 1
    for start, end, new in sorted(set(edits), reverse=True):
        if end > last:
            continue  # overlaps an edit already applied
        out = out[:start] + new + out[end:]
        last = start
    return out


def _add_todos(text: str, findings: List[Finding], comment: str = "", directive: bool = True, leads: Optional[Dict[int, str]] = None) -> str:
    if not findings:
        return text
    from zenml_migrate.rules import get_rule

    lines = split_keepends(text)
    if not lines:
        return text
    wanted = {}
    for f in findings:
        wanted.setdefault(f.todo_line, {}).setdefault(f.code, todo_text(f, get_rule(f.code)))
    newline = next(("\r\n" if line.endswith("\r\n") else "\n" for line in lines if line.endswith("\n")), "\n")
    for line in sorted(wanted, reverse=True):
        if line > len(lines):
            continue
        target = lines[line - 1]
        if line == 1 and directive and _leads_with_directive(target):
            # ``%sh zenml ...``: a cell's language directive must stay its first line, so the note
            # goes right below the command (a comment line of the cell's shell)
            below = [c.strip() for c in lines[1 : 1 + len(wanted[line])]]
            add = [f"{comment}{PREFIX}{code} {message}" for code, message in sorted(wanted[line].items()) if not any(marker_re(code).search(c) for c in below)]
            if add:
                if not target.endswith(("\n", "\r")):
                    lines[0] = target + newline
                    add[-1:] = [add[-1]] if len(lines) == 1 else [add[-1] + newline]
                    add[:-1] = [a + newline for a in add[:-1]]
                else:
                    add = [a + newline for a in add]
                lines[1:1] = add
            continue
        lead = (leads or {}).get(line, comment)
        above = comment_block_above(lines, line, None, lead.strip())
        indent = target[: len(target) - len(target.lstrip(" \t"))]
        add = [f"{indent}{lead}{PREFIX}{code} {message}{newline}" for code, message in sorted(wanted[line].items()) if not any(marker_re(code).search(c) for c in above)]
        lines[line - 1 : line - 1] = add
    return "".join(lines)


def _leads_with_directive(first_line: str) -> bool:
    """Is the text's first line a notebook cell's or Zeppelin paragraph's language directive
    followed by a command on the same line (``%sh zenml stack list``)? A note above it would
    make the cell Python."""
    words = first_line.split(None, 1)
    return len(words) == 2 and words[0].startswith("%") and words[0].lstrip("%").replace(".", "").isalnum()
