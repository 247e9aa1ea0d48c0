"""Compose files: a list ``command:`` under a list ``entrypoint:`` that runs zenml is that
program's arguments (found and fixed at the command); a ``healthcheck:``'s ``test:`` runs
``["CMD", ...]`` words or a ``CMD-SHELL``/string shell line; a ``test:`` key elsewhere is not one."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

COMPOSE = """services:
  register:
    image: ml/zenml:0.13
    command:
      - stack
      - update
      - shared
      - -m
      - shared_md
    entrypoint: ["python", "-m", "zenml"]
  probe:
    image: ml/zenml:0.13
    healthcheck:
      test: ["CMD", "zenml", "metadata-store", "describe"]
  probe2:
    image: ml/zenml:0.13
    healthcheck:
      test: zenml profile get || exit 1
  shell_entry:
    image: ml/zenml:0.13
    entrypoint: ["bash", "-c"]
    command: ["profile", "set", "not_zenml"]
  entry_with_args:
    image: ml/zenml:0.13
    entrypoint: ["zenml", "stack"]
    command: ["update", "s", "-m", "not_combined"]
x-settings:
  test: zenml profile set not_a_healthcheck
"""


def _found(text: str):
    return [(f.code, f.span.line) for f in scan_source(text, "deploy/docker-compose.yml") if f.code.startswith("ZM9")]


def test_entrypoint_arguments_and_healthchecks():
    assert _found(COMPOSE) == [("ZM952", 8), ("ZM951", 14), ("ZM950", 18)]


def test_fix_drops_the_items():
    out = fix_source(COMPOSE, "deploy/docker-compose.yml").text
    assert "      - shared\n    entrypoint:" in out
