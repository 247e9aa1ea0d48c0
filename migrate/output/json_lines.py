"""One JSON object per line per finding (the objects of ``--format json``), nothing else:
``migrate scan --format json-lines | jq -c 'select(.fix == null)'``."""

import json


def render(report, rules, out, options):
    from zenml_migrate.output.common import items

    dumps = json.JSONEncoder(separators=(",", ":")).encode
    out.write("".join(dumps(f.to_dict()) + "\n" for f in items(report)))
