"""A read of a field ZenML 0.20 renamed, where the rename rule of its class renames the keyword too
(review24 G10): ``DockerConfiguration(copy_profile=False)`` becomes ``DockerSettings(copy_global_config=False)``
(ZM105), and ``BASE.copy_profile`` was a ZM004 without a fix: a TODO in a function, the whole statement
commented out under a ZM461 TODO at module level. The read is now renamed with it (ZM004's fix, the same
field), so the statement stays; a ``getattr(x, "copy_profile")`` says why it is not rewritten. The real
runs: tests/test_renamed_field_reads_real_zenml.py.
"""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

SOURCE = '''\
from zenml.config.docker_configuration import DockerConfiguration

BASE = DockerConfiguration(copy_profile=False)
print("copy profile?", BASE.copy_profile)


def show(cfg: DockerConfiguration = BASE):
    return cfg.copy_profile, BASE.copy_profile


def dynamic():
    return getattr(BASE, "copy_profile")
'''


def test_the_read_of_the_renamed_field_is_renamed_and_the_statement_stays():
    found = [f for f in scan_source(SOURCE, "d.py") if f.code in ("ZM004", "ZM461")]
    assert [(f.code, f.span.line, f.fix) for f in found] == [
        ("ZM004", 4, "safe"), ("ZM004", 8, "safe"), ("ZM004", 8, "safe"), ("ZM004", 12, None)]
    assert "no automatic fix here: the name is a string given to getattr" in found[-1].message
    fixed = fix_source(SOURCE, "d.py").text
    assert 'print("copy profile?", BASE.copy_global_config)' in fixed
    assert "return cfg.copy_global_config, BASE.copy_global_config\n" in fixed
    assert "ZM461" not in fixed and fixed.count("TODO(zenml-migrate)") == 1, fixed  # the getattr's


def test_a_member_with_no_0_20_name_says_why_it_has_no_fix():
    text = "from zenml.steps import StepContext, step\n\n@step\ndef s(context: StepContext) -> None:\n    context.get_artifact_uri('m')\n"
    (found,) = [f for f in scan_source(text, "s.py") if f.code == "ZM004"]
    assert found.fix is None and "(no automatic fix here: what to read instead depends on the code)" in found.message
