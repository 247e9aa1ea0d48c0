"""tests/test_run_extra_splat.py on the real ZenML: a pipeline run at import whose ``run()`` gets a
``**{...}`` of a zenml string constant key and a run keyword runs on 0.13.2 as written and, after
``migrate code --fix``, on 0.20.0 and 0.20.5, where the run's configuration holds the key in
``extra`` (the dict 0.20 hands to the stack components, as 0.13.2 handed its runtime
configuration) and the run has its name. One subprocess per release."""

import json

import pytest

from tests.realzenml import python
from tests.test_run_extra_splat import HEAD
from zenml_migrate.fix.fixer import fix_source

pytestmark = pytest.mark.real_zenml

RUN_SPLAT = HEAD + 'RESULT = nightly(load=load()).run(**{ao.DAG_FILEPATH_OPTION_KEY: "dags/nightly.py", "run_name": "nightly-1"}, extra={"team": "ml"})\n'

CHECK = r'''
import importlib, json
import zenml

if zenml.__version__.startswith("0.13"):
    importlib.import_module("run_splat")
    print("RESULT " + json.dumps(None))
else:
    from zenml.client import Client
    Client().zen_store  # a fresh config dir: the store and its default stack are made on first use
    importlib.import_module("run_splat")  # runs the pipeline
    runs = Client().zen_store.list_runs()
    print("RESULT " + json.dumps([[r.name, r.pipeline_configuration.get("extra")] for r in runs]))
'''


@pytest.fixture(scope="module")
def trees(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("run_splat")
    fixed = fix_source(RUN_SPLAT, "run_splat.py")
    assert fixed.error is None and not fixed.remaining and set(fixed.applied) == {"ZM212"}, fixed
    out = {}
    for name, text in (("orig", RUN_SPLAT), ("fixed", fixed.text)):
        root = base / name
        root.mkdir()
        (root / "run_splat.py").write_text(text)
        (root / "check.py").write_text(CHECK)
        out[name] = root
    return out


@pytest.mark.parametrize("version", ["0.13.2", "0.20.0", "0.20.5"])
def test_the_run_keeps_its_key_in_extra(trees, tmp_path, version):
    proc = python(version, ["check.py"], tmp_path / "zenml_config", cwd=trees["orig" if version == "0.13.2" else "fixed"])
    result = json.loads(next(ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT "))[len("RESULT "):])
    if version == "0.13.2":
        return  # ran as written
    ((name, extra),) = result
    assert name == "nightly-1"
    assert {k: extra.get(k) for k in ("dag_filepath", "team")} == {"dag_filepath": "dags/nightly.py", "team": "ml"}, extra
