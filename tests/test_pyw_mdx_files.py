"""Files Python runs and docs whose fences are Markdown's: ``.pyw`` scripts (pythonw, no console)
are Python files; ``.mdx`` docs (Docusaurus, Nextra) are read like Markdown (console blocks, pins)."""

import os

from zenml_migrate.api import scan_source
from zenml_migrate.scan.discovery import discover, kind_of


def test_kinds():
    assert kind_of("tools/tray_app.pyw") == "py"
    assert kind_of("site/docs/install.mdx") == "markdown"


def test_pyw_is_python():
    text = "import tkinter\nfrom zenml.repository import Repository\n\nRepository().get_pipelines()\n"
    codes = [f.code for f in scan_source(text, "tools/tray_app.pyw")]
    assert codes and all(not c.startswith("ZM9") for c in codes)


def test_mdx_console_blocks():
    text = (
        "import Tabs from '@theme/Tabs';\n\n<Tabs>\n\n```console\n$ zenml metadata-store describe\n$ zenml stack describe\n```\n\n</Tabs>\n\n"
        "```bash\npip install zenml==0.12.0\n```\n"
    )
    assert [(f.code, f.span.line) for f in scan_source(text, "site/docs/install.mdx")] == [("ZM951", 6), ("ZM970", 13)]


def test_found_in_a_folder(tmp_path):
    (tmp_path / "gui").mkdir()
    (tmp_path / "gui" / "app.pyw").write_text("from zenml.repository import Repository\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "setup.mdx").write_text("```sh\nzenml profile list\n```\n")
    found = sorted(os.path.relpath(j.path, str(tmp_path)) for j in discover([str(tmp_path)]).jobs)
    assert found == [os.path.join("docs", "setup.mdx"), os.path.join("gui", "app.pyw")]
