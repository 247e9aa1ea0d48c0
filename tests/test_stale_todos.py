"""TODO lines an earlier run wrote (``migrate/fix/todo.py`` KnownTodos): a later run that fixes
their finding (``--unsafe-fixes``, ``--experiment-tracker``, the whole project after one file)
removes them; a TODO for a finding still there stays exactly once; a line whose text is not ours
(edited by hand, a user's own comment, a string) is never removed, and one above a finding this
run fixed is reported."""

import os
import subprocess
import sys

from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.fix.todo import KnownTodos, mark_todo_lines
from zenml_migrate.rules import all_rules
from zenml_migrate.rules.base import snippet as c

from tests.test_flavor_wrappers import _project

# in a function: at module level, a loop that only shows the stacks fails at import on 0.20 and
# ZM461 comments it out at every level (tests/test_import_time.py), so ZM430's own fix is not made
STACKS = c(
    """
    from zenml.repository import Repository


    def show_stacks():
        repo = Repository()
        for name, stack in repo.stack_configurations.items():
            print(name, dict(stack))
    """
)

TRACKED = c(
    """
    from zenml.integrations.mlflow.mlflow_step_decorator import enable_mlflow
    from zenml.steps import step


    @enable_mlflow
    @step
    def train() -> int:
        return 1
    """
)


def _todos(text):
    return [line.strip() for line in text.splitlines() if "TODO(zenml-migrate)" in line]


def test_unsafe_fixes_after_fix_removes_the_todo_of_the_finding_it_fixes():
    safe = fix_source(STACKS)
    assert _todos(safe.text) == ["# TODO(zenml-migrate): ZM430 stack_configurations is gone in ZenML 0.20; read the stacks from Client().stacks"]
    assert [f.code for f in safe.remaining] == ["ZM430"]  # the 0.20 spelling is still ZM430 (unsafe), not ZM004
    unsafe = fix_source(safe.text, unsafe=True)
    direct = fix_source(STACKS, unsafe=True)
    assert unsafe.text == direct.text and _todos(unsafe.text) == [], unsafe.text
    assert unsafe.todos_removed == 1 and unsafe.todo_lines == 0 and unsafe.applied == {"ZM430": 1}
    again = fix_source(unsafe.text, unsafe=True)
    assert again.text == unsafe.text and not again.text_changed


def test_a_second_run_changes_nothing_and_keeps_one_todo():
    first = fix_source(STACKS)
    second = fix_source(first.text)
    assert second.text == first.text and second.todos_removed == 0 and second.todo_lines == 0
    doubled = first.text.replace("# TODO", "# TODO(zenml-migrate): ZM430 stack_configurations is gone in ZenML 0.20; read the stacks from Client().stacks\n# TODO", 1)
    assert len(_todos(doubled)) == 2
    once = fix_source(doubled)
    assert once.text == first.text, once.text  # the duplicate goes


def test_the_experiment_tracker_given_later_removes_the_todo():
    # an earlier version (no documented guess) left @enable_mlflow with the rule's TODO
    by_hand = [r for r in all_rules() if r.code == "ZM207"][0].todo
    earlier = TRACKED.replace("@enable_mlflow\n", f"# TODO(zenml-migrate): ZM207 {by_hand}\n@enable_mlflow\n")
    later = fix_source(earlier, experiment_tracker="mlflow_tracker")
    direct = fix_source(TRACKED, experiment_tracker="mlflow_tracker")
    assert later.text == direct.text and _todos(later.text) == [], later.text
    assert later.todos_removed == 1


def test_an_edited_todo_is_kept_and_reported():
    safe = fix_source(STACKS)
    edited = safe.text.replace("read the stacks from Client().stacks", "alice: ask bob which stacks we still need")
    result = fix_source(edited, unsafe=True)
    assert "# TODO(zenml-migrate): ZM430 stack_configurations is gone in ZenML 0.20; alice: ask bob which stacks we still need" in result.text
    assert result.todos_removed == 0
    (kept,) = result.todos_edited
    line, code, text = kept
    assert code == "ZM430" and text.endswith("ask bob which stacks we still need")
    assert "alice" in result.text.splitlines()[line - 1]


def test_comments_and_strings_that_are_not_our_lines_stay():
    own = (
        "# TODO(zenml-migrate) check the stacks with the platform team\n"
        "# TODO: ZM430 stack_configurations is gone in ZenML 0.20; read the stacks from Client().stacks\n"
        "#TODO(zenml-migrate): ZM430 stack_configurations is gone in ZenML 0.20; read the stacks from Client().stacks\n"
        'DOC = """\n'
        "# TODO(zenml-migrate): ZM430 stack_configurations is gone in ZenML 0.20; read the stacks from Client().stacks\n"
        'x = 1\n"""\n'
    )
    result = fix_source(own + STACKS, unsafe=True)
    assert result.text.startswith(own), result.text
    assert result.todos_removed == 0 and result.todos_edited == []


def test_a_todo_a_rename_hides_for_good_is_not_taken_for_a_stale_one():
    # ZM407: `Repository().register_stack(...)` takes a StackModel in 0.20: after the rename the
    # scan cannot see it (`Client().register_stack` exists), so its TODO must survive later runs
    source = "from zenml.repository import Repository\n\nRepository().register_stack(stack)\n"
    rules = [r for r in all_rules() if r.code != "ZM461"]  # not pinned here: ZM461 comments the statement out (unsafe)
    first = fix_source(source, rules=rules)
    assert any("ZM407" in t for t in _todos(first.text)), first.text
    again = fix_source(first.text, unsafe=True, rules=rules)
    assert again.text == first.text and again.todos_removed == 0


def test_the_rescan_keeps_zm407_for_keyword_only_calls_and_component_objects():
    """After ``--fix`` renamed ``Repository()`` to ``Client()``, the re-scan still reports what the
    fix left under its ZM407 TODO: a call given only the 0.13.2 keywords (no first argument to
    type) and a stack component object (0.20 takes a ComponentModel), as ``--fix`` said."""
    from zenml_migrate.api import scan_source

    source = c(
        """
        from zenml.enums import StackComponentType
        from zenml.repository import Repository
        from zenml.stack import StackComponent


        def prune(names):
            for name in names:
                Repository().deregister_stack_component(component_type=StackComponentType.ALERTER, name=name)


        def add(component: StackComponent):
            Repository().register_stack_component(component)
        """
    )
    rules = [r for r in all_rules() if r.code != "ZM461"]
    fixed = fix_source(source, rules=rules)
    assert sum("ZM407" in t for t in _todos(fixed.text)) == 2, fixed.text
    assert [f.code for f in scan_source(fixed.text, "prune.py") if f.code == "ZM407"] == ["ZM407", "ZM407"]
    # 0.20 code that passes a model (or nothing known) is not flagged without the TODO line
    modern = "from zenml.client import Client\n\ndef drop(model):\n    Client().deregister_stack_component(component=model)\n"
    assert [f.code for f in scan_source(modern, "modern.py")] == []


def test_the_rescan_keeps_zm407_for_the_0132_arity_and_enum_arguments():
    """0.20's Client stack methods take exactly one model: after ``--fix`` renamed the client, a
    call given two arguments (the 0.13.2 ``(component_type, name)``) or an enum member as the
    argument is still the 0.13.2 spelling, and the re-scan reports it as ``--fix`` said."""
    from zenml_migrate.api import scan_source

    source = c(
        """
        from zenml.enums import StackComponentType
        from zenml.repository import Repository


        def drop(kind: str, name: str):
            Repository().deregister_stack_component(StackComponentType(kind), name)


        def drop_all(kind: str):
            Repository().deregister_stack_component(StackComponentType(kind))
        """
    )
    rules = [r for r in all_rules() if r.code != "ZM461"]
    fixed = fix_source(source, rules=rules)
    assert sum("ZM407" in t for t in _todos(fixed.text)) == 2, fixed.text
    assert [f.code for f in scan_source(fixed.text, "drop.py") if f.code == "ZM407"] == ["ZM407", "ZM407"]
    modern = "from zenml.client import Client\n\ndef drop(model):\n    Client().register_stack(stack=model)\n"
    assert [f.code for f in scan_source(modern, "modern.py")] == []


def test_a_yaml_todo_gets_the_current_text_once():
    rules = {r.code: r for r in all_rules()}
    text = "# TODO(zenml-migrate): ZM501 remove name/source and wire the steps in Python\nname: p\n"
    kept = "kept: README.md:7 (zenml pipeline run -c) reads this file the 0.13.2 way, which ..."
    known = KnownTodos(rules, texts=[("ZM501", kept)])
    marks = mark_todo_lines(text, {2: {"ZM501": kept}}, known=known)
    assert marks.text == f"# TODO(zenml-migrate): ZM501 {kept}\nname: p\n" and marks.replaced == 1, marks
    again = mark_todo_lines(marks.text, {2: {"ZM501": kept}}, known=known)
    assert again.text == marks.text and not again.removed and not again.placed


def _migrate(args, cwd):
    env = dict(os.environ, NO_COLOR="1", COLUMNS="1000", ZENML_CONFIG_PATH=str(cwd / ".no_zenml_config"))
    return subprocess.run([sys.executable, "-m", "zenml_migrate", *args], cwd=str(cwd), capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL, timeout=300)


def test_one_file_then_the_project_gives_the_project_run(tmp_path):
    # ZM414 needs the module of its source: fixed alone, __init__.py keeps ZM112's TODO lines;
    # the run on the whole project fixes them and removes those lines
    partial, direct = tmp_path / "partial", tmp_path / "direct"
    partial.mkdir(), direct.mkdir()
    _project(partial), _project(direct)
    alone = _migrate(["code", "--fix", "teamops/__init__.py"], partial)
    assert "# TODO(zenml-migrate): ZM112" in (partial / "teamops" / "__init__.py").read_text(), alone.stderr
    run = _migrate(["code", "--fix", "."], partial)
    _migrate(["code", "--fix", "."], direct)
    for name in ("__init__.py", "buckets.py"):
        assert (partial / "teamops" / name).read_text() == (direct / "teamops" / name).read_text(), name
    assert "TODO" not in (partial / "teamops" / "__init__.py").read_text()
    assert "line of an earlier run in 1 file: its finding is gone" in run.stderr or "lines of an earlier run in 1 file: their findings are gone" in run.stderr, run.stderr
    again = _migrate(["code", "--fix", "."], partial)
    assert "nothing to rewrite" in again.stderr, again.stderr


def test_a_notebook_cell_loses_the_todo_unsafe_fixes_fixed(tmp_path):
    import json

    cell = {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": STACKS.splitlines(True)}
    path = tmp_path / "stacks.ipynb"
    path.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1))
    _migrate(["code", "--fix", "stacks.ipynb"], tmp_path)
    assert "# TODO(zenml-migrate): ZM430" in path.read_text()
    run = _migrate(["code", "--fix", "--unsafe-fixes", "stacks.ipynb"], tmp_path)
    assert "TODO" not in path.read_text() and "s.components.items()" in path.read_text(), path.read_text()
    assert "removed 1 # TODO(zenml-migrate) line of an earlier run in 1 file: its finding is gone" in run.stderr, run.stderr
    again = _migrate(["code", "--fix", "--unsafe-fixes", "stacks.ipynb"], tmp_path)
    assert "nothing to rewrite" in again.stderr, again.stderr


def test_a_todo_line_replaced_for_a_finding_still_there_is_said_as_such(tmp_path):
    """A TODO line whose text is not what this run writes for its finding (an earlier run's
    reason, or edited by hand) is replaced: the summary said "2 lines written" while the file
    had as many TODO lines as before."""
    from tests.scan_helpers import migrate, write_tree

    write_tree(tmp_path, {"run.yaml": "steps:\n  t:\n    source: {name: T}\n    parameters: &p\n      enable_cache: false\n  u:\n    parameters: *p\n"})
    first = migrate(["code", "--fix", ".", "--no-cache"], tmp_path)
    assert "comments: 2 lines written\n" in first.err, first.err
    path = tmp_path / "run.yaml"
    path.write_text(path.read_text().replace("edit it by hand", "edit it by HAND"))
    again = migrate(["code", "--fix", ".", "--no-cache"], tmp_path)
    assert ("comments: 2 lines written (2 of them replace lines with another text for the same finding: "
            "an earlier run's, or edited by hand)") in again.err, again.err
    assert path.read_text().count("TODO(zenml-migrate)") == 2


# ------------------------------------------------------------------ a user's words on a TODO line whose finding stays
CLIENT_LOOKUP = c(
    """
    from zenml.repository import Repository


    def find(name):
        return Repository().get_stack(name)
    """
)


def test_words_a_user_added_to_a_todo_line_stay_when_its_finding_stays():
    """The whole text of the line with the user's words after it (`--fix` replaced the line by
    its own text, and said so: the user's words were lost)."""
    first = fix_source(CLIENT_LOOKUP)
    (line,) = _todos(first.text)
    for note in (" (dana: ask infra which store)", " -- dana: ask infra", "; dana: ask infra"):
        edited = first.text.replace(line, line + note)
        again = fix_source(edited)
        assert again.text == edited, note
        assert again.todos_removed == 0 and again.todos_replaced == 0 and again.todos_edited == [], note


def test_a_note_after_a_reason_of_ours_stays_and_an_older_reason_is_still_replaced():
    text = "zenml artifact-store register scratch --flavor local --root=/tmp/s\n"
    first = fix_source(text, "ops.sh")
    (line,) = _todos(first.text)
    assert line.endswith("(no automatic fix here: no key of the flavor is this one spelled otherwise)")
    noted = first.text.replace(line, line + " (erin: our mount point, ticket OPS-7)")
    assert fix_source(noted, "ops.sh").text == noted
    # an earlier run's reason after the rule's text is still ours (replaced); a note after it is not
    from zenml_migrate.rules import get_rule

    rule = get_rule("ZM414")
    known = KnownTodos({"ZM414": rule})
    todo = " ".join(rule.todo.split())
    assert known.ours("ZM414", f"{todo} (no automatic fix here: an older reason)")
    assert not known.ours("ZM414", f"{todo} (no automatic fix here: an older reason) (erin: see OPS-7)")
    assert not KnownTodos({"ZM414": rule}, texts=[("ZM414", todo)]).ours("ZM414", f"{todo} (erin: see OPS-7)")


def test_a_noted_todo_whose_finding_this_run_fixes_is_kept_and_reported():
    safe = fix_source(STACKS)
    (line,) = [x for x in safe.text.splitlines() if "ZM430" in x]
    result = fix_source(safe.text.replace(line, line + " (dana: ask infra)"), unsafe=True)
    assert _todos(result.text) == [line.strip() + " (dana: ask infra)"]
    assert result.todos_removed == 0 and [code for _, code, _ in result.todos_edited] == ["ZM430"]


WRAPPED = c(
    """
    from zenml.zen_stores.models import ComponentWrapper, StackWrapper


    class AuditedComponent(ComponentWrapper):
        auditor: str = "ops"


    class AuditedStack(StackWrapper):
        auditor: str = "ops"


    AUDITED = {"component": AuditedComponent, "stack": AuditedStack}
    """
)


def _zm461(text):
    """(line of the statement below, TODO text) of each ZM461 TODO line."""
    lines = text.splitlines()
    out = []
    for i, line in enumerate(lines):
        if "TODO(zenml-migrate): ZM461" in line:
            below = next(ln for ln in lines[i + 1:] if not ln.lstrip().startswith("#"))
            out.append((below, line.split("ZM461 ", 1)[1]))
    return out


def test_a_zm461_line_whose_reason_changed_is_replaced_by_the_current_text():
    # ZM461's texts name what a statement uses (they vary per finding): an earlier run's line for
    # `AUDITED` named `AuditedStack`, which the user then deleted by hand. Before: the old line was not
    # known as ours, so it stayed (naming a class that no longer exists) and no current line was written
    first = fix_source(WRAPPED).text
    assert any("`AuditedComponent`, `AuditedStack`" in t for s, t in _zm461(first) if s.startswith("AUDITED")), first
    lines = first.splitlines(True)
    start = next(i for i, ln in enumerate(lines) if ln.startswith("class AuditedStack"))
    while lines[start - 1].startswith("# TODO"):
        start -= 1
    end = next(i for i, ln in enumerate(lines) if ln.startswith("AUDITED ="))
    while lines[end - 1].startswith("# TODO"):
        end -= 1
    edited = "".join(lines[:start] + lines[end:])
    edited = edited.replace("ComponentWrapper, StackWrapper", "ComponentWrapper")
    edited = edited.replace('{"component": AuditedComponent, "stack": AuditedStack}', '{"component": AuditedComponent}')
    again = fix_source(edited)
    audited = [t for s, t in _zm461(again.text) if s.startswith("AUDITED")]
    assert len(audited) == 1 and "AuditedStack" not in audited[0] and "`AuditedComponent`" in audited[0], again.text
    assert "AuditedStack" not in again.text, again.text
    # what a run on the edited module alone writes (the same lines, nothing stale left)
    fresh = fix_source(edited.replace("# TODO(zenml-migrate)", "# was TODO")).text
    assert _zm461(again.text) == _zm461(fresh)
    assert fix_source(again.text).text == again.text  # and it stays


def test_a_user_note_after_a_zm461_text_keeps_the_line():
    # the same shape with words a user added after it is not ours: it stays as written
    known = KnownTodos({r.code: r for r in all_rules()})
    text = ("This module-level statement uses `X`, which ZenML 0.20 cannot provide, so the module fails at import on "
            "ZenML 0.20: it can be commented out under a TODO (`Y` then raises NotImplementedError when used)")
    assert known.ours("ZM461", text)
    assert known.ours("ZM461", text + " (an unsafe fix here: this statement is a `class` statement)")
    assert not known.ours("ZM461", text + " -- dana: keep until OPS-7")
    assert not known.ours("ZM461", text + " (dana: keep until OPS-7)")
    assert not known.ours("ZM460", text)
