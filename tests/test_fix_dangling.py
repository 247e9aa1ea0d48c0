"""The fixer's last self-check: a rewrite never leaves a name undefined (``fix/dangling.py``).

Two fixes of one file can disagree: ZM460 removes an import whose only use runs after import
(under ``if __name__ == "__main__":`` or in a function) while the unsafe ZM210 moves that use
into the step decorator, which runs at import: NameError on 0.20, and no rule reports it."""

import textwrap
from dataclasses import replace

from zenml_migrate.api import scan_source
from zenml_migrate.fix import fixer
from zenml_migrate.fix.result import FixOptions
from zenml_migrate.rules import all_rules
from zenml_migrate.scan.file_scan import FileJob
from zenml_migrate.fix.dangling import binding_lines, dangling, introduced, reading_lines
from zenml_migrate.fix.result import FixResult

RELOCATED_USE = textwrap.dedent('''
    """Training pipeline (0.7 style)."""
    from zenml.integrations.tensorflow.materializers.keras_meterializer import KerasMaterializer
    from zenml.pipelines import pipeline
    from zenml.steps import step


    @step
    def train_model() -> int:
        return 3


    @pipeline
    def training(train_model):
        train_model()


    def main():
        training(train_model=train_model().with_return_materializers(KerasMaterializer)).run()
''').lstrip()


def test_dangling_sees_every_scope():
    text = textwrap.dedent('''
        import os
        class A:
            x = foo
            def m(self):
                return bar + os.sep + len("")
        def f():
            global g
            g = 1
        def h():
            return g, __name__
        squares = [q * q for q in z]
    ''')
    assert dangling(text) == {"foo", "z"}  # ``bar`` is read when ``m`` is called, not on import


def test_dangling_unknown_with_star_import_or_bad_text():
    assert dangling("from m import *\nprint(x)\n") is None
    assert dangling("def (:\n") is None


def test_code_after_raise_is_not_a_read():
    text = 'if __name__ == "__main__":\n    raise NotImplementedError("x")\n    Gone()\n'
    assert dangling(text) == frozenset()
    assert dangling(text.replace("raise NotImplementedError", "print")) == {"Gone"}


def test_introduced_only_counts_new_names():
    assert introduced("print(x)\n", "print(x)\n") == frozenset()
    assert introduced("import a\na.b()\n", "a.b()\n") == {"a"}


def test_binding_and_reading_lines():
    import ast

    tree = ast.parse("import a\nfrom m import B as C\nfor i in a: pass\ndef f():\n    C = 1\n    return C\nprint(C)\n")
    assert binding_lines(tree, {"C"}) == {2}
    assert binding_lines(tree, {"a", "i"}) == {1, 3}
    assert reading_lines(tree, {"C"}) == {6, 7}


def test_unsafe_fixes_never_write_a_name_error():
    zm210 = [f for f in scan_source(RELOCATED_USE, "pipe.py") if f.code == "ZM210"]
    assert len(zm210) == 1 and zm210[0].fix is None  # the scan declines the move itself
    result = fixer.fix_source(RELOCATED_USE, "pipe.py", unsafe=True)
    assert result.error is None
    compile(result.text, "pipe.py", "exec")
    assert dangling(result.text) == frozenset()
    # ZM460 (safe) applies: the import goes, main() raises under its TODO; ZM210 is left
    assert "keras_meterializer" not in result.text
    assert result.applied["ZM460"] == 1 and "ZM210" not in result.applied
    assert 'raise NotImplementedError("zenml-migrate: `KerasMaterializer`' in result.text
    assert "@step\ndef train_model" in result.text
    assert fixer.fix_source(result.text, "pipe.py", unsafe=True).text == result.text


def test_the_fixer_declines_what_would_leave_a_name_undefined():
    """The last self-check, for fixes that disagree in a way the scan did not foresee: here the
    scan's decline of ZM210 is undone, so the combined rewrite would move the use of a removed
    import into the decorator (NameError on import)."""
    findings = []
    for f in scan_source(RELOCATED_USE, "pipe.py"):
        if f.code == "ZM210":
            f = replace(f, fix="unsafe", message=f.message.split(" (no automatic fix here: ")[0])
        findings.append(f)
    job = FileJob("pipe.py", "py", module_name="pipe")
    result = fixer.fix_text(RELOCATED_USE, job, all_rules(), FixOptions(unsafe=True), findings=findings)
    assert result.error is None
    assert dangling(result.text) == frozenset()
    assert result.applied["ZM460"] == 1 and "ZM210" not in result.applied
    assert "(not rewritten: another fix of this file still needs `KerasMaterializer` here)" in result.text


def test_safe_fixes_alone_are_unchanged():
    result = fixer.fix_source(RELOCATED_USE, "pipe.py")
    assert result.error is None and result.applied["ZM460"] == 1
    assert "not rewritten: another fix" not in result.text
    assert dangling(result.text) == frozenset()


def test_file_left_unchanged_when_no_decline_helps(monkeypatch):
    broken = FixResult("print(KerasMaterializer)\n", text_changed=True)
    monkeypatch.setattr(fixer, "_fix_text", lambda *args, **kwargs: broken)
    result = fixer.fix_source(RELOCATED_USE, "pipe.py", unsafe=True)
    assert result.text == RELOCATED_USE
    assert result.error == (
        "the rewrite would leave `KerasMaterializer` undefined (NameError on 0.20); file left unchanged, please report it"
    )


def test_function_bodies_count_names_they_did_not_have_as_locals():
    before = "from zenml.repository import Repository\n\ndef f(steps):\n    return Repository(), steps\n"
    # a rename without its import: NameError when f runs
    assert introduced(before, "def f(steps):\n    return Client(), steps\n") == {"Client", }
    # a re-signed hook that keeps an old parameter name in its body (under a TODO) is not counted
    assert introduced(before, "from zenml.repository import Repository\n\ndef f(deployment):\n    return Repository(), steps\n") == frozenset()
