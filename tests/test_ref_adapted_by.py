"""``Ref(adapted_by=...)``: a use that is already the argument of the call the rule's TODO asks for
is no finding (review29 R8: ZM308 stayed on ``json.loads(step.parameters["x"])``, so a re-scan after
the human edit never went clean)."""

from zenml_migrate.api import scan_source

CODE = '''import json
import json as j
from json import loads
from zenml.post_execution import get_pipeline

trainer = get_pipeline("p").runs[-1].get_step("trainer")
a = json.loads(trainer.parameters["grid_size"]) == 30
b = j.loads(trainer.parameters["column"])
c = loads(trainer.parameters["x"])
d = trainer.parameters["lr"] * 2
e = json.dumps(trainer.parameters["lr"])
f = json.loads(trainer.parameters)
'''


def test_reads_wrapped_in_json_loads_are_no_finding_and_the_others_stay():
    assert [(f.code, f.span.line) for f in scan_source(CODE, "report.py")] == [("ZM308", 10), ("ZM308", 11)]


def test_a_rebound_loads_is_not_json_loads():
    code = CODE.replace("from json import loads\n", "from json import loads\nloads = get_pipeline\n")
    assert ("ZM308", 10) in [(f.code, f.span.line) for f in scan_source(code, "report.py")]
