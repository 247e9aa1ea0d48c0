"""Dockerfiles: a ``RUN <<EOF`` here-document's body is the script the shell runs (not when its
``#!`` names python); an exec-form ``CMD`` is the arguments of a stage's exec-form ``ENTRYPOINT``
that runs zenml (the finding at the CMD, its fix in the CMD's list; other stages untouched)."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

DOCKERFILE = """FROM python:3.10-slim AS base
CMD ["stack", "update", "base_stack", "-m", "base_md"]
ENTRYPOINT ["/opt/venv/bin/zenml"]
RUN <<-SETUP
\tzenml profile create image_profile
\tzenml stack list
\tSETUP
RUN <<'PY'
#!/usr/bin/env python3
print("zenml profile set not_shell")
PY

FROM base AS job
ENTRYPOINT ["bash", "-c"]
CMD ["profile", "set", "not_zenml"]
"""


def _found(text: str):
    return [(f.code, f.span.line) for f in scan_source(text, "docker/job.Dockerfile") if f.code.startswith("ZM9")]


def test_heredoc_and_entrypoint_cmd():
    assert _found(DOCKERFILE) == [("ZM952", 2), ("ZM950", 5)]


def test_cmd_arguments_fixed_in_place():
    out = fix_source(DOCKERFILE, "docker/job.Dockerfile").text
    assert 'CMD ["stack", "update", "base_stack"]\n' in out
    assert "RUN <<-SETUP\n\t# TODO(zenml-migrate): ZM950 " in out  # a shell comment in the script
