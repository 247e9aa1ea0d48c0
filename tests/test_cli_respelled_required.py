"""ZM961 (a required option missing) does not count an option that ZM960's safe fix respells:
'zenml stack register s --metadata-store m --artifact_store a -o o' (held-out 11
kubeflow_pipelines/scripts/setup_stack.sh) was ZM961 'for a human' AND ZM960 [*]; --fix
respelled '--artifact_store' to '--artifact-store', which gives the option, and reported the
ZM961 as fixed: scan said 1 for a human, fix said 1 fixed more than scan said fixable
(tests/claims.py: a false claim). The respelled option now counts as given, as a '-t' that
ZM956 renames to '--flavor' already did."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

SCRIPT = (
    "zenml stack register kf_stack \\\n    --metadata-store kf_meta \\\n    --artifact_store local_store \\\n    --orchestrator kf\n"
    "zenml stack register other --Artifact-Store=s3 -o default\n"
    "zenml stack register third --artifact_stor s3 -o default\n"  # a typo: no respelling, still missing
)


def test_a_respelled_required_option_counts_as_given():
    found = [(f.code, f.span.line, f.fix) for f in scan_source(SCRIPT, "setup_stack.sh")]
    assert found == [
        ("ZM952", 2, "safe"), ("ZM960", 3, "safe"), ("ZM960", 5, "safe"),
        ("ZM961", 6, None), ("ZM960", 6, None),
    ]
    fixed = fix_source(SCRIPT, "setup_stack.sh")
    assert "    --artifact-store local_store \\\n" in fixed.text and "--artifact-store=s3" in fixed.text
    assert sorted(f.code for f in fixed.remaining) == ["ZM960", "ZM961"]
