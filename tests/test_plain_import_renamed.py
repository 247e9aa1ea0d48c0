"""``import zenml.config.docker_configuration`` (a module 0.20 lacks; the import binds ``zenml``)
whose every ``zenml.config.docker_configuration.X`` a rename rewrites goes with its last use:
its ZM000 is resolved by the rename (scan and fix agree) and ``--fix`` drops the line, when
``zenml`` stays bound for its other uses (another ``import zenml...``) or has none. Otherwise
the import stays with its finding for a human."""

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source

CHAINS = (
    "import zenml.config.docker_configuration\n"
    "import zenml.repository\n"
    "\n"
    "\n"
    "def docker() -> \"zenml.config.docker_configuration.DockerConfiguration\":\n"
    "    return zenml.config.docker_configuration.DockerConfiguration(requirements=[\"pandas\"])\n"
    "\n"
    "\n"
    "def repo():\n"
    "    return zenml.repository.Repository()\n"
)


def test_a_plain_import_of_a_gone_module_goes_with_its_renamed_uses():
    (first,) = [f for f in scan_source(CHAINS) if f.span.line == 1]
    assert first.code == "ZM000" and first.fix == "safe" and first.resolved_by == "ZM105"
    fixed = fix_source(CHAINS)
    assert fixed.error is None and not fixed.todos, (fixed.error, fixed.todos)
    assert "docker_configuration" not in fixed.text and "import zenml.repository\n" in fixed.text
    assert "    return DockerSettings(requirements=[\"pandas\"])\n" in fixed.text
    assert scan_source(fixed.text) == []


def test_zenml_stays_bound_when_it_has_another_use_the_import_alone_binds():
    # the import stayed (with a ZM000 TODO) and the fixed module failed at import on 0.20
    # (ModuleNotFoundError): 'import zenml' keeps 'zenml.__version__' working
    code = CHAINS.replace("import zenml.repository\n", "").replace("zenml.repository.Repository()", "zenml.__version__")
    (first,) = [f for f in scan_source(code) if f.span.line == 1]
    assert first.code == "ZM000" and first.fix == "safe" and first.resolved_by == "ZM105"
    fixed = fix_source(code)
    assert fixed.error is None and not fixed.todos and fixed.text.startswith("import zenml\n"), fixed.text
    assert "docker_configuration" not in fixed.text and "    return zenml.__version__\n" in fixed.text
    assert scan_source(fixed.text) == []


def test_a_read_inside_a_replaced_reference_goes_with_it():
    # the chain's own 'zenml.config.docker_configuration' (ZM000 'not in zenml.config') lies inside
    # the reference ZM105 replaces whole: scan said it was left for a human, the fix removed it
    assert [(f.code, f.resolved_by) for f in scan_source(CHAINS) if f.span.line == 6 and f.code == "ZM000"] in ([], [("ZM000", "ZM105")])


def test_the_import_stays_when_a_use_is_not_renamed():
    code = CHAINS + "\nHELPER = zenml.config.docker_configuration.Helper\n"
    (first,) = [f for f in scan_source(code) if f.span.line == 1]
    assert first.fix is None
