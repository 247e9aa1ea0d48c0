"""Commands in hosting platforms' configs: Heroku ``app.json`` ``scripts`` (as package.json), Render
``render.yaml`` (``buildCommand``/``startCommand``/``preDeployCommand``), and the command keys of
``fly.toml`` (``release_command``, ``[processes]``), ``railway.toml`` (``startCommand``,
``buildCommand``) and ``netlify.toml`` (``command``)."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of


def _found(text, filename):
    return [(f.code, f.span.line) for f in scan_source(text, filename) if f.code.startswith("ZM9")]


def test_kinds():
    assert kind_of("app.json") == "package_json"
    assert kind_of("ops/fly.toml") == kind_of("railway.toml") == kind_of("site/netlify.toml") == "deploy_toml"
    assert kind_of("render.yaml") == "ci_yaml"


def test_heroku_app_json():
    text = '{\n  "name": "x",\n  "scripts": {\n    "postdeploy": "zenml profile create heroku && python seed.py"\n  }\n}\n'
    assert _found(text, "app.json") == [("ZM950", 4)]


def test_render_blueprint():
    text = "services:\n  - type: cron\n    buildCommand: pip install 'zenml[server]==0.12.0'\n    preDeployCommand: zenml stack update r -m rs\n"
    assert _found(text, "render.yaml") == [("ZM970", 3), ("ZM952", 4)]
    out = fix_source(text, "render.yaml").text
    assert "    buildCommand: pip install 'zenml[server]==0.20.5'\n    preDeployCommand: zenml stack update r\n" in out


FLY = """app = "ml"
image = "zenmldocker/zenml:0.13.2"

[deploy]
  release_command = "zenml metadata-store list"
  strategy = "rolling"

[processes]
  worker = "zenml profile set fly && python worker.py"
  web = "gunicorn app:app"
"""


def test_fly_and_railway_toml():
    assert _found(FLY, "fly.toml") == [("ZM951", 5), ("ZM950", 9)]
    out = fix_source(FLY, "fly.toml").text
    assert "\n  # TODO(zenml-migrate): ZM950 " in out and 'image = "zenmldocker/zenml:0.13.2"' in out
    railway = '[build]\nbuildCommand = "pip install zenml==0.11.0"\n\n[deploy]\nstartCommand = "zenml profile get"\nhealthcheckPath = "/zenml"\n'
    assert _found(railway, "railway.toml") == [("ZM970", 2), ("ZM950", 5)]
    assert _found('[build]\n  command = "zenml profile describe"\n  publish = "zenml-docs"\n', "netlify.toml") == [("ZM950", 2)]


def test_cog_build_run_commands():
    cog = "build:\n  python_version: '3.9'\n  run:\n    - pip install zenml==0.13.2\n    - zenml profile get\n    - zenml stack list\npredict: predict.py:Predictor\n"
    assert kind_of("model/cog.yaml") == "ci_yaml"
    assert [(f.code, f.span.line) for f in scan_source(cog, "model/cog.yaml") if f.code.startswith("ZM9")] == [("ZM970", 4), ("ZM950", 5)]
