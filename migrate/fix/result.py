"""What the fixer is asked and what it answers, without LibCST (a command that has nothing to
rewrite never imports it)."""

from collections import Counter
from dataclasses import dataclass, field, fields
from typing import Dict, List, Optional, Tuple

from zenml_migrate.findings import Finding

MAX_ROUNDS = 3


@dataclass
class FixOptions:
    """The options of ``migrate code`` that decide a rewrite."""

    unsafe: bool = False
    # tracker component names for the @enable_mlflow/@enable_wandb rewrite: ``{flavor: name}``
    # (``"*"``: any flavor); a string is ``NAME`` or ``FLAVOR=NAME`` (migrate/fix/tracker_names.py)
    experiment_tracker: Optional[object] = None
    target: Optional[str] = None  # None: code that works on every 0.20.x
    # YAML run configs a legacy reader uses (``zenml pipeline run -c``, ``with_config``): path ->
    # where (migrate/fix/run_config_users.py); their 0.13.2 keys stay, with a TODO saying why
    run_config_readers: Dict[str, List[str]] = field(default_factory=dict)
    # flavor -> the TODO written above each step given that flavor's name (tracker_names.TrackerNames.todos)
    tracker_todos: Dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        if isinstance(self.experiment_tracker, str):
            from zenml_migrate.fix.tracker_names import parse_option

            self.experiment_tracker = parse_option([self.experiment_tracker], "experiment tracker")


@dataclass
class FixResult:
    """The rewrite of one text, and what it applied or left for a human."""

    text: str
    applied: Counter = field(default_factory=Counter)  # rule code -> findings fixed
    # of ``applied``: findings the fix of another file resolves (``fixer.resolved_elsewhere``): this
    # file's text is not rewritten for them
    elsewhere: Counter = field(default_factory=Counter)
    todos: List[str] = field(default_factory=list)  # rule codes of the findings left for a human (one per finding)
    error: Optional[str] = None  # why the file was left alone (parse error, rewrite would not parse)
    remaining: List[Finding] = field(default_factory=list)
    text_changed: bool = False
    todo_lines: int = 0  # "# TODO(zenml-migrate)" comment lines this run wrote into the text
    unmarked: Optional[int] = None  # findings left with no TODO line in the file (a YAML file holds none); None: not counted
    introduced: List[Finding] = field(default_factory=list)  # findings the rewrite itself caused (in ``remaining`` too)
    fix_todos: List[Tuple[int, str, str]] = field(default_factory=list)  # (line, code, text) TODO lines a codemod wrote
    trackers: Counter = field(default_factory=Counter)  # flavor -> steps given an experiment_tracker= name (codemods/trackers.py)
    todos_removed: int = 0  # TODO lines of earlier runs removed: their findings are gone (fix/todo.py)
    todos_replaced: int = 0  # TODO lines of earlier runs with an older text, replaced by the current one
    todos_edited: List[Tuple[int, str, str]] = field(default_factory=list)  # (line, code, text) kept: edited, finding gone

    def merge(self, other: "FixResult") -> "FixResult":
        """``other``, the fix of another module of the same file (a Zeppelin note's interpreter
        groups), added into this one, field by field, so that no field is forgotten: counts and
        lists add up, ``text_changed`` is either's, a count one side did not make (``None``) is
        left to be counted from the text. ``text``, ``error``, ``remaining`` and ``todos`` are the
        caller's."""
        for f in fields(self):
            if f.name in ("text", "error", "remaining", "todos"):
                continue
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, bool):
                setattr(self, f.name, mine or theirs)
            elif mine is None or theirs is None:
                setattr(self, f.name, None)
            else:
                setattr(self, f.name, mine + theirs)
        return self


def will_fix(finding: Finding, options: FixOptions) -> bool:
    """The one decision, shared by ``scan`` (which prints it) and ``code``: a finding marked
    ``safe`` is rewritten by ``--fix``, one marked ``unsafe`` by ``--unsafe-fixes``, one without
    a fix (the rule has none, or not for this occurrence: its message says why) never."""
    return finding.fix == "safe" or (finding.fix == "unsafe" and options.unsafe)
