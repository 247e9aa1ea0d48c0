"""A monorepo with one ``pyproject.toml`` per package, scanned one package at a time (review29 P1,
the usual per-package CI job): ``migrate scan packages/b`` and ``cd packages/b && migrate scan .``
find in ``b``'s files what a scan of the whole work tree finds there, also through a sibling
package ``a_pkg`` that ``b`` imports; only ``b``'s files are reported and counted. A warm run
reads no file for the imports (the results cache keeps each file's names by its stamp)."""

import ast
import subprocess

import pytest

from tests.scan_helpers import migrate, write_tree
from tests.test_monorepo_sibling_packages import TREE

USE = "packages/b/src/b_pkg/use.py"


def _findings(run, prefix=""):
    return sorted((prefix + f["path"], f["line"], f["code"]) for f in run.json()["findings"])


@pytest.fixture
def mono(tmp_path):
    write_tree(tmp_path, TREE)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    return tmp_path


def test_a_package_folder_sees_its_sibling_package(mono):
    whole = _findings(migrate(["scan", "--format", "json", "--no-cache", "."], mono))
    in_b = [f for f in whole if f[0].startswith("packages/b/")]
    assert (USE, 4, "ZM402") in in_b
    for args in (["--no-cache"], [], []):  # cold, then filling and reading the cache
        folder = migrate(["scan", "--format", "json", *args, "packages/b"], mono)
        assert _findings(folder) == in_b
        assert folder.json()["summary"]["files"] == 4  # b's pyproject.toml and 3 modules, not a's
        inside = migrate(["scan", "--format", "json", *args, "."], mono / "packages" / "b")
        assert _findings(inside, "packages/b/") == in_b
    diff = migrate(["code", "--diff", "--no-cache", "packages/b"], mono)
    assert "+B = client.active_stack_model.name" in diff.out
    assert "packages/a/" not in diff.out  # a's files are not b's to rewrite


def test_a_notebook_of_the_package_sees_the_sibling_package_it_imports(mono):
    from tests.scan_helpers import notebook_json

    (mono / "packages/b/src/b_pkg/use.py").write_text("import os\n")  # the notebook alone imports a_pkg
    notebook = "packages/b/notebooks/explore.ipynb"
    write_tree(mono, {notebook: notebook_json("%matplotlib inline\nfrom a_pkg.settings import client", "client.active_stack_name")})
    whole = _findings(migrate(["scan", "--format", "json", "--no-cache", "."], mono))
    in_b = [f for f in whole if f[0].startswith("packages/b/")]
    assert [f[0] for f in in_b] == [notebook]
    for args in (["--no-cache"], [], []):
        assert _findings(migrate(["scan", "--format", "json", *args, "packages/b"], mono)) == in_b
        assert _findings(migrate(["scan", "--format", "json", *args, notebook], mono)) == in_b


def test_a_project_that_is_its_own_work_tree_looks_for_no_sibling(mono, monkeypatch):
    from zenml_migrate.scan import project_root

    assert project_root.package_root([str(mono / "packages" / "b")], str(mono / "packages" / "b" / "pyproject.toml"))
    (mono / "pyproject.toml").write_text("[project]\nname = 'all'\n")
    assert project_root.package_root([str(mono)], str(mono / "pyproject.toml")) is None
    assert project_root.package_root([str(mono / "packages" / "b")], None) is None  # no project boundary


def test_a_warm_folder_scan_reads_no_file_for_its_imports(mono, monkeypatch):
    from zenml_migrate.scan import read

    assert _findings(migrate(["scan", "--format", "json", "packages/b"], mono)) == [(USE, 4, "ZM402")]
    reads = []
    real = read.read_file
    monkeypatch.setattr(read, "read_file", lambda path, *a: reads.append(path) or real(path, *a))
    assert _findings(migrate(["scan", "--format", "json", "packages/b"], mono)) == [(USE, 4, "ZM402")]
    assert reads == []
    (mono / USE).write_text("from a_pkg.sub.more import stack\nimport os\nfrom a_pkg.settings import client\nB = client.active_stack_name\n")
    assert _findings(migrate(["scan", "--format", "json", "packages/b"], mono)) == [(USE, 4, "ZM402")]
    assert reads == [USE]  # its names again: it changed


SOURCES = [
    "import os\nimport numpy as np, a_pkg.settings\n",
    "def f():\n    from a_pkg import x\n    return x\n",
    "try:\n    import a_pkg\nexcept ImportError:\n    a_pkg = None\n",
    "from typing import TYPE_CHECKING\nif TYPE_CHECKING: from a_pkg.types import T\n",
    "if X:\n    pass\nelse: import a_pkg\n",
    '"""This is important: we import nothing here."""\nfrom a_pkg import (\n    one,\n    two,\n)\n',
    "from a_pkg.settings \\\n    import client\n",
    "from . import sibling\nfrom .mod import y\nfrom __future__ import annotations\n",
    "import a_pkg.settings as s\n__import__('b_pkg')\n",
    "x = 1\n",
    "import zenml\nfrom zenml.steps import step\nimport json\n",
]


@pytest.mark.parametrize("source", SOURCES)
def test_the_imports_read_from_the_import_lines_are_those_of_the_module(source):
    from zenml_migrate.scan.project_root import top_imports

    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    assert top_imports(source.encode()) == names
