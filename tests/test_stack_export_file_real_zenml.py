"""ZM511 and ZM954 against the real ZenML 0.20.0 and 0.20.5 (review29 R2): `zenml stack import` of
a file 0.13.2's `zenml stack export` wrote fails (with and without `--ignore-version-mismatch`), so
the file gets ZM511; a file 0.20's own export wrote imports, and `zenml stack export` is no finding."""

import pytest

from tests import realzenml
from zenml_migrate.api import scan_source
from zenml_migrate.rules import get_rule

pytestmark = pytest.mark.real_zenml


@pytest.mark.parametrize("version", ["0.20.0", "0.20.5"])
def test_a_0132_export_file_does_not_import_and_a_020_one_does(tmp_path, version):
    old = get_rule("ZM511").bad[0].code
    assert [f.code for f in scan_source(old, "stacks/local_stack.yaml")] == ["ZM511"]
    (tmp_path / "old.yaml").write_text(old)
    cfg = tmp_path / "zenml"
    realzenml.zenml(version, ["stack", "list"], cfg, cwd=tmp_path)
    refused = realzenml.zenml(version, ["stack", "import", "s1", "-f", "old.yaml"], cfg, cwd=tmp_path, check=False)
    assert refused.returncode != 0 and "Cannot import stacks from other ZenML versions" in refused.stdout + refused.stderr
    forced = realzenml.zenml(version, ["stack", "import", "s1", "-f", "old.yaml", "--ignore-version-mismatch"], cfg, cwd=tmp_path, check=False)
    assert forced.returncode != 0, forced.stdout + forced.stderr
    # a file this release exports itself: `zenml stack export` (no finding) writes it, the import reads it
    export = "zenml stack export default new.yaml\n"
    assert scan_source(export, "export.sh") == []
    realzenml.zenml(version, ["stack", "export", "default", "new.yaml"], cfg, cwd=tmp_path)
    new = (tmp_path / "new.yaml").read_text()
    assert scan_source(new, "stacks/new.yaml") == []
    realzenml.zenml(version, ["stack", "import", "s2", "-f", "new.yaml"], cfg, cwd=tmp_path)
    assert "s2" in realzenml.zenml(version, ["stack", "list"], cfg, cwd=tmp_path, env={"COLUMNS": "200"}).stdout
