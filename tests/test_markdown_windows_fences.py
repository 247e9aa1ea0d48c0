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


NOTES_DOC = r"""# Runner set-up

```cmd
set ZENML_ANALYTICS_OPT_IN=false
zenml profile create runner_w
```

```bash
zenml profile create runner_l
```

```doscon
C:\ml> zenml metadata-store list
```
"""


def test_notes_in_cmd_fences_are_rem_lines():
    # cmd.exe runs a ``# ...`` line as a command (and fails on it): a note there must be a REM line
    fixed = fix_source(NOTES_DOC, "docs/runner.md").text
    notes = [line.split("TODO(zenml-migrate)")[0] for line in fixed.splitlines() if "TODO(zenml-migrate)" in line]
    assert notes == ["REM # ", "# ", "REM # "]
    assert fix_source(fixed, "docs/runner.md").text == fixed  # a second run adds no note
    assert len(_found(fixed)) == len(_found(NOTES_DOC)) == 3
