"""The fold of ``dict(BASE, k=v)`` is decided once, by the scan (structure16 finding 2): the
finding of each keyword carries it (``Finding.fix_args``, a check's ``Via`` answer), the cache
keeps it, and ``settings:FoldSettings`` reads it instead of judging BASE's keys again."""

from dataclasses import replace

from zenml_migrate.api import scan_source
from zenml_migrate.findings import Finding
from zenml_migrate.fix.fixer import FixOptions, fix_text
from zenml_migrate.rules import all_rules
from zenml_migrate.scan.fix_checks import FOLDS_BESIDE
from zenml_migrate.scan.file_scan import FileJob

SOURCE = '''from zenml.pipelines import pipeline

GPU = {"required_integrations": ["pytorch"], "enable_cache": False}
GPU_TUNED = dict(GPU, requirements=["torch==1.12"])
PINNED = dict(GPU, required_integrations=["pytorch", "mlflow"])


@pipeline(**GPU_TUNED)
def tuned(trainer):
    trainer()


@pipeline(**PINNED)
def pinned(trainer):
    trainer()
'''
JOB = FileJob("flows.py", "py", module_name="flows")


def _at(findings, line):
    return [f for f in findings if f.span.line == line and f.code == "ZM205"]


def test_the_scan_says_which_base_a_derived_dict_folds_beside():
    findings = scan_source(SOURCE, "flows.py")
    assert [(f.fix, f.fix_args) for f in _at(findings, 4)] == [("safe", ((FOLDS_BESIDE, "GPU"),))]
    # a legacy keyword in both (0.13.2: the derived one replaced BASE's): no fold, no form
    assert [(f.fix, f.fix_args) for f in _at(findings, 5)] == [(None, ())]
    assert [f.fix_args for f in _at(findings, 3)] == [()]  # BASE's own keys fold as any dict's


def test_the_codemod_folds_where_the_finding_says_and_does_not_decide_again():
    findings = scan_source(SOURCE, "flows.py")
    fixed = fix_text(SOURCE, JOB, all_rules(), FixOptions(), findings=findings).text
    assert ('GPU_TUNED = dict(GPU, settings={**GPU["settings"], "docker": GPU["settings"]["docker"].copy(update='
            '{"requirements": GPU["settings"]["docker"].requirements or ["torch==1.12"]})})\n') in fixed, fixed
    # the same findings without the scan's decision: the codemod has nothing to fold beside
    blind = fix_text(SOURCE, JOB, all_rules(), FixOptions(), findings=[replace(f, fix_args=()) for f in findings]).text
    assert 'GPU_TUNED = dict(GPU, requirements=["torch==1.12"])\n' in blind, blind


def test_the_cache_keeps_the_decision():
    finding = next(f for f in scan_source(SOURCE, "flows.py") if f.fix_args)
    assert Finding.from_dict(finding.to_dict(fix_data=True)).fix_args == ((FOLDS_BESIDE, "GPU"),)
    assert "fix_args" not in finding.to_dict()  # never printed
