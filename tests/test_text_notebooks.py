"""Notebooks kept as text (jupytext Markdown, MyST, Quarto, R Markdown, IPython scripts): the
Python of their cells is read by the Python rules (findings on the file's own lines, names
flowing from cell to cell) and fixed in place; fences of a README, plain ```python fences of a
Quarto file (shown, not run) and cells of a kernel that is not Python are not Python cells."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

from tests.scan_helpers import fix_as_scanned


def _found(text: str, filename: str):
    return sorted({(f.code, f.span.line, f.span.column) for f in scan_source(text, filename, with_diagnostics=True)})


JUPYTEXT = (
    "---\njupyter:\n  jupytext:\n    formats: ipynb,md\n  kernelspec:\n    display_name: Py\n    language: python\n    name: py3\n---\n"
    "\n# Training runs\n\n"  # 10-12
    "```python\nfrom zenml.repository import Repository\nrepo = Repository()\n```\n\n"  # 13-16
    "Now the runs:\n\n"  # 18
    "```python\nfor p in repo.get_pipelines():\n    print(p.name)\n```\n\n"  # 20-23
    "```bash\nzenml stack register s -m md -a a -o o\n```\n"  # 25-27
)


def test_jupytext_markdown_cells_are_python_on_the_files_lines():
    found = _found(JUPYTEXT, "notebooks/runs.md")
    assert ("ZM108", 14, 30) in found and ("ZM108", 15, 8) in found
    assert ("ZM302", 21, 10) in found  # ``repo`` is bound in an earlier cell
    assert ("ZM952", 26, 24) in found  # the shell fence as before


def test_jupytext_markdown_fix_writes_cells_in_place_and_commands_after_them():
    out = fix_source(JUPYTEXT, "notebooks/runs.md").text
    assert "```python\nfrom zenml.client import Client\nfrom zenml.post_execution import get_pipelines\nrepo = Client()\n```" in out
    assert "for p in get_pipelines():\n    print(p.name)\n```" in out
    assert "zenml stack register s -a a -o o\n```\n" in out  # moved down by the cell's new lines, still fixed
    assert out.startswith(JUPYTEXT[:120]) and "Now the runs:\n" in out
    assert not [f for f in scan_source(out, "notebooks/runs.md") if f.fix]


def test_fix_from_the_scans_findings_gives_the_same_text():
    fixed = fix_as_scanned("notebooks/runs.md", "markdown", JUPYTEXT.encode())
    assert fixed.error is None
    assert fixed.new.decode() == fix_source(JUPYTEXT, "notebooks/runs.md").text
    assert fixed.applied["ZM302"] == 1 and fixed.applied["ZM952"] == 1


def test_a_readme_and_a_non_python_kernel_have_no_python_cells():
    readme = "# Usage\n\n```python\nfrom zenml.repository import Repository\n```\n"
    assert _found(readme, "README.md") == []
    r_kernel = JUPYTEXT.replace("language: python", "language: R")
    assert [c for c, *_ in _found(r_kernel, "notebooks/runs.md")] == ["ZM952"]


def test_myst_code_cells_without_their_options():
    myst = (
        "---\nkernelspec:\n  name: python3\n---\n\n"
        "```{code-cell} ipython3\n---\ntags: [hide-input]\n---\nfrom zenml.steps import BaseStepConfig\n```\n\n"  # 6-11
        "```{code-cell}\n:tags: [remove-cell]\nclass P(BaseStepConfig):\n    lr: float = 0.1\n```\n\n"  # 13-17
        "```{code-cell} r\nlibrary(zenml)\n```\n\n"
        "```python\nfrom zenml.repository import Repository\n```\n"  # a plain fence of MyST: markdown
    )
    assert _found(myst, "book/train.md") == [("ZM101", 10, 25), ("ZM101", 15, 9)]
    out = fix_source(myst, "book/train.md").text
    assert "---\ntags: [hide-input]\n---\nfrom zenml.steps import BaseParameters\n" in out
    assert ":tags: [remove-cell]\nclass P(BaseParameters):\n" in out
    assert out.endswith("```python\nfrom zenml.repository import Repository\n```\n")


def test_quarto_and_r_markdown_run_only_braced_python_chunks():
    qmd = (
        "---\ntitle: t\njupyter: python3\n---\n\n"
        "```python\nfrom zenml.repository import Repository  # shown, not run\n```\n\n"  # 6-8
        "```{python}\n#| echo: false\nfrom zenml.steps import BaseStepConfig\n%matplotlib inline\n```\n"  # 10-14
    )
    assert _found(qmd, "reports/week.qmd") == [("ZM101", 12, 25)]
    assert _found(qmd, "reports/week.Rmd") == [("ZM101", 12, 25)]
    out = fix_source(qmd, "reports/week.qmd").text
    assert "#| echo: false\nfrom zenml.steps import BaseParameters\n%matplotlib inline\n```\n" in out


def test_an_ipython_script_is_one_cell():
    ipy = "%load_ext autoreload\nfrom zenml.repository import Repository\nfiles = !ls\nprint(Repository().active_stack_name)\n"
    assert _found(ipy, "tools/check.ipy") == [("ZM108", 2, 30), ("ZM108", 4, 7), ("ZM402", 4, 7)]
    out = fix_source(ipy, "tools/check.ipy").text
    assert out == "%load_ext autoreload\nfrom zenml.client import Client\nfiles = !ls\nprint(Client().active_stack_model.name)\n"
    assert _found("%%bash\nzenml version\nfrom zenml.repository import Repository\n", "tools/shell.ipy") == []


def test_a_cell_that_does_not_parse_is_reported_at_its_line():
    md = "---\njupytext: {}\n---\n\n```python\nfrom zenml.steps import BaseStepConfig\n```\n\n```python\ndef broken(:\n```\n"
    assert _found(md, "nb.md") == [("ZM001", 10, 12), ("ZM101", 6, 25)]
