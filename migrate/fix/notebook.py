"""Fixing ``.ipynb`` notebooks: the code cells are fixed as one module (imports in one cell
serve the others), then split back; only changed cells get new ``source``. Outputs,
metadata, key order and the JSON layout (indent, ASCII escaping, final newline) are kept.
"""

import json
import re
from typing import List, Optional, Sequence, Tuple

from zenml_migrate.fix.fixer import FixOptions, FixResult, fix_text
from zenml_migrate.rules import Rule
from zenml_migrate.scan.file_scan import FileJob
from zenml_migrate.scan.sources import _MAGIC

CELL = "# zenml-migrate-cell:"
_CELL_LINE = re.compile(r"^# zenml-migrate-cell:(\d+)\r?\n?$")
_CELL_SPLIT = re.compile(r"^# zenml-migrate-cell:(\d+)\n", re.M)
MAGIC = "pass  # zenml-migrate-magic:"
_ANY = re.compile(r"^()")
_MAGIC_LINE = re.compile(r"^([ \t]*)pass  # zenml-migrate-magic:(\d+)$", re.M)


def _cell_text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def join_cells(nb: dict) -> Tuple[str, List[int], List[str]]:
    """The code cells as one module: ``(text, cell positions, magic lines)``."""
    chunks, positions, magics = [], [], []
    for pos, cell in enumerate(nb.get("cells", [])):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        lines = []
        source = _cell_text(cell)
        cell_magic = source.lstrip().startswith("%%")  # the whole cell is another language
        for line in source.split("\n"):
            m = _MAGIC.match(line) or (_ANY.match(line) if cell_magic else None)
            if m:
                lines.append(f"{m.group(1)}{MAGIC}{len(magics)}")
                magics.append(line)
            else:
                lines.append(line)
        chunks.append(f"{CELL}{len(positions)}\n" + "\n".join(lines) + "\n")
        positions.append(pos)
    return "".join(chunks), positions, magics


def split_cells(text: str, count: int, magics: Sequence[str]) -> Optional[List[str]]:
    """Back from :func:`join_cells`; None when the markers did not survive one per cell."""
    text = _MAGIC_LINE.sub(lambda m: magics[int(m.group(2))], text)
    parts = _CELL_SPLIT.split(text)
    if parts[0].strip() or len(parts) != 2 * count + 1:
        return None
    out = []
    for i in range(count):
        if int(parts[1 + 2 * i]) != i:
            return None
        body = parts[2 + 2 * i]
        out.append(body[:-1] if body.endswith("\n") else body)
    return out


def _source_value(original, text: str):
    if isinstance(original, list):
        return text.splitlines(keepends=True)
    return text


def dump_like(nb: dict, original: str) -> str:
    """``nb`` serialised the way ``original`` was (indent, ASCII escaping, final newline)."""
    indent = _indent_of(original)
    ensure_ascii = original.isascii() and "\\u" in original
    text = json.dumps(nb, indent=indent, ensure_ascii=ensure_ascii)
    if original.endswith("\n") and not text.endswith("\n"):
        text += "\n"
    return text


def _indent_of(text: str) -> Optional[int]:
    m = re.search(r"\n([ ]+)\S", text)
    if not m:
        return None
    return len(m.group(1))


def fix_notebook_text(text: str, job: FileJob, rules: Sequence[Rule], options: FixOptions) -> FixResult:
    try:
        nb = json.loads(text)
    except ValueError as exc:
        return FixResult(text, error=f"not a valid notebook (JSON): {exc}")
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return FixResult(text, error="not a valid notebook: no 'cells' list")
    joined, positions, magics = join_cells(nb)
    result = fix_text(joined, job, rules, options, cell_marker=_CELL_LINE)
    if result.error is not None or result.text == joined:
        result.text = text
        return result
    cells = split_cells(result.text, len(positions), magics)
    if cells is None:
        return FixResult(text, error="the notebook's cells could not be rewritten one by one; file left unchanged")
    changed = False
    for pos, new in zip(positions, cells):
        cell = nb["cells"][pos]
        if new != _cell_text(cell):
            cell["source"] = _source_value(cell.get("source", ""), new)
            changed = True
    result.remaining = _cell_findings(result.text, result.remaining, positions)
    result.text = dump_like(nb, text) if changed else text
    result.text_changed = changed
    return result


def _cell_findings(joined: str, findings, positions: Sequence[int]):
    """Findings on the joined text -> cell numbers (1-based, as ``scan`` counts) and cell lines."""
    from dataclasses import replace

    from zenml_migrate.findings import Span

    where = []  # joined line (0-based) -> (cell number, line in cell)
    cell, line = None, 0
    for text_line in joined.split("\n"):
        m = _CELL_LINE.match(text_line)
        if m:
            cell, line = positions[int(m.group(1))] + 1, 0
            where.append(None)
            continue
        line += 1
        where.append((cell, line) if cell is not None else None)
    out = []
    for f in findings:
        hit = where[f.span.line - 1] if 0 < f.span.line <= len(where) else None
        if hit is None:
            continue
        end = hit[1] + (f.span.end_line - f.span.line)
        out.append(replace(f, span=Span(hit[1], f.span.column, end, f.span.end_column), cell=hit[0]))
    return out
