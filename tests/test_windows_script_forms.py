"""Windows scripts: PowerShell ``Invoke-Expression``/``iex`` strings and ``Start-Process zenml
-ArgumentList ...``; batch ``FOR /F ... IN ('CMD')`` commands and the command after an ``if``
condition (``if errorlevel 1 zenml ...``, ``if not exist X zenml ...``, ``) else zenml ...``)."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

PS1 = """param([string]$Stack = "win")
iex 'zenml profile describe'
Invoke-Expression -Command "zenml stack list"
Start-Process -FilePath "C:\\\\venv\\\\Scripts\\\\zenml.exe" -ArgumentList "stack update $Stack -m win_md" -NoNewWindow -Wait
Start-Process notepad -ArgumentList "zenml profile set not_zenml"
Write-Host "iex is not run: zenml profile set quoted"
"""

BAT = """@echo off
for /f "usebackq tokens=*" %%s in (`zenml profile get`) do set ACTIVE=%%s
if /i not "%ACTIVE%"=="ci" zenml profile set ci
if exist stack.done (
  echo done
) else zenml metadata-store list
echo if errorlevel 1 zenml profile set echoed
"""


def _found(text: str, name: str):
    return [(f.code, f.span.line) for f in scan_source(text, name) if f.code.startswith("ZM9")]


def test_powershell():
    assert _found(PS1, "ops/setup.ps1") == [("ZM950", 2), ("ZM952", 4)]
    assert '-ArgumentList "stack update $Stack" -NoNewWindow' in fix_source(PS1, "ops/setup.ps1").text


def test_batch():
    assert _found(BAT, "ops/setup.cmd") == [("ZM950", 2), ("ZM950", 3), ("ZM951", 6)]
    out = fix_source(BAT, "ops/setup.cmd").text
    assert "@echo off\nREM # TODO(zenml-migrate): ZM950 " in out
