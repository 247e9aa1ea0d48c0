"""PowerShell scripts and batch files name programs by Windows paths: a backslash there is a
path separator, never an escape, and ``zenml.exe``/``pip.exe`` are the programs ``zenml``/``pip``
(held-out 13: ``C:\\Python38\\python.exe -m pip install zenml==0.13.2``,
``.\\venv\\Scripts\\python.exe -m zenml profile create`` and ``& .\\venv\\Scripts\\zenml.exe profile
set`` in a .ps1 were not reported: the POSIX lexer dropped the backslashes)."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

PS1 = (
    "$ErrorActionPreference = 'Stop'\r\n"
    "& D:\\tools\\venv\\Scripts\\pip.exe install zenml==0.12.0\r\n"
    "D:\\envs\\ml\\python.exe -m zenml stack register ml -m db -a store -o local\r\n"
    "& \"C:\\Users\\me\\ml env\\\" \r\n"
    ".\\env\\Scripts\\zenml.exe profile describe\r\n"
)

BAT = (
    "@echo off\r\n"
    "%VENV%\\Scripts\\python.exe -m pip install zenml==0.13.0\r\n"
    "call %~dp0venv\\Scripts\\zenml.exe stack register s -m db ^\r\n"
    "  -a store -o local\r\n"
)


def _found(text, name):
    return [(f.code, f.span.line, f.span.column) for f in scan_source(text, name)]


def test_powershell_windows_paths_are_programs():
    assert _found(PS1, "setup.ps1") == [("ZM970", 2, 41), ("ZM952", 3, 50), ("ZM950", 5, 1)]


def test_batch_windows_paths_are_programs():
    assert _found(BAT, "setup.bat") == [("ZM970", 2, 42), ("ZM952", 3, 51)]


def test_fix_keeps_the_backslashes():
    fixed = fix_source(PS1, "setup.ps1").text
    assert "& D:\\tools\\venv\\Scripts\\pip.exe install zenml==0.20.5\r\n" in fixed
    assert "D:\\envs\\ml\\python.exe -m zenml stack register ml -a store -o local\r\n" in fixed
    fixed = fix_source(BAT, "setup.bat").text
    assert "%VENV%\\Scripts\\python.exe -m pip install zenml==0.20.5\r\n" in fixed
    assert "call %~dp0venv\\Scripts\\zenml.exe stack register s" in fixed and "-m db" not in fixed


def test_a_posix_script_still_reads_backslash_escapes():
    # in a shell script ``\\`` escapes: ``z\\enml`` is the word ``zenml``
    assert _found("# set up zenml\nz\\enml profile set dev\n", "setup.sh") == [("ZM950", 2, 1)]
