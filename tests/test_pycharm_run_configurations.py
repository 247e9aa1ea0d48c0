"""PyCharm run configurations (``.run/NAME.run.xml``, ``.idea/runConfigurations/NAME.xml``): a
Python configuration running zenml (the module ``zenml.cli.cli``, or a ``zenml`` executable) with
its ``PARAMETERS``, and a shell script configuration's ``SCRIPT_TEXT``; attribute values read as
XML reads them, the fix edits them in place (no TODO line: an XML attribute holds none)."""

from xml.etree import ElementTree

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.scan.discovery import kind_of

MODULE = """<component name="ProjectRunConfigurationManager">
  <configuration default="false" name="update" type="PythonConfigurationType" factoryName="Python">
    <option name="SCRIPT_NAME" value="zenml.cli.cli" />
    <option name="PARAMETERS" value="stack update &quot;gpu&quot; -m gpu_meta" />
    <option name="MODULE_MODE" value="true" />
  </configuration>
</component>
"""

EXECUTABLE = """<component name="ProjectRunConfigurationManager">
  <configuration default="false" name="p" type="PythonConfigurationType" factoryName="Python">
    <option name="SCRIPT_NAME" value="$PROJECT_DIR$/venv/Scripts/zenml.exe" />
    <option name="PARAMETERS" value="profile describe" />
  </configuration>
  <configuration default="false" name="sh" type="ShConfigurationType">
    <option name="SCRIPT_TEXT" value="zenml stack list &amp;&amp; zenml metadata-store get" />
    <option name="EXECUTE_SCRIPT_FILE" value="false" />
  </configuration>
  <configuration default="false" name="other" type="PythonConfigurationType" factoryName="Python">
    <option name="SCRIPT_NAME" value="train.py" />
    <option name="PARAMETERS" value="profile describe" />
  </configuration>
</component>
"""


def _found(text, name):
    return [(f.code, f.span.line, f.span.column) for f in scan_source(text, name) if f.code.startswith("ZM9")]


def test_kinds():
    assert kind_of(".run/update.run.xml") == kind_of("app/.idea/runConfigurations/p.xml") == "pycharm"
    assert kind_of("docs/pom.xml") is None


def test_run_configurations():
    assert _found(MODULE, ".run/update.run.xml") == [("ZM952", 4, MODULE.splitlines()[3].index("-m") + 1)]
    assert [(c, line) for c, line, _ in _found(EXECUTABLE, ".idea/runConfigurations/p.xml")] == [("ZM950", 3), ("ZM951", 7)]


def test_fix_keeps_valid_xml():
    fixed = fix_source(MODULE, ".run/update.run.xml").text
    assert '<option name="PARAMETERS" value="stack update &quot;gpu&quot;" />' in fixed
    ElementTree.fromstring(fixed)
