"""More places that run `zenml` commands: npm/yarn `package.json` scripts (fixed in place, no
TODO line: JSON has no comments)."""

import json

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of


def _found(text: str, filename: str):
    return [(f.code, f.span.line, f.span.column) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


PACKAGE = """{
  "name": "pipelines-ui",
  "config": {"scripts": {"x": "zenml profile list"}},
  "scripts": {
    "prestart": "zenml stack update local -m sqlite_store",
    "start": "node server.js",
    "quoted": "echo \\"hi\\" && zenml profile set ci",
    "profile": "zenml profile get"
  },
  "description": "zenml profile set docs"
}
"""


def test_package_json_scripts():
    assert kind_of("web/package.json") == "package_json"
    assert _found(PACKAGE, "web/package.json") == [("ZM952", 5, 43), ("ZM950", 8, 17)]


def test_package_json_fix_edits_the_strings_and_writes_no_note():
    result = fix_source(PACKAGE, "web/package.json")
    assert json.loads(result.text)["scripts"]["prestart"] == "zenml stack update local"
    assert "TODO" not in result.text
    assert [f.code for f in result.remaining] == ["ZM950"] and result.unmarked == 1
