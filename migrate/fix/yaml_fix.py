"""Fixing YAML run configs: the findings of the scan go to the rules' YAML codemod.

A YAML codemod (e.g. ``run_config:RunConfigYaml``) is built like a Python one,
``cls(ctx)``, and implements ``fix_text(text) -> str`` (span edits located from PyYAML's node
marks, ``zenml_migrate.yaml_edit``: every byte not edited stays as written). ``ctx.findings``
are the fixable findings of the file; ``ctx.rule``, ``ctx.arg``, ``ctx.unsafe``,
``ctx.target`` as for Python codemods.
"""

import os
import re
from collections import Counter
from typing import Dict, List, Optional, Sequence

from zenml_migrate.findings import Finding
from zenml_migrate.fix.codemod import load_codemod
from zenml_migrate.fix.result import MAX_ROUNDS, FixOptions, FixResult, will_fix
from zenml_migrate.fix.todo import KnownTodos, mark_todo_lines, shifted as _shifted, todo_text
from zenml_migrate.fix.run_config_users import UNSEEN_CLI
from zenml_migrate.scan.detect import rule_index
from zenml_migrate.rules import Rule
from zenml_migrate.rules.base import YamlKey
from zenml_migrate.scan.file_scan import FileJob, ScanContext, scan_bytes


class YamlFixContext:
    def __init__(self, findings: List[Finding], rules: Dict[str, Rule], options: FixOptions):
        self.findings = findings
        self.codes = frozenset(f.code for f in findings)
        self._rules = rules
        self.unsafe = options.unsafe
        self.target = options.target
        self.experiment_tracker = options.experiment_tracker

    def rule(self, code: str) -> Rule:
        return self._rules[code]

    def arg(self, code: str, key: str, default=None):
        return self._rules[code].arg(key, default)


def _scan(text: str, job: FileJob, ctx: ScanContext):
    return scan_bytes(job, text.encode("utf-8"), ctx)


def fix_yaml_text(
    text: str, job: FileJob, rules: Sequence[Rule], options: FixOptions, scan_ctx=None, findings: Optional[Sequence[Finding]] = None
) -> FixResult:
    """Fix a YAML file whose ``findings`` the scan gave (None: scan it here)."""
    by_code = {r.code: r for r in rules}
    ctx = scan_ctx or ScanContext(rule_index(list(rules)))
    if findings is None:
        result = _scan(text, job, ctx)
        if result.diagnostics:
            d = result.diagnostics[0]
            return FixResult(text, error=f"line {d.line}: {d.message}")
        findings = result.findings
    findings = first = list(findings)
    current = text
    readers = options.run_config_readers.get(job.path, [])
    for _ in range(MAX_ROUNDS):
        todo = [f for f in findings if will_fix(f, options) and not (readers and _run_config_rule(by_code[f.code]))]
        if not todo:
            break
        groups: Dict[str, List[Finding]] = {}
        for f in todo:
            groups.setdefault(by_code[f.code].codemod, []).append(f)
        new = current
        for spec, group in sorted(groups.items()):
            codemod = load_codemod(spec)(YamlFixContext(group, by_code, options))
            try:
                new = codemod.fix_text(new)
            except Exception as exc:  # a codemod bug must not lose the user's file
                return FixResult(text, error=f"the YAML rewrite failed ({exc.__class__.__name__}: {exc}); file left unchanged")
        if new == current:
            break
        check = _scan(new, job, ctx)
        if check.diagnostics:
            return FixResult(text, error="the YAML rewrite would not load; file left unchanged")
        current, findings = new, check.findings
    promised = [f for f in findings if will_fix(f, options) and not (readers and _run_config_rule(by_code[f.code]))]
    after = Counter(f.code for f in promised)  # promised and still there: not applied
    before = Counter(f.code for f in first if will_fix(f, options) and not (readers and _run_config_rule(by_code[f.code])))
    wanted = _todo_lines(findings, by_code, [_from_file(r, job.path) for r in readers])
    known = KnownTodos(by_code, first + findings, texts=[(c, t) for codes in wanted.values() for c, t in codes.items()],
                       normal=_without_reader_lines, also=_reader_todo)
    marks = mark_todo_lines(current, wanted, known=known, about=_lines_now(first, text, current))
    current, placed = marks.text, marks.placed
    marked = {(line, code) for line, codes in placed for code in codes}
    return FixResult(
        current,
        applied=Counter({c: n for c, n in (before - after).items() if n > 0}),
        todos=[f.code for f in findings],
        remaining=_shifted(findings, placed, marks.removed),
        text_changed=current != text,
        todo_lines=len(marked),
        unmarked=0,  # every leftover gets its TODO line (an existing one counts)
        todos_removed=len(marks.removed) - marks.replaced,
        todos_replaced=marks.replaced,
    )


def _lines_now(findings: List[Finding], before: str, after: str) -> set:
    """``(line in after, code)`` of ``findings`` of ``before`` (a removed key: the line after it)."""
    if before == after:
        return {(f.span.line, f.code) for f in findings}
    from zenml_migrate.fix.line_map import LineMap

    to_after = LineMap(after, before).old_line
    return {(to_after(f.span.line), f.code) for f in findings}


_KEPT = "kept: "
_KEPT_WHY = " reads this file the 0.13.2 way"
_READER_LINE = re.compile(r"(?<=\S):(?:cell \d+:)?\d+ \(")


def _without_reader_lines(text: str) -> str:
    """A TODO text without the line numbers of the readers it names (a fix of the reader moves them)."""
    return _READER_LINE.sub(":N (", text) if text.startswith(_KEPT) else text


def _reader_todo(code: str, text: str) -> bool:
    """The TODO an earlier run wrote for a reader of the file (``_todo_lines``)."""
    return text.startswith(_KEPT) and _KEPT_WHY in text


_READER = re.compile(r"^(?P<path>.+?):(?P<where>(?:cell \d+:)?\d+ \(.*\))$")


def _from_file(reader: str, config_path: str) -> str:
    """A reader (``path:line (how)``) as the TODO in the config names it: an absolute path (the
    reader lies outside the folder the command ran from) relative to the config's own folder."""
    match = _READER.match(reader)
    if match is None or not os.path.isabs(match["path"]):
        return reader
    folder = os.path.dirname(os.path.abspath(config_path))
    try:
        rel = os.path.relpath(match["path"], folder)
    except ValueError:  # another drive (Windows)
        return reader
    return f"{rel}:{match['where']}"


def _run_config_rule(rule: Rule) -> bool:
    """A rule about the keys of a run config (what a legacy reader of the file needs)."""
    return any(isinstance(m, YamlKey) and m.document == "run_config" for m in rule.match)


def _todo_lines(findings: List[Finding], by_code: Dict[str, Rule], readers: List[str]) -> Dict[int, Dict[str, str]]:
    """``{line: {code: text}}``: every finding left in the file gets its TODO there."""
    wanted: Dict[int, Dict[str, str]] = {}
    for f in findings:
        rule = by_code.get(f.code)
        if readers and rule is not None and _run_config_rule(rule):
            more = f" (and {len(readers) - 1} more)" if len(readers) > 1 else ""
            there = "" if readers[0] == UNSEEN_CLI else " there"
            text = (
                f"{_KEPT}{readers[0]}{more}{_KEPT_WHY}, which ZenML 0.20 still does with these keys; "
                f"to convert it, run the pipeline with `pipeline.run(config_path=...)`{there}, then "
                "`migrate code --fix --unsafe-fixes`"
            )
        else:
            text = todo_text(f, rule)
        # (a command's note goes above the line it starts on: inside a ``\``-continued line it would end the command)
        line = f.todo_line if f.todo_line is not None else f.span.line
        wanted.setdefault(line, {}).setdefault(f.code, text)
    return wanted
