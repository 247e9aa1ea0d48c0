"""A monorepo with one ``pyproject.toml`` per package (review28 R12): ``migrate scan
packages/b/src/b_pkg/use.py`` (what the pre-commit hook runs) indexes the project of
``packages/b``, and finds the sibling package ``a_pkg`` that the file imports in the git work tree
(only the names it imports: not a scan of the whole tree), as a scan of the root does."""

import subprocess

from tests.scan_helpers import migrate, write_tree

TREE = {
    "packages/a/pyproject.toml": "[project]\nname = 'a'\nversion = '0'\n",
    "packages/a/src/a_pkg/__init__.py": "",
    "packages/a/src/a_pkg/settings.py": "from zenml.repository import Repository\nclient = Repository()\n",
    "packages/a/src/a_pkg/sub/__init__.py": "",
    "packages/a/src/a_pkg/sub/more.py": "from zenml.repository import Repository\n\ndef stack():\n    return Repository().active_stack_name\n",
    "packages/b/pyproject.toml": "[project]\nname = 'b'\nversion = '0'\n",
    "packages/b/src/b_pkg/__init__.py": "",
    "packages/b/src/b_pkg/use.py": "import os\nimport numpy\nfrom a_pkg.settings import client\nB = client.active_stack_name\n",
    "packages/b/src/b_pkg/plain.py": "import os\nX = os.sep\n",
    "packages/c/big/unrelated.py": "from zenml.repository import Repository\nR = Repository()\n",
}


def _findings(run):
    return sorted((f["path"], f["line"], f["code"]) for f in run.json()["findings"])


def test_one_file_of_a_package_sees_its_sibling_package(tmp_path):
    write_tree(tmp_path, TREE)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    whole = _findings(migrate(["scan", "--format", "json", "--no-cache", "."], tmp_path))
    use = "packages/b/src/b_pkg/use.py"
    assert (use, 4, "ZM402") in whole
    for args in (["--no-cache"], [], []):  # cold, then filling and reading the cache
        alone = migrate(["scan", "--format", "json", *args, use], tmp_path)
        assert _findings(alone) == [f for f in whole if f[0] == use]
        assert alone.json()["summary"]["files"] == 1
    plain = migrate(["scan", "--format", "json", "--no-cache", "packages/b/src/b_pkg/plain.py"], tmp_path)
    assert _findings(plain) == []


def test_only_the_imported_packages_are_read(tmp_path):
    from zenml_migrate.scan.discovery import discover
    from zenml_migrate.scan.project_root import sibling_packages

    write_tree(tmp_path, TREE)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    root = tmp_path / "packages" / "b"
    asked = discover([str(root / "src" / "b_pkg" / "use.py")]).jobs
    listed = discover([str(root)]).jobs
    found = sorted((j.path.replace(str(tmp_path) + "/", "").replace("\\", "/"), j.module_name) for j in sibling_packages(asked, listed, str(root), []))
    names = {(p.rsplit("packages/", 1)[-1], m) for p, m in found}
    assert names == {
        ("a/src/a_pkg/__init__.py", "a_pkg"), ("a/src/a_pkg/settings.py", "a_pkg.settings"),
        ("a/src/a_pkg/sub/__init__.py", "a_pkg.sub"), ("a/src/a_pkg/sub/more.py", "a_pkg.sub.more"),
    }
    assert sibling_packages(asked, listed, str(tmp_path), []) == []  # the project is the work tree
