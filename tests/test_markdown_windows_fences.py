"""Markdown code fences of Windows shells (```bat/cmd/doscon, ```powershell/pwsh/ps1): a console
transcript's prompted lines (``C:\\repo>``, ``PS C:\\repo>``, ``PS>``) are commands, its other lines
output; a block without prompts is a script, read as that shell reads it."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

DOC = r"""# Windows set-up

```doscon
D:\work\ml> zenml metadata-store describe
Metadata store 'default' ...
D:\work\ml> zenml stack describe
```

```ps1
PS D:\work\ml> zenml stack update win -m win_md
PS> zenml profile describe
zenml profile get (printed output)
```

```bat
@echo off
call zenml profile get
```

```powershell
& zenml stack list
zenml.exe profile create winp
```
"""


def _found(text):
    return [(f.code, f.span.line, f.span.column) for f in scan_source(text, "docs/windows.md") if f.code.startswith("ZM9")]


def test_windows_fences():
    assert _found(DOC) == [("ZM951", 4, 13), ("ZM952", 10, 39), ("ZM950", 11, 5), ("ZM950", 17, 6), ("ZM950", 22, 1)]


def test_fix_after_the_prompt():
    assert "PS D:\\work\\ml> zenml stack update win\n" in fix_source(DOC, "docs/windows.md").text
