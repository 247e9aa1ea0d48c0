"""ZM309: a view id (a UUID on 0.20) formatted with a spec or encoded as JSON fails on 0.20.5
(``TypeError: unsupported format string passed to UUID.__format__`` / ``Object of type UUID is not
JSON serializable``); printf formatting (``"%d" % id``: UUID has ``__int__``) and ``str``/plain
fields work there (checked with the real 0.20.5 python)."""
import textwrap

from zenml_migrate.api import scan_source


def _lines(code: str):
    return [(f.code, f.span.line) for f in scan_source(textwrap.dedent(code)) if f.code == "ZM309"]


def test_format_spec_and_json_of_view_ids_are_reported():
    code = """\
        import json
        from json import dumps as to_json
        from zenml.post_execution import get_pipeline

        run = get_pipeline("p").runs[-1]
        a = f"{run.id:>8}"
        b = "{:d}-{}".format(run.id, run.name)
        c = "{1:x}".format(run.name, run.steps[0].id)
        d = "{rid:04d}".format(rid=run.id)
        e = format(run.id, "x")
        f = to_json({"ids": {s.name: s.id for s in run.steps}})
        json.dump((run.id,), open("x", "w"))
    """
    assert _lines(code) == [("ZM309", n) for n in (6, 7, 8, 9, 10, 11, 12)]


def test_uses_that_work_on_a_uuid_are_not_reported():
    code = """\
        import json
        from zenml.post_execution import get_pipeline

        run = get_pipeline("p").runs[-1]
        a = "%d" % run.id
        b = "%s-%s" % (run.name, run.id)
        c = f"{run.id}" + f"{run.id!s:>40}" + "{}".format(run.id) + "{!r:>9}".format(run.id)
        d = "{0.name:>9}".format(run) + format(run.id, "")
        e = json.dumps({"id": run.id}, default=str) + json.dumps({"id": str(run.id)})
        def format(x, y):
            return y
        f = format(run.id, "x")
    """
    assert _lines(code) == []


def test_a_literal_bound_to_a_name_then_json_encoded_is_reported():
    code = """\
        import json
        from zenml.post_execution import PipelineRunView, get_pipeline

        def export(run: PipelineRunView):
            record = {"run": run.name, "steps": [{"id": s.id} for s in run.steps]}
            with open("runs.json", "w") as f:
                json.dump(record, f)

        def show(run: PipelineRunView):
            record = {"id": run.id}
            print(record)

        record = [get_pipeline("p").runs[-1].id]
        print(json.dumps(record, default=str))
    """
    assert _lines(code) == [("ZM309", 5)]


def test_a_dict_or_list_filled_item_by_item_then_json_encoded_is_reported():
    """``record = {}; record["id"] = run.id; json.dump(record, f)``: the id is encoded with the
    dict (views26's open item); so are values appended to a list item or given to ``update``."""
    code = """\
        import json
        from zenml.post_execution import PipelineRunView

        def export(run: PipelineRunView, f):
            record = {}
            record["run_id"] = run.id
            record["steps"] = []
            for s in run.steps:
                record["steps"].append({"id": s.id, "name": s.name})
            record.update(pipeline=run.name, first=run.steps[0].id)
            record["steps"] += [s.id for s in run.steps]
            json.dump(record, f)

        def show(run: PipelineRunView):
            record = {}
            record["id"] = run.id
            record.update(first=run.steps[0].id)
            print(record)
    """
    assert _lines(code) == [("ZM309", n) for n in (6, 9, 10, 11)]
