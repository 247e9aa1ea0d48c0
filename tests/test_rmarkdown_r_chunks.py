"""R Markdown / Quarto ``{r}`` chunks (knitr runs them): their ``system("...")`` and
``system2("zenml", c(...))`` calls are zenml commands, like those of an ``.R`` script; an unbraced
```` ```r```` block of a README is only shown, not run."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

DOC = """---
title: weekly
---

```{r setup, include=FALSE}
system("zenml profile set weekly")
out <- system2("zenml", c("stack", "update", "wk", "-m", "wk_md"), stdout = TRUE)
```

Shown only:

```r
system("zenml profile get")
```

```{r}
# system("zenml profile delete commented")
print("zenml profile describe is a string here")
```
"""


def _found(text, filename):
    return [(f.code, f.span.line) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


def test_r_chunks_of_rmd_and_qmd():
    assert _found(DOC, "reports/weekly.Rmd") == [("ZM950", 6), ("ZM952", 7)]
    assert _found(DOC, "reports/weekly.qmd") == [("ZM950", 6), ("ZM952", 7)]


def test_fix_in_the_chunk():
    out = fix_source(DOC, "reports/weekly.Rmd").text
    assert 'out <- system2("zenml", c("stack", "update", "wk"), stdout = TRUE)' in out
    assert 'system("zenml profile get")\n```' in out
