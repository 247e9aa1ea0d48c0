"""Issue 11: adding a rule of any kind is one file. Each module below is dropped, alone, into
the rule package's search path (a temporary folder, nothing in the repository changes); the
rule must then be detected, fixed at its advertised level, scan and fix must agree, and it must
be in the generated docs (README table, rule page, `migrate explain`), with no other edit, and
the scan must still parse a module piecemeal (a whole-module check walking ``detector.tree``
made it parse every scanned module whole: tests/test_partial_parse.py failed, a second file).

The kinds: a rename, a decorator moved into step settings, a post-execution method, a call
keyword removed, a step/pipeline attribute write, a YAML run-config key the run-config tables
do not know, a CLI option, a whole-notebook check, a data-driven safety net (a whole-module check).
A new codemod that declines some occurrences is its module in codemods/ and its rule, whose
module registers the codemod's check (``scan.fix_checks.codemod_check``), and says there too when
the codemod replaces the whole span of each finding it fixes (``replaces_span=True``: the scan
then resolves an import that goes with its rewritten uses)."""

import contextlib
import json
import sys
import textwrap

import pytest

import zenml_migrate.rules as rules_package
from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

NOTEBOOK = json.dumps(
    {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {"cell_type": "code", "id": "a", "metadata": {}, "execution_count": None, "outputs": [], "source": "import zenml\n"},
            {"cell_type": "code", "id": "b", "metadata": {}, "execution_count": None, "outputs": [], "source": "%load_ext tensorboard\nzenml.show()\n"},
        ],
    },
    indent=1,
)

MODULES = {
    "rename": '''
        from zenml_migrate.rules.base import Bad, Fix, Good, Ref, Rule

        ONE_FILE_RENAME = Rule(
            code="ZM191", name="one-file-rename", message="`OldSchedule` is `Schedule` in ZenML 0.20",
            why="w", instead="i", fix=Fix.SAFE, fix_note="n",
            match=(Ref("zenml.pipelines.one_file_schedule.OldSchedule"),),
            codemod="renames:RenameSymbols", fix_args=(("to", "zenml.pipelines.Schedule"),),
            bad=(Bad("from zenml.pipelines.one_file_schedule import OldSchedule\\n\\ns = OldSchedule()\\n",
                     fixed="from zenml.pipelines import Schedule\\n\\ns = Schedule()\\n", count=2),),
            good=(Good("from zenml.pipelines import Schedule\\n\\ns = Schedule()\\n"),),
        )
    ''',
    "rename_table": '''
        from zenml_migrate.rules.base import Bad, Fix, Good, Rule, renaming

        RENAMES = (("zenml.pipelines.one_file_table.OldCron", "zenml.pipelines.Schedule"),)

        ONE_FILE_RENAME_TABLE = Rule(
            code="ZM193", name="one-file-rename-table", message="`OldCron` is `Schedule` in ZenML 0.20",
            why="w", instead="i", fix=Fix.SAFE, fix_note="n",
            **renaming(RENAMES),
            bad=(Bad("from zenml.pipelines.one_file_table import OldCron\\n\\ns = OldCron()\\n",
                     fixed="from zenml.pipelines import Schedule\\n\\ns = Schedule()\\n", count=2),),
            good=(Good("from zenml.pipelines import Schedule\\n\\ns = Schedule()\\n"),),
        )
    ''',
    "decorator": '''
        from zenml_migrate.rules.base import Bad, Good
        from zenml_migrate.rules.decorators import _enable_decorator_rule

        ONE_FILE_DECORATOR = _enable_decorator_rule(
            "ZM291", "enable_onefile", "zenml.integrations.onefile.onefile_step_decorator", "data_validator.onefile",
            instead="settings", extra=(("enable_onefile", True),),
            bad=(Bad(
                "from zenml.integrations.onefile.onefile_step_decorator import enable_onefile\\n"
                "from zenml.steps import step\\n\\n@enable_onefile\\n@step\\ndef profiler() -> int:\\n    return 1\\n",
                fixed="from zenml.steps import step\\n\\n"
                '@step(settings={"data_validator.onefile": {"enable_onefile": True}})\\n'
                "def profiler() -> int:\\n    return 1\\n",
                count=2,
            ),),
            good=(Good("from zenml.steps import step\\n"),),
        )
    ''',
    "post_execution": '''
        from zenml_migrate.rules.base import Bad, Fix, Good, Ref, Rule
        from zenml_migrate.scan import api013

        ONE_FILE_POST_EXECUTION = Rule(
            code="ZM391", name="one-file-post-execution", message="`pipeline_view.get_run_count()` is gone in ZenML 0.20",
            why="w", instead="i", fix=Fix.SAFE, fix_note="n",
            codemod="post_execution:PostExecution", fix_args=(("template", "len({obj}.runs)"),),
            match=(Ref(f"{api013.PIPELINE_VIEW}.get_run_count"),),
            bad=(Bad('from zenml.post_execution import get_pipeline\\n\\npv = get_pipeline("p")\\nn = pv.get_run_count()\\n',
                     fixed='from zenml.post_execution import get_pipeline\\n\\npv = get_pipeline("p")\\nn = len(pv.runs)\\n',
                     count=1),),
            good=(Good("class V:\\n    def get_run_count(self):\\n        return 0\\n\\nV().get_run_count()\\n"),),
        )
    ''',
    "keyword": '''
        from zenml_migrate.rules.base import Bad, Fix, Good, Kwarg, Rule
        from zenml_migrate.rules.decorators import STEP_CALLEES

        ONE_FILE_KEYWORD = Rule(
            code="ZM292", name="one-file-keyword-removed", message="`one_file_kw=` is gone in ZenML 0.20",
            why="w", instead="i", fix=Fix.SAFE, fix_note="n",
            codemod="keywords:RenameKeywords", fix_args=(("keywords", (("one_file_kw", None),)),),
            match=(Kwarg(STEP_CALLEES, "one_file_kw"),),
            bad=(Bad("from zenml.steps import step\\n\\n@step(enable_cache=False, one_file_kw=1)\\ndef t() -> int:\\n    return 1\\n",
                     fixed="from zenml.steps import step\\n\\n@step(enable_cache=False)\\ndef t() -> int:\\n    return 1\\n",
                     count=1),),
            good=(Good("from zenml.steps import step\\n\\n@step\\ndef t() -> int:\\n    return 1\\n"),),
        )
    ''',
    "member_write": '''
        from zenml_migrate.rules.base import Bad, Fix, Good, Ref, Rule
        from zenml_migrate.scan import api013

        ONE_FILE_MEMBER = Rule(
            code="ZM293", name="one-file-member-write", message="ZenML 0.20 ignores `one_file_option`: use `.configure(...)`",
            why="w", instead="i", fix=Fix.SAFE, fix_note="n",
            codemod="configure:AttributeWrites",
            fix_args=(("attributes", ("one_file_option",)), ("settings", ()), ("keyword_for", (("one_file_option", "enable_cache"),))),
            match=(Ref(f"{api013.STEP}.one_file_option", ctx="store"),),
            bad=(Bad("from zenml.steps import step\\n\\n@step\\ndef t() -> int:\\n    return 1\\n\\ns = t()\\ns.one_file_option = False\\n",
                     fixed="from zenml.steps import step\\n\\n@step\\ndef t() -> int:\\n    return 1\\n\\ns = t()\\n"
                     "s.configure(enable_cache=False)\\n", count=1),),
            good=(Good("class S:\\n    pass\\n\\nS().one_file_option = 1\\n"),),
        )
    ''',
    "yaml_key": '''
        from zenml_migrate.rules.base import Bad, Fix, Good, Rule, YamlKey

        ONE_FILE_YAML = Rule(
            code="ZM591", name="one-file-run-config-key", message="`steps.<step>.one_file_key:` is gone in ZenML 0.20",
            why="w", instead="i", fix=Fix.UNSAFE, fix_note="n", todo="remove one_file_key",
            codemod="run_config:RunConfigYaml", fix_args=(("drop", ("steps.*.one_file_key",)),),
            match=(YamlKey("steps.*.one_file_key"),),
            bad=(Bad("steps:\\n  trainer:\\n    one_file_key: 1\\n    enable_cache: false\\n",
                     fixed="steps:\\n  trainer:\\n    enable_cache: false\\n", unsafe=True, count=1, filename="run.yaml"),),
            good=(Good("steps:\\n  trainer:\\n    enable_cache: false\\n", filename="run.yaml"),),
        )
    ''',
    "cli_option": '''
        from zenml_migrate.rules.base import Bad, Command, Fix, Good, Rule

        ONE_FILE_CLI = Rule(
            code="ZM991", name="one-file-cli-option", message="`--set` of `zenml stack register` is gone (one-file test)",
            why="w", instead="i", fix=Fix.SAFE, fix_note="n",
            match=(Command("stack register", options=("set_stack",)),),
            codemod="command_line:DropOption",
            bad=(Bad("zenml stack register s -a default -o default --set\\n",
                     fixed="zenml stack register s -a default -o default\\n", filename="setup.sh"),),
            good=(Good("zenml stack register s -a default -o default\\n", filename="setup.sh"),),
        )
    ''',
    "safety_net": '''
        import ast

        from zenml_migrate.findings import Finding
        from zenml_migrate.rules.base import Bad, Fix, Good, ModuleCheck, Rule

        GONE = {"zenml.utils.source_utils.old_helper": "zenml.utils.source_utils.new_helper"}  # data, e.g. generated

        def _gone_calls(detector, rule):
            out = []
            for node in ast.walk(detector.top_level()):  # what the scan walked: every use of a zenml name
                if isinstance(node, ast.Call) and detector.resolve(node.func) in GONE:
                    message = f"{rule.message}: use `{GONE[detector.resolve(node.func)]}`"
                    out.append(Finding(detector.path, detector._span(node.func), rule.code, message, rule.fix_value))
            return out

        ONE_FILE_NET = Rule(
            code="ZM098", name="one-file-safety-net", message="this helper is gone in ZenML 0.20 (one-file test)",
            why="w", instead="i", fix=Fix.NONE, fix_note="n", todo="one-file net TODO",
            match=(ModuleCheck(_gone_calls),),
            bad=(Bad("from zenml.utils import source_utils as u\\n\\n\\ndef f():\\n    return u.old_helper(1)\\n", count=1),),
            good=(Good("from zenml.utils import source_utils as u\\n\\n\\ndef f():\\n    return u.new_helper(1)\\n"),),
        )
    ''',
    "notebook": '''
        import ast

        from zenml_migrate.findings import Finding
        from zenml_migrate.rules.base import Bad, Fix, Good, NotebookCheck, Rule

        def _shows(path, nb, detector, rule):
            """``zenml.show()`` in a notebook that loads the tensorboard extension (a whole-notebook fact)."""
            if not any("%load_ext tensorboard" in "".join(c.lines) for c in nb.cells):
                return []
            return [
                Finding(path, detector._span(node), rule.code, rule.message, rule.fix_value)
                for node in ast.walk(detector.tree)
                if isinstance(node, ast.Call) and detector.resolve(node.func) == "zenml.show"
            ]

        ONE_FILE_NOTEBOOK = Rule(
            code="ZM261", name="one-file-notebook-check", message="`zenml.show()` next to tensorboard (one-file test)",
            why="w", instead="i", fix=Fix.NONE, fix_note="n", todo="one-file notebook TODO",
            match=(NotebookCheck(_shows, "show"),),
            bad=(Bad(NOTEBOOK, filename="nb.ipynb", count=1),),
            good=(Good(NOTEBOOK.replace("%load_ext tensorboard", "%matplotlib inline"), filename="nb.ipynb"),),
        )
    ''',
}


def _clear_caches():
    for name, module in list(sys.modules.items()):
        if name.startswith("zenml_migrate"):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "") == name:
                    value.cache_clear()


@pytest.fixture(params=sorted(MODULES))
def one_file_rule(request, tmp_path):
    """The rules of one new module, in the catalog for the test's duration."""
    name = f"one_file_{request.param}"
    body = textwrap.dedent(MODULES[request.param])
    if request.param == "notebook":
        body = f"NOTEBOOK = {NOTEBOOK!r}\n" + body
    (tmp_path / f"{name}.py").write_text(body)
    rules_package.__path__.append(str(tmp_path))
    _clear_caches()
    try:
        yield [r for r in rules_package.all_rules() if r.family == name]
    finally:
        rules_package.__path__.remove(str(tmp_path))
        sys.modules.pop(f"zenml_migrate.rules.{name}", None)
        _clear_caches()


def test_a_rule_of_each_kind_is_one_file(one_file_rule):
    from zenml_migrate.docs import rule_page, rules_listing

    assert len(one_file_rule) == 1
    rule = one_file_rule[0]
    for example in rule.bad:
        found = [f for f in scan_source(example.code, example.filename) if f.code == rule.code]
        assert len(found) == (example.count or len(found)) and found, (rule.code, found)
        assert {f.fix for f in found} == {rule.fix_value}, found  # scan advertises the rule's level
        result = fix_source(example.code, example.filename, **example.fix_options())
        assert result.error is None, result.error
        if example.fixed is not None:
            assert result.text == example.fixed
            assert result.applied[rule.code] >= 1
        else:  # no fix: the finding gets its TODO line
            assert f"ZM{rule.code[2:]}" in result.text and "TODO(zenml-migrate)" in result.text
    for example in rule.good:
        assert not [f for f in scan_source(example.code, example.filename) if f.code == rule.code]
    assert f"| {rule.code} | {rule.name} |" in rules_listing("markdown")  # the README table is generated
    assert rule.message in rule_page(rule)
    assert not _parses_whole(), "the new rule makes the scan parse every module whole (tests/test_partial_parse.py)"


# a module the scan parses piecemeal: only the import and the statement using it are walked
PIECEMEAL = "from zenml.client import Client\n\n" + "".join(
    f"\n\ndef helper_{i}(rows):\n    return [r * {i} for r in rows if r]\n" for i in range(40)
) + "\n\nclient = Client()\n"


def _parses_whole() -> bool:
    """Does the scan of ``PIECEMEAL`` with every rule parse the statements it does not walk?"""
    from zenml_migrate.rules import all_rules
    from zenml_migrate.scan import file_scan, partial_parse
    from zenml_migrate.scan.detect import RuleIndex

    whole, real = [], partial_parse.Parsed.whole
    partial_parse.Parsed.whole = lambda self: whole.append(1) or real(self)
    try:
        job = file_scan.FileJob("pkg/helpers.py", "py", "pkg.helpers")
        ctx = file_scan.ScanContext(RuleIndex(all_rules()))
        assert file_scan.parse_pruned(job, PIECEMEAL, file_scan.split_lines(PIECEMEAL), ctx) is not None  # it is parsed piecemeal
        file_scan.scan_python(job, PIECEMEAL.encode("utf-8"), ctx)
    finally:
        partial_parse.Parsed.whole = real
    return bool(whole)


@contextlib.contextmanager
def _new_codemod(tmp_path, rule_module: str, rule_text: str, codemod_module: str, codemod_text: str):
    """A new rule module (rules path) and its codemod module (codemods path) in temp folders,
    in the catalog for the block: yields the rule."""
    import zenml_migrate.codemods as codemods_package
    from zenml_migrate.scan.fix_checks import BY_CODEMOD, REPLACES_SPAN

    (tmp_path / "rules").mkdir()
    (tmp_path / "codemods").mkdir()
    (tmp_path / "rules" / f"{rule_module}.py").write_text(textwrap.dedent(rule_text))
    (tmp_path / "codemods" / f"{codemod_module}.py").write_text(textwrap.dedent(codemod_text))
    rules_package.__path__.append(str(tmp_path / "rules"))
    codemods_package.__path__.append(str(tmp_path / "codemods"))
    _clear_caches()
    try:
        (rule,) = [r for r in rules_package.all_rules() if r.family == rule_module]
        yield rule
    finally:
        rules_package.__path__.remove(str(tmp_path / "rules"))
        codemods_package.__path__.remove(str(tmp_path / "codemods"))
        sys.modules.pop(f"zenml_migrate.rules.{rule_module}", None)
        sys.modules.pop(f"zenml_migrate.codemods.{codemod_module}", None)
        for name in [n for n in BY_CODEMOD if n.startswith(f"{codemod_module}:")]:
            BY_CODEMOD.pop(name)
        REPLACES_SPAN.difference_update([n for n in REPLACES_SPAN if n.startswith(f"{codemod_module}:")])
        _clear_caches()


SPAN_CODEMOD = '''
    """``one_file_span:InlineHelper`` (one-file test): ``old_helper(x)`` -> ``x``."""

    import libcst as cst

    from zenml_migrate.fix.codemod import Codemod


    class InlineHelper(Codemod):
        whole_tree = False

        def leave_Call(self, original, updated):
            if not self.ctx.at(original.func):
                return updated  # declined: the rule's check told the scan
            return updated.args[0].value
'''

SPAN_CODEMOD_RULE = '''
    import ast

    from zenml_migrate.rules.base import Bad, Fix, Good, Ref, Rule
    from zenml_migrate.scan.fix_checks import codemod_check

    @codemod_check("one_file_span:InlineHelper", replaces_span=True)  # its rewrite replaces the finding's span
    def one_argument(node, site):
        call = site.parent(node)
        if not isinstance(call, ast.Call) or call.func is not node or len(call.args) != 1 or call.keywords:
            return "not a call with one argument"
        return None

    ONE_FILE_SPAN = Rule(
        code="ZM194", name="one-file-span-codemod", message="`old_helper(x)` is `x` in ZenML 0.20 (one-file test)",
        why="w", instead="i", fix=Fix.SAFE, fix_note="n", todo="one-file span TODO",
        match=(Ref("zenml.one_file_span.old_helper"),),
        codemod="one_file_span:InlineHelper",
        bad=(Bad("from zenml.one_file_span import old_helper\\n\\n\\ndef f():\\n    return old_helper(3)\\n",
                 fixed="def f():\\n    return 3\\n"),),
        good=(Good("def f():\\n    return 3\\n"),),
    )
'''


def test_a_new_codemod_replacing_its_spans_says_so_in_its_rules_module(tmp_path):
    """A codemod whose rewrite replaces the whole span of each finding it fixes says so where its
    check is registered (``codemod_check(..., replaces_span=True)``), not in a list of the scan:
    an import whose every use it rewrites is then resolved by its fix in ``scan`` (the fixer
    drops it), and one it declines keeps the import for a human, in ``scan`` as in ``--fix``."""
    from zenml_migrate.scan.fix_checks import REPLACES_SPAN

    with _new_codemod(tmp_path, "one_file_span_rule", SPAN_CODEMOD_RULE, "one_file_span", SPAN_CODEMOD) as rule:
        assert "one_file_span:InlineHelper" in REPLACES_SPAN
        code = rule.bad[0].code
        others = [r for r in rules_package.all_rules() if r.code not in ("ZM460", "ZM461")]  # they take any gone import
        found = [f for f in scan_source(code, "x.py", rules=others) if f.code == rule.code]
        assert [(f.span.line, f.fix) for f in found] == [(1, "safe"), (5, "safe")], found
        assert found[0].resolved_by == rule.code, found[0]  # the import: resolved by the fix of its uses
        assert fix_source(code, "x.py", rules=others).text == rule.bad[0].fixed
        declined = code + "\n\ndef g():\n    return old_helper(1, 2)\n"
        found = [f for f in scan_source(declined, "x.py", rules=others) if f.code == rule.code]
        assert [(f.span.line, f.fix) for f in found] == [(1, None), (5, "safe"), (9, None)], found
        kept = fix_source(declined, "x.py", rules=others).text
        assert kept.startswith("# TODO(zenml-migrate): ZM194") and "from zenml.one_file_span import old_helper" in kept, kept
        assert "return 3" in kept and "return old_helper(1, 2)" in kept, kept


CODEMOD = '''
    """``one_file_codemod:CountRuns`` (one-file test): ``view.count_runs()`` -> ``len(view.runs)``."""

    import libcst as cst

    from zenml_migrate.fix.codemod import Codemod


    class CountRuns(Codemod):
        whole_tree = False

        def leave_Call(self, original, updated):
            if not self.ctx.at(original.func) or updated.args or not isinstance(updated.func, cst.Attribute):
                return updated  # declined: the rule's check told the scan (``codemod_check``)
            return cst.Call(cst.Name("len"), [cst.Arg(cst.Attribute(updated.func.value, cst.Name("runs")))])
'''

CODEMOD_RULE = '''
    import ast

    from zenml_migrate.rules.base import Bad, Fix, Good, Ref, Rule
    from zenml_migrate.scan.fix_checks import codemod_check
    from zenml_migrate.scan import api013

    @codemod_check("one_file_codemod:CountRuns")  # every rule naming the codemod gets it
    def one_argument(node, site):
        call = site.parent(node)
        if not isinstance(call, ast.Call) or call.args or call.keywords:
            return "`count_runs` is called with arguments"
        return None

    ONE_FILE_CODEMOD = Rule(
        code="ZM192", name="one-file-codemod", message="`count_runs()` is gone in ZenML 0.20 (one-file test)",
        why="w", instead="i", fix=Fix.SAFE, fix_note="n", todo="one-file codemod TODO",
        match=(Ref(f"{api013.PIPELINE_VIEW}.count_runs"),),
        codemod="one_file_codemod:CountRuns",
        bad=(Bad('from zenml.post_execution import get_pipeline\\n\\npv = get_pipeline("p")\\nn = pv.count_runs()\\n',
                 fixed='from zenml.post_execution import get_pipeline\\n\\npv = get_pipeline("p")\\nn = len(pv.runs)\\n', count=1),),
        good=(Good("class V:\\n    def count_runs(self):\\n        return 0\\n\\nV().count_runs()\\n"),),
    )
'''


def test_a_new_codemod_that_declines_some_occurrences_is_its_module_and_its_rule(tmp_path):
    """A new codemod (codemods/) whose check (where it declines) sits in the module of its rule,
    registered with ``scan.fix_checks.codemod_check``: no entry in a table of another file."""
    with _new_codemod(tmp_path, "one_file_codemod_rule", CODEMOD_RULE, "one_file_codemod", CODEMOD) as rule:
        declined = rule.bad[0].code.replace("count_runs()", "count_runs(last=3)")
        for code, fix in ((rule.bad[0].code, "safe"), (declined, None)):
            (found,) = [f for f in scan_source(code, "x.py") if f.code == rule.code]
            assert found.fix == fix, found
        assert fix_source(rule.bad[0].code, "x.py").text == rule.bad[0].fixed
        kept = fix_source(declined, "x.py")
        assert "pv.count_runs(last=3)" in kept.text and "TODO(zenml-migrate): ZM192" in kept.text, kept.text
