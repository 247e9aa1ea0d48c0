"""Markdown shell blocks in more spellings: a MyST ``{code-block}`` directive (backquote or colon
fence) whose argument is a shell language, and a console transcript whose prompt names the
folder or the host (``~/proj$ ``, ``dev@gpu-1:~/proj$ ``): only the prompted lines are commands."""

from zenml_migrate.api import scan_source

DOC = """# Working with stacks

```{code-block} console
$ zenml stack register gpu -m mlmd -a gcs -o vertex
```

:::{code-block} bash
zenml profile delete scratch
:::

:::{note}
zenml profile set prose-in-a-note
:::

```{code-block} python
print("zenml profile list")
```

```console
dev@gpu-1:~/proj$ zenml metadata-store describe
zenml profile set shown-as-output
/srv/proj$ zenml stack describe
~$ zenml stack set gpu --global
```
"""


def _found(text, filename="docs/stacks.md"):
    return [(f.code, f.span.line) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


def test_directives_and_prompts():
    assert _found(DOC) == [("ZM952", 4), ("ZM950", 8), ("ZM951", 20), ("ZM950", 23)]


JUPYTEXT_MD = """---
jupyter:
  jupytext:
    text_representation:
      extension: .md
      format_name: markdown
  kernelspec:
    name: python3
---

```{code-block} python
from zenml.repository import Repository  # shown code, no cell
```

```python
from zenml.steps import BaseStepConfig
```
"""


def test_a_code_block_directive_is_no_cell_of_a_jupytext_notebook():
    found = [(f.code, f.cell, f.span.line) for f in scan_source(JUPYTEXT_MD, "nb/intro.md")]
    assert found == [("ZM101", None, 16)]
