"""Regenerate rules/data/step_pipeline_members.json from the real ZenML wheels (0.5.0 to 0.13.2,
0.20.0 and 0.20.5).

    python scripts/build_step_pipeline_members.py              # downloads the wheels (pip download)
    python scripts/build_step_pipeline_members.py --wheels DIR # or uses wheels already in DIR

What a pre-0.20 program read on a step or a pipeline (an instance of a ``@step``/``@pipeline``
function or of a ``BaseStep``/``BasePipeline`` subclass, or the step class itself) that neither
0.20 release has: the members of ``BaseStep`` and ``BasePipeline`` in every older release, as
``build_zenml_signatures.VersionIndex`` flattens them (methods, properties, class attributes,
``self.x = ...`` assignments), minus those of 0.20.0 and 0.20.5. Written, per class:

* ``gone``: ``{member: "first-last"}`` (the releases that had it) for members no 0.20 release has;
* ``renamed``: ``{member: 0.20 member}`` for gone members with a successor of the same value
  (``CONFIG_CLASS`` -> ``PARAMETERS_CLASS``), checked here: the old member is in 0.13.2 and in
  no 0.20 release, the new one in both 0.20 releases.
"""

import json
import sys
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from build_zenml_index import VERSIONS_020, wheel_for, wheels_folder  # noqa: E402
from build_zenml_legacy import OLD_VERSIONS  # noqa: E402
from build_zenml_signatures import VersionIndex  # noqa: E402

OUT = ROOT / "rules" / "data" / "step_pipeline_members.json"
CLASSES = ("zenml.steps.base_step.BaseStep", "zenml.pipelines.base_pipeline.BasePipeline")
OLD = OLD_VERSIONS + ("0.13.2",)
# 0.13.2 member -> 0.20 member holding the same value (set by the same metaclass from the
# entrypoint signature: the parameters class / the name of the entrypoint argument holding it)
RENAMED = {
    "zenml.steps.base_step.BaseStep": {
        "CONFIG_CLASS": "PARAMETERS_CLASS",
        "CONFIG_PARAMETER_NAME": "PARAMETERS_FUNCTION_PARAMETER_NAME",
    },
}


def members(index: VersionIndex, path: str) -> set:
    return {m for m in index.flat(path).get("m", {}) if not m.startswith("_")}


def build(wheels: Dict[str, Path]) -> dict:
    indexes = {v: VersionIndex(w) for v, w in wheels.items()}
    out = {"versions": list(OLD) + list(VERSIONS_020), "classes": {}}
    for path in CLASSES:
        per_version = {v: members(indexes[v], path) for v in out["versions"]}
        kept = set.union(*(per_version[v] for v in VERSIONS_020))
        gone: Dict[str, List[str]] = {}
        for version in OLD:
            for member in per_version[version] - kept:
                gone.setdefault(member, []).append(version)
        renamed = RENAMED.get(path, {})
        for old, new in renamed.items():
            assert old in per_version["0.13.2"] and old in gone, (path, old)
            assert all(new in per_version[v] for v in VERSIONS_020), (path, new)
        out["classes"][path] = {
            "gone": {m: f"{vs[0]}-{vs[-1]}" if len(vs) > 1 else vs[0] for m, vs in sorted(gone.items())},
            "renamed": dict(sorted(renamed.items())),
        }
    return out


def main() -> None:
    with wheels_folder(__doc__.splitlines()[0]) as wheels_dir:
        data = build({v: wheel_for(v, wheels_dir) for v in OLD + tuple(VERSIONS_020)})
    OUT.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    print(f"wrote {OUT}: " + ", ".join(f"{c.rpartition('.')[2]} {len(e['gone'])} gone" for c, e in data["classes"].items()))


if __name__ == "__main__":
    main()
