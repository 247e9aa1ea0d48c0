"""ZM113's item drop (codemods/literal_items.py) on items that read a removed member's ``.value`` or
``.name`` (held-out 19 click_stack_builder: ``click.Choice([StoreType.LOCAL.value, ...])`` in a
decorator, which failed at import on 0.20 and no fix level could comment out)."""

import textwrap

from zenml_migrate.api import scan_source
from zenml_migrate.fix.fixer import fix_source


def _c(text: str) -> str:
    return textwrap.dedent(text).lstrip()


SOURCE = _c(
    """
    import pytest
    import zenml.enums as ze

    STORES = (ze.StoreType.REST.value, ze.StoreType.LOCAL.value)


    @pytest.mark.parametrize("kind", [ze.StackComponentType.METADATA_STORE.name, "orchestrator"])
    def test_kind(kind):
        assert kind in {ze.StackComponentType.METADATA_STORE.value, ze.StackComponentType.ARTIFACT_STORE.value}


    def other_reads():
        shouted = [ze.StoreType.LOCAL.value.upper(), "SQL"]
        return shouted, [ze.StoreType.LOCAL.label, "sql"]
    """
)


def test_items_reading_value_or_name_leave_the_literal_and_others_stay_for_a_human():
    found = [f for f in scan_source(SOURCE, "m.py") if f.code == "ZM113"]
    assert [(f.span.line, f.fix) for f in found] == [(4, "safe"), (7, "safe"), (9, "safe"), (13, None), (14, None)], found
    result = fix_source(SOURCE, "m.py")
    assert "STORES = (ze.StoreType.REST.value,)\n" in result.text, result.text
    assert '@pytest.mark.parametrize("kind", ["orchestrator"])' in result.text
    assert "    assert kind in {ze.StackComponentType.ARTIFACT_STORE.value}\n" in result.text
    assert [f.code for f in result.remaining] == ["ZM113", "ZM113"]  # a call on the value, another attribute
    assert fix_source(result.text, "m.py").text == result.text


LOOKUPS = _c(
    """
    from zenml.enums import StoreType as ST, StackComponentType

    BACKENDS = {ST(v) for v in ["sql", "local", "rest"]}
    WANTED = ["artifact_store", "metadata_store"]
    for wanted in WANTED:
        print(StackComponentType(wanted))


    def pick():
        kinds = ("local",)
        kinds = kinds + ("rest",)
        return [ST(k) for k in kinds]
    """
)


def test_a_removed_value_a_loop_variable_looks_up_leaves_its_display():
    """``StackComponentType(k) for k in (..., "metadata_store")``: ValueError on 0.20 when the loop
    reaches that string (held-out 21 r01); a name bound twice is not one display: no finding."""
    found = [f for f in scan_source(LOOKUPS, "m.py") if f.code == "ZM113"]
    assert [(f.span.line, f.span.column, f.fix) for f in found] == [(3, 36, "safe"), (4, 29, "safe")], found
    result = fix_source(LOOKUPS, "m.py")
    assert 'BACKENDS = {ST(v) for v in ["sql", "rest"]}\n' in result.text, result.text
    assert 'WANTED = ["artifact_store"]\n' in result.text
    assert result.remaining == []
    assert fix_source(result.text, "m.py").text == result.text


def test_a_dict_entry_keyed_by_a_removed_member_leaves_the_dict():
    # a table keyed by component types / store types (held-out 24 style): no 0.20 lookup uses the
    # removed key, so the entry leaves; an entry whose value runs code, a removed member as a
    # value, and a ``**`` entry stay for a human
    source = _c(
        """
        import zenml.enums as ze

        ICONS = {
            ze.StackComponentType.ARTIFACT_STORE: "box",
            ze.StackComponentType.METADATA_STORE: "db",  # gone in 0.20
            ze.StackComponentType.ORCHESTRATOR: "gear"
        }
        URLS = {ze.StoreType.LOCAL.value: "file://", ze.StoreType.SQL.value: "mysql://"}
        ONLY = {ze.StoreType.LOCAL: None}
        BUILT = {ze.StackComponentType.METADATA_STORE: open_store(), "k": 1}
        AS_VALUE = {"metadata": ze.StackComponentType.METADATA_STORE}
        """
    )
    findings = [f for f in scan_source(source) if f.code == "ZM113"]
    assert [(f.span.line, f.fix) for f in findings][:3] == [(5, "safe"), (8, "safe"), (9, "safe")]
    assert [(f.span.line, f.fix, f.resolved_by) for f in findings][3:] == [(10, "unsafe", "ZM461"), (11, "unsafe", "ZM461")]
    result = fix_source(source)
    assert '    ze.StackComponentType.ARTIFACT_STORE: "box",\n    ze.StackComponentType.ORCHESTRATOR: "gear"\n}\n' in result.text
    assert 'URLS = {ze.StoreType.SQL.value: "mysql://"}\n' in result.text and "ONLY = {}\n" in result.text
    assert "open_store()" in result.text and '"db"' not in result.text
    assert [f.span.line for f in result.remaining if f.code == "ZM113"] == [11, 14]  # below their TODO lines
