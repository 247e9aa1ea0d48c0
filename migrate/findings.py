"""What a scan reports: findings (rule hits) and diagnostics (files we could not read)."""

import re
from dataclasses import dataclass, field, replace
from typing import Optional, Tuple

NO_FIX_HERE = " (no automatic fix here: "  # what ``Detector._add`` says of an occurrence its rule's fix declines
# how a message says what its fix writes, and what it says instead once no fix will (``scan.read.without_fix``)
FIX_WRITES, FOR_020_WRITE = "; the fix writes ", "; for ZenML 0.20 write "
_RESOLVED = re.compile(r" \(resolved by the ZM\d{3}(?:, ZM\d{3})* fix of this file\)\Z")


@dataclass(frozen=True, order=True)
class Span:
    """1-based lines, 1-based character columns; end column is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    def inside(self, outer: "Span") -> bool:
        """Does ``outer`` cover all of this span (the same span included)?"""
        return (outer.line, outer.column) <= (self.line, self.column) and (self.end_line, self.end_column) <= (
            outer.end_line, outer.end_column)


@dataclass(frozen=True)
class TextEdit:
    """``new`` written over ``span`` (1-based lines and columns, end exclusive) of the text the
    finding is in (a notebook cell's source for a finding in a cell)."""

    span: Span
    new: str


@dataclass(frozen=True)
class Finding:
    """One use of an API that fails on ZenML 0.20: where, which rule, what to do, and its fix."""

    path: str
    span: Span
    code: str
    message: str
    fix: Optional[str] = None  # "safe" | "unsafe" | None
    cell: Optional[int] = None  # notebook cell number (1-based) when path is a .ipynb
    # what the fix of this occurrence needs from ``migrate code``'s options, e.g.
    # "experiment_tracker:mlflow" (a tracker name); without it there is no fix (migrate/scan/fix_checks.py)
    needs: Optional[str] = None
    # the rules whose fixes in this file resolve this finding, which has no fix of its own (an
    # import that goes with its last use, a hook parameter the ZM409 port replaces):
    # ``migrate/scan/resolved_with.py``; ``fix`` is then the level of those fixes
    resolved_by: Optional[str] = None
    # a command line's finding (``scan/command_scan.to_findings``): the edits of this occurrence's
    # fix, made by the scan with the rule's codemod, and the line its TODO note goes above;
    # ``migrate code`` applies them without finding the command again. Never printed.
    edits: Tuple[TextEdit, ...] = field(default=(), compare=False)
    todo_line: Optional[int] = field(default=None, compare=False)
    # what the fix of this occurrence does, decided by the scan (a rule check's ``Via`` answer,
    # ``migrate/scan/fix_checks.py``; ZM460's and ZM461's plans): ``(key, value)`` pairs its codemod reads next
    # to the rule's ``fix_args`` (``FixContext.fix_arg``), so that it never decides (detects) again.
    # A key starting with ``@`` holds spans of the text, ``(line, column, end_line, end_column)``
    # tuples, which move with it (``moved``). Never printed.
    fix_args: Tuple[Tuple[str, object], ...] = field(default=(), compare=False)
    # this occurrence at ``--unsafe-fixes`` when that level fixes it otherwise than ``fix`` /
    # ``resolved_by`` / ``message`` (which are ``--fix``'s, what ``scan`` prints): ``(fix,
    # resolved_by, message)``. A rule's unsafe fix that stands aside at ``--fix`` for ZM460's safe
    # one (``scan/fix_checks.Yields``), and ZM460's finding then (``scan/no_successor.mark``); the
    # fixer takes this view at ``--unsafe-fixes`` (``at_level``). Never printed.
    unsafe_view: Optional[Tuple[Optional[str], Optional[str], str]] = field(default=None, compare=False)

    def arg(self, key: str, default=None):
        """What the scan decided for the fix of this occurrence under ``key`` (``fix_args``)."""
        return next((value for k, value in self.fix_args if k == key), default)

    def moved(self, by) -> "Finding":
        """This finding once lines were added or removed in its text: ``by(line)`` is how many
        lines ``line`` moved down (negative: up). Its span moves as its first line does, and so
        does each span its ``fix_args`` hold (keys starting with ``@``)."""
        args = self.fix_args
        if any(k.startswith("@") for k, _ in args):
            args = tuple((k, tuple(_moved(*s, by=by) for s in v) if k.startswith("@") else v) for k, v in args)
        n = by(self.span.line)
        if not n and args is self.fix_args:
            return self
        return replace(self, span=Span(*_moved(self.span.line, self.span.column, self.span.end_line, self.span.end_column, by=by)),
                       fix_args=args)

    def at_level(self, unsafe: bool) -> "Finding":
        """This occurrence as a fix at that level sees it (``unsafe_view`` at ``--unsafe-fixes``)."""
        if not unsafe or self.unsafe_view is None:
            return self
        fix, resolved_by, message = self.unsafe_view
        return replace(self, fix=fix, resolved_by=resolved_by, message=message, unsafe_view=None)

    def sort_key(self):
        return (self.path, self.cell or 0, self.span, self.code)

    def to_dict(self, fix_data: bool = False) -> dict:
        """What the output formats print (``fix_data``: also the command edits, ``fix_args`` and
        ``unsafe_view``, for the cache)."""
        data = {
            "path": self.path,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "code": self.code,
            "message": self.message,
            "fix": self.fix,
        }
        if self.cell is not None:
            data["cell"] = self.cell
        if self.needs is not None:
            data["needs"] = self.needs
        if self.resolved_by is not None:
            data["resolved_by"] = self.resolved_by
        if fix_data and self.todo_line is not None:
            data["todo_line"] = self.todo_line
            data["edits"] = [[e.span.line, e.span.column, e.span.end_line, e.span.end_column, e.new] for e in self.edits]
        if fix_data and self.fix_args:
            data["fix_args"] = [list(pair) for pair in self.fix_args]
        if fix_data and self.unsafe_view is not None:
            data["unsafe_view"] = list(self.unsafe_view)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Finding":
        span = Span(data["line"], data["column"], data["end_line"], data["end_column"])
        edits = tuple(TextEdit(Span(*e[:4]), e[4]) for e in data.get("edits", ()))
        fix_args = tuple((k, v) for k, v in data.get("fix_args", ()))
        return cls(data["path"], span, data["code"], data["message"], data["fix"], data.get("cell"), data.get("needs"),
                   data.get("resolved_by"), edits, data.get("todo_line"), fix_args,
                   tuple(data["unsafe_view"]) if data.get("unsafe_view") is not None else None)


def _moved(line: int, column: int, end_line: int, end_column: int, by) -> Tuple[int, int, int, int]:
    n = by(line)
    return line + n, column, end_line + n, end_column


@dataclass(frozen=True)
class Diagnostic:
    """A file that could not be scanned (syntax error, encoding, I/O). Always code ZM001."""

    path: str
    message: str
    line: int = 1
    column: int = 1
    cell: Optional[int] = None  # notebook cell number (1-based) when path is a .ipynb
    partial: bool = False  # a cell of a text notebook (``# %%`` script, .qmd): the file's other cells were read

    @property
    def code(self) -> str:
        """ZM001, the code of ``rules.UNREADABLE_FILE`` (read when asked: what imports findings,
        ``migrate profiles`` among them, does not load the rule catalog)."""
        from zenml_migrate.rules import UNREADABLE_FILE

        return UNREADABLE_FILE.code

    def as_finding(self) -> Finding:
        return Finding(self.path, Span(self.line, self.column, self.line, self.column), self.code, self.message, cell=self.cell)


@dataclass
class FileResult:
    """Everything one worker learned about one file."""

    path: str
    findings: list = field(default_factory=list)
    diagnostics: list = field(default_factory=list)
    exports: dict = field(default_factory=dict)  # module-level name -> resolved value (cross-file facts)
    pending: bool = False  # imports project modules whose facts were unknown when scanned
    # where it names a YAML run config the 0.13.2 way: ``(line, how, config)`` (scan/run_config_refs.py)
    config_refs: tuple = ()
    # the kind the scan read the file as, when not its job's ("": the job's): a ``.py`` script of
    # IPython cells that Python rejects is read as "ipython" (scan/text_notebook.cells_job); the
    # fixer rewrites it as that kind, without deciding again
    read_as: str = ""
    hidden: int = 0  # findings a ``# migrate: ignore`` mark of the file hid (the summary counts them)


def mark_resolved(finding: Finding, by: str, level: Optional[str], keep_reason: bool = False) -> Finding:
    """``finding``, which has no fix of its own, resolved by the fixes of the rules ``by``
    (``"ZM409, ZM460"``) of this file, at their ``level``. ``keep_reason``: the message keeps
    why the finding has no fix of its own (ZM461, unsafe: at ``--fix`` level the finding is
    left, and its TODO line says why)."""
    message = finding.message if keep_reason else finding.message.split(NO_FIX_HERE, 1)[0]
    return replace(finding, fix=level, resolved_by=by, message=f"{message} (resolved by the {by} fix of this file)")


def unresolved_message(message: str) -> str:
    """``message`` without what ``mark_resolved`` added."""
    return _RESOLVED.sub("", message)
