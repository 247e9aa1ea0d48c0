"""A fixed notebook is written by replacing only the changed cell sources in its original JSON
text (migrate/fix/json_splice.py): escapes ``json.dumps`` never writes (``\\u0021``, ``\\/``,
upper-case hex), a hand-made layout and the unchanged lines of an edited cell stay byte for byte."""

import difflib
import json

from tests.claims import only_todo_changes
from zenml_migrate.fix.fixer import fix_source
from zenml_migrate.fix.json_splice import encoder, splice

TODO = "TODO(zenml-migrate)"

# CRLF, two-space indent, a markdown cell with ``\/`` and ``\u00E9``, and commands written ``\u0021``
ESCAPED = (
    '{\r\n  "cells": [\r\n'
    '    {\r\n      "cell_type": "markdown",\r\n      "metadata": {},\r\n'
    '      "source": ["Caf\\u00E9 setup: see https:\\/\\/docs.zenml.io\\r\\n"]\r\n    },\r\n'
    '    {\r\n      "cell_type": "code",\r\n      "execution_count": null,\r\n      "metadata": {},\r\n      "outputs": [],\r\n'
    '      "source": [\r\n        "\\u0021pip install zenml\\r\\n",\r\n        "\\u0021zenml profile set team\\r\\n"\r\n      ]\r\n    }\r\n'
    '  ],\r\n  "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},\r\n'
    '  "nbformat": 4,\r\n  "nbformat_minor": 4\r\n}\r\n'
)


def test_a_todo_line_for_a_command_adds_one_line_and_keeps_every_escape():
    result = fix_source(ESCAPED, "setup.ipynb")
    assert result.error is None and result.text != ESCAPED
    diff = [line for line in difflib.ndiff(ESCAPED.splitlines(True), result.text.splitlines(True)) if line[:1] in "+-"]
    assert len(diff) == 1 and diff[0].startswith("+ ") and TODO in diff[0] and "ZM950" in diff[0], diff
    assert diff[0].endswith('\\r\\n",\r\n')  # the cell's CRLF line ends, the file's CRLF
    assert fix_source(result.text, "setup.ipynb").text == result.text


def test_unchanged_lines_of_a_cell_python_fixes_keep_their_spelling():
    original = json.dumps({"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": [
        "\u0021pip install zenml\n", "from zenml.repository import Repository\n", "r = Repository()\n"]}],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 4}, indent=1).replace('"!pip', '"\\u0021pip') + "\n"
    new = fix_source(original, "nb.ipynb").text
    assert "Client" in new and '"\\u0021pip install zenml\\n"' in new
    removed = [line for line in difflib.ndiff(original.splitlines(), new.splitlines()) if line.startswith("- ")]
    assert all("Repository" in line for line in removed), removed


def test_other_cells_of_a_compact_notebook_stay_byte_for_byte():
    cells = [{"cell_type": "markdown", "metadata": {}, "source": "Caf\u00e9 \u2713"},
             {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [], "source": "!zenml stack set s --global"},
             {"cell_type": "code", "execution_count": 2, "metadata": {}, "outputs": [], "source": "x = 1.50"}]
    original = json.dumps({"nbformat": 4, "nbformat_minor": 2, "metadata": {}, "cells": cells}, separators=(",", ":"))
    original = original.replace("1.50", "1.5\\u0030")  # (an escape json.dumps never writes, in a cell the fix leaves)
    new = fix_source(original, "c.ipynb").text
    head, tail = original.split('"!zenml stack set s --global"')
    assert new.startswith(head) and new.endswith(tail) and TODO in new
    assert only_todo_changes("c.ipynb", original.encode(), new.encode())


def test_a_new_string_is_escaped_like_the_file_escapes_it():
    assert encoder('{"a": "\\u0021x"}', False)("!y") == '"\\u0021y"'
    assert encoder('{"a": "\\u0021x", "b": "!"}', False)("!y") == '"!y"'  # the file also writes it plain
    assert encoder('{"a": "\\u003dx"}', False)("a=b") == '"a\\u003db"'  # (Gson, Zeppelin)
    assert encoder('{"a": "\\u00e9"}', True)("\u00e9!") == '"\\u00e9!"'


def test_a_change_that_is_not_in_place_is_left_to_the_whole_dump():
    original = '{"cells": [], "metadata": {}}'
    assert splice(original, {"cells": [], "metadata": {}, "nbformat": 4}, json.dumps) is None
    assert splice(original, {"cells": [1], "metadata": {}}, json.dumps) is None
    assert splice('{"a": ["x", "y"], "b": 1}', {"a": ["x", "z", "y"], "b": 1}, json.dumps) == '{"a": ["x", "z", "y"], "b": 1}'
    assert splice('{"a": "x", "a": "y"}', {"a": "z"}, json.dumps) is None  # (a key twice: json.loads keeps the last)


def test_claims_compare_a_notebook_by_its_decoded_cells():
    cells = [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": "!zenml stack list"}]
    before = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 4}, separators=(",", ":")).encode()
    todo = json.loads(before)
    todo["cells"][0]["source"] = f"# {TODO}: ZM950 gone\n!zenml stack list"
    assert only_todo_changes("n.ipynb", before, json.dumps(todo).encode())
    other = json.loads(json.dumps(todo))
    other["cells"][0]["execution_count"] = 3
    assert not only_todo_changes("n.ipynb", before, json.dumps(other).encode())
    edited = json.loads(before)
    edited["cells"][0]["source"] = "!zenml stack describe"
    assert not only_todo_changes("n.ipynb", before, json.dumps(edited).encode())
