"""``%%writefile -a x.py`` (``--append``) adds to the file earlier ``%%writefile x.py`` cells
wrote: the appended part uses their imports. It is read after them, so a 0.13.2 name imported
in the first part is found where the appended part uses it; then no part of the file gets a
fix (a rename of the first part alone would leave the appended part failing with a NameError):
TODO lines in each."""

from tests.scan_helpers import migrate, scan_json, write_tree
from tests.test_notebooks import cell_sources, notebook


def test_the_appended_part_is_read_after_the_parts_before_it(tmp_path):
    cells = (
        "%%writefile pipes.py\nfrom zenml.steps import BaseStepConfig, step\n",
        "%%writefile --append pipes.py\n\nclass Settings(BaseStepConfig):\n    rows: int = 10\n",
        "%%writefile -a other.py\nclass Other(BaseStepConfig):\n    pass\n",
    )
    write_tree(tmp_path, {"build.ipynb": notebook(*cells)})
    found = [(f["cell"], f["line"], f["code"], f["fix"]) for f in scan_json(tmp_path).json()["findings"]]
    assert found == [(1, 2, "ZM101", None), (2, 3, "ZM101", None)]
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    first, second, third = cell_sources(tmp_path / "build.ipynb")
    assert first.endswith("fix the parts together)\nfrom zenml.steps import BaseStepConfig, step\n")
    assert second.startswith("%%writefile --append pipes.py\n\n# TODO(zenml-migrate): ZM101 ")
    assert second.endswith("fix the parts together)\nclass Settings(BaseStepConfig):\n    rows: int = 10\n")
    assert third == cells[2]


def test_the_library_api_fixes_an_appended_file_as_migrate_code_does(tmp_path):
    """``fix_source`` (no scan before it) reads the parts of the file together too: no part is
    renamed alone (before: the first part's import became ``BaseParameters`` while the appended
    part still used ``BaseStepConfig``: a NameError when the file is imported)."""
    import json

    from zenml_migrate.fix.fixer import fix_source

    cells = (
        "%%writefile pipes.py\nfrom zenml.steps import BaseStepConfig, step\n",
        "%%writefile -a pipes.py\n\nclass Settings(BaseStepConfig):\n    rows: int = 10\n",
    )
    write_tree(tmp_path, {"build.ipynb": notebook(*cells)})
    migrate(["code", "--fix", "--no-cache", "."], tmp_path)
    by_command = cell_sources(tmp_path / "build.ipynb")
    result = fix_source(notebook(*cells), "build.ipynb")
    by_library = ["".join(c["source"]) for c in json.loads(result.text)["cells"]]
    assert by_library == by_command
    assert by_library[0].endswith("\nfrom zenml.steps import BaseStepConfig, step\n")
    assert sorted(result.todos) == ["ZM101", "ZM101"]
