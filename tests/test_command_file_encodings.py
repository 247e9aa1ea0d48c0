"""Command files (shell scripts, PowerShell, Makefiles, ...) are read and written in their own
encoding: a shell runs bytes, so a script with a latin-1 comment is scanned AND rewritten with
every byte it had kept; a UTF-16 PowerShell script (Windows PowerShell 5's ``Out-File``) is read
as UTF-16 and written back as UTF-16 with its byte order mark (it was skipped as if it had no
``zenml`` in it, and a latin-1 script was refused: "cannot decode as UTF-8")."""

import codecs

import pytest

from tests.scan_helpers import codes, migrate, scan_json

SCRIPT = "# r\xe9glage\r\nzenml profile set dev\r\nzenml served-models list\r\n"
TODO = "# TODO(zenml-migrate): ZM950"


@pytest.mark.parametrize(
    "name, encode",
    [
        ("deploy.ps1", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le")),
        ("deploy.ps1", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be")),
        ("deploy.sh", lambda t: t.encode("latin-1")),
        ("Makefile", lambda t: t.replace("zenml", "\tzenml").replace("# r", "setup:\r\n# r", 1).encode("latin-1")),
        ("deploy.sh", lambda t: t.encode("utf-8") + b"# \xff\r\n"),  # UTF-8 with one stray byte
    ],
)
def test_a_command_file_is_scanned_and_rewritten_in_its_own_encoding(tmp_path, name, encode):
    data = encode(SCRIPT)
    (tmp_path / name).write_bytes(data)
    found = codes(scan_json(tmp_path))
    assert [c for _, _, c in found] == ["ZM950", "ZM957"], found
    run = migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    assert "cannot decode" not in run.out + run.err and "left unchanged" not in run.out + run.err, run.out + run.err
    written = (tmp_path / name).read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        assert written[:2] == data[:2]
        text, old = written[2:].decode("utf-16-le" if data[:2] == codecs.BOM_UTF16_LE else "utf-16-be"), SCRIPT
    else:
        text, old = written.decode("latin-1"), data.decode("latin-1")
    # every line it had is kept byte for byte; the TODO lines are the only new ones, with its line ends
    assert [line for line in text.split("\r\n") if line not in old.split("\r\n")] == [
        line for line in text.split("\r\n") if line.lstrip("\t").startswith("# TODO(zenml-migrate)")
    ]
    assert text.count(TODO) == 1 and text.count("\r\n") == old.count("\r\n") + 2
    again = codes(scan_json(tmp_path))
    assert [c for _, _, c in again] == ["ZM950", "ZM957"]  # the re-scan still reads it, one line lower


def test_a_stray_byte_is_shown_as_a_replacement_character_never_a_surrogate(tmp_path):
    (tmp_path / "run.sh").write_bytes(b"# caf\xe9\nzenml profile set dev\n")
    full = migrate(["scan", "--format", "full", "--no-cache", "."], tmp_path)
    assert "# caf\ufffd" in full.out and "\\udc" not in full.out
    diff = migrate(["code", "--diff", "--no-cache", "."], tmp_path)
    assert " # caf\ufffd" in diff.out and "\\udc" not in diff.out


def test_a_utf16_command_file_without_zenml_is_not_read(tmp_path):
    (tmp_path / "other.ps1").write_bytes(codecs.BOM_UTF16_LE + "Write-Output hello\r\n".encode("utf-16-le"))
    run = scan_json(tmp_path)
    assert run.json()["findings"] == [] and run.code == 0
