"""Commands run through another program: ``ssh HOST CMD`` (also one quoted remote line, and a
here-document fed to ``ssh HOST bash -s``), ``docker|podman exec [opts] CONTAINER CMD`` (also ``sh -c
LINE`` there), ``kubectl|oc exec POD -- CMD``, ``watch -n N CMD``, ``${VAR:-zenml}``, fish's ``and``/``or``;
shell files named ``.envrc``/``.bashrc``/``.zshrc`` and ``*.fish``."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of

SCRIPT = """#!/bin/sh
ssh -i ~/.ssh/ml ops@gpu1 zenml profile get
ssh -p 2222 gpu2 "zenml stack update gpu -m gpu_store && zenml stack list"
podman exec -e X=1 -u ml trainer zenml metadata-store describe
docker exec runner sh -c 'zenml profile describe'
kubectl -n ml exec -it deploy/api -c app -- zenml profile delete old
oc exec pod/x -- zenml stack list
watch -n 30 zenml metadata-store list
${ZENML:-zenml} profile create fallback
ssh gpu3 bash -s <<'REMOTE'
zenml profile set remote
REMOTE
ssh gpu4 <<'NOTE'
zenml profile set run_by_the_login_shell
NOTE
docker build -t zenml .
ssh gpu5
"""


def _found(text, filename="ops/remote.sh"):
    return [(f.code, f.span.line) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


def test_wrapped_commands():
    assert _found(SCRIPT) == [
        ("ZM950", 2), ("ZM952", 3), ("ZM951", 4), ("ZM950", 5), ("ZM950", 6), ("ZM951", 8), ("ZM950", 9), ("ZM950", 11), ("ZM950", 14),
    ]


def test_fix_inside_the_remote_line():
    out = fix_source(SCRIPT, "ops/remote.sh").text
    assert 'ssh -p 2222 gpu2 "zenml stack update gpu && zenml stack list"\n' in out


def test_fish_and_startup_files():
    fish = "if status is-interactive\n    true; and zenml profile set f\n    set -gx S (zenml profile get)\nend\n"
    assert _found(fish, "conf.d/zenml.fish") == [("ZM950", 2), ("ZM950", 3)]
    assert kind_of("proj/.envrc") == kind_of("home/.zshrc") == kind_of("home/.bashrc") == kind_of("x/y.fish") == "sh"
    assert _found("source_env_if_exists .envrc.local\nzenml profile set direnv\n", "proj/.envrc") == [("ZM950", 2)]


def test_compound_commands_eval_and_env_runners():
    # a command after a reserved word on its line (loops, if/else, a brace group), after ``eval``
    # (quoted: the line; unquoted: its words), and run by mamba/micromamba/pixi
    text = (
        "while read -r s; do zenml stack set \"$s\" --global; done < stacks.txt\n"
        "if [ -n \"$CI\" ]; then zenml profile create ci; else zenml stack list; fi\n"
        "{ zenml stack update s -m md; } 2>/dev/null\n"
        "eval \"zenml metadata-store up\"\neval zenml profile delete old\n"
        "micromamba run -n zen zenml profile set m\nmamba run -p /opt/env zenml profile get\npixi run zenml metadata-store list\n"
        "until zenml stack describe s; do sleep 5; done\n"
    )
    assert _found(text, "ci/loop.sh") == [
        ("ZM950", 1), ("ZM950", 2), ("ZM952", 3), ("ZM951", 4), ("ZM950", 5), ("ZM950", 6), ("ZM950", 7), ("ZM951", 8),
    ]
    assert "{ zenml stack update s; } 2>/dev/null\n" in fix_source(text, "ci/loop.sh").text
