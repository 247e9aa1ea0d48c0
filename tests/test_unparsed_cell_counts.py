"""The summary counts notebook cells that could not be parsed: a cell is one cell, whatever
number of ZM001s it carries; the partial diagnostics of a text notebook (no cell number) are
told apart by their line."""

from zenml_migrate.findings import Diagnostic
from zenml_migrate.output.common import counts
from zenml_migrate.scan.engine import ScanReport


def _report(*diagnostics):
    return ScanReport(diagnostics=list(diagnostics), files_seen=2)


def test_two_diagnostics_in_one_notebook_cell_are_one_unparsed_cell():
    report = _report(
        Diagnostic("nb/explore.ipynb", "cannot parse: invalid syntax", line=2, cell=4),
        Diagnostic("nb/explore.ipynb", "the file `helpers.py` it writes: cannot parse", line=5, cell=4),
        Diagnostic("nb/explore.ipynb", "cannot parse: '(' was never closed", line=1, cell=7),
    )
    c = counts(report)
    assert c["unparsed_cells"] == 2
    assert c["unreadable"] == 0


def test_partial_diagnostics_of_a_text_notebook_are_told_by_line():
    report = _report(
        Diagnostic("report.qmd", "cannot parse", line=12, partial=True),
        Diagnostic("report.qmd", "cannot parse", line=30, partial=True),
        Diagnostic("broken.py", "cannot parse", line=3),
    )
    c = counts(report)
    assert c["unparsed_cells"] == 2
    assert c["unreadable"] == 1
