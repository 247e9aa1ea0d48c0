"""The fix engine (``zenml_migrate.fix.fixer``): import management, aliases, TODO comments,
keyword edits, byte identity, encodings, notebooks, parse safety, idempotence."""

import ast
import codecs
import dataclasses
import json
import sys
import types

import pytest

from zenml_migrate.fix.files import fix_bytes
from zenml_migrate.fix.fixer import FixOptions, fix_source
from zenml_migrate.rules import Fix, all_rules, get_rule, select_rules
from zenml_migrate.scan.file_scan import FileJob


WITHOUT_ZM461 = select_rules(ignore=["ZM461"])


def fixed(code: str, **kw) -> str:
    result = fix_source(code, **kw)
    assert result.error is None, result.error
    ast.parse(result.text)
    again = fix_source(result.text, **kw)
    assert again.text == result.text, "a second run changed the file"
    return result.text


# ------------------------------------------------------------------ untouched
def test_file_without_findings_is_returned_unchanged():
    code = "import os\n\n\ndef f( a ,b ):\n\treturn a+b   \n"
    result = fix_source(code)
    assert result.text == code and not result.applied and not result.todos


def test_untouched_lines_stay_byte_identical():
    code = (
        "from zenml.steps import BaseStepConfig\n"
        "try:\n    import yaml\nexcept ImportError :\n    yaml = None   \n"
        "x = {  'a':1,\n\t'b' : 2 }\n"
        "class C(BaseStepConfig):  # keep me\n"
        "    lr :float=0.1\n"
    )
    out = fixed(code)
    old, new = code.splitlines(), out.splitlines()
    assert len(old) == len(new)
    changed = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
    assert changed == [0, 7]
    assert new[7] == "class C(BaseParameters):  # keep me"


# ------------------------------------------------------------------ imports
def test_rename_inside_an_import_keeps_order_parentheses_comments_and_trailing_comma():
    code = (
        "from zenml.steps import (  # zenml\n"
        "    step,\n"
        "    BaseStepConfig,  # parameters\n"
        "    Output,\n"
        ")\n\n"
        "class C(BaseStepConfig):\n    pass\n"
    )
    assert fixed(code) == code.replace("BaseStepConfig", "BaseParameters")


def test_alias_keeps_its_local_name():
    code = "from zenml.steps import BaseStepConfig as Cfg\n\nclass C(Cfg):\n    pass\n"
    assert fixed(code) == code.replace("BaseStepConfig", "BaseParameters")


def test_module_alias_attribute_is_renamed_where_020_has_the_name():
    code = "import zenml.steps as zs\n\nclass C(zs.BaseStepConfig):\n    pass\n"
    assert fixed(code) == "import zenml.steps as zs\n\nclass C(zs.BaseParameters):\n    pass\n"


def test_import_from_a_module_gone_in_020_moves_to_the_new_module_in_place():
    code = "# steps\nfrom zenml.steps.base_step_config import BaseStepConfig\n\nclass C(BaseStepConfig):\n    pass\n"
    assert fixed(code) == "# steps\nfrom zenml.steps import BaseParameters\n\nclass C(BaseParameters):\n    pass\n"


def test_new_name_merges_into_an_existing_line_of_its_module():
    code = (
        "from zenml.steps import step\n"
        "from zenml.steps.base_step import BaseStepConfig, BaseStep\n\n"
        "class C(BaseStepConfig):\n    pass\n"
    )
    out = fixed(code)
    assert out == (
        "from zenml.steps import step, BaseParameters\n"
        "from zenml.steps.base_step import BaseStep\n\n"
        "class C(BaseParameters):\n    pass\n"
    )


def test_half_migrated_import_is_not_duplicated_and_comments_above_a_removed_line_stay():
    code = (
        "from zenml.client import Client\n"
        "# legacy spelling, still used below\n"
        "from zenml.repository import Repository\n"
        "import os\n\n"
        "Repository().active_stack\nClient()\n"
    )
    out = fixed(code)
    assert out == (
        "from zenml.client import Client\n"
        "# legacy spelling, still used below\n"
        "import os\n\n"
        "Client().active_stack\nClient()\n"
    )


def test_added_import_goes_after_the_last_zenml_import_and_nothing_else_moves():
    code = (
        '"""Doc."""\n'
        "import os\n"
        "import zenml.repository as r\n"
        "import numpy as np\n\n"
        "r.Repository.initialize()\n"
    )
    out = fixed(code)
    assert out == (
        '"""Doc."""\n'
        "import os\n"
        "import zenml.repository as r\n"
        "from zenml.client import Client\n"
        "import numpy as np\n\n"
        "Client.initialize()\n"
    )


def test_client_name_clash_with_another_library_gets_an_alias():
    code = (
        "from google.cloud.storage import Client\n"
        "from zenml.steps import step\n"
        "from zenml.repository import Repository\n\n"
        "Repository()\nClient()\n"
    )
    out = fixed(code)
    assert "from zenml.client import Client as ZenMLClient\n" in out
    assert "ZenMLClient()\nClient()\n" in out
    assert "from google.cloud.storage import Client\n" in out
    assert "Repository" not in out


def test_import_inside_a_compat_shim_is_left_alone():
    code = (
        "try:\n    from zenml.client import Client\nexcept ImportError:\n"
        "    from zenml.repository import Repository as Client\n\nClient()\n"
    )
    result = fix_source(code)
    assert result.text == code


# ------------------------------------------------------------------ keywords
@pytest.mark.parametrize(
    "before,after",
    [
        ('@pipeline(secrets=["a"], name="p")\n', '@pipeline(name="p")\n'),
        ('@pipeline(name="p", secrets=["a"])\n', '@pipeline(name="p")\n'),
        ('@pipeline(secrets=["a"])\n', "@pipeline()\n"),
        ('@pipeline(\n    name="p",\n    secrets=["a"],\n)\n', '@pipeline(\n    name="p",\n)\n'),
        ('@pipeline(\n    secrets=["a"],\n    name="p",\n)\n', '@pipeline(\n    name="p",\n)\n'),
        ('@pipeline(name="p", secrets=["a"], enable_cache=False)\n', '@pipeline(name="p", enable_cache=False)\n'),
    ],
)
def test_keyword_removal_handles_commas(before, after):
    head = "from zenml.pipelines import pipeline\n\n"
    tail = "def p(step):\n    step()\n"
    assert fixed(head + before + tail) == head + after + tail


def test_keyword_rename_keeps_value_and_layout():
    code = "from zenml.steps import step\n\n@step(custom_step_operator = 'so',  enable_cache=False)\ndef s() -> int:\n    return 1\n"
    assert fixed(code) == code.replace("custom_step_operator", "step_operator")


# ------------------------------------------------------------------ TODO comments
def test_todo_is_added_once_above_the_statement_with_its_indentation():
    code = (
        "from zenml.container_registries import GCPContainerRegistry  # noqa\n\n"
        "def f():\n"
        "    text = '''\n"
        "GCPContainerRegistry is mentioned in a string\n"
        "'''\n"
        "    return GCPContainerRegistry(\n        name='r', uri='u'\n    )\n"
    )
    out = fixed(code, rules=WITHOUT_ZM461)  # the stub ZM461 offers for the import (a string names it) is not what this pins
    rule = get_rule("ZM109")
    lines = out.splitlines()
    marker = f"# TODO(zenml-migrate): ZM109 {rule.todo}"
    assert lines[0] == marker
    ret = lines.index("    return GCPContainerRegistry(")
    above = lines[ret - 2 : ret]  # ZM109 (the class) and ZM410 (instantiating it), in code order
    assert above[0] == "    " + marker and above[1].startswith("    # TODO(zenml-migrate): ZM410 ")
    assert out.count("TODO(zenml-migrate)") == 3
    assert "'''\nGCPContainerRegistry is mentioned in a string\n'''" in out


def test_todo_goes_above_the_decorators():
    code = (
        "from zenml.steps import step\n\nclass C:\n"
        "    @staticmethod\n"
        "    @step(custom_step_operator=clone_it())\n"
        "    def s() -> int:\n        return 1\n"
    )
    rules = [dataclasses.replace(get_rule("ZM201"), fix=Fix.NONE, todo="rename it by hand")]
    out = fixed(code, rules=rules)
    assert "class C:\n    # TODO(zenml-migrate): ZM201 rename it by hand\n    @staticmethod\n" in out


def test_unsafe_fix_needs_the_flag_and_leaves_a_todo_without_it():
    rule = dataclasses.replace(get_rule("ZM201"), fix=Fix.UNSAFE, todo="check the operator")
    code = "from zenml.steps import step\n\n@step(custom_step_operator='so')\ndef s() -> int:\n    return 1\n"
    safe = fix_source(code, rules=[rule])
    assert "# TODO(zenml-migrate): ZM201 check the operator\n@step(custom_step_operator='so')" in safe.text
    assert safe.todos == ["ZM201"] and not safe.applied
    unsafe = fix_source(code, rules=[rule], unsafe=True)
    assert "@step(step_operator='so')" in unsafe.text and unsafe.applied["ZM201"] == 1
    assert "TODO" not in unsafe.text


def test_existing_todo_marker_is_not_repeated():
    code = (
        "from zenml.container_registries import GCPContainerRegistry\n\n"
        "# TODO(zenml-migrate): ZM109 someone wrote this already\n"
        "GCPContainerRegistry(name='r', uri='u')\n"
    )
    out = fixed(code, rules=WITHOUT_ZM461)  # ZM461's TODO (it names ZM109's advice) is not what this pins
    assert out.count("ZM109") == 2  # the new one on the import, the old one kept


def test_suppressed_finding_gets_neither_fix_nor_todo():
    code = "from zenml.steps import BaseStepConfig  # migrate: ignore[ZM101]\n"
    assert fix_source(code).text == code


# ------------------------------------------------------------------ safety
def test_file_that_does_not_parse_is_left_alone_with_an_error():
    code = "from zenml.steps import BaseStepConfig\ndef f(:\n"
    result = fix_source(code)
    assert result.text == code
    assert result.error and "line 2" in result.error


def test_a_broken_codemod_never_costs_the_file(monkeypatch):
    from zenml_migrate.codemods import renames

    def boom(self, original, updated):
        raise ValueError("bug")

    monkeypatch.setattr(renames.RenameSymbols, "leave_Name", boom)
    code = "from zenml.steps import BaseStepConfig\n\nclass C(BaseStepConfig):\n    pass\n"
    result = fix_source(code)
    assert result.text == code and "internal error" in result.error


def test_codemods_run_in_one_pass_and_converge():
    code = (
        "from zenml.steps import step, BaseStepConfig\n"
        "from zenml.repository import Repository\n"
        "from zenml.pipelines import pipeline\n\n"
        "class P(BaseStepConfig):\n    n: int = 1\n\n"
        "@step(custom_step_operator='so', output_types={'o': int})\n"
        "def s(params: P) -> int:\n    return params.n\n\n"
        "@pipeline(secrets=['x'])\n"
        "def p(s):\n    s()\n\n"
        "print(Repository().active_stack_name, Repository().active_user_name)\n"
    )
    result = fix_source(code)
    assert result.error is None
    for code_ in ("ZM101", "ZM108", "ZM201", "ZM202", "ZM206", "ZM402", "ZM403"):
        assert result.applied[code_] >= 1, code_
    assert "Client().active_stack_model.name, Client().active_user.name" in result.text
    assert fix_source(result.text).text == result.text


# ------------------------------------------------------------------ encodings
def _py_job():
    return FileJob("x.py", "py")


def test_crlf_latin1_cookie_and_comments_are_kept():
    text = "# -*- coding: latin-1 -*-\r\n# caf\xe9\r\nfrom zenml.steps import BaseStepConfig\r\n\r\nclass C(BaseStepConfig):  # \xe9t\xe9\r\n    pass\r\n"
    data = text.encode("latin-1")
    out = fix_bytes(_py_job(), data, all_rules(), FixOptions())
    assert out.error is None
    assert out.new == text.replace("BaseStepConfig", "BaseParameters").encode("latin-1")


def test_bom_and_crlf_are_kept_and_added_lines_use_crlf():
    text = "from zenml.container_registries import GCPContainerRegistry\r\n__all__ = [\"GCPContainerRegistry\"]\r\n"  # re-exported: ZM460 keeps it
    data = codecs.BOM_UTF8 + text.encode("utf-8")
    out = fix_bytes(_py_job(), data, WITHOUT_ZM461, FixOptions())  # ZM461 (a safe stub for the exported name) is not what this pins
    assert out.new.startswith(codecs.BOM_UTF8)
    body = out.new[len(codecs.BOM_UTF8):].decode("utf-8")
    assert body.endswith("\r\n" + text) and body.startswith("# TODO(zenml-migrate): ZM109 ")
    assert "\n" not in body.replace("\r\n", "")


def test_missing_final_newline_stays_missing():
    code = "from zenml.steps import BaseStepConfig"
    assert fixed(code) == "from zenml.steps import BaseParameters"


# ------------------------------------------------------------------ notebooks
def _notebook(cells, indent=1):
    nb = {
        "cells": cells,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(nb, indent=indent, ensure_ascii=False) + "\n"


def _code_cell(source, outputs=()):
    return {"cell_type": "code", "execution_count": 1, "id": "c1", "metadata": {"tags": ["x"]}, "outputs": list(outputs), "source": source}


def test_notebook_cells_are_fixed_in_place_with_outputs_metadata_and_layout_kept():
    out_ = [{"name": "stdout", "output_type": "stream", "text": ["héllo\n"]}]
    cells = [
        {"cell_type": "markdown", "id": "m", "metadata": {}, "source": ["# Title ✓\n"]},
        _code_cell(["%matplotlib inline\n", "from zenml.steps import BaseStepConfig\n", "import os"], out_),
        _code_cell(["class C(BaseStepConfig):\n", "    pass"]),
        _code_cell("print('untouched')"),
    ]
    text = _notebook(cells)
    result = fix_source(text, "nb.ipynb")
    assert result.error is None, result.error
    new = json.loads(result.text)
    assert new["cells"][1]["source"] == ["%matplotlib inline\n", "from zenml.steps import BaseParameters\n", "import os"]
    assert new["cells"][2]["source"] == ["class C(BaseParameters):\n", "    pass"]
    assert new["cells"][3]["source"] == "print('untouched')"
    assert new["cells"][1]["outputs"] == out_ and new["metadata"] == json.loads(text)["metadata"]
    expected = json.loads(text)
    expected["cells"][1]["source"] = new["cells"][1]["source"]
    expected["cells"][2]["source"] = new["cells"][2]["source"]
    assert result.text == _notebook(expected["cells"])  # same indent, key order, unicode, final newline
    assert fix_source(result.text, "nb.ipynb").text == result.text


def test_notebook_todo_lands_in_the_right_cell_and_findings_carry_cells():
    cells = [_code_cell("import os"), _code_cell("from zenml.container_registries import GCPContainerRegistry\n__all__ = ['GCPContainerRegistry']")]
    result = fix_source(_notebook(cells, indent=2), "nb.ipynb", rules=WITHOUT_ZM461)  # ZM461's safe stub: not pinned here
    new = json.loads(result.text)
    assert new["cells"][0]["source"] == "import os"
    assert new["cells"][1]["source"].startswith("# TODO(zenml-migrate): ZM109 ")
    assert result.remaining and all(f.cell == 2 for f in result.remaining)
    assert result.text.startswith('{\n  "cells"')


def test_notebook_without_findings_is_returned_byte_identical():
    text = _notebook([_code_cell("import os")], indent=4)
    assert fix_source(text, "nb.ipynb").text == text


# ------------------------------------------------------------------ positions
def test_fast_positions_equal_libcst_position_provider(repo_root):
    import glob

    import libcst as cst
    from libcst.metadata import MetadataWrapper, PositionProvider

    from zenml_migrate.fix.positions import positions_and_code

    files = sorted(glob.glob(f"{repo_root}/migrate/**/*.py", recursive=True))[:40]
    files += [f"{repo_root}/tests/test_fixer.py"]
    for path in files:
        with open(path, "rb") as fh:
            module = cst.parse_module(fh.read())
        positions, code = positions_and_code(module)
        assert code == module.code
        expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        assert positions.as_dict() == dict(expected), path


def test_notebook_cell_magic_cells_are_kept_as_they_are():
    cells = [
        _code_cell(["%%bash\n", "echo from zenml.steps import BaseStepConfig\n", "ls -la"]),
        _code_cell(["!pip install zenml==0.13.2\n", "from zenml.steps import BaseStepConfig"]),
    ]
    result = fix_source(_notebook(cells), "nb.ipynb")
    assert result.error is None, result.error
    new = json.loads(result.text)
    assert new["cells"][0]["source"] == cells[0]["source"]
    assert new["cells"][1]["source"] == ["!pip install zenml==0.20.5\n", "from zenml.steps import BaseParameters"]  # ZM970: the pin


def test_fix_file_writes_atomically_and_leaves_clean_files_alone(tmp_path):
    import os

    from zenml_migrate.fix.fixer import fix_file

    legacy = tmp_path / "a.py"
    legacy.write_text("from zenml.steps import BaseStepConfig\n")
    clean = tmp_path / "b.py"
    clean.write_text("import os\n")
    stamp = os.stat(clean).st_mtime_ns
    result = fix_file(str(legacy), write=True)
    assert result.changed and legacy.read_text() == "from zenml.steps import BaseParameters\n"
    assert not fix_file(str(clean), write=True).changed
    assert os.stat(clean).st_mtime_ns == stamp
    assert sorted(os.listdir(tmp_path)) == ["a.py", "b.py"]


def test_redundant_alias_is_renamed_with_the_name():
    code = "from zenml.steps import BaseStepConfig as BaseStepConfig\n\nclass C(BaseStepConfig):\n    pass\n"
    assert fixed(code) == "from zenml.steps import BaseParameters\n\nclass C(BaseParameters):\n    pass\n"
    code = "from zenml.repository import Repository as Repository, Repository as R\n\nRepository()\nR()\n"
    assert fixed(code) == "from zenml.client import Client, Client as R\n\nClient()\nR()\n"


def test_new_name_clashing_with_a_local_class_gets_an_alias():
    code = (
        "from zenml.steps import BaseStepConfig\n\n"
        "class BaseParameters:\n    pass\n\n"
        "class C(BaseStepConfig):\n    pass\n"
    )
    out = fixed(code)
    assert out == (
        "from zenml.steps import BaseParameters as ZenMLBaseParameters\n\n"
        "class BaseParameters:\n    pass\n\n"
        "class C(ZenMLBaseParameters):\n    pass\n"
    )


def test_a_zenml_import_the_file_also_rebinds_is_not_reused_by_a_rewrite(monkeypatch):
    # held-out 8 r2's shape: `get_pipeline` is imported from zenml in one branch of an `if`
    # and defined as a 0.13 wrapper in the other; inside the wrapper the name is the wrapper itself
    code = (
        "import zenml\n\n"
        "if zenml.__version__ >= '0.20':\n"
        "    from zenml.post_execution import get_pipeline\n"
        "else:\n"
        "    from zenml.repository import Repository\n\n"
        "    def get_pipeline(name):\n"
        "        return Repository().get_pipeline(name)\n"
    )
    # a gate on the zenml version: its else branch is the user's 0.13 code, left as written
    # (tests/test_version_gates.py); the same shape under another test is rewritten
    assert fixed(code) == code
    code = code.replace("zenml.__version__ >= '0.20'", "zenml.__name__ != 'zenml'")
    out = fixed(code)
    assert out == (
        "import zenml\n"
        "from zenml.post_execution import get_pipeline as ZenMLget_pipeline\n\n"
        "if zenml.__name__ != 'zenml':\n"
        "    from zenml.post_execution import get_pipeline\n"
        "else:\n\n"
        "    def get_pipeline(name):\n"
        "        return ZenMLget_pipeline(name)\n"
    )
    # run on a stand-in 0.13 zenml: the wrapper reaches zenml's function (the old rewrite recursed)
    zenml = types.ModuleType("zenml")
    zenml.__version__ = "0.13.2"
    post = types.ModuleType("zenml.post_execution")
    post.get_pipeline = lambda name: ("zenml", name)
    zenml.post_execution = post
    monkeypatch.setitem(sys.modules, "zenml", zenml)
    monkeypatch.setitem(sys.modules, "zenml.post_execution", post)
    namespace: dict = {}
    exec(compile(out, "gated.py", "exec"), namespace)
    assert namespace["get_pipeline"] is not post.get_pipeline
    assert namespace["get_pipeline"]("p") == ("zenml", "p")


def test_work_a_rename_would_hide_is_marked_before_the_rename():
    # after Repository -> Client the detector cannot tell `Client().active_profile` is the
    # removed 0.13.2 API any more: the TODO must be written before, and reported
    code = "from zenml.repository import Repository\n\nname = Repository().active_profile_name\n"
    result = fix_source(code, rules=WITHOUT_ZM461)  # ZM461 (the statement fails at import) is not what this pins
    rule = get_rule("ZM401")
    assert result.text == (
        "from zenml.client import Client\n\n"
        f"# TODO(zenml-migrate): ZM401 {rule.todo or rule.instead}\n"
        "name = Client().active_profile_name\n"
    )
    assert result.applied == {"ZM108": 2} and result.todos == ["ZM401"]
    assert fix_source(result.text, rules=WITHOUT_ZM461).text == result.text


def test_a_finding_inside_a_rewritten_expression_gets_no_stale_todo():
    code = (
        "from zenml.steps import step, StepContext\n\n@step\ndef s(context: StepContext) -> None:\n"
        "    context.metadata_store.get_pipeline('p')\n"
    )
    result = fix_source(code)
    assert "get_pipeline('p')" in result.text and "metadata_store" not in result.text
    assert "ZM310" not in result.text
