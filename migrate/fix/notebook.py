"""Fixing ``.ipynb`` notebooks on the one notebook model (``migrate/scan/notebook.py``, the
same reading ``scan`` uses): the cells' Python (magics and shell escapes masked) is fixed as
one module, so imports in one cell serve the others, then split back into cells with every
masked line restored byte for byte. Names a rewrite adds go into the first cell that uses
them (``migrate/fix/cell_order.py``): "Run all" never meets a name defined in a later cell.
Cells that do not parse are left as they are (the scan reports them, ZM001). Only changed
cells get a new ``source``; outputs, metadata, key order and the JSON layout (indent, ASCII
escaping, final newline) are kept.
"""

import difflib
import json
import os
import re
from dataclasses import replace
from typing import Dict, List, Optional, Sequence, Set, Tuple

from zenml_migrate.findings import Finding, Span
from zenml_migrate.fix.fixer import FixOptions, FixResult, fix_text
from zenml_migrate.fix.json_splice import encoder, splice
from zenml_migrate.rules import Rule
from zenml_migrate.scan.detect import rule_index
from zenml_migrate.scan.file_scan import FileJob, ScanContext, file_wide, run_files
from zenml_migrate.scan.notebook import CELL_LINE, CELL_PREFIX, EXPANDED_LEAD, HELP_MARK, IMPORT_LEAD, MASKED, TIMED_LEAD, CodeCell, Notebook, cell_lines, cell_text, read_notebook
from zenml_migrate.scan.sources import SourceError

_CELL_SPLIT = re.compile(r"^# zenml-migrate-cell:(\d+)\n", re.M)
_MASK_LINE = MASKED
_TIMED_FIXED = re.compile(r"^([ \t]*(?:#[ \t]*)?)(?:" + re.escape(TIMED_LEAD) + "|" + re.escape(IMPORT_LEAD) + ") ")
_HELP_LINE = re.compile(r"^[ \t]*(?P<name>\S+)" + re.escape(HELP_MARK) + r"(?P<index>\d+)\r?$")
_DOTTED = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$")


def _source_value(original, text: str, nb: dict):
    if isinstance(original, list):
        return cell_lines(text, nb)
    return text


_HTML_SAFE = (("&", "\\u0026"), ("=", "\\u003d"), ("<", "\\u003c"), (">", "\\u003e"), ("'", "\\u0027"))


def write_like(nb: dict, original: str) -> str:
    """``nb`` written over ``original``: only the values that changed (cells' sources) rewritten
    in its text, every other byte kept (``json_splice``), else serialised whole like it."""
    return splice(original, nb, encoder(original, _layout(original)[1])) or dump_like(nb, original)


def _layout(original: str):
    """``(indent, ensure_ascii, separators)`` of a JSON text."""
    indent = _indent_of(original)
    ensure_ascii = original.isascii() and "\\u" in original
    compact = indent is None and re.search(r'":\s', original) is None  # json.dumps(separators=(",", ":"))
    separators = (",", ":") if compact else None
    layout = _exact_layout(original, indent)
    if layout is not None:  # the settings that write the original byte for byte
        ensure_ascii, separators = layout
    return indent, ensure_ascii, separators


def dump_like(nb: dict, original: str) -> str:
    """``nb`` serialised the way ``original`` was (indent with spaces or tabs, compact or spaced
    separators, ASCII escaping, CRLF or LF line ends, final newline)."""
    indent, ensure_ascii, separators = _layout(original)
    text = json.dumps(nb, indent=indent, ensure_ascii=ensure_ascii, separators=separators)
    for char, escape in _HTML_SAFE:  # Gson (Zeppelin) writes ``=``/``<``/``>``/``&``/``'`` as \u escapes
        if escape in original and char not in original:
            text = text.replace(char, escape)  # (only strings can hold these characters)
    if original.endswith("\n") and not text.endswith("\n"):
        text += "\n"
    if "\r\n" in original:
        text = text.replace("\n", "\r\n")  # json.dumps escapes newlines inside strings: only line ends change
    return text


def _exact_layout(original: str, indent):
    """``(ensure_ascii, separators)`` with which ``json.dumps`` gives ``original`` back exactly
    (a one-line notebook whose strings hold ``": "`` is still compact), or None."""
    try:
        data = json.loads(original)
    except ValueError:
        return None
    target = original.replace("\r\n", "\n").rstrip("\n")
    for separators in ((",", ":"), (", ", ": "), (",", ": ")):
        for ensure_ascii in (False, True):
            if json.dumps(data, indent=indent, ensure_ascii=ensure_ascii, separators=separators) == target:
                return ensure_ascii, separators
    return None


def _indent_of(text: str):
    """The indent unit of a JSON text: a number of spaces, a tab, or None (one line)."""
    m = re.search(r"\n([ \t]+)\S", text)
    if not m:
        return None
    unit = m.group(1)
    return unit if "\t" in unit else len(unit)


def split_module(text: str, cells: List[CodeCell]) -> Optional[Dict[int, List[str]]]:
    """The fixed module back into cells: ``{index in cells: Python lines}`` (masked lines still
    masked). Lines a rewrite put before the first cell marker go to the cell of index -1
    (``cell_order`` finds their place). None when the markers did not survive."""
    parts = _CELL_SPLIT.split(text)
    out: Dict[int, List[str]] = {}
    if parts[0].strip():
        out[-1] = parts[0].rstrip("\n").split("\n")
    for k in range(1, len(parts), 2):
        i = int(parts[k])
        if i in out or i >= len(cells):
            return None
        body = parts[k + 1]
        out[i] = (body[:-1] if body.endswith("\n") else body).split("\n")
    return out


def restore(lines: List[str], cell: CodeCell) -> Optional[str]:
    """The cell's text: masked lines back as they were, help lines around the name a fix
    wrote, what IPython strips (indentation, pasted prompts) back in front of every line (a
    line a fix added gets the cell's indentation and continuation prompt). None when a mask is
    missing or moved to another cell (the rewrite touched a line that is not Python)."""
    pairs = _pairs(cell.python, lines) if cell.prompts else {}
    timed = sorted(cell.timed.values(), key=lambda t: -len(t[0]))  # (lead, magic, seps): what is left to put back
    out = []
    seen = set()
    for j, line in enumerate(lines):
        m = _MASK_LINE.match(line) or _HELP_LINE.match(line)
        if timed and not m:
            line = _timed_line(timed, line)
        if m:
            i = int(m.group("index"))
            if i not in cell.masked or i in seen or (i in cell.help) != (m.re is _HELP_LINE):
                return None
            seen.add(i)
            out.append(_help_line(cell, i, m.group("name")) if i in cell.help else cell.masked[i])
        elif cell.prompts:
            i = pairs.get(j)
            out.append((cell.lead(i) if i is not None else cell.prefix + cell.continuation if line.strip() else "") + line)
        else:
            out.append(cell.prefix + line if cell.prefix and line.strip() else line)
    if seen != set(cell.masked) or timed:
        return None
    return "\n".join(_crlf_like(cell, out))


def _crlf_like(cell: CodeCell, out: List[str]) -> List[str]:
    """A cell whose every line break is CRLF (saved on Windows) keeps CRLF on the lines a fix
    added (the rewrite writes LF); any other cell as it is."""
    breaks = cell.lines[:-1]
    if not breaks or not all(line.endswith("\r") for line in breaks):
        return out
    last = len(out) - 1
    return [line if k == last or line.endswith("\r") else line + "\r" for k, line in enumerate(out)]


def _timed_line(timed: List[Tuple[str, str, tuple]], line: str) -> str:
    """A line of the fixed cell that holds a ``%time STMT`` statement (the rules saw ``pass;``
    and blanks where the magic is; ``import`` and blanks for ``%aimport``; a TODO may have
    commented the line out): the magic back in front, and that entry of ``timed`` used up; the
    pieces of a ``%lprun -f FUNC STMT`` line (``seps``: what the rules saw after each piece, what
    was written there) joined by what was written between them again. Any other line as it is."""
    m = _TIMED_FIXED.match(line)
    if m is None:
        return line
    for k, (lead, magic, seps) in enumerate(timed):
        if line.startswith(lead, m.end(1)):
            rest = line[m.end(1) + len(lead) :]
            # a rewrite that is no longer one word per FUNC; an ``{expr}`` field (``EXPANDED_LEAD``) may hold blanks
            apart = r"[;{}]" if magic.endswith(EXPANDED_LEAD) else r"[\s;]"
            pieces = []
            for shown, written in seps:
                at = rest.find(shown)
                if at <= 0 or re.search(apart, rest[:at]):
                    break
                pieces.append(rest[:at] + written)
                rest = rest[at + len(shown) :]
            else:
                del timed[k]
                return line[: m.end(1)] + magic + "".join(pieces) + rest
    return line


def _pairs(old: List[str], new: List[str]) -> Dict[int, int]:
    """Line ``j`` of ``new`` -> the line of ``old`` it is (unchanged) or replaces (same place
    in a changed block)."""
    out: Dict[int, int] = {}
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op in ("equal", "replace"):
            out.update((j1 + k, i1 + k) for k in range(min(i2 - i1, j2 - j1)))
    return out


def _help_line(cell: CodeCell, i: int, shown: str) -> str:
    """The help line ``i`` asking about what the fix made of its name (``Repository?`` ->
    ``Client?``); as it was when that is no longer a plain dotted name."""
    before, after = cell.help[i]
    depth = len(before)
    # ``??x`` is shown as ``((x))``; a codemod that replaces the whole node (``(repo.get_pipeline)``
    # -> ``get_pipeline``) drops the parentheses with it
    name = shown[depth : len(shown) - depth] if depth and shown == "(" * depth + shown[depth : len(shown) - depth] + ")" * depth else shown
    if not _DOTTED.match(name):
        return cell.masked[i]
    original = cell.masked[i]
    cr = "\r" if original.endswith("\r") else ""
    indent = re.match(r"[ \t]*", original[len(cell.lead(i)) :]).group(0)
    return f"{cell.lead(i)}{indent}{before}{name}{after}{cr}"


def fix_notebook_text(
    text: str,
    job: FileJob,
    rules: Sequence[Rule],
    options: FixOptions,
    scan_ctx: Optional[ScanContext] = None,
    findings: Optional[Sequence[Finding]] = None,  # the scan's (cell, line) findings (None: detect them here)
    commands: bool = True,  # False: the cells' shell text is left to the caller (a text notebook's: fix/text_notebook.py)
) -> FixResult:
    try:
        nb = read_notebook(text)
        run_files(job, nb, scan_ctx or ScanContext(rule_index(rules)))
        nb.parse(job.path)
    except SourceError as exc:
        return FixResult(text, error=exc.message)
    except RecursionError:
        return FixResult(text, error="too deeply nested to analyse; file left unchanged")
    ignored = nb.ignored_codes()
    if ignored:  # ``ignore-file`` in one cell holds for every cell (Python, scripts, commands)
        rules = [r for r in rules if not file_wide(ignored, r.code)]
        scan_ctx = replace(scan_ctx, index=rule_index(rules)) if scan_ctx is not None else ScanContext(rule_index(rules))
    from zenml_migrate.scan.read import not_rewritten, too_large_to_rewrite

    size = nb.code_size()
    if findings is None and too_large_to_rewrite(size):  # the library API: fix_bytes gives the scan's findings
        return FixResult(text, error=f"{too_large_to_rewrite(size, ' of code')}; file left unchanged: fix it by hand (`migrate scan` lists what)")
    if findings is not None:
        findings = not_rewritten(list(findings), size, " of code")
    sources = {c.position: c.source for c in nb.cells}
    sources.update(nb.markdown)
    result: Optional[FixResult] = None
    remaining: List[Finding] = []
    for part in nb.namespaces():  # a Zeppelin note's interpreter groups are modules of their own
        done = _fix_module(part, job, rules, options, scan_ctx, findings, sources)
        if done.error is not None:
            done.text = text
            return done
        remaining += done.remaining
        result = done if result is None else result.merge(done)
    remaining = _fix_script_cells(nb, sources, job, rules, options, scan_ctx, result, remaining, findings)
    remaining = _mark_document_cells(nb, sources, job, rules, options, scan_ctx, remaining, findings)
    if commands:
        remaining = _fix_command_lines(nb, sources, job, rules, options, result, remaining, scan_ctx, findings)
    changed = _write_cells(nb, sources)
    result.remaining = remaining
    result.todos = [f.code for f in remaining]
    result.text = write_like(nb.data, text) if changed else text
    result.text_changed = changed
    return result


def _fix_module(nb: Notebook, job: FileJob, rules: Sequence[Rule], options: FixOptions, scan_ctx, findings, sources: Dict[int, str]) -> FixResult:
    """The Python of the notebook's code cells, fixed as one module: the new cell texts go into
    ``sources``; the result's ``remaining`` are at (cell, line in the cell)."""
    good = [c for c in nb.cells if c.error is None]
    module, where = nb.module_text(good)
    in_module = None if findings is None else _module_findings(findings, good, where, rules)
    result = fix_text(module, job, rules, options, scan_ctx, cell_marker=CELL_LINE, findings=in_module)
    if result.error is not None:
        return result
    _mark_notebook_checks(nb, job, rules, scan_ctx, result, module)
    if result.text == module:
        result.remaining = _cell_findings(module, result.remaining, good)
        return result
    parts = split_module(result.text, good)
    if parts is None:
        return FixResult(module, error="the notebook's cells could not be rewritten one by one; file left unchanged")
    from zenml_migrate.fix.cell_order import order_cells

    before = {i: list(lines) for i, lines in parts.items()}
    parts = order_cells(parts, [c.python for c in good])
    for i, cell in enumerate(good):
        new = restore(parts.get(i, []), cell)
        if new is None:
            return FixResult(module, error=f"cell {cell.number}: a rewrite moved a magic or shell line; file left unchanged")
        sources[cell.position] = new
    result.remaining = _cell_findings(result.text, result.remaining, good, before, parts)
    return result


def _mark_notebook_checks(nb: Notebook, job: FileJob, rules: Sequence[Rule], scan_ctx, result: FixResult, module: str) -> None:
    """The rules found by a ``NotebookCheck`` (ZM260: ``migrate/scan/notebook_root.py``) need the
    whole notebook, which ``fix_text`` does not see: they run on the rewritten module here, and
    their TODO lines are placed in it."""
    from zenml_migrate.fix.todo import place_todos, shifted
    from zenml_migrate.rules.base import notebook_checks
    from zenml_migrate.scan.file_scan import detect, notebook_context

    checks = [(rule, check) for rule, check in notebook_checks(rules) if all(w in result.text for w in check.words)]
    if not checks:
        return
    ctx = notebook_context(job, nb, scan_ctx or ScanContext(rule_index(rules)))
    try:
        detector = detect(job, result.text, ctx, prune=True)
    except SourceError:
        return
    found = [f for rule, check in checks for f in check.find(job.path, nb, detector, rule)]
    if not found:
        return
    text, placed, _ = place_todos(result.text, detector.tree, found, {rule.code: rule for rule, _ in checks}, stop=CELL_LINE)
    result.remaining = shifted(result.remaining, placed) + shifted(found, placed)
    result.introduced = shifted(result.introduced, placed)
    result.fix_todos = [(line + sum(len(codes) for at, codes in placed if at <= line), code, note) for line, code, note in result.fix_todos]
    result.todo_lines += sum(len(codes) for _, codes in placed)
    result.todos = [f.code for f in result.remaining]
    result.text = text
    result.text_changed = text != module


def _fix_script_cells(
    nb: Notebook, sources, job, rules, options, scan_ctx, result: FixResult, remaining: List[Finding], findings=None
) -> List[Finding]:
    """``%%writefile x.py`` cells: the file they write is fixed as a Python module of its own,
    from the scan's findings of its body (``findings``: the notebook's; None: detected here as
    the scan detects them, the parts ``%%writefile -a`` cells append read together)."""
    from zenml_migrate.scan.file_scan import script_findings

    detected = script_findings(job, nb, scan_ctx or ScanContext(rule_index(rules))) if findings is None else {}
    for cell in nb.cells:
        if cell.script is None:
            continue
        found = detected.get(cell.number) if findings is None else [
            replace(f, span=Span(f.span.line - cell.script, f.span.column, f.span.end_line - cell.script, f.span.end_column), cell=None)
            for f in findings
            if f.cell == cell.number and f.span.line > cell.script and f.todo_line is None
        ]
        fixed = fix_text(cell.script_text(), FileJob(job.path, "py"), rules, options, scan_ctx, findings=found)
        if fixed.error is not None:
            continue
        result.applied.update(fixed.applied)
        result.trackers.update(fixed.trackers)
        if fixed.fix_todos:  # TODO lines a rewrite wrote in the file the cell writes: counted and listed as a module's
            start = _cell_start(result.text, nb, cell) + cell.script
            result.fix_todos = sorted(result.fix_todos + [(start + line, code, note) for line, code, note in fixed.fix_todos])
        sources[cell.position] = "\n".join(cell.lines[: cell.script] + [fixed.text])
        remaining = remaining + [
            replace(f, span=Span(f.span.line + cell.script, f.span.column, f.span.end_line + cell.script, f.span.end_column), cell=cell.number)
            for f in fixed.remaining
        ]
    return remaining


def _cell_start(module: str, nb: Notebook, cell) -> int:
    """The line of ``cell``'s marker in the (rewritten) joined module (0 when it is not in it):
    a line in the cell is then one of the module's, in the order the cells are written."""
    at = next((k for k, c in enumerate(c for c in nb.cells if c.error is None) if c is cell), None)
    marker = f"{CELL_PREFIX}{at}"
    for n, line in enumerate(module.split("\n"), 1):
        if line.rstrip("\r") == marker:
            return n
    return 0


def _mark_document_cells(
    nb: Notebook, sources, job, rules, options, scan_ctx, remaining: List[Finding], findings=None
) -> List[Finding]:
    """``%%writefile x.yaml`` cells: the scan's findings in the YAML file they write (none has a
    fix: ``file_scan.written_documents``) get their TODO lines there, as in a YAML file on disk
    (``findings``: the notebook's; None: find them here)."""
    from zenml_migrate.fix.yaml_fix import fix_yaml_text
    from zenml_migrate.scan.file_scan import written_documents

    if findings is None:
        findings = written_documents(job.path, nb, scan_ctx or ScanContext(rule_index(list(rules))))
    for cell in nb.cells:
        if cell.document is None:
            continue
        found = [
            replace(f, span=Span(f.span.line - cell.document, f.span.column, f.span.end_line - cell.document, f.span.end_column), cell=None,
                    todo_line=None if f.todo_line is None else f.todo_line - cell.document)
            for f in findings
            if f.cell == cell.number and f.span.line > cell.document
        ]
        if not found:
            continue
        marked = fix_yaml_text(cell.document_text(), FileJob(job.path, "yaml"), rules, options, scan_ctx, findings=found)
        if marked.error is not None:
            continue
        sources[cell.position] = cell.with_document(marked.text)
        remaining = remaining + [
            replace(f, span=Span(f.span.line + cell.document, f.span.column, f.span.end_line + cell.document, f.span.end_column), cell=cell.number)
            for f in marked.remaining
        ]
    return remaining


def _fix_command_lines(
    nb: Notebook, sources: Dict[int, str], job, rules, options, result: FixResult, remaining: List[Finding], scan_ctx=None,
    findings=None,
) -> List[Finding]:
    """The CLI rules on the cells' shell text (``!zenml ...``, ``%%bash``) and on the fenced
    shell blocks of markdown cells, from the scan's findings of them (``findings``: the
    notebook's; None: find them here); the notes they add move the Python findings of the cell
    down."""
    from zenml_migrate.fix.cell_order import line_map
    from zenml_migrate.fix.command_fix import fix_commands
    from zenml_migrate.rules.cli import CLI_FLAVOR_SOURCE
    from zenml_migrate.scan.command_lines import sections as markdown_sections
    from zenml_migrate.scan.command_scan import cell_sections, notebook_commands

    if scan_ctx is not None and (findings is None or any(f.code == CLI_FLAVOR_SOURCE.code for f in findings)):
        from zenml_migrate.scan.file_scan import commands_context

        scan_ctx = commands_context(job, nb, scan_ctx)  # a source is judged again as the scan judged it
    project = scan_ctx.project if scan_ctx is not None else None
    if findings is None:
        findings = notebook_commands(job.path, nb, rules, scan_ctx)[0]
    commands: Dict[int, List[Finding]] = {}
    for f in findings:
        if f.todo_line is not None:  # a command line's (``command_scan.to_findings``)
            commands.setdefault(f.cell, []).append(f)
    for cell in nb.cells:
        if not cell.shell:
            continue
        old = sources[cell.position]
        sections = lambda t, pos=cell.position: cell_sections(nb.read_cell(t, pos))  # noqa: E731
        found = commands.get(cell.number, [])
        if old != cell.source:  # the cell's Python was rewritten: its shell lines moved
            found = moved_findings(found, line_map(cell.source.split("\n"), old.split("\n")))
        if found is None:  # a shell line the rewrite moved out of sight: find them again
            found = _live_commands(old, sections, rules, job.path, cell.number, project, options.target)
        new, applied, left = fix_commands(
            old, found, sections, rules, options, job.path, cell=cell.number, project=project, directive=cell.position in nb.languages
        )
        result.applied.update(applied)
        if new != old:
            shift = line_map(old.split("\n"), new.split("\n"))
            remaining = [
                replace(f, span=Span(shift.get(f.span.line, f.span.line), f.span.column, shift.get(f.span.end_line, f.span.end_line), f.span.end_column))
                if f.cell == cell.number
                else f
                for f in remaining
            ]
            sources[cell.position] = new
        remaining.extend(left)
    for position, old in nb.markdown.items():  # fenced shell blocks of markdown cells
        new, applied, left = fix_commands(
            old, commands.get(position + 1, []), lambda t: markdown_sections("markdown", t), rules, options, job.path,
            cell=position + 1, project=project,
        )
        result.applied.update(applied)
        sources[position] = new
        remaining.extend(left)
    return sorted(remaining, key=Finding.sort_key)


def moved_findings(findings: List[Finding], where: Dict[int, int]) -> Optional[List[Finding]]:
    """Command-line ``findings`` at the lines ``where`` moved them to (None: a line is gone)."""
    from zenml_migrate.findings import TextEdit

    def span(s: Span) -> Optional[Span]:
        line, end = where.get(s.line), where.get(s.end_line)
        return None if line is None or end is None else Span(line, s.column, end, s.end_column)

    out = []
    for f in findings:
        spans = [span(f.span)] + [span(e.span) for e in f.edits]
        if any(s is None for s in spans) or f.todo_line not in where:
            return None
        edits = tuple(TextEdit(s, e.new) for s, e in zip(spans[1:], f.edits))
        out.append(replace(f, span=spans[0], edits=edits, todo_line=where[f.todo_line]))
    return out


def _live_commands(text: str, sections, rules, path: str, cell: int, project, target: Optional[str]) -> List[Finding]:
    from zenml_migrate.scan.command_scan import find_matches, to_findings

    return to_findings(path, text, find_matches(text, sections(text), rules, project, target), cell=cell)


def _write_cells(nb: Notebook, sources: Dict[int, str]) -> bool:
    changed = False
    originals = {c.position: c.source for c in nb.cells}
    originals.update(nb.markdown)
    for position, new in sources.items():
        if new != originals[position]:
            data, key = nb.raw_cells[position], nb.source_key(position)
            data[key] = _source_value(data.get(key, ""), new, nb.data)
            changed = True
    return changed


def _module_findings(findings: Sequence[Finding], cells: List[CodeCell], where, rules: Sequence[Rule]) -> List[Finding]:
    """The scan's findings on the cells' Python, at (cell, line in the cell, column in the
    cell's text), moved to the module text ``where`` describes (``Notebook.module_text``): the
    fixer takes them as they are, with no second detection. What is fixed elsewhere is left
    out: ``%%writefile`` bodies (``_fix_script_cells``), shell and magic lines
    (``_fix_command_lines``), markdown cells, whole-notebook checks (``_mark_notebook_checks``)."""
    from zenml_migrate.rules.base import notebook_checks
    at = {w: i + 1 for i, w in enumerate(where) if w is not None}  # (cell number, line) -> module line
    by_number = {c.number: c for c in cells}
    whole = {rule.code for rule, _ in notebook_checks(rules)}
    out = []
    for f in findings:
        cell = by_number.get(f.cell)
        if cell is None or f.code in whole or (cell.script is not None and f.span.line > cell.script):
            continue
        if (f.span.line - 1 in cell.masked and f.span.line - 1 not in cell.help) or f.todo_line is not None:
            continue  # a shell or magic line: the CLI rules' (also one whose ``{expr}`` fields are Python)
        line = at.get((f.cell, f.span.line))
        if line is None:
            continue
        end = at.get((f.cell, f.span.end_line), line)
        span = Span(line, f.span.column - cell.column_shift(f.span.line), end, f.span.end_column - cell.column_shift(f.span.end_line))
        out.append(replace(f, span=span, cell=None))
    return out


def _cell_findings(module: str, findings: List[Finding], cells: List[CodeCell], before=None, after=None) -> List[Finding]:
    """Findings on the fixed module -> cell numbers (1-based, as ``scan`` counts) and lines in
    the cell (after ``cell_order`` moved lines: ``before``/``after`` per cell)."""
    where = []  # module line (0-based) -> (index in cells, line in cell)
    index, line = None, 0
    for text_line in module.split("\n"):
        m = CELL_LINE.match(text_line)
        if m:
            index, line = int(m.group(1)), 0
            where.append(None)
            continue
        line += 1
        where.append((index, line) if index is not None else None)
    shift = {}
    if before is not None and after is not None:
        from zenml_migrate.fix.cell_order import line_map

        shift = {i: line_map(before[i], after.get(i, [])) for i in before if i >= 0 and before[i] != after.get(i)}
    out = []
    for f in findings:
        hit = where[f.span.line - 1] if 0 < f.span.line <= len(where) else None
        if hit is None:
            continue
        index, first = hit
        last = first + (f.span.end_line - f.span.line)
        if index in shift:
            first, last = shift[index].get(first, first), shift[index].get(last, last)
        cell = cells[index]
        out.append(replace(f, span=Span(first, f.span.column + cell.column_shift(first), last, f.span.end_column + cell.column_shift(last)), cell=cell.number))
    return out


def cell_diffs(path: str, old: str, new: str) -> Optional[str]:
    """A unified diff per changed code cell (``a/nb.ipynb (cell 3)``), the way a reviewer
    reads a notebook; None when more than cell sources changed (then the JSON diff is shown).
    Cells are numbered as ``scan`` numbers them (nbformat 1-4)."""
    from zenml_migrate.fix.command import diff_text
    from zenml_migrate.fix.todo import split_keepends
    from zenml_migrate.scan.notebook import cell_source_key, raw_cells

    try:
        before, after = json.loads(old), json.loads(new)
        cells_a, cells_b = raw_cells(before), raw_cells(after)
    except (ValueError, SourceError):
        return None
    if len(cells_a) != len(cells_b) or _without_cells(before) != _without_cells(after):
        return None
    from zenml_migrate.output.common import display_path

    name = display_path(path.replace(os.sep, "/"))
    a, b = (name, name) if os.path.isabs(path) else (f"a/{name}", f"b/{name}")
    out = []
    for number, (x, y) in enumerate(zip(cells_a, cells_b), 1):
        if not isinstance(x, dict) or not isinstance(y, dict):
            return None
        key = cell_source_key(x)
        if key != cell_source_key(y) or {k: v for k, v in x.items() if k != key} != {k: v for k, v in y.items() if k != key}:
            return None
        src_a, src_b = _text(x.get(key, ""), before), _text(y.get(key, ""), after)
        if src_a == src_b:
            continue
        lines = difflib.unified_diff(
            split_keepends(src_a), split_keepends(src_b), f"{a} (cell {number})", f"{b} (cell {number})"
        )
        out.append(diff_text(lines, "cell"))
    return "".join(out)


def _without_cells(nb) -> dict:
    """The notebook's JSON without its cells (the worksheets' other keys kept)."""
    out = {k: v for k, v in nb.items() if k not in ("cells", "worksheets")}
    if isinstance(nb.get("worksheets"), list):
        out["worksheets"] = [{k: v for k, v in w.items() if k != "cells"} if isinstance(w, dict) else w for w in nb["worksheets"]]
    return out


def text_cells(text: str) -> Set[int]:
    """Numbers of the code cells none of whose lines is Python: a cell magic that is not
    Python (``%%bash``, ``%%html``, ``%%writefile`` of a file that is not Python), every cell
    of a notebook whose kernel is not Python. A diff masks their lines as text."""
    try:
        nb = read_notebook(text)
    except SourceError:
        return set()
    from zenml_migrate.scan.notebook import PYTHON_CELL_MAGICS, PYTHON_LANGUAGES

    python_kernel = nb.language in PYTHON_LANGUAGES
    return {
        c.number
        for c in nb.cells
        if not python_kernel or (c.magic is not None and c.magic not in PYTHON_CELL_MAGICS and c.script is None)
    }


def _text(source, nb) -> str:
    return cell_text(source, nb) if isinstance(source, list) else str(source)
