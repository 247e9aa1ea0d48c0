"""A read of a field ZenML 0.20 renamed, where the rename rule of its class renames the keyword too
(review24 G10): ``DockerConfiguration(copy_profile=False)`` becomes ``DockerSettings(copy_global_config=False)``
(ZM105), and ``BASE.copy_profile`` was a ZM004 without a fix: a TODO in a function, the whole statement
commented out under a ZM461 TODO at module level. The read is now renamed with it (ZM004's fix, the same
field), so the statement stays, and so is the string of ``getattr(x, "copy_profile"[, default])``;
an ``operator.attrgetter("copy_profile")`` says why it is not rewritten. The real
runs: tests/test_renamed_field_reads_real_zenml.py.
"""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

SOURCE = '''\
import operator

from zenml.config.docker_configuration import DockerConfiguration

BASE = DockerConfiguration(copy_profile=False)
print("copy profile?", BASE.copy_profile)


def show(cfg: DockerConfiguration = BASE):
    return cfg.copy_profile, BASE.copy_profile


def dynamic():
    return operator.attrgetter("copy_profile")(BASE)


def guarded(cfg: DockerConfiguration = BASE):
    return getattr(cfg, "copy_profile", None), getattr(cfg, 'copy_profile')
'''


def test_the_read_of_the_renamed_field_is_renamed_and_the_statement_stays():
    found = [f for f in scan_source(SOURCE, "d.py") if f.code in ("ZM004", "ZM461")]
    assert [(f.code, f.span.line, f.fix) for f in found] == [
        ("ZM004", 6, "safe"), ("ZM004", 10, "safe"), ("ZM004", 10, "safe"), ("ZM004", 14, None),
        ("ZM004", 18, "safe"), ("ZM004", 18, "safe")]
    assert "no automatic fix here: the name is a string given to getattr" in found[3].message
    fixed = fix_source(SOURCE, "d.py").text
    assert 'print("copy profile?", BASE.copy_global_config)' in fixed
    assert "return cfg.copy_global_config, BASE.copy_global_config\n" in fixed
    assert "ZM461" not in fixed and fixed.count("TODO(zenml-migrate)") == 1, fixed  # the attrgetter's


def test_a_getattr_of_the_renamed_field_is_renamed_also_with_a_default():
    """``getattr(cfg, "copy_profile", None)`` raises nothing on 0.20: it silently gives None where
    0.13.2 gave the field (False). It is reported and its string renamed, quotes kept; so is the
    getattr without a default. A guarded read of a field with no 0.20 name stays silent."""
    found = [f for f in scan_source(SOURCE, "d.py") if f.code == "ZM004" and f.span.line == 18]
    assert "(this getattr gives its default there, not the field); 0.20 renamed the field" in found[0].message
    assert "(AttributeError)" in found[1].message
    fixed = fix_source(SOURCE, "d.py").text
    assert "return getattr(cfg, \"copy_global_config\", None), getattr(cfg, 'copy_global_config')\n" in fixed
    gone = "from zenml.steps import StepContext\n\n\ndef f(c: StepContext):\n    return getattr(c, 'get_artifact_uri', None)\n"
    assert not [f for f in scan_source(gone, "g.py") if f.code == "ZM004"]


def test_a_member_with_no_0_20_name_says_why_it_has_no_fix():
    text = "from zenml.steps import StepContext, step\n\n@step\ndef s(context: StepContext) -> None:\n    context.get_artifact_uri('m')\n"
    (found,) = [f for f in scan_source(text, "s.py") if f.code == "ZM004"]
    assert found.fix is None and "(no automatic fix here: what to read instead depends on the code)" in found.message


ASKED = '''\
from zenml.config.docker_configuration import DockerConfiguration
from zenml.steps import StepContext

BASE = DockerConfiguration(copy_profile=False)


def copies(cfg: DockerConfiguration = BASE):
    if hasattr(cfg, "copy_profile"):
        return cfg.copy_profile
    return hasattr(cfg, "dockerfile"), hasattr(cfg, 'nope')


def asks(context: StepContext):
    return hasattr(context, "metadata_store")
'''


def test_a_hasattr_of_the_renamed_field_is_reported_and_renamed():
    """``hasattr(cfg, "copy_profile")`` raises nothing; it says False on 0.20 (True on 0.13.2), so the
    guarded branch is silently skipped after the ZM105 rename. Where 0.20 renamed the field it is a
    ZM004 and its string is renamed (then the read it guards is no longer guarded, and is renamed
    too); a hasattr of a member with no 0.20 name, or of one 0.20 has, stays silent."""
    found = [f for f in scan_source(ASKED, "h.py") if f.code == "ZM004"]
    assert [(f.span.line, f.fix) for f in found] == [(8, "safe")]
    assert "(this hasattr says False there); 0.20 renamed the field: `copy_global_config`" in found[0].message
    fixed = fix_source(ASKED, "h.py").text
    assert '    if hasattr(cfg, "copy_global_config"):\n        return cfg.copy_global_config\n' in fixed, fixed
    assert "hasattr(context, \"metadata_store\")" in fixed and "TODO" not in fixed
