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


def test_the_import_stays_when_zenml_has_another_use_it_alone_binds():
    code = CHAINS.replace("import zenml.repository\n", "").replace("zenml.repository.Repository()", "zenml.__version__")
    (first,) = [f for f in scan_source(code) if f.span.line == 1]
    assert first.code == "ZM000" and first.fix is None
    assert "import zenml.config.docker_configuration\n" in fix_source(code).text


def test_the_import_stays_when_a_use_is_not_renamed():
    code = CHAINS + "\nHELPER = zenml.config.docker_configuration.Helper\n"
    (first,) = [f for f in scan_source(code) if f.span.line == 1]
    assert first.fix is None
